"""The meetings list, the calendar of business and its iCalendar feeds, and a person's own calendar of meetings."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_http_methods, require_safe

from bodies.models import Body
from meetings import calendar, calendar_ics
from meetings.actions.agenda import on_time_share
from meetings.actions.calendar import new_calendar_address, note_calendar_read
from meetings.forms.calendar import FEED_MAX_PAST_MONTHS, FeedWindowForm, MeetingFilterForm, YearForm
from meetings.models import Meeting
from meetings.policies.calendar import calendar_addresses_in_use, own_calendar_person
from meetings.policies.requests import can_view_request_list
from meetings.policies.stats import can_view_attendance
from meetings.views.pages import form_status
from partnership.models import CalendarToken
from partnership.pages import page_of
from partnership.public_cache import public_page

# Meetings a page of each list shows.
PER_PAGE = 20


@public_page
@require_safe
def meeting_list(request):
    """By default the meetings to come and those of the last 12 months, each a page at a time;
    with `?year=` the meetings of that year from April, in date order; `?body=` for one body's."""
    form = MeetingFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    body, year = data.get("body"), data.get("year")
    meetings = calendar.meetings_shown()
    if body is not None:
        meetings = meetings.filter(body=body)
    user = request.user
    context = {
        "form": form,
        "body": body,
        "year": year,
        "sees_requests": can_view_request_list(user),
        "sees_attendance": can_view_attendance(user),
        "feed_max_past": FEED_MAX_PAST_MONTHS,
    }
    if year is not None:
        start, end = calendar.business_year_bounds(year)
        in_year = meetings.filter(starts_at__gte=start, starts_at__lt=end).order_by("starts_at", "body__name", "pk")
        context |= {
            "year_caption": f"Meetings from April {year} to March {year + 1}",
            "page_obj": page_of(request, in_year, PER_PAGE),
        }
    else:
        now = timezone.now()
        since = calendar.window_start(calendar.RECENT_MONTHS)
        upcoming = page_of(
            request, meetings.upcoming(now).order_by("starts_at", "body__name", "pk"), PER_PAGE, param="upcoming"
        )
        recent = meetings.past(now).filter(starts_at__gte=since).order_by("-starts_at", "body__name", "pk")
        context |= {
            "upcoming_page": upcoming,
            "upcoming": upcoming.object_list,
            "page_obj": page_of(request, recent, PER_PAGE),
            "since": since,
            # Earlier meetings are found by year: the one the window starts in, and those before.
            "earlier_year": calendar.business_year_of(timezone.localdate(since)),
        }
    return render(request, "meetings/calendar/meeting_list.html", context, status=form_status(form))


def _calendar_page(request, body=None):
    form = YearForm(request.GET or None)
    year = None
    if form.is_bound and form.is_valid():
        year = form.cleaned_data["year"]
    if year is None:
        year = calendar.business_year_of(timezone.localdate())
    context = {
        "form": form,
        "body": body,
        "year": year,
        "label": calendar.business_year_label(year),
        "months": calendar.calendar_of_business(year, body),
        "previous": year - 1 if year > YearForm.base_fields["year"].min_value else None,
        "next": year + 1 if year < YearForm.base_fields["year"].max_value else None,
        "can_request": body is not None and request.user.has_perm("meetings.request_special_meeting", body),
        "feed_max_past": FEED_MAX_PAST_MONTHS,
    }
    if body is not None:
        # Each body shows the share of its papers that went out on time (Agreement 10.4).
        context["papers_on_time"], context["papers_circulated"] = on_time_share(body)
    return render(request, "meetings/calendar/calendar.html", context, status=form_status(form))


@public_page
@require_safe
def calendar_page(request):
    return _calendar_page(request)


@public_page
@require_safe
def body_calendar(request, slug):
    return _calendar_page(request, get_object_or_404(Body, slug=slug))


def _ics(request, meetings, name):
    """Every meeting arranged and those of the last 12 months; `?past=` months reach further back, up to a bound."""
    form = FeedWindowForm(request.GET)
    if not form.is_valid():
        return HttpResponse(" ".join(form.errors["past"]), status=400, content_type="text/plain; charset=utf-8")
    past = form.cleaned_data["past"]
    since = calendar.window_start(calendar.RECENT_MONTHS if past is None else past)
    return HttpResponse(
        calendar_ics.feed(calendar_ics.feed_meetings(meetings.filter(starts_at__gte=since)), name=name),
        content_type="text/calendar; charset=utf-8",
    )


@public_page
@require_safe
def calendar_ics_feed(request):
    return _ics(request, Meeting.objects.all(), f"{settings.PARTNERSHIP_NAME}: calendar of business")


@public_page
@require_safe
def body_calendar_ics_feed(request, slug):
    body = get_object_or_404(Body, slug=slug)
    return _ics(request, Meeting.objects.filter(body=body), f"{body.name}: meetings")


# A person's own calendar: the meetings of the bodies where they hold a seat or are a named reserve.


def _private(response):
    """Keep an answer that holds a secret address, or is reached by one, out of every cache."""
    # Cache-Control: max-age=0, no-cache, no-store, must-revalidate, private. The views are no @public_page,
    # so the public cache never keeps them either.
    add_never_cache_headers(response)
    return response


def _secret_address(response):
    """What a secret address answers: private, kept out of search engines, and named in no Referer header."""
    response["X-Robots-Tag"] = "noindex, nofollow"
    # The page that shows the address keeps the site's same-origin policy: with no-referrer, browsers send
    # `Origin: null` with its form, which the CSRF check rightly refuses.
    response["Referrer-Policy"] = "no-referrer"
    return _private(response)


@require_safe
def my_calendar_ics(request, token):
    """The meetings of one person's bodies, at a secret address that needs no session (calendar apps cannot sign in).

    The same window, `?past=` and events as the public feeds, and nothing they do not show; 404 for an
    unknown or reset address, or one whose person's login is no longer active.
    """
    address = calendar_addresses_in_use().for_token(token).first()
    if address is None:
        raise Http404("No calendar at this address.")
    response = _ics(request, calendar.meetings_of(address.person_id), f"{settings.PARTNERSHIP_NAME}: my meetings")
    if response.status_code == 200:
        note_calendar_read(address)
    return _secret_address(response)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def my_calendar(request):
    """Make, or reset, the secret address of the person's own calendar; it is shown once, when it is made."""
    person = own_calendar_person(request.user)
    address = CalendarToken.objects.filter(person=person).first() if person is not None else None
    context = {"person": person, "address": address, "feed_max_past": FEED_MAX_PAST_MONTHS}
    if request.method == "POST":
        if person is None:
            raise Http404("Your account is not linked to a person, so it has no calendar.")
        token = new_calendar_address(person, by=request.user)
        feed_url = calendar_ics.absolute_url(reverse("my_calendar_ics", args=[token]))
        context |= {
            "reset": address is not None,
            "address": CalendarToken.objects.get(person=person),
            "feed_url": feed_url,
            "webcal_url": calendar_ics.webcal_url(feed_url),
        }
    return _private(render(request, "meetings/calendar/my_calendar.html", context))
