"""Reading records from files and streams, one item per record, in order, whatever the bytes hold.

Three formats: JSON Lines (one record per line), JSON (an array of records, or one record), and a flat CSV
layout for the common case (one contract, one discharge, one offence per row). Every record becomes exactly one
:class:`Item`, carrying the line it starts on; a line that cannot be read (not UTF-8, not JSON, empty) becomes an
item whose problems say why. Nothing is read ahead more than it must be: memory stays flat however long the input.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO, Final, Literal

from fighterlaw.engine import read_record
from fighterlaw.errors import InputError, Problem
from fighterlaw.facts import Person

__all__ = ["CSV_COLUMNS", "Format", "Item", "column_of", "csv_item", "detect_format", "person_of", "read_items"]

Format = Literal["json", "jsonl", "csv", "parquet"]

_BOM: Final = codecs.BOM_UTF8
_CHUNK: Final = 1 << 16
_PARQUET: Final = b"PAR1"  # the first bytes of every Parquet file
_SUFFIXES: Final = (
    (".jsonl", "jsonl"),
    (".ndjson", "jsonl"),
    (".json", "json"),
    (".csv", "csv"),
    (".parquet", "parquet"),
    (".pq", "parquet"),
)
_MAX_RECORD: Final = 1 << 24  # no record is this long: past it, a JSON error is an error, not a short read


@dataclass(frozen=True, slots=True)
class Item:
    """One record of the input: where it starts, and what it holds (or why it could not be read)."""

    line: int
    """The 1-based line on which the record starts."""
    record: object = None
    """JSON text, or a dict (a JSON value or a CSV row mapped onto the record), ready for validation."""
    problems: tuple[Problem, ...] = ()
    """Problems found while reading: why there is no record, or (for a CSV row) the cells that could not be read,
    left out of ``record`` so that validation can still report the rest."""
    csv: bool = False
    """Whether the record is a row of the flat CSV layout, whose problems are named by column (:func:`column_of`)."""


def detect_format(name: str | None, head: bytes) -> Format:
    r"""The format of an input, from its file name's extension or else from its first bytes.

    >>> detect_format("people.csv", b""), detect_format(None, b'\xef\xbb\xbf[{"citizenship": "foreign"}]')
    ('csv', 'json')
    >>> detect_format(None, b'{"citizenship": "foreign"}\n{"citizenship": "stateless"}\n')
    'jsonl'
    """
    if name is not None:
        lowered = name.lower()
        for suffix, found in _SUFFIXES:
            if lowered.endswith(suffix):
                return found  # type: ignore[return-value]
    if head.startswith(_PARQUET):
        return "parquet"
    text = head.removeprefix(_BOM).lstrip()
    if text.startswith(b"["):
        return "json"
    if text.startswith(b"{"):
        first = text.split(b"\n", 1)[0]
        try:
            json.loads(first)
        except (ValueError, RecursionError):
            # One record spread over lines, or a first line longer than the bytes seen: the JSON reader takes
            # records one after another, so it reads JSON Lines as well.
            return "json"
        return "jsonl"
    return "csv" if b"," in text.split(b"\n", 1)[0] else "jsonl"


def read_items(stream: BinaryIO, fmt: Format) -> Iterator[Item]:
    """Every record of ``stream`` as an :class:`Item`, in order (Parquet: :func:`fighterlaw.tables.parquet_items`)."""
    if fmt == "jsonl":
        return _json_lines(stream)
    if fmt == "json":
        return _json_document(stream)
    if fmt == "parquet":
        msg = "Parquet is a table, read by fighterlaw.tables.parquet_items"
        raise ValueError(msg)
    return _csv_rows(stream)


# --- JSON Lines ---------------------------------------------------------------------------------------------------


def _json_lines(stream: BinaryIO) -> Iterator[Item]:
    """One item per line. Empty lines are reported, except those that only end the file."""
    blank: list[int] = []
    for number, raw in enumerate(stream, 1):
        data = raw.removeprefix(_BOM) if number == 1 else raw
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            yield from _blanks(blank)
            yield Item(number, problems=(_not_utf8(error),))
            continue
        if not text.strip():
            blank.append(number)
            continue
        yield from _blanks(blank)
        yield Item(number, text.rstrip("\r\n"))


def _blanks(blank: list[int]) -> Iterator[Item]:
    for number in blank:
        yield Item(number, problems=(Problem("", "expected a record; the line is empty", "empty_line"),))
    blank.clear()


def _not_utf8(error: UnicodeDecodeError) -> Problem:
    byte = error.object[error.start : error.start + 1].hex()
    return Problem("", f"expected UTF-8 text; byte 0x{byte} at column {error.start + 1} is not", "not_utf8")


# --- a JSON document: an array of records, or records one after another ------------------------------------------


def _json_document(stream: BinaryIO) -> Iterator[Item]:
    """The elements of a top-level array, or each top-level value in turn, decoded as they arrive."""
    reader = _Text(stream)
    decoder = json.JSONDecoder()
    reader.skip_space()
    if reader.peek() == "[":
        yield from _array(reader, decoder)
    else:
        yield from _sequence(reader, decoder)


def _array(reader: _Text, decoder: json.JSONDecoder) -> Iterator[Item]:
    """The elements of the array. A broken array has no record boundaries left to find: reading stops there."""
    reader.advance(1)
    first = True
    while True:
        reader.skip_space()
        char = reader.peek()
        if char == "]":
            return
        if not first:
            if char != ",":
                yield reader.failure("expected ',' or ']' between the records of the array")
                return
            reader.advance(1)
            reader.skip_space()
        first = False
        item, whole = reader.record(decoder)
        yield item
        if not whole:
            return


def _sequence(reader: _Text, decoder: json.JSONDecoder) -> Iterator[Item]:
    """Each top-level value in turn: one object, objects one per line, or pretty-printed one after another.

    A value that cannot be read is one error, from its first line up to the next line that opens an object
    (``{`` in the first column), where reading resumes.
    """
    while reader.peek() != "":
        item, whole = reader.record(decoder)
        yield item
        if not whole:
            reader.skip_to_next_object()
        reader.skip_space()


def _value_item(line: int, value: Any) -> Item:
    if isinstance(value, dict):
        return Item(line, value)
    found = type(value).__name__ if value is not None else "null"
    return Item(line, problems=(Problem("", f"expected a JSON object; found {found}", "record_type"),))


_ESCAPED: Final = re.compile("[\udc80-\udcff]")  # bytes that were not UTF-8, kept by ``surrogateescape``


class _Text:
    """Text decoded from a byte stream a chunk at a time, with the line number of the current position.

    Bytes that are not UTF-8 are kept as escapes, so that the records around them can still be read.
    """

    def __init__(self, stream: BinaryIO) -> None:
        self.decoder = codecs.getincrementaldecoder("utf-8-sig")(errors="surrogateescape")
        self.stream = stream
        self.buffer = ""
        self.position = 0
        self.line = 1
        self.done = False

    def fill(self) -> bool:
        """Read one more chunk; ``False`` at the end of the stream."""
        if self.done:
            return False
        chunk = self.stream.read(_CHUNK)
        text = self.decoder.decode(chunk, final=not chunk)
        if not chunk:
            self.done = True
        self.buffer = self.buffer[self.position :] + text
        self.position = 0
        return bool(text) or not self.done

    def peek(self) -> str:
        while self.position >= len(self.buffer):
            if not self.fill():
                return ""
        return self.buffer[self.position]

    def advance(self, count: int) -> None:
        self.line += self.buffer.count("\n", self.position, self.position + count)
        self.position += count

    def skip_space(self) -> None:
        while self.peek() in (" ", "\t", "\r", "\n"):
            self.advance(1)

    def skip_to_next_object(self) -> None:
        """Move to the next line that opens an object in its first column, or to the end."""
        while True:
            found = self.buffer.find("\n{", self.position)
            if found >= 0:
                self.advance(found + 1 - self.position)
                return
            self.advance(max(len(self.buffer) - self.position - 1, 0))
            if not self.fill():
                self.advance(len(self.buffer) - self.position)
                return

    def record(self, decoder: json.JSONDecoder) -> tuple[Item, bool]:
        """The next JSON value as a record (or why it is not one), and whether the value was read to its end.

        While a decoding error lies on the last line read, the value may only be cut off by the end of the buffer
        (an unterminated string is reported where it starts, on that line): more text is read, and it is tried
        again. Reading more moves the buffer, so positions are taken only once the value is whole.
        """
        line = self.line
        while True:
            try:
                value, end = decoder.raw_decode(self.buffer, self.position)
            except json.JSONDecodeError as error:
                cut = self.buffer.find("\n", error.pos) < 0
                if cut and len(self.buffer) - self.position < _MAX_RECORD and self.fill():
                    continue
                at = line + self.buffer.count("\n", self.position, error.pos)
                found = self.buffer[error.pos : error.pos + 1]
                if _ESCAPED.fullmatch(found):
                    return Item(at, problems=(_escaped_byte(found),)), False
                return Item(at, problems=(Problem("", f"expected a JSON value: {error.msg}", "json_invalid"),)), False
            except RecursionError:
                message = "expected a JSON value; the text is nested too deeply to read"
                return Item(line, problems=(Problem("", message, "json_invalid"),)), False
            if end >= len(self.buffer) and not self.done and self.fill():
                continue  # a number or literal may go on in the next chunk
            escaped = _ESCAPED.search(self.buffer, self.position, end)
            self.advance(end - self.position)
            if escaped is not None:
                return Item(line, problems=(_escaped_byte(escaped.group()),)), True
            return _value_item(line, value), True

    def failure(self, message: str) -> Item:
        return Item(self.line, problems=(Problem("", message, "json_invalid"),))


def _escaped_byte(char: str) -> Problem:
    byte = ord(char) - 0xDC00
    return Problem("", f"expected UTF-8 text; the record holds byte 0x{byte:02x}, which is not", "not_utf8")


# --- the flat CSV layout -----------------------------------------------------------------------------------------

_TEXT: Final = "text"
_BOOL: Final = "bool"
_TERM: Final = "term"
_DATE: Final = "date"

# column -> (the record's field path, the kind of cell); a group is present if any of its cells is filled.
CSV_COLUMNS: Final[dict[str, tuple[str, str]]] = {
    "id": ("id", _TEXT),
    "citizenship": ("citizenship", _TEXT),
    "nationality": ("nationality", _TEXT),
    "naturalised": ("naturalised", _DATE),
    "birth_date": ("birth_date", _DATE),
    "sex": ("sex", _TEXT),
    "combat": ("combat", _BOOL),
    "asylum_in_russia": ("asylum_in_russia", _BOOL),
    "contract_signed": ("contracts[0].signed", _DATE),
    "contract_term_months": ("contracts[0].term_months", _TERM),
    "contract_ended": ("contracts[0].ended", _DATE),
    "contract_formation": ("contracts[0].formation", _TEXT),
    "discharge_date": ("discharge.date", _DATE),
    "discharge_grounds": ("discharge.grounds", _TEXT),
    "discharge_order_extract": ("discharge.order_extract", _BOOL),
    "unfitness_ruling_date": ("unfitness_ruling.date", _DATE),
    "offence_id": ("offences[0].id", _TEXT),
    "offence_description": ("offences[0].description", _TEXT),
    "offence_combat_related": ("offences[0].combat_related", _BOOL),
    "offence_purpose": ("offences[0].purpose", _TEXT),
    "offence_requesting_state": ("offences[0].requesting_state", _TEXT),
    "offence_russian_judgment": ("offences[0].russian_judgment", _BOOL),
    "offence_limitation_expired": ("offences[0].limitation_expired", _BOOL),
    "offence_criminal_in_russia": ("offences[0].criminal_in_russia", _BOOL),
}
"""The CSV layout: each column, the record's field it fills, and how its cell is read."""

_COLUMN_OF: Final = {path: name for name, (path, _) in CSV_COLUMNS.items()}


def column_of(path: str) -> str:
    """The CSV column a problem's field path comes from (``contracts[0].signed.from`` is ``contract_signed``).

    A path no column fills (a contract as a whole, say) is kept as it is.

    >>> column_of("contracts[0].signed.from"), column_of("discharge.grounds"), column_of("contracts[0]")
    ('contract_signed', 'discharge_grounds', 'contracts[0]')
    """
    field = path
    while field:
        if field in _COLUMN_OF:
            return _COLUMN_OF[field]
        field = field.rpartition(".")[0]
    return path


def _csv_rows(stream: BinaryIO) -> Iterator[Item]:
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="surrogateescape", newline="")
    try:
        yield from _csv_records(csv.reader(text))
    finally:
        with contextlib.suppress(ValueError):  # the caller owns the stream, and may have closed it already
            text.detach()


