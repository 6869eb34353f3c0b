"""A body's membership balance (Agreement 16.3): aggregate figures only, for everyone to read."""

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from bodies.balance import MIN_PEOPLE, SMALL, balance_of
from bodies.models import Body
from partnership.dates import today
from partnership.public_cache import public_page


@public_page
@require_safe
def body_balance(request, slug):
    body = get_object_or_404(Body, slug=slug)
    return render(
        request,
        "bodies/balance.html",
        {
            "body": body,
            "balance": balance_of(body),
            "on": today(),
            "small": SMALL,
            "min_people": MIN_PEOPLE,
        },
    )
