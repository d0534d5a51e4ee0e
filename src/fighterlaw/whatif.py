"""What would decide it, and what would change it: the next question to ask, and the facts that turn an answer.

For an undetermined verdict, :func:`what_if` takes each fact the answer is missing (``Result.missing``) and
tries its possible values: ``true`` and ``false`` for a yes/no fact, each value of a vocabulary, the terms
around each minimum the law sets (and ``open``), for a nationality each excluded state and any other, and for
an uncertain date the stretches of days between the days where the law or the record could tell them apart.
The facts whose every value decides the verdict come first, then those that decide it for more of their
values: the first is the next question to ask.

For a decided verdict, it tries the smallest single changes of fact, one at a time: each known yes/no fact the
other way; each known vocabulary (citizenship, sex, formation, grounds, relation, nationality) to each other
value; naturalised on the day, or never; a new contract signed on the day; each contract gone, ended on the
day, or not ended; the discharge or the commission decision gone, or a commission decision on the day; each
family link gone. It reports those that change the verdict, those that turn it to the other answer first.

Every value and change is checked by evaluating the changed record itself, never worked out beside the rules;
a change that would make the record impossible (a contract ending before it was signed) is left out. For both,
it also says when the verdict next changes on the record as it is (see :func:`~fighterlaw.timeline`).

>>> from datetime import date
>>> import fighterlaw as fl
>>> veteran = fl.Person.model_validate({"citizenship": "foreign", "asylum_in_russia": False,
...                                     "contracts": [{"signed": "2023-01-01", "ended": "2024-01-01"}]})
>>> found = fl.what_if(veteran, "extradition-bar", as_of=date(2026, 6, 1))
>>> [(option.label, option.verdict.value) for option in found.questions[0].options]
[('true', 'yes'), ('false', 'no')]
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from copy import deepcopy
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum
from typing import Any, Final, NamedTuple

from pydantic import BaseModel, ValidationError

from fighterlaw.completions import OPEN_TERM, Domain, date_label
from fighterlaw.engine import evaluate, readings_of
from fighterlaw.errors import InputError, path_steps
from fighterlaw.facts import Citizenship, Person
from fighterlaw.legaltime import Span, change_days, timeline
from fighterlaw.logic import Verdict
from fighterlaw.report import Result
from fighterlaw.rulebook import RULEBOOK, Reading, Rulebook

__all__ = ["Change", "Option", "Question", "WhatIf", "what_if"]

_DAY: Final = timedelta(days=1)
_NULL: Final = "null"


@dataclass(frozen=True, slots=True)
class Option:
    """One possible value of an unknown fact, and the answer the record gets with it."""

    value: Any
    """The value as the record's JSON would give it."""
    label: str
    """The value as a person reads it: ``true``, ``12 months``, a stretch of days, ``another state``."""
    verdict: Verdict
    result: Result
    """The whole answer with that value, from evaluating the changed record."""


@dataclass(frozen=True, slots=True)
class Question:
    """An unknown fact, and the verdict each of its possible values gives."""

    path: str
    """The fact's input path, such as ``combat`` or ``contracts[0].ended``."""
    options: tuple[Option, ...]

    @property
    def decided(self) -> int:
        """How many of its values decide the verdict."""
        return sum(option.verdict.decided for option in self.options)

    @property
    def decisive(self) -> bool:
        """Whether every value decides the verdict: knowing this fact settles it."""
        return bool(self.options) and self.decided == len(self.options)

    @property
    def share(self) -> float:
        """The share of its values that decide the verdict."""
        return self.decided / len(self.options) if self.options else 0.0


@dataclass(frozen=True, slots=True)
class Change:
    """A single change of fact that changes the verdict."""

    path: str
    """Where the record changes; empty where a part is added or removed as a whole."""
    description: str
    """What changes, as a person reads it: ``combat: true -> false``, ``contracts[0] removed``."""
    value: Any
    """The new value, as the record's JSON would give it (``None``: removed or null)."""
    verdict: Verdict
    result: Result
    """The whole answer after the change, from evaluating the changed record."""


