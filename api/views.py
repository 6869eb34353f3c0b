"""The read-only public API (issue 16): GET only, for everyone, as JSON, a page at a time.

Every answer is what the anonymous public is shown on the public pages, whoever asks: the rows come from the
apps' own querysets and policies, asked for `PUBLIC` (an anonymous user), never from a rule written here. A
signed-in member who wants more reads the pages. So the answers are the same for everyone and are kept by the
public cache (`@public_page` in api/urls.py) and answered 304 Not Modified while unchanged.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import BooleanField, Case, Exists, OuterRef, Prefetch, Q, Value, When
from django.http import HttpResponseBadRequest
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse
from rest_framework import generics, serializers
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer

from agreements.models import AgreementVersion
from agreements.policies import versions_visible_to
from agreements.views.pages import ORDER as VERSION_ORDER
from api import serializers as shown
from bodies.models import Body, BodyChange, Membership
from declarations.models import GiftsSettings
from declarations.policies.gifts import public_gifts
from declarations.policies.interests import public_interests, public_register_memberships
from meetings.models import AgendaItem, Decision, Meeting, Paper, PaperVersion, Vote
from meetings.policies.agenda import meetings_with_agenda_visible_to, papers_visible_to, visible_item_condition
from meetings.policies.minutes import meetings_with_minutes_visible_to
from partnership.dates import today
from partnership.exports import csv_response
from partnership.models import Organisation, Person

# Whom every answer is for: the public, whoever asks.
PUBLIC = AnonymousUser()

PAGE_SIZE = 25
MAX_PAGE_SIZE = 100


class Pages(PageNumberPagination):
    """`page` and `page_size` (at most 100); the answer has `count`, `next`, `previous` and `results`."""

    page_size = PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    page_query_description = "Which page of the list (from 1); a page beyond the last is answered 404."
    page_size_query_description = "How many results a page holds: 25 unless asked, 100 at most."


class Problem(serializers.Serializer):
    """What a 404 says."""

    detail = serializers.CharField()


# The filters. Each list says which it takes; a bad value is a 400 naming the parameter.


class DateRange(serializers.Serializer):
    def get_fields(self):
        # "from" is a Python keyword: the fields are named here rather than as attributes.
        return {
            "from": serializers.DateField(required=False, help_text="On or after this day (YYYY-MM-DD)."),
            "to": serializers.DateField(required=False, help_text="On or before this day (YYYY-MM-DD)."),
        }

    def validate(self, data):
        if data.get("from") and data.get("to") and data["from"] > data["to"]:
            raise serializers.ValidationError({"to": "The end of the date range must be on or after its start."})
        return data


class BodyFilter(serializers.Serializer):
    body = serializers.SlugField(required=False, help_text="The slug of a body, as in /bodies/<slug>/.")

    def validate_body(self, slug):
        body = Body.objects.filter(slug=slug).first()
        if body is None:
            raise serializers.ValidationError("There is no body with that slug.")
        return body


class BodyAndDates(BodyFilter, DateRange):
    def get_fields(self):
        return {**BodyFilter().get_fields(), **DateRange.get_fields(self)}


class OnFilter(serializers.Serializer):
    on = serializers.DateField(required=False, help_text="Only those in existence on this day (YYYY-MM-DD).")


class MembershipFilter(BodyAndDates):
    def get_fields(self):
        fields = super().get_fields()
        fields["from"].help_text = "Held on or after this day (YYYY-MM-DD)."
        fields["to"].help_text = "Held on or before this day (YYYY-MM-DD)."
        return fields


class InterestFilter(BodyFilter):
    past = serializers.BooleanField(
        required=False, default=False, help_text="Include entries that have ended (true or false)."
    )


class PublicSchema(AutoSchema):
    """A list's schema: its filters, its page, and the 400 and 404 it may answer besides the page of results."""

    def get_override_parameters(self):
        found = self.view.filter_serializer
        return [found] if found is not None else []

    def get_response_serializers(self):
        return {
            200: self._get_serializer(),
            400: OpenApiResponse(
                response=OpenApiTypes.OBJECT,
                description="A filter's value is not valid: each filter at fault with its messages.",
            ),
            404: OpenApiResponse(response=Problem, description="No such page of the list."),
        }


class PublicList(generics.ListAPIView):
    """A list of the public's records: GET only, for everyone, as JSON, a page at a time."""

    authentication_classes = []
    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer]
    pagination_class = Pages
    filter_serializer = None
    schema = PublicSchema()

    def filters(self) -> dict:
        """The query's filters, validated: a bad one is a 400 that names it."""
        if self.filter_serializer is None:
            return {}
        form = self.filter_serializer(data=self.request.query_params)
        if not form.is_valid():
            raise ValidationError(form.errors)
        return form.validated_data


def _dates(queryset, data, field):
    if data.get("from"):
        queryset = queryset.filter(**{f"{field}__gte": data["from"]})
    if data.get("to"):
        queryset = queryset.filter(**{f"{field}__lte": data["to"]})
    return queryset


