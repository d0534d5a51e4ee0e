"""The rulebook laid out by instrument: one file per instrument, typed links, sources, and readings as overlays."""

from __future__ import annotations

import shutil
import tomllib
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import fighterlaw as fl
from fighterlaw.rulebook import RulebookError
from fighterlaw.rulebook._model import Grant

SHIPPED = Path(fl.__file__).parent / "rulebook"


@pytest.fixture(scope="module")
def rulebook() -> fl.Rulebook:
    return fl.Rulebook.load(SHIPPED)


@pytest.fixture(scope="module")
def enacted(rulebook: fl.Rulebook) -> fl.Reading:
    return rulebook.reading("enacted")


def grant(reading: fl.Reading, key: str) -> Grant:
    return reading.rules.simplified_citizenship.grants[key]


def test_every_instrument_has_a_file_of_its_own(enacted):
    """The table of contents lists each instrument once, each with its file, in the order the rulebook keeps."""
    contents = tomllib.loads((SHIPPED / "rulebook.toml").read_text(encoding="utf-8"))
    files = sorted(path.stem for path in (SHIPPED / "instruments").glob("*.toml"))
    assert contents["instruments"] == list(enacted.instruments)
    assert files == sorted(enacted.instruments)


# (instrument, kind of link, to, date, status of the date, whether the event surely happened)
LINKS = [
    pytest.param("decree-690", "repealed-by", "decree-10", "2024-01-04", "confirmed", True, id="690 repealed by 10"),
    pytest.param(
        "decree-10", "repealed-by", "decree-821", "2025-11-05", "plausible", False, id="10 possibly repealed by 821"
    ),
    pytest.param("law-2022-05-28", "amends", "law-2003-11-11", None, None, True, id="2022 law lifts the upper age"),
    pytest.param("fz-50-2026", "amends", "cpc-464-1", None, None, True, id="50-FZ adds item 7 to Art. 464(1)"),
    pytest.param(
        "law-2025-07-07", "same-terms-as", "law-2003-11-11", None, None, True, id="stateless on foreigners' terms"
    ),
]


@pytest.mark.parametrize(("key", "kind", "to", "day", "status", "certain"), LINKS)
def test_instruments_are_linked_by_type(enacted, key, kind, to, day, status, certain):
    """Repeals, amendments and 'on the same terms' are typed links, a repeal with its own date and status."""
    links = [link for link in enacted.instrument(key).links if link.kind == kind and link.instrument == to]
    assert len(links) == 1
    found = links[0].date
    assert (None if found is None else str(found.date)) == day
    assert (None if found is None else found.status.value) == status
    assert (True if found is None else found.certain) is certain


def test_the_repeal_chain_keeps_the_in_force_dates(enacted):
    """690 still ends on an uncertain day in 2023-10-26..2024-01-04; 10 ends on its possible repeal by 821."""
    decree_690, decree_10 = enacted.instrument("decree-690"), enacted.instrument("decree-10")
    assert decree_690.end is not None
    assert (str(decree_690.end.date), decree_690.end.status.value) == ("2023-10-26..2024-01-04", "plausible")
    assert decree_690.repeal is not None
    assert decree_690.repeal.instrument == "decree-10"
    repeal = decree_10.repeal
    assert repeal is not None
    assert repeal.date is not None
    assert decree_10.end is not None
    assert (str(decree_10.end.date), decree_10.end.status, decree_10.end.certain) == (
        str(repeal.date.date),
        repeal.date.status,
        False,
    )
    assert decree_10.end.of == "decree-10.end"
    assert enacted.instrument("decree-821").repeal is None


# (grant, relation, how sure we are that the grant extends to it), as LAW.md's section on Decree 821 gives it
RELATIVES = [
    pytest.param("decree-821", "spouse", "confirmed", id="821 spouses confirmed"),
    pytest.param("decree-821", "child", "confirmed", id="821 children confirmed"),
    pytest.param("decree-821", "parent", "plausible", id="821 parents plausible: left out of the official summary"),
    pytest.param("decree-10", "parent", "confirmed", id="decree 10 names parents"),
    pytest.param("decree-690", "spouse", "confirmed", id="decree 690's family confirmed"),
]


