"""What one visitor may make the server hold or do, enforced before Streamlit sees the request.

:class:`Shield` is ASGI middleware, handed to ``st.App(..., middleware=...)`` in app.py (Streamlit
runs the app's middleware before its own). It reads Streamlit's public messages (``BackMsg``,
``ForwardMsg``) and never patches Streamlit's classes:

* **Uploads.** A file may be put only at an address the server handed out to that session for an
  upload (``file_urls_response``); any other file id is refused (403), so a script cannot fill the
  server with files no widget asked for. A session holds at most :data:`MAX_FILES` files and
  :data:`MAX_SESSION_BYTES` bytes, and all sessions together :data:`MAX_TOTAL_BYTES` (uploads under
  way counted at the largest size allowed); past a bound the server answers 429 or 503 before it
  reads the body. Before: 400 files of 1 MB from one session took the server from 326 to 706 MB.
* **Clearing the caches.** A ``clear_cache`` message from a browser would empty every visitor's
  cached results (``st.cache_data``, ``st.cache_resource``) and the start-up's warm results, and
  reset the sender's session; the app offers no such button, so the message is dropped here.
* **Widget values of the wrong kind.** A number input sent a list (or a select box a number)
  fails inside Streamlit before the script runs, where no guard of the app reaches, and again on
  every rerun of that session. The app's own widgets' values must be of their kind
  (:data:`WIDGET_VALUES`, by key); one that is not is left out of the message.
* **Metrics.** ``/_stcore/metrics`` would list the active sessions and the app's cached function
  names and timings: it answers 404.
"""

from __future__ import annotations

import logging
from collections import OrderedDict, defaultdict
from urllib.parse import urlsplit

LOG = logging.getLogger("vcio.shield")

MAX_FILES = 6  # files one session may hold: the app has three uploaders, one file each
MAX_SESSION_BYTES = 4 * 1024 * 1024  # their bytes together (one file is at most 1 MB)
MAX_TOTAL_BYTES = 64 * 1024 * 1024  # every session's uploads together
MAX_ISSUED = 64  # upload addresses remembered per session (the oldest forgotten first)
ONE_FILE_BYTES = 1024 * 1024  # server.maxUploadSize (MB) in .streamlit/config.toml
UPLOAD = "/_stcore/upload_file/"
STREAM = "/_stcore/stream"
METRICS = "/_stcore/metrics"


class Ledger:
    """Upload addresses handed out per session, and uploads under way (one event loop: no locks)."""

    def __init__(self) -> None:
        self.issued: dict[str, OrderedDict[str, None]] = defaultdict(OrderedDict)
        self.in_flight: dict[str, int] = defaultdict(int)

    def issue(self, session_id: str, file_id: str) -> None:
        ids = self.issued[session_id]
        ids[file_id] = None
        while len(ids) > MAX_ISSUED:
            ids.popitem(last=False)

    def was_issued(self, session_id: str, file_id: str) -> bool:
        return file_id in self.issued.get(session_id, ())

    def forget(self, session_ids) -> None:
        for sid in session_ids:
            self.issued.pop(sid, None)
            self.in_flight.pop(sid, None)


LEDGER = Ledger()


def held_files() -> dict[str, tuple[int, int]]:
    """Files the server holds now: session id -> (count, bytes). Empty outside a server."""
    try:
        from streamlit import runtime  # noqa: PLC0415

        storage = runtime.get_instance().uploaded_file_mgr.file_storage
        return {
            sid: (len(files), sum(len(f.data) for f in list(files.values())))
            for sid, files in list(storage.items())
        }
    except Exception:  # noqa: BLE001 - no runtime (tests) or another file manager: no files
        return {}


def upload_refusal(session_id: str, file_id: str, held: dict[str, tuple[int, int]]) -> tuple:
    """(status, reason) for a PUT of an upload, or () when it may go ahead."""
    if not LEDGER.was_issued(session_id, file_id):
        return 403, "This upload was not asked for by the page."
    count, size = held.get(session_id, (0, 0))
    pending = LEDGER.in_flight.get(session_id, 0)
    if count + pending >= MAX_FILES:
        return 429, f"At most {MAX_FILES} files per visit; remove one first."
    if size + (pending + 1) * ONE_FILE_BYTES > MAX_SESSION_BYTES:
        return 429, f"At most {MAX_SESSION_BYTES // 2**20} MB of files per visit."
    total = sum(b for _, b in held.values()) + sum(LEDGER.in_flight.values()) * ONE_FILE_BYTES
    if total + ONE_FILE_BYTES > MAX_TOTAL_BYTES:
        return 503, "The server holds too many uploaded files just now; try again in a minute."
    return ()


