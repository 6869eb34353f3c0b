"""The permission matrix: every URL pattern's expected answers, and sample objects to fill its routes.

tests/test_permission_matrix.py checks the answers; tests/test_hostile_input.py
walks the same pages. The `objects` fixture (tests/conftest.py) is `sample_objects(cast)`.
"""

import datetime
import importlib

from django.urls import URLPattern, URLResolver, get_resolver

from bodies.models import BodyLink, LinkKind
from tests.factories import OrganisationFactory, SeatFactory
from tests.matrix_helpers import (
    ADMIN_LOGIN,
    ADMIN_PAGE,
    LOGIN,
    MANAGE_BUTTON,
    MANAGE_FORM,
    MANAGE_PAGE,
    PUBLIC_PAGE,
    REDIRECT,
    everyone,
    signed_in,
)

# Each area of a later issue keeps its rows in its own module: ENTRIES (URL
# name -> expected answers) and sample_args(cast) (URL name -> {route
# parameter: value}), so that the areas can grow apart.
AREA_MODULES = [
    "tests.meetings.matrix_calendar",
    "tests.meetings.matrix_agenda",
    "tests.meetings.matrix_minutes",
    "tests.meetings.matrix_attendance_figures",
    "tests.meetings.matrix_replies",
    "tests.meetings.matrix_my_calendar",
    "tests.meetings.matrix_decisions",
    "tests.meetings.matrix_votes",
    "tests.declarations.matrix_interests",
    "tests.declarations.matrix_rulings",
    "tests.declarations.matrix_gifts",
    "tests.agreements.matrix_agreements",
    "tests.notifications.matrix_notifications",
    "tests.bodies.matrix_statements",
    "tests.following.matrix_following",
    "tests.api.matrix_api",
    "tests.risks.matrix_risks",
    "tests.bodies.matrix_balance",
    "tests.performance.matrix_performance",
    "tests.partnership.matrix_security",
    "tests.partnership.matrix_sessions",
]
AREAS = [importlib.import_module(name) for name in AREA_MODULES]

MATRIX = {
    "home": PUBLIC_PAGE,
    "body_list": PUBLIC_PAGE,
    "body_detail": PUBLIC_PAGE,
    "framework": PUBLIC_PAGE,
    "framework_svg": PUBLIC_PAGE,
    "organisation_list": PUBLIC_PAGE,
    "organisation_detail": PUBLIC_PAGE,
    "healthz": PUBLIC_PAGE,
    "livez": PUBLIC_PAGE,
    "search": PUBLIC_PAGE,
    "body_terms_edit": {
        "GET": {**signed_in(404), "chair": 200, "secretariat": 200},
        # Empty terms of reference are allowed: the form saves and returns to the body.
        "POST": {**signed_in(404), "chair": REDIRECT, "secretariat": REDIRECT},
    },
    "account": {"GET": signed_in(200), "POST": signed_in(405)},
    "login": {"GET": {**everyone(REDIRECT), "anonymous": 200}, "POST": {**everyone(REDIRECT), "anonymous": 200}},
    "logout": {"GET": everyone(405), "POST": everyone(REDIRECT)},
    "password_reset": {"GET": everyone(200), "POST": everyone(200)},
    "password_reset_done": {"GET": everyone(200), "POST": everyone(405)},
    # An invalid link renders a page that says so.
    "password_reset_confirm": {"GET": everyone(200), "POST": everyone(200)},
    "password_reset_complete": {"GET": everyone(200), "POST": everyone(405)},
    "accept_invitation": {"GET": everyone(404), "POST": everyone(404)},
    "manage:dashboard": MANAGE_PAGE,
    "manage:organisation_list": MANAGE_PAGE,
    "manage:organisation_create": MANAGE_FORM,
    "manage:organisation_edit": MANAGE_FORM,
    "manage:organisation_withdraw": MANAGE_FORM,
    "manage:person_list": MANAGE_PAGE,
    "manage:person_create": MANAGE_FORM,
    "manage:person_detail": MANAGE_PAGE,
    "manage:person_edit": MANAGE_FORM,
    "manage:person_invite": MANAGE_BUTTON,
    "manage:body_create": MANAGE_FORM,
    "manage:body_edit": MANAGE_FORM,
    "manage:body_change": MANAGE_FORM,
    "manage:link_create": MANAGE_FORM,
    "manage:link_end": MANAGE_BUTTON,
    "manage:seat_create": MANAGE_FORM,
    "manage:seat_end": MANAGE_BUTTON,
    "manage:membership_create": MANAGE_FORM,
    "manage:membership_edit": MANAGE_FORM,
    "manage:membership_end": MANAGE_FORM,
    "manage:membership_review": MANAGE_BUTTON,
    "manage:reviews_due": MANAGE_PAGE,
    "manage:history": MANAGE_PAGE,
}
for _area in AREAS:
    MATRIX.update(_area.ENTRIES)

