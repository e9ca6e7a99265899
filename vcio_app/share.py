"""Shareable links and scenario files: the whole scenario in one URL, exactly.

The main inputs travel as readable URL parameters (``employees=45&projects=3&company=Acme``, see
``vcio_app.state.URL_FIELDS``). Everything else (named projects, assumption overrides, devices,
sites, revenue, wage growth, price escalation, and the exact value of any main input whose readable
form is rounded) travels in one compact parameter ``s``: JSON, zlib, URL-safe base64. Decoding is
size-capped and validated through ``Scenario``; any problem raises ``ScenarioError`` with one line.

No Streamlit calls here (the readable-parameter helpers of ``state`` are plain functions), so all of
it is testable without a running app.
"""

from __future__ import annotations

import base64
import binascii
import json
import zlib
from urllib.parse import quote, urlencode, urlsplit, urlunsplit

import pandas as pd

import vcio_model as vm
from vcio_model import Scenario, ScenarioError

PARAM = "s"
VERSION = 1
MAX_DECODED_BYTES = 16_000  # the largest valid scenario (50 named projects, every override) fits
MAX_ENCODED_CHARS = 12_000
LONG_LINK_CHARS = 2_000  # beyond this some mail and chat tools cut links: suggest the JSON file
MAX_UPLOAD_BYTES = vm.scenario.MAX_SCENARIO_BYTES

DAMAGED = "URL parameter 's' (saved details) is damaged; the main inputs were kept"

# Fields carried only by ``s`` -> short key in the payload.
EXTRA_KEYS = {
    "devices_per_employee": "d",
    "sites": "n",
    "annual_revenue": "r",
    "wage_growth": "w",
    "msp_price_escalation": "e",
}
_PROJECT_FIELDS = ("name", "size", "budget", "start_year")


def _readable():
    # Imported here so that importing this module never pulls in Streamlit by itself.
    from . import state

    return state


# ---------------------------------------------------------------------------------- encode
def encode_extra(scenario: Scenario, default_overrides: dict[str, float] | None = None) -> str:
    """The ``s`` parameter for everything the readable parameters do not carry exactly ("" if none).

    ``default_overrides`` are the assumption overrides a fresh session starts with (the MSP's rate
    card); the overrides are written only when they differ from those, and then in full.
    """
    payload: dict = {}
    if scenario.projects:
        payload["p"] = [[p.name, p.size, p.budget, p.start_year] for p in scenario.projects]
    if dict(scenario.assumptions) != dict(default_overrides or {}):
        payload["a"] = dict(scenario.assumptions)
    for fld, short in EXTRA_KEYS.items():
        v = getattr(scenario, fld)
        if v is not None:
            payload[short] = v
    exact = _lossy_readable(scenario)
    if exact:
        payload["x"] = exact
    if not payload:
        return ""
    payload = {"v": VERSION, **payload}
    raw = json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    packed = zlib.compress(raw, 9)
    return base64.urlsafe_b64encode(packed).decode("ascii").rstrip("=")


def _lossy_readable(scenario: Scenario) -> dict:
    """Main inputs whose readable URL text does not read back to the same value (e.g. 1234567.5)."""
    state = _readable()
    params = state.scenario_to_params(scenario)
    values, _ = state.scenario_from_params(params)
    out = {}
    for param, (fld, _parse, _render) in state.URL_FIELDS.items():
        want = getattr(scenario, fld)
        got = values.get(fld, getattr(state.DEFAULT, fld))
        if param in params and got != want:
            out[fld] = want
    return out


def url_params(scenario: Scenario, default_overrides: dict[str, float] | None = None) -> dict:
    """Every URL parameter for the scenario: the readable ones plus ``s`` when needed."""
    params = dict(_readable().scenario_to_params(scenario))
    extra = encode_extra(scenario, default_overrides)
    if extra:
        params[PARAM] = extra
    return params


def scenario_url(
    base_url: str, scenario: Scenario, default_overrides: dict[str, float] | None = None
) -> str:
    """The full shareable link: ``base_url`` (its own query and fragment dropped) plus parameters.

    >>> scenario_url("http://localhost:8501/?x=1", Scenario(employees=45, company="A&B"))
    'http://localhost:8501/?employees=45&projects=3&company=A%26B'
    """
    parts = urlsplit(base_url or "")
    query = urlencode(url_params(scenario, default_overrides), quote_via=quote)
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", query, ""))


