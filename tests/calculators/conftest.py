"""Settings for the calculators suite, which runs unchanged in CPython and inside Pyodide."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, settings

# Its assertions compare explanations with results; rewritten, they show both sides on failure.
pytest.register_assert_rewrite("calculator_arithmetic")

# No example database: Pyodide's in-memory file system would forget it anyway, and a run should
# not depend on what earlier runs left behind. No deadline: timings on a shared 2-core machine and
# in WebAssembly vary too much for a per-example time limit to mean anything.
settings.register_profile(
    "calculators",
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("calculators")
