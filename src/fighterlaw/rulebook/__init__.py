"""The rulebook: the law as data, and the readings of it.

The instruments, their in-force dates, statuses and sources, and every value a rule uses live beside this
module, one file per instrument (``instruments/<key>.toml``) under a table of contents (``rulebook.toml``). A
*reading* is a named set of values for the contested points: ``enacted`` (the default: the instruments as
they create their provisions), and the overlays on it ``summary`` and ``press`` (``readings/<name>.toml``).
A user derives a reading of their own by overriding values:

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
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from enum import Enum
from functools import cached_property
from pathlib import Path
from typing import Any, Final, TypeVar, cast

from pydantic import BaseModel, ConfigDict, PrivateAttr, ValidationError

from fighterlaw.dates import DateFormError, UncertainDate
from fighterlaw.errors import FighterlawError, UnknownNameError
from fighterlaw.rulebook._files import SHIPPED, LayoutError, Origins, read_layout
from fighterlaw.rulebook._model import (
    Constant,
    Instrument,
    LegalDate,
    Link,
    Milestone,
    Point,
    Quotation,
    Reference,
    Rules,
    Stage,
    instances,
    raw_copy,
)

__all__ = [
    "READINGS_POINT",
    "RULEBOOK",
    "SHIPPED",
    "Constant",
    "Instrument",
    "LegalDate",
    "Link",
    "Milestone",
    "Point",
    "Quotation",
    "Reading",
    "Reference",
    "Rulebook",
    "RulebookError",
    "Stage",
    "canonical_digest",
    "labelled",
    "point_label",
]

_DATED: Final = ("categories", "sexes", "min-age", "max-age", "excluded-nationalities", "min-term-months")
_ROUTE_DATES: Final = ("signed-since", "on", "since", "available-from")
_NONE: Final = "none"
_TEN_DAY_RULE_DAYS: Final = "days-after-publication"
_SHARED_LIMIT: Final = 100_000
_DERIVATION: Final = ("derive", "published")
_WITHOUT: Final = "without"
_READING_KEYS: Final = ("title", "instruments", "milestones", "constants", "rules")
_COLLECTIONS: Final = ("grants", "bars")
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
        try:
            raw = _merge(self._raw, changes)
        except _MergeError as error:
            raise RulebookError(f"reading {name!r}, {error}") from None
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

    def point_label(self, point: str) -> str:
        """A legal point's name for people: a date of law, or an unsettled question, as the reading words it.

        ``point`` is a key as answers give it (``decree-10.end``, ``smo-start``,
        ``item-7.formation.volunteer_formation``) or a date's full key (:attr:`LegalDate.of`). A key the
        reading cannot name is returned as it is.

        >>> from fighterlaw import RULEBOOK
        >>> enacted = RULEBOOK.reading("enacted")
        >>> enacted.point_label("fz-50-2026.start"), enacted.point_label("smo-start")
        ('Federal Law No. 50-FZ in force', 'start of the special military operation')
        >>> enacted.point_label("simplified-citizenship.grants.decree-690.categories[1].since")
        'Decree No. 690: new categories in effect'
        >>> enacted.point_label("item-7.formation.volunteer_formation")
        'whether a contract with a volunteer formation counts under CPC Art. 464(1) item 7'
        """
        return self.shared(("point-label", point), lambda: _point_label(self, point))

    def provisions(self) -> Iterator[tuple[str, Any]]:
        """Each provision of the reading, named by its question and grant or bar (``extradition-bar/item-7``).

        The questions are the sections of the reading's rules, in order; a question with a single provision is named
        by itself (``foreign-contract``).
        """
        for field in type(self.rules).model_fields:
            part = getattr(self.rules, field)
            rule = field.replace("_", "-")
            table = next((getattr(part, name) for name in _COLLECTIONS if hasattr(part, name)), None)
            if table is None:
                yield rule, part
            else:
                yield from ((f"{rule}/{key}", provision) for key, provision in table.items())

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
        """Load a rulebook from the text of a single TOML document (instruments, milestones, constants, readings)."""
        return cls.from_data(tomllib.loads(text))

    @classmethod
    def load(cls, path: str | Path) -> Rulebook:
        """Load a rulebook from a directory laid out as the shipped one, or from a single TOML document.

        A directory holds ``rulebook.toml`` (the table of contents), ``instruments/<key>.toml`` (one file per
        instrument, with the provisions it creates) and ``readings/<name>.toml`` (one overlay per reading); an
        error names the file and the key to fix. A table of contents with ``base = "fighterlaw"`` lists only
        what it adds to the shipped rulebook: its own instruments (and their grants' or bars' order) and readings.

        Raises:
            RulebookError: the rulebook does not hold together.
        """
        path = Path(path)
        if not path.is_dir():
            return cls.from_toml(path.read_text(encoding="utf-8"))
        try:
            layout = read_layout(path)
        except LayoutError as error:
            raise RulebookError(str(error)) from None
        return cls.from_data(layout.data, origins=layout.origins)

    @classmethod
    def from_data(cls, data: Mapping[str, Any], *, origins: Mapping[str, Origins] | None = None) -> Rulebook:
        """Load a rulebook from the data of a single rulebook document.

        ``origins`` (from a directory) says in which file each part was written, for the errors.
        """
        readings_raw: dict[str, Any] = dict(data.get("readings", {}))
        readings: dict[str, Reading] = {}
        for name in readings_raw:
            where = None if origins is None else origins.get(name)
            raw = _reading_raw(name, readings_raw, data, origins=where)
            readings[name] = build_reading(name, raw, origins=where)
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


def _reading_raw(
    name: str, readings: Mapping[str, Any], data: Mapping[str, Any], depth: int = 0, origins: Origins | None = None
) -> dict[str, Any]:
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
        raise RulebookError(msg if origins is None else f"{origins.locate('extends')}: {msg}")
    try:
        return _merge(base, own)
    except _MergeError as error:
        where = error.where if origins is None else origins.locate(error.where)
        raise RulebookError(f"reading {name!r}, {where}: {error.message}") from None


class _MergeError(RulebookError):
    """A change that cannot be merged, at a place in the data."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}")
        self.where = where
        self.message = message


