"""Benchmark reading spreadsheets: records per second for CSV and Excel workbooks, beside JSON Lines.

The sixteen example people (``examples/people.jsonl`` and the same people in the template ``examples/people.csv``)
are repeated to the number of records asked for, and each input is read and validated as the command line does it
(``read_items``, then each item into a person), without evaluating. JSON Lines is the baseline, in the same run;
the workbook is written with openpyxl, as a spreadsheet program would save it. Figures are printed; nothing is
asserted.

Run it from the project root::

    python benchmarks/spreadsheets.py                  # 50,000 records
    python benchmarks/spreadsheets.py --records 5000   # quicker
"""

from __future__ import annotations

import argparse
import csv
import functools
import io
import time
from collections.abc import Callable
from pathlib import Path
from typing import Final

import openpyxl

from fighterlaw._input import Format, read_items
from fighterlaw.cli import _person

EXAMPLES: Final = Path(__file__).parent.parent / "examples"


def read_all(data: bytes, fmt: Format) -> int:
    """How many records an input holds, each read and validated."""
    return sum(1 for item in read_items(io.BytesIO(data), fmt) if _person(item) is not None)


def best_of(runs: int, work: Callable[[], int]) -> tuple[int, float]:
    """The count and the shortest time of ``runs`` runs."""
    best = float("inf")
    count = 0
    for _ in range(runs):
        started = time.perf_counter()
        count = work()
        best = min(best, time.perf_counter() - started)
    return count, best


def workbook(rows: list[list[str]]) -> bytes:
    """The rows as a workbook's first sheet, with its text in a table of shared strings, as Excel saves one."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append([cell or None for cell in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def main() -> None:
    """Print records per second for each input format."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--records", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    lines = (EXAMPLES / "people.jsonl").read_text(encoding="utf-8").splitlines()
    rows = list(csv.reader(io.StringIO((EXAMPLES / "people.csv").read_text(encoding="utf-8"))))
    header, body = rows[0], rows[1:]
    repeat = -(-args.records // len(body))
    table = [header, *(body * repeat)][: args.records + 1]
    inputs: dict[str, tuple[bytes, Format]] = {
        "JSON Lines (baseline)": (("\n".join((lines * repeat)[: args.records]) + "\n").encode(), "jsonl"),
    }
    for name, delimiter in (("CSV, commas", ","), ("CSV, semicolons", ";")):
        text = io.StringIO()
        csv.writer(text, delimiter=delimiter, lineterminator="\n").writerows(table)
        inputs[name] = (text.getvalue().encode(), "csv")
    inputs["Excel workbook"] = (workbook(table), "xlsx")
    print(f"{args.records:,} records ({len(header)} columns), best of {args.runs} runs, read and validated:")
    baseline = 0.0
    for name, (data, fmt) in inputs.items():
        count, seconds = best_of(args.runs, functools.partial(read_all, data, fmt))
        rate = count / seconds
        baseline = baseline or rate
        print(f"  {name:24} {count:>9,} in {seconds:6.2f} s  {rate:>10,.0f}/s  {rate / baseline:5.2f}x the baseline")


if __name__ == "__main__":
    main()
