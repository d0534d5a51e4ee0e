"""foreign-contract and stateless-contract: citations, statuses and readings of one's own.

The legal situations of the 2003, 2022 and 2025 laws and of the press account are data, in
``tests/cases/law-2003-11-11.yaml``, ``law-2022-05-28.yaml``, ``law-2025-07-07.yaml``, ``decree-823.yaml`` and
``press-2026-03-09.yaml``. What stays here: which provision a step cites, and readings derived to change the law
(a limit changed on a day known only to its month, or twice). Expected values come from the legal specification.
"""

from __future__ import annotations

from datetime import date

import pytest

import fighterlaw as fl
from tests.helpers import NO, UNDETERMINED, YES, node, person, result


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
