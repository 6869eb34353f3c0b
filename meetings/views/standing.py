"""The page where the secretariat sets the standing items a body puts on every new agenda (Agreement 8.11)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_http_methods

from bodies.models import Body
from meetings.actions.agenda import set_standing_items
from meetings.forms.standing import StandingItemsForm
from partnership.pages import form_page, secretariat_required


@secretariat_required
@require_http_methods(["GET", "POST"])
def standing_items(request, slug):
    body = get_object_or_404(Body, slug=slug)
    form = StandingItemsForm(request.POST if request.method == "POST" else None, body=body)
    if request.method == "POST" and form.is_valid():
        set_standing_items(body, form.chosen(), by=request.user)
        messages.success(request, f"The standing items of {body} were saved. New agendas will have them.")
        return redirect(body)
    return form_page(
        request,
        form,
        title="Standing items",
        caption=str(body),
        intro="These items go on every new agenda of the body: apologies and the previous minutes before the "
        "business, the others after it. Agendas already made keep their items.",
        cancel_url=body.get_absolute_url(),
    )
