"""Filing entries written by other tools (a jrnl journal, a folder of Markdown files) as notes
and meetings (SPEC §2 "Owning the data").

The readers in ``exporters/`` (``jrnl``, ``markdown_folder``) turn a file into ``Entry``
records; ``file_entries`` files them in the caller's write transaction: a jrnl entry whose
tags name one mentor's handle becomes a meeting with that mentor, any other entry a note. An
entry that cannot be filed (a mentor the journal does not know, text the journal refuses)
raises ``ForeignProblem`` naming it, and nothing of the import stays: the caller's transaction
rolls back, and so does the savepoint here for a dry run.

An imported meeting is history: it never moves the mentor's next check-in or slot, which
``log`` does for a meeting logged today.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime

from mentorlog.core import dates
from mentorlog.core.errors import MentorlogError
from mentorlog.core.record import Record, field

STARRED = "starred"  # the tag a starred jrnl entry gets


class ForeignProblem(MentorlogError):
    """An entry of a jrnl export or a Markdown folder that cannot be filed."""


class Entry(Record):
    """One entry read from another tool's file, before it is filed."""

    where: str  # "jrnl.json entry 3", "notes/idea.md": what a message names
    at: datetime  # aware
    text: str
    tags: list[str] = field(default_factory=list)  # clean: lower case, no '@' or '#'
    mentor: str | None = None  # a mentor named outright (front matter ``mentor:``)
    meeting: bool = False  # whether a tag naming one mentor's handle makes it a meeting
    starred: bool = False  # a starred jrnl entry: the tag ``starred`` on a note


class Made(Record):
    """What was filed (or, in a dry run, would be), entry by entry."""

    kind: str  # "note" or "meeting"
    at: datetime
    mentor: str | None
    text: str
    tags: list[str] = field(default_factory=list)
    id: int | None = None  # the new row's id (None in a dry run)


class Filed(Record):
    made: list[Made] = field(default_factory=list)
    several: list[tuple[str, list[str]]] = field(default_factory=list)  # entries naming 2+ mentors
    already: int = 0  # entries the journal holds already (the same text at the same time)

    @property
    def notes(self) -> int:
        return sum(1 for m in self.made if m.kind == "note")

    @property
    def meetings(self) -> int:
        return sum(1 for m in self.made if m.kind == "meeting")


def _mentor_tags(conn: sqlite3.Connection) -> dict[str, tuple[int, str]]:
    """Every mentor by the folded spelling of their handle: a jrnl tag is lower case."""
    from mentorlog.journal.mentors import fold

    rows = conn.execute("SELECT id, handle FROM mentors")
    return {fold(handle): (mentor_id, handle) for mentor_id, handle in rows}


def file_entries(conn: sqlite3.Connection, entries: list[Entry], *, dry_run: bool = False) -> Filed:
    """File ``entries`` in the open write transaction; with ``dry_run`` every entry is filed
    (so every check runs) and then taken back."""
    filed = Filed()
    conn.execute("SAVEPOINT foreign_import")
    try:
        handles = _mentor_tags(conn)
        for entry in entries:
            made = _file(conn, entry, handles, filed)
            if made is None:
                filed.already += 1
            else:
                filed.made.append(made)
    except BaseException:
        conn.execute("ROLLBACK TO foreign_import")
        conn.execute("RELEASE foreign_import")
        raise
    if dry_run:
        conn.execute("ROLLBACK TO foreign_import")
        for made in filed.made:
            made.id = None
    conn.execute("RELEASE foreign_import")
    return filed


def _file(conn: sqlite3.Connection, entry: Entry, handles: dict, filed: Filed) -> Made | None:
    """The note or meeting made of ``entry``; None when the journal holds it already, so that
    importing the same file again files nothing twice."""
    from mentorlog.journal import mentors, notes
    from mentorlog.journal.mentors import fold

    mentor_id = handle = None
    if entry.mentor is not None:
        try:
            found = mentors.resolve(conn, entry.mentor)
        except MentorlogError as e:
            raise ForeignProblem(f"{entry.where}: {e.message}") from None
        mentor_id, handle = found.id, found.handle
    named = [handles[fold(t)] for t in entry.tags if fold(t) in handles] if entry.meeting else []
    if len(named) == 1:
        mentor_id, handle = named[0]
        return _meeting(conn, entry, mentor_id, handle)
    if len(named) > 1:
        filed.several.append((entry.where, [h for _, h in named]))
    tags = sorted({*entry.tags, *([STARRED] if entry.starred else [])})
    held = "SELECT 1 FROM notes WHERE written_at = ? AND text = ? AND mentor_id IS ?"
    if conn.execute(held, (dates.to_db(entry.at), entry.text, mentor_id)).fetchone():
        return None
    try:
        note = notes.add(conn, mentor_id, entry.text, entry.at, tags)
    except MentorlogError as e:
        raise ForeignProblem(f"{entry.where}: {e.message}") from None
    except (sqlite3.DataError, OverflowError, UnicodeEncodeError) as e:
        raise ForeignProblem(f"{entry.where} holds a value that cannot be stored ({e}).") from None
    return Made("note", entry.at, handle, entry.text, note.tags, note.id)


def _meeting(conn: sqlite3.Connection, entry: Entry, mentor_id: int, handle: str) -> Made | None:
    """A meeting held at the entry's time, its notes the entry's text (a jrnl entry's tags are
    words of its text, so they stay in it; the star, which is not, becomes a last line)."""
    from mentorlog.journal.common import insert

    text = entry.text
    if entry.starred:
        text = f"{text}\n\n(starred in jrnl)" if text else "(starred in jrnl)"
    held = "SELECT 1 FROM meetings WHERE mentor_id = ? AND held_at = ? AND notes = ?"
    if conn.execute(held, (mentor_id, dates.to_db(entry.at), text)).fetchone():
        return None
    try:
        meeting_id = insert(
            conn,
            "meetings",
            {
                "mentor_id": mentor_id,
                "held_at": dates.to_db(entry.at),
                "notes": text,
                "late": 0,
                "rescheduled": 0,
            },
        )
    except (sqlite3.DataError, OverflowError, UnicodeEncodeError) as e:
        raise ForeignProblem(f"{entry.where} holds a value that cannot be stored ({e}).") from None
    return Made("meeting", entry.at, handle, text, [], meeting_id)
