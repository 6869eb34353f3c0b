"""Pages of the gifts and hospitality register (Agreement 11.3).

The public register shows only the entries at or above the publish threshold,
and of those only the name, date, description, value and decision: never the
reason given, nor any advice.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from bodies.models import Body, Membership
from declarations.actions import gifts as actions
from declarations.forms.gifts import (
    AdviceAnswerForm,
    AdviceRequestForm,
    GiftForm,
    GiftsSettingsForm,
    RegisterFilterForm,
)
from declarations.forms.registers import PublicRegisterForm
from declarations.models import REGISTER_ROLES, AdviceRequest, Gift, GiftsSettings
from declarations.policies.gifts import advice_requests_answerable_by, advice_requests_visible_to, public_gifts
from partnership.dates import british_date, british_datetime
from partnership.exports import csv_response
from partnership.models import Person, person_of
from partnership.pages import form_page, page_of, run_action, secretariat_required
from partnership.public_cache import public_page

PER_PAGE = 50


def _with_late(gifts, settings):
    gifts = list(gifts)
    for gift in gifts:
        gift.late = gift.is_late(settings.declare_within_days)
    return gifts


def _declarant(request):
    """The person declaring: signed in, in the framework; the same 404 for anyone else."""
    if not request.user.has_perm("declarations.declare_gift"):
        raise Http404("No page here.")
    return person_of(request.user)


def get_advice_for(user, pk, perm):
    """The advice request, if `user` holds `perm` on it; the same 404 as a missing one otherwise."""
    advice = get_object_or_404(
        advice_requests_visible_to(user).select_related("person", "body", "answered_by__person", "gift"), pk=pk
    )
    if not user.has_perm(perm, advice):
        raise Http404("No advice request matches the given query.")
    return advice


def _public_gifts(settings):
    """The published entries, with the fields the public sees (declarations.policies.gifts.public_gifts)."""
    return public_gifts(settings)


@public_page
@require_safe
def public_register(request):
    """The published entries, most recent first; for one body, the offers made to its members while they sat."""
    settings = GiftsSettings.current()
    form = PublicRegisterForm(request.GET or None)
    gifts = _public_gifts(settings)
    body = None
    if form.is_valid():
        body = form.cleaned_data["body"]
        if body:
            gifts = gifts.of_body(body)
        if form.cleaned_data["q"]:
            gifts = gifts.filter(person__name__icontains=form.cleaned_data["q"])
    page = page_of(request, gifts, PER_PAGE)
    return render(
        request,
        "declarations/gifts/public_register.html",
        {"page_obj": page, "gifts": page.object_list, "settings": settings, "form": form, "body": body},
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


@public_page
@require_safe
def public_register_person(request, pk):
    """One person's published entries; a person with none and no seat today has no page."""
    settings = GiftsSettings.current()
    person = get_object_or_404(Person, pk=pk)
    page = page_of(request, _public_gifts(settings).filter(person=person), PER_PAGE)
    gifts = page.object_list
    memberships = list(
        Membership.objects.current()
        .filter(person=person, role__in=REGISTER_ROLES)
        .select_related("body", "organisation")
        .order_by("body__name")
    )
    if not gifts and not memberships:
        raise Http404("No register here.")
    return render(
        request,
        "declarations/gifts/public_person.html",
        {"person": person, "page_obj": page, "gifts": gifts, "memberships": memberships, "settings": settings},
    )


