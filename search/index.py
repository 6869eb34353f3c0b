"""Build the search index from the records: what each place says, where it is, and who may read it.

Each `index_*` function rebuilds the entries of some records and makes the
stored ones exactly those (search.models.Entry), in the caller's transaction
and at a fixed number of queries whatever the number of records. Whether the
public may read a place is asked of the page's own rule, as it answers the
anonymous public (`can_view_agenda(PUBLIC, meeting)` and so on): a public
entry holds only what the public page shows, and anything else goes into a
restricted entry with the gate of that page (search.policies).

`rebuild()` empties the index and builds it again in batches, for the rows
written without signals (the scale data set) and after a release that
changes what entries hold.
"""

import re
import threading
from collections import defaultdict
from collections.abc import Iterable

from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone

from agreements.models import LOCKED, AgreementVersion, Clause, VersionStatus
from agreements.policies import can_view_version
from bodies.models import Body
from declarations.models import Gift, GiftsSettings, Interest
from meetings import forward_plan
from meetings.minutes_text import item_line
from meetings.models import Action, AgendaItem, ForwardPlanEntry, Meeting, Paper, PaperVersion
from meetings.policies.agenda import can_view_agenda, can_view_item, can_view_paper
from partnership.models import Organisation, Person
from search import engines
from search.models import Audience, Entry, Gate, Kind, PublicWhile

# Whom public entries are built for: the pages' rules answer the public as they do for a visitor.
PUBLIC = AnonymousUser()
# The words of one entry: a longer document is found by its first part (PostgreSQL's tsvector holds 1 MB).
MAX_TEXT = 100_000
# Records read at once by rebuild(); meetings come with their items and papers.
BATCH = 500
MEETING_BATCH = 100

# Stored text never holds the engines' markers (search.engines.START, STOP) nor other control characters.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# Every field an entry is rebuilt with: a stored entry is rewritten only when one of them changed.
FIELDS = [
    "gate",
    "public_while",
    "meeting_id",
    "item_id",
    "paper_id",
    "person_id",
    "version_id",
    "body_id",
    "superseded",
    "date",
    "title",
    "context",
    "text",
    "url",
]


class _Leaving(threading.local):
    def __init__(self):
        self.pks = defaultdict(set)


_leaving = _Leaving()


def leaving(model, pk) -> None:
    """Say that a meeting, item or paper is being deleted (pre_delete): its entries are not built again meanwhile.

    The deletion of its decisions, actions and versions comes first and would otherwise index it afresh,
    with entries its own deletion no longer knows of.
    """
    _leaving.pks[model].add(pk)


def left(model, pk) -> None:
    _leaving.pks[model].discard(pk)


def _staying(queryset, model, ids=None):
    """`queryset` (of meetings' items or papers) without those of meetings, items or papers being deleted."""
    if _leaving.pks[Meeting]:
        queryset = queryset.exclude(meeting_id__in=_leaving.pks[Meeting])
    if _leaving.pks[model]:
        queryset = queryset.exclude(pk__in=_leaving.pks[model])
    return queryset


def _clean(text: str, limit: int = MAX_TEXT) -> str:
    return _CONTROL.sub(" ", text or "")[:limit]


def _join(*parts) -> str:
    return "\n".join(part.strip() for part in parts if part and part.strip())


def _type_id(model) -> int:
    return ContentType.objects.get_for_model(model).pk


def _entry(obj, kind, *, public: bool, gate: str, **fields) -> Entry:
    """A public entry (with the gate of its restricted twin, if it has one), or a restricted one behind `gate`."""
    entry = Entry(
        content_type_id=_type_id(type(obj)),
        object_id=obj.pk,
        kind=kind,
        audience=Audience.PUBLIC if public else Audience.RESTRICTED,
        gate=gate,
        **fields,
    )
    entry.title = _clean(entry.title, 500)
    entry.context = _clean(entry.context, 300)
    entry.text = _clean(entry.text)
    return entry


