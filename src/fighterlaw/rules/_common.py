"""What every rule asks of a person on a day, as steps of an explanation: in force, status, age, service.

Every function here returns a :class:`~fighterlaw.logic.Reason` (or a verdict with the input paths it read),
never a bare bool. Values of law (dates, ages, month counts, countries) come from the reading of the
:class:`Day`. Sentences are templates formatted only when read, so building a tree costs no formatting.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any, Final, NamedTuple, TypeVar

from fighterlaw.dates import UncertainDate, reaches_age
from fighterlaw.facts import Citizenship, Contract, Formation, Person, Sex
from fighterlaw.logic import (
    NO,
    UNDETERMINED,
    YES,
    Reason,
    Status,
    Texts,
    Verdict,
    any_of,
    branch,
    cases,
    leaf,
    weakest,
)
from fighterlaw.rulebook import Reading, shared
from fighterlaw.rulebook._model import Dated, LegalDate, Provision, Segment, Settlement

__all__ = [
    "ContractLabel",
    "Day",
    "Finding",
    "Phrases",
    "Who",
    "active_between",
    "active_on",
    "citizenship_steps",
    "combat_leaf",
    "counts_as_service",
    "eligibility",
    "in_force",
    "over_time",
    "personal_steps",
    "point",
    "russian_on",
    "served_before",
    "serving_on",
    "status_in",
    "term_at_least",
    "term_warnings",
]

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Finding:
    """A rule's answer for one subject: its reason tree and any warnings."""

    subject: str
    reason: Reason
    warnings: tuple[str, ...] = ()


class Day(NamedTuple):
    """The day a question is asked, and the reading of the law it is asked under."""

    reading: Reading
    on: date
    store: dict[Any, Any]

    @classmethod
    def of(cls, reading: Reading, on: date) -> Day:
        """The day ``on`` under ``reading``."""
        return cls(reading, on, reading.shared_store())

    def shared(self, key: Any, make: Callable[[], T]) -> T:
        """A step that depends only on the reading and the day, built once for both."""
        return shared(self.store, (key, self.on), make)

    def open_term_months(self) -> tuple[int, Status]:
        """The least term an open contract (until mobilisation ends) counts as, with its status."""
        constant = self.reading.constants["open-term-months"]
        return constant.value, constant.status


class Who(NamedTuple):
    """The person whose facts a step reads, how their input paths begin, and how sentences name them."""

    person: Person
    prefix: str
    label: str

    @classmethod
    def applicant(cls, person: Person) -> Who:
        """The person the record is about."""
        return cls(person, "", "The person")

    def path(self, field: str) -> str:
        """The input path of one of this person's fields."""
        return self.prefix + field

    @property
    def named(self) -> str:
        """The label inside a sentence: ``the person``."""
        return self.label[:1].lower() + self.label[1:]


_SINGULAR: Final = {
    Citizenship.FOREIGN: "a foreign citizen",
    Citizenship.STATELESS: "a stateless person",
    Citizenship.RUSSIAN: "a Russian citizen",
}
_PLURAL: Final = {
    Citizenship.FOREIGN: "foreign citizens",
    Citizenship.STATELESS: "stateless persons",
    Citizenship.RUSSIAN: "Russian citizens",
}
_FORMATIONS: Final = {
    Formation.ARMED_FORCES: "the armed forces",
    Formation.OTHER_FORMATION: "another military formation",
    Formation.VOLUNTEER_FORMATION: "a volunteer formation",
}
_SETTLED: Final = {"yes": YES, "no": NO, "unsettled": UNDETERMINED}


@cache
def _covered(categories: frozenset[Citizenship]) -> str:
    names = [_PLURAL[status] for status in Citizenship if status in categories]
    return " and ".join(names) if names else "nobody"


def point(date_of: LegalDate, fallback: str) -> str:
    """The name of the legal point an uncertain date stands for: ``decree-690.end``, ``smo-start``."""
    return date_of.of or fallback


# --- lazily formatted parts of sentences ---------------------------------------------------------------------


