"""Reading records from files and streams, one item per record, in order, whatever the bytes hold.

Four formats: JSON Lines (one record per line), JSON (an array of records, or one record), and a flat layout for
the common case, in CSV (comma, semicolon or tab separated) or in an Excel workbook (``.xlsx``, through the
optional openpyxl). Every record becomes exactly one :class:`Item`, carrying the line (or the sheet's row) it
starts on; a line that cannot be read (not UTF-8, not JSON, empty) becomes an item whose problems say why. An
input that cannot be read as records at all (a header that does not fit the layout) is one
:class:`UnreadableInput`, raised before any record. Nothing is read ahead more than it must be: memory stays flat
however long the input.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import difflib
import io
import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain
from typing import Any, BinaryIO, Final, Literal

from fighterlaw.engine import read_record
from fighterlaw.errors import InputError, Problem
from fighterlaw.facts import Person

__all__ = [
    "CSV_COLUMNS",
    "Format",
    "Item",
    "UnreadableInput",
    "check_header",
    "column_of",
    "detect_format",
    "person_of",
    "read_items",
    "row_item",
    "rows_to_items",
]

Format = Literal["json", "jsonl", "csv", "xlsx", "parquet"]

_BOM: Final = codecs.BOM_UTF8
_CHUNK: Final = 1 << 16
_PARQUET: Final = b"PAR1"  # the first bytes of every Parquet file
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
    r"""The format of an input, from its first bytes if they are a workbook's, else its extension, else its bytes.

    A workbook (a zip archive) is never read as text, whatever its name says.

    >>> detect_format("people.csv", b""), detect_format(None, b'\xef\xbb\xbf[{"citizenship": "foreign"}]')
    ('csv', 'json')
    >>> detect_format(None, b'{"citizenship": "foreign"}\n{"citizenship": "stateless"}\n')
    'jsonl'
    >>> detect_format("people.json", b"PK\x03\x04\x14\x00"), detect_format(None, b"id;citizenship\n")
    ('xlsx', 'csv')
    """
    if head.startswith((_ZIP, OLE)):
        return "xlsx"  # a workbook, or an older one that the workbook reader names
    if name is not None:
        lowered = name.lower()
        for suffix, found in _SUFFIXES:
            if lowered.endswith(suffix):
                return found
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
    first_line = text.split(b"\n", 1)[0]
    return "csv" if any(delimiter.encode() in first_line for delimiter in _DELIMITERS) else "jsonl"


_ZIP: Final = b"PK\x03\x04"
OLE: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""The first bytes of an older Office file, such as an Excel 97-2003 workbook (``.xls``)."""
_SUFFIXES: Final[tuple[tuple[str, Format], ...]] = (
    (".jsonl", "jsonl"),
    (".ndjson", "jsonl"),
    (".json", "json"),
    (".csv", "csv"),
    (".tsv", "csv"),
    (".xlsx", "xlsx"),
    (".xlsm", "xlsx"),
    (".xls", "xlsx"),
    (".parquet", "parquet"),
    (".pq", "parquet"),
)


def read_items(stream: BinaryIO, fmt: Format, *, notes: Callable[[str], None] | None = None) -> Iterator[Item]:
    """Every record of ``stream`` as an :class:`Item`, in order.

    ``notes`` is told what a person should know about how the input is read (a delimiter other than the comma,
    the sheet of a workbook). Raises :class:`UnreadableInput`, before any record, for a CSV header or a workbook
    that cannot be read as the flat layout.
    """
    if fmt == "jsonl":
        return _json_lines(stream)
    if fmt == "json":
        return _json_document(stream)
    said = notes or (lambda _: None)
    if fmt == "parquet":
        msg = "Parquet is a table, read by fighterlaw.tables.parquet_items"
        raise ValueError(msg)
    if fmt == "xlsx":
        from fighterlaw._xlsx import read_workbook  # noqa: PLC0415 - openpyxl is optional, and slow to import

        return read_workbook(stream, said)
    return _csv_rows(stream, said)


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


# --- the flat layout of CSV files and spreadsheets ---------------------------------------------------------------

_TEXT: Final = "text"
_BOOL: Final = "bool"
_TERM: Final = "term"
_DATE: Final = "date"

