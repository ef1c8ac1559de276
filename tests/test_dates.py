"""The WHEN grammar and cadences, as pure functions (SPEC §3)."""

from __future__ import annotations

import contextlib
import os
import time
from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from mentorlog.core import cadences, dates, phrases
from mentorlog.core.errors import DateError

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
        ("next week", True, datetime(2026, 11, 30, 12, 0)),  # the Monday that starts next week
        ("Next Week 3pm", True, datetime(2026, 11, 30, 15, 0)),
        ("next week", False, datetime(2026, 11, 30, 12, 0)),
        ("in a week", True, datetime(2026, 12, 1, 12, 0)),
        ("in a day", True, datetime(2026, 11, 25, 12, 0)),
        ("in a month", True, datetime(2026, 12, 24, 12, 0)),
        ("a week ago", False, datetime(2026, 11, 17, 12, 0)),
        ("in two weeks", True, datetime(2026, 12, 8, 12, 0)),  # numbers as words, one to twelve
        ("twelve days ago", False, datetime(2026, 11, 12, 12, 0)),
        ("2w", True, datetime(2026, 12, 8, 12, 0)),  # no sign: ahead, as Taskwarrior reads it
        ("3 days", True, datetime(2026, 11, 27, 12, 0)),
        ("next month", True, datetime(2026, 12, 1, 12, 0)),  # its first day
        ("last month", False, datetime(2026, 10, 1, 12, 0)),
        ("next year", True, datetime(2027, 1, 1, 12, 0)),
        ("last week", False, datetime(2026, 11, 16, 12, 0)),  # the Monday that started it
        ("friday week", True, datetime(2026, 12, 4, 12, 0)),  # a week after the coming Friday
        ("tue week", True, datetime(2026, 12, 1, 12, 0)),  # today is Tuesday: a week from today
        ("end of month", True, datetime(2026, 11, 30, 12, 0)),
        ("end of the week", True, datetime(2026, 11, 29, 12, 0)),
        ("eoy", True, datetime(2026, 12, 31, 12, 0)),
        ("end of year 3pm", True, datetime(2026, 12, 31, 15, 0)),
        ("9am", False, datetime(2026, 11, 24, 9, 0)),  # a past time today stays today
        ("3pm", False, datetime(2026, 11, 23, 15, 0)),  # later than now, for the past: yesterday
        ("at 10:00", False, datetime(2026, 11, 24, 10, 0)),  # exactly now is not later
        ("today 3pm", False, datetime(2026, 11, 24, 15, 0)),  # a day was given: no rule
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
        "next weeks",
        "in aweek",
        "in a weeks",
        "in an week",
        "a few days ago",
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


@pytest.mark.parametrize(
    ("text", "said"),
    [
        # only one reading is a date: that one, in ISO
        ("13/08/2026", "did you mean 2026-08-13?"),
        ("08/13/2026", "did you mean 2026-08-13?"),
        ("13.08.2026", "did you mean 2026-08-13?"),
        ("2026/08/13", "did you mean 2026-08-13?"),
        ("05/05/2026", "did you mean 2026-05-05?"),
        ("13/08/2026 3pm", "did you mean 2026-08-13 15:00?"),
        ("13/08/26", "did you mean 2026-08-13?"),
        # both are: both, day/month first
        ("03/04/2026", "did you mean 2026-04-03 or 2026-03-04?"),
        ("3/4", "did you mean 2027-04-03 or 2027-03-04?"),  # no year: the nearest ahead, for --due
        # neither is
        ("31/31/2026", "is not a date"),
        ("30/02/2026", "is not a date"),
    ],
)
def test_numeric_dates_are_refused_with_the_date_in_iso(text, said):
    with pytest.raises(DateError) as err:
        dates.parse_when(text, future=True, option="--due", ref=REF)
    assert said in err.value.message and err.value.message.startswith(f"--due: {text!r}")
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


refs = st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2090, 12, 31)).map(
    lambda d: d.replace(microsecond=0).astimezone()
)
clocks = st.times().map(lambda t: t.replace(second=0, microsecond=0))


@given(refs, st.booleans())
def test_next_week_is_the_monday_that_starts_the_next_week(ref, future):
    day = dates.parse_when("next week", future=future, ref=ref).day
    assert day.weekday() == 0 and 1 <= (day - ref.date()).days <= 7
    assert day.isocalendar()[:2] == (ref.date() + timedelta(weeks=1)).isocalendar()[:2]


