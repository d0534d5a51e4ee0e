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

from collections.abc import Sequence
from datetime import date
from typing import Final, NamedTuple

from fighterlaw.facts import Offence, Person
from fighterlaw.logic import UNDETERMINED, YES, Reason, Texts, Verdict, all_of, any_of, leaf
from fighterlaw.rulebook import Reading
from fighterlaw.rulebook._model import Bar, CitizenBar, CombatOffenceBar, FactBar, ServiceBar
from fighterlaw.rules._common import (
    Day,
    Finding,
    Who,
    combat_leaf,
    in_force,
    over_time,
    russian_on,
    served_before,
    serving_on,
    status_in,
    term_warnings,
)

__all__ = ["RULE", "extradition_barred"]

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
        True: "The act ({0}) is a crime under Russian law.",
        False: "The act ({0}) is not a crime under Russian law.",
        None: "Whether the act ({0}) is a crime under Russian law is not known.",
    },
}


_BAR: Final = Texts("{0}: applies.", "{0}: does not apply.", "{0}: undetermined.")
_CITIZEN: Final = Texts(
    "The person is a Russian citizen on {0}, and a Russian citizen may not be extradited.",
    "The person is not a Russian citizen on {0}.",
    "Whether the person is a Russian citizen on {0} is not known (naturalised {1:when}).",
)


def extradition_barred(person: Person, on: date, reading: Reading) -> list[Finding]:
    """Whether extradition is barred on ``on``, for the person as a whole and for each offence."""
    day = Day.of(reading, on)
    who = Who.applicant(person)
    bars = reading.rules.extradition_bar.bars
    person_bars = [_person_bar(day, who, key, bar) for key, bar in bars.items() if bar.scope == "person"]
    offence_bars = [(key, bar) for key, bar in bars.items() if bar.scope == "offence"]
    findings = [_finding(day, "person", person_bars, _PERSON, (on,))]
    for index, (subject, offence) in enumerate(zip(person.offence_ids, person.offences, strict=True)):
        own = [_offence_bar(day, who, key, bar, offence, index, subject) for key, bar in offence_bars]
        findings.append(_finding(day, f"offence:{subject}", [*person_bars, *own], _OFFENCE, (on, subject)))
    return findings


class _Checked(NamedTuple):
    """A bar, its reason, and the warnings that matter if the verdict rests on this bar alone."""

    bar: Bar
    reason: Reason
    warnings: tuple[str, ...] = ()


def _finding(day: Day, subject: str, bars: Sequence[_Checked], texts: Texts, args: tuple[object, ...]) -> Finding:
    """The answer for one subject: any bar that applies bars extradition.

    Where the only bars that apply are those a treaty may override (item 7), the verdict rests on them alone,
    so it carries the treaty warning and the bars' own warnings.
    """
    root = any_of(RULE, texts, [checked.reason for checked in bars], *args)
    applying = [checked for checked in bars if checked.reason.verdict is YES]
    if not applying or any(checked.bar.treaty is None for checked in applying):
        return Finding(subject, root)
    notes = [_treaty_warning(checked.bar, day.reading) for checked in applying]
    notes.extend(warning for checked in applying for warning in checked.warnings)
    return Finding(subject, root, tuple(dict.fromkeys(notes)))


def _treaty_warning(bar: Bar, reading: Reading) -> str:
    treaty = reading.instruments[bar.treaty or ""]
    party = "" if treaty.start is None else f", to which Russia has been a party since {treaty.start.date}"
    return (
        f"Only {bar.pinpoint or bar.instrument} bars extradition here. It is not a ground of refusal under the "
        f"{treaty.citation}{party}, so a treaty may oblige Russia to extradite all the same "
        f"({treaty.key}: {(treaty.status_note or treaty.status).rstrip('.')})."
    )


def _with_force(day: Day, code: str, bar: Bar, steps: list[Reason]) -> Reason:
    """The bar's own steps, after its in-force check where the bar has dates."""
    if bar.start is not None or bar.end is not None:
        steps = [in_force(day, f"{code}-in-force", bar.title, bar.instrument, bar.start, bar.end), *steps]
    if len(steps) == 1:
        return steps[0]
    return all_of(code, _BAR, steps, bar.pinpoint or bar.instrument, provision=bar.instrument, pinpoint=bar.pinpoint)


