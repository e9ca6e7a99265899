"""What a visitor waits for, against the bare page in the same run: a shared link on a freshly
started server, a new visitor on a warm one, and the first and later visits to each page.

    .venv/bin/python benchmarks/bench_visit.py [--quick] [--rounds N] [--parts cold warm session]
                                               [--root DIR ...] [--out benchmarks/results/visit.md]

Every visit is a new browser context (empty cache, as a first-time visitor) in Debian's Chromium,
1400 x 900, against ``streamlit run`` started the same way for the app and for the bare page
(``benchmarks/bare_app.py``: one slider, one Plotly chart, one line of text), from this folder.
Times are the page's own ``performance.now()`` (0 = the navigation started, so the HTTP request
and every file the browser loads count).

cold (a shared link, the first request a freshly started server gets)
    Each round starts one server per page URL plus one for the bare page, all at once, waits
    until every one answers its health check and the machine has settled, then opens each URL
    once, in an order rotated from round to round: ``/<page>?employees=120&projects=4``. Timed:
    the page's verdict on screen (VERDICT below). Reported: the fastest of the rounds, and its
    ratio to the bare page's fastest (a cold start is noisy: compare the fastest).
at-once (a visitor waking the server)
    The overview link opened as soon as a just-started server answers its health check, before
    the app's start-up work (vcio_app/boot.py) is done; the bare page likewise; one server at a
    time, fastest of the rounds.
warm (a new visitor on a warm server)
    One app server and one bare server, each URL opened once first. Then every round opens each
    page URL and the bare page in turn, each in a new context: the verdict on screen and the whole
    wait (the script run finished and the page quiet). Median per page; ratio to the bare page's
    median in the same rounds.
session (the first and later visits to each page in a session, on the warm server)
    Each round opens the overview at a scenario the server has not seen yet (a different head
    count per round), then clicks every other page in the sidebar, each for the first time in the
    session, then every page again. Timed: the click to the script run finished (and to the
    verdict). Targets relative to a new visitor's whole wait: their median time to the verdict on
    a warm server, over every page URL, in the same run (the issue's "about 300 ms" is a third
    of the 0.95 s it measured so).

eager (the first click made the moment the verdict shows; issue 22)
    On the warm server, a new visitor opens ``/?employees=45&projects=3`` and clicks Risk (or
    Where, ``--click``) in the sidebar as soon as the overview's verdict is on screen ("now"), or
    1.5 s after the overview's run has finished ("settled"). Timed: from the click (the click
    event's own time stamp, so a click that waits for a busy page counts that wait) to the page's
    run finished. Target: within a third of the visitor's wait to the overview's verdict,
    measured in the same visits.
one-core (issue 22: Community Cloud's smallest containers)
    The server started on one CPU core (``taskset -c 0``; the browser is not pinned, it stands
    for the visitor's own machine), the overview link opened the moment it answers its health
    check, the bare page likewise, in turn. Reported: seconds from the process's start to its
    first health check, ms from there to the verdict, and the server's PSS when it first answers
    and after that first visit.

Targets (issues 14 and 22): cold <= 1.25x the bare page on every page URL; warm <= 1.1x the bare
page; a first visit's run within a third of a new visitor's whole wait (also when clicked the
moment the verdict shows), a later visit within a fifth.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import sys
import time
from pathlib import Path

import bench_pages as bp  # the server, load and machine helpers (same folder)
import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_OUT = HERE / "results" / "visit.md"
VIEWPORT = {"width": 1400, "height": 900}
LINK = "employees=120&projects=4"  # the shared link of the issue
PAGE_PATHS = {name: path for name, (_, path) in bp.PAGES.items()}

_MAIN = "document.querySelector('[data-testid=\"stMainBlockContainer\"]')"
_H3 = f"{_MAIN}?.querySelector('h3')?.textContent"
# What a visitor came for on each page, as a JS expression that is truthy once it is drawn.
VERDICT = {
    "overview": ("verdict (h3)", _H3),
    "costs": ("verdict (h3)", _H3),
    "projects": ("verdict (h3)", _H3),
    "where": ("takeaway (h3)", _H3),
    "risk": ("takeaway (h3)", _H3),
    "sensitivity": ("takeaway (h3)", _H3),
    "assumptions": ("'With these values' verdict line", bp._starts("p", "With these values")),
    "share": (
        "scenario link",
        f"[...({_MAIN}?.querySelectorAll('code') || [])].map(c => c.textContent).find(t => t.includes('employees='))",
    ),
    "about": ("model version line", bp._starts("p", "Model version")),
    "bare": ("line of text", bp._starts("p", "Selected:")),
}

# Installed in every new document: when the verdict first shows, and every change of the
# script's state (running / notRunning), in ms of performance.now().
_INIT = """
(() => {
  const s = window.__visit = {verdict: null, states: [], last: 0, t0: 0, expr: null, msg0: null};
  // The first message from the server: what comes before it (the page's HTML, Streamlit's own
  // scripts, the websocket) is the same for any Streamlit app; what comes after is the page.
  const WS = window.WebSocket;
  window.WebSocket = function (...args) {
    const ws = new WS(...args);
    ws.addEventListener('message', () => { if (s.msg0 === null) s.msg0 = performance.now(); });
    return ws;
  };
  window.WebSocket.prototype = WS.prototype;
  Object.assign(window.WebSocket, WS);
  const app = () => document.querySelector('[data-testid="stApp"]');
  const read = () => { try { return s.expr && (new Function('return (' + s.expr + ');'))(); }
                       catch (e) { return null; } };
  const push = (state, now) => {
    if (state && (!s.states.length || s.states[s.states.length - 1][0] !== state))
      s.states.push([state, now]);
  };
  const check = (records) => {
    const now = performance.now();
    s.last = now;
    // A short run can start and stop within one batch of records: their old values say so.
    for (const r of records || [])
      if (r.attributeName === 'data-test-script-state') push(r.oldValue, now);
    const a = app();
    push(a ? a.dataset.testScriptState : null, now);
    if (s.verdict === null && read()) s.verdict = now;
  };
  window.__visitArm = (expr, fromClick) => {
    s.expr = expr; s.verdict = null; s.states = []; s.t0 = fromClick ? null : 0;
    // The click's own time stamp: when the browser got it, a wait for a busy page included.
    if (fromClick) document.addEventListener('click', (e) => { s.t0 = e.timeStamp; },
                                            {capture: true, once: true});
    check();
  };
  new MutationObserver(check).observe(document, {subtree: true, childList: true,
                                                 characterData: true, attributes: true,
                                                 attributeOldValue: true});
})();
"""
# Done: the verdict is drawn, the script ran and stopped, and nothing changed for `ms`.
_DONE = """
(ms) => {
  const s = window.__visit, a = document.querySelector('[data-testid="stApp"]');
  if (!s || s.t0 === null || s.verdict === null || !a) return false;
  return a.dataset.testScriptState === 'notRunning'
         && a.dataset.testConnectionState === 'CONNECTED' && performance.now() - s.last > ms;
}
"""
_RESULT = """
() => {
  const s = window.__visit;
  // The run's end: the state's last change to notRunning; when a run started and ended within
  // one frame and the attribute never changed, the last change on the page.
  const stops = s.states.filter(([st, t]) => st === 'notRunning' && t >= s.t0);
  const end = stops.length ? Math.max(stops[stops.length - 1][1], s.verdict) : s.last;
  const runs = s.states.filter(([st, t]) => st === 'running' && t >= s.t0).length;
  const h1 = document.querySelector('[data-testid="stMainBlockContainer"] h1');
  return {verdict: s.verdict - s.t0, done: end - s.t0, runs: runs,
          title: h1 ? h1.textContent : null,
          after_msg: s.msg0 === null ? null : s.verdict - s.msg0};
}
"""


def _median(xs):
    return float(np.median(xs)) if xs else None


def _wait_done(page) -> dict:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(_DONE, arg=300, timeout=60_000, polling=50)
    except PlaywrightTimeout:
        state = page.evaluate("() => JSON.stringify(window.__visit)")
        raise SystemExit(f"{page.url}: no verdict or no finished run in 60 s: {state}") from None
    return page.evaluate(_RESULT)


def visit(chromium, url: str, probe: str) -> dict:
    """A new visitor opens ``url``: ms to the verdict and to the run finished."""
    ctx = chromium.new_context(viewport=VIEWPORT)
    try:
        page = ctx.new_page()
        page.add_init_script(_INIT)
        page.add_init_script(f"window.__visitArm && window.__visitArm({probe!r}, false);")
        page.goto(url, wait_until="commit")
        return _wait_done(page)
    finally:
        ctx.close()


def click_page(page, name: str, probe: str, title: str) -> dict:
    """Click ``name`` in the sidebar navigation: ms from the click to the verdict and to the run
    finished. The verdict counts once the page's own title (h1) is above it: until the new page's
    elements arrive, the one before stays on screen."""
    probe = f"{_MAIN}?.querySelector('h1')?.textContent === {title!r} && ({probe})"
    link = page.locator(f'a[data-testid="stSidebarNavLink"][href$="/{PAGE_PATHS[name]}"]')
    page.evaluate("(e) => window.__visitArm(e, true)", probe)
    link.first.click()
    return _wait_done(page)


def _url(base: str, name: str, query: str = LINK) -> str:
    return f"{base}/{'' if name == 'bare' else PAGE_PATHS[name]}?{query}"


def _launch(stack, pw):
    e2e = bp._e2e()
    chromium = pw.chromium.launch(executable_path=str(e2e.CHROMIUM), args=e2e.CHROMIUM_ARGS)
    stack.callback(chromium.close)
    return e2e, chromium


def _settle(max_load: float, seconds: float = 20) -> None:
    """After starting servers: wait (up to ``seconds``) for the 1-minute load to stop rising."""
    time.sleep(2)
    deadline = time.monotonic() + seconds
    while os.getloadavg()[0] > max_load and time.monotonic() < deadline:
        time.sleep(1)


def cold_part(pw, roots, pages, rounds, log_dir, max_load) -> dict:
    """{label: {page: [ms to verdict, one per round]}}; label "bare" for the bare page."""
    got: dict = {}
    for r in range(rounds):
        with contextlib.ExitStack() as stack:
            e2e, chromium = _launch(stack, pw)
            targets = [("bare", "bare", ROOT, bp.BARE)]
            targets += [(label, p, root, root / "app.py") for label, root in roots for p in pages]
            urls = {}
            for k, (label, name, root, script) in enumerate(targets):
                log = log_dir / f"visit-cold-{k}.log"
                urls[label, name] = stack.enter_context(bp.serve(e2e, root, script, log))
            _settle(max_load)
            order = targets[r % len(targets) :] + targets[: r % len(targets)]
            for label, name, _, _ in order:
                res = visit(chromium, _url(urls[label, name], name), VERDICT[name][1])
                got.setdefault(label, {}).setdefault(name, []).append(res["verdict"])
        print(f"  cold: round {r + 1} of {rounds} done", flush=True)
    return got


def at_once_part(pw, roots, rounds, log_dir) -> dict:
    """The overview link opened the moment a server answers its first health check (a visitor
    waking a sleeping app), the bare page likewise: servers started one at a time, in turn.
    ``{label: [ms to verdict, one per round]}``."""
    got: dict = {}
    targets = [("bare", "bare", ROOT, bp.BARE)]
    targets += [(label, "overview", root, root / "app.py") for label, root in roots]
    for r in range(rounds):
        with contextlib.ExitStack() as stack:
            e2e, chromium = _launch(stack, pw)
            for k, (label, name, root, script) in enumerate(targets[r % 2 :] + targets[: r % 2]):
                with bp.serve(e2e, root, script, log_dir / f"visit-at-once-{k}.log") as url:
                    res = visit(chromium, _url(url, name), VERDICT[name][1])
                got.setdefault(label, []).append(res["verdict"])
        print(f"  at once: round {r + 1} of {rounds} done", flush=True)
    return got


def warm_part(pw, roots, pages, rounds, log_dir) -> dict:
    """{label: {page: {"verdict": [...], "done": [...]}}}; the bare page's visits made beside
    each app page under ("bare", page)."""
    got: dict = {}
    with contextlib.ExitStack() as stack:
        e2e, chromium = _launch(stack, pw)
        urls = {"bare": stack.enter_context(bp.serve(e2e, ROOT, bp.BARE, log_dir / "vw-bare.log"))}
        for k, (label, root) in enumerate(roots):
            urls[label] = stack.enter_context(
                bp.serve(e2e, root, root / "app.py", log_dir / f"visit-warm-{k}.log")
            )
        for label, _ in roots:  # warm: every URL once
            for name in pages:
                visit(chromium, _url(urls[label], name), VERDICT[name][1])
        visit(chromium, _url(urls["bare"], "bare"), VERDICT["bare"][1])
        for r in range(rounds):
            for name in pages:
                tabs = [("bare", "bare")] + [(label, name) for label, _ in roots]
                tabs = tabs[r % len(tabs) :] + tabs[: r % len(tabs)]
                for label, target in tabs:
                    res = visit(chromium, _url(urls[label], target), VERDICT[target][1])
                    key = f"bare@{name}" if label == "bare" else label
                    slot = got.setdefault(key, {}).setdefault(
                        name, {"verdict": [], "done": [], "after_msg": []}
                    )
                    for k in slot:
                        slot[k].append(res[k])
            print(f"  warm: round {r + 1} of {rounds} done", flush=True)
    return got


def session_part(pw, roots, pages, rounds, log_dir) -> dict:
    """{label: {"first": {page: [...]}, "later": {page: [...]}}} of {"verdict", "done"} ms. With
    several checkouts, their servers run side by side and take turns round by round."""
    got: dict = {}
    with contextlib.ExitStack() as stack:
        e2e, chromium = _launch(stack, pw)
        servers = []
        for k, (label, root) in enumerate(roots):
            url = stack.enter_context(
                bp.serve(e2e, root, root / "app.py", log_dir / f"visit-session-{k}.log")
            )
            titles = {}  # a warm server: every page served once (another scenario)
            for name in pages:
                titles[name] = visit(chromium, _url(url, name), VERDICT[name][1])["title"]
            got[label] = {"first": {}, "later": {}}
            servers.append((label, url, titles))
        for r in range(rounds):
            for label, url, titles in servers[r % len(servers) :] + servers[: r % len(servers)]:
                _session_round(chromium, url, titles, pages, r, got[label])
                print(f"  session: {label} round {r + 1} of {rounds} done", flush=True)
    return got


def _session_round(chromium, url, titles, pages, r, out) -> None:
    ctx = chromium.new_context(viewport=VIEWPORT)
    try:
        page = ctx.new_page()
        page.add_init_script(_INIT)
        page.add_init_script(
            f"window.__visitArm && window.__visitArm({VERDICT['overview'][1]!r}, false);"
        )
        page.goto(f"{url}/?employees={130 + 10 * r}&projects=4", wait_until="commit")
        _wait_done(page)
        others = [p for p in pages if p != "overview"]
        for when, todo in (("first", others), ("later", [*others, "overview"])):
            for name in todo:
                res = click_page(page, name, VERDICT[name][1], titles[name])
                slot = out[when].setdefault(name, {"verdict": [], "done": []})
                slot["verdict"].append(res["verdict"])
                slot["done"].append(res["done"])
    finally:
        ctx.close()


def one_core_part(pw, roots, rounds, log_dir, cpus: str = "0") -> dict:
    """The server on one CPU core (``taskset -c``; the browser is not pinned: a visitor's own
    machine), the overview link opened the moment it answers its health check, the bare page
    likewise, in turn. ``{label: [{"start": s to healthy, "verdict": ms, "pss_idle": MB,
    "pss_after": MB after the first visit}, ...]}``."""
    got: dict = {}
    targets = [("bare", "bare", ROOT, bp.BARE)]
    targets += [(label, "overview", root, root / "app.py") for label, root in roots]
    for r in range(rounds):
        with contextlib.ExitStack() as stack:
            e2e, chromium = _launch(stack, pw)
            for k, (label, name, root, script) in enumerate(targets[r % 2 :] + targets[: r % 2]):
                t0 = time.monotonic()
                log = log_dir / f"visit-one-core-{k}.log"
                with bp.serve(e2e, root, script, log, cpus=cpus) as url:
                    start = time.monotonic() - t0
                    pid = bp.SERVED[url]
                    idle = bp.pss_mb(pid)
                    res = visit(chromium, _url(url, name), VERDICT[name][1])
                    time.sleep(1)
                    after = bp.pss_mb(pid)
                got.setdefault(label, []).append(
                    {
                        "start": start,
                        "verdict": res["verdict"],
                        "pss_idle": idle,
                        "pss_after": after,
                    }  # fmt: skip
                )
        print(f"  one core: round {r + 1} of {rounds} done", flush=True)
    return got


def one_core_report(label, one_core) -> list[str]:
    rows = []
    for who in ("bare", label):
        xs = one_core[who]
        med = {k: _median([x[k] for x in xs]) for k in xs[0]}
        rows.append((who, med, xs))
    (_, bare, _), (_, app, xs) = rows
    out = [
        f"The server on one CPU core (`taskset -c 0`; the browser not pinned), {len(xs)} rounds, "
        "medians: from the process's start to its first health check answered, then the overview "
        "link opened at once (ms to the verdict), and the server's memory (PSS) when it first "
        "answers and 1 s after that first visit.",
        "",
        "| server | start to healthy | verdict after it | start to verdict | PSS at start | "
        "PSS after the first visit |",
        "|---|---|---|---|---|---|",
    ]
    for who, med, _ in rows:
        out.append(
            f"| {'bare page' if who == 'bare' else 'app'} | {med['start']:.2f} s | "
            f"{_s(med['verdict'])} | {med['start'] + med['verdict'] / 1000:.2f} s | "
            f"{med['pss_idle']:.0f} MB | {med['pss_after']:.0f} MB |"
        )
    ratio = app["verdict"] / bare["verdict"]
    out += ["", f"Verdict after the health check, app to bare page: {ratio:.2f}.", ""]
    return out


EAGER_LINK = "employees=45&projects=3"  # the new visitor
SETTLE_S = 1.5  # "the same click after the Overview has settled"


def eager_part(pw, roots, targets, rounds, log_dir) -> dict:
    """{label: {(page, when): {"verdict": [...], "done": [...]}}}: a new visitor opens the
    overview and clicks ``page`` in the sidebar the moment the overview's verdict shows ("now"),
    or 1.5 s after its run has finished ("settled"); click to the page's run finished. The
    overview's own verdict and whole wait are kept under ("overview", "visit")."""
    got: dict = {}
    with contextlib.ExitStack() as stack:
        e2e, chromium = _launch(stack, pw)
        for k, (label, root) in enumerate(roots):
            url = stack.enter_context(
                bp.serve(e2e, root, root / "app.py", log_dir / f"visit-eager-{k}.log")
            )
            titles = {}
            for name in ["overview", *targets]:
                titles[name] = visit(chromium, _url(url, name), VERDICT[name][1])["title"]
            got[label] = {"url": url, "titles": titles}
        for r in range(rounds):
            for label, _ in roots[r % len(roots) :] + roots[: r % len(roots)]:
                url, titles = got[label]["url"], got[label]["titles"]
                for name in targets:
                    for when in ("now", "settled"):
                        res, first = _eager_once(chromium, url, name, titles[name], when)
                        for key, value in (((name, when), res), (("overview", "visit"), first)):
                            slot = got[label].setdefault(key, {"verdict": [], "done": []})
                            slot["verdict"].append(value["verdict"])
                            slot["done"].append(value["done"])
            print(f"  eager: round {r + 1} of {rounds} done", flush=True)
    for label, _ in roots:
        del got[label]["url"], got[label]["titles"]
    return got


