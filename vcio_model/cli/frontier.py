"""The ``frontier`` command: the cheapest option over a grid of size x projects a year."""

from __future__ import annotations

import argparse

import numpy as np
import pandas as pd

from ..analyses.frontier import frontier
from ..assumptions import load_assumptions
from ..format import money, percent
from .output import rate_words, records, render_table, to_csv, to_json
from .parsing import (
    GRID_EMPLOYEES_RANGE,
    GRID_PROJECTS_RANGE,
    MAX_GRID_CELLS,
    number_list,
)
from .registry import InputError, Inputs, command


def _configure_frontier(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--grid-employees",
        metavar="LIST",
        help="company sizes, comma-separated (default: 40 sizes from 5 to 5,000)",
    )
    p.add_argument(
        "--grid-projects",
        metavar="LIST",
        help="projects a year, comma-separated (default: 0, 1, ..., 20)",
    )


def frontier_frame(f) -> pd.DataFrame:
    """Long format: one row per grid cell (projects outer, employees inner)."""
    n_proj, n_emp = f.cheapest.shape
    df = pd.DataFrame(
        {
            "employees": np.tile(f.employees, n_proj),
            "projects_per_year": np.repeat(f.projects, n_emp),
            "cheapest": f.cheapest.ravel(),
            "margin": f.margin.ravel(),
        }
    )
    for k, oid in enumerate(f.option_ids):
        df[f"npv_{oid}"] = f.npv[k].ravel()
    return df


@command(
    "frontier",
    "the cheapest option over a grid of company size x projects a year",
    configure=_configure_frontier,
)
def run_frontier(inputs: Inputs) -> str:
    sc, args = inputs.scenario, inputs.args
    emp = (
        number_list(args.grid_employees, "--grid-employees", *GRID_EMPLOYEES_RANGE)
        if args.grid_employees
        else np.unique(np.round(np.geomspace(5, 5000, 40)))
    )
    proj = (
        number_list(args.grid_projects, "--grid-projects", *GRID_PROJECTS_RANGE)
        if args.grid_projects
        else np.arange(0.0, 21.0)
    )
    cells = len(emp) * len(proj)
    if cells > MAX_GRID_CELLS:
        raise InputError(
            f"--grid-employees x --grid-projects: the grid would have {cells:,} cells "
            f"({len(emp):,} x {len(proj):,}); at most {MAX_GRID_CELLS:,} are allowed "
            "(e.g. 400 sizes x 100 project loads)"
        )
    f = frontier(sc, employees=emp, projects=proj, assumptions=inputs.assumptions)
    if inputs.format == "csv":
        return to_csv(frontier_frame(f))
    if inputs.format == "json":
        return to_json(
            {
                "discount_rate": sc.discount_rate,
                "years": sc.years,
                "option_ids": f.option_ids,
                "cells": records(frontier_frame(f)),
                "crossovers": records(f.crossovers()),
            }
        )
    a = inputs.assumptions or load_assumptions()
    short = {o.id: o.short_name for o in a.options}
    out = [
        f"Cheapest option ({rate_words(sc)}) for {len(emp)} company sizes "
        f"({emp[0]:,.0f} to {emp[-1]:,.0f} employees) x {len(proj)} project loads "
        f"({proj[0]:g} to {proj[-1]:g} {sc.project_size} projects a year).",
        "",
    ]
    rows = []
    for i, n in enumerate(proj):
        row = f.cheapest[i]
        starts = [0, *(np.nonzero(row[1:] != row[:-1])[0] + 1)]
        ends = [*(s - 1 for s in starts[1:]), len(row) - 1]
        runs = [
            f"{short[row[s]]} {emp[s]:,.0f}" + (f"-{emp[e]:,.0f}" if e > s else "")
            for s, e in zip(starts, ends, strict=True)
        ]
        rows.append([f"{n:g}", "; ".join(runs)])
    out.append(render_table(["Projects/yr", "Cheapest option by number of employees"], rows, "rl"))
    share = pd.Series(f.cheapest.ravel()).value_counts(normalize=True)
    out.append(
        "Share of the grid: "
        + ", ".join(f"{short[k]} {percent(v)}" for k, v in share.items())
        + f". Smallest margin over the runner-up: {money(float(f.margin.min()))}."
    )
    return "\n".join(out) + "\n"
