"""Notifications moved to an app of their own (notifications 0001): only Django's state changes here."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('partnership', '0002_notifications'),
        ('notifications', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name='NotificationPreference'),
                migrations.DeleteModel(name='Notification'),
            ],
            database_operations=[],
        ),
    ]
