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

The parts live in benchmarks/load/ (server, page_probe, sessions, report; see its __init__.py),
out of reach of ``make bench``, which runs every benchmarks/*.py but this one and bare_app.py.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import platform
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tests.e2e.conftest: the server and Chromium of the e2e tests
sys.path.insert(0, str(Path(__file__).resolve().parent))  # load/: also under python -m

from load.report import report, write_raw  # noqa: E402
from load.server import Sampler, find_server_pid, git_commit, pin, serve_with_hooks  # noqa: E402
from load.sessions import drive  # noqa: E402
from load.settings import ARTIFACTS, OUT  # noqa: E402


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

        from tests.e2e.conftest import CHROMIUM
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
    with serve_with_hooks() as base_url:
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
    write_raw(run, sampler)
    print(f"written: {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
