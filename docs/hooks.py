"""The generated parts of the documentation: built from the code at build time, so they cannot drift from it.

A page asks for a part with a placeholder on a line of its own, ``<!-- generated: NAME [ARGUMENT] -->``, indented
as deep as the part should be (inside an admonition, for instance):

- ``instruments``: a table of every instrument, its in-force dates and the status of its text;
- ``instrument-details``: each instrument in full: citation, pinpoint, effect, dates with their statuses and notes,
  the stages of its making, its links to other instruments (and theirs to it), its quotation, and its sources as
  links with the day each was read;
- ``milestones``: the dates and constants that several provisions share;
- ``readings``: each reading's provisions, with their in-force dates and statuses;
- ``values WHERE``: one provision's values under each reading (``foreign-contract``,
  ``simplified-citizenship/decree-821``, ``extradition-bar/item-7``), each with its date, source and status;
- ``press``: the press account's provisions beside the instruments', question by question;
- ``fields``: the fields of an input record, from its JSON Schema;
- ``schema``: the JSON Schema of an input record, as ``fighterlaw schema`` prints it;
- ``report``: the JSON report of a small example record;
- ``csv-columns``: the columns of the flat layout (CSV and workbooks): the record field each fills, the values
  its cells may hold (from the record's JSON Schema) and what it means;
- ``kleene``: the truth tables of the verdicts' *and*, *or* and *not*;
- ``cli-help COMMAND``: the ``--help`` text of a command (``fighterlaw`` for the program itself).

mkdocs runs :func:`on_page_markdown` on every page (``hooks:`` in ``mkdocs.yml``). An unknown part, or one whose
argument names nothing, stops the build.

>>> table = render("<!-- generated: values stateless-contract -->", "rules/x.md")
>>> print(table.splitlines()[4].split(" | ")[2])
[`law-2025-07-07`](../law/instruments.md#law-2025-07-07)
>>> try:
...     render("<!-- generated: nothing -->", "x.md")
... except ValueError as error:
...     print(str(error).split(";")[0])
unknown generated part 'nothing'
"""

from __future__ import annotations

import contextlib
import io
import json
import operator
import os
import posixpath
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, Final

import fighterlaw as fl
from fighterlaw._input import CSV_COLUMNS
from fighterlaw.cli import main as cli_main
from fighterlaw.rulebook import Constant, Milestone, Point, Reference, Stage
from fighterlaw.rulebook._model import (
    Bar,
    CitizenBar,
    CombatOffenceBar,
    ContractRoute,
    Dated,
    DischargedRoute,
    FactBar,
    Grant,
    Provision,
    Route,
    ServedDuringRoute,
    ServiceBar,
    ServingOnRoute,
    UnfitRoute,
    VeteranBar,
)

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

INSTRUMENTS_PAGE: Final = "law/instruments.md"
_PLACEHOLDER: Final = re.compile(
    r"^(?P<indent>[ \t]*)<!-- generated: (?P<name>[a-z-]+)(?: (?P<arg>\S+))? -->$",
    re.MULTILINE,
)
_DATE: Final = re.compile(r"(?<![\w-])\d{4}-\d{2}(?:-\d{2})?(?![\w-])")
_NOWRAP: Final = r'<span class="fl-nowrap">\g<0></span>'
_ROLE: Final = re.compile(r":(?:class|meth|func|attr|mod|data|exc|obj):(?=<code>)")
_HELP_WIDTH: Final = "100"
_EXAMPLE: Final = {"id": "s-1", "citizenship": "stateless", "birth_date": "1999-07"}
_EXAMPLE_DAY: Final = date(2026, 6, 1)

Row = tuple[str, str, str, str]
"""One row of a table of values: the condition, its value, the instrument that sets it, and its status."""


# --- mkdocs hooks -------------------------------------------------------------------------------------------------


def on_page_markdown(
    markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
) -> str:
    """Replace the page's placeholders by the parts they name."""
    from mkdocs.exceptions import PluginError  # noqa: PLC0415 - only a build needs mkdocs; the tests do not

    try:
        return render(markdown, page.file.src_uri)
    except ValueError as error:
        msg = f"{page.file.src_uri}: {error}"
        raise PluginError(msg) from None


def on_page_content(
    html: str, /, *, page: Page, config: MkDocsConfig, files: Files
) -> str:
    """Drop the reStructuredText roles (``:class:``) that some docstrings put before a name in backticks."""
    return _ROLE.sub("", html)


