"""The rulebook: every instrument of the legal specification, with its dates, statuses and sources."""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import fighterlaw as fl
from fighterlaw.rulebook import RulebookError
from fighterlaw.rulebook._model import ServiceBar

SHIPPED = Path(fl.__file__).parent / "rulebook"


@pytest.fixture
def rulebook() -> fl.Rulebook:
    """The shipped rulebook, loaded afresh from its directory by each test itself."""
    return fl.Rulebook.load(SHIPPED)


@pytest.fixture
def enacted(rulebook: fl.Rulebook) -> fl.Reading:
    return rulebook.reading("enacted")


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
    ("coao-4-1-2026", "confirmed", "2026-04-03", "derived", None, None, "interfax.ru/russia/1077205"),
    ("constitution-61", "confirmed", "1993", "confirmed", None, None, "jurist-gp.ru article 61"),
    ("cpc-464-1", "confirmed", None, None, None, None, "proupkrf.ru st_464_upk_rf"),
    ("ets-024", "confirmed", "2000-03-09", "confirmed", None, None, "coe.int treaty 024"),
]


@pytest.mark.parametrize(("key", "status", "start", "start_status", "end", "end_status", "source"), INSTRUMENTS)
def test_every_instrument_is_in_the_rulebook(enacted, key, status, start, start_status, end, end_status, source):
    """Each instrument carries its status, in-force interval with the status of each date, and its sources."""
    instrument = enacted.instrument(key)
    assert instrument.status.value == status
    assert source in instrument.sources
    assert (None if instrument.start is None else str(instrument.start.date)) == start
    assert (None if instrument.start is None else instrument.start.status.value) == start_status
    assert (None if instrument.end is None else str(instrument.end.date)) == end
    assert (None if instrument.end is None else instrument.end.status.value) == end_status


def test_decree_10_s_end_is_only_possible(enacted):
    """Decree No. 10 may have been repealed on 2025-11-05: the end is uncertain in whether, not when."""
    end = enacted.instrument("decree-10").end
    assert end is not None
    assert end.certain is False


def test_the_ten_day_rule_derives_item_7_s_in_force_date(enacted):
    """Published on 2026-03-08, a law without its own clause is in force on 2026-03-19."""
    start = enacted.instrument("fz-50-2026").start
    assert start is not None
    assert (start.published, start.derive) == (date(2026, 3, 8), "law-5-fz-art-6")
    later = enacted.derive("later", {"instruments": {"fz-50-2026": {"start": {"published": "2026-03-10"}}}})
    moved = later.instrument("fz-50-2026").start
    assert moved is not None
    assert str(moved.date) == "2026-03-21"


def test_a_date_given_outright_replaces_the_ten_day_rule(enacted):
    """Regression: a derived reading that confirms another in-force date gets that date, not the derived one.

    Before, the ten-day rule was applied again after the merge and silently won over the date the user gave,
    while the status said "confirmed".
    """
    confirmed = {"date": "2026-03-25", "status": "confirmed", "sources": ["an official gazette"]}
    gazette = enacted.derive("gazette", {"instruments": {"fz-50-2026": {"start": confirmed}}})
    start = gazette.instrument("fz-50-2026").start
    assert start is not None
    assert (str(start.date), start.status.value, start.derive) == ("2026-03-25", "confirmed", None)
    serving = fl.Person.model_validate({"citizenship": "foreign", "contracts": [{"signed": "2023-01-01"}]})
    on_the_derived_day = fl.evaluate(serving, as_of=date(2026, 3, 19), reading=gazette)
    assert on_the_derived_day.verdict("extradition-bar") is not fl.Verdict.YES


def test_the_readings(rulebook):
    """The rulebook has the readings enacted (the default), summary and press."""
    assert rulebook.names == ("enacted", "summary", "press")
    assert len(rulebook) == 3
    assert [reading.name for reading in rulebook] == ["enacted", "summary", "press"]
    item_7 = rulebook.reading("summary").rules.extradition_bar.bars["item-7"]
    assert isinstance(item_7, ServiceBar)
    assert item_7.combat_required_while_serving is True
    assert rulebook.reading("summary").instruments == rulebook.reading("enacted").instruments


