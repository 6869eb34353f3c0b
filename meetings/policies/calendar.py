"""Who may keep a private calendar of their own meetings, and which secret addresses answer.

The calendar is a person's own, not a power over anything: every active login
that belongs to a person may have one, and it holds only what the public feeds
show. An address answers while its person's login is active; deactivating the
login, or taking it from the person, stops it at once.
"""

from partnership.models import CalendarToken, Person, person_of


def own_calendar_person(user) -> Person | None:
    """The person whose calendar `user` may keep: their own, if the login is active and belongs to a person."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    return person_of(user)


def people_with_own_calendar(queryset=None):
    """The queryset twin of own_calendar_person: the people whose login may keep a calendar."""
    queryset = Person.objects.all() if queryset is None else queryset
    return queryset.filter(user__is_active=True)


def calendar_addresses_in_use():
    """The addresses that answer: those of the people who may keep a calendar."""
    # The twin's condition across the relation, so that finding an address stays one query.
    return CalendarToken.objects.filter(person__user__is_active=True)
