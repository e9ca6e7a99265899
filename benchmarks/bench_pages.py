"""Time every page of the app against the bare reference page, on the server and in a browser.

    .venv/bin/python benchmarks/bench_pages.py [--reruns 30] [--presses 15] [--pages overview costs]
                                               [--root DIR ...] [--out benchmarks/results/pages.md]

For each page at the default scenario, and for ``benchmarks/bare_app.py`` (one slider, one Plotly
line chart, one line of text) measured in the same run:

rerun (server)
    ``AppTest``: open the page, then ``--reruns`` reruns, each after setting the years slider
    (``in_years``) to 6 and 5 in turn. Both values are in the caches after a warm-up, so this is a
    user toggling between two values. For the overview a second line, "uncached", clears
    ``st.cache_data`` and ``st.cache_resource`` before every rerun: a value never seen before.
    Median and p95, in ms.
browser
    ``streamlit run`` and Debian's Chromium. Focus the "Years to compare" slider, press
    ArrowRight / ArrowLeft in turn (2 warm-up presses, then ``--presses``), and time in the browser
    (``performance.now()``) from the keydown event to the moment a MutationObserver sees the
    page's years-dependent text change: the verdict (first ``h3`` in the main block) where the page
    has one, else the text named in PROBES; for the bare page its line of text. "last chart" is
    the time to the last mutation inside the last Plotly chart of the main block (its redraw).
    Each press waits until the page has been quiet for 300 ms before the next. The bare page
    and every checkout run on servers of their own, all up at once, and are pressed in turn,
    round by round: a change in the machine's load hits them alike. A page's ratio is its median
    over the bare page's median in the same rounds.
frame (browser)
    Pressed in the same rounds as well: this app's chrome (navigation, sidebar, header, address
    bar, footer) around a page holding only the verdict and the bare page's chart, the "+ app
    chrome" variant of ``bench_floor.py``. "ratio to frame" is what a page's own content costs on
    top of what every page of the app pays; ``--no-frame`` leaves it out.

Targets: rerun median <= 50 ms at the default scenario; browser median within 2x of the bare page
(issue 3) and within 1.5x (issue 5). The table is printed and written as Markdown to ``--out``.

``--root`` (repeatable) benchmarks other checkouts of the app as well (e.g. a ``git worktree`` of
an older commit), against the same bare page, in the same run: before/after comparisons.

The 1-minute load average is checked before each part; above ``--max-load`` (1.5) the script
waits up to ``--wait`` seconds for it to drop, then goes on and reports the load it measured at.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import importlib.util
import json
import os
import platform
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BARE = HERE / "bare_app.py"
DEFAULT_OUT = HERE / "results" / "pages.md"

# page name -> (AppTest page file, URL path)
PAGES = {
    "overview": ("pages/overview.py", ""),
    "costs": ("pages/costs.py", "costs"),
    "projects": ("pages/projects.py", "projects"),
    "where": ("pages/where.py", "where"),
    "risk": ("pages/risk.py", "risk"),
    "sensitivity": ("pages/sensitivity.py", "sensitivity"),
    "assumptions": ("pages/assumptions.py", "assumptions"),
    "share": ("pages/share.py", "share"),
    "about": ("pages/about.py", "about"),
}
_MAIN = "document.querySelector('[data-testid=\"stMainBlockContainer\"]')"
_H3 = f"{_MAIN}?.querySelector('h3')?.textContent"


def _starts(selector: str, prefix: str) -> str:
    return (
        f"[...({_MAIN}?.querySelectorAll('{selector}') ?? [])]"
        f".find(e => e.textContent.startsWith('{prefix}'))?.textContent"
    )


# What the user waits for after moving the years slider, as a JS expression (textContent: no
# layout is forced). Where 5 -> 6 years leaves the page's takeaway as it is, the first text that
# does change is used; the About page shows nothing that depends on years, so the address bar
# (updated at the very end of the script run) stands in.
PROBES = {
    "overview": ("verdict (h3)", _H3),
    "costs": ("verdict (h3)", _H3),
    "projects": ("verdict (h3)", _H3),
    "where": ("details list under the takeaway", f"{_MAIN}?.querySelector('ul')?.textContent"),
    "risk": ("takeaway (h3)", _H3),
    "sensitivity": ("note on the tornado chart", _starts("p", "A tornado chart")),
    "assumptions": ("'With these values' verdict line", _starts("p", "With these values")),
    "share": (
        "scenario link (its box)",
        f"[...({_MAIN}?.querySelectorAll('code') || [])].map(c => c.textContent).find(t => t.includes('employees='))",
    ),
    "about": ("address bar (end of run)", "location.search"),
    "bare": ("line of text", _starts("p", "Selected:")),
}
PROBES["frame"] = PROBES["bare"]  # bench_floor.py's "+ app chrome": the bare page's text and chart

# Installed before each key press; window.__bench collects the times (ms since keydown).
_ARM = """
(expr) => {
  const read = new Function('try { return (' + expr + '); } catch (e) { return null; }');
  const main = document.querySelector('[data-testid="stMainBlockContainer"]');
  const s = window.__bench = {t0: null, text: null, chart: null, last: performance.now(),
                              before: read(), after: null};
  const check = () => {
    if (s.t0 === null || s.text !== null) return;
    const v = read();
    if (v !== s.before) { s.text = performance.now() - s.t0; s.after = v; }
  };
  s.obs = new MutationObserver((records) => {
    const now = performance.now();
    s.last = now;
    if (s.t0 === null) return;
    const charts = main ? main.querySelectorAll('[data-testid="stPlotlyChart"]') : [];
    const chart = charts.length ? charts[charts.length - 1] : null;
    let texty = false;
    for (const r of records) {
      if (r.type !== 'attributes') texty = true;
      if (chart && r.target !== chart && chart.contains(r.target)) s.chart = now - s.t0;
    }
    if (texty) check();
  });
  s.obs.observe(document.body, {subtree: true, childList: true, characterData: true,
                                attributes: true});
  for (const name of ['pushState', 'replaceState']) {
    if (!history['__orig_' + name]) history['__orig_' + name] = history[name];
    history[name] = function (...args) {
      const out = history['__orig_' + name].apply(this, args);
      check();
      return out;
    };
  }
  document.addEventListener('keydown', () => { if (s.t0 === null) s.t0 = performance.now(); },
                            {capture: true, once: true});
  return s.before;
}
"""
_QUIET = """
(ms) => {
  const app = document.querySelector('[data-testid="stApp"]');
  const s = window.__bench;
  return s.text !== null && app.dataset.testScriptState === 'notRunning'
         && performance.now() - s.last > ms;
}
"""
_READ = (
    "() => { const s = window.__bench; s.obs.disconnect(); "
    "return {text: s.text, chart: s.chart, after: s.after}; }"
)


# --------------------------------------------------------------------------------- helpers


def stats(xs: list[float]) -> dict:
    if not xs:
        return {"median": None, "p95": None, "n": 0}
    return {"median": float(np.median(xs)), "p95": float(np.percentile(xs, 95)), "n": len(xs)}


def wait_for_load(max_load: float, wait_s: float, what: str) -> float:
    """Wait (up to wait_s) for the 1-minute load average to drop to max_load; return it."""
    deadline = time.monotonic() + wait_s
    load = os.getloadavg()[0]
    while load > max_load and time.monotonic() < deadline:
        print(f"  load {load:.2f} > {max_load} before {what}: waiting", flush=True)
        time.sleep(15)
        load = os.getloadavg()[0]
    print(f"  load {load:.2f} at the start of {what}", flush=True)
    return load


def _e2e():
    """tests/e2e/conftest.py as a module: its server helpers and wait_for_app."""
    spec = importlib.util.spec_from_file_location("e2e_conftest", ROOT / "tests/e2e/conftest.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


# --------------------------------------------------------------------------------- AppTest


def apptest_worker(root: Path, pages: list[str], reruns: int) -> dict:
    """Run in a subprocess per checkout (its modules would clash with another checkout's)."""
    os.chdir(root)
    sys.path.insert(0, str(root))
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    def timed(at, values, clear=False) -> list[float]:
        out = []
        for k in range(reruns):
            at.slider(key="in_years").set_value(values[k % 2])
            if clear:  # a value never seen: no model result, no figure in any cache
                st.cache_data.clear()
                st.cache_resource.clear()
            t0 = time.perf_counter()
            at.run()
            out.append((time.perf_counter() - t0) * 1000)
            assert not at.exception, at.exception
        return out

    res = {}
    for name in pages:
        if name == "bare":
            at = AppTest.from_file(str(BARE), default_timeout=60)
            at.run()
        else:
            at = AppTest.from_file(str(root / "app.py"), default_timeout=60)
            at.run()
            at.switch_page(PAGES[name][0]).run()
        assert not at.exception, at.exception
        for v in (6, 5):  # warm-up: both values in the cache
            at.slider(key="in_years").set_value(v).run()
        res[name] = stats(timed(at, (6, 5)))
        if name == "overview":
            res["overview (uncached)"] = stats(timed(at, (6, 5), clear=True))
    return res


def apptest(root: Path, pages: list[str], reruns: int) -> dict:
    cmd = [sys.executable, __file__, "--_worker", str(root), "--reruns", str(reruns),
           "--pages", *pages]  # fmt: skip
    out = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if out.returncode:
        raise SystemExit(f"AppTest worker failed for {root}:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


# --------------------------------------------------------------------------------- browser


SERVED: dict[str, int] = {}  # url -> the process id of the server serve() started for it


def pss_mb(pid: int) -> float:
    """A process's proportional set size (its share of the memory it uses), in MB."""
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1]) / 1024
    raise ValueError(f"no Pss line for process {pid}")


