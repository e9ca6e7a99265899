"""The scenario in the session state: widget keys, the lists, and the validated Scenario.

The sidebar widgets own the main inputs (keys below); the Projects and Assumptions pages own the
named project list and the assumption overrides. ``current_scenario()`` joins them into one
validated ``Scenario``. What the address bar says is ``share``'s business (the URL format, pure);
this module only reads the session's URL at start, mirrors the scenario into it after each run and
applies it again when the browser goes Back or Forward.
"""

from __future__ import annotations

import logging

import streamlit as st

from vcio_app import brand as br
from vcio_app.scenario import links as share
from vcio_app.scenario.params import URL_FIELDS
from vcio_model import Project, Scenario, ScenarioError, load_presets
from vcio_model.scenario import MAX_PROJECTS, checked_number

EMPLOYEE_STEPS = sorted(
    {
        *range(1, 11),
        *range(12, 31, 2),
        *range(35, 101, 5),
        *range(110, 201, 10),
        *range(225, 501, 25),
        *range(550, 1001, 50),
        *range(1100, 2001, 100),
        *range(2250, 5001, 250),
    }
)


def employee_options(current: int) -> list[int]:
    """Nice log-spaced steps for the employees slider, plus the current value if it is off-grid."""
    return sorted({*EMPLOYEE_STEPS, int(current)})


# ---------------------------------------------------------------------------- session state
WIDGETS = {  # widget key -> scenario field
    "in_company": "company",
    "in_employees": "employees",
    "in_projects": "projects_per_year",
    "in_size": "project_size",
    "in_years": "years",
    "in_rate_pct": "discount_rate",
    "in_downtime": "downtime_cost_per_hour",
    "in_sites": "sites",
    "in_revenue": "annual_revenue",
}
LOG = logging.getLogger("vcio.app")
INPUT_PROBLEMS = "input_problems"  # session key: widget values refused by settle_numbers()
# widget key -> (what the message calls it, low, high, whole number): the widgets' own ranges
WIDGET_RANGES = {
    "in_employees": ("Employees", 1, 5000, True),
    "in_employees_typed": ("Exact number of employees", 1, 5000, True),
    "in_projects": ("IT projects a year", 0, 50, False),
    "in_years": ("Years to compare", 1, 10, True),
    "in_rate_pct": ("Discount rate (%)", 0, 30, False),
    "in_downtime": ("Downtime cost per hour", 0, 10_000_000, False),
    "in_sites": ("Sites", 1, 500, True),
    "in_revenue": ("Annual revenue", 0, 100_000_000_000, False),
}
EXTRA_FIELDS = ("devices_per_employee", "wage_growth", "msp_price_escalation")  # no widget


def apply_scenario(sc: Scenario) -> None:
    """Put a scenario's values into the widgets, the project list and the overrides."""
    ss = st.session_state
    ss["in_company"] = sc.company
    ss["in_employees"] = sc.employees
    ss["in_projects"] = float(sc.projects_per_year)
    ss["in_size"] = sc.project_size
    ss["in_years"] = sc.years
    ss["in_rate_pct"] = round(sc.discount_rate * 100, 2)
    ss["in_downtime"] = float(sc.downtime_cost_per_hour or 0.0)
    ss["in_employees_typed"] = sc.employees
    ss["in_sites"] = sc.sites
    ss["in_revenue"] = None if sc.annual_revenue is None else float(sc.annual_revenue)
    ss["projects"] = [p.model_dump() for p in sc.projects]
    ss["projects_version"] = ss.get("projects_version", 0) + 1  # resets the project editor
    ss["overrides"] = dict(sc.assumptions)
    ss["extra_fields"] = {k: getattr(sc, k) for k in EXTRA_FIELDS}


MAX_SHOWN_PROBLEMS = 5  # problems listed one by one; the rest counted in one line
BROKEN_LINK = (
    "This link could not be read, so the app opened with its default scenario. Change the "
    "inputs in the sidebar, or ask for a new link."
)


def capped(problems: list[str], limit: int = MAX_SHOWN_PROBLEMS) -> list[str]:
    """The first ``limit`` problems, then one line counting the rest: a link with 2,500 unknown
    settings drew 2,500 warnings on every run (0.5 MB a run)."""
    if len(problems) <= limit:
        return list(problems)
    return [*problems[:limit], f"… and {len(problems) - limit:,} more problems of the same kind."]


def init_state() -> None:
    """Once per session: defaults, then the URL's parameters on top (bad ones reported, not fatal).
    On a later run that the browser's Back or Forward started, the URL's scenario again.

    Whatever a link holds, this never raises: if reading it fails, the session starts from the
    default scenario with one message (:data:`BROKEN_LINK`), and the failure is logged."""
    ss = st.session_state
    try:
        _init_state()
    except Exception:  # noqa: BLE001 - a link must never take the page down
        LOG.exception("reading the link failed; the default scenario is used")
        card = ss.get("rate_card") if isinstance(ss.get("rate_card"), br.RateCard) else None
        ss["rate_card"] = card or br.RateCard()
        ss["default_overrides"] = ss.get("default_overrides") or {}
        apply_scenario(Scenario(assumptions=ss["default_overrides"]))
        ss["url_problems"] = [BROKEN_LINK]
        ss["version_note"] = ""
        ss["presentation"] = False
        ss["url_written"] = {}
        ss["initialised"] = True


