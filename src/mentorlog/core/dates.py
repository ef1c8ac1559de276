"""The WHEN grammar, cadences, and how dates are stored and shown. Pure: no I/O.

``parse_when`` reads what a user types for a date (SPEC §3) into a timezone-aware local
datetime. Whether a bare weekday or a month-day means the next or the previous such day is
the caller's choice (``future=True`` for ``--due``/``--next``/``--by``, ``False`` for
``--on``/``--since``). ``parse_cadence`` turns ``--every`` text into an RFC 5545 RRULE and
``cadence_words`` reads one back; ``next_at_slot``/``next_after_meeting`` find a mentor's next
check-in from the rule and their slot (its DTSTART). Nothing here guesses: input outside the
grammar raises ``DateError`` with examples.

Every form ``parse_when`` reads. A time (``3pm``, ``15:00``, ``10:30am``, optionally after
``at``) may follow any of them; a day given without one is 12:00, except ``today`` (now).

============================  ====================================================================
form                          means
============================  ====================================================================
``2026-12-01``                that day; ``2026-12-01 15:00``, ``2026-12-01T15:00`` with its time
``today`` ``now``             today; ``now`` is this very instant
``tomorrow`` ``yesterday``    the day after, before
``fri`` ``friday``            the nearest Friday, today included: forward for the future, back for
                              the past; ``this fri`` the same
``next fri`` ``last fri``     the Friday after, before, today excluded
``next week``                 the Monday that starts next week
``in 3 days`` ``in a week``   3 days, 1 week ahead (``days``, ``weeks``, ``months``, ``years``)
``3 days ago``                3 days back; ``a week ago`` one week back
``+3d`` ``-2w`` ``+1m``       3 days ahead, 2 weeks back, a month ahead (``d``, ``w``, ``m``, ``y``)
``eow`` ``eom``               the coming Sunday (today included), the month's last day
``dec 1`` ``1 december``      the nearest 1 December, in the option's direction, today included;
                              ``December 1 2026`` that one
``3pm`` ``15:00``             a time alone: today at that time; for an option about the past, when
                              that is later than now, yesterday at that time (``--on 6pm`` at 00:30)
``13/08/2026``                refused (numbers do not say day/month or month/day), with the ISO
                              date meant: one reading when only one is a date, else both
============================  ====================================================================

Cadences (``--every``) are ``mentorlog.core.cadences``'s grammar.

Instants are stored as UTC ISO 8601 text (``2026-11-24T15:00:00+00:00``), which sorts
chronologically; calendar dates as ``YYYY-MM-DD``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta, timezone

from mentorlog.core.errors import DateError
from mentorlog.core.record import Record

EXAMPLES = (
    "2026-12-01, 2026-12-01 15:00, today, tomorrow, fri, next friday, "
    "in 3 days, 2 weeks ago, +3d, eow, eom, dec 1 3pm"
)

WEEKDAYS = {
    "mon": 0, "monday": 0,
    "tue": 1, "tues": 1, "tuesday": 1,
    "wed": 2, "weds": 2, "wednesday": 2,
    "thu": 3, "thur": 3, "thurs": 3, "thursday": 3,
    "fri": 4, "friday": 4,
    "sat": 5, "saturday": 5,
    "sun": 6, "sunday": 6,
}  # fmt: skip
WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
    "apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
    "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9,
    "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
UNITS = {
    "d": "days", "day": "days", "days": "days",
    "w": "weeks", "week": "weeks", "weeks": "weeks",
    "m": "months", "month": "months", "months": "months",
    "y": "years", "year": "years", "years": "years",
}  # fmt: skip
NOON = time(12, 0)
# Every date mentorlog keeps or pins lies in these years, in UTC and in local time: the views
# compute from a stored date (a cadence's next occurrence, "in 30 days", a month's last day,
# another time zone's wall clock), and a year 1 or 9999 overflows there. The grammar reads years
# 1000-9999; what is stored, imported, invited or pinned is bounded here (``check_bounds``).
YEARS = (1900, 9000)
NOW_YEARS = YEARS  # a pinned "now" leaves room for the dates computed from it

# Patterns are compiled on first use (re caches them): a command that parses no date, or only
# an ISO one, does not pay for the rest at start-up.
_TIME = (
    r"(?:^|\s+)(?:at\s+)?"
    r"(?:(?P<h12>\d{1,2})(?::(?P<m12>\d{2}))?\s*(?P<ampm>am|pm)"
    r"|(?P<h24>\d{1,2}):(?P<m24>\d{2})(?::(?P<s24>\d{2}))?)$"
)
_ISO = r"^(\d{4})-(\d{2})-(\d{2})$"
_ISO_T = r"^(\d{4}-\d{2}-\d{2})t(\d{1,2}:\d{2}(?::\d{2})?)$"
_IN = r"^in\s+(?:(\d{1,6})\s*([a-z]+)|a\s+(day|week|month|year))$"
_AGO = r"^(?:(\d{1,6})\s*([a-z]+)|a\s+(day|week|month|year))\s+ago$"
_SIGNED = r"^([+-])\s*(\d{1,6})\s*([a-z]+)$"
_MONTH_DAY = r"^([a-z]+)\s+(\d{1,2})(?:st|nd|rd|th)?(?:\s+(\d{1,4}))?$"
_DAY_MONTH = r"^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)(?:\s+(\d{1,4}))?$"
_NUMERIC = r"^\d{1,4}[/.]\d{1,2}(?:[/.]\d{1,4})?$"


class When(Record):
    """A resolved WHEN: the instant, and whether the user gave a time of day."""

    at: datetime
    has_time: bool

    @property
    def day(self) -> date:
        return self.at.date()


_pinned: datetime | None = None


@contextmanager
def pinned(at: datetime) -> Iterator[None]:
    """Pretend it is ``at`` inside the block (the demo writes its story this way)."""
    global _pinned
    before, _pinned = _pinned, at
    try:
        yield
    finally:
        _pinned = before


def in_bounds(at: datetime | date) -> bool:
    """Whether ``at`` (an instant with its offset, a naive local time, or a day) lies within
    ``YEARS``, both in UTC and in local time."""
    low, high = YEARS
    if not isinstance(at, datetime):
        return low <= at.year <= high
    if not low <= at.year <= high:
        return False
    try:
        aware = at if at.tzinfo is not None else at.astimezone()
        return all(low <= t.year <= high for t in (aware.astimezone(timezone.utc), aware.astimezone()))
    except (OverflowError, ValueError, OSError):
        return False


def check_bounds(at: datetime | date, what: str) -> None:
    """Raise ``DateError`` naming ``what`` (``--next``, ``MENTORLOG_NOW='…'``, an invitation's
    DTSTART) unless ``at`` is ``in_bounds``. Every door a date comes in by calls this."""
    if not in_bounds(at):
        raise DateError(
            f"{what}: {at.isoformat()} is out of range: mentorlog keeps dates from {YEARS[0]} to {YEARS[1]}.",
            hint=f"Use a date between {YEARS[0]} and {YEARS[1]}.",
        )


def now() -> datetime:
    """The current local time, to the second. ``MENTORLOG_NOW`` (ISO) pins it, for tests
    and reproducible demos."""
    if _pinned is not None:
        return _pinned
    pinned = os.environ.get("MENTORLOG_NOW")
    if pinned:
        try:
            given = datetime.fromisoformat(pinned)
        except ValueError:
            raise DateError(f"MENTORLOG_NOW={pinned!r} is not an ISO date-time.") from None
        if not in_bounds(given):  # in UTC and local time: 9000-12-31T23:00-12:00 is 9001 in UTC
            raise DateError(f"MENTORLOG_NOW={pinned!r} is out of range: years {YEARS[0]} to {YEARS[1]}.")
        return local(given).replace(microsecond=0)
    return datetime.now().astimezone().replace(microsecond=0)


def today() -> date:
    return now().date()


def local(dt: datetime) -> datetime:
    """Attach the local offset valid on that date (naive input is local wall-clock time)."""
    try:
        return dt.astimezone()
    except (OverflowError, ValueError, OSError):
        raise DateError(f"{dt:%Y-%m-%d} is out of range.") from None


def _fail(text: str, option: str | None, why: str = "") -> DateError:
    who = f"{option}: " if option else ""
    reason = why or f"can't read {text!r} as a date"
    return DateError(f"{who}{reason}.", hint=f"Try one of: {EXAMPLES}.")


def parse_when(text: str, *, future: bool, option: str | None = None, ref: datetime | None = None) -> When:
    """Resolve ``text`` against ``ref`` (default: now). Raises ``DateError``."""
    ref = ref or now()
    raw = text
    s = " ".join(text.strip().lower().replace(",", " ").split())
    if not s:
        raise _fail(raw, option, "a date is needed")
    iso_t = re.match(_ISO_T, s)
    if iso_t:  # 2026-12-01T15:00: the T is just a separator
        s = f"{iso_t.group(1)} {iso_t.group(2)}"
    clock = None
    m = re.search(_TIME, s)
    if m:
        clock = _read_time(m, raw, option)
        s = s[: m.start()].strip()
    try:
        day, exact = _read_day(s, future, ref, raw, option, has_clock=clock is not None, clock=clock)
        if clock is not None:
            naive = datetime.combine(day, clock)
            # A bare time for an option about the past is the last such time: `--on 6pm` typed
            # at 00:30 is yesterday evening, not a check-in later than now.
            if s == "" and not future and local(naive) > ref:
                naive -= timedelta(days=1)
        elif exact is not None:
            return When(exact, False)
        elif day == ref.date():
            # "--on today" means now; any other day without a time means noon.
            naive = ref.replace(tzinfo=None)
        else:
            naive = datetime.combine(day, NOON)
        return When(local(naive), clock is not None)
    except (OverflowError, ValueError):
        raise _fail(raw, option, f"{raw.strip()!r} is out of range") from None


def _read_time(m: re.Match, raw: str, option: str | None) -> time:
    if m.group("ampm"):
        hour, minute = int(m.group("h12")), int(m.group("m12") or 0)
        if not 1 <= hour <= 12 or minute > 59:
            raise _fail(raw, option, f"{raw.strip()!r} has no such time of day")
        hour = hour % 12 + (12 if m.group("ampm") == "pm" else 0)
        return time(hour, minute)
    hour, minute, second = int(m.group("h24")), int(m.group("m24")), int(m.group("s24") or 0)
    if hour > 23 or minute > 59 or second > 59:
        raise _fail(raw, option, f"{raw.strip()!r} has no such time of day")
    return time(hour, minute, second)


def _read_day(
    s: str,
    future: bool,
    ref: datetime,
    raw: str,
    option: str | None,
    has_clock: bool,
    clock: time | None = None,
) -> tuple[date, datetime | None]:
    """The calendar day ``s`` names, and the exact instant for ``now``."""
    base = ref.date()
    if s in ("", "today"):
        if s == "" and not has_clock:
            raise _fail(raw, option)
        return base, None
    if s == "now":
        return base, (None if has_clock else ref)
    if s == "tomorrow":
        return base + timedelta(days=1), None
    if s == "yesterday":
        return base - timedelta(days=1), None
    if s == "eow":  # end of week: the coming Sunday, today included (weeks start Monday)
        return base + timedelta(days=6 - base.weekday()), None
    if s == "eom":
        return add_months(base.replace(day=1), 1) - timedelta(days=1), None
    if s == "next week":  # the Monday that starts next week (weeks start Monday, as for eow)
        return base + timedelta(days=7 - base.weekday()), None
    m = re.match(_ISO, s)
    if m:
        y, mo, d = (int(g) for g in m.groups())
        if y < 1:
            raise ValueError("year 0")
        return date(y, mo, d), None
    words = s.split()
    if len(words) == 1 and s in WEEKDAYS:
        return _nearest_weekday(base, WEEKDAYS[s], future, include_today=True), None
    if len(words) == 2 and words[1] in WEEKDAYS and words[0] in ("next", "last", "this"):
        wd = WEEKDAYS[words[1]]
        if words[0] == "this":
            return _nearest_weekday(base, wd, future, include_today=True), None
        # next/last exclude today: "next friday" on a Friday is a week away
        return _nearest_weekday(base, wd, words[0] == "next", include_today=False), None
    for pattern, sign in ((_IN, 1), (_AGO, -1)):
        m = re.match(pattern, s)
        if m:  # "in a week" is "in 1 week"
            n, unit = (int(m.group(1)), m.group(2)) if m.group(1) else (1, m.group(3))
            return _shift(base, sign * n, unit, raw, option), None
    m = re.match(_SIGNED, s)
    if m:
        n = int(m.group(2)) * (1 if m.group(1) == "+" else -1)
        return _shift(base, n, m.group(3), raw, option), None
    if re.match(_NUMERIC, s):
        raise _numeric(s, future, base, raw, option, clock)
    for pattern, month_group, day_group in ((_MONTH_DAY, 1, 2), (_DAY_MONTH, 2, 1)):
        m = re.match(pattern, s)
        if m and m.group(month_group) in MONTHS:
            month, day = MONTHS[m.group(month_group)], int(m.group(day_group))
            if m.group(3):
                year = int(m.group(3))
                if year < 1000:
                    raise _fail(raw, option, f"{raw.strip()!r}: write the year in full")
                return date(year, month, day), None
            return _nearest_month_day(base, month, day, future, raw, option), None
    raise _fail(raw, option)


def _numeric(s: str, future: bool, base: date, raw: str, option: str | None, clock: time | None) -> DateError:
    """Why ``03/04/2026`` is refused, with the user's own date in ISO: one reading when only
    one is a date (13 cannot be a month), both when it is ambiguous. Still refused either way:
    numbers alone never say which order the writer meant, and a guess would be silent."""
    who = f"{option}: " if option else ""
    readings = []
    for d in _numeric_readings(s, future, base):
        shown = d.isoformat() + (f" {clock:%H:%M}" if clock else "")
        if shown not in readings:
            readings.append(shown)
    typed = raw.strip()
    if len(readings) == 1:
        return DateError(
            f"{who}{typed!r} is refused: dates in numbers are never read, as 03/04 is 3 April in some "
            f"places and March 4 in others; did you mean {readings[0]}?",
            hint=f"Write it as ISO (year-month-day): {readings[0]}.",
        )
    if len(readings) == 2:
        return DateError(
            f"{who}{typed!r} is ambiguous (day/month or month/day): "
            f"did you mean {readings[0]} or {readings[1]}?",
            hint="Write the one you mean as ISO (year-month-day).",
        )
    return DateError(
        f"{who}{typed!r} is not a date, read day/month or month/day.",
        hint="Write the date as ISO (year-month-day), for example 2026-04-03.",
    )


def _numeric_readings(s: str, future: bool, base: date) -> list[date]:
    """The dates ``s`` (``13/08/2026``, ``2026/08/13``, ``3/4``) can stand for: day/month
    first, then month/day; a year first is read year/month/day; no year is the nearest such
    day, as for ``dec 1``; a two-digit year is taken as 20xx (only to suggest)."""
    parts = re.split(r"[/.]", s)
    numbers = [int(p) for p in parts]
    if len(parts) == 3 and len(parts[0]) == 4:
        orders = [(numbers[0], numbers[1], numbers[2])]
    elif len(parts) == 3:
        if len(parts[2]) not in (2, 4):
            return []
        year = numbers[2] + (2000 if len(parts[2]) == 2 else 0)
        orders = [(year, numbers[1], numbers[0]), (year, numbers[0], numbers[1])]
    else:
        orders = [(None, numbers[1], numbers[0]), (None, numbers[0], numbers[1])]
    found = []
    for year, month, day in orders:
        if not 1 <= month <= 12 or not 1 <= day <= 31:
            continue
        try:
            found.append(
                date(year, month, day) if year else _nearest_month_day(base, month, day, future, s, None)
            )
        except (ValueError, DateError):
            continue
    return found


def _nearest_weekday(base: date, weekday: int, forward: bool, include_today: bool) -> date:
    if forward:
        delta = (weekday - base.weekday()) % 7
        if delta == 0 and not include_today:
            delta = 7
        return base + timedelta(days=delta)
    delta = (base.weekday() - weekday) % 7
    if delta == 0 and not include_today:
        delta = 7
    return base - timedelta(days=delta)


def _nearest_month_day(base: date, month: int, day: int, forward: bool, raw: str, option: str | None) -> date:
    if not 1 <= day <= 31:
        raise _fail(raw, option, f"{raw.strip()!r} has no such day")
    step = 1 if forward else -1
    year = base.year
    for _ in range(9):  # Feb 29 can be up to 8 years away
        try:
            candidate = date(year, month, day)
        except ValueError:
            year += step
            continue
        if (forward and candidate >= base) or (not forward and candidate <= base):
            return candidate
        year += step
    raise _fail(raw, option, f"{raw.strip()!r} has no such day")


def _shift(base: date, n: int, unit: str, raw: str, option: str | None) -> date:
    kind = UNITS.get(unit)
    if kind == "days":
        return base + timedelta(days=n)
    if kind == "weeks":
        return base + timedelta(weeks=n)
    if kind == "months":
        return add_months(base, n)
    if kind == "years":
        return add_months(base, 12 * n)
    raise _fail(raw, option, f"{unit!r} is not a unit (use days, weeks, months or years)")


def add_months(d: date, n: int) -> date:
    """``d`` moved by ``n`` calendar months, the day clamped to the month's last day."""
    y, m0 = divmod(d.month - 1 + n, 12)
    year, month = d.year + y, m0 + 1
    if not 1 <= year <= 9999:
        raise OverflowError("year out of range")
    return date(year, month, min(d.day, days_in_month(year, month)))


