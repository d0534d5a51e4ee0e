"""The questions fighterlaw answers: one module per question, each a pure function of (facts, day, reading).

Each rule returns one :class:`Finding` per subject: ``person``, and for ``extradition-bar`` also
``offence:<id>`` for each alleged offence, in input order.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Final

from fighterlaw.facts import Person
from fighterlaw.planner import RuleGraph
from fighterlaw.rulebook import Reading
from fighterlaw.rules import extradition_bar, foreign_contract, simplified_citizenship, stateless_contract
from fighterlaw.rules._common import Finding

__all__ = ["GRAPHS", "QUESTIONS", "RULES", "Finding", "RuleFunction"]

RuleFunction = Callable[[Person, date, Reading], list[Finding]]

RULES: Final[dict[str, RuleFunction]] = {
    foreign_contract.RULE: foreign_contract.may_serve_as_foreigner,
    stateless_contract.RULE: stateless_contract.may_serve_as_stateless,
    simplified_citizenship.RULE: simplified_citizenship.may_apply_for_citizenship,
    extradition_bar.RULE: extradition_bar.extradition_barred,
}
"""Every rule, by id, in the order reports list them."""

GRAPHS: Final[dict[str, Callable[[Reading], RuleGraph]]] = {
    foreign_contract.RULE: foreign_contract.graph,
    stateless_contract.RULE: stateless_contract.graph,
    simplified_citizenship.RULE: simplified_citizenship.graph,
    extradition_bar.RULE: extradition_bar.graph,
}
"""Every rule's graph builder, by id, in the order reports list them."""

QUESTIONS: Final[dict[str, str]] = {
    foreign_contract.RULE: "May the person serve under contract as a foreign citizen on D?",
    stateless_contract.RULE: "May the person serve under contract as a stateless person on D?",
    simplified_citizenship.RULE: "May the person apply for Russian citizenship by the simplified route on D?",
    extradition_bar.RULE: "Is extradition barred on D, whatever the offence, and for each alleged offence?",
}
"""The question each rule answers."""
