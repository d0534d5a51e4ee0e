"""Hypothesis strategies for every input type, for property-based tests of fighterlaw and of pipelines using it.

Everything these strategies generate validates. ``complete=True`` asks for records with every fact known and
every date exact; ``around=`` concentrates dates on the day before, of and after a reading's legal milestones,
where rules break. Installing fighterlaw registers them, so ``st.from_type(fl.Person)`` works in any project.

>>> from datetime import date
>>> from hypothesis import given, settings
>>> import fighterlaw as fl
>>> from fighterlaw.strategies import persons
>>> @settings(max_examples=20)
... @given(persons(complete=True))
... def test_complete_records_are_decided(person):
...     report = fl.evaluate(person, as_of=date(2026, 6, 1))
...     assert report.verdict("stateless-contract") is not fl.Verdict.UNDETERMINED
>>> test_complete_records_are_decided()
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any, Final

from hypothesis import strategies as st

from fighterlaw.dates import UncertainDate
from fighterlaw.facts import (
    Citizenship,
    Contract,
    Discharge,
    DischargeGrounds,
    FamilyLink,
    Formation,
    Offence,
    Person,
    Purpose,
    Relation,
    Sex,
    UnfitnessRuling,
)
from fighterlaw.rulebook import RULEBOOK, Reading

__all__ = [
    "EARLIEST",
    "LATEST",
    "as_of_days",
    "contracts",
    "days",
    "discharges",
    "family_links",
    "milestone_days",
    "offences",
    "persons",
    "refinements",
    "uncertain_dates",
    "unfitness_rulings",
]

EARLIEST: Final = date(1940, 1, 1)
"""The earliest day the strategies generate by default."""
LATEST: Final = date(2035, 12, 31)
"""The latest day the strategies generate by default."""

_NATIONALITIES: Final = ("NP", "IN", "CU", "BY", "UA", "SY", "KZ", "UZ", "TJ", "LK", "ZA", "CN")
_STATES: Final = ("UA", "US", "DE", "PL", "GE", "LT")


def milestone_days(reading: Reading | str = "enacted") -> list[date]:
    """Every day on which the reading's law may change, with the day before and after each.

    The bounds of every in-force date, parameter change, route opening and milestone of the reading.
    """
    chosen = RULEBOOK.reading(reading) if isinstance(reading, str) else reading
    found: set[date] = set()
    for legal in chosen.legal_dates():
        for bound in (legal.date.earliest, legal.date.latest):
            for shift in (-1, 0, 1):
                if EARLIEST + timedelta(days=1) <= bound <= LATEST - timedelta(days=1):
                    found.add(bound + timedelta(days=shift))
    return sorted(found)


def days(
    min_value: date = EARLIEST, max_value: date = LATEST, *, around: Sequence[date] = ()
) -> st.SearchStrategy[date]:
    """Days in a range; with ``around``, half of them drawn from those days (such as :func:`milestone_days`)."""
    anywhere = st.dates(min_value, max_value)
    near = [day for day in around if min_value <= day <= max_value]
    return st.one_of(st.sampled_from(near), anywhere) if near else anywhere


def as_of_days(reading: Reading | str = "enacted") -> st.SearchStrategy[date]:
    """Evaluation days, concentrated on the day before, of and after each of the reading's milestones."""
    return days(date(2000, 1, 1), LATEST, around=milestone_days(reading))


@st.composite
def uncertain_dates(
    draw: st.DrawFn,
    min_value: date = EARLIEST,
    max_value: date = LATEST,
    *,
    exact: bool = False,
    unknown: bool = True,
    around: Sequence[date] = (),
) -> UncertainDate:
    """Uncertain dates of every form (day, month, year, window, unknown) whose days lie in a range.

    ``exact=True`` gives days only; ``unknown=False`` leaves out ``"unknown"`` (which spans the calendar).
    """
    day = draw(days(min_value, max_value, around=around))
    if exact:
        return UncertainDate.day(day)
    form = draw(
        st.sampled_from(
            ("day", "month", "year", "window", "unknown") if unknown else ("day", "month", "year", "window")
        )
    )
    if form == "month":
        candidate = UncertainDate.month(day.year, day.month)
    elif form == "year":
        candidate = UncertainDate.year(day.year)
    elif form == "window":
        end = draw(days(day, min(max_value, day + timedelta(days=400))))
        return UncertainDate.window(UncertainDate.day(day), UncertainDate.day(end))
    elif form == "unknown":
        return UncertainDate.unknown()
    else:
        return UncertainDate.day(day)
    if candidate.earliest < min_value or candidate.latest > max_value:
        return UncertainDate.day(day)
    return candidate


def _maybe(strategy: st.SearchStrategy[Any], *, complete: bool) -> st.SearchStrategy[Any]:
    return strategy if complete else st.none() | strategy


