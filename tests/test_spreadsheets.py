"""Spreadsheets in and out: the flat layout as CSV (comma, semicolon, tab) and as an Excel workbook.

A header that does not fit the layout is one usage error before any row; every row is one record, named by its
line; the template holds the same people as the JSON Lines examples.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import fighterlaw as fl
from fighterlaw._input import CSV_COLUMNS, detect_format, read_items
from fighterlaw.cli import _Input, _person, main
from fighterlaw.strategies import persons

EXAMPLES = Path(__file__).parent.parent / "examples"
TEMPLATE = EXAMPLES / "people.csv"
AS_OF = ["--as-of", "2026-06-01"]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def documents(capsys: pytest.CaptureFixture[str], path: Path, *args: str) -> list[dict[str, Any]]:
    _, out, _ = run(capsys, "check", str(path), *AS_OF, "--format", "jsonl", "--quiet", *args)
    return [json.loads(line) for line in out.splitlines()]


def persons_of(path: Path, fmt: str) -> list[fl.Person | fl.InputError]:
    with path.open("rb") as stream:
        return [_person(item) for item in read_items(stream, fmt)]  # type: ignore[arg-type]


def jsonl_persons() -> list[fl.Person]:
    lines = (EXAMPLES / "people.jsonl").read_text(encoding="utf-8").splitlines()
    return [fl.Person.model_validate_json(line) for line in lines]


# --- the template ---------------------------------------------------------------------------------------------


def test_the_csv_template_holds_the_same_people_as_the_json_lines_examples():
    """examples/people.csv and examples/people.jsonl are the same sixteen records, in the same order."""
    assert persons_of(TEMPLATE, "csv") == jsonl_persons()


def test_the_csv_template_gives_the_same_verdicts_as_the_json_lines_examples(capsys):
    """The same answers, record for record; only the lines differ, as the CSV has a header."""
    from_csv = documents(capsys, TEMPLATE)
    from_jsonl = documents(capsys, EXAMPLES / "people.jsonl")
    assert [document["line"] for document in from_csv] == list(range(2, 18))
    for one, other in zip(from_csv, from_jsonl, strict=True):
        assert {**one, "line": 0} == {**other, "line": 0}


def test_the_template_s_header_is_the_whole_layout():
    """The template starts from every column of the layout, in the documented order."""
    header = TEMPLATE.read_text(encoding="utf-8").splitlines()[0]
    assert header.split(",") == list(CSV_COLUMNS)


def test_the_template_expresses_a_family_link_and_three_offences():
    """The numbered columns carry what one contract and one offence per row could not."""
    people = {person.id: person for person in persons_of(TEMPLATE, "csv") if isinstance(person, fl.Person)}
    assert people["p-06"].family[0].relation is fl.Relation.SPOUSE
    assert people["p-06"].family[0].member.contracts[0].signed == fl.UncertainDate.parse("2023-05-02")
    assert people["p-14"].offence_ids == ("o1", "o2", "o3")


# --- the header -------------------------------------------------------------------------------------------------

HEADERS = [
    pytest.param("id,citizenship,birthdate", ["column 3, 'birthdate'", "did you mean 'birth_date'?"], id="misspelt"),
    pytest.param("id,Citizenship", ["column 2, 'Citizenship'", "did you mean 'citizenship'?"], id="in capitals"),
    pytest.param(
        "id,citizenship,contract signed", ["'contract signed'", "did you mean 'contract_signed'?"], id="a space"
    ),
    pytest.param(
        "id,citizenship,spouse_id",
        ["column 3, 'spouse_id', is not a column of the layout", "The layout's columns", "family_relation"],
        id="a column the layout does not have: the columns are listed",
    ),
    pytest.param(
        "id,citizenship,sex,sex", ["the column 'sex' appears more than once (columns 3 and 4)"], id="duplicated"
    ),
    pytest.param("id,birth_date", ["there is no column 'citizenship', which every record needs"], id="no citizenship"),
]


@pytest.mark.parametrize(("header", "said"), HEADERS)
def test_a_header_problem_is_said_once_before_any_row_as_a_usage_error(tmp_path, capsys, header, said):
    """Exit 2, nothing on standard output, one message naming the file and the header, with a did-you-mean."""
    path = tmp_path / "people.csv"
    path.write_text(header + "\n" + "\n".join("x,foreign,1990,male" for _ in range(5)) + "\n", encoding="utf-8")
    status, out, err = run(capsys, "check", str(path), *AS_OF, "--format", "csv")
    assert (status, out) == (2, "")
    assert err.startswith(f"fighterlaw: {path}: the header (line 1) does not fit the flat layout")
    assert err.count("the header") == 1
    for part in said:
        assert part in err


def test_a_header_only_file_and_an_empty_file_have_no_records(tmp_path, capsys):
    """Nothing to answer is not an error."""
    for text in ("id,citizenship\n", ""):
        path = tmp_path / "empty.csv"
        path.write_text(text, encoding="utf-8")
        assert run(capsys, "check", str(path), *AS_OF, "--format", "csv")[0] == 0


# --- delimiters ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("delimiter", "said"),
    [
        pytest.param(";", "separated by semicolons (';')", id="a semicolon file, as European Excel saves CSV"),
        pytest.param("\t", "separated by tabs ('\\t')", id="a tab file"),
        pytest.param(",", None, id="a comma file: nothing to say"),
    ],
)
def test_the_delimiter_is_found_from_the_header_and_said(tmp_path, capsys, delimiter, said):
    """A semicolon or tab file gives the template's answers, and says how it was read."""
    rows = list(csv.reader(io.StringIO(TEMPLATE.read_text(encoding="utf-8"))))
    rows[1][21] = "killing; looting"  # a cell that holds another delimiter, quoted
    text = io.StringIO()
    csv.writer(text, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path = tmp_path / "people.txt"
    path.write_text(text.getvalue(), encoding="utf-8-sig")
    status, out, err = run(capsys, "check", str(path), *AS_OF, "--format", "jsonl", "--input", "csv")
    assert status == 0
    assert [json.loads(line)["person"] for line in out.splitlines()] == [f"p-{n:02d}" for n in range(1, 17)]
    if said is None:
        assert "separated" not in err
    else:
        assert f"fighterlaw: {path}: the columns are separated by" in err
        assert said in err
    persons = persons_of(path, "csv")
    assert persons[1:] == jsonl_persons()[1:]


def test_a_semicolon_file_on_standard_input_is_found_from_its_first_bytes():
    """Without a file name, a header line with semicolons is CSV."""
    assert detect_format(None, b"id;citizenship\r\np-1;foreign\r\n") == "csv"
    assert detect_format(None, b"id\tcitizenship\n") == "csv"


# --- fifty rows, mixed mistakes -----------------------------------------------------------------------------------

GOOD = [
    {"id": "g-01", "citizenship": "foreign", "nationality": "NP", "birth_date": "1996-04-12", "sex": "male"},
    {"id": "g-02", "citizenship": "stateless", "birth_date": "1995", "contract_signed": "2025-08-14"},
    {"id": "g-03", "citizenship": "russian", "nationality": "UZ", "combat": "TRUE"},
    {"id": "g-04", "citizenship": "foreign", "naturalised": "2024-09", "birth_date": "1985-03-03"},
    {"id": "g-05", "citizenship": "foreign", "contract_signed": "2023-05", "contract_term_months": "open"},
    {"id": "g-06", "citizenship": "foreign", "birth_date": "1999-01-01..2001-12-31"},
    {"id": "g-07", "citizenship": "foreign", "discharge_date": "2024-02-10", "discharge_grounds": "health"},
    {"id": "g-08", "citizenship": "foreign", "unfitness_ruling_date": "2025-12-01", "asylum_in_russia": "false"},
    {"id": "g-09", "citizenship": "foreign", "offence_id": "o1", "offence_purpose": "sentence"},
    {"id": "g-10", "citizenship": "foreign", "family_relation": "child", "member_citizenship": "stateless"},
    {"id": "g-11", "citizenship": "foreign", "contract_signed": "2022-10", "contract2_signed": "2023-10"},
    {"id": "g-12", "citizenship": "foreign", "offence_id": "a", "offence2_id": "b", "offence3_id": "c"},
    {"id": "g-13", "citizenship": "stateless", "naturalised": "unknown"},
    {"id": "g-14", "citizenship": "foreign", "contract_signed": "2024-03-01", "contract_formation": "other_formation"},
    {"id": "g-15", "citizenship": "foreign", "offence_requesting_state": "UA", "offence_criminal_in_russia": "true"},
    {"id": "g-16", "citizenship": "foreign", "discharge_date": "2024", "discharge_order_extract": "False"},
    {"id": "g-17", "citizenship": "foreign", "family_relation": "parent", "member_citizenship": "russian"},
    {"id": "g-18", "citizenship": "foreign", "sex": "female", "birth_date": "1976-02-29"},
    {"citizenship": "foreign"},
    {"id": "g-20", "citizenship": "foreign", "member_citizenship": "foreign", "family_relation": "spouse"},
]

# (the row's cells, the id it is reported with, each problem's column and a part of its message)
BAD: list[tuple[dict[str, str], str | None, dict[str, str]]] = [
    ({"id": "b-01", "citizenship": "foreign", "combat": "yes"}, "b-01", {"combat": "expected true or false"}),
    (
        {"id": "b-02", "citizenship": "foreign", "birth_date": "1990-02-30"},
        "b-02",
        {"birth_date": "not in the calendar"},
    ),
    ({"id": "b-03", "citizenship": "martian"}, "b-03", {"citizenship": "'foreign', 'stateless' or 'russian'"}),
    ({"id": "b-04", "sex": "male"}, "b-04", {"citizenship": "required"}),
    ({"id": "b-05", "citizenship": "foreign", "nationality": "np"}, "b-05", {"nationality": "alpha-2"}),
    ({"id": "b-06", "citizenship": "foreign", "nationality": "RU"}, "b-06", {"nationality": "a foreign citizenship"}),
    (
        {"id": "b-07", "citizenship": "stateless", "nationality": "NP"},
        "b-07",
        {"nationality": "a stateless person has no nationality"},
    ),
    (
        {"id": "b-08", "citizenship": "russian", "naturalised": "2024-05"},
        "b-08",
        {"naturalised": "'russian' means born Russian"},
    ),
    (
        {"id": "b-09", "citizenship": "foreign", "contract_signed": "2023", "contract_term_months": "twelve"},
        "b-09",
        {"contract_term_months": "found 'twelve'"},
    ),
    (
        {"id": "b-10", "citizenship": "foreign", "contract_signed": "2023", "contract_term_months": "0"},
        "b-10",
        {"contract_term_months": "from 1 to 1200"},
    ),
    (
        {"id": "b-11", "citizenship": "foreign", "contract_signed": "2023-05-02", "contract_ended": "2023-01"},
        "b-11",
        {"contract_ended": "the contract cannot end before"},
    ),
    (
        {"id": "b-12", "citizenship": "foreign", "contract_signed": "2023", "contract_formation": "navy"},
        "b-12",
        {"contract_formation": "armed_forces"},
    ),
    ({"id": "b-13", "citizenship": "foreign", "contract_term_months": "12"}, "b-13", {"contract_signed": "required"}),
    (
        {"id": "b-14", "citizenship": "foreign", "discharge_date": "2024", "discharge_grounds": "wounds"},
        "b-14",
        {"discharge_grounds": "'health'"},
    ),
    ({"id": "b-15", "citizenship": "foreign", "discharge_grounds": "health"}, "b-15", {"discharge_date": "required"}),
    (
        {"id": "b-16", "citizenship": "foreign", "discharge_date": "2024", "discharge_order_extract": "maybe"},
        "b-16",
        {"discharge_order_extract": "expected true or false; found 'maybe'"},
    ),
    (
        {"id": "b-17", "citizenship": "foreign", "unfitness_ruling_date": "soon"},
        "b-17",
        {"unfitness_ruling_date": "expected a date"},
    ),
    (
        {"id": "b-18", "citizenship": "foreign", "offence_purpose": "revenge"},
        "b-18",
        {"offence_purpose": "'prosecution'"},
    ),
    (
        {"id": "b-19", "citizenship": "foreign", "offence_requesting_state": "Ukraine"},
        "b-19",
        {"offence_requesting_state": "alpha-2"},
    ),
    (
        {"id": "b-20", "citizenship": "foreign", "offence2_id": "o2"},
        "b-20",
        {"offence_*": "expected the offence_* cells filled before the offence2_* cells"},
    ),
    (
        {"id": "b-21", "citizenship": "foreign", "offence_id": "a", "offence2_id": "a"},
        "b-21",
        {"offence2_id": "expected a unique id"},
    ),
    (
        {"id": "b-22", "citizenship": "foreign", "family_relation": "cousin", "member_citizenship": "foreign"},
        "b-22",
        {"family_relation": "'spouse'"},
    ),
    ({"id": "b-23", "citizenship": "foreign", "family_relation": "spouse"}, "b-23", {"member_citizenship": "required"}),
    (
        {"id": "b-24", "citizenship": "foreign", "member_citizenship": "foreign", "member_birth_date": "2023-13"},
        "b-24",
        {"member_birth_date": "not in the calendar", "family_relation": "required"},
    ),
    (
        {
            "id": "b-25",
            "citizenship": "foreign",
            "family_relation": "spouse",
            "member_citizenship": "russian",
            "member_naturalised": "2020",
        },
        "b-25",
        {"member_naturalised": "'naturalised' is the day a foreign or stateless person acquired Russian citizenship"},
    ),
    (
        {"id": "b-26", "citizenship": "foreign", "birth_date": "1990-05..1990-01"},
        "b-26",
        {"birth_date": "on or before 'to'"},
    ),
    ({"id": "b-27", "citizenship": "foreign", "sex": "m"}, "b-27", {"sex": "'male' or 'female'"}),
    (
        {"id": "b-28", "citizenship": "foreign", "birth_date": "1990-05-01", "naturalised": "1989"},
        "b-28",
        {"naturalised": "on or after the birth date"},
    ),
    (
        {"id": "b-29", "citizenship": "foreign", "contract2_signed": "2024"},
        "b-29",
        {"contract_*": "expected the contract_* cells filled before the contract2_* cells"},
    ),
]


def test_fifty_rows_with_mixed_mistakes_are_checked_row_by_row(tmp_path, capsys):
    """Each row is its own record: the good ones answered, each bad one named by line, id, column and message.

    Row 36 is short a cell (a broken row), and a blank row comes before the last one; nothing is dropped.
    """
    rows: list[tuple[dict[str, str] | None, str | None, dict[str, str] | None]] = []
    for index in range(len(BAD)):
        rows.append((GOOD[index % len(GOOD)], GOOD[index % len(GOOD)].get("id"), None))
        rows.append(BAD[index])
    rows = rows[:47]
    rows.append(({"id": "short", "citizenship": "foreign"}, "short", {"": "expected 61 cells, as in the header"}))
    rows.append((None, None, {"": "expected a record; the line is empty"}))
    rows.append((GOOD[0], "g-01", None))
    assert len(rows) == 50
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for cells, record_id, _ in rows:
        if cells is None:
            writer.writerow([])
        elif record_id == "short":
            writer.writerow([cells.get(column, "") for column in CSV_COLUMNS][:-1])
        else:
            writer.writerow([cells.get(column, "") for column in CSV_COLUMNS])
    path = tmp_path / "fifty.csv"
    path.write_text(text.getvalue(), encoding="utf-8")
    status, out, err = run(capsys, "check", str(path), *AS_OF, "--format", "jsonl")
    found = [json.loads(line) for line in out.splitlines()]
    assert status == 1
    assert [document["line"] for document in found] == list(range(2, 52))
    bad = sum(expected is not None for _, _, expected in rows)
    assert f"50 records read, {50 - bad} reports, {bad} errors" in err
    for (_, record_id, expected), document in zip(rows, found, strict=True):
        if expected is None:
            assert document["person"] == record_id, document
            assert [result["rule"] for result in document["results"] if result["subject"] == "person"] == list(
                fl.RULE_IDS
            )
            continue
        assert document["id"] == record_id
        problems = {problem["path"]: problem["message"] for problem in document["errors"]}
        assert set(problems) == set(expected), (document["line"], problems)
        for column, part in expected.items():
            assert part in problems[column], (document["line"], problems[column])


# --- Excel workbooks ----------------------------------------------------------------------------------------------


def workbook(path: Path, rows: list[list[Any]], formats: dict[tuple[int, int], str] | None = None) -> Path:
    """A workbook of one sheet, as Excel saves one: typed cells, dates with number formats."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "People"
    for row in rows:
        sheet.append(row)
    for (row_number, column), number_format in (formats or {}).items():
        sheet.cell(row_number, column).number_format = number_format
    book.save(path)
    return path


def typed(cell: str, kind: str) -> Any:
    """A template cell as a person would type it into Excel: true as TRUE, 12 as a number, a day as a date."""
    if not cell:
        return None
    if kind == "bool":
        return cell == "true"
    if cell.isdecimal():
        return int(cell)
    if kind == "date" and len(cell) == 10 and ".." not in cell:
        return datetime.fromisoformat(cell)
    return cell


def test_an_xlsx_round_trip_gives_the_template_s_records_and_answers(tmp_path, capsys):
    """The template typed into Excel reads as the same records; the answers written as a workbook are the CSV's."""
    rows = list(csv.reader(io.StringIO(TEMPLATE.read_text(encoding="utf-8"))))
    kinds = [kind for _, kind in CSV_COLUMNS.values()]
    sheet = [rows[0], *([typed(cell, kind) for cell, kind in zip(row, kinds, strict=True)] for row in rows[1:])]
    path = workbook(tmp_path / "people.xlsx", sheet)
    assert persons_of(path, "xlsx") == jsonl_persons()
    out = tmp_path / "verdicts.xlsx"
    status, stdout, err = run(capsys, "check", str(path), *AS_OF, "--output", str(out))
    assert (status, stdout) == (0, "")
    assert f"fighterlaw: wrote {out}" in err
    _, as_csv, _ = run(capsys, "check", str(TEMPLATE), *AS_OF, "--format", "csv", "--quiet")
    expected = list(csv.reader(io.StringIO(as_csv)))
    written = openpyxl.load_workbook(out).active
    assert written is not None
    found = [["" if value is None else str(value) for value in row] for row in written.iter_rows(values_only=True)]
    assert found == expected


def test_a_workbook_is_never_read_as_json_whatever_its_name(tmp_path, capsys):
    """The zip archive's first bytes say it is a workbook; a misleading extension does not make it JSON."""
    path = workbook(tmp_path / "people.json", [["id", "citizenship"], ["w-1", "russian"]])
    (document,) = documents(capsys, path)
    assert (document["line"], document["person"]) == (2, "w-1")


def test_a_date_cell_is_read_at_the_precision_its_format_shows(tmp_path):
    """A month typed into Excel is stored as its first day: the cell's format says it was a month."""
    day = datetime(1994, 3, 1)
    rows: list[list[Any]] = [
        ["citizenship", "birth_date"],
        ["foreign", day],
        ["foreign", day],
        ["foreign", day],
        ["foreign", day],
    ]
    formats = {(2, 2): "mmm yyyy", (3, 2): "yyyy", (4, 2): "dd.mm.yyyy", (5, 2): '"born "yyyy'}
    path = workbook(tmp_path / "dates.xlsx", rows, formats)
    found = [person.birth_date for person in persons_of(path, "xlsx") if isinstance(person, fl.Person)]
    assert [str(birth) for birth in found] == ["1994-03", "1994", "1994-03-01", "1994"]


def test_workbook_rows_are_checked_like_csv_rows(tmp_path, capsys):
    """Bad cells are named by column and row; blank rows between records are reported; the header is checked once."""
    rows: list[list[Any]] = [
        ["id", "citizenship", "combat", "birth_date"],
        ["x-1", "foreign", "yes", date(1990, 1, 1)],
        [None, None, None, None],
        ["x-2", "foreign", True, "1990-02-30"],
        ["x-3", "foreign", False, datetime(1990, 1, 1, 12, 30)],
    ]
    found = documents(capsys, workbook(tmp_path / "rows.xlsx", rows))
    assert [document["line"] for document in found] == [2, 3, 4, 5]
    assert found[0]["errors"][0]["path"] == "combat"
    assert found[1]["errors"][0]["code"] == "empty_line"
    assert found[2]["errors"][0]["path"] == "birth_date"
    assert found[3]["errors"][0]["path"] == "birth_date"
    workbook(tmp_path / "header.xlsx", [["id", "citizenshp"], ["x", "foreign"]])
    status, out, err = run(capsys, "check", str(tmp_path / "header.xlsx"), *AS_OF)
    assert (status, out) == (2, "")
    assert "did you mean 'citizenship'?" in err


def test_a_workbook_with_several_sheets_says_which_it_reads(tmp_path, capsys):
    """The first sheet, and the note says so."""
    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    first.title = "People"
    first.append(["id", "citizenship"])
    first.append(["s-1", "stateless"])
    book.create_sheet("Notes").append(["anything"])
    book.save(tmp_path / "two.xlsx")
    status, out, err = run(capsys, "check", str(tmp_path / "two.xlsx"), *AS_OF, "--format", "jsonl")
    assert status == 0
    assert json.loads(out)["person"] == "s-1"
    assert "reading the first of the workbook's 2 sheets, 'People'" in err


def test_a_broken_workbook_is_a_usage_error(tmp_path, capsys):
    """A zip archive that is not a workbook cannot be read at all: exit 2, no traceback."""
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    status, out, err = run(capsys, "check", str(path), *AS_OF)
    assert (status, out) == (2, "")
    assert "cannot read the workbook" in err
    assert "Traceback" not in err


def test_written_workbooks_hold_text_never_formulas(tmp_path, capsys):
    """An id that starts with '=' is written as text: input never becomes a formula in the output."""
    path = tmp_path / "odd.csv"
    path.write_text('id,citizenship\n"=HYPERLINK(""http://x"")",russian\n', encoding="utf-8")
    out = tmp_path / "odd.xlsx"
    assert run(capsys, "check", str(path), *AS_OF, "--format", "xlsx", "--output", str(out))[0] == 0
    sheet = openpyxl.load_workbook(out).active
    assert sheet is not None
    cell = sheet.cell(2, 2)
    assert (cell.value, cell.data_type) == ('=HYPERLINK("http://x")', "s")


def test_a_workbook_needs_an_output_file(capsys):
    """Binary output never goes to a terminal: --format xlsx asks for --output."""
    status, _, err = run(capsys, "check", str(TEMPLATE), *AS_OF, "--format", "xlsx")
    assert status == 2
    assert "--output FILE.xlsx" in err


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        pytest.param(["check", "{xlsx}", *AS_OF], "reading an Excel workbook needs openpyxl", id="reading"),
        pytest.param(
            ["check", str(TEMPLATE), *AS_OF, "--output", "{out}"],
            "writing an Excel workbook needs openpyxl",
            id="writing",
        ),
    ],
)
def test_without_openpyxl_a_workbook_says_how_to_install_it(tmp_path, capsys, monkeypatch, argv, said):
    """Exit 2 and one message: install the extra, or use CSV; nothing else is written."""
    path = workbook(tmp_path / "people.xlsx", [["id", "citizenship"], ["w-1", "russian"]])
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # as if it were not installed: importing it fails
    out = tmp_path / "verdicts.xlsx"
    status, stdout, err = run(capsys, *(arg.format(xlsx=path, out=out) for arg in argv))
    assert (status, stdout) == (2, "")
    assert said in err
    assert "pip install 'fighterlaw[xlsx]'" in err
    assert "CSV" in err
    assert err.count("\n") == 1


