"""The journal's schema, as an ordered list of sqlite-utils migrations.

A shipped migration is never edited; a change is a new ``mNNN_`` function. ``upgrade`` runs
the pending ones under the write lock, after copying the journal to ``backups/`` when it
already holds data, and then stamps the file with mentorlog's application id and the schema
version (``PRAGMA user_version``), which is what ``db.open_journal`` checks on every start
without importing sqlite-utils.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from mentorlog import dates
from mentorlog.journal.db import APPLICATION_ID, SCHEMA_VERSION, backup_to

migrations = Migrations("mentorlog")

# Every table shares these columns (SPEC §1): the id users type, the uuid import merges on.
_COMMON = """
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL"""


def _run(db: Database, script: str) -> None:
    # Not executescript(): it would COMMIT the transaction the migration runs in.
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


@migrations()
def m001_initial(db: Database) -> None:
    _run(
        db,
        f"""
        CREATE TABLE mentors ({_COMMON},
            handle TEXT NOT NULL UNIQUE COLLATE NOCASE,
            name TEXT NOT NULL,
            kind TEXT NOT NULL DEFAULT 'formal' CHECK (kind IN ('formal', 'informal')),
            org TEXT,
            contact TEXT,
            cadence TEXT,
            next_checkin TEXT,
            ended_on TEXT,
            end_note TEXT
        );
        CREATE TABLE goals ({_COMMON},
            text TEXT NOT NULL,
            mentor_id INTEGER REFERENCES mentors(id),
            by_date TEXT,
            status TEXT NOT NULL DEFAULT 'active'
                CHECK (status IN ('active', 'achieved', 'dropped')),
            closed_on TEXT
        );
        CREATE TABLE meetings ({_COMMON},
            mentor_id INTEGER NOT NULL REFERENCES mentors(id),
            held_at TEXT NOT NULL,
            minutes INTEGER CHECK (minutes IS NULL OR minutes >= 0),
            notes TEXT NOT NULL DEFAULT '',
            late INTEGER NOT NULL DEFAULT 0,
            rescheduled INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX meetings_by_mentor ON meetings (mentor_id, held_at);
        CREATE INDEX meetings_by_time ON meetings (held_at);
        CREATE TABLE todos ({_COMMON},
            text TEXT NOT NULL,
            mentor_id INTEGER REFERENCES mentors(id),
            meeting_id INTEGER REFERENCES meetings(id) ON DELETE SET NULL,
            goal_id INTEGER REFERENCES goals(id) ON DELETE SET NULL,
            due TEXT,
            status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'dropped')),
            done_on TEXT,
            note TEXT
        );
        CREATE INDEX todos_by_status ON todos (status, due);
        CREATE INDEX todos_by_mentor ON todos (mentor_id, status, due);
        CREATE INDEX todos_by_done ON todos (mentor_id, done_on);
        CREATE INDEX todos_by_goal ON todos (goal_id);
        CREATE INDEX todos_by_meeting ON todos (meeting_id);
        CREATE TABLE advice ({_COMMON},
            text TEXT NOT NULL,
            mentor_id INTEGER NOT NULL REFERENCES mentors(id),
            meeting_id INTEGER REFERENCES meetings(id) ON DELETE SET NULL,
            tags TEXT NOT NULL DEFAULT '[]',
            given_on TEXT NOT NULL,
            parked_until TEXT,
            park_note TEXT
        );
        CREATE INDEX advice_by_mentor ON advice (mentor_id, given_on);
        CREATE INDEX advice_by_date ON advice (given_on);
        CREATE INDEX advice_by_meeting ON advice (meeting_id);
        CREATE TABLE applications ({_COMMON},
            advice_id INTEGER NOT NULL REFERENCES advice(id) ON DELETE CASCADE,
            on_date TEXT NOT NULL,
            what TEXT NOT NULL,
            outcome TEXT CHECK (outcome IN ('worked', 'mixed', 'failed', 'unsure')),
            reflection TEXT
        );
        CREATE INDEX applications_by_advice ON applications (advice_id, on_date);
        CREATE INDEX applications_by_date ON applications (on_date);
        CREATE TABLE topics ({_COMMON},
            mentor_id INTEGER NOT NULL REFERENCES mentors(id),
            text TEXT NOT NULL,
            kind TEXT NOT NULL DEFAULT 'question'
                CHECK (kind IN ('question', 'concern', 'feedback', 'win')),
            status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'raised', 'dropped')),
            raised_in INTEGER REFERENCES meetings(id) ON DELETE SET NULL
        );
        CREATE INDEX topics_by_mentor ON topics (mentor_id, status);
        CREATE INDEX topics_by_meeting ON topics (raised_in);
        CREATE TABLE thanks ({_COMMON},
            mentor_id INTEGER NOT NULL REFERENCES mentors(id),
            text TEXT NOT NULL,
            on_date TEXT NOT NULL,
            meeting_id INTEGER REFERENCES meetings(id) ON DELETE SET NULL
        );
        CREATE INDEX thanks_by_mentor ON thanks (mentor_id, on_date);
        CREATE INDEX thanks_by_meeting ON thanks (meeting_id);
        CREATE TABLE reviews ({_COMMON},
            mentor_id INTEGER NOT NULL REFERENCES mentors(id),
            at TEXT NOT NULL
        );
        CREATE INDEX reviews_by_mentor ON reviews (mentor_id, at);
        """,
    )


def upgrade(conn: sqlite3.Connection, path: Path) -> None:
    """Bring the journal to ``SCHEMA_VERSION`` in one transaction under the write lock."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version >= SCHEMA_VERSION:  # another mentorlog migrated it while we waited
            conn.rollback()
            return
        if version > 0:
            when = dates.now().strftime("%Y%m%d-%H%M%S")
            backup_to(path, path.parent / "backups" / f"{path.stem}-v{version}-{when}.db")
        migrations.apply(Database(conn))
        conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
    except BaseException:
        conn.rollback()
        raise
    conn.commit()
