import datetime

from django.urls import reverse
from django.utils import timezone

from meetings.actions import agenda as actions_agenda
from meetings.models import StandingItem

ROLES = ["apologies", "previous_minutes", "partner_matters", "other_business", "next_meeting"]


def _future():
    return timezone.now() + datetime.timedelta(days=30)


def test_a_body_without_its_own_standing_items_gets_the_partnerships_five(cast):
    meeting = actions_agenda.schedule_meeting(cast.board, by=cast.secretariat, starts_at=_future())
    assert [(i.number, i.title) for i in meeting.items.order_by("number")] == [
        (1, "Apologies"),
        (2, "Minutes of the previous meeting and matters arising"),
        (3, "Partner matters"),
        (4, "Any other business"),
        (5, "Date of the next meeting"),
    ]


def test_the_secretariat_sets_a_bodys_standing_items_and_new_agendas_take_them(cast, client_for):
    data = {f"use_{role}": "on" for role in ("apologies", "previous_minutes", "other_business")}
    data |= {f"title_{role}": "" for role in ROLES}
    data |= {"title_apologies": "Welcome and apologies", "title_previous_minutes": "Last minutes"}
    data |= {"title_other_business": "Anything else"}

    response = client_for("secretariat").post(reverse("standing_items", args=[cast.board.slug]), data)

    assert response.status_code == 302
    meeting = actions_agenda.schedule_meeting(cast.board, by=cast.secretariat, starts_at=_future())
    assert [i.title for i in meeting.items.order_by("number")] == [
        "Welcome and apologies",
        "Last minutes",
        "Anything else",
    ]


def test_choosing_no_standing_item_is_refused_and_changes_nothing(cast, client_for):
    StandingItem.objects.create(body=cast.board, role="apologies", title="Apologies")
    data = {f"title_{role}": "x" for role in ROLES}

    response = client_for("secretariat").post(reverse("standing_items", args=[cast.board.slug]), data)

    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        "Choose at least one standing item; a body with none gets all five."
    ]
    assert list(StandingItem.objects.filter(body=cast.board).values_list("title", flat=True)) == ["Apologies"]


def test_a_chosen_standing_item_needs_a_title(cast, client_for):
    data = {"use_apologies": "on", "title_apologies": "  "}

    response = client_for("secretariat").post(reverse("standing_items", args=[cast.board.slug]), data)

    assert response.context["form"].errors["title_apologies"] == ["Enter the title the item has on the agenda"]
    assert StandingItem.objects.filter(body=cast.board).count() == 0


def test_a_bodys_calendar_shows_the_share_of_papers_circulated_on_time(cast, client):
    from tests.factories import MeetingFactory, PaperFactory

    meeting = MeetingFactory(body=cast.board)
    deadline = meeting.circulation_deadline()
    on_time = timezone.make_aware(datetime.datetime.combine(deadline - datetime.timedelta(days=1), datetime.time(9)))
    late = timezone.make_aware(datetime.datetime.combine(deadline + datetime.timedelta(days=2), datetime.time(9)))
    PaperFactory(meeting=meeting, circulated_at=on_time)
    PaperFactory(meeting=meeting, circulated_at=on_time)
    PaperFactory(meeting=meeting, circulated_at=late, late_reason="Figures came late")

    response = client.get(reverse("body_calendar", args=[cast.board.slug]))

    assert (response.context["papers_on_time"], response.context["papers_circulated"]) == (2, 3)
    assert "Papers circulated on time, at least 7 days before the meeting (Agreement 10.4): 2 of 3." in (
        response.content.decode()
    )
