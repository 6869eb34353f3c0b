"""What every paged list shows: exactly a page of rows, and the GOV.UK pagination with a link to the next page."""


def assert_a_full_page_and_a_next(response, rows, per_page, *, param="page", label="Pagination"):
    """`rows` (what the page lists) are exactly `per_page`; the navigation marks page 1 and links to page 2."""
    assert response.status_code == 200
    assert len(rows) == per_page
    content = response.content.decode()
    assert f'<nav class="govuk-pagination" aria-label="{label}">' in content
    assert 'aria-label="Page 1" aria-current="page"' in content
    assert f'{param}=2" rel="next"' in content
