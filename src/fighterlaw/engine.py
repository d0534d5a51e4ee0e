"""Evaluation: one person or many, on an explicit day, under a reading (or all of them).

>>> from datetime import date
>>> import fighterlaw as fl
>>> records = [{"id": "a", "citizenship": "stateless", "birth_date": "1990"}, {"id": "b"}]
>>> for outcome in fl.evaluate_many(records, as_of=date(2026, 6, 1)):
...     print(outcome if isinstance(outcome, fl.InputError) else outcome.verdict("stateless-contract"))
yes
record 1 (id 'b'): 1 problem
  citizenship: expected this field; it is required
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Final

from pydantic import ValidationError

from fighterlaw.assumptions import Assumptions
from fighterlaw.completions import narrowed, open_facts
from fighterlaw.errors import InputError, Problem, UnknownNameError
from fighterlaw.facts import Person, describe
from fighterlaw.logic import Reason, Texts, Verdict, agreement, branch, cases, leaf
from fighterlaw.planner import Finding, Plan, plan
from fighterlaw.questions import RULE_IDS
from fighterlaw.report import Answers, Report, Result
from fighterlaw.rulebook import READINGS_POINT, RULEBOOK, Reading, Rulebook, RulebookError, canonical_digest

if TYPE_CHECKING:
    from fighterlaw.sharpen import Sharp, Splitter

__all__ = [
    "ALL",
    "RULE_IDS",
    "Evaluation",
    "chosen_rules",
    "digest_of",
    "evaluate",
    "evaluate_many",
    "read_record",
    "readings_of",
]

ALL: Final = "all"
"""The name that asks for every reading at once: a verdict only where they all agree."""


_AGREE: Final = Texts(
    "Every reading gives the same answer.",
    "Every reading gives the same answer.",
    "The readings give different answers, or leave it undetermined.",
)
_CASES: Final = Texts(
    "In every case the record leaves open, the answer is yes.",
    "In every case the record leaves open, the answer is no.",
    "The cases the record leaves open give different answers.",
)
_GAVE_UP: Final = (
    "The record leaves too many facts open to try every case: the answer may be sharper than undetermined."
)
_UNDER: Final = Texts(
    "Under the {0} reading: yes.", "Under the {0} reading: no.", "Under the {0} reading: undetermined."
)


def evaluate(
    person: Person,
    *,
    as_of: date,
    reading: str | Reading = "enacted",
    rules: Iterable[str] | None = None,
    rulebook: Rulebook = RULEBOOK,
    assume: Mapping[str, Any] | None = None,
) -> Report:
    """Answer every rule (or those in ``rules``) for ``person`` on ``as_of`` under ``reading``.

    ``reading`` is a reading's name, ``"all"`` (a verdict only where every reading agrees, with the verdict
    of each reading attached), or a :class:`Reading` of your own. There is no hidden "today": ``as_of`` is
    always given. ``assume`` fills facts the record leaves unknown, never one it states (see
    :mod:`fighterlaw.assumptions`): ``{"asylum_in_russia": False}``.

    Raises:
        TypeError: ``person`` is not a ``Person`` (validate a record first) or ``as_of`` is not a ``date``.
        UnknownNameError: an unknown reading, rule id or fact to assume; the message lists the valid ones.
        ValueError: an assumed value the record could not hold, or one that contradicts the record.
    """
    if not isinstance(person, Person):
        msg = f"expected a Person (use fl.Person.model_validate on a record); found {type(person).__name__}"
        raise TypeError(msg)
    return Evaluation(as_of=as_of, reading=reading, rules=rules, rulebook=rulebook, assume=assume).report(person)


class Evaluation:
    """An evaluation planned once (day, readings, rules) and applied to record after record.

    Calling it with a record (a dict, JSON text or a ``Person``) gives the record's ``Report``, or the
    ``InputError`` that says what is wrong with it; it never raises for a bad record.
    """

    def __init__(
        self,
        *,
        as_of: date,
        reading: str | Reading = "enacted",
        rules: Iterable[str] | None = None,
        rulebook: Rulebook = RULEBOOK,
        assume: Mapping[str, Any] | None = None,
    ) -> None:
        self.as_of = as_of
        self.readings, self.rules = _plan(as_of, reading, rules, rulebook)
        self.assumptions = Assumptions.of(assume)
        # Every reading at once is decided only where they agree, however many readings the rulebook has.
        self.together = isinstance(reading, str) and reading == ALL
        self.digest = digest_of(self.readings, together=self.together)
        self.used = {reading.name: reading for reading in self.readings}
        self.name = ALL if self.together else self.readings[0].name
        self._plans: list[Plan] | None = None

    def __call__(self, record: object, position: int | None = None) -> Report | InputError:
        """The record's report, or the error that says what is wrong with it."""
        person = read_record(record, position)
        if isinstance(person, InputError):
            return person
        try:
            return self.report(person)
        except InputError as error:  # an assumption that contradicts the record
            return InputError(error.problems, position=position, record_id=error.record_id)

    def report(self, person: Person) -> Report:
        """The report for a person already validated: its verdicts now, its reasons when they are read.

        Raises:
            InputError: an assumption contradicts the record.
        """
        answered, assumed, filled = self.assumptions.apply(person) if self.assumptions else (person, {}, {})
        answered, narrowings = narrowed(answered)
        if self.together:
            answers: Answers = _Together(
                list(self.used), [self.planned(i, answered, filled) for i in range(len(self.readings))]
            )
        else:
            answers = self.planned(0, answered, filled)
        used = dict(self.used)  # each report its own, as callers may keep and change it
        return Report(
            person.id,
            self.as_of,
            self.name,
            answers,
            used,
            rulebook_hash=self.digest,
            input=person,
            assumptions=assumed,
            narrowings=narrowings,
        )

    def planned(self, which: int, person: Person, filled: Mapping[str, str] | None = None) -> _Planned:
        """One reading's answers for a record already narrowed: the first pass's verdicts, made exact."""
        plan = self.plans[which]
        verdicts = plan.verdicts(person)
        if Verdict.UNDETERMINED not in verdicts:
            return _Planned(plan, person, verdicts, filled)
        paths = open_facts(person)
        if not paths:  # open only where the law is unsettled
            return _Planned(plan, person, verdicts, filled)
        from fighterlaw.sharpen import sharpen  # noqa: PLC0415 - only records whose first pass is open need it

        evaluate = _open_only(plan, person, verdicts)
        reading = self.readings[which]
        splitter = sharpen(
            person, verdicts, evaluate, plan.entangled(person), paths, as_of=self.as_of, readings=[reading]
        )
        verdicts = list(verdicts)
        for index, found in splitter.found.items():
            verdicts[index] = found.verdict
        return _Planned(plan, person, verdicts, filled, splitter)

    def verdicts(self, person: Person) -> list[tuple[str, str, Verdict]]:
        """Each (rule, subject, verdict) for a person already validated, without a report or reasons."""
        if self.together or self.assumptions:
            return [(result.rule, result.subject, result.verdict) for result in self.report(person).results]
        answered, _ = narrowed(person)
        answers = self.planned(0, answered)
        return [
            (rule, subject, verdict)
            for (rule, subject), verdict in zip(answers.plan.subjects(answered), answers.verdicts, strict=True)
        ]

    @property
    def plans(self) -> list[Plan]:
        """The planned rules, one per reading."""
        plans = self._plans
        if plans is None:
            plans = self._plans = [plan(reading, self.as_of, tuple(self.rules)) for reading in self.readings]
        return plans


