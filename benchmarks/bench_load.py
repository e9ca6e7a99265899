"""Load test: many browser sessions at once against one real server, with errors, latency, memory.

    .venv/bin/python benchmarks/bench_load.py [--sessions 20] [--seconds 120] [--think 1-3]

One ``streamlit run app.py`` on a free loopback port (the e2e harness's ``serve``), then:

1. reference: one browser session visits every page (imports, caches), then moves sliders and
   switches pages alone for ``--reference-seconds``: the latency with nobody else on the server;
2. baseline: that session closes; the server's RSS over a few idle seconds is the warm baseline
   (the RSS right after start, before any session ran the script, is shown too as "cold");
3. load: ``--sessions`` sessions start over ``--ramp`` seconds; each runs for ``--seconds``,
   pressing ArrowLeft/ArrowRight on a sidebar slider (Employees, IT projects a year, Years to
   compare) or clicking a sidebar page link, waiting for the rerun to finish, then thinking for a
   random ``--think`` interval; every loop is bounded by time and by ``--max-actions``. A
   session acts as soon as its first script run has finished, without waiting for Streamlit's
   lazy-loaded widgets to mount, as an impatient user would (that is how it found the sidebar
   losing its widget state: benchmarks/results/load.md);
4. after: all contexts closed, the RSS ``--settle`` seconds later; then one short probe session
   opens and closes after Streamlit's 2-minute reconnect window, which is what finally drops the
   closed sessions (see "memory" below), and the RSS is read once more.

Measured
    errors     ``[data-testid="stException"]`` on the page after an action, browser console
               errors and uncaught page errors (minus the harness's known harmless noise), lost
               websocket connections, actions that did not finish within ``--action-timeout``,
               and tracebacks or ERROR lines in the server log;
    latency    per action, from the key press (or click) to the frame after the server's
               "script finished" message for the rerun request that input sent; timed inside the
               page (performance.now() in a keydown/click listener and a wrapper around the
               page's WebSocket that reads the two protobuf fields), so Playwright's own round
               trips are not counted. (Until 2026-11-26 the end was ``data-test-script-state``
               going ``running`` and back; a busy renderer can draw both at once and never show
               ``running``, and such actions were counted as errors once the server got fast.)
    server     from the server receiving a rerun request to the end of the script run that
               served it (load_hooks/sitecustomize.py): the server's share of the latency,
               without the time the browsers on the same two cores take to send and draw;
    memory     VmRSS of the streamlit process from /proc/<pid>/status every second;
               ``active_sessions`` from Streamlit's /_stcore/metrics every 5 s;
    CPU        per second from /proc: the server, Chromium, Playwright's driver, this script and
               everything else on the machine, to see who used the cores while latency was high;
    script     every script run's wall and CPU time inside the server (load_hooks/
               sitecustomize.py, put on the server's PYTHONPATH only): wall much larger than CPU
               means the run waited for a CPU or for the GIL that all sessions share.

Why one browser with N contexts, not N browsers: a context is a separate profile (own cookies,
storage and websocket), so to the server it is an independent user session, which is all the
test needs. N browsers would add N browser and utility processes (memory and CPU) on the same two
cores as the server under test, measuring Chromium more than the app. Each context still gets its
own renderer process, so page rendering is as parallel as the machine allows.

Targets (exit status 1 if one is missed): 0 errors; rerun latency p95 < 1 s under load; server
memory per session <= 30 MB. Results go to stdout and to ``--out`` (benchmarks/results/load.md);
raw per-action data to artifacts/load-actions.json. Only 127.0.0.1 is contacted.

Run it on a checkout that nobody is editing: Streamlit reloads changed modules, so edits made
during the run are measured too (``git clone . /tmp/load && cd /tmp/load`` and run it there with
this venv's Python). ``--pin`` gives the server a CPU of its own, to see the server's share apart
from the browser's. A default run takes about 6 minutes (30 s reference, 20 s ramp, 120 s load,
60 s settle, 75 s to the probe), and Chromium plus 20 renderers load two cores fully.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

OUT = ROOT / "benchmarks" / "results" / "load.md"
ARTIFACTS = ROOT / "artifacts"
SERVER_LOG = ARTIFACTS / "streamlit-load.log"
RAW = ARTIFACTS / "load-actions.json"
SCRIPT_TIMINGS = ARTIFACTS / "load-script-runs.jsonl"
HOOKS = Path(__file__).resolve().parent / "load_hooks"  # sitecustomize: times each script run

TARGET_P95_S = 1.0
TARGET_MB_PER_SESSION = 30.0
VIEWPORT = {"width": 1280, "height": 900}  # a laptop screen
SLIDERS = ("Employees", "IT projects a year", "Years to compare")
PAGES = ("", "costs", "projects", "where", "risk", "sensitivity", "assumptions", "share", "about")
NAV_SHARE = 0.25  # one action in four is a page switch, the rest slider key presses
LOG_ERROR = re.compile(r"Traceback \(most recent call last\)|\bERROR\b")
CLK_TCK = os.sysconf("SC_CLK_TCK")

# Runs in every page before its own scripts. Records the time of the last key press or click, the
# rerun requests sent and the "script finished" messages received after it (and stApp's
# data-test-script-state going 'running', for reference); ``wait`` resolves on the first frame
# after a run finished that was requested after that input.
INIT_JS = """
(() => {
  // What the browser sends and receives on Streamlit's websocket, read from the protobuf bytes:
  // a BackMsg with field 11 (rerun_script) is a rerun request; a ForwardMsg with field 6
  // (script_finished) = 0 or 3 says the run is over. The DOM's script-state attribute alone
  // misses runs: when both messages reach a busy renderer together, React draws once and the
  // attribute never shows 'running'.
  const ATTR = 'data-test-script-state';
  const lt = { input: null, events: [], waiters: [] };
  window.__lt = lt;
  const push = (s) => {
    if (lt.input !== null) lt.events.push({ s, t: performance.now() });
    lt.waiters = lt.waiters.filter((check) => !check());
  };
  const mark = () => { lt.input = performance.now(); lt.events = []; };
  document.addEventListener('keydown', mark, true);
  document.addEventListener('click', mark, true);
  const bytesOf = (d) => (d instanceof ArrayBuffer ? new Uint8Array(d)
    : ArrayBuffer.isView(d) ? new Uint8Array(d.buffer, d.byteOffset, d.byteLength) : null);
  // The top-level fields of a protobuf message: field number -> varint value (or true).
  const fields = (b) => {
    const out = {};
    let i = 0;
    const varint = () => {
      let v = 0, k = 1, x;
      do { x = b[i++]; v += (x & 0x7f) * k; k *= 128; } while (x & 0x80 && i < b.length);
      return v;
    };
    while (i < b.length) {
      const tag = varint(), num = Math.floor(tag / 8), wire = tag % 8;
      if (wire === 0) out[num] = varint();
      else if (wire === 2) { const n = varint(); i += n; out[num] = true; }
      else if (wire === 1) { i += 8; out[num] = true; }
      else if (wire === 5) { i += 4; out[num] = true; }
      else break;
    }
    return out;
  };
  const Native = window.WebSocket;
  const nativeSend = Native.prototype.send;
  Native.prototype.send = function (data) {
    const b = bytesOf(data);
    if (b && fields(b)[11] !== undefined) push('request');
    return nativeSend.call(this, data);
  };
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (e) => {
        const b = bytesOf(e.data);
        const status = b ? fields(b)[6] : undefined;
        if (status === 0 || status === 3) {
          push('finished');
          requestAnimationFrame(() => push('painted'));  // the frame that shows the result
        }
      });
    }
  };
  new MutationObserver((records) => {
    records.forEach((r, i) => {
      const next = records.slice(i + 1).find((q) => q.target === r.target);
      const value = next ? next.oldValue : r.target.getAttribute(ATTR);
      if (value === 'running') push('running');
    });
  }).observe(document, { subtree: true, attributes: true, attributeOldValue: true,
                         attributeFilter: [ATTR] });
  const snapshot = () => {
    const app = document.querySelector('[data-testid="stApp"]');
    const exc = [...document.querySelectorAll('[data-testid="stException"]')];
    return {
      connection: app ? app.getAttribute('data-test-connection-state') : null,
      exceptions: exc.length,
      exceptionText: exc.length ? exc[0].innerText.slice(0, 300) : '',
    };
  };
  lt.wait = (timeoutMs) => new Promise((resolve) => {
    const start = lt.input;
    let timer = null;
    const check = () => {
      const req = lt.events.find((e) => e.s === 'request');
      const fin = req && lt.events.find((e) => e.s === 'finished' && e.t >= req.t);
      const done = fin && lt.events.find((e) => e.s === 'painted' && e.t >= fin.t);
      if (!done) return false;
      clearTimeout(timer);
      resolve({ ok: true, start, request: req.t, finished: fin.t, done: done.t, ...snapshot() });
      return true;
    };
    if (check()) return;
    lt.waiters.push(check);
    timer = setTimeout(() => {
      lt.waiters = lt.waiters.filter((c) => c !== check);
      const sentRequest = lt.events.some((e) => e.s === 'request');
      resolve({ ok: false, start, sentRequest, ...snapshot() });
    }, timeoutMs);
  });
})();
"""


# --- /proc sampling --------------------------------------------------------------------------


def read_rss_kb(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def _stat(pid: int) -> tuple[int, int] | None:
    """(parent pid, utime + stime in ticks) from /proc/<pid>/stat."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = raw[raw.rfind(")") + 2 :].split()  # after "pid (comm) "
    return int(fields[1]), int(fields[11]) + int(fields[12])


