"""Correcting anything (SPEC §2): edit and delete for advice, applications, topics, thanks, goals,
todos, meetings and mentors; deletes ask first on a terminal; mentor references prefer the
active mentor."""

from __future__ import annotations

import json

import pytest

from helpers import snapshot


def listed(cli, *args):
    return json.loads(cli(*args, "--json").stdout)


@pytest.fixture
def terminal(monkeypatch):
    import mentorlog.cli.common

    monkeypatch.setattr(mentorlog.cli.common, "stdin_is_terminal", lambda: True)


def test_advice_edit_and_delete(cli, ada):
    cli("log", "ada", "--notes", "n", "--advice", "Write it down")
    cli("advice", "apply", "1", "Wrote it", "--outcome", "worked")
    out = cli("advice", "edit", "1", "--text", "Write it first", "--tag", "Writing", "--tag", "docs").stdout
    assert out == "Updated advice 1 from ada, given Tue 24 Nov 2026: Write it first [docs, writing]\n"
    cli("advice", "edit", "1", "--mentor", "grace", "--on", "2026-11-20", "--tag", "none")
    [a] = listed(cli, "advice", "list")
    assert (a["mentor"], a["given_on"], a["tags"], a["meeting"]) == ("grace", "2026-11-20", [], None)
    assert a["text"] == "Write it first" and a["applications"] == 1
    out = cli("advice", "delete", "1", "--yes").stdout
    assert out == "Deleted advice 1 from grace and its 1 application: Write it first\n"
    assert listed(cli, "advice", "list") == []


def test_application_edit_and_delete(cli, ada):
    cli("advice", "add", "ada", "Ask for feedback")
    cli("advice", "apply", "1", "Asked Bob", "--outcome", "worked", "--reflect", "Useful")
    out = cli(
        "advice", "application", "edit", "1", "--what", "Asked Bob and Eve", "--outcome", "mixed"
    ).stdout
    assert out == "Updated application 1 of advice 1 on Tue 24 Nov 2026: Asked Bob and Eve → mixed\n"
    cli("advice", "application", "edit", "1", "--outcome", "none", "--reflect", "", "--on", "yesterday")
    [p] = listed(cli, "advice", "show", "1")["applications"]
    assert len(p.pop("uuid")) == 36  # every row in --json carries its uuid (SPEC §4)
    assert p == {"id": 1, "advice": 1, "on": "2026-11-23", "what": "Asked Bob and Eve", "outcome": None,
                 "reflection": None}  # fmt: skip
    assert cli("advice", "application", "delete", "1", "--yes").stdout.startswith("Deleted application 1")
    assert listed(cli, "advice", "show", "1")["applications"] == []
    assert listed(cli, "advice", "list", "--untried")[0]["id"] == 1


def test_topic_edit_and_delete(cli, ada):
    cli("topic", "add", "ada", "Promotion?")
    out = cli("topic", "edit", "1", "--text", "Promotion timing?", "--kind", "concern", "--mentor", "grace")
    assert out.stdout == "Updated concern 1 for grace: Promotion timing?\n"
    cli("topic", "add", "ada", "Raised one")
    cli("log", "ada", "--notes", "n", "--raised", "2")
    err = cli("topic", "edit", "2", "--mentor", "grace", code=2).stderr
    assert "raised in meeting 1 with ada" in err
    cli("topic", "edit", "2", "--text", "Raised, renamed")  # its text can still be corrected
    cli("topic", "delete", "1", "--yes")
    assert [t["id"] for t in listed(cli, "topic", "list", "--all")] == [2]


def test_thanks_edit_and_delete(cli, ada):
    cli("thanks", "add", "ada", "For the intro")
    out = cli("thanks", "edit", "1", "--text", "For the intro to Eve", "--on", "yesterday").stdout
    assert out == "Updated thanks 1 to ada on Mon 23 Nov 2026: For the intro to Eve\n"
    [shown] = listed(cli, "thanks", "list")
    assert len(shown.pop("uuid")) == 36  # every row in --json carries its uuid (SPEC §4)
    assert shown == {"id": 1, "mentor": "ada", "text": "For the intro to Eve", "on": "2026-11-23"}
    cli("thanks", "delete", "1", "--yes")
    assert listed(cli, "thanks", "list") == []


