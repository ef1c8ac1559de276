"""Calendar invitations: reading Google, Outlook and Apple exports, refusing what a check-in or a
cadence cannot be, and the ics export read back by icalendar and by ``read_invite``.

The invitations are written by hand in the shape each calendar exports (CRLF lines, folded long
lines, VTIMEZONE blocks, ORGANIZER/ATTENDEE lines). ``now`` is pinned to Tue 24 Nov 2026 10:00 UTC.
"""

from __future__ import annotations

import subprocess
import sys
import time
from datetime import date, datetime, timedelta, timezone

import pytest

from mentorlog.core.errors import MentorlogError
from mentorlog.formats.ics import PRODID, to_ics
from mentorlog.formats.invites import InviteError, read_invite

NOW = datetime(2026, 11, 24, 10, 0, tzinfo=timezone.utc)  # a Tuesday


@pytest.fixture
def zone(monkeypatch):
    """Set the process time zone; the original one is back (and tzset) after the test."""

    def set_zone(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        time.tzset()

    set_zone("UTC")
    yield set_zone
    monkeypatch.undo()
    time.tzset()


def ics(*lines: str) -> bytes:
    return ("\r\n".join(lines) + "\r\n").encode()


def calendar(*event: str, method: str | None = None, extra: tuple[str, ...] = ()) -> bytes:
    head = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//test//EN"]
    head += [f"METHOD:{method}"] if method else []
    return ics(*head, *extra, "BEGIN:VEVENT", "UID:e1@test", *event, "END:VEVENT", "END:VCALENDAR")


def refused(data: bytes) -> str:
    with pytest.raises(InviteError) as caught:
        read_invite(data, now=NOW, source="invite.ics")
    assert caught.value.exit_code == 1
    assert isinstance(caught.value, MentorlogError)
    assert caught.value.message.startswith("invite.ics: ")
    return caught.value.message


LONDON_VTIMEZONE = (
    "BEGIN:VTIMEZONE",
    "TZID:Europe/London",
    "X-LIC-LOCATION:Europe/London",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0000",
    "TZOFFSETTO:+0100",
    "TZNAME:BST",
    "DTSTART:19700329T010000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0000",
    "TZNAME:GMT",
    "DTSTART:19701025T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
)

GOOGLE = ics(
    "BEGIN:VCALENDAR",
    "PRODID:-//Google Inc//Google Calendar 70.9054//EN",
    "VERSION:2.0",
    "CALSCALE:GREGORIAN",
    "METHOD:REQUEST",
    *LONDON_VTIMEZONE,
    "BEGIN:VEVENT",
    "DTSTART;TZID=Europe/London:20260903T150000",
    "DTEND;TZID=Europe/London:20260903T153000",
    "RRULE:FREQ=WEEKLY;WKST=MO;INTERVAL=2;BYDAY=TH",
    "DTSTAMP:20260901T090000Z",
    "ORGANIZER;CN=Ada Lovelace:mailto:ada@example.com",
    "UID:7kukuqrfedlm2f9t0vr4wbvc9d@google.com",
    "ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=TRUE",
    " ;CN=Ada Lovelace;X-NUM-GUESTS=0:mailto:ada@example.com",
    "ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=",
    " TRUE;CN=mentee@example.com;X-NUM-GUESTS=0:mailto:mentee@example.com",
    "X-MICROSOFT-CDO-OWNERAPPTID:-1523455162",
    "CREATED:20260901T085900Z",
    "DESCRIPTION:-::~:~::~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:",
    " ~:~:~:~:~:~::~:~::-\\nJoin with Google Meet: https://meet.google.com/abc-defg-hi",
    " j\\n\\nLearn more about Meet at: https://support.google.com/a/users/answer/9282720",
    "LAST-MODIFIED:20260901T090000Z",
    "LOCATION:",
    "SEQUENCE:0",
    "STATUS:CONFIRMED",
    "SUMMARY:Mentoring: Ada / me",
    "TRANSP:OPAQUE",
    "BEGIN:VALARM",
    "ACTION:DISPLAY",
    "DESCRIPTION:This is an event reminder",
    "TRIGGER:-P0DT0H10M0S",
    "END:VALARM",
    "END:VEVENT",
    "END:VCALENDAR",
)

# Outlook names zones the Windows way and sends its own definition; "Customized Time Zone" is
# what it writes for a zone it has no name for, so only the VTIMEZONE in the file can resolve it.
OUTLOOK_ZONE = (
    "BEGIN:VTIMEZONE",
    "TZID:{tzid}",
    "BEGIN:STANDARD",
    "DTSTART:16010101T020000",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0000",
    "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10",
    "END:STANDARD",
    "BEGIN:DAYLIGHT",
    "DTSTART:16010101T010000",
    "TZOFFSETFROM:+0000",
    "TZOFFSETTO:+0100",
    "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3",
    "END:DAYLIGHT",
    "END:VTIMEZONE",
)


def outlook(tzid: str, *, with_zone: bool = True) -> bytes:
    zone_lines = [line.format(tzid=tzid) for line in OUTLOOK_ZONE] if with_zone else []
    quoted = f'"{tzid}"' if " " in tzid else tzid
    return ics(
        "BEGIN:VCALENDAR",
        "METHOD:REQUEST",
        "PRODID:Microsoft Exchange Server 2010",
        "VERSION:2.0",
        *zone_lines,
        "BEGIN:VEVENT",
        "ORGANIZER;CN=Grace Hopper:mailto:grace@example.com",
        'ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN="Me, Mentee"',
        " :mailto:mentee@example.com",
        "DESCRIPTION;LANGUAGE=en-GB:Monthly-ish catch-up\\n",
        "RRULE:FREQ=WEEKLY;UNTIL=20270630T140000Z;INTERVAL=1;BYDAY=TU;WKST=MO",
        "EXDATE;TZID=" + quoted + ":20261201T140000",
        "UID:040000008200E00074C5B7101A82E00800000000D0C1F1E3A1B9DC01000000000000000",
        " 0100000051C7B0C6A4E5C54F8C1A2F3E4D5C6B7A",
        "SUMMARY;LANGUAGE=en-GB:Catch-up with Grace",
        "DTSTART;TZID=" + quoted + ":20261013T140000",
        "DTEND;TZID=" + quoted + ":20261013T144500",
        "CLASS:PUBLIC",
        "PRIORITY:5",
        "DTSTAMP:20261001T120000Z",
        "TRANSP:OPAQUE",
        "STATUS:CONFIRMED",
        "SEQUENCE:0",
        "X-MICROSOFT-CDO-BUSYSTATUS:BUSY",
        "X-MICROSOFT-DISALLOW-COUNTER:FALSE",
        "END:VEVENT",
        "END:VCALENDAR",
    )


def apple(dtstart: str) -> bytes:
    return ics(
        "BEGIN:VCALENDAR",
        "METHOD:PUBLISH",
        "VERSION:2.0",
        "X-WR-CALNAME:Mentoring",
        "PRODID:-//Apple Inc.//macOS 15.1//EN",
        "X-APPLE-CALENDAR-COLOR:#1BADF8",
        "X-WR-TIMEZONE:America/New_York",
        "CALSCALE:GREGORIAN",
        "BEGIN:VEVENT",
        "TRANSP:OPAQUE",
        "DTEND:20261005T100000",
        "UID:5F3A1C2B-9D8E-4F70-A1B2-C3D4E5F60718",
        "DTSTAMP:20261001T120000Z",
        "SEQUENCE:1",
        "X-APPLE-TRAVEL-ADVISORY-BEHAVIOR:AUTOMATIC",
        "SUMMARY:Coffee with Linus",
        "LAST-MODIFIED:20261001T120000Z",
        f"DTSTART{dtstart}",
        "CREATED:20261001T115900Z",
        "RRULE:FREQ=MONTHLY;BYDAY=1MO",
        "END:VEVENT",
        "END:VCALENDAR",
    )


# --- the three calendars ------------------------------------------------------------------


def test_google_fortnightly_in_utc(zone):
    invite = read_invite(GOOGLE, now=NOW, source="google.ics")
    # 3 Sep + 12 weeks: Thu 26 Nov, after the clocks went back, 15:00 GMT.
    assert invite.next_checkin == datetime(2026, 11, 26, 15, 0, tzinfo=timezone.utc)
    assert invite.next_checkin.utcoffset() == timedelta(0)
    assert invite.cadence == "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH"
    assert invite.cancelled is False
    assert invite.summary == "Mentoring: Ada / me"


def test_google_is_given_in_local_time(zone):
    zone("America/New_York")
    invite = read_invite(GOOGLE, now=NOW, source="google.ics")
    assert invite.next_checkin.replace(tzinfo=None) == datetime(2026, 11, 26, 10, 0)
    assert invite.next_checkin.utcoffset() == timedelta(hours=-5)


def test_cadence_keeps_the_series_weekday_in_its_own_zone(zone):
    # 15:00 Thursday in London is 00:00 Friday in Tokyo. The cadence says the series' own
    # Thursday, and the slot keeps London's zone, so the check-in after this one is again a
    # Friday midnight in Tokyo (SPEC §2: occurrences are projected in the invitation's zone).
    from mentorlog.core import cadences

    zone("Asia/Tokyo")
    invite = read_invite(GOOGLE, now=NOW, source="google.ics")
    assert invite.next_checkin.replace(tzinfo=None) == datetime(2026, 11, 27, 0, 0)
    assert invite.cadence == "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH"
    assert cadences.zone_key(invite.slot) == "Europe/London"
    after = cadences.next_after_meeting(invite.cadence, invite.slot, invite.next_checkin)
    assert after.replace(tzinfo=None) == datetime(2026, 12, 11, 0, 0)


def test_google_with_lf_line_ends(zone):
    invite = read_invite(GOOGLE.replace(b"\r\n", b"\n"), now=NOW, source="google.ics")
    assert invite.next_checkin == datetime(2026, 11, 26, 15, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize("tzid", ["GMT Standard Time", "Customized Time Zone"])
def test_outlook_windows_zone_from_its_vtimezone(zone, tzid):
    invite = read_invite(outlook(tzid), now=NOW, source="outlook.ics")
    # Tuesdays 14:00 London time; today's (Tue 24 Nov 14:00) is still ahead of 10:00 UTC.
    assert invite.next_checkin == datetime(2026, 11, 24, 14, 0, tzinfo=timezone.utc)
    assert invite.cadence == "FREQ=WEEKLY;BYDAY=TU"
    assert invite.summary == "Catch-up with Grace"


def test_outlook_exdate_skips_an_occurrence(zone):
    later = NOW + timedelta(days=1)
    invite = read_invite(outlook("GMT Standard Time"), now=later, source="outlook.ics")
    assert invite.next_checkin == datetime(2026, 12, 8, 14, 0, tzinfo=timezone.utc)


def test_outlook_windows_name_without_vtimezone_still_resolves(zone):
    invite = read_invite(outlook("GMT Standard Time", with_zone=False), now=NOW, source="o.ics")
    assert invite.next_checkin == datetime(2026, 11, 24, 14, 0, tzinfo=timezone.utc)


def test_unknown_zone_without_vtimezone_is_refused(zone):
    # A name no other test defines: icalendar keeps a VTIMEZONE it has seen for the process.
    message = refused(outlook("Nowhere Standard Time", with_zone=False))
    assert "'Nowhere Standard Time'" in message
    assert "VTIMEZONE" in message


def test_outlook_until_ends_the_series(zone):
    after_until = datetime(2027, 7, 1, tzinfo=timezone.utc)
    with pytest.raises(InviteError, match=r"no check-in after Thu 1 Jul 2027"):
        read_invite(outlook("GMT Standard Time"), now=after_until, source="o.ics")
    last = datetime(2027, 6, 28, tzinfo=timezone.utc)  # UNTIL is 29 Jun 14:00 UTC = 15:00 BST
    assert read_invite(outlook("GMT Standard Time"), now=last, source="o.ics").next_checkin == datetime(
        2027, 6, 29, 13, 0, tzinfo=timezone.utc
    )


def test_apple_floating_time_is_local(zone):
    zone("America/New_York")
    invite = read_invite(apple(":20261005T093000"), now=NOW, source="apple.ics")
    assert invite.next_checkin.replace(tzinfo=None) == datetime(2026, 12, 7, 9, 30)
    assert invite.next_checkin.utcoffset() == timedelta(hours=-5)
    assert invite.cadence == "FREQ=MONTHLY;BYDAY=+1MO"
    assert invite.summary == "Coffee with Linus"


def test_apple_utc_time(zone):
    zone("Europe/Berlin")
    invite = read_invite(apple(":20261005T093000Z"), now=NOW, source="apple.ics")
    assert invite.next_checkin == datetime(2026, 12, 7, 9, 30, tzinfo=timezone.utc)
    assert invite.next_checkin.utcoffset() == timedelta(hours=1)
    assert invite.cadence == "FREQ=MONTHLY;BYDAY=+1MO"


# --- cadences that map ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rrule", "cadence"),
    [
        ("FREQ=WEEKLY", "FREQ=WEEKLY"),
        ("FREQ=WEEKLY;INTERVAL=1;BYDAY=TH", "FREQ=WEEKLY;BYDAY=TH"),
        ("FREQ=WEEKLY;INTERVAL=3;WKST=SU", "FREQ=WEEKLY;INTERVAL=3"),
        ("FREQ=MONTHLY", "FREQ=MONTHLY"),
        ("FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=3", "FREQ=MONTHLY;INTERVAL=2"),
        ("FREQ=MONTHLY;BYDAY=-1TH", "FREQ=MONTHLY;BYDAY=-1TH"),
        ("FREQ=MONTHLY;BYDAY=TH;BYSETPOS=1", "FREQ=MONTHLY;BYDAY=+1TH"),
        ("FREQ=DAILY;INTERVAL=10", "FREQ=DAILY;INTERVAL=10"),
        ("FREQ=DAILY;COUNT=500", "FREQ=DAILY"),
    ],
)
def test_expressible_rules(zone, rrule, cadence):
    # DTSTART Thu 3 Dec 2026 09:00 UTC: the first Thursday of its month.
    invite = read_invite(calendar("DTSTART:20261203T090000Z", f"RRULE:{rrule}"), now=NOW, source="x")
    assert invite.cadence == cadence


def test_single_event_without_rule(zone):
    invite = read_invite(calendar("DTSTART:20261203T090000Z", "SUMMARY:Once"), now=NOW, source="x")
    assert invite.next_checkin == datetime(2026, 12, 3, 9, 0, tzinfo=timezone.utc)
    assert invite.cadence is None


def test_monthly_on_the_31st_skips_short_months(zone):
    data = calendar("DTSTART:20261031T090000Z", "RRULE:FREQ=MONTHLY")
    invite = read_invite(data, now=NOW, source="x")
    assert invite.next_checkin == datetime(2026, 12, 31, 9, 0, tzinfo=timezone.utc)
    assert invite.cadence == "FREQ=MONTHLY"


def test_master_event_is_picked_and_moved_instances_count(zone):
    master = ["UID:s@test", "DTSTART:20261105T150000Z", "RRULE:FREQ=WEEKLY;BYDAY=TH", "SUMMARY:Series"]
    moved = ["UID:s@test", "RECURRENCE-ID:20261126T150000Z", "DTSTART:20261127T160000Z", "SUMMARY:Moved"]
    data = ics(
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "BEGIN:VEVENT",
        *moved,
        "END:VEVENT",
        "BEGIN:VEVENT",
        *master,
        "END:VEVENT",
        "END:VCALENDAR",
    )
    invite = read_invite(data, now=NOW, source="x")
    assert invite.summary == "Series"
    assert invite.next_checkin == datetime(2026, 11, 27, 16, 0, tzinfo=timezone.utc)
    cancelled = data.replace(b"SUMMARY:Moved", b"STATUS:CANCELLED")
    invite = read_invite(cancelled, now=NOW, source="x")
    assert invite.next_checkin == datetime(2026, 12, 3, 15, 0, tzinfo=timezone.utc)


def test_all_day_exdate_and_utc_until_with_floating_start(zone):
    zone("Europe/Paris")
    data = calendar(
        "DTSTART:20261105T150000",
        "RRULE:FREQ=WEEKLY;UNTIL=20261203T140000Z",
        "EXDATE;VALUE=DATE:20261126",
    )
    invite = read_invite(data, now=NOW, source="x")
    # 26 Nov is skipped; 3 Dec 15:00 Paris is 14:00 UTC, exactly UNTIL, which is inclusive.
    assert invite.next_checkin == datetime(2026, 12, 3, 14, 0, tzinfo=timezone.utc)


# --- cancelled -----------------------------------------------------------------------------


def test_status_cancelled_keeps_the_cadence(zone):
    data = GOOGLE.replace(b"STATUS:CONFIRMED", b"STATUS:CANCELLED")
    invite = read_invite(data, now=NOW, source="google.ics")
    assert invite.cancelled is True
    assert invite.next_checkin is None
    assert invite.cadence == "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH"


def test_method_cancel(zone):
    data = calendar("DTSTART:20261203T090000Z", "RRULE:FREQ=MONTHLY;BYDAY=1TH", method="CANCEL")
    invite = read_invite(data, now=NOW, source="x")
    assert (invite.cancelled, invite.next_checkin, invite.cadence) == (True, None, "FREQ=MONTHLY;BYDAY=+1TH")


def test_cancelled_single_event_in_the_past_is_fine(zone):
    data = calendar("DTSTART:20260101T090000Z", "STATUS:CANCELLED")
    invite = read_invite(data, now=NOW, source="x")
    assert (invite.cancelled, invite.next_checkin, invite.cadence) == (True, None, None)


# --- refusals ------------------------------------------------------------------------------


def test_count_exhausted(zone):
    message = refused(calendar("DTSTART:20260903T150000Z", "RRULE:FREQ=WEEKLY;COUNT=3"))
    assert message == "invite.ics: has no check-in after Tue 24 Nov 2026."


def test_an_occurrence_at_now_is_not_next(zone):
    data = calendar("DTSTART:20261124T100000Z", "RRULE:FREQ=WEEKLY")
    assert read_invite(data, now=NOW, source="x").next_checkin == NOW + timedelta(weeks=1)


def test_past_single_event(zone):
    assert "no check-in after Tue 24 Nov 2026" in refused(calendar("DTSTART:20261124T095959Z"))


@pytest.mark.parametrize(
    ("rrule", "says"),
    [
        ("FREQ=YEARLY;INTERVAL=3", "repeats every 3 years, which a cadence cannot express"),
        ("FREQ=YEARLY", "repeats every year"),
        ("FREQ=HOURLY", "every hour"),
        ("FREQ=DAILY;BYHOUR=9,17", "with BYHOUR=9,17"),
        ("FREQ=WEEKLY;BYDAY=MO,TH", "several days (MO, TH)"),
        ("FREQ=DAILY;BYDAY=MO", "every day on MO"),
        ("FREQ=MONTHLY;BYMONTHDAY=1,15", "days 1, 15 of the month"),
        ("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", "several days"),
        ("FREQ=MONTHLY;BYDAY=TH;BYSETPOS=1,3", "BYSETPOS=1,3"),
        ("FREQ=MONTHLY;BYDAY=5TH", "number 5 Thursday"),
        ("FREQ=MONTHLY;BYDAY=TH", "every Thursday of the month"),
        ("FREQ=MONTHLY;INTERVAL=2;BYDAY=1TH", "every 2 months on the first Thursday"),
        ("FREQ=WEEKLY;INTERVAL=400", "every 400 weeks"),
    ],
)
def test_rules_a_cadence_cannot_express(zone, rrule, says):
    message = refused(calendar("DTSTART:20261203T090000Z", f"RRULE:{rrule}"))
    assert says in message
    assert "(weekly, every N weeks/months, first–fourth/last WEEKDAY monthly)" in message


def test_inexpressible_rule_is_refused_even_when_cancelled(zone):
    data = calendar("DTSTART:20261203T090000Z", "RRULE:FREQ=YEARLY", "STATUS:CANCELLED")
    assert "every year" in refused(data)


def test_monthly_weekday_that_shifts_in_local_time_is_projected_in_its_zone(zone):
    # The first Thursday 20:00 UTC is a Friday morning in Tokyo. The slot keeps UTC, so the
    # cadence stays "the first Thursday" of the series and each check-in is the Friday after
    # it in Tokyo (before the zone was kept, this had to be refused).
    from mentorlog.core import cadences

    zone("Asia/Tokyo")
    invite = read_invite(
        calendar("DTSTART:20261203T200000Z", "RRULE:FREQ=MONTHLY;BYDAY=1TH"), now=NOW, source="x"
    )
    assert invite.cadence == "FREQ=MONTHLY;BYDAY=+1TH"
    assert invite.next_checkin.replace(tzinfo=None) == datetime(2026, 12, 4, 5, 0)
    assert cadences.zone_key(invite.slot) == "UTC"
    after = cadences.next_after_meeting(invite.cadence, invite.slot, invite.next_checkin)
    assert after.replace(tzinfo=None) == datetime(2027, 1, 8, 5, 0)  # Thu 7 Jan 20:00 UTC


def test_all_day_event(zone):
    message = refused(calendar("DTSTART;VALUE=DATE:20261203", "DTEND;VALUE=DATE:20261204"))
    assert "all-day event on Thu 3 Dec 2026" in message


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"", "is empty"),
        (b"  \r\n", "is empty"),
        (b"this is not a calendar at all", "not a valid iCalendar file"),
        (b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20261203T090000Z\r\n", "not a valid iCalendar"),
        (ics("BEGIN:VEVENT", "DTSTART:20261203T090000Z", "END:VEVENT"), "not a calendar"),
        (ics("BEGIN:VCALENDAR", "BEGIN:VTODO", "SUMMARY:x", "END:VTODO", "END:VCALENDAR"), "no event"),
        (calendar("SUMMARY:no start"), "no start time (DTSTART)"),
        (calendar("DTSTART:next tuesday"), "start time that cannot be read (next tuesday)"),
        (calendar("DTSTART:20261203T090000Z", "RRULE:FREQ=WEEKLY;BYDAY=XX"), "repeat rule that cannot"),
        (calendar("DTSTART:20261203T090000Z", "RRULE:INTERVAL=2"), "without a frequency"),
    ],
)
def test_malformed(zone, data, says):
    assert says in refused(data)


