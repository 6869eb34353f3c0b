"""A person's signed-in sessions (/account/sessions/): see them, sign out one, the others, or all."""

import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from partnership import sessions
from partnership.models import SignOutReason
from partnership.pages import page_of
from partnership.policies import sign_ins_for

PER_PAGE = 20


@login_required
@require_safe
def session_list(request):
    now = timezone.now()
    # As the middleware decided for this session (partnership.sessions.idle_limited), without a query.
    idle = sessions.idle_minutes() if (request.session.get(sessions.STATE) or {}).get("idle") else None
    rows = sign_ins_for(request.user).active(now)
    if idle:
        # A session idle longer is signed out on its next request (last seen is stamped once a minute).
        rows = rows.filter(last_seen_at__gt=now - datetime.timedelta(minutes=idle, seconds=sessions.TOUCH_SECONDS))
    page = page_of(request, rows.order_by("-last_seen_at", "-pk"), PER_PAGE)
    return render(
        request,
        "account/sessions.html",
        {
            "page_obj": page,
            "sign_ins": page.object_list,
            "current_id": sessions.current_id(request),
            "idle_minutes": idle,
        },
    )


def _sign_out_here(request, message):
    request._sign_out_reason = SignOutReason.SIGNED_OUT
    logout(request)
    messages.success(request, message)
    return redirect(settings.LOGOUT_REDIRECT_URL)


@login_required
@require_POST
def session_end(request, pk):
    row = get_object_or_404(sign_ins_for(request.user), pk=pk)
    if row.pk == sessions.current_id(request):
        return _sign_out_here(request, "You have signed out on this device.")
    if sessions.end_sign_in(row, by=request.user):
        messages.success(
            request, f"You have signed out of {row.device} (last used from {row.ip_network or 'an unknown network'})."
        )
    else:
        messages.info(request, "That session had already ended.")
    return redirect("account_sessions")


@login_required
@require_POST
def session_end_others(request):
    ended = sessions.end_all_sign_ins(
        request.user, by=request.user, reason=SignOutReason.FROM_ANOTHER_DEVICE, keep=sessions.current_id(request)
    )
    sessions.keep_session(request, request.user)
    messages.success(
        request, f"You have signed out everywhere else ({ended} other session{'' if ended == 1 else 's'})."
    )
    return redirect("account_sessions")


@login_required
@require_POST
def session_end_all(request):
    sessions.end_all_sign_ins(request.user, by=request.user, reason=SignOutReason.EVERYWHERE)
    return _sign_out_here(request, "You have signed out everywhere, on this device too.")