def _person_bar(day: Day, who: Who, key: str, bar: Bar) -> _Checked:
    match bar:
        case CitizenBar():
            russian, missing = russian_on(who, day.on)
            step = leaf(
                key,
                russian,
                _CITIZEN.pick(russian),
                day.on,
                who.person.naturalised,
                provision=bar.instrument,
                pinpoint=bar.pinpoint,
                status=bar.status,
                missing=missing,
            )
            return _Checked(bar, _with_force(day, key, bar, [step]))
        case FactBar():
            value = getattr(who.person, bar.fact)
            return _Checked(bar, _with_force(day, key, bar, [_fact(key, bar, value, "the person", bar.fact)]))
        case ServiceBar():
            return _service(day, who, key, bar)
        case _:  # an offence bar never reaches here: the caller sorts bars by scope
            raise AssertionError(bar.kind)


def _fact(code: str, bar: FactBar, value: bool | None, subject: str, path: str) -> Reason:
    """A bar that applies when a yes/no fact has the barring value."""
    verdict = UNDETERMINED if value is None else Verdict.of(value is bar.bars_when)
    return leaf(
        code,
        verdict,
        _FACTS[bar.fact][value],
        subject,
        provision=bar.instrument,
        pinpoint=bar.pinpoint,
        status=bar.status,
        missing=(path,),
    )


def _service(day: Day, who: Who, key: str, bar: ServiceBar) -> _Checked:
    """Item 7: a foreign or stateless person who serves under contract, or served and took part in combat."""
    on = day.on
    status = over_time(
        day,
        bar.categories,
        lambda segment: status_in(
            who, on, segment.value, code=f"{key}-status", provision=segment.provision, status=segment.status
        ),
        f"{key}-status",
        "The citizenship condition",
    )
    provision, formations = bar.instrument, bar.formations
    serving = serving_on(
        who,
        on,
        code=f"{key}-serving",
        provision=provision,
        status=bar.status,
        formations=formations,
        where=key,
    )
    served = served_before(
        who,
        on,
        code=f"{key}-served",
        provision=provision,
        status=bar.status,
        formations=formations,
        where=key,
    )
    combat = combat_leaf(who, f"{key}-combat", provision=provision, status=bar.status)
    if bar.combat_required_while_serving:
        either = any_of(f"{key}-served-or-serving", _SERVED_OR_SERVING, [serving, served], provision=provision)
        service = all_of(f"{key}-service", _SERVICE_AND_COMBAT, [either, combat], provision=provision)
    else:
        in_combat = all_of(f"{key}-served-in-combat", _SERVED_IN_COMBAT, [served, combat], provision=provision)
        service = any_of(f"{key}-service", _SERVING_OR_FOUGHT, [serving, in_combat], provision=provision)
    reason = _with_force(day, key, bar, [status, service])
    if reason.verdict is not YES or serving.verdict is not YES:
        return _Checked(bar, reason)
    relied = [index for index, step in enumerate(serving.because) if step.verdict is YES]
    return _Checked(bar, reason, tuple(term_warnings(who, on, relied)))


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


def _offence_bar(day: Day, who: Who, key: str, bar: Bar, offence: Offence, index: int, subject: str) -> _Checked:
    label = f"offence {subject}" if offence.description is None else f"offence {subject}, {offence.description}"
    match bar:
        case FactBar():
            value = getattr(offence, bar.fact)
            step = _fact(key, bar, value, label, f"offences[{index}].{bar.fact}")
            return _Checked(bar, _with_force(day, key, bar, [step]))
        case CombatOffenceBar():
            served = served_before(
                who,
                day.on,
                code=f"{key}-served",
                provision=bar.instrument,
                status=bar.status,
                formations=bar.formations,
                where=key,
            )
            related = Verdict.of(offence.combat_related)
            step = leaf(
                f"{key}-combat-related",
                related,
                _COMBAT_RELATED.pick(related),
                label,
                provision=bar.instrument,
                pinpoint=bar.pinpoint,
                status=bar.status,
                missing=(f"offences[{index}].combat_related",),
            )
            return _Checked(bar, _with_force(day, key, bar, [served, step]))
        case _:  # a person bar never reaches here: the caller sorts bars by scope
            raise AssertionError(bar.kind)
