"""Invitations in the shapes real calendars write them (the files in tests/data/, written for
these tests after the public fixtures of python-icalendar, recurring-ical-events, icalevents,
ical.js and khal): Google, Exchange/Teams, Outlook, Thunderbird, Nextcloud, iCloud, Fastmail, a
CalDAV server and iTIP cancellations. Each is read as a user does, ``mentor edit ada
--from-invite FILE``, and each test checks the next check-in, the cadence and the slot, then
logs the first check-in and checks the one after it. Now is Tue 24 Nov 2026 10:00.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from helpers import snapshot

DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def zone(monkeypatch):
    """The process time zone (UTC unless a test says otherwise), tzset both ways."""

    def set_zone(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        time.tzset()

    set_zone("UTC")
    yield set_zone
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def ada(cli):
    cli("mentor", "add", "Ada Lovelace")
    return "ada"


def from_invite(cli, name: str, code: int = 0):
    return cli("mentor", "edit", "ada", "--from-invite", str(DATA / name), code=code)


def shown(cli) -> dict:
    return json.loads(cli("mentor", "show", "ada", "--json").stdout)


def schedule(cli) -> tuple:
    m = shown(cli)
    return m["cadence"], m["next_checkin"], m["slot"], m["slot_zone"]


def log_at(cli, monkeypatch, when: str, now: str) -> str:
    """Log the check-in held at ``when`` (local), with the clock at ``now``; the next check-in."""
    monkeypatch.setenv("MENTORLOG_NOW", now)
    cli("log", "ada", "--on", when, "--notes", "Held.")
    return shown(cli)["next_checkin"]


def test_google_moved_instance_keeps_the_series_weekday_and_time(cli, ada, monkeypatch):
    # Tuesdays 14:00 London; the 24 Nov meeting moved to Monday 30 Nov 10:00.
    from_invite(cli, "google_moved_instance.ics")
    assert schedule(cli) == (
        "every week on Tuesday",
        "2026-11-30T10:00:00+00:00",
        "2026-12-01T14:00",
        "Europe/London",
    )
    # The Monday meeting stood in for 24 Nov: the next one is the series' Tuesday 1 Dec.
    assert log_at(cli, monkeypatch, "2026-11-30 10:00", "2026-11-30T11:00:00") == "2026-12-01T14:00:00+00:00"


def test_exchange_monthly_moved_time_keeps_the_series_time(cli, ada, monkeypatch):
    # The first Thursday 13:00 Berlin (Windows zone name, Exchange's VTIMEZONE); December's moved
    # to 10:30. The slot stays 13:00, so January is 13:00 again.
    out = from_invite(cli, "exchange_monthly_moved_time.ics").stdout
    assert "(Mentoring with Grace)" in out
    assert schedule(cli) == (
        "the first Thursday of every month",
        "2026-12-03T09:30:00+00:00",
        "2027-01-07T13:00",
        "Europe/Berlin",
    )
    assert log_at(cli, monkeypatch, "2026-12-03 09:30", "2026-12-03T11:00:00") == "2027-01-07T12:00:00+00:00"


def test_thunderbird_rdate_is_the_next_check_in_not_the_slot(cli, ada, monkeypatch):
    # Thursdays 15:00 Berlin, and an extra meeting (RDATE) on Wednesday 25 Nov 09:00.
    from_invite(cli, "thunderbird_rdate.ics")
    assert schedule(cli) == (
        "every week on Thursday",
        "2026-11-25T08:00:00+00:00",
        "2026-11-26T15:00",
        "Europe/Berlin",
    )
    # The extra meeting took nothing away: Thursday's still follows.
    assert log_at(cli, monkeypatch, "2026-11-25 08:00", "2026-11-25T09:00:00") == "2026-11-26T14:00:00+00:00"


def test_nextcloud_monthly_weekday_with_an_rdate_on_another_day(cli, ada, monkeypatch):
    # Used to be refused ("... in its own time zone, which is a Wednesday here"): the weekday
    # was taken from the RDATE. It comes from the series now.
    from_invite(cli, "nextcloud_monthly_rdate.ics")
    assert schedule(cli) == (
        "the first Monday of every month",
        "2026-11-25T08:30:00+00:00",
        "2026-12-07T09:30",
        "Europe/Berlin",
    )
    assert log_at(cli, monkeypatch, "2026-11-25 08:30", "2026-11-25T09:00:00") == "2026-12-07T08:30:00+00:00"


def test_outlook_exdates_skip_both_meetings(cli, ada, monkeypatch):
    from_invite(cli, "outlook_exdates.ics")
    assert schedule(cli) == (
        "every week on Tuesday",
        "2026-12-08T14:00:00+00:00",
        "2026-12-08T14:00",
        "Europe/London",
    )
    assert log_at(cli, monkeypatch, "2026-12-08 14:00", "2026-12-08T15:00:00") == "2026-12-15T14:00:00+00:00"


def test_google_cancelled_occurrence_skips_it_not_the_series(cli, ada, monkeypatch):
    out = from_invite(cli, "google_cancelled_occurrence.ics").stdout
    assert "is cancelled" not in out
    assert schedule(cli) == (
        "every week on Tuesday",
        "2026-12-01T14:00:00+00:00",
        "2026-12-01T14:00",
        "Europe/London",
    )
    assert log_at(cli, monkeypatch, "2026-12-01 14:00", "2026-12-01T15:00:00") == "2026-12-08T14:00:00+00:00"


def test_exchange_cancel_of_one_occurrence_moves_to_the_next(cli, ada, monkeypatch):
    # The series first (Tuesdays 14:00), then Exchange's iTIP CANCEL of today's meeting alone.
    cli("mentor", "edit", "ada", "--every", "weekly on tuesday", "--next", "2026-11-24 14:00")
    out = from_invite(cli, "exchange_cancel_one_occurrence.ics").stdout
    assert "cancels the check-in of Tue 24 Nov 2026 14:00" in out
    assert schedule(cli) == ("every week on Tuesday", "2026-12-01T14:00:00+00:00", "2026-11-24T14:00", None)
    assert log_at(cli, monkeypatch, "2026-12-01 14:00", "2026-12-01T15:00:00") == "2026-12-08T14:00:00+00:00"


def test_cancel_of_an_occurrence_that_is_not_the_next_changes_nothing(cli, ada, db_path):
    cli("mentor", "edit", "ada", "--every", "weekly on tuesday", "--next", "2026-12-01 14:00")
    before = snapshot(db_path)
    result = from_invite(cli, "exchange_cancel_one_occurrence.ics", code=1)
    assert "which is not the next check-in of Ada Lovelace (Tue 1 Dec 2026 14:00)" in result.stderr
    assert snapshot(db_path) == before


def test_itip_cancel_without_dtstart_clears_the_next_check_in(cli, ada, monkeypatch):
    cli("mentor", "edit", "ada", "--every", "weekly on tuesday", "--next", "2026-11-24 14:00")
    out = from_invite(cli, "itip_cancel_without_dtstart.ics").stdout
    assert "is cancelled: cleared the next check-in" in out
    assert schedule(cli) == ("every week on Tuesday", None, "2026-11-24T14:00", None)
    # With no next check-in planned, logging a meeting plans the cadence's next one again.
    assert log_at(cli, monkeypatch, "2026-11-24 14:00", "2026-11-24T15:00:00") == "2026-12-01T14:00:00+00:00"


def test_icloud_5328_offset_is_read_as_its_zone(cli, ada, monkeypatch):
    # Berlin's VTIMEZONE starts with the offset +00:53:28 written "+5328", which icalendar
    # cannot read; the tz database knows Europe/Berlin, so the invitation is still read.
    out = from_invite(cli, "icloud_berlin_5328.ics").stdout
    assert "(Mentoring with Margaret)" in out
    assert schedule(cli) == ("every week", "2026-11-26T14:00:00+00:00", "2026-11-26T15:00", "Europe/Berlin")
    assert log_at(cli, monkeypatch, "2026-11-26 14:00", "2026-11-26T15:00:00") == "2026-12-03T14:00:00+00:00"


def test_unreadable_zone_the_tz_database_does_not_know_is_refused(cli, ada, db_path, tmp_path):
    data = (DATA / "icloud_berlin_5328.ics").read_text().replace("Europe/Berlin", "Apple/Nowhere")
    path = tmp_path / "nowhere.ics"
    path.write_text(data)
    before = snapshot(db_path)
    result = cli("mentor", "edit", "ada", "--from-invite", str(path), code=1)
    assert "defines the time zone 'Apple/Nowhere' in a way that cannot be read" in result.stderr
    assert snapshot(db_path) == before


def test_fastmail_sydney_seen_from_berlin_is_right_all_year(cli, ada, monkeypatch, zone):
    # Thursdays 09:00 Sydney, the RRULE written twice. Sydney's DST ends on 4 Apr 2027 and
    # Berlin's starts on 28 Mar: a slot kept as Berlin wall-clock time would be an hour off.
    zone("Europe/Berlin")
    out = from_invite(cli, "fastmail_sydney.ics").stdout
    assert "(Mentoring with Sam (Sydney))" in out
    assert schedule(cli) == (
        "every week on Thursday",
        "2026-11-25T23:00:00+01:00",  # Thu 09:00 AEDT (+11) is Wed 23:00 in Berlin
        "2026-11-26T09:00",
        "Australia/Sydney",
    )
    assert log_at(cli, monkeypatch, "2026-11-25 23:00", "2026-11-25T23:30:00") == "2026-12-02T23:00:00+01:00"
    # Thu 1 Apr 09:00 AEDT is Thu 00:00 CEST; after Sydney's change, Thu 8 Apr 09:00 AEST is
    # Thu 01:00 CEST.
    assert log_at(cli, monkeypatch, "2027-04-01 00:00", "2027-04-01T01:00:00") == "2027-04-08T01:00:00+02:00"


def test_caldav_thisandfuture_moves_the_series(cli, ada, monkeypatch):
    # From 24 Nov on, the Tuesday 14:00 series is on Thursdays at 16:00.
    from_invite(cli, "caldav_thisandfuture.ics")
    assert schedule(cli) == (
        "every week on Thursday",
        "2026-11-26T16:00:00+00:00",
        "2026-11-26T16:00",
        "Europe/London",
    )
    assert log_at(cli, monkeypatch, "2026-11-26 16:00", "2026-11-26T17:00:00") == "2026-12-03T16:00:00+00:00"


def test_a_whole_calendar_is_refused_with_its_count(cli, ada, db_path):
    before = snapshot(db_path)
    result = from_invite(cli, "google_whole_calendar.ics", code=1)
    assert "holds 12 different events (a whole calendar?)" in result.stderr
    assert "Export the one meeting" in result.stderr
    assert snapshot(db_path) == before


def test_a_start_in_the_year_9999_is_refused_cleanly(cli, ada, db_path, tmp_path):
    data = (DATA / "google_moved_instance.ics").read_bytes().replace(b"20260901T14", b"99991231T14")
    path = tmp_path / "far.ics"
    path.write_bytes(data)
    before = snapshot(db_path)
    result = cli("mentor", "edit", "ada", "--from-invite", str(path), code=1)
    assert "starts in the year 9999, out of range" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert snapshot(db_path) == before


def test_the_slot_zone_survives_export_and_import(cli, ada, tmp_path, monkeypatch):
    from_invite(cli, "fastmail_sydney.ics")
    out = tmp_path / "all.json"
    cli("export", "-o", str(out))
    monkeypatch.setenv("MENTORLOG_DB", str(tmp_path / "other.db"))
    cli("import", str(out))
    assert shown(cli)["slot_zone"] == "Australia/Sydney"


def test_ics_export_keeps_the_invitations_zone(cli, ada, zone):
    # The cadence says Thursday in Sydney; the exported event must start in Sydney's zone, or a
    # calendar would repeat it on Thursdays of Berlin time. Read back, it is the same series.
    from datetime import datetime, timezone

    from icalendar import Calendar

    from mentorlog.formats.invites import read_invite

    zone("Europe/Berlin")
    from_invite(cli, "fastmail_sydney.ics")
    data = cli("export", "--format", "ics").stdout_bytes
    event = Calendar.from_ical(data).walk("VEVENT")[0]
    assert event["DTSTART"].params["TZID"] == "Australia/Sydney"
    assert event["DTSTART"].dt.replace(tzinfo=None) == datetime(2026, 11, 26, 9, 0)
    again = read_invite(data, now=datetime(2026, 11, 24, 10, 0, tzinfo=timezone.utc), source="x")
    assert again.cadence == "FREQ=WEEKLY;BYDAY=TH"
    assert again.next_checkin.isoformat() == "2026-11-25T23:00:00+01:00"