def _merge(base: Mapping[str, Any], changes: Mapping[str, Any], where: str = "") -> dict[str, Any]:
    """``changes`` merged into ``base``: tables key by key, other values replaced; ``without`` leaves keys out.

    A legal date is given either outright (``date``) or by a derivation (``derive`` and ``published``): a change
    that gives one way replaces the other, so a confirmed in-force date replaces the ten-day rule, and a
    derivation replaces a date. ``without = [keys]`` in a table of changes removes those keys of the base first,
    so a reading can leave out a value, a grant or a bar of the reading it extends without restating the rest.
    """
    merged = raw_copy(dict(base))
    if "date" in changes and "derive" in merged:
        for key in _DERIVATION:
            merged.pop(key, None)
    if "date" not in changes and "date" in merged and any(key in changes for key in _DERIVATION):
        del merged["date"]
    left_out = changes.get(_WITHOUT, [])
    here = f"{where}.{_WITHOUT}" if where else _WITHOUT
    if not isinstance(left_out, list) or not all(isinstance(key, str) for key in left_out):
        raise _MergeError(here, f"expected a list of the keys to leave out; found {left_out!r}")
    for key in left_out:
        if key not in merged:
            raise _MergeError(here, f"{key!r} is not there to leave out; expected one of {', '.join(merged)}")
        del merged[key]
    for key, value in changes.items():
        if key == _WITHOUT:
            continue
        if isinstance(value, Mapping) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value, f"{where}.{key}" if where else key)
        else:
            merged[key] = raw_copy(dict(value) if isinstance(value, Mapping) else value)
    return merged


def build_reading(
    name: str, raw: Mapping[str, Any], derived_from: str | None = None, *, origins: Origins | None = None
) -> Reading:
    """Check a reading's data, resolve its references and defaults, and build the typed reading."""
    resolved = _Resolver(raw, name, origins).reading()
    try:
        reading = Reading.model_validate({"name": name, "derived_from": derived_from, **resolved})
    except ValidationError as error:
        if origins is None:
            raise RulebookError(f"reading {name!r}: {error}") from None
        raise RulebookError(_problems(name, error, origins)) from None
    reading._raw = raw_copy(dict(raw))
    return reading


