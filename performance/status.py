"""An indicator's status in a period, from its value and its target: a pure function.

- On track: the value meets or beats the target.
- At risk: it falls short of the target by no more than the indicator's tolerance.
- Off track: it falls short by more than the tolerance.

"Short" follows the indicator's polarity: below the target when higher is better,
above it when lower is better. The tolerance is in the indicator's own unit
(2 percentage points, 5 incidents); a tolerance of 0 makes every shortfall off
track. Without a value or without a target there is no status (None).
"""

from decimal import Decimal

ON_TRACK = "on_track"
AT_RISK = "at_risk"
OFF_TRACK = "off_track"
LABELS = {ON_TRACK: "On track", AT_RISK: "At risk", OFF_TRACK: "Off track"}
HIGHER = "higher"
LOWER = "lower"


def shortfall(value: Decimal, target: Decimal, polarity: str) -> Decimal:
    """How far `value` falls short of `target` (0 or less when it meets or beats it)."""
    if polarity == HIGHER:
        return target - value
    if polarity == LOWER:
        return value - target
    raise ValueError(f"Unknown polarity {polarity!r}")


def status_of(
    value: Decimal | None, target: Decimal | None, polarity: str, tolerance: Decimal = Decimal(0)
) -> str | None:
    """ON_TRACK, AT_RISK, OFF_TRACK, or None when the value or the target is missing."""
    if value is None or target is None:
        return None
    if tolerance < 0:
        raise ValueError("A tolerance cannot be negative")
    short = shortfall(Decimal(value), Decimal(target), polarity)
    if short <= 0:
        return ON_TRACK
    if short <= tolerance:
        return AT_RISK
    return OFF_TRACK
