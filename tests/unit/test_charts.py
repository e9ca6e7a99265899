"""The chart builders in vcio_app.charts, checked against the model's own numbers."""

from __future__ import annotations

import base64
import dataclasses
import json
import math
import re
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from vcio_app import charts
from vcio_app.charts import present
from vcio_app.charts.style import singled_out
from vcio_model import (
    CATEGORIES,
    CATEGORY_LABELS,
    Scenario,
    compare,
    frontier,
    load_assumptions,
    money,
    sensitivity,
    simulate,
    slider_curve,
)
from vcio_model.format import money_compared

ROOT = Path(__file__).resolve().parents[2]
OPTIONS_CSV = pd.read_csv(ROOT / "data" / "options.csv")
CSV_COLORS = dict(zip(OPTIONS_CSV["id"], OPTIONS_CSV["color"], strict=True))
CSV_SHORT = dict(zip(OPTIONS_CSV["id"], OPTIONS_CSV["short_name"], strict=True))
SHORT_TO_ID = {v: k for k, v in CSV_SHORT.items()}


# ---------------------------------------------------------------------------------- fixtures
@pytest.fixture(scope="module")
def comparison():
    return compare(Scenario())


@pytest.fixture(scope="module")
def small_frontier():
    return frontier(Scenario(), employees=np.geomspace(5, 5000, 20), projects=np.arange(0, 11))


@pytest.fixture(scope="module")
def simulation():
    return simulate(Scenario(), trials=500, seed=1)


@pytest.fixture(scope="module")
def sens_mixed():
    """A scenario where some of the top assumptions flip the verdict and some do not."""
    for employees, projects in ((1500, 8), (300, 5), (20, 1), (800, 3), (45, 3)):
        df = sensitivity(Scenario(employees=employees, projects_per_year=projects))
        if 0 < df.head(12)["flips"].sum() < 12:
            return df
    raise AssertionError("no test scenario mixes assumptions that flip the verdict and not")


def _json_ok(fig: go.Figure) -> dict:
    assert isinstance(fig, go.Figure)
    return json.loads(fig.to_json())


def _check_style(fig: go.Figure, money_axis: str | None = None) -> None:
    lay = fig.layout
    assert lay.font.size >= 15
    assert lay.title.text in (None, "")  # convention: no titles, pages put headings in Markdown
    assert lay.template.layout.paper_bgcolor in ("white", "#ffffff", "#FFFFFF", "rgb(255,255,255)")
    if lay.showlegend is not False:
        assert lay.legend.orientation == "h" and lay.legend.y >= 1  # on top
    if money_axis:
        ax = lay.xaxis if money_axis == "x" else lay.yaxis
        assert (ax.tickprefix, ax.tickformat) == ("$", "~s")
    for ax in (lay.xaxis, lay.yaxis):
        assert ax.tickfont.size >= 15


def _row_labels(fig: go.Figure) -> list[str]:
    """The labels written above a labelled-rows chart's bars, top to bottom, without markup."""
    rows = [a for a in fig.layout.annotations if a.xref == "paper" and a.yref == "y"]
    return [
        re.sub(r"<[^>]+>", "", a.text.replace("<br>", "  "))
        for a in sorted(rows, key=lambda a: a.y)
    ]


def _check_rows(fig: go.Figure, bar) -> None:
    """Labelled rows: each label above its own bar, top to bottom, in the plot's pixel units."""
    rows = sorted(
        (a for a in fig.layout.annotations if a.xref == "paper" and a.yref == "y"),
        key=lambda a: a.y,
    )
    assert fig.layout.yaxis.showticklabels is False and fig.layout.yaxis.range[0] > 0
    centers = list(bar.y)
    assert centers == sorted(centers) and len(rows) == len(centers)
    for a, y, w in zip(rows, centers, bar.width, strict=True):
        assert a.yanchor == "top" and a.y < y - w / 2  # the label starts above its bar


# ---------------------------------------------------------------------------------- colours
def test_option_colors_come_from_options_csv():
    assert charts.option_colors() == CSV_COLORS


def test_category_colors_cover_categories_in_order_and_differ_from_option_colors():
    cats = charts.category_colors()
    assert list(cats) == list(CATEGORIES)
    assert len(set(cats.values())) == len(CATEGORIES)
    assert not {c.lower() for c in cats.values()} & {c.lower() for c in CSV_COLORS.values()}


