"""The documentation site: its generated parts build, its commands print what it shows, its reason codes are real.

The Python examples of the site run as doctests (``docs`` is on pytest's test paths); these tests cover the rest.
"""

from __future__ import annotations

import codecs
import importlib.util
import io
import re
import shlex
import sys
from datetime import date
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest

import fighterlaw as fl
from fighterlaw.cli import main
from fighterlaw.strategies import milestone_days

ROOT = Path(__file__).parent.parent
DOCS = ROOT / "docs"
PAGES = sorted(DOCS.rglob("*.md"))
RULE_PAGES = {rule: DOCS / "rules" / f"{rule}.md" for rule in fl.RULE_IDS}


def page_id(page: Path) -> str:
    return page.relative_to(DOCS).as_posix()


@cache
def hooks() -> ModuleType:
    """The build's hook module, loaded as mkdocs loads it: from its file."""
    spec = importlib.util.spec_from_file_location("fighterlaw_docs_hooks", DOCS / "hooks.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_page_is_checked():
    """The site has its pages, one for each question among them."""
    assert len(PAGES) >= 10
    assert all(page.exists() for page in RULE_PAGES.values())


@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_every_generated_part_of_a_page_builds(page):
    """Each placeholder names a part the build knows, and none is left unreplaced."""
    text = page.read_text(encoding="utf-8")
    rendered = hooks().render(text, page_id(page))
    assert "<!-- generated:" not in rendered


def test_an_unknown_generated_part_stops_the_build():
    """A misspelt placeholder is an error, not a silent gap in the page."""
    with pytest.raises(ValueError, match="unknown generated part 'instrument'"):
        hooks().render("<!-- generated: instrument -->", "law/instruments.md")
    with pytest.raises(ValueError, match="no reading has the provision 'foreign'"):
        hooks().render("<!-- generated: values foreign -->", "rules/foreign-contract.md")


def test_the_tables_of_the_rulebook_show_its_dates_and_statuses():
    """The instruments table is built from the rulebook: a changed date would change the page."""
    table = hooks().render("<!-- generated: instruments -->", "law/instruments.md")
    row = next(line for line in table.splitlines() if "`fz-50-2026`" in line)
    assert ">2026-03-19<" in row
    assert "fl-confirmed" in row
    values = hooks().render("<!-- generated: values extradition-bar/item-7 -->", "rules/extradition-bar.md")
    assert "from <span" in values
    assert ">2026-03-19<" in values
    assert "fl-derived" in values


def test_the_rst_roles_of_docstrings_are_dropped_from_the_api_page():
    """``:class:`Reading``` in a docstring reads as the name alone on the site."""
    html = "Build one with :meth:<code>parse</code> or a :class:<code>Reading</code>."
    assert hooks().on_page_content(html, page=None, config=None, files=None) == (
        "Build one with <code>parse</code> or a <code>Reading</code>."
    )


# --- commands shown in the docs --------------------------------------------------------------------------------


def shown_commands() -> list[tuple[str, str, list[str]]]:
    """Each ``$ command`` of a ``text`` block (perhaps continued with ``\\``), with the lines shown after it."""
    found = []
    for page in PAGES:
        for block in re.findall(r"^```text\n(.*?)^```", page.read_text(encoding="utf-8"), re.MULTILINE | re.DOTALL):
            lines = block.splitlines()
            if not lines or not lines[0].startswith("$ "):
                continue
            command = lines.pop(0)[2:]
            while command.endswith("\\"):  # a command continued on the next line
                command = command[:-1] + lines.pop(0).strip()
            found.append((page_id(page), command, lines))
    return found


def run(command: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """What a shown command prints, standard output and error interleaved as a terminal shows them."""
    words = shlex.split(command)
    data = b""
    if words[0] == "printf":
        pipe = words.index("|")
        assert pipe == 2, "a shown pipeline is printf 'TEXT' | fighterlaw ..."
        data = codecs.decode(words[1], "unicode_escape").encode("utf-8")
        words = words[pipe + 1 :]
    assert words[0] == "fighterlaw"
    out = io.StringIO()
    monkeypatch.chdir(ROOT)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", out)
    main(words[1:])
    return out.getvalue()


@pytest.mark.parametrize(("page", "command", "shown"), shown_commands(), ids=lambda value: str(value)[:60])
def test_a_command_shown_in_the_docs_prints_what_the_docs_show(page, command, shown, monkeypatch):
    """The lines shown are the command's output; a line `...` stands for lines left out."""
    printed = run(command, monkeypatch).splitlines()
    assert shows(printed, shown), "\n".join(printed)


def shows(printed: list[str], shown: list[str]) -> bool:
    """Whether ``shown`` is ``printed`` with some runs of lines left out, each marked by a line ``...``."""
    segments: list[list[str]] = [[]]
    for line in shown:
        if line == "...":
            segments.append([])
        else:
            segments[-1].append(line)
    if len(segments) == 1:
        return printed == shown
    head, *middle, tail = segments
    if printed[: len(head)] != head or printed[len(printed) - len(tail) :] != tail:
        return False
    position, end = len(head), len(printed) - len(tail)
    for segment in middle:
        found = next(
            (at for at in range(position + 1, end - len(segment)) if printed[at : at + len(segment)] == segment),
            None,
        )
        if found is None:
            return False
        position = found + len(segment)
    return position < end  # something was left out before the tail


def test_the_elision_matcher():
    """The matcher for shown output: elisions may stand for one line or many, and must stand for some."""
    printed = ["a", "b", "c", "d", "e"]
    assert shows(printed, ["a", "...", "c", "...", "e"])
    assert shows(printed, ["a", "...", "e"])
    assert not shows(printed, ["a", "...", "b", "...", "e"])  # nothing left out between a and b
    assert not shows(printed, ["a", "...", "x", "...", "e"])
    assert not shows(printed, ["a", "b", "c", "d", "e", "..."])
    assert shows(printed, printed)


def test_the_docs_show_commands():
    """Every page that teaches the command line shows it running."""
    pages = {page for page, _, _ in shown_commands()}
    assert {"quickstart.md", "cli.md"} <= pages


# --- reason codes named on the rule pages --------------------------------------------------------------------


def documented_codes(rule: str) -> set[str]:
    """The reason codes a rule page names beside the law: every plain name in backticks of the code column.

    Each condition is a term of a definition list (`` `item-7-serving` ``); its definition may name the steps
    beneath it. Field paths, values and legal points (``decree-10.end``) are not plain names of this form.
    """
    text = RULE_PAGES[rule].read_text(encoding="utf-8")
    columns = re.findall(r'<div class="code" markdown>(.*?)</div>', text, re.DOTALL)
    terms = {code for column in columns for code in re.findall(r"^`([a-z0-9-]+)`$", column, re.MULTILINE)}
    named = {code for column in columns for code in re.findall(r"`([a-z0-9]+(?:-[a-z0-9]+)+)`", column)}
    assert terms, f"{rule}: the page sets no condition beside the law"
    return terms | named


EXTRA_RECORDS = [
    # A family member who qualifies through a naturalised servicemember, and a Belarusian, an unfit and an
    # unknown-sex servicemember: the rarer steps of the citizenship grants.
    {
        "citizenship": "foreign",
        "nationality": "NP",
        "family": [
            {
                "relation": "spouse",
                "member": {
                    "citizenship": "foreign",
                    "nationality": "NP",
                    "naturalised": "2025-01-01",
                    "sex": "male",
                    "birth_date": "1990-01-01",
                    "contracts": [{"signed": "2023-05-02", "term_months": 12}],
                },
            }
        ],
    },
    {"citizenship": "foreign", "nationality": "BY", "sex": "male", "birth_date": "1990"},
    {"citizenship": "stateless", "birth_date": "1960-05", "unfitness_ruling": {"date": "2025-12-01"}, "combat": True},
    {"citizenship": "foreign", "contracts": [{"signed": "2021-06-01", "term_months": "open"}], "combat": None},
    {
        "citizenship": "foreign",
        "contracts": [{"signed": "2024-01-01", "formation": "volunteer_formation"}],
        "discharge": {"date": "2025-01-01", "grounds": "age"},
        "offences": [{"combat_related": True}, {"russian_judgment": True, "limitation_expired": True}],
    },
]


@cache
def produced_codes() -> dict[str, frozenset[str]]:
    """Every reason code the rules produce for the example records, under every reading, around every date."""
    lines = (ROOT / "examples" / "people.jsonl").read_text(encoding="utf-8").splitlines()
    records: list[object] = [*lines, *EXTRA_RECORDS]
    days = sorted({day for reading in fl.RULEBOOK.names for day in milestone_days(reading)} | {date(2026, 6, 1)})
    found: dict[str, set[str]] = {rule: set() for rule in fl.RULE_IDS}
    for reading in fl.RULEBOOK.names:
        for day in days[::3]:
            for outcome in fl.evaluate_many(records, as_of=day, reading=reading):
                assert isinstance(outcome, fl.Report), outcome
                for result in outcome.results:
                    found[result.rule].update(node.code for node in result.reason.walk())
    return {rule: frozenset(codes) for rule, codes in found.items()}


@pytest.mark.parametrize("rule", fl.RULE_IDS)
def test_the_reason_codes_named_beside_the_law_are_the_rule_s_own(rule):
    """Each code a rule page sets beside the law appears in the rule's reason trees."""
    documented = documented_codes(rule)
    assert documented <= produced_codes()[rule], sorted(documented - produced_codes()[rule])


def test_the_api_page_documents_every_public_name():
    """Each name fighterlaw exports has its entry on the Python API page, and the page names nothing else."""
    page = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^::: fighterlaw\.(\w+)$", page, re.MULTILINE))
    assert documented == set(fl.__all__) | {"strategies"}


# The vocabularies of DESIGN.md, typed here, not read from the models.
CSV_VOCABULARIES = [
    ("citizenship", ["foreign", "stateless", "russian"]),
    ("member_citizenship", ["foreign", "stateless", "russian"]),
    ("sex", ["male", "female"]),
    ("contract_formation", ["armed_forces", "other_formation", "volunteer_formation"]),
    ("contract2_formation", ["armed_forces", "other_formation", "volunteer_formation"]),
    ("discharge_grounds", ["age", "health", "contract_expiry", "other"]),
    ("offence3_purpose", ["prosecution", "sentence"]),
    ("family_relation", ["spouse", "child", "parent"]),
]


def test_the_csv_table_lists_the_allowed_values_of_every_column():
    """Every column of the flat layout, in order, with what its cells may hold and what it means."""
    from fighterlaw._input import CSV_COLUMNS  # noqa: PLC0415 - the layout whose documentation is checked

    table = hooks().render("<!-- generated: csv-columns -->", "formats.md")
    rows = {line.split(" | ")[0].strip("| `"): line.split(" | ") for line in table.splitlines()[2:]}
    assert list(rows) == list(CSV_COLUMNS)
    for column, cells in rows.items():
        assert cells[2].strip(), column
        assert "as in JSON" not in cells[2], column
    for column, values in CSV_VOCABULARIES:
        assert rows[column][2].startswith("one of " + ", ".join(f"`{value}`" for value in values)), column
    for column in ("combat", "discharge_order_extract", "offence2_criminal_in_russia", "member_combat"):
        assert rows[column][2].startswith("`true` or `false`"), column
    for column in ("birth_date", "contract2_ended", "member_naturalised"):
        assert "`YYYY-MM`" in rows[column][2]
        assert "`2026-03-04..2026-03-09`" in rows[column][2]
    assert rows["contract_term_months"][2] == "a whole number of months from 1 to 1200, or `open`"
    assert "**required**" in rows["citizenship"][2]
    assert "born Russian (dual nationals included)" in rows["citizenship"][3]
    assert "Not for a person born Russian" in rows["naturalised"][3]
    assert rows["member_sex"][3].startswith("Of the family member: ")
