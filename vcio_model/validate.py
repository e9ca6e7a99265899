"""The model held against published figures: ``validate()`` and ``data/benchmarks.csv``.

Each row of the benchmarks file names a metric, a company size (empty for metrics that are a
size), the published range (low, high) with its unit, source and year, and, where the model is
known to fall outside, the reason (``known_gap``). ``validate`` computes the model's figure for
each row at the default assumptions (or the ones given) and says whether it lies inside.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .assumptions import DATA_DIR, Assumptions, DataFileError, load_assumptions
from .context import HOURS_PER_YEAR, Context

BENCHMARK_COLUMNS = ("metric", "employees", "low", "high", "unit", "source", "year", "known_gap")
METRIC_LABELS = {  # plain words for tables (at most 60 characters each)
    "it_staff_per_100_employees": "IT staff per 100 employees (department and CIO)",
    "it_staffing_cost_per_employee": "IT leadership and support cost per employee a year",
    "msp_price_per_user_month": "MSP price per user a month",
    "comanaged_price_per_user_month": "Co-managed MSP price per user a month",
    "comanaged_share_of_full_price": "Co-managed price as a share of the full MSP price",
    "fractional_cio_monthly_fee": "vCIO retainer a month (no projects)",
    "cio_base_salary": "Full-time CIO base salary",
    "first_full_time_it_leader_size": "Size at which a full-time IT leader first wins",
    "first_internal_it_hire_size": "Size at which a first internal IT person first wins",
}
# Sizes walked to find where an option first wins (the size metrics), and their project load.
SIZE_GRID = np.unique(np.round(np.geomspace(5, 5000, 150)))
SIZE_METRIC_PROJECTS = 3.0


@dataclass(frozen=True)
class Benchmark:
    """One published range: ``metric`` at ``employees`` (None for a size metric)."""

    metric: str
    employees: int | None
    low: float
    high: float
    unit: str
    source: str
    year: str
    known_gap: str


def load_benchmarks(path: str | Path | None = None) -> tuple[Benchmark, ...]:
    """Read ``data/benchmarks.csv`` (or ``path``); a bad row raises ``DataFileError`` naming it.

    Examples
    --------
    >>> rows = load_benchmarks()
    >>> {b.metric for b in rows} == set(METRIC_LABELS)
    True
    """
    path = Path(path) if path is not None else DATA_DIR / "benchmarks.csv"
    out = []
    with path.open(newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        missing = [c for c in BENCHMARK_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise DataFileError(f"{path.name}: missing column(s) {', '.join(missing)}")
        for n, row in enumerate(reader, start=2):
            where = f"{path.name} row {n}"
            metric = (row["metric"] or "").strip()
            if metric not in METRIC_LABELS:
                raise DataFileError(
                    f"{where}: 'metric' must be one of {', '.join(METRIC_LABELS)}, got {metric!r}"
                )
            try:
                emp = (row["employees"] or "").strip()
                employees = int(emp) if emp else None
                low, high = float(row["low"]), float(row["high"])
            except ValueError:
                raise DataFileError(
                    f"{where}: 'employees' (a whole number 1 to 5,000, or empty), 'low' and "
                    "'high' must be numbers"
                ) from None
            if employees is not None and not 1 <= employees <= 5000:
                raise DataFileError(f"{where}: 'employees' must be 1 to 5,000, got {employees}")
            if not (math.isfinite(low) and math.isfinite(high) and low <= high):
                raise DataFileError(f"{where}: need finite low <= high, got {low} / {high}")
            out.append(
                Benchmark(
                    metric=metric,
                    employees=employees,
                    low=low,
                    high=high,
                    unit=(row["unit"] or "").strip(),
                    source=(row["source"] or "").strip(),
                    year=(row["year"] or "").strip(),
                    known_gap=(row["known_gap"] or "").strip(),
                )
            )
    return tuple(out)


# ------------------------------------------------------------------------- the model's figures
def _context(employees: int, a: Assumptions) -> Context:
    from .scenario import Scenario

    return Context(Scenario(employees=employees, projects_per_year=0, years=1), a)


def _first_year(x) -> float:
    return float(np.asarray(x)[..., 0].squeeze())


def _it_staff_per_100(employees: int, a: Assumptions) -> float:
    """An in-house department (first line, systems, security, site visits, team leads), its CIO
    and the CIO's staff for leadership work beyond the CIO's hours, per 100 employees."""
    from .support import first_line_fte, staffing

    ctx = _context(employees, a)
    first = np.maximum(ctx.q("inhouse_min_first_line_fte"), first_line_fte(ctx))
    staff, leads, _ = staffing(ctx, first)
    deputies = np.maximum(0.0, ctx.leadership_work - ctx.q("cio_leadership_capacity_hours"))
    total = staff + leads + 1.0 + deputies / HOURS_PER_YEAR
    return _first_year(total) / employees * 100


def _staffing_cost(employees: int, a: Assumptions) -> float:
    """The cheapest option's leadership and support, upfront included, a year on average over
    the default horizon, per employee (the default scenario at this size)."""
    from .analyses.compare import compare
    from .scenario import Scenario

    c = compare(Scenario(employees=employees), a)
    best = c.option(c.recommended)
    cats = ("leadership", "support")
    total = sum(sum(best.breakdown[k]) + best.upfront_breakdown.get(k, 0.0) for k in cats)
    return total / c.years / employees


def _msp_price(employees: int, a: Assumptions) -> float:
    from .support import msp_fee

    return _first_year(msp_fee(_context(employees, a))) / employees / 12


def _comanaged_fee(employees: int, a: Assumptions) -> float:
    from .support import comanaged_staff, msp_fee

    ctx = _context(employees, a)
    _, covered = comanaged_staff(ctx, "it_manager")
    return _first_year(msp_fee(ctx, covered=covered))


def _comanaged_price(employees: int, a: Assumptions) -> float:
    return _comanaged_fee(employees, a) / employees / 12


def _comanaged_share(employees: int, a: Assumptions) -> float:
    return _comanaged_price(employees, a) / _msp_price(employees, a)


def _vcio_retainer(employees: int, a: Assumptions) -> float:
    """The vCIO's fees for the leadership work a firm of this size needs, no projects, a month."""
    from .leadership import leadership

    lead = leadership(_context(employees, a), "vcio", 0.0)
    return _first_year(lead["cost"][0][0] * lead["cost"][0][1]) / 12


