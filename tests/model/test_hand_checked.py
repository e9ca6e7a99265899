"""One hand-checked case per option, the arithmetic written out.

The case: a 50-person firm, 1 year (so the wage and price indices are 1), a discount rate of 0
(so NPV = upfront + year 1), no typical projects and one named medium project, "Move accounting to
AWS", with a budget of $60,000. Nothing else is set, so sites, devices and the downtime cost are
derived from the company size.

Each expected number is computed here, step by step, from the values in data/assumptions.csv and
data/size_tables.csv and the formulas in vcio_model/engine.py, with the numbers written in the
comments; the engine is only called to get the result that is checked.
"""

from __future__ import annotations

import math

import pytest

from vcio_model import Project, Scenario, compare, load_assumptions

A = load_assumptions()
v = A.values()  # the defaults from data/assumptions.csv
TABLE = {name: dict(zip(t.employees, t.values, strict=True)) for name, t in A.tables.items()}

SCENARIO = Scenario(
    company="Hand-checked firm",
    employees=50,
    projects_per_year=0,
    years=1,
    discount_rate=0,
    projects=[Project(name="Move accounting to AWS", size="medium", budget=60_000, start_year=1)],
)
E = 50
HOURS_PER_YEAR = 2080


def test_the_data_values_quoted_in_the_comments():
    """The comments below quote these data values, and each test ends by checking its total
    against the total worked out by hand. If the data changes, redo the arithmetic in the
    comments (the step-by-step expressions follow the data by themselves)."""
    quoted = {
        "manager_salary": 110_000, "benefits_load": 0.421, "staff_loaded_hourly_cost": 44.4,
        "revenue_per_employee": 200_000, "downtime_productivity_loss": 0.5,
        "devices_per_employee": 1.3, "employees_per_site": 75, "leadership_hours_medium": 120,
        "inexperience_multiplier": 1.75, "overrun_base_unled": 0.2, "overrun_base_led": 0.07,
        "black_swan_prob_unled": 0.2, "black_swan_prob_led": 0.06, "black_swan_overrun": 1.0,
        "it_hours_lost_unled": 3, "downtime_factor_led": 0.85, "incident_outage_hours": 40,
        "incident_recovery_cost": 25_000, "vcio_hourly_rate": 200, "vcio_hours_scale": 1.0,
        "vcio_project_share": 0.6, "cio_salary_scale": 1.0, "cio_bonus_share": 0.15,
        "cio_search_fee": 0.3, "cio_time_to_hire_months": 4, "cio_project_capacity_hours": 700,
        "breakfix_hourly_rate": 150, "breakfix_incidents_per_user": 2.5,
        "breakfix_hours_per_incident": 1.0, "breakfix_min_billing_hours": 1,
        "breakfix_afterhours_share": 0.15, "breakfix_afterhours_multiplier": 1.5,
        "breakfix_tools_per_user_month": 25, "msp_price_scale": 1.0, "msp_minimum_monthly": 1500,
        "msp_site_fee_month": 150, "msp_onboarding_months": 1.4, "comanaged_price_factor": 0.9,
        "helpdesk_ratio_scale": 1.0, "helpdesk_salary": 60_000, "inhouse_tools_per_user_month": 15,
        "downtime_hours_break_fix": 20, "downtime_hours_managed": 8, "downtime_hours_inhouse": 9,
        "it_hours_lost_break_fix": 12, "it_hours_lost_managed": 5, "it_hours_lost_inhouse": 4,
        "incident_prob_break_fix": 0.1, "incident_prob_managed": 0.04, "incident_prob_inhouse": 0.06,
    }  # fmt: skip
    assert {k: v[k] for k in quoted} == quoted
    assert TABLE["vcio_hours_month"][50] == 14
    assert TABLE["cio_base_salary"][50] == 155_000
    assert TABLE["msp_price_per_user_month"][50] == 150
    assert (TABLE["helpdesk_users_per_agent"][10], TABLE["helpdesk_users_per_agent"][100]) == (
        40,
        60,
    )