@given(refs, st.integers(1, 12), st.sampled_from(["days", "weeks", "months", "years"]))
def test_a_number_in_words_is_the_number(ref, n, unit):
    word = phrases.NUMBER_WORDS[n - 1]
    assert dates.parse_when(f"in {word} {unit}", future=True, ref=ref) == dates.parse_when(
        f"in {n} {unit}", future=True, ref=ref
    )
    assert dates.parse_when(f"{word} {unit} ago", future=False, ref=ref) == dates.parse_when(
        f"{n} {unit} ago", future=False, ref=ref
    )


@given(refs, st.integers(0, 999), st.sampled_from("dwmy"), st.booleans())
def test_a_shorthand_without_a_sign_is_ahead(ref, n, unit, future):
    assert dates.parse_when(f"{n}{unit}", future=future, ref=ref) == dates.parse_when(
        f"+{n}{unit}", future=future, ref=ref
    )


@given(refs, st.sampled_from(["week", "month", "year"]), st.sampled_from(["", "the "]))
def test_end_of_a_period_is_its_short_form(ref, period, the):
    short = dates.parse_when(f"eo{period[0]}", future=True, ref=ref)
    assert dates.parse_when(f"end of {the}{period}", future=True, ref=ref) == short
    assert short.day >= ref.date()


@given(refs, st.sampled_from(["month", "year"]))
def test_next_and_last_month_or_year_are_their_first_days(ref, period):
    after = dates.parse_when(f"next {period}", future=True, ref=ref).day
    before = dates.parse_when(f"last {period}", future=False, ref=ref).day
    assert after.day == before.day == 1 and before < ref.date() < after
    if period == "year":
        assert (after.month, after.year, before.year) == (1, ref.year + 1, ref.year - 1)
    else:
        assert (after.year * 12 + after.month) - (before.year * 12 + before.month) == 2


@given(refs, st.sampled_from(sorted(dates.WEEKDAYS)))
def test_a_weekday_week_is_a_week_after_the_coming_one(ref, name):
    coming = dates.parse_when(name, future=True, ref=ref).day
    assert dates.parse_when(f"{name} week", future=False, ref=ref).day == coming + timedelta(weeks=1)


@given(refs, st.sampled_from(["day", "week", "month", "year"]))
def test_a_unit_is_one_unit(ref, unit):
    assert dates.parse_when(f"in a {unit}", future=True, ref=ref) == dates.parse_when(
        f"in 1 {unit}", future=True, ref=ref
    )
    assert dates.parse_when(f"a {unit} ago", future=False, ref=ref) == dates.parse_when(
        f"1 {unit} ago", future=False, ref=ref
    )


@given(refs, clocks)
def test_a_bare_time_for_the_past_is_the_last_such_time(ref, clock):
    text = f"{clock:%H:%M}"
    past = dates.parse_when(text, future=False, ref=ref)
    assert past.has_time and past.at.time() == clock
    assert ref - timedelta(days=1) < past.at <= ref  # never later than now, at most a day back
    ahead = dates.parse_when(text, future=True, ref=ref)  # for the future: today, as before
    assert ahead.day == ref.date()


@given(st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31)), st.sampled_from("/."))
def test_a_numeric_date_is_refused_naming_the_date_in_iso(day, sep):
    text = f"{day.day:02d}{sep}{day.month:02d}{sep}{day.year}"
    with pytest.raises(DateError) as err:
        dates.parse_when(text, future=True, ref=REF)
    message = err.value.message
    assert day.isoformat() in message
    swapped = None
    if day.day <= 12:
        with contextlib.suppress(ValueError):  # 12/31 has no second reading
            swapped = date(day.year, day.day, day.month)
    if swapped is None or swapped == day:
        assert f"did you mean {day.isoformat()}?" in message  # the one reading
    else:
        assert f"did you mean {day.isoformat()} or {swapped.isoformat()}?" in message


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
        ("2w", "FREQ=WEEKLY;INTERVAL=2", "every 2 weeks"),
        ("every 2w", "FREQ=WEEKLY;INTERVAL=2", "every 2 weeks"),
        ("1w", "FREQ=WEEKLY", "every week"),
        ("10d", "FREQ=DAILY;INTERVAL=10", "every 10 days"),
        ("3w on thu", "FREQ=WEEKLY;INTERVAL=3;BYDAY=TH", "every 3 weeks on Thursday"),
        ("bi-weekly", "FREQ=WEEKLY;INTERVAL=2", "every 2 weeks"),
        ("bi weekly", "FREQ=WEEKLY;INTERVAL=2", "every 2 weeks"),
        ("Bi-Weekly on fri", "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR", "every 2 weeks on Friday"),
    ],
)
def test_cadence(text, rule, words):
    assert cadences.parse_cadence(text) == rule
    assert cadences.cadence_words(rule) == words
    assert cadences.parse_cadence(words) == rule  # words read back


