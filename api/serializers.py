"""What the API shows of each record: the fields the public pages show, and no more.

A person is a name, a title and an organisation: never an email address, a telephone number or notes.
Memberships use Popolo's field names (role, start_date, end_date, person, organization, on_behalf_of).
"""

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from agreements.models import AgreementVersion
from bodies.models import Body, BodyChange, Membership
from declarations.models import Gift, Interest
from meetings.minutes_text import attendance_rows, excluded_by_item, quorum_for
from meetings.models import AgendaItem, Decision, Meeting, Paper
from meetings.votes import VoteLine, fetched_vote, vote_line, withdrawn_names
from partnership.models import Organisation, Person


def absolute(request, path: str) -> str:
    return request.build_absolute_uri(path) if request is not None else path


class PageLink(serializers.Field):
    """The permanent address of the record's public page, in full."""

    def __init__(self, **kwargs):
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value):
        return absolute(self.context.get("request"), value.get_absolute_url())


PageLink = extend_schema_field(OpenApiTypes.URI)(PageLink)


class OrganisationRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = ["id", "slug", "name"]


class BodyRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Body
        fields = ["id", "slug", "name"]


class OrganisationSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = Organisation
        fields = [
            "id",
            "slug",
            "name",
            "short_name",
            "sector",
            "is_partner_authority",
            "website",
            "joined_on",
            "left_on",
            "url",
        ]

    def get_url(self, organisation) -> str:
        return absolute(self.context.get("request"), reverse("organisation_detail", args=[organisation.slug]))


class PersonRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Person
        fields = ["id", "name", "honorific"]


class PersonNameSerializer(serializers.ModelSerializer):
    class Meta:
        model = Person
        fields = ["id", "name"]


class MembershipSerializer(serializers.ModelSerializer):
    """A place on a body, in Popolo's words: the person, the organization (the body), on behalf of whom."""

    start_date = serializers.DateField(source="start")
    end_date = serializers.DateField(source="end", allow_null=True)
    person = PersonRefSerializer()
    organization = BodyRefSerializer(source="body")
    on_behalf_of = OrganisationRefSerializer(source="organisation", allow_null=True)

    class Meta:
        model = Membership
        fields = ["id", "role", "start_date", "end_date", "person", "organization", "on_behalf_of"]


class PersonMembershipSerializer(MembershipSerializer):
    class Meta(MembershipSerializer.Meta):
        fields = ["id", "role", "start_date", "end_date", "organization", "on_behalf_of"]


class PersonSerializer(serializers.ModelSerializer):
    organisation = OrganisationRefSerializer(allow_null=True)
    memberships = PersonMembershipSerializer(many=True, source="public_memberships")

    class Meta:
        model = Person
        fields = ["id", "name", "honorific", "organisation", "memberships"]


class BodyChangeSerializer(serializers.ModelSerializer):
    other_body = BodyRefSerializer(allow_null=True)

    class Meta:
        model = BodyChange
        fields = ["kind", "on", "other_body", "reason"]


class BodySerializer(serializers.ModelSerializer):
    status = serializers.SerializerMethodField()
    changes = BodyChangeSerializer(many=True)
    url = PageLink()

    class Meta:
        model = Body
        fields = [
            "id",
            "slug",
            "name",
            "short_name",
            "kind",
            "mode",
            "summary",
            "terms_of_reference",
            "meeting_frequency",
            "independently_chaired",
            "established_on",
            "shadow_from",
            "active_from",
            "ended_on",
            "status",
            "changes",
            "url",
        ]

    def get_status(self, body) -> str | None:
        return body.status


class MeetingSerializer(serializers.ModelSerializer):
    body = BodyRefSerializer()
    entered_afterwards = serializers.SerializerMethodField()
    url = PageLink()

    class Meta:
        model = Meeting
        fields = [
            "id",
            "body",
            "kind",
            "starts_at",
            "ends_at",
            "venue",
            "online_url",
            "status",
            "status_reason",
            "agenda_published_at",
            "entered_afterwards",
            "url",
        ]

    def get_entered_afterwards(self, meeting) -> bool:
        return meeting.is_entered_afterwards


class MeetingRefSerializer(serializers.ModelSerializer):
    body = BodyRefSerializer()

    class Meta:
        model = Meeting
        fields = ["id", "body", "starts_at"]


