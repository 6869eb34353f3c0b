"""Factories for the records every test needs; one place, small defaults."""

import datetime

import factory
from django.utils import timezone
from django.utils.text import slugify
from factory.django import DjangoModelFactory, Password

from bodies.models import Body, BodyKind, BodyLink, LinkKind, Membership, Mode, Role, Seat
from declarations.models import (
    Declaration,
    DeclarationWhen,
    Gift,
    GiftDecision,
    GiftKind,
    Interest,
    InterestKind,
)
from meetings.models import AgendaItem, Attendance, AttendanceStatus, Capacity, ItemKind, Meeting, Paper
from partnership.models import Organisation, Person, Sector, User

PASSWORD = "correct-horse-battery"
# The partnership's first day (the Agreement took effect on 1 April 2009).
FIRST_DAY = datetime.date(2009, 4, 1)


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    sector = Sector.PUBLIC


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        # Asking twice for one address gives the same login. The address is
        # lower-cased first (_adjust_kwargs), as UserManager stores it, so the
        # lookup never misses a row the case-insensitive constraint would clash with.
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    # make_password, as set_password does, under the test's PASSWORD_HASHERS.
    password = Password(PASSWORD)

    @classmethod
    def _adjust_kwargs(cls, **kwargs):
        kwargs["email"] = User.objects.normalize_email(kwargs["email"]).lower()
        return kwargs


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Person {n}")
    email = factory.LazyAttribute(lambda p: p.user.email if p.user else f"{slugify(p.name)}@example.org")
    user = None


class BodyFactory(DjangoModelFactory):
    class Meta:
        model = Body

    name = factory.Sequence(lambda n: f"Body {n}")
    slug = factory.Sequence(lambda n: f"body-{n}")
    kind = BodyKind.THEMATIC_PARTNERSHIP
    mode = Mode.ADVISORY
    established_on = FIRST_DAY
    active_from = factory.SelfAttribute("established_on")


class BodyLinkFactory(DjangoModelFactory):
    class Meta:
        model = BodyLink

    from_body = factory.SubFactory(BodyFactory)
    to_body = factory.SubFactory(BodyFactory)
    kind = LinkKind.REPORTS_TO
    start = FIRST_DAY


class SeatFactory(DjangoModelFactory):
    class Meta:
        model = Seat

    body = factory.SubFactory(BodyFactory)
    label = factory.Sequence(lambda n: f"Seat {n}")
    role = Role.MEMBER
    start = FIRST_DAY


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    person = factory.SubFactory(PersonFactory)
    body = factory.SubFactory(BodyFactory)
    role = Role.MEMBER
    start = FIRST_DAY


# Meetings


class MeetingFactory(DjangoModelFactory):
    class Meta:
        model = Meeting

    body = factory.SubFactory(BodyFactory)
    starts_at = factory.LazyFunction(
        lambda: (
            timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time(14)))
            + datetime.timedelta(days=21)
        )
    )
    venue = "Council Chamber, Chester"


class AgendaItemFactory(DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Item {n + 1}")
    kind = ItemKind.DISCUSSION


class PaperFactory(DjangoModelFactory):
    class Meta:
        model = Paper

    meeting = factory.SubFactory(MeetingFactory)
    item = None
    title = factory.Sequence(lambda n: f"Report {n}")
    author = "Alex Author"


class AttendanceFactory(DjangoModelFactory):
    class Meta:
        model = Attendance

    meeting = factory.SubFactory(MeetingFactory)
    person = factory.SubFactory(PersonFactory)
    capacity = Capacity.MEMBER
    status = AttendanceStatus.PRESENT


# Declarations


class InterestFactory(DjangoModelFactory):
    class Meta:
        model = Interest

    person = factory.SubFactory(PersonFactory)
    kind = InterestKind.BUSINESS
    description = factory.Sequence(lambda n: f"Director of Company {n} Ltd")
    matter = factory.Sequence(lambda n: f"Company {n} Ltd")
    start = FIRST_DAY
    created_by = factory.SubFactory(UserFactory)


class DeclarationFactory(DjangoModelFactory):
    class Meta:
        model = Declaration

    item = factory.SubFactory(AgendaItemFactory)
    person = factory.SubFactory(PersonFactory)
    kind = InterestKind.FINANCIAL
    description = "Works for a bidder"
    made = DeclarationWhen.IN_ADVANCE
    recorded_by = factory.SubFactory(UserFactory)


class GiftFactory(DjangoModelFactory):
    class Meta:
        model = Gift

    person = factory.SubFactory(PersonFactory)
    kind = GiftKind.HOSPITALITY
    offered_by = "A supplier"
    description = "Dinner"
    estimated_value = 40
    offered_on = FIRST_DAY
    decision = GiftDecision.REFUSED
    reason = "Could be seen to influence a decision"
    recorded_by = factory.SubFactory(UserFactory)
