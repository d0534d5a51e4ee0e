"""Evaluate the bundled example records: a table of verdicts, where the readings differ, and one explanation.

Run from the project's root: ``python examples/quickstart.py``. Not legal advice.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import fighterlaw as fl

PEOPLE = Path(__file__).with_name("people.jsonl")
AS_OF = date(2026, 6, 1)
SHORT = {"yes": "yes", "no": "no", "undetermined": "?"}


def main() -> None:
    """Print every person's verdicts, the verdicts the readings disagree on, and one cited explanation."""
    lines = PEOPLE.read_text(encoding="utf-8").splitlines()
    reports = list(fl.evaluate_many(lines, as_of=AS_OF, reading="all"))

    print(f"fighterlaw {fl.__version__}: {len(lines)} records on {AS_OF} (yes / no / ? = undetermined)")
    print("Each verdict is decided only where the readings enacted, summary and press agree.\n")
    header = f"{'person':8} {'foreign':8} {'stateless':10} {'citizenship':12} {'extradition':12} offences"
    print(header)
    print("-" * len(header))
    for outcome in reports:
        if isinstance(outcome, fl.InputError):
            print(f"error: {outcome}")
            continue
        verdicts = {(found.rule, found.subject): SHORT[found.verdict.value] for found in outcome.results}
        offences = ", ".join(
            f"{found.subject.removeprefix('offence:')} {SHORT[found.verdict.value]}"
            for found in outcome.results
            if found.subject != "person"
        )
        print(
            f"{outcome.person or '-':8} {verdicts['foreign-contract', 'person']:8} "
            f"{verdicts['stateless-contract', 'person']:10} {verdicts['simplified-citizenship', 'person']:12} "
            f"{verdicts['extradition-bar', 'person']:12} {offences}"
        )

    print("\nWhere the readings disagree:")
    for outcome in reports:
        if isinstance(outcome, fl.InputError):
            continue
        for found in outcome.results:
            readings = found.readings or {}
            if len(set(readings.values())) > 1:
                each = ", ".join(f"{name} {verdict.value}" for name, verdict in readings.items())
                print(f"  {outcome.person} {found.rule} [{found.subject}]: {each}")

    first = fl.Person.model_validate_json(lines[0])
    print("\nThe full explanation for the first record, as enacted:\n")
    print(fl.evaluate(first, as_of=AS_OF).explain())


if __name__ == "__main__":
    main()