def _open_only(whole: Plan, person: Person, verdicts: list[Verdict]) -> Callable[[Person], list[Verdict]]:
    """The verdicts of a completion of ``person``, working out only the rules with an open verdict.

    A completion only adds to what the record says, so a decided verdict stays as it is (information
    monotonicity); the rules left open are planned on their own, and cost a fraction of all of them.
    """
    subjects = whole.subjects(person)
    pairs = zip(subjects, verdicts, strict=True)
    open_rules = tuple(dict.fromkeys(rule for (rule, _), verdict in pairs if verdict is Verdict.UNDETERMINED))
    if open_rules == whole.rules:
        return whole.verdicts
    only = plan(whole.reading, whole.day, open_rules)
    positions = [index for index, (rule, _) in enumerate(subjects) if rule in open_rules]

    def evaluate(completion: Person) -> list[Verdict]:
        found = list(verdicts)
        for index, verdict in zip(positions, only.verdicts(completion), strict=True):
            found[index] = verdict
        return found

    return evaluate


class _Planned:
    """One reading's answers for a record: its verdicts, and its trace's findings once someone reads them.

    Where a case split made a verdict exact (``sharp``), its reasons are the cases', and an open verdict's
    missing facts are those that matter.
    """

    __slots__ = ("_findings", "_lookup", "filled", "person", "plan", "sharp", "splitter", "verdicts")

    def __init__(
        self,
        plan: Plan,
        person: Person,
        verdicts: list[Verdict],
        filled: Mapping[str, str] | None = None,
        splitter: Splitter | None = None,
    ) -> None:
        self.plan = plan
        self.person = person
        self.verdicts = verdicts
        self.filled = filled
        self.splitter = splitter
        self.sharp: Mapping[int, Sharp] = {} if splitter is None else splitter.found
        self._findings: list[tuple[str, Finding]] | None = None
        self._lookup: dict[tuple[str, str], Verdict] | None = None

    def findings(self) -> list[tuple[str, Finding]]:
        found = self._findings
        if found is None:
            found = self._findings = self.plan.findings(self.person, assumed=self.filled)
        return found

    def finding(self, index: int) -> tuple[Reason, tuple[str, ...]]:
        sharp = self.sharp.get(index)
        if sharp is not None and sharp.cases:
            return self.split(index, sharp)
        _, found = self.findings()[index]
        if sharp is not None and sharp.gave_up:
            return found.reason, (*found.warnings, _GAVE_UP)
        return found.reason, found.warnings

    def split(self, index: int, sharp: Sharp) -> tuple[Reason, tuple[str, ...]]:
        """The reasons of a verdict every case gives alike: each case, and the answer in it."""
        branches: list[Reason] = []
        warnings: dict[str, None] = {}
        code = self.findings()[index][1].reason.code
        for case in sharp.cases:
            _, finding = self.plan.findings(case.person, assumed=self.filled)[index]
            when = leaf("case", Verdict.UNDETERMINED, "{0}", case.text, missing=tuple(path for path, _ in case.said))
            branches.append(branch(when, finding.reason, lead=f"If {case.text}"))
            warnings.update(dict.fromkeys(finding.warnings))
        return cases(code, _CASES, branches), tuple(warnings)

    def missing(self, index: int) -> tuple[str, ...]:
        """For an open verdict: the open facts its reasons name that matter, with a value that decides it.

        Where none decides it alone (they matter together), the facts its reasons name.
        """
        reason, _ = self.finding(index)
        named = reason.open_facts()
        splitter = self.splitter
        if splitter is None or not named:
            return named
        found = splitter.missing(index, named)
        return named if found is None else found

    def results(self) -> tuple[Result, ...]:
        return tuple(
            Result(
                rule,
                subject,
                verdict,
                source=functools.partial(self.finding, index),
                missing_source=functools.partial(self.missing, index) if self.splitter is not None else None,
            )
            for index, ((rule, subject), verdict) in enumerate(
                zip(self.plan.subjects(self.person), self.verdicts, strict=True)
            )
        )

    def verdict(self, rule: str, subject: str) -> Verdict | None:
        lookup = self._lookup
        if lookup is None:
            lookup = self._lookup = dict(zip(self.plan.subjects(self.person), self.verdicts, strict=True))
        return lookup.get((rule, subject))


