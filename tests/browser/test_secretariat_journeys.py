"""The journeys the secretariat, a chair and a member make through the site.

Everyone signs in through the real form. Every page visited, and every page a
form re-renders (with or without errors), is checked with axe-core.
"""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from bodies.models import Body, BodyChange, ChangeKind, LinkKind, Membership, Role
from partnership.dates import british_date
from partnership.models import Organisation, Person
from tests.browser.pages import banner, error_summary, fill_date, follow, heading, path_of, texts, visit
from tests.factories import BodyLinkFactory

pytestmark = pytest.mark.browser


def test_secretariat_adds_an_organisation_after_correcting_the_empty_form(page, axe, sign_in, cast):
    sign_in(page, cast.secretariat)
    follow(page, axe, page.get_by_role("navigation", name="Menu").get_by_role("link", name="Manage"))
    expect(heading(page)).to_have_text("Manage the partnership")
    assert texts(page.locator("main .govuk-grid-column-one-half > p")) == [
        "2 bodies today.",
        "0 memberships due for review.",
        "0 partner organisations today.",
        "5 people in the records.",
    ]

    follow(page, axe, page.get_by_role("link", name="Add an organisation"))
    expect(heading(page)).to_have_text("Add an organisation")
    follow(page, axe, page.get_by_role("button", name="Save"))
    expect(page).to_have_title("Error: Add an organisation – West Cheshire Together")
    assert error_summary(page) == ["Enter the name", "Enter the slug", "Choose the sector"]
    # Each error links to its field.
    assert [link.get_attribute("href") for link in page.locator(".govuk-error-summary__list a").all()] == [
        "#id_name",
        "#id_slug",
        "#id_sector",
    ]

    page.get_by_label("Name", exact=True).fill("Cheshire Fire and Rescue Service")
    page.get_by_label("Short name (optional)").fill("Cheshire Fire")
    page.get_by_label("Slug").fill("cheshire-fire")
    page.get_by_label("Sector").select_option(label="Public")
    page.get_by_label("Statutory partner authority").check()
    fill_date(page, "Partner from (optional)", "2009-04-01")
    follow(page, axe, page.get_by_role("button", name="Save"))

    assert path_of(page) == "/organisations/cheshire-fire/"
    expect(banner(page)).to_have_text("Cheshire Fire and Rescue Service was saved.")
    expect(heading(page)).to_have_text("Cheshire Fire and Rescue Service")
    assert texts(page.locator(".govuk-summary-list__value")) == [
        "Cheshire Fire",
        "Yes: it has a duty to co-operate",
        "1 April 2009",
    ]
    organisation = Organisation.objects.get(slug="cheshire-fire")
    assert (organisation.name, organisation.sector, organisation.is_partner_authority) == (
        "Cheshire Fire and Rescue Service",
        "public",
        True,
    )


def test_secretariat_adds_a_person_invites_them_and_seats_them_on_the_board(page, axe, sign_in, cast):
    assert mail.outbox == []
    sign_in(page, cast.secretariat)
    visit(page, axe, reverse("manage:dashboard"))
    follow(page, axe, page.get_by_role("link", name="Add a person"))
    expect(heading(page)).to_have_text("Add a person")
    page.get_by_label("Title (optional)", exact=True).fill("Cllr")
    page.get_by_label("Name", exact=True).fill("Nia Naylor")
    page.get_by_label("Email (optional)", exact=True).fill("Nia@Example.org")
    follow(page, axe, page.get_by_role("button", name="Save"))

    person = Person.objects.get(name="Nia Naylor")
    assert path_of(page) == f"/manage/people/{person.pk}/"
    expect(banner(page)).to_have_text("Cllr Nia Naylor was saved.")
    expect(heading(page)).to_have_text("Cllr Nia Naylor")

    follow(page, axe, page.get_by_role("button", name="Invite to create an account"))
    assert path_of(page) == f"/manage/people/{person.pk}/"
    expect(banner(page)).to_have_text("An invitation was sent to nia@example.org.")
    expect(page.get_by_role("button", name="Send the invitation again")).to_be_visible()
    assert [(message.to, message.subject) for message in mail.outbox] == [
        (["nia@example.org"], "Your account with West Cheshire Together")
    ]
    assert "/accounts/invitation/" in mail.outbox[0].body

    # As chair while Chris Carter is still chair: a clear error, and nothing saved.
    visit(page, axe, reverse("body_detail", args=["partnership-board"]))
    follow(page, axe, page.get_by_role("link", name="Add a member"))
    expect(heading(page)).to_have_text("Add a member")
    page.get_by_label("Person").select_option(label="Cllr Nia Naylor")
    page.get_by_label("Role").select_option(label="Chair")
    follow(page, axe, page.get_by_role("button", name="Save"))
    expect(page).to_have_title("Error: Add a member – West Cheshire Together")
    assert error_summary(page) == [
        "Partnership Board already has a chair in this period: Chris Carter from 1 April 2009."
    ]
    assert Membership.objects.filter(person=person).count() == 0

    page.get_by_label("Role").select_option(label="Member")
    follow(page, axe, page.get_by_role("button", name="Save"))
    assert path_of(page) == "/bodies/partnership-board/"
    expect(banner(page)).to_have_text("The membership of Cllr Nia Naylor was saved.")
    members = page.get_by_role("table", name="Members of Partnership Board")
    assert texts(members.locator("tbody td:first-child")) == ["Chris Carter", "Mel Morris", "Cllr Nia Naylor"]
    membership = Membership.objects.get(person=person)
    assert (membership.role, membership.start, membership.end) == (Role.MEMBER, timezone.localdate(), None)

    # The person's history: created, then invited, both by the officer.
    visit(page, axe, reverse("manage:person_detail", args=[person.pk]))
    follow(page, axe, page.get_by_role("link", name="See the history of changes"))
    assert path_of(page) == f"/manage/history/person/{person.pk}/"
    expect(heading(page)).to_have_text("Cllr Nia Naylor")
    titles = texts(page.locator(".govuk-summary-card__title"))
    assert [title.split(": ", 1)[1] for title in titles] == [
        "Changed by sam@example.org",
        "Created by sam@example.org",
    ]
    assert texts(page.locator(".govuk-summary-card").first.locator("dt")) == ["Invited at"]


