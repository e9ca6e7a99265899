"""The command line, run as a user runs it: ``python -m vcio_model ...`` in a subprocess.

Every subcommand in every format, and one bad input of each kind, runs in a subprocess; all of
them start at once (a thread pool) the first time a test asks for a result, so the interpreter
start-ups (~0.7 s of CPU each, mostly importing pandas) overlap. Variations of those (more flags,
files, messages) run through the same ``main()`` in this process.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy_financial as npf
import pytest

import vcio_model
from vcio_model import Scenario, compare, load_assumptions, money
from vcio_model.cli import main

ROOT = Path(__file__).resolve().parents[2]
DEFAULTS_CSV = (ROOT / "data" / "assumptions.csv").read_text(encoding="utf-8")


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str


def files(tmp: Path) -> dict[str, Path]:
    """The input files the runs below use, written once."""
    out = {}

    def write(name: str, text: str | bytes) -> None:
        path = tmp / name
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
        out[name] = path

    write("good.json", json.dumps({"employees": 120, "years": 3, "project_size": "large",
                                   "projects": [{"name": "ERP", "budget": 250000}],
                                   "model_version": vcio_model.__version__}))  # fmt: skip
    write("bad_value.json", json.dumps({"employees": 0}))
    write("bad_nested.json", json.dumps({"projects": [{}, {"budget": "lots"}]}))
    write("not_json.json", "{employees: 45")
    write("list.json", "[45]")
    write("unknown_field.json", json.dumps({"employes": 45}))
    write("zero_tenure.json", json.dumps({"assumptions": {"cio_tenure_years": 0}}))
    write("binary.json", b"\xff\xfe\x00\x01")
    write(
        "assumptions.csv", DEFAULTS_CSV.replace(",Leadership: vCIO,200,", ",Leadership: vCIO,300,")
    )
    lines = DEFAULTS_CSV.splitlines()
    lines[3] = lines[3].replace(",1.3,", ",many,")  # devices_per_employee, row 4
    write("bad_row.csv", "\n".join(lines) + "\n")
    write("bad_columns.csv", "name,amount\nx,1\n")
    return out


def bad_cases(tmp: Path) -> dict[str, list[str]]:
    """Bad input of every kind: the arguments of each case."""
    f = {k: str(v) for k, v in files(tmp).items()}
    return {
        "not-whole": ["compare", "--employees", "abc"],
        "below-range": ["compare", "--employees", "0"],
        "above-range": ["compare", "--years", "11"],
        "rate-as-percent": ["simulate", "--discount-rate", "8"],
        "not-a-number": ["frontier", "--projects", "lots"],
        "nan": ["compare", "--projects", "nan"],
        "unknown-size": ["sensitivity", "--project-size", "huge"],
        "unknown-format": ["compare", "--format", "xml"],
        "unknown-option": ["compare", "--employess", "5"],
        "missing-value": ["compare", "--employees"],
        "unknown-command": ["price"],
        "no-command": [],
        "long-company": ["compare", "--company", "x" * 81],
        "trials": ["simulate", "--trials", "0"],
        "trials-not-whole": ["simulate", "--trials", "many"],
        "seed": ["simulate", "--seed", "-1"],
        "grid": ["frontier", "--grid-employees", "0,10"],
        "top": ["sensitivity", "--top", "x"],
        "file-missing": ["compare", "--scenario", str(tmp / "nope.json")],
        "file-a-directory": ["compare", "--scenario", str(tmp)],
        "file-not-json": ["compare", "--scenario", f["not_json.json"]],
        "file-binary": ["compare", "--scenario", f["binary.json"]],
        "file-wrong-shape": ["compare", "--scenario", f["list.json"]],
        "file-bad-value": ["compare", "--scenario", f["bad_value.json"]],
        "file-bad-nested": ["compare", "--scenario", f["bad_nested.json"]],
        "file-unknown-field": ["compare", "--scenario", f["unknown_field.json"]],
        "file-zero-divisor": ["simulate", "--scenario", f["zero_tenure.json"]],
        "assumptions-missing": ["compare", "--assumptions", str(tmp / "nope.csv")],
        "assumptions-bad-row": ["compare", "--assumptions", f["bad_row.csv"]],
        "assumptions-bad-columns": ["frontier", "--assumptions", f["bad_columns.csv"]],
        "assumptions-binary": ["compare", "--assumptions", f["binary.json"]],
    }


def runs(tmp: Path) -> dict[str, list[str]]:
    f = {k: str(v) for k, v in files(tmp).items()}
    good = ["compare", "frontier", "simulate", "sensitivity"]
    out = {
        f"{cmd}-{fmt}": [cmd, "--format", fmt] for cmd in good for fmt in ("table", "json", "csv")
    }
    out["simulate-json"] += ["--trials", "500", "--seed", "3"]
    out["simulate-json-again"] = out["simulate-json"]
    out["frontier-json"] += ["--grid-employees", "10,45,200", "--grid-projects", "0,3"]
    out["compare-flags"] = ["compare", "--employees", "120", "--projects", "2.5", "--project-size",
                            "small", "--years", "3", "--discount-rate", "0.05", "--company",
                            "Acme Ltd", "--format", "json"]  # fmt: skip
    out["compare-file"] = ["compare", "--scenario", f["good.json"], "--format", "json"]
    out["compare-file-flags"] = ["compare", "--scenario", f["good.json"], "--employees", "30",
                                 "--format", "json"]  # fmt: skip
    out["compare-fixes-file"] = ["compare", "--scenario", f["bad_value.json"], "--employees", "9",
                                 "--format", "json"]  # fmt: skip
    out["compare-assumptions"] = ["compare", "--assumptions", f["assumptions.csv"], "--format",
                                  "json"]  # fmt: skip
    out["version"] = ["--version"]
    out["help"] = ["--help"]
    out.update({f"bad:{k}": v for k, v in bad_cases(tmp).items()})
    return out


# Runs in a subprocess: every subcommand in every format, a second simulation with the same seed
# (the same numbers in a new process), and one bad input of each kind: out of range, not a
# number, not a choice, an unknown option, a scenario file missing, not JSON or of the wrong
# shape, and a bad assumptions file.
IN_A_SUBPROCESS = {
    *(f"{cmd}-{fmt}" for cmd in ("compare", "frontier", "simulate", "sensitivity")
      for fmt in ("table", "json", "csv")),
    "simulate-json-again",
    *(f"bad:{k}" for k in ("below-range", "not-whole", "unknown-size", "unknown-option",
                           "file-missing", "file-not-json", "file-wrong-shape",
                           "assumptions-bad-row")),
}  # fmt: skip


def run(args: list[str]) -> Run:
    p = subprocess.run(
        [sys.executable, "-m", "vcio_model", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=120,
    )
    return Run(p.returncode, p.stdout, p.stderr)


@pytest.fixture(scope="module")
def tmp(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("cli")


def run_here(args: list[str]) -> Run:
    """The same ``main()`` in this process; ``--help`` and ``--version`` exit like argparse does."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(args)
        except SystemExit as e:
            code = e.code
    return Run(code, out.getvalue(), err.getvalue())


