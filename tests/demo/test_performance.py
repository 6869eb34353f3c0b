"""The demo's performance indicators: the themes' and an area's measures over three years, two off track."""

import pytest
from django.test import Client
from django.urls import reverse

from bodies.models import Body
from meetings.models import Paper
from partnership.models import SECRETARIAT_GROUP, User
from performance import queries
from performance.actions import exceptions
from performance.models import Indicator, Target, Value
from tests.demo.support import SEEDS, load, runs_copied_from_the_seeds


class TestDemoPerformance:
    def test_every_theme_and_an_area_has_indicators_over_three_years(self, loaded):
        owners = set(Indicator.objects.values_list("owner__slug", flat=True))
        assert {
            "safer-stronger-communities",
            "children-young-peoples-trust",
            "health-wellbeing-partnership",
            "business-enterprise-culture",
            "environmental-sustainability",
            "apb-chester",
        } == owners
        years = {t.period_start.year for t in Target.objects.all()}
        assert years == {2008, 2009, 2010, 2011}  # 2008/09 to 2010/11; Q4s start in January
        assert Value.objects.filter(published_at__isnull=False).count() == Target.objects.count() - 1

    def test_exactly_two_are_off_track_and_the_secretariat_can_report_one_to_the_board(self, loaded):
        off = [
            indicator.slug
            for indicator in queries.with_status(list(queries.indicators_with_latest()))
            if indicator.latest_status == "off_track"
        ]
        assert sorted(off) == ["alcohol-admissions", "assault-with-injury"]
        health = Body.objects.get(slug="health-wellbeing-partnership")
        by = User.objects.filter(groups__name=SECRETARIAT_GROUP).order_by("pk").first()
        exceptions.put_exceptions_on_agenda(health, by=by)
        paper = Paper.objects.get(title="Performance exception report: Health and Wellbeing Partnership")
        assert paper.meeting.body.slug == "commissioning-board"
        assert "Hospital admissions related to alcohol" in paper.versions.get().text

    def test_the_constabularys_revision_waits_for_the_secretariat(self, loaded):
        draft = Value.objects.get(published_at__isnull=True)
        assert draft.indicator.slug == "serious-acquisitive-crime"
        assert draft.entered_by.email == draft.indicator.reporter.people.get(name="Tim Jackson").user.email
        assert draft.history.count() == 2  # published by the secretariat, then revised

    def test_the_pages_show_the_demo(self, loaded):
        client = Client()
        assert "Serious acquisitive crime" in client.get(reverse("performance_indicators")).content.decode()
        report = client.get(reverse("performance_report", args=[2010])).content.decode()
        assert report.count("<svg") == Indicator.objects.count()
        assert "Chester Area Partnership Board" in report

    def test_loading_again_changes_nothing(self, loaded):
        before = (Indicator.objects.count(), Value.objects.count(), Paper.objects.count())
        load("--quiet")
        assert (Indicator.objects.count(), Value.objects.count(), Paper.objects.count()) == before


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed papers are not on this machine")
def test_demo_performance_copies_no_run_of_twelve_words_from_the_seeds():
    assert runs_copied_from_the_seeds("performance") == []
