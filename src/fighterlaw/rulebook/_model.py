"""The typed shape of the rulebook: instruments, dated values, provisions, routes, bars and readings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Annotated, Generic, Literal, Self, TypeAlias, TypeVar, cast

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from fighterlaw.dates import UncertainDate
from fighterlaw.facts import Citizenship, DischargeGrounds, Formation, Relation, Sex
from fighterlaw.logic import Status

__all__ = [
    "Bar",
    "CitizenBar",
    "CitizenshipRule",
    "CombatOffenceBar",
    "Constant",
    "ContractRoute",
    "Dated",
    "DischargedRoute",
    "ExpulsionBar",
    "ExpulsionRule",
    "ExtraditionRule",
    "FactBar",
    "Grant",
    "Instrument",
    "LegalDate",
    "Link",
    "Milestone",
    "Point",
    "Provision",
    "Quotation",
    "Reference",
    "Route",
    "Rules",
    "Segment",
    "ServedDuringRoute",
    "ServiceBar",
    "ServingOnRoute",
    "Settlement",
    "Stage",
    "UnfitRoute",
    "VeteranBar",
    "instances",
]

T = TypeVar("T")


def _kebab(name: str) -> str:
    return name.replace("_", "-")


class _Data(BaseModel):
    # Built when a rulebook is first read, not when fighterlaw is imported.
    model_config = ConfigDict(frozen=True, extra="forbid", alias_generator=_kebab, defer_build=True)


class LegalDate(_Data):
    """A dated legal event (an entry into force, an end, an amendment), with its status and sources."""

    date: UncertainDate
    """When it happened: possibly only to the month, or within a window."""
    status: Status
    """How sure we are of the date."""
    note: str = ""
    """What the date rests on."""
    sources: tuple[str, ...] = ()
    """Source addresses for the date itself, beyond the instrument's."""
    certain: bool = True
    """``False``: it is unsettled whether the event happened at all (a possible repeal)."""
    of: str | None = None
    """The legal point the date stands for: an instrument's start or end (``fz-50-2026.start``), a milestone
    (``smo-start``), or where in the rulebook it was written."""
    published: dt.date | None = None
    """For a date derived by the ten-day rule: the day of official publication."""
    derive: str | None = None
    """For a derived date: the instrument whose rule derives it."""


def _https(href: str | None) -> str | None:
    if href is not None and not href.startswith("https://"):
        msg = f"expected an https:// address; found {href!r}"
        raise ValueError(msg)
    return href


class Reference(_Data):
    """A source an instrument was checked against: what it is, where to read it, and when it was read."""

    title: str
    """The source as the legal specification names it (publisher and number, or a host and path)."""
    href: Annotated[str | None, AfterValidator(_https)] = None
    """Its address, where the legal specification gives a host and path; ``None``: a label only."""
    read: UncertainDate | None = None
    """The day (or window of days) on which it was last read for the rulebook."""


class Quotation(_Data):
    """The operative words of an instrument, as a source quotes them."""

    text: str
    source: str
    """The reference (by its title) that quotes the words."""
    note: str = ""


class Stage(_Data):
    """A step in an instrument's making (passed, approved, signed, published), with how sure we are of its date.

    Not a legal date: the law does not change on it (the in-force date, :attr:`Instrument.start`, does).
    """

    what: str
    date: UncertainDate
    status: Status
    note: str = ""


class Link(_Data):
    """A typed link from one instrument to another."""

    kind: Literal["repealed-by", "amends", "same-terms-as"]
    """``repealed-by``: the other instrument repealed this one (on :attr:`date`); ``amends``: this one changes the
    other's text or values; ``same-terms-as``: this one extends the other's terms to more people."""
    instrument: str
    """The key of the other instrument."""
    date: LegalDate | None = None
    """For a repeal: the day it took effect, with its own status (``certain = false``: it may not have happened)."""
    note: str = ""

    @model_validator(mode="after")
    def _a_repeal_is_dated(self) -> Self:
        if self.kind == "repealed-by" and self.date is None:
            msg = "expected the 'date' of the repeal"
            raise ValueError(msg)
        return self


class Point(_Data):
    """One point of a provision with a status of its own, weaker than the provision's where the sources are."""

    status: Status
    note: str = ""
    sources: tuple[str, ...] = ()
    """The references (by title) the point rests on."""


