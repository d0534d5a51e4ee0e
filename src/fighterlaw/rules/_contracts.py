"""Fact-side steps about contracts and service: serving on a day, served before it, a contract that meets a route.

A contract is in force from its signing day up to the day before it ends; a discharge ends the contracts signed on
or before it, so a contract signed after a discharge is new service. Each step here is a leaf for one contract
(the loop over a person's contracts is an :class:`~fighterlaw.graph.Each`); the verdicts of its parts go into the
trace, so the sentence and the facts that would decide it come from the same comparisons as the verdict.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Final

from fighterlaw import planner
from fighterlaw.dates import UncertainDate
from fighterlaw.facts import Contract, Formation, Person
from fighterlaw.graph import AnyOf, Column, Context, Each, Gen, Leaf, Ops, Rows, Who
from fighterlaw.logic import NO, UNDETERMINED, YES, Reason, Status, Texts, Verdict, leaf
from fighterlaw.rulebook._model import Settlement
from fighterlaw.rules._people import date_test

__all__ = [
    "IN_FORCE_PARTS",
    "SERVED",
    "SERVING",
    "ContractLabel",
    "Phrases",
    "ServingContract",
    "SignedBefore",
    "active_between",
    "active_between_vector",
    "active_on",
    "active_on_vector",
    "and_code",
    "formation_open",
    "open_paths",
    "served_graph",
    "settled",
    "term_at_least",
    "term_warnings",
]

_SETTLED: Final = {"yes": YES, "no": NO, "unsettled": UNDETERMINED}
_FORMATIONS: Final = {
    Formation.ARMED_FORCES: "the armed forces",
    Formation.OTHER_FORMATION: "another military formation",
    Formation.VOLUNTEER_FORMATION: "a volunteer formation",
}


def settled(formations: dict[Formation, Settlement]) -> dict[Formation, Verdict]:
    """Whether service with each formation counts, as verdicts (``unsettled``: undetermined)."""
    return {formation: _SETTLED[value] for formation, value in formations.items()}


# --- the comparisons, once (the generated code calls these) ----------------------------------------------------------


def active_on(
    person: Person, contract: Contract, day: UncertainDate | date
) -> tuple[Verdict, Verdict, Verdict, Verdict]:
    """Whether a contract was in force on ``day``: (signed by then, ended, cut by a discharge, in force).

    A discharge ends the contracts signed on or before it; a later contract is a new period of service.
    """
    signed = contract.signed.on_or_before(day)
    ended = NO if contract.ended is None else contract.ended.on_or_before(day)
    discharge = person.discharge
    cut = NO
    if discharge is not None:
        cut = discharge.date.on_or_before(day) & discharge.date.on_or_after(contract.signed)
    return signed, ended, cut, signed & ~ended & ~cut


def active_between(
    person: Person, contract: Contract, start: UncertainDate, end: date
) -> tuple[Verdict, Verdict, Verdict, Verdict]:
    """Whether a contract was in force on some day from ``start`` to ``end``, both included.

    The contract is in force from its signing, included, until it ends or a later discharge cuts it, excluded;
    that interval must reach into the window. A contract that ended (or was cut) on the day it was signed was
    never in force. Returns (signed in time, ended too early, cut too early, in force).
    """
    signed = contract.signed.on_or_before(end) & start.on_or_before(end)
    ended = NO
    if contract.ended is not None:
        ended = contract.ended.on_or_before(start) | contract.ended.on_or_before(contract.signed)
    discharge = person.discharge
    cut = NO
    if discharge is not None:
        cuts = discharge.date.on_or_after(contract.signed)
        cut = cuts & (discharge.date.on_or_before(start) | discharge.date.on_or_before(contract.signed))
    return signed, ended, cut, signed & ~ended & ~cut


def active_on_vector(v: Ops, who: Rows, contracts: Rows, day: UncertainDate | None = None) -> Column:
    """:func:`active_on` over columns (each contract's row with its owner's): whether it was in force on ``day``.

    ``day`` ``None`` is the day asked about.
    """
    signed = contracts.dates("signed")
    ended = v.where(contracts.given("ended"), v.date_test(contracts.dates("ended"), "on_or_before", day), v.NO)
    discharge = who.dates("discharge.date")
    since = v.date_test(discharge, "on_or_after", signed)
    cut = v.where(who.given("discharge"), v.all(v.date_test(discharge, "on_or_before", day), since), v.NO)
    return v.all(v.date_test(signed, "on_or_before", day), v.negated(ended), v.negated(cut))


def active_between_vector(v: Ops, who: Rows, contracts: Rows, start: UncertainDate) -> Column:
    """:func:`active_between` over columns, from ``start`` to the day asked about."""
    signed = contracts.dates("signed")
    opened = v.full(contracts, start.on_or_before(v.as_of))
    in_time = v.all(v.date_test(signed, "on_or_before"), opened)
    end = contracts.dates("ended")
    too_early = v.any(v.date_test(end, "on_or_before", start), v.date_test(end, "on_or_before", signed))
    ended = v.where(contracts.given("ended"), too_early, v.NO)
    discharge = who.dates("discharge.date")
    early = v.any(v.date_test(discharge, "on_or_before", start), v.date_test(discharge, "on_or_before", signed))
    cuts = v.all(v.date_test(discharge, "on_or_after", signed), early)
    cut = v.where(who.given("discharge"), cuts, v.NO)
    return v.all(in_time, v.negated(ended), v.negated(cut))


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


planner.runtime("active_on", active_on)
planner.runtime("active_between", active_between)
planner.runtime("term_at_least", term_at_least)


IN_FORCE_PARTS: Final = ("signed in time", "ended too early", "cut by a discharge", "in force")
"""The parts of whether a contract was in force, as :func:`active_on` and :func:`active_between` give them."""


def open_paths(who: Who, index: int, signed: Verdict, ended: Verdict, cut: Verdict) -> tuple[str, ...]:
    """The input paths that would decide whether contract ``index`` was in force."""
    base = f"{who.prefix}contracts[{index}]"
    missing = [f"{base}.signed"] if UNDETERMINED in (signed, cut) else []
    if ended is UNDETERMINED:
        missing.append(f"{base}.ended")
    if cut is UNDETERMINED:
        missing.append(who.path("discharge.date"))
    return tuple(missing)


# --- how sentences name a contract -----------------------------------------------------------------------------------


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


def part(verdict: Verdict, said: tuple[str, str, str]) -> Part:
    """A part of a sentence with its verdict."""
    return (verdict, *said)


# --- serving on the day, served before it ---------------------------------------------------------------------------

_FORMATION_NOTE: Final = {
    YES: "",
    NO: "; service with this formation does not count",
    UNDETERMINED: "; whether service with this formation counts is unsettled",
}
SERVING_CONTRACT: Final = Texts(
    "{0}: in force on {1}{2}.",
    "{0}: not in force on {1}{2}.",
    "{0}: whether it was in force on {1} is not known{2}.",
)
SERVING: Final = Texts(
    "{0} serves under contract on {1}.",
    "{0} does not serve under contract on {1}.",
    "Whether {2} serves under contract on {1} is undetermined.",
)
SERVED: Final = Texts(
    "{0} served under contract before {1}.",
    "{0} did not serve under contract before {1}.",
    "Whether {2} served under contract before {1} is undetermined.",
)
SIGNED_BEFORE: Final = Texts(
    "{0}: signed before {1}{2}.",
    "{0}: not signed before {1}{2}.",
    "{0}: whether it was signed before {1} is not known{2}.",
)


def _counts_code(gen: Gen, formations: dict[Formation, Verdict], item: str, out: str) -> None:
    table = gen.const("COUNTS", formations)
    gen.line(f"{out} = {table}[{item}.formation]")


def and_code(gen: Gen, out: str, names: Sequence[str]) -> None:
    """``out`` = the Kleene *and* of ``names``."""
    if len(names) == 1:
        gen.line(f"{out} = {names[0]}")
        return
    listed = ", ".join(names)
    gen.line(f"{out} = NO if NO in ({listed}) else YES if ({listed}) == ({', '.join('YES' for _ in names)}) else UND")


@dataclass(frozen=True)
class ServingContract(Leaf):
    """One contract in force on the day, with a formation whose service counts."""

    code: str
    provision: str
    status: Status
    formations: dict[Formation, Verdict]
    where: str
    """The legal point an unsettled formation is named under: ``item-7.formation.volunteer_formation``."""

    parts = (*IN_FORCE_PARTS, "formation counts")
    # In force: signed by the day, not ended by it, not cut by a discharge since the signing.
    reads = ("contracts.signed", "contracts.signed", "contracts.ended", "discharge.date", "discharge.date")

    def compute(self, gen: Gen, who: str, out: str, item: str | None, parts: Sequence[str]) -> None:
        signed, ended, cut, active, counts = parts
        gen.line(f"{signed}, {ended}, {cut}, {active} = active_on({who}, {item}, D)")
        _counts_code(gen, self.formations, str(item), counts)
        and_code(gen, out, (active, counts))

    def vector(self, v: Ops, who: Rows, item: Rows) -> Column:
        return v.all(active_on_vector(v, who, item), v.lookup(item, "formation", self.formations))

    def vector_status(self, v: Ops, who: Rows, item: Rows, verdicts: Column) -> Column:
        return v.ranked(who, self.status)

    def vector_open(self, v: Ops, who: Rows, item: Rows, reached: Column, opens: Any) -> None:
        formation_open(self, v, item, active_on_vector(v, who, item), reached, opens)

    def explain(self, ctx: Context, verdict: Verdict, parts: Sequence[Verdict]) -> Reason:
        signed, ended, cut, active, counts = parts
        return _contract_leaf(self, ctx, verdict, SERVING_CONTRACT, active, counts, (signed, ended, cut))


@dataclass(frozen=True)
class SignedBefore(Leaf):
    """One contract signed before the day, with a formation whose service counts."""

    code: str
    provision: str
    status: Status
    formations: dict[Formation, Verdict]
    where: str

    parts = ("signed before the day", "formation counts")
    reads = ("contracts.signed",)

    def compute(self, gen: Gen, who: str, out: str, item: str | None, parts: Sequence[str]) -> None:
        signed, counts = parts
        gen.line(f"{signed} = {date_test(f'{item}.signed', 'before', 'D')}")
        _counts_code(gen, self.formations, str(item), counts)
        and_code(gen, out, (signed, counts))

    def vector(self, v: Ops, who: Rows, item: Rows) -> Column:
        signed = v.date_test(item.dates("signed"), "before")
        return v.all(signed, v.lookup(item, "formation", self.formations))

    def vector_status(self, v: Ops, who: Rows, item: Rows, verdicts: Column) -> Column:
        return v.ranked(who, self.status)

    def vector_open(self, v: Ops, who: Rows, item: Rows, reached: Column, opens: Any) -> None:
        formation_open(self, v, item, v.date_test(item.dates("signed"), "before"), reached, opens)

    def explain(self, ctx: Context, verdict: Verdict, parts: Sequence[Verdict]) -> Reason:
        signed, counts = parts
        return _contract_leaf(self, ctx, verdict, SIGNED_BEFORE, signed, counts, None)


def formation_open(
    step: ServingContract | SignedBefore, v: Ops, item: Rows, holds: Column, reached: Column, opens: Any
) -> None:
    """What an undetermined contract step names, over columns: the formation's unsettled point.

    As :func:`_contract_leaf` says it. Where the contract's own dates leave the step open, its rows go one by one.
    """
    undetermined = v.code(UNDETERMINED)
    opens.unsupported(reached & (holds == undetermined))
    for formation, counts in step.formations.items():
        if counts is UNDETERMINED:
            point = f"{step.where}.formation.{formation}"
            opens.said(reached & item.is_("formation", formation), (), (point,))


def served_graph(key: str, provision: str, status: Status, formations: dict[Formation, Settlement]) -> AnyOf:
    """Whether the person served under contract before the day: some contract signed before it, in a formation.

    ``formations`` is the bar's settlement of each formation; an unsettled one is named under ``key``.
    """
    each = SignedBefore(f"{key}-served-contract", provision, status, settled(formations), key)
    return AnyOf(
        f"{key}-served",
        SERVED,
        [Each("contracts", each)],
        args=lambda ctx: (ctx.who.label, ctx.day, ctx.who.named),
        provision=provision,
        status=status,
    )


def _contract_leaf(
    step: ServingContract | SignedBefore,
    ctx: Context,
    verdict: Verdict,
    texts: Texts,
    holds: Verdict,
    counts: Verdict,
    active: tuple[Verdict, Verdict, Verdict] | None,
) -> Reason:
    who, index = ctx.who, ctx.index
    missing: tuple[str, ...] = ()
    if holds is UNDETERMINED:
        missing = (f"{who.prefix}contracts[{index}].signed",) if active is None else open_paths(who, index, *active)
    unsettled = (f"{step.where}.formation.{ctx.item.formation}",) if counts is UNDETERMINED else ()
    return leaf(
        step.code,
        verdict,
        texts.pick(holds),
        ContractLabel(who, index),
        ctx.day,
        _FORMATION_NOTE[counts] if holds is not NO else "",
        provision=step.provision,
        status=step.status,
        missing=missing,
        unsettled=unsettled,
    )


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
