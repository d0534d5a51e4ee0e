"""Tables in, tables out: pyarrow, pandas and polars tables in both layouts, and Parquet files on the command line."""

from __future__ import annotations

import csv
import pickle
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import fighterlaw as fl
from fighterlaw import tables
from fighterlaw._input import CSV_COLUMNS
from fighterlaw.cli import main
from fighterlaw.strategies import milestone_days, persons

ON = date(2026, 6, 1)
EXAMPLES = Path(__file__).parent.parent / "examples" / "people.jsonl"
VERDICTS = list(fl.RULE_IDS)

SOLDIER = {
    "id": "soldier",
    "citizenship": "foreign",
    "asylum_in_russia": False,
    "contracts": [{"signed": "2023-05-02"}],
}
RUSSIAN = {"id": "russian", "citizenship": "russian"}
VETERAN = {
    "id": "veteran",
    "citizenship": "foreign",
    "asylum_in_russia": False,
    "contracts": [{"signed": "2023-05-02", "ended": "2024-05-02"}],
}


@pytest.mark.parametrize(
    ("record", "bar", "reason", "error"),
    [
        pytest.param(
            SOLDIER, "yes", None, None, id="a soldier serving under contract on 1 June 2026 is not extradited"
        ),
        pytest.param(RUSSIAN, "yes", None, None, id="a Russian citizen is never extradited"),
        pytest.param(
            VETERAN,
            "undetermined",
            "extradition-bar: missing: combat",
            None,
            id="a veteran whose combat is unknown is open, and the reason names combat",
        ),
        pytest.param(
            {"id": "m", "citizenship": "martian"},
            None,
            None,
            "citizenship: expected 'foreign', 'stateless' or 'russian'; found 'martian'",
            id="an unknown citizenship is a row's error named by its field, and the row is kept",
        ),
    ],
)
def test_nested_rows_answer_as_the_scalar_path(record, bar, reason, error):
    """Each row's verdict, reason and error, in a pyarrow table of the nested layout."""
    answers = fl.evaluate_table(tables.records_table([record]), as_of=ON, rules=["extradition-bar"])
    row = answers.to_pylist()[0]
    assert (row["id"], row["extradition-bar"], row["reason"], row["error"]) == (record["id"], bar, reason, error)


def test_every_row_is_answered_in_order_with_its_id_and_a_column_per_rule():
    """One row out per row in, in order; the columns are named as in the CSV output, with their statuses."""
    records = [RUSSIAN, {"id": "m", "citizenship": "martian"}, SOLDIER]
    answers = fl.evaluate_table(tables.records_table(records), as_of=ON)
    assert answers.column("id").to_pylist() == ["russian", "m", "soldier"]
    assert [name for name in answers.column_names if name in VERDICTS] == VERDICTS
    assert answers.column("extradition-bar:status").to_pylist() == ["confirmed", None, "derived"]
    assert answers.schema == tables.schema()


def test_offences_have_their_own_verdicts():
    """Each alleged offence: its id, its verdict and status; a serving soldier's bar holds whatever the offence."""
    record = {**SOLDIER, "offences": [{"id": "o1", "combat_related": True}, {"id": "o2", "combat_related": False}]}
    answers = fl.evaluate_table(tables.records_table([record]), as_of=ON, rules=["extradition-bar"])
    offences = answers.column(tables.OFFENCES).to_pylist()[0]
    assert [(o["offence"], o["verdict"]) for o in offences] == [("o1", "yes"), ("o2", "yes")]


def test_a_pandas_frame_gives_a_pandas_frame_with_its_index():
    """The answers line up with the rows they answer, by the frame's own index."""
    frame = pd.DataFrame([SOLDIER, RUSSIAN], index=[10, 20])
    answers = fl.evaluate_table(frame, as_of=ON, rules=["extradition-bar"])
    assert isinstance(answers, pd.DataFrame)
    assert list(answers.index) == [10, 20]
    assert list(answers["extradition-bar"]) == ["yes", "yes"]


