"""Goals: what the mentoring is for. Progress is derived from the todos linked to a goal."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

from mentorlog.core import dates
from mentorlog.core.errors import UsageError
from mentorlog.journal.common import UNSET, fetch, insert, recorded_after, remove, require_text, update
from mentorlog.journal.rows import Choice, Row, column


class Status(Choice):
    ACTIVE = "active"
    ACHIEVED = "achieved"
    DROPPED = "dropped"


_SELECT = """
    SELECT g.*, m.handle AS mentor_handle,
      (SELECT count(*) FROM todos t WHERE t.goal_id = g.id AND t.status = 'done') AS done,
      (SELECT count(*) FROM todos t WHERE t.goal_id = g.id AND t.status != 'dropped') AS total
    FROM goals g LEFT JOIN mentors m ON m.id = g.mentor_id
"""


class Goal(Row):
    id: int
    uuid: str
    text: str
    mentor_id: int | None = column(json=False)
    mentor: str | None = column("mentor_handle")
    by: date | None = column("by_date")
    status: Status
    closed_on: date | None = column(json=False)
    done: int = column(json=False)
    total: int = column(json=False)

    def to_json(self) -> dict:
        return {**super().to_json(), "progress": {"done": self.done, "total": self.total}}


def get(conn: sqlite3.Connection, goal_id: int) -> Goal:
    return Goal.from_row(fetch(conn, _SELECT + " WHERE g.id = ?", goal_id, "goal"))


def mentor_name(conn: sqlite3.Connection, goal: Goal) -> str | None:
    """The full name of the goal's mentor, for ``goal show``."""
    if goal.mentor_id is None:
        return None
    row = conn.execute("SELECT name FROM mentors WHERE id = ?", (goal.mentor_id,)).fetchone()
    return row["name"] if row else None


def show_json(goal: Goal, mentor_name: str | None) -> dict:
    """What ``goal show --json`` adds to the goal's list row (its todos aside)."""
    return {
        "uuid": goal.uuid,
        "mentor_name": mentor_name,
        "closed_on": goal.closed_on.isoformat() if goal.closed_on else None,
    }


def add(conn: sqlite3.Connection, text: str, *, mentor_id: int | None, by: date | None) -> Goal:
    require_text(text, "goal")
    values = {"text": text, "mentor_id": mentor_id, "by_date": by.isoformat() if by else None}
    return get(conn, insert(conn, "goals", values))


def list_goals(
    conn: sqlite3.Connection,
    *,
    include_closed: bool = False,
    mentor_id: int | None = None,
    with_unassigned: bool = False,
) -> list[Goal]:
    """Goals; ``mentor_id`` keeps that mentor's (and, ``with_unassigned``, goals of no mentor)."""
    where, args = [], []
    if not include_closed:
        where.append(f"g.status = '{Status.ACTIVE.value}'")
    if mentor_id is not None:
        where.append("(g.mentor_id = ? OR g.mentor_id IS NULL)" if with_unassigned else "g.mentor_id = ?")
        args.append(mentor_id)
    sql = _SELECT + (" WHERE " + " AND ".join(where) if where else "")
    order = " ORDER BY g.status != 'active', g.by_date IS NULL, g.by_date, g.id"
    return [Goal.from_row(r) for r in conn.execute(sql + order, args)]


def open_during(conn: sqlite3.Connection, mentor_id: int, start: datetime, end: datetime) -> list[Goal]:
    """The mentor's goals open at some time from ``start`` to ``end`` (instants): set by
    ``end``, and still active, closed on ``start``'s day or later, or closed on a day nobody
    recorded (an imported goal) — a report's goals, not every goal ever set."""
    sql = (
        _SELECT + f" WHERE g.mentor_id = :mentor AND NOT {recorded_after('g.created_at', ':end')}"
        f" AND (g.status = '{Status.ACTIVE.value}' OR g.closed_on IS NULL OR g.closed_on >= :first)"
        " ORDER BY g.status != 'active', g.by_date IS NULL, g.by_date, g.id"
    )
    args = {"mentor": mentor_id, "first": start.date().isoformat(), "end": dates.to_db(end)}
    return [Goal.from_row(r) for r in conn.execute(sql, args)]


def close(conn: sqlite3.Connection, goal_id: int, status: Status, on: date) -> Goal:
    goal = get(conn, goal_id)
    if goal.status != Status.ACTIVE:
        raise UsageError(f"Goal {goal_id} is {goal.status} already.")
    update(conn, "goals", goal_id, {"status": Status(status).value, "closed_on": on.isoformat()})
    return get(conn, goal_id)


def edit(
    conn: sqlite3.Connection,
    goal_id: int,
    *,
    text: str | None = None,
    mentor_id: object = UNSET,
    by: object = UNSET,
) -> Goal:
    """Correct a goal; ``mentor_id`` or ``by`` None clears it."""
    get(conn, goal_id)
    values: dict = {}
    if text is not None:
        values["text"] = require_text(text, "goal")
    if mentor_id is not UNSET:
        values["mentor_id"] = mentor_id
    if by is not UNSET:
        values["by_date"] = by.isoformat() if by else None
    update(conn, "goals", goal_id, values)
    return get(conn, goal_id)


def delete(conn: sqlite3.Connection, goal_id: int) -> Goal:
    """Delete a goal; the todos linked to it stay, unlinked."""
    goal = get(conn, goal_id)
    remove(conn, "goals", goal_id)
    return goal
