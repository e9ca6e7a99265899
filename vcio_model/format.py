"""Numbers the way a person reads them: $1.2M, $45k, 3 years."""

from __future__ import annotations

import math


def money(x: float, exact: bool = False) -> str:
    """Round dollars for reading; ``exact=True`` gives whole dollars with separators.

    Examples
    --------
    >>> money(1_234_567), money(45_300), money(950), money(-2_500_000), money(1234.4, exact=True)
    ('$1.2M', '$45k', '$950', '-$2.5M', '$1,234')
    """
    if x is None or not math.isfinite(x):
        return "n/a"
    sign = "-" if x < 0 else ""
    x = abs(x)
    if exact:
        return f"{sign}${x:,.0f}"
    if x >= 999_500:
        v = x / 1e6
        return f"{sign}${v:,.1f}M" if v < 100 else f"{sign}${v:,.0f}M"
    if x >= 10_000:
        return f"{sign}${x / 1e3:,.0f}k"
    if x >= 1_000:
        return f"{sign}${x / 1e3:,.1f}k".replace(".0k", "k")
    return f"{sign}${x:,.0f}"


def in_sentence(name: str) -> str:
    """A name or label inside a sentence: only a plain capital goes to lower case.

    >>> in_sentence("Managed services"), in_sentence("vCIO + managed"), in_sentence("IT leadership")
    ('managed services', 'vCIO + managed', 'IT leadership')
    """
    return name[0].lower() + name[1:] if len(name) > 1 and name[1].islower() else name


def plural(n: float, word: str) -> str:
    """'1 year', '3 years', '2.5 projects'."""
    return f"{n:g} {word}" + ("" if n == 1 else "s")


def percent(x: float, digits: int = 0) -> str:
    return f"{x * 100:.{digits}f}%"


def name_in_message(text: object, limit: int = 40) -> str:
    r"""A name from a file or a link (a key, a column) as a message shows it: as it is when it is
    short plain text, else quoted with escapes, so a message always stays one readable line.

    >>> print(name_in_message("vcio_hourly_rate"), name_in_message("two\nlines"))
    vcio_hourly_rate 'two\nlines'
    """
    text = str(text)
    if text and len(text) <= limit and text.isprintable() and text.strip() == text:
        return text
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")