_OWN: Final[dict[str, tuple[str, str]]] = {
    "id": ("id", _TEXT),
    "citizenship": ("citizenship", _TEXT),
    "nationality": ("nationality", _TEXT),
    "naturalised": ("naturalised", _DATE),
    "birth_date": ("birth_date", _DATE),
    "sex": ("sex", _TEXT),
    "combat": ("combat", _BOOL),
    "asylum_in_russia": ("asylum_in_russia", _BOOL),
}
_CONTRACT: Final = {"signed": _DATE, "term_months": _TERM, "ended": _DATE, "formation": _TEXT}
_SERVICE_END: Final[dict[str, tuple[str, str]]] = {
    "discharge_date": ("discharge.date", _DATE),
    "discharge_grounds": ("discharge.grounds", _TEXT),
    "discharge_order_extract": ("discharge.order_extract", _BOOL),
    "unfitness_ruling_date": ("unfitness_ruling.date", _DATE),
}
_OFFENCE: Final = {
    "id": _TEXT,
    "description": _TEXT,
    "combat_related": _BOOL,
    "purpose": _TEXT,
    "requesting_state": _TEXT,
    "russian_judgment": _BOOL,
    "limitation_expired": _BOOL,
    "criminal_in_russia": _BOOL,
}
CONTRACTS: Final = 2
"""How many contracts a row of the flat layout can hold: ``contract_*``, then ``contract2_*``."""
OFFENCES: Final = 3
"""How many offences a row can hold: ``offence_*``, then ``offence2_*`` and ``offence3_*``."""
MEMBER: Final = "member_"
"""The prefix of the columns of the one family member a row can hold, beside ``family_relation``."""


def _numbered(group: str, index: int) -> str:
    """The prefix of a group's columns: ``contract_`` for the first contract, ``contract2_`` for the second."""
    return f"{group}_" if index == 0 else f"{group}{index + 1}_"


def _facts(contracts: int) -> dict[str, tuple[str, str]]:
    """The columns of a person's own facts, with ``contracts`` contracts."""
    columns = dict(_OWN)
    for index in range(contracts):
        prefix = _numbered("contract", index)
        columns.update({f"{prefix}{name}": (f"contracts[{index}].{name}", kind) for name, kind in _CONTRACT.items()})
    columns.update(_SERVICE_END)
    return columns


def _layout() -> dict[str, tuple[str, str]]:
    columns = _facts(CONTRACTS)
    for index in range(OFFENCES):
        prefix = _numbered("offence", index)
        columns.update({f"{prefix}{name}": (f"offences[{index}].{name}", kind) for name, kind in _OFFENCE.items()})
    columns["family_relation"] = ("family[0].relation", _TEXT)
    columns.update({f"{MEMBER}{name}": (f"family[0].member.{path}", kind) for name, (path, kind) in _facts(1).items()})
    return columns


# column -> (the record's field path, the kind of cell); a group is present if any of its cells is filled.
CSV_COLUMNS: Final[dict[str, tuple[str, str]]] = _layout()
"""The flat layout of CSV files and spreadsheets: each column, the record's field it fills, and how its cell is read.

A person's own facts with two contracts, a discharge and an unfitness ruling; up to three offences; and one family
link, whose member's facts take the columns of a person's own with ``member_`` before them (one contract).
"""

_COLUMN_OF: Final = {path: name for name, (path, _) in CSV_COLUMNS.items()}


def column_of(path: str) -> str:
    """The column a problem's field path comes from (``contracts[0].signed.from`` is ``contract_signed``).

    A path no column fills (a contract as a whole, say) is kept as it is.

    >>> column_of("contracts[0].signed.from"), column_of("discharge.grounds"), column_of("contracts[0]")
    ('contract_signed', 'discharge_grounds', 'contracts[0]')
    >>> column_of("family[0].member.contracts[0].ended"), column_of("offences[2].id")
    ('member_contract_ended', 'offence3_id')
    """
    field = path
    while field:
        if field in _COLUMN_OF:
            return _COLUMN_OF[field]
        field = field.rpartition(".")[0]
    return path


