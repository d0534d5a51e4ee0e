"""The Python API and the report: evaluate, evaluate_many, verdicts, explanations and the JSON document."""

from __future__ import annotations

import itertools
import json
from datetime import date, datetime

import pytest

import fighterlaw as fl

D = date(2026, 6, 1)
SOLDIER = fl.Person.model_validate(
    {
        "id": "p-17",
        "citizenship": "foreign",
        "nationality": "NP",
        "birth_date": "1994-03",
        "sex": "male",
        "contracts": [{"signed": "2023-05-02", "term_months": 12}],
        "combat": True,
        "discharge": {"date": "2024-06-10", "grounds": "health", "order_extract": True},
        "asylum_in_russia": False,
        "offences": [{"id": "o1", "combat_related": True, "criminal_in_russia": True}],
    }
)


def test_a_report_answers_every_rule_for_every_subject_in_order():
    """One result per (rule, subject), in rule order: each rule's person, then each offence, in input order."""
    report = fl.evaluate(SOLDIER, as_of=D)
    assert [(found.rule, found.subject) for found in report.results] == [
        ("foreign-contract", "person"),
        ("stateless-contract", "person"),
        ("simplified-citizenship", "person"),
        ("extradition-bar", "person"),
        ("extradition-bar", "offence:o1"),
        ("expulsion-bar", "person"),
    ]
    assert report.verdict("extradition-bar") is fl.Verdict.YES
    assert report.verdict("extradition-bar", subject="offence:o1") is fl.Verdict.YES
    assert (report.person, report.as_of, report.reading) == ("p-17", D, "enacted")
    assert list(report) == list(report.results)


def test_the_json_document_has_the_documented_shape():
    """The output document: person, as_of, reading and results with their reason trees, then what answered."""
    document = json.loads(fl.evaluate(SOLDIER, as_of=D).to_json())
    assert list(document) == [
        "person",
        "as_of",
        "reading",
        "results",
        "version",
        "rulebook_hash",
        "assumptions",
        "narrowed",
        "points",
    ]
    assert document["assumptions"] == {}
    assert document["narrowed"] == []
    first = document["results"][3]
    assert {"rule", "subject", "verdict", "status", "because", "missing", "warnings"} <= set(first)
    assert first["verdict"] == "yes"
    assert first["status"] == "derived"
    node = first["because"][0]
    assert {"code", "text", "verdict", "provision", "because"} <= set(node)
    assert document["as_of"] == "2026-06-01"


def test_every_reading_at_once_decides_only_where_they_agree():
    """With reading='all' each result carries every reading's verdict; it is decided only where they agree."""
    report = fl.evaluate(SOLDIER, as_of=D, reading="all")
    person_bar = report.result("extradition-bar")
    assert dict(person_bar.readings or {}) == {
        "enacted": fl.Verdict.YES,
        "summary": fl.Verdict.YES,
        "press": fl.Verdict.NO,
    }
    assert person_bar.verdict is fl.Verdict.UNDETERMINED
    assert person_bar.unsettled == ("readings",)
    assert report.result("extradition-bar", "offence:o1").verdict is fl.Verdict.YES
    document = json.loads(report.to_json())
    assert document["reading"] == "all"
    assert document["results"][3]["readings"] == {"enacted": "yes", "summary": "yes", "press": "no"}


def test_the_explanation_is_an_indented_cited_tree_with_a_disclaimer():
    """explain() shows each verdict, the steps beneath it with their provisions, sources and the disclaimer."""
    text = fl.evaluate(SOLDIER, as_of=D).explain()
    assert "extradition-bar [person]: yes (status: derived)" in text
    assert "(fz-50-2026; derived)" in text
    assert "    [yes] The person took part in combat." in text or "[yes] The person took part in combat." in text
    assert "Sources:" in text
    assert "cis-legislation.com document rgn=173707" in text
    assert text.rstrip().endswith(fl.DISCLAIMER)


