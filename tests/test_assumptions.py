"""Stated assumptions: facts a user assumes where the record leaves them unknown, and answers that say so."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import fighterlaw as fl
from fighterlaw.assumptions import ASSUMABLE
from fighterlaw.cli import main
from fighterlaw.strategies import as_of_days, persons
from tests.helpers import NO, UNDETERMINED, YES, person

BEFORE_ITEM_7 = date(2026, 3, 10)  # item 7 of CPC Art. 464(1) is in force from 2026-03-19 (LAW.md)
SOLDIER = {"id": "s-1", "contracts": [{"signed": "2023-01-01"}], "offences": [{"id": "o1"}]}

ASSUMED: list[Any] = [
    pytest.param(
        SOLDIER,
        {"asylum_in_russia": False},
        "person",
        NO,
        "assumed",
        {"asylum_in_russia": False},
        id="a soldier before item 7, assumed never granted asylum, is not barred as a person",
    ),
    pytest.param(
        {**SOLDIER, "asylum_in_russia": True},
        {"asylum_in_russia": False},
        "person",
        YES,
        "confirmed",
        {},
        id="an assumption never overrides what the record states: asylum granted bars extradition",
    ),
    pytest.param(
        SOLDIER,
        {"asylum_in_russia": False, "offences.russian_judgment": False, "offences.limitation_expired": False},
        "offence:o1",
        UNDETERMINED,
        "plausible",
        {"asylum_in_russia": False, "offences.russian_judgment": False, "offences.limitation_expired": False},
        id="an offence stays open while whether its act is a crime in Russia is not assumed too",
    ),
    pytest.param(
        SOLDIER,
        {"asylum_in_russia": False, "offences.criminal_in_russia": True},
        "offence:o1",
        UNDETERMINED,
        "confirmed",
        {"asylum_in_russia": False, "offences.criminal_in_russia": True},
        id="an offence stays open while its judgment and limitation are unknown, both confirmed items of Art. 464",
    ),
]


@pytest.mark.parametrize(("record", "assume", "subject", "verdict", "status", "used"), ASSUMED)
def test_assumptions_fill_only_what_the_record_leaves_unknown(record, assume, subject, verdict, status, used):
    """Each assumption fills an unknown fact; the report lists the ones it used, and the status says so."""
    report = fl.evaluate(person(**record), as_of=BEFORE_ITEM_7, assume=assume)
    result = report.result("extradition-bar", subject)
    assert (result.verdict, result.status.value) == (verdict, status)
    assert report.assumptions == used
    assert json.loads(report.to_json())["assumptions"] == used


def test_without_the_assumption_the_answer_stays_open_for_that_fact():
    """The same soldier with nothing assumed: whether asylum was granted decides the answer."""
    result = fl.evaluate(person(**SOLDIER), as_of=BEFORE_ITEM_7).result("extradition-bar")
    assert (result.verdict, result.missing) == (UNDETERMINED, ("asylum_in_russia",))


def test_the_step_that_reads_an_assumed_fact_says_it_rests_on_the_assumption():
    """The sentence names the assumed fact by its path, and the step relies on the status assumed."""
    assume = {"asylum_in_russia": False, "offences.criminal_in_russia": True}
    report = fl.evaluate(person(**SOLDIER), as_of=BEFORE_ITEM_7, assume=assume)
    steps = {step.code: step for step in report.result("extradition-bar", "offence:o1").reason.walk()}
    assert steps["asylum"].text == "Russia has not granted the person asylum. (Assumed: asylum_in_russia = false.)"
    assert steps["asylum"].status is fl.Status.ASSUMED
    assert steps["not-a-crime"].text.endswith("(Assumed: offences[0].criminal_in_russia = true.)")
    assert "assuming, where the record does not say: asylum_in_russia = false" in report.explain()


def test_an_assumption_against_the_record_is_that_record_s_error():
    """A birth date assumed after the record's naturalisation cannot be: an error naming the field, not an answer."""
    record = {"id": "n-1", "citizenship": "foreign", "naturalised": "2001-05-01"}
    (outcome,) = fl.evaluate_many([record], as_of=BEFORE_ITEM_7, assume={"birth_date": "2010-01-01"})
    assert isinstance(outcome, fl.InputError)
    assert outcome.record_id == "n-1"
    assert [problem.path for problem in outcome.problems] == ["naturalised"]
    assert "with the facts assumed" in outcome.problems[0].message
    with pytest.raises(fl.InputError):
        fl.evaluate(person(**record), as_of=BEFORE_ITEM_7, assume={"birth_date": "2010-01-01"})


