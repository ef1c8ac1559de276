"""The dump reads tables, columns and references from the schema itself."""

from __future__ import annotations

import sqlite3

from mentorlog.journal.store import dump
from mentorlog.journal.store.db import open_journal


def test_dump_orders_parents_first_and_references_by_uuid(cli, ada, db_path):
    cli("goal", "add", "Lead a project", "--mentor", "ada")
    cli("log", "ada", "--notes", "n", "--todo", "Draft (due fri)", "--advice", "Write first")
    cli("todo", "edit", "1", "--goal", "1")
    with open_journal(db_path, write=False) as conn:
        order = [t.name for t in dump.tables(conn)]
        data = dump.dump(conn)
    assert order.index("mentors") < order.index("meetings") < order.index("todos")
    assert order.index("goals") < order.index("todos") and order.index("advice") < order.index("applications")
    assert {"mentors", "meetings", "todos", "advice", "applications", "topics", "thanks", "goals"} <= set(
        order
    )
    assert not any(name.endswith("_fts") or name.startswith("_") for name in order)
    ada_uuid = next(m["uuid"] for m in data["mentors"] if m["handle"] == "ada")
    [todo] = data["todos"]
    assert todo["mentor"] == ada_uuid and todo["goal"] == data["goals"][0]["uuid"]
    assert todo["meeting"] == data["meetings"][0]["uuid"] and todo["id"] == 1  # its own id travels (SPEC §1)
    assert todo["text"] == "Draft" and todo["due"] == "2026-11-27"


def test_a_new_column_is_dumped_without_a_change_to_the_dump(cli, db_path):
    cli("todo", "add", "x")
    conn = sqlite3.connect(db_path)
    conn.execute("ALTER TABLE todos ADD COLUMN colour TEXT DEFAULT 'blue'")
    conn.commit()
    conn.close()
    with open_journal(db_path, write=False) as conn:
        [todo] = dump.dump(conn)["todos"]
    assert todo["colour"] == "blue"