@pytest.fixture(scope="module")
def cli(tmp) -> dict[str, Run]:
    todo = runs(tmp)
    elsewhere = [k for k in todo if k in IN_A_SUBPROCESS]
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        started = pool.map(run, [todo[k] for k in elsewhere])
        here = {k: run_here(v) for k, v in todo.items() if k not in IN_A_SUBPROCESS}
        return {**here, **dict(zip(elsewhere, started, strict=True))}


def ok(cli, name: str) -> str:
    r = cli[name]
    assert r.code == 0, r.err
    assert r.err == ""
    return r.out


def strict_json(text: str):
    def no_constants(name):
        raise ValueError(f"not strict JSON: {name}")

    return json.loads(text, parse_constant=no_constants)


def csv_rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


OPTION_IDS = [o.id for o in load_assumptions().options]


# ---------------------------------------------------------------------------------- compare
def test_compare_json_is_strict_and_matches_the_api(cli):
    d = strict_json(ok(cli, "compare-json"))
    c = compare(Scenario())
    assert (d["discount_rate"], d["years"], d["recommended"]) == (0.08, 5, c.recommended)
    assert d["verdict"] == c.verdict
    assert [o["id"] for o in d["options"]] == OPTION_IDS
    for o in d["options"]:
        assert set(o) >= {"id", "name", "upfront", "yearly_cost", "npv", "breakdown"}
        assert len(o["yearly_cost"]) == 5
        assert o["npv"] == pytest.approx(
            npf.npv(0.08, [o["upfront"], *o["yearly_cost"]]), rel=1e-12
        )
        assert o["npv"] == pytest.approx(c.option(o["id"]).npv, rel=1e-12)
    assert d["scenario"] == Scenario().model_dump(mode="json")


def test_compare_table_starts_with_the_verdict_and_rounds_money(cli):
    out = ok(cli, "compare-table")
    c = compare(Scenario())
    assert out.splitlines()[0] == c.verdict
    for o in c.options:
        assert o.name in out
    assert money(c.option(c.recommended).npv) in out and "NPV" in out and "Year 5" in out
    assert "977113" not in out and "977,113" not in out  # rounded, not exact


def test_compare_csv_one_row_per_option(cli):
    rows = csv_rows(ok(cli, "compare-csv"))
    assert [r["option"] for r in rows] == OPTION_IDS
    assert {"upfront", "year_1", "year_5", "total", "npv"} <= set(rows[0])
    npv = {o.id: o.npv for o in compare(Scenario()).options}
    for r in rows:
        assert float(r["npv"]) == pytest.approx(npv[r["option"]], rel=1e-12)