def test_a_polars_frame_gives_a_polars_frame():
    """Polars in, polars out."""
    frame = pl.from_arrow(tables.records_table([VETERAN, RUSSIAN]))
    answers = fl.evaluate_table(frame, as_of=ON, rules=["extradition-bar"])
    assert isinstance(answers, pl.DataFrame)
    assert answers["extradition-bar"].to_list() == ["undetermined", "yes"]


def test_a_pandas_column_mixing_text_and_windows_is_still_read():
    """A date given as text in one row and as a window in the next cannot be one Arrow column: no row is lost."""
    frame = pd.DataFrame(
        {"citizenship": ["stateless", "stateless"], "birth_date": ["1994", {"from": "1990-01-01", "to": "1990-06-30"}]}
    )
    answers = fl.evaluate_table(frame, as_of=ON, rules=["stateless-contract"])
    assert list(answers["stateless-contract"]) == ["yes", "yes"]
    assert answers["error"].isna().all()


@pytest.mark.parametrize(
    ("column", "value", "verdict"),
    [
        pytest.param("birth_date", date(1990, 1, 1), "yes", id="a date column is the day"),
        pytest.param("birth_date", datetime(1990, 1, 1), "yes", id="a timestamp at midnight, as pandas keeps dates"),
        pytest.param("birth_date", "1990-01-01..1990-12-31", "yes", id="a window written FROM..TO"),
        pytest.param("birth_date", "2015-01-01..2015-12-31", "no", id="a window wholly under 18 on 1 June 2026"),
    ],
)
def test_nested_dates_in_arrow_forms(column, value, verdict):
    """Dates as Arrow holds them: date columns, timestamps at midnight, windows as text."""
    table = tables.records_table([{"citizenship": "stateless", column: value}])
    answers = fl.evaluate_table(table, as_of=ON, rules=["stateless-contract"])
    assert answers.column("stateless-contract").to_pylist() == [verdict]


def test_a_timestamp_with_a_time_of_day_is_not_a_date():
    """A moment is not a day: the row's error names the field."""
    table = tables.records_table([{"citizenship": "stateless", "birth_date": datetime(1990, 1, 1, 12, 30)}])
    error = fl.evaluate_table(table, as_of=ON).column("error").to_pylist()[0]
    assert error.startswith("birth_date:")


def test_a_term_as_digits_beside_open_is_read_as_months():
    """A term column mixing 'open' and 12 must be text in Arrow: the digits are a number of months."""
    contracts = [[{"signed": "2023-05-02", "term_months": "12"}], [{"signed": "2023-05-02", "term_months": "open"}]]
    table = pa.table({"citizenship": ["foreign", "foreign"], "contracts": contracts})
    assert fl.evaluate_table(table, as_of=ON).column("error").to_pylist() == [None, None]


def test_a_column_the_record_does_not_have_is_named_on_every_row():
    """An unknown column is every row's error, even where its cell is empty."""
    table = pa.table({"citizenship": ["russian", "russian"], "combatt": [True, None]})
    errors = fl.evaluate_table(table, as_of=ON).column("error").to_pylist()
    assert all(error.startswith("combatt: unknown field 'combatt'; did you mean 'combat'?") for error in errors)


def test_the_flat_layout_is_read_as_the_csv_layout_with_problems_named_by_column():
    """Flat columns, typed or text; a bad cell is named by its column."""
    frame = pd.DataFrame(
        {
            "id": ["a", "b", "c"],
            "citizenship": ["foreign", "foreign", "foreign"],
            "asylum_in_russia": [False, False, False],
            "contract_signed": ["2023-05-02", "2023-05-02", "2023-05-02"],
            "contract_term_months": [12.0, float("nan"), 12.0],  # pandas keeps whole numbers with gaps as floats
            "offence_combat_related": ["true", None, "perhaps"],
        }
    )
    answers = fl.evaluate_table(frame, as_of=ON, rules=["extradition-bar"])
    assert list(answers["extradition-bar"])[:2] == ["yes", "yes"]
    assert answers["error"][2] == "offence_combat_related: expected true or false; found 'perhaps'"


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda table: table.to_batches()[0], id="a record batch"),
        pytest.param(lambda table: pa.RecordBatchReader.from_batches(table.schema, table.to_batches()), id="a stream"),
    ],
)
def test_other_arrow_tables_give_a_pyarrow_table(make):
    """Anything that speaks the Arrow C stream (or is a batch) is read; the answers are a pyarrow table."""
    answers = fl.evaluate_table(make(tables.records_table([RUSSIAN])), as_of=ON, rules=["extradition-bar"])
    assert isinstance(answers, pa.Table)
    assert answers.column("extradition-bar").to_pylist() == ["yes"]


