"""Unit tests: one class per public function, each edge case named for what it is."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import numpy_financial as npf
import pandas as pd
import pytest

from vcio_model import (
    CATEGORIES,
    SLIDER_RANGES,
    DataFileError,
    Project,
    Scenario,
    ScenarioError,
    compare,
    frontier,
    load_assumptions,
    load_presets,
    money,
    percent,
    plural,
    sensitivity,
    simulate,
    slider_curve,
)
from vcio_model.analyses.simulate import _around
from vcio_model.assumptions import DATA_DIR, SizeTable, parse_assumptions_csv
from vcio_model.engine import OptionCosts, option_costs

DEFAULTS_CSV = (DATA_DIR / "assumptions.csv").read_text(encoding="utf-8")


def problems(data) -> str:
    """The one-line message ``Scenario.parse_input`` raises for ``data``."""
    with pytest.raises(ScenarioError) as err:
        Scenario.parse_input(data)
    assert "\n" not in str(err.value)
    return str(err.value)


# ---------------------------------------------------------------------------------- format
class TestMoney:
    def test_millions_get_one_decimal(self):
        assert money(1_234_567) == "$1.2M"

    def test_a_hundred_million_and_more_get_no_decimal(self):
        assert money(123_456_789) == "$123M"

    def test_tens_of_thousands_round_to_whole_thousands(self):
        assert money(45_300) == "$45k"

    def test_thousands_keep_one_decimal_but_drop_a_trailing_zero(self):
        assert (money(1_250), money(2_000)) == ("$1.2k", "$2k")

    def test_below_a_thousand_is_whole_dollars(self):
        assert (money(950), money(0), money(0.4)) == ("$950", "$0", "$0")

    def test_just_below_a_million_rounds_up_to_millions_not_1000k(self):
        assert (money(999_499), money(999_500)) == ("$999k", "$1.0M")

    def test_negative_amounts_put_the_sign_before_the_dollar(self):
        assert money(-2_500_000) == "-$2.5M"

    def test_exact_gives_whole_dollars_with_separators(self):
        assert money(1_234_567.6, exact=True) == "$1,234,568"

    @pytest.mark.parametrize("bad", [None, math.nan, math.inf, -math.inf])
    def test_missing_or_non_finite_is_not_available(self, bad):
        assert money(bad) == "n/a"


class TestPercent:
    def test_fraction_to_whole_percent(self):
        assert percent(0.08) == "8%"

    def test_digits(self):
        assert percent(0.0825, 1) == "8.2%"


class TestPlural:
    def test_one_is_singular(self):
        assert plural(1, "year") == "1 year"

    def test_zero_and_fractions_are_plural(self):
        assert (plural(0, "project"), plural(2.5, "project")) == ("0 projects", "2.5 projects")


# ---------------------------------------------------------------------------------- size tables
class TestSizeTableAt:
    table = SizeTable("t", (10.0, 100.0, 1000.0), (40.0, 60.0, 100.0), "u")

    def test_exact_at_the_points(self):
        assert [float(self.table.at(e)) for e in (10, 100, 1000)] == [40, 60, 100]

    def test_linear_in_log_employees_between_points(self):
        # the geometric midpoint of 10 and 100 is sqrt(1000) = 31.62: halfway, 50
        assert float(self.table.at(math.sqrt(1000))) == pytest.approx(50)
        # 50 is log10(5) = 0.699 of the way from 10 to 100
        assert float(self.table.at(50)) == pytest.approx(40 + 20 * math.log10(5))

    def test_flat_below_the_first_point_and_beyond_the_last(self):
        assert (float(self.table.at(1)), float(self.table.at(5000))) == (40.0, 100.0)

    def test_arrays_in_arrays_out(self):
        out = self.table.at(np.array([[10.0, 100.0], [1000.0, 5000.0]]))
        np.testing.assert_allclose(out, [[40, 60], [100, 100]])

    def test_the_data_tables_are_defined_for_every_allowed_size(self):
        for t in load_assumptions().tables.values():
            assert t.employees[0] <= 10 and t.employees[-1] >= 5000, t.name
            assert list(t.employees) == sorted(t.employees)


# ---------------------------------------------------------------------------------- assumptions
class TestLoadAssumptions:
    def test_defaults_come_from_the_data_file(self):
        a = load_assumptions()
        assert a["wage_growth"] == 0.036
        assert set(a.values()) == set(a.items)
        assert [o.id for o in a.options] == [
            "break_fix", "managed", "managed_vcio", "managed_vcio_project", "cio_managed",
            "cio_inhouse", "cio_comanaged", "it_manager_managed",
        ]  # fmt: skip

    def test_is_cached(self):
        assert load_assumptions() is load_assumptions()

    def test_every_default_lies_within_its_low_and_high(self):
        for it in load_assumptions().items.values():
            assert it.low <= it.value <= it.high, it.key

    def test_every_default_has_a_source_or_is_marked_an_estimate_with_a_reason(self):
        for it in load_assumptions().items.values():
            assert it.unit, it.key
            assert it.source or (it.estimate and it.notes), it.key

    def test_a_file_in_the_same_format_replaces_the_defaults(self, tmp_path):
        path = tmp_path / "mine.csv"
        line = next(x for x in DEFAULTS_CSV.splitlines() if x.startswith("vcio_hourly_rate,"))
        path.write_text(DEFAULTS_CSV.replace(line, line.replace(",Leadership: vCIO,200,", ",Leadership: vCIO,250,")))  # fmt: skip
        a = load_assumptions(path)
        assert a["vcio_hourly_rate"] == 250
        sc = Scenario()
        assert compare(sc, a).option("managed_vcio").npv > compare(sc).option("managed_vcio").npv

    def test_a_missing_file_names_the_path(self, tmp_path):
        with pytest.raises(DataFileError, match=r"nope\.csv: cannot read the assumptions file"):
            load_assumptions(tmp_path / "nope.csv")

    def test_a_binary_file_is_not_utf8_text(self, tmp_path):
        path = tmp_path / "x.csv"
        path.write_bytes(b"\xff\xfe\x00bad")
        with pytest.raises(DataFileError, match="not UTF-8"):
            load_assumptions(path)

    def test_a_file_missing_keys_lists_them(self, tmp_path):
        path = tmp_path / "short.csv"
        path.write_text("\n".join(DEFAULTS_CSV.splitlines()[:3]) + "\n")
        with pytest.raises(DataFileError, match=r"short\.csv: missing key\(s\) .*wage_growth"):
            load_assumptions(path)

    def test_a_bad_row_in_a_file_names_the_file_row_and_field(self, tmp_path):
        path = tmp_path / "bad.csv"
        lines = DEFAULTS_CSV.splitlines()
        lines[4] = lines[4].replace(",75,", ",lots,")  # employees_per_site, row 5
        path.write_text("\n".join(lines) + "\n")
        with pytest.raises(DataFileError) as err:
            load_assumptions(path)
        assert str(err.value) == (
            f"{path} row 5 (employees_per_site): 'value' must be a number, got 'lots'"
        )


def csv_rows(*rows: str) -> str:
    return "key,value,low,high,unit\n" + "\n".join(rows) + "\n"


class TestParseAssumptionsCsv:
    def test_a_good_row(self):
        items = parse_assumptions_csv(csv_rows("x,2,1,3,hours"), "f.csv")
        assert (items["x"].value, items["x"].low, items["x"].high, items["x"].unit) == (
            2, 1, 3, "hours"
        )  # fmt: skip

    def test_empty_low_and_high_default_to_the_value(self):
        items = parse_assumptions_csv(csv_rows("x,2,,,hours"))
        assert (items["x"].low, items["x"].high) == (2, 2)

    def test_a_missing_column_is_named(self):
        with pytest.raises(DataFileError, match="f.csv: missing column.*high"):
            parse_assumptions_csv("key,value,low\nx,1,1\n", "f.csv")

    def test_a_value_that_is_not_a_number_names_row_and_field(self):
        with pytest.raises(DataFileError, match=r"f\.csv row 3 \(y\): 'value' must be a number"):
            parse_assumptions_csv(csv_rows("x,1,1,1,u", "y,abc,1,2,u"), "f.csv")

    def test_an_empty_value_names_row_and_field(self):
        with pytest.raises(DataFileError, match=r"row 2 \(x\): 'value' is empty"):
            parse_assumptions_csv(csv_rows("x,,1,2,u"))

    def test_an_infinite_value_is_not_a_finite_number(self):
        with pytest.raises(DataFileError, match="'high' must be a finite number"):
            parse_assumptions_csv(csv_rows("x,1,0,inf,u"))

    def test_an_empty_key(self):
        with pytest.raises(DataFileError, match=r"row 2 \(no key\): 'key' is empty"):
            parse_assumptions_csv(csv_rows(",1,1,1,u"))

    def test_a_key_listed_twice(self):
        with pytest.raises(DataFileError, match=r"row 3 \(x\): key 'x' appears twice"):
            parse_assumptions_csv(csv_rows("x,1,1,1,u", "x,2,2,2,u"))

    def test_value_outside_low_and_high(self):
        with pytest.raises(DataFileError, match="need low <= value <= high, got 2.0 / 5.0 / 4.0"):
            parse_assumptions_csv(csv_rows("x,5,2,4,u"))

    def test_negative_values(self):
        with pytest.raises(DataFileError, match="must not be negative"):
            parse_assumptions_csv(csv_rows("x,-1,-2,0,u"))

    def test_zero_for_a_value_the_model_divides_by(self):
        with pytest.raises(DataFileError, match=r"'low' must be more than 0, got 0"):
            parse_assumptions_csv(csv_rows("cio_tenure_years,4,0,5,years"))

    def test_a_probability_above_one(self):
        with pytest.raises(
            DataFileError, match=r"'high' is a probability: must be 0 to 1, got 1.5"
        ):
            parse_assumptions_csv(csv_rows("black_swan_prob_led,0.5,0,1.5,probability"))


class TestAssumptionsWithOverrides:
    def test_overrides_replace_values_without_changing_the_defaults(self):
        a = load_assumptions()
        b = a.with_overrides({"vcio_hourly_rate": 250})
        assert (a["vcio_hourly_rate"], b["vcio_hourly_rate"]) == (200, 250)
        assert b.items is a.items

    def test_an_unknown_key_is_named(self):
        with pytest.raises(KeyError, match="no_such_key"):
            load_assumptions().with_overrides({"no_such_key": 1})

    def test_to_rows_gives_default_and_current_value(self):
        rows = {
            r["key"]: r for r in load_assumptions().with_overrides({"wage_growth": 0.05}).to_rows()
        }
        assert (rows["wage_growth"]["default"], rows["wage_growth"]["value"]) == (0.036, 0.05)


# ---------------------------------------------------------------------------------- scenario
class TestScenarioParseInput:
    def test_defaults(self):
        sc = Scenario.parse_input({})
        assert (sc.employees, sc.projects_per_year, sc.years, sc.discount_rate) == (45, 3, 5, 0.08)

    def test_strings_from_the_command_line_are_converted(self):
        sc = Scenario.parse_input({"employees": "120", "projects_per_year": "2.5", "years": "3"})
        assert (sc.employees, sc.projects_per_year, sc.years) == (120, 2.5, 3)

    def test_below_the_range_names_the_field_and_the_allowed_range(self):
        assert problems({"employees": 0}) == (
            "employees: must be at least 1 (allowed 1 to 5,000; got 0)"
        )

    def test_above_the_range(self):
        assert problems({"discount_rate": 8}) == (
            "discount_rate: must be at most 0.3 (allowed 0 to 0.3; got 8)"
        )

    def test_not_a_whole_number(self):
        assert problems({"employees": "abc"}) == (
            "employees: must be a whole number; allowed 1 to 5,000 (got 'abc')"
        )

    def test_a_fraction_where_a_whole_number_is_needed(self):
        assert problems({"years": 2.5}).startswith("years: must be a whole number; allowed 1 to 10")

    def test_not_a_number_is_rejected_with_its_range(self):
        assert problems({"projects_per_year": "nan"}) == (
            "projects_per_year: must be a number; allowed 0 to 50 (got 'nan')"
        )

    def test_an_unknown_project_size_lists_the_sizes(self):
        assert problems({"project_size": "huge"}) == (
            "project_size: must be one of small, medium, large (got 'huge')"
        )

    def test_a_nested_field_is_named_by_its_path(self):
        bad = {"projects": [{}, {}, {"budget": -5}]}
        assert problems(bad) == (
            "projects.2.budget: must be at least 0 (allowed 0 to 50,000,000; got -5)"
        )

    def test_every_problem_is_listed_on_one_line(self):
        msg = problems({"employees": 0, "years": 11, "projects": [{"size": "x"}]})
        assert msg.count(";") >= 2
        for field in ("employees:", "years:", "projects.0.size:"):
            assert field in msg

    def test_a_project_after_the_last_year(self):
        assert problems({"years": 2, "projects": [{"start_year": 5}]}) == (
            "projects.0.start_year is 5, after the last year (2); use 1 to 2"
        )

    def test_an_unknown_field(self):
        assert problems({"employes": 5}) == "employes: is not a known field"

    def test_an_unknown_assumption(self):
        assert problems({"assumptions": {"vcio_rate": 1}}) == (
            "assumptions: unknown assumption 'vcio_rate'"
        )

    def test_a_negative_assumption(self):
        assert problems({"assumptions": {"vcio_hourly_rate": -1}}) == (
            "assumptions: vcio_hourly_rate must be a number of 0 or more (got -1)"
        )

    def test_zero_for_an_assumption_the_model_divides_by(self):
        assert problems({"assumptions": {"cio_tenure_years": 0}}) == (
            "assumptions: cio_tenure_years must be more than 0 (got 0)"
        )

    def test_a_share_above_one(self):
        assert problems({"assumptions": {"vcio_project_share": 1.5}}) == (
            "assumptions: vcio_project_share is a fraction: must be 0 to 1 (got 1.5)"
        )

    def test_not_an_object(self):
        assert problems([1, 2]) == "scenario: must be a JSON object, got list"

    def test_infinity_is_not_a_number(self):
        assert problems({"downtime_cost_per_hour": math.inf}).startswith(
            "downtime_cost_per_hour: must be a number"
        )

    def test_company_name_whitespace_is_collapsed(self):
        assert Scenario.parse_input({"company": "  Acme \n Ltd "}).company == "Acme Ltd"

    def test_a_blank_project_name(self):
        assert "projects.0.name" in problems({"projects": [{"name": "   "}]})

    def test_fifty_named_projects_are_allowed_and_fifty_one_are_not(self):
        assert len(Scenario.parse_input({"projects": [{}] * 50}).projects) == 50
        assert problems({"projects": [{}] * 51}).startswith("projects: is too long (50 at most)")


class TestScenarioFiles:
    def test_round_trip_through_json(self):
        sc = Scenario(employees=12, projects=[Project(name="ERP", size="large", budget=1e5)])
        assert Scenario.from_json(sc.to_json()) == sc

    def test_invalid_json_names_the_origin(self):
        with pytest.raises(ScenarioError, match=r"^my\.json: not valid JSON"):
            Scenario.from_json("{bad", origin="my.json")

    def test_a_missing_file_names_the_path(self, tmp_path):
        with pytest.raises(ScenarioError, match="cannot read the scenario file"):
            Scenario.from_file(tmp_path / "none.json")

    def test_a_file_too_large(self):
        with pytest.raises(ScenarioError, match="larger than 200 kB"):
            Scenario.from_json(" " * 200_001)

    def test_updated_validates_the_change(self):
        with pytest.raises(ScenarioError, match="employees"):
            Scenario().updated(employees=0)


# ---------------------------------------------------------------------------------- presets
class TestLoadPresets:
    def test_every_preset_is_a_valid_scenario_with_a_title(self):
        presets = load_presets()
        assert len(presets) >= 5
        for pid, (title, sc) in presets.items():
            assert title and isinstance(sc, Scenario), pid


# ---------------------------------------------------------------------------------- engine
class TestOptionCostsNpv:
    def costs(self, upfront, yearly):
        return OptionCosts({"support": [np.asarray(upfront)]}, {"support": [np.asarray(yearly)]},
                           np.zeros(np.shape(yearly)), years=np.shape(yearly)[-1])  # fmt: skip

    def test_npv_zero_rate_is_plain_sum(self):
        assert self.costs(100.0, [10.0, 20.0, 30.0]).npv(0.0) == pytest.approx(160.0)

    def test_npv_discounts_year_i_by_1_plus_rate_to_the_i(self):
        assert self.costs(100.0, [110.0, 121.0]).npv(0.1) == pytest.approx(300.0)

    def test_npv_on_a_batch_matches_numpy_financial_row_by_row(self):
        up, yearly = np.array([1.0, 2.0]), np.array([[10.0, 20.0], [30.0, 40.0]])
        out = self.costs(up, yearly).npv(0.07)
        for i in range(2):
            assert out[i] == pytest.approx(npf.npv(0.07, [up[i], *yearly[i]]))

    def test_terms_of_different_shapes_broadcast_to_the_grid(self):
        oc = OptionCosts(
            {"leadership": [np.array([[1.0, 2.0]])]},  # depends on the column only
            {"support": [np.full((1, 2, 1), 10.0), np.array([[[1.0]], [[2.0]], [[3.0]]])]},
            np.zeros((1, 1, 1)),
            years=1,
        )
        assert oc.batch_shape == (3, 2)
        np.testing.assert_allclose(oc.npv(0.0), [[12, 13], [13, 14], [14, 15]])
        np.testing.assert_allclose(oc.yearly["support"][..., 0], [[11, 11], [12, 12], [13, 13]])

    def test_full_arrays_are_new_arrays(self):
        """Changing one option's arrays cannot change another's (options share leadership terms)."""
        costs = option_costs(Scenario(), load_assumptions())
        costs["break_fix"].yearly["leadership"][:] = 0
        assert (costs["managed"].yearly["leadership"] > 0).all()


# ---------------------------------------------------------------------------------- compare
class TestCompare:
    sc = Scenario(company="Acme", employees=120, projects_per_year=6)  # a clear verdict

    def test_recommends_the_lowest_npv_and_the_margin_is_to_the_runner_up(self):
        c = compare(self.sc)
        ranked = sorted(c.options, key=lambda o: o.npv)
        assert (c.recommended, c.runner_up) == (ranked[0].id, ranked[1].id)
        assert c.margin == pytest.approx(ranked[1].npv - ranked[0].npv)

    def test_the_verdict_is_one_sentence_naming_company_winner_and_money(self):
        c = compare(self.sc)
        assert not c.close_call
        assert c.verdict.startswith("For Acme with 6 medium projects a year, ")
        assert c.verdict.count(".") >= 1 and "\n" not in c.verdict
        assert money(c.option(c.recommended).npv) in c.verdict and money(c.margin) in c.verdict

    def test_without_a_company_name_the_verdict_names_the_size(self):
        assert compare(Scenario(employees=1200)).verdict.startswith("For a 1,200-person firm")

    def test_reasons_name_categories_where_the_winner_saves(self):
        c = compare(self.sc)
        assert 1 <= len(c.reasons) <= 4
        assert all(r.endswith(".") for r in c.reasons)

    def test_every_option_has_every_category_for_every_year(self):
        c = compare(self.sc.updated(years=7))
        for o in c.options:
            assert set(o.breakdown) == set(CATEGORIES)
            assert all(len(v) == 7 for v in o.breakdown.values())
            assert len(o.yearly_cost) == 7

    def test_cost_per_employee_year(self):
        o = compare(self.sc).option("managed")
        assert o.cost_per_employee_year == pytest.approx(o.total / self.sc.employees / 5)

    def test_the_biggest_driver_is_the_largest_category(self):
        o = compare(self.sc).option("cio_inhouse")
        totals = o.category_totals()
        assert o.biggest_driver == max(totals, key=totals.get) == "leadership"

    def test_to_dict_is_strict_json(self):
        d = json.loads(json.dumps(compare(self.sc).to_dict(), allow_nan=False))
        assert {"discount_rate", "years", "recommended", "verdict", "options"} <= set(d)
        assert {"id", "name", "upfront", "yearly_cost", "npv", "breakdown"} <= set(d["options"][0])

    def test_summary_frame_one_row_per_option(self):
        df = compare(self.sc).summary_frame()
        assert list(df["option"]) == [o.id for o in load_assumptions().options]
        assert {"upfront", "year_1", "year_5", "total", "npv"} <= set(df.columns)

    def test_breakdown_frame_adds_up_to_the_totals(self):
        c = compare(self.sc)
        sums = c.breakdown_frame().groupby("option")["cost"].sum()
        for o in c.options:
            assert sums[o.id] == pytest.approx(o.total)

    def test_monthly_cumulative_starts_at_upfront_and_ends_at_the_total(self):
        c = compare(self.sc)
        df = c.monthly_cumulative()
        for o in c.options:
            m = df[df["option"] == o.id]["cumulative"].to_numpy()
            assert len(m) == 61 and m[0] == pytest.approx(o.upfront)
            assert m[-1] == pytest.approx(o.total)
            assert (np.diff(m) > 0).all()

    def test_an_unknown_option_id(self):
        with pytest.raises(StopIteration):
            compare(self.sc).option("nope")


# ---------------------------------------------------------------------------------- frontier
class TestFrontier:
    def test_default_grid(self):
        f = frontier(Scenario())
        assert (len(f.employees), len(f.projects)) == (40, 21)
        n = len(load_assumptions().options)
        assert f.npv.shape == (n, 21, 40) and f.cheapest.shape == (21, 40)

    def test_cheapest_is_the_argmin_and_margin_the_gap_to_the_second(self):
        f = frontier(Scenario(), employees=[10, 100, 1000], projects=[0, 5])
        order = np.sort(f.npv, axis=0)
        np.testing.assert_allclose(f.margin, order[1] - order[0])
        idx = np.argmin(f.npv, axis=0)
        assert (f.cheapest == np.asarray(f.option_ids, dtype=object)[idx]).all()

    def test_crossovers_list_each_change_along_the_employee_axis(self):
        f = frontier(Scenario(), employees=[10, 100, 1000, 5000], projects=[0])
        df = f.crossovers()
        row = list(f.cheapest[0])
        changes = sum(a != b for a, b in zip(row, row[1:], strict=False))
        assert len(df) == changes > 0
        first = df.iloc[0]
        assert first["before"] == row[0] and first["before"] != first["after"]

    def test_no_crossovers_gives_an_empty_frame_with_its_columns(self):
        f = frontier(Scenario(), employees=[45], projects=[3])
        assert f.crossovers().empty and "employees_from" in f.crossovers().columns


# ---------------------------------------------------------------------------------- simulate
class TestSimulate:
    def test_trials_out_of_range(self):
        for trials in (0, 200_001):
            with pytest.raises(ValueError, match="trials: must be between 1 and 200,000"):
                simulate(Scenario(), trials=trials)

    def test_summary_percentiles_in_order_and_chances_add_to_one(self):
        df = simulate(Scenario(), trials=2000, seed=3).summary()
        assert (df["p10"] <= df["p50"]).all() and (df["p50"] <= df["p90"]).all()
        assert df["p_cheapest"].sum() == pytest.approx(1.0)

    def test_a_single_trial(self):
        s = simulate(Scenario(), trials=1, seed=0)
        assert all(v.shape == (1,) for v in s.npv.values())

    def test_samples_frame_caps_the_rows_per_option(self):
        df = simulate(Scenario(), trials=300, seed=1).samples_frame(max_rows=100)
        n = len(load_assumptions().options)
        assert len(df) == n * 100 and set(df.columns) == {"option", "name", "npv"}

    def test_an_assumption_fixed_by_the_scenario_is_not_drawn(self):
        """With every option's main uncertain inputs fixed, the spread narrows."""
        free = simulate(Scenario(), trials=3000, seed=5).summary().set_index("option")
        fixed_keys = {"vcio_hourly_rate": 200, "vcio_hours_scale": 1.0, "msp_price_scale": 1.0}
        fixed = simulate(Scenario(assumptions=fixed_keys), trials=3000, seed=5)
        fixed = fixed.summary().set_index("option")
        spread = lambda s: s.loc["managed_vcio", "p90"] - s.loc["managed_vcio", "p10"]  # noqa: E731
        assert spread(fixed) < spread(free)


