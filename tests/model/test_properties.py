"""Properties that hold over the whole input space (Hypothesis).

The number of examples comes from the Hypothesis profile in tests/conftest.py (``dev`` or ``ci``);
only the slowest tests lower it.
"""

from __future__ import annotations

import math

import numpy as np
import numpy_financial as npf
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from vcio_model import CATEGORIES, Scenario, compare, frontier, sensitivity, simulate
from vcio_model.analyses.compare import Comparison
from vcio_model.engine import option_costs

from .strategies import ASSUMPTIONS, employees, extra_projects, projects_per_year, scenarios

REL = 1e-9  # float noise between two ways of computing the same number


def cost_items(c: Comparison):
    """Every money figure of a comparison as (where, value): upfront, each category and year, NPV."""
    for o in c.options:
        yield f"{o.id} upfront", o.upfront
        yield f"{o.id} npv", o.npv
        yield f"{o.id} total", o.total
        for i, v in enumerate(o.yearly_cost):
            yield f"{o.id} year {i + 1}", v
        for cat in CATEGORIES:
            yield f"{o.id} {cat} upfront", o.upfront_breakdown[cat]
            for i, v in enumerate(o.breakdown[cat]):
                yield f"{o.id} {cat} year {i + 1}", v


def expected_best(c: Comparison) -> tuple[str, float]:
    """The lowest NPV at expected values and its gap to the next (what frontier, sensitivity and
    slider curves rank by; the verdict also asks the simulation, see docs/method.md)."""
    ranked = sorted(c.options, key=lambda o: o.npv)
    return ranked[0].id, ranked[1].npv - ranked[0].npv


def by_category(c: Comparison):
    """{(option, category, year): cost}, year 0 = upfront."""
    out = {}
    for o in c.options:
        for cat in CATEGORIES:
            out[o.id, cat, 0] = o.upfront_breakdown[cat]
            for i, v in enumerate(o.breakdown[cat]):
                out[o.id, cat, i + 1] = v
    return out


def close(a: float, b: float, rel: float = REL) -> bool:
    return math.isclose(a, b, rel_tol=rel, abs_tol=1e-6)


# ---------------------------------------------------------------------------------- no bad costs
@given(scenarios())
def test_no_cost_is_negative_nan_or_infinite(sc):
    bad = [(where, v) for where, v in cost_items(compare(sc)) if not (math.isfinite(v) and v >= 0)]
    assert not bad, bad


@given(scenarios(), st.integers(0, 2**32 - 1))
@settings(max_examples=25)  # a simulation per example
def test_no_simulated_npv_is_negative_nan_or_infinite(sc, seed):
    s = simulate(sc, trials=64, seed=seed)
    for oid, npv in s.npv.items():
        assert npv.shape == (64,)
        assert np.isfinite(npv).all() and (npv >= 0).all(), oid


@given(
    scenarios(),
    st.lists(employees.map(float), min_size=1, max_size=6),
    st.lists(projects_per_year, min_size=1, max_size=6),
)
def test_no_frontier_npv_is_negative_nan_or_infinite(sc, emp, proj):
    f = frontier(sc, employees=emp, projects=proj)
    assert f.npv.shape == (len(f.option_ids), len(proj), len(emp))
    assert np.isfinite(f.npv).all() and (f.npv >= 0).all()
    assert (f.margin >= 0).all()


# ---------------------------------------------------------------------------------- NPV
@given(scenarios())
def test_npv_is_numpy_financial_npv_of_upfront_then_yearly_costs(sc):
    r = sc.discount_rate
    for o in compare(sc).options:
        flows = [o.upfront, *o.yearly_cost]
        assert close(o.npv, float(npf.npv(r, flows)))
        by_hand = sum(x / (1 + r) ** t for t, x in enumerate(flows))
        assert close(o.npv, by_hand)
        # the flows are the sums of the breakdown
        assert close(o.upfront, sum(o.upfront_breakdown.values()))
        for i, y in enumerate(o.yearly_cost):
            assert close(y, sum(o.breakdown[c][i] for c in CATEGORIES))
        assert close(o.total, o.upfront + sum(o.yearly_cost))


@given(scenarios())
def test_rate_zero_npv_is_the_plain_sum(sc):
    c = compare(sc.updated(discount_rate=0.0))
    for o in c.options:
        assert close(o.npv, o.upfront + sum(o.yearly_cost))


@given(scenarios(), st.floats(0.001, 0.3))
def test_a_positive_rate_discounts_below_the_plain_sum(sc, rate):
    for o in compare(sc.updated(discount_rate=rate)).options:
        assert o.npv < o.upfront + sum(o.yearly_cost)