def sync_params(
    params, scenario: Scenario, default_overrides: dict[str, float] | None = None
) -> bool:
    """Mirror the scenario in ``params`` (``st.query_params``): the readable keys and ``s``.

    Touches only what changed (each change costs Streamlit a round trip); returns True if it did.
    Other parameters are left alone.
    """
    want = url_params(scenario, default_overrides)
    keys = [*_readable().URL_FIELDS, PARAM]
    have = {k: params[k] for k in keys if k in params}
    if have == want:
        return False
    for k in keys:
        if k in params and k not in want:
            del params[k]
    params.update({k: v for k, v in want.items() if have.get(k) != v})
    return True


# ---------------------------------------------------------------------------------- decode
def decode_extra(text: str) -> dict:
    """Read an ``s`` parameter back into Scenario fields (validated). Raises ``ScenarioError``.

    Returns only the fields it carries, e.g. ``{"projects": [...], "assumptions": {...}}``; the
    exact values of rounded main inputs come back under their field names too.
    """
    if not isinstance(text, str) or not text:
        raise ScenarioError([DAMAGED])
    if len(text) > MAX_ENCODED_CHARS:
        raise ScenarioError(
            [
                f"URL parameter 's' (saved details) is too long (over "
                f"{MAX_ENCODED_CHARS:,} characters); the main inputs were kept"
            ]
        )
    try:
        packed = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        inflater = zlib.decompressobj()
        raw = inflater.decompress(packed, MAX_DECODED_BYTES + 1)
        if len(raw) > MAX_DECODED_BYTES or inflater.unconsumed_tail:
            raise ScenarioError(
                [
                    f"URL parameter 's' (saved details) is larger than "
                    f"{MAX_DECODED_BYTES // 1000} kB; the main inputs were kept"
                ]
            )
        payload = json.loads(raw.decode("utf-8"))
    except ScenarioError:
        raise
    except (binascii.Error, zlib.error, ValueError, UnicodeDecodeError, RecursionError):
        raise ScenarioError([DAMAGED]) from None
    if not isinstance(payload, dict) or payload.get("v") != VERSION:
        raise ScenarioError([DAMAGED])
    fields = _fields_from_payload(payload)
    try:
        # Projects are checked against the horizon later, with the link's own ``years``.
        checked = Scenario.parse_input({**fields, "years": fields.get("years", 10)})
    except ScenarioError as e:
        raise ScenarioError(
            [f"URL parameter 's' (saved details): {e}; the main inputs were kept"]
        ) from None
    dumped = checked.model_dump()
    return {k: dumped[k] for k in fields}


def _fields_from_payload(payload: dict) -> dict:
    known = {"v", "p", "a", "x", *EXTRA_KEYS.values()}
    if set(payload) - known:
        raise ScenarioError([DAMAGED])
    fields: dict = {}
    if "p" in payload:
        rows = payload["p"]
        if not isinstance(rows, list) or not all(isinstance(r, list) and len(r) == 4 for r in rows):
            raise ScenarioError([DAMAGED])
        fields["projects"] = [dict(zip(_PROJECT_FIELDS, r, strict=True)) for r in rows]
    if "a" in payload:
        fields["assumptions"] = payload["a"]
    for fld, short in EXTRA_KEYS.items():
        if short in payload:
            fields[fld] = payload[short]
    if "x" in payload:
        exact = payload["x"]
        if not isinstance(exact, dict) or set(exact) - set(Scenario.model_fields):
            raise ScenarioError([DAMAGED])
        fields.update({k: v for k, v in exact.items() if k not in fields})
    return fields


def initial_scenario(
    params: dict, default_overrides: dict[str, float] | None = None
) -> tuple[Scenario, list[str]]:
    """The scenario a fresh session starts from: defaults, the rate card, then the URL.

    ``params`` is ``st.query_params.to_dict()``. Bad readable parameters and a damaged ``s`` are
    reported (one line each) and left out; everything valid is kept. The exact value of a rounded
    main input in ``s`` is used only while its readable parameter still says the same (so a
    hand-edited ``employees=`` wins).
    """
    state = _readable()
    values, problems = state.scenario_from_params(params)
    base = {**state.DEFAULT.model_dump(), "assumptions": dict(default_overrides or {})}
    extra: dict = {}
    raw_s = params.get(PARAM)
    if isinstance(raw_s, list | tuple):  # a repeated key: the last one counts
        raw_s = raw_s[-1] if raw_s else None
    if raw_s:
        try:
            extra = decode_extra(str(raw_s))
        except ScenarioError as e:
            problems.append(str(e))
    for param, (fld, _parse, render) in state.URL_FIELDS.items():
        if fld in extra and param in params and fld in values:
            shown = params[param][-1] if isinstance(params[param], list) else params[param]
            if render(extra[fld]) != str(shown):
                del extra[fld]  # the readable value was edited by hand: it wins
    try:
        return Scenario.parse_input({**base, **values, **extra}), problems
    except ScenarioError as e:
        if extra:
            problems.append(
                f"URL parameter 's' (saved details) does not fit the main inputs "
                f"({e}); the main inputs were kept"
            )
        return Scenario.parse_input({**base, **values}), problems


