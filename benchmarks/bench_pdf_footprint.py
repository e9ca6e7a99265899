"""The server's memory with 20 sessions open and PDFs in flight (issue 22's footprint target).

    PYTHONPATH=. .venv/bin/python benchmarks/bench_pdf_footprint.py [--sessions 20] [--pdfs 5]

Starts ``streamlit run app.py`` (the e2e harness's ``serve``), reads the server's PSS (with every
process it started: none since the PDF is made in process) idle, then opens ``--sessions`` browser
sessions on different scenarios and pages, then has one session on the Share page click "PDF
report" ``--pdfs`` times (with the appendix, the heaviest report) while a thread samples the
server's PSS every 20 ms. Prints PSS idle, with the sessions open, the peak during the PDFs, and
each click-to-download time. The browsers' own memory is not the server's and is not counted.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.load.server import find_server_pid  # noqa: E402
from tests.e2e.conftest import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402
from vcio_app.reports.printer import process_tree  # noqa: E402

PAGES = ["", "costs", "risk", "sensitivity", "where", "projects", "assumptions", "share"]


def _pss_kb(pid: int) -> int:
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    m = re.search(r"^Pss:\s+(\d+) kB", text, re.M)
    return int(m.group(1)) if m else 0


def tree_pss_mb(pid: int) -> float:
    return sum(_pss_kb(p) for p in process_tree(pid)) / 1024


class Sampler(threading.Thread):
    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak, self.stop_flag = pid, 0.0, threading.Event()

    def run(self):
        while not self.stop_flag.is_set():
            self.peak = max(self.peak, tree_pss_mb(self.pid))
            time.sleep(0.02)


def _settle(page) -> None:
    page.wait_for_selector('[data-testid="stMainBlockContainer"] h1', timeout=60_000)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sessions", type=int, default=20)
    ap.add_argument("--pdfs", type=int, default=5)
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    with serve(ARTIFACTS / "streamlit-footprint.log") as base:
        pid = find_server_pid(int(base.rsplit(":", 1)[1]))
        time.sleep(2)
        idle = tree_pss_mb(pid)
        print(f"server PSS idle after start: {idle:.0f} MB")
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            pages = []
            for i in range(args.sessions):
                ctx = browser.new_context(viewport={"width": 1280, "height": 900})
                page = ctx.new_page()
                path = PAGES[i % len(PAGES)]
                page.goto(f"{base}/{path}?employees={30 + 7 * i}&projects={1 + i % 4}")
                _settle(page)
                pages.append(page)
            time.sleep(2)
            open_mb = tree_pss_mb(pid)
            print(f"server PSS with {args.sessions} sessions open: {open_mb:.0f} MB")
            share = pages[-1] if PAGES[(args.sessions - 1) % len(PAGES)] == "share" else pages[0]
            share.goto(f"{base}/share?employees=60&projects=2&company=Acme")
            _settle(share)
            share.get_by_text("Add the full appendix").click()
            _settle(share)
            sampler = Sampler(pid)
            sampler.start()
            times = []
            for _ in range(args.pdfs):
                t = time.perf_counter()
                with share.expect_download(timeout=60_000) as dl:
                    share.get_by_role("button", name="PDF report").click()
                data = Path(dl.value.path()).read_bytes()
                times.append(time.perf_counter() - t)
                assert data[:5] == b"%PDF-"
            sampler.stop_flag.set()
            sampler.join()
            print(
                f"server PSS peak while {args.pdfs} PDFs (appendix included) were made: "
                f"{sampler.peak:.0f} MB; click to download: median {statistics.median(times):.2f} s "
                f"(runs {', '.join(f'{t:.2f}' for t in times)}); the first is made, the others "
                "come from the shared cache"
            )
            browser.close()


if __name__ == "__main__":
    main()
