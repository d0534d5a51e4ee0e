"""The planner: each question's graph, planned once per reading and day, as generated Python.

For a reading and a day, :func:`plan` asks every rule's graph for its form on that day (law-side steps folded,
ages turned into birth-date cut-offs, what they switch off pruned) and writes the source of two functions:

- ``verdicts(p)``: the verdict of every (rule, subject) for the person ``p``, short-circuiting;
- ``trace(p)``: the verdict of every node, in post-order, from which a reason tree is built on demand.

The source is compiled once per shape (days with the same law share it; the day, the cut-offs and the sets of
values are the namespace's constants) and can be printed: ``print(plan(reading, day).source)``.

>>> from datetime import date
>>> from fighterlaw import RULEBOOK
>>> planned = plan(RULEBOOK.reading("enacted"), date(2026, 6, 1), ("stateless-contract",))
>>> print(planned.source.splitlines()[0])
# The verdicts of stateless-contract under the reading 'enacted' on 2026-06-01.
"""

from __future__ import annotations

import importlib
import types
from collections import Counter, OrderedDict
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Final

from fighterlaw import graph
from fighterlaw.facts import Citizenship, Person
from fighterlaw.graph import Context, Gen, Node, Planned, Who
from fighterlaw.logic import NO, UNDETERMINED, YES, Reason, Texts, Verdict, any_of
from fighterlaw.rulebook import Reading

__all__ = ["Finding", "OffenceRoots", "Plan", "RuleGraph", "plan", "register", "rule_graph"]

_PLANS: Final[OrderedDict[tuple[str, date, tuple[str, ...]], Plan]] = OrderedDict()
_WRITTEN: Final[dict[Hashable, tuple[str, types.CodeType, dict[str, Any]]]] = {}
_GRAPHS: Final[dict[tuple[str, str], RuleGraph]] = {}
_BUILDERS: Final[dict[str, Callable[[Reading], RuleGraph]]] = {}
_MOST_PLANS: Final = 4096
_MOST_CODE: Final = 1024


@dataclass(frozen=True, slots=True)
class Finding:
    """A rule's answer for one subject: its reason tree and any warnings."""

    subject: str
    reason: Reason
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class OffenceRoots:
    """The answer for each alleged offence: the person's own steps (shared), then the offence's."""

    texts: Texts
    steps: Sequence[Node]
    """Built once; each reads the offence as its item."""


Warn = Callable[[Reading, date, Who, Reason], tuple[str, ...]]


@dataclass(frozen=True)
class RuleGraph:
    """One question under one reading: the root for the person, and for each offence where it has them."""

    rule: str
    root: graph.All | graph.AnyOf
    offences: OffenceRoots | None = None
    warnings: Warn | None = None
    """Warnings for one subject, from its reason tree (such as a treaty that may oblige otherwise)."""


@dataclass
class _PlannedRule:
    graph: RuleGraph
    root: Planned
    offences: tuple[Planned, ...] = ()

    def __post_init__(self) -> None:
        person = Counter(self.root.fields())
        offence = person + Counter(name for step in self.offences for name in step.fields())
        self.entangled_person = _entangled(person)
        self.entangled_offence = _entangled(offence)


def _entangled(reads: Counter[str]) -> frozenset[str]:
    """The fields compared more than once: where a Kleene verdict may be less sharp than the record allows."""
    return frozenset(name for name, count in reads.items() if count > 1 or name == "*")


