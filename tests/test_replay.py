"""Reproducible answers: a saved report names its version and its law, and replays to the same answer."""

from __future__ import annotations

import copy
import json
from datetime import date
from typing import Any

import pytest

import fighterlaw as fl
from tests.helpers import NO, UNDETERMINED, YES, person

D = date(2026, 3, 20)
SOLDIER = person(
    id="s-1",
    contracts=[{"signed": "2023-01-01"}],
    asylum_in_russia=False,
    offences=[{"id": "o1", "combat_related": True}],
)


def saved(reading: str | fl.Reading = "enacted", on: date = D) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(fl.evaluate(SOLDIER, as_of=on, reading=reading).to_json(include_input=True))
    return document


@pytest.mark.parametrize("form", ["dict", "text", "bytes"])
def test_a_saved_report_replays_to_the_same_answer(form):
    """Saved with its record, a report replays identically: same verdicts, same reasons, same version and law."""
    document = saved()
    given: Any = {"dict": document, "text": json.dumps(document), "bytes": json.dumps(document).encode()}[form]
    outcome = fl.replay(given)
    assert (outcome.same, outcome.identical, outcome.changes, outcome.details) == (True, True, (), ())
    assert (outcome.version_changed, outcome.rulebook_changed) == (False, False)
    assert outcome.report.to_dict() == {key: value for key, value in document.items() if key != "input"}
    assert str(outcome) == "s-1 on 2026-03-20, reading enacted: the same answer."


def test_every_reading_at_once_replays_too():
    """A report made under every reading replays under every reading."""
    outcome = fl.replay(saved("all"))
    assert outcome.identical
    assert outcome.report.reading == "all"


def test_a_change_in_the_law_shows_as_changed_verdicts_and_another_digest():
    """Item 7 confirmed in force only from 2026-03-25: the answer of 2026-03-20 no longer holds."""
    later = fl.RULEBOOK.reading("enacted").derive(
        "enacted", {"instruments": {"fz-50-2026": {"start": {"date": "2026-03-25", "status": "confirmed"}}}}
    )
    rulebook = fl.Rulebook({**fl.RULEBOOK.readings, "enacted": later})
    outcome = fl.replay(saved(), rulebook=rulebook)
    assert not outcome.same
    assert [(change.rule, change.subject, change.was, change.now) for change in outcome.changes] == [
        ("extradition-bar", "person", YES, NO),
        ("extradition-bar", "offence:o1", YES, UNDETERMINED),
    ]
    assert outcome.rulebook_changed
    assert not outcome.version_changed
    text = str(outcome)
    assert "s-1 on 2026-03-20, reading enacted: 2 verdict(s) changed." in text
    assert "  extradition-bar [person]: yes -> no" in text
    assert f"  the law was {fl.RULEBOOK.reading('enacted').digest}, is {later.digest}" in text


def test_an_answer_that_differs_only_in_its_details():
    """Same verdicts, another status: reported as a difference in details, not in verdicts."""
    document = saved()
    document["results"][3]["status"] = "confirmed"
    document["version"] = "0.0.1"
    outcome = fl.replay(document)
    assert (outcome.same, outcome.identical) == (True, False)
    assert outcome.details == (("extradition-bar", "person"),)
    assert outcome.version_changed
    assert str(outcome).splitlines() == [
        "s-1 on 2026-03-20, reading enacted: the same verdicts; some answers differ in their details.",
        "  extradition-bar [person]: same verdict, other details",
        f"  fighterlaw was 0.0.1, is {fl.__version__}",
    ]


def test_subjects_that_appear_or_disappear_are_changes():
    """An offence the saved report had but the record no longer has, and a new one, are changed verdicts."""
    document = saved()
    document["input"]["offences"] = [{"id": "o2"}]
    outcome = fl.replay(document)
    assert [(change.subject, change.was, change.now) for change in outcome.changes] == [
        ("offence:o1", YES, None),
        ("offence:o2", None, YES),
    ]
    assert [str(change) for change in outcome.changes] == [
        "extradition-bar [offence:o1]: yes -> absent",
        "extradition-bar [offence:o2]: absent -> yes",
    ]


