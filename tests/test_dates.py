"""Uncertain dates: forms, comparisons without rounding, and calendar arithmetic."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st
from pydantic import TypeAdapter

from fighterlaw import Precision, UncertainDate, Verdict
from fighterlaw.dates import DateFormError, add_months, add_years, reaches_age
from fighterlaw.strategies import uncertain_dates

YES, NO, UNDETERMINED = Verdict.YES, Verdict.NO, Verdict.UNDETERMINED

FORMS = [
    pytest.param("2023-05-02", date(2023, 5, 2), date(2023, 5, 2), Precision.DAY, id="a day"),
    pytest.param("2022-11", date(2022, 11, 1), date(2022, 11, 30), Precision.MONTH, id="November 2022 is 30 days"),
    pytest.param("2024-02", date(2024, 2, 1), date(2024, 2, 29), Precision.MONTH, id="February of a leap year"),
    pytest.param("2023", date(2023, 1, 1), date(2023, 12, 31), Precision.YEAR, id="a year"),
    pytest.param(
        {"from": "2026-03-04", "to": "2026-03-09"}, date(2026, 3, 4), date(2026, 3, 9), Precision.WINDOW, id="a window"
    ),
    pytest.param(
        {"from": "2023-10", "to": "2024"}, date(2023, 10, 1), date(2024, 12, 31), Precision.WINDOW, id="a coarse window"
    ),
    pytest.param("unknown", date.min, date.max, Precision.UNKNOWN, id="unknown is any day"),
]


@pytest.mark.parametrize(("text", "earliest", "latest", "precision"), FORMS)
def test_each_form_is_the_interval_of_days_it_may_be(text, earliest, latest, precision):
    """A month, a year or a window is every day it may be, not its first day."""
    parsed = UncertainDate.parse(text)
    assert (parsed.earliest, parsed.latest, parsed.precision) == (earliest, latest, precision)
    assert parsed.to_json() == text


BAD = [
    pytest.param("2023-02-30", "not in the calendar", id="an impossible day"),
    pytest.param("2023-13", "not in the calendar", id="a thirteenth month"),
    pytest.param("23-05-02", "expected a date", id="a two-digit year"),
    pytest.param("2023/05/02", "expected a date", id="slashes"),
    pytest.param(" 2023", "expected a date", id="a leading space"),
    pytest.param(0, "found 0", id="a number"),
    pytest.param(True, "found true", id="a boolean"),
    pytest.param(False, "found false$", id="false"),
    pytest.param("x" * 58, f"found '{'x' * 58}'$", id="a value of 60 characters is shown whole"),
    pytest.param("x" * 59, f"found '{'x' * 56}\\.\\.\\.$", id="a longer value is cut to 57 characters and '...'"),
    pytest.param(None, "found null", id="null"),
    pytest.param(["2023"], "expected a date", id="a list"),
    pytest.param({"from": "2024-03"}, "needs 'to'", id="a window without its end"),
    pytest.param(
        {"from": "2024-03", "to": "2024-01"}, "'from' on or before 'to'", id="a window ending before it begins"
    ),
    pytest.param({"from": "2024", "to": "2025", "on": "x"}, "only 'from' and 'to'", id="a window with an extra key"),
    pytest.param({"from": "unknown", "to": "2025"}, "expected a date", id="a window from an unknown day"),
    pytest.param({"from": 2024, "to": "2025"}, "found 2024", id="a window from a number"),
]


@pytest.mark.parametrize(("value", "message"), BAD)
def test_a_malformed_date_says_what_was_expected(value, message):
    """Every malformed date is refused with a message that says what was expected or what was wrong."""
    with pytest.raises(DateFormError, match=message):
        UncertainDate.parse(value)


def test_a_date_object_is_an_exact_day_but_a_datetime_is_not_a_date():
    """Python callers may pass a date; a datetime is refused rather than truncated."""
    assert UncertainDate.parse(date(2020, 1, 2)) == UncertainDate.parse("2020-01-02")
    with pytest.raises(DateFormError):
        UncertainDate.parse(datetime(2020, 1, 2, 12, 0))


NOVEMBER = UncertainDate.parse("2022-11")
COMPARISONS = [
    pytest.param(NOVEMBER.on_or_before, date(2022, 10, 31), NO, id="November is not on or before 31 Oct"),
    pytest.param(NOVEMBER.on_or_before, date(2022, 11, 1), UNDETERMINED, id="November may be after 1 Nov"),
    pytest.param(NOVEMBER.on_or_before, date(2022, 11, 30), YES, id="every day of November is on or before 30 Nov"),
    pytest.param(NOVEMBER.before, date(2022, 11, 30), UNDETERMINED, id="November may be 30 Nov itself"),
    pytest.param(NOVEMBER.before, date(2022, 12, 1), YES, id="November is before 1 Dec"),
    pytest.param(NOVEMBER.before, date(2022, 11, 1), NO, id="November is not before 1 Nov"),
    pytest.param(NOVEMBER.on_or_after, date(2022, 11, 1), YES, id="November is on or after 1 Nov"),
    pytest.param(NOVEMBER.on_or_after, date(2022, 11, 2), UNDETERMINED, id="November may be 1 Nov"),
    pytest.param(NOVEMBER.on_or_after, date(2022, 12, 1), NO, id="November is not on or after 1 Dec"),
    pytest.param(NOVEMBER.on_or_after, date(2022, 11, 30), UNDETERMINED, id="November may be 30 Nov itself"),
    pytest.param(NOVEMBER.after, date(2022, 10, 31), YES, id="November is after 31 Oct"),
    pytest.param(NOVEMBER.after, date(2022, 11, 1), UNDETERMINED, id="November may be after 1 Nov"),
    pytest.param(NOVEMBER.after, date(2022, 11, 30), NO, id="November is not after 30 Nov"),
]


@pytest.mark.parametrize(("compare", "day", "expected"), COMPARISONS)
def test_comparisons_with_a_month_never_round_it(compare, day, expected):
    """A comparison is decided only where every day of the month agrees."""
    assert compare(day) is expected


def test_two_uncertain_dates_compare_as_independent_days():
    """Two dates in the same month may be either way round."""
    assert UncertainDate.parse("2023-05").before(UncertainDate.parse("2023-05")) is UNDETERMINED
    assert UncertainDate.parse("2023-04").before(UncertainDate.parse("2023-05")) is YES
    assert UncertainDate.parse("2023-05-02").on_or_before(UncertainDate.parse("2023-05-02")) is YES
    assert UncertainDate.parse("2023-05-02").before(UncertainDate.parse("2023-05-02")) is NO


def test_unknown_decides_nothing():
    """An unknown date compares as undetermined with any day."""
    unknown = UncertainDate.unknown()
    for compare in (unknown.before, unknown.after, unknown.on_or_before, unknown.on_or_after):
        assert compare(date(2020, 1, 1)) is UNDETERMINED


MONTHS = [
    pytest.param(date(2023, 1, 31), 1, date(2023, 2, 28), id="31 January plus a month is 28 February"),
    pytest.param(date(2024, 1, 31), 1, date(2024, 2, 29), id="in a leap year, 29 February"),
    pytest.param(date(2023, 3, 31), 1, date(2023, 4, 30), id="31 March plus a month is 30 April"),
    pytest.param(date(2023, 5, 2), 12, date(2024, 5, 2), id="a twelve-month term"),
    pytest.param(date(2022, 8, 31), 6, date(2023, 2, 28), id="six months from the end of August"),
    pytest.param(date(9999, 6, 1), 12, date.max, id="past the calendar's end, held at its last day"),
    pytest.param(date(9999, 12, 15), 1, date.max, id="a month past the calendar's end"),
    pytest.param(date(1, 1, 15), -1, date.min, id="a month before the calendar's start, held at its first day"),
]


@pytest.mark.parametrize(("day", "months", "expected"), MONTHS)
def test_month_arithmetic_ends_on_the_last_day_of_a_shorter_month(day, months, expected):
    """Periods in months end on the same day of the month, or the month's last day (Civil Code Art. 192(3))."""
    assert add_months(day, months) == expected


