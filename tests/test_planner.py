"""The planned graph: its verdict function, its trace and the reason trees built from the trace agree.

While the imperative rules still exist, they are the oracle: every tree the graph builds equals theirs, node for
node (code, verdict, sentence, provision, pinpoint, status, missing facts, unsettled points, combinator).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import fighterlaw as fl
from fighterlaw import planner
from fighterlaw.logic import Reason
from fighterlaw.rules import RULES
from fighterlaw.strategies import as_of_days, milestone_days, persons
from tests.provisions import probes

READINGS = [reading.name for reading in fl.RULEBOOK]


def shape(reason: Reason) -> tuple[Any, ...]:
    """Everything a reason node says, and its children's, for comparing two trees."""
    return (
        reason.code,
        reason.verdict,
        reason.text,
        reason.provision,
        reason.pinpoint,
        reason.status,
        reason.missing,
        reason.unsettled,
        reason.combinator,
        tuple(shape(child) for child in reason.because),
    )


def agree(person: fl.Person, reading: fl.Reading, day: date) -> None:
    """The graph's verdicts, trace and trees for a record equal the imperative rules', subject by subject."""
    planned = planner.plan(reading, day, tuple(RULES))
    old = [(rule, finding) for rule in RULES for finding in RULES[rule](person, day, reading)]
    new = planned.findings(person)
    verdicts = planned.verdicts(person)
    assert [(rule, finding.subject) for rule, finding in old] == planned.subjects(person)
    assert [finding.reason.verdict for _, finding in old] == verdicts
    for (rule, was), (_, now) in zip(old, new, strict=True):
        assert shape(now.reason) == shape(was.reason), (rule, was.subject)
        assert now.warnings == was.warnings


@pytest.mark.parametrize("reading", READINGS)
def test_the_graph_builds_the_rules_trees_for_the_probes_on_every_day_the_law_changes(reading):
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
def test_the_graph_agrees_with_the_rules_on_blurred_records(drawn):
    """Random records with unknown facts and imprecise dates, on random days, concentrated on dates of law."""
    name, person, day = drawn
    agree(person, fl.RULEBOOK.reading(name), day)


@given(st.sampled_from(READINGS), persons(complete=True), as_of_days())
def test_the_graph_agrees_with_the_rules_on_complete_records(name, person, day):
    """Random complete records on random days."""
    agree(person, fl.RULEBOOK.reading(name), day)


def test_the_generated_source_is_readable_and_shared_by_days_with_the_same_law():
    """The source names the day and the cut-offs as constants, so days with the same law compile once."""
    reading = fl.RULEBOOK.reading("enacted")
    first = planner.plan(reading, date(2026, 6, 1), tuple(RULES))
    second = planner.plan(reading, date(2026, 6, 2), tuple(RULES))
    assert first.source.splitlines()[0] == (
        "# The verdicts of foreign-contract, stateless-contract, simplified-citizenship, extradition-bar "
        "under the reading 'enacted' on 2026-06-01."
    )
    assert "def verdicts(p):" in first.source
    assert "def trace(p):" in first.source
    assert first.source.split("\n\n", 1)[1] == second.source.split("\n\n", 1)[1]
    assert first.verdicts.__code__ is second.verdicts.__code__