# --- placeholders -------------------------------------------------------------------------------------------------


def render(markdown: str, page: str) -> str:
    """The page's Markdown with each placeholder replaced by the part it names; ``page`` is its path in docs/."""

    def replace(match: re.Match[str]) -> str:
        name, argument = match.group("name"), match.group("arg")
        part = _PARTS.get(name)
        if part is None:
            msg = f"unknown generated part {name!r}; expected one of: {', '.join(sorted(_PARTS))}"
            raise ValueError(msg)
        text = part(_Context(page), argument).rstrip("\n")
        indent = match.group("indent")
        return "\n".join(indent + line if line else line for line in text.splitlines())

    return _PLACEHOLDER.sub(replace, markdown)


class _Context:
    """What a part needs to know about the page it goes into: where it is, for relative links."""

    def __init__(self, page: str) -> None:
        self.page = page

    def link(self, target: str, anchor: str = "") -> str:
        """A link from this page to ``target`` (a path in docs/), relative, as mkdocs checks it."""
        relative = posixpath.relpath(target, posixpath.dirname(self.page) or ".")
        return f"{relative}#{anchor}" if anchor else relative

    def instrument(self, key: str) -> str:
        """An instrument's key, linked to its entry on the instruments page."""
        return f"[`{key}`]({self.link(INSTRUMENTS_PAGE, key)})"


def _no_argument(name: str, argument: str | None) -> None:
    if argument is not None:
        msg = f"the generated part {name!r} takes no argument; found {argument!r}"
        raise ValueError(msg)


def _cell(text: object) -> str:
    """Text made safe for a table cell."""
    return str(text).replace("|", "\\|").replace("\n", " ")


def _status(status: fl.Status | None, note: str = "") -> str:
    if status is None:
        return ""
    badge = f'<span class="fl-status fl-{status.value}">{status.value}</span>'
    return f"{badge} {_cell(note)}" if note else badge


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines.extend("| " + " | ".join(map(_unbroken_dates, row)) + " |" for row in rows)
    return "\n".join(lines)


def _unbroken_dates(cell: str) -> str:
    """The cell with each date kept on one line (a browser would break one at its hyphens).

    Dates inside code spans, and those in instrument keys and link targets, are left alone.

    >>> _unbroken_dates("from 2023-10-26 (`law-2022-05-28`)")
    'from <span class="fl-nowrap">2023-10-26</span> (`law-2022-05-28`)'
    """
    parts = cell.split("`")
    parts[::2] = [_DATE.sub(_NOWRAP, part) for part in parts[::2]]
    return "`".join(parts)


def _readings() -> list[fl.Reading]:
    return list(fl.RULEBOOK)


def _instruments() -> dict[str, fl.Instrument]:
    """The instruments, which every reading shares; the page would mislead if a reading changed one."""
    readings = _readings()
    first = readings[0].instruments
    for reading in readings[1:]:
        if reading.instruments != first:
            msg = f"the reading {reading.name!r} changes an instrument; the instruments page cannot show that yet"
            raise ValueError(msg)
    return first


def _legal(legal: fl.LegalDate | None, none: str) -> str:
    """A date of law as a phrase (``some day in 2022-11``), or ``none`` if there is none."""
    return none if legal is None else _since(legal)


def _legal_status(legal: fl.LegalDate | Point | None) -> str:
    """The status of a date of law (or of a point of a provision), with its note and its own sources."""
    if legal is None:
        return ""
    note = legal.note.rstrip(".")
    if legal.sources:
        note = (
            f"{note} (sources: {'; '.join(legal.sources)})"
            if note
            else f"sources: {'; '.join(legal.sources)}"
        )
    return _status(legal.status, note)


# --- instruments, milestones, readings ------------------------------------------------------------------------


def _instruments_table(context: _Context, argument: str | None) -> str:
    _no_argument("instruments", argument)
    rows = [
        [
            f"[`{key}`](#{key})",
            _cell(instrument.title),
            _dated_with_status(instrument.start, "not dated"),
            _dated_with_status(instrument.end, "still in force"),
            _status(instrument.status),
        ]
        for key, instrument in _instruments().items()
    ]
    return _table(
        ["key", "instrument", "in force from", "until", "status of the text"], rows
    )


def _dated_with_status(legal: fl.LegalDate | None, none: str) -> str:
    """A date with the status of its own sources (which may differ from its instrument's)."""
    return none if legal is None else f"{_since(legal)} {_status(legal.status)}"