class UnreadableInput(ValueError):  # noqa: N818 - it is an input that cannot be read, not a failure of the reader
    """An input that cannot be read as records at all, said once before any record: a usage error, not a record's.

    A header that does not fit the layout, say, or a workbook without the library that reads it.
    """


_DELIMITERS: Final = {",": "commas", ";": "semicolons", "\t": "tabs"}


def _delimiter(line: str) -> str:
    r"""The delimiter of a CSV header line: the one that splits it into the most columns of the layout.

    >>> _delimiter("id;citizenship;birth_date"), _delimiter("id\tsex"), _delimiter("id,citizenship"), _delimiter("x")
    (';', '\t', ',', ',')
    """

    def score(delimiter: str) -> tuple[int, int]:
        try:
            names = next(csv.reader([line], delimiter=delimiter), [])
        except csv.Error:  # a cell too long to be a column's name: the header's own error says so
            return 0, 0
        return sum(name.strip() in CSV_COLUMNS for name in names), len(names)

    return max(_DELIMITERS, key=score)  # max keeps the first of equals: the comma


def _csv_rows(stream: BinaryIO, notes: Callable[[str], None]) -> Iterator[Item]:
    """The rows after the header, whose delimiter and columns are found and checked at once, before any row."""
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="surrogateescape", newline="")
    try:
        first = text.readline()
        delimiter = _delimiter(first)
        if delimiter != ",":
            notes(f"the columns are separated by {_DELIMITERS[delimiter]} ({delimiter!r}), as the header line shows")
        reader = csv.reader(chain([first], text) if first else text, delimiter=delimiter)
        try:
            header = next(reader, None)
        except csv.Error as error:
            msg = f"the header (line 1) cannot be read as CSV: {error}"
            raise UnreadableInput(msg) from None
        names = None if header is None else check_header(header, line=1)
    except BaseException:
        text.detach()  # the caller owns the stream
        raise
    if names is None:  # an empty input: no records
        text.detach()
        return iter(())
    return _csv_body(text, reader, names)


def _csv_body(text: io.TextIOWrapper, reader: Any, names: list[str]) -> Iterator[Item]:
    try:
        yield from rows_to_items(names, _csv_lines(reader))
    finally:
        with contextlib.suppress(ValueError):  # the caller owns the stream, and may have closed it already
            text.detach()


def _csv_lines(reader: Any) -> Iterator[tuple[int, list[str]] | Item]:
    """Each row with the line it starts on; a row the csv module cannot read is an item of its own."""
    start = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:  # a cell past the csv module's size limit, say: this row's error, not the run's
            line, start = start, reader.line_num + 1
            yield Item(line, problems=(Problem("", f"expected a CSV row; it cannot be read: {error}", "csv_row"),))
            continue
        line, start = start, reader.line_num + 1
        yield line, row


def check_header(header: Sequence[str], *, line: int) -> list[str]:
    """The column names of a header, or :class:`UnreadableInput` saying each column that does not fit the layout.

    >>> check_header(["id", "citizenship", "birthdate"], line=1)
    Traceback (most recent call last):
    ...
    fighterlaw._input.UnreadableInput: the header (line 1) does not fit the flat layout, so no row was read:
      column 3, 'birthdate', is not a column of the layout; did you mean 'birth_date'?
    """
    names = [name.strip() for name in header]
    problems: list[str] = []
    guessed = True
    for index, name in enumerate(names, 1):
        if name and name not in CSV_COLUMNS:
            close = difflib.get_close_matches(name.lower().replace(" ", "_"), CSV_COLUMNS, n=1, cutoff=0.6)
            guessed = guessed and bool(close)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            problems.append(f"column {index}, {name!r}, is not a column of the layout{hint}")
    for name in dict.fromkeys(name for name in names if name and names.count(name) > 1):
        where = [str(index) for index, other in enumerate(names, 1) if other == name]
        problems.append(f"the column {name!r} appears more than once (columns {', '.join(where[:-1])} and {where[-1]})")
    if not problems and "citizenship" not in names:
        problems.append("there is no column 'citizenship', which every record needs")
    if problems:
        said = "\n".join(f"  {problem}" for problem in problems)
        msg = f"the header (line {line}) does not fit the flat layout, so no row was read:\n{said}"
        if not guessed:
            msg += f"\nThe layout's columns (any of them, in any order): {', '.join(CSV_COLUMNS)}"
        raise UnreadableInput(msg)
    return names


