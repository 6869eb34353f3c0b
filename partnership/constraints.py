"""Database constraints that only PostgreSQL can enforce."""

from django.contrib.postgres.constraints import ExclusionConstraint


class PostgresExclusionConstraint(ExclusionConstraint):
    """An exclusion constraint created on PostgreSQL and skipped elsewhere.

    SQLite has no exclusion constraints; there the model's clean() gives the
    same answer with a clear form error. validate() is left to clean() on
    every database so a form shows one message, not two.
    """

    def constraint_sql(self, model, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return None
        return super().constraint_sql(model, schema_editor)

    def create_sql(self, model, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return None
        return super().create_sql(model, schema_editor)

    def remove_sql(self, model, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return None
        return super().remove_sql(model, schema_editor)

    def validate(self, model, instance, exclude=None, using=None):
        return None