def test_an_undetermined_verdict_explains_what_would_decide_it():
    """The explanation lists the missing facts and the unsettled points."""
    unknown = fl.Person.model_validate(
        {"citizenship": "foreign", "contracts": [{"signed": "2023-05", "formation": "volunteer_formation"}]}
    )
    text = fl.evaluate(unknown, as_of=D).explain()
    assert "would be decided by: " in text
    assert "turns on unsettled points: " in text


def test_a_subset_of_rules():
    """rules= limits a report to the rules asked for, in the usual order."""
    report = fl.evaluate(SOLDIER, as_of=D, rules=["extradition-bar", "foreign-contract"])
    assert [found.rule for found in report.results] == ["foreign-contract", "extradition-bar", "extradition-bar"]
    assert [found.rule for found in fl.evaluate(SOLDIER, as_of=D, rules="stateless-contract").results] == [
        "stateless-contract"
    ]


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        pytest.param({"reading": "pres"}, fl.UnknownNameError, "Did you mean 'press'", id="an unknown reading"),
        pytest.param({"rules": ["extradition"]}, fl.UnknownNameError, "extradition-bar", id="an unknown rule"),
        pytest.param({"as_of": "2026-06-01"}, TypeError, "datetime.date", id="a date as text"),
        pytest.param({"as_of": datetime(2026, 6, 1, 12)}, TypeError, "datetime.date", id="a datetime"),
    ],
)
def test_bad_arguments_fail_at_once_and_list_what_is_valid(kwargs, error, message):
    """Unknown names and wrong types fail before anything is evaluated, saying what was expected."""
    arguments = {"as_of": D, **kwargs}
    with pytest.raises(error, match=message):
        fl.evaluate(SOLDIER, **arguments)
    with pytest.raises(error, match=message):
        fl.evaluate_many([], **arguments)


def test_evaluate_needs_a_person():
    """A raw record must be validated first; the error says how."""
    with pytest.raises(TypeError, match="model_validate"):
        fl.evaluate({"citizenship": "foreign"}, as_of=D)  # type: ignore[arg-type]


def test_unknown_rule_or_subject_in_a_report_lists_the_valid_ones():
    """Asking a report for a rule or subject it lacks names the ones it has."""
    report = fl.evaluate(SOLDIER, as_of=D)
    with pytest.raises(fl.UnknownNameError, match="offence:o1"):
        report.verdict("extradition-bar", subject="offence:o2")
    with pytest.raises(fl.UnknownNameError, match="foreign-contract"):
        report.verdict("citizenship")
    with pytest.raises(KeyError):
        fl.RULEBOOK.reading("enacted").instruments["nope"]
    with pytest.raises(fl.UnknownNameError, match="fz-50-2026"):
        fl.RULEBOOK.reading("enacted").instrument("fz-50-2025")


def test_evaluate_many_is_lazy():
    """Records are read only as reports are asked for: an endless stream works."""
    endless = itertools.repeat({"citizenship": "russian"})
    first_three = list(itertools.islice(fl.evaluate_many(endless, as_of=D), 3))
    assert [outcome.verdict("extradition-bar") for outcome in first_three if isinstance(outcome, fl.Report)] == [
        fl.Verdict.YES
    ] * 3


def test_evaluate_many_under_every_reading():
    """The batch API takes the same readings as evaluate."""
    (report,) = fl.evaluate_many([SOLDIER], as_of=D, reading="all")
    assert isinstance(report, fl.Report)
    assert report.reading == "all"


def test_a_derived_reading_can_confirm_a_date():
    """A user may confirm item 7's in-force date: the verdict then rests on a confirmed date."""
    gazette = fl.RULEBOOK.reading("enacted").derive(
        "gazette",
        {
            "instruments": {
                "fz-50-2026": {"start": {"date": "2026-03-19", "status": "confirmed", "sources": ["gazette"]}}
            }
        },
    )
    serving = fl.Person.model_validate(
        {"citizenship": "foreign", "contracts": [{"signed": "2024-01-01"}], "asylum_in_russia": False}
    )
    assert fl.evaluate(serving, as_of=D).result("extradition-bar").status is fl.Status.DERIVED
    confirmed = fl.evaluate(serving, as_of=D, reading=gazette)
    assert confirmed.reading == "gazette"
    assert confirmed.result("extradition-bar").status is fl.Status.CONFIRMED


