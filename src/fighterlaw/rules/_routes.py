"""Fact-side steps of the routes to citizenship: a contract that meets a route, service on a day, a discharge.

Each leaf's sentence is made of parts (signed in time, a long enough term, ...) whose verdicts the trace records,
so the sentence says exactly which part held, failed or is unknown.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Final

from fighterlaw.facts import DischargeGrounds
from fighterlaw.graph import Column, Context, Gen, Leaf, Ops, Rows, name_of
from fighterlaw.logic import NO, UNDETERMINED, YES, Reason, Status, Texts, Verdict, leaf, weakest
from fighterlaw.rulebook._model import LegalDate, Segment
from fighterlaw.rules._contracts import (
    IN_FORCE_PARTS,
    ContractLabel,
    Part,
    Phrases,
    active_between_vector,
    active_on_vector,
    and_code,
    open_paths,
    part,
)
from fighterlaw.rules._people import date_test, fact_test

__all__ = ["DischargeDate", "DischargeGrounds_", "RouteContract", "ServingAtStart", "Stated"]

# The parts of a sentence about a contract or a discharge; their phrases are templates over
# (the day, the route's date, the minimum term).
_SIGNED_BY: Final = ("", "signed after {0}", "it may have been signed after {0}")
_SIGNED_SINCE: Final = ("signed on or after {1}", "signed before {1}", "it may have been signed before {1}")
_TERM: Final = (
    "a term of at least {2} months",
    "a term under {2} months",
    "its term is not known to be at least {2} months",
)
_EARLIER: Final = ("signed before {1}", "signed on or after {1}", "it may have been signed on or after {1}")
_IN_FORCE_ON: Final = (
    "in force on {1}",
    "not in force on {1}",
    "whether it was in force on {1} is not known",
)
_IN_FORCE_DURING: Final = (
    "in force at some time from {1} to {0}",
    "not in force at any time from {1} to {0}",
    "whether it was in force at some time from {1} to {0} is not known",
)
_DISCHARGED_BY: Final = (
    "discharged {3:when}",
    "discharged only after {0}",
    "it may have taken effect after {0}",
)
_DISCHARGED_SINCE: Final = ("on or after {1}", "before {1}", "it may have been before {1}")


def _term_code(gen: Gen, contract: str, months: int, open_months: int, out: str) -> None:
    term = f"{contract}.term_months"
    if_open = "YES" if months <= open_months else "UND"
    gen.line(f"{out} = UND if {term} is None else {if_open} if {term} == 'open' else YES if {term} >= {months} else NO")


@dataclass(frozen=True)
class RouteContract(Leaf):
    """One contract that meets a route, of at least the route's minimum term where it sets one.

    A ``contract`` route asks for a contract signed by the day and since the route's date; a ``served-during``
    route for one in force at some time since that date.
    """

    code: str
    kind: str
    since: LegalDate | None
    minimum: Segment[int | None] | None
    provision: str
    status: Status
    open_months: int
    open_status: Status

    @property
    def months(self) -> int | None:
        """The minimum term in months, if the route sets one on the day."""
        return None if self.minimum is None else self.minimum.value

    def width(self) -> int:
        return len(self._parts())

    def read_fields(self) -> tuple[str, ...]:
        if self.kind == "served-during":  # in force at some time since the date: each date compared twice
            each = ("contracts.signed", "contracts.ended", "discharge.date")
            dates: tuple[str, ...] = (*each, *each)
        else:
            dates = ("contracts.signed", *(() if self.since is None else ("contracts.signed",)))
        return (*dates, *(() if self.months is None else ("contracts.term_months",)))

    def _parts(self) -> tuple[str, ...]:
        own = IN_FORCE_PARTS if self.kind == "served-during" else ("signed by the day",)
        if self.kind != "served-during" and self.since is not None:
            own = (*own, "signed since the route's date")
        return own if self.months is None else (*own, "a long enough term")

    def compute(self, gen: Gen, who: str, out: str, item: str | None, parts: Sequence[str]) -> None:
        contract = str(item)
        held: list[str]
        if self.kind == "served-during":
            assert self.since is not None  # noqa: S101 - a served-during route always has its start
            start = gen.const("SINCE", self.since.date)
            signed, ended, cut, active = parts[: len(IN_FORCE_PARTS)]
            gen.line(f"{signed}, {ended}, {cut}, {active} = active_between({who}, {contract}, {start}, D)")
            held = [active]
        else:
            held = [parts[0]]
            gen.line(f"{parts[0]} = {date_test(f'{contract}.signed', 'on_or_before', 'D')}")
            if self.since is not None:
                since = self.since.date
                low, high = gen.const("EARLIEST", since.earliest), gen.const("LATEST", since.latest)
                gen.line(f"{parts[1]} = {date_test(f'{contract}.signed', 'on_or_after', low, high)}")
                held.append(parts[1])
        if self.months is not None:
            _term_code(gen, contract, self.months, self.open_months, parts[-1])
            held.append(parts[-1])
        and_code(gen, out, held)

    def vector(self, v: Ops, who: Rows, item: Rows) -> Column:
        held: list[Column]
        if self.kind == "served-during":
            assert self.since is not None  # noqa: S101 - a served-during route always has its start
            held = [active_between_vector(v, who, item, self.since.date)]
        else:
            signed = item.dates("signed")
            held = [v.date_test(signed, "on_or_before")]
            if self.since is not None:
                held.append(v.date_test(signed, "on_or_after", self.since.date.earliest, self.since.date.latest))
        if self.months is not None:
            held.append(v.term(item, self.months, YES if self.months <= self.open_months else UNDETERMINED))
        return v.all(*held)

    def vector_status(self, v: Ops, who: Rows, item: Rows, verdicts: Column) -> Column:
        sources = (
            self.status,
            None if self.since is None else self.since.status,
            None if self.minimum is None else self.minimum.status,
        )
        status = weakest(sources)
        if self.months is None:
            return v.ranked(who, status)
        counted_open = v.rank(weakest((*sources, self.open_status)))  # an open term counted as its months
        return v.where(v.is_open_term(item), counted_open, v.rank(status))

    def explain(self, ctx: Context, verdict: Verdict, parts: Sequence[Verdict]) -> Reason:
        who, index, contract = ctx.who, ctx.index, ctx.item
        said: list[Part]
        missing: tuple[str, ...]
        if self.kind == "served-during":
            signed, ended, cut, active = parts[: len(IN_FORCE_PARTS)]
            said = [part(active, _IN_FORCE_DURING)]
            missing = open_paths(who, index, signed, ended, cut) if active is UNDETERMINED else ()
        else:
            said = [part(parts[0], _SIGNED_BY)]
            if self.since is not None:
                said.append(part(parts[1], _SIGNED_SINCE))
            signed_open = any(p is UNDETERMINED for p in parts[: 1 + (self.since is not None)])
            missing = (f"{who.prefix}contracts[{index}].signed",) if signed_open else ()
        months = self.months
        if months is not None:
            said.append(part(parts[-1], _TERM))
            if parts[-1] is UNDETERMINED:
                missing = (*missing, f"{who.prefix}contracts[{index}].term_months")
        phrases = Phrases(
            ContractLabel(who, index), said, ctx.day, None if self.since is None else self.since.date, months
        )
        counted_open = self.open_status if contract.term_months == "open" and months is not None else None
        return leaf(
            self.code,
            verdict,
            "{0}",
            phrases,
            provision=self.provision if self.minimum is None else self.minimum.provision,
            status=weakest(
                (
                    self.status,
                    None if self.since is None else self.since.status,
                    None if self.minimum is None else self.minimum.status,
                    counted_open,
                )
            ),
            missing=missing,
        )


@dataclass(frozen=True)
class ServingAtStart(Leaf):
    """One contract signed before a day (the start of the operation) and in force on it."""

    reads = ("contracts.signed", "contracts.signed", "contracts.ended", "discharge.date", "discharge.date")
    code: str
    on: LegalDate
    provision: str
    status: Status

    parts = ("signed before the day", *IN_FORCE_PARTS)

    def compute(self, gen: Gen, who: str, out: str, item: str | None, parts: Sequence[str]) -> None:
        earlier, signed, ended, cut, active = parts
        start = gen.const("START", self.on.date)
        low, high = gen.const("EARLIEST", self.on.date.earliest), gen.const("LATEST", self.on.date.latest)
        gen.line(f"{earlier} = {date_test(f'{item}.signed', 'before', low, high)}")
        gen.line(f"{signed}, {ended}, {cut}, {active} = active_on({who}, {item}, {start})")
        and_code(gen, out, [earlier, active])

    def vector(self, v: Ops, who: Rows, item: Rows) -> Column:
        on = self.on.date
        earlier = v.date_test(item.dates("signed"), "before", on.earliest, on.latest)
        return v.all(earlier, active_on_vector(v, who, item, on))

    def vector_status(self, v: Ops, who: Rows, item: Rows, verdicts: Column) -> Column:
        return v.ranked(who, weakest((self.status, self.on.status)))

    def explain(self, ctx: Context, verdict: Verdict, parts: Sequence[Verdict]) -> Reason:
        earlier, signed, ended, cut, active = parts
        who, index = ctx.who, ctx.index
        missing = open_paths(who, index, signed, ended, cut) if active is UNDETERMINED else ()
        if earlier is UNDETERMINED:
            missing = (f"{who.prefix}contracts[{index}].signed", *missing)
        phrases = Phrases(
            ContractLabel(who, index), [part(earlier, _EARLIER), part(active, _IN_FORCE_ON)], None, self.on.date
        )
        return leaf(
            self.code,
            verdict,
            "{0}",
            phrases,
            provision=self.provision,
            status=weakest((self.status, self.on.status)),
            missing=missing,
        )


@dataclass(frozen=True)
class DischargeDate(Leaf):
    """The discharge took effect by the day (and since the route's date, where it sets one)."""

    code: str
    since: LegalDate | None
    provision: str
    status: Status

    def width(self) -> int:
        return len(("taken effect by the day", *(() if self.since is None else ("since the route's date",))))

    def read_fields(self) -> tuple[str, ...]:
        return ("discharge.date",) * self.width()

    def compute(self, gen: Gen, who: str, out: str, item: str | None, parts: Sequence[str]) -> None:
        gen.line(f"{parts[0]} = {date_test(f'{who}.discharge.date', 'on_or_before', 'D')}")
        if self.since is not None:
            low, high = gen.const("EARLIEST", self.since.date.earliest), gen.const("LATEST", self.since.date.latest)
            gen.line(f"{parts[1]} = {date_test(f'{who}.discharge.date', 'on_or_after', low, high)}")
        and_code(gen, out, parts)

    def vector(self, v: Ops, who: Rows, item: Rows) -> Column:
        discharge = who.dates("discharge.date")
        held = [v.date_test(discharge, "on_or_before")]
        if self.since is not None:
            held.append(v.date_test(discharge, "on_or_after", self.since.date.earliest, self.since.date.latest))
        return v.all(*held)

    def vector_status(self, v: Ops, who: Rows, item: Rows, verdicts: Column) -> Column:
        return v.ranked(who, weakest((self.status, None if self.since is None else self.since.status)))

    def explain(self, ctx: Context, verdict: Verdict, parts: Sequence[Verdict]) -> Reason:
        who = ctx.who
        discharge = who.person.discharge
        assert discharge is not None  # noqa: S101 - built only where the person has a discharge
        said = [part(parts[0], _DISCHARGED_BY)]
        if self.since is not None:
            said.append(part(parts[1], _DISCHARGED_SINCE))
        since = None if self.since is None else self.since.date
        phrases = Phrases(f"{who.label}'s discharge", said, ctx.day, since, None, discharge.date)
        return leaf(
            self.code,
            verdict,
            "{0}",
            phrases,
            provision=self.provision,
            status=weakest((self.status, None if self.since is None else self.since.status)),
            missing=(who.path("discharge.date"),),
        )


_GROUNDS: Final = Texts(
    "The grounds of discharge ({0}) are among those required ({1}).",
    "The grounds of discharge ({0}) are not among those required ({1}).",
    "The grounds of discharge are not known; required: {1}.",
)


@dataclass(frozen=True)
class DischargeGrounds_(Leaf):  # noqa: N801 - named apart from the vocabulary it checks
    """The discharge's grounds are among those the route requires."""

    reads = ("discharge.grounds",)
    code: str
    grounds: frozenset[DischargeGrounds]
    provision: str
    status: Status

    def compute(self, gen: Gen, who: str, out: str, item: str | None, parts: Sequence[str]) -> None:
        required = gen.const("GROUNDS", self.grounds)
        grounds = f"{who}.discharge.grounds"
        gen.line(f"{out} = UND if {grounds} is None else YES if {grounds} in {required} else NO")

    def vector(self, v: Ops, who: Rows, item: Rows) -> Column:
        required = v.where(who.isin("discharge.grounds", self.grounds), v.YES, v.NO)
        return v.where(who.missing("discharge.grounds"), v.UND, required)

    def vector_status(self, v: Ops, who: Rows, item: Rows, verdicts: Column) -> Column:
        return v.ranked(who, self.status)

    def explain(self, ctx: Context, verdict: Verdict, parts: Sequence[Verdict]) -> Reason:
        discharge = ctx.who.person.discharge
        assert discharge is not None  # noqa: S101 - built only where the person has a discharge
        return leaf(
            self.code,
            verdict,
            _GROUNDS.pick(verdict),
            discharge.grounds,
            ", ".join(sorted(self.grounds)),
            provision=self.provision,
            status=self.status,
            missing=(ctx.who.path("discharge.grounds"),),
        )


@dataclass(frozen=True)
class Stated(Leaf):
    """A step whose verdict is a yes/no fact of the person, or fixed where an event is absent.

    ``fact`` is an attribute path from the person (``discharge.order_extract``), or ``None`` for a fixed
    ``verdict``; ``date`` instead compares a date of the person with the day (``unfitness_ruling.date``).
    """

    code: str
    texts: Texts
    args: Callable[[Context], tuple[Any, ...]]
    provision: str | None = None
    status: Status | None = None
    pinpoint: str | None = None
    fact: str | None = None
    date: str | None = None
    verdict: Verdict | None = None
    missing: str | None = None

    def read_fields(self) -> tuple[str, ...]:
        return tuple(name for name in (self.fact, self.date) if name is not None)

    def compute(self, gen: Gen, who: str, out: str, item: str | None, parts: Sequence[str]) -> None:
        if self.fact is not None:
            gen.line(f"{out} = {fact_test(f'{who}.{self.fact}')}")
        elif self.date is not None:
            gen.line(f"{out} = {date_test(f'{who}.{self.date}', 'on_or_before', 'D')}")
        else:
            gen.line(f"{out} = {name_of(NO if self.verdict is None else self.verdict)}")

    def vector(self, v: Ops, who: Rows, item: Rows) -> Column:
        if self.fact is not None:
            return v.fact(who, self.fact)
        if self.date is not None:
            return v.date_test(who.dates(self.date), "on_or_before")
        return v.full(who, NO if self.verdict is None else self.verdict)

    def vector_status(self, v: Ops, who: Rows, item: Rows, verdicts: Column) -> Column:
        return v.ranked(who, self.status)

    def explain(self, ctx: Context, verdict: Verdict, parts: Sequence[Verdict]) -> Reason:
        return leaf(
            self.code,
            verdict,
            self.texts.pick(verdict),
            *self.args(ctx),
            provision=self.provision,
            pinpoint=self.pinpoint,
            status=self.status,
            missing=() if self.missing is None else (ctx.who.path(self.missing),),
        )
