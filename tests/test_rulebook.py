"""The rulebook: every instrument of the legal specification, with its dates, statuses and sources."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

import fighterlaw as fl
from fighterlaw.rulebook import RulebookError
from fighterlaw.rulebook._model import ServiceBar

ENACTED = fl.RULEBOOK.reading("enacted")

# (key, status of the text, start, status of the start, end, status of the end, one source it must cite)
INSTRUMENTS = [
    ("law-2003-11-11", "confirmed", "2003-11-11", "plausible", None, None, "center-bereg.ru/?p=29000"),
    ("law-2022-05-28", "confirmed", "2022-05-28", "confirmed", None, None, "oficery.ru 2022/05/26"),
    ("decree-690", "confirmed", "2022-09-30", "confirmed", "2023-10-26..2024-01-04", "plausible", "kremlin.ru 69422"),
    ("decree-823", "confirmed", "2022-11-14", "confirmed", None, None, "babel.ua news 87025"),
    (
        "decree-10",
        "confirmed",
        "2024-01-04",
        "confirmed",
        "2025-11-05",
        "plausible",
        "en.special.kremlin.ru events 73221",
    ),
    ("decree-821", "confirmed", "2025-11-05", "confirmed", None, None, "tass.com 2039761"),
    ("law-2025-07-07", "confirmed", "2025-07-07", "confirmed", None, None, "meduza.io 2025/06/24"),
    ("fz-50-2026", "confirmed", "2026-03-19", "derived", None, None, "cis-legislation.com document rgn=173707"),
    ("law-5-fz-art-6", "plausible", None, None, None, None, "kakprosto.ru explainer"),
    ("constitution-61", "confirmed", "1993", "confirmed", None, None, "jurist-gp.ru article 61"),
    ("cpc-464-1", "confirmed", None, None, None, None, "proupkrf.ru st_464_upk_rf"),
    ("ets-024", "confirmed", "2000-03-09", "confirmed", None, None, "coe.int treaty 024"),
]


@pytest.mark.parametrize(("key", "status", "start", "start_status", "end", "end_status", "source"), INSTRUMENTS)
def test_every_instrument_is_in_the_rulebook(key, status, start, start_status, end, end_status, source):
    """Each instrument carries its status, in-force interval with the status of each date, and its sources."""
    instrument = ENACTED.instrument(key)
    assert instrument.status.value == status
    assert source in instrument.sources
    assert (None if instrument.start is None else str(instrument.start.date)) == start
    assert (None if instrument.start is None else instrument.start.status.value) == start_status
    assert (None if instrument.end is None else str(instrument.end.date)) == end
    assert (None if instrument.end is None else instrument.end.status.value) == end_status


def test_decree_10_s_end_is_only_possible():
    """Decree No. 10 may have been repealed on 2025-11-05: the end is uncertain in whether, not when."""
    end = ENACTED.instrument("decree-10").end
    assert end is not None
    assert end.certain is False


def test_the_ten_day_rule_derives_item_7_s_in_force_date():
    """Published on 2026-03-08, a law without its own clause is in force on 2026-03-19."""
    start = ENACTED.instrument("fz-50-2026").start
    assert start is not None
    assert (start.published, start.derive) == (date(2026, 3, 8), "law-5-fz-art-6")
    later = ENACTED.derive("later", {"instruments": {"fz-50-2026": {"start": {"published": "2026-03-10"}}}})
    moved = later.instrument("fz-50-2026").start
    assert moved is not None
    assert str(moved.date) == "2026-03-21"


def test_a_date_given_outright_replaces_the_ten_day_rule():
    """Regression: a derived reading that confirms another in-force date gets that date, not the derived one.

    Before, the ten-day rule was applied again after the merge and silently won over the date the user gave,
    while the status said "confirmed".
    """
    confirmed = {"date": "2026-03-25", "status": "confirmed", "sources": ["an official gazette"]}
    gazette = ENACTED.derive("gazette", {"instruments": {"fz-50-2026": {"start": confirmed}}})
    start = gazette.instrument("fz-50-2026").start
    assert start is not None
    assert (str(start.date), start.status.value, start.derive) == ("2026-03-25", "confirmed", None)
    serving = fl.Person.model_validate({"citizenship": "foreign", "contracts": [{"signed": "2023-01-01"}]})
    on_the_derived_day = fl.evaluate(serving, as_of=date(2026, 3, 19), reading=gazette)
    assert on_the_derived_day.verdict("extradition-bar") is not fl.Verdict.YES


def test_the_readings():
    """The rulebook has the readings enacted (the default), summary and press."""
    assert fl.RULEBOOK.names == ("enacted", "summary", "press")
    assert len(fl.RULEBOOK) == 3
    assert [reading.name for reading in fl.RULEBOOK] == ["enacted", "summary", "press"]
    item_7 = fl.RULEBOOK.reading("summary").rules.extradition_bar.bars["item-7"]
    assert isinstance(item_7, ServiceBar)
    assert item_7.combat_required_while_serving is True


def test_a_derived_reading_keeps_its_source_and_rejects_what_does_not_exist():
    """Derived readings are checked like the rulebook; bad changes fail with the place they were made."""
    derived = ENACTED.derive("mine", {"rules": {"foreign-contract": {"min-age": 21}}}, title="Twenty-one")
    assert derived.derived_from == "enacted"
    assert derived.title == "Twenty-one"
    assert derived.raw["rules"]["foreign-contract"]["min-age"] == 21
    with pytest.raises(RulebookError, match="unknown instrument 'law-1999'"):
        ENACTED.derive("bad", {"rules": {"foreign-contract": {"instrument": "law-1999"}}})
    with pytest.raises(RulebookError, match="min-age"):
        ENACTED.derive("bad", {"rules": {"foreign-contract": {"min-age": "eighteen"}}})
    with pytest.raises(RulebookError, match="since"):
        ENACTED.derive("bad", {"rules": {"foreign-contract": {"max-age": [{"value": 30}, {"value": 40}]}}})


def test_a_user_reading_changes_the_answer_through_data_alone():
    """Raising the lower age to 21 in data changes a 20-year-old's answer, with no code changed."""
    twenty = fl.Person.model_validate({"citizenship": "foreign", "birth_date": "2006-01-01"})
    older = ENACTED.derive("older", {"rules": {"foreign-contract": {"min-age": 21}}})
    assert fl.evaluate(twenty, as_of=date(2026, 6, 1)).verdict("foreign-contract") is fl.Verdict.YES
    assert fl.evaluate(twenty, as_of=date(2026, 6, 1), reading=older).verdict("foreign-contract") is fl.Verdict.NO