@pytest.mark.parametrize(
    "text",
    [
        "",
        "sometimes",
        "0 weeks",
        "999 days",
        "monthly on tuesday",
        "fifth monday",
        "2 weekly",
        "w",
        "d",
        "0w",
        "400d",
        "2m",
        "10d on fri",
        "bi--weekly",
        "biweek",
    ],
)
def test_bad_cadence(text):
    with pytest.raises(DateError) as err:
        cadences.parse_cadence(text)
    assert "--every" in err.value.message


def test_none_clears():
    assert cadences.parse_cadence("none") is None


@given(st.text(max_size=30))
def test_any_cadence_text_parses_or_raises_date_error(text):
    try:
        rule = cadences.parse_cadence(text)
    except DateError:
        return
    if rule is not None:
        assert cadences.parse_cadence(cadences.cadence_words(rule)) == rule


def test_next_after_fortnightly():
    anchor = datetime(2026, 11, 24, 15, 0).astimezone()
    assert cadences.next_after("FREQ=WEEKLY;INTERVAL=2", anchor).replace(tzinfo=None) == datetime(
        2026, 12, 8, 15, 0
    )


def test_next_after_first_monday():
    anchor = datetime(2026, 11, 2, 9, 0).astimezone()
    assert cadences.next_after("FREQ=MONTHLY;BYDAY=+1MO", anchor).replace(tzinfo=None) == datetime(
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
    assert cadences.next_after("FREQ=MONTHLY", at).date() == expected


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
    after = cadences.next_after("FREQ=WEEKLY", before)  # 27 Oct: GMT, +00:00
    assert after.hour == 15 and after.utcoffset() != before.utcoffset()


def test_relative_phrases():
    ref = date(2026, 11, 24)
    assert dates.relative(date(2026, 11, 26), ref) == "in 2 days"
    assert dates.relative(date(2026, 11, 21), ref) == "overdue by 3 days"
    assert dates.relative(ref, ref) == "today"
    assert dates.ago(date(2026, 11, 14), ref) == "10 days ago"


# --- cadence grammar: two-week words take a day too -------------------------------------


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("fortnightly on thu", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH"),
        ("biweekly on tuesday", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"),
        ("every other week on fri", "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR"),
        ("every 2 weeks on thursday", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH"),
        ("Every Fortnight On Mon", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO"),
        ("every other week", "FREQ=WEEKLY;INTERVAL=2"),
        ("every other day", "FREQ=DAILY;INTERVAL=2"),
        ("every other month", "FREQ=MONTHLY;INTERVAL=2"),
    ],
)
def test_two_week_words_take_a_day(text, rule):
    assert cadences.parse_cadence(text) == rule
    assert cadences.parse_cadence(cadences.cadence_words(rule)) == rule


@pytest.mark.parametrize(
    "text", ["fortnightly on", "fortnightlyon thu", "2 fortnightly", "other weekly", "biweekly on the 3rd"]
)
def test_two_week_words_still_refuse_the_rest(text):
    with pytest.raises(DateError):
        cadences.parse_cadence(text)


def _spaced(draw, words: list[str]) -> str:
    """``words`` joined by runs of spaces, each word in a random case."""
    out = []
    for word in words:
        case = draw(st.sampled_from([str.lower, str.upper, str.title]))
        out.append(case(word))
        out.append(" " * draw(st.integers(1, 3)))
    return "".join(out[:-1])


@st.composite
def cadence_texts(draw, max_interval: int = 366) -> str:
    """Any text the cadence grammar (SPEC §3) accepts, apart from 'none'."""
    day = draw(st.sampled_from(sorted(dates.WEEKDAYS)))
    every = ["every"] if draw(st.booleans()) else []
    form = draw(st.sampled_from(["n", "short", "word", "two-week", "other", "nth"]))
    if form == "nth":
        words = draw(st.sampled_from([[], ["monthly"], ["monthly", "on"]]))
        words += draw(st.sampled_from([[], ["the"]]))
        words += [draw(st.sampled_from(sorted(cadences._ORDINALS))), day]
        words += draw(
            st.sampled_from([[], ["of", "the", "month"], ["of", "every", "month"], ["of", "each", "month"]])
        )
        return _spaced(draw, every + words)
    if form == "n":
        n = draw(st.integers(1, max_interval))
        unit = draw(st.sampled_from(["day", "days", "week", "weeks", "month", "months"]))
        words = [str(n), unit]
    elif form == "short":
        n = draw(st.integers(1, max_interval))
        unit = draw(st.sampled_from(["d", "w"]))
        words = [f"{n}{unit}"]
        unit = "week" if unit == "w" else "day"
    elif form == "word":
        unit = draw(st.sampled_from(["day", "daily", "week", "weekly", "month", "monthly"]))
        words = [unit]
    elif form == "two-week":
        unit = "week"
        words = draw(
            st.sampled_from(
                [
                    ["fortnight"],
                    ["fortnightly"],
                    ["biweekly"],
                    ["bi-weekly"],
                    ["bi", "weekly"],
                    ["other", "week"],
                ]
            )
        )
    else:
        unit = draw(st.sampled_from(["day", "week", "month"]))
        words = ["other", unit]
    if unit.startswith("week") and draw(st.booleans()):
        words += ["on", day]
    return _spaced(draw, every + words)


@given(st.integers(1, 366), st.sampled_from([("w", "weeks"), ("d", "days")]), st.sampled_from(["", " "]))
def test_a_short_unit_is_the_long_one(n, units, space):
    short, long = units
    assert cadences.parse_cadence(f"{n}{space}{short}") == cadences.parse_cadence(f"{n} {long}")


@given(st.sampled_from(["bi-weekly", "bi weekly", "biweekly", "BI-WEEKLY"]), st.sampled_from(["", " on tue"]))
def test_bi_weekly_in_any_spelling_is_every_two_weeks(word, day):
    assert cadences.parse_cadence(word + day) == cadences.parse_cadence("2 weeks" + day)


@given(cadence_texts())
@settings(max_examples=500)
def test_cadence_grammar_round_trips(text):
    rule = cadences.parse_cadence(text)
    assert rule is not None
    assert cadences.parse_cadence(cadences.cadence_words(rule)) == rule


# --- slots --------------------------------------------------------------------------------


@pytest.fixture
def utc(monkeypatch):
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()


def at(*args) -> datetime:
    return datetime(*args).astimezone()


def naive(dt: datetime) -> datetime:
    return dt.replace(tzinfo=None)


def test_slot_from_drops_seconds(utc):
    assert cadences.slot_from(at(2026, 11, 26, 18, 40, 37, 123)) == at(2026, 11, 26, 18, 40)
    assert cadences.slot_from(datetime(2026, 11, 26, 15, 0, 5)) == at(2026, 11, 26, 15, 0)


def test_slot_storage_is_local_wall_clock(utc):
    assert cadences.slot_to_db(at(2026, 11, 26, 15, 0, 9)) == "2026-11-26T15:00"
    assert cadences.slot_from_db("2026-11-26T15:00") == at(2026, 11, 26, 15, 0)
    assert cadences.slot_from_db("2026-11-26T15:00:00+01:00") == at(2026, 11, 26, 14, 0)
    assert cadences.slot_from_db(None) is None


@pytest.mark.parametrize(
    ("rule", "slot", "after", "expected"),
    [
        # weekly from a Thursday 15:00
        ("FREQ=WEEKLY", (2026, 11, 26, 15), (2026, 12, 1, 10), (2026, 12, 3, 15)),
        ("FREQ=WEEKLY", (2026, 11, 26, 15), (2026, 12, 3, 16, 20), (2026, 12, 10, 15)),
        # after exactly at an occurrence: the next one
        ("FREQ=WEEKLY", (2026, 11, 26, 15), (2026, 12, 3, 15), (2026, 12, 10, 15)),
        ("FREQ=WEEKLY", (2026, 11, 26, 15), (2026, 12, 3, 14, 59), (2026, 12, 3, 15)),
        # after before the slot: the slot itself
        ("FREQ=WEEKLY", (2026, 12, 3, 15), (2026, 11, 24, 10), (2026, 12, 3, 15)),
        ("FREQ=WEEKLY", (2026, 12, 3, 15), (2026, 12, 3, 14, 59), (2026, 12, 3, 15)),
        # fortnightly on Thursday, from a Thursday and from the Tuesday of the same week
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=TH", (2026, 11, 26, 15), (2026, 11, 27, 9), (2026, 12, 10, 15)),
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=TH", (2026, 11, 26, 15), (2027, 11, 24, 9), (2027, 11, 25, 15)),
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=TH", (2026, 11, 24, 15), (2026, 11, 25, 9), (2026, 11, 26, 15)),
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=TH", (2026, 11, 24, 15), (2026, 11, 27, 9), (2026, 12, 10, 15)),
        # monthly on the nth weekday
        ("FREQ=MONTHLY;BYDAY=+1MO", (2026, 11, 2, 9), (2026, 11, 2, 9), (2026, 12, 7, 9)),
        ("FREQ=MONTHLY;BYDAY=+1MO", (2026, 11, 2, 9), (2030, 1, 1), (2030, 1, 7, 9)),
        ("FREQ=MONTHLY;BYDAY=-1FR", (2026, 11, 27, 17, 30), (2027, 2, 1), (2027, 2, 26, 17, 30)),
        ("FREQ=MONTHLY;BYDAY=+3WE", (2026, 11, 18, 12), (2027, 11, 18, 12), (2027, 12, 15, 12)),
        # monthly from the 31st clamps to the month's last day, also far from the slot
        ("FREQ=MONTHLY", (2026, 1, 31, 9), (2026, 2, 1), (2026, 2, 28, 9)),
        ("FREQ=MONTHLY", (2026, 1, 31, 9), (2026, 3, 1), (2026, 3, 31, 9)),
        ("FREQ=MONTHLY", (2026, 1, 31, 9), (2026, 4, 1), (2026, 4, 30, 9)),
        ("FREQ=MONTHLY", (2026, 1, 31, 9), (2028, 2, 1), (2028, 2, 29, 9)),
        ("FREQ=MONTHLY", (2026, 1, 30, 9), (2035, 2, 1), (2035, 2, 28, 9)),
        ("FREQ=MONTHLY;INTERVAL=3", (2026, 1, 31, 9), (2026, 2, 1), (2026, 4, 30, 9)),
        ("FREQ=MONTHLY;INTERVAL=3", (2026, 1, 31, 9), (2036, 11, 1), (2037, 1, 31, 9)),
        # daily, from a slot ten years old
        ("FREQ=DAILY", (2016, 11, 24, 15), (2026, 11, 24, 15), (2026, 11, 25, 15)),
        ("FREQ=DAILY", (2016, 11, 24, 15), (2026, 11, 24, 14, 59), (2026, 11, 24, 15)),
        ("FREQ=DAILY;INTERVAL=10", (2026, 1, 1, 8), (2026, 11, 24), (2026, 11, 27, 8)),
        # a rule from elsewhere (not the grammar's) is walked from the slot
        ("FREQ=WEEKLY;BYDAY=MO,TH", (2026, 11, 26, 15), (2026, 11, 27), (2026, 11, 30, 15)),
    ],
)
def test_next_at_slot(utc, rule, slot, after, expected):
    assert cadences.next_at_slot(rule, at(*slot), at(*after)) == at(*expected)


def test_next_at_slot_drops_the_slots_seconds(utc):
    got = cadences.next_at_slot("FREQ=WEEKLY", at(2026, 11, 26, 18, 40, 37), at(2026, 11, 26, 18, 40, 38))
    assert got == at(2026, 12, 3, 18, 40) and got.second == 0 and got.microsecond == 0


def test_next_at_slot_refuses_a_rule_that_has_ended(utc):
    with pytest.raises(DateError, match="no date after"):
        cadences.next_at_slot("FREQ=WEEKLY;COUNT=3", at(2026, 11, 26, 15), at(2026, 12, 24))


def test_next_at_slot_is_fast_from_an_old_slot(utc):
    slot, after = at(2016, 11, 24, 15), at(2026, 11, 24, 10)
    for rule in ("FREQ=DAILY", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH", "FREQ=MONTHLY;BYDAY=-1FR"):
        started = time.perf_counter()
        for _ in range(100):
            cadences.next_at_slot(rule, slot, after)
        # about 0.05 ms a call; walking ten years of days from the slot takes ~20 ms
        assert (time.perf_counter() - started) / 100 < 0.005, rule


def test_next_after_keeps_its_meaning(utc):
    assert cadences.next_after("FREQ=WEEKLY", at(2026, 11, 26, 16, 20, 41)) == at(2026, 12, 3, 16, 20)


# The bugs seen: each meeting moved the check-in to its own time of day, `--on thu` (noon)
# moved it to 12:00, and a backfilled meeting pulled a far check-in back to its own fortnight.
@pytest.mark.parametrize(
    ("rule", "held", "expected"),
    [
        ("FREQ=WEEKLY", (2026, 12, 3, 16, 20), (2026, 12, 10, 15)),  # late the same day
        ("FREQ=WEEKLY", (2026, 12, 10, 17, 5, 12), (2026, 12, 17, 15)),
        ("FREQ=WEEKLY", (2026, 12, 17, 18, 40, 59), (2026, 12, 24, 15)),
        ("FREQ=WEEKLY", (2026, 12, 3, 12), (2026, 12, 10, 15)),  # --on thu: noon, earlier that day
        ("FREQ=WEEKLY", (2026, 12, 3, 15), (2026, 12, 10, 15)),  # on time
        ("FREQ=WEEKLY", (2026, 12, 2, 15), (2026, 12, 10, 15)),  # moved a day earlier
        ("FREQ=WEEKLY", (2026, 12, 5, 15), (2026, 12, 10, 15)),  # two days late
        ("FREQ=WEEKLY", (2026, 12, 7, 3), (2026, 12, 10, 15)),  # exactly half way: the earlier one
        ("FREQ=WEEKLY", (2026, 12, 7, 3, 1), (2026, 12, 17, 15)),  # just nearer the next one
        ("FREQ=WEEKLY;INTERVAL=2", (2026, 10, 1, 15), (2026, 11, 26, 15)),  # long before the slot
        ("FREQ=WEEKLY;INTERVAL=2", (2026, 11, 19, 15), (2026, 11, 26, 15)),  # half way to the slot
        ("FREQ=WEEKLY;INTERVAL=2", (2026, 11, 19, 15, 1), (2026, 12, 10, 15)),  # nearer the slot
        ("FREQ=WEEKLY;INTERVAL=2", (2026, 11, 25, 15), (2026, 12, 10, 15)),  # the slot, a day early
        ("FREQ=MONTHLY;BYDAY=-1TH", (2026, 12, 30, 9), (2027, 1, 28, 15)),  # Dec 31 is the last Thu
        ("FREQ=DAILY", (2030, 6, 1, 16), (2030, 6, 2, 15)),
        ("FREQ=DAILY", (2030, 6, 2, 3), (2030, 6, 2, 15)),  # half way: yesterday's, held late
        ("FREQ=WEEKLY;BYDAY=TU", (2026, 11, 26, 16), (2026, 12, 1, 15)),  # the slot is off the rule's day
        ("FREQ=WEEKLY;BYDAY=TU", (2026, 11, 30, 15), (2026, 12, 8, 15)),
    ],
)
def test_next_after_meeting(utc, rule, held, expected):
    slot = at(2026, 11, 26, 15)  # a Thursday
    assert cadences.next_after_meeting(rule, slot, at(*held)) == at(*expected)


def test_next_after_meeting_finds_the_check_in_before_it_far_from_the_slot(utc):
    # Feb 28 09:00 (the clamped 31st) is an hour nearer than Mar 31, years after the slot
    slot = at(2026, 1, 31, 9)
    assert cadences.next_after_meeting("FREQ=MONTHLY", slot, at(2029, 3, 1, 8)) == at(2029, 3, 31, 9)
    assert cadences.next_after_meeting("FREQ=MONTHLY", slot, at(2029, 3, 1, 10)) == at(2029, 3, 31, 9)


def test_first_meeting_sets_the_slot_and_counts_as_a_check_in(utc):
    held = at(2026, 11, 24, 10, 0, 27)
    slot = cadences.slot_from(held)
    assert cadences.next_after_meeting("FREQ=WEEKLY;INTERVAL=2", slot, held) == at(2026, 12, 8, 10)


# --- slots: properties --------------------------------------------------------------------

ZONES = [z for z in ("Europe/London", "America/New_York") if os.path.exists(f"/usr/share/zoneinfo/{z}")]


@pytest.fixture(params=ZONES)
def zone(request, monkeypatch):
    monkeypatch.setenv("TZ", request.param)
    time.tzset()
    yield request.param
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()


def _months(a: date, b: date) -> int:
    return (b.year - a.year) * 12 + b.month - a.month


def is_check_in_day(rule: str, slot: datetime, day: date) -> bool:
    """Whether ``day`` holds a check-in of ``rule`` counted from ``slot``: the grammar's rule
    shapes worked out by hand from RFC 5545, not through dateutil."""
    parts = dict(p.split("=") for p in rule.split(";"))
    n = int(parts.get("INTERVAL", "1"))
    start = slot.date()
    if day <= start:
        return day == start  # the slot is the first check-in
    byday = parts.get("BYDAY")
    weekday = cadences._RRULE_DAY.index(byday[-2:]) if byday else start.weekday()
    if parts["FREQ"] == "DAILY":
        return (day - start).days % n == 0
    if parts["FREQ"] == "WEEKLY":
        weeks = ((day - timedelta(day.weekday())) - (start - timedelta(start.weekday()))).days // 7
        return day.weekday() == weekday and weeks % n == 0
    if _months(start, day) % n:
        return False
    last = dates.days_in_month(day.year, day.month)
    if not byday:
        return day.day == min(start.day, last)
    nth = int(byday[:-2])
    return day.weekday() == weekday and (
        (day.day - 1) // 7 + 1 == nth if nth > 0 else (last - day.day) // 7 + 1 == -nth
    )


def wall(zone: str, day: date, clock) -> datetime:
    """``day`` at ``clock`` in ``zone``, by zoneinfo: a time a DST change skips is read with
    the offset before the change (so it lands later by the gap), a repeated one is the first."""
    from zoneinfo import ZoneInfo

    # as UTC: Python never finds a skipped local time equal to anything in another zone (PEP 495)
    return datetime.combine(day, clock).replace(tzinfo=ZoneInfo(zone)).astimezone(timezone.utc)


@st.composite
def slots(draw) -> datetime:
    """Naive wall-clock slots to the minute, around many DST changes, that exist locally."""
    return draw(
        st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2040, 12, 31)).map(
            lambda d: d.replace(second=0, microsecond=0, fold=0)
        )
    )


@given(
    text=cadence_texts(max_interval=12),
    slot_wall=slots(),
    offset=st.integers(min_value=-30 * 24 * 60, max_value=3 * 366 * 24 * 60),
)
# a weekly check-in in the hour London (then New York) skips in March, and in the one each repeats
@example(text="weekly", slot_wall=datetime(2027, 3, 21, 1, 30), offset=24 * 60)
@example(text="weekly", slot_wall=datetime(2027, 3, 7, 2, 30), offset=24 * 60)
@example(text="weekly on sun", slot_wall=datetime(2027, 10, 24, 1, 30), offset=24 * 60)
@example(text="weekly on sun", slot_wall=datetime(2027, 10, 31, 0, 59), offset=30 * 24 * 60)
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_next_at_slot_is_the_first_check_in_after(zone, text, slot_wall, offset):
    from zoneinfo import ZoneInfo

    rule = cadences.parse_cadence(text)
    slot = wall(zone, slot_wall.date(), slot_wall.time())
    assume(slot.astimezone(ZoneInfo(zone)).replace(tzinfo=None) == slot_wall)  # the slot exists
    after = (slot + timedelta(minutes=offset)).astimezone(ZoneInfo(zone))
    got = cadences.next_at_slot(rule, slot.astimezone(), after)
    mine = got.astimezone(ZoneInfo(zone))
    assert got > after
    assert got.second == 0 and got.microsecond == 0
    assert got.utcoffset() == mine.utcoffset()  # the offset valid on its own date
    # at the slot's wall-clock time, unless a DST change skips that time on that day
    expected = wall(zone, mine.date(), slot_wall.time())
    assert got == expected
    if expected.astimezone(ZoneInfo(zone)).time() == slot_wall.time():
        assert mine.time() == slot_wall.time()
    if rule.startswith("FREQ=WEEKLY") and "BYDAY" not in rule:
        assert mine.weekday() == slot_wall.weekday()
    assert is_check_in_day(rule, slot_wall, mine.date())
    # and nothing in between: no check-in day from the day before `after` up to `got` falls
    # strictly between them
    day = after.date() - timedelta(days=1)
    while day < mine.date():
        if is_check_in_day(rule, slot_wall, day):
            assert not after < wall(zone, day, slot_wall.time()) < got, day
        day += timedelta(days=1)


@given(
    text=cadence_texts(max_interval=12),
    slot_wall=slots(),
    offset=st.integers(min_value=0, max_value=2 * 366 * 24 * 60),
    early=st.integers(min_value=-59, max_value=59),
)
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_a_meeting_within_the_hour_of_a_check_in_is_that_check_in(zone, text, slot_wall, offset, early):
    from zoneinfo import ZoneInfo

    rule = cadences.parse_cadence(text)
    slot = wall(zone, slot_wall.date(), slot_wall.time())
    assume(slot.astimezone(ZoneInfo(zone)).replace(tzinfo=None) == slot_wall)
    slot = slot.astimezone()
    check_in = slot if offset == 0 else cadences.next_at_slot(rule, slot, slot + timedelta(minutes=offset))
    held = check_in + timedelta(minutes=early)
    following = cadences.next_at_slot(rule, slot, check_in)
    assert cadences.next_after_meeting(rule, slot, held) == following
    # a meeting is never taken for more than the next check-in after it
    assert cadences.next_after_meeting(rule, slot, held) <= cadences.next_at_slot(
        rule, slot, cadences.next_at_slot(rule, slot, held)
    )


@pytest.mark.parametrize(
    ("zone", "slot", "after", "expected", "offset_hours"),
    [
        # London: a Tuesday 15:00 in BST, then in GMT; and a winter slot in summer
        ("Europe/London", (2026, 10, 20, 15), (2026, 10, 21), (2026, 10, 27, 15), 0),
        ("Europe/London", (2027, 1, 12, 15), (2027, 5, 1), (2027, 5, 4, 15), 1),
        # Sunday 01:30 does not exist on 28 Mar 2027: it is 02:30 BST that day, 01:30 after
        ("Europe/London", (2027, 3, 21, 1, 30), (2027, 3, 22), (2027, 3, 28, 2, 30), 1),
        ("Europe/London", (2027, 3, 21, 1, 30), (2027, 3, 29), (2027, 4, 4, 1, 30), 1),
        # New York: 9:00 Mondays on both sides of the November change
        ("America/New_York", (2026, 10, 26, 9), (2026, 10, 27), (2026, 11, 2, 9), -5),
        ("America/New_York", (2026, 12, 7, 9), (2027, 3, 9), (2027, 3, 15, 9), -4),
    ],
    indirect=["zone"],
)
def test_next_at_slot_keeps_wall_clock_across_dst(zone, slot, after, expected, offset_hours):
    got = cadences.next_at_slot("FREQ=WEEKLY", at(*slot), at(*after))
    assert naive(got) == datetime(*expected)
    assert got.utcoffset() == timedelta(hours=offset_hours)


def _in_bounds_in_full(at) -> bool:
    """``dates.in_bounds`` as it reads: the year of the instant in UTC and in local time."""
    low, high = dates.YEARS
    if not low <= at.year <= high:
        return False
    try:
        aware = at if at.tzinfo is not None else at.astimezone()
        return all(low <= t.year <= high for t in (aware.astimezone(timezone.utc), aware.astimezone()))
    except (OverflowError, ValueError, OSError):
        return False


@given(
    st.datetimes(min_value=datetime(1890, 1, 1), max_value=datetime(9010, 12, 31)),
    st.one_of(st.none(), st.integers(min_value=-1439, max_value=1439)),
)
def test_the_quick_answer_of_in_bounds_is_the_full_one(at, minutes):
    """A year strictly inside ``YEARS`` is answered without converting the time zones: an
    offset is less than a day, so the answer must be the same as when converting."""
    if minutes is not None:
        at = at.replace(tzinfo=timezone(timedelta(minutes=minutes)))
    assert dates.in_bounds(at) == _in_bounds_in_full(at)