@dataclass(frozen=True, slots=True)
class WhatIf:
    """What would decide or change one verdict, on one day, under one reading."""

    person: str | None
    rule: str
    subject: str
    as_of: date
    reading: str
    result: Result
    """The answer on the record as it is."""
    questions: tuple[Question, ...] = ()
    """For an undetermined verdict: each unknown fact with a value that decides it, with its values' verdicts,
    the most decisive first."""
    changes: tuple[Change, ...] = ()
    """For a decided verdict: the single changes that change it, those to the other answer first. For a verdict
    that no missing fact can decide (unsettled law keeps it open): the single changes that decide it."""
    next_change: Span | None = None
    """The span that starts on the first day after ``as_of`` with another verdict, if any on the dates known."""

    @property
    def verdict(self) -> Verdict:
        """The verdict on the record as it is."""
        return self.result.verdict

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: the verdict, the questions or the changes, and the next change."""
        return {
            "person": self.person,
            "rule": self.rule,
            "subject": self.subject,
            "as_of": self.as_of.isoformat(),
            "reading": self.reading,
            "verdict": self.verdict.value,
            "unsettled": list(self.result.unsettled),
            "questions": [
                {
                    "path": question.path,
                    "decisive": question.decisive,
                    "options": [
                        {"value": option.value, "label": option.label, "verdict": option.verdict.value}
                        for option in question.options
                    ],
                }
                for question in self.questions
            ],
            "changes": [
                {
                    "path": change.path,
                    "change": change.description,
                    "value": change.value,
                    "verdict": change.verdict.value,
                }
                for change in self.changes
            ],
            "next_change": None
            if self.next_change is None
            else {"from": self.next_change.first.isoformat(), "verdict": self.next_change.verdict.value},
        }

    def __str__(self) -> str:
        who = self.person or "(no id)"
        lines = [f"{who}: {self.rule} [{self.subject}] on {self.as_of}, reading {self.reading}: {self.verdict.value}"]
        if self.result.unsettled:
            keeps = "keeps it open" if not self.verdict.decided else "is open"
            lines.append(f"Unsettled in law, which {keeps}: {', '.join(self.result.unsettled)}.")
        if self.questions:
            lines.append("What would decide it, the most decisive first:")
            for question in self.questions:
                said = (
                    "every value decides it"
                    if question.decisive
                    else f"{question.decided} of {len(question.options)} values decide it"
                )
                lines.append(f"  {question.path} ({said}):")
                width = max(len(option.label) for option in question.options)
                lines.extend(f"    {option.label:<{width}}  -> {option.verdict.value}" for option in question.options)
        # Single changes are tried for a decided verdict, and for one that no missing fact can decide.
        tried = self.verdict.decided or not self.questions
        turn = "change" if self.verdict.decided else "decide"
        if self.changes:
            lines.append(f"Single changes of fact that would {turn} it:")
            width = max(len(change.description) for change in self.changes)
            lines.extend(f"  {change.description:<{width}}  -> {change.verdict.value}" for change in self.changes)
        elif tried:
            lines.append(f"No single change of fact tried would {turn} it.")
        if self.next_change is None:
            lines.append(f"On the dates known, it does not change after {self.as_of}.")
        else:
            lines.append(f"From {self.next_change.first} it becomes {self.next_change.verdict.value}.")
        return "\n".join(lines)


def what_if(
    person: Person,
    rule: str,
    subject: str = "person",
    *,
    as_of: date,
    reading: str | Reading = "enacted",
    rulebook: Rulebook = RULEBOOK,
    assume: Mapping[str, Any] | None = None,
) -> WhatIf:
    """What would decide ``rule``'s verdict for ``subject`` on ``as_of``, or what single change would turn it.

    Raises:
        TypeError: ``person`` is not a ``Person`` or ``as_of`` is not a ``date``.
        UnknownNameError: an unknown rule, subject or reading; the message lists the valid ones.
    """
    report = evaluate(person, as_of=as_of, reading=reading, rules=[rule], rulebook=rulebook, assume=assume)
    result = report.result(rule, subject)
    trial = _Trial(person, rule, subject, as_of, reading, rulebook, assume)
    questions: tuple[Question, ...] = ()
    changes: tuple[Change, ...] = ()
    if result.verdict is Verdict.UNDETERMINED:
        # Only facts with a value that decides the verdict: the others are no question worth asking.
        questions = _ranked([found for found in map(trial.question, result.missing) if found.decided])
        if not questions:  # unsettled law keeps it open, whatever is missing
            changes = tuple(change for change in trial.changes() if change.verdict.decided)
    else:
        changes = _ordered(result.verdict, trial.changes())
    return WhatIf(
        person=person.id,
        rule=rule,
        subject=subject,
        as_of=as_of,
        reading=report.reading,
        result=result,
        questions=questions,
        changes=changes,
        next_change=_next_change(trial),
    )


def _ranked(questions: Sequence[Question]) -> tuple[Question, ...]:
    """Facts whose every value decides first; then by the share of values that decide; then as given."""

    def key(item: tuple[int, Question]) -> tuple[bool, float, int, int]:
        index, question = item
        outcomes = {option.verdict for option in question.options if option.verdict.decided}
        return (not question.decisive, -question.share, -len(outcomes), index)

    return tuple(question for _, question in sorted(enumerate(questions), key=key) if question.options)


def _ordered(verdict: Verdict, changes: Sequence[Change]) -> tuple[Change, ...]:
    """The changes that change the verdict: to the other answer first, then to undetermined, each as tried."""
    other = ~verdict
    flips = [change for change in changes if change.verdict is other]
    opened = [change for change in changes if change.verdict is Verdict.UNDETERMINED]
    return (*flips, *opened)


def _next_change(trial: _Trial) -> Span | None:
    """The first span after the day with another verdict, on the record's and the law's known dates."""
    days = [day for day in change_days(trial.person, trial.readings) if trial.as_of < day < date.max]
    if not days:
        return None
    line = timeline(
        trial.person,
        trial.rule,
        trial.subject,
        start=trial.as_of,
        end=max(days),
        reading=trial.reading,
        rulebook=trial.rulebook,
        assume=trial.assume,
    )
    return line.spans[1] if len(line.spans) > 1 else None


# --- trying values ---------------------------------------------------------------------------------------------


class _Edit(NamedTuple):
    """One change of fact: where, said for a reader, the new value, and the whole record it makes."""

    path: str
    description: str
    value: Any
    record: dict[str, Any]


class _Trial:
    """Changes the record one fact at a time, and evaluates each changed record."""

    def __init__(
        self,
        person: Person,
        rule: str,
        subject: str,
        as_of: date,
        reading: str | Reading,
        rulebook: Rulebook,
        assume: Mapping[str, Any] | None = None,
    ) -> None:
        self.person = person
        self.rule = rule
        self.subject = subject
        self.as_of = as_of
        self.reading = reading
        self.rulebook = rulebook
        self.assume = assume
        self.readings = readings_of(reading, rulebook)
        self.record = person.model_dump(mode="json")
        self.domain = Domain(person, as_of, self.readings)

    def answer(self, record: dict[str, Any]) -> Result | None:
        """The answer for the changed record, or ``None`` if the change makes the record impossible."""
        try:
            changed = Person.model_validate(record)
        except ValidationError:
            return None
        try:
            report = evaluate(
                changed,
                as_of=self.as_of,
                reading=self.reading,
                rules=[self.rule],
                rulebook=self.rulebook,
                assume=self.assume,
            )
        except InputError:  # the change contradicts an assumption (a birth date after the naturalisation)
            return None
        return report.result(self.rule, self.subject)

    def with_value(self, path: str, value: Any) -> Result | None:
        return self.answer(self.edit(path, "", value).record)

    # - the values of an unknown fact -

    def question(self, path: str) -> Question:
        options: list[Option] = []
        for value, label in self.domain.values(path):
            found = self.with_value(path, value)
            if found is None:
                continue
            previous = options[-1] if options else None
            neighbours = previous is not None and isinstance(previous.value, dict) and isinstance(value, dict)
            if neighbours and previous is not None and previous.verdict is found.verdict:
                # Neighbouring stretches of days with one verdict read as one, if the whole of it gives it too.
                joined = {"from": previous.value["from"], "to": value["to"]}
                whole = self.with_value(path, joined)
                if whole is not None and whole.verdict is found.verdict:
                    first, last = date.fromisoformat(joined["from"]), date.fromisoformat(joined["to"])
                    options[-1] = Option(joined, date_label(first, last), whole.verdict, whole)
                    continue
            options.append(Option(value, label, found.verdict, found))
        return Question(path, tuple(options))

    # - single changes of a decided verdict -

    def changes(self) -> list[Change]:
        tried: list[Change] = []
        for path, description, value, record in self.edits():
            found = self.answer(record)
            if found is not None:
                tried.append(Change(path, description, value, found.verdict, found))
        return tried

    def edits(self) -> Iterator[_Edit]:
        """Each single change of fact to try, with the record it makes."""
        today = self.as_of.isoformat()
        yield from self.flips(self.person, "")
        naturalised = self.record.get("naturalised")
        if naturalised is not None:
            yield self.edit("naturalised", f"naturalised: {_json(naturalised)} -> never", None)
        elif self.person.citizenship is not Citizenship.RUSSIAN:
            yield self.edit("naturalised", f"naturalised: never -> {today}", today)
        for index, contract in enumerate(self.person.contracts):
            yield self.without("contracts", index, f"contracts[{index}] removed")
            if contract.ended is None:
                yield self.edit(f"contracts[{index}].ended", f"contracts[{index}].ended: not ended -> {today}", today)
            else:
                yield self.edit(
                    f"contracts[{index}].ended",
                    f"contracts[{index}].ended: {contract.ended} -> not ended",
                    None,
                )
        terms = [months for months, _ in self.domain.terms() if months != OPEN_TERM]
        new = {"signed": today, "term_months": max(terms) if terms else None}
        record = deepcopy(self.record)
        record["contracts"] = [*record["contracts"], new]
        yield _Edit("contracts", f"a new contract signed on {today}", new, record)
        if self.person.discharge is not None:
            yield self.edit("discharge", "discharge removed", None)
        if self.person.unfitness_ruling is not None:
            yield self.edit("unfitness_ruling", "commission decision of unfitness removed", None)
        else:
            ruling = {"date": today}
            yield self.edit("unfitness_ruling", f"a commission decision of unfitness on {today}", ruling)
        for index in range(len(self.person.family)):
            yield self.without("family", index, f"family[{index}] removed")

    def edit(self, path: str, description: str, value: Any) -> _Edit:
        record = deepcopy(self.record)
        parent, key = _locate(record, path)
        parent[key] = value
        return _Edit(path, description, value, record)

    def without(self, field: str, index: int, description: str) -> _Edit:
        record = deepcopy(self.record)
        del record[field][index]
        return _Edit(f"{field}[{index}]", description, None, record)

    def flips(self, model: BaseModel, prefix: str) -> Iterator[_Edit]:
        """Each known yes/no fact the other way, and each known vocabulary to each other value, at any depth."""
        for name in type(model).model_fields:
            value = getattr(model, name)
            path = f"{prefix}{name}"
            if isinstance(value, bool):
                yield self.edit(path, f"{path}: {_json(value)} -> {_json(not value)}", not value)
            elif isinstance(value, Enum):
                for other in type(value):
                    if other is not value:
                        yield self.recast(path, value.value, other.value)
            elif name == "nationality" and value is not None:
                for code, label in self.domain.nationalities():
                    if code != value:
                        yield self.edit(path, f"{path}: {value} -> {label}", code)
            elif isinstance(value, BaseModel):
                yield from self.flips(value, f"{path}.")
            elif isinstance(value, tuple):
                for index, item in enumerate(value):
                    if isinstance(item, BaseModel):
                        yield from self.flips(item, f"{path}[{index}].")

    def recast(self, path: str, was: str, now: str) -> _Edit:
        """A vocabulary changed; a person who becomes stateless loses their nationality with it."""
        _, description, value, record = self.edit(path, f"{path}: {was} -> {now}", now)
        if path.endswith("citizenship") and now == Citizenship.STATELESS:
            parent, _ = _locate(record, path)
            parent["nationality"] = None
        return _Edit(path, description, value, record)


def _json(value: object) -> str:
    if value is None:
        return _NULL
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return f"{value.get('from')}..{value.get('to')}"
    return str(value)


def _steps(path: str) -> tuple[str | int, ...]:
    steps = path_steps(path)
    assert steps is not None, path  # noqa: S101 - the paths tried are the record's own fields
    return steps


def _locate(record: dict[str, Any], path: str) -> tuple[Any, Any]:
    """The container that holds the value at ``path``, and the key of the value in it."""
    steps = _steps(path)
    here: Any = record
    for step in steps[:-1]:
        here = here[step]
    return here, steps[-1]