# ---------------------------------------------------------------------------------- monotonicity
SUPPORT_OPTIONS = ("break_fix", "managed", "managed_vcio", "cio_managed", "cio_inhouse")


@given(scenarios(), st.integers(1, 4999))
def test_more_staff_never_makes_support_cheaper(sc, more):
    """Per-user prices fall with volume, but the total support bill never does: the MSP price table
    falls more slowly than 1/employees, the minimum monthly fee is a floor (max), derived sites
    only grow, and ceil(employees / users-per-agent) never falls as the ratio grows slowly."""
    bigger = sc.updated(employees=min(5000, sc.employees + more))
    small, big = compare(sc), compare(bigger)
    for oid in SUPPORT_OPTIONS:
        a, b = small.option(oid), big.option(oid)
        assert b.upfront_breakdown["support"] >= a.upfront_breakdown["support"] * (1 - REL), oid
        for year, (x, y) in enumerate(
            zip(a.breakdown["support"], b.breakdown["support"], strict=True), 1
        ):
            assert y >= x * (1 - REL), (oid, year, x, y)


@given(scenarios())
def test_more_staff_never_makes_support_cheaper_for_any_whole_number_of_staff(sc):
    """The same, exhaustively: every whole number of employees from 1 to 5,000 at once (the
    vectorised engine), so every step of the minimum fee, the sites and the help-desk ceil is hit."""
    emp = np.arange(1.0, 5001.0)
    costs = option_costs(sc, ASSUMPTIONS.with_overrides(sc.assumptions), employees=emp)
    for oid in SUPPORT_OPTIONS:
        up, yearly = costs[oid].upfront["support"], costs[oid].yearly["support"]
        assert up.shape == (5000,) and yearly.shape == (5000, sc.years)
        for name, x in (("upfront", up), ("yearly", yearly)):
            step = np.diff(x, axis=0)
            worst = int(np.argmin(step.min(axis=-1) if step.ndim > 1 else step))
            assert (step >= -REL * x[1:]).all(), (oid, name, f"from {worst + 1} to {worst + 2}")


@given(scenarios(), extra_projects)
def test_adding_a_named_project_never_lowers_any_cost(sc, project):
    assume(len(sc.projects) < 50)
    more = sc.updated(projects=[*[p.model_dump() for p in sc.projects], project])
    before, after = by_category(compare(sc)), by_category(compare(more))
    for key, x in before.items():
        assert after[key] >= x * (1 - REL) - 1e-9, (key, x, after[key])


@given(scenarios(), st.floats(0.01, 50))
def test_more_projects_a_year_never_lower_any_cost(sc, extra):
    more = sc.updated(projects_per_year=min(50.0, sc.projects_per_year + extra))
    before, after = by_category(compare(sc)), by_category(compare(more))
    for key, x in before.items():
        assert after[key] >= x * (1 - REL) - 1e-9, (key, x, after[key])


# ---------------------------------------------------------------------------------- scaling
# Prices: every assumption in US dollars (USD, USD/hour, USD/yr, USD/user/month, USD/month,
# USD/site/month, USD/employee/yr) and the scale of the size table in dollars (CIO salary). The
# MSP's price follows from salaries and tools (the labour model), so msp_price_scale stays.
# Hours, counts, fractions, probabilities and multipliers stay.
PRICE_KEYS = sorted(
    k for k, it in ASSUMPTIONS.items.items() if it.unit == "USD" or it.unit.startswith("USD/")
) + ["cio_salary_scale"]


def test_price_keys_are_the_dollar_assumptions():
    units = {ASSUMPTIONS.items[k].unit for k in PRICE_KEYS}
    assert {"USD", "USD/hour", "USD/yr", "USD/user/month"} <= units
    assert "manager_salary" in PRICE_KEYS and "hours" not in units
    # the table the scale stands for is in dollars; the others are not
    assert ASSUMPTIONS.tables["cio_base_salary"].unit == "USD/yr"
    assert "msp_price_per_user_month" not in ASSUMPTIONS.tables  # model 3: the labour model
    assert ASSUMPTIONS.tables["vcio_hours_month"].unit == "hours/month"
    assert ASSUMPTIONS.tables["helpdesk_users_per_agent"].unit == "users/agent"


