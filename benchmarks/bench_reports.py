"""How long the leave-behind takes and how much memory it needs: the in-process PDF against the
former Chromium print of the HTML page.

    .venv/bin/python benchmarks/bench_reports.py [--rounds 5] [--chromium]

For the 60-person, 2-project scenario (the issue's) and every preset: the PDF's time (median of
``--rounds`` runs, after one warm-up), its size and page count, with and without the appendix; the
process's peak RSS and PSS while making it (sampled every 5 ms on a thread) against its level
before; the HTML and Excel sizes and times. With ``--chromium`` (and Chromium installed) the same
scenario printed the former way (HTML page to PDF by headless Chromium, ``reports.printer``): its
time and the Chromium process tree's peak PSS.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import vcio_model as vm  # noqa: E402
from vcio_app import reports  # noqa: E402


def _mem() -> tuple[int, int]:
    """(RSS, PSS) of this process in bytes."""
    rss = pss = 0
    for line in Path("/proc/self/smaps_rollup").read_text().splitlines():
        if line.startswith("Rss:"):
            rss = int(line.split()[1]) * 1024
        elif line.startswith("Pss:"):
            pss = int(line.split()[1]) * 1024
    return rss, pss


class Peak:
    """Samples this process's memory on a thread while a block runs."""

    def __enter__(self):
        self.before = _mem()
        self.peak = list(self.before)
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)
        self._t.start()
        return self

    def _run(self):
        while not self._stop.is_set():
            rss, pss = _mem()
            self.peak = [max(self.peak[0], rss), max(self.peak[1], pss)]
            time.sleep(0.005)

    def __exit__(self, *exc):
        self._stop.set()
        self._t.join()


def _timed(fn, rounds: int):
    fn()  # warm-up: imports and caches
    times, out = [], None
    for _ in range(rounds):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return out, statistics.median(times), times


def _mb(n: int) -> str:
    return f"{n / 2**20:.0f} MB"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--chromium", action="store_true", help="also print the former way")
    args = ap.parse_args()
    ok, why = reports.pdf_available()
    if not ok:
        sys.exit(why)

    sc = vm.Scenario(employees=60, projects_per_year=2, company="Acme Accounting")
    c = vm.compare(sc)
    sim, sens = vm.simulate(sc, trials=5000, seed=1), vm.sensitivity(sc)  # as the app caches them
    print(
        f"Scenario: 60 employees, 2 projects a year ({'close call' if c.close_call else 'clear'})"
    )
    with Peak() as m:
        pdf, med, runs = _timed(
            lambda: reports.pdf_report(c, simulation=sim, sensitivity=sens), args.rounds
        )
    print(
        f"PDF in process: median {med:.3f} s (runs {', '.join(f'{t:.3f}' for t in runs)}), "
        f"{len(pdf):,} bytes, {reports.pdf.page_count(pdf)} pages; process RSS "
        f"{_mb(m.before[0])} -> peak {_mb(m.peak[0])}, PSS {_mb(m.before[1])} -> peak "
        f"{_mb(m.peak[1])}"
    )
    full, med_full, _ = _timed(
        lambda: reports.pdf_report(c, simulation=sim, sensitivity=sens, appendix=True), args.rounds
    )
    print(
        f"PDF with the appendix: median {med_full:.3f} s, {len(full):,} bytes, "
        f"{reports.pdf.page_count(full)} pages"
    )
    fresh, med_fresh, _ = _timed(lambda: reports.pdf_report(c), args.rounds)
    print(f"PDF with its own simulation and sensitivity (as the command line): {med_fresh:.3f} s")
    if args.chromium:
        from vcio_app.reports import html as html_mod
        from vcio_app.reports import printer

        if not printer.chromium_path():
            print("Chromium: not installed")
        else:
            page = html_mod.html_report(c, for_print=True, appendix=True)
            times, peaks = [], []
            for _ in range(args.rounds):
                stats: dict = {}
                t = time.perf_counter()
                old = printer.html_to_pdf(page, stats=stats)
                times.append(time.perf_counter() - t)
                peaks.append(stats.get("peak_bytes", 0))
            pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", old))
            print(
                f"Chromium print of the HTML page (appendix included): median "
                f"{statistics.median(times):.2f} s, Chromium tree peak PSS {_mb(max(peaks))}, "
                f"{pages} pages"
            )
    print(f"\n{'preset':24} {'pdf s':>6} {'pages':>5} {'pdf bytes':>9} {'html B':>8} {'xlsx s':>6}")
    for name, (_title, psc) in vm.load_presets().items():
        pc = vm.compare(psc)
        data, t_pdf, _ = _timed(lambda pc=pc: reports.pdf_report(pc), 1)
        page = reports.html_report(pc)
        _x, t_xlsx, _ = _timed(lambda pc=pc: reports.excel_report(pc), 1)
        print(
            f"{name[:24]:24} {t_pdf:>6.2f} {reports.pdf.page_count(data):>5} {len(data):>9,} "
            f"{len(page.encode()):>8,} {t_xlsx:>6.2f}"
        )


if __name__ == "__main__":
    main()
