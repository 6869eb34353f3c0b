"""On PostgreSQL, refuse in the database itself any change to an adopted or superseded version.

The messages are built by concatenation, not RAISE's % placeholders, which the
database driver would read as its own. The models and querysets refuse it already (agreements.models); this catches
raw SQL and anything else that goes round the ORM. An adopted version may
still become superseded (status and superseded_on), and nothing else.
Elsewhere (SQLite, for development and tests) the migration does nothing.
"""

from django.db import migrations

LOCKED = "('adopted', 'superseded')"

CREATE = f"""
CREATE OR REPLACE FUNCTION agreements_refuse_locked_clause() RETURNS trigger AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND EXISTS (
        SELECT 1 FROM agreements_agreementversion v WHERE v.id = OLD.version_id AND v.status IN {LOCKED}
    ) THEN
        RAISE EXCEPTION USING MESSAGE = 'Clause ' || OLD.id || ' belongs to an adopted version of the agreement and cannot change',
            ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND EXISTS (
        SELECT 1 FROM agreements_agreementversion v WHERE v.id = NEW.version_id AND v.status IN {LOCKED}
    ) THEN
        RAISE EXCEPTION USING MESSAGE = 'Version ' || NEW.version_id || ' of the agreement is adopted: no clause can be added to it',
            ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER agreements_clause_locked
    BEFORE INSERT OR UPDATE OR DELETE ON agreements_clause
    FOR EACH ROW EXECUTE FUNCTION agreements_refuse_locked_clause();

CREATE OR REPLACE FUNCTION agreements_refuse_locked_version() RETURNS trigger AS $$
BEGIN
    IF OLD.status IN {LOCKED} THEN
        IF TG_OP = 'DELETE' THEN
            RAISE EXCEPTION USING MESSAGE = 'Version ' || OLD.id || ' of the agreement is adopted and is kept for ever',
                ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF (to_jsonb(NEW) - 'status' - 'superseded_on') IS DISTINCT FROM (to_jsonb(OLD) - 'status' - 'superseded_on')
            OR (NEW.status IS DISTINCT FROM OLD.status AND NEW.status <> 'superseded')
            OR (OLD.status = 'superseded' AND NEW.status <> 'superseded') THEN
            RAISE EXCEPTION USING MESSAGE = 'Version ' || OLD.id || ' of the agreement is adopted and cannot change',
                ERRCODE = 'integrity_constraint_violation';
        END IF;
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER agreements_version_locked
    BEFORE UPDATE OR DELETE ON agreements_agreementversion
    FOR EACH ROW EXECUTE FUNCTION agreements_refuse_locked_version();
"""

DROP = """
DROP TRIGGER IF EXISTS agreements_version_locked ON agreements_agreementversion;
DROP FUNCTION IF EXISTS agreements_refuse_locked_version();
DROP TRIGGER IF EXISTS agreements_clause_locked ON agreements_clause;
DROP FUNCTION IF EXISTS agreements_refuse_locked_clause();
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("agreements", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