def test_a_rule_this_version_no_longer_has_shows_as_gone():
    """A saved result for a rule the library no longer answers is a change to absent, not a failure to replay."""
    document = saved()
    document["results"].append({**document["results"][0], "rule": "gone-rule"})
    outcome = fl.replay(document)
    assert [(change.rule, change.was, change.now) for change in outcome.changes] == [
        ("gone-rule", fl.Verdict(document["results"][0]["verdict"]), None)
    ]


def test_a_reading_of_one_s_own_is_replayed_with_that_reading():
    """A report under a derived reading names it; the rulebook does not hold it, so it is passed in."""
    gazette = fl.RULEBOOK.reading("enacted").derive(
        "gazette", {"instruments": {"fz-50-2026": {"start": {"date": "2026-03-19", "status": "confirmed"}}}}
    )
    document = saved(gazette)
    with pytest.raises(fl.UnknownNameError, match="gazette"):
        fl.replay(document)
    assert fl.replay(document, reading=gazette).identical


def test_only_the_rules_the_report_answered_are_replayed():
    """A report for one rule replays that rule only."""
    document = json.loads(fl.evaluate(SOLDIER, as_of=D, rules=["foreign-contract"]).to_json(include_input=True))
    outcome = fl.replay(document)
    assert [result.rule for result in outcome.report.results] == ["foreign-contract"]
    assert outcome.identical


def test_the_replay_as_json():
    """A JSON-ready dict: same or not, the changes, and the versions and digests then and now."""
    document = saved()
    document["results"][3]["verdict"] = "no"
    data = json.loads(json.dumps(fl.replay(document).to_dict()))
    assert data["same"] is False
    assert data["changes"] == [{"rule": "extradition-bar", "subject": "person", "was": "no", "now": "yes"}]
    assert data["version"] == {"was": fl.__version__, "now": fl.__version__}
    assert data["rulebook_hash"]["was"] == data["rulebook_hash"]["now"]
    assert (data["person"], data["as_of"], data["reading"]) == ("s-1", "2026-03-20", "enacted")


def without(document: dict[str, Any], key: str) -> dict[str, Any]:
    changed = copy.deepcopy(document)
    del changed[key]
    return changed


BAD = [
    pytest.param(without(saved(), "input"), fl.ReplayError, r"include_input=True", id="saved without its record"),
    pytest.param("{not json", fl.ReplayError, "does not parse", id="not JSON"),
    pytest.param("[1, 2]", fl.ReplayError, "found list", id="not a JSON object"),
    pytest.param("[" * 100_000 + "]" * 100_000, fl.ReplayError, "does not parse", id="nested too deeply to read"),
    pytest.param(without(saved(), "results"), fl.ReplayError, "'results'", id="no results"),
    pytest.param({**saved(), "as_of": "2026-13-01"}, fl.ReplayError, "a day as 'as_of'", id="no such day"),
    pytest.param({**saved(), "results": ["yes"]}, fl.ReplayError, "'rule' and 'subject'", id="results not objects"),
    pytest.param(
        {**saved(), "results": [{"rule": "foreign-contract", "subject": "person", "verdict": "YES"}]},
        fl.ReplayError,
        "foreign-contract \\[person\\] to have a verdict yes, no or undetermined; found 'YES'",
        id="a verdict that is not one",
    ),
    pytest.param({**saved(), "input": {"citizenship": "martian"}}, fl.InputError, "citizenship", id="a bad record"),
]


@pytest.mark.parametrize(("document", "error", "message"), BAD)
def test_a_document_that_cannot_be_replayed_says_why(document, error, message):
    """Each way a document can fail to be a replayable report gets an error that says what to do."""
    with pytest.raises(error, match=message):
        fl.replay(document)
    assert issubclass(error, ValueError)
