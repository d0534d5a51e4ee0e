"""Properties every reading must keep, as checks you can run against a reading of your own.

fighterlaw's verdicts obey laws of their own, whatever the values of the law: learning a fact never
overturns a decided verdict, the same question always gets the same answer, a Russian citizen is never
extraditable, an undetermined verdict says why, a decided one cites its provision. A reading you derive
(:meth:`fighterlaw.Reading.derive`) changes dates, ages and terms; these checks show that it keeps those laws.

Each check searches generated records and evaluation days with Hypothesis (dates concentrated on the day
before, of and after each of the reading's milestones) and returns quietly, or raises
:class:`PropertyError`, an ``AssertionError`` that names the property, the reading, the day, the verdicts
that break it and the record as JSON, after Hypothesis has shrunk it to a minimal example. Use them from a
test of your own:

>>> import fighterlaw as fl
>>> from hypothesis import settings
>>> from fighterlaw import testing
>>> older = fl.RULEBOOK.reading("enacted").derive("older", {"rules": {"foreign-contract": {"min-age": 21}}})
>>> testing.check_russian_citizens_are_never_extraditable(older, settings=settings(max_examples=10))
>>> testing.check_all_properties(older, settings=settings(max_examples=5))

This module imports Hypothesis; ``import fighterlaw`` does not. Not legal advice.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Final, NamedTuple, Protocol

import hypothesis
from hypothesis import HealthCheck, given
from hypothesis import strategies as st

from fighterlaw.engine import ALL, evaluate, evaluate_many
from fighterlaw.errors import path_steps
from fighterlaw.facts import Citizenship, Person
from fighterlaw.logic import Verdict
from fighterlaw.report import Report, Result
from fighterlaw.rulebook import RULEBOOK, Reading, Rulebook
from fighterlaw.strategies import LATEST, days, milestone_days, persons, refinements

__all__ = [
    "PROPERTIES",
    "Check",
    "PropertiesError",
    "PropertyError",
    "check_all_properties",
    "check_complete_records_miss_no_fact",
    "check_decided_verdicts_cite_a_provision",
    "check_determinism",
    "check_information_monotonicity",
    "check_missing_facts_are_record_fields",
    "check_person_bar_bars_every_offence",
    "check_russian_citizens_are_never_extraditable",
    "check_undetermined_verdicts_say_why",
    "is_complete",
    "names_a_field",
]

_EXTRADITION: Final = "extradition-bar"
_PERSON: Final = "person"
# How barred a subject is: an offence is never less barred than the person as a whole.
_BARRED: Final = {Verdict.NO: 0, Verdict.UNDETERMINED: 1, Verdict.YES: 2}


class PropertyError(AssertionError):
    """A property that does not hold: which, under which reading, on which day, for which record, and how."""

    def __init__(
        self,
        prop: str,
        reading: str,
        as_of: date,
        record: Person,
        details: tuple[str, ...],
        others: Mapping[str, Person] | None = None,
    ) -> None:
        self.property = prop
        """The property's name, such as ``information-monotonicity``."""
        self.reading = reading
        self.as_of = as_of
        self.record: dict[str, Any] = _record(record)
        """The record, as the JSON value it would be given as."""
        self.details = details
        """One line per verdict that breaks the property."""
        self.others = {name: _record(person) for name, person in (others or {}).items()}
        """Further records the property compared it with (such as the refined record)."""
        lines = [f"property {prop!r} does not hold under reading {reading!r} on {as_of.isoformat()}:"]
        lines.extend(f"  {detail}" for detail in details)
        lines.append(f"record: {json.dumps(self.record, ensure_ascii=False)}")
        lines.extend(f"{name}: {json.dumps(value, ensure_ascii=False)}" for name, value in self.others.items())
        super().__init__("\n".join(lines))


