"""History: every write command kept as one change, and ``undo`` that reverts a change whole.

A write command's transaction starts a change (``begin``: a ``changes`` row with the time and the
command as typed, marked *recording*). While the newest change records, the
``history_<table>_<op>`` triggers on every concept table copy each row inserted, updated or
deleted into ``change_rows`` as JSON before- and after-images — the pattern of the SQLite site's
"Automatic Undo/Redo Using SQLite". ``finish`` closes the change just before the commit and drops
one that recorded nothing (a ``review``, whose record is not a change, leaves no history). ``undo``
reverts the newest change not undone yet, all its rows in reverse order, and is itself not
recorded: repeated, it steps further back. A summary ("added meeting 12, todos 40–42; raised
topics 3, 5") is derived from the rows when shown, never stored.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime

from mentorlog import dates
from mentorlog.errors import MentorlogError
from mentorlog.journal.common import NOUNS
from mentorlog.record import Record, field

# The concept tables whose every insert, update and delete is a change.
TRACKED = ("mentors", "goals", "meetings", "todos", "advice", "applications", "topics", "thanks")
# A review is not a change (SPEC §2), but deleting a mentor deletes their reviews, and undoing
# that brings them back: for these tables only deletes are recorded.
DELETE_ONLY = ("reviews",)
KEEP = 1000  # changes kept at least (SPEC §2)
PRUNE_EVERY = 64  # changes between two prunes: keeps between KEEP and KEEP + 63

# The triggers record only while the newest change is recording: rows written by a migration or
# by another program are never filed under a change the user made.
_RECORDING = "(SELECT recording FROM changes ORDER BY id DESC LIMIT 1)"


def install_triggers(db) -> None:
    """(Re)create the history triggers from the tables' current columns.

    ``db`` is a sqlite-utils ``Database`` (in a migration) or a ``sqlite3.Connection``. A
    migration that adds a column to a tracked table (or a table to ``TRACKED``) ends with this
    call, so that the new column is recorded too. Rows a migration rewrites are not recorded:
    migrations run before a command starts its change, when no change is recording. Changes
    recorded before a column existed hold no value for it; undoing them leaves it as it is.
    """
    conn = getattr(db, "conn", db)
    drop_triggers(conn)
    for table in TRACKED + DELETE_ONLY:
        columns = [r[1] for r in conn.execute(f"PRAGMA table_info({_quote(table)})")]
        for op in ("delete",) if table in DELETE_ONLY else ("insert", "update", "delete"):
            conn.execute(_trigger(table, op, columns))


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
        WHEN {_RECORDING}
        BEGIN
            INSERT INTO change_rows (change_id, table_name, row_id, op, before, after)
            VALUES ((SELECT max(id) FROM changes), '{table}', {row}, '{op}', {before}, {after});
        END
    """


# --- recording ---------------------------------------------------------------------------


def image(conn: sqlite3.Connection, table: str, row_id: int) -> str | None:
    """The row as JSON, as the triggers write it (a before- or after-image)."""
    columns = [r[1] for r in conn.execute(f"PRAGMA table_info({_quote(table)})")]
    row = conn.execute(
        f"SELECT {_image(_quote(table), columns)} FROM {_quote(table)} WHERE id = ?", (row_id,)
    )
    found = row.fetchone()
    return found[0] if found else None


