"""What multiplies evaluations: timelines, what-if and every reading at once, timed per record.

Each is timed on the same generated records as ``benchmarks/evaluate.py`` (all facts known, or with facts left
unknown by ``--blur``): a five-year timeline of every rule, what-if for each undetermined verdict of the person, and
``reading="all"``. With ``--baseline TREE`` the same measurements are made in a second process on another source
tree of fighterlaw (an older commit checked out elsewhere), so the speed-up is measured in one run on one machine.
Timing is only reported, never asserted.

    python benchmarks/derived.py --records 300
    python benchmarks/derived.py --records 300 --baseline ../old-fighterlaw
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import fighterlaw as fl

sys.path.insert(0, str(Path(__file__).parent))
from evaluate import Generator

AS_OF = date(2026, 6, 1)
START = date(2021, 6, 1)


def blurred(record: dict[str, Any], index: int) -> dict[str, Any]:
    """Every third record with its combat, asylum and birth date unknown, so that what-if has questions to ask."""
    if index % 3:
        return record
    return {**record, "combat": None, "asylum_in_russia": None, "birth_date": record["birth_date"][:4]}


def measure(count: int, blur: bool) -> dict[str, float]:
    """The mean time per record (ms) of each derived computation, in this process."""
    generator = Generator(20260601, AS_OF)
    records = [generator.person(f"p-{index}") for index in range(count)]
    if blur:
        records = [blurred(record, index) for index, record in enumerate(records)]
    people = [fl.Person.model_validate(record) for record in records]

    def timelines(person: fl.Person) -> object:
        return fl.timelines(person, start=START, end=AS_OF)

    def what_if(person: fl.Person) -> object:
        report = fl.evaluate(person, as_of=AS_OF)
        return [
            fl.what_if(person, result.rule, as_of=AS_OF)
            for result in report.results
            if result.subject == "person" and result.verdict is fl.Verdict.UNDETERMINED
        ]

    def every_reading(person: fl.Person) -> object:
        return [result.verdict for result in fl.evaluate(person, as_of=AS_OF, reading="all").results]

    found: dict[str, float] = {}
    jobs: list[tuple[str, Callable[[fl.Person], object]]] = [
        ("timelines, 5 years", timelines),
        ("what-if, open verdicts", what_if),
        ("reading all", every_reading),
    ]
    for label, job in jobs:
        times = []
        for person in people:
            start = time.perf_counter()
            job(person)
            times.append(time.perf_counter() - start)
        found[label] = statistics.fmean(times) * 1000
    return found


def main(argv: Sequence[str] | None = None) -> int:
    """Measure here (and on a baseline tree) and print the figures side by side."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--records", type=int, default=300)
    parser.add_argument("--blur", action="store_true", help="leave some facts unknown (what-if needs open verdicts)")
    parser.add_argument("--baseline", type=Path, help="another source tree of fighterlaw to compare with")
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)  # for the baseline's own run
    args = parser.parse_args(argv)
    here = measure(args.records, args.blur)
    if args.json:
        print(json.dumps(here))
        return 0
    there: dict[str, float] = {}
    if args.baseline is not None:
        command = [sys.executable, __file__, "--records", str(args.records), "--json"]
        if args.blur:
            command.append("--blur")
        environment = {**os.environ, "PYTHONPATH": str(args.baseline.resolve() / "src")}
        done = subprocess.run(command, check=True, capture_output=True, text=True, env=environment)
        there = json.loads(done.stdout.strip().splitlines()[-1])
    print(f"derived computations, {args.records} records{' (blurred)' if args.blur else ''}, mean ms per record")
    for label, value in here.items():
        line = f"  {label:24} {value:9.3f} ms"
        if label in there:
            line += f"   baseline {there[label]:9.3f} ms   speed-up {there[label] / value:5.1f}x"
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
