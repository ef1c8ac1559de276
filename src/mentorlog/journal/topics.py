"""Topics: questions, concerns, feedback requests and wins to raise at the next check-in."""

from __future__ import annotations

import sqlite3

from mentorlog.core import dates
from mentorlog.core.errors import Suggest, UsageError
from mentorlog.journal.common import Page, fetch, insert, remove, require_text, update
from mentorlog.journal.rows import Choice, Row, column
from mentorlog.journal.tags import clean, has, word


class Kind(Choice):
    QUESTION = "question"
    CONCERN = "concern"
    FEEDBACK = "feedback"
    WIN = "win"

    @property
    def label(self) -> str:
        """The kind as a label in the agenda a mentor reads."""
        return "Feedback request" if self is Kind.FEEDBACK else self.value.capitalize()


class Status(Choice):
    OPEN = "open"
    RAISED = "raised"
    DROPPED = "dropped"


KINDS = tuple(Kind)  # in the order a brief shows them
_SELECT = "SELECT t.*, m.handle AS mentor_handle FROM topics t JOIN mentors m ON m.id = t.mentor_id"


class Topic(Row):
    id: int
    uuid: str
    mentor_id: int = column(json=False)
    mentor: str = column("mentor_handle")
    text: str
    kind: Kind
    status: Status
    raised_in: int | None
    tags: list[str]


def get(conn: sqlite3.Connection, topic_id: int) -> Topic:
    return Topic.from_row(fetch(conn, _SELECT + " WHERE t.id = ?", topic_id, "topic"))


def add(
    conn: sqlite3.Connection,
    mentor_id: int,
    text: str,
    kind: Kind = Kind.QUESTION,
    tags: list[str] | None = None,
) -> Topic:
    require_text(text, "topic")
    values = {"mentor_id": mentor_id, "text": text, "kind": Kind(kind).value}
    if tags:
        values["tags"] = clean(tags)
    return get(conn, insert(conn, "topics", values))


def list_topics(
    conn: sqlite3.Connection,
    *,
    mentor_id: int | None = None,
    include_closed: bool = False,
    tag: str | None = None,
) -> list[Topic]:
    where, args = [], []
    if tag:
        where.append(has("t"))
        args.append(word(tag))
    if mentor_id is not None:
        where.append("t.mentor_id = ?")
        args.append(mentor_id)
    if not include_closed:
        where.append("t.status = 'open'")
    sql = _SELECT + (" WHERE " + " AND ".join(where) if where else "")
    order = " ORDER BY t.status != 'open', m.handle, " + _KIND_ORDER + ", t.id"
    return [Topic.from_row(r) for r in conn.execute(sql + order, args)]


_KIND_ORDER = "CASE t.kind " + " ".join(f"WHEN '{k.value}' THEN {i}" for i, k in enumerate(KINDS)) + " END"


def list_open(
    conn: sqlite3.Connection,
    *,
    mentor_id: int | None = None,
    kind: Kind | None = None,
    limit: int | None = None,
    tag: str | None = None,
):
    """Open topics in the order of ``list_topics`` (mentor's handle, kind, id), optionally of one
    ``kind``. With ``limit`` a Page of that many and the count of all, counted in SQL; without,
    every one, one at a time. Each mentor's topics come in order from the index on (mentor,
    status, kind order), so a thousand open topics are never sorted to show a screenful: the
    mentors (a handful of rows) are walked by handle, and the walk stops when the page is full."""
    where = f"t.status = '{Status.OPEN.value}'"
    args: list = []
    order = "" if kind is not None else f"{_KIND_ORDER}, "  # one kind: the index gives it by id
    if kind is not None:
        where += f" AND {_KIND_ORDER} = ?"
        args.append(KINDS.index(Kind(kind)))
    if tag:
        where += f" AND {has('t')}"
        args.append(word(tag))
    if mentor_id is not None:
        owners = [mentor_id]
    else:
        owners = [r[0] for r in conn.execute("SELECT id FROM mentors ORDER BY handle")]

    def rows():
        left = limit
        for owner in owners:
            if left is not None and left <= 0:
                return
            cut = "" if left is None else f" LIMIT {int(left)}"
            sql = f"{_SELECT} WHERE t.mentor_id = ? AND {where} ORDER BY {order}t.id{cut}"
            for r in conn.execute(sql, [owner, *args]):
                if left is not None:
                    left -= 1
                yield Topic.from_row(r)

    if limit is None:
        return rows()
    found = list(rows())
    if len(found) < limit:
        return Page(found, len(found))
    who = "" if mentor_id is None else " AND t.mentor_id = ?"
    total = conn.execute(
        f"SELECT count(*) FROM topics t WHERE {where}{who}",
        [*args, *([] if mentor_id is None else [mentor_id])],
    ).fetchone()[0]
    return Page(found, total)


def drop(conn: sqlite3.Connection, topic_id: int) -> Topic:
    topic = get(conn, topic_id)
    if topic.status != Status.OPEN:
        raise UsageError(f"Topic {topic_id} is {topic.status} already.")
    update(conn, "topics", topic_id, {"status": Status.DROPPED.value})
    return get(conn, topic_id)


def mark_raised(conn: sqlite3.Connection, topic_id: int, mentor_id: int, meeting_id: int) -> None:
    topic = get(conn, topic_id)
    if topic.mentor_id != mentor_id:
        raise UsageError(f"Topic {topic_id} is for {topic.mentor}, not this mentor.")
    if topic.raised_in is not None and topic.raised_in != meeting_id:
        # moving it would take it from the meeting it was raised in
        held = conn.execute("SELECT held_at FROM meetings WHERE id = ?", (topic.raised_in,)).fetchone()
        when = f" ({dates.show_when(dates.from_db(held[0]))})" if held else ""
        raise UsageError(
            f"Topic {topic_id} was already raised in meeting {topic.raised_in}{when}.",
            hint=Suggest("show_meeting", id=topic.raised_in),
        )
    update(conn, "topics", topic_id, {"status": Status.RAISED.value, "raised_in": meeting_id})


def edit(
    conn: sqlite3.Connection,
    topic_id: int,
    *,
    text: str | None = None,
    kind: Kind | None = None,
    mentor_id: int | None = None,
    tags: list[str] | None = None,
) -> Topic:
    """Correct a topic. One raised in a meeting stays with that meeting's mentor."""
    topic = get(conn, topic_id)
    values: dict = {}
    if tags is not None:
        values["tags"] = clean(tags)
    if text is not None:
        values["text"] = require_text(text, "topic")
    if kind is not None:
        values["kind"] = Kind(kind).value
    if mentor_id is not None and mentor_id != topic.mentor_id:
        if topic.raised_in is not None:
            raise UsageError(
                f"Topic {topic_id} was raised in meeting {topic.raised_in} with {topic.mentor}; "
                "it stays with that mentor.",
                hint=Suggest("queue_topic"),
            )
        values["mentor_id"] = mentor_id
    update(conn, "topics", topic_id, values)
    return get(conn, topic_id)


def delete(conn: sqlite3.Connection, topic_id: int) -> Topic:
    topic = get(conn, topic_id)
    remove(conn, "topics", topic_id)
    return topic
