"""Two audiences, one deployment, in a real browser: a visitor's pages and downloads never hold an
internal note; the sales team's passphrase (a deployment secret) shows them in that tab only."""

from __future__ import annotations

import io
import zipfile

import pytest
from playwright.sync_api import expect

from vcio_app import brand as br

PAGES = ["", "costs", "projects", "where", "risk", "sensitivity", "assumptions", "about", "share"]

PASSPHRASE = "correct horse battery staple"


def _notes() -> list[str]:
    """The raw internal notes of the default brand and rate card (what must never leak). Short
    distinctive pieces too, in case the page breaks a note across elements or escapes it."""
    card = br.load_rate_card()
    notes = [br.load_brand().internal_notes, *card.internal_notes.values()]
    notes = [n for n in notes if n]
    # the test can fail: there are notes to leak (the brand's; the shipped rate card is empty,
    # vendor-neutral: tests/unit/test_share.py checks an MSP card's notes stay hidden)
    assert len(notes) >= 1
    return notes + [n[:24] for n in notes]


def _leaks(text: str) -> list[str]:
    return [n for n in _notes() if n in text]


def _download(page, label: str) -> bytes:
    with page.expect_download() as dl:
        page.get_by_role("button", name=label).click()
    return dl.value.path().read_bytes()


def _xlsx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return "\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())


def test_a_visitor_never_receives_an_internal_note(page, wait_for_app):
    frames: list[bytes] = []  # every websocket message the server sent this browser

    def on_socket(ws) -> None:
        ws.on("framereceived", lambda f: frames.append(f if isinstance(f, bytes) else f.encode()))

    page.on("websocket", on_socket)
    for path in PAGES:
        page.goto(f"/{path}")
        wait_for_app(page)
        assert _leaks(page.content()) == [], path
    # page is now Share and export: nothing to unlock without a configured passphrase
    expect(page.get_by_role("textbox", name="Sales team passphrase")).to_have_count(0)
    html = _download(page, "HTML report").decode("utf-8", "replace")
    assert "<html" in html.lower() and _leaks(html) == []
    assert _leaks(_xlsx_text(_download(page, "Excel workbook"))) == []
    scenario = _download(page, "Download this scenario (JSON)").decode()
    assert '"employees"' in scenario and _leaks(scenario) == []
    received = b"".join(frames).decode("utf-8", "replace")
    assert "Share and export" in received  # the frames were seen
    assert _leaks(received) == []


@pytest.fixture
def secrets_file(tmp_path):
    path = tmp_path / "secrets.toml"
    path.write_text(f'[sales]\npassphrase = "{PASSPHRASE}"\n', encoding="utf-8")
    return path


def test_the_passphrase_unlocks_the_notes_in_that_tab_only(
    browser, fresh_server, secrets_file, wait_for_app, screenshot
):
    with fresh_server("sales", "--secrets.files", str(secrets_file)) as url:
        context = browser.new_context(viewport={"width": 1400, "height": 2200})
        try:
            page = context.new_page()
            page.goto(f"{url}/share")
            wait_for_app(page)
            assert _leaks(page.content()) == []
            box = page.get_by_role("textbox", name="Sales team passphrase")
            box.fill("a wrong guess, sorry")
            page.get_by_role("button", name="Unlock").click()
            expect(page.get_by_text("4 tries left")).to_be_visible()
            assert _leaks(page.content()) == []
            box.fill(PASSPHRASE)
            page.get_by_role("button", name="Unlock").click()
            expect(page.get_by_text("Brand and rate card for this session")).to_be_visible()
            wait_for_app(page)
            content = page.content()
            assert br.load_brand().internal_notes in content  # unlocked: the notes are there
            assert all(n in content for n in br.load_rate_card().internal_notes.values() if n)
            screenshot(page, "share-sales-view")
            assert "sales" not in page.url and PASSPHRASE not in page.url
            # A link copied from the unlocked tab opens as a visitor's.
            other = context.browser.new_context(viewport={"width": 1400, "height": 2200})
            try:
                fresh = other.new_page()
                fresh.goto(page.url)
                wait_for_app(fresh)
                assert _leaks(fresh.content()) == []
                expect(fresh.get_by_role("textbox", name="Sales team passphrase")).to_be_visible()
            finally:
                other.close()
            # Presentation mode hides the sales view while it is on.
            page.get_by_text("Presentation mode", exact=True).click()
            wait_for_app(page)
            expect(page.get_by_text("Brand and rate card for this session")).to_have_count(0)
            assert _leaks(page.content()) == []
        finally:
            context.close()
