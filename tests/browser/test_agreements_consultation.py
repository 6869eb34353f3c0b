"""A draft out for consultation in a real browser: a member comments on a clause with proposed text (the empty
form first), the secretariat accepts it and applies the text, and the member sees the outcome.

Every page visited is checked with axe-core.
"""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from agreements.actions import consultation as actions_consultation
from agreements.actions import drafting as actions
from agreements.models import Clause, Comment
from tests.agreements.factories import adopted_version
from tests.browser.pages import banner, error_summary, follow, heading, path_of, sign_out, visit

pytestmark = pytest.mark.browser

PROPOSED = "Papers go out ten days before the meeting."


def test_a_member_comments_the_secretariat_accepts_and_the_member_sees_the_outcome(page, axe, login, cast):
    adopted = adopted_version(cast)
    draft = actions.start_draft(adopted.agreement, by=cast.secretariat, label="Revised 2010")
    closes_on = timezone.localdate() + datetime.timedelta(days=14)
    actions_consultation.open_consultation(draft, by=cast.secretariat, closes_on=closes_on)
    papers = Clause.objects.get(version=draft, number="2.1")

    login(page, cast.member)
    visit(page, axe, draft.get_absolute_url())
    expect(page.locator("#consultation")).to_contain_text(f"open for comment until {closes_on.day} {closes_on:%B %Y}")
    follow(page, axe, page.get_by_role("link", name="Comment on 2.1"))
    expect(heading(page)).to_have_text("Comment on 2.1")

    follow(page, axe, page.get_by_role("button", name="Send the comment"))
    assert error_summary(page) == ["Enter your comment"]
    assert Comment.objects.count() == 0

    page.get_by_label("Your comment").fill("A week is too short for partners to read the papers.")
    page.get_by_label("Replacement text (optional)").fill(PROPOSED)
    follow(page, axe, page.get_by_role("button", name="Send the comment"))
    comment = Comment.objects.get()
    assert path_of(page) == "/agreement/comments/"
    expect(banner(page)).to_have_text("Your comment on 2.1 was sent to the secretariat, which will decide on it.")
    expect(page.locator(f"#comment-{comment.pk} .app-comment-outcome")).to_have_text("Awaiting a decision")
    sign_out(page)

    login(page, cast.secretariat)
    visit(page, axe, f"/manage/agreements/versions/{draft.pk}/")
    follow(page, axe, page.get_by_role("link", name="Comments (1 awaiting a decision)"))
    follow(page, axe, page.get_by_role("link", name="Decide on the comment by Mel Morris on 2.1"))
    expect(page.locator("#proposed-text")).to_have_text(PROPOSED)
    page.get_by_label("Accept the comment").check()
    page.get_by_label("Reason").fill("Partners need more time to read.")
    page.get_by_label("Write the proposed text into the draft’s clause").check()
    follow(page, axe, page.get_by_role("button", name="Record the decision"))
    expect(banner(page)).to_have_text(
        "The comment by Mel Morris was accepted. The proposed text is now the text of 2.1."
    )
    assert Clause.objects.get(pk=papers.pk).text == PROPOSED
    follow(page, axe, page.get_by_role("link", name="Accepted"))
    expect(page.locator(f"#comment-{comment.pk}")).to_contain_text("Partners need more time to read.")
    sign_out(page)

    login(page, cast.member)
    visit(page, axe, "/agreement/comments/")
    expect(page.locator(f"#comment-{comment.pk} .app-comment-outcome")).to_contain_text("Accepted")
    expect(page.locator(f"#comment-{comment.pk} .app-comment-reason")).to_have_text("Partners need more time to read.")
