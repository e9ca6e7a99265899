"""Load the assumptions, the size tables and the option catalogue from ``data/``.

Every number the model uses comes from these files; nothing numeric lives in code.
Rates and shares are fractions (0.08, not 8). Money is in nominal US dollars.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import numpy as np

from .files import FileProblem, read_small_file
from .format import name_in_message

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

ASSUMPTION_COLUMNS = (
    "key",
    "label",
    "group",
    "value",
    "unit",
    "low",
    "high",
    "source",
    "year",
    "estimate",
    "notes",
)


class DataFileError(ValueError):
    """A data file is missing, unreadable or has a bad row. The message names file, row and field."""


@dataclass(frozen=True)
class Assumption:
    """One default with its unit, plausible range and source."""

    key: str
    label: str
    group: str
    value: float
    unit: str
    low: float
    high: float
    source: str
    year: str
    estimate: bool
    notes: str


@dataclass(frozen=True)
class SizeTable:
    """A value that depends on company size, interpolated on log(employees)."""

    name: str
    employees: tuple[float, ...]
    values: tuple[float, ...]
    unit: str

    def at(self, employees):
        """Value for ``employees`` (scalar or array), linear in log(employees), flat beyond the ends.

        Examples
        --------
        >>> t = SizeTable("x", (10.0, 100.0), (1.0, 2.0), "u")
        >>> float(t.at(10)), float(t.at(100)), round(float(t.at(31.6227766)), 3), float(t.at(1000))
        (1.0, 2.0, 1.5, 2.0)
        """
        return np.interp(np.log(employees), np.log(self.employees), self.values)


@dataclass(frozen=True)
class OptionSpec:
    """An option is a leadership component plus a support component (see data/options.csv)."""

    id: str
    name: str
    short_name: str
    leadership: str  # none | vcio | vcio_project | cio | it_manager
    support: str  # break_fix | managed | comanaged | inhouse
    color: str
    coverage_hours_week: str
    single_point_of_failure: str
    strategic_capacity: str
    description: str


LEADERSHIPS = ("none", "vcio", "vcio_project", "cio", "it_manager")
SUPPORTS = ("break_fix", "managed", "comanaged", "inhouse")
TABLE_SCALES = {  # size table -> the assumption that scales it (and carries its low/high)
    "cio_base_salary": "cio_salary_scale",
    "vcio_hours_month": "vcio_hours_scale",
    "vcio_rate_scale": "vcio_rate_size_scale",
    "project_budget_scale": "project_budget_size_scale",
    "project_hours_scale": "project_hours_size_scale",
    "helpdesk_users_per_agent": "helpdesk_ratio_scale",
}
# The engine divides by these, so 0 would make costs infinite or undefined.
DIVISOR_KEYS = frozenset(
    {
        "cio_tenure_years",
        "it_manager_tenure_years",
        "devices_per_employee",
        "employees_per_site",
        "helpdesk_ratio_scale",
        "systems_users_per_admin",
        "security_users_per_analyst",
        "comanaged_users_per_internal",
        "msp_efficiency_half_size",
        "internal_pm_project_hours",
        "it_team_span",
        "overrun_tail_alpha_led",
        "overrun_tail_alpha_unled",
        "black_swan_overrun",  # where the fat tail starts: engine.tail_mean divides by it
    }
)
# The engine divides by 1 minus these (a price at a gross margin), so they stop short of 1.
SHARE_CAPS = {"msp_gross_margin": 0.9}
# No assumption may exceed this (the largest plausible high in data/ is about 1e6): far larger
# values would overflow the engine's sums to infinity.
MAX_VALUE = 1e9
MAX_FILE_BYTES = 1_000_000
# Shares and probabilities: above 1 they make no sense and can turn costs negative.
SHARE_UNITS = frozenset({"fraction", "probability", "probability/yr"})


def value_problem(key: str, unit: str, value: float) -> str | None:
    """Why ``value`` cannot be used for assumption ``key`` (``None`` when it can)."""
    if not math.isfinite(value) or value < 0:
        return "must be a number of 0 or more"
    if key in DIVISOR_KEYS and value <= 0:
        return "must be more than 0"
    if unit in SHARE_UNITS and value > 1:
        return f"is a {unit}: must be 0 to 1"
    if key in SHARE_CAPS and value > SHARE_CAPS[key]:
        return f"must be at most {SHARE_CAPS[key]:g}"
    return None


@dataclass(frozen=True)
class Assumptions:
    """The full set of model inputs that are not part of a scenario."""

    items: dict[str, Assumption]
    tables: dict[str, SizeTable]
    options: tuple[OptionSpec, ...]
    overrides: dict[str, float] = field(default_factory=dict)

    def __getitem__(self, key: str) -> float:
        if key in self.overrides:
            return self.overrides[key]
        return self.items[key].value

    def values(self) -> dict[str, float]:
        """Current value of every assumption (defaults with overrides applied)."""
        return {k: self[k] for k in self.items}

    def with_overrides(self, overrides: dict[str, float]) -> Assumptions:
        """A copy with some values replaced. Unknown keys raise ``KeyError`` naming the key."""
        unknown = sorted(set(overrides) - set(self.items))
        if unknown:
            raise KeyError(f"unknown assumption key(s): {', '.join(unknown)}")
        return replace(self, overrides={**self.overrides, **overrides})

    def option(self, option_id: str) -> OptionSpec:
        for o in self.options:
            if o.id == option_id:
                return o
        raise KeyError(option_id)

    def source_counts(self) -> tuple[int, int]:
        """How many defaults are published figures and how many are estimates.

        >>> sourced, estimated = load_assumptions().source_counts()
        >>> sourced + estimated == len(load_assumptions().items)
        True
        """
        estimated = sum(it.estimate for it in self.items.values())
        return len(self.items) - estimated, estimated

    def to_rows(self) -> list[dict]:
        """Every assumption as a dict (for tables and exports), with its current value."""
        rows = []
        for a in self.items.values():
            row = {c: getattr(a, c) for c in ASSUMPTION_COLUMNS}
            row["default"] = a.value
            row["value"] = self[a.key]
            rows.append(row)
        return rows


def _float(text: str, where: str, name: str, *, required: bool = True) -> float:
    text = (text or "").strip()
    if not text:
        if required:
            raise DataFileError(f"{where}: '{name}' is empty; a number is required")
        return math.nan
    try:
        value = float(text)
    except ValueError:
        raise DataFileError(f"{where}: '{name}' must be a number, got {text[:40]!r}") from None
    if not math.isfinite(value):
        raise DataFileError(f"{where}: '{name}' must be a finite number, got {text[:40]!r}")
    return value


def parse_assumptions_csv(text: str, origin: str = "assumptions.csv") -> dict[str, Assumption]:
    """Parse the assumptions CSV text; raise ``DataFileError`` naming the row and field."""
    reader = csv.DictReader(io.StringIO(text))
    try:
        fieldnames = reader.fieldnames or []
    except csv.Error as e:
        raise DataFileError(f"{origin} row 1: not a readable CSV ({e})") from None
    missing = [c for c in ("key", "value", "low", "high") if c not in fieldnames]
    if missing:
        raise DataFileError(f"{origin}: missing column(s) {', '.join(missing)}")
    items: dict[str, Assumption] = {}
    rows = enumerate(reader, start=2)
    while True:
        try:
            n, row = next(rows)
        except StopIteration:
            break
        except csv.Error as e:  # a NUL character, a field over the csv module's limit
            raise DataFileError(
                f"{origin} row {reader.line_num}: not a readable CSV ({e})"
            ) from None
        key = (row.get("key") or "").strip()
        where = f"{origin} row {n} ({name_in_message(key) if key else 'no key'})"
        if not key:
            raise DataFileError(f"{where}: 'key' is empty")
        if key in items:
            raise DataFileError(f"{where}: key {key[:40]!r} appears twice; each key once")
        value = _float(row["value"], where, "value")
        low = _float(row["low"], where, "low", required=False)
        high = _float(row["high"], where, "high", required=False)
        low = value if math.isnan(low) else low
        high = value if math.isnan(high) else high
        if not low <= value <= high:
            raise DataFileError(f"{where}: need low <= value <= high, got {low} / {value} / {high}")
        if value < 0 or low < 0:
            raise DataFileError(f"{where}: values must not be negative")
        unit = (row.get("unit") or "").strip()
        for name, x in (("value", value), ("low", low), ("high", high)):
            problem = value_problem(key, unit, x)
            if problem:
                raise DataFileError(f"{where}: '{name}' {problem}, got {x:g}")
            if x > MAX_VALUE:  # far beyond any real price or count; keeps every cost finite
                raise DataFileError(
                    f"{where}: '{name}' must be at most {MAX_VALUE:,.0f}, got {x:g}"
                )
        items[key] = Assumption(
            key=key,
            label=(row.get("label") or key).strip(),
            group=(row.get("group") or "").strip(),
            value=value,
            unit=unit,
            low=low,
            high=high,
            source=(row.get("source") or "").strip(),
            year=(row.get("year") or "").strip(),
            estimate=(row.get("estimate") or "").strip().lower() in ("true", "1", "yes"),
            notes=(row.get("notes") or "").strip(),
        )
    return items


def _read_tables(path: Path) -> dict[str, SizeTable]:
    rows: dict[str, list[tuple[float, float, str]]] = {}
    with path.open(newline="", encoding="utf-8") as f:
        for n, row in enumerate(csv.DictReader(f), start=2):
            where = f"{path.name} row {n}"
            emp = _float(row["employees"], where, "employees")
            val = _float(row["value"], where, "value")
            if emp < 1:
                raise DataFileError(f"{where}: 'employees' must be at least 1")
            rows.setdefault(row["table"].strip(), []).append((emp, val, row.get("unit", "")))
    tables = {}
    for name, pts in rows.items():
        pts.sort()
        tables[name] = SizeTable(
            name, tuple(p[0] for p in pts), tuple(p[1] for p in pts), pts[0][2]
        )
    return tables


def _read_options(path: Path) -> tuple[OptionSpec, ...]:
    with path.open(newline="", encoding="utf-8") as f:
        specs = tuple(
            OptionSpec(**{k: (v or "").strip() for k, v in row.items()})
            for row in csv.DictReader(f)
        )
    for s in specs:
        if s.leadership not in LEADERSHIPS or s.support not in SUPPORTS:
            raise DataFileError(
                f"{path.name} ({s.id}): leadership must be one of {LEADERSHIPS} and support one of "
                f"{SUPPORTS}, got {s.leadership!r} / {s.support!r}"
            )
    return specs


@lru_cache(maxsize=8)
def _load(
    data_dir: str, assumptions_text: str | None, origin: str = "uploaded assumptions"
) -> Assumptions:
    d = Path(data_dir)
    if assumptions_text is None:
        path = d / "assumptions.csv"
        items = parse_assumptions_csv(path.read_text(encoding="utf-8"), path.name)
    else:
        items = parse_assumptions_csv(assumptions_text, origin)
        defaults = parse_assumptions_csv((d / "assumptions.csv").read_text(encoding="utf-8"))
        missing = sorted(set(defaults) - set(items))
        if missing:
            raise DataFileError(f"{origin}: missing key(s) {', '.join(missing)}")
    tables = _read_tables(d / "size_tables.csv")
    for table, scale in TABLE_SCALES.items():
        if table not in tables or scale not in items:
            raise DataFileError(f"data: size table {table!r} and assumption {scale!r} are needed")
    return Assumptions(items=items, tables=tables, options=_read_options(d / "options.csv"))


def load_assumptions(
    path: str | Path | None = None, data_dir: str | Path | None = None
) -> Assumptions:
    """Load the defaults from ``data/`` (or an assumptions CSV at ``path`` in the same format).

    Results are cached, so calling this on every rerun costs nothing.

    Examples
    --------
    >>> a = load_assumptions()
    >>> a["wage_growth"]
    0.036
    >>> [o.id for o in a.options]  # doctest: +NORMALIZE_WHITESPACE
    ['break_fix', 'managed', 'managed_vcio', 'managed_vcio_project', 'cio_managed',
     'cio_inhouse', 'cio_comanaged', 'it_manager_managed']
    """
    data_dir = str(data_dir or DATA_DIR)
    if path is None:
        return _load(data_dir, None)
    p = Path(path)
    try:
        raw = read_small_file(p, MAX_FILE_BYTES, "assumptions file")
    except FileProblem as e:
        raise DataFileError(str(e)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DataFileError(f"{p}: the assumptions file is not UTF-8 text") from None
    return _load(data_dir, text, str(p))
