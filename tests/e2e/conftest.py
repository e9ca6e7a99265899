"""End-to-end harness: the real app (``streamlit run app.py``) driven by a real browser.

Fixtures
    server      session: base URL of a Streamlit server started on a free port from the repo root
    server_log  session: path of that server's log (stdout and stderr), for tracebacks
    browser     session: Playwright's Chromium, i.e. Debian's /usr/bin/chromium
    page        function: a fresh context (1400x2200 viewport, ``base_url`` = server, so
                ``page.goto("/")`` works); ``page.console_errors`` lists the browser console
                errors and uncaught page errors seen so far, known harmless noise left out
    wait_for_app, screenshot: the helpers below, as fixtures

Every test under tests/e2e is marked ``e2e`` automatically, and skipped with the reason when
Chromium or Playwright is missing. ``playwright install`` does not work on our machines: the
browser is Debian's (``make chromium`` installs it). On a failing test the page is saved to
artifacts/screenshots/FAILED-<test>.png, removed when the test next passes.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app.py"
ARTIFACTS = ROOT / "artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1400, "height": 2200}
HEALTH_TIMEOUT_S = 30.0
STOP_TIMEOUT_S = 5.0
APP_TIMEOUT_MS = 30_000

# Streamlit shows one of these icons in [data-testid="stStatusWidget"] while a script runs.
RUNNING_ICONS = ", ".join(
    f'[data-testid="stStatusWidget"] [data-testid="{testid}"]'
    for testid in (
        "stStatusWidgetRunningIcon",
        "stStatusWidgetRunningManIcon",
        "stStatusWidgetNewYearsIcon",
    )
)

# Console errors that are known, harmless noise (see shared/docs/TESTING.md):
# 404s for /<page>/_stcore/health (and host-config) when a page URL is opened directly, and
# fonts that cannot be fetched on a machine without internet.
_NOISE_URL = re.compile(
    r"/[^/?#]+/_stcore/(health|host-config)(\?|$)"
    r"|\.(woff2?|ttf|otf)(\?|$)"
    r"|fonts\.(googleapis|gstatic)\.com",
    re.IGNORECASE,
)
_NOISE_TEXT = re.compile(r"failed to (load|decode) (resource|downloaded font)|OTS parsing error")


def _skip_reason() -> str | None:
    if not CHROMIUM.exists():
        return (
            f"{CHROMIUM} not found: browser tests need Debian's Chromium "
            "(`make chromium` as root, or apt-get install -y chromium)"
        )
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed: run `make venv`"
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    reason = _skip_reason()
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.e2e)
            if reason:
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):
    report = yield
    # Lets the page fixture know at teardown whether the test itself failed.
    setattr(item, f"_e2e_report_{report.when}", report)
    return report


# --- the server ------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def _wait_for_health(proc: subprocess.Popen[bytes], base_url: str, log_path: Path) -> None:
    # No proxy: the server is on loopback, whatever *_proxy variables say.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    deadline = time.monotonic() + HEALTH_TIMEOUT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(
                f"streamlit exited with code {proc.returncode} before it was healthy; "
                f"log {log_path}:\n{_tail(log_path)}",
                pytrace=False,
            )
        try:
            with opener.open(f"{base_url}/_stcore/health", timeout=2) as response:
                if response.read().strip() == b"ok":
                    return
        except OSError:
            pass
        time.sleep(0.1)
    pytest.fail(
        f"streamlit not healthy after {HEALTH_TIMEOUT_S:.0f} s; log {log_path}:\n{_tail(log_path)}",
        pytrace=False,
    )


@pytest.fixture(scope="session")
def server_log() -> Path:
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    return ARTIFACTS / f"streamlit-server-{worker}.log"


@contextlib.contextmanager
def serve(log_path: Path, extra_args: tuple[str, ...] = ()) -> Iterator[str]:
    """Start ``streamlit run app.py`` on a free port; yield its base URL; stop it afterwards.
    ``extra_args`` go to ``streamlit run`` (e.g. ``("--secrets.files", path)``)."""
    port = _free_port()
    base_url = f"http://127.0.0.1:{port}"
    cmd = [
        sys.executable, "-m", "streamlit", "run", "app.py",
        "--server.headless", "true",
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        *extra_args,
    ]  # fmt: skip
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    ARTIFACTS.mkdir(exist_ok=True)
    with log_path.open("wb") as log:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            _wait_for_health(proc, base_url, log_path)
            yield base_url
        finally:
            _stop(proc)


@pytest.fixture(scope="session")
def server(server_log: Path) -> Iterator[str]:
    if not APP.exists():
        pytest.skip(f"{APP.name} does not exist yet: nothing to serve")
    with serve(server_log) as base_url:
        yield base_url


@pytest.fixture
def fresh_server() -> Callable[[str], contextlib.AbstractContextManager[str]]:
    """A factory: ``with fresh_server("name") as url:`` starts a server nobody has visited yet
    (``fresh_server("name", "--secrets.files", path)`` passes arguments to ``streamlit run``)."""
    return lambda name, *extra: serve(ARTIFACTS / f"streamlit-fresh-{name}.log", tuple(extra))


# --- the browser -----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    reason = _skip_reason()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def _is_noise(text: str, url: str) -> bool:
    return bool(_NOISE_URL.search(url) or (_NOISE_URL.search(text) and _NOISE_TEXT.search(text)))


def wait_for_app(page: Any, timeout_ms: int = APP_TIMEOUT_MS, settle_ms: int = 100) -> None:
    """Wait until Streamlit is connected and has finished running the script.

    ``[data-testid="stApp"]`` carries ``data-test-connection-state`` (CONNECTED once the
    websocket is up) and ``data-test-script-state`` (``initial`` before the first run, then
    ``running`` / ``notRunning``; ``compilationError`` never settles and so times out). This is
    what Streamlit's own end-to-end tests wait on; the running icon in the status widget is
    checked too. After a widget change Streamlit may not have started the rerun yet when this is
    called: prefer ``expect(locator).to_have_text(...)`` on the result you wait for, or wait a
    few hundred ms first.
    """
    from playwright.sync_api import expect

    app = page.locator('[data-testid="stApp"]')
    expect(app).to_have_attribute("data-test-connection-state", "CONNECTED", timeout=timeout_ms)
    expect(app).to_have_attribute("data-test-script-state", "notRunning", timeout=timeout_ms)
    expect(page.locator(RUNNING_ICONS)).to_have_count(0, timeout=timeout_ms)
    # Widgets and charts are lazy-loaded components: placeholders until their code has arrived.
    expect(page.locator('[data-testid="stSkeleton"]')).to_have_count(0, timeout=timeout_ms)
    if settle_ms:
        page.wait_for_timeout(settle_ms)
        expect(app).to_have_attribute("data-test-script-state", "notRunning", timeout=timeout_ms)


def screenshot(page: Any, name: str) -> Path:
    """Save the viewport (keep it tall: Streamlit scrolls inside its own container) as
    artifacts/screenshots/<name>.png and return the path."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path


@pytest.fixture(name="wait_for_app")
def wait_for_app_fixture() -> Callable[..., None]:
    return wait_for_app


@pytest.fixture(name="screenshot")
def screenshot_fixture() -> Callable[[Any, str], Path]:
    return screenshot


@pytest.fixture
def page(browser: Any, server: str, request: pytest.FixtureRequest) -> Iterator[Any]:
    context = browser.new_context(viewport=VIEWPORT, base_url=server)
    page = context.new_page()
    errors: list[str] = []

    def on_console(message: Any) -> None:
        if message.type != "error":
            return
        url = (message.location or {}).get("url", "")
        if not _is_noise(message.text, url):
            errors.append(f"console error: {message.text} (at {url or 'unknown'})")

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(f"uncaught page error: {error}"))
    page.console_errors = errors
    try:
        yield page
        report = getattr(request.node, "_e2e_report_call", None)
        name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)
        if report is not None and report.failed:
            try:
                screenshot(page, f"FAILED-{name}")
            except Exception:  # the page may be gone; the failure itself matters more
                pass
        elif report is not None and report.passed:  # a failure's picture from an earlier run
            (SCREENSHOTS / f"FAILED-{name}.png").unlink(missing_ok=True)
    finally:
        context.close()
