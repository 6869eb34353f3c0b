"""The search page: one box over every published decision, minute, paper, clause, body and person."""

from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.http import urlencode
from django.views.decorators.http import require_safe

from partnership.models import person_of
from partnership.pages import page_of
from partnership.reader_cache import not_reader_cached
from search import engines
from search.forms import SearchForm
from search.models import Audience, Gate, Kind
from search.queries import find

PER_PAGE = 20

# Where the secretariat reads a member's whole register entry: the secretariat's register, by the member's name.
_REGISTERS = {Kind.INTEREST: ("interests_manage", "q"), Kind.GIFT: ("gift_register_manage", "name")}


def link_for(entry, user) -> str:
    """The place an entry leads `user` to: a member's own register entry leads the secretariat to its register."""
    if entry.audience == Audience.RESTRICTED and entry.gate == Gate.OWN and entry.kind in _REGISTERS:
        own = person_of(user)
        if own is None or own.pk != entry.person_id:
            name, parameter = _REGISTERS[entry.kind]
            return f"{reverse(name)}?{urlencode({parameter: entry.person.name})}"
    return entry.url


# Never kept for a reader: the engines' own SQL reads the index, which no scope covers, and a search is asked once.
@not_reader_cached
@require_safe
def search(request):
    form = SearchForm(request.GET or None)
    context = {"form": form, "searched": False}
    status = 200
    if form.is_bound and not form.is_valid():
        status = 400
    elif form.is_bound and form.cleaned_data["q"].strip():
        typed = form.cleaned_data["q"].strip()
        query = engines.parse(typed)
        context.update(searched=True, typed=typed, no_words=query.is_empty)
        if not query.is_empty:
            page = page_of(request, find(request.user, query, form.filters()), PER_PAGE)
            marks = engines.highlights([entry.pk for entry in page.object_list], query)
            for entry in page.object_list:
                entry.title_html, entry.extract_html = marks.get(entry.pk, (entry.title, ""))
                entry.link = link_for(entry, request.user)
            found = page.paginator.object_list
            context.update(
                page_obj=page, results=page.object_list, count=page.paginator.count, more=found.more_than_limit
            )
    response = render(request, "search/search.html", context, status=status)
    if request.user.is_authenticated:
        # What a member finds is theirs: never kept by a shared cache.
        patch_cache_control(response, private=True)
    return response