def test_the_output_file_takes_its_format_from_its_extension(tmp_path, capsys):
    """--output people.csv writes CSV (with the byte-order mark by which Excel knows UTF-8); .jsonl JSON Lines."""
    out = tmp_path / "verdicts.csv"
    assert run(capsys, "check", str(TEMPLATE), *AS_OF, "--output", str(out))[0] == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfline,id,")
    out = tmp_path / "verdicts.jsonl"
    assert run(capsys, "check", str(TEMPLATE), *AS_OF, "--output", str(out))[0] == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) == 16
    status, _, err = run(capsys, "check", str(TEMPLATE), *AS_OF, "--output", str(tmp_path / "no" / "such.csv"))
    assert status == 2
    assert "cannot write" in err


def test_a_header_too_long_to_read_is_a_usage_error(tmp_path, capsys):
    """A first line past the csv module's cell limit is not a header: said once, exit 2."""
    path = tmp_path / "long.csv"
    path.write_text('"' + "x" * 200_000 + '"\nfoo\n', encoding="utf-8")
    status, out, err = run(capsys, "check", str(path), *AS_OF)
    assert (status, out) == (2, "")
    assert "the header (line 1) cannot be read as CSV" in err


class _Pipe(io.RawIOBase):
    """Bytes that can only be read once, in order, as from a pipe."""

    def __init__(self, data: bytes) -> None:
        self.data = io.BytesIO(data)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        chunk = self.data.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)


