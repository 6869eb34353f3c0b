"""The Atom feed of newly published minutes: built from the public rendition only."""

from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from meetings.minutes_text import item_queryset, public_summary
from meetings.models import Minutes
from partnership.dates import british_date

FEED_SIZE = 20


class MinutesFeed(Feed):
    feed_type = Atom1Feed
    title = "Newly published minutes"
    subtitle = "Minutes of the partnership's meetings, as they are published. Confidential items are withheld."

    def link(self):
        return reverse("home")

    def feed_url(self):
        return reverse("minutes_feed")

    def items(self):
        # The public rendition needs the items and their decisions: prefetched for all twenty at once.
        items = Prefetch("meeting__items", queryset=item_queryset(), to_attr="minuted_items")
        return list(
            Minutes.objects.filter(published_at__isnull=False)
            .select_related("meeting__body")
            .prefetch_related(items)
            .order_by("-published_at", "-pk")[:FEED_SIZE]
        )

    def item_title(self, minutes):
        meeting = minutes.meeting
        return f"Minutes of the {meeting.body.name}, {british_date(timezone.localdate(meeting.starts_at))}"

    def item_link(self, minutes):
        return minutes.get_absolute_url()

    def item_description(self, minutes):
        meeting = minutes.meeting
        summary = public_summary(meeting, meeting.minuted_items)
        if meeting.is_entered_afterwards:
            entered = british_date(timezone.localdate(meeting.entered_afterwards_at))
            return f"Entered on {entered} from the paper record, after the meeting took place. {summary}"
        return summary

    def item_pubdate(self, minutes):
        return minutes.published_at

    def item_updateddate(self, minutes):
        return minutes.published_at
