"""foreign-contract and stateless-contract: may the person serve under contract on D?

Expected values come from the legal specification, not from the rulebook: the 2003 law (in force from its
signing day, 2003-11-11), ages 18 to 30; the upper limit removed on 2022-05-28; stateless persons from
2025-07-07; the press account's November 2022 and July 2024, each the whole month.
"""

from __future__ import annotations

from datetime import date

import pytest

import fighterlaw as fl
from tests.helpers import NO, UNDETERMINED, YES, node, person, result

FOREIGN_ENACTED = [
    pytest.param({"birth_date": "1980-01-01"}, date(2003, 11, 10), NO, id="the day before the 2003 law, no foreigner"),
    pytest.param(
        {"birth_date": "1980-01-01"}, date(2003, 11, 11), YES, id="a 23-year-old foreigner on the 2003 law's day"
    ),
    pytest.param({"birth_date": "1980-01-01"}, date(2003, 11, 12), YES, id="a 23-year-old foreigner the day after"),
    pytest.param({"birth_date": "2000-03-15"}, date(2018, 3, 14), NO, id="the day before the 18th birthday"),
    pytest.param({"birth_date": "2000-03-15"}, date(2018, 3, 15), YES, id="on the 18th birthday"),
    pytest.param({"birth_date": "2000-03-15"}, date(2018, 3, 16), YES, id="the day after the 18th birthday"),
    pytest.param({"birth_date": "1990-03-15"}, date(2021, 3, 14), YES, id="aged 30, the last day before turning 31"),
    pytest.param(
        {"birth_date": "1990-03-15"}, date(2021, 3, 15), NO, id="turning 31 while the age limit of 30 applies"
    ),
    pytest.param({"birth_date": "1990-03-15"}, date(2021, 3, 16), NO, id="aged 31 while the age limit of 30 applies"),
    pytest.param({"birth_date": "1980-01-01"}, date(2022, 5, 27), NO, id="aged 42 the day before the limit was lifted"),
    pytest.param({"birth_date": "1980-01-01"}, date(2022, 5, 28), YES, id="aged 42 on the day the limit was lifted"),
    pytest.param({"birth_date": "1980-01-01"}, date(2022, 5, 29), YES, id="aged 42 the day after the limit was lifted"),
    pytest.param({"birth_date": "1966-01-01"}, date(2026, 6, 1), YES, id="aged 60 in 2026: no upper limit"),
    pytest.param({"birth_date": "2004-02-29"}, date(2022, 2, 27), NO, id="born on a leap day, the day before 28 Feb"),
    pytest.param({"birth_date": "2004-02-29"}, date(2022, 2, 28), YES, id="born on a leap day, 18 on 28 Feb"),
    pytest.param({"birth_date": "2000-03"}, date(2018, 2, 28), NO, id="born in March 2000: not yet 18 in Feb 2018"),
    pytest.param(
        {"birth_date": "2000-03"}, date(2018, 3, 15), UNDETERMINED, id="born in March 2000: 18 in March 2018?"
    ),
    pytest.param({"birth_date": "2000-03"}, date(2018, 4, 1), YES, id="born in March 2000: 18 by April 2018"),
    pytest.param(
        {"birth_date": "1990-03"}, date(2021, 3, 15), UNDETERMINED, id="born March 1990: 31 yet in March 2021?"
    ),
    pytest.param({}, date(2026, 6, 1), UNDETERMINED, id="a foreigner of unknown age"),
    pytest.param({"birth_date": "unknown"}, date(2026, 6, 1), UNDETERMINED, id="a foreigner born on an unknown day"),
    pytest.param(
        {"citizenship": "stateless", "birth_date": "1990-01-01"}, date(2026, 6, 1), NO, id="a stateless person"
    ),
    pytest.param({"citizenship": "russian", "birth_date": "1990-01-01"}, date(2026, 6, 1), NO, id="a Russian citizen"),
    pytest.param(
        {"birth_date": "1990-01-01", "naturalised": "2024-05-01"},
        date(2024, 4, 30),
        YES,
        id="the day before naturalisation",
    ),
    pytest.param(
        {"birth_date": "1990-01-01", "naturalised": "2024-05-01"},
        date(2024, 5, 1),
        NO,
        id="on the day of naturalisation",
    ),
    pytest.param(
        {"birth_date": "1990-01-01", "naturalised": "2024-05"},
        date(2024, 5, 15),
        UNDETERMINED,
        id="naturalised some day in the month of D",
    ),
]