def _comm(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return ""


def system_busy_ticks() -> tuple[int, int]:
    """(busy, total) ticks of all CPUs from /proc/stat."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    return sum(values) - idle, sum(values)


def find_server_pid(port: int) -> int:
    """The streamlit process that ``serve`` started: our child, listening on ``port``."""
    me = os.getpid()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        st = _stat(int(entry.name))
        if not st or st[0] != me:
            continue
        try:
            cmd = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"streamlit" in b" ".join(cmd) and str(port).encode() in cmd:
            return int(entry.name)
    raise RuntimeError(f"no streamlit child process on port {port}")


def metrics(base_url: str, *families: str) -> str:
    query = "&".join(f"families={f}" for f in families)
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(f"{base_url}/_stcore/metrics?{query}", timeout=5) as response:
        return response.read().decode()


def active_sessions(base_url: str) -> int | None:
    try:
        text = metrics(base_url, "active_sessions")
    except OSError:
        return None
    match = re.search(r"^active_sessions (\d+)", text, re.MULTILINE)
    return int(match.group(1)) if match else None


class Sampler(threading.Thread):
    """Every second: the server's RSS and the CPU ticks of every process group we care about."""

    def __init__(self, server_pid: int, base_url: str) -> None:
        super().__init__(daemon=True)
        self.server_pid = server_pid
        self.base_url = base_url
        self.phase = "cold"
        self.samples: list[dict[str, Any]] = []
        self._halt = threading.Event()
        # pid -> (group, first ticks seen, last ticks seen), per phase
        self.cpu: dict[str, dict[int, list[Any]]] = {}
        self.busy: dict[str, list[tuple[float, int, int]]] = {}
        self._last: dict[int, int] = {}  # pid -> ticks at the previous sample

    def stop(self) -> None:
        self._halt.set()
        self.join()

    def _group(self, pid: int, ppids: dict[int, int]) -> str | None:
        if pid == self.server_pid:
            return "server"
        if pid == os.getpid():
            return "this script"
        # our descendants: Playwright's node driver and the Chromium it started
        p, hops = pid, 0
        while p in ppids and hops < 20:
            p = ppids[p]
            hops += 1
            if p == os.getpid():
                return "Chromium" if "chrom" in _comm(pid).lower() else "Playwright driver"
        return None

    def run(self) -> None:
        sessions: int | None = None
        tick = 0
        while not self._halt.is_set():
            t = time.monotonic()
            ppids, ticks = {}, {}
            for entry in Path("/proc").iterdir():
                if entry.name.isdigit():
                    st = _stat(int(entry.name))
                    if st:
                        ppids[int(entry.name)], ticks[int(entry.name)] = st
            phase = self.phase
            per_phase = self.cpu.setdefault(phase, {})
            for pid, tk in ticks.items():
                if pid in per_phase:
                    per_phase[pid][2] = tk
                else:
                    group = self._group(pid, ppids)
                    if group:
                        per_phase[pid] = [group, tk, tk]
            busy, total = system_busy_ticks()
            rows = self.busy.setdefault(phase, [])
            prev = rows[-1] if rows else None
            rows.append((t, busy, total))
            # this second's CPU by group, % of one core
            second: dict[str, float] = {}
            for pid, (group, _, last) in per_phase.items():
                before = self._last.get(pid, last)
                second[group] = second.get(group, 0.0) + (last - before) / CLK_TCK * 100
            self._last = {pid: v[2] for pid, v in per_phase.items()}
            if prev:
                second["machine"] = (busy - prev[1]) / (total - prev[2]) * 100 * os.cpu_count()
            if tick % 5 == 0:
                sessions = active_sessions(self.base_url)
            rss = read_rss_kb(self.server_pid)
            self.samples.append(
                {
                    "t": t,
                    "phase": phase,
                    "rss_mb": (rss or 0) / 1024,
                    "sessions": sessions,
                    "cpu": {k: round(v) for k, v in second.items()},
                }
            )
            tick += 1
            self._halt.wait(max(0.0, 1.0 - (time.monotonic() - t)))

    def cpu_share(self, phase: str) -> dict[str, float]:
        """CPU used in ``phase`` by group, in % of one core; "other" = rest of the machine."""
        rows = self.busy.get(phase, [])
        if len(rows) < 2:
            return {}
        seconds = rows[-1][0] - rows[0][0]
        out: dict[str, float] = {}
        for group, first, last in self.cpu.get(phase, {}).values():
            out[group] = out.get(group, 0.0) + (last - first)
        out = {g: v / CLK_TCK / seconds * 100 for g, v in out.items()}
        machine = (rows[-1][1] - rows[0][1]) / (rows[-1][2] - rows[0][2]) * 100 * os.cpu_count()
        out["other processes"] = max(0.0, machine - sum(out.values()))
        out["whole machine"] = machine
        return out

    def saturation(self, phase: str) -> dict[str, float]:
        """Share of the phase's seconds in which the server used >= 90% of a core (one Python
        process runs the scripts under one GIL: about one core is its ceiling) and in which
        the machine used >= 190% of its 2 cores."""
        rows = [s["cpu"] for s in self.samples if s["phase"] == phase and "machine" in s["cpu"]]
        if not rows:
            return {}
        n = len(rows)
        return {
            "server": sum(r.get("server", 0) >= 90 for r in rows) / n * 100,
            "machine": sum(r["machine"] >= 0.95 * 100 * os.cpu_count() for r in rows) / n * 100,
        }

    def rss(self, phase: str) -> list[float]:
        return [s["rss_mb"] for s in self.samples if s["phase"] == phase and s["rss_mb"]]

    def sessions_seen(self, phase: str) -> list[int]:
        return [s["sessions"] for s in self.samples if s["phase"] == phase and s["sessions"]]


# --- browser sessions ------------------------------------------------------------------------


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


def cache_memory(base_url: str) -> dict[str, float]:
    """Streamlit's own estimate of what it holds (session state, st.cache_data ...), in MB."""
    try:
        text = metrics(base_url, "cache_memory_bytes")
    except OSError:
        return {}
    totals: dict[str, float] = {}
    for line in text.splitlines():
        m = re.match(r"cache_memory_bytes\{([^}]*)\} ([\d.e+]+)", line)
        if m:
            labels = dict(re.findall(r'(\w+)="([^"]*)"', m.group(1)))
            key = labels.get("cache_type", "?")
            totals[key] = totals.get(key, 0.0) + float(m.group(2)) / 2**20
    return totals


# --- report ----------------------------------------------------------------------------------


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))]