def sync(model, object_ids: Iterable[int], kinds: list[str], wanted: list[Entry]) -> None:
    """Make the stored entries of `kinds` for these records of `model` exactly `wanted`."""
    object_ids = set(object_ids)
    if not object_ids:
        return
    stored = {
        entry.key: entry
        for entry in Entry.objects.filter(content_type_id=_type_id(model), object_id__in=object_ids, kind__in=kinds)
    }
    new, changed = [], []
    for entry in wanted:
        old = stored.pop(entry.key, None)
        if old is None:
            new.append(entry)
        elif any(getattr(old, name) != getattr(entry, name) for name in FIELDS):
            entry.pk = old.pk
            changed.append(entry)
    if stored:
        Entry.objects.filter(pk__in=[entry.pk for entry in stored.values()]).delete()
    if changed:
        Entry.objects.bulk_update(changed, [name.removesuffix("_id") for name in FIELDS])
    if new:
        Entry.objects.bulk_create(new)


def forget(model, object_id: int) -> None:
    """Remove every entry of a record that is gone."""
    Entry.objects.filter(content_type_id=_type_id(model), object_id=object_id).delete()


# Meetings: agenda items, minutes and papers


def _items(queryset):
    owners = Prefetch("owners", queryset=Person.objects.order_by("name", "pk"))
    actions = Prefetch("actions", queryset=Action.objects.order_by("pk").prefetch_related(owners))
    return list(queryset.select_related("meeting__body", "meeting__minutes").prefetch_related("decisions", actions))


def _meeting_fields(meeting: Meeting) -> dict:
    return {"meeting": meeting, "body_id": meeting.body_id, "date": timezone.localdate(meeting.starts_at)}


def _item_entries(item: AgendaItem) -> list[Entry]:
    meeting = item.meeting
    entries = []
    # A standing item with nothing of its own ("Apologies") is in every agenda: it would only crowd the results.
    if item.description.strip() or not item.standing_role:
        public = can_view_agenda(PUBLIC, meeting) and can_view_item(PUBLIC, item)
        entries.append(
            _entry(
                item,
                Kind.AGENDA,
                public=public,
                gate="" if public else Gate.AGENDA_ITEM,
                item=item,
                title=item.title,
                context=f"Item {item.number} on the agenda",
                text=_join(
                    item.get_kind_display(),
                    f"Presented by {item.presenter}" if item.presenter else "",
                    item.description,
                ),
                url=f"{meeting.get_absolute_url()}#item-{item.number}",
                **_meeting_fields(meeting),
            )
        )
    minutes = getattr(meeting, "minutes", None)
    if minutes is None:
        return entries
    # The item as the minutes record it (meetings.minutes_text, the renditions' own lines).
    line = item_line(item, visible=True)
    text = _join(
        line.discussion,
        *(f"Decision {decision.number}: {decision.text}" for decision in line.decisions),
        *(
            _join(
                f"Action: {action.text}",
                f"Owners: {action.owners_text}" if action.owners else "",
                f"Due {action.due_text}" if action.due_on else "",
            )
            for action in line.actions
        ),
    )
    if not text:
        return entries
    if minutes.is_published:
        public = can_view_item(PUBLIC, item)
        gate = "" if public else Gate.MINUTES_ITEM
        context = f"Item {item.number} of the minutes"
    else:
        public, gate, context = False, Gate.DRAFT_MINUTES, f"Item {item.number} of the draft minutes"
    entries.append(
        _entry(
            item,
            Kind.MINUTES,
            public=public,
            gate=gate,
            item=item,
            title=item.title,
            context=context,
            text=text,
            url=f"{minutes.get_absolute_url()}#item-{item.number}",
            **_meeting_fields(meeting),
        )
    )
    return entries


def _papers(queryset):
    latest = Prefetch("versions", queryset=PaperVersion.objects.order_by("paper", "-number"))
    return list(queryset.select_related("meeting__body", "item").prefetch_related(latest))


def _paper_entry(paper: Paper) -> Entry:
    meeting = paper.meeting
    versions = list(paper.versions.all())
    latest = versions[0] if versions else None
    public = can_view_agenda(PUBLIC, meeting) and can_view_paper(PUBLIC, paper)
    return _entry(
        paper,
        Kind.PAPER,
        public=public,
        gate="" if public else Gate.PAPER,
        paper=paper,
        title=paper.title,
        context=f"Paper for item {paper.item.number}" if paper.item else "Paper",
        text=_join(
            paper.description,
            paper.purpose,
            paper.action_required,
            f"Author: {paper.author}",
            paper.contact_details,
            paper.circulation,
            paper.target_audience,
            paper.cross_reference,
            latest.text if latest else "",
            latest.extracted_text if latest else "",
        ),
        url=paper.get_absolute_url(),
        **_meeting_fields(meeting),
    )


