"""Tables in, tables out: the verdicts for every row of a pyarrow, pandas or polars table, and of Parquet files.

:func:`evaluate_table` takes any table that speaks the Arrow interchange, in either of two layouts:

- the **nested** layout: one column per top-level field of the record (``citizenship``, ``birth_date``,
  ``contracts``, ...), with lists of structs for contracts, family links and offences, as Parquet holds them;
- the **flat** layout: the columns of the CSV layout (``contract_signed``, ``offence_purpose``, ...), one
  contract, one discharge and one offence per row.

It returns a table of the same kind (a pyarrow ``Table``, a pandas or a polars ``DataFrame``), one row per input
row, in order: ``id``; for each rule a verdict column named as in the CSV output (``foreign-contract``, ...,
``extradition-bar``) and a status column (``extradition-bar:status``); ``extradition-bar:offences``, a list of
each offence's verdict; ``reason``, what each answer turns on: the facts and legal points that hold an open one
open, and the assumptions an answer rests on (``extradition-bar: missing: combat | simplified-citizenship:
unsettled: decree-10.end``); and ``error``, each problem of a row that could not be read, named by field path
(or by column, in the flat layout). A bad row is never dropped.

An Arrow column holds one type, so two forms of the record that JSON mixes freely are also read as text here: a
date window as ``FROM..TO`` (as in the CSV layout), and a contract's term as digits beside ``open``. A null is
what a field left out means, and a timestamp at midnight (as pandas keeps dates) is that day.

pyarrow and numpy are needed (``pip install 'fighterlaw[tables]'``); pandas and polars never are. A table in
the nested layout is answered by the vectorised evaluator (:mod:`fighterlaw.vector`), every row at once, from
the same rule graph as one record's answer, statuses and reasons included; the rows it cannot vouch for are
answered one by one as :func:`fighterlaw.evaluate_many` answers them, so every answer is the same. With the
reasons, a row with an open answer that a fact would decide, or an open offence, is among those.
``reasons=False`` gives the verdicts alone, fastest (``benchmarks/vector.py`` and ``benchmarks/tables.py`` print
the speed).

>>> from datetime import date
>>> import pyarrow as pa
>>> import fighterlaw as fl
>>> people = pa.table({"id": ["a", "b"], "citizenship": ["russian", "martian"]})
>>> answers = fl.evaluate_table(people, as_of=date(2026, 6, 1), rules=["extradition-bar"])
>>> answers.column("extradition-bar").to_pylist(), answers.column("error").to_pylist()[1][:46]
(['yes', None], "citizenship: expected 'foreign', 'stateless' o")
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import IO, TYPE_CHECKING, Any, Final, Literal, TypeAlias

from fighterlaw._input import CSV_COLUMNS, Item, UnreadableInput, check_header, person_of, row_item
from fighterlaw.dates import window_of
from fighterlaw.engine import Evaluation, chosen_rules
from fighterlaw.errors import InputError, Problem
from fighterlaw.facts import Person
from fighterlaw.logic import Status, Verdict
from fighterlaw.report import Report, why_text
from fighterlaw.rulebook import RULEBOOK, Reading, Rulebook

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = [
    "ERROR",
    "OFFENCES",
    "REASON",
    "ClusterError",
    "Layout",
    "answers_of_items",
    "answers_of_parquet",
    "answers_on_dask",
    "arrow_form",
    "evaluate_partition",
    "evaluate_table",
    "is_table",
    "items_of",
    "layout_of",
    "meta",
    "parquet_items",
    "persons_of",
    "records_table",
    "schema",
    "write_parquet",
]

Layout = Literal["nested", "flat"]

OFFENCES: Final = "extradition-bar:offences"
"""The column of each offence's verdict: a list of ``{"offence", "verdict", "status"}``."""
REASON: Final = "reason"
"""The column saying what holds each open answer open: the facts that would decide it, and the legal points."""
ERROR: Final = "error"
"""The column of a row that could not be read: each problem, with its field path (or column), ``; ``-separated."""

