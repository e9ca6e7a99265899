"""Where each option wins: the map of the cheapest option over company size and project load,
and the cost-per-employee curves that cross."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from vcio_model import money

from .style import (
    FONT_FAMILY,
    FONT_SIZE,
    _color,
    _figure,
    _legend_entry,
    _merge,
    _name,
    _short,
    _style,
    _update_axes,
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