class TestAround:
    """The draw for each assumption: between low and high, most likely and on average the value."""

    def test_mean_is_the_value_for_a_skewed_range(self):
        x = _around(np.random.default_rng(0).random(400_000), 14.0, 20.0, 40.0)
        assert x.mean() == pytest.approx(20.0, rel=2e-3)
        assert 14.0 <= x.min() and x.max() <= 40.0

    def test_the_value_is_the_most_likely(self):
        x = _around(np.random.default_rng(0).random(400_000), 0.0, 3.0, 10.0)
        counts, edges = np.histogram(x, bins=20, range=(0, 10))
        centres = (edges[:-1] + edges[1:]) / 2
        assert abs(centres[np.argmax(counts)] - 3.0) <= 0.25  # the bin just below or above 3

    def test_no_range_gives_the_value(self):
        assert (_around(np.random.default_rng(0).random(10), 5.0, 5.0, 5.0) == 5.0).all()

    def test_a_value_at_the_low_end_must_stay_there_to_keep_its_mean(self):
        assert (_around(np.random.default_rng(0).random(10), 1.0, 1.0, 2.0) == 1.0).all()

    def test_it_is_a_quantile_function(self):
        """Increasing in u, from low at u = 0 to high at u = 1, so that draws sharing a quantile
        (correlated figures) move together."""
        u = np.linspace(0, 1, 1001)
        x = _around(u, 14.0, 20.0, 40.0)
        assert (np.diff(x) >= 0).all() and x[0] == pytest.approx(14.0) and x[-1] == 40.0


