"""What the load test measures against, where it writes, and what a session does."""

from __future__ import annotations

import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

OUT = ROOT / "benchmarks" / "results" / "load.md"
ARTIFACTS = ROOT / "artifacts"
SERVER_LOG = ARTIFACTS / "streamlit-load.log"
RAW = ARTIFACTS / "load-actions.json"
SCRIPT_TIMINGS = ARTIFACTS / "load-script-runs.jsonl"
HOOKS = ROOT / "benchmarks" / "load_hooks"  # sitecustomize: times each script run

TARGET_P95_S = 1.0
TARGET_MB_PER_SESSION = 30.0
VIEWPORT = {"width": 1280, "height": 900}  # a laptop screen
SLIDERS = ("Employees", "IT projects a year", "Years to compare")
PAGES = ("", "costs", "projects", "where", "risk", "sensitivity", "assumptions", "share", "about")
NAV_SHARE = 0.25  # one action in four is a page switch, the rest slider key presses
LOG_ERROR = re.compile(r"Traceback \(most recent call last\)|\bERROR\b")
CLK_TCK = os.sysconf("SC_CLK_TCK")
