"""CSV downloads: every cell safe to open in a spreadsheet."""

import csv
import io

import pytest

from partnership.exports import csv_response, safe_cell


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=HYPERLINK(1)", "'=HYPERLINK(1)"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("Cheshire Constabulary", "Cheshire Constabulary"),
        (None, ""),
        (3, "3"),
    ],
)
def test_a_cell_a_spreadsheet_would_run_as_a_formula_is_quoted(value, cell):
    assert safe_cell(value) == cell


def test_a_csv_download_is_an_attachment_with_safe_cells():
    response = csv_response("register of interests.csv", ["Name", "Note"], [["Mel Morris", "=cmd"]])
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="register of interests.csv"'
    assert list(csv.reader(io.StringIO(response.content.decode()))) == [["Name", "Note"], ["Mel Morris", "'=cmd"]]
