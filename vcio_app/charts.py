"""Plotly figures for the dashboard, built from the model's results.

Pure functions: each takes results from ``vcio_model`` (or the pandas frames they return) and gives
back a ``plotly.graph_objects.Figure``. Nothing here imports streamlit, so every chart can be tested
and exported (HTML report, PNG) without a running app.

Conventions, the same on every chart:

* No figure titles: pages put headings in Markdown. Axis titles are plain English.
* Each option has one colour, from ``data/options.csv`` (Okabe-Ito, colourblind-safe), on every
  chart; cost categories have their own fixed palette (:data:`CATEGORY_COLORS`), distinct from it.
* Options are named by their short name on axes and legends, by their full name in hover text.
* Money axes read like ``$1.2M``; hover text gives the exact figure, like ``$1,234,567``.
* Type is large enough to read on a projector (15 px and up).
"""

from __future__ import annotations

import base64
import html
import json
import math
import textwrap
from collections.abc import Callable, Sequence
from functools import lru_cache

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from plotly.utils import PlotlyJSONEncoder

from vcio_model import CATEGORIES, CATEGORY_LABELS, in_sentence, load_assumptions, money

__all__ = [
    "CATEGORY_COLORS",
    "FLIP_COLOR",
    "breakdown_stacked",
    "category_colors",
    "cost_bars",
    "crossover_curves",
    "crossovers",
    "cumulative_lines",
    "frontier_map",
    "option_colors",
    "per_employee_bars",
    "risk_distributions",
    "risk_range_bars",
    "slider_sparkline",
    "tornado",
]

FONT_FAMILY = '"Source Sans Pro", "Source Sans 3", "Segoe UI", Helvetica, Arial, sans-serif'
FONT_SIZE = 16
TICK_SIZE = 15
TEXT_COLOR = "#262730"
GRID_COLOR = "#E6E6EA"
FADED_OPACITY = 0.5  # options other than the recommended one, on bar charts

# Cost categories (Paul Tol's "muted" scheme, colourblind-safe): cool colours for what you pay
# for (leadership, support), warm colours for the hidden costs (overruns, downtime).
CATEGORY_COLORS: dict[str, str] = {
    "leadership": "#332288",  # indigo
    "support": "#88CCEE",  # cyan
    "staff_time": "#DDCC77",  # sand
    "overruns": "#CC6677",  # rose
    "downtime": "#882255",  # wine
}
FLIP_COLOR = "#D55E00"  # vermillion: an assumption that flips the verdict
KEEP_COLOR = "#5A6B7B"  # slate: an assumption that moves the gap but keeps the verdict
_FALLBACK_COLORS = ("#56B4E9", "#F0E442", "#D55E00", "#000000", "#332288", "#44AA99")


# ---------------------------------------------------------------------------------- helpers
@lru_cache(maxsize=1)
def _specs() -> dict:
    return {o.id: o for o in load_assumptions().options}


def option_colors() -> dict[str, str]:
    """Option id -> hex colour, from data/options.csv."""
    return {i: o.color for i, o in _specs().items()}


def category_colors() -> dict[str, str]:
    """Cost category -> hex colour, in ``vcio_model.CATEGORIES`` order."""
    return {c: CATEGORY_COLORS[c] for c in CATEGORIES}


def _color(option_id: str) -> str:
    spec = _specs().get(option_id)
    if spec is not None:
        return spec.color
    return _FALLBACK_COLORS[sum(map(ord, option_id)) % len(_FALLBACK_COLORS)]


def _short(option_id: str) -> str:
    spec = _specs().get(option_id)
    return spec.short_name if spec is not None else option_id


def _name(option_id: str) -> str:
    spec = _specs().get(option_id)
    return spec.name if spec is not None else option_id


