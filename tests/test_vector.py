"""The vectorised evaluator: every row at once, with the verdicts the scalar path gives each record."""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import fighterlaw as fl
from fighterlaw import tables, vector
from fighterlaw.engine import Evaluation
from fighterlaw.planner import plan
from fighterlaw.strategies import milestone_days, persons

ITEM_7: date = date(2026, 3, 19)  # LAW.md: Federal Law No. 50-FZ adds item 7 to CPC Art. 464(1), in force 2026-03-19
SOLDIER = {"id": "s", "citizenship": "foreign", "asylum_in_russia": False, "contracts": [{"signed": "2023-01-01"}]}
RUSSIAN = {
    "citizenship": "russian",
    "birth_date": "1980-01-01",
    "sex": "male",
    "combat": False,
    "asylum_in_russia": False,
}


_COMPLETE = st.lists(persons(complete=True, around=milestone_days()), min_size=1, max_size=8)
_PEOPLE = st.lists(persons(around=milestone_days()), min_size=1, max_size=8) | _COMPLETE
"""Records blurred or complete, their dates often on the days the law changes."""


def _records(people: list[fl.Person]) -> list[dict[str, Any]]:
    return [person.model_dump(mode="json", exclude_none=True) for person in people]


def _scalar(table: pa.Table, evaluation: Evaluation, *, reasons: bool = False) -> pa.Table:
    """The answers of the scalar path, one record at a time: the reference."""
    return tables._columns(tables._outcomes(tables.items_of(table), evaluation, reasons=reasons), evaluation)


# --- Kleene's pass, column by column -------------------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(
    _PEOPLE,
    st.sampled_from(milestone_days()),
    st.sampled_from(["enacted", "press"]),
)
def test_every_node_over_columns_gives_what_the_generated_code_gives_each_record(people, day, reading):
    """For random records, complete and blurred, every (rule, subject) verdict over columns is the first pass's."""
    table = tables.records_table(_records(people))
    columns = vector.Columns.of(table)
    assert columns.checked.all()
    planned = plan(fl.RULEBOOK.reading(reading), day, tuple(fl.RULE_IDS))
    found = vector.kleene(planned, columns)
    for row, person in enumerate(people):
        offences = {
            position: vector.names(verdicts[found.owner == row]) for position, verdicts in found.offences.items()
        }
        got: list[str] = []
        for position, verdicts in enumerate(found.person):
            got.append(vector.names(verdicts[row : row + 1])[0])
            got.extend(offences.get(position, []))
        assert got == [verdict.value for verdict in planned.verdicts(person)]


@settings(max_examples=60, deadline=None)
@given(
    _PEOPLE,
    st.sampled_from(milestone_days()),
    st.sampled_from(["enacted", "press"]),
)
def test_every_reliance_over_columns_is_the_status_the_first_pass_reasons_give(people, day, reading):
    """For random records, the status each verdict relies on, worked out over columns, is its reason tree's."""
    table = tables.records_table(_records(people))
    planned = plan(fl.RULEBOOK.reading(reading), day, tuple(fl.RULE_IDS))
    found = vector.reliant(planned, vector.Columns.of(table))
    assert found.person_reliance is not None
    assert found.offence_reliance is not None
    for row, person in enumerate(people):
        got: list[tuple[str, int]] = []
        for position, verdicts in enumerate(found.person):
            got.append((vector.names(verdicts[row : row + 1])[0], int(found.person_reliance[position][row])))
            if position in found.offences:
                mine = found.owner == row
                ranks = found.offence_reliance[position][mine]
                own = zip(vector.names(found.offences[position][mine]), ranks, strict=True)
                got.extend((verdict, int(rank)) for verdict, rank in own)
        reasons = [finding.reason for _, finding in planned.findings(person)]
        assert got == [(reason.verdict.value, _rank(reason.reliance())) for reason in reasons]


def _rank(status: fl.Status | None) -> int:
    return -1 if status is None else status.rank


# --- the table path: vector where it vouches, scalar where it does not -----------------------------------------------