def _instrument_details(context: _Context, argument: str | None) -> str:
    _no_argument("instrument-details", argument)
    instruments = _instruments()
    blocks: list[str] = []
    for key, instrument in instruments.items():
        lines = [f"### `{key}` {{#{key}}}", "", f"**{instrument.title}**", ""]
        lines.append(f"- Cite as: {instrument.citation}.")
        if instrument.pinpoint:
            lines.append(f"- Pinpoint: {instrument.pinpoint}.")
        lines.append(f"- What it does: {instrument.effect}")
        if instrument.kind != "law":
            lines.append(f"- Kind: {instrument.kind}.")
        lines.append(
            f"- Status of the text: {_status(instrument.status, instrument.status_note)}"
        )
        for label, legal, none in (
            (
                "In force from",
                instrument.start,
                "not dated: the rules treat it as in force throughout",
            ),
            ("Until", instrument.end, "still in force"),
        ):
            if legal is None:
                lines.append(f"- {label}: {none}.")
            else:
                lines.append(
                    f"- {label}: {_legal(legal, none)}, {_legal_status(legal)}"
                )
        if instrument.start is not None and instrument.start.published is not None:
            lines.append(
                f"- Published on {instrument.start.published}; in force by the rule of "
                f"[`{instrument.start.derive}`](#{instrument.start.derive})."
            )
        lines.extend(
            f"- {stage.what[:1].upper()}{stage.what[1:]}: {_stage_date(stage)} {_status(stage.status, stage.note)}"
            for stage in instrument.stages
        )
        lines.extend(_links(key, instrument, instruments))
        lines.extend(
            f"- Fixes: `{name}` = {value}."
            for name, value in instrument.parameters.items()
        )
        if instrument.quotation is not None:
            quoted = instrument.quotation
            said = f"{quoted.source}, {quoted.note}" if quoted.note else quoted.source
            lines.append(f"- Quotation: \u201c{quoted.text}\u201d ({said}).")
        lines.append("- Sources:")
        lines.extend(
            f"    - {_reference(reference)}" for reference in instrument.references
        )
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _stage_date(stage: Stage) -> str:
    return stage.date.when().removeprefix("on ")


def _reference(reference: Reference) -> str:
    """A source as a link where it has an address, with the day it was read."""
    title = _cell(reference.title).replace("[", "\\[").replace("]", "\\]")
    shown = f"[{title}]({reference.href})" if reference.href else title
    if reference.read is not None:
        shown += f" (read {reference.read.when().removeprefix('on ')})"
    return shown


_LINKED: Final = {
    "repealed-by": "Repealed by",
    "amends": "Amends",
    "same-terms-as": "On the same terms as",
}


def _links(
    key: str, instrument: fl.Instrument, instruments: Mapping[str, fl.Instrument]
) -> list[str]:
    """The instrument's typed links, and the repeals and amendments other instruments make of it."""
    lines = []
    for link in instrument.links:
        said = f"- {_LINKED[link.kind]} [`{link.instrument}`](#{link.instrument})"
        if link.date is not None:
            said += f", {_legal(link.date, '')}, {_legal_status(link.date)}"
        elif link.note:
            said += f": {link.note}"
        lines.append(said.rstrip(", ") + ("" if said.endswith(".") else "."))
    for other, found in instruments.items():
        for link in found.links:
            if link.instrument != key or link.kind == "same-terms-as":
                continue
            verb = "Repeals" if link.kind == "repealed-by" else "Amended by"
            said = f"- {verb} [`{other}`](#{other})"
            if link.date is not None:
                said += f", {_legal(link.date, '')} {_status(link.date.status)}"
            lines.append(f"{said}.")
    return lines


def _milestones(context: _Context, argument: str | None) -> str:
    _no_argument("milestones", argument)
    dates: dict[str, tuple[Milestone, list[str]]] = {}
    numbers: dict[str, tuple[Constant, list[str]]] = {}
    for reading in _readings():
        for key, milestone in reading.milestones.items():
            dates.setdefault(key, (milestone, []))[1].append(reading.name)
        for key, constant in reading.constants.items():
            numbers.setdefault(key, (constant, []))[1].append(reading.name)
    everyone = len(_readings())
    date_rows = [
        [
            f"`{key}`",
            _cell(milestone.title),
            _legal(milestone.date, ""),
            _legal_status(milestone.date),
            "all"
            if len(names) == everyone
            else ", ".join(f"`{name}`" for name in names),
        ]
        for key, (milestone, names) in dates.items()
    ]
    constant_rows = [
        [
            f"`{key}`",
            _cell(constant.title),
            str(constant.value),
            _status(constant.status, constant.note),
            "all"
            if len(names) == everyone
            else ", ".join(f"`{name}`" for name in names),
        ]
        for key, (constant, names) in numbers.items()
    ]
    return "\n\n".join(
        [
            _table(["milestone", "what", "date", "status", "readings"], date_rows),
            _table(["constant", "what", "value", "status", "readings"], constant_rows),
        ]
    )


