"""The pages of performance management: indicators, entering values, exceptions, the annual report."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Max, Min
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from bodies.models import Body
from partnership.dates import today
from partnership.downloads import content_disposition
from partnership.pages import form_page, page_of, run_action, secretariat_required
from partnership.policies import is_secretariat
from partnership.public_cache import public_page
from performance import periods, queries, report_pdf
from performance.actions import exceptions
from performance.actions import indicators as actions
from performance.forms import IndicatorForm, TargetForm, ValueForm
from performance.models import Target, Value

INDICATORS_PER_PAGE = 50
PERIODS_PER_PAGE = 12
DRAFTS_PER_PAGE = 50


def _posted(request):
    return request.POST if request.method == "POST" else None


@public_page
@require_safe
def indicator_list(request):
    """Every indicator by owning body, with its latest published status."""
    rows = queries.indicators_with_latest().order_by("owner__name", "owner_id", "name")
    page = page_of(request, rows, INDICATORS_PER_PAGE)
    queries.with_status(page.object_list)
    return render(
        request,
        "performance/indicator_list.html",
        {"page_obj": page, "is_secretariat": is_secretariat(request.user), "years": _report_years()},
    )


def _report_years():
    """The municipal years with a target, newest first (twenty at most): each has a report."""
    span = Target.objects.aggregate(first=Min("period_start"), last=Max("period_start"))
    if span["first"] is None:
        return []
    last = min(periods.municipal_year(span["last"]), periods.municipal_year(today()))
    first = max(periods.municipal_year(span["first"]), last - 19)
    return [(year, periods.year_label(year)) for year in range(last, first - 1, -1)]


@public_page
@require_safe
def indicator_detail(request, slug):
    """An indicator: its definition, a chart of values against targets, and the figures, a page of periods at a time."""
    indicator = queries.get_indicator(slug)
    may_enter = request.user.has_perm("performance.enter_value", indicator)
    rows = queries.rows_for(indicator, drafts=may_enter)
    page = page_of(request, list(reversed(rows)), PERIODS_PER_PAGE)
    shown = list(reversed(page.object_list))
    return render(
        request,
        "performance/indicator_detail.html",
        {
            "indicator": indicator,
            "page_obj": page,
            "rows": page.object_list,
            "chart": queries.chart_for(indicator, shown),
            "summary": queries.summary_for(indicator, shown),
            "may_enter": may_enter,
            "is_secretariat": is_secretariat(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def value_entry(request, slug):
    """The reporting organisation's people (and the secretariat) enter or revise a period's value."""
    indicator = queries.get_indicator_for(request.user, slug, "performance.enter_value")
    secretariat = is_secretariat(request.user)
    initial = {"period_start": request.GET.get("period", "")}
    form = ValueForm(_posted(request), indicator=indicator, may_publish=secretariat, initial=initial)
    if form.is_valid():
        data = form.cleaned_data
        value = run_action(
            form,
            actions.record_value,
            indicator,
            by=request.user,
            period_start=data["period_start"],
            value=data["value"],
            note=data["note"],
            publish=bool(data.get("publish")),
        )
        if value is not None:
            state = "published" if value.is_published else "saved as a draft for the secretariat to publish"
            messages.success(request, f"The value for {indicator.label(value.period_start)} was {state}.")
            return redirect(indicator.get_absolute_url())
    return form_page(
        request,
        form,
        title=f"Enter a value: {indicator.name}",
        caption="Performance",
        intro=(
            "A period that already has a value is revised: the earlier figure is kept in its history. "
            f"Values are in {indicator.unit}."
        ),
        cancel_url=indicator.get_absolute_url(),
        section="performance",
    )


# Exceptions


@public_page
@require_safe
def body_exceptions(request, slug):
    """The body's indicators off track on their latest published figures."""
    body = get_object_or_404(Body, slug=slug)
    page = page_of(request, queries.off_track(body), INDICATORS_PER_PAGE)
    secretariat = is_secretariat(request.user)
    context = {"body": body, "page_obj": page, "is_secretariat": secretariat}
    if secretariat:
        board = exceptions.lsp_board()
        context.update(board=board, next_meeting=exceptions.next_meeting(board))
    return render(request, "performance/exceptions.html", context)


