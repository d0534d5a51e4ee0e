"""The input contract: what a record may say, what it means when it says nothing, and every way it can be bad."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from pydantic import ValidationError

import fighterlaw as fl

EXAMPLE = {
    "id": "p-17",
    "citizenship": "foreign",
    "nationality": "NP",
    "naturalised": None,
    "birth_date": "1994-03",
    "sex": "male",
    "contracts": [{"signed": "2023-05-02", "term_months": 12, "ended": None, "formation": "armed_forces"}],
    "combat": True,
    "discharge": {"date": "2024-06-10", "grounds": "health", "order_extract": True},
    "unfitness_ruling": None,
    "asylum_in_russia": False,
    "family": [],
    "offences": [
        {
            "id": "o1",
            "description": "alleged killing of a prisoner",
            "combat_related": True,
            "purpose": "prosecution",
            "requesting_state": "UA",
            "russian_judgment": False,
            "limitation_expired": False,
            "criminal_in_russia": True,
        }
    ],
}


def test_the_documented_example_is_read_the_same_from_json_text_and_from_its_value():
    """The same record is accepted as JSON text and as the parsed JSON value."""
    from_value = fl.Person.model_validate(EXAMPLE)
    from_text = fl.Person.model_validate_json(json.dumps(EXAMPLE))
    assert from_value == from_text
    assert from_value.model_dump(mode="json") == EXAMPLE


def test_what_a_record_leaves_out():
    """Omitted events mean none; omitted facts are unknown; a contract is with the armed forces by default."""
    bare = fl.Person.model_validate({"citizenship": "stateless", "contracts": [{"signed": "2024"}]})
    assert (bare.naturalised, bare.discharge, bare.unfitness_ruling) == (None, None, None)
    assert (bare.family, bare.offences) == ((), ())
    assert (bare.combat, bare.asylum_in_russia, bare.birth_date, bare.sex, bare.nationality) == (None,) * 5
    contract = bare.contracts[0]
    assert (contract.term_months, contract.ended, contract.formation) == (None, None, fl.Formation.ARMED_FORCES)


def test_a_record_round_trips_through_json_unchanged():
    """What is read is what is written back: no field is added, dropped or coerced."""
    record = {
        "citizenship": "foreign",
        "birth_date": {"from": "1990", "to": "1991-03"},
        "contracts": [{"signed": "2023", "term_months": "open"}],
    }
    person = fl.Person.model_validate_json(json.dumps(record))
    assert json.loads(person.model_dump_json(exclude_unset=True)) == record


def test_a_person_is_frozen():
    """Facts, once read, cannot be changed in place."""
    person = fl.Person.model_validate({"citizenship": "foreign"})
    with pytest.raises(ValidationError):
        person.combat = True


def problems(record: Any) -> dict[str, str]:
    """The problems evaluate_many reports for a record, by path."""
    (outcome,) = fl.evaluate_many([record], as_of=date(2026, 1, 1))
    assert isinstance(outcome, fl.InputError), outcome
    return {problem.path: problem.message for problem in outcome.problems}


def base(**changes: Any) -> dict[str, Any]:
    return {"citizenship": "foreign", **changes}


MALFORMED = [
    pytest.param({}, "citizenship", "required", id="citizenship is required"),
    pytest.param(
        base(citizenship="martian"), "citizenship", "'foreign', 'stateless' or 'russian'", id="an unknown citizenship"
    ),
    pytest.param(base(zzz=1), "zzz", "unknown field 'zzz'", id="an unknown field"),
    pytest.param(base(birthdate="1990"), "birthdate", "did you mean 'birth_date'", id="a misspelt field"),
    pytest.param(base(**{"": 1}), '[""]', "unknown field ''", id="a field with an empty name has a path of its own"),
    pytest.param(
        base(contracts=[{"signed": "2023", "a.b": 1}]),
        'contracts[0]["a.b"]',
        "unknown field 'a.b'",
        id="a field with a dot in its name is one step of the path",
    ),
    pytest.param(base(combat=0), "combat", "found 0", id="0 is not false"),
    pytest.param(base(combat="true"), "combat", "valid boolean", id="'true' is not true"),
    pytest.param(base(id=17), "id", "valid string", id="a number as id"),
    pytest.param(base(birth_date=0), "birth_date", "expected a date", id="0 is not a date"),
    pytest.param(base(birth_date="2023-02-30"), "birth_date", "not in the calendar", id="30 February"),
    pytest.param(
        base(birth_date="\u0661\u0669\u0669\u0660-\u0660\u0661-\u0660\u0661"),
        "birth_date",
        "expected a date",
        id="1990-01-01 in Arabic-Indic digits is not a date",
    ),
    pytest.param(
        base(birth_date="\uff12\uff10\uff12\uff13"), "birth_date", "expected a date", id="a year in wide digits"
    ),
    pytest.param(
        base(birth_date={"from": "1990-05", "to": "1990-01"}),
        "birth_date.from",
        "on or before 'to'",
        id="a reversed window",
    ),
    pytest.param(
        base(birth_date={"from": "1990"}), "birth_date.to", "a window needs 'to'", id="a window without its end"
    ),
    pytest.param(
        base(birth_date={"from": 1990, "to": "1991"}), "birth_date.from", "found 1990", id="a window from a number"
    ),
    pytest.param(
        base(birth_date={"from": "1990", "to": "1991-13"}),
        "birth_date.to",
        "'1991-13' is not in the calendar",
        id="a window to a thirteenth month",
    ),
    pytest.param(
        base(birth_date={"from": "1990", "to": "1991", "on": "x", "at": 1}),
        "birth_date",
        "a window has only 'from' and 'to'; found 'on', 'at'",
        id="a window with keys of its own",
    ),
    pytest.param(base(contracts={}), "contracts", "valid tuple", id="contracts that are not a list"),
    pytest.param(base(contracts=[{}]), "contracts[0].signed", "required", id="a contract without a signing date"),
    pytest.param(
        base(contracts=[{"signed": "2023", "term_months": "12"}]),
        "contracts[0].term_months",
        "'12'",
        id="'12' is not a number",
    ),
    pytest.param(
        base(contracts=[{"signed": "2023", "term_months": 12.0}]),
        "contracts[0].term_months",
        "12.0",
        id="12.0 is not whole",
    ),
    pytest.param(
        base(contracts=[{"signed": "2023", "term_months": 0}]), "contracts[0].term_months", "from 1", id="a term of 0"
    ),
    pytest.param(
        base(contracts=[{"signed": "2023", "term_months": True}]),
        "contracts[0].term_months",
        "True",
        id="true is not a term",
    ),
    pytest.param(
        base(contracts=[{"signed": "2023-05-02", "ended": "2023-01"}]),
        "contracts[0].ended",
        "cannot end before",
        id="ends before signed",
    ),
    pytest.param(
        base(contracts=[{"signed": "2023", "formation": "navy"}]),
        "contracts[0].formation",
        "armed_forces",
        id="an unknown formation",
    ),
    pytest.param(base(discharge={"grounds": "health"}), "discharge.date", "required", id="a discharge without a date"),
    pytest.param(
        base(discharge={"date": "2024", "grounds": "wounds"}), "discharge.grounds", "'health'", id="unknown grounds"
    ),
    pytest.param(base(unfitness_ruling={}), "unfitness_ruling.date", "required", id="a ruling without a date"),
    pytest.param(base(nationality="np"), "nationality", "alpha-2", id="a code in lower case"),
    pytest.param(base(nationality="Nepal"), "nationality", "alpha-2", id="a country name"),
    pytest.param(base(nationality="RU"), "nationality", "foreign citizenship", id="Russia as a foreign nationality"),
    pytest.param(
        {"citizenship": "stateless", "nationality": "NP"},
        "nationality",
        "stateless person has no nationality",
        id="a stateless national",
    ),
    pytest.param(
        base(birth_date="1990-05-01", naturalised="1989"),
        "naturalised",
        "on or after the birth date",
        id="naturalised before birth",
    ),
    pytest.param(
        {"citizenship": "russian", "naturalised": "2024-05"},
        "naturalised",
        "'russian' means born Russian",
        id="born Russian and naturalised too",
    ),
    pytest.param(
        base(family=[{"relation": "spouse", "member": {"citizenship": "russian", "naturalised": "unknown"}}]),
        "family[0].member.naturalised",
        "'naturalised' is the day a foreign or stateless person acquired Russian citizenship",
        id="a family member born Russian and naturalised too",
    ),
    pytest.param(base(offences=[{"id": "1"}, {}]), "offences[1].id", "unique", id="an id that collides with a number"),
    pytest.param(base(offences=[{"id": "a"}, {"id": "a"}]), "offences[1].id", "unique", id="a repeated offence id"),
    pytest.param(
        base(offences=[{"purpose": "revenge"}]), "offences[0].purpose", "'prosecution'", id="an unknown purpose"
    ),
    pytest.param(
        base(offences=[{"requesting_state": "Ukraine"}]), "offences[0].requesting_state", "alpha-2", id="a state's name"
    ),
    pytest.param(
        base(family=[{"relation": "cousin", "member": {"citizenship": "foreign"}}]),
        "family[0].relation",
        "'spouse'",
        id="a cousin",
    ),
    pytest.param(
        base(family=[{"relation": "spouse", "member": {}}]),
        "family[0].member.citizenship",
        "required",
        id="a member without status",
    ),
    pytest.param(base(family=[{"relation": "spouse"}]), "family[0].member", "required", id="a link without a member"),
    pytest.param("{not json", "", "not valid JSON", id="text that is not JSON"),
    pytest.param("[1, 2]", "", "expected an object", id="a JSON array"),
    pytest.param("[" * 100_000, "", "not valid JSON", id="text nested too deep to read"),
    pytest.param(b"\xff\xfe", "", "not valid JSON", id="bytes that are not UTF-8"),
    pytest.param([1, 2], "", "expected a JSON object", id="a Python list"),
    pytest.param(42, "", "found int 42", id="a number"),
    pytest.param(None, "", "found NoneType null", id="nothing at all"),
]


@pytest.mark.parametrize(("record", "path", "message"), MALFORMED)
def test_each_malformed_record_names_the_field_and_what_was_expected(record, path, message):
    """Every kind of malformed record gives an InputError naming the field path and what was expected."""
    found = problems(record)
    assert path in found, found
    assert message in found[path]


def test_every_problem_of_a_record_is_reported_at_once():
    """Validation reports all problems together, each with its path."""
    found = problems(base(combat=0, sex="m", birth_date="x", contracts=[{"signed": 1}], zzz=True))
    assert set(found) == {"combat", "sex", "birth_date", "contracts[0].signed", "zzz"}


def test_an_input_error_is_a_value_error_with_its_position_and_id():
    """The batch error carries the record's position and id, and reads well."""
    outcomes = list(fl.evaluate_many([base(), base(id="p-2", combat=1)], as_of=date(2026, 1, 1)))
    error = outcomes[1]
    assert isinstance(error, ValueError)
    assert isinstance(error, fl.InputError)
    assert (error.position, error.record_id) == (1, "p-2")
    assert str(error).startswith("record 1 (id 'p-2'): 1 problem")
    assert error.to_dict()["problems"][0]["path"] == "combat"


