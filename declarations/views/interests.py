"""Pages of the register of interests: a member's own, the secretariat's, the public's; possible conflicts."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from bodies.models import SEATED_ROLES, Body, Membership
from declarations.actions import interests as actions
from declarations.conflicts import possible_conflicts
from declarations.forms.interests import CloseInterestForm, InterestForm, InterestUpdateForm, RegisterFilterForm
from declarations.forms.registers import PastEntriesForm, PublicInterestsForm
from declarations.models import REGISTER_ROLES, Interest, RegisterConfirmation
from declarations.policies.interests import public_interests, public_register_memberships
from meetings.models import Meeting
from meetings.pack import meeting_when
from partnership.dates import today
from partnership.exports import csv_response
from partnership.models import Person, person_of
from partnership.pages import form_page, history_page, page_of, run_action, secretariat_required
from partnership.public_cache import public_page


def _own_person(request):
    person = person_of(request.user)
    if person is None:
        raise Http404("No register here.")
    return person


def _interest_for(request, pk):
    """An entry `request.user` may change: the same 404 for missing and not theirs."""
    interest = Interest.objects.select_related("person", "organisation").filter(pk=pk).first()
    if interest is None or not request.user.has_perm("declarations.change_interest", interest):
        raise Http404("No entry here.")
    return interest


def _register_url(request, person):
    own = person_of(request.user)
    if own is not None and own.pk == person.pk:
        return reverse("interests_mine")
    return reverse("interests_manage") + "?" + urlencode({"q": person.name})


# A member's own register

# Closed entries a page of a member's own register shows.
CLOSED_PER_PAGE = 25


@login_required
@require_safe
def interests_mine(request):
    person = _own_person(request)
    on = today()
    interests = Interest.objects.filter(person=person).select_related("organisation").order_by("-start", "pk")
    # The entries held today in full; the closed ones, which grow with the years, a page at a time.
    closed = page_of(request, interests.filter(end__lt=on), CLOSED_PER_PAGE)
    return render(
        request,
        "declarations/interests/mine.html",
        {
            "person": person,
            "current": list(interests.exclude(end__lt=on)),
            "closed": closed.object_list,
            "page_obj": closed,
            "last_confirmation": RegisterConfirmation.objects.last_of(person),
            "confirmation_due": RegisterConfirmation.objects.is_due(person, on),
        },
    )


def _declare(request, person, cancel_url, caption, section):
    form = InterestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        interest = run_action(form, actions.declare_interest, person, by=request.user, **form.cleaned_data)
        if interest is not None:
            messages.success(request, "The interest was added to the register.")
            return redirect(cancel_url)
    return form_page(
        request,
        form,
        title="Declare an interest",
        caption=caption,
        intro="Declare in writing any financial, personal, business or organisational interest that could "
        "be seen to affect your part in the partnership's decisions, whether it is yours, a connected "
        "person's or a member of your household's.",
        submit_label="Add to the register",
        cancel_url=cancel_url,
        section=section,
    )


@login_required
@require_http_methods(["GET", "POST"])
def interest_create(request):
    person = _own_person(request)
    return _declare(request, person, reverse("interests_mine"), "Your register of interests", "account")


@secretariat_required
@require_http_methods(["GET", "POST"])
def interest_create_for(request, pk):
    """The secretariat records an interest a member declared to it in writing."""
    person = get_object_or_404(Person, pk=pk)
    return _declare(request, person, _register_url(request, person), person.full_name, "manage")


@login_required
@require_http_methods(["GET", "POST"])
def interest_edit(request, pk):
    interest = _interest_for(request, pk)
    cancel_url = _register_url(request, interest.person)
    if interest.is_closed():
        messages.info(request, "That entry is closed and kept as it was. Add a new entry instead.")
        return redirect(cancel_url)
    form = InterestUpdateForm(request.POST if request.method == "POST" else None, instance=interest)
    if request.method == "POST" and form.is_valid():
        saved = run_action(form, actions.update_interest, interest, by=request.user, **form.cleaned_data)
        if saved is not None:
            messages.success(request, "The entry was updated. The earlier version is kept in its history.")
            return redirect(cancel_url)
    return form_page(
        request,
        form,
        title="Update an interest",
        caption=interest.person.full_name,
        intro="Record a change of circumstance. The register keeps the earlier version.",
        cancel_url=cancel_url,
        section="account",
    )


@login_required
@require_http_methods(["GET", "POST"])
def interest_close(request, pk):
    interest = _interest_for(request, pk)
    cancel_url = _register_url(request, interest.person)
    form = CloseInterestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        saved = run_action(form, actions.close_interest, interest, by=request.user, end=form.cleaned_data["end"])
        if saved is not None:
            messages.success(request, "The entry was closed. It stays in the register's history.")
            return redirect(cancel_url)
    return form_page(
        request,
        form,
        title="Close an interest",
        caption=interest.description[:80],
        intro="An entry is never deleted: closing it records the last day the interest was held.",
        submit_label="Close the entry",
        cancel_url=cancel_url,
        section="account",
    )


@login_required
@require_safe
def interest_history(request, pk):
    """Every version of an entry, with who changed what and when: the member and the secretariat."""
    interest = Interest.objects.select_related("person", "organisation").filter(pk=pk).first()
    if interest is None or not request.user.has_perm("declarations.view_register", interest.person):
        raise Http404("No entry here.")
    page = history_page(request, interest)
    return render(
        request,
        "declarations/interests/history.html",
        {
            "interest": interest,
            "page_obj": page,
            "entries": page.entries,
            "back_url": _register_url(request, interest.person),
            "own": person_of(request.user) == interest.person,
        },
    )


@login_required
@require_POST
def register_confirm(request):
    person = _own_person(request)
    actions.confirm_register(person, by=request.user)
    messages.success(request, "Thank you: you confirmed your register of interests is up to date.")
    return redirect("interests_mine")


# The secretariat's view of every register


def _filtered(form):
    interests = Interest.objects.select_related("person", "organisation").order_by(
        "person__name", "person_id", "-start"
    )
    if not form.is_valid():
        # No filter (or a bad one): today's entries, as the "Current" filter shows them.
        return interests.current()
    data = form.cleaned_data
    if data["q"]:
        interests = interests.filter(person__name__icontains=data["q"].strip())
    if data["body"]:
        members = Membership.objects.current().filter(body=data["body"]).values("person_id")
        interests = interests.filter(person_id__in=members)
    if data["kind"]:
        interests = interests.filter(kind=data["kind"])
    status = data["status"] or "current"
    if status == "current":
        interests = interests.current()
    elif status == "closed":
        interests = interests.filter(end__lt=today())
    if data["publication"] == "withheld":
        interests = interests.filter(withheld=True)
    elif data["publication"] == "published":
        interests = interests.filter(withheld=False)
    return interests


# Entries a page of the secretariat's view shows; the download has every entry the filters pick.
MANAGE_PER_PAGE = 50


@secretariat_required
@require_safe
def interests_manage(request):
    form = RegisterFilterForm(request.GET or None)
    page = page_of(request, _filtered(form), MANAGE_PER_PAGE)
    csv_query = request.GET.copy()
    csv_query.pop("page", None)
    return render(
        request,
        "declarations/interests/manage.html",
        {
            "form": form,
            "page_obj": page,
            "interests": page.object_list,
            "csv_query": csv_query.urlencode(),
            "today": today(),
        },
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


# The columns of the secretariat's download.
CSV_HEADER = [
    "Member",
    "Kind",
    "Whose interest",
    "Description",
    "Organisation",
    "Matter",
    "More than one role",
    "From",
    "To",
    "Withheld",
    "Why withheld",
    "Recorded",
]


@secretariat_required
@require_safe
def interests_csv(request):
    form = RegisterFilterForm(request.GET or None)
    rows = (
        [
            i.person.full_name,
            i.get_kind_display(),
            i.get_holder_display(),
            i.description,
            i.organisation.name if i.organisation_id else "",
            i.matter,
            "Yes" if i.more_than_one_role else "No",
            i.start.isoformat(),
            i.end.isoformat() if i.end else "",
            "Yes" if i.withheld else "No",
            i.withheld_reason,
            # A spreadsheet reads this as a date and time; the pages say it the British way.
            timezone.localtime(i.created_at).strftime("%Y-%m-%d %H:%M"),
        ]
        for i in _filtered(form)
    )
    response = csv_response("register-of-interests.csv", CSV_HEADER, rows)
    # Withheld interests and their reasons are the secretariat's alone: no shared cache keeps a copy.
    response["Cache-Control"] = "private, no-store"
    return response


# The public register

# Members a page of the public register shows (each place a member holds on a body is a row).
PUBLIC_PER_PAGE = 50
# Entries a page of one member's public register shows.
PERSON_PER_PAGE = 50


def _public_interests(on, past):
    """The entries the public register shows (declarations.policies.interests.public_interests)."""
    return public_interests(on, past)


def _public_page(request, data, on):
    """The page of today's places on today's bodies (by body, then name), each with the member's entries."""
    memberships = (
        Membership.objects.on(on)
        .filter(body__in=Body.objects.current(), role__in=REGISTER_ROLES)
        .select_related("person", "organisation", "body")
        .order_by("body__name", "body_id", "person__name", "person_id", "pk")
    )
    if data.get("body"):
        memberships = memberships.filter(body=data["body"])
    if data.get("q"):
        memberships = memberships.filter(person__name__icontains=data["q"])
    page = page_of(request, memberships, PUBLIC_PER_PAGE)
    rows = page.object_list
    interests = {}
    for interest in (
        _public_interests(on, data.get("past"))
        .filter(person_id__in={m.person_id for m in rows})
        .select_related("organisation")
        .order_by("start", "pk")
    ):
        interests.setdefault(interest.person_id, []).append(interest)
    groups = {}
    for membership in rows:
        membership.interests = interests.get(membership.person_id, [])
        groups.setdefault(membership.body, []).append(membership)
    return page, list(groups.items())


