"""The WHEN grammar, the clock, and how dates are stored and shown. Pure: no I/O.

``parse_when`` reads what a user types for a date (SPEC §3) into a timezone-aware local
datetime; the phrases counted from today (``in 3 days``, ``+2w``, ``next month``, ``end of
year``) are read by ``mentorlog.core.phrases``, and days named by their month (``dec 1``) and the
numeric dates it refuses by ``mentorlog.core.monthdays``, each imported only then. Whether a
bare weekday or a month-day means the next or the previous such day is the caller's choice
(``future=True`` for ``--due``/``--next``/``--by``, ``False`` for ``--on``/``--since``).
Nothing here guesses: input outside the grammar raises ``DateError`` with examples. ``now`` is
the one clock (``MENTORLOG_NOW`` and ``pinned`` set it); every date that comes in is held to
``YEARS``.

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
``next week`` ``last week``   the Monday that starts next week, the one that started last week;
                              ``next month``, ``next year``: its first day (``last`` too)
``fri week``                  a week after the coming Friday (``friday week``)
``in 3 days`` ``in a week``   3 days, 1 week ahead (``days``, ``weeks``, ``months``, ``years``);
                              ``in two weeks``: the numbers one to twelve as words too
``3 days ago``                3 days back; ``a week ago`` one week back; ``two weeks ago``
``+3d`` ``-2w`` ``+1m``       3 days ahead, 2 weeks back, a month ahead (``d``, ``w``, ``m``, ``y``);
                              ``2w`` without a sign is ahead, as in Taskwarrior
``eow`` ``eom`` ``eoy``       the coming Sunday (today included), the month's last day, the year's;
                              ``end of week``, ``end of month``, ``end of year`` (``the`` optional)
``dec 1`` ``1 december``      the nearest 1 December, in the option's direction, today included;
                              ``December 1 2026`` that one
``3pm`` ``15:00``             a time alone: today at that time; for an option about the past, when
                              that is later than now, yesterday at that time (``--on 6pm`` at 00:30)
``13/08/2026``                refused (numbers do not say day/month or month/day), with the ISO
                              date meant: one reading when only one is a date, else both
============================  ====================================================================

Instants are stored as UTC ISO 8601 text (``2026-11-24T15:00:00+00:00``), which sorts
chronologically; calendar dates as ``YYYY-MM-DD``. Cadences (``--every``) are ``core.cadences``'s.
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
WEEKDAY_ABBR = [name[:3] for name in WEEKDAY_NAMES]  # as days are shown: ``Tue 24 Nov``
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
    if low < at.year < high:
        return True  # an offset is less than a day: in UTC and in local time it is in YEARS too
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


def check_happened(
    at: datetime, option: str, ref: datetime | None = None, *, then: str = "", hint=None
) -> None:
    """Raise ``DateError`` when ``at`` is later than now (``ref``): every option that records
    something that already happened (``--on``) calls this, so a future day is refused alike."""
    if at > (ref or now()):
        then = then or "record it once it has happened"
        raise DateError(f"{option}: {show_when(at)} is later than now; {then}.", hint=hint)


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
    from mentorlog.core import phrases  # in 3 days, 2 weeks ago, +2w, next month, end of year …

    day = phrases.read(s, base, lambda why="": _fail(raw, option, why))
    if day is not None:
        return day, None
    from mentorlog.core import monthdays  # only a day named by its month, or in numbers, pays for it

    day = monthdays.read(s, base, future, clock, raw.strip(), option, lambda why: _fail(raw, option, why))
    if day is not None:
        return day, None
    raise _fail(raw, option)


def _nearest_weekday(base: date, weekday: int, forward: bool, include_today: bool) -> date:
    sign = 1 if forward else -1
    delta = (sign * (weekday - base.weekday())) % 7
    if delta == 0 and not include_today:
        delta = 7
    return base + timedelta(days=sign * delta)


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


# --- showing ------------------------------------------------------------------------------


def show_day(d: date) -> str:
    """``Fri 27 Nov 2026``"""
    return f"{WEEKDAY_ABBR[d.weekday()]} {d.day} {MONTH_ABBR[d.month - 1]} {d.year}"


def show_when(dt: datetime) -> str:
    """``Tue 24 Nov 2026 15:00``"""
    return f"{show_day(dt.date())} {dt:%H:%M}"


def show_short_day(d: date, ref: date) -> str:
    """``Fri 20 Nov``, with the year only when it is not ``ref``'s."""
    text = f"{WEEKDAY_ABBR[d.weekday()]} {d.day} {MONTH_ABBR[d.month - 1]}"
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


MONTH_ABBR = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