@pytest.mark.parametrize(("record", "on", "expected"), FOREIGN_ENACTED)
def test_foreign_contract_as_enacted(record, on, expected):
    """Each legal situation of the enacted foreign-contract rule gives the verdict the law gives."""
    assert result(person(**record), on, "foreign-contract").verdict is expected


FOREIGN_PRESS = [
    pytest.param(date(2022, 10, 31), NO, id="the press account: the day before November 2022"),
    pytest.param(date(2022, 11, 1), UNDETERMINED, id="the press account: the first of November 2022"),
    pytest.param(date(2022, 11, 15), UNDETERMINED, id="the press account: mid-November 2022"),
    pytest.param(date(2022, 11, 29), UNDETERMINED, id="the press account: 29 November 2022"),
    pytest.param(date(2022, 11, 30), YES, id="the press account: 30 November, every day of November has passed"),
    pytest.param(date(2022, 12, 1), YES, id="the press account: the day after November 2022"),
    pytest.param(date(2012, 6, 1), NO, id="the press account: 2012, when the 2003 law allowed it"),
]


@pytest.mark.parametrize(("on", "expected"), FOREIGN_PRESS)
def test_foreign_contract_by_the_press_account(on, expected):
    """The press dates foreigners' contract service from some day in November 2022."""
    assert result(person(birth_date="1980-01-01"), on, "foreign-contract", "press").verdict is expected


def test_the_press_account_has_no_upper_age_limit():
    """Under the press account a 45-year-old may serve in 2023."""
    assert result(person(birth_date="1978-01-01"), date(2023, 1, 1), "foreign-contract", "press").verdict is YES


def test_an_undetermined_age_names_the_birth_date():
    """An undetermined verdict says which fact would decide it."""
    found = result(person(birth_date="2000-03"), date(2018, 3, 15), "foreign-contract")
    assert found.missing == ("birth_date",)
    assert found.unsettled == ()


def test_an_undetermined_naturalisation_names_it():
    """Whether the person was already Russian on D turns on the naturalisation date."""
    found = result(person(birth_date="1990-01-01", naturalised="2024-05"), date(2024, 5, 15), "foreign-contract")
    assert found.missing == ("naturalised",)


def test_the_press_month_is_an_unsettled_legal_point():
    """Inside November 2022 the press account is undetermined because of its own date, not the facts."""
    found = result(person(birth_date="1980-01-01"), date(2022, 11, 15), "foreign-contract", "press")
    assert found.missing == ()
    assert found.unsettled == ("foreign-contract.start",)
    assert found.status.value == "reported"


def test_the_2003_in_force_date_is_only_plausible():
    """The 2003 law's in-force date stands in for an unknown one, so a yes relying on it is plausible."""
    found = result(person(birth_date="1990-01-01"), date(2026, 6, 1), "foreign-contract")
    assert found.status.value == "plausible"
    assert node(found, "in-force").provision == "law-2003-11-11"


def test_the_age_limit_cites_the_law_that_set_it_and_the_law_that_lifted_it():
    """Before 28 May 2022 the limit comes from the 2003 law; from that day its removal from the 2022 law."""
    before = result(person(birth_date="1990-01-01"), date(2021, 1, 1), "foreign-contract")
    after = result(person(birth_date="1990-01-01"), date(2023, 1, 1), "foreign-contract")
    assert {step.provision for step in node(before, "max-age").walk()} >= {"law-2003-11-11"}
    assert "law-2022-05-28" in {step.provision for step in node(after, "max-age").walk()}


