"""The signed-in home (/account/): each of the cast sees exactly their own work, counted, with the page that does it.

The entries come from each app's providers (meetings.work, declarations.work,
agreements.work, registered with partnership.work); no one sees an entry, or a
link, that is not theirs to do.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from agreements.actions import consultation as consultation_actions
from agreements.actions import drafting
from agreements.models import VersionStatus
from agreements.signing import organisations_to_sign_for
from bodies.models import Role
from declarations.actions.interests import confirm_register
from declarations.actions.rulings import rule_on_declaration
from declarations.models import Outcome
from meetings.actions import minutes as minutes_actions
from meetings.models import Action, ActionStatus, MeetingStatus, Minutes, MinutesStatus
from partnership import work
from partnership.models import User
from tests.agreements.factories import AgreementFactory, VersionFactory, adopted_version, designate, sign
from tests.factories import (
    AgendaItemFactory,
    DeclarationFactory,
    InterestFactory,
    MeetingFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
)

RULING_PAGE = reverse("declarations_awaiting_ruling")


@pytest.fixture(autouse=True)
def _agreement_files(settings, tmp_path):
    """Sealed PDFs, if any are made, in a folder of the test's own, with the development seal."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.AGREEMENT_SEAL_CERT_FILE = ""
    settings.AGREEMENT_SEAL_KEY_FILE = ""


def moment(days_from_today, hour=14):
    day = timezone.localdate() + datetime.timedelta(days=days_from_today)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def fresh(user):
    """The login as a new request sees it: nothing of an earlier answer kept on the object."""
    return User.objects.get(pk=user.pk)


def counts(user):
    """{entry key: count} of the user's work, in the order the providers give it."""
    return {item.key: item.count for item in work.for_user(fresh(user))}


def entry(user, key):
    return next(item for item in work.for_user(fresh(user)) if item.key == key)


def page_to_do(client):
    response = client.get(reverse("account"))
    assert response.status_code == 200
    return response, [item.key for item in response.context["to_do"]]


# What the cast is given to do


def coming_meetings(body, n, first_in_days=7):
    return [MeetingFactory(body=body, starts_at=moment(first_in_days + i)) for i in range(n)]


def past_item(body, days_ago=30):
    meeting = MeetingFactory(body=body, starts_at=moment(-days_ago), status=MeetingStatus.HELD)
    return AgendaItemFactory(meeting=meeting, title="Leisure centre contract")


def owned_actions(person, n, *, due_in_days=-3, status=ActionStatus.OPEN, body=None):
    item = past_item(body) if body is not None else AgendaItemFactory(meeting=MeetingFactory(starts_at=moment(-40)))
    made = []
    for i in range(n):
        action = Action.objects.create(
            item=item, text=f"Report back {i}", due_on=timezone.localdate() + datetime.timedelta(days=due_in_days)
        )
        action.status = status
        action.save()
        action.owners.add(person)
        made.append(action)
    return made


def approved_minutes(body, n):
    made = []
    for i in range(n):
        meeting = MeetingFactory(body=body, starts_at=moment(-60 - i), status=MeetingStatus.MINUTES_APPROVED)
        made.append(
            Minutes.objects.create(
                meeting=meeting, status=MinutesStatus.APPROVED, approved_on=timezone.localdate() - datetime.timedelta(1)
            )
        )
    return made


def declarations_awaiting(cast, n, declarant=None):
    """`n` declarations on items of a board meeting two days ago (one a member per item), awaiting a ruling."""
    meeting = MeetingFactory(body=cast.board, starts_at=moment(-2), status=MeetingStatus.HELD)
    return [
        DeclarationFactory(
            item=AgendaItemFactory(meeting=meeting),
            person=declarant or cast.member.person,
            recorded_by=cast.secretariat,
        )
        for _ in range(n)
    ]


def organisations_to_sign(cast, user, n, agreements=1):
    """`n` partner organisations `user` signs for, and `agreements` agreements each with a version in force."""
    organisations = [OrganisationFactory(name=f"Signing Partner {i:02}") for i in range(n)]
    for organisation in organisations:
        designate(cast, user, organisation)
    versions = [adopted_version(cast, label=f"V{i + 1}", agreement=AgreementFactory()) for i in range(agreements)]
    return organisations, versions


