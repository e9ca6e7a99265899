"""The command line against hostile input (issue 13): each case runs the real ``python -m
vcio_app`` (the model's commands and ``report``) in a subprocess and checks the exit status, the
one-line message and the files."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import vcio_model as vm
from vcio_model.cli import MAX_GRID_CELLS, MAX_GRID_VALUES

ROOT = Path(__file__).resolve().parents[2]


def cli(*args: str, env: dict | None = None, timeout: float = 180) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "vcio_app", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
        check=False,
    )


def one_line_error(proc: subprocess.CompletedProcess) -> str:
    assert proc.returncode == 2, (proc.returncode, proc.stdout, proc.stderr)
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr, proc.stderr
    return proc.stderr


@pytest.fixture
def scenario_file(tmp_path) -> Path:
    f = tmp_path / "scenario.json"
    f.write_text(json.dumps({"company": "Acme", "employees": 80, "model_version": vm.__version__}))
    return f


def test_pdf_on_a4_paper_under_the_same_runner(scenario_file, tmp_path):
    from vcio_app.reports import printer as pdf

    if not pdf.chromium_path():
        pytest.skip("Chromium is not installed")
    out = tmp_path / "report.pdf"
    proc = cli("report", "--scenario", str(scenario_file), "--format", "pdf", "--paper", "a4",
               "-o", str(out))  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    boxes = set(re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)", out.read_bytes()))
    assert {(round(float(w)), round(float(h))) for w, h in boxes} == {(595, 842)}


# ---------------------------------------------------------------------------------- grid caps
def test_two_3000_value_grids_exit_2_naming_the_limit():
    grid = ",".join(str(1 + i) for i in range(3000))
    err = one_line_error(cli("frontier", "--grid-employees", grid, "--grid-projects", "1,2"))
    assert f"at most {MAX_GRID_VALUES:,} values" in err
    emp = ",".join(str(1 + i) for i in range(900))
    proj = ",".join(f"{i * 0.1:.1f}" for i in range(300))
    err = one_line_error(cli("frontier", "--grid-employees", emp, "--grid-projects", proj))
    assert f"270,000 cells (900 x 300); at most {MAX_GRID_CELLS:,}" in err


# ---------------------------------------------------------------------------------- files
@pytest.mark.parametrize("option", ["--scenario", "--assumptions"])
def test_a_fifo_as_input_is_refused_without_blocking(tmp_path, option):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    err = one_line_error(cli("compare", option, str(fifo), timeout=30))
    assert f"{fifo}:" in err and "not a regular file" in err and "FIFO" in err


def test_a_fifo_as_brand_rate_card_or_output_is_refused_without_blocking(tmp_path, scenario_file):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    base = ("report", "--scenario", str(scenario_file), "--format", "html")
    err = one_line_error(cli(*base, "-o", str(fifo), timeout=30))
    assert "--out:" in err and "not a regular file" in err
    out = tmp_path / "r.html"
    for option in ("--brand", "--rate-card"):
        err = one_line_error(cli(*base, option, str(fifo), "-o", str(out), timeout=30))
        assert "not a regular file" in err and not out.exists()


def test_out_refuses_to_overwrite_an_input(tmp_path, scenario_file):
    before = scenario_file.read_bytes()
    err = one_line_error(cli("report", "--scenario", str(scenario_file), "-o", str(scenario_file)))
    assert "--out:" in err and "the --scenario file" in err
    assert scenario_file.read_bytes() == before
    link = tmp_path / "same.json"
    link.symlink_to(scenario_file)  # the same file under another name
    err = one_line_error(cli("report", "--scenario", str(scenario_file), "-o", str(link)))
    assert "the --scenario file" in err and scenario_file.read_bytes() == before


# ---------------------------------------------------------------------------------- text
def test_control_characters_from_the_company_never_reach_the_terminal():
    proc = cli("compare", "--company", "Acme\x1b]0;pwned\x07\x1b[2J Inc\u202e", "--format", "table")
    assert proc.returncode == 0, proc.stderr
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]", proc.stdout)
    assert "Acme]0;pwned[2J Inc" in proc.stdout
    err = one_line_error(cli("compare", "--employees", "\x1b[31m5"))
    assert "\x1b" not in err


def test_a_surrogate_in_the_brand_exits_2_with_one_line_and_no_file(tmp_path, scenario_file):
    brand = tmp_path / "brand.json"
    brand.write_text('{"msp_name": "Evil \\udc80 MSP"}')  # a JSON escape: a lone surrogate
    for fmt in ("xlsx", "html"):
        out = tmp_path / f"r.{fmt}"
        err = one_line_error(cli("report", "--scenario", str(scenario_file), "--brand",
                                 str(brand), "--format", fmt, "-o", str(out)))  # fmt: skip
        assert "brand.json: 'msp_name' must not hold a lone surrogate" in err
        assert not out.exists()


def test_a_trailing_newline_in_the_accent_colour_is_refused(tmp_path, scenario_file):
    brand = tmp_path / "brand.json"
    brand.write_text(json.dumps({"msp_name": "A", "accent_color": "#1f5fa8\n"}))
    out = tmp_path / "r.xlsx"
    err = one_line_error(cli("report", "--scenario", str(scenario_file), "--brand", str(brand),
                             "--format", "xlsx", "-o", str(out)))  # fmt: skip
    assert "'accent_color' must be a colour" in err and not out.exists()


def test_a_bad_rate_card_value_names_the_rate_card_file(tmp_path, scenario_file):
    card = tmp_path / "prices.csv"
    card.write_text("key,value\nvcio_hourly_rate,222\nhelpdesk_ratio_scale,0\n")
    out = tmp_path / "r.html"
    err = one_line_error(cli("report", "--scenario", str(scenario_file), "--rate-card",
                             str(card), "-o", str(out)))  # fmt: skip
    assert "prices.csv row 3 (helpdesk_ratio_scale)" in err and "assumptions:" not in err
    assert not out.exists()