def lat(rows: list[dict[str, Any]]) -> str:
    values = [r["latency_s"] for r in rows if r["ok"]]
    if not values:
        return "-"
    return f"{pct(values, 50):.2f} / {pct(values, 95):.2f} / {max(values):.2f} s (n={len(values)})"


def log_problems(path: Path) -> list[str]:
    try:
        lines = path.read_text(errors="replace").splitlines()
    except OSError:
        return []
    return [line.strip()[:200] for line in lines if LOG_ERROR.search(line)]


def report(args: argparse.Namespace, run: dict[str, Any], sampler: Sampler, env: dict) -> tuple:
    load: Stats = run["load"]
    ref: Stats = run["reference"]
    server_log = log_problems(SERVER_LOG)
    later = [run[f"load{k}"] for k in range(2, args.waves + 1)]  # --waves: the later crowds
    errors = load.errors + ref.errors + [e for w in later for e in w.errors]
    errors += [f"server log: {line}" for line in server_log]
    page_exc = sum("exception shown" in e for e in errors)
    console = sum("console error" in e or "page error" in e for e in errors)
    timeouts = sum("never finished" in e or "no rerun requested" in e for e in errors)
    other = len(errors) - page_exc - console - timeouts - len(server_log)

    lat_all = [r["latency_s"] for r in load.actions if r["ok"]]
    p95 = pct(lat_all, 95)
    cold = statistics.median(sampler.rss("cold") or [0])
    base_rows = sampler.rss("baseline")
    base = statistics.median(base_rows[-5:] or [0])
    peak = max(sampler.rss("load") + sampler.rss("after")[:3] or [0])
    per_session = (peak - base) / args.sessions
    per_session_cold = (peak - cold) / args.sessions
    after = run.get("after_rss", float("nan"))

    def versus(rss: float) -> str:
        return f"{rss:.0f} MB ({rss - peak:+.0f} MB from the peak, {rss - base:+.0f} MB from the warm baseline)"

    seen = sampler.sessions_seen("load")
    cpu = sampler.cpu_share("load")
    ref_cpu = sampler.cpu_share("reference")
    load_seconds = (
        sampler.busy["load"][-1][0] - sampler.busy["load"][0][0] if "load" in sampler.busy else 0
    )

    def runs_in(phase: str) -> list[dict[str, Any]]:
        start, end = run.get("wall", {}).get(phase, (None, None))
        if start is None or end is None:
            return []
        try:
            rows = [json.loads(x) for x in SCRIPT_TIMINGS.read_text().splitlines() if x]
        except (OSError, ValueError):
            return []
        return [r for r in rows if start <= r["end"] <= end]

    def server_latency(phase: str) -> tuple[str, float]:
        values = [r["request"] for r in runs_in(phase) if "request" in r]
        if not values:
            return "-", float("nan")
        p95 = pct(values, 95)
        return f"{pct(values, 50):.2f} / {p95:.2f} / {max(values):.2f} s (n={len(values)})", p95

    def script_runs(phase: str) -> str:
        rows = runs_in(phase)
        if not rows:
            return "-"
        wall = [r["wall"] for r in rows]
        cpu = [r["cpu"] for r in rows]
        return (
            f"wall {pct(wall, 50):.2f} / {pct(wall, 95):.2f} s, CPU {pct(cpu, 50):.2f} /"
            f" {pct(cpu, 95):.2f} s (n={len(rows)})"
        )

    def to_running(rows: list[dict[str, Any]]) -> str:
        values = [r["to_request_s"] for r in rows if r["ok"]]
        return f"{statistics.median(values):.2f} s" if values else "-"

    start_load, start_ref = to_running(load.actions), to_running(ref.actions)
    server_cpu_s = cpu.get("server", 0.0) / 100 * load_seconds
    cpu_per_action = (
        f"{server_cpu_s / len(load.actions):.2f} CPU-s" if load.actions and cpu else "-"
    )

    pin_note = (
        "Pinned (`--pin`): the server on one CPU, Chromium and this script on the other."
        if args.pin
        else "Not pinned: the server, Chromium and everything else share both CPUs."
    )
    server_load, server_p95 = server_latency("load")
    server_ref, _ = server_latency("reference")
    ok_server = "PASS" if server_p95 < TARGET_P95_S else "MISS"
    ok_err = "PASS" if not errors else "MISS"
    ok_p95 = "PASS" if p95 < TARGET_P95_S else "MISS"
    ok_mem = "PASS" if per_session <= TARGET_MB_PER_SESSION else "MISS"
    missed = [
        n for n, v in (("errors", ok_err), ("p95", ok_p95), ("memory", ok_mem)) if v != "PASS"
    ]

    kinds = {
        k: [r for r in load.actions if r["kind"] == k] for k in ("slider key press", "page switch")
    }
    lines = [
        f"# Load test: {args.sessions} browser sessions against one server",
        "",
        f"Run {env['when']} with `benchmarks/bench_load.py {' '.join(env['argv'])}`"
        f" on {env['cores']} cores, {env['mem_gb']:.0f} GB RAM; Python {env['python']},"
        f" Streamlit {env['streamlit']}, Chromium {run.get('chromium_version', '?')};"
        f" app at commit {env['commit']}.",
        f"Load average before the run: {env['load_before']} (1, 5, 15 min; other work on the"
        f" machine included); after: {env['load_after']}.",
        f"{args.sessions} sessions (one Chromium, one context each) started over {args.ramp:g} s,"
        f" each {args.seconds:g} s of actions: a sidebar slider moved one step with ArrowLeft or"
        f" ArrowRight ({1 - NAV_SHARE:.0%}) or a sidebar page link clicked ({NAV_SHARE:.0%}),"
        f" each followed by {args.think[0]:g}-{args.think[1]:g} s of think time. {pin_note}",
        "",
        "| Measure | Result | Target | |",
        "|---|---|---|---|",
        f"| Errors, all kinds | {len(errors)} | 0 | {ok_err} |",
        f"| - exceptions shown on the page | {page_exc} | 0 | |",
        f"| - console errors and uncaught page errors | {console} | 0 | |",
        f"| - server log tracebacks / ERROR lines | {len(server_log)} | 0 | |",
        f"| - actions not finished within {args.action_timeout:g} s | {timeouts} | 0 | |",
        f"| - other (lost connection, Playwright) | {other} | 0 | |",
        f"| Actions done | {len(load.actions)} ({len(load.actions) / max(load_seconds, 1):.1f}/s"
        f" over the load phase) | | |",
        f"| Rerun latency under load, p50 / p95 / max | {lat(load.actions)} | p95 < 1 s |"
        f" {ok_p95} |",
        f"| - slider key press | {lat(kinds['slider key press'])} | | |",
        f"| - page switch | {lat(kinds['page switch'])} | | |",
        f"| Same, 1 session alone (reference) | {lat(ref.actions)} | | |",
        f"| Server: rerun request received to script run finished, p50 / p95 / max |"
        f" {server_load} | p95 < 1 s | {ok_server} |",
        f"| - same, 1 session alone | {server_ref} | | |",
        f"| Input to rerun request sent by the browser, median under load / alone | {start_load} /"
        f" {start_ref} | | |",
        f"| Server CPU per action under load (page loads included) | {cpu_per_action} | | |",
        f"| Script runs on the server under load, p50 / p95 | {script_runs('load')} | | |",
        f"| Script runs on the server, 1 session alone, p50 / p95 | {script_runs('reference')}"
        " | | |",
        f"| First page load under load, median / max | {pct(load.first_loads, 50):.1f} /"
        f" {max(load.first_loads or [float('nan')]):.1f} s | | |",
        f"| Server RSS: cold (no script run yet) / warm baseline / peak | {cold:.0f} / {base:.0f}"
        f" / {peak:.0f} MB | | |",
        f"| Per session: (peak - warm baseline) / {args.sessions} | {per_session:.1f} MB |"
        f" <= 30 MB | {ok_mem} |",
        f"| Per session from the cold RSS (includes imports) | {per_session_cold:.1f} MB | | |",
        f"| RSS {run.get('settle_s', 0):.0f} s after every context closed | {versus(after)} | | |",
    ]
    if "reap_rss" in run:
        lines.append(
            f"| RSS {run['reap_s']:.0f} s after, once Streamlit dropped the stored sessions |"
            f" {versus(run['reap_rss'])} | | |"
        )
    lines += [
        f"| Active sessions (Streamlit metrics): max under load / {run.get('settle_s', 0):.0f} s"
        f" after | {max(seen or [0])} / {run.get('after_sessions')} | | |",
    ]
    if run.get("cache_memory"):
        held = ", ".join(f"{k} {v:.1f} MB" for k, v in sorted(run["cache_memory"].items()))
        lines.append(f"| Streamlit's own size estimate under load | {held} | | |")
    if cpu:
        lines.append(
            "| CPU under load, % of one core (2 cores = 200%) | "
            + ", ".join(f"{k} {v:.0f}%" for k, v in cpu.items())
            + " | | |"
        )
    sat = sampler.saturation("load")
    if sat:
        lines.append(
            f"| Seconds under load with the server at >= 90% of a core / the machine at >= 95%"
            f" of its cores | {sat['server']:.0f}% / {sat['machine']:.0f}% | | |"
        )
    if ref_cpu:
        lines.append(
            "| CPU, 1 session alone | "
            + ", ".join(f"{k} {v:.0f}%" for k, v in ref_cpu.items())
            + " | | |"
        )
    lines += ["", "Rerun latency under load by page (slider key presses and switches *to* it):", ""]
    lines += ["| Page | p50 / p95 / max | 1 session alone |", "|---|---|---|"]

    def on_page(rows: list[dict[str, Any]], p: str) -> list[dict[str, Any]]:
        slider = [r for r in rows if r["kind"] == "slider key press" and r["page"] == f"/{p}"]
        return slider + [r for r in rows if r["action"] == f"page /{p}"]

    for p in PAGES:
        lines.append(f"| /{p} | {lat(on_page(load.actions, p))} | {lat(on_page(ref.actions, p))} |")
    if later:
        lines += [
            "",
            "Crowd after crowd (`--waves`): memory a later crowd reuses rather than adds.",
            "",
            "| Wave | Errors | Latency p50 / p95 / max | RSS peak | "
            f"{run.get('settle_s', 0):.0f} s after | after the sessions were dropped |",
            "|---|---|---|---|---|---|",
        ]
        for k, w in enumerate([load, *later], start=1):
            n = "" if k == 1 else str(k)
            peak_k = max(sampler.rss(f"load{n}") + sampler.rss(f"after{n}")[:3] or [0])
            lines.append(
                f"| {k} | {len(w.errors)} | {lat(w.actions)} | {peak_k:.0f} MB |"
                f" {run.get(f'after_rss{n}', float('nan')):.0f} MB |"
                f" {run.get(f'reap_rss{n}', float('nan')):.0f} MB |"
            )
    if errors:
        lines += ["", f"First errors ({len(errors)} in all):", ""]
        lines += [f"- {e}" for e in errors[:15]]
    lines += [
        "",
        f"Targets missed: {', '.join(missed)}." if missed else "Every target met.",
    ]
    return "\n".join(lines) + "\n", missed, errors