def drafts_in_consultation(n, closes_in_days=14):
    return [
        VersionFactory(
            agreement=AgreementFactory(title=f"Protocol {i:02}"),
            status=VersionStatus.CONSULTATION,
            consultation_opened_at=timezone.now(),
            consultation_closes_on=timezone.localdate() + datetime.timedelta(days=closes_in_days),
        )
        for i in range(n)
    ]


# Exactly each one's entries


@pytest.fixture
def busy(cast):
    """A meeting to come of each body, and a declaration of Mel's on a board item awaiting the board's ruling."""
    coming_meetings(cast.board, 1)
    coming_meetings(cast.forum, 1)
    declarations_awaiting(cast, 1)
    return cast


def test_each_of_the_cast_has_exactly_their_own_entries(busy):
    cast = busy
    assert counts(cast.chair) == {
        "meetings.coming": 1,
        "meetings.actions": 0,
        "meetings.minutes_to_sign": 0,
        "declarations.to_rule_on": 1,
        "declarations.register_to_confirm": 1,
    }
    assert counts(cast.member) == {
        "meetings.coming": 1,
        "meetings.actions": 0,
        "declarations.register_to_confirm": 1,
    }
    assert counts(cast.other_member) == {
        "meetings.coming": 1,
        "meetings.actions": 0,
        "declarations.register_to_confirm": 1,
    }
    # A login with a Person and no place: only the actions they might own.
    assert counts(cast.stranger) == {"meetings.actions": 0}
    # The secretariat records each body's ruling, so the page of declarations awaiting one is theirs too.
    assert counts(cast.secretariat) == {"meetings.actions": 0, "declarations.to_rule_on": 1}


