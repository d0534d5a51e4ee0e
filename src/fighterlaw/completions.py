"""A record's unknowns: the facts it leaves open, the values worth telling apart, and its own constraints.

An answer about a record with unknown facts and imprecise dates is an answer about all its *completions*: the
records that fill every unknown with a value it may have. This module says which facts a record leaves open
(:func:`open_facts`), which values of each the law can tell apart on a day (:class:`Domain`: ``true`` and
``false``, each value of a vocabulary, the terms around each minimum the law sets, each excluded state and any
other, and for a date the stretches of days between the days the law or the record could tell apart), how to
fill them in (:func:`completed`), and how the record's own facts narrow its dates before any rule reads them
(:func:`narrowed`: a contract is signed on or before it ends; a person is naturalised on or after birth).

What-if (:mod:`fighterlaw.whatif`) asks with these values what would decide an answer; the evaluation uses them
to make each verdict exact over the completions (:mod:`fighterlaw.sharpen`).

>>> from datetime import date
>>> import fighterlaw as fl
>>> record = fl.Person.model_validate({"citizenship": "foreign", "contracts": [{"signed": "unknown",
...                                                                          "ended": "2024-05-01"}]})
>>> person, narrowings = narrowed(record)
>>> str(narrowings[0])
'contracts[0].signed: on or before 2024-05-01, when the contract ended'
"""

from __future__ import annotations

import functools
import typing
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum
from typing import Any, Final, TypeVar

from pydantic import BaseModel

from fighterlaw.dates import Precision, UncertainDate, add_years
from fighterlaw.errors import path_steps
from fighterlaw.facts import Citizenship, Contract, Person, model_at
from fighterlaw.rulebook import Reading
from fighterlaw.rulebook._model import ContractRoute, Provision, ServedDuringRoute, instances

__all__ = [
    "OPEN_TERM",
    "Domain",
    "Narrowing",
    "age_limits",
    "completed",
    "date_label",
    "dated_facts",
    "fact_kind",
    "law_days",
    "narrowed",
    "open_facts",
    "people",
    "with_values",
]

_DAY: Final = timedelta(days=1)
T = TypeVar("T")
OPEN_TERM: Final = "open"
"""The term of a contract concluded until mobilisation ends."""
_YES_NO: Final = ("combat", "asylum_in_russia")
_OFFENCE_YES_NO: Final = ("combat_related", "russian_judgment", "limitation_expired", "criminal_in_russia")
_MEMBER: Final = "member."


# --- the days the law may change on, and the record's dates ------------------------------------------------------


def law_days(readings: Sequence[Reading]) -> set[date]:
    """Both bounds of every date of law of the readings: the days on which their law may change.

    Timelines cut at these (and the days after them); what-if and exact verdicts cut an uncertain date of the
    record at them.
    """
    found: set[date] = set()
    for reading in readings:
        found.update(_reading_law_days(reading))
    return found


def _reading_ages(reading: Reading) -> tuple[tuple[int, str], ...]:
    """The age limits of a whole reading (worked out once per reading)."""
    return reading.shared("age-limits", lambda: age_limits(reading.rules))


def _reading_law_days(reading: Reading) -> frozenset[date]:
    """Both bounds of every date of law of a reading, worked out once per reading."""
    return reading.shared(
        "law-days", lambda: frozenset(bound for legal in reading.legal_dates() for bound in legal.date.bounds)
    )


def age_limits(part: object) -> tuple[tuple[int, str], ...]:
    """The ages at which a verdict may change under a part of a reading, each with how to name it.

    A lower limit of ``n`` is met from the day one reaches ``n`` (``aged n``); an upper limit of ``n`` is
    passed on the day one reaches ``n + 1`` (``over n``).

    >>> from fighterlaw import RULEBOOK
    >>> age_limits(RULEBOOK.reading("enacted").rules.foreign_contract)
    ((18, 'aged 18'), (31, 'over 30'))
    """
    found: dict[int, str] = {}
    for provision in instances(part, Provision):
        for segment in () if provision.min_age is None else provision.min_age.segments:
            if segment.value is not None:
                found.setdefault(segment.value, f"aged {segment.value}")
        for segment in () if provision.max_age is None else provision.max_age.segments:
            if segment.value is not None:
                found.setdefault(segment.value + 1, f"over {segment.value}")
    return tuple(sorted(found.items()))