def test_every_record_is_accounted_for_in_order():
    """Reports and errors come back one per record, in input order, from dicts, text, bytes and persons."""
    records: list[Any] = [
        base(id="a"),
        "not json",
        json.dumps(base(id="c")).encode(),
        fl.Person.model_validate(base(id="d")),
        base(id="e", combat="no"),
        json.dumps(base(id="f")),
    ]
    outcomes = list(fl.evaluate_many(records, as_of=date(2026, 1, 1)))
    kinds = ["report" if isinstance(outcome, fl.Report) else "error" for outcome in outcomes]
    assert kinds == ["report", "error", "report", "report", "error", "report"]
    assert [outcome.person for outcome in outcomes if isinstance(outcome, fl.Report)] == ["a", "c", "d", "f"]
    assert [outcome.position for outcome in outcomes if isinstance(outcome, fl.InputError)] == [1, 4]


def test_deep_nesting_is_an_error_not_a_crash():
    """However malformed, no input produces a traceback."""
    member: dict[str, Any] = {"citizenship": "foreign"}
    for _ in range(300):
        member = {"citizenship": "foreign", "family": [{"relation": "spouse", "member": member}]}
    (outcome,) = fl.evaluate_many([json.dumps(member)], as_of=date(2026, 1, 1))
    assert isinstance(outcome, fl.InputError | fl.Report)


