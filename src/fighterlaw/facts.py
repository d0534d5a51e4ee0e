"""The input: one person's record, as JSON, validated strictly into frozen models.

A record lists what is known to have happened. An omitted ``naturalised``, ``discharge`` or ``unfitness_ruling``
means none; omitted ``contracts``, ``family`` or ``offences`` mean none; a yes/no fact, ``birth_date``, ``sex`` or
``nationality`` left out or ``null`` is unknown. Only ``citizenship`` is required.

Validation is strict: no coercion between JSON types (``false`` is not ``0``, ``0`` is not a date, ``"3"`` is
not a number), while the documented string forms of dates and vocabularies are accepted both from JSON text and
from the parsed JSON value.

>>> from fighterlaw import Person
>>> person = Person.model_validate({"citizenship": "foreign", "birth_date": "1994-03",
...                                 "contracts": [{"signed": "2023-05-02", "term_months": 12}]})
>>> person.contracts[0].ended is None, str(person.birth_date)
(True, '1994-03')
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Final, Literal, TypeAlias

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainValidator,
    ValidationError,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from fighterlaw.dates import UncertainDate, describe

__all__ = [
    "NESTED",
    "Citizenship",
    "Contract",
    "Discharge",
    "DischargeGrounds",
    "FamilyLink",
    "Formation",
    "Offence",
    "Person",
    "Purpose",
    "Relation",
    "Sex",
    "TermMonths",
    "UnfitnessRuling",
    "describe",
    "model_at",
]


class Citizenship(StrEnum):
    """A person's citizenship status: ``russian`` covers dual nationals, whom Russia treats as its citizens."""

    FOREIGN = "foreign"
    STATELESS = "stateless"
    RUSSIAN = "russian"


class Sex(StrEnum):
    """A person's sex as recorded."""

    MALE = "male"
    FEMALE = "female"


class Formation(StrEnum):
    """Whom a contract was made with."""

    ARMED_FORCES = "armed_forces"
    OTHER_FORMATION = "other_formation"
    VOLUNTEER_FORMATION = "volunteer_formation"


class DischargeGrounds(StrEnum):
    """The grounds of a discharge from military service."""

    AGE = "age"
    HEALTH = "health"
    CONTRACT_EXPIRY = "contract_expiry"
    OTHER = "other"


class Relation(StrEnum):
    """How a person is related to the servicemember through whom they may qualify."""

    SPOUSE = "spouse"
    CHILD = "child"
    PARENT = "parent"


class Purpose(StrEnum):
    """What an extradition request is for."""

    PROSECUTION = "prosecution"
    SENTENCE = "sentence"


_MODEL: Final = ConfigDict(strict=True, frozen=True, extra="forbid", use_attribute_docstrings=True, defer_build=True)
_COUNTRY: Final = re.compile(r"[A-Z]{2}")
_RUSSIA: Final = "RU"
_MAX_TERM: Final = 1200

# JSON arrays arrive as Python lists; the containers accept them, their items stay strict.
_Lax = Field(strict=False)


def _country_code(value: object) -> str:
    if not isinstance(value, str) or _COUNTRY.fullmatch(value) is None:
        raise PydanticCustomError(
            "country_code",
            "expected an ISO 3166-1 alpha-2 country code in capitals, such as 'NP'; found {found}",
            {"found": repr(value)},
        )
    return value


def _term_months(value: object) -> int | Literal["open"] | None:
    if value is None or value == "open":
        return "open" if value == "open" else None
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= _MAX_TERM:
        return value
    raise PydanticCustomError(
        "term_months",
        "expected a whole number of months from 1 to {most}, 'open' or null; found {found}",
        {"most": _MAX_TERM, "found": repr(value)},
    )


