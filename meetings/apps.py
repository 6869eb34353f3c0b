from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "meetings"

    def ready(self):
        # Register the app's rules with the permission backend, and its notification kinds.
        from meetings import reminders  # noqa: F401
        from meetings.models import (
            Action,
            AgendaItem,
            Attendance,
            Correction,
            Decision,
            ForwardPlanEntry,
            Meeting,
            MeetingReply,
            Minutes,
            Paper,
            PaperVersion,
            RecordedVote,
            SpecialMeetingRequest,
            StandingItem,
            Vote,
        )
        from meetings.policies import agenda, minutes, register, replies, requests, stats  # noqa: F401
        from partnership import public_cache

        # A change to any of them is a new generation of the pages that read them (partnership.public_cache).
        public_cache.watch("meetings", Meeting, StandingItem, AgendaItem, Paper, PaperVersion, SpecialMeetingRequest)
        # The forward plan: decisions the bodies expect to take at coming meetings.
        public_cache.watch("meetings", ForwardPlanEntry)
        public_cache.watch("minutes", Attendance, Decision, Action, Minutes, Correction)
        # Recorded votes on decisions: part of the minutes.
        public_cache.watch("minutes", RecordedVote, Vote)
        # Members' replies: shown to the member, the chair and the secretariat only (partnership.reader_cache).
        public_cache.watch("replies", MeetingReply, private=True)

        # The meetings' part of a person's work list (/account/), in the order it shows.
        from meetings import work as meetings_work
        from partnership import work

        work.register(meetings_work.coming_meetings)
        work.register(meetings_work.open_actions)
        work.register(meetings_work.minutes_to_sign)
