"""Read-side helpers of the performance pages: rows of periods, the latest status, off-track indicators."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import OuterRef, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404

from performance import charts, periods
from performance import status as statuses
from performance.models import Indicator, Target, Value


@dataclass
class Row:
    start: object
    label: str
    target: Decimal | None
    value: Value | None
    status: str | None

    @property
    def status_label(self):
        return statuses.LABELS.get(self.status, "")

    @property
    def figure(self):
        return self.value.value if self.value is not None else None


def indicators_with_latest():
    """Indicators with the period, value and target of their latest published value (three subqueries, one query)."""
    latest = Value.objects.published().filter(indicator=OuterRef("pk")).order_by("-period_start")
    return Indicator.objects.select_related("owner", "reporter").annotate(
        latest_start=Subquery(latest.values("period_start")[:1]),
        latest_value=Subquery(latest.values("value")[:1]),
        latest_target=Subquery(
            Target.objects.filter(indicator=OuterRef("pk"), period_start=OuterRef("latest_start")).values("value")[:1]
        ),
    )


def with_status(indicators):
    """Give each indicator (from indicators_with_latest) `latest_status` and `latest_label`."""
    for indicator in indicators:
        indicator.latest_status = indicator.status_for(indicator.latest_value, indicator.latest_target)
        indicator.latest_status_label = statuses.LABELS.get(indicator.latest_status, "")
        indicator.latest_label = indicator.label(indicator.latest_start) if indicator.latest_start else ""
    return indicators


def off_track(body):
    """The body's indicators whose latest published value is off track."""
    rows = with_status(list(indicators_with_latest().filter(owner=body).order_by("name")))
    return [indicator for indicator in rows if indicator.latest_status == statuses.OFF_TRACK]


def rows_for(indicator, *, drafts: bool, first=None, last=None) -> list[Row]:
    """Every period with a target or a value (published ones only unless `drafts`), oldest first."""
    targets = indicator.targets.all()
    values = indicator.values.select_related("entered_by")
    if not drafts:
        values = values.published()
    if first is not None:
        targets, values = targets.filter(period_start__gte=first), values.filter(period_start__gte=first)
    if last is not None:
        targets, values = targets.filter(period_start__lte=last), values.filter(period_start__lte=last)
    by_target = {t.period_start: t.value for t in targets}
    by_value = {v.period_start: v for v in values}
    return _rows(indicator, by_target, by_value)


def chart_for(indicator, rows, id_prefix="chart") -> str:
    points = [charts.Point(row.label, row.figure, row.target, row.status) for row in rows]
    return charts.chart_svg(points, title=indicator.name, unit=indicator.unit, id_prefix=id_prefix)


def summary_for(indicator, rows) -> str:
    points = [charts.Point(row.label, row.figure, row.target, row.status) for row in rows]
    return charts.summary(indicator.name, indicator.unit, points)


def get_indicator(slug):
    return get_object_or_404(Indicator.objects.select_related("owner", "reporter"), slug=slug)


def get_indicator_for(user, slug, perm):
    """The indicator the user may act on with `perm`; 404 alike for a missing one and one they may not."""
    indicator = get_indicator(slug)
    if not user.has_perm(perm, indicator):
        raise Http404("No indicator here.")
    return indicator


def year_bounds(year: int):
    return periods.year_start(year), periods.year_start(year + 1)


def _rows(indicator, by_target, by_value) -> list[Row]:
    rows = []
    for start in sorted(set(by_target) | set(by_value)):
        value = by_value.get(start)
        target = by_target.get(start)
        rows.append(
            Row(
                start=start,
                label=indicator.label(start),
                target=target,
                value=value,
                status=indicator.status_for(value.value if value else None, target),
            )
        )
    return rows


def report_year(year: int):
    """The annual report's sections: themes, areas, then other bodies; each indicator with its year's rows and chart.

    Published values only, whoever reads it: the public page and the PDF are the same rendition.
    Four queries whatever the number of indicators.
    """
    first, after = year_bounds(year)
    targets = Target.objects.filter(period_start__gte=first, period_start__lt=after)
    values = Value.objects.published().filter(period_start__gte=first, period_start__lt=after)
    by_target, by_value = {}, {}
    for target in targets:
        by_target.setdefault(target.indicator_id, {})[target.period_start] = target.value
    for value in values:
        by_value.setdefault(value.indicator_id, {})[value.period_start] = value
    shown = set(by_target) | set(by_value)
    indicators = (
        Indicator.objects.filter(pk__in=shown).select_related("owner", "reporter").order_by("owner__name", "name")
    )
    sections = {key: {"title": title, "bodies": {}} for key, title in REPORT_SECTIONS}
    for indicator in indicators:
        rows = _rows(indicator, by_target.get(indicator.pk, {}), by_value.get(indicator.pk, {}))
        indicator.rows = rows
        indicator.chart = chart_for(indicator, rows, id_prefix=f"chart-{indicator.slug}")
        indicator.summary = summary_for(indicator, rows)
        valued = [row for row in rows if row.status]
        indicator.year_status_label = valued[-1].status_label if valued else "No status"
        section = SECTION_OF.get(indicator.owner.kind, "other")
        sections[section]["bodies"].setdefault(indicator.owner, []).append(indicator)
    return [{"title": s["title"], "bodies": list(s["bodies"].items())} for s in sections.values() if s["bodies"]]


REPORT_SECTIONS = [("themes", "Themes"), ("areas", "Areas"), ("other", "Other bodies")]
SECTION_OF = {"thematic_partnership": "themes", "area_partnership_board": "areas"}
