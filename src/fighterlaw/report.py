"""Results and reports: verdicts with their reasons, as an indented cited tree for people and as JSON.

>>> from datetime import date
>>> import fighterlaw as fl
>>> person = fl.Person.model_validate({"id": "p-1", "citizenship": "russian"})
>>> report = fl.evaluate(person, as_of=date(2026, 6, 1))
>>> report.verdict("extradition-bar")
<Verdict.YES: 'yes'>
>>> report.result("extradition-bar").status
<Status.CONFIRMED: 'confirmed'>
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date
from typing import Any, Final, Protocol

import orjson

from fighterlaw._version import __version__
from fighterlaw.completions import Narrowing
from fighterlaw.errors import UnknownNameError
from fighterlaw.facts import Person
from fighterlaw.logic import Reason, Status, Verdict
from fighterlaw.rulebook import Instrument, Reading, labelled, point_label

__all__ = ["DISCLAIMER", "Answers", "Report", "Result", "why_text"]

DISCLAIMER: Final = (
    "Not legal advice. fighterlaw encodes public sources that may be incomplete or out of date; "
    "each answer is only as sure as the status it reports."
)

_MARK: Final = {Verdict.YES: "[yes]", Verdict.NO: "[no] ", Verdict.UNDETERMINED: "[?]  "}


def why_text(missing: Sequence[str], unsettled: Sequence[str], assumed: Sequence[str] = ()) -> str:
    """What an answer turns on, in a few words (see :attr:`Result.why`).

    >>> why_text(["combat"], ["decree-10.end"])
    'missing: combat; unsettled: decree-10.end'
    """
    parts = (("missing", missing), ("unsettled", unsettled), ("assumed", assumed))
    return "; ".join(f"{name}: {', '.join(values)}" for name, values in parts if values)


class Result:
    """The answer to one rule for one subject, with the reasons that decided it.

    The verdict is known at once; the reasons (and the status, missing facts, unsettled points and warnings
    that follow from them) are built from the evaluation's trace the first time one of them is read.
    """

    __slots__ = (
        "_missing",
        "_missing_source",
        "_reason",
        "_source",
        "_status",
        "_unsettled",
        "_warnings",
        "readings",
        "rule",
        "subject",
        "verdict",
    )

    rule: str
    """The rule id, such as ``extradition-bar``."""
    subject: str
    """``person``, or ``offence:<id>`` for one alleged offence."""
    verdict: Verdict
    readings: Mapping[str, Verdict] | None
    """With ``reading="all"``: the verdict under each reading."""

    def __init__(
        self,
        rule: str,
        subject: str,
        verdict: Verdict,
        reason: Reason | None = None,
        status: Status | None = None,
        missing: tuple[str, ...] | None = None,
        unsettled: tuple[str, ...] | None = None,
        warnings: tuple[str, ...] = (),
        readings: Mapping[str, Verdict] | None = None,
        *,
        source: Callable[[], tuple[Reason, tuple[str, ...]]] | None = None,
        missing_source: Callable[[], tuple[str, ...]] | None = None,
    ) -> None:
        """A result given field by field, or (``source``) one whose reasons are built when first read.

        Fields not given (``status``, ``missing``, ``unsettled``) follow from the reason tree; ``missing_source``,
        where given, works out an undetermined verdict's missing facts instead, when first read.
        """
        if reason is None and source is None:
            msg = "a result needs its reason, or a source that builds it"
            raise TypeError(msg)
        self.rule = rule
        self.subject = subject
        self.verdict = verdict
        self.readings = readings
        self._source = source
        self._reason = reason
        self._warnings = warnings
        self._status = status
        self._missing = missing
        self._missing_source = missing_source
        self._unsettled = unsettled

    @classmethod
    def of(
        cls,
        rule: str,
        subject: str,
        reason: Reason,
        warnings: tuple[str, ...] = (),
        readings: Mapping[str, Verdict] | None = None,
    ) -> Result:
        """The result a reason tree decides: its verdict, status, missing facts and unsettled points."""
        return cls(rule, subject, reason.verdict, reason, warnings=warnings, readings=readings)

    def _load(self) -> Reason:
        reason = self._reason
        if reason is None:
            assert self._source is not None  # noqa: S101 - a result without its reason has its source
            reason, self._warnings = self._source()
            self._reason = reason
            self._source = None
        return reason

    @property
    def reason(self) -> Reason:
        """The root of the reason tree: the rule's own step, whose ``because`` are the reasons."""
        return self._load()

    @property
    def because(self) -> tuple[Reason, ...]:
        """The reasons for the verdict: the top of the reason tree."""
        return self._load().because

    @property
    def status(self) -> Status:
        """The weakest source status the verdict relies on."""
        status = self._status
        if status is None:
            status = self._status = self._load().reliance() or Status.CONFIRMED
        return status

    @property
    def missing(self) -> tuple[str, ...]:
        """For an undetermined verdict: the input paths whose values would decide it."""
        missing = self._missing
        if missing is None:
            if self.verdict is not Verdict.UNDETERMINED:
                missing = ()
            elif self._missing_source is not None:
                missing = self._missing_source()
            else:
                missing = self._load().open_facts()
            self._missing = missing
        return missing

    @property
    def unsettled(self) -> tuple[str, ...]:
        """For an undetermined verdict: the unsettled legal points (uncertain dates, open questions) it turns on."""
        unsettled = self._unsettled
        if unsettled is None:
            undetermined = self.verdict is Verdict.UNDETERMINED
            unsettled = self._unsettled = self._load().open_points() if undetermined else ()
        return unsettled

    @property
    def assumed(self) -> tuple[str, ...]:
        """The assumed facts (input paths) the verdict rests on: empty unless its status is ``assumed``."""
        return self._load().assumed_facts() if self.status is Status.ASSUMED else ()

    @property
    def why(self) -> str:
        """In a few words, what the answer turns on, for a spreadsheet's cell.

        The facts that would decide an open answer (``missing``), the unsettled legal points it turns on
        (``unsettled``) and the assumptions it rests on (``assumed``); empty for an answer that rests on none.

        >>> import fighterlaw as fl
        >>> from datetime import date
        >>> veteran = fl.Person.model_validate({"citizenship": "foreign", "asylum_in_russia": False,
        ...                                     "contracts": [{"signed": "2023-01-01", "ended": "2024-01-01"}]})
        >>> fl.evaluate(veteran, as_of=date(2026, 6, 1)).result("extradition-bar").why
        'missing: combat'
        >>> fl.evaluate(veteran, as_of=date(2026, 6, 1), assume={"combat": True}).result("extradition-bar").why
        'assumed: combat'
        """
        return why_text(self.missing, self.unsettled, self.assumed)

    @property
    def warnings(self) -> tuple[str, ...]:
        """What to bear in mind about the answer (a treaty that may oblige otherwise, a term that ran out)."""
        self._load()
        return self._warnings

    def __repr__(self) -> str:
        return f"Result({self.rule!r}, {self.subject!r}, {self.verdict.value})"

    def to_dict(self) -> dict[str, Any]:
        """The result as a JSON-ready dict, in the documented shape."""
        return self.document(fresh=True)

    def document(self, *, fresh: bool = False) -> dict[str, Any]:
        """The result as a JSON-ready dict; unless ``fresh``, steps shared by many answers share their dicts.

        A document not ``fresh`` is for writing out at once: changing it would change other answers' too.
        """
        because = [reason.to_dict() if fresh else reason.document() for reason in self.because]
        data: dict[str, Any] = {
            "rule": self.rule,
            "subject": self.subject,
            "verdict": self.verdict.value,
            "status": self.status.value,
            "because": because,
            "missing": list(self.missing),
            "unsettled": list(self.unsettled),
            "warnings": list(self.warnings),
        }
        if self.readings is not None:
            data["readings"] = {name: verdict.value for name, verdict in self.readings.items()}
        return data


