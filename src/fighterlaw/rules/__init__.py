"""The questions fighterlaw answers: one module per question, each building its graph for a reading.

Each rule module describes its question once, as a graph of steps (:mod:`fighterlaw.graph`), for one reading;
the planner turns it into the functions that decide and explain it on a day. The questions themselves (ids,
wording, subjects) are registered in :mod:`fighterlaw.questions`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from fighterlaw import planner
from fighterlaw.planner import RuleGraph
from fighterlaw.questions import QUESTIONS as _REGISTRY
from fighterlaw.rulebook import Reading
from fighterlaw.rules import (
    expulsion_bar,
    extradition_bar,
    foreign_contract,
    simplified_citizenship,
    stateless_contract,
)

__all__ = ["GRAPHS", "QUESTIONS"]

GRAPHS: Final[dict[str, Callable[[Reading], RuleGraph]]] = {
    foreign_contract.RULE: foreign_contract.graph,
    stateless_contract.RULE: stateless_contract.graph,
    simplified_citizenship.RULE: simplified_citizenship.graph,
    extradition_bar.RULE: extradition_bar.graph,
    expulsion_bar.RULE: expulsion_bar.graph,
}
"""Every rule's graph builder, by id, in the order of the registry of questions."""

for _rule, _build in GRAPHS.items():
    planner.register(_rule, _build)

QUESTIONS: Final[dict[str, str]] = {rule: question.question for rule, question in _REGISTRY.items()}
"""The question each rule answers, as text."""