@pytest.mark.parametrize(("key", "relation", "status"), RELATIVES)
def test_each_family_relation_has_its_own_status(enacted, key, relation, status):
    """A route through a parent under Decree No. 821 rests on a weaker source than one through a spouse."""
    found = grant(enacted, key)
    assert found.relatives[fl.Relation(relation)].status.value == status
    assert set(found.relatives) == set(found.family)


def test_the_belarus_exclusion_on_the_family_route_is_plausible(enacted):
    """The exclusion of Belarusian citizens is confirmed for the principal; for a family applicant, plausible."""
    decree_821 = grant(enacted, "decree-821")
    assert decree_821.excluded_nationalities is not None
    assert decree_821.excluded_nationalities.segments[0].status.value == "confirmed"
    assert decree_821.family_exclusion is not None
    assert decree_821.family_exclusion.status.value == "plausible"
    assert "tass.com 2039761" in decree_821.family_exclusion.sources
    assert grant(enacted, "decree-10").family_exclusion is None


def test_the_press_grant_s_family_is_as_sure_as_the_press(rulebook):
    """A relation given as a bare list is as sure as its grant: reported, for the press account."""
    press = grant(rulebook.reading("press"), "press")
    assert {point.status.value for point in press.relatives.values()} == {"reported"}


# (instrument, the source's title, its address: only where LAW.md gives a host and a path)
REFERENCES = [
    pytest.param("law-2003-11-11", "center-bereg.ru/?p=29000", "https://center-bereg.ru/?p=29000", id="center-bereg"),
    pytest.param(
        "decree-690",
        "voen-pravo.ru documents/ukazy/6908",
        "https://voen-pravo.ru/documents/ukazy/6908",
        id="voen-pravo",
    ),
    pytest.param(
        "coao-4-1-2026", "interfax.ru/russia/1077205", "https://interfax.ru/russia/1077205", id="interfax, Duma text"
    ),
    pytest.param("decree-821", "tass.com 2039761", None, id="a label without a path has no address"),
    pytest.param("ets-024", "coe.int treaty 024", None, id="the convention's label has no path"),
]


@pytest.mark.parametrize(("key", "title", "href"), REFERENCES)
def test_references_have_an_address_where_the_specification_gives_one(enacted, key, title, href):
    """Each reference has its title, its address where known, and the day it was read."""
    instrument = enacted.instrument(key)
    found = {reference.title: reference for reference in instrument.references}
    assert found[title].href == href
    assert found[title].read is not None
    assert instrument.sources == tuple(found)


def test_every_shipped_reference_says_when_it_was_read(enacted):
    """No source of the shipped rulebook is undated."""
    assert all(ref.read is not None for inst in enacted.instruments.values() for ref in inst.references)


def test_decree_821_quotes_its_operative_words(enacted):
    """The Belarus exclusion is quoted as TASS quotes the decree."""
    quotation = enacted.instrument("decree-821").quotation
    assert quotation is not None
    assert quotation.text == "These requirements do not apply to citizens of Belarus"
    assert quotation.source == "tass.com 2039761"


def test_the_expulsion_law_is_in_the_rulebook_as_the_specification_gives_it(enacted):
    """CoAO Art. 4.1: Duma text confirmed, signing plausible, in force on 2026-04-03 by the ten-day rule."""
    coao = enacted.instrument("coao-4-1-2026")
    assert coao.start is not None
    assert (str(coao.start.published), coao.start.derive, str(coao.start.date)) == (
        "2026-03-23",
        "law-5-fz-art-6",
        "2026-04-03",
    )
    assert [(str(stage.date), stage.status.value) for stage in coao.stages] == [
        ("2026-03-11", "confirmed"),
        ("2026-03-18", "plausible"),
        ("2026-03-23", "plausible"),
    ]
    assert coao.pinpoint == "CoAO Art. 4.1"


