"""Security in the real browser against the real server.

* Script payloads in a shared link (the company name in ``company=``, a project name packed into
  ``s``) never run and never become elements, on any page; the text is shown literally; the
  downloaded HTML report carries it escaped and runs nothing when opened.
* An exception in the app shows no exception type, message or traceback, even with Streamlit
  started the way Community Cloud starts it (``--client.showErrorDetails false``, which
  overrides config.toml): nothing of it reaches the browser, not even over the websocket.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from playwright.sync_api import expect

from vcio_app.scenario import links as share
from vcio_model import Project, Scenario

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts"
COMPANY = "<img src=x onerror=window.__xss=1><script>window.__xss=1</script>"
PROJECT = "<script>window.__xss=2</script><img src=x onerror=window.__xss=2>"
# navigation link -> the start of the page's heading
PAGES = {
    "Overview": "What should IT leadership cost you?",
    "Costs": "Costs",
    "Projects": "IT projects",
    "Where each option wins": "Where each option wins",
    "Risk": "Risk",
    "Sensitivity": "Sensitivity",
    "Assumptions": "Assumptions",
    "Share and export": "Share and export",
    "About": "About",
}
SECRET = "SECRET-DETAIL-7f3a"


def hostile_query() -> str:
    s = share.encode_extra(Scenario(projects=[Project(name=PROJECT, size="small")]))
    return urlencode({"company": COMPANY, "s": s}, quote_via=quote)


def assert_inert(page) -> None:
    """Nothing of the payloads ran or became an element."""
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.locator("img[src=x]").count() == 0
    assert page.locator("[onerror]").count() == 0
    scripts = page.evaluate("[...document.scripts].map(s => s.textContent).join(' ')")
    assert "__xss" not in scripts


def test_script_payloads_in_a_link_never_run_on_any_page(page, wait_for_app, screenshot):
    """Open the link, then visit every page of that session through the navigation."""
    page.goto(f"/?{hostile_query()}")
    wait_for_app(page)
    for title, heading in PAGES.items():
        if title != "Overview":
            page.locator('[data-testid="stSidebarNav"] a', has_text=title).first.click()
            wait_for_app(page, settle_ms=300)
        main = page.locator('[data-testid="stMainBlockContainer"]')
        expect(main.locator("h1").first).to_contain_text(heading)
        charts = main.locator('[data-testid="stPlotlyChart"]')
        if charts.count():  # chart labels are drawn a little later; hovering draws hover labels
            expect(charts.first.locator(".main-svg").first).to_be_visible(timeout=15_000)
            for chart in charts.all()[:2]:
                chart.hover()
        assert_inert(page)
        expect(page.locator('[data-testid="stException"]')).to_have_count(0)
        # The company is kept and shown as text: in its input, and in the verdict of a page.
        expect(page.get_by_role("textbox", name="Company name")).to_have_value(COMPANY)
        if title in ("Overview", "Costs", "Projects"):
            expect(main.locator("h3").first).to_contain_text(COMPANY)
        if title == "Overview":
            screenshot(page, "security-overview-payload")
    assert page.console_errors == []


def test_project_name_payload_is_shown_as_text_in_presentation_mode(page, wait_for_app, screenshot):
    """Presentation mode shows the named projects as a plain table: the payload as its text."""
    page.goto(f"/projects?{hostile_query()}")
    wait_for_app(page)
    page.get_by_text("Presentation mode").click()
    wait_for_app(page, settle_ms=300)
    table = page.locator(".vcio-table").first
    expect(table).to_contain_text(PROJECT)
    assert_inert(page)
    screenshot(page, "security-projects-presentation")


def test_html_report_download_carries_the_payload_escaped(page, wait_for_app, tmp_path, browser):
    page.goto(f"/share?{hostile_query()}")
    wait_for_app(page)
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name="HTML report").click()
    path = tmp_path / "report.html"
    download.value.save_as(path)
    text = path.read_text(encoding="utf-8")
    assert "&lt;img src=x onerror=window.__xss=1&gt;&lt;script&gt;window.__xss=1" in text
    assert "&lt;script&gt;window.__xss=2&lt;/script&gt;" in text
    assert "<img src=x" not in text and "<script>window.__xss" not in text
    assert_inert(page)
    # Opened on its own (as a prospect would, from an e-mail): nothing runs there either.
    context = browser.new_context(viewport={"width": 1200, "height": 1600})
    try:
        report = context.new_page()
        report.goto(path.as_uri())
        expect(report.locator("h1")).to_contain_text(COMPANY)
        report.wait_for_timeout(500)
        assert_inert(report)
    finally:
        context.close()


# ---------------------------------------------------------------------------------- errors
# The real app.py, with one function replaced by one that raises, run as the main script from
# the repository root (so the page paths resolve as for app.py). chrome.run calls it before any
# part it isolates (vcio_app/guard.py), so the exception reaches Streamlit's own handler.
FAILING_APP = f"""
import runpy
from vcio_app.frame import sidebar

def _boom(*args, **kwargs):
    raise RuntimeError("{SECRET} in /srv/app/vcio_app/secret_path.py")

sidebar.settle_inputs = _boom
runpy.run_path({str(ROOT / "app.py")!r}, run_name="__main__")
"""


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def cloud_like_server() -> Iterator[str]:
    """The failing app, started with Community Cloud's own flag for error details."""
    script = ROOT / f".e2e_forced_error_{os.getpid()}.py"  # removed below; never committed
    script.write_text(FAILING_APP, encoding="utf-8")
    port = _free_port()
    log = ARTIFACTS / f"streamlit-forced-error-{os.getpid()}.log"
    ARTIFACTS.mkdir(exist_ok=True)
    cmd = [sys.executable, "-m", "streamlit", "run", script.name,
           "--server.headless", "true", "--server.port", str(port),
           "--server.address", "127.0.0.1", "--client.showErrorDetails", "false"]  # fmt: skip
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "STREAMLIT_CLIENT_SHOW_ERROR_DETAILS": "false"}
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                assert proc.poll() is None, log.read_text(errors="replace")
                with contextlib.suppress(OSError):
                    with opener.open(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                        if r.read().strip() == b"ok":
                            break
                time.sleep(0.1)
            else:
                pytest.fail(f"server not healthy; log {log}")
            yield f"http://127.0.0.1:{port}"
        finally:
            script.unlink(missing_ok=True)
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def test_an_exception_shows_no_details_even_with_clouds_setting(browser, wait_for_app, screenshot):
    frames: list[str] = []
    with cloud_like_server() as url:
        context = browser.new_context(viewport={"width": 1400, "height": 1600})
        try:
            page = context.new_page()
            page.on(
                "websocket",
                lambda ws: ws.on(
                    "framereceived",
                    lambda payload: frames.append(
                        payload.decode("utf-8", "replace")
                        if isinstance(payload, bytes)
                        else payload
                    ),
                ),
            )
            page.goto(f"{url}/costs")
            wait_for_app(page)
            error = page.locator('[data-testid="stException"]')
            expect(error).to_have_count(1)
            expect(error).to_contain_text("error")
            html = page.content()
            screenshot(page, "security-forced-error")
        finally:
            context.close()
    assert frames, "no websocket traffic seen"
    everything = html + " ".join(frames)
    for leak in (SECRET, "secret_path", "RuntimeError", "Traceback", "sidebar.py", "_boom"):
        assert leak not in everything, leak
