"""On PostgreSQL, refuse in the database itself any change to a signature or an entry of the signing log.

As in 0002, the messages are built by concatenation, not RAISE's % placeholders,
which the database driver would read as its own. A signature is also checked
against its version: only an adopted version can be signed, and the hash
recorded must be the version's stored hash. The models refuse all this already
(agreements.models); the triggers catch raw SQL. Elsewhere the migration does nothing.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION agreements_refuse_append_only_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION USING MESSAGE = TG_TABLE_NAME || ' row ' || OLD.id || ' is kept as it was written and cannot be changed or deleted',
        ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER agreements_signature_append_only
    BEFORE UPDATE OR DELETE ON agreements_signature
    FOR EACH ROW EXECUTE FUNCTION agreements_refuse_append_only_change();

CREATE TRIGGER agreements_signingevent_append_only
    BEFORE UPDATE OR DELETE ON agreements_signingevent
    FOR EACH ROW EXECUTE FUNCTION agreements_refuse_append_only_change();

CREATE OR REPLACE FUNCTION agreements_check_signature() RETURNS trigger AS $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM agreements_agreementversion v
        WHERE v.id = NEW.version_id AND v.status = 'adopted' AND v.sha256 = NEW.content_sha256
    ) THEN
        RAISE EXCEPTION USING MESSAGE = 'Version ' || NEW.version_id || ' is not in force, or its hash is not ' || NEW.content_sha256,
            ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER agreements_signature_checked
    BEFORE INSERT ON agreements_signature
    FOR EACH ROW EXECUTE FUNCTION agreements_check_signature();
"""

DROP = """
DROP TRIGGER IF EXISTS agreements_signature_checked ON agreements_signature;
DROP FUNCTION IF EXISTS agreements_check_signature();
DROP TRIGGER IF EXISTS agreements_signingevent_append_only ON agreements_signingevent;
DROP TRIGGER IF EXISTS agreements_signature_append_only ON agreements_signature;
DROP FUNCTION IF EXISTS agreements_refuse_append_only_change();
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("agreements", "0003_signing")]

    operations = [migrations.RunPython(create, drop)]
