"""Notes: private journal entries between check-ins (SPEC §2 "Notes, tags, and today"), about
one mentor or none, with tags. A note is never part of anything meant for the mentor."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from mentorlog.core import dates
from mentorlog.journal.advice import clean_tags
from mentorlog.journal.common import UNSET, fetch, insert, paged, remove, require_text, update
from mentorlog.journal.rows import Row, column


class Note(Row):
    id: int
    uuid: str
    mentor_id: int | None = column(json=False)
    mentor: str | None = column("mentor_handle")
    on: datetime = column("written_at")
    text: str
    tags: list[str]


_COLUMNS = "SELECT n.*, m.handle AS mentor_handle"
_FROM = "FROM notes n LEFT JOIN mentors m ON m.id = n.mentor_id"
_SELECT = f"{_COLUMNS} {_FROM}"


def add(
    conn: sqlite3.Connection, mentor_id: int | None, text: str, at: datetime, tags: list[str] | None = None
) -> Note:
    require_text(text, "note")
    values = {"mentor_id": mentor_id, "written_at": dates.to_db(at), "text": text, "tags": clean_tags(tags)}
    return get(conn, insert(conn, "notes", values))


def get(conn: sqlite3.Connection, note_id: int) -> Note:
    return Note.from_row(fetch(conn, _SELECT + " WHERE n.id = ?", note_id, "note"))


def edit(
    conn: sqlite3.Connection,
    note_id: int,
    *,
    text: str | None = None,
    at: datetime | None = None,
    mentor_id=UNSET,
    tags: list[str] | None = None,
) -> Note:
    """Change what is given; ``mentor_id`` None files it under no mentor."""
    get(conn, note_id)
    values: dict = {}
    if text is not None:
        values["text"] = require_text(text, "note")
    if at is not None:
        values["written_at"] = dates.to_db(at)
    if mentor_id is not UNSET:
        values["mentor_id"] = mentor_id
    if tags is not None:
        values["tags"] = clean_tags(tags)
    update(conn, "notes", note_id, values)
    return get(conn, note_id)


def delete(conn: sqlite3.Connection, note_id: int) -> Note:
    found = get(conn, note_id)
    remove(conn, "notes", note_id)
    return found


def list_notes(
    conn: sqlite3.Connection,
    *,
    mentor_id: int | None = None,
    since: datetime | None = None,
    after: datetime | None = None,
    tag: str | None = None,
    limit: int | None = None,
):
    """Newest first, written at ``since`` or later, or strictly ``after`` an instant; with
    ``limit`` a Page (a screenful and the count), without, every one."""
    where, args = [], []
    if mentor_id is not None:
        where.append("n.mentor_id = ?")
        args.append(mentor_id)
    if since is not None:
        where.append("n.written_at >= ?")
        args.append(dates.to_db(since))
    if after is not None:
        where.append("n.written_at > ?")
        args.append(dates.to_db(after))
    if tag:
        where.append("EXISTS (SELECT 1 FROM json_each(n.tags) WHERE value = ?)")
        args.append(tag.strip().lower())
    clause = f" WHERE {' AND '.join(where)}" if where else ""
    rest = f"{_FROM}{clause} ORDER BY n.written_at DESC, n.id DESC"
    return paged(conn, _COLUMNS, rest, args, Note.from_row, limit)
