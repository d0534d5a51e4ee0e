"""Legal situations as data: the case files under ``tests/cases/``, read, checked and compared with the rulebook.

Each file is named after the instrument its situations are about (``tests/cases/decree-690.yaml``) and holds a
list of cases: a name that reads as a sentence, the day asked about, the reading or readings, the person's record
exactly as the public input takes it, and the expected verdict of each question for each subject, with, where it
matters, the facts that would decide it (``missing``), the legal points it turns on (``unsettled``), the weakest
status relied on and the verdict of named steps of the reasons. Expected values are typed from ``LAW.md``.

The files are read as plain data: a date such as ``2022-09-30`` stays text and ``yes`` and ``no`` stay words
(only ``true`` and ``false`` are booleans) and a key given twice is refused. Each case spells out its whole
record, so that it reads on its own; YAML's anchors still work (``input: &soldier {...}`` in one case,
``input: {<<: *soldier, combat: true}`` in a later one) for a file that prefers them.

A file that does not hold together fails with the file, the case and the key named (:class:`CaseFileError`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainValidator,
    ValidationError,
    field_validator,
)
from yaml.constructor import ConstructorError

import fighterlaw as fl
from fighterlaw.errors import format_path

CASES = Path(__file__).parent / "cases"
DAY = timedelta(days=1)


# --- reading the YAML ---------------------------------------------------------------------------------------


class _Loader(yaml.SafeLoader):
    """YAML with no hidden types: dates stay text, only ``true``/``false`` are booleans, no key twice."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[object] = set()
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = self.construct_object(key_node, deep=True)
            if key in seen:
                raise ConstructorError(None, None, f"found the key {key!r} twice", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


_PLAIN = {"tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool"}
_Loader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag not in _PLAIN]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf"))


# --- the shape of a case file -------------------------------------------------------------------------------


def _a_rule(rule: str) -> str:
    if rule not in fl.RULE_IDS:
        raise ValueError(f"expected a rule id, one of {', '.join(fl.RULE_IDS)}; found {rule!r}")
    return rule


def _a_reading(name: str) -> str:
    if name not in fl.RULEBOOK.names:
        raise ValueError(f"expected a reading, one of {', '.join(fl.RULEBOOK.names)}; found {name!r}")
    return name


def _a_subject(subject: str) -> str:
    if re.fullmatch(r"[a-z]+(?::.+)?", subject) is None:
        raise ValueError(f"expected a subject such as person or offence:o1; found {subject!r}")
    return subject


def _a_sentence(name: str) -> str:
    if not name[:1].isupper() or name != name.strip() or name.endswith("."):
        raise ValueError("expected a sentence that starts with a capital letter, without a full stop at the end")
    return name


def _a_day(value: object) -> date:
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(f"expected a day that exists, as YYYY-MM-DD; found {value!r}")


def _outcome(value: object) -> object:
    """A verdict alone stands for an outcome with nothing else pinned."""
    return {"verdict": value} if isinstance(value, str) else value


def _per_subject(value: object) -> object:
    """An outcome given straight under a rule is the outcome for the person as a whole."""
    if isinstance(value, str) or (isinstance(value, Mapping) and "verdict" in value):
        return {"person": value}
    return value


def _readings(value: object) -> object:
    return [value] if isinstance(value, str) else value


RuleId = Annotated[str, AfterValidator(_a_rule)]
ReadingName = Annotated[str, AfterValidator(_a_reading)]
Subject = Annotated[str, AfterValidator(_a_subject)]


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Outcome(_Strict):
    """What a case expects of one question for one subject."""

    verdict: fl.Verdict
    missing: tuple[str, ...] | None = None
    """The facts that would decide it, in any order; left out: not pinned."""
    unsettled: tuple[str, ...] | None = None
    """The legal points it turns on, in any order; left out: not pinned."""
    status: fl.Status | None = None
    """The weakest status of the sources relied on; left out: not pinned."""
    steps: dict[str, fl.Verdict] = Field(default_factory=dict)
    """The verdict of named steps of the reasons (by reason code), such as which decree grants it."""


