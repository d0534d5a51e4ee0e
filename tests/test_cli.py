"""The command line: every record accounted for, in order; formats; exit codes; the other commands."""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import fighterlaw as fl
from fighterlaw._input import CSV_COLUMNS, detect_format, read_items
from fighterlaw.cli import _Input, _parser, _Progress, _size, main

EXAMPLES = Path(__file__).parent.parent / "examples" / "people.jsonl"
AS_OF = ["--as-of", "2026-06-01"]


def check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run ``fighterlaw check``; return the exit status, standard output and standard error."""
    status = main(["check", *args])
    out, err = capsys.readouterr()
    return status, out, err


def lines_of(path: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> list[dict[str, Any]]:
    _, out, _ = check(capsys, str(path), *AS_OF, "--format", "jsonl", "--quiet", *args)
    return [json.loads(line) for line in out.splitlines()]


def test_the_examples_as_a_table(capsys):
    """A table for people: one row per person, one column per rule, the date said, a summary."""
    status, out, err = check(capsys, str(EXAMPLES), *AS_OF)
    assert status == 0
    rows = out.splitlines()
    assert rows[0] == "fighterlaw: as of 2026-06-01, reading enacted"
    assert rows[1].split()[:3] == ["line", "id", "foreign-contract"]
    assert rows[1].split()[-2:] == ["why", "error"]
    assert rows[18] == ""  # the legend follows the sixteen rows: each column's question, then the marks
    assert rows[19] == "foreign-contract: May the person serve under contract as a foreign citizen on D?"
    assert "(D is the day asked about.)" in rows
    assert any(row.startswith("yes, no: the answer") for row in rows[19:])
    cells = re.split(r"\s{2,}", rows[2])
    assert cells[:7] == ["1", "p-01", "yes (plausible)", "no", "yes", "yes (derived)", "yes (derived)"]
    assert "16 records read, 16 reports, 0 errors" in err


def test_machine_formats_say_the_date_on_stderr(capsys):
    """For JSON, JSON Lines and CSV, standard output carries data only."""
    for fmt in ("json", "jsonl", "csv"):
        _, out, err = check(capsys, str(EXAMPLES), *AS_OF, "--format", fmt)
        assert "as of 2026-06-01" in err
        assert "as of" not in out


def test_the_date_defaults_to_today_and_is_said(capsys):
    """Without --as-of the command line asks about today, and says so."""
    _, _, err = check(capsys, str(EXAMPLES), "--format", "csv")
    assert "(today)" in err


def test_json_lines_carry_the_full_report(capsys):
    """Each JSON line is the documented report, with the record's line number."""
    documents = lines_of(EXAMPLES, capsys=capsys)
    assert [document["line"] for document in documents] == list(range(1, 17))
    first = documents[0]
    assert {"person", "as_of", "reading", "results"} <= set(first)
    assert first["results"][3]["because"][0]["code"]


def test_json_is_one_array_in_input_order(capsys):
    """The JSON format is an array of the same documents."""
    _, out, _ = check(capsys, str(EXAMPLES), *AS_OF, "--format", "json", "--quiet")
    documents = json.loads(out)
    assert [document["person"] for document in documents] == [f"p-{n:02d}" for n in range(1, 17)]


def test_csv_has_a_column_per_rule_and_one_for_errors(capsys):
    """CSV: one row per record, a column per rule (the person), the offences, and an error column."""
    _, out, _ = check(capsys, str(EXAMPLES), *AS_OF, "--format", "csv", "--quiet", "--rule", "extradition-bar")
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == [
        "line",
        "id",
        "extradition-bar",
        "extradition-bar:status",
        "extradition-bar:why",
        "extradition-bar:offences",
        "extradition-bar:offences:status",
        "extradition-bar:offences:why",
        "error",
    ]
    assert rows[14][1:3] == ["p-14", "no"]
    assert rows[14][5:8] == [
        "o1=yes; o2=yes; o3=?",
        "o1=confirmed; o2=plausible; o3=plausible",  # item 3 is confirmed, item 6 plausible (LAW.md)
        "o3: missing: offences[2].criminal_in_russia",
    ]


def test_verdicts_only_gives_the_verdict_columns_alone(capsys):
    """``--verdicts-only``: the verdict of each rule and the offences, as before statuses and reasons were added."""
    _, out, _ = check(
        capsys, str(EXAMPLES), *AS_OF, "--format", "csv", "--quiet", "--rule", "extradition-bar", "--verdicts-only"
    )
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["line", "id", "extradition-bar", "extradition-bar:offences", "error"]
    assert rows[14][1:4] == ["p-14", "no", "o1=yes; o2=yes; o3=?"]


VETERAN_RECORD = {
    "citizenship": "foreign",
    "asylum_in_russia": False,
    "contracts": [{"signed": "2023-01-01", "ended": "2024-01-01"}],
}
VOLUNTEER_RECORD = {
    "citizenship": "foreign",
    "asylum_in_russia": False,
    "combat": False,
    "contracts": [{"signed": "2024-03-01", "term_months": 6, "formation": "volunteer_formation"}],
}


