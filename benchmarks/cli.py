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
import io
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
from fighterlaw._output import Writer

AS_OF: Final = date(2026, 6, 1)
GOAL_PER_SECOND: Final = 20_000
MEMORY_GOAL_MB: Final = 200
MILLION: Final = 1_000_000

# Runs one command, with its output to a file, and prints as JSON: its wall time, the peak memory of its largest
# process (ru_maxrss), the peak of the summed resident memory of its whole process tree (sampled every 50 ms from
# /proc; pages shared between processes count once per process), its exit status and its output's line count.
_MEASURE: Final = """
import json, os, resource, subprocess, sys, tempfile, time

def tree(root):
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        try:
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as children:
                    todo.extend(int(child) for child in children.read().split())
        except OSError:
            pass
    return found

def resident_kb(pids):
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/status") as status:
                total += next((int(line.split()[1]) for line in status if line.startswith("VmRSS:")), 0)
        except OSError:
            pass
    return total

with tempfile.TemporaryFile() as out:
    started = time.perf_counter()
    child = subprocess.Popen(sys.argv[1:], stdout=out, stderr=subprocess.PIPE)
    summed = 0
    while child.poll() is None:
        summed = max(summed, resident_kb(tree(child.pid)))
        time.sleep(0.05)
    seconds = time.perf_counter() - started
    stderr = child.stderr.read().decode()
    out.seek(0)
    lines = sum(1 for _ in out)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"seconds": seconds, "peak_kb": peak, "tree_kb": summed, "status": child.returncode,
                  "lines": lines, "stderr": stderr}))
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


def check_command(path: Path, jobs: int, fmt: str = "jsonl", *extra: str) -> list[str]:
    """The command line under test."""
    return [
        sys.executable, "-m", "fighterlaw", "check", str(path),
        "--as-of", AS_OF.isoformat(), "--format", fmt, "--jobs", str(jobs), "--quiet", *extra,
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
        empty = Path(scratch) / "empty.jsonl"
        empty.write_text("", encoding="utf-8")
        startup = float(checked(check_command(empty, 1), 0)["seconds"])
        print(f"  start-up of the command (an empty file)   {startup:17.2f} s, included in each figure below")
        rates: dict[int, float] = {}
        failed = False
        for jobs in (1, 2):
            run = checked(check_command(path, jobs), args.records)
            failed |= bool(run["failed"])
            rates[jobs] = args.records / float(run["seconds"])
            print(
                f"  fighterlaw check --jobs {jobs}                 {rates[jobs]:9,.0f} records/s   "
                f"{float(run['seconds']):7.1f} s   peak {memory(run)}"
            )
        # The table's header, the line that says the date and the legend (after a blank line) are on standard
        # output too; CSV has its header.
        legend = 1 + Writer(io.StringIO(), "table", fl.RULE_IDS).legend().count("\n") + 1
        for name, fmt, extra, lines in (
            ("--format table", "table", (), args.records + 2 + legend),
            ("--format csv", "csv", (), args.records + 1),
            ("--format csv --verdicts-only", "csv", ("--verdicts-only",), args.records + 1),
        ):
            run = checked(check_command(path, 1, fmt, *extra), lines)
            failed |= bool(run["failed"])
            print(f"  fighterlaw check {name:<28} {args.records / float(run['seconds']):9,.0f} records/s")
        scaling = rates[2] / rates[1]
        print(f"\n  one job against in-process: {rates[1] / baseline:.2f}x; two jobs against one: {scaling:.2f}x")
        met = "met" if rates[1] >= GOAL_PER_SECOND and not failed else "not met"
        print(f"  goal: {GOAL_PER_SECOND:,} records/s with one job: {met}")

        if args.million:
            big = Path(scratch) / "million.jsonl"
            write_repeated(big, MILLION, args.seed)
            run = checked(check_command(big, 1, "csv"), MILLION + 1)  # and the header
            failed |= bool(run["failed"])
            peak = int(run["tree_kb"]) / 1024
            met = "met" if peak < MEMORY_GOAL_MB and not run["failed"] else "not met"
            print(
                f"\n  1,000,000 lines ({big.stat().st_size / 1e6:,.0f} MB), --format csv: "
                f"{float(run['seconds']):.0f} s, peak {memory(run)} (goal: under {MEMORY_GOAL_MB} MB: {met})"
            )
    return 1 if failed else 0


def checked(command: Sequence[str], lines: int) -> dict[str, float | int | str]:
    """``measure``, with ``failed`` set (and said) if the command did not exit 0 or wrote another number of lines."""
    run = measure(command)
    wrong = run["status"] != 0 or run["lines"] != lines
    if wrong:
        print(f"  FAILED: {' '.join(command[2:])}: exit {run['status']}, {run['lines']:,} lines of {lines:,} expected")
        print(f"  {str(run['stderr']).strip()[-500:]}")
    run["failed"] = int(wrong)
    return run


def memory(run: dict[str, float | int | str]) -> str:
    """The largest process's peak, and the peak of the whole process tree's summed resident memory."""
    largest, summed = int(run["peak_kb"]) / 1024, int(run["tree_kb"]) / 1024
    return f"{largest:6.1f} MB (largest process), {summed:6.1f} MB (all processes)"


if __name__ == "__main__":
    sys.exit(main())