class PropertiesError(AssertionError):
    """Some properties that do not hold, from :func:`check_all_properties`: one :class:`PropertyError` each."""

    def __init__(self, reading: str, failures: tuple[PropertyError, ...], checked: int) -> None:
        self.reading = reading
        self.failures = failures
        names = ", ".join(failure.property for failure in failures)
        head = f"{len(failures)} of {checked} properties do not hold under reading {reading!r}: {names}"
        super().__init__("\n\n".join([head, *(str(failure) for failure in failures)]))


def _record(person: Person) -> dict[str, Any]:
    # What differs from the defaults is what a record would say: an omitted fact is an unknown one.
    value: dict[str, Any] = person.model_dump(mode="json", exclude_defaults=True)
    return value


# --- what a check evaluates against ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Target:
    """A reading (or all readings) to evaluate under, and what the checks need to know of it."""

    name: str
    reading: str | Reading
    rulebook: Rulebook
    fresh: Rulebook | Reading = field(repr=False)
    """The same reading built anew, so that nothing cached in the first carries over."""
    instruments: frozenset[str]
    milestones: tuple[date, ...]

    def evaluate(self, person: Person, on: date) -> Report:
        return evaluate(person, as_of=on, reading=self.reading, rulebook=self.rulebook)

    def evaluate_fresh(self, person: Person, on: date) -> Report:
        if isinstance(self.fresh, Reading):
            return evaluate(person, as_of=on, reading=self.fresh)
        return evaluate(person, as_of=on, reading=self.reading, rulebook=self.fresh)

    def evaluate_text(self, person: Person, on: date) -> Report | Exception:
        (outcome,) = evaluate_many([person.model_dump_json()], as_of=on, reading=self.reading, rulebook=self.rulebook)
        return outcome


def _copy(reading: Reading) -> Reading:
    return reading.derive(reading.name, {}, title=reading.title)


def _target(reading: Reading | str) -> _Target:
    if isinstance(reading, Reading):
        readings = [reading]
        fresh: Rulebook | Reading = _copy(reading)
    elif reading == ALL:
        readings = list(RULEBOOK)
        fresh = Rulebook({each.name: _copy(each) for each in readings})
    else:
        readings = [RULEBOOK.reading(reading)]  # an unknown name fails here, with the valid ones listed
        fresh = Rulebook({readings[0].name: _copy(readings[0])})
    name = reading.name if isinstance(reading, Reading) else reading
    return _Target(
        name=name,
        reading=reading,
        rulebook=RULEBOOK,
        fresh=fresh,
        instruments=frozenset(key for each in readings for key in each.instruments),
        milestones=tuple(sorted({day for each in readings for day in milestone_days(each)})),
    )


# --- the properties -------------------------------------------------------------------------------------------


class _Broken(NamedTuple):
    """What breaks a property for one record on one day."""

    details: tuple[str, ...]
    others: Mapping[str, Person] | None = None


_Body = Callable[[_Target, Person, date, st.DataObject], _Broken | None]


def _label(result: Result) -> str:
    return f"{result.rule} [{result.subject}]"


def _monotonicity(target: _Target, person: Person, on: date, data: st.DataObject) -> _Broken | None:
    refined = data.draw(refinements(person), label="refined")
    before, after = target.evaluate(person, on), target.evaluate(refined, on)
    known = {(result.rule, result.subject): result for result in after.results}
    details = []
    for old in before.results:
        new = known.get((old.rule, old.subject))
        if new is None:
            details.append(f"{_label(old)}: {old.verdict.value}, and no answer once more was known")
        elif old.verdict.decided and new.verdict is not old.verdict:
            details.append(f"{_label(old)}: {old.verdict.value}, but {new.verdict.value} once more was known")
    return _Broken(tuple(details), {"refined record": refined}) if details else None


