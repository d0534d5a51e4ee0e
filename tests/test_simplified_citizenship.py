"""simplified-citizenship: may the person apply for Russian citizenship by the simplified route on D?

Expected values come from the legal specification: Decree No. 690 from 2022-09-30 (stateless persons from
2023-05-15) until it ended on some day in 2023-10-26..2024-01-04; Decree No. 10 from 2024-01-04, possibly
repealed on 2025-11-05; Decree No. 821 from 2025-11-05 (men aged 18 to 65, not citizens of Belarus); the
special military operation from 2022-02-24; the press account from January 2024.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

import fighterlaw as fl
from tests.helpers import NO, UNDETERMINED, YES, node, person, result

RULE = "simplified-citizenship"

MAN = {"sex": "male", "birth_date": "1990-01-01", "nationality": "NP"}
YEAR_CONTRACT_2022 = {**MAN, "contracts": [{"signed": "2022-03-01", "term_months": 12}]}
SHORT_CONTRACT_2022 = {**MAN, "contracts": [{"signed": "2022-06-01", "term_months": 6}]}
DISCHARGED_2021 = {
    "sex": "male",
    "birth_date": "1980-01-01",
    "nationality": "NP",
    "discharge": {"date": "2021-06-01", "grounds": "health", "order_extract": True},
}
UNFIT = {"sex": "male", "birth_date": "1980-01-01", "nationality": "NP", "unfitness_ruling": {"date": "2023-01-01"}}


def with_(base: dict[str, Any], **changes: Any) -> dict[str, Any]:
    return {**base, **changes}


DECREE_690 = [
    pytest.param(YEAR_CONTRACT_2022, date(2022, 9, 29), NO, id="a year's contract, the day before Decree 690"),
    pytest.param(YEAR_CONTRACT_2022, date(2022, 9, 30), YES, id="a year's contract, the day Decree 690 took effect"),
    pytest.param(YEAR_CONTRACT_2022, date(2022, 10, 1), YES, id="a year's contract, the day after Decree 690"),
    pytest.param(SHORT_CONTRACT_2022, date(2022, 10, 1), NO, id="a six-month contract is too short for Decree 690"),
    pytest.param(
        with_(MAN, contracts=[{"signed": "2022-02-23", "term_months": 12, "ended": "2023-02-23"}]),
        date(2022, 10, 1),
        NO,
        id="a contract signed the day before the operation began",
    ),
    pytest.param(
        with_(MAN, contracts=[{"signed": "2022-02-24", "term_months": 12}]),
        date(2022, 10, 1),
        YES,
        id="a contract signed the day the operation began",
    ),
    pytest.param(
        with_(MAN, contracts=[{"signed": "2022-04-01", "term_months": "open"}]),
        date(2022, 10, 1),
        YES,
        id="an open contract counts as at least a year",
    ),
    pytest.param(
        with_(MAN, contracts=[{"signed": "2022-04-01"}]),
        date(2022, 10, 1),
        UNDETERMINED,
        id="a contract of unknown term",
    ),
    pytest.param(
        with_(YEAR_CONTRACT_2022, citizenship="stateless", nationality=None),
        date(2023, 5, 14),
        NO,
        id="a stateless soldier the day before stateless persons were added",
    ),
    pytest.param(
        with_(YEAR_CONTRACT_2022, citizenship="stateless", nationality=None),
        date(2023, 5, 15),
        YES,
        id="a stateless soldier the day they were added",
    ),
    pytest.param(
        with_(YEAR_CONTRACT_2022, citizenship="stateless", nationality=None),
        date(2023, 5, 16),
        YES,
        id="a stateless soldier the day after they were added",
    ),
    pytest.param(YEAR_CONTRACT_2022, date(2023, 10, 25), YES, id="the day before Decree 690's basis lapsed"),
    pytest.param(YEAR_CONTRACT_2022, date(2023, 10, 26), UNDETERMINED, id="the day Decree 690's basis lapsed"),
    pytest.param(YEAR_CONTRACT_2022, date(2024, 1, 3), UNDETERMINED, id="the day before Decree 10 replaced it"),
    pytest.param(YEAR_CONTRACT_2022, date(2024, 1, 4), YES, id="Decree 10 in force: the soldier qualifies under it"),
    pytest.param(
        with_(YEAR_CONTRACT_2022, citizenship="russian"), date(2022, 10, 1), NO, id="a Russian citizen needs no route"
    ),
    pytest.param(with_(YEAR_CONTRACT_2022, naturalised="2022-09-30"), date(2022, 10, 1), NO, id="already naturalised"),
    pytest.param(
        with_(YEAR_CONTRACT_2022, naturalised="2022-10"),
        date(2022, 10, 15),
        UNDETERMINED,
        id="naturalised some day in the month of D",
    ),
]


@pytest.mark.parametrize(("record", "on", "expected"), DECREE_690)
def test_decree_690(record, on, expected):
    """Decree No. 690: a contract of at least a year signed during the operation."""
    assert result(person(**record), on, RULE).verdict is expected


def test_decree_690_has_ended_once_decree_10_replaced_it():
    """On 2024-01-04 Decree 690 no longer applies; Decree 10 carries the answer."""
    found = result(person(**YEAR_CONTRACT_2022), date(2024, 1, 4), RULE)
    assert node(found, "decree-690").verdict is NO
    assert node(found, "decree-10").verdict is YES


def test_the_end_of_decree_690_is_the_unsettled_point():
    """Between 2023-10-26 and 2024-01-03 the answer turns on the day Decree 690 ended."""
    found = result(person(**YEAR_CONTRACT_2022), date(2023, 12, 1), RULE)
    assert found.unsettled == ("decree-690.end",)
    assert found.missing == ()


def test_an_unknown_term_names_the_contract_term():
    """A contract of unknown term leaves Decree 690 undetermined, and says so."""
    found = result(person(**with_(MAN, contracts=[{"signed": "2022-04-01"}])), date(2022, 10, 1), RULE)
    assert found.missing == ("contracts[0].term_months",)


DECREE_10 = [
    pytest.param(SHORT_CONTRACT_2022, date(2024, 1, 3), NO, id="a six-month soldier the day before Decree 10"),
    pytest.param(SHORT_CONTRACT_2022, date(2024, 1, 4), YES, id="a six-month soldier the day Decree 10 took effect"),
    pytest.param(SHORT_CONTRACT_2022, date(2024, 1, 5), YES, id="a six-month soldier the day after Decree 10"),
    pytest.param(SHORT_CONTRACT_2022, date(2025, 11, 4), YES, id="the day before Decree 821 (and the possible repeal)"),
    pytest.param(SHORT_CONTRACT_2022, date(2025, 11, 5), UNDETERMINED, id="the day Decree 10 may have been repealed"),
    pytest.param(SHORT_CONTRACT_2022, date(2025, 11, 6), UNDETERMINED, id="the day after the possible repeal"),
    pytest.param(
        with_(MAN, contracts=[{"signed": "2019-01-01", "ended": "2021-01-01"}]),
        date(2024, 6, 1),
        NO,
        id="a contract that ended before the operation",
    ),
    pytest.param(
        with_(MAN, contracts=[{"signed": "2019-01-01", "ended": "2022-02-24"}]),
        date(2024, 6, 1),
        NO,
        id="a contract that ended on the day the operation began",
    ),
    pytest.param(
        with_(MAN, contracts=[{"signed": "2019-01-01", "ended": "2022-02-25"}]),
        date(2024, 6, 1),
        YES,
        id="a contract still in force on the operation's first day",
    ),
    pytest.param(
        with_(MAN, contracts=[{"signed": "2023-06-01", "term_months": 6, "ended": "2023-06-01"}]),
        date(2024, 6, 1),
        NO,
        id="a contract that ended on the day it was signed was never in force",
    ),
    pytest.param(
        with_(MAN, contracts=[{"signed": "2023-06-01", "term_months": 6, "ended": "2023-06-02"}]),
        date(2024, 6, 1),
        YES,
        id="a contract in force for a single day",
    ),
    pytest.param(
        with_(
            MAN,
            contracts=[{"signed": "2023-06-01", "term_months": 6}],
            discharge={"date": "2023-06-01", "grounds": "other"},
        ),
        date(2024, 6, 1),
        NO,
        id="a contract cut by a discharge on the day it was signed",
    ),
    pytest.param(
        with_(MAN, contracts=[{"signed": "2023-06", "term_months": 6, "ended": "2023-06-15"}]),
        date(2024, 6, 1),
        UNDETERMINED,
        id="a contract signed some day in a month, ended mid-month",
    ),
    pytest.param(
        with_(MAN, discharge={"date": "2023-05-01", "grounds": "health"}),
        date(2024, 2, 1),
        YES,
        id="discharged for health during the operation",
    ),
    pytest.param(
        with_(MAN, discharge={"date": "2023-05-01", "grounds": "other"}),
        date(2024, 2, 1),
        NO,
        id="discharged on other grounds",
    ),
    pytest.param(
        with_(MAN, discharge={"date": "2023-05-01"}), date(2024, 2, 1), UNDETERMINED, id="discharged on unknown grounds"
    ),
    pytest.param(
        with_(MAN, discharge={"date": "2022-02-23", "grounds": "age"}),
        date(2024, 2, 1),
        NO,
        id="discharged for age the day before the operation",
    ),
    pytest.param(
        with_(MAN, discharge={"date": "2022-02-24", "grounds": "age"}),
        date(2024, 2, 1),
        YES,
        id="discharged for age the day the operation began",
    ),
    pytest.param(
        with_(MAN, discharge={"date": "2023-05-01", "grounds": "contract_expiry"}, sex="female"),
        date(2024, 2, 1),
        YES,
        id="a woman discharged at the end of her contract",
    ),
]


@pytest.mark.parametrize(("record", "on", "expected"), DECREE_10)
def test_decree_10(record, on, expected):
    """Decree No. 10: served during the operation, or discharged during it for age, health or expiry."""
    assert result(person(**record), on, RULE).verdict is expected


def test_the_possible_repeal_of_decree_10_is_the_unsettled_point():
    """From 2025-11-05 a six-month soldier's answer turns on whether Decree 821 repealed Decree 10."""
    found = result(person(**SHORT_CONTRACT_2022), date(2025, 11, 5), RULE)
    assert found.unsettled == ("decree-10.end",)
    assert node(found, "decree-821").verdict is NO


