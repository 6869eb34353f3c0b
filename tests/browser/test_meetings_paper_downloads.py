"""A paper that is also a web page, stored before the upload check refused such files, is only ever downloaded:
Chromium saves it and never runs its script, from the paper's page or from its address.

The script would change the page's title, write to localStorage and call the
live server; a recorder on the browser's requests sees any such call. A control
shows the same bytes served as a page do run, so the recorder can see it.
"""

import re
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from meetings.actions import agenda as actions
from meetings.uploads import PDF
from tests.browser.conftest import TIMEOUT_MS
from tests.browser.pages import path_of, visit
from tests.meetings.papers import checked, make_pdf, schedule, temporary_media
from tests.meetings.polyglots import polyglot_pdf, stored_version

pytestmark = pytest.mark.browser

BEACON = re.compile(r"/polyglot-ran\?")
SCRIPT = (
    "document.title = 'ran'; localStorage.setItem('polyglot', 'ran'); fetch('/polyglot-ran?by=' + location.pathname);"
)
POLYGLOT = polyglot_pdf(SCRIPT)


@pytest.fixture
def media(settings, tmp_path):
    return temporary_media(settings, tmp_path)


@pytest.fixture
def polyglot_paper(cast, media):
    """A published paper whose second version is the polyglot, written past the upload check."""
    meeting = schedule(cast)
    paper = actions.add_paper(
        meeting, by=cast.secretariat, title="Budget", author="Ann", upload=checked("strategy.pdf", make_pdf())
    )
    actions.publish_pack(meeting, by=cast.secretariat)
    stored_version(paper, POLYGLOT, filename="budget.pdf", content_type=PDF)
    return paper


def record_beacons(context):
    """Answer the script's call to the live server, and keep the address of each call made."""
    hits = []

    def answer(route):
        hits.append(route.request.url)
        route.fulfill(status=204)

    context.route(BEACON, answer)
    return hits


def only_at(path):
    """The address with exactly this path and no query: not the beacon, whose query names the page."""
    return re.compile(r"^[^?]*" + re.escape(path) + "$")


def download_path(paper, number):
    return reverse("paper_download", args=[paper.meeting_id, paper.pk, number])


def test_a_paper_that_is_also_a_web_page_only_downloads_and_its_script_never_runs(page, axe, polyglot_paper):
    paper = polyglot_paper
    hits = record_beacons(page.context)

    # The control: the same bytes served as a web page run at once, and the recorder sees it.
    page.context.route(
        only_at("/served-as-a-page"),
        lambda route: route.fulfill(status=200, content_type="text/html", body=POLYGLOT),
    )
    with page.expect_response(BEACON):
        page.goto("/served-as-a-page")
    expect(page).to_have_title("ran")
    assert page.evaluate("() => localStorage.getItem('polyglot')") == "ran"
    assert [hit.split("?", 1)[1] for hit in hits] == ["by=/served-as-a-page"]
    page.evaluate("() => localStorage.clear()")
    hits.clear()

    visit(page, axe, paper.get_absolute_url())
    expect(page).to_have_title(re.compile(r"^Budget"))
    title = page.title()
    with page.expect_download() as clicked:
        page.get_by_role("link", name="Download budget.pdf (version 2)", exact=True).click()
    download = clicked.value
    assert download.suggested_filename == "budget.pdf"
    assert Path(download.path()).read_bytes() == POLYGLOT

    # Opened at its address, it is a download too: the browser never makes it a page.
    with page.expect_download() as opened, pytest.raises(PlaywrightError, match="Download is starting"):
        page.goto(download_path(paper, 2))
    assert opened.value.suggested_filename == "budget.pdf"

    assert path_of(page) == paper.get_absolute_url()
    assert page.title() == title
    assert page.evaluate("() => localStorage.getItem('polyglot')") is None
    assert hits == []


def test_were_a_download_shown_as_a_page_its_sandbox_would_still_stop_the_script(browser, live_server, polyglot_paper):
    """Each header is enough alone: served as HTML without the attachment, the policy still forbids the script."""
    paper = polyglot_paper
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    context.set_default_timeout(TIMEOUT_MS)
    hits = record_beacons(context)
    address = download_path(paper, 2)
    keep_policy = [True]

    def served_as_a_page(route):
        response = route.fetch()
        headers = {name: value for name, value in response.headers.items() if name != "content-disposition"}
        headers["content-type"] = "text/html"
        if not keep_policy[0]:
            del headers["content-security-policy"]
        route.fulfill(response=response, headers=headers)

    try:
        page = context.new_page()
        page.route(only_at(address), served_as_a_page)

        with page.expect_console_message(lambda message: "sandboxed" in message.text) as blocked:
            response = page.goto(address)
        assert response.headers["content-security-policy"] == (
            "sandbox; default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
        )
        # Shown as a page (its own title), with the script blocked by the sandbox.
        assert blocked.value.text == (
            f"Blocked script execution in '{live_server.url}{address}' because the document's frame is sandboxed "
            "and the 'allow-scripts' permission is not set."
        )
        expect(page).to_have_title("Paper")
        assert hits == []

        # The control: without the policy the same page runs its script.
        keep_policy[0] = False
        with page.expect_response(BEACON):
            page.goto(address)
        expect(page).to_have_title("ran")
        assert [hit.split("?", 1)[1] for hit in hits] == [f"by={address}"]
    finally:
        context.close()
