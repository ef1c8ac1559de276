"""``undo``: the newest change not undone yet, reverted whole and set-wise in SQL.

The change's rows are netted once into ``temp.undo_net`` (per table and row: its first and last
change row); every row must still be as the change left it, else nothing is undone; then the
rows it added are deleted and the others given back their first before-image, a few statements
per table inside SQLite, whatever the size of the change. Undoing is itself not recorded:
repeated, it steps further back.
"""

from __future__ import annotations

import sqlite3

from mentorlog.core import dates
from mentorlog.core.errors import MentorlogError, Suggest
from mentorlog.journal.store.changes import Change, newest_undoable, tracked_nouns
from mentorlog.journal.store.dump import quote
from mentorlog.journal.store.schema import columns


class CannotUndo(MentorlogError):
    """The journal is not as the change left it: reverting would overwrite later work."""


def _value(image: str, column: str) -> str:
    """SQL for ``column``'s value in the JSON ``image`` (SQL NULL when the image lacks it)."""
    return f"json_extract({image}, '$.\"{column}\"')"


def _has(image: str, column: str) -> str:
    return f"json_type({image}, '$.\"{column}\"') IS NOT NULL"


def _check_unchanged(conn: sqlite3.Connection, change: Change, tables: list[str]) -> None:
    """Every row the change touched must still be as the change left it; else refuse, naming it.

    One statement per table, over the change's net rows (``temp.undo_net``): the row's last
    after-image against the row as it is (a deleted row must still be gone). Later changes
    that were undone are reverted already, so only a write that history does not hold
    (another program, a row changed by hand) can trip this.
    """
    for table in tables:
        same = " AND ".join(
            f"(NOT {_has('a.after', c)} OR {_value('a.after', c)} IS t.{quote(c)})"
            for c in columns(conn, table)
        )
        row = conn.execute(
            f"""SELECT n.row_id FROM temp.undo_net n JOIN change_rows a ON a.id = n.last_id
            LEFT JOIN {quote(table)} t ON t.id = n.row_id
            WHERE n.table_name = ? AND NOT (CASE WHEN a.op = 'delete' THEN t.id IS NULL
                ELSE t.id IS NOT NULL AND {same} END) LIMIT 1""",
            (table,),
        ).fetchone()
        if row is not None:
            one = tracked_nouns().get(table, (table,))[0]
            raise CannotUndo(
                f"Cannot undo {change.command!r}: {one} {row[0]} was changed since, outside mentorlog's "
                "history; nothing was undone.",
                hint="Correct it by hand with the edit and delete commands.",
            )


def _revert(conn: sqlite3.Connection, table: str) -> None:
    """Put ``table``'s rows of the change back as they were, set-wise: delete the rows it added,
    then give the rows that were there before their first before-image — an UPDATE of those that
    are there, an INSERT of those that are gone. A column dropped since is skipped; one added
    since keeps its value (or its default)."""
    q = quote(table)
    net = "SELECT n.row_id, f.before FROM temp.undo_net n JOIN change_rows f ON f.id = n.first_id"
    added = (
        "SELECT n.row_id FROM temp.undo_net n JOIN change_rows f ON f.id = n.first_id"
        " WHERE n.table_name = ? AND f.op = 'insert'"
    )
    if table == "mentors":  # reviews are not changes: they go with the mentor they were for
        conn.execute(f"DELETE FROM reviews WHERE mentor_id IN ({added})", (table,))
    conn.execute(f"DELETE FROM {q} WHERE id IN ({added})", (table,))
    names = columns(conn, table)
    sets = ", ".join(
        f"{quote(c)} = CASE WHEN {_has('b.before', c)} THEN {_value('b.before', c)} ELSE {q}.{quote(c)} END"
        for c in names
        if c != "id"
    )
    before = f"{net} WHERE n.table_name = ? AND f.op != 'insert'"
    conn.execute(f"UPDATE {q} SET {sets} FROM ({before}) AS b WHERE {q}.id = b.row_id", (table,))
    sample = conn.execute(f"SELECT b.before FROM ({before}) AS b LIMIT 1", (table,)).fetchone()
    if sample is None:
        return
    keys = {r[0] for r in conn.execute("SELECT key FROM json_each(?)", (sample[0],))}
    kept = [c for c in names if c in keys]  # images of one change share their columns
    conn.execute(
        f"INSERT INTO {q} ({', '.join(map(quote, kept))}) "
        f"SELECT {', '.join(_value('b.before', c) for c in kept)} FROM ({before}) AS b "
        f"WHERE NOT EXISTS (SELECT 1 FROM {q} WHERE id = b.row_id)",
        (table,),
    )


def undo(conn: sqlite3.Connection, change_id: int) -> Change:
    """Revert change ``change_id``, which must still be the newest one not undone (the user saw
    it before saying yes), and mark it undone. Not itself recorded.

    Set-wise, whatever its size: the change's rows are netted once into ``temp.undo_net`` (per
    table and row: its first and last change row), then a few statements per table check and
    revert them inside SQLite, so an import of 100,000 rows is never held in Python."""
    change = newest_undoable(conn)
    if change is None or change.id != change_id:
        raise MentorlogError(
            "The history changed while you were deciding; nothing was undone.",
            hint=Suggest("undo_again"),
        )
    conn.execute("DROP TABLE IF EXISTS temp.undo_net")
    conn.execute(
        "CREATE TEMP TABLE undo_net AS SELECT table_name, row_id, min(id) AS first_id, max(id) AS last_id "
        "FROM change_rows WHERE change_id = ? GROUP BY table_name, row_id",
        (change.id,),
    )
    try:
        tables = [r[0] for r in conn.execute("SELECT DISTINCT table_name FROM temp.undo_net")]
        _check_unchanged(conn, change, tables)
        # A reference that is whole only once the change is reverted (a todo's meeting,
        # restored after the todo) is checked at commit.
        conn.execute("PRAGMA defer_foreign_keys = ON")
        for table in tables:
            _revert(conn, table)
        # Checked now, not at the commit, which comes after "Undid …" is printed: a reference the
        # reverted rows make to a row that is gone would otherwise fail there, after saying it worked.
        for table in tables:
            broken = conn.execute(f"PRAGMA foreign_key_check({quote(table)})").fetchone()
            if broken is not None:
                one = tracked_nouns().get(table, (table,))[0]
                raise CannotUndo(
                    f"Cannot undo {change.command!r}: {one} {broken[1]} would refer to a {broken[2]} row "
                    "that is gone; nothing was undone.",
                    hint=Suggest("doctor_checks"),
                )
    finally:
        conn.execute("DROP TABLE IF EXISTS temp.undo_net")
    conn.execute("UPDATE changes SET undone_at = ? WHERE id = ?", (dates.stamp(), change.id))
    return change
