"""Legal situations as data: every case of ``tests/cases/*.yaml`` gives the answers the law gives.

Each case is its own test, named by its sentence. The files are checked against the rulebook too: every legal
date of every reading has situations on the day before, of and after it (both bounds of a window), asking a rule
that reads it, and every instrument a rule refers to has situations of its own that rest on it. See
``tests/situations.py`` for the format.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import fighterlaw as fl
from fighterlaw.strategies import milestone_days
from tests.provisions import referenced_instruments
from tests.situations import (
    CaseFileError,
    Gap,
    Situation,
    disagreements,
    gaps,
    last_legal_day,
    load,
    parse,
    touches,
)

SITUATIONS, ERRORS = load()


def test_every_case_file_holds_together():
    """Each file is named after an instrument, reads as the format says, and no two cases share a name."""
    assert ERRORS == [], "\n".join(ERRORS)


@pytest.mark.parametrize("situation", [pytest.param(each, id=each.case.name) for each in SITUATIONS])
def test_the_law_gives_the_expected_answers(situation: Situation):
    """The verdict of each question for each subject, and where pinned its missing facts, unsettled points,
    status and steps, under each reading the case names."""
    problems = [problem for reading in situation.case.reading for problem in disagreements(situation, reading)]
    assert problems == [], f"{situation.where}\n" + "\n".join(problems)


def test_every_day_around_a_legal_date_has_situations():
    """The day before, of and after each legal date of each reading (a window's first and last days alike)."""
    missing = gaps(fl.RULEBOOK, SITUATIONS)
    assert missing == [], "no situation on:\n" + "\n".join(f"  {gap}" for gap in missing)


def new_gaps(changes: dict[str, object]) -> list[Gap]:
    """The gaps that the enacted reading with ``changes`` (and still named enacted) has and the shipped one has not."""
    enacted = fl.RULEBOOK.reading("enacted")
    before = set(gaps([enacted], SITUATIONS))
    return [gap for gap in gaps([enacted.derive("enacted", changes)], SITUATIONS) if gap not in before]


def test_a_new_legal_date_without_situations_fails_the_check():
    """A reading that raises the stateless minimum age to 21 from 2027 adds a date with no situations around it."""
    raised = {"value": 21, "since": {"date": "2027-01-01", "status": "confirmed"}, "provision": "law-2025-07-07"}
    found = new_gaps({"rules": {"stateless-contract": {"min-age": [{"value": 18}, raised]}}})
    assert [(gap.day, gap.rules) for gap in found] == [
        (date(2026, 12, 31), ("stateless-contract",)),
        (date(2027, 1, 1), ("stateless-contract",)),
        (date(2027, 1, 2), ("stateless-contract",)),
    ]
    assert "enacted on 2027-01-01 (around stateless-contract.min-age[1].since), asking stateless-contract" in {
        str(gap) for gap in found
    }


def test_a_new_window_wants_situations_around_both_its_bounds():
    """A start known only to its month wants situations around its first and its last day."""
    found = new_gaps({"instruments": {"decree-821": {"start": {"date": "2025-09", "status": "plausible"}}}})
    assert [gap.day.isoformat() for gap in found] == [
        "2025-08-31",
        "2025-09-01",
        "2025-09-02",
        "2025-09-29",
        "2025-09-30",
        "2025-10-01",
    ]


def test_a_situation_of_another_rule_does_not_fill_a_gap():
    """A day with situations of other rules only still wants one of a rule that reads the date."""
    found = gaps(fl.RULEBOOK, [each for each in SITUATIONS if "stateless-contract" not in each.case.expect])
    assert Gap("enacted", date(2025, 7, 7), "law-2025-07-07.start", ("stateless-contract",)) in found


REFERENCED = referenced_instruments(fl.RULEBOOK)


@pytest.mark.parametrize("key", sorted(REFERENCED))
def test_every_instrument_a_rule_refers_to_has_situations_resting_on_it(key: str):
    """Its file holds situations, and at least one of them rests on the instrument: the answers it expects cite
    it, are warned of it, or rely on a date it derives. (The day before a value changes, the new value's
    instrument may go uncited, so not every situation of the file need rest on it.)"""
    filed = [each for each in SITUATIONS if each.instrument == key]
    assert filed, f"tests/cases/{key}.yaml: no situations"
    assert any(touches(each, key) for each in filed), f"tests/cases/{key}.yaml: no situation rests on {key}"


def test_a_situation_that_does_not_rest_on_an_instrument_is_found_out():
    """Whether a foreigner of 40 may serve rests on the 2003 law, not on the Constitution, the treaty or the ten-day
    rule, which the other questions of the same report cite."""
    case = parse(
        "cases:\n  - name: A foreigner of 40\n    as_of: 2026-06-01\n"
        "    input: {citizenship: foreign, birth_date: 1986-01-01, contracts: [{signed: 2023-01-01}],"
        " asylum_in_russia: false}\n"
        "    expect: {foreign-contract: yes}\n",
        "x",
    ).cases[0]
    assert touches(Situation("law-2003-11-11", case), "law-2003-11-11")
    for key in ("constitution-61", "ets-024", "law-5-fz-art-6"):
        assert not touches(Situation(key, case), key), key


def test_the_days_the_check_asks_for_are_those_the_strategies_concentrate_on():
    """With no situations at all, the check asks for exactly the days around each reading's legal dates that
    the Hypothesis strategies draw from (strategies.milestone_days): one list, generated from the rulebook."""
    for reading in fl.RULEBOOK:
        assert {gap.day for gap in gaps([reading], [])} == set(milestone_days(reading)), reading.name
    assert {date(2026, 3, 18), date(2026, 3, 19), date(2026, 3, 20)} <= {gap.day for gap in gaps(fl.RULEBOOK, [])}


def test_the_last_day_of_law_is_generated_from_the_rulebook():
    """The last day on which any reading's law may change comes from the readings: a later date moves it."""
    assert last_legal_day(fl.RULEBOOK) >= date(2026, 3, 19)  # item 7 in force by the ten-day rule (LAW.md)
    later = fl.RULEBOOK.reading("enacted").derive(
        "later", {"instruments": {"law-2025-07-07": {"start": {"date": "2030-07", "status": "plausible"}}}}
    )
    assert last_legal_day([later]) == date(2030, 7, 31)


BAD = [
    pytest.param("cases: [", "not readable YAML", id="text that is not YAML"),
    pytest.param("- name: A case\n", "expected a mapping with a list of cases", id="a list instead of a mapping"),
    pytest.param("cases: []\n", "cases: expected at least one case", id="no cases"),
    pytest.param(
        "cases:\n  - name: A case\n    as_of: 2026-06-01\n    as_of: 2026-06-02\n",
        "found the key 'as_of' twice",
        id="a key given twice",
    ),
    pytest.param(
        "cases:\n  - name: a case\n    as_of: 2026-06-01\n    input: {citizenship: foreign}\n"
        "    expect: {foreign-contract: no}\n",
        "case 1 ('a case'): name: expected a sentence",
        id="a name that is not a sentence",
    ),
    pytest.param(
        "cases:\n  - name: A case\n    as_of: 2026-06-31\n    input: {citizenship: foreign}\n"
        "    expect: {foreign-contract: no}\n",
        "case 1 ('A case'): as_of: expected a day that exists, as YYYY-MM-DD; found '2026-06-31'",
        id="an impossible day",
    ),
    pytest.param(
        "cases:\n  - name: A case\n    as_of: 2026\n    input: {citizenship: foreign}\n"
        "    expect: {foreign-contract: no}\n",
        "case 1 ('A case'): as_of: expected a day that exists, as YYYY-MM-DD; found 2026",
        id="a year for a day",
    ),
    pytest.param(
        "cases:\n  - name: A case\n    as_of: 2026-06-01\n    reading: gazette\n    input: {citizenship: foreign}\n"
        "    expect: {foreign-contract: no}\n",
        "case 1 ('A case'): reading[0]: expected a reading, one of enacted, summary, press; found 'gazette'",
        id="an unknown reading",
    ),
    pytest.param(
        "cases:\n  - name: A case\n    as_of: 2026-06-01\n    input: {citizenship: foreign, combat: yes}\n"
        "    expect: {foreign-contract: no}\n",
        "case 1 ('A case'): input.combat: expected a valid boolean; found 'yes'",
        id="a bad input record",
    ),
    pytest.param(
        "cases:\n  - name: A case\n    as_of: 2026-06-01\n"
        "    input: {citizenship: foreign, contracts: [{signed: 2023-02-30}]}\n    expect: {foreign-contract: no}\n",
        "case 1 ('A case'): input.contracts[0].signed:",
        id="an impossible day in the record",
    ),
    pytest.param(
        "cases:\n  - name: A case\n    as_of: 2026-06-01\n    input: {citizenship: foreign}\n"
        "    expect: {extradition: no}\n",
        "case 1 ('A case'): expect.extradition[key]: expected a rule id, one of foreign-contract",
        id="an unknown rule",
    ),
    pytest.param(
        "cases:\n  - name: A case\n    as_of: 2026-06-01\n    input: {citizenship: foreign}\n"
        "    expect: {foreign-contract: maybe}\n",
        "case 1 ('A case'): expect.foreign-contract.person.verdict: expected 'yes', 'no' or 'undetermined'",
        id="an unknown verdict",
    ),
    pytest.param(
        "cases:\n  - name: A case\n    as_of: 2026-06-01\n    input: {citizenship: foreign}\n"
        "    expect: {extradition-bar: {Offence 1: no}}\n",
        "case 1 ('A case'): expect.extradition-bar.Offence 1[key]: expected a subject such as person",
        id="an unknown subject",
    ),
    pytest.param(
        "cases:\n  - name: A case\n    as_of: 2026-06-01\n    input: {citizenship: foreign}\n"
        "    expect: {foreign-contract: {verdict: no, missed: [birth_date]}}\n",
        "case 1 ('A case'): expect.foreign-contract.person.missed: ",
        id="an unknown key of an outcome",
    ),
    pytest.param(
        "cases:\n  - name: A case\n    input: {citizenship: foreign}\n    expect: {foreign-contract: no}\n",
        "case 1 ('A case'): as_of: expected this field; it is required",
        id="no day",
    ),
]


@pytest.mark.parametrize(("text", "message"), BAD)
def test_a_bad_case_file_names_the_file_the_case_and_the_key(text: str, message: str):
    """Each problem of a case file says where it is and what was expected."""
    with pytest.raises(CaseFileError) as raised:
        parse(text, "tests/cases/decree-690.yaml")
    assert str(raised.value).startswith("tests/cases/decree-690.yaml: ")
    assert message in str(raised.value)


def test_a_file_not_named_after_an_instrument_and_a_name_used_twice_are_refused(tmp_path: Path):
    """Files name instruments, and names are test ids, so both must be unique and known."""
    case = (
        "cases:\n  - name: A case\n    as_of: 2026-06-01\n    input: {citizenship: foreign}\n    expect: {RULE: no}\n"
    )
    (tmp_path / "decree-99.yaml").write_text(case.replace("RULE", "foreign-contract"), encoding="utf-8")
    (tmp_path / "decree-10.yaml").write_text(case.replace("RULE", "foreign-contract"), encoding="utf-8")
    (tmp_path / "decree-821.yaml").write_text(case.replace("RULE", "stateless-contract"), encoding="utf-8")
    found, errors = load(tmp_path)
    assert [each.instrument for each in found] == ["decree-10", "decree-821"]
    assert errors == [
        "tests/cases/decree-99.yaml: expected a file named after an instrument of the rulebook; found 'decree-99'",
        "decree-821.yaml: 'A case': the same name as a case of decree-10.yaml; names are test ids",
    ]


def test_yaml_s_hidden_types_do_not_apply():
    """Dates stay text, yes and no stay words, so a verdict is never a boolean and a date never a datetime."""
    found = parse(
        "cases:\n  - name: A case\n    as_of: 2026-06-01\n    input: {citizenship: foreign, nationality: NO, "
        "birth_date: 1990-01-01}\n    expect: {foreign-contract: yes}\n",
        "x",
    )
    case = found.cases[0]
    assert case.input.nationality == "NO"
    assert str(case.input.birth_date) == "1990-01-01"
    assert case.expect["foreign-contract"]["person"].verdict is fl.Verdict.YES


def test_a_record_written_once_can_be_merged_into_a_later_case():
    """An anchor merged into a later case's input, with a change: the change wins, and is no key given twice."""
    found = parse(
        "cases:\n  - name: A soldier\n    as_of: 2026-06-01\n"
        "    input: &soldier {citizenship: foreign, contracts: [{signed: 2023-01-01}], combat: false}\n"
        "    expect: {extradition-bar: yes}\n"
        "  - name: The same soldier, who fought\n    as_of: 2026-06-01\n"
        "    input: {<<: *soldier, combat: true}\n    expect: {extradition-bar: yes}\n",
        "x",
    )
    first, second = (case.input for case in found.cases)
    assert (first.combat, second.combat) == (False, True)
    assert second.contracts == first.contracts


def test_a_case_that_the_law_does_not_bear_out_says_how():
    """A wrong expectation is reported with the reading, the rule, the subject and both values."""
    wrong = parse(
        "cases:\n  - name: A Russian citizen may serve as a foreigner\n    as_of: 2026-06-01\n"
        "    input: {citizenship: russian}\n    expect:\n      foreign-contract: {verdict: yes, missing: [sex],"
        " status: reported, steps: {nowhere: no}}\n      extradition-bar: {offence:o1: yes}\n",
        "x",
    ).cases[0]
    assert list(disagreements(Situation("law-2003-11-11", wrong), "enacted")) == [
        "[enacted] expect.foreign-contract.person: expected yes, found no",
        "[enacted] expect.foreign-contract.person.missing: expected ['sex'], found []",
        "[enacted] expect.foreign-contract.person.status: expected reported, found confirmed",
        "[enacted] expect.foreign-contract.person.steps.nowhere: no such step in the reasons",
        "[enacted] expect.extradition-bar.offence:o1: no such subject; the report has person",
    ]


def test_the_example_of_the_format_s_page_holds():
    """The example in tests/cases/README.md reads as the format says, and the law bears it out."""
    page = (Path(__file__).parent / "cases" / "README.md").read_text(encoding="utf-8")
    example = page.split("```yaml\n", 1)[1].split("```", 1)[0]
    for case in parse(example, "README.md").cases:
        for reading in case.reading:
            assert list(disagreements(Situation("decree-690", case), reading)) == [], case.name