def test_the_person_model_raises_pydantic_s_error_with_paths():
    """Validating a record directly raises pydantic's ValidationError with the same paths."""
    with pytest.raises(ValidationError) as caught:
        fl.Person.model_validate(base(contracts=[{"signed": "2023", "term_months": "12"}]))
    assert caught.value.errors()[0]["loc"] == ("contracts", 0, "term_months")


def test_a_date_error_is_a_structured_record():
    """A bad date is reported with its kind, its place (inside a window too), what was found and the message."""
    with pytest.raises(ValidationError) as caught:
        fl.Person.model_validate(base(birth_date={"from": "1990", "to": 1991}))
    (error,) = caught.value.errors(include_url=False)
    assert (error["type"], error["loc"], error["input"]) == (
        "date_form",
        ("birth_date", "to"),
        {"from": "1990", "to": 1991},
    )
    assert error["msg"] == 'expected a date as "YYYY-MM-DD", "YYYY-MM" or "YYYY"; found 1991'
    (problem,) = problems_of(base(birth_date=0))
    assert (problem.path, problem.code) == ("birth_date", "date_form")
    assert problem.message == (
        'expected a date as "YYYY-MM-DD", "YYYY-MM", "YYYY", {"from": date, "to": date} or "unknown"; found 0'
    )