@given(st.dates(date(1900, 1, 1), date(2100, 12, 31)), st.integers(0, 120))
def test_whole_years_agree_with_dateutil(day, years):
    """The fast anniversary is exactly python-dateutil's relativedelta in years."""
    assert add_years(day, years) == day + relativedelta(years=years)


AGES = [
    pytest.param("2000-06-15", 18, date(2018, 6, 14), NO, id="the day before an 18th birthday"),
    pytest.param("2000-06-15", 18, date(2018, 6, 15), YES, id="an 18th birthday"),
    pytest.param("2004-02-29", 18, date(2022, 2, 28), YES, id="born on a leap day, of age on 28 February"),
    pytest.param("2004-02-29", 18, date(2022, 2, 27), NO, id="born on a leap day, not yet on 27 February"),
    pytest.param("2004-02-29", 20, date(2024, 2, 28), NO, id="in a leap year the birthday is 29 February"),
    pytest.param("2004-02-29", 20, date(2024, 2, 29), YES, id="and it comes on 29 February"),
    pytest.param("2000-06", 18, date(2018, 6, 15), UNDETERMINED, id="born in June, mid-June 18 years on"),
    pytest.param("2000-06", 18, date(2018, 6, 1), UNDETERMINED, id="born in June, 1 June 18 years on: maybe"),
    pytest.param("2000-06", 18, date(2018, 5, 31), NO, id="born in June, 31 May 18 years on: not yet"),
    pytest.param("2000-06", 18, date(2018, 6, 30), YES, id="born in June, the end of June 18 years on"),
    pytest.param("2000", 18, date(2018, 12, 30), UNDETERMINED, id="born in 2000, on 30 December 2018"),
    pytest.param("unknown", 18, date(2018, 1, 1), UNDETERMINED, id="born on an unknown day"),
]


