"""Registers fighterlaw's strategies with Hypothesis, through Hypothesis's entry point.

Hypothesis calls this when it is imported, in any project that installs fighterlaw. Nothing here imports
Hypothesis or the strategies at module level: the strategies are resolved only when first asked for, so
importing fighterlaw never imports Hypothesis, and importing the strategies first cannot loop.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy


def _register_strategies() -> None:
    # Imports stay inside: this runs while Hypothesis itself is being imported.
    from hypothesis import strategies as st  # noqa: PLC0415

    from fighterlaw.dates import UncertainDate  # noqa: PLC0415
    from fighterlaw.facts import Contract, Discharge, FamilyLink, Offence, Person, UnfitnessRuling  # noqa: PLC0415

    def resolve(name: str) -> Any:
        def strategy(_: type) -> SearchStrategy[Any]:
            from fighterlaw import strategies  # noqa: PLC0415 - resolved only when first asked for

            return cast("SearchStrategy[Any]", getattr(strategies, name)())

        return strategy

    for model, name in (
        (Person, "persons"),
        (Contract, "contracts"),
        (Discharge, "discharges"),
        (UnfitnessRuling, "unfitness_rulings"),
        (Offence, "offences"),
        (FamilyLink, "family_links"),
        (UncertainDate, "uncertain_dates"),
    ):
        st.register_type_strategy(model, resolve(name))
