"""Errors a person can act on: each names where the problem is, what was expected and what was found."""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Final

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from fighterlaw.facts import describe, model_at

__all__ = ["FighterlawError", "InputError", "Problem", "UnknownNameError", "format_path", "path_steps"]

_NAME: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_FIELD_PATH: Final = re.compile(r"[a-z_]+(?:\[\d+\])?(?:\.[a-z_]+(?:\[\d+\])?)*")
_STEP: Final = re.compile(r"([a-z_]+)(?:\[(\d+)\])?")


def format_path(loc: Sequence[str | int]) -> str:
    """A pydantic location as an input path in the record's own naming: ``contracts[0].ended``.

    A key that is not a plain name (an empty key, one with a dot or a space in it) is written as a quoted
    index, so that every path names one place and only the record as a whole has the empty path.

    >>> format_path(("family", 0, "member", "birth_date"))
    'family[0].member.birth_date'
    >>> format_path(("", "a.b"))
    '[""]["a.b"]'
    """
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        elif _NAME.fullmatch(part) is None:
            text += f"[{json.dumps(part, ensure_ascii=False)}]"
        else:
            text += f".{part}" if text else part
    return text


def path_steps(path: str) -> tuple[str | int, ...] | None:
    """The steps of a record's field path, as :func:`format_path` writes them; ``None`` if it is not one.

    >>> path_steps("family[0].member.birth_date"), path_steps("contracts[x]")
    (('family', 0, 'member', 'birth_date'), None)
    """
    if _FIELD_PATH.fullmatch(path) is None:
        return None
    steps: list[str | int] = []
    for name, index in _STEP.findall(path):
        steps.append(name)
        if index:
            steps.append(int(index))
    return tuple(steps)


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a record: where (``path``, empty for the record as a whole) and what."""

    path: str
    """The field path in the input's own naming, such as ``contracts[0].ended``; empty for the whole record."""
    message: str
    """What was expected, and what was found."""
    code: str
    """A stable machine-readable kind of problem (pydantic's error type, or one of fighterlaw's own)."""

    def __str__(self) -> str:
        return f"{self.path or '(record)'}: {self.message}"

    def to_dict(self) -> dict[str, str]:
        """The problem as a JSON-ready dict."""
        return {"path": self.path, "message": self.message, "code": self.code}


class FighterlawError(ValueError):
    """The root of fighterlaw's own errors.

    Bad input, an unknown name, rulebook data that does not hold together, a report that cannot be replayed:
    each is also a ``ValueError``, so ``except ValueError`` catches them all.
    """


class InputError(FighterlawError):
    """A record that could not be read: every problem it has, with its field path, and its position.

    ``position`` is the record's 0-based place in the input; ``record_id`` its ``id`` where one could be read.
    It is a ``ValueError``, so ``except ValueError`` catches it together with pydantic's ``ValidationError``.
    """

    position: int | None
    record_id: str | None
    problems: tuple[Problem, ...]

    def __init__(
        self, problems: Iterable[Problem], *, position: int | None = None, record_id: str | None = None
    ) -> None:
        self.problems = tuple(problems)
        self.position = position
        self.record_id = record_id
        super().__init__(self._summary())

    def _summary(self) -> str:
        where = "record" if self.position is None else f"record {self.position}"
        if self.record_id is not None:
            where += f" (id {self.record_id!r})"
        count = len(self.problems)
        lines = [f"{where}: {count} problem{'s' if count != 1 else ''}"]
        lines.extend(f"  {problem}" for problem in self.problems)
        return "\n".join(lines)

    @classmethod
    def from_validation_error(
        cls, error: ValidationError, *, position: int | None = None, record: object = None
    ) -> InputError:
        """The problems pydantic found, each with its path and a message saying what was expected."""
        return cls(
            (_problem(detail) for detail in error.errors(include_url=False)),
            position=position,
            record_id=_record_id(record),
        )

    def to_dict(self) -> dict[str, Any]:
        """The error as a JSON-ready dict: ``position``, ``id`` and ``problems``."""
        return {
            "position": self.position,
            "id": self.record_id,
            "problems": [problem.to_dict() for problem in self.problems],
        }


def _record_id(record: object) -> str | None:
    if isinstance(record, str | bytes | bytearray):
        try:
            record = json.loads(record)
        except (ValueError, RecursionError):  # not JSON, or nested too deep to read back
            return None
    if isinstance(record, dict):
        found = record.get("id")
        return found if isinstance(found, str) else None
    found = getattr(record, "id", None)
    return found if isinstance(found, str) else None


def _problem(detail: ErrorDetails) -> Problem:
    loc = detail["loc"]
    kind = detail["type"]
    found = describe(detail.get("input"))
    path = format_path(loc)
    if kind == "extra_forbidden":
        return Problem(path, _unknown_field(loc), kind)
    if kind == "missing":
        return Problem(path, "expected this field; it is required", kind)
    if kind == "json_invalid":
        error = detail.get("ctx", {}).get("error", "")
        return Problem(path, f"expected a JSON object; the text is not valid JSON ({error})", kind)
    message = detail["msg"]
    if message.startswith("Input should be"):
        message = f"expected {message.removeprefix('Input should be ')}; found {found}"
    return Problem(path, message, kind)


def _unknown_field(loc: tuple[str | int, ...]) -> str:
    model = model_at(loc[:-1])
    name = str(loc[-1])
    if model is None:
        return f"unknown field {name!r}"
    fields = list(model.model_fields)
    close = difflib.get_close_matches(name, fields, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else "."
    return f"unknown field {name!r}{hint} Expected fields: {', '.join(fields)}"


class UnknownNameError(FighterlawError):
    """An unknown rule id, reading, subject or rulebook key, with the valid ones listed."""

    def __init__(self, kind: str, name: object, valid: Iterable[str]) -> None:
        self.kind = kind
        self.name = name
        self.valid = tuple(valid)
        close = difflib.get_close_matches(str(name), self.valid, n=1)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        super().__init__(f"unknown {kind} {name!r}.{hint} Valid: {', '.join(self.valid)}")