@dataclass
class Plan:
    """The rules under one reading on one day, planned: the generated functions and how to read their traces."""

    reading: Reading
    day: date
    rules: tuple[str, ...]
    source: str
    """The generated Python source, for people to read."""
    verdicts: Callable[[Person], list[Verdict]]
    """The verdict of every (rule, subject), in report order: each rule's person, then its offences in order."""
    trace: Callable[[Person], list[Verdict]]
    """The verdict of every node, in post-order."""
    planned: tuple[_PlannedRule, ...] = field(repr=False)

    def subjects(self, person: Person) -> list[tuple[str, str]]:
        """Each (rule, subject) of the report, in order."""
        found: list[tuple[str, str]] = []
        for rule in self.planned:
            found.append((rule.graph.rule, "person"))
            if rule.graph.offences is not None:
                found.extend((rule.graph.rule, f"offence:{subject}") for subject in person.offence_ids)
        return found

    def entangled(self, person: Person) -> list[frozenset[str]]:
        """For each (rule, subject) of the report, in order: the fields its verdict compares more than once.

        A verdict open on facts none of which is among them is as sharp as the record allows (see
        :mod:`fighterlaw.sharpen`).
        """
        found: list[frozenset[str]] = []
        for rule in self.planned:
            found.append(rule.entangled_person)
            if rule.graph.offences is not None:
                found.extend(rule.entangled_offence for _ in person.offences)
        return found

    def findings(
        self, person: Person, *, check: bool = False, assumed: Mapping[str, str] | None = None
    ) -> list[tuple[str, Finding]]:
        """Each (rule, finding) for ``person``, built from its trace.

        With ``check``, each combinator's traced verdict is held to the one its children's reasons give, and the
        trace must be read to its end. ``assumed`` names the facts filled in by assumption (by input path, with
        their values as written), so that the steps that read them say so.
        """
        trace = self.trace(person)
        steps = iter(trace)
        who = Who.applicant(person)
        found: list[tuple[str, Finding]] = []
        for rule in self.planned:
            ctx = Context(self.day, steps, who, check=check, assumed=assumed)
            root = rule.root.reason(ctx)
            found.append((rule.graph.rule, self._finding(rule, "person", who, root)))
            if rule.graph.offences is None:
                continue
            shared = list(root.because)
            for index, (subject, offence) in enumerate(zip(person.offence_ids, person.offences, strict=True)):
                inner = ctx.inside(who, offence, index)
                own = [step.reason(inner) for step in rule.offences]
                texts = rule.graph.offences.texts
                reason = ctx.traced(any_of(rule.graph.rule, texts, [*shared, *own], self.day, subject))
                found.append((rule.graph.rule, self._finding(rule, f"offence:{subject}", who, reason)))
        if check and next(steps, None) is not None:
            msg = f"the trace holds {len(trace)} verdicts; the reasons read fewer"
            raise AssertionError(msg)
        return found

    def _finding(self, rule: _PlannedRule, subject: str, who: Who, reason: Reason) -> Finding:
        warn = rule.graph.warnings
        return Finding(subject, reason, () if warn is None else warn(self.reading, self.day, who, reason))

    def codes(self) -> set[str]:
        """Every reason code the planned rules may build on this day."""
        found: set[str] = set()
        for rule in self.planned:
            found.update(rule.root.codes())
            for step in rule.offences:
                found.update(step.codes())
        return found


def plan(reading: Reading, day: date, rules: Sequence[str]) -> Plan:
    """The rules under ``reading`` on ``day``, planned (once per reading, day and set of rules)."""
    # The plan depends on the law alone, so readings with the same digest share it, whatever their names.
    key = (reading.digest, day, tuple(rules))
    found = _PLANS.get(key)
    if found is not None:
        _PLANS.move_to_end(key)
        return found
    made = _make(reading, day, tuple(rules))
    _PLANS[key] = made
    if len(_PLANS) > _MOST_PLANS:
        _PLANS.popitem(last=False)
    return made


def clear() -> None:
    """Forget every plan and graph (for tests that start cold)."""
    _PLANS.clear()
    _WRITTEN.clear()
    _GRAPHS.clear()


def register(rule: str, build: Callable[[Reading], RuleGraph]) -> None:
    """Say how a rule builds its graph for a reading (each rule module registers its own)."""
    _BUILDERS[rule] = build


def rule_graph(reading: Reading, rule: str) -> RuleGraph:
    """The graph of one rule under a reading, built once per reading."""
    key = (reading.digest, rule)
    found = _GRAPHS.get(key)
    if found is None:
        if rule not in _BUILDERS:
            # The rule modules register their builders when first loaded: on the first plan, not at `import
            # fighterlaw`, which stays quick (the rules import the planner, so it names them by text).
            importlib.import_module("fighterlaw.rules")
        found = _GRAPHS[key] = _BUILDERS[rule](reading)
    return found