def _init_state() -> None:
    ss = st.session_state
    if "initialised" in ss:
        if _history_navigation() and _managed(st.query_params.to_dict()) != ss.get("url_written"):
            _open_url(st.query_params.to_dict())
        return
    try:
        ss["rate_card"] = br.load_rate_card(strict=False)  # a bad line is left out alone
        card_problems = [f"Rate card line not used: {p}" for p in ss["rate_card"].problems]
    except br.BrandError as e:
        ss["rate_card"] = br.RateCard()
        card_problems = [f"Rate card not used: {e}"]
    ss["default_overrides"] = br.rate_card_overrides(ss["rate_card"])
    _open_url(st.query_params.to_dict(), card_problems)
    ss["initialised"] = True


def _open_url(params: dict, problems: list[str] | None = None) -> None:
    ss = st.session_state
    sc, url_problems = share.initial_scenario(params, ss["default_overrides"])
    apply_scenario(sc)
    ss["url_problems"] = capped((problems or []) + url_problems)
    carries = any(k in params for k in (*URL_FIELDS, share.PARAM))  # a scenario link
    ss["version_note"] = share.version_note(share.link_version(params)) if carries else ""
    ss["presentation"] = share.present_flag(params)
    ss["url_written"] = _managed(params)


def _history_navigation() -> bool:
    """Whether this run was started by the browser's Back or Forward button."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx  # noqa: PLC0415

    ctx = get_script_run_ctx()
    return bool(getattr(ctx, "is_history_navigation", False))


def _managed(params: dict) -> dict:
    return {k: v for k, v in params.items() if k in share.MANAGED and k != share.VERSION_PARAM}


def settle_numbers() -> None:
    """Put back in range any number a widget message carries (a crafted message may send a slider
    a value past its ends, NaN or a 400-digit number): the field goes back to the default
    scenario's value and one message names it; the other inputs are kept. Call before the
    widgets are drawn (Streamlit refuses to change a drawn widget's value)."""
    ss = st.session_state
    problems = []
    for key, (label, low, high, whole) in WIDGET_RANGES.items():
        try:
            value = ss.get(key)
        except Exception:  # noqa: BLE001 - a widget value Streamlit itself cannot read
            value = "unreadable"
        if value is None:
            continue
        try:
            checked = checked_number(value, label, low, high, whole)
        except ValueError as e:
            problems.append(f"{e}; it is back to its default.")
            default = getattr(Scenario(), WIDGETS.get(key, "employees"))
            if key == "in_rate_pct":
                default = round(default * 100, 2)
            elif key in ("in_projects", "in_downtime", "in_revenue") and default is not None:
                default = float(default)
            ss[key] = default
            continue
        if checked != value:  # e.g. a whole number sent as 12.0000001: rounded
            ss[key] = checked
    ss[INPUT_PROBLEMS] = problems


def load_preset(preset_id: str) -> None:
    presets = load_presets()
    if preset_id in presets:
        apply_scenario(presets[preset_id][1])


def current_scenario() -> Scenario:
    """The validated scenario from the widgets and lists; bad parts reported and left out."""
    ss = st.session_state
    raw = {fld: ss.get(key) for key, fld in WIDGETS.items()}
    raw["discount_rate"] = (raw["discount_rate"] or 0) / 100
    raw["downtime_cost_per_hour"] = raw["downtime_cost_per_hour"] or None
    raw.update({k: v for k, v in ss.get("extra_fields", {}).items() if v is not None})
    problems = []
    projects = []
    for i, p in enumerate(ss.get("projects", [])):
        try:
            proj = Project.model_validate(p)
        except Exception as e:  # noqa: BLE001 - reported to the user below, never raised
            problems.append(f"Project {i + 1} left out: {_first_line(e)}")
            continue
        if proj.start_year > raw["years"]:
            problems.append(
                f"Project '{proj.name}' starts in year {proj.start_year}, after the "
                f"{raw['years']}-year horizon, so it is not counted."
            )
            continue
        projects.append(proj.model_dump())
    if len(projects) > MAX_PROJECTS:  # each one over the cap alone, not the whole list
        problems.append(
            f"Project {MAX_PROJECTS + 1}"
            + (f" to {len(projects)}" if len(projects) > MAX_PROJECTS + 1 else "")
            + f" left out: at most {MAX_PROJECTS} named projects are counted."
        )
        projects = projects[:MAX_PROJECTS]
    raw["projects"] = projects
    raw["assumptions"] = {}
    for key, value in dict(ss.get("overrides", {})).items():  # each override alone
        problem = share.checked_override(key, value)
        if problem:
            problems.append(f"Changed assumption left out: {problem}")
        else:
            raw["assumptions"][key] = value
    try:
        sc = Scenario.parse_input(raw)
    except ScenarioError as e:
        problems.extend(e.problems)
        sc = _salvage(raw)
    ss["scenario_problems"] = capped([*ss.get(INPUT_PROBLEMS, []), *problems])
    return sc


def _salvage(raw: dict) -> Scenario:
    """Keep every field that is valid on its own; fall back to the default for the rest."""
    good = {}
    for k, v in raw.items():
        try:
            Scenario.parse_input({**good, k: v})
            good[k] = v
        except ScenarioError:
            pass
    return Scenario.parse_input(good)


def _first_line(e: Exception) -> str:
    text = str(e).splitlines()
    return " ".join(text[1:3]).strip() if len(text) > 1 else str(e)


def sync_url(sc: Scenario) -> None:
    """Mirror the scenario (and presentation mode) in the address bar, in one message: one
    browser history entry per change, so Back undoes one edit."""
    ss = st.session_state
    presenting = bool(ss.get("presentation"))
    new = share.synced_params(
        st.query_params.to_dict(), sc, ss.get("default_overrides"), presenting
    )
    if new is not None:
        st.query_params.from_dict(new)
    ss["url_written"] = _managed(st.query_params.to_dict())
