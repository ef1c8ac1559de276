"""``mentor edit MENTOR --from-invite FILE.ics`` through the CLI, with the invitations of
test_invites.py (shaped as Google Calendar, Outlook and Apple Calendar export them): the next
check-in and the slot from the first future occurrence, the cadence from the RRULE; a cancelled
event clears the next check-in; a refusal changes nothing. Now is Tue 24 Nov 2026 10:00 UTC.
"""

from __future__ import annotations

import json
import time

import pytest

from helpers import snapshot
from test_invites import GOOGLE, apple, calendar, outlook


@pytest.fixture(autouse=True)
def utc(monkeypatch):
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def invite(tmp_path):
    def write(data: bytes, name: str = "invite.ics") -> str:
        path = tmp_path / name
        path.write_bytes(data)
        return str(path)

    return write


@pytest.fixture
def ada(cli):
    cli("mentor", "add", "Ada Lovelace", "--every", "weekly")


def shown(cli) -> dict:
    return json.loads(cli("mentor", "show", "ada", "--json").stdout)


def test_google(cli, ada, invite):
    path = invite(GOOGLE, "google.ics")
    out = cli("mentor", "edit", "ada", "--from-invite", path).stdout
    assert out == (
        "Updated mentor ada (Ada Lovelace; formal, every 2 weeks on Thursday, next check-in "
        f"Thu 26 Nov 2026 15:00) from {path} (Mentoring: Ada / me).\n"
    )
    m = shown(cli)
    assert (m["rrule"], m["next_checkin"], m["slot"]) == (
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH",
        "2026-11-26T15:00:00+00:00",
        "2026-11-26T15:00",
    )


def test_outlook(cli, ada, invite):
    cli("mentor", "edit", "ada", "--from-invite", invite(outlook("GMT Standard Time"), "outlook.ics"))
    m = shown(cli)
    assert (m["cadence"], m["next_checkin"], m["slot"]) == (
        "every week on Tuesday",
        "2026-11-24T14:00:00+00:00",
        "2026-11-24T14:00",
    )


def test_apple_floating_time_is_local(cli, ada, invite):
    out = cli("mentor", "edit", "ada", "--from-invite", invite(apple(":20261005T093000"), "apple.ics")).stdout
    assert "the first Monday of every month, next check-in Mon 7 Dec 2026 09:30" in out
    assert shown(cli)["slot"] == "2026-12-07T09:30"


def test_the_slot_from_an_invitation_keeps_the_schedule(cli, ada, invite, monkeypatch):
    cli("mentor", "edit", "ada", "--from-invite", invite(GOOGLE))
    monkeypatch.setenv("MENTORLOG_NOW", "2026-11-26T17:10:00")
    assert "Next check-in: Thu 10 Dec 2026 15:00." in cli("log", "ada", "--notes", "held late").stdout


def test_cancelled_clears_the_next_check_in_and_keeps_the_cadence(cli, ada, invite):
    cli("mentor", "edit", "ada", "--next", "thu 3pm")
    path = invite(GOOGLE.replace(b"STATUS:CONFIRMED", b"STATUS:CANCELLED"))
    out = cli("mentor", "edit", "ada", "--from-invite", path).stdout
    assert out.startswith(f"The invitation {path} is cancelled: cleared the next check-in of ada")
    m = shown(cli)
    assert (m["next_checkin"], m["rrule"], m["slot"]) == (None, "FREQ=WEEKLY", "2026-11-26T15:00")


def test_method_cancel(cli, ada, invite):
    cli("mentor", "edit", "ada", "--next", "thu 3pm")
    data = calendar("DTSTART:20261203T090000Z", "RRULE:FREQ=MONTHLY;BYDAY=1TH", method="CANCEL")
    assert "is cancelled" in cli("mentor", "edit", "ada", "--from-invite", invite(data)).stdout
    assert shown(cli)["next_checkin"] is None


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (
            calendar("DTSTART:20260903T150000Z", "RRULE:FREQ=WEEKLY;COUNT=3"),
            "has no check-in after Tue 24 Nov",
        ),
        (calendar("DTSTART:20261124T095959Z"), "has no check-in after Tue 24 Nov"),
        (calendar("DTSTART:20261203T090000Z", "RRULE:FREQ=YEARLY"), "which a cadence cannot express"),
        (calendar("DTSTART:20261203T090000Z", "RRULE:FREQ=WEEKLY;BYDAY=MO,TH"), "several days"),
        (b"this is not a calendar at all", "is not a valid iCalendar file"),
        (b"", "is empty"),
        (calendar("DTSTART;VALUE=DATE:20261203"), "all-day event"),
    ],
)
def test_refusals_change_nothing(cli, ada, invite, db_path, data, says):
    cli("mentor", "edit", "ada", "--next", "thu 3pm")
    before = snapshot(db_path)
    path = invite(data)
    result = cli("mentor", "edit", "ada", "--from-invite", path, "--org", "Platform", code=1)
    assert result.stderr.startswith(f"mentorlog: {path}: ")
    assert says in result.stderr
    assert snapshot(db_path) == before


def test_a_missing_file_is_a_clear_error(cli, ada, db_path, tmp_path):
    before = snapshot(db_path)
    result = cli("mentor", "edit", "ada", "--from-invite", str(tmp_path / "nope.ics"), code=1)
    assert f"--from-invite: there is no file {tmp_path / 'nope.ics'}." in result.stderr
    result = cli("mentor", "edit", "ada", "--from-invite", str(tmp_path), code=2)
    assert "is a folder" in result.stderr
    assert snapshot(db_path) == before


def test_from_invite_goes_without_every_and_next(cli, ada, invite, db_path):
    before = snapshot(db_path)
    result = cli("mentor", "edit", "ada", "--from-invite", invite(GOOGLE), "--every", "weekly", code=2)
    assert "without --every and --next" in result.stderr
    assert snapshot(db_path) == before