def _make(reading: Reading, day: date, rules: tuple[str, ...]) -> Plan:
    planned = []
    for rule in rules:
        built = rule_graph(reading, rule)
        offences = () if built.offences is None else tuple(step.plan(day) for step in built.offences.steps)
        planned.append(_PlannedRule(built, built.root.plan(day), offences))
    # Days on which the law has the same shape share the generated code: only the day and its cut-offs differ.
    shape = (
        reading.digest,
        rules,
        tuple((rule.root.shape(), tuple(s.shape() for s in rule.offences)) for rule in planned),
    )
    written = _WRITTEN.get(shape)
    if written is None:
        if len(_WRITTEN) > _MOST_CODE:
            _WRITTEN.clear()
        written = _WRITTEN[shape] = _write(reading, planned, rules)
    body, code, constants = written
    values = dict(value for rule in planned for node in (rule.root, *rule.offences) for value in node.day_values())
    namespace = {**_RUNTIME, **constants, **values, "D": day}
    exec(code, namespace)  # noqa: S102 - the source is generated here, from the rulebook's graph
    header = [f"# The verdicts of {', '.join(rules)} under the reading {reading.name!r} on {day}."]
    shown = [("D", day), *sorted(values.items()), *constants.items()]
    header.extend(f"# {name} = {_shown(value)}" for name, value in shown)
    return Plan(
        reading=reading,
        day=day,
        rules=rules,
        source="\n".join(header) + "\n\n" + body,
        verdicts=namespace["verdicts"],
        trace=namespace["trace"],
        planned=tuple(planned),
    )


def _write(
    reading: Reading, planned: Sequence[_PlannedRule], rules: tuple[str, ...]
) -> tuple[str, types.CodeType, dict[str, Any]]:
    """The source of the two functions for planned rules, compiled, with the constants it names."""
    constants: dict[str, Any] = {}
    names: dict[tuple[str, int], str] = {}
    verdict_lines = _function("verdicts", planned, Gen(trace=False, constants=constants, names=names))
    trace_lines = _function("trace", planned, Gen(trace=True, constants=constants, names=names))
    body = "\n".join([*verdict_lines, "", "", *trace_lines]) + "\n"
    return body, compile(body, f"<fighterlaw plan {reading.name}: {', '.join(rules)}>", "exec"), constants


def _shown(value: object) -> str:
    if isinstance(value, frozenset | set):
        return "{" + ", ".join(sorted(str(item) for item in value)) + "}"
    return str(value)


def _function(name: str, planned: Sequence[_PlannedRule], gen: Gen) -> list[str]:
    trace = gen.trace
    gen.line("out = []")
    if trace:
        gen.line("T = []")
        gen.line("A = T.append")
    for rule in planned:
        gen.line(f"# --- {rule.graph.rule} ---")
        root = gen.fresh("r")
        rule.root.emit(gen, "p", root)
        gen.line(f"out.append({root})")
        if rule.graph.offences is None:
            continue
        shared = gen.fresh("shared")
        gen.line(f"{shared} = {root}")
        index, offence = gen.fresh("k"), gen.fresh("o")
        gen.line(f"for {index}, {offence} in enumerate(p.offences):")
        with gen.indented():
            verdict = gen.fresh("r")
            # The person's own bars hold for every offence: a yes among them bars the offence too.
            gen.line(f"{verdict} = {shared}")
            for step in rule.offences:
                if not trace:
                    gen.line(f"if {verdict} is not YES:")
                    gen.depth += 1
                own = gen.fresh("v")
                step.emit(gen, "p", own, offence)
                gen.line(f"if {own} is YES:")
                with gen.indented():
                    gen.line(f"{verdict} = YES")
                gen.line(f"elif {own} is UND and {verdict} is NO:")
                with gen.indented():
                    gen.line(f"{verdict} = UND")
                if not trace:
                    gen.depth -= 1
            gen.record(verdict)
            gen.line(f"out.append({verdict})")
    gen.line("return T" if trace else "return out")
    return [f"def {name}(p):", *gen.lines]


_RUNTIME: Final[dict[str, Any]] = {
    "YES": YES,
    "NO": NO,
    "UND": UNDETERMINED,
    "RUSSIAN": Citizenship.RUSSIAN,
    "STATELESS": Citizenship.STATELESS,
}
"""The names every generated function may use, besides the plan's own constants."""


def runtime(name: str, value: Any) -> None:
    """Make a helper available to generated code under ``name`` (the rule modules register their own)."""
    _RUNTIME[name] = value
