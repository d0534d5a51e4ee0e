"""Timelines: a verdict over a period, as spans of days, exact on every day.

Expected spans come from the legal specification: item 7 in force on 2026-03-19 (the ten-day rule), the press
account's window 2026-03-04..2026-03-09; stateless contracts from 2025-07-07 (press: July 2024); the upper age
of 30 for foreigners until 2022-05-28; Decree No. 690 from 2022-09-30, ending on a day in 2023-10-26..2024-01-04,
Decree No. 10 from 2024-01-04; "served before D" means a contract signed before D.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from itertools import pairwise

import pytest
from hypothesis import given, reject, settings
from hypothesis import strategies as st

import fighterlaw as fl
from fighterlaw.dates import add_years
from fighterlaw.strategies import as_of_days, milestone_days, persons
from tests.helpers import NO, UNDETERMINED, YES, person
from tests.situations import last_legal_day

DAY = timedelta(days=1)
SERVING = {"contracts": [{"signed": "2023-01-01"}], "asylum_in_russia": False}
COMBAT_OFFENCE = {
    "id": "o1",
    "combat_related": True,
    "russian_judgment": False,
    "limitation_expired": False,
    "criminal_in_russia": True,
}

SPANS = [
    pytest.param(
        SERVING,
        "extradition-bar",
        "person",
        "enacted",
        (date(2026, 3, 1), date(2026, 3, 31)),
        [("2026-03-01", "2026-03-18", NO), ("2026-03-19", "2026-03-31", YES)],
        id="a serving soldier is protected from the day item 7 took effect",
    ),
    pytest.param(
        {**SERVING, "offences": [COMBAT_OFFENCE]},
        "extradition-bar",
        "offence:o1",
        "press",
        (date(2026, 3, 1), date(2026, 3, 31)),
        [
            ("2026-03-01", "2026-03-03", NO),
            ("2026-03-04", "2026-03-08", UNDETERMINED),
            ("2026-03-09", "2026-03-31", YES),
        ],
        id="press: a combat offence is barred from some day in 2026-03-04..2026-03-09",
    ),
    pytest.param(
        {**SERVING, "offences": [COMBAT_OFFENCE]},
        "extradition-bar",
        "person",
        "press",
        (date(2026, 3, 1), date(2026, 3, 31)),
        [("2026-03-01", "2026-03-31", NO)],
        id="press: the person as a whole is never barred by item 7",
    ),
    pytest.param(
        {"birth_date": "2004-02-29"},
        "foreign-contract",
        "person",
        "enacted",
        (date(2022, 1, 1), date(2022, 12, 31)),
        [("2022-01-01", "2022-02-27", NO), ("2022-02-28", "2022-12-31", YES)],
        id="born on 29 February: 18 on 28 February of a common year",
    ),
    pytest.param(
        {"birth_date": "1991-05-01"},
        "foreign-contract",
        "person",
        "enacted",
        (date(2022, 4, 1), date(2022, 6, 30)),
        [("2022-04-01", "2022-04-30", YES), ("2022-05-01", "2022-05-27", NO), ("2022-05-28", "2022-06-30", YES)],
        id="over 30 on 2022-05-01, allowed again when the upper limit went on 2022-05-28",
    ),
    pytest.param(
        {"citizenship": "stateless", "birth_date": "1990"},
        "stateless-contract",
        "person",
        "enacted",
        (date(2025, 7, 1), date(2025, 7, 31)),
        [("2025-07-01", "2025-07-06", NO), ("2025-07-07", "2025-07-31", YES)],
        id="stateless persons may serve from 2025-07-07",
    ),
    pytest.param(
        {"citizenship": "stateless", "birth_date": "1990"},
        "stateless-contract",
        "person",
        "press",
        (date(2024, 6, 1), date(2024, 8, 31)),
        [
            ("2024-06-01", "2024-06-30", NO),
            ("2024-07-01", "2024-07-30", UNDETERMINED),
            ("2024-07-31", "2024-08-31", YES),
        ],
        id="press: stateless persons may serve from some day in July 2024",
    ),
    pytest.param(
        {
            "contracts": [{"signed": "2026-04-01", "ended": "2026-04-01"}],
            "combat": True,
            "asylum_in_russia": False,
        },
        "extradition-bar",
        "person",
        "enacted",
        (date(2026, 3, 25), date(2026, 4, 5)),
        [("2026-03-25", "2026-04-01", NO), ("2026-04-02", "2026-04-05", YES)],
        id="a contract that ended the day it was signed is service before D only from the next day",
    ),
    pytest.param(
        {"contracts": [{"signed": "2023-03-01", "term_months": 12}]},
        "simplified-citizenship",
        "person",
        "enacted",
        (date(2023, 1, 1), date(2024, 12, 31)),
        [
            ("2023-01-01", "2023-02-28", NO),
            ("2023-03-01", "2023-10-25", YES),
            ("2023-10-26", "2024-01-03", UNDETERMINED),
            ("2024-01-04", "2024-12-31", YES),
        ],
        id="decree 690 from the contract, its uncertain end, then decree 10",
    ),
]


@pytest.mark.parametrize(("record", "rule", "subject", "reading", "period", "expected"), SPANS)
def test_a_timeline_follows_the_law_s_dates(record, rule, subject, reading, period, expected):
    """Each span starts on the day the law or the record says the verdict changes."""
    start, end = period
    line = fl.timeline(person(**record), rule, subject, start=start, end=end, reading=reading)
    assert [(str(span.first), str(span.last), span.verdict) for span in line] == expected


def test_a_span_carries_the_answer_on_its_first_day():
    """Each span's result is evaluate()'s result on its first day, with its reasons and what would decide it."""
    veteran = person(contracts=[{"signed": "2023-01-01", "ended": "2024-01-01"}], asylum_in_russia=False)
    line = fl.timeline(veteran, "extradition-bar", start=date(2026, 3, 1), end=date(2026, 3, 31))
    before, after = line.spans
    assert after.result.missing == ("combat",)
    assert after.result.verdict is UNDETERMINED
    assert [reason.code for reason in after.reasons] == [
        reason.code for reason in fl.evaluate(veteran, as_of=after.first).result("extradition-bar").because
    ]
    assert (before.days, after.days) == (18, 13)
    assert line.span_on(date(2026, 3, 19)) is after
    assert line.verdict_on(date(2026, 3, 18)) is NO
    assert after.covers(date(2026, 3, 31))
    assert not after.covers(date(2026, 4, 1))
    with pytest.raises(ValueError, match="expected a day from 2026-03-01 to 2026-03-31"):
        line.span_on(date(2026, 4, 1))


def test_a_timeline_marks_the_dates_of_law_and_of_the_record_in_its_period():
    """Markers: the dates of law the rule reads and the record's dates, inside the period, in order."""
    soldier = person(birth_date="2008-03-10", contracts=[{"signed": "2026-04-01"}])
    line = fl.timeline(soldier, "foreign-contract", start=date(2026, 1, 1), end=date(2026, 12, 31))
    assert [(marker.label, str(marker.when), marker.kind) for marker in line.markers] == [
        ("aged 18", "2026-03-10", "record"),
        ("contracts[0].signed", "2026-04-01", "record"),
    ]
    bar = fl.timeline(soldier, "extradition-bar", start=date(2026, 1, 1), end=date(2026, 12, 31))
    assert next((marker.label, marker.kind, marker.status) for marker in bar.markers) == (
        "fz-50-2026.start",
        "law",
        fl.Status.DERIVED,
    )
    citizenship = fl.timeline(soldier, "simplified-citizenship", start=date(2023, 1, 1), end=date(2023, 12, 31))
    labels = {marker.label: str(marker.when) for marker in citizenship.markers}
    assert labels["decree-690.end"] == "2023-10-26..2024-01-04"
    assert labels["decree-690.categories.since"] == "2023-05-15"


