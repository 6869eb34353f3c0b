"""The performance pages: the list, an indicator with its chart and figures, entering values, exceptions, the report."""

import datetime
import io
import re
import xml.etree.ElementTree as ET
from decimal import Decimal as D

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from meetings.models import AgendaItem, Paper
from performance.models import Value
from tests.factories import BodyFactory, MeetingFactory
from tests.performance.conftest import Q1, Q2
from tests.performance.factories import IndicatorFactory, TargetFactory, ValueFactory

pytestmark = pytest.mark.django_db

DRAFT = "DRAFT-7c1e"
Q3 = datetime.date(2009, 10, 1)


@pytest.fixture
def figures(indicator, reporter):
    """Q1 and Q2 published (on track, then off track); Q3 a draft with a planted note and figure."""
    TargetFactory(indicator=indicator, period_start=Q1, value=D("70"))
    TargetFactory(indicator=indicator, period_start=Q2, value=D("72"))
    TargetFactory(indicator=indicator, period_start=Q3, value=D("74"))
    ValueFactory(indicator=indicator, period_start=Q1, value=D("71.5"), note="Counted in June")
    ValueFactory(indicator=indicator, period_start=Q2, value=D("65.25"))
    ValueFactory(
        indicator=indicator,
        period_start=Q3,
        value=D("4321.75"),
        note=f"Unchecked {DRAFT}",
        published_at=None,
        entered_by=reporter,
    )
    return indicator


