"""Benchmark the vectorised evaluator on a million rows: its cost per record, Parquet end to end, and a cross-check.

Generates reproducible complete records (see ``evaluate.py``; about a third of them have an open verdict, where
the law is unsettled), as an Arrow table of the nested layout and as a Parquet file, and prints, in one run:

- the evaluator on the rows already in Arrow form: reading the columns (``vector.Columns.of``) and deciding every
  rule and offence (``vector.kleene``), in microseconds per record;
- ``fl.evaluate_table(reasons=False)`` on the same table: the evaluator, the answer table, and the rows it sends
  the scalar way (none of these complete records needs it); and ``fl.evaluate_table`` with statuses and reasons
  on 200,000 of them, where the rows whose open answer turns on more than the law's unsettled points go the
  scalar way, for the reasons that name it;
- end to end from Parquet (``pyarrow.parquet.read_table`` then ``fl.evaluate_table(reasons=False)``), in
  records per second, in this one process (one core);
- the baseline in the same run: the scalar path, ``Evaluation.verdicts`` on each record already validated, and
  the table path with the vectorised evaluator turned off, each on a sample;
- the cross-check: every row's verdicts against the scalar path's for the same record (disagreements must be 0).

Figures are printed; nothing is asserted. Goals (issue "Tables and scale"): at most 1 us per record on 1,000,000
rows in Arrow form, at least 200,000 records/s per core from Parquet.

Run it from the project root::

    python benchmarks/vector.py                     # 1,000,000 records (about three minutes, most of it the check)
    python benchmarks/vector.py --records 100000    # quicker
"""

from __future__ import annotations

import argparse
import functools
import os
import platform
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, Final

import pyarrow as pa
import pyarrow.parquet as pq
from evaluate import Generator

import fighterlaw as fl
from fighterlaw import tables, vector
from fighterlaw.engine import Evaluation
from fighterlaw.planner import plan

AS_OF: Final = date(2026, 6, 1)
SAMPLE: Final = 20_000  # records the slow baselines run on


def best(run: Callable[[], Any], rounds: int) -> tuple[float, Any]:
    """The best time of ``rounds`` runs (the machine is shared: the best is the least disturbed), and the result."""
    seconds, found = float("inf"), None
    for _ in range(rounds):
        start = time.perf_counter()
        found = run()
        seconds = min(seconds, time.perf_counter() - start)
    return seconds, found


def show(label: str, seconds: float, count: int, baseline: float | None = None) -> float:
    rate = count / seconds
    versus = f"  ({rate / baseline:,.0f} x the baseline)" if baseline else ""
    print(f"  {label:62} {seconds * 1e6 / count:8.2f} us/record {rate:12,.0f} records/s{versus}")
    return rate


def scalar_verdicts(records: list[dict[str, Any]]) -> list[list[str]]:
    """Each record's verdicts on the scalar path, in the table's order: rules, then offences."""
    evaluation = Evaluation(as_of=AS_OF)
    found = []
    for record in records:
        person = fl.Person.model_validate(record)
        found.append([verdict.value for _, _, verdict in evaluation.verdicts(person)])
    return found


def table_verdicts(answers: pa.Table) -> list[list[str]]:
    """Each row's verdicts in the scalar path's order: each rule's person, then its offences."""
    columns = {rule: answers.column(rule).to_pylist() for rule in fl.RULE_IDS}
    offences = answers.column(tables.OFFENCES).to_pylist()
    found = []
    for row, own in enumerate(offences):
        verdicts: list[str] = []
        for rule in fl.RULE_IDS:
            verdicts.append(columns[rule][row])
            if rule == "extradition-bar":
                verdicts.extend(offence["verdict"] for offence in own)
        found.append(verdicts)
    return found


def record_by_record(part: pa.Table, evaluation: Evaluation, *, reasons: bool) -> pa.Table:
    """A table answered one record at a time, as the table path did before the vectorised evaluator."""
    return tables._columns(tables._outcomes(tables.items_of(part), evaluation, reasons=reasons), evaluation)


