"""Structural fuzzing of the input contract: however malformed a record, the answer is a clear error or the record.

The oracle, for every input: either a validation error whose every problem names its field path and says what
was expected (the path is empty only for a problem with the record as a whole: text that is not JSON, a value
that is not an object), or a valid person whose JSON round trip gives back exactly the input (no silent
coercion). Nothing else, ever: no other exception escapes, and the batch API gives one outcome per record, in
order. The record is read the same from its JSON text as from the parsed JSON value.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

import fighterlaw as fl
from fighterlaw.facts import NESTED

AS_OF = date(2026, 6, 1)
ARABIC_INDIC_1990 = "\u0661\u0669\u0669\u0660-\u0660\u0661-\u0660\u0661"  # 1990-01-01 in Arabic-Indic digits
DELETE = object()

# Strings that come close to what the contract accepts: date forms (with digits of other scripts, impossible
# days and years out of range), the vocabularies in and out of case, and country codes.
NEAR_MISSES = st.sampled_from(
    [
        "unknown",
        "open",
        "foreign",
        "Foreign",
        "russian",
        "male",
        "spouse",
        "armed_forces",
        "health",
        "prosecution",
        "NP",
        "BY",
        "RU",
        "np",
        "2023",
        "2023-02",
        "2024-02-29",
        "2023-02-29",
        "2023-13",
        "0000",
        "0000-01-01",
        "9999-12-31",
        "2023-1-5",
        " 2023",
        "2023-05-02T00:00:00",
        "20230502",
        ARABIC_INDIC_1990,
        "\uff12\uff10\uff12\uff13",
        "\u0661\u0669\u0669\u0660",
    ]
)
DATE_SHAPED = st.from_regex("\\A[0-9\u0660-\u0669\u0966-\u096f]{4}(-[0-9\u0660-\u0669]{2}){0,2}\\Z", fullmatch=True)
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12)
    | NEAR_MISSES
    | DATE_SHAPED
)
JSON = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8) | NEAR_MISSES, inner, max_size=4),
    max_leaves=12,
)

# Every field name of every model, and the keys of a date window: a key outside these is unknown everywhere.
MODELS: list[type[BaseModel]] = [fl.Person, *NESTED[fl.Person].values()]
KNOWN_KEYS = {name for model in MODELS for name in model.model_fields} | {
    "from",
    "to",
}
UNKNOWN_KEYS = (
    st.text(min_size=1, max_size=10) | st.sampled_from(["Citizenship", "birthdate", "extra", "from_"])
).filter(lambda key: key not in KNOWN_KEYS)
# Problems that concern the record as a whole, and so have no field path.
RECORD_LEVEL = {"json_invalid", "model_type", "record_type"}


@st.composite
def records(draw: st.DrawFn) -> dict[str, Any]:
    """A valid record as parsed JSON: every field written out, or only those that differ from their default."""
    person = draw(st.from_type(fl.Person))
    value: dict[str, Any] = person.model_dump(mode="json", exclude_defaults=draw(st.booleans()))
    return value


def places(value: Any, path: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    """Every place inside a JSON value where a member or an item sits."""
    found: list[tuple[str | int, ...]] = []
    if isinstance(value, dict):
        for key, item in value.items():
            found.append((*path, key))
            found.extend(places(item, (*path, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.append((*path, index))
            found.extend(places(item, (*path, index)))
    return found


def objects(value: Any, path: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    """Every place inside a JSON value that holds an object, the value itself included."""
    found = [path] if isinstance(value, dict) else []
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else []
    for key, item in items:
        found.extend(objects(item, (*path, key)))
    return found


def at(value: Any, path: tuple[str | int, ...]) -> Any:
    for part in path:
        value = value[part]
    return value


def replaced(value: Any, path: tuple[str | int, ...], new: Any) -> Any:
    """A deep copy of ``value`` with the member at ``path`` replaced by ``new``, or removed if ``new`` is DELETE."""
    copy = json.loads(json.dumps(value))
    parent = at(copy, path[:-1])
    if new is DELETE:
        del parent[path[-1]]
    else:
        parent[path[-1]] = new
    return copy


def canonical(value: Any) -> str:
    """JSON text to compare values by: keys sorted, and false never equal to 0 (as it is in Python)."""
    return json.dumps(value, sort_keys=True)


def validated(read: Callable[[Any], fl.Person], source: Any) -> fl.Person | ValidationError:
    """A person, or the validation error; any other exception fails the test."""
    try:
        return read(source)
    except ValidationError as error:
        return error


def check_error(error: ValidationError, *, whole_record_may_fail: bool) -> list[tuple[str | int, ...]]:
    """Each problem names its field path and what was expected; returns the paths."""
    problems = error.errors(include_url=False)
    assert problems
    for problem in problems:
        assert isinstance(problem["loc"], tuple)
        assert problem["msg"].strip(), problem
        if not problem["loc"]:
            assert whole_record_may_fail and problem["type"] in RECORD_LEVEL, problem
    return sorted((problem["loc"] for problem in problems), key=repr)


def check_person(person: fl.Person, value: Any) -> None:
    """A valid person says exactly what the input said: no field added, dropped or coerced."""
    assert canonical(person.model_dump(mode="json", exclude_unset=True)) == canonical(value)


def check_value(value: Any) -> fl.Person | None:
    """The oracle for a JSON value: read from its text and from the value itself, with the same outcome."""
    from_text = validated(fl.Person.model_validate_json, json.dumps(value))
    from_value = validated(fl.Person.model_validate, value)
    whole = not isinstance(value, dict)
    if isinstance(from_text, ValidationError):
        assert isinstance(from_value, ValidationError), (value, from_value)
        assert check_error(from_text, whole_record_may_fail=whole) == check_error(
            from_value, whole_record_may_fail=whole
        )
        return None
    assert isinstance(from_value, fl.Person), (value, from_value)
    assert from_text == from_value
    check_person(from_text, value)
    return from_text


def check_batch(batch: list[Any], reading: str = "enacted") -> list[fl.Report | fl.InputError]:
    """The batch API: exactly one outcome per record, in order; a report exactly where the record is valid."""
    outcomes = list(fl.evaluate_many(iter(batch), as_of=AS_OF, reading=reading))
    assert len(outcomes) == len(batch)
    for position, (record, outcome) in enumerate(zip(batch, outcomes, strict=True)):
        parsed = record
        if isinstance(record, str | bytes):
            try:
                parsed = json.loads(record)
            except ValueError:
                parsed = None
        if isinstance(outcome, fl.InputError):
            assert outcome.position == position
            assert outcome.problems
            for problem in outcome.problems:
                assert problem.message.strip(), problem
                assert problem.path or not isinstance(parsed, dict), (record, problem)
        else:
            assert isinstance(outcome, fl.Report), outcome
            person = fl.Person.model_validate(parsed) if isinstance(parsed, dict) else record
            assert isinstance(person, fl.Person)
            assert outcome.person == person.id
            assert len(outcome.results) == len(fl.RULE_IDS) + len(person.offences)
    return outcomes


@given(JSON)
def test_any_json_value_is_an_error_with_paths_or_a_faithful_person(value):
    """An arbitrary JSON value, as text or as a value, is rejected with paths or read exactly as given."""
    check_value(value)
    check_batch([value, json.dumps(value)])


@given(records(), st.data())
def test_a_record_with_one_field_corrupted_or_deleted(record, data):
    """Replace or delete any one member of a valid record, however deep: a clear error or a faithful person."""
    where = data.draw(st.sampled_from(places(record)))
    corrupted = replaced(record, where, data.draw(JSON | NEAR_MISSES | st.just(DELETE)))
    check_value(corrupted)
    check_batch([corrupted, json.dumps(corrupted).encode()])


@given(records(), UNKNOWN_KEYS, JSON, st.data())
def test_an_unknown_key_at_any_level_is_refused(record, key, value, data):
    """A key the contract does not name is refused wherever it is put, and the error says where."""
    where = data.draw(st.sampled_from(objects(record)))
    corrupted = replaced(record, (*where, key), value)
    assert check_value(corrupted) is None
    error = validated(fl.Person.model_validate, corrupted)
    assert isinstance(error, ValidationError)
    locations = [problem["loc"] for problem in error.errors()]
    # A date window is one value: the problem is the date's, not a field's of its own.
    assert (*where, key) in locations or where in locations, (where, key, locations)
    (outcome,) = check_batch([corrupted])
    assert isinstance(outcome, fl.InputError)


@given(records())
def test_every_valid_record_is_read_back_exactly_and_evaluated(record):
    """A valid record reads back to itself, from text, bytes and value alike, and is evaluated without error."""
    person = check_value(record)
    assert person is not None
    outcomes = check_batch([record, json.dumps(record), json.dumps(record).encode(), person])
    assert all(isinstance(outcome, fl.Report) for outcome in outcomes)
    assert len({outcome.to_json() for outcome in outcomes if isinstance(outcome, fl.Report)}) == 1
    (every_reading,) = check_batch([person], reading="all")
    assert isinstance(every_reading, fl.Report)


@given(st.text(max_size=60) | st.text('{}[]",:0123456789-tfnuela ', max_size=60))
def test_any_text_is_an_error_or_a_record(text):
    """Raw text: an error (record-level if the text is not a JSON object) or a person read exactly."""
    outcome = validated(fl.Person.model_validate_json, text)
    try:
        parsed: Any = json.loads(text)
    except ValueError:
        parsed = DELETE
    if isinstance(outcome, ValidationError):
        check_error(outcome, whole_record_may_fail=not isinstance(parsed, dict))
    else:
        check_person(outcome, parsed)
    check_batch([text, text, "{}"])


@given(st.binary(max_size=60))
def test_any_bytes_are_an_error_or_a_record(raw):
    """Raw bytes, valid UTF-8 or not: an error with paths, or a person read exactly."""
    outcome = validated(fl.Person.model_validate_json, raw)
    if isinstance(outcome, ValidationError):
        check_error(outcome, whole_record_may_fail=True)
    check_batch([raw])


@pytest.mark.parametrize(
    "said",
    [
        pytest.param({"combat": 0, "birth_date": "1990-01-01"}, id="false read as 0"),
        pytest.param({"combat": False, "birth_date": ARABIC_INDIC_1990}, id="1990-01-01 written in other digits"),
        pytest.param({"combat": False}, id="a field added"),
    ],
)
def test_the_oracle_notices_a_silent_coercion(said):
    """The no-silent-coercion check is not vacuous: a person that says other than its input is caught."""
    person = fl.Person.model_validate({"citizenship": "foreign", "combat": False, "birth_date": "1990-01-01"})
    with pytest.raises(AssertionError):
        check_person(person, {"citizenship": "foreign", **said})
