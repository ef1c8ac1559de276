"""Thanks: the appreciation a mentee expressed to a mentor, and when."""

from __future__ import annotations

import sqlite3
from datetime import date

from mentorlog.journal.common import fetch, insert, paged, remove, require_text, update
from mentorlog.journal.rows import Row, column

AFTER_DAYS = 90  # no thanks to a mentor for this long, review and remind nudge


class Thanks(Row):
    id: int
    uuid: str
    mentor_id: int = column(json=False)
    mentor: str = column("mentor_handle")
    text: str
    on: date = column("on_date")
    meeting: int | None = column("meeting_id", json=False)


_COLUMNS = "SELECT t.*, m.handle AS mentor_handle"
_FROM = "FROM thanks t JOIN mentors m ON m.id = t.mentor_id"
_SELECT = f"{_COLUMNS} {_FROM}"


def add(
    conn: sqlite3.Connection, mentor_id: int, text: str, on: date, meeting_id: int | None = None
) -> Thanks:
    require_text(text, "thanks")
    new_id = insert(
        conn,
        "thanks",
        {"mentor_id": mentor_id, "text": text, "on_date": on.isoformat(), "meeting_id": meeting_id},
    )
    return get(conn, new_id)


def get(conn: sqlite3.Connection, thanks_id: int) -> Thanks:
    return Thanks.from_row(fetch(conn, _SELECT + " WHERE t.id = ?", thanks_id, "thanks"))


def edit(
    conn: sqlite3.Connection, thanks_id: int, *, text: str | None = None, on: date | None = None
) -> Thanks:
    get(conn, thanks_id)
    values: dict = {}
    if text is not None:
        values["text"] = require_text(text, "thanks")
    if on is not None:
        values["on_date"] = on.isoformat()
    update(conn, "thanks", thanks_id, values)
    return get(conn, thanks_id)


def delete(conn: sqlite3.Connection, thanks_id: int) -> Thanks:
    found = get(conn, thanks_id)
    remove(conn, "thanks", thanks_id)
    return found


def list_thanks(conn: sqlite3.Connection, *, mentor_id: int | None = None, limit: int | None = None):
    """Newest first; with ``limit`` a Page, without, every one in turn."""
    where, args = "", []
    if mentor_id is not None:
        where, args = " WHERE t.mentor_id = ?", [mentor_id]
    rest = _FROM + where + " ORDER BY t.on_date DESC, t.id DESC"
    return paged(conn, _COLUMNS, rest, args, Thanks.from_row, limit)


def last_on(conn: sqlite3.Connection, mentor_id: int) -> date | None:
    row = conn.execute("SELECT max(on_date) FROM thanks WHERE mentor_id = ?", (mentor_id,)).fetchone()
    return date.fromisoformat(row[0]) if row[0] else None


def between(conn: sqlite3.Connection, mentor_id: int, first: date, last: date) -> list[Thanks]:
    """The mentor's thanks from ``first`` to ``last`` (days, inclusive), oldest first."""
    sql = _SELECT + " WHERE t.mentor_id = ? AND t.on_date BETWEEN ? AND ? ORDER BY t.on_date, t.id"
    return [Thanks.from_row(r) for r in conn.execute(sql, (mentor_id, first.isoformat(), last.isoformat()))]
