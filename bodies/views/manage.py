"""The secretariat's pages: organisations, people, bodies, links, seats and memberships."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from bodies.actions import bodies as actions
from bodies.actions import memberships as membership_actions
from bodies.actions import organisations as organisation_actions
from bodies.forms import (
    ActivateBodyForm,
    BodyForm,
    BodyLinkForm,
    EndBodyForm,
    EndMembershipForm,
    EstablishBodyForm,
    MergeBodyForm,
    RenameBodyForm,
    ReplaceBodyForm,
    ReviewMembershipForm,
    SeatForm,
    WithdrawalForm,
)
from bodies.forms import MembershipForm as MembershipFormClass
from bodies.models import Body, BodyLink, Membership, Seat
from bodies.queries import organisations_with_counts
from partnership import actions as base_actions
from partnership import sessions as sign_ins
from partnership.dates import british_date, today
from partnership.forms import OrganisationForm, PersonForm, PersonSearchForm
from partnership.models import Organisation, Person, SignInSession, SignOutReason
from partnership.pages import form_page, history_page, page_of, run_action, secretariat_required

# Rows a page of the secretariat's lists shows (people, a person's memberships, reviews due).
PER_PAGE = 50


@secretariat_required
@require_safe
def dashboard(request):
    return render(
        request,
        "manage/dashboard.html",
        {
            "body_count": Body.objects.current().count(),
            "organisation_count": Organisation.objects.current().count(),
            "person_count": Person.objects.count(),
            "reviews_due": Membership.objects.due_for_review(today()).count(),
        },
    )


# Organisations


@secretariat_required
@require_safe
def organisation_list(request):
    organisations = organisations_with_counts().select_related("withdrawal").order_by("name", "pk")
    page = page_of(request, organisations, PER_PAGE)
    return render(request, "manage/organisation_list.html", {"organisations": page.object_list, "page_obj": page})


@secretariat_required
@require_http_methods(["GET", "POST"])
def organisation_form(request, slug=None):
    organisation = get_object_or_404(Organisation, slug=slug) if slug else None
    form = OrganisationForm(request.POST if request.method == "POST" else None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        saved = run_action(form, base_actions.save_organisation, form.instance, by=request.user)
        if saved:
            messages.success(request, f"{saved} was saved.")
            return redirect(saved)
    return form_page(
        request,
        form,
        title=f"Edit {organisation}" if organisation else "Add an organisation",
        cancel_url=organisation.get_absolute_url() if organisation else reverse("manage:organisation_list"),
    )


@secretariat_required
@require_http_methods(["GET", "POST"])
def organisation_withdraw(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    if organisation.left_on:
        messages.info(request, f"{organisation} has already withdrawn.")
        return redirect(organisation)
    form = WithdrawalForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if run_action(
            form, organisation_actions.withdraw_organisation, organisation, by=request.user, **form.cleaned_data
        ):
            messages.success(request, f"The withdrawal of {organisation} was recorded and its memberships ended.")
            return redirect(organisation)
    return form_page(
        request,
        form,
        title=f"Record the withdrawal of {organisation}",
        intro="An organisation leaving the partnership gives written notice, saying how the funding it has "
        "committed will be maintained (Agreement 18.3). Its memberships and seats end on its last day.",
        submit_label="Record the withdrawal",
        cancel_url=organisation.get_absolute_url(),
    )


# People


@secretariat_required
@require_safe
def person_list(request):
    # The input keeps the id "q" that the error summary links to.
    form = PersonSearchForm(request.GET or None, auto_id="%s")
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    people = Person.objects.select_related("organisation", "user").order_by("name")
    if query:
        people = people.filter(Q(name__icontains=query) | Q(email__icontains=query))
    page = page_of(request, people, PER_PAGE)
    return render(
        request,
        "manage/person_list.html",
        {"form": form, "page_obj": page, "query": query},
        status=400 if form.errors else 200,
    )


@secretariat_required
@require_safe
def person_detail(request, pk):
    person = get_object_or_404(Person.objects.select_related("organisation", "user"), pk=pk)
    memberships = person.memberships.select_related("body", "organisation").order_by("-start", "-pk")
    page = page_of(request, memberships, PER_PAGE)
    # How many sessions the person's login has open (partnership.sessions), for "sign out everywhere".
    active_sessions = SignInSession.objects.filter(user_id=person.user_id).active().count() if person.user_id else None
    return render(
        request,
        "manage/person_detail.html",
        {"person": person, "memberships": page.object_list, "page_obj": page, "active_sessions": active_sessions},
    )


@secretariat_required
@require_POST
def person_sign_out(request, pk):
    """Sign a person out on every device (a lost laptop, a login to be stopped at once); kept on their records."""
    person = get_object_or_404(Person.objects.select_related("user"), pk=pk)
    if person.user is None:
        messages.error(request, f"{person} has no account to sign out.")
        return redirect(person)
    # Signing oneself out everywhere from here keeps this session, which the request still writes to.
    here = sign_ins.current_id(request) if person.user_id == request.user.pk else None
    ended = sign_ins.end_all_sign_ins(person.user, by=request.user, reason=SignOutReason.SECRETARIAT, keep=here)
    if here:
        sign_ins.keep_session(request, request.user)
    messages.success(
        request, f"{person} was signed out everywhere ({ended} active session{'' if ended == 1 else 's'} ended)."
    )
    return redirect(person)


@secretariat_required
@require_http_methods(["GET", "POST"])
def person_form(request, pk=None):
    person = get_object_or_404(Person, pk=pk) if pk else None
    form = PersonForm(request.POST if request.method == "POST" else None, instance=person)
    if request.method == "POST" and form.is_valid():
        saved = run_action(form, base_actions.save_person, form.instance, by=request.user)
        if saved:
            messages.success(request, f"{saved} was saved.")
            return redirect(saved)
    return form_page(
        request,
        form,
        title=f"Edit {person}" if person else "Add a person",
        intro=""
        if person
        else "A person can appear in the records without an account; invite them later if they need one.",
        cancel_url=person.get_absolute_url() if person else reverse("manage:person_list"),
    )


@secretariat_required
@require_POST
def person_invite(request, pk):
    person = get_object_or_404(Person, pk=pk)
    try:
        base_actions.invite_person(person, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, f"An invitation was sent to {person.email}.")
    return redirect(person)


# Bodies


@secretariat_required
@require_http_methods(["GET", "POST"])
def body_create(request):
    form = EstablishBodyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        fields = {name: value for name, value in form.cleaned_data.items() if name not in ("established_on", "shadow")}
        body = run_action(
            form,
            actions.establish_body,
            by=request.user,
            established_on=form.cleaned_data["established_on"],
            shadow=form.cleaned_data["shadow"],
            **fields,
        )
        if body:
            messages.success(request, f"{body} was established.")
            return redirect(body)
    return form_page(
        request, form, title="Establish a body", submit_label="Establish the body", cancel_url=reverse("body_list")
    )


@secretariat_required
@require_http_methods(["GET", "POST"])
def body_edit(request, slug):
    body = get_object_or_404(Body, slug=slug)
    form = BodyForm(request.POST if request.method == "POST" else None, instance=body)
    if request.method == "POST" and form.is_valid():
        if run_action(form, actions.save_body_details, form.instance, by=request.user):
            messages.success(request, f"{body} was saved.")
            return redirect(body)
    return form_page(request, form, title=f"Edit {body}", cancel_url=body.get_absolute_url())


CHANGES = {
    "activate": (ActivateBodyForm, "Make the body active"),
    "end": (EndBodyForm, "End the body"),
    "merge": (MergeBodyForm, "Merge the body"),
    "replace": (ReplaceBodyForm, "Replace the body"),
    "rename": (RenameBodyForm, "Rename the body"),
}


def _perform_change(change, body, form, by):
    data = form.cleaned_data
    if change == "activate":
        return actions.make_body_active(body, by=by, on=data["on"], reason=data["reason"])
    if change == "end":
        return actions.end_body(body, by=by, last_day=data["last_day"], reason=data["reason"])
    if change == "merge":
        into = data["into"]
        return actions.merge_bodies(
            [body, *data["others"]],
            by=by,
            on=data["on"],
            reason=data["reason"],
            into=into,
            new_body=None if into else form.new_body_fields(),
        )
    if change == "replace":
        return actions.replace_body(
            body, by=by, on=data["on"], reason=data["reason"], new_body=form.new_body_fields(), shadow=data["shadow"]
        )
    return actions.rename_body(
        body, by=by, on=data["on"], reason=data["reason"], name=data["name"], short_name=data["short_name"]
    )


@secretariat_required
@require_http_methods(["GET", "POST"])
def body_change(request, slug, change):
    body = get_object_or_404(Body, slug=slug)
    if change not in CHANGES:
        raise Http404("No such change.")
    form_class, title = CHANGES[change]
    kwargs = {"body": body} if form_class is MergeBodyForm else {}
    form = form_class(request.POST if request.method == "POST" else None, **kwargs)
    if body.ended_on:
        messages.info(request, f"{body} ended on {british_date(body.ended_on)}; it can no longer change.")
        return redirect(body)
    if request.method == "POST" and form.is_valid():
        result = run_action(form, _perform_change, change, body, form, request.user)
        if result:
            messages.success(request, f"{title}: done. The change is recorded in the body's history.")
            return redirect(result)
    return form_page(
        request, form, title=title, caption=str(body), submit_label=title, cancel_url=body.get_absolute_url()
    )


@secretariat_required
@require_http_methods(["GET", "POST"])
def link_create(request, slug):
    body = get_object_or_404(Body, slug=slug)
    form = BodyLinkForm(request.POST if request.method == "POST" else None, body=body, initial={"start": today()})
    if request.method == "POST" and form.is_valid():
        if run_action(form, actions.add_link, form.instance, by=request.user):
            messages.success(request, "The link was added.")
            return redirect(body)
    return form_page(request, form, title="Add a link", caption=str(body), cancel_url=body.get_absolute_url())


@secretariat_required
@require_POST
def link_end(request, pk):
    link = get_object_or_404(BodyLink.objects.select_related("from_body"), pk=pk)
    if link.end is None:
        link = actions.end_link(link, by=request.user, last_day=today())
        messages.success(request, f"The link “{link}” ends today.")
    return redirect(link.from_body)


@secretariat_required
@require_http_methods(["GET", "POST"])
def seat_create(request, slug):
    body = get_object_or_404(Body, slug=slug)
    form = SeatForm(request.POST if request.method == "POST" else None, body=body, initial={"start": today()})
    if request.method == "POST" and form.is_valid():
        if run_action(form, actions.add_seat, form.instance, by=request.user):
            messages.success(request, "The seat was added.")
            return redirect(body)
    return form_page(
        request,
        form,
        title="Add a seat",
        caption=str(body),
        intro="A seat with nobody in it shows on the body's page as a vacancy.",
        cancel_url=body.get_absolute_url(),
    )


@secretariat_required
@require_POST
def seat_end(request, pk):
    seat = get_object_or_404(Seat.objects.select_related("body"), pk=pk)
    if seat.end is None:
        seat = actions.end_seat(seat, by=request.user, last_day=today())
        messages.success(request, f"The seat “{seat.label}” was removed from today.")
    return redirect(seat.body)


# Memberships


@secretariat_required
@require_http_methods(["GET", "POST"])
def membership_form(request, slug=None, pk=None):
    if pk:
        membership = get_object_or_404(Membership.objects.select_related("body"), pk=pk)
        body = membership.body
    else:
        membership, body = None, get_object_or_404(Body, slug=slug)
    initial = {} if membership else {"start": today(), "person": request.GET.get("person")}
    form = MembershipFormClass(
        request.POST if request.method == "POST" else None, instance=membership, body=body, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        if run_action(form, membership_actions.save_membership, form.instance, by=request.user):
            messages.success(request, f"The membership of {form.instance.person} was saved.")
            return redirect(body)
    return form_page(
        request,
        form,
        title=f"Edit the membership of {membership.person}" if membership else "Add a member",
        caption=str(body),
        cancel_url=body.get_absolute_url(),
    )


@secretariat_required
@require_http_methods(["GET", "POST"])
def membership_end(request, pk):
    membership = get_object_or_404(Membership.objects.select_related("body", "person"), pk=pk)
    form = EndMembershipForm(request.POST if request.method == "POST" else None, initial={"last_day": today()})
    if request.method == "POST" and form.is_valid():
        if run_action(form, membership_actions.end_membership, membership, by=request.user, **form.cleaned_data):
            messages.success(
                request,
                f"The membership of {membership.person} ends on {british_date(form.cleaned_data['last_day'])}.",
            )
            return redirect(membership.body)
    return form_page(
        request,
        form,
        title=f"End the membership of {membership.person}",
        caption=f"{membership.get_role_display()}, {membership.body}",
        intro="Any named reserve for this member leaves with them.",
        submit_label="End the membership",
        cancel_url=membership.body.get_absolute_url(),
    )


@secretariat_required
@require_safe
def reviews_due(request):
    memberships = (
        Membership.objects.due_for_review(today())
        .select_related("person", "body", "organisation")
        .order_by("review_due_on", "body__name", "person__name", "pk")
    )
    page = page_of(request, memberships, PER_PAGE)
    return render(
        request,
        "manage/reviews_due.html",
        {"memberships": page.object_list, "page_obj": page, "form": ReviewMembershipForm()},
    )


@secretariat_required
@require_POST
def membership_review(request, pk):
    membership = get_object_or_404(Membership.objects.select_related("person", "body"), pk=pk)
    form = ReviewMembershipForm(request.POST)
    if form.is_valid():
        membership = membership_actions.record_membership_review(membership, by=request.user, **form.cleaned_data)
        messages.success(
            request,
            f"The review of {membership.person} on {membership.body} was recorded. "
            f"The next is due on {british_date(membership.review_due_on)}.",
        )
    else:
        messages.error(request, "Enter the date of the review as a real date.")
    return redirect(reverse("manage:reviews_due"))


# History

HISTORY_MODELS = {
    "organisation": (Organisation, "slug"),
    "person": (Person, "pk"),
    "body": (Body, "slug"),
    "membership": (Membership, "pk"),
    "link": (BodyLink, "pk"),
    "seat": (Seat, "pk"),
}


@secretariat_required
@require_safe
def history(request, kind, key):
    if kind not in HISTORY_MODELS:
        raise Http404("No such record.")
    model, field = HISTORY_MODELS[kind]
    obj = get_object_or_404(model, **{field: key})
    page = history_page(request, obj)
    return render(
        request, "manage/history.html", {"object": obj, "kind": kind, "page_obj": page, "entries": page.entries}
    )
