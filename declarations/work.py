"""The registers' part of a person's work (partnership.work): declarations to rule on, their register to confirm.

Registered in DeclarationsConfig.ready(). Each provider asks the app's own
policies who the work is for, in the same few queries whatever the number of
declarations or entries.
"""

from django.urls import reverse

from bodies.policies import roles_by_body
from declarations.models import REGISTER_ROLES, RegisterConfirmation
from declarations.policies.rulings import chaired_body_ids, declarations_rulable_by
from partnership.models import person_of
from partnership.policies import is_secretariat
from partnership.work import WorkItem, counted


def declarations_to_rule_on(user) -> list[WorkItem]:
    """Declarations awaiting the ruling of a body the user chairs (Agreement 11.1.4); every body's for the secretariat.

    Only for those the awaiting-ruling page is for: anyone else gets no entry, and no link to a page that would
    answer 404.
    """
    secretariat = is_secretariat(user)
    if not secretariat and not chaired_body_ids(user):
        return []
    count = declarations_rulable_by(user).filter(ruling__isnull=True).count()
    return [
        WorkItem(
            key="declarations.to_rule_on",
            label="Declarations of interest awaiting a ruling",
            count=count,
            url=reverse("declarations_awaiting_ruling"),
            count_text=counted(count, "declaration") + " to rule on",
            link_text="Rule on the declarations",
            hint=(
                "Record each body's ruling (Agreement 11.1.4)."
                if secretariat
                else "Declared in the bodies you chair, other than your own (Agreement 11.1.4)."
            ),
        )
    ]


def register_to_confirm(user) -> list[WorkItem]:
    """The yearly confirmation of the user's register of interests (Agreement 11.4.5), for today's members."""
    person = person_of(user)
    # Those the yearly reminder is for: members (and named reserves) of a body today.
    if person is None or not any(roles & set(REGISTER_ROLES) for roles in roles_by_body(user).values()):
        return []
    due = RegisterConfirmation.objects.is_due(person)
    return [
        WorkItem(
            key="declarations.register_to_confirm",
            label="Your register of interests to confirm this year",
            count=1 if due else 0,
            url=reverse("interests_mine"),
            count_text="1 register, yours, due for its yearly check" if due else "Confirmed in the last year",
            link_text="Check and confirm your register",
            hint="Record any change of circumstance, then confirm it is up to date (Agreement 11.4.5)." if due else "",
        )
    ]