_JUNK = st.sampled_from(
    [
        ("citizenship", "martian"),
        ("nationality", "RU"),
        ("nationality", "np"),
        ("sex", "other"),
        ("birth_date", "1990-02-30"),
        ("birth_date", "1991..1990"),
        ("naturalised", "2000-01-01"),
        ("id", ""),
        ("contracts", [{"signed": "2024-05-01", "ended": "2024-04-30"}]),
        ("contracts", [{"signed": "2024-05-01", "term_months": "0"}]),
        ("contracts", [{"signed": "2024-05-01", "term_months": "1201"}]),
        ("contracts", [{"signed": "2024-05-01", "formation": "navy"}]),
        ("contracts", [{"term_months": "12"}]),
        ("discharge", {"grounds": "age"}),
        ("offences", [{"id": "1"}, {}]),
        ("offences", [{"requesting_state": "Ukraine"}]),
        ("family", [{"relation": "cousin", "member": {"citizenship": "foreign"}}]),
        ("family", [{"relation": "spouse", "member": {"citizenship": "foreign", "family": [{"relation": "child"}]}}]),
    ]
)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.tuples(persons(around=milestone_days()), st.none() | _JUNK), min_size=1, max_size=8),
    st.sampled_from(milestone_days()),
)
def test_a_table_with_bad_and_blurred_rows_answers_as_the_scalar_path_row_for_row(rows, day):
    """Rows the columns cannot vouch for (bad values, open verdicts on open facts) are answered as records are."""
    records = []
    for person, junk in rows:
        record = person.model_dump(mode="json", exclude_none=True)
        if junk is not None:
            record[junk[0]] = junk[1]
        records.append(record)
    table = tables.records_table(records)
    evaluation = Evaluation(as_of=day)
    found = fl.evaluate_table(table, as_of=day, reasons=False)
    assert found.to_pylist() == _scalar(table, evaluation).to_pylist()
    found = fl.evaluate_table(table, as_of=day)
    assert found.to_pylist() == _scalar(table, evaluation, reasons=True).to_pylist()


@pytest.mark.parametrize(
    ("day", "barred"),
    [
        pytest.param(date(2026, 3, 18), "no", id="the day before item 7 is in force: not barred"),
        pytest.param(ITEM_7, "yes", id="the day item 7 comes into force: barred"),
        pytest.param(date(2026, 3, 20), "yes", id="the day after: barred"),
    ],
)
def test_a_foreign_soldier_serving_under_contract_is_barred_from_extradition_from_19_march_2026(day, barred):
    """LAW: item 7 bars the extradition of a foreign national serving under contract, from 2026-03-19."""
    table = tables.records_table([SOLDIER, RUSSIAN] * 3)
    columns = vector.Columns.of(table)
    assert columns.checked.all()
    assert columns.exact.tolist() == [False, True] * 3  # the soldier's birth date, sex, ... are not known
    found = fl.evaluate_table(table, as_of=day, rules=["extradition-bar"], reasons=False)
    assert found.column("extradition-bar").to_pylist() == [barred, "yes"] * 3
    statuses = fl.evaluate_table(table, as_of=day, rules=["extradition-bar"]).column("extradition-bar:status")
    # LAW.md: item 7's in-force day is derived (the ten-day rule); a Russian citizen's bar is the Constitution's.
    assert statuses.to_pylist() == ["derived", "confirmed"] * 3


def test_an_open_verdict_on_a_fact_in_two_branches_is_made_exact_on_the_scalar_path():
    """A stateless soldier naturalised on an unknown day is barred either way (LAW: citizen, or item 7)."""
    record = {
        "citizenship": "stateless",
        "naturalised": "unknown",
        "asylum_in_russia": False,
        "contracts": [{"signed": "2026-01-10"}],
    }
    table = tables.records_table([record])
    day = date(2026, 6, 21)
    first = vector.kleene(plan(fl.RULEBOOK.reading("enacted"), day, ("extradition-bar",)), vector.Columns.of(table))
    assert vector.names(first.person[0]) == ["undetermined"]  # Kleene's pass alone leaves it open
    found = fl.evaluate_table(table, as_of=day, rules=["extradition-bar"], reasons=False)
    assert found.column("extradition-bar").to_pylist() == ["yes"]


@pytest.mark.parametrize(
    ("columns", "why"),
    [
        pytest.param({"citizenship": ["foreign"], "shoe_size": [44]}, "shoe_size", id="a column the record lacks"),
        pytest.param({"citizenship": ["foreign"], "combat": [1]}, "combat", id="a yes/no fact given as a number"),
        pytest.param({"citizenship": ["foreign"], "birth_date": [19900101]}, "birth_date", id="a date as a number"),
    ],
)
def test_a_table_the_columns_do_not_read_is_answered_record_by_record(columns, why):
    """Types and columns the columns do not read send the whole table the scalar way, with the models' errors."""
    table = pa.table(columns)
    with pytest.raises(vector.Unsupported, match=why):
        vector.Columns.of(table)
    found = fl.evaluate_table(table, as_of=ITEM_7, reasons=False)
    assert found.to_pylist() == _scalar(table, Evaluation(as_of=ITEM_7)).to_pylist()
    assert found.column("error").to_pylist()[0].startswith(why)


