"""Small helpers that let the rule tables read as legal situations."""

from __future__ import annotations

from datetime import date
from typing import Any

import fighterlaw as fl

YES = fl.Verdict.YES
NO = fl.Verdict.NO
UNDETERMINED = fl.Verdict.UNDETERMINED


def person(**fields: Any) -> fl.Person:
    """A record as JSON would give it (a foreign citizen unless said otherwise), validated."""
    return fl.Person.model_validate({"citizenship": "foreign", **fields})


def result(record: fl.Person, on: date, rule: str, reading: str = "enacted", subject: str = "person") -> fl.Result:
    """The result of one rule for one subject."""
    return fl.evaluate(record, as_of=on, reading=reading).result(rule, subject)


def node(found: fl.Result | fl.Reason, code: str) -> fl.Reason:
    """The first step of a reason tree with this code."""
    root = found.reason if isinstance(found, fl.Result) else found
    for step in root.walk():
        if step.code == code:
            return step
    raise AssertionError(f"no step {code!r} in {[step.code for step in root.walk()]}")


def codes(found: fl.Result) -> set[str]:
    """Every reason code in a result's tree."""
    return {step.code for step in found.reason.walk()}