@pytest.mark.parametrize(("birth", "years", "on", "expected"), AGES)
def test_reaching_an_age(birth, years, on, expected):
    """A person reaches an age on the anniversary of their birth."""
    assert reaches_age(UncertainDate.parse(birth), years, on) is expected


@given(uncertain_dates())
def test_every_date_reads_back_from_its_own_json(value):
    """Each date's JSON form parses to the same date."""
    assert UncertainDate.parse(value.to_json()) == value


@given(uncertain_dates(unknown=False), st.dates(date(1900, 1, 1), date(2100, 1, 1)))
def test_a_comparison_is_decided_exactly_when_every_day_agrees(value, day):
    """Deciding a comparison means every day of the interval gives that answer."""
    verdict = value.on_or_before(day)
    ends = {value.earliest <= day, value.latest <= day}
    if verdict is UNDETERMINED:
        assert ends == {True, False}
    else:
        assert ends == {verdict is YES}


def test_the_phrases_dates_read_as():
    """Dates read naturally inside sentences."""
    assert UncertainDate.parse("2022-11-14").when() == "on 2022-11-14"
    assert UncertainDate.parse("2022-11").when() == "on some day in 2022-11"
    assert UncertainDate.unknown().when() == "on an unknown day"
    assert repr(UncertainDate.parse("2022")) == "UncertainDate('2022')"


def test_an_uncertain_date_is_a_pydantic_type_of_its_own():
    """Any pydantic model or adapter reads and writes an uncertain date in its JSON forms, and describes them."""
    adapter = TypeAdapter(UncertainDate)
    assert adapter.validate_json('"2022-11"') == UncertainDate.month(2022, 11)
    window = {"from": "2026-03-04", "to": "2026-03"}
    assert adapter.dump_python(adapter.validate_python(window), mode="json") == window
    assert adapter.dump_python(UncertainDate.unknown(), mode="json") == "unknown"
    assert adapter.dump_python(UncertainDate.year(2023)) == UncertainDate.year(2023)
    schema = adapter.json_schema()
    assert schema["description"].startswith("A day (YYYY-MM-DD), a month (YYYY-MM), a year (YYYY)")
    day, unknown, span = schema["oneOf"]
    assert day == {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}
    assert unknown == {"const": "unknown"}
    assert span == {
        "type": "object",
        "properties": {"from": day, "to": day},
        "required": ["from", "to"],
        "additionalProperties": False,
    }


YEARS = [
    pytest.param(date(2004, 2, 29), 18, date(2022, 2, 28), id="born on 29 February: 28 February in a common year"),
    pytest.param(date(2004, 2, 29), 20, date(2024, 2, 29), id="born on 29 February: 29 February in a leap year"),
    pytest.param(date(9981, 5, 1), 18, date(9999, 5, 1), id="the calendar's last year is still in it"),
    pytest.param(date(9982, 5, 1), 18, date.max, id="past the calendar's end: held at its last day"),
    pytest.param(date(1, 3, 1), 0, date(1, 3, 1), id="the calendar's first year is still in it"),
    pytest.param(date(9999, 3, 1), 1, date.max, id="a year past the calendar's end"),
    pytest.param(date(1, 3, 1), -1, date.min, id="a year before the calendar's start"),
]


@pytest.mark.parametrize(("day", "years", "expected"), YEARS)
def test_anniversaries_are_held_at_the_calendar_s_ends(day, years, expected):
    """The anniversary keeps the day and month (28 February for 29 February in a common year), within the calendar."""
    assert add_years(day, years) == expected


def test_an_uncertain_date_cannot_end_before_it_begins():
    """The interval of days is checked however it is built."""
    with pytest.raises(
        ValueError, match=r"^an uncertain date cannot end \(2023-05-01\) before it begins \(2023-05-02\)$"
    ):
        UncertainDate(date(2023, 5, 2), date(2023, 5, 1), Precision.WINDOW)


def test_a_window_cannot_end_before_it_begins():
    """Building a window in Python fails as reading one from JSON does, naming both ends."""
    with pytest.raises(ValueError, match=r"^the window's 'from' \(2023-05\) is after its 'to' \(2023-01\)$"):
        UncertainDate.window(UncertainDate.parse("2023-05"), UncertainDate.parse("2023-01"))


def test_a_date_formats_as_its_text():
    """In an f-string a date is its JSON text, padded as asked, or a phrase with the 'when' format."""
    november = UncertainDate.parse("2022-11")
    assert (f"{november}", f"{november:>9}", f"{november:when}") == ("2022-11", "  2022-11", "on some day in 2022-11")
    assert len({november, UncertainDate.month(2022, 11)}) == 1