STATELESS_ENACTED = [
    pytest.param({"birth_date": "1990-01-01"}, date(2025, 7, 6), NO, id="the day before the 2025 law"),
    pytest.param({"birth_date": "1990-01-01"}, date(2025, 7, 7), YES, id="on the day the 2025 law was signed"),
    pytest.param({"birth_date": "1990-01-01"}, date(2025, 7, 8), YES, id="the day after the 2025 law"),
    pytest.param({"birth_date": "1970-01-01"}, date(2026, 1, 1), YES, id="a 56-year-old stateless person"),
    pytest.param({"birth_date": "2008-06-01"}, date(2026, 5, 31), NO, id="the day before the 18th birthday"),
    pytest.param({"birth_date": "2008-06-01"}, date(2026, 6, 1), YES, id="on the 18th birthday"),
    pytest.param({"birth_date": "2008-06-01"}, date(2026, 6, 2), YES, id="the day after the 18th birthday"),
    pytest.param({"birth_date": "2008"}, date(2026, 6, 1), UNDETERMINED, id="born some day in 2008"),
    pytest.param({"birth_date": "1990-01-01", "citizenship": "foreign"}, date(2026, 1, 1), NO, id="a foreign citizen"),
    pytest.param(
        {"birth_date": "1990-01-01", "naturalised": "2025-08-01"}, date(2026, 1, 1), NO, id="a naturalised Russian"
    ),
]


@pytest.mark.parametrize(("record", "on", "expected"), STATELESS_ENACTED)
def test_stateless_contract_as_enacted(record, on, expected):
    """Each legal situation of the enacted stateless-contract rule gives the verdict the law gives."""
    assert result(person(**{"citizenship": "stateless", **record}), on, "stateless-contract").verdict is expected


STATELESS_PRESS = [
    pytest.param(date(2024, 6, 30), NO, "press", id="the press account: the day before July 2024"),
    pytest.param(date(2024, 7, 1), UNDETERMINED, "press", id="the press account: the first of July 2024"),
    pytest.param(date(2024, 7, 30), UNDETERMINED, "press", id="the press account: 30 July 2024"),
    pytest.param(date(2024, 7, 31), YES, "press", id="the press account: the last day of July 2024"),
    pytest.param(date(2024, 8, 1), YES, "press", id="the press account: the day after July 2024"),
    pytest.param(date(2024, 8, 1), NO, "enacted", id="as enacted: August 2024, a year before the 2025 law"),
]


@pytest.mark.parametrize(("on", "expected", "reading"), STATELESS_PRESS)
def test_stateless_contract_by_the_press_account(on, expected, reading):
    """The press dates stateless persons' contract service from some day in July 2024."""
    record = person(citizenship="stateless", birth_date="1990-01-01")
    assert result(record, on, "stateless-contract", reading).verdict is expected


def test_two_rules_citing_one_instrument_keep_their_own_starts():
    """A reading in which stateless persons serve "under the 2003 law, from 2025-07-07": whether the other rule
    was asked too, the stateless rule starts on its own day (the in-force step is shared only where it is one)."""
    same_act = fl.RULEBOOK.reading("enacted").derive(
        "same-act", {"rules": {"stateless-contract": {"instrument": "law-2003-11-11", "start": "law-2025-07-07"}}}
    )
    stateless = person(citizenship="stateless", birth_date="1990-01-01")
    for on, expected in ((date(2025, 7, 6), NO), (date(2025, 7, 7), YES)):
        for rules in (["foreign-contract", "stateless-contract"], ["stateless-contract"]):
            report = fl.evaluate(stateless, as_of=on, reading=same_act, rules=rules)
            assert report.verdict("stateless-contract") is expected, (on, rules)


