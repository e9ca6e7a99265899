"""Times every script run of the server that ``benchmarks/bench_load.py`` starts.

bench_load.py (``serve_with_hooks`` in benchmarks/load/server.py) puts this folder on the
server's PYTHONPATH and names a file in ``VCIO_LOAD_TIMINGS``; Python imports ``sitecustomize`` at
start-up, and this wraps Streamlit's ``ScriptRunner._run_script`` to append one JSON line per
run: when it ended (time.time()), its wall time and the CPU time of its thread. Wall time much
larger than CPU time means the run waited, mostly for the GIL that every session's script thread
shares. Without the variable this does nothing. The app itself is not changed.

It also notes when each session's rerun request (BackMsg ``rerun_script``) reached the server; the
next script run of that session takes it, and its row gets ``request``: seconds from that request
to the end of the run (the server's part of what a user waits for; a run that a newer request
interrupts ends early, so this slightly flatters the rare interrupted request).
"""

from __future__ import annotations

import os

_PATH = os.environ.get("VCIO_LOAD_TIMINGS")

if _PATH:
    import json
    import threading
    import time

    from streamlit.runtime import app_session as _as
    from streamlit.runtime.scriptrunner import script_runner as _sr

    _lock = threading.Lock()
    _original = _sr.ScriptRunner._run_script
    _original_backmsg = _as.AppSession.handle_backmsg
    _requested: dict[str, float] = {}  # session id -> perf_counter() of its oldest waiting request

    def _noted_backmsg(self, msg):  # type: ignore[no-untyped-def]
        if msg.WhichOneof("type") == "rerun_script":
            _requested.setdefault(self.id, time.perf_counter())
        return _original_backmsg(self, msg)

    def _timed_run_script(self, rerun_data):  # type: ignore[no-untyped-def]
        wall, cpu = time.perf_counter(), time.thread_time()
        requested = _requested.pop(self._session_id, None)
        try:
            return _original(self, rerun_data)
        finally:
            end = time.perf_counter()
            row = {"end": time.time(), "wall": end - wall, "cpu": time.thread_time() - cpu}
            if requested is not None:
                row["request"] = end - requested
            with _lock, open(_PATH, "a", encoding="utf-8") as out:
                out.write(json.dumps(row) + "\n")

    _sr.ScriptRunner._run_script = _timed_run_script
    _as.AppSession.handle_backmsg = _noted_backmsg
