"""Legal time: how an answer changes from day to day, as spans of days that share a verdict.

A verdict is a step function of the day D. The rules reach D only by comparing it with a date: a date of law
(an entry into force, an end, the day a value changed, a route's opening, a milestone), a date of the record
(a contract signed or ended, a discharge, a naturalisation, a commission decision, in the person's record or a
family member's), or the day someone reaches an age limit. Each comparison asks ``X <= D`` or ``X < D`` of one
bound of an interval, so its answer can change only on that bound or on the day after it. Between two such
*change days* every comparison, and so every verdict, stays the same.

:func:`timeline` therefore evaluates the rules once on the first day of the period and once on each change day
inside it, and merges neighbouring spans that share a verdict. The answer is exact on every day, not sampled
(a property test holds it to :func:`~fighterlaw.evaluate` on random days inside random spans).

>>> from datetime import date
>>> import fighterlaw as fl
>>> soldier = fl.Person.model_validate({"citizenship": "foreign", "asylum_in_russia": False,
...                                     "contracts": [{"signed": "2023-01-01"}]})
>>> for span in fl.timeline(soldier, "extradition-bar", start=date(2026, 1, 1), end=date(2026, 12, 31)):
...     print(span.first, span.last, span.verdict.value)
2026-01-01 2026-03-18 no
2026-03-19 2026-12-31 yes
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Final, Literal, NamedTuple

from fighterlaw.completions import age_limits, dated_facts, law_days, people
from fighterlaw.dates import UncertainDate, add_years
from fighterlaw.engine import RULE_IDS, evaluate, readings_of
from fighterlaw.errors import UnknownNameError
from fighterlaw.facts import Person
from fighterlaw.logic import Reason, Status, Verdict
from fighterlaw.report import Report, Result
from fighterlaw.rulebook import RULEBOOK, Reading, Rulebook, labelled, point_label

__all__ = [
    "Marker",
    "Span",
    "Timeline",
    "age_limits",
    "change_days",
    "dated_facts",
    "law_days",
    "timeline",
    "timeline_text",
    "timelines",
]

_DAY: Final = timedelta(days=1)
_PARTS_DROPPED: Final = ("grants", "bars")


class Span(NamedTuple):
    """The days from ``first`` to ``last``, both included, on which the verdict is ``verdict``.

    ``result`` is the whole answer on ``first``: its reasons, missing facts and unsettled points. The verdict
    is the same on every day of the span; the reasons are worded for its first day.
    """

    first: date
    last: date
    verdict: Verdict
    result: Result

    @property
    def days(self) -> int:
        """How many days the span holds."""
        return (self.last - self.first).days + 1

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """The reasons for the verdict on the span's first day."""
        return self.result.because

    def covers(self, day: date) -> bool:
        """Whether ``day`` lies in the span."""
        return self.first <= day <= self.last


class Marker(NamedTuple):
    """A dated event drawn on a timeline: a date of law, or a date of the record (an age reached included)."""

    label: str
    """What happened: ``fz-50-2026.start``, ``contracts[0].signed``, ``aged 18``."""
    when: UncertainDate
    """The day, or the window of days, on which it happened."""
    kind: Literal["law", "record"]
    status: Status | None = None
    """For a date of law: how sure we are of it."""
    title: str = ""
    """For a date of law: its name for people (``Federal Law No. 50-FZ in force``)."""