# An amendment known only to its month: the upper age limit of 30 lifted some day in May 2022.
def lifted_in_may() -> fl.Reading:
    """The enacted reading, with the upper age limit of 30 lifted some day in May 2022."""
    lifted = {"value": "none", "since": {"date": "2022-05", "status": "plausible"}, "provision": "law-2022-05-28"}
    return fl.RULEBOOK.reading("enacted").derive(
        "lifted-in-may", {"rules": {"foreign-contract": {"max-age": [{"value": 30}, lifted]}}}
    )


MAY = [
    pytest.param("1987-01-01", date(2022, 4, 30), NO, id="aged 35, the day before the month of the change"),
    pytest.param("1987-01-01", date(2022, 5, 15), UNDETERMINED, id="aged 35, within the month of the change"),
    pytest.param("1987-01-01", date(2022, 6, 1), YES, id="aged 35, the day after the month of the change"),
    pytest.param("1997-01-01", date(2022, 5, 15), YES, id="aged 25, within the month: both limits agree"),
]


@pytest.mark.parametrize(("born", "on", "expected"), MAY)
def test_a_change_of_the_law_known_only_to_its_month(born, on, expected):
    """Within the month, each limit that may apply is a case; the answer is known only where the cases agree."""
    found = fl.evaluate(person(birth_date=born), as_of=on, reading=lifted_in_may()).result("foreign-contract")
    assert found.verdict is expected
    if expected is UNDETERMINED:
        assert found.unsettled == ("foreign-contract.max-age[1].since",)
        assert found.missing == ()


def test_the_cases_of_a_change_known_only_to_its_month_say_so():
    """Each case says whether its value applies on the day, and when the law changed."""
    report = fl.evaluate(person(birth_date="1987-01-01"), as_of=date(2022, 5, 15), reading=lifted_in_may())
    lines = [line.strip() for line in report.explain().splitlines()]
    assert (
        "[?]   case: Whether the value set by law-2003-11-11 applies on 2022-05-15 is unsettled: it changed on some "
        "day in 2022-05.  (law-2003-11-11; plausible)"
    ) in lines
    assert "[no]  The person is over 30 on 2022-05-15 (born 1987-01-01).  (law-2003-11-11; confirmed)" in lines
    assert (
        "[?]   case: Whether the value set by law-2022-05-28 applies on 2022-05-15 is unsettled: it changed on some "
        "day in 2022-05.  (law-2022-05-28; plausible)"
    ) in lines
    assert "[yes] No upper age limit applies on 2022-05-15.  (law-2022-05-28; confirmed)" in lines
    assert "[?]   Whether the upper age limit in effect on 2022-05-15 is met is undetermined." in lines


THREE_LIMITS = [
    pytest.param("1974-01-01", date(2009, 6, 1), NO, id="aged 35 under the limit of 30"),
    pytest.param("1974-01-01", date(2010, 1, 1), YES, id="aged 36 on the day the limit became 40"),
    pytest.param("1969-01-01", date(2015, 6, 1), NO, id="aged 46 under the limit of 40"),
    pytest.param("1969-01-01", date(2022, 5, 28), YES, id="aged 53 on the day every limit was lifted"),
]


@pytest.mark.parametrize(("born", "on", "expected"), THREE_LIMITS)
def test_a_limit_changed_twice_applies_each_value_in_its_own_time(born, on, expected):
    """Each value applies from its own date until the next value's: 30, then 40 from 2010, then none from 2022."""
    forty = {"value": 40, "since": {"date": "2010-01-01", "status": "confirmed"}, "provision": "law-2003-11-11"}
    lifted = {"value": "none", "since": "law-2022-05-28", "provision": "law-2022-05-28"}
    twice = fl.RULEBOOK.reading("enacted").derive(
        "twice", {"rules": {"foreign-contract": {"max-age": [{"value": 30}, forty, lifted]}}}
    )
    assert fl.evaluate(person(birth_date=born), as_of=on, reading=twice).verdict("foreign-contract") is expected