def test_the_public_has_no_work_and_is_sent_to_sign_in(busy, client_for):
    assert work.for_user(None) == []
    response = client_for("anonymous").get(reverse("account"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_member_who_chairs_nothing_never_sees_the_ruling_entry_nor_its_link(busy, client_for):
    response, to_do = page_to_do(client_for("member"))

    assert to_do == ["declarations.register_to_confirm"]
    assert RULING_PAGE not in response.content.decode()
    assert "awaiting a ruling" not in response.content.decode()
    # The page it would have led to is not theirs either.
    assert client_for("member").get(RULING_PAGE).status_code == 404


def test_the_chair_sees_the_declarations_awaiting_the_ruling_of_their_body_counted(busy, client_for):
    response, to_do = page_to_do(client_for("chair"))

    assert to_do == ["declarations.to_rule_on", "declarations.register_to_confirm"]
    ruling = response.context["to_do"][0]
    assert (ruling.count, ruling.shown_count, ruling.url) == (1, "1 declaration to rule on", RULING_PAGE)
    page = response.content.decode()
    assert f'href="{RULING_PAGE}"' in page
    assert "1 declaration to rule on" in page
    assert client_for("chair").get(RULING_PAGE).status_code == 200


def test_the_count_of_declarations_to_rule_on_follows_the_rulings_and_leaves_out_the_chairs_own(cast):
    waiting = declarations_awaiting(cast, 3)
    declarations_awaiting(cast, 1, declarant=cast.chair.person)
    assert entry(cast.chair, "declarations.to_rule_on").count == 3

    rule_on_declaration(waiting[0], by=cast.chair, outcome=Outcome.NOTED, reasons="Not prejudicial.")

    assert entry(cast.chair, "declarations.to_rule_on").count == 2
    # The chair's own declaration is the secretariat's (or the vice chair's) to rule on.
    assert entry(cast.secretariat, "declarations.to_rule_on").count == 3


def test_a_vice_chair_rules_too(cast):
    vice = MembershipFactory(person=PersonFactory(name="Val Vice"), body=cast.forum, role=Role.VICE_CHAIR)
    user = User.objects.create_user(email="val@example.org", password="x")
    vice.person.user = user
    vice.person.save()
    item = past_item(cast.forum)
    DeclarationFactory(item=item, person=cast.other_member.person, recorded_by=cast.secretariat)

    assert entry(user, "declarations.to_rule_on").count == 1
    # The board's chair does not rule on the forum's declarations.
    assert "declarations.to_rule_on" in counts(cast.chair)
    assert counts(cast.chair)["declarations.to_rule_on"] == 0


# Minutes to sign


def test_signing_the_minutes_takes_them_off_the_chairs_work(cast, client_for):
    (minutes,) = approved_minutes(cast.board, 1)
    sign_page = reverse("minutes_sign", args=[minutes.meeting_id])

    response, to_do = page_to_do(client_for("chair"))
    assert to_do == ["meetings.minutes_to_sign", "declarations.register_to_confirm"]
    signing = response.context["to_do"][0]
    assert (signing.count, signing.shown_count, signing.url) == (1, "1 set of minutes to sign", sign_page)
    assert [detail.url for detail in signing.details] == [sign_page]
    assert client_for("chair").get(sign_page).status_code == 200
    # Only the chair (or vice chair) signs.
    assert "meetings.minutes_to_sign" not in counts(cast.member)

    minutes_actions.sign_minutes(minutes, by=cast.chair)

    response, to_do = page_to_do(client_for("chair"))
    assert to_do == ["declarations.register_to_confirm"]
    assert counts(cast.chair)["meetings.minutes_to_sign"] == 0
    assert sign_page not in response.content.decode()


def test_draft_and_signed_minutes_are_not_waiting_for_a_signature(cast):
    draft, signed = approved_minutes(cast.board, 2)
    Minutes.objects.filter(pk=draft.pk).update(status=MinutesStatus.DRAFT)
    minutes_actions.sign_minutes(signed, by=cast.chair)

    assert counts(cast.chair)["meetings.minutes_to_sign"] == 0


# Actions


def test_the_owners_open_actions_are_counted_with_those_overdue_and_link_to_the_register_filtered_to_them(
    cast, client_for
):
    person = cast.member.person
    overdue = owned_actions(person, 2, due_in_days=-3, body=cast.board)
    later = owned_actions(person, 1, due_in_days=10, body=cast.board)
    owned_actions(person, 1, status=ActionStatus.DONE, body=cast.board)
    owned_actions(cast.chair.person, 1, body=cast.board)

    actions = entry(cast.member, "meetings.actions")

    assert (actions.count, actions.shown_count) == (3, "3 open actions, 2 overdue")
    register = client_for("member").get(actions.url)
    assert register.status_code == 200
    assert sorted(a.pk for a in register.context["page_obj"]) == sorted(a.pk for a in [*overdue, *later])
    (overdue_link,) = actions.details
    assert overdue_link.text == "2 overdue actions"
    listed = client_for("member").get(overdue_link.url).context["page_obj"]
    assert sorted(a.pk for a in listed) == sorted(a.pk for a in overdue)


def test_an_action_of_a_confidential_item_the_owner_may_not_see_is_not_counted(cast):
    (action,) = owned_actions(cast.other_member.person, 1, body=cast.board)
    action.item.confidential = True
    action.item.confidential_reason = "Commercially sensitive."
    action.item.save()

    # The register would not show it to them either (Agreement 11.2).
    assert counts(cast.other_member)["meetings.actions"] == 0


def test_finishing_an_action_takes_it_off_the_count(cast):
    (action,) = owned_actions(cast.member.person, 1, body=cast.board)
    assert counts(cast.member)["meetings.actions"] == 1

    action.status = ActionStatus.DONE
    action.save()

    assert counts(cast.member)["meetings.actions"] == 0


# Meetings to come


def test_coming_meetings_are_always_shown_with_whether_the_pack_is_out(cast, client_for):
    first, second = coming_meetings(cast.board, 2, first_in_days=3)
    type(first).objects.filter(pk=first.pk).update(agenda_published_at=timezone.now())
    cancelled = MeetingFactory(body=cast.board, starts_at=moment(5), status=MeetingStatus.CANCELLED, status_reason="x")
    MeetingFactory(body=cast.board, starts_at=moment(-5))
    coming_meetings(cast.forum, 1)

    response, to_do = page_to_do(client_for("member"))

    (coming,) = response.context["standing"]
    assert (coming.key, coming.count, coming.shown_count) == (
        "meetings.coming",
        2,
        "2 meetings to come in the bodies you sit on",
    )
    assert [detail.url for detail in coming.details] == [first.get_absolute_url(), second.get_absolute_url()]
    assert coming.details[0].status.startswith("Agenda and papers published on ")
    assert coming.details[1].status.startswith("Agenda and papers not yet published (due by ")
    assert cancelled.get_absolute_url() not in response.content.decode()
    assert "meetings.coming" not in to_do


def test_a_member_with_no_meeting_to_come_is_told_so(cast, client_for):
    response, _ = page_to_do(client_for("member"))

    (coming,) = response.context["standing"]
    assert coming.count == 0
    assert "No meetings to come in the bodies you sit on." in response.content.decode()


# The register of interests


def test_confirming_the_register_takes_it_off_the_members_work(cast, client_for):
    assert counts(cast.member)["declarations.register_to_confirm"] == 1

    confirm_register(cast.member.person, by=cast.member)

    assert counts(cast.member)["declarations.register_to_confirm"] == 0
    response, to_do = page_to_do(client_for("member"))
    assert to_do == []
    assert "Nothing to do" in response.content.decode()


def test_observers_are_not_asked_to_confirm_a_register(cast):
    observer = MembershipFactory(body=cast.forum, role=Role.OBSERVER, person=cast.stranger.person)
    assert observer.role == Role.OBSERVER
    assert "declarations.register_to_confirm" not in counts(cast.stranger)


# The Agreement: signing and comments


def test_a_signatory_sees_their_organisations_signature_awaited_and_a_non_signatory_does_not(cast, client_for):
    (organisation,), (version,) = organisations_to_sign(cast, cast.member, 1)
    sign_url = reverse("agreement_sign", args=[version.pk]) + f"?for={organisation.pk}"

    response, to_do = page_to_do(client_for("member"))
    assert to_do == ["declarations.register_to_confirm", "agreements.signatures"]
    signature = response.context["to_do"][1]
    assert (signature.count, signature.shown_count, signature.url) == (1, "1 signature awaited from you", sign_url)
    assert client_for("member").get(sign_url).status_code == 200
    # The same answer as the signing rule's.
    assert list(organisations_to_sign_for(cast.member, version)) == [organisation]
    for who in ("other_member", "chair", "stranger", "secretariat"):
        assert "agreements.signatures" not in counts(getattr(cast, who)), who

    sign(version, cast.member, organisation)

    assert counts(cast.member)["agreements.signatures"] == 0
    assert page_to_do(client_for("member"))[1] == ["declarations.register_to_confirm"]


def test_a_signatory_for_two_organisations_is_asked_for_each_signature_not_yet_made(cast):
    (first, second), (version,) = organisations_to_sign(cast, cast.member, 2)
    sign(version, cast.member, first)

    signature = entry(cast.member, "agreements.signatures")

    assert signature.count == 1
    assert [detail.url for detail in signature.details] == [
        reverse("agreement_sign", args=[version.pk]) + f"?for={second.pk}"
    ]
    assert list(organisations_to_sign_for(cast.member, version)) == [second]


def test_partners_see_a_draft_open_for_comment_until_its_closing_date(cast, client_for):
    adopted = adopted_version(cast)
    draft = drafting.start_draft(adopted.agreement, by=cast.secretariat, label="Revised 2010")
    closes_on = timezone.localdate() + datetime.timedelta(days=14)
    consultation_actions.open_consultation(draft, by=cast.secretariat, closes_on=closes_on)

    response, to_do = page_to_do(client_for("other_member"))
    assert to_do == ["declarations.register_to_confirm", "agreements.comments"]
    comments = response.context["to_do"][1]
    assert (comments.count, comments.shown_count, comments.url) == (
        1,
        "1 draft open for comment",
        draft.get_absolute_url(),
    )
    assert client_for("other_member").get(comments.url).status_code == 200
    # Not a partner: neither a member of a body nor a signatory; the secretariat runs the consultation.
    assert "agreements.comments" not in counts(cast.stranger)
    assert "agreements.comments" not in counts(cast.secretariat)

    type(draft).objects.filter(pk=draft.pk).update(consultation_closes_on=timezone.localdate() - datetime.timedelta(1))

    assert "agreements.comments" not in counts(cast.other_member)


# Nothing to do, and the links that stay


def test_someone_with_nothing_to_do_is_told_so_and_keeps_their_own_pages(cast, client_for):
    response, to_do = page_to_do(client_for("stranger"))

    page = response.content.decode()
    assert to_do == []
    assert response.context["standing"] == []
    assert "Nothing to do" in page
    assert "govuk-summary-list" not in page
    for name in ("action_register", "notification_list", "interests_mine", "gift_mine", "dispute_list"):
        assert f'href="{reverse(name)}"' in page, name
    assert RULING_PAGE not in page


# The same queries for 1 row as for 10


def chairs_work(cast, n):
    """`n` of every kind of work for the chair: meetings, actions, minutes, declarations, signatures and drafts."""
    coming_meetings(cast.board, n)
    owned_actions(cast.chair.person, n, body=cast.board)
    approved_minutes(cast.board, n)
    declarations_awaiting(cast, n)
    organisations_to_sign(cast, cast.chair, n, agreements=n)
    drafts_in_consultation(n)


# Exactly what each provider costs the chair, whatever the number of rows (roles, person and the secretariat's
# group are read once per request, by whichever provider asks first: here each is asked on its own).
PROVIDER_QUERIES = {
    "coming_meetings": 3,
    "open_actions": 5,
    "minutes_to_sign": 3,
    "declarations_to_rule_on": 4,
    "register_to_confirm": 3,
    "signatures_awaited": 4,
    "drafts_open_for_comment": 2,
}


# The rows each provider reads, `n` of them for the chair.
ROWS = {
    "coming_meetings": lambda cast, n: coming_meetings(cast.board, n),
    "open_actions": lambda cast, n: owned_actions(cast.chair.person, n, body=cast.board),
    "minutes_to_sign": lambda cast, n: approved_minutes(cast.board, n),
    "declarations_to_rule_on": declarations_awaiting,
    "register_to_confirm": lambda cast, n: [InterestFactory(person=cast.chair.person) for _ in range(n)],
    "signatures_awaited": lambda cast, n: organisations_to_sign(cast, cast.chair, n, agreements=n),
    "drafts_open_for_comment": lambda cast, n: drafts_in_consultation(n),
}


def test_every_provider_has_its_rows_and_its_query_count():
    names = [provider.__name__ for provider in work.providers()]
    assert (sorted(ROWS), sorted(PROVIDER_QUERIES)) == (sorted(names), sorted(names))


@pytest.mark.parametrize("item_count", (1, 10))
@pytest.mark.parametrize("provider", work.providers(), ids=[p.__name__ for p in work.providers()])
def test_each_provider_makes_the_same_queries_for_one_row_as_for_ten(
    cast, django_assert_num_queries, provider, item_count
):
    ROWS[provider.__name__](cast, item_count)
    # Once unmeasured, so that caches kept for the process (content types) do not count.
    provider(fresh(cast.chair))
    user = fresh(cast.chair)

    with django_assert_num_queries(PROVIDER_QUERIES[provider.__name__]):
        (item,) = provider(user)

    # Every organisation signs every agreement in force; the register is one, whatever its entries.
    expected = {"signatures_awaited": item_count * item_count, "register_to_confirm": 1}
    assert item.count == expected.get(provider.__name__, item_count)


# The page as a whole: the account page's own queries (session, login, person, memberships) and the work's.
PAGE_QUERIES = 21


@pytest.mark.parametrize("item_count", (1, 10))
def test_the_page_makes_the_same_queries_for_one_row_as_for_ten(
    cast, client_for, django_assert_num_queries, item_count
):
    chairs_work(cast, item_count)
    client = client_for("chair")
    client.get(reverse("account"))

    with django_assert_num_queries(PAGE_QUERIES):
        response = client.get(reverse("account"))

    assert [item.key for item in response.context["to_do"]] == [
        "meetings.actions",
        "meetings.minutes_to_sign",
        "declarations.to_rule_on",
        "declarations.register_to_confirm",
        "agreements.signatures",
        "agreements.comments",
    ]
