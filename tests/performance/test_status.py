"""The status of a period's value against its target: polarity, tolerance, missing figures."""

from decimal import Decimal as D

import pytest

from performance.status import AT_RISK, HIGHER, LOWER, OFF_TRACK, ON_TRACK, shortfall, status_of


@pytest.mark.parametrize(
    ("value", "target", "polarity", "tolerance", "expected"),
    [
        # Higher is better.
        ("80", "75", HIGHER, "2", ON_TRACK),
        ("75", "75", HIGHER, "2", ON_TRACK),  # meeting the target exactly is on track
        ("74.5", "75", HIGHER, "2", AT_RISK),
        ("73", "75", HIGHER, "2", AT_RISK),  # exactly the tolerance short is still at risk
        ("72.9999", "75", HIGHER, "2", OFF_TRACK),
        ("10", "75", HIGHER, "2", OFF_TRACK),
        # Lower is better: the same figures read the other way.
        ("70", "75", LOWER, "2", ON_TRACK),
        ("75", "75", LOWER, "2", ON_TRACK),
        ("77", "75", LOWER, "2", AT_RISK),
        ("77.0001", "75", LOWER, "2", OFF_TRACK),
        ("80", "75", LOWER, "2", OFF_TRACK),
        # No tolerance: any shortfall is off track.
        ("74.99", "75", HIGHER, "0", OFF_TRACK),
        ("75.01", "75", LOWER, "0", OFF_TRACK),
        # Negative figures and zero targets.
        ("-1", "0", HIGHER, "0.5", OFF_TRACK),
        ("-0.5", "0", HIGHER, "0.5", AT_RISK),
        ("0", "0", LOWER, "0", ON_TRACK),
    ],
)
def test_status(value, target, polarity, tolerance, expected):
    assert status_of(D(value), D(target), polarity, D(tolerance)) == expected


@pytest.mark.parametrize(("value", "target"), [(None, D("75")), (D("70"), None), (None, None)])
def test_no_status_without_a_value_or_a_target(value, target):
    assert status_of(value, target, HIGHER, D("2")) is None


def test_a_missing_value_with_a_zero_target_has_no_status():
    # Zero is a figure, not a missing one.
    assert status_of(D("0"), D("0"), HIGHER) == ON_TRACK
    assert status_of(None, D("0"), HIGHER) is None


def test_the_tolerance_defaults_to_none_at_all():
    assert status_of(D("74"), D("75"), HIGHER) == OFF_TRACK


def test_a_negative_tolerance_or_an_unknown_polarity_is_refused():
    with pytest.raises(ValueError):
        status_of(D("74"), D("75"), HIGHER, D("-1"))
    with pytest.raises(ValueError):
        status_of(D("74"), D("75"), "sideways")


def test_shortfall_follows_the_polarity():
    assert shortfall(D("70"), D("75"), HIGHER) == D("5")
    assert shortfall(D("70"), D("75"), LOWER) == D("-5")
