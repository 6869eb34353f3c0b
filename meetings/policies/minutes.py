"""Who reads draft minutes, and who signs approved ones."""

from django.db.models import Q

from bodies.policies import roles_by_body
from meetings.models import Meeting
from meetings.policies.roles import chaired_body_ids, chairs, is_member_of
from partnership.policies import is_secretariat, rule


@rule("meetings.view_draft_minutes")
def can_view_draft_minutes(user, meeting: Meeting):
    """Draft minutes: the body's members and the secretariat."""
    return is_secretariat(user) or (meeting is not None and is_member_of(user, meeting.body_id))


def meetings_with_draft_minutes_visible_to(user, queryset=None):
    """The queryset twin of meetings.view_draft_minutes."""
    queryset = Meeting.objects.all() if queryset is None else queryset
    if is_secretariat(user):
        return queryset
    return queryset.filter(body_id__in=list(roles_by_body(user)))


def meetings_with_minutes_visible_to(user, queryset=None):
    """The meetings whose minutes page `user` reads (meetings.views.minutes.meeting_minutes): published minutes for
    everyone, drafts as meetings.view_draft_minutes. Which items a reader sees in them is meetings.view_item."""
    queryset = Meeting.objects.all() if queryset is None else queryset
    published = Q(minutes__published_at__isnull=False)
    if is_secretariat(user):
        return queryset.filter(minutes__isnull=False)
    return queryset.filter(published | Q(minutes__isnull=False, body_id__in=list(roles_by_body(user))))


@rule("meetings.sign_minutes")
def can_sign_minutes(user, meeting: Meeting):
    """The chair (or vice chair) of the body signs its approved minutes."""
    return meeting is not None and chairs(user, meeting.body_id)


def meetings_signable_by(user, queryset=None):
    """The queryset twin of meetings.sign_minutes."""
    queryset = Meeting.objects.all() if queryset is None else queryset
    return queryset.filter(body_id__in=chaired_body_ids(user))