_BATCH: Final = 4096  # rows per batch when reading or writing Parquet
_FLAT_ONLY: Final = frozenset(CSV_COLUMNS) - frozenset(Person.model_fields)
_DATE_FIELDS: Final = frozenset({"naturalised", "birth_date", "signed", "ended", "date"})


def _pyarrow() -> Any:
    try:
        import pyarrow  # noqa: PLC0415 - an optional extra, loaded only when tables are asked for
    except ImportError:
        msg = "tables need pyarrow: pip install 'fighterlaw[tables]'"
        raise ImportError(msg) from None
    return pyarrow


def schema(rules: Iterable[str] | None = None) -> pa.Schema:
    """The columns :func:`evaluate_table` returns for ``rules`` (every rule by default), with their types.

    >>> schema(["extradition-bar"]).names
    ['id', 'extradition-bar', 'extradition-bar:status', 'extradition-bar:offences', 'reason', 'error']
    """
    return _schema(tuple(chosen_rules(rules)))


@functools.cache
def _schema(rules: tuple[str, ...]) -> pa.Schema:
    pa = _pyarrow()
    fields = [pa.field("id", pa.string())]
    for rule in rules:
        fields += [pa.field(rule, pa.string()), pa.field(f"{rule}:status", pa.string())]
    if "extradition-bar" in rules:
        offence = pa.struct([("offence", pa.string()), ("verdict", pa.string()), ("status", pa.string())])
        fields.append(pa.field(OFFENCES, pa.list_(offence)))
    fields += [pa.field(REASON, pa.string()), pa.field(ERROR, pa.string())]
    return pa.schema(fields)


def meta(rules: Iterable[str] | None = None) -> Any:
    """An empty pandas ``DataFrame`` with the columns and types :func:`evaluate_partition` returns (Dask's ``meta``).

    >>> list(meta(["foreign-contract"]).columns)
    ['id', 'foreign-contract', 'foreign-contract:status', 'reason', 'error']
    """
    return schema(rules).empty_table().to_pandas()


def evaluate_table(
    table: Any,
    *,
    as_of: date,
    reading: str | Reading = "enacted",
    rules: Iterable[str] | None = None,
    rulebook: Rulebook = RULEBOOK,
    assume: Mapping[str, Any] | None = None,
    reasons: bool = True,
) -> Any:
    """The verdicts for every row of ``table``, as a table of the same kind, one row per input row, in order.

    ``table`` is a pyarrow ``Table`` or ``RecordBatch``, a pandas or polars ``DataFrame``, or any table with the
    Arrow C stream or dataframe interchange protocol (then a pyarrow ``Table`` is returned), in the nested or the
    flat layout (see the module). A pandas result keeps the input's index. ``assume`` fills facts a row leaves
    unknown, as for :func:`fighterlaw.evaluate`; a row whose own facts contradict it gets that as its error.
    ``reasons=False`` gives the verdicts alone, faster: the status and reason columns are empty, as the reasons
    they are read from are never worked out.

    Raises:
        TypeError: ``table`` is not a table, or ``as_of`` is not a ``date``.
        UnknownNameError: an unknown reading or rule id; the message lists the valid ones.
    """
    evaluation = Evaluation(as_of=as_of, reading=reading, rules=rules, rulebook=rulebook, assume=assume)
    kind = _kind(table)
    arrow = _arrow(table, kind)
    if arrow is None:  # a pandas frame whose object columns mix types, which Arrow cannot hold in one column
        answers = _columns(_outcomes(_pandas_items(table), evaluation, reasons=reasons), evaluation)
    else:
        answers = _answer(arrow, evaluation, reasons=reasons)
    if kind == "pandas":
        frame = answers.to_pandas()
        frame.index = table.index
        return frame
    if kind == "polars":
        import polars  # noqa: PLC0415 - the caller's own frame library, present since it made the frame

        return polars.from_arrow(answers)
    return answers


