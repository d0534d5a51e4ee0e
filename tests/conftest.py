"""Hypothesis profiles, and the record of which provisions and reason codes the example tests exercise.

Profiles: ``dev`` (default), ``ci`` (thorough, reproducible), ``mutmut`` and ``stress`` (long runs).
``pytest --provision-report`` prints the provision coverage at the end of the run (see ``tests/provisions.py``).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import fighterlaw as fl
from fighterlaw import planner
from fighterlaw.dates import add_months
from tests.provisions import PARTIAL, RECORDER, Recorder, coverage

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

TESTS = Path(__file__).parent


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--provision-report",
        action="store_true",
        help="print which instruments and reason codes the example tests exercised",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "provision_coverage: runs after every other test, on what they exercised")
    recorder = Recorder()
    stack = contextlib.ExitStack()
    stack.enter_context(recorder.installed())
    config.add_cleanup(stack.close)
    config.stash[RECORDER] = recorder
    config.stash[PARTIAL] = False


@pytest.fixture(autouse=True)
def _cold_caches() -> None:
    """Start every test from cold caches, as a fresh process does.

    A step cached by an earlier test (an in-force check, a month's arithmetic) would answer in its place, so
    the test would not run the code it covers. Mutation testing suffers most: it runs each mutant in a process
    forked from one that has already run the suite, and picks the tests to run by the code each one ran.
    Readings derived in a test module are built inside the tests for the same reason.
    """
    for reading in fl.RULEBOOK:
        reading.shared_store().clear()
    add_months.cache_clear()
    planner.clear()


def pytest_deselected(items: list[pytest.Item]) -> None:
    if items:
        items[0].config.stash[PARTIAL] = True


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Run the coverage check last, and only count a run of every test module as the whole suite."""
    last = [item for item in items if item.get_closest_marker("provision_coverage")]
    items[:] = [item for item in items if item not in last] + last
    modules = {item.path for item in items}
    if not set(TESTS.glob("test_*.py")) <= modules:
        config.stash[PARTIAL] = True


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    if config.getoption("--provision-report"):
        terminalreporter.write_sep("-", "provision coverage")
        terminalreporter.write_line(coverage(config.stash[RECORDER]).report())