@contextlib.contextmanager
def serve(e2e, root: Path, script: Path, log: Path, cpus: str | None = None) -> Iterator[str]:
    """``streamlit run script`` from ``root``, healthy; yields its URL (``SERVED[url]``: its
    process id). ``cpus``: run it on these CPU cores only (``taskset -c``)."""
    port = e2e._free_port()
    url = f"http://127.0.0.1:{port}"
    pin = ["taskset", "-c", cpus] if cpus else []
    cmd = [*pin, sys.executable, "-m", "streamlit", "run", str(script),
           "--server.headless", "true", "--server.port", str(port),
           "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"]  # fmt: skip
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as fh:
        proc = subprocess.Popen(cmd, cwd=root, stdout=fh, stderr=subprocess.STDOUT,
                                env={**os.environ, "PYTHONUNBUFFERED": "1"})  # fmt: skip
        try:
            e2e._wait_for_health(proc, url, log)
            SERVED[url] = proc.pid
            yield url
        finally:
            SERVED.pop(url, None)
            e2e._stop(proc)


def _open(e2e, chromium, url: str):
    """A fresh context on ``url``, loaded and with its charts drawn."""
    from playwright.sync_api import expect

    ctx = chromium.new_context(viewport=e2e.VIEWPORT)
    page = ctx.new_page()
    page.goto(url)
    e2e.wait_for_app(page)
    svg = page.locator('[data-testid="stPlotlyChart"] .main-svg')
    if svg.count():
        expect(svg.first).to_be_visible(timeout=30_000)
    e2e.wait_for_app(page, settle_ms=500)
    return ctx, page