def evaluate_partition(
    partition: Any,
    *,
    as_of: date,
    reading: str | Reading = "enacted",
    rules: Iterable[str] | None = None,
    assume: Mapping[str, Any] | None = None,
    reasons: bool = True,
) -> Any:
    """One partition of a Dask dataframe (a pandas ``DataFrame``) evaluated: the table :func:`meta` describes.

    A plain module-level function, so that Dask can send it to its workers::

        answers = frame.map_partitions(evaluate_partition, as_of=day, rules=rules, meta=meta(rules))

    The result keeps the partition's index, so the answers line up with the rows they answer.
    """
    return evaluate_table(partition, as_of=as_of, reading=reading, rules=rules, assume=assume, reasons=reasons)


def is_table(value: object) -> bool:
    """Whether ``value`` is a table :func:`evaluate_table` reads, rather than an iterable of records."""
    if _kind(value) != "arrow":
        return True
    return (
        hasattr(value, "__arrow_c_stream__")
        or hasattr(value, "__dataframe__")
        or type(value).__name__
        in (
            "Table",
            "RecordBatch",
        )
    )


def persons_of(table: Any) -> Iterator[Person | InputError]:
    """Each row of a table (any kind :func:`evaluate_table` takes) as a ``Person``, or the error in its place."""
    kind = _kind(table)
    arrow = _arrow(table, kind)
    for item in _pandas_items(table) if arrow is None else items_of(arrow):
        yield person_of(item)


def _answer(table: pa.Table, evaluation: Evaluation, *, reasons: bool = True) -> pa.Table:
    """The evaluator: every row of an Arrow table, in either layout, to its verdict, status and reason columns.

    Every table, file and Dask partition is answered here. A table in the nested layout under one reading
    without assumptions goes to the vectorised evaluator (:mod:`fighterlaw.vector`); otherwise, and for the rows
    it does not vouch for, the rows are read back as records and evaluated one by one on the scalar path,
    exactly as :func:`fighterlaw.evaluate_many` does.
    """
    if not evaluation.together and not evaluation.assumptions:
        found = _vectorised(table, evaluation, reasons=reasons)
        if found is not None:
            return found
    return _columns(_outcomes(items_of(table), evaluation, reasons=reasons), evaluation)