def test_goal_edit_and_delete_keeps_todos(cli, ada):
    cli("goal", "add", "Lead a review", "--mentor", "ada", "--by", "dec 31")
    cli("todo", "add", "Pick a design", "--goal", "1")
    out = cli("goal", "edit", "1", "--text", "Lead two reviews", "--by", "2027-03-31").stdout
    assert out == "Updated goal 1 for ada: Lead two reviews (by Wed 31 Mar 2027)\n"
    cli("goal", "edit", "1", "--mentor", "none", "--by", "none")
    [g] = listed(cli, "goal", "list")
    assert (g["mentor"], g["by"], g["progress"]) == (None, None, {"done": 0, "total": 1})
    cli("goal", "edit", "1", "--mentor", "grace")
    assert listed(cli, "goal", "list")[0]["mentor"] == "grace"
    cli("goal", "delete", "1", "--yes")
    assert listed(cli, "goal", "list", "--all") == []
    [t] = listed(cli, "todo", "list")
    assert t["text"] == "Pick a design" and t["goal"] is None


def test_todo_delete(cli, ada):
    cli("todo", "add", "Oops", "--mentor", "ada")
    assert cli("todo", "delete", "1", "--yes").stdout == "Deleted todo 1: Oops (for ada).\n"
    assert listed(cli, "todo", "list", "--all") == []


def test_mentor_delete_counts_and_removes_everything(cli, ada, db_path):
    cli("log", "ada", "--notes", "n", "--todo", "A", "--todo", "B", "--advice", "X", "--ask", "Q")
    cli("advice", "apply", "1", "did")
    cli("goal", "add", "G", "--mentor", "ada")
    cli("todo", "add", "Grace's, for ada's goal", "--mentor", "grace", "--goal", "1")
    cli("review", "ada")
    out = cli("mentor", "delete", "ada", "--yes").stdout
    assert out == (
        "Deleted Ada Lovelace (ada) and 1 meeting, 2 todos, 1 advice, 1 application, 1 topic, 1 goal; "
        "`mentorlog undo` brings them back.\n"
    )
    assert [m["handle"] for m in listed(cli, "mentor", "list", "--all")] == ["grace"]
    [t] = listed(cli, "todo", "list")
    assert t["mentor"] == "grace" and t["goal"] is None  # another mentor's todo stays, unlinked
    for table in ("meetings", "advice", "applications", "topics", "reviews", "goals"):
        assert snapshot(db_path)[table] == [], table


def test_deletes_ask_on_a_terminal(cli, ada, db_path, terminal):
    cli("log", "ada", "--notes", "n", "--todo", "A")
    before = snapshot(db_path)
    result = cli("meeting", "delete", "1", input="n\n", code=1)
    assert "Delete meeting 1 with Ada Lovelace on Tue 24 Nov 2026 10:00? [y/N]" in result.stdout
    assert result.stderr == "mentorlog: Not deleted.\n" and snapshot(db_path) == before
    result = cli("mentor", "delete", "ada", input="\n", code=1)  # the default is no
    assert "Delete Ada Lovelace (ada) and 1 meeting, 1 todo? [y/N]" in result.stdout
    assert snapshot(db_path) == before
    cli("todo", "delete", "1", input="y\n")
    assert listed(cli, "todo", "list", "--all") == []


@pytest.mark.parametrize(
    "args",
    [
        ["todo", "delete", "1"],
        ["advice", "delete", "1"],
        ["advice", "application", "delete", "1"],
        ["topic", "delete", "1"],
        ["thanks", "delete", "1"],
        ["goal", "delete", "1"],
        ["meeting", "delete", "1"],
        ["mentor", "delete", "ada"],
    ],
)
def test_deletes_without_a_terminal_need_yes(cli, ada, db_path, args):
    cli("log", "ada", "--notes", "n", "--todo", "A", "--advice", "B", "--ask", "C", "--thanks", "D")
    cli("advice", "apply", "1", "did")
    cli("goal", "add", "G")
    before = snapshot(db_path)
    result = cli(*args, code=1)
    assert "--yes" in result.stderr and "nothing was changed" in result.stderr
    assert result.stdout == "" and snapshot(db_path) == before
    cli(*args, "--yes")
    assert snapshot(db_path) != before


def test_a_prefix_means_the_one_active_mentor(cli, ada):
    cli("mentor", "add", "Gregor Mendel")
    cli("mentor", "end", "gregor")
    assert cli("todo", "add", "x", "--mentor", "gr").stdout == "Added todo 1: x (for grace).\n"
    cli("mentor", "add", "Greta Thunberg")
    assert "ambiguous" in cli("todo", "add", "x", "--mentor", "gr", code=2).stderr  # two active
    cli("mentor", "end", "grace")
    cli("mentor", "end", "greta")
    assert "ambiguous" in cli("todo", "add", "x", "--mentor", "gr", code=2).stderr  # none active
    assert "for gregor" in cli("todo", "add", "x", "--mentor", "gregor").stdout  # exact handle: ended is fine
