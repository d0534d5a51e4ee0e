"""The README: its Quick start has exactly two commands, and its table of sources matches the rulebook."""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

import fighterlaw as fl
from fighterlaw._input import CSV_COLUMNS
from fighterlaw.cli import main

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def test_the_first_code_block_holds_exactly_two_commands():
    """One command installs and runs the examples; the other runs the tests."""
    first = README.split("```")[1]
    commands = [line for line in first.splitlines()[1:] if line.strip() and not line.startswith("#")]
    assert len(commands) == 2
    assert commands[0].startswith("pip install -e . && ")
    assert "fighterlaw check examples/people.csv" in commands[0]
    assert commands[1].endswith("&& pytest")  # CI appends the coverage options to the test command


def test_the_table_of_sources_matches_the_rulebook():
    """Each instrument of the rulebook is in the README's table, with the rulebook's status and sources."""
    rows = {
        match.group(1): (match.group(2), match.group(3))
        for match in re.finditer(r"^\| `([a-z0-9-]+)` \| [^|]+ \| (\w+) \| ([^|]+) \|$", README, re.MULTILINE)
    }
    instruments = fl.RULEBOOK.reading("enacted").instruments
    assert set(rows) == set(instruments)
    for key, instrument in instruments.items():
        status, sources = rows[key]
        assert status == instrument.status.value, key
        assert sources.strip() == "; ".join(instrument.sources), key


def test_the_csv_layout_in_the_readme_is_the_code_s():
    """The README's table of CSV columns lists exactly the columns the reader knows."""
    table = README.split("| columns | record fields |", 1)[1].split("\n\n", 1)[0]
    rows = [line for line in table.splitlines() if line.startswith("| `")]
    documented = [name for row in rows for name in re.findall(r"`([a-z0-9_]+)`", row.split("|")[1])]
    assert sorted(documented) == sorted(CSV_COLUMNS)


def shown_after(command: str) -> list[str]:
    """The lines the README shows after a command, up to the end of its block (or an elision)."""
    block = README.split(f"$ {command}", 1)[1].split("```", 1)[0]
    lines = block.splitlines()[1:]
    return lines[: lines.index("...")] if "..." in lines else lines


def test_the_readme_shows_the_command_line_s_real_output(capsys):
    """The table the README shows is what `fighterlaw check` prints."""
    main(["check", "examples/people.csv", "--as-of", "2026-06-01"])
    out, err = capsys.readouterr()
    shown = shown_after("fighterlaw check examples/people.csv --as-of 2026-06-01")
    assert out.splitlines()[: len(shown)] == shown
    assert err.strip() == README.split("...\n", 1)[1].splitlines()[0]


def test_the_readme_shows_a_bad_record_as_the_command_line_reports_it(capsys, monkeypatch):
    """The error example of the README is what the command prints for those two lines."""
    data = b'{"id": "x", "citizenship": "foreign", "combat": "yes"}\n{"id": "y", "citizenship": "russian"}\n'
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert main(["check", "--as-of", "2026-06-01", "--format", "csv", "--rule", "extradition-bar"]) == 1
    out, err = capsys.readouterr()
    shown = README.split("| fighterlaw check --as-of 2026-06-01 --format csv --rule extradition-bar\n", 1)[1]
    shown_lines = shown.split("```", 1)[0].splitlines()
    assert shown_lines == [*err.splitlines()[:1], *out.splitlines(), *err.splitlines()[1:]]
