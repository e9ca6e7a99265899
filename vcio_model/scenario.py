"""The one validated input schema: command line, URL, scenario JSON file and Python API all use it.

Each field carries its type, bounds, unit and help text together. Percent appears only in widgets;
here rates are fractions.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from .assumptions import DIVISOR_KEYS, SHARE_CAPS, SHARE_UNITS, load_assumptions, value_problem
from .files import FileProblem, json_object, read_small_file
from .format import clean_text, name_in_message

ProjectSize = Literal["small", "medium", "large"]
PROJECT_SIZES: tuple[str, ...] = ("small", "medium", "large")
MAX_PROJECTS = 50
MAX_SCENARIO_BYTES = 200_000
MAX_OVERRIDE_FACTOR = 10  # an assumption override may be at most this many times its plausible high

_Text = Annotated[str, Field(max_length=80)]


class ScenarioError(ValueError):
    """Bad input. ``str(err)`` is one line per problem, each naming the field and what is allowed."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


def scenario_object(text: str | bytes, origin: str = "scenario") -> dict:
    """A scenario file's text as a dict, not yet validated (the command line adds its own values
    before ``Scenario.parse_input``); ``ScenarioError`` naming the file when it is no JSON object."""
    try:
        return json_object(
            text, MAX_SCENARIO_BYTES, origin, "a scenario must be a JSON object {...}"
        )
    except FileProblem as e:
        raise ScenarioError([str(e)]) from None


def read_scenario_object(path: str | Path) -> dict:
    """``scenario_object`` of a file on disk."""
    try:
        raw = read_small_file(path, MAX_SCENARIO_BYTES, "scenario file")
    except FileProblem as e:
        raise ScenarioError([str(e)]) from None
    return scenario_object(raw, str(Path(path)))


def override_bounds(key: str) -> tuple[float, float, bool]:
    """``(low, high, low_excluded)``: the one range an override of assumption ``key`` must fall in,
    used by the schema, the Assumptions page and a rate card alike. ``low_excluded`` for a divisor
    (a CIO tenure of 0 years would divide by zero); shares and chances stop at 1."""
    item = load_assumptions().items[key]
    high = MAX_OVERRIDE_FACTOR * item.high
    if item.unit in SHARE_UNITS:
        high = min(high, 1.0)
    high = min(high, SHARE_CAPS.get(key, high))
    return 0.0, high, key in DIVISOR_KEYS


def in_bounds(key: str, value: float) -> bool:
    """Whether ``value`` is inside ``override_bounds(key)`` (the high end with a rounding margin:
    10 x 0.045 is 0.44999999999999996, and 45% typed on the page is 0.45)."""
    low, high, low_excluded = override_bounds(key)
    above_low = low < value if low_excluded else low <= value
    return above_low and (value <= high or math.isclose(value, high, rel_tol=1e-12))


def checked_number(
    value: object,
    name: str,
    low: float = -math.inf,
    high: float = math.inf,
    whole: bool = False,
) -> int | float:
    """One number from outside (a link, ``s``, a file, a widget message) as an int or float, or
    ``ValueError`` naming ``name`` and the allowed range: never ``OverflowError`` (a 400-digit
    integer), never NaN or infinity, never a value outside ``low`` to ``high``.

    >>> checked_number("12", "employees", 1, 5000, whole=True)
    12
    >>> checked_number(10**400, "salary", 0, 1e6)
    Traceback (most recent call last):
    ValueError: salary must be from 0 to 1,000,000 (got a number with 401 digits)
    """
    shown = {
        low: _fmt(low) if math.isfinite(low) else "",
        high: _fmt(high) if math.isfinite(high) else "",
    }
    if shown[low] and shown[high]:
        allowed = f"from {shown[low]} to {shown[high]}"
    else:
        allowed = (
            f"at least {shown[low]}"
            if shown[low]
            else f"at most {shown[high]}"
            if shown[high]
            else "a number"
        )
    if isinstance(value, bool) or value is None:
        raise ValueError(f"{name} must be a number ({allowed}; got {str(value)[:20]})")
    if isinstance(value, int) and abs(value) >= 10**15:  # float() of 10**400 overflows
        raise ValueError(
            f"{name} must be {allowed} (got a number with {len(str(abs(value)))} digits)"
        )
    try:
        number = float(str(value).strip()[:40] if isinstance(value, str) else value)
    except (TypeError, ValueError, OverflowError):
        raise ValueError(f"{name} must be a number ({allowed}; got {str(value)[:20]!r})") from None
    if not math.isfinite(number):
        raise ValueError(f"{name} must be a finite number, {allowed} (got {number})")
    if not low <= number <= high:
        raise ValueError(f"{name} must be {allowed} (got {number:,.6g})")
    if whole:
        if not number.is_integer():
            raise ValueError(f"{name} must be a whole number, {allowed} (got {number:g})")
        return int(number)
    return int(value) if isinstance(value, int) else number


