"""Accessibility of every page in a real browser: axe-core (WCAG 2 A and AA), names, keyboard.

axe-core is a JavaScript library from npm, installed into a folder git ignores:

    npm install --prefix artifacts/axe axe-core

Without it the axe tests are skipped with that command as the reason (``VCIO_AXE_JS`` may name
another copy of ``axe.min.js``). The name and keyboard checks need only Chromium.

What is checked
    - axe's WCAG 2.0/2.1 A and AA rules on each page: no serious or critical violation outside
      the exceptions listed in KNOWN_STREAMLIT_ISSUES (each says which rule, where, and why);
    - colour contrast (axe's ``color-contrast`` rule) separately, on every page, so a theme
      change that breaks it is named as such;
    - every visible control (buttons, text boxes, sliders, combo boxes, radios, checkboxes,
      switches, tabs, links) has an accessible name in Chromium's accessibility tree;
    - each sidebar slider works from the keyboard: focus, ArrowRight or ArrowLeft changes its
      ``aria-valuetext`` and the page reruns.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

ROOT = Path(__file__).resolve().parents[2]
AXE_JS = Path(
    os.environ.get("VCIO_AXE_JS") or ROOT / "artifacts/axe/node_modules/axe-core/axe.min.js"
)
NPM_HINT = "npm install --prefix artifacts/axe axe-core"

PAGES = ["", "costs", "projects", "where", "risk", "sensitivity", "assumptions", "share", "about"]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}

# (rule id, CSS selector that the violating node's target must match) -> why it is not ours.
# Only Streamlit's own markup belongs here; anything the app draws must pass.
KNOWN_STREAMLIT_ISSUES: dict[tuple[str, str], str] = {}

# Roles of interactive controls that must carry a name.
CONTROL_ROLES = {
    "button",
    "checkbox",
    "combobox",
    "link",
    "listbox",
    "menuitem",
    "radio",
    "searchbox",
    "slider",
    "spinbutton",
    "switch",
    "tab",
    "textbox",
}
SIDEBAR_SLIDERS = ["Employees", "IT projects a year", "Years to compare"]


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE_JS.is_file():
        pytest.skip(f"axe-core not found at {AXE_JS}: run `{NPM_HINT}`")
    return AXE_JS.read_text(encoding="utf-8")


def _open(page: Any, path: str, wait_for_app: Any) -> None:
    page.goto(f"/{path}")
    wait_for_app(page)
    charts = page.locator('[data-testid="stPlotlyChart"] .main-svg')
    if charts.count():  # axe should see the charts drawn, not their placeholders
        expect(charts.first).to_be_visible(timeout=15_000)
    wait_for_app(page)


def _axe(page: Any, source: str, options: dict[str, Any]) -> list[dict[str, Any]]:
    """axe's violations on the whole document."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(content=source)
    return page.evaluate(
        "async (options) => (await axe.run(document, options)).violations", options
    )


def _known(rule: str, node: dict[str, Any], page: Any) -> bool:
    for (known_rule, selector), _why in KNOWN_STREAMLIT_ISSUES.items():
        if known_rule != rule:
            continue
        target = node["target"][0] if node["target"] else None
        if isinstance(target, str) and page.evaluate(
            "([t, s]) => { const el = document.querySelector(t); return !!el && !!el.closest(s); }",
            [target, selector],
        ):
            return True
    return False


def _describe(violations: list[tuple[dict[str, Any], dict[str, Any]]]) -> str:
    lines = []
    for v, node in violations:
        summary = node.get("failureSummary", "").replace("\n", " ")
        lines.append(
            f"- {v['id']} ({v['impact']}): {v['help']}\n"
            f"    at {json.dumps(node['target'])}\n    {node['html'][:200]}\n    {summary[:300]}"
        )
    return "\n".join(lines)


def _blocking(page: Any, violations: list[dict[str, Any]]) -> list[tuple[dict, dict]]:
    found = []
    for v in violations:
        for node in v["nodes"]:
            impact = node.get("impact") or v.get("impact")
            if impact in BLOCKING and not _known(v["id"], node, page):
                found.append(({**v, "impact": impact}, node))
    return found


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p or "overview")
def test_no_serious_wcag_violations(path, page, wait_for_app, axe_source):
    _open(page, path, wait_for_app)
    violations = _axe(
        page,
        axe_source,
        {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]},
    )
    found = _blocking(page, violations)
    assert not found, f"/{path}: serious or critical WCAG 2 A/AA violations:\n" + _describe(found)


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p or "overview")
def test_colour_contrast(path, page, wait_for_app, axe_source):
    _open(page, path, wait_for_app)
    violations = _axe(page, axe_source, {"runOnly": {"type": "rule", "values": ["color-contrast"]}})
    found = [(v, n) for v in violations for n in v["nodes"] if not _known(v["id"], n, page)]
    assert not found, f"/{path}: text with too little contrast (WCAG 1.4.3):\n" + _describe(found)


def test_presentation_mode_passes_too(page, wait_for_app, axe_source):
    """Presentation mode restyles the page (large type, headings in the brand's accent)."""
    _open(page, "", wait_for_app)
    page.get_by_role("switch", name="Presentation mode").check(force=True)  # under its label
    wait_for_app(page)
    expect(page.locator('[data-testid="stSidebar"]')).to_be_hidden()
    violations = _axe(
        page,
        axe_source,
        {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]},
    )
    found = _blocking(page, violations)
    assert not found, "presentation mode: serious or critical violations:\n" + _describe(found)


def _unnamed_controls(page: Any) -> list[str]:
    """Visible controls without a name, from Chromium's own accessibility tree."""
    cdp = page.context.new_cdp_session(page)
    try:
        nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    finally:
        cdp.detach()
    missing = []
    for node in nodes:
        role = (node.get("role") or {}).get("value")
        if node.get("ignored") or role not in CONTROL_ROLES:
            continue
        name = str((node.get("name") or {}).get("value") or "").strip()
        if not name:
            props = {p["name"]: p.get("value", {}).get("value") for p in node.get("properties", [])}
            missing.append(f"{role} (backend node {node.get('backendDOMNodeId')}, {props})")
    return missing


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p or "overview")
def test_every_control_has_a_name(path, page, wait_for_app):
    _open(page, path, wait_for_app)
    missing = _unnamed_controls(page)
    assert not missing, f"/{path}: controls without an accessible name:\n" + "\n".join(missing)


@pytest.mark.parametrize("label", SIDEBAR_SLIDERS)
def test_sidebar_slider_works_from_the_keyboard(label, page, wait_for_app):
    page.goto("/")
    wait_for_app(page)
    slider = page.locator(f'[data-testid="stSidebar"] input[type="range"][aria-label="{label}"]')
    expect(slider).to_have_count(1)
    slider.focus()
    assert page.evaluate("() => document.activeElement?.getAttribute('aria-label')") == label
    before = slider.get_attribute("aria-valuetext")
    at_max = slider.evaluate("e => +e.value >= +e.max")
    page.keyboard.press("ArrowLeft" if at_max else "ArrowRight")
    expect(slider).not_to_have_attribute("aria-valuetext", before)
    page.wait_for_timeout(300)  # let the rerun start
    wait_for_app(page)
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    # The value sticks after the rerun, and the slider still has the keyboard focus.
    expect(slider).not_to_have_attribute("aria-valuetext", before)
    assert page.evaluate("() => document.activeElement?.getAttribute('aria-label')") == label
