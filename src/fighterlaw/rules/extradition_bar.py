"""``extradition-bar``: is the person's extradition from Russia barred on D?

- Constitution Art. 61(1); Criminal Procedure Code Art. 464(1) item 1: a Russian citizen may not be extradited.
- CPC Art. 464(1) item 2: nor a person Russia has granted asylum.
- CPC Art. 464(1) item 7, added by Federal Law No. 50-FZ of 8 Mar 2026: "extradition is not permitted of a
  foreign citizen or stateless person who serves under contract in the Armed Forces or another military
  formation of the Russian Federation, or has served so and took part in combat", for prosecution and for the
  enforcement of a sentence, whatever the offence. In force (by the ten-day rule) on 19 Mar 2026.
- CPC Art. 464(1) items 3, 4 and 6, for each offence: a final Russian judgment for the same act; the limitation
  period expired; the act is not a crime under Russian law.

The person as a whole (subject ``person``) is barred by the person bars; each offence (``offence:<id>``) by the
person bars and its own. ``yes`` if any bar applies, ``no`` if none can, else ``undetermined``; every bar that
applies is reported. Which bars exist, and how item 7 is read (combat required of current soldiers too under
``summary``; offences related to combat only, under ``press``), is the reading's data.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Final

from fighterlaw import graph as g
from fighterlaw.logic import YES, Reason, Texts
from fighterlaw.planner import OffenceRoots, RuleGraph
from fighterlaw.rulebook import Reading
from fighterlaw.rulebook._model import Bar, CitizenBar, CombatOffenceBar, FactBar, ServiceBar
from fighterlaw.rules import _law as law
from fighterlaw.rules._contracts import SERVING, ServingContract, served_graph, settled, term_warnings
from fighterlaw.rules._eligibility import status_over_time
from fighterlaw.rules._people import Combat, RussianOn, YesNoFact

__all__ = ["RULE", "graph"]

RULE = "extradition-bar"

_PERSON: Final = Texts(
    "Extradition of the person is barred on {0}, whatever the offence.",
    "No bar protects the person as a whole on {0}; each offence may still be barred on its own.",
    "Whether extradition of the person is barred on {0}, whatever the offence, is undetermined.",
)
_OFFENCE: Final = Texts(
    "Extradition for offence {1} is barred on {0}.",
    "No bar applies to extradition for offence {1} on {0}.",
    "Whether extradition for offence {1} is barred on {0} is undetermined.",
)

# What each yes/no fact says when it is true, false or unknown.
_FACTS: Final[dict[str, dict[bool | None, str]]] = {
    "asylum_in_russia": {
        True: "Russia has granted {0} asylum.",
        False: "Russia has not granted {0} asylum.",
        None: "Whether Russia has granted {0} asylum is not known.",
    },
    "russian_judgment": {
        True: "A Russian judgment has become final, or proceedings were terminated, for the same act ({0}).",
        False: "No final Russian judgment or terminated proceedings exist for the same act ({0}).",
        None: "Whether a final Russian judgment exists for the same act ({0}) is not known.",
    },
    "limitation_expired": {
        True: "The limitation period for {0} has expired.",
        False: "The limitation period for {0} has not expired.",
        None: "Whether the limitation period for {0} has expired is not known.",
    },
    "criminal_in_russia": {
        # The bar applies where the act is not a crime: each sentence says which way it goes, so that a step
        # marked no never reads as a negative of a negative.
        True: "The act ({0}) is a crime under Russian law, so this bar does not apply.",
        False: "The act ({0}) is not a crime under Russian law, which bars extradition for it.",
        None: "Whether the act ({0}) is a crime under Russian law is not known.",
    },
}


_BAR: Final = Texts("{0}: applies.", "{0}: does not apply.", "{0}: undetermined.")
_CITIZEN: Final = Texts(
    "The person is a Russian citizen on {0}, and a Russian citizen may not be extradited.",
    "The person is not a Russian citizen on {0}.",
    "Whether the person is a Russian citizen on {0} is not known (naturalised {1:when}).",
)


def _treaty_warning(bar: Bar, reading: Reading) -> str:
    treaty = reading.instruments[bar.treaty or ""]
    party = "" if treaty.start is None else f", to which Russia has been a party since {treaty.start.date}"
    return (
        f"Only {bar.pinpoint or bar.instrument} bars extradition here. It is not a ground of refusal under the "
        f"{treaty.citation}{party}, so a treaty may oblige Russia to extradite all the same "
        f"({treaty.key}: {(treaty.status_note or treaty.status).rstrip('.')})."
    )


_SERVED_OR_SERVING: Final = Texts(
    "The person serves or has served under contract.",
    "The person has never served under contract.",
    "Whether the person has served under contract is undetermined.",
)
_SERVICE_AND_COMBAT: Final = Texts(
    "The person serves or has served under contract, and took part in combat.",
    "The person has not both served under contract and taken part in combat.",
    "Whether the person has served under contract and taken part in combat is undetermined.",
)
_SERVED_IN_COMBAT: Final = Texts(
    "The person has served under contract and took part in combat.",
    "The person has not both served under contract and taken part in combat.",
    "Whether the person served under contract and took part in combat is undetermined.",
)
_SERVING_OR_FOUGHT: Final = Texts(
    "The person serves under contract, or has served and took part in combat.",
    "The person neither serves under contract nor has served and taken part in combat.",
    "Whether the person serves under contract, or served and took part in combat, is undetermined.",
)
_COMBAT_RELATED: Final = Texts(
    "The offence ({0}) is related to participation in combat.",
    "The offence ({0}) is not related to participation in combat.",
    "Whether the offence ({0}) is related to participation in combat is not known.",
)


def graph(reading: Reading) -> RuleGraph:
    """The question's graph under ``reading``: the person's bars, and for each offence its own bars too."""
    bars = reading.rules.extradition_bar.bars
    person = [_person_bar_graph(key, bar) for key, bar in bars.items() if bar.scope == "person"]
    offence = [_offence_bar_graph(key, bar) for key, bar in bars.items() if bar.scope == "offence"]
    scoped = {scope: [(key, bar) for key, bar in bars.items() if bar.scope == scope] for scope in ("person", "offence")}
    root = g.AnyOf(RULE, _PERSON, person, args=lambda ctx: (ctx.day,))
    return RuleGraph(
        RULE, root, OffenceRoots(_OFFENCE, offence), _Warnings(reading, scoped["person"], scoped["offence"])
    )


def _force_graph(code: str, bar: Bar, steps: list[g.Node]) -> g.Node:
    """The bar's own steps, after its in-force check where the bar has dates."""
    if bar.start is not None or bar.end is not None:
        steps = [law.in_force(f"{code}-in-force", bar.title, bar.instrument, bar.start, bar.end), *steps]
    if len(steps) == 1:
        return steps[0]
    cited = bar.pinpoint or bar.instrument
    return g.All(code, _BAR, steps, args=lambda ctx: (cited,), provision=bar.instrument, pinpoint=bar.pinpoint)