DECREE_821 = [
    pytest.param(DISCHARGED_2021, date(2025, 11, 4), NO, id="discharged for health in 2021, the day before Decree 821"),
    pytest.param(DISCHARGED_2021, date(2025, 11, 5), YES, id="discharged for health in 2021, Decree 821's first day"),
    pytest.param(DISCHARGED_2021, date(2025, 11, 6), YES, id="discharged for health in 2021, the day after"),
    pytest.param(
        with_(DISCHARGED_2021, discharge={"date": "2021-06-01", "grounds": "health", "order_extract": False}),
        date(2026, 1, 1),
        NO,
        id="discharged for health without the order extract",
    ),
    pytest.param(
        with_(DISCHARGED_2021, discharge={"date": "2021-06-01", "grounds": "health"}),
        date(2026, 1, 1),
        UNDETERMINED,
        id="discharged for health, extract not known",
    ),
    pytest.param(UNFIT, date(2025, 11, 4), NO, id="found unfit, the day before Decree 821"),
    pytest.param(UNFIT, date(2025, 11, 5), YES, id="found unfit, on Decree 821's first day"),
    pytest.param(with_(UNFIT, sex="female"), date(2026, 1, 1), NO, id="a woman found unfit"),
    pytest.param(with_(UNFIT, sex=None), date(2026, 1, 1), UNDETERMINED, id="found unfit, sex not known"),
    pytest.param(with_(UNFIT, nationality="BY"), date(2026, 1, 1), NO, id="a citizen of Belarus found unfit"),
    pytest.param(
        with_(UNFIT, nationality=None), date(2026, 1, 1), UNDETERMINED, id="found unfit, nationality not known"
    ),
    pytest.param(
        with_(UNFIT, citizenship="stateless", nationality=None), date(2026, 1, 1), YES, id="a stateless man found unfit"
    ),
    pytest.param(
        with_(UNFIT, birth_date="1960-11-05"), date(2026, 11, 4), YES, id="aged 65, the day before turning 66"
    ),
    pytest.param(with_(UNFIT, birth_date="1960-11-05"), date(2026, 11, 5), NO, id="turning 66"),
    pytest.param(with_(UNFIT, birth_date="1960-11-05"), date(2026, 11, 6), NO, id="aged 66"),
    pytest.param(
        with_(UNFIT, birth_date="2008-01-10", unfitness_ruling={"date": "2025-12-01"}),
        date(2026, 1, 9),
        NO,
        id="aged 17, the day before turning 18",
    ),
    pytest.param(
        with_(UNFIT, birth_date="2008-01-10", unfitness_ruling={"date": "2025-12-01"}),
        date(2026, 1, 10),
        YES,
        id="turning 18",
    ),
    pytest.param(
        with_(UNFIT, unfitness_ruling={"date": "2026-02-01"}), date(2026, 1, 31), NO, id="the day before the ruling"
    ),
    pytest.param(
        with_(MAN, contracts=[{"signed": "2021-06-01", "term_months": 6}]),
        date(2026, 1, 1),
        YES,
        id="serving on the operation's first day under an earlier contract",
    ),
    pytest.param(
        with_(MAN, contracts=[{"signed": "2021-06-01", "term_months": 6, "ended": "2022-01-01"}]),
        date(2026, 1, 1),
        NO,
        id="an earlier contract that ended before the operation",
    ),
]