@pytest.mark.parametrize(
    ("record", "assume", "cells"),
    [
        pytest.param(
            {"citizenship": "russian"}, [], ["yes", "confirmed", ""], id="a born Russian is barred on confirmed law"
        ),
        pytest.param(
            VETERAN_RECORD,
            [],
            ["?", "confirmed", "missing: combat"],
            id="a veteran whose combat is unknown waits for it",
        ),
        pytest.param(
            VETERAN_RECORD,
            ["--assume", "combat=true"],
            ["yes", "assumed", "assumed: combat"],
            id="a veteran assumed to have fought is barred, and the answer says it rests on the assumption",
        ),
        pytest.param(
            VOLUNTEER_RECORD,
            [],
            ["?", "confirmed", "unsettled: item-7.formation.volunteer_formation"],
            id="a volunteer formation's contract leaves item 7 open on unsettled law",
        ),
    ],
)
def test_csv_says_the_status_of_each_answer_and_what_it_turns_on(tmp_path, capsys, record, assume, cells):
    """CSV: extradition-bar on 2026-06-01 with its status and its why, to filter in a spreadsheet.

    Item 7 is in force from 2026-03-19 by the ten-day rule (derived): a decided answer through it is as sure as that,
    or as an assumption it rests on; an open answer relies on the steps that hold it open (here, confirmed).
    """
    path = write(tmp_path, "one.jsonl", json.dumps(record))
    _, out, _ = check(capsys, str(path), *AS_OF, "--format", "csv", "--quiet", "--rule", "extradition-bar", *assume)
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[1][2:5] == cells


def test_the_table_marks_open_answers_with_what_holds_them_open(tmp_path, capsys):
    """The table: ``? facts`` or ``? law`` for an open answer, a why column naming each, and the legend."""
    path = write(
        tmp_path,
        "two.jsonl",
        json.dumps({"id": "vet", **VETERAN_RECORD}),
        json.dumps({"id": "vol", **VOLUNTEER_RECORD}),
    )
    _, out, _ = check(capsys, str(path), *AS_OF, "--quiet", "--rule", "extradition-bar")
    rows = out.splitlines()
    assert re.split(r"\s{2,}", rows[1]) == ["line", "id", "extradition-bar", "extradition-bar:offences", "why", "error"]
    assert re.split(r"\s{2,}", rows[2]) == ["1", "vet", "? facts", "extradition-bar: missing: combat"]
    assert re.split(r"\s{2,}", rows[3]) == [
        "2",
        "vol",
        "? law",
        "extradition-bar: unsettled: item-7.formation.volunteer_formation",
    ]
    assert "? facts" in out.split("\n\n", 1)[1]  # the legend says what the marks mean


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_a_csv_cell_never_starts_as_a_formula(tmp_path, capsys, start):
    """An id that a spreadsheet would run as a formula is written with a leading apostrophe (in CSV only)."""
    ident = f'{start}HYPERLINK("http://example.org")'
    path = write(tmp_path, "formula.jsonl", json.dumps({"id": ident, "citizenship": "russian"}))
    _, out, _ = check(capsys, str(path), *AS_OF, "--format", "csv", "--quiet")
    assert list(csv.reader(io.StringIO(out)))[1][1] == f"'{ident}"
    _, table, _ = check(capsys, str(path), *AS_OF, "--quiet")
    assert ident in table


BROKEN = [
    ("valid", '{"id": "v", "citizenship": "foreign"}'),
    ("wrong type", '{"id": "t", "citizenship": "foreign", "combat": 0}'),
    ("unknown field", '{"id": "u", "citizenship": "foreign", "colour": "red"}'),
    ("not json", "{this is not json"),
    ("not an object", "[1, 2, 3]"),
    ("missing citizenship", '{"id": "m"}'),
    ("impossible date", '{"id": "d", "citizenship": "foreign", "birth_date": "2001-02-29"}'),
    ("russian", '{"id": "r", "citizenship": "russian"}'),
]


def test_a_file_of_mixed_records_yields_one_output_per_record_in_order(tmp_path, capsys):
    """Every input record yields exactly one output record, in input order: a report or an error."""
    chosen = [BROKEN[(7 * index) % len(BROKEN)] for index in range(200)]
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join(text for _, text in chosen) + "\n", encoding="utf-8")
    status, out, err = check(capsys, str(path), *AS_OF, "--format", "jsonl")
    documents = [json.loads(line) for line in out.splitlines()]
    assert len(documents) == len(chosen)
    for number, ((kind, _), document) in enumerate(zip(chosen, documents, strict=True), 1):
        assert document["line"] == number
        assert ("errors" not in document) == (kind in ("valid", "russian")), (number, kind)
    by_kind = {kind: document for (kind, _), document in zip(chosen, documents, strict=True)}
    assert by_kind["wrong type"]["id"] == "t"
    assert by_kind["not json"]["id"] is None
    errors = sum(kind not in ("valid", "russian") for kind, _ in chosen)
    assert status == 1
    assert f"200 records read, {200 - errors} reports, {errors} errors" in err


LINE = st.one_of(
    st.sampled_from([text for _, text in BROKEN]),
    st.text(alphabet=st.characters(exclude_categories=["Cs"], exclude_characters="\r\n"), max_size=30),
    st.builds(
        json.dumps,
        st.dictionaries(
            st.sampled_from(["citizenship", "id", "combat", "x"]), st.none() | st.booleans() | st.text(max_size=5)
        ),
    ),
)


