"""vcio_model: what IT leadership and support cost under each option, over several years.

Pure Python (numpy, pandas, numpy-financial, pydantic); never imports streamlit or plotly.
"""

from .analyses import (
    SLIDER_RANGES,
    Certainty,
    Comparison,
    Frontier,
    OptionResult,
    Simulation,
    certainty,
    compare,
    frontier,
    sensitivity,
    simulate,
    slider_curve,
)
from .assumptions import Assumptions, DataFileError, load_assumptions
from .engine import CATEGORIES, CATEGORY_LABELS
from .format import chance, in_sentence, money, money_pair, percent, plural
from .presets import load_presets
from .scenario import PROJECT_SIZES, Project, Scenario, ScenarioError
from .validate import validate

__version__ = "0.2.0"

__all__ = [
    "in_sentence",
    "CATEGORIES",
    "CATEGORY_LABELS",
    "PROJECT_SIZES",
    "SLIDER_RANGES",
    "Assumptions",
    "Certainty",
    "Comparison",
    "DataFileError",
    "Frontier",
    "OptionResult",
    "Project",
    "Scenario",
    "ScenarioError",
    "Simulation",
    "__version__",
    "certainty",
    "chance",
    "compare",
    "frontier",
    "load_assumptions",
    "load_presets",
    "money",
    "money_pair",
    "percent",
    "plural",
    "sensitivity",
    "simulate",
    "slider_curve",
    "validate",
]