def provisions(reading: fl.Reading) -> Iterator[tuple[str, Provision | Bar]]:
    """Each provision of a reading, named by its rule and its grant or bar (``simplified-citizenship/decree-10``)."""
    yield from reading.provisions()


def _readings_part(context: _Context, argument: str | None) -> str:
    _no_argument("readings", argument)
    blocks: list[str] = []
    for reading in _readings():
        rows = [
            [
                f"[`{where}`]({context.link(f'rules/{_rule_of(where)}.md')})",
                context.instrument(provision.instrument),
                _dated_with_status(provision.start, "always"),
                _dated_with_status(provision.end, "still in force"),
                _status(provision.status),
            ]
            for where, provision in provisions(reading)
        ]
        blocks.append(f"### `{reading.name}`\n\n{reading.title}.\n\n")
        blocks[-1] += _table(
            ["provision", "instrument", "in force from", "until", "status of the text"],
            rows,
        )
    return "\n\n".join(blocks)


# --- one provision's values -----------------------------------------------------------------------------------


def _values(context: _Context, argument: str | None) -> str:
    if argument is None:
        msg = "the generated part 'values' needs a provision, such as 'values simplified-citizenship/decree-10'"
        raise ValueError(msg)
    groups: list[tuple[list[str], Provision | Bar]] = []
    for reading in _readings():
        found = dict(provisions(reading)).get(argument)
        if found is None:
            continue
        for names, provision in groups:
            if provision == found:
                names.append(reading.name)
                break
        else:
            groups.append(([reading.name], found))
    if not groups:
        known = sorted(
            {where for reading in _readings() for where, _ in provisions(reading)}
        )
        msg = f"no reading has the provision {argument!r}; expected one of: {', '.join(known)}"
        raise ValueError(msg)
    blocks = []
    for names, provision in groups:
        label = "reading" if len(names) == 1 else "readings"
        heading = f"Under the {label} {', '.join(f'`{name}`' for name in names)}"
        if provision.pinpoint:
            heading += f" ({provision.pinpoint})"
        rows = [
            [condition, _cell(value), context.instrument(source), status]
            for condition, value, source, status in _rows(provision)
        ]
        blocks.append(
            f"{heading}:\n\n{_table(['condition', 'value', 'set by', 'status and note'], rows)}"
        )
    return "\n\n".join(blocks)


def _since(legal: fl.LegalDate) -> str:
    """A date as the day something starts or ends: ``2022-11-14``, ``some day in 2022-11``."""
    said = legal.date.when().removeprefix("on ")
    return said if legal.certain else f"{said} (possibly)"


def _rows(provision: Provision | Bar) -> list[Row]:
    """The provision's values, each with the instrument that sets it and its status."""
    instrument, status = provision.instrument, _status(provision.status)
    start = f"from {_since(provision.start)}" if provision.start else "always"
    rows: list[Row] = [("in force", start, instrument, _legal_status(provision.start))]
    if provision.end is not None:
        rows.append(
            ("until", _since(provision.end), instrument, _legal_status(provision.end))
        )
    match provision:
        case Grant():
            rows.extend(_eligibility(provision))
            rows.extend(_family(provision, instrument))
            for name, route in provision.routes.items():
                rows.extend(_route(name, route, instrument, provision.status))
        case Provision():
            rows.extend(_eligibility(provision))
        case CitizenBar():
            rows.append(
                (
                    "bars",
                    "the person as a whole, if a Russian citizen on D",
                    instrument,
                    status,
                )
            )
        case FactBar():
            scope = (
                "the person as a whole"
                if provision.scope == "person"
                else "each offence"
            )
            said = f"{scope}, if `{provision.fact}` is {'true' if provision.bars_when else 'false'}"
            rows.append(("bars", said, instrument, status))
        case ServiceBar():
            rows.extend(
                _dated("citizenship status on D", provision.categories, _categories)
            )
            service = (
                "serves under contract on D, or served before D; and took part in combat"
                if provision.combat_required_while_serving
                else "serves under contract on D, or served before D and took part in combat"
            )
            rows.append(("service", service, instrument, status))
            rows.extend(_formations(provision.formations, instrument, status))
            rows.append(("bars", "the person as a whole", instrument, status))
        case VeteranBar():
            rows.extend(
                _dated("citizenship status on D", provision.categories, _categories)
            )
            service = "served under contract before D, and took part in combat"
            rows.append(("service", service, instrument, status))
            rows.extend(_formations(provision.formations, instrument, status))
            rows.append(("instead of expulsion", provision.instead, instrument, status))
        case CombatOffenceBar():
            service = "served under contract before D, and the offence is related to participation in combat"
            rows.append(("service", service, instrument, status))
            rows.extend(_formations(provision.formations, instrument, status))
            rows.append(
                (
                    "bars",
                    "each offence, never the person as a whole",
                    instrument,
                    status,
                )
            )
    if not isinstance(provision, Provision) and provision.treaty is not None:
        warning = "when this is the only bar that applies, the result warns that a treaty may oblige Russia otherwise"
        rows.append(("warning", warning, provision.treaty, ""))
    return rows