@dataclass(frozen=True, slots=True)
class Timeline:
    """One rule's verdict for one subject over a period, as spans of days, with the dates that move it.

    Iterating gives the spans, in order; they cover ``start`` to ``end`` exactly, without gaps or overlaps,
    and neighbouring spans have different verdicts.
    """

    person: str | None
    """The person's ``id``, if the record has one."""
    rule: str
    subject: str
    reading: str
    """The reading's name, or ``all``."""
    start: date
    end: date
    """The last day of the period, included."""
    spans: tuple[Span, ...]
    markers: tuple[Marker, ...] = ()
    """The dates of law this rule reads and the dates of the record that fall in the period, in order."""
    asked: date | None = None
    """The day asked about, marked on the timeline, if one was given."""
    points: Mapping[str, str] = field(default_factory=dict)
    """The name for people of each unsettled legal point the spans turn on (``decree-10.end``: ``Decree No. 10
    no longer in force``)."""

    def __iter__(self) -> Iterator[Span]:
        return iter(self.spans)

    def __len__(self) -> int:
        return len(self.spans)

    def __getitem__(self, index: int) -> Span:
        return self.spans[index]

    def span_on(self, day: date) -> Span:
        """The span that holds ``day``.

        Raises:
            ValueError: ``day`` is outside the period.
        """
        if not self.start <= day <= self.end:
            msg = f"expected a day from {self.start} to {self.end}; found {day}"
            raise ValueError(msg)
        firsts = [span.first for span in self.spans]
        return self.spans[bisect.bisect_right(firsts, day) - 1]

    def verdict_on(self, day: date) -> Verdict:
        """The verdict on ``day`` (which must lie in the period)."""
        return self.span_on(day).verdict

    def to_dict(self) -> dict[str, Any]:
        """The timeline as a JSON-ready dict; ``from`` and ``to`` are both included in a span."""
        return {
            "person": self.person,
            "rule": self.rule,
            "subject": self.subject,
            "reading": self.reading,
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "spans": [
                {
                    "from": span.first.isoformat(),
                    "to": span.last.isoformat(),
                    "days": span.days,
                    "verdict": span.verdict.value,
                    "result": span.result.to_dict(),
                }
                for span in self.spans
            ],
            "markers": [
                {
                    "label": marker.label,
                    "date": marker.when.to_json(),
                    "kind": marker.kind,
                    "status": None if marker.status is None else marker.status.value,
                    "title": marker.title or None,
                }
                for marker in self.markers
            ],
            "asked": None if self.asked is None else self.asked.isoformat(),
            "points": dict(self.points),
        }

    def __str__(self) -> str:
        return timeline_text(self)


def timeline(
    person: Person,
    rule: str,
    subject: str = "person",
    *,
    start: date,
    end: date,
    reading: str | Reading = "enacted",
    rulebook: Rulebook = RULEBOOK,
    assume: Mapping[str, Any] | None = None,
    asked: date | None = None,
) -> Timeline:
    """The verdict of ``rule`` for ``subject`` on every day from ``start`` to ``end``, both included.

    ``asked``, the day asked about, is marked on the timeline.

    Raises:
        TypeError: ``person`` is not a ``Person``, or ``start`` or ``end`` is not a ``date``.
        ValueError: ``start`` is after ``end``.
        UnknownNameError: an unknown rule, subject or reading; the message lists the valid ones.
    """
    lanes = timelines(
        person, start=start, end=end, reading=reading, rules=[rule], rulebook=rulebook, assume=assume, asked=asked
    )
    for lane in lanes:
        if lane.subject == subject:
            return lane
    raise UnknownNameError(f"subject of {rule}", subject, [lane.subject for lane in lanes])


