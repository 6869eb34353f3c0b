"""Drafting, editing, approving, signing, correcting and publishing the minutes through the pages."""

import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from meetings.models import Action, Correction, Decision, Minutes, MinutesStatus
from tests.factories import PASSWORD, MeetingFactory
from tests.meetings.scenario import approved, drafted, held_with_attendance, signed

pytestmark = pytest.mark.django_db


def flash(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def summary(response):
    html = response.content.decode()
    block = re.search(r'<ul class="govuk-list govuk-error-summary__list">(.*?)</ul>', html, re.S)
    return [re.sub(r"<[^>]+>", "", item).strip() for item in re.findall(r"<li>(.*?)</li>", block.group(1), re.S)]


def minutes_url(scene):
    return reverse("meeting_minutes", args=[scene.meeting.pk])


# Drafting and editing


def test_the_draft_button_starts_the_minutes(scene, client_for):
    held_with_attendance(scene)

    response = client_for("secretariat").post(reverse("minutes_draft", args=[scene.meeting.pk]))

    assert response["Location"] == minutes_url(scene)
    assert flash(response) == ["The draft minutes were started from the attendance and the agenda."]
    assert Minutes.objects.get().meeting == scene.meeting


def test_the_draft_button_before_the_meeting_says_why_nothing_happened(cast, client_for):
    meeting = MeetingFactory(body=cast.board)

    response = client_for("secretariat").post(reverse("minutes_draft", args=[meeting.pk]))

    assert response.status_code == 302
    assert flash(response) == ["The meeting has not taken place yet."]
    assert Minutes.objects.count() == 0


def test_the_item_page_saves_the_discussion(scene, client_for):
    drafted(scene)
    url = reverse("minutes_item", args=[scene.meeting.pk, scene.items.constitution.pk])
    client = client_for("secretariat")

    assert client.get(url).context["form"].initial == {"discussion": ""}
    response = client.post(url, {"discussion": "Partners discussed the draft."})

    assert response["Location"] == url
    assert flash(response) == ["The discussion of item 3 was saved."]
    scene.items.constitution.refresh_from_db()
    assert scene.items.constitution.discussion == "Partners discussed the draft."


def test_adding_a_decision_needs_its_text(scene, client_for):
    drafted(scene)
    url = reverse("minutes_decision_create", args=[scene.meeting.pk, scene.items.constitution.pk])
    client = client_for("secretariat")

    empty = client.post(url, {"text": ""})
    added = client.post(url, {"text": "Endorsed."})

    assert (empty.status_code, summary(empty)) == (400, ["Enter the decision"])
    assert flash(added) == ["Decision 1 was added."]
    assert list(Decision.objects.values_list("item", "number", "text")) == [
        (scene.items.constitution.pk, 1, "Endorsed.")
    ]


def test_an_action_is_owned_by_people_present_or_by_those_described(scene, client_for):
    drafted(scene)
    url = reverse("minutes_action_create", args=[scene.meeting.pk, scene.items.constitution.pk])
    client = client_for("secretariat")

    form = client.get(url).context["form"]
    assert [label for _, label in form.fields["owners"].choices] == ["Chris Carter", "Pat Price", "Tim Jackson"]

    no_owner = client.post(url, {"text": "Report back.", "status": "open"})
    assert (no_owner.status_code, summary(no_owner)) == (
        400,
        ["Say who owns the action: choose people, or describe the owners"],
    )

    saved = client.post(
        url,
        {"text": "Report back.", "owners": [scene.tim.person.pk], "due_on": "2009-05-28", "status": "open"},
    )
    assert flash(saved) == ["The action was saved."]
    action = Action.objects.get()
    assert (action.text, list(action.owners.all()), str(action.due_on)) == (
        "Report back.",
        [scene.tim.person],
        "2009-05-28",
    )


def test_editing_pages_of_approved_minutes_send_the_secretariat_back_with_the_reason(scene, client_for):
    approved(scene)
    client = client_for("secretariat")

    response = client.get(reverse("minutes_item", args=[scene.meeting.pk, scene.items.constitution.pk]))

    assert response["Location"] == minutes_url(scene)
    assert flash(response) == [
        "These minutes were approved as an accurate record on 28 May 2009. Record a correction instead."
    ]


def test_a_decision_of_another_meeting_is_not_found_through_this_one(scene, client_for):
    drafted(scene)
    decision = Decision.objects.create(item=scene.following_items.constitution, number=1, text="Elsewhere.")

    response = client_for("secretariat").get(reverse("minutes_decision_edit", args=[scene.meeting.pk, decision.pk]))

    assert response.status_code == 404


# Approval


def test_the_approval_form_offers_the_previous_minutes_items_of_later_meetings(scene, client_for):
    drafted(scene)

    form = client_for("secretariat").get(reverse("minutes_approve", args=[scene.meeting.pk])).context["form"]

    assert [label for _, label in form.fields["at_item"].choices] == [
        "The meeting of 28 May 2009, item 2: Minutes of the previous meeting and matters arising"
    ]


def test_recording_the_approval(scene, client_for):
    minutes = drafted(scene)

    response = client_for("secretariat").post(
        reverse("minutes_approve", args=[scene.meeting.pk]), {"at_item": scene.following_items.previous.pk}
    )

    assert flash(response) == ["The minutes were recorded as approved as an accurate record."]
    minutes.refresh_from_db()
    assert (minutes.status, minutes.approved_at_item) == (MinutesStatus.APPROVED, scene.following_items.previous)


def test_the_approval_form_needs_a_meeting(scene, client_for):
    drafted(scene)

    response = client_for("secretariat").post(reverse("minutes_approve", args=[scene.meeting.pk]), {})

    assert (response.status_code, summary(response)) == (400, ["Choose the meeting that approved the minutes"])


# Signing


def sign_url(scene):
    return reverse("minutes_sign", args=[scene.meeting.pk])


def test_the_chair_signs_with_their_password(scene, client_for):
    minutes = approved(scene)
    client = client_for("chair")

    page = client.get(sign_url(scene))
    response = client.post(sign_url(scene), {"password": PASSWORD})

    assert "Item 3. Constitution of the partnership" in page.context["text"]
    assert response["Location"] == minutes_url(scene)
    assert flash(response) == ["You signed the minutes. They are now locked."]
    minutes.refresh_from_db()
    assert (minutes.status, minutes.signed_by) == (MinutesStatus.SIGNED, scene.cast.chair)


def test_a_wrong_password_signs_nothing(scene, client_for):
    minutes = approved(scene)

    response = client_for("chair").post(sign_url(scene), {"password": "not-my-password"})

    assert (response.status_code, summary(response)) == (
        400,
        ["The password is not right. Enter the password you sign in with"],
    )
    minutes.refresh_from_db()
    assert (minutes.status, minutes.signed_hash) == (MinutesStatus.APPROVED, "")


@pytest.mark.parametrize("who", ["member", "secretariat", "other_member"])
def test_nobody_but_the_chair_reaches_the_signing_page(scene, client_for, who):
    approved(scene)

    assert client_for(who).post(sign_url(scene), {"password": PASSWORD}).status_code == 404
    assert Minutes.objects.get().status == MinutesStatus.APPROVED


def test_signing_page_of_signed_minutes_says_who_signed_and_when(scene, client_for):
    minutes = signed(scene)

    response = client_for("chair").get(sign_url(scene))

    assert response["Location"] == minutes_url(scene)
    assert len(flash(response)) == 1
    assert flash(response)[0].startswith("These minutes were signed on ")
    assert flash(response)[0].endswith(" by Chris Carter.")
    assert Minutes.objects.get().signed_at == minutes.signed_at


def test_signing_page_of_a_draft_sends_the_chair_back(scene, client_for):
    drafted(scene)

    response = client_for("chair").get(sign_url(scene))

    assert flash(response) == ["Minutes are signed once a later meeting has approved them as an accurate record."]


# Correction and publication


def test_the_correction_form_starts_from_the_items_text(scene, client_for):
    signed(scene)
    url = reverse("minutes_correct", args=[scene.meeting.pk])

    form = client_for("secretariat").get(url, {"item": scene.items.apologies.pk}).context["form"]

    assert form.initial == {
        "item": scene.items.apologies,
        "new_discussion": "Apologies were received from Mel Morris.\nPat Price attended as named reserve for Mel Morris.",
    }


def test_a_correction_through_the_page(scene, client_for):
    minutes = signed(scene)

    response = client_for("secretariat").post(
        reverse("minutes_correct", args=[scene.meeting.pk]),
        {"item": scene.items.constitution.pk, "new_discussion": "Endorsed.", "reason": "Left out."},
    )

    assert flash(response) == ["The correction was recorded."]
    correction = Correction.objects.get()
    minutes.refresh_from_db()
    assert minutes.signed_hash == correction.new_hash


def test_a_correction_needs_a_reason(scene, client_for):
    signed(scene)

    response = client_for("secretariat").post(
        reverse("minutes_correct", args=[scene.meeting.pk]),
        {"item": scene.items.constitution.pk, "new_discussion": "Endorsed.", "reason": ""},
    )

    assert (response.status_code, summary(response)) == (400, ["Enter the reason for the correction"])
    assert Correction.objects.count() == 0


def test_publishing_through_the_page(scene, client_for):
    signed(scene)

    response = client_for("secretariat").post(reverse("minutes_publish", args=[scene.meeting.pk]))

    assert flash(response) == ["The minutes were published. Confidential items stay withheld."]
    assert Minutes.objects.get().is_published is True
    assert client_for("anonymous").get(minutes_url(scene)).status_code == 200


def test_publishing_unsigned_minutes_through_the_page_is_refused(scene, client_for):
    approved(scene)

    response = client_for("secretariat").post(reverse("minutes_publish", args=[scene.meeting.pk]))

    assert flash(response) == ["Minutes are published once the chair has signed them."]
    assert Minutes.objects.get().is_published is False


def test_publishing_is_for_the_secretariat_only(scene, client_for):
    signed(scene)

    assert client_for("chair").post(reverse("minutes_publish", args=[scene.meeting.pk])).status_code == 404
    assert Minutes.objects.get().is_published is False