_NUMBER = frozenset({"int_value", "double_value"})
_NUMBERS = frozenset({"double_array_value"})
_TEXT = frozenset({"string_value"})
_CHOICES = frozenset({"string_array_value"})
WIDGET_VALUES = {  # the app's widget keys -> the kinds of value Streamlit reads for them
    "in_employees_typed": _NUMBER,
    "shown_in_downtime": _NUMBER,
    "shown_in_sites": _NUMBER,
    "shown_in_revenue": _NUMBER,
    "in_projects": _NUMBERS,
    "in_years": _NUMBERS,
    "shown_in_rate_pct": _NUMBERS,
    "in_employees": _CHOICES,
    "in_size": _CHOICES,
    "in_company": _TEXT,
    "in_preset": _TEXT,
    "edit_sales_passphrase": _TEXT,
    "edit_saved_pick": _TEXT,
    "edit_projects": _TEXT,  # edit_projects_<n>, the project editor
}


def widget_key(widget_id: str) -> str:
    """The app's key in a widget id (``$$ID-<hash>-in_years`` -> ``in_years``; the project
    editor's ``edit_projects_3`` -> ``edit_projects``), "" for a widget without a key."""
    if not widget_id.startswith("$$ID-"):
        return ""
    key = widget_id.split("-", 2)[-1]
    head, _, tail = key.rpartition("_")
    return head if head == "edit_projects" and tail.isdigit() else key


def screen(data: bytes) -> tuple[str | None, bytes]:
    """A browser message's kind (``rerun_script``, ``clear_cache``..., None if unreadable) and
    the message to pass on: unchanged, or without widget values of the wrong kind."""
    from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: PLC0415

    msg = BackMsg()
    try:
        msg.ParseFromString(data)
    except Exception:  # noqa: BLE001 - Streamlit itself refuses it and closes the connection
        return None, data
    kind = msg.WhichOneof("type")
    if kind != "rerun_script":
        return kind, data
    widgets = msg.rerun_script.widget_states.widgets
    bad = [
        w for w in widgets
        if w.WhichOneof("value") not in WIDGET_VALUES.get(widget_key(w.id), (w.WhichOneof("value"),))
    ]  # fmt: skip
    if not bad:
        return kind, data
    LOG.warning("left out %d widget values of the wrong kind", len(bad))
    keep = [w for w in widgets if w not in bad]
    del widgets[:]
    widgets.extend(keep)
    return kind, msg.SerializeToString()


def issued_urls(data: bytes) -> list[tuple[str, str]]:
    """(session id, file id) of every upload address in a server message (none in most)."""
    if len(data) > 16_384 or UPLOAD.encode() not in data:
        return []
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: PLC0415

    msg = ForwardMsg()
    try:
        msg.ParseFromString(data)
    except Exception:  # noqa: BLE001
        return []
    if msg.WhichOneof("type") != "file_urls_response":
        return []
    out = []
    for urls in msg.file_urls_response.file_urls:
        parts = urlsplit(urls.upload_url).path.split(UPLOAD, 1)[-1].split("/")
        if len(parts) == 2:
            out.append((parts[0], parts[1]))
    return out


async def _answer(send, status: int, text: str) -> None:
    body = text.encode()
    headers = [(b"content-type", b"text/plain; charset=utf-8"),
               (b"content-length", str(len(body)).encode())]  # fmt: skip
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class Shield:
    """ASGI middleware: see the module's docstring."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        path = scope.get("path", "")
        if scope["type"] == "http":
            if path.rstrip("/").endswith(METRICS):
                await _answer(send, 404, "Not found")
                return
            if UPLOAD in path and scope.get("method") == "PUT":
                await self._upload(scope, receive, send, path)
                return
        elif scope["type"] == "websocket" and path.rstrip("/").endswith(STREAM):
            await self._stream(scope, receive, send)
            return
        await self.app(scope, receive, send)

    async def _upload(self, scope, receive, send, path: str) -> None:
        parts = path.split(UPLOAD, 1)[-1].strip("/").split("/")
        sid, fid = (parts + ["", ""])[:2]
        refusal = upload_refusal(sid, fid, held_files())
        if refusal:
            LOG.warning("upload refused (%s): %s", refusal[0], refusal[1])
            await _answer(send, *refusal)
            return
        LEDGER.in_flight[sid] += 1
        try:
            await self.app(scope, receive, send)
        finally:
            LEDGER.in_flight[sid] = max(0, LEDGER.in_flight.get(sid, 1) - 1)

    async def _stream(self, scope, receive, send) -> None:
        sessions: set[str] = set()

        async def guarded_receive():
            while True:
                message = await receive()
                data = message.get("bytes") if message["type"] == "websocket.receive" else None
                if not data:
                    return message
                kind, passed = screen(data)
                if kind == "clear_cache":
                    LOG.warning("a browser asked to clear every cache; ignored")
                    continue
                return message if passed is data else {**message, "bytes": passed}

        async def watched_send(message):
            data = message.get("bytes") if message["type"] == "websocket.send" else None
            if data:
                for sid, fid in issued_urls(data):
                    sessions.add(sid)
                    LEDGER.issue(sid, fid)
            await send(message)

        try:
            await self.app(scope, guarded_receive, watched_send)
        finally:
            LEDGER.forget(sessions)