@public_page
@require_safe
def interests_public(request):
    """Today's members of today's bodies with their entries, a page at a time; by body, by name, past entries too."""
    on = today()
    form = PublicInterestsForm(request.GET or None)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    page, groups = _public_page(request, data, on)
    return render(
        request,
        "declarations/interests/public.html",
        {"form": form, "page_obj": page, "groups": groups, "body": data.get("body"), "today": on},
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


@public_page
@require_safe
def interests_public_person(request, pk):
    on = today()
    person = get_object_or_404(Person, pk=pk)
    memberships = list(
        public_register_memberships(on)
        .filter(person=person)
        .select_related("body", "organisation")
        .order_by("body__name")
    )
    if not memberships:
        # Only current members have a public register.
        raise Http404("No register here.")
    form = PastEntriesForm(request.GET or None)
    past = form.is_bound and form.is_valid() and form.cleaned_data["past"]
    interests = (
        _public_interests(on, past).filter(person=person).select_related("organisation").order_by("-start", "-pk")
    )
    page = page_of(request, interests, PERSON_PER_PAGE)
    return render(
        request,
        "declarations/interests/public_person.html",
        {
            "person": person,
            "memberships": memberships,
            # A named reserve has a register but no seat, and so no attendance figures of their own.
            "sits_as_member": any(m.role in SEATED_ROLES for m in memberships),
            "form": form,
            "past": past,
            "page_obj": page,
            "interests": page.object_list,
            "today": on,
        },
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


# Possible conflicts on an agenda (Agreement 11.4.2, 11.4.4)


@login_required
@require_safe
def meeting_conflicts(request, pk):
    meeting = Meeting.objects.select_related("body").filter(pk=pk).first()
    if meeting is None or not request.user.has_perm("declarations.view_conflicts", meeting):
        raise Http404("No meeting here.")
    everyone = request.user.has_perm("declarations.view_all_conflicts", meeting)
    # A member sees their own register's matches only: read theirs alone, not every member's.
    own = None if everyone else person_of(request.user)
    conflicts = possible_conflicts(meeting, person=own) if everyone or own is not None else []
    return render(
        request,
        "declarations/interests/conflicts.html",
        {"meeting": meeting, "when": meeting_when(meeting), "conflicts": conflicts, "everyone": everyone},
    )