@st.composite
def contracts(
    draw: st.DrawFn, *, complete: bool = False, after: date = date(1990, 1, 1), around: Sequence[date] = ()
) -> Contract:
    """A contract signed after ``after``, ended (or not) after its signing.

    ``complete``: the term known and the dates exact. ``around``: the dates drawn half the time from these days
    (such as :func:`milestone_days`).
    """
    signed = draw(uncertain_dates(after, LATEST, exact=complete, unknown=not complete, around=around))
    ended: UncertainDate | None = None
    if draw(st.booleans()):
        start = max(signed.earliest, after)
        ended = draw(uncertain_dates(start, LATEST, exact=complete, unknown=not complete, around=around))
    term = draw(_maybe(st.integers(1, 60) | st.just("open"), complete=complete))
    formation = draw(st.sampled_from(Formation))
    return Contract(signed=signed, term_months=term, ended=ended, formation=formation)


@st.composite
def discharges(
    draw: st.DrawFn, *, complete: bool = False, after: date = date(1990, 1, 1), around: Sequence[date] = ()
) -> Discharge:
    """A discharge from military service. ``complete``: grounds and proof known, the date exact."""
    return Discharge(
        date=draw(uncertain_dates(after, LATEST, exact=complete, unknown=not complete, around=around)),
        grounds=draw(_maybe(st.sampled_from(DischargeGrounds), complete=complete)),
        order_extract=draw(_maybe(st.booleans(), complete=complete)),
    )


@st.composite
def unfitness_rulings(
    draw: st.DrawFn, *, complete: bool = False, after: date = date(1990, 1, 1), around: Sequence[date] = ()
) -> UnfitnessRuling:
    """A commission decision of unfitness for service. ``complete``: its date exact."""
    return UnfitnessRuling(
        date=draw(uncertain_dates(after, LATEST, exact=complete, unknown=not complete, around=around))
    )


@st.composite
def offences(draw: st.DrawFn, *, complete: bool = False) -> Offence:
    """An offence for which extradition is sought (without an id: :func:`persons` numbers them)."""
    return Offence(
        description=draw(st.none() | st.sampled_from(("alleged killing of a prisoner", "looting", "fraud"))),
        combat_related=draw(_maybe(st.booleans(), complete=complete)),
        purpose=draw(_maybe(st.sampled_from(Purpose), complete=complete)),
        requesting_state=draw(st.none() | st.sampled_from(_STATES)),
        russian_judgment=draw(_maybe(st.booleans(), complete=complete)),
        limitation_expired=draw(_maybe(st.booleans(), complete=complete)),
        criminal_in_russia=draw(_maybe(st.booleans(), complete=complete)),
    )


def family_links(*, complete: bool = False, around: Sequence[date] = ()) -> st.SearchStrategy[FamilyLink]:
    """A link to a servicemember (who has no family links of their own)."""
    return st.builds(
        FamilyLink,
        relation=st.sampled_from(Relation),
        member=persons(complete=complete, family=False, offences=False, around=around),
    )


