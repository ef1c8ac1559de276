"""Closures: how a mentoring relationship came to a close (SPEC §2).

A closure is written when a mentor is ended: its text is Markdown in fixed sections (the
closing), and its ``cadence`` (an RRULE) is how often to keep in touch afterwards. Resuming
the mentor leaves the closure where it is, as part of the relationship's history; the one
that counts is the latest.
"""

from __future__ import annotations

import sqlite3
from datetime import date

from mentorlog.journal import sections
from mentorlog.journal.common import fetch, insert
from mentorlog.journal.rows import Row, column

SECTIONS = (
    "What we set out to do",
    "What I achieved",
    "What worked",
    "What I would do differently",
    "Thanks",
)


class Closure(Row):
    id: int
    uuid: str
    mentor_id: int = column(json=False)
    mentor: str = column("mentor_handle")
    on: date = column("on_date")
    keep_in_touch_rule: str | None = column("cadence", json=False)
    text: str


_COLUMNS = "SELECT c.*, m.handle AS mentor_handle"
_FROM = "FROM closures c JOIN mentors m ON m.id = c.mentor_id"


def add(conn: sqlite3.Connection, mentor_id: int, on: date, text: str, keep_in_touch: str | None) -> Closure:
    new_id = insert(
        conn,
        "closures",
        {"mentor_id": mentor_id, "on_date": on.isoformat(), "text": text, "cadence": keep_in_touch},
    )
    return Closure.from_row(fetch(conn, f"{_COLUMNS} {_FROM} WHERE c.id = ?", new_id, "closure"))


def latest(conn: sqlite3.Connection, mentor_id: int) -> Closure | None:
    row = conn.execute(
        f"{_COLUMNS} {_FROM} WHERE c.mentor_id = ? ORDER BY c.on_date DESC, c.id DESC LIMIT 1", (mentor_id,)
    ).fetchone()
    return Closure.from_row(row) if row else None


def template(mentor, purpose: str, also: tuple[str, ...] = ()) -> str:
    """The editor's buffer for a closing: a comment head (with the ``also`` lines the caller
    adds, ``# `` each), the sections, and the agreement's ``purpose`` where it goes."""
    head = [
        f"# Closing the mentoring with {mentor.name}",
        "# Lines starting with '# ' above the first section are ignored.",
        "# What you write under '## Thanks' is also filed as a thanks.",
        *(f"# {line}" for line in also),
        "",
    ]
    body = {title: [] for title in SECTIONS}
    if purpose:
        body["What we set out to do"] = purpose.split("\n")
    return "\n".join(head) + "\n" + sections.render(body) + "\n"


def thanks_in(text: str) -> str:
    return sections.section(text, "Thanks")


def keep_in_touch_due(conn: sqlite3.Connection) -> list[sqlite3.Row]:
    """Ended mentors whose latest closure asks to keep in touch: handle, name, the cadence and
    the last contact (a meeting, an update or thanks, whichever is latest; a day)."""
    return conn.execute(
        """
        SELECT m.id, m.handle, m.name, c.cadence, c.on_date AS closed_on,
          max(coalesce((SELECT substr(max(held_at), 1, 10) FROM meetings WHERE mentor_id = m.id), ''),
              coalesce((SELECT max(on_date) FROM updates WHERE mentor_id = m.id), ''),
              coalesce((SELECT max(on_date) FROM thanks WHERE mentor_id = m.id), ''),
              c.on_date) AS last_contact
        FROM mentors m
        JOIN closures c ON c.id = (
            SELECT id FROM closures WHERE mentor_id = m.id ORDER BY on_date DESC, id DESC LIMIT 1)
        WHERE m.ended_on IS NOT NULL AND c.cadence IS NOT NULL
        ORDER BY m.handle
        """
    ).fetchall()