def _vectorised(table: pa.Table, evaluation: Evaluation, *, reasons: bool = False) -> pa.Table | None:
    """The answers to every row from the vectorised evaluator, or ``None`` for a table it does not read.

    Rows it does not vouch for (values it does not check as the models do; an open verdict with a fact the row
    leaves unknown, which only the scalar path makes exact) are answered by the scalar path and put in place.
    With ``reasons``, the statuses come from the evaluator too, and so does the reason column where an open
    answer turns on the law's unsettled points alone; a row with an open answer whose reasons name a fact that
    would decide it, or with an open offence, is answered by the scalar path.
    """
    if layout_of(table.column_names) == "flat":
        return None
    try:
        import numpy as np  # noqa: PLC0415 - part of the optional extra

        from fighterlaw import vector  # noqa: PLC0415
    except ImportError:  # pragma: no cover - the extra brings numpy
        return None
    pa = _pyarrow()
    try:
        table = vector.plain(table)
        columns = vector.Columns.of(table)
    except (vector.Unsupported, pa.ArrowException):  # a cast Arrow cannot make: record by record
        return None
    rules = evaluation.rules
    n = table.num_rows
    planned = evaluation.plans[0]
    try:
        found = vector.reliant(planned, columns) if reasons else vector.kleene(planned, columns)
    except vector.Unsupported:
        return None
    unsure = vector.unsure(found, n)
    scalar_rows = ~columns.checked | (unsure & ~columns.exact)
    reason = nothing = pa.nulls(n, pa.string())
    if reasons:
        opens = vector.opened(planned, columns, found)
        for held in opens:
            scalar_rows |= held.one_by_one
        reason = _reasons(rules, found, opens, np.flatnonzero(unsure & ~scalar_rows), n)
    scalar = np.flatnonzero(scalar_rows)
    names = pa.array(["no", "undetermined", "yes"])
    arrays: dict[str, Any] = {"id": table.column("id").combine_chunks() if "id" in table.column_names else nothing}
    for position, (rule, verdicts) in enumerate(zip(rules, found.person, strict=True)):
        arrays[rule] = names.take(pa.array(verdicts))
        arrays[f"{rule}:status"] = _statuses(found.person_reliance, position, n)
    if "extradition-bar" in rules:
        position = rules.index("extradition-bar")
        verdicts = found.offences[position]
        ids = columns.offence_ids
        assert ids is not None  # noqa: S101 - every table read has its offences' ids
        offences = pa.StructArray.from_arrays(
            [ids, names.take(pa.array(verdicts)), _statuses(found.offence_reliance, position, len(ids))],
            names=["offence", "verdict", "status"],
        )
        counts = np.bincount(found.owner, minlength=n)
        offsets = pa.array(np.concatenate([[0], np.cumsum(counts)]).astype(np.int32))
        arrays[OFFENCES] = pa.ListArray.from_arrays(offsets, offences)
    arrays[REASON] = reason
    arrays[ERROR] = nothing
    answers = pa.table(arrays).cast(schema(rules))
    if not len(scalar):
        return answers
    rows = table.take(pa.array(scalar))
    others = _columns(_outcomes(items_of(rows), evaluation, reasons=reasons), evaluation)
    order = np.arange(n)
    order[scalar] = n + np.arange(len(scalar))
    return pa.concat_tables([answers, others]).take(pa.array(order))


def _reasons(rules: Sequence[str], found: Any, opens: Sequence[Any], rows: Any, n: int) -> pa.Array:
    """The reason column: for each of ``rows`` (open answers the columns can explain), what holds them open.

    Worded as :attr:`fighterlaw.Result.why` words it, the answers in report order (an open offence's reasons
    are read one by one, so here only the person's answers are open).
    """
    import numpy as np  # noqa: PLC0415 - part of the optional extra

    from fighterlaw.vector import CODES  # noqa: PLC0415

    pa = _pyarrow()
    if not len(rows):
        return pa.nulls(n, pa.string())
    undetermined = CODES[Verdict.UNDETERMINED]
    held = [found_open.why(rows) for found_open in opens]
    # Each row's reason is one of few: group the rows by which text each open answer has, and word each group once.
    keys = np.stack(
        [np.where(found.person[position][rows] == undetermined, group, -1) for position, (group, _) in enumerate(held)],
        axis=1,
    )
    distinct, which = np.unique(keys, axis=0, return_inverse=True)
    worded: list[str | None] = []
    for key in distinct.tolist():
        parts = []
        for rule, index, (_, said) in zip(rules, key, held, strict=True):
            if index < 0:
                continue
            why = why_text(*said[index])
            if why:
                parts.append(f"{rule}: {why}")
        worded.append(" | ".join(parts) or None)
    texts = pa.array(worded, pa.string()).take(pa.array(which.reshape(-1)))
    positions = np.full(n, len(rows), dtype=np.int64)  # a row without an open answer: the null at the end
    positions[rows] = np.arange(len(rows))
    return pa.concat_arrays([texts, pa.nulls(1, pa.string())]).take(pa.array(positions))


def _statuses(reliance: Any, position: int, n: int) -> pa.Array:
    """Each answer's status from the rank of the weakest status it relies on (none: confirmed); nulls without."""
    pa = _pyarrow()
    if reliance is None:
        return pa.nulls(n, pa.string())
    import numpy as np  # noqa: PLC0415 - part of the optional extra

    statuses = pa.array([status.value for status in Status])
    return statuses.take(pa.array(np.maximum(reliance[position], 0)))


