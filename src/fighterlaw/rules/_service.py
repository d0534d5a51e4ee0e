"""Contract service: whether a provision in force on a day lets the person serve under contract."""

from __future__ import annotations

from datetime import date

from fighterlaw.facts import Person
from fighterlaw.logic import Texts, all_of
from fighterlaw.rulebook import Reading
from fighterlaw.rulebook._model import Provision
from fighterlaw.rules._common import Day, Finding, Who, eligibility, in_force

__all__ = ["may_serve"]


def may_serve(person: Person, on: date, reading: Reading, provision: Provision, rule: str, texts: Texts) -> Finding:
    """``yes`` if ``provision`` is in force on ``on`` and covers the person (status, age) on that day."""
    day = Day.of(reading, on)
    steps = [
        in_force(
            day,
            "in-force",
            provision.title,
            provision.instrument,
            provision.start,
            provision.end,
            pinpoint=provision.pinpoint,
        ),
        *eligibility(day, Who.applicant(person), provision),
    ]
    return Finding(
        "person", all_of(rule, texts, steps, on, provision=provision.instrument, pinpoint=provision.pinpoint)
    )
