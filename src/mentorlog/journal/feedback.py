"""Feedback: what a mentor told you about your work (received), or what you told them about
their mentoring (given), and when. Asking for feedback is a ``feedback`` topic that was raised
(``topics``); this ledger holds what came of it. Private: nothing meant for the mentor shows it.
"""

from __future__ import annotations

import sqlite3
from datetime import date

from mentorlog.journal.common import day_heard, fetch, insert, paged, remove, require_text, update
from mentorlog.journal.rows import Choice, Row, column


class Direction(Choice):
    RECEIVED = "received"
    GIVEN = "given"


class Feedback(Row):
    id: int
    uuid: str
    mentor_id: int = column(json=False)
    mentor: str = column("mentor_handle")
    direction: Direction
    text: str
    on: date = column("on_date")
    meeting: int | None = column("meeting_id")


_COLUMNS = "SELECT f.*, m.handle AS mentor_handle"
_FROM = "FROM feedback f JOIN mentors m ON m.id = f.mentor_id"
_SELECT = f"{_COLUMNS} {_FROM}"


def get(conn: sqlite3.Connection, feedback_id: int) -> Feedback:
    return Feedback.from_row(fetch(conn, _SELECT + " WHERE f.id = ?", feedback_id, "feedback"))


def add(
    conn: sqlite3.Connection,
    mentor_id: int,
    text: str,
    on: date | None,
    *,
    direction: Direction = Direction.RECEIVED,
    meeting_id: int | None = None,
) -> Feedback:
    """``on`` None: the day of the check-in it came up in, else today."""
    require_text(text, "feedback")
    on = day_heard(conn, mentor_id, meeting_id, on)
    values = {
        "mentor_id": mentor_id,
        "direction": Direction(direction).value,
        "text": text,
        "on_date": on.isoformat(),
        "meeting_id": meeting_id,
    }
    return get(conn, insert(conn, "feedback", values))


def edit(
    conn: sqlite3.Connection,
    feedback_id: int,
    *,
    text: str | None = None,
    on: date | None = None,
    direction: Direction | None = None,
) -> Feedback:
    get(conn, feedback_id)
    values: dict = {}
    if text is not None:
        values["text"] = require_text(text, "feedback")
    if on is not None:
        values["on_date"] = on.isoformat()
    if direction is not None:
        values["direction"] = Direction(direction).value
    update(conn, "feedback", feedback_id, values)
    return get(conn, feedback_id)


def delete(conn: sqlite3.Connection, feedback_id: int) -> Feedback:
    found = get(conn, feedback_id)
    remove(conn, "feedback", feedback_id)
    return found


def list_feedback(
    conn: sqlite3.Connection,
    *,
    mentor_id: int | None = None,
    direction: Direction | None = None,
    limit: int | None = None,
):
    """Newest first; with ``limit`` a Page, without, every one in turn."""
    where, args = [], []
    if mentor_id is not None:
        where.append("f.mentor_id = ?")
        args.append(mentor_id)
    if direction is not None:
        where.append("f.direction = ?")
        args.append(Direction(direction).value)
    rest = _FROM + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY f.on_date DESC, f.id DESC"
    return paged(conn, _COLUMNS, rest, args, Feedback.from_row, limit)