# ---------------------------------------------------------------------------------- cost bars
def test_cost_bars_values_order_colours_and_winner(comparison):
    fig = charts.cost_bars(comparison)
    _json_ok(fig)
    _check_style(fig, "x")
    assert len(fig.data) == 1
    bar = fig.data[0]
    _check_rows(fig, bar)
    ranked = sorted(comparison.options, key=lambda o: o.npv)
    labels = _row_labels(fig)
    assert [label.split("  ")[0] for label in labels] == [o.short_name for o in ranked]
    np.testing.assert_allclose(bar.x, [o.npv for o in ranked])
    assert list(bar.marker.color) == [CSV_COLORS[o.id] for o in ranked]
    # the options singled out (the winner, or both options of a close call) are first, fully
    # opaque and outlined, their labels bold; the others are faded
    assert ranked[0].id == comparison.recommended
    marked = singled_out(comparison)
    assert [o.id for o in ranked[: len(marked)]] == list(marked)
    op = list(bar.marker.opacity)
    assert op == [1.0 if o.id in marked else pytest.approx(0.5) for o in ranked]
    rows = sorted((a for a in fig.layout.annotations if a.yref == "y"), key=lambda a: a.y)
    assert all(a.text.startswith("<b>") for a in rows[: len(marked)])
    assert not any(a.text.startswith("<b>") for a in rows[len(marked) :])
    # labels: money to three figures, in the verdict's one vocabulary: a close call is "about
    # the same" for both, never "recommended"; the others say how much more than the cheapest
    amounts = money_compared([o.npv for o in ranked])
    for label, amount in zip(labels, amounts, strict=True):
        assert amount in label
    if comparison.close_call:
        assert all("about the same" in label for label in labels[:2])
        assert not any("recommended" in label or "cheapest" in label for label in labels)
    else:
        assert "recommended" in labels[0]
    assert f"(+{money(ranked[1].npv - ranked[0].npv)} more)" in labels[1]
    # hover has the exact figure
    assert money(ranked[0].npv, exact=True) in bar.hovertext[0]
    assert "5 years" in fig.layout.xaxis.title.text


def test_per_employee_bars_values(comparison):
    fig = charts.per_employee_bars(comparison)
    _json_ok(fig)
    _check_style(fig, "x")
    bar = fig.data[0]
    _check_rows(fig, bar)
    by_short = {o.short_name: o for o in comparison.options}
    names = [label.split("  ")[0] for label in _row_labels(fig)]
    np.testing.assert_allclose(bar.x, [by_short[n].cost_per_employee_year for n in names])
    assert list(bar.x) == sorted(bar.x)
    assert list(bar.marker.color) == [CSV_COLORS[SHORT_TO_ID[n]] for n in names]
    marked = {CSV_SHORT[i] for i in singled_out(comparison)}  # both options of a close call
    for n, op in zip(names, bar.marker.opacity, strict=True):
        assert (op == 1) == (n in marked)


# ---------------------------------------------------------------------------------- breakdown
def test_breakdown_stacked_sums_to_totals_by_category(comparison):
    fig = charts.breakdown_stacked(comparison)
    _json_ok(fig)
    _check_style(fig, "x")
    assert fig.layout.barmode == "stack"
    assert [t.name for t in fig.data] == [CATEGORY_LABELS[c] for c in CATEGORIES]
    assert [t.marker.color for t in fig.data] == [charts.CATEGORY_COLORS[c] for c in CATEGORIES]
    _check_rows(fig, fig.data[0])
    by_short = {o.short_name: o for o in comparison.options}
    ys = [label.split("  ")[0] for label in _row_labels(fig)]
    assert sorted(ys) == sorted(by_short)
    stacked = np.sum([np.asarray(t.x, float) for t in fig.data], axis=0)
    np.testing.assert_allclose(stacked, [by_short[y].total for y in ys])  # upfront included
    for t, c in zip(fig.data, CATEGORIES, strict=True):
        np.testing.assert_allclose(t.x, [by_short[y].category_totals()[c] for y in ys])
    totals = money_compared([by_short[y].total for y in ys])
    assert _row_labels(fig) == [f"{y}  {amount}" for y, amount in zip(ys, totals, strict=True)]


# ---------------------------------------------------------------------------------- crossovers
def _frame(**lines):
    return pd.concat(
        [
            pd.DataFrame({"option": k, "month": np.arange(len(v)), "cumulative": v})
            for k, v in lines.items()
        ],
        ignore_index=True,
    )