def test_stateless_ages_are_foreigners_on_the_same_terms(enacted):
    """The stateless provision takes foreigners' ages as in effect from its own start, and follows a change."""
    stateless = enacted.rules.stateless_contract
    assert stateless.same_terms_as == "foreign-contract"
    assert stateless.max_age is not None
    assert [(segment.value, segment.provision) for segment in stateless.max_age.segments] == [(None, "law-2022-05-28")]
    older = enacted.derive("older", {"rules": {"foreign-contract": {"min-age": 21}}})
    assert older.rules.stateless_contract.min_age is not None
    assert older.rules.stateless_contract.min_age.segments[0].value == 21


def test_the_readings_copy_nothing_of_the_instruments(rulebook):
    """The press file restates no bar it shares with the instruments; the bars it shares are the instruments'."""
    press_file = tomllib.loads((SHIPPED / "readings" / "press.toml").read_text(encoding="utf-8"))
    assert list(press_file["rules"]["extradition-bar"]["bars"]) == ["item-7"]
    assert "min-age" not in press_file["rules"]["stateless-contract"]
    press, enacted = rulebook.reading("press"), rulebook.reading("enacted")
    for key in ("russian-citizen", "asylum", "final-judgment", "limitation", "not-a-crime"):
        assert press.rules.extradition_bar.bars[key] == enacted.rules.extradition_bar.bars[key]
    assert list(press.rules.extradition_bar.bars) == list(enacted.rules.extradition_bar.bars)
    assert list(press.rules.simplified_citizenship.grants) == ["press"]
    assert press.rules.foreign_contract.max_age is None


def test_a_reading_can_leave_a_value_out(enacted):
    """``without`` removes a value of the reading a change is merged into; naming nothing there is refused."""
    ageless = enacted.derive("ageless", {"rules": {"foreign-contract": {"without": ["max-age"]}}})
    assert ageless.rules.foreign_contract.max_age is None
    with pytest.raises(RulebookError, match=r"rules\.foreign-contract\.without: 'height' is not there to leave out"):
        enacted.derive("bad", {"rules": {"foreign-contract": {"without": ["height"]}}})
    with pytest.raises(RulebookError, match=r"without: expected a list of the keys to leave out"):
        enacted.derive("bad", {"rules": {"foreign-contract": {"without": "max-age"}}})


# --- a rulebook of one's own, in the same layout ---------------------------------------------------------------


