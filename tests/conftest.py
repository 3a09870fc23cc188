"""Shared test settings.

Hypothesis runs without per-example deadlines: timings on a shared 2-core machine vary,
and speed is measured by the benchmarks in ``benchmarks/``, never by tests. Set
``HYPOTHESIS_PROFILE=thorough`` for many more examples.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile("default", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile(
    "thorough",
    deadline=None,
    max_examples=2000,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
