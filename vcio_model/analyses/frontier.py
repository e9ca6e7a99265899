"""``frontier``: the cheapest option over a company size x project load grid."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..assumptions import Assumptions
from ..engine import option_costs
from ..scenario import Scenario
from .common import scenario_assumptions


@dataclass
class Frontier:
    """Cheapest option over a grid. Arrays are indexed [projects, employees]."""

    employees: np.ndarray
    projects: np.ndarray
    option_ids: list[str]
    npv: np.ndarray  # [option, projects, employees]
    cheapest: np.ndarray  # option ids, [projects, employees]
    margin: np.ndarray  # runner-up NPV minus cheapest NPV

    def crossovers(self) -> pd.DataFrame:
        """Where the cheapest option changes along the employees axis, for each project load."""
        rows = []
        for i, n in enumerate(self.projects):
            row = self.cheapest[i]
            for j in np.nonzero(row[1:] != row[:-1])[0]:
                rows.append(
                    {
                        "projects_per_year": float(n),
                        "employees_from": float(self.employees[j]),
                        "employees_to": float(self.employees[j + 1]),
                        "before": str(row[j]),
                        "after": str(row[j + 1]),
                    }
                )
        return pd.DataFrame(
            rows, columns=["projects_per_year", "employees_from", "employees_to", "before", "after"]
        )


def frontier(
    scenario: Scenario, employees=None, projects=None, assumptions: Assumptions | None = None
) -> Frontier:
    """NPV of every option over a company size x project load grid, in one vectorised call.

    Parameters
    ----------
    employees, projects : array-like
        Grid values (employees 1 to 5,000; projects per year 0 to 50). Defaults: 40 log-spaced sizes
        from 5 to 5,000 and 0 to 20 projects a year.
    """
    a = scenario_assumptions(scenario, assumptions)
    emp = np.asarray(employees if employees is not None else np.geomspace(5, 5000, 40), float)
    proj = np.asarray(projects if projects is not None else np.arange(0, 21), float)
    costs = option_costs(scenario, a, employees=emp[None, :], n_proj=proj[:, None])
    ids = [s.id for s in a.options]
    npv = np.empty((len(ids), len(proj), len(emp)))
    for k, i in enumerate(ids):
        costs[i].npv(scenario.discount_rate, out=npv[k])
    # The cheapest and the runner-up in one pass over the few options, in place (an argsort
    # along the option axis costs more than the whole engine on a large grid). Ties go to the
    # first option.
    best, best_i = npv[0].copy(), np.zeros(npv.shape[1:], int)
    second, larger = np.full(npv.shape[1:], np.inf), np.empty(npv.shape[1:])
    for k in range(1, len(ids)):
        np.minimum(second, np.maximum(best, npv[k], out=larger), out=second)
        best_i[npv[k] < best] = k
        np.minimum(best, npv[k], out=best)
    return Frontier(
        employees=emp,
        projects=proj,
        option_ids=ids,
        npv=npv,
        cheapest=np.asarray(ids, dtype=object)[best_i],
        margin=second - best,
    )
