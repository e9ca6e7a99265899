"""The readable URL parameters: the main inputs as a person reads and types them
(``employees=45&projects=3&company=Acme``, see ``URL_FIELDS``). Pure: no Streamlit.

Each parameter is read on its own and checked through ``Scenario``: a bad one is named with its
allowed range and left out, the others are kept. Everything these do not carry exactly travels in
the packed ``s`` parameter (``links``).
"""

from __future__ import annotations

from collections.abc import Mapping

from vcio_model import Scenario, ScenarioError
from vcio_model.scenario import checked_number

DEFAULT = Scenario()


def _num(text: str) -> float:
    return float(checked_number(text, "value"))  # ValueError for inf, nan, 1e400, text


def _whole(text: str) -> int | float:
    """A whole number as an int (so "45" and "45.0" both read as 45); any other number as it is,
    for the schema to report (a huge one stays a float: "1e308" is not turned into 309 digits)."""
    v = _num(text)
    return int(v) if v.is_integer() and abs(v) < 1e15 else v


def _plain(v: float) -> str:
    """A number as a person types it: 25000000, not 2.5e+07."""
    return f"{v:.0f}" if float(v).is_integer() else f"{v:g}"


URL_FIELDS = {
    # param: (scenario field, parse from text, render to text)
    "employees": ("employees", _whole, str),
    "projects": ("projects_per_year", _num, lambda v: f"{v:g}"),
    "size": ("project_size", str, str),
    "years": ("years", _whole, str),
    "rate": ("discount_rate", lambda s: _num(s) / 100, lambda v: f"{v * 100:g}"),
    "company": ("company", str, str),
    "downtime": ("downtime_cost_per_hour", _num, lambda v: f"{v:g}"),
    "sites": ("sites", _whole, str),
    "revenue": ("annual_revenue", _num, _plain),
}
URL_LABELS = {
    "employees": "employees",
    "projects": "projects per year",
    "size": "project size",
    "years": "years",
    "rate": "discount rate (%)",
    "company": "company",
    "downtime": "downtime cost per hour",
    "sites": "sites",
    "revenue": "annual revenue ($)",
}


def last_value(raw):
    """The value of a URL parameter; of a repeated key, the last one, as in Streamlit.

    Parameters
    ----------
    raw : str, list, tuple or None
        One value of ``st.query_params.to_dict()``.
    """
    if isinstance(raw, list | tuple):
        return raw[-1] if raw else None
    return raw


def scenario_from_params(params: Mapping) -> tuple[dict, list[str]]:
    """Read URL parameters one by one. Returns (valid field values, messages for the bad ones).

    A bad parameter is reported with its name and allowed range and left out; the others are kept.
    """
    values, problems = {}, []
    for param, (fld, parse, _) in URL_FIELDS.items():
        if param not in params:
            continue
        raw = last_value(params[param])
        if raw is None:
            continue
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
