"""What must hold for every record, every day and every reading."""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

import fighterlaw as fl
from fighterlaw.strategies import as_of_days, persons, refinements

READINGS = st.sampled_from(fl.RULEBOOK.names)
YES, UNDETERMINED = fl.Verdict.YES, fl.Verdict.UNDETERMINED


@given(persons(), as_of_days(), READINGS, st.data())
def test_learning_a_fact_never_overturns_a_decided_verdict(person, on, reading, data):
    """Information monotonicity: filling in an unknown or narrowing a date never flips a yes or a no."""
    refined = data.draw(refinements(person))
    before = fl.evaluate(person, as_of=on, reading=reading)
    after = fl.evaluate(refined, as_of=on, reading=reading)
    for old, new in zip(before.results, after.results, strict=True):
        assert (old.rule, old.subject) == (new.rule, new.subject)
        if old.verdict is not UNDETERMINED:
            assert new.verdict is old.verdict, (old.rule, old.subject, old.verdict, new.verdict)


@given(persons(), as_of_days(), READINGS)
def test_the_same_question_always_gets_the_same_answer(person, on, reading):
    """Determinism: evaluating twice gives the same document."""
    assert (
        fl.evaluate(person, as_of=on, reading=reading).to_json()
        == fl.evaluate(person, as_of=on, reading=reading).to_json()
    )


@given(persons(), as_of_days(), READINGS)
def test_a_russian_citizen_is_never_extraditable(person, on, reading):
    """Whoever is a Russian citizen on D is barred from extradition for every offence, under every reading."""
    russian = person.citizenship is fl.Citizenship.RUSSIAN or (
        person.naturalised is not None and person.naturalised.latest <= on
    )
    if russian:
        report = fl.evaluate(person, as_of=on, reading=reading)
        assert {found.verdict for found in report.results if found.rule == "extradition-bar"} == {YES}


@given(persons(), as_of_days(), READINGS)
def test_a_bar_on_the_person_bars_every_offence(person, on, reading):
    """If extradition of the person is barred whatever the offence, every offence is barred."""
    report = fl.evaluate(person, as_of=on, reading=reading)
    if report.verdict("extradition-bar") is YES:
        assert all(found.verdict is YES for found in report.results if found.rule == "extradition-bar")


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


@given(persons(), as_of_days(), READINGS)
def test_every_decided_verdict_cites_a_provision(person, on, reading):
    """A yes or a no always rests on at least one cited provision."""
    for found in fl.evaluate(person, as_of=on, reading=reading).results:
        if found.verdict is not UNDETERMINED:
            assert found.reason.provisions()


@given(persons(), as_of_days(), READINGS)
def test_every_undetermined_verdict_says_what_would_decide_it(person, on, reading):
    """An undetermined verdict names the facts or the legal points it turns on, and nothing else is named."""
    for found in fl.evaluate(person, as_of=on, reading=reading).results:
        if found.verdict is UNDETERMINED:
            assert found.missing or found.unsettled, (found.rule, found.subject)
        else:
            assert (found.missing, found.unsettled) == ((), ())


@given(persons(), as_of_days(), READINGS)
def test_missing_facts_are_named_in_the_input_s_own_terms(person, on, reading):
    """Each missing path names a field of the record as given (or one it may add), such as contracts[0].ended."""
    record = person.model_dump(mode="json")
    for found in fl.evaluate(person, as_of=on, reading=reading).results:
        for path in found.missing:
            assert resolves(record, path), path


def resolves(record: dict[str, Any], path: str) -> bool:
    """Whether a path such as family[0].member.contracts[1].ended names a place in the record."""
    here: Any = record
    for name, index in re.findall(r"([a-z_]+)(?:\[(\d+)\])?", path):
        if not isinstance(here, dict) or name not in here:
            return False
        here = here[name]
        if index:
            here = here[int(index)]
    return True


@given(persons(complete=True), as_of_days(), READINGS)
def test_a_complete_record_misses_no_fact(person, on, reading):
    """With every fact known and every date exact, only the law itself can leave a verdict open."""
    for found in fl.evaluate(person, as_of=on, reading=reading).results:
        assert found.missing == ()


@given(persons())
def test_every_record_round_trips_through_json(person):
    """What a record says survives a trip through its JSON text."""
    assert fl.Person.model_validate_json(person.model_dump_json()) == person
    assert fl.Person.model_validate(json.loads(person.model_dump_json())) == person


@given(persons(), st.dates(date(2000, 1, 1), date(2035, 12, 31)))
def test_every_report_is_valid_json_in_the_documented_shape(person, on):
    """The report's JSON is complete: one result per rule and subject."""
    document = json.loads(fl.evaluate(person, as_of=on).to_json())
    assert len(document["results"]) == 4 + len(person.offences)
    assert all(found["verdict"] in {"yes", "no", "undetermined"} for found in document["results"])
