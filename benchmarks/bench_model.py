"""Time the model's analyses on this machine and compare them with their targets.

    .venv/bin/python benchmarks/bench_model.py [--repeats N]

Each case runs once to warm up (imports, caches), then ``--repeats`` times (default 20); the table
gives the median and the fastest run, and PASS or MISS against the target (judged on the median).
Exit status 1 if a target is missed. Timings on a shared machine vary: rerun before believing a
MISS.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from vcio_model import Scenario, compare, frontier, sensitivity, simulate  # noqa: E402


def timings(fn: Callable[[], object], repeats: int) -> list[float]:
    fn()  # warm-up
    out = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def grid(n: int) -> dict:
    return {"employees": np.geomspace(5, 5000, n), "projects": np.linspace(0, 20, n)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args(argv)

    sc = Scenario()
    sc10 = sc.updated(years=10)
    g10, g200 = grid(10), grid(200)
    cases = [
        # name, function, target in ms
        ("compare, default scenario", lambda: compare(sc), 5.0),
        ("frontier 10 x 10", lambda: frontier(sc, **g10), None),
        ("frontier 200 x 200", lambda: frontier(sc, **g200), 100.0),
        ("simulate 10,000 trials x 10 years", lambda: simulate(sc10, trials=10_000, seed=1), 300.0),
        ("sensitivity, default scenario", lambda: sensitivity(sc), 200.0),
    ]
    results = {}
    for name, fn, _ in cases:
        results[name] = [t * 1000 for t in timings(fn, args.repeats)]

    print(f"vcio_model benchmarks: {args.repeats} runs after a warm-up; Python "
          f"{platform.python_version()}, numpy {np.__version__}, {platform.machine()}")  # fmt: skip
    rows = []
    misses = 0
    for name, _, target in cases:
        med, low = statistics.median(results[name]), min(results[name])
        verdict = ""
        if target is not None:
            verdict = "PASS" if med <= target else "MISS"
            misses += verdict == "MISS"
        rows.append(
            (name, f"{med:.2f}", f"{low:.2f}", "" if target is None else f"<= {target:g}", verdict)
        )
    med10 = statistics.median(results["frontier 10 x 10"])
    med200 = statistics.median(results["frontier 200 x 200"])
    ratio = med200 / med10
    rows.append(("frontier 200x200 / 10x10 (ratio)", f"{ratio:.1f}x", "", "<= 10x",
                 "PASS" if ratio <= 10 else "MISS"))  # fmt: skip
    misses += ratio > 10

    headers = ("case", "median ms", "min ms", "target", "")
    widths = [max(len(str(r[i])) for r in (headers, *rows)) for i in range(len(headers))]
    line = "  ".join(
        f"{{:{'<' if i == 0 else '>'}{w}}}" for i, w in enumerate(widths)
    )  # first column left, the rest right
    print(line.format(*headers))
    print("  ".join("-" * w for w in widths))
    for r in rows:
        print(line.format(*r))
    print("all targets met" if not misses else f"{misses} target(s) missed")
    return 1 if misses else 0


if __name__ == "__main__":
    raise SystemExit(main())
