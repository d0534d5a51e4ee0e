"""Provision coverage: every instrument the rules refer to and every reason code they build is exercised."""

from __future__ import annotations

from datetime import date

import pytest

import fighterlaw as fl
from tests.provisions import PARTIAL, RECORDER, Recorder, builds, coverage, implied_codes, written_suffixes


def test_the_probes_build_every_code_part_the_rule_modules_write():
    """Every fixed part of a code written in rules/*.py (such as -in-force, -member, -proof) is built for the probes."""
    implied = implied_codes(fl.RULEBOOK)
    parts = written_suffixes()
    assert {"in-force", "member", "proof", "served-in-combat", "combat-related"} <= set(parts)
    assert {part: where for part, where in parts.items() if not any(builds(code, part) for code in implied)} == {}


def test_every_grant_route_and_bar_of_the_rulebook_has_its_codes():
    """Each grant, each of its routes and each bar of every reading names reason codes of its own."""
    implied = implied_codes(fl.RULEBOOK)
    for reading in fl.RULEBOOK:
        for key, grant in reading.rules.simplified_citizenship.grants.items():
            assert {key, f"{key}-in-force", f"{key}-routes", f"{key}-family"} <= implied
            assert all(any(code.startswith(f"{key}-{route}") for code in implied) for route in grant.routes)
        assert set(reading.rules.extradition_bar.bars) <= implied


def test_decree_823_is_the_only_instrument_no_rule_refers_to():
    """Decree No. 823 amends the Regulation on military service; no question of LAW.md turns on it."""
    found = coverage(Recorder())
    assert found.unreferenced == frozenset({"decree-823"})
    assert found.instruments["ets-024"] == {"treaty"}
    assert found.instruments["law-5-fz-art-6"] == {"derivation"}


def test_what_is_never_exercised_is_reported():
    """Not vacuous: the codes and instruments no test reached are named, and so are codes the probes miss."""
    nothing = coverage(Recorder())
    assert nothing.missing_codes == sorted(nothing.implied_codes)
    assert nothing.missing_instruments == sorted(nothing.instruments)
    recorder = Recorder()
    person = fl.Person.model_validate({"citizenship": "russian"})
    with recorder.installed():
        fl.evaluate(person, as_of=date(2026, 6, 1), rules=["extradition-bar"])
    some = coverage(recorder)
    assert "russian-citizen" not in some.missing_codes
    assert "constitution-61" not in some.missing_instruments
    assert "decree-821" in some.missing_instruments
    recorder.codes["a-code-no-rule-builds"] += 1
    assert coverage(recorder).unknown_codes == frozenset({"a-code-no-rule-builds"})
    assert "never exercised: decree-821" in coverage(recorder).report()


@pytest.mark.provision_coverage
def test_every_instrument_and_reason_code_is_exercised(pytestconfig):
    """The example tests and doctests exercise every instrument the rules refer to and every code they build."""
    if pytestconfig.stash[PARTIAL]:
        pytest.skip("provision coverage is measured on the whole test suite only")
    found = coverage(pytestconfig.stash[RECORDER])
    assert found.unknown_codes == frozenset(), "the tests reach codes the probes do not: extend the probes"
    assert found.missing_instruments == [], found.report()
    assert found.missing_codes == [], found.report()