def test_every_rule_and_subject_at_once():
    """timelines() gives one timeline per rule and subject, in the order reports list them."""
    record = person(**SERVING, offences=[{"id": "o1"}, {}])
    lanes = fl.timelines(record, start=date(2026, 1, 1), end=date(2026, 12, 31), reading="all")
    assert [(lane.rule, lane.subject) for lane in lanes] == [
        ("foreign-contract", "person"),
        ("stateless-contract", "person"),
        ("simplified-citizenship", "person"),
        ("extradition-bar", "person"),
        ("extradition-bar", "offence:o1"),
        ("extradition-bar", "offence:1"),
        ("expulsion-bar", "person"),
    ]
    assert {lane.reading for lane in lanes} == {"all"}
    chosen = fl.timelines(record, start=date(2026, 1, 1), end=date(2026, 1, 1), rules=["stateless-contract"])
    assert [(lane.rule, len(lane)) for lane in chosen] == [("stateless-contract", 1)]


def test_a_reading_of_one_s_own_moves_the_timeline():
    """A derived reading with a confirmed in-force date moves the change to that date."""
    gazette = fl.RULEBOOK.reading("enacted").derive(
        "gazette", {"instruments": {"fz-50-2026": {"start": {"date": "2026-03-25", "status": "confirmed"}}}}
    )
    line = fl.timeline(
        person(**SERVING), "extradition-bar", start=date(2026, 3, 1), end=date(2026, 3, 31), reading=gazette
    )
    assert [(str(span.first), span.verdict) for span in line] == [("2026-03-01", NO), ("2026-03-25", YES)]
    assert line.reading == "gazette"


