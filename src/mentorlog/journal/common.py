"""Helpers every concept module shares: inserting a row with its uuid and times, updating
one with a fresh ``updated_at``, and fetching one by id or saying it does not exist."""

from __future__ import annotations

import os
import sqlite3
from datetime import date

from mentorlog.core import dates
from mentorlog.core.errors import NotFound, UsageError

UNSET = object()  # an edit's "not given", where None means "clear it"


def new_uuid() -> str:
    """A random (version 4) UUID. Written out rather than imported: the uuid module pulls in
    platform and costs start-up time on every write."""
    raw = bytearray(os.urandom(16))
    raw[6] = (raw[6] & 0x0F) | 0x40  # version 4
    raw[8] = (raw[8] & 0x3F) | 0x80  # RFC 4122 variant
    h = raw.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def insert(conn: sqlite3.Connection, table: str, values: dict) -> int:
    now = dates.stamp()
    row = {"uuid": new_uuid(), "created_at": now, "updated_at": now, **values}
    columns = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    cur = conn.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", list(row.values()))
    return cur.lastrowid


def update(
    conn: sqlite3.Connection, table: str, row_id: int, values: dict, *, stamp: str | None = None
) -> None:
    """Set ``values`` and a fresh ``updated_at`` (``stamp`` when given)."""
    if not values:
        return
    values = {**values, "updated_at": stamp or dates.stamp()}
    sets = ", ".join(f"{column} = ?" for column in values)
    conn.execute(f"UPDATE {table} SET {sets} WHERE id = ?", [*values.values(), row_id])


def recorded_after(column: str, instant: str) -> str:
    """SQL: the stamp in ``column`` (``created_at``/``updated_at``) is later than the stored
    instant ``instant`` (a column or a parameter), to the second. Both are UTC ISO text, one
    with microseconds and one without, so their first 19 characters compare as times."""
    return f"substr({column}, 1, 19) > substr({instant}, 1, 19)"


def not_found(what: str, row_id: int) -> NotFound:
    """``There is no todo 5.`` for the concept named ``what``; the CLI adds the command that lists them."""
    return NotFound(f"There is no {what} {row_id}.", concept=what, ref=row_id)


def remove(conn: sqlite3.Connection, table: str, row_id: int) -> None:
    """Delete one row by id (the history's triggers keep its before-image for undo)."""
    conn.execute(f"DELETE FROM {table} WHERE id = ?", (row_id,))


def fetch(conn: sqlite3.Connection, sql: str, row_id: int, what: str) -> sqlite3.Row:
    """The row ``sql`` (with one ``?`` for the id) finds, or NotFound naming ``what``."""
    row = conn.execute(sql, (row_id,)).fetchone()
    if row is None:
        raise not_found(what, row_id)
    return row


def day_heard(conn: sqlite3.Connection, mentor_id: int, meeting_id: int | None, on: date | None) -> date:
    """The day something a mentor said (advice, feedback, an offer) is dated by: ``on`` when
    given, else the day of the check-in it came up in (``meeting_id``, whenever it is typed
    in), else today. The meeting must be a check-in with that mentor: what one mentor said is
    never filed under another's meeting, where ``meeting show`` would list it."""
    from mentorlog.core.errors import BadValue

    if meeting_id is not None:
        meeting = fetch(
            conn,
            "SELECT m.held_at, m.mentor_id, t.handle FROM meetings m"
            " JOIN mentors t ON t.id = m.mentor_id WHERE m.id = ?",
            meeting_id,
            "meeting",
        )
        if meeting["mentor_id"] != mentor_id:
            [this] = conn.execute("SELECT handle FROM mentors WHERE id = ?", (mentor_id,)).fetchone() or ["?"]
            raise BadValue("meeting", meeting_id, f"is a check-in with {meeting['handle']}, not {this}")
        if on is None:
            on = dates.from_db(meeting["held_at"]).date()
    return on if on is not None else dates.today()


def require_text(text: str, what: str) -> str:
    if not text.strip():
        raise UsageError(f"The {what} text is empty.", hint="Give the text in quotes.")
    return text


class Page(list):
    """A screenful of rows and how many match in all, for "… and N more"; ``capped`` when the
    count stopped early (there are at least ``total``: "… and N+ more")."""

    def __init__(self, rows, total: int, capped: bool = False):
        super().__init__(rows)
        self.total = total
        self.capped = capped


def paged(conn: sqlite3.Connection, select: str, rest: str, args, from_row, limit: int | None):
    """``select`` + ``rest`` (FROM … WHERE … ORDER BY …): with ``limit``, a Page of that many
    rows and the count of all (the count drops the ORDER BY); without, every row, one at a time
    (for --json, which is never cut and must not hold ten years of notes in memory)."""
    if limit is None:
        return (from_row(r) for r in conn.execute(f"{select} {rest}", args))
    rows = [from_row(r) for r in conn.execute(f"{select} {rest} LIMIT {int(limit)}", args)]
    if len(rows) < limit:
        return Page(rows, len(rows))
    head = rest.rsplit(" ORDER BY ", 1)[0]
    return Page(rows, conn.execute(f"SELECT count(*) {head}", args).fetchone()[0])


UUID_PREFIX_MIN = 6  # hex digits: fewer would match too often to be worth typing (SPEC §1)


def by_uuid_prefix(conn: sqlite3.Connection, table: str, what: str, prefix: str) -> int:
    """The id of the one row of ``table`` whose uuid starts with ``prefix`` (hex digits, dashes
    allowed as in the uuid), or NotFound / Ambiguous listing the candidates."""
    from mentorlog.core.errors import Ambiguous

    wanted = prefix.lower()
    # uuids are lower-case hex with dashes: a range on the indexed column finds the prefix.
    rows = conn.execute(
        f"SELECT id, uuid FROM {table} WHERE uuid >= ? AND uuid < ? ORDER BY id LIMIT 6",
        (wanted, wanted + "\uffff"),
    ).fetchall()
    if not rows:
        raise NotFound(f"There is no {what} whose uuid starts with {prefix}.", concept=what, ref=prefix)
    if len(rows) > 1:
        names = [f"{what} {r[0]} ({r[1][:13]})" for r in rows]
        raise Ambiguous(
            f"The uuid prefix {prefix} is ambiguous: it could be {', '.join(names)}.",
            names,
            hint="Type more of the uuid, or the id.",
        )
    return rows[0][0]


def is_uuid_prefix(text: str) -> bool:
    """Hex digits (dashes where a uuid has them), at least ``UUID_PREFIX_MIN`` of them, not all
    decimal digits: plain digits are always an id."""
    digits = text.replace("-", "")
    return (
        len(digits) >= UUID_PREFIX_MIN
        and len(text) <= 36
        and text.isascii()
        and all(c in "0123456789abcdefABCDEF" for c in digits)
        and not text.isdigit()
    )


def ids_starting(conn: sqlite3.Connection, table: str, title: str, typed: str, limit: int = 200):
    """(id, title) of the rows of ``table`` whose id starts with the digits ``typed``, newest
    first, at most ``limit``: what shell completion offers. ``title`` is the SQL of a row's
    title (the registry's ``Concept.title``)."""
    return conn.execute(
        f"SELECT id, {title} FROM {table} WHERE CAST(id AS TEXT) LIKE ? || '%' ORDER BY id DESC LIMIT ?",
        (typed, limit),
    ).fetchall()