def test_a_rulebook_loads_from_a_file(tmp_path: Path):
    """A rulebook of the shipped shape loads from TOML; a broken one fails with a clear error."""
    shipped = Path(fl.__file__).parent / "rulebook" / "law.toml"
    copy = tmp_path / "law.toml"
    copy.write_text(shipped.read_text(encoding="utf-8"), encoding="utf-8")
    assert fl.Rulebook.load(copy).names == fl.RULEBOOK.names
    with pytest.raises(RulebookError, match="extends 'nothing'"):
        fl.Rulebook.from_toml('[readings.a]\ntitle = "a"\nextends = "nothing"\n')


# --- the law is data: no literal of law in rule code ---------------------------------------------------------

PACKAGE = Path(fl.__file__).parent
# The rules, and the modules above them that reason about legal time, hold no value of law of their own.
RULE_CODE = [
    *sorted((PACKAGE / "rules").glob("*.py")),
    *(PACKAGE / f"{name}.py" for name in ("legaltime", "whatif")),
]
ISO_DATE = re.compile(r"\d{4}-\d{2}(-\d{2})?")
COUNTRY = re.compile(r"[A-Z]{2}")


def literals_of_law(path: Path) -> list[str]:
    """Numbers other than 0 and 1, date-like strings and country codes in a module's code (not its docstrings)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Constant) or id(node) in docstrings:
            continue
        value = node.value
        if isinstance(value, int) and not isinstance(value, bool) and value not in (0, 1):
            found.append(f"{path.name}:{node.lineno}: {value}")
        if isinstance(value, str) and (ISO_DATE.search(value) or COUNTRY.fullmatch(value)):
            found.append(f"{path.name}:{node.lineno}: {value!r}")
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "date":  # pragma: no cover
            found.append(f"{path.name}:{node.lineno}: date(...)")
    return found


@pytest.mark.parametrize("path", RULE_CODE, ids=[path.name for path in RULE_CODE])
def test_rule_code_holds_no_literal_of_law(path: Path):
    """Dates, ages, month counts and countries come from the rulebook, never from literals in rule code."""
    assert literals_of_law(path) == []


def test_the_check_for_literals_would_catch_one(tmp_path: Path):
    """The literal check is not vacuous: a rule with a date and an age in it is caught."""
    bad = tmp_path / "bad.py"
    bad.write_text('"""Doc 2022-05-28 is fine here."""\nLIMIT = 30\nSTART = "2022-05-28"\nEXCLUDED = "BY"\n')
    assert len(literals_of_law(bad)) == 3


LEGAL_DATES = [
    pytest.param("enacted", "extradition-bar", {"1993", "2026-03-19"}, id="enacted item 7 and Art. 61"),
    pytest.param(
        "enacted",
        "foreign-contract",
        {"2003-11-11", "2022-05-28"},
        id="foreigners' contracts since 2003, no upper age from 2022-05-28",
    ),
    pytest.param("press", "stateless-contract", {"2024-07"}, id="press: stateless contracts from July 2024"),
    pytest.param(
        "enacted",
        "simplified-citizenship",
        {"2022-02-24", "2022-09-30", "2023-05-15", "2023-10-26..2024-01-04", "2024-01-04", "2025-11-05"},
        id="the three decrees, the amendment of decree 690 and the SMO start",
    ),
]


@pytest.mark.parametrize(("reading", "rule", "expected"), LEGAL_DATES)
def test_each_rule_knows_the_dates_of_law_it_reads(reading, rule, expected):
    """A reading lists the legal dates each rule reads: every day on which that rule's law may change."""
    found = fl.RULEBOOK.reading(reading).legal_dates(rule)
    assert {str(legal.date) for legal in found} == expected