def override_problem(key: str, value: float) -> str | None:
    """Why ``value`` cannot override assumption ``key``, naming it and the range (None if it can)."""
    items = load_assumptions().items
    if key not in items:
        return f"unknown assumption {key[:60]!r}"
    problem = value_problem(key, items[key].unit, value)
    if problem:
        return f"{key} {problem} (got {value:g})"
    top = MAX_OVERRIDE_FACTOR * items[key].high
    if value > top and not math.isclose(value, top, rel_tol=1e-12):  # keeps costs finite
        return (
            f"{key} must be at most {top:,.6g} ({MAX_OVERRIDE_FACTOR} x the plausible "
            f"high of {items[key].high:,.6g} {items[key].unit}; got {value:g})"
        )
    return None


class Project(BaseModel):
    """A named IT project, such as "Move accounting to AWS"."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

    name: _Text = Field("Project", min_length=1, description="What the project is called")
    size: ProjectSize = Field("medium", description="small, medium or large: sets leadership hours")
    budget: float | None = Field(
        None,
        ge=0,
        le=50_000_000,
        description="Planned cost in USD, before any overrun (empty = the typical budget for its size)",
    )
    start_year: int = Field(1, ge=1, le=10, description="Year the project runs in (1 = first year)")

    @field_validator("name")
    @classmethod
    def _strip(cls, v: str) -> str:
        v = clean_text(v)  # no direction controls or invisible characters in any report
        if not v:
            raise ValueError("must not be blank")
        return v


class Scenario(BaseModel):
    """A company and its IT project load: everything the user can vary.

    Examples
    --------
    >>> Scenario(employees=45, projects_per_year=3).years
    5
    >>> Scenario.parse_input({"employees": 0})
    Traceback (most recent call last):
    ...
    vcio_model.scenario.ScenarioError: employees: must be at least 1 (allowed 1 to 5,000; got 0)
    """

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

    company: _Text = Field("", description="Company name, shown in the verdict and reports")
    employees: int = Field(45, ge=1, le=5000, description="Number of employees (1 to 5,000)")
    devices_per_employee: float | None = Field(
        None, ge=0.5, le=5, description="Devices per employee (empty = the assumption's default)"
    )
    sites: int | None = Field(
        None, ge=1, le=500, description="Number of sites (empty = derived from size)"
    )
    downtime_cost_per_hour: float | None = Field(
        None,
        ge=0,
        le=10_000_000,
        description="What an hour of IT downtime costs the business, USD (empty = derived from size)",
    )
    annual_revenue: float | None = Field(
        None, ge=0, le=1e11, description="Annual revenue in USD (optional; sets downtime cost)"
    )
    projects_per_year: float = Field(3, ge=0, le=50, description="Typical IT projects a year")
    project_size: ProjectSize = Field("medium", description="Size of the typical project")
    projects: list[Project] = Field(
        default_factory=list,
        max_length=MAX_PROJECTS,
        description="Named projects, on top of the typical yearly load",
    )
    years: int = Field(5, ge=1, le=10, description="How many years to compare")
    discount_rate: float = Field(
        0.08, ge=0, le=0.3, description="Yearly discount rate for NPV (fraction)"
    )
    wage_growth: float | None = Field(
        None, ge=-0.05, le=0.2, description="Yearly wage growth (fraction)"
    )
    msp_price_escalation: float | None = Field(
        None, ge=-0.05, le=0.2, description="Yearly rise of MSP and consultant prices (fraction)"
    )
    assumptions: dict[str, float] = Field(
        default_factory=dict, description="Overrides of any key of the assumptions file"
    )

    @field_validator("company")
    @classmethod
    def _clean_company(cls, v: str) -> str:
        return clean_text(v)  # as on screen: "Acme\u202e" printed "M9.1$" reversed in reports

    @field_validator("assumptions")
    @classmethod
    def _known_keys(cls, v: dict[str, float]) -> dict[str, float]:
        for key, value in v.items():
            problem = override_problem(key, value)
            if problem:
                raise ValueError(problem)
        return v

    @model_validator(mode="after")
    def _project_years(self) -> Scenario:
        for i, p in enumerate(self.projects):
            if p.start_year > self.years:
                raise ValueError(
                    f"projects.{i}.start_year is {p.start_year}, after the last year "
                    f"({self.years}); use 1 to {self.years}"
                )
        return self

    # ------------------------------------------------------------------ input helpers
    @classmethod
    def parse_input(cls, data: object) -> Scenario:
        """Validate a dict (parsed JSON, URL or CLI values); raise ``ScenarioError`` on bad input."""
        if not isinstance(data, dict):
            raise ScenarioError([f"scenario: must be a JSON object, got {type(data).__name__}"])
        try:
            return cls.model_validate(data)
        except ValidationError as e:
            raise ScenarioError(describe_errors(e, cls)) from None

    @classmethod
    def from_json(cls, text: str | bytes, origin: str = "scenario") -> Scenario:
        """Read a scenario file's text (the same schema as ``--scenario``)."""
        return cls.parse_input(scenario_object(text, origin))

    @classmethod
    def from_file(cls, path: str | Path) -> Scenario:
        return cls.parse_input(read_scenario_object(path))

    def to_json(self) -> str:
        return self.model_dump_json(indent=2, exclude_defaults=False)

    def updated(self, **changes) -> Scenario:
        """A validated copy with some fields changed."""
        return Scenario.parse_input({**self.model_dump(), **changes})