# The Django admin, for power users who are staff; nobody in the cast is.
ADMIN_NAMES_WITHOUT_LOGIN = {"admin:login": {"GET": everyone(200), "POST": everyone(200)}}


def url_patterns(resolver=None, prefix="", namespace=""):
    """Yield (qualified name, route) for every named pattern of the project."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace or ""
            qualified = f"{namespace}{ns}:" if ns else namespace
            yield from url_patterns(pattern, route, qualified)
        elif isinstance(pattern, URLPattern):
            yield (f"{namespace}{pattern.name}" if pattern.name else route), route


def expected_for(name):
    if name in MATRIX:
        return MATRIX[name]
    if name in ADMIN_NAMES_WITHOUT_LOGIN:
        return ADMIN_NAMES_WITHOUT_LOGIN[name]
    # The admin's unnamed patterns (old-style object URLs that redirect) are named by their route.
    if name.startswith(("admin:", "admin/")):
        # The admin sends non-staff away from its logout to its index; every other admin page to its login.
        if name == "admin:logout":
            return {"GET": everyone(REDIRECT), "POST": everyone(REDIRECT)}
        return ADMIN_PAGE
    return None


def sample_objects(cast):
    """Create the objects the routes need; return their keys by URL name (the `objects` fixture)."""
    organisation = OrganisationFactory(slug="cheshire-police", name="Cheshire Police")
    link = BodyLink.objects.create(
        from_body=cast.forum, to_body=cast.board, kind=LinkKind.CHAIR_SITS_ON, start=datetime.date(2009, 4, 1)
    )
    seat = SeatFactory(body=cast.board, organisation=organisation)
    args = {}
    for area in AREAS:
        args.update(area.sample_args(cast))
    return {
        "args": args,
        "slug": {
            "body_detail": cast.board.slug,
            "body_terms_edit": cast.board.slug,
            "organisation_detail": organisation.slug,
            "manage:organisation_edit": organisation.slug,
            "manage:organisation_withdraw": organisation.slug,
            "manage:body_edit": cast.board.slug,
            "manage:body_change": cast.board.slug,
            "manage:link_create": cast.board.slug,
            "manage:seat_create": cast.board.slug,
            "manage:membership_create": cast.board.slug,
        },
        "pk": {
            "manage:person_detail": cast.member.person.pk,
            "manage:person_edit": cast.member.person.pk,
            "manage:person_invite": cast.stranger.person.pk,
            "manage:link_end": link.pk,
            "manage:seat_end": seat.pk,
            "manage:membership_edit": cast.member_membership.pk,
            "manage:membership_end": cast.member_membership.pk,
            "manage:membership_review": cast.member_membership.pk,
        },
    }


def build_path(name, route, objects):
    """Fill the route's parameters with real objects' keys (or harmless values)."""
    values = {
        "<slug:change>": "end",
        "<slug:kind>": "body",
        "<str:key>": objects["slug"].get("body_detail"),
        "<uidb64>": "MQ",
        "<token>": "not-a-token",
        "<str:token>": "not-a-token",
        "<path:object_id>": "1",
        "<int:content_type_id>": "1",
        "<path:content_type_id>": "1",
        "<object_pk>": "1",
        "(?P<url>.*)": "x",
        "<user_id>": "1",
        "<group_id>": "1",
        "<path:url>": "x",
        "<slug:app_label>": "partnership",
    }
    path = "/" + route
    for key, value in objects["args"].get(name, {}).items():
        path = path.replace(key, str(value))
    for key, value in values.items():
        path = path.replace(key, value)
    if "<slug:slug>" in path:
        path = path.replace("<slug:slug>", objects["slug"][name])
    if "<int:pk>" in path:
        path = path.replace("<int:pk>", str(objects["pk"][name]))
    # The admin's regular-expression routes, e.g. ^(?P<app_label>partnership|bodies)/$
    if path.startswith("/admin/"):
        path = path.replace("^", "").replace("$", "")
        if "(?P<app_label>" in path:
            path = "/admin/partnership/"
    assert "<" not in path, f"no sample value for a parameter of {name}: {path}"
    return path


def outcome(response):
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith("/admin/login/"):
            return ADMIN_LOGIN
        if location.startswith("/accounts/login/"):
            return LOGIN
        return REDIRECT
    return response.status_code