class AgendaItemSerializer(serializers.ModelSerializer):
    """An item as the public agenda shows it: a confidential item withheld shows its number and the reason only."""

    meeting = MeetingRefSerializer()
    withheld = serializers.SerializerMethodField()
    title = serializers.SerializerMethodField()
    kind = serializers.SerializerMethodField()
    presenter = serializers.SerializerMethodField()
    description = serializers.SerializerMethodField()

    class Meta:
        model = AgendaItem
        fields = [
            "id",
            "meeting",
            "number",
            "withheld",
            "title",
            "kind",
            "presenter",
            "description",
            "confidential",
            "confidential_reason",
        ]

    def get_withheld(self, item) -> bool:
        return not item.public_visible

    def get_title(self, item) -> str | None:
        return item.title if item.public_visible else None

    def get_kind(self, item) -> str | None:
        return item.kind if item.public_visible else None

    def get_presenter(self, item) -> str | None:
        return item.presenter if item.public_visible else None

    def get_description(self, item) -> str | None:
        return item.description if item.public_visible else None


class PaperVersionRefSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    kind = serializers.CharField()
    note = serializers.CharField()
    created_at = serializers.DateTimeField()
    filename = serializers.CharField()
    size = serializers.IntegerField()
    download_url = serializers.SerializerMethodField()

    def get_download_url(self, version) -> str | None:
        if not version.document:
            return None
        path = reverse("paper_download", args=[version.paper.meeting_id, version.paper_id, version.number])
        return absolute(self.context.get("request"), path)


class PaperSerializer(serializers.ModelSerializer):
    meeting = MeetingRefSerializer()
    item_number = serializers.SerializerMethodField()
    versions = PaperVersionRefSerializer(many=True)
    url = PageLink()

    class Meta:
        model = Paper
        fields = [
            "id",
            "meeting",
            "item_number",
            "title",
            "description",
            "purpose",
            "circulation",
            "action_required",
            "author",
            "contact_details",
            "publication_date",
            "target_audience",
            "cross_reference",
            "circulated_at",
            "late_reason",
            "versions",
            "url",
        ]

    def get_item_number(self, paper) -> int | None:
        return paper.item.number if paper.item_id else None


class VoteCountsSerializer(serializers.Serializer):
    """How many seats voted each way."""

    def get_fields(self):
        # "for" is a word of Python: the fields are named here.
        return {
            "for": serializers.IntegerField(),
            "against": serializers.IntegerField(),
            "abstained": serializers.IntegerField(),
        }


class VoteSerializer(serializers.Serializer):
    """A vote recorded on a decision, as the public minutes show it: worked out from the records, never typed."""

    result = serializers.ChoiceField(choices=["carried", "not carried"])
    carried = serializers.BooleanField()
    tied = serializers.BooleanField()
    casting_vote = serializers.ChoiceField(
        choices=["for", "against"], allow_null=True, help_text="The chair's casting vote on a tie."
    )
    quorate = serializers.BooleanField(allow_null=True, help_text="Null when the body sets no quorum.")
    counts = VoteCountsSerializer()
    voted_for = serializers.ListField(child=serializers.CharField())
    against = serializers.ListField(child=serializers.CharField())
    abstained = serializers.ListField(child=serializers.CharField())
    withdrawn = serializers.ListField(
        child=serializers.CharField(), help_text="Members who had to withdraw from the item and did not vote."
    )


def vote_data(line: VoteLine) -> dict:
    return {
        "result": line.result,
        "carried": line.carried,
        "tied": line.tied,
        "casting_vote": line.casting_vote or None,
        "quorate": line.quorate,
        "counts": {"for": len(line.voted_for), "against": len(line.against), "abstained": len(line.abstained)},
        "voted_for": list(line.voted_for),
        "against": list(line.against),
        "abstained": list(line.abstained),
        "withdrawn": list(line.withdrawn),
    }


