"""Keep the search index in step with the records, in the same transaction as each change.

Index maintenance is infrastructure, not a rule of the partnership, so it
hangs on the ORM's signals rather than on a call in each action (as the public
cache does): a receiver cannot be forgotten by any write path, the Django
admin and the shell included, and the actions stay the only home of business
logic. Each receiver rebuilds only the entries the change touches (an item's,
a paper's, a meeting's when its status or publication changes, a version's
clauses), at a fixed number of queries. Writes that send no signal call
`public_cache.changed(Model)`, which sends `partnership.signals.rows_changed`:
the one such write that changes what is found is the renumbering of a draft's
clauses. Bulk loads (the scale data set) run `manage.py rebuild_search_index`.

A raw save (loaddata) is left alone: the fixture's rows are indexed by a rebuild.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from agreements.models import Agreement, AgreementVersion, Clause
from bodies.models import Body
from declarations.models import Gift, GiftsSettings, Interest
from meetings.models import Action, AgendaItem, Decision, ForwardPlanEntry, Meeting, Minutes, Paper, PaperVersion
from partnership.models import Organisation, Person
from partnership.signals import rows_changed
from search import index


def _meeting(sender, instance, raw=False, **kwargs):
    if not raw:
        index.index_meetings([instance.pk])
        # A forward plan entry is found until its meeting's day, which may have moved.
        index.index_forward_plan(instance.forward_plan_entries.values_list("pk", flat=True))


def _minutes(sender, instance, raw=False, **kwargs):
    if not raw:
        index.index_items(AgendaItem.objects.filter(meeting_id=instance.meeting_id).values_list("pk", flat=True))


def _item_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    index.index_items([instance.pk])
    # Whether the public sees a paper depends on its item too.
    index.index_papers(Paper.objects.filter(item=instance).values_list("pk", flat=True))


def _item_deleted(sender, instance, **kwargs):
    # Its entries went with it (Entry.item); its papers, now on no item, are read again.
    index.index_papers(Paper.objects.filter(meeting_id=instance.meeting_id, item=None).values_list("pk", flat=True))


def _paper(sender, instance, raw=False, **kwargs):
    if not raw:
        index.index_papers([instance.pk])


def _paper_version(sender, instance, raw=False, **kwargs):
    if not raw:
        index.index_papers([instance.paper_id])


def _of_item(sender, instance, raw=False, **kwargs):
    """A decision or an action: its item's minutes entry."""
    if not raw:
        index.index_items([instance.item_id])


def _owners(sender, instance, action, reverse, model, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        index.index_items([instance.item_id])
    elif pk_set:
        index.index_items(Action.objects.filter(pk__in=pk_set).values_list("item_id", flat=True))


def _body(sender, instance, raw=False, **kwargs):
    if not raw:
        index.index_bodies([instance.pk])
        # The body's name is in the context of its forward plan entries.
        index.index_forward_plan(instance.forward_plan.values_list("pk", flat=True))


def _forward_plan_entry(sender, instance, raw=False, **kwargs):
    if not raw:
        index.index_forward_plan([instance.pk])


def _organisation(sender, instance, raw=False, **kwargs):
    if not raw:
        index.index_organisations([instance.pk])


def _person(sender, instance, raw=False, **kwargs):
    if raw:
        return
    index.index_people([instance.pk])
    # Their name is in the titles of their register entries.
    index.index_interests(Interest.objects.filter(person=instance).values_list("pk", flat=True))
    index.index_gifts(Gift.objects.filter(person=instance).values_list("pk", flat=True))


def _interest(sender, instance, raw=False, **kwargs):
    if not raw:
        index.index_interests([instance.pk])


def _gift(sender, instance, raw=False, **kwargs):
    if not raw:
        index.index_gifts([instance.pk])


def _gifts_settings(sender, instance, raw=False, **kwargs):
    # The threshold decides which entries the public register shows.
    if not raw:
        index.index_all_gifts()


def _agreement(sender, instance, raw=False, **kwargs):
    if not raw:
        index.index_versions(instance.versions.values_list("pk", flat=True))


def _version(sender, instance, raw=False, **kwargs):
    if not raw:
        index.index_versions([instance.pk])


def _clause(sender, instance, raw=False, **kwargs):
    if not raw:
        index.index_clauses([instance.pk])


def _leaving(sender, instance, **kwargs):
    index.leaving(sender, instance.pk)


def _left(sender, instance, **kwargs):
    index.left(sender, instance.pk)


def _forget(sender, instance, **kwargs):
    index.forget(sender, instance.pk)


def _rows_changed(sender, **kwargs):
    if sender is Clause:
        index.index_drafts()


# (model, on save, on delete); a deletion's entries also go with the row through Entry's foreign keys.
RECEIVERS = [
    (Meeting, _meeting, None),
    (Minutes, _minutes, _minutes),
    (AgendaItem, _item_saved, _item_deleted),
    (Paper, _paper, None),
    (PaperVersion, _paper_version, _paper_version),
    (Decision, _of_item, _of_item),
    (Action, _of_item, _of_item),
    (Body, _body, _forget),
    (Organisation, _organisation, _forget),
    (Person, _person, _forget),
    (Interest, _interest, _forget),
    (Gift, _gift, _forget),
    (GiftsSettings, _gifts_settings, _gifts_settings),
    (Agreement, _agreement, None),
    (AgreementVersion, _version, None),
    (Clause, _clause, _forget),
    (ForwardPlanEntry, _forward_plan_entry, _forget),
]


def connect() -> None:
    """Connect the receivers (SearchConfig.ready())."""
    for model, saved, deleted in RECEIVERS:
        uid = f"search:{model._meta.label}"
        post_save.connect(saved, sender=model, dispatch_uid=uid)
        if deleted is not None:
            post_delete.connect(deleted, sender=model, dispatch_uid=uid)
    for model in (Meeting, AgendaItem, Paper):
        pre_delete.connect(_leaving, sender=model, dispatch_uid=f"search:leaving:{model._meta.label}")
        post_delete.connect(_left, sender=model, dispatch_uid=f"search:left:{model._meta.label}")
    m2m_changed.connect(_owners, sender=Action.owners.through, dispatch_uid="search:action-owners")
    rows_changed.connect(_rows_changed, dispatch_uid="search:rows-changed")
