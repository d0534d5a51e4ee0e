"""extradition-bar: is extradition barred on D, whatever the offence and for each alleged offence?

Expected values come from the legal specification: Constitution Art. 61(1) and CPC Art. 464(1) items 1-4 and 6;
item 7 (Federal Law No. 50-FZ, published 2026-03-08, in force by the ten-day rule on 2026-03-19): a foreign
or stateless person who serves under contract, or served and took part in combat; the ``summary`` reading
requires combat of current soldiers too; the press account bars combat-related offences from some day in
2026-03-04..2026-03-09, and never the person as a whole.
"""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import fighterlaw as fl
from tests.helpers import NO, UNDETERMINED, YES, node, person, result

RULE = "extradition-bar"
AFTER = date(2026, 4, 1)

SERVING = {"contracts": [{"signed": "2023-01-01", "term_months": 12}], "asylum_in_russia": False}
VETERAN = {"contracts": [{"signed": "2023-01-01", "term_months": 12, "ended": "2024-01-01"}], "asylum_in_russia": False}
NEVER_SERVED = {"asylum_in_russia": False}


def with_(base: dict[str, Any], **changes: Any) -> dict[str, Any]:
    return {**base, **changes}


PERSON = [
    pytest.param({"citizenship": "russian"}, AFTER, YES, id="a Russian citizen is never extradited"),
    pytest.param({"naturalised": "2020-01-01"}, AFTER, YES, id="a naturalised Russian citizen"),
    pytest.param({"naturalised": "2027-01-01", **NEVER_SERVED}, AFTER, NO, id="naturalised only after D"),
    pytest.param({"asylum_in_russia": True}, AFTER, YES, id="granted asylum in Russia"),
    pytest.param({}, AFTER, UNDETERMINED, id="a foreigner who never served, asylum unknown"),
    pytest.param(NEVER_SERVED, AFTER, NO, id="a foreigner who never served and has no asylum"),
    pytest.param(SERVING, date(2026, 3, 18), NO, id="a serving soldier the day before item 7 took effect"),
    pytest.param(SERVING, date(2026, 3, 19), YES, id="a serving soldier the day item 7 took effect"),
    pytest.param(SERVING, date(2026, 3, 20), YES, id="a serving soldier the day after"),
    pytest.param(with_(SERVING, citizenship="stateless"), AFTER, YES, id="a serving stateless soldier"),
    pytest.param(with_(VETERAN, combat=True), AFTER, YES, id="a veteran who fought"),
    pytest.param(with_(VETERAN, combat=False), AFTER, NO, id="a veteran who did not fight"),
    pytest.param(VETERAN, AFTER, UNDETERMINED, id="a veteran, combat unknown"),
    pytest.param(with_(SERVING, combat=False), AFTER, YES, id="a serving soldier who never fought"),
    pytest.param(
        with_(SERVING, contracts=[{"signed": "2023-01-01", "formation": "other_formation"}]),
        AFTER,
        YES,
        id="serving in another military formation",
    ),
    pytest.param(
        with_(SERVING, contracts=[{"signed": "2023-01-01", "formation": "volunteer_formation"}]),
        AFTER,
        UNDETERMINED,
        id="serving in a volunteer formation: unsettled",
    ),
    pytest.param(
        with_(SERVING, contracts=[{"signed": "2023-01-01", "ended": "unknown"}], combat=False),
        AFTER,
        UNDETERMINED,
        id="a soldier whose contract ended on an unknown day, no combat",
    ),
    pytest.param(
        with_(SERVING, discharge={"date": "2025-01-01"}, combat=False),
        AFTER,
        NO,
        id="discharged before D, did not fight",
    ),
    pytest.param(
        with_(SERVING, discharge={"date": "2025-01-01"}, combat=True), AFTER, YES, id="discharged before D, fought"
    ),
    pytest.param(
        {
            "contracts": [{"signed": "2023-01-01"}, {"signed": "2025-06-01"}],
            "discharge": {"date": "2025-01-01"},
            "combat": False,
            "asylum_in_russia": False,
        },
        AFTER,
        YES,
        id="discharged, then signed a new contract: serving again",
    ),
    pytest.param(
        with_(SERVING, contracts=[{"signed": "2026-04-01"}], combat=True),
        AFTER,
        YES,
        id="a contract signed on D: serving on D",
    ),
    pytest.param(
        with_(SERVING, contracts=[{"signed": "2026-04-02"}], combat=True),
        AFTER,
        NO,
        id="a contract signed the day after D",
    ),
]


@pytest.mark.parametrize(("record", "on", "expected"), PERSON)
def test_person_level_bars_as_enacted(record, on, expected):
    """Barred whatever the offence: Russian citizenship, asylum, or item 7 as enacted."""
    assert result(person(**record), on, RULE).verdict is expected


