"""Provision coverage: which instruments and reason codes the example tests exercise, against those the law implies.

*Implied* is derived, never listed by hand, so it cannot drift from the code or the rulebook:

- the instruments the rules refer to are read from each reading's data (every ``instrument``, ``provision``,
  ``treaty`` and ``derive`` reference);
- the reason codes are those the rules themselves build when asked about probe records that leave every fact
  unknown (so that no condition short-cuts the others) or record no events at all, on every day on which a
  reading's law changes (and the days either side), under every reading and under ``all``. A static check holds
  the probes honest: every code suffix written in the rule modules ends some implied code.

*Exercised* is recorded while the test suite runs, from every result the engine builds outside a Hypothesis
search: the example tests and doctests, whose expected values are typed from the law, and which give the same
coverage on every run, whatever the Hypothesis profile.
"""

from __future__ import annotations

import ast
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import currently_in_test_context
from pydantic import BaseModel

import fighterlaw as fl
from fighterlaw import engine
from fighterlaw.report import Result
from fighterlaw.rulebook import LegalDate, Reading
from fighterlaw.strategies import milestone_days

RULE_MODULES = sorted((Path(fl.__file__).parent / "rules").glob("*.py"))
REFERENCES = ("instrument", "provision", "treaty", "derive")
FAR_PAST, FAR_FUTURE = date(2000, 1, 1), date(2035, 12, 31)

RECORDER = pytest.StashKey["Recorder"]()
"""Where the test session keeps its recorder."""
PARTIAL = pytest.StashKey[bool]()
"""Whether the session runs only part of the suite (some modules or tests left out), so coverage says nothing."""


# --- what the rulebook and the rules imply ---------------------------------------------------------------------


def references(data: object) -> Iterator[tuple[str, str]]:
    """Each (kind, key) a part of a reading refers to: ``instrument``, ``provision``, ``treaty`` or ``derive``."""
    if isinstance(data, BaseModel):
        for name in type(data).model_fields:
            value = getattr(data, name)
            if name in REFERENCES and isinstance(value, str):
                yield name, value
            else:
                yield from references(value)
    elif isinstance(data, dict):
        for value in data.values():
            yield from references(value)
    elif isinstance(data, tuple | list):
        for value in data:
            yield from references(value)


def derived_dates(reading: Reading) -> dict[str, str]:
    """For each instrument whose in-force dates some rule derives (the ten-day rule), the instrument deriving them."""
    found: dict[str, str] = {}
    for key, instrument in reading.instruments.items():
        for end in (instrument.start, instrument.end):
            if isinstance(end, LegalDate) and end.derive is not None:
                found[key] = end.derive
    return found


_HOW = {"instrument": "provision", "provision": "provision", "treaty": "treaty", "derive": "derivation"}


def referenced_instruments(readings: Iterable[Reading]) -> dict[str, set[str]]:
    """Every instrument the rules of the readings refer to, with how: as a provision, a treaty or a derivation."""
    found: dict[str, set[str]] = {}
    for reading in readings:
        for kind, key in references(reading.rules):
            found.setdefault(key, set()).add(_HOW[kind])
    return found


def _unknown_person(status: str, *, family: bool) -> dict[str, Any]:
    """A record that has every kind of event and leaves every fact and every date unknown.

    Its family has one member of each relation who records nothing, and one who leaves everything unknown.
    """
    record: dict[str, Any] = {
        "citizenship": status,
        "birth_date": "unknown",
        "contracts": [
            *({"signed": "unknown", "ended": "unknown", "formation": formation.value} for formation in fl.Formation),
            {"signed": "unknown", "term_months": "open"},
        ],
        "discharge": {"date": "unknown"},
        "unfitness_ruling": {"date": "unknown"},
        "offences": [{}],
    }
    if status != "russian":
        record["naturalised"] = "unknown"
    if family:
        members = [{"citizenship": status}, _unknown_person(status, family=False)]
        record["family"] = [
            {"relation": relation.value, "member": member} for relation in fl.Relation for member in members
        ]
    return record


