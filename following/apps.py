from django.apps import AppConfig


class FollowingConfig(AppConfig):
    name = "following"
    verbose_name = "Following a body by email"

    def ready(self):
        # Meetings says what happened to a meeting inside the action's unit; this app words it for the public.
        from bodies.signals import body_renamed
        from following import announcements
        from following.actions import follow_renamed_body, remove_expired
        from meetings import signals
        from notifications.planning import register_daily_planner

        signals.meeting_scheduled.connect(announcements.on_meeting_scheduled, dispatch_uid="following.scheduled")
        signals.meeting_moved.connect(announcements.on_meeting_moved, dispatch_uid="following.moved")
        signals.meeting_postponed.connect(announcements.on_meeting_postponed, dispatch_uid="following.postponed")
        signals.meeting_cancelled.connect(announcements.on_meeting_cancelled, dispatch_uid="following.cancelled")
        signals.pack_published.connect(announcements.on_pack_published, dispatch_uid="following.pack")
        signals.minutes_published.connect(announcements.on_minutes_published, dispatch_uid="following.minutes")
        body_renamed.connect(follow_renamed_body, dispatch_uid="following.renamed")
        # Requests never confirmed, and addresses left following nothing, are deleted (run hourly by the beat).
        register_daily_planner(remove_expired)