class DecisionSerializer(serializers.ModelSerializer):
    """A decision in published minutes; one on a confidential item is withheld, with the reason, as the minutes say."""

    meeting = MeetingRefSerializer(source="item.meeting")
    item_number = serializers.IntegerField(source="item.number")
    withheld = serializers.SerializerMethodField()
    withheld_reason = serializers.SerializerMethodField()
    item_title = serializers.SerializerMethodField()
    text = serializers.SerializerMethodField()
    vote = serializers.SerializerMethodField()
    minutes_url = serializers.SerializerMethodField()

    class Meta:
        model = Decision
        fields = [
            "id",
            "meeting",
            "item_number",
            "number",
            "withheld",
            "withheld_reason",
            "item_title",
            "text",
            "vote",
            "minutes_url",
        ]

    def get_withheld(self, decision) -> bool:
        return not decision.public_visible

    def get_withheld_reason(self, decision) -> str | None:
        return None if decision.public_visible else decision.item.confidential_reason

    def get_item_title(self, decision) -> str | None:
        return decision.item.title if decision.public_visible else None

    def get_text(self, decision) -> str | None:
        return decision.text if decision.public_visible else None

    def get_minutes_url(self, decision) -> str:
        return absolute(self.context.get("request"), reverse("meeting_minutes", args=[decision.item.meeting_id]))

    @extend_schema_field(VoteSerializer(allow_null=True))
    def get_vote(self, decision):
        """The recorded vote, or null: none recorded, or the decision is withheld (then its vote is too)."""
        recorded = fetched_vote(decision) if decision.public_visible else None
        if recorded is None:
            return None
        item = decision.item
        # The attendance and the excluders are read once per meeting of the page that has a recorded vote.
        meetings = self.context.setdefault("vote_meetings", {})
        if item.meeting_id not in meetings:
            meetings[item.meeting_id] = (attendance_rows(item.meeting), excluded_by_item(item.meeting))
        attendance, excluded = meetings[item.meeting_id]
        people = excluded.get(item.pk, ())
        quorum = quorum_for(item, attendance=attendance, excluded_people=people)
        line = vote_line(recorded, withdrawn=withdrawn_names(item, attendance, people), quorate=quorum.is_quorate)
        return vote_data(line)


class InterestSerializer(serializers.ModelSerializer):
    """An entry of the public register of interests; a withheld one says only that it is withheld, and why."""

    person = PersonRefSerializer()
    kind = serializers.SerializerMethodField()
    holder = serializers.SerializerMethodField()
    description = serializers.SerializerMethodField()
    organisation = serializers.SerializerMethodField()
    matter = serializers.SerializerMethodField()
    more_than_one_role = serializers.SerializerMethodField()
    start = serializers.SerializerMethodField()
    end = serializers.SerializerMethodField()
    withheld_reason = serializers.SerializerMethodField()

    class Meta:
        model = Interest
        fields = [
            "id",
            "person",
            "withheld",
            "withheld_reason",
            "kind",
            "holder",
            "description",
            "organisation",
            "matter",
            "more_than_one_role",
            "start",
            "end",
        ]

    def _shown(self, interest, value):
        return None if interest.withheld else value

    def get_kind(self, interest) -> str | None:
        return self._shown(interest, interest.kind)

    def get_holder(self, interest) -> str | None:
        return self._shown(interest, interest.holder)

    def get_description(self, interest) -> str | None:
        return self._shown(interest, interest.description)

    def get_organisation(self, interest) -> str | None:
        if interest.withheld or interest.organisation_id is None:
            return None
        return interest.organisation.name

    def get_matter(self, interest) -> str | None:
        return self._shown(interest, interest.matter)

    def get_more_than_one_role(self, interest) -> bool | None:
        return self._shown(interest, interest.more_than_one_role)

    @extend_schema_field(serializers.DateField(allow_null=True))
    def get_start(self, interest):
        return self._shown(interest, interest.start)

    @extend_schema_field(serializers.DateField(allow_null=True))
    def get_end(self, interest):
        return self._shown(interest, interest.end)

    def get_withheld_reason(self, interest) -> str | None:
        return interest.withheld_reason if interest.withheld else None


class GiftSerializer(serializers.ModelSerializer):
    """An entry of the public register of gifts: never the reason given, the giver, nor any advice."""

    person = PersonNameSerializer()

    class Meta:
        model = Gift
        fields = ["id", "person", "offered_on", "kind", "description", "estimated_value", "decision"]


class AgreementVersionSerializer(serializers.ModelSerializer):
    agreement = serializers.CharField(source="agreement.title")
    adopted_at = MeetingRefSerializer(allow_null=True)
    url = PageLink()

    class Meta:
        model = AgreementVersion
        fields = [
            "id",
            "agreement",
            "label",
            "status",
            "summary",
            "adopted_at",
            "takes_effect",
            "review_due",
            "superseded_on",
            "url",
        ]
