"""Load the demo partnership; running it again changes nothing."""

from django.core.management.base import BaseCommand, CommandError

from demo import agreements as demo_agreements
from demo import performance as demo_performance
from demo.framework import DemoConflict, load_demo
from meetings import reminders
from meetings.models import OPEN_ACTION_STATUSES, Action, Meeting
from notifications import planning as notifications
from notifications.models import Notification, NotificationStatus
from partnership.dates import today
from partnership.transactions import several_actions


def plan_demo_reminders() -> int:
    """Plan what the demo's coming business tells people, as the actions would have; planning twice adds nothing."""
    # One unit, like the demo's load: the planning steps the apps' actions would have taken.
    with several_actions():
        return _plan_demo_reminders()


def _plan_demo_reminders() -> int:
    for meeting in Meeting.objects.upcoming().select_related("body"):
        reminders.plan_meeting(meeting)
        if meeting.agenda_is_published:
            reminders.pack_published(meeting)
    for action in Action.objects.filter(status__in=OPEN_ACTION_STATUSES, due_on__gte=today()).select_related(
        "item__meeting__body"
    ):
        reminders.plan_action(action)
    notifications.run_daily_planners()
    return Notification.objects.filter(status=NotificationStatus.PENDING).count()


class Command(BaseCommand):
    help = "Load the demo partnership (West Cheshire Together, 2009-2011) with three demo logins. Safe to rerun."

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help="Do not print the demo logins.")

    def handle(self, *args, quiet=False, **options):
        try:
            result = load_demo()
        except DemoConflict as error:
            raise CommandError(str(error)) from error
        counts = ", ".join(f"{n} {what}" for what, n in result.counts.items())
        if result.loaded:
            self.stdout.write(self.style.SUCCESS(f"Loaded the demo partnership: {counts}."))
        else:
            self.stdout.write(f"The demo partnership is already loaded; nothing changed ({counts}).")
        for problem in result.problems:
            self.stderr.write(self.style.WARNING(problem))
        demo_agreements.load(self.stdout)
        demo_performance.load(self.stdout)
        planned = plan_demo_reminders()
        self.stdout.write(f"Reminders and notifications waiting to be sent: {planned}.")
        if quiet:
            return
        self.stdout.write("")
        self.stdout.write(
            self.style.WARNING("DEMO LOGINS - for a local demo only; never load the demo on a live site:")
        )
        for email, password, role in result.logins:
            self.stdout.write(f"  {email:<32} {password:<24} {role}")