# ---------------------------------------------------------------------------------- shared steps
# The project: 120 leadership hours (medium) and a $60,000 budget.
LEAD_HOURS = v["leadership_hours_medium"]  # 120 h
BUDGET = 60_000
# The internal manager's loaded hourly rate: 110,000 x (1 + 0.421) / 2,080 = 75.1490 $/h
MGR_RATE = v["manager_salary"] * (1 + v["benefits_load"]) / HOURS_PER_YEAR
STAFF_RATE = v["staff_loaded_hourly_cost"]  # 44.40 $/h
# Downtime cost per hour from revenue: 50 x 200,000 / 2,080 x 0.5 = 2,403.85 $/h
DOWNTIME_RATE = E * v["revenue_per_employee"] / HOURS_PER_YEAR * v["downtime_productivity_loss"]
# Expected overrun, a mixture of "typical" and "black swan" projects:
#   unled: (1 - 0.2) x 0.20 + 0.2 x 1.0  = 0.16 + 0.20  = 0.36   -> 0.36 x 60,000   = 21,600
#   led:   (1 - 0.06) x 0.07 + 0.06 x 1.0 = 0.0658 + 0.06 = 0.1258 -> 0.1258 x 60,000 = 7,548
UNLED_OVERRUN = BUDGET * (
    (1 - v["black_swan_prob_unled"]) * v["overrun_base_unled"]
    + v["black_swan_prob_unled"] * v["black_swan_overrun"]
)
LED_OVERRUN = BUDGET * (
    (1 - v["black_swan_prob_led"]) * v["overrun_base_led"]
    + v["black_swan_prob_led"] * v["black_swan_overrun"]
)
# A serious incident costs 40 h of downtime plus outside recovery:
#   40 x 2,403.85 + 25,000 = 96,153.85 + 25,000 = 121,153.85
INCIDENT = v["incident_outage_hours"] * DOWNTIME_RATE + v["incident_recovery_cost"]

# Leadership "none": the manager needs 1.75 x the hours: 120 x 1.75 = 210 h
#   210 x 75.1490 = 15,781.30; the whole year is unled.
NONE_LEADERSHIP = LEAD_HOURS * v["inexperience_multiplier"] * MGR_RATE

# Full-time CIO: base salary at 50 staff from the table, 155,000 x scale 1.0; pay with the 15%
# bonus: 155,000 x 1.15 = 178,250. Year 1 starts with the search: 4 months vacant = 4/12 = 1/3.
CIO_PAY = TABLE["cio_base_salary"][50] * v["cio_salary_scale"] * (1 + v["cio_bonus_share"])
CIO_VACANCY = v["cio_time_to_hire_months"] / 12  # 0.3333
#   upfront search fee: 0.3 x 178,250 = 53,475 (no refill fee in year 1)
CIO_UPFRONT = v["cio_search_fee"] * CIO_PAY
#   salary for 2/3 of the year: 178,250 x 1.421 x 2/3 = 253,293.25 x 2/3 = 168,862.17
#   projects: 120 h x 2/3 = 80 h led, within the 700 x 2/3 = 466.7 h capacity: no contract PM;
#   120 h x 1/3 = 40 h unled, at 1.75 x: 70 h x 75.1490 = 5,260.43
#   leadership = 168,862.17 + 0 + 5,260.43 = 174,122.60
CIO_LEADERSHIP = (
    CIO_PAY * (1 + v["benefits_load"]) * (1 - CIO_VACANCY)
    + max(0.0, LEAD_HOURS * (1 - CIO_VACANCY) - v["cio_project_capacity_hours"] * (1 - CIO_VACANCY))
    * v["contract_pm_rate"]
    + LEAD_HOURS * CIO_VACANCY * v["inexperience_multiplier"] * MGR_RATE
)
#   overruns: unled for 1/3 of the year, led for 2/3: 21,600 / 3 + 7,548 x 2/3 = 7,200 + 5,032
CIO_OVERRUNS = CIO_VACANCY * UNLED_OVERRUN + (1 - CIO_VACANCY) * LED_OVERRUN  # 12,232
#   downtime hours x (1/3 unled + 2/3 x 0.85 led) = x 0.9
CIO_DOWNTIME_FACTOR = CIO_VACANCY + (1 - CIO_VACANCY) * v["downtime_factor_led"]

# Managed services at 50 staff: 150 $/user/month from the table; 50 x 150 = 7,500 > the 1,500
# minimum; sites = max(1, ceil(50 / 75)) = 1 at 150 $/month: 7,500 + 150 = 7,650 a month.
MSP_MONTHLY = (
    max(E * TABLE["msp_price_per_user_month"][50] * v["msp_price_scale"], v["msp_minimum_monthly"])
    + max(1, math.ceil(E / v["employees_per_site"])) * v["msp_site_fee_month"]
)


def check(option_id: str, upfront: dict[str, float], year1: dict[str, float]) -> None:
    """compare()'s breakdown for ``option_id`` equals the hand-worked one, category by category."""
    o = compare(SCENARIO).option(option_id)
    for cat, x in o.upfront_breakdown.items():
        assert x == pytest.approx(upfront.get(cat, 0.0), rel=1e-12, abs=1e-9), (cat, "upfront")
    for cat, ys in o.breakdown.items():
        assert ys == pytest.approx([year1[cat]], rel=1e-12), (cat, "year 1")
    # rate 0 and one year: NPV = upfront + year 1
    assert o.npv == pytest.approx(sum(upfront.values()) + sum(year1.values()), rel=1e-12)


