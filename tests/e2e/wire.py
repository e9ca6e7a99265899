"""A visitor without a browser: Streamlit's own websocket messages and HTTP, as a script would send
them. Used by tests/e2e/test_attacks.py and benchmarks/bench_attacks.py to replay attacks on a
real server and to time another visitor's page meanwhile."""

from __future__ import annotations

import asyncio
import json
import time
import uuid

import requests
import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg


class Visitor:
    """One browser tab: a websocket session on ``base`` (``http://127.0.0.1:PORT``)."""

    def __init__(self, base: str) -> None:
        self.base = base.rstrip("/")
        self.http = requests.Session()
        self.http.get(self.base + "/_stcore/health", timeout=30)  # sets the XSRF cookie
        self.xsrf = self.http.cookies.get("_streamlit_xsrf") or ""
        self.ws = None
        self.session_id = ""
        self.page_hash = ""
        self.pages: dict[str, str] = {}  # url path -> page script hash
        self.texts: list[str] = []  # markdown and alert bodies of the last run
        self.alerts: list[str] = []  # the alerts (st.warning, st.error...) of the last run
        self.issued: list[tuple[str, str]] = []  # (file id, upload url)
        self.widgets: dict[str, str] = {}  # label (or element kind) -> widget id

    async def connect(self) -> None:
        url = self.base.replace("http", "ws", 1) + "/_stcore/stream"
        cookie = "; ".join(f"{k}={v}" for k, v in self.http.cookies.items())
        self.ws = await websockets.connect(
            url,
            subprotocols=["streamlit", self.xsrf] if self.xsrf else ["streamlit"],
            additional_headers={"Origin": self.base, "Cookie": cookie},
            max_size=2**26,
            open_timeout=30,
        )

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()

    async def send(self, msg: BackMsg) -> None:
        await self.ws.send(msg.SerializeToString())

    async def rerun(self, query: str = "", page: str = "", widgets=None, timeout=60.0) -> float:
        """Run a page (``page`` = its URL path, "" for the first one) and wait for the run to
        finish; returns the seconds it took. ``widgets`` are WidgetState protos to send."""
        msg = BackMsg()
        cs = msg.rerun_script
        cs.query_string = query
        cs.page_name = page
        if page in self.pages:
            cs.page_script_hash = self.pages[page]
        cs.context_info.url = f"{self.base}/{page}?{query}"
        cs.context_info.timezone = "UTC"
        for w in widgets or ():
            cs.widget_states.widgets.append(w)
        t0 = time.perf_counter()
        await self.send(msg)
        await self.until_finished(timeout)
        return time.perf_counter() - t0

    async def until_finished(self, timeout: float = 60.0) -> None:
        self.texts, self.alerts = [], []
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("the run did not finish")
            raw = await asyncio.wait_for(self.ws.recv(), left)
            fwd = ForwardMsg()
            fwd.ParseFromString(raw)
            kind = fwd.WhichOneof("type")
            if kind == "new_session":
                ns = fwd.new_session
                self.session_id = ns.initialize.session_id or self.session_id
                self.page_hash = ns.page_script_hash
                for p in ns.app_pages:
                    self.pages[p.url_pathname] = p.page_script_hash
            elif kind == "delta":
                self.texts.append(_text(fwd))
                el = fwd.delta.new_element
                if el.WhichOneof("type") == "alert":
                    self.alerts.append(el.alert.body)
                if el.WhichOneof("type"):
                    sub = getattr(el, el.WhichOneof("type"))
                    wid = getattr(sub, "id", "")
                    if wid:
                        self.widgets[getattr(sub, "label", "") or el.WhichOneof("type")] = wid
            elif kind == "navigation":  # st.navigation's pages
                for p in fwd.navigation.app_pages:
                    self.pages[p.url_pathname] = p.page_script_hash
            elif kind == "file_urls_response":
                self.issued += [(u.file_id, u.upload_url) for u in fwd.file_urls_response.file_urls]
            elif kind == "script_finished":
                return

    async def ask_upload_urls(self, n: int) -> list[tuple[str, str]]:
        msg = BackMsg()
        msg.file_urls_request.request_id = uuid.uuid4().hex
        msg.file_urls_request.session_id = self.session_id
        msg.file_urls_request.file_names.extend(f"f{i}.json" for i in range(n))
        before = len(self.issued)
        await self.send(msg)
        deadline = time.monotonic() + 20
        while len(self.issued) < before + n and time.monotonic() < deadline:
            raw = await asyncio.wait_for(self.ws.recv(), 20)
            fwd = ForwardMsg()
            fwd.ParseFromString(raw)
            if fwd.WhichOneof("type") == "file_urls_response":
                self.issued += [(u.file_id, u.upload_url) for u in fwd.file_urls_response.file_urls]
        return self.issued[before:]

    def put(self, file_id: str, data: bytes, name: str = "f.json") -> int:
        url = f"{self.base}/_stcore/upload_file/{self.session_id}/{file_id}"
        r = self.http.put(
            url,
            files={"file": (name, data, "application/json")},
            headers={"X-Xsrftoken": self.xsrf, "Origin": self.base},
            timeout=30,
        )
        return r.status_code

    async def clear_cache(self) -> None:
        msg = BackMsg()
        msg.clear_cache = True
        await self.send(msg)


def _text(fwd: ForwardMsg) -> str:
    el = fwd.delta.new_element
    kind = el.WhichOneof("type")
    if kind == "markdown":
        return el.markdown.body
    if kind == "alert":
        return el.alert.body
    if kind == "exception":
        return "EXCEPTION " + el.exception.type + " " + el.exception.message
    return ""


def double_widget(widget_id: str, values: list[float]):
    """A WidgetState carrying numbers (a slider's value)."""
    from streamlit.proto.WidgetStates_pb2 import WidgetState  # noqa: PLC0415

    w = WidgetState()
    w.id = widget_id
    w.double_array_value.data.extend(values)
    return w


def json_widget(widget_id: str, value: dict):
    """A WidgetState carrying a JSON value (the data editor's edits)."""
    from streamlit.proto.WidgetStates_pb2 import WidgetState  # noqa: PLC0415

    w = WidgetState()
    w.id = widget_id
    w.string_value = json.dumps(value)
    return w