@settings(max_examples=40, deadline=None)
@given(st.lists(LINE, min_size=1, max_size=30))
def test_any_lines_are_all_accounted_for(tmp_path_factory, lines):
    """Whatever the lines hold, each non-blank line yields one output line, numbered as the input."""
    path = tmp_path_factory.mktemp("fuzz") / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = io.StringIO()
    original = sys.stdout
    sys.stdout = out
    try:
        status = main(["check", str(path), *AS_OF, "--format", "jsonl", "--quiet"])
    finally:
        sys.stdout = original
    documents = [json.loads(line) for line in out.getvalue().splitlines()]
    last = max((index for index, line in enumerate(lines) if line.strip()), default=-1)
    assert [document["line"] for document in documents] == list(range(1, last + 2))
    assert status in (0, 1)


def test_the_bytes_a_file_may_hold(tmp_path, capsys):
    """A BOM, Windows line endings, bytes that are not UTF-8, empty lines and a truncated last line."""
    path = tmp_path / "bytes.jsonl"
    path.write_bytes(
        b'\xef\xbb\xbf{"id": "a", "citizenship": "foreign"}\r\n'
        b"\r\n"
        b'{"id": "b", "citizenship": "stat\xffless"}\n'
        b'{"id": "c", "citizenship": "russian"}\n'
        b'{"id": "d", "citiz'
    )
    documents = lines_of(path, capsys=capsys)
    assert [document["line"] for document in documents] == [1, 2, 3, 4, 5]
    assert documents[0]["person"] == "a"
    assert documents[1]["errors"][0]["code"] == "empty_line"
    assert "byte 0xff" in documents[2]["errors"][0]["message"]
    assert documents[3]["person"] == "c"
    assert documents[4]["errors"][0]["code"] == "json_invalid"


def test_blank_lines_that_only_end_the_file_are_not_records(tmp_path, capsys):
    """Trailing blank lines are not reported; blank lines between records are."""
    path = tmp_path / "trailing.jsonl"
    path.write_text('{"citizenship": "foreign"}\n\n\n', encoding="utf-8")
    assert len(lines_of(path, capsys=capsys)) == 1


def test_a_json_array_is_read_element_by_element(tmp_path, capsys):
    """A JSON array streams: each element is a record with the line it starts on; a broken tail is reported."""
    path = tmp_path / "people.json"
    path.write_text('[\n {"id": "a", "citizenship": "foreign"},\n 7,\n {"id": "b", "citizenship": "russian"}\n]\n')
    documents = lines_of(path, capsys=capsys)
    assert [(document["line"], document.get("person")) for document in documents] == [(2, "a"), (3, None), (4, "b")]
    broken = tmp_path / "broken.json"
    broken.write_text('[{"id": "a", "citizenship": "foreign"}, {"id": "b"')
    documents = lines_of(broken, capsys=capsys)
    assert documents[0]["person"] == "a"
    assert documents[1]["errors"][0]["code"] == "json_invalid"


def test_one_record_as_a_json_document(tmp_path, capsys):
    """A file holding one JSON object (spread over lines) is one record."""
    path = tmp_path / "one.json"
    path.write_text('{\n  "id": "solo",\n  "citizenship": "russian"\n}\n')
    assert [document["person"] for document in lines_of(path, capsys=capsys)] == ["solo"]


def test_a_long_json_array_crosses_the_read_buffer(tmp_path, capsys):
    """Records that straddle the reader's chunks are read whole."""
    records = [{"id": f"p{index}", "citizenship": "foreign", "birth_date": "1990-01-01"} for index in range(3000)]
    path = tmp_path / "long.json"
    path.write_text(json.dumps(records, indent=1))
    documents = lines_of(path, "--rule", "stateless-contract", capsys=capsys)
    assert [document["person"] for document in documents] == [record["id"] for record in records]


CSV_TEXT = """\
id,citizenship,nationality,birth_date,sex,combat,asylum_in_russia,contract_signed,contract_term_months,contract_ended,discharge_date,discharge_grounds,offence_id,offence_combat_related,offence_criminal_in_russia
c-1,foreign,NP,1996-04-12,male,true,false,2023-05-02,12,,,,o1,true,true
c-2,foreign,IN,1991-09,male,TRUE,false,2023-02-10,open,2024-02-10,2024-02-10,contract_expiry,,,
c-3,stateless,,1995-06-30,male,yes,false,2025-08-14,twelve,,,,,,
c-4,foreign,,,,,,,,,,health,,,

c-5,foreign,,2026-03-04..2026-03-09,,,,,,,,,,,
"""


def test_the_flat_csv_layout(tmp_path, capsys):
    """CSV rows map onto the record; bad cells are named by column; a blank row between records is reported."""
    path = tmp_path / "people.csv"
    path.write_text(CSV_TEXT, encoding="utf-8")
    documents = lines_of(path, capsys=capsys)
    assert [document["line"] for document in documents] == [2, 3, 4, 5, 6, 7]
    assert documents[0]["results"][3]["verdict"] == "yes"
    assert documents[1]["person"] == "c-2"
    problems = {problem["path"]: problem["message"] for problem in documents[2]["errors"]}
    assert set(problems) == {"combat", "contract_term_months"}
    assert documents[2]["id"] == "c-3"
    assert documents[3]["errors"][0]["path"] == "discharge_date"
    assert documents[4]["errors"][0]["code"] == "empty_line"
    assert documents[5]["person"] == "c-5"


