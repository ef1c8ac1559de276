"""History: every write command kept as one change, recorded by triggers inside SQLite.

A write command's transaction starts a change (``begin``: a ``changes`` row with the time and the
command as typed, marked *recording*). While the newest change records, the
``history_<table>_<op>`` triggers on every concept table copy each row inserted, updated or
deleted into ``change_rows`` as JSON before- and after-images — the pattern of the SQLite site's
"Automatic Undo/Redo Using SQLite". ``finish`` closes the change just before the commit and drops
one that recorded nothing (a ``review``, whose record is not a change, leaves no history); now
and then it forgets the oldest (``prune``). The triggers are state derived from the registry
(``install_triggers``), and ``check``/``mend`` are doctor's. Reading the changes back (and
forgetting them all) is ``changes``; reverting one is ``undo``. Every write command loads this
module, and only this one of the three.
"""

from __future__ import annotations

import sqlite3

from mentorlog.core import dates

# Which tables are recorded, and how, is the registry's word (``Concept.history``): "all" for
# every insert, update and delete, "deletes" for a review (not a change, SPEC §2, but deleting a
# mentor deletes theirs, and undoing that brings them back).
KEEP = 1000  # changes kept at least (SPEC §2)
PRUNE_EVERY = 64  # changes between two prunes: keeps between KEEP and KEEP + 63

# The triggers record only while the newest change is recording: rows written by a migration or
# by another program are never filed under a change the user made.
RECORDING = "(SELECT recording FROM changes ORDER BY id DESC LIMIT 1)"


def install_triggers(db) -> None:
    """(Re)create the history triggers from the tables' current columns.

    ``db`` is a sqlite-utils ``Database`` or a ``sqlite3.Connection``. The triggers are state
    derived from the registry, not part of any migration: ``schema.migrate`` rebuilds them after
    the last migration, so a new column or concept is recorded too. Rows a migration rewrites
    are not recorded: migrations run before a command starts its change, when no change is recording. Changes
    recorded before a column existed hold no value for it; undoing them leaves it as it is.
    """
    conn = getattr(db, "conn", db)
    drop_triggers(conn)
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'changes'").fetchone():
        return  # an older schema (a test's, or one being migrated) without history yet
    for table, ops in expected_triggers().items():
        columns = [r[1] for r in conn.execute(f"PRAGMA table_info({_quote(table)})")]
        if not columns:
            continue  # a concept whose table a later migration makes
        for op in ops:
            conn.execute(_trigger(table, op, columns))


def expected_triggers() -> dict[str, tuple[str, ...]]:
    """Table → the operations history records on it, from the registry (imported here: a
    write records its change without it, and loading it costs every write a millisecond)."""
    from mentorlog.journal import concepts

    return {
        c.table: ("insert", "update", "delete") if c.history == "all" else ("delete",)
        for c in concepts.CONCEPTS
        if c.history in ("all", "deletes")
    }


def drop_triggers(db) -> None:
    conn = getattr(db, "conn", db)
    names = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'history!_%' ESCAPE '!'"
        )
    ]
    for name in names:
        conn.execute(f"DROP TRIGGER {_quote(name)}")


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _image(alias: str, columns: list[str]) -> str:
    # json_object takes at most 127 arguments by default: 63 columns, far more than any table has.
    pairs = ", ".join(f"'{c.replace(chr(39), chr(39) * 2)}', {alias}.{_quote(c)}" for c in columns)
    return f"json_object({pairs})"


def _trigger(table: str, op: str, columns: list[str]) -> str:
    before = _image("OLD", columns) if op != "insert" else "NULL"
    after = _image("NEW", columns) if op != "delete" else "NULL"
    row = "OLD.id" if op == "delete" else "NEW.id"
    return f"""
        CREATE TRIGGER {_quote(f"history_{table}_{op}")} AFTER {op.upper()} ON {_quote(table)}
        WHEN {RECORDING}
        BEGIN
            INSERT INTO change_rows (change_id, table_name, row_id, op, before, after)
            VALUES ((SELECT max(id) FROM changes), '{table}', {row}, '{op}', {before}, {after});
        END
    """


# --- recording ---------------------------------------------------------------------------


def image_sql(conn: sqlite3.Connection, table: str) -> str:
    """SQL for a row of ``table`` (in a query over it) as JSON, as the triggers write it."""
    columns = [r[1] for r in conn.execute(f"PRAGMA table_info({_quote(table)})")]
    return _image(_quote(table), columns)


