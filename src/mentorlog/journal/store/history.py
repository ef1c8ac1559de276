"""History: every write command kept as one change, and ``undo`` that reverts a change whole.

A write command's transaction starts a change (``begin``: a ``changes`` row with the time and the
command as typed, marked *recording*). While the newest change records, the
``history_<table>_<op>`` triggers on every concept table copy each row inserted, updated or
deleted into ``change_rows`` as JSON before- and after-images — the pattern of the SQLite site's
"Automatic Undo/Redo Using SQLite". ``finish`` closes the change just before the commit and drops
one that recorded nothing (a ``review``, whose record is not a change, leaves no history). ``undo``
reverts the newest change not undone yet, set-wise in SQL (the rows it added deleted, the others
given back their first before-image), and is itself not recorded: repeated, it steps further
back. A summary ("added meeting 12, todos 40–42; raised topics 3, 5") is derived from the rows
in SQL when shown, never stored.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime

from mentorlog.core import dates
from mentorlog.core.errors import MentorlogError, Suggest
from mentorlog.core.record import Record, field
from mentorlog.journal import concepts

# Which tables are recorded, and how, is the registry's word (``Concept.history``): "all" for
# every insert, update and delete, "deletes" for a review (not a change, SPEC §2, but deleting a
# mentor deletes theirs, and undoing that brings them back).
KEEP = 1000  # changes kept at least (SPEC §2)
PRUNE_EVERY = 64  # changes between two prunes: keeps between KEEP and KEEP + 63

# The triggers record only while the newest change is recording: rows written by a migration or
# by another program are never filed under a change the user made.
_RECORDING = "(SELECT recording FROM changes ORDER BY id DESC LIMIT 1)"


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
    """Table → the operations history records on it, from the registry."""
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
    (``deletes_only()``): an import that adds or updates reviews is a change like any other, and
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


def deletes_only() -> set[str]:
    """The tables whose deletes only history records (a review: not a change, but deleting a
    mentor deletes theirs), from the registry."""
    return {c.table for c in concepts.CONCEPTS if c.history == "deletes"}


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


# --- reading -------------------------------------------------------------------------------


class RowChange(Record):
    table: str
    row_id: int
    op: str  # insert · update · delete
    before: dict | None
    after: dict | None


class Run(Record):
    """Rows of one table that a change gave one verb, as SQL grouped them: a run of ids
    (``first``–``last``, ``n`` of them) or, for mentors, one handle."""

    verb: str
    table: str
    first: int
    last: int
    n: int
    handle: str | None = None
    touched: int = 0  # the first change row of its group: verbs are named in this order
    more: int = 0  # on a group's last shown run: how many rows its unshown runs hold


class Change(Record):
    id: int
    at: datetime
    command: str
    undone_at: datetime | None
    rows: list[RowChange] = field(default_factory=list)
    runs: list[Run] | None = None  # the summary as SQL made it (then ``rows`` is not loaded)

    @property
    def undone(self) -> bool:
        return self.undone_at is not None

    def summary(self) -> str:
        """What the change did: ``added meeting 12, todos 40–42; raised topics 3, 5``."""
        return describe(self.rows) if self.runs is None else _phrase(self.runs)

    def undo_summary(self) -> str:
        """What undoing it does: ``delete meeting 12, todos 40–42; reopen topics 3, 5``."""
        return describe(self.rows, inverse=True) if self.runs is None else _phrase(self.runs, inverse=True)

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


def _load_rows(conn: sqlite3.Connection, found: list[Change]) -> None:
    """Every row of the changes, with their images decoded (``newest_undoable(rows=True)``)."""
    import json

    by_id = {c.id: c for c in found}
    if not by_id:
        return
    marks = ", ".join("?" for _ in by_id)
    for r in conn.execute(
        f"SELECT change_id, table_name, row_id, op, before, after FROM change_rows "
        f"WHERE change_id IN ({marks}) ORDER BY id",
        list(by_id),
    ):
        by_id[r[0]].rows.append(
            RowChange(
                r[1], r[2], r[3], json.loads(r[4]) if r[4] else None, json.loads(r[5]) if r[5] else None
            )
        )


def list_changes(conn: sqlite3.Connection, limit: int | None = None) -> list[Change]:
    """The recorded changes, newest first, each summarised in SQL (``summarise``): a change of
    a hundred thousand rows costs a few grouped rows, not an image decoded per row."""
    sql = "SELECT * FROM changes WHERE recording = 0 ORDER BY id DESC"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    found = [_change(r) for r in conn.execute(sql)]
    summarise(conn, found)
    return found


# At most this many runs of ids per verb and table in a summary; the rest are counted.
SUMMARY_RUNS = 20


def _net_verb() -> str:
    """SQL for the verb of one row's net change (``f`` its first change row, ``l`` its last):
    what ``_verb`` says of the images, computed by SQLite's JSON functions."""
    status = ", ".join(f"'{t}'" for t in _status_verbs())
    same = "json_remove(f.before, '$.updated_at') = json_remove(l.after, '$.updated_at')"
    rest = "'$.updated_at', '$.parked_until', '$.park_note'"

    def moved(key: str) -> str:
        return f"json_extract(f.before, '$.{key}') IS NOT json_extract(l.after, '$.{key}')"

    return f"""CASE
        WHEN f.op = 'insert' THEN CASE WHEN l.op = 'delete' THEN NULL ELSE 'added' END
        WHEN l.op = 'delete' THEN 'deleted'
        WHEN {same} THEN NULL
        WHEN n.table_name IN ({status}) AND {moved("status")}
            THEN 'status:' || json_extract(l.after, '$.status')
        WHEN n.table_name = 'mentors' AND {moved("ended_on")}
            THEN CASE WHEN json_extract(l.after, '$.ended_on') IS NULL THEN 'resumed' ELSE 'ended' END
        WHEN n.table_name = 'advice' AND {moved("parked_until")}
            AND json_remove(f.before, {rest}) = json_remove(l.after, {rest})
            THEN CASE WHEN json_extract(l.after, '$.parked_until') IS NULL THEN 'unparked' ELSE 'parked' END
        ELSE 'edited' END"""


