"""Times every script run of the server that ``benchmarks/bench_load.py`` starts.

bench_load.py puts this folder on the server's PYTHONPATH and names a file in
``VCIO_LOAD_TIMINGS``; Python imports ``sitecustomize`` at start-up, and this wraps Streamlit's
``ScriptRunner._run_script`` to append one JSON line per run: when it ended (time.time()), its
wall time and the CPU time of its thread. Wall time much larger than CPU time means the run
waited, mostly for the GIL that every session's script thread shares. Without the variable this
does nothing. The app itself is not changed.
"""

from __future__ import annotations

import os

_PATH = os.environ.get("VCIO_LOAD_TIMINGS")

if _PATH:
    import json
    import threading
    import time

    from streamlit.runtime.scriptrunner import script_runner as _sr

    _lock = threading.Lock()
    _original = _sr.ScriptRunner._run_script

    def _timed_run_script(self, rerun_data):  # type: ignore[no-untyped-def]
        wall, cpu = time.perf_counter(), time.thread_time()
        try:
            return _original(self, rerun_data)
        finally:
            row = {
                "end": time.time(),
                "wall": time.perf_counter() - wall,
                "cpu": time.thread_time() - cpu,
            }
            with _lock, open(_PATH, "a", encoding="utf-8") as out:
                out.write(json.dumps(row) + "\n")

    _sr.ScriptRunner._run_script = _timed_run_script