def _csv_records(reader: Any) -> Iterator[Item]:
    try:
        header = next(reader)
    except StopIteration:
        return
    header = [name.strip() for name in header]
    unknown = [name for name in header if name not in CSV_COLUMNS]
    duplicated = sorted({name for name in header if header.count(name) > 1})
    start = reader.line_num + 1
    blank: list[int] = []
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:  # a cell past the csv module's size limit, say: this row's error, not the run's
            line, start = start, reader.line_num + 1
            yield from _blanks(blank)
            yield Item(line, problems=(Problem("", f"expected a CSV row; it cannot be read: {error}", "csv_row"),))
            continue
        line, start = start, reader.line_num + 1
        if not any(cell.strip() for cell in row):
            blank.append(line)  # reported if a record follows; rows that only end the file are not records
            continue
        yield from _blanks(blank)
        yield csv_item(line, header, row, unknown, duplicated)


def csv_item(line: int, header: list[str], row: list[str], unknown: list[str], duplicated: list[str]) -> Item:
    """One row of the flat layout as an item: the record its cells make, and the cells that could not be read."""
    problems: list[Problem] = []
    if unknown:
        known = ", ".join(CSV_COLUMNS)
        message = f"unknown column(s) {', '.join(map(repr, unknown))}; the CSV layout has: {known}"
        problems.append(Problem("", message, "csv_column"))
    if duplicated:
        problems.append(Problem("", f"column(s) {', '.join(duplicated)} appear more than once", "csv_column"))
    if len(row) != len(header):
        message = f"expected {len(header)} cells, as in the header; found {len(row)}"
        problems.append(Problem("", message, "csv_row"))
    record: dict[str, Any] = {}
    for name, cell in zip(header, row, strict=False):
        if name not in CSV_COLUMNS or name in duplicated:
            continue
        path, kind = CSV_COLUMNS[name]
        value = cell.strip()
        if not value:
            continue
        if any("\udc80" <= char <= "\udcff" for char in value):
            problems.append(Problem(name, "expected UTF-8 text; the cell holds bytes that are not", "not_utf8"))
            continue
        parsed = _cell(value, kind)
        if isinstance(parsed, Problem):
            problems.append(Problem(name, parsed.message, parsed.code))
            continue
        _place(record, path, parsed)
    return Item(line, record, tuple(problems), csv=True)