def note(conn: sqlite3.Connection, table: str, row_id: int, op: str, before: str | None) -> None:
    """Record, as a trigger would, a write to a table whose triggers record only deletes
    (``DELETE_ONLY``): an import that adds or updates reviews is a change like any other, and
    undo must find it (without this, undo reverted the import before it). Nothing is recorded
    while no change is recording."""
    after = image(conn, table, row_id) if op != "delete" else None
    conn.execute(
        "INSERT INTO change_rows (change_id, table_name, row_id, op, before, after) "
        f"SELECT (SELECT max(id) FROM changes), ?, ?, ?, ?, ? WHERE {_RECORDING}",
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
    odd = conn.execute(f"SELECT count(*) FROM change_rows WHERE {_ODD}").fetchone()[0]
    if odd:
        problems.append(f"{odd} history row(s) that cannot be undone")
    have = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    ops = ("insert", "update", "delete")
    missing = [t for t in TRACKED if any(f"history_{t}_{op}" not in have for op in ops)]
    if missing:
        problems.append(f"no history triggers on {', '.join(missing)} (or not all three)")
    return problems


_ODD = (  # a history row undo cannot revert
    f"table_name NOT IN ({', '.join(repr(t) for t in (*TRACKED, *DELETE_ONLY))}) "
    "OR op NOT IN ('insert', 'update', 'delete') "
    "OR (before IS NOT NULL AND NOT json_valid(before)) OR (after IS NOT NULL AND NOT json_valid(after))"
)


def mend(conn: sqlite3.Connection) -> None:
    """Mend what ``check`` finds, inside the caller's transaction: close a change left
    recording (it would collect every later write), forget each change holding a row that
    cannot be undone (undo would fail on it), and make missing triggers again."""
    conn.execute("UPDATE changes SET recording = 0 WHERE recording = 1")
    bad = f"SELECT DISTINCT change_id FROM change_rows WHERE {_ODD}"
    conn.execute(f"DELETE FROM changes WHERE id IN ({bad})")
    conn.execute("DELETE FROM change_rows WHERE change_id NOT IN (SELECT id FROM changes)")
    have = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if all(t in have for t in (*TRACKED, *DELETE_ONLY)):  # else the tables are doctor's first job
        install_triggers(conn)


def prune(conn: sqlite3.Connection) -> None:
    row = conn.execute("SELECT id FROM changes ORDER BY id DESC LIMIT 1 OFFSET ?", (KEEP,)).fetchone()
    if row is not None:
        conn.execute("DELETE FROM change_rows WHERE change_id <= ?", (row[0],))
        conn.execute("DELETE FROM changes WHERE id <= ?", (row[0],))


# --- reading -------------------------------------------------------------------------------


class RowChange(Record):
    table: str
    row_id: int
    op: str  # insert · update · delete
    before: dict | None
    after: dict | None


class Change(Record):
    id: int
    at: datetime
    command: str
    undone_at: datetime | None
    rows: list[RowChange] = field(default_factory=list)

    @property
    def undone(self) -> bool:
        return self.undone_at is not None

    def summary(self) -> str:
        """What the change did: ``added meeting 12, todos 40–42; raised topics 3, 5``."""
        return describe(self.rows)

    def undo_summary(self) -> str:
        """What undoing it does: ``delete meeting 12, todos 40–42; reopen topics 3, 5``."""
        return describe(self.rows, inverse=True)

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "at": self.at.isoformat(),
            "command": self.command,
            "summary": self.summary(),
            "undone": self.undone,
            "undone_at": self.undone_at.isoformat() if self.undone_at else None,
        }


def _change(row: sqlite3.Row) -> Change:
    return Change(row["id"], dates.from_db(row["at"]), row["command"], dates.from_db(row["undone_at"]))


# What a summary needs of a row: the images of an update (to say what changed) and a mentor's
# (for the handle); an inserted or deleted row of another table is named by its id alone, so
# ``history`` does not read back the text of every row a large change (an import) wrote.
_SUMMARY_IMAGES = """
    CASE WHEN op = 'update' OR table_name = 'mentors' THEN before WHEN op = 'delete' THEN '{}' END,
    CASE WHEN op = 'update' OR table_name = 'mentors' THEN after WHEN op = 'insert' THEN '{}' END
"""


def _load_rows(conn: sqlite3.Connection, found: list[Change], *, whole: bool = True) -> None:
    import json

    by_id = {c.id: c for c in found}
    if not by_id:
        return
    marks = ", ".join("?" for _ in by_id)
    images = "before, after" if whole else _SUMMARY_IMAGES
    for r in conn.execute(
        f"SELECT change_id, table_name, row_id, op, {images} FROM change_rows "
        f"WHERE change_id IN ({marks}) ORDER BY id",
        list(by_id),
    ):
        by_id[r[0]].rows.append(
            RowChange(
                r[1], r[2], r[3], json.loads(r[4]) if r[4] else None, json.loads(r[5]) if r[5] else None
            )
        )


