"""The WHEN forms that name a day by its month (SPEC §3): ``dec 1``, ``1 december``,
``December 1 2026``, and the dates in numbers alone (``13/08/2026``, ``3/4``), which are refused
with the ISO date meant. Pure: no I/O.

``read`` takes the text ``dates.parse_when`` left once its time of day is taken off, when none
of the commoner forms (``today``, ``fri``, ``+3d``, an ISO date) fits it, so a command that
parses only those never imports this module.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, time

from mentorlog.core.errors import DateError

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
    "apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
    "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9,
    "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip

_MONTH_DAY = r"^([a-z]+)\s+(\d{1,2})(?:st|nd|rd|th)?(?:\s+(\d{1,4}))?$"
_DAY_MONTH = r"^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)(?:\s+(\d{1,4}))?$"
_NUMERIC = r"^\d{1,4}[/.]\d{1,2}(?:[/.]\d{1,4})?$"


def read(
    s: str,
    base: date,
    future: bool,
    clock: time | None,
    typed: str,
    option: str | None,
    fail: Callable[[str], DateError],
) -> date | None:
    """The day ``s`` (lower case, single spaces) names by its month, from ``base`` (today):
    the nearest one forward when ``future``, else back. None when ``s`` names none this way.
    ``typed`` is what the user wrote for ``option`` and ``clock`` the time given with it (a
    refusal shows both); ``fail(why)`` words an error as the rest of the grammar does."""
    if re.match(_NUMERIC, s):
        raise _numeric(s, future, base, typed, option, clock)
    for pattern, month_group, day_group in ((_MONTH_DAY, 1, 2), (_DAY_MONTH, 2, 1)):
        m = re.match(pattern, s)
        if m and m.group(month_group) in MONTHS:
            month, day = MONTHS[m.group(month_group)], int(m.group(day_group))
            if m.group(3):
                year = int(m.group(3))
                if year < 1000:
                    raise fail(f"{typed!r}: write the year in full")
                return date(year, month, day)
            found = _nearest_month_day(base, month, day, future)
            if found is None:
                raise fail(f"{typed!r} has no such day")
            return found
    return None


def _numeric(
    s: str, future: bool, base: date, typed: str, option: str | None, clock: time | None
) -> DateError:
    """Why ``03/04/2026`` is refused, with the user's own date in ISO: one reading when only
    one is a date (13 cannot be a month), both when it is ambiguous. Still refused either way:
    numbers alone never say which order the writer meant, and a guess would be silent."""
    who = f"{option}: " if option else ""
    readings = []
    for d in _numeric_readings(s, future, base):
        shown = d.isoformat() + (f" {clock:%H:%M}" if clock else "")
        if shown not in readings:
            readings.append(shown)
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
            reading = date(year, month, day) if year else _nearest_month_day(base, month, day, future)
        except ValueError:
            continue
        if reading is not None:
            found.append(reading)
    return found


def _nearest_month_day(base: date, month: int, day: int, forward: bool) -> date | None:
    """The nearest ``month``/``day`` from ``base``, today included; None when there is none
    (``feb 30``, a day past 31)."""
    if not 1 <= day <= 31:
        return None
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
    return None
