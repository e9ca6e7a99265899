"""Hypothesis strategies over the whole input space of the cost model.

Every field of the scenario schema over its full allowed range (employees 1 to 5,000, 0 to 50
projects a year of any size, 1 to 10 years, a discount rate of 0 to 0.3, the optional company
fields, lists of named projects) and overrides of any assumption within its low and high.
"""

from __future__ import annotations

from hypothesis import strategies as st

from vcio_model import PROJECT_SIZES, Scenario, load_assumptions

ASSUMPTIONS = load_assumptions()
ASSUMPTION_KEYS = tuple(sorted(ASSUMPTIONS.items))

employees = st.integers(1, 5000)
# Whole numbers are the common case; fractions (0.5 a year) are allowed too. 0 and 50 are edges.
projects_per_year = st.one_of(
    st.sampled_from([0.0, 50.0]), st.integers(0, 50).map(float), st.floats(0, 50)
)
project_sizes = st.sampled_from(PROJECT_SIZES)
horizons = st.integers(1, 10)
discount_rates = st.one_of(st.sampled_from([0.0, 0.3]), st.floats(0, 0.3))
budgets = st.one_of(st.none(), st.sampled_from([0.0, 50_000_000.0]), st.floats(0, 50_000_000))


def assumption_value(key: str) -> st.SearchStrategy[float]:
    """A value of assumption ``key`` between its low and its high (both included)."""
    item = ASSUMPTIONS.items[key]
    if item.high <= item.low:
        return st.just(item.value)
    return st.one_of(st.sampled_from([item.low, item.high]), st.floats(item.low, item.high))


ASSUMPTION_VALUES = {k: assumption_value(k) for k in ASSUMPTION_KEYS}


@st.composite
def assumption_overrides(draw, max_size: int = 8) -> dict[str, float]:
    """Overrides of up to ``max_size`` assumptions, each within its low and high."""
    keys = draw(st.lists(st.sampled_from(ASSUMPTION_KEYS), max_size=max_size, unique=True))
    return {k: draw(ASSUMPTION_VALUES[k]) for k in keys}


NAMES = st.sampled_from(["ERP", "Move accounting to AWS", "Wi-Fi", "x"])


@st.composite
def named_projects(draw, years: int, max_size: int = 4) -> list[dict]:
    """Named projects that start within a horizon of ``years``."""
    return [
        {
            "name": draw(NAMES),
            "size": draw(project_sizes),
            "budget": draw(budgets),
            "start_year": draw(st.integers(1, years)),
        }
        for _ in range(draw(st.integers(0, max_size)))
    ]


OPTIONAL_FIELDS = {
    "sites": st.integers(1, 500),
    "devices_per_employee": st.floats(0.5, 5),
    "downtime_cost_per_hour": st.one_of(st.just(0.0), st.floats(0, 10_000_000)),
    "annual_revenue": st.floats(0, 1e11),
    "wage_growth": st.floats(-0.05, 0.2),
    "msp_price_escalation": st.floats(-0.05, 0.2),
}


@st.composite
def scenario_dicts(draw, *, overrides: bool = True) -> dict:
    """The raw input (as a scenario file or the command line would give it)."""
    years = draw(horizons)
    data = {
        "employees": draw(employees),
        "projects_per_year": draw(projects_per_year),
        "project_size": draw(project_sizes),
        "years": years,
        "discount_rate": draw(discount_rates),
        "projects": draw(named_projects(years)),
    }
    for name, strategy in OPTIONAL_FIELDS.items():
        if draw(st.booleans()):
            data[name] = draw(strategy)
    if overrides:
        data["assumptions"] = draw(assumption_overrides())
    return data


def scenarios(*, overrides: bool = True) -> st.SearchStrategy[Scenario]:
    """Valid scenarios over the whole input space."""
    return scenario_dicts(overrides=overrides).map(Scenario.parse_input)


# A project that can be added to any scenario (it starts in year 1, inside every horizon).
extra_projects = st.fixed_dictionaries(
    {"name": st.just("Added"), "size": project_sizes, "budget": budgets, "start_year": st.just(1)}
)
