"""The server under test: its process, its memory and CPU, Streamlit's metrics, CPU pinning.

``serve_with_hooks`` starts ``streamlit run app.py`` through the e2e harness's ``serve`` with
load_hooks/ on the server's PYTHONPATH (each script run is timed); ``Sampler`` reads /proc every
second (the server's RSS, CPU by process group) and Streamlit's ``active_sessions`` every 5 s.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import subprocess
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .settings import CLK_TCK, HOOKS, ROOT, SCRIPT_TIMINGS, SERVER_LOG

# --- the server process ----------------------------------------------------------------------


@contextlib.contextmanager
def serve_with_hooks() -> Iterator[str]:
    """Start the app's server with load_hooks/ on its PYTHONPATH; yield its base URL, stop it after.

    serve() passes this process's environment on to the server, so the two variables are set for
    the start only and put back at once: Chromium, started later, does not get them.
    """
    from tests.e2e.conftest import serve

    SCRIPT_TIMINGS.unlink(missing_ok=True)
    saved_env = {k: os.environ.get(k) for k in ("PYTHONPATH", "VCIO_LOAD_TIMINGS")}
    os.environ["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(HOOKS), os.environ.get("PYTHONPATH")) if p
    )
    os.environ["VCIO_LOAD_TIMINGS"] = str(SCRIPT_TIMINGS)
    with serve(SERVER_LOG) as base_url:
        for k, v in saved_env.items():  # only the server gets them, not Chromium
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        yield base_url


def read_rss_kb(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def _stat(pid: int) -> tuple[int, int] | None:
    """(parent pid, utime + stime in ticks) from /proc/<pid>/stat."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = raw[raw.rfind(")") + 2 :].split()  # after "pid (comm) "
    return int(fields[1]), int(fields[11]) + int(fields[12])


