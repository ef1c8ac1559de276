"""The check-in rhythm (issue 11): a mentor's slot keeps the schedule, only the latest meeting
moves the next check-in, ``log`` records what happened (not what is planned), and "since the
last meeting" counts the same evening.

Each of the first six tests is one bullet of the issue, tried as a new user would, with the
clock pinned (``MENTORLOG_NOW``) at each step.
"""

from __future__ import annotations

import json

import pytest

from helpers import snapshot


@pytest.fixture
def at(monkeypatch):
    def set_now(when: str) -> None:
        monkeypatch.setenv("MENTORLOG_NOW", when)

    return set_now


def next_checkin(cli, handle: str = "ada") -> str | None:
    found = {m["handle"]: m for m in json.loads(cli("mentor", "list", "--all", "--json").stdout)}
    return found[handle]["next_checkin"]


# --- the first list ----------------------------------------------------------------


def test_a_backfilled_meeting_keeps_the_planned_check_in(cli, at):
    cli("mentor", "add", "Ada L", "--every", "2 weeks", "--next", "2026-11-26 15:00")
    out = cli("log", "ada", "--on", "2026-10-01 15:00", "--notes", "forgot this one").stdout
    assert out.startswith("Logged meeting 1 with Ada L on Thu 1 Oct 2026 15:00.")
    assert "Next check-in: Thu 26 Nov 2026 15:00." in out
    assert cli("remind").stdout == "Check-in with Ada L in 2 days (Thu 26 Nov 2026 15:00)\n"


def test_logging_late_on_check_in_days_keeps_the_slot(cli, at):
    cli("mentor", "add", "Ada L", "--every", "2 weeks", "--next", "2026-11-26 15:00")
    for now, expected in [
        ("2026-11-26T16:20:37", "Thu 10 Dec 2026 15:00"),
        ("2026-12-10T17:05:12", "Thu 24 Dec 2026 15:00"),
        ("2026-12-24T18:40:59", "Thu 7 Jan 2027 15:00"),
    ]:
        at(now)
        assert f"Next check-in: {expected}." in cli("log", "ada", "--notes", "held late").stdout
    assert next_checkin(cli) == "2027-01-07T15:00:00+00:00"  # no seconds carried over


def test_on_a_bare_weekday_keeps_the_slot(cli, at):
    cli("mentor", "add", "Ada L", "--every", "2 weeks", "--next", "2026-11-26 15:00")
    at("2026-11-27T09:00:00")  # Friday; "thu" is yesterday, which without a time means noon
    out = cli("log", "ada", "--on", "thu", "--notes", "yesterday's").stdout
    assert "on Thu 26 Nov 2026 12:00" in out
    assert "Next check-in: Thu 10 Dec 2026 15:00." in out


def test_a_check_in_in_the_future_is_refused(cli, db_path):
    cli("mentor", "add", "Ada L", "--every", "2 weeks", "--next", "2026-11-26 15:00")
    before = snapshot(db_path)
    result = cli("log", "ada", "--on", "tomorrow", "--notes", "not yet", code=2)
    assert "--on: Wed 25 Nov 2026 12:00 is later than now" in result.stderr
    assert "mentorlog mentor edit ada --next tomorrow" in result.stderr
    assert snapshot(db_path) == before
    cli("log", "ada", "--on", "today 3pm", "--notes", "not yet", code=2)  # 10:00 now
    assert snapshot(db_path) == before
    assert "Logged meeting 1" in cli("log", "ada", "--on", "now", "--notes", "now is fine").stdout


def test_raising_a_topic_already_raised_elsewhere_is_refused(cli, db_path, at):
    cli("mentor", "add", "Ada L", "--every", "2 weeks")
    cli("topic", "add", "ada", "Promotion?")
    at("2026-11-10T15:30:00")
    cli("log", "ada", "--notes", "first", "--raised", "1")
    at("2026-11-24T10:00:00")
    before = snapshot(db_path)
    result = cli("log", "ada", "--notes", "second", "--raised", "1", code=2)
    assert "Topic 1 was already raised in meeting 1 (Tue 10 Nov 2026 15:30)." in result.stderr
    assert "mentorlog meeting show 1" in result.stderr
    assert snapshot(db_path) == before
    topic = json.loads(cli("topic", "list", "--all", "--json").stdout)[0]
    assert (topic["status"], topic["raised_in"]) == ("raised", 1)