def _determinism(target: _Target, person: Person, on: date, data: st.DataObject) -> _Broken | None:
    first = target.evaluate(person, on)
    again: dict[str, Report | Exception] = {
        "evaluated again": target.evaluate(person, on),
        "with the reading built anew": target.evaluate_fresh(person, on),
        "from the record's JSON text": target.evaluate_text(person, on),
    }
    details = []
    for how, other in again.items():
        if not isinstance(other, Report):
            details.append(f"{how}: {other}")
        elif other.to_json() != first.to_json():
            changed = [
                f"{_label(a)} {a.verdict.value} then {b.verdict.value}"
                for a, b in zip(first.results, other.results, strict=False)
                if a.verdict is not b.verdict
            ]
            details.append(f"{how}: {'; '.join(changed) or 'the same verdicts, but other reasons'}")
    return _Broken(tuple(details)) if details else None


def _russian_on(person: Person, on: date) -> bool:
    """Whether the person is a Russian citizen on ``on`` for certain: born one, or surely naturalised by then."""
    return person.citizenship is Citizenship.RUSSIAN or (
        person.naturalised is not None and person.naturalised.latest <= on
    )


def _russian(target: _Target, person: Person, on: date, data: st.DataObject) -> _Broken | None:
    if not _russian_on(person, on):
        return None
    results = target.evaluate(person, on).results
    details = tuple(
        f"{_label(result)}: {result.verdict.value}, though the person is a Russian citizen"
        for result in results
        if result.rule == _EXTRADITION and result.verdict is not Verdict.YES
    )
    return _Broken(details) if details else None


def _person_bar(target: _Target, person: Person, on: date, data: st.DataObject) -> _Broken | None:
    results = [result for result in target.evaluate(person, on).results if result.rule == _EXTRADITION]
    whole = next(result for result in results if result.subject == _PERSON)
    details = tuple(
        f"{_label(result)}: {result.verdict.value}, though for the person as a whole it is {whole.verdict.value}"
        for result in results
        if _BARRED[result.verdict] < _BARRED[whole.verdict]
    )
    return _Broken(details) if details else None


def _say_why(target: _Target, person: Person, on: date, data: st.DataObject) -> _Broken | None:
    details = []
    for result in target.evaluate(person, on).results:
        if result.verdict is Verdict.UNDETERMINED and not (result.missing or result.unsettled):
            details.append(f"{_label(result)}: undetermined, naming no missing fact and no unsettled point")
        if result.verdict.decided and (result.missing or result.unsettled):
            named = ", ".join((*result.missing, *result.unsettled))
            details.append(f"{_label(result)}: {result.verdict.value}, yet it names what would decide it: {named}")
    return _Broken(tuple(details)) if details else None


def names_a_field(record: Mapping[str, Any], path: str) -> bool:
    """Whether a path such as ``family[0].member.contracts[1].ended`` names a field of the record (as JSON).

    >>> names_a_field({"contracts": [{"signed": "2023", "ended": None}]}, "contracts[0].ended")
    True
    >>> names_a_field({"contracts": []}, "contracts[0].ended")
    False
    """
    steps = path_steps(path)
    if steps is None:
        return False
    here: Any = record
    for step in steps:
        if isinstance(step, int):
            if not isinstance(here, list) or step >= len(here):
                return False
        elif not isinstance(here, Mapping) or step not in here:
            return False
        here = here[step]
    return True


def _record_fields(target: _Target, person: Person, on: date, data: st.DataObject) -> _Broken | None:
    record = person.model_dump(mode="json")
    details = tuple(
        f"{_label(result)}: {path!r} is missing, but the record has no such field"
        for result in target.evaluate(person, on).results
        for path in result.missing
        if not names_a_field(record, path)
    )
    return _Broken(details) if details else None


def is_complete(person: Person) -> bool:
    """Whether a record knows every fact a rule may ask and gives every date to the day (family included)."""
    facts: list[object] = [person.birth_date, person.sex, person.combat, person.asylum_in_russia]
    if person.citizenship is not Citizenship.STATELESS:
        facts.append(person.nationality)
    dates = [person.birth_date, person.naturalised]
    for contract in person.contracts:
        facts.append(contract.term_months)
        dates.extend((contract.signed, contract.ended))
    if person.discharge is not None:
        facts.extend((person.discharge.grounds, person.discharge.order_extract))
        dates.append(person.discharge.date)
    if person.unfitness_ruling is not None:
        dates.append(person.unfitness_ruling.date)
    for offence in person.offences:
        facts.extend(
            (offence.combat_related, offence.russian_judgment, offence.limitation_expired, offence.criminal_in_russia)
        )
    return (
        None not in facts
        and all(day is None or day.is_exact for day in dates)
        and all(is_complete(link.member) for link in person.family)
    )


