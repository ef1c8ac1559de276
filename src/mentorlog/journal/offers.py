"""Offers: what a mentor offered to do for you — an introduction to a person, a review, a
resource — and what came of it (SPEC §2 "Growth"). Open until done (with an outcome) or
declined. ``review`` lists the open ones and nudges to thank the mentor for one done.
"""

from __future__ import annotations

import sqlite3
from datetime import date

from mentorlog.core.errors import UsageError
from mentorlog.journal.common import UNSET, day_heard, fetch, insert, paged, remove, require_text, update
from mentorlog.journal.rows import Choice, Row, column


class Status(Choice):
    OPEN = "open"
    DONE = "done"
    DECLINED = "declined"


class Offer(Row):
    id: int
    uuid: str
    mentor_id: int = column(json=False)
    mentor: str = column("mentor_handle")
    text: str
    person: str | None
    status: Status
    outcome: str | None
    on: date = column("on_date")
    done_on: date | None
    meeting: int | None = column("meeting_id")


_COLUMNS = "SELECT o.*, m.handle AS mentor_handle"
_FROM = "FROM offers o JOIN mentors m ON m.id = o.mentor_id"
_SELECT = f"{_COLUMNS} {_FROM}"


def get(conn: sqlite3.Connection, offer_id: int) -> Offer:
    return Offer.from_row(fetch(conn, _SELECT + " WHERE o.id = ?", offer_id, "offer"))


def add(
    conn: sqlite3.Connection,
    mentor_id: int,
    text: str,
    on: date | None,
    *,
    person: str | None = None,
    meeting_id: int | None = None,
) -> Offer:
    """``on`` None: the day of the check-in it came up in, else today."""
    require_text(text, "offer")
    if person is not None:
        require_text(person, "person")
    on = day_heard(conn, mentor_id, meeting_id, on)
    values = {
        "mentor_id": mentor_id,
        "text": text,
        "person": person,
        "on_date": on.isoformat(),
        "meeting_id": meeting_id,
    }
    return get(conn, insert(conn, "offers", values))


def close(
    conn: sqlite3.Connection, offer_id: int, status: Status, on: date, outcome: str | None = None
) -> Offer:
    """Mark an open offer done (with what came of it) or declined."""
    offer = get(conn, offer_id)
    if offer.status != Status.OPEN:
        raise UsageError(f"Offer {offer_id} is {offer.status} already.")
    values = {"status": Status(status).value, "done_on": on.isoformat()}
    if outcome is not None:
        values["outcome"] = require_text(outcome, "outcome")
    update(conn, "offers", offer_id, values)
    return get(conn, offer_id)


def edit(
    conn: sqlite3.Connection,
    offer_id: int,
    *,
    text: str | None = None,
    person: object = UNSET,
    outcome: object = UNSET,
    on: date | None = None,
) -> Offer:
    """Correct an offer; ``person`` or ``outcome`` None clears it."""
    get(conn, offer_id)
    values: dict = {}
    if text is not None:
        values["text"] = require_text(text, "offer")
    if person is not UNSET:
        values["person"] = require_text(person, "person") if person is not None else None
    if outcome is not UNSET:
        values["outcome"] = require_text(outcome, "outcome") if outcome is not None else None
    if on is not None:
        values["on_date"] = on.isoformat()
    update(conn, "offers", offer_id, values)
    return get(conn, offer_id)


def delete(conn: sqlite3.Connection, offer_id: int) -> Offer:
    found = get(conn, offer_id)
    remove(conn, "offers", offer_id)
    return found


def list_offers(
    conn: sqlite3.Connection,
    *,
    mentor_id: int | None = None,
    include_closed: bool = False,
    limit: int | None = None,
):
    """Open offers, oldest first (``include_closed``: every offer, newest first); with
    ``limit`` a Page."""
    where, args = [], []
    if not include_closed:
        where.append(f"o.status = '{Status.OPEN.value}'")
    if mentor_id is not None:
        where.append("o.mentor_id = ?")
        args.append(mentor_id)
    order = " ORDER BY o.on_date DESC, o.id DESC" if include_closed else " ORDER BY o.on_date, o.id"
    rest = _FROM + (" WHERE " + " AND ".join(where) if where else "") + order
    return paged(conn, _COLUMNS, rest, args, Offer.from_row, limit)


def open_of(conn: sqlite3.Connection, mentor_id: int, limit: int | None = None):
    return list_offers(conn, mentor_id=mentor_id, limit=limit)


def done_unthanked(conn: sqlite3.Connection, mentor_id: int) -> list[Offer]:
    """Offers of the mentor done on a day after which no thanks to them was noted (a thanks
    on the day it was done counts), oldest first."""
    sql = (
        _SELECT + " WHERE o.mentor_id = ? AND o.status = 'done' AND NOT EXISTS (SELECT 1 FROM thanks t"
        " WHERE t.mentor_id = o.mentor_id AND t.on_date >= o.done_on) ORDER BY o.done_on, o.id LIMIT 20"
    )
    return [Offer.from_row(r) for r in conn.execute(sql, (mentor_id,))]


def done_between(conn: sqlite3.Connection, mentor_id: int | None, first: date, last: date) -> list[Offer]:
    """Offers done from ``first`` to ``last`` (days, inclusive), oldest first."""
    who, args = "", [first.isoformat(), last.isoformat()]
    if mentor_id is not None:
        who, args = " AND o.mentor_id = ?", [*args, mentor_id]
    sql = _SELECT + f" WHERE o.status = 'done' AND o.done_on BETWEEN ? AND ?{who} ORDER BY o.done_on, o.id"
    return [Offer.from_row(r) for r in conn.execute(sql, args)]


def open_count(conn: sqlite3.Connection, mentor_id: int | None, first: date, last: date) -> tuple[int, int]:
    """(offers made, offers done) from ``first`` to ``last`` (days, inclusive)."""
    who, args = "", [first.isoformat(), last.isoformat()]
    if mentor_id is not None:
        who, args = " AND mentor_id = ?", [*args, mentor_id]
    made = conn.execute(f"SELECT count(*) FROM offers WHERE on_date BETWEEN ? AND ?{who}", args).fetchone()[0]
    done = conn.execute(
        f"SELECT count(*) FROM offers WHERE status = 'done' AND done_on BETWEEN ? AND ?{who}", args
    ).fetchone()[0]
    return made, done