@pytest.mark.parametrize(
    ("assume", "error", "said"),
    [
        pytest.param({"asylum": False}, fl.UnknownNameError, "unknown fact to assume 'asylum'", id="an unknown fact"),
        pytest.param({"combat": None}, ValueError, "null would leave it unknown", id="assuming a fact unknown"),
        pytest.param({"combat": "no"}, ValueError, "assume combat: expected a valid boolean", id="a wrong type"),
        pytest.param({"sex": "m"}, ValueError, "assume sex: expected 'male' or 'female'", id="a value outside"),
    ],
)
def test_assumptions_are_checked_before_any_record(assume, error, said):
    """A bad assumption fails at once, naming the fact and what was expected."""
    with pytest.raises(error, match=said):
        fl.evaluate_many([], as_of=BEFORE_ITEM_7, assume=assume)


def test_every_reading_at_once_timelines_what_if_and_replay_carry_the_assumptions():
    """reading='all', a timeline, what-if and replay answer with the same assumptions."""
    soldier, assume = person(**SOLDIER), {"asylum_in_russia": False}
    together = fl.evaluate(soldier, as_of=BEFORE_ITEM_7, reading="all", assume=assume)
    assert (together.verdict("extradition-bar"), together.assumptions) == (NO, assume)
    line = fl.timeline(soldier, "extradition-bar", start=date(2026, 3, 1), end=date(2026, 3, 31), assume=assume)
    assert [(span.first, span.last, span.verdict) for span in line] == [
        (date(2026, 3, 1), date(2026, 3, 18), NO),
        (date(2026, 3, 19), date(2026, 3, 31), YES),
    ]
    found = fl.what_if(soldier, "extradition-bar", "offence:o1", as_of=BEFORE_ITEM_7, assume=assume)
    assert "asylum_in_russia" not in [question.path for question in found.questions]
    saved = fl.evaluate(soldier, as_of=BEFORE_ITEM_7, assume=assume).to_json(include_input=True)
    assert fl.replay(saved).identical


def test_the_command_line_assumes_what_it_is_told(capsys, tmp_path):
    """check --assume FACT=VALUE (repeatable) fills unknown facts; a fact that cannot be assumed is a usage error."""
    source = tmp_path / "one.jsonl"
    source.write_text(json.dumps({"citizenship": "foreign", **SOLDIER}) + "\n", encoding="utf-8")
    argv = ["check", str(source), "--as-of", "2026-03-10", "--format", "jsonl", "--quiet"]
    assert main([*argv, "--assume", "asylum_in_russia=false", "--assume", "offences.criminal_in_russia=true"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["assumptions"] == {"asylum_in_russia": False, "offences.criminal_in_russia": True}
    assert main([*argv, "--assume", "asylm=false"]) == 2
    assert "unknown fact to assume 'asylm'" in capsys.readouterr().err
    assert main([*argv, "--assume", "asylum_in_russia"]) == 2
    assert "expected FACT=VALUE" in capsys.readouterr().err


FACTS = st.dictionaries(
    st.sampled_from([fact for fact in ASSUMABLE if fact not in ("birth_date", "nationality", "contracts.term_months")]),
    st.booleans(),
    max_size=4,
).map(
    lambda chosen: {
        fact: ("male" if fact == "sex" else "health" if fact == "discharge.grounds" else value)
        for fact, value in chosen.items()
    }
)


@given(persons(), as_of_days(), FACTS)
def test_an_assumption_never_changes_a_decided_verdict(record, day, assume):
    """Assuming only fills what is unknown, so whatever was decided without it stays decided the same way."""
    before = fl.evaluate(record, as_of=day)
    after = fl.evaluate(record, as_of=day, assume=assume)
    for old, new in zip(before.results, after.results, strict=True):
        if old.verdict.decided:
            assert new.verdict is old.verdict, (old.rule, old.subject)


@given(persons(), as_of_days())
def test_no_assumptions_give_the_answers_of_today(record, day):
    """An empty set of assumptions is no assumption: the same document, word for word."""
    assert fl.evaluate(record, as_of=day, assume={}).to_json() == fl.evaluate(record, as_of=day).to_json()
