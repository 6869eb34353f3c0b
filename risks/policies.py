"""Who reads the risk register and who manages which risks.

The register is internal to the partnership: every signed-in person reads it
(accounts exist only by the secretariat's invitation), the public does not.
The secretariat manages every risk; the chair or vice chair of a body today
manages the risks its body owns, and adds risks for it. Each rule has its
queryset twin beside it; a test checks that they agree.
"""

from django.http import Http404

from bodies.models import Body, Membership
from bodies.policies import CHAIRING_ROLES, roles_by_body
from partnership.policies import is_secretariat, rule
from risks.models import Risk


@rule("risks.view_risk")
def can_view_risk(user, risk=None) -> bool:
    """Every signed-in, active login; never the public."""
    return bool(user is not None and user.is_authenticated and user.is_active)


def risks_visible_to(user, queryset=None):
    """The queryset twin of risks.view_risk."""
    queryset = Risk.objects.all() if queryset is None else queryset
    return queryset if can_view_risk(user) else queryset.none()


def _chaired_body_ids(user) -> set[int]:
    return {body_id for body_id, roles in roles_by_body(user).items() if roles & set(CHAIRING_ROLES)}


@rule("risks.manage_risk")
def can_manage_risk(user, risk) -> bool:
    """The secretariat, and the chair or vice chair today of the body that owns the risk."""
    if is_secretariat(user):
        return True
    if risk is None or user is None or not user.is_authenticated:
        return False
    return risk.owner_body_id in _chaired_body_ids(user)


def risks_manageable_by(user, queryset=None):
    """The queryset twin of risks.manage_risk."""
    queryset = Risk.objects.all() if queryset is None else queryset
    if is_secretariat(user):
        return queryset
    if user is None or not user.is_authenticated:
        return queryset.none()
    chaired = Membership.objects.current().of_user(user).filter(role__in=CHAIRING_ROLES).values("body_id")
    return queryset.filter(owner_body_id__in=chaired)


@rule("risks.add_risk")
def can_add_risk_for(user, body) -> bool:
    """The secretariat for any body; a chair or vice chair for the bodies they chair today."""
    if is_secretariat(user):
        return True
    if body is None or user is None or not user.is_authenticated:
        return False
    return body.pk in _chaired_body_ids(user)


def bodies_for_new_risks(user):
    """The queryset twin of risks.add_risk: the bodies `user` may add a risk for (existing today)."""
    bodies = Body.objects.current()
    if is_secretariat(user):
        return bodies
    if user is None or not user.is_authenticated:
        return bodies.none()
    chaired = Membership.objects.current().of_user(user).filter(role__in=CHAIRING_ROLES).values("body_id")
    return bodies.filter(pk__in=chaired)


def get_risk_for(user, pk, perm=None) -> Risk:
    """The risk, if `user` may see it (and holds `perm` on it); the same 404 otherwise."""
    risk = risks_visible_to(user, Risk.objects.select_related("owner_body", "owner")).filter(pk=pk).first()
    if risk is None or (perm and not user.has_perm(perm, risk)):
        raise Http404("No risk matches the given query.")
    return risk
