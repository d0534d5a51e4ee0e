"""Reproducible answers: replay a saved report and say whether the answer is still the same.

Every report records the fighterlaw version and the digest of the law it used (``version`` and
``rulebook_hash``); saved with ``to_json(include_input=True)`` it also holds the record it answered. :func:`replay`
evaluates that record again, on the same day, under the same reading and rules, and reports which verdicts
changed, which answers changed in their details only (status, reasons, missing facts, warnings), and whether
the version or the law differ.

>>> from datetime import date
>>> import fighterlaw as fl
>>> person = fl.Person.model_validate({"id": "p-1", "citizenship": "foreign", "contracts": [{"signed": "2024-05"}]})
>>> saved = fl.evaluate(person, as_of=date(2026, 6, 1)).to_json(include_input=True)
>>> outcome = fl.replay(saved)
>>> outcome.same, outcome.changes, outcome.rulebook_changed
(True, (), False)
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from fighterlaw.engine import RULE_IDS, evaluate, read_record
from fighterlaw.errors import FighterlawError, InputError
from fighterlaw.logic import Verdict
from fighterlaw.report import Report
from fighterlaw.rulebook import RULEBOOK, Reading, Rulebook

__all__ = ["Replay", "ReplayError", "VerdictChange", "replay"]


class ReplayError(FighterlawError):
    """A saved report that cannot be replayed: not a report, or saved without the record it answered."""


@dataclass(frozen=True, slots=True)
class VerdictChange:
    """A verdict that is not what the saved report says (``None``: the rule or subject is new, or gone)."""

    rule: str
    subject: str
    was: Verdict | None
    now: Verdict | None

    def __str__(self) -> str:
        was = "absent" if self.was is None else self.was.value
        now = "absent" if self.now is None else self.now.value
        return f"{self.rule} [{self.subject}]: {was} -> {now}"


@dataclass(frozen=True, slots=True)
class Replay:
    """The outcome of replaying a saved report."""

    report: Report
    """The answer now."""
    changes: tuple[VerdictChange, ...]
    """The verdicts that changed, in the saved report's order (new subjects last)."""
    details: tuple[tuple[str, str], ...]
    """The (rule, subject) whose verdict is the same but whose answer differs: status, reasons, missing facts,
    unsettled points or warnings."""
    version_was: str | None
    """The version that saved the report (``None``: not recorded)."""
    hash_was: str | None
    """The digest of the law the saved report used (``None``: not recorded)."""

    @property
    def same(self) -> bool:
        """Whether every verdict is the same as the saved report's."""
        return not self.changes

    @property
    def identical(self) -> bool:
        """Whether every answer is the same down to its reasons and warnings."""
        return self.same and not self.details

    @property
    def version_changed(self) -> bool:
        """Whether another fighterlaw version answers now (or the saved one is not known)."""
        return self.version_was != self.report.version

    @property
    def rulebook_changed(self) -> bool:
        """Whether the law used now differs from the saved report's (or the saved one is not known)."""
        return self.hash_was != self.report.rulebook_hash

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: whether the answer is the same, what changed, and the versions and digests."""
        return {
            "person": self.report.person,
            "as_of": self.report.as_of.isoformat(),
            "reading": self.report.reading,
            "same": self.same,
            "identical": self.identical,
            "changes": [
                {
                    "rule": change.rule,
                    "subject": change.subject,
                    "was": None if change.was is None else change.was.value,
                    "now": None if change.now is None else change.now.value,
                }
                for change in self.changes
            ],
            "details": [{"rule": rule, "subject": subject} for rule, subject in self.details],
            "version": {"was": self.version_was, "now": self.report.version},
            "rulebook_hash": {"was": self.hash_was, "now": self.report.rulebook_hash},
        }

    def __str__(self) -> str:
        report = self.report
        who = report.person or "(no id)"
        head = f"{who} on {report.as_of}, reading {report.reading}: "
        if self.identical:
            lines = [head + "the same answer."]
        elif self.same:
            lines = [head + "the same verdicts; some answers differ in their details."]
        else:
            lines = [head + f"{len(self.changes)} verdict(s) changed."]
        lines.extend(f"  {change}" for change in self.changes)
        lines.extend(f"  {rule} [{subject}]: same verdict, other details" for rule, subject in self.details)
        if self.version_changed:
            lines.append(f"  fighterlaw was {self.version_was or 'not recorded'}, is {report.version}")
        if self.rulebook_changed:
            lines.append(f"  the law was {self.hash_was or 'not recorded'}, is {report.rulebook_hash}")
        return "\n".join(lines)


def replay(
    document: Mapping[str, Any] | str | bytes,
    *,
    reading: str | Reading | None = None,
    rulebook: Rulebook = RULEBOOK,
) -> Replay:
    """Evaluate a saved report's record again and compare the answers.

    ``document`` is a report as :meth:`Report.to_dict` gave it, or its JSON text, saved with its record
    (``include_input=True``). The record is evaluated on the saved day, under the saved reading (or
    ``reading``, for a reading of one's own that the rulebook does not hold), for the saved rules, with the
    assumptions the report says it used.

    Raises:
        ReplayError: the document is not a report, or holds no record to replay.
        InputError: the saved record is not a valid record (any more).
        UnknownNameError: the saved reading is not in the rulebook and no ``reading`` is given.
    """
    saved = _parsed(document)
    record = saved.get("input")
    if not isinstance(record, dict):
        msg = (
            "expected the report to hold the record it answered under 'input'; save reports to replay with "
            "to_json(include_input=True)"
        )
        raise ReplayError(msg)
    person = read_record(record)
    if isinstance(person, InputError):
        raise person
    results = saved.get("results")
    as_of = saved.get("as_of")
    name = saved.get("reading")
    if not isinstance(results, list) or not isinstance(as_of, str) or not isinstance(name, str):
        msg = "expected a report with 'as_of', 'reading' and 'results'"
        raise ReplayError(msg)
    try:
        day = date.fromisoformat(as_of)
        was = [(str(found["rule"]), str(found["subject"]), found) for found in results]
    except (ValueError, TypeError, KeyError):
        msg = f"expected a report with a day as 'as_of' and results with 'rule' and 'subject'; found as_of {as_of!r}"
        raise ReplayError(msg) from None
    for rule, subject, found in was:
        verdict = found.get("verdict")
        if _verdict(verdict) is None:
            msg = f"expected {rule} [{subject}] to have a verdict yes, no or undetermined; found {verdict!r}"
            raise ReplayError(msg)
    # A rule this version no longer has is answered by nothing: its verdicts show as gone.
    rules = [rule for rule in dict.fromkeys(rule for rule, _, _ in was) if rule in RULE_IDS]
    assumed = saved.get("assumptions") or {}
    if not isinstance(assumed, Mapping):
        msg = f"expected the report's 'assumptions' as an object of facts and values; found {assumed!r}"
        raise ReplayError(msg)
    now = evaluate(person, as_of=day, reading=reading or name, rules=rules, rulebook=rulebook, assume=assumed)
    answers = {(found.rule, found.subject): found for found in now.results}
    changes: list[VerdictChange] = []
    details: list[tuple[str, str]] = []
    for rule, subject, found in was:
        answer = answers.pop((rule, subject), None)
        before = _verdict(found.get("verdict"))
        if answer is None or answer.verdict is not before:
            changes.append(VerdictChange(rule, subject, before, None if answer is None else answer.verdict))
        elif answer.to_dict() != found:
            details.append((rule, subject))
    changes.extend(VerdictChange(rule, subject, None, answer.verdict) for (rule, subject), answer in answers.items())
    return Replay(
        report=now,
        changes=tuple(changes),
        details=tuple(details),
        version_was=_text(saved.get("version")),
        hash_was=_text(saved.get("rulebook_hash")),
    )


def _parsed(document: Mapping[str, Any] | str | bytes) -> Mapping[str, Any]:
    if isinstance(document, str | bytes | bytearray):
        try:
            document = json.loads(document)
        except (ValueError, RecursionError) as error:  # not JSON, or nested too deeply to read
            msg = f"expected a report as JSON text; it does not parse: {error}"
            raise ReplayError(msg) from None
    if not isinstance(document, Mapping):
        msg = f"expected a report (a JSON object); found {type(document).__name__}"
        raise ReplayError(msg)
    return document


def _verdict(value: object) -> Verdict | None:
    return next((verdict for verdict in Verdict if verdict.value == value), None)


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None