def _person_bar_graph(key: str, bar: Bar) -> g.Node:
    match bar:
        case CitizenBar():
            step = RussianOn(key, _CITIZEN, provision=bar.instrument, pinpoint=bar.pinpoint, status=bar.status)
            return _force_graph(key, bar, [step])
        case FactBar():
            return _force_graph(key, bar, [_fact_graph(key, bar, lambda ctx: "the person", lambda ctx: bar.fact)])
        case ServiceBar():
            return _service_graph(key, bar)
        case _:  # an offence bar never reaches here: the caller sorts bars by scope
            raise AssertionError(bar.kind)


def _fact_graph(
    code: str,
    bar: FactBar,
    about: Callable[[g.Context], str],
    path: Callable[[g.Context], str],
    *,
    on_item: bool = False,
) -> g.Node:
    """A bar that applies when a yes/no fact has the barring value."""
    return YesNoFact(
        code,
        bar.fact,
        bar.bars_when,
        _FACTS[bar.fact],
        about,
        path,
        on_item=on_item,
        provision=bar.instrument,
        pinpoint=bar.pinpoint,
        status=bar.status,
    )


def _who(ctx: g.Context) -> tuple[object, ...]:
    return (ctx.who.label, ctx.day, ctx.who.named)


def _served_graph(key: str, bar: ServiceBar | CombatOffenceBar) -> g.Node:
    return served_graph(key, bar.instrument, bar.status, bar.formations)