def _family(grant: Grant, instrument: str) -> list[Row]:
    """The family a grant extends to: one row, or one per relation where their sources differ."""
    relations = [relation for relation in fl.Relation if relation in grant.family]
    points = [grant.relatives.get(relation) for relation in relations]
    label = "family it extends to"
    if all(
        point is None or (point.status is grant.status and not point.note)
        for point in points
    ):
        shown = ", ".join(relation.value for relation in relations) or "none"
        rows: list[Row] = [(label, shown, instrument, _status(grant.status))]
    else:
        rows = [
            (label, relation.value, instrument, _point(point, grant.status))
            for relation, point in zip(relations, points, strict=True)
        ]
    if grant.family_exclusion is not None:
        said = "an applicant of an excluded nationality is excluded on the family route too"
        rows.append(
            (
                "family route",
                said,
                instrument,
                _point(grant.family_exclusion, grant.status),
            )
        )
    return rows


def _point(point: Point | None, status: fl.Status) -> str:
    return _status(status) if point is None else _legal_status(point)


def _categories(value: frozenset[fl.Citizenship]) -> str:
    return (
        ", ".join(status.value for status in fl.Citizenship if status in value)
        or "none"
    )


def _age(value: int | None) -> str:
    return "no limit" if value is None else str(value)


def _dated(
    label: str, dated: Dated[Any] | None, show: Callable[[Any], str]
) -> list[Row]:
    """A parameter's values over time: each from its ``since``, until the next one's."""
    if dated is None:
        return []
    rows: list[Row] = []
    segments = dated.segments
    for index, segment in enumerate(segments):
        value = show(segment.value)
        if segment.since is not None:
            value += f", from {_since(segment.since)}"
        following = segments[index + 1].since if index + 1 < len(segments) else None
        if following is not None:
            value += f", until {_since(following)}"
        note = (
            segment.since.note
            if segment.since is not None and segment.since.note
            else segment.note
        )
        rows.append((label, value, segment.provision, _status(segment.status, note)))
    return rows


def _eligibility(provision: Provision) -> list[Row]:
    return [
        *_dated("citizenship status on D", provision.categories, _categories),
        *_dated(
            "excluded nationalities",
            provision.excluded_nationalities,
            lambda v: ", ".join(sorted(v)),
        ),
        *_dated(
            "sex",
            provision.sexes,
            lambda v: ", ".join(sex.value for sex in fl.Sex if sex in v),
        ),
        *_dated("aged at least, on D", provision.min_age, _age),
        *_dated("aged at most, on D", provision.max_age, _age),
    ]


def _formations(
    formations: Mapping[fl.Formation, str], instrument: str, status: str
) -> list[Row]:
    said = {
        "yes": "counts",
        "no": "does not count",
        "unsettled": "unsettled, so the condition is undetermined",
    }
    return [
        (f"a contract with `{formation}`", said[settled], instrument, status)
        for formation, settled in formations.items()
    ]