@pytest.mark.parametrize(("record", "on", "expected"), DECREE_821)
def test_decree_821(record, on, expected):
    """Decree No. 821: men aged 18 to 65, not of Belarus, with a year's contract, a discharge or unfitness."""
    assert result(person(**record), on, RULE).verdict is expected


def test_decree_821_grants_what_decree_10_leaves_open():
    """A year's contract in 2023: Decree 10 is in doubt after 2025-11-05, Decree 821 settles the answer."""
    found = result(
        person(**with_(MAN, contracts=[{"signed": "2023-01-01", "term_months": 12}])), date(2026, 1, 1), RULE
    )
    assert found.verdict is YES
    assert node(found, "decree-10").verdict is UNDETERMINED
    assert node(found, "decree-821").verdict is YES
    assert found.status.value == "confirmed"


def test_an_unknown_sex_and_nationality_name_the_facts():
    """Decree 821's undetermined conditions name the input paths that would decide them."""
    found = result(person(**with_(UNFIT, sex=None, nationality=None)), date(2026, 1, 1), RULE)
    assert set(found.missing) == {"sex", "nationality"}


SPOUSE_OF_A_SOLDIER = {
    "sex": "female",
    "birth_date": "1992-01-01",
    "family": [{"relation": "spouse", "member": {"citizenship": "foreign", **YEAR_CONTRACT_2022}}],
}


