"""Where each option wins: the map of the cheapest option over company size and project load,
and the cost-per-employee curves that cross."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from vcio_model import money

from .style import (
    FONT_SIZE,
    TICK_SIZE,
    _color,
    _figure,
    _legend_entry,
    _merge,
    _name,
    _short,
    _style,
)


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
    return _figure(traces, _style(layout, height=480))  # with a projector's type, it fits 1080 px


def _load_words(n: float) -> str:
    return "no projects" if n == 0 else f"{n:g} a year"


def crossover_curves(
    frontier,
    loads: Sequence[float] = (0, 2, 5, 10),
    years: int | None = None,
    selected: float | None = None,
) -> go.Figure:
    """Cost per employee per year of each option over company size, for one project load at a time.

    One chart with a row of buttons, one per load (four small panels side by side were too cramped
    to read, on a projector as on a phone): the button picks which load's lines are shown.
    ``loads`` are matched to the nearest project counts in the frontier grid; ``selected`` (your
    own load) picks the button shown first, else the first. ``years`` turns the frontier's NPV
    into a yearly figure (pass ``scenario.years``; defaults to ``frontier.years`` if the model
    provides it, else 5). Both axes are on a log scale, so lines that cross are easy to see. One
    ``Scatter`` per option per load, in load order; only the shown load's lines are visible (and
    so in the legend).
    """
    years = years or getattr(frontier, "years", None) or 5
    proj = np.asarray(frontier.projects, float)
    emp = np.asarray(frontier.employees, float)
    picks = []
    for load in loads:
        k = int(np.argmin(np.abs(proj - load)))
        if k not in picks:
            picks.append(k)
    shown = 0
    if selected is not None:
        shown = min(range(len(picks)), key=lambda p: abs(proj[picks[p]] - selected))
    ids = list(frontier.option_ids)
    per = np.asarray(frontier.npv, float) / emp[None, None, :] / years
    traces = []
    for p, k in enumerate(picks):
        for o, i in enumerate(ids):
            traces.append(
                dict(
                    type="scatter",
                    x=emp,
                    y=per[o, k],
                    mode="lines",
                    name=_short(i),
                    legendgroup=i,
                    visible=p == shown,
                    line=dict(color=_color(i), width=3),
                    hovertemplate=(
                        f"<b>{_name(i)}</b><br>%{{x:,.0f}} employees, "
                        f"{_load_words(proj[k])}: %{{y:$,.0f}} per employee per year"
                        "<extra></extra>"
                    ),
                )
            )
    n = len(ids)
    buttons = [
        dict(
            label=f"{proj[k]:g}" if proj[k] else "None",
            method="restyle",
            args=[{"visible": [q // n == p for q in range(len(traces))]}],
        )
        for p, k in enumerate(picks)
    ]
    tv, tt = _employee_ticks(emp.min(), emp.max())
    yv, yt = _money_log_ticks(float(np.nanmin(per[:, picks])), float(np.nanmax(per[:, picks])))
    layout = dict(
        xaxis=dict(
            type="log", tickmode="array", tickvals=tv, ticktext=tt, title=dict(text="Employees")
        ),
        yaxis=dict(
            type="log",
            tickmode="array",
            tickvals=yv,
            ticktext=yt,
            title=dict(text="Per employee per year"),
        ),
        updatemenus=[
            dict(
                type="buttons",
                direction="right",
                buttons=buttons,
                active=shown,
                showactive=True,
                x=0,
                xanchor="left",
                y=1,
                yanchor="bottom",
                pad=dict(l=0, r=0, t=0, b=4),
                font=dict(size=TICK_SIZE),
                bgcolor="#F3F6FA",
                bordercolor="#BBBBC2",
            )
        ],
        annotations=[
            dict(
                text="IT projects a year:",
                x=0,
                xref="paper",
                xanchor="left",
                y=1.02,
                yref="paper",
                yanchor="bottom",
                yshift=38,  # above the row of buttons
                showarrow=False,
                font=dict(size=FONT_SIZE),
            )
        ],
        hovermode="x unified",
    )
    # the buttons above the plot, the legend under the axis title (from the figure's bottom)
    _style(layout, height=560)
    _merge(
        layout,
        dict(
            margin=dict(t=100, b=130),
            legend=dict(yref="container", y=0, yanchor="bottom", x=0, xanchor="left"),
        ),
    )
    return _figure(traces, layout)


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