@st.composite
def persons(
    draw: st.DrawFn,
    *,
    complete: bool = False,
    citizenship: Citizenship | None = None,
    family: bool = True,
    offences: bool = True,
    around: Sequence[date] = (),
) -> Person:
    """A person's record.

    ``complete``: every fact known and every date exact. ``citizenship``: only persons of that status.
    ``family``, ``offences``: whether to draw family links and offences. ``around``: the dates of events
    (naturalisation, contracts, discharge, unfitness) drawn half the time from these days, such as
    :func:`milestone_days`, so that they fall on the day before, of and after each change of the law.
    """
    status = citizenship or draw(st.sampled_from(Citizenship))
    birth = draw(_maybe(uncertain_dates(date(1945, 1, 1), date(2012, 12, 31), exact=complete), complete=complete))
    nationality = None
    if status is not Citizenship.STATELESS:
        nationality = draw(_maybe(st.sampled_from(_NATIONALITIES), complete=complete))
    naturalised = None
    if status is not Citizenship.RUSSIAN and draw(st.integers(0, 3)) == 0:
        after = date(1990, 1, 1) if birth is None else max(birth.earliest, date(1990, 1, 1))
        naturalised = draw(uncertain_dates(after, LATEST, exact=complete, unknown=not complete, around=around))
    after = date(1990, 1, 1)
    drawn_offences: list[Offence] = draw(st.lists(_offence_strategy(complete), max_size=3)) if offences else []
    return Person(
        id=draw(st.none() | st.text("abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1, max_size=8)),
        citizenship=status,
        nationality=nationality,
        naturalised=naturalised,
        birth_date=birth,
        sex=draw(_maybe(st.sampled_from(Sex), complete=complete)),
        contracts=tuple(draw(st.lists(contracts(complete=complete, after=after, around=around), max_size=3))),
        combat=draw(_maybe(st.booleans(), complete=complete)),
        discharge=draw(st.none() | discharges(complete=complete, after=after, around=around)),
        unfitness_ruling=draw(st.none() | unfitness_rulings(complete=complete, after=after, around=around)),
        asylum_in_russia=draw(_maybe(st.booleans(), complete=complete)),
        family=tuple(draw(st.lists(family_links(complete=complete, around=around), max_size=2))) if family else (),
        offences=tuple(
            # Some offences get an id of their own, never one of the numbers the others are given.
            offence.model_copy(update={"id": f"o{index}"}) if draw(st.booleans()) else offence
            for index, offence in enumerate(drawn_offences)
        ),
    )


def _offence_strategy(complete: bool) -> st.SearchStrategy[Offence]:
    return offences(complete=complete)


# --- refinements: what becomes known later ------------------------------------------------------------------

# How far an unknown date may be narrowed: the calendar's own ends are of no use to a record.
_FIRST: Final = date(1900, 1, 1)
_LAST: Final = date(2100, 12, 31)


@st.composite
def _narrower(
    draw: st.DrawFn, value: UncertainDate | None, *, ends_from: date = date.min, starts_by: date = date.max
) -> UncertainDate | None:
    """A date within ``value`` (``None``, an unknown, may become any date), or ``value`` itself.

    The narrowed date still ends on or after ``ends_from`` and still begins on or before ``starts_by``, as
    ``value`` did: so a date that had to come after another (an end after a signing) still does.
    """
    if value is None:
        high = min(_LAST, starts_by)
        if high < _FIRST or draw(st.booleans()):
            return None
        return draw(uncertain_dates(min(date(1945, 1, 1), high), high, unknown=False))
    low, high = max(value.earliest, _FIRST), min(value.latest, _LAST)
    if value.is_exact or low > high or starts_by < low or ends_from > high or draw(st.booleans()):
        return value
    start = draw(st.dates(low, min(high, starts_by)))
    end = draw(st.dates(max(start, ends_from), high))
    return UncertainDate.window(UncertainDate.day(start), UncertainDate.day(end))


def _known(draw: st.DrawFn, value: Any, choices: st.SearchStrategy[Any]) -> Any:
    return draw(choices) if value is None and draw(st.booleans()) else value


@st.composite
def refinements(draw: st.DrawFn, person: Person) -> Person:
    """The same person with some unknown facts made known and some uncertain dates narrowed.

    Only what is unknown changes: a known fact keeps its value and a date stays within its interval. Dates
    that depend on each other are narrowed together (a contract's end stays on or after its signing, a
    naturalisation on or after the birth), so every refinement validates.
    """
    data = person.model_dump(mode="python")
    _refine(draw, data)
    return Person.model_validate(data)


def _refine(draw: st.DrawFn, data: dict[str, Any]) -> None:
    """Make some unknown facts of a record (as ``model_dump`` gives it) known, in place."""

    def narrow(record: dict[str, Any], field: str) -> None:
        value = record.get(field)
        if isinstance(value, UncertainDate) and not value.is_exact:
            record[field] = draw(_narrower(value))

    birth: UncertainDate | None = data["birth_date"]
    naturalised: UncertainDate | None = data["naturalised"]
    if naturalised is not None and not naturalised.is_exact:
        # Citizenship cannot come before birth: it must still end on or after the earliest birthday.
        ends_from = date.min if birth is None else birth.earliest
        naturalised = data["naturalised"] = draw(_narrower(naturalised, ends_from=ends_from))
    if birth is None or not birth.is_exact:
        starts_by = date.max if naturalised is None else naturalised.latest
        data["birth_date"] = draw(_narrower(birth, starts_by=starts_by))
    data["sex"] = _known(draw, data["sex"], st.sampled_from(Sex))
    if data["citizenship"] is not Citizenship.STATELESS:
        data["nationality"] = _known(draw, data["nationality"], st.sampled_from(_NATIONALITIES))
    for fact in ("combat", "asylum_in_russia"):
        data[fact] = _known(draw, data[fact], st.booleans())
    for contract in data["contracts"]:
        signed: UncertainDate = contract["signed"]
        ended: UncertainDate | None = contract["ended"]
        if ended is not None and not ended.is_exact:
            # A contract cannot end before it is signed: the end stays on or after the earliest signing day.
            ended = contract["ended"] = draw(_narrower(ended, ends_from=signed.earliest))
        if not signed.is_exact:
            starts_by = date.max if ended is None else ended.latest
            contract["signed"] = draw(_narrower(signed, starts_by=starts_by))
        contract["term_months"] = _known(draw, contract["term_months"], st.integers(1, 60) | st.just("open"))
    if data["discharge"] is not None:
        narrow(data["discharge"], "date")
        data["discharge"]["grounds"] = _known(draw, data["discharge"]["grounds"], st.sampled_from(DischargeGrounds))
        data["discharge"]["order_extract"] = _known(draw, data["discharge"]["order_extract"], st.booleans())
    if data["unfitness_ruling"] is not None:
        narrow(data["unfitness_ruling"], "date")
    for offence in data["offences"]:
        for fact in ("combat_related", "russian_judgment", "limitation_expired", "criminal_in_russia"):
            offence[fact] = _known(draw, offence[fact], st.booleans())
    for link in data["family"]:
        _refine(draw, link["member"])
