"""Writing reports and errors: a table for people, JSON and JSON Lines with the full report, and CSV.

Every input record yields exactly one output record, in input order: a report, or an error carrying the
record's line number, its id when it has one, and each problem's field path and message.
"""

from __future__ import annotations

import csv
import functools
import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, BinaryIO, Final, Literal, TextIO

import orjson

from fighterlaw.engine import RULE_IDS
from fighterlaw.errors import InputError
from fighterlaw.logic import Status, Verdict
from fighterlaw.questions import QUESTIONS
from fighterlaw.report import Report, Result

__all__ = [
    "LEGEND",
    "OutputFormat",
    "Rendered",
    "Writer",
    "error_document",
    "header",
    "inert",
    "json_line",
    "render",
    "row",
]

OutputFormat = Literal["table", "json", "jsonl", "csv", "xlsx"]

OFFENCES: Final = "extradition-bar:offences"
WHY: Final = "why"
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


def header(fmt: OutputFormat, rules: Sequence[str], *, verdicts_only: bool = False) -> tuple[str, ...]:
    """The columns of a table or CSV (or workbook) row, between ``line``, ``id`` and ``error``.

    CSV gives each answer three columns a spreadsheet can filter: the verdict, its status (``rule:status``) and
    what it turns on (``rule:why``: ``missing: birth_date``, ``unsettled: decree-10.end``, ``assumed: combat``).
    The table gives the verdict, marked with its status where that is weaker than confirmed, and one ``why``
    column. ``verdicts_only`` gives the verdicts alone.
    """
    return _header(fmt, frozenset(rules), verdicts_only)


@functools.cache
def _header(fmt: OutputFormat, rules: frozenset[str], verdicts_only: bool) -> tuple[str, ...]:
    verdicts = _columns(rules)
    if verdicts_only:
        inner = verdicts
    elif fmt == "table":
        inner = (*verdicts, WHY)
    else:
        inner = tuple(f"{name}{part}" for name in verdicts for part in ("", ":status", ":why"))
    return ("line", "id", *inner, "error")


def json_line(document: object) -> str:
    """A document as one line of JSON, whoever splits lines: every command's JSON output is written with it."""
    text = orjson.dumps(document).decode()
    # Rare in records, so looked for first: translating every line would cost more than writing it.
    return text.translate(_LINE_BREAKS) if _BREAK.search(text) else text


def error_document(line: int, error: InputError) -> dict[str, Any]:
    """A record that could not be answered: its line, its id when it has one, and each problem."""
    return {"line": line, "id": error.record_id, "errors": [problem.to_dict() for problem in error.problems]}


def render(
    fmt: OutputFormat,
    line: int,
    outcome: Report | InputError,
    rules: Sequence[str],
    *,
    with_input: bool = False,
    verdicts_only: bool = False,
) -> Rendered:
    """One record's output in a format: a JSON document, or the cells of a table or CSV row (see :func:`header`).

    ``with_input`` puts the record itself into a JSON document, so that the answer can be replayed later.
    """
    error = isinstance(outcome, InputError)
    if fmt in ("json", "jsonl"):
        if isinstance(outcome, InputError):
            return Rendered(json_line(error_document(line, outcome)), error)
        return Rendered(json_line({"line": line, **outcome.document(include_input=with_input)}), error)
    if isinstance(outcome, InputError):
        message = "; ".join(str(problem) for problem in outcome.problems)
        blank = ("",) * (len(header(fmt, rules, verdicts_only=verdicts_only)) - 3)
        return Rendered((str(line), outcome.record_id or "", *blank, message), error)
    if verdicts_only:
        return row(line, outcome.person, [(r.rule, r.subject, r.verdict) for r in outcome.results], rules)
    cells: dict[str, str] = {}
    offences: list[Result] = []
    for result in outcome.results:
        if result.subject == "person":
            cells[result.rule] = _cell(result) if fmt == "table" else _SHORT[result.verdict]
            cells[f"{result.rule}:status"] = result.status.value
            cells[f"{result.rule}:why"] = result.why
        else:
            offences.append(result)
    cells[OFFENCES] = "; ".join(f"{_offence(result)}={_SHORT[result.verdict]}" for result in offences)
    cells[f"{OFFENCES}:status"] = "; ".join(f"{_offence(result)}={result.status.value}" for result in offences)
    cells[f"{OFFENCES}:why"] = " | ".join(f"{_offence(result)}: {result.why}" for result in offences if result.why)
    if fmt == "table":
        cells[WHY] = " | ".join(_named_why(result) for result in outcome.results if result.why)
    names = header(fmt, rules)[2:-1]
    return Rendered((str(line), outcome.person or "", *(cells[name] for name in names), ""), False)


def _offence(result: Result) -> str:
    return result.subject.removeprefix("offence:")


def _cell(result: Result) -> str:
    """A table's answer: ``yes`` or ``no``, with its status where weaker than confirmed; ``?`` with why it is open."""
    if result.verdict is not Verdict.UNDETERMINED:
        status = result.status
        return result.verdict.value if status is Status.CONFIRMED else f"{result.verdict.value} ({status.value})"
    causes = [name for name, found in (("facts", result.missing), ("law", result.unsettled)) if found]
    return " ".join(("?", ", ".join(causes))) if causes else "?"


def _named_why(result: Result) -> str:
    who = "" if result.subject == "person" else f" {_offence(result)}"
    return f"{result.rule}{who}: {result.why}"