def list_changes(conn: sqlite3.Connection, limit: int | None = None) -> list[Change]:
    """The recorded changes, newest first, each with its rows as far as ``summary`` needs them."""
    sql = "SELECT * FROM changes WHERE recording = 0 ORDER BY id DESC"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    found = [_change(r) for r in conn.execute(sql)]
    _load_rows(conn, found, whole=False)
    return found


def count(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT count(*) FROM changes WHERE recording = 0").fetchone()[0]


def newest_undoable(conn: sqlite3.Connection) -> Change | None:
    row = conn.execute(
        "SELECT * FROM changes WHERE recording = 0 AND undone_at IS NULL ORDER BY id DESC LIMIT 1"
    ).fetchone()
    if row is None:
        return None
    change = _change(row)
    _load_rows(conn, [change])
    return change


# --- describing ----------------------------------------------------------------------------

# In the order a summary names them: "deleted mentor zed, meeting 3, todos 7, 8".
_NOUNS = {table: words for table, words in NOUNS.items() if table in TRACKED + DELETE_ONLY}
# A status change says what happened in the user's words: "done todo 5", "raised topics 3, 5".
_STATUS_VERBS = {
    "todos": {"done": "done", "dropped": "dropped", "open": "reopened"},
    "topics": {"raised": "raised", "dropped": "dropped", "open": "reopened"},
    "goals": {"achieved": "achieved", "dropped": "dropped", "active": "reopened"},
}
_INVERSE = {
    "added": "delete",
    "deleted": "restore",
    "edited": "revert",
    "done": "reopen",
    "dropped": "reopen",
    "raised": "reopen",
    "achieved": "reopen",
    "reopened": "close again",
    "ended": "resume",
    "resumed": "end again",
    "parked": "unpark",
    "unparked": "park again",
}


def _net(rows: list[RowChange]) -> dict[tuple[str, int], tuple[dict | None, dict | None]]:
    """Each row's state before the change and after it, in the order the change first touched them."""
    net: dict[tuple[str, int], tuple[dict | None, dict | None]] = {}
    for r in rows:
        key = (r.table, r.row_id)
        net[key] = (net[key][0] if key in net else r.before, r.after)
    return net


def _verb(table: str, before: dict | None, after: dict | None) -> str | None:
    if before is None:
        return "added" if after is not None else None
    if after is None:
        return "deleted"
    changed = {k for k in after if k != "updated_at" and before.get(k) != after[k]}
    if not changed:
        return None  # only touched (e.g. applying advice that was not parked)
    if table in _STATUS_VERBS and "status" in changed:
        return _STATUS_VERBS[table].get(after["status"], "edited")
    if table == "mentors" and "ended_on" in changed:
        return "ended" if after["ended_on"] else "resumed"
    if table == "advice" and "parked_until" in changed and changed <= {"parked_until", "park_note"}:
        return "parked" if after["parked_until"] else "unparked"
    return "edited"


def _ids(ids: list[int]) -> str:
    """``40–42, 45``: runs of three or more as ranges."""
    ids = sorted(set(ids))
    parts, start = [], 0
    for i in range(1, len(ids) + 1):
        if i == len(ids) or ids[i] != ids[i - 1] + 1:
            run = ids[start:i]
            parts.append(f"{run[0]}–{run[-1]}" if len(run) >= 3 else ", ".join(map(str, run)))
            start = i
    return ", ".join(parts)


def describe(rows: list[RowChange], *, inverse: bool = False) -> str:
    groups: dict[str, dict[str, list]] = {}
    net = _net(rows)
    with_mentor = any(table == "mentors" for table, _ in net)
    for (table, row_id), (before, after) in net.items():
        if table not in _NOUNS or (table in DELETE_ONLY and with_mentor):
            continue  # reviews that come and go with their mentor go unsaid
        verb = _verb(table, before, after)
        if verb is None:
            continue
        if inverse:
            verb = _INVERSE[verb]
        label = (after or before)["handle"] if table == "mentors" else row_id
        groups.setdefault(verb, {}).setdefault(table, []).append(label)
    phrases = []
    for verb, tables in groups.items():
        nouns = []
        for table, labels in sorted(tables.items(), key=lambda item: list(_NOUNS).index(item[0])):
            one, many = _NOUNS[table]
            noun = one if len(labels) == 1 else many
            shown = ", ".join(labels) if table == "mentors" else _ids(labels)
            nouns.append(f"{noun} {shown}")
        phrases.append(f"{verb} {', '.join(nouns)}")
    return "; ".join(phrases) or "no visible change"


# --- undoing -------------------------------------------------------------------------------


class CannotUndo(MentorlogError):
    """The journal is not as the change left it: reverting would overwrite later work."""


def _current(conn: sqlite3.Connection, table: str, row_id: int) -> dict | None:
    row = conn.execute(f"SELECT * FROM {_quote(table)} WHERE id = ?", (row_id,)).fetchone()
    return dict(zip(row.keys(), tuple(row), strict=True)) if row is not None else None


def _check_unchanged(conn: sqlite3.Connection, change: Change) -> None:
    """Every row the change touched must still be as the change left it; else refuse, naming it.

    Later changes that were undone are reverted already, so only a write that history does not
    hold (another program, a row changed by hand) can trip this.
    """
    for (table, row_id), (_, after) in _net(change.rows).items():
        now = _current(conn, table, row_id)
        same = (
            now is None
            if after is None
            else now is not None and all(now.get(k) == v for k, v in after.items())
        )
        if not same:
            one = _NOUNS.get(table, (table,))[0]
            raise CannotUndo(
                f"Cannot undo {change.command!r}: {one} {row_id} was changed since, outside mentorlog's "
                "history; nothing was undone.",
                hint="Correct it by hand with the edit and delete commands.",
            )


def _revert(conn: sqlite3.Connection, r: RowChange) -> None:
    table = _quote(r.table)
    if r.op == "insert":
        if r.table == "mentors":  # reviews are not changes: they go with the mentor they were for
            conn.execute("DELETE FROM reviews WHERE mentor_id = ?", (r.row_id,))
        conn.execute(f"DELETE FROM {table} WHERE id = ?", (r.row_id,))
        return
    columns = {c[1] for c in conn.execute(f"PRAGMA table_info({table})")}
    values = {k: v for k, v in r.before.items() if k in columns}  # a column dropped since is skipped
    if r.op == "update":
        sets = ", ".join(f"{_quote(k)} = ?" for k in values if k != "id")
        conn.execute(
            f"UPDATE {table} SET {sets} WHERE id = ?",
            [v for k, v in values.items() if k != "id"] + [r.row_id],
        )
    else:
        names = ", ".join(_quote(k) for k in values)
        marks = ", ".join("?" for _ in values)
        conn.execute(f"INSERT INTO {table} ({names}) VALUES ({marks})", list(values.values()))


def undo(conn: sqlite3.Connection, change_id: int) -> Change:
    """Revert change ``change_id``, which must still be the newest one not undone (the user saw
    it before saying yes), and mark it undone. Not itself recorded."""
    change = newest_undoable(conn)
    if change is None or change.id != change_id:
        raise MentorlogError(
            "The history changed while you were deciding; nothing was undone.",
            hint="Run mentorlog undo again.",
        )
    _check_unchanged(conn, change)
    # The rows come back in reverse order; a reference that is whole only once the change is
    # reverted (a todo's meeting, restored after the todo) is checked at commit.
    conn.execute("PRAGMA defer_foreign_keys = ON")
    for r in reversed(change.rows):
        _revert(conn, r)
    # Checked now, not at the commit, which comes after "Undid …" is printed: a reference the
    # reverted rows make to a row that is gone would otherwise fail there, after saying it worked.
    for table in dict.fromkeys(r.table for r in change.rows):
        broken = conn.execute(f"PRAGMA foreign_key_check({_quote(table)})").fetchone()
        if broken is not None:
            one = _NOUNS.get(table, (table,))[0]
            raise CannotUndo(
                f"Cannot undo {change.command!r}: {one} {broken[1]} would refer to a {broken[2]} row "
                "that is gone; nothing was undone.",
                hint="mentorlog doctor checks the journal and its history.",
            )
    conn.execute("UPDATE changes SET undone_at = ? WHERE id = ?", (dates.stamp(), change.id))
    return change


def clear(conn: sqlite3.Connection) -> int:
    """Forget every change (before- and after-images too); how many there were."""
    n = count(conn)
    conn.execute("DELETE FROM change_rows")
    conn.execute("DELETE FROM changes")
    return n