# ---------------------------------------------------------------------------------- the options
def test_break_fix_by_hand():
    # Support: 50 x 1.3 = 65 devices; incidents = 65 / 1.3 x 2.5 = 125 a year, each billed
    #   max(1.0 h, 1 h minimum) = 1 h at 150 $/h, with 15% after hours at 1.5x: x 1.075
    #   125 x 1 x 150 x 1.075 = 20,156.25; tools 50 users x 25 x 12 = 15,000 -> 35,156.25
    incidents = E * v["devices_per_employee"] / v["devices_per_employee"]
    incidents *= v["breakfix_incidents_per_user"]
    billed = max(v["breakfix_hours_per_incident"], v["breakfix_min_billing_hours"])
    premium = 1 + v["breakfix_afterhours_share"] * (v["breakfix_afterhours_multiplier"] - 1)
    support = incidents * billed * v["breakfix_hourly_rate"] * premium
    support += E * v["breakfix_tools_per_user_month"] * 12
    # Staff time: (12 h + 3 h unowned IT work) x 50 x 44.40 = 750 h x 44.40 = 33,300
    staff = (v["it_hours_lost_break_fix"] + v["it_hours_lost_unled"]) * E * STAFF_RATE
    # Downtime: 20 h x 2,403.85 = 48,076.92; incidents 0.1 x 121,153.85 = 12,115.38 -> 60,192.31
    downtime = v["downtime_hours_break_fix"] * DOWNTIME_RATE
    downtime += v["incident_prob_break_fix"] * INCIDENT
    year1 = {
        "leadership": NONE_LEADERSHIP,  # 15,781.30
        "support": support,  # 35,156.25
        "staff_time": staff,  # 33,300.00
        "overruns": UNLED_OVERRUN,  # 21,600.00
        "downtime": downtime,  # 60,192.31
    }  # total 166,029.86
    check("break_fix", {}, year1)
    assert sum(year1.values()) == pytest.approx(166_029.86, abs=0.01)


def test_managed_services_by_hand():
    # Support: 7,650 a month x 12 = 91,800; onboarding upfront 1.4 x 7,650 = 10,710
    # Staff time: (5 h + 3 h unowned) x 50 x 44.40 = 400 h x 44.40 = 17,760
    staff = (v["it_hours_lost_managed"] + v["it_hours_lost_unled"]) * E * STAFF_RATE
    # Downtime: 8 h x 2,403.85 = 19,230.77; incidents 0.04 x 121,153.85 = 4,846.15 -> 24,076.92
    downtime = v["downtime_hours_managed"] * DOWNTIME_RATE + v["incident_prob_managed"] * INCIDENT
    year1 = {
        "leadership": NONE_LEADERSHIP,  # 15,781.30
        "support": MSP_MONTHLY * 12,  # 91,800.00
        "staff_time": staff,  # 17,760.00
        "overruns": UNLED_OVERRUN,  # 21,600.00
        "downtime": downtime,  # 24,076.92
    }
    upfront = {"support": MSP_MONTHLY * v["msp_onboarding_months"]}  # 10,710.00
    check("managed", upfront, year1)  # total 10,710 + 171,018.22 = 181,728.22
    assert sum(upfront.values()) + sum(year1.values()) == pytest.approx(181_728.22, abs=0.01)


def test_vcio_and_managed_services_by_hand():
    # Leadership: retainer 14 h/month at 50 staff x 12 x 200 $/h = 33,600;
    #   the project: 120 h x (0.6 x 200 + 0.4 x 75.1490) = 120 x 150.0596 = 18,007.15
    #   -> 51,607.15; led all year, so overruns are led: 7,548
    retainer = TABLE["vcio_hours_month"][50] * v["vcio_hours_scale"] * 12 * v["vcio_hourly_rate"]
    share = v["vcio_project_share"]
    projects = LEAD_HOURS * (share * v["vcio_hourly_rate"] + (1 - share) * MGR_RATE)
    # Staff time: 5 h x 50 x 44.40 = 11,100 (nothing unowned)
    # Downtime: 8 h x 0.85 x 2,403.85 = 16,346.15; incidents 4,846.15 -> 21,192.31
    downtime = v["downtime_hours_managed"] * v["downtime_factor_led"] * DOWNTIME_RATE
    downtime += v["incident_prob_managed"] * INCIDENT
    year1 = {
        "leadership": retainer + projects,  # 51,607.15
        "support": MSP_MONTHLY * 12,  # 91,800.00
        "staff_time": v["it_hours_lost_managed"] * E * STAFF_RATE,  # 11,100.00
        "overruns": LED_OVERRUN,  # 7,548.00
        "downtime": downtime,  # 21,192.31
    }
    upfront = {"support": MSP_MONTHLY * v["msp_onboarding_months"]}  # 10,710.00
    check("managed_vcio", upfront, year1)  # total 10,710 + 183,247.46 = 193,957.46
    assert sum(upfront.values()) + sum(year1.values()) == pytest.approx(193_957.46, abs=0.01)