def dated_facts(person: Person, prefix: str = "") -> Iterator[tuple[str, UncertainDate]]:
    """Every date in a record, family members' included, with its input path (``contracts[0].signed``)."""
    yield from _dates_in(person, prefix)


def _dates_in(model: BaseModel, prefix: str) -> Iterator[tuple[str, UncertainDate]]:
    for name in _field_names(type(model)):
        value = getattr(model, name)
        path = f"{prefix}{name}"
        if isinstance(value, UncertainDate):
            yield path, value
        elif isinstance(value, BaseModel):
            yield from _dates_in(value, f"{path}.")
        elif isinstance(value, tuple):
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from _dates_in(item, f"{path}[{index}].")


@functools.cache
def _field_names(model: type[BaseModel]) -> tuple[str, ...]:
    return tuple(model.model_fields)


def people(person: Person, prefix: str = "") -> Iterator[tuple[str, Person]]:
    """The person and, through their family links, each member, with the prefix of their input paths."""
    yield prefix, person
    for index, link in enumerate(person.family):
        yield from people(link.member, f"{prefix}family[{index}].{_MEMBER}")


# --- the record's own constraints ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Narrowing:
    """An imprecise date the record's own facts narrow: where, as given, as narrowed, and why."""

    path: str
    given: UncertainDate
    narrowed: UncertainDate
    because: str
    """Why, in words: ``when the contract ended``."""

    def __str__(self) -> str:
        return f"{self.path}: {_span(self.narrowed)}, {self.because}"


def narrowed(person: Person) -> tuple[Person, tuple[Narrowing, ...]]:
    """The record with each imprecise date narrowed by its own facts, and what was narrowed (for explanations).

    A contract is signed on or before the day it ended, and ended on or after the day it was signed; a
    person is naturalised on or after the day they were born, and born on or before it. The same holds for
    each family member. A record that nothing narrows is given back as it is.
    """
    found: list[Narrowing] = []
    return _narrowed(person, "", found), tuple(found)


def _narrowed(person: Person, prefix: str, found: list[Narrowing]) -> Person:
    changes: dict[str, Any] = {}
    birth, naturalised = person.birth_date, person.naturalised
    if birth is not None and naturalised is not None:
        later = _at_least(naturalised, birth.earliest)
        if later is not naturalised:
            found.append(Narrowing(f"{prefix}naturalised", naturalised, later, "when the person was born"))
            changes["naturalised"] = later
        earlier = _at_most(birth, naturalised.latest)
        if earlier is not birth:
            found.append(Narrowing(f"{prefix}birth_date", birth, earlier, "when the person was naturalised"))
            changes["birth_date"] = earlier
    contracts = [
        _contract(contract, f"{prefix}contracts[{index}]", found) for index, contract in enumerate(person.contracts)
    ]
    if any(new is not old for new, old in zip(contracts, person.contracts, strict=True)):
        changes["contracts"] = tuple(contracts)
    links = []
    for index, link in enumerate(person.family):
        member = _narrowed(link.member, f"{prefix}family[{index}].{_MEMBER}", found)
        links.append(link if member is link.member else link.model_copy(update={"member": member}))
    if any(new is not old for new, old in zip(links, person.family, strict=True)):
        changes["family"] = tuple(links)
    return person.model_copy(update=changes) if changes else person


def _contract(contract: Contract, path: str, found: list[Narrowing]) -> Contract:
    ended = contract.ended
    if ended is None:
        return contract
    signed = _at_most(contract.signed, ended.latest)
    until = _at_least(ended, contract.signed.earliest)
    changes: dict[str, UncertainDate] = {}
    if signed is not contract.signed:
        found.append(Narrowing(f"{path}.signed", contract.signed, signed, "when the contract ended"))
        changes["signed"] = signed
    if until is not ended:
        found.append(Narrowing(f"{path}.ended", ended, until, "when the contract was signed"))
        changes["ended"] = until
    return contract.model_copy(update=changes) if changes else contract


