"""`todo show` and `goal show`, and the note a todo was ticked off or dropped with, shown
wherever done and dropped todos are: `todo list --all`, `review`, `meeting show` and `report`."""

from __future__ import annotations

import json

import pytest

from helpers import snapshot


@pytest.fixture
def week(cli, ada, monkeypatch):
    """A check-in with Ada on Fri 20 Nov that filed two todos; one done with a note since, one
    dropped with a reason, and a goal that both serve."""
    monkeypatch.setenv("MENTORLOG_NOW", "2026-11-20T16:00:00")
    cli("goal", "add", "Lead a design review", "-m", "ada", "--by", "2026-12-31")
    cli("log", "ada", "--on", "2026-11-20 15:00", "--notes", "n", "--todo", "Draft the RFC (due 2026-11-27)",
        "--todo", "Book a room [bold]now[/]")  # fmt: skip
    cli("todo", "edit", "1", "--goal", "1")
    cli("todo", "edit", "2", "--goal", "1")
    cli("todo", "add", "Read the old RFCs", "--goal", "1")
    monkeypatch.setenv("MENTORLOG_NOW", "2026-11-23T09:00:00")
    cli("todo", "done", "1", "--note", "Ada's template made it quick")
    cli("todo", "drop", "2", "--why", "the meeting went remote")
    monkeypatch.setenv("MENTORLOG_NOW", "2026-11-24T10:00:00")
    return cli


def test_todo_show_has_the_note_the_meeting_and_the_goal(week):
    out = week("todo", "show", "1").stdout.splitlines()
    assert out[0] == "Todo 1: Draft the RFC"
    rows = {line.split()[0]: " ".join(line.split()[1:]) for line in out[1:]}
    assert rows["status"] == "done Mon 23 Nov 2026"
    assert rows["note"] == "Ada's template made it quick"
    assert rows["mentor"] == "ada (Ada Lovelace)"
    assert rows["meeting"] == "1, Fri 20 Nov 2026 15:00"
    assert rows["goal"] == "1: Lead a design review"
    dropped = week("todo", "show", "2").stdout.splitlines()
    assert dropped[0] == "Todo 2: Book a room [bold]now[/]"  # user text, never markup
    assert "why the meeting went remote" in [" ".join(line.split()) for line in dropped]


def test_todo_show_json_is_its_list_row_and_more(week):
    shown = json.loads(week("todo", "show", "1", "--json").stdout)
    [row] = [t for t in json.loads(week("todo", "list", "--all", "--json").stdout) if t["id"] == 1]
    assert {k: shown[k] for k in row} == row
    assert shown["note"] == "Ada's template made it quick" and shown["uuid"]
    assert shown["meeting"] == 1 and shown["meeting_held_at"] == "2026-11-20T15:00:00+00:00"
    assert shown["goal_text"] == "Lead a design review" and shown["mentor_name"] == "Ada Lovelace"


def test_goal_show_has_its_progress_and_linked_todos(week):
    out = week("goal", "show", "1").stdout
    assert out.startswith("Goal 1: Lead a design review\n")
    assert "mentor    ada (Ada Lovelace)" in out and "1/2" in out  # the dropped one does not count
    todos = out[out.index("\nTodos\n") :]
    assert todos.index("Read the old RFCs") < todos.index("Draft the RFC")  # open ones first
    assert "Draft the RFC — note: Ada's template made it quick" in todos
    assert "— why: the meeting went remote" in todos
    shown = json.loads(week("goal", "show", "1", "--json").stdout)
    [row] = json.loads(week("goal", "list", "--json").stdout)
    assert {k: shown[k] for k in row} == row
    assert shown["progress"] == {"done": 1, "total": 2} and shown["mentor_name"] == "Ada Lovelace"
    assert [t["id"] for t in shown["todos"]] == [3, 1, 2]
    assert shown["todos"][1]["note"] == "Ada's template made it quick"


def test_a_goal_with_no_todos_says_so(cli, ada):
    cli("goal", "add", "Speak at a meetup")
    assert "No todos linked to it yet." in cli("goal", "show", "1").stdout


def test_show_of_an_unknown_id_fails_and_changes_nothing(week, db_path):
    before = snapshot(db_path)
    assert "no todo 9" in week("todo", "show", "9", code=1).stderr
    assert "no goal 9" in week("goal", "show", "9", code=1).stderr
    assert "not an id" in week("todo", "show", "x", code=2).stderr
    assert snapshot(db_path) == before


def test_the_note_shows_in_todo_list_all(week):
    out = week("todo", "list", "--all").stdout
    assert "Draft the RFC — note: Ada's template made it quick" in out
    assert "Book a room [bold]now[/] — why: the meeting went remote" in out
    assert " — " not in week("todo", "list").stdout  # open todos have no note to show


def test_the_note_shows_in_review_meeting_show_and_report(week):
    review = week("review", "ada").stdout
    assert "[1] Draft the RFC (done Mon 23 Nov) — Ada's template made it quick" in review
    meeting = week("meeting", "show", "1").stdout
    assert "todo 1: Draft the RFC (done) — note: Ada's template made it quick" in meeting
    assert "todo 2: Book a room [bold]now[/] (dropped) — why: the meeting went remote" in meeting
    report = week("report", "ada").stdout
    assert "- Draft the RFC (Mon 23 Nov 2026) — Ada's template made it quick" in report
    data = json.loads(week("report", "ada", "--json").stdout)
    assert data["todos_done"] == [
        {"text": "Draft the RFC", "done_on": "2026-11-23", "note": "Ada's template made it quick"}
    ]


def test_the_show_commands_have_help_with_an_example(cli):
    assert "Example: mentorlog todo show 12" in cli("todo", "show", "--help").stdout
    assert "Example: mentorlog goal show 2" in cli("goal", "show", "--help").stdout
    assert "show" in cli("todo", "--help").stdout and "show" in cli("goal", "--help").stdout