@login_required
@require_safe
def my_gifts(request):
    person = person_of(request.user)
    settings = GiftsSettings.current()
    gifts = Gift.objects.filter(person=person).order_by("-offered_on", "-pk") if person else Gift.objects.none()
    page = page_of(request, gifts, PER_PAGE)
    advice = (
        advice_requests_visible_to(request.user)
        .filter(person=person)
        .select_related("body", "answered_by__person")
        .order_by("-asked_at", "-pk")
        if person
        else AdviceRequest.objects.none()
    )
    # A person's requests for advice: the latest, and the rest on their own pages.
    advice_page = page_of(request, advice, PER_PAGE, param="advice")
    return render(
        request,
        "declarations/gifts/mine.html",
        {
            "page_obj": page,
            "gifts": _with_late(page.object_list, settings),
            "advice_page": advice_page,
            "advice_requests": advice_page.object_list,
            "settings": settings,
            "can_declare": request.user.has_perm("declarations.declare_gift"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def declare(request):
    person = _declarant(request)
    form = GiftForm(request.POST if request.method == "POST" else None, person=person)
    if request.method == "POST" and form.is_valid():
        gift = run_action(
            form,
            actions.declare_gift,
            person=person,
            by=request.user,
            advice=form.cleaned_data.get("advice"),
            **{name: form.cleaned_data[name] for name in GiftForm.Meta.fields},
        )
        if gift is not None:
            late = " It was declared late." if gift.is_late() else ""
            messages.success(request, f"Your {gift.get_kind_display().lower()} entry was added to the register.{late}")
            return redirect("gift_mine")
    settings = GiftsSettings.current()
    return form_page(
        request,
        form,
        title="Declare an offer of a gift or hospitality",
        caption="Gifts and hospitality",
        intro=(
            f"Declare every offer made to you in connection with your role, whether you accepted it or not, "
            f"within {settings.declare_within_days} days of the offer."
        ),
        cancel_url=reverse("gift_mine"),
        submit_label="Declare the offer",
        section="account",
    )


def _advice_bodies(user, person):
    """The bodies the person sits on today; the secretariat may ask any current body."""
    mine = Body.objects.filter(pk__in=Membership.objects.current().filter(person=person).values("body"))
    if not mine.exists():
        return Body.objects.current()
    return mine


@login_required
@require_http_methods(["GET", "POST"])
def ask_advice(request):
    person = _declarant(request)
    form = AdviceRequestForm(
        request.POST if request.method == "POST" else None, bodies=_advice_bodies(request.user, person)
    )
    if request.method == "POST" and form.is_valid():
        advice = run_action(form, actions.ask_for_advice, person=person, by=request.user, **form.cleaned_data)
        if advice is not None:
            messages.success(request, f"Your request was sent to the chair and vice chair of {advice.body.name}.")
            return redirect("gift_advice_detail", pk=advice.pk)
    return form_page(
        request,
        form,
        title="Ask for advice about an offer",
        caption="Gifts and hospitality",
        intro="If you are unsure whether to accept an offer, ask before you decide. Refuse anything that could influence a decision.",
        cancel_url=reverse("gift_mine"),
        submit_label="Send the request",
        section="account",
    )


@login_required
@require_safe
def advice_detail(request, pk):
    advice = get_advice_for(request.user, pk, "declarations.view_advice_request")
    return render(
        request,
        "declarations/gifts/advice_detail.html",
        {
            "advice": advice,
            "can_answer": advice.answered_at is None
            and request.user.has_perm("declarations.answer_advice_request", advice),
            "is_asker": advice.person.user_id == request.user.pk,
            "asked_when": british_datetime(advice.asked_at),
            "answered_when": british_datetime(advice.answered_at) if advice.answered_at else "",
        },
    )


@login_required
@require_safe
def advice_list(request):
    requests = advice_requests_answerable_by(request.user).select_related("person", "body")
    # Each list a page at a time: the requests answered grow with the years.
    waiting = page_of(
        request, requests.filter(answered_at__isnull=True).order_by("-asked_at", "-pk"), PER_PAGE, param="waiting"
    )
    answered = page_of(request, requests.filter(answered_at__isnull=False).order_by("-asked_at", "-pk"), PER_PAGE)
    return render(
        request,
        "declarations/gifts/advice_list.html",
        {
            "waiting_page": waiting,
            "waiting": waiting.object_list,
            "page_obj": answered,
            "answered": answered.object_list,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def advice_answer(request, pk):
    advice = get_advice_for(request.user, pk, "declarations.answer_advice_request")
    if advice.answered_at is not None:
        messages.info(request, "This request has already been answered.")
        return redirect("gift_advice_detail", pk=advice.pk)
    form = AdviceAnswerForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        answered = run_action(form, actions.answer_advice, advice, by=request.user, answer=form.cleaned_data["answer"])
        if answered is not None:
            messages.success(request, f"Your advice was sent to {advice.person.name}.")
            return redirect("gift_advice_detail", pk=advice.pk)
    return form_page(
        request,
        form,
        title="Advise on an offer",
        caption=f"{advice.person.name} asked the {advice.body.name} on {british_date(advice.asked_at)}",
        intro=advice.question,
        cancel_url=reverse("gift_advice_detail", args=[advice.pk]),
        submit_label="Send your advice",
        section="account",
    )


def _filtered_register(request):
    form = RegisterFilterForm(request.GET or None)
    settings = GiftsSettings.current()
    gifts = Gift.objects.select_related("person", "recorded_by__person").prefetch_related("advice")
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if data["name"]:
            gifts = gifts.filter(person__name__icontains=data["name"])
        if data["kind"]:
            gifts = gifts.filter(kind=data["kind"])
        if data["decision"]:
            gifts = gifts.filter(decision=data["decision"])
        if data["offered_from"]:
            gifts = gifts.filter(offered_on__gte=data["offered_from"])
        if data["offered_to"]:
            gifts = gifts.filter(offered_on__lte=data["offered_to"])
        if data["late"]:
            gifts = gifts.late(settings.declare_within_days)
    return form, settings, gifts.order_by("-offered_on", "person__name", "pk")


@secretariat_required
@require_safe
def manage_register(request):
    form, settings, gifts = _filtered_register(request)
    page = page_of(request, gifts, PER_PAGE)
    csv_query = request.GET.copy()
    csv_query.pop("page", None)
    return render(
        request,
        "declarations/gifts/manage_register.html",
        {
            "form": form,
            "settings": settings,
            "page_obj": page,
            "gifts": _with_late(page.object_list, settings),
            "total": page.paginator.count,
            "csv_query": csv_query.urlencode(),
        },
        status=400 if form.errors else 200,
    )


# The columns of the secretariat's download.
CSV_HEADER = [
    "Name",
    "Kind",
    "Offered by",
    "Description",
    "Estimated value (£)",
    "Offered on",
    "Declared on",
    "Late",
    "Decision",
    "Why",
    "Published",
]


@secretariat_required
@require_safe
def register_csv(request):
    form, settings, gifts = _filtered_register(request)
    if form.errors:
        return HttpResponse("Check the filters: " + " ".join(str(e) for e in form.errors.values()), status=400)
    rows = (
        [
            gift.person.name,
            gift.get_kind_display(),
            gift.offered_by,
            gift.description,
            f"{gift.estimated_value:.2f}",
            gift.offered_on.isoformat(),
            timezone.localdate(gift.declared_at).isoformat(),
            "yes" if gift.late else "no",
            gift.get_decision_display(),
            gift.reason,
            "yes" if gift.estimated_value >= settings.publish_threshold else "no",
        ]
        for gift in _with_late(gifts, settings)
    )
    response = csv_response("gifts-and-hospitality.csv", CSV_HEADER, rows)
    # The reasons given are the secretariat's alone: no shared cache keeps a copy.
    response["Cache-Control"] = "private, no-store"
    return response


@secretariat_required
@require_http_methods(["GET", "POST"])
def settings_page(request):
    current = GiftsSettings.current()
    form = GiftsSettingsForm(request.POST if request.method == "POST" else None, instance=current)
    if request.method == "POST" and form.is_valid():
        saved = run_action(form, actions.change_gifts_settings, by=request.user, **form.cleaned_data)
        if saved is not None:
            messages.success(request, "The settings of the gifts and hospitality register were saved.")
            return redirect("gift_settings")
    history = GiftsSettings.history.select_related("history_user__person").order_by("-history_date")[:20]
    return render(
        request,
        "declarations/gifts/settings.html",
        {"form": form, "history": history},
        status=400 if form.errors else 200,
    )
