"""The hostile visitor of issue 13, replayed against the real server in the real browser.

* Autolinks: ``www.``, ``https://`` and ``user@host`` in every user-text field (the company in the
  verdict, a bad ``size`` in its warning, a project name in presentation mode's table, a saved
  scenario's name in its toast) never become a link; the text is shown as typed.
* Uploads over the cap: a PUT to /_stcore/upload_file larger than server.maxUploadSize is refused
  (413), with Content-Length and chunked; one under the cap is taken (the control).
* Bad brand files through the sales view's uploader: SVG bytes named PNG, a 15000 x 15000 PNG, a
  nested-<use> SVG bomb, a lone surrogate in the name, a colour with a trailing newline. Each is
  refused with its reason; the header, the verdict and the address bar stay; no app error.
* A rate card with one bad line: that line is named, the good one is applied.

The PDF runner's memory cap with the bomb itself is measured in tests/unit/test_pdf.py; the
command line's cases are in tests/unit/test_cli_hostile.py.
"""

from __future__ import annotations

import base64
import http.client
import io
import json
import struct
import zlib
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

import pytest
from playwright.sync_api import expect

import vcio_model as vm
from vcio_app import brand as br
from vcio_app.scenario import links as share

MB = 1024 * 1024
EVIL = ("www.evil.example/login", "https://evil.example/x", "user@evil.example")
PASSPHRASE = "hostile visitor test passphrase 7f3a"


def off_site_links(page) -> list[str]:
    """Every link on the page that leads to the attacker's host (or mails it)."""
    return page.evaluate(
        "[...document.querySelectorAll('a[href]')].map(a => a.href)"
        ".filter(h => /evil\\.example/i.test(h) && !h.startsWith(location.origin))"
    )


def main_text(page) -> str:
    return page.locator('[data-testid="stMainBlockContainer"]').inner_text().replace("\u2060", "")


# ---------------------------------------------------------------------------------- autolinks
@pytest.mark.parametrize("evil", EVIL)
def test_no_user_text_becomes_a_link(page, wait_for_app, screenshot, evil):
    page.goto("/?" + urlencode({"company": evil, "size": evil}, quote_via=quote))
    wait_for_app(page)
    text = main_text(page)
    assert f"For {evil} with" in text  # the verdict, as typed
    assert f"(got '{evil}')" in text  # the size warning quotes it
    assert off_site_links(page) == []
    if evil == EVIL[0]:
        screenshot(page, "hostile-autolink-verdict")

    s = share.encode_extra(vm.Scenario(projects=[vm.Project(name=f"See {evil}", size="small")]))
    page.goto("/projects?" + urlencode({"s": s, "present": "1"}))  # read-only st.table
    wait_for_app(page)
    expect(page.locator(".vcio-table").first).to_be_visible()
    assert f"See {evil}" in main_text(page)
    assert off_site_links(page) == []

    page.goto("/share")
    wait_for_app(page)
    page.get_by_role("textbox", name="Save as").fill(f"Plan {evil}")
    page.get_by_role("button", name="Save current scenario").click()
    toast = page.locator('[data-testid="stToast"]')
    expect(toast).to_contain_text("Saved as")
    assert f"Plan {evil}" in toast.inner_text().replace("\u2060", "")
    assert off_site_links(page) == []


# ---------------------------------------------------------------------------------- upload cap
def _real_upload(page, tmp_path: Path) -> tuple[str, dict]:
    """Upload a small scenario through the page; return the PUT's URL and headers."""
    f = tmp_path / "small.json"
    f.write_text(vm.Scenario(employees=60).to_json())
    with page.expect_request(lambda r: r.method == "PUT" and "/upload_file/" in r.url) as req:
        uploader = page.locator('[data-testid="stFileUploader"]', has_text="Open a scenario file")
        uploader.locator('input[type="file"]').set_input_files(str(f))
    return req.value.url, req.value.headers


def _put_from_page(page, url: str, xsrf: str, size: int) -> int:
    return page.evaluate(
        """async ([url, xsrf, size]) => {
            const form = new FormData();
            form.append("file", new Blob([new Uint8Array(size)]), "big.json");
            const r = await fetch(url, {method: "PUT", body: form, credentials: "same-origin",
                                        headers: {"X-Xsrftoken": xsrf}});
            return r.status;
        }""",
        [url, xsrf, size],
    )