class _Together:
    """Every reading's answers for a record, decided only where they agree."""

    __slots__ = ("each", "names")

    def __init__(self, names: Sequence[str], each: Sequence[_Planned]) -> None:
        # The readings' own names: a plan is shared by readings with the same law, whatever they are called.
        self.names = list(names)
        self.each = list(each)

    def results(self) -> tuple[Result, ...]:
        first = self.each[0]
        subjects = first.plan.subjects(first.person)
        results = []
        for index, (rule, subject) in enumerate(subjects):
            verdicts = {name: answers.verdicts[index] for name, answers in zip(self.names, self.each, strict=True)}
            agreed = next(iter(verdicts.values())) if len(set(verdicts.values())) == 1 else Verdict.UNDETERMINED
            source = functools.partial(self.agreement, index, rule)
            lazily = functools.partial(self.missing, index) if any(a.splitter for a in self.each) else None
            results.append(Result(rule, subject, agreed, readings=verdicts, source=source, missing_source=lazily))
        return tuple(results)

    def missing(self, index: int) -> tuple[str, ...]:
        """The facts that matter to an open verdict: those that matter to it under each reading that leaves it open."""
        each = [answers.missing(index) for answers in self.each if answers.verdicts[index] is Verdict.UNDETERMINED]
        return tuple(dict.fromkeys(path for found in each for path in found))

    def agreement(self, index: int, rule: str) -> tuple[Reason, tuple[str, ...]]:
        findings = [(name, answers.finding(index)) for name, answers in zip(self.names, self.each, strict=True)]
        wrapped = [
            agreement(f"reading-{name}", _UNDER, [reason], name, point=READINGS_POINT) for name, (reason, _) in findings
        ]
        warnings = tuple(dict.fromkeys(w for _, (_, said) in findings for w in said))
        return agreement(rule, _AGREE, wrapped, point=READINGS_POINT), warnings

    def verdict(self, rule: str, subject: str) -> Verdict | None:
        found = {answers.verdict(rule, subject) for answers in self.each}
        if None in found:
            return None
        return found.pop() if len(found) == 1 else Verdict.UNDETERMINED


