"""The risk register's pages: the register with its heat maps, a risk, its history, and the forms.

The register is for signed-in people only (risks.policies): the public is sent to sign in.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import F
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from bodies.models import Body
from partnership.dates import today
from partnership.pages import form_page, history_page, page_of, run_action
from risks import actions
from risks.forms import RiskFilterForm, RiskForm
from risks.heatmap import heat_map
from risks.models import Risk, RiskStatus, escalation_board, escalation_score
from risks.policies import bodies_for_new_risks, get_risk_for, risks_manageable_by, risks_visible_to

RISKS_PER_PAGE = 25


def _filtered(visible, data):
    risks = visible
    status = data.get("status")
    if status == "closed":
        risks = risks.filter(status=RiskStatus.CLOSED)
    elif status != "all":
        risks = risks.filter(status=RiskStatus.OPEN)
    if data.get("body"):
        risks = risks.for_register_of(data["body"])
    if data.get("category"):
        risks = risks.filter(category=data["category"])
    if data.get("escalated"):
        risks = risks.filter(pk__in=Risk.objects.escalated().values("pk"))
    return risks


@login_required
@require_safe
def risk_register(request):
    user = request.user
    visible = risks_visible_to(user)
    bodies = Body.objects.filter(pk__in=visible.order_by().values("owner_body_id").distinct())
    board = escalation_board()
    if board is not None:
        bodies = bodies | Body.objects.filter(pk=board.pk)
    form = RiskFilterForm(request.GET or None, bodies=bodies.distinct().order_by("name"))
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    risks = _filtered(visible, data)
    maps = [
        heat_map(risks, residual=False, caption="Before controls: risks by likelihood and impact"),
        heat_map(risks, residual=True, caption="After controls (residual): risks by likelihood and impact"),
    ]
    rows = (
        risks.with_scores()
        .select_related("owner_body", "owner")
        .order_by(F("residual_value").desc(), "review_on", "pk")
    )
    page = page_of(request, rows, RISKS_PER_PAGE)
    manageable = set(risks_manageable_by(user).filter(pk__in=[r.pk for r in page]).values_list("pk", flat=True))
    for risk in page:
        risk.can_manage = risk.pk in manageable
    return render(
        request,
        "risks/register.html",
        {
            "form": form,
            "page_obj": page,
            "maps": maps,
            "board": board,
            "threshold": escalation_score(),
            "chosen_body": data.get("body"),
            "can_add": bodies_for_new_risks(user).exists(),
            "today": today(),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_safe
def risk_detail(request, pk):
    risk = get_risk_for(request.user, pk)
    return render(
        request,
        "risks/risk_detail.html",
        {
            "risk": risk,
            "board": escalation_board(),
            "threshold": escalation_score(),
            "can_manage": request.user.has_perm("risks.manage_risk", risk),
            "today": today(),
        },
    )


@login_required
@require_safe
def risk_history(request, pk):
    risk = get_risk_for(request.user, pk)
    page = history_page(request, risk)
    return render(request, "risks/risk_history.html", {"risk": risk, "page_obj": page, "entries": page.entries})


def _risk_data(form):
    return {name: form.cleaned_data[name] for name in form.fields if name in form.cleaned_data}


@login_required
@require_http_methods(["GET", "POST"])
def risk_create(request):
    bodies = bodies_for_new_risks(request.user)
    if not bodies.exists():
        raise Http404("No page here.")
    form = RiskForm(request.POST if request.method == "POST" else None, bodies=bodies)
    if request.method == "POST" and form.is_valid():
        risk = run_action(form, actions.add_risk, by=request.user, **_risk_data(form))
        if risk is not None:
            messages.success(request, f"The risk “{risk.title}” is on the register.")
            return redirect(risk)
    return form_page(
        request,
        form,
        title="Add a risk",
        caption="Risk register",
        intro=(
            "Score the risk from 1 to 5 for likelihood and impact, first as it stands and then with the controls "
            f"in place. A residual score of {escalation_score()} or more escalates the risk to the board."
        ),
        cancel_url=reverse("risk_register"),
        section="risks",
        submit_label="Add the risk",
    )


@login_required
@require_http_methods(["GET", "POST"])
def risk_edit(request, pk):
    risk = get_risk_for(request.user, pk, "risks.manage_risk")
    data = request.POST if request.method == "POST" else None
    form = RiskForm(data, instance=Risk.objects.get(pk=risk.pk), bodies=bodies_for_new_risks(request.user))
    if request.method == "POST" and form.is_valid():
        updated = run_action(form, actions.update_risk, risk, by=request.user, **_risk_data(form))
        if updated is not None:
            messages.success(request, f"The risk “{updated.title}” is saved.")
            return redirect(updated)
    return form_page(
        request,
        form,
        title=f"Review the risk: {risk.title}",
        caption=risk.owner_body.name,
        intro="Update the scores and controls and set the date of the next review. The earlier version is kept.",
        cancel_url=risk.get_absolute_url(),
        section="risks",
        submit_label="Save the review",
    )
