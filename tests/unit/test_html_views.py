"""The pages' HTML tables (vcio_app/tables.py) and HTML bar charts (vcio_app/charts/bars.py):
what they show is the model's figures, in the model's order."""

from __future__ import annotations

import re

import pandas as pd
import pytest

import vcio_model as vm
from vcio_app import charts
from vcio_app.content import tables


@pytest.fixture(scope="module")
def comparison() -> vm.Comparison:
    return vm.compare(vm.Scenario(employees=120, projects_per_year=4))


def _cells(html: str) -> list[list[str]]:
    rows = re.findall(r"<tr>(.*?)</tr>", html)
    return [re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r) for r in rows]


def test_table_formats_aligns_and_leaves_missing_cells_empty():
    df = pd.DataFrame({"Option": ["A", "B"], "Total": [1234567.0, None], "Year": [1, 2]})
    html = tables.html_table(df, formats={"Total": vm.money}, numeric=("Option",))
    assert _cells(html) == [["Option", "Total", "Year"], ["A", vm.money(1234567.0), "1"],
                            ["B", "", "2"]]  # fmt: skip
    assert html.count('class="num"') == 5  # both numbers of each row, and the "numeric" text


def test_table_cell_class_marks_the_cells_it_names():
    df = pd.DataFrame({"Assumption": ["a", "b"], "Flips the verdict": ["Yes", "No"]})
    html = tables.html_table(df, cell_class=lambda row, col: "flip" if row[col] == "Yes" else "")
    assert html.count('class="flip"') == 1 and '<td class="flip">Yes</td>' in html


def _bar_rows(html: str) -> list[tuple[str, float]]:
    """(the row's label text, its bar's width in %) in drawing order."""
    rows = re.findall(r'<div class="row[^"]*"[^>]*><div class="lab">(.*?)</div>(.*?)</div></div>',
                      html)  # fmt: skip
    out = []
    for label, track in rows:
        widths = [float(w) for w in re.findall(r"width:([\d.]+)%", track)]
        out.append((re.sub(r"<[^>]+>|&nbsp;", "", label), sum(widths)))
    return out


def test_option_bars_cheapest_first_widths_in_proportion_winner_marked(comparison):
    values = {o.id: o.cost_per_employee_year for o in comparison.options}
    html = charts.option_bars(comparison, values, "Cost per employee per year")
    rows = _bar_rows(html)
    opts = sorted(comparison.options, key=lambda o: values[o.id])
    assert [r[0].split()[0] for r in rows] == [o.short_name.split()[0] for o in opts]
    top = max(values.values())
    for (_, width), o in zip(rows, opts, strict=True):
        assert width == pytest.approx(values[o.id] / top * 100, abs=0.01)
    assert html.count('class="row win"') == 1
    win = comparison.option(comparison.recommended)
    assert f'title="{win.name}: cost per employee per year' in html


def test_breakdown_bars_segments_add_up_to_each_total(comparison):
    html = charts.breakdown_bars(comparison)
    opts = sorted(comparison.options, key=lambda o: o.total)
    top = max(o.total for o in opts)
    rows = _bar_rows(html)
    assert len(rows) == len(opts)
    for (label, width), o in zip(rows, opts, strict=True):
        assert label.startswith(o.short_name)
        assert width == pytest.approx(o.total / top * 100, abs=0.05)  # rounding of each segment
    frame = comparison.breakdown_frame()
    used = {c for c in vm.CATEGORIES if frame[frame["category"] == c]["cost"].sum() > 0}
    assert html.count('class="key"') == len(used)
