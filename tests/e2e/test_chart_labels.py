"""Chart labels in a real browser: on a projector (presentation mode at 1280x720 and 1920x1080)
and on a phone (390x844), no two pieces of chart text overlap and none is cut off.

Every ``<text>`` Plotly draws in each chart of the page (tick labels, axis titles, legend
entries, bar-end values, annotations such as the tornado's row labels, buttons) is measured with
``getBoundingClientRect`` and compared: pairwise, no overlap; each inside its chart's box; each
chart inside the viewport's width. Hover labels are left out (they appear only on hover).
"""

from __future__ import annotations

import itertools

import pytest
from playwright.sync_api import expect

import vcio_model as vm

# page (and query) -> the number of charts it draws in the main area; the second sensitivity
# case is a 120-person manufacturer, whose tornado has other labels
PAGES = {
    "": 1,
    "costs": 1,  # and two bar charts as HTML (test_html_bars_fit_the_page below)
    "where": 2,
    "risk": 2,
    "sensitivity": 1,
    "sensitivity?employees=120&projects=6": 1,
}
VIEWS = {
    "projector-1280x720": ({"width": 1280, "height": 720}, True),
    "projector-1920x1080": ({"width": 1920, "height": 1080}, True),
    "phone-390x844": ({"width": 390, "height": 844}, False),
}
CHARTS = '[data-testid="stMainBlockContainer"] [data-testid="stPlotlyChart"]'
SLACK = 1.0  # px: text boxes that touch, or round to the next pixel, are not an overlap

MEASURE = """
(chart) => {
  const hidden = (el) => {
    for (let e = el; e && e !== chart; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.display === 'none' || s.visibility === 'hidden' || Number(s.opacity) === 0) return true;
    }
    return false;
  };
  const box = chart.getBoundingClientRect();
  const labels = [];
  for (const t of chart.querySelectorAll('svg text')) {
    if (t.closest('.hoverlayer') || !t.textContent.trim() || hidden(t)) continue;
    const r = t.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) continue;
    labels.push({text: t.textContent.trim(), left: r.left, top: r.top, right: r.right,
                 bottom: r.bottom});
  }
  return {box: {left: box.left, top: box.top, right: box.right, bottom: box.bottom}, labels};
}
"""


def _overlap(a: dict, b: dict) -> float:
    w = min(a["right"], b["right"]) - max(a["left"], b["left"])
    h = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
    return w * h if w > SLACK and h > SLACK else 0.0


def _problems(chart: dict, viewport_width: int) -> list[str]:
    box, labels = chart["box"], chart["labels"]
    out = []
    if box["right"] > viewport_width + SLACK or box["left"] < -SLACK:
        out.append(f"chart {box['left']:.0f}..{box['right']:.0f} wider than the viewport")
    for t in labels:
        if (
            t["left"] < box["left"] - SLACK
            or t["right"] > box["right"] + SLACK
            or t["top"] < box["top"] - SLACK
            or t["bottom"] > box["bottom"] + SLACK
        ):
            out.append(f"cut off: {t['text'][:40]!r} {t['left']:.0f}..{t['right']:.0f}")
    for a, b in itertools.combinations(labels, 2):
        if _overlap(a, b):
            out.append(f"overlap: {a['text'][:40]!r} and {b['text'][:40]!r}")
    return out


@pytest.fixture(scope="module", params=list(VIEWS), ids=list(VIEWS))
def view(request, browser, server):
    viewport, present = VIEWS[request.param]
    # tall enough that every chart of a page is laid out and drawn (Streamlit scrolls inside)
    context = browser.new_context(
        viewport={"width": viewport["width"], "height": viewport["height"] * 4},
        base_url=server,
    )
    yield request.param, context, viewport["width"], present
    context.close()


@pytest.mark.parametrize(
    "path", list(PAGES), ids=lambda p: p.split("?")[0] + ("-120" if "?" in p else "") or "overview"
)
def test_chart_labels_never_overlap_or_get_cut_off(path, view, wait_for_app, screenshot):
    name, context, width, present = view
    page = context.new_page()
    try:
        sep = "&" if "?" in path else "?"
        page.goto(f"/{path}{sep}present=1" if present else f"/{path}")
        wait_for_app(page)
        charts = page.locator(CHARTS)
        expect(charts).to_have_count(PAGES[path], timeout=30_000)
        for i in range(PAGES[path]):
            expect(charts.nth(i).locator(".main-svg").first).to_be_visible(timeout=30_000)
        page.wait_for_timeout(800)  # Plotly's second layout pass (automargin) settles
        screenshot(page, f"charts-{path.split('?')[0] or 'overview'}-{name}")
        found = []
        for i in range(PAGES[path]):
            chart = charts.nth(i).evaluate(MEASURE)
            assert len(chart["labels"]) >= 4, f"chart {i}: too few labels to be drawn"
            found += [f"chart {i}: {p}" for p in _problems(chart, width)]
        assert found == [], "\n".join(found[:20])
    finally:
        page.close()


FIT = """
() => {
  const main = document.querySelector('[data-testid="stMainBlockContainer"]').getBoundingClientRect();
  const out = [];
  for (const el of document.querySelectorAll('.vcio-bars .lab, .vcio-bars .seg, .vcio-bars .key')) {
    const r = el.getBoundingClientRect();
    if (r.right > main.right + 1 || r.left < main.left - 1)
      out.push(el.textContent.trim() || el.getAttribute('title'));
  }
  return {rows: document.querySelectorAll('.vcio-bars .row').length, out};
}
"""


def test_html_bars_fit_the_page(view, wait_for_app, screenshot):
    """The Costs page's two HTML bar charts (a row per option each): every label, bar and key
    inside the page's column, on a phone and on a projector."""
    name, context, _width, present = view
    page = context.new_page()
    try:
        page.goto("/costs?present=1" if present else "/costs")
        wait_for_app(page)
        expect(page.locator(".vcio-bars .row").first).to_be_visible(timeout=30_000)
        got = page.evaluate(FIT)
        assert got["rows"] == 2 * len(vm.load_assumptions().options)  # a row per option, twice
        assert got["out"] == []
        screenshot(page, f"bars-costs-{name}")
    finally:
        page.close()
