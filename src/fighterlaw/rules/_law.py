"""Law-side steps: what the reading and the day alone decide (in force, value in effect, route open).

Each is a :class:`~fighterlaw.graph.LawStep` or a part of an :class:`~fighterlaw.graph.OverTime`: the planner
decides it once per reading and day, and every record shares its reason.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Final, TypeVar

from fighterlaw.graph import LawStep, Node, OverTime
from fighterlaw.logic import NO, UNDETERMINED, YES, Reason, Status, Texts, leaf, weakest
from fighterlaw.rulebook import Reading
from fighterlaw.rulebook._model import Dated, LegalDate, Segment

__all__ = ["in_force", "over_time", "point", "repeal_of", "route_open"]

T = TypeVar("T")

_IN_FORCE: Final = {
    "yes": "{0} is in force on {1}.",
    "yes-since": "{0} is in force on {1}: it entered into force {2:when}.",
    "not-yet": "{0} is not in force on {1}: it entered into force {2:when}.",
    "ended": "{0} is no longer in force on {1}: it ended {3:when}.",
    "ended-repealed": "{0} is no longer in force on {1}: it ended {3:when}; {5} repealed it {6:when}.",
    "start-open": "Whether {0} is in force on {1} is unsettled: it entered into force {2:when}.",
    "maybe-repealed": "Whether {0} is still in force on {1} is unsettled: it may have ended {3:when} ({4}).",
    "end-open": "Whether {0} is still in force on {1} is unsettled: it ended {3:when}.",
}


def point(date_of: LegalDate, fallback: str) -> str:
    """The name of the legal point an uncertain date stands for: ``decree-690.end``, ``smo-start``."""
    return date_of.of or fallback


def in_force(
    code: str,
    title: str,
    provision: str,
    start: LegalDate | None,
    end: LegalDate | None,
    *,
    pinpoint: str | None = None,
    repeal: tuple[str, LegalDate] | None = None,
) -> LawStep:
    """Whether a provision is in force on the day: from its start, included, to its end, excluded.

    An end that may not have happened at all (``certain = false``) leaves every day from it undetermined.
    ``repeal`` names the instrument that repealed the provision's, and when: an ended provision says so.
    """
    return LawStep(lambda on: _in_force(code, title, provision, start, end, on, pinpoint, repeal))


def repeal_of(reading: Reading, instrument: str) -> tuple[str, LegalDate] | None:
    """The instrument that certainly repealed ``instrument`` (its citation) and the day, if the rulebook links one."""
    found = reading.instruments.get(instrument)
    link = None if found is None else found.repeal
    if link is None or link.date is None or not link.date.certain or link.instrument not in reading.instruments:
        return None
    return reading.instruments[link.instrument].citation, link.date


def _in_force(
    code: str,
    title: str,
    provision: str,
    start: LegalDate | None,
    end: LegalDate | None,
    on: date,
    pinpoint: str | None,
    repeal: tuple[str, LegalDate] | None = None,
) -> Reason:
    started = YES if start is None else start.date.on_or_before(on)
    ended = NO if end is None else end.date.on_or_before(on)
    if end is not None and not end.certain and ended is YES:
        ended = UNDETERMINED
    verdict = started & ~ended
    relied: list[Status | None] = [None if start is None else start.status]
    if started is not NO and end is not None:
        relied.append(end.status)
    unsettled: list[str] = []
    if started is UNDETERMINED and start is not None:
        unsettled.append(point(start, f"{provision}.start"))
    if ended is UNDETERMINED and end is not None:
        unsettled.append(point(end, f"{provision}.end"))
    if verdict is YES:
        said = "yes" if start is None else "yes-since"
    elif started is NO:
        said = "not-yet"
    elif ended is YES:
        said = "ended" if repeal is None else "ended-repealed"
    elif started is UNDETERMINED:
        said = "start-open"
    else:
        said = "end-open" if end is None or end.certain else "maybe-repealed"
    return leaf(
        code,
        verdict,
        _IN_FORCE[said],
        title,
        on,
        None if start is None else start.date,
        None if end is None else end.date,
        "" if end is None else end.note.rstrip("."),
        None if repeal is None else repeal[0],
        None if repeal is None else repeal[1].date,
        provision=provision,
        pinpoint=pinpoint,
        status=weakest(relied),
        unsettled=tuple(unsettled),
    )


_IN_EFFECT: Final = Texts(
    "The value set by {0} applies on {1}{2}.",
    "The value set by {0} does not apply on {1}.",
    "Whether the value set by {0} applies on {1} is unsettled: it changed {3:when}.",
)
_OVER_TIME: Final = Texts(
    "{0} in effect on {1} is met.",
    "{0} in effect on {1} is not met.",
    "Whether {2} in effect on {1} is met is undetermined.",
)


def over_time(values: Dated[T], build: Callable[[Segment[T]], Node], code: str, what: str) -> Node:
    """``build``'s step under the value of a parameter in effect on the day.

    A parameter with one value is that value's step. Where it has several, each value that may apply on the
    day is a case; the answer is known if every such case gives the same one.
    """
    segments = values.segments
    if len(segments) == 1:
        return build(segments[0])
    cases = [(_applies(values, index), build(segment)) for index, segment in enumerate(segments)]
    return OverTime(code, _OVER_TIME, what, cases)


def _applies(values: Dated[T], index: int) -> Callable[[date], Reason | None]:
    """For one value: the step that says whether it applies on a day, or ``None`` on a day it surely does not."""
    segments = values.segments
    segment = segments[index]
    since = segment.since
    following = segments[index + 1].since if index + 1 < len(segments) else None

    def decide(on: date) -> Reason | None:
        started = YES if since is None else since.date.on_or_before(on)
        superseded = NO if following is None else following.date.on_or_before(on)
        applies = started & ~superseded
        if applies is NO:
            return None
        changes = [d for d, v in ((since, started), (following, superseded)) if d is not None and v is not YES]
        return leaf(
            "value-in-effect",
            applies,
            _IN_EFFECT.pick(applies),
            segment.provision,
            on,
            "" if since is None else f", since {since.date}",
            changes[0].date if changes else None,
            provision=segment.provision,
            status=weakest(d.status for d in (since, following) if d is not None),
            unsettled=tuple(point(d, f"{segment.provision}.change") for d in changes),
        )

    return decide


_OPEN: Final = Texts(
    "This route is open on {0}: it opened {1:when}.",
    "This route is not yet open on {0}: it opened {1:when}.",
    "Whether this route is open on {0} is unsettled: it opened {1:when}.",
)


def route_open(code: str, available_from: LegalDate, provision: str) -> LawStep:
    """Whether a route added to a provision later is open on the day."""

    def decide(on: date) -> Reason:
        opened = available_from.date.on_or_before(on)
        return leaf(
            f"{code}-open",
            opened,
            _OPEN.pick(opened),
            on,
            available_from.date,
            provision=provision,
            status=available_from.status,
            unsettled=(available_from.of or f"{code}.available-from",),
        )

    return LawStep(decide)
