"""Advice a mentor gave, and each time it was applied with its outcome.

An advice entry's status is derived, never stored: ``parked`` while parked-until is in the
future, else ``applied`` once it has an application, else ``untried``.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from datetime import date

from mentorlog import dates
from mentorlog.errors import UsageError
from mentorlog.journal.common import fetch, insert, require_text, update

OUTCOMES = ("worked", "mixed", "failed", "unsure")

_SELECT = """
    SELECT a.*, m.handle AS mentor_handle,
      (SELECT count(*) FROM applications p WHERE p.advice_id = a.id) AS n_applied,
      (SELECT min(on_date) FROM applications p WHERE p.advice_id = a.id) AS first_applied,
      (SELECT max(on_date) FROM applications p WHERE p.advice_id = a.id) AS last_applied
    FROM advice a JOIN mentors m ON m.id = a.mentor_id
"""


@dataclass
class Application:
    id: int
    uuid: str
    advice_id: int
    on: date
    what: str
    outcome: str | None
    reflection: str | None

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> Application:
        return cls(
            id=row["id"],
            uuid=row["uuid"],
            advice_id=row["advice_id"],
            on=date.fromisoformat(row["on_date"]),
            what=row["what"],
            outcome=row["outcome"],
            reflection=row["reflection"],
        )

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "advice": self.advice_id,
            "on": self.on.isoformat(),
            "what": self.what,
            "outcome": self.outcome,
            "reflection": self.reflection,
        }


@dataclass
class Advice:
    id: int
    uuid: str
    text: str
    mentor_id: int
    mentor: str
    meeting_id: int | None
    tags: list[str]
    given_on: date
    parked_until: date | None
    park_note: str | None
    applied: int
    first_applied: date | None
    last_applied: date | None
    created_at: str
    applications: list[Application] = field(default_factory=list)

    def status(self, today: date) -> str:
        if self.parked_until is not None and self.parked_until > today:
            return "parked"
        return "applied" if self.applied else "untried"

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> Advice:
        return cls(
            id=row["id"],
            uuid=row["uuid"],
            text=row["text"],
            mentor_id=row["mentor_id"],
            mentor=row["mentor_handle"],
            meeting_id=row["meeting_id"],
            tags=json.loads(row["tags"]),
            given_on=date.fromisoformat(row["given_on"]),
            parked_until=dates.day_from_db(row["parked_until"]),
            park_note=row["park_note"],
            applied=row["n_applied"],
            first_applied=dates.day_from_db(row["first_applied"]),
            last_applied=dates.day_from_db(row["last_applied"]),
            created_at=row["created_at"],
        )

    def to_json(self, today: date, with_applications: bool = False) -> dict:
        data = {
            "id": self.id,
            "text": self.text,
            "mentor": self.mentor,
            "meeting": self.meeting_id,
            "status": self.status(today),
            "given_on": self.given_on.isoformat(),
            "applications": self.applied,
            "last_applied": self.last_applied.isoformat() if self.last_applied else None,
            "parked_until": self.parked_until.isoformat() if self.parked_until else None,
            "tags": self.tags,
        }
        if with_applications:
            data["applications"] = [a.to_json() for a in self.applications]
        return data


def get(conn: sqlite3.Connection, advice_id: int, *, with_applications: bool = False) -> Advice:
    advice = Advice.from_row(fetch(conn, _SELECT + " WHERE a.id = ?", advice_id, "advice"))
    if with_applications:
        advice.applications = [
            Application.from_row(r)
            for r in conn.execute(
                "SELECT * FROM applications WHERE advice_id = ? ORDER BY on_date, id", (advice_id,)
            )
        ]
    return advice


def add(
    conn: sqlite3.Connection,
    mentor_id: int,
    text: str,
    *,
    given_on: date,
    meeting_id: int | None = None,
    tags: list[str] | None = None,
) -> Advice:
    require_text(text, "advice")
    if meeting_id is not None:
        fetch(conn, "SELECT id FROM meetings WHERE id = ?", meeting_id, "meeting")
    clean_tags = sorted({t.strip().lower() for t in tags or [] if t.strip()})
    new_id = insert(
        conn,
        "advice",
        {
            "text": text,
            "mentor_id": mentor_id,
            "meeting_id": meeting_id,
            "tags": json.dumps(clean_tags, ensure_ascii=False),
            "given_on": given_on.isoformat(),
        },
    )
    return get(conn, new_id)


def list_advice(
    conn: sqlite3.Connection,
    today: date,
    *,
    mentor_id: int | None = None,
    status: str | None = None,
    tag: str | None = None,
) -> list[Advice]:
    where, args = [], []
    if mentor_id is not None:
        where.append("a.mentor_id = ?")
        args.append(mentor_id)
    if tag:
        where.append("EXISTS (SELECT 1 FROM json_each(a.tags) WHERE value = ?)")
        args.append(tag.strip().lower())
    sql = _SELECT + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY a.given_on, a.id"
    found = [Advice.from_row(r) for r in conn.execute(sql, args)]
    return [a for a in found if status is None or a.status(today) == status]


def apply(
    conn: sqlite3.Connection,
    advice_id: int,
    what: str,
    *,
    on: date,
    outcome: str | None = None,
    reflection: str | None = None,
) -> Application:
    get(conn, advice_id)
    require_text(what, "what-you-did")
    if outcome is not None and outcome not in OUTCOMES:
        raise UsageError(f"--outcome: {outcome!r} is not one of {', '.join(OUTCOMES)}.")
    new_id = insert(
        conn,
        "applications",
        {
            "advice_id": advice_id,
            "on_date": on.isoformat(),
            "what": what,
            "outcome": outcome,
            "reflection": reflection,
        },
    )
    # Applying parked advice un-parks it: it is being used.
    update(conn, "advice", advice_id, {"parked_until": None})
    return Application.from_row(conn.execute("SELECT * FROM applications WHERE id = ?", (new_id,)).fetchone())


def park(conn: sqlite3.Connection, advice_id: int, until: date, why: str | None) -> Advice:
    get(conn, advice_id)
    update(conn, "advice", advice_id, {"parked_until": until.isoformat(), "park_note": why})
    return get(conn, advice_id)


def unpark(conn: sqlite3.Connection, advice_id: int) -> Advice:
    advice = get(conn, advice_id)
    if advice.parked_until is None:
        raise UsageError(f"Advice {advice_id} is not parked.")
    update(conn, "advice", advice_id, {"parked_until": None, "park_note": None})
    return get(conn, advice_id)


def list_waiting(conn: sqlite3.Connection, mentor_id: int, today: date) -> list[Advice]:
    """Advice of a mentor that waits for attention: never applied and not parked into the
    future, or parked with its time up. Oldest first."""
    sql = (
        _SELECT
        + """ WHERE a.mentor_id = ? AND (
            (a.parked_until IS NULL AND NOT EXISTS (SELECT 1 FROM applications p WHERE p.advice_id = a.id))
            OR a.parked_until <= ?)
        ORDER BY a.given_on, a.id"""
    )
    return [Advice.from_row(r) for r in conn.execute(sql, (mentor_id, today.isoformat()))]