# ---------------------------------------------------------------------------------- sensitivity
class TestSensitivity:
    def test_one_row_per_assumption_with_a_range_sorted_by_swing(self):
        a = load_assumptions()
        df = sensitivity(Scenario())
        assert set(df["key"]) == {k for k, it in a.items.items() if it.high > it.low}
        assert (np.diff(df["swing"]) <= 0).all()
        assert (df["swing"] == (df["gap_high"] - df["gap_low"]).abs()).all()

    def test_base_gap_is_compares_margin(self):
        sc = Scenario()
        df, c = sensitivity(sc), compare(sc)
        ranked = sorted(c.options, key=lambda o: o.npv)  # expected values, as the sensitivity
        assert (df.attrs["recommended"], df.attrs["runner_up"]) == (ranked[0].id, ranked[1].id)
        assert df.attrs["base_gap"] == pytest.approx(ranked[1].npv - ranked[0].npv)

    def test_assumptions_fixed_by_the_scenario_are_left_out(self):
        df = sensitivity(Scenario(assumptions={"vcio_hourly_rate": 180}))
        assert "vcio_hourly_rate" not in set(df["key"])

    def test_flips_means_a_winner_differs_from_the_base_recommendation(self):
        df = sensitivity(Scenario())
        best = df.attrs["recommended"]
        expected = (df["winner_low"] != best) | (df["winner_high"] != best)
        assert (df["flips"] == expected).all() and df["flips"].any()


