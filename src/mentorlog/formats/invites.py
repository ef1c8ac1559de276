"""Calendar invitations (``.ics``) read into a mentor's next check-in, cadence and slot (SPEC §2).

``read_invite`` takes the bytes of an invitation exported from any calendar (Google, Outlook,
Apple, Thunderbird, Nextcloud, Fastmail...), picks its series, and returns three things kept
apart: the *slot* and the cadence come from the series itself (DTSTART and RRULE, in the
series' own time zone, which stays with the slot), never from a moved instance or an RDATE; the
next check-in is the first occurrence after ``now``, with moved instances (RECURRENCE-ID, also
with RANGE=THISANDFUTURE), RDATEs, EXDATEs and cancelled occurrences counted. The cadence is the
RRULE rewritten in the exact form ``cadences.parse_cadence`` produces, so the rest of mentorlog
cannot tell an imported cadence from a typed one. Parsing is the ``icalendar`` library's; a
series' occurrences are ``formats.invite_series``'s (python-dateutil's). Anything that cannot
become a check-in (an all-day event, no future occurrence, a rule the cadence grammar cannot
say, a whole calendar of unrelated events) raises ``InviteError`` and nothing is guessed.
"""

from __future__ import annotations

import re
from datetime import datetime

from mentorlog.core.dates import NOW_YEARS, WEEKDAY_NAMES, local, show_day
from mentorlog.core.errors import MentorlogError
from mentorlog.core.record import Record
from mentorlog.formats.invite_series import Series, tz_database

EXPRESSIBLE = "weekly, every N weeks/months, first–fourth/last WEEKDAY monthly"
HINT = "Set it by hand instead: mentorlog mentor edit MENTOR --every CADENCE --next WHEN"
_DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
_ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}
_UNITS = {"SECONDLY": "second", "MINUTELY": "minute", "HOURLY": "hour", "DAILY": "day"}
_UNITS |= {"WEEKLY": "week", "MONTHLY": "month", "YEARLY": "year"}
# Parts that change where occurrences fall but not the cadence: the end of the series, and the
# week start, which only matters for BYDAY lists (refused) or BYWEEKNO (refused).
_IGNORED = ("UNTIL", "COUNT", "WKST")


class InviteError(MentorlogError):
    """An invitation that cannot be read, or cannot become a check-in and cadence."""


class Invite(Record):
    """What an invitation says: the next check-in (aware local time; None when cancelled), the
    cadence as a ``parse_cadence`` RRULE (None without a rule), and the event's title.

    ``slot`` is the series' first check-in (its DTSTART, or where a RANGE=THISANDFUTURE change
    moved the series), aware in the series' own zone when the tz database knows it (a
    ``ZoneInfo``), else local; None when the file holds no series (a lone moved or cancelled
    occurrence), which keeps the mentor's slot. ``skipped`` is the one occurrence a file that
    cancels a single occurrence cancels (aware local time)."""

    next_checkin: datetime | None
    cadence: str | None
    cancelled: bool
    summary: str | None
    slot: datetime | None = None
    skipped: datetime | None = None


class _Rule(Record):
    """A recurrence rule that the cadence grammar can say; ``ordinal`` is for monthly BYDAY."""

    freq: str
    interval: int
    weekday: int | None = None
    ordinal: int | None = None


def read_invite(data: bytes, *, now: datetime, source: str) -> Invite:
    """The invitation in ``data`` (named ``source`` in messages) as of ``now``. Raises InviteError."""

    def fail(why: str, hint: str | None = None) -> InviteError:
        return InviteError(f"{source}: {why}.", hint=hint)

    calendar = _parse(data, fail)
    events = calendar.walk("VEVENT")
    if not events:
        raise fail("has no event (VEVENT) in it", "Export the meeting itself from your calendar.")
    _one_series(events, fail)
    method = str(calendar.get("METHOD", "")).upper()
    masters = [e for e in events if "RECURRENCE-ID" not in e]
    summary = next((str(e["SUMMARY"]) for e in masters + events if "SUMMARY" in e), None)
    if not masters:
        # iTIP sends a change to one occurrence alone: a cancelled one is skipped, a moved one
        # is the next check-in; neither says anything about the series' slot or cadence.
        return _lone_instance(events[0], method, summary, local(now), fail)
    # A series whose master was saved twice (a calendar that kept an old copy) is one series:
    # the latest revision (highest SEQUENCE, then the last in the file) speaks for it.
    event = max(enumerate(masters), key=lambda m: (_sequence(m[1]), m[0]))[1]
    cancelled = str(event.get("STATUS", "")).upper() == "CANCELLED" or method == "CANCEL"
    if cancelled and "DTSTART" not in event:
        return Invite(None, None, True, summary)  # an iTIP CANCEL names the meeting by UID only
    start = _start(event, fail)
    recur = _one_rule(event, fail)
    rule = _rule(recur, fail) if recur is not None else None
    series = Series(event, events, recur, start, fail)
    if cancelled:
        return Invite(None, _cadence(rule, series.slot(local(now), None)[1], fail), True, summary)
    upcoming = series.next_after(local(now))
    if upcoming is None:
        raise fail(f"has no check-in after {show_day(local(now).date())}", "Export a future meeting.")
    slot, shift = series.slot(local(now), upcoming)
    return Invite(upcoming, _cadence(rule, shift, fail), False, summary, slot=slot)