def index_items(item_ids: Iterable[int]) -> None:
    """The agenda and minutes entries of these items."""
    item_ids = set(item_ids)
    items = _items(_staying(AgendaItem.objects.filter(pk__in=item_ids), AgendaItem))
    sync(AgendaItem, item_ids, [Kind.AGENDA, Kind.MINUTES], [e for item in items for e in _item_entries(item)])


def index_papers(paper_ids: Iterable[int]) -> None:
    paper_ids = set(paper_ids)
    papers = _papers(_staying(Paper.objects.filter(pk__in=paper_ids), Paper))
    sync(Paper, paper_ids, [Kind.PAPER], [_paper_entry(paper) for paper in papers])


def index_meetings(meeting_ids: Iterable[int]) -> None:
    """Every item and paper of these meetings: their date, publication and minutes change what is found."""
    meeting_ids = list(meeting_ids)
    items = _items(_staying(AgendaItem.objects.filter(meeting_id__in=meeting_ids), AgendaItem))
    sync(AgendaItem, [i.pk for i in items], [Kind.AGENDA, Kind.MINUTES], [e for i in items for e in _item_entries(i)])
    papers = _papers(_staying(Paper.objects.filter(meeting_id__in=meeting_ids), Paper))
    sync(Paper, [p.pk for p in papers], [Kind.PAPER], [_paper_entry(paper) for paper in papers])


# The forward plan


def _forward_plan_entries(entry: ForwardPlanEntry) -> list[Entry]:
    """What the public plan shows of it while it is to come; the whole entry for the secretariat, always.

    `entry` comes from `forward_plan.with_due()`. A confidential entry's public line is the public plan's:
    "A confidential item" and its reason.
    """
    shown = forward_plan.public_entry(entry)
    if entry.expected_meeting_id:
        public_while, day = PublicWhile.UPCOMING, timezone.localdate(entry.expected_meeting.starts_at)
    else:
        public_while, day = PublicWhile.MONTH, entry.due
    where = f"Forward plan of {entry.body.name}, {shown.month}"
    common = {"body": entry.body, "date": day}
    return [
        _entry(
            entry,
            Kind.FORWARD_PLAN,
            public=True,
            gate=Gate.SECRETARIAT,
            public_while=public_while,
            title=shown.title,
            context=where,
            text=_join(shown.summary, shown.decision_maker, shown.reason),
            url=f"{reverse('forward_plan')}?body={entry.body.slug}#plan-{entry.pk}",
            **common,
        ),
        _entry(
            entry,
            Kind.FORWARD_PLAN,
            public=False,
            gate=Gate.SECRETARIAT,
            title=entry.title,
            context=where + (" (confidential)" if entry.confidential else ""),
            text=_join(entry.summary, entry.decision_maker, entry.confidential_reason),
            url=reverse("forward_plan_edit", args=[entry.pk]),
            **common,
        ),
    ]


def index_forward_plan(entry_ids: Iterable[int]) -> None:
    ids = set(entry_ids)
    entries = forward_plan.with_due().filter(pk__in=ids)
    sync(ForwardPlanEntry, ids, [Kind.FORWARD_PLAN], [e for entry in entries for e in _forward_plan_entries(entry)])


# The framework: bodies, organisations, people


def _body_entry(body: Body) -> Entry:
    return _entry(
        body,
        Kind.BODY,
        public=True,
        gate="",
        body=body,
        title=body.name,
        context=body.get_kind_display(),
        text=_join(
            body.short_name,
            body.summary,
            f"Mode of working: {body.get_mode_display()}",
            f"Meets: {body.get_meeting_frequency_display()}" if body.meeting_frequency else "",
            body.terms_of_reference,
        ),
        url=body.get_absolute_url(),
        date=body.established_on,
    )


def _organisation_entry(organisation: Organisation) -> Entry:
    return _entry(
        organisation,
        Kind.ORGANISATION,
        public=True,
        gate="",
        title=organisation.name,
        context=f"{organisation.get_sector_display()} sector",
        text=_join(organisation.short_name, "Statutory partner authority" if organisation.is_partner_authority else ""),
        url=organisation.get_absolute_url(),
        date=organisation.joined_on,
    )


