"""extradition-bar: citations, warnings, the bars a report lists, and readings of one's own.

The legal situations (Constitution Art. 61(1), CPC Art. 464(1) items 1-4, 6 and 7, the ten-day rule, the
``summary`` and ``press`` readings) are data, in ``tests/cases/constitution-61.yaml``, ``cpc-464-1.yaml``,
``fz-50-2026.yaml``, ``law-5-fz-art-6.yaml``, ``ets-024.yaml`` and ``press-2026-03-09.yaml``. What stays here:
which provision a step cites, the treaty and term warnings, that every applying bar is reported, formations a
reading leaves out, and how offences are numbered. Expected values come from the legal specification.
"""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import fighterlaw as fl
from tests.helpers import NO, YES, node, person, result

RULE = "extradition-bar"
AFTER = date(2026, 4, 1)

SERVING = {"contracts": [{"signed": "2023-01-01", "term_months": 12}], "asylum_in_russia": False}
VETERAN = {"contracts": [{"signed": "2023-01-01", "term_months": 12, "ended": "2024-01-01"}], "asylum_in_russia": False}
COMBAT_OFFENCE = {"id": "o1", "combat_related": True, "russian_judgment": False, "limitation_expired": False}


def with_(base: dict[str, Any], **changes: Any) -> dict[str, Any]:
    return {**base, **changes}


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
