"""Hypothesis profiles: ``dev`` (default), ``ci`` (thorough, reproducible), ``mutmut`` and ``stress`` (long runs)."""

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    max_examples=200,
    deadline=None,
    derandomize=True,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
settings.register_profile("dev", max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("mutmut", max_examples=20, deadline=None, derandomize=True, database=None)
settings.register_profile(
    "stress", max_examples=3000, deadline=None, suppress_health_check=list(HealthCheck)
)  # long runs
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))