def test_not_utf8(zone):
    latin = "SUMMARY:Café\r\nPRODID:".encode("cp1252")
    data = calendar("DTSTART:20261203T090000Z").replace(b"PRODID:", latin)
    assert "not UTF-8" in refused(data)


def test_utf8_with_bom(zone):
    data = b"\xef\xbb\xbf" + calendar("DTSTART:20261203T090000Z", "SUMMARY:Café ☕")
    assert read_invite(data, now=NOW, source="x").summary == "Café ☕"


# --- the ics export ------------------------------------------------------------------------

TRICKY = 'Ada, "the Countess"; of Lovelace\nsecond line [bold]x[/] \\ end'


def checkin(**changes) -> dict:
    row = {
        "uuid": "0b6f2a8e-1111-4c3b-9d2e-5a6b7c8d9e0f",
        "name": TRICKY,
        "handle": "ada",
        "next_checkin": datetime(2026, 11, 26, 15, 0, tzinfo=timezone.utc),
        "cadence": "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH",
        "minutes": 45,
    }
    return row | changes


def todo(**changes) -> dict:
    row = {"uuid": "7c1d", "text": TRICKY, "due": date(2026, 12, 1), "mentor": "Grace Hopper"}
    return row | changes


def test_export_parses_back(zone):
    from icalendar import Calendar

    out = to_ics([checkin()], [todo(), todo(uuid="7c1e", mentor=None)], now=NOW)
    assert isinstance(out, bytes)
    cal = Calendar.from_ical(out)
    assert str(cal["PRODID"]) == PRODID
    assert str(cal["VERSION"]) == "2.0"
    [event] = cal.walk("VEVENT")
    assert str(event["UID"]) == "0b6f2a8e-1111-4c3b-9d2e-5a6b7c8d9e0f@mentorlog"
    assert str(event["SUMMARY"]) == f"Check-in with {TRICKY}"
    assert event["DTSTART"].dt == checkin()["next_checkin"]
    assert event["DTEND"].dt - event["DTSTART"].dt == timedelta(minutes=45)
    assert event["DTSTAMP"].dt == NOW
    assert event["RRULE"].to_ical() == b"FREQ=WEEKLY;INTERVAL=2;BYDAY=TH"
    first, second = cal.walk("VTODO")
    assert str(first["UID"]) == "7c1d@mentorlog"
    assert str(first["SUMMARY"]) == TRICKY
    assert first["DUE"].dt == date(2026, 12, 1)
    assert not isinstance(first["DUE"].dt, datetime)
    assert str(first["STATUS"]) == "NEEDS-ACTION"
    assert str(first["DESCRIPTION"]) == "For Grace Hopper"
    assert "DESCRIPTION" not in second
    # Every line is folded to at most 75 octets, as RFC 5545 asks.
    assert all(len(line) <= 75 for line in out.split(b"\r\n"))


