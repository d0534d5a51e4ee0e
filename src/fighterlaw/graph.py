"""The rule graph: each question described once, as nodes, from which verdicts, traces and reasons all come.

A rule module describes its question as a tree of nodes for one reading: combinators (:class:`All`, :class:`AnyOf`,
:class:`OverTime` for a value that changed over time), law-side leaves that depend only on the reading and the day
(:class:`LawStep`: is a provision in force, is a route open) and fact-side leaves that read the record (a
:class:`Leaf` subclass per kind of fact: a status, an age, a contract's dates). Loops over contracts and family
links (:class:`Each`) and optional events (:class:`Present`) are nodes too.

The planner (:mod:`fighterlaw.planner`) asks every node for its form on one day (:meth:`Node.plan`): law-side
leaves fold into constant steps, ages into birth-date cut-offs, and what a constant switches off is pruned. The
planned tree then writes Python source for two functions: a short-circuit verdict function, and a trace function
that records one verdict per node (and per part of a leaf) in post-order. The reason tree of a record is built from
its trace by the same nodes (:meth:`Node.reason`), only when someone reads it. So the verdict, the trace and the
explanation cannot drift apart: they are three readings of one description. The same planned nodes also decide
whole tables at once, over columns, with the statuses and what holds an answer open (:meth:`Planned.vector`,
:meth:`Planned.statused`, :meth:`Planned.vector_open`; see :mod:`fighterlaw.vector`).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar, Final, TypeAlias

from fighterlaw.facts import Person
from fighterlaw.logic import NO, UNDETERMINED, YES, Reason, Status, Texts, Verdict, all_of, any_of, branch, cases

__all__ = [
    "All",
    "AnyOf",
    "Context",
    "Each",
    "Gen",
    "LawStep",
    "Leaf",
    "Node",
    "OverTime",
    "Planned",
    "Present",
    "Who",
    "name_of",
]

_INDENT: Final = "    "

Ops: TypeAlias = Any
"""The operations over columns of :class:`fighterlaw.vector.Ops` (numpy is loaded only where tables are asked for)."""
Rows: TypeAlias = Any
"""The columns of one part of many records: :class:`fighterlaw.vector.Rows`."""
Column: TypeAlias = Any
"""One verdict code per row: a numpy array."""


# --- who a step is about ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Who:
    """The person whose facts a step reads, how their input paths begin, and how sentences name them."""

    person: Person
    prefix: str
    label: str

    @classmethod
    def applicant(cls, person: Person) -> Who:
        """The person the record is about."""
        return cls(person, "", "The person")

    def path(self, name: str) -> str:
        """The input path of one of this person's fields."""
        return self.prefix + name

    @property
    def named(self) -> str:
        """The label inside a sentence: ``the person``."""
        return self.label[:1].lower() + self.label[1:]


# --- generating source -------------------------------------------------------------------------------------------


class Gen:
    """Python source being written: indented lines, fresh local names and the plan's named constants.

    In ``trace`` mode every node appends its verdict (and its parts') to the trace ``T``; otherwise the code
    short-circuits: an *and* stops at its first ``no``, an *or* at its first ``yes``.
    """

    def __init__(self, *, trace: bool, constants: dict[str, Any], names: dict[tuple[str, int], str]) -> None:
        self.trace = trace
        self.lines: list[str] = []
        self.depth = 1
        self.constants = constants
        self._names: dict[str, int] = {}
        self._values = names

    def line(self, text: str) -> None:
        """Write one line at the current depth."""
        self.lines.append(_INDENT * self.depth + text)

    def fresh(self, stem: str) -> str:
        """A local name not used before in this function."""
        count = self._names.get(stem, 0)
        self._names[stem] = count + 1
        return f"{stem}{count}"

    def const(self, stem: str, value: Any) -> str:
        """The name of a constant of the plan (a cut-off date, a set of values), placed in the namespace."""
        key = (stem, id(value))
        name = self._values.get(key)
        if name is None:
            index = sum(1 for existing in self.constants if existing.startswith(stem + "_"))
            name = f"{stem}_{index}"
            self.constants[name] = value
            self._values[key] = name
        return name

    def indented(self) -> _Block:
        """A block one level deeper (``with gen.indented(): ...``)."""
        return _Block(self)

    def record(self, name: str) -> None:
        """In trace mode, append a verdict to the trace."""
        if self.trace:
            self.line(f"A({name})")


