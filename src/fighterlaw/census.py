"""Population views: how many records are yes, no and undetermined on every day of a period, and why.

:func:`population` counts, for each question and subject kind (the person, or the alleged offences), how many
answers are ``yes``, ``no`` and ``undetermined`` on each day from ``start`` to ``end``. The counts are exact:
each record's :func:`~fighterlaw.timelines` gives the spans of days that share a verdict, and the spans are
summed with a difference array (one step up on a span's first day, one down after its last), so no day is
sampled. For the undetermined answers it names the facts and legal points that hold them open, ranked by how
many answers each would decide (each span's ``missing`` and ``unsettled``). A span is a run of days that share a
verdict, not its reasons: an open span is cut at the days its reasons may change, and each piece is asked again,
so the facts are exact too (the veteran below needs only asylum on 18 March, and combat as well from the 19th).

>>> from datetime import date
>>> import fighterlaw as fl
>>> records = [{"id": "s", "citizenship": "foreign", "asylum_in_russia": False,
...             "contracts": [{"signed": "2023-01-01"}]},
...            {"id": "v", "citizenship": "foreign", "contracts": [{"signed": "2023-01-01", "ended": "2024-01-01"}]}]
>>> view = fl.population(records, start=date(2026, 3, 18), end=date(2026, 3, 19), rules=["extradition-bar"])
>>> bar = view.tally("extradition-bar")
>>> bar.yes, bar.no, bar.undetermined  # 18 March: the soldier no, the veteran open (asylum); 19 March: item 7
((0, 1), (1, 0), (1, 1))
>>> [(held.name, held.answers, held.days) for held in bar.open]
[('asylum_in_russia', 1, 2), ('combat', 1, 1)]
"""

from __future__ import annotations

import bisect
import csv
import io
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import accumulate
from typing import Any, Final, Literal

from fighterlaw.engine import chosen_rules, evaluate, read_record, readings_of
from fighterlaw.errors import InputError, UnknownNameError
from fighterlaw.facts import Person
from fighterlaw.legaltime import Span, change_days, timelines
from fighterlaw.logic import Verdict
from fighterlaw.picture import _FILL, _FONT, _INK, _MUTED, _PATTERN, _SVG, _definitions, _n, _text
from fighterlaw.report import Report, Result
from fighterlaw.rulebook import RULEBOOK, Reading, Rulebook

__all__ = ["Held", "Population", "Tally", "population", "population_svg", "populations", "text", "to_csv"]

_DAY: Final = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Held:
    """A fact or a legal point that holds undetermined answers open."""

    kind: Literal["fact", "point"]
    """``fact``: an input path whose value would decide (``combat``); ``point``: an unsettled legal point."""
    name: str
    answers: int
    """How many answers (a record's rule and subject) it holds open on some day of the period."""
    days: int
    """How many answer-days: the days it holds open, summed over the answers."""

    def to_dict(self) -> dict[str, Any]:
        """As a JSON-ready dict."""
        return {"kind": self.kind, "name": self.name, "answers": self.answers, "days": self.days}


@dataclass(frozen=True, slots=True)
class Tally:
    """One question and subject kind: the number of yes, no and undetermined answers on each day."""

    rule: str
    subject: str
    """``person``, or ``offence`` for every alleged offence of every record."""
    yes: tuple[int, ...]
    """The count on each day of the period, the first day first."""
    no: tuple[int, ...]
    undetermined: tuple[int, ...]
    open: tuple[Held, ...] = ()
    """What holds the undetermined answers open: the answers each would decide, most first."""

    @property
    def answers(self) -> int:
        """How many answers are counted each day (the records, or their offences)."""
        return self.yes[0] + self.no[0] + self.undetermined[0] if self.yes else 0

    def runs(self) -> Iterator[tuple[int, int, int, int, int]]:
        """Runs of days with the same counts: ``(first, last, yes, no, undetermined)``, days as indices."""
        first = 0
        for index in range(1, len(self.yes) + 1):
            if index == len(self.yes) or self._counts(index) != self._counts(first):
                yield (first, index - 1, *self._counts(first))
                first = index

    def _counts(self, index: int) -> tuple[int, int, int]:
        return self.yes[index], self.no[index], self.undetermined[index]


