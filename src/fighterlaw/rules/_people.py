"""Fact-side steps about a person: citizenship status, nationality, sex, age, combat, and yes/no facts.

Each is a :class:`~fighterlaw.graph.Leaf`: it writes the code of its verdict for the planner, and says its reason
from the verdicts the trace recorded. Values of law (categories, ages, excluded states) are the leaf's own
fields, read from the rulebook by the rule that builds it; an age limit becomes a birth-date cut-off per day.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Any, Final

from fighterlaw.dates import add_years
from fighterlaw.facts import Citizenship, Sex
from fighterlaw.graph import Column, Context, Gen, Leaf, Ops, Rows, name_of
from fighterlaw.logic import NO, YES, Reason, Status, Texts, Verdict, leaf, weakest
from fighterlaw.rulebook._model import Segment

__all__ = [
    "AgeLimit",
    "Combat",
    "Nationality",
    "RussianOn",
    "SexIs",
    "StatusIn",
    "YesNoFact",
    "born_by",
    "date_test",
    "fact_test",
    "russian_code",
    "russian_vector",
]

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


@cache
def _covered(categories: frozenset[Citizenship]) -> str:
    names = [_PLURAL[status] for status in Citizenship if status in categories]
    return " and ".join(names) if names else "nobody"


# --- code for comparisons ------------------------------------------------------------------------------------------


def date_test(value: str, test: str, low: str, high: str | None = None) -> str:
    """The verdict of comparing an uncertain date (an expression) with a day or an interval ``low..high``.

    ``test`` is ``on_or_before``, ``before`` or ``on_or_after``, with :class:`~fighterlaw.dates.UncertainDate`'s
    meaning: ``yes`` where every day of both agrees, ``no`` where none does, ``undetermined`` otherwise.
    """
    high = high or low
    if test == "on_or_before":
        return f"(YES if {value}.latest <= {low} else NO if {value}.earliest > {high} else UND)"
    if test == "before":
        return f"(YES if {value}.latest < {low} else NO if {value}.earliest >= {high} else UND)"
    if test == "on_or_after":
        return f"(YES if {value}.earliest >= {high} else NO if {value}.latest < {low} else UND)"
    raise AssertionError(test)


def fact_test(value: str) -> str:
    """The verdict of a yes/no fact (``None``: unknown)."""
    return f"(UND if {value} is None else YES if {value} else NO)"


def russian_code(gen: Gen, who: str, out: str) -> None:
    """Code putting into ``out`` whether ``who`` is a Russian citizen on the day: born one, or naturalised by it."""
    gen.line(f"if {who}.citizenship is RUSSIAN:")
    with gen.indented():
        gen.line(f"{out} = YES")
    gen.line(f"elif {who}.naturalised is None:")
    with gen.indented():
        gen.line(f"{out} = NO")
    gen.line("else:")
    with gen.indented():
        gen.line(f"{out} = {date_test(f'{who}.naturalised', 'on_or_before', 'D')}")


def russian_vector(v: Ops, who: Rows) -> Column:
    """:func:`russian_code` over columns: born a Russian citizen, or naturalised by the day."""
    naturalised = v.where(who.given("naturalised"), v.date_test(who.dates("naturalised"), "on_or_before"), v.NO)
    return v.where(who.is_("citizenship", Citizenship.RUSSIAN), v.YES, naturalised)


def _not(value: str) -> str:
    return f"(NO if {value} is YES else YES if {value} is NO else UND)"


# --- citizenship ---------------------------------------------------------------------------------------------------

_STATUS: Final = Texts(
    "{0} is {1} on {2}, and {3} are covered.",
    "{0} is {1} on {2}; only {3} are covered.",
    "{0} is {1} unless naturalised by {2} ({4:when}); only {3} are covered.",
)
_BY_ORIGIN: Final = " (by origin; naturalisation does not matter here)"


@dataclass(frozen=True)
class StatusIn(Leaf):
    """Whether the person's citizenship status on the day is one of ``categories``.

    With ``original``, naturalisation is disregarded: a family member qualifies through a servicemember whether
    or not the servicemember has since become a Russian citizen.
    """

    code: str
    categories: frozenset[Citizenship]
    provision: str
    status: Status
    original: bool = False

    parts = ("a Russian citizen on the day",)

    def read_fields(self) -> tuple[str, ...]:
        # With Russian citizens covered too, naturalised by the day and not naturalised by it are both read.
        twice = Citizenship.RUSSIAN in self.categories and not self.original
        return ("citizenship", "naturalised", *(("naturalised",) if twice else ()))

    def compute(self, gen: Gen, who: str, out: str, item: str | None, parts: Sequence[str]) -> None:
        (russian,) = parts
        if self.original:
            gen.line(f"{russian} = YES if {who}.citizenship is RUSSIAN else NO")
        else:
            russian_code(gen, who, russian)
        covered = gen.const("CATEGORIES", self.categories)
        own = russian if Citizenship.RUSSIAN in self.categories else name_of(NO)
        gen.line(f"{out} = {own}")
        gen.line(f"if {who}.citizenship is not RUSSIAN and {who}.citizenship in {covered}:")
        with gen.indented():
            gen.line(f"{out} = YES if {out} is YES or {_not(russian)} is YES else (")
            gen.line(f"    NO if {out} is NO and {_not(russian)} is NO else UND)")

    def vector(self, v: Ops, who: Rows, item: Rows) -> Column:
        born = who.is_("citizenship", Citizenship.RUSSIAN)
        russian = v.where(born, v.YES, v.NO) if self.original else russian_vector(v, who)
        own = russian if Citizenship.RUSSIAN in self.categories else v.full(who, NO)
        covered = ~born & who.isin("citizenship", self.categories)
        return v.where(covered, v.any(own, v.negated(russian)), own)

    def vector_status(self, v: Ops, who: Rows, item: Rows, verdicts: Column) -> Column:
        return v.ranked(who, self.status)

    def explain(self, ctx: Context, verdict: Verdict, parts: Sequence[Verdict]) -> Reason:
        (russian,) = parts
        person = ctx.who.person
        missing: tuple[str, ...] = ()
        if not self.original and person.citizenship is not Citizenship.RUSSIAN and person.naturalised is not None:
            missing = (ctx.who.path("naturalised"),)
        described = _SINGULAR[Citizenship.RUSSIAN] if russian is YES else _SINGULAR[person.citizenship]
        if self.original and person.naturalised is not None:
            described += _BY_ORIGIN
        return leaf(
            self.code,
            verdict,
            _STATUS.pick(verdict),
            ctx.who.label,
            described,
            ctx.day,
            _covered(self.categories),
            person.naturalised,
            provision=self.provision,
            status=self.status,
            missing=missing,
        )


@dataclass(frozen=True)
class RussianOn(Leaf):
    """Whether the person is a Russian citizen on the day (``negated``: whether they are not)."""

    reads = ("citizenship", "naturalised")
    code: str
    texts: Texts
    negated: bool = False
    provision: str | None = None
    pinpoint: str | None = None
    status: Status | None = None

    def compute(self, gen: Gen, who: str, out: str, item: str | None, parts: Sequence[str]) -> None:
        russian_code(gen, who, out)
        if self.negated:
            gen.line(f"{out} = {_not(out)}")

    def vector(self, v: Ops, who: Rows, item: Rows) -> Column:
        russian = russian_vector(v, who)
        return v.negated(russian) if self.negated else russian

    def vector_status(self, v: Ops, who: Rows, item: Rows, verdicts: Column) -> Column:
        return v.ranked(who, self.status)

    def explain(self, ctx: Context, verdict: Verdict, parts: Sequence[Verdict]) -> Reason:
        person = ctx.who.person
        known = person.citizenship is Citizenship.RUSSIAN or person.naturalised is None
        return leaf(
            self.code,
            verdict,
            self.texts.pick(verdict),
            ctx.day,
            person.naturalised,
            provision=self.provision,
            pinpoint=self.pinpoint,
            status=self.status,
            missing=() if known else (ctx.who.path("naturalised"),),
        )


_NATIONALITY: Final = Texts(
    "{0} is not a citizen of an excluded state ({1}).",
    "{0} is a citizen of {2}, which is excluded.",
    "{0}'s nationality is not known; citizens of {1} are excluded.",
)


@dataclass(frozen=True)
class Nationality(Leaf):
    """Whether the person is not a citizen of an excluded state (a stateless person is a citizen of none).

    ``family_status``: how sure we are that the exclusion bars an applicant who could qualify through family links
    too; where the person has such links and is excluded, the step relies on it.
    """

    reads = ("citizenship", "nationality")
    code: str
    segment: Segment[frozenset[str]]
    family_status: Status | None = None

    def compute(self, gen: Gen, who: str, out: str, item: str | None, parts: Sequence[str]) -> None:
        excluded = gen.const("EXCLUDED", self.segment.value)
        gen.line(
            f"{out} = YES if {who}.citizenship is STATELESS else UND if {who}.nationality is None "
            f"else NO if {who}.nationality in {excluded} else YES"
        )

    def vector(self, v: Ops, who: Rows, item: Rows) -> Column:
        listed = v.where(who.isin("nationality", self.segment.value), v.NO, v.YES)
        known = v.where(who.missing("nationality"), v.UND, listed)
        return v.where(who.is_("citizenship", Citizenship.STATELESS), v.YES, known)

    def vector_status(self, v: Ops, who: Rows, item: Rows, verdicts: Column) -> Column:
        segment = self.segment
        if self.family_status is None:
            return v.ranked(who, segment.status)
        excluded = (verdicts != v.YES) & (who.count("family") > 0)
        return v.where(excluded, v.rank(weakest((segment.status, self.family_status))), v.rank(segment.status))

    def explain(self, ctx: Context, verdict: Verdict, parts: Sequence[Verdict]) -> Reason:
        segment = self.segment
        excluded = verdict is not YES and self.family_status is not None and bool(ctx.who.person.family)
        return leaf(
            self.code,
            verdict,
            _NATIONALITY.pick(verdict),
            ctx.who.label,
            ", ".join(sorted(segment.value)),
            ctx.who.person.nationality,
            provision=segment.provision,
            status=weakest((segment.status, self.family_status)) if excluded else segment.status,
            missing=(ctx.who.path("nationality"),),
        )


# --- sex and age ---------------------------------------------------------------------------------------------------

_SEX: Final = Texts(
    "{0} is {1}, as required ({2}).",
    "{0} is {1}; only {2} persons are covered.",
    "{0}'s sex is not known; only {2} persons are covered.",
)


@dataclass(frozen=True)
class SexIs(Leaf):
    """Whether the person's sex is one the provision covers."""

    reads = ("sex",)
    code: str
    segment: Segment[frozenset[Sex]]

    def compute(self, gen: Gen, who: str, out: str, item: str | None, parts: Sequence[str]) -> None:
        sexes = gen.const("SEXES", self.segment.value)
        gen.line(f"{out} = UND if {who}.sex is None else YES if {who}.sex in {sexes} else NO")

    def vector(self, v: Ops, who: Rows, item: Rows) -> Column:
        return v.where(who.missing("sex"), v.UND, v.where(who.isin("sex", self.segment.value), v.YES, v.NO))

    def vector_status(self, v: Ops, who: Rows, item: Rows, verdicts: Column) -> Column:
        return v.ranked(who, self.segment.status)

    def explain(self, ctx: Context, verdict: Verdict, parts: Sequence[Verdict]) -> Reason:
        segment = self.segment
        return leaf(
            self.code,
            verdict,
            _SEX.pick(verdict),
            ctx.who.label,
            ctx.who.person.sex,
            " or ".join(sorted(segment.value)),
            provision=segment.provision,
            status=segment.status,
            missing=(ctx.who.path("sex"),),
        )


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
_DAY: Final = timedelta(days=1)