class _Block:
    def __init__(self, gen: Gen) -> None:
        self.gen = gen

    def __enter__(self) -> None:
        self.gen.depth += 1

    def __exit__(self, *_: object) -> None:
        self.gen.depth -= 1


# --- reading a trace back ----------------------------------------------------------------------------------------


@dataclass(slots=True)
class Context:
    """What building a reason tree from a trace needs: the day, the verdicts in order, and whose facts are read."""

    day: date
    trace: Iterator[Verdict]
    who: Who
    item: Any = None
    """The loop's current item (a contract, a family link, an offence), where a node reads one."""
    index: int = 0
    check: bool = False
    """Whether to hold each combinator's traced verdict to the one its children's reasons give."""
    assumed: Mapping[str, str] | None = None
    """The facts the user assumed, by input path, with their values as written: the steps that read them say so."""

    def next(self) -> Verdict:
        """The next verdict of the trace."""
        return next(self.trace)

    def inside(self, who: Who | None = None, item: Any = None, index: int = 0) -> Context:
        """The same trace, read for another person or loop item."""
        return Context(self.day, self.trace, who or self.who, item, index, self.check, self.assumed)

    def traced(self, reason: Reason) -> Reason:
        """A combinator's reason, after reading its own verdict from the trace (and checking it, if asked)."""
        verdict = self.next()
        if self.check and verdict is not reason.verdict:
            msg = f"step {reason.code!r}: the trace says {verdict.value}, its reasons say {reason.verdict.value}"
            raise AssertionError(msg)
        return reason


# --- nodes ---------------------------------------------------------------------------------------------------------


class Node:
    """One step of a rule, for one reading: what it decides, and how to plan, compute and explain it."""

    def plan(self, day: date) -> Planned:
        """This node's form on ``day``: law-side steps folded, ages turned into cut-offs."""
        raise NotImplementedError


class Planned:
    """A node as planned for one day: it writes its code, and builds its reasons from a trace."""

    constant: Reason | None = None
    """For a step the day alone decides: its reason, the same for every record."""

    def emit(self, gen: Gen, who: str, out: str, item: str | None = None) -> None:
        """Write code that puts this node's verdict into ``out``, reading the person ``who``."""
        raise NotImplementedError

    def reason(self, ctx: Context) -> Reason:
        """This node's reason for one record, from the trace (read in post-order)."""
        raise NotImplementedError

    def vector(self, v: Ops, who: Rows, item: Rows) -> Column:
        """This node's verdict for every row of ``who`` (and of ``item``, the loop's rows, aligned with it) at once.

        The same decision as the code :meth:`emit` writes, over columns (see :mod:`fighterlaw.vector`).
        """
        raise NotImplementedError

    def vector_open(self, v: Ops, who: Rows, item: Rows, reached: Column, opens: Any) -> None:
        """The open facts and legal points this node's reason names, for the rows ``reached``, in order.

        ``reached`` are the rows where the node is undetermined and its reasons are read for what holds it open
        (:meth:`fighterlaw.logic.Reason.open_facts`). They go to ``opens`` (:class:`fighterlaw.vector.Opens`); a
        node that cannot say them over columns (a fact-side leaf, by default) marks those rows to be answered one
        by one.
        """
        opens.unsupported(reached)

    def statused(self, v: Ops, who: Rows, item: Rows) -> tuple[Column, Column]:
        """This node's verdict and reliance for every row: the rank of the weakest source status it relies on.

        The reliance :meth:`reason` would give each row's reason (``-1``: it relies on none), worked out by the
        same rule as :func:`fighterlaw.logic.all_of` and the other combinators.
        """
        raise NotImplementedError

    def codes(self) -> Iterator[str]:
        """Every reason code this node and those beneath it may build."""
        raise NotImplementedError

    def shape(self) -> Hashable:
        """What this node's generated code depends on besides the day's constants: days with one shape share code."""
        raise NotImplementedError

    def inner(self) -> Iterator[Planned]:
        """The planned nodes directly beneath this one."""
        return iter(())

    def day_values(self) -> Iterator[tuple[str, Any]]:
        """The constants of the day this node's code reads (an age limit's birth-date cut-off), by name."""
        for node in self.inner():
            yield from node.day_values()

    def fields(self, prefix: str = "") -> Iterator[str]:
        """The record's fields each leaf beneath reads, once per comparison, without list indices.

        ``contracts.signed``, ``family.member.naturalised``: a field named twice may leave a Kleene verdict less
        sharp than the record allows (see :mod:`fighterlaw.sharpen`); ``*`` stands for any field.
        """
        for node in self.inner():
            yield from node.fields(prefix)