def baselines(records: list[dict[str, Any]], table: pa.Table, rounds: int) -> tuple[float, float, float]:
    """The scalar path's rates on a sample: one record's verdicts, and the table path without and with reasons."""
    print("Baseline, the scalar path, on a sample:")
    sample = records[:SAMPLE]
    people = [fl.Person.model_validate(record) for record in sample]
    evaluation = Evaluation(as_of=AS_OF)
    seconds, _ = best(lambda: [evaluation.verdicts(person) for person in people], rounds)
    floor = show("Evaluation.verdicts, records already validated", seconds, len(sample))
    part = table.slice(0, SAMPLE)
    rates = []
    for label, reasons in (
        ("the table path record by record (vectorised evaluator off)", False),
        ("the same with statuses and reasons", True),
    ):
        seconds, _ = best(functools.partial(record_by_record, part, evaluation, reasons=reasons), 1)
        rates.append(show(label, seconds, SAMPLE))
    return floor, rates[0], rates[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=3, help="runs of each timing, the best kept (3)")
    args = parser.parse_args()
    count = args.records
    load = ", ".join(f"{figure:.1f}" for figure in os.getloadavg())
    print(
        f"fighterlaw {fl.__version__}, Python {platform.python_version()}, {os.cpu_count()} cores "
        f"(load {load}), {count:,} records"
    )
    generator = Generator(2026, AS_OF)
    records = [generator.person(f"p-{index}") for index in range(count)]
    table = tables.records_table(records)
    planned = plan(fl.RULEBOOK.reading("enacted"), AS_OF, tuple(fl.RULE_IDS))
    fl.evaluate_table(table.slice(0, 1000), as_of=AS_OF, reasons=False)  # warm: plans, caches

    floor, scalar_table, scalar_statuses = baselines(records, table, args.rounds)

    print(f"The vectorised evaluator, {count:,} rows in an Arrow table, best of {args.rounds}:")
    seconds, columns = best(lambda: vector.Columns.of(table), args.rounds)
    read = seconds
    show("reading the columns (vector.Columns.of)", seconds, count)
    seconds, found = best(lambda: vector.kleene(planned, columns), args.rounds)
    show("deciding every rule and offence (vector.kleene)", seconds, count)
    show("the evaluator: both", read + seconds, count, floor)
    unsure = vector.unsure(found, count) & ~columns.exact
    print(
        f"    rows checked: {columns.checked.mean():.2%}; open verdicts: {vector.unsure(found, count).mean():.2%}; "
        f"sent the scalar way: {(unsure | ~columns.checked).mean():.2%}"
    )
    seconds, answers = best(lambda: fl.evaluate_table(table, as_of=AS_OF, reasons=False), args.rounds)
    show("fl.evaluate_table(reasons=False), answer table included", seconds, count, scalar_table)
    seconds, _ = best(lambda: fl.evaluate_table(table.slice(0, 10 * SAMPLE), as_of=AS_OF), 1)
    show("fl.evaluate_table, statuses and reasons", seconds, 10 * SAMPLE, scalar_statuses)
    held = vector.opened(planned, columns, found)
    one_by_one = unsure | ~columns.checked
    for opens in held:
        one_by_one |= opens.one_by_one
    print(f"    rows answered one by one for their reasons: {one_by_one.mean():.2%}")

    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "people.parquet"
        pq.write_table(table, path)
        size = path.stat().st_size
        seconds, _ = best(lambda: fl.evaluate_table(pq.read_table(path), as_of=AS_OF, reasons=False), args.rounds)
        show(f"end to end from Parquet ({size / 2**20:,.0f} MiB), one process", seconds, count, scalar_table)

    print("Cross-check against the scalar path, every row:")
    start = time.perf_counter()
    expected = scalar_verdicts(records)
    got = table_verdicts(answers)
    wrong = sum(a != b for a, b in zip(got, expected, strict=True))
    verdicts = sum(len(row) for row in expected)
    print(f"  {verdicts:,} verdicts of {count:,} records; disagreements: {wrong} ({time.perf_counter() - start:.0f} s)")


if __name__ == "__main__":
    main()