class Answers(Protocol):
    """Where a report's results come from when they are built on demand (see :class:`Report`)."""

    def results(self) -> tuple[Result, ...]:
        """Every result, in report order."""
        ...

    def verdict(self, rule: str, subject: str) -> Verdict | None:
        """The verdict for a rule and subject, without building results (``None``: no such result)."""
        ...


class Report:
    """Every result for one person on one day under one reading.

    A report built by the evaluation holds the record and its verdicts; its results, and their reasons, are
    built when first read.
    """

    __slots__ = (
        "_answers",
        "_results",
        "as_of",
        "assumptions",
        "input",
        "narrowings",
        "person",
        "reading",
        "rulebook",
        "rulebook_hash",
        "version",
    )

    person: str | None
    """The person's ``id``, if the record has one."""
    as_of: date
    reading: str
    """The reading's name, or ``all``."""
    rulebook: Mapping[str, Reading]
    """The readings used, for citing instruments in explanations."""
    version: str
    """The version of fighterlaw that answered."""
    rulebook_hash: str
    """The digest of the law used (:attr:`Reading.digest`); with ``all``, the digest of every reading's, in
    order, with their names (the SHA-256 of the canonical JSON of ``[[name, digest], ...]``)."""
    input: Person | None
    """The record that was evaluated, for :meth:`to_dict` with ``include_input`` and for replaying."""
    assumptions: Mapping[str, Any]
    """The assumptions the answers used: each fact assumed (``asylum_in_russia``) with its value."""
    narrowings: tuple[Narrowing, ...]
    """The record's imprecise dates that its own facts narrowed before the rules read them, with why."""

    def __init__(
        self,
        person: str | None,
        as_of: date,
        reading: str,
        results: Iterable[Result] | Answers = (),
        rulebook: Mapping[str, Reading] | None = None,
        version: str = __version__,
        rulebook_hash: str = "",
        input: Person | None = None,  # noqa: A002 - the documented name of the field
        assumptions: Mapping[str, Any] | None = None,
        narrowings: Iterable[Narrowing] = (),
    ) -> None:
        self.person = person
        self.narrowings = tuple(narrowings)
        self.as_of = as_of
        self.reading = reading
        self.rulebook = {} if rulebook is None else rulebook
        self.version = version
        self.rulebook_hash = rulebook_hash
        self.input = input
        self.assumptions = {} if assumptions is None else assumptions
        if isinstance(results, Iterable):
            self._results: tuple[Result, ...] | None = tuple(results)
            self._answers: Answers | None = None
        else:
            self._results = None
            self._answers = results

    def __repr__(self) -> str:
        return f"Report(person={self.person!r}, as_of={self.as_of}, reading={self.reading!r})"

    @property
    def results(self) -> tuple[Result, ...]:
        """One result per (rule, subject), in rule order, offences in input order."""
        results = self._results
        if results is None:
            assert self._answers is not None  # noqa: S101 - a report has its results or where they come from
            results = self._results = self._answers.results()
        return results

    def result(self, rule: str, subject: str = "person") -> Result:
        """The result for ``rule`` and ``subject``.

        Raises:
            UnknownNameError: the report has no such rule or subject; the message lists the valid ones.
        """
        for result in self.results:
            if result.rule == rule and result.subject == subject:
                return result
        rules = dict.fromkeys(result.rule for result in self.results)
        if rule not in rules:
            raise UnknownNameError("rule", rule, rules)
        subjects = [result.subject for result in self.results if result.rule == rule]
        raise UnknownNameError(f"subject of {rule}", subject, subjects)

    def verdict(self, rule: str, subject: str = "person") -> Verdict:
        """The verdict for ``rule`` and ``subject`` (``person`` unless given)."""
        answers = self._answers
        if answers is not None and self._results is None:
            found = answers.verdict(rule, subject)
            if found is not None:
                return found
        return self.result(rule, subject).verdict

    def __iter__(self) -> Iterator[Result]:
        return iter(self.results)

    def to_dict(self, *, include_input: bool = False) -> dict[str, Any]:
        """The report as a JSON-ready dict: ``person``, ``as_of``, ``reading`` and ``results``.

        ``version`` and ``rulebook_hash`` follow, saying which fighterlaw and which law answered. With
        ``include_input``, ``input`` holds the record itself (the fields it gave), so that the answer can be
        replayed later (:func:`fighterlaw.replay`); it is left out by default, as it can be large.

        Raises:
            ValueError: ``include_input`` was asked of a report that does not hold its record.
        """
        return self.document(include_input=include_input, fresh=True)

    def document(self, *, include_input: bool = False, fresh: bool = False) -> dict[str, Any]:
        """The report as :meth:`to_dict` gives it; unless ``fresh``, for writing out at once.

        See :meth:`Result.document`: a document that is not ``fresh`` shares the dicts of steps many answers share.

        Raises:
            ValueError: ``include_input`` was asked of a report that does not hold its record.
        """
        data: dict[str, Any] = {
            "person": self.person,
            "as_of": self.as_of.isoformat(),
            "reading": self.reading,
            "results": [result.document(fresh=fresh) for result in self.results],
            "version": self.version,
            "rulebook_hash": self.rulebook_hash,
            "assumptions": dict(self.assumptions),
            "narrowed": [
                {
                    "path": found.path,
                    "given": found.given.to_json(),
                    "from": found.narrowed.earliest.isoformat(),
                    "to": found.narrowed.latest.isoformat(),
                    "because": found.because,
                }
                for found in self.narrowings
            ],
            "points": self.points(),
        }
        if include_input:
            if self.input is None:
                msg = "this report does not hold the record it answered, so it cannot include it"
                raise ValueError(msg)
            data["input"] = self.input.model_dump(mode="json", exclude_unset=True)
        return data

    def to_json(self, *, indent: int | None = None, include_input: bool = False) -> str:
        """The report as JSON text (see :meth:`to_dict`): compact on one line, or indented by ``indent`` spaces."""
        document = self.document(include_input=include_input)
        if indent is not None:
            return json.dumps(document, ensure_ascii=False, indent=indent)
        return orjson.dumps(document).decode()

    def explain(self) -> str:
        """The reasons for every verdict, as an indented tree that cites the provision of each step."""
        who = self.person or "(no id)"
        lines = [
            f"{who} on {self.as_of.isoformat()}, reading: {self.reading}",
            f"fighterlaw {self.version}, rulebook {self.rulebook_hash or '(not recorded)'}",
        ]
        if self.assumptions:
            stated = ", ".join(f"{fact} = {json.dumps(value)}" for fact, value in self.assumptions.items())
            lines.append(f"assuming, where the record does not say: {stated}")
        if self.narrowings:
            lines.append(f"narrowed by the record itself: {'; '.join(str(found) for found in self.narrowings)}")
        lines.append("")
        cited: dict[str, None] = {}
        for result in self.results:
            lines.append(f"{result.rule} [{result.subject}]: {result.verdict.value} (status: {result.status.value})")
            if result.readings is not None:
                per = ", ".join(f"{name} {verdict.value}" for name, verdict in result.readings.items())
                lines.append(f"  readings: {per}")
            _tree(result.reason, 1, lines, cited)
            if result.missing:
                lines.append(f"  would be decided by: {', '.join(result.missing)}")
            if result.unsettled:
                points = (self._point(point) for point in result.unsettled)
                lines.append(f"  turns on unsettled points: {', '.join(points)}")
            lines.extend(f"  warning: {warning}" for warning in result.warnings)
            lines.append("")
        lines.extend(self._sources(cited))
        lines.append(DISCLAIMER)
        return "\n".join(lines)

    def points(self) -> dict[str, str]:
        """Each unsettled legal point the answers turn on, with its name for people (the key where it has none).

        >>> import fighterlaw as fl
        >>> from datetime import date
        >>> soldier = fl.Person.model_validate({"citizenship": "stateless", "contracts": [{"signed": "2024-03-01"}]})
        >>> fl.evaluate(soldier, as_of=date(2026, 1, 1)).points()
        {'decree-10.end': 'Decree No. 10 no longer in force'}
        """
        readings = list(self.rulebook.values())
        found = dict.fromkeys(point for result in self.results for point in result.unsettled)
        return {point: point_label(readings, point) for point in found}

    def _point(self, point: str) -> str:
        """An unsettled point with its name for people: ``decree-10.end (Decree No. 10 no longer in force)``."""
        return labelled(point, point_label(self.rulebook.values(), point))

    def _sources(self, cited: Mapping[str, None]) -> list[str]:
        found = self.instruments(cited)
        if not found:
            return []
        lines = ["Sources:"]
        for instrument in found:
            lines.append(f"  {instrument.key}: {instrument.citation} [{instrument.status.value}]")
            lines.append(f"    {'; '.join(instrument.sources)}")
        lines.append("")
        return lines

    def instruments(self, keys: Iterable[str]) -> list[Instrument]:
        """The instruments of the readings used with these keys, in order (keys no reading has are left out)."""
        readings = list(self.rulebook.values())
        found = (next((r.instruments[key] for r in readings if key in r.instruments), None) for key in keys)
        return [instrument for instrument in found if instrument is not None]


def _tree(reason: Reason, depth: int, lines: list[str], cited: dict[str, None]) -> None:
    if reason.combinator == "case":
        # One case of a split reads as "if <condition>", with the answer in that case beneath it.
        condition, answer = reason.because
        _line(condition, depth, lines, cited, "case: ")
        _tree(answer, depth + 1, lines, cited)
        return
    _line(reason, depth, lines, cited)
    for child in reason.because:
        _tree(child, depth + 1, lines, cited)


def _line(reason: Reason, depth: int, lines: list[str], cited: dict[str, None], lead: str = "") -> None:
    citation = ""
    if reason.provision is not None:
        cited.setdefault(reason.provision)
        where = reason.provision if reason.pinpoint is None else f"{reason.provision}, {reason.pinpoint}"
        status = "" if reason.status is None else f"; {reason.status.value}"
        citation = f"  ({where}{status})"
    lines.append(f"{'  ' * depth}{_MARK[reason.verdict]} {lead}{reason.text}{citation}")