# A change of more rows than this (an import) is summarised by table and operation from the
# index on (change, table, operation, row) alone; smaller ones are netted row by row.
NET_ROWS = 2_000
_COARSE_VERBS = {"insert": "added", "update": "edited", "delete": "deleted"}


def summarise(conn: sqlite3.Connection, found: list[Change]) -> None:
    """Give each change its ``runs``, in SQL. A change of up to ``NET_ROWS`` rows has them
    netted per table and row (first before-image, last after-image), a verb each, grouped by
    verb and table into runs of consecutive ids, all in one statement; images are read only
    for rows it updated (to say what changed) and for mentors (their handle). A larger one
    (an import) is counted by table and operation from the index alone (its mentors still get
    their handles): a hundred thousand rows cost a few grouped index entries, not a sort."""
    by_id = {c.id: c for c in found}
    for c in found:
        c.runs = []
    if not by_id:
        return
    marks = ", ".join("?" for _ in by_id)
    sizes = conn.execute(
        f"SELECT change_id, count(*) FROM change_rows WHERE change_id IN ({marks}) GROUP BY change_id",
        list(by_id),
    ).fetchall()
    large = [change_id for change_id, n in sizes if n > NET_ROWS]
    _summarise_net(conn, by_id, large)
    if large:
        _summarise_coarse(conn, by_id, large)
    quiet = deletes_only()  # reviews that come and go with their mentor go unsaid
    for c in found:
        if any(r.table == "mentors" for r in c.runs):
            c.runs = [r for r in c.runs if r.table not in quiet]


def _summarise_coarse(conn: sqlite3.Connection, by_id: dict[int, Change], large: list[int]) -> None:
    marks = ", ".join("?" for _ in large)
    tables = ", ".join(f"'{t}'" for t in _nouns() if t != "mentors")
    for change_id, table, op, first, last, n, touched in conn.execute(
        f"""SELECT change_id, table_name, op, min(row_id), max(row_id), count(*), min(id)
        FROM change_rows WHERE change_id IN ({marks}) AND table_name IN ({tables})
        GROUP BY change_id, table_name, op""",
        large,
    ):
        by_id[change_id].runs.append(Run(_COARSE_VERBS[op], table, first, last, n, None, touched))


