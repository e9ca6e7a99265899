"""HTML to PDF with headless Chromium, bounded: how many at once, how much memory, how long.

A PDF is the one place where the server starts a browser on a visitor's content (the report holds
their company name, projects and their brand's logo). So every print here:

- waits for a free place: at most ``MAX_JOBS`` prints at once in this server process (1 by
  default, ``VCIO_PDF_JOBS`` up to 2); past a short wait the visitor is told the printer is busy
  and to try again in a minute, instead of a queue that grows without bound;
- runs Chromium in its own process group, watched every ``POLL_S`` seconds: the memory of the whole
  process tree (proportional set size from /proc, so shared libraries are not counted once per
  process) is capped at ``MEMORY_CAP_MB`` (``VCIO_PDF_MEMORY_MB``) and the wall time at
  ``TIMEOUT_S``; past either, the group is killed (RLIMIT_AS cannot be used: Chromium reserves
  terabytes of address space at start);
- logs Chromium's stderr server-side (logger ``vcio.pdf``) and never shows it to the user: the
  messages raised here are one plain line;
- keeps Chromium's sandbox, unless this process runs as root (Chromium refuses to start its
  sandbox as root) or ``VCIO_PDF_NO_SANDBOX=1`` says the host has none (containers without user
  namespaces).

No Streamlit here; ``reports.pdf_report`` and the command line's ``report --format pdf`` call
``html_to_pdf``.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from pathlib import Path

log = logging.getLogger("vcio.pdf")

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
PAPER_SIZES = {"letter": "Letter", "a4": "A4"}  # the app's choice -> CSS @page size
DEFAULT_PAPER = "letter"
TIMEOUT_S = 60.0
BUSY_WAIT_S = 3.0
POLL_S = 0.05
BUSY_MESSAGE = "The server is printing another PDF; try again in a minute"


def _env_int(name: str, default: int, low: int, high: int) -> int:
    try:
        return min(high, max(low, int(os.environ.get(name, default))))
    except ValueError:
        return default


MAX_JOBS = _env_int("VCIO_PDF_JOBS", 1, 1, 2)
MEMORY_CAP_MB = _env_int("VCIO_PDF_MEMORY_MB", 1536, 256, 8192)
_slots = threading.BoundedSemaphore(MAX_JOBS)


class PdfError(RuntimeError):
    """No PDF: one plain line saying why (never Chromium's own output)."""


class PdfBusy(PdfError):
    """Every print slot of this server is taken; try again shortly."""


def chromium_path() -> str | None:
    """Chromium to print with. ``VCIO_CHROMIUM`` = a path uses only that one; ``none`` turns PDF
    off (for a server that should not start browsers)."""
    env = os.environ.get("VCIO_CHROMIUM", "").strip()
    if env.lower() in ("none", "off", "0"):
        return None
    candidates = [env] if env else [*CHROMIUM_CANDIDATES, shutil.which("chromium")]
    for cand in candidates:
        if cand and os.path.isfile(cand) and os.access(cand, os.X_OK):
            return cand
    return None


def sandbox_flags() -> list[str]:
    """``--no-sandbox`` only where the sandbox cannot run: as root, or when the host says so."""
    if os.geteuid() == 0 or os.environ.get("VCIO_PDF_NO_SANDBOX", "") == "1":
        return ["--no-sandbox"]
    return []


def _with_paper(page: str, paper: str) -> str:
    """The page with a last ``@page`` rule setting the paper size (later rules win in CSS)."""
    rule = f"<style>@page{{size:{PAPER_SIZES[paper]}}}</style>"
    at = page.lower().rfind("</head>")
    return page[:at] + rule + page[at:] if at >= 0 else rule + page


# ---------------------------------------------------------------------------------- process tree
def _children_map() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry.name}/stat").read_text()
        except OSError:
            continue
        # pid (comm) state ppid ...: comm may hold spaces and parentheses, so split after the last ")"
        fields = stat[stat.rfind(")") + 2 :].split()
        kids.setdefault(int(fields[1]), []).append(int(entry.name))
    return kids


