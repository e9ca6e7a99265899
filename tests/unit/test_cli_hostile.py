"""The command line against hostile input (issue 13): each case runs the real ``python -m
vcio_app`` (the model's commands and ``report``) in a subprocess and checks the exit status, the one-line message and the files."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

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
    f.write_text(json.dumps({"company": "Acme", "employees": 80}))
    return f


def test_pdf_on_a4_paper_under_the_same_runner(scenario_file, tmp_path):
    from vcio_app import pdf

    if not pdf.chromium_path():
        pytest.skip("Chromium is not installed")
    out = tmp_path / "report.pdf"
    proc = cli("report", "--scenario", str(scenario_file), "--format", "pdf", "--paper", "a4",
               "-o", str(out))  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    boxes = set(re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)", out.read_bytes()))
    assert {(round(float(w)), round(float(h))) for w, h in boxes} == {(595, 842)}