def _route(name: str, route: Route, instrument: str, status: fl.Status) -> list[Row]:
    label = f"route `{name}`"
    badge = _status(status)
    rows: list[Row] = []
    match route:
        case ContractRoute():
            since = route.signed_since
            if since is None:
                rows.append((label, "a contract signed by D", instrument, badge))
            else:
                said = f"a contract signed by D, on or after {_since(since)} (`{since.of}`)"
                rows.append((label, said, instrument, _legal_status(since)))
            rows.extend(
                _dated(
                    f"{label}: term in months, at least", route.min_term_months, _age
                )
            )
        case ServingOnRoute():
            said = f"serving on {_since(route.on)} (`{route.on.of}`) under a contract signed before that day"
            rows.append((label, said, instrument, _legal_status(route.on)))
        case ServedDuringRoute():
            said = f"served under contract at some time from {_since(route.since)} (`{route.since.of}`) to D"
            rows.append((label, said, instrument, _legal_status(route.since)))
            rows.extend(
                _dated(
                    f"{label}: term in months, at least", route.min_term_months, _age
                )
            )
        case DischargedRoute():
            grounds = ", ".join(
                ground.value
                for ground in fl.DischargeGrounds
                if ground in route.grounds
            )
            said = f"discharged by D, on the grounds: {grounds}"
            if route.since is None:
                rows.append((label, f"{said}, whatever its date", instrument, badge))
            else:
                said += f"; on or after {_since(route.since)} (`{route.since.of}`)"
                rows.append((label, said, instrument, _legal_status(route.since)))
            if route.proof_required:
                rows.append(
                    (
                        f"{label}: proof",
                        "holds the extract of the discharge order",
                        instrument,
                        badge,
                    )
                )
        case UnfitRoute():
            rows.append(
                (
                    label,
                    "holds a commission decision of unfitness, taken by D",
                    instrument,
                    badge,
                )
            )
    if route.combat_required:
        rows.append(
            (
                f"{label}: combat",
                "only for a person who took part in combat",
                instrument,
                badge,
            )
        )
    if route.available_from is not None:
        legal = route.available_from
        said = f"from {_since(legal)} (`{legal.of}`)"
        rows.append((f"{label}: open", said, instrument, _legal_status(legal)))
    return rows


# --- the press account beside the instruments ----------------------------------------------------------------


def _press(context: _Context, argument: str | None) -> str:
    _no_argument("press", argument)
    press, enacted = fl.RULEBOOK.reading("press"), fl.RULEBOOK.reading("enacted")
    rows: list[list[str]] = []
    for rule in fl.RULE_IDS:
        mine = [item for item in provisions(press) if _rule_of(item[0]) == rule]
        theirs = [item for item in provisions(enacted) if _rule_of(item[0]) == rule]
        differ_mine = [item for item in mine if _differs(item, enacted)]
        differ_theirs = [item for item in theirs if _differs(item, press)]
        if differ_mine or differ_theirs:
            rows.append(
                [
                    f"`{rule}`",
                    _summary(context, differ_mine, _conditions(theirs)),
                    _summary(context, differ_theirs, _conditions(mine)),
                ]
            )
    header = [
        "question",
        "press account (reading `press`)",
        "instruments (reading `enacted`)",
    ]
    return _table(header, rows)


def _rule_of(where: str) -> str:
    return where.split("/", 1)[0]


def _differs(item: tuple[str, Provision | Bar], other: fl.Reading) -> bool:
    where, provision = item
    return dict(provisions(other)).get(where) != provision


def _conditions(items: Sequence[tuple[str, Provision | Bar]]) -> set[tuple[str, str]]:
    """Every condition and value of some provisions, to leave out what two accounts share."""
    return {(row[0], row[1]) for _, provision in items for row in _rows(provision)}


def _summary(
    context: _Context,
    items: Sequence[tuple[str, Provision | Bar]],
    shared: set[tuple[str, str]],
) -> str:
    """Each provision's in-force dates, and its conditions that the other account does not share."""
    lines = []
    for where, provision in items:
        force = "always"
        if provision.start is not None:
            force = f"from {_since(provision.start)} {_status(provision.start.status)}"
        if provision.end is not None:
            force += f" until {_since(provision.end)} {_status(provision.end.status)}"
        name = where.partition("/")[2]
        source = context.instrument(provision.instrument)
        lines.append(f"{f'`{name}` ({source})' if name else source}: in force {force}")
        lines.extend(
            f"&emsp;{condition}: {_cell(value)}"
            for condition, value, _, _ in _rows(provision)
            if condition not in {"in force", "until", "warning"}
            and (condition, value) not in shared
        )
    return "<br>".join(lines) or "-"


# --- input, output and the command line -----------------------------------------------------------------------


def _fields(context: _Context, argument: str | None) -> str:
    _no_argument("fields", argument)
    schema = fl.Person.model_json_schema()
    rows = list(_field_rows(schema, schema["$defs"].get("Person", schema), ""))
    return _table(["field", "type", "meaning"], rows)


