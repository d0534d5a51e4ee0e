"""The planned graph: its verdict function, its trace and the reason trees built from the trace agree.

The verdict function short-circuits; the trace records every step; the reasons are built from the trace by the
same nodes. For any record, day and reading, the three must tell one story: each combinator's traced verdict is
the one its children's reasons give, the whole trace is read, and the roots' verdicts are the verdict function's.
(The explanation tests pin the sentences themselves, typed from the law.)
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

import fighterlaw as fl
from fighterlaw import planner
from fighterlaw.cli import main
from fighterlaw.questions import RULE_IDS
from fighterlaw.rules import GRAPHS
from fighterlaw.rules._people import born_by
from fighterlaw.strategies import as_of_days, milestone_days, persons
from tests.provisions import probes

READINGS = [reading.name for reading in fl.RULEBOOK]


def agree(person: fl.Person, reading: fl.Reading, day: date) -> None:
    """The verdict function, the trace and the reasons built from it agree for one record on one day."""
    planned = planner.plan(reading, day, RULE_IDS)
    findings = planned.findings(person, check=True)
    assert [finding.reason.verdict for _, finding in findings] == planned.verdicts(person)
    assert [(rule, finding.subject) for rule, finding in findings] == planned.subjects(person)


@pytest.mark.parametrize("reading", READINGS)
def test_verdicts_traces_and_reasons_agree_for_the_probes_on_every_day_the_law_changes(reading):
    """Records that reach every step, on the day before, of and after each date of law, under every reading."""
    chosen = fl.RULEBOOK.reading(reading)
    for day in sorted({date(2000, 1, 1), date(2035, 12, 31), *milestone_days(chosen)}):
        for person in probes():
            agree(person, chosen, day)


@given(
    st.sampled_from(READINGS).flatmap(
        lambda name: st.tuples(st.just(name), persons(around=milestone_days(name)), as_of_days(name))
    )
)
def test_verdicts_traces_and_reasons_agree_on_blurred_records(drawn):
    """Random records with unknown facts and imprecise dates, on random days, concentrated on dates of law."""
    name, person, day = drawn
    agree(person, fl.RULEBOOK.reading(name), day)


@given(st.sampled_from(READINGS), persons(complete=True), as_of_days())
def test_verdicts_traces_and_reasons_agree_on_complete_records(name, person, day):
    """Random complete records on random days."""
    agree(person, fl.RULEBOOK.reading(name), day)


def test_a_trace_that_disagrees_with_its_reasons_is_caught():
    """Not vacuous: a trace whose combinator verdict is changed fails the check, naming the step."""
    reading = fl.RULEBOOK.reading("enacted")
    planned = planner.plan(reading, date(2026, 6, 1), ("stateless-contract",))
    person = fl.Person.model_validate({"citizenship": "stateless", "birth_date": "1990"})
    real = planned.trace
    planned.trace = lambda p: [*real(p)[:-1], fl.Verdict.NO]
    try:
        with pytest.raises(AssertionError, match="step 'stateless-contract': the trace says no"):
            planned.findings(person, check=True)
    finally:
        planned.trace = real


def test_the_generated_source_is_readable_and_shared_by_days_with_the_same_law():
    """The source names the day and the cut-offs as constants, so days with the same law compile once."""
    reading = fl.RULEBOOK.reading("enacted")
    first = planner.plan(reading, date(2026, 6, 1), RULE_IDS)
    second = planner.plan(reading, date(2026, 6, 2), RULE_IDS)
    assert first.source.splitlines()[:3] == [
        "# The verdicts of foreign-contract, stateless-contract, simplified-citizenship, extradition-bar, "
        "expulsion-bar under the reading 'enacted' on 2026-06-01.",
        "# D = 2026-06-01",
        "# BORN_BY_18 = 2008-06-01",
    ]
    assert "def verdicts(p):" in first.source
    assert "def trace(p):" in first.source
    assert first.source.split("\n\n", 1)[1] == second.source.split("\n\n", 1)[1]
    assert first.verdicts.__code__ is second.verdicts.__code__


def test_an_age_limit_becomes_the_latest_birth_date_that_reaches_it():
    """Born on 29 February 2004, one is 18 on 28 February 2022 (Civil Code Art. 192); born a day later, not."""
    assert born_by(18, date(2022, 2, 28)) == date(2004, 2, 29)
    assert born_by(18, date(2022, 3, 1)) == date(2004, 3, 1)
    assert born_by(18, date(2024, 2, 29)) == date(2006, 2, 28)
    assert born_by(18, date(2024, 2, 28)) == date(2006, 2, 28)
    assert born_by(18, date(1, 1, 1)) is None


def test_the_command_line_prints_the_generated_source_to_read(capsys):
    """fighterlaw rules --source DATE prints the plan of a reading on that day, for people to read or debug."""
    assert main(["rules", "--source", "2026-06-01", "--rule", "stateless-contract"]) == 0
    shown = capsys.readouterr().out
    assert shown.startswith("# The verdicts of stateless-contract under the reading 'enacted' on 2026-06-01.\n")
    assert "v0 = YES  # decided by the law of the day: in-force (law-2025-07-07)" in shown
    assert main(["rules", "--source", "2026-06-01", "--reading", "all"]) == 2


def test_every_registered_question_has_its_graph_in_order_and_import_alone_loads_no_rule():
    """The rule modules register one builder per question, in the registry's order, when the first plan asks."""
    assert tuple(GRAPHS) == RULE_IDS
    loaded = "import sys, fighterlaw; print('fighterlaw.rules' in sys.modules, 'fighterlaw.sharpen' in sys.modules)"
    found = subprocess.run([sys.executable, "-c", loaded], capture_output=True, text=True, check=True)
    assert found.stdout.split() == ["False", "False"]
