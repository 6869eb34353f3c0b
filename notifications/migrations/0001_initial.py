"""Notifications become an app of their own: the models move here, the tables keep their names.

The tables were made by partnership's 0002_notifications; this takes them over in
Django's state only, and moves their content types (and so any permission) along.
"""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


def move_content_types(apps, schema_editor, source="partnership", target="notifications"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in ("notification", "notificationpreference"):
        if not ContentType.objects.filter(app_label=target, model=model).exists():
            ContentType.objects.filter(app_label=source, model=model).update(app_label=target)


def move_content_types_back(apps, schema_editor):
    move_content_types(apps, schema_editor, source="notifications", target="partnership")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('partnership', '0002_notifications'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Notification',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(max_length=40)),
                        ('key', models.CharField(max_length=200, unique=True)),
                        ('subject', models.CharField(max_length=300)),
                        ('body', models.TextField()),
                        ('url', models.CharField(blank=True, max_length=300)),
                        ('due_at', models.DateTimeField(db_index=True)),
                        ('delivery', models.CharField(choices=[('email', 'An email at once'), ('digest', 'A daily digest email'), ('in_app', 'Only in the list on this site')], default='email', max_length=10)),
                        ('status', models.CharField(choices=[('pending', 'Pending'), ('sending', 'Sending'), ('sent', 'Sent'), ('failed', 'Failed'), ('cancelled', 'Cancelled')], db_index=True, default='pending', max_length=10)),
                        ('attempts', models.PositiveSmallIntegerField(default=0)),
                        ('last_error', models.TextField(blank=True)),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                        ('claimed_at', models.DateTimeField(blank=True, null=True)),
                        ('sent_at', models.DateTimeField(blank=True, null=True)),
                        ('cancelled_at', models.DateTimeField(blank=True, null=True)),
                        ('cancel_reason', models.CharField(blank=True, max_length=300)),
                        ('read_at', models.DateTimeField(blank=True, null=True)),
                        ('recipient', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='notifications', to='partnership.person')),
                    ],
                    options={
                        'db_table': 'partnership_notification',
                        'ordering': ['-due_at', '-pk'],
                        'indexes': [models.Index(fields=['status', 'delivery', 'due_at'], name='notification_due')],
                        'constraints': [models.CheckConstraint(condition=models.Q(models.Q(('status', 'sent'), _negated=True), ('sent_at__isnull', False), _connector='OR'), name='notification_sent_has_time')],
                    },
                ),
                migrations.CreateModel(
                    name='NotificationPreference',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(max_length=40)),
                        ('delivery', models.CharField(choices=[('email', 'An email at once'), ('digest', 'A daily digest email'), ('in_app', 'Only in the list on this site')], max_length=10)),
                        ('changed_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='notification_preferences', to='partnership.person')),
                    ],
                    options={
                        'db_table': 'partnership_notificationpreference',
                        'constraints': [models.UniqueConstraint(fields=('person', 'kind'), name='notification_preference_once_per_kind')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