def image(conn: sqlite3.Connection, table: str, row_id: int) -> str | None:
    """The row as JSON, as the triggers write it (a before- or after-image)."""
    row = conn.execute(f"SELECT {image_sql(conn, table)} FROM {_quote(table)} WHERE id = ?", (row_id,))
    found = row.fetchone()
    return found[0] if found else None


def note(conn: sqlite3.Connection, table: str, row_id: int, op: str, before: str | None) -> None:
    """Record, as a trigger would, a write to a table whose triggers record only deletes
    (``concepts.deletes_only()``): an import that adds or updates reviews is a change like any
    other, and undo must find it (without this, undo reverted the import before it). Nothing is
    recorded while no change is recording."""
    after = image(conn, table, row_id) if op != "delete" else None
    conn.execute(
        "INSERT INTO change_rows (change_id, table_name, row_id, op, before, after) "
        f"SELECT (SELECT max(id) FROM changes), ?, ?, ?, ?, ? WHERE {RECORDING}",
        (table, row_id, op, before, after),
    )


def begin(conn: sqlite3.Connection, command: str) -> int:
    """Start recording a change; the caller is inside the write transaction."""
    cur = conn.execute(
        "INSERT INTO changes (at, command, recording) VALUES (?, ?, 1)", (dates.stamp(), command)
    )
    return cur.lastrowid


def finish(conn: sqlite3.Connection, change_id: int) -> None:
    """Close the change before the commit: forget it when it recorded nothing, and now and then
    forget the changes older than the newest ``KEEP``."""
    if conn.execute("SELECT 1 FROM change_rows WHERE change_id = ? LIMIT 1", (change_id,)).fetchone() is None:
        conn.execute("DELETE FROM changes WHERE id = ?", (change_id,))
        return
    conn.execute("UPDATE changes SET recording = 0 WHERE id = ?", (change_id,))
    if change_id % PRUNE_EVERY == 0:
        prune(conn)


def check(conn: sqlite3.Connection) -> list[str]:
    """What is wrong with the history, for ``doctor`` (an empty list when it is whole): a change
    left recording (a writer stopped between its rows and its commit cannot leave one, so this
    means the file was edited elsewhere), rows of an unknown table or operation, images that
    are not JSON, and missing triggers."""
    problems = []
    stuck = conn.execute("SELECT count(*) FROM changes WHERE recording = 1").fetchone()[0]
    if stuck:
        problems.append(f"{stuck} change(s) left recording")
    odd = conn.execute(f"SELECT count(*) FROM change_rows WHERE {_odd()}").fetchone()[0]
    if odd:
        problems.append(f"{odd} history row(s) that cannot be undone")
    have = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    missing = [
        t for t, ops in expected_triggers().items() if any(f"history_{t}_{op}" not in have for op in ops)
    ]
    if missing:
        problems.append(f"no history triggers on {', '.join(missing)} (or not all three)")
    return problems


def _odd() -> str:  # SQL: a history row undo cannot revert
    return (
        f"table_name NOT IN ({', '.join(repr(t) for t in expected_triggers())}) "
        "OR op NOT IN ('insert', 'update', 'delete') "
        "OR (before IS NOT NULL AND NOT json_valid(before)) OR (after IS NOT NULL AND NOT json_valid(after))"
    )


def mend(conn: sqlite3.Connection) -> None:
    """Mend what ``check`` finds, inside the caller's transaction: close a change left
    recording (it would collect every later write), forget each change holding a row that
    cannot be undone (undo would fail on it), and make missing triggers again."""
    conn.execute("UPDATE changes SET recording = 0 WHERE recording = 1")
    bad = f"SELECT DISTINCT change_id FROM change_rows WHERE {_odd()}"
    conn.execute(f"DELETE FROM changes WHERE id IN ({bad})")
    conn.execute("DELETE FROM change_rows WHERE change_id NOT IN (SELECT id FROM changes)")
    have = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if all(t in have for t in expected_triggers()):  # else the tables are doctor's first job
        install_triggers(conn)


def prune(conn: sqlite3.Connection) -> None:
    row = conn.execute("SELECT id FROM changes ORDER BY id DESC LIMIT 1 OFFSET ?", (KEEP,)).fetchone()
    if row is not None:
        conn.execute("DELETE FROM change_rows WHERE change_id <= ?", (row[0],))
        conn.execute("DELETE FROM changes WHERE id <= ?", (row[0],))