def test_compare_flags_set_the_scenario(cli):
    d = strict_json(ok(cli, "compare-flags"))
    sc = Scenario(employees=120, projects_per_year=2.5, project_size="small", years=3,
                  discount_rate=0.05, company="Acme Ltd")  # fmt: skip
    assert d["scenario"] == sc.model_dump(mode="json")
    assert d["verdict"] == compare(sc).verdict and d["verdict"].startswith("For Acme Ltd")


def test_a_scenario_file_is_read_and_flags_override_it(cli):
    from_file = strict_json(ok(cli, "compare-file"))
    assert from_file["scenario"]["employees"] == 120 and from_file["years"] == 3
    assert from_file["scenario"]["projects"][0]["name"] == "ERP"
    overridden = strict_json(ok(cli, "compare-file-flags"))
    assert overridden["scenario"]["employees"] == 30  # the flag wins
    assert overridden["scenario"]["project_size"] == "large"  # the rest comes from the file
    assert overridden["scenario"]["projects"] == from_file["scenario"]["projects"]


def test_a_flag_can_correct_a_bad_value_in_the_file(cli):
    r = cli["compare-fixes-file"]
    assert r.code == 0, r.err
    assert strict_json(r.out)["scenario"]["employees"] == 9
    # the file has no model version: read as current, so no note about an older version
    assert "saved with model version" not in r.err


def test_an_assumptions_file_replaces_the_defaults(cli):
    d = strict_json(ok(cli, "compare-assumptions"))
    a = load_assumptions().with_overrides({"vcio_hourly_rate": 300})
    expected = compare(Scenario(), a).option("managed_vcio").npv
    got = next(o for o in d["options"] if o["id"] == "managed_vcio")["npv"]
    assert got == pytest.approx(expected, rel=1e-12)


# ---------------------------------------------------------------------------------- frontier
def test_frontier_json_cells_in_long_format(cli):
    d = strict_json(ok(cli, "frontier-json"))
    assert d["option_ids"] == OPTION_IDS and len(d["cells"]) == 3 * 2
    cell = d["cells"][0]
    assert set(cell) == {"employees", "projects_per_year", "cheapest", "margin",
                         *(f"npv_{i}" for i in OPTION_IDS)}  # fmt: skip
    for cell in d["cells"]:
        c = compare(
            Scenario(employees=int(cell["employees"]), projects_per_year=cell["projects_per_year"])
        )
        # the frontier maps the lowest cost (the verdict's simulation runs for one scenario only)
        low, second = sorted(c.options, key=lambda o: o.npv)[:2]
        assert cell["cheapest"] == low.id
        assert cell["margin"] == pytest.approx(second.npv - low.npv, rel=1e-9)
    assert isinstance(d["crossovers"], list)


def test_frontier_csv_has_a_row_per_cell(cli):
    rows = csv_rows(ok(cli, "frontier-csv"))
    assert len(rows) == 40 * 21  # the default grid
    assert {"employees", "projects_per_year", "cheapest", "margin", "npv_managed_vcio"} <= set(
        rows[0]
    )
    assert {r["cheapest"] for r in rows} <= set(OPTION_IDS)


def test_frontier_table_summarises_the_winner_by_size_for_each_load(cli):
    out = ok(cli, "frontier-table")
    assert out.startswith("Cheapest option")
    assert "Projects/yr" in out and "Share of the grid" in out
    assert len(out.splitlines()) < 40


# ---------------------------------------------------------------------------------- simulate
def test_simulate_json_summary_and_seed(cli):
    d = strict_json(ok(cli, "simulate-json"))
    assert (d["trials"], d["seed"]) == (500, 3)
    assert [r["option"] for r in d["summary"]] == OPTION_IDS
    assert sum(r["p_cheapest"] for r in d["summary"]) == pytest.approx(1)
    for r in d["summary"]:
        assert r["p10"] <= r["p50"] <= r["p90"]


def test_simulate_with_the_same_seed_prints_the_same(cli):
    assert ok(cli, "simulate-json") == ok(cli, "simulate-json-again")


def test_simulate_csv_and_table(cli):
    rows = csv_rows(ok(cli, "simulate-csv"))
    assert [r["option"] for r in rows] == OPTION_IDS and "p_cheapest" in rows[0]
    out = ok(cli, "simulate-table")
    assert "5,000 trials" in out and "P50" in out and "Cheapest in" in out


