"""Where the readings differ: a small population's verdicts under two readings, counted by hand from the law.

On 2026-06-01: item 7 as enacted bars extradition of a serving soldier and of a veteran who fought, whatever
the offence; the press account bars only offences related to combat, never the person as a whole. Foreigners'
contracts, stateless persons' contracts and the simplified route are open under both readings by then.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

import fighterlaw as fl

D = date(2026, 6, 1)
NO_OTHER_BAR = {"russian_judgment": False, "limitation_expired": False, "criminal_in_russia": True}
POPULATION = [
    {
        "id": "serving",
        "citizenship": "foreign",
        "nationality": "NP",
        "birth_date": "1990-01-01",
        "sex": "male",
        "contracts": [{"signed": "2023-01-01", "term_months": 12}],
        "combat": False,
        "asylum_in_russia": False,
        "offences": [{"id": "o1", "combat_related": True, **NO_OTHER_BAR}],
    },
    {"id": "stateless", "citizenship": "stateless", "birth_date": "1990", "asylum_in_russia": False},
    {
        "id": "veteran",
        "citizenship": "foreign",
        "nationality": "NP",
        "birth_date": "1985-05-05",
        "sex": "male",
        "contracts": [{"signed": "2022-06-01", "ended": "2023-06-01", "term_months": 12}],
        "combat": True,
        "asylum_in_russia": False,
        "offences": [{"id": "o1", "combat_related": False, **NO_OTHER_BAR}],
    },
    {"citizenship": "foreign", "combat": 0},
    json.dumps({"citizenship": "russian"}),
]

YES, NO = fl.Verdict.YES, fl.Verdict.NO
EXPECTED = [
    ("foreign-contract", "person", YES, YES, 2, ("serving", "veteran")),
    ("foreign-contract", "person", NO, NO, 2, ("stateless", "record 4")),
    ("stateless-contract", "person", YES, YES, 1, ("stateless",)),
    ("stateless-contract", "person", NO, NO, 3, ("serving", "veteran", "record 4")),
    ("simplified-citizenship", "person", YES, YES, 2, ("serving", "veteran")),
    ("simplified-citizenship", "person", NO, NO, 2, ("stateless", "record 4")),
    ("extradition-bar", "person", YES, YES, 1, ("record 4",)),
    ("extradition-bar", "person", YES, NO, 2, ("serving", "veteran")),
    ("extradition-bar", "person", NO, NO, 1, ("stateless",)),
    ("extradition-bar", "offence", YES, YES, 1, ("serving offence:o1",)),
    ("extradition-bar", "offence", YES, NO, 1, ("veteran offence:o1",)),
    # The press account does not describe the expulsion law: both readings give its answers (LAW.md).
    ("expulsion-bar", "person", YES, YES, 2, ("veteran", "record 4")),
    ("expulsion-bar", "person", NO, NO, 2, ("serving", "stateless")),
]


def test_a_population_s_verdicts_counted_from_one_reading_to_the_other():
    """Each rule and kind of subject: how many verdicts go from each answer to each other, with examples."""
    found = fl.compare_readings(iter(POPULATION), as_of=D)
    assert found.readings == ("enacted", "press")
    assert (found.records, found.errors, found.verdicts, found.changed) == (5, 1, 22, 3)
    assert [
        (cell.rule, cell.subject, cell.was, cell.now, cell.count, cell.examples) for cell in found.cells
    ] == EXPECTED
    assert [cell.rule for cell in found.cells if cell.changed] == ["extradition-bar", "extradition-bar"]


def test_the_table_marks_the_verdicts_that_change():
    """The text table has a row per cell, a * where the readings disagree, and the totals."""
    found = fl.compare_readings(POPULATION, as_of=D, rules=["extradition-bar"])
    table = found.table()
    assert str(found) == table
    assert table.splitlines() == [
        "Verdicts on 2026-06-01 under enacted and press: 5 records, 1 could not be read.",
        "rule             subject  enacted  press     count  examples",
        "extradition-bar  person   yes      yes           1  record 4",
        "extradition-bar  person   yes      no     *      2  serving, veteran",
        "extradition-bar  person   no       no            1  stateless",
        "extradition-bar  offence  yes      yes           1  serving offence:o1",
        "extradition-bar  offence  yes      no     *      1  veteran offence:o1",
        "* the verdict changes: 3 of 6 verdicts.",
    ]


def test_the_comparison_as_json():
    """A JSON-ready dict with the counts and every cell from and to."""
    document = json.loads(json.dumps(fl.compare_readings(POPULATION, as_of=D, examples=1).to_dict()))
    assert {key: document[key] for key in ("as_of", "readings", "records", "errors", "verdicts", "changed")} == {
        "as_of": "2026-06-01",
        "readings": ["enacted", "press"],
        "records": 5,
        "errors": 1,
        "verdicts": 22,
        "changed": 3,
    }
    assert document["cells"][7] == {
        "rule": "extradition-bar",
        "subject": "person",
        "from": "yes",
        "to": "no",
        "changed": True,
        "count": 2,
        "examples": ["serving"],
    }


def test_a_reading_of_one_s_own_against_the_enacted_one():
    """A derived reading can be compared too: item 7 read with the summaries' combat condition."""
    summary = fl.RULEBOOK.reading("summary")
    found = fl.compare_readings(POPULATION, as_of=D, readings=("enacted", summary), rules="extradition-bar")
    assert found.readings == ("enacted", "summary")
    assert [(cell.was, cell.now, cell.examples) for cell in found.cells if cell.changed] == [
        (YES, NO, ("serving",)),
        (YES, NO, ("serving offence:o1",)),
    ]


@pytest.mark.parametrize(
    ("readings", "error", "message"),
    [
        pytest.param(("enacted",), ValueError, "expected two readings", id="one reading"),
        pytest.param(("enacted", "all"), ValueError, "expected two readings", id="all is not one reading"),
        pytest.param(("enacted", "pres"), fl.UnknownNameError, "Did you mean 'press'", id="a typo"),
    ],
)
def test_the_readings_must_be_two_real_ones(readings, error, message):
    """Exactly two readings, each a reading's name or a Reading."""
    with pytest.raises(error, match=message):
        fl.compare_readings(POPULATION, as_of=D, readings=readings)


def test_bad_arguments_fail_before_any_record_is_read():
    """An unknown rule or a bad day fails at once, without reading the records."""

    def never():
        raise AssertionError("read")
        yield  # pragma: no cover

    with pytest.raises(fl.UnknownNameError, match="extradition-bar"):
        fl.compare_readings(never(), as_of=D, rules=["extradition"])
    with pytest.raises(TypeError, match=r"datetime\.date"):
        fl.compare_readings(never(), as_of="2026-06-01")  # type: ignore[arg-type]