@dataclass(frozen=True, slots=True)
class Population:
    """The counts of every question over a period under one reading, for a population of records."""

    reading: str
    start: date
    end: date
    tallies: tuple[Tally, ...]
    records: int
    """How many records were read, the bad ones included."""
    errors: tuple[InputError, ...] = field(default=())
    """The records that could not be read (each with its 0-based position), counted in no tally."""

    @property
    def days(self) -> tuple[date, ...]:
        """Every day of the period, in order."""
        return tuple(self.start + _DAY * offset for offset in range((self.end - self.start).days + 1))

    def tally(self, rule: str, subject: str = "person") -> Tally:
        """The tally of one question and subject kind (``person`` or ``offence``).

        Raises:
            UnknownNameError: no such rule and subject in this view; the message lists those there are.
        """
        for tally in self.tallies:
            if tally.rule == rule and tally.subject == subject:
                return tally
        raise UnknownNameError("question", f"{rule} {subject}", [f"{t.rule} {t.subject}" for t in self.tallies])

    def to_dict(self) -> dict[str, Any]:
        """The view as a JSON-ready dict: runs of days with the same counts, and what holds answers open."""
        return {
            "reading": self.reading,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "records": self.records,
            "errors": [error.to_dict() for error in self.errors],
            "questions": [
                {
                    "rule": tally.rule,
                    "subject": tally.subject,
                    "answers": tally.answers,
                    "runs": [
                        {"first": self._day(first), "last": self._day(last), "yes": yes, "no": no, "undetermined": und}
                        for first, last, yes, no, und in tally.runs()
                    ],
                    "open": [held.to_dict() for held in tally.open],
                }
                for tally in self.tallies
            ],
        }

    def rows(self) -> Iterator[tuple[str, str, str, str, int, int, int]]:
        """One row per question, subject kind and day: reading, rule, subject, day, yes, no, undetermined."""
        days = self.days
        for tally in self.tallies:
            for index, day in enumerate(days):
                yield (self.reading, tally.rule, tally.subject, day.isoformat(), *tally._counts(index))

    def _day(self, index: int) -> str:
        return (self.start + _DAY * index).isoformat()


CSV_HEADER: Final = ("reading", "rule", "subject", "day", "yes", "no", "undetermined")


