"""Ids that agree across machines (SPEC §1): import keeps a row's id where it is free and says
when it had to renumber one; a uuid prefix works wherever an id does; ``--json`` has the uuid."""

from __future__ import annotations

import json
import sqlite3

import pytest


@pytest.fixture
def two_todos(made_once, cli, ada):
    made_once(_two_todos)
    return "ada"


def _two_todos(cli):
    cli("todo", "add", "Draft the RFC", "--mentor", "ada")
    cli("todo", "add", "Book a room")
    cli("todo", "delete", "1", "--yes")  # a gap: todo 2 is the only one left
    cli("todo", "add", "Read the paper")  # todo 3


def test_export_import_into_an_empty_journal_keeps_every_id(cli, two_todos, tmp_path):
    path = tmp_path / "export.json"
    path.write_text(cli("export").stdout)
    other = ["--db", str(tmp_path / "other.db")]
    out = cli(*other, "import", str(path)).stdout
    assert "here" not in out  # nothing renumbered
    ids = lambda *db: [(t["id"], t["text"]) for t in json.loads(cli(*db, "todo", "list", "--json").stdout)]  # noqa: E731
    assert ids(*other) == ids() == [(2, "Book a room"), (3, "Read the paper")]
    cli(*other, "todo", "done", "3")
    assert json.loads(cli(*other, "todo", "list", "--done", "--json").stdout)[0]["text"] == "Read the paper"


def test_a_taken_id_renumbers_the_arriving_row_and_says_so(cli, two_todos, tmp_path):
    path = tmp_path / "export.json"
    path.write_text(cli("export").stdout)
    other = ["--db", str(tmp_path / "other.db")]
    cli(*other, "todo", "add", "Mine on the other machine")
    cli(*other, "todo", "add", "Also mine")
    cli(*other, "todo", "add", "And mine")  # ids 1-3 taken here
    out = cli(*other, "import", str(path)).stdout
    assert "todo 2 from the file is todo 4 here" in out
    assert "todo 3 from the file is todo 5 here" in out
    data = json.loads(cli(*other, "import", str(path), "--json").stdout)
    assert data["renumbered"] == []  # a second import renumbers nothing: the rows are there


def uuid_of(cli, todo_id: int) -> str:
    return next(t["uuid"] for t in json.loads(cli("todo", "list", "--json").stdout) if t["id"] == todo_id)


def test_a_uuid_prefix_works_wherever_an_id_does(cli, two_todos):
    prefix = a_prefix(uuid_of(cli, 3), 8)
    cli("todo", "edit", prefix, "--text", "Read two papers")
    cli("todo", "done", prefix.upper())
    done = json.loads(cli("todo", "list", "--done", "--json").stdout)
    assert [(t["id"], t["text"]) for t in done] == [(3, "Read two papers")]
    goal = cli("goal", "add", "Lead a project").stdout
    assert "goal 1" in goal.lower()
    with sqlite3.connect(cli_db(cli)) as conn:
        goal_uuid = conn.execute("SELECT uuid FROM goals").fetchone()[0]
    cli("todo", "add", "Serve it", "--goal", a_prefix(goal_uuid, 6))
    assert json.loads(cli("todo", "list", "--json").stdout)[-1]["goal"] is not None


def a_prefix(uuid: str, length: int) -> str:
    """The first ``length`` characters of ``uuid``, or more while they are all digits (which
    are read as an id): a random uuid starts with eight digits about once in forty."""
    while uuid[:length].replace("-", "").isdigit():
        length += 1
    return uuid[:length]


def cli_db(cli) -> str:
    import os

    return os.environ["MENTORLOG_DB"]


def test_an_ambiguous_or_unknown_prefix_is_an_error_naming_the_candidates(cli, two_todos, db_path):
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE todos SET uuid = 'abcdef01-0000-4000-8000-000000000002' WHERE id = 2")
        conn.execute("UPDATE todos SET uuid = 'abcdef02-0000-4000-8000-000000000003' WHERE id = 3")
    result = cli("todo", "done", "abcdef", code=2)
    assert "ambiguous" in result.stderr and "todo 2" in result.stderr and "todo 3" in result.stderr
    cli("todo", "done", "abcdef02")
    result = cli("todo", "done", "fedcba99", code=1)
    assert "There is no todo whose uuid starts with fedcba99" in result.stderr
    assert "is not an id" in cli("todo", "done", "abc", code=2).stderr  # too short to be a uuid


@pytest.mark.parametrize(
    "command",
    [
        ["mentor", "list"],
        ["todo", "list"],
        ["advice", "list"],
        ["topic", "list"],
        ["thanks", "list"],
        ["goal", "list"],
        ["meeting", "list"],
        ["search", "t"],
    ],
)
def test_every_row_of_every_list_has_its_uuid(cli, ada, command):
    cli(
        "log",
        "ada",
        "--on",
        "2026-11-20 15:00",
        "--notes",
        "n",
        "--todo",
        "t",
        "--advice",
        "a",
        "--thanks",
        "ty",
    )
    cli("topic", "add", "ada", "Q?")
    cli("goal", "add", "G")
    rows = json.loads(cli(*command, "--json").stdout)
    assert rows and all(len(r["uuid"]) == 36 for r in rows)
