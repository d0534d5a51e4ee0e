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

from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from functools import lru_cache
from typing import Final

from pydantic import ValidationError

from fighterlaw.errors import InputError, Problem, UnknownNameError
from fighterlaw.facts import Person, describe
from fighterlaw.logic import Texts, Verdict, agreement
from fighterlaw.report import Report, Result
from fighterlaw.rulebook import RULEBOOK, Reading, Rulebook, RulebookError, canonical_digest
from fighterlaw.rules import RULES

__all__ = ["ALL", "RULE_IDS", "Evaluation", "digest_of", "evaluate", "evaluate_many", "read_record", "readings_of"]

ALL: Final = "all"
"""The name that asks for every reading at once: a verdict only where they all agree."""

RULE_IDS: Final = tuple(RULES)
"""Every rule id, in the order reports list them."""

_AGREE: Final = Texts(
    "Every reading gives the same answer.",
    "Every reading gives the same answer.",
    "The readings give different answers, or leave it undetermined.",
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
) -> Report:
    """Answer every rule (or those in ``rules``) for ``person`` on ``as_of`` under ``reading``.

    ``reading`` is a reading's name, ``"all"`` (a verdict only where every reading agrees, with the verdict
    of each reading attached), or a :class:`Reading` of your own. There is no hidden "today": ``as_of`` is
    always given.

    Raises:
        TypeError: ``person`` is not a ``Person`` (validate a record first) or ``as_of`` is not a ``date``.
        UnknownNameError: an unknown reading or rule id; the message lists the valid ones.
    """
    if not isinstance(person, Person):
        msg = f"expected a Person (use fl.Person.model_validate on a record); found {type(person).__name__}"
        raise TypeError(msg)
    return Evaluation(as_of=as_of, reading=reading, rules=rules, rulebook=rulebook).report(person)


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
    ) -> None:
        self.as_of = as_of
        self.readings, self.rules = _plan(as_of, reading, rules, rulebook)
        # Every reading at once is decided only where they agree, however many readings the rulebook has.
        self.together = isinstance(reading, str) and reading == ALL
        self.digest = digest_of(self.readings, together=self.together)
        self.used = {reading.name: reading for reading in self.readings}

    def __call__(self, record: object, position: int | None = None) -> Report | InputError:
        """The record's report, or the error that says what is wrong with it."""
        person = read_record(record, position)
        if isinstance(person, InputError):
            return person
        return self.report(person)

    def report(self, person: Person) -> Report:
        """The report for a person already validated."""
        if self.together:
            results = _agreed(person, self.as_of, self.readings, self.rules)
            name = ALL
        else:
            (reading,) = self.readings
            results = [
                Result.of(rule, finding.subject, finding.reason, finding.warnings)
                for rule in self.rules
                for finding in RULES[rule](person, self.as_of, reading)
            ]
            name = reading.name
        used = dict(self.used)  # each report its own, as callers may keep and change it
        return Report(person.id, self.as_of, name, tuple(results), used, rulebook_hash=self.digest, input=person)


def evaluate_many(
    records: Iterable[object],
    *,
    as_of: date,
    reading: str | Reading = "enacted",
    rules: Iterable[str] | None = None,
    rulebook: Rulebook = RULEBOOK,
) -> Iterator[Report | InputError]:
    """Evaluate records lazily, in input order: a :class:`Report` or an :class:`InputError` for each.

    A record is a dict (a parsed JSON value), JSON text (``str`` or ``bytes``) or a ``Person``. A bad record
    never raises: its :class:`InputError`, carrying its position and every problem with its field path, takes
    its place. The arguments are checked at once, before any record is read.

    Raises:
        TypeError: ``as_of`` is not a ``date``.
        UnknownNameError: an unknown reading or rule id; the message lists the valid ones.
    """
    return _each(records, Evaluation(as_of=as_of, reading=reading, rules=rules, rulebook=rulebook))


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
    readings = readings_of(reading, rulebook)
    if rules is None:
        return readings, list(RULE_IDS)
    if isinstance(rules, str):
        rules = [rules]
    chosen = list(dict.fromkeys(rules))
    for rule in chosen:
        if rule not in RULES:
            raise UnknownNameError("rule", rule, RULE_IDS)
    return readings, [rule for rule in RULE_IDS if rule in chosen]


def _agreed(person: Person, as_of: date, readings: Sequence[Reading], rules: Sequence[str]) -> list[Result]:
    """Each (rule, subject) under every reading: decided only where the readings agree."""
    results: list[Result] = []
    for rule in rules:
        per_reading = [(reading.name, RULES[rule](person, as_of, reading)) for reading in readings]
        for index, first in enumerate(per_reading[0][1]):
            findings = [(name, findings[index]) for name, findings in per_reading]
            wrapped = [
                agreement(f"reading-{name}", _UNDER, [finding.reason], name, point="readings")
                for name, finding in findings
            ]
            root = agreement(rule, _AGREE, wrapped, point="readings")
            verdicts: dict[str, Verdict] = {name: finding.reason.verdict for name, finding in findings}
            warnings = tuple(dict.fromkeys(w for _, finding in findings for w in finding.warnings))
            results.append(Result.of(rule, first.subject, root, warnings, verdicts))
    return results