def test_a_workbook_from_a_pipe_is_read_whole(tmp_path):
    """A workbook needs to be read at any place: from a pipe, it is read into memory first."""
    path = workbook(tmp_path / "people.xlsx", [["id", "citizenship"], ["w-1", "russian"], ["w-2", "stateless"]])
    stream = _Pipe(path.read_bytes())
    assert not stream.seekable()
    items = list(read_items(stream, "xlsx"))  # type: ignore[arg-type]
    assert [(item.line, item.record) for item in items] == [
        (2, {"id": "w-1", "citizenship": "russian"}),
        (3, {"id": "w-2", "citizenship": "stateless"}),
    ]


def test_an_empty_sheet_has_no_records(tmp_path, capsys):
    """A workbook whose first sheet is empty has nothing to answer: no error."""
    path = workbook(tmp_path / "empty.xlsx", [])
    status, out, _ = run(capsys, "check", str(path), *AS_OF, "--format", "jsonl")
    assert (status, out) == (0, "")


def test_saved_reports_are_never_a_workbook(tmp_path, capsys):
    """replay reads JSON; a workbook handed to it is a usage error."""
    path = workbook(tmp_path / "reports.xlsx", [["id", "citizenship"]])
    status, _, err = run(capsys, "replay", str(path))
    assert status == 2
    assert "expected saved reports as JSON Lines or JSON" in err


