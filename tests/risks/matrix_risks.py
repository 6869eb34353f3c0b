"""Permission matrix rows for the risk register (merged by tests/matrix.py).

The register is for signed-in people only: the public is sent to sign in. The secretariat
manages every risk; the chair of the owner body manages its risks.
"""

from tests.matrix_helpers import CAST, LOGIN, signed_in
from tests.risks.helpers import make_risk


def only(answers, otherwise=404):
    """Signed-in users outside `answers` get `otherwise`; anonymous users sign in."""
    return {**dict.fromkeys(CAST, otherwise), "anonymous": LOGIN, **answers}


READ = {"GET": signed_in(200), "POST": signed_in(405)}
# An empty form is refused with its errors.
MANAGE = {"GET": only({"chair": 200, "secretariat": 200}), "POST": only({"chair": 400, "secretariat": 400})}

ENTRIES = {
    "risk_register": READ,
    "risk_detail": READ,
    "risk_history": READ,
    "risk_create": MANAGE,
    "risk_edit": MANAGE,
}


def sample_args(cast):
    """A risk of the Partnership Board, which the cast's chair chairs."""
    risk = make_risk(cast)
    this = {"<int:pk>": risk.pk}
    return {"risk_detail": this, "risk_history": this, "risk_edit": this}