def press_once(page, probe: str, key: str) -> dict:
    """One key press on the years slider; ms from keydown to the probe's text changed, and to
    the last mutation in the last chart of the main block (None if it did not change)."""
    page.bring_to_front()
    page.get_by_role("slider", name="Years to compare").focus()
    page.evaluate(_ARM, probe)
    page.keyboard.press(key)
    page.wait_for_function(_QUIET, arg=300, timeout=60_000, polling=50)
    return page.evaluate(_READ)


def _frame_script(folder: Path) -> Path:
    """bench_floor.py's "+ app chrome" variant, written to ``folder``."""
    spec = importlib.util.spec_from_file_location("bench_floor", HERE / "bench_floor.py")
    floor = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(floor)
    script = folder / "frame_app.py"
    script.write_text(floor.variants()["+ app chrome"], encoding="utf-8")
    return script


def browser_part(
    roots: list[tuple[str, Path]],
    pages: list[str],
    presses: int,
    log_dir: Path,
    warmup: int = 2,
    frame: bool = True,
) -> dict:
    """Every page, each root's server, the bare page and the frame in turn, press by press
    (interleaved, so a change in the machine's load hits all of them alike). Returns
    ``{label: {page: {"text": stats, "chart": stats}}}``; under "bare" (and "frame") the bare
    page's (frame's) presses made alongside each page, and under ("bare", "all") all of them."""
    import tempfile

    from playwright.sync_api import sync_playwright

    e2e = _e2e()
    refs = ["bare", "frame"] if frame else ["bare"]
    res: dict = {label: {} for label, _ in roots}
    res.update({ref: {} for ref in refs})
    ref_all: dict = {ref: {"text": [], "chart": []} for ref in refs}
    app_pages = [p for p in pages if p != "bare"] or ["bare"]
    with contextlib.ExitStack() as stack:
        urls = {"bare": stack.enter_context(serve(e2e, ROOT, BARE, log_dir / "bench-bare.log"))}
        if frame:  # served from the repository root, as the bare page: the same config
            script = _frame_script(Path(stack.enter_context(tempfile.TemporaryDirectory())))
            urls["frame"] = stack.enter_context(
                serve(e2e, ROOT, script, log_dir / "bench-frame.log")
            )
        for k, (label, root) in enumerate(roots):
            log = log_dir / f"bench-app-{k}.log"
            urls[label] = stack.enter_context(serve(e2e, root, root / "app.py", log))
        pw = stack.enter_context(sync_playwright())
        chromium = pw.chromium.launch(executable_path=str(e2e.CHROMIUM), args=e2e.CHROMIUM_ARGS)
        stack.callback(chromium.close)
        for name in app_pages:
            tabs = [(ref, ref) for ref in refs]
            tabs += [(label, name) for label, _ in roots if name != "bare"]
            opened = []
            try:
                for label, page_name in tabs:
                    path = "" if page_name in refs else PAGES[page_name][1]
                    opened.append(
                        (label, page_name, *_open(e2e, chromium, f"{urls[label]}/{path}"))
                    )
                got = {label: {"text": [], "chart": []} for label, _ in tabs}
                for k in range(warmup + presses):
                    key = "ArrowRight" if k % 2 == 0 else "ArrowLeft"
                    order = opened[k % len(opened) :] + opened[: k % len(opened)]  # rotate
                    for label, page_name, _, page in order:
                        r = press_once(page, PROBES[page_name][1], key)
                        if k >= warmup:
                            got[label]["text"].append(r["text"])
                            if r["chart"] is not None:
                                got[label]["chart"].append(r["chart"])
                for label, _ in tabs:
                    res[label][name] = {m: stats(v) for m, v in got[label].items()}
                for ref in refs:
                    for m in ("text", "chart"):
                        ref_all[ref][m] += got[ref][m]
            finally:
                for _, _, ctx, _ in opened:
                    ctx.close()
            print(f"  browser: {name} done", flush=True)
    for ref in refs:
        res[ref]["all"] = {m: stats(v) for m, v in ref_all[ref].items()}
    return res