def days_in_month(year: int, month: int) -> int:
    if month == 12:
        return 31
    return (date(year, month + 1, 1) - date(year, month, 1)).days


# --- storage ------------------------------------------------------------------------------


def to_db(dt: datetime) -> str:
    """An instant as stored: UTC, to the second, ISO 8601 with its offset."""
    return dt.astimezone(timezone.utc).replace(microsecond=0).isoformat()


def stamp() -> str:
    """``created_at``/``updated_at``: UTC with microseconds, so import can order edits."""
    if _pinned is not None or os.environ.get("MENTORLOG_NOW"):
        return now().astimezone(timezone.utc).isoformat(timespec="microseconds")
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def from_db(text: str | None) -> datetime | None:
    """A stored instant as local time."""
    if not text:
        return None
    return datetime.fromisoformat(text).astimezone()


def day_from_db(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def iso_local(text: str | None) -> str | None:
    """A stored instant as local ISO 8601 with its offset, for --json."""
    dt = from_db(text)
    return dt.isoformat() if dt else None


# --- showing ------------------------------------------------------------------------------


def show_day(d: date) -> str:
    """``Fri 27 Nov 2026``"""
    return f"{WEEKDAY_NAMES[d.weekday()][:3]} {d.day} {_MONTH_ABBR[d.month - 1]} {d.year}"


def show_when(dt: datetime) -> str:
    """``Tue 24 Nov 2026 15:00``"""
    return f"{show_day(dt.date())} {dt:%H:%M}"


def show_short_day(d: date, ref: date) -> str:
    """``Fri 20 Nov``, with the year only when it is not ``ref``'s."""
    text = f"{WEEKDAY_NAMES[d.weekday()][:3]} {d.day} {_MONTH_ABBR[d.month - 1]}"
    return text if d.year == ref.year else f"{text} {d.year}"


def days_phrase(days: int) -> str:
    return "1 day" if abs(days) == 1 else f"{abs(days)} days"


def relative(target: date, ref: date) -> str:
    """``today``, ``tomorrow``, ``in 2 days``, ``overdue by 3 days``."""
    delta = (target - ref).days
    if delta == 0:
        return "today"
    if delta == 1:
        return "tomorrow"
    if delta > 0:
        return f"in {days_phrase(delta)}"
    return f"overdue by {days_phrase(delta)}"


def ago(target: date, ref: date) -> str:
    delta = (ref - target).days
    if delta == 0:
        return "today"
    if delta == 1:
        return "yesterday"
    if delta < 0:
        return f"in {days_phrase(delta)}"
    return f"{days_phrase(delta)} ago"


_MONTH_ABBR = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
