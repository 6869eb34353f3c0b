"""Reporting by exception: the owning body's off-track indicators go to the LSP board's next meeting.

The secretariat's one step adds an agenda item and a paper drafted from the data,
its cover sheet filled in, through the meetings app's own actions
(`meetings.actions.agenda.add_item` and `add_paper`), so the agenda's rules
(an open agenda, its numbering, its reminders) hold. Both run as one unit
(`partnership.transactions.several_actions`): the item never stands without its
paper. The paper is then the secretariat's to edit like any other.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from bodies.models import Body
from bodies.queries import partnership_board
from meetings.actions import agenda
from meetings.models import REPLYING_STATUSES, ItemKind, Meeting, Paper
from partnership.dates import british_date, today
from partnership.models import User
from partnership.policies import is_secretariat
from partnership.transactions import several_actions
from performance import charts, queries


def lsp_board() -> Body | None:
    """The board exception reports go to: the LSP's board (bodies.queries.partnership_board)."""
    return partnership_board()


def next_meeting(board: Body | None) -> Meeting | None:
    if board is None:
        return None
    return board.meetings.upcoming().filter(status__in=REPLYING_STATUSES).order_by("starts_at").first()


def draft_text(body: Body, indicators) -> str:
    """The paper's text, from the published data: each off-track indicator's latest figure against its target."""
    lines = [
        f"Exception report: {body.name}",
        "",
        f"As at {british_date(today())}, {len(indicators)} of the indicators {body.name} manages "
        f"{'is' if len(indicators) == 1 else 'are'} off track on the latest published figures. "
        "The board is asked to note them and the recovery the owning body proposes.",
        "",
    ]
    for indicator in indicators:
        reference = f" ({indicator.national_reference})" if indicator.national_reference else ""
        unit = indicator.unit
        lines += [
            f"{indicator.name}{reference}",
            f"- Latest figure: {charts.number(indicator.latest_value)} {unit} for {indicator.latest_label}, "
            f"against a target of {charts.number(indicator.latest_target)} {unit} "
            f"({indicator.get_polarity_display().lower()}; tolerance {charts.number(indicator.tolerance)}).",
            f"- Reported by {indicator.reporter.name}.",
            f"- Definition: {indicator.definition}",
            "",
        ]
    lines.append("The figures come from the partnership's performance pages, where each indicator's history is kept.")
    return "\n".join(lines)


def put_exceptions_on_agenda(body: Body, *, by: User) -> Paper:
    """Add an exception report on `body`'s off-track indicators to the LSP board's next meeting."""
    if not is_secretariat(by):
        raise PermissionDenied("Only the secretariat puts items on the board's agenda.")
    indicators = queries.off_track(body)
    if not indicators:
        raise ValidationError(f"No indicator of {body.name} is off track, so there is nothing to report.")
    board = lsp_board()
    meeting = next_meeting(board)
    if meeting is None:
        raise ValidationError("The partnership board has no meeting coming up: schedule one first.")
    title = f"Performance exception report: {body.name}"
    names = ", ".join(indicator.name for indicator in indicators)
    author = by.person.full_name if getattr(by, "person", None) else by.get_username()
    with several_actions():
        item = agenda.add_item(
            meeting,
            by=by,
            title=title,
            kind=ItemKind.DISCUSSION,
            presenter=f"Chair of {body.name}",
            description=f"Indicators off track: {names}.",
        )
        return agenda.add_paper(
            meeting,
            by=by,
            text=draft_text(body, indicators),
            # Only asked for when the pack has gone out and its deadline has passed.
            late_reason="An exception report drafted from the latest published figures.",
            item=item,
            title=title,
            description=f"The indicators {body.name} manages that are off track, reported by exception.",
            purpose="For discussion",
            circulation=f"Members of {board.name}",
            action_required="Note the indicators off track and agree what the partnership does about them.",
            author=author,
            publication_date=timezone.localdate(),
            target_audience=f"{board.name}, {body.name}",
            cross_reference="Agreement 14 (performance management)",
        )
