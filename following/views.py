"""The public follows a body by email: asks, confirms from the link, stops with one click.

None of these pages is kept by the public cache: the first holds a form (and
its CSRF token), the others answer links that only their addressee has. The
answer to asking never says whether the address already follows the body.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from bodies.models import Body
from following import actions, tokens
from following.forms import FollowForm
from following.models import ASK_AGAIN_AFTER, LINK_LIFETIME, Subscription
from partnership.pages import run_action


@never_cache
@require_http_methods(["GET", "POST"])
def follow_body(request, slug):
    """Ask for emails about a body: an address, then a page that says the same whatever we did with it."""
    body = get_object_or_404(Body, slug=slug)
    form = FollowForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        email = form.cleaned_data["email"]
        if run_action(form, actions.ask_to_follow, body, email=email) is not None:
            context = {"body": body, "email": actions.normalise(email), "days": LINK_LIFETIME.days}
            context["hours"] = int(ASK_AGAIN_AFTER.total_seconds() // 3600)
            return render(request, "following/check_email.html", context)
    return render(request, "following/follow.html", {"body": body, "form": form}, status=400 if form.errors else 200)


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """The link in the email: a page that says what it confirms, and a button that does it."""
    if tokens.read_confirm_token(token, max_age=None) is None:
        raise Http404("This link does not work.")
    if request.method == "POST":
        confirmed = actions.confirm(token)
        if confirmed is None:
            return render(request, "following/link_used.html", {"days": LINK_LIFETIME.days})
        subscriber, bodies = confirmed
        return render(request, "following/confirmed.html", {"email": subscriber.email, "bodies": bodies})
    waiting = actions.waiting_for(token)
    if waiting is None:
        return render(request, "following/link_used.html", {"days": LINK_LIFETIME.days})
    subscriber, bodies = waiting
    return render(request, "following/confirm.html", {"email": subscriber.email, "bodies": bodies})


@csrf_exempt  # The signed link is the authority; mail programs POST here for one-click unsubscribe (RFC 8058).
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """The link in every email: a page that explains, and one button that stops the emails about the body."""
    link = tokens.read_unsubscribe_token(token)
    if link is None:
        raise Http404("This link does not work.")
    body = get_object_or_404(Body, pk=link.body_id)
    if request.method == "POST":
        actions.unsubscribe(link)
        return render(request, "following/unsubscribed.html", {"body": body})
    subscription = Subscription.objects.select_related("subscriber").filter(pk=link.subscription_id, body=body).first()
    if not link.opens(subscription):
        # Already unsubscribed: say so, with nothing to press.
        return render(request, "following/unsubscribed.html", {"body": body})
    return render(request, "following/unsubscribe.html", {"body": body, "email": subscription.subscriber.email})