def timelines(
    person: Person,
    *,
    start: date,
    end: date,
    reading: str | Reading = "enacted",
    rules: Iterable[str] | None = None,
    rulebook: Rulebook = RULEBOOK,
    assume: Mapping[str, Any] | None = None,
    asked: date | None = None,
) -> tuple[Timeline, ...]:
    """A :class:`Timeline` for every rule (or those in ``rules``) and subject, in the order reports list them.

    The rules are evaluated on ``start`` and on each change day after it up to ``end`` (see the module's
    docstring), once for all the timelines. ``asked``, the day asked about, is marked on each.

    Raises:
        TypeError: ``person`` is not a ``Person``, or ``start`` or ``end`` is not a ``date``.
        ValueError: ``start`` is after ``end``.
        UnknownNameError: an unknown rule or reading; the message lists the valid ones.
    """
    _check_period(start, end)
    first = evaluate(person, as_of=start, reading=reading, rules=rules, rulebook=rulebook, assume=assume)
    readings = readings_of(reading, rulebook)
    chosen = list(dict.fromkeys(result.rule for result in first.results))
    later = [day for day in change_days(person, readings) if start < day <= end]
    reports = [first]
    reports.extend(
        evaluate(person, as_of=day, reading=reading, rules=chosen, rulebook=rulebook, assume=assume) for day in later
    )
    markers = {rule: _markers(person, readings, rule, start, end) for rule in chosen}
    found: list[Timeline] = []
    for index, result in enumerate(first.results):
        spans = _spans(reports, index, end)
        unsettled = dict.fromkeys(point for span in spans for point in span.result.unsettled)
        found.append(
            Timeline(
                person=person.id,
                rule=result.rule,
                subject=result.subject,
                reading=first.reading,
                start=start,
                end=end,
                spans=spans,
                markers=markers[result.rule],
                asked=asked,
                points={point: point_label(readings, point) for point in unsettled},
            )
        )
    return tuple(found)


def _check_period(start: object, end: object) -> None:
    for name, value in (("start", start), ("end", end)):
        if not isinstance(value, date) or isinstance(value, datetime):
            msg = f"expected {name} as a datetime.date; found {type(value).__name__} {value!r}"
            raise TypeError(msg)
    if start > end:  # type: ignore[operator]
        msg = f"expected start on or before end; found start {start}, end {end}"
        raise ValueError(msg)


def _spans(reports: Sequence[Report], index: int, end: date) -> tuple[Span, ...]:
    """One lane's spans: each report's result holds from its day until the next report's day."""
    spans: list[Span] = []
    for position, report in enumerate(reports):
        result = report.results[index]
        last = reports[position + 1].as_of - _DAY if position + 1 < len(reports) else end
        if spans and spans[-1].verdict is result.verdict:
            spans[-1] = spans[-1]._replace(last=last)
        else:
            spans.append(Span(report.as_of, last, result.verdict, result))
    return tuple(spans)


# --- change days -------------------------------------------------------------------------------------------


def change_days(person: Person, readings: Sequence[Reading]) -> tuple[date, ...]:
    """Every day on which a verdict about ``person`` under ``readings`` may differ from the day before's.

    Each bound of every date of law, of every date in the record (family members' included) and of every
    day the person or a member reaches an age limit of the readings (or passes an upper one), and the day
    after each bound: a comparison ``X <= D`` changes on a bound, ``X < D`` on the day after one.
    """
    bounds = law_days(readings)
    for _, when in dated_facts(person):
        bounds.update((when.earliest, when.latest))
    limits = {age for reading in readings for age, _ in age_limits(reading.rules)}
    ages = limits | {age - 1 for age in limits}  # an upper limit itself too, for good measure
    for _, who in people(person):
        birth = who.birth_date
        if birth is not None:
            for age in ages:
                bounds.update((add_years(birth.earliest, age), add_years(birth.latest, age)))
    days = set(bounds)
    days.update(bound + _DAY for bound in bounds if bound < date.max)
    return tuple(sorted(days))


# --- markers -----------------------------------------------------------------------------------------------


def _markers(person: Person, readings: Sequence[Reading], rule: str, start: date, end: date) -> tuple[Marker, ...]:
    found: dict[tuple[str, str], Marker] = {}
    for reading in readings:
        for legal in reading.legal_dates(rule):
            point = legal.of or rule
            marker = Marker(short_label(point), legal.date, "law", legal.status, reading.point_label(point))
            found.setdefault((marker.label, str(marker.when)), marker)
        ages = age_limits(getattr(reading.rules, rule.replace("-", "_")))
        for prefix, who in people(person):
            birth = who.birth_date
            if birth is None:
                continue
            for age, label in ages:
                when = _window(add_years(birth.earliest, age), add_years(birth.latest, age))
                marker = Marker(f"{prefix}{label}", when, "record")
                found.setdefault((marker.label, str(when)), marker)
    for path, when in dated_facts(person):
        if not path.endswith("birth_date"):
            found.setdefault((path, str(when)), Marker(path, when, "record"))
    inside = [marker for marker in found.values() if marker.when.latest >= start and marker.when.earliest <= end]
    return tuple(sorted(inside, key=lambda marker: (marker.when.earliest, marker.kind, marker.label)))


