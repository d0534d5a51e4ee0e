"""Stated assumptions: facts a user assumes where a record leaves them unknown, never where it states them.

Asylum in Russia, for one, is almost never reported, so most extradition answers stay open for that fact alone.
A user who is willing to assume it says so, and every answer that rests on the assumption says so too: the steps
that read an assumed fact name it, rely on the status ``assumed`` (weaker than every source), and the report
lists the assumptions it used.

>>> from datetime import date
>>> import fighterlaw as fl
>>> soldier = fl.Person.model_validate({"citizenship": "foreign", "contracts": [{"signed": "2023-01-01"}],
...                                     "offences": [{"id": "o1"}]})
>>> report = fl.evaluate(soldier, as_of=date(2026, 3, 10), assume={"asylum_in_russia": False})
>>> report.verdict("extradition-bar"), report.assumptions
(<Verdict.NO: 'no'>, {'asylum_in_russia': False})
>>> report.result("extradition-bar").status
<Status.ASSUMED: 'assumed'>
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from pydantic import ValidationError

from fighterlaw.errors import InputError, Problem, UnknownNameError
from fighterlaw.facts import Person

__all__ = ["ASSUMABLE", "Assumptions"]

ASSUMABLE: Final[dict[str, str]] = {
    "combat": "whether the person took part in combat",
    "asylum_in_russia": "whether Russia has granted the person asylum",
    "sex": "the person's sex",
    "nationality": "the foreign citizenship of a person who is not stateless",
    "birth_date": "the date of birth",
    "discharge.grounds": "the grounds of a recorded discharge",
    "discharge.order_extract": "whether the person holds the extract of the discharge order",
    "contracts.term_months": "the term of each contract whose term is unknown",
    "offences.combat_related": "whether each offence is related to participation in combat",
    "offences.russian_judgment": "whether a final Russian judgment exists for each offence's act",
    "offences.limitation_expired": "whether the limitation period has expired for each offence",
    "offences.criminal_in_russia": "whether each offence's act is a crime under Russian law",
}
"""The facts that may be assumed, each with what it means (``offences.x``: that fact of every offence)."""

_PROBE: Final[dict[str, Any]] = {"citizenship": "foreign"}


@dataclass(frozen=True, slots=True)
class Assumptions:
    """Facts to assume where a record leaves them unknown, checked once before any record is read."""

    values: Mapping[str, Any]
    """Each fact (a key of :data:`ASSUMABLE`) with its value as the record's JSON would give it."""

    @classmethod
    def of(cls, assume: Mapping[str, Any] | None) -> Assumptions:
        """The assumptions, checked: each a fact that may be assumed, with a value the record could hold.

        Raises:
            UnknownNameError: a fact that cannot be assumed; the message lists those that can.
            ValueError: a value the record could not hold for that fact (``null`` among them: assuming a fact
                unknown is no assumption).
        """
        if not assume:
            return _NONE
        for key, value in assume.items():
            if key not in ASSUMABLE:
                raise UnknownNameError("fact to assume", key, ASSUMABLE)
            if value is None:
                msg = f"assume {key}: expected a value; null would leave it unknown"
                raise ValueError(msg)
            try:
                Person.model_validate(_probe(key, value))
            except ValidationError as error:
                problems = InputError.from_validation_error(error).problems
                said = "; ".join(problem.message for problem in problems)
                msg = f"assume {key}: {said}"
                raise ValueError(msg) from None
        return cls(dict(assume))

    def __bool__(self) -> bool:
        return bool(self.values)

    def apply(self, person: Person) -> tuple[Person, dict[str, Any], dict[str, str]]:
        """The person with the assumed facts filled in where the record leaves them unknown.

        Returns the person, the assumptions it used (by fact, as given), and each filled input path with its
        value as written (``offences[0].criminal_in_russia`` = ``true``).

        Raises:
            InputError: an assumption contradicts the record (an assumed birth date after the naturalisation).
        """
        if not self.values:
            return person, {}, {}
        data = person.model_dump(mode="json")
        filled: dict[str, str] = {}
        used: dict[str, Any] = {}
        for key, value in self.values.items():
            for path, holder, name in _places(key, data):
                if holder.get(name) is None:
                    holder[name] = value
                    filled[path] = json.dumps(value, ensure_ascii=False)
                    used[key] = value
        if not filled:
            return person, {}, {}
        try:
            return Person.model_validate(data), used, filled
        except ValidationError as error:
            problems = [
                Problem(problem.path, f"{problem.message} (with the facts assumed)", problem.code)
                for problem in InputError.from_validation_error(error).problems
            ]
            raise InputError(problems, record_id=person.id) from None


_NONE: Final = Assumptions({})


def _probe(key: str, value: Any) -> dict[str, Any]:
    """A record that holds ``value`` for the fact ``key``, and nothing else it could conflict with."""
    part, _, name = key.partition(".")
    if not name:
        return {**_PROBE, key: value}
    if part == "discharge":
        return {**_PROBE, "discharge": {"date": "unknown", name: value}}
    if part == "contracts":
        return {**_PROBE, "contracts": [{"signed": "unknown", name: value}]}
    return {**_PROBE, "offences": [{name: value}]}


def _places(key: str, data: dict[str, Any]) -> list[tuple[str, dict[str, Any], str]]:
    """Where in a record's data the fact ``key`` lives: each input path, the dict that holds it, and its name."""
    part, _, name = key.partition(".")
    if not name:
        if key == "nationality" and data.get("citizenship") == "stateless":
            return []  # a stateless person has no nationality to assume
        return [(key, data, key)]
    if part == "discharge":
        discharge = data.get("discharge")
        return [] if discharge is None else [(key, discharge, name)]
    return [(f"{part}[{index}].{name}", item, name) for index, item in enumerate(data.get(part) or ())]