@secretariat_required
@require_POST
def exceptions_to_agenda(request, slug):
    body = get_object_or_404(Body, slug=slug)
    try:
        paper = exceptions.put_exceptions_on_agenda(body, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("performance_exceptions", slug=body.slug)
    messages.success(
        request, "The exception report is on the agenda, with a paper drafted from the figures: edit it there."
    )
    return redirect("paper_detail", pk=paper.meeting_id, paper_id=paper.pk)


# The annual report


def _report_context(year):
    if not 1900 <= year <= 2998:
        raise Http404("No report for that year.")
    return {
        "year": year,
        "year_label": periods.year_label(year),
        "sections": queries.report_year(year),
    }


@public_page
@require_safe
def annual_report(request, year):
    """The year's report to residents: every indicator's published figures by theme and area, with charts."""
    context = _report_context(year)
    context["pdf_url"] = reverse("performance_report_pdf", args=[year])
    return render(request, "performance/report.html", context)


@public_page
@require_safe
def annual_report_pdf(request, year):
    """The same report as a tagged PDF (PDF/UA-1)."""
    document = report_pdf.document(_report_context(year))
    response = HttpResponse(report_pdf.pdf_for(document), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition(report_pdf.filename(year))
    return response


# The secretariat's pages


@secretariat_required
@require_safe
def manage(request):
    """Draft values waiting to be published, oldest first."""
    drafts = Value.objects.filter(published_at__isnull=True).select_related("indicator", "entered_by__person")
    page = page_of(request, drafts.order_by("entered_at", "pk"), DRAFTS_PER_PAGE)
    for value in page.object_list:
        value.period_label = value.indicator.label(value.period_start)
    return render(request, "performance/manage.html", {"page_obj": page})


@secretariat_required
@require_http_methods(["GET", "POST"])
def indicator_create(request):
    form = IndicatorForm(_posted(request))
    if form.is_valid():
        indicator = run_action(form, actions.create_indicator, by=request.user, **form.cleaned_data)
        if indicator is not None:
            messages.success(request, f"{indicator.name} was added. Set its targets next.")
            return redirect(indicator.get_absolute_url())
    return form_page(
        request, form, title="Add an indicator", caption="Performance", cancel_url=reverse("performance_manage")
    )


@secretariat_required
@require_http_methods(["GET", "POST"])
def indicator_edit(request, slug):
    indicator = queries.get_indicator(slug)
    form = IndicatorForm(_posted(request), instance=queries.get_indicator(slug))
    if form.is_valid():
        saved = run_action(form, actions.update_indicator, indicator, by=request.user, **form.cleaned_data)
        if saved is not None:
            messages.success(request, f"{saved.name} was saved.")
            return redirect(saved.get_absolute_url())
    return form_page(
        request, form, title=f"Edit {indicator.name}", caption="Performance", cancel_url=indicator.get_absolute_url()
    )


@secretariat_required
@require_http_methods(["GET", "POST"])
def target_set(request, slug):
    indicator = queries.get_indicator(slug)
    form = TargetForm(_posted(request), indicator=indicator)
    if form.is_valid():
        target = run_action(form, actions.set_target, indicator, by=request.user, **form.cleaned_data)
        if target is not None:
            messages.success(request, f"The target for {indicator.label(target.period_start)} was saved.")
            return redirect(indicator.get_absolute_url())
    return form_page(
        request,
        form,
        title=f"Set a target: {indicator.name}",
        caption="Performance",
        intro="A period that already has a target gets the new one; the old one is kept in its history.",
        cancel_url=indicator.get_absolute_url(),
    )


@secretariat_required
@require_POST
def value_publish(request, pk):
    value = get_object_or_404(Value.objects.select_related("indicator"), pk=pk)
    try:
        actions.publish_value(value, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, f"{value.indicator.name}, {value.indicator.label(value.period_start)}, was published."
        )
    return redirect(
        request.POST.get("next")
        if request.POST.get("next") == value.indicator.get_absolute_url()
        else "performance_manage"
    )
