"""The secretariat's attendance pages: one form row per person, reserves, support staff and visitors."""

import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from meetings.actions import minutes as actions
from meetings.models import Attendance, AttendanceStatus, Capacity
from tests.factories import MembershipFactory, PersonFactory
from tests.meetings.scenario import approved, held_with_attendance, record, row

pytestmark = pytest.mark.django_db

P, A, X = AttendanceStatus.PRESENT, AttendanceStatus.APOLOGIES, AttendanceStatus.ABSENT


def url(scene, name="meeting_attendance", *args):
    return reverse(name, args=[scene.meeting.pk, *args])


def flash(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def summary(response):
    html = response.content.decode()
    block = re.search(r'<ul class="govuk-list govuk-error-summary__list">(.*?)</ul>', html, re.S)
    return [re.sub(r"<[^>]+>", "", item).strip() for item in re.findall(r"<li>(.*?)</li>", block.group(1), re.S)]


def formset_data(scene, statuses, arrived=None, left=None):
    """POST data for the attendance formset, in the page's order, with `statuses` by person."""
    rows = sorted(
        scene.meeting.attendance.select_related("person"),
        key=lambda r: (["member", "reserve", "support", "visitor"].index(r.capacity), r.person.name, r.pk),
    )
    data = {"form-TOTAL_FORMS": str(len(rows)), "form-INITIAL_FORMS": str(len(rows))}
    for index, attendance in enumerate(rows):
        data[f"form-{index}-attendance"] = str(attendance.pk)
        data[f"form-{index}-status"] = statuses.get(attendance.person, attendance.status)
        data[f"form-{index}-arrived_before_item"] = str((arrived or {}).get(attendance.person, ""))
        data[f"form-{index}-left_after_item"] = str((left or {}).get(attendance.person, ""))
    return data


def test_an_empty_list_offers_to_start_it_from_the_membership(scene, client_for):
    response = client_for("secretariat").get(url(scene))

    assert response.status_code == 200
    assert b"Start the list from the membership" in response.content
    assert b"Save the attendance" not in response.content


def test_starting_the_list_adds_the_seated_members(scene, client_for):
    response = client_for("secretariat").post(url(scene, "attendance_prepare"))

    assert response.status_code == 302
    assert response["Location"] == url(scene)
    assert flash(response) == ["4 people were added to the list, absent until you record otherwise."]
    assert scene.meeting.attendance.count() == 4


def test_each_control_is_labelled_with_the_persons_name(scene, client_for):
    actions.prepare_attendance(scene.meeting, by=scene.cast.secretariat)

    html = client_for("secretariat").get(url(scene)).content.decode()

    legends = re.findall(r'<legend class="govuk-fieldset__legend govuk-visually-hidden">(.*?)</legend>', html)
    assert legends == [
        "Attendance of Chris Carter",
        "Attendance of Mel Morris",
        "Attendance of Rita Waters",
        "Attendance of Tim Jackson",
    ]
    assert re.findall(
        r'<label class="govuk-label govuk-visually-hidden" for="id_form-0-[a-z_]+">(.*?)</label>', html
    ) == [
        "Chris Carter arrived",
        "Chris Carter left",
    ]
    assert '<option value="" selected>At the start</option>' in html


def test_saving_the_attendance_records_status_and_late_arrival(scene, client_for):
    actions.prepare_attendance(scene.meeting, by=scene.cast.secretariat)
    data = formset_data(
        scene,
        {scene.cast.chair.person: P, scene.tim.person: P, scene.cast.member.person: A},
        arrived={scene.tim.person: scene.items.constitution.pk},
    )

    response = client_for("secretariat").post(url(scene), data)

    assert response.status_code == 302
    assert flash(response) == ["The attendance was saved."]
    assert sorted(scene.meeting.attendance.values_list("person__name", "status", "arrived_before_item")) == [
        ("Chris Carter", P, None),
        ("Mel Morris", A, None),
        ("Rita Waters", X, None),
        ("Tim Jackson", P, scene.items.constitution.pk),
    ]


def test_a_member_and_their_reserve_both_present_is_a_clear_error_and_changes_nothing(scene, client_for):
    held_with_attendance(scene)
    data = formset_data(scene, {scene.cast.member.person: P})

    response = client_for("secretariat").post(url(scene), data)

    assert response.status_code == 400
    assert summary(response) == [
        "Mel Morris and Pat Price cannot both be present in one seat. A named reserve attending for a member "
        "counts for that seat once, never twice: record one of them as absent or sending apologies"
    ]
    assert row(scene.meeting, scene.cast.member.person).status == A
    assert b"<title>Error: Attendance" in response.content


def test_late_arrival_of_someone_not_present_is_refused(scene, client_for):
    actions.prepare_attendance(scene.meeting, by=scene.cast.secretariat)
    data = formset_data(scene, {}, arrived={scene.tim.person: scene.items.constitution.pk})

    response = client_for("secretariat").post(url(scene), data)

    assert response.status_code == 400
    assert summary(response) == ["Tim Jackson was not present, so cannot have arrived late"]
    assert row(scene.meeting, scene.tim.person).arrived_before_item is None


def test_a_missing_status_names_the_person(scene, client_for):
    actions.prepare_attendance(scene.meeting, by=scene.cast.secretariat)
    data = formset_data(scene, {scene.tim.person: ""})

    response = client_for("secretariat").post(url(scene), data)

    assert response.status_code == 400
    assert summary(response) == ["Choose present, apologies or absent for Tim Jackson"]


def test_a_list_changed_meanwhile_is_refused(scene, client_for):
    actions.prepare_attendance(scene.meeting, by=scene.cast.secretariat)
    data = formset_data(scene, {scene.tim.person: P})
    actions.add_attendee(scene.meeting, by=scene.cast.secretariat, capacity=Capacity.SUPPORT, name="Alistair Jeffs")
    data["form-0-attendance"] = "999999"

    response = client_for("secretariat").post(url(scene), data)

    assert response.status_code == 400
    assert "The attendance list changed while you were editing it. Check it and save again." in summary(response)
    assert row(scene.meeting, scene.tim.person).status == X


def test_attendance_cannot_change_once_the_minutes_are_approved(scene, client_for):
    approved(scene)
    client = client_for("secretariat")

    page = client.get(url(scene))
    response = client.post(url(scene), formset_data(scene, {scene.tim.person: X}))

    assert b"the attendance can no longer change" in page.content
    assert b"Save the attendance" not in page.content
    assert response.status_code == 400
    assert summary(response) == [
        "These minutes were approved as an accurate record on 28 May 2009. Record a correction instead."
    ]
    assert row(scene.meeting, scene.tim.person).status == P


# Reserves, support staff and visitors


def test_the_reserve_form_offers_the_bodys_named_reserves_with_whom_they_stand_in_for(scene, client_for):
    actions.prepare_attendance(scene.meeting, by=scene.cast.secretariat)

    form = client_for("secretariat").get(url(scene, "attendance_reserve")).context["form"]

    assert [label for _, label in form.fields["reserve"].choices] == [
        "Choose the reserve",
        "Pat Price (named reserve for Mel Morris)",
    ]
    assert [label for _, label in form.fields["member"].choices] == [
        "Choose a member",
        "Chris Carter (absent)",
        "Mel Morris (absent)",
        "Rita Waters (absent)",
        "Tim Jackson (absent)",
    ]


def test_recording_a_reserve_for_another_member_shows_the_error_on_the_form(scene, client_for):
    actions.prepare_attendance(scene.meeting, by=scene.cast.secretariat)
    tim = row(scene.meeting, scene.tim.person)

    response = client_for("secretariat").post(
        url(scene, "attendance_reserve"), {"member": tim.pk, "reserve": scene.pat.person.pk}
    )

    assert response.status_code == 400
    assert summary(response) == ["Pat Price is not the named reserve for Tim Jackson on 30 April 2009."]
    assert Attendance.objects.filter(person=scene.pat.person).count() == 0


def test_recording_the_reserve_for_a_member_who_sent_apologies(scene, client_for):
    actions.prepare_attendance(scene.meeting, by=scene.cast.secretariat)
    record(scene, {scene.cast.member.person: A})
    mel = row(scene.meeting, scene.cast.member.person)

    response = client_for("secretariat").post(
        url(scene, "attendance_reserve"), {"member": mel.pk, "reserve": scene.pat.person.pk}
    )

    assert response.status_code == 302
    assert flash(response) == ["Pat Price was recorded as attending as named reserve for Mel Morris."]
    pat = row(scene.meeting, scene.pat.person)
    assert (pat.capacity, pat.membership, pat.status) == (Capacity.RESERVE, scene.cast.member_membership, P)


def test_adding_a_visitor_by_name_creates_them(scene, client_for):
    response = client_for("secretariat").post(
        url(scene, "attendance_add"), {"capacity": "visitor", "name": "Clare Babbs", "organisation_shown": "GONW"}
    )

    assert response.status_code == 302
    assert flash(response) == ["Clare Babbs was added as visitor."]
    assert list(scene.meeting.attendance.values_list("person__name", "capacity", "organisation_shown", "status")) == [
        ("Clare Babbs", "visitor", "GONW", P)
    ]


def test_adding_support_staff_needs_someone(scene, client_for):
    response = client_for("secretariat").post(url(scene, "attendance_add"), {"capacity": "support"})

    assert response.status_code == 400
    assert summary(response) == ["Choose someone in the records, or give the name of someone new"]
    assert Attendance.objects.count() == 0


def test_taking_a_visitor_off_the_list(scene, client_for):
    visitor = actions.add_attendee(
        scene.meeting, by=scene.cast.secretariat, capacity=Capacity.VISITOR, name="Steve Kent"
    )

    response = client_for("secretariat").post(url(scene, "attendance_remove", visitor.pk))

    assert response.status_code == 302
    assert flash(response) == ["Steve Kent was taken off the list."]
    assert Attendance.objects.count() == 0


def test_a_row_of_another_meeting_cannot_be_removed_through_this_one(scene, client_for):
    visitor = actions.add_attendee(
        scene.following, by=scene.cast.secretariat, capacity=Capacity.VISITOR, name="Steve Kent"
    )

    response = client_for("secretariat").post(url(scene, "attendance_remove", visitor.pk))

    assert response.status_code == 404
    assert Attendance.objects.count() == 1


@pytest.mark.parametrize("who", ["chair", "member", "stranger"])
def test_only_the_secretariat_records_attendance(scene, client_for, who):
    response = client_for(who).post(url(scene, "attendance_prepare"))

    assert response.status_code == 404
    assert Attendance.objects.count() == 0


@pytest.mark.parametrize("item_count", (1, 10))
def test_the_attendance_page_makes_the_same_queries_for_ten_people_as_for_one(
    scene, client_for, django_assert_num_queries, item_count
):
    client = client_for("secretariat")
    actions.add_attendee(scene.meeting, by=scene.cast.secretariat, capacity=Capacity.VISITOR, name="Visitor 0")
    if item_count > 1:
        # The board's four seats, five more, and the visitor.
        for n in range(item_count - 5):
            MembershipFactory(body=scene.cast.board, person=PersonFactory(name=f"Member {n}"))
        actions.prepare_attendance(scene.meeting, by=scene.cast.secretariat)
    client.get(url(scene))
    with django_assert_num_queries(7):
        response = client.get(url(scene))

    assert response.status_code == 200
    assert scene.meeting.attendance.count() == item_count


def test_tampered_form_counts_neither_skip_nor_add_anyone(scene, client_for):
    actions.prepare_attendance(scene.meeting, by=scene.cast.secretariat)
    data = formset_data(scene, {scene.tim.person: P})
    data.update({"form-TOTAL_FORMS": "9", "form-INITIAL_FORMS": "0"})

    response = client_for("secretariat").post(url(scene), data)

    assert response.status_code == 302
    assert sorted(scene.meeting.attendance.values_list("person__name", "status")) == [
        ("Chris Carter", X),
        ("Mel Morris", X),
        ("Rita Waters", X),
        ("Tim Jackson", P),
    ]
