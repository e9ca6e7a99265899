"""``python -m vcio_model validate [--format table|json]``: the published ranges and the model's
figures, as a user runs it (one subprocess) and in this process for the other cases."""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import vcio_model as vm
from vcio_model.cli import main

ROOT = Path(__file__).resolve().parents[2]


def run_here(args: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(args)
        except SystemExit as e:
            code = e.code
    return code, out.getvalue(), err.getvalue()


def test_json_in_a_subprocess_is_the_rows_of_vm_validate():
    p = subprocess.run(
        [sys.executable, "-m", "vcio_model", "validate", "--format", "json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=120,
    )
    assert p.returncode == 0, p.stderr
    rows = json.loads(p.stdout)["rows"]
    assert rows == json.loads(json.dumps(vm.validate()))
    keys = {"metric", "employees", "low", "high", "model", "within", "source", "year"}
    assert all(keys <= set(r) for r in rows)


def test_the_table_says_how_many_are_inside_and_why_the_others_are_not():
    code, out, err = run_here(["validate"])
    assert code == 0 and err == ""
    rows = vm.validate()
    inside = sum(r["within"] for r in rows)
    assert out.startswith(f"{inside} of {len(rows)} figures inside the published range.")
    for r in rows:
        if not r["within"]:
            assert r["known_gap"][:40] in out
    assert "MSP price per user a month" in out


def test_an_assumption_override_reaches_the_figures():
    _, base, _ = run_here(["validate", "--format", "json"])
    _, dear, _ = run_here(["validate", "--format", "json", "--assumptions", str(_card())])
    price = {
        json.dumps([r["metric"], r["employees"]]): r["model"] for r in json.loads(base)["rows"]
    }
    dearer = {
        json.dumps([r["metric"], r["employees"]]): r["model"] for r in json.loads(dear)["rows"]
    }
    key = json.dumps(["msp_price_per_user_month", 250])
    assert dearer[key] > price[key]


def _card() -> Path:
    """An assumptions file: the defaults with a higher MSP gross margin."""
    import csv  # noqa: PLC0415
    import tempfile  # noqa: PLC0415

    text = (ROOT / "data" / "assumptions.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    for r in rows:
        if r["key"] == "msp_gross_margin":
            r["value"] = "0.5"
    path = Path(tempfile.mkdtemp()) / "assumptions.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    return path


def test_csv_is_refused_with_one_line_naming_the_choices():
    code, out, err = run_here(["validate", "--format", "csv"])
    assert code == 2 and out == ""
    assert "--format" in err and "table" in err and "json" in err
    assert "Traceback" not in err
