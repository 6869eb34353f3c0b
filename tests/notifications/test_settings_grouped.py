"""The choices page grouped by what the kinds are about, and one choice for every kind at once (issue 15)."""

from html.parser import HTMLParser

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from notifications import planning
from notifications.models import Delivery, Notification, NotificationPreference, NotificationStatus
from notifications.planning import GROUPS, Kind, Planned, plan, register_kind

URL = reverse("notification_settings")
SET_EVERYTHING = {"set_everything": "1"}

# What the page shows: each heading with the kinds under it, by label; duties are marked.
GROUPED = {
    "Meetings and papers": [
        "A late paper is added to a published pack",
        "A member asks the secretariat to add a named reserve",
        "A paper is due for a meeting",
        "A request for a special meeting",
        "An agenda pack is published",
        "The agenda pack is not out on the circulation deadline",
        "You are named to attend a meeting in a member's place",
    ],
    "Minutes": ["Approved minutes await your signature", "Minutes are published"],
    "Actions": ["An action of yours falls due", "An action of yours is overdue (weekly)"],
    "Declarations and gifts": [
        "A declaration of interest awaits your ruling",
        "A request for advice on a gift or hospitality",
        "Advice you asked for on an offer",
        "An offer you asked about is not yet declared",
        "Your register of interests is due for its yearly check",
    ],
    "The Agreement": [
        "A draft of the Agreement is open for comment",
        "The Agreement awaits your organisation's signature (then weekly)",
        "The Agreement's yearly review falls due (a month ahead)",
        "The outcome of your comment on a draft of the Agreement",
    ],
    "Performance and risk": [
        "A performance indicator's value is due (a week ahead)",
        "A performance indicator's value is overdue",
        "A risk is escalated to the partnership's board",
        "A risk you own is due for review",
        "A risk's review date has passed (weekly)",
    ],
    "Anything else": ["Memberships due for review (weekly)"],
}
DUTIES = {
    "agreement_review",
    "agreement_to_sign",
    "membership_reviews",
    "minutes_to_sign",
    "pack_not_published",
    "performance_value_due",
    "performance_value_overdue",
    "reserve_named",
    "reserve_wanted",
    "risk_escalated",
    "risk_review_overdue",
    "ruling_due",
    "special_request",
}
CHANGEABLE = {
    "action_due",
    "action_overdue",
    "advice_answered",
    "advice_asked",
    "agreement_comment_outcome",
    "agreement_consultation",
    "gift_undeclared",
    "late_paper",
    "minutes_published",
    "pack_published",
    "paper_due",
    "register_confirmation",
    "risk_review",
}