@pytest.mark.parametrize(
    "columns",
    [
        pytest.param(["citizenship", "citizenship"], id="nested layout"),
        pytest.param(["citizenship", "contract_signed", "contract_signed"], id="flat layout"),
    ],
)
def test_a_column_given_twice_is_every_row_s_error(columns):
    """Arrow allows two columns of one name; which one holds the record is not known, so no row is answered."""
    table = pa.Table.from_arrays([pa.array(["russian"])] * len(columns), names=columns)
    errors = fl.evaluate_table(table, as_of=ON).column("error").to_pylist()
    assert errors[0].startswith("(record): column(s) ")
    assert "appear more than once" in errors[0]


def test_something_that_is_not_a_table_is_refused():
    """A clear TypeError, saying what a table is."""
    with pytest.raises(TypeError, match="expected a table"):
        fl.evaluate_table(object(), as_of=ON)


def test_the_partition_function_is_picklable_and_its_meta_matches():
    """Dask sends the function to its workers; its output has meta's columns and types."""
    function = pickle.loads(pickle.dumps(tables.evaluate_partition))  # noqa: S301 - our own function, round-tripped
    frame = pd.DataFrame([SOLDIER, {"citizenship": "martian"}])
    answers = function(frame, as_of=ON, rules=["extradition-bar"])
    expected = tables.meta(["extradition-bar"])
    assert list(answers.columns) == list(expected.columns)
    assert list(answers.dtypes) == list(expected.dtypes)


# --- agreement with the scalar path ------------------------------------------------------------------------------


def _expected(outcome: fl.Report | fl.InputError) -> dict[str, Any]:
    if isinstance(outcome, fl.InputError):
        return {"id": outcome.record_id, "error": True}
    row: dict[str, Any] = {"id": outcome.person, "error": False, "offences": []}
    for result in outcome.results:
        if result.subject == "person":
            row[result.rule] = (result.verdict.value, result.status.value)
        else:
            row["offences"].append((result.subject.removeprefix("offence:"), result.verdict.value))
    return row


def _found(row: dict[str, Any]) -> dict[str, Any]:
    if row["error"] is not None:
        return {"id": row["id"], "error": True}
    found: dict[str, Any] = {"id": row["id"], "error": False}
    found.update({rule: (row[rule], row[f"{rule}:status"]) for rule in VERDICTS})
    found["offences"] = [(o["offence"], o["verdict"]) for o in row[tables.OFFENCES]]
    return found


@settings(max_examples=25)
@given(
    st.lists(persons(around=milestone_days()), min_size=1, max_size=6),
    st.sampled_from(milestone_days()),
    st.sampled_from(["enacted", "press", "all"]),
)
def test_a_table_agrees_with_evaluate_many_row_for_row(people, day, reading):
    """Random records as a nested Arrow table: every row's verdicts and statuses are those of evaluate_many."""
    records = [person.model_dump(mode="json", exclude_none=True) for person in people]
    table = tables.records_table(records)
    answers = fl.evaluate_table(table, as_of=day, reading=reading)
    expected = [_expected(outcome) for outcome in fl.evaluate_many(records, as_of=day, reading=reading)]
    assert [_found(row) for row in answers.to_pylist()] == expected
    verdicts = fl.evaluate_table(table, as_of=day, reading=reading, reasons=False)
    for rule in VERDICTS:
        assert verdicts.column(rule).to_pylist() == answers.column(rule).to_pylist()
        assert verdicts.column(f"{rule}:status").null_count == len(records)
    assert verdicts.column("error").to_pylist() == answers.column("error").to_pylist()
    offences = [
        [(o["offence"], o["verdict"]) for o in row or []] for row in verdicts.column(tables.OFFENCES).to_pylist()
    ]
    assert offences == [
        [(o["offence"], o["verdict"]) for o in row or []] for row in answers.column(tables.OFFENCES).to_pylist()
    ]


