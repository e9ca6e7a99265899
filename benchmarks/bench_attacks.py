"""Another visitor's page time while one attacker runs issue 21's cases 1, 2 and 5.

Starts ``streamlit run app.py`` from ``--repo`` (default: this checkout) on a free port. A visitor
(tests/e2e/wire.py: Streamlit's own messages, no browser) switches between four pages at the
default scenario, the way a reader clicks through; each page time is from the request to the
end of its run. First with nobody else on the server (quiet), then while an attacker in another
process runs one case as fast as it can:

1. uploads: asks for 10 upload addresses and puts a 1 MB file at each, again and again;
2. paste: sends a 10,000-row paste into the project editor, again and again;
5. clear_cache: sends Streamlit's "clear every cache" message four times a second.

Prints each phase's median and its ratio to quiet (issue 21: within 1.5x), and the server's
memory (RSS) after each phase. ``--repo`` may point to an export of an older commit
(``git archive <commit> | tar -x -C /tmp/before``) to measure before and after on one machine.

    .venv/bin/python benchmarks/bench_attacks.py [--repo DIR] [--rounds 12]
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing as mp
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "e2e"))

from wire import Visitor, json_widget  # noqa: E402

PAGES = ("", "costs", "risk", "sensitivity")
SLOW = 30.0  # a page slower than this ends the phase (the server is taken)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _rss_mb(pid: int) -> float:
    try:
        out = subprocess.run(["ps", "-o", "rss=", "--ppid", str(pid), "-p", str(pid)],
                             capture_output=True, text=True, check=False).stdout  # fmt: skip
        return sum(int(x) for x in out.split()) / 1024
    except (OSError, ValueError):
        return float("nan")


async def _pages(base: str, rounds: int) -> list[float]:
    v = Visitor(base)
    await v.connect()
    times = []
    try:
        await v.rerun()
        for i in range(rounds):
            took = await v.rerun(page=PAGES[i % len(PAGES)], timeout=SLOW * 4)
            times.append(took)
            if took > SLOW:
                break
    finally:
        await v.close()
    return times


async def _attack(base: str, case: str, stop) -> None:
    v = Visitor(base)
    await v.connect()
    await v.rerun(page="projects" if case == "paste" else "")
    if case == "paste":
        rows = [{"name": f"P{i}", "size": "small", "budget": 1000, "start_year": 1}
                for i in range(10_000)]  # fmt: skip
        edits = {"edited_rows": {}, "added_rows": rows, "deleted_rows": []}
    while not stop.is_set():
        if case == "uploads":
            for fid, _ in await v.ask_upload_urls(10):
                await asyncio.to_thread(v.put, fid, b"x" * 1_000_000)
        elif case == "paste":
            widget = json_widget(v.widgets["dataframe"], edits)
            try:
                await v.rerun(page="projects", widgets=[widget], timeout=5)
            except TimeoutError:
                pass  # still applying the rows: send the next one anyway
        else:
            await v.clear_cache()
            await asyncio.sleep(0.25)


def _attacker(base: str, case: str, stop) -> None:
    try:
        asyncio.run(_attack(base, case, stop))
    except Exception as e:  # noqa: BLE001 - the server may drop the attacker
        print(f"  attacker ({case}) stopped: {type(e).__name__} {str(e)[:80]}", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repo", default=str(ROOT))
    ap.add_argument("--rounds", type=int, default=12)
    args = ap.parse_args()
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    log = open(Path("/tmp") / f"bench-attacks-{port}.log", "w")  # noqa: SIM115
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
         "--server.headless", "true"],
        cwd=args.repo, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(base + "/_stcore/health", timeout=2)  # noqa: S310
                break
            except OSError:
                time.sleep(0.5)
        asyncio.run(_pages(base, 4))  # first visits: imports and caches
        quiet = statistics.median(asyncio.run(_pages(base, args.rounds)))
        print(f"repo {args.repo}\nquiet: median {quiet * 1000:.0f} ms, "
              f"server {_rss_mb(proc.pid):.0f} MB", flush=True)  # fmt: skip
        for case in ("uploads", "paste", "clear_cache"):
            stop = mp.Event()
            attacker = mp.Process(target=_attacker, args=(base, case, stop), daemon=True)
            attacker.start()
            time.sleep(2)  # let the attack get going
            times = asyncio.run(_pages(base, args.rounds))
            stop.set()
            attacker.join(10)
            if attacker.is_alive():
                attacker.kill()
            med = statistics.median(times)
            print(f"{case}: median {med * 1000:.0f} ms over {len(times)} pages, "
                  f"{med / quiet:.2f}x quiet, max {max(times) * 1000:.0f} ms, "
                  f"server {_rss_mb(proc.pid):.0f} MB", flush=True)  # fmt: skip
            time.sleep(3)  # the server settles before the next case
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


if __name__ == "__main__":
    main()
