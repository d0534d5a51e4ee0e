"""simplified-citizenship: readings of one's own, and how the reasons read.

The legal situations of the decrees (Nos. 690, 10 and 821) and of the press account are data, in
``tests/cases/decree-690.yaml``, ``decree-10.yaml``, ``decree-821.yaml`` and ``press-2026-03-09.yaml``. What stays
here is not a situation of the shipped law: readings derived to ask a longer minimum term, and the sentences of
the reasons.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

import fighterlaw as fl
from tests.helpers import NO, UNDETERMINED, YES, node, person

RULE = "simplified-citizenship"

MAN = {"sex": "male", "birth_date": "1990-01-01", "nationality": "NP"}


def with_(base: dict[str, Any], **changes: Any) -> dict[str, Any]:
    return {**base, **changes}


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
    assert found.missing == ("nationality",)  # every sex is covered: the sex cannot decide it


VETERAN_MEMBER = {
    "citizenship": "foreign",
    "sex": "male",
    "birth_date": "1980-01-01",
    "nationality": "NP",
    "contracts": [{"signed": "2023-01-01", "term_months": 12}],
}


@pytest.mark.parametrize(
    ("family", "status"),
    [
        pytest.param([], fl.Status.CONFIRMED, id="a Belarusian applying alone: the exclusion is confirmed"),
        pytest.param(
            [{"relation": "spouse", "member": VETERAN_MEMBER}],
            fl.Status.PLAUSIBLE,
            id="a Belarusian spouse of a veteran: that the exclusion reaches the family route is plausible",
        ),
    ],
)
def test_decree_821_s_belarus_exclusion_is_as_sure_as_its_reach(family, status):
    """LAW.md's December 2026 check: citizens of Belarus are outside Decree 821; for the family part, plausible."""
    applicant = fl.Person.model_validate({"citizenship": "foreign", "nationality": "BY", "family": family})
    result = fl.evaluate(applicant, as_of=date(2026, 6, 1)).result("simplified-citizenship")
    step = next(node for node in result.reason.walk() if node.code == "decree-821-nationality")
    assert (step.verdict, step.status) == (fl.Verdict.NO, status)


def test_decree_821_s_route_through_a_parent_rests_on_plausible_sources():
    """Spouses and children confirmed, parents plausible (LAW.md): the relation step says so for a parent only."""
    statuses = {}
    for relation in ("spouse", "parent"):
        applicant = fl.Person.model_validate(
            {
                "citizenship": "foreign",
                "nationality": "NP",
                "family": [{"relation": relation, "member": VETERAN_MEMBER}],
            }
        )
        result = fl.evaluate(applicant, as_of=date(2026, 6, 1)).result("simplified-citizenship")
        step = next(node for node in result.reason.walk() if node.code == "decree-821-family-relation")
        statuses[relation] = (step.verdict, step.status, result.status)
    assert statuses == {
        "spouse": (fl.Verdict.YES, None, fl.Status.CONFIRMED),
        "parent": (fl.Verdict.YES, fl.Status.PLAUSIBLE, fl.Status.PLAUSIBLE),
    }