def _visible_flag(condition: Q):
    """True where the public sees the row (a condition from the app's own policy), as an annotation."""
    return Case(When(condition, then=Value(True)), default=Value(False), output_field=BooleanField())


class OrganisationList(PublicList):
    """The partner organisations, present and former, by name."""

    serializer_class = shown.OrganisationSerializer

    def get_queryset(self):
        return Organisation.objects.order_by("name", "pk")


class PersonList(PublicList):
    """The people who hold or have held a place on a body: name, title, organisation and their places, no contacts."""

    serializer_class = shown.PersonSerializer
    filter_serializer = BodyFilter

    def get_queryset(self):
        data = self.filters()
        places = Membership.objects.all()
        if data.get("body"):
            places = places.filter(body=data["body"])
        memberships = Prefetch(
            "memberships",
            queryset=Membership.objects.select_related("body", "organisation").order_by("start", "pk"),
            to_attr="public_memberships",
        )
        return (
            Person.objects.filter(Exists(places.filter(person=OuterRef("pk"))))
            .select_related("organisation")
            .prefetch_related(memberships)
            .only("id", "name", "honorific", "organisation__id", "organisation__slug", "organisation__name")
            .order_by("name", "pk")
        )


class BodyList(PublicList):
    """The constituent bodies, each with the changes of its life (established, active, merged, renamed, ended)."""

    serializer_class = shown.BodySerializer
    filter_serializer = OnFilter

    def get_queryset(self):
        data = self.filters()
        bodies = Body.objects.on(data["on"]) if data.get("on") else Body.objects.all()
        changes = Prefetch("changes", queryset=BodyChange.objects.select_related("other_body").order_by("on", "pk"))
        return bodies.prefetch_related(changes).order_by("name", "pk")


class MembershipList(PublicList):
    """Places on bodies in Popolo's terms; `from` and `to` give those held at some time in the range."""

    serializer_class = shown.MembershipSerializer
    filter_serializer = MembershipFilter

    def get_queryset(self):
        data = self.filters()
        rows = Membership.objects.select_related("person", "body", "organisation")
        if data.get("body"):
            rows = rows.filter(body=data["body"])
        if data.get("from"):
            rows = rows.filter(Q(end__isnull=True) | Q(end__gte=data["from"]))
        if data.get("to"):
            rows = rows.filter(start__lte=data["to"])
        return rows.order_by("start", "pk")


class MeetingList(PublicList):
    """Every meeting, as its public page shows it, the earliest first."""

    serializer_class = shown.MeetingSerializer
    filter_serializer = BodyAndDates

    def get_queryset(self):
        data = self.filters()
        rows = Meeting.objects.select_related("body")
        if data.get("body"):
            rows = rows.filter(body=data["body"])
        return _dates(rows, data, "starts_at__date").order_by("starts_at", "pk")


def _meetings_filtered(rows, data, via):
    if data.get("body"):
        rows = rows.filter(**{f"{via}body": data["body"]})
    return _dates(rows, data, f"{via}starts_at__date")


class AgendaItemList(PublicList):
    """The items of the agendas the public sees; a confidential item shows its number and the reason only."""

    serializer_class = shown.AgendaItemSerializer
    filter_serializer = BodyAndDates

    def get_queryset(self):
        data = self.filters()
        rows = AgendaItem.objects.filter(meeting__in=meetings_with_agenda_visible_to(PUBLIC)).annotate(
            public_visible=_visible_flag(visible_item_condition(PUBLIC))
        )
        rows = _meetings_filtered(rows, data, "meeting__")
        return rows.select_related("meeting__body").order_by("meeting__starts_at", "meeting_id", "number", "pk")


class PaperList(PublicList):
    """The papers the public may read, with the download address of each version's file."""

    serializer_class = shown.PaperSerializer
    filter_serializer = BodyAndDates

    def get_queryset(self):
        data = self.filters()
        rows = papers_visible_to(PUBLIC, Paper.objects.filter(meeting__in=meetings_with_agenda_visible_to(PUBLIC)))
        rows = _meetings_filtered(rows, data, "meeting__")
        versions = Prefetch(
            "versions",
            queryset=PaperVersion.objects.order_by("-number").only(
                "pk", "paper_id", "number", "kind", "note", "created_at", "filename", "size", "document"
            ),
        )
        return (
            rows.select_related("meeting__body", "item")
            .prefetch_related(versions)
            .order_by("meeting__starts_at", "meeting_id", "pk")
        )


def decisions(data):
    """The decisions in the minutes the public reads; `public_visible` is False for one on a confidential item."""
    rows = Decision.objects.filter(item__meeting__in=meetings_with_minutes_visible_to(PUBLIC)).annotate(
        public_visible=_visible_flag(visible_item_condition(PUBLIC, via="item__"))
    )
    rows = _meetings_filtered(rows, data, "item__meeting__")
    votes = Prefetch("recorded_vote__votes", queryset=Vote.objects.select_related("attendance__person"))
    return (
        rows.select_related("item__meeting__body", "recorded_vote")
        .prefetch_related(votes)
        .order_by("item__meeting__starts_at", "item__meeting_id", "item__number", "number", "pk")
    )


