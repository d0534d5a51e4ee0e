"""The Hypothesis strategies: everything they generate validates, and Hypothesis finds them by type."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

import fighterlaw as fl
from fighterlaw import strategies


@given(strategies.persons())
def test_generated_persons_validate(person):
    """A generated person survives validation of its own JSON."""
    assert fl.Person.model_validate_json(person.model_dump_json()) == person


@given(strategies.persons(complete=True))
def test_complete_persons_know_every_fact(person):
    """With complete=True every yes/no fact is known and every date is exact."""
    assert None not in (person.combat, person.asylum_in_russia, person.sex, person.birth_date)
    assert person.birth_date is not None
    assert person.birth_date.is_exact
    assert all(contract.signed.is_exact and contract.term_months is not None for contract in person.contracts)


@given(strategies.persons(citizenship=fl.Citizenship.STATELESS))
def test_persons_of_one_status(person):
    """A strategy can be asked for one citizenship status."""
    assert person.citizenship is fl.Citizenship.STATELESS
    assert person.nationality is None


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
    press = strategies.milestone_days(fl.RULEBOOK.reading("press"))
    assert {date(2022, 10, 31), date(2022, 11, 1), date(2022, 11, 30), date(2022, 12, 1)} <= set(press)


@given(strategies.as_of_days("press"))
def test_as_of_days_are_days(day):
    """Evaluation days are plain dates within the generated range."""
    assert strategies.EARLIEST <= day <= strategies.LATEST