def _field_rows(
    schema: dict[str, Any], model: dict[str, Any], prefix: str
) -> Iterator[list[str]]:
    required = set(model.get("required", ()))
    for name, field in model["properties"].items():
        path = f"{prefix}{name}"
        shown, nested, array = _type(schema, field)
        needed = " **(required)**" if name in required else ""
        yield [
            f"`{path}`",
            shown + needed,
            _cell(_describe(field.get("description", ""))),
        ]
        if nested is not None:
            yield from _field_rows(
                schema, nested, f"{path}[]." if array else f"{path}."
            )


def _describe(text: str) -> str:
    return text.replace("``None``", "`null`").replace('``"open"``', '`"open"`')


def _type(
    schema: dict[str, Any], field: dict[str, Any]
) -> tuple[str, dict[str, Any] | None, bool]:
    """How a field's type reads, the object it nests (if any, and not the record itself), and if it is a list."""
    defs = schema["$defs"]
    if "$ref" in field:
        name = field["$ref"].rsplit("/", 1)[1]
        target = defs[name]
        if "enum" in target:
            return (
                "one of " + ", ".join(f"`{value}`" for value in target["enum"]),
                None,
                False,
            )
        if name == "Person":
            return "a person's record (these same fields)", None, False
        return "object", target, False
    if field.get("type") == "array":
        shown, nested, _ = _type(schema, field["items"])
        return f"list of {shown}", nested, True
    if "oneOf" in field:
        return "date", None, False
    options = field.get("anyOf")
    if options:
        parts = [_type(schema, option) for option in options]
        nested = next((nested for _, nested, _ in parts if nested is not None), None)
        array = any(array for _, _, array in parts)
        return " or ".join(shown for shown, _, _ in parts), nested, array
    if "const" in field:
        return f"`{json.dumps(field['const'])}`", None, False
    kind = field.get("type", "any")
    if kind == "integer" and "minimum" in field:
        return f"integer {field['minimum']} to {field['maximum']}", None, False
    if kind == "string" and "pattern" in field:
        return f"string matching `{field['pattern']}`", None, False
    return {"null": "`null`", "boolean": "true or false"}.get(kind, kind), None, False


def _run(argv: Sequence[str]) -> str:
    """What the command line prints (standard output and error, in order) for ``argv``."""
    out = io.StringIO()
    before = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = _HELP_WIDTH
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            cli_main(list(argv))
    finally:
        if before is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = before
    return out.getvalue()


def _schema(context: _Context, argument: str | None) -> str:
    _no_argument("schema", argument)
    return f"```json\n{_run(['schema']).rstrip()}\n```"


def _report(context: _Context, argument: str | None) -> str:
    _no_argument("report", argument)
    person = fl.Person.model_validate(_EXAMPLE)
    report = fl.evaluate(person, as_of=_EXAMPLE_DAY, rules=["stateless-contract"])
    return (
        f"The report of `{json.dumps(_EXAMPLE)}` on {_EXAMPLE_DAY}, for the rule `stateless-contract` only:\n\n"
        f"```json\n{report.to_json(indent=2)}\n```"
    )


def _csv_columns(context: _Context, argument: str | None) -> str:
    _no_argument("csv-columns", argument)
    schema = fl.Person.model_json_schema()
    rows = []
    for column, (path, kind) in CSV_COLUMNS.items():
        field, required, whose = _field_at(schema, path)
        needed = (
            "; **required**" + (f" when any {whose} cell is filled" if whose else "")
            if required
            else ""
        )
        meaning = (
            _describe(field.get("description", ""))
            .replace("`null`", "empty")
            .replace('`"open"`', "`open`")
        )
        whose_field = _whose(path)
        if whose_field:
            meaning = meaning[:1].lower() + meaning[1:]
        rows.append(
            [
                f"`{column}`",
                "<code>" + path.replace(".", ".<wbr>") + "</code>",
                _csv_values(field, kind) + needed,
                _cell(whose_field + meaning),
            ]
        )
    return _table(["column", "record field", "allowed values", "meaning"], rows)


_CSV_STEP: Final = re.compile(r"([a-z_]+)(?:\[(\d+)\])?")
_GROUPS: Final = {
    "contracts": "contract",
    "discharge": "discharge",
    "unfitness_ruling": "unfitness ruling",
    "offences": "offence",
    "family": "family link",
    "member": "family member",
}


