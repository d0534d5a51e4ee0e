"""Benchmark tables and Parquet: records per second end to end from Parquet, per core, and on Dask.

Generates reproducible complete records (see ``evaluate.py``), writes them as a Parquet dataset of several files
(the nested layout), and times, in the same run, each against its baseline, ``fl.evaluate_many`` over the same
records as dicts in this process reading what the table holds (verdicts alone, or statuses and open facts too):

- ``fl.evaluate_table`` on the records already in an Arrow table (conversion to and from columns included);
- end to end from Parquet: ``pyarrow.parquet.read_table`` then ``fl.evaluate_table``, one process (one core);
- population views: ``fl.population`` over the 365 days of 2026 against evaluating ten records on every day;
- Dask: the dataset read and evaluated partition by partition on a local cluster of process workers, one worker
  against two (one thread each), results gathered in order.

Every run's answers are checked against the baseline's verdicts (disagreements must be 0). Figures are printed;
nothing is asserted. The verdicts alone come from the vectorised evaluator (``benchmarks/vector.py`` times it on
a million rows); with statuses and reasons, every path evaluates one record at a time, so it is about as fast as
the baseline, the gap being the cost of reading rows out of Arrow and building the answer columns.

Run it from the project root::

    python benchmarks/tables.py                  # 10,000 records
    python benchmarks/tables.py --records 5000   # quicker
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Final

import pyarrow as pa
import pyarrow.parquet as pq
from distributed import Client, LocalCluster
from evaluate import Generator

import fighterlaw as fl
from fighterlaw import tables

AS_OF: Final = date(2026, 6, 1)
FILES: Final = 8


def timed(
    label: str, count: int, run: Callable[[], Any], baseline: float | None = None, rounds: int = 1
) -> tuple[float, Any]:
    """The best of ``rounds`` runs (the machine is shared: the best is the least disturbed), printed."""
    seconds = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        found = run()
        seconds = min(seconds, time.perf_counter() - start)
    rate = count / seconds
    versus = f"  ({rate / baseline:.2f} x the baseline)" if baseline else ""
    print(f"  {label:58} {seconds:7.2f} s  {rate:9,.0f} records/s{versus}")
    return rate, found


def disagreements(answers: pa.Table, expected: list[list[str | None]]) -> int:
    found = [answers.column(rule).to_pylist() for rule in fl.RULE_IDS]
    return sum(
        a != b for column, wanted in zip(found, expected, strict=True) for a, b in zip(column, wanted, strict=True)
    )


def on_dask(folder: Path, workers: int, count: int, baseline: float, expected: list[list[str | None]]) -> None:
    """Time one cluster's run, after its workers have started and loaded fighterlaw (start-up said apart)."""
    start = time.perf_counter()
    with (
        LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,  # type: ignore[no-untyped-call]
        Client(cluster) as client,  # type: ignore[no-untyped-call]
    ):
        client.run(warm)
        print(f"    {workers} worker(s) started and warmed in {time.perf_counter() - start:.1f} s")

        def run() -> pa.Table:
            return pa.concat_tables(list(tables.answers_on_dask(str(folder), cluster.scheduler_address, as_of=AS_OF)))

        _, answers = timed(f"{workers} worker{'s' if workers > 1 else ''}", count, run, baseline)
        print(f"    disagreements with the baseline: {disagreements(answers, expected)}")


def population_figures(sample: list[dict[str, Any]]) -> None:
    """fl.population over 2026 against evaluating every record on every day of it (the naive exact count)."""
    first, last = date(2026, 1, 1), date(2026, 12, 31)
    days = [first + timedelta(days=offset) for offset in range((last - first).days + 1)]
    print(f"Population over the 365 days of 2026, {len(sample):,} records:")
    few = sample[:10]

    def naive() -> int:
        people = [fl.Person.model_validate(record) for record in few]
        return sum(1 for day in days for person in people for _ in fl.evaluate(person, as_of=day).results)

    start = time.perf_counter()
    naive()
    per_record = (time.perf_counter() - start) / len(few)
    label = "baseline: fl.evaluate on each day, 10 records"
    print(f"  {label:58} {per_record * len(few):7.2f} s  {1 / per_record:9,.1f} records/s")
    rate, view = timed(
        "fl.population (each record's timeline, summed)",
        len(sample),
        lambda: fl.population(sample, start=first, end=last),
    )
    print(f"    {rate * per_record:.1f} x the baseline; {len(view.errors)} errors")


def warm() -> None:
    """Load the rules and fill their caches, as a long-running worker would have."""
    generator = Generator(1, AS_OF)
    list(fl.evaluate_many([generator.person(f"w-{index}") for index in range(200)], as_of=AS_OF))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3, help="in-process runs of each, the best kept (3)")
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
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "people"
        folder.mkdir()
        size = -(-count // FILES)
        for part in range(FILES):
            pq.write_table(table.slice(part * size, size), folder / f"part-{part}.parquet")

        def baseline_run(*, reasons: bool) -> list[list[str | None]]:
            verdicts: list[list[str | None]] = [[] for _ in fl.RULE_IDS]
            for report in fl.evaluate_many(records, as_of=AS_OF):  # each report dropped once read, as a table does
                assert isinstance(report, fl.Report)
                for result in report.results if reasons else ():
                    _ = (result.status, result.missing, result.unsettled)  # what the table's columns hold
                for column, rule in zip(verdicts, fl.RULE_IDS, strict=True):
                    column.append(report.verdict(rule).value)
            return verdicts

        warm()
        print(f"In this process (one core), after a warm-up of 200 records, best of {args.rounds}:")
        lean, expected = timed(
            "baseline: fl.evaluate_many, verdicts alone", count, lambda: baseline_run(reasons=False), rounds=args.rounds
        )
        _, answers = timed(
            "fl.evaluate_table(reasons=False), Arrow table in memory",
            count,
            lambda: fl.evaluate_table(table, as_of=AS_OF, reasons=False),
            lean,
            args.rounds,
        )
        print(f"    disagreements with the baseline: {disagreements(answers, expected)}")
        _, answers = timed(
            "end to end: Parquet -> fl.evaluate_table(reasons=False)",
            count,
            lambda: fl.evaluate_table(pq.read_table(folder), as_of=AS_OF, reasons=False),
            lean,
            args.rounds,
        )
        print(f"    disagreements with the baseline: {disagreements(answers, expected)}")
        base, _ = timed(
            "baseline: fl.evaluate_many, with statuses and open facts",
            count,
            lambda: baseline_run(reasons=True),
            rounds=args.rounds,
        )
        _, answers = timed(
            "fl.evaluate_table, Arrow table in memory",
            count,
            lambda: fl.evaluate_table(table, as_of=AS_OF),
            base,
            args.rounds,
        )
        print(f"    disagreements with the baseline: {disagreements(answers, expected)}")
        _, answers = timed(
            "end to end: Parquet dataset -> fl.evaluate_table",
            count,
            lambda: fl.evaluate_table(pq.read_table(folder), as_of=AS_OF),
            base,
            args.rounds,
        )
        print(f"    disagreements with the baseline: {disagreements(answers, expected)}")
        population_figures(records[: max(count // 20, 20)])
        print(f"Dask, process workers of one thread each, {FILES} partitions, results gathered in order:")
        for workers in (1, 2):
            on_dask(folder, workers, count, base, expected)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
