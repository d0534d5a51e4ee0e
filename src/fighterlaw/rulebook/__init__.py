"""The rulebook: the law as data, and the readings of it.

The instruments, their in-force dates, statuses and sources, and every value a rule uses live in
``law.toml`` beside this module. A *reading* is a named set of values for the contested points: ``enacted``
(the default), ``summary`` and ``press``. A user derives a reading of their own by overriding values:

>>> from fighterlaw import RULEBOOK
>>> official = RULEBOOK.reading("enacted").derive(
...     "gazette",
...     {"instruments": {"fz-50-2026": {"start": {
...         "date": "2026-03-19", "status": "confirmed", "sources": ["an official gazette"]}}}},
... )
>>> official.instrument("fz-50-2026").start.status
<Status.CONFIRMED: 'confirmed'>
>>> RULEBOOK.reading("pres")
Traceback (most recent call last):
...
fighterlaw.errors.UnknownNameError: unknown reading 'pres'. Did you mean 'press'? Valid: enacted, summary, press
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import tomllib
from collections.abc import Callable, Hashable, Iterator, Mapping
from enum import Enum
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any, Final, TypeVar, cast

from pydantic import BaseModel, ConfigDict, PrivateAttr, ValidationError

from fighterlaw.dates import UncertainDate
from fighterlaw.errors import FighterlawError, UnknownNameError
from fighterlaw.rulebook._model import Constant, Instrument, LegalDate, Milestone, Rules, instances, raw_copy

__all__ = [
    "RULEBOOK",
    "Constant",
    "Instrument",
    "LegalDate",
    "Milestone",
    "Reading",
    "Rulebook",
    "RulebookError",
    "canonical_digest",
]

_DATED: Final = ("categories", "sexes", "min-age", "max-age", "excluded-nationalities", "min-term-months")
_ROUTE_DATES: Final = ("signed-since", "on", "since", "available-from")
_NONE: Final = "none"
_TEN_DAY_RULE_DAYS: Final = "days-after-publication"
_SHARED_LIMIT: Final = 100_000
_DERIVATION: Final = ("derive", "published")
_MISSING: Final = object()

T = TypeVar("T")


class RulebookError(FighterlawError):
    """Rulebook data that does not hold together: an unknown reference, a missing value, a wrong type."""


class Reading(BaseModel):
    """A named reading of the law: every instrument, milestone and rule value it uses.

    Build one from the rulebook (:meth:`Rulebook.reading`) or derive your own with :meth:`derive`.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    name: str
    title: str
    derived_from: str | None = None
    instruments: dict[str, Instrument]
    milestones: dict[str, Milestone]
    constants: dict[str, Constant]
    rules: Rules

    _raw: dict[str, Any] = PrivateAttr(default_factory=dict)
    _shared: dict[Hashable, Any] = PrivateAttr(default_factory=dict)

    def shared(self, key: Hashable, make: Callable[[], T]) -> T:
        """The value ``make`` builds for ``key``, built once per reading.

        The rules use it for steps that depend only on the reading and the day (is a provision in force, which
        value of a parameter applies), so that evaluating many people on one day builds them once.
        """
        return shared(self.shared_store(), key, make)

    def shared_store(self) -> dict[Hashable, Any]:
        """The store behind :meth:`shared` (for callers that look it up once and use it many times)."""
        # Read the private store directly: pydantic's attribute hook costs more than the lookup it serves.
        return cast("dict[Hashable, Any]", self.__pydantic_private__["_shared"])  # type: ignore[index]

    def instrument(self, key: str) -> Instrument:
        """The instrument with this key."""
        try:
            return self.instruments[key]
        except KeyError:
            raise UnknownNameError("instrument", key, self.instruments) from None

    def derive(self, name: str, changes: Mapping[str, Any], *, title: str | None = None) -> Reading:
        """A new reading: this one with ``changes`` merged in (tables merge key by key; other values replace).

        ``changes`` has the rulebook's own shape and kebab-case keys: ``{"instruments": {...}}``,
        ``{"milestones": {...}}``, ``{"constants": {...}}`` or ``{"rules": {...}}``. The result is checked
        like the rulebook itself.

        Raises:
            RulebookError: the changes name something that does not exist or give a value of the wrong kind.
        """
        raw = _merge(self._raw, changes)
        raw["title"] = title or f"{self.title}, with changes"
        return build_reading(name, raw, derived_from=self.name)

    @cached_property
    def raw(self) -> dict[str, Any]:
        """The reading's data in the rulebook's own shape (a copy): what :meth:`derive` merges into."""
        return raw_copy(self._raw)

    def legal_dates(self, rule: str | None = None) -> tuple[LegalDate, ...]:
        """Every legal date of the reading, or only those ``rule`` (a rule id) reads, in the order written.

        In-force starts and ends, dated values' ``since``, route openings and milestones: every day on or
        around which the reading's law may change. Dates that several provisions share appear once for each.

        >>> from fighterlaw import RULEBOOK
        >>> [str(d.date) for d in RULEBOOK.reading("enacted").legal_dates("extradition-bar")]
        ['1993', '2026-03-19']
        """
        return self.shared(("legal-dates", rule), lambda: self._legal_dates(rule))

    def _legal_dates(self, rule: str | None) -> tuple[LegalDate, ...]:
        if rule is None:
            return tuple(instances(self, LegalDate))
        fields = type(self.rules).model_fields
        field = rule.replace("-", "_")
        if field not in fields:
            raise UnknownNameError("rule", rule, [name.replace("_", "-") for name in fields])
        return tuple(instances(getattr(self.rules, field), LegalDate))

    @cached_property
    def digest(self) -> str:
        """A stable hash of the data the rules read: ``sha256:`` and the hex digest.

        It is the SHA-256 of the canonical JSON (sorted keys, no spaces, sets as sorted lists, dates in their
        JSON forms) of the reading's resolved instruments, milestones, constants and rules. The name, title and
        parent reading are left out: two readings with the same law have the same digest, whatever their names.
        """
        data = {
            "instruments": self.instruments,
            "milestones": self.milestones,
            "constants": self.constants,
            "rules": self.rules,
        }
        return canonical_digest(data)