def test_progress_on_a_backfilled_journal_starts_at_the_first_record(cli):
    # added today, its fortnightly meetings typed in from August on, one of them missed
    cli("mentor", "add", "Ada L", "--every", "2 weeks", "--next", "2026-11-26 15:00")
    for day in ["2026-08-06", "2026-08-20", "2026-09-03", "2026-09-17", "2026-10-15", "2026-10-29",
                "2026-11-12"]:  # fmt: skip
        cli("log", "ada", "--on", f"{day} 15:00", "--notes", "backfilled")
    p = json.loads(cli("progress", "--json").stdout)
    assert p["since"] == "2026-08-01"
    assert list(p["meetings"]["by_month"]) == ["2026-08", "2026-09", "2026-10", "2026-11"]
    # held 7 of the 8 check-ins the cadence scheduled from the first meeting (1 Oct was missed),
    # not 1 of 1 counted from the day the mentor was typed in
    assert p["cadence_kept"] == 0.875
    assert cli("progress").stdout.startswith("Progress with all mentors, Sat 1 Aug 2026 – Tue 24 Nov 2026")


def test_the_same_evening_counts_in_the_next_review(cli, at):
    cli("mentor", "add", "Ada L", "--every", "2 weeks")
    cli("advice", "add", "ada", "Write it down first")
    cli("todo", "add", "Draft the RFC", "-m", "ada")
    cli("todo", "add", "Book the room", "-m", "ada")
    cli("todo", "add", "Ticked in the meeting", "-m", "ada")
    at("2026-11-24T08:00:00")  # the morning before the check-in: reported in it
    cli("advice", "apply", "1", "Morning try")
    cli("todo", "done", "2")
    at("2026-11-24T15:40:00")
    cli("log", "ada", "--on", "15:00", "--notes", "check-in", "--done", "3")
    at("2026-11-24T20:15:00")  # the same evening: to report at the next one
    cli("advice", "apply", "1", "Evening try", "--outcome", "worked")
    cli("todo", "done", "1")
    at("2026-11-25T09:00:00")
    r = json.loads(cli("review", "ada", "--json").stdout)
    assert [b["what"] for b in r["report_back"]] == ["Evening try"]
    assert [t["text"] for t in r["todos_done"]] == ["Draft the RFC"]
    assert "Evening try" in cli("review", "ada", "--agenda").stdout


# --- the slot ------------------------------------------------------------------------------


def test_the_first_meeting_sets_the_slot_when_no_next_was_given(cli, at):
    cli("mentor", "add", "Grace Hopper", "--every", "weekly")
    out = cli("log", "grace", "--on", "2026-11-17 14:00", "--notes", "first").stdout
    assert "Next check-in: Tue 24 Nov 2026 14:00." in out
    at("2026-11-24T16:45:00")
    assert "Next check-in: Tue 1 Dec 2026 14:00." in cli("log", "grace", "--notes", "late").stdout
    grace = json.loads(cli("mentor", "show", "grace", "--json").stdout)
    assert grace["slot"] == "2026-11-17T14:00"


def test_every_explicit_next_sets_the_slot(cli, at):
    cli("mentor", "add", "Ada L", "--every", "2 weeks", "--next", "2026-11-26 15:00")
    assert json.loads(cli("mentor", "show", "ada", "--json").stdout)["slot"] == "2026-11-26T15:00"
    cli("mentor", "edit", "ada", "--next", "fri 9am")
    assert json.loads(cli("mentor", "show", "ada", "--json").stdout)["slot"] == "2026-11-27T09:00"
    at("2026-11-27T10:00:00")
    out = cli("log", "ada", "--notes", "moved to friday", "--next", "2026-12-14 11:30").stdout
    assert "Next check-in: Mon 14 Dec 2026 11:30." in out
    at("2026-12-14T12:10:00")
    assert "Next check-in: Mon 28 Dec 2026 11:30." in cli("log", "ada", "--notes", "monday").stdout