def test_offences_of_people_taken_onto_offence_rows_read_their_owner_s_contracts():
    """Each offence's steps read its owner's facts, contracts included, whatever the order of owners."""
    records = [
        {**SOLDIER, "id": "a", "offences": [{"id": "x"}, {"id": "y"}]},
        {"id": "b", "citizenship": "foreign"},
        {**SOLDIER, "id": "c", "combat": True, "offences": [{"id": "z", "combat_related": True}]},
    ]
    table = tables.records_table(records)
    found = fl.evaluate_table(table, as_of=date(2026, 6, 1), rules=["extradition-bar"], reasons=False)
    expected = _scalar(table, Evaluation(as_of=date(2026, 6, 1), rules=["extradition-bar"]))
    assert found.to_pylist() == expected.to_pylist()
    assert np.array_equal(vector.Columns.of(table).rows.children["offences"].owner, [0, 0, 2])


@settings(max_examples=40, deadline=None)
@given(
    _COMPLETE,
    st.sampled_from(milestone_days()),
    st.sampled_from(["enacted", "press"]),
)
def test_complete_records_get_the_scalar_path_s_statuses_and_reasons_from_the_columns(people, day, reading):
    """Every fact known: open answers turn on the law alone, and the columns say which points, as the reasons do."""
    table = tables.records_table(_records(people))
    found = fl.evaluate_table(table, as_of=day, reading=reading)
    expected = _scalar(table, Evaluation(as_of=day, reading=reading), reasons=True)
    assert found.to_pylist() == expected.to_pylist()


def test_a_woman_who_served_qualifies_only_if_decree_10_still_holds_and_the_columns_say_so():
    """LAW: Decree 821 is for men; Decree 10 (service since 2022-02-24) may have lapsed on 2025-11-05: open."""
    veteran = {
        "citizenship": "foreign",
        "nationality": "NP",
        "birth_date": "1990-01-01",
        "sex": "female",
        "combat": False,
        "asylum_in_russia": False,
        "contracts": [{"signed": "2023-05-01", "term_months": 12, "ended": "2024-05-01"}],
    }
    table = tables.records_table([veteran])
    day = date(2026, 6, 1)
    columns = vector.Columns.of(table)
    planned = plan(fl.RULEBOOK.reading("enacted"), day, ("simplified-citizenship",))
    found = vector.reliant(planned, columns)
    (opens,) = vector.opened(planned, columns, found)
    assert columns.exact.all()
    assert not opens.one_by_one.any()  # answered from the columns, not one by one
    answers = fl.evaluate_table(table, as_of=day, rules=["simplified-citizenship"])
    assert answers.column("simplified-citizenship").to_pylist() == ["undetermined"]
    assert answers.column(tables.REASON).to_pylist() == ["simplified-citizenship: unsettled: decree-10.end"]


def test_categorical_columns_of_a_polars_frame_are_read_as_their_values():
    """A polars frame whose vocabularies are categoricals (dictionaries in Arrow) is read by the columns too."""
    import polars as pl  # noqa: PLC0415 - the frames extra

    frame = pl.DataFrame(tables.records_table([SOLDIER, RUSSIAN])).with_columns(
        pl.col("citizenship").cast(pl.Categorical), pl.col("sex").cast(pl.Categorical)
    )
    arrow = pa.table(frame)  # as evaluate_table reads it: through the Arrow C stream
    assert pa.types.is_dictionary(arrow.schema.field("citizenship").type)
    read = vector.plain(arrow)  # what evaluate_table answers from: the same rows, as plain text
    assert read.schema.field("citizenship").type == pa.large_string()
    assert read.column("citizenship").to_pylist() == ["foreign", "russian"]
    assert vector.Columns.of(read).checked.all()
    found = fl.evaluate_table(frame, as_of=ITEM_7, rules=["extradition-bar"])
    assert found.get_column("extradition-bar").to_list() == ["yes", "yes"]  # LAW: item 7; a Russian citizen


def test_a_volunteer_formation_contract_leaves_item_7_open_and_the_columns_name_the_point():
    """LAW: whether a contract with a volunteer formation counts under item 7 is unsettled, so the bar is open."""
    volunteer = {
        "citizenship": "foreign",
        "nationality": "NP",
        "birth_date": "1990-01-01",
        "sex": "male",
        "combat": False,
        "asylum_in_russia": False,
        "contracts": [{"signed": "2025-01-10", "term_months": 12, "formation": "volunteer_formation"}],
    }
    table = tables.records_table([volunteer, RUSSIAN])
    day = date(2026, 6, 1)
    columns = vector.Columns.of(table)
    planned = plan(fl.RULEBOOK.reading("enacted"), day, ("extradition-bar",))
    (opens,) = vector.opened(planned, columns, vector.reliant(planned, columns))
    assert not opens.one_by_one.any()  # the contract's point is named from the columns, item by item
    answers = fl.evaluate_table(table, as_of=day, rules=["extradition-bar"])
    assert answers.column("extradition-bar").to_pylist() == ["undetermined", "yes"]
    assert answers.column(tables.REASON).to_pylist() == [
        "extradition-bar: unsettled: item-7.formation.volunteer_formation",
        None,
    ]