def probes() -> list[fl.Person]:
    """Records that reach every step of every rule: each status, with nothing recorded or everything unknown.

    Every event (a contract of each formation, a discharge, a ruling, a family member, an offence) is either
    absent or present with every fact unknown: an unknown condition short-cuts no other, so every step is built.
    One more record has a single open fact that two branches read, so that a case split decides its verdict
    (a ``case`` step): a stateless soldier naturalised on an unknown day, barred from extradition either way.
    """
    records: list[dict[str, Any]] = [{"citizenship": status.value, "offences": [{}]} for status in fl.Citizenship]
    records += [_unknown_person(status.value, family=True) for status in fl.Citizenship]
    records.append(
        {
            "citizenship": "stateless",
            "naturalised": "unknown",
            "asylum_in_russia": False,
            "contracts": [{"signed": "2025-01-01"}],
        }
    )
    return [fl.Person.model_validate(record) for record in records]


def codes_of(result: Result) -> Iterator[str]:
    for node in result.reason.walk():
        yield node.code


def implied_codes(readings: Iterable[Reading]) -> set[str]:
    """Every reason code the rules build for the probes, on each day the law changes, under each reading and all."""
    chosen = list(readings)
    found: set[str] = set()
    people = probes()
    with Recorder.paused():
        for reading in chosen:
            for day in sorted({FAR_PAST, FAR_FUTURE, *milestone_days(reading)}):
                for person in people:
                    for result in fl.evaluate(person, as_of=day, reading=reading).results:
                        found.update(codes_of(result))
        for person in people:
            for result in fl.evaluate(person, as_of=FAR_FUTURE, reading="all").results:
                found.update(codes_of(result))
    return found


_SUFFIX = re.compile(r"-?([a-z][a-z0-9-]*[a-z0-9])")


def written_suffixes(paths: Iterable[Path] = RULE_MODULES) -> dict[str, str]:
    """Each fixed code part the rule modules write after a key, such as ``in-force`` in f"{key}-in-force".

    Returns the parts with where each is written.
    """
    found: dict[str, str] = {}
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.JoinedStr) or len(node.values) < 2:
                continue
            tail = node.values[-1]
            if isinstance(tail, ast.Constant) and isinstance(tail.value, str):
                match = _SUFFIX.fullmatch(tail.value)
                if match is not None:
                    found[match.group(1)] = f"{path.name}:{node.lineno}"
    return found


def builds(code: str, part: str) -> bool:
    """Whether a code has ``part`` as a whole dash-separated part: ``decree-10-member-routes`` has ``member``."""
    return f"-{code}-".find(f"-{part}-") >= 0


# --- what the tests exercise ------------------------------------------------------------------------------------


@dataclass
class Recorder:
    """The reason codes, cited provisions and warnings of every result built outside a Hypothesis search."""

    codes: Counter[str] = field(default_factory=Counter)
    cited: Counter[str] = field(default_factory=Counter)
    in_force: Counter[str] = field(default_factory=Counter)
    """Instruments cited by an in-force step: their in-force dates were relied on."""
    warnings: list[str] = field(default_factory=list)

    active = True

    @classmethod
    @contextmanager
    def paused(cls) -> Iterator[None]:
        was, cls.active = cls.active, False
        try:
            yield
        finally:
            cls.active = was

    def record(self, results: Iterable[Result]) -> None:
        if not Recorder.active or currently_in_test_context():
            return
        for result in results:
            for node in result.reason.walk():
                self.codes[node.code] += 1
                if node.provision is not None:
                    self.cited[node.provision] += 1
                    if node.code.endswith("in-force"):
                        self.in_force[node.provision] += 1
            self.warnings.extend(result.warnings)

    @contextmanager
    def installed(self) -> Iterator[Recorder]:
        """Record every report the engine builds while inside this block, with its reasons."""
        original = engine.Evaluation.report

        def report(evaluation: engine.Evaluation, person: fl.Person) -> fl.Report:
            built = original(evaluation, person)
            self.record(built.results)
            return built

        engine.Evaluation.report = report  # type: ignore[method-assign,assignment]
        try:
            yield self
        finally:
            engine.Evaluation.report = original  # type: ignore[method-assign]


