"""Excel workbooks (``.xlsx``) in the flat layout, read and written through openpyxl, an optional extra.

Reading takes the first sheet: its first row is the header, each later row a record, numbered as the sheet numbers
its rows. A cell is read as the CSV cell it would be saved as: ``TRUE`` is ``true``, ``12`` is ``12``, and a date
cell is a day, a month or a year as its number format shows it (a cell formatted ``mmm yyyy`` holds a month, never
its first day). Without openpyxl, reading or writing a workbook is a usage error that says how to install it.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator, Sequence
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any, BinaryIO, Final

from fighterlaw._input import OLE, Item, UnreadableInput, check_header, rows_to_items

if TYPE_CHECKING:
    from openpyxl.cell.read_only import EmptyCell, ReadOnlyCell

__all__ = ["INSTALL", "Records", "Sheet", "read_workbook", "writable"]

INSTALL: Final = "pip install 'fighterlaw[xlsx]'"
"""How to install what workbooks need."""
_QUOTED: Final = re.compile(r'"[^"]*"|\\.|\[[^]]*\]')  # literal text, escapes and colours in a number format


def _openpyxl(doing: str, instead: str) -> Any:
    try:
        import openpyxl  # noqa: PLC0415 - an optional extra, imported only when a workbook is read or written
    except ImportError:
        msg = f"{doing} an Excel workbook needs openpyxl: install it with {INSTALL}, or {instead}"
        raise UnreadableInput(msg) from None
    return openpyxl


def writable() -> None:
    """Nothing, when workbooks can be written; else the usage error that says how to make them so."""
    _openpyxl("writing", _WRITE_INSTEAD)


_WRITE_INSTEAD: Final = "write CSV (--format csv), which Excel opens too"


def read_workbook(stream: BinaryIO, notes: Callable[[str], None]) -> Iterator[Item]:
    """Every row of the workbook's first sheet after its header, as an item; the header is checked at once."""
    source: BinaryIO = stream if stream.seekable() else io.BytesIO(stream.read())
    start = source.tell()
    older = source.read(len(OLE)) == OLE
    source.seek(start)
    if older:
        msg = "this is an older Office file, such as an Excel 97-2003 workbook (.xls); save it as .xlsx, or as CSV"
        raise UnreadableInput(msg)
    openpyxl = _openpyxl("reading", "save the sheet as CSV (comma, semicolon or tab separated) and read that")
    try:
        book = openpyxl.load_workbook(source, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a broken file: each is one message here
        found = str(error) or type(error).__name__
        msg = f"cannot read the workbook (an Excel .xlsx file): {found}; save it again as .xlsx, or as CSV"
        raise UnreadableInput(msg) from None
    sheets = book.worksheets
    if not sheets:
        book.close()
        return iter(())
    sheet = sheets[0]
    if len(sheets) > 1:
        notes(f"reading the first of the workbook's {len(sheets)} sheets, {sheet.title!r}")
    rows = sheet.iter_rows()
    header = next(rows, None)
    if header is None:
        book.close()
        return iter(())
    try:
        names = check_header([_text(cell) for cell in header], line=_row_number(header, 1))
    except UnreadableInput:
        book.close()
        raise
    last = sheet.max_row if isinstance(sheet.max_row, int) else None
    return Records(_records(book, names, rows, first=_row_number(header, 1) + 1), last)


class Records(Iterator[Item]):
    """The items of a sheet's rows, and how far through the sheet they are, when its last row is known."""

    def __init__(self, items: Iterator[Item], last: int | None) -> None:
        self.items = items
        self.last = last
        self.line = 1

    def __next__(self) -> Item:
        item = next(self.items)
        self.line = item.line
        return item

    def fraction(self) -> float | None:
        """The share of the sheet's rows read so far, or ``None`` when the sheet does not say how many it has."""
        return min(self.line / self.last, 1.0) if self.last else None


def _records(book: Any, names: list[str], rows: Iterator[Sequence[Any]], first: int) -> Iterator[Item]:
    try:
        yield from rows_to_items(names, _numbered(names, rows, first))
    finally:
        book.close()


def _numbered(names: list[str], rows: Iterator[Sequence[Any]], first: int) -> Iterator[tuple[int, list[str]]]:
    """Each row with its number in the sheet, as text cells as wide as the header (a sheet leaves out empty ends)."""
    expected = first
    for row in rows:
        number = _row_number(row, expected)
        cells = [_text(cell) for cell in row]
        while cells and len(cells) > len(names) and not cells[-1].strip():
            cells.pop()
        yield number, cells + [""] * (len(names) - len(cells))
        expected = number + 1


def _row_number(row: Sequence[Any], otherwise: int) -> int:
    for cell in row:
        found = getattr(cell, "row", None)
        if isinstance(found, int):
            return found
    return otherwise


def _text(cell: ReadOnlyCell | EmptyCell) -> str:
    """A cell as the text a CSV file would hold: the flat layout reads both alike."""
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        if value.time() != time():
            return value.isoformat(sep=" ")
        return _as_shown(value.date(), str(getattr(cell, "number_format", "") or ""))
    if isinstance(value, date):
        return _as_shown(value, str(getattr(cell, "number_format", "") or ""))
    return str(value)


def _as_shown(day: date, number_format: str) -> str:
    """A date cell at the precision its number format shows: a day, a month or a year.

    >>> _as_shown(date(1994, 3, 1), "mmm yyyy"), _as_shown(date(1994, 1, 1), "yyyy"), _as_shown(date(1994, 3, 1), "")
    ('1994-03', '1994', '1994-03-01')
    """
    shown = _QUOTED.sub("", number_format.lower())
    if not shown or shown == "general" or "d" in shown:
        return day.isoformat()
    if "m" in shown:
        return day.isoformat()[:7]
    return day.isoformat()[:4]


class Sheet:
    """Rows written to a one-sheet workbook as they come, saved by :meth:`save`; the interface of a CSV writer."""

    def __init__(self, title: str) -> None:
        openpyxl = _openpyxl("writing", _WRITE_INSTEAD)
        self.book = openpyxl.Workbook(write_only=True)
        self.sheet = self.book.create_sheet(title)
        self.sheet.freeze_panes = "A2"
        self.cell = openpyxl.cell.WriteOnlyCell

    def writerow(self, row: Sequence[str]) -> None:
        """Append a row: the first cell, a record's line, as a number; the others as text, never as a formula."""
        cells: list[object] = []
        for index, text in enumerate(row):
            if index == 0 and text.isdecimal():
                cells.append(int(text))
                continue
            cell = self.cell(self.sheet, value=text)
            cell.data_type = "s"  # a text that starts with '=' stays text: input never becomes a formula
            cells.append(cell)
        self.sheet.append(cells)

    def save(self, target: BinaryIO) -> None:
        """Write the workbook to ``target``."""
        self.book.save(target)