_STEP = re.compile(r"([a-z_]+)(?:\[(\d+)\])?")


def cell_of(record: dict[str, Any], path: str) -> str:
    """The CSV cell that holds a record's value at a path: the layout written by hand, as a user would."""
    here: Any = record
    for name, index in _STEP.findall(path):
        here = here.get(name) if isinstance(here, dict) else None
        if index and here is not None:
            here = here[int(index)] if int(index) < len(here) else None
    if here is None:
        return ""
    if isinstance(here, bool):
        return str(here).lower()
    if isinstance(here, dict):
        return f"{here['from']}..{here['to']}"
    return str(here)


def fitted(person: fl.Person) -> fl.Person:
    """The person cut to what one row holds: two contracts, three offences, one family member with one contract.

    An offence about which nothing is known has only empty cells, which say there is none: it is given an id (one
    that no numbering gives, as the numbers of the offences after it would move).
    """
    family = tuple(
        link.model_copy(update={"member": link.member.model_copy(update={"contracts": link.member.contracts[:1]})})
        for link in person.family[:1]
    )
    offences = tuple(
        offence.model_copy(update={"id": f"empty-{index}"}) if offence == fl.Offence() else offence
        for index, offence in enumerate(person.offences[:3])
    )
    return person.model_copy(update={"contracts": person.contracts[:2], "offences": offences, "family": family})


