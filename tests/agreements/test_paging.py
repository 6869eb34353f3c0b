"""The Agreement's lists that grow with the years are paged: versions, comments, the signing log, signatories.

Each test makes a page and one row more, with the page size made small; test_the_page_sizes says the defaults.
"""

import datetime

from django.urls import reverse

from agreements.actions import consultation as actions_consultation
from agreements.actions import drafting
from agreements.models import Clause, SigningEvent, SigningEventKind
from agreements.views import consultation as consultation_views
from agreements.views import signing, text
from tests.agreements.factories import VersionFactory, board_meeting, build, designate
from tests.factories import OrganisationFactory
from tests.paging import assert_a_full_page_and_a_next


def test_the_page_sizes():
    assert (text.VERSIONS_PER_PAGE, consultation_views.COMMENTS_PER_PAGE, signing.PER_PAGE) == (25, 50, 50)


def add_versions(cast, agreement, n):
    """`n` adopted versions, a year apart, each superseding the last."""
    for i in range(n):
        day = datetime.date(2000 + i, 5, 1)
        version = VersionFactory(agreement=agreement, label=f"Version {i}")
        build(version, [("1", "Introduction", f"Text {i}.")])
        meeting, decision = board_meeting(cast.board, day)
        drafting.adopt_version(version, by=cast.secretariat, meeting=meeting, decision=decision, takes_effect=day)


def test_the_versions_are_paged_the_latest_first(cast, client, agreement, monkeypatch):
    monkeypatch.setattr(text, "VERSIONS_PER_PAGE", 2)
    add_versions(cast, agreement, 3)
    first = client.get(reverse("agreement_versions"))
    assert [v.label for v in first.context["versions"]] == ["Version 2", "Version 1"]
    assert_a_full_page_and_a_next(first, first.context["versions"], 2)
    assert [v.label for v in client.get(reverse("agreement_versions"), {"page": 2}).context["versions"]] == [
        "Version 0"
    ]


def add_comments(cast, version, n):
    clause = Clause.objects.filter(version=version).first()
    return [actions_consultation.add_comment(clause, by=cast.member, text=f"Comment {i}") for i in range(n)]


def test_a_partners_comments_are_paged_the_latest_first(cast, client_for, consultation, monkeypatch):
    monkeypatch.setattr(consultation_views, "COMMENTS_PER_PAGE", 2)
    add_comments(cast, consultation, 3)
    client = client_for("member")
    first = client.get(reverse("agreement_my_comments"))
    assert [c.text for c in first.context["comments"]] == ["Comment 2", "Comment 1"]
    assert_a_full_page_and_a_next(first, first.context["comments"], 2)
    assert [c.text for c in client.get(reverse("agreement_my_comments"), {"page": 2}).context["comments"]] == [
        "Comment 0"
    ]


def test_the_secretariats_comments_are_paged_with_the_filter_kept(cast, client_for, consultation, monkeypatch):
    monkeypatch.setattr(consultation_views, "COMMENTS_PER_PAGE", 2)
    add_comments(cast, consultation, 3)
    url = reverse("agreement_comments", args=[consultation.pk])
    client = client_for("secretariat")
    first = client.get(url, {"show": "open"})
    assert [c.text for c in first.context["comments"]] == ["Comment 0", "Comment 1"]
    assert_a_full_page_and_a_next(first, first.context["comments"], 2)
    assert 'href="?show=open&amp;page=2" rel="next"' in first.content.decode()
    assert [c.text for c in client.get(url, {"show": "open", "page": 2}).context["comments"]] == ["Comment 2"]


def test_the_signing_log_is_paged_the_latest_first(cast, client_for, adopted, monkeypatch):
    monkeypatch.setattr(signing, "PER_PAGE", 2)
    for i in range(3):
        SigningEvent.objects.create(kind=SigningEventKind.REFUSED, version=adopted, user=cast.member, detail=f"Try {i}")
    client = client_for("secretariat")
    url = reverse("agreement_signatures", args=[adopted.pk])
    first = client.get(url)
    assert [e.detail for e in first.context["events"]] == ["Try 2", "Try 1"]
    assert_a_full_page_and_a_next(first, first.context["events"], 2, label="Signing log: pages")
    assert [e.detail for e in client.get(url, {"page": 2}).context["events"]] == ["Try 0"]


def test_the_signatories_are_paged(cast, client_for, monkeypatch):
    monkeypatch.setattr(signing, "PER_PAGE", 2)
    for name in ("Alpha", "Beta", "Gamma"):
        designate(cast, cast.member, OrganisationFactory(name=name), start=datetime.date(2009, 4, 1))
    client = client_for("secretariat")
    first = client.get(reverse("agreement_signatories"))
    assert [d.organisation.name for d in first.context["designations"]] == ["Alpha", "Beta"]
    assert_a_full_page_and_a_next(first, first.context["designations"], 2)
    second = client.get(reverse("agreement_signatories"), {"page": 2})
    assert [d.organisation.name for d in second.context["designations"]] == ["Gamma"]