def dated(values: Any) -> list[tuple[str, str | None]]:
    """A parameter's values over time, each with the day it applies from (None: from the provision's start)."""
    return [
        (
            ",".join(sorted(segment.value)) if isinstance(segment.value, frozenset) else str(segment.value),
            None if segment.since is None else str(segment.since.date),
        )
        for segment in values.segments
    ]


def grant(reading: fl.Reading, key: str) -> Any:
    """A grant of simplified citizenship (typed loosely: its routes are of several kinds)."""
    return reading.rules.simplified_citizenship.grants[key]


def bar(reading: fl.Reading, key: str) -> Any:
    """A bar to extradition (typed loosely: bars are of several kinds)."""
    return reading.rules.extradition_bar.bars[key]


def when(legal: fl.LegalDate | None) -> str:
    assert legal is not None
    return str(legal.date)


# (reading, what, the value in the rulebook, as LAW.md gives it)
RULE_VALUES = [
    ("enacted", lambda r: dated(r.rules.foreign_contract.categories), [("foreign", None)]),
    ("enacted", lambda r: dated(r.rules.foreign_contract.min_age), [("18", None)]),
    ("enacted", lambda r: dated(r.rules.foreign_contract.max_age), [("30", None), ("None", "2022-05-28")]),
    ("enacted", lambda r: when(r.rules.foreign_contract.start), "2003-11-11"),
    ("enacted", lambda r: dated(r.rules.stateless_contract.categories), [("stateless", None)]),
    ("enacted", lambda r: dated(r.rules.stateless_contract.min_age), [("18", None)]),
    ("enacted", lambda r: when(r.rules.stateless_contract.start), "2025-07-07"),
    (
        "enacted",
        lambda r: dated(grant(r, "decree-690").categories),
        [("foreign", None), ("foreign,stateless", "2023-05-15")],
    ),
    ("enacted", lambda r: dated(grant(r, "decree-690").routes["contract"].min_term_months), [("12", None)]),
    ("enacted", lambda r: str(grant(r, "decree-690").routes["contract"].signed_since.date), "2022-02-24"),
    ("enacted", lambda r: str(grant(r, "decree-690").end.date), "2023-10-26..2024-01-04"),
    ("enacted", lambda r: sorted(grant(r, "decree-10").family), ["child", "parent", "spouse"]),
    ("enacted", lambda r: str(grant(r, "decree-10").routes["served"].since.date), "2022-02-24"),
    (
        "enacted",
        lambda r: sorted(grant(r, "decree-10").routes["discharged"].grounds),
        ["age", "contract_expiry", "health"],
    ),
    ("enacted", lambda r: dated(grant(r, "decree-821").sexes), [("male", None)]),
    ("enacted", lambda r: dated(grant(r, "decree-821").min_age), [("18", None)]),
    ("enacted", lambda r: dated(grant(r, "decree-821").max_age), [("65", None)]),
    ("enacted", lambda r: dated(grant(r, "decree-821").excluded_nationalities), [("BY", None)]),
    ("enacted", lambda r: str(grant(r, "decree-821").routes["serving-at-start"].on.date), "2022-02-24"),
    ("enacted", lambda r: grant(r, "decree-821").routes["discharged"].proof_required, True),
    ("enacted", lambda r: bar(r, "item-7").combat_required_while_serving, False),
    ("enacted", lambda r: str(bar(r, "item-7").start.date), "2026-03-19"),
    ("enacted", lambda r: bar(r, "item-7").treaty, "ets-024"),
    ("enacted", lambda r: bar(r, "not-a-crime").bars_when, False),
    ("enacted", lambda r: bar(r, "not-a-crime").status.value, "plausible"),
    ("enacted", lambda r: r.constants["open-term-months"].value, 12),
    ("enacted", lambda r: r.milestones["smo-start"].date.of, "smo-start"),
    ("enacted", lambda r: str(r.milestones["smo-start"].date.date), "2022-02-24"),
    ("enacted", lambda r: r.instruments["decree-690"].end.of, "decree-690.end"),
    ("enacted", lambda r: r.instruments["fz-50-2026"].start.of, "fz-50-2026.start"),
    ("enacted", lambda r: grant(r, "decree-10").end.of, "decree-10.end"),
    ("press", lambda r: when(r.rules.foreign_contract.start), "2022-11"),
    ("press", lambda r: when(r.rules.stateless_contract.start), "2024-07"),
    ("press", lambda r: str(grant(r, "press").start.date), "2024-01"),
    ("press", lambda r: dated(grant(r, "press").categories), [("foreign", None)]),
    ("press", lambda r: str(grant(r, "press").routes["unfit"].available_from.date), "2024-01-01..2026-03-09"),
    ("press", lambda r: grant(r, "press").routes["discharged"].combat_required, True),
    ("press", lambda r: str(bar(r, "item-7").start.date), "2026-03-04..2026-03-09"),
    ("press", lambda r: bar(r, "item-7").status.value, "reported"),
]


