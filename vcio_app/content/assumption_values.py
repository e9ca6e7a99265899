"""An assumption's value as a person reads and types it. Pure: no Streamlit.

Units in words ('USD/user/month' -> '$ per user a month'), shares and chances as percent, the
value widget's step and format, and the check of an edit against the schema's allowed range
(``vcio_model.scenario.override_bounds``). The Assumptions page (``assumptions``) draws with these.
"""

from __future__ import annotations

import math
import re

from vcio_model.assumptions import Assumption
from vcio_model.scenario import in_bounds, override_bounds

UNIT_WORDS = {
    "USD": "$",
    "x hours": "times the hours",
    "x rate": "times the normal rate",
    "x table": "times the typical value for your size",
    "x monthly fee": "times the monthly fee",
    "fraction": "%",
    "probability": "% chance",
    "probability/yr": "% chance a year",
    "fraction of base": "% of base salary",
}


def is_percent(unit: str) -> bool:
    """Shares and chances are stored as fractions and shown as percent."""
    return unit.startswith(("fraction", "probability"))


def unit_words(unit: str) -> str:
    """'USD/user/month' -> '$ per user a month'; 'fraction/yr' -> '% a year'."""
    if unit in UNIT_WORDS:
        return UNIT_WORDS[unit]
    text = re.sub(r"^(fraction|probability)", "%", unit).replace("USD", "$")
    text = re.sub(r"/(yr|year)$", " a year", text)
    text = re.sub(r"/(hour|month)$", r" an \1", text).replace("an month", "a month")
    return text.replace("/", " per ")


def plain_number(x: float, decimals: int = 3) -> str:
    """A number with thousands separators and no trailing zeros: 154018.0 -> '154,018'."""
    text = f"{x:,.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def fmt(item: Assumption, x: float) -> str:
    """A stored value the way a person reads it: '3.6%', '$110,000', '1.75'."""
    if is_percent(item.unit):
        return f"{plain_number(x * 100)}%"
    if item.unit.startswith("USD"):
        return f"${plain_number(x, 2)}"
    return plain_number(x)


def factor(item: Assumption) -> float:
    """What a stored value is multiplied by on screen: 100 for shares and chances, else 1."""
    return 100.0 if is_percent(item.unit) else 1.0


def allowed_max(item: Assumption) -> float:
    """10 x the high end; shares (plain 'fraction') and chances cannot pass 100% (the schema's
    range, ``override_bounds``)."""
    return override_bounds(item.key)[1]


def _decimals(x: float) -> int:
    for d in range(5):
        if abs(round(x, d) - x) < 1e-9 * max(1.0, abs(x)):
            return d
    return 4


def widget_spec(item: Assumption) -> tuple[float, str]:
    """Step and printf format of the value's widget, in display units."""
    f = factor(item)
    span = (item.high - item.low) * f or abs(item.value * f) or 1.0
    step = 10 ** math.floor(math.log10(span)) / 10
    d = min(4, max(_decimals(step), _decimals(item.value * f), 1 if f != 1 else 0))
    return round(step, 6), f"%.{d}f"


def to_display(item: Assumption, value: float) -> float:
    """A stored value in the widget's units (0.036 -> 3.6 for a share)."""
    return round(value * factor(item), 10)


def check(item: Assumption, shown, current: float) -> tuple[float | None, str | None]:
    """Turn a widget value into a stored value, or say why it is not applied.

    Returns (value, None) or (None, message naming the assumption and the allowed range).
    """
    suffix = unit_words(item.unit).lstrip("$%").strip()
    low, high, low_excluded = override_bounds(item.key)  # the schema's own range
    start = f"more than {fmt(item, low)}, up to" if low_excluded else f"from {fmt(item, low)} to"
    rng = f"{start} {fmt(item, high)}" + (f" {suffix}" if suffix else "")
    keep = f"Not applied: the model still uses {fmt(item, current)}."
    try:
        x = float(shown)
    except (TypeError, ValueError):
        x = math.nan
    if not math.isfinite(x):
        return None, f"**{item.label}** needs a number {rng}. {keep}"
    value = float(f"{x / factor(item):.12g}")
    if not in_bounds(item.key, value):
        return (
            None,
            f"**{item.label}**: {fmt(item, value)} is outside the allowed range, {rng}. {keep}",
        )
    return value, None


def amount(x: float, unit: str) -> str:
    """A number with its unit in words: '$154,018 a year', '13 hours a month'."""
    words = unit_words(unit)
    if words.startswith("$"):
        return f"${plain_number(x, 0)} {words[1:].strip()}".strip()
    return f"{plain_number(x, 0)} {words}"
