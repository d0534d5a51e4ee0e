"""Where the readings differ: for a whole population, how many verdicts change from one reading to another.

:func:`compare_readings` evaluates every record under two readings on one day and counts, for each rule and
kind of subject (the person as a whole, or an offence), how many verdicts go from each answer to each other,
with a few example records for each count. A record that cannot be read is counted as an error, not raised.

>>> from datetime import date
>>> import fighterlaw as fl
>>> records = [{"id": "s-1", "citizenship": "foreign", "asylum_in_russia": False,
...             "contracts": [{"signed": "2023-01-01"}]}]
>>> found = fl.compare_readings(records, as_of=date(2026, 6, 1), rules=["extradition-bar"])
>>> [(cell.was.value, cell.now.value, cell.count, cell.examples) for cell in found.cells]
[('yes', 'no', 1, ('s-1',))]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Final

from fighterlaw.engine import ALL, RULE_IDS, Evaluation, read_record
from fighterlaw.errors import InputError
from fighterlaw.logic import Verdict
from fighterlaw.rulebook import RULEBOOK, Reading, Rulebook

__all__ = ["Cell", "ReadingComparison", "compare_readings"]

_KINDS: Final = ("person", "offence")


@dataclass(frozen=True, slots=True)
class Cell:
    """How many verdicts of one rule and kind of subject went from one answer to another."""

    rule: str
    subject: str
    """The kind of subject: ``person`` (the person as a whole) or ``offence`` (each alleged offence)."""
    was: Verdict
    """The verdict under the first reading."""
    now: Verdict
    """The verdict under the second reading."""
    count: int
    examples: tuple[str, ...]
    """A few of the records it happened to: each record's ``id`` (``record <position>`` if it has none), with
    the offence for an offence."""

    @property
    def changed(self) -> bool:
        """Whether the readings give different verdicts here."""
        return self.was is not self.now


@dataclass(frozen=True, slots=True)
class ReadingComparison:
    """The verdicts of a population under two readings on one day, counted from each answer to each other."""

    as_of: date
    readings: tuple[str, str]
    records: int
    """How many records were read, the bad ones included."""
    errors: int
    """How many records could not be read."""
    cells: tuple[Cell, ...]
    """Every (rule, kind of subject, verdict, verdict) that occurred, in rule order, then subject kind, then the
    first reading's verdict and the second's, each as ``yes``, ``no``, ``undetermined``."""

    @property
    def changed(self) -> int:
        """How many verdicts the readings disagree on."""
        return sum(cell.count for cell in self.cells if cell.changed)

    @property
    def verdicts(self) -> int:
        """How many verdicts were compared."""
        return sum(cell.count for cell in self.cells)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: the day, the readings, the counts, and every cell with ``from`` and ``to``."""
        return {
            "as_of": self.as_of.isoformat(),
            "readings": list(self.readings),
            "records": self.records,
            "errors": self.errors,
            "verdicts": self.verdicts,
            "changed": self.changed,
            "cells": [
                {
                    "rule": cell.rule,
                    "subject": cell.subject,
                    "from": cell.was.value,
                    "to": cell.now.value,
                    "changed": cell.changed,
                    "count": cell.count,
                    "examples": list(cell.examples),
                }
                for cell in self.cells
            ],
        }

    def table(self) -> str:
        """The counts as a text table; a ``*`` marks the verdicts that change."""
        first, second = self.readings
        lines = [
            f"Verdicts on {self.as_of} under {first} and {second}: {self.records} records"
            + (f", {self.errors} could not be read." if self.errors else "."),
        ]
        rows = [
            ("rule", "subject", first, second, "", "count", "examples"),
            *(
                (
                    cell.rule,
                    cell.subject,
                    cell.was.value,
                    cell.now.value,
                    "*" if cell.changed else "",
                    str(cell.count),
                    ", ".join(cell.examples),
                )
                for cell in self.cells
            ),
        ]
        widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
        counts = rows[0].index("count")
        for row in rows:
            cells = [
                text.rjust(width) if column == counts else text.ljust(width)
                for column, (text, width) in enumerate(zip(row, widths, strict=True))
            ]
            lines.append("  ".join(cells).rstrip())
        lines.append(f"* the verdict changes: {self.changed} of {self.verdicts} verdicts.")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.table()


def compare_readings(
    records: Iterable[object],
    *,
    as_of: date,
    readings: tuple[str | Reading, str | Reading] = ("enacted", "press"),
    rules: Iterable[str] | None = None,
    rulebook: Rulebook = RULEBOOK,
    examples: int = 3,
    assume: Mapping[str, Any] | None = None,
) -> ReadingComparison:
    """Count how the verdicts of ``records`` on ``as_of`` change from the first reading to the second.

    ``records`` are what :func:`~fighterlaw.evaluate_many` takes: dicts, JSON text or ``Person`` objects. Each
    is read once; a bad one is counted in ``errors``. ``examples`` is how many records each count names.

    Raises:
        TypeError: ``as_of`` is not a ``date``.
        ValueError: not exactly two readings, or ``all`` among them.
        UnknownNameError: an unknown reading or rule id; the message lists the valid ones.
    """
    try:
        pair = () if isinstance(readings, str) else tuple(readings)
    except TypeError:
        pair = ()
    if len(pair) != 2 or ALL in pair:
        msg = f"expected two readings to compare, such as ('enacted', 'press'); found {readings!r}"
        raise ValueError(msg)
    chosen = None if rules is None else [rules] if isinstance(rules, str) else list(rules)
    # Planned once each, which checks the day, the readings and the rules before any record is read.
    first, second = (
        Evaluation(as_of=as_of, reading=name, rules=chosen, rulebook=rulebook, assume=assume) for name in pair
    )
    counts: dict[tuple[str, str, Verdict, Verdict], list[Any]] = {}
    read = errors = 0
    for position, record in enumerate(records):
        read += 1
        person = read_record(record, position)
        try:
            if isinstance(person, InputError):
                raise person
            before, after = first.report(person), second.report(person)
        except InputError:  # unreadable, or against an assumption
            errors += 1
            continue
        who = person.id or f"record {position}"
        for old, new in zip(before.results, after.results, strict=True):
            kind = old.subject.split(":", 1)[0]
            example = who if kind == "person" else f"{who} {old.subject}"
            cell = counts.setdefault((old.rule, kind, old.verdict, new.verdict), [0, []])
            cell[0] += 1
            if len(cell[1]) < examples:
                cell[1].append(example)
    order = {verdict: index for index, verdict in enumerate(Verdict)}
    cells = sorted(
        (Cell(rule, kind, was, now, count, tuple(names)) for (rule, kind, was, now), (count, names) in counts.items()),
        key=lambda cell: (RULE_IDS.index(cell.rule), _KINDS.index(cell.subject), order[cell.was], order[cell.now]),
    )
    names = (first.readings[0].name, second.readings[0].name)
    return ReadingComparison(as_of, names, read, errors, tuple(cells))