BAD = [
    pytest.param(
        {"start": date(2026, 2, 1), "end": date(2026, 1, 1)}, ValueError, "start on or before end", id="start after end"
    ),
    pytest.param(
        {"start": datetime(2026, 1, 1), "end": date(2026, 2, 1)},
        TypeError,
        "expected start as a datetime.date",
        id="a datetime is not a day",
    ),
    pytest.param(
        {"start": date(2026, 1, 1), "end": "2026-02-01"}, TypeError, "expected end as a datetime.date", id="a string"
    ),
    pytest.param(
        {"start": date(2026, 1, 1), "end": date(2026, 2, 1), "reading": "pres"},
        fl.UnknownNameError,
        "Did you mean 'press'",
        id="an unknown reading",
    ),
]


@pytest.mark.parametrize(("arguments", "error", "message"), BAD)
def test_a_bad_period_or_reading_fails_at_once(arguments, error, message):
    """The period must be two days in order; names must exist."""
    with pytest.raises(error, match=message):
        fl.timeline(person(), "foreign-contract", **arguments)


def test_an_unknown_rule_or_subject_lists_the_valid_ones():
    """A typo in a rule id or a subject is caught with the valid names."""
    with pytest.raises(fl.UnknownNameError, match="extradition-bar"):
        fl.timeline(person(), "extradition", start=date(2026, 1, 1), end=date(2026, 1, 2))
    with pytest.raises(fl.UnknownNameError, match="Valid: person, offence:o1"):
        fl.timeline(
            person(offences=[{"id": "o1"}]),
            "extradition-bar",
            "offence:o2",
            start=date(2026, 1, 1),
            end=date(2026, 1, 2),
        )


def test_the_json_of_a_timeline_names_both_ends_of_each_span():
    """to_dict(): the period and each span from and to, both included, with its verdict and result."""
    line = fl.timeline(person(**SERVING), "extradition-bar", start=date(2026, 3, 1), end=date(2026, 3, 31))
    document = json.loads(json.dumps(line.to_dict()))
    assert (document["from"], document["to"], document["rule"], document["subject"]) == (
        "2026-03-01",
        "2026-03-31",
        "extradition-bar",
        "person",
    )
    assert [(span["from"], span["to"], span["days"], span["verdict"]) for span in document["spans"]] == [
        ("2026-03-01", "2026-03-18", 18, "no"),
        ("2026-03-19", "2026-03-31", 13, "yes"),
    ]
    assert document["spans"][1]["result"]["verdict"] == "yes"
    assert document["markers"][0] == {
        "label": "fz-50-2026.start",
        "date": "2026-03-19",
        "kind": "law",
        "status": "derived",
        "title": "Federal Law No. 50-FZ in force",
    }
    assert str(line).startswith("(no id): extradition-bar [person], reading enacted, 2026-03-01 to 2026-03-31")


# --- exactness ---------------------------------------------------------------------------------------------------

UNCERTAIN = [
    pytest.param(
        {
            "id": "many-dates",
            "nationality": "NP",
            "birth_date": {"from": "2003-11", "to": "2004-03"},
            "sex": "male",
            "naturalised": {"from": "2025-12-01", "to": "2026-02-10"},
            "contracts": [
                {"signed": "2022-02", "term_months": "open", "ended": "2023-09"},
                {"signed": {"from": "2023-12-20", "to": "2024-01-10"}, "formation": "volunteer_formation"},
            ],
            "discharge": {"date": "2025-05", "grounds": "health"},
            "unfitness_ruling": {"date": "2025-10"},
            "family": [
                {"relation": "parent", "member": {"citizenship": "foreign", "birth_date": "1958", "sex": "male"}}
            ],
            "offences": [{"id": "o1", "combat_related": True}],
        },
        id="a record whose every date is a month, a year or a window",
    ),
    pytest.param(
        {
            "id": "stateless",
            "citizenship": "stateless",
            "birth_date": "2006",
            "contracts": [{"signed": "2024-07-07", "term_months": 6, "ended": "2025-07-07"}],
            "combat": True,
            "discharge": {"date": "2025-07-07", "grounds": "contract_expiry", "order_extract": True},
            "family": [
                {
                    "relation": "spouse",
                    "member": {
                        "citizenship": "foreign",
                        "birth_date": "1960-11-05",
                        "sex": "male",
                        "contracts": [{"signed": "2022-02-23", "term_months": 12}],
                    },
                }
            ],
        },
        id="a stateless person whose dates fall on dates of law",
    ),
]


