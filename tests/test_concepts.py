"""The registry of concepts is the one list: every table with a uuid has an entry, a concept
added in a test reaches history/undo, search, export, import, doctor and completion with no
other file edited, and both a blank journal and one of the first released schema migrate."""

from __future__ import annotations

import csv
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from helpers import snapshot
from mentorlog.journal import concepts
from mentorlog.journal.store.db import open_journal
from mentorlog.journal.store.migrations import MIGRATIONS, SCHEMA_VERSION

FIRST_SCHEMA = Path(__file__).parent / "data" / "journal-schema-1.db"


def uuid_tables(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return {n for n in names if "uuid" in [c[1] for c in conn.execute(f"PRAGMA table_info({n})")]}


def test_every_table_with_a_uuid_is_a_concept(cli, ada, db_path):
    assert uuid_tables(db_path) == {c.table for c in concepts.CONCEPTS}


def copy_first_schema(db_path: Path) -> None:
    shutil.copy(FIRST_SCHEMA, db_path)
    db_path.chmod(0o600)  # a journal is private; a checkout leaves the fixture 0644


def test_the_first_released_schema_migrates_and_keeps_its_rows(cli, db_path):
    copy_first_schema(db_path)
    before = snapshot(db_path)
    out = json.loads(cli("mentor", "show", "ada", "--json").stdout)
    assert out["slot"] == "2026-06-11T15:00"  # m004 derived it from the planned check-in
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    for table in ("mentors", "meetings", "todos", "advice", "applications", "topics", "thanks", "goals"):
        assert len(conn.execute(f"SELECT * FROM {table}").fetchall()) == len(before[table])
    assert [h["kind"] for h in json.loads(cli("search", "caches", "--json").stdout)] == ["meeting"]
    cli("doctor")  # exit 0: the derived index and triggers are whole
    cli("todo", "done", "1")
    assert "done todo 1" in cli("history").stdout  # the derived history triggers are there


@pytest.fixture
def colours(monkeypatch):
    """A concept that exists only in this test: a table made by a migration of its own, and one
    registry entry. Nothing else is edited."""

    def m999_colours(db):
        db.executescript(
            """
            CREATE TABLE colours (
                id INTEGER PRIMARY KEY AUTOINCREMENT, uuid TEXT NOT NULL UNIQUE,
                created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
                mentor_id INTEGER REFERENCES mentors(id), text TEXT NOT NULL, on_date TEXT NOT NULL
            );
            """
        )

    concept = concepts.register(
        concepts.Concept(
            "colour",
            "colours",
            search=concepts.Search(("text",), "t.on_date", instant=False),
            dated_by="on_date",
            section="Colours",
        )
    )
    migrations = [*MIGRATIONS, m999_colours]
    import mentorlog.journal.store.db as db_module
    import mentorlog.journal.store.migrations as migrations_module

    monkeypatch.setattr(migrations_module, "MIGRATIONS", migrations)
    monkeypatch.setattr(migrations_module, "SCHEMA_VERSION", len(migrations))
    monkeypatch.setattr(db_module, "SCHEMA_VERSION", len(migrations), raising=False)
    yield concept
    concepts.unregister(concept)


def add_colour(path: Path, text: str) -> None:
    """A row written as a concept module would: inside a recorded change."""
    with open_journal(path, write=True, command="colour add") as conn:
        conn.execute(
            "INSERT INTO colours (uuid, created_at, updated_at, mentor_id, text, on_date)"
            " VALUES (lower(hex(randomblob(16))), '2026-11-24T10:00:00+00:00', '2026-11-24T10:00:00+00:00',"
            " 1, ?, '2026-11-24')",
            (text,),
        )


@pytest.mark.parametrize("start", ["blank", "first schema"])
def test_a_concept_added_in_a_test_reaches_everything(cli, db_path, tmp_path, monkeypatch, colours, start):
    if start == "first schema":
        copy_first_schema(db_path)
    else:
        cli("mentor", "add", "Ada Lovelace")
    cli("mentor", "list")  # migrates, then rebuilds the derived state from the registry
    add_colour(db_path, "Cerulean blue")
    # history and undo
    assert "added colour 1" in cli("history").stdout
    before_undo = snapshot(db_path)["colours"]
    assert len(before_undo) == 1
    cli("undo", "--yes")
    assert snapshot(db_path)["colours"] == []
    add_colour(db_path, "Cerulean blue")
    # search
    hits = json.loads(cli("search", "cerulean", "--json").stdout)
    assert [(h["kind"], h["mentor"]) for h in hits] == [("colour", "ada")]
    # export: json, markdown, csv
    out = tmp_path / "export.json"
    cli("export", "-o", str(out))
    assert [c["text"] for c in json.loads(out.read_text())["colours"]] == ["Cerulean blue"]
    assert "Cerulean blue" in cli("export", "--format", "markdown").stdout
    folder = tmp_path / "csv"
    cli("export", "--format", "csv", "-o", f"{folder}/")
    with open(folder / "colours.csv", newline="") as f:
        assert [r["text"] for r in csv.DictReader(f)] == ["Cerulean blue"]
    # a mentor's delete counts and removes it; undo brings it back
    assert "1 colour" in cli("mentor", "delete", "ada", "--yes").stdout
    cli("undo", "--yes")
    # import into another journal
    monkeypatch.setenv("MENTORLOG_DB", str(tmp_path / "other.db"))
    cli("import", str(out))
    assert [h["kind"] for h in json.loads(cli("search", "cerulean", "--json").stdout)] == ["colour"]
    # doctor checks its index and history triggers
    conn = sqlite3.connect(tmp_path / "other.db")
    conn.execute("DROP TRIGGER history_colours_update")
    conn.commit()
    assert "colours" in cli("doctor", code=1).stdout
    # completion of its ids
    from mentorlog.cli.complete import complete_ids

    class Ctx:
        def find_root(self):
            return type("Root", (), {"params": {"db": None}})()

    # the import kept the row's id (2: the first one was undone), as SPEC §1 asks
    assert complete_ids("colour")(Ctx(), "") == [("2", "Cerulean blue")]


def test_migrations_name_their_own_tables_and_never_call_live_code():
    """A shipped migration means the same thing for ever: it imports nothing of mentorlog's."""
    import ast
    import inspect
    import textwrap

    import mentorlog.journal.store.migrations as migrations

    def imports(tree) -> list[str]:
        return [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)] + [
            a.name for node in ast.walk(tree) if isinstance(node, ast.Import) for a in node.names
        ]

    # The module that holds them imports nothing of mentorlog's either, so no name of today's
    # code is within a migration's reach, and every migration shipped is one of its own.
    module = ast.parse(inspect.getsource(migrations))
    assert not [m for m in imports(module) if m.startswith("mentorlog")]
    assert [m.__module__ for m in migrations.MIGRATIONS] == [migrations.__name__] * len(migrations.MIGRATIONS)
    for migration in migrations.MIGRATIONS:
        tree = ast.parse(textwrap.dedent(inspect.getsource(migration)))
        assert not [m for m in imports(tree) if m.startswith("mentorlog")], migration.__name__
        called = {
            n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
        }
        assert not called & set(dir(migrations)) - {"datetime"}, f"{migration.__name__} calls {called}"