def test_csv_refuses_what_its_layout_cannot_express(tmp_path, capsys):
    """A column the layout does not have is one usage error for the file, not a guess and not an error per row."""
    path = tmp_path / "family.csv"
    path.write_text("id,citizenship,spouse_id\na,foreign,b\nc,foreign,d\n", encoding="utf-8")
    status, out, err = check(capsys, str(path), *AS_OF, "--format", "jsonl")
    assert (status, out) == (2, "")
    assert err.count("column 3, 'spouse_id', is not a column of the layout") == 1


def test_the_csv_layout_names_real_fields():
    """Every column of the layout fills a field the record model has."""
    fields = set(fl.Person.model_fields)
    assert {path.split("[")[0].split(".")[0] for path, _ in CSV_COLUMNS.values()} <= fields


def test_formats_are_detected():
    """The format comes from the extension, else from the first bytes."""
    assert detect_format("a.JSONL", b"") == "jsonl"
    assert detect_format("a.ndjson", b"") == "jsonl"
    assert detect_format(None, b"  [") == "json"
    assert detect_format(None, b'{\n  "id": "x",\n') == "json"
    assert detect_format(None, b"id,citizenship\n") == "csv"
    assert detect_format(None, b"") == "jsonl"


def test_standard_input(monkeypatch, capsys):
    """'-' (or no file) reads standard input."""
    data = io.BytesIO(b'{"id": "in", "citizenship": "russian"}\n')
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(data))
    _, out, _ = check(capsys, *AS_OF, "--format", "jsonl", "--quiet")
    assert json.loads(out)["person"] == "in"


def test_several_processes_give_the_same_output_in_the_same_order(tmp_path, capsys):
    """--jobs spreads records over processes and keeps the output order."""
    lines = [text for _, text in BROKEN] * 80
    path = tmp_path / "many.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _, one, _ = check(capsys, str(path), *AS_OF, "--format", "jsonl", "--quiet")
    status, two, _ = check(capsys, str(path), *AS_OF, "--format", "jsonl", "--quiet", "--jobs", "2")
    assert status == 1
    assert one == two


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(["check", "missing.jsonl", *AS_OF], "cannot read missing.jsonl", id="an unreadable file"),
        pytest.param(["check", "-", "--reading", "pres"], "invalid choice: 'pres'", id="an unknown reading"),
        pytest.param(["check", "-", "--rule", "citizenship"], "invalid choice: 'citizenship'", id="an unknown rule"),
        pytest.param(["check", "-", "--as-of", "2026-13-01"], "expected a day as YYYY-MM-DD", id="a bad date"),
        pytest.param(["check", "-", "--jobs", "0"], "at least 1", id="no processes"),
        pytest.param(["check", "-", "--format", "xml"], "invalid choice: 'xml'", id="an unknown format"),
        pytest.param(["judge"], "invalid choice: 'judge'", id="an unknown command"),
    ],
)
def test_usage_errors_exit_2(capsys, args, message):
    """Unknown options, rules, readings and unreadable files are usage errors: exit 2, with a message."""
    assert main(args) == 2
    assert message in capsys.readouterr().err


def test_explain_prints_each_record_s_cited_tree(capsys):
    """explain: the reason tree of each record, readable in a terminal, with the disclaimer."""
    assert main(["explain", str(EXAMPLES), *AS_OF]) == 0
    out = capsys.readouterr().out
    assert out.count(fl.DISCLAIMER) == 16
    assert "line 1: p-01 on 2026-06-01, reading: enacted" in out
    assert "(fz-50-2026; derived)" in out


def test_explain_reports_bad_records(tmp_path, capsys):
    """A bad record is explained as an error, and the exit status says so."""
    path = tmp_path / "bad.jsonl"
    path.write_text('{"citizenship": "martian"}\n')
    assert main(["explain", str(path), *AS_OF]) == 1
    assert "line 1: record: 1 problem" in capsys.readouterr().out


def test_rules_lists_rules_readings_and_instruments(capsys):
    """rules: every rule, reading provision and instrument, with dates, statuses and sources."""
    assert main(["rules"]) == 0
    out = capsys.readouterr().out
    assert "extradition-bar" in out
    assert "fz-50-2026: Federal Law No. 50-FZ of 8 Mar 2026 (bill 1075342-8) [confirmed]" in out
    assert "in force: 2026-03-19 (derived) to now" in out
    assert "decree-10, 2024-01-04 (confirmed) to 2025-11-05 (plausible, possibly) [confirmed]" in out
    assert "sources: rferl.org 33621628; tass.com 2039761; nsn.fm" in out