def test_every_legal_date_of_a_reading_includes_those_of_each_rule():
    """The reading's own legal dates cover every rule's, and the instruments the rules do not read."""
    enacted = fl.RULEBOOK.reading("enacted")
    everything = {str(legal.date) for legal in enacted.legal_dates()}
    for rule in fl.RULE_IDS:
        assert {str(legal.date) for legal in enacted.legal_dates(rule)} <= everything
    assert "2022-11-14" in everything  # decree 823: no rule reads it


def test_asking_for_the_dates_of_an_unknown_rule_lists_the_rules():
    """An unknown rule id fails at once with the valid ones."""
    with pytest.raises(fl.UnknownNameError, match="extradition-bar"):
        ENACTED.legal_dates("extradition")


def test_a_reading_s_digest_is_a_sha256_of_its_law_not_of_its_name():
    """Same law, same digest; any change of a value of law changes it; each shipped reading has its own."""
    digest = ENACTED.digest
    assert re.fullmatch(r"sha256:[0-9a-f]{64}", digest)
    assert ENACTED.derive("copy", {}).digest == digest
    shorter = ENACTED.derive("shorter", {"constants": {"open-term-months": {"value": 6}}})
    assert shorter.digest != digest
    assert len({reading.digest for reading in fl.RULEBOOK}) == len(fl.RULEBOOK)


def test_a_reading_s_digest_does_not_depend_on_the_process():
    """Sets are hashed in sorted order, so the digest is the same under any hash seed."""
    code = "import fighterlaw as fl; print(fl.RULEBOOK.reading('enacted').digest)"
    seen = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout.strip()
        for seed in ("1", "2", "3")
    }
    assert seen == {ENACTED.digest}
