"""Todos: the action items a mentee took on, with an optional mentor, meeting, goal and due
date. Open ones sort overdue first, then by due date, then oldest."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date

from mentorlog import dates
from mentorlog.errors import UsageError
from mentorlog.journal.common import fetch, insert, require_text, update

_SELECT = """
    SELECT t.*, m.handle AS mentor_handle FROM todos t
    LEFT JOIN mentors m ON m.id = t.mentor_id
"""
OPEN_ORDER = "t.due IS NULL, t.due, t.id"


@dataclass
class Todo:
    id: int
    uuid: str
    text: str
    status: str
    due: date | None
    mentor_id: int | None
    mentor: str | None  # handle
    meeting_id: int | None
    goal_id: int | None
    done_on: date | None
    note: str | None
    created_at: str
    updated_at: str

    def overdue(self, today: date) -> bool:
        return self.status == "open" and self.due is not None and self.due < today

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> Todo:
        return cls(
            id=row["id"],
            uuid=row["uuid"],
            text=row["text"],
            status=row["status"],
            due=dates.day_from_db(row["due"]),
            mentor_id=row["mentor_id"],
            mentor=row["mentor_handle"],
            meeting_id=row["meeting_id"],
            goal_id=row["goal_id"],
            done_on=dates.day_from_db(row["done_on"]),
            note=row["note"],
            created_at=row["created_at"],
            updated_at=row["updated_at"],
        )

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "text": self.text,
            "status": self.status,
            "due": self.due.isoformat() if self.due else None,
            "mentor": self.mentor,
            "meeting": self.meeting_id,
            "goal": self.goal_id,
            "done_on": self.done_on.isoformat() if self.done_on else None,
            "note": self.note,
            "created_at": dates.iso_local(self.created_at),
        }


def get(conn: sqlite3.Connection, todo_id: int) -> Todo:
    return Todo.from_row(fetch(conn, _SELECT + " WHERE t.id = ?", todo_id, "todo"))


def add(
    conn: sqlite3.Connection,
    text: str,
    *,
    mentor_id: int | None = None,
    due: date | None = None,
    goal_id: int | None = None,
    meeting_id: int | None = None,
) -> Todo:
    require_text(text, "todo")
    if goal_id is not None:
        fetch(conn, "SELECT id FROM goals WHERE id = ?", goal_id, "goal")
    new_id = insert(
        conn,
        "todos",
        {
            "text": text,
            "mentor_id": mentor_id,
            "due": due.isoformat() if due else None,
            "goal_id": goal_id,
            "meeting_id": meeting_id,
        },
    )
    return get(conn, new_id)


def list_todos(
    conn: sqlite3.Connection,
    *,
    status: str | None = "open",
    mentor_id: int | None = None,
    overdue_on: date | None = None,
) -> list[Todo]:
    """``status`` None means all; ``overdue_on`` keeps open todos due before that day."""
    where, args = [], []
    if status:
        where.append("t.status = ?")
        args.append(status)
    if mentor_id is not None:
        where.append("t.mentor_id = ?")
        args.append(mentor_id)
    if overdue_on is not None:
        where.append("t.status = 'open' AND t.due < ?")
        args.append(overdue_on.isoformat())
    sql = _SELECT + (" WHERE " + " AND ".join(where) if where else "")
    order = OPEN_ORDER if status == "open" else "t.status != 'open', t.done_on DESC, t.id DESC"
    if status is None:
        order = "t.status != 'open', " + OPEN_ORDER
    return [Todo.from_row(r) for r in conn.execute(f"{sql} ORDER BY {order}", args)]


def mark_done(conn: sqlite3.Connection, todo_id: int, on: date, note: str | None = None) -> Todo:
    todo = get(conn, todo_id)
    if todo.status == "done":
        raise UsageError(
            f"Todo {todo_id} is already done (on {todo.done_on}).",
            hint=f"mentorlog todo reopen {todo_id} to open it again.",
        )
    values = {"status": "done", "done_on": on.isoformat()}
    if note is not None:
        values["note"] = note
    update(conn, "todos", todo_id, values)
    return get(conn, todo_id)


def drop(conn: sqlite3.Connection, todo_id: int, why: str | None, on: date) -> Todo:
    todo = get(conn, todo_id)
    if todo.status == "dropped":
        raise UsageError(f"Todo {todo_id} is already dropped.")
    values = {"status": "dropped", "done_on": on.isoformat()}
    if why is not None:
        values["note"] = why
    update(conn, "todos", todo_id, values)
    return get(conn, todo_id)


def reopen(conn: sqlite3.Connection, todo_id: int) -> Todo:
    todo = get(conn, todo_id)
    if todo.status == "open":
        raise UsageError(f"Todo {todo_id} is open already.")
    update(conn, "todos", todo_id, {"status": "open", "done_on": None})
    return get(conn, todo_id)


_UNSET = object()


def edit(
    conn: sqlite3.Connection,
    todo_id: int,
    *,
    text: str | None = None,
    due: object = _UNSET,
    mentor_id: int | None = None,
    goal_id: int | None = None,
) -> Todo:
    get(conn, todo_id)
    values: dict = {}
    if text is not None:
        values["text"] = require_text(text, "todo")
    if due is not _UNSET:
        values["due"] = due.isoformat() if due else None
    if mentor_id is not None:
        values["mentor_id"] = mentor_id
    if goal_id is not None:
        fetch(conn, "SELECT id FROM goals WHERE id = ?", goal_id, "goal")
        values["goal_id"] = goal_id
    if not values:
        raise UsageError("Nothing to change.", hint="Pass --text, --due, --mentor or --goal.")
    update(conn, "todos", todo_id, values)
    return get(conn, todo_id)


def done_after(conn: sqlite3.Connection, mentor_id: int, after: date) -> list[Todo]:
    """The mentor's todos done after ``after`` (a day), oldest first."""
    sql = _SELECT + " WHERE t.mentor_id = ? AND t.status = 'done' AND t.done_on > ? ORDER BY t.done_on, t.id"
    return [Todo.from_row(r) for r in conn.execute(sql, (mentor_id, after.isoformat()))]