# --------------------------------------------------------------------------------- report


def _ms(v) -> str:
    return "-" if v is None else f"{v:.0f}" if v >= 10 else f"{v:.1f}"


def _ok(flag: bool | None) -> str:
    return "-" if flag is None else "PASS" if flag else "MISS"


def table(
    label: str, rerun: dict, browser: dict, bare_browser: dict, frame_browser: dict | None = None
) -> list[str]:
    """``bare_browser`` (``frame_browser``): the bare page's (frame's) presses, per app page (made
    alongside it) and "all"."""
    frame_browser = frame_browser or {}
    head = ("| page | rerun median ms | rerun p95 ms | browser median ms | browser p95 ms | "
            "bare median ms (same rounds) | ratio to bare | frame median ms (same rounds) | "
            "ratio to frame | last chart median ms | "
            "rerun <= 50 ms | <= 2x bare | <= 1.5x bare | what is timed in the browser |")  # fmt: skip
    lines = [f"**{label}**", "", head, "|" + "---|" * 14]
    names = [n for n in [*PAGES, "overview (uncached)"] if n in rerun or n in browser]
    names += ["bare"] if "bare" in rerun or "all" in bare_browser else []
    for n in names:
        r = rerun.get(n, {})
        if n == "bare":
            b, ch = (
                bare_browser.get("all", {}).get("text", {}),
                bare_browser.get("all", {}).get("chart", {}),
            )
            bare = b.get("median")
        else:
            b, ch = browser.get(n, {}).get("text", {}), browser.get(n, {}).get("chart", {})
            bare = bare_browser.get(n, {}).get("text", {}).get("median")
        fr = frame_browser.get("all" if n == "bare" else n, {}).get("text", {}).get("median")
        ratio = b["median"] / bare if b.get("median") and bare else None
        to_frame = b["median"] / fr if b.get("median") and fr and n != "bare" else None
        rerun_ok = None if r.get("median") is None or n == "bare" else r["median"] <= 50
        probe = PROBES.get(n, ("-", ""))[0] if b else "-"
        lines.append(
            f"| {n} | {_ms(r.get('median'))} | {_ms(r.get('p95'))} | {_ms(b.get('median'))} | "
            f"{_ms(b.get('p95'))} | {_ms(bare)} | {'-' if ratio is None else f'{ratio:.2f}'} | "
            f"{_ms(fr)} | {'-' if to_frame is None else f'{to_frame:.2f}'} | "
            f"{_ms(ch.get('median'))} | {_ok(rerun_ok)} | "
            f"{_ok(None if ratio is None or n == 'bare' else ratio <= 2.0)} | "
            f"{_ok(None if ratio is None or n == 'bare' else ratio <= 1.5)} | {probe} |"
        )
    return lines


