"""`todo add|list|done|drop|reopen|edit`."""

from __future__ import annotations

import json

from helpers import snapshot


def todos(cli, *args):
    return json.loads(cli("todo", "list", "--json", *args).stdout)


def test_add_with_inline_due_echoes_resolved_date(cli, ada):
    out = cli("todo", "add", "Draft the RFC (due fri)", "-m", "ada").stdout
    assert out == "Added todo 1: Draft the RFC (due Fri 27 Nov 2026, for ada).\n"
    [t] = todos(cli)
    assert t["due"] == "2026-11-27" and t["mentor"] == "ada" and t["text"] == "Draft the RFC"
    for key in ("id", "text", "status", "due", "mentor", "meeting", "goal", "done_on", "created_at"):
        assert key in t


def test_open_order_overdue_first_then_due_then_oldest(cli):
    cli("todo", "add", "no due A")
    cli("todo", "add", "due later", "--due", "in 10 days")
    cli("todo", "add", "overdue", "--due", "2026-11-20")
    cli("todo", "add", "due soon", "--due", "tomorrow")
    cli("todo", "add", "no due B")
    assert [t["text"] for t in todos(cli)] == ["overdue", "due soon", "due later", "no due A", "no due B"]
    assert [t["text"] for t in todos(cli, "--overdue")] == ["overdue"]
    assert "overdue by 4 days" in cli("todo", "list").stdout


def test_done_drop_reopen(cli):
    for text in ("a", "b", "c"):
        cli("todo", "add", text)
    assert "Done todo 1: a on Tue 24 Nov 2026." in cli("todo", "done", "1", "2").stdout
    cli("todo", "drop", "3", "--why", "not needed")
    assert [t["id"] for t in todos(cli, "--done")] == [2, 1]  # newest done first, then by id
    assert todos(cli, "--dropped")[0]["note"] == "not needed"
    assert todos(cli) == []
    cli("todo", "reopen", "1")
    assert [t["id"] for t in todos(cli)] == [1]
    assert len(todos(cli, "--all")) == 3


def test_done_with_unknown_id_changes_nothing(cli, db_path):
    cli("todo", "add", "a")
    before = snapshot(db_path)
    result = cli("todo", "done", "1", "99", code=1)
    assert "no todo 99" in result.stderr
    assert snapshot(db_path) == before


def test_done_twice_is_an_error(cli):
    cli("todo", "add", "a")
    cli("todo", "done", "1", "--on", "yesterday")
    assert todos(cli, "--done")[0]["done_on"] == "2026-11-23"
    assert "already done" in cli("todo", "done", "1", code=2).stderr


def test_bad_due_date(cli, db_path):
    cli("todo", "add", "a")
    before = snapshot(db_path)
    result = cli("todo", "add", "b", "--due", "03/04/2026", code=2)
    assert "ambiguous" in result.stderr and "ISO" in result.stderr
    result = cli("todo", "add", "c (due whenever)", code=2)
    assert "'whenever'" in result.stderr
    assert snapshot(db_path) == before


def test_non_integer_id_is_usage_error(cli):
    cli("todo", "add", "a")
    result = cli("todo", "done", "one", code=2)
    assert "one" in result.stderr and "Traceback" not in result.output


def test_edit(cli, ada):
    cli("goal", "add", "Ship it")
    cli("todo", "add", "a", "--due", "fri")
    cli("todo", "edit", "1", "--text", "b", "--due", "none", "--mentor", "grace", "--goal", "1")
    [t] = todos(cli)
    assert (t["text"], t["due"], t["mentor"], t["goal"]) == ("b", None, "grace", 1)
    assert "no goal 7" in cli("todo", "edit", "1", "--goal", "7", code=1).stderr
    assert "Nothing to change" in cli("todo", "edit", "1", code=2).stderr
    assert "no todo 5" in cli("todo", "edit", "5", "--text", "x", code=1).stderr
