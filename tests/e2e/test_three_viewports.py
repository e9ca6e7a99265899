"""The meeting at three screens: a laptop (1280x800), a projector in presentation mode
(1920x1080) and a phone (390x844). Each test measures what a person sees on the first screen,
and saves the Overview's picture as artifacts/overview-<viewport>.png."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

import vcio_model as vm
from tests.e2e.conftest import ARTIFACTS

LAPTOP = {"width": 1280, "height": 800}
PROJECTOR = {"width": 1920, "height": 1080}
PHONE = {"width": 390, "height": 844}
LINK = "/?employees=60&projects=2"  # typed by hand: no version, a close call (about the same)
MAIN = '[data-testid="stMainBlockContainer"]'
CHART = f'{MAIN} [data-testid="stPlotlyChart"], {MAIN} .vcio-bars'


def _context(browser, server, viewport, phone=False):
    return browser.new_context(
        viewport=viewport, base_url=server, is_mobile=phone, has_touch=phone, device_scale_factor=1
    )


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def _close_call() -> vm.Comparison:
    c = vm.compare(vm.Scenario(employees=60, projects_per_year=2))
    assert c.close_call, "the link is meant to open on a close call: pick another"
    return c


# ------------------------------------------------------------------------------------ laptop
def test_laptop_overview_speaks_the_verdicts_one_vocabulary(browser, server, wait_for_app):
    c = _close_call()
    context = _context(browser, server, LAPTOP)
    try:
        page = context.new_page()
        page.goto(LINK)
        wait_for_app(page, settle_ms=800)
        verdict = page.locator(f"{MAIN} h3").first
        expect(verdict).to_contain_text("about the same")
        expect(page.get_by_text("How sure?")).to_be_visible()
        # a hand-typed link says nothing of model versions
        expect(page.get_by_text("model version 0.1.0")).to_have_count(0)
        # the cards: both close options singled out alike, nobody "recommended" or "cheapest"
        cards = page.locator(".vcio-card")
        expect(cards).to_have_count(len(c.options))
        expect(page.locator(".vcio-card.win")).to_have_count(2)
        text = page.locator(".vcio-cards").inner_text().lower()
        assert "recommended" not in text and "cheapest" not in text
        # the chart's labels say the same
        labels = page.locator(f"{MAIN} [data-testid='stPlotlyChart'] .annotation-text")
        expect(labels.first).to_be_visible()
        chart_text = " ".join(labels.all_text_contents()).lower()  # SVG text: no innerText
        assert chart_text.count("about the same") == 2 and "recommended" not in chart_text
        # the owner's question, answered on the page
        expect(page.get_by_text("What the IT leadership costs you a month")).to_be_attached()
        # the header starts near the top: no 100 px of nothing above it
        assert page.locator(".vcio-brand").bounding_box()["y"] < 70
        _shot(page, "overview-laptop")
    finally:
        context.close()


# ------------------------------------------------------------------------------ projector
DECK_PAGES = ["", "costs", "where", "risk", "sensitivity"]


@pytest.mark.parametrize("path", DECK_PAGES, ids=lambda p: p or "overview")
def test_each_deck_page_holds_its_headline_and_main_chart_at_1920x1080(
    browser, server, wait_for_app, path
):
    context = _context(browser, server, PROJECTOR)
    try:
        page = context.new_page()
        page.goto(f"/{path}{LINK[1:]}&present=1")
        wait_for_app(page, settle_ms=800)
        head = page.locator(f"{MAIN} h3").first.bounding_box()
        chart = page.locator(CHART).first
        expect(chart).to_be_visible()
        box = chart.bounding_box()
        assert head["y"] >= 0 and head["y"] + head["height"] <= PROJECTOR["height"]
        assert box["y"] + box["height"] <= PROJECTOR["height"] + 2, (path, box)
        # no editing controls, no version line, no key hints on the page buttons
        expect(page.locator(".st-key-risk_precise")).to_be_hidden()
        nav = page.locator(".st-key-present_nav")
        assert not re.search(r"Page ?(Up|Down)", nav.inner_text())
        # the page buttons are one even row: one height, one line
        boxes = [
            el.bounding_box()
            for el in nav.locator("[data-testid='stPageLink'] a, .stButton button").all()
        ]
        heights = {round(b["height"]) for b in boxes if b}
        assert len(heights) >= 1
        assert max(heights) - min(heights) <= 2, heights
        tops = {
            round(el.bounding_box()["y"]) for el in nav.locator("[data-testid='stPageLink']").all()
        }
        assert max(tops) - min(tops) <= 4, tops
        if not path:
            # the cards fill their row (no empty tracks at 1920 px)
            row = page.locator(".vcio-cards").bounding_box()
            cards = page.locator(".vcio-card").all()
            last = cards[-1].bounding_box()
            assert last["x"] + last["width"] >= row["x"] + row["width"] - 2
            _shot(page, "overview-projector")
    finally:
        context.close()


def test_the_presenter_changes_the_head_count_live_in_the_deck(browser, server, wait_for_app):
    context = _context(browser, server, PROJECTOR)
    try:
        page = context.new_page()
        page.goto(f"{LINK}&present=1")
        wait_for_app(page)
        box = page.locator(".st-key-deck_employees input")
        expect(box).to_have_value("60")
        box.fill("200")
        box.press("Enter")
        expect(page.locator(f"{MAIN} h3").first).to_contain_text("200-person")
        wait_for_app(page)
        expect(page.locator(".st-key-present_nav")).to_be_visible()  # still presenting
        expect(page).to_have_url(re.compile(r"[?&]employees=200(&|$)"))
        page.locator("h1").first.click()  # out of the box, as a presenter would
        page.keyboard.press("PageDown")  # the clicker still turns the page
        expect(page.locator("h1").first).to_have_text("Costs in detail")
        expect(page.locator(f"{MAIN} h3").first).to_contain_text("200-person")
    finally:
        context.close()


# ---------------------------------------------------------------------------------- phone
def test_phone_shows_the_verdict_and_how_sure_first(browser, server, wait_for_app):
    context = _context(browser, server, PHONE, phone=True)
    try:
        page = context.new_page()
        page.goto(LINK)
        wait_for_app(page, settle_ms=1500)
        how = page.get_by_text("How sure?").first.bounding_box()
        assert how is not None and how["y"] + how["height"] <= PHONE["height"], how
        intro = page.get_by_text("What running IT costs you").bounding_box()
        assert intro is None or intro["y"] > how["y"]  # the glossary sentence comes after
        expect(page.get_by_text("Made with model version")).to_have_count(0)
        _shot(page, "overview-phone")
    finally:
        context.close()


@pytest.mark.parametrize("path", ["costs", "sensitivity", "where"])
def test_phone_tables_say_they_scroll_and_nothing_says_hover(browser, server, wait_for_app, path):
    context = _context(browser, server, PHONE, phone=True)
    try:
        page = context.new_page()
        page.goto(f"/{path}{LINK[1:]}")
        wait_for_app(page, settle_ms=800)
        body = page.locator(MAIN).inner_text()
        assert not re.search(r"\bhover", body, re.IGNORECASE)
        for wrap in page.locator(".vcio-table-wrap.wide").all():
            fits = wrap.evaluate("e => e.scrollWidth <= e.clientWidth + 1")
            hint = wrap.locator(".vcio-scroll-hint")
            assert fits or hint.is_visible(), "a table cut off on the right with no hint"
    finally:
        context.close()


def test_phone_sensitivity_labels_do_not_collide(browser, server, wait_for_app):
    context = _context(browser, server, PHONE, phone=True)
    try:
        page = context.new_page()
        page.goto(f"/sensitivity{LINK[1:]}")
        wait_for_app(page, settle_ms=800)
        chart = page.locator(f"{MAIN} [data-testid='stPlotlyChart']").first
        chart.scroll_into_view_if_needed()
        boxes = [
            b
            for b in (el.bounding_box() for el in chart.locator(".annotation").all())
            if b and b["width"] > 0
        ]
        values = [  # the values written at the bars' ends
            b for b in (el.bounding_box() for el in chart.locator(".bartext").all()) if b
        ]
        assert len(boxes) >= 3 and len(values) >= 6
        for i, a in enumerate(boxes + values):
            for b in (boxes + values)[i + 1 :]:
                overlap_x = min(a["x"] + a["width"], b["x"] + b["width"]) - max(a["x"], b["x"])
                overlap_y = min(a["y"] + a["height"], b["y"] + b["height"]) - max(a["y"], b["y"])
                assert overlap_x <= 1 or overlap_y <= 1, (a, b)
    finally:
        context.close()


def test_the_saved_message_leaves_the_presentation_switch_free(browser, server, wait_for_app):
    context = _context(browser, server, LAPTOP)
    try:
        page = context.new_page()
        page.goto(f"/share{LINK[1:]}")
        wait_for_app(page)
        page.get_by_role("textbox", name="Save as").fill("Acme, 2 projects")
        page.get_by_role("button", name="Save current scenario").click()
        toast = page.locator('[data-testid="stToast"]').first
        expect(toast).to_be_visible()
        a = toast.bounding_box()
        page.evaluate("window.scrollTo(0, 0)")
        # at the foot of the screen, away from the header where the switch is, at any scroll
        assert a["y"] > LAPTOP["height"] / 2, a
    finally:
        context.close()