class DecisionList(PublicList):
    """The decisions of published minutes; one on a confidential item is withheld, with the reason."""

    serializer_class = shown.DecisionSerializer
    filter_serializer = BodyAndDates

    def get_queryset(self):
        return decisions(self.filters())


def interests(data):
    """Today's public register of interests, as its page shows it (`past` adds entries that have ended)."""
    on = today()
    holders = public_register_memberships(on)
    if data.get("body"):
        holders = holders.filter(body=data["body"])
    return (
        public_interests(on, data.get("past"))
        .filter(Exists(holders.filter(person=OuterRef("person"))))
        .select_related("person", "organisation")
        .order_by("person__name", "person_id", "start", "pk")
    )


class InterestList(PublicList):
    """Today's public register of interests: the entries of today's members (past entries too with `past`)."""

    serializer_class = shown.InterestSerializer
    filter_serializer = InterestFilter

    def get_queryset(self):
        return interests(self.filters())


def gifts(data):
    """The published entries of the register of gifts, the latest first."""
    rows = public_gifts(GiftsSettings.current()).select_related("person")
    if data.get("body"):
        rows = rows.of_body(data["body"])
    return _dates(rows, data, "offered_on")


class GiftList(PublicList):
    """The published entries of the register of gifts and hospitality, the latest first."""

    serializer_class = shown.GiftSerializer
    filter_serializer = BodyAndDates

    def get_queryset(self):
        return gifts(self.filters())


class AgreementVersionList(PublicList):
    """The versions of the Agreement and Protocols the public pages list: adopted and superseded ones."""

    serializer_class = shown.AgreementVersionSerializer

    def get_queryset(self):
        rows = AgreementVersion.objects.select_related("agreement", "adopted_at__body")
        return versions_visible_to(PUBLIC, rows).order_by(*VERSION_ORDER)


# The decisions and the registers as CSV files: what the JSON lists give, every row the filters pick


def _csv(request, filters, rows, filename, header, row):
    """A CSV download of `rows(data)`, one `row(record)` each, after the filters are checked (400 if bad)."""
    form = filters(data=request.GET)
    if not form.is_valid():
        messages = "; ".join(f"{name}: {' '.join(str(e) for e in errors)}" for name, errors in form.errors.items())
        return HttpResponseBadRequest(messages, content_type="text/plain; charset=utf-8")
    return csv_response(
        filename, header, [row(record) for record in rows(form.validated_data).iterator(chunk_size=500)]
    )


CSV_HEADER = ["Date of meeting", "Body", "Item", "Decision", "Text", "Minutes"]


def decisions_csv(request):
    """Every decision the filters pick, as /api/decisions/ gives them, in one spreadsheet."""

    def row(decision):
        meeting = decision.item.meeting
        return [
            timezone.localtime(meeting.starts_at).date().isoformat(),
            meeting.body.name,
            decision.item.number,
            decision.number,
            decision.text if decision.public_visible else f"Withheld: {decision.item.confidential_reason}",
            request.build_absolute_uri(reverse("meeting_minutes", args=[meeting.pk])),
        ]

    return _csv(request, BodyAndDates, decisions, "decisions.csv", CSV_HEADER, row)


INTERESTS_HEADER = ["Member", "Kind", "Held by", "Description", "Organisation", "Matter", "From", "To", "Withheld"]


def interests_csv(request):
    """The public register of interests as /api/registers/interests/ gives it; a withheld entry gives its reason."""

    def row(interest):
        if interest.withheld:
            return [interest.person.full_name, "", "", "", "", "", "", "", interest.withheld_reason]
        return [
            interest.person.full_name,
            interest.get_kind_display(),
            interest.get_holder_display(),
            interest.description,
            interest.organisation.name if interest.organisation_id else "",
            interest.matter,
            interest.start.isoformat() if interest.start else "",
            interest.end.isoformat() if interest.end else "",
            "",
        ]

    return _csv(request, InterestFilter, interests, "register-of-interests.csv", INTERESTS_HEADER, row)


GIFTS_HEADER = ["Member", "Offered on", "Kind", "Description", "Estimated value (£)", "Decision"]


def gifts_csv(request):
    """The published register of gifts and hospitality as /api/registers/gifts/ gives it."""

    def row(gift):
        return [
            gift.person.full_name,
            gift.offered_on.isoformat(),
            gift.get_kind_display(),
            gift.description,
            gift.estimated_value,
            gift.get_decision_display(),
        ]

    return _csv(request, BodyAndDates, gifts, "register-of-gifts.csv", GIFTS_HEADER, row)
