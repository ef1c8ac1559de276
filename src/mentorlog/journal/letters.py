"""What the letters meant for a mentor are made of (a recap after a check-in, an update
draft): only rows filed under that one mentor, and only the fields meant to be shared.

Every query here is filtered by one mentor's id and selects the shared columns by name —
never a meeting's notes, a todo's private note, a parking note, a closing's text or anything
of another mentor (tests/test_relationship.py fills every private field with a marker and
checks each letter).
"""

from __future__ import annotations

import sqlite3
from datetime import date

from mentorlog.core.record import Record


class Filed(Record):
    """What a check-in filed that the mentor may see in a recap."""

    advice: list[str]
    todos: list[tuple[str, date | None]]  # text, due: the open ones (what you will still do)
    thanks: list[str]


def filed_in(conn: sqlite3.Connection, meeting_id: int, mentor_id: int) -> Filed:
    args = (meeting_id, mentor_id)
    advice = [
        r[0]
        for r in conn.execute(
            "SELECT text FROM advice WHERE meeting_id = ? AND mentor_id = ? ORDER BY id", args
        )
    ]
    todos = [
        (r[0], date.fromisoformat(r[1]) if r[1] else None)
        for r in conn.execute(
            "SELECT text, due FROM todos WHERE meeting_id = ? AND mentor_id = ? AND status = 'open'"
            " ORDER BY id",
            args,
        )
    ]
    thanks = [
        r[0]
        for r in conn.execute(
            "SELECT text FROM thanks WHERE meeting_id = ? AND mentor_id = ? ORDER BY id", args
        )
    ]
    return Filed(advice, todos, thanks)


class Since(Record):
    """What happened since the last contact that an update may tell the mentor."""

    wins: list[str]  # win topics queued since
    goals_achieved: list[tuple[str, date]]
    applied: list[tuple[str, str, str | None, date]]  # advice, what you did, outcome, on


def since(conn: sqlite3.Connection, mentor_id: int, after: date | None) -> Since:
    day = after.isoformat() if after else ""
    wins = [
        r[0]
        for r in conn.execute(
            "SELECT text FROM topics WHERE mentor_id = ? AND kind = 'win' AND status != 'dropped'"
            " AND substr(created_at, 1, 10) > ? ORDER BY id",
            (mentor_id, day),
        )
    ]
    goals = [
        (r[0], date.fromisoformat(r[1]))
        for r in conn.execute(
            "SELECT text, closed_on FROM goals WHERE mentor_id = ? AND status = 'achieved'"
            " AND closed_on > ? ORDER BY closed_on, id",
            (mentor_id, day),
        )
    ]
    applied = [
        (r[0], r[1], r[2], date.fromisoformat(r[3]))
        for r in conn.execute(
            "SELECT a.text, p.what, p.outcome, p.on_date"
            " FROM applications p JOIN advice a ON a.id = p.advice_id"
            " WHERE a.mentor_id = ? AND p.on_date > ? ORDER BY p.on_date, p.id",
            (mentor_id, day),
        )
    ]
    return Since(wins, goals, applied)
