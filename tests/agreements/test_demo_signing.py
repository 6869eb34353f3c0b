"""The demo: three partners signed the 2011 revision online, the rest are outstanding; loading again adds nothing."""

import io

from django.core.management import call_command

from agreements import signing
from agreements.models import AgreementVersion, Signatory, Signature


def load():
    out = io.StringIO()
    call_command("loaddemo", "--quiet", stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_the_demo_signs_the_revision_for_some_partners_once(demo_output):
    first, _ = demo_output
    revision = AgreementVersion.objects.get(label="Revised February 2011")
    signed = sorted(Signature.objects.filter(version=revision).values_list("organisation__slug", flat=True))
    second = load()

    assert signed == ["chalc", "cheshire-housing-alliance", "cwac"]
    assert set(Signature.objects.values_list("user_agent", flat=True)) == {"demo (manage.py loaddemo)"}
    assert set(Signature.objects.values_list("ip_address", flat=True)) == {None}
    constabulary = next(o for o in signing.outstanding(revision) if o.slug == "cheshire-constabulary")
    assert [p.name for p in signing.signatories_of(constabulary)] == ["Tim Jackson"]
    assert "Tim Jackson can sign it for Cheshire Constabulary" in first
    assert "nothing changed" in second
    assert (Signature.objects.count(), Signatory.objects.count()) == (3, 4)
