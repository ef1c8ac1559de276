"""`advice add|list|show|apply|park|unpark` and the derived status."""

from __future__ import annotations

import json

from helpers import snapshot


def advice(cli, *args):
    return json.loads(cli("advice", "list", "--json", *args).stdout)


def test_add_apply_show(cli, ada):
    out = cli(
        "advice", "add", "ada", "Write the decision first", "--tag", "Writing", "--tag", "meetings"
    ).stdout
    assert out.startswith("Added advice 1 from ada, given Tue 24 Nov 2026")
    [a] = advice(cli)
    assert a["status"] == "untried" and a["tags"] == ["meetings", "writing"] and a["applications"] == 0
    for key in ("id", "text", "mentor", "status", "given_on", "applications", "last_applied", "tags"):
        assert key in a
    cli(
        "advice",
        "apply",
        "1",
        "Wrote an ADR",
        "--outcome",
        "worked",
        "--reflect",
        "Faster",
        "--on",
        "yesterday",
    )
    cli("advice", "apply", "1", "Again", "--outcome", "mixed")
    shown = json.loads(cli("advice", "show", "1", "--json").stdout)
    assert shown["status"] == "applied" and shown["last_applied"] == "2026-11-24"
    assert [(x["on"], x["what"], x["outcome"]) for x in shown["applications"]] == [
        ("2026-11-23", "Wrote an ADR", "worked"),
        ("2026-11-24", "Again", "mixed"),
    ]
    assert set(shown["applications"][0]) == {"id", "uuid", "advice", "on", "what", "outcome", "reflection"}
    text = cli("advice", "show", "1").stdout
    assert "Wrote an ADR → worked" in text and "Faster" in text


def test_filters(cli, ada):
    cli("advice", "add", "ada", "one", "--tag", "x")
    cli("advice", "add", "grace", "two")
    cli("advice", "add", "ada", "three")
    cli("advice", "apply", "1", "did it")
    cli("advice", "park", "3", "--until", "in 2 weeks", "--why", "after the launch")
    assert [a["text"] for a in advice(cli, "--untried")] == ["two"]
    assert [a["text"] for a in advice(cli, "--applied")] == ["one"]
    assert [(a["text"], a["parked_until"]) for a in advice(cli, "--parked")] == [("three", "2026-12-08")]
    assert [a["text"] for a in advice(cli, "--mentor", "grace")] == ["two"]
    assert [a["text"] for a in advice(cli, "--tag", "X")] == ["one"]
    cli("advice", "unpark", "3")
    assert [a["text"] for a in advice(cli, "--untried")] == ["two", "three"]
    assert "not parked" in cli("advice", "unpark", "3", code=2).stderr


def test_park_defaults_to_30_days(cli, ada):
    cli("advice", "add", "ada", "later")
    assert "until Thu 24 Dec 2026" in cli("advice", "park", "1").stdout


def test_bad_inputs_change_nothing(cli, ada, db_path):
    cli("advice", "add", "ada", "one")
    before = snapshot(db_path)
    assert "'great'" in cli("advice", "apply", "1", "x", "--outcome", "great", code=2).stderr
    assert "no advice 9" in cli("advice", "apply", "9", "x", code=1).stderr
    assert "--on" in cli("advice", "apply", "1", "x", "--on", "03/04", code=2).stderr
    assert "no advice 9" in cli("advice", "show", "9", code=1).stderr
    assert "no meeting 4" in cli("advice", "add", "ada", "x", "--meeting", "4", code=1).stderr
    assert "--until" in cli("advice", "park", "1", "--until", "never", code=2).stderr
    assert "Choose one" in cli("advice", "list", "--untried", "--parked", code=2).stderr
    assert snapshot(db_path) == before


def test_advice_from_a_meeting_is_dated_by_that_meeting(cli, ada):
    cli("log", "ada", "--on", "2026-10-22 15:00", "--notes", "talked about visibility")
    out = cli("advice", "add", "ada", "Keep a brag document", "--meeting", "1").stdout
    assert out.startswith("Added advice 1 from ada, given Thu 22 Oct 2026")
    assert advice(cli)[0]["given_on"] == "2026-10-22"
    review = cli("review", "ada").stdout
    assert "Keep a brag document" in review and "0 days" not in review
    # --on still wins over the meeting's day
    cli("advice", "add", "ada", "Ask for feedback", "--meeting", "1", "--on", "2026-10-23")
    assert advice(cli)[1]["given_on"] == "2026-10-23"


def test_park_until_a_past_day_is_refused(cli, ada, db_path):
    cli("advice", "add", "ada", "one")
    before = snapshot(db_path)
    for until in ("last friday", "2026-11-01", "today"):
        err = cli("advice", "park", "1", "--until", until, code=2).stderr
        assert "--until" in err and "not after today" in err
    assert "Fri 20 Nov 2026" in cli("advice", "park", "1", "--until", "last friday", code=2).stderr
    assert snapshot(db_path) == before
    assert "until Wed 25 Nov 2026" in cli("advice", "park", "1", "--until", "tomorrow").stdout


def test_parking_again_without_why_keeps_the_reason(cli, ada):
    cli("advice", "add", "ada", "one")
    cli("advice", "park", "1", "--until", "in 2 weeks", "--why", "after the launch")
    cli("advice", "park", "1", "--until", "in 3 weeks")
    shown = cli("advice", "show", "1").stdout
    assert "parked until Tue 15 Dec 2026 after the launch" in shown
    cli("advice", "park", "1", "--why", "after the holidays")
    assert "after the holidays" in cli("advice", "show", "1").stdout