def _at_most(when: UncertainDate, latest: date) -> UncertainDate:
    """``when``, no later than ``latest`` (the same object where it already is)."""
    if when.latest <= latest:
        return when
    return UncertainDate(when.earliest, latest, Precision.WINDOW)


def _at_least(when: UncertainDate, earliest: date) -> UncertainDate:
    """``when``, no earlier than ``earliest`` (the same object where it already is)."""
    if when.earliest >= earliest:
        return when
    return UncertainDate(earliest, when.latest, Precision.WINDOW)


def _span(when: UncertainDate) -> str:
    return date_label(when.earliest, when.latest)


def date_label(first: date, last: date) -> str:
    """A stretch of days as a person reads it: ``2024-05-01``, ``2024-05-01..2024-05-31``, ``on or before ...``."""
    if first == date.min and last == date.max:
        return "any day"
    if first == date.min:
        return f"on or before {last}"
    if last == date.max:
        return f"on or after {first}"
    return str(first) if first == last else f"{first}..{last}"


# --- the facts a record leaves open ---------------------------------------------------------------------------


def open_facts(person: Person, prefix: str = "") -> list[str]:
    """The input path of every fact the record leaves unknown or gives only imprecisely, family members' included.

    >>> import fighterlaw as fl
    >>> open_facts(fl.Person.model_validate({"citizenship": "foreign", "combat": True, "sex": "male",
    ...                                      "nationality": "NP", "asylum_in_russia": False,
    ...                                      "contracts": [{"signed": "2023-05", "term_months": 12}]}))
    ['birth_date', 'contracts[0].signed']
    """
    found: list[str] = []
    if person.citizenship is not Citizenship.RUSSIAN:
        if person.citizenship is Citizenship.FOREIGN and person.nationality is None:
            found.append("nationality")
        if person.naturalised is not None and not person.naturalised.is_exact:
            found.append("naturalised")
    if person.birth_date is None or not person.birth_date.is_exact:
        found.append("birth_date")
    if person.sex is None:
        found.append("sex")
    found.extend(name for name in _YES_NO if getattr(person, name) is None)
    for index, contract in enumerate(person.contracts):
        here = f"contracts[{index}]."
        if not contract.signed.is_exact:
            found.append(f"{here}signed")
        if contract.term_months is None:
            found.append(f"{here}term_months")
        if contract.ended is not None and not contract.ended.is_exact:
            found.append(f"{here}ended")
    for event in (person.discharge, person.unfitness_ruling):
        if event is not None and not event.date.is_exact:
            found.append("discharge.date" if event is person.discharge else "unfitness_ruling.date")
    if person.discharge is not None:
        found.extend(
            f"discharge.{name}" for name in ("grounds", "order_extract") if getattr(person.discharge, name) is None
        )
    for index, offence in enumerate(person.offences):
        found.extend(f"offences[{index}].{name}" for name in _OFFENCE_YES_NO if getattr(offence, name) is None)
    for index, link in enumerate(person.family):
        found.extend(open_facts(link.member, f"family[{index}].{_MEMBER}"))
    return [f"{prefix}{path}" for path in found]


# --- the values worth telling apart -----------------------------------------------------------------------------