SUMMARY = [
    pytest.param(with_(SERVING, combat=False), NO, id="summary: a serving soldier who never fought"),
    pytest.param(with_(SERVING, combat=True), YES, id="summary: a serving soldier who fought"),
    pytest.param(SERVING, UNDETERMINED, id="summary: a serving soldier, combat unknown"),
    pytest.param(with_(VETERAN, combat=True), YES, id="summary: a veteran who fought"),
    pytest.param(with_(VETERAN, combat=False), NO, id="summary: a veteran who did not fight"),
]


@pytest.mark.parametrize(("record", "expected"), SUMMARY)
def test_item_7_as_the_official_summaries_read_it(record, expected):
    """The summary reading requires combat of current soldiers too."""
    assert result(person(**record), AFTER, RULE, "summary").verdict is expected


OFFENCE = [
    pytest.param({"russian_judgment": True}, YES, id="a final Russian judgment for the same act"),
    pytest.param({"limitation_expired": True}, YES, id="the limitation period has expired"),
    pytest.param({"criminal_in_russia": False}, YES, id="the act is not a crime in Russia"),
    pytest.param(
        {"russian_judgment": False, "limitation_expired": False, "criminal_in_russia": True},
        NO,
        id="an offence with no bar of its own",
    ),
    pytest.param(
        {"russian_judgment": False, "limitation_expired": False}, UNDETERMINED, id="whether it is a crime in Russia"
    ),
]


@pytest.mark.parametrize(("offence", "expected"), OFFENCE)
def test_offence_bars(offence, expected):
    """Items 3, 4 and 6 bar extradition for one offence; the person as a whole stays unbarred."""
    found = person(**NEVER_SERVED, offences=[{"id": "o1", **offence}])
    assert result(found, AFTER, RULE).verdict is NO
    assert result(found, AFTER, RULE, subject="offence:o1").verdict is expected


def test_a_person_bar_bars_every_offence():
    """A serving soldier's extradition is barred for every alleged offence."""
    record = person(**SERVING, offences=[{"id": "o1", "criminal_in_russia": True}, {"description": "fraud"}])
    report_results = [result(record, AFTER, RULE, subject=subject) for subject in ("person", "offence:o1", "offence:1")]
    assert [found.verdict for found in report_results] == [YES, YES, YES]


PRESS = [
    pytest.param(date(2026, 3, 3), NO, id="the press account: the day before the window"),
    pytest.param(date(2026, 3, 4), UNDETERMINED, id="the press account: the window's first day"),
    pytest.param(date(2026, 3, 8), UNDETERMINED, id="the press account: inside the window"),
    pytest.param(date(2026, 3, 9), YES, id="the press account: the window's last day"),
    pytest.param(date(2026, 3, 10), YES, id="the press account: after the window"),
]

COMBAT_OFFENCE = {"id": "o1", "combat_related": True, "russian_judgment": False, "limitation_expired": False}


@pytest.mark.parametrize(("on", "expected"), PRESS)
def test_the_press_account_bars_combat_related_offences(on, expected):
    """The press account: served before D, a combat-related offence, from its signing window."""
    record = person(**VETERAN, offences=[{**COMBAT_OFFENCE, "criminal_in_russia": True}])
    assert result(record, on, RULE, "press", "offence:o1").verdict is expected


def test_the_press_account_never_bars_the_person_as_a_whole():
    """Under the press account item 7 bars offences only."""
    record = person(**with_(SERVING, combat=True), offences=[{**COMBAT_OFFENCE, "criminal_in_russia": True}])
    assert result(record, AFTER, RULE, "press").verdict is NO
    assert result(record, AFTER, RULE, "press", "offence:o1").verdict is YES
    assert result(record, AFTER, RULE, "enacted").verdict is YES


def test_the_press_account_needs_the_offence_to_be_related_to_combat():
    """An offence unrelated to combat is not barred under the press account."""
    record = person(**VETERAN, offences=[{**COMBAT_OFFENCE, "combat_related": False, "criminal_in_russia": True}])
    assert result(record, AFTER, RULE, "press", "offence:o1").verdict is NO
    unknown = person(**VETERAN, offences=[{**COMBAT_OFFENCE, "combat_related": None, "criminal_in_russia": True}])
    found = result(unknown, AFTER, RULE, "press", "offence:o1")
    assert found.verdict is UNDETERMINED
    assert found.missing == ("offences[0].combat_related",)


def test_item_7_rests_on_a_derived_in_force_date():
    """The ten-day rule makes 2026-03-19 a derived date, and the verdict says so."""
    found = result(person(**SERVING), AFTER, RULE)
    assert found.status.value == "derived"
    assert node(found, "item-7-in-force").provision == "fz-50-2026"


