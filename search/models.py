"""The search index: one row per place a reader can be sent to, with its words.

An entry is derived, never edited: search.index builds it from its source
record (an agenda item, a paper, a clause...) and the receivers of
search.receivers rebuild it in the same transaction as the change.

Who reads an entry is decided by its audience:

- PUBLIC entries are built only from what the public pages show (the public
  rendition of the minutes, a published agenda's open items, the public
  registers...), so nothing withheld from the public can be found by it.
- RESTRICTED entries hold the full text, and carry a gate: the policy of the
  page they stand for, checked at query time with that page's own conditions
  (search.policies), with the keys the condition needs (meeting, item, paper,
  person, version).

A public entry may have a restricted twin for the same place (a gift's
published fields, and the whole entry for its declarant and the
secretariat): the public one then carries the twin's gate, and whoever passes
the gate reads the twin instead.

The words are searched by the database (search.engines): on PostgreSQL a
generated tsvector column with a GIN index, on SQLite an FTS5 table kept in
step by triggers. Neither is a model field: both are made by migration 0002.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q

from agreements.models import AgreementVersion
from bodies.models import Body
from meetings.models import AgendaItem, Meeting, Paper
from partnership.models import Person


class Kind(models.TextChoices):
    MINUTES = "minutes", "Minutes"
    AGENDA = "agenda", "Agenda item"
    PAPER = "paper", "Paper"
    BODY = "body", "Body"
    ORGANISATION = "organisation", "Organisation"
    PERSON = "person", "Person"
    INTEREST = "interest", "Register of interests"
    GIFT = "gift", "Gifts and hospitality"
    CLAUSE = "clause", "Agreement"
    FORWARD_PLAN = "forward_plan", "Forward plan"


class Audience(models.TextChoices):
    PUBLIC = "public", "Everyone"
    RESTRICTED = "restricted", "Those the policies allow"


class Gate(models.TextChoices):
    """The page policy that says who reads a restricted entry (search.policies holds the conditions)."""

    NONE = "", "None: a public entry without a twin"
    # meetings.view_agenda and meetings.view_item: an item on an unpublished agenda, or a confidential one.
    AGENDA_ITEM = "agenda_item", "The agenda and the item"
    # meetings.view_agenda and meetings.view_paper.
    PAPER = "paper", "The agenda and the paper"
    # meetings.view_draft_minutes: minutes not yet published, read in full.
    DRAFT_MINUTES = "draft_minutes", "Draft minutes"
    # meetings.view_item: a confidential item of published minutes.
    MINUTES_ITEM = "minutes_item", "A confidential item of published minutes"
    # declarations.view_register and the gifts register: the person's own entries, and the secretariat.
    OWN = "own", "The person's own record"
    SECRETARIAT = "secretariat", "The secretariat"
    # agreements.view_version: a draft, and partners while it is out for consultation.
    DRAFT_VERSION = "draft_version", "A draft of the Agreement"


class PublicWhile(models.TextChoices):
    """When a public entry's page is there for the public: decided at query time, as a day passing changes it."""

    ALWAYS = "", "Always"
    # The person has a public register of interests today: a current seat on a body (declarations.REGISTER_ROLES).
    REGISTER = "register", "While the person has a public register"
    # A forward plan entry is on the public plan until its meeting's day has passed (the Entry's date) ...
    UPCOMING = "upcoming", "Until the day of its meeting has passed"
    # ... or, with no meeting named, until its month has (the date is the first of the month).
    MONTH = "month", "Until its month has passed"


class Entry(models.Model):
    """A searchable place: its words, where it is, and who may read it."""

    kind = models.CharField(max_length=20, choices=Kind.choices)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    audience = models.CharField(max_length=10, choices=Audience.choices)
    gate = models.CharField(max_length=20, choices=Gate.choices, blank=True)
    public_while = models.CharField(max_length=10, choices=PublicWhile.choices, blank=True)
    # The keys the gates need, and the filters.
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    paper = models.ForeignKey(Paper, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    version = models.ForeignKey(AgreementVersion, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    body = models.ForeignKey(Body, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    # A clause of a version no longer in force: found only when older versions are asked for.
    superseded = models.BooleanField(default=False)
    date = models.DateField(null=True, blank=True)
    title = models.CharField(max_length=500)
    # Where the place is, in a few words: "Item 4 of the minutes", "Agreement and Protocols, V5 2.4.09".
    context = models.CharField(max_length=300, blank=True)
    text = models.TextField(blank=True)
    # The exact place: the minute item, the paper, the clause's anchor on its version's page.
    url = models.CharField(max_length=500)

    class Meta:
        verbose_name_plural = "entries"
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "kind", "audience"], name="search_entry_once_per_place"
            ),
            models.CheckConstraint(
                condition=Q(audience="public") | ~Q(gate=""), name="search_entry_restricted_has_gate"
            ),
        ]
        indexes = [models.Index(fields=["date"], name="search_entry_date")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.title}"

    def get_absolute_url(self):
        return self.url

    @property
    def key(self) -> tuple:
        """What makes an entry the same place: rebuilt entries are matched to stored ones by it."""
        return (self.content_type_id, self.object_id, self.kind, self.audience)