CountryCode: TypeAlias = Annotated[
    str, PlainValidator(_country_code), WithJsonSchema({"type": "string", "pattern": "^[A-Z]{2}$"})
]
TermMonths: TypeAlias = Annotated[
    int | Literal["open"] | None,
    PlainValidator(_term_months),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": 1, "maximum": _MAX_TERM},
                {"const": "open"},
                {"type": "null"},
            ]
        }
    ),
]
"""A contract's term: whole months, ``"open"`` (until mobilisation ends, at least 12) or ``None`` (unknown)."""


def _problem(loc: tuple[str | int, ...], code: str, message: str, value: object, title: str) -> ValidationError:
    return ValidationError.from_exception_data(
        title, [InitErrorDetails(type=PydanticCustomError(code, message), loc=loc, input=value)]
    )


class Contract(BaseModel):
    """A contract for military service."""

    model_config = _MODEL

    signed: UncertainDate
    """The day the contract was signed."""
    term_months: TermMonths = None
    """The term in months, ``"open"`` (until mobilisation ends: at least 12), or ``None`` (unknown)."""
    ended: UncertainDate | None = None
    """When the contract ended; ``None`` means it has not ended."""
    formation: Annotated[Formation, _Lax] = Formation.ARMED_FORCES
    """Whom the contract was made with: the Ministry of Defence's armed forces unless said otherwise."""

    @model_validator(mode="after")
    def _ends_after_signing(self) -> Contract:
        if self.ended is not None and self.ended.latest < self.signed.earliest:
            message = f"expected a date on or after the signing ({self.signed}); the contract cannot end before"
            raise _problem(("ended",), "ends_before_signed", message, self.ended.to_json(), "Contract")
        return self


class Discharge(BaseModel):
    """A discharge from military service."""

    model_config = _MODEL

    date: UncertainDate
    """The day the discharge took effect."""
    grounds: Annotated[DischargeGrounds | None, _Lax] = None
    """The grounds of the discharge, or ``None`` (unknown)."""
    order_extract: bool | None = None
    """Whether the person holds the extract of the discharge order (``None``: unknown)."""


class UnfitnessRuling(BaseModel):
    """A military medical commission's decision that the person is unfit for service."""

    model_config = _MODEL

    date: UncertainDate
    """The day of the decision."""


class Offence(BaseModel):
    """An offence for which the person's extradition is sought."""

    model_config = _MODEL

    id: Annotated[str, Field(min_length=1)] | None = None
    """An identifier; offences without one are numbered 1, 2, ... in input order."""
    description: str | None = None
    """What the person is alleged to have done (for people to read; no rule uses it)."""
    combat_related: bool | None = None
    """Whether the offence is related to participation in combat."""
    purpose: Annotated[Purpose | None, _Lax] = None
    """Whether extradition is sought for prosecution or to enforce a sentence."""
    requesting_state: CountryCode | None = None
    """The state that asks for extradition."""
    russian_judgment: bool | None = None
    """Whether a Russian court has given a final judgment, or proceedings were terminated, for the same act."""
    limitation_expired: bool | None = None
    """Whether the limitation period has expired (or another lawful ground excludes liability)."""
    criminal_in_russia: bool | None = None
    """Whether the act is a crime under Russian law."""


class FamilyLink(BaseModel):
    """A link to the servicemember through whom the person may qualify."""

    model_config = _MODEL

    relation: Annotated[Relation, _Lax]
    """How the person is related to ``member``: ``spouse``, ``child`` or ``parent``."""
    member: Person
    """The servicemember."""