# --- the comparison ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Coverage:
    """What the law implies, what the tests exercised, and what they left out."""

    implied_codes: frozenset[str]
    exercised_codes: Counter[str]
    instruments: dict[str, set[str]]
    """The instruments the rules refer to, with how."""
    unreferenced: frozenset[str]
    """Instruments of the rulebook that no rule refers to."""
    instrument_uses: dict[str, list[str]]
    """For each referenced instrument, how the tests exercised it (empty: never)."""
    unknown_codes: frozenset[str]
    """Codes the tests exercised that the probes did not reach: the probes are incomplete."""

    @property
    def missing_codes(self) -> list[str]:
        return sorted(self.implied_codes - set(self.exercised_codes))

    @property
    def missing_instruments(self) -> list[str]:
        return sorted(key for key, uses in self.instrument_uses.items() if not uses)

    def report(self) -> str:
        lines = ["Provision coverage of the example tests and doctests (Hypothesis searches are not counted)", ""]
        lines.append(
            f"Instruments: {len(self.instrument_uses) - len(self.missing_instruments)} of the "
            f"{len(self.instrument_uses)} the rules refer to are exercised"
        )
        for key, uses in sorted(self.instrument_uses.items()):
            lines.append(f"  {key:18} {'; '.join(uses) if uses else 'NEVER EXERCISED'}")
        lines.extend(f"  {key:18} referenced by no rule" for key in sorted(self.unreferenced))
        exercised = len(self.implied_codes) - len(self.missing_codes)
        lines += ["", f"Reason codes: {exercised} of the {len(self.implied_codes)} the rules build are exercised"]
        lines.extend(f"  never exercised: {code}" for code in self.missing_codes)
        lines.extend(f"  exercised, but not reached by the probes: {code}" for code in sorted(self.unknown_codes))
        least = sorted(self.exercised_codes.items(), key=lambda item: (item[1], item[0]))[:10]
        lines.append("  least exercised: " + ", ".join(f"{code} ({times})" for code, times in least))
        return "\n".join(lines)


_IMPLIED: dict[int, set[str]] = {}


def coverage(recorder: Recorder, rulebook: fl.Rulebook = fl.RULEBOOK) -> Coverage:
    """Compare what the recorder saw with what the rulebook's readings imply."""
    readings = list(rulebook)
    if id(rulebook) not in _IMPLIED:
        _IMPLIED[id(rulebook)] = implied_codes(readings)
    implied = _IMPLIED[id(rulebook)]
    instruments = referenced_instruments(readings)
    every = {key for reading in readings for key in reading.instruments}
    derivers: dict[str, set[str]] = {}
    for reading in readings:
        for key, deriver in derived_dates(reading).items():
            derivers.setdefault(deriver, set()).add(key)
    uses: dict[str, list[str]] = {}
    for key, kinds in instruments.items():
        found = []
        if "provision" in kinds and recorder.cited[key]:
            found.append(f"cited {recorder.cited[key]} times")
        if "treaty" in kinds:
            warned = sum(1 for warning in recorder.warnings if re.search(rf"\b{re.escape(key)}\b", warning))
            if warned:
                found.append(f"named in {warned} treaty warnings")
        if "derivation" in kinds:
            found.extend(
                f"derives {derived}'s in-force date, relied on {recorder.in_force[derived]} times"
                for derived in sorted(derivers[key])
                if recorder.in_force[derived]
            )
        uses[key] = found
    return Coverage(
        implied_codes=frozenset(implied),
        exercised_codes=recorder.codes,
        instruments=instruments,
        unreferenced=frozenset(every - set(instruments)),
        instrument_uses=uses,
        unknown_codes=frozenset(set(recorder.codes) - implied),
    )
