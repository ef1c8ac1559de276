"""Mentors: who you learn from, their cadence and next check-in, and finding one by what
the user typed (a handle, a full name, or a unique prefix of either). What is suggested when
none fits is ``mentor_suggestions``'s."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

from mentorlog.core import cadences, dates
from mentorlog.core.errors import Suggest, UsageError
from mentorlog.core.record import Record
from mentorlog.journal.common import UNSET, insert, update
from mentorlog.journal.rows import Choice, Row, column


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
    slot_text: str | None = column("slot", json=False, default=None)  # wall-clock YYYY-MM-DDTHH:MM
    # the tz database zone of that wall clock (an invitation's own); None: local time
    slot_zone: str | None = column("slot_zone", json=False, default=None)

    @property
    def active(self) -> bool:
        return self.ended_on is None

    @property
    def slot(self) -> datetime | None:
        """The weekday and time of day of their check-ins (SPEC §1), as aware local time: the
        DTSTART the cadence counts from. None until a ``--next`` or a first meeting sets it."""
        return cadences.slot_from_db(self.slot_text, self.slot_zone)


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
            "next_checkin": m.next_checkin.isoformat() if m.next_checkin and m.active else None,
            "slot": m.slot_text,
            "slot_zone": m.slot_zone,
            "last_met": self.last_met.isoformat() if self.last_met else None,
            "active": m.active,
            "ended_on": m.ended_on.isoformat() if m.ended_on else None,
            "open_todos": self.open_todos,
            "meetings": self.meetings,
        }


HANDLE_MAX = 32


# Letters that carry no accent to drop but have a plain spelling anyone can type.
_PLAIN = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i"})


def fold(text: str) -> str:
    """``text`` as anyone can type it: case folded (``ß`` is ``ss``), accents dropped
    (``Núñez`` is ``nunez``), runs of spaces made one. What a MENTOR is matched on, and what a
    default handle is made of. ASCII text needs none of that but the case and the spaces, and
    is answered without ``unicodedata`` (a shared library: loading it costs 0.4 ms)."""
    if text.isascii():
        return " ".join(text.lower().split())
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.translate(_PLAIN).split())


def default_handle(name: str) -> str:
    """The first word of ``name``, folded to what a keyboard types (``José Núñez`` → ``jose``)
    and trimmed to what a handle may hold (``O'Brien`` → ``obrien``). A script with no plain
    Latin spelling (``Пётр`` → ``петр``) keeps its letters, which a handle allows."""
    for word in fold(name).split():
        kept = "".join(ch for ch in word if ch.isalnum() or ch in "-_.")
        while kept and not kept[0].isalpha():
            kept = kept[1:]
        if kept:
            return kept[:HANDLE_MAX]
    return ""


# Words the commands take after a noun (SPEC §1): ``note`` and ``update`` take a mentor where
# other groups take a verb, so ``note list`` must never mean a mentor called "list".
RESERVED_HANDLES = ("add", "list", "show", "edit", "delete", "draft")


def valid_handle(handle: str) -> bool:
    """1–32 letters, digits, '-', '_' or '.', starting with a letter, and not a word in
    ``RESERVED_HANDLES`` (SPEC §1): a handle is typed, completed and printed everywhere, so
    it holds nothing invisible or controlling."""
    return (
        0 < len(handle) <= HANDLE_MAX
        and handle[0].isalpha()
        and all(ch.isalnum() or ch in "-_." for ch in handle)
        and handle.lower() not in RESERVED_HANDLES
    )


def _check_handle(handle: str) -> str:
    if handle.lower() in RESERVED_HANDLES:
        raise UsageError(
            f"The handle {handle!r} is a word the commands use after a noun (note {handle}, "
            f"update {handle}).",
            hint=Suggest("other_handle", handle=f"{handle}2"),
        )
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


# How a MENTOR is matched, strictest first; the first test any mentor passes decides. Each
# gets the folded text typed, handle and name: an exact handle, the full name, one word of the
# name (a surname: ``lovelace``), then a prefix of the handle, the name or a word of it.
_MATCHES = (
    lambda typed, handle, name: handle == typed,
    lambda typed, handle, name: name == typed,
    lambda typed, handle, name: typed in name.split(),
    lambda typed, handle, name: (
        handle.startswith(typed) or name.startswith(typed) or any(w.startswith(typed) for w in name.split())
    ),
)


def resolve(conn: sqlite3.Connection, ref: str) -> Mentor:
    """The mentor ``ref`` names: a handle, the full name or any word of it, else a unique
    prefix of one of those, accents and case folded (``nunez`` is José Núñez). Active mentors
    are preferred: a match that fits one active mentor and some ended ones means the active
    one. Nothing fits: the closest handles and names are suggested.

    Only handles and names are read, and the mentor found: this runs in every write."""
    needle = fold(ref)
    if not needle:
        raise UsageError("The mentor is empty.", hint="Give a handle, e.g. ada")
    rows = conn.execute(
        "SELECT id, handle, name, ended_on IS NULL AS active FROM mentors ORDER BY handle"
    ).fetchall()
    for r in rows:  # a handle exactly as typed, before two handles that fold alike (josé, jose)
        if r["handle"] == ref.strip():
            return get(conn, r["id"])
    keyed = [(r, fold(r["handle"]), fold(r["name"])) for r in rows]
    for fits in _MATCHES:
        matches = [r for r, handle, name in keyed if fits(needle, handle, name)]
        active = [r for r in matches if r["active"]]
        if len(matches) == 1 or len(active) == 1:
            return get(conn, (matches if len(matches) == 1 else active)[0]["id"])
        if matches:
            names = ", ".join(f"{m['handle']} ({m['name']})" for m in matches)
            raise UsageError(
                f"The mentor {ref!r} is ambiguous: it could be {names}.", hint="Type more of the handle."
            )
    from mentorlog.journal.mentor_suggestions import NoSuchMentor, closest  # only when none fits

    raise NoSuchMentor(ref, closest(needle, keyed), [r["handle"] for r in rows])


def any_ended(conn: sqlite3.Connection) -> bool:
    """Whether any mentor's mentoring has ended."""
    return conn.execute("SELECT 1 FROM mentors WHERE ended_on IS NOT NULL LIMIT 1").fetchone() is not None


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


def edit(
    conn: sqlite3.Connection,
    mentor: Mentor,
    *,
    name: str | None = None,
    handle: str | None = None,
    kind: str | None = None,
    org: str | None = None,
    contact: str | None = None,
    cadence: object = UNSET,
    next_checkin: object = UNSET,
    slot: object = UNSET,
) -> Mentor:
    """Change the given fields; ``cadence``/``next_checkin`` may be None to clear them.

    A next check-in given here is an explicit one (``--next``), so it sets the slot too;
    clearing it keeps the slot, the time the check-ins fall at when they resume. ``slot`` sets
    the slot apart from the next check-in (an invitation's series, in its own zone); None keeps it."""
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
    if cadence is not UNSET:
        values["cadence"] = cadence
    if next_checkin is not UNSET:
        values["next_checkin"] = dates.to_db(next_checkin) if next_checkin else None
        if next_checkin and slot is UNSET:
            slot = next_checkin
    if slot is not UNSET and slot is not None:
        values["slot"] = cadences.slot_to_db(slot)
        values["slot_zone"] = cadences.zone_key(slot)
    update(conn, "mentors", mentor.id, values)
    return get(conn, mentor.id)


def set_next_checkin(conn: sqlite3.Connection, mentor: Mentor, when: datetime | None) -> None:
    """Move the next check-in as the cadence says; the slot stays (see ``set_slot``)."""
    update(conn, "mentors", mentor.id, {"next_checkin": dates.to_db(when) if when else None})


def set_slot(conn: sqlite3.Connection, mentor: Mentor, at: datetime) -> None:
    update(conn, "mentors", mentor.id, {"slot": cadences.slot_to_db(at), "slot_zone": cadences.zone_key(at)})


def end(conn: sqlite3.Connection, mentor: Mentor, on: date, note: str | None) -> Mentor:
    if not mentor.active:
        raise UsageError(
            f"{mentor.name} already ended on {dates.show_short_day(mentor.ended_on, dates.today())}.",
            hint=Suggest("resume_mentor", mentor=mentor.handle),
        )
    # Ending clears the planned check-in: an ended mentor is never "overdue" (SPEC §2).
    update(conn, "mentors", mentor.id, {"ended_on": on.isoformat(), "end_note": note, "next_checkin": None})
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
    from mentorlog.journal import concepts
    from mentorlog.journal.store import dump

    gone = filed_under(conn, mentor)
    filed = {c.table: c for c in concepts.filed_under_mentor()}
    for table in reversed(dump.tables(conn)):  # each kind before the kinds it refers to
        if table.name in filed:
            conn.execute(f"DELETE FROM {table.name} WHERE {filed[table.name].mentor}", (mentor.id,))
    conn.execute("DELETE FROM mentors WHERE id = ?", (mentor.id,))
    return gone