class ContractLabel:
    """How a sentence names a contract: its path, signing date, term and formation."""

    __slots__ = ("contract", "path")

    def __init__(self, who: Who, index: int) -> None:
        self.path = f"{who.prefix}contracts[{index}]"
        self.contract = who.person.contracts[index]

    def __format__(self, spec: str) -> str:
        contract = self.contract
        term = contract.term_months
        term_text = "term unknown" if term is None else "open term" if term == "open" else f"{term} months"
        return f"{self.path} (signed {contract.signed}, {term_text}, {_FORMATIONS[contract.formation]})"


Part = tuple[Verdict, str, str, str]
"""One part of a :class:`Phrases` sentence: its verdict, and what to say if it holds, fails or is unknown."""


class Phrases:
    """A sentence about one thing, made of parts that each hold, fail or are unknown; formatted when read.

    It says what held (if all did), what failed (if any did), or what is unknown. The parts' phrases are
    templates over ``args``.
    """

    __slots__ = ("args", "label", "parts", "verdict")

    def __init__(self, label: object, parts: Sequence[Part], *args: object) -> None:
        self.label = label
        self.parts = parts
        self.args = args
        verdict = YES
        for part in parts:
            verdict = verdict & part[0]
        self.verdict = verdict

    def __format__(self, spec: str) -> str:
        verdict = self.verdict
        if verdict is YES:
            said = [yes for _, yes, _, _ in self.parts if yes]
        elif verdict is NO:
            said = [no for v, _, no, _ in self.parts if v is NO]
        else:
            said = [unknown for v, _, _, unknown in self.parts if v is UNDETERMINED]
        label = format(self.label)
        return f"{label}: {'; '.join(said).format(*self.args)}." if said else f"{label}."


# --- in force -------------------------------------------------------------------------------------------------

_IN_FORCE: Final = {
    "yes": "{0} is in force on {1}.",
    "yes-since": "{0} is in force on {1}: it entered into force {2:when}.",
    "not-yet": "{0} is not in force on {1}: it entered into force {2:when}.",
    "ended": "{0} is no longer in force on {1}: it ended {3:when}.",
    "start-open": "Whether {0} is in force on {1} is unsettled: it entered into force {2:when}.",
    "maybe-repealed": "Whether {0} is still in force on {1} is unsettled: it may have ended {3:when} ({4}).",
    "end-open": "Whether {0} is still in force on {1} is unsettled: it ended {3:when}.",
}


def in_force(
    day: Day,
    code: str,
    title: str,
    provision: str,
    start: LegalDate | None,
    end: LegalDate | None,
    *,
    pinpoint: str | None = None,
) -> Reason:
    """Whether a provision is in force on the day: from its start, included, to its end, excluded.

    An end that may not have happened at all (``certain = false``) leaves every day from it undetermined.
    The step depends only on the reading and the day, so it is built once for both: keyed by everything it
    reads, as two rules may cite one instrument with different starts.
    """
    key = (code, title, provision, id(start), id(end), pinpoint)  # the dates live as long as the reading's store
    return day.shared(key, lambda: _in_force(code, title, provision, start, end, day.on, pinpoint))


def _in_force(
    code: str,
    title: str,
    provision: str,
    start: LegalDate | None,
    end: LegalDate | None,
    on: date,
    pinpoint: str | None,
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
        said = "ended"
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
        provision=provision,
        pinpoint=pinpoint,
        status=weakest(relied),
        unsettled=tuple(unsettled),
    )


# --- values over time -------------------------------------------------------------------------------------------

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


def over_time(day: Day, values: Dated[T], build: Callable[[Segment[T]], Reason], code: str, what: str) -> Reason:
    """``build``'s answer under the value of a parameter in effect on the day.

    Where the value changed on a day that is only known to lie in an interval, each value that may apply is
    a case; the answer is known if every such case gives the same one.
    """
    segments = values.segments
    if len(segments) == 1:
        return build(segments[0])
    applying = day.shared(id(values), lambda: _applying(values, day.on))
    branches = [branch(when, build(segment)) for segment, when in applying]
    # ``what`` opens a sentence ("The upper age limit"); inside one it is written in lower case.
    return cases(code, _OVER_TIME, branches, what, day.on, what[:1].lower() + what[1:])


