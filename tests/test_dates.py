"""The WHEN grammar and cadences, as pure functions (SPEC §3)."""

from __future__ import annotations

import os
import time
from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentorlog import dates
from mentorlog.errors import DateError

# Tuesday 24 November 2026, 10:00 local (UTC in the tests)
REF = datetime(2026, 11, 24, 10, 0).astimezone()


def resolve(text: str, future: bool = True) -> datetime:
    return dates.parse_when(text, future=future, ref=REF).at.replace(tzinfo=None)


@pytest.mark.parametrize(
    ("text", "future", "expected"),
    [
        ("2026-12-01", True, datetime(2026, 12, 1, 12, 0)),
        ("2026-12-01 15:00", True, datetime(2026, 12, 1, 15, 0)),
        ("2026-12-01T15:00", True, datetime(2026, 12, 1, 15, 0)),
        ("2026-12-01T15:00:30", True, datetime(2026, 12, 1, 15, 0, 30)),
        ("today", False, datetime(2026, 11, 24, 10, 0)),  # --on today is now
        ("now", False, datetime(2026, 11, 24, 10, 0)),
        ("tomorrow", True, datetime(2026, 11, 25, 12, 0)),  # another day gets noon
        ("yesterday", False, datetime(2026, 11, 23, 12, 0)),
        ("Tomorrow 3pm", True, datetime(2026, 11, 25, 15, 0)),
        ("tue", True, datetime(2026, 11, 24, 10, 0)),  # today included
        ("tue", False, datetime(2026, 11, 24, 10, 0)),
        ("fri", True, datetime(2026, 11, 27, 12, 0)),  # forward for the future
        ("friday", False, datetime(2026, 11, 20, 12, 0)),  # backward for the past
        ("next tuesday", True, datetime(2026, 12, 1, 12, 0)),  # next/last exclude today
        ("last tuesday", True, datetime(2026, 11, 17, 12, 0)),
        ("next fri 10:30am", True, datetime(2026, 11, 27, 10, 30)),
        ("in 3 days", True, datetime(2026, 11, 27, 12, 0)),
        ("in 2 weeks", True, datetime(2026, 12, 8, 12, 0)),
        ("in 1 month", True, datetime(2026, 12, 24, 12, 0)),
        ("3 days ago", False, datetime(2026, 11, 21, 12, 0)),
        ("+3d", True, datetime(2026, 11, 27, 12, 0)),
        ("-2w", False, datetime(2026, 11, 10, 12, 0)),
        ("+1m", True, datetime(2026, 12, 24, 12, 0)),
        ("eow", True, datetime(2026, 11, 29, 12, 0)),
        ("eom", True, datetime(2026, 11, 30, 12, 0)),
        ("dec 1", True, datetime(2026, 12, 1, 12, 0)),
        ("1 december", True, datetime(2026, 12, 1, 12, 0)),
        ("December 1 2026", True, datetime(2026, 12, 1, 12, 0)),
        ("dec 1, 2026 3pm", True, datetime(2026, 12, 1, 15, 0)),
        ("nov 20", True, datetime(2027, 11, 20, 12, 0)),  # forward: next year
        ("nov 20", False, datetime(2026, 11, 20, 12, 0)),  # backward: this year
        ("dec 1", False, datetime(2025, 12, 1, 12, 0)),
        ("feb 29", True, datetime(2028, 2, 29, 12, 0)),
        ("15:00", True, datetime(2026, 11, 24, 15, 0)),
        ("12am", True, datetime(2026, 11, 24, 0, 0)),
        ("12pm", True, datetime(2026, 11, 24, 12, 0)),
        ("fri at 9am", True, datetime(2026, 11, 27, 9, 0)),
    ],
)
def test_accepted(text, future, expected):
    assert resolve(text, future) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "soon",
        "next week",
        "03/04/2026",
        "3/4",
        "2026-02-30",
        "2026-13-01",
        "0000-01-01",
        "10000-01-01",
        "9999-12-31 +1d",
        "in 99999 years",
        "feb 30",
        "13pm",
        "25:00",
        "fri 3",
        "in 3 fortnights",
        "dec 1 26",
        "tomorrow tomorrow",
    ],
)
def test_rejected(text):
    with pytest.raises(DateError):
        dates.parse_when(text, future=True, ref=REF)


def test_ambiguous_numeric_date_hints_iso():
    with pytest.raises(DateError) as err:
        dates.parse_when("03/04/2026", future=True, option="--due", ref=REF)
    assert "ambiguous" in err.value.message and "--due" in err.value.message
    assert "ISO" in err.value.hint


def test_error_names_input_and_shows_examples():
    with pytest.raises(DateError) as err:
        dates.parse_when("blurday", future=True, option="--on", ref=REF)
    assert "'blurday'" in err.value.message and "--on" in err.value.message
    assert "tomorrow" in err.value.hint


def test_has_time_flag():
    assert dates.parse_when("fri 3pm", future=True, ref=REF).has_time
    assert not dates.parse_when("fri", future=True, ref=REF).has_time


@given(st.text(max_size=40))
@settings(max_examples=400)
def test_any_text_parses_or_raises_date_error(text):
    try:
        result = dates.parse_when(text, future=True, ref=REF)
    except DateError:
        return
    assert 1 <= result.at.year <= 9999


