"""Writing reports and errors: a table for people, JSON and JSON Lines with the full report, and CSV.

Every input record yields exactly one output record, in input order: a report, or an error carrying the
record's line number, its id when it has one, and each problem's field path and message.
"""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final, Literal, TextIO

import orjson

from fighterlaw.engine import RULE_IDS
from fighterlaw.errors import InputError
from fighterlaw.logic import Verdict
from fighterlaw.report import Report

__all__ = ["OutputFormat", "Rendered", "Writer", "error_document", "json_line", "render", "row"]

OutputFormat = Literal["table", "json", "jsonl", "csv"]

OFFENCES: Final = "extradition-bar:offences"
_SHORT: Final = {Verdict.YES: "yes", Verdict.NO: "no", Verdict.UNDETERMINED: "?"}
_COLOUR: Final = {"yes": "\033[32m", "no": "\033[31m", "?": "\033[33m"}
_RESET: Final = "\033[0m"
# Characters some readers take for line breaks, which JSON leaves raw inside strings: escaped, so that each
# record of JSON Lines stays on one line whoever splits it.
_LINE_BREAKS: Final = {0x85: "\\u0085", 0x2028: "\\u2028", 0x2029: "\\u2029"}
_BREAK: Final = re.compile("[\u0085\u2028\u2029]")


@dataclass(frozen=True, slots=True)
class Rendered:
    """One output record, rendered (so that worker processes can do the work): text or cells."""

    payload: str | tuple[str, ...]
    error: bool


def columns(rules: Sequence[str]) -> tuple[str, ...]:
    """The verdict columns of the table and CSV formats: one per rule (the person), then the offences."""
    return _columns(frozenset(rules))


@functools.cache
def _columns(rules: frozenset[str]) -> tuple[str, ...]:
    chosen = tuple(rule for rule in RULE_IDS if rule in rules)
    return chosen + ((OFFENCES,) if "extradition-bar" in chosen else ())


def json_line(document: object) -> str:
    """A document as one line of JSON, whoever splits lines: every command's JSON output is written with it."""
    text = orjson.dumps(document).decode()
    # Rare in records, so looked for first: translating every line would cost more than writing it.
    return text.translate(_LINE_BREAKS) if _BREAK.search(text) else text


def error_document(line: int, error: InputError) -> dict[str, Any]:
    """A record that could not be answered: its line, its id when it has one, and each problem."""
    return {"line": line, "id": error.record_id, "errors": [problem.to_dict() for problem in error.problems]}


def render(
    fmt: OutputFormat, line: int, outcome: Report | InputError, rules: Sequence[str], *, with_input: bool = False
) -> Rendered:
    """One record's output in a format: a JSON document, or the cells of a table or CSV row.

    ``with_input`` puts the record itself into a JSON document, so that the answer can be replayed later.
    """
    error = isinstance(outcome, InputError)
    if fmt in ("json", "jsonl"):
        if isinstance(outcome, InputError):
            return Rendered(json_line(error_document(line, outcome)), error)
        return Rendered(json_line({"line": line, **outcome.document(include_input=with_input)}), error)
    if isinstance(outcome, InputError):
        message = "; ".join(str(problem) for problem in outcome.problems)
        cells = (str(line), outcome.record_id or "", *("" for _ in columns(rules)), message)
        return Rendered(cells, error)
    answers = [(result.rule, result.subject, result.verdict) for result in outcome.results]
    return row(line, outcome.person, answers, rules)


def row(line: int, person: str | None, verdicts: Sequence[tuple[str, str, Verdict]], rules: Sequence[str]) -> Rendered:
    """A table or CSV row from the verdicts alone: each (rule, subject, verdict), with no reasons built."""
    cells: dict[str, str] = {}
    offences: list[str] = []
    for rule, subject, verdict in verdicts:
        if subject == "person":
            cells[rule] = _SHORT[verdict]
        else:
            offences.append(f"{subject.removeprefix('offence:')}={_SHORT[verdict]}")
    cells[OFFENCES] = "; ".join(offences)
    return Rendered((str(line), person or "", *(cells[name] for name in columns(rules)), ""), False)


class Writer:
    """Writes rendered records to a text stream in one format, as they come."""

    def __init__(self, out: TextIO, fmt: OutputFormat, rules: Sequence[str], *, colour: bool = False) -> None:
        self.out = out
        self.fmt = fmt
        self.rules = rules
        self.colour = colour and fmt == "table"
        self.count = 0
        self.csv = csv.writer(out, lineterminator="\n") if fmt == "csv" else None
        self.widths = [6, 12, *(max(len(name), 3) for name in columns(rules))]

    def start(self) -> None:
        """Write what comes before the first record."""
        header = ["line", "id", *columns(self.rules), "error"]
        if self.csv is not None:
            self.csv.writerow(header)
        elif self.fmt == "table":
            self.out.write(self._row(header) + "\n")
        elif self.fmt == "json":
            self.out.write("[")

    def write(self, rendered: Rendered) -> None:
        """Write one record."""
        payload = rendered.payload
        if self.fmt == "jsonl":
            self.out.write(f"{payload}\n")
        elif self.fmt == "json":
            self.out.write(f"{',' if self.count else ''}\n{payload}")
        elif self.csv is not None:
            self.csv.writerow(payload)
        else:
            self.out.write(self._row(list(payload), rendered.error) + "\n")
        self.count += 1

    def finish(self) -> None:
        """Write what comes after the last record."""
        if self.fmt == "json":
            self.out.write("\n]\n" if self.count else "]\n")
        self.out.flush()

    def _row(self, cells: list[str], error: bool = False) -> str:
        parts: list[str] = []
        for index, shown in enumerate(cells):
            cell = shown if shown.isprintable() else "".join(c if c.isprintable() else "?" for c in shown)
            width = self.widths[index] if index < len(self.widths) else 0
            text = cell.ljust(width)
            if self.colour and cell in _COLOUR and 1 < index < len(self.widths):
                text = f"{_COLOUR[cell]}{text}{_RESET}"
            parts.append(text)
        row = "  ".join(parts).rstrip()
        return f"\033[31m{row}{_RESET}" if self.colour and error else row