class Domain:
    """The values worth telling apart for each open fact of a record, on one day, under some readings.

    Each value is given as the record's JSON would give it, with how a person reads it. A date's values are
    stretches of days, cut wherever the day asked about, a date of law, another date of the record or an age
    limit could tell two days apart: within a stretch, every comparison the rules make comes out the same.
    """

    def __init__(self, person: Person, as_of: date, readings: Sequence[Reading]) -> None:
        self.person = person
        self.as_of = as_of
        self.readings = readings
        self._law = law_days(readings)
        self._terms: list[tuple[Any, str]] | None = None
        self._excluded: list[str] | None = None
        self._dates: list[tuple[str, UncertainDate]] | None = None

    def values(self, path: str) -> list[tuple[Any, str]]:
        """The values worth trying for the fact at ``path``, each with how to say it."""
        name = path.rsplit(".", 1)[-1].split("[", maxsplit=1)[0]
        kind = fact_kind(path)
        if name == "term_months":
            return self.terms()
        if name == "nationality":
            return self.nationalities()
        if kind is bool:
            return [(True, "true"), (False, "false")]
        if isinstance(kind, type) and issubclass(kind, Enum):
            return [(member.value, str(member.value)) for member in kind]
        if kind is UncertainDate:
            return self.stretches(path)
        return []  # pragma: no cover - every open fact is one of the kinds above

    def terms(self) -> list[tuple[Any, str]]:
        """The terms around each minimum term the readings set (one month short of it, and it), and open."""
        if self._terms is None:
            self._terms = _shared(self.readings, "terms", lambda: _terms(self.readings))
        return self._terms

    def excluded(self) -> list[str]:
        """The states some provision of the readings excludes, by code."""
        if self._excluded is None:
            self._excluded = _shared(self.readings, "excluded", lambda: _excluded(self.readings))
        return self._excluded

    def nationalities(self) -> list[tuple[Any, str]]:
        """Each excluded state, and one state no provision excludes, standing for every other."""
        excluded = self.excluded()
        other = next(code for code in _CODES if code not in excluded)
        said = f"another state (not {', '.join(excluded)})" if excluded else "any state"
        return [*((code, code) for code in excluded), (other, said)]

    def cuts(self, path: str) -> list[date]:
        """The first days of the stretches a date at ``path`` is cut into, in order.

        A comparison ``X <= D`` turns on a bound, ``X < D`` on the day after it: each bound and the day after.
        """
        cuts: set[date] = set()
        for bound in self.bounds(path):
            cuts.update((bound, bound + _DAY) if bound < date.max else (bound,))
        return sorted(cuts)

    def stretches(self, path: str) -> list[tuple[Any, str]]:
        """The stretches of days the date may lie in, cut where the law, the day or the record could tell apart."""
        interval = date_at(self.person, path) or UncertainDate.unknown()
        inside = [cut for cut in self.cuts(path) if interval.earliest < cut <= interval.latest]
        starts = [interval.earliest, *inside]
        ends = [*(cut - _DAY for cut in inside), interval.latest]
        return [
            ({"from": first.isoformat(), "to": last.isoformat()}, date_label(first, last))
            for first, last in zip(starts, ends, strict=True)
        ]

    def bounds(self, path: str) -> set[date]:
        """Every day a date at ``path`` may be compared with.

        The day asked about, the dates of law, the record's other dates, and for a birth date, the birthdays
        that reach or pass an age limit on the day asked about.
        """
        found = {self.as_of, *self._law}
        if self._dates is None:
            self._dates = list(dated_facts(self.person))
        for other, when in self._dates:
            if other != path:
                found.update((when.earliest, when.latest))
        if path.endswith("birth_date"):
            ages = {age for reading in self.readings for age, _ in _reading_ages(reading)}
            for age in ages:
                birthday = add_years(self.as_of, -age)
                if date.min < birthday < date.max:  # past the calendar's ends no birthday tells days apart
                    found.update((birthday - _DAY, birthday, birthday + _DAY))
        return {day for day in found if date.min < day}


def _shared(readings: Sequence[Reading], key: str, make: Callable[[], T]) -> T:
    """A value worked out once per set of readings: kept by the first, under the names of all."""
    return readings[0].shared((key, tuple(reading.digest for reading in readings)), make)