def problems_of(record: Any) -> tuple[fl.Problem, ...]:
    (outcome,) = fl.evaluate_many([record], as_of=date(2026, 1, 1))
    assert isinstance(outcome, fl.InputError)
    return outcome.problems


def test_born_russian_and_naturalised_is_one_problem_naming_both_fields():
    """A record cannot say both: its one problem names both fields and what each means."""
    (problem,) = problems_of({"citizenship": "russian", "naturalised": "2024-05-01"})
    assert (problem.path, problem.code) == ("naturalised", "born_russian_naturalised")
    for said in (
        "'citizenship' 'russian'",
        "'russian' means born Russian (dual nationals included)",
        "'naturalised' is the day a foreign or stateless person acquired Russian citizenship",
        "'foreign' or 'stateless'",
    ):
        assert said in problem.message


@pytest.mark.parametrize(
    "record",
    [
        pytest.param({"citizenship": "russian"}, id="born Russian"),
        pytest.param({"citizenship": "russian", "nationality": "UZ"}, id="born Russian, with a second citizenship"),
        pytest.param({"citizenship": "foreign", "naturalised": "2024-05"}, id="a foreigner naturalised later"),
        pytest.param({"citizenship": "stateless", "naturalised": "2024"}, id="a stateless person naturalised later"),
    ],
)
def test_the_ways_to_say_a_person_is_russian_are_accepted(record):
    """Born Russian (dual nationals included), or naturalised from a foreign or stateless status."""
    assert fl.Person.model_validate(record).citizenship == record["citizenship"]