def _complete(target: _Target, person: Person, on: date, data: st.DataObject) -> _Broken | None:
    if not is_complete(person):
        return None
    details = tuple(
        f"{_label(result)}: {', '.join(result.missing)} is missing, though the record knows every fact"
        for result in target.evaluate(person, on).results
        if result.missing
    )
    return _Broken(details) if details else None


def _cited(target: _Target, person: Person, on: date, data: st.DataObject) -> _Broken | None:
    details = []
    for result in target.evaluate(person, on).results:
        if not result.verdict.decided:
            continue
        cited = result.reason.provisions()
        unknown = [key for key in cited if key not in target.instruments]
        if not cited:
            details.append(f"{_label(result)}: {result.verdict.value}, citing no provision")
        elif unknown:
            details.append(f"{_label(result)}: cites {', '.join(unknown)}, which the reading does not have")
    return _Broken(tuple(details)) if details else None


# --- running a property -----------------------------------------------------------------------------------------


def _settings(chosen: hypothesis.settings | None) -> hypothesis.settings:
    """The settings given, or the current profile's with no deadline: evaluation time is no property."""
    if chosen is not None:
        return chosen
    current = hypothesis.settings()
    suppressed = [*current.suppress_health_check, HealthCheck.too_slow]
    return hypothesis.settings(current, deadline=None, suppress_health_check=suppressed)


def _check(
    name: str,
    body: _Body,
    reading: Reading | str,
    settings: hypothesis.settings | None,
    records: st.SearchStrategy[Person] | None,
    as_of: st.SearchStrategy[date] | None,
    *,
    complete: bool = False,
) -> None:
    target = _target(reading)
    if records is None:
        records = persons(complete=complete, around=target.milestones)
    if as_of is None:
        as_of = days(date(2000, 1, 1), LATEST, around=target.milestones)

    @given(records, as_of, st.data())
    def search(person: Person, on: date, data: st.DataObject) -> None:
        broken = body(target, person, on, data)
        if broken is not None:
            raise PropertyError(name, target.name, on, person, broken.details, broken.others)

    _settings(settings)(search)()


class Check(Protocol):
    """A property check: run it on a reading (or a reading's name, or ``"all"``) and it raises if it fails."""

    def __call__(
        self,
        reading: Reading | str = ...,
        *,
        settings: hypothesis.settings | None = ...,
        records: st.SearchStrategy[Person] | None = ...,
        as_of: st.SearchStrategy[date] | None = ...,
    ) -> None:
        """Search for a record and a day that break the property under ``reading``; raise if one is found."""


def check_information_monotonicity(
    reading: Reading | str = "enacted",
    *,
    settings: hypothesis.settings | None = None,
    records: st.SearchStrategy[Person] | None = None,
    as_of: st.SearchStrategy[date] | None = None,
) -> None:
    """Learning more never overturns a decided verdict: filling in an unknown fact or narrowing a date.

    A missing fact is never silently false (design principle 1): a ``yes`` or a ``no`` decided with a fact
    unknown must hold whatever that fact turns out to be, as Kleene's logic guarantees (LAW.md, "The rules").
    Each record is compared with a refinement of it (:func:`fighterlaw.strategies.refinements`).

    Args:
        reading: the reading to check: a :class:`~fighterlaw.Reading` (such as one from ``derive``), the name of
            one of the rulebook's, or ``"all"``.
        settings: Hypothesis settings (such as ``settings(max_examples=200)``); the current profile if not given.
        records: the records to try; persons of every kind, with their dates near the reading's milestones, if
            not given.
        as_of: the evaluation days to try; days near the reading's milestones, and any other, if not given.

    Raises:
        PropertyError: a record whose verdict turns once more is known; the message gives both records.

    >>> from hypothesis import settings
    >>> check_information_monotonicity("press", settings=settings(max_examples=10))
    """
    _check("information-monotonicity", _monotonicity, reading, settings, records, as_of)


