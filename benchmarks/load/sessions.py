"""Browser sessions: one Chromium, one context per user, each pressing keys and clicking links.

``drive`` runs the phases in order: one session alone (reference), an idle baseline, then
``--waves`` crowds of ``--sessions`` sessions (``load_wave``), each followed by the memory after
they closed. Every action's latency is timed inside the page (load/page_probe.py).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import time
from dataclasses import dataclass, field
from typing import Any

from .page_probe import INIT_JS
from .server import Sampler, active_sessions, cache_memory
from .settings import NAV_SHARE, PAGES, SLIDERS, VIEWPORT


@dataclass
class Stats:
    actions: list[dict[str, Any]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    first_loads: list[float] = field(default_factory=list)


async def wait_ready(page: Any, timeout_ms: int) -> None:
    from playwright.async_api import expect

    app = page.locator('[data-testid="stApp"]')
    await expect(app).to_have_attribute(
        "data-test-connection-state", "CONNECTED", timeout=timeout_ms
    )
    await expect(app).to_have_attribute("data-test-script-state", "notRunning", timeout=timeout_ms)


async def slider_action(page: Any, rng: random.Random) -> tuple[str, Any]:
    name = rng.choice(SLIDERS)
    # Streamlit names its slider "<label> <label>" (aria-labelledby lists the input itself and
    # the label), so select by aria-label rather than by accessible name.
    slider = page.locator(f'[data-testid="stSidebar"] input[type="range"][aria-label="{name}"]')
    low, high, value = await slider.evaluate("e => [+e.min, +e.max, +e.value]")
    if value <= low:
        key = "ArrowRight"
    elif value >= high:
        key = "ArrowLeft"
    else:
        key = rng.choice(("ArrowLeft", "ArrowRight"))
    await slider.focus()

    async def go() -> None:
        await slider.press(key)

    return f"slider {name}", go


async def nav_action(page: Any, rng: random.Random, current: str) -> tuple[str, Any, str]:
    target = rng.choice([p for p in PAGES if p != current])
    link = page.locator(f'[data-testid="stSidebarNav"] a[href$="/{target}"]').first

    async def go() -> None:
        await link.click()

    return f"page /{target}", go, target


async def run_session(
    browser: Any,
    base_url: str,
    index: int,
    args: argparse.Namespace,
    stats: Stats,
    seconds: float,
    phase: str,
    warm_every_page: bool = False,
) -> None:
    from playwright.async_api import Error as PlaywrightError

    from tests.e2e.conftest import _is_noise

    rng = random.Random(args.seed * 1000 + index)
    timeout_ms = int(args.action_timeout * 1000)
    context = await browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(timeout_ms)
    await context.add_init_script(INIT_JS)
    page = await context.new_page()
    tag = f"{phase} session {index}"

    def on_console(message: Any) -> None:
        url = (message.location or {}).get("url", "")
        if message.type == "error" and not _is_noise(message.text, url):
            stats.errors.append(f"{tag}: console error: {message.text[:200]} (at {url})")

    page.on("console", on_console)
    page.on("pageerror", lambda e: stats.errors.append(f"{tag}: uncaught page error: {e}"))
    try:
        current = rng.choice(PAGES) if index and not warm_every_page else ""
        load_ms = int(args.load_timeout * 1000)
        t0 = time.monotonic()
        # "commit", not "load": what counts is the app connected and its first run finished.
        await page.goto(f"{base_url}/{current}", wait_until="commit", timeout=load_ms)
        await wait_ready(page, load_ms)
        stats.first_loads.append(time.monotonic() - t0)
        if warm_every_page:  # imports and caches for every page, not timed
            for target in PAGES[1:]:
                await page.goto(f"{base_url}/{target}", wait_until="commit", timeout=load_ms)
                await wait_ready(page, load_ms)
            current = PAGES[-1]
        deadline = time.monotonic() + seconds
        count = 0
        while time.monotonic() < deadline and count < args.max_actions:
            count += 1
            on_page = current
            try:
                if rng.random() < NAV_SHARE:
                    label, go, target = await nav_action(page, rng, current)
                    kind = "page switch"
                else:
                    label, go = await slider_action(page, rng)
                    kind, target = "slider key press", current
                await go()
                result = await page.evaluate("t => window.__lt.wait(t)", timeout_ms)
            except PlaywrightError as e:
                # e.g. the sidebar is missing because the run failed: reload, as a user would
                stats.errors.append(
                    f"{tag}: on /{on_page}: Playwright: {str(e).splitlines()[0][:160]}; reloaded"
                )
                await page.goto(f"{base_url}/{on_page}", wait_until="commit", timeout=load_ms)
                await wait_ready(page, load_ms)
                continue
            current = target
            row = {"phase": phase, "session": index, "kind": kind, "action": label}
            row["end"] = time.time()
            row["page"] = "/" + on_page
            row["ok"] = result["ok"]
            if result["ok"]:
                row["latency_s"] = (result["done"] - result["start"]) / 1000
                row["to_request_s"] = (result["request"] - result["start"]) / 1000
            else:
                why = "rerun never finished" if result["sentRequest"] else "no rerun requested"
                stats.errors.append(
                    f"{tag}: {label} on /{on_page}: {why} in {args.action_timeout} s"
                )
            if result["exceptions"]:
                stats.errors.append(
                    f"{tag}: exception shown after {label} on /{on_page}: "
                    + result["exceptionText"].replace("\n", " ")
                )
            if result["connection"] != "CONNECTED":
                stats.errors.append(f"{tag}: connection {result['connection']} after {label}")
            stats.actions.append(row)
            await asyncio.sleep(rng.uniform(*args.think))
    except PlaywrightError as e:
        stats.errors.append(f"{tag}: Playwright: {str(e).splitlines()[0][:200]}")
    finally:
        await context.close()


async def load_wave(
    args: argparse.Namespace,
    browser: Any,
    base_url: str,
    sampler: Sampler,
    out: dict[str, Any],
    wave: int,
) -> None:
    """One wave of ``--sessions`` sessions, then the memory after they close. Wave 1's phases are
    "load", "after", "reap"; a later wave k's are "load<k>", ... (``--waves``: does a second crowd
    reuse the memory the first left, or add to it?)."""
    n = "" if wave == 1 else str(wave)
    stats = out.setdefault(f"load{n}", Stats())
    sampler.phase = f"load{n}"
    out["wall"][f"load{n}"] = [time.time(), None]
    print(f"load{n}: {args.sessions} sessions x {args.seconds:g} s", flush=True)

    async def staggered(i: int) -> None:
        await asyncio.sleep(i * args.ramp / max(1, args.sessions))
        await run_session(browser, base_url, i, args, stats, args.seconds, f"load{n}")

    peak_task = asyncio.create_task(
        asyncio.sleep(args.ramp + args.seconds * 0.8)
    )  # near the end of the load, while every session is open: Streamlit's own sizes
    sessions = asyncio.gather(*(staggered(i) for i in range(args.sessions)))
    await peak_task
    out[f"cache_memory{n}"] = await asyncio.to_thread(cache_memory, base_url)
    await sessions
    out["wall"][f"load{n}"][1] = time.time()
    closed_at = time.monotonic()
    sampler.phase = f"after{n}"
    print(f"after: all contexts closed; waiting {args.settle:g} s", flush=True)
    await asyncio.sleep(args.settle)
    out[f"after_rss{n}"] = (sampler.rss(f"after{n}") or [float("nan")])[-1]
    out[f"after_sessions{n}"] = active_sessions(base_url)
    out[f"settle_s{n}"] = time.monotonic() - closed_at
    if args.reap:
        # Disconnected sessions stay in Streamlit's MemorySessionStorage (a TTL cache,
        # 2 minutes) for a reconnect; expired entries leave only when another session is
        # saved there, i.e. when some session disconnects after the 2 minutes.
        wait = max(0.0, 125 - (time.monotonic() - closed_at))
        print(f"reap: probe session in {wait:.0f} s", flush=True)
        await asyncio.sleep(wait)
        sampler.phase = f"reap{n}"
        probe = Stats()
        await run_session(browser, base_url, 0, args, probe, 0, "probe")
        stats.errors.extend(probe.errors)
        await asyncio.sleep(10)
        out[f"reap_rss{n}"] = (sampler.rss(f"reap{n}") or [float("nan")])[-1]
        out[f"reap_s{n}"] = time.monotonic() - closed_at


async def drive(args: argparse.Namespace, base_url: str, sampler: Sampler) -> dict[str, Any]:
    from playwright.async_api import async_playwright

    from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS

    out: dict[str, Any] = {"reference": Stats(), "load": Stats()}
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        try:
            await asyncio.sleep(3)  # cold RSS: the server started, no script run yet
            sampler.phase = "reference"
            out["wall"] = {"reference": [time.time(), None]}
            print(
                f"reference: 1 session, every page, then {args.reference_seconds:g} s", flush=True
            )
            await run_session(
                browser, base_url, 0, args, out["reference"], args.reference_seconds,
                "reference", warm_every_page=True,
            )  # fmt: skip
            out["wall"]["reference"][1] = time.time()
            sampler.phase = "baseline"
            await asyncio.sleep(args.baseline_seconds)

            for wave in range(1, args.waves + 1):
                await load_wave(args, browser, base_url, sampler, out, wave)
            out["chromium_version"] = browser.version
        finally:
            await browser.close()
    return out
