"""Writing results: strict JSON, formula-safe CSV, padded tables and text safe for a terminal."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..format import plural
from ..scenario import Scenario


def to_json(obj) -> str:
    """Strict JSON (no NaN or Infinity), numpy and pandas values converted."""

    def default(o):
        if isinstance(o, np.ndarray):
            return o.tolist()
        if isinstance(o, np.generic):
            return o.item()
        raise TypeError(f"cannot write {type(o).__name__} as JSON")

    return json.dumps(obj, allow_nan=False, indent=2, default=default) + "\n"


FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def formula_safe(value):
    """A text cell that a spreadsheet can never run as a formula (OWASP CSV injection): text
    starting with = + - @ tab CR or LF gets a leading apostrophe. Numbers are left alone."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def to_csv(df: pd.DataFrame) -> str:
    """CSV text; text cells and headers made formula-safe (labels can come from --assumptions)."""
    df = df.rename(columns=formula_safe)
    for col in df.columns:
        if df[col].dtype == object or pd.api.types.is_string_dtype(df[col]):
            df[col] = df[col].map(formula_safe)
    buf = io.StringIO()
    df.to_csv(buf, index=False, lineterminator="\n")
    return buf.getvalue()


def records(df: pd.DataFrame) -> list[dict]:
    return [{k: (v.item() if isinstance(v, np.generic) else v) for k, v in r.items()}
            for r in df.to_dict(orient="records")]  # fmt: skip


def render_table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], align: str | None = None
) -> str:
    """Columns padded to their widest cell. ``align`` has one letter per column, ``l`` or ``r``
    (default: the first column left, the others right, as for numbers)."""
    cells = [list(map(str, headers)), *[list(map(str, r)) for r in rows]]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    align = align or "l" + "r" * (len(headers) - 1)

    def line(r):
        out = [
            c.ljust(w) if a == "l" else c.rjust(w) for c, w, a in zip(r, widths, align, strict=True)
        ]
        return "  ".join(out).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(cells[0]), rule, *map(line, cells[1:])]) + "\n"


def assumption_number(x: float) -> str:
    """An assumption value for reading: 0.085, 1.5, 20,000."""
    return f"{x:,.0f}" if abs(x) >= 1000 else f"{x:.4g}"


def rate_words(sc: Scenario) -> str:
    return f"NPV at {sc.discount_rate * 100:g}% a year over {plural(sc.years, 'year')}"


# C0 and C1 control characters (tab and line feed kept) and text-direction overrides: text from
# a file or an option (a company name with an escape sequence) must not drive the terminal.
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` without control characters, for the terminal (stdout and stderr)."""
    return _UNPRINTABLE.sub("", text)