def born_by(years: int, on: date) -> date | None:
    """The latest birthday on which someone is ``years`` old by ``on`` (``None``: nobody is).

    Someone born on ``b`` reaches the age on :func:`~fighterlaw.dates.add_years` ``(b, years)``, which never
    goes down as ``b`` goes up; so those who reach it by ``on`` are exactly those born on or before this day.
    """
    guess = add_years(on, -years)
    if add_years(guess, years) > on:
        while guess > date.min and add_years(guess, years) > on:
            guess -= _DAY
        return guess if add_years(guess, years) <= on else None
    while guess < date.max and add_years(guess + _DAY, years) <= on:
        guess += _DAY
    return guess


@dataclass(frozen=True)
class AgeLimit(Leaf):
    """Whether the person has reached the lower age limit (or not passed the upper one) on the day."""

    reads = ("birth_date",)
    code: str
    segment: Segment[int | None]
    upper: bool
    cutoff: date | None = None
    """On a planned day: the latest birth date that reaches the age that matters (``None``: nobody does)."""

    def planned(self, day: date) -> AgeLimit:
        years = self.segment.value
        if years is None:
            return self
        return AgeLimit(self.code, self.segment, self.upper, born_by(years + 1 if self.upper else years, day))

    def compute(self, gen: Gen, who: str, out: str, item: str | None, parts: Sequence[str]) -> None:
        if self.segment.value is None:
            gen.line(f"{out} = YES")
            return
        reached, short = (name_of(NO), name_of(YES)) if self.upper else (name_of(YES), name_of(NO))
        if self.cutoff is None:
            gen.line(f"{out} = UND if {who}.birth_date is None else {short}")
            return
        cutoff = self.constant_name()
        birth = f"{who}.birth_date"
        gen.line(
            f"{out} = UND if {birth} is None else {reached} if {birth}.latest <= {cutoff} "
            f"else {short} if {birth}.earliest > {cutoff} else UND"
        )

    def vector(self, v: Ops, who: Rows, item: Rows) -> Column:
        if self.segment.value is None:
            return v.full(who, YES)
        reached, short = (NO, YES) if self.upper else (YES, NO)
        if self.cutoff is None:
            return v.where(who.given("birth_date"), v.code(short), v.UND)
        # A birth date not given spans the whole calendar, so the comparison leaves it open.
        reaches = v.date_test(who.dates("birth_date"), "on_or_before", self.cutoff)
        return reaches if reached is YES else v.negated(reaches)

    def vector_status(self, v: Ops, who: Rows, item: Rows, verdicts: Column) -> Column:
        return v.ranked(who, self.segment.status)

    def constant_name(self) -> str:
        """The name of the day's cut-off in the generated code: ``BORN_BY_18`` for the day one turns 18."""
        years = self.segment.value
        return f"BORN_BY_{years if years is None or not self.upper else years + 1}"

    def shape(self) -> Hashable:
        return (self.segment.value is None, self.cutoff is None)

    def day_values(self) -> Iterator[tuple[str, Any]]:
        if self.segment.value is not None and self.cutoff is not None:
            yield self.constant_name(), self.cutoff

    def explain(self, ctx: Context, verdict: Verdict, parts: Sequence[Verdict]) -> Reason:
        segment = self.segment
        who = ctx.who
        years = segment.value
        if years is None:
            return leaf(
                self.code,
                YES,
                _NO_LIMIT[self.upper],
                who.label,
                ctx.day,
                provision=segment.provision,
                status=segment.status,
            )
        birth = who.person.birth_date
        texts = _AT_MOST if self.upper else _AT_LEAST
        return leaf(
            self.code,
            verdict,
            texts.pick(verdict),
            who.label,
            ctx.day,
            years,
            "unknown" if birth is None else birth,
            provision=segment.provision,
            status=segment.status,
            missing=(who.path("birth_date"),),
        )


