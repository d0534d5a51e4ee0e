"""Who a provision covers: citizenship status, nationality, sex and age, each under the value in effect on the day."""

from __future__ import annotations

from fighterlaw.facts import Citizenship
from fighterlaw.graph import Node
from fighterlaw.logic import Status
from fighterlaw.rulebook._model import Dated, Provision
from fighterlaw.rules._law import over_time
from fighterlaw.rules._people import AgeLimit, Nationality, SexIs, StatusIn

__all__ = ["citizenship_steps", "eligibility", "personal_steps", "status_over_time"]


def citizenship_steps(
    provision: Provision, *, prefix: str = "", original: bool = False, family_status: Status | None = None
) -> list[Node]:
    """Whether the provision covers the person's citizenship: their status on the day, and no excluded state.

    With ``original``, the status is judged by origin, disregarding naturalisation. ``family_status`` is how sure we
    are that an excluded state bars an applicant who has family links too (see :class:`Nationality`).
    """
    steps = [status_over_time(f"{prefix}citizenship-status", provision.categories, original=original)]
    if provision.excluded_nationalities is not None:
        nationality = f"{prefix}nationality"
        steps.append(
            over_time(
                provision.excluded_nationalities,
                lambda s: Nationality(nationality, s, family_status),
                nationality,
                "The nationality exclusion",
            )
        )
    return steps


def status_over_time(code: str, categories: Dated[frozenset[Citizenship]], *, original: bool = False) -> Node:
    """Whether the person's citizenship status on the day is among the categories in effect (see :class:`StatusIn`)."""
    return over_time(
        categories,
        lambda segment: StatusIn(code, segment.value, segment.provision, segment.status, original),
        code,
        "The citizenship condition",
    )


def personal_steps(provision: Provision, *, prefix: str = "") -> list[Node]:
    """Whether the provision covers the person's sex and age on the day."""
    steps: list[Node] = []
    if provision.sexes is not None:
        sex = f"{prefix}sex"
        steps.append(over_time(provision.sexes, lambda s: SexIs(sex, s), sex, "The sex condition"))
    if provision.min_age is not None:
        low = f"{prefix}min-age"
        steps.append(over_time(provision.min_age, lambda s: AgeLimit(low, s, upper=False), low, "The lower age limit"))
    if provision.max_age is not None:
        high = f"{prefix}max-age"
        steps.append(over_time(provision.max_age, lambda s: AgeLimit(high, s, upper=True), high, "The upper age limit"))
    return steps


def eligibility(provision: Provision, *, prefix: str = "") -> list[Node]:
    """Every step that decides whether a provision covers the person: status, nationality, sex and age."""
    return [*citizenship_steps(provision, prefix=prefix), *personal_steps(provision, prefix=prefix)]