_ORDINALS: Final = ("", "second", "third", "fourth")


def _whose(path: str) -> str:
    """Whose field a column fills, when it is not the person's own first one: ``The family member's: ``."""
    if path.startswith("family[0].member."):
        return "Of the family member: "
    numbers = [int(number) for number in re.findall(r"\[(\d+)\]", path)]
    if numbers and numbers[-1]:
        group = _GROUPS[_CSV_STEP.findall(path)[-2][0]]
        return f"Of the {_ORDINALS[numbers[-1]]} {group}: "
    return ""


def _field_at(schema: dict[str, Any], path: str) -> tuple[dict[str, Any], bool, str]:
    """The JSON Schema of the field at a record path, whether its model requires it, and the group it is in."""
    defs = schema["$defs"]
    model = defs.get("Person", schema)
    group = ""
    steps = _CSV_STEP.findall(path)
    for number, (name, _) in enumerate(steps):
        field = model["properties"][name]
        if number == len(steps) - 1:
            return field, name in model.get("required", ()), group
        group = _GROUPS[name]
        target = field.get("items", field)
        ref = target.get("$ref") or next(
            option["$ref"] for option in target["anyOf"] if "$ref" in option
        )
        model = defs[ref.rsplit("/", 1)[1]]
    msg = f"no field at {path!r}"
    raise ValueError(msg)


def _csv_values(field: dict[str, Any], kind: str) -> str:
    """What a cell of the flat layout may hold, from the field's JSON Schema and the way the reader reads it."""
    options = [field, *field.get("anyOf", ())]
    enum = next((option["$ref"] for option in options if "$ref" in option), None)
    if enum is not None:
        values = fl.Person.model_json_schema()["$defs"][enum.rsplit("/", 1)[1]].get(
            "enum"
        )
        if values:
            return "one of " + ", ".join(f"`{value}`" for value in values)
    if kind == "bool":
        return "`true` or `false` (`TRUE` and `FALSE` too, as Excel writes them)"
    if kind == "date":
        return "a day `YYYY-MM-DD`, a month `YYYY-MM`, a year `YYYY`, a window `2026-03-04..2026-03-09` or `unknown`"
    if kind == "term":
        whole = next(option for option in options if option.get("type") == "integer")
        return f"a whole number of months from {whole['minimum']} to {whole['maximum']}, or `open`"
    pattern = next(
        (option["pattern"] for option in options if "pattern" in option), None
    )
    if pattern == "^[A-Z]{2}$":
        return "an ISO 3166-1 alpha-2 code in capitals, such as `NP`"
    if pattern is not None:
        return f"text matching `{pattern}`"
    return "any text"


def _kleene(context: _Context, argument: str | None) -> str:
    _no_argument("kleene", argument)
    verdicts = list(fl.Verdict)
    blocks = []
    for name, symbol, combine in (
        ("and", "<code>&amp;</code>", operator.and_),
        # A pipe would end the table cell, even inside backticks.
        ("or", "<code>&#124;</code>", operator.or_),
    ):
        rows = [
            [f"**{a.value}**", *(combine(a, b).value for b in verdicts)]
            for a in verdicts
        ]
        blocks.append(
            _table([f"*{name}* ({symbol})", *(v.value for v in verdicts)], rows)
        )
    blocks.append(
        _table(["*not* (`~`)", ""], [[f"**{v.value}**", (~v).value] for v in verdicts])
    )
    return "\n\n".join(blocks)


def _cli_help(context: _Context, argument: str | None) -> str:
    commands = (
        "fighterlaw",
        "check",
        "explain",
        "timeline",
        "whatif",
        "report",
        "diff",
        "summary",
        "replay",
        "rules",
        "schema",
    )
    if argument not in commands:
        msg = f"expected a command ({', '.join(commands)}); found {argument!r}"
        raise ValueError(msg)
    argv = ["--help"] if argument == "fighterlaw" else [argument, "--help"]
    shown = "fighterlaw " + " ".join(argv)
    return f"```text\n$ {shown}\n{_run(argv).rstrip()}\n```"


_PARTS: Final[dict[str, Callable[[_Context, str | None], str]]] = {
    "instruments": _instruments_table,
    "instrument-details": _instrument_details,
    "milestones": _milestones,
    "readings": _readings_part,
    "values": _values,
    "press": _press,
    "fields": _fields,
    "schema": _schema,
    "report": _report,
    "csv-columns": _csv_columns,
    "kleene": _kleene,
    "cli-help": _cli_help,
}
