"""Derive a reading of your own and check that it keeps every property of fighterlaw's verdicts.

The reading here confirms item 7's in-force date (as an official gazette would) and raises Decree No. 821's
lower age limit to 21 (a hypothetical amendment). The catalogue in ``fighterlaw.testing`` then searches
generated records and days, concentrated around the reading's own milestones, for a breach of each property.
Last, a reading that lets Russian citizens be extradited shows what a failure looks like.

Run from the project's root: ``python examples/own_reading_properties.py``. In a test suite, call the same
functions from a test: a failure is an ``AssertionError``. Not legal advice.
"""

from __future__ import annotations

import time
from datetime import date

from hypothesis import Phase, settings

import fighterlaw as fl
from fighterlaw import testing

MINE = fl.RULEBOOK.reading("enacted").derive(
    "gazette-and-21",
    {
        "instruments": {
            "fz-50-2026": {"start": {"date": "2026-03-19", "status": "confirmed", "sources": ["an official gazette"]}}
        },
        "rules": {"simplified-citizenship": {"grants": {"decree-821": {"min-age": 21}}}},
    },
    title="Item 7 in force on 2026-03-19 as confirmed; Decree 821 from the age of 21",
)
SETTINGS = settings(max_examples=60, deadline=None, derandomize=True, database=None)


def main() -> None:
    """Show what the derived reading changes, check every property against it, then show a failure."""
    veteran = fl.Person.model_validate(
        {"citizenship": "foreign", "sex": "male", "birth_date": "2005-09-01", "nationality": "NP",
         "unfitness_ruling": {"date": "2025-12-01"}, "contracts": [{"signed": "2025-03-01", "term_months": 12}]}
    )  # fmt: skip
    on = date(2026, 6, 1)
    print(f"A man born on 2005-09-01 (aged 20), serving since 2025-03-01, found unfit in December 2025, on {on}:")
    for reading in (fl.RULEBOOK.reading("enacted"), MINE):
        report = fl.evaluate(veteran, as_of=on, reading=reading)
        item_7 = report.result("extradition-bar")
        print(
            f"{reading.name:15} simplified-citizenship: {report.verdict('simplified-citizenship'):12} "
            f"extradition-bar: {item_7.verdict} (status {item_7.status})"
        )

    print(f"\nChecking every property against {MINE.name!r} ({SETTINGS.max_examples} examples each):")
    started = time.perf_counter()
    for name, check in testing.PROPERTIES.items():
        check(MINE, settings=SETTINGS)
        print(f"  {name}: holds")
    print(f"  ({time.perf_counter() - started:.1f} s)")

    print("\nA reading whose citizen bar turns on asylum instead breaks Art. 61(1):")
    broken = MINE.derive(
        "no-article-61",
        {
            "rules": {
                "extradition-bar": {
                    "bars": {"russian-citizen": {"kind": "fact", "fact": "asylum_in_russia", "bars-when": True}}
                }
            }
        },
    )
    try:
        # Stop at the first failure found: shrinking it to the simplest record takes longer.
        testing.check_russian_citizens_are_never_extraditable(
            broken, settings=settings(SETTINGS, phases=[Phase.generate])
        )
    except testing.PropertyError as failure:
        print("\n".join(f"  {line}" for line in str(failure).splitlines()[:4]))


if __name__ == "__main__":
    main()