def _kind(table: Any) -> str:
    module = type(table).__module__.partition(".")[0]
    return module if module in ("pandas", "polars") else "arrow"


def _arrow(table: Any, kind: str) -> pa.Table | None:
    pa = _pyarrow()
    if isinstance(table, pa.Table):
        return table
    if isinstance(table, pa.RecordBatch):
        return pa.Table.from_batches([table])
    if kind == "pandas":
        try:
            return pa.Table.from_pandas(table, preserve_index=False)
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            return None
    if hasattr(table, "__arrow_c_stream__"):
        return pa.table(table)
    if hasattr(table, "__dataframe__"):
        return pa.interchange.from_dataframe(table)
    found = type(table).__name__
    msg = f"expected a table (a pyarrow Table, a pandas or polars DataFrame, or Arrow-compatible); found {found}"
    raise TypeError(msg)


def layout_of(names: Iterable[str]) -> Layout:
    """The layout of a table from its column names: flat if any column is one only the CSV layout has.

    >>> layout_of(["id", "citizenship", "contracts"]), layout_of(["citizenship", "contract_signed"])
    ('nested', 'flat')
    """
    return "flat" if _FLAT_ONLY & set(names) else "nested"


def items_of(table: pa.Table, first_line: int = 1) -> Iterator[Item]:
    """Each row of an Arrow table as an :class:`Item` ready for validation, in order, numbered from ``first_line``.

    A row of the flat layout is read as a CSV row is, so that its problems are named by its columns.
    """
    header = list(table.column_names)
    duplicated = sorted({name for name in header if header.count(name) > 1})
    twice = (Problem("", f"column(s) {', '.join(duplicated)} appear more than once", "table_column"),)
    flat = layout_of(header) == "flat"
    line = first_line
    for batch in table.to_batches(_BATCH):
        for row in batch.to_pylist():
            if flat and not duplicated:
                yield _flat_item(line, header, [_cell(row[name]) for name in header])
            elif flat:
                yield Item(line, None, twice, csv=True)
            else:
                yield Item(line, _nested_record(row), twice if duplicated else ())
            line += 1


def _flat_item(line: int, header: list[str], cells: list[str]) -> Item:
    """A row of the flat layout as an item; columns the layout does not have are every row's error, not a stop."""
    names = _names(tuple(header))
    if isinstance(names, Problem):
        return Item(line, None, (names,), csv=True)
    return row_item(line, names, cells)


@functools.lru_cache(maxsize=64)
def _names(header: tuple[str, ...]) -> list[str] | Problem:
    """A table's columns, checked once: their names in the flat layout, or the problem with them."""
    try:
        return check_header(header, line=1)
    except UnreadableInput as error:
        return Problem("", str(error), "table_column")


def _outcomes(items: Iterable[Item], evaluation: Evaluation, *, reasons: bool = True) -> Iterator[_Outcome]:
    for position, item in enumerate(items):
        yield _outcome(person_of(item), position, evaluation, reasons=reasons)


@dataclass(frozen=True, slots=True)
class _Verdicts:
    """A record's verdicts alone, without the reasons that statuses and open facts are read from."""

    person: str | None
    verdicts: list[tuple[str, str, Verdict]]


_Outcome: TypeAlias = "Report | _Verdicts | InputError"


def _outcome(person: Person | InputError, position: int, evaluation: Evaluation, *, reasons: bool = True) -> _Outcome:
    if isinstance(person, Person):
        try:
            return evaluation.report(person) if reasons else _Verdicts(person.id, evaluation.verdicts(person))
        except InputError as error:  # an assumption that contradicts the record
            person = error
    return InputError(person.problems, position=position, record_id=person.record_id)


def _nested_record(row: dict[str, Any]) -> dict[str, Any]:
    # A null is a field left out, except in a column the record does not have: that is still named as unknown.
    return {key: _plain(value, key) for key, value in row.items() if not _absent(value) or key not in _FIELDS}