def canonical_digest(data: object) -> str:
    """``sha256:`` and the SHA-256 of ``data``'s canonical JSON (see :attr:`Reading.digest`)."""
    text = json.dumps(_canonical(data), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def _canonical(value: object) -> object:
    """Plain JSON values that do not depend on the order of sets or on how models print themselves."""
    if isinstance(value, BaseModel):
        return {name: _canonical(getattr(value, name)) for name in type(value).model_fields}
    if isinstance(value, Mapping):
        return {str(_canonical(key)): _canonical(item) for key, item in value.items()}
    if isinstance(value, frozenset | set):
        return sorted((_canonical(item) for item in value), key=lambda item: json.dumps(item, sort_keys=True))
    if isinstance(value, tuple | list):
        return [_canonical(item) for item in value]
    if isinstance(value, UncertainDate):
        return value.to_json()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def shared(store: dict[Hashable, Any], key: Hashable, make: Callable[[], T]) -> T:
    """The value ``make`` builds for ``key`` in ``store``, built once (the store is bounded)."""
    found = store.get(key, _MISSING)
    if found is _MISSING:
        if len(store) >= _SHARED_LIMIT:
            store.clear()
        found = store[key] = make()
    return cast("T", found)


class Rulebook:
    """The readings of the law, loaded from a TOML rulebook."""

    def __init__(self, readings: Mapping[str, Reading]) -> None:
        self._readings = dict(readings)

    @property
    def readings(self) -> dict[str, Reading]:
        """The readings, by name, the default first."""
        return self._readings

    @classmethod
    def from_toml(cls, text: str) -> Rulebook:
        """Load a rulebook from TOML text of ``law.toml``'s shape."""
        return cls.from_data(tomllib.loads(text))

    @classmethod
    def load(cls, path: str | Path) -> Rulebook:
        """Load a rulebook from a TOML file of ``law.toml``'s shape."""
        return cls.from_toml(Path(path).read_text(encoding="utf-8"))

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Rulebook:
        """Load a rulebook from data of ``law.toml``'s shape."""
        readings_raw: dict[str, Any] = dict(data.get("readings", {}))
        readings: dict[str, Reading] = {}
        for name in readings_raw:
            raw = _reading_raw(name, readings_raw, data)
            readings[name] = build_reading(name, raw)
        return cls(readings)

    @property
    def names(self) -> tuple[str, ...]:
        """The names of the readings, the default first."""
        return tuple(self.readings)

    def reading(self, name: str) -> Reading:
        """The reading with this name.

        Raises:
            UnknownNameError: there is no such reading; the message lists the valid names.
        """
        try:
            return self.readings[name]
        except (KeyError, TypeError):
            raise UnknownNameError("reading", name, self.readings) from None

    def __iter__(self) -> Iterator[Reading]:
        return iter(self.readings.values())

    def __len__(self) -> int:
        return len(self.readings)


def _reading_raw(name: str, readings: Mapping[str, Any], data: Mapping[str, Any], depth: int = 0) -> dict[str, Any]:
    """A reading's full data: its base reading's (if it extends one) with its own merged in."""
    own = dict(readings[name])
    base_name = own.pop("extends", None)
    if base_name is None:
        base: dict[str, Any] = {
            "instruments": raw_copy(data.get("instruments", {})),
            "milestones": raw_copy(data.get("milestones", {})),
            "constants": raw_copy(data.get("constants", {})),
        }
    elif base_name in readings and base_name != name and depth < len(readings):
        base = _reading_raw(base_name, readings, data, depth + 1)
    else:
        msg = f"reading {name!r} extends {base_name!r}, which is not a reading (or extends itself)"
        raise RulebookError(msg)
    return _merge(base, own)


def _merge(base: Mapping[str, Any], changes: Mapping[str, Any]) -> dict[str, Any]:
    """``changes`` merged into ``base``: tables key by key, other values replaced.

    A legal date is given either outright (``date``) or by a derivation (``derive`` and ``published``): a change
    that gives one way replaces the other, so a confirmed in-force date replaces the ten-day rule, and a
    derivation replaces a date.
    """
    merged = raw_copy(dict(base))
    if "date" in changes and "derive" in merged:
        for key in _DERIVATION:
            merged.pop(key, None)
    if "date" not in changes and "date" in merged and any(key in changes for key in _DERIVATION):
        del merged["date"]
    for key, value in changes.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = raw_copy(dict(value) if isinstance(value, Mapping) else value)
    return merged


def build_reading(name: str, raw: Mapping[str, Any], derived_from: str | None = None) -> Reading:
    """Check a reading's data, resolve its references and defaults, and build the typed reading."""
    resolved = _Resolver(raw, name).reading()
    try:
        reading = Reading.model_validate({"name": name, "derived_from": derived_from, **resolved})
    except ValidationError as error:
        raise RulebookError(f"reading {name!r}: {error}") from None
    reading._raw = raw_copy(dict(raw))
    return reading


class _Resolver:
    """Turns a reading's data into the typed models' input: references to dates, defaults from instruments."""

    def __init__(self, raw: Mapping[str, Any], name: str) -> None:
        self.raw = raw
        self.name = name
        self.instruments: dict[str, dict[str, Any]] = {}
        self.milestones: dict[str, dict[str, Any]] = {}

    def fail(self, where: str, message: str) -> RulebookError:
        return RulebookError(f"reading {self.name!r}, {where}: {message}")

    def reading(self) -> dict[str, Any]:
        for key, data in self.raw.get("instruments", {}).items():
            self.instruments[key] = {"key": key, **raw_copy(data)}
        for key, data in self.instruments.items():
            for end in ("start", "end"):
                if end in data:
                    data[end] = self.legal_date(data[end], f"instruments.{key}.{end}", of=f"{key}.{end}")
        for key, data in self.raw.get("milestones", {}).items():
            milestone = raw_copy(data)
            milestone["date"] = self.legal_date(milestone.get("date"), f"milestones.{key}.date", of=key)
            self.milestones[key] = milestone
        rules = raw_copy(self.raw.get("rules", {}))
        for rule in ("foreign-contract", "stateless-contract"):
            if rule in rules:
                rules[rule] = self.provision(rules[rule], f"rules.{rule}")
        grants = rules.get("simplified-citizenship", {}).get("grants", {})
        for key, data in grants.items():
            where = f"rules.simplified-citizenship.grants.{key}"
            grant = self.provision(data, where)
            for route_key, route in grant.get("routes", {}).items():
                grant["routes"][route_key] = self.route(route, grant["instrument"], f"{where}.routes.{route_key}")
            grants[key] = grant
        bars = rules.get("extradition-bar", {}).get("bars", {})
        for key, data in bars.items():
            where = f"rules.extradition-bar.bars.{key}"
            bar = self.provision(data, where)
            if "treaty" in bar:
                self.instrument(bar["treaty"], f"{where}.treaty")
            bars[key] = bar
        return {
            "title": self.raw.get("title", self.name),
            "instruments": self.instruments,
            "milestones": self.milestones,
            "constants": raw_copy(self.raw.get("constants", {})),
            "rules": rules,
        }

    def instrument(self, key: object, where: str) -> dict[str, Any]:
        if not isinstance(key, str) or key not in self.instruments:
            raise self.fail(where, f"unknown instrument {key!r}; expected one of {', '.join(self.instruments)}")
        return self.instruments[key]

    def legal_date(self, value: object, where: str, *, of: str | None = None) -> dict[str, Any]:
        """A date given inline, or by reference to an instrument's start or a milestone.

        Each date records the legal point it stands for (``of``): ``fz-50-2026.start``, ``smo-start``, or
        where it was written, so that an undetermined verdict can name the date that would decide it.
        """
        if isinstance(value, str):
            if value in self.milestones:
                return raw_copy(self.milestones[value]["date"])
            start = self.instrument(value, where).get("start")
            if start is None:
                raise self.fail(where, f"instrument {value!r} has no start date to refer to")
            return raw_copy(start)
        if not isinstance(value, Mapping):
            raise self.fail(where, f"expected a date table or a reference; found {value!r}")
        data = raw_copy(dict(value))
        data.setdefault("of", of or where.removeprefix("rules."))
        if "derive" in data:
            if "date" in data:
                raise self.fail(where, "expected a date or a derivation ('derive' and 'published'), not both")
            data["date"] = self.derived_date(data, where)
        return data

    def derived_date(self, data: Mapping[str, Any], where: str) -> str:
        """The in-force day by the ten-day rule: the day after ``days`` full days following publication."""
        rule = self.instrument(data["derive"], f"{where}.derive")
        days = rule.get("parameters", {}).get(_TEN_DAY_RULE_DAYS)
        published = data.get("published")
        if not isinstance(days, int) or not isinstance(published, str | dt.date):
            raise self.fail(where, f"a derived date needs 'published' and {data['derive']}'s {_TEN_DAY_RULE_DAYS}")
        day = UncertainDate.parse(published)
        if not day.is_exact:
            raise self.fail(where, f"expected an exact publication day; found {day}")
        return (day.earliest + dt.timedelta(days=days + 1)).isoformat()

    def provision(self, data: Mapping[str, Any], where: str) -> dict[str, Any]:
        """A provision, grant or bar: its in-force interval, status and title default to its instrument's."""
        resolved = raw_copy(dict(data))
        key = resolved.get("instrument")
        instrument = self.instrument(key, f"{where}.instrument")
        for end in ("start", "end"):
            if end in resolved:
                resolved[end] = self.legal_date(resolved[end], f"{where}.{end}")
            elif end in instrument:
                resolved[end] = raw_copy(instrument[end])
        resolved.setdefault("status", instrument["status"])
        resolved.setdefault("title", instrument["citation"])
        for param in _DATED:
            if param in resolved:
                resolved[param] = self.dated(resolved[param], instrument["key"], f"{where}.{param}")
        return resolved

    def route(self, data: Mapping[str, Any], instrument: str, where: str) -> dict[str, Any]:
        resolved = raw_copy(dict(data))
        for field in _ROUTE_DATES:
            if field in resolved:
                resolved[field] = self.legal_date(resolved[field], f"{where}.{field}")
        if "min-term-months" in resolved:
            resolved["min-term-months"] = self.dated(
                resolved["min-term-months"], instrument, f"{where}.min-term-months"
            )
        return resolved

    def dated(self, value: object, provision: str, where: str) -> dict[str, Any]:
        """A parameter's dated values: a single value, a ``{value = ...}`` table, or a list of such tables."""
        if isinstance(value, list) and value and all(isinstance(item, Mapping) for item in value):
            items: list[Any] = value
        else:
            items = [value]
        segments: list[dict[str, Any]] = []
        for index, item in enumerate(items):
            here = f"{where}[{index}]"
            segment = raw_copy(dict(item)) if isinstance(item, Mapping) else {"value": item}
            if "value" not in segment:
                raise self.fail(here, "expected a 'value'")
            if segment["value"] == _NONE:
                segment["value"] = None
            source = self.instrument(segment.setdefault("provision", provision), f"{here}.provision")
            segment.setdefault("status", source["status"])
            if "since" in segment and not index:
                raise self.fail(here, "expected no 'since': the first value applies from the provision's start")
            if "since" in segment:
                segment["since"] = self.legal_date(segment["since"], f"{here}.since")
            elif index:
                raise self.fail(here, "expected 'since': every value after the first says from when it applies")
            segments.append(segment)
        return {"segments": segments}


def _default() -> Rulebook:
    text = resources.files(__package__).joinpath("law.toml").read_text(encoding="utf-8")
    return Rulebook.from_toml(text)


class _Shipped(Rulebook):
    """The rulebook shipped with fighterlaw, read from its files the first time it is used, not on import."""

    def __init__(self) -> None:
        self._loaded: dict[str, Reading] | None = None

    @property
    def readings(self) -> dict[str, Reading]:
        loaded = self._loaded
        if loaded is None:
            loaded = self._loaded = _default().readings
        return loaded


RULEBOOK: Final[Rulebook] = _Shipped()
"""The rulebook shipped with fighterlaw: the readings ``enacted`` (the default), ``summary`` and ``press``."""
