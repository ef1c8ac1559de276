"""Cadences and slots: how often a mentor's check-ins recur, and when the next one is. Pure.

A cadence (``--every``) is stored as an RFC 5545 RRULE and shown in words. A mentor's *slot*
is the weekday and wall-clock time of their check-ins; the cadence counts from it (an RRULE
whose DTSTART is the slot), so a meeting held at another time never moves the schedule, and a
weekly 15:00 stays 15:00 across a DST change.

Every form ``parse_cadence`` reads (any case, optionally after ``every``):

====================================================  ============================================
form                                                  rule
====================================================  ============================================
``week`` ``weekly``                                   every week
``2 weeks`` ``fortnight(ly)`` ``biweekly``            every 2 weeks
``bi-weekly`` ``bi weekly`` ``other week``            every 2 weeks
``month`` ``monthly`` ``day`` ``daily``               every month, every day
``3 weeks`` ``10 days`` ``2 months`` (1 to 366)       every N of them
``2w`` ``10d``                                        the same, short (a number is needed)
``other day`` ``other month``                         every 2 days, every 2 months
any of the week ones + ``on tue``                     on that weekday (``fortnightly on thu``)
``first|second|third|fourth|last monday``             that weekday of every month
``none`` ``never`` ``off``                            no cadence
====================================================  ============================================
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime, timedelta, tzinfo

from mentorlog.core.dates import WEEKDAY_NAMES, WEEKDAYS, add_months, local
from mentorlog.core.errors import DateError

CADENCE_EXAMPLES = (
    "weekly, fortnightly, bi-weekly, monthly, 3 weeks, 2w, 10d, weekly on tuesday, fortnightly on thu, "
    "first monday, last friday, none"
)


_RRULE_DAY = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": -1}
_ORDINAL_WORD = {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}
_FREQ = {"day": "DAILY", "week": "WEEKLY", "month": "MONTHLY"}
_CADENCE_UNITS = {
    "day": "day", "days": "day", "daily": "day",
    "week": "week", "weeks": "week", "weekly": "week",
    "month": "month", "months": "month", "monthly": "month",
    "d": "day", "w": "week",  # after a number only: 10d, 2w (as +3d and -2w in dates)
}  # fmt: skip
_NTH = (
    r"^(?:monthly\s+(?:on\s+)?)?(?:the\s+)?(first|second|third|fourth|last)\s+([a-z]+)"
    r"(?:\s+of\s+(?:the|every|each)\s+month)?$"
)
_EVERY_N = r"^(?:(\d{1,3})\s*)?([a-z]+)(?:\s+on\s+([a-z]+))?$"


def parse_cadence(text: str, option: str = "--every") -> str | None:
    """``--every`` text as an RRULE (``FREQ=WEEKLY;INTERVAL=2;BYDAY=TU``); None for 'none'."""
    s = " ".join(text.strip().lower().split())
    s = re.sub(r"^every\s+", "", s)

    def fail(why: str = "") -> DateError:
        reason = why or f"can't read {text.strip()!r} as a cadence"
        return DateError(f"{option}: {reason}.", hint=f"Try one of: {CADENCE_EXAMPLES}.")

    if s in ("none", "never", "off"):
        return None
    # The two-week words stand for "2 weeks" wherever they start the text, so that
    # "fortnightly on thu" reads like "2 weeks on thu"; "other" doubles any unit.
    s = re.sub(r"^(?:fortnightly|fortnight|bi[- ]?weekly)(?=\s|$)", "2 weeks", s)
    s = re.sub(r"^other\s+(day|week|month)(?=\s|$)", r"2 \1", s)
    m = re.match(_NTH, s)
    if m:
        if m.group(2) not in WEEKDAYS:
            raise fail()
        return f"FREQ=MONTHLY;BYDAY={_ORDINALS[m.group(1)]:+d}{_RRULE_DAY[WEEKDAYS[m.group(2)]]}"
    m = re.match(_EVERY_N, s)
    if not m or m.group(2) not in _CADENCE_UNITS:
        raise fail()
    n = int(m.group(1) or 1)
    unit = _CADENCE_UNITS[m.group(2)]
    if m.group(1) and m.group(2) in ("daily", "weekly", "monthly"):
        raise fail()
    if not m.group(1) and m.group(2) in ("d", "w"):  # a shorthand needs its number: 2w, not w
        raise fail()
    if not 1 <= n <= 366:
        raise fail(f"an interval of {n} is out of range (1 to 366)")
    rule = f"FREQ={_FREQ[unit]}"
    if n > 1:
        rule += f";INTERVAL={n}"
    if m.group(3):
        if unit != "week" or m.group(3) not in WEEKDAYS:
            raise fail("'on DAY' goes with a weekly cadence, e.g. 'weekly on tuesday'")
        rule += f";BYDAY={_RRULE_DAY[WEEKDAYS[m.group(3)]]}"
    return rule


def _rule_parts(rule: str) -> dict[str, str]:
    return dict(part.split("=", 1) for part in rule.split(";") if "=" in part)


def cadence_words(rule: str | None) -> str:
    """An RRULE written by ``parse_cadence`` in words: ``every 2 weeks on Tuesday``."""
    if not rule:
        return "none"
    parts = _rule_parts(rule)
    freq = {"DAILY": "day", "WEEKLY": "week", "MONTHLY": "month"}.get(parts.get("FREQ", ""))
    if freq is None:
        return rule
    n = int(parts.get("INTERVAL", "1"))
    byday = parts.get("BYDAY")
    if freq == "month" and byday and byday[:-2] not in ("", "+"):
        ordinal = _ORDINAL_WORD.get(int(byday[:-2]), byday[:-2])
        return f"the {ordinal} {WEEKDAY_NAMES[_RRULE_DAY.index(byday[-2:])]} of every month"
    words = f"every {freq}" if n == 1 else f"every {n} {freq}s"
    if byday:
        words += f" on {WEEKDAY_NAMES[_RRULE_DAY.index(byday[-2:])]}"
    return words


def next_after(rule: str, anchor: datetime) -> datetime:
    """The first occurrence of ``rule`` after ``anchor``, counting from ``anchor`` itself
    (to the minute): ``next_at_slot`` with the anchor as the slot."""
    return next_at_slot(rule, slot_from(anchor), anchor)


# --- slots ---------------------------------------------------------------------------------
#
# A mentor's slot (SPEC §1) is the DTSTART of their cadence: the check-ins fall on the rule's
# occurrences counted from it, at its wall-clock time. The slot itself is the first check-in
# (RFC 5545: DTSTART is always an instance), even where the rule alone would skip that day.


def slot_from(at: datetime) -> datetime:
    """``at`` as a slot: aware local time to the minute (a naive ``at`` is local wall-clock).
    A slot kept in a time zone of its own (an invitation's, a ``ZoneInfo``) stays in it."""
    if zone_key(at) is not None:
        return at.replace(second=0, microsecond=0)
    return (local(at) if at.tzinfo else _wall(at)).replace(second=0, microsecond=0)


def zone_key(at: datetime) -> str | None:
    """The tz database name of the zone ``at`` is kept in, or None for local time.

    A datetime can be in a ``ZoneInfo`` only once zoneinfo is imported, so it is not imported
    here to ask (it costs about 3 ms, with sysconfig and weakref, on every log and remind)."""
    import sys

    zoneinfo = sys.modules.get("zoneinfo")
    if zoneinfo is None:
        return None
    return at.tzinfo.key if isinstance(at.tzinfo, zoneinfo.ZoneInfo) else None


def slot_to_db(slot: datetime) -> str:
    """A slot as stored: wall-clock ISO to the minute, without an offset
    (``2026-11-26T15:00``), because the slot is a time of day, not an instant. The wall clock
    is local, or the slot's own zone's (``zone_key``, stored beside it)."""
    return slot_from(slot).replace(tzinfo=None).isoformat(timespec="minutes")


def slot_from_db(text: str | None, zone: str | None = None) -> datetime | None:
    """A stored slot as aware local time, or in ``zone`` (a tz database name) when it has one;
    text with an offset is read as that instant. A zone this machine's tz database does not
    know falls back to local time."""
    if not text:
        return None
    at = datetime.fromisoformat(text)
    if zone and at.tzinfo is None:
        tz = _zone(zone)
        if tz is not None:
            return _in_zone(at, tz).replace(second=0, microsecond=0)
    return slot_from(at)


def _zone(name: str) -> tzinfo | None:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def next_at_slot(rule: str, slot: datetime, after: datetime) -> datetime:
    """The first check-in strictly after ``after``: the slot itself, or an occurrence of
    ``rule`` with DTSTART at ``slot``, at the slot's wall-clock time.

    Occurrences are computed on local wall-clock time and given the offset valid on their own
    date, so a weekly 15:00 stays at 15:00 across a DST change (a time the change skips moves
    forward by the gap, as calendars do). A monthly cadence from the 29th-31st clamps to the
    last day of shorter months. Raises ``DateError`` when the rule ends before ``after``.
    """
    start = slot_from(slot)
    if start > after:
        return local(start)
    for at in _occurrences(rule, start, after):
        if at > after:
            return at
    raise DateError(f"the cadence {cadence_words(rule)!r} has no date after {after:%Y-%m-%d}.")


def next_after_meeting(rule: str, slot: datetime, held_at: datetime) -> datetime:
    """The next check-in after a meeting held at ``held_at``.

    A meeting stands for the check-in nearest to it (a check-in held late, or moved a day
    earlier, is still that check-in), so the next one is the occurrence after that. The
    meeting only stands for a check-in strictly less than half the gap to its neighbour away:
    an exact tie counts as the earlier check-in, held late; a meeting long before the slot
    stands for none, and the slot stays the next check-in.
    """
    start = slot_from(slot)
    if held_at < start:
        following = next_at_slot(rule, start, start)
        return following if (start - held_at) * 2 < following - start else local(start)
    before = start
    for at in _occurrences(rule, start, held_at):
        if at > held_at:
            return next_at_slot(rule, start, at) if at - held_at < held_at - before else at
        before = at
    raise DateError(f"the cadence {cadence_words(rule)!r} has no date after {held_at:%Y-%m-%d}.")


def _wall(naive: datetime, zone: tzinfo | None = None) -> datetime:
    """Wall-clock time (local, or in ``zone``) as aware local time. A time skipped by a DST
    change moves forward by the gap (fold=1 does that for local time, fold=0 for a ZoneInfo);
    a repeated one is the first of the two."""
    if zone is not None:
        return local(_in_zone(naive, zone))
    at = local(naive.replace(fold=0))
    if at.replace(tzinfo=None) != naive.replace(fold=0):
        at = local(naive.replace(fold=1))
    return at


def at_wall_clock(naive: datetime, zone: tzinfo | None = None) -> datetime:
    """Wall-clock time in ``zone`` (local when None) as aware local time (see ``_wall``)."""
    return _wall(naive, zone)


def in_zone(naive: datetime, zone: tzinfo) -> datetime:
    """Wall-clock ``naive`` in ``zone``, aware in it (see ``_in_zone``)."""
    return _in_zone(naive, zone)


def _in_zone(naive: datetime, zone: tzinfo) -> datetime:
    """Wall-clock ``naive`` in ``zone``, normalised: a time in a DST gap moves forward by it."""
    from datetime import timezone

    try:
        return naive.replace(tzinfo=zone, fold=0).astimezone(timezone.utc).astimezone(zone)
    except (OverflowError, ValueError):
        from mentorlog.core.errors import DateError

        raise DateError(f"{naive:%Y-%m-%d} is out of range.") from None


def _wall_zone(slot: datetime) -> tzinfo | None:
    """The zone whose wall clock a slot's occurrences keep: its own, or None for local time."""
    return slot.tzinfo if zone_key(slot) is not None else None


def _naive_in(at: datetime, zone: tzinfo | None) -> datetime:
    """An aware ``at`` as wall-clock time in ``zone`` (local when None)."""
    return (at.astimezone(zone) if zone is not None else at.astimezone()).replace(tzinfo=None)


def _jumpable(parts: dict[str, str]) -> bool:
    """Whether every period of the rule (INTERVAL days, weeks or months) holds an occurrence,
    so a walk may start a whole number of periods after the slot instead of at a slot that may
    be years old. True for every rule the grammar writes; anything else is walked from the slot."""
    interval = parts.get("INTERVAL", "1")
    if not set(parts) <= {"FREQ", "INTERVAL", "BYDAY", "WKST"} or not (interval.isdigit() and int(interval)):
        return False
    days = [d for d in parts.get("BYDAY", "").split(",") if d]
    freq = parts.get("FREQ")
    if freq == "DAILY":
        return not days
    if freq == "WEEKLY":
        return all(d in _RRULE_DAY for d in days)
    if freq == "MONTHLY":  # the 1st to 4th and the last to 4th-last weekday exist in every month
        return not days or (len(days) == 1 and re.fullmatch(r"[+-]?[1-4][A-Z]{2}", days[0]) is not None)
    return False


def _occurrences(rule: str, slot: datetime, near: datetime) -> Iterator[datetime]:
    """The occurrences of ``rule`` after ``slot``, aware local, in order: from the slot, or, when
    the rule allows a jump, from at least one occurrence before ``near``. (The slot itself,
    the first check-in even where the rule skips its day, is the callers' to count.)"""
    parts = _rule_parts(rule)
    simple = _simple(parts)
    zone = _wall_zone(slot)
    if simple is not None:  # daily and weekly: counted here, without importing dateutil
        step, weekday = simple
        start = slot.replace(tzinfo=None)
        dtstart = _jump(parts["FREQ"], int(parts.get("INTERVAL", "1")), start, _naive_in(near, zone))
        if weekday is None:
            day = dtstart
        else:  # RFC 5545 weeks start on Monday: the weekday in dtstart's week, then every step
            day = datetime.combine(
                dtstart.date() - timedelta(days=dtstart.weekday() - weekday), dtstart.time()
            )
        while True:
            if day >= dtstart and day > start:
                yield _wall(day, zone)
            day += timedelta(days=step)
    yield from _dateutil_occurrences(rule, parts, slot, near)


def _simple(parts: dict[str, str]) -> tuple[int, int | None] | None:
    """(days between occurrences, weekday or None) for a daily or weekly rule on one weekday."""
    freq, n = parts.get("FREQ"), int(parts.get("INTERVAL", "1"))
    if set(parts) - {"FREQ", "INTERVAL", "BYDAY"}:
        return None
    if freq == "DAILY" and "BYDAY" not in parts:
        return n, None
    if freq == "WEEKLY":
        day = parts.get("BYDAY")
        if day is None:
            return 7 * n, None
        if day in _RRULE_DAY:
            return 7 * n, _RRULE_DAY.index(day)
    return None


def _dateutil_occurrences(
    rule: str, parts: dict[str, str], slot: datetime, near: datetime
) -> Iterator[datetime]:
    from dateutil.rrule import rrulestr

    start = slot.replace(tzinfo=None)
    freq, n = parts.get("FREQ"), int(parts.get("INTERVAL", "1"))
    if freq == "MONTHLY" and "BYDAY" not in parts and "BYMONTHDAY" not in parts:
        # dateutil skips months without the slot's day; clamp to the month's last day instead
        days = ",".join(str(d) for d in range(min(start.day, 28), start.day + 1))
        rule = f"{rule};BYMONTHDAY={days};BYSETPOS=-1"
    dtstart = start
    zone = _wall_zone(slot)
    if _jumpable(parts):
        dtstart = _jump(freq, n, start, _naive_in(near, zone))
    for occurrence in rrulestr(rule, dtstart=dtstart):
        if occurrence > start:
            yield _wall(occurrence, zone)


def _jump(freq: str, n: int, start: datetime, near: datetime) -> datetime:
    """A DTSTART a whole number of periods after ``start`` and at least two periods before
    ``near`` (or ``start`` itself), giving the same occurrences from there on. Two periods,
    because an occurrence in the first one may fall before the new DTSTART."""
    if freq == "MONTHLY":
        months = (near.year - start.year) * 12 + near.month - start.month
        k = months // n - 2
        if k < 1:
            return start
        # the first of the month: the walk then yields that month's occurrence whatever its day
        return datetime.combine(add_months(start.date().replace(day=1), k * n), start.time())
    step = n * (7 if freq == "WEEKLY" else 1)
    k = (near.date() - start.date()).days // step - 2
    return start + timedelta(days=k * step) if k >= 1 else start
