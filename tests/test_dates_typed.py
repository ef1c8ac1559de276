"""Dates and cadences as a person types them, through the commands (SPEC §3; issue 21): the
grammar itself is tested as pure functions in test_dates.py."""

from __future__ import annotations

import json

import pytest

from helpers import snapshot


def test_a_bare_time_after_midnight_logs_yesterday_evening(cli, ada, monkeypatch):
    monkeypatch.setenv("MENTORLOG_NOW", "2026-11-25T00:30:00")
    out = cli("log", "ada", "--on", "6pm", "--notes", "Late talk").stdout
    assert out.startswith("Logged meeting 1 with Ada Lovelace on Tue 24 Nov 2026 18:00")  # echoed
    # a day given with the time is that day: still later than now, and refused
    result = cli("log", "ada", "--on", "today 6pm", "--notes", "x", code=2)
    assert "later than now" in result.stderr


def test_a_bare_time_for_the_future_stays_today(cli, ada, monkeypatch):
    monkeypatch.setenv("MENTORLOG_NOW", "2026-11-25T00:30:00")
    out = cli("todo", "add", "Call back", "--due", "6pm").stdout
    assert "Wed 25 Nov 2026" in out


def test_a_numeric_date_is_refused_with_the_date_meant_in_iso(cli, ada, db_path):
    before = snapshot(db_path)
    result = cli("log", "ada", "--on", "13/08/2026", "--notes", "x", code=2)
    assert "'13/08/2026'" in result.stderr and "did you mean 2026-08-13?" in result.stderr
    result = cli("todo", "add", "x", "--due", "03/04/2027", code=2)
    assert "did you mean 2027-04-03 or 2027-03-04?" in result.stderr
    assert snapshot(db_path) == before


def test_next_week_and_in_a_week(cli):
    assert "due Mon 30 Nov 2026" in cli("todo", "add", "Plan", "--due", "next week").stdout
    assert "due Tue 1 Dec 2026" in cli("todo", "add", "Send", "--due", "in a week").stdout
    out = cli("mentor", "add", "Ada Lovelace", "--next", "next week 3pm").stdout
    assert "next check-in Mon 30 Nov 2026 15:00" in out


def test_cadence_shorthands_and_bi_weekly(cli):
    for n, (every, words) in enumerate(
        [
            ("2w", "every 2 weeks"),
            ("10d", "every 10 days"),
            ("bi-weekly", "every 2 weeks"),
            ("bi weekly", "every 2 weeks"),
        ]
    ):
        cli("mentor", "add", f"Mentor {n}", "--handle", f"m{n}", "--every", every)
        assert json.loads(cli("mentor", "show", f"m{n}", "--json").stdout)["cadence"] == words
    assert "--every" in cli("mentor", "add", "Bad One", "--every", "w", code=2).stderr


def _one_of_each(cli):
    cli("log", "ada", "--on", "2026-11-24 09:00", "--notes", "x", "--todo", "Draft the RFC")
    cli("advice", "add", "ada", "Write it down first")
    cli("advice", "apply", "1", "Wrote it down")
    cli("thanks", "add", "ada", "for the intro")
    cli("feedback", "add", "ada", "Clear slides")
    cli("offer", "add", "ada", "An intro to the SRE lead")
    cli("skill", "add", "Estimation")
    cli("note", "ada", "Seemed busy")
    cli("update", "ada", "Shipped it")


# Every --on records something that already happened (SPEC §2: log's "may not be later than
# now"); each refuses a later day as log does, with the same words and exit code.
@pytest.mark.parametrize(
    "args",
    [
        ("log", "ada", "--on", "tomorrow", "--notes", "x"),
        ("meeting", "edit", "1", "--on", "tomorrow"),
        ("thanks", "add", "ada", "for the SRE intro", "--on", "tomorrow"),
        ("thanks", "edit", "1", "--on", "tomorrow"),
        ("feedback", "add", "ada", "Good pacing", "--on", "in 3 days"),
        ("feedback", "edit", "1", "--on", "in 3 days"),
        ("advice", "add", "ada", "Ask why", "--on", "tomorrow"),
        ("advice", "edit", "1", "--on", "tomorrow"),
        ("advice", "apply", "1", "Tried it", "--on", "tomorrow"),
        ("advice", "application", "edit", "1", "--on", "tomorrow"),
        ("todo", "done", "1", "--on", "next week"),
        ("skill", "rate", "1", "4", "--on", "in 2 days"),
        ("offer", "add", "ada", "A review", "--on", "tomorrow"),
        ("offer", "done", "1", "--on", "tomorrow"),
        ("offer", "decline", "1", "--on", "tomorrow"),
        ("offer", "edit", "1", "--on", "tomorrow"),
        ("note", "ada", "Later", "--on", "tomorrow"),
        ("note", "edit", "1", "--on", "tomorrow"),
        ("update", "ada", "Soon", "--on", "tomorrow"),
        ("mentor", "end", "ada", "--on", "tomorrow", "--no-closing"),
    ],
    ids=lambda args: " ".join(args[:3]),
)
def test_every_past_event_on_refuses_a_later_day(cli, ada, made_once, db_path, monkeypatch, args):
    made_once(_one_of_each)
    monkeypatch.setenv("MENTORLOG_NOW", "2026-11-25T10:00:00")
    before = snapshot(db_path)
    result = cli(*args, code=2)
    first = result.stderr.splitlines()[0]
    assert first.startswith("mentorlog: --on: ") and " is later than now; " in first, result.stderr
    assert snapshot(db_path) == before


def test_an_on_up_to_now_is_taken(cli, ada, monkeypatch):
    monkeypatch.setenv("MENTORLOG_NOW", "2026-11-25T10:00:00")
    assert "on Wed 25 Nov 2026" in cli("thanks", "add", "ada", "for the intro", "--on", "today").stdout
    assert cli("todo", "add", "Book it").exit_code == 0
    assert cli("todo", "done", "1", "--on", "9am").exit_code == 0
