"""Exact verdicts: ``yes`` or ``no`` exactly when every completion of the record gives it.

Kleene logic combines conditions one at a time, so a fact that two branches read (a naturalisation date that
decides both "is a Russian citizen" and "is stateless and serves") can leave a verdict ``undetermined`` although
every value of the fact gives the same answer. The rules' verdict is the fast first pass; where it is open and the
record leaves facts open, this module splits on them: each yes/no fact into ``true`` and ``false``, each
vocabulary into its values, each imprecise date in two at a day the law or the record could tell apart (again
and again, as long as a half stays open). A verdict is decided if every case decides it alike, and open as soon
as one case is open or two disagree: the cases partition the completions, so the answer is exact. Facts whose
single values decide the verdict are split on first, so most splits take a handful of evaluations; a record
whose verdicts are all decided, or that leaves nothing open, pays nothing.

For an answer that stays open it also says which open facts matter: those with a value that, the others still
unknown, decides the verdict. Unsettled legal points keep their meaning: a case that the law leaves open is open.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Final

from fighterlaw.completions import Domain, date_at, date_label, fact_kind, with_values
from fighterlaw.dates import Precision, UncertainDate
from fighterlaw.facts import Person
from fighterlaw.logic import NO, UNDETERMINED, YES, Verdict
from fighterlaw.rulebook import Reading

__all__ = ["BUDGET", "Case", "Sharp", "Splitter", "sharpen"]

_DAY: Final = timedelta(days=1)
_INDEX: Final = re.compile(r"\[\d+\]")
BUDGET: Final = 96
"""The most cases one verdict's split (or its search for the facts that matter) may ask for; past it, the verdict
stays as the first pass left it, and the reasons' facts stand."""

Assignment = tuple[tuple[str, Any], ...]
"""Values given to open facts, by path, in the order they were split on (dates as ``(from, to)``)."""


@dataclass(frozen=True, slots=True)
class Case:
    """One case of a split: the open facts it fixes, each with how a person reads its value, and its record."""

    said: tuple[tuple[str, str], ...]
    """Each fact's path and the value's label: ``("naturalised", "on or before 2026-06-21")``."""
    person: Person
    """The record completed with the case's values."""
    values: Assignment = ()
    """The values, as the split gave them."""

    @property
    def text(self) -> str:
        """The case in words: ``naturalised on or before 2026-06-21 and combat = true``."""
        return " and ".join(
            path + (f" {label}" if fact_kind(path) is UncertainDate else f" = {label}") for path, label in self.said
        )


@dataclass(frozen=True, slots=True)
class Sharp:
    """An open verdict of the first pass that a split decided, or gave up on."""

    verdict: Verdict
    cases: tuple[Case, ...] = ()
    """For a verdict the split decided: every case, each of which gives it."""
    gave_up: bool = False
    """Whether the split asked for more than :data:`BUDGET` cases and stopped, leaving the first pass's answer."""


class _OverBudgetError(Exception):
    pass


def sharpen(
    person: Person,
    verdicts: list[Verdict],
    evaluate: Callable[[Person], list[Verdict]],
    entangled: Sequence[frozenset[str]],
    paths: list[str],
    *,
    as_of: date,
    readings: Sequence[Reading],
) -> Splitter:
    """The case splits of a record whose first pass left verdicts open, on the open facts at ``paths``.

    ``verdicts`` are the first pass's; ``evaluate`` gives the verdicts of a completed record, in the same order;
    ``entangled`` says, for each verdict, the fields its rules compare more than once (see
    :meth:`~fighterlaw.planner.Plan.entangled`); ``paths`` are the record's open facts
    (:func:`~fighterlaw.completions.open_facts`). A verdict open only on facts none of them reads twice is as
    sharp as the record allows, and is not split. The splits are made at once (:attr:`Splitter.found`); the
    facts that matter to an open verdict when asked (:meth:`Splitter.missing`).
    """
    splitter = Splitter(person, verdicts, evaluate, Domain(person, as_of, readings), paths, entangled)
    splitter.run()
    return splitter


