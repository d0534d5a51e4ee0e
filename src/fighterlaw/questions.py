"""The questions fighterlaw answers, in one registry.

The rulebook, the rules, legal time, the command line, the documentation and the output all read it.

Each :class:`LegalQuestion` has its id (the rule id of the input and output contract), the question as the law
asks it, a short title for tables and pictures, the section of a reading's rules that holds its provisions, and
the kinds of subject it answers for. Adding a question adds an entry here, a section to the rulebook and a rule
module that builds its graph; nothing else keeps a list of questions.

>>> QUESTIONS["extradition-bar"].subjects
('person', 'offence')
>>> RULE_IDS[0]
'foreign-contract'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

__all__ = ["QUESTIONS", "RULE_IDS", "LegalQuestion"]


@dataclass(frozen=True, slots=True)
class LegalQuestion:
    """One question the law answers about a person on a day."""

    id: str
    """The rule id, such as ``extradition-bar``."""
    question: str
    """The question, as the law asks it about the day D."""
    title: str
    """A short human name for tables, pictures and headings."""
    section: str
    """The field of a reading's rules that holds its provisions (``extradition_bar``)."""
    subjects: tuple[str, ...] = ("person",)
    """The kinds of subject it answers for: ``person``, and ``offence`` for each alleged offence."""


QUESTIONS: Final[dict[str, LegalQuestion]] = {
    question.id: question
    for question in (
        LegalQuestion(
            "foreign-contract",
            "May the person serve under contract as a foreign citizen on D?",
            "Contract service as a foreign citizen",
            "foreign_contract",
        ),
        LegalQuestion(
            "stateless-contract",
            "May the person serve under contract as a stateless person on D?",
            "Contract service as a stateless person",
            "stateless_contract",
        ),
        LegalQuestion(
            "simplified-citizenship",
            "May the person apply for Russian citizenship by the simplified route on D?",
            "Simplified route to Russian citizenship",
            "simplified_citizenship",
        ),
        LegalQuestion(
            "extradition-bar",
            "Is extradition barred on D, whatever the offence, and for each alleged offence?",
            "Extradition barred",
            "extradition_bar",
            ("person", "offence"),
        ),
        LegalQuestion(
            "expulsion-bar",
            "Is administrative expulsion from Russia barred on D?",
            "Administrative expulsion barred",
            "expulsion_bar",
        ),
    )
}
"""Every question, by rule id, in the order reports list them."""

RULE_IDS: Final = tuple(QUESTIONS)
"""Every rule id, in the order reports list them."""