# --- Parquet on the command line ---------------------------------------------------------------------------------


@pytest.fixture
def people_parquet(tmp_path: Path) -> Path:
    """The example records and one bad record, as a Parquet file of the nested layout, in two row groups."""
    import json  # noqa: PLC0415

    records = [json.loads(line) for line in EXAMPLES.read_text().splitlines()]
    records.insert(3, {"id": "bad", "citizenship": "martian"})
    path = tmp_path / "people.parquet"
    pq.write_table(tables.records_table(records), path, row_group_size=7)
    return path


def test_check_writes_parquet_as_evaluate_table_answers(people_parquet, tmp_path, capsys):
    """Parquet in, Parquet out: the same answers as the library's, every row kept, exit 1 for the bad one."""
    out = tmp_path / "answers.parquet"
    status = main(["check", str(people_parquet), "--as-of", "2026-06-01", "--format", "parquet", "--output", str(out)])
    assert status == 1
    assert "17 records read, 16 reports, 1 errors" in capsys.readouterr().err
    assert pq.read_table(out).equals(fl.evaluate_table(pq.read_table(people_parquet), as_of=ON))


def test_check_verdicts_only_writes_parquet_from_the_vectorised_evaluator(people_parquet, tmp_path, capsys):
    """--verdicts-only: the same verdicts and errors row for row, without the status and reason columns."""
    out = tmp_path / "verdicts.parquet"
    day = ["--as-of", "2026-06-01", "--format", "parquet", "--output", str(out), "--verdicts-only"]
    assert main(["check", str(people_parquet), *day]) == 1
    assert "17 records read, 16 reports, 1 errors" in capsys.readouterr().err
    found, full = pq.read_table(out), fl.evaluate_table(pq.read_table(people_parquet), as_of=ON)
    for rule in VERDICTS:
        assert found.column(rule).equals(full.column(rule))
        assert found.column(f"{rule}:status").null_count == found.num_rows
    assert found.column("error").equals(full.column("error"))
    assert found.column(tables.REASON).null_count == found.num_rows


def test_check_reads_parquet_into_every_other_format(people_parquet, capsys):
    """A Parquet file read as any other input: the CSV output names the bad row by its line and field."""
    status = main(["check", str(people_parquet), "--as-of", "2026-06-01", "--format", "csv"])
    lines = capsys.readouterr().out.splitlines()
    assert status == 1
    assert len(lines) == 18
    cells = next(csv.reader([lines[4]]))
    assert cells[:2] == ["4", "bad"]
    assert set(cells[2:-1]) == {""}  # every answer column empty
    assert cells[-1].startswith("citizenship: expected")


def test_check_writes_parquet_from_json_lines(tmp_path, capsys):
    """JSON Lines in, Parquet out; every record valid: exit 0."""
    out = tmp_path / "answers.parquet"
    assert main(["check", str(EXAMPLES), "--as-of", "2026-06-01", "--format", "parquet", "--output", str(out)]) == 0
    assert pq.read_table(out).num_rows == 16


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        pytest.param(["--format", "parquet"], "--format parquet needs --output FILE", id="parquet needs a file"),
        pytest.param(
            ["--format", "parquet", "--output", "x", "--jobs", "2"], "use --dask local", id="jobs do not spread parquet"
        ),
        pytest.param(["--dask", "local"], "--dask writes Parquet", id="dask writes parquet"),
    ],
)
def test_parquet_usage_errors(extra, message, capsys):
    """Options that cannot go together are a usage error (exit 2) that says what to give."""
    assert main(["check", str(EXAMPLES), "--as-of", "2026-06-01", *extra]) == 2
    assert message in capsys.readouterr().err


def test_a_file_that_is_not_parquet_is_one_error_not_a_traceback(tmp_path, capsys):
    """Bytes that claim to be Parquet and are not: one error record, exit 1."""
    bad = tmp_path / "broken.parquet"
    bad.write_bytes(b"PAR1 and nothing else")
    assert main(["check", str(bad), "--as-of", "2026-06-01", "--format", "jsonl"]) == 1
    assert "expected a Parquet file" in capsys.readouterr().out