def git_commit() -> str:
    """The commit the served app comes from, and whether the working tree differs from it."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "app.py", "pages", "vcio_app", "vcio_model"],
            cwd=ROOT, capture_output=True, text=True,
        ).stdout.strip()  # fmt: skip
    except OSError:
        return "unknown (no git)"
    return f"{head or 'unknown'}" + (" with uncommitted changes to the app" if dirty else "")


def pin(server_pid: int, args: argparse.Namespace) -> None:
    """Every thread of the server to CPU 0 (threads it starts later inherit that); this thread,
    hence Playwright's driver and Chromium started from it, to the other CPUs."""
    cpus = sorted(os.sched_getaffinity(0))
    if len(cpus) < 2:
        print("--pin needs 2 CPUs; not pinned")
        args.pin = False
        return
    for task in Path(f"/proc/{server_pid}/task").iterdir():
        os.sched_setaffinity(int(task.name), {cpus[0]})
    os.sched_setaffinity(0, set(cpus[1:]))


def parse_think(text: str) -> tuple[float, float]:
    low, _, high = text.partition("-")
    pair = (float(low), float(high or low))
    if not 0 <= pair[0] <= pair[1]:
        raise argparse.ArgumentTypeError("think time: LOW-HIGH seconds, LOW <= HIGH")
    return pair


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=120.0, help="per session")
    parser.add_argument("--think", type=parse_think, default=(1.0, 3.0), help="e.g. 1-3 (s)")
    parser.add_argument(
        "--ramp", type=float, default=20.0, help="s over which the sessions arrive, evenly"
    )
    parser.add_argument(
        "--load-timeout", type=float, default=120.0, help="s for a session's first page"
    )
    parser.add_argument(
        "--pin", action="store_true",
        help="server on CPU 0, Chromium (and this script) on CPU 1: no stealing between them",
    )  # fmt: skip
    parser.add_argument("--reference-seconds", type=float, default=30.0)
    parser.add_argument("--baseline-seconds", type=float, default=8.0)
    parser.add_argument("--settle", type=float, default=60.0, help="s after closing, then RSS")
    parser.add_argument(
        "--no-reap", dest="reap", action="store_false",
        help="skip the probe session after Streamlit's 2-minute reconnect window",
    )  # fmt: skip
    parser.add_argument("--action-timeout", type=float, default=30.0)
    parser.add_argument("--max-actions", type=int, default=10_000, help="per session")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--waves", type=int, default=1, help="crowds one after another (memory reuse: 2)"
    )
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    if args.sessions < 1 or args.seconds <= 0 or args.settle < 1:
        parser.error("--sessions must be at least 1, --seconds above 0, --settle at least 1")

    try:
        import playwright.async_api  # noqa: F401

        from tests.e2e.conftest import CHROMIUM, serve
    except ImportError as e:
        print(f"bench_load: skipped, {e} (make venv)")
        return 0
    if not CHROMIUM.exists():
        print(f"bench_load: skipped, {CHROMIUM} not found (make chromium)")
        return 0

    import streamlit

    env = {
        "when": dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
        "argv": sys.argv[1:] if argv is None else argv,
        "cores": os.cpu_count(),
        "mem_gb": os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30,
        "python": platform.python_version(),
        "streamlit": streamlit.__version__,
        "load_before": ", ".join(f"{v:.2f}" for v in os.getloadavg()),
        "commit": git_commit(),
    }
    print(f"load average before: {env['load_before']}", flush=True)
    ARTIFACTS.mkdir(exist_ok=True)
    SCRIPT_TIMINGS.unlink(missing_ok=True)
    saved_env = {k: os.environ.get(k) for k in ("PYTHONPATH", "VCIO_LOAD_TIMINGS")}
    # serve() passes our environment on to the server: the hook times its script runs.
    os.environ["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(HOOKS), os.environ.get("PYTHONPATH")) if p
    )
    os.environ["VCIO_LOAD_TIMINGS"] = str(SCRIPT_TIMINGS)
    with serve(SERVER_LOG) as base_url:
        for k, v in saved_env.items():  # only the server gets them, not Chromium
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        port = int(base_url.rsplit(":", 1)[1])
        server_pid = find_server_pid(port)
        if args.pin:
            pin(server_pid, args)
        sampler = Sampler(server_pid, base_url)
        sampler.start()
        try:
            run = asyncio.run(drive(args, base_url, sampler))
        finally:
            sampler.stop()
    env["load_after"] = ", ".join(f"{v:.2f}" for v in os.getloadavg())

    text, missed, _ = report(args, run, sampler, env)
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text)
    ARTIFACTS.mkdir(exist_ok=True)
    RAW.write_text(
        json.dumps(
            {
                "actions": [
                    a
                    for k in run
                    if k.startswith(("reference", "load")) and isinstance(run[k], Stats)
                    for a in run[k].actions
                ],
                "errors": [
                    e
                    for k in run
                    if k.startswith(("reference", "load")) and isinstance(run[k], Stats)
                    for e in run[k].errors
                ],
                "rss": sampler.samples,
            },
            indent=1,
        )
    )
    print(f"written: {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