class Instrument(_Data):
    """A legal instrument (or, for the press account, a body of reports), as the rulebook records it."""

    key: str
    """The stable key by which rules and results cite it."""
    title: str
    short: str = ""
    """Its name in a few words, for labels on timelines and tables (``Federal Law No. 50-FZ``); the title if none."""
    citation: str
    """How to cite it, with its article where one applies."""
    effect: str
    """What it does, in a sentence or two."""
    status: Status
    """How sure we are of its text."""
    status_note: str = ""
    sources: tuple[str, ...]
    """The titles of the sources it was checked against (its :attr:`references`, in order)."""
    references: tuple[Reference, ...] = ()
    """The sources, each with its address where known and the day it was read."""
    quotation: Quotation | None = None
    """Its operative words, where a source quotes them."""
    pinpoint: str | None = None
    """The article, paragraph or item the rulebook rests on."""
    start: LegalDate | None = None
    """When it entered into force; ``None``: in force throughout the period the library covers."""
    end: LegalDate | None = None
    """When it ceased to be in force (the first day it no longer applies); ``None``: still in force. An instrument
    whose file gives no end of its own ends on the day of its repeal (:attr:`repeal`)."""
    stages: tuple[Stage, ...] = ()
    """The steps of its making, each with its own date and status."""
    links: tuple[Link, ...] = ()
    """Its typed links to other instruments: repealed by, amends, on the same terms as."""
    kind: Literal["law", "decree", "code", "constitution", "treaty", "press"] = "law"
    parameters: dict[str, int] = Field(default_factory=dict)
    """Numbers the instrument itself fixes (such as the ten days of the ten-day rule)."""

    @property
    def repeal(self) -> Link | None:
        """The link to the instrument that repealed this one (possibly: see its date's ``certain``), if any."""
        return next((link for link in self.links if link.kind == "repealed-by"), None)


class Milestone(_Data):
    """A date that several provisions refer to, such as the start of the special military operation."""

    title: str
    date: LegalDate


class Constant(_Data):
    """A number the rules use that no single provision fixes, with how sure we are of it."""

    title: str
    value: int
    status: Status
    note: str = ""
    sources: tuple[str, ...] = ()


class Segment(_Data, Generic[T]):
    """One value of a parameter, from its ``since`` (or the provision's start) until the next value's."""

    value: T
    since: LegalDate | None = None
    provision: str
    """The instrument the value comes from."""
    status: Status
    note: str = ""


class Dated(_Data, Generic[T]):
    """A parameter's values over time, in order; each applies until the next one's ``since``."""

    segments: tuple[Segment[T], ...] = Field(min_length=1)


Settlement = Literal["yes", "no", "unsettled"]


class Provision(_Data):
    """A provision in force over an interval, with who it covers: the eligibility conditions."""

    instrument: str
    title: str
    """How sentences name the provision; its instrument's citation unless the rulebook gives one."""
    pinpoint: str | None = None
    start: LegalDate | None = None
    end: LegalDate | None = None
    status: Status
    """How sure we are of the conditions."""
    categories: Dated[frozenset[Citizenship]]
    """The citizenship statuses covered."""
    sexes: Dated[frozenset[Sex]] | None = None
    min_age: Dated[int | None] | None = None
    max_age: Dated[int | None] | None = None
    """The highest age covered: aged ``max_age`` or under."""
    excluded_nationalities: Dated[frozenset[str]] | None = None
    same_terms_as: str | None = None
    """The rule whose values (such as the ages) this provision takes "on the same terms": they are resolved into
    this provision's own fields, as in effect from its start; ``None``: it states its own."""


class _Route(_Data):
    pinpoint: str | None = None
    available_from: LegalDate | None = None
    """The route is open only from this date (a later addition to the provision)."""
    combat_required: bool = False
    """Only for a person who took part in combat."""


class ContractRoute(_Route):
    """A contract signed since a date, of at least some months (any term if no minimum)."""

    kind: Literal["contract"]
    min_term_months: Dated[int | None] | None = None
    signed_since: LegalDate | None = None


class ServingOnRoute(_Route):
    """Serving under contract on a given day, under a contract signed before it."""

    kind: Literal["serving-on"]
    on: LegalDate


class ServedDuringRoute(_Route):
    """Having served under contract at some time from a date until the evaluation date."""

    kind: Literal["served-during"]
    since: LegalDate
    min_term_months: Dated[int | None] | None = None


class DischargedRoute(_Route):
    """A discharge on given grounds (since a date; with the order extract as proof if required)."""

    kind: Literal["discharged"]
    grounds: frozenset[DischargeGrounds]
    since: LegalDate | None = None
    proof_required: bool = False


class UnfitRoute(_Route):
    """A commission decision that the person is unfit for military service."""

    kind: Literal["unfit"]


Route: TypeAlias = Annotated[
    ContractRoute | ServingOnRoute | ServedDuringRoute | DischargedRoute | UnfitRoute,
    Field(discriminator="kind"),
]


class Grant(Provision):
    """A grant of simplified citizenship: the people it covers, its routes, and the family it extends to."""

    family: frozenset[Relation] = frozenset()
    routes: dict[str, Route]
    relatives: dict[Relation, Point] = Field(default_factory=dict)
    """Each relation of :attr:`family` with how sure we are that the grant extends to it: the grant's own status
    unless the sources for that relation are weaker (Decree No. 821's parents are ``plausible``)."""
    family_exclusion: Point | None = None
    """For a grant that excludes nationalities: how sure we are that the exclusion reaches an applicant on the
    family route too (Decree No. 821's Belarus exclusion: ``plausible``); ``None`` where it excludes none."""