def _eager_once(chromium, url: str, name: str, title: str, when: str):
    ctx = chromium.new_context(viewport=VIEWPORT)
    try:
        page = ctx.new_page()
        page.add_init_script(_INIT)
        probe = VERDICT["overview"][1]
        page.add_init_script(f"window.__visitArm && window.__visitArm({probe!r}, false);")
        page.goto(f"{url}/?{EAGER_LINK}", wait_until="commit")
        if when == "now":
            page.wait_for_function("() => window.__visit && window.__visit.verdict !== null",
                                   timeout=60_000, polling="raf")  # fmt: skip
            first = page.evaluate("() => ({verdict: window.__visit.verdict, done: null})")
        else:
            first = _wait_done(page)
            time.sleep(SETTLE_S)
        return click_page(page, name, VERDICT[name][1], title), first
    finally:
        ctx.close()


# --------------------------------------------------------------------------------- report


def _s(ms) -> str:
    return "-" if ms is None else f"{ms / 1000:.2f} s" if ms >= 1000 else f"{ms:.0f} ms"


def _pass(ratio, target) -> str:
    return "-" if ratio is None else "PASS" if ratio <= target else "MISS"


def eager_report(label, eager) -> list[str]:
    got = eager[label]
    visit_ms = got[("overview", "visit")]
    ref = _median([x for x in visit_ms["verdict"]])
    out = [
        "The first click on a page, made the moment the overview's verdict shows for a new "
        f"visitor (`/?{EAGER_LINK}`), or {SETTLE_S} s after its run finished: median ms from "
        "the click to the page's run finished (all rounds in brackets), and its share of the "
        f"visitor's wait to the verdict ({_s(ref)}, median over these visits).",
        "",
        "| page | when | click to run finished | verdict | share of the wait | target | result |",
        "|---|---|---|---|---|---|---|",
    ]
    for (name, when), slot in got.items():
        if name == "overview":
            continue
        done = _median(slot["done"])
        rounds = ", ".join(f"{x:.0f}" for x in slot["done"])
        share = done / ref
        out.append(
            f"| {name} | {when} | {_s(done)} ({rounds}) | {_s(_median(slot['verdict']))} | "
            f"{share:.2f} | <= 0.33 | {_pass(share, 1 / 3)} |"
        )
    return [*out, ""]


