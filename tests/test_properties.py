"""What must hold for every record, every day and every reading.

The properties of verdicts are fighterlaw's own catalogue (:mod:`fighterlaw.testing`), run here against every
reading of the rulebook; what is not a property of one reading (readings agreeing, JSON round trips, the
report's shape) is checked here directly.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import given, settings

import fighterlaw as fl
from fighterlaw import testing
from fighterlaw.strategies import as_of_days, persons

UNDETERMINED = fl.Verdict.UNDETERMINED


def shared_among(readings: int) -> settings:
    """The profile's examples for one property, shared among the readings it is checked under."""
    return settings(max_examples=max(10, settings().max_examples // readings))


@pytest.mark.parametrize("reading", fl.RULEBOOK.names)
@pytest.mark.parametrize("check", testing.PROPERTIES.values(), ids=testing.PROPERTIES.keys())
def test_every_reading_keeps_every_property(check: testing.Check, reading: str):
    """Monotonicity, determinism, Russian citizens never extraditable, person bars bar every offence, and
    verdicts that say why and cite their provisions: under each of the rulebook's readings."""
    check(reading, settings=shared_among(len(fl.RULEBOOK.names)))


@given(persons(), as_of_days())
def test_all_readings_decide_only_where_every_reading_agrees(person, on):
    """Under reading='all' a verdict is yes or no exactly where every reading gives it."""
    merged = fl.evaluate(person, as_of=on, reading="all")
    each = {name: fl.evaluate(person, as_of=on, reading=name) for name in fl.RULEBOOK.names}
    for index, found in enumerate(merged.results):
        verdicts = {name: report.results[index].verdict for name, report in each.items()}
        assert dict(found.readings or {}) == verdicts
        if found.verdict is not UNDETERMINED:
            assert set(verdicts.values()) == {found.verdict}
        if len(set(verdicts.values())) == 1:
            assert found.verdict is next(iter(verdicts.values()))


@given(persons())
def test_every_record_round_trips_through_json(person):
    """What a record says survives a trip through its JSON text."""
    assert fl.Person.model_validate_json(person.model_dump_json()) == person
    assert fl.Person.model_validate(json.loads(person.model_dump_json())) == person


@given(persons(), as_of_days())
def test_every_report_is_valid_json_in_the_documented_shape(person, on):
    """The report's JSON is complete: one result per rule and subject."""
    document = json.loads(fl.evaluate(person, as_of=on).to_json())
    assert len(document["results"]) == len(fl.RULE_IDS) + len(person.offences)
    assert all(found["verdict"] in {"yes", "no", "undetermined"} for found in document["results"])
    assert date.fromisoformat(document["as_of"]) == on
