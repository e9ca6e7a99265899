"""Finished PDFs shared between sessions, and a cool-down so that one visitor cannot keep the CPU
busy making them.

- A PDF is kept under its key (scenario, brand, options, date): a second session asking for the
  same report gets the same bytes without making it again. At most ``MAX_ENTRIES`` PDFs and
  ``MAX_BYTES`` in all, the least recently used dropped first.
- One PDF is made at a time in this process (each takes well under a second): a burst from many
  sessions is served in turn, and two sessions asking for the same PDF at once make it once.
- A session that asks for a PDF nobody has made yet within ``COOL_DOWN_S`` of its last one waits
  out the rest of the cool-down first: a script pressing the button in a loop makes at most one PDF
  every ``COOL_DOWN_S`` and slows only itself.

No Streamlit here: the caller passes who is asking (the session's id).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable

MAX_ENTRIES = 24
MAX_BYTES = 24 * 1024 * 1024
COOL_DOWN_S = 2.0
MAX_WAIT_S = 30.0  # past this, a request waiting for the maker is told to try again

_made: OrderedDict[Hashable, bytes] = OrderedDict()
_last_by_session: OrderedDict[str, float] = OrderedDict()
_state = threading.Lock()  # guards the two dicts
_maker = threading.Lock()  # one PDF made at a time
stats = {"made": 0, "shared": 0, "waited_s": 0.0}


class Busy(RuntimeError):
    """The maker stayed busy for ``MAX_WAIT_S``."""


def clear() -> None:
    with _state:
        _made.clear()
        _last_by_session.clear()
        stats.update(made=0, shared=0, waited_s=0.0)


def _get(key: Hashable) -> bytes | None:
    with _state:
        data = _made.get(key)
        if data is not None:
            _made.move_to_end(key)
            stats["shared"] += 1
        return data


def _put(key: Hashable, data: bytes) -> None:
    with _state:
        _made[key] = data
        _made.move_to_end(key)
        while len(_made) > MAX_ENTRIES or (
            len(_made) > 1 and sum(len(v) for v in _made.values()) > MAX_BYTES
        ):
            _made.popitem(last=False)


def shared_pdf(key: Hashable, make: Callable[[], bytes], session: str = "") -> bytes:
    """The PDF under ``key``: from the cache, or made by ``make()`` (one at a time, after this
    ``session``'s cool-down). Raises ``Busy`` when the maker stays taken for ``MAX_WAIT_S``."""
    data = _get(key)
    if data is not None:
        return data
    with _state:
        last = _last_by_session.get(session)
    if session and last is not None:
        wait = COOL_DOWN_S - (time.monotonic() - last)
        if wait > 0:
            stats["waited_s"] += wait
            time.sleep(wait)
    if not _maker.acquire(timeout=MAX_WAIT_S):
        raise Busy("The server is making other reports; try again in a minute")
    try:
        data = _get(key)  # made by another session while this one waited
        if data is None:
            data = make()
            _put(key, data)
            with _state:
                stats["made"] += 1
                if session:
                    _last_by_session[session] = time.monotonic()
                    _last_by_session.move_to_end(session)
                    while len(_last_by_session) > 1000:
                        _last_by_session.popitem(last=False)
        return data
    finally:
        _maker.release()