def _problems(name: str, error: ValidationError, origins: Origins) -> str:
    """Each problem of a reading built from files, with the file and key where it was written."""
    lines = [f"reading {name!r}: {error.error_count()} problem{'s' if error.error_count() > 1 else ''}"]
    for problem in error.errors(include_url=False):
        where = ""
        for part in problem["loc"]:
            where += f"[{part}]" if isinstance(part, int) else (f".{part}" if where else str(part))
        lines.append(f"  {origins.locate(where)}: {problem['msg']}")
    return "\n".join(lines)


class _Resolver:
    """Turns a reading's data into the typed models' input: references to dates, defaults from instruments."""

    def __init__(self, raw: Mapping[str, Any], name: str, origins: Origins | None = None) -> None:
        self.raw = raw
        self.name = name
        self.origins = origins
        self.instruments: dict[str, dict[str, Any]] = {}
        self.milestones: dict[str, dict[str, Any]] = {}
        self.provisions: dict[str, dict[str, Any]] = {}
        self.single: list[str] = []
        """The questions that have a single provision, not a table of grants or bars."""

    def fail(self, where: str, message: str) -> RulebookError:
        located = where if self.origins is None else self.origins.locate(where)
        return RulebookError(f"reading {self.name!r}, {located}: {message}")

    def reading(self) -> dict[str, Any]:
        for key in self.raw:
            if key not in _READING_KEYS:
                raise self.fail(key, f"unknown key; expected one of {', '.join(_READING_KEYS)}")
        for key, data in self.raw.get("instruments", {}).items():
            self.instruments[key] = {"key": key, **raw_copy(data)}
        for key, data in self.instruments.items():
            for end in ("start", "end"):
                if end in data:
                    data[end] = self.legal_date(data[end], f"instruments.{key}.{end}", of=f"{key}.{end}")
        for key, data in self.instruments.items():
            self.sources(key, data)
            self.links(key, data)
        for key, data in self.raw.get("milestones", {}).items():
            milestone = raw_copy(data)
            milestone["date"] = self.legal_date(milestone.get("date"), f"milestones.{key}.date", of=key)
            self.milestones[key] = milestone
        rules = raw_copy(self.raw.get("rules", {}))
        # A question has a single provision (foreign-contract), or a table of grants or of bars, each a provision.
        self.single = [
            rule
            for rule, table in rules.items()
            if isinstance(table, dict) and table and not any(name in table for name in _COLLECTIONS)
        ]
        for rule in self.single:
            rules[rule] = self.rule_provision(rules, rule, ())
        for rule, table in rules.items():
            if rule in self.single or not isinstance(table, dict):
                continue
            grants = table.get("grants")
            grants = grants if isinstance(grants, dict) else {}
            for key, data in grants.items():
                where = f"rules.{rule}.grants.{key}"
                grant = self.provision(data, where)
                for route_key, route in grant.get("routes", {}).items():
                    grant["routes"][route_key] = self.route(route, grant["instrument"], f"{where}.routes.{route_key}")
                self.family(grant, where)
                grants[key] = grant
            bars = table.get("bars")
            bars = bars if isinstance(bars, dict) else {}
            for key, data in bars.items():
                where = f"rules.{rule}.bars.{key}"
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

    def sources(self, key: str, data: dict[str, Any]) -> None:
        """An instrument's sources are the titles of its references; given as labels only, each is a reference."""
        where = f"instruments.{key}"
        references, sources = data.get("references"), data.get("sources")
        if references is None:
            if isinstance(sources, list):
                data["references"] = [{"title": title} for title in sources]
            return
        if not isinstance(references, list) or not all(isinstance(item, Mapping) for item in references):
            message = f"expected a list of tables {{title, href, read}}; found {references!r}"
            raise self.fail(f"{where}.references", message)
        titles = [item.get("title") for item in references]
        if sources is None:
            data["sources"] = titles
        elif list(sources) != titles:
            raise self.fail(f"{where}.sources", f"expected the titles of its references, {titles!r}; found {sources!r}")
        quotation = data.get("quotation")
        if isinstance(quotation, Mapping) and quotation.get("source") not in titles:
            message = f"expected the title of one of its references; found {quotation.get('source')!r}"
            raise self.fail(f"{where}.quotation.source", message)

    def links(self, key: str, data: dict[str, Any]) -> None:
        """An instrument's links name instruments of the rulebook; a repeal's date is a legal date of its own.

        An instrument with no end of its own ends on the day of its repeal.
        """
        links = data.get("links", [])
        if not isinstance(links, list):
            return
        for index, link in enumerate(links):
            where = f"instruments.{key}.links[{index}]"
            if not isinstance(link, dict):
                continue
            self.instrument(link.get("instrument"), f"{where}.instrument")
            if "date" in link:
                link["date"] = self.legal_date(link["date"], f"{where}.date", of=f"{key}.{link.get('kind')}")
                if link.get("kind") == "repealed-by" and "end" not in data:
                    data["end"] = {**raw_copy(link["date"]), "of": f"{key}.end"}

    def family(self, grant: dict[str, Any], where: str) -> None:
        """The relations a grant extends to, each with its own status, and the status of an exclusion for them.

        ``family`` is a list of relations (each as sure as the grant) or a table of relation and point (its
        ``status``, ``note`` and ``sources``).
        """
        if "relatives" in grant:
            raise self.fail(f"{where}.relatives", "expected 'family': the relatives are built from it")
        family = grant.get("family", [])
        titles = self.instruments.get(grant.get("instrument", ""), {}).get("sources", [])
        if isinstance(family, Mapping):
            relatives = {}
            for relation, point in family.items():
                relatives[relation] = self.point(point, grant, titles, f"{where}.family.{relation}")
            grant["family"] = list(family)
            grant["relatives"] = relatives
        elif isinstance(family, list):
            grant["relatives"] = {
                relation: {"status": grant["status"]} for relation in family if isinstance(relation, str)
            }
        if "family-exclusion" in grant:
            if "excluded-nationalities" not in grant:
                raise self.fail(f"{where}.family-exclusion", "expected 'excluded-nationalities' for it to qualify")
            exclusion = f"{where}.family-exclusion"
            grant["family-exclusion"] = self.point(grant["family-exclusion"], grant, titles, exclusion)
        elif "excluded-nationalities" in grant:
            grant["family-exclusion"] = {"status": grant["status"]}

    def point(self, value: object, grant: Mapping[str, Any], titles: list[str], where: str) -> dict[str, Any]:
        if not isinstance(value, Mapping):
            raise self.fail(where, f"expected a table with its status, note and sources; found {value!r}")
        point = raw_copy(dict(value))
        point.setdefault("status", grant["status"])
        unknown = [source for source in point.get("sources", []) if source not in titles]
        if unknown:
            message = f"expected titles of {grant['instrument']}'s references; found {unknown!r}"
            raise self.fail(f"{where}.sources", message)
        return point

    def rule_provision(self, rules: Mapping[str, Any], rule: str, seen: tuple[str, ...]) -> dict[str, Any]:
        """A question's single provision, with the values it takes on the same terms as another's."""
        if rule in self.provisions:
            return self.provisions[rule]
        where = f"rules.{rule}"
        resolved = self.provision(rules[rule], where)
        terms = resolved.pop("same-terms-as", None)
        if terms is not None:
            self.same_terms(resolved, terms, rules, (*seen, rule), f"{where}.same-terms-as")
        self.provisions[rule] = resolved
        return resolved

    def same_terms(
        self, resolved: dict[str, Any], terms: object, rules: Mapping[str, Any], seen: tuple[str, ...], where: str
    ) -> None:
        """The values a provision takes "on the same terms" as another: theirs from its own start on.

        A value the provision gives itself stays its own.
        """
        if not isinstance(terms, Mapping) or not isinstance(terms.get("rule"), str):
            raise self.fail(where, f"expected a table with the 'rule' and the 'terms' it takes; found {terms!r}")
        other, names = terms["rule"], terms.get("terms", [])
        if other not in self.single or other in seen:
            known = ", ".join(rule for rule in self.single if rule not in seen)
            raise self.fail(f"{where}.rule", f"expected a rule to take terms from ({known}); found {other!r}")
        if not isinstance(names, list) or not all(name in _DATED for name in names):
            raise self.fail(f"{where}.terms", f"expected a list of {', '.join(_DATED)}; found {names!r}")
        source = self.rule_provision(rules, other, seen)
        resolved["same-terms-as"] = other
        for name in names:
            if name in resolved or name not in source:
                continue
            segments = _from(source[name]["segments"], resolved.get("start"))
            if "note" in terms:
                for segment in segments:
                    segment["note"] = terms["note"]
            resolved[name] = {"segments": segments}

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


