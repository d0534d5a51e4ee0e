"""Population views: exact daily counts per question, what holds open answers open, the picture and the command."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import fighterlaw as fl
from fighterlaw import census, tables
from fighterlaw.census import populations
from fighterlaw.cli import main
from fighterlaw.strategies import milestone_days, persons

EXAMPLES = Path(__file__).parent.parent / "examples" / "people.jsonl"
SOLDIER = {"id": "s", "citizenship": "foreign", "asylum_in_russia": False, "contracts": [{"signed": "2023-01-01"}]}
VETERAN = {"id": "v", "citizenship": "foreign", "contracts": [{"signed": "2023-01-01", "ended": "2024-01-01"}]}
RUSSIAN = {"id": "r", "citizenship": "russian"}


def test_the_extradition_bar_comes_into_force_on_19_march_2026():
    """LAW: item 7 is in force from 2026-03-19; a serving soldier is barred from that day, not the day before."""
    view = fl.population([SOLDIER, RUSSIAN], start=date(2026, 3, 17), end=date(2026, 3, 20), rules=["extradition-bar"])
    bar = view.tally("extradition-bar")
    assert bar.yes == (1, 1, 2, 2)  # the Russian citizen always; the soldier from the 19th
    assert bar.no == (1, 1, 0, 0)
    assert bar.undetermined == (0, 0, 0, 0)
    assert bar.answers == 2
    assert view.days[0] == date(2026, 3, 17)
    assert list(bar.runs()) == [(0, 1, 1, 1, 0), (2, 3, 2, 0, 0)]


def test_what_holds_answers_open_is_ranked_by_the_answers_it_would_decide():
    """Two veterans need combat (and asylum, for one): combat decides two answers, asylum one."""
    other = {**VETERAN, "id": "w", "asylum_in_russia": False}
    view = fl.population([VETERAN, other], start=date(2026, 6, 1), end=date(2026, 6, 10), rules=["extradition-bar"])
    held = [(h.kind, h.name, h.answers, h.days) for h in view.tally("extradition-bar").open]
    assert held == [("fact", "combat", 2, 20), ("fact", "asylum_in_russia", 1, 10)]


def test_offences_are_counted_as_their_own_subject_kind():
    """Each alleged offence is one answer of the 'offence' kind."""
    record = {**SOLDIER, "offences": [{"id": "a"}, {"id": "b"}]}
    view = fl.population([record, RUSSIAN], start=date(2026, 6, 1), end=date(2026, 6, 1), rules=["extradition-bar"])
    assert view.tally("extradition-bar", "offence").yes == (2,)
    with pytest.raises(fl.UnknownNameError, match="extradition-bar person"):
        view.tally("extradition-bar", "family")


def test_bad_records_are_kept_as_errors_and_counted_nowhere():
    """A record that cannot be read is in errors, with its position; the others are counted."""
    view = fl.population([RUSSIAN, {"citizenship": "martian"}], start=date(2026, 1, 1), end=date(2026, 1, 1))
    assert view.records == 2
    assert [error.position for error in view.errors] == [1]
    assert view.tally("foreign-contract").answers == 1


def test_a_table_is_read_as_evaluate_table_reads_it():
    """A pandas frame of the nested layout gives the same counts as its records."""
    frame = pd.DataFrame([SOLDIER, RUSSIAN])
    first, last = date(2026, 3, 18), date(2026, 3, 19)
    expected = fl.population([SOLDIER, RUSSIAN], start=first, end=last).tallies
    assert fl.population(frame, start=first, end=last).tallies == expected


@pytest.mark.parametrize(
    ("arguments", "error"),
    [
        pytest.param({"start": date(2026, 2, 1), "end": date(2026, 1, 1)}, ValueError, id="a period that runs back"),
        pytest.param({"start": "2026-01-01", "end": date(2026, 1, 1)}, TypeError, id="a day as text"),
        pytest.param(
            {"start": date(2026, 1, 1), "end": date(2026, 1, 1), "reading": "rumour"}, fl.UnknownNameError, id="reading"
        ),
        pytest.param(
            {"start": date(2026, 1, 1), "end": date(2026, 1, 1), "rules": ["extradition"]},
            fl.UnknownNameError,
            id="rule",
        ),
    ],
)
def test_bad_arguments_fail_at_once(arguments, error):
    """Wrong arguments are refused before any record is read."""
    with pytest.raises(error):
        fl.population([RUSSIAN], **arguments)


@settings(max_examples=15)
@given(
    st.lists(persons(around=milestone_days()), min_size=1, max_size=4),
    st.sampled_from(milestone_days()),
    st.integers(0, 12),
    st.sampled_from(["enacted", "press", "all"]),
)
def test_counts_equal_a_day_by_day_evaluation(people, first, length, reading):
    """On every day of the period, the counts are those of evaluating every record on that day, and so are the
    answer-days and answers each fact or legal point holds open."""
    last = first + timedelta(days=length)
    view = fl.population(people, start=first, end=last, reading=reading)
    held_days: dict[tuple[str, str, str, str], int] = {}
    held_answers: dict[tuple[str, str, str, str], set[tuple[int, str]]] = {}
    for index, day in enumerate(view.days):
        expected: dict[tuple[str, str], list[int]] = {(t.rule, t.subject): [0, 0, 0] for t in view.tallies}
        for position, person in enumerate(people):
            for result in fl.evaluate(person, as_of=day, reading=reading).results:
                kind = result.subject.partition(":")[0]
                counts = expected[result.rule, kind]
                counts[[fl.Verdict.YES, fl.Verdict.NO, fl.Verdict.UNDETERMINED].index(result.verdict)] += 1
                named = [("fact", fact) for fact in result.missing] + [("point", p) for p in result.unsettled]
                for held in named:
                    key = (result.rule, kind, *held)
                    held_days[key] = held_days.get(key, 0) + 1
                    held_answers.setdefault(key, set()).add((position, result.subject))
        found = {(t.rule, t.subject): [t.yes[index], t.no[index], t.undetermined[index]] for t in view.tallies}
        assert found == expected, day
    counted = {(t.rule, t.subject, h.kind, h.name): (h.days, h.answers) for t in view.tallies for h in t.open}
    assert counted == {key: (days, len(held_answers[key])) for key, days in held_days.items()}


# --- output ----------------------------------------------------------------------------------------------------


def test_the_picture_has_a_stacked_area_per_question_and_reading_with_words():
    """Valid SVG; each question and reading titled; the verdicts named in the key; patterns as well as colours."""
    records = [json.loads(line) for line in EXAMPLES.read_text().splitlines()]
    views = populations(records, start=date(2025, 1, 1), end=date(2026, 12, 31), readings=["enacted", "press"])
    svg = fl.population_svg(views)
    root = ET.fromstring(svg)  # noqa: S314 - our own output
    words = [element.text or "" for element in root.iter("{http://www.w3.org/2000/svg}text")]
    assert sum("reading:" in word for word in words) == 12  # five questions, offences apart: six areas, two readings
    assert {"yes", "no", "undetermined"} <= set(words)
    fills = {element.get("fill") for element in root.iter("{http://www.w3.org/2000/svg}polygon")}
    assert fills == {"url(#verdict-yes)", "url(#verdict-no)", "url(#verdict-undetermined)"}
    assert "<script" not in svg


def test_a_population_without_records_is_drawn_empty_and_says_so():
    """No records: each area says there is nothing to count, and no verdict is drawn."""
    svg = fl.population_svg(fl.population([], start=date(2026, 1, 1), end=date(2026, 1, 31), rules=["extradition-bar"]))
    assert "no records to count" in svg
    assert "no alleged offences to count" in svg
    assert "<polygon" not in svg


def test_an_empty_list_of_views_cannot_be_drawn():
    """There is nothing to draw: a ValueError that says so."""
    with pytest.raises(ValueError, match="at least one"):
        fl.population_svg([])


def test_summary_writes_one_csv_row_per_reading_question_and_day(capsys):
    """fighterlaw summary --format csv: 2 readings x 6 areas (five questions, offences apart) x 3 days."""
    args = ["summary", str(EXAMPLES), "--from", "2026-03-18", "--to", "2026-03-20", "--readings", "enacted,press"]
    assert main([*args, "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == 36
    assert all(int(row["yes"]) + int(row["no"]) + int(row["undetermined"]) in (16, 9) for row in rows)


def test_summary_as_json_and_as_a_picture(tmp_path, capsys):
    """JSON holds runs and what holds answers open; --svg writes the picture."""
    out = tmp_path / "summary.svg"
    args = ["summary", str(EXAMPLES), "--from", "2026-01-01", "--to", "2026-12-31", "--format", "json"]
    assert main([*args, "--svg", str(out), "--rule", "extradition-bar"]) == 0
    (document,) = json.loads(capsys.readouterr().out)
    assert [question["subject"] for question in document["questions"]] == ["person", "offence"]
    assert document["questions"][0]["runs"][0]["first"] == "2026-01-01"
    assert out.read_text().startswith("<svg")


def test_summary_as_text_names_what_holds_answers_open(capsys):
    """The text view: counts on the first and last day, and the facts that hold answers open."""
    args = ["summary", str(EXAMPLES), "--from", "2026-06-01", "--to", "2026-06-30", "--rule", "extradition-bar"]
    assert main(args) == 0
    assert "held open by asylum_in_russia: 1 answer, 30 answer-days" in capsys.readouterr().out


def test_summary_reports_bad_records_and_exits_1(tmp_path, capsys):
    """A bad record is said with its line on stderr; the others are counted; the exit status is 1."""
    path = tmp_path / "people.jsonl"
    path.write_text(json.dumps(RUSSIAN) + "\n" + '{"citizenship": "martian"}\n')
    assert main(["summary", str(path), "--from", "2026-01-01", "--to", "2026-01-01", "--format", "csv"]) == 1
    assert "line 2:" in capsys.readouterr().err


@pytest.mark.parametrize(
    "extra",
    [
        pytest.param(["--from", "2026-02-01", "--to", "2026-01-01"], id="a period that runs back"),
        pytest.param(["--from", "2026-01-01", "--to", "2026-01-02", "--readings", "enacted,rumour"], id="no reading"),
    ],
)
def test_summary_usage_errors(extra, capsys):
    """Usage errors exit 2."""
    assert main(["summary", str(EXAMPLES), *extra]) == 2


def test_an_assumed_fact_is_counted_as_if_known():
    """Assuming combat decides the veteran from 19 March 2026, when item 7 comes into force."""
    view = fl.population(
        [VETERAN], start=date(2026, 3, 18), end=date(2026, 3, 19), rules=["extradition-bar"], assume={"combat": True}
    )
    assert view.tally("extradition-bar").yes == (0, 1)


def test_the_public_names_stay_functions_once_their_modules_are_loaded():
    """Importing the modules behind them does not shadow fl.population or fl.evaluate_table with a module."""
    assert fl.population is census.population
    assert fl.evaluate_table is tables.evaluate_table
