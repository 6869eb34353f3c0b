"""The statements every public-sector site publishes: how accessible it is, and what it keeps about people."""

import datetime

from django.conf import settings
from django.shortcuts import render
from django.views.decorators.http import require_safe

from partnership.public_cache import public_page

# When the accessibility statement was prepared; change it with the statement, after each review.
ACCESSIBILITY_PREPARED_ON = datetime.date(2026, 12, 4)
# When the privacy notice last changed; change it with the notice.
PRIVACY_UPDATED_ON = datetime.date(2026, 12, 5)


@public_page
@require_safe
def accessibility_statement(request):
    return render(request, "bodies/statements/accessibility.html", {"prepared_on": ACCESSIBILITY_PREPARED_ON})


@public_page
@require_safe
def privacy_notice(request):
    # What the notice says of sessions follows the settings (partnership.sessions).
    context = {
        "updated_on": PRIVACY_UPDATED_ON,
        "idle_minutes": settings.STAFF_IDLE_MINUTES,
        "record_days": settings.SIGN_IN_RECORD_DAYS,
    }
    return render(request, "bodies/statements/privacy.html", context)