class _Bar(_Data):
    instrument: str
    title: str
    """How sentences name the provision; its instrument's citation unless the rulebook gives one."""
    pinpoint: str | None = None
    start: LegalDate | None = None
    end: LegalDate | None = None
    status: Status
    treaty: str | None = None
    """A treaty that may oblige Russia otherwise when this is the only bar that applies."""


class CitizenBar(_Bar):
    """A Russian citizen may not be extradited."""

    kind: Literal["russian-citizen"]

    @property
    def scope(self) -> Literal["person"]:
        """Bars the person as a whole."""
        return "person"


PersonFact = Literal["asylum_in_russia"]
OffenceFact = Literal["russian_judgment", "limitation_expired", "criminal_in_russia"]


class FactBar(_Bar):
    """A bar that turns on one yes/no fact of the person or of the offence."""

    kind: Literal["fact"]
    fact: PersonFact | OffenceFact
    bars_when: bool
    """The value of the fact that bars extradition."""

    @property
    def scope(self) -> Literal["person", "offence"]:
        """Whether the fact belongs to the person or to each offence."""
        return "person" if self.fact == "asylum_in_russia" else "offence"


def _every_formation(formations: dict[Formation, Settlement]) -> dict[Formation, Settlement]:
    left_out = [formation.value for formation in Formation if formation not in formations]
    if left_out:
        msg = f"expected a settlement for every formation; missing {', '.join(left_out)}"
        raise ValueError(msg)
    return formations


Formations: TypeAlias = Annotated[dict[Formation, Settlement], AfterValidator(_every_formation)]
"""Whether service with each formation counts: every formation is given, so none is decided by omission."""


class ServiceBar(_Bar):
    """Item 7: serving under contract, or having served and taken part in combat."""

    kind: Literal["service"]
    categories: Dated[frozenset[Citizenship]]
    combat_required_while_serving: bool
    formations: Formations

    @property
    def scope(self) -> Literal["person"]:
        """Bars the person as a whole."""
        return "person"


class CombatOffenceBar(_Bar):
    """Item 7 as the press reports it: served under contract, and the offence is related to combat."""

    kind: Literal["combat-offence"]
    formations: Formations

    @property
    def scope(self) -> Literal["offence"]:
        """Bars offences only, never the person as a whole."""
        return "offence"


Bar: TypeAlias = Annotated[CitizenBar | FactBar | ServiceBar | CombatOffenceBar, Field(discriminator="kind")]


class VeteranBar(_Bar):
    """The CoAO Art. 4.1 bar on expulsion: served under contract and took part in combat.

    It covers foreign citizens and stateless persons; ``instead`` says what the sanction imposes in its place.
    """

    kind: Literal["served-in-combat"]
    categories: Dated[frozenset[Citizenship]]
    formations: Formations
    instead: str
    """What replaces expulsion, as the law says it."""

    @property
    def scope(self) -> Literal["person"]:
        """Bars the person's expulsion, whatever the offence."""
        return "person"


ExpulsionBar: TypeAlias = Annotated[CitizenBar | VeteranBar, Field(discriminator="kind")]


class ExpulsionRule(_Data):
    """The bars to administrative expulsion; any one that applies bars it."""

    bars: dict[str, ExpulsionBar]


class CitizenshipRule(_Data):
    """The grants of simplified citizenship; any one in force on the day may grant it."""

    grants: dict[str, Grant]


class ExtraditionRule(_Data):
    """The bars to extradition; any one that applies bars it."""

    bars: dict[str, Bar]


class Rules(_Data):
    """Each question's provisions under one reading."""

    foreign_contract: Provision
    stateless_contract: Provision
    simplified_citizenship: CitizenshipRule
    extradition_bar: ExtraditionRule
    expulsion_bar: ExpulsionRule


V = TypeVar("V")


def raw_copy(value: V) -> V:
    """A deep copy of plain rulebook data (dicts, lists and scalars)."""
    if isinstance(value, dict):
        return cast("V", {key: raw_copy(item) for key, item in value.items()})
    if isinstance(value, list):
        return cast("V", [raw_copy(item) for item in value])
    return value


def instances(data: object, kind: type[V]) -> Iterator[V]:
    """Every ``kind`` inside a part of a reading (models, dicts, tuples), in the order it is written.

    A match is not searched further: a legal date inside a legal date does not exist.
    """
    if isinstance(data, kind):
        yield data
        return
    if isinstance(data, BaseModel):
        for name in type(data).model_fields:
            yield from instances(getattr(data, name), kind)
    elif isinstance(data, dict):
        for value in data.values():
            yield from instances(value, kind)
    elif isinstance(data, tuple | list):
        for value in data:
            yield from instances(value, kind)
