"""Every page in a real browser against the real server: direct URLs, keyboard, screenshots."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

PAGES = {
    "": "What should IT leadership cost you?",
    "costs": "Costs in detail",
    "projects": "IT projects",
    "where": "Where each option wins",
    "risk": "Risk",
    "sensitivity": "Sensitivity",
    "assumptions": "Assumptions",
    "share": "Share and export",
    "about": "About",
}
VERDICT = '[data-testid="stMainBlockContainer"] h3'


@pytest.mark.parametrize("path", list(PAGES), ids=lambda p: p or "overview")
def test_page_url_works_as_first_request_to_a_fresh_server(
    path, browser, fresh_server, wait_for_app
):
    """A shared link or a Cloud app waking up: the page comes with the full sidebar and title."""
    with fresh_server(path or "overview") as url:
        context = browser.new_context(viewport={"width": 1400, "height": 2200})
        try:
            page = context.new_page()
            page.goto(f"{url}/{path}")
            wait_for_app(page)
            expect(page.locator("h1").first).to_contain_text(PAGES[path].split()[0])
            expect(page.get_by_text("Employees", exact=True).first).to_be_visible()
            expect(page.locator('[data-testid="stException"]')).to_have_count(0)
        finally:
            context.close()


@pytest.mark.parametrize("path", list(PAGES), ids=lambda p: p or "overview")
def test_every_page_renders_and_is_screenshotted(path, page, wait_for_app, screenshot, server_log):
    page.goto(f"/{path}")
    wait_for_app(page)
    charts = page.locator('[data-testid="stMainBlockContainer"] [data-testid="stPlotlyChart"]')
    if charts.count():  # let Plotly draw before the screenshot
        expect(charts.first.locator(".main-svg").first).to_be_visible(timeout=15_000)
    wait_for_app(page)
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    expect(page.locator("h1").first).to_be_visible()
    screenshot(page, f"page-{path or 'overview'}")
    assert page.console_errors == []
    assert "Traceback" not in server_log.read_text(errors="replace")


def test_keyboard_on_a_slider_changes_verdict_and_chart(page, wait_for_app, screenshot):
    page.goto("/?employees=45&projects=3")
    wait_for_app(page)
    verdict = page.locator(VERDICT).first
    expect(verdict).to_contain_text("45-person firm")
    before = verdict.inner_text()
    chart = page.locator('[data-testid="stPlotlyChart"]').last
    expect(chart.locator(".main-svg").first).to_be_visible(timeout=15_000)
    bars_before = chart.locator("text").all_inner_texts()

    slider = page.get_by_role("slider", name="Years to compare")
    slider.focus()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    expect(slider).to_have_attribute("aria-valuetext", "8")
    expect(verdict).to_contain_text("over 8 years")
    assert verdict.inner_text() != before
    for _ in range(100):  # the chart redraws after the verdict: poll its labels for up to 10 s
        if chart.locator("text").all_inner_texts() != bars_before:
            break
        page.wait_for_timeout(100)
    assert chart.locator("text").all_inner_texts() != bars_before, "the chart did not change"
    assert "years=8" in page.url
    screenshot(page, "overview-after-keyboard")


def test_shared_link_reopens_the_same_scenario(page, browser, server, wait_for_app):
    page.goto("/?employees=400&projects=6&size=large&years=7&rate=5&company=Acme")
    wait_for_app(page)
    verdict = page.locator(VERDICT).first.inner_text()
    other = browser.new_context(viewport={"width": 1400, "height": 2200})
    try:
        p2 = other.new_page()
        p2.goto(page.url)
        wait_for_app(p2)
        expect(p2.locator(VERDICT).first).to_have_text(verdict)
    finally:
        other.close()


def test_bad_url_value_shows_a_message_not_an_error(page, wait_for_app):
    page.goto("/?employees=-4&years=3")
    wait_for_app(page)
    expect(page.get_by_text("URL parameter 'employees'")).to_be_visible()
    expect(page.locator(VERDICT).first).to_contain_text("over 3 years")
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)


def test_assumption_edited_in_an_opened_group_changes_the_verdict(page, wait_for_app, screenshot):
    """Groups draw their rows only when opened (a round trip): open one, edit, see the effect."""
    import vcio_model as vm

    page.goto("/assumptions?employees=45&projects=3")
    wait_for_app(page)
    line = page.locator("p", has_text="With these values:")
    expect(line).to_contain_text(vm.compare(vm.Scenario(employees=45, projects_per_year=3)).verdict)
    rate = page.get_by_role("spinbutton", name="vCIO hourly rate")
    expect(rate).to_have_count(0)  # a closed group sends no rows
    page.get_by_text("Virtual CIO (vCIO), rented by the hour").click()
    expect(rate).to_have_value("200")
    rate.fill("450")
    rate.press("Enter")
    want = vm.compare(
        vm.Scenario(employees=45, projects_per_year=3, assumptions={"vcio_hourly_rate": 450.0})
    )
    expect(line).to_contain_text(want.verdict)
    expect(page.get_by_text("You changed 1 value")).to_be_visible()
    expect(rate).to_have_value("450")  # the group stayed open
    screenshot(page, "assumptions-group-open")
