"""Topics: questions, concerns, feedback requests and wins to raise at the next check-in."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from mentorlog.errors import UsageError
from mentorlog.journal.common import fetch, insert, require_text, update

KINDS = ("question", "concern", "feedback", "win")
_SELECT = "SELECT t.*, m.handle AS mentor_handle FROM topics t JOIN mentors m ON m.id = t.mentor_id"


@dataclass
class Topic:
    id: int
    uuid: str
    mentor_id: int
    mentor: str
    text: str
    kind: str
    status: str
    raised_in: int | None

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> Topic:
        return cls(
            id=row["id"],
            uuid=row["uuid"],
            mentor_id=row["mentor_id"],
            mentor=row["mentor_handle"],
            text=row["text"],
            kind=row["kind"],
            status=row["status"],
            raised_in=row["raised_in"],
        )

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "mentor": self.mentor,
            "text": self.text,
            "kind": self.kind,
            "status": self.status,
            "raised_in": self.raised_in,
        }


def get(conn: sqlite3.Connection, topic_id: int) -> Topic:
    return Topic.from_row(fetch(conn, _SELECT + " WHERE t.id = ?", topic_id, "topic"))


def add(conn: sqlite3.Connection, mentor_id: int, text: str, kind: str = "question") -> Topic:
    require_text(text, "topic")
    if kind not in KINDS:
        raise UsageError(f"--kind: {kind!r} is not one of {', '.join(KINDS)}.")
    return get(conn, insert(conn, "topics", {"mentor_id": mentor_id, "text": text, "kind": kind}))


def list_topics(
    conn: sqlite3.Connection, *, mentor_id: int | None = None, include_closed: bool = False
) -> list[Topic]:
    where, args = [], []
    if mentor_id is not None:
        where.append("t.mentor_id = ?")
        args.append(mentor_id)
    if not include_closed:
        where.append("t.status = 'open'")
    sql = _SELECT + (" WHERE " + " AND ".join(where) if where else "")
    order = " ORDER BY t.status != 'open', m.handle, " + _KIND_ORDER + ", t.id"
    return [Topic.from_row(r) for r in conn.execute(sql + order, args)]


_KIND_ORDER = "CASE t.kind " + " ".join(f"WHEN '{k}' THEN {i}" for i, k in enumerate(KINDS)) + " END"


def drop(conn: sqlite3.Connection, topic_id: int) -> Topic:
    topic = get(conn, topic_id)
    if topic.status != "open":
        raise UsageError(f"Topic {topic_id} is {topic.status} already.")
    update(conn, "topics", topic_id, {"status": "dropped"})
    return get(conn, topic_id)


def mark_raised(conn: sqlite3.Connection, topic_id: int, mentor_id: int, meeting_id: int) -> None:
    topic = get(conn, topic_id)
    if topic.mentor_id != mentor_id:
        raise UsageError(f"Topic {topic_id} is for {topic.mentor}, not this mentor.")
    update(conn, "topics", topic_id, {"status": "raised", "raised_in": meeting_id})