def test_every_bar_that_applies_is_reported():
    """A naturalised soldier with asylum: the citizenship bar, the asylum bar and nothing hidden."""
    found = result(person(**with_(SERVING, naturalised="2024-01-01", asylum_in_russia=True)), AFTER, RULE)
    applying = {step.code for step in found.because if step.verdict is YES}
    assert applying == {"russian-citizen", "asylum"}


def test_item_7_alone_brings_the_treaty_warning():
    """When item 7 is the only bar, the report warns that a treaty may oblige Russia otherwise."""
    alone = result(person(**SERVING), AFTER, RULE)
    assert any("European Convention on Extradition" in warning for warning in alone.warnings)
    with_judgment = person(**SERVING, offences=[{"id": "o1", "russian_judgment": True}])
    assert result(with_judgment, AFTER, RULE, subject="offence:o1").warnings == ()
    assert result(person(citizenship="russian"), AFTER, RULE).warnings == ()
    press = person(**with_(VETERAN, combat=True), offences=[{**COMBAT_OFFENCE, "criminal_in_russia": True}])
    assert any("ETS No. 024" in warning for warning in result(press, AFTER, RULE, "press", "offence:o1").warnings)


def test_a_volunteer_formation_is_an_unsettled_point():
    """Whether a volunteer formation counts is a legal question, named as such."""
    record = person(**with_(SERVING, contracts=[{"signed": "2023-01-01", "formation": "volunteer_formation"}]))
    found = result(record, AFTER, RULE)
    assert found.unsettled == ("item-7.formation.volunteer_formation",)
    assert found.missing == ("combat",)


def test_an_expired_term_still_serving_is_flagged():
    """A contract whose term ran out but that has not ended counts as in force, with a warning."""
    found = result(person(**with_(SERVING, combat=False)), AFTER, RULE)
    assert found.verdict is YES
    assert (
        "contracts[0]: its 12-month term ran out on 2024-01-01, but the record says it has not ended (contracts "
        "run on while mobilisation lasts); if it did end, the person no longer serves under it."
    ) in found.warnings


def test_each_contract_whose_term_ran_out_is_flagged_not_only_the_first():
    """A contract with an end on record, or an open term, needs no warning; a later one past its term does."""
    contracts = [
        {"signed": "2023-01-01", "term_months": 12, "ended": "2027-01-01"},
        {"signed": "2023-01-01", "term_months": "open"},
        {"signed": "2023-01-01", "term_months": 12},
    ]
    found = result(person(contracts=contracts, asylum_in_russia=False, combat=False), AFTER, RULE)
    assert found.verdict is YES
    assert [warning[:40] for warning in found.warnings if warning.startswith("contracts")] == [
        "contracts[2]: its 12-month term ran out "
    ]


def test_a_formation_counts_only_as_the_reading_says_and_none_is_left_out():
    """A reading that says service with a volunteer formation does not count: item 7 is no for it. A reading that
    leaves the formation out is refused, so missing law data never reads as 'does not count'."""
    data = tomllib.loads((Path(fl.__file__).parent / "rulebook" / "law.toml").read_text(encoding="utf-8"))
    formations = data["readings"]["enacted"]["rules"]["extradition-bar"]["bars"]["item-7"]["formations"]
    formations["volunteer_formation"] = "no"
    enacted = fl.Rulebook.from_data(data).reading("enacted")
    volunteer = person(**with_(SERVING, contracts=[{"signed": "2023-01-01", "formation": "volunteer_formation"}]))
    found = fl.evaluate(volunteer, as_of=AFTER, reading=enacted).result(RULE)
    assert node(found, "item-7").verdict is NO
    assert found.unsettled == ()
    del formations["volunteer_formation"]
    with pytest.raises(fl.RulebookError, match="missing volunteer_formation"):
        fl.Rulebook.from_data(data)


def test_the_term_warning_is_left_out_where_the_verdict_does_not_rest_on_service():
    """With asylum too, the verdict does not rest on the contract still being in force."""
    found = result(person(**with_(SERVING, combat=False, asylum_in_russia=True)), AFTER, RULE)
    assert found.verdict is YES
    assert found.warnings == ()


def test_offences_without_ids_are_numbered_in_input_order():
    """Offences without an id are 1, 2, ... in input order, beside those with ids."""
    report = fl.evaluate(person(offences=[{}, {"id": "o9"}, {}]), as_of=AFTER)
    assert [found.subject for found in report.results if found.rule == RULE] == [
        "person",
        "offence:1",
        "offence:o9",
        "offence:2",
    ]
