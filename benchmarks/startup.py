"""Start-up: how long ``import fighterlaw`` takes as a whole process, against importing pydantic alone.

Each figure is the wall time of a fresh ``python -c ...`` process (the interpreter's own start-up included), run
several times; the best run is the least disturbed by other work on the machine. The goal is 0.25 s for
``import fighterlaw``. Timing is only reported, never asserted.

    python benchmarks/startup.py            # 15 runs of each
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from typing import Final

GOAL_S: Final = 0.25
PROGRAMS: Final = (
    ("python alone", "pass"),
    ("import pydantic", "import pydantic"),
    ("import fighterlaw", "import fighterlaw"),
    (
        "import and evaluate one record",
        "import datetime, fighterlaw as fl; "
        "fl.evaluate(fl.Person.model_validate({'citizenship': 'foreign'}), as_of=datetime.date(2026, 6, 1))",
    ),
)


def run(code: str, times: int) -> list[float]:
    """The wall time of each of ``times`` fresh processes running ``code``."""
    found = []
    for _ in range(times):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        found.append(time.perf_counter() - start)
    return found


def main(argv: Sequence[str] | None = None) -> int:
    """Time each program and print best and median, and the goal."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=15, help="processes per program (15)")
    args = parser.parse_args(argv)
    print(f"start-up, {args.runs} fresh processes each ({sys.executable})")
    best: dict[str, float] = {}
    for label, code in PROGRAMS:
        found = run(code, args.runs)
        best[label] = min(found)
        print(f"  {label:32} best {min(found):6.3f} s   median {statistics.median(found):6.3f} s")
    figure = best["import fighterlaw"]
    print(f"goal: import fighterlaw in {GOAL_S} s: {figure:.3f} s (best), {'met' if figure <= GOAL_S else 'not met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