# - constants: law-side steps and their fixed reasons -


@dataclass(frozen=True, slots=True)
class LawStep(Node):
    """A step that depends only on the reading and the day (is a provision in force, is a route open)."""

    decide: Callable[[date], Reason]

    def plan(self, day: date) -> Planned:
        """A constant step: the day decides it for every record."""
        return Fixed(self.decide(day))


class Fixed(Planned):
    """A step whose reason the day alone decides: a constant in the generated code."""

    def __init__(self, reason: Reason) -> None:
        self.constant = reason.share()

    def emit(self, gen: Gen, who: str, out: str, item: str | None = None) -> None:
        assert self.constant is not None  # noqa: S101 - set in __init__
        constant = self.constant
        cited = "" if constant.provision is None else f" ({constant.provision})"
        gen.line(f"{out} = {_VERDICT_NAMES[constant.verdict]}  # decided by the law of the day: {constant.code}{cited}")

    def reason(self, ctx: Context) -> Reason:
        assert self.constant is not None  # noqa: S101 - set in __init__
        return self.constant

    def vector(self, v: Ops, who: Rows, item: Rows) -> Column:
        assert self.constant is not None  # noqa: S101 - set in __init__
        return v.full(who, self.constant.verdict)

    def statused(self, v: Ops, who: Rows, item: Rows) -> tuple[Column, Column]:
        assert self.constant is not None  # noqa: S101 - set in __init__
        return v.full(who, self.constant.verdict), v.ranked(who, self.constant.reliance())

    def vector_open(self, v: Ops, who: Rows, item: Rows, reached: Column, opens: Any) -> None:
        assert self.constant is not None  # noqa: S101 - set in __init__
        opens.add(reached, self.constant)

    def codes(self) -> Iterator[str]:
        assert self.constant is not None  # noqa: S101 - set in __init__
        for node in self.constant.walk():
            yield node.code

    def shape(self) -> Hashable:
        assert self.constant is not None  # noqa: S101 - set in __init__
        return self.constant.verdict


_VERDICT_NAMES: Final = {YES: "YES", NO: "NO", UNDETERMINED: "UND"}


def name_of(verdict: Verdict) -> str:
    """How generated code names a verdict: ``YES``, ``NO`` or ``UND``."""
    return _VERDICT_NAMES[verdict]


# - fact-side leaves -