def _person_entries(person: Person) -> list[Entry]:
    """By name for everyone while they have a public register; in full for the secretariat."""
    return [
        _entry(
            person,
            Kind.PERSON,
            public=True,
            gate=Gate.SECRETARIAT,
            public_while=PublicWhile.REGISTER,
            person=person,
            title=person.full_name,
            context="Register of interests",
            url=reverse("interests_public_person", args=[person.pk]),
        ),
        _entry(
            person,
            Kind.PERSON,
            public=False,
            gate=Gate.SECRETARIAT,
            person=person,
            title=person.full_name,
            context=person.job_title,
            text=_join(person.organisation.name if person.organisation else "", person.email, person.job_title),
            url=person.get_absolute_url(),
        ),
    ]


def index_bodies(body_ids: Iterable[int]) -> None:
    body_ids = set(body_ids)
    sync(Body, body_ids, [Kind.BODY], [_body_entry(body) for body in Body.objects.filter(pk__in=body_ids)])


def index_organisations(organisation_ids: Iterable[int]) -> None:
    ids = set(organisation_ids)
    sync(
        Organisation,
        ids,
        [Kind.ORGANISATION],
        [_organisation_entry(o) for o in Organisation.objects.filter(pk__in=ids)],
    )


def index_people(person_ids: Iterable[int]) -> None:
    ids = set(person_ids)
    people = Person.objects.filter(pk__in=ids).select_related("organisation")
    sync(Person, ids, [Kind.PERSON], [entry for person in people for entry in _person_entries(person)])


# The registers


def _interest_entries(interest: Interest) -> list[Entry]:
    """The public register's line (not withheld, while the member has a public register); the whole entry for them."""
    person = interest.person
    title = f"{interest.get_kind_display()} interest of {person.full_name}"
    concerns = interest.organisation.name if interest.organisation else ""
    fields = {"person": person, "title": title, "date": interest.start}
    entries = [
        _entry(
            interest,
            Kind.INTEREST,
            public=False,
            gate=Gate.OWN,
            context="Register of interests, in full",
            text=_join(
                interest.get_holder_display(),
                interest.description,
                concerns,
                interest.matter,
                f"Withheld from the public register: {interest.withheld_reason}" if interest.withheld else "",
            ),
            url=reverse("interests_mine"),
            **fields,
        )
    ]
    if not interest.withheld:
        entries.append(
            _entry(
                interest,
                Kind.INTEREST,
                public=True,
                gate=Gate.OWN,
                public_while=PublicWhile.REGISTER,
                context="Register of interests",
                text=_join(interest.get_holder_display(), interest.description, concerns, interest.matter),
                url=reverse("interests_public_person", args=[person.pk]) + "?past=1",
                **fields,
            )
        )
    return entries


def _gift_entries(gift: Gift, threshold) -> list[Entry]:
    """The public register's fields when it is published; the whole entry for the declarant and the secretariat."""
    person = gift.person
    fields = {
        "person": person,
        "title": f"{gift.get_kind_display()} offered to {person.full_name}",
        "date": gift.offered_on,
    }
    entries = [
        _entry(
            gift,
            Kind.GIFT,
            public=False,
            gate=Gate.OWN,
            context=f"{gift.get_decision_display()}, offered by {gift.offered_by}",
            text=_join(gift.offered_by, gift.description, f"£{gift.estimated_value}", gift.reason),
            url=reverse("gift_mine"),
            **fields,
        )
    ]
    # The fields the public register shows (declarations.views.gifts.PUBLIC_FIELDS), never the reason or the giver.
    if gift.estimated_value >= threshold:
        entries.append(
            _entry(
                gift,
                Kind.GIFT,
                public=True,
                gate=Gate.OWN,
                context=gift.get_decision_display(),
                text=_join(gift.description, gift.get_decision_display()),
                url=reverse("gift_register_person", args=[person.pk]),
                **fields,
            )
        )
    return entries


def index_interests(interest_ids: Iterable[int]) -> None:
    ids = set(interest_ids)
    interests = Interest.objects.filter(pk__in=ids).select_related("person", "organisation")
    sync(Interest, ids, [Kind.INTEREST], [entry for i in interests for entry in _interest_entries(i)])


def index_gifts(gift_ids: Iterable[int]) -> None:
    ids = set(gift_ids)
    threshold = GiftsSettings.current().publish_threshold
    gifts = Gift.objects.filter(pk__in=ids).select_related("person")
    sync(Gift, ids, [Kind.GIFT], [entry for gift in gifts for entry in _gift_entries(gift, threshold)])