def family(relation: str, member: dict[str, Any], **applicant: Any) -> dict[str, Any]:
    return {
        "sex": "female",
        "birth_date": "1992-01-01",
        **applicant,
        "family": [{"relation": relation, "member": member}],
    }


SOLDIER = {"citizenship": "foreign", **YEAR_CONTRACT_2022}
DISCHARGED_VETERAN = {
    "citizenship": "foreign",
    **MAN,
    "discharge": {"date": "2023-05-01", "grounds": "health", "order_extract": True},
}
DISCHARGED_BEFORE = {"citizenship": "foreign", **DISCHARGED_2021}

FAMILY = [
    pytest.param(family("spouse", SOLDIER), date(2022, 10, 1), YES, id="the wife of a soldier with a year's contract"),
    pytest.param(family("child", SOLDIER), date(2022, 10, 1), YES, id="the child of such a soldier"),
    pytest.param(family("parent", SOLDIER), date(2022, 10, 1), YES, id="the parent of such a soldier"),
    pytest.param(family("spouse", SOLDIER), date(2022, 9, 29), NO, id="the wife, the day before Decree 690"),
    pytest.param(
        family("spouse", {**SOLDIER, "citizenship": "russian"}),
        date(2022, 10, 1),
        NO,
        id="the wife of a Russian soldier",
    ),
    pytest.param(
        family("spouse", {**SOLDIER, "naturalised": "2022-08-01"}),
        date(2022, 10, 1),
        YES,
        id="the wife of a soldier who has since become Russian",
    ),
    pytest.param(
        family("spouse", {**SOLDIER, "contracts": [{"signed": "2022-03-01", "term_months": 6}]}),
        date(2022, 10, 1),
        NO,
        id="the wife of a soldier with a six-month contract, under Decree 690",
    ),
    pytest.param(
        family("spouse", SOLDIER, naturalised="2022-09-01"), date(2022, 10, 1), NO, id="a wife already naturalised"
    ),
    pytest.param(
        family("spouse", SOLDIER, citizenship="russian"), date(2022, 10, 1), NO, id="a wife who is a Russian citizen"
    ),
    pytest.param(
        family("spouse", DISCHARGED_VETERAN),
        date(2024, 2, 1),
        YES,
        id="the wife of a man discharged for health during the operation, under Decree 10",
    ),
    pytest.param(
        family("spouse", with_(DISCHARGED_VETERAN, discharge={"date": "2023-05-01", "grounds": "other"})),
        date(2024, 2, 1),
        NO,
        id="the wife of a man discharged on other grounds, under Decree 10",
    ),
    pytest.param(
        family("child", DISCHARGED_BEFORE, nationality="NP"),
        date(2026, 1, 1),
        YES,
        id="the child of a man discharged for health in 2021 who holds the extract, under Decree 821",
    ),
    pytest.param(
        family(
            "child",
            with_(DISCHARGED_BEFORE, discharge={"date": "2021-06-01", "grounds": "health", "order_extract": False}),
            nationality="NP",
        ),
        date(2026, 1, 1),
        NO,
        id="the child of a man discharged for health in 2021 without the extract, under Decree 821",
    ),
]