def to_csv(views: Sequence[Population]) -> str:
    """The views as CSV: one row per reading, question, subject kind and day."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for view in views:
        writer.writerows(view.rows())
    return out.getvalue()


def text(views: Sequence[Population]) -> str:
    """The views for people: per question, the counts on the first and the last day, and what holds answers open."""
    out: list[str] = []
    for view in views:
        out.append(
            f"Reading {view.reading}, {view.start} to {view.end}: {view.records} records, {len(view.errors)} errors"
        )
        for tally in view.tallies:
            ends = "; ".join(
                f"{day}: {tally.yes[i]} yes, {tally.no[i]} no, {tally.undetermined[i]} undetermined"
                for day, i in ((view.start, 0), (view.end, len(tally.yes) - 1))
            )
            out.append(f"  {tally.rule} [{tally.subject}] ({tally.answers} answers) {ends}")
            out.extend(
                f"      held open by {held.name}: {_many(held.answers, 'answer')}, {_many(held.days, 'answer-day')}"
                for held in tally.open[:5]
            )
    return "\n".join(out)


def _many(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def population(
    table: Any,
    *,
    start: date,
    end: date,
    reading: str | Reading = "enacted",
    rules: Iterable[str] | None = None,
    rulebook: Rulebook = RULEBOOK,
    assume: Mapping[str, Any] | None = None,
) -> Population:
    """How many records are yes, no and undetermined on each day from ``start`` to ``end`` (both included).

    ``table`` is a table (pyarrow, pandas, polars, as for :func:`~fighterlaw.evaluate_table`) or any iterable of
    records (dicts, JSON text or ``Person`` objects). A record that cannot be read is in ``errors``, not in
    the counts. ``assume`` fills facts the records leave unknown, as for :func:`~fighterlaw.evaluate`.

    Raises:
        TypeError: ``start`` or ``end`` is not a date.
        ValueError: ``start`` is after ``end``.
        UnknownNameError: an unknown reading or rule id; the message lists the valid ones.
    """
    (view,) = populations(
        table, start=start, end=end, readings=[reading], rules=rules, rulebook=rulebook, assume=assume
    )
    return view


def populations(
    table: Any,
    *,
    start: date,
    end: date,
    readings: Sequence[str | Reading],
    rules: Iterable[str] | None = None,
    rulebook: Rulebook = RULEBOOK,
    assume: Mapping[str, Any] | None = None,
) -> list[Population]:
    """:func:`population` under several readings, reading the records once."""
    if not all(isinstance(day, date) for day in (start, end)):
        msg = f"expected start and end as dates; found {type(start).__name__} and {type(end).__name__}"
        raise TypeError(msg)
    if start > end:
        msg = f"expected start on or before end; found {start} after {end}"
        raise ValueError(msg)
    chosen = chosen_rules(rules)
    counters = [_Counter(reading, start, end, chosen, rulebook, assume) for reading in readings]
    records = 0
    errors: list[InputError] = []
    for position, person in enumerate(_persons(table)):
        records += 1
        if isinstance(person, InputError):
            errors.append(InputError(person.problems, position=position, record_id=person.record_id))
            continue
        try:
            for counter in counters:
                counter.add(person, position)
        except InputError as error:  # an assumption that contradicts the record
            errors.append(InputError(error.problems, position=position, record_id=error.record_id))
    return [counter.view(records, tuple(errors)) for counter in counters]


def _persons(table: Any) -> Iterator[Person | InputError]:
    from fighterlaw import tables  # noqa: PLC0415 - tables need the optional pyarrow; records do not

    if tables.is_table(table):
        yield from tables.persons_of(table)
        return
    for record in table:
        yield record if isinstance(record, InputError) else read_record(record)


class _Counter:
    """The difference arrays of one reading, filled record by record."""

    def __init__(
        self,
        reading: str | Reading,
        start: date,
        end: date,
        rules: Sequence[str],
        rulebook: Rulebook,
        assume: Mapping[str, Any] | None,
    ) -> None:
        self.assume = assume
        self.reading = reading
        self.readings = readings_of(reading, rulebook)
        self.rulebook = rulebook
        self.name = reading if isinstance(reading, str) else reading.name
        self.start = start
        self.end = end
        self.rules = rules
        self.length = (end - start).days + 1
        self.steps: dict[tuple[str, str], dict[Verdict, list[int]]] = {}
        self.held: dict[tuple[str, str], dict[tuple[str, str], list[int]]] = {}
        self.seen: dict[tuple[str, str], dict[tuple[str, str], set[tuple[int, str]]]] = {}
        for rule in rules:
            for subject in ("person", "offence") if rule == "extradition-bar" else ("person",):
                self._question((rule, subject))

    def _question(self, key: tuple[str, str]) -> None:
        self.steps[key] = {verdict: [0] * (self.length + 1) for verdict in Verdict}
        self.held[key] = {}
        self.seen[key] = {}

    def add(self, person: Person, position: int) -> None:
        lanes = timelines(
            person,
            start=self.start,
            end=self.end,
            reading=self.reading,
            rules=self.rules,
            rulebook=self.rulebook,
            assume=self.assume,
        )
        moves: tuple[date, ...] | None = None
        reports: dict[date, Report] = {}
        for lane in lanes:
            key = (lane.rule, lane.subject.partition(":")[0])
            steps = self.steps[key]
            for span in lane:
                first = (span.first - self.start).days
                steps[span.verdict][first] += 1
                steps[span.verdict][first + span.days] -= 1
                if span.verdict is not Verdict.UNDETERMINED:
                    continue
                if moves is None:
                    moves = change_days(person, self.readings)
                for result, days in self._pieces(person, lane.rule, lane.subject, span, moves, reports):
                    named = [("fact", fact) for fact in result.missing]
                    named += [("point", point) for point in result.unsettled]
                    for held in named:
                        self.held[key].setdefault(held, [0])[0] += days
                        self.seen[key].setdefault(held, set()).add((position, lane.subject))

    def _pieces(
        self,
        person: Person,
        rule: str,
        subject: str,
        span: Span,
        moves: Sequence[date],
        reports: dict[date, Report],
    ) -> Iterator[tuple[Result, int]]:
        """An open span cut at the days its reasons may change: each piece's result, and its number of days.

        A span shares a verdict, not its reasons: the facts that would decide an open answer can change inside it
        (a law comes into force, and a second fact starts to matter), but only on a change day.
        """
        inside = moves[bisect.bisect_right(moves, span.first) : bisect.bisect_right(moves, span.last)]
        starts = [span.first, *inside]
        for index, start in enumerate(starts):
            end = starts[index + 1] if index + 1 < len(starts) else span.last + _DAY
            if index == 0:
                yield span.result, (end - start).days
                continue
            if start not in reports:
                reports[start] = evaluate(
                    person,
                    as_of=start,
                    reading=self.reading,
                    rules=self.rules,
                    rulebook=self.rulebook,
                    assume=self.assume,
                )
            yield reports[start].result(rule, subject), (end - start).days

    def view(self, records: int, errors: tuple[InputError, ...]) -> Population:
        tallies = []
        for key, steps in self.steps.items():
            counts = {verdict: tuple(accumulate(steps[verdict][: self.length])) for verdict in Verdict}
            held = [
                Held(kind, name, len(self.seen[key][kind, name]), days[0])  # type: ignore[arg-type]
                for (kind, name), days in self.held[key].items()
            ]
            held.sort(key=lambda found: (-found.answers, -found.days, found.name))
            tallies.append(
                Tally(
                    key[0], key[1], counts[Verdict.YES], counts[Verdict.NO], counts[Verdict.UNDETERMINED], tuple(held)
                )
            )
        return Population(self.name, self.start, self.end, tuple(tallies), records, errors)


# --- the picture --------------------------------------------------------------------------------------------------

_PANEL: Final = 150.0  # the height of one stacked area
_LEFT: Final = 64.0
_RIGHT: Final = 24.0
_FONT_SIZE: Final = 12.0
_ORDER: Final = (Verdict.YES, Verdict.UNDETERMINED, Verdict.NO)  # bottom to top
_SHOWN_HELD: Final = 4


def population_svg(views: Population | Sequence[Population], *, width: int = 960, title: str | None = None) -> str:
    """A stacked-area picture of each question (and reading): yes, undetermined and no on each day.

    Yes is drawn plain, no striped and undetermined cross-hatched, each in its colour and named in the key
    and on the area itself, so that the picture reads in greyscale too. Under each area, what holds the most
    undetermined answers open. Standard SVG, no script.
    """
    chosen = [views] if isinstance(views, Population) else list(views)
    if not chosen:
        msg = "expected at least one population view to draw"
        raise ValueError(msg)
    several = len({view.reading for view in chosen}) > 1
    panels = [(view, tally) for view in chosen for tally in view.tallies]
    step = _PANEL + 96
    height = 74 + step * len(panels)
    svg = ET.Element(
        "svg",
        {
            "xmlns": _SVG,
            "width": str(width),
            "height": _n(height),
            "viewBox": f"0 0 {width} {_n(height)}",
            "font-family": _FONT,
            "font-size": _n(_FONT_SIZE),
            "role": "img",
        },
    )
    first = chosen[0]
    under = "" if several else f", reading {first.reading}"
    heading = title or f"How many answers are yes, no and undetermined, {first.start} to {first.end}{under}"
    ET.SubElement(svg, "title").text = heading
    _definitions(svg)
    ET.SubElement(svg, "rect", {"width": "100%", "height": "100%", "fill": "#ffffff"})
    _text(svg, 8, 20, heading, font_size="15", font_weight="bold")
    _key(svg, 44)
    for index, (view, tally) in enumerate(panels):
        _panel(svg, view, tally, 74 + step * index, width, several=several)
    return ET.tostring(svg, encoding="unicode")


def _key(svg: ET.Element, y: float) -> None:
    x = 8.0
    for verdict in _ORDER:
        ET.SubElement(
            svg,
            "rect",
            {"x": _n(x), "y": _n(y - 13), "width": "28", "height": "18", "fill": f"url(#{_PATTERN[verdict]})"},
        )
        _text(svg, x + 34, y, verdict.value)
        x += 34 + len(verdict.value) * _FONT_SIZE * 0.62 + 22


def _panel(svg: ET.Element, view: Population, tally: Tally, top: float, width: int, *, several: bool) -> None:
    answers = tally.answers
    what = "records" if tally.subject == "person" else "alleged offences"
    label = f"{tally.rule}, {tally.subject}" + (f", {view.reading} reading" if several else "")
    _text(svg, 8, top + 14, f"{label}: {answers} {what}", font_weight="bold")
    inner = width - _LEFT - _RIGHT
    length = len(tally.yes)
    area_top = top + 24
    bottom = area_top + _PANEL

    def x(index: int) -> float:
        return _LEFT + inner * index / length

    def y(count: float) -> float:
        return bottom - (_PANEL * count / answers if answers else 0)

    runs = list(tally.runs())
    below = [0] * len(runs)
    for verdict in _ORDER:
        upper = [low + _count(run, verdict) for low, run in zip(below, runs, strict=True)]
        if any(upper[i] > below[i] for i in range(len(runs))):
            outline: list[tuple[float, float]] = []
            for run, high in zip(runs, upper, strict=True):
                outline += [(x(run[0]), y(high)), (x(run[1] + 1), y(high))]
            for run, low in reversed(list(zip(runs, below, strict=True))):
                outline += [(x(run[1] + 1), y(low)), (x(run[0]), y(low))]
            ET.SubElement(
                svg,
                "polygon",
                {
                    "points": " ".join(f"{_n(px)},{_n(py)}" for px, py in outline),
                    "fill": f"url(#{_PATTERN[verdict]})",
                    "stroke": "#1a1a1a",
                    "stroke-width": "0.5",
                },
            )
            _name_area(svg, verdict, runs, below, upper, x, y)
        below = upper
    ET.SubElement(
        svg,
        "rect",
        {
            "x": _n(_LEFT),
            "y": _n(area_top),
            "width": _n(inner),
            "height": _n(_PANEL),
            "fill": "none",
            "stroke": "#1a1a1a",
        },
    )
    if not answers:
        _text(svg, _LEFT + inner / 2, area_top + _PANEL / 2, f"no {what} to count", text_anchor="middle", fill=_MUTED)
    for count in sorted({0, answers}):
        _text(svg, _LEFT - 6, y(count) + 4, str(count), text_anchor="end", fill=_MUTED)
    _ticks(svg, view, x, bottom, length)
    held = ", ".join(f"{h.name} ({h.answers})" for h in tally.open[:_SHOWN_HELD]) or "nothing: no answer is open"
    _text(svg, 8, bottom + 40, f"Held open by (answers it would decide): {held}", fill=_MUTED)


def _count(run: tuple[int, int, int, int, int], verdict: Verdict) -> int:
    return {Verdict.YES: run[2], Verdict.NO: run[3], Verdict.UNDETERMINED: run[4]}[verdict]


def _name_area(
    svg: ET.Element,
    verdict: Verdict,
    runs: Sequence[tuple[int, int, int, int, int]],
    below: Sequence[int],
    upper: Sequence[int],
    x: Any,
    y: Any,
) -> None:
    """The verdict's name and count, written on its area where it is widest and tall enough."""
    best = max(range(len(runs)), key=lambda i: (min(y(below[i]) - y(upper[i]), 40), x(runs[i][1] + 1) - x(runs[i][0])))
    run = runs[best]
    tall = y(below[best]) - y(upper[best])
    wide = x(run[1] + 1) - x(run[0])
    words = f"{verdict.value} {upper[best] - below[best]}"
    if tall < _FONT_SIZE + 4 or wide < len(words) * _FONT_SIZE * 0.62 + 8:
        return
    middle = (x(run[0]) + x(run[1] + 1)) / 2
    ET.SubElement(
        svg,
        "rect",
        {
            "x": _n(middle - len(words) * _FONT_SIZE * 0.31 - 4),
            "y": _n((y(below[best]) + y(upper[best])) / 2 - 9),
            "width": _n(len(words) * _FONT_SIZE * 0.62 + 8),
            "height": "16",
            "fill": _FILL[verdict],
            "rx": "3",
        },
    )
    _text(
        svg,
        middle,
        (y(below[best]) + y(upper[best])) / 2 + 4,
        words,
        text_anchor="middle",
        fill=_INK[verdict],
    )


def _ticks(svg: ET.Element, view: Population, x: Any, bottom: float, length: int) -> None:
    """Ticks on the first day of each month (of each year, over a long period), and the period's ends."""
    days = view.days
    months = [i for i, day in enumerate(days) if day.day == 1]
    if len(months) > 24:
        months = [i for i in months if days[i].month == 1]
    marks = sorted({0, *months})
    last_x = -100.0
    for index in marks:
        px = x(index)
        ET.SubElement(
            svg, "line", {"x1": _n(px), "y1": _n(bottom), "x2": _n(px), "y2": _n(bottom + 5), "stroke": "#1a1a1a"}
        )
        words = days[index].isoformat() if index == 0 else days[index].strftime("%Y-%m")
        if px - last_x > len(words) * 7 + 6 and px + len(words) * 3.5 < _LEFT + (x(length) - _LEFT) + _RIGHT:
            _text(svg, px, bottom + 18, words, text_anchor="middle", fill=_MUTED)
            last_x = px
    _text(svg, x(length), bottom + 30, f"to {view.end.isoformat()}", text_anchor="end", fill=_MUTED)