def test_the_same_question_gets_the_same_answer():
    """Evaluation is deterministic: the same input gives the same document."""
    assert fl.evaluate(SOLDIER, as_of=D).to_json() == fl.evaluate(SOLDIER, as_of=D).to_json()


def test_every_report_says_which_fighterlaw_and_which_law_answered():
    """A report carries the library version and the digest of the reading it used, in JSON and in explain()."""
    report = fl.evaluate(SOLDIER, as_of=D)
    assert report.version == fl.__version__
    assert report.rulebook_hash == fl.RULEBOOK.reading("enacted").digest
    document = json.loads(report.to_json())
    assert (document["version"], document["rulebook_hash"]) == (fl.__version__, report.rulebook_hash)
    assert f"fighterlaw {fl.__version__}, rulebook {report.rulebook_hash}" in report.explain()
    press = fl.evaluate(SOLDIER, as_of=D, reading="press")
    assert press.rulebook_hash == fl.RULEBOOK.reading("press").digest != report.rulebook_hash


def test_every_reading_at_once_records_one_digest_of_all_of_them():
    """With reading='all' the hash covers each reading by name and digest, so a change to any one shows."""
    together = fl.evaluate(SOLDIER, as_of=D, reading="all").rulebook_hash
    assert together.startswith("sha256:")
    assert together not in {reading.digest for reading in fl.RULEBOOK}
    changed = fl.Rulebook({**fl.RULEBOOK.readings, "press": fl.RULEBOOK.reading("enacted").derive("press", {})})
    assert fl.evaluate(SOLDIER, as_of=D, reading="all", rulebook=changed).rulebook_hash != together


def test_every_reading_at_once_names_each_reading_even_where_two_have_the_same_law():
    """Readings with the same law share their planned rules, but each keeps its own name among the verdicts."""
    twin = fl.Rulebook({**fl.RULEBOOK.readings, "press": fl.RULEBOOK.reading("enacted").derive("press", {})})
    report = fl.evaluate(SOLDIER, as_of=D, reading="all", rulebook=twin)
    result = report.result("extradition-bar")
    assert result.readings is not None
    assert list(result.readings) == ["enacted", "summary", "press"]
    assert [step.code for step in result.because] == ["reading-enacted", "reading-summary", "reading-press"]


def test_every_reading_at_once_of_a_rulebook_with_one_reading_is_still_every_reading():
    """'all' means agreement of every reading however many there are: one gives per-reading verdicts too."""
    single = fl.Rulebook({"enacted": fl.RULEBOOK.reading("enacted")})
    report = fl.evaluate(SOLDIER, as_of=D, reading="all", rulebook=single)
    assert report.reading == "all"
    assert all(result.readings is not None and set(result.readings) == {"enacted"} for result in report.results)
    assert report.rulebook_hash != fl.RULEBOOK.reading("enacted").digest
    with pytest.raises(fl.RulebookError, match="no readings"):
        fl.evaluate(SOLDIER, as_of=D, reading="all", rulebook=fl.Rulebook({}))


def test_the_record_is_in_the_json_only_when_asked_for():
    """include_input adds the record as given (its own fields only), for replaying; it is off by default."""
    record = {"id": "p-2", "citizenship": "foreign", "contracts": [{"signed": "2023-05"}]}
    report = fl.evaluate(fl.Person.model_validate(record), as_of=D)
    assert "input" not in json.loads(report.to_json())
    assert json.loads(report.to_json(include_input=True))["input"] == record
    bare = fl.Report(None, D, "enacted", ())
    with pytest.raises(ValueError, match="does not hold the record"):
        bare.to_dict(include_input=True)
    assert "rulebook (not recorded)" in bare.explain()
