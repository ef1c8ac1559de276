"""Mentors: who you learn from, their cadence and next check-in, and finding one by what
the user typed (a handle, a full name, or a unique prefix of either)."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

from mentorlog import cadences, dates
from mentorlog.errors import NotFound, Suggest, UsageError
from mentorlog.journal.common import insert, update
from mentorlog.journal.rows import Choice, Row, column
from mentorlog.record import Record


class Kind(Choice):
    FORMAL = "formal"
    INFORMAL = "informal"


NO_CHECKIN_AFTER_DAYS = 30  # none scheduled and not met for this long, remind says so


class Mentor(Row):
    id: int
    uuid: str
    handle: str
    name: str
    kind: Kind
    org: str | None
    contact: str | None
    cadence: str | None  # an RRULE
    next_checkin: datetime | None
    ended_on: date | None
    end_note: str | None
    created_at: datetime
    updated_at: str
    slot_text: str | None = column("slot", json=False, default=None)  # local YYYY-MM-DDTHH:MM

    @property
    def active(self) -> bool:
        return self.ended_on is None

    @property
    def slot(self) -> datetime | None:
        """The weekday and time of day of their check-ins (SPEC §1), as aware local time: the
        DTSTART the cadence counts from. None until a ``--next`` or a first meeting sets it."""
        return cadences.slot_from_db(self.slot_text)


class MentorSummary(Record):
    """A mentor with what ``mentor list`` and ``mentor show`` add: last met, open todos."""

    mentor: Mentor
    last_met: datetime | None
    open_todos: int
    meetings: int
    last_thanks: date | None = None

    def to_json(self) -> dict:
        m = self.mentor
        return {
            "id": m.id,
            "uuid": m.uuid,
            "handle": m.handle,
            "name": m.name,
            "kind": m.kind,
            "org": m.org,
            "contact": m.contact,
            "cadence": cadences.cadence_words(m.cadence) if m.cadence else None,
            "rrule": m.cadence,
            "next_checkin": m.next_checkin.isoformat() if m.next_checkin else None,
            "slot": m.slot_text,
            "last_met": self.last_met.isoformat() if self.last_met else None,
            "active": m.active,
            "ended_on": m.ended_on.isoformat() if m.ended_on else None,
            "open_todos": self.open_todos,
            "meetings": self.meetings,
        }


def default_handle(name: str) -> str:
    words = name.split()
    return words[0].lower() if words else ""


HANDLE_MAX = 32


def valid_handle(handle: str) -> bool:
    """1–32 letters, digits, '-', '_' or '.', starting with a letter (SPEC §2): a handle is
    typed, completed and printed everywhere, so it holds nothing invisible or controlling."""
    return (
        0 < len(handle) <= HANDLE_MAX
        and handle[0].isalpha()
        and all(ch.isalnum() or ch in "-_." for ch in handle)
    )


def _check_handle(handle: str) -> str:
    if not valid_handle(handle):
        raise UsageError(
            f"The handle {handle!r} is not valid: use 1–{HANDLE_MAX} letters, digits, '-', '_' "
            "or '.', starting with a letter.",
            hint=Suggest("pass_handle", handle="ada"),
        )
    return handle


def _clash(conn: sqlite3.Connection, handle: str, except_id: int | None = None) -> None:
    row = conn.execute(
        "SELECT id, name FROM mentors WHERE handle = ? AND id IS NOT ?", (handle, except_id)
    ).fetchone()
    if row:
        raise UsageError(
            f"The handle {handle!r} is taken by {row['name']}.",
            hint=Suggest("other_handle", handle=f"{handle}{2 if not handle[-1:].isdigit() else '-2'}"),
        )


def add(
    conn: sqlite3.Connection,
    name: str,
    *,
    handle: str | None = None,
    kind: Kind = Kind.FORMAL,
    org: str | None = None,
    contact: str | None = None,
    cadence: str | None = None,
    next_checkin: datetime | None = None,
) -> Mentor:
    if not name.strip():
        raise UsageError("The mentor's name is empty.", hint=Suggest("name_mentor"))
    handle = _check_handle(handle if handle is not None else default_handle(name))
    _clash(conn, handle)
    new_id = insert(
        conn,
        "mentors",
        {
            "handle": handle,
            "name": name.strip(),
            "kind": Kind(kind).value,
            "org": org,
            "contact": contact,
            "cadence": cadence,
            "next_checkin": dates.to_db(next_checkin) if next_checkin else None,
            "slot": cadences.slot_to_db(next_checkin) if next_checkin else None,
        },
    )
    return get(conn, new_id)


def get(conn: sqlite3.Connection, mentor_id: int) -> Mentor:
    return Mentor.from_row(conn.execute("SELECT * FROM mentors WHERE id = ?", (mentor_id,)).fetchone())


def all_mentors(conn: sqlite3.Connection) -> list[Mentor]:
    return [Mentor.from_row(r) for r in conn.execute("SELECT * FROM mentors ORDER BY handle")]


def resolve(conn: sqlite3.Connection, ref: str) -> Mentor:
    """The mentor ``ref`` names: handle or full name (any case), else a unique prefix. Active
    mentors are preferred: a name or prefix that fits one active mentor and some ended ones
    means the active one."""
    needle = ref.strip().casefold()
    everyone = all_mentors(conn)
    if not needle:
        raise UsageError("The mentor is empty.", hint="Give a handle, e.g. ada")
    for m in everyone:
        if m.handle.casefold() == needle:
            return m
    matches = [m for m in everyone if m.name.casefold() == needle] or [
        m for m in everyone if m.handle.casefold().startswith(needle) or m.name.casefold().startswith(needle)
    ]
    active = [m for m in matches if m.active]
    if len(matches) == 1 or len(active) == 1:
        return matches[0] if len(matches) == 1 else active[0]
    if matches:
        names = ", ".join(f"{m.handle} ({m.name})" for m in matches)
        raise UsageError(
            f"The mentor {ref!r} is ambiguous: it could be {names}.", hint="Type more of the handle."
        )
    known = ", ".join(m.handle for m in everyone) or "none yet"
    raise NotFound(
        f"There is no mentor {ref!r} (mentors: {known}).",
        hint=Suggest("add_mentor"),
    )


def summaries(
    conn: sqlite3.Connection, *, include_ended: bool, mentor_id: int | None = None
) -> list[MentorSummary]:
    conditions = ([] if include_ended else ["m.ended_on IS NULL"]) + (["m.id = ?"] if mentor_id else [])
    where = "WHERE " + " AND ".join(conditions) if conditions else ""
    rows = conn.execute(
        f"""
        SELECT m.*,
          (SELECT max(held_at) FROM meetings WHERE mentor_id = m.id) AS last_met,
          (SELECT count(*) FROM meetings WHERE mentor_id = m.id) AS meeting_count,
          (SELECT count(*) FROM todos WHERE mentor_id = m.id AND status = 'open') AS open_todos,
          (SELECT max(on_date) FROM thanks WHERE mentor_id = m.id) AS last_thanks
        FROM mentors m {where}
        ORDER BY m.ended_on IS NOT NULL, m.next_checkin IS NULL, m.next_checkin, m.handle
        """,
        [mentor_id] if mentor_id else [],
    ).fetchall()
    return [
        MentorSummary(
            Mentor.from_row(r),
            dates.from_db(r["last_met"]),
            r["open_todos"],
            r["meeting_count"],
            dates.day_from_db(r["last_thanks"]),
        )
        for r in rows
    ]


def next_to_review(conn: sqlite3.Connection) -> Mentor | None:
    """The active mentor whose next check-in is soonest (overdue counts as soonest), else the
    one met most recently, else the first added."""
    row = conn.execute(
        "SELECT id FROM mentors WHERE ended_on IS NULL AND next_checkin IS NOT NULL "
        "ORDER BY next_checkin LIMIT 1"
    ).fetchone()
    if row is None:
        row = conn.execute(
            "SELECT m.id FROM mentors m JOIN meetings mt ON mt.mentor_id = m.id "
            "WHERE m.ended_on IS NULL ORDER BY mt.held_at DESC LIMIT 1"
        ).fetchone()
    if row is None:
        row = conn.execute("SELECT id FROM mentors WHERE ended_on IS NULL ORDER BY id LIMIT 1").fetchone()
    return get(conn, row["id"]) if row else None


def summary(conn: sqlite3.Connection, mentor: Mentor) -> MentorSummary:
    return summaries(conn, include_ended=True, mentor_id=mentor.id)[0]


_UNSET = object()


def edit(
    conn: sqlite3.Connection,
    mentor: Mentor,
    *,
    name: str | None = None,
    handle: str | None = None,
    kind: str | None = None,
    org: str | None = None,
    contact: str | None = None,
    cadence: object = _UNSET,
    next_checkin: object = _UNSET,
) -> Mentor:
    """Change the given fields; ``cadence``/``next_checkin`` may be None to clear them.

    A next check-in given here is an explicit one (``--next``, an invitation), so it sets the
    slot too; clearing it keeps the slot, the time the check-ins fall at when they resume."""
    values: dict = {}
    if name is not None:
        if not name.strip():
            raise UsageError("The mentor's name is empty.")
        values["name"] = name.strip()
    if handle is not None:
        _clash(conn, _check_handle(handle), except_id=mentor.id)
        values["handle"] = handle
    for key, value in (("kind", kind), ("org", org), ("contact", contact)):
        if value is not None:
            values[key] = value
    if cadence is not _UNSET:
        values["cadence"] = cadence
    if next_checkin is not _UNSET:
        values["next_checkin"] = dates.to_db(next_checkin) if next_checkin else None
        if next_checkin:
            values["slot"] = cadences.slot_to_db(next_checkin)
    update(conn, "mentors", mentor.id, values)
    return get(conn, mentor.id)


def set_next_checkin(conn: sqlite3.Connection, mentor: Mentor, when: datetime | None) -> None:
    """Move the next check-in as the cadence says; the slot stays (see ``set_slot``)."""
    update(conn, "mentors", mentor.id, {"next_checkin": dates.to_db(when) if when else None})


def set_slot(conn: sqlite3.Connection, mentor: Mentor, at: datetime) -> None:
    update(conn, "mentors", mentor.id, {"slot": cadences.slot_to_db(at)})


def end(conn: sqlite3.Connection, mentor: Mentor, on: date, note: str | None) -> Mentor:
    if not mentor.active:
        raise UsageError(
            f"{mentor.name} already ended on {mentor.ended_on}.",
            hint=Suggest("resume_mentor", mentor=mentor.handle),
        )
    update(conn, "mentors", mentor.id, {"ended_on": on.isoformat(), "end_note": note})
    return get(conn, mentor.id)


def resume(conn: sqlite3.Connection, mentor: Mentor) -> Mentor:
    if mentor.active:
        raise UsageError(f"{mentor.name} is active already.")
    update(conn, "mentors", mentor.id, {"ended_on": None, "end_note": None})
    return get(conn, mentor.id)


def resolve_optional(conn: sqlite3.Connection, ref: str | None) -> Mentor | None:
    """``resolve`` for an optional ``--mentor`` option."""
    return resolve(conn, ref) if ref is not None else None


def filed_under(conn: sqlite3.Connection, mentor: Mentor) -> dict[str, int]:
    """How many of each kind ``delete`` would remove with the mentor (kinds with none left out)."""
    from mentorlog.journal import concepts

    counts = {
        c.table: conn.execute(f"SELECT count(*) FROM {c.table} WHERE {c.mentor}", (mentor.id,)).fetchone()[0]
        for c in concepts.filed_under_mentor()
    }
    return {table: n for table, n in counts.items() if n}


def delete(conn: sqlite3.Connection, mentor: Mentor) -> dict[str, int]:
    """Delete a mentor and everything filed under them; what went, by kind. Another mentor's
    todo linked to one of their goals or meetings stays, unlinked."""
    from mentorlog.journal import concepts, dump

    gone = filed_under(conn, mentor)
    filed = {c.table: c for c in concepts.filed_under_mentor()}
    for table in reversed(dump.tables(conn)):  # each kind before the kinds it refers to
        if table.name in filed:
            conn.execute(f"DELETE FROM {table.name} WHERE {filed[table.name].mentor}", (mentor.id,))
    conn.execute("DELETE FROM mentors WHERE id = ?", (mentor.id,))
    return gone