def test_rows_past_a_part_that_cannot_be_read_are_each_an_error(tmp_path, capsys):
    """A Parquet file damaged in its second row group: the rows before are answered, every row after is an error."""
    path = tmp_path / "damaged.parquet"
    records = [{"id": f"r{index}", "citizenship": "foreign", "nationality": "NP"} for index in range(10_000)]
    pq.write_table(tables.records_table(records), path, row_group_size=5_000)
    column = pq.ParquetFile(path).metadata.row_group(1).column(0)
    start = column.dictionary_page_offset or column.data_page_offset
    data = bytearray(path.read_bytes())
    data[start + 4 : start + 400] = b"\x7f" * 396
    path.write_bytes(bytes(data))
    out = tmp_path / "answers.parquet"
    assert main(["check", str(path), "--as-of", "2026-06-01", "--format", "parquet", "--output", str(out)]) == 1
    answers = pq.read_table(out)
    assert answers.num_rows == 10_000
    errors = answers.column("error").to_pylist()
    first = errors.index(next(error for error in errors if error))
    assert errors[first].startswith(f"(record): expected a readable Parquet file; from row {first + 1} on it is not")
    assert all(errors[first:]) and not any(errors[:first])
    assert 0 < first <= 5_000


def test_with_input_is_for_json_reports(tmp_path, capsys):
    """Parquet answers do not carry the records: asking for them is a usage error."""
    args = ["check", str(EXAMPLES), "--format", "parquet", "--output", str(tmp_path / "x.parquet"), "--with-input"]
    assert main(args) == 2
    assert "--with-input" in capsys.readouterr().err


def test_a_parquet_file_is_known_by_its_first_bytes(people_parquet, capsys):
    """Parquet on standard input, or under another name, is found by its magic bytes."""
    renamed = people_parquet.with_suffix(".data")
    people_parquet.rename(renamed)
    assert main(["check", str(renamed), "--as-of", "2026-06-01", "--format", "csv", "--rule", "extradition-bar"]) == 1
    assert len(capsys.readouterr().out.splitlines()) == 18


_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**40), 2**40),
    st.floats(allow_nan=True),
    st.text(max_size=12),
    st.sampled_from(["foreign", "stateless", "russian", "2026-03-19", "1990..1991", "open", "12", "unknown"]),
    st.dates(),
)
_NAMES = st.sampled_from([*fl.Person.model_fields, *CSV_COLUMNS, "extra", ""])


@settings(max_examples=40)
@given(st.dictionaries(_NAMES, _SCALARS, min_size=1, max_size=6), st.integers(1, 3))
def test_any_table_of_any_cells_answers_every_row_without_raising(row, copies):
    """Whatever the columns and cells, every row gives one answer or one error naming what is wrong; none raises."""
    table = pa.Table.from_pylist([row] * copies)
    answers = fl.evaluate_table(table, as_of=ON)
    assert answers.num_rows == copies
    for found in answers.to_pylist():
        assert (found["error"] is None) == (found["extradition-bar"] is not None)


def test_an_assumed_fact_fills_what_a_row_leaves_unknown():
    """A veteran whose combat is unknown, assumed to have fought: item 7 bars extradition (LAW: served and fought)."""
    table = tables.records_table([VETERAN, {**VETERAN, "id": "v-2", "combat": False}])
    answers = fl.evaluate_table(table, as_of=ON, rules=["extradition-bar"], assume={"combat": True})
    assert answers.column("extradition-bar").to_pylist() == ["yes", "no"]


def test_without_pyarrow_tables_say_which_extra_to_install_and_records_still_work(monkeypatch):
    """pyarrow is optional: a table asks for the extra; population views over plain records need none of it."""
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(ImportError, match=r"pip install 'fighterlaw\[tables\]'"):
        fl.evaluate_table(object(), as_of=ON)
    view = fl.population([RUSSIAN], start=ON, end=ON, rules=["extradition-bar"])
    assert view.tally("extradition-bar").yes == (1,)