def _summarise_net(conn: sqlite3.Connection, by_id: dict[int, Change], large: list[int]) -> None:
    marks = ", ".join("?" for _ in by_id)
    tables = ", ".join(f"'{t}'" for t in _nouns())
    big = ", ".join("?" for _ in large)
    sql = f"""
        WITH net AS (
            SELECT n.change_id, n.table_name, n.row_id, n.first_id, {_net_verb()} AS verb,
                CASE WHEN n.table_name = 'mentors'
                    THEN json_extract(coalesce(l.after, f.before), '$.handle') END AS handle
            FROM (SELECT change_id, table_name, row_id, min(id) AS first_id, max(id) AS last_id
                  FROM change_rows WHERE change_id IN ({marks}) AND table_name IN ({tables})
                  {f"AND (change_id NOT IN ({big}) OR table_name = 'mentors')" if large else ""}
                  GROUP BY change_id, table_name, row_id) n
            JOIN change_rows f ON f.id = n.first_id JOIN change_rows l ON l.id = n.last_id
        ), runs AS (
            SELECT *, CASE WHEN table_name = 'mentors' THEN -row_id ELSE row_id - row_number()
                OVER (PARTITION BY change_id, verb, table_name ORDER BY row_id) END AS island
            FROM net WHERE verb IS NOT NULL
        ), grouped AS (
            SELECT change_id, verb, table_name, min(row_id) AS first, max(row_id) AS last, count(*) AS n,
                max(handle) AS handle, min(first_id) AS touched,
                row_number() OVER (PARTITION BY change_id, verb, table_name
                    ORDER BY CASE WHEN table_name = 'mentors' THEN min(first_id) ELSE min(row_id) END) AS k,
                count(*) OVER (PARTITION BY change_id, verb, table_name) AS n_runs,
                sum(count(*)) OVER (PARTITION BY change_id, verb, table_name) AS n_rows,
                min(min(first_id)) OVER (PARTITION BY change_id, verb) AS verb_at
            FROM runs GROUP BY change_id, verb, table_name, island
        )
        SELECT change_id, verb, table_name, first, last, n, handle, verb_at, k, n_runs, n_rows
        FROM grouped WHERE k <= {SUMMARY_RUNS} ORDER BY change_id, verb_at, table_name, k
    """
    shown: dict[tuple, int] = {}
    for change_id, verb, table, first, last, n, handle, verb_at, k, n_runs, n_rows in conn.execute(
        sql, [*by_id, *large]
    ):
        if verb.startswith("status:"):
            verb = _status_verbs()[table].get(verb[len("status:") :], "edited")
        key = (change_id, verb, table)
        shown[key] = shown.get(key, 0) + n
        more = n_rows - shown[key] if k == min(n_runs, SUMMARY_RUNS) else 0
        by_id[change_id].runs.append(Run(verb, table, first, last, n, handle, verb_at, more))


def _span(r: Run) -> str:
    """A run's ids: ``40–42``, ``40, 41``; a large change's ids that have gaps say how many."""
    if r.last - r.first + 1 != r.n:  # only a large change's count by table and operation
        return f"{r.first}–{r.last} ({r.n:,} of them)"
    return f"{r.first}–{r.last}" if r.n >= 3 else ", ".join(map(str, range(r.first, r.last + 1)))


def _phrase(runs: list[Run], *, inverse: bool = False) -> str:
    """``describe``'s words for runs made in SQL."""
    groups: dict[str, dict[str, list[Run]]] = {}
    for r in sorted(runs, key=lambda r: r.touched):
        verb = _INVERSE[r.verb] if inverse else r.verb
        groups.setdefault(verb, {}).setdefault(r.table, []).append(r)
    phrases = []
    words = _nouns()
    for verb, tables in groups.items():
        nouns = []
        for table, found in sorted(tables.items(), key=lambda item: list(words).index(item[0])):
            one, many = words[table]
            n = sum(r.n for r in found) + sum(r.more for r in found)
            if table == "mentors":
                shown = ", ".join(r.handle or str(r.first) for r in found)
            else:
                shown = ", ".join(_span(r) for r in sorted(found, key=lambda r: r.first))
            more = sum(r.more for r in found)
            nouns.append(f"{one if n == 1 else many} {shown}" + (f" and {more:,} more" if more else ""))
        phrases.append(f"{verb} {', '.join(nouns)}")
    return "; ".join(phrases) or "no visible change"


