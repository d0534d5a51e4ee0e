#!/usr/bin/env bash
# Mutation testing with mutmut 3: how many deliberate small faults in the rules, dates, logic and rulebook the
# tests (or the type checker) catch. Not part of the test suite or CI: it takes 10-30 minutes on 2 cores.
#
#   pip install -e '.[mutation]'
#   scripts/mutation.sh            # run mutmut (reusing earlier results where nothing changed), then score
#   scripts/mutation.sh --score    # score the last run only
#
# Score = (killed + caught by the type check) / all mutants, over rules/, dates.py, logic.py and rulebook/.
# Exits 1 if the score is under MUTATION_THRESHOLD percent (85 unless set). `mutmut show <name>` shows a
# mutant's diff; `mutmut browse` browses them.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" != "--score" ]; then
  mutmut run
fi
mutmut results --all true > mutants/results.txt

python - mutants/results.txt "${MUTATION_THRESHOLD:-85}" <<'PY'
import re
import sys
from collections import Counter, defaultdict

path, threshold = sys.argv[1], float(sys.argv[2])
SCORED = re.compile(r"fighterlaw\.(rules\..*|rules|dates|logic|rulebook\..*|rulebook)$")
CAUGHT = {"killed", "caught by type check"}
by_module: dict[str, Counter[str]] = defaultdict(Counter)
survivors: list[str] = []
for line in open(path, encoding="utf-8"):
    name, _, status = line.strip().rpartition(": ")
    if not name:
        continue
    module = name.rsplit(".", 1)[0]
    by_module[module][status] += 1
    if SCORED.match(module) and status not in CAUGHT:
        survivors.append(f"{name}: {status}")

print(f"{'module':41} {'mutants':>7} {'killed':>7} {'typed':>7} {'left':>7} {'score':>7}")
total = Counter()
for module in sorted(by_module):
    counts = by_module[module]
    all_ = sum(counts.values())
    caught = counts["killed"] + counts["caught by type check"]
    scored = "*" if SCORED.match(module) else " "
    print(f"{scored}{module:40} {all_:7} {counts['killed']:7} {counts['caught by type check']:7} "
          f"{all_ - caught:7} {caught / all_:7.1%}")
    if scored == "*":
        total.update(counts)
all_ = sum(total.values())
caught = total["killed"] + total["caught by type check"]
score = caught / all_ if all_ else 0.0
print(f"\n* scored: rules/, dates.py, logic.py, rulebook/ ({', '.join(f'{k} {v}' for k, v in sorted(total.items()))})")
print(f"mutation score: {caught}/{all_} = {score:.1%} killed or caught by the type check (threshold {threshold:g}%)")
print(f"{len(survivors)} not caught in the scored modules; list them with: grep -v -e killed -e 'type check' {path}")
sys.exit(0 if score * 100 >= threshold else 1)
PY
