"""Regression: the comparison for every preset (and the default scenario) equals the stored one.

A failure lists what changed. If the change is intended, regenerate the files (see the message),
bump the model version and note the change in the CHANGELOG.
"""

from __future__ import annotations

import json
import math

import pytest

from .regenerate import COMMAND, RESULTS_DIR, cases, path_for, result

CENTS = 0.011  # stored values are rounded to cents; allow that rounding and float noise
IGNORED = {"model_version"}  # checked by the version bump, not by the numbers


def differences(stored, current, path: str = "") -> list[str]:
    """Every place where ``current`` differs from ``stored``, as 'path: stored -> current'."""
    if isinstance(stored, dict) and isinstance(current, dict):
        out = []
        for key in sorted(set(stored) | set(current)):
            if key in IGNORED:
                continue
            where = f"{path}.{key}" if path else key
            if key not in current:
                out.append(f"{where}: no longer produced")
            elif key not in stored:
                out.append(f"{where}: new, {current[key]!r}")
            else:
                out += differences(stored[key], current[key], where)
        return out
    if isinstance(stored, list) and isinstance(current, list):
        if len(stored) != len(current):
            return [f"{path}: {len(stored)} items -> {len(current)} items"]
        return [d for i, (a, b) in enumerate(zip(stored, current, strict=True))
                for d in differences(a, b, f"{path}[{i}]")]  # fmt: skip
    both_numbers = all(isinstance(x, int | float) for x in (stored, current))
    if both_numbers and not isinstance(stored, bool):
        if math.isclose(stored, current, rel_tol=1e-9, abs_tol=CENTS):
            return []
        return [f"{path}: {stored!r} -> {current!r} ({current - stored:+,.2f})"]
    return [] if stored == current else [f"{path}: {stored!r} -> {current!r}"]


def test_there_is_one_stored_file_per_case_and_no_other():
    stored = {p.name for p in RESULTS_DIR.glob("*.json")}
    expected = {path_for(c).name for c in cases()}
    assert stored == expected, (
        f"missing: {sorted(expected - stored)}, stale: {sorted(stored - expected)}. "
        f"Run `{COMMAND}` to write them."
    )


@pytest.mark.parametrize("case_id", list(cases()))
def test_results_equal_the_stored_ones(case_id):
    path = path_for(case_id)
    if not path.exists():
        pytest.fail(f"{path.name} is missing: run `{COMMAND}`")
    stored = json.loads(path.read_text(encoding="utf-8"))
    diffs = differences(stored, result(case_id))
    if diffs:
        shown = "\n  ".join(diffs[:25]) + (
            f"\n  ... and {len(diffs) - 25} more" if len(diffs) > 25 else ""
        )
        pytest.fail(
            f"{case_id}: the model's results changed from {path.name}:\n  {shown}\n"
            f"If this change is intended, run `{COMMAND}`, bump __version__ in "
            "vcio_model/__init__.py, add a CHANGELOG entry, and commit the new results with the "
            "change. If not, the change is a regression.",
            pytrace=False,
        )


class TestDifferences:
    """The comparison itself must be able to fail."""

    def test_a_changed_cost_is_reported_with_its_path_and_change(self):
        d = differences({"options": [{"npv": 100.0}]}, {"options": [{"npv": 105.5}]})
        assert d == ["options[0].npv: 100.0 -> 105.5 (+5.50)"]

    def test_rounding_to_cents_is_not_a_change(self):
        assert differences({"npv": 100.01}, {"npv": 100.0149}) == []

    def test_a_changed_recommendation_is_reported(self):
        assert differences({"recommended": "managed"}, {"recommended": "break_fix"}) == [
            "recommended: 'managed' -> 'break_fix'"
        ]

    def test_a_missing_year_is_reported(self):
        assert differences({"yearly_cost": [1.0, 2.0]}, {"yearly_cost": [1.0]}) == [
            "yearly_cost: 2 items -> 1 items"
        ]

    def test_the_model_version_alone_is_not_a_change(self):
        assert differences({"model_version": "0.1.0"}, {"model_version": "0.2.0"}) == []