def cells(html, caption):
    """The rows of the table with `caption`, as lists of cell texts."""
    table = re.search(r"<table[^>]*>\s*<caption[^>]*>\s*" + re.escape(caption) + r".*?</table>", html, re.S).group(0)
    rows = re.findall(r"<tr class=\"govuk-table__row\">(.*?)</tr>", table, re.S)
    return [
        [re.sub(r"<[^>]+>", " ", cell).split() for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        for row in rows[1:]
    ]


def test_the_public_list_shows_the_latest_published_status(client, figures):
    html = client.get(reverse("performance_indicators")).content.decode()
    assert "Adults in work" in html
    assert "65.25 %, Q2 2009/10" in html
    assert "Off track" in html
    assert DRAFT not in html and "4,321.75" not in html


def test_the_indicator_page_has_the_chart_and_a_table_of_the_same_figures(client, figures):
    html = client.get(figures.get_absolute_url()).content.decode()
    svg = re.search(r"<svg.*?</svg>", html, re.S).group(0)
    root = ET.fromstring(svg)  # noqa: S314 (our own page)
    assert root.get("role") == "img"
    assert root.find("{http://www.w3.org/2000/svg}title").text == "Adults in work"
    desc = root.find("{http://www.w3.org/2000/svg}desc").text
    assert "65.25 % for Q2 2009/10, is off track against a target of 72" in desc
    assert desc in html.replace("&#x27;", "'")  # the same sentence is on the page
    rows = cells(html, "The figures in the chart")
    # Newest first; the public sees the draft's period with its target only.
    assert rows == [
        [["Q3", "2009/10"], ["Not", "reported"], ["74"], ["No", "status"]],
        [["Q2", "2009/10"], ["65.25"], ["72"], ["Off", "track"]],
        [["Q1", "2009/10"], ["71.5"], ["70"], ["On", "track", "Counted", "in", "June"]],
    ]
    # The chart's markers are those figures: two values, three targets.
    assert len(root.findall(".//{http://www.w3.org/2000/svg}circle[@class='app-chart__value']")) == 2
    assert len(root.findall(".//{http://www.w3.org/2000/svg}rect[@class='app-chart__target']")) == 3
    assert DRAFT not in html and "4,321.75" not in html


@pytest.mark.parametrize("who", ["anonymous", "stranger", "member", "chair", "other_member"])
def test_drafts_never_reach_anyone_outside_the_reporter_and_the_secretariat(client_for, figures, who):
    for url in (
        figures.get_absolute_url(),
        reverse("performance_indicators"),
        reverse("performance_exceptions", args=[figures.owner.slug]),
        reverse("performance_report", args=[2009]),
    ):
        html = client_for(who).get(url).content.decode()
        assert DRAFT not in html and "4,321.75" not in html, url


def test_the_reporter_and_the_secretariat_see_drafts_marked(client_for, figures, reporter):
    from django.test import Client

    client = Client()
    client.force_login(reporter)
    for c in (client, client_for("secretariat")):
        html = c.get(figures.get_absolute_url()).content.decode()
        assert DRAFT in html and "4,321.75" in html and "Draft" in html
    assert "Publish Q3 2009/10" in client_for("secretariat").get(figures.get_absolute_url()).content.decode()


def test_the_reporter_enters_a_value_as_a_draft(figures, reporter):
    from django.test import Client

    client = Client()
    client.force_login(reporter)
    url = reverse("performance_value_entry", args=[figures.slug])
    form = client.get(url + "?period=2009-07-01").content.decode()
    assert 'value="2009-07-01" selected' in form
    assert "Publish it now" not in form
    response = client.post(url, {"period_start": "2009-07-01", "value": "66", "note": "Revised after audit"})
    assert response.status_code == 302
    value = Value.objects.get(indicator=figures, period_start=Q2)
    assert value.value == D("66") and not value.is_published and value.entered_by == reporter
    assert value.history.count() == 2
    refused = client.post(url, {"period_start": "2009-07-01", "value": "not a number"})
    assert refused.status_code == 400


def test_the_secretariat_publishes_from_its_list(client_for, figures):
    secretariat = client_for("secretariat")
    html = secretariat.get(reverse("performance_manage")).content.decode()
    assert DRAFT in html
    draft = Value.objects.get(published_at__isnull=True)
    response = secretariat.post(reverse("performance_value_publish", args=[draft.pk]))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.is_published
    assert "4,321.75" in client_for("anonymous").get(figures.get_absolute_url()).content.decode()


def test_the_secretariat_adds_an_indicator_and_a_target(client_for, cast, reporter_org):
    secretariat = client_for("secretariat")
    response = secretariat.post(
        reverse("performance_indicator_create"),
        {
            "name": "Recorded crime",
            "slug": "recorded-crime",
            "definition": "Crimes recorded by the police per 1,000 people.",
            "unit": "per 1,000 people",
            "polarity": "lower",
            "frequency": "annual",
            "owner": cast.forum.pk,
            "reporter": reporter_org.pk,
            "tolerance": "1",
            "due_days": "30",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    response = secretariat.post(
        reverse("performance_target_set", args=["recorded-crime"]), {"period_start": "2009-04-01", "value": "55"}
    )
    assert response.status_code == 302
    html = client_for("anonymous").get(reverse("performance_indicator", args=["recorded-crime"])).content.decode()
    assert "Lower is better" in html and "55" in html


def test_exceptions_page_lists_the_off_track_and_the_secretariat_puts_them_on_the_agenda(client_for, cast, figures):
    on_track = IndicatorFactory(owner=figures.owner, name="Fine indicator")
    TargetFactory(indicator=on_track, value=D("50"))
    ValueFactory(indicator=on_track, value=D("60"))
    url = reverse("performance_exceptions", args=[figures.owner.slug])
    html = client_for("anonymous").get(url).content.decode()
    assert "Adults in work" in html and "Fine indicator" not in html
    assert "Put on the board" not in html
    meeting = MeetingFactory(body=cast.board)
    page = client_for("secretariat").get(url).content.decode()
    assert "Put on the board" in page
    response = client_for("secretariat").post(reverse("performance_exceptions_to_agenda", args=[figures.owner.slug]))
    paper = Paper.objects.get(meeting=meeting)
    assert response.status_code == 302 and response.url == reverse("paper_detail", args=[meeting.pk, paper.pk])
    item = AgendaItem.objects.get(meeting=meeting, title__startswith="Performance exception report")
    assert paper.item == item
    assert paper.title == f"Performance exception report: {figures.owner.name}"
    assert paper.purpose and paper.action_required and paper.author == "Sam Shaw" and paper.circulation
    text = paper.versions.get().text
    assert "Adults in work" in text and "65.25 % for Q2 2009/10" in text and "target of 72" in text
    assert "Fine indicator" not in text and DRAFT not in text


def test_no_exception_report_without_a_meeting_or_without_anything_off_track(client_for, cast, figures):
    response = client_for("secretariat").post(reverse("performance_exceptions_to_agenda", args=[figures.owner.slug]))
    assert response.status_code == 302 and not Paper.objects.exists()
    quiet = BodyFactory()
    MeetingFactory(body=cast.board)
    client_for("secretariat").post(reverse("performance_exceptions_to_agenda", args=[quiet.slug]))
    assert not Paper.objects.exists()


def test_the_annual_report_groups_by_theme_and_area_with_charts(client, figures):
    theme = BodyFactory(name="Health and Wellbeing Partnership", kind="thematic_partnership")
    indicator = IndicatorFactory(owner=theme, name="Smoking quitters", frequency="annual")
    TargetFactory(indicator=indicator, value=D("900"))
    ValueFactory(indicator=indicator, value=D("950"))
    ValueFactory(indicator=indicator, period_start=datetime.date(2010, 4, 1), value=D("1"))  # another year
    html = client.get(reverse("performance_report", args=[2009])).content.decode()
    assert html.index(">Themes<") < html.index("Health and Wellbeing Partnership") < html.index(">Other bodies<")
    assert html.count("<svg") == 2
    assert "950" in html and "2010/11" not in html
    assert "is on track against a target of 900" in html
    assert client.get(reverse("performance_report", args=[3100])).status_code == 404


def _structure_tags(node, found, depth=0, alts=None):
    if depth > 80:
        return
    node = node.get_object() if hasattr(node, "get_object") else node
    if isinstance(node, list):
        for child in node:
            _structure_tags(child, found, depth + 1, alts)
        return
    if not hasattr(node, "get"):
        return
    if "/S" in node:
        found.add(str(node["/S"]))
        if alts is not None and str(node["/S"]) == "/Figure":
            alts.append(str(node.get("/Alt", "")))
    if "/K" in node:
        _structure_tags(node["/K"], found, depth + 1, alts)


def test_the_report_pdf_is_tagged_pdf_ua_with_the_published_figures_only(client, figures):
    response = client.get(reverse("performance_report_pdf", args=[2009]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "performance-report-2009-10.pdf" in response["Content-Disposition"]
    reader = PdfReader(io.BytesIO(response.content))
    catalog = reader.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert catalog["/Lang"] == "en-GB"
    assert reader.metadata.title == "Performance report 2009/10"
    assert 'pdfuaid:part="1"' in catalog["/Metadata"].get_object().get_data().decode()
    tags, alts = set(), []
    _structure_tags(catalog["/StructTreeRoot"], tags, alts=alts)
    assert {"/H1", "/H2", "/H3", "/H4", "/Table", "/TH", "/TD", "/P", "/Figure"} <= tags
    # The chart is a figure with alternative text: its title (the sentence and the table follow it in the text).
    assert alts == ["Adults in work"]
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))
    assert "Adults in work" in text and "65.25" in text
    assert DRAFT not in text and "4,321.75" not in text


def test_a_revised_published_value_leaves_the_public_pages_until_published_again(client, figures, reporter):
    from performance.actions import indicators as actions

    actions.record_value(figures, by=reporter, period_start=Q2, value=D("99.5"), note="Revised")
    html = client.get(figures.get_absolute_url()).content.decode()
    assert "99.5" not in html and "65.25" not in html
    assert timezone.now()


def test_no_page_kept_for_the_public_shows_a_draft(client_for, figures, reporter):
    """The public cache: the reporter and the secretariat read every page first; the public, twice, never sees a draft."""
    from django.test import Client

    urls = [
        figures.get_absolute_url(),
        reverse("performance_indicators"),
        reverse("performance_exceptions", args=[figures.owner.slug]),
        reverse("performance_report", args=[2009]),
        reverse("performance_report_pdf", args=[2009]),
    ]
    rita = Client()
    rita.force_login(reporter)
    for client in (rita, client_for("secretariat")):
        for url in urls:
            assert client.get(url).status_code == 200
    assert DRAFT in rita.get(urls[0]).content.decode()
    anonymous = client_for("anonymous")
    for url in urls * 2:
        content = anonymous.get(url).content
        assert DRAFT.encode() not in content and b"4,321.75" not in content, url


def test_an_indicator_of_a_body_since_ended_can_still_be_edited(client_for, indicator):
    indicator.owner.ended_on = datetime.date(2011, 4, 14)
    indicator.owner.save()
    url = reverse("performance_indicator_edit", args=[indicator.slug])
    form = client_for("secretariat").get(url).content.decode()
    assert f'value="{indicator.owner.pk}" selected' in form
    data = {
        "name": "Adults in paid work",
        "slug": indicator.slug,
        "definition": indicator.definition,
        "unit": indicator.unit,
        "polarity": indicator.polarity,
        "frequency": indicator.frequency,
        "owner": indicator.owner.pk,
        "reporter": indicator.reporter.pk,
        "tolerance": "2",
        "due_days": "30",
    }
    assert client_for("secretariat").post(url, data).status_code == 302
    indicator.refresh_from_db()
    assert indicator.name == "Adults in paid work"
    assert indicator.history.first().history_user.email == "sam@example.org"