LEGEND: Final = (
    "yes, no: the answer, from confirmed sources unless its weakest is named: (plausible), (derived), (reported),"
    " or (assumed) for a fact you stated as an assumption.\n"
    '?: open: "? facts" until facts are known, "? law" on an unsettled point of law; the why column names'
    " each (missing: the facts that would decide it; unsettled: the legal points; assumed: the assumptions used)."
)
"""What the table's marks mean, printed under it."""
_BRIEF_LEGEND: Final = "yes, no: the answer; ?: open (without --verdicts-only, the table says why)."


def row(line: int, person: str | None, verdicts: Sequence[tuple[str, str, Verdict]], rules: Sequence[str]) -> Rendered:
    """A row of the verdicts alone (``--verdicts-only``): each (rule, subject, verdict), with no reasons built."""
    cells: dict[str, str] = {}
    offences: list[str] = []
    for rule, subject, verdict in verdicts:
        if subject == "person":
            cells[rule] = _SHORT[verdict]
        else:
            offences.append(f"{subject.removeprefix('offence:')}={_SHORT[verdict]}")
    cells[OFFENCES] = "; ".join(offences)
    return Rendered((str(line), person or "", *(cells[name] for name in columns(rules)), ""), False)


def inert(cell: str) -> str:
    """A CSV cell a spreadsheet will not run as a formula.

    Text that starts as a formula would (``=``, ``+``, ``-``, ``@``, a tab or a carriage return) gets a leading
    apostrophe, as OWASP advises.

    >>> inert("=HYPERLINK(1)"), inert("p-01")
    ("'=HYPERLINK(1)", 'p-01')
    """
    return f"'{cell}" if cell[:1] in _FORMULA else cell


_FORMULA: Final = frozenset("=+-@\t\r")


class Writer:
    """Writes rendered records to a text stream in one format, as they come; a workbook to ``workbook``, at the end.

    A table ends with the legend of its marks; a CSV cell that a spreadsheet would take for a formula is made
    inert (:func:`inert`).
    """

    def __init__(
        self,
        out: TextIO,
        fmt: OutputFormat,
        rules: Sequence[str],
        *,
        colour: bool = False,
        workbook: BinaryIO | None = None,
        verdicts_only: bool = False,
    ) -> None:
        self.out = out
        self.fmt = fmt
        self.rules = rules
        self.colour = colour and fmt == "table"
        self.count = 0
        self.workbook = workbook
        self.verdicts_only = verdicts_only
        self.csv: Any = csv.writer(out, lineterminator="\n") if fmt == "csv" else None
        if fmt == "xlsx":
            from fighterlaw._xlsx import Sheet  # noqa: PLC0415 - openpyxl is optional, and slow to import

            self.csv = Sheet("verdicts")  # the cells of the CSV format, row by row
        self.header = header(fmt, rules, verdicts_only=verdicts_only)
        answers = columns(rules)
        least = 3 if verdicts_only else len("yes (plausible)")
        self.widths = [6, 12, *(len(name) if name == OFFENCES else max(len(name), least) for name in answers)]

    def start(self) -> None:
        """Write what comes before the first record."""
        if self.csv is not None:
            self.csv.writerow(self.header)
        elif self.fmt == "table":
            self.out.write(self._row(list(self.header)) + "\n")
        elif self.fmt == "json":
            self.out.write("[")

    def write(self, rendered: Rendered) -> None:
        """Write one record."""
        payload = rendered.payload
        if self.fmt == "jsonl":
            self.out.write(f"{payload}\n")
        elif self.fmt == "json":
            self.out.write(f"{',' if self.count else ''}\n{payload}")
        elif self.fmt == "csv":
            self.csv.writerow([inert(cell) for cell in payload])
        elif self.csv is not None:
            self.csv.writerow(payload)
        else:
            self.out.write(self._row(list(payload), rendered.error) + "\n")
        self.count += 1

    def finish(self) -> None:
        """Write what comes after the last record."""
        if self.fmt == "json":
            self.out.write("\n]\n" if self.count else "]\n")
        if self.fmt == "table":
            self.out.write("\n" + self.legend() + "\n")
        if self.fmt == "xlsx" and self.workbook is not None:
            self.csv.save(self.workbook)
        self.out.flush()

    def legend(self) -> str:
        """What the table's columns ask and what its marks mean, printed under it."""
        asked = [f"{rule}: {QUESTIONS[rule].question}" for rule in columns(self.rules) if rule in QUESTIONS]
        asked.append("(D is the day asked about.)")
        marks = (_BRIEF_LEGEND if self.verdicts_only else LEGEND).split("\n")
        return "\n".join(textwrap.fill(part, 110, subsequent_indent="  ") for part in (*asked, *marks))

    def _row(self, cells: list[str], error: bool = False) -> str:
        parts: list[str] = []
        for index, shown in enumerate(cells):
            cell = shown if shown.isprintable() else "".join(c if c.isprintable() else "?" for c in shown)
            width = self.widths[index] if index < len(self.widths) else 0
            text = cell.ljust(width)
            mark = cell.partition(" ")[0]
            if self.colour and mark in _COLOUR and 1 < index < len(self.widths):
                text = f"{_COLOUR[mark]}{text}{_RESET}"
            parts.append(text)
        row = "  ".join(parts).rstrip()
        return f"\033[31m{row}{_RESET}" if self.colour and error else row