def agrees_every_day(record: fl.Person, start: date, end: date, reading: str) -> None:
    """Every lane's verdict equals evaluate()'s on every day of the period."""
    lanes = fl.timelines(record, start=start, end=end, reading=reading)
    day = start
    while day <= end:
        report = fl.evaluate(record, as_of=day, reading=reading)
        assert [lane.verdict_on(day) for lane in lanes] == [found.verdict for found in report.results], day
        day += DAY


@pytest.mark.parametrize("reading", ["enacted", "press"])
@pytest.mark.parametrize("record", UNCERTAIN)
def test_a_timeline_agrees_with_evaluate_on_every_single_day(record, reading):
    """Checked day by day, for every rule and subject, from 2022 to mid-2026."""
    agrees_every_day(person(**record), date(2022, 1, 1), date(2026, 6, 30), reading)


READINGS = st.sampled_from(fl.RULEBOOK.names)


@settings(max_examples=60)
@given(persons(), as_of_days(), st.integers(0, 3 * 366), READINGS, st.data())
def test_every_span_s_verdict_holds_on_every_day_inside_it(record, start, length, reading, data):
    """The spans cover the period exactly, in order, neighbours differ, and evaluate() agrees inside each span.

    Checked on each span's last day (where a change day the timeline missed would show first) and on random
    days inside random spans.
    """
    end = start + timedelta(days=length)
    lanes = fl.timelines(record, start=start, end=end, reading=reading)
    checked: set[date] = set()
    for lane in lanes:
        assert lane.spans[0].first == start
        assert lane.spans[-1].last == end
        for before, after in pairwise(lane.spans):
            assert after.first == before.last + DAY
            assert after.verdict is not before.verdict
        checked.update(span.last for span in lane.spans)
        for span in data.draw(st.lists(st.sampled_from(lane.spans), max_size=2)):
            checked.add(span.first + timedelta(days=data.draw(st.integers(0, span.days - 1))))
    for day in sorted(checked):
        report = fl.evaluate(record, as_of=day, reading=reading)
        for lane, found in zip(lanes, report.results, strict=True):
            assert lane.verdict_on(day) is found.verdict, (lane.rule, lane.subject, day)


ANCHORS = sorted(set(milestone_days("enacted")) | set(milestone_days("press")))
ALL_IN_FORCE = last_legal_day(fl.RULEBOOK)  # from here on, only the record's dates move a verdict


def ages_at_the_limits(data: object) -> set[int]:
    """The ages either side of each age limit in a reading's data: a minimum age M gives M - 1 and M, a
    maximum M gives M and M + 1 (over the limit once the next birthday comes)."""
    found: set[int] = set()
    if isinstance(data, dict):
        for key, value in data.items():
            if key not in ("min-age", "max-age"):
                found |= ages_at_the_limits(value)
                continue
            for entry in value if isinstance(value, list) else [value]:
                limit = entry.get("value") if isinstance(entry, dict) else entry
                if isinstance(limit, int):
                    found |= {limit - 1, limit} if key == "min-age" else {limit, limit + 1}
    elif isinstance(data, list):
        for value in data:
            found |= ages_at_the_limits(value)
    return found


AGES = sorted(set().union(*(ages_at_the_limits(reading.raw) for reading in fl.RULEBOOK)))


def test_the_ages_drawn_are_those_either_side_of_each_age_limit():
    """Ages 18 (contracts, Decree 821), 30 (contracts before 2022-05-28) and 65 (Decree 821), from LAW.md."""
    assert AGES == [17, 18, 30, 31, 65, 66]