class Leaf(Node, Planned):
    """A step decided by the record's facts.

    A subclass writes its verdict's code (:meth:`compute`), may record parts of it (``parts``: the verdicts it
    puts into the trace before its own), and says its reason (:meth:`explain`). A leaf that reads the day's
    law (an age limit as a cut-off) does that in :meth:`planned`.
    """

    parts: ClassVar[tuple[str, ...]] = ()
    """What the leaf records before its own verdict, in order (a contract signed in time, not ended, ...)."""
    reads: ClassVar[tuple[str, ...]] = ("*",)
    """The record's fields the leaf compares, once per comparison (``*``: any, where a leaf does not say)."""
    code: str

    def plan(self, day: date) -> Planned:
        """The leaf on the day (see :meth:`planned`)."""
        return self.planned(day)

    def planned(self, day: date) -> Leaf:
        """This leaf on ``day`` (leaves that read no law are the same every day)."""
        return self

    def compute(self, gen: Gen, who: str, out: str, item: str | None, parts: Sequence[str]) -> None:
        """Write code that puts the verdict into ``out`` (and each part's into ``parts``)."""
        raise NotImplementedError

    def explain(self, ctx: Context, verdict: Verdict, parts: Sequence[Verdict]) -> Reason:
        """The reason this leaf gives, for its verdict and its parts' verdicts."""
        raise NotImplementedError

    def vector(self, v: Ops, who: Rows, item: Rows) -> Column:
        """The leaf's verdict over columns: the comparisons :meth:`compute` writes, made with ``v``'s operations."""
        raise NotImplementedError

    def vector_status(self, v: Ops, who: Rows, item: Rows, verdicts: Column) -> Column:
        """The rank of the status the leaf's reason gives each row, with its verdict (as :meth:`explain` says it)."""
        raise NotImplementedError

    def statused(self, v: Ops, who: Rows, item: Rows) -> tuple[Column, Column]:
        """The leaf's verdicts, and the status its reason gives each (:meth:`vector_status`)."""
        verdicts = self.vector(v, who, item)
        return verdicts, self.vector_status(v, who, item, verdicts)

    def width(self) -> int:
        """How many parts this leaf records before its own verdict."""
        return len(self.parts)

    def emit(self, gen: Gen, who: str, out: str, item: str | None = None) -> None:
        """Write the parts, then the verdict, and record them in trace mode."""
        part_names = [gen.fresh("p") for _ in range(self.width())]
        self.compute(gen, who, out, item, part_names)
        for name in part_names:
            gen.record(name)
        gen.record(out)

    def reason(self, ctx: Context) -> Reason:
        """Read the parts and the verdict from the trace, and say the reason (and any assumption it rests on)."""
        parts = [ctx.next() for _ in range(self.width())]
        reason = self.explain(ctx, ctx.next(), parts)
        assumed = ctx.assumed
        if assumed:
            used = {path: assumed[path] for path in reason.reads if path in assumed}
            if used:
                return reason.assuming(used)
        return reason

    def codes(self) -> Iterator[str]:
        """The leaf's own code."""
        yield self.code

    def fields(self, prefix: str = "") -> Iterator[str]:
        """The fields the leaf reads (:attr:`reads`)."""
        return (name if name == "*" else prefix + name for name in self.read_fields())

    def read_fields(self) -> tuple[str, ...]:
        """The fields this leaf compares: its class's :attr:`reads` unless it depends on the leaf."""
        return self.reads

    def shape(self) -> Hashable:
        """A leaf's code is the same every day (an age limit's cut-off is a constant of the day)."""
        return ()


# - combinators -


@dataclass(frozen=True, slots=True)
class Child:
    """A child of a combinator, present only if the siblings ``after`` name (by position) are not ``no``.

    The law's "and only then": a grant's conditions on the applicant are checked only while it is in force.
    """

    node: Node
    after: tuple[int, ...] = ()


@dataclass(frozen=True)
class _Combinator(Node):
    code: str
    texts: Texts
    children: Sequence[Node | Child]
    args: Callable[[Context], tuple[Any, ...]] = lambda ctx: ()
    provision: str | None = None
    pinpoint: str | None = None
    status: Status | None = None

    deciding: ClassVar[Verdict]
    otherwise: ClassVar[Verdict]

    def plan(self, day: date) -> Planned:
        planned: list[_PlannedChild] = []
        for child in self.children:
            node, after = (child.node, child.after) if isinstance(child, Child) else (child, ())
            # A child that waits on a sibling the day already decides as "no" is never built.
            if any(_is_fixed(planned[i].node, NO) for i in after if planned[i].node is not None):
                planned.append(_PlannedChild(None, after))
                continue
            planned.append(_PlannedChild(node.plan(day), after))
        return PlannedCombinator(self, tuple(planned))


def _is_fixed(node: Planned | None, verdict: Verdict) -> bool:
    return node is not None and node.constant is not None and node.constant.verdict is verdict


@dataclass(frozen=True, slots=True)
class _PlannedChild:
    node: Planned | None
    after: tuple[int, ...]


class All(_Combinator):
    """``yes`` if every child is ``yes``, ``no`` if any is ``no``, else ``undetermined`` (Kleene *and*)."""

    deciding = NO
    otherwise = YES


class AnyOf(_Combinator):
    """``yes`` if any child is ``yes``, ``no`` if every child is ``no``, else ``undetermined`` (Kleene *or*)."""

    deciding = YES
    otherwise = NO


