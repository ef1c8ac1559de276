"""The history read back: each change as a ``Change``, listed newest first and summarised.

A summary ("added meeting 12, todos 40–42; raised topics 3, 5") is derived from the change's
rows in SQL when shown, never stored (``summarise``): a change of up to ``NET_ROWS`` rows is
netted per row, a larger one (an import) counted by table and operation from an index, so a
hundred thousand rows cost a few grouped rows, not an image decoded each. ``describe`` says the
same from rows whose images were loaded. ``history`` lists and counts them (``--clear``
forgets them all); ``undo`` shows the one it reverts.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime

from mentorlog.core import dates
from mentorlog.core.record import Record, field
from mentorlog.journal import concepts


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
    runs: list[Run] = field(default_factory=list)  # the summary, as SQL made it (``summarise``)

    @property
    def undone(self) -> bool:
        return self.undone_at is not None

    def summary(self) -> str:
        """What the change did: ``added meeting 12, todos 40–42; raised topics 3, 5``."""
        return _phrase(self.runs)

    def undo_summary(self) -> str:
        """What undoing it does: ``delete meeting 12, todos 40–42; reopen topics 3, 5``."""
        return _phrase(self.runs, inverse=True)

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
    """SQL for the verb of one row's net change (``f`` its first change row, ``l`` its last),
    from its before- and after-images by SQLite's JSON functions: added, deleted, a status
    verb, ended/resumed, parked/unparked, edited, or NULL (only touched)."""
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
    quiet = concepts.deletes_only()  # reviews that come and go with their mentor go unsaid
    for c in found:
        if any(r.table == "mentors" for r in c.runs):
            c.runs = [r for r in c.runs if r.table not in quiet]


def _summarise_coarse(conn: sqlite3.Connection, by_id: dict[int, Change], large: list[int]) -> None:
    marks = ", ".join("?" for _ in large)
    tables = ", ".join(f"'{t}'" for t in tracked_nouns() if t != "mentors")
    for change_id, table, op, first, last, n, touched in conn.execute(
        f"""SELECT change_id, table_name, op, min(row_id), max(row_id), count(*), min(id)
        FROM change_rows WHERE change_id IN ({marks}) AND table_name IN ({tables})
        GROUP BY change_id, table_name, op""",
        large,
    ):
        by_id[change_id].runs.append(Run(_COARSE_VERBS[op], table, first, last, n, None, touched))


def _summarise_net(conn: sqlite3.Connection, by_id: dict[int, Change], large: list[int]) -> None:
    marks = ", ".join("?" for _ in by_id)
    tables = ", ".join(f"'{t}'" for t in tracked_nouns())
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
        verb = _INVERSE.get(r.verb, "reopen") if inverse else r.verb
        groups.setdefault(verb, {}).setdefault(r.table, []).append(r)
    phrases = []
    words = tracked_nouns()
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


def clear(conn: sqlite3.Connection) -> int:
    """Forget every change (before- and after-images too); how many there were."""
    n = count(conn)
    conn.execute("DELETE FROM change_rows")
    conn.execute("DELETE FROM changes")
    return n


def newest_undoable(conn: sqlite3.Connection) -> Change | None:
    """The change ``undo`` reverts, summarised in SQL (what ``undo`` shows before it asks,
    whatever the size of the change)."""
    row = conn.execute(
        "SELECT * FROM changes WHERE recording = 0 AND undone_at IS NULL ORDER BY id DESC LIMIT 1"
    ).fetchone()
    if row is None:
        return None
    change = _change(row)
    summarise(conn, [change])
    return change


# --- describing ----------------------------------------------------------------------------


# The nouns, in the order a summary names them ("deleted mentor zed, meeting 3, todos 7, 8"),
# and the verbs a status change reads as ("done todo 5", "raised topics 3, 5"), are the
# registry's (``Concept.one``/``many``, ``Concept.status_verbs``).
def tracked_nouns() -> dict[str, tuple[str, str]]:
    return {c.table: (c.one, c.many) for c in concepts.CONCEPTS if c.history in ("all", "deletes")}


def _status_verbs() -> dict[str, dict[str, str]]:
    return {c.table: c.status_verbs for c in concepts.tracked() if c.status_verbs}


# What undoing a verb does. Every other verb is a status a row was closed with (the registry's
# ``status_verbs``: done, dropped, declined, raised, achieved…), which undo reopens.
_INVERSE = {
    "added": "delete",
    "deleted": "restore",
    "edited": "revert",
    "reopened": "close again",
    "ended": "resume",
    "resumed": "end again",
    "parked": "unpark",
    "unparked": "park again",
}