def test_crossovers_finds_a_hand_made_crossing():
    df = _frame(a=[0, 10, 20, 30, 40], b=[5, 12, 19, 26, 33], far=[100, 200, 300, 400, 500])
    cx = charts.crossovers(df)
    assert list(cx.columns) == ["option_a", "option_b", "month", "cumulative"]
    assert len(cx) == 1
    row = cx.iloc[0]
    # a - b goes -5, -2, +1: b becomes cheaper than a two thirds of the way into month 2
    assert (row.option_a, row.option_b) == ("b", "a")
    assert row.month == pytest.approx(1 + 2 / 3)
    assert row.cumulative == pytest.approx(10 + 10 * 2 / 3)


def test_crossovers_ignores_touching_and_handles_ties_and_double_crossings():
    assert charts.crossovers(_frame(a=[0, 10, 20], b=[5, 10, 25])).empty  # touch only
    assert charts.crossovers(_frame(a=[0, 10, 20], b=[0, 10, 20])).empty  # identical
    tie = charts.crossovers(_frame(a=[0, 10, 20, 33], b=[5, 10, 20, 30]))
    assert tie[["option_a", "option_b", "month", "cumulative"]].values.tolist() == [
        ["b", "a", 1.0, 10.0]
    ]
    two = charts.crossovers(_frame(a=[0, 10, 0], b=[5, 5, 5]))
    assert two[["option_a", "option_b"]].values.tolist() == [["b", "a"], ["a", "b"]]
    np.testing.assert_allclose(two["month"], [0.5, 1.5])
    assert list(two["month"]) == sorted(two["month"])


# ---------------------------------------------------------------------------------- cumulative
def test_cumulative_lines_match_model_and_mark_crossings(comparison):
    fig = charts.cumulative_lines(comparison)
    _json_ok(fig)
    _check_style(fig, "y")
    monthly = comparison.monthly_cumulative()
    lines = [t for t in fig.data if t.mode == "lines"]
    assert len(lines) == len(comparison.options)
    for t, o in zip(lines, comparison.options, strict=True):
        assert t.name == o.short_name and t.line.color == CSV_COLORS[o.id]
        np.testing.assert_allclose(t.y, monthly.loc[monthly.option == o.id, "cumulative"])
    win = comparison.recommended
    widths = {t.name: t.line.width for t in lines}
    assert widths[CSV_SHORT[win]] > max(w for n, w in widths.items() if n != CSV_SHORT[win])

    cx = charts.crossovers(monthly)
    assert len(cx) > 0, "default scenario has crossing lines"
    assert len(fig.data) == len(comparison.options) + 1
    marks = fig.data[-1]
    assert marks.name == "Where lines cross" and marks.mode == "markers"
    np.testing.assert_allclose(marks.x, cx["month"])
    np.testing.assert_allclose(marks.y, cx["cumulative"])
    names = {o.id: o.name for o in comparison.options}
    for text, r in zip(marks.hovertext, cx.itertuples(), strict=True):
        assert text == (
            f"{names[r.option_a]} becomes cheaper than {names[r.option_b]} "
            f"in month {math.floor(r.month) + 1}"
        )


def test_cumulative_lines_without_crossings_has_no_marker_trace(comparison):
    two = dataclasses.replace(
        comparison, options=[comparison.option("managed_vcio"), comparison.option("cio_inhouse")]
    )
    assert charts.crossovers(two.monthly_cumulative()).empty
    fig = charts.cumulative_lines(two)
    assert [t.name for t in fig.data] == ["vCIO + managed", "CIO + in-house"]
    assert not fig.layout.annotations


# ---------------------------------------------------------------------------------- frontier
def test_frontier_map_z_matches_cheapest_and_colours(small_frontier):
    fr = small_frontier
    fig = charts.frontier_map(fr, 45, 3)
    _json_ok(fig)
    _check_style(fig)
    heat = [t for t in fig.data if isinstance(t, go.Heatmap)]
    assert len(heat) == 1
    z = np.asarray(heat[0].z)
    ids = list(fr.option_ids)
    expected = np.vectorize(ids.index)(fr.cheapest)
    np.testing.assert_array_equal(z, expected)
    assert z.shape == (len(fr.projects), len(fr.employees))
    assert len(heat[0].x) == len(fr.employees) + 1  # cell edges, geometric on the log axis
    assert heat[0].x[0] < fr.employees[0] < heat[0].x[1]
    # discrete colorscale: option k's colour covers z == k
    n = len(ids)
    scale = heat[0].colorscale
    for k, i in enumerate(ids):
        assert (scale[2 * k][0], scale[2 * k][1]) == pytest.approx((k / n, CSV_COLORS[i]))
        assert scale[2 * k + 1][1] == CSV_COLORS[i]
    assert (heat[0].zmin, heat[0].zmax) == (-0.5, n - 0.5)
    # one legend entry per option that wins somewhere, in its colour
    legend = [t for t in fig.data if isinstance(t, go.Scatter) and t.showlegend is not False]
    present = [i for i in ids if (fr.cheapest == i).any()]
    assert [t.name for t in legend] == [CSV_SHORT[i] for i in present]
    assert [t.marker.color for t in legend] == [CSV_COLORS[i] for i in present]
    # the current scenario: a star and "You are here"
    star = [t for t in fig.data if isinstance(t, go.Scatter) and t.marker.symbol == "star"]
    assert len(star) == 1 and list(star[0].x) == [45] and list(star[0].y) == [3]
    assert any("You are here" in a.text for a in fig.layout.annotations)
    assert fig.layout.xaxis.type == "log"
    # hover carries the option name and the margin
    assert np.asarray(heat[0].text)[0, 0] == OPTIONS_CSV.set_index("id").name[fr.cheapest[0, 0]]
    np.testing.assert_allclose(np.asarray(heat[0].customdata)[..., 1], fr.margin)
    assert "less than the next best" in heat[0].hovertemplate