class PlannedCombinator(Planned):
    """An *and* or an *or* on one day."""

    def __init__(self, node: _Combinator, children: tuple[_PlannedChild, ...]) -> None:
        self.node = node
        self.children = children
        plain = all(not child.after and not isinstance(child.node, Splice) for child in children)
        self._simple = tuple(child.node for child in children if child.node is not None) if plain else None

    def emit(self, gen: Gen, who: str, out: str, item: str | None = None) -> None:
        node = self.node
        deciding, otherwise = _VERDICT_NAMES[node.deciding], _VERDICT_NAMES[node.otherwise]
        gen.line(f"{out} = {otherwise}  # {'all' if node.deciding is NO else 'any'}: {node.code}")
        names: list[str | None] = []
        for child in self.children:
            if child.node is None:
                names.append(None)
                continue
            name = gen.fresh("v")
            names.append(name)
            conditions = [f"{names[i]} is not NO" for i in child.after if names[i] is not None]
            if not gen.trace:
                conditions.insert(0, f"{out} is not {deciding}")
            guard = " and ".join(conditions)
            if guard:
                gen.line(f"if {guard}:")
                with gen.indented():
                    self._child(gen, child.node, who, out, name, item)
            else:
                self._child(gen, child.node, who, out, name, item)
        gen.record(out)

    def _child(self, gen: Gen, child: Planned, who: str, out: str, name: str, item: str | None) -> None:
        deciding = _VERDICT_NAMES[self.node.deciding]
        if isinstance(child, Splice):
            child.emit_each(gen, who, out, deciding, item)
            return
        child.emit(gen, who, name, item)
        _fold_into(gen, out, name, deciding)

    def vector(self, v: Ops, who: Rows, item: Rows) -> Column:
        node = self.node
        fold = v.all if node.deciding is NO else v.any
        neutral = v.code(node.otherwise)
        out = v.full(who, node.otherwise)
        values: list[Column | None] = []
        for child in self.children:
            if child.node is None:
                values.append(None)
                continue
            if isinstance(child.node, Splice):
                found = child.node.vector_each(v, who, item, node.deciding)
            else:
                found = child.node.vector(v, who, item)
            values.append(found)
            shown = _shown(v, values, child.after)
            if shown is not None:  # a child that waits on a sibling's "no" counts for nothing where it has one
                found = v.where(shown, found, neutral)
            out = fold(out, found)
        return out

    def statused(self, v: Ops, who: Rows, item: Rows) -> tuple[Column, Column]:
        verdicts, fold = self.folded(v, who, item)
        return verdicts, fold.reliance(v.rank(self.node.status))

    def vector_open(self, v: Ops, who: Rows, item: Rows, reached: Column, opens: Any) -> None:
        # An undetermined *and* or *or* rests on its undetermined children, in order (Reason.decisive).
        undetermined = v.code(UNDETERMINED)
        values: list[Column | None] = []
        for child in self.children:
            if child.node is None:
                values.append(None)
                continue
            shown = _shown(v, values, child.after)
            if isinstance(child.node, Splice):
                found = child.node.vector_each(v, who, item, self.node.deciding)
                open_here = reached & (found == undetermined)
                child.node.vector_open_each(v, who, item, open_here if shown is None else open_here & shown, opens)
            else:
                found = child.node.vector(v, who, item)
                open_here = reached & (found == undetermined)
                child.node.vector_open(v, who, item, open_here if shown is None else open_here & shown, opens)
            values.append(found)

    def folded(self, v: Ops, who: Rows, item: Rows) -> tuple[Column, Any]:
        """The verdict, and the fold of the children's verdicts and reliances (:class:`fighterlaw.vector.Fold`)."""
        node = self.node
        combine = v.all if node.deciding is NO else v.any
        neutral = v.code(node.otherwise)
        out = v.full(who, node.otherwise)
        fold = v.fold(who, node.deciding)
        values: list[Column | None] = []
        for child in self.children:
            if child.node is None:
                values.append(None)
                continue
            shown = _shown(v, values, child.after)  # where a child waits on a sibling's "no", it is left out
            if isinstance(child.node, Splice):
                found = child.node.statused_each(v, who, item, fold, shown)
            else:
                found, relied = child.node.statused(v, who, item)
                fold.add(found, relied, shown)
            values.append(found)
            out = combine(out, found if shown is None else v.where(shown, found, neutral))
        return out, fold

    def reason(self, ctx: Context) -> Reason:
        node = self.node
        simple = self._simple
        # Without guards or loops, each child in turn.
        children = [child.reason(ctx) for child in simple] if simple is not None else self._guarded(ctx)
        combine = all_of if node.deciding is NO else any_of
        return ctx.traced(
            combine(
                node.code,
                node.texts,
                children,
                *node.args(ctx),
                provision=node.provision,
                pinpoint=node.pinpoint,
                status=node.status,
            )
        )

    def _guarded(self, ctx: Context) -> list[Reason]:
        at: list[Reason | None] = []  # each child's reason by its position, for the guards that name it
        children: list[Reason] = []
        for child in self.children:
            shown = child.node
            if shown is None or not all(_not_no(at[i]) for i in child.after):
                at.append(None)
                continue
            if isinstance(shown, Splice):
                at.append(None)
                children.extend(shown.reasons(ctx))
            else:
                built = shown.reason(ctx)
                at.append(built)
                children.append(built)
        return children

    def codes(self) -> Iterator[str]:
        yield self.node.code
        for child in self.children:
            if child.node is not None:
                yield from child.node.codes()

    def shape(self) -> Hashable:
        return tuple(None if child.node is None else child.node.shape() for child in self.children)

    def inner(self) -> Iterator[Planned]:
        return (child.node for child in self.children if child.node is not None)