# Drawing whole persons is slow: a quarter of the profile's examples, which scales with it (50 in CI).
@settings(max_examples=max(10, settings().max_examples // 4))
@given(st.lists(persons().map(fitted), min_size=1, max_size=2), st.sampled_from([",", ";", "\t"]))
def test_any_person_the_layout_can_hold_reads_back_from_csv_as_it_was(people, delimiter):
    """Written into the flat layout by hand, in any delimiter, every record reads back as the same person."""
    text = io.StringIO()
    writer = csv.writer(text, delimiter=delimiter, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for person in people:
        record = person.model_dump(mode="json")
        writer.writerow([cell_of(record, path) for path, _ in CSV_COLUMNS.values()])
    found = [_person(item) for item in read_items(io.BytesIO(text.getvalue().encode()), "csv")]
    assert found == people


@pytest.mark.parametrize("name", ["people.xls", "people.dat"])
def test_an_older_excel_workbook_says_to_save_it_as_xlsx_or_csv(tmp_path, capsys, name):
    """An Excel 97-2003 file is known by its first bytes, whatever its name: one usage error, never text errors."""
    path = tmp_path / name
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 4)
    status, out, err = run(capsys, "check", str(path), *AS_OF)
    assert (status, out) == (2, "")
    assert "an Excel 97-2003 workbook (.xls); save it as .xlsx, or as CSV" in err
    assert err.count("\n") == 1


def test_the_file_being_read_is_never_the_one_written(tmp_path, capsys):
    """--output naming the input would empty it before it is read: a usage error, and the file is kept."""
    path = tmp_path / "people.csv"
    path.write_bytes(TEMPLATE.read_bytes())
    status, _, err = run(capsys, "check", str(path), *AS_OF, "--output", str(tmp_path / "." / "people.csv"))
    assert status == 2
    assert "is the file being read" in err
    assert path.read_bytes() == TEMPLATE.read_bytes()


def test_the_share_of_a_workbook_read_is_known_from_its_rows(tmp_path):
    """A sheet says how many rows it has: the progress line can show the share done and the time left."""
    rows: list[list[Any]] = [["id", "citizenship"], *([f"w-{n}", "russian"] for n in range(2, 102))]
    path = workbook(tmp_path / "hundred.xlsx", rows)
    with path.open("rb") as stream:
        items = _Input(read_items(stream, "xlsx"), stream, None)
        for _ in range(50):
            next(items)
        assert items.fraction() == pytest.approx(51 / 101)
        list(items)
        assert items.fraction() == 1.0