def index_all_gifts() -> None:
    """Every gift again, in batches: the publishing threshold decides which the public register shows."""
    for pks in _batches(Gift.objects.all()):
        index_gifts(pks)


# The Agreement


def _clause_entry(clause: Clause) -> Entry:
    version = clause.version
    public = can_view_version(PUBLIC, version)
    return _entry(
        clause,
        Kind.CLAUSE,
        public=public,
        gate="" if public else Gate.DRAFT_VERSION,
        version=version,
        body_id=version.agreement.body_id,
        superseded=version.status == VersionStatus.SUPERSEDED,
        # A clause without a heading is named by its number ("Clause 10.4"), as people cite it.
        title=clause.label if clause.heading else f"Clause {clause.number}",
        context=f"{version.agreement.title}, {version.label}{'' if version.status in LOCKED else ' (draft)'}",
        text=clause.text,
        url=f"{reverse('agreement_version', args=[version.pk])}#{clause.anchor}",
        date=version.takes_effect or timezone.localdate(version.created_at),
    )


def index_clauses(clause_ids: Iterable[int]) -> None:
    ids = set(clause_ids)
    clauses = Clause.objects.filter(pk__in=ids).select_related("version__agreement")
    sync(Clause, ids, [Kind.CLAUSE], [_clause_entry(clause) for clause in clauses])


def index_versions(version_ids: Iterable[int]) -> None:
    """Every clause of these versions: adoption, supersession and a new label change what is found."""
    clauses = list(Clause.objects.filter(version_id__in=list(version_ids)).select_related("version__agreement"))
    sync(Clause, [c.pk for c in clauses], [Kind.CLAUSE], [_clause_entry(clause) for clause in clauses])


def index_drafts() -> None:
    """Every clause of the versions not yet adopted (after their renumbering, which sends no signal)."""
    index_versions(AgreementVersion.objects.exclude(status__in=LOCKED).values_list("pk", flat=True))


# Everything


def _batches(queryset, size=BATCH):
    """The pks of `queryset`, `size` at a time, in order."""
    pks = list(queryset.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(pks), size):
        yield pks[start : start + size]


def entries_for_all():
    """Every entry the records give, a batch at a time (lists of unsaved entries)."""
    threshold = GiftsSettings.current().publish_threshold
    yield [_body_entry(body) for body in Body.objects.order_by("pk")]
    yield [_organisation_entry(organisation) for organisation in Organisation.objects.order_by("pk")]
    for pks in _batches(Person.objects.all()):
        yield [
            e
            for person in Person.objects.filter(pk__in=pks).select_related("organisation")
            for e in _person_entries(person)
        ]
    for pks in _batches(Interest.objects.all()):
        interests = Interest.objects.filter(pk__in=pks).select_related("person", "organisation")
        yield [e for interest in interests for e in _interest_entries(interest)]
    for pks in _batches(Gift.objects.all()):
        yield [
            e
            for gift in Gift.objects.filter(pk__in=pks).select_related("person")
            for e in _gift_entries(gift, threshold)
        ]
    for pks in _batches(Clause.objects.all()):
        yield [
            _clause_entry(clause) for clause in Clause.objects.filter(pk__in=pks).select_related("version__agreement")
        ]
    for pks in _batches(ForwardPlanEntry.objects.all()):
        yield [e for entry in forward_plan.with_due().filter(pk__in=pks) for e in _forward_plan_entries(entry)]
    for pks in _batches(Meeting.objects.all(), MEETING_BATCH):
        items = _items(AgendaItem.objects.filter(meeting_id__in=pks))
        papers = _papers(Paper.objects.filter(meeting_id__in=pks))
        yield [e for item in items for e in _item_entries(item)] + [_paper_entry(paper) for paper in papers]


@transaction.atomic
def rebuild(say=None) -> int:
    """Empty the index and build it again from every record, in batches; return the number of entries.

    One transaction (a savepoint inside the caller's): until it commits, searches read the index as it was.
    """
    engines.truncate()
    count = 0
    for entries in entries_for_all():
        Entry.objects.bulk_create(entries, batch_size=BATCH)
        count += len(entries)
        if say and entries:
            say(f"{count} entries")
    return count