@st.composite
def crowded(draw: st.DrawFn) -> tuple[fl.Person, date]:
    """A record whose dates crowd together: on each other and a day or two apart, around a day of law or later.

    Its dates are drawn from a pool of up to three days next to an anchor (a day of law, or a day after every
    law is in force), as days, months or windows; a contract often ends, and a discharge often takes effect,
    on the very date a contract was signed. Its birthdays (an age limit reached) fall within a fortnight of
    the anchor. Also the first day of a period of a month that holds them all.
    """
    if draw(st.booleans()):
        anchor = draw(st.sampled_from(ANCHORS))
    else:
        anchor = draw(st.dates(ALL_IN_FORCE, ALL_IN_FORCE + timedelta(days=3 * 365)))
    pool = sorted(
        {anchor + timedelta(days=offset) for offset in draw(st.lists(st.integers(-2, 2), min_size=1, max_size=3))}
    )

    def when(after: date | None = None) -> str | dict[str, str]:
        days = [day for day in pool if after is None or day >= after]
        day = draw(st.sampled_from(days))
        form = draw(st.sampled_from(("day", "day", "day", "month", "window")))
        if form == "month":
            return day.isoformat()[:7]
        if form == "window":
            last = draw(st.sampled_from([later for later in days if later >= day]))
            return {"from": day.isoformat(), "to": last.isoformat()}
        return day.isoformat()

    birthday = anchor + timedelta(days=draw(st.integers(-14, 14)))
    record: dict[str, object] = {
        "citizenship": draw(st.sampled_from(("foreign", "stateless"))),
        "birth_date": add_years(birthday, -draw(st.sampled_from(AGES))).isoformat(),
        "sex": "male",
        "combat": draw(st.sampled_from((True, True, False, None))),
        "asylum_in_russia": False,
        "offences": [{"combat_related": True, "russian_judgment": False, "limitation_expired": False}],
    }
    contracts = []
    for _ in range(draw(st.integers(0, 2))):
        signed = when()
        contract: dict[str, object] = {"signed": signed, "term_months": draw(st.sampled_from((6, 12, None)))}
        ending = draw(st.sampled_from(("none", "same", "other")))
        if ending != "none":
            contract["ended"] = signed if ending == "same" else when()
        contracts.append(contract)
    record["contracts"] = contracts
    if draw(st.booleans()):
        same = bool(contracts) and draw(st.booleans())
        record["discharge"] = {
            "date": contracts[0]["signed"] if same else when(),
            "grounds": "health",
            "order_extract": True,
        }
    if draw(st.booleans()):
        record["unfitness_ruling"] = {"date": when()}
    if draw(st.integers(0, 3)) == 0:
        record["naturalised"] = when()
    try:
        built = fl.Person.model_validate(record)
    except ValueError:
        reject()  # a contract drawn to end before it was signed
    return built, anchor - timedelta(days=15)


@settings(max_examples=100)
@given(crowded(), READINGS)
def test_a_timeline_is_exact_where_dates_crowd_together(drawn, reading):
    """Checked on every day of a month around a day of law, with the record's dates on it and next to it."""
    record, start = drawn
    agrees_every_day(record, start, start + timedelta(days=30), reading)


def test_the_text_of_a_timeline_says_what_each_span_turns_on():
    """An undetermined span names the facts or the unsettled legal points that would decide it."""
    record = person(id="c-1", contracts=[{"signed": "2023-03-01", "term_months": 12}])
    line = fl.timeline(record, "simplified-citizenship", start=date(2023, 10, 1), end=date(2024, 1, 31))
    assert line[1].verdict is UNDETERMINED
    text = fl.timeline_text([line])
    assert "  2023-10-26 to 2024-01-03  undetermined     70 days" in text
    assert "    turns on unsettled points: decree-690.end (Decree No. 690 no longer in force)" in text
    assert "  2023-10-26..2024-01-04  Decree No. 690 no longer in force (decree-690.end; law, plausible)" in text


@pytest.mark.parametrize(
    ("asked", "marked"),
    [
        pytest.param(date(2023, 10, 25), "  2023-10-01 to 2023-10-25", id="the day before Decree 690 may have ended"),
        pytest.param(date(2023, 10, 26), "  2023-10-26 to 2024-01-03", id="the first day it may have ended"),
        pytest.param(date(2024, 1, 4), "  2024-01-04 to 2024-01-31", id="the day Decree 10 entered into force"),
    ],
)
def test_the_text_of_a_timeline_marks_the_day_asked_about(asked, marked):
    """The span that holds the day asked about says so; a day outside the period marks nothing."""
    record = person(id="c-1", contracts=[{"signed": "2023-03-01", "term_months": 12}])
    line = fl.timeline(record, "simplified-citizenship", start=date(2023, 10, 1), end=date(2024, 1, 31), asked=asked)
    flagged = [row for row in fl.timeline_text([line]).splitlines() if "the day asked about" in row]
    assert len(flagged) == 1
    assert flagged[0].startswith(marked)
    assert flagged[0].endswith(f"<- {asked}, the day asked about")
    assert line.to_dict()["asked"] == asked.isoformat()
    outside = fl.timeline(record, "simplified-citizenship", start=date(2023, 10, 1), end=date(2024, 1, 31))
    assert "the day asked about" not in fl.timeline_text([outside])