def _comm(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return ""


def system_busy_ticks() -> tuple[int, int]:
    """(busy, total) ticks of all CPUs from /proc/stat."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    return sum(values) - idle, sum(values)


def find_server_pid(port: int) -> int:
    """The streamlit process that ``serve`` started: our child, listening on ``port``."""
    me = os.getpid()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        st = _stat(int(entry.name))
        if not st or st[0] != me:
            continue
        try:
            cmd = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"streamlit" in b" ".join(cmd) and str(port).encode() in cmd:
            return int(entry.name)
    raise RuntimeError(f"no streamlit child process on port {port}")


def metrics(base_url: str, *families: str) -> str:
    query = "&".join(f"families={f}" for f in families)
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(f"{base_url}/_stcore/metrics?{query}", timeout=5) as response:
        return response.read().decode()


def active_sessions(base_url: str) -> int | None:
    try:
        text = metrics(base_url, "active_sessions")
    except OSError:
        return None
    match = re.search(r"^active_sessions (\d+)", text, re.MULTILINE)
    return int(match.group(1)) if match else None


def cache_memory(base_url: str) -> dict[str, float]:
    """Streamlit's own estimate of what it holds (session state, st.cache_data ...), in MB."""
    try:
        text = metrics(base_url, "cache_memory_bytes")
    except OSError:
        return {}
    totals: dict[str, float] = {}
    for line in text.splitlines():
        m = re.match(r"cache_memory_bytes\{([^}]*)\} ([\d.e+]+)", line)
        if m:
            labels = dict(re.findall(r'(\w+)="([^"]*)"', m.group(1)))
            key = labels.get("cache_type", "?")
            totals[key] = totals.get(key, 0.0) + float(m.group(2)) / 2**20
    return totals


def git_commit() -> str:
    """The commit the served app comes from, and whether the working tree differs from it."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "app.py", "pages", "vcio_app", "vcio_model"],
            cwd=ROOT, capture_output=True, text=True,
        ).stdout.strip()  # fmt: skip
    except OSError:
        return "unknown (no git)"
    return f"{head or 'unknown'}" + (" with uncommitted changes to the app" if dirty else "")


def pin(server_pid: int, args: argparse.Namespace) -> None:
    """Every thread of the server to CPU 0 (threads it starts later inherit that); this thread,
    hence Playwright's driver and Chromium started from it, to the other CPUs."""
    cpus = sorted(os.sched_getaffinity(0))
    if len(cpus) < 2:
        print("--pin needs 2 CPUs; not pinned")
        args.pin = False
        return
    for task in Path(f"/proc/{server_pid}/task").iterdir():
        os.sched_setaffinity(int(task.name), {cpus[0]})
    os.sched_setaffinity(0, set(cpus[1:]))


# --- /proc sampling --------------------------------------------------------------------------


class Sampler(threading.Thread):
    """Every second: the server's RSS and the CPU ticks of every process group we care about."""

    def __init__(self, server_pid: int, base_url: str) -> None:
        super().__init__(daemon=True)
        self.server_pid = server_pid
        self.base_url = base_url
        self.phase = "cold"
        self.samples: list[dict[str, Any]] = []
        self._halt = threading.Event()
        # pid -> (group, first ticks seen, last ticks seen), per phase
        self.cpu: dict[str, dict[int, list[Any]]] = {}
        self.busy: dict[str, list[tuple[float, int, int]]] = {}
        self._last: dict[int, int] = {}  # pid -> ticks at the previous sample

    def stop(self) -> None:
        self._halt.set()
        self.join()

    def _group(self, pid: int, ppids: dict[int, int]) -> str | None:
        if pid == self.server_pid:
            return "server"
        if pid == os.getpid():
            return "this script"
        # our descendants: Playwright's node driver and the Chromium it started
        p, hops = pid, 0
        while p in ppids and hops < 20:
            p = ppids[p]
            hops += 1
            if p == os.getpid():
                return "Chromium" if "chrom" in _comm(pid).lower() else "Playwright driver"
        return None

    def run(self) -> None:
        sessions: int | None = None
        tick = 0
        while not self._halt.is_set():
            t = time.monotonic()
            ppids, ticks = {}, {}
            for entry in Path("/proc").iterdir():
                if entry.name.isdigit():
                    st = _stat(int(entry.name))
                    if st:
                        ppids[int(entry.name)], ticks[int(entry.name)] = st
            phase = self.phase
            per_phase = self.cpu.setdefault(phase, {})
            for pid, tk in ticks.items():
                if pid in per_phase:
                    per_phase[pid][2] = tk
                else:
                    group = self._group(pid, ppids)
                    if group:
                        per_phase[pid] = [group, tk, tk]
            busy, total = system_busy_ticks()
            rows = self.busy.setdefault(phase, [])
            prev = rows[-1] if rows else None
            rows.append((t, busy, total))
            # this second's CPU by group, % of one core
            second: dict[str, float] = {}
            for pid, (group, _, last) in per_phase.items():
                before = self._last.get(pid, last)
                second[group] = second.get(group, 0.0) + (last - before) / CLK_TCK * 100
            self._last = {pid: v[2] for pid, v in per_phase.items()}
            if prev:
                second["machine"] = (busy - prev[1]) / (total - prev[2]) * 100 * os.cpu_count()
            if tick % 5 == 0:
                sessions = active_sessions(self.base_url)
            rss = read_rss_kb(self.server_pid)
            self.samples.append(
                {
                    "t": t,
                    "phase": phase,
                    "rss_mb": (rss or 0) / 1024,
                    "sessions": sessions,
                    "cpu": {k: round(v) for k, v in second.items()},
                }
            )
            tick += 1
            self._halt.wait(max(0.0, 1.0 - (time.monotonic() - t)))

    def cpu_share(self, phase: str) -> dict[str, float]:
        """CPU used in ``phase`` by group, in % of one core; "other" = rest of the machine."""
        rows = self.busy.get(phase, [])
        if len(rows) < 2:
            return {}
        seconds = rows[-1][0] - rows[0][0]
        out: dict[str, float] = {}
        for group, first, last in self.cpu.get(phase, {}).values():
            out[group] = out.get(group, 0.0) + (last - first)
        out = {g: v / CLK_TCK / seconds * 100 for g, v in out.items()}
        machine = (rows[-1][1] - rows[0][1]) / (rows[-1][2] - rows[0][2]) * 100 * os.cpu_count()
        out["other processes"] = max(0.0, machine - sum(out.values()))
        out["whole machine"] = machine
        return out

    def saturation(self, phase: str) -> dict[str, float]:
        """Share of the phase's seconds in which the server used >= 90% of a core (one Python
        process runs the scripts under one GIL: about one core is its ceiling) and in which
        the machine used >= 190% of its 2 cores."""
        rows = [s["cpu"] for s in self.samples if s["phase"] == phase and "machine" in s["cpu"]]
        if not rows:
            return {}
        n = len(rows)
        return {
            "server": sum(r.get("server", 0) >= 90 for r in rows) / n * 100,
            "machine": sum(r["machine"] >= 0.95 * 100 * os.cpu_count() for r in rows) / n * 100,
        }

    def rss(self, phase: str) -> list[float]:
        return [s["rss_mb"] for s in self.samples if s["phase"] == phase and s["rss_mb"]]

    def sessions_seen(self, phase: str) -> list[int]:
        return [s["sessions"] for s in self.samples if s["phase"] == phase and s["sessions"]]
