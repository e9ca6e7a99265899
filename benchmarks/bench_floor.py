"""What a page of this app costs in the browser before its own content: the floor under the
page benchmark's ratios.

    .venv/bin/python benchmarks/bench_floor.py [--presses 30] [--out benchmarks/results/floor.md]

Every variant below is the bare page of ``benchmarks/bare_app.py`` (one slider, one Plotly chart,
one line of text) with one thing added, served at once and pressed in turn, round by round, as in
``bench_pages.py`` (same probe: key press on "Years to compare" to the line of text changed):

bare              the bare page itself
+ navigation      inside ``st.navigation`` with nine pages in the sidebar, as app.py has
+ address bar     the slider's value written to ``st.query_params`` on every run, as
                  ``state.sync_url`` does (the issue asks for the scenario in the URL)
+ both            navigation and address bar: what any page of an app built this way pays
+ app chrome      this app's own sidebar (every input, the margin charts), header, footer,
                  navigation and address bar, with a page that holds only the verdict, the bare
                  page's chart and its line of text

- sidebar inputs  the same with one slider in the sidebar instead of its inputs and margin charts
                  (navigation kept): the best case for any rebuild of the sidebar as one element,
                  such as a custom component

The ratios of ``+ both`` and ``+ app chrome`` to ``bare`` are the lowest any page of the app can
reach with the features the issues ask for; bench_pages.py measures the pages themselves.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import importlib.util
import os
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_OUT = HERE / "results" / "floor.md"

_BODY = (HERE / "bare_app.py").read_text(encoding="utf-8").split('"""', 2)[2]
_NAV = """
import streamlit as st

def _bare():
{body}

_stubs = [st.Page(lambda: None, title=f"Page {{i}}", icon="📄", url_path=f"p{{i}}") for i in range(8)]
st.navigation([st.Page(_bare, title="Bare", icon="🧭", default=True), *_stubs]).run()
"""
_URL = '\nst.query_params["years"] = str(st.session_state["in_years"])\n'
# The app's entry file with its pages replaced by one: the verdict, the bare chart and its text.
_CHROME = """
import sys
sys.path.insert(0, {root!r})
import numpy as np
import plotly.graph_objects as go
import streamlit as st
from vcio_app.frame import chrome
from vcio_app import model_calls as calls
from vcio_app.scenario import state
from vcio_app.frame import page as ui

def _verdict_only():
    sc = state.current_scenario()
    ui.verdict(calls.compare(sc.model_dump_json()))
    x = np.arange(1, 51)
    fig = go.Figure(go.Scatter(x=x, y=x * sc.years, mode="lines"))
    fig.update_layout(height=300, margin=dict(l=10, r=10, t=10, b=10))
    st.plotly_chart(fig, width="stretch", key="bare_chart")
    st.markdown(f"Selected: {{sc.years}} years")

{patch}
if not st.session_state.get("page_config_sent"):
    st.set_page_config(page_title="floor", layout="wide")
    st.session_state["page_config_sent"] = True
_stubs = [st.Page(lambda: None, title=f"Page {{i}}", icon="📄", url_path=f"p{{i}}") for i in range(8)]
chrome.run(st.navigation([st.Page(_verdict_only, title="Overview", icon="🧭", default=True), *_stubs]))
"""

# One slider, the one the probe presses, instead of the sidebar's inputs and margin charts (the
# other values stay in session state, so the page and the address bar work as before).
_NO_INPUTS = """
from vcio_app.frame import sidebar
def _no_inputs():
    sidebar.settle_inputs()
    st.sidebar.slider("Years to compare", 1, 10, key="in_years")
    return state.current_scenario()
sidebar.render_inputs = _no_inputs
"""


def variants() -> dict[str, str]:
    body = textwrap.indent(_BODY.strip(), "    ")
    nav = _NAV.format(body=body)
    return {
        "bare": _BODY,
        "+ navigation": nav,
        "+ address bar": _BODY + _URL,
        "+ both": nav + _URL,
        "+ app chrome": _CHROME.format(root=str(ROOT), patch=""),
        "+ app chrome - sidebar inputs": _CHROME.format(root=str(ROOT), patch=_NO_INPUTS),
    }


def _bench_pages():
    spec = importlib.util.spec_from_file_location("bench_pages", HERE / "bench_pages.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def run(presses: int, warmup: int = 2) -> dict[str, dict]:
    from playwright.sync_api import sync_playwright

    bp = _bench_pages()
    e2e = bp._e2e()
    probe = bp.PROBES["bare"][1]
    got: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp, contextlib.ExitStack() as stack:
        pages = {}
        pw = stack.enter_context(sync_playwright())
        chromium = pw.chromium.launch(executable_path=str(e2e.CHROMIUM), args=e2e.CHROMIUM_ARGS)
        stack.callback(chromium.close)
        for k, (name, code) in enumerate(variants().items()):
            script = Path(tmp) / f"floor_{k}.py"
            script.write_text(code, encoding="utf-8")
            # served from the repository root: its .streamlit/config.toml applies to all alike
            url = stack.enter_context(
                bp.serve(e2e, ROOT, script, ROOT / "artifacts" / f"bench-floor-{k}.log")
            )
            pages[name] = bp._open(e2e, chromium, url)[-1]
            got[name] = []
        for i in range(warmup + presses):
            key = "ArrowRight" if i % 2 == 0 else "ArrowLeft"
            names = list(pages)
            for name in names[i % len(names) :] + names[: i % len(names)]:  # rotate the order
                r = bp.press_once(pages[name], probe, key)
                if i >= warmup:
                    got[name].append(r["text"])
    return {name: bp.stats(v) for name, v in got.items()}


def _commit() -> str:
    out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                         text=True, check=False)  # fmt: skip
    dirty = subprocess.run(["git", "status", "--porcelain", "--", "vcio_app", "app.py"], cwd=ROOT,
                           capture_output=True, text=True, check=False).stdout.strip()  # fmt: skip
    return (out.stdout.strip() or "?") + (" with uncommitted changes" if dirty else "")


def report(res: dict[str, dict], presses: int, load: float) -> str:
    bp = _bench_pages()
    bare = res["bare"]["median"]
    lines = [
        f"# The floor under every page (bench_floor.py, "
        f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC)",
        "",
        f"Machine: {bp.machine_note([f'{load:.2f}'])}. App at {_commit()}.",
        "",
        f"Key press on the slider to the line of text changed, {presses} presses per variant "
        "after 2 warm-up, all variants pressed in turn in the same rounds.",
        "",
        "| variant | median ms | p95 ms | × bare |",
        "|---|---|---|---|",
    ]
    for name, s in res.items():
        lines.append(
            f"| {name} | {bp._ms(s['median'])} | {bp._ms(s['p95'])} | {s['median'] / bare:.2f} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--presses", type=int, default=30)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="Markdown file ('-': none)")
    args = ap.parse_args(argv)
    load = os.getloadavg()[0]
    text = report(run(args.presses), args.presses, load)
    print(text)
    if str(args.out) != "-":
        args.out.write_text(text, encoding="utf-8")
        print(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
