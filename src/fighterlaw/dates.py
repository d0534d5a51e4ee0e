"""Uncertain dates: a day, a month, a year, a window or unknown, each an interval of days.

"November 2022" is every day from 2022-11-01 to 2022-11-30. Comparisons answer with a :class:`Verdict`: ``yes``
or ``no`` where every day of the intervals agrees, ``undetermined`` where they do not. Nothing is rounded to the
first day of its month.

>>> from datetime import date
>>> from fighterlaw import UncertainDate
>>> november = UncertainDate.parse("2022-11")
>>> november.on_or_before(date(2022, 11, 30)), november.on_or_before(date(2022, 11, 15))
(<Verdict.YES: 'yes'>, <Verdict.UNDETERMINED: 'undetermined'>)
>>> reaches_age(UncertainDate.parse("2004-02-29"), 18, date(2022, 2, 28))
<Verdict.YES: 'yes'>
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from datetime import date, datetime
from enum import StrEnum
from functools import lru_cache
from typing import Any, Final, final

from dateutil.relativedelta import relativedelta
from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler, ValidationError
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, InitErrorDetails, PydanticCustomError, core_schema

from fighterlaw.logic import Verdict, plain_argument

__all__ = ["Precision", "UncertainDate", "add_months", "add_years", "describe", "reaches_age", "window_of"]

_YES: Final = Verdict.YES
_NO: Final = Verdict.NO
_UNDETERMINED: Final = Verdict.UNDETERMINED

# ASCII digits only: other scripts' digits (which ``\d`` matches) would be silently rewritten into these.
_FORM: Final = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
_UNKNOWN: Final = "unknown"
_EXPECTED: Final = 'a date as "YYYY-MM-DD", "YYYY-MM", "YYYY", {"from": date, "to": date} or "unknown"'
_EXPECTED_BOUND: Final = 'a date as "YYYY-MM-DD", "YYYY-MM" or "YYYY"'
_WINDOW_TEXT: Final = re.compile(r"\s*([^.\s][^.]*?)\s*\.\.\s*([^.\s][^.]*?)\s*")


def window_of(text: str) -> dict[str, str] | None:
    """A window written as text, ``FROM..TO`` (as one table column holds it), in its JSON form; else ``None``.

    >>> window_of("1990 .. 1991-06"), window_of("1990")
    ({'from': '1990', 'to': '1991-06'}, None)
    """
    found = _WINDOW_TEXT.fullmatch(text)
    return None if found is None else {"from": found.group(1), "to": found.group(2)}


class Precision(StrEnum):
    """How precisely a date is known."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    WINDOW = "window"
    UNKNOWN = "unknown"


class DateFormError(ValueError):
    """A date that is not in one of the accepted forms; ``key`` is ``from`` or ``to`` inside a window."""

    def __init__(self, message: str, key: str | None = None) -> None:
        super().__init__(message)
        self.key = key