class Case(_Strict):
    """One legal situation: a person, a day, a reading or several, and what the law answers."""

    name: Annotated[str, AfterValidator(_a_sentence)]
    as_of: Annotated[date, PlainValidator(_a_day)]
    reading: Annotated[tuple[ReadingName, ...], BeforeValidator(_readings), Field(min_length=1)] = ("enacted",)
    input: fl.Person
    expect: dict[
        RuleId,
        Annotated[dict[Subject, Annotated[Outcome, BeforeValidator(_outcome)]], BeforeValidator(_per_subject)],
    ]

    @field_validator("expect")
    @classmethod
    def _something_expected(cls, value: dict[str, Any]) -> dict[str, Any]:
        if not value:
            raise ValueError("expected at least one rule")
        return value


class CaseFile(_Strict):
    """A file of legal situations about one instrument."""

    cases: tuple[Case, ...]

    @field_validator("cases")
    @classmethod
    def _some_cases(cls, value: tuple[Case, ...]) -> tuple[Case, ...]:
        if not value:
            raise ValueError("expected at least one case")
        return value


# --- loading, with errors that name the place ---------------------------------------------------------------


class CaseFileError(ValueError):
    """A case file that does not hold together: each problem with the file, the case and the key."""


@dataclass(frozen=True)
class Situation:
    """A case as the tests run it: the case and the instrument (the file) it is filed under."""

    instrument: str
    case: Case

    @property
    def where(self) -> str:
        return f"{self.instrument}.yaml: {self.case.name!r}"


def _place(loc: tuple[str | int, ...], data: object) -> str:
    """A pydantic location as 'case 3 ("its name"): expect.foreign-contract'."""
    if len(loc) >= 2 and loc[0] == "cases" and isinstance(loc[1], int):
        case = data.get("cases") if isinstance(data, dict) else None
        entry = case[loc[1]] if isinstance(case, list) and loc[1] < len(case) else None
        name = entry.get("name") if isinstance(entry, dict) else None
        label = f"case {loc[1] + 1}" + (f" ({name!r})" if isinstance(name, str) else "")
        rest = loc[2:]
    else:
        label, rest = "", loc
    key = ".".join(part if isinstance(part, str) else f"[{part}]" for part in rest).replace(".[", "[")
    if rest[:1] == ("input",) and len(rest) > 1:
        key = f"input.{format_path(rest[1:])}"
    return ": ".join(part for part in (label, key) if part)


def parse(text: str, source: str) -> CaseFile:
    """A case file's text, checked; ``source`` names it in errors."""
    try:
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader with fewer implicit types
    except yaml.YAMLError as error:
        raise CaseFileError(f"{source}: not readable YAML: {error}") from None
    if not isinstance(data, dict):
        raise CaseFileError(f"{source}: expected a mapping with a list of cases under 'cases'")
    try:
        return CaseFile.model_validate(data)
    except ValidationError as error:
        problems = [
            f"  {_place(tuple(detail['loc']), data)}: {problem.message.removeprefix('Value error, ')}"
            for detail, problem in zip(
                error.errors(include_url=False), fl.InputError.from_validation_error(error).problems, strict=True
            )
        ]
        count = len(problems)
        raise CaseFileError("\n".join([f"{source}: {count} problem{'s' if count != 1 else ''}", *problems])) from None


def load(folder: Path = CASES) -> tuple[list[Situation], list[str]]:
    """Every situation of every file in ``folder``, and the error of each file that does not hold together.

    A file must be named after an instrument of the rulebook, and no two cases anywhere may share a name.
    """
    situations: list[Situation] = []
    errors: list[str] = []
    instruments = {key for reading in fl.RULEBOOK for key in reading.instruments}
    for path in sorted(folder.glob("*.yaml")):
        source = f"tests/cases/{path.name}"
        if path.stem not in instruments:
            errors.append(f"{source}: expected a file named after an instrument of the rulebook; found {path.stem!r}")
            continue
        try:
            found = parse(path.read_text(encoding="utf-8"), source)
        except CaseFileError as error:
            errors.append(str(error))
            continue
        situations.extend(Situation(path.stem, case) for case in found.cases)
    seen: dict[str, Situation] = {}
    for situation in situations:
        first = seen.setdefault(situation.case.name, situation)
        if first is not situation:
            errors.append(f"{situation.where}: the same name as a case of {first.instrument}.yaml; names are test ids")
    return situations, errors


# --- running one -------------------------------------------------------------------------------------------


def _first_step(found: fl.Result, code: str) -> fl.Reason | None:
    return next((step for step in found.reason.walk() if step.code == code), None)