def count(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT count(*) FROM changes WHERE recording = 0").fetchone()[0]


def newest_undoable(conn: sqlite3.Connection, *, rows: bool = True) -> Change | None:
    """The change ``undo`` reverts: with ``rows`` every row's images, else summarised in SQL
    (what ``undo`` shows before it asks, whatever the size of the change)."""
    row = conn.execute(
        "SELECT * FROM changes WHERE recording = 0 AND undone_at IS NULL ORDER BY id DESC LIMIT 1"
    ).fetchone()
    if row is None:
        return None
    change = _change(row)
    if rows:
        _load_rows(conn, [change])
    else:
        summarise(conn, [change])
    return change


# --- describing ----------------------------------------------------------------------------


# The nouns, in the order a summary names them ("deleted mentor zed, meeting 3, todos 7, 8"),
# and the verbs a status change reads as ("done todo 5", "raised topics 3, 5"), are the
# registry's (``Concept.one``/``many``, ``Concept.status_verbs``).
def _nouns() -> dict[str, tuple[str, str]]:
    return {c.table: (c.one, c.many) for c in concepts.CONCEPTS if c.history in ("all", "deletes")}


def _status_verbs() -> dict[str, dict[str, str]]:
    return {c.table: c.status_verbs for c in concepts.tracked() if c.status_verbs}


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
    concept = concepts.by_table(table)
    if concept is not None and concept.status_verbs and "status" in changed:
        return concept.status_verbs.get(after["status"], "edited")
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
    words = _nouns()
    net = _net(rows)
    with_mentor = any(table == "mentors" for table, _ in net)
    for (table, row_id), (before, after) in net.items():
        if table not in words or (table in deletes_only() and with_mentor):
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
        for table, labels in sorted(tables.items(), key=lambda item: list(words).index(item[0])):
            one, many = words[table]
            noun = one if len(labels) == 1 else many
            shown = ", ".join(labels) if table == "mentors" else _ids(labels)
            nouns.append(f"{noun} {shown}")
        phrases.append(f"{verb} {', '.join(nouns)}")
    return "; ".join(phrases) or "no visible change"


# --- undoing -------------------------------------------------------------------------------


class CannotUndo(MentorlogError):
    """The journal is not as the change left it: reverting would overwrite later work."""


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [c[1] for c in conn.execute(f"PRAGMA table_info({_quote(table)})")]


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
            f"(NOT {_has('a.after', c)} OR {_value('a.after', c)} IS t.{_quote(c)})"
            for c in _columns(conn, table)
        )
        row = conn.execute(
            f"""SELECT n.row_id FROM temp.undo_net n JOIN change_rows a ON a.id = n.last_id
            LEFT JOIN {_quote(table)} t ON t.id = n.row_id
            WHERE n.table_name = ? AND NOT (CASE WHEN a.op = 'delete' THEN t.id IS NULL
                ELSE t.id IS NOT NULL AND {same} END) LIMIT 1""",
            (table,),
        ).fetchone()
        if row is not None:
            one = _nouns().get(table, (table,))[0]
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
    q = _quote(table)
    net = "SELECT n.row_id, f.before FROM temp.undo_net n JOIN change_rows f ON f.id = n.first_id"
    added = (
        "SELECT n.row_id FROM temp.undo_net n JOIN change_rows f ON f.id = n.first_id"
        " WHERE n.table_name = ? AND f.op = 'insert'"
    )
    if table == "mentors":  # reviews are not changes: they go with the mentor they were for
        conn.execute(f"DELETE FROM reviews WHERE mentor_id IN ({added})", (table,))
    conn.execute(f"DELETE FROM {q} WHERE id IN ({added})", (table,))
    columns = _columns(conn, table)
    sets = ", ".join(
        f"{_quote(c)} = CASE WHEN {_has('b.before', c)} THEN {_value('b.before', c)} ELSE {q}.{_quote(c)} END"
        for c in columns
        if c != "id"
    )
    before = f"{net} WHERE n.table_name = ? AND f.op != 'insert'"
    conn.execute(f"UPDATE {q} SET {sets} FROM ({before}) AS b WHERE {q}.id = b.row_id", (table,))
    sample = conn.execute(f"SELECT b.before FROM ({before}) AS b LIMIT 1", (table,)).fetchone()
    if sample is None:
        return
    keys = {r[0] for r in conn.execute("SELECT key FROM json_each(?)", (sample[0],))}
    kept = [c for c in columns if c in keys]  # images of one change share their columns
    conn.execute(
        f"INSERT INTO {q} ({', '.join(map(_quote, kept))}) "
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
    change = newest_undoable(conn, rows=False)
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
            broken = conn.execute(f"PRAGMA foreign_key_check({_quote(table)})").fetchone()
            if broken is not None:
                one = _nouns().get(table, (table,))[0]
                raise CannotUndo(
                    f"Cannot undo {change.command!r}: {one} {broken[1]} would refer to a {broken[2]} row "
                    "that is gone; nothing was undone.",
                    hint=Suggest("doctor_checks"),
                )
    finally:
        conn.execute("DROP TABLE IF EXISTS temp.undo_net")
    conn.execute("UPDATE changes SET undone_at = ? WHERE id = ?", (dates.stamp(), change.id))
    return change


def clear(conn: sqlite3.Connection) -> int:
    """Forget every change (before- and after-images too); how many there were."""
    n = count(conn)
    conn.execute("DELETE FROM change_rows")
    conn.execute("DELETE FROM changes")
    return n
