"""A salesperson's path in a real browser: preset, two sliders, presentation mode, Excel, PDF and
scenario file downloads, then the shared link opened in a fresh browser shows the same verdict."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import expect

import vcio_model as vm
from vcio_app.frame import sidebar
from vcio_app.scenario import files as scenario_files
from vcio_app.scenario import links as share

VERDICT = '[data-testid="stMainBlockContainer"] h3'


def _press(page, slider_name: str, key: str, times: int) -> None:
    slider = page.get_by_role("slider", name=slider_name)
    slider.focus()
    for _ in range(times):
        page.keyboard.press(key)


def test_salesperson_path(page, browser, wait_for_app, screenshot, tmp_path: Path):
    title, preset = vm.load_presets()["manufacturer_erp"]
    assert preset.projects, "the path needs a preset with named projects (they travel in 's')"
    page.goto("/")
    wait_for_app(page)

    # 1. Pick a preset.
    page.get_by_test_id("stSelectbox").filter(has_text="Example company").click()
    page.get_by_role("option", name=sidebar.preset_label(title)).click()  # the short label
    expect(page.locator(VERDICT).first).to_contain_text(preset.company)

    # 2. Change two sliders with the keyboard: 2 more projects a year (steps of 0.5), 2 more years.
    _press(page, "IT projects a year", "ArrowRight", 4)
    expect(page.get_by_role("slider", name="IT projects a year")).to_have_attribute(
        "aria-valuetext", re.compile(r"^4(\.0+)?$")
    )
    _press(page, "Years to compare", "ArrowRight", 2)
    expect(page.locator(VERDICT).first).to_contain_text("over 7 years")
    wait_for_app(page)
    expected = vm.compare(preset.updated(projects_per_year=4.0, years=7))
    expect(page.locator(VERDICT).first).to_have_text(expected.verdict)
    verdict = page.locator(VERDICT).first.inner_text()

    # 3. To the share page, then presentation mode: no sidebar, no editing controls.
    page.get_by_role("link", name="Share and export").click()
    wait_for_app(page)
    page.get_by_text("Presentation mode", exact=True).click()
    wait_for_app(page)
    expect(page.get_by_test_id("stSidebar")).to_be_hidden()
    expect(page.get_by_test_id("stFileUploader")).to_have_count(0)
    screenshot(page, "sales-path-presentation-share")
    link = (
        page.locator('[data-testid="stMainBlockContainer"] code', has_text="employees=")
        .first.inner_text()
        .strip()
    )
    assert link.startswith("http") and "employees=120" in link

    # 4. Download the Excel workbook; its figures are the model's.
    with page.expect_download() as dl:
        page.get_by_role("button", name="Excel workbook").click()
    xlsx = tmp_path / "report.xlsx"
    dl.value.save_as(xlsx)
    wb = openpyxl.load_workbook(xlsx, data_only=True)
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row]
    values = [c.value for c in cells if isinstance(c.value, int | float)]
    for o in expected.options:
        assert any(v == pytest.approx(o.npv, rel=1e-9) for v in values), f"NPV of {o.id} missing"
    assert any(isinstance(c.value, str) and preset.company in c.value for c in cells)

    # 5. The PDF in one click (made in the server's process, no browser there).
    with page.expect_download(timeout=30_000) as dl:
        page.get_by_role("button", name="PDF report").click()
    pdf = tmp_path / "report.pdf"
    dl.value.save_as(pdf)
    assert pdf.read_bytes()[:5] == b"%PDF-"

    # 6. The scenario file (made on click): it reads back as the scenario on screen.
    with page.expect_download() as dl:
        page.get_by_role("button", name="Download this scenario (JSON)").click()
    scenario_file = tmp_path / "scenario.json"
    dl.value.save_as(scenario_file)
    back, version = scenario_files.read_uploaded_versioned(scenario_file.read_bytes())
    assert version == vm.__version__
    assert vm.compare(back).verdict == expected.verdict
    assert [p.name for p in back.projects] == [p.name for p in preset.projects]

    # 7. The shared link in a fresh browser context: same verdict, same named projects.
    other = browser.new_context(viewport={"width": 1400, "height": 2200})
    try:
        fresh = other.new_page()
        fresh.goto(link)
        wait_for_app(fresh)
        expect(fresh.locator(VERDICT).first).to_have_text(verdict)
        screenshot(fresh, "sales-path-shared-link")
    finally:
        other.close()
    params = dict(re.findall(r"[?&]([^=&]+)=([^&]*)", link))
    decoded = share.decode_extra(params["s"]) if "s" in params else {}
    assert [p["name"] for p in decoded.get("projects", [])] == [p.name for p in preset.projects]
