"""Every URL pattern x the cast x GET and POST, with the expected answer.

A URL pattern missing from MATRIX (tests/matrix.py, or an area's matrix module) fails
`test_every_url_pattern_is_in_the_matrix`: a new page must say there who may see it.
"""

# The matrix, its sample objects and the URL helpers are shared with tests/test_hostile_input.py.
from tests.matrix import MATRIX, build_path, expected_for, outcome, url_patterns
from tests.matrix_helpers import CAST


def test_every_url_pattern_is_in_the_matrix():
    missing = [name for name, _ in url_patterns() if expected_for(name) is None]
    assert missing == []


def test_the_matrix_names_no_url_that_does_not_exist():
    names = {name for name, _ in url_patterns()}
    assert sorted(set(MATRIX) - names) == []


def test_every_url_answers_every_cast_member_as_the_matrix_says(client_for, objects):
    surprises = []
    checked = 0
    for name, route in url_patterns():
        expected = expected_for(name)
        path = build_path(name, route, objects)
        for method in ("GET", "POST"):
            for who in CAST:
                client = client_for(who)
                response = client.get(path) if method == "GET" else client.post(path, {})
                got = outcome(response)
                checked += 1
                if got != expected[method][who]:
                    surprises.append(f"{method} {path} as {who}: expected {expected[method][who]}, got {got}")
    assert surprises == [], "\n".join(surprises)
    # Every pattern, both methods, the six of the cast.
    assert checked == len(list(url_patterns())) * 2 * len(CAST)
