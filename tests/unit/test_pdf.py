"""The bounded PDF runner (vcio_app/pdf.py) with the real Chromium: paper, busy, time and memory.

The memory test is benchmark-style: a sampler independent of the runner's own watchdog (it finds
Chromium by the temporary folder in its command line and adds up each process's PSS) records the
peak while a page holding a nested-<use> SVG bomb is printed (the brand parser refuses such a
logo, so this checks the runner itself); the test fails if that peak passes the cap by more than
one sampling step's growth or if the print is not over within the time allowed.
"""

from __future__ import annotations

import os
import re
import tempfile
import threading
import time
from pathlib import Path

import pytest

from vcio_app.reports import printer as pdf

pytestmark = pytest.mark.skipif(not pdf.chromium_path(), reason="Chromium is not installed")

SIMPLE = "<!DOCTYPE html><html><head><title>t</title></head><body><p>Hello</p></body></html>"


def use_bomb(levels: int = 11, fan: int = 10) -> str:
    """An SVG of nested <use> elements: ``fan ** (levels - 1)`` rectangles from 2.6 kB."""
    parts = ['<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60"><defs>']
    parts.append('<g id="l0"><rect width="1" height="1" fill="red"/></g>')
    for i in range(1, levels):
        parts.append(f'<g id="l{i}">' + f'<use href="#l{i - 1}"/>' * fan + "</g>")
    parts.append(f'</defs><use href="#l{levels - 1}"/></svg>')
    return "".join(parts)


def _media_boxes(data: bytes) -> set[tuple[int, int]]:
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data)
    return {(round(float(w)), round(float(h))) for w, h in boxes}


@pytest.fixture(autouse=True)
def own_temp(tmp_path, monkeypatch):
    """The runner's temporary folder under this test's own: its Chromium is told apart from any
    other test's (other worktrees print PDFs on this machine too)."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


def _runner_pids() -> list[int]:
    """Processes started by the runner in this test: their command line names its folder."""
    out, mark = [], f"{tempfile.gettempdir()}/vcio-pdf-".encode()
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                if mark in Path(entry.path, "cmdline").read_bytes():
                    out.append(int(entry.name))
            except OSError:
                pass
    return out


def _pss(pid: int) -> int:
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    m = re.search(r"^Pss:\s+(\d+) kB", text, re.M)
    return int(m.group(1)) * 1024 if m else 0


def test_letter_by_default_and_a4_on_request():
    letter = pdf.html_to_pdf(SIMPLE)
    a4 = pdf.html_to_pdf(SIMPLE, paper="a4")
    assert letter.startswith(b"%PDF") and a4.startswith(b"%PDF")
    assert _media_boxes(letter) == {(612, 792)}  # 8.5 x 11 in, in points
    assert _media_boxes(a4) == {(595, 842)}  # 210 x 297 mm
    with pytest.raises(pdf.PdfError, match="paper must be one of letter, a4"):
        pdf.html_to_pdf(SIMPLE, paper="legal")


def test_a_second_print_is_told_busy_while_every_slot_is_taken(monkeypatch):
    monkeypatch.setattr(pdf, "BUSY_WAIT_S", 0.2)
    taken = [pdf._slots.acquire(timeout=30) for _ in range(pdf.MAX_JOBS)]
    try:
        assert all(taken)
        start = time.monotonic()
        with pytest.raises(pdf.PdfBusy, match="try again in a minute"):
            pdf.html_to_pdf(SIMPLE)
        assert time.monotonic() - start < 2
    finally:
        for _ in taken:
            pdf._slots.release()
    assert pdf.html_to_pdf(SIMPLE).startswith(b"%PDF")  # the slot is free again


def test_two_prints_at_once_one_runs_the_other_waits_or_is_busy(monkeypatch):
    monkeypatch.setattr(pdf, "BUSY_WAIT_S", 0.1)
    slow = SIMPLE.replace(
        "<p>", "<script>const t=Date.now();while(Date.now()-t<3000){}</script><p>"
    )
    results: list[str] = []

    def run():
        try:
            pdf.html_to_pdf(slow, timeout=30)
            results.append("pdf")
        except pdf.PdfBusy:
            results.append("busy")

    threads = [threading.Thread(target=run) for _ in range(pdf.MAX_JOBS + 1)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(results) == ["busy"] + ["pdf"] * pdf.MAX_JOBS


def test_a_page_that_never_finishes_is_killed_at_the_time_limit():
    hang = SIMPLE.replace("<p>", "<script>while(true){}</script><p>")
    stats: dict = {}
    start = time.monotonic()
    with pytest.raises(pdf.PdfError, match=r"took longer than 3 s and was stopped") as e:
        pdf.html_to_pdf(hang, timeout=3, stats=stats)
    assert time.monotonic() - start < 10 and stats["outcome"] == "timeout"
    assert "ERROR" not in str(e.value) and "[" not in str(e.value)  # no Chromium stderr
    assert _runner_pids() == []  # the whole process group is gone


def test_use_bomb_logo_is_stopped_under_the_memory_cap():
    cap_mb = 700  # a normal report peaks near 470 MB (PSS of the tree)
    page = f"<!DOCTYPE html><html><head></head><body>{use_bomb()}<p>x</p></body></html>"
    peak, done = [0], threading.Event()

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], sum(_pss(p) for p in _runner_pids()))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample)
    sampler.start()
    stats: dict = {}
    start = time.monotonic()
    try:
        with pytest.raises(pdf.PdfError, match=r"more memory than this server allows") as e:
            pdf.html_to_pdf(page, memory_cap_mb=cap_mb, timeout=60, stats=stats)
    finally:
        done.set()
        sampler.join()
    seconds = time.monotonic() - start
    print(f"bomb: stopped after {seconds:.1f} s, peak {peak[0] >> 20} MB (cap {cap_mb} MB)")
    assert stats["outcome"] == "memory" and seconds < 30
    assert peak[0] < (cap_mb + 400) * 2**20, f"peak {peak[0] >> 20} MB"
    assert "dbus" not in str(e.value) and "ERROR" not in str(e.value)
    assert _runner_pids() == []


def test_no_sandbox_only_as_root(monkeypatch):
    monkeypatch.delenv("VCIO_PDF_NO_SANDBOX", raising=False)
    assert pdf.sandbox_flags() == (["--no-sandbox"] if os.geteuid() == 0 else [])
    monkeypatch.setenv("VCIO_PDF_NO_SANDBOX", "1")
    assert pdf.sandbox_flags() == ["--no-sandbox"]


def test_a_report_whose_brand_slipped_a_bomb_past_the_parser_is_refused_in_time(monkeypatch):
    """The issue's case end to end: the report (charts and all) with a nested-<use> logo, as if
    the brand parser had let it through (it refuses it: tests/unit/test_images.py)."""
    import base64

    import vcio_model as vm
    from vcio_app import reports
    from vcio_app.brand import Brand

    monkeypatch.setattr(pdf, "MEMORY_CAP_MB", 900)
    logo = "data:image/svg+xml;base64," + base64.b64encode(use_bomb().encode()).decode()
    c = vm.compare(vm.Scenario(company="Acme"))
    start = time.monotonic()
    with pytest.raises(
        reports.ReportError, match=r"more memory than this server allows for one report \(900 MB\)"
    ):
        reports.pdf_report(c, Brand(msp_name="Bomb MSP", logo=logo))
    assert time.monotonic() - start < 40
    assert _runner_pids() == []
