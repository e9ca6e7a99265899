"""The scenario in the session: widget keys, URL parameters and the validated Scenario.

The sidebar widgets own the main inputs (keys below); the Projects and Assumptions pages own the
named project list and the assumption overrides. ``current_scenario()`` joins them into one
validated ``Scenario``. The main inputs are mirrored in the URL with readable parameters, so a
copied address reopens the same scenario.
"""

from __future__ import annotations

import math

import streamlit as st

from vcio_model import Project, Scenario, ScenarioError, load_presets

DEFAULT = Scenario()

# URL parameter -> (widget key, Scenario field, parse, to-URL text)
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


def _num(text: str) -> float:
    v = float(text)
    if not math.isfinite(v):
        raise ValueError
    return v


def _whole(text: str) -> int | float:
    """A whole number as an int (so "45" and "45.0" both read as 45); any other number as it is,
    for the schema to report (a huge one stays a float: "1e308" is not turned into 309 digits)."""
    v = _num(text)
    return int(v) if v.is_integer() and abs(v) < 1e15 else v


URL_FIELDS = {
    # param: (scenario field, parse from text, render to text)
    "employees": ("employees", _whole, str),
    "projects": ("projects_per_year", _num, lambda v: f"{v:g}"),
    "size": ("project_size", str, str),
    "years": ("years", _whole, str),
    "rate": ("discount_rate", lambda s: _num(s) / 100, lambda v: f"{v * 100:g}"),
    "company": ("company", str, str),
    "downtime": ("downtime_cost_per_hour", _num, lambda v: f"{v:g}"),
}
URL_LABELS = {
    "employees": "employees",
    "projects": "projects per year",
    "size": "project size",
    "years": "years",
    "rate": "discount rate (%)",
    "company": "company",
    "downtime": "downtime cost per hour",
}


def scenario_from_params(params: dict[str, str | list[str]]) -> tuple[dict, list[str]]:
    """Read URL parameters one by one. Returns (valid field values, messages for the bad ones).

    A bad parameter is reported with its name and allowed range and left out; the others are kept.
    """
    values, problems = {}, []
    for param, (fld, parse, _) in URL_FIELDS.items():
        if param not in params:
            continue
        raw = params[param]
        if isinstance(raw, list | tuple):  # a repeated key: the last one counts, as in Streamlit
            if not raw:
                continue
            raw = raw[-1]
        raw = str(raw)[:200]
        try:
            candidate = parse(raw)
        except (ValueError, OverflowError):
            candidate = raw
        try:
            Scenario.parse_input({fld: candidate})
        except ScenarioError as e:
            msg = str(e).split(": ", 1)[-1]
            if param == "rate":
                msg = f"must be a percentage from 0 to 30 (got {raw[:20]!r})"
            problems.append(f"URL parameter '{param}' ({URL_LABELS[param]}): {msg}")
            continue
        values[fld] = candidate
    return values, problems


def scenario_to_params(sc: Scenario) -> dict[str, str]:
    """Readable URL parameters for the main inputs (defaults left out keeps links short)."""
    out = {}
    for param, (fld, _, render) in URL_FIELDS.items():
        v = getattr(sc, fld)
        if (
            v is None
            or v == ""
            or v == getattr(DEFAULT, fld)
            and param not in ("employees", "projects")
        ):
            continue
        out[param] = render(v)
    return out


# ---------------------------------------------------------------------------- session state
WIDGETS = {  # widget key -> scenario field
    "in_company": "company",
    "in_employees": "employees",
    "in_projects": "projects_per_year",
    "in_size": "project_size",
    "in_years": "years",
    "in_rate_pct": "discount_rate",
    "in_downtime": "downtime_cost_per_hour",
}


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
    ss["projects"] = [p.model_dump() for p in sc.projects]
    ss["projects_version"] = ss.get("projects_version", 0) + 1  # resets the project editor
    ss["overrides"] = dict(sc.assumptions)
    ss["extra_fields"] = {
        k: getattr(sc, k)
        for k in (
            "devices_per_employee",
            "sites",
            "annual_revenue",
            "wage_growth",
            "msp_price_escalation",
        )
    }


def init_state() -> None:
    """Once per session: defaults, then the URL's parameters on top (bad ones reported, not fatal)."""
    ss = st.session_state
    if "initialised" in ss:
        return
    from . import brand as br  # noqa: PLC0415 - share imports this module
    from . import share  # noqa: PLC0415

    try:
        ss["rate_card"] = br.load_rate_card()
        card_problems = []
    except br.BrandError as e:
        ss["rate_card"] = br.RateCard()
        card_problems = [f"Rate card not used: {e}"]
    ss["default_overrides"] = br.rate_card_overrides(ss["rate_card"])
    sc, problems = share.initial_scenario(st.query_params.to_dict(), ss["default_overrides"])
    apply_scenario(sc)
    ss["url_problems"] = card_problems + problems
    ss["initialised"] = True


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
    raw["projects"] = projects
    raw["assumptions"] = dict(ss.get("overrides", {}))
    try:
        sc = Scenario.parse_input(raw)
    except ScenarioError as e:
        problems.extend(e.problems)
        sc = _salvage(raw)
    ss["scenario_problems"] = problems
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
    """Mirror the scenario in the address bar: readable main inputs plus ``s`` for the rest."""
    from . import share  # noqa: PLC0415

    share.sync_params(st.query_params, sc, st.session_state.get("default_overrides"))
