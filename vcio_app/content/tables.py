"""Read-only tables as one HTML element (``st.html``) instead of ``st.table`` or ``st.dataframe``.

Why: ``st.table`` renders every cell through Streamlit's Markdown component, so the Overview's
six-row table alone was 28 of the page's 65 Markdown elements (a bare page has 5), and the first
table of a visit makes the browser fetch and run Streamlit's Arrow readers (about 1 MB of
script). ``st.dataframe`` draws a canvas grid, redrawn on every rerun. A plain ``<table>`` is
laid out by the browser in a millisecond or two, wraps on a phone, and its text is ordinary page
text (find, copy, screen readers, print).

Every cell is escaped here: table cells may hold the user's text (project names, saved
scenario names, uploaded rate-card notes), and HTML in them shows as text, never as markup.
"""

from __future__ import annotations

import html
import math
import numbers
from collections.abc import Callable

import numpy as np
import pandas as pd
import streamlit as st

from vcio_model.format import money_compared

TABLE_CSS = (
    "<style>"
    ".vcio-table-wrap{overflow-x:auto;margin:.25rem 0 1rem}"
    ".vcio-table{border-collapse:collapse;width:100%;font-size:.9rem;line-height:1.4}"
    ".vcio-table th{text-align:left;font-weight:600;color:#31333f;border-bottom:2px solid #d5dae1;"
    "padding:.45rem .6rem;vertical-align:bottom}"
    ".vcio-table td{border-bottom:1px solid #e6e9ee;padding:.45rem .6rem;vertical-align:top}"
    ".vcio-table .num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}"
    ".vcio-table tr.total td{font-weight:600}"
    ".vcio-table td.hl{background:#fbe3d6;font-weight:700}"
    ".vcio-table td.flip{color:#b3400a;font-weight:700}"
    # On a phone a table of four or more columns keeps readable columns (not one word a line)
    # and scrolls sideways, with a line above it that says so
    ".vcio-scroll-hint{display:none;font-size:.8rem;color:#4f5660;margin:0 0 .2rem}"
    "@media (max-width: 640px){.vcio-table-wrap.wide .vcio-table{min-width:34rem}"
    # the first column (the option, the assumption) stays in view while the rest scrolls
    ".vcio-table-wrap.wide td:first-child,.vcio-table-wrap.wide th:first-child"
    "{min-width:8.5rem;position:sticky;left:0;background:#fff}"
    ".vcio-table-wrap.wide .vcio-scroll-hint{display:block;position:sticky;left:0}}"
    "</style>"
)


WIDE_COLUMNS = 4  # from this many columns a table scrolls sideways on a phone
SCROLL_HINT = "Swipe the table sideways to see every column →"


def _text(v, fmt: Callable | None) -> tuple[str, bool]:
    """(the cell's text, whether it is a number); numpy's numbers count as numbers."""
    if v is None or (isinstance(v, numbers.Real) and math.isnan(v)):
        return "", False
    if isinstance(v, bool | np.bool_):
        return ("Yes" if v else "No"), False
    is_num = isinstance(v, numbers.Real)
    if fmt is not None:
        return str(fmt(v)), is_num
    if isinstance(v, numbers.Integral):
        return f"{int(v):,}", True
    if is_num:
        v = float(v)
        return (f"{v:,.0f}" if v.is_integer() else f"{v:,.2f}"), True
    return str(v), False


def html_table(
    df: pd.DataFrame,
    formats: dict[str, Callable] | None = None,
    cell_class: Callable[[pd.Series, str], str] | None = None,
    label: str = "",
    numeric: tuple[str, ...] = (),
) -> str:
    """``df`` as an escaped HTML table (no index). ``formats``: column -> function giving a cell's
    text; ``cell_class``: (row, column) -> CSS class for that cell ("hl" shades it, "flip"
    marks it); ``label``: the table's accessible name; ``numeric``: columns of text that are
    amounts ("$2.1M"), aligned right like numbers."""
    formats = formats or {}
    cols = [str(c) for c in df.columns]
    head = "".join(f'<th scope="col">{html.escape(c)}</th>' for c in cols)
    body = []
    for _, row in df.iterrows():
        cells = []
        for col in df.columns:
            text, is_num = _text(row[col], formats.get(col))
            cls = ["num"] if is_num or col in numeric else []
            if cell_class is not None and (extra := cell_class(row, col)):
                cls.append(extra)
            attr = f' class="{" ".join(cls)}"' if cls else ""
            cells.append(f"<td{attr}>{html.escape(text)}</td>")
        body.append(f"<tr>{''.join(cells)}</tr>")
    name = f' aria-label="{html.escape(label, quote=True)}"' if label else ""
    wide = len(cols) >= WIDE_COLUMNS
    hint = f'<p class="vcio-scroll-hint" aria-hidden="true">{SCROLL_HINT}</p>' if wide else ""
    return (
        f'{TABLE_CSS}<div class="vcio-table-wrap{" wide" if wide else ""}">{hint}'
        f'<table class="vcio-table"{name}>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
    )


def year_by_year(c) -> pd.DataFrame:
    """The Costs page's year-by-year table: one-off fees, each year's bill (that year's dollars),
    the total before discounting, and the total in today's money that every page compares. Each
    column rounded alike (``charts.style.money_compared``): two amounts the chart shows apart are
    apart here too."""
    years = list(range(1, c.years + 1))
    cols = {
        "At the start": [o.upfront for o in c.options],
        **{f"Year {i}": [o.yearly_cost[i - 1] for o in c.options] for i in years},
        "Total, before discounting": [o.total for o in c.options],
        "Total in today's money": [o.npv for o in c.options],
    }
    out = {"Option": [o.name for o in c.options]}
    out |= {name: money_compared(values) for name, values in cols.items()}
    return pd.DataFrame(out)


def show(df: pd.DataFrame, **kw) -> None:
    """Draw :func:`html_table` of ``df`` across the page."""
    st.html(html_table(df, **kw), width="stretch")