def test_export_defaults_to_30_minutes_and_no_rule(zone):
    from icalendar import Calendar

    out = to_ics([checkin(minutes=None, cadence=None)], [], now=NOW)
    [event] = Calendar.from_ical(out).walk("VEVENT")
    assert event["DTEND"].dt - event["DTSTART"].dt == timedelta(minutes=30)
    assert "RRULE" not in event
    assert Calendar.from_ical(to_ics([], [], now=NOW)).walk("VEVENT") == []


@pytest.mark.parametrize(
    ("tz", "cadence", "start"),
    [
        ("UTC", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH", datetime(2026, 11, 26, 15, 0)),
        ("Europe/London", "FREQ=WEEKLY;BYDAY=TH", datetime(2026, 10, 15, 15, 0)),  # BST, before DST ends
        ("America/New_York", "FREQ=MONTHLY;BYDAY=-1FR", datetime(2026, 11, 27, 9, 30)),
        ("Asia/Tokyo", "FREQ=MONTHLY", datetime(2026, 12, 1, 8, 0)),
        ("XYZ-3", "FREQ=DAILY;INTERVAL=3", datetime(2026, 11, 25, 8, 0)),  # a POSIX rule: UTC file
    ],
)
def test_export_round_trips_through_read_invite(zone, tz, cadence, start):
    zone(tz)
    at = start.astimezone()
    now = datetime(2026, 10, 1, 12, 0, tzinfo=timezone.utc)
    out = to_ics([checkin(next_checkin=at, cadence=cadence)], [todo()], now=now)
    invite = read_invite(out, now=now, source="export.ics")
    assert invite.next_checkin == at
    assert invite.next_checkin.utcoffset() == at.utcoffset()
    assert invite.cadence == cadence
    assert invite.summary == f"Check-in with {TRICKY}"


def test_export_keeps_wall_clock_across_dst(zone):
    # Weekly 15:00 London from October: after the clocks go back the calendar app (and
    # read_invite) must still see 15:00 local, which needs the zone by name, not UTC.
    zone("Europe/London")
    at = datetime(2026, 10, 15, 15, 0).astimezone()
    out = to_ics([checkin(next_checkin=at, cadence="FREQ=WEEKLY;BYDAY=TH")], [], now=NOW)
    assert b"TZID=Europe/London" in out
    assert b"BEGIN:VTIMEZONE" in out
    invite = read_invite(out, now=NOW, source="export.ics")
    assert invite.next_checkin.replace(tzinfo=None) == datetime(2026, 11, 26, 15, 0)
    assert invite.next_checkin.utcoffset() == timedelta(0)


def test_icalendar_and_dateutil_are_imported_only_when_used():
    code = (
        "import sys, mentorlog.formats.invites, mentorlog.formats.ics; "
        "print(sorted(m for m in ('icalendar', 'dateutil') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_recurrence_ids_in_utc_match_a_zoned_series(zone):
    # khal's and Thunderbird's shape: RECURRENCE-ID written in UTC for a series in Berlin time;
    # the moved 24 Nov check-in is past at 10:00 UTC, the 1 Dec one is cancelled.
    data = ics(
        "BEGIN:VCALENDAR", "VERSION:2.0",
        "BEGIN:VEVENT", "UID:k", "SUMMARY:Mentoring", "RRULE:FREQ=WEEKLY",
        "DTSTART;TZID=Europe/Berlin:20261020T070000", "END:VEVENT",
        "BEGIN:VEVENT", "UID:k", "RECURRENCE-ID:20261124T060000Z",
        "DTSTART;TZID=Europe/Berlin:20261124T090000", "END:VEVENT",
        "BEGIN:VEVENT", "UID:k", "RECURRENCE-ID:20261201T060000Z",
        "DTSTART;TZID=Europe/Berlin:20261201T070000", "STATUS:CANCELLED", "END:VEVENT",
        "END:VCALENDAR",
    )  # fmt: skip
    invite = read_invite(data, now=NOW, source="x")
    assert invite.next_checkin == datetime(2026, 12, 8, 6, 0, tzinfo=timezone.utc)
    assert invite.cadence == "FREQ=WEEKLY"
    assert invite.slot.isoformat() == "2026-12-08T07:00:00+01:00"
    early = read_invite(data, now=datetime(2026, 11, 24, 7, 0, tzinfo=timezone.utc), source="x")
    assert early.next_checkin == datetime(2026, 11, 24, 8, 0, tzinfo=timezone.utc)  # the moved one
