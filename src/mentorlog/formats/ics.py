"""The ``ics`` export: upcoming check-ins as events and open todos with a due date as to-dos.

The calendar is RFC 5545, written by the ``icalendar`` library, which also escapes user text
(commas, semicolons, newlines), so names and todo text go in as stored, but for the characters
RFC 5545 does not allow in text (control characters but tab and newline) and the bidi overrides
that make a title read other than it is: those are written as visible escapes (``\x1b``), as
everywhere mentorlog shows user text (SPEC §4), since a strict parser rejects the whole calendar.
Check-ins are written in the local time zone by name when it can be found (with its VTIMEZONE), so a weekly
15:00 stays at 15:00 in the calendar app across a DST change; otherwise in UTC.
"""

from __future__ import annotations

import os
from datetime import datetime, timedelta, timezone, tzinfo

PRODID = "-//mentorlog//mentorlog//EN"
DEFAULT_MINUTES = 30


def to_ics(checkins: list[dict], todos: list[dict], *, now: datetime) -> bytes:
    """A calendar with one VEVENT per check-in and one VTODO per todo.

    ``checkins``: dicts with ``uuid, name, handle, next_checkin`` (aware), ``cadence`` (an
    RRULE or None), ``zone`` (the slot's tz database zone, whose wall clock the cadence keeps;
    None: local time), ``minutes`` (or None: 30). ``todos``: dicts with ``uuid, text, due`` (a
    date), ``mentor`` (a name or None).
    """
    from icalendar import Calendar, Event, Todo, vRecur

    from mentorlog.render.text import visible

    calendar = Calendar()
    calendar.add("PRODID", PRODID)
    calendar.add("VERSION", "2.0")
    calendar.add("CALSCALE", "GREGORIAN")
    calendar.add("X-WR-CALNAME", "mentorlog")
    stamp = now.astimezone(timezone.utc)
    for checkin in checkins:
        start = checkin["next_checkin"]
        zone = _slot_zone(checkin.get("zone")) or _local_zone(start)
        start = start.astimezone(zone)
        event = Event()
        event.add("UID", f"{checkin['uuid']}@mentorlog")
        event.add("DTSTAMP", stamp)
        event.add("SUMMARY", visible(f"Check-in with {checkin['name']}"))
        event.add("DTSTART", start)
        event.add("DTEND", start + timedelta(minutes=checkin.get("minutes") or DEFAULT_MINUTES))
        if checkin.get("cadence"):
            event.add("RRULE", vRecur.from_ical(checkin["cadence"]))
        calendar.add_component(event)
    for item in todos:
        todo = Todo()
        todo.add("UID", f"{item['uuid']}@mentorlog")
        todo.add("DTSTAMP", stamp)
        todo.add("SUMMARY", visible(item["text"]))
        todo.add("DUE", item["due"])
        todo.add("STATUS", "NEEDS-ACTION")
        if item.get("mentor"):
            todo.add("DESCRIPTION", visible(f"For {item['mentor']}"))
        calendar.add_component(todo)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _slot_zone(name: str | None) -> tzinfo | None:
    """The zone a slot is kept in (an invitation's): the RRULE's weekday is that zone's."""
    from zoneinfo import ZoneInfo

    try:
        return ZoneInfo(name) if name else None
    except (ValueError, OSError, KeyError):
        return None


def _local_zone(at: datetime) -> tzinfo:
    """The local time zone by its tz database name (``TZ``, else /etc/localtime), when that
    name gives the same offset as the system at ``at``; else UTC, which is always right for
    the one instant though a calendar app then keeps the UTC time across DST."""
    from zoneinfo import ZoneInfo

    name = os.environ.get("TZ", "").lstrip(":")
    if not name:
        target = os.path.realpath("/etc/localtime")
        name = target.split("/zoneinfo/", 1)[1] if "/zoneinfo/" in target else ""
    try:
        zone = ZoneInfo(name) if name else timezone.utc
    except (ValueError, OSError, KeyError):  # not a tz database name, e.g. a POSIX rule like "XYZ-3"
        return timezone.utc
    if at.astimezone(zone).utcoffset() != at.astimezone().utcoffset():
        return timezone.utc
    return zone
