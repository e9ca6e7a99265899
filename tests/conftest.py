"""Settings shared by every test.

Hypothesis profiles: ``ci`` (more examples, derandomized so a CI failure reproduces) is loaded
when the CI environment variable is set, ``dev`` otherwise. Pick one by hand with
``HYPOTHESIS_PROFILE=ci python -m pytest``.
"""

import os

from hypothesis import settings

settings.register_profile("ci", max_examples=200, deadline=None, derandomize=True)
settings.register_profile("dev", max_examples=50, deadline=None)

_on_ci = os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if _on_ci else "dev"))
