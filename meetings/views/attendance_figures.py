"""The public's attendance figures, as ModernGov publishes them: for a body, a row for each member; for a person,
a row for each body; over a municipal year (April to March), at the meetings whose minutes are published."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from bodies.models import SEATED_ROLES, Body, Membership
from meetings import calendar, stats
from meetings.forms.calendar import YearForm
from meetings.views.pages import form_status
from partnership.models import Person
from partnership.pages import page_of
from partnership.public_cache import public_page

# Members a page of a body's figures shows.
PER_PAGE = 50


def _year(request) -> dict:
    """The year asked for (`?year=`; the current one by default and after a bad value), with its form."""
    current = calendar.business_year_of(timezone.localdate())
    form = YearForm(request.GET or None, initial={"year": current})
    form.fields["year"].label = "Year from April"
    form.fields["year"].help_text = "For example, 2009 for April 2009 to March 2010."
    form.fields["year"].widget.attrs["class"] = "govuk-input--width-4"
    year = form.cleaned_data["year"] if form.is_bound and form.is_valid() else None
    if year is None:
        year = current
    bounds = YearForm.base_fields["year"]
    return {
        "form": form,
        "year": year,
        "label": calendar.business_year_label(year),
        "period": f"April {year} to March {year + 1}",
        "previous": year - 1 if year > bounds.min_value else None,
        "next": year + 1 if year < bounds.max_value else None,
    }


@public_page
@require_safe
def body_attendance(request, slug):
    """Each member of the body in the year: expected, present, apologies, absent, a reserve in their seat, and
    their own attendance as someone's reserve."""
    body = get_object_or_404(Body, slug=slug)
    context = _year(request)
    meetings, rows = stats.body_figures(body.pk, *stats.business_year_days(context["year"]))
    page = page_of(request, rows, PER_PAGE)
    context |= {
        "body": body,
        "meetings": meetings,
        "page_obj": page,
        "rows": page.object_list,
        "caption": f"Attendance at meetings of {body.name}, {context['period']}",
    }
    return render(request, "meetings/attendance_figures/body.html", context, status=form_status(context["form"]))


@public_page
@require_safe
def person_attendance(request, pk):
    """A person's figures on each body in the year; only for people who have sat on a body as a member."""
    person = get_object_or_404(Person, pk=pk)
    if not Membership.objects.filter(person=person, role__in=SEATED_ROLES).exists():
        # The same answer as for nobody at all: figures are published for members only.
        raise Http404("No attendance figures here.")
    context = _year(request)
    context |= {
        "person": person,
        "rows": stats.person_figures(person.pk, *stats.business_year_days(context["year"])),
        "caption": f"Attendance of {person.full_name}, {context['period']}, by body",
    }
    return render(request, "meetings/attendance_figures/person.html", context, status=form_status(context["form"]))