def test_cio_and_managed_services_by_hand():
    # Support: co-managed at 0.9 of the MSP price: 7,650 x 0.9 = 6,885 a month -> 82,620 a year;
    #   onboarding 1.4 x 6,885 = 9,639 upfront
    monthly = MSP_MONTHLY * v["comanaged_price_factor"]
    # Staff time: (5 h + 1/3 x 3 h unowned during the vacancy) x 50 x 44.40 = 300 h x 44.40 = 13,320
    staff = (v["it_hours_lost_managed"] + CIO_VACANCY * v["it_hours_lost_unled"]) * E * STAFF_RATE
    # Downtime: 8 h x 0.9 x 2,403.85 = 17,307.69; incidents 4,846.15 -> 22,153.85
    downtime = v["downtime_hours_managed"] * CIO_DOWNTIME_FACTOR * DOWNTIME_RATE
    downtime += v["incident_prob_managed"] * INCIDENT
    year1 = {
        "leadership": CIO_LEADERSHIP,  # 174,122.60
        "support": monthly * 12,  # 82,620.00
        "staff_time": staff,  # 13,320.00
        "overruns": CIO_OVERRUNS,  # 12,232.00
        "downtime": downtime,  # 22,153.85
    }
    upfront = {
        "leadership": CIO_UPFRONT,  # 53,475.00 search fee
        "support": monthly * v["msp_onboarding_months"],  # 9,639.00
    }
    check("cio_managed", upfront, year1)  # total 63,114 + 304,448.45 = 367,562.45
    assert sum(upfront.values()) + sum(year1.values()) == pytest.approx(367_562.45, abs=0.01)


def test_cio_and_in_house_help_desk_by_hand():
    # Users per agent at 50 staff, between the table's 40 at 10 and 60 at 100, linear in log:
    #   40 + (60 - 40) x ln(50 / 10) / ln(100 / 10) = 40 + 20 x 0.69897 = 53.98
    ratio = 40 + (60 - 40) * math.log(50 / 10) / math.log(100 / 10)
    ratio *= v["helpdesk_ratio_scale"]
    # Agents: ceil(50 / 53.98) = ceil(0.926) = 1, at 60,000 x 1.421 = 85,260;
    #   tools 50 x 15 x 12 = 9,000 -> 94,260
    agents = math.ceil(E / ratio)
    support = agents * v["helpdesk_salary"] * (1 + v["benefits_load"])
    support += E * v["inhouse_tools_per_user_month"] * 12
    # Staff time: (4 h + 1/3 x 3 h) x 50 x 44.40 = 250 h x 44.40 = 11,100
    staff = (v["it_hours_lost_inhouse"] + CIO_VACANCY * v["it_hours_lost_unled"]) * E * STAFF_RATE
    # Downtime: 9 h x 0.9 x 2,403.85 = 19,471.15; incidents 0.06 x 121,153.85 = 7,269.23
    #   -> 26,740.38
    downtime = v["downtime_hours_inhouse"] * CIO_DOWNTIME_FACTOR * DOWNTIME_RATE
    downtime += v["incident_prob_inhouse"] * INCIDENT
    year1 = {
        "leadership": CIO_LEADERSHIP,  # 174,122.60
        "support": support,  # 94,260.00
        "staff_time": staff,  # 11,100.00
        "overruns": CIO_OVERRUNS,  # 12,232.00
        "downtime": downtime,  # 26,740.38
    }
    upfront = {"leadership": CIO_UPFRONT}  # 53,475.00
    check("cio_inhouse", upfront, year1)  # total 53,475 + 318,454.98 = 371,929.98
    assert sum(upfront.values()) + sum(year1.values()) == pytest.approx(371_929.98, abs=0.01)


def test_the_hand_checked_ranking():
    # 166,029.86 (break-fix) < 181,728.22 (managed) < 193,957.46 (vCIO) < 367,562.45 < 371,929.98
    c = compare(SCENARIO)
    assert [o.id for o in sorted(c.options, key=lambda o: o.npv)] == [
        "break_fix", "managed", "managed_vcio", "cio_managed", "cio_inhouse"
    ]  # fmt: skip
    assert c.recommended == "break_fix"
    assert c.margin == pytest.approx(181_728.22 - 166_029.86, abs=0.02)
