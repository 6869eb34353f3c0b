"""Benchmark the Agreement's PDF: rendering and sealing a version of about 30 pages, against WeasyPrint alone.

Run with `make bench`. Builds a version long enough to print on about 30
pages, signed by 20 partner organisations, then times (median of a few runs):
WeasyPrint alone printing the same HTML as a plain PDF; WeasyPrint printing it
as tagged PDF/A-3a with the canonical text attached (agreements.pdf); and the
whole rendition, that plus building the HTML and sealing with pyHanko
(agreements.renditions). Prints the figures and the ratios to WeasyPrint alone.
The three are timed in turn, round after round (BENCH_REPEAT rounds, 3 by
default), so that a busy machine slows each of them alike; the ratios are
also given in CPU time, which another process's load disturbs less.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
_tmp = tempfile.mkdtemp(prefix="bench-agreements-")
os.environ["VAR_DIR"] = _tmp
os.environ["DATABASE_URL"] = f"sqlite:///{_tmp}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ["AXES_ENABLED"] = "false"

import django  # noqa: E402

django.setup()

import datetime  # noqa: E402
import warnings  # noqa: E402

from django.contrib.auth.models import Group  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.utils import timezone  # noqa: E402

from agreements import rendering, renditions, seal  # noqa: E402
from agreements.actions import drafting as actions  # noqa: E402
from agreements.actions import signing as actions_signing  # noqa: E402
from agreements.canonical import canonical_text  # noqa: E402
from agreements.models import Rendition, Signature  # noqa: E402
from agreements.pdf import build_html, write_pdf  # noqa: E402
from bodies.actions.bodies import establish_body  # noqa: E402
from bodies.models import BodyKind, Mode  # noqa: E402
from meetings.models import Meeting  # noqa: E402
from partnership.models import SECRETARIAT_GROUP, Organisation, Person, Sector, User  # noqa: E402

REPEAT = int(os.environ.get("BENCH_REPEAT", "3"))
PASSWORD = "bench-password-2009"  # noqa: S105 - a throwaway login in a throwaway database
SECTIONS = 24
CLAUSES = 4
ORGANISATIONS = 20
PARAGRAPH = (
    "The partners agree to plan their services for the borough together, to share what they know about the "
    "needs of its communities, and to review each year whether the arrangements in this clause still serve "
    "the people who live and work here."
)


def setup():
    call_command("migrate", verbosity=0)
    officer = User.objects.create_user("bench@example.org", PASSWORD)
    officer.groups.add(Group.objects.get_or_create(name=SECRETARIAT_GROUP)[0])
    Person.objects.create(name="Bench Officer", email="bench@example.org", user=officer)
    board = establish_body(
        by=officer,
        established_on=datetime.date(2009, 1, 1),
        reason="Bench",
        name="Board",
        slug="board",
        kind=BodyKind.PARTNERSHIP_BOARD,
        mode=Mode.ADVISORY,
    )
    meeting = Meeting.objects.create(body=board, starts_at=timezone.now() - datetime.timedelta(days=2))
    agreement = actions.create_agreement(by=officer, title="Agreement and Protocols", slug="agreement")
    version = actions.start_draft(agreement, by=officer, label="Bench version")
    for s in range(SECTIONS):
        section = actions.add_clause(version, by=officer, heading=f"Section heading {s + 1}", text=PARAGRAPH)
        for _ in range(CLAUSES):
            actions.add_clause(version, by=officer, text=f"{PARAGRAPH}\n\n- {PARAGRAPH}\n- {PARAGRAPH}", inside=section)
    actions.add_clause(version, by=officer, heading="Signatories to the Agreement", text="Each partner signs.")
    actions.add_clause(version, by=officer, heading="Equality Statement", text=PARAGRAPH, annex=True)
    version = actions.adopt_version(version, by=officer, meeting=meeting, takes_effect=timezone.localdate())
    for i in range(ORGANISATIONS):
        organisation = Organisation.objects.create(
            name=f"Partner organisation {i:02}", slug=f"partner-{i}", sector=Sector.PUBLIC
        )
        user = User.objects.create_user(f"signatory{i}@example.org", PASSWORD)
        person = Person.objects.create(name=f"Signatory {i}", email=f"signatory{i}@example.org", user=user)
        actions_signing.designate_signatory(
            by=officer, organisation=organisation, person=person, start=datetime.date(2009, 1, 1)
        )
        if i % 2 == 0:
            actions_signing.sign_version(
                version,
                by=user,
                organisation=organisation,
                password=PASSWORD,
                consented=True,
                read_sha256=version.sha256,
                ip_address="192.0.2.1",
                user_agent="bench",
            )
    return version


def timed(function):
    """(wall-clock seconds, CPU seconds, result) of one call."""
    started, cpu = time.perf_counter(), time.process_time()
    result = function()
    return time.perf_counter() - started, time.process_time() - cpu, result


def median_times(functions, repeat=REPEAT):
    """{name: (median wall-clock, median CPU, last result)}, the functions called in turn in each round."""
    runs = {name: [] for name in functions}
    for _ in range(repeat):
        for name, function in functions.items():
            runs[name].append(timed(function))
    return {
        name: (
            statistics.median(run[0] for run in results),
            statistics.median(run[1] for run in results),
            results[-1][2],
        )
        for name, results in runs.items()
    }


def main():
    # No worker here: each rendition is rendered in this process, so nothing is queued.
    renditions.enqueue = lambda rendition_id: None
    version = setup()
    signatures = list(Signature.objects.filter(version=version).select_related("organisation", "person"))
    html = build_html(version, signatures, state_key="bench")
    text = canonical_text(version)
    seal.make_dev_seal()

    from django.template.loader import render_to_string
    from weasyprint import CSS, HTML

    def weasyprint_alone():
        css = CSS(string=render_to_string("agreements/pdf/document.css"))
        document = HTML(string=html).render(stylesheets=[css])
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ResourceWarning)
            return len(document.pages), document.write_pdf()

    def archival():
        return write_pdf(html, attachment_text=text)

    def rendition():
        Rendition.objects.all().delete()
        r = renditions.request_rendition(version)
        return rendering.render(r.pk)

    rendition()  # the first seal loads the signer, once per process, as a worker's first rendition does
    times = median_times({"alone": weasyprint_alone, "pdfa": archival, "whole": rendition})
    alone, alone_cpu, (pages, _) = times["alone"]
    pdfa, pdfa_cpu, rendered = times["pdfa"]
    whole, whole_cpu, done = times["whole"]
    sealing, sealing_cpu, _ = median_times({"seal": lambda: seal.seal_pdf(rendered.pdf, reason="bench")})["seal"]
    print(
        f"Agreement PDF: {pages} pages, {len(signatures)} of {ORGANISATIONS} organisations signed; "
        f"median of {REPEAT} rounds (wall clock, and CPU time)"
    )
    print(
        f"  WeasyPrint alone (plain PDF)           {alone * 1000:8.0f} ms   1.00x   CPU {alone_cpu * 1000:6.0f} ms 1.00x"
    )
    for label, wall, cpu in [
        ("WeasyPrint tagged PDF/A-3a + text", pdfa, pdfa_cpu),
        ("pyHanko seal alone", sealing, sealing_cpu),
        ("whole rendition (HTML, PDF/A, seal)", whole, whole_cpu),
    ]:
        print(
            f"  {label:38} {wall * 1000:8.0f} ms   {wall / alone:.2f}x   CPU {cpu * 1000:6.0f} ms {cpu / alone_cpu:.2f}x"
        )
    print(f"  sealed file: {done.pages} pages, {done.file.size // 1024} KiB")


if __name__ == "__main__":
    main()