class Person(BaseModel):
    """One person's record: the public input contract.

    Build it with :meth:`model_validate` (a parsed JSON value) or :meth:`model_validate_json` (JSON text).
    Bad input raises pydantic's ``ValidationError``, naming each field path and what was expected.
    """

    model_config = _MODEL

    id: Annotated[str, Field(min_length=1)] | None = None
    """An identifier for the person, repeated in the report."""
    citizenship: Annotated[Citizenship, _Lax]
    """``foreign``, ``stateless`` or ``russian`` (born Russian, dual nationals included)."""
    nationality: CountryCode | None = None
    """The foreign citizenship, as an ISO 3166-1 alpha-2 code (``None``: unknown)."""
    naturalised: UncertainDate | None = None
    """When Russian citizenship was acquired; ``None`` means never."""
    birth_date: UncertainDate | None = None
    """The date of birth (``None``: unknown)."""
    sex: Annotated[Sex | None, _Lax] = None
    """``male`` or ``female`` (``None``: unknown)."""
    contracts: Annotated[tuple[Contract, ...], _Lax] = ()
    """Contracts for military service, in any order."""
    combat: bool | None = None
    """Whether the person took part in combat."""
    discharge: Discharge | None = None
    """The discharge from military service, if any."""
    unfitness_ruling: UnfitnessRuling | None = None
    """A commission decision that the person is unfit for service, if any."""
    asylum_in_russia: bool | None = None
    """Whether Russia has granted the person asylum."""
    family: Annotated[tuple[FamilyLink, ...], _Lax] = ()
    """Links to servicemembers through whom the person may qualify."""
    offences: Annotated[tuple[Offence, ...], _Lax] = ()
    """Offences for which extradition is sought."""

    @model_validator(mode="after")
    def _consistent(self) -> Person:
        problems: list[InitErrorDetails] = []
        if self.nationality == _RUSSIA:
            message = "expected a foreign citizenship; Russian citizenship is given by 'citizenship' or 'naturalised'"
            problems.append(_detail(("nationality",), "not_foreign", message, self.nationality))
        if self.citizenship is Citizenship.STATELESS and self.nationality is not None:
            message = "expected null: a stateless person has no nationality"
            problems.append(_detail(("nationality",), "stateless_nationality", message, self.nationality))
        birth, naturalised = self.birth_date, self.naturalised
        if birth is not None and naturalised is not None and naturalised.latest < birth.earliest:
            message = f"expected a date on or after the birth date ({birth}); citizenship cannot come before birth"
            problems.append(_detail(("naturalised",), "before_birth", message, naturalised.to_json()))
        seen: dict[str, int] = {}
        for index, subject in enumerate(self.offence_ids):
            if subject in seen:
                message = (
                    f"expected a unique id; offence {seen[subject]} has it too "
                    "(offences without an id are numbered 1, 2, ... in input order)"
                )
                problems.append(_detail(("offences", index, "id"), "duplicate_id", message, subject))
            seen.setdefault(subject, index)
        if problems:
            raise ValidationError.from_exception_data("Person", problems)
        return self

    @property
    def offence_ids(self) -> tuple[str, ...]:
        """Each offence's id, in input order; offences without one are numbered 1, 2, ...

        >>> Person.model_validate({"citizenship": "foreign",
        ...                        "offences": [{"id": "o1"}, {}, {}]}).offence_ids
        ('o1', '1', '2')
        """
        ids: list[str] = []
        counter = 0
        for offence in self.offences:
            if offence.id is None:
                counter += 1
                ids.append(str(counter))
            else:
                ids.append(offence.id)
        return tuple(ids)


def _detail(loc: tuple[str | int, ...], code: str, message: str, value: object) -> InitErrorDetails:
    return InitErrorDetails(type=PydanticCustomError(code, message), loc=loc, input=value)


FamilyLink.model_rebuild(force=False)  # builds nothing yet: the models build when first used

# The models that nest inside a record, by field: how an error's path finds the fields that were expected.
NESTED: Final[dict[type[BaseModel], dict[str, type[BaseModel]]]] = {
    Person: {
        "contracts": Contract,
        "discharge": Discharge,
        "unfitness_ruling": UnfitnessRuling,
        "family": FamilyLink,
        "offences": Offence,
    },
    FamilyLink: {"member": Person},
}


def model_at(path: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The model whose fields an error at ``path`` (a pydantic location) belongs to."""
    model: type[BaseModel] | None = Person
    for part in path:
        if isinstance(part, int) or model is None:
            continue
        model = NESTED.get(model, {}).get(part)
    return model
