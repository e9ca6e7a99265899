"""Cached calls to the model: each result is kept for scenarios already seen in this server.

Model results are kept with ``st.cache_data`` (each caller gets its own copy), keyed by the
scenario's JSON. The figures drawn from them are kept in ``vcio_app/charts/cached.py``.
"""

from __future__ import annotations

import numpy as np
import streamlit as st

import vcio_model as vm

# The size x load grid behind "Where each option wins": 1 to 5,000 staff, log-spaced; 0 to 20 projects.
FRONTIER_EMPLOYEES = np.unique(np.round(np.geomspace(1, 5000, 60)))
FRONTIER_PROJECTS = np.arange(0, 21)


def scenario_of(scenario_json: str) -> vm.Scenario:
    return vm.Scenario.model_validate_json(scenario_json)


@st.cache_data(max_entries=256, show_spinner=False)
def compare(scenario_json: str) -> vm.Comparison:
    return vm.compare(scenario_of(scenario_json))


@st.cache_data(max_entries=64, show_spinner=False)
def slider_curve(scenario_json: str, field_name: str):
    return vm.slider_curve(scenario_of(scenario_json), field_name)


@st.cache_data(max_entries=32, show_spinner=False)
def frontier(scenario_json: str) -> vm.Frontier:
    return vm.frontier(
        scenario_of(scenario_json), employees=FRONTIER_EMPLOYEES, projects=FRONTIER_PROJECTS
    )


@st.cache_data(max_entries=32, show_spinner=False)
def simulate(scenario_json: str, trials: int = 5000, seed: int = 1) -> vm.Simulation:
    return vm.simulate(scenario_of(scenario_json), trials=trials, seed=seed)


@st.cache_data(max_entries=64, show_spinner=False)
def certainty(scenario_json: str) -> vm.Certainty:
    """How sure the verdict is: read from the cached ``compare``, whose verdict already counts the
    5,000 simulated futures the Risk page shows (seed 1), so no second simulation is run."""
    return vm.certainty(scenario_of(scenario_json), comparison=compare(scenario_json))


@st.cache_data(max_entries=32, show_spinner=False)
def sensitivity(scenario_json: str):
    return vm.sensitivity(scenario_of(scenario_json))


@st.cache_data(max_entries=1, show_spinner=False)
def validation() -> list[dict]:
    """The model's figures beside published ranges (``vm.validate``, the default assumptions):
    the same for every visitor, so computed once a server (about 0.2 s)."""
    return vm.validate()
