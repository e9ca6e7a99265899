"""The sidebar's margin charts: a tiny SVG under each slider showing how far ahead the cheapest
option stays across the slider's range."""

from __future__ import annotations

import base64
import html
import math
from collections.abc import Callable

import numpy as np
import pandas as pd

from vcio_model import money

from .style import (
    _color,
    _name,
    _rgba,
)


def _format_value(value_format: str | Callable[[float], str] | None, v: float) -> str:
    if value_format is None:
        return f"{v:,.4g}" if abs(v) < 1000 else f"{v:,.0f}"
    if callable(value_format):
        return value_format(v)
    if "{" in value_format:
        return value_format.format(v)
    return format(v, value_format)


SPARK_W, SPARK_H, SPARK_PAD = 240, 64, 6  # the margin chart's drawing units (it scales to fit)


def _runs(winners) -> list[tuple[int, int]]:
    """(start, end) of each run of the same winner, end exclusive, in order."""
    cuts = [k for k in range(1, len(winners)) if winners[k] != winners[k - 1]]
    return list(zip([0, *cuts], [*cuts, len(winners)], strict=True))


def slider_sparkline(
    curve_df: pd.DataFrame,
    current_value: float,
    log_x: bool = False,
    value_format: str | Callable[[float], str] | None = None,
    relative: bool = False,
    current_winner: str | None = None,
    label: str = "",
    as_img: bool = False,
) -> str:
    """A tiny chart for under a slider, as SVG: the winner's margin across its range.

    ``curve_df`` comes from ``vcio_model.slider_curve`` (columns ``value``, ``winner``,
    ``margin``). The line is split into one run per winner, in that winner's colour and filled
    down to zero (each run also takes the next run's first point, so the line is unbroken); a dot
    marks ``current_value``. Hovering a stretch of one colour shows its range of values
    (``value_format``: a format spec such as ".0%", a template such as "{:,.0f} people", or a
    function such as ``vcio_model.money``), the option cheapest there and its widest lead;
    hovering the dot, the current value, its winner and by how much. ``label`` names the slider
    for screen readers.

    The dot takes the colour of ``current_winner`` (pass ``comparison.recommended``), or else of the
    winner at the nearest point of the curve; its height is interpolated from the curve.

    With ``relative=True`` the height is the margin as a share of the winner's cost (from the
    ``npv_<winner>`` columns), which keeps small companies visible on the employees slider, where
    the dollar margin grows with size.

    SVG rather than Plotly: five of these are on every page and change with every input, and a
    browser redraws an SVG of a few dozen shapes far faster than five Plotly charts.

    With ``as_img=True`` the SVG comes as an ``<img>`` (a data URI) for ``st.html``: its
    ``alt`` is the chart's name, its ``title`` (the hover text) every stretch's line and the
    dot's. Streamlit re-parses Markdown on every rerun, raw SVG through a full HTML parser, and
    three of these through ``st.markdown`` took ~17 ms of each key press; an image is cheap.
    """
    df = curve_df.sort_values("value", kind="stable", ignore_index=True)
    x = df["value"].to_numpy(float)
    dollars = df["margin"].to_numpy(float)
    w = df["winner"].astype(str).to_numpy()
    if relative:
        win_npv = np.array([df.at[k, f"npv_{i}"] for k, i in enumerate(w)], float)
        m = np.divide(dollars, win_npv, out=np.zeros_like(dollars), where=win_npv > 0)
    else:
        m = dollars
    tx = np.log(x) if log_x else x
    cur = float(current_value)
    tc = math.log(cur) if log_x and cur > 0 else cur
    top = float(np.nanmax(m)) * 1.15 if len(m) and np.nanmax(m) > 0 else 1.0
    span = float(tx[-1] - tx[0]) or 1.0

    def sx(t: float) -> float:
        return round(SPARK_PAD + (t - tx[0]) / span * (SPARK_W - 2 * SPARK_PAD), 1)

    def sy(v: float) -> float:
        return round(SPARK_H - SPARK_PAD - max(0.0, v) / top * (SPARK_H - 2 * SPARK_PAD), 1)

    base = sy(0.0)
    shapes = [f'<line x1="0" x2="{SPARK_W}" y1="{base}" y2="{base}" stroke="#BBBBC2"/>']
    for a, b in _runs(w):
        idx = range(a, min(b + 1, len(df)))  # include the next run's first point
        pts = " ".join(f"{sx(tx[j])},{sy(m[j])}" for j in idx)
        c = _color(w[a])
        shapes.append(
            f'<path d="M{sx(tx[idx[0]])},{base} L{pts} L{sx(tx[idx[-1]])},{base} Z" '
            f'fill="{_rgba(c, 0.15)}" stroke="none"/>'
            f'<polyline points="{pts}" fill="none" stroke="{c}" stroke-width="2.5" '
            'stroke-linejoin="round"/>'
        )
    # hover: one full-height strip per run of the same winner, titled with the range it covers,
    # the winner and its widest lead there (one strip per point made four times the markup).
    # Inline, the SVG shows these titles itself; as an image (the sidebar), the same lines go
    # into the image's own title below.
    edges = [
        sx(tx[0]) - SPARK_PAD,
        *((sx(a) + sx(b)) / 2 for a, b in zip(tx[:-1], tx[1:], strict=True)),
        sx(tx[-1]) + SPARK_PAD,
    ]
    tips = []
    for a, b in _runs(w):
        span_text = _format_value(value_format, x[a])
        if b - a > 1:
            span_text += f" to {_format_value(value_format, x[b - 1])}"
        tip = f"{span_text}: {_name(w[a])} cheapest, by up to {money(float(dollars[a:b].max()))}"
        tips.append(tip)
        shapes.append(
            f'<rect x="{edges[a]:.1f}" y="0" width="{edges[b] - edges[a]:.1f}" '
            f'height="{SPARK_H}" fill="#000" fill-opacity="0"><title>{html.escape(tip)}</title>'
            "</rect>"
        )
    cur_margin = float(np.interp(tc, tx, m))
    cur_dollars = float(np.interp(tc, tx, dollars))
    cw = current_winner or w[int(np.argmin(np.abs(tx - tc)))]
    you = f"You, {_format_value(value_format, cur)}: {_name(cw)} cheapest by {money(cur_dollars)}"
    shapes.append(
        f'<circle cx="{sx(tc)}" cy="{sy(cur_margin)}" r="5.5" fill="{_color(cw)}" '
        f'stroke="#111111" stroke-width="2"><title>{html.escape(you)}</title></circle>'
    )
    name = f"{label}: " if label else ""
    aria = f"{name}how far ahead the cheapest option stays across the range. {you}."
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SPARK_W} {SPARK_H}" '
        f'role="img" aria-label="{html.escape(aria)}">{"".join(shapes)}</svg>'
    )
    if not as_img:
        return svg
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return (
        f'<img src="data:image/svg+xml;base64,{data}" alt="{html.escape(aria)}" '
        # one line each; "&#10;" is a line break that HTML and XML parsers both keep
        f'title="{"&#10;".join(html.escape(t) for t in [you, *tips])}" '
        'style="display:block;width:100%;height:auto"/>'
    )