def evaluate_many(
    records: Iterable[object],
    *,
    as_of: date,
    reading: str | Reading = "enacted",
    rules: Iterable[str] | None = None,
    rulebook: Rulebook = RULEBOOK,
    assume: Mapping[str, Any] | None = None,
) -> Iterator[Report | InputError]:
    """Evaluate records lazily, in input order: a :class:`Report` or an :class:`InputError` for each.

    A record is a dict (a parsed JSON value), JSON text (``str`` or ``bytes``) or a ``Person``. A bad record
    never raises: its :class:`InputError`, carrying its position and every problem with its field path, takes
    its place. The arguments are checked at once, before any record is read.

    Raises:
        TypeError: ``as_of`` is not a ``date``.
        UnknownNameError: an unknown reading or rule id; the message lists the valid ones.
    """
    return _each(records, Evaluation(as_of=as_of, reading=reading, rules=rules, rulebook=rulebook, assume=assume))


def digest_of(readings: Sequence[Reading], *, together: bool = False) -> str:
    """The rulebook hash a report records.

    The reading's digest; for every reading at once (``together``), the digest of their names and digests.
    """
    if not together:
        (reading,) = readings
        return reading.digest
    return _combined(tuple((reading.name, reading.digest) for reading in readings))


@lru_cache(maxsize=64)
def _combined(digests: tuple[tuple[str, str], ...]) -> str:
    return canonical_digest([list(pair) for pair in digests])


def _each(records: Iterable[object], evaluation: Evaluation) -> Iterator[Report | InputError]:
    for position, record in enumerate(records):
        yield evaluation(record, position)


def read_record(record: object, position: int | None = None) -> Person | InputError:
    """A validated ``Person``, or the ``InputError`` that says what is wrong with the record."""
    if isinstance(record, Person):
        return record
    try:
        if isinstance(record, str | bytes | bytearray):
            return Person.model_validate_json(record)
        if isinstance(record, dict):
            return Person.model_validate(record)
    except ValidationError as error:
        return InputError.from_validation_error(error, position=position, record=record)
    message = f"expected a JSON object, JSON text or a Person; found {type(record).__name__} {describe(record)}"
    return InputError([Problem("", message, "record_type")], position=position)


def readings_of(reading: str | Reading, rulebook: Rulebook = RULEBOOK) -> list[Reading]:
    """The readings a ``reading`` argument names: one, or every reading for ``"all"``.

    Raises:
        UnknownNameError: an unknown reading; the message lists the valid ones.
        RulebookError: ``"all"`` of a rulebook that has no readings.
    """
    if isinstance(reading, Reading):
        return [reading]
    if reading == ALL:
        if not len(rulebook):
            msg = f"the rulebook has no readings to evaluate {ALL!r} over"
            raise RulebookError(msg)
        return list(rulebook)
    if isinstance(reading, str) and reading in rulebook.readings:
        return [rulebook.reading(reading)]
    raise UnknownNameError("reading", reading, (*rulebook.names, ALL))


def _plan(
    as_of: object, reading: str | Reading, rules: Iterable[str] | None, rulebook: Rulebook
) -> tuple[list[Reading], list[str]]:
    if not isinstance(as_of, date) or isinstance(as_of, datetime):
        msg = f"expected as_of as a datetime.date; found {type(as_of).__name__} {as_of!r}"
        raise TypeError(msg)
    return readings_of(reading, rulebook), chosen_rules(rules)


def chosen_rules(rules: Iterable[str] | None) -> list[str]:
    """The rule ids a ``rules`` argument asks for (every one for ``None``, one for a string), in report order.

    Raises:
        UnknownNameError: an unknown rule id; the message lists the valid ones.
    """
    if rules is None:
        return list(RULE_IDS)
    chosen = [rules] if isinstance(rules, str) else list(dict.fromkeys(rules))
    for rule in chosen:
        if rule not in RULE_IDS:
            raise UnknownNameError("rule", rule, RULE_IDS)
    return [rule for rule in RULE_IDS if rule in chosen]