def _window(earliest: date, latest: date) -> UncertainDate:
    if earliest == latest:
        return UncertainDate.day(earliest)
    return UncertainDate.window(UncertainDate.day(earliest), UncertainDate.day(latest))


def short_label(point: str) -> str:
    """A legal point's name, shortened for a picture: ``extradition-bar.bars.item-7.start`` → ``item-7.start``.

    >>> short_label("simplified-citizenship.grants.decree-690.categories[1].since")
    'decree-690.categories.since'
    """
    rule, _, rest = point.partition(".")
    if rule in RULE_IDS and "." in rest:  # keep the rule's name where it is all there is: foreign-contract.start
        point = rest
    return ".".join(part.split("[")[0] for part in point.split(".") if part not in _PARTS_DROPPED)


# --- text ----------------------------------------------------------------------------------------------------


def timeline_text(lines: Timeline | Iterable[Timeline]) -> str:
    """Timelines as text: each span, its verdict and what would decide it; then the period's dates.

    >>> from datetime import date
    >>> import fighterlaw as fl
    >>> veteran = fl.Person.model_validate({"id": "v-1", "citizenship": "foreign", "asylum_in_russia": False,
    ...                                     "contracts": [{"signed": "2023-01-01", "ended": "2024-01-01"}]})
    >>> print(timeline_text(fl.timeline(veteran, "extradition-bar", start=date(2026, 3, 1),
    ...                                 end=date(2026, 3, 31))))
    v-1: extradition-bar [person], reading enacted, 2026-03-01 to 2026-03-31
      2026-03-01 to 2026-03-18  no               18 days
      2026-03-19 to 2026-03-31  undetermined     13 days
        would be decided by: combat
    <BLANKLINE>
    Dates in the period:
      2026-03-19  Federal Law No. 50-FZ in force (fz-50-2026.start; law, derived)
    """
    chosen = [lines] if isinstance(lines, Timeline) else list(lines)
    out: list[str] = []
    markers: dict[tuple[str, str], Marker] = {}
    for line in chosen:
        who = line.person or "(no id)"
        out.append(f"{who}: {line.rule} [{line.subject}], reading {line.reading}, {line.start} to {line.end}")
        for span in line.spans:
            asked = line.asked is not None and span.first <= line.asked <= span.last
            mark = f"  <- {line.asked}, the day asked about" if asked else ""
            out.append(f"  {span.first} to {span.last}  {span.verdict.value:<12} {span.days:>6,} days{mark}")
            if span.result.missing:
                out.append(f"    would be decided by: {', '.join(span.result.missing)}")
            if span.result.unsettled:
                points = (labelled(point, line.points.get(point, point)) for point in span.result.unsettled)
                out.append(f"    turns on unsettled points: {', '.join(points)}")
        for marker in line.markers:
            markers.setdefault((marker.label, str(marker.when)), marker)
        out.append("")
    if markers:
        out.append("Dates in the period:")
        for marker in sorted(markers.values(), key=lambda m: (m.when.earliest, m.kind, m.label)):
            how = marker.kind if marker.status is None else f"{marker.kind}, {marker.status.value}"
            named = f"{marker.title} ({marker.label}; {how})" if marker.title else f"{marker.label} ({how})"
            out.append(f"  {marker.when}  {named}")
    return "\n".join(out).rstrip("\n")