def _from(segments: list[dict[str, Any]], start: Mapping[str, Any] | None) -> list[dict[str, Any]]:
    """Dated values as they apply from ``start`` on: those replaced for sure by then are left out.

    The first value kept applies from the start, so it loses its ``since``.
    """
    kept = [raw_copy(segment) for segment in segments]
    if start is not None:
        try:
            begins = UncertainDate.parse(start.get("date")).earliest
            while len(kept) > 1 and UncertainDate.parse(kept[1]["since"]["date"]).latest <= begins:
                kept.pop(0)
        except (DateFormError, KeyError, TypeError):
            pass  # a malformed date: the typed model names it
    kept[0].pop("since", None)
    return kept


def _default() -> Rulebook:
    return Rulebook.load(SHIPPED)


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


_ENDS: Final = {"start": "{} in force", "end": "{} no longer in force", "repealed-by": "{} repealed"}


def _point_label(reading: Reading, point: str) -> str:
    if point in reading.milestones:
        return reading.milestones[point].title
    parts = [part.split("[")[0] for part in point.split(".")]
    provisions = {name.rpartition("/")[2]: provision for name, provision in reading.provisions()}
    for index, part in enumerate(parts):
        rest = parts[index + 1 :]
        if not rest:
            break
        if part in reading.instruments:
            instrument = reading.instruments[part]
            return _label(instrument.short or instrument.title, rest, point)
        provision = provisions.get(part)
        if provision is not None:
            if rest == ["start"]:
                return f"start of {provision.title}"
            instrument = reading.instruments[provision.instrument]
            return _label(provision.pinpoint or instrument.short or instrument.title, rest, point)
    return point


