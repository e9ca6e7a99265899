"""Scenario <-> URL: the whole scenario in one link, exactly. Pure: no Streamlit.

The main inputs travel as readable URL parameters (``params``: ``employees=45&projects=3``).
Everything else (named projects, assumption overrides, devices, wage growth, price escalation, and
the exact value of any main input whose readable form is rounded) travels in one compact parameter
``s``: JSON, zlib, URL-safe base64. Decoding is size-capped and validated through ``Scenario``; any
problem raises ``ScenarioError`` with one line.

Links and scenario files (``files``) carry the model version (``model=0.2.0``,
``"model_version"``): a link made with an older version opens with the same inputs, and
``version_note`` says in one line that the figures have been updated since. A link or file without
a version (typed by hand, or written by another tool) is read as made now: no note.

This module and ``params`` are the only ones that know the URL's format; ``state`` (session
state) calls them.
"""

from __future__ import annotations

import base64
import binascii
import json
import zlib
from collections.abc import Mapping
from urllib.parse import quote, urlencode, urlsplit, urlunsplit

import vcio_model as vm
from vcio_app.scenario.params import (
    DEFAULT,
    URL_FIELDS,
    last_value,
    scenario_from_params,
    scenario_to_params,
)
from vcio_model import Project, Scenario, ScenarioError
from vcio_model.scenario import MAX_PROJECTS, checked_number, override_problem

PARAM = "s"
VERSION = 1
VERSION_PARAM = "model"  # the model version that made the link
PRESENT_PARAM = "present"  # present=1: the link opens in presentation mode
MAX_DECODED_BYTES = 24_000  # the largest valid scenario (50 named projects, every override) fits
MAX_ENCODED_CHARS = 12_000
LONG_LINK_CHARS = 2_000  # beyond this some mail and chat tools cut links: suggest the JSON file

DAMAGED = "URL parameter 's' (saved details) is damaged; the main inputs were kept"

# Fields carried only by ``s`` -> short key in the payload.
EXTRA_KEYS = {"devices_per_employee": "d", "wage_growth": "w", "msp_price_escalation": "e"}
# Read, never written: links made before sites and revenue became readable parameters.
OLD_EXTRA_KEYS = {"sites": "n", "annual_revenue": "r"}
_PROJECT_FIELDS = ("name", "size", "budget", "start_year")


# ---------------------------------------------------------------------------------- versions
def link_version(params: Mapping) -> str:
    """The model version a link was made with; a link that carries none (or an unreadable one) is
    read as made now, so only a link made with an older version says so."""
    raw = last_value(params.get(VERSION_PARAM)) if VERSION_PARAM in params else None
    text = str(raw or "").strip()[:20]
    return text if text and all(ch.isdigit() or ch == "." for ch in text) else vm.__version__


def present_flag(params: Mapping) -> bool:
    """Whether the link asks for presentation mode (``present=1``)."""
    raw = last_value(params.get(PRESENT_PARAM)) if PRESENT_PARAM in params else None
    return str(raw or "").strip().lower() in ("1", "true", "yes", "on")


def version_note(made_with: str, now: str | None = None) -> str:
    """One line when a link or file was made with another model version ("" when the same)."""
    now = now or vm.__version__
    if made_with == now:
        return ""
    return f"Made with model version {made_with}; figures now from {now}, updated since."


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
    params = scenario_to_params(scenario)
    values, _ = scenario_from_params(params)
    out = {}
    for param, (fld, _parse, _render) in URL_FIELDS.items():
        want = getattr(scenario, fld)
        got = values.get(fld, getattr(DEFAULT, fld))
        if param in params and got != want:
            out[fld] = want
    return out


def url_params(
    scenario: Scenario,
    default_overrides: dict[str, float] | None = None,
    present: bool = False,
) -> dict:
    """Every URL parameter for the scenario: the readable ones, ``s`` when needed, the model
    version, and ``present=1`` for a link that opens in presentation mode."""
    params = dict(scenario_to_params(scenario))
    extra = encode_extra(scenario, default_overrides)
    if extra:
        params[PARAM] = extra
    if present:
        params[PRESENT_PARAM] = "1"
    params[VERSION_PARAM] = vm.__version__
    return params


MANAGED = (*URL_FIELDS, PARAM, PRESENT_PARAM, VERSION_PARAM)  # the keys this module writes


