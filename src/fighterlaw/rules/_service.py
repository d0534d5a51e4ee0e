"""Contract service: whether a provision in force on a day lets the person serve under contract."""

from __future__ import annotations

from fighterlaw.graph import All, Context
from fighterlaw.logic import Texts
from fighterlaw.planner import RuleGraph
from fighterlaw.rulebook._model import Provision
from fighterlaw.rules import _law as law
from fighterlaw.rules._eligibility import eligibility

__all__ = ["service_graph"]


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
        *eligibility(provision),
    ]
    root = All(rule, texts, steps, args=_day, provision=provision.instrument, pinpoint=provision.pinpoint)
    return RuleGraph(rule, root)


def _day(ctx: Context) -> tuple[object, ...]:
    return (ctx.day,)