# ---------------------------------------------------------------------------------- files
def scenario_file_name(scenario: Scenario, ext: str = "json") -> str:
    """A safe download name such as ``acme-accounting-scenario.json``."""
    slug = "".join(ch if ch.isascii() and ch.isalnum() else "-" for ch in scenario.company.lower())
    slug = "-".join(part for part in slug.split("-") if part)[:40]
    return f"{slug + '-' if slug else ''}scenario.{ext}"


def read_uploaded_scenario(data: bytes | None, name: str = "uploaded file") -> Scenario:
    """An uploaded scenario JSON (the command line's ``--scenario`` schema), size-capped."""
    if data is None:
        raise ScenarioError([f"{name}: nothing was uploaded"])
    if len(data) > MAX_UPLOAD_BYTES:
        raise ScenarioError([f"{name}: file is larger than {MAX_UPLOAD_BYTES // 1000} kB"])
    return Scenario.from_json(data, origin=name)


# ---------------------------------------------------------------------------------- saved
def save_named(saved: dict[str, str], name: str, scenario: Scenario, limit: int = 12) -> str:
    """Store ``scenario`` (as JSON) under a cleaned name in ``saved``; returns the name used."""
    clean = " ".join(str(name).split())[:60]
    if not clean:
        raise ScenarioError(["name: give the scenario a name"])
    if clean not in saved and len(saved) >= limit:
        raise ScenarioError([f"name: at most {limit} saved scenarios; delete one first"])
    saved[clean] = scenario.model_dump_json()
    return clean


def compare_saved(saved: dict[str, str]) -> pd.DataFrame:
    """One row per saved scenario: its inputs in brief, the NPV of every option and the winner."""
    rows = []
    for name, text in saved.items():
        sc = Scenario.model_validate_json(text)
        c = vm.compare(sc)
        row = {
            "Scenario": name,
            "Employees": sc.employees,
            "Projects a year": sc.projects_per_year,
            "Named projects": len(sc.projects),
            "Years": sc.years,
        }
        row.update({o.short_name: round(o.npv) for o in c.options})
        row["Cheapest"] = c.option(c.recommended).short_name
        row["Saves vs runner-up"] = round(c.margin)
        rows.append(row)
    return pd.DataFrame(rows)


def saved_side_by_side(df: pd.DataFrame) -> pd.DataFrame:
    """``compare_saved``'s frame turned for reading: one column per saved scenario, one row per
    figure, money written like $1,234,567."""
    money_cols = [c for c in df.columns if c not in ("Scenario", "Employees", "Projects a year",
                                                     "Named projects", "Years", "Cheapest")]  # fmt: skip
    out = df.copy().astype(object)
    for col in money_cols:
        out[col] = [vm.money(float(v), exact=True) for v in df[col]]
    out["Employees"] = [f"{int(v):,}" for v in df["Employees"]]
    out["Projects a year"] = [f"{float(v):g}" for v in df["Projects a year"]]
    for col in ("Named projects", "Years"):
        out[col] = [str(int(v)) for v in df[col]]
    out = out.set_index("Scenario").T
    out.index.name = None
    return out


# ---------------------------------------------------------------------------------- page helpers
def app_base_url(url: str | None, page_path: str = "share") -> str:
    """The app's root address from the current page's URL (``st.context.url``); "" if unknown.

    >>> app_base_url("https://x.streamlit.app/share")
    'https://x.streamlit.app/'
    """
    if not url:
        return ""
    parts = urlsplit(url)
    path = parts.path
    if path.rstrip("/").endswith("/" + page_path):
        path = path.rstrip("/")[: -len(page_path)]
    return urlunsplit((parts.scheme, parts.netloc, path or "/", "", ""))


def use_rate_card(session: dict, card: dict[str, float]) -> dict[str, float]:
    """Put a rate card's prices into the session's assumption overrides (``session["overrides"]``).

    A price equal to the published default removes any override of that key, so the scenario (and
    its link) stays minimal. Returns the overrides now in force.
    """
    items = vm.load_assumptions().items
    overrides = dict(session.get("overrides") or {})
    for key, value in card.items():
        if value == items[key].value:
            overrides.pop(key, None)
        else:
            overrides[key] = float(value)
    session["overrides"] = overrides
    session["rate_card"] = card
    return overrides
