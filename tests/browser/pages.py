"""Small helpers the browser journeys share: go to a page and check it, read what it shows."""

import datetime
from urllib.parse import urlsplit

from bodies.models import Role
from tests.factories import MembershipFactory, OrganisationFactory, PersonFactory


def path_of(page):
    return urlsplit(page.url).path


def texts(locator):
    """The inner text of each element, trimmed."""
    return [text.strip() for text in locator.all_inner_texts()]


def flat_texts(locator):
    """The inner text of each element, with every run of white space made one space."""
    return [" ".join(text.split()) for text in locator.all_inner_texts()]


def visit(page, axe, path, status=200):
    """Open `path`, check it answered `status` and passes axe; return the response."""
    response = page.goto(path)
    assert response.status == status, f"{path} answered {response.status}"
    axe(page)
    return response


def follow(page, axe, locator):
    """Follow a link or press a button that loads a new page, then check that page."""
    with page.expect_navigation():
        locator.click()
    axe(page)


def heading(page):
    return page.get_by_role("heading", level=1)


def banner(page):
    return page.locator(".govuk-notification-banner__heading")


def error_summary(page):
    return texts(page.locator(".govuk-error-summary__list li"))


def fill_date(scope, legend, day, *, exact=False):
    """Type a date (a date or YYYY-MM-DD) into the GOV.UK date input whose legend is `legend`, box by box."""
    if isinstance(day, str):
        day = datetime.date.fromisoformat(day)
    group = scope.get_by_role("group", name=legend, exact=exact)
    for label, value in (("Day", day.day), ("Month", day.month), ("Year", day.year)):
        group.get_by_label(label, exact=True).fill(str(value))


def sign_out(page):
    with page.expect_navigation():
        page.get_by_role("button", name="Sign out").click()


def board_with_a_named_reserve(cast):
    """The cast's board with quorum 3: Chris (chair), Mel for Cheshire Constabulary with Pat Price as named reserve,
    and Tim Jackson."""
    police = OrganisationFactory(name="Cheshire Constabulary", slug="police")
    cast.board.quorum = 3
    cast.board.save()
    cast.member_membership.organisation = police
    cast.member_membership.save()
    MembershipFactory(person=PersonFactory(name="Tim Jackson"), body=cast.board)
    MembershipFactory(
        person=PersonFactory(name="Pat Price"),
        body=cast.board,
        role=Role.NAMED_RESERVE,
        reserve_for=cast.member_membership,
        organisation=police,
    )