@given(st.dates(min_value=date(1000, 1, 1), max_value=date(9998, 12, 31)), st.booleans())
def test_iso_dates_round_trip(day, future):
    assert dates.parse_when(day.isoformat(), future=future, ref=REF).day == day


@given(st.sampled_from(sorted(dates.WEEKDAYS)), st.booleans())
def test_bare_weekday_is_within_a_week_in_the_right_direction(word, future):
    day = dates.parse_when(word, future=future, ref=REF).day
    delta = (day - REF.date()).days
    assert (0 <= delta < 7) if future else (-7 < delta <= 0)
    assert day.weekday() == dates.WEEKDAYS[word]


@given(st.integers(min_value=0, max_value=3000), st.sampled_from(["days", "weeks", "months"]))
def test_in_and_ago_are_mirrors_for_days_and_weeks(n, unit):
    ahead = dates.parse_when(f"in {n} {unit}", future=True, ref=REF).day
    back = dates.parse_when(f"{n} {unit} ago", future=False, ref=REF).day
    if unit != "months":
        assert (ahead - REF.date()).days == (REF.date() - back).days
    assert back <= REF.date() <= ahead


# --- cadences ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "rule", "words"),
    [
        ("weekly", "FREQ=WEEKLY", "every week"),
        ("week", "FREQ=WEEKLY", "every week"),
        ("every week", "FREQ=WEEKLY", "every week"),
        ("2 weeks", "FREQ=WEEKLY;INTERVAL=2", "every 2 weeks"),
        ("fortnight", "FREQ=WEEKLY;INTERVAL=2", "every 2 weeks"),
        ("fortnightly", "FREQ=WEEKLY;INTERVAL=2", "every 2 weeks"),
        ("biweekly", "FREQ=WEEKLY;INTERVAL=2", "every 2 weeks"),
        ("monthly", "FREQ=MONTHLY", "every month"),
        ("3 months", "FREQ=MONTHLY;INTERVAL=3", "every 3 months"),
        ("10 days", "FREQ=DAILY;INTERVAL=10", "every 10 days"),
        ("weekly on tuesday", "FREQ=WEEKLY;BYDAY=TU", "every week on Tuesday"),
        ("2 weeks on fri", "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR", "every 2 weeks on Friday"),
        ("first monday", "FREQ=MONTHLY;BYDAY=+1MO", "the first Monday of every month"),
        ("last friday", "FREQ=MONTHLY;BYDAY=-1FR", "the last Friday of every month"),
        ("third wed of the month", "FREQ=MONTHLY;BYDAY=+3WE", "the third Wednesday of every month"),
    ],
)
def test_cadence(text, rule, words):
    assert dates.parse_cadence(text) == rule
    assert dates.cadence_words(rule) == words
    assert dates.parse_cadence(words) == rule  # words read back


@pytest.mark.parametrize(
    "text", ["", "sometimes", "0 weeks", "999 days", "monthly on tuesday", "fifth monday", "2 weekly"]
)
def test_bad_cadence(text):
    with pytest.raises(DateError) as err:
        dates.parse_cadence(text)
    assert "--every" in err.value.message


def test_none_clears():
    assert dates.parse_cadence("none") is None


@given(st.text(max_size=30))
def test_any_cadence_text_parses_or_raises_date_error(text):
    try:
        rule = dates.parse_cadence(text)
    except DateError:
        return
    if rule is not None:
        assert dates.parse_cadence(dates.cadence_words(rule)) == rule


def test_next_after_fortnightly():
    anchor = datetime(2026, 11, 24, 15, 0).astimezone()
    assert dates.next_after("FREQ=WEEKLY;INTERVAL=2", anchor).replace(tzinfo=None) == datetime(
        2026, 12, 8, 15, 0
    )


def test_next_after_first_monday():
    anchor = datetime(2026, 11, 2, 9, 0).astimezone()
    assert dates.next_after("FREQ=MONTHLY;BYDAY=+1MO", anchor).replace(tzinfo=None) == datetime(
        2026, 12, 7, 9, 0
    )


@pytest.mark.parametrize(
    ("anchor", "expected"),
    [
        (date(2026, 1, 31), date(2026, 2, 28)),
        (date(2026, 3, 31), date(2026, 4, 30)),
        (date(2028, 1, 30), date(2028, 2, 29)),
    ],
)
def test_monthly_from_month_end_clamps(anchor, expected):
    at = datetime.combine(anchor, datetime.min.time()).replace(hour=9).astimezone()
    assert dates.next_after("FREQ=MONTHLY", at).date() == expected


@pytest.fixture
def london(monkeypatch):
    monkeypatch.setenv("TZ", "Europe/London")
    time.tzset()
    yield
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()


@pytest.mark.skipif(not os.path.exists("/usr/share/zoneinfo/Europe/London"), reason="no tz database")
def test_weekly_keeps_wall_clock_across_dst(london):
    before = datetime(2026, 10, 20, 15, 0).astimezone()  # BST, +01:00
    after = dates.next_after("FREQ=WEEKLY", before)  # 27 Oct: GMT, +00:00
    assert after.hour == 15 and after.utcoffset() != before.utcoffset()


def test_relative_phrases():
    ref = date(2026, 11, 24)
    assert dates.relative(date(2026, 11, 26), ref) == "in 2 days"
    assert dates.relative(date(2026, 11, 21), ref) == "overdue by 3 days"
    assert dates.relative(ref, ref) == "today"
    assert dates.ago(date(2026, 11, 14), ref) == "10 days ago"