# ---------------------------------------------------------------------------------- slider curves
class TestSliderCurve:
    def test_an_unknown_field(self):
        with pytest.raises(ValueError, match="field_name: must be one of employees"):
            slider_curve(Scenario(), "salary")

    @pytest.mark.parametrize("field_name", sorted(SLIDER_RANGES))
    def test_each_row_matches_compare_at_that_value(self, field_name):
        sc = Scenario(years=4, projects=[Project(start_year=3)])
        df = slider_curve(sc, field_name)
        assert len(df) == len(SLIDER_RANGES[field_name][0])
        for _, row in df.iloc[[0, len(df) // 2, -1]].iterrows():
            value = row["value"]
            value = int(value) if field_name in ("employees", "years") else float(value)
            changed = sc.model_copy(update={field_name: value})
            if field_name == "years":  # projects after the horizon are dropped
                changed = changed.model_copy(
                    update={"projects": [p for p in sc.projects if p.start_year <= value]}
                )
            ranked = sorted(compare(changed).options, key=lambda o: o.npv)  # expected values
            assert row["winner"] == ranked[0].id
            assert row["margin"] == pytest.approx(ranked[1].npv - ranked[0].npv, rel=1e-9)
            assert row[f"npv_{ranked[0].id}"] == pytest.approx(ranked[0].npv)


def test_no_module_of_the_model_imports_streamlit_or_plotly():
    src = Path(__file__).resolve().parents[2] / "vcio_model"
    for path in src.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "import streamlit" not in text and "import plotly" not in text, path.name
        assert "from streamlit" not in text and "from plotly" not in text, path.name


def test_pandas_frames_have_no_missing_values():
    sc = Scenario()
    for df in (compare(sc).summary_frame(), sensitivity(sc), simulate(sc, trials=100).summary()):
        assert isinstance(df, pd.DataFrame) and not df.isna().any().any()