def machine_note(loads: list[str]) -> str:
    import streamlit

    return (
        f"{platform.node()}: {platform.system()} {platform.release()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, Streamlit {streamlit.__version__}; "
        f"Chromium {subprocess.run(['/usr/bin/chromium', '--version'], capture_output=True, text=True, check=False).stdout.strip() or '?'}; "
        f"1-minute load average at the start of each part: {', '.join(loads)}"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reruns", type=int, default=30)
    ap.add_argument("--presses", type=int, default=15)
    ap.add_argument("--pages", nargs="+", default=[*PAGES, "bare"], choices=[*PAGES, "bare"])
    ap.add_argument(
        "--root", action="append", type=Path, help="checkout(s) to time; default: this one"
    )
    ap.add_argument("--labels", nargs="+", help="a label per --root")
    ap.add_argument("--no-browser", action="store_true")
    ap.add_argument("--no-apptest", action="store_true")
    ap.add_argument("--no-frame", action="store_true", help="do not press the frame alongside")
    ap.add_argument("--max-load", type=float, default=1.5)
    ap.add_argument("--wait", type=float, default=300, help="seconds to wait for the load to drop")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="Markdown file ('-': none)")
    ap.add_argument("--_worker", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args._worker:
        print(json.dumps(apptest_worker(args._worker.resolve(), args.pages, args.reruns)))
        return 0

    roots = [r.resolve() for r in (args.root or [ROOT])]
    labels = args.labels or [str(r) if len(roots) > 1 else "this checkout" for r in roots]
    pages = list(args.pages)
    loads = []
    started = dt.datetime.now().astimezone()
    reruns: dict = {label: {} for label in labels}
    if not args.no_apptest:
        for i, (root, label) in enumerate(zip(roots, labels, strict=True)):
            todo = [p for p in pages if p != "bare" or i == 0]  # the bare page once
            loads.append(f"{wait_for_load(args.max_load, args.wait, f'AppTest ({label})'):.2f}")
            reruns[label] = apptest(root, todo, args.reruns)
            print(f"  AppTest: {label} done", flush=True)
        bare_rerun = {k: v for k, v in reruns[labels[0]].items() if k == "bare"}
        for label in labels:
            reruns[label].update(bare_rerun)
    browser: dict = {label: {} for label in [*labels, "bare"]}
    if not args.no_browser:
        loads.append(f"{wait_for_load(args.max_load, args.wait, 'the browser part'):.2f}")
        browser = browser_part(list(zip(labels, roots, strict=True)), pages, args.presses,
                               ROOT / "artifacts", frame=not args.no_frame)  # fmt: skip
    loads.append(f"{os.getloadavg()[0]:.2f} (at the end)")
    sections = [(label, reruns[label], browser[label]) for label in labels]

    out = [
        f"# Page speed: every page against the bare page ({started:%Y-%m-%d %H:%M %Z})",
        "",
        f"Machine: {machine_note(loads)}.",
        "",
        f"Rerun: AppTest, {args.reruns} reruns toggling the years slider 5/6 (cached results; "
        "'uncached' clears st.cache_data and st.cache_resource before each). Browser: key press "
        "on the years slider to the page's years-dependent text changed, "
        f"{args.presses} presses after 2 warm-up, the bare page pressed in the same rounds. "
        "Ratio: browser median / bare median in the same rounds; the frame (bench_floor.py's "
        "'+ app chrome': the app around a page with only the verdict and the bare chart) "
        "pressed in the same rounds too. Targets: rerun <= 50 ms; "
        "browser <= 2x "
        "bare (issue 3), <= 1.5x bare (issue 5). Command: `.venv/bin/python "
        "benchmarks/bench_pages.py" + (" " + " ".join(argv or sys.argv[1:])).rstrip() + "`.",
        "",
    ]
    for label, rerun, pages_browser in sections:
        out += table(label, rerun, pages_browser, browser.get("bare", {}), browser.get("frame"))
        out += [""]
    text = "\n".join(out)
    print()
    print(text)
    if str(args.out) != "-":
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text)
        print(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
