"""The actions register: every action a user may see, and the update of an action's status by its owners."""

from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import F
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from bodies.models import Body
from meetings.actions.register import update_action_status
from meetings.forms.register import ActionFilterForm, ActionUpdateForm
from meetings.models import OPEN_ACTION_STATUSES, Action, ActionStatus
from meetings.policies.register import actions_visible_to, can_update_listed_action, get_action_for
from meetings.views.pages import form_status
from partnership.models import Person
from partnership.pages import run_action

ACTIONS_PER_PAGE = 25


def _mark_overdue(action, today):
    action.is_overdue = action.status in OPEN_ACTION_STATUSES and action.due_on is not None and action.due_on < today


def _apply_action_filters(actions, data, today):
    if data.get("body"):
        actions = actions.filter(item__meeting__body=data["body"])
    if data.get("owner"):
        actions = actions.filter(pk__in=data["owner"].actions.values("pk"))
    if data.get("owner_name"):
        actions = actions.filter(pk__in=Action.objects.filter(owners__name__icontains=data["owner_name"]).values("pk"))
    if data.get("status") == "unfinished":
        actions = actions.open()
    elif data.get("status"):
        actions = actions.filter(status=data["status"])
    if data.get("due_before"):
        actions = actions.filter(due_on__lt=data["due_before"])
    if data.get("overdue"):
        actions = actions.overdue(today)
    return actions


@login_required
@require_safe
def action_register(request):
    user = request.user
    visible = actions_visible_to(user)
    # DISTINCT first: PostgreSQL otherwise joins every visible action before looking up the few bodies.
    bodies = Body.objects.filter(pk__in=visible.order_by().values("item__meeting__body_id").distinct()).order_by("name")
    owners = Person.objects.filter(pk__in=visible.values("owners")).order_by("name")
    form = ActionFilterForm(request.GET or None, bodies=bodies, owners=owners)
    today = timezone.localdate()
    actions = visible.select_related("item__meeting__body").prefetch_related("owners")
    if form.is_bound and form.is_valid():
        actions = _apply_action_filters(actions, form.cleaned_data, today)
    actions = actions.order_by(F("due_on").asc(nulls_last=True), "pk")
    page = Paginator(actions, ACTIONS_PER_PAGE).get_page(request.GET.get("page"))
    owner = form.cleaned_data.get("owner") if form.is_bound and form.is_valid() else None
    for action in page:
        _mark_overdue(action, today)
        action.can_update = can_update_listed_action(user, action)
        if action.can_update:
            action.form = ActionUpdateForm(action=action, prefix=f"action-{action.pk}")
    return render(
        request,
        "meetings/calendar/action_register.html",
        {"form": form, "page_obj": page, "owner": owner, "next": request.get_full_path()},
        status=form_status(form),
    )


def _safe_next(request):
    """Return the page of the register the update came from (its filters kept), or the register itself.

    Only the register is followed: any other value, a view name or another site, is ignored.
    """
    register = reverse("action_register")
    parts = urlsplit(request.POST.get("next") or request.GET.get("next") or "")
    if parts.scheme or parts.netloc or parts.path != register:
        return register
    return f"{register}?{parts.query}" if parts.query else register


@login_required
@require_http_methods(["GET", "POST"])
def action_update(request, pk):
    action = get_action_for(request.user, pk, "meetings.update_action")
    _mark_overdue(action, timezone.localdate())
    prefix = f"action-{action.pk}"
    form = ActionUpdateForm(request.POST if request.method == "POST" else None, action=action, prefix=prefix)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if run_action(form, update_action_status, action, by=request.user, status=data["status"], note=data["note"]):
            messages.success(request, f"The action “{action}” is now {ActionStatus(data['status']).label.lower()}.")
            return redirect(_safe_next(request))
    return render(
        request,
        "meetings/calendar/action_update.html",
        {"action": action, "form": form, "next": _safe_next(request)},
        status=form_status(form),
    )