@given(scenarios(), st.floats(0.05, 20))
def test_scaling_every_price_by_k_scales_every_cost_by_k(sc, k):
    values = {**ASSUMPTIONS.values(), **sc.assumptions}
    scaled_assumptions = {**sc.assumptions, **{key: values[key] * k for key in PRICE_KEYS}}
    changes = {
        "assumptions": scaled_assumptions,
        "projects": [
            p.model_copy(update={"budget": None if p.budget is None else p.budget * k})
            for p in sc.projects
        ],
    }
    for name in ("downtime_cost_per_hour", "annual_revenue"):
        if getattr(sc, name) is not None:
            changes[name] = getattr(sc, name) * k
    # model_copy: scaled values may pass the schema's upper bounds, which the engine does not need
    scaled = sc.model_copy(update=changes)
    base, big = by_category(compare(sc)), by_category(compare(scaled))
    for key, x in base.items():
        assert math.isclose(big[key], x * k, rel_tol=1e-9, abs_tol=1e-6), (key, x, big[key])
    for a, b in zip(compare(sc).options, compare(scaled).options, strict=True):
        assert math.isclose(b.npv, a.npv * k, rel_tol=1e-9)


# ---------------------------------------------------------------------------------- analyses agree
@given(
    scenarios(),
    st.lists(employees, min_size=1, max_size=3, unique=True),
    st.lists(projects_per_year, min_size=1, max_size=3, unique=True),
)
@settings(suppress_health_check=[HealthCheck.too_slow])
def test_frontier_equals_compare_cell_by_cell(sc, emp, proj):
    f = frontier(sc, employees=emp, projects=proj)
    for i, n in enumerate(f.projects):
        for j, e in enumerate(f.employees):
            c = compare(sc.updated(employees=int(e), projects_per_year=float(n)))
            npv = {o.id: o.npv for o in c.options}
            for k, oid in enumerate(f.option_ids):
                assert close(f.npv[k, i, j], npv[oid]), (e, n, oid)
            best, gap = expected_best(c)
            assert close(f.margin[i, j], gap, rel=1e-7)
            if gap > 1e-7 * npv[best]:  # not a tie
                assert f.cheapest[i, j] == best


@given(scenarios(), st.integers(0, 2**32 - 1))
@settings(max_examples=20)
def test_simulate_is_reproducible_with_a_seed(sc, seed):
    a, b = simulate(sc, trials=50, seed=seed), simulate(sc, trials=50, seed=seed)
    for oid in a.option_ids:
        np.testing.assert_array_equal(a.npv[oid], b.npv[oid])
    other = simulate(sc, trials=50, seed=seed + 1)
    assert any(not np.array_equal(a.npv[o], other.npv[o]) for o in a.option_ids)


def test_simulate_is_centred_on_compare_for_the_default_scenario():
    sc = Scenario()
    c = compare(sc)
    s = simulate(sc, trials=20_000, seed=7).summary().set_index("option")
    by_npv = [o.id for o in sorted(c.options, key=lambda o: o.npv)]
    assert list(s["p50"].sort_values().index) == by_npv
    assert list(s["mean"].sort_values().index) == by_npv
    for o in c.options:
        # the mean of every draw is its expected value; costs are right-skewed, so P50 < mean
        assert s.loc[o.id, "mean"] == pytest.approx(o.npv, rel=0.03)
        assert s.loc[o.id, "p50"] == pytest.approx(o.npv, rel=0.06)
        assert s.loc[o.id, "p10"] < o.npv < s.loc[o.id, "p90"]
    assert s["p_cheapest"].idxmax() == c.recommended


@given(scenarios())
@settings(max_examples=8, suppress_health_check=[HealthCheck.too_slow])  # 2 x 59 compares each
def test_sensitivity_flips_agree_with_compare_at_the_low_and_high(sc):
    df = sensitivity(sc)
    base_best, base_gap = expected_best(compare(sc))
    assert df.attrs["recommended"] == base_best
    assert df.attrs["base_gap"] == pytest.approx(base_gap, rel=1e-7, abs=1e-6)
    best = df.attrs["recommended"]
    for row in df.itertuples():
        assert row.flips == (row.winner_low != best or row.winner_high != best), row.key
        for bound, gap, winner in (
            ("low", row.gap_low, row.winner_low),
            ("high", row.gap_high, row.winner_high),
        ):
            c = compare(sc.updated(assumptions={**sc.assumptions, row.key: getattr(row, bound)}))
            nearest = min(o.npv for o in c.options if o.id != best)  # whichever rival it is
            assert gap == pytest.approx(nearest - c.option(best).npv, rel=1e-7, abs=1e-4), (
                row.key,
                bound,
            )
            cheapest, margin = expected_best(c)
            if margin > 1e-7 * c.option(cheapest).npv:  # not a tie
                assert winner == cheapest, (row.key, bound)