def check_determinism(
    reading: Reading | str = "enacted",
    *,
    settings: hypothesis.settings | None = None,
    records: st.SearchStrategy[Person] | None = None,
    as_of: st.SearchStrategy[date] | None = None,
) -> None:
    """The same question always gets the same answer, reasons included.

    Evaluated twice, under the reading built anew (so that nothing cached carries over), and from the
    record's JSON text through ``evaluate_many``, a record on a day gives the same report: answers are
    reproducible (design, "Legal time": an explicit ``as_of``, never a hidden today). Arguments as for
    :func:`check_information_monotonicity`.

    >>> from hypothesis import settings
    >>> check_determinism(settings=settings(max_examples=10))
    """
    _check("determinism", _determinism, reading, settings, records, as_of)


def check_russian_citizens_are_never_extraditable(
    reading: Reading | str = "enacted",
    *,
    settings: hypothesis.settings | None = None,
    records: st.SearchStrategy[Person] | None = None,
    as_of: st.SearchStrategy[date] | None = None,
) -> None:
    """A Russian citizen's extradition is barred, for the person and for every offence.

    Constitution of the Russian Federation, Art. 61(1): "A citizen of the Russian Federation may not be
    extradited to another state"; Criminal Procedure Code, Art. 464(1) item 1. A Russian citizen on D is one
    born a Russian citizen (dual nationals included) or surely naturalised on or before D. Arguments as for
    :func:`check_information_monotonicity`.

    >>> from hypothesis import settings
    >>> check_russian_citizens_are_never_extraditable("summary", settings=settings(max_examples=10))
    """
    _check("russian-citizens-never-extraditable", _russian, reading, settings, records, as_of)


def check_person_bar_bars_every_offence(
    reading: Reading | str = "enacted",
    *,
    settings: hypothesis.settings | None = None,
    records: st.SearchStrategy[Person] | None = None,
    as_of: st.SearchStrategy[date] | None = None,
) -> None:
    """No offence is less barred than the person as a whole: a bar on the person bars every offence.

    LAW.md, ``extradition-bar``: the offence bars (Art. 464(1) items 3, 4 and 6) *add to* the person bars
    (items 1, 2 and 7), so where the person is barred every offence is, and where the person may be barred no
    offence is surely not. Arguments as for :func:`check_information_monotonicity`.

    >>> from hypothesis import settings
    >>> check_person_bar_bars_every_offence(settings=settings(max_examples=10))
    """
    _check("person-bar-bars-every-offence", _person_bar, reading, settings, records, as_of)


def check_undetermined_verdicts_say_why(
    reading: Reading | str = "enacted",
    *,
    settings: hypothesis.settings | None = None,
    records: st.SearchStrategy[Person] | None = None,
    as_of: st.SearchStrategy[date] | None = None,
) -> None:
    """An undetermined verdict names the facts or unsettled points it turns on; a decided one names none.

    LAW.md, "The rules": "``undetermined`` always says why: which facts are missing, which dates are too
    imprecise, or which legal point is unsettled". Arguments as for :func:`check_information_monotonicity`.

    >>> from hypothesis import settings
    >>> check_undetermined_verdicts_say_why("press", settings=settings(max_examples=10))
    """
    _check("undetermined-verdicts-say-why", _say_why, reading, settings, records, as_of)