def process_tree(root: int) -> list[int]:
    """``root`` and every process descended from it (Chromium's zygote and renderers)."""
    kids, out, todo = _children_map(), [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(kids.get(pid, ()))
    return out


_PAGE = os.sysconf("SC_PAGE_SIZE")


def _memory(pid: int) -> int:
    """Bytes of memory a process holds: PSS when the kernel reports it, else RSS."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * _PAGE
    except (OSError, ValueError, IndexError):
        return 0


def tree_memory(root: int) -> int:
    return sum(_memory(p) for p in process_tree(root))


def _kill_tree(proc: subprocess.Popen) -> None:
    pids = process_tree(proc.pid)
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except OSError:
        pass
    for pid in pids:  # any that left the group
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
    proc.wait()


# ---------------------------------------------------------------------------------- printing
def html_to_pdf(
    page: str,
    *,
    paper: str = DEFAULT_PAPER,
    timeout: float = TIMEOUT_S,
    memory_cap_mb: int | None = None,
    stats: dict | None = None,
) -> bytes:
    """The HTML ``page`` printed to PDF on ``paper`` ("letter" or "a4").

    Raises ``PdfBusy`` when every slot stays taken for ``BUSY_WAIT_S`` and ``PdfError`` when
    Chromium is missing, is stopped (memory or time) or makes no PDF. ``stats``, when given, gets
    ``peak_bytes`` (the process tree's highest measured memory), ``seconds`` and ``outcome``.
    """
    if paper not in PAPER_SIZES:
        raise PdfError(f"paper must be one of {', '.join(PAPER_SIZES)}, got {str(paper)[:20]!r}")
    chromium = chromium_path()
    if not chromium:
        raise PdfError("PDF needs Chromium, which is not installed on this server")
    cap = (memory_cap_mb or MEMORY_CAP_MB) * 1024 * 1024
    if not _slots.acquire(timeout=BUSY_WAIT_S):
        raise PdfBusy(BUSY_MESSAGE)
    try:
        return _print(chromium, _with_paper(page, paper), timeout, cap, stats)
    finally:
        _slots.release()


def _print(chromium: str, page: str, timeout: float, cap: int, stats: dict | None) -> bytes:
    stats = stats if stats is not None else {}
    with tempfile.TemporaryDirectory(prefix="vcio-pdf-") as tmp:
        src, out, err = Path(tmp, "report.html"), Path(tmp, "report.pdf"), Path(tmp, "stderr.txt")
        src.write_text(page, encoding="utf-8", errors="replace")
        cmd = [
            chromium,
            "--headless",
            *sandbox_flags(),
            "--disable-gpu",
            "--no-pdf-header-footer",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-quic",
            "--disable-extensions",
            "--mute-audio",
            f"--user-data-dir={tmp}/profile",
            "--run-all-compositor-stages-before-draw",
            "--virtual-time-budget=15000",
            f"--print-to-pdf={out}",
            src.as_uri(),
        ]
        start, peak, outcome = time.monotonic(), 0, "ok"
        with err.open("wb") as err_file:
            try:
                proc = subprocess.Popen(
                    cmd,
                    stdin=subprocess.DEVNULL,
                    stdout=err_file,
                    stderr=err_file,
                    start_new_session=True,  # its own process group, killed as one
                )
            except OSError as e:
                log.warning("Chromium %s could not start: %s", chromium, e)
                raise PdfError("Chromium could not start on this server") from None
            try:
                while proc.poll() is None:
                    peak = max(peak, tree_memory(proc.pid))
                    if peak > cap:
                        outcome = "memory"
                        break
                    if time.monotonic() - start > timeout:
                        outcome = "timeout"
                        break
                    time.sleep(POLL_S)
            finally:
                if proc.poll() is None or outcome != "ok":
                    _kill_tree(proc)
                else:  # Chromium exited: stop anything it left behind in its group
                    try:
                        os.killpg(proc.pid, signal.SIGKILL)
                    except OSError:
                        pass
        seconds = time.monotonic() - start
        stats.update(peak_bytes=peak, seconds=round(seconds, 2), outcome=outcome)
        tail = _tail(err)
        if outcome == "memory":
            log.warning("PDF stopped at %d MB (cap %d MB): %s", peak >> 20, cap >> 20, tail)
            raise PdfError(
                f"The PDF needed more memory than this server allows for one report "
                f"({cap >> 20} MB) and was stopped; a complex logo or picture can cause this"
            )
        if outcome == "timeout":
            log.warning("PDF stopped after %.0f s: %s", seconds, tail)
            raise PdfError(f"The PDF took longer than {timeout:g} s and was stopped")
        if not out.exists() or out.stat().st_size == 0:
            stats["outcome"] = "no pdf"
            log.warning("Chromium exited %s without a PDF: %s", proc.returncode, tail)
            raise PdfError(f"Chromium made no PDF (exit status {proc.returncode})")
        log.debug("PDF in %.1f s, peak %d MB", seconds, peak >> 20)
        return out.read_bytes()


def _tail(path: Path, lines: int = 20) -> str:
    try:
        text = path.read_bytes()[-8000:].decode("utf-8", "replace")
    except OSError:
        return ""
    return re.sub(r"\s*\n\s*", " | ", "\n".join(text.strip().splitlines()[-lines:]))