def _shown(v: Ops, values: Sequence[Column | None], after: tuple[int, ...]) -> Column | None:
    """Over columns, where a child that waits on siblings (by position) is there: where none of them is ``no``.

    ``None`` for a child that waits on none.
    """
    guards = [values[i] for i in after if values[i] is not None]
    return v.all(*guards) != v.code(NO) if guards else None


def _not_no(reason: Reason | None) -> bool:
    return reason is not None and reason.verdict is not NO


def _fold_into(gen: Gen, out: str, name: str, deciding: str) -> None:
    """Fold a child's verdict into its combinator's (Kleene): the deciding answer wins, unknown spreads."""
    gen.line(f"if {name} is {deciding}:")
    with gen.indented():
        gen.line(f"{out} = {deciding}")
    gen.line(f"elif {name} is UND and {out} is not {deciding}:")
    with gen.indented():
        gen.line(f"{out} = UND")


# - loops and optional events -


class Splice(Planned):
    """A node that stands for several children of its parent: one per contract, family link or offence."""

    def emit_each(self, gen: Gen, who: str, out: str, deciding: str, item: str | None) -> None:
        """Write the loop, folding each item's verdict into ``out``."""
        raise NotImplementedError

    def reasons(self, ctx: Context) -> list[Reason]:
        """The reason of each item, in order."""
        raise NotImplementedError

    def vector_each(self, v: Ops, who: Rows, item: Rows, deciding: Verdict) -> Column:
        """Each row's items decided and folded (Kleene's *and* where ``deciding`` is no, else *or*)."""
        raise NotImplementedError

    def statused_each(self, v: Ops, who: Rows, item: Rows, fold: Any, shown: Column | None) -> Column:
        """Each row's items decided and folded, their verdicts and reliances added to the parent's ``fold``."""
        raise NotImplementedError

    def vector_open_each(self, v: Ops, who: Rows, item: Rows, reached: Column, opens: Any) -> None:
        """For the rows ``reached``, what their undetermined items name, item by item (see :meth:`vector_open`)."""
        opens.unsupported(reached)


@dataclass(frozen=True)
class Each(Node):
    """One child per item of a list of the person's: ``contracts`` or ``family``.

    ``item`` builds the child's node once; ``who`` says, for a family link, whose facts the child reads.
    """

    over: str
    item: Node
    member: Callable[[Who, int, Any], Who] | None = None
    """For ``family``: the member the child is about, as the sentences name them."""

    def plan(self, day: date) -> Planned:
        """The loop, with its item planned for the day."""
        return _PlannedEach(self, self.item.plan(day))


