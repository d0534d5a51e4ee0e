"""fighterlaw: Russian law on foreign nationals in the Russian armed forces, as dated, cited rules.

It answers, for a person's record on a given day: may they serve under contract as a foreign citizen or as a
stateless person, may they apply for Russian citizenship by the simplified route, and is their extradition
from Russia barred. Verdicts are ``yes``, ``no`` or ``undetermined``; each explains itself with the provisions
it rests on, reports how sure its sources are, and names the facts or legal points that would decide it.

Not legal advice: the sources may be incomplete or out of date.

>>> from datetime import date
>>> import fighterlaw as fl
>>> person = fl.Person.model_validate({"citizenship": "foreign", "contracts": [{"signed": "2025-02-01"}]})
>>> fl.evaluate(person, as_of=date(2026, 6, 1)).verdict("extradition-bar")
<Verdict.YES: 'yes'>
"""

from typing import TYPE_CHECKING, Any

from fighterlaw._version import __version__
from fighterlaw.dates import Precision, UncertainDate
from fighterlaw.engine import ALL, RULE_IDS, evaluate, evaluate_many
from fighterlaw.errors import FighterlawError, InputError, Problem, UnknownNameError
from fighterlaw.facts import (
    Citizenship,
    Contract,
    Discharge,
    DischargeGrounds,
    FamilyLink,
    Formation,
    Offence,
    Person,
    Purpose,
    Relation,
    Sex,
    UnfitnessRuling,
)
from fighterlaw.logic import Reason, Status, Verdict
from fighterlaw.places import country_name
from fighterlaw.questions import QUESTIONS, LegalQuestion
from fighterlaw.report import DISCLAIMER, Report, Result
from fighterlaw.rulebook import RULEBOOK, Instrument, LegalDate, Reading, Rulebook, RulebookError

if TYPE_CHECKING:  # imported when first used, so that `import fighterlaw` stays quick
    from fighterlaw.census import Population, population, population_svg
    from fighterlaw.compare import Cell, ReadingComparison, compare_readings
    from fighterlaw.legaltime import Marker, Span, Timeline, timeline, timeline_text, timelines
    from fighterlaw.picture import timeline_html, timeline_svg
    from fighterlaw.reproduce import Replay, ReplayError, VerdictChange, replay
    from fighterlaw.tables import evaluate_table
    from fighterlaw.whatif import Change, Option, Question, WhatIf, what_if

_LATER = {
    "fighterlaw.compare": ("Cell", "ReadingComparison", "compare_readings"),
    "fighterlaw.legaltime": ("Marker", "Span", "Timeline", "timeline", "timeline_text", "timelines"),
    "fighterlaw.picture": ("timeline_html", "timeline_svg"),
    "fighterlaw.census": ("Population", "population", "population_svg"),
    "fighterlaw.reproduce": ("Replay", "ReplayError", "VerdictChange", "replay"),
    "fighterlaw.tables": ("evaluate_table",),
    "fighterlaw.whatif": ("Change", "Option", "Question", "WhatIf", "what_if"),
}
_WHERE = {name: module for module, names in _LATER.items() for name in names}


def __getattr__(name: str) -> Any:
    """Legal time, pictures, what-if, reading diffs, replay, tables and population views, imported when first used."""
    module = _WHERE.get(name)
    if module is None:
        msg = f"module 'fighterlaw' has no attribute {name!r}"
        raise AttributeError(msg)
    import importlib  # noqa: PLC0415 - only for names imported when first used

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "ALL",
    "DISCLAIMER",
    "QUESTIONS",
    "RULEBOOK",
    "RULE_IDS",
    "Cell",
    "Change",
    "Citizenship",
    "Contract",
    "Discharge",
    "DischargeGrounds",
    "FamilyLink",
    "FighterlawError",
    "Formation",
    "InputError",
    "Instrument",
    "LegalDate",
    "LegalQuestion",
    "Marker",
    "Offence",
    "Option",
    "Person",
    "Population",
    "Precision",
    "Problem",
    "Purpose",
    "Question",
    "Reading",
    "ReadingComparison",
    "Reason",
    "Relation",
    "Replay",
    "ReplayError",
    "Report",
    "Result",
    "Rulebook",
    "RulebookError",
    "Sex",
    "Span",
    "Status",
    "Timeline",
    "UncertainDate",
    "UnfitnessRuling",
    "UnknownNameError",
    "Verdict",
    "VerdictChange",
    "WhatIf",
    "__version__",
    "compare_readings",
    "country_name",
    "evaluate",
    "evaluate_many",
    "evaluate_table",
    "population",
    "population_svg",
    "replay",
    "timeline",
    "timeline_html",
    "timeline_svg",
    "timeline_text",
    "timelines",
    "what_if",
]