def test_secretariat_ends_a_membership_and_records_a_review(page, axe, sign_in, cast):
    today = timezone.localdate()
    yesterday = today - datetime.timedelta(days=1)
    cast.chair_membership.review_due_on = datetime.date(2024, 1, 1)
    cast.chair_membership.save()
    BodyLinkFactory(from_body=cast.board, to_body=cast.forum, kind=LinkKind.CHAIR_SITS_ON)

    sign_in(page, cast.secretariat)
    visit(page, axe, reverse("body_detail", args=["partnership-board"]))
    # The small "End this link" button sits in the line of text and is a big enough target (WCAG 2.5.8).
    end_link = page.get_by_role("button", name="End this link to Chester Community Forum")
    box = end_link.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24, box
    line = page.get_by_role("listitem").filter(has=end_link)
    assert " ".join(line.inner_text().split()) == (
        "Partnership Board chair sits on Chester Community Forum End this link to Chester Community Forum"
    )
    assert line.bounding_box()["height"] < 2 * box["height"]
    follow(page, axe, page.get_by_role("link", name="End the membership of Mel Morris"))
    expect(heading(page)).to_have_text("End the membership of Mel Morris")
    fill_date(page, "Last day in the role", yesterday)
    page.get_by_label("Reason").fill("Moved to another post.")
    follow(page, axe, page.get_by_role("button", name="End the membership"))

    assert path_of(page) == "/bodies/partnership-board/"
    expect(banner(page)).to_have_text(f"The membership of Mel Morris ends on {british_date(yesterday)}.")
    members = page.get_by_role("table", name="Members of Partnership Board")
    assert texts(members.locator("tbody td:first-child")) == ["Chris Carter"]
    cast.member_membership.refresh_from_db()
    assert (cast.member_membership.end, cast.member_membership.end_reason) == (yesterday, "Moved to another post.")

    visit(page, axe, reverse("manage:dashboard"))
    expect(page.get_by_text("1 membership due for review.")).to_be_visible()
    follow(page, axe, page.get_by_role("link", name="See the memberships due for review"))
    expect(heading(page)).to_have_text("Memberships due for review")
    rows = page.get_by_role("table", name="Memberships due for review").locator("tbody tr")
    assert [texts(row.locator("td"))[:3] for row in rows.all()] == [
        ["Chris Carter", "Partnership Board, chair", "1 Jan 2024"]
    ]
    follow(page, axe, page.get_by_role("button", name="Record the review of Chris Carter"))

    assert path_of(page) == reverse("manage:reviews_due")
    next_due = cast.chair_membership.next_review_after(today)
    expect(banner(page)).to_have_text(
        f"The review of Chris Carter on Partnership Board was recorded. The next is due on {british_date(next_due)}."
    )
    assert texts(rows) == ["No membership is due for review."]


