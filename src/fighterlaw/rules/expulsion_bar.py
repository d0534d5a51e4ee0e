"""``expulsion-bar``: is administrative expulsion from Russia barred on D?

- Constitution Art. 61(1): "A citizen of the Russian Federation may not be expelled from the Russian Federation or
  extradited to another state."
- Code of Administrative Offences Art. 4.1, as amended by the federal law of 23 Mar 2026 (bill 1075363-8):
  administrative expulsion is not imposed on a foreign citizen or stateless person who served under contract in the
  Armed Forces or other military formations of Russia and took part in combat, where the offence's sanction
  provides for expulsion; instead a fine within that sanction or 100-200 hours of compulsory work (for
  spectator-rule offences under Art. 20.31, a ban on attending official competitions for 1-7 years). No
  entry-into-force clause was found, so the ten-day rule gives 3 Apr 2026.

Subject ``person``. ``yes`` if any bar applies, ``no`` if none can, else ``undetermined``; every bar that applies
is reported, and where the CoAO bar applies its reasons say what replaces expulsion. Which bars exist, their
dates and the formations that count are the reading's data.
"""

from __future__ import annotations

from typing import Final

from fighterlaw import graph as g
from fighterlaw.logic import Texts, Verdict
from fighterlaw.planner import RuleGraph
from fighterlaw.rulebook import Reading
from fighterlaw.rulebook._model import CitizenBar, ExpulsionBar, VeteranBar
from fighterlaw.rules import _law as law
from fighterlaw.rules._contracts import served_graph
from fighterlaw.rules._eligibility import status_over_time
from fighterlaw.rules._people import Combat, RussianOn
from fighterlaw.rules._routes import Stated

__all__ = ["RULE", "graph"]

RULE = "expulsion-bar"

_ROOT: Final = Texts(
    "Administrative expulsion of the person from Russia is barred on {0}.",
    "No bar protects the person from administrative expulsion on {0}.",
    "Whether administrative expulsion of the person is barred on {0} is undetermined.",
)
_BAR: Final = Texts("{0}: applies.", "{0}: does not apply.", "{0}: undetermined.")
_CITIZEN: Final = Texts(
    "The person is a Russian citizen on {0}, and a Russian citizen may not be expelled from Russia.",
    "The person is not a Russian citizen on {0}.",
    "Whether the person is a Russian citizen on {0} is not known (naturalised {1:when}).",
)
_VETERAN: Final = Texts(
    "The person served under contract and took part in combat.",
    "The person has not both served under contract and taken part in combat.",
    "Whether the person served under contract and took part in combat is undetermined.",
)
_SAID: Final = "Where this bar applies, the sanction imposes instead of expulsion {0}."
_INSTEAD: Final = Texts(_SAID, _SAID, _SAID)


def graph(reading: Reading) -> RuleGraph:
    """The question's graph under ``reading``: any of its bars on expulsion that applies bars it."""
    bars = [_bar(key, bar) for key, bar in reading.rules.expulsion_bar.bars.items()]
    return RuleGraph(RULE, g.AnyOf(RULE, _ROOT, bars, args=lambda ctx: (ctx.day,)))


def _bar(key: str, bar: ExpulsionBar) -> g.Node:
    steps: list[g.Node | g.Child] = []
    if bar.start is not None or bar.end is not None:
        steps.append(law.in_force(f"{key}-in-force", bar.title, bar.instrument, bar.start, bar.end))
    match bar:
        case CitizenBar():
            steps.append(RussianOn(key, _CITIZEN, provision=bar.instrument, pinpoint=bar.pinpoint, status=bar.status))
        case VeteranBar():
            steps.extend(_veteran(key, bar))
            # What replaces expulsion is said only where the bar may apply: after conditions none of which is no.
            said = (bar.instead,)
            instead = Stated(
                f"{key}-instead",
                _INSTEAD,
                lambda ctx: said,
                provision=bar.instrument,
                pinpoint=bar.pinpoint,
                verdict=Verdict.YES,
            )
            steps.append(g.Child(instead, tuple(range(len(steps)))))
    if len(steps) == 1 and not isinstance(steps[0], g.Child):
        return steps[0]
    cited = bar.pinpoint or bar.instrument
    return g.All(key, _BAR, steps, args=lambda ctx: (cited,), provision=bar.instrument, pinpoint=bar.pinpoint)


def _veteran(key: str, bar: VeteranBar) -> list[g.Node]:
    """A foreign or stateless person on the day, who served under contract and took part in combat."""
    provision = bar.instrument
    status = status_over_time(f"{key}-status", bar.categories)
    served = served_graph(key, provision, bar.status, bar.formations)
    combat = Combat(f"{key}-combat", provision, bar.status)
    return [status, g.All(f"{key}-service", _VETERAN, [served, combat], provision=provision)]