@pytest.mark.parametrize(("record", "on", "expected"), FAMILY)
def test_the_family_route(record, on, expected):
    """A spouse, child or parent of someone who qualifies directly under the same decree on D."""
    assert result(person(**record), on, RULE).verdict is expected


def test_decree_821_family_needs_the_member_to_qualify_under_821():
    """Under Decree 821 the member must be a man of 18 to 65; the applicant need not be."""
    soldier = {"citizenship": "foreign", **with_(MAN, contracts=[{"signed": "2023-01-01", "term_months": 12}])}
    wife = result(person(**family("spouse", soldier, nationality="NP")), date(2026, 1, 1), RULE)
    assert node(wife, "decree-821").verdict is YES
    wife_of_unknown_nationality = result(person(**family("spouse", soldier)), date(2026, 1, 1), RULE)
    assert node(wife_of_unknown_nationality, "decree-821").verdict is UNDETERMINED
    assert "nationality" in wife_of_unknown_nationality.missing
    servicewoman = {**soldier, "sex": "female"}
    daughter = result(person(**family("child", servicewoman, nationality="NP")), date(2026, 1, 1), RULE)
    assert node(daughter, "decree-821").verdict is NO
    belarusian_wife = result(person(**family("spouse", soldier, nationality="BY")), date(2026, 1, 1), RULE)
    assert node(belarusian_wife, "decree-821").verdict is NO


def test_family_paths_are_named_in_the_input_s_own_terms():
    """An unknown fact of the member is named by its path through the family link."""
    soldier = {"citizenship": "foreign", **with_(MAN, contracts=[{"signed": "2022-04-01"}])}
    found = result(person(**family("spouse", soldier)), date(2022, 10, 1), RULE)
    assert found.verdict is UNDETERMINED
    assert found.missing == ("family[0].member.contracts[0].term_months",)


PRESS = [
    pytest.param(SHORT_CONTRACT_2022, date(2023, 12, 31), NO, id="the press account: the day before January 2024"),
    pytest.param(SHORT_CONTRACT_2022, date(2024, 1, 1), UNDETERMINED, id="the press account: 1 January 2024"),
    pytest.param(SHORT_CONTRACT_2022, date(2024, 1, 31), YES, id="the press account: 31 January 2024"),
    pytest.param(SHORT_CONTRACT_2022, date(2024, 2, 1), YES, id="the press account: any contract, February 2024"),
    pytest.param(
        with_(SHORT_CONTRACT_2022, citizenship="stateless", nationality=None),
        date(2024, 2, 1),
        NO,
        id="the press account speaks of foreign recruits only",
    ),
    pytest.param(with_(UNFIT, combat=True), date(2023, 12, 31), NO, id="the press account: unfit, before January 2024"),
    pytest.param(
        with_(UNFIT, combat=True), date(2024, 6, 1), UNDETERMINED, id="the press account: unfit, route start unknown"
    ),
    pytest.param(
        with_(UNFIT, combat=True), date(2026, 3, 9), YES, id="the press account: unfit who fought, March 2026"
    ),
    pytest.param(with_(UNFIT, combat=True), date(2026, 3, 10), YES, id="the press account: unfit who fought, after"),
    pytest.param(with_(UNFIT, combat=False), date(2026, 3, 10), NO, id="the press account: unfit who did not fight"),
    pytest.param(with_(UNFIT), date(2026, 3, 10), UNDETERMINED, id="the press account: unfit, combat unknown"),
    pytest.param(family("spouse", SOLDIER), date(2024, 2, 1), YES, id="the press account: a recruit's wife"),
    pytest.param(
        family("spouse", with_(DISCHARGED_VETERAN, combat=True)),
        date(2026, 3, 10),
        YES,
        id="the press account: the wife of a man discharged for health who fought, after March 2026's first days",
    ),
    pytest.param(
        family("spouse", with_(DISCHARGED_VETERAN, combat=True, discharge={"date": "2023-05-01", "grounds": "other"})),
        date(2026, 3, 10),
        NO,
        id="the press account: the wife of a man discharged on other grounds who fought",
    ),
]