def _bounds(model: type[BaseModel], loc: tuple) -> tuple[float | None, float | None]:
    """The ge/le bounds of the field at ``loc`` (following nested models), for messages."""
    field_info = None
    current: type[BaseModel] | None = model
    for part in loc:
        if isinstance(part, int) or current is None:
            continue
        field_info = current.model_fields.get(str(part))
        if field_info is None:
            return None, None
        ann = field_info.annotation
        current = Project if ann is not None and "Project" in str(ann) else None
    lo = hi = None
    for m in getattr(field_info, "metadata", []):
        lo = getattr(m, "ge", lo)
        hi = getattr(m, "le", hi)
    return lo, hi


def _got(value: object) -> str:
    """A short, safe rendering of a bad input for a message (never the whole of a huge value)."""
    if isinstance(value, dict | list):
        return type(value).__name__
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 128:
        return "a number with more than 38 digits"  # repr of a huge int can even raise
    text = repr(value)
    return text if len(text) <= 40 else text[:39] + "…"


def _fmt(x: float) -> str:
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,}"


def describe_errors(err: ValidationError, model: type[BaseModel] = Scenario) -> list[str]:
    """Turn pydantic errors into one plain line each: ``field.path: problem (allowed …; got …)``."""
    out = []
    for e in err.errors():
        loc = tuple(p for p in e["loc"] if p not in ("function-after",))
        path = ".".join(str(p) if isinstance(p, int) else name_in_message(p) for p in loc)
        path = path or "scenario"
        lo, hi = _bounds(model, loc)
        got_text = _got(e.get("input"))
        kind = e["type"]
        if (
            kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than")
            and lo is not None
        ):
            word = "at least" if kind.startswith("greater") else "at most"
            limit = lo if kind.startswith("greater") else hi
            msg = f"must be {word} {_fmt(limit)} (allowed {_fmt(lo)} to {_fmt(hi)}; got {got_text})"
        elif kind in (
            "int_parsing",
            "int_parsing_size",
            "int_from_float",
            "float_parsing",
            "int_type",
            "float_type",
            "finite_number",
        ):
            rng = f"; allowed {_fmt(lo)} to {_fmt(hi)}" if lo is not None and hi is not None else ""
            whole = "a whole number" if kind.startswith("int") else "a number"
            msg = f"must be {whole}{rng} (got {got_text})"
        elif kind == "literal_error":
            msg = f"must be one of small, medium, large (got {got_text})"
        elif kind == "extra_forbidden":
            msg = "is not a known field"
        elif kind == "too_long":
            msg = f"is too long ({e['ctx'].get('max_length', '')} at most)"
        elif kind == "string_too_long":
            msg = f"is too long ({e['ctx'].get('max_length', '')} characters at most)"
        elif kind in ("string_type", "string_unicode"):
            msg = f"must be text (got {got_text})"
        elif kind == "string_too_short":
            msg = "must not be empty"
        else:
            msg = e["msg"].removeprefix("Value error, ")
        out.append(f"{path}: {msg}" if not msg.startswith("projects.") else msg)
    return out
