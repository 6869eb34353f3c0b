"""Consultation: partners comment on a draft; the secretariat opens, closes and decides."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from agreements.actions import consultation as actions_consultation
from agreements.forms.consultation import CommentForm, ConsultationForm, DecideForm
from agreements.forms.drafting import ConfirmForm
from agreements.models import Clause, Comment, CommentOutcome
from agreements.policies import versions_in_consultation_for
from agreements.text import blocks
from agreements.views.pages import get_version, manage_form_page, manage_url, posted, refused
from partnership.dates import british_date
from partnership.pages import page_of, run_action, secretariat_required

# Comments a page of a partner's own list, or of the secretariat's list for a version, shows.
COMMENTS_PER_PAGE = 50


def get_clause_for_comment(user, pk) -> Clause:
    """A clause of a version out for consultation, for a partner; the same 404 for anyone else as for no clause."""
    versions = versions_in_consultation_for(user)
    return get_object_or_404(
        Clause.objects.select_related("version__agreement").filter(version__in=versions.values("pk")), pk=pk
    )


@login_required
@require_http_methods(["GET", "POST"])
def clause_comment(request, pk):
    """A partner comments on one clause, and may propose replacement text; after the closing date, says so."""
    clause = get_clause_for_comment(request.user, pk)
    version = clause.version
    is_open = version.is_open_for_comment()
    form = CommentForm(posted(request))
    if request.method == "POST" and is_open and form.is_valid():
        comment = run_action(
            form,
            actions_consultation.add_comment,
            clause,
            by=request.user,
            text=form.cleaned_data["text"],
            proposed_text=form.cleaned_data["proposed_text"],
        )
        if comment is not None:
            messages.success(
                request, f"Your comment on {clause.number} was sent to the secretariat, which will decide on it."
            )
            return redirect(reverse("agreement_my_comments") + f"#comment-{comment.pk}")
    # After the closing date the page says so, and a comment posted then is refused with the same words.
    too_late = request.method == "POST" and not is_open
    context = {"form": form, "clause": clause, "version": version, "is_open": is_open, "refused": too_late}
    if is_open:
        context["blocks"] = blocks(clause.text)
    status = 400 if too_late or (is_open and form.errors) else 200
    return render(request, "agreements/comment.html", context, status=status)


@login_required
@require_safe
def my_comments(request):
    """Every comment the signed-in person has made, on any version, with what became of it and why."""
    comments = (
        Comment.objects.filter(author=request.user)
        .select_related("version__agreement", "decision")
        .order_by("-made_at", "-pk")
    )
    page = page_of(request, comments, COMMENTS_PER_PAGE)
    return render(request, "agreements/my_comments.html", {"comments": page.object_list, "page_obj": page})


@secretariat_required
@require_http_methods(["GET", "POST"])
def consultation_open(request, pk):
    """Open a draft for comment until a closing date; or, while it is open, move the closing date."""
    version = get_version(pk)
    if version.is_locked and request.method == "GET":
        return refused(request, version)
    moving = version.in_consultation
    form = ConsultationForm(posted(request), initial={"closes_on": version.consultation_closes_on})
    if request.method == "POST" and form.is_valid():
        action = actions_consultation.move_consultation_closing if moving else actions_consultation.open_consultation
        done = run_action(form, action, version, by=request.user, closes_on=form.cleaned_data["closes_on"])
        if done is not None:
            closes = british_date(done.consultation_closes_on)
            messages.success(
                request,
                f"Comments on “{version.label}” now close on {closes}."
                if moving
                else f"“{version.label}” is open for comment until {closes}. Every partner has been told.",
            )
            return redirect(manage_url(version))
    if moving:
        title = "Change the closing date for comments"
        intro = "Partners who have not yet been told are told the new date."
    else:
        title = "Open this draft for comment"
        intro = (
            "Every member of a body and every authorised signatory is told, and can comment on each clause "
            "until the closing date. While it is out for consultation its clauses cannot be edited."
        )
    return manage_form_page(
        request,
        form,
        title=title,
        caption=version.label,
        intro=intro,
        submit_label="Change the date" if moving else "Open for comment",
        cancel_url=manage_url(version),
    )


@secretariat_required
@require_http_methods(["GET", "POST"])
def consultation_close(request, pk):
    version = get_version(pk)
    form = ConfirmForm(posted(request))
    if request.method == "POST" and form.is_valid():
        done = run_action(form, actions_consultation.close_consultation, version, by=request.user)
        if done is not None:
            messages.success(request, f"The consultation on “{version.label}” is closed: it is a draft again.")
            return redirect(manage_url(version))
    closes = version.consultation_closes_on
    intro = "Partners can no longer comment, and the draft can be edited again. Comments stay, to be decided on."
    if version.in_consultation and closes >= timezone.localdate():
        intro = f"Comments were due to close on {british_date(closes)}. " + intro
    return manage_form_page(
        request,
        form,
        title="Close the consultation",
        caption=version.label,
        intro=intro,
        submit_label="Close the consultation",
        warning=True,
        cancel_url=manage_url(version),
    )


COMMENT_FILTERS = {
    "all": ("All", lambda comments: comments),
    "open": ("Awaiting a decision", lambda comments: comments.awaiting_decision()),
    "accepted": ("Accepted", lambda comments: comments.decided(CommentOutcome.ACCEPTED)),
    "rejected": ("Rejected", lambda comments: comments.decided(CommentOutcome.REJECTED)),
}


@secretariat_required
@require_safe
def comment_list(request, pk):
    """The comments on a version, all or only those awaiting a decision, accepted or rejected (?show=)."""
    version = get_version(pk)
    show = request.GET.get("show", "all")
    if show not in COMMENT_FILTERS:
        show = "all"
    label, narrow = COMMENT_FILTERS[show]
    comments = narrow(
        Comment.objects.filter(version=version).select_related("person", "decision__decided_by__person")
    ).order_by("clause_number", "made_at", "pk")
    page = page_of(request, comments, COMMENTS_PER_PAGE)
    filters = [(key, name, key == show) for key, (name, _) in COMMENT_FILTERS.items()]
    context = {
        "version": version,
        "comments": page.object_list,
        "page_obj": page,
        "filters": filters,
        "show": show,
        "show_label": label,
    }
    return render(request, "agreements/manage/comments.html", context)


@secretariat_required
@require_http_methods(["GET", "POST"])
def comment_decide(request, pk):
    """Accept or reject a comment with the reason, once; accepting may apply the proposed text to the draft."""
    comment = get_object_or_404(
        Comment.objects.select_related("version__agreement", "person", "decision__decided_by__person"), pk=pk
    )
    version = comment.version
    comments_url = reverse("agreement_comments", args=[version.pk])
    if hasattr(comment, "decision") and request.method == "GET":
        messages.error(request, "A decision on that comment has already been recorded: it is recorded once.")
        return redirect(f"{comments_url}#comment-{comment.pk}")
    can_apply = bool(comment.proposed_text) and not version.is_locked
    form = DecideForm(posted(request), can_apply=can_apply)
    if request.method == "POST" and form.is_valid():
        decision = run_action(
            form,
            actions_consultation.decide_comment,
            comment,
            by=request.user,
            outcome=form.cleaned_data["outcome"],
            reason=form.cleaned_data["reason"],
            apply_text=form.cleaned_data.get("apply_text", False),
        )
        if decision is not None:
            applied = f" The proposed text is now the text of {comment.clause_number}." if decision.applied else ""
            messages.success(
                request,
                f"The comment by {comment.person.full_name} was {decision.get_outcome_display().lower()}.{applied}",
            )
            return redirect(f"{comments_url}#comment-{comment.pk}")
    context = {
        "form": form,
        "comment": comment,
        "version": version,
        "comments_url": comments_url,
        "clause_blocks": blocks(comment.clause_text),
        "proposed_blocks": blocks(comment.proposed_text),
    }
    return render(request, "agreements/manage/decide.html", context, status=400 if form.errors else 200)