def test_rules_as_json(capsys):
    """rules --format json: the same, for other tools."""
    assert main(["rules", "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert [rule["id"] for rule in document["rules"]] == list(fl.RULE_IDS)
    assert [reading["name"] for reading in document["readings"]] == ["enacted", "summary", "press"]
    item_7 = next(i for i in document["instruments"] if i["key"] == "fz-50-2026")
    assert item_7["start"]["date"] == "2026-03-19"
    assert item_7["start"]["status"] == "derived"


def test_schema_describes_the_input_record(capsys):
    """schema: the JSON Schema of a record, from the model itself."""
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    person = schema["$defs"][schema["$ref"].rsplit("/", 1)[1]]  # a person's family members are persons too
    assert person["required"] == ["citizenship"]
    assert person["additionalProperties"] is False
    assert set(person["properties"]) == set(fl.Person.model_fields)
    assert schema["$defs"]["Contract"]["required"] == ["signed"]


def test_the_progress_line_is_for_terminals_only():
    """The progress line counts records on a terminal and stays silent elsewhere."""
    shown = io.StringIO()
    progress = _Progress(shown, enabled=True)
    progress.shown -= 1  # as if the last update were long ago
    for _ in range(512):
        progress.tick()
    progress.done()
    assert "records" in shown.getvalue()
    silent = io.StringIO()
    quiet = _Progress(silent, enabled=False)
    for _ in range(512):
        quiet.tick()
    quiet.done()
    assert silent.getvalue() == ""


class _Clock:
    """A clock that moves only when told, so that the progress line can be read without timing anything."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.parametrize(
    ("fraction", "said", "not_said"),
    [
        pytest.param(0.25, "25% done, about 30 s left", None, id="a file a quarter read, ten seconds in"),
        pytest.param(None, "/s", "done", id="a pipe: no size, so no share and no time left"),
    ],
)
def test_the_progress_line_shows_the_share_done_and_the_time_left_when_the_size_is_known(
    monkeypatch, fraction, said, not_said
):
    """Known size: records, rate, percent done and time left; a pipe: records and rate only."""
    clock = _Clock()
    monkeypatch.setattr("fighterlaw.cli.time.monotonic", clock)
    shown = io.StringIO()
    progress = _Progress(shown, enabled=True, fraction=lambda: fraction)
    clock.now += 10
    for _ in range(256):
        progress.tick()
    line = shown.getvalue()
    assert "256 records" in line
    assert said in line
    if not_said is not None:
        assert not_said not in line


def test_the_share_of_a_file_read_is_known_and_that_of_a_pipe_is_not(tmp_path):
    """A regular file has a size; standard input from a pipe has none."""
    path = tmp_path / "people.jsonl"
    path.write_text(EXAMPLES.read_text(encoding="utf-8"), encoding="utf-8")
    with path.open("rb") as stream:
        items = _Input(read_items(stream, "jsonl"), stream, _size(stream))
        assert items.fraction() == 0.0
        list(items)
        assert items.fraction() == 1.0
    pipe = _Input(iter(()), io.BytesIO(b""), _size(io.BytesIO(b"")))
    assert pipe.fraction() is None


def test_read_items_keeps_reading_after_bad_bytes():
    """A line that is not UTF-8 is an item of its own; the next line is read as usual."""
    items = list(read_items(io.BytesIO(b"\xff\n" + b'{"citizenship": "russian"}\n'), "jsonl"))
    assert [item.line for item in items] == [1, 2]
    assert items[0].problems
    assert items[1].record == '{"citizenship": "russian"}'


def test_the_console_script_and_module_run(tmp_path):
    """The installed command and ``python -m fighterlaw`` both run, and --version says the version."""
    found = subprocess.run(
        [sys.executable, "-m", "fighterlaw", "check", str(EXAMPLES), *AS_OF, "--format", "csv", "--quiet"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert found.returncode == 0
    assert len(found.stdout.splitlines()) == 17
    version = subprocess.run(
        [sys.executable, "-m", "fighterlaw", "--version"], capture_output=True, text=True, check=True
    )
    assert version.stdout.strip() == f"fighterlaw {fl.__version__}"


# --- timeline, whatif, diff, replay ------------------------------------------------------------------------------

VETERAN = json.dumps(
    {
        "id": "v-1",
        "citizenship": "foreign",
        "contracts": [{"signed": "2023-02-10", "ended": "2024-02-10"}],
        "asylum_in_russia": False,
    }
)


def write(tmp_path: Path, name: str, *lines: str) -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_timeline_shows_when_each_verdict_holds(tmp_path, capsys):
    """timeline: spans of days per rule and subject, from item 7's day on."""
    path = write(
        tmp_path, "v.jsonl", VETERAN.replace('"asylum_in_russia": false', '"combat": true, "asylum_in_russia": false')
    )
    status = main(["timeline", str(path), "--from", "2026-01-01", "--to", "2026-06-01", "--rule", "extradition-bar"])
    out = capsys.readouterr().out
    assert status == 0
    assert "2026-01-01 to 2026-03-18  no" in out
    assert "2026-03-19 to 2026-06-01  yes" in out


def test_timeline_draws_one_file_per_record(tmp_path, capsys):
    """--svg and --html write pictures; with several records each is named by its record."""
    path = write(tmp_path, "two.jsonl", VETERAN, '{"citizenship": "russian"}')
    svg, html = tmp_path / "t.svg", tmp_path / "t.html"
    main(["timeline", str(path), "--from", "2025-01-01", "--to", "2026-06-01", "--svg", str(svg), "--html", str(html)])
    err = capsys.readouterr().err
    assert (tmp_path / "t-v-1.svg").read_text().startswith("<svg")
    assert (tmp_path / "t-line-2.svg").exists()
    assert "<!DOCTYPE html>" in (tmp_path / "t-v-1.html").read_text()
    assert "wrote" in err


def test_timeline_as_json_and_for_one_subject(tmp_path, capsys):
    """--format json: one document per record; --subject keeps one lane per rule."""
    path = write(tmp_path, "v.jsonl", VETERAN)
    main(
        ["timeline", str(path), "--from", "2026-01-01", "--to", "2026-06-01", "--subject", "person", "--format", "json"]
    )
    captured = capsys.readouterr()
    document = json.loads(captured.out)
    assert {lane["subject"] for lane in document["timelines"]} == {"person"}
    assert len(document["timelines"]) == 5
    assert "from 2026-01-01 to 2026-06-01" in captured.err


def test_timeline_refuses_a_reversed_period_and_reports_bad_records(tmp_path, capsys):
    """A period that ends before it begins is a usage error; a bad record or subject is that record's error."""
    path = write(tmp_path, "v.jsonl", VETERAN, '{"citizenship": 1}')
    assert main(["timeline", str(path), "--from", "2026-06-01", "--to", "2026-01-01"]) == 2
    assert "is after --to" in capsys.readouterr().err
    status = main(["timeline", str(path), "--from", "2026-01-01", "--to", "2026-02-01", "--subject", "offence:x"])
    out = capsys.readouterr().out
    assert status == 1
    assert "no subject 'offence:x'" in out
    assert "citizenship: expected" in out


def test_whatif_names_the_fact_that_would_decide(tmp_path, capsys):
    """whatif: for a veteran whose combat is unknown, combat decides item 7."""
    path = write(tmp_path, "v.jsonl", VETERAN)
    status = main(["whatif", str(path), "--as-of", "2026-06-01", "--rule", "extradition-bar"])
    out = capsys.readouterr().out
    assert status == 0
    assert "combat" in out
    assert "true   -> yes" in out


def test_whatif_for_a_decided_verdict_and_as_json(tmp_path, capsys):
    """A decided verdict lists the changes that would turn it, and the day it changes by itself."""
    path = write(
        tmp_path,
        "s.jsonl",
        '{"id": "s", "citizenship": "foreign", "contracts": [{"signed": "2025-01-01"}], "asylum_in_russia": false}',
    )
    main(["whatif", str(path), "--as-of", "2026-03-10", "--rule", "extradition-bar", "--format", "json"])
    document = json.loads(capsys.readouterr().out)
    assert document["line"] == 1
    assert document["next_change"]["from"] == "2026-03-19"
    assert (
        main(["whatif", str(path), "--as-of", "2026-03-10", "--rule", "extradition-bar", "--subject", "offence:z"]) == 1
    )
    assert "offence:z" in capsys.readouterr().out


def test_diff_counts_the_verdicts_that_change_between_readings(capsys):
    """diff: the examples under enacted and press, as a table and as JSON."""
    assert main(["diff", str(EXAMPLES), *AS_OF]) == 0
    table = capsys.readouterr().out
    assert "* the verdict changes: 16 of 89 verdicts." in table
    assert main(["diff", str(EXAMPLES), *AS_OF, "--readings", "enacted,summary", "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["readings"] == ["enacted", "summary"]
    assert document["records"] == 16


def test_diff_counts_unreadable_records_and_refuses_a_bad_pair(tmp_path, capsys):
    """A record that cannot be read is counted as an error (exit 1); a reading pair must be two known readings."""
    path = write(tmp_path, "mixed.jsonl", VETERAN, "{oops")
    assert main(["diff", str(path), *AS_OF, "--format", "json"]) == 1
    assert json.loads(capsys.readouterr().out)["errors"] == 1
    assert main(["diff", str(path), *AS_OF, "--readings", "enacted"]) == 2
    assert "expected two readings" in capsys.readouterr().err


def test_saved_reports_replay_to_the_same_answer(tmp_path, capsys):
    """check --with-input saves reports that replay finds unchanged; a report without its record cannot be replayed."""
    main(["check", str(EXAMPLES), *AS_OF, "--format", "jsonl", "--with-input", "--quiet"])
    saved = write(tmp_path, "saved.jsonl", *capsys.readouterr().out.splitlines())
    assert main(["replay", str(saved)]) == 0
    captured = capsys.readouterr()
    assert captured.out.count("the same answer.") == 16
    assert "16 reports replayed: 16 the same, 0 changed, 0 could not be replayed" in captured.err
    main(["check", str(EXAMPLES), *AS_OF, "--format", "jsonl", "--quiet"])
    bare = write(tmp_path, "bare.jsonl", capsys.readouterr().out.splitlines()[0], "not json")
    assert main(["replay", str(bare), "--format", "json"]) == 1
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert "include_input=True" in lines[0]["errors"][0]["message"]
    assert lines[1]["line"] == 2
    assert "does not parse" in lines[1]["errors"][0]["message"]


def test_a_changed_answer_is_reported_by_replay(tmp_path, capsys):
    """A saved verdict that is no longer the answer is named, with what it was and what it is."""
    main(["check", str(EXAMPLES), *AS_OF, "--format", "jsonl", "--with-input", "--quiet"])
    document = json.loads(capsys.readouterr().out.splitlines()[0])
    document["results"][0]["verdict"] = "no"  # as if an earlier version had answered otherwise
    path = write(tmp_path, "changed.jsonl", json.dumps(document))
    assert main(["replay", str(path)]) == 1
    assert "foreign-contract [person]: no -> yes" in capsys.readouterr().out


def test_json_lines_stay_one_line_whoever_splits_them(tmp_path, capsys):
    """Characters some readers take for line breaks (U+0085, U+2028, U+2029) are escaped in JSON output."""
    record = {"id": "a\u0085b\u2028c\u2029d", "citizenship": "russian"}
    path = write(tmp_path, "odd.jsonl", json.dumps(record, ensure_ascii=False))
    _, out, _ = check(capsys, str(path), *AS_OF, "--format", "jsonl", "--quiet")
    assert len(out.splitlines()) == 1
    assert json.loads(out)["person"] == record["id"]
    _, table, _ = check(capsys, str(path), *AS_OF, "--quiet")
    assert len(table.splitlines()[:4]) == 4  # the date, the header, one row and the blank line before the legend
    assert table.splitlines()[3] == ""


# --- regressions: inputs that once lost records or stopped the run -----------------------------------------------

RECORD = {"citizenship": "foreign", "nationality": "NP", "birth_date": "1990-01-01"}


def test_json_lines_whose_first_line_outruns_the_peek_are_all_read(monkeypatch, capsys):
    """A first record longer than the bytes seen to detect the format is still one record of several."""
    long = {**RECORD, "id": "long", "offences": [{"description": "x" * 9000}]}
    text = "\n".join(json.dumps({**record, "id": ident}) for ident, record in (("long", long), ("b", RECORD))) + "\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(text.encode()))))
    _, out, _ = check(capsys, "-", *AS_OF, "--format", "jsonl", "--quiet")
    assert [json.loads(line).get("person") for line in out.splitlines()] == ["long", "b"]


def test_json_lines_in_a_json_file_lose_only_the_broken_record(tmp_path, capsys):
    """Records one after another in a .json file are each a record; a broken one is skipped to the next line."""
    path = tmp_path / "lines.json"
    path.write_text('{"id": "a", "citizenship": "russian"}\n{"id": "b", oops}\n{"id": "c", "citizenship": "russian"}\n')
    documents = lines_of(path, capsys=capsys)
    assert [(document["line"], document.get("person")) for document in documents] == [(1, "a"), (2, None), (3, "c")]
    assert documents[1]["errors"][0]["code"] == "json_invalid"


def test_pretty_printed_records_one_after_another(tmp_path, capsys):
    """The output of a tool such as jq: objects spread over lines, one after another."""
    path = tmp_path / "pretty.json"
    path.write_text("".join(json.dumps({"id": ident, "citizenship": "russian"}, indent=2) + "\n" for ident in "xyz"))
    documents = lines_of(path, capsys=capsys)
    assert [(document["line"], document["person"]) for document in documents] == [(1, "x"), (5, "y"), (9, "z")]


@pytest.mark.parametrize("name", ["deep.json", "deep.jsonl", "-"])
def test_json_nested_too_deeply_is_an_error_not_a_traceback(tmp_path, monkeypatch, capsys, name):
    """Text nested deeper than Python's JSON reader can follow is that record's error."""
    text = '{"citizenship": ' + "[" * 100_000 + "]" * 100_000 + "}\n"
    if name == "-":
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(text.encode()))))
        status, out, _ = check(capsys, "-", *AS_OF, "--format", "jsonl", "--quiet")
    else:
        path = tmp_path / name
        path.write_text(text)
        status, out, _ = check(capsys, str(path), *AS_OF, "--format", "jsonl", "--quiet")
    (document,) = [json.loads(line) for line in out.splitlines()]
    assert status == 1
    assert document["line"] == 1
    assert document["errors"]


def test_bytes_that_are_not_utf8_in_a_json_array_cost_only_their_record(tmp_path, capsys):
    """The records around a bad byte are still read, and the error is at the bad record's line."""
    path = tmp_path / "bytes.json"
    path.write_bytes(
        b'[\n{"id": "a", "citizenship": "russian"},\n{"id": "b", "citizenship": "russian"},\n'
        b'{"id": "c\xff", "citizenship": "russian"},\n{"id": "d", "citizenship": "russian"}\n]\n'
    )
    documents = lines_of(path, capsys=capsys)
    assert [(document["line"], document.get("person")) for document in documents] == [
        (2, "a"),
        (3, "b"),
        (4, None),
        (5, "d"),
    ]
    assert "byte 0xff" in documents[2]["errors"][0]["message"]


@pytest.mark.parametrize(
    "padding",
    [pytest.param(0, id="within the first chunk read"), pytest.param(70_000, id="across the end of the first chunk")],
)
def test_a_bad_byte_is_found_wherever_the_record_lies(tmp_path, capsys, padding):
    """The byte is found in the record that holds it, however the reader's buffer moved while reading it."""
    path = tmp_path / "bytes.json"
    path.write_bytes(
        b'[\n{"id": "a", "citizenship": "russian"},\n{"id": "b\xfe", "citizenship": "russian", '
        b'"offences": [{"description": "' + b"x" * padding + b'"}]}\n]\n'
    )
    documents = lines_of(path, capsys=capsys)
    assert [(document["line"], document.get("person")) for document in documents] == [(2, "a"), (3, None)]
    assert "byte 0xfe" in documents[1]["errors"][0]["message"]


def test_a_csv_cell_too_long_to_read_is_its_row_s_error(tmp_path, capsys):
    """A cell past the csv module's limit is the error of its row; the other rows are read."""
    path = tmp_path / "long.csv"
    path.write_text(f"id,citizenship,offence_description\na,russian,{'x' * 200_000}\nb,russian,\n")
    documents = lines_of(path, capsys=capsys)
    assert [(document["line"], document.get("person")) for document in documents] == [(2, None), (3, "b")]
    assert documents[0]["errors"][0]["code"] == "csv_row"


def test_csv_problems_inside_a_cell_are_named_by_its_column(tmp_path, capsys):
    """A window's bound, or a required field of a group, is named by the column the user writes."""
    path = tmp_path / "cells.csv"
    path.write_text(
        "id,citizenship,contract_signed,discharge_date\na,foreign,2022-01..2022-13,\nb,foreign,,2024-13-01\n"
    )
    path.write_text(
        "id,citizenship,contract_signed,contract_term_months,discharge_date,discharge_grounds\n"
        "a,foreign,2022-01..2022-13,,,\n"
        "b,foreign,,12,2024-02..2024-13,health\n"
    )
    first, second = lines_of(path, capsys=capsys)
    assert {problem["path"] for problem in first["errors"]} == {"contract_signed"}
    assert {problem["path"] for problem in second["errors"]} == {"contract_signed", "discharge_date"}


def test_timeline_early_periods_and_unwritable_pictures(tmp_path, capsys):
    """A period near the first year of the calendar is answered; a picture that cannot be written is a usage error."""
    path = write(tmp_path, "v.jsonl", VETERAN)
    assert main(["timeline", str(path), "--to", "0003-01-01", "--rule", "foreign-contract"]) == 0
    assert "0001-01-01 to 0003-01-01" in capsys.readouterr().out
    missing = tmp_path / "no-such-folder" / "t.svg"
    assert main(["timeline", str(path), "--from", "2026-01-01", "--to", "2026-02-01", "--svg", str(missing)]) == 2
    assert "cannot write" in capsys.readouterr().err


def test_timeline_pictures_of_records_with_the_same_id_do_not_overwrite_each_other(tmp_path, capsys):
    """Two records whose ids make one file name get a picture each."""
    path = write(
        tmp_path, "twins.jsonl", '{"id": "a/b", "citizenship": "russian"}', '{"id": "a_b", "citizenship": "russian"}'
    )
    main(["timeline", str(path), "--from", "2026-01-01", "--to", "2026-02-01", "--svg", str(tmp_path / "t.svg")])
    capsys.readouterr()
    assert sorted(file.name for file in tmp_path.glob("t-*.svg")) == ["t-a_b-line-2.svg", "t-a_b.svg"]


def test_whatif_keeps_the_record_s_id_and_its_json_on_one_line(tmp_path, capsys):
    """An unknown subject is the error of a record named by its id; JSON output escapes line separators."""
    record = {"id": "a\u2028b", "citizenship": "foreign", "contracts": [{"signed": "2025-01-01"}]}
    path = write(tmp_path, "odd.jsonl", json.dumps(record, ensure_ascii=False))
    main(["whatif", str(path), *AS_OF, "--rule", "extradition-bar", "--subject", "offence:zz", "--format", "json"])
    out = capsys.readouterr().out
    assert len(out.splitlines()) == 1
    assert json.loads(out)["id"] == record["id"]
    main(["whatif", str(path), *AS_OF, "--rule", "extradition-bar", "--format", "json"])
    assert len(capsys.readouterr().out.splitlines()) == 1


def test_diff_names_the_records_it_could_not_read(tmp_path, capsys):
    """Each unreadable record is named on stderr by its line, beside the count."""
    path = write(tmp_path, "mixed.jsonl", VETERAN, '{"citizenship": "martian"}')
    assert main(["diff", str(path), *AS_OF, "--format", "json"]) == 1
    captured = capsys.readouterr()
    assert json.loads(captured.out)["errors"] == 1
    assert "line 2: record: 1 problem" in captured.err
    assert "reading enacted,press" in captured.err


def test_every_command_s_help_has_a_description():
    """Each command says what it does in its --help, beyond the one-line summary of the command list."""
    commands = next(action for action in _parser()._actions if isinstance(action, argparse._SubParsersAction))
    assert set(commands.choices) == {
        "check",
        "explain",
        "timeline",
        "whatif",
        "report",
        "diff",
        "replay",
        "rules",
        "schema",
        "serve",
        "summary",
    }
    for name, parser in commands.choices.items():
        assert parser.description, name
        assert len(parser.description) > 60, name


def test_explain_picks_people_by_id_and_questions_by_rule(capsys):
    """--id (repeatable) picks records, in input order; --rule (repeatable) picks questions."""
    status = main(["explain", str(EXAMPLES), *AS_OF, "--id", "p-14", "--id", "p-04", "--rule", "extradition-bar"])
    out = capsys.readouterr().out
    assert status == 0
    records = [line for line in out.splitlines() if line.startswith("line ")]
    assert records == ["line 4: p-04 on 2026-06-01, reading: enacted", "line 14: p-14 on 2026-06-01, reading: enacted"]
    assert "extradition-bar [person]" in out
    assert "extradition-bar [offence:o3]" in out
    for other in ("foreign-contract [", "stateless-contract [", "simplified-citizenship ["):
        assert other not in out


def test_explain_says_which_ids_no_record_has(capsys):
    """An id that no record has is a usage error, named."""
    status = main(["explain", str(EXAMPLES), *AS_OF, "--id", "p-01", "--id", "p-99", "--rule", "foreign-contract"])
    captured = capsys.readouterr()
    assert status == 2
    assert "line 1: p-01" in captured.out
    assert "no record has the id 'p-99'" in captured.err


def test_replay_errors_say_how_to_save_reports_that_replay(tmp_path, capsys):
    """A report saved without its record names the command that saves one with it."""
    main(["check", str(EXAMPLES), *AS_OF, "--format", "jsonl", "--quiet"])
    bare = write(tmp_path, "bare.jsonl", capsys.readouterr().out.splitlines()[0])
    assert main(["replay", str(bare)]) == 1
    assert "'fighterlaw check --format jsonl --with-input'" in capsys.readouterr().out
