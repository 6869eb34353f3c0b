"""Where a request came from, as the records that keep it (a signature, a signed-in session) read it."""

import ipaddress

from django.conf import settings


def client_ip(request) -> str | None:
    """REMOTE_ADDR, or behind a trusted proxy (AGREEMENT_TRUST_X_FORWARDED_FOR) the address it saw; None if unknown."""
    candidate = request.META.get("REMOTE_ADDR", "")
    if getattr(settings, "AGREEMENT_TRUST_X_FORWARDED_FOR", False):
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if forwarded:
            # The last entry is the one the proxy itself added; the ones before it are the client's to invent.
            candidate = forwarded[-1]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return None