def _cio_base_salary(employees: int, a: Assumptions) -> float:
    return float(a.tables["cio_base_salary"].at(employees) * a["cio_salary_scale"])


def _first_size(kinds: tuple[str, ...]) -> Callable[[int | None, Assumptions], float]:
    def figure(_employees, a: Assumptions) -> float:
        from .analyses.frontier import frontier
        from .scenario import Scenario

        f = frontier(Scenario(), SIZE_GRID, [SIZE_METRIC_PROJECTS], a)
        leaders = np.array([a.option(i).leadership in kinds for i in f.cheapest[0]])
        return float(SIZE_GRID[np.argmax(leaders)]) if leaders.any() else math.inf

    return figure


FIGURES: dict[str, Callable] = {
    "it_staff_per_100_employees": _it_staff_per_100,
    "it_staffing_cost_per_employee": _staffing_cost,
    "msp_price_per_user_month": _msp_price,
    "comanaged_price_per_user_month": _comanaged_price,
    "comanaged_share_of_full_price": _comanaged_share,
    "fractional_cio_monthly_fee": _vcio_retainer,
    "cio_base_salary": _cio_base_salary,
    "first_full_time_it_leader_size": _first_size(("it_manager", "cio")),
    "first_internal_it_hire_size": _first_size(("it_manager", "cio")),
}


def validate(
    assumptions: Assumptions | None = None, benchmarks: tuple[Benchmark, ...] | None = None
) -> list[dict]:
    """The model's figures beside published ranges, one row per benchmark.

    Parameters
    ----------
    assumptions : Assumptions, optional
        The model's inputs (default: ``load_assumptions()``).
    benchmarks : tuple of Benchmark, optional
        The published ranges (default: ``load_benchmarks()``, data/benchmarks.csv).

    Returns
    -------
    list of dict
        ``{"metric", "label", "employees", "low", "high", "unit", "model", "within", "source",
        "year", "known_gap"}``: ``employees`` is None for a metric that is itself a company size
        (``model`` is None there when no option of that kind wins at any size);
        ``within`` says whether ``low <= model <= high``; ``known_gap`` gives the reason where the
        model is known to fall outside ("" otherwise).

    Examples
    --------
    >>> rows = validate()
    >>> all(r["within"] or r["known_gap"] for r in rows)
    True
    """
    a = assumptions if assumptions is not None else load_assumptions()
    rows = []
    cache: dict[tuple[str, int | None], float] = {}
    for b in benchmarks if benchmarks is not None else load_benchmarks():
        key = (b.metric, b.employees)
        if key not in cache:
            cache[key] = float(FIGURES[b.metric](b.employees, a))
        model = cache[key] if math.isfinite(cache[key]) else None  # no option of that kind wins
        rows.append(
            {
                "metric": b.metric,
                "label": METRIC_LABELS[b.metric],
                "employees": b.employees,
                "low": b.low,
                "high": b.high,
                "unit": b.unit,
                "model": model,
                "within": model is not None and bool(b.low <= model <= b.high),
                "source": b.source,
                "year": b.year,
                "known_gap": b.known_gap,
            }
        )
    return rows