def rows_to_items(names: list[str], rows: Iterable[tuple[int, list[str]] | Item]) -> Iterator[Item]:
    """Each row of the flat layout as an item; blank rows are reported if a record follows them."""
    blank: list[int] = []
    for row in rows:
        if isinstance(row, Item):
            yield from _blanks(blank)
            yield row
            continue
        line, cells = row
        if not any(cell.strip() for cell in cells):
            blank.append(line)  # rows that only end the file are not records
            continue
        yield from _blanks(blank)
        yield row_item(line, names, cells)


def row_item(line: int, names: list[str], cells: list[str]) -> Item:
    """One row of the flat layout as an item, its header already checked: its record and unreadable cells."""
    problems: list[Problem] = []
    if len(cells) != len(names):
        message = f"expected {len(names)} cells, as in the header; found {len(cells)}"
        problems.append(Problem("", message, "csv_row"))
    record: dict[str, Any] = {}
    # Most cells of a wide layout are empty: only the filled ones are looked at.
    for index, cell in [(index, cell) for index, cell in enumerate(cells[: len(names)]) if cell]:
        value = cell.strip()
        if not value:
            continue
        name = names[index]
        if not name:
            message = f"expected an empty cell: column {index + 1} has no name in the header; found {value!r}"
            problems.append(Problem("", message, "csv_row"))
            continue
        kind = CSV_COLUMNS[name][1]
        if _ESCAPED.search(value) is not None:
            problems.append(Problem(name, "expected UTF-8 text; the cell holds bytes that are not", "not_utf8"))
            continue
        parsed = _cell(value, kind)
        if isinstance(parsed, Problem):
            problems.append(Problem(name, parsed.message, parsed.code))
            continue
        _place(record, _STEPS[name], parsed)
    problems.extend(_gaps(record))
    family = record.get("family")
    if family is not None:
        family[0].setdefault("member", {})  # a relation with no member's cells: the member's citizenship is missing
    return Item(line, record, tuple(problems), csv=True)


def _gaps(record: dict[str, Any]) -> Iterator[Problem]:
    """A numbered group filled while one before it is empty: refused, as the numbering would shift."""
    for field in ("contracts", "offences"):
        group: list[Any] | None = record.get(field)
        if group is None:
            continue
        for index, entry in enumerate(group):
            if entry is None:
                later = next(number for number, filled in enumerate(group) if filled is not None and number > index)
                first, then = _numbered(field[:-1], index), _numbered(field[:-1], later)
                message = f"expected the {first}* cells filled before the {then}* cells; they are empty"
                yield Problem(f"{first}*", message, "csv_group_order")
        record[field] = [entry for entry in group if entry is not None]


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


_Steps = tuple[tuple[str, int | None], ...]


def _steps(path: str) -> _Steps:
    """A field path as its steps, each a name and the index into it, if any.

    >>> _steps("family[0].member.contracts[0].signed")
    (('family', 0), ('member', None), ('contracts', 0), ('signed', None))
    """
    return tuple((name, int(index) if index else None) for name, index in re.findall(r"([a-z_]+)(?:\[(\d+)\])?", path))


_STEPS: Final = {column: _steps(path) for column, (path, _) in CSV_COLUMNS.items()}  # parsed once, used per cell


def _place(record: dict[str, Any], steps: _Steps, value: object) -> None:
    """Put a value at a path's steps (``family[0].member.contracts[0].signed``), creating the groups on the way.

    A list is padded with ``None`` up to the index: a gap that :func:`_gaps` reports.
    """
    here: dict[str, Any] = record
    *groups, (field, _) = steps
    for name, index in groups:
        if index is None:
            here = here.setdefault(name, {})
            continue
        group: list[Any] = here.setdefault(name, [])
        if len(group) <= index:
            group.extend([None] * (index + 1 - len(group)))
        if group[index] is None:
            group[index] = {}
        here = group[index]
    here[field] = value


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