def _label(name: str, rest: list[str], point: str) -> str:
    """How a point of an instrument or a provision called ``name`` reads: its start or end, a new value, a question."""
    tail = rest[-1]
    if len(rest) == 1 and tail in _ENDS:
        return _ENDS[tail].format(name)
    if tail == "since":
        return f"{name}: new {rest[0].replace('-', ' ')} in effect"
    if len(rest) == 2 and rest[0] == "formation":
        return f"whether a contract with a {rest[1].replace('_', ' ')} counts under {name}"
    return point


READINGS_POINT: Final = "readings"
"""The unsettled point of an answer under every reading at once where the readings disagree."""


def point_label(readings: Iterable[Reading], point: str) -> str:
    """A legal point's name for people, as the first of ``readings`` that can name it words it.

    >>> from fighterlaw import RULEBOOK
    >>> point_label([RULEBOOK.reading("enacted")], "decree-10.end")
    'Decree No. 10 no longer in force'
    >>> point_label([], "readings")
    'which reading of the law applies'
    """
    if point == READINGS_POINT:
        return "which reading of the law applies"
    for reading in readings:
        found = reading.point_label(point)
        if found != point:
            return found
    return point


def labelled(point: str, title: str) -> str:
    """A point with its name for people, where it has one: ``decree-10.end (Decree No. 10 no longer in force)``."""
    return point if title == point else f"{point} ({title})"
