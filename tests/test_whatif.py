"""What would decide a verdict, and what single change of fact would turn it.

Expected values come from the legal specification: item 7 in force on 2026-03-19 (serving under contract, or
served and took part in combat; summary: combat in both branches); Decree No. 690 (a contract of at least 12
months signed on or after 2022-02-24; an open term counts as at least 12); Decree No. 821 (men aged 18 to 65,
not citizens of Belarus, with a commission decision of unfitness, among others; Decree No. 10 possibly repealed
on the same day); foreign citizens may serve aged 18 or over.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import fighterlaw as fl
from fighterlaw.strategies import as_of_days, persons
from tests.helpers import NO, UNDETERMINED, YES, person

AFTER = date(2026, 6, 1)
VETERAN = {"contracts": [{"signed": "2023-01-01", "ended": "2024-01-01"}], "asylum_in_russia": False}
SERVING = {"contracts": [{"signed": "2023-01-01"}], "asylum_in_russia": False}
UNFIT = {"nationality": "NP", "unfitness_ruling": {"date": "2025-12-01"}}

QUESTIONS = [
    pytest.param(
        VETERAN,
        "extradition-bar",
        "person",
        AFTER,
        "enacted",
        "combat",
        [("true", YES), ("false", NO)],
        id="a veteran, combat unknown: combat decides item 7",
    ),
    pytest.param(
        SERVING,
        "extradition-bar",
        "person",
        AFTER,
        "summary",
        "combat",
        [("true", YES), ("false", NO)],
        id="summary: a serving soldier, combat unknown",
    ),
    pytest.param(
        {
            **SERVING,
            "offences": [{"id": "o1", "limitation_expired": False, "criminal_in_russia": True}],
            "combat": False,
        },
        "extradition-bar",
        "offence:o1",
        date(2026, 3, 10),
        "enacted",
        "offences[0].russian_judgment",
        [("true", YES), ("false", NO)],
        id="before item 7: a final Russian judgment decides the offence",
    ),
    pytest.param(
        {"birth_date": "2008"},
        "foreign-contract",
        "person",
        AFTER,
        "enacted",
        "birth_date",
        [("2008-01-01..2008-06-01", YES), ("2008-06-02..2008-12-31", NO)],
        id="born in 2008: 18 by 2026-06-01 only if born by 2008-06-01",
    ),
    pytest.param(
        {"contracts": [{"signed": "2022-02", "term_months": 12}]},
        "simplified-citizenship",
        "person",
        date(2023, 6, 1),
        "enacted",
        "contracts[0].signed",
        [("2022-02-01..2022-02-23", NO), ("2022-02-24..2022-02-28", YES)],
        id="decree 690: a contract signed in February 2022 counts from the SMO start",
    ),
    pytest.param(
        {"contracts": [{"signed": "2023-03-01"}]},
        "simplified-citizenship",
        "person",
        date(2023, 6, 1),
        "enacted",
        "contracts[0].term_months",
        [("11 months", NO), ("12 months", YES), ("open", YES)],
        id="decree 690: a term of at least 12 months, an open term counting as 12",
    ),
    pytest.param(
        {"birth_date": "1990-01-01", "sex": "male", "contracts": [{"signed": "2024-06-01", "term_months": 12}]},
        "simplified-citizenship",
        "person",
        date(2026, 1, 10),
        "enacted",
        "nationality",
        [("BY", UNDETERMINED), ("another state (not BY)", YES)],
        id="decree 821 excludes Belarus; decree 10 may have been repealed",
    ),
]


@pytest.mark.parametrize(("record", "rule", "subject", "on", "reading", "path", "expected"), QUESTIONS)
def test_an_undetermined_verdict_names_the_question_that_decides_it(record, rule, subject, on, reading, path, expected):
    """The first question is the fact that decides most; each of its values gives the verdict the law gives."""
    found = fl.what_if(person(**record), rule, subject, as_of=on, reading=reading)
    assert found.verdict is UNDETERMINED
    first = found.questions[0]
    assert first.path == path
    assert [(option.label, option.verdict) for option in first.options] == expected
    assert found.changes == ()


def test_the_facts_that_decide_for_more_of_their_values_come_first():
    """Unfit for service, sex and birth unknown: the birth date decides for two of its stretches, sex for one value.

    Decree 821 covers men aged 18 to 65: born on or before 1960-06-01 is over 65 on 2026-06-01, born after
    2008-06-01 is under 18; either way no. A woman is not covered; a man may be, if his age fits.
    """
    found = fl.what_if(person(**UNFIT), "simplified-citizenship", as_of=AFTER)
    assert found.result.missing == ("sex", "birth_date")
    assert [question.path for question in found.questions] == ["birth_date", "sex"]
    birth, sex = found.questions
    assert [(option.label, option.verdict) for option in birth.options] == [
        ("on or before 1960-06-01", NO),
        ("1960-06-02..2008-06-01", UNDETERMINED),
        ("on or after 2008-06-02", NO),
    ]
    assert [(option.label, option.verdict) for option in sex.options] == [("male", UNDETERMINED), ("female", NO)]
    assert (birth.decided, sex.decided, birth.decisive) == (2, 1, False)
    assert birth.share == pytest.approx(2 / 3)
    assert sex.share == 0.5


def test_every_value_is_checked_by_evaluating_the_changed_record():
    """Each option carries the result of evaluating the record with that value, and evaluate() agrees."""
    record = person(**VETERAN)
    found = fl.what_if(record, "extradition-bar", as_of=AFTER)
    for option in found.questions[0].options:
        changed = fl.Person.model_validate({**record.model_dump(mode="json"), "combat": option.value})
        assert fl.evaluate(changed, as_of=AFTER).verdict("extradition-bar") is option.verdict is option.result.verdict


CHANGES = [
    pytest.param(
        SERVING,
        "extradition-bar",
        date(2026, 3, 10),
        NO,
        [
            ("citizenship: foreign -> russian", YES),
            ("asylum_in_russia: false -> true", YES),
            ("naturalised: never -> 2026-03-10", YES),
        ],
        id="a serving soldier before item 7: only citizenship or asylum would bar extradition",
    ),
    pytest.param(
        {**VETERAN, "combat": True},
        "extradition-bar",
        AFTER,
        YES,
        [
            ("combat: true -> false", NO),
            ("contracts[0] removed", NO),
            ("contracts[0].formation: armed_forces -> volunteer_formation", UNDETERMINED),
        ],
        id="a veteran who fought: without combat or the contract, no bar",
    ),
    pytest.param(
        {**SERVING, "combat": False},
        "extradition-bar",
        AFTER,
        YES,
        [
            ("contracts[0] removed", NO),
            ("contracts[0].ended: not ended -> 2026-06-01", NO),
            ("contracts[0].formation: armed_forces -> volunteer_formation", UNDETERMINED),
        ],
        id="a serving soldier who never fought: a contract ended on D no longer protects",
    ),
    pytest.param(
        {"birth_date": "2000-05-05"},
        "foreign-contract",
        AFTER,
        YES,
        [
            ("citizenship: foreign -> stateless", NO),
            ("citizenship: foreign -> russian", NO),
            ("naturalised: never -> 2026-06-01", NO),
        ],
        id="a foreign adult may serve as a foreigner only while foreign",
    ),
    pytest.param(
        {**UNFIT, "birth_date": "1990-01-01", "sex": "male"},
        "simplified-citizenship",
        AFTER,
        YES,
        [
            ("citizenship: foreign -> russian", NO),
            ("nationality: NP -> BY", NO),
            ("sex: male -> female", NO),
            ("naturalised: never -> 2026-06-01", NO),
            ("commission decision of unfitness removed", NO),
        ],
        id="decree 821, unfit for service: a man, not of Belarus, not yet Russian, with the decision",
    ),
]


@pytest.mark.parametrize(("record", "rule", "on", "verdict", "expected"), CHANGES)
def test_a_decided_verdict_lists_the_single_changes_that_would_turn_it(record, rule, on, verdict, expected):
    """The single changes of fact that change the verdict: to the other answer first, then to undetermined."""
    found = fl.what_if(person(**record), rule, as_of=on)
    assert found.verdict is verdict
    assert [(change.description, change.verdict) for change in found.changes] == expected
    assert found.questions == ()


NEXT = [
    pytest.param(SERVING, "extradition-bar", date(2026, 3, 10), ("2026-03-19", YES), id="item 7 takes effect"),
    pytest.param({"birth_date": "2008-09-01"}, "foreign-contract", AFTER, ("2026-09-01", YES), id="turns 18"),
    pytest.param(
        {**UNFIT, "birth_date": "1990-01-01", "sex": "male"},
        "simplified-citizenship",
        AFTER,
        ("2056-01-01", NO),
        id="decree 821: over 65 on the 66th birthday",
    ),
    pytest.param(VETERAN, "extradition-bar", AFTER, None, id="nothing known will change it"),
]


@pytest.mark.parametrize(("record", "rule", "on", "expected"), NEXT)
def test_the_nearest_day_the_verdict_changes(record, rule, on, expected):
    """The first day after D on which the verdict differs, from the timeline of the record as it is."""
    found = fl.what_if(person(**record), rule, as_of=on)
    change = found.next_change
    assert (None if change is None else (str(change.first), change.verdict)) == expected


def test_a_what_if_reads_as_text_and_as_json():
    """The text says the verdict, the questions or changes and the next change; the JSON holds the same."""
    serving = fl.what_if(person(id="s-1", **SERVING), "extradition-bar", as_of=date(2026, 3, 10))
    text = str(serving)
    assert text.splitlines()[0] == "s-1: extradition-bar [person] on 2026-03-10, reading enacted: no"
    assert "  asylum_in_russia: false -> true   -> yes" in text
    assert text.splitlines()[-1] == "From 2026-03-19 it becomes yes."
    document = json.loads(json.dumps(serving.to_dict()))
    assert document["verdict"] == "no"
    assert document["next_change"] == {"from": "2026-03-19", "verdict": "yes"}
    assert document["changes"][1] == {
        "path": "asylum_in_russia",
        "change": "asylum_in_russia: false -> true",
        "value": True,
        "verdict": "yes",
    }
    veteran = fl.what_if(person(**VETERAN), "extradition-bar", as_of=AFTER)
    assert "  combat (every value decides it):\n    true   -> yes\n    false  -> no" in str(veteran)
    assert "On the dates known, it does not change after 2026-06-01." in str(veteran)
    assert veteran.to_dict()["questions"][0]["options"][0] == {"value": True, "label": "true", "verdict": "yes"}
    result = fl.evaluate(person(citizenship="russian"), as_of=AFTER).result("stateless-contract")
    unmoved = fl.WhatIf(None, "stateless-contract", "person", AFTER, "enacted", result)
    assert str(unmoved).splitlines()[1:] == [
        "No single change of fact tried would change it.",
        "On the dates known, it does not change after 2026-06-01.",
    ]


def test_unknown_names_fail_at_once():
    """An unknown rule, subject or reading is caught with the valid names."""
    with pytest.raises(fl.UnknownNameError, match="Valid: person"):
        fl.what_if(person(), "extradition-bar", "offence:1", as_of=AFTER)
    with pytest.raises(fl.UnknownNameError, match="enacted"):
        fl.what_if(person(), "extradition-bar", as_of=AFTER, reading="official")


@settings(max_examples=30)
@given(persons(), as_of_days(), st.sampled_from(fl.RULE_IDS), st.sampled_from([*fl.RULEBOOK.names, "all"]))
def test_what_if_answers_for_any_record(record: fl.Person, on: date, rule: str, reading: str) -> None:
    """Any record, day, rule and reading: questions only for an undetermined verdict, changes that do change it.

    An undetermined verdict gets single changes only where no missing fact can decide it, and each decides it."""
    found = fl.what_if(record, rule, as_of=on, reading=reading)
    if found.verdict is UNDETERMINED:
        assert all(question.decided for question in found.questions)  # only facts with a value that decides
        if found.questions:
            assert found.changes == ()
        assert all(change.verdict.decided for change in found.changes)
        assert {question.path for question in found.questions} <= set(found.result.missing)
    else:
        assert found.questions == ()
        assert all(change.verdict is not found.verdict for change in found.changes)
    if found.next_change is not None:
        assert found.next_change.first > on
        assert found.next_change.verdict is not found.verdict


def test_a_verdict_only_unsettled_law_keeps_open_lists_the_changes_that_decide_it():
    """A volunteer-formation contract: combat cannot decide item 7, the formation can; the unsettled point is said."""
    volunteer = person(asylum_in_russia=False, contracts=[{"signed": "2025-01-01", "formation": "volunteer_formation"}])
    found = fl.what_if(volunteer, "extradition-bar", as_of=AFTER)
    assert found.verdict is UNDETERMINED
    assert found.questions == ()  # combat is missing, but no value of it decides: no question to ask
    decided = {change.description: change.verdict for change in found.changes}
    assert decided["contracts[0].formation: volunteer_formation -> armed_forces"] is YES
    assert decided["contracts[0] removed"] is NO
    assert all(change.verdict.decided for change in found.changes)
    assert found.to_dict()["unsettled"] == ["item-7.formation.volunteer_formation"]
    shown = str(found)
    assert "Single changes of fact that would decide it:" in shown
    assert shown.splitlines()[1] == "Unsettled in law, which keeps it open: item-7.formation.volunteer_formation."


def test_a_fact_that_decides_leaves_single_changes_untried():
    """Where a missing fact decides the verdict, that is the next question; no single change is claimed untried."""
    found = fl.what_if(person(**VETERAN), "extradition-bar", as_of=AFTER)
    assert found.questions[0].path == "combat"
    assert found.changes == ()
    assert "No single change" not in str(found)


def test_a_day_near_the_start_of_the_calendar_has_no_birthdays_before_it():
    """Under a reading in force from year 1, an age limit reaching before the calendar is no day to cut at."""
    early = fl.RULEBOOK.reading("enacted").derive(
        "early", {"instruments": {"law-2003-11-11": {"start": {"date": "0001-01-01", "status": "plausible"}}}}
    )
    found = fl.what_if(person(), "foreign-contract", as_of=date(20, 1, 1), reading=early)
    (question,) = found.questions
    assert [(option.label, option.verdict) for option in question.options] == [
        ("on or before 0002-01-01", YES),
        ("on or after 0002-01-02", NO),
    ]
