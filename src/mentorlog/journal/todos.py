"""Todos: the action items a mentee took on, with an optional mentor, meeting, goal and due
date. Open ones sort overdue first, then by due date, then oldest."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

from mentorlog.core import dates
from mentorlog.core.errors import Suggest, UsageError
from mentorlog.core.record import Record
from mentorlog.journal.common import UNSET, fetch, insert, paged, recorded_after, remove, require_text, update
from mentorlog.journal.rows import Choice, Row, column
from mentorlog.journal.tags import clean, has, word


class Status(Choice):
    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"


_COLUMNS = "SELECT t.*, m.handle AS mentor_handle"
_FROM = "FROM todos t LEFT JOIN mentors m ON m.id = t.mentor_id"
_SELECT = f"{_COLUMNS} {_FROM}"
OPEN_ORDER = "t.due IS NULL, t.due, t.id"
# Todos are due on a day: a time given with a due date is dropped, and the user is told so.
TIME_IGNORED = "the time is ignored: todos are due on a day"


class Todo(Row):
    id: int
    uuid: str
    text: str
    status: Status
    due: date | None
    mentor_id: int | None = column(json=False)
    mentor: str | None = column("mentor_handle")  # handle
    meeting: int | None = column("meeting_id")
    goal: int | None = column("goal_id")
    done_on: date | None
    note: str | None
    tags: list[str]
    created_at: datetime
    updated_at: str = column(json=False)

    def overdue(self, today: date) -> bool:
        return self.status == Status.OPEN and self.due is not None and self.due < today


def get(conn: sqlite3.Connection, todo_id: int) -> Todo:
    return Todo.from_row(fetch(conn, _SELECT + " WHERE t.id = ?", todo_id, "todo"))


class TodoDetail(Record):
    """A todo with what ``todo show`` adds to its list row: its mentor's name, the meeting it
    was filed in (when it was held) and the goal it serves (its text)."""

    todo: Todo
    mentor_name: str | None
    meeting_held_at: datetime | None
    goal_text: str | None

    def to_json(self) -> dict:
        held = self.meeting_held_at
        return {
            **self.todo.to_json(),
            "uuid": self.todo.uuid,
            "mentor_name": self.mentor_name,
            "meeting_held_at": held.isoformat() if held else None,
            "goal_text": self.goal_text,
        }


def detail(conn: sqlite3.Connection, todo_id: int) -> TodoDetail:
    row = fetch(
        conn,
        f"{_COLUMNS}, m.name AS mentor_name, mt.held_at AS meeting_held_at, g.text AS goal_text {_FROM}"
        " LEFT JOIN meetings mt ON mt.id = t.meeting_id LEFT JOIN goals g ON g.id = t.goal_id"
        " WHERE t.id = ?",
        todo_id,
        "todo",
    )
    return TodoDetail(
        Todo.from_row(row), row["mentor_name"], dates.from_db(row["meeting_held_at"]), row["goal_text"]
    )


def add(
    conn: sqlite3.Connection,
    text: str,
    *,
    mentor_id: int | None = None,
    due: date | None = None,
    goal_id: int | None = None,
    meeting_id: int | None = None,
    tags: list[str] | None = None,
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
            **({"tags": clean(tags)} if tags else {}),
        },
    )
    return get(conn, new_id)


def list_todos(
    conn: sqlite3.Connection,
    *,
    status: str | None = "open",
    mentor_id: int | None = None,
    overdue_on: date | None = None,
    limit: int | None = None,
    goal_id: int | None = None,
    tag: str | None = None,
):
    """``status`` None means all; ``overdue_on`` keeps open todos due before that day;
    ``goal_id`` the todos serving that goal. With ``limit`` a Page and the count of all,
    without a list of every one."""
    where, args = [], []
    if goal_id is not None:
        where.append("t.goal_id = ?")
        args.append(goal_id)
    if status:
        where.append("t.status = ?")
        args.append(Status(status).value)
    if mentor_id is not None:
        where.append("t.mentor_id = ?")
        args.append(mentor_id)
    if overdue_on is not None:
        where.append(f"t.status = '{Status.OPEN.value}' AND t.due < ?")
        args.append(overdue_on.isoformat())
    if tag:
        where.append(has("t"))
        args.append(word(tag))
    rest = _FROM + (" WHERE " + " AND ".join(where) if where else "")
    order = OPEN_ORDER if status == Status.OPEN else "t.done_on DESC, t.id DESC"
    if overdue_on is not None:
        order = "t.due, t.id"  # OPEN_ORDER for todos that all have a due day: the index's own order
    elif status is None:
        order = f"t.status != '{Status.OPEN.value}', " + OPEN_ORDER
    found = paged(conn, _COLUMNS, f"{rest} ORDER BY {order}", args, Todo.from_row, limit)
    return found if limit is not None else list(found)


def mark_done(
    conn: sqlite3.Connection, todo_id: int, on: date, note: str | None = None, *, stamp: str | None = None
) -> Todo:
    todo = get(conn, todo_id)
    if todo.status == Status.DONE:
        raise UsageError(
            f"Todo {todo_id} is already done (on {dates.show_short_day(todo.done_on, dates.today())}).",
            hint=Suggest("reopen_todo", id=todo_id),
        )
    values = {"status": Status.DONE.value, "done_on": on.isoformat()}
    if note is not None:
        values["note"] = note
    update(conn, "todos", todo_id, values, stamp=stamp)
    return get(conn, todo_id)


def drop(conn: sqlite3.Connection, todo_id: int, why: str | None, on: date) -> Todo:
    todo = get(conn, todo_id)
    if todo.status == Status.DROPPED:
        raise UsageError(f"Todo {todo_id} is already dropped.")
    values = {"status": Status.DROPPED.value, "done_on": on.isoformat()}
    if why is not None:
        values["note"] = why
    update(conn, "todos", todo_id, values)
    return get(conn, todo_id)


def reopen(conn: sqlite3.Connection, todo_id: int) -> Todo:
    todo = get(conn, todo_id)
    if todo.status == Status.OPEN:
        raise UsageError(f"Todo {todo_id} is open already.")
    update(conn, "todos", todo_id, {"status": Status.OPEN.value, "done_on": None})
    return get(conn, todo_id)


def edit(
    conn: sqlite3.Connection,
    todo_id: int,
    *,
    text: str | None = None,
    due: object = UNSET,
    mentor_id: int | None = None,
    goal_id: int | None = None,
    tags: list[str] | None = None,
) -> Todo:
    get(conn, todo_id)
    values: dict = {}
    if text is not None:
        values["text"] = require_text(text, "todo")
    if due is not UNSET:
        values["due"] = due.isoformat() if due else None
    if mentor_id is not None:
        values["mentor_id"] = mentor_id
    if goal_id is not None:
        fetch(conn, "SELECT id FROM goals WHERE id = ?", goal_id, "goal")
        values["goal_id"] = goal_id
    if tags is not None:
        values["tags"] = clean(tags)
    if not values:
        raise UsageError("Nothing to change.", hint=Suggest("todo_fields"))
    update(conn, "todos", todo_id, values)
    return get(conn, todo_id)


def done_after(
    conn: sqlite3.Connection, mentor_id: int, held_at: datetime, logged_at: str, *, limit: int | None = None
):
    """The mentor's todos done since a meeting held at ``held_at`` and logged at ``logged_at``
    (its ``created_at``), oldest first: done after the meeting's day, or done that day and
    ticked after the meeting's time — the same evening counts, the morning before does not.
    Todos ticked in that meeting's own ``log`` carry its stamp and were reported in it. With
    ``limit`` a Page of that many and the count of all; without, a list."""
    rest = _FROM + (
        " WHERE t.mentor_id = :mentor AND t.status = 'done' AND (t.done_on > :day OR (t.done_on = :day"
        f" AND {recorded_after('t.updated_at', ':held')} AND t.updated_at != :logged))"
        " ORDER BY t.done_on, t.id"
    )
    args = {"mentor": mentor_id, "day": held_at.date().isoformat(), "held": dates.to_db(held_at)}
    found = paged(conn, _COLUMNS, rest, {**args, "logged": logged_at}, Todo.from_row, limit)
    return found if limit is not None else list(found)


def done_between(
    conn: sqlite3.Connection, mentor_id: int, first: date, last: date, *, latest: int | None = None
) -> tuple[list[Todo], int]:
    """The mentor's todos done from ``first`` to ``last`` (days, inclusive), oldest first, and
    how many there are. With ``latest``, only that many, the most recently done, and the count
    of all from SQL: a letter shows a screenful, not ten years of them."""
    where = "WHERE t.mentor_id = ? AND t.status = 'done' AND t.done_on BETWEEN ? AND ?"
    args = (mentor_id, first.isoformat(), last.isoformat())
    if latest is None:
        found = [Todo.from_row(r) for r in conn.execute(f"{_SELECT} {where} ORDER BY t.done_on, t.id", args)]
        return found, len(found)
    newest_first = f"{_FROM} {where} ORDER BY t.done_on DESC, t.id DESC"
    page = paged(conn, _COLUMNS, newest_first, args, Todo.from_row, latest)
    return list(reversed(page)), page.total


def due_by(
    conn: sqlite3.Connection, last_day: date, *, first_day: date | None = None, limit: int | None = None
):
    """Open todos due on or before ``last_day`` (and on or after ``first_day``), of active
    mentors or of none; soonest first. With ``limit`` a Page of that many and the count of all,
    counted in SQL (the index on status and due serves both); without, a list of every one."""
    where = "WHERE t.status = 'open' AND t.due <= ? AND (m.id IS NULL OR m.ended_on IS NULL)"
    args = [last_day.isoformat()]
    if first_day is not None:
        where += " AND t.due >= ?"
        args.append(first_day.isoformat())
    found = paged(conn, _COLUMNS, f"{_FROM} {where} ORDER BY t.due, t.id", args, Todo.from_row, limit)
    return found if limit is not None else list(found)


def delete(conn: sqlite3.Connection, todo_id: int) -> Todo:
    todo = get(conn, todo_id)
    remove(conn, "todos", todo_id)
    return todo
