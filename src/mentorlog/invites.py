"""Calendar invitations (``.ics``) read into a mentor's next check-in and cadence (SPEC §2).

``read_invite`` takes the bytes of an invitation exported from any calendar (Google, Outlook,
Apple...), picks its event, and returns the first occurrence after ``now`` in local time and the
recurrence rule rewritten in the exact form ``cadences.parse_cadence`` produces, so the rest of
mentorlog cannot tell an imported cadence from a typed one. Parsing is the ``icalendar``
library's; occurrences are python-dateutil's. Anything that cannot become a check-in (an all-day
event, no future occurrence, a rule the cadence grammar cannot say) raises ``InviteError`` and
nothing is guessed.
"""

from __future__ import annotations

from datetime import date, datetime, time

from mentorlog.dates import WEEKDAY_NAMES, local, show_day
from mentorlog.errors import MentorlogError
from mentorlog.record import Record

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
    cadence as a ``parse_cadence`` RRULE (None without a rule), and the event's title."""

    next_checkin: datetime | None
    cadence: str | None
    cancelled: bool
    summary: str | None


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
    masters = [e for e in events if "RECURRENCE-ID" not in e]
    event = (masters or events)[0]
    start = _start(event, fail)
    recur = event.get("RRULE")
    if isinstance(recur, list):
        if len(recur) > 1:
            raise fail(f"repeats by {len(recur)} rules at once, which a cadence cannot express", HINT)
        recur = recur[0]
    if recur is not None and "RRULE" in {name for name, _ in event.errors}:
        raise fail(f"has a repeat rule that cannot be read ({recur.to_ical().decode(errors='replace')})")
    rule = _rule(recur, fail) if recur is not None else None
    summary = str(event["SUMMARY"]) if "SUMMARY" in event else None
    method = str(calendar.get("METHOD", "")).upper()
    if str(event.get("STATUS", "")).upper() == "CANCELLED" or method == "CANCEL":
        return Invite(None, _cadence(rule, local(start), fail), True, summary)
    upcoming = _next_occurrence(event, events, recur, start, local(now), fail)
    if upcoming is None:
        raise fail(f"has no check-in after {show_day(local(now).date())}", "Export a future meeting.")
    upcoming = local(upcoming)
    return Invite(upcoming, _cadence(rule, upcoming, fail), False, summary)


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
        raise fail(f"is not a valid iCalendar file ({err})") from None
    if calendar.name != "VCALENDAR":
        raise fail("is not a calendar (it does not start with BEGIN:VCALENDAR)")
    return calendar


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
    return start


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


def _cadence(rule: _Rule | None, at: datetime, fail) -> str | None:
    """``rule`` as ``parse_cadence`` writes it. The weekday is the one of ``at`` (the check-in in
    local time), because the cadence runs on local wall-clock time: a Thursday 23:30 London
    meeting is a Friday one in Tokyo."""
    if rule is None:
        return None
    text = f"FREQ={rule.freq}"
    if rule.ordinal is not None:
        if at.weekday() != rule.weekday:
            raise fail(
                f"repeats on the {_ORDINALS[rule.ordinal]} {WEEKDAY_NAMES[rule.weekday]} of the month in "
                f"its own time zone, which is a {WEEKDAY_NAMES[at.weekday()]} here",
                HINT,
            )
        return f"{text};BYDAY={rule.ordinal:+d}{_DAYS[rule.weekday]}"
    if rule.interval > 1:
        text += f";INTERVAL={rule.interval}"
    if rule.weekday is not None:
        text += f";BYDAY={_DAYS[at.weekday()]}"
    return text


def _next_occurrence(event, events, recur, start: datetime, now: datetime, fail) -> datetime | None:
    """The first occurrence strictly after ``now``: the rule (with its UNTIL and COUNT), RDATEs,
    EXDATEs, and the file's moved or cancelled instances of it (VEVENTs with a RECURRENCE-ID)."""
    from dateutil.rrule import rruleset, rrulestr

    floating = start.tzinfo is None

    def align(value) -> datetime:
        """A date-time from the file made comparable with ``start``: floating ones are local."""
        if not isinstance(value, datetime):
            value = datetime.combine(value, time.max.replace(microsecond=0))
        if floating:
            return value.astimezone().replace(tzinfo=None) if value.tzinfo else value
        return value if value.tzinfo else value.replace(tzinfo=start.tzinfo)

    occurrences = rruleset()
    if recur is None:
        occurrences.rdate(start)
    else:
        spec = ";".join(p for p in recur.to_ical().decode().split(";") if not p.startswith("UNTIL="))
        try:
            series = rrulestr(spec, dtstart=start)
            if recur.get("UNTIL"):
                series = series.replace(until=align(recur["UNTIL"][0]))
        except (ValueError, TypeError) as err:
            raise fail(f"has a repeat rule that cannot be read ({err})") from None
        occurrences.rrule(series)
    for value, _ in event.rdates:
        if isinstance(value, datetime):  # an all-day RDATE cannot be a check-in
            occurrences.rdate(align(value))
    skipped_days: set[date] = set()
    for value in event.exdates:
        if isinstance(value, datetime):
            occurrences.exdate(align(value))
        else:
            skipped_days.add(value)
    uid = str(event.get("UID", ""))
    for moved in events:
        if moved is event or "RECURRENCE-ID" not in moved or str(moved.get("UID", "")) != uid:
            continue
        occurrences.exdate(align(moved["RECURRENCE-ID"].dt))
        when = getattr(moved.get("DTSTART"), "dt", None)
        if str(moved.get("STATUS", "")).upper() != "CANCELLED" and isinstance(when, datetime):
            occurrences.rdate(align(when))
    ref = now.astimezone().replace(tzinfo=None) if floating else now
    for occurrence in occurrences.xafter(ref, inc=False):
        if occurrence.date() not in skipped_days:
            return occurrence
    return None