@pytest.mark.parametrize(("name", "what", "expected"), RULE_VALUES)
def test_the_values_each_reading_gives_the_rules(rulebook, name, what, expected):
    """Dates, ages, terms, categories and routes of each reading, as the legal specification gives them."""
    assert what(rulebook.reading(name)) == expected


def test_a_derived_reading_keeps_its_source_and_rejects_what_does_not_exist(enacted):
    """Derived readings are checked like the rulebook; bad changes fail with the place they were made."""
    derived = enacted.derive("mine", {"rules": {"foreign-contract": {"min-age": 21}}}, title="Twenty-one")
    assert derived.derived_from == "enacted"
    assert derived.title == "Twenty-one"
    assert derived.raw["rules"]["foreign-contract"]["min-age"] == 21
    with pytest.raises(RulebookError, match="unknown instrument 'law-1999'"):
        enacted.derive("bad", {"rules": {"foreign-contract": {"instrument": "law-1999"}}})
    with pytest.raises(RulebookError, match="min-age"):
        enacted.derive("bad", {"rules": {"foreign-contract": {"min-age": "eighteen"}}})
    with pytest.raises(RulebookError, match="since"):
        enacted.derive("bad", {"rules": {"foreign-contract": {"max-age": [{"value": 30}, {"value": 40}]}}})
    first_since = {"value": 40, "since": {"date": "2020-01-01", "status": "confirmed"}}
    with pytest.raises(RulebookError, match=r"max-age\[0\]: expected no 'since'"):
        enacted.derive("bad", {"rules": {"foreign-contract": {"max-age": [first_since]}}})


def test_a_user_reading_changes_the_answer_through_data_alone(enacted):
    """Raising the lower age to 21 in data changes a 20-year-old's answer, with no code changed."""
    twenty = fl.Person.model_validate({"citizenship": "foreign", "birth_date": "2006-01-01"})
    older = enacted.derive("older", {"rules": {"foreign-contract": {"min-age": 21}}})
    assert fl.evaluate(twenty, as_of=date(2026, 6, 1)).verdict("foreign-contract") is fl.Verdict.YES
    assert fl.evaluate(twenty, as_of=date(2026, 6, 1), reading=older).verdict("foreign-contract") is fl.Verdict.NO