def report(label, pages, cold, at_once, warm, session, eager=None, one_core=None) -> list[str]:
    out = [f"**{label}**", ""]
    if cold:
        bare = min(cold["bare"]["bare"])
        out += [
            "A shared link as the first request on a freshly started server: ms to the verdict "
            f"on screen, fastest of {len(cold['bare']['bare'])} rounds (all rounds in brackets).",
            "",
            "| page URL | app | bare page | ratio | target | result |",
            "|---|---|---|---|---|---|",
        ]
        for name in pages:
            xs = cold[label][name]
            ratio = min(xs) / bare
            rounds = ", ".join(f"{x:.0f}" for x in xs)
            out.append(
                f"| /{PAGE_PATHS[name]}?{LINK} | {_s(min(xs))} ({rounds}) | {_s(bare)} | "
                f"{ratio:.2f} | <= 1.25 | {_pass(ratio, 1.25)} |"
            )
        rounds = ", ".join(f"{x:.0f}" for x in cold["bare"]["bare"])
        out += ["", f"Bare page, every round: {rounds} ms.", ""]
    if at_once:
        bare, app = min(at_once["bare"]), min(at_once[label])
        out += [
            "The overview link opened the moment a freshly started server answers its health "
            "check (the start-up work not finished yet), fastest of "
            f"{len(at_once[label])} rounds: app {_s(app)} "
            f"({', '.join(f'{x:.0f}' for x in at_once[label])}), bare page {_s(bare)} "
            f"({', '.join(f'{x:.0f}' for x in at_once['bare'])}), ratio {app / bare:.2f} "
            f"(target 1.25: {_pass(app / bare, 1.25)}).",
            "",
        ]
    ref = None
    if warm:
        out += [
            "A new visitor on a warm server: median ms to the verdict on screen (and to the whole "
            "page: run finished, nothing changing for 300 ms); the bare page opened in the same "
            "rounds. The last three columns: ms from the server's first message to the verdict "
            "(what the browser does with the page itself: the HTML, Streamlit's scripts and the "
            "websocket before it are the same for both, and vary most on a busy machine).",
            "",
            "| page URL | app verdict | app whole wait | bare page | ratio | target | result | "
            "after the first message: app | bare | ratio |",
            "|---|---|---|---|---|---|---|---|---|---|",
        ]
        for name in pages:
            w, b = warm[label][name], warm[f"bare@{name}"][name]
            ratio = _median(w["verdict"]) / _median(b["verdict"])
            am, bm = (_median([x for x in v.get("after_msg", []) if x is not None]) for v in (w, b))
            msg = f"{_s(am)} | {_s(bm)} | {am / bm:.2f}" if am and bm else "- | - | -"
            out.append(
                f"| /{PAGE_PATHS[name]}?{LINK} | {_s(_median(w['verdict']))} | "
                f"{_s(_median(w['done']))} | {_s(_median(b['verdict']))} | {ratio:.2f} | <= 1.10 | "
                f"{_pass(ratio, 1.10)} | {msg} |"
            )
        # A new visitor's wait, as the issue counts it: to the verdict, over every page URL.
        ref = _median([x for name in pages for x in warm[label][name]["verdict"]])
        out += [""]
    if session:
        ref = ref or float("nan")  # without the warm part: times only, no targets
        s = session[label]
        out += [
            "Visits in a session (warm server, a scenario new to it): median ms from the click in "
            "the sidebar to the run finished, against a new visitor's whole wait (their median "
            f"time to the verdict over every page URL above: {_s(ref)}): a first visit within a "
            f"third ({_s(ref / 3)}), a later visit within a fifth ({_s(ref / 5)}).",
            "",
            "| page | first visit: run finished | verdict | share of the wait | result | "
            "later visit: run finished | verdict | share of the wait | result |",
            "|---|---|---|---|---|---|---|---|---|",
        ]
        for name in pages:
            f, later = s["first"].get(name), s["later"].get(name)
            cells = []
            for slot, target in ((f, 1 / 3), (later, 1 / 5)):
                if not slot:
                    cells += ["- (the landing page)", "-", "-", "-"]
                    continue
                done = _median(slot["done"])
                share = done / ref if ref == ref else None  # nan != nan
                cells += [_s(done), _s(_median(slot["verdict"])),
                          "-" if share is None else f"{share:.2f}", _pass(share, target)]  # fmt: skip
            out.append(f"| {name} | " + " | ".join(cells) + " |")
        out += [""]
    if eager:
        out += eager_report(label, eager)
    if one_core:
        out += one_core_report(label, one_core)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="2 rounds of each part")
    ap.add_argument("--rounds", type=int, help="rounds of each part (default: cold 4, others 5)")
    ap.add_argument("--parts", nargs="+", default=["cold", "at-once", "warm", "session", "eager"],
                    choices=["cold", "at-once", "warm", "session", "eager", "one-core"])  # fmt: skip
    ap.add_argument("--click", nargs="+", default=["risk", "where"], choices=list(bp.PAGES),
                    help="pages clicked in the eager part")  # fmt: skip
    ap.add_argument("--pages", nargs="+", default=list(bp.PAGES), choices=list(bp.PAGES))
    ap.add_argument("--root", action="append", type=Path, help="checkout(s); default: this one")
    ap.add_argument("--labels", nargs="+", help="a label per --root")
    ap.add_argument("--max-load", type=float, default=2.0)
    ap.add_argument("--wait", type=float, default=120, help="seconds to wait for the load to drop")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="Markdown file ('-': none)")
    args = ap.parse_args(argv)
    from playwright.sync_api import sync_playwright

    roots = [r.resolve() for r in (args.root or [ROOT])]
    labels = args.labels or [str(r) if len(roots) > 1 else "this checkout" for r in roots]
    pairs = list(zip(labels, roots, strict=True))
    n_cold = args.rounds or (2 if args.quick else 4)
    n_other = args.rounds or (2 if args.quick else 5)
    log_dir = ROOT / "artifacts"
    started = dt.datetime.now().astimezone()
    loads, cold, at_once, warm, session, eager, one_core = [], {}, {}, {}, {}, {}, {}
    t0 = time.monotonic()
    with sync_playwright() as pw:
        if "cold" in args.parts:
            loads.append(f"{bp.wait_for_load(args.max_load, args.wait, 'cold'):.2f} (cold)")
            cold = cold_part(pw, pairs, args.pages, n_cold, log_dir, args.max_load)
        if "at-once" in args.parts:
            loads.append(f"{bp.wait_for_load(args.max_load, args.wait, 'at once'):.2f} (at once)")
            at_once = at_once_part(pw, pairs, n_cold, log_dir)
        if "warm" in args.parts:
            loads.append(f"{bp.wait_for_load(args.max_load, args.wait, 'warm'):.2f} (warm)")
            warm = warm_part(pw, pairs, args.pages, n_other, log_dir)
        if "session" in args.parts:
            loads.append(f"{bp.wait_for_load(args.max_load, args.wait, 'session'):.2f} (session)")
            session = session_part(pw, pairs, args.pages, n_other, log_dir)
        if "eager" in args.parts:
            loads.append(f"{bp.wait_for_load(args.max_load, args.wait, 'eager'):.2f} (eager)")
            eager = eager_part(pw, pairs, args.click, n_other, log_dir)
        if "one-core" in args.parts:
            loads.append(f"{bp.wait_for_load(args.max_load, args.wait, 'one core'):.2f} (one core)")
            one_core = one_core_part(pw, pairs, n_cold, log_dir)
    loads.append(f"{os.getloadavg()[0]:.2f} (at the end)")
    commit = bp.subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%h"],
                               capture_output=True, text=True, check=False).stdout.strip()  # fmt: skip
    out = [
        f"# What a visitor waits for, against the bare page ({started:%Y-%m-%d %H:%M %Z})",
        "",
        f"Machine: {bp.machine_note(loads)}. App at {commit or '?'}; "
        f"{time.monotonic() - t0:.0f} s in all. Method: the docstring of "
        "`benchmarks/bench_visit.py`. Command: `.venv/bin/python benchmarks/bench_visit.py"
        + (" " + " ".join(argv if argv is not None else sys.argv[1:])).rstrip()
        + "`.",
        "",
    ]
    for label in labels:
        out += report(label, args.pages, cold, at_once, warm, session, eager, one_core)
    text = "\n".join(out)
    print()
    print(text)
    if str(args.out) != "-":
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text + "\n")
        print(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