class _PlannedEach(Splice):
    def __init__(self, node: Each, item: Planned) -> None:
        self.node = node
        self.item = item

    def emit_each(self, gen: Gen, who: str, out: str, deciding: str, item: str | None) -> None:
        index, element, name = gen.fresh("i"), gen.fresh("x"), gen.fresh("v")
        gen.line(f"for {index}, {element} in enumerate({who}.{self.node.over}):")
        with gen.indented():
            inner = f"{element}.member" if self.node.member is not None else who
            if self.node.member is not None:
                member = gen.fresh("m")
                gen.line(f"{member} = {inner}")
                inner = member
            self.item.emit(gen, inner, name, element)
            _fold_into(gen, out, name, deciding)
            if not gen.trace:
                gen.line(f"if {out} is {deciding}:")
                with gen.indented():
                    gen.line("break")

    def vector_each(self, v: Ops, who: Rows, item: Rows, deciding: Verdict) -> Column:
        child = who.children[self.node.over]
        verdicts = self.item.vector(v, self._who(who, child), child.rows)
        return v.reduce(child, who.n, verdicts, deciding)

    def statused_each(self, v: Ops, who: Rows, item: Rows, fold: Any, shown: Column | None) -> Column:
        child = who.children[self.node.over]
        verdicts, relied = self.item.statused(v, self._who(who, child), child.rows)
        fold.add_items(child, verdicts, relied, shown)
        return v.reduce(child, who.n, verdicts, fold.deciding)

    def vector_open_each(self, v: Ops, who: Rows, item: Rows, reached: Column, opens: Any) -> None:
        child = who.children[self.node.over]
        inner = self._who(who, child)
        verdicts = self.item.vector(v, inner, child.rows)
        items = opens.items(child)
        self.item.vector_open(v, inner, child.rows, reached[child.owner] & (verdicts == v.code(UNDETERMINED)), items)
        items.close()

    def _who(self, who: Rows, child: Any) -> Rows:
        """Whose rows the item's steps read: a family link's member, one per link; else the owner, per item."""
        if self.node.member is not None:
            return child.rows.children["member"].rows
        return who.take(child.owner)

    def reasons(self, ctx: Context) -> list[Reason]:
        found: list[Reason] = []
        for index, element in enumerate(getattr(ctx.who.person, self.node.over)):
            member = self.node.member
            who = ctx.who if member is None else member(ctx.who, index, element)
            found.append(self.item.reason(ctx.inside(who, element, index)))
        return found

    def codes(self) -> Iterator[str]:
        return self.item.codes()

    def fields(self, prefix: str = "") -> Iterator[str]:
        # A family link's steps read the member's fields; a contract's, the contract's own (named in full).
        return self.item.fields(prefix + "family.member." if self.node.member is not None else prefix)

    def shape(self) -> Hashable:
        return self.item.shape()

    def inner(self) -> Iterator[Planned]:
        yield self.item


@dataclass(frozen=True)
class Present(Node):
    """One node when the person has an event (a discharge, a commission decision), another when they have none."""

    event: str
    absent: Node
    present: Node

    def plan(self, day: date) -> Planned:
        """Both forms, planned for the day."""
        return _PlannedPresent(self.event, self.absent.plan(day), self.present.plan(day))


class _PlannedPresent(Planned):
    def __init__(self, event: str, absent: Planned, present: Planned) -> None:
        self.event = event
        self.absent = absent
        self.present = present

    def emit(self, gen: Gen, who: str, out: str, item: str | None = None) -> None:
        gen.line(f"if {who}.{self.event} is None:")
        with gen.indented():
            self.absent.emit(gen, who, out, item)
        gen.line("else:")
        with gen.indented():
            self.present.emit(gen, who, out, item)

    def vector(self, v: Ops, who: Rows, item: Rows) -> Column:
        present = self.present.vector(v, who, item)
        return v.where(who.given(self.event), present, self.absent.vector(v, who, item))

    def vector_open(self, v: Ops, who: Rows, item: Rows, reached: Column, opens: Any) -> None:
        given = who.given(self.event)
        self.present.vector_open(v, who, item, reached & given, opens)
        self.absent.vector_open(v, who, item, reached & ~given, opens)

    def statused(self, v: Ops, who: Rows, item: Rows) -> tuple[Column, Column]:
        given = who.given(self.event)
        (present, relied), (absent, otherwise) = self.present.statused(v, who, item), self.absent.statused(v, who, item)
        return v.where(given, present, absent), v.where(given, relied, otherwise)

    def reason(self, ctx: Context) -> Reason:
        if getattr(ctx.who.person, self.event) is None:
            return self.absent.reason(ctx)
        return self.present.reason(ctx)

    def codes(self) -> Iterator[str]:
        yield from self.absent.codes()
        yield from self.present.codes()

    def shape(self) -> Hashable:
        return (self.absent.shape(), self.present.shape())

    def inner(self) -> Iterator[Planned]:
        yield self.absent
        yield self.present