def check_missing_facts_are_record_fields(
    reading: Reading | str = "enacted",
    *,
    settings: hypothesis.settings | None = None,
    records: st.SearchStrategy[Person] | None = None,
    as_of: st.SearchStrategy[date] | None = None,
) -> None:
    """Each missing fact is named by a path of the record in its own naming, such as ``contracts[0].ended``.

    Design, "The Python API": ``missing`` holds "the input paths whose values would decide an undetermined
    verdict, in the input's own naming" (:func:`names_a_field`). Arguments as for
    :func:`check_information_monotonicity`.

    >>> from hypothesis import settings
    >>> check_missing_facts_are_record_fields(settings=settings(max_examples=10))
    """
    _check("missing-facts-are-record-fields", _record_fields, reading, settings, records, as_of)


def check_complete_records_miss_no_fact(
    reading: Reading | str = "enacted",
    *,
    settings: hypothesis.settings | None = None,
    records: st.SearchStrategy[Person] | None = None,
    as_of: st.SearchStrategy[date] | None = None,
) -> None:
    """A record that knows every fact and every day misses none: only the law itself can leave it open.

    Design principle 1: an undetermined verdict names the facts that would decide it; when none is unknown,
    only an unsettled point of law (an uncertain in-force date, a contested reading) can. Records that are not
    complete (:func:`is_complete`) are passed over; by default only complete records are generated. Arguments
    as for :func:`check_information_monotonicity`.

    >>> from hypothesis import settings
    >>> check_complete_records_miss_no_fact("press", settings=settings(max_examples=10))
    """
    _check("complete-records-miss-no-fact", _complete, reading, settings, records, as_of, complete=True)


def check_decided_verdicts_cite_a_provision(
    reading: Reading | str = "enacted",
    *,
    settings: hypothesis.settings | None = None,
    records: st.SearchStrategy[Person] | None = None,
    as_of: st.SearchStrategy[date] | None = None,
) -> None:
    """A ``yes`` or a ``no`` rests on at least one cited provision, and every provision cited is the reading's.

    Design principle 4: "every verdict carries the tree of conditions that decided it, each step citing its
    provision". Arguments as for :func:`check_information_monotonicity`.

    >>> from hypothesis import settings
    >>> check_decided_verdicts_cite_a_provision("all", settings=settings(max_examples=10))
    """
    _check("decided-verdicts-cite-a-provision", _cited, reading, settings, records, as_of)


PROPERTIES: Final[Mapping[str, Check]] = {
    "information-monotonicity": check_information_monotonicity,
    "determinism": check_determinism,
    "russian-citizens-never-extraditable": check_russian_citizens_are_never_extraditable,
    "person-bar-bars-every-offence": check_person_bar_bars_every_offence,
    "undetermined-verdicts-say-why": check_undetermined_verdicts_say_why,
    "missing-facts-are-record-fields": check_missing_facts_are_record_fields,
    "complete-records-miss-no-fact": check_complete_records_miss_no_fact,
    "decided-verdicts-cite-a-provision": check_decided_verdicts_cite_a_provision,
}
"""Every property of the catalogue, by name, in the order :func:`check_all_properties` runs them."""


def check_all_properties(
    reading: Reading | str = "enacted",
    *,
    settings: hypothesis.settings | None = None,
    records: st.SearchStrategy[Person] | None = None,
    as_of: st.SearchStrategy[date] | None = None,
) -> None:
    """Run every property of the catalogue against a reading, and report every one that fails.

    Arguments as for :func:`check_information_monotonicity`; ``records`` and ``as_of``, if given, are used by
    every property.

    Raises:
        PropertiesError: some properties do not hold; it holds one :class:`PropertyError` for each, and
            its message gives them all.

    >>> from hypothesis import settings
    >>> check_all_properties("enacted", settings=settings(max_examples=5))
    """
    failures: list[PropertyError] = []
    for check in PROPERTIES.values():
        try:
            check(reading, settings=settings, records=records, as_of=as_of)
        except PropertyError as failure:
            failures.append(failure)
    if failures:
        name = reading.name if isinstance(reading, Reading) else reading
        raise PropertiesError(name, tuple(failures), len(PROPERTIES))