@final
class UncertainDate:
    """A date known to the day, the month, the year, within a window, or not at all.

    It is the closed interval ``earliest..latest`` of the days it may be. Build one with :meth:`parse` (the
    JSON forms) or the named constructors. Comparisons return a :class:`Verdict`.

    >>> UncertainDate.parse({"from": "2026-03-04", "to": "2026-03-09"})
    UncertainDate('2026-03-04..2026-03-09')
    >>> UncertainDate.parse("2023").latest
    datetime.date(2023, 12, 31)
    """

    __slots__ = ("_bounds", "earliest", "latest", "precision")

    earliest: date
    latest: date
    precision: Precision
    _bounds: tuple[UncertainDate, UncertainDate] | None

    def __init__(
        self,
        earliest: date,
        latest: date,
        precision: Precision,
        bounds: tuple[UncertainDate, UncertainDate] | None = None,
    ) -> None:
        if earliest > latest:
            msg = f"an uncertain date cannot end ({latest}) before it begins ({earliest})"
            raise ValueError(msg)
        self.earliest = earliest
        self.latest = latest
        self.precision = precision
        self._bounds = bounds

    @classmethod
    def day(cls, day: date) -> UncertainDate:
        """An exact day."""
        return cls(day, day, Precision.DAY)

    @classmethod
    def month(cls, year: int, month: int) -> UncertainDate:
        """Some day of a month."""
        first = date(year, month, 1)
        return cls(first, first + relativedelta(day=31), Precision.MONTH)

    @classmethod
    def year(cls, year: int) -> UncertainDate:
        """Some day of a year."""
        return cls(date(year, 1, 1), date(year, 12, 31), Precision.YEAR)

    @classmethod
    def window(cls, start: UncertainDate, end: UncertainDate) -> UncertainDate:
        """Some day from ``start`` to ``end`` (each a day, a month or a year), both included."""
        if start.earliest > end.latest:
            msg = f"the window's 'from' ({start}) is after its 'to' ({end})"
            raise ValueError(msg)
        return cls(start.earliest, end.latest, Precision.WINDOW, (start, end))

    @classmethod
    def unknown(cls) -> UncertainDate:
        """Any day at all."""
        return cls(date.min, date.max, Precision.UNKNOWN)

    @classmethod
    def parse(cls, value: object) -> UncertainDate:
        """Read a date in one of its JSON forms; a ``date`` or an ``UncertainDate`` is taken as it is.

        Raises:
            DateFormError: the value is not one of ``"YYYY-MM-DD"``, ``"YYYY-MM"``, ``"YYYY"``,
                ``{"from": date, "to": date}`` or ``"unknown"``, or names a day that does not exist.
        """
        if isinstance(value, UncertainDate):
            return value
        if isinstance(value, date) and not isinstance(value, datetime):
            return cls.day(value)
        if isinstance(value, str):
            return _parse_text(value, _EXPECTED, allow_unknown=True)
        if isinstance(value, Mapping):
            return _parse_window(value)
        msg = f"expected {_EXPECTED}; found {describe(value)}"
        raise DateFormError(msg)

    def to_json(self) -> str | dict[str, str]:
        """The JSON form this date was given in."""
        if self._bounds is not None:
            start, end = self._bounds
            return {"from": str(start), "to": str(end)}
        if self.precision is Precision.WINDOW:  # a window narrowed from another date: its days
            return {"from": self.earliest.isoformat(), "to": self.latest.isoformat()}
        return str(self)

    @property
    def bounds(self) -> tuple[date, date]:
        """The earliest and the latest day it may be."""
        return self.earliest, self.latest

    @property
    def is_exact(self) -> bool:
        """Whether the date is known to the day."""
        return self.earliest == self.latest

    def __str__(self) -> str:
        precision = self.precision
        if precision is Precision.DAY:
            return self.earliest.isoformat()
        if precision is Precision.MONTH:
            return self.earliest.isoformat()[:7]
        if precision is Precision.YEAR:
            return f"{self.earliest.year:04d}"
        if precision is Precision.UNKNOWN:
            return _UNKNOWN
        if self._bounds is not None:
            return f"{self._bounds[0]}..{self._bounds[1]}"
        if self.earliest == date.min:  # narrowed from an unknown day by a later one
            return f"on or before {self.latest.isoformat()}"
        if self.latest == date.max:
            return f"on or after {self.earliest.isoformat()}"
        return f"{self.earliest.isoformat()}..{self.latest.isoformat()}"

    def __format__(self, spec: str) -> str:
        if spec == "when":
            return self.when()
        return format(str(self), spec)

    def when(self) -> str:
        """The date as a phrase: ``on 2022-11-14``, ``on some day in 2022-11``, ``on an unknown day``.

        >>> UncertainDate.parse({"from": "2026-03-04", "to": "2026-03-09"}).when()
        'on some day from 2026-03-04 to 2026-03-09'
        """
        precision = self.precision
        if precision is Precision.DAY:
            return f"on {self}"
        if precision is Precision.UNKNOWN:
            return "on an unknown day"
        if precision is Precision.WINDOW:
            if self._bounds is None and (self.earliest == date.min or self.latest == date.max):
                return f"on some day {self}"
            start, end = self._bounds or (self.earliest, self.latest)
            return f"on some day from {start} to {end}"
        return f"on some day in {self}"

    def __repr__(self) -> str:
        return f"UncertainDate({str(self)!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, UncertainDate):
            return NotImplemented
        return (self.earliest, self.latest, self.precision, self._bounds) == (
            other.earliest,
            other.latest,
            other.precision,
            other._bounds,
        )

    def __hash__(self) -> int:
        return hash((self.earliest, self.latest, self.precision))

    def on_or_before(self, other: UncertainDate | date) -> Verdict:
        """Whether this day is on or before ``other``."""
        low, high = _bounds(other)
        if self.latest <= low:
            return _YES
        return _NO if self.earliest > high else _UNDETERMINED

    def before(self, other: UncertainDate | date) -> Verdict:
        """Whether this day is strictly before ``other``."""
        low, high = _bounds(other)
        if self.latest < low:
            return _YES
        return _NO if self.earliest >= high else _UNDETERMINED

    def on_or_after(self, other: UncertainDate | date) -> Verdict:
        """Whether this day is on or after ``other``."""
        low, high = _bounds(other)
        if self.earliest >= high:
            return _YES
        return _NO if self.latest < low else _UNDETERMINED

    def after(self, other: UncertainDate | date) -> Verdict:
        """Whether this day is strictly after ``other``."""
        low, high = _bounds(other)
        if self.earliest > high:
            return _YES
        return _NO if self.latest <= low else _UNDETERMINED

    def shifted(self, *, months: int) -> UncertainDate:
        """The interval of days ``months`` calendar months later (see :func:`add_months`)."""
        earliest = add_months(self.earliest, months)
        latest = add_months(self.latest, months)
        if earliest == latest:
            return UncertainDate.day(earliest)
        return UncertainDate(earliest, latest, Precision.WINDOW)

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        return core_schema.no_info_plain_validator_function(
            _validate,
            serialization=core_schema.plain_serializer_function_ser_schema(UncertainDate.to_json, when_used="json"),
        )

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        bound = {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}
        return {
            "description": "A day (YYYY-MM-DD), a month (YYYY-MM), a year (YYYY), a window or 'unknown'.",
            "oneOf": [
                bound,
                {"const": _UNKNOWN},
                {
                    "type": "object",
                    "properties": {"from": bound, "to": bound},
                    "required": ["from", "to"],
                    "additionalProperties": False,
                },
            ],
        }