def test_clearing_the_next_check_in_keeps_the_slot(cli):
    cli("mentor", "add", "Ada L", "--every", "2 weeks", "--next", "2026-11-26 15:00")
    cli("mentor", "edit", "ada", "--next", "none")
    ada = json.loads(cli("mentor", "show", "ada", "--json").stdout)
    assert (ada["next_checkin"], ada["slot"]) == (None, "2026-11-26T15:00")


def test_logging_an_older_meeting_never_moves_the_next_check_in(cli, at):
    cli("mentor", "add", "Ada L", "--every", "2 weeks", "--next", "2026-11-12 15:00")
    at("2026-11-12T16:00:00")
    cli("log", "ada", "--notes", "the latest")
    assert next_checkin(cli) == "2026-11-26T15:00:00+00:00"
    at("2026-11-24T10:00:00")
    out = cli("log", "ada", "--on", "2026-10-29 15:00", "--notes", "an older one").stdout
    assert "Next check-in: Thu 26 Nov 2026 15:00." in out
    assert next_checkin(cli) == "2026-11-26T15:00:00+00:00"


def test_without_a_cadence_the_next_check_in_stays(cli):
    cli("mentor", "add", "Ada L", "--next", "2026-11-26 15:00")
    out = cli("log", "ada", "--on", "2026-11-20 15:00", "--notes", "ad hoc").stdout
    assert "Next check-in: Thu 26 Nov 2026 15:00." in out


def test_no_next_clears_it_and_keeps_the_slot(cli):
    cli("mentor", "add", "Ada L", "--every", "2 weeks", "--next", "2026-11-26 15:00")
    assert "No next check-in scheduled." in cli("log", "ada", "--notes", "x", "--no-next").stdout
    ada = json.loads(cli("mentor", "show", "ada", "--json").stdout)
    assert (ada["next_checkin"], ada["slot"]) == (None, "2026-11-26T15:00")


def test_a_second_meeting_on_the_same_day_is_logged_with_a_warning(cli, at):
    cli("mentor", "add", "Ada L", "--every", "2 weeks")
    at("2026-11-24T09:00:00")
    first = cli("log", "ada", "--notes", "morning")
    assert first.stderr == ""
    at("2026-11-24T17:00:00")
    second = cli("log", "ada", "--notes", "evening")
    assert second.stdout.startswith("Logged meeting 2 with Ada L on Tue 24 Nov 2026 17:00")
    assert "another meeting with Ada L on Tue 24 Nov 2026 (already logged: meeting 1)" in second.stderr
    assert "`mentorlog undo` takes it back" in second.stderr and "meeting delete" not in second.stderr
    assert len(json.loads(cli("meeting", "list", "--json").stdout)) == 2
    # another mentor the same day is no repeat
    cli("mentor", "add", "Grace Hopper")
    assert cli("log", "grace", "--notes", "hello").stderr == ""
    # the note stays one line however many there were that day
    for n in range(3, 8):
        warning = cli("log", "ada", "--notes", f"again {n}").stderr
    assert "(already logged: meetings 1, 2, 4 and 3 more)" in warning


def test_a_due_time_is_not_dropped_silently(cli):
    result = cli("todo", "add", "Send the notes", "--due", "tomorrow 9am")
    assert "due Wed 25 Nov 2026" in result.stdout
    assert result.stderr == "Note: the time is ignored: todos are due on a day (Wed 25 Nov 2026).\n"
    assert cli("todo", "add", "Plain", "--due", "tomorrow").stderr == ""
    assert "time is ignored" in cli("todo", "add", "Inline (due fri 5pm)").stderr
    assert "time is ignored" in cli("todo", "edit", "1", "--due", "fri 10:30").stderr
    cli("mentor", "add", "Ada L")
    logged = cli("log", "ada", "--notes", "x", "--todo", "Ship it (due fri 17:00)")
    assert "todo 'Ship it': the time is ignored: todos are due on a day" in logged.stderr
    assert json.loads(cli("todo", "list", "--json").stdout)[-1]["due"] == "2026-11-27"
