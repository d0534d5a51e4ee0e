"""The public surface: exactly the names the design contract gives, plus those added on purpose."""

from __future__ import annotations

import importlib
import subprocess
import sys

import fighterlaw as fl

# The names the design contract requires.
CONTRACT = {"Person", "evaluate", "evaluate_many", "Verdict", "Result", "Report", "InputError"}

# The names added deliberately: the input's parts and vocabularies, uncertain dates, the rulebook and
# readings, the reason tree, statuses, errors, and the constants a caller needs.
ADDED = {
    "ALL",
    "DISCLAIMER",
    "QUESTIONS",
    "RULEBOOK",
    "RULE_IDS",
    "Citizenship",
    "Contract",
    "Discharge",
    "DischargeGrounds",
    "FamilyLink",
    "FighterlawError",
    "Formation",
    "Instrument",
    "LegalDate",
    "LegalQuestion",
    "Offence",
    "Precision",
    "Problem",
    "Purpose",
    "Reading",
    "Reason",
    "Relation",
    "Rulebook",
    "RulebookError",
    "Sex",
    "Status",
    "UncertainDate",
    "UnfitnessRuling",
    "UnknownNameError",
    "__version__",
    # Legal time: timelines of verdicts and their dates.
    "Marker",
    "Span",
    "Timeline",
    "timeline",
    "timeline_html",
    "timeline_svg",
    "timeline_text",
    "timelines",
    # What would decide a verdict, and what would change it.
    "Change",
    "Option",
    "Question",
    "WhatIf",
    "what_if",
    # Where the readings differ, over a population.
    "Cell",
    "ReadingComparison",
    "compare_readings",
    # Reproducible answers: replaying a saved report.
    "Replay",
    "ReplayError",
    "VerdictChange",
    "replay",
    # Plain words: the names of the countries that records give as codes.
    "country_name",
    # Tables in, tables out, and population views over a period.
    "Population",
    "evaluate_table",
    "population",
    "population_svg",
}


def test_all_is_exactly_the_contract_and_the_deliberate_additions():
    """Nothing is exported by accident, and nothing the contract names is missing."""
    assert set(fl.__all__) == CONTRACT | ADDED
    assert len(fl.__all__) == len(set(fl.__all__))


def test_every_exported_name_resolves_and_nothing_private_leaks():
    """Each name in __all__ exists; no private name is exported."""
    for name in fl.__all__:
        assert hasattr(fl, name), name
        assert not name.startswith("_") or name == "__version__"


def test_star_import_gives_exactly_all():
    """`from fighterlaw import *` gives the public names and no others."""
    namespace: dict[str, object] = {}
    exec("from fighterlaw import *", namespace)  # noqa: S102 - the point of the test
    assert set(namespace) - {"__builtins__"} == set(fl.__all__)


def test_the_library_s_own_errors_share_one_root_and_are_value_errors():
    """except fl.FighterlawError catches every error of fighterlaw's own; except ValueError still does too."""
    for error in (fl.InputError, fl.UnknownNameError, fl.RulebookError, fl.ReplayError):
        assert issubclass(error, fl.FighterlawError)
    assert issubclass(fl.FighterlawError, ValueError)


def test_every_question_is_registered_once_with_its_wording():
    """The registry of questions gives each rule id its question, title, rulebook section and subjects."""
    assert tuple(fl.QUESTIONS) == fl.RULE_IDS
    assert fl.QUESTIONS["simplified-citizenship"].question == (
        "May the person apply for Russian citizenship by the simplified route on D?"
    )
    assert [question.subjects for question in fl.QUESTIONS.values()] == [
        *[("person",)] * 3,
        ("person", "offence"),
        ("person",),
    ]
    assert all(hasattr(fl.RULEBOOK.reading("enacted").rules, q.section) for q in fl.QUESTIONS.values())


def test_the_rule_ids_and_verdict_values_are_the_contract_s():
    """Rule ids and verdict values are exactly those of the design contract, and LAW.md's fifth question."""
    assert fl.RULE_IDS == (
        "foreign-contract",
        "stateless-contract",
        "simplified-citizenship",
        "extradition-bar",
        "expulsion-bar",
    )
    assert [verdict.value for verdict in fl.Verdict] == ["yes", "no", "undetermined"]
    assert issubclass(fl.InputError, ValueError)


def test_importing_fighterlaw_does_not_import_hypothesis():
    """The strategies and the property catalogue are for tests; the library itself does not need Hypothesis.

    Nor does it load the country table or openpyxl until a name is asked for or a workbook read.
    """
    test_only = "{'hypothesis', 'fighterlaw.testing', 'fighterlaw.strategies', 'pycountry', 'openpyxl'}"
    code = f"import sys, fighterlaw; print(sorted({test_only} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    assert importlib.import_module("fighterlaw.strategies").persons
    assert importlib.import_module("fighterlaw.testing").check_all_properties
