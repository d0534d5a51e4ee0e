"""Benchmark exact verdicts: what the case splits cost against the Kleene first pass, per record.

For complete records (every fact known, from ``evaluate.py``'s generator), blurred ones (the same records with
one to three facts made unknown or imprecise) and sparse ones (a status and a contract known to a year or not at
all, most facts open), it times per record, in this process:

- the first pass alone: the planned verdict function on the record (narrowed by its own facts);
- the exact verdicts: the same, then the case splits for every open verdict (``Evaluation.verdicts``).

It prints the mean and the 99th percentile of each, their ratio, how many verdicts the splits sharpened and how
many records reached the split budget. Figures are printed; nothing is asserted. Goals: complete records at most
1.1x the first pass, blurred at most 3x on average.

Run it from the project root::

    python benchmarks/sharp.py                  # 5,000 records of each kind
    python benchmarks/sharp.py --records 1000   # quicker
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, Final

from evaluate import Generator

import fighterlaw as fl
from fighterlaw.completions import narrowed
from fighterlaw.engine import Evaluation

AS_OF: Final = date(2026, 6, 1)
_FACTS: Final = ("combat", "asylum_in_russia", "sex", "nationality", "birth_date", "naturalised", "signed", "ended")


def blurred(record: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """The record with one to three facts made unknown or imprecise."""
    data: dict[str, Any] = json.loads(json.dumps(record))
    for fact in rng.sample(_FACTS, rng.randint(1, 3)):
        contracts = data.get("contracts") or []
        if fact in ("combat", "asylum_in_russia", "sex", "nationality"):
            data.pop(fact, None)
        elif fact == "birth_date" and data.get("birth_date"):
            data["birth_date"] = data["birth_date"][:4]
        elif fact == "naturalised" and data["citizenship"] != "russian":
            data["naturalised"] = "unknown"
        elif fact in ("signed", "ended") and contracts:
            contract = rng.choice(contracts)
            if contract.get(fact):
                contract[fact] = rng.choice(("unknown", contract[fact][:7]))
    return data


def sparse(rng: random.Random) -> dict[str, Any]:
    """A record that leaves most facts open: a status, one contract known to a year or not at all, and perhaps an
    unknown naturalisation, an end and a family member who served."""
    record: dict[str, Any] = {
        "citizenship": rng.choice(("foreign", "stateless")),
        "contracts": [{"signed": rng.choice(("unknown", "2023", "2024-05"))}],
    }
    if rng.random() < 0.5:
        record["naturalised"] = "unknown"
    if rng.random() < 0.5:
        record["contracts"][0]["ended"] = rng.choice(("unknown", "2025"))
    if rng.random() < 0.3:
        member = {"citizenship": "foreign", "contracts": [{"signed": "unknown"}]}
        record["family"] = [{"relation": "spouse", "member": member}]
    return record


def timed(people: Sequence[fl.Person], run: Callable[[fl.Person], object]) -> list[float]:
    """Microseconds per record, each record timed on its own."""
    found = []
    for person in people:
        started = time.perf_counter()
        run(person)
        found.append((time.perf_counter() - started) * 1e6)
    return found


def p99(values: Sequence[float]) -> float:
    return statistics.quantiles(values, n=100)[98]


def main(argv: Sequence[str] | None = None) -> int:
    """Generate, time and report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--records", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=20260601)
    args = parser.parse_args(argv)
    generator = Generator(args.seed, AS_OF)
    rng = random.Random(args.seed)
    complete = [generator.person(f"p-{index}") for index in range(args.records)]
    kinds: dict[str, list[fl.Person]] = {
        "complete": [fl.Person.model_validate(record) for record in complete],
        "blurred": [],
        "sparse": [fl.Person.model_validate(sparse(rng)) for _ in range(args.records)],
    }
    for record in complete:
        try:
            kinds["blurred"].append(fl.Person.model_validate(blurred(record, rng)))
        except ValueError:
            continue  # a blur the record's other facts rule out
    evaluation = Evaluation(as_of=AS_OF)
    (plan,) = evaluation.plans

    def first_pass(person: fl.Person) -> object:
        # What Evaluation.verdicts gives, from the first pass alone (on the record narrowed by its own facts).
        answered = narrowed(person)[0]
        return [
            (rule, subject, verdict)
            for (rule, subject), verdict in zip(plan.subjects(answered), plan.verdicts(answered), strict=True)
        ]

    print("fighterlaw benchmark: exact verdicts against the Kleene first pass, per record")
    print(f"python: {platform.python_implementation()} {platform.python_version()}; as of {AS_OF}, reading enacted\n")
    for kind, people in kinds.items():
        for person in people[:200]:  # warm the plans and the caches
            evaluation.verdicts(person)
        kleene = timed(people, first_pass)
        exact = timed(people, evaluation.verdicts)
        sharpened = 0
        for person in people:
            before = plan.verdicts(narrowed(person)[0])
            after = [verdict for _, _, verdict in evaluation.verdicts(person)]
            sharpened += sum(a is not b for a, b in zip(before, after, strict=True))
        print(f"  {kind} records: {len(people):,}")
        print(f"    first pass      mean {statistics.fmean(kleene):8.1f} us   p99 {p99(kleene):8.1f} us")
        print(f"    exact verdicts  mean {statistics.fmean(exact):8.1f} us   p99 {p99(exact):8.1f} us")
        ratio = statistics.fmean(exact) / statistics.fmean(kleene)
        print(f"    ratio of means {ratio:.2f}x; p99 ratio {p99(exact) / p99(kleene):.2f}x")
        print(f"    verdicts the splits made exact: {sharpened:,}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
