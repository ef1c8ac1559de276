"""What the registry files under a meeting, read from each such concept's table: the items
``meeting show`` lists, and what stays, unlinked, when ``meeting delete`` removes the meeting
(``concepts.filed_in_meeting``: todos, advice, thanks, topics raised in it and the rest).
"""

from __future__ import annotations

import sqlite3

from mentorlog.journal import concepts


def filed_in(conn: sqlite3.Connection, meeting_id: int) -> dict[str, list[dict]]:
    """The items filed in a meeting, for ``meeting show``: each concept the registry files under
    a meeting, by its ``meeting_key``, with its ``brief`` columns."""
    return {
        c.meeting_key: [
            dict(r)
            for r in conn.execute(
                f"SELECT {', '.join(c.brief)} FROM {c.table} WHERE {c.meeting} = ? ORDER BY id", (meeting_id,)
            )
        ]
        for c in concepts.filed_in_meeting()
    }


def linked(conn: sqlite3.Connection, meeting_id: int, shown: int = 5) -> dict[str, tuple[list[int], int]]:
    """What stays, unlinked, when meeting ``meeting_id`` is deleted: per concept the registry
    files under a meeting (by its ``meeting_key``), the first ``shown`` ids and how many there
    are (counted in SQL). Kinds with nothing are left out."""
    found = {}
    for c in concepts.filed_in_meeting():
        total = conn.execute(
            f"SELECT COUNT(*) FROM {c.table} WHERE {c.meeting} = ?", (meeting_id,)
        ).fetchone()[0]
        if total:
            sql = f"SELECT id FROM {c.table} WHERE {c.meeting} = ? ORDER BY id LIMIT ?"
            found[c.meeting_key] = ([r[0] for r in conn.execute(sql, (meeting_id, shown))], total)
    return found