def _put_chunked(url: str, cookies: str, xsrf: str, size: int) -> int:
    """The same PUT without Content-Length (chunked): the server caps the body as it streams."""
    parts = urlsplit(url)
    boundary = "hostileboundary7f3a"
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.json"\r\n'
        "Content-Type: application/json\r\n\r\n"
    ).encode()
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        conn.putrequest("PUT", parts.path)
        conn.putheader("Content-Type", f"multipart/form-data; boundary={boundary}")
        conn.putheader("Transfer-Encoding", "chunked")
        conn.putheader("Cookie", cookies)
        conn.putheader("X-Xsrftoken", xsrf)
        conn.endheaders()
        chunks = [head] + [b"0" * MB] * (size // MB) + [f"\r\n--{boundary}--\r\n".encode()]
        try:
            for chunk in chunks:
                conn.send(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
            conn.send(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server stopped reading: the answer is already there
        return conn.getresponse().status
    finally:
        conn.close()


def test_uploads_over_the_cap_are_refused_by_the_server(page, wait_for_app, tmp_path):
    import tomllib

    config = tomllib.loads(Path(".streamlit/config.toml").read_text(encoding="utf-8"))
    cap_mb = config["server"]["maxUploadSize"]
    assert cap_mb == 1
    page.goto("/share")
    wait_for_app(page)
    url, headers = _real_upload(page, tmp_path)
    xsrf = headers.get("x-xsrftoken", "")
    other = url.rsplit("/", 1)[0] + "/hostile-file-id"
    assert _put_from_page(page, other, xsrf, 100_000) == 204  # the control: under the cap
    for size in (cap_mb * MB + 2 * MB, 50 * MB):
        assert _put_from_page(page, other, xsrf, size) == 413, size
    cookies = "; ".join(f"{c['name']}={c['value']}" for c in page.context.cookies())
    assert _put_chunked(other, cookies, xsrf, 4 * MB) == 413


# ---------------------------------------------------------------------------------- brand files
def _png(size=(120, 40)) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", size, (30, 90, 160)).save(buf, "PNG")
    return buf.getvalue()


def _png_bomb(w: int = 15000, h: int = 15000) -> bytes:
    comp = zlib.compressobj(9)
    row = b"\x00" * (1 + (w + 7) // 8)
    idat = b"".join(comp.compress(row) for _ in range(h)) + comp.flush()

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    ihdr = struct.pack(">IIBBBBB", w, h, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def _use_bomb() -> bytes:
    parts = ['<svg xmlns="http://www.w3.org/2000/svg"><defs><g id="l0"><rect width="1"/></g>']
    parts += [f'<g id="l{i}">' + f'<use href="#l{i - 1}"/>' * 10 + "</g>" for i in range(1, 11)]
    return ("".join(parts) + '</defs><use href="#l10"/></svg>').encode()


def _uri(mime: str, data: bytes) -> str:
    return f"data:{mime};base64,{base64.b64encode(data).decode()}"


BAD_BRANDS = {
    "fake-png": ({"logo": _uri("image/png", _use_bomb())}, "is SVG or XML text, not a PNG"),
    "png-bomb": ({"logo": _uri("image/png", _png_bomb())}, "at most 4096 x 4096 pixels"),
    "use-bomb": ({"logo": _uri("image/svg+xml", _use_bomb())}, "an SVG with a <use> element"),
    "surrogate": ('{"msp_name": "Evil \\udc80 MSP"}', "must not hold a lone surrogate"),
    "accent-newline": ({"accent_color": "#1f5fa8\n"}, "'accent_color' must be a colour"),
}


@pytest.fixture
def secrets_file(tmp_path) -> Path:
    path = tmp_path / "secrets.toml"
    path.write_text(f'[sales]\npassphrase = "{PASSPHRASE}"\n', encoding="utf-8")
    return path


def _upload(page, label: str, path: Path) -> None:
    box = page.locator('[data-testid="stFileUploader"]', has_text=label)
    box.locator('input[type="file"]').set_input_files(str(path))


def test_bad_brand_files_and_a_bad_rate_card_line_are_refused_alone(
    browser, fresh_server, secrets_file, wait_for_app, screenshot, tmp_path
):
    with fresh_server("hostile", "--secrets.files", str(secrets_file)) as url:
        context = browser.new_context(viewport={"width": 1400, "height": 2400})
        try:
            page = context.new_page()
            page.goto(f"{url}/share?employees=120&company=Acme")
            wait_for_app(page)
            page.get_by_role("textbox", name="Sales team passphrase").fill(PASSPHRASE)
            page.get_by_role("button", name="Unlock").click()
            expect(page.get_by_text("Brand and rate card for this session")).to_be_visible()
            wait_for_app(page)
            header = page.locator(".vcio-brand")
            name_before = header.inner_text()
            for case, (brand, reason) in BAD_BRANDS.items():
                f = tmp_path / f"{case}.json"
                text = brand if isinstance(brand, str) else json.dumps({"msp_name": "X", **brand})
                f.write_text(text, encoding="utf-8")
                _upload(page, "Brand (JSON", f)
                error = page.locator('[data-testid="stAlert"]', has_text="The file was not used")
                expect(error).to_contain_text(reason)
                wait_for_app(page)
                expect(page.locator('[data-testid="stException"]')).to_have_count(0)
                assert header.inner_text() == name_before, case  # the brand in force stays
                assert "employees=120" in page.url and "company=Acme" in page.url, case
            screenshot(page, "hostile-brand-refused")

            card = tmp_path / "prices.csv"
            card.write_text("key,value,note\nvcio_hourly_rate,222,ours\nhelpdesk_ratio_scale,0,x\n")
            _upload(page, "Rate card (CSV", card)
            warning = page.locator('[data-testid="stAlert"]', has_text="Using prices.csv")
            expect(warning).to_contain_text("prices.csv row 3 (helpdesk_ratio_scale)")
            wait_for_app(page)
            # the good line is applied on top of the default rate card, in this session
            card_default = br.rate_card_overrides(br.load_rate_card())
            sc = vm.Scenario(employees=120, company="Acme",
                             assumptions={**card_default, "vcio_hourly_rate": 222.0})  # fmt: skip
            page.locator('[data-testid="stSidebarNav"] a', has_text="Overview").first.click()
            wait_for_app(page, settle_ms=300)
            expect(page.locator("h3").first).to_contain_text(vm.compare(sc).verdict[:60])
            assert main_text(page).count(vm.compare(sc).verdict) == 1
        finally:
            context.close()
