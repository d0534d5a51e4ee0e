"""``foreign-contract``: may the person serve under contract as a foreign citizen on D?

Military Duty and Military Service Act, as amended on 11 Nov 2003: foreign citizens may serve under contract
in private and NCO posts, aged 18 to 30. Federal law of 28 May 2022 removed the upper age limit for a first
contract. (The press dates foreigners' contract service from November 2022, when Decree No. 823 amended the
rules; the ``press`` reading encodes that account.)

The conditions (``enacted``): the person is a foreign citizen on D; the provision is in force on D; aged 18 or
over on D; aged 30 or under on D while the upper limit applies. Every date and age comes from the reading.
"""

from __future__ import annotations

from fighterlaw.logic import Texts
from fighterlaw.planner import RuleGraph
from fighterlaw.rulebook import Reading
from fighterlaw.rules._service import service_graph

__all__ = ["RULE", "graph"]

RULE = "foreign-contract"

_TEXTS = Texts(
    "The person may serve under contract as a foreign citizen on {0}.",
    "The person may not serve under contract as a foreign citizen on {0}.",
    "Whether the person may serve under contract as a foreign citizen on {0} is undetermined.",
)


def graph(reading: Reading) -> RuleGraph:
    """The question's graph under ``reading``."""
    return service_graph(reading.rules.foreign_contract, RULE, _TEXTS)
