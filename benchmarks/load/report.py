"""The load test's report: the Markdown table printed and written to ``--out``, and the raw data.

``report`` reads the sessions' actions and errors, the sampler's memory and CPU, the server log
and the script-run timings the hook wrote, and checks the targets (load/settings.py).
"""

from __future__ import annotations

import argparse
import json
import statistics
from pathlib import Path
from typing import Any

from .server import Sampler
from .sessions import Stats
from .settings import (
    LOG_ERROR,
    NAV_SHARE,
    PAGES,
    RAW,
    SCRIPT_TIMINGS,
    SERVER_LOG,
    TARGET_MB_PER_SESSION,
    TARGET_P95_S,
)


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


def write_raw(run: dict[str, Any], sampler: Sampler) -> None:
    """Every action and error of the reference and load phases, and the RSS samples, as JSON."""
    RAW.parent.mkdir(exist_ok=True)
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