plain_argument(UncertainDate)


def _bounds(value: UncertainDate | date) -> tuple[date, date]:
    if isinstance(value, UncertainDate):
        return value.earliest, value.latest
    return value, value


def describe(value: object) -> str:
    """A short JSON-like rendering of an offending value, for error messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _parse_text(text: str, expected: str, *, allow_unknown: bool) -> UncertainDate:
    if allow_unknown and text == _UNKNOWN:
        return UncertainDate.unknown()
    match = _FORM.fullmatch(text)
    if match is None:
        msg = f"expected {expected}; found {describe(text)}"
        raise DateFormError(msg)
    year_text, month_text, day_text = match.groups()
    year = int(year_text)
    try:
        if month_text is None:
            return UncertainDate.year(year)
        if day_text is None:
            return UncertainDate.month(year, int(month_text))
        return UncertainDate.day(date(year, int(month_text), int(day_text)))
    except ValueError:
        msg = f"expected a day that exists; {text!r} is not in the calendar"
        raise DateFormError(msg) from None


def _parse_window(value: Mapping[Any, Any]) -> UncertainDate:
    unknown = [key for key in value if key not in ("from", "to")]
    if unknown:
        msg = f"a window has only 'from' and 'to'; found {', '.join(repr(key) for key in unknown)}"
        raise DateFormError(msg)
    parts: list[UncertainDate] = []
    for key in ("from", "to"):
        if key not in value:
            raise DateFormError(f"a window needs '{key}': {_EXPECTED_BOUND}", key)
        part = value[key]
        if not isinstance(part, str):
            raise DateFormError(f"expected {_EXPECTED_BOUND}; found {describe(part)}", key)
        try:
            parts.append(_parse_text(part, _EXPECTED_BOUND, allow_unknown=False))
        except DateFormError as error:
            raise DateFormError(str(error), key) from None
    start, end = parts
    if start.earliest > end.latest:
        raise DateFormError(f"expected 'from' on or before 'to'; found from {start} to {end}", "from")
    return UncertainDate.window(start, end)


def _validate(value: object) -> UncertainDate:
    try:
        return UncertainDate.parse(value)
    except DateFormError as error:
        problem = PydanticCustomError("date_form", "{message}", {"message": str(error)})
        if error.key is None:
            raise problem from None
        raise ValidationError.from_exception_data(
            "UncertainDate", [InitErrorDetails(type=problem, loc=(error.key,), input=value)]
        ) from None


@lru_cache(maxsize=65536)
def add_months(day: date, months: int) -> date:
    """The day ``months`` calendar months after ``day``.

    A period in months ends on the same day of the last month; where that month is shorter, on its last day
    (the rule of Art. 192(3) of the Russian Civil Code, and python-dateutil's ``relativedelta``). So one month
    after 31 January is 28 February, or 29 February in a leap year. Dates past the calendar's end are held at
    ``date.max``.

    >>> add_months(date(2023, 1, 31), 1), add_months(date(2024, 1, 31), 1)
    (datetime.date(2023, 2, 28), datetime.date(2024, 2, 29))
    """
    try:
        return day + relativedelta(months=months)
    except (OverflowError, ValueError):
        return date.max if months > 0 else date.min


def add_years(day: date, years: int) -> date:
    """The anniversary ``years`` years after ``day``: :func:`add_months` with twelve months a year.

    The same day and month, except that 29 February falls on 28 February in a common year. Computed
    directly, as it is on the path of every age check; a property test holds it equal to ``relativedelta``.

    >>> add_years(date(2004, 2, 29), 18)
    datetime.date(2022, 2, 28)
    """
    year = day.year + years
    if not 1 <= year <= date.max.year:
        return date.max if years > 0 else date.min
    if day.month == 2 and day.day == 29 and not calendar.isleap(year):
        return date(year, 2, 28)
    return day.replace(year=year)


def reaches_age(birth: UncertainDate, years: int, on: date) -> Verdict:
    """Whether someone born on ``birth`` is ``years`` old or older on ``on``.

    A person reaches an age on the anniversary of their birth; someone born on 29 February reaches it on
    28 February in a common year (:func:`add_years`). ``yes`` if even the latest possible birthday gives the
    age, ``no`` if even the earliest does not.
    """
    if add_years(birth.latest, years) <= on:
        return _YES
    return _NO if add_years(birth.earliest, years) > on else _UNDETERMINED
