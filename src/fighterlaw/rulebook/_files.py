"""The rulebook laid out as files: a table of contents, one file per instrument, one per reading.

A rulebook directory holds:

- ``rulebook.toml``: the table of contents: ``instruments`` (their keys, in order), ``readings`` (the names of
  the readings after the default one), ``default`` (the default reading's ``name`` and ``title``), ``order``
  (for each question whose provisions form a table, such as ``extradition-bar``'s ``bars``, their order), and
  the shared ``milestones`` and ``constants``;
- ``instruments/<key>.toml``: an instrument: its citation, kind, dates, status, ``references``, ``quotation``,
  ``pinpoint``, ``stages`` and typed ``links``, and the provisions it creates, as ``[rules...]`` tables of the
  reading's own shape. An ``amends`` link may set values of the amended instrument's provisions, each from the
  amending instrument's start (``sets.foreign-contract.max-age = "none"``). An instrument with a ``repealed-by``
  link and no ``end`` of its own ends on the day of the repeal;
- ``readings/<name>.toml``: a reading: an overlay on the default reading (``extends``), which says only where it
  departs from it; ``without`` lists what it leaves out of a table.

:func:`read_layout` turns a directory into the data of a single rulebook document, with the file and key each
part of it comes from, so that an error names the file to fix.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from fighterlaw.rulebook._model import raw_copy

__all__ = ["CONTENTS", "Layout", "LayoutError", "Origins", "read_layout"]

CONTENTS: Final = "rulebook.toml"
INSTRUMENTS: Final = "instruments"
READINGS: Final = "readings"
_CONTENTS_KEYS: Final = ("base", "instruments", "readings", "default", "order", "milestones", "constants")
BASE: Final = "fighterlaw"
"""The one base a rulebook may be built on: the rulebook shipped with fighterlaw."""
SHIPPED: Final = Path(__file__).parent
"""The directory of the rulebook shipped with fighterlaw."""
_READING_KEYS: Final = ("title", "extends", "instruments", "milestones", "constants", "rules")
_DATED: Final = ("categories", "sexes", "min-age", "max-age", "excluded-nationalities")
_SEPARATOR: Final = "/"


class LayoutError(ValueError):
    """A rulebook directory that does not hold together: the message names the file and the key."""


@dataclass
class Origins:
    """Where each part of a rulebook document was written: a path prefix, its file, and the file's own prefix."""

    places: dict[str, tuple[str, str]] = field(default_factory=dict)

    def add(self, prefix: str, file: str, strip: str = "") -> None:
        """Parts under ``prefix`` come from ``file``, where their keys lack ``strip``."""
        self.places[prefix] = (file, strip)

    def copy(self) -> Origins:
        """An independent copy, for a reading that overlays some parts."""
        return Origins(dict(self.places))

    def locate(self, where: str) -> str:
        """``where`` (a dotted path in the document) as the file and the key in it: ``instruments/x.toml, end``."""
        best: str | None = None
        for prefix in self.places:
            if _under(where, prefix) and (best is None or len(prefix) > len(best)):
                best = prefix
        if best is None:
            return where
        file, strip = self.places[best]
        key = where[len(strip) :].lstrip(".") if strip else where
        return f"{file}, {key}" if key else file


def _under(where: str, prefix: str) -> bool:
    return not prefix or where == prefix or where.startswith((f"{prefix}.", f"{prefix}["))


@dataclass
class Layout:
    """A rulebook directory read as one document: its data and where each part was written."""

    data: dict[str, Any]
    origins: dict[str, Origins]
    """For each reading, where its parts were written."""
    files: list[str] = field(default_factory=list)
    """Every file read, relative to the directory."""


def read_layout(root: Path) -> Layout:
    """Read a rulebook directory into the data of one rulebook document.

    Raises:
        LayoutError: a file is missing, unlisted or not TOML, or a key holds what it should not; the message
            names the file and the key.
    """
    return _Reader(root).layout()