@pytest.mark.parametrize(("record", "on", "expected"), PRESS)
def test_by_the_press_account(record, on, expected):
    """The press account: any foreign recruit and their family from January 2024; the unfit who fought, later."""
    assert result(person(**record), on, RULE, "press").verdict is expected


def test_the_press_account_names_combat_when_it_decides():
    """Under the press account, unfitness counts only for those who fought: combat decides it."""
    found = result(person(**UNFIT), date(2026, 3, 10), RULE, "press")
    assert found.missing == ("combat",)
    assert found.status.value == "reported"


def minimum_term(grant: str, route: str, months: int) -> fl.Reading:
    """The enacted reading, with a minimum term for one route of one grant."""
    route_changes = {"routes": {route: {"min-term-months": months}}}
    changes = {"rules": {"simplified-citizenship": {"grants": {grant: route_changes}}}}
    return fl.RULEBOOK.reading("enacted").derive(f"{grant}-{route}-{months}", changes)


LONGER_MINIMUM = [
    pytest.param(24, YES, (), id="a two-year contract"),
    pytest.param(12, NO, (), id="a one-year contract"),
    pytest.param(
        "open", UNDETERMINED, ("contracts[0].term_months",), id="an open contract is not known to last two years"
    ),
]


@pytest.mark.parametrize(("term", "expected", "missing"), LONGER_MINIMUM)
def test_a_reading_that_asks_two_years_of_decree_690(term, expected, missing):
    """An open contract counts as at least a year: enough for one year's minimum, not known to be for two."""
    record = person(**with_(MAN, contracts=[{"signed": "2022-04-01", "term_months": term}]))
    found = fl.evaluate(record, as_of=date(2022, 10, 1), reading=minimum_term("decree-690", "contract", 24)).result(
        RULE
    )
    assert found.verdict is expected
    assert found.missing == missing


REPORTED_MINIMUM = [
    pytest.param(6, NO, (), id="a six-month soldier, when Decree 10 asks the reported year"),
    pytest.param(12, YES, (), id="a one-year soldier meets the reported year"),
    pytest.param(None, UNDETERMINED, ("contracts[0].term_months",), id="a soldier whose term is not known"),
    pytest.param("open", YES, (), id="an open contract counts as a year"),
]


@pytest.mark.parametrize(("term", "expected", "missing"), REPORTED_MINIMUM)
def test_a_reading_that_adds_decree_10_s_reported_one_year_minimum(term, expected, missing):
    """LAW.md: the reported one-year minimum is not a condition of the text we could read; a reading may add it."""
    record = person(**with_(MAN, contracts=[{"signed": "2023-01-01", "term_months": term}]))
    found = fl.evaluate(record, as_of=date(2024, 6, 1), reading=minimum_term("decree-10", "served", 12)).result(RULE)
    assert found.verdict is expected
    assert found.missing == missing
    # The contract's step rests on the plausible reading of open contracts as a year, and on that alone.
    relied = "plausible" if term == "open" else "confirmed"
    assert node(found, "decree-10-served-contract").to_dict()["status"] == relied
    if term == "open":
        assert found.status.value == "plausible"  # an open contract counts as a year on a plausible reading
        assert (
            "contracts[0] (signed 2023-01-01, open term, the armed forces): in force at some time from 2022-02-24 "
            "to 2024-06-01; a term of at least 12 months."
        ) in node(found, "decree-10-served-contract").text


def test_lists_of_values_read_as_lists():
    """Where a reading covers several sexes or excludes several states, the sentences list them."""
    wider = fl.RULEBOOK.reading("enacted").derive(
        "wider",
        {
            "rules": {
                "simplified-citizenship": {
                    "grants": {"decree-821": {"sexes": ["male", "female"], "excluded-nationalities": ["BY", "KZ"]}}
                }
            }
        },
    )
    unknown = person(birth_date="1990-01-01", unfitness_ruling={"date": "2025-12-01"})
    found = fl.evaluate(unknown, as_of=date(2026, 1, 1), reading=wider).result(RULE)
    assert (
        node(found, "decree-821-sex").text == "The person's sex is not known; only female or male persons are covered."
    )
    assert node(found, "decree-821-nationality").text == (
        "The person's nationality is not known; citizens of BY, KZ are excluded."
    )
    assert set(found.missing) == {"sex", "nationality"}
