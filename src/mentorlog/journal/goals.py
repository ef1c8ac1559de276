"""Goals: what the mentoring is for. Progress is derived from the todos linked to a goal."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date

from mentorlog import dates
from mentorlog.errors import UsageError
from mentorlog.journal.common import fetch, insert, require_text, update

_SELECT = """
    SELECT g.*, m.handle AS mentor_handle,
      (SELECT count(*) FROM todos t WHERE t.goal_id = g.id AND t.status = 'done') AS n_done,
      (SELECT count(*) FROM todos t WHERE t.goal_id = g.id AND t.status != 'dropped') AS n_total
    FROM goals g LEFT JOIN mentors m ON m.id = g.mentor_id
"""


@dataclass
class Goal:
    id: int
    uuid: str
    text: str
    mentor_id: int | None
    mentor: str | None
    by: date | None
    status: str
    closed_on: date | None
    done: int
    total: int

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> Goal:
        return cls(
            id=row["id"],
            uuid=row["uuid"],
            text=row["text"],
            mentor_id=row["mentor_id"],
            mentor=row["mentor_handle"],
            by=dates.day_from_db(row["by_date"]),
            status=row["status"],
            closed_on=dates.day_from_db(row["closed_on"]),
            done=row["n_done"],
            total=row["n_total"],
        )

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "text": self.text,
            "mentor": self.mentor,
            "by": self.by.isoformat() if self.by else None,
            "status": self.status,
            "progress": {"done": self.done, "total": self.total},
        }


def get(conn: sqlite3.Connection, goal_id: int) -> Goal:
    return Goal.from_row(fetch(conn, _SELECT + " WHERE g.id = ?", goal_id, "goal"))


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
        where.append("g.status = 'active'")
    if mentor_id is not None:
        where.append("(g.mentor_id = ? OR g.mentor_id IS NULL)" if with_unassigned else "g.mentor_id = ?")
        args.append(mentor_id)
    sql = _SELECT + (" WHERE " + " AND ".join(where) if where else "")
    order = " ORDER BY g.status != 'active', g.by_date IS NULL, g.by_date, g.id"
    return [Goal.from_row(r) for r in conn.execute(sql + order, args)]


def close(conn: sqlite3.Connection, goal_id: int, status: str, on: date) -> Goal:
    goal = get(conn, goal_id)
    if goal.status != "active":
        raise UsageError(f"Goal {goal_id} is {goal.status} already.")
    update(conn, "goals", goal_id, {"status": status, "closed_on": on.isoformat()})
    return get(conn, goal_id)