class _Reader:
    def __init__(self, root: Path, label: str = "") -> None:
        self.root = root
        self.label = label
        """How the files' names begin in messages: the shipped rulebook's, under a rulebook of one's own."""
        self.default = ""
        self.ordered: dict[str, tuple[str, list[str]]] = {}
        self.origins = Origins()
        self.files: list[str] = []
        self.instruments: dict[str, dict[str, Any]] = {}
        self.rules: dict[str, Any] = {}
        self.collections: dict[str, str] = {}
        """For each question whose provisions form a table (``extradition-bar``), that table's name (``bars``)."""
        self.created: dict[str, str] = {}
        """Each provision (``foreign-contract``, ``extradition-bar/item-7``) and the instrument that creates it."""
        self.amendments: list[tuple[str, str, str, Mapping[str, Any]]] = []
        """(file, key prefix, amending instrument, values) of every ``amends`` link that sets values."""

    def place(self, file: str) -> str:
        """A file's name as messages give it."""
        return f"{self.label}{file}"

    def fail(self, file: str, key: str, message: str) -> LayoutError:
        file = self.place(file)
        return LayoutError(f"{file}, {key}: {message}" if key else f"{file}: {message}")

    def load(self, relative: str) -> dict[str, Any]:
        path = self.root / relative
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise self.fail(relative, "", "no such file") from None
        except (OSError, UnicodeDecodeError) as error:
            raise self.fail(relative, "", f"cannot be read: {error}") from None
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            raise self.fail(relative, "", f"not valid TOML: {error}") from None
        self.files.append(relative)
        return data

    def listed(self, data: Mapping[str, Any], key: str, folder: str) -> list[str]:
        """The names a list of the contents gives, each with its file in ``folder``, and no file left unlisted."""
        names = data.get(key, [])
        if not isinstance(names, list) or not all(isinstance(name, str) for name in names):
            raise self.fail(CONTENTS, key, f"expected a list of names; found {names!r}")
        repeated = sorted({name for name in names if names.count(name) > 1})
        if repeated:
            raise self.fail(CONTENTS, key, f"lists {', '.join(repeated)} more than once")
        present = {path.stem for path in (self.root / folder).glob("*.toml")}
        unlisted = sorted(present - set(names))
        if unlisted:
            file = f"{folder}/{unlisted[0]}.toml"
            message = f"not listed in {CONTENTS}'s {key}; add {unlisted[0]!r} there, or remove the file"
            raise self.fail(file, "", message)
        return names

    def layout(self) -> Layout:
        if not (self.root / CONTENTS).is_file():
            msg = f"{self.root}: expected a rulebook directory, with {CONTENTS} in it"
            raise LayoutError(msg)
        contents = self.load(CONTENTS)
        for key in contents:
            if key not in _CONTENTS_KEYS:
                raise self.fail(CONTENTS, key, f"unknown key; expected one of {', '.join(_CONTENTS_KEYS)}")
        inherited: dict[str, Any] = {}
        origins: dict[str, Origins] = {}
        shared: dict[str, dict[str, Any]] = {"milestones": {}, "constants": {}}
        if "base" in contents:
            name, title = self.adopt(contents, inherited, origins, shared)
        else:
            default = contents.get("default", {})
            given = default.get("name") if isinstance(default, Mapping) else None
            if not isinstance(given, str):
                raise self.fail(CONTENTS, "default.name", "expected the name of the default reading")
            name, title = given, default.get("title", given)
        self.default = name
        order = self.order(contents.get("order", {}))
        for table, found in shared.items():
            for key, value in _table(contents.get(table, {}), CONTENTS, table, self).items():
                if key in found:
                    raise self.fail(CONTENTS, f"{table}.{key}", f"the base rulebook already has {table} {key!r}")
                found[key] = raw_copy(value)
                self.origins.add(f"{table}.{key}", self.place(CONTENTS))
        for key in self.listed(contents, "instruments", INSTRUMENTS):
            if key in self.instruments:
                raise self.fail(CONTENTS, "instruments", f"the base rulebook already has an instrument {key!r}")
            self.instrument(key)
        for file, prefix, key, values in self.amendments:
            self.amend(file, prefix, key, values)
        self.arrange(order)
        readings: dict[str, Any] = {name: {"title": title, "rules": self.rules}, **inherited}
        origins[name] = self.origins
        for reading in self.listed(contents, "readings", READINGS):
            if reading in readings:
                message = f"lists the reading {reading!r} twice, or the default one (built from the instruments)"
                raise self.fail(CONTENTS, "readings", message)
            readings[reading], origins[reading] = self.reading(reading, name)
        data = {"instruments": self.instruments, **shared, "readings": readings}
        return Layout(data, origins, self.files)

    def adopt(
        self,
        contents: Mapping[str, Any],
        readings: dict[str, Any],
        origins: dict[str, Origins],
        shared: dict[str, dict[str, Any]],
    ) -> tuple[str, str]:
        """A rulebook on the base of the shipped one: its instruments, provisions and readings come first.

        Returns the name and title of the default reading, which stays the base's.
        """
        if contents["base"] != BASE:
            raise self.fail(CONTENTS, "base", f"expected {BASE!r} (the rulebook shipped with fighterlaw), or no base")
        if "default" in contents:
            raise self.fail(CONTENTS, "default", "a rulebook with a base keeps the base's default reading")
        base = _Reader(SHIPPED, label=f"{BASE}'s ")
        layout = base.layout()
        self.instruments, self.rules, self.created = base.instruments, base.rules, base.created
        self.collections, self.ordered, self.origins = base.collections, base.ordered, base.origins
        for table, found in shared.items():
            found.update(layout.data[table])
        for name, data in layout.data["readings"].items():
            if name != base.default:
                readings[name] = data
                origins[name] = layout.origins[name]
        return base.default, layout.data["readings"][base.default]["title"]

    def order(self, order: object) -> dict[str, tuple[str, list[str]]]:
        """For each question whose provisions form a table: the table's name and its provisions, in order.

        On a base rulebook, the names given here come after the base's.
        """
        for rule, spec in _table(order, CONTENTS, "order", self).items():
            where = f"order.{rule}"
            if not isinstance(spec, Mapping) or len(spec) != 1:
                raise self.fail(CONTENTS, where, "expected one table name and its list, such as bars = [...]")
            ((collection, names),) = spec.items()
            if not isinstance(names, list) or not all(isinstance(item, str) for item in names):
                raise self.fail(CONTENTS, f"{where}.{collection}", f"expected a list of keys; found {names!r}")
            if self.collections.setdefault(rule, collection) != collection:
                expected = self.collections[rule]
                raise self.fail(CONTENTS, f"{where}.{collection}", f"expected {where}.{expected}, as in the base")
            self.rules.setdefault(rule, {collection: {}})
            self.ordered[rule] = (collection, [*self.ordered.get(rule, (collection, []))[1], *names])
        return self.ordered

    def instrument(self, key: str) -> None:
        file = f"{INSTRUMENTS}/{key}.toml"
        data = self.load(file)
        if data.pop("key", key) != key:
            raise self.fail(file, "key", f"the file's name is the instrument's key; expected {key!r} or no 'key'")
        for index, reference in enumerate(data.get("references", [])):
            if isinstance(reference, Mapping) and "read" not in reference:
                raise self.fail(file, f"references[{index}]", "expected 'read', the day the source was read")
        links = data.get("links", [])
        for index, link in enumerate(links if isinstance(links, list) else []):
            if not isinstance(link, dict):
                continue
            values = link.pop("sets", None)
            if values is not None:
                if link.get("kind") != "amends":
                    raise self.fail(file, f"links[{index}].sets", "only an 'amends' link sets values")
                self.amendments.append((file, f"links[{index}].sets", key, values))
            if link.get("kind") == "repealed-by" and "end" not in data and "date" in link:
                # Written into the data, so that a reading may change the end (confirm the repeal) key by key.
                data["end"] = raw_copy(link["date"])
        rules = data.pop("rules", {})
        self.instruments[key] = data
        self.origins.add(f"instruments.{key}", self.place(file), f"instruments.{key}")
        for rule, table in _table(rules, file, "rules", self).items():
            self.provisions(file, key, rule, table)

    def provisions(self, file: str, key: str, rule: str, table: object) -> None:
        """The provisions an instrument creates for one question."""
        where = f"rules.{rule}"
        collection = self.collections.get(rule)
        if collection is None:
            self.create(file, key, rule, where, table)
            self.rules[rule] = table
            return
        items = self.rules[rule][collection]
        written = _table(table, file, where, self)
        for name in written:
            if name != collection:
                raise self.fail(file, f"{where}.{name}", f"expected only {where}.{collection}")
        for item, data in _table(written.get(collection, {}), file, f"{where}.{collection}", self).items():
            self.create(file, key, f"{rule}{_SEPARATOR}{item}", f"{where}.{collection}.{item}", data)
            items[item] = data

    def create(self, file: str, key: str, name: str, where: str, data: object) -> None:
        if not isinstance(data, dict):
            raise self.fail(file, where, f"expected a table of the provision's values; found {data!r}")
        if name in self.created:
            raise self.fail(file, where, f"already created by {INSTRUMENTS}/{self.created[name]}.toml")
        self.created[name] = key
        data.setdefault("instrument", key)
        for param in _DATED:
            if param in data and not _segments(data[param]):
                data[param] = {"value": data[param]}
        self.origins.add(where, self.place(file))

    def provision(self, name: str) -> dict[str, Any] | None:
        rule, _, item = name.partition(_SEPARATOR)
        collection = self.collections.get(rule)
        if bool(item) != (collection is not None):
            return None
        found = self.rules.get(rule) if collection is None else self.rules[rule][collection].get(item)
        return found if isinstance(found, dict) else None

    def amend(self, file: str, prefix: str, key: str, values: object) -> None:
        """Values an amending instrument sets in another's provisions, each from the amending one's start."""
        for name, changes in _table(values, file, prefix, self).items():
            where = f"{prefix}.{name}"
            target = self.provision(name)
            if target is None:
                raise self.fail(file, where, f"no instrument creates the provision {name!r}")
            for param, value in _table(changes, file, where, self).items():
                if param not in target:
                    raise self.fail(file, f"{where}.{param}", f"{name} has no {param} to amend")
                segment = raw_copy(dict(value)) if isinstance(value, Mapping) else {"value": value}
                segment.setdefault("since", key)
                segment.setdefault("provision", key)
                current = target[param]
                target[param] = [*(current if isinstance(current, list) else [current]), segment]

    def arrange(self, order: Mapping[str, tuple[str, list[str]]]) -> None:
        """Each table of provisions in the order the contents give, none left out and none unknown."""
        for rule, (collection, names) in order.items():
            items = self.rules[rule][collection]
            unknown = [name for name in names if name not in items]
            if unknown:
                where = f"order.{rule}.{collection}"
                raise self.fail(CONTENTS, where, f"no instrument creates {', '.join(unknown)}")
            for item in items:
                if item not in names:
                    creator = self.created[f"{rule}{_SEPARATOR}{item}"]
                    where = f"rules.{rule}.{collection}.{item}"
                    message = f"not in {CONTENTS}'s order.{rule}.{collection}; add {item!r} there"
                    raise self.fail(f"{INSTRUMENTS}/{creator}.toml", where, message)
            self.rules[rule][collection] = {name: items[name] for name in names}

    def reading(self, name: str, default: str) -> tuple[dict[str, Any], Origins]:
        file = f"{READINGS}/{name}.toml"
        data = self.load(file)
        for key in data:
            if key not in _READING_KEYS:
                raise self.fail(file, key, f"unknown key; expected one of {', '.join(_READING_KEYS)}")
        data.setdefault("extends", default)
        origins = self.origins.copy()
        origins.add("", self.place(file))
        for prefix in _tables(data, depth=4):
            origins.add(prefix, self.place(file))
        return data, origins


def _segments(value: object) -> bool:
    """Whether a parameter is already written as dated values (a table, or a list of tables)."""
    if isinstance(value, Mapping):
        return True
    return isinstance(value, list) and bool(value) and all(isinstance(item, Mapping) for item in value)


def _table(value: object, file: str, where: str, reader: _Reader) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise reader.fail(file, where, f"expected a table; found {value!r}")
    return value


def _tables(data: Mapping[str, Any], depth: int, prefix: str = "") -> Iterator[str]:
    """The dotted path of every table in ``data``, down to ``depth`` levels."""
    if not depth:
        return
    for key, value in data.items():
        if isinstance(value, Mapping):
            path = f"{prefix}.{key}" if prefix else key
            yield path
            yield from _tables(value, depth - 1, path)