def _rgba(hex_color: str, alpha: float) -> str:
    h = hex_color.lstrip("#")
    r, g, b = (int(h[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"


def _years_words(years: int | None) -> str:
    if years is None:
        return "over the horizon"
    return f"over {years:g} year" + ("" if years == 1 else "s")


def _npv_axis_title(years: int | None) -> str:
    return f"Cost {_years_words(years)}, today's money"


# Of Plotly's "plotly_white" template, the parts these charts use: its layout without the polar,
# ternary, 3-D, map and colour-scale settings, and its defaults for the trace types drawn here.
# Copying (and validating) the whole template into every figure took ~12 ms a figure and added
# ~7 kB to each chart sent to the browser; this subset draws the same and takes ~3 ms.
_TEMPLATE_LAYOUT = (
    "annotationdefaults",
    "autotypenumbers",
    "colorway",
    "font",
    "hoverlabel",
    "hovermode",
    "paper_bgcolor",
    "plot_bgcolor",
    "shapedefaults",
    "title",
    "xaxis",
    "yaxis",
)
_TEMPLATE_TRACES = ("bar", "heatmap", "scatter", "violin")


@lru_cache(maxsize=1)
def _template_json() -> str:
    full = pio.templates["plotly_white"].to_plotly_json()
    return json.dumps(
        {
            "layout": {k: v for k, v in full["layout"].items() if k in _TEMPLATE_LAYOUT},
            "data": {k: v for k, v in full["data"].items() if k in _TEMPLATE_TRACES},
        },
        cls=PlotlyJSONEncoder,
    )


def template() -> dict:
    """The charts' template (a fresh dict): "plotly_white", cut to what these charts use."""
    return json.loads(_template_json())


# Every chart is assembled as plain dicts and lists (traces, one layout, annotations, shapes) and
# made into a figure once, at the end, unchecked. Plotly's object tree is slow even unchecked:
# building through add_trace / update_layout / update_xaxes / make_subplots took 15-70 ms a chart,
# and every chart is rebuilt on every rerun; go.Figure(finished dict, unchecked) takes ~0.3 ms.
# Unchecked means a misspelt property would not raise here, so tests/unit/test_charts.py checks
# every chart against Plotly's schema.
UNCHECKED = {"_validate": False}


def _figure(data: list[dict], layout: dict) -> go.Figure:
    """The finished figure, made once from plain dicts, with the charts' template."""
    return go.Figure({"data": data, "layout": {"template": template(), **layout}}, **UNCHECKED)


def _merge(target: dict, patch: dict) -> dict:
    """Merge ``patch`` into ``target`` (in place) the way ``fig.update_layout`` does: nested dicts
    key by key, anything else replaced. Dicts are copied, never shared between two places."""
    for k, v in patch.items():
        if isinstance(v, dict):
            _merge(target.setdefault(k, {}), v)
        else:
            target[k] = v
    return target


def _update_axes(layout: dict, letter: str, patch: dict) -> dict:
    """``fig.update_xaxes(**patch)`` (letter "x") or ``update_yaxes``: merge into every axis of
    that letter (xaxis, xaxis2, ...); a figure always has at least "xaxis" and "yaxis"."""
    layout.setdefault(f"{letter}axis", {})
    for key in [k for k in layout if k.startswith(f"{letter}axis")]:
        _merge(layout[key], patch)
    return layout


def _style(
    layout: dict, height: int = 460, money_axis: str | None = None, legend: bool = True
) -> dict:
    """The shared look, merged into ``layout`` (returned): white, large type, legend on top, money
    ticks like $1.2M."""
    _merge(
        layout,
        dict(
            height=height,
            font=dict(family=FONT_FAMILY, size=FONT_SIZE, color=TEXT_COLOR),
            margin=dict(l=10, r=30, t=60 if legend else 20, b=10),
            showlegend=legend,
            legend=dict(
                orientation="h",
                x=0,
                xanchor="left",
                y=1.02,
                yanchor="bottom",
                font=dict(size=TICK_SIZE),
                title=dict(text=""),
                bgcolor="rgba(255,255,255,0)",
            ),
            hoverlabel=dict(font=dict(family=FONT_FAMILY, size=TICK_SIZE), align="left"),
            separators=".,",
        ),
    )
    axis = dict(
        tickfont=dict(size=TICK_SIZE),
        title=dict(font=dict(size=FONT_SIZE)),
        gridcolor=GRID_COLOR,
        zerolinecolor="#BBBBC2",
        automargin=True,
    )
    _update_axes(layout, "x", axis)
    _update_axes(layout, "y", dict(axis, ticklabelstandoff=6))
    if money_axis is not None:
        _update_axes(layout, money_axis, dict(tickprefix="$", tickformat="~s"))
    return layout


# Trace, annotation and axis pieces that recur below.
_HOVERTEXT = "%{hovertext}<extra></extra>"  # hover shows the trace's hovertext, no trace name


def _hbar(**props) -> dict:
    """A horizontal bar trace."""
    return dict(type="bar", orientation="h", **props)


def _legend_entry(name: str, marker: dict, kind: str = "scatter") -> dict:
    """A trace with no data, only there to put ``name`` and a marker in the legend."""
    props = dict(mode="markers") if kind == "scatter" else {}
    return dict(type=kind, x=[None], y=[None], **props, name=name, marker=marker, hoverinfo="skip")


def _label(x, y, text: str, **props) -> dict:
    """A text annotation at (x, y) with no arrow."""
    return dict(x=x, y=y, text=text, showarrow=False, **props)


def _vertical(kind: str, x0: float, x1: float, **props) -> dict:
    """A "line" or "rect" shape from x0 to x1 on the x axis, over the plot's whole height: what
    ``fig.add_vline`` and ``fig.add_vrect`` add (y in "y domain" units, 0 to 1)."""
    return dict(type=kind, x0=x0, x1=x1, xref="x", y0=0, y1=1, yref="y domain", **props)


def _rows_axis(tickvals: list, ticktext: list, **props) -> dict:
    """A y axis of labelled rows (one tick each, labelled ``ticktext``), the first on top."""
    return dict(
        autorange="reversed", tickmode="array", tickvals=tickvals, ticktext=ticktext, **props
    )


def _bold_winner(opts, win: str) -> list[str]:
    """Options' short names, the recommended one in bold."""
    return [f"<b>{o.short_name}</b>" if o.id == win else o.short_name for o in opts]


# ---------------------------------------------------------------------------------- comparison
def _option_bars(
    comparison, values: dict[str, float], axis_title: str, hover_what: str, hover_unit: str = ""
) -> go.Figure:
    """Horizontal bars, one per option, cheapest at the top, the recommended option highlighted."""
    opts = sorted(comparison.options, key=lambda o: values[o.id])
    best = min(values[o.id] for o in opts)
    win = comparison.recommended
    labels, hover = [], []
    for o in opts:
        v = values[o.id]
        if o.id == win:
            labels.append(f"<b>{money(v)}</b>  recommended")
        elif v - best >= 0.5:
            labels.append(f"{money(v)}  (+{money(v - best)})")
        else:
            labels.append(money(v))
        hover.append(
            f"<b>{o.name}</b><br>{hover_what}: {money(v, exact=True)}{hover_unit}"
            + (
                "<br>Recommended"
                if o.id == win
                else f"<br>{money(v - best, exact=True)} more than the cheapest"
            )
        )
    y = [o.short_name for o in opts]
    bars = _hbar(
        x=[values[o.id] for o in opts],
        y=y,
        name=axis_title,
        marker=dict(
            color=[o.color for o in opts],
            opacity=[1.0 if o.id == win else FADED_OPACITY for o in opts],
            line=dict(color=["#222222" if o.id == win else "rgba(0,0,0,0)" for o in opts], width=2),
        ),
        text=labels,
        textposition="outside",
        textfont=dict(size=FONT_SIZE),
        cliponaxis=False,
        hovertext=hover,
        hovertemplate=_HOVERTEXT,
        customdata=[o.id for o in opts],
    )
    top = max(values.values())
    layout = dict(
        # 32% headroom on the right for the labels written beyond the bar ends
        xaxis=dict(title=dict(text=axis_title), range=[0, top * 1.32], rangemode="tozero"),
        yaxis=_rows_axis(y, _bold_winner(opts, win)),
        bargap=0.3,
    )
    return _figure(
        [bars], _style(layout, height=110 + 62 * len(opts), money_axis="x", legend=False)
    )


def cost_bars(comparison) -> go.Figure:
    """NPV of every option, cheapest at the top; the recommended option bold, the others faded.

    One horizontal ``Bar`` trace; bar labels give the rounded cost and the extra over the cheapest.
    """
    values = {o.id: o.npv for o in comparison.options}
    return _option_bars(
        comparison, values, _npv_axis_title(comparison.years), "Cost in today's money (NPV)"
    )


def per_employee_bars(comparison) -> go.Figure:
    """Cost per employee per year (undiscounted total / employees / years), cheapest at the top."""
    values = {o.id: o.cost_per_employee_year for o in comparison.options}
    return _option_bars(
        comparison, values, "Cost per employee per year", "Cost per employee per year", ""
    )


def breakdown_stacked(comparison) -> go.Figure:
    """Each option's total over the horizon (upfront included, not discounted), by category.

    Horizontal stacked bars, one ``Bar`` trace per category in ``CATEGORIES`` order, options in the
    same order as :func:`cost_bars` would put them by total; each bar's total is written at its end.
    """
    df = comparison.breakdown_frame()
    totals = df.groupby(["option", "category"], sort=False)["cost"].sum()
    opts = sorted(comparison.options, key=lambda o: o.total)
    y = [o.short_name for o in opts]
    win = comparison.recommended
    bars = []
    for c in CATEGORIES:
        xs = [float(totals.get((o.id, c), 0.0)) for o in opts]
        bars.append(
            _hbar(
                x=xs,
                y=y,
                name=CATEGORY_LABELS[c],
                marker=dict(color=CATEGORY_COLORS[c], line=dict(color="white", width=1)),
                customdata=[
                    [o.name, money(v, exact=True), v / o.total if o.total else 0]
                    for o, v in zip(opts, xs, strict=True)
                ],
                hovertemplate=(
                    f"<b>%{{customdata[0]}}</b><br>{CATEGORY_LABELS[c]}: "
                    "%{customdata[1]} (%{customdata[2]:.0%} of the total)<extra></extra>"
                ),
            )
        )
    # each bar's total, just beyond its end
    totals_text = [
        _label(
            o.total,
            o.short_name,
            f"<b>{money(o.total)}</b>",
            xanchor="left",
            xshift=8,
            font=dict(size=FONT_SIZE),
        )
        for o in opts
    ]
    layout = dict(
        annotations=totals_text,
        barmode="stack",
        bargap=0.3,
        legend=dict(traceorder="normal"),
        xaxis=dict(
            title=dict(text=f"Total cost {_years_words(comparison.years)}, before discounting"),
            range=[0, max(o.total for o in opts) * 1.18],
        ),  # room for the totals
        yaxis=_rows_axis(y, _bold_winner(opts, win)),
    )
    return _figure(bars, _style(layout, height=150 + 62 * len(opts), money_axis="x"))


def crossovers(monthly_df: pd.DataFrame) -> pd.DataFrame:
    """Where two options' cumulative cost lines cross.

    ``monthly_df`` has columns ``option``, ``month`` and ``cumulative`` (as from
    ``Comparison.monthly_cumulative()``). Returns one row per crossing, sorted by month:
    ``option_a`` becomes cheaper than ``option_b`` at ``month`` (fractional: the crossing point,
    interpolated linearly between month ends), where both have spent ``cumulative``. Lines that only
    touch, or coincide, do not count.

    Examples
    --------
    >>> df = pd.DataFrame({"option": ["a"] * 3 + ["b"] * 3, "month": [0, 1, 2] * 2,
    ...                    "cumulative": [10, 20, 30, 0, 20, 40]})
    >>> crossovers(df).to_dict("records")
    [{'option_a': 'a', 'option_b': 'b', 'month': 1.0, 'cumulative': 20.0}]
    """
    cols = ["option_a", "option_b", "month", "cumulative"]
    wide = monthly_df.pivot_table(
        index="month", columns="option", values="cumulative", aggfunc="first", sort=True
    )
    order = list(dict.fromkeys(monthly_df["option"]))
    months = wide.index.to_numpy(float)
    rows = []
    for i, a in enumerate(order):
        for b in order[i + 1 :]:
            d = (wide[a] - wide[b]).to_numpy(float)
            last = None  # index of the last month where the two differed
            for k in range(len(d)):
                if not np.isfinite(d[k]) or d[k] == 0:
                    continue
                if last is not None and np.sign(d[k]) != np.sign(d[last]):
                    if k == last + 1:  # interpolate inside the month
                        f = d[last] / (d[last] - d[k])
                        m = months[last] + f * (months[k] - months[last])
                        cum = wide[a].iloc[last] + f * (wide[a].iloc[k] - wide[a].iloc[last])
                    else:  # equal over some months: the crossing is where they first met
                        m, cum = months[last + 1], wide[a].iloc[last + 1]
                    cheaper, dearer = (a, b) if d[k] < 0 else (b, a)
                    rows.append(
                        {
                            "option_a": cheaper,
                            "option_b": dearer,
                            "month": float(m),
                            "cumulative": float(cum),
                        }
                    )
                last = k
    out = pd.DataFrame(rows, columns=cols)
    return out.sort_values("month", kind="stable", ignore_index=True)


def _month_words(month: float) -> int:
    """The month (1-based, month 0 = today) during which a crossing at ``month`` happens."""
    return int(math.floor(month + 1e-9)) + 1


def cumulative_lines(comparison) -> go.Figure:
    """Money spent so far, month by month, one line per option; crossings marked.

    One ``Scatter`` line per option (the recommended one thicker), then, if any two lines cross,
    one marker trace named "Where lines cross" whose hover says "X becomes cheaper than Y in
    month N".
    """
    df = comparison.monthly_cumulative()
    win = comparison.recommended
    traces = []
    for o in comparison.options:
        d = df[df["option"] == o.id]
        traces.append(
            dict(
                type="scatter",
                x=d["month"].to_numpy(),
                y=d["cumulative"].to_numpy(),
                mode="lines",
                name=o.short_name,
                line=dict(color=o.color, width=5 if o.id == win else 3),
                hovertemplate=(
                    f"<b>{o.name}</b><br>Month %{{x}}: %{{y:$,.0f}} spent so far<extra></extra>"
                ),
            )
        )
    cx = crossovers(df)
    if len(cx):
        names = {o.id: o.name for o in comparison.options}
        text = [
            f"{names.get(r.option_a, r.option_a)} becomes cheaper than "
            f"{names.get(r.option_b, r.option_b)} in month {_month_words(r.month)}"
            for r in cx.itertuples()
        ]
        traces.append(
            dict(
                type="scatter",
                x=cx["month"].to_numpy(),
                y=cx["cumulative"].to_numpy(),
                mode="markers",
                name="Where lines cross",
                marker=dict(
                    symbol="circle", size=15, color="white", line=dict(color="#222222", width=3)
                ),
                hovertext=text,
                hovertemplate="%{hovertext}<br>%{y:$,.0f} spent by then<extra></extra>",
            )
        )
    months = int(df["month"].max())
    # write out where the recommended option pulls ahead (its break-even points, at most two),
    # from the empty lower-right corner that rising cost lines always leave
    top = float(df["cumulative"].max())
    notes = []
    for j, r in enumerate(r for r in cx.itertuples() if r.option_a == win):
        if j == 2:
            break
        tx = min(r.month + months * 0.12, months * 0.55)
        notes.append(
            dict(
                x=r.month,
                y=r.cumulative,
                ax=tx,
                ay=top * (0.06 + 0.16 * j),
                axref="x",
                ayref="y",
                text=f"From month {_month_words(r.month)}, {_short(win)} is cheaper than "
                f"{in_sentence(_short(r.option_b))}",
                showarrow=True,
                arrowhead=0,
                arrowwidth=1.5,
                arrowcolor="#555555",
                xanchor="left",
                font=dict(size=TICK_SIZE),
                bgcolor="rgba(255,255,255,0.85)",
            )
        )
    step = 12 if months <= 120 else 24
    layout = dict(
        xaxis=dict(
            title=dict(text="Months from today"),
            tickmode="array",
            tickvals=list(range(0, months + 1, step)),
            range=[-months * 0.02, months * 1.02],
            showgrid=True,
        ),
        yaxis=dict(title=dict(text="Spent so far, before discounting"), rangemode="tozero"),
        hovermode="closest",
    )
    if notes:
        layout["annotations"] = notes
    return _figure(traces, _style(layout, height=480, money_axis="y"))


# ---------------------------------------------------------------------------------- where each wins
def _log_edges(x: np.ndarray) -> np.ndarray:
    """Cell edges for log-spaced centres: geometric midpoints, ends extended by half a step."""
    lx = np.log(x)
    if len(lx) == 1:
        return np.exp(np.array([lx[0] - 0.1, lx[0] + 0.1]))
    mid = (lx[1:] + lx[:-1]) / 2
    return np.exp(np.concatenate([[lx[0] - (mid[0] - lx[0])], mid, [lx[-1] + (lx[-1] - mid[-1])]]))


def _employee_ticks(lo: float, hi: float) -> tuple[list[float], list[str]]:
    ticks = [
        v
        for v in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000)
        if lo * 0.999 <= v <= hi * 1.001
    ]
    return ticks, [f"{v:,}" for v in ticks]


def frontier_map(frontier, current_employees: float, current_projects: float) -> go.Figure:
    """The cheapest option over company size (log x) x projects a year, and where you are.

    One ``Heatmap`` trace whose ``z`` is the index of the cheapest option in
    ``frontier.option_ids`` (a discrete colorscale gives each option its colour), then one legend
    entry per option that wins somewhere, then a star marker with the annotation "You are here".
    """
    ids = list(frontier.option_ids)
    n = len(ids)
    index = {i: k for k, i in enumerate(ids)}
    z = np.vectorize(index.__getitem__, otypes=[int])(frontier.cheapest)
    colorscale = []
    for k, i in enumerate(ids):
        colorscale += [[k / n, _color(i)], [(k + 1) / n, _color(i)]]
    emp = np.asarray(frontier.employees, float)
    proj = np.asarray(frontier.projects, float)
    names = np.asarray([_name(i) for i in ids], dtype=object)[z]
    margin = np.asarray(frontier.margin, float)
    emp_grid = np.broadcast_to(emp[None, :], z.shape)
    customdata = np.stack([emp_grid, margin], axis=-1)
    edges = _log_edges(emp)
    traces = [
        dict(
            type="heatmap",
            z=z,
            x=edges,
            y=proj,
            zmin=-0.5,
            zmax=n - 0.5,
            colorscale=colorscale,
            showscale=False,
            text=names,
            customdata=customdata,
            name="Cheapest option",
            hovertemplate=(
                "<b>%{text}</b> is cheapest<br>%{customdata[0]:,.0f} employees, "
                "%{y:g} projects a year<br>%{customdata[1]:$,.0f} less than the next best "
                "(today's money)<extra></extra>"
            ),
            hoverongaps=False,
        )
    ]
    present = set(np.unique(z).tolist())
    traces += [
        _legend_entry(_short(i), dict(symbol="square", size=16, color=_color(i)))
        for k, i in enumerate(ids)
        if k in present
    ]
    traces.append(
        dict(
            type="scatter",
            x=[current_employees],
            y=[current_projects],
            mode="markers",
            name="You are here",
            showlegend=False,
            marker=dict(
                symbol="star", size=26, color="white", line=dict(color="#111111", width=2.5)
            ),
            hovertemplate=(
                f"<b>You are here</b><br>{current_employees:,.0f} employees, "
                f"{current_projects:g} projects a year<extra></extra>"
            ),
        )
    )
    # on a log axis an annotation's x is given as log10 of the value
    you = dict(
        x=math.log10(current_employees),
        y=current_projects,
        text="<b>You are here</b>",
        showarrow=True,
        arrowhead=0,
        arrowwidth=2,
        arrowcolor="#111111",
        ax=0,
        ay=-42,
        font=dict(size=FONT_SIZE, color="#111111"),
        bgcolor="rgba(255,255,255,0.9)",
        bordercolor="#111111",
        borderpad=4,
    )
    tv, tt = _employee_ticks(emp.min(), emp.max())
    step = float(proj[1] - proj[0]) if len(proj) > 1 else 1.0
    layout = dict(
        annotations=[you],
        xaxis=dict(
            type="log",
            title=dict(text="Employees"),
            tickmode="array",
            tickvals=tv,
            ticktext=tt,
            range=[math.log10(edges[0]), math.log10(edges[-1])],
            showgrid=False,
        ),
        yaxis=dict(
            title=dict(text="IT projects a year"),
            showgrid=False,
            range=[proj.min() - step / 2, proj.max() + step / 2],
        ),
    )
    return _figure(traces, _style(layout, height=520))


def crossover_curves(
    frontier, loads: Sequence[float] = (0, 2, 5, 10), years: int | None = None
) -> go.Figure:
    """Cost per employee per year of each option over company size, one panel per project load.

    ``loads`` are matched to the nearest project counts in the frontier grid. ``years`` turns the
    frontier's NPV into a yearly figure (pass ``scenario.years``; defaults to
    ``frontier.years`` if the model provides it, else 5). Both axes are on a log scale, so lines
    that cross are easy to see. One ``Scatter`` per option per panel; the legend lists each
    option once.
    """
    years = years or getattr(frontier, "years", None) or 5
    proj = np.asarray(frontier.projects, float)
    emp = np.asarray(frontier.employees, float)
    picks = []
    for load in loads:
        k = int(np.argmin(np.abs(proj - load)))
        if k not in picks:
            picks.append(k)
    cols = 1 if len(picks) == 1 else 2
    rows = math.ceil(len(picks) / cols)

    def _title(n: float) -> str:
        return "No projects a year" if n == 0 else f"{n:g} project{'' if n == 1 else 's'} a year"

    layout, cells = _subplot_grid(
        rows,
        cols,
        [_title(proj[k]) for k in picks],
        h_gap=0.04,
        v_gap=0.12,
        title_font=dict(size=FONT_SIZE, family=FONT_FAMILY),
    )
    per = np.asarray(frontier.npv, float) / emp[None, None, :] / years
    traces = []
    for p, k in enumerate(picks):
        cell = cells[p // cols][p % cols]
        for o, i in enumerate(frontier.option_ids):
            traces.append(
                dict(
                    type="scatter",
                    x=emp,
                    y=per[o, k],
                    mode="lines",
                    name=_short(i),
                    legendgroup=i,
                    showlegend=p == 0,
                    line=dict(color=_color(i), width=3),
                    hovertemplate=(
                        f"<b>{_name(i)}</b><br>%{{x:,.0f}} employees: "
                        "%{y:$,.0f} per employee per year<extra></extra>"
                    ),
                    xaxis=f"x{cell}",
                    yaxis=f"y{cell}",
                )
            )
    tv, tt = _employee_ticks(emp.min(), emp.max())
    tv, tt = tv[::2] if len(tv) > 7 else tv, tt[::2] if len(tt) > 7 else tt
    shown = per[:, picks]
    yv, yt = _money_log_ticks(float(np.nanmin(shown)), float(np.nanmax(shown)))
    _update_axes(layout, "x", dict(type="log", tickmode="array", tickvals=tv, ticktext=tt))
    # every panel on one y scale (_subplot_grid shares it along each row only)
    _update_axes(
        layout, "y", dict(type="log", tickmode="array", tickvals=yv, ticktext=yt, matches="y")
    )
    for cell in cells[-1]:  # the bottom row
        _merge(layout[f"xaxis{cell}"], dict(title=dict(text="Employees")))
    for cell in (row[0] for row in cells):  # the left column
        _merge(layout[f"yaxis{cell}"], dict(title=dict(text="Per employee per year")))
    height = 130 + 300 * rows
    _style(layout, height=height)
    # the legend sits 40 px above the plot area (height less the 100 + 10 px top/bottom margins)
    _merge(
        layout,
        dict(margin=dict(t=100), legend=dict(y=1 + 40 / (height - 110)), hovermode="x unified"),
    )
    return _figure(traces, layout)


def _subplot_grid(
    rows: int, cols: int, titles: Sequence[str], h_gap: float, v_gap: float, title_font: dict
) -> tuple[dict, list[list[str]]]:
    """The layout of a grid of panels, as ``make_subplots(rows, cols, shared_xaxes=True,
    shared_yaxes=True, subplot_titles=titles, horizontal_spacing=h_gap, vertical_spacing=v_gap)``
    makes it (same arithmetic, so the same floats), and the panels' axis suffixes.

    Panel (r, c), counted from the top left, has axes x{n} and y{n} with n = r * cols + c + 1
    ("x" and "y" for n = 1); ``cells[r][c]`` is that suffix, "" or "2" ... Titles go above the
    panels in the same order; empty or surplus titles are left out. Each column shares the x axis
    of its bottom panel, each row the y axis of its left panel; shared axes hide their tick labels.
    """
    cells = [[str(r * cols + c + 1) if r or c else "" for c in range(cols)] for r in range(rows)]
    widths = [(1.0 - h_gap * (cols - 1)) / cols] * cols
    heights = [(1.0 - v_gap * (rows - 1)) / rows] * rows
    layout, titled = {}, []
    for r in range(rows):
        k = rows - 1 - r  # rows counted from the bottom, where the y domain starts
        y_start = sum(heights[:k]) + k * v_gap
        y0, y1 = (min(1.0, max(0.0, y)) for y in (y_start, y_start + heights[k]))
        for c in range(cols):
            x0 = sum(widths[:c]) + c * h_gap
            x1 = x0 + widths[c]
            cell = cells[r][c]
            layout[f"xaxis{cell}"] = dict(domain=[max(0.0, x0), min(1.0, x1)], anchor=f"y{cell}")
            layout[f"yaxis{cell}"] = dict(domain=[y0, y1], anchor=f"x{cell}")
            titled.append(((x0 + x1) / 2.0, y1))  # a title's x: the middle of the unclamped x0, x1
    layout["annotations"] = [
        dict(
            y=y,
            xref="paper",
            x=x,
            yref="paper",
            text=t,
            showarrow=False,
            font=dict(title_font),
            xanchor="center",
            yanchor="bottom",
        )
        for t, (x, y) in zip(titles, titled, strict=False)
        if t
    ]
    for c in range(cols):
        for r in range(rows - 1):
            _merge(
                layout[f"xaxis{cells[r][c]}"],
                dict(matches=f"x{cells[-1][c]}", showticklabels=False),
            )
    for row in cells:
        for cell in row[1:]:
            _merge(layout[f"yaxis{cell}"], dict(matches=f"y{row[0]}", showticklabels=False))
    return layout, cells


def _money_log_ticks(lo: float, hi: float) -> tuple[list[float], list[str]]:
    """Ticks at 1, 2, 5 x 10^n dollars between ``lo`` and ``hi``, written like $20k."""
    lo, hi = max(lo, 1.0), max(hi, 1.0)
    vals = [
        m * 10.0**e
        for e in range(int(math.floor(math.log10(lo))), int(math.ceil(math.log10(hi))) + 1)
        for m in (1, 2, 5)
    ]
    vals = [v for v in vals if lo / 1.5 <= v <= hi * 1.5]
    return vals, [money(v) for v in vals]


# ---------------------------------------------------------------------------------- risk
def _sorted_summary(simulation) -> pd.DataFrame:
    summ = simulation.summary().sort_values("p50", kind="stable", ignore_index=True)
    return summ.astype({c: float for c in ("p10", "p50", "p90", "mean", "p_cheapest")})


def risk_distributions(simulation, years: int | None = None) -> go.Figure:
    """The spread of each option's cost over Monte Carlo trials, cheapest middle outcome on top.

    One horizontal ``Violin`` trace per option (from ``samples_frame()``), then two marker traces
    from ``summary()``: "1 in 10 chance of less / more (P10, P90)" as bars and "Middle outcome
    (P50)" as dots. The x range stops at the 1st to 99th percentile so the fat tail does not squash
    the rest (hover still gives every figure).
    """
    summ = _sorted_summary(simulation)
    samples = simulation.samples_frame()
    order = list(summ["option"])
    y = [_short(i) for i in order]
    traces = []
    for i in order:
        d = samples.loc[samples["option"] == i, "npv"].to_numpy(float)
        # y as an array, not a list of 2,000 strings: the figure copies its data (twice with
        # to_json), and a list is copied string by string; the JSON is the same
        traces.append(
            dict(
                type="violin",
                x=d,
                y=np.full(len(d), _short(i)),
                orientation="h",
                name=_short(i),
                showlegend=False,
                line=dict(color=_color(i), width=2),
                fillcolor=_rgba(_color(i), 0.35),
                points=False,
                box=dict(visible=False),
                meanline=dict(visible=False),
                spanmode="hard",
                width=0.85,
                hoveron="violins",
                scalemode="width",
                hovertemplate=f"<b>{_name(i)}</b><extra></extra>",
            )
        )
    text_p = [
        f"<b>{_name(i)}</b><br>1 in 10 chance of less than {money(a, exact=True)}"
        f"<br>Middle outcome: {money(b, exact=True)}"
        f"<br>1 in 10 chance of more than {money(c, exact=True)}"
        for i, a, b, c in zip(order, summ["p10"], summ["p50"], summ["p90"], strict=True)
    ]
    traces.append(
        dict(
            type="scatter",
            x=list(summ["p10"]) + list(summ["p90"]),
            y=y + y,
            mode="markers",
            name="P10 and P90: 1 in 10 chance of less, 1 in 10 of more",
            hovertext=text_p + text_p,
            hovertemplate=_HOVERTEXT,
            marker=dict(symbol="line-ns", size=30, line=dict(color="#222222", width=3)),
        )
    )
    traces.append(
        dict(
            type="scatter",
            x=summ["p50"].to_numpy(float),
            y=y,
            mode="markers",
            name="Middle outcome (P50)",
            hovertext=text_p,
            hovertemplate=_HOVERTEXT,
            marker=dict(
                symbol="circle", size=15, color="white", line=dict(color="#222222", width=3)
            ),
        )
    )
    lo = min(np.percentile(simulation.npv[i], 1) for i in order)
    hi = max(np.percentile(simulation.npv[i], 99) for i in order)
    pad = (hi - lo) * 0.03
    layout = dict(
        xaxis=dict(title=dict(text=_npv_axis_title(years)), range=[lo - pad, hi + pad]),
        yaxis=_rows_axis(y, y, categoryorder="array", categoryarray=y),
        violingap=0.15,
        violinmode="overlay",
        legend=dict(itemsizing="constant"),
    )
    return _figure(traces, _style(layout, height=140 + 85 * len(order), money_axis="x"))


def _chance_words(p: float) -> str:
    if p <= 0:
        return "never cheapest"
    if p < 0.01:
        return "cheapest under 1% of the time"
    return f"cheapest {p:.0%} of the time"


def risk_range_bars(simulation, years: int | None = None) -> go.Figure:
    """The plain reading of risk: P10 to P90 as a bar, P50 as a dot, cheapest P50 on top.

    Two data traces: a ``Bar`` "Likely range (8 in 10 outcomes)" from P10 to P90 in each option's
    colour, and a ``Scatter`` "Middle outcome" of P50 dots; then two grey legend-only traces that
    explain the shapes. The chance each option is the cheapest is written beside its bar.
    """
    summ = _sorted_summary(simulation)
    order = list(summ["option"])
    y = [_short(i) for i in order]
    colors = [_color(i) for i in order]
    hover = [
        f"<b>{_name(i)}</b><br>8 in 10 outcomes between {money(a, exact=True)} and "
        f"{money(c, exact=True)}<br>Middle outcome: {money(b, exact=True)}"
        f"<br>{_chance_words(p).capitalize()} in the simulation"
        for i, a, b, c, p in zip(
            order, summ["p10"], summ["p50"], summ["p90"], summ["p_cheapest"], strict=True
        )
    ]
    traces = [
        # base as a list: Plotly sends an array of bar bases as a JSON list (not packed binary)
        _hbar(
            x=(summ["p90"] - summ["p10"]).to_numpy(float),
            base=summ["p10"].tolist(),
            y=y,
            name="Likely range (8 in 10 outcomes)",
            showlegend=False,
            marker=dict(color=[_rgba(c, 0.55) for c in colors], line=dict(color=colors, width=2)),
            hovertext=hover,
            hovertemplate=_HOVERTEXT,
        ),
        dict(
            type="scatter",
            x=summ["p50"].to_numpy(float),
            y=y,
            mode="markers",
            name="Middle outcome",
            showlegend=False,
            marker=dict(
                symbol="circle", size=18, color=colors, line=dict(color="#222222", width=2.5)
            ),
            hovertext=hover,
            hovertemplate=_HOVERTEXT,
        ),
        # legend in neutral grey: the colours belong to the options, the shapes to the reading
        _legend_entry(
            "Likely range (8 in 10 outcomes)",
            dict(color="rgba(120,120,120,0.45)", line=dict(color="#555555", width=2)),
            kind="bar",
        ),
        _legend_entry(
            "Middle outcome",
            dict(symbol="circle", size=16, color="#999999", line=dict(color="#222222", width=2.5)),
        ),
    ]
    chances = [
        _label(
            p90,
            i,
            _chance_words(p),
            xanchor="left",
            xshift=10,
            font=dict(size=TICK_SIZE, color="#555"),
        )
        for i, p, p90 in zip(y, summ["p_cheapest"], summ["p90"], strict=True)
    ]
    hi = float(summ["p90"].max())
    lo = float(summ["p10"].min())
    layout = dict(
        annotations=chances,
        # 8% of the spread before the lowest P10, 28% after the highest P90 for the chances
        xaxis=dict(
            title=dict(text=_npv_axis_title(years)),
            range=[max(0.0, lo - (hi - lo) * 0.08), hi + (hi - lo) * 0.28],
        ),
        yaxis=_rows_axis(y, y),
        bargap=0.45,
    )
    return _figure(traces, _style(layout, height=150 + 62 * len(order), money_axis="x"))


# ---------------------------------------------------------------------------------- sensitivity
def _fmt_value(v: float, unit: str) -> str:
    """An assumption's value with its unit, for people: $200/hour, 20%, 1.75x, 4 months."""
    unit = (unit or "").strip()
    if unit.startswith("USD"):
        rest = unit[3:]
        return money(v) + (rest if rest.startswith("/") else "")
    if unit.startswith(("fraction", "probability")):
        return f"{v * 100:.3g}%"
    if unit.startswith("x"):
        return f"{v:g}x"
    return f"{v:g} {unit}".strip()


def tornado(sens_df: pd.DataFrame, top: int = 12) -> go.Figure:
    """Which assumptions move the verdict most: the gap between the two best options, low to high.

    Rows are the ``top`` assumptions by ``swing`` (largest at the top). Two ``Bar`` traces,
    "At its low value" and "At its high value", start at the base gap and reach ``gap_low`` and
    ``gap_high``; each bar end is labelled with the assumption's value. A bar is vermillion
    (:data:`FLIP_COLOR`) when that value makes another option the cheapest, slate otherwise, and the
    rows of assumptions that flip the verdict say so in their axis label. A dashed line at 0 is
    labelled "verdict flips beyond here" (the area beyond it is shaded); a solid line marks today's
    gap. Two legend-only traces explain the colours.
    """
    df = sens_df.sort_values("swing", ascending=False, kind="stable").head(top)
    df = df.reset_index(drop=True)
    base = float(sens_df.attrs.get("base_gap", 0.0))
    rec = sens_df.attrs.get("recommended", "")
    run = sens_df.attrs.get("runner_up", "")
    units = df["unit"] if "unit" in df else pd.Series([""] * len(df))
    flips = df["flips"].astype(bool).to_numpy()
    pos = list(range(len(df)))
    ticktext, lines = [], 1
    for label, f in zip(df["label"], flips, strict=True):
        parts = textwrap.wrap(str(label), 40, break_on_hyphens=False) or [str(label)]
        if f:
            parts.append(f"<span style='color:{FLIP_COLOR}'><b>flips the verdict</b></span>")
        lines = max(lines, len(parts))
        ticktext.append("<br>".join(parts))

    def _hover(r, side: str) -> str:
        v, gap, winner = r[side], r[f"gap_{side}"], r[f"winner_{side}"]
        head = (
            f"<b>{r['label']}</b><br>At its {side} value, "
            f"{_fmt_value(v, r['unit'] if 'unit' in r else '')}:"
        )
        if winner == rec:
            return (
                f"{head}<br>{_name(rec)} stays cheapest,<br>{money(gap, exact=True)} less than "
                f"{in_sentence(_name(run))}"
            )
        return f"{head}<br><b>{_name(winner)} becomes cheapest: flips the verdict</b>"

    traces = []
    for side, label in (("low", "At its low value"), ("high", "At its high value")):
        colors = [FLIP_COLOR if w != rec else KEEP_COLOR for w in df[f"winner_{side}"]]
        text = [_fmt_value(v, u) for v, u in zip(df[side], units, strict=True)]
        traces.append(
            _hbar(
                x=(df[f"gap_{side}"] - base).to_numpy(),
                base=[base] * len(df),
                y=pos,
                name=label,
                marker=dict(color=colors, line=dict(color="white", width=1)),
                text=text,
                textposition="outside",
                textfont=dict(size=TICK_SIZE, color="#444444"),
                cliponaxis=False,
                hovertext=[_hover(r, side) for _, r in df.iterrows()],
                hovertemplate=_HOVERTEXT,
                showlegend=False,
            )
        )
    # legend entries for the colours (the bar traces carry per-bar colours)
    traces += [
        _legend_entry(name, dict(symbol="square", size=16, color=color))
        for name, color in (("Keeps the verdict", KEEP_COLOR), ("Flips the verdict", FLIP_COLOR))
    ]
    lo = float(min(df["gap_low"].min(), df["gap_high"].min(), 0.0, base))
    hi = float(max(df["gap_low"].max(), df["gap_high"].max(), 0.0, base))
    span = (hi - lo) or 1.0
    left, right = lo - span * 0.2, hi + span * 0.2
    shapes = [  # as fig.add_vrect / add_vline make them: x in data, y the whole plot height
        _vertical(
            "rect", left, 0, fillcolor=_rgba(FLIP_COLOR, 0.07), line=dict(width=0), layer="below"
        ),  # shade where the verdict flips
        _vertical("line", 0, 0, line=dict(color=FLIP_COLOR, width=2, dash="dash")),
        _vertical("line", base, base, line=dict(color="#222222", width=2)),  # today's gap
    ]
    above = dict(xref="x", yref="paper", yanchor="bottom")  # y=1: just above the plot area
    notes = [
        _label(
            0,
            1,
            "verdict flips beyond here",
            xanchor="right",
            font=dict(color=FLIP_COLOR, size=TICK_SIZE),
            **above,
        ),
        _label(
            base, 1, f"today: {money(base)}", xanchor="left", font=dict(size=TICK_SIZE), **above
        ),
    ]
    row = max(50, 20 * lines + 16)
    height = 170 + row * len(df)
    layout = dict(
        annotations=notes,
        shapes=shapes,
        barmode="overlay",
        bargap=0.3,
        xaxis=dict(
            title=dict(
                text=f"How much less {_short(rec)} costs than "
                f"{in_sentence(_short(run))} (today's money)"
            ),
            range=[left, right],
            zeroline=False,
        ),
        yaxis=_rows_axis(pos, ticktext, showgrid=False, zeroline=False),
    )
    _style(layout, height=height, money_axis="x")
    # gaps go negative: "$~s" puts the sign before the dollar sign ("-$50k", not "$-50k")
    _update_axes(layout, "x", dict(tickprefix="", tickformat="$~s"))
    # the legend 34 px above the plot area, whose height is taken as the figure's less the 90 px
    # top margin and ~80 px for the x axis and its title
    plot_h = height - 90 - 80
    _merge(layout, dict(margin=dict(t=90), legend=dict(y=1 + 34 / plot_h)))
    return _figure(traces, layout)


# ---------------------------------------------------------------------------------- sparkline
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