def _splits(paths: Sequence[str], entangled: frozenset[str]) -> list[str]:
    return [path for path in paths if "*" in entangled or _field(path) in entangled]


class Splitter:
    """A record's case splits: the exact verdicts they decide, and the open facts that matter to the others."""

    def __init__(
        self,
        person: Person,
        verdicts: list[Verdict],
        evaluate: Callable[[Person], list[Verdict]],
        domain: Domain,
        paths: list[str],
        entangled: Sequence[frozenset[str]],
    ) -> None:
        self.person = person
        self.first = verdicts
        self.evaluate = evaluate
        self.domain = domain
        self.paths = paths
        self.entangled = entangled
        self.dated = {path: fact_kind(path) is UncertainDate for path in paths}
        self._cuts: dict[str, list[date]] = {}
        self.labels: dict[tuple[str, Any], str] = {}
        self._values: dict[str, list[Any]] = {}
        self.seen: dict[Assignment, list[Verdict]] = {(): verdicts}
        self.records: dict[Assignment, Person] = {(): person}
        self.spent = 0
        """How many cases were evaluated, for all tasks."""
        self.calls = 0
        """How many cases the current task has asked for (see :data:`BUDGET`)."""
        self.found: dict[int, Sharp] = {}
        """Each open verdict (by position) that a split made exact, or gave up on."""

    def splits(self, index: int) -> list[str]:
        """The open facts to split a verdict on: those its rules compare more than once."""
        return _splits(self.paths, self.entangled[index])

    def cuts(self, path: str) -> list[date]:
        """Where a date may be cut: a comparison X <= D turns on a bound, X < D on the day after it."""
        found = self._cuts.get(path)
        if found is None:
            found = self._cuts[path] = self.domain.cuts(path)
        return found

    def values(self, path: str) -> list[Any]:
        """The values of a fact that is not a date, each labelled."""
        found = self._values.get(path)
        if found is None:
            found = []
            for value, label in self.domain.values(path):
                self.labels[(path, value)] = label
                found.append(value)
            self._values[path] = found
        return found

    def run(self) -> None:
        """Split every open verdict that a fact compared more than once may leave less sharp than it is.

        A few cases that fix every open fact at once are tried first: two that answer ``yes`` and ``no`` show a
        verdict open without any split, and most open verdicts are open that way.
        """
        witnesses: list[list[Verdict]] | None = None
        for index, verdict in enumerate(self.first):
            if verdict is not UNDETERMINED:
                continue
            split = self.splits(index)
            if not split:
                continue  # open on facts each compared once: the first pass is exact
            self.calls = 0
            try:
                if witnesses is None:
                    witnesses = [self._evaluated(case) for case in self._witnesses()]
                shown = {found[index] for found in witnesses}
                if YES in shown and NO in shown:
                    continue  # two completions disagree: open, and exactly so
                exact, cases = self.exact(index, (), self._order(index, split))
            except _OverBudgetError:
                self.found[index] = Sharp(UNDETERMINED, gave_up=True)
                continue
            if exact is not UNDETERMINED:
                self.found[index] = Sharp(exact, self._joined(index, cases))

    def missing(self, index: int, candidates: Sequence[str]) -> tuple[str, ...] | None:
        """Of ``candidates`` (the open facts an open verdict's reasons name), those with a value that decides it.

        Each value is tried with the other open facts still open, and the verdict it gives is exact. They are
        ranked as :func:`~fighterlaw.what_if` ranks its questions: those whose every value decides it first, then
        by the share of values that decide it, then by how many answers those give. Facts not tried within
        :data:`BUDGET` cases for them all are kept, after those ranked. ``None`` where none decides it alone
        (they matter together).
        """
        ranked: list[tuple[bool, float, int, int, str]] = []
        self.calls = 0
        try:
            split = self._order(index, self.splits(index))
        except _OverBudgetError:
            return None
        spent = False
        for position, path in enumerate(candidates):
            if path not in self.dated:
                continue
            try:
                if spent:
                    raise _OverBudgetError
                outcomes = self._outcomes(index, path, (), split)
            except _OverBudgetError:
                spent = True
                ranked.append((True, 1.0, 0, position, path))  # not worked out: kept, after those that are
                continue
            decided = [verdict for verdict in outcomes if verdict is not UNDETERMINED]
            if decided:
                every = len(decided) == len(outcomes)
                ranked.append((not every, -len(decided) / len(outcomes), -len(set(decided)), position, path))
        return tuple(found[-1] for found in sorted(ranked)) or None

    # - evaluating a case -

    def verdicts(self, assignment: Assignment) -> list[Verdict]:
        """The first pass's verdicts for the record with the case's values, counted against the task's budget.

        Every case asked for counts, whether or not an earlier task evaluated it already: so what a task finds
        never depends on which tasks ran before it.
        """
        self.calls += 1
        if self.calls > BUDGET:
            raise _OverBudgetError
        return self._evaluated(assignment)

    def _evaluated(self, assignment: Assignment) -> list[Verdict]:
        """The first pass's verdicts for the case (each case evaluated once)."""
        key = tuple(sorted(assignment))
        found = self.seen.get(key)
        if found is None:
            self.spent += 1
            record = with_values(self.person, {path: _python(value) for path, value in assignment})
            self.records[key] = record
            found = self.seen[key] = self.evaluate(record)
        return found

    def record(self, assignment: Assignment) -> Person:
        """The record completed with the case's values."""
        self._evaluated(assignment)
        return self.records[tuple(sorted(assignment))]

    # - splitting -

    def children(self, path: str, assignment: Assignment) -> list[Assignment]:
        """The cases a split on ``path`` makes of ``assignment`` (none: the fact is already as fixed as it gets)."""
        given = next((value for name, value in assignment if name == path), None)
        if not self.dated[path]:
            return [] if given is not None else [(*assignment, (path, value)) for value in self.values(path)]
        earliest, latest = given or self._interval(path)
        cuts = self.cuts(path)
        low, high = bisect.bisect_right(cuts, earliest), bisect.bisect_right(cuts, latest)
        if low >= high:  # no cut inside: every comparison comes out the same across the stretch
            return []
        middle = cuts[low + (high - low) // 2]
        rest = tuple(item for item in assignment if item[0] != path)
        return [(*rest, (path, (earliest, middle - _DAY))), (*rest, (path, (middle, latest)))]

    def exact(self, index: int, assignment: Assignment, order: Sequence[str]) -> tuple[Verdict, list[Assignment]]:
        """The verdict every completion of the case gives (else undetermined), and the cases that show it."""
        verdict = self.verdicts(assignment)[index]
        if verdict is not UNDETERMINED:
            return verdict, [assignment]
        for path in order:
            split = self.children(path, assignment)
            if not split:
                continue
            # The cases' first-pass verdicts first: two that disagree settle it without a deeper split.
            first = {self.verdicts(child)[index] for child in split}
            if YES in first and NO in first:
                return UNDETERMINED, []
            agreed: Verdict | None = None
            cases: list[Assignment] = []
            for child in split:
                found, shown = self.exact(index, child, order)
                if found is UNDETERMINED or (agreed is not None and found is not agreed):
                    return UNDETERMINED, []
                agreed = found
                cases.extend(shown)
            assert agreed is not None  # noqa: S101 - every split makes at least two cases
            return agreed, cases
        return UNDETERMINED, []  # nothing left open to split: the law leaves it open

    def _witnesses(self) -> list[Assignment]:
        """Cases that fix every open fact: each at its first value, each at its last, and the two mixed."""
        ends: list[tuple[tuple[str, Any], tuple[str, Any]]] = []
        for path in self.paths:
            children = self.children(path, ())
            if not children:
                continue
            first, last = children[0], children[-1]
            if self.dated[path]:  # the first stretch of days, and the last
                while inner := self.children(path, first):
                    first = inner[0]
                while inner := self.children(path, last):
                    last = inner[-1]
            ends.append((first[-1], last[-1]))
        if not ends:
            return []
        cases = [
            tuple(low for low, _ in ends),
            tuple(high for _, high in ends),
            tuple(pair[position % 2] for position, pair in enumerate(ends)),
            tuple(pair[1 - position % 2] for position, pair in enumerate(ends)),
        ]
        return list(dict.fromkeys(cases))

    def _order(self, index: int, paths: Sequence[str]) -> list[str]:
        """The facts, those whose cases decide more of the verdict first (a fact no case moves, last)."""

        def decided(path: str) -> int:
            return sum(self.verdicts(child)[index] is not UNDETERMINED for child in self.children(path, ()))

        if len(paths) < 2:
            return list(paths)
        scores = {path: decided(path) for path in paths}
        return sorted(paths, key=lambda path: -scores[path])

    def _outcomes(self, index: int, path: str, assignment: Assignment, order: Sequence[str]) -> list[Verdict]:
        """The exact verdict of each value of the fact (for a date, of each stretch, halving while one is open)."""
        found: list[Verdict] = []
        for child in self.children(path, assignment):
            verdict, _ = self.exact(index, child, order)
            if verdict is UNDETERMINED and self.dated[path] and self.children(path, child):
                found.extend(self._outcomes(index, path, child, order))
            else:
                found.append(verdict)
        return found

    # - saying it -

    def _joined(self, index: int, cases: Sequence[Assignment]) -> tuple[Case, ...]:
        """The cases, neighbouring stretches of one date joined where the whole of them decides the verdict too."""
        joined: list[Assignment] = []
        for case in cases:
            if joined:
                merged = _merge(joined[-1], case)
                if merged is not None and self._decides(index, merged):
                    joined[-1] = merged
                    continue
            joined.append(case)
        return tuple(self._case(case) for case in joined)

    def _decides(self, index: int, assignment: Assignment) -> bool:
        """Whether the first pass decides the verdict for the case (``False`` past the budget: not tried)."""
        try:
            return self.verdicts(assignment)[index] is not UNDETERMINED
        except _OverBudgetError:
            return False

    def _case(self, assignment: Assignment) -> Case:
        said = tuple((path, self._label(path, value)) for path, value in assignment)
        return Case(said, self.record(assignment), assignment)

    def _label(self, path: str, value: Any) -> str:
        if self.dated[path]:
            return date_label(*value)
        return self.labels.get((path, value), str(value))

    def _interval(self, path: str) -> tuple[date, date]:
        when = date_at(self.person, path) or UncertainDate.unknown()
        return when.earliest, when.latest


def _field(path: str) -> str:
    """A fact's field, without list indices: ``contracts[0].signed`` is ``contracts.signed``."""
    return _INDEX.sub("", path)


def _python(value: Any) -> Any:
    """A case's value as the record holds it: a stretch of days as an uncertain date."""
    if isinstance(value, tuple):
        first, last = value
        return UncertainDate.day(first) if first == last else UncertainDate(first, last, Precision.WINDOW)
    return value


def _merge(first: Assignment, second: Assignment) -> Assignment | None:
    """Two cases that differ only in one date, whose stretches meet, as one case (``None``: they are not so)."""
    if len(first) != len(second):
        return None
    merged: list[tuple[str, Any]] = []
    joined = False
    for (path, value), (other, then) in zip(first, second, strict=True):
        if path != other:
            return None
        if value == then:
            merged.append((path, value))
        elif not joined and isinstance(value, tuple) and isinstance(then, tuple) and value[1] + _DAY == then[0]:
            merged.append((path, (value[0], then[1])))
            joined = True
        else:
            return None
    return tuple(merged) if joined else None