# --- yes/no facts --------------------------------------------------------------------------------------------------

_COMBAT: Final = Texts(
    "{0} took part in combat.",
    "{0} did not take part in combat.",
    "Whether {1} took part in combat is not known.",
)


@dataclass(frozen=True)
class Combat(Leaf):
    """Whether the person took part in combat."""

    reads = ("combat",)
    code: str
    provision: str
    status: Status | None

    def compute(self, gen: Gen, who: str, out: str, item: str | None, parts: Sequence[str]) -> None:
        gen.line(f"{out} = {fact_test(f'{who}.combat')}")

    def vector(self, v: Ops, who: Rows, item: Rows) -> Column:
        return v.fact(who, "combat")

    def vector_status(self, v: Ops, who: Rows, item: Rows, verdicts: Column) -> Column:
        return v.ranked(who, self.status)

    def explain(self, ctx: Context, verdict: Verdict, parts: Sequence[Verdict]) -> Reason:
        return leaf(
            self.code,
            verdict,
            _COMBAT.pick(verdict),
            ctx.who.label,
            ctx.who.named,
            provision=self.provision,
            status=self.status,
            missing=(ctx.who.path("combat"),),
        )


@dataclass(frozen=True)
class YesNoFact(Leaf):
    """A step that holds when a yes/no fact of the person (or of the loop's item) has a given value.

    ``said`` gives the sentence for the fact's value (``True``, ``False``, ``None``); ``about`` how the sentence
    names what the fact is about, and ``path`` its input path.
    """

    code: str
    fact: str
    holds_when: bool
    said: Mapping[bool | None, str]
    about: Callable[[Context], str]
    path: Callable[[Context], str]
    on_item: bool = False
    provision: str | None = None
    pinpoint: str | None = None
    status: Status | None = None

    def read_fields(self) -> tuple[str, ...]:
        return (f"offences.{self.fact}" if self.on_item else self.fact,)

    def compute(self, gen: Gen, who: str, out: str, item: str | None, parts: Sequence[str]) -> None:
        owner = item if self.on_item and item is not None else who
        value = f"{owner}.{self.fact}"
        holds, fails = (name_of(YES), name_of(NO)) if self.holds_when else (name_of(NO), name_of(YES))
        gen.line(f"{out} = UND if {value} is None else {holds} if {value} else {fails}")

    def vector(self, v: Ops, who: Rows, item: Rows) -> Column:
        owner = item if self.on_item and item is not None else who
        value = v.fact(owner, self.fact)
        return value if self.holds_when else v.negated(value)

    def vector_status(self, v: Ops, who: Rows, item: Rows, verdicts: Column) -> Column:
        return v.ranked(who, self.status)

    def explain(self, ctx: Context, verdict: Verdict, parts: Sequence[Verdict]) -> Reason:
        owner = ctx.item if self.on_item else ctx.who.person
        value: bool | None = getattr(owner, self.fact)
        return leaf(
            self.code,
            verdict,
            self.said[value],
            self.about(ctx),
            provision=self.provision,
            pinpoint=self.pinpoint,
            status=self.status,
            missing=(self.path(ctx),),
        )