def copy_of_the_shipped_rulebook(tmp_path: Path) -> Path:
    copy = tmp_path / "rulebook"
    shutil.copytree(SHIPPED, copy, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return copy


def edit(root: Path, file: str, old: str, new: str) -> None:
    path = root / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {file}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# (what is wrong, the file, the text replaced, its replacement, the start of the error)
BROKEN_FILES: list[Any] = [
    pytest.param(
        "rulebook.toml",
        '    "ets-024",\n',
        "",
        "instruments/ets-024.toml: not listed in rulebook.toml's instruments; add 'ets-024' there",
        id="an instrument's file the table of contents does not list",
    ),
    pytest.param(
        "rulebook.toml",
        '    "ets-024",\n',
        '    "ets-024",\n    "ets-025",\n',
        "instruments/ets-025.toml: no such file",
        id="an instrument listed without its file",
    ),
    pytest.param(
        "instruments/decree-821.toml",
        "min-age = 18",
        "min-age = ",
        "instruments/decree-821.toml: not valid TOML: ",
        id="a file that is not TOML",
    ),
    pytest.param(
        "instruments/decree-821.toml",
        "min-age = 18",
        'min-age = "eighteen"',
        "reading 'enacted': 2 problems\n  instruments/decree-821.toml, "
        "rules.simplified-citizenship.grants.decree-821.min-age.segments[0].value: Input should be a valid integer",
        id="a value of the wrong kind in an instrument's provision",
    ),
    pytest.param(
        "instruments/ets-024.toml",
        'kind = "treaty"',
        'kind = "treaty"\ncolour = "blue"',
        "reading 'enacted': 1 problem\n  instruments/ets-024.toml, colour: Extra inputs are not permitted",
        id="an unknown key in an instrument's file",
    ),
    pytest.param(
        "instruments/decree-10.toml",
        'instrument = "decree-821"',
        'instrument = "decree-82"',
        "reading 'enacted', instruments/decree-10.toml, links[0].instrument: unknown instrument 'decree-82'",
        id="a link to an instrument the rulebook does not have",
    ),
    pytest.param(
        "instruments/decree-10.toml",
        'date = { date = "2025-11-05"',
        '# date = { date = "2025-11-05"',
        "reading 'enacted': 1 problem\n  instruments/decree-10.toml, links[0]: Value error, expected the 'date' of "
        "the repeal",
        id="a repeal without its date",
    ),
    pytest.param(
        "instruments/cpc-464-1.toml",
        "[rules.extradition-bar.bars.asylum]",
        "[rules.extradition-bar.bars.item-7]",
        "instruments/cpc-464-1.toml, rules.extradition-bar.bars.item-7: already created by instruments/fz-50-2026.toml",
        id="a provision two instruments create",
    ),
    pytest.param(
        "rulebook.toml",
        '"asylum", ',
        "",
        "instruments/cpc-464-1.toml, rules.extradition-bar.bars.asylum: not in rulebook.toml's "
        "order.extradition-bar.bars; add 'asylum' there",
        id="a bar the order of its question leaves out",
    ),
    pytest.param(
        "instruments/ets-024.toml",
        'title = "coe.int treaty 024"\nread = "2026-11-27"',
        'title = "coe.int treaty 024"',
        "instruments/ets-024.toml, references[0]: expected 'read', the day the source was read",
        id="a source without the day it was read",
    ),
    pytest.param(
        "instruments/ets-024.toml",
        'title = "coe.int treaty 024"',
        'title = "coe.int treaty 024"\nhref = "http://coe.int"',
        "reading 'enacted': 1 problem\n  instruments/ets-024.toml, references[0].href: Value error, expected an "
        "https:// address; found 'http://coe.int'",
        id="an address that is not https",
    ),
    pytest.param(
        "instruments/decree-821.toml",
        'parent = { status = "plausible"',
        'parent = { sources = ["a blog"], status = "plausible"',
        "reading 'enacted', instruments/decree-821.toml, rules.simplified-citizenship.grants.decree-821.family.parent"
        ".sources: expected titles of decree-821's references; found ['a blog']",
        id="a family relation resting on a source the instrument does not list",
    ),
    pytest.param(
        "instruments/decree-821.toml",
        'excluded-nationalities = ["BY"]',
        "",
        "reading 'enacted', instruments/decree-821.toml, rules.simplified-citizenship.grants.decree-821"
        ".family-exclusion: expected 'excluded-nationalities' for it to qualify",
        id="an exclusion on the family route of a grant that excludes no one",
    ),
    pytest.param(
        "instruments/decree-821.toml",
        'source = "tass.com 2039761"',
        'source = "tass.ru"',
        "reading 'enacted', instruments/decree-821.toml, quotation.source: expected the title of one of its "
        "references; found 'tass.ru'",
        id="a quotation from a source the instrument does not list",
    ),
    pytest.param(
        "instruments/law-2022-05-28.toml",
        "sets.foreign-contract.max-age",
        "sets.foreign.max-age",
        "instruments/law-2022-05-28.toml, links[0].sets.foreign: no instrument creates the provision 'foreign'",
        id="an amendment of a provision no instrument creates",
    ),
    pytest.param(
        "readings/press.toml",
        'without = ["max-age"]',
        'without = ["height"]',
        "reading 'press', readings/press.toml, rules.foreign-contract.without: 'height' is not there to leave out",
        id="a reading that leaves out what is not there",
    ),
    pytest.param(
        "readings/summary.toml",
        "[rules.extradition-bar",
        "[rule.extradition-bar",
        "readings/summary.toml, rule: unknown key; expected one of title, extends, ",
        id="a reading with a misspelt table",
    ),
    pytest.param(
        "readings/summary.toml",
        'extends = "enacted"',
        'extends = "enactd"',
        "readings/summary.toml, extends: reading 'summary' extends 'enactd', which is not a reading",
        id="a reading that extends a reading the rulebook does not have",
    ),
]


BROKEN_FILES += [
    pytest.param(
        "rulebook.toml",
        'readings = ["summary", "press"]',
        'readings = "summary"',
        "rulebook.toml, readings: expected a list of names; found 'summary'",
        id="readings that are not a list",
    ),
    pytest.param(
        "rulebook.toml",
        'readings = ["summary", "press"]',
        'readings = ["summary", "summary", "press"]',
        "rulebook.toml, readings: lists summary more than once",
        id="a reading listed twice",
    ),
    pytest.param(
        "rulebook.toml",
        "instruments = [",
        "colour = 1\ninstruments = [",
        "rulebook.toml, colour: unknown key; expected one of base, instruments, ",
        id="an unknown key in the table of contents",
    ),
    pytest.param(
        "rulebook.toml",
        'name = "enacted"',
        'label = "enacted"',
        "rulebook.toml, default.name: expected the name of the default reading",
        id="a default reading without a name",
    ),
    pytest.param(
        "rulebook.toml",
        "[order.extradition-bar]\n",
        "[order.extradition-bar]\nmore = []\n",
        "rulebook.toml, order.extradition-bar: expected one table name and its list",
        id="an order of two tables",
    ),
    pytest.param(
        "rulebook.toml",
        'grants = ["decree-690", "decree-10", "decree-821"]',
        'grants = "decree-690"',
        "rulebook.toml, order.simplified-citizenship.grants: expected a list of keys",
        id="an order that is not a list",
    ),
    pytest.param(
        "rulebook.toml",
        '"not-a-crime"]',
        '"not-a-crime", "item-8"]',
        "rulebook.toml, order.extradition-bar.bars: no instrument creates item-8",
        id="an order that names a bar no instrument creates",
    ),
    pytest.param(
        "instruments/ets-024.toml",
        'kind = "treaty"',
        'kind = "treaty"\nkey = "ets-24"',
        "instruments/ets-024.toml, key: the file's name is the instrument's key",
        id="a key other than the file's name",
    ),
    pytest.param(
        "instruments/ets-024.toml",
        'kind = "treaty"',
        'kind = "treaty"\nrules = 5',
        "instruments/ets-024.toml, rules: expected a table; found 5",
        id="provisions that are not a table",
    ),
    pytest.param(
        "instruments/ets-024.toml",
        'kind = "treaty"',
        'kind = "treaty"\nrules = { foreign-contract = 5 }',
        "instruments/ets-024.toml, rules.foreign-contract: expected a table of the provision's values; found 5",
        id="a provision that is not a table",
    ),
    pytest.param(
        "instruments/cpc-464-1.toml",
        "[rules.extradition-bar.bars.asylum]",
        "[rules.extradition-bar.items.asylum]",
        "instruments/cpc-464-1.toml, rules.extradition-bar.items: expected only rules.extradition-bar.bars",
        id="a question's provisions under a table of another name",
    ),
    pytest.param(
        "instruments/law-2022-05-28.toml",
        'kind = "amends"',
        'kind = "same-terms-as"',
        "instruments/law-2022-05-28.toml, links[0].sets: only an 'amends' link sets values",
        id="values set by a link that does not amend",
    ),
    pytest.param(
        "instruments/law-2022-05-28.toml",
        "sets.foreign-contract.max-age",
        "sets.foreign-contract.sexes",
        "instruments/law-2022-05-28.toml, links[0].sets.foreign-contract.sexes: foreign-contract has no sexes to amend",
        id="an amendment of a value the provision does not have",
    ),
    pytest.param(
        "instruments/law-2022-05-28.toml",
        "sets.foreign-contract.max-age",
        'sets."foreign-contract/x".max-age',
        "instruments/law-2022-05-28.toml, links[0].sets.foreign-contract/x: no instrument creates the provision",
        id="an amendment of a grant of a question that has none",
    ),
]


def test_a_file_that_cannot_be_read_is_named(tmp_path):
    """A listed instrument whose path is not a readable file is reported, not skipped."""
    root = copy_of_the_shipped_rulebook(tmp_path)
    (root / "instruments" / "ets-024.toml").unlink()
    (root / "instruments" / "ets-024.toml").mkdir()
    with pytest.raises(RulebookError, match=r"^instruments/ets-024\.toml: cannot be read: "):
        fl.Rulebook.load(root)


@pytest.mark.parametrize(("file", "old", "new", "message"), BROKEN_FILES)
def test_a_broken_rulebook_directory_names_the_file_and_the_key(tmp_path, file, old, new, message):
    """A rulebook of one's own in the shipped layout is checked like the shipped one; errors say where to look."""
    root = copy_of_the_shipped_rulebook(tmp_path)
    edit(root, file, old, new)
    with pytest.raises(RulebookError) as caught:
        fl.Rulebook.load(root)
    assert str(caught.value).startswith(message), str(caught.value)


def test_a_directory_without_a_table_of_contents_is_refused(tmp_path):
    """A directory that is not a rulebook says what it lacks."""
    with pytest.raises(RulebookError, match=r"expected a rulebook directory, with rulebook\.toml in it"):
        fl.Rulebook.load(tmp_path)


def test_a_rulebook_of_one_s_own_changes_the_answer_through_its_files(tmp_path):
    """A copy of the rulebook whose Decree No. 821 admits citizens of Belarus decides a Belarusian's case."""
    root = copy_of_the_shipped_rulebook(tmp_path)
    path = root / "instruments" / "decree-821.toml"
    text = path.read_text(encoding="utf-8").replace('excluded-nationalities = ["BY"]\n', "")
    path.write_text(text.split("# The text excludes citizens of Belarus")[0], encoding="utf-8")
    mine = fl.Rulebook.load(root).reading("enacted")
    belarusian = fl.Person.model_validate(
        {
            "citizenship": "foreign",
            "nationality": "BY",
            "sex": "male",
            "birth_date": "1990-01-01",
            "contracts": [{"signed": "2024-06-01", "term_months": 12}],
        }
    )
    shipped = fl.evaluate(belarusian, as_of=date(2026, 6, 1))
    assert shipped.verdict("simplified-citizenship") is fl.Verdict.UNDETERMINED  # only Decree No. 10, maybe repealed
    own = fl.evaluate(belarusian, as_of=date(2026, 6, 1), reading=mine)
    assert own.verdict("simplified-citizenship") is fl.Verdict.YES


# --- a reading or an instrument of one's own, on the base of the shipped rulebook ------------------------------

GAZETTE = """
title = "Item 7 in force on the day an official gazette gives"

[instruments.fz-50-2026.start]
date = "2026-03-25"
status = "confirmed"
sources = ["the official gazette"]
"""

DECREE_2027 = """
title = "A decree of 2027"
citation = "Presidential Decree of 2027"
kind = "decree"
effect = "Simplified citizenship for foreign citizens with any contract."
status = "plausible"
start = { date = "2027-01-01", status = "plausible" }

[[references]]
title = "a gazette"
read = "2027-01-02"

[rules.simplified-citizenship.grants.decree-2027]
categories = ["foreign"]
routes.contract = { kind = "contract" }
"""


def own_rulebook(tmp_path: Path, contents: str, files: dict[str, str]) -> Path:
    """A directory of one's own: its table of contents and its files."""
    root = tmp_path / "mine"
    for name, text in {"rulebook.toml": contents, **files}.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_a_reading_of_one_s_own_rests_on_the_shipped_rulebook(tmp_path):
    """A directory with only a reading's file, on the base of fighterlaw's rulebook, adds that reading."""
    root = own_rulebook(tmp_path, 'base = "fighterlaw"\nreadings = ["gazette"]\n', {"readings/gazette.toml": GAZETTE})
    loaded = fl.Rulebook.load(root)
    assert loaded.names == ("enacted", "summary", "press", "gazette")
    start = loaded.reading("gazette").instrument("fz-50-2026").start
    assert start is not None
    assert (str(start.date), start.status.value, start.sources) == (
        "2026-03-25",
        "confirmed",
        ("the official gazette",),
    )
    assert [reading.digest for reading in loaded][:3] == [reading.digest for reading in fl.RULEBOOK]


def test_an_instrument_of_one_s_own_adds_its_provisions_after_the_shipped_ones(tmp_path):
    """An instrument on the base of the shipped rulebook comes after its instruments, its grant after theirs."""
    contents = (
        'base = "fighterlaw"\ninstruments = ["decree-2027"]\n[order.simplified-citizenship]\ngrants = ["decree-2027"]\n'
    )
    root = own_rulebook(tmp_path, contents, {"instruments/decree-2027.toml": DECREE_2027})
    enacted = fl.Rulebook.load(root).reading("enacted")
    assert list(enacted.instruments)[-2:] == ["press-2026-03-09", "decree-2027"]
    assert list(enacted.rules.simplified_citizenship.grants) == ["decree-690", "decree-10", "decree-821", "decree-2027"]


OWN_BROKEN = [
    pytest.param(
        'base = "fighterlaw"\n[milestones.smo-start]\ntitle = "x"\ndate = "2022-02-24"\n',
        {},
        "rulebook.toml, milestones.smo-start: the base rulebook already has milestones 'smo-start'",
        id="a milestone of the base written again",
    ),
    pytest.param(
        'base = "fighterlaw"\n[order.extradition-bar]\nitems = []\n',
        {},
        "rulebook.toml, order.extradition-bar.items: expected order.extradition-bar.bars, as in the base",
        id="an order under another table name than the base's",
    ),
    pytest.param('base = "openfisca"\n', {}, "rulebook.toml, base: expected 'fighterlaw'", id="an unknown base"),
    pytest.param(
        'base = "fighterlaw"\ninstruments = ["decree-821"]\n',
        {"instruments/decree-821.toml": DECREE_2027},
        "rulebook.toml, instruments: the base rulebook already has an instrument 'decree-821'",
        id="an instrument of the base written again",
    ),
    pytest.param(
        'base = "fighterlaw"\nreadings = ["press"]\n',
        {"readings/press.toml": GAZETTE},
        "rulebook.toml, readings: lists the reading 'press' twice",
        id="a reading of the base written again",
    ),
    pytest.param(
        'base = "fighterlaw"\ninstruments = ["decree-2027"]\n',
        {"instruments/decree-2027.toml": DECREE_2027},
        "instruments/decree-2027.toml, rules.simplified-citizenship.grants.decree-2027: not in rulebook.toml's "
        "order.simplified-citizenship.grants",
        id="a grant of one's own left out of the order",
    ),
    pytest.param(
        'base = "fighterlaw"\n[default]\nname = "mine"\n',
        {},
        "rulebook.toml, default: a rulebook with a base keeps the base's default reading",
        id="a base with a default reading of one's own",
    ),
    pytest.param(
        'base = "fighterlaw"\nreadings = ["gazette"]\n',
        {"readings/gazette.toml": GAZETTE.replace("fz-50-2026", "fz-50")},
        "reading 'gazette': 5 problems\n  readings/gazette.toml, instruments.fz-50.title: Field required",
        id="a reading of one's own that changes an instrument the rulebook does not have",
    ),
]


@pytest.mark.parametrize(("contents", "files", "message"), OWN_BROKEN)
def test_a_broken_rulebook_of_one_s_own_names_its_file_and_key(tmp_path, contents, files, message):
    """Errors in one's own files name them, not the shipped ones."""
    with pytest.raises(RulebookError) as caught:
        fl.Rulebook.load(own_rulebook(tmp_path, contents, files))
    assert str(caught.value).startswith(message), str(caught.value)


GRANTS = "simplified-citizenship"
STATELESS = "stateless-contract"


def test_links_of_the_wrong_shape_are_refused(enacted):
    """Links are a list of tables; anything else is refused by the typed model, naming the field."""
    with pytest.raises(RulebookError, match=r"instruments\.decree-10\.links"):
        enacted.derive("broken", {"instruments": {"decree-10": {"links": "decree-821"}}})
    with pytest.raises(RulebookError, match=r"instruments\.decree-10\.links\.0"):
        enacted.derive("broken", {"instruments": {"decree-10": {"links": ["decree-821"]}}})
    with pytest.raises(RulebookError, match=r"grants\.decree-10\.family"):
        enacted.derive("broken", {"rules": {GRANTS: {"grants": {"decree-10": {"family": 5}}}}})


def test_terms_taken_without_a_note_or_a_start(enacted):
    """Terms taken on the same terms keep their own notes if the link gives none; without a start, all values."""
    plain = enacted.derive("plain", {"rules": {STATELESS: {"same-terms-as": {"without": ["note"]}}}})
    assert plain.rules.stateless_contract.min_age is not None
    assert plain.rules.stateless_contract.min_age.segments[0].note == ""
    undated = enacted.derive("undated", {"rules": {STATELESS: {"instrument": "cpc-464-1"}}})
    assert undated.rules.stateless_contract.start is None
    assert undated.rules.stateless_contract.max_age is not None
    assert [segment.value for segment in undated.rules.stateless_contract.max_age.segments] == [30, None]
    with pytest.raises(RulebookError, match=r"rules\.stateless-contract\.start\.date"):
        enacted.derive("bad", {"rules": {STATELESS: {"start": {"date": "soon", "status": "confirmed"}}}})


def test_a_single_document_ends_an_instrument_on_its_repeal_too():
    """In one TOML document as in the files, an instrument with no end of its own ends when it is repealed."""
    document = """
[instruments.old]
title = "An old decree"
citation = "Old decree"
effect = "Something."
status = "confirmed"
sources = ["a gazette"]
start = { date = "2020-01-01", status = "confirmed" }
links = [{ kind = "repealed-by", instrument = "new", date = { date = "2024-01-04", status = "plausible" } }]

[instruments.new]
title = "A new decree"
citation = "New decree"
effect = "Something else."
status = "confirmed"
sources = ["a gazette"]

[readings.only]
title = "only"
rules.foreign-contract = { instrument = "old", categories = ["foreign"] }
rules.stateless-contract = { instrument = "new", categories = ["stateless"] }
rules.simplified-citizenship.grants = {}
rules.extradition-bar.bars = {}
rules.expulsion-bar.bars = {}
"""
    old = fl.Rulebook.from_toml(document).reading("only").instrument("old")
    assert old.end is not None
    assert (str(old.end.date), old.end.status.value, old.end.of) == ("2024-01-04", "plausible", "old.end")
    assert [reference.title for reference in old.references] == ["a gazette"]


def test_a_question_s_provisions_of_the_wrong_shape_are_refused_with_the_place(enacted):
    """Grants or bars that are not a table, or a question that is not one, give an error naming it."""
    with pytest.raises(RulebookError, match=r"rules\.simplified-citizenship\.grants\s+Input should be a valid dict"):
        enacted.derive("broken", {"rules": {GRANTS: {"grants": 5}}})
    with pytest.raises(RulebookError, match=r"rules\.extradition-bar\s+Input should be a valid dictionary"):
        enacted.derive("broken", {"rules": {"extradition-bar": "item-7"}})