def _one_series(events, fail) -> None:
    """Refuse a file of unrelated events (a whole calendar exported as one file): an
    invitation is one series, its master and its moved or cancelled occurrences (one UID)."""
    uids = {str(e["UID"]) if "UID" in e else f"#{n}" for n, e in enumerate(events)}
    if len(uids) > 1:
        raise fail(
            f"holds {len(uids)} different events (a whole calendar?), not one meeting's invitation",
            "Export the one meeting from your calendar (open it, then export or save it as .ics).",
        )


def _sequence(event) -> int:
    try:
        return int(event.get("SEQUENCE", 0))
    except (TypeError, ValueError):
        return 0


def _lone_instance(event, method: str, summary: str | None, now: datetime, fail) -> Invite:
    rid = getattr(event.get("RECURRENCE-ID"), "dt", None)
    if str(event.get("STATUS", "")).upper() == "CANCELLED" or method == "CANCEL":
        if not isinstance(rid, datetime):
            return Invite(None, None, True, summary)
        _bounded(rid, fail)
        return Invite(None, None, True, summary, skipped=local(rid))
    start = local(_start(event, fail))
    if start <= now:
        raise fail(f"has no check-in after {show_day(now.date())}", "Export a future meeting.")
    return Invite(start, None, False, summary)


def _one_rule(event, fail):
    """The event's RRULE, or None. The same rule written twice (Fastmail does) is one rule."""
    recur = event.get("RRULE")
    if isinstance(recur, list):
        if len({r.to_ical() for r in recur}) > 1:
            raise fail(f"repeats by {len(recur)} rules at once, which a cadence cannot express", HINT)
        recur = recur[0]
    if recur is not None and "RRULE" in {name for name, _ in event.errors}:
        raise fail(f"has a repeat rule that cannot be read ({recur.to_ical().decode(errors='replace')})")
    return recur


def _parse(data: bytes, fail):
    from icalendar import Calendar

    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise fail("is not UTF-8 text, so not an iCalendar file", "Export it again as .ics.") from None
    if not text.strip():
        raise fail("is empty")
    try:
        calendar = Calendar.from_ical(text)
    except (ValueError, IndexError, KeyError) as err:
        # A VTIMEZONE icalendar cannot read (Apple writes Berlin's 1893 offset +00:53:28 as
        # "+5328") sinks the whole file; without it, a TZID the tz database knows still
        # resolves, which is what calendars themselves do.
        mended = _without_unreadable_zones(text, fail)
        try:
            calendar = Calendar.from_ical(mended) if mended != text else None
        except (ValueError, IndexError, KeyError):
            calendar = None
        if calendar is None:
            raise fail(f"is not a valid iCalendar file ({err})") from None
    if calendar.name != "VCALENDAR":
        raise fail("is not a calendar (it does not start with BEGIN:VCALENDAR)")
    return calendar


_VTIMEZONE = re.compile(r"^BEGIN:VTIMEZONE\r?$.*?^END:VTIMEZONE\r?\n?", re.M | re.S | re.I)
_TZID = re.compile(r"^TZID[;:](?:.*?:)?(.*?)\r?$", re.M | re.I)


def _without_unreadable_zones(text: str, fail) -> str:
    """``text`` without the VTIMEZONE blocks icalendar cannot read, when the tz database knows
    their TZID. One whose TZID it does not know is refused: nothing could stand in for it."""
    from icalendar import Calendar

    unfolded = re.sub(r"\r?\n[ \t]", "", text)

    def mend(block: re.Match) -> str:
        try:
            Calendar.from_ical(f"BEGIN:VCALENDAR\r\n{block.group()}END:VCALENDAR\r\n")
            return block.group()
        except (ValueError, IndexError, KeyError) as err:
            found = _TZID.search(block.group())
            tzid = found.group(1).strip() if found else ""
            if tzid and tz_database(tzid) is not None:
                return ""
            raise fail(f"defines the time zone {tzid!r} in a way that cannot be read ({err})", HINT) from None

    return _VTIMEZONE.sub(mend, unfolded)


