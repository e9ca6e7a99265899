"""vcio_model: what IT leadership and support cost under each option, over several years.

Pure Python (numpy, pandas, numpy-financial, pydantic); never imports streamlit or plotly.
"""

from .analyses.certainty import Certainty, certainty
from .analyses.compare import Comparison, OptionResult, compare
from .analyses.curves import SLIDER_RANGES, slider_curve
from .analyses.frontier import Frontier, frontier
from .analyses.sensitivity import sensitivity
from .analyses.simulate import Simulation, simulate
from .assumptions import Assumptions, DataFileError, load_assumptions
from .engine import CATEGORIES, CATEGORY_LABELS
from .format import chance, in_sentence, money, money_pair, percent, plural
from .presets import load_presets
from .scenario import PROJECT_SIZES, Project, Scenario, ScenarioError
from .validate import validate

__version__ = "0.3.0"

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