def test_secretariat_establishes_a_body_and_renames_it(page, axe, sign_in, cast):
    today = timezone.localdate()
    sign_in(page, cast.secretariat)
    visit(page, axe, reverse("manage:dashboard"))
    follow(page, axe, page.get_by_role("link", name="Establish a body"))
    expect(heading(page)).to_have_text("Establish a body")
    page.get_by_label("Name", exact=True).fill("Climate Action Partnership")
    page.get_by_label("Kind").select_option(label="Thematic partnership")
    page.get_by_label("Primary mode of working").select_option(label="Laboratory")
    fill_date(page, "Established on", "2020-01-06")
    follow(page, axe, page.get_by_role("button", name="Establish the body"))

    assert path_of(page) == "/bodies/climate-action-partnership/"
    expect(banner(page)).to_have_text("Climate Action Partnership was established.")
    expect(heading(page)).to_have_text("Climate Action Partnership")
    expect(page.locator("main")).to_contain_text("Nobody sits on this body.")

    follow(page, axe, page.get_by_role("link", name="Rename the body"))
    expect(heading(page)).to_have_text("Rename the body")
    expect(page.locator(".govuk-caption-l")).to_have_text("Climate Action Partnership")
    fill_date(page, "New name from", today)
    page.get_by_label("New name", exact=True).fill("Climate and Nature Partnership")
    page.get_by_label("Reason").fill("Its remit now covers nature recovery.")
    follow(page, axe, page.get_by_role("button", name="Rename the body"))

    assert path_of(page) == "/bodies/climate-and-nature-partnership/"
    expect(banner(page)).to_have_text("Rename the body: done. The change is recorded in the body's history.")
    expect(heading(page)).to_have_text("Climate and Nature Partnership")

    # Both permanent addresses keep working; the old one points to the new.
    visit(page, axe, "/bodies/climate-action-partnership/")
    expect(heading(page)).to_have_text("Climate Action Partnership")
    yesterday = today - datetime.timedelta(days=1)
    notice = page.locator("main .govuk-inset-text")
    assert " ".join(notice.inner_text().split()) == (
        f"This body ended on {british_date(yesterday)}. It was renamed to Climate and Nature Partnership "
        f"from {british_date(today)}. The members shown are those on its last day."
    )
    follow(page, axe, notice.get_by_role("link", name="Climate and Nature Partnership"))
    assert path_of(page) == "/bodies/climate-and-nature-partnership/"
    old = Body.objects.get(slug="climate-action-partnership")
    assert list(BodyChange.objects.filter(body=old).values_list("kind", "other_body__slug")) == [
        (ChangeKind.ESTABLISHED, None),
        (ChangeKind.RENAMED_TO, "climate-and-nature-partnership"),
    ]


def test_chair_edits_the_terms_of_reference_and_sees_them_on_the_body_page(page, axe, sign_in, cast):
    sign_in(page, cast.chair)
    visit(page, axe, reverse("body_detail", args=["partnership-board"]))
    expect(page.locator("main")).to_contain_text("No terms of reference have been published yet.")
    follow(page, axe, page.get_by_role("link", name="Edit terms of reference"))
    expect(heading(page)).to_have_text("Terms of reference")
    page.get_by_label("Terms of reference").fill(
        "The Board sets the partnership's strategy.\n\nIt meets at least four times a year."
    )
    follow(page, axe, page.get_by_role("button", name="Save the terms of reference"))

    assert path_of(page) == "/bodies/partnership-board/"
    expect(banner(page)).to_have_text("The terms of reference were saved. The earlier text is kept in the history.")
    terms = page.locator("h2:text-is('Terms of reference') + div p")
    assert texts(terms) == ["The Board sets the partnership's strategy.", "It meets at least four times a year."]


def test_member_sees_the_contact_details_of_the_boards_members(page, axe, sign_in, cast):
    sign_in(page, cast.member)
    visit(page, axe, reverse("body_detail", args=["partnership-board"]))
    members = page.get_by_role("table", name="Members of Partnership Board")
    assert texts(members.get_by_role("columnheader")) == ["Name", "Role", "For", "Contact"]
    assert [texts(row.locator("td")) for row in members.locator("tbody tr").all()] == [
        ["Chris Carter", "Chair", "In their own right", "chris@example.org"],
        ["Mel Morris", "Member", "In their own right", "mel@example.org"],
    ]
    expect(members.get_by_role("link", name="chris@example.org")).to_have_attribute("href", "mailto:chris@example.org")

    # The public, on the same page, sees none of it.
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/")
    visit(page, axe, reverse("body_detail", args=["partnership-board"]))
    members = page.get_by_role("table", name="Members of Partnership Board")
    assert texts(members.get_by_role("columnheader")) == ["Name", "Role", "For"]
    main = page.locator("main").inner_text()
    assert "chris@example.org" not in main
    assert "mel@example.org" not in main
