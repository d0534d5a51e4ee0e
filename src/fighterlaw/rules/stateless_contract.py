"""``stateless-contract``: may the person serve under contract as a stateless person on D?

Federal law of 7 Jul 2025 amending the Military Duty Act, the Defence Act and the Status of Servicemen Act:
stateless persons may serve under contract on the same terms as foreign citizens (in force on signing). The
press dates this from July 2024; the ``press`` reading encodes that account.

The conditions (``enacted``): the person is stateless on D; the provision is in force on D; aged 18 or over.
"""

from __future__ import annotations

from fighterlaw.logic import Texts
from fighterlaw.planner import RuleGraph
from fighterlaw.rulebook import Reading
from fighterlaw.rules._service import service_graph

__all__ = ["RULE", "graph"]

RULE = "stateless-contract"

_TEXTS = Texts(
    "The person may serve under contract as a stateless person on {0}.",
    "The person may not serve under contract as a stateless person on {0}.",
    "Whether the person may serve under contract as a stateless person on {0} is undetermined.",
)


def graph(reading: Reading) -> RuleGraph:
    """The question's graph under ``reading``."""
    return service_graph(reading.rules.stateless_contract, RULE, _TEXTS)