def _start(event, fail) -> datetime:
    prop = event.get("DTSTART")
    if prop is None:
        raise fail("has no start time (DTSTART)")
    if "DTSTART" in {name for name, _ in event.errors} or not hasattr(prop, "dt"):
        raise fail(f"has a start time that cannot be read ({prop.to_ical().decode(errors='replace')})")
    start = prop.dt
    if not isinstance(start, datetime):
        raise fail(f"is an all-day event on {show_day(start)}; a check-in needs a time of day", HINT)
    tzid = prop.params.get("TZID")
    if tzid and start.tzinfo is None:
        # icalendar resolves a TZID by the tz database (Olson or Windows name), else by the
        # file's VTIMEZONE, and falls back to floating time for a zone neither defines; taking
        # that as local time would silently move the meeting.
        raise fail(f"uses the time zone {tzid!r}, which it does not define (no VTIMEZONE)", HINT)
    _bounded(start, fail)
    return start


def _bounded(at, fail) -> None:
    """Refuse an instant outside the years a journal holds (a DTSTART in 9999 overflows)."""
    if not NOW_YEARS[0] <= at.year <= NOW_YEARS[1]:
        raise fail(f"starts in the year {at.year}, out of range ({NOW_YEARS[0]} to {NOW_YEARS[1]})")


def _rule(recur, fail) -> _Rule:
    parts = {key: list(values) for key, values in recur.items() if key not in _IGNORED}
    freq = str(parts.pop("FREQ", [""])[0]).upper()
    interval = int(parts.pop("INTERVAL", [1])[0])
    days = parts.pop("BYDAY", [])
    setpos = parts.pop("BYSETPOS", [])
    monthdays = parts.pop("BYMONTHDAY", [])
    if not freq:
        raise fail("has a repeat rule without a frequency (FREQ)")
    unit = _UNITS.get(freq, freq.lower())
    every = f"every {unit}" if interval == 1 else f"every {interval} {unit}s"

    def refuse(what: str) -> InviteError:
        return fail(f"repeats {what}, which a cadence cannot express ({EXPRESSIBLE})", HINT)

    if freq not in ("DAILY", "WEEKLY", "MONTHLY") or not 1 <= interval <= 366:
        raise refuse(every)
    if parts:
        key, values = next(iter(parts.items()))
        raise refuse(f"{every} with {key}={','.join(str(v) for v in values)}")
    if len(days) > 1:
        raise refuse(f"{every} on several days ({', '.join(days)})")
    if len(monthdays) > 1 or any(not 1 <= int(d) <= 31 for d in monthdays):
        raise refuse(f"{every} on days {', '.join(str(d) for d in monthdays)} of the month")
    day = days[0] if days else None
    ordinal = day.relative if day is not None else None
    if setpos and (len(setpos) > 1 or freq != "MONTHLY" or day is None or ordinal):
        raise refuse(f"{every} by position (BYSETPOS={','.join(str(p) for p in setpos)})")
    # MONTHLY;BYDAY=MO;BYSETPOS=1 is another spelling of MONTHLY;BYDAY=1MO.
    ordinal = ordinal or (int(setpos[0]) if setpos else None)
    if freq == "DAILY" and (day or monthdays):
        raise refuse(f"{every} on {day or 'given days of the month'}")
    if freq == "WEEKLY" and (ordinal or monthdays):
        raise refuse(f"{every} on {day or 'given days of the month'}")
    if freq == "MONTHLY" and day is not None:
        name = WEEKDAY_NAMES[_DAYS.index(day.weekday)]
        if ordinal not in _ORDINALS:
            which = f"number {ordinal}" if ordinal else "every"
            raise refuse(f"monthly on {which} {name} of the month")
        if interval > 1 or monthdays:
            raise refuse(f"{every} on the {_ORDINALS[ordinal]} {name}")
    weekday = _DAYS.index(day.weekday) if day is not None else None
    return _Rule(freq, interval, weekday, ordinal)


def _cadence(rule: _Rule | None, shift: int, fail) -> str | None:
    """``rule`` as ``parse_cadence`` writes it. ``shift`` is how many days the slot lies from
    the series' own dates where the cadence runs: 0 in the series' own zone; else the days its
    conversion to local time (a Thursday 23:30 London series is a Friday in Tokyo) or a
    RANGE=THISANDFUTURE change moves it, which a weekly rule's weekday follows."""
    if rule is None:
        return None
    text = f"FREQ={rule.freq}"
    weekday = (rule.weekday + shift) % 7 if rule.weekday is not None else None
    if rule.ordinal is not None:
        if shift:
            raise fail(
                f"repeats on the {_ORDINALS[rule.ordinal]} {WEEKDAY_NAMES[rule.weekday]} of the month in "
                f"its own time zone, which is a {WEEKDAY_NAMES[weekday]} here",
                HINT,
            )
        return f"{text};BYDAY={rule.ordinal:+d}{_DAYS[rule.weekday]}"
    if rule.interval > 1:
        text += f";INTERVAL={rule.interval}"
    if weekday is not None:
        text += f";BYDAY={_DAYS[weekday]}"
    return text
