"""Pages of notifications: a person's list and preferences, unsubscribing by link, the secretariat's outbox."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from notifications import actions
from notifications import planning as notifications
from notifications.models import Delivery, Notification, NotificationStatus
from partnership.models import person_of
from partnership.pages import secretariat_required
from partnership.rendering import GovukFormMixin
from partnership.transactions import several_actions

PER_PAGE = 50


def _own_person(request):
    person = person_of(request.user)
    if person is None:
        raise Http404("No notifications here.")
    return person


@login_required
@require_safe
def notification_list(request):
    """What the site has told the person, newest first; new ones are marked."""
    person = _own_person(request)
    rows = Notification.objects.shown_to(person).order_by("-due_at", "-pk")
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/list.html",
        {"page_obj": page, "notifications": page.object_list, "unread": rows.filter(read_at__isnull=True).count()},
    )


@login_required
@require_POST
def notification_mark_read(request):
    person = _own_person(request)
    count = actions.mark_all_read(person)
    messages.success(request, f"{count} notification{'s' if count != 1 else ''} marked as read.")
    return redirect("notification_list")


class PreferencesForm(GovukFormMixin, forms.Form):
    """One choice per kind: an email at once, a daily digest, or only the list on this site."""

    def __init__(self, *args, current, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in notifications.kinds():
            self.fields[kind.name] = forms.ChoiceField(
                label=kind.label,
                help_text=f"For {kind.audience.lower()}." + (" Part of your duties." if kind.essential else ""),
                choices=Delivery.choices,
                widget=forms.RadioSelect,
                initial=current[kind.name],
                error_messages={"required": f"Choose how you are told: {kind.label.lower()}"},
            )

    def groups(self):
        """[(heading, bound fields)] in the order of the page's headings."""
        return [(heading, [self[kind.name] for kind in kinds]) for heading, kinds in notifications.kinds_by_group()]


# The choice for everything at once, as the page offers it, and how the message after it reads.
EVERYTHING_CHOICES = [
    (Delivery.EMAIL, "By email at once"),
    (Delivery.DIGEST, "In a daily digest"),
    (Delivery.IN_APP, "On the site only"),
]
# The name of the button that sends the choice for everything: the page's other form has none.
SET_EVERYTHING = "set_everything"


class EverythingForm(GovukFormMixin, forms.Form):
    """One choice for every kind that is not part of the person's duties; those are chosen one by one."""

    prefix = "everything"
    delivery = forms.ChoiceField(
        label="Send me everything",
        help_text="Every kind below, except those that are part of your duties: choose those one by one.",
        choices=EVERYTHING_CHOICES,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose how you want everything sent",
            "invalid_choice": "Choose how you want everything sent",
        },
    )

    def __init__(self, *args, current, **kwargs):
        super().__init__(*args, **kwargs)
        self.changeable = [kind.name for kind in notifications.kinds() if not kind.essential]
        chosen = {current[name] for name in self.changeable}
        if len(chosen) == 1:
            self.fields["delivery"].initial = chosen.pop()


@login_required
@require_http_methods(["GET", "POST"])
def notification_settings(request):
    """A choice for each kind, grouped by what they are about, and one choice for every kind at once."""
    person = _own_person(request)
    current = notifications.preferences_of(person)
    data = request.POST if request.method == "POST" else None
    setting_everything = data is not None and SET_EVERYTHING in data
    form = PreferencesForm(None if setting_everything else data, current=current)
    everything = EverythingForm(data if setting_everything else None, current=current)
    if setting_everything and everything.is_valid():
        delivery = everything.cleaned_data["delivery"]
        changing = [name for name in everything.changeable if current[name] != delivery]
        # All or nothing: each kind through the action that changes one (its pending messages follow).
        with several_actions():
            for name in changing:
                actions.set_preference(person, name, delivery)
        messages.success(request, _everything_message(len(changing), delivery))
        return redirect("notification_settings")
    if form.is_bound and form.is_valid():
        changed = 0
        for name, delivery in form.cleaned_data.items():
            if delivery != current[name]:
                actions.set_preference(person, name, delivery)
                changed += 1
        messages.success(request, "Your choices are saved." if changed else "Nothing was changed.")
        return redirect("notification_settings")
    submitted = everything if setting_everything else form
    return render(
        request,
        "notifications/settings.html",
        {
            "form": form,
            "everything": everything,
            "submitted": submitted,
            "set_everything": SET_EVERYTHING,
            "has_address": bool(notifications.address_of(person)),
        },
        status=400 if submitted.is_bound else 200,
    )


def _everything_message(count, delivery):
    if not count:
        return "Nothing was changed."
    how = dict(EVERYTHING_CHOICES)[delivery].lower()
    return f"You will now get {count} kind{'s' if count != 1 else ''} of notification {how}."


@csrf_exempt  # The signed token is the authority; mail programs POST here for one-click unsubscribe (RFC 8058).
@require_http_methods(["GET", "POST"])
def notification_unsubscribe(request, token):
    """Stop the emails of one non-essential kind, from the link in the email, without signing in."""
    found = notifications.read_unsubscribe_token(token)
    if found is None:
        raise Http404("This link is not valid.")
    person, kind = found
    done = False
    if request.method == "POST":
        actions.set_preference(person, kind.name, Delivery.IN_APP)
        done = True
    return render(request, "notifications/unsubscribe.html", {"person": person, "kind": kind, "done": done})


class OutboxFilterForm(GovukFormMixin, forms.Form):
    status = forms.ChoiceField(label="Status", required=False, choices=[("", "Any"), *NotificationStatus.choices])
    kind = forms.ChoiceField(label="Kind", required=False)
    q = forms.CharField(label="Recipient's name contains", required=False, max_length=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "Any"), *((k.name, k.label) for k in notifications.kinds())]


@secretariat_required
@require_safe
def outbox(request):
    """What was sent to whom and when, what failed and why, what waits."""
    form = OutboxFilterForm(request.GET or None)
    rows = Notification.objects.select_related("recipient").order_by("-due_at", "-pk")
    if form.is_valid():
        data = form.cleaned_data
        if data["status"]:
            rows = rows.filter(status=data["status"])
        if data["kind"]:
            rows = rows.filter(kind=data["kind"])
        if data["q"].strip():
            rows = rows.filter(recipient__name__icontains=data["q"].strip())
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    labels = {k.name: k.label for k in notifications.kinds()}
    for row in page.object_list:
        row.kind_label = labels.get(row.kind, row.kind)
    return render(
        request,
        "notifications/outbox.html",
        {"form": form, "page_obj": page, "notifications": page.object_list},
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


@secretariat_required
@require_POST
def outbox_retry(request, pk):
    """Send a failed notification again, from now, with its attempts counted afresh."""
    notification = get_object_or_404(Notification.objects.select_related("recipient"), pk=pk)
    if not actions.send_again(notification, by=request.user):
        messages.info(request, "Only a failed notification can be sent again.")
        return redirect("outbox")
    messages.success(request, f"The notification to {notification.recipient.full_name} will be sent again shortly.")
    return redirect("outbox")
