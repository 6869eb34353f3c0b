"""The pages of notifications: a person's list and choices, the unsubscribe link, the secretariat's outbox."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from notifications.models import Delivery, Notification, NotificationPreference, NotificationStatus
from notifications.planning import Planned, plan, unsubscribe_token
from tests.factories import PersonFactory
from tests.paging import assert_a_full_page_and_a_next


def notify(person, key, subject="Agenda and papers", kind="pack_published", **fields):
    row = plan(
        Planned(
            kind=kind, key=key, recipient=person, subject=subject, body="Body.", url="/meetings/", due_at=timezone.now()
        )
    )
    if fields:
        Notification.objects.filter(pk=row.pk).update(**fields)
    return row


def test_a_person_sees_their_own_notifications_and_marks_them_read(cast, client_for):
    notify(cast.member.person, "a", subject="For Mel")
    notify(cast.chair.person, "b", subject="For Chris")
    client = client_for("member")
    page = client.get(reverse("notification_list"))
    assert [n.subject for n in page.context["notifications"]] == ["For Mel"]
    assert page.context["unread"] == 1
    client.post(reverse("notification_mark_read"))
    assert client.get(reverse("notification_list")).context["unread"] == 0
    assert Notification.objects.get(key="b").read_at is None


def test_a_notification_not_yet_due_or_cancelled_is_not_listed(cast, client_for):
    notify(cast.member.person, "later", due_at=timezone.now() + timezone.timedelta(days=1))
    notify(cast.member.person, "gone", status=NotificationStatus.CANCELLED)
    assert list(client_for("member").get(reverse("notification_list")).context["notifications"]) == []


def test_a_person_chooses_a_digest_for_one_kind(cast, client_for):
    client = client_for("member")
    form = client.get(reverse("notification_settings")).context["form"]
    data = {name: field.initial for name, field in form.fields.items()}
    data["pack_published"] = Delivery.DIGEST
    response = client.post(reverse("notification_settings"), data)
    assert response.status_code == 302
    assert list(NotificationPreference.objects.values_list("person__name", "kind", "delivery")) == [
        ("Mel Morris", "pack_published", Delivery.DIGEST)
    ]


def test_a_bad_choice_is_refused_and_nothing_changes(cast, client_for):
    client = client_for("member")
    form = client.get(reverse("notification_settings")).context["form"]
    data = {name: field.initial for name, field in form.fields.items()}
    data["pack_published"] = "carrier-pigeon"
    response = client.post(reverse("notification_settings"), data)
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["pack_published"]
    assert NotificationPreference.objects.count() == 0


def test_the_unsubscribe_link_works_without_signing_in_and_only_on_post(cast, client):
    url = reverse("notification_unsubscribe", args=[unsubscribe_token(cast.member.person, "pack_published")])
    assert "Stop these emails?" in client.get(url).content.decode()
    assert NotificationPreference.objects.count() == 0
    response = client.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert list(NotificationPreference.objects.values_list("kind", "delivery")) == [("pack_published", Delivery.IN_APP)]


def test_an_essential_kind_or_a_tampered_link_cannot_be_unsubscribed(cast, client):
    for token in (unsubscribe_token(cast.member.person, "minutes_to_sign"), "not-a-token"):
        assert client.post(reverse("notification_unsubscribe", args=[token])).status_code == 404
    assert NotificationPreference.objects.count() == 0


def test_the_outbox_filters_and_a_failed_notification_is_sent_again(cast, client_for, send_due):
    failed = notify(
        cast.member.person,
        "f",
        subject="Failed one",
        status=NotificationStatus.FAILED,
        attempts=5,
        last_error="SMTPServerDisconnected: gone",
    )
    notify(cast.chair.person, "s", subject="Sent one", status=NotificationStatus.SENT, sent_at=timezone.now())
    client = client_for("secretariat")
    page = client.get(reverse("outbox"), {"status": "failed"})
    assert [n.subject for n in page.context["notifications"]] == ["Failed one"]
    assert "After 5 attempts: SMTPServerDisconnected: gone" in page.content.decode()
    assert client.post(reverse("outbox_retry", args=[failed.pk])).status_code == 302
    assert send_due() == ["sent"]
    assert [m.subject for m in mail.outbox] == ["Failed one"]


def test_a_notification_that_has_not_failed_is_not_sent_again(cast, client_for):
    sent = notify(cast.member.person, "s", status=NotificationStatus.SENT, sent_at=timezone.now())
    client_for("secretariat").post(reverse("outbox_retry", args=[sent.pk]))
    assert Notification.objects.get().status == NotificationStatus.SENT


# Exactly what each list costs, whatever the number of rows.
LIST_QUERIES = {"outbox": 5, "notification_list": 7}


@pytest.mark.parametrize("item_count", (1, 10))
@pytest.mark.parametrize(("who", "url_name"), [("secretariat", "outbox"), ("member", "notification_list")])
def test_the_lists_make_the_same_queries_for_one_row_as_for_ten(
    cast, client_for, django_assert_num_queries, who, url_name, item_count
):
    client = client_for(who)
    notify(cast.member.person, "n0")
    for n in range(1, item_count):
        notify(PersonFactory() if who == "secretariat" else cast.member.person, f"n{n}")
    # Once unmeasured, so that caches kept for the process (content types) do not count.
    client.get(reverse(url_name))

    with django_assert_num_queries(LIST_QUERIES[url_name]):
        response = client.get(reverse(url_name))

    assert (response.status_code, len(response.context["notifications"])) == (200, item_count)


def test_a_persons_notifications_and_the_outbox_are_paged_with_the_filters_kept(cast, client_for, monkeypatch):
    monkeypatch.setattr("notifications.views.PER_PAGE", 2)
    for i in range(3):
        notify(cast.member.person, f"paged-{i}", subject=f"Paged {i}")
    own = client_for("member").get(reverse("notification_list"))
    assert_a_full_page_and_a_next(own, own.context["notifications"], 2)
    outbox = client_for("secretariat").get(reverse("outbox"), {"q": "mel"})
    assert_a_full_page_and_a_next(outbox, outbox.context["notifications"], 2)
    assert 'href="?q=mel&amp;page=2" rel="next"' in outbox.content.decode()
    assert len(client_for("secretariat").get(reverse("outbox"), {"q": "mel", "page": 2}).context["notifications"]) == 1