def _cell(value: str, kind: str) -> object:
    """A cell's value as the JSON record would hold it."""
    if kind == _BOOL:
        if value.lower() in ("true", "false"):
            return value.lower() == "true"
        return Problem("", f"expected true or false; found {value!r}", "bool_type")
    if kind == _TERM:
        if value.isdecimal():
            return int(value)
        return value  # "open", or a mistake the record's own validation names
    if kind == _DATE and ".." in value:
        start, _, end = value.partition("..")
        return {"from": start.strip(), "to": end.strip()}
    return value


def _place(record: dict[str, Any], path: str, value: object) -> None:
    """Put a value at a path such as ``contracts[0].signed``, creating the group it belongs to."""
    head, _, field = path.partition(".")
    if not field:
        record[head] = value
    elif head.endswith("[0]"):
        group = record.setdefault(head.removesuffix("[0]"), [{}])
        group[0][field] = value
    else:
        record.setdefault(head, {})[field] = value


def person_of(item: Item) -> Person | InputError:
    """The item's person, or the error that says why there is none (a CSV row's problems named by column)."""
    person = None if item.record is None else read_record(item.record)
    if isinstance(person, Person) and not item.problems:
        return person
    problems = [*item.problems, *(person.problems if isinstance(person, InputError) else ())]
    record_id = person.record_id if isinstance(person, InputError) else None
    if item.csv:
        problems = [Problem(column_of(problem.path), problem.message, problem.code) for problem in problems]
    return InputError(problems, record_id=record_id or _id_of(item))


def _id_of(item: Item) -> str | None:
    record = item.record
    if isinstance(record, dict):
        found = record.get("id")
        return found if isinstance(found, str) else None
    return None