def _terms(readings: Sequence[Reading]) -> list[tuple[Any, str]]:
    dated = [
        *(route.min_term_months for r in readings for route in instances(r.rules, ContractRoute)),
        *(route.min_term_months for r in readings for route in instances(r.rules, ServedDuringRoute)),
    ]
    minima = {segment.value for values in dated if values is not None for segment in values.segments if segment.value}
    terms = sorted({months for minimum in minima for months in (minimum - 1, minimum) if months >= 1})
    return [*((months, f"{months} months") for months in terms), (OPEN_TERM, OPEN_TERM)]


def _excluded(readings: Sequence[Reading]) -> list[str]:
    return sorted(
        {
            code
            for reading in readings
            for provision in instances(reading.rules, Provision)
            if provision.excluded_nationalities is not None
            for segment in provision.excluded_nationalities.segments
            for code in segment.value
        }
    )


_CODES: Final = tuple(
    chr(first) + chr(second) for first in range(65, 91) for second in range(65, 91) if chr(first) + chr(second) != "RU"
)
"""Two-letter codes in order, to find a state no provision excludes (never Russia: not a foreign citizenship)."""


# --- filling them in -------------------------------------------------------------------------------------------


def completed(person: Person, values: Mapping[str, Any]) -> Person:
    """The record with each fact at a path set to a value (as its JSON would give it), not validated again.

    Only for values a :class:`Domain` gives: each lies within what the record allows.
    """
    return with_values(person, {path: _python(path, value) for path, value in values.items()})


def with_values(person: Person, values: Mapping[str, Any]) -> Person:
    """The record with each fact at a path set to a value as the record holds it, not validated again.

    A date is an ``UncertainDate``, a vocabulary's value its enum member.
    """
    found = person
    for path, value in values.items():
        found = _set(found, _steps(path), value)
    return found


def _set(model: Any, steps: Sequence[str | int], value: Any) -> Any:
    step, rest = steps[0], steps[1:]
    if isinstance(step, int):
        items = list(model)
        items[step] = _set(items[step], rest, value) if rest else value
        return tuple(items)
    inner = _set(getattr(model, step), rest, value) if rest else value
    return _replaced(model, step, inner)


_SET: Final = object.__setattr__


def _replaced(model: BaseModel, name: str, value: Any) -> Any:
    """A copy of ``model`` with one field's value replaced, as ``model_copy(update=...)`` makes it.

    Only a dict is copied: completions are made by the thousand.
    """
    copied = type(model).__new__(type(model))
    _SET(copied, "__dict__", {**model.__dict__, name: value})
    _SET(copied, "__pydantic_extra__", model.__pydantic_extra__)
    _SET(copied, "__pydantic_fields_set__", model.__pydantic_fields_set__ | {name})
    _SET(copied, "__pydantic_private__", model.__pydantic_private__)
    return copied


def _python(path: str, value: Any) -> Any:
    kind = fact_kind(path)
    if kind is UncertainDate:
        return UncertainDate.parse(value)
    if isinstance(kind, type) and issubclass(kind, Enum):
        return kind(value)
    return value


def date_at(person: Person, path: str) -> UncertainDate | None:
    """The date at ``path`` in the record (``None``: none there)."""
    here: Any = person
    for step in _steps(path):
        here = here[step] if isinstance(step, int) else getattr(here, step)
    return here if isinstance(here, UncertainDate) else None


@functools.cache
def _steps(path: str) -> tuple[str | int, ...]:
    steps = path_steps(path)
    assert steps is not None, path  # noqa: S101 - the paths are the record's own fields
    return steps


@functools.cache
def fact_kind(path: str) -> object:
    """The type of the fact at ``path``: ``bool``, an enum, ``UncertainDate`` or another type."""
    steps = _steps(path)
    model = model_at(tuple(steps[:-1]))
    name = steps[-1]
    if model is None or not isinstance(name, str) or name not in model.model_fields:
        return None  # pragma: no cover - open facts always name a field
    annotation = model.model_fields[name].annotation
    options = [option for option in typing.get_args(annotation) if option is not type(None)] or [annotation]
    return typing.get_args(options[0])[0] if typing.get_origin(options[0]) is typing.Annotated else options[0]
