"""Who may do what with performance indicators.

- The public reads indicators, their targets and published values.
- Values are entered, and drafts read, by the people of the reporting
  organisation (a Person whose organisation is the indicator's reporter,
  signed in) and by the secretariat. We chose the organisation, not a current
  membership of the owning body, because the figures come from a partner's
  performance officers, who rarely sit on the theme partnership.
- The secretariat sets up indicators and targets, publishes values and puts
  exception reports on the board's agenda.

Each rule has a queryset twin beside it; a test checks that the two agree.
"""

from partnership.models import person_of
from partnership.policies import is_secretariat, rule
from performance.models import Indicator


def _organisation_id(user):
    person = person_of(user)
    return person.organisation_id if person is not None else None


@rule("performance.enter_value")
def can_enter_value(user, indicator):
    """The secretariat, and the people of the organisation that reports the indicator."""
    if is_secretariat(user):
        return True
    if indicator is None or not user.is_authenticated:
        return False
    organisation_id = _organisation_id(user)
    return organisation_id is not None and organisation_id == indicator.reporter_id


def indicators_enterable_by(user):
    if is_secretariat(user):
        return Indicator.objects.all()
    organisation_id = _organisation_id(user) if user is not None and user.is_authenticated else None
    if organisation_id is None:
        return Indicator.objects.none()
    return Indicator.objects.filter(reporter_id=organisation_id)


@rule("performance.manage")
def can_manage(user, obj=None):
    """The secretariat sets up indicators and targets, publishes values and reports exceptions."""
    return is_secretariat(user)