def test_frontier_map_handles_a_200_by_200_grid_quickly():
    fr = frontier(
        Scenario(), employees=np.geomspace(5, 5000, 200), projects=np.linspace(0, 20, 200)
    )
    t0 = time.perf_counter()
    fig = charts.frontier_map(fr, 45, 3)
    fig.to_json()
    assert time.perf_counter() - t0 < 5
    assert sum(isinstance(t, go.Heatmap) for t in fig.data) == 1
    assert len(fig.data) <= 1 + len(fr.option_ids) + 1


# ---------------------------------------------------------------------------------- curves
def test_crossover_curves_per_employee_per_year(small_frontier):
    fr = small_frontier
    fig = charts.crossover_curves(fr, years=5)
    _json_ok(fig)
    n = len(fr.option_ids)
    assert len(fig.data) == 4 * n  # loads 0, 2, 5, 10 are all on the grid
    menu = fig.layout.updatemenus[0]
    assert [b.label for b in menu.buttons] == ["None", "2", "5", "10"] and menu.active == 0
    for p, load in enumerate((0, 2, 5, 10)):
        k = int(np.nonzero(fr.projects == load)[0][0])
        assert menu.buttons[p].args[0]["visible"] == [q // n == p for q in range(4 * n)]
        for o, i in enumerate(fr.option_ids):
            t = fig.data[p * n + o]
            assert t.line.color == CSV_COLORS[i] and t.name == CSV_SHORT[i]
            assert t.visible == (p == 0)  # one load shown at a time, so each option once
            np.testing.assert_allclose(t.y, fr.npv[o, k] / fr.employees / 5)
            np.testing.assert_allclose(t.x, fr.employees)
    assert fig.layout.xaxis.type == "log" and fig.layout.yaxis.type == "log"


def test_crossover_curves_matches_loads_to_the_grid_and_shows_yours(small_frontier):
    fig = charts.crossover_curves(small_frontier, loads=(0.2, 0.4, 9.7), years=4, selected=8)
    menu = fig.layout.updatemenus[0]
    assert [b.label for b in menu.buttons] == ["None", "10"] and menu.active == 1
    n = len(small_frontier.option_ids)
    assert [bool(t.visible) for t in fig.data] == [False] * n + [True] * n
    np.testing.assert_allclose(
        fig.data[0].y, small_frontier.npv[0, 0] / small_frontier.employees / 4
    )


# ---------------------------------------------------------------------------------- risk
def _exact_density(x: np.ndarray, at: np.ndarray) -> np.ndarray:
    """A Gaussian kernel per draw, summed, at Silverman's bandwidth (written out here, not taken
    from the chart code)."""
    q1, q3 = np.percentile(x, [25, 75])
    h = 1.059 * min(np.std(x, ddof=1), (q3 - q1) / 1.349) * len(x) ** -0.2
    z = (at[:, None] - x[None, :]) / h
    return np.exp(-0.5 * z**2).sum(axis=1) / (len(x) * h * np.sqrt(2 * np.pi))


def test_kernel_density_is_a_sum_of_kernels_per_draw():
    rng = np.random.default_rng(7)  # a fat right tail, like a cost with a project blow-up
    x = np.concatenate([rng.normal(1e6, 1e5, 3000), rng.lognormal(14.5, 0.6, 300)])
    at = np.linspace(x.min(), x.max(), 400)
    dens = charts.risk.kernel_density(x, at)
    exact = _exact_density(x, at)
    assert np.abs(dens - exact).max() <= 1e-3 * exact.max()
    grid = np.linspace(x.min() - 1e6, x.max() + 1e6, 20_000)  # a density: its area is 1
    assert np.trapezoid(charts.risk.kernel_density(x, grid), grid) == pytest.approx(1, abs=1e-3)


def test_risk_distributions_draw_each_options_density_and_percentiles(simulation):
    fig = charts.risk_distributions(simulation, years=5)
    _json_ok(fig)
    _check_style(fig, "x")
    summ = simulation.summary().sort_values("p50", ignore_index=True)
    shapes = [t for t in fig.data if t.fill == "toself"]
    assert [t.name for t in shapes] == [CSV_SHORT[i] for i in summ.option]
    ticks = [tick.replace("<br>", " ") for tick in fig.layout.yaxis.ticktext]  # wrapped names
    assert ticks == [CSV_SHORT[i] for i in summ.option]
    for row, (t, i) in enumerate(zip(shapes, summ.option, strict=True)):
        assert t.line.color == CSV_COLORS[i]
        npv = simulation.npv[i]
        x, y = np.asarray(t.x, float), np.asarray(t.y, float)
        half = len(x) // 2
        upper_x, upper = x[:half], y[:half] - row  # out along the top edge, back along the bottom
        np.testing.assert_allclose(x[half:], upper_x[::-1])
        np.testing.assert_allclose(row - y[half:], upper[::-1], atol=1e-6)
        # from the cheapest trial to the dearest (Plotly's spanmode "hard"), 0.85 of a row wide
        assert upper_x[0] == pytest.approx(npv.min(), rel=1e-6)
        assert upper_x[-1] == pytest.approx(npv.max(), rel=1e-6)
        exact = _exact_density(npv, upper_x)
        np.testing.assert_allclose(upper, exact / exact.max() * 0.425, atol=0.425 * 0.01)
    ends, mids = fig.data[-2], fig.data[-1]
    np.testing.assert_allclose(ends.x, list(summ.p10) + list(summ.p90))
    np.testing.assert_allclose(mids.x, summ.p50)
    assert list(mids.y) == list(range(len(summ)))
    assert "P50" in mids.name and "P10" in ends.name and "P90" in ends.name


def test_risk_distributions_send_a_summary_not_the_trials():
    """The figure's size does not grow with the trials: a few hundred points per option."""
    sizes = []
    for trials in (500, 5000):
        fig = charts.risk_distributions(simulate(Scenario(), trials=trials, seed=1), years=5)
        assert max(len(t.x) for t in fig.data) <= 2 * (160 + 24)
        sizes.append(len(fig.to_json()))
    options = len(load_assumptions().options)
    assert sizes[1] < 1.1 * sizes[0] and sizes[1] < 7_000 * options


def test_risk_range_bars_from_p10_to_p90_sorted_by_p50(simulation):
    fig = charts.risk_range_bars(simulation)
    _json_ok(fig)
    _check_style(fig, "x")
    assert len(fig.data) == 4
    bar, dot = fig.data[:2]
    assert [t.name for t in fig.data[2:]] == ["Likely range (8 in 10 outcomes)", "Middle outcome"]
    assert [t.showlegend for t in fig.data] == [False, False, None, None]
    summ = simulation.summary().sort_values("p50", ignore_index=True)
    _check_rows(fig, bar)
    labels = _row_labels(fig)
    assert [label.split("  ")[0] for label in labels] == [CSV_SHORT[i] for i in summ.option]
    # plotly keeps Bar.base as an object array
    np.testing.assert_allclose(np.asarray(bar.base, float), summ.p10)
    np.testing.assert_allclose(np.asarray(bar.base, float) + np.asarray(bar.x), summ.p90)
    np.testing.assert_allclose(dot.x, summ.p50)
    assert list(dot.marker.color) == [CSV_COLORS[i] for i in summ.option]
    assert list(dot.x) == sorted(dot.x)
    assert len(labels) == len(summ) and all("cheapest" in c for c in labels)


# ---------------------------------------------------------------------------------- tornado
def test_tornado_bars_run_from_base_gap_to_low_and_high(sens_mixed):
    fig = charts.tornado(sens_mixed)
    _json_ok(fig)
    _check_style(fig)
    top = sens_mixed.sort_values("swing", ascending=False).head(12).reset_index(drop=True)
    base = sens_mixed.attrs["base_gap"]
    low, high = fig.data[0], fig.data[1]
    assert (low.name, high.name) == ("At its low value", "At its high value")
    for t, col in ((low, "gap_low"), (high, "gap_high")):
        assert len(t.x) == 12
        np.testing.assert_allclose(t.base, [base] * 12)
        np.testing.assert_allclose(np.asarray(t.base) + np.asarray(t.x), top[col])
    _check_rows(fig, low)
    labels = sorted((a for a in fig.layout.annotations if a.yref == "y"), key=lambda a: a.y)
    for a, label in zip(labels, top.label, strict=True):  # biggest swing on top, wrapped
        lines = a.text.split("<br>")
        plain = re.sub(r"<[^>]+>", "", " ".join(lines))
        assert re.sub(r"\s+flips the verdict$", "", plain) == label
        assert all(len(re.sub(r"<[^>]+>", "", line)) <= 42 + 19 for line in lines)


def test_tornado_colours_the_assumptions_that_flip_the_verdict(sens_mixed):
    fig = charts.tornado(sens_mixed)
    top = sens_mixed.sort_values("swing", ascending=False).head(12).reset_index(drop=True)
    rec = sens_mixed.attrs["recommended"]
    for t, side in ((fig.data[0], "low"), (fig.data[1], "high")):
        for color, winner in zip(t.marker.color, top[f"winner_{side}"], strict=True):
            assert color == (charts.FLIP_COLOR if winner != rec else charts.KEEP_COLOR)
        for h, winner in zip(t.hovertext, top[f"winner_{side}"], strict=True):
            assert ("flips the verdict" in h) == (winner != rec)
    labels = sorted((a for a in fig.layout.annotations if a.yref == "y"), key=lambda a: a.y)
    for a, flips in zip(labels, top.flips, strict=True):
        assert ("flips the verdict" in a.text) == bool(flips)
    row_colors = [
        {a, b} for a, b in zip(fig.data[0].marker.color, fig.data[1].marker.color, strict=True)
    ]
    for colors, flips in zip(row_colors, top.flips, strict=True):
        assert (charts.FLIP_COLOR in colors) == bool(flips)
    # a dashed line at 0, labelled
    assert any(
        s.type == "line" and s.x0 == 0 and s.x1 == 0 and s.line.dash == "dash"
        for s in fig.layout.shapes
    )
    base = money(sens_mixed.attrs["base_gap"])
    assert [t.name for t in fig.data[2:]] == [
        "Keeps the verdict", "Flips the verdict", f"Today's lead: {base}", "Where the verdict flips"
    ]  # fmt: skip
    assert fig.data[5].line.dash == "dash" and fig.data[5].line.color == charts.FLIP_COLOR


def test_tornado_top_n_and_the_default_scenario():
    df = sensitivity(Scenario())
    fig = charts.tornado(df, top=5)
    assert len(fig.data[0].y) == 5
    assert "verdict" in fig.layout.xaxis.title.text or "less" in fig.layout.xaxis.title.text
    _json_ok(fig)


# ---------------------------------------------------------------------------------- sparkline
SVG = "{http://www.w3.org/2000/svg}"


def _svg(text: str) -> ET.Element:
    root = ET.fromstring(text)  # well-formed XML, or this raises
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    return root


def _points(line: ET.Element) -> np.ndarray:
    return np.array([[float(v) for v in p.split(",")] for p in line.get("points").split()])


def test_slider_sparkline_segments_coloured_by_winner():
    curve = slider_curve(Scenario(), "employees")
    rec = compare(Scenario()).recommended
    root = _svg(
        charts.slider_sparkline(
            curve,
            45,
            log_x=True,
            value_format="{:,.0f} employees",
            current_winner=rec,
            label="Employees",
        )
    )
    runs = (curve.winner != curve.winner.shift()).cumsum()
    winners = curve.groupby(runs, sort=True).winner.first().tolist()
    lines = root.findall(f"{SVG}polyline")
    assert len(lines) == len(winners) >= 2
    assert [ln.get("stroke") for ln in lines] == [CSV_COLORS[w] for w in winners]
    # the runs cover every point, each joined to the next; x on a log scale, left to right
    pts = [_points(ln) for ln in lines]
    xs = np.concatenate([p[:-1, 0] for p in pts[:-1]] + [pts[-1][:, 0]])
    assert len(xs) == len(curve)
    for a, b in zip(pts[:-1], pts[1:], strict=True):
        assert tuple(a[-1]) == tuple(b[0])
    t = np.log(curve.value.to_numpy(float))
    want = charts.SPARK_PAD + (t - t[0]) / (t[-1] - t[0]) * (charts.SPARK_W - 2 * charts.SPARK_PAD)
    np.testing.assert_allclose(xs, want, atol=0.06)
    # heights: the biggest margin highest (smallest y), a zero margin on the base line
    ys = np.concatenate([p[:-1, 1] for p in pts[:-1]] + [pts[-1][:, 1]])
    assert np.argmin(ys) == np.argmax(curve.margin.to_numpy())
    # hover: one titled strip per run of one winner, covering its points, with the range of
    # values, the winner and its widest lead there in dollars
    strips = root.findall(f"{SVG}rect")
    assert len(strips) == len(winners)
    names = OPTIONS_CSV.set_index("id").name
    for strip, (_, run) in zip(strips, curve.groupby(runs, sort=True), strict=True):
        lo, hi = run.value.iloc[0], run.value.iloc[-1]
        span = f"{lo:,.0f} employees" + (f" to {hi:,.0f} employees" if len(run) > 1 else "")
        assert strip.find(f"{SVG}title").text == (
            f"{span}: {names[run.winner.iloc[0]]} cheapest, by up to {money(run.margin.max())}"
        )
    x0 = [float(r.get("x")) for r in strips]
    right = [a + float(r.get("width")) for a, r in zip(x0, strips, strict=True)]
    assert x0[0] <= xs[0] and right[-1] >= xs[-1]  # the strips cover the chart, without gaps
    np.testing.assert_allclose(x0[1:], right[:-1], atol=0.11)
    # the dot at the current value, on the line (interpolated on log employees), in the
    # recommended option's colour; the chart's name says the same for screen readers
    dot = root.find(f"{SVG}circle")
    assert dot.get("fill") == CSV_COLORS[rec]
    margin = np.interp(np.log(45), t, curve.margin)
    assert dot.find(f"{SVG}title").text == (
        f"You, 45 employees: {names[rec]} cheapest by {money(margin)}"
    )
    assert root.get("aria-label").startswith("Employees: how far ahead")
    assert f"You, 45 employees: {names[rec]}" in root.get("aria-label")
    top = curve.margin.max() * 1.15
    assert float(dot.get("cy")) == pytest.approx(
        charts.SPARK_H - charts.SPARK_PAD - margin / top * (charts.SPARK_H - 2 * charts.SPARK_PAD),
        abs=0.06,
    )


def test_slider_sparkline_formats_and_relative_margin():
    curve = slider_curve(Scenario(), "discount_rate")
    dot = _svg(charts.slider_sparkline(curve, 0.08, value_format=".0%")).find(f"{SVG}circle")
    assert dot.find(f"{SVG}title").text.startswith("You, 8%: ")
    forced = _svg(charts.slider_sparkline(curve, 0.08, current_winner="cio_managed"))
    assert forced.find(f"{SVG}circle").get("fill") == CSV_COLORS["cio_managed"]
    by_money = _svg(charts.slider_sparkline(curve, 0.08, value_format=money))
    assert by_money.find(f"{SVG}circle/{SVG}title").text.startswith("You, $0: ")
    rel = _svg(charts.slider_sparkline(curve, 0.08, relative=True))
    win_npv = np.array([curve.loc[k, f"npv_{w}"] for k, w in enumerate(curve.winner)])
    lines = rel.findall(f"{SVG}polyline")
    ys = np.concatenate([_points(ln)[:-1, 1] for ln in lines[:-1]] + [_points(lines[-1])[:, 1]])
    assert np.argmin(ys) == np.argmax(curve.margin.to_numpy() / win_npv)
    assert "$" in rel.find(f"{SVG}rect/{SVG}title").text  # hover still gives dollars


def test_slider_sparkline_as_an_image_carries_the_same_chart_and_its_words():
    """The sidebar's form: an <img> whose data URI is the SVG above, named by its alt text, with
    every stretch's line and the dot's as its hover text."""
    curve = slider_curve(Scenario(), "years")
    rec = compare(Scenario()).recommended
    args = dict(value_format="{:.0f} years", label="Years to compare", current_winner=rec)
    svg = charts.slider_sparkline(curve, 5, **args)
    img = ET.fromstring(charts.slider_sparkline(curve, 5, as_img=True, **args))
    assert img.tag == "img"
    prefix = "data:image/svg+xml;base64,"
    assert img.get("src").startswith(prefix)
    assert base64.b64decode(img.get("src")[len(prefix) :]).decode("utf-8") == svg
    root = _svg(svg)
    assert img.get("alt") == root.get("aria-label")
    lines = img.get("title").split("\n")
    assert lines[0] == root.find(f"{SVG}circle/{SVG}title").text  # "You, 5 years: ..."
    assert lines[1:] == [r.find(f"{SVG}title").text for r in root.findall(f"{SVG}rect")]


def test_slider_sparkline_escapes_its_text():
    curve = slider_curve(Scenario(), "years")
    bad = dict(value_format=lambda v: "<script>x()</script>", label='"><img src=x onerror=y()>')
    text = charts.slider_sparkline(curve, 5, **bad)
    assert "<script>" not in text and "<img" not in text
    _svg(text)
    img = charts.slider_sparkline(curve, 5, as_img=True, **bad)
    assert "<script>" not in img and "<img src=x" not in img and img.count("<img") == 1
    assert ET.fromstring(img).get("alt").startswith('"><img src=x')  # as text, not markup


# ---------------------------------------------------------------------------------- schema
# Every public chart builder (the functions of charts.__all__ that return a figure), with the
# fixture it is drawn from and how it is called. A new builder fails the test below until it is
# listed here.
SCHEMA_CASES = {
    "cost_bars": ("comparison", charts.cost_bars),
    "per_employee_bars": ("comparison", charts.per_employee_bars),
    "breakdown_stacked": ("comparison", charts.breakdown_stacked),
    "cumulative_lines": ("comparison", charts.cumulative_lines),
    "frontier_map": ("small_frontier", lambda fr: charts.frontier_map(fr, 45, 3)),
    "crossover_curves": ("small_frontier", lambda fr: charts.crossover_curves(fr, years=5)),
    "risk_distributions": ("simulation", lambda sim: charts.risk_distributions(sim, years=5)),
    "risk_range_bars": ("simulation", lambda sim: charts.risk_range_bars(sim, years=5)),
    "tornado": ("sens_mixed", charts.tornado),
}


def _returns_figure(obj) -> bool:
    return callable(obj) and obj.__annotations__.get("return") == "go.Figure"


CHART_BUILDERS = [n for n in charts.__all__ if _returns_figure(getattr(charts, n))]


@pytest.mark.parametrize("name", CHART_BUILDERS)
def test_every_chart_passes_plotlys_schema(name, request):
    """The charts are built unchecked (plain dicts, ``_validate=False``); Plotly's validating
    constructor raises on any property name or value its schema does not allow."""
    assert name in SCHEMA_CASES, f"add {name} to SCHEMA_CASES"
    fixture, build = SCHEMA_CASES[name]
    fig = build(request.getfixturevalue(fixture) if fixture else None)
    go.Figure(fig.to_dict())


# ---------------------------------------------------------------------------------- module
def test_charts_never_import_streamlit():
    code = "import sys, vcio_app.charts; print('streamlit' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    assert out.stdout.strip() == "False"


# ---------------------------------------------------------------------------------- projector
def _font_sizes(node, key: str = "") -> list[float]:
    """Every explicit font size in a figure's dict."""
    out = []
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "size" and key.endswith("font") and isinstance(v, int | float):
                out.append(float(v))
            elif isinstance(v, dict | list):
                out += _font_sizes(v, k)
    elif isinstance(node, list):
        for v in node:
            out += _font_sizes(v, key)
    return out


@pytest.mark.parametrize("name", CHART_BUILDERS)
def test_presentation_scales_every_size_and_leaves_the_figure_alone(name, request):
    """On a projector, chart text matches the page's 22 px type: every font (ticks, legends,
    annotations, bar text, buttons) scaled by the same factor as the height, none left at 15 px."""
    fixture, build = SCHEMA_CASES[name]
    fig = build(request.getfixturevalue(fixture))
    before = fig.to_json()
    big = present.presentation(fig)
    assert fig.to_json() == before  # a cached figure other sessions share stays as it was
    s = present.PRESENTATION_SCALE
    small, large = _font_sizes(fig.to_plotly_json()), _font_sizes(big.to_plotly_json())
    assert len(small) == len(large) > 0
    assert large == pytest.approx([v * s for v in small], abs=0.06)
    assert min(large) >= 20
    assert big.layout.height == round(fig.layout.height * s)
    assert big.layout.margin.t == round(fig.layout.margin.t * s)
    go.Figure(big.to_dict())  # still valid for Plotly's schema


def test_presentation_scales_a_shared_font_once():
    font = dict(size=10)
    fig = go.Figure(
        {
            "data": [],
            "layout": {"annotations": [dict(text="a", font=font), dict(text="b", font=font)]},
        },
        _validate=False,
    )
    big = present.presentation(fig, scale=2)
    assert [a.font.size for a in big.layout.annotations] == [20, 20]