_FIELDS: Final = frozenset(Person.model_fields)


def _plain(value: object, key: str) -> object:
    """A cell's value as the JSON record would hold it."""
    if isinstance(value, dict):
        return {name: _plain(inner, name) for name, inner in value.items() if not _absent(inner)}
    if isinstance(value, list | tuple):
        return [_plain(inner, key) for inner in value]
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() and value.tzinfo is None else value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        if key in _DATE_FIELDS and (window := window_of(value)):
            return window
        if key == "term_months" and value.isdecimal():
            return int(value)
    if key == "term_months" and isinstance(value, float) and value.is_integer():
        return int(value)  # pandas holds whole numbers with gaps as floats, inside lists of structs too
    return value


def _absent(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _cell(value: object) -> str:
    """A flat-layout cell as the CSV layout writes it."""
    if _absent(value):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # pandas keeps a whole-number column with gaps as floats
    plain = _plain(value, "")
    return plain if isinstance(plain, str) else str(plain)


def _pandas_items(frame: Any) -> Iterator[Item]:
    """The rows of a pandas frame Arrow cannot convert, read straight from it."""
    header = [str(name) for name in frame.columns]
    flat = layout_of(header) == "flat"
    for line, values in enumerate(frame.itertuples(index=False, name=None), 1):
        row = {name: _python(value) for name, value in zip(header, values, strict=True)}
        if flat:
            yield _flat_item(line, header, [_cell(row[name]) for name in header])
        else:
            yield Item(line, _nested_record(row))


def _python(value: object) -> object:
    """A pandas cell as a plain Python value: numpy scalars unwrapped, the missing-value markers as ``None``."""
    if isinstance(value, dict):
        return {key: _python(inner) for key, inner in value.items()}
    if isinstance(value, list | tuple):
        return [_python(inner) for inner in value]
    if type(value).__module__ == "numpy" and hasattr(value, "item"):
        return _python(value.item())
    if type(value).__name__ in ("NAType", "NaTType") or _absent(value):
        return None
    return value


def _columns(outcomes: Iterable[_Outcome], evaluation: Evaluation) -> pa.Table:
    """The answer columns of every outcome, in order."""
    pa = _pyarrow()
    rules = evaluation.rules
    columns: dict[str, list[Any]] = {name: [] for name in schema(rules).names}
    for outcome in outcomes:
        for name, value in _row(outcome, rules).items():
            columns[name].append(value)
    return pa.table(columns, schema=schema(rules))


def _row(outcome: _Outcome, rules: Sequence[str]) -> dict[str, Any]:
    row: dict[str, Any] = dict.fromkeys(schema(rules).names)
    if isinstance(outcome, InputError):
        row["id"] = outcome.record_id
        row[ERROR] = "; ".join(str(problem) for problem in outcome.problems)
        return row
    row["id"] = outcome.person
    if isinstance(outcome, _Verdicts):
        offences_only: list[dict[str, str | None]] = []
        for rule, subject, verdict in outcome.verdicts:
            if subject == "person":
                row[rule] = verdict.value
            else:
                offences_only.append({"offence": subject.removeprefix("offence:"), "verdict": verdict.value})
        if "extradition-bar" in rules:
            row[OFFENCES] = offences_only
        return row
    offences: list[dict[str, str]] = []
    reasons: list[str] = []
    for result in outcome.results:
        if result.subject == "person":
            row[result.rule] = result.verdict.value
            row[f"{result.rule}:status"] = result.status.value
        else:
            offence = result.subject.removeprefix("offence:")
            offences.append({"offence": offence, "verdict": result.verdict.value, "status": result.status.value})
        if result.why:
            who = "" if result.subject == "person" else f" for {result.subject}"
            reasons.append(f"{result.rule}{who}: {result.why}")
    if "extradition-bar" in rules:
        row[OFFENCES] = offences
    row[REASON] = " | ".join(reasons) or None
    row[ERROR] = None
    return row


def arrow_form(record: object, key: str = "") -> Any:
    """A JSON record in the forms one Arrow column per field can hold: windows as ``FROM..TO``, terms as text.

    >>> arrow_form({"birth_date": {"from": "1990", "to": "1991"}, "contracts": [{"term_months": 12}]})
    {'birth_date': '1990..1991', 'contracts': [{'term_months': '12'}]}
    """
    if isinstance(record, dict):
        if set(record) == {"from", "to"}:
            return f"{record['from']}..{record['to']}"
        return {name: arrow_form(inner, name) for name, inner in record.items()}
    if isinstance(record, list):
        return [arrow_form(inner, key) for inner in record]
    return str(record) if key == "term_months" and record is not None else record


def records_table(records: Iterable[object]) -> pa.Table:
    """JSON records (dicts) as a pyarrow table of the nested layout, every field of every record in its column.

    ``pyarrow.Table.from_pylist`` takes its columns from the first record only; this takes them from all.

    >>> records_table([{"citizenship": "russian"}, {"citizenship": "foreign", "combat": True}]).column_names
    ['citizenship', 'combat']
    """
    pa = _pyarrow()
    return pa.Table.from_struct_array(pa.array([arrow_form(record) for record in records]))


# --- Parquet ------------------------------------------------------------------------------------------------------


def parquet_items(stream: IO[bytes]) -> Iterator[Item]:
    """Every row of a Parquet file as an :class:`Item` (its line is its 1-based row), read a batch at a time.

    A file pyarrow cannot read is one item whose problem says why; rows past a part that cannot be read are
    each an item with that problem, so that every row the file says it holds is accounted for.
    """
    for line, found, count in _parquet_tables(stream):
        if isinstance(found, Problem):
            yield from (Item(row, problems=(found,)) for row in range(line, line + count))
        else:
            yield from items_of(found, line)


def _parquet_tables(stream: IO[bytes]) -> Iterator[tuple[int, pa.Table | Problem, int]]:
    """Each batch of a Parquet file with its first row (1-based) and its length, or the problem that stops reading.

    A problem comes with the number of rows it leaves unread (one, for a file that cannot be opened).
    """
    pa = _pyarrow()
    unreadable = (OSError, ValueError, pa.ArrowException)
    try:
        file = _parquet().ParquetFile(_seekable(stream))
    except unreadable as error:
        yield 1, _unreadable(error), 1
        return
    total = file.metadata.num_rows
    batches = file.iter_batches(_BATCH)
    line = 1
    while True:
        try:
            batch = next(batches)
        except StopIteration:
            return
        except unreadable as error:
            why = _said(error)
            problem = Problem("", f"expected a readable Parquet file; from row {line} on it is not: {why}", "parquet")
            yield line, problem, max(total - line + 1, 1)
            return
        yield line, pa.Table.from_batches([batch]), batch.num_rows
        line += batch.num_rows


def _unreadable(error: Exception) -> Problem:
    return Problem("", f"expected a Parquet file; it cannot be read: {_said(error)}", "parquet")


def _said(error: Exception) -> str:
    """Pyarrow's message on one line, with any byte it quotes that is not printable shown as ``?``."""
    return "".join(char if char.isprintable() else "?" for char in " ".join(str(error).split()))


def _parquet() -> Any:
    _pyarrow()
    import pyarrow.parquet  # noqa: PLC0415 - part of the optional extra

    return pyarrow.parquet


def _seekable(stream: IO[bytes]) -> IO[bytes]:
    if stream.seekable():
        return stream
    import io  # noqa: PLC0415

    return io.BytesIO(stream.read())  # standard input: Parquet's footer is at the end


def write_parquet(path: str, answers: Iterable[pa.Table], rules: Sequence[str]) -> tuple[int, int]:
    """Write answer tables to one Parquet file, in order; the number of rows and of error rows written."""
    pq = _parquet()
    rows = errors = 0
    with pq.ParquetWriter(path, schema(rules)) as writer:
        for table in answers:
            writer.write_table(table)
            rows += table.num_rows
            errors += table.num_rows - table.column(ERROR).null_count
    return rows, errors


def answers_of_parquet(stream: IO[bytes], evaluation: Evaluation, *, reasons: bool = True) -> Iterator[pa.Table]:
    """The answers to a Parquet file of records, a batch at a time, through the table evaluator.

    Rows that cannot be read are answered by their error, as :func:`parquet_items` gives them. ``reasons=False``
    gives the verdicts alone, from the vectorised evaluator.
    """
    for _, found, count in _parquet_tables(stream):
        if isinstance(found, Problem):
            yield _columns([InputError([found])] * count, evaluation)
        else:
            yield _answer(found, evaluation, reasons=reasons)


def answers_of_items(items: Iterable[Item], evaluation: Evaluation, *, reasons: bool = True) -> Iterator[pa.Table]:
    """The answers to records read from any other format, a batch at a time."""
    batch: list[_Outcome] = []
    for position, item in enumerate(items):
        batch.append(_outcome(person_of(item), position, evaluation, reasons=reasons))
        if len(batch) == _BATCH:
            yield _columns(batch, evaluation)
            batch = []
    if batch:
        yield _columns(batch, evaluation)


# --- Dask ---------------------------------------------------------------------------------------------------------


def answers_on_dask(
    path: str,
    address: str,
    *,
    as_of: date,
    reading: str = "enacted",
    rules: Sequence[str] | None = None,
    assume: Mapping[str, Any] | None = None,
    reasons: bool = True,
) -> Iterator[pa.Table]:
    """The answers to a Parquet file or dataset, evaluated partition by partition on a Dask cluster, in order.

    ``address`` is a scheduler's address, or ``local`` for a cluster of worker processes on this machine.
    Partitions are computed in parallel and handed on in the dataset's order, a few at a time.
    """
    dd, distributed = _dask()
    chosen = chosen_rules(rules)
    pa = _pyarrow()
    cluster = distributed.LocalCluster(threads_per_worker=1) if address == "local" else None
    try:
        client = distributed.Client(cluster or address, timeout=_CONNECT)
    except (OSError, TimeoutError, ValueError) as error:
        msg = f"cannot reach the Dask scheduler at {address}: {error}"
        raise ClusterError(msg) from None
    with client:
        try:
            frame = dd.read_parquet(path, dtype_backend="pyarrow")
        except (OSError, ValueError, pa.ArrowException) as error:
            msg = f"cannot read {path} as a Parquet dataset: {error}"
            raise ClusterError(msg) from None
        answers = frame.map_partitions(
            evaluate_partition,
            as_of=as_of,
            reading=reading,
            rules=chosen,
            assume=assume,
            reasons=reasons,
            meta=meta(chosen),
        )
        parts = answers.to_delayed()
        ahead = 2 * max(len(client.nthreads()), 1)
        futures = client.compute(parts[:ahead])
        for index in range(len(parts)):
            if index + ahead < len(parts):
                futures.append(client.compute(parts[index + ahead]))
            part = futures[index].result()
            futures[index] = None
            yield pa.Table.from_pandas(part, schema=schema(chosen), preserve_index=False)
    if cluster is not None:
        cluster.close()


class ClusterError(RuntimeError):
    """The Dask cluster cannot be reached, or cannot read the dataset: nothing was evaluated."""


_CONNECT: Final = "10s"  # how long to wait for a Dask scheduler


def _dask() -> tuple[Any, Any]:
    try:
        import dask.dataframe as dd  # noqa: PLC0415 - the optional extra ``dask``
        import distributed  # noqa: PLC0415
    except ImportError:  # pragma: no cover - the test environment has the extra
        msg = "Dask needs the extra: pip install 'fighterlaw[dask]'"
        raise ImportError(msg) from None
    return dd, distributed