def _service_graph(key: str, bar: ServiceBar) -> g.Node:
    """Item 7: a foreign or stateless person who serves under contract, or served and took part in combat."""
    provision = bar.instrument
    status = status_over_time(f"{key}-status", bar.categories)
    each = ServingContract(f"{key}-serving-contract", provision, bar.status, settled(bar.formations), key)
    serving = g.AnyOf(
        f"{key}-serving", SERVING, [g.Each("contracts", each)], args=_who, provision=provision, status=bar.status
    )
    served = _served_graph(key, bar)
    combat = Combat(f"{key}-combat", provision, bar.status)
    service: g.Node
    if bar.combat_required_while_serving:
        either = g.AnyOf(f"{key}-served-or-serving", _SERVED_OR_SERVING, [serving, served], provision=provision)
        service = g.All(f"{key}-service", _SERVICE_AND_COMBAT, [either, combat], provision=provision)
    else:
        in_combat = g.All(f"{key}-served-in-combat", _SERVED_IN_COMBAT, [served, combat], provision=provision)
        service = g.AnyOf(f"{key}-service", _SERVING_OR_FOUGHT, [serving, in_combat], provision=provision)
    return _force_graph(key, bar, [status, service])


def _offence_label(ctx: g.Context) -> str:
    subject = ctx.who.person.offence_ids[ctx.index]
    offence = ctx.item
    return f"offence {subject}" if offence.description is None else f"offence {subject}, {offence.description}"


def _offence_bar_graph(key: str, bar: Bar) -> g.Node:
    match bar:
        case FactBar():
            fact = bar.fact
            step = _fact_graph(key, bar, _offence_label, lambda ctx: f"offences[{ctx.index}].{fact}", on_item=True)
            return _force_graph(key, bar, [step])
        case CombatOffenceBar():
            related = YesNoFact(
                f"{key}-combat-related",
                "combat_related",
                True,
                _RELATED,
                _offence_label,
                lambda ctx: f"offences[{ctx.index}].combat_related",
                on_item=True,
                provision=bar.instrument,
                pinpoint=bar.pinpoint,
                status=bar.status,
            )
            return _force_graph(key, bar, [_served_graph(key, bar), related])
        case _:  # a person bar never reaches here: the caller sorts bars by scope
            raise AssertionError(bar.kind)


_RELATED: Final = {
    True: _COMBAT_RELATED.yes,
    False: _COMBAT_RELATED.no,
    None: _COMBAT_RELATED.undetermined,
}


class _Warnings:
    """The warnings of one subject: where only bars a treaty may override apply, the treaty, and their own."""

    def __init__(self, reading: Reading, person: list[tuple[str, Bar]], offence: list[tuple[str, Bar]]) -> None:
        self.reading = reading
        self.person = person
        self.offence = offence

    def __call__(self, reading: Reading, on: date, who: g.Who, root: Reason) -> tuple[str, ...]:
        bars = self.person if len(root.because) == len(self.person) else [*self.person, *self.offence]
        applying = [
            (key, bar, reason) for (key, bar), reason in zip(bars, root.because, strict=True) if reason.verdict is YES
        ]
        if not applying or any(bar.treaty is None for _, bar, _ in applying):
            return ()
        notes = [_treaty_warning(bar, self.reading) for _, bar, _ in applying]
        for key, bar, reason in applying:
            if isinstance(bar, ServiceBar):
                notes.extend(_serving_warnings(key, reason, who, on))
        return tuple(dict.fromkeys(notes))


def _serving_warnings(key: str, reason: Reason, who: g.Who, on: date) -> list[str]:
    """Warnings for contracts the bar counts as in force although their term ran out."""
    serving = next(node for node in reason.walk() if node.code == f"{key}-serving")
    if serving.verdict is not YES:
        return []
    relied = [index for index, step in enumerate(serving.because) if step.verdict is YES]
    return term_warnings(who, on, relied)
