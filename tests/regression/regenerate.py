"""Rewrite the stored regression results: ``compare(...).to_dict()`` for every preset in
data/presets.json and for the default ``Scenario()``, money rounded to cents.

Run it when a change to the model or its data is intended, from the repository root::

    python -m tests.regression.regenerate      (or: python tests/regression/regenerate.py)

then bump ``__version__`` in vcio_model/__init__.py, note the change in the CHANGELOG, and commit
the changed files in tests/regression/results/ with the change that caused them.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run as a script: make vcio_model importable
    sys.path.insert(0, str(ROOT))

from vcio_model import Scenario, compare, load_presets  # noqa: E402

RESULTS_DIR = Path(__file__).resolve().parent / "results"
COMMAND = "python -m tests.regression.regenerate"
# numbers in to_dict() that are not dollar amounts (kept as they are, with what they hold)
NOT_MONEY = {"discount_rate", "years", "close_call_margin", "futures", "chance_cheapest"}


def cases() -> dict[str, tuple[str, Scenario]]:
    """``{case_id: (title, scenario)}``: the default scenario, then every preset."""
    return {"default": ("The default scenario, Scenario()", Scenario()), **load_presets()}


def to_cents(obj, key: str | None = None):
    """Every dollar amount rounded to cents (other numbers and text as they are)."""
    if key in NOT_MONEY:
        return obj
    if isinstance(obj, dict):
        return {k: to_cents(v, k) for k, v in obj.items()}
    if isinstance(obj, list):
        return [to_cents(v, key) for v in obj]
    if isinstance(obj, float) and key not in NOT_MONEY:
        return round(obj, 2) + 0.0  # + 0.0 turns -0.0 into 0.0
    return obj


def result(case_id: str) -> dict:
    """What is stored for ``case_id``: its scenario and its comparison, money in cents."""
    title, sc = cases()[case_id]
    return {
        "case": case_id,
        "title": title,
        "scenario": sc.model_dump(mode="json"),
        "compare": to_cents(compare(sc).to_dict()),
    }


def path_for(case_id: str) -> Path:
    return RESULTS_DIR / f"{case_id}.json"


def dumps(data: dict) -> str:
    return json.dumps(data, indent=2, allow_nan=False, ensure_ascii=False) + "\n"


def main() -> int:
    RESULTS_DIR.mkdir(exist_ok=True)
    wanted = set()
    for case_id in cases():
        path = path_for(case_id)
        wanted.add(path.name)
        text = dumps(result(case_id))
        old = path.read_text(encoding="utf-8") if path.exists() else None
        if old != text:
            path.write_text(text, encoding="utf-8")
        state = "new" if old is None else "unchanged" if old == text else "updated"
        print(f"{state:9}  {path.relative_to(ROOT)}")
    for path in sorted(RESULTS_DIR.glob("*.json")):
        if path.name not in wanted:
            path.unlink()
            print(f"{'removed':9}  {path.relative_to(ROOT)} (no such preset any more)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