# ---------------------------------------------------------------------------------- sensitivity
def test_sensitivity_json_rows_and_base_case(cli):
    d = strict_json(ok(cli, "sensitivity-json"))
    c = compare(Scenario())
    assert (d["recommended"], d["runner_up"]) == (c.recommended, c.runner_up)
    assert d["base_gap"] == pytest.approx(c.margin)
    assert {"key", "low", "high", "gap_low", "gap_high", "swing", "flips"} <= set(d["rows"][0])
    swings = [r["swing"] for r in d["rows"]]
    assert swings == sorted(swings, reverse=True)


def test_sensitivity_csv_every_row_and_table_the_top(cli):
    rows = csv_rows(ok(cli, "sensitivity-csv"))
    assert len(rows) == len(strict_json(ok(cli, "sensitivity-json"))["rows"])
    out = ok(cli, "sensitivity-table")
    assert "beats" in out and "change the winner" in out and "Gap at low" in out
    assert "more rows with --top" in out


# ---------------------------------------------------------------------------------- misc
def test_version_and_help(cli):
    assert ok(cli, "version").strip() == f"vcio_model {vcio_model.__version__}"
    out = ok(cli, "help")
    for cmd in ("compare", "frontier", "simulate", "sensitivity"):
        assert cmd in out


# ---------------------------------------------------------------------------------- bad input
BAD = {
    # case: text the one line must contain (the option, field or file, and what is allowed)
    "not-whole": "error: --employees: must be a whole number; allowed 1 to 5,000 (got 'abc')",
    "below-range": "error: --employees: must be at least 1 (allowed 1 to 5,000; got '0')",
    "above-range": "error: --years: must be at most 10 (allowed 1 to 10",
    "rate-as-percent": "error: --discount-rate: must be at most 0.3 (allowed 0 to 0.3",
    "not-a-number": "error: --projects: must be a number; allowed 0 to 50 (got 'lots')",
    "nan": "error: --projects: must be a number; allowed 0 to 50",
    "unknown-size": "error: --project-size: must be one of small, medium, large (got 'huge')",
    "unknown-format": "error: --format: invalid choice: 'xml' (choose from",
    "unknown-option": "error: unrecognized arguments: --employess",
    "missing-value": "error: --employees: expected one argument",
    "unknown-command": "error: COMMAND: invalid choice: 'price'",
    "no-command": "error: choose a command: compare, frontier, simulate, sensitivity",
    "long-company": "error: --company:",
    "trials": "error: --trials: must be 1 to 200,000 (got 0)",
    "trials-not-whole": "error: --trials: must be a whole number; allowed 1 to 200,000",
    "seed": "error: --seed: must be 0 to 4,294,967,295 (got -1)",
    "grid": "error: --grid-employees: must be a comma-separated list of numbers from 1 to 5,000",
    "top": "error: --top: must be a whole number",
    "file-missing": "nope.json: cannot read the scenario file (No such file or directory)",
    "file-a-directory": ": cannot read the scenario file (Is a directory)",
    "file-not-json": "not_json.json: not valid JSON",
    "file-binary": "binary.json: not valid JSON",
    "file-wrong-shape": "list.json: a scenario must be a JSON object {...}, got list",
    "file-bad-value": "bad_value.json: employees: must be at least 1 (allowed 1 to 5,000; got 0)",
    "file-bad-nested": "bad_nested.json: projects.1.budget: must be a number; allowed 0 to 50,000,000",
    "file-unknown-field": "unknown_field.json: employes: is not a known field",
    "file-zero-divisor": "zero_tenure.json: assumptions: cio_tenure_years must be more than 0",
    "assumptions-missing": "nope.csv: cannot read the assumptions file",
    "assumptions-bad-row": "bad_row.csv row 4 (devices_per_employee): 'value' must be a number, got 'many'",
    "assumptions-bad-columns": "bad_columns.csv: missing column(s) key, value, low, high",
    "assumptions-binary": "binary.json: the assumptions file is not UTF-8 text",
}


def test_every_bad_input_kind_has_a_case(tmp):
    assert set(bad_cases(tmp)) == set(BAD)


def test_one_bad_input_of_each_kind_runs_in_a_subprocess():
    kinds = {"must be at least", "must be a whole number", "must be one of", "unrecognized",
             "cannot read the scenario file", "not valid JSON", "must be a JSON object",
             ".csv row"}  # fmt: skip
    in_subprocess = " ".join(
        BAD[k.removeprefix("bad:")] for k in IN_A_SUBPROCESS if k.startswith("bad:")
    )
    assert all(kind in in_subprocess for kind in kinds)


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_input_exits_2_with_one_line_and_no_traceback(cli, case):
    r = cli[f"bad:{case}"]
    assert r.code == 2, (r.code, r.err)
    assert r.out == ""
    assert "Traceback" not in r.err
    lines = r.err.splitlines()
    assert len(lines) == 1, r.err
    assert lines[0].startswith("error: ")
    assert BAD[case] in lines[0], lines[0]
