"""The Hypothesis strategies: everything they generate validates, their options hold, and Hypothesis finds them."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from hypothesis import Phase, find, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

import fighterlaw as fl
from fighterlaw import strategies
from fighterlaw.testing import is_complete

ITEM_7 = date(2026, 3, 19)  # item 7 in force by the ten-day rule (LAW.md)
AROUND = strategies.milestone_days("enacted")

# Every strategy, with each of its options (complete and one-status persons, and refinements, are checked below).
MODELS: list[Any] = [
    pytest.param(strategies.persons(), id="persons"),
    pytest.param(strategies.persons(around=AROUND), id="persons around milestones"),
    pytest.param(strategies.persons(family=False, offences=False), id="persons without family or offences"),
    pytest.param(strategies.contracts(), id="contracts"),
    pytest.param(strategies.contracts(complete=True, around=AROUND), id="contracts, complete, around milestones"),
    pytest.param(strategies.discharges(), id="discharges"),
    pytest.param(strategies.discharges(complete=True, around=AROUND), id="discharges, complete, around milestones"),
    pytest.param(strategies.unfitness_rulings(), id="unfitness rulings"),
    pytest.param(strategies.unfitness_rulings(complete=True), id="unfitness rulings, complete"),
    pytest.param(strategies.offences(), id="offences"),
    pytest.param(strategies.offences(complete=True), id="offences, complete"),
    pytest.param(strategies.family_links(), id="family links"),
    pytest.param(strategies.family_links(complete=True, around=AROUND), id="family links, complete"),
]
DATES: list[Any] = [
    pytest.param(strategies.uncertain_dates(), id="uncertain dates"),
    pytest.param(strategies.uncertain_dates(exact=True), id="uncertain dates, exact"),
    pytest.param(strategies.uncertain_dates(date(2022, 1, 1), date(2022, 12, 31), unknown=False), id="in a range"),
    pytest.param(strategies.uncertain_dates(unknown=False, around=AROUND), id="uncertain dates around milestones"),
]
DAYS: list[Any] = [
    pytest.param(strategies.days(), id="days"),
    pytest.param(strategies.days(around=AROUND), id="days around milestones"),
    pytest.param(strategies.as_of_days(), id="as-of days"),
    pytest.param(strategies.as_of_days(fl.RULEBOOK.reading("press")), id="as-of days of a reading"),
]


def few() -> settings:
    """The profile's examples, shared among the strategies' options."""
    return settings(max_examples=max(10, settings().max_examples // 4))


def validates(value: BaseModel) -> None:
    """A generated value survives validation of its own JSON, as text and as the parsed value."""
    model = type(value)
    text = value.model_dump_json()
    assert model.model_validate_json(text) == value
    assert model.model_validate(json.loads(text)) == value


@pytest.mark.parametrize("strategy", MODELS)
def test_every_generated_record_part_validates(strategy: st.SearchStrategy[BaseModel]):
    """What a strategy generates survives validation of its own JSON, as text and as the parsed value."""
    few()(given(strategy)(validates))()


@pytest.mark.parametrize("strategy", DATES)
def test_every_generated_date_validates(strategy: st.SearchStrategy[fl.UncertainDate]):
    """A generated uncertain date reads back from its JSON form, in a record as on its own."""

    @few()
    @given(strategy)
    def validates(value: fl.UncertainDate) -> None:
        assert fl.UncertainDate.parse(value.to_json()) == value
        record = fl.Person.model_validate_json(json.dumps({"citizenship": "foreign", "birth_date": value.to_json()}))
        assert record.birth_date == value

    validates()


@pytest.mark.parametrize("strategy", DAYS)
def test_every_generated_day_is_a_day_in_range(strategy: st.SearchStrategy[date]):
    """Evaluation days are plain dates within the generated range, and fighterlaw evaluates on them."""

    @few()
    @given(strategy)
    def in_range(day: date) -> None:
        assert type(day) is date
        assert strategies.EARLIEST <= day <= strategies.LATEST
        assert fl.evaluate(fl.Person.model_validate({"citizenship": "foreign"}), as_of=day).as_of == day

    in_range()


@few()
@given(strategies.persons(complete=True))
def test_complete_persons_know_every_fact(person):
    """With complete=True every fact is known and every date exact, the family's too; the record validates."""
    assert is_complete(person)
    validates(person)


@pytest.mark.parametrize("status", list(fl.Citizenship))
def test_persons_of_one_status(status: fl.Citizenship):
    """A strategy can be asked for one citizenship status; a stateless person has no nationality."""

    @few()
    @given(strategies.persons(citizenship=status))
    def of_that_status(person: fl.Person) -> None:
        validates(person)
        assert person.citizenship is status
        if status is fl.Citizenship.STATELESS:
            assert person.nationality is None
        if status is fl.Citizenship.RUSSIAN:
            assert person.naturalised is None

    of_that_status()


