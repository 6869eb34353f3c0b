"""Records written once and never changed or removed: signatures, signing logs, comments, corrections, declarations.

Three guards say the same thing: the model refuses a second save and any
delete, its querysets refuse update and delete, and on PostgreSQL a trigger
refuses UPDATE and DELETE in the database itself (raw SQL included). A
migration adds the trigger for its tables with `append_only_triggers(...)`.
"""

from django.core.exceptions import ValidationError
from django.db import migrations, models


class AppendOnly(ValidationError):
    """A change to a record that is kept as it was written: refused."""

    def __init__(self, message="This record is kept as it was written and cannot be changed or deleted."):
        super().__init__(message, code="append_only")


class AppendOnlyQuerySet(models.QuerySet):
    """Rows are added, never changed or removed."""

    def update(self, **kwargs):
        raise AppendOnly()

    update.alters_data = True

    def delete(self):
        raise AppendOnly()

    delete.alters_data = True
    delete.queryset_only = True


class AppendOnlyModel(models.Model):
    """A record written once. Use AppendOnlyQuerySet (or a subclass) as its manager, and the trigger in a migration."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # A second save of a stored row would rewrite what was recorded.
        if self.pk is not None and type(self)._base_manager.filter(pk=self.pk).exists():
            raise AppendOnly()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly()


# The message is built by concatenation, not RAISE's % placeholders, which the driver would read as its own.
_FUNCTION = """
CREATE OR REPLACE FUNCTION partnership_refuse_append_only_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION USING MESSAGE = TG_TABLE_NAME || ' row ' || OLD.id || ' is kept as it was written and cannot be changed or deleted',
        ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;
"""


def append_only_triggers(*tables: str) -> migrations.RunPython:
    """A migration operation: on PostgreSQL, refuse UPDATE and DELETE on `tables`; elsewhere nothing."""

    def create(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute(_FUNCTION)
        for table in tables:
            schema_editor.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION partnership_refuse_append_only_change();"
            )

    def drop(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for table in tables:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table};")

    return migrations.RunPython(create, drop)
