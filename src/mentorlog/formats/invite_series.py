"""The occurrences of one calendar invitation's series (``formats.invites`` reads the file).

``Series`` holds an event's rule with its UNTIL and COUNT, its RDATEs and EXDATEs, its moved and
cancelled occurrences (VEVENTs with its UID and a RECURRENCE-ID) and its RANGE=THISANDFUTURE
changes, on the wall clock of the series' own zone; it finds the next check-in after a moment
and the slot (the series' own next occurrence, never a moved one). Occurrences are
python-dateutil's, imported when a series is built. ``tz_database`` finds the tz database's zone
for a TZID, an Olson or a Windows name.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone, tzinfo

from mentorlog.core.dates import NOW_YEARS


class Series:
    """A series' occurrences on the wall clock of its own zone (naive datetimes): its rule with
    UNTIL and COUNT, RDATEs, EXDATEs, its moved and cancelled occurrences (VEVENTs with its UID
    and a RECURRENCE-ID), and RANGE=THISANDFUTURE changes, which move every later occurrence."""

    def __init__(self, event, events, recur, start: datetime, fail):
        from dateutil.rrule import rruleset, rrulestr

        from mentorlog.core import cadences

        self.fail = fail
        if start.tzinfo is not None and cadences.zone_key(start) is None:
            start = _as_known_zone(start, event["DTSTART"].params.get("TZID"))
        # None: floating time, which is local; else the zone whose wall clock the series keeps
        self.zone: tzinfo | None = start.tzinfo
        self.kept = cadences.zone_key(start) is not None
        self.start = start.replace(tzinfo=None)
        self.set = rruleset()  # every occurrence
        self.own = rruleset()  # the series' own: its rule, less what was taken away
        if recur is None:
            self.set.rdate(self.start)
            self.own.rdate(self.start)
        else:
            spec = ";".join(p for p in recur.to_ical().decode().split(";") if not p.startswith("UNTIL="))
            try:
                series = rrulestr(spec, dtstart=self.start)
                if recur.get("UNTIL"):
                    series = series.replace(until=self.wall(recur["UNTIL"][0]))
            except (ValueError, TypeError, OverflowError) as err:
                raise fail(f"has a repeat rule that cannot be read ({err})") from None
            self.set.rrule(series)
            self.own.rrule(series)
        for value, _ in event.rdates:
            if isinstance(value, datetime) and _in_range(value):  # an all-day RDATE is no check-in
                self.set.rdate(self.wall(value))
        self.skipped_days: set[date] = set()
        for value in event.exdates:
            if isinstance(value, datetime):
                self.set.exdate(self.wall(value))
                self.own.exdate(self.wall(value))
            else:
                self.skipped_days.add(value)
        self.moved: list[datetime] = []  # moved occurrences, which no later change moves again
        self.ranges: list[tuple[datetime, timedelta | None]] = []  # (from, shift); None: cut
        uid = str(event.get("UID", ""))
        for other in events:
            if other is event or "RECURRENCE-ID" not in other or str(other.get("UID", "")) != uid:
                continue
            rid_prop = other["RECURRENCE-ID"]
            if not _in_range(rid_prop.dt):
                continue
            rid = self.wall(rid_prop.dt)
            when = getattr(other.get("DTSTART"), "dt", None)
            gone = str(other.get("STATUS", "")).upper() == "CANCELLED"
            ok = isinstance(when, datetime) and _in_range(when)
            if str(rid_prop.params.get("RANGE", "")).upper() == "THISANDFUTURE":
                self.ranges.append((rid, None if gone or not ok else self.wall(when) - rid))
                continue
            self.set.exdate(rid)
            self.own.exdate(rid)
            if not gone and ok:
                self.moved.append(self.wall(when))
        self.ranges.sort(key=lambda r: r[0])

    def wall(self, value) -> datetime:
        """A date-time from the file on the series' wall clock; a date is its last second."""
        if not isinstance(value, datetime):
            value = datetime.combine(value, time.max.replace(microsecond=0))
        if value.tzinfo is None:
            return value
        return (value.astimezone(self.zone) if self.zone else value.astimezone()).replace(tzinfo=None)

    def aware(self, naive: datetime) -> datetime:
        """A wall-clock time of the series as aware local time."""
        from mentorlog.core import cadences

        return cadences.at_wall_clock(naive, self.zone)

    def _range(self, at: datetime) -> tuple[datetime, timedelta | None] | None:
        found = None
        for r in self.ranges:
            if r[0] <= at:
                found = r
        return found

    def _first(self, occurrences, extra: list[datetime], ref: datetime) -> tuple[datetime, datetime] | None:
        """The first of ``occurrences`` (moved by the THISANDFUTURE changes) and ``extra`` after
        ``ref``, with the date it had before a change moved it."""
        reach = max((abs(d) for _, d in self.ranges if d is not None), default=timedelta(0))
        reach += timedelta(days=1)
        best: tuple[datetime, datetime] | None = None
        try:
            for occurrence in occurrences.xafter(ref - reach, inc=True):
                if occurrence.year > NOW_YEARS[1] or (best and occurrence > best[0] + reach):
                    break
                change = self._range(occurrence)
                if change is not None and change[1] is None:
                    break  # a THISANDFUTURE cancellation ends the series there
                if occurrence.date() in self.skipped_days:
                    continue
                at = occurrence + change[1] if change else occurrence
                if at > ref and (best is None or at < best[0]):
                    best = (at, occurrence)
        except (ValueError, OverflowError):  # the rule runs past the years a date can hold
            pass
        for at in extra:
            if at > ref and (best is None or at < best[0]):
                best = (at, at)
        return best

    def next_after(self, now: datetime) -> datetime | None:
        """The first occurrence strictly after ``now`` (aware), as aware local time."""
        best = self._first(self.set, self.moved, self.wall(now))
        return self.aware(best[0]) if best else None

    def slot(self, now: datetime, upcoming: datetime | None) -> tuple[datetime | None, int]:
        """The slot and the days it lies from the series' own dates (see ``invites._cadence``).

        The slot is the series' first occurrence after ``now`` that is still the series' own:
        by its rule (and THISANDFUTURE changes), never an RDATE or a moved occurrence, and not
        one an EXDATE or a moved occurrence took away. So logging a moved check-in leads to the
        series' next one, not back to the day it was moved from. It is in the series' zone when
        the tz database knows it (the cadence is then projected in that zone), else local time.
        A series whose rule has ended gives the next check-in itself."""
        from mentorlog.core import cadences

        best = self._first(self.own, [], self.wall(now))
        if best is None:
            return upcoming, 0
        wall, base = best
        slot = cadences.in_zone(wall, self.zone) if self.kept else self.aware(wall)
        return slot, (slot.date() - base.date()).days


def _as_known_zone(start: datetime, tzid: str | None) -> datetime:
    """``start`` in the tz database's zone for its TZID (an Olson or a Windows name) when the
    database knows it: icalendar reads a file's own VTIMEZONE (Outlook and Exchange send one for
    "GMT Standard Time") into a zone without a name, which could not be kept with the slot. The
    wall-clock time is the file's; UTC (``…Z``) becomes the tz database's UTC."""
    from zoneinfo import ZoneInfo

    if start.tzinfo is timezone.utc:
        return start.astimezone(ZoneInfo("UTC"))
    known = tz_database(str(tzid)) if tzid else None
    return start.replace(tzinfo=known) if known is not None else start


def tz_database(tzid: str):
    """The tz database's zone for a TZID, an Olson name or a Windows one; None if unknown."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

    for name in (tzid, WINDOWS_TO_OLSON.get(tzid)):
        if name:
            try:
                return ZoneInfo(name)
            except (ZoneInfoNotFoundError, ValueError, OSError):
                continue
    return None


def _in_range(value) -> bool:
    return NOW_YEARS[0] <= value.year <= NOW_YEARS[1]
