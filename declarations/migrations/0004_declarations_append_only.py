# The records kept as they were written: declarations, disbarments and register confirmations.
# On PostgreSQL a trigger refuses UPDATE and DELETE on their tables; elsewhere the models and querysets refuse.

from django.db import migrations

from partnership.append_only import append_only_triggers


class Migration(migrations.Migration):

    dependencies = [
        ("declarations", "0003_dispute_history_reinstatement"),
    ]

    operations = [
        append_only_triggers(
            "declarations_declaration",
            "declarations_disbarment",
            "declarations_registerconfirmation",
        ),
    ]
