"""Signals of the base, which any app may listen to (the base imports no app)."""

from django.dispatch import Signal

# Sent with sender=<model> for a write that sends no post_save or post_delete (QuerySet.update,
# bulk_create, bulk_update): public_cache.changed(Model), which every such write calls, sends it,
# so whatever derives from the rows (the search index) hears of those writes too.
rows_changed = Signal()
