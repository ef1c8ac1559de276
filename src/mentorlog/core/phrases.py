"""The WHEN phrases counted from today: ``in 3 days``, ``in two weeks``, ``2 weeks ago``,
``+3d``/``-2w``/``2w``, ``next week``/``last week``, ``next month``, ``next year``, ``friday week``,
``eoy`` and ``end of the month``. Pure; ``core.dates.parse_when`` asks here only for what its
common forms (today, a weekday, ISO) do not read, so a command that parses ``fri`` never loads
this. Their meanings are in the table of ``core.dates``'s docstring.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from mentorlog.core.dates import UNITS, WEEKDAYS, add_months

_COUNT = r"(\d{1,6}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_IN = r"^in\s+(?:" + _COUNT + r"\s*([a-z]+)|a\s+(day|week|month|year))$"
_AGO = r"^(?:" + _COUNT + r"\s*([a-z]+)|a\s+(day|week|month|year))\s+ago$"
_SIGNED = r"^([+-]?)\s*(\d{1,6})\s*([a-z]+)$"
_END_OF = r"^end\s+of\s+(?:the\s+)?(week|month|year)$"
NUMBER_WORDS = (
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
)


def read(s: str, base: date, fail) -> date | None:
    """The day phrase ``s`` (lower case, spaces single) names, counted from ``base``; None when
    ``s`` is not such a phrase. ``fail(why)`` is the error to raise for a phrase that is one but
    cannot be (a unit that is not one)."""
    end_of = re.match(_END_OF, s)
    if end_of:
        s = "eo" + end_of.group(1)[0]
    if s == "eow":  # the coming Sunday, today included (weeks start Monday)
        return base + timedelta(days=6 - base.weekday())
    if s == "eom":
        return add_months(base.replace(day=1), 1) - timedelta(days=1)
    if s == "eoy":
        return date(base.year, 12, 31)
    if s in ("next week", "last week"):  # the Monday that starts it (weeks start Monday, as for eow)
        return base + timedelta(days=(7 if s[0] == "n" else -7) - base.weekday())
    if s in ("next month", "last month"):
        return add_months(base.replace(day=1), 1 if s[0] == "n" else -1)
    if s in ("next year", "last year"):
        return date(base.year + (1 if s[0] == "n" else -1), 1, 1)
    words = s.split()
    if len(words) == 2 and words[0] in WEEKDAYS and words[1] == "week":  # a week after the coming one
        ahead = (WEEKDAYS[words[0]] - base.weekday()) % 7
        return base + timedelta(days=ahead, weeks=1)
    for pattern, sign in ((_IN, 1), (_AGO, -1)):
        m = re.match(pattern, s)
        if m:  # "in a week" is "in 1 week", "in two weeks" "in 2 weeks"
            n, unit = (_count(m.group(1)), m.group(2)) if m.group(1) else (1, m.group(3))
            return _shift(base, sign * n, unit, fail)
    m = re.match(_SIGNED, s)
    if m and (m.group(1) or m.group(3) in UNITS):  # "+2w", "-2w", and "2w" ahead ("1 dec" is a day)
        n = int(m.group(2)) * (-1 if m.group(1) == "-" else 1)
        return _shift(base, n, m.group(3), fail)
    return None


def _count(text: str) -> int:
    return int(text) if text.isdigit() else NUMBER_WORDS.index(text) + 1


def _shift(base: date, n: int, unit: str, fail) -> date:
    kind = UNITS.get(unit)
    if kind == "days":
        return base + timedelta(days=n)
    if kind == "weeks":
        return base + timedelta(weeks=n)
    if kind == "months":
        return add_months(base, n)
    if kind == "years":
        return add_months(base, 12 * n)
    raise fail(f"{unit!r} is not a unit (use days, weeks, months or years)")