class _Outline(HTMLParser):
    """The headings of the page's main part in order, and the legend of each kind's fieldset under its group's."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.headings: list[str] = []
        self.groups: dict[str, list[str]] = {}
        # The open fieldsets, innermost last: a group's has a heading in its legend and the kinds' legends.
        self._fieldsets: list[dict] = []
        self._heading: list[str] | None = None
        self._legend: list[str] | None = None
        self._in_main = False
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self._in_main = True
        elif not self._in_main:
            return
        if tag == "fieldset":
            self._fieldsets.append({"legend": "", "group": False, "kinds": []})
        elif tag == "legend":
            self._legend = []
        elif tag in ("h1", "h2", "h3"):
            self._heading = []
            if self._legend is not None:
                self._fieldsets[-1]["group"] = True

    def handle_data(self, data):
        for text in (self._heading, self._legend):
            if text is not None:
                text.append(data)

    def handle_endtag(self, tag):
        if tag == "main":
            self._in_main = False
        elif tag in ("h1", "h2", "h3") and self._heading is not None:
            self.headings.append(" ".join("".join(self._heading).split()))
            self._heading = None
        elif tag == "legend" and self._legend is not None:
            self._fieldsets[-1]["legend"] = " ".join("".join(self._legend).split())
            self._legend = None
        elif tag == "fieldset":
            fieldset = self._fieldsets.pop()
            if fieldset["group"]:
                self.groups[fieldset["legend"]] = fieldset["kinds"]
            elif self._fieldsets and self._fieldsets[-1]["group"]:
                self._fieldsets[-1]["kinds"].append(fieldset["legend"])


def preferences():
    return dict(NotificationPreference.objects.values_list("kind", "delivery"))


def notify(person, key, kind, **fields):
    row = plan(
        Planned(
            kind=kind,
            key=key,
            recipient=person,
            subject="Subject",
            body="Body.",
            url="/meetings/",
            due_at=timezone.now(),
        )
    )
    Notification.objects.filter(pk=row.pk).update(**fields)
    return row


def banner_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_every_kind_sits_under_the_heading_of_what_it_is_about_with_the_headings_in_order(cast, client_for):
    response = client_for("member").get(URL)

    outline = _Outline(response.content.decode())
    assert outline.headings == [
        "How you are told",
        "Everything at once",
        "One kind at a time",
        *GROUPED,
    ]
    assert outline.groups == GROUPED
    assert {kind.name for kind in planning.kinds() if kind.essential} == DUTIES
    form = response.context["form"]
    assert [name for name in DUTIES if "Part of your duties." not in form.fields[name].help_text] == []


def test_a_kind_registered_without_a_group_goes_under_anything_else(monkeypatch):
    monkeypatch.setattr(planning, "_kinds", {})
    register_kind("carrier_pigeon", "A pigeon arrives", "Everyone")
    register_kind("agenda_news", "News of an agenda", "Members", group="meetings")

    assert planning.kinds_by_group() == [
        ("Meetings and papers", [Kind("agenda_news", "News of an agenda", "Members", group="meetings")]),
        ("Anything else", [Kind("carrier_pigeon", "A pigeon arrives", "Everyone")]),
    ]


def test_a_kind_cannot_be_registered_in_a_group_the_page_does_not_have(monkeypatch):
    monkeypatch.setattr(planning, "_kinds", {})
    with pytest.raises(ValueError, match="weather is not a group of notification kinds"):
        register_kind("rain", "It rains", "Everyone", group="weather")
    assert planning.kinds() == []


def test_one_choice_changes_every_kind_but_the_duties_and_says_how_many_changed(cast, client_for, mel):
    NotificationPreference.objects.create(person=mel, kind="pack_published", delivery=Delivery.DIGEST)
    NotificationPreference.objects.create(person=mel, kind="minutes_to_sign", delivery=Delivery.IN_APP)
    client = client_for("member")

    response = client.post(URL, {"everything-delivery": Delivery.DIGEST, **SET_EVERYTHING})

    assert (response.status_code, response["Location"]) == (302, URL)
    assert banner_of(response) == ["You will now get 12 kinds of notification in a daily digest."]
    assert preferences() == {
        **dict.fromkeys(CHANGEABLE, Delivery.DIGEST),
        # A duty keeps the choice made for it alone; the others keep the default (an email at once).
        "minutes_to_sign": Delivery.IN_APP,
    }
    # The page now shows the one choice they all share.
    assert client.get(URL).context["everything"].fields["delivery"].initial == Delivery.DIGEST


def test_choosing_for_everything_what_everything_already_has_changes_nothing(cast, client_for, mel):
    client = client_for("member")
    client.post(URL, {"everything-delivery": Delivery.IN_APP, **SET_EVERYTHING})
    client.get(URL)  # shows the message of the first choice
    changed_at = dict(NotificationPreference.objects.values_list("kind", "changed_at"))

    response = client.post(URL, {"everything-delivery": Delivery.IN_APP, **SET_EVERYTHING})

    assert banner_of(response) == ["Nothing was changed."]
    assert dict(NotificationPreference.objects.values_list("kind", "changed_at")) == changed_at


def test_a_kind_then_changed_on_its_own_keeps_its_own_choice(cast, client_for, mel):
    client = client_for("member")
    client.post(URL, {"everything-delivery": Delivery.DIGEST, **SET_EVERYTHING})
    data = {name: field.initial for name, field in client.get(URL).context["form"].fields.items()}
    data["pack_published"] = Delivery.EMAIL

    response = client.post(URL, data)

    assert banner_of(response) == ["Your choices are saved."]
    assert preferences() == {**dict.fromkeys(CHANGEABLE, Delivery.DIGEST), "pack_published": Delivery.EMAIL}


def test_pending_notifications_follow_the_choice_for_everything_and_the_duties_do_not(cast, client_for, mel):
    notify(mel, "pack", "pack_published")
    notify(mel, "action", "action_due")
    notify(mel, "sign", "minutes_to_sign")
    notify(mel, "sent", "minutes_published", status=NotificationStatus.SENT, sent_at=timezone.now())
    notify(cast.chair.person, "chris", "pack_published")

    client_for("member").post(URL, {"everything-delivery": Delivery.IN_APP, **SET_EVERYTHING})

    assert dict(Notification.objects.values_list("key", "delivery")) == {
        "pack": Delivery.IN_APP,
        "action": Delivery.IN_APP,
        "sign": Delivery.EMAIL,
        "sent": Delivery.EMAIL,
        "chris": Delivery.EMAIL,
    }


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"everything-delivery": "carrier-pigeon", **SET_EVERYTHING}, "Choose how you want everything sent"),
        ({"everything-delivery": "minutes_to_sign", **SET_EVERYTHING}, "Choose how you want everything sent"),
        (SET_EVERYTHING, "Choose how you want everything sent"),
    ],
    ids=["unknown choice", "a kind for a choice", "no choice"],
)
def test_a_bad_choice_for_everything_is_refused_and_nothing_changes(cast, client_for, data, error):
    response = client_for("member").post(URL, data)

    assert response.status_code == 400
    assert response.context["everything"].errors == {"delivery": [error]}
    assert response.context["form"].is_bound is False
    page = response.content.decode()
    assert '<a href="#id_everything-delivery_0">Choose how you want everything sent</a>' in page
    assert "<title>Error: How you are told" in page
    assert preferences() == {}


def test_a_tampered_kind_is_refused_and_nothing_changes(cast, client_for):
    client = client_for("member")
    data = {name: field.initial for name, field in client.get(URL).context["form"].fields.items()}
    data["carrier_pigeon"] = data.pop("pack_published")

    response = client.post(URL, data)

    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["pack_published"]
    assert preferences() == {}


@pytest.mark.parametrize("item_count", (1, 10))
def test_the_page_makes_the_same_queries_for_one_kind_as_for_ten(
    cast, client_for, django_assert_num_queries, monkeypatch, item_count
):
    groups = list(GROUPS)
    kinds = {
        f"kind_{n}": Kind(f"kind_{n}", f"Kind {n}", "Members", essential=n == 0, group=groups[n % len(groups)])
        for n in range(item_count)
    }
    monkeypatch.setattr(planning, "_kinds", kinds)
    client = client_for("member")
    # Once unmeasured, so that caches kept for the process (content types) do not count.
    client.get(URL)

    with django_assert_num_queries(5):
        response = client.get(URL)

    assert (response.status_code, len(response.context["form"].fields)) == (200, item_count)


@pytest.mark.parametrize("item_count", (1, 10))
def test_choosing_for_everything_makes_the_same_queries_for_one_pending_notification_as_for_ten(
    cast, client_for, django_assert_num_queries, mel, item_count
):
    for n in range(item_count):
        notify(mel, f"pending-{n}", "pack_published")
    client = client_for("member")
    client.get(URL)

    # Whatever the number of pending rows: each kind through its own action (its savepoints, the preference, one
    # update of its pending rows), around the sign-in, the person, their choices and the message.
    with django_assert_num_queries(6 + 9 * len(CHANGEABLE)):
        response = client.post(URL, {"everything-delivery": Delivery.DIGEST, **SET_EVERYTHING})

    assert response.status_code == 302
    assert set(Notification.objects.values_list("delivery", flat=True)) == {Delivery.DIGEST}