# - a value that changed over time -


@dataclass(frozen=True)
class OverTime(Node):
    """A step under the value of a parameter in effect on the day.

    ``cases`` pairs each value with the law-side step that says whether it applies on a day (``None`` where the
    parameter has a single value) and the node built for it. Where the value changed on a day known only to lie
    in an interval, each value that may apply is a case; the answer is known if every such case gives it.
    """

    code: str
    texts: Texts
    what: str
    values: Sequence[tuple[Callable[[date], Reason | None] | None, Node]]

    def plan(self, day: date) -> Planned:
        """The single value's step, or a case for each value that may apply on the day."""
        if len(self.values) == 1:
            return self.values[0][1].plan(day)
        branches: list[tuple[Reason, Planned]] = []
        chosen: list[int] = []
        for index, (applies, node) in enumerate(self.values):
            assert applies is not None  # noqa: S101 - every value of several says when it applies
            when = applies(day)
            if when is not None:
                branches.append((when, node.plan(day)))
                chosen.append(index)
        return _PlannedCases(self, day, tuple(branches), tuple(chosen))


class _PlannedCases(Planned):
    def __init__(
        self, node: OverTime, day: date, branches: tuple[tuple[Reason, Planned], ...], chosen: tuple[int, ...]
    ) -> None:
        self.node = node
        self.day = day
        self.branches = branches
        self.chosen = chosen
        """Which of the parameter's values may apply on the day, by position."""

    def emit(self, gen: Gen, who: str, out: str, item: str | None = None) -> None:
        gen.line(f"{out} = None  # cases: {self.node.code}")
        for when, planned in self.branches:
            name = gen.fresh("v")
            planned.emit(gen, who, name, item)
            gen.line(f"{out} = {name} if {out} is None or {out} is {name} else UND  # case: {when.provision}")
        gen.record(out)

    def vector(self, v: Ops, who: Rows, item: Rows) -> Column:
        out: Column | None = None
        for _, planned in self.branches:
            found = planned.vector(v, who, item)
            out = found if out is None else v.where(out == found, out, v.code(UNDETERMINED))
        return out

    def vector_open(self, v: Ops, who: Rows, item: Rows, reached: Column, opens: Any) -> None:
        # An undetermined case split rests on every case that may apply: its condition, then its answer.
        undetermined = v.code(UNDETERMINED)
        for when, planned in self.branches:
            if when.verdict is NO:
                continue
            opens.add(reached, when)
            planned.vector_open(v, who, item, reached & (planned.vector(v, who, item) == undetermined), opens)

    def statused(self, v: Ops, who: Rows, item: Rows) -> tuple[Column, Column]:
        out: Column | None = None
        relied = v.ranked(who, None)
        for when, planned in self.branches:
            found, rel = planned.statused(v, who, item)
            out = found if out is None else v.where(out == found, out, v.code(UNDETERMINED))
            if when.verdict is not NO:  # a case that cannot apply is not relied on (logic.cases)
                relied = v.weakest(relied, rel, v.ranked(who, when.reliance()))
        return out, relied

    def reason(self, ctx: Context) -> Reason:
        built = [branch(when, planned.reason(ctx)) for when, planned in self.branches]
        what = self.node.what
        return ctx.traced(cases(self.node.code, self.node.texts, built, what, self.day, what[:1].lower() + what[1:]))

    def codes(self) -> Iterator[str]:
        yield self.node.code
        for when, planned in self.branches:
            yield when.code
            yield from planned.codes()

    def shape(self) -> Hashable:
        return tuple((index, planned.shape()) for index, (_, planned) in zip(self.chosen, self.branches, strict=True))

    def inner(self) -> Iterator[Planned]:
        return (planned for _, planned in self.branches)
