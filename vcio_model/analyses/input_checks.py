"""Inputs far outside published bands: the verdict stands, but the user should check them."""

from __future__ import annotations

import numpy as np

from ..assumptions import Assumptions
from ..engine import project_load, size_table
from ..format import money
from ..scenario import Scenario


def project_spend_per_employee(sc: Scenario, a: Assumptions) -> float:
    """Planned project budgets per employee per year (USD), averaged over the horizon."""
    p = a.values()
    scale_b = size_table(a, p, "project_budget_scale", sc.employees)[..., 0]
    scale_h = size_table(a, p, "project_hours_scale", sc.employees)[..., 0]
    budget, _ = project_load(sc, p, sc.projects_per_year, sc.years, scale_b, scale_h)
    return float(np.mean(budget)) / sc.employees


def input_warnings(sc: Scenario, a: Assumptions) -> list[str]:
    """Inputs far outside published bands, in words (the verdict still stands, but check them)."""
    out = []
    per = project_spend_per_employee(sc, a)
    limit = a["project_spend_warn_per_employee"]
    if per > limit:
        out.append(
            f"The projects add up to about {money(per)} per employee a year, far above what firms "
            f"spend on new IT projects (about $1,500 to $4,500 per employee a year, from IT "
            f"budgets of 3 to 7% of revenue): check the number and size of the projects."
        )
    return out