def copy_of_the_shipped_rulebook(tmp_path: Path) -> Path:
    """The shipped rulebook's files (table of contents, instruments, readings) copied into a directory of its own."""
    copy = tmp_path / "rulebook"
    shutil.copytree(SHIPPED, copy, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return copy


def test_a_rulebook_loads_from_a_directory(tmp_path: Path):
    """A rulebook laid out as the shipped one loads from its directory, with the same law; a broken one fails."""
    copy = copy_of_the_shipped_rulebook(tmp_path)
    loaded = fl.Rulebook.load(copy)
    assert loaded.names == fl.RULEBOOK.names
    assert [reading.digest for reading in loaded] == [reading.digest for reading in fl.RULEBOOK]
    with pytest.raises(RulebookError, match="extends 'nothing'"):
        fl.Rulebook.from_toml('[readings.a]\ntitle = "a"\nextends = "nothing"\n')


def test_a_rulebook_loads_from_a_single_document(tmp_path: Path):
    """A rulebook may also be one TOML document holding instruments, milestones, constants and readings."""
    document = tmp_path / "law.toml"
    document.write_text(MINIMAL, encoding="utf-8")
    assert fl.Rulebook.load(document).names == ("only",)


BROKEN_READINGS = [
    pytest.param(
        {"rules": {"foreign-contract": {"instrument": "law-1999"}}},
        "rules.foreign-contract.instrument: unknown instrument 'law-1999'; expected one of law-2003-11-11, ",
        id="a provision of an instrument the rulebook does not have",
    ),
    pytest.param(
        {"rules": {"foreign-contract": {"start": "law-5-fz-art-6"}}},
        "rules.foreign-contract.start: instrument 'law-5-fz-art-6' has no start date to refer to",
        id="a start that refers to an instrument without one",
    ),
    pytest.param(
        {"rules": {"foreign-contract": {"start": 2022}}},
        "rules.foreign-contract.start: expected a date table or a reference; found 2022",
        id="a start that is a bare number",
    ),
    pytest.param(
        {"milestones": {"smo-start": {"date": 5}}},
        "milestones.smo-start.date: expected a date table or a reference; found 5",
        id="a milestone without a date",
    ),
    pytest.param(
        {"instruments": {"fz-50-2026": {"start": {"published": "2026-03"}}}},
        "instruments.fz-50-2026.start: expected an exact publication day; found 2026-03",
        id="the ten-day rule applied to a publication known to the month",
    ),
    pytest.param(
        {"instruments": {"law-2003-11-11": {"start": {"derive": "law-2022-05-28"}}}},
        "instruments.law-2003-11-11.start: a derived date needs 'published' and law-2022-05-28's "
        "days-after-publication",
        id="a date derived by an instrument that states no rule for it",
    ),
    pytest.param(
        {"instruments": {"law-2003-11-11": {"start": {"derive": "law-5-fz-art-6"}}}},
        "instruments.law-2003-11-11.start: a derived date needs 'published' and law-5-fz-art-6's "
        "days-after-publication",
        id="a date derived by the ten-day rule without its day of publication",
    ),
    pytest.param(
        {"rules": {"foreign-contract": {"sexes": {"provision": "law-2003-11-11"}}}},
        "rules.foreign-contract.sexes[0]: expected a 'value'",
        id="a parameter without a value",
    ),
    pytest.param(
        {"rules": {"foreign-contract": {"max-age": [{"value": 30}, {"value": 40}]}}},
        "rules.foreign-contract.max-age[1]: expected 'since': every value after the first says from when it applies",
        id="a second value without its date",
    ),
    pytest.param(
        {"rules": {"foreign-contract": {"min-age": {"value": 18, "provision": "law-1999"}}}},
        "rules.foreign-contract.min-age[0].provision: unknown instrument 'law-1999'",
        id="a value from an instrument the rulebook does not have",
    ),
    pytest.param(
        {"rules": {"extradition-bar": {"bars": {"item-7": {"treaty": "treaty-x"}}}}},
        "rules.extradition-bar.bars.item-7.treaty: unknown instrument 'treaty-x'",
        id="a bar overridden by a treaty the rulebook does not have",
    ),
    pytest.param(
        {"rules": {"simplified-citizenship": {"grants": {"decree-10": {"routes": {"served": {"since": "nothing"}}}}}}},
        "rules.simplified-citizenship.grants.decree-10.routes.served.since: unknown instrument 'nothing'",
        id="a route dated by reference to nothing",
    ),
    pytest.param(
        {
            "rules": {
                "simplified-citizenship": {
                    "grants": {
                        "decree-690": {"routes": {"contract": {"min-term-months": {"value": 12, "provision": "x"}}}}
                    }
                }
            }
        },
        "rules.simplified-citizenship.grants.decree-690.routes.contract.min-term-months[0].provision: unknown "
        "instrument 'x'",
        id="a route's minimum term from an instrument the rulebook does not have",
    ),
    pytest.param({"rule": {}}, "rule: unknown key; expected one of title, instruments, ", id="a misspelt table"),
    pytest.param(
        {"instruments": {"ets-024": {"references": ["coe"]}}},
        "instruments.ets-024.references: expected a list of tables {title, href, read}",
        id="references that are not tables",
    ),
    pytest.param(
        {"instruments": {"ets-024": {"sources": ["coe"]}}},
        "instruments.ets-024.sources: expected the titles of its references, ['coe.int treaty 024']",
        id="sources that are not its references' titles",
    ),
    pytest.param(
        {"rules": {"simplified-citizenship": {"grants": {"decree-10": {"relatives": {}}}}}},
        "rules.simplified-citizenship.grants.decree-10.relatives: expected 'family': the relatives are built from it",
        id="relatives given instead of the family",
    ),
    pytest.param(
        {"rules": {"simplified-citizenship": {"grants": {"decree-10": {"family": {"spouse": "confirmed"}}}}}},
        "rules.simplified-citizenship.grants.decree-10.family.spouse: expected a table with its status, note and",
        id="a family relation given as a bare status",
    ),
    pytest.param(
        {"rules": {"stateless-contract": {"same-terms-as": "foreign-contract"}}},
        "rules.stateless-contract.same-terms-as: expected a table with the 'rule' and the 'terms' it takes",
        id="same terms as a bare name",
    ),
    pytest.param(
        {"rules": {"stateless-contract": {"same-terms-as": {"rule": "stateless-contract"}}}},
        "rules.stateless-contract.same-terms-as.rule: expected a rule to take terms from (foreign-contract); found "
        "'stateless-contract'",
        id="same terms as itself",
    ),
    pytest.param(
        {"rules": {"stateless-contract": {"same-terms-as": {"terms": ["height"]}}}},
        "rules.stateless-contract.same-terms-as.terms: expected a list of categories, sexes, min-age, ",
        id="same terms of a value that does not exist",
    ),
]


@pytest.mark.parametrize(("changes", "message"), BROKEN_READINGS)
def test_a_broken_reading_says_where_and_what_was_expected(enacted, changes, message):
    """Rulebook data that does not hold together fails at once, naming the place in the data and the problem."""
    with pytest.raises(RulebookError) as caught:
        enacted.derive("broken", changes)
    assert str(caught.value).startswith(f"reading 'broken', {message}")


MINIMAL = """
[instruments.law]
title = "A law"
citation = "The Law"
effect = "Foreign citizens and stateless persons may serve."
status = "confirmed"
sources = ["a gazette"]

[readings.only.rules.foreign-contract]
instrument = "law"
categories = ["foreign"]

[readings.only.rules.stateless-contract]
instrument = "law"
categories = ["stateless"]

[readings.only.rules.simplified-citizenship.grants]

[readings.only.rules.extradition-bar.bars]

[readings.only.rules.expulsion-bar.bars]
"""


def test_a_minimal_rulebook_needs_no_dates_milestones_or_title():
    """A rulebook may be only an instrument in force throughout and the rules: nothing grants or bars anything."""
    only = fl.Rulebook.from_toml(MINIMAL).reading("only")
    assert (only.title, only.milestones, only.constants) == ("only", {}, {})
    report = fl.evaluate(fl.Person.model_validate({"citizenship": "foreign"}), as_of=date(2026, 6, 1), reading=only)
    assert [found.verdict.value for found in report.results] == ["yes", "no", "no", "no", "no"]
    assert "[yes] The Law is in force on 2026-06-01.  (law)" in [line.strip() for line in report.explain().splitlines()]


def test_a_rulebook_without_readings_has_none():
    """An empty rulebook loads, with no reading to evaluate under."""
    empty = fl.Rulebook.from_toml("")
    assert (empty.names, len(empty)) == ((), 0)


def test_a_rulebook_without_instruments_cannot_cite_any():
    """Rules that refer to an instrument the rulebook lacks fail at once, naming the reference."""
    without_instruments = MINIMAL[MINIMAL.index("[readings.") :]
    with pytest.raises(
        RulebookError, match=r"rules\.foreign-contract\.instrument: unknown instrument 'law'; expected one of $"
    ):
        fl.Rulebook.from_toml(without_instruments)


def test_a_reading_without_one_of_the_five_questions_is_refused():
    """Every reading answers all five questions; one that leaves one out fails, naming it."""
    without_bars = MINIMAL.replace("[readings.only.rules.extradition-bar.bars]\n", "")
    with pytest.raises(RulebookError, match=r"(?s)reading 'only': .*rules\.extradition-bar\s+Field required"):
        fl.Rulebook.from_toml(without_bars)
    without_grants = MINIMAL.replace("[readings.only.rules.simplified-citizenship.grants]\n", "")
    with pytest.raises(RulebookError, match=r"rules\.simplified-citizenship\s+Field required"):
        fl.Rulebook.from_toml(without_grants)
    without_expulsion = MINIMAL.replace("[readings.only.rules.expulsion-bar.bars]\n", "")
    with pytest.raises(RulebookError, match=r"rules\.expulsion-bar\s+Field required"):
        fl.Rulebook.from_toml(without_expulsion)


def test_readings_that_extend_each_other_in_a_circle_are_refused():
    """A reading cannot rest on itself, directly or through another."""
    circle = '[readings.a]\ntitle = "a"\nextends = "b"\n[readings.b]\ntitle = "b"\nextends = "a"\n'
    with pytest.raises(RulebookError, match=r"^reading 'a' extends 'b', which is not a reading \(or extends itself\)$"):
        fl.Rulebook.from_toml(circle)
    with pytest.raises(RulebookError, match="reading 'a' extends 'a'"):
        fl.Rulebook.from_toml('[readings.a]\ntitle = "a"\nextends = "a"\n')


def test_unknown_names_in_the_rulebook_are_refused_with_the_valid_ones(rulebook):
    """An unknown reading or instrument fails at once, with a suggestion and the valid names."""
    with pytest.raises(fl.UnknownNameError, match=r"^unknown reading 'enactd'\. Did you mean 'enacted'\? Valid: "):
        rulebook.reading("enactd")
    with pytest.raises(fl.UnknownNameError, match=r"^unknown instrument 'fz-50'\. Did you mean 'fz-50-2026'\? Valid: "):
        rulebook.reading("enacted").instrument("fz-50")


def test_a_reading_builds_a_shared_step_once(rulebook):
    """What depends only on the reading and the day is built once and shared by every evaluation."""
    reading = rulebook.reading("press")
    built: list[int] = []

    def make() -> str:
        built.append(1)
        return "step"

    assert (reading.shared(("key", 1), make), reading.shared(("key", 1), make)) == ("step", "step")
    assert reading.shared(("key", 2), make) == "step"
    assert len(built) == 2


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


def test_asking_for_the_dates_of_an_unknown_rule_lists_the_rules(enacted):
    """An unknown rule id fails at once with the valid ones."""
    with pytest.raises(fl.UnknownNameError, match="extradition-bar"):
        enacted.legal_dates("extradition")


def test_a_reading_s_digest_is_a_sha256_of_its_law_not_of_its_name(enacted):
    """Same law, same digest; any change of a value of law changes it; each shipped reading has its own."""
    digest = enacted.digest
    assert re.fullmatch(r"sha256:[0-9a-f]{64}", digest)
    assert enacted.derive("copy", {}).digest == digest
    shorter = enacted.derive("shorter", {"constants": {"open-term-months": {"value": 6}}})
    assert shorter.digest != digest
    assert len({reading.digest for reading in fl.RULEBOOK}) == len(fl.RULEBOOK)


def test_a_reading_s_digest_does_not_depend_on_the_process(enacted):
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
    assert seen == {enacted.digest}


def test_a_date_is_given_outright_or_derived_not_both():
    """Rulebook data that gives a date and also a derivation for it is refused, naming the place."""
    both = """
[instruments.x]
title = "x"
citation = "x"
effect = "x"
status = "confirmed"
sources = []
start = { date = "2020-01-01", derive = "x", published = "2019-12-01", status = "derived" }

[readings.r]
title = "r"
"""
    with pytest.raises(RulebookError, match=r"instruments\.x\.start: expected a date or a derivation"):
        fl.Rulebook.from_toml(both)


def test_a_derivation_given_later_replaces_a_date(enacted):
    """A derived reading that gives a publication day and the ten-day rule for a dated law derives its date."""
    derived = enacted.derive(
        "derived",
        {"instruments": {"law-2025-07-07": {"start": {"derive": "law-5-fz-art-6", "published": "2025-07-07"}}}},
    )
    start = derived.instrument("law-2025-07-07").start
    assert start is not None
    assert str(start.date) == "2025-07-18"


# --- names for people -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reading", "point", "label"),
    [
        pytest.param("enacted", "fz-50-2026.start", "Federal Law No. 50-FZ in force", id="item 7's law in force"),
        pytest.param("enacted", "smo-start", "start of the special military operation", id="the milestone"),
        pytest.param("enacted", "decree-10.end", "Decree No. 10 no longer in force", id="Decree 10's possible end"),
        pytest.param(
            "enacted",
            "simplified-citizenship.grants.decree-690.categories[1].since",
            "Decree No. 690: new categories in effect",
            id="stateless persons added to Decree 690 on 2023-05-15",
        ),
        pytest.param(
            "enacted",
            "item-7.formation.volunteer_formation",
            "whether a contract with a volunteer formation counts under CPC Art. 464(1) item 7",
            id="the unsettled volunteer formation",
        ),
        pytest.param(
            "press",
            "press-discharge-route",
            "start of the discharge and unfitness route, as the press reports it",
            id="the press's own milestone",
        ),
        pytest.param("enacted", "no-such-point", "no-such-point", id="a point the reading cannot name, as it is"),
    ],
)
def test_a_legal_point_has_its_name_for_people(reading, point, label):
    """Dates of law and unsettled questions read as the law words them, from the rulebook's data."""
    assert fl.RULEBOOK.reading(reading).point_label(point) == label


def test_every_legal_date_and_unsettled_point_has_a_name_for_people():
    """No date of any reading, and no unsettled point any answer turns on, is shown to people by its key alone."""
    from fighterlaw.legaltime import short_label  # noqa: PLC0415 - the key a timeline shows
    from fighterlaw.rulebook import point_label  # noqa: PLC0415
    from tests.provisions import probes  # noqa: PLC0415

    readings = [fl.RULEBOOK.reading(name) for name in fl.RULEBOOK.names]
    unnamed = set()
    for reading in readings:
        assert all(instrument.short for instrument in reading.instruments.values())
        for legal in reading.legal_dates():
            for point in (legal.of, short_label(legal.of or "")):
                if reading.point_label(point or "") == point:
                    unnamed.add((reading.name, point))
    for name in (*fl.RULEBOOK.names, "all"):
        for day in (date(2023, 12, 1), date(2026, 3, 6), date(2026, 6, 1)):
            for record in probes():
                for result in fl.evaluate(record, as_of=day, reading=name).results:
                    unnamed |= {(name, p) for p in result.unsettled if point_label(readings, p) == p}
    assert unnamed == set()
