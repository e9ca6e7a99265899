"""What the reports weigh and how long they take to build, for every preset.

    .venv/bin/python benchmarks/bench_reports.py [--pdf]

Prints one row per preset: the HTML report's size (the file a customer keeps, and the page printed
to PDF, which carries Plotly's library uncompressed), the Excel workbook's size, the time to build
each (median of 3, simulation and sensitivity included), and with ``--pdf`` the PDF's size, pages
and time (one Chromium print each, through ``vcio_app.pdf``'s limits).
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import vcio_model as vm  # noqa: E402
from vcio_app import reports  # noqa: E402


def _timed(fn, rounds: int = 3):
    times, out = [], None
    for _ in range(rounds):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return out, statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pdf", action="store_true", help="print a PDF of each preset as well")
    args = ap.parse_args()
    from plotly.offline import get_plotlyjs

    print(f"Plotly's library alone: {len(get_plotlyjs().encode()):,} bytes")
    head = f"{'preset':24} {'HTML':>11} {'print HTML':>11} {'xlsx':>8} {'html s':>7} {'xlsx s':>7}"
    print(head + ("  pdf bytes pages  pdf s" if args.pdf else ""))
    presets = vm.load_presets()
    for name, (_title, sc) in presets.items():
        c = vm.compare(sc)
        page, t_html = _timed(lambda c=c: reports.html_report(c))
        printed = reports.html_report(c, for_print=True)
        xlsx, t_xlsx = _timed(lambda c=c: reports.excel_report(c))
        line = (
            f"{name[:24]:24} {len(page.encode()):>11,} {len(printed.encode()):>11,} "
            f"{len(xlsx):>8,} {t_html:>7.2f} {t_xlsx:>7.2f}"
        )
        if args.pdf and reports.pdf_available()[0]:
            t = time.perf_counter()
            pdf = reports.pdf_report(c)
            pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))
            line += f"  {len(pdf):>9,} {pages:>5} {time.perf_counter() - t:>6.1f}"
        print(line)


if __name__ == "__main__":
    main()
