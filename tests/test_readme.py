"""The README: its Quick start has exactly two commands, and its table of sources matches the rulebook."""

from __future__ import annotations

import re
from pathlib import Path

import fighterlaw as fl

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def test_the_first_code_block_holds_exactly_two_commands():
    """One command installs and runs the examples; the other runs the tests."""
    first = README.split("```")[1]
    commands = [line for line in first.splitlines()[1:] if line.strip() and not line.startswith("#")]
    assert len(commands) == 2
    assert "examples/quickstart.py" in commands[0]
    assert commands[1].startswith("pytest")


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
