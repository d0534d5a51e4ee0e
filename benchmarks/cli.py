"""Benchmark the command line as a whole process: records per second and peak memory.

Generates reproducible person records (every fact known; see ``evaluate.py``) as JSON Lines, then runs
``fighterlaw check FILE --format jsonl`` in a fresh process with one job and with two, timing each run and
reading its peak resident memory. In the same run it times ``fl.evaluate_many`` in-process over the same lines,
the baseline the command line is a thin layer over. ``--million`` also checks that memory stays flat on a
1,000,000-line file. Figures are printed; nothing is asserted.

Run it from the project root::

    python benchmarks/cli.py                  # 100,000 records
    python benchmarks/cli.py --records 20000  # quicker
    python benchmarks/cli.py --million        # and the memory check on 1,000,000 lines
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Final

from evaluate import Generator

import fighterlaw as fl

AS_OF: Final = date(2026, 6, 1)
GOAL_PER_SECOND: Final = 20_000
MEMORY_GOAL_MB: Final = 200
MILLION: Final = 1_000_000

# Runs one command and prints its wall time and the peak memory of its child processes, as JSON.
_MEASURE: Final = """
import json, resource, subprocess, sys, time
started = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
seconds = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"seconds": seconds, "peak_kb": peak, "status": done.returncode, "stderr": done.stderr.decode()}))
"""


def write_records(path: Path, count: int, seed: int) -> None:
    """``count`` complete records as JSON Lines."""
    generator = Generator(seed, AS_OF)
    with path.open("w", encoding="utf-8") as out:
        for index in range(count):
            out.write(json.dumps(generator.person(f"p-{index}")) + "\n")


def write_repeated(path: Path, count: int, seed: int) -> None:
    """``count`` lines cycling through a thousand generated records (a big file, quickly)."""
    generator = Generator(seed, AS_OF)
    lines = [json.dumps(generator.person(f"p-{index}")) for index in range(1000)]
    with path.open("w", encoding="utf-8") as out:
        for index in range(count):
            out.write(lines[index % len(lines)] + "\n")


def measure(command: Sequence[str]) -> dict[str, float | int | str]:
    """Run a command in a fresh process; its wall time (s), peak memory (KB) and exit status."""
    done = subprocess.run([sys.executable, "-c", _MEASURE, *command], capture_output=True, text=True, check=True)
    result: dict[str, float | int | str] = json.loads(done.stdout)
    return result


def check_command(path: Path, jobs: int, fmt: str = "jsonl") -> list[str]:
    """The command line under test."""
    return [
        sys.executable, "-m", "fighterlaw", "check", str(path),
        "--as-of", AS_OF.isoformat(), "--format", fmt, "--jobs", str(jobs), "--quiet",
    ]  # fmt: skip


def in_process(path: Path) -> tuple[float, int]:
    """Seconds for fl.evaluate_many over the file's lines in this process, rendering each report as JSON."""
    lines = path.read_text(encoding="utf-8").splitlines()
    started = time.perf_counter()
    count = 0
    for outcome in fl.evaluate_many(lines, as_of=AS_OF):
        if isinstance(outcome, fl.Report):
            outcome.to_json()
        count += 1
    return time.perf_counter() - started, count


def main(argv: Sequence[str] | None = None) -> int:
    """Generate, run and report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=20260601)
    parser.add_argument("--million", action="store_true", help="also check memory on 1,000,000 lines")
    args = parser.parse_args(argv)

    print("fighterlaw benchmark: the command line as a whole process, jsonl -> jsonl, full reports")
    print(f"python: {platform.python_implementation()} {platform.python_version()}; cores: {os.cpu_count()}")
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "people.jsonl"
        write_records(path, args.records, args.seed)
        size = path.stat().st_size / 1e6
        print(f"records: {args.records:,} ({size:.1f} MB of JSON Lines), as of {AS_OF}, reading enacted\n")

        seconds, count = in_process(path)
        baseline = count / seconds
        print(f"  fl.evaluate_many in-process (+ to_json)   {baseline:9,.0f} records/s   {seconds:7.1f} s")
        rates: dict[int, float] = {}
        for jobs in (1, 2):
            run = measure(check_command(path, jobs))
            rates[jobs] = args.records / float(run["seconds"])
            peak = int(run["peak_kb"]) / 1024
            print(
                f"  fighterlaw check --jobs {jobs}                 {rates[jobs]:9,.0f} records/s   "
                f"{float(run['seconds']):7.1f} s   peak {peak:6.1f} MB   exit {run['status']}"
            )
        table = measure(check_command(path, 1, "table"))
        print(f"  fighterlaw check --format table          {args.records / float(table['seconds']):9,.0f} records/s")
        scaling = rates[2] / rates[1]
        print(f"\n  one job against in-process: {rates[1] / baseline:.2f}x; two jobs against one: {scaling:.2f}x")
        met = "met" if rates[1] >= GOAL_PER_SECOND else "not met"
        print(f"  goal: {GOAL_PER_SECOND:,} records/s with one job: {met}")

        if args.million:
            big = Path(scratch) / "million.jsonl"
            write_repeated(big, MILLION, args.seed)
            run = measure(check_command(big, 1, "csv"))
            peak = int(run["peak_kb"]) / 1024
            met = "met" if peak < MEMORY_GOAL_MB else "not met"
            print(
                f"\n  1,000,000 lines ({big.stat().st_size / 1e6:,.0f} MB), --format csv: "
                f"{float(run['seconds']):.0f} s, peak {peak:.1f} MB (goal: under {MEMORY_GOAL_MB} MB: {met})"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
