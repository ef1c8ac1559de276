"""Updates: short messages a mentee sent a mentor between check-ins or after the end (SPEC §2),
and when the mentee was last in touch with a mentor at all."""

from __future__ import annotations

import sqlite3
from datetime import date

from mentorlog.core import dates
from mentorlog.journal.common import fetch, insert, paged, require_text
from mentorlog.journal.rows import Row, column


class Update(Row):
    id: int
    uuid: str
    mentor_id: int = column(json=False)
    mentor: str = column("mentor_handle")
    on: date = column("on_date")
    text: str


_COLUMNS = "SELECT u.*, m.handle AS mentor_handle"
_FROM = "FROM updates u JOIN mentors m ON m.id = u.mentor_id"


def add(conn: sqlite3.Connection, mentor_id: int, text: str, on: date) -> Update:
    require_text(text, "update")
    new_id = insert(conn, "updates", {"mentor_id": mentor_id, "on_date": on.isoformat(), "text": text})
    return Update.from_row(fetch(conn, f"{_COLUMNS} {_FROM} WHERE u.id = ?", new_id, "update"))


def list_updates(conn: sqlite3.Connection, *, mentor_id: int | None = None, limit: int | None = None):
    """Newest first; with ``limit`` a Page, without, every one in turn."""
    where, args = "", []
    if mentor_id is not None:
        where, args = " WHERE u.mentor_id = ?", [mentor_id]
    return paged(
        conn, _COLUMNS, _FROM + where + " ORDER BY u.on_date DESC, u.id DESC", args, Update.from_row, limit
    )


def last_contact(conn: sqlite3.Connection, mentor_id: int) -> date | None:
    """The day of the latest meeting, update or thanks with the mentor."""
    row = conn.execute(
        """SELECT max(coalesce((SELECT substr(max(held_at), 1, 10) FROM meetings WHERE mentor_id = :m), ''),
                      coalesce((SELECT max(on_date) FROM updates WHERE mentor_id = :m), ''),
                      coalesce((SELECT max(on_date) FROM thanks WHERE mentor_id = :m), ''))""",
        {"m": mentor_id},
    ).fetchone()
    return dates.day_from_db(row[0] or None)
