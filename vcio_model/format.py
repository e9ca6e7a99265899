"""Numbers the way a person reads them: $1.2M, $45k, 3 years."""

from __future__ import annotations

import math
import unicodedata


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


def money_pair(a: float, b: float) -> tuple[str, str]:
    """Two amounts rounded alike, with enough digits that different amounts read differently.

    Examples
    --------
    >>> money_pair(1_780_000, 1_830_000), money_pair(45_300, 45_400), money_pair(5, 5)
    (('$1.78M', '$1.83M'), ('$45.3k', '$45.4k'), ('$5', '$5'))
    """
    ta, tb = money(a), money(b)
    if ta != tb or a == b or not (math.isfinite(a) and math.isfinite(b)):
        return ta, tb
    big = max(abs(a), abs(b))
    unit, scale = ("M", 1e6) if big >= 999_500 else ("k", 1e3)
    for digits in range(1, 7):
        ta = f"{'-' if a < 0 else ''}${abs(a) / scale:,.{digits}f}{unit}"
        tb = f"{'-' if b < 0 else ''}${abs(b) / scale:,.{digits}f}{unit}"
        if ta != tb:
            return ta, tb
    return money(a, exact=True), money(b, exact=True)


def money_distinct(values) -> list[str]:
    """Each amount as ``money`` rounds it, except that amounts that would read alike but differ
    get as many more digits as tell them apart (amounts equal to the dollar stay alike).

    Examples
    --------
    >>> money_distinct([1_780_000, 1_830_000, 977_000])
    ['$1.78M', '$1.83M', '$977k']
    >>> money_distinct([45_300, 45_400, 45_300.2, 120_000])
    ['$45.3k', '$45.4k', '$45.3k', '$120k']
    """
    vals = [float(v) for v in values]
    out = [money(v) for v in vals]
    groups: dict[str, list[int]] = {}
    for i, text in enumerate(out):
        groups.setdefault(text, []).append(i)
    for idx in groups.values():
        if len({round(vals[i]) for i in idx}) < 2 or not all(math.isfinite(vals[i]) for i in idx):
            continue
        big = max(abs(vals[i]) for i in idx)
        unit, scale = ("M", 1e6) if big >= 999_500 else ("k", 1e3)
        distinct = len({round(vals[i]) for i in idx})
        for digits in range(1, 7):
            texts = [
                f"{'-' if vals[i] < 0 else ''}${abs(vals[i]) / scale:,.{digits}f}{unit}"
                for i in idx
            ]
            if len(set(texts)) == distinct:
                break
        else:
            texts = [money(vals[i], exact=True) for i in idx]
        for i, text in zip(idx, texts, strict=True):
            out[i] = text
    return out


_AN_LETTERS = set("AEFHILMNORSX")  # letters whose name starts with a vowel sound: "an MSP"


def _sig_text(v: float, sig: int) -> str:
    """``v`` in $k or $M with ``sig`` significant figures ($924k, $1.16M, $45.3k)."""
    if not math.isfinite(v):
        return money(v)
    sign, x = ("-" if v < 0 else ""), abs(v)
    if x < 1_000:
        return f"{sign}${x:,.0f}"
    unit, scale = ("M", 1e6) if x >= 999_500 else ("k", 1e3)
    digits = max(0, sig - len(str(int(x / scale))))
    return f"{sign}${x / scale:,.{digits}f}{unit}"


def money_compared(values) -> list[str]:
    """Amounts that are compared with each other (the options' totals side by side): three
    significant figures ($924k, $1.16M), so that the gap between two shown amounts is the gap
    stated beside them (``+$34k more``) to the rounding of that gap, and more digits where two
    amounts that differ would still read alike (amounts equal to the dollar stay alike).

    >>> money_compared([1_157_000, 1_191_000, 924_400])
    ['$1.16M', '$1.19M', '$924k']
    >>> money_compared([1_000_100, 1_000_900, 1_000_100])
    ['$1.000M', '$1.001M', '$1.000M']
    """
    vals = [float(v) for v in values]
    distinct = len({round(v) for v in vals if math.isfinite(v)})
    for sig in range(3, 9):
        texts = [_sig_text(v, sig) for v in vals]
        shown = {t for t, v in zip(texts, vals, strict=True) if math.isfinite(v)}
        if len(shown) >= distinct:
            return texts
    return [money(v, exact=True) for v in vals]


