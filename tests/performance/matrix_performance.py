"""Permission matrix rows for performance management (merged by tests/matrix.py).

The public reads indicators, exceptions and the annual report (page and PDF). Values
are entered by the people of the reporting organisation, which no one in the cast
belongs to, and by the secretariat (tests/performance/test_pages.py covers the
reporter); everything else is the secretariat's.
"""

import datetime
from decimal import Decimal

from tests.matrix_helpers import MANAGE_BUTTON, MANAGE_FORM, MANAGE_PAGE, PUBLIC_PAGE, secretariat_only

ENTRIES = {
    "performance_indicators": PUBLIC_PAGE,
    "performance_indicator": PUBLIC_PAGE,
    "performance_exceptions": PUBLIC_PAGE,
    "performance_report": PUBLIC_PAGE,
    "performance_report_pdf": PUBLIC_PAGE,
    # An empty value is refused with the form's error.
    "performance_value_entry": {"GET": secretariat_only(200), "POST": secretariat_only(400)},
    # Off track with no board meeting coming: the refusal comes back as a message on the exceptions page.
    "performance_exceptions_to_agenda": MANAGE_BUTTON,
    "performance_manage": MANAGE_PAGE,
    "performance_indicator_create": MANAGE_FORM,
    "performance_indicator_edit": MANAGE_FORM,
    "performance_target_set": MANAGE_FORM,
    "performance_value_publish": MANAGE_BUTTON,
}


def sample_args(cast):
    """An indicator of the forum, off track in 2009/10, with a draft for 2010/11."""
    from django.utils import timezone

    from performance.models import Indicator, Target, Value
    from tests.factories import OrganisationFactory

    indicator = Indicator.objects.create(
        name="Adults in work",
        slug="adults-in-work",
        definition="Adults of working age in paid work, as a share of all of them.",
        unit="%",
        polarity="higher",
        frequency="annual",
        owner=cast.forum,
        reporter=OrganisationFactory(name="Jobcentre Plus"),
        tolerance=Decimal("1"),
    )
    year = datetime.date(2009, 4, 1)
    Target.objects.create(indicator=indicator, period_start=year, value=Decimal("75"))
    now = timezone.now()
    Value.objects.create(
        indicator=indicator,
        period_start=year,
        value=Decimal("70"),
        entered_by=cast.secretariat,
        entered_at=now,
        published_at=now,
        published_by=cast.secretariat,
    )
    draft = Value.objects.create(
        indicator=indicator,
        period_start=datetime.date(2010, 4, 1),
        value=Decimal("71"),
        entered_by=cast.secretariat,
        entered_at=now,
    )
    slug = {"<slug:slug>": indicator.slug}
    body = {"<slug:slug>": cast.forum.slug}
    return {
        "performance_indicator": slug,
        "performance_value_entry": slug,
        "performance_indicator_edit": slug,
        "performance_target_set": slug,
        "performance_exceptions": body,
        "performance_exceptions_to_agenda": body,
        "performance_report": {"<int:year>": 2009},
        "performance_report_pdf": {"<int:year>": 2009},
        "performance_value_publish": {"<int:pk>": draft.pk},
    }
