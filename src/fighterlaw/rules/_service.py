"""Contract service: whether a provision in force on a day lets the person serve under contract."""

from __future__ import annotations

from datetime import date

from fighterlaw.facts import Person
from fighterlaw.graph import All, Context
from fighterlaw.logic import Texts, all_of
from fighterlaw.planner import RuleGraph
from fighterlaw.rulebook import Reading
from fighterlaw.rulebook._model import Provision
from fighterlaw.rules import _law as law
from fighterlaw.rules._common import Day, Finding, Who, eligibility, in_force
from fighterlaw.rules._eligibility import eligibility as new_eligibility

__all__ = ["may_serve", "service_graph"]


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


def service_graph(provision: Provision, rule: str, texts: Texts) -> RuleGraph:
    """``yes`` if ``provision`` is in force on the day and covers the person (status, age) on that day."""
    steps = [
        law.in_force(
            "in-force",
            provision.title,
            provision.instrument,
            provision.start,
            provision.end,
            pinpoint=provision.pinpoint,
        ),
        *new_eligibility(provision),
    ]
    root = All(rule, texts, steps, args=_day, provision=provision.instrument, pinpoint=provision.pinpoint)
    return RuleGraph(rule, root)


def _day(ctx: Context) -> tuple[object, ...]:
    return (ctx.day,)