def article(text: str) -> str:
    """'a' or 'an' for the word or number that starts ``text``, by how it is spoken.

    >>> [article(t) for t in ("8.0%", "11-person", "18%", "80", "180", "1,100", "11,000", "$80k")]
    ['an', 'an', 'an', 'an', 'a', 'a', 'an', 'an']
    >>> [article(t) for t in ("45-person", "MSP", "vCIO", "hour", "user", "option", "IT manager")]
    ['a', 'an', 'a', 'an', 'a', 'an', 'an']
    """
    t = str(text).lstrip(" $-")
    if not t:
        return "a"
    if t[0].isdigit():
        digits = ""
        for ch in t:
            if ch.isdigit():
                digits += ch
            elif ch != ",":
                break
        lead = digits[: len(digits) % 3 or 3]  # the group spoken first: "11" of 11,000
        return "an" if lead.startswith("8") or lead in ("11", "18") else "a"
    word = t.split()[0]
    if len(word) > 1 and word[:2].isupper():  # an acronym, spoken letter by letter
        return "an" if word[0] in _AN_LETTERS else "a"
    low = word.lower()
    if low.startswith(("hour", "honest", "honour", "honor")):
        return "an"
    if low.startswith(("uni", "use", "usu", "eu", "one", "once")):
        return "a"
    return "an" if low[0] in "aeiou" else "a"


def with_article(text: str) -> str:
    """``text`` after its article: with_article("8% rate") -> 'an 8% rate'."""
    return f"{article(text)} {text}"


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


def chance(p: float) -> str:
    """A probability as a person reads it: never '0%' or '100%' for something that can happen.

    >>> chance(0.004), chance(0.391), chance(0.9996), chance(0.0), chance(1.0)
    ('under 1%', '39%', 'over 99%', '0%', '100%')
    """
    if 0 < p < 0.005:
        return "under 1%"
    if 0.995 < p < 1:
        return "over 99%"
    return f"{p:.0%}"


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


_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def text_problem(text: str, multiline: bool = False) -> str | None:
    r"""What is wrong with a piece of user text for display, or None: no lone surrogates (they
    cannot be written as UTF-8, so a report or workbook would break), no control characters (tabs
    and line breaks only where ``multiline``) and no direction overrides (they reorder what a
    reader sees).

    >>> text_problem("Acme"), text_problem("a\x1b[31m"), text_problem("\udc80")
    (None, 'must not hold control characters (found U+001B)', 'must not hold a lone surrogate (U+DC80): save the text as UTF-8')
    """
    for ch in text:
        o = ord(ch)
        if 0xD800 <= o <= 0xDFFF:
            return f"must not hold a lone surrogate (U+{o:04X}): save the text as UTF-8"
        if (o < 0x20 or 0x7F <= o < 0xA0) and not (multiline and ch in "\t\n\r"):
            return f"must not hold control characters (found U+{o:04X})"
        if ch in _BIDI_CONTROLS:
            return f"must not hold text-direction controls (found U+{o:04X})"
    return None


_JOINERS = frozenset("\u200c\u200d")  # zero-width (non-)joiners: they shape scripts and emoji


def clean_text(text: str) -> str:
    r"""A name as every screen and report shows it: without control characters, direction controls
    and other invisible format characters (Unicode Cc, Cf and lone surrogates; the zero-width
    joiners stay), runs of spaces and line breaks made one space.

    >>> clean_text("Acme\u202e Ltd\u200b\n")
    'Acme Ltd'
    """
    kept = "".join(
        " " if ch.isspace() else ch
        for ch in str(text)
        if ch.isspace() or ch in _JOINERS or unicodedata.category(ch) not in ("Cc", "Cf", "Cs")
    )
    return " ".join(kept.split())
