"""The meeting in a real browser: a link that opens in presentation mode, page buttons and the
keyboard moving through every page without leaving it, and Back undoing one edit."""

from __future__ import annotations

import re

from playwright.sync_api import expect

# In the order of app.py's page list: (page title, h1 on that page)
PAGES = [
    ("Overview", "What should IT leadership cost you?"),
    ("Costs", "Costs in detail"),
    ("Projects", "IT projects"),
    ("Where each option wins", "Where each option wins"),
    ("Risk", "Risk"),
    ("Sensitivity", "Sensitivity"),
    ("Assumptions", "Assumptions"),
    ("Share and export", "Share and export"),
    ("About", "About this tool"),
]
NAV = ".st-key-present_nav"
PROJECTOR = {"width": 1920, "height": 1080}


def _presenting(page) -> None:
    """Presentation mode is on: page buttons shown, the sidebar and its inputs are not."""
    expect(page.locator(NAV)).to_be_visible()
    expect(page.locator('[data-testid="stSidebar"]')).to_be_hidden()
    # the address bar is written after the page draws: wait for it rather than read it once
    expect(page).to_have_url(re.compile(r"[?&]present=1(&|$)"))


def test_a_link_opens_in_presentation_mode_and_next_walks_every_page(
    browser, server, wait_for_app, screenshot
):
    context = browser.new_context(viewport=PROJECTOR, base_url=server)
    try:
        page = context.new_page()
        page.goto("/?employees=120&projects=2&present=1")
        wait_for_app(page)
        for i, (_, title) in enumerate(PAGES):
            expect(page.locator("h1").first).to_have_text(title)
            _presenting(page)
            expect(page.locator('[data-testid="stException"]')).to_have_count(0)
            screenshot(page, f"present-{i}-{title.split()[0].lower()}")
            nxt = page.get_by_role("button", name=re.compile("^Next"))
            if i == len(PAGES) - 1:
                expect(nxt).to_be_disabled()
                break
            nxt.click()
            wait_for_app(page)
        # The keyboard, as a presenter's clicker sends it: PageUp goes back one page.
        page.keyboard.press("PageUp")
        expect(page.locator("h1").first).to_have_text(PAGES[-2][1])
        _presenting(page)
        # A page button jumps straight to its page and stays in presentation mode.
        page.locator(NAV).get_by_role("link", name=re.compile("Risk")).click()
        expect(page.locator("h1").first).to_have_text("Risk")
        wait_for_app(page)
        _presenting(page)
        page.locator(NAV).get_by_role("link", name=re.compile("Overview")).focus()
        page.keyboard.press("Enter")  # Tab to a page button and press Enter
        expect(page.locator("h1").first).to_have_text(PAGES[0][1])
        _presenting(page)
        assert "employees=120" in page.url  # the scenario came along
    finally:
        context.close()


def test_back_undoes_one_edit(page, wait_for_app):
    page.goto("/?employees=45&projects=3")
    wait_for_app(page)
    slider = page.get_by_role("slider", name="Years to compare")
    verdict = page.locator('[data-testid="stMainBlockContainer"] h3').first
    slider.focus()
    page.keyboard.press("ArrowRight")
    expect(slider).to_have_attribute("aria-valuetext", "6")
    wait_for_app(page, settle_ms=600)
    page.keyboard.press("ArrowRight")
    expect(slider).to_have_attribute("aria-valuetext", "7")
    wait_for_app(page, settle_ms=600)
    expect(verdict).to_contain_text("over 7 years")
    assert "years=7" in page.url
    page.go_back()
    expect(verdict).to_contain_text("over 6 years")
    expect(slider).to_have_attribute("aria-valuetext", "6")
    assert "years=6" in page.url
    page.go_back()
    expect(verdict).to_contain_text("over 5 years")
    expect(slider).to_have_attribute("aria-valuetext", "5")
    page.go_forward()
    expect(verdict).to_contain_text("over 6 years")


def test_typing_25_employees_beside_the_slider(page, wait_for_app):
    page.goto("/?employees=45&projects=3")
    wait_for_app(page)
    box = page.get_by_role("spinbutton", name="Exact number of employees")
    expect(box).to_have_value("45")
    box.fill("25")
    box.press("Enter")
    verdict = page.locator('[data-testid="stMainBlockContainer"] h3').first
    expect(verdict).to_contain_text("25-person")
    expect(page.get_by_role("slider", name="Employees")).to_have_attribute("aria-valuetext", "25")
    wait_for_app(page)
    assert re.search(r"[?&]employees=25(&|$)", page.url), page.url


PHONE = {"width": 390, "height": 844}


def test_the_whole_verdict_is_on_a_phones_first_screen(browser, server, wait_for_app, screenshot):
    import vcio_model as vm

    context = browser.new_context(
        viewport=PHONE, base_url=server, is_mobile=True, has_touch=True, device_scale_factor=2
    )
    try:
        page = context.new_page()
        page.goto(f"/?employees=25&projects=1&model={vm.__version__}")
        wait_for_app(page)
        verdict = page.locator('[data-testid="stMainBlockContainer"] h3').first
        expect(verdict).to_contain_text("25-person")
        page.wait_for_timeout(1500)  # the header and the sidebar's run after the page: no jump
        box = verdict.bounding_box()
        assert box is not None and box["y"] >= 0
        assert box["y"] + box["height"] <= PHONE["height"], box
        strip = page.locator(".vcio-brand").bounding_box()
        assert strip is not None and strip["y"] >= 0 and strip["y"] < box["y"]  # not hidden
        # The instructions name where the inputs are on a phone.
        expect(page.get_by_text("behind the » button at the top left on a phone")).to_be_attached()
        screenshot(page, "phone-overview-first-screen")
    finally:
        context.close()