def scenario_url(
    base_url: str,
    scenario: Scenario,
    default_overrides: dict[str, float] | None = None,
    present: bool = False,
) -> str:
    """The full shareable link: ``base_url`` (its own query and fragment dropped) plus parameters.

    >>> scenario_url("http://localhost:8501/?x=1", Scenario(employees=45, company="A&B"))[:60]
    'http://localhost:8501/?employees=45&projects=3&company=A%26B&'
    """
    parts = urlsplit(base_url or "")
    query = urlencode(url_params(scenario, default_overrides, present), quote_via=quote)
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", query, ""))


def synced_params(
    current: Mapping,
    scenario: Scenario,
    default_overrides: dict[str, float] | None = None,
    present: bool = False,
) -> dict | None:
    """The whole new query for the address bar, or None when ``current`` already says it.

    ``current`` is ``st.query_params.to_dict()``; parameters this module does not write are kept.
    The caller sets the result in one go (``st.query_params.from_dict``): one message to the
    browser, so one browser history entry per change and Back undoes exactly one edit.
    """
    want = url_params(scenario, default_overrides, present)
    have = {k: last_value(current[k]) for k in MANAGED if k in current}
    if have == want:
        return None
    others = {k: v for k, v in current.items() if k not in MANAGED}
    return {**others, **want}


# ---------------------------------------------------------------------------------- decode
def decode_extra(text: str, problems: list[str] | None = None) -> dict:
    """Read an ``s`` parameter back into Scenario fields (validated). Raises ``ScenarioError``.

    With a ``problems`` list, a bad override or project row is left out alone and named there
    (the rest of ``s`` is kept); without one, any bad item refuses the whole ``s``.

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
    if problems is not None:
        _leave_out_bad_items(fields, problems)
    try:
        # Projects are checked against the horizon later, with the link's own ``years``.
        checked = Scenario.parse_input({**fields, "years": fields.get("years", 10)})
    except ScenarioError as e:
        raise ScenarioError(
            [f"URL parameter 's' (saved details): {e}; the main inputs were kept"]
        ) from None
    dumped = checked.model_dump()
    return {k: dumped[k] for k in fields}


def checked_override(key: object, value: object) -> str | None:
    """Why an assumption override from a link, a file or the session cannot be used (naming it and
    the allowed range), or None. A number only (no text, no bool); a 400-digit integer, NaN or
    infinity is a problem like any other, never an exception."""
    name = str(key)[:60]
    if not isinstance(value, int | float) or isinstance(value, bool):
        return f"{name} must be a number"
    try:
        return override_problem(name, checked_number(value, name))
    except ValueError as e:
        return str(e)


def _leave_out_bad_items(fields: dict, problems: list[str]) -> None:
    """Per item, not per group: a bad override or project row of ``s`` is left out alone and
    named in ``problems``; the others stay (a 51st project too: the first 50 stay)."""
    where = "URL parameter 's' (saved details)"
    overrides = fields.get("assumptions")
    if isinstance(overrides, dict):
        kept = {}
        for key, value in overrides.items():
            problem = checked_override(key, value)
            if problem:
                problems.append(f"{where}: changed assumption left out: {problem}")
            else:
                kept[key] = value
        fields["assumptions"] = kept
    rows = fields.get("projects")
    if isinstance(rows, list):
        kept_rows = []
        for i, row in enumerate(rows):
            if len(kept_rows) == MAX_PROJECTS:
                problems.append(f"{where}: project {i + 1} and after left out: at most "
                                f"{MAX_PROJECTS} named projects are counted")  # fmt: skip
                break
            try:
                Project.model_validate(row)
            except ValueError as e:
                first = str(e).splitlines()[1:3]
                problems.append(f"{where}: project {i + 1} left out: {' '.join(first).strip()}")
                continue
            kept_rows.append(row)
        fields["projects"] = kept_rows


def _fields_from_payload(payload: dict) -> dict:
    known = {"v", "p", "a", "x", *EXTRA_KEYS.values(), *OLD_EXTRA_KEYS.values()}
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
    for fld, short in {**EXTRA_KEYS, **OLD_EXTRA_KEYS}.items():
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
    values, problems = scenario_from_params(params)
    base = {**DEFAULT.model_dump(), "assumptions": dict(default_overrides or {})}
    extra: dict = {}
    raw_s = params.get(PARAM)
    if isinstance(raw_s, list | tuple):  # a repeated key: the last one counts
        raw_s = raw_s[-1] if raw_s else None
    if raw_s:
        try:
            extra = decode_extra(str(raw_s), problems)
        except ScenarioError as e:
            problems.append(str(e))
    for param, (fld, _parse, render) in URL_FIELDS.items():
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