def disagreements(situation: Situation, reading: str) -> Iterator[str]:
    """Each way the report under ``reading`` differs from what the case expects (none: it holds)."""
    case = situation.case
    report = fl.evaluate(case.input, as_of=case.as_of, reading=reading)
    subjects = {(found.rule, found.subject): found for found in report.results}
    for rule, outcomes in case.expect.items():
        for subject, outcome in outcomes.items():
            key = f"[{reading}] expect.{rule}.{subject}"
            found = subjects.get((rule, subject))
            if found is None:
                known = ", ".join(other for each, other in subjects if each == rule)
                yield f"{key}: no such subject; the report has {known}"
                continue
            if found.verdict is not outcome.verdict:
                yield f"{key}: expected {outcome.verdict.value}, found {found.verdict.value}"
            for field in ("missing", "unsettled"):
                wanted = getattr(outcome, field)
                if wanted is not None and sorted(getattr(found, field)) != sorted(wanted):
                    yield f"{key}.{field}: expected {sorted(wanted)}, found {sorted(getattr(found, field))}"
            if outcome.status is not None and found.status is not outcome.status:
                yield f"{key}.status: expected {outcome.status.value}, found {found.status.value}"
            for code, verdict in outcome.steps.items():
                step = _first_step(found, code)
                if step is None:
                    yield f"{key}.steps.{code}: no such step in the reasons"
                elif step.verdict is not verdict:
                    yield f"{key}.steps.{code}: expected {verdict.value}, found {step.verdict.value}"


# --- what the rulebook asks of the situations ---------------------------------------------------------------


@dataclass(frozen=True, order=True)
class Gap:
    """A day around a legal date with no situation on it, under one reading."""

    reading: str
    day: date
    date_of: str
    """The legal point whose date it surrounds, such as ``decree-690.end``."""
    rules: tuple[str, ...]
    """The rules that read the date (a situation must ask one of them); empty: any rule will do."""

    def __str__(self) -> str:
        asking = f", asking {' or '.join(self.rules)}" if self.rules else ""
        return f"{self.reading} on {self.day} (around {self.date_of}){asking}"


def days_around(legal: fl.LegalDate) -> list[date]:
    """The day before, of and after each bound of a legal date (the first and last day it may have been)."""
    return sorted({bound + shift * DAY for bound in (legal.date.earliest, legal.date.latest) for shift in (-1, 0, 1)})


def gaps(readings: Iterable[fl.Reading], situations: Iterable[Situation]) -> list[Gap]:
    """Every day around every legal date of each reading on which no situation asks a rule that reads it.

    A date that no rule reads (an instrument no question turns on) wants a situation of any rule on those days.
    """
    asked: dict[tuple[str, date], set[str]] = {}
    for situation in situations:
        for name in situation.case.reading:
            asked.setdefault((name, situation.case.as_of), set()).update(situation.case.expect)
    found: set[Gap] = set()
    for reading in readings:
        read_by = {rule: reading.legal_dates(rule) for rule in fl.RULE_IDS}
        for legal in reading.legal_dates():
            rules = tuple(rule for rule, dates in read_by.items() if legal in dates)
            for day in days_around(legal):
                there = asked.get((reading.name, day), set())
                if not there or (rules and not there & set(rules)):
                    found.add(Gap(reading.name, day, legal.of or str(legal.date), rules))
    return sorted(found)


def last_legal_day(readings: Iterable[fl.Reading]) -> date:
    """The last day on which the law of any of the readings may change: after it, only a record's dates move."""
    return max(legal.date.latest for reading in readings for legal in reading.legal_dates())


def touches(situation: Situation, key: str) -> bool:
    """Whether the answers a situation expects rest on the instrument: their reasons cite it, their warnings name
    it, or an in-force step relies on a date it derives."""
    case = situation.case
    for reading in case.reading:
        chosen = fl.RULEBOOK.reading(reading)
        derives = {
            other
            for other, instrument in chosen.instruments.items()
            for legal in (instrument.start, instrument.end)
            if legal is not None and legal.derive == key
        }
        for found in fl.evaluate(case.input, as_of=case.as_of, reading=reading).results:
            if found.subject not in case.expect.get(found.rule, {}):
                continue
            if any(re.search(rf"\b{re.escape(key)}\b", warning) for warning in found.warnings):
                return True
            for step in found.reason.walk():
                if step.provision == key or (step.provision in derives and step.code.endswith("in-force")):
                    return True
    return False