def known(record: Any, refined: Any, path: str = "") -> list[str]:
    """The places where ``refined`` changes a fact that ``record`` (both as Python dumps) already knew."""
    changed = []
    if isinstance(record, dict):
        for key, value in record.items():
            changed.extend(known(value, refined[key], f"{path}.{key}"))
    elif isinstance(record, list | tuple):
        if len(record) != len(refined):
            return [path]
        for index, (value, other) in enumerate(zip(record, refined, strict=True)):
            changed.extend(known(value, other, f"{path}[{index}]"))
    elif isinstance(record, fl.UncertainDate):
        if not record.earliest <= refined.earliest <= refined.latest <= record.latest:
            changed.append(path)
    elif record is not None and record != refined:
        changed.append(path)
    return changed


# Events whose None means "none" rather than "unknown": learning more never makes them happen.
NONE_MEANS_NONE = ("naturalised", "discharge", "unfitness_ruling")


@settings(max_examples=max(10, settings().max_examples // 2))
@given(strategies.persons(), st.data())
def test_a_refinement_only_fills_in_what_was_unknown(person, data):
    """A refinement validates; it keeps every known fact and keeps every date within its interval."""
    refined = data.draw(strategies.refinements(person))
    validates(refined)
    before, after = person.model_dump(), refined.model_dump()
    assert known(before, after) == []
    for field in NONE_MEANS_NONE:
        assert (before[field] is None) == (after[field] is None)
    for old, new in zip(before["contracts"], after["contracts"], strict=True):
        assert (old["ended"] is None) == (new["ended"] is None)


def test_refinements_fill_in_facts_and_narrow_dates():
    """Refinements are not the identity: they do make an unknown fact known and a date narrower."""
    person = fl.Person.model_validate(
        {"citizenship": "foreign", "contracts": [{"signed": "2023", "ended": "2023"}], "naturalised": "unknown"}
    )
    learnt = find(strategies.refinements(person), lambda refined: refined.combat is not None)
    assert learnt.combat is not None
    narrower = find(
        strategies.refinements(person), lambda refined: refined.contracts[0].signed.precision is not fl.Precision.YEAR
    )
    assert narrower.contracts[0].signed.earliest >= date(2023, 1, 1)
    assert narrower.contracts[0].ended is not None
    assert narrower.contracts[0].ended.latest >= narrower.contracts[0].signed.earliest


@given(
    st.from_type(fl.Person),
    st.from_type(fl.Contract),
    st.from_type(fl.Discharge),
    st.from_type(fl.UnfitnessRuling),
    st.from_type(fl.Offence),
    st.from_type(fl.FamilyLink),
    st.from_type(fl.UncertainDate),
)
def test_hypothesis_finds_every_input_type(person, contract, discharge, ruling, offence, link, day):
    """Installing fighterlaw registers its strategies: st.from_type works for every input type."""
    for value in (person, contract, discharge, ruling, offence, link):
        assert type(value).model_validate_json(value.model_dump_json()) == value
    assert isinstance(day, fl.UncertainDate)


def test_milestone_days_surround_each_date_of_law():
    """The days around a reading's milestones include the day before, of and after item 7's in-force date."""
    enacted = strategies.milestone_days("enacted")
    assert {date(2026, 3, 18), date(2026, 3, 19), date(2026, 3, 20)} <= set(enacted)
    assert {date(2022, 2, 23), date(2022, 2, 24), date(2022, 2, 25)} <= set(enacted)  # the SMO's start
    press = strategies.milestone_days(fl.RULEBOOK.reading("press"))
    assert {date(2022, 10, 31), date(2022, 11, 1), date(2022, 11, 30), date(2022, 12, 1)} <= set(press)


def on_a_milestone(day: fl.UncertainDate | None) -> bool:
    return day is not None and day.is_exact and day.earliest in AROUND


@pytest.mark.parametrize(
    ("strategy", "wanted"),
    [
        pytest.param(strategies.as_of_days(), lambda day: day == ITEM_7, id="item 7's first day as evaluation day"),
        pytest.param(
            strategies.contracts(around=AROUND),
            lambda contract: on_a_milestone(contract.signed),
            id="a contract signed on a milestone",
        ),
        pytest.param(
            strategies.persons(around=AROUND),
            lambda person: person.discharge is not None and on_a_milestone(person.discharge.date),
            id="a discharge on a milestone",
        ),
        pytest.param(
            strategies.persons(around=AROUND),
            lambda person: person.naturalised is not None and on_a_milestone(person.naturalised),
            id="a naturalisation on a milestone",
        ),
    ],
)
def test_dates_concentrate_on_the_milestones(strategy: st.SearchStrategy[Any], wanted: Callable[[Any], bool]):
    """With around=, the days on which the law changes (and those either side) are drawn, not left to chance."""
    # The first example found will do: shrinking records to the simplest would only take time.
    found = find(strategy, wanted, settings=settings(max_examples=2000, database=None, phases=[Phase.generate]))
    assert wanted(found)
