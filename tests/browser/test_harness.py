"""The browser harness itself works: Chromium, the live server and axe-core."""

from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from tests.browser.axe import axe_violations

pytestmark = pytest.mark.browser

BROKEN = '<html lang="en"><head><title>Broken</title></head><body><main><img src="x.png"></main></body></html>'


def test_harness_serves_a_page_and_runs_axe_on_it(page, axe):
    response = page.goto("/admin/login/")

    assert response.status == 200
    assert page.locator('input[name="username"]').count() == 1
    violations = axe_violations(page)
    assert isinstance(violations, list)
    assert all(set(v) == {"id", "impact", "help", "targets"} for v in violations)

    # The page's own console stays clean; the broken page is opened beside it.
    broken = page.context.new_page()
    broken.set_content(BROKEN)
    with pytest.raises(AssertionError) as caught:
        axe(broken)
    assert [v["id"] for v in axe_violations(broken)] == ["image-alt"]
    assert "- image-alt (critical): Images must have alternative text\n    img" in str(caught.value)


def test_login_signs_in_through_the_real_form(page, login, cast):
    login(page, cast.member)

    assert urlsplit(page.url).path == reverse("account")


def test_login_reports_a_refused_sign_in(page, login, cast):
    cast.stranger.set_password("another-horse-battery")
    cast.stranger.save()

    with pytest.raises(AssertionError) as caught:
        login(page, cast.stranger)

    assert str(caught.value) == "Signing in as stella@example.org failed; the login page is still showing"
    assert urlsplit(page.url).path == reverse("login")