def _applying(values: Dated[T], on: date) -> list[tuple[Segment[T], Reason]]:
    """Each value that may apply on ``on``, with the step that says whether it does."""
    segments = values.segments
    applying: list[tuple[Segment[T], Reason]] = []
    for index, segment in enumerate(segments):
        since = segment.since
        following = segments[index + 1].since if index + 1 < len(segments) else None
        started = YES if since is None else since.date.on_or_before(on)
        superseded = NO if following is None else following.date.on_or_before(on)
        applies = started & ~superseded
        if applies is NO:
            continue
        changes = [d for d, v in ((since, started), (following, superseded)) if d is not None and v is not YES]
        when = leaf(
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
        applying.append((segment, when))
    return applying


# --- citizenship status ---------------------------------------------------------------------------------------


def russian_on(who: Who, on: date) -> tuple[Verdict, tuple[str, ...]]:
    """Whether the person is a Russian citizen on ``on``: born one, or naturalised on or before that day."""
    person = who.person
    if person.citizenship is Citizenship.RUSSIAN:
        return YES, ()
    if person.naturalised is None:
        return NO, ()
    return person.naturalised.on_or_before(on), (who.path("naturalised"),)


_STATUS: Final = Texts(
    "{0} is {1} on {2}, and {3} are covered.",
    "{0} is {1} on {2}; only {3} are covered.",
    "{0} is {1} unless naturalised by {2} ({4:when}); only {3} are covered.",
)
_BY_ORIGIN: Final = " (by origin; naturalisation does not matter here)"


def status_in(
    who: Who,
    on: date,
    categories: frozenset[Citizenship],
    *,
    code: str,
    provision: str,
    status: Status,
    original: bool = False,
) -> Reason:
    """Whether the person's citizenship status on ``on`` is one of ``categories``.

    With ``original``, naturalisation is disregarded: a family member qualifies through a servicemember
    whether or not the servicemember has since become a Russian citizen.
    """
    person = who.person
    missing: tuple[str, ...] = ()
    if original:
        russian = YES if person.citizenship is Citizenship.RUSSIAN else NO
    else:
        russian, missing = russian_on(who, on)
    verdict = russian if Citizenship.RUSSIAN in categories else NO
    if person.citizenship is not Citizenship.RUSSIAN and person.citizenship in categories:
        verdict = verdict | ~russian
    described = _SINGULAR[Citizenship.RUSSIAN] if russian is YES else _SINGULAR[person.citizenship]
    if original and person.naturalised is not None:
        described += _BY_ORIGIN
    return leaf(
        code,
        verdict,
        _STATUS.pick(verdict),
        who.label,
        described,
        on,
        _covered(categories),
        person.naturalised,
        provision=provision,
        status=status,
        missing=missing,
    )


# --- eligibility: the people a provision covers -------------------------------------------------------------

_NO_LIMIT: Final = ("No lower age limit applies on {1}.", "No upper age limit applies on {1}.")
_AT_LEAST: Final = Texts(
    "{0} is {2} or over on {1} (born {3}).",
    "{0} is under {2} on {1} (born {3}).",
    "{0} may or may not be {2} yet on {1}: the date of birth ({3}) does not say.",
)
_AT_MOST: Final = Texts(
    "{0} is {2} or under on {1} (born {3}).",
    "{0} is over {2} on {1} (born {3}).",
    "{0} may or may not be over {2} on {1}: the date of birth ({3}) does not say.",
)
_SEX: Final = Texts(
    "{0} is {1}, as required ({2}).",
    "{0} is {1}; only {2} persons are covered.",
    "{0}'s sex is not known; only {2} persons are covered.",
)
_NATIONALITY: Final = Texts(
    "{0} is not a citizen of an excluded state ({1}).",
    "{0} is a citizen of {2}, which is excluded.",
    "{0}'s nationality is not known; citizens of {1} are excluded.",
)


def _age_leaf(who: Who, on: date, segment: Segment[int | None], *, code: str, upper: bool) -> Reason:
    birth = who.person.birth_date
    years = segment.value
    if years is None:
        return leaf(code, YES, _NO_LIMIT[upper], who.label, on, provision=segment.provision, status=segment.status)
    if upper:
        verdict = UNDETERMINED if birth is None else ~reaches_age(birth, years + 1, on)
        texts = _AT_MOST
    else:
        verdict = UNDETERMINED if birth is None else reaches_age(birth, years, on)
        texts = _AT_LEAST
    return leaf(
        code,
        verdict,
        texts.pick(verdict),
        who.label,
        on,
        years,
        "unknown" if birth is None else birth,
        provision=segment.provision,
        status=segment.status,
        missing=(who.path("birth_date"),),
    )


def _sex_leaf(who: Who, segment: Segment[frozenset[Sex]], code: str) -> Reason:
    sex = who.person.sex
    verdict = UNDETERMINED if sex is None else Verdict.of(sex in segment.value)
    return leaf(
        code,
        verdict,
        _SEX.pick(verdict),
        who.label,
        sex,
        " or ".join(sorted(segment.value)),
        provision=segment.provision,
        status=segment.status,
        missing=(who.path("sex"),),
    )


def _nationality_leaf(who: Who, segment: Segment[frozenset[str]], code: str) -> Reason:
    person = who.person
    excluded = segment.value
    if person.citizenship is Citizenship.STATELESS:
        verdict = YES
    elif person.nationality is None:
        verdict = UNDETERMINED
    else:
        verdict = Verdict.of(person.nationality not in excluded)
    return leaf(
        code,
        verdict,
        _NATIONALITY.pick(verdict),
        who.label,
        ", ".join(sorted(excluded)),
        person.nationality,
        provision=segment.provision,
        status=segment.status,
        missing=(who.path("nationality"),),
    )


def citizenship_steps(
    day: Day, who: Who, provision: Provision, *, prefix: str = "", original: bool = False
) -> list[Reason]:
    """Whether the provision covers the person's citizenship: their status on the day, and no excluded state.

    With ``original``, the status is judged by origin, disregarding naturalisation.
    """
    code = f"{prefix}citizenship-status"
    steps = [
        over_time(
            day,
            provision.categories,
            lambda s: status_in(
                who, day.on, s.value, code=code, provision=s.provision, status=s.status, original=original
            ),
            code,
            "The citizenship condition",
        )
    ]
    if provision.excluded_nationalities is not None:
        code = f"{prefix}nationality"
        steps.append(
            over_time(
                day,
                provision.excluded_nationalities,
                lambda s: _nationality_leaf(who, s, code),
                code,
                "The nationality exclusion",
            )
        )
    return steps


def personal_steps(day: Day, who: Who, provision: Provision, *, prefix: str = "") -> list[Reason]:
    """Whether the provision covers the person's sex and age on the day."""
    steps: list[Reason] = []
    on = day.on
    if provision.sexes is not None:
        sex_code = f"{prefix}sex"
        steps.append(
            over_time(day, provision.sexes, lambda s: _sex_leaf(who, s, sex_code), sex_code, "The sex condition")
        )
    if provision.min_age is not None:
        low_code = f"{prefix}min-age"
        steps.append(
            over_time(
                day,
                provision.min_age,
                lambda s: _age_leaf(who, on, s, code=low_code, upper=False),
                low_code,
                "The lower age limit",
            )
        )
    if provision.max_age is not None:
        high_code = f"{prefix}max-age"
        steps.append(
            over_time(
                day,
                provision.max_age,
                lambda s: _age_leaf(who, on, s, code=high_code, upper=True),
                high_code,
                "The upper age limit",
            )
        )
    return steps


def eligibility(day: Day, who: Who, provision: Provision, *, prefix: str = "") -> list[Reason]:
    """Every step that decides whether a provision covers the person: status, nationality, sex and age."""
    return [
        *citizenship_steps(day, who, provision, prefix=prefix),
        *personal_steps(day, who, provision, prefix=prefix),
    ]


# --- contracts and service -------------------------------------------------------------------------------------


def active_on(who: Who, index: int, day: UncertainDate | date) -> tuple[Verdict, tuple[str, ...]]:
    """Whether contract ``index`` was in force on ``day``: signed by then, not ended, not cut by a discharge.

    A discharge ends the contracts signed on or before it; a later contract is a new period of service.
    """
    person = who.person
    contract = person.contracts[index]
    signed = contract.signed.on_or_before(day)
    ended = NO if contract.ended is None else contract.ended.on_or_before(day)
    discharge = person.discharge
    cut = NO
    if discharge is not None:
        cut = discharge.date.on_or_before(day) & discharge.date.on_or_after(contract.signed)
    verdict = signed & ~ended & ~cut
    if verdict is not UNDETERMINED:
        return verdict, ()
    return verdict, _open_paths(who, index, signed, ended, cut)


def active_between(who: Who, index: int, start: UncertainDate, end: date) -> tuple[Verdict, tuple[str, ...]]:
    """Whether contract ``index`` was in force on some day from ``start`` to ``end``, both included.

    The contract is in force from its signing, included, until it ends or a later discharge cuts it, excluded;
    that interval must reach into the window. A contract that ended (or was cut) on the day it was signed
    was never in force.
    """
    person = who.person
    contract = person.contracts[index]
    signed = contract.signed.on_or_before(end) & start.on_or_before(end)
    ended = NO
    if contract.ended is not None:
        ended = contract.ended.on_or_before(start) | contract.ended.on_or_before(contract.signed)
    discharge = person.discharge
    cut = NO
    if discharge is not None:
        cuts = discharge.date.on_or_after(contract.signed)
        cut = cuts & (discharge.date.on_or_before(start) | discharge.date.on_or_before(contract.signed))
    verdict = signed & ~ended & ~cut
    if verdict is not UNDETERMINED:
        return verdict, ()
    return verdict, _open_paths(who, index, signed, ended, cut)


def _open_paths(who: Who, index: int, signed: Verdict, ended: Verdict, cut: Verdict) -> tuple[str, ...]:
    base = f"{who.prefix}contracts[{index}]"
    missing = [f"{base}.signed"] if UNDETERMINED in (signed, cut) else []
    if ended is UNDETERMINED:
        missing.append(f"{base}.ended")
    if cut is UNDETERMINED:
        missing.append(who.path("discharge.date"))
    return tuple(missing)


def counts_as_service(
    formations: dict[Formation, Settlement], contract: Contract, where: str
) -> tuple[Verdict, tuple[str, ...]]:
    """Whether a contract with this formation counts, and the unsettled legal point if that is open."""
    verdict = _SETTLED[formations[contract.formation]]
    return verdict, ((f"{where}.formation.{contract.formation}",) if verdict is UNDETERMINED else ())


_FORMATION_NOTE: Final = {
    YES: "",
    NO: "; service with this formation does not count",
    UNDETERMINED: "; whether service with this formation counts is unsettled",
}
_SERVING_CONTRACT: Final = Texts(
    "{0}: in force on {1}{2}.",
    "{0}: not in force on {1}{2}.",
    "{0}: whether it was in force on {1} is not known{2}.",
)
_SERVING: Final = Texts(
    "{0} serves under contract on {1}.",
    "{0} does not serve under contract on {1}.",
    "Whether {2} serves under contract on {1} is undetermined.",
)
_SIGNED_BEFORE: Final = Texts(
    "{0}: signed before {1}{2}.",
    "{0}: not signed before {1}{2}.",
    "{0}: whether it was signed before {1} is not known{2}.",
)
_SERVED: Final = Texts(
    "{0} served under contract before {1}.",
    "{0} did not serve under contract before {1}.",
    "Whether {2} served under contract before {1} is undetermined.",
)


def serving_on(
    who: Who,
    on: date,
    *,
    code: str,
    provision: str,
    status: Status,
    formations: dict[Formation, Settlement] | None = None,
    where: str = "",
) -> Reason:
    """Whether the person serves under contract on ``on``: some contract is in force that day."""
    steps = _each_contract(
        who, on, code, provision, status, formations, where, _SERVING_CONTRACT, lambda index: active_on(who, index, on)
    )
    return any_of(code, _SERVING, steps, who.label, on, who.named, provision=provision, status=status)


def served_before(
    who: Who,
    on: date,
    *,
    code: str,
    provision: str,
    status: Status,
    formations: dict[Formation, Settlement] | None = None,
    where: str = "",
) -> Reason:
    """Whether the person served under contract before ``on``: some contract was signed before that day."""

    def signed_before(index: int) -> tuple[Verdict, tuple[str, ...]]:
        signed = who.person.contracts[index].signed.before(on)
        return signed, (f"{who.prefix}contracts[{index}].signed",) if signed is UNDETERMINED else ()

    steps = _each_contract(who, on, code, provision, status, formations, where, _SIGNED_BEFORE, signed_before)
    return any_of(code, _SERVED, steps, who.label, on, who.named, provision=provision, status=status)


def _each_contract(
    who: Who,
    on: date,
    code: str,
    provision: str,
    status: Status,
    formations: dict[Formation, Settlement] | None,
    where: str,
    texts: Texts,
    holds: Callable[[int], tuple[Verdict, tuple[str, ...]]],
) -> list[Reason]:
    """A step per contract: whether it ``holds``, and (where formations matter) whether its formation counts."""
    steps: list[Reason] = []
    for index, contract in enumerate(who.person.contracts):
        verdict, missing = holds(index)
        counts, unsettled = (YES, ()) if formations is None else counts_as_service(formations, contract, where)
        steps.append(
            leaf(
                f"{code}-contract",
                verdict & counts,
                texts.pick(verdict),
                ContractLabel(who, index),
                on,
                _FORMATION_NOTE[counts] if verdict is not NO else "",
                provision=provision,
                status=status,
                missing=missing,
                unsettled=unsettled,
            )
        )
    return steps


def term_at_least(contract: Contract, months: int, open_months: int) -> Verdict:
    """Whether a contract's term is at least ``months``.

    An open term (until mobilisation ends) counts as ``open_months``: enough for that many, unknown beyond.
    """
    term = contract.term_months
    if term is None:
        return UNDETERMINED
    if term == "open":
        return YES if months <= open_months else UNDETERMINED
    return Verdict.of(term >= months)


def term_warnings(who: Who, on: date, indices: Sequence[int]) -> list[str]:
    """Warnings for contracts counted as in force on ``on`` although their term ran out before it."""
    warnings: list[str] = []
    for index in indices:
        contract = who.person.contracts[index]
        term = contract.term_months
        if contract.ended is not None or not isinstance(term, int):
            continue
        expiry = contract.signed.shifted(months=term)
        if expiry.before(on) is YES:
            warnings.append(
                f"{who.prefix}contracts[{index}]: its {term}-month term ran out {expiry:when}, but the record "
                "says it has not ended (contracts run on while mobilisation lasts); if it did end, the person "
                "no longer serves under it."
            )
    return warnings


_COMBAT: Final = Texts(
    "{0} took part in combat.",
    "{0} did not take part in combat.",
    "Whether {1} took part in combat is not known.",
)


def combat_leaf(who: Who, code: str, *, provision: str, status: Status | None) -> Reason:
    """Whether the person took part in combat."""
    verdict = Verdict.of(who.person.combat)
    return leaf(
        code,
        verdict,
        _COMBAT.pick(verdict),
        who.label,
        who.named,
        provision=provision,
        status=status,
        missing=(who.path("combat"),),
    )
