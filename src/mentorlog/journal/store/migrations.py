"""The journal's schema as shipped: the marker in a journal file's header and the ordered list
of small numbered migrations. Frozen: what is here means the same thing for ever.

A shipped migration is never edited; a change is a new ``mNNN_`` function appended to
``MIGRATIONS``, and ``SCHEMA_VERSION`` is the length of that list. Each migration names its own
tables, columns and triggers as literal SQL and this module imports nothing of mentorlog's
(``tests/test_concepts.py`` checks both), so no later change to the registry or to the code can
change what an old migration does. The history's triggers and the search index are state
derived from today's registry, rebuilt after the last migration (``schema.rebuild_derived``).
``db.open_journal`` reads ``APPLICATION_ID`` and ``SCHEMA_VERSION`` on every start; the
migrations themselves run only in ``schema.migrate``, which imports sqlite-utils.
"""

from __future__ import annotations

from collections.abc import Callable

TYPE_CHECKING = False  # importing typing costs start-up; type checkers take this as True
if TYPE_CHECKING:
    from sqlite_utils import Database

APPLICATION_ID = 0x4D4C4F47  # "MLOG" in the SQLite header: marks a file as ours

# Every table shares these columns (SPEC §1): the id users type, the uuid import merges on.
_COMMON = """
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL"""


def m001_initial(db: Database) -> None:
    db.executescript(
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


def m002_search(db: Database) -> None:
    """Full-text search: external-content FTS5 tables kept in step by triggers, in the layout
    sqlite-utils' ``enable_fts`` makes (so ``sqlite-utils search`` and datasette find them),
    indexing what is already there. The tables and columns are this migration's own: the index
    of a concept added later is state derived from the registry (``rebuild_derived``)."""
    for table, columns in (
        ("meetings", ["notes"]),
        ("todos", ["text", "note"]),
        ("advice", ["text"]),
        ("applications", ["what", "reflection"]),
        ("topics", ["text"]),
        ("thanks", ["text"]),
        ("goals", ["text"]),
    ):
        db[table].enable_fts(columns, create_triggers=True, tokenize="unicode61 remove_diacritics 2")


def m003_history(db: Database) -> None:
    """History (SPEC §2): one ``changes`` row per write command and, per row it inserted,
    updated or deleted, a ``change_rows`` row with JSON before- and after-images. The triggers
    that write them are derived from the registry after the last migration (``rebuild_derived``)."""
    db.executescript(
        """
        CREATE TABLE changes (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            command TEXT NOT NULL,
            recording INTEGER NOT NULL DEFAULT 0,
            undone_at TEXT
        );
        CREATE TABLE change_rows (
            id INTEGER PRIMARY KEY,
            change_id INTEGER NOT NULL REFERENCES changes(id) ON DELETE CASCADE,
            table_name TEXT NOT NULL,
            row_id INTEGER NOT NULL,
            op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
            before TEXT,
            after TEXT
        );
        CREATE INDEX change_rows_by_change ON change_rows (change_id);
        """
    )


def m004_slot(db: Database) -> None:
    """A mentor's slot (SPEC §1): the weekday and wall-clock time their cadence counts from,
    stored as local ``YYYY-MM-DDTHH:MM``. Existing mentors get theirs from what the journal
    already says: the planned next check-in, else the first meeting logged with them. The
    row's ``updated_at`` stays: the mentor did not change, the schema did."""
    from datetime import datetime

    db.execute("ALTER TABLE mentors ADD COLUMN slot TEXT")
    rows = db.execute(
        """SELECT m.id, coalesce(m.next_checkin,
             (SELECT min(held_at) FROM meetings WHERE mentor_id = m.id)) AS at
        FROM mentors m WHERE m.slot IS NULL"""
    ).fetchall()
    for mentor_id, at in rows:
        if at:
            wall = datetime.fromisoformat(at).astimezone().replace(tzinfo=None, second=0, microsecond=0)
            db.execute(
                "UPDATE mentors SET slot = ? WHERE id = ?", (wall.isoformat(timespec="minutes"), mentor_id)
            )


def m005_indexes(db: Database) -> None:
    """Indexes for the queries that scanned whole tables (found by tests/test_query_plans.py):
    parked advice whose time is up, todos by when they were opened and by when they were
    closed, thanks by date."""
    db.executescript(
        """
        CREATE INDEX advice_parked ON advice (parked_until) WHERE parked_until IS NOT NULL;
        CREATE INDEX todos_by_created ON todos (created_at);
        CREATE INDEX todos_by_closed ON todos (status, done_on);
        CREATE INDEX thanks_by_date ON thanks (on_date);
        """
    )


def m006_notes(db: Database) -> None:
    """Notes (SPEC §2 "Notes, tags, and today"): private entries between check-ins, about a
    mentor or none, with tags as a JSON list (as advice has)."""
    db.executescript(
        f"""
        CREATE TABLE notes ({_COMMON},
            mentor_id INTEGER REFERENCES mentors(id),
            written_at TEXT NOT NULL,
            text TEXT NOT NULL,
            tags TEXT NOT NULL DEFAULT '[]'
        );
        CREATE INDEX notes_by_mentor ON notes (mentor_id, written_at);
        CREATE INDEX notes_by_time ON notes (written_at);
        """
    )


def m007_slot_zone(db: Database) -> None:
    """The time zone of a mentor's slot (SPEC §2, ``--from-invite``): the tz database name of
    the zone whose wall clock the slot is written in, NULL for local time (every slot before
    this). The history triggers, derived state, are rebuilt with the new column after the
    last migration."""
    db.execute("ALTER TABLE mentors ADD COLUMN slot_zone TEXT")


def m008_tags(db: Database) -> None:
    """Tags on meetings, todos and topics (SPEC §1), a JSON list of words as advice and notes
    have."""
    db.executescript(
        """
        ALTER TABLE meetings ADD COLUMN tags TEXT NOT NULL DEFAULT '[]';
        ALTER TABLE todos ADD COLUMN tags TEXT NOT NULL DEFAULT '[]';
        ALTER TABLE topics ADD COLUMN tags TEXT NOT NULL DEFAULT '[]';
        """
    )


def m009_relationship(db: Database) -> None:
    """The relationship (SPEC §2): agreements (each revision a row), closures (how a mentoring
    came to a close, with the keep-in-touch cadence as an RRULE) and updates sent to a mentor."""
    db.executescript(
        f"""
        CREATE TABLE agreements ({_COMMON},
            mentor_id INTEGER NOT NULL REFERENCES mentors(id),
            on_date TEXT NOT NULL,
            text TEXT NOT NULL,
            term_end TEXT,
            revisit_by TEXT
        );
        CREATE INDEX agreements_by_mentor ON agreements (mentor_id, on_date);
        CREATE TABLE closures ({_COMMON},
            mentor_id INTEGER NOT NULL REFERENCES mentors(id),
            on_date TEXT NOT NULL,
            text TEXT NOT NULL DEFAULT '',
            cadence TEXT
        );
        CREATE INDEX closures_by_mentor ON closures (mentor_id, on_date);
        CREATE TABLE updates ({_COMMON},
            mentor_id INTEGER NOT NULL REFERENCES mentors(id),
            on_date TEXT NOT NULL,
            text TEXT NOT NULL
        );
        CREATE INDEX updates_by_mentor ON updates (mentor_id, on_date);
        """
    )


def m010_list_order(db: Database) -> None:
    """Indexes that serve the order the lists show (SPEC §7: a list fetches its screenful, it
    does not sort every row to find it): open todos soonest due first and undated last, all or
    one mentor's (``due IS NULL, due, id``), and each mentor's open topics by kind (question,
    concern, feedback, win) then id — and history's rows by change, table, operation and row,
    which counts a large change (an import) by table and operation from the index alone.
    Each replaces the index that is its prefix (``topics_by_mentor``, ``change_rows_by_change``)."""
    db.executescript(
        """
        CREATE INDEX todos_open_order ON todos (status, due IS NULL, due);
        CREATE INDEX todos_open_order_by_mentor ON todos (mentor_id, status, due IS NULL, due);
        CREATE INDEX topics_open_order ON topics (mentor_id, status, (CASE kind
            WHEN 'question' THEN 0 WHEN 'concern' THEN 1 WHEN 'feedback' THEN 2 WHEN 'win' THEN 3 END));
        DROP INDEX topics_by_mentor;
        CREATE INDEX change_rows_by_change_table ON change_rows (change_id, table_name, op, row_id);
        DROP INDEX change_rows_by_change;
        """
    )


def m011_growth(db: Database) -> None:
    """Growth (SPEC §2): skills with dated 1–5 self-ratings, the feedback ledger, what a mentor
    offered, a meeting's private 1–4 ``rating``, and advice linked to a skill."""
    db.executescript(
        f"""
        CREATE TABLE skills ({_COMMON},
            name TEXT NOT NULL,
            mentor_id INTEGER REFERENCES mentors(id),
            goal_id INTEGER REFERENCES goals(id) ON DELETE SET NULL,
            status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'dropped'))
        );
        CREATE INDEX skills_by_status ON skills (status, name COLLATE NOCASE);
        CREATE INDEX skills_by_mentor ON skills (mentor_id, status);
        CREATE INDEX skills_by_goal ON skills (goal_id);
        CREATE TABLE skill_ratings ({_COMMON},
            skill_id INTEGER NOT NULL REFERENCES skills(id) ON DELETE CASCADE,
            rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
            on_date TEXT NOT NULL,
            evidence TEXT
        );
        CREATE INDEX skill_ratings_by_skill ON skill_ratings (skill_id, on_date, id);
        CREATE INDEX skill_ratings_by_date ON skill_ratings (on_date);
        CREATE TABLE feedback ({_COMMON},
            mentor_id INTEGER NOT NULL REFERENCES mentors(id),
            direction TEXT NOT NULL DEFAULT 'received' CHECK (direction IN ('received', 'given')),
            text TEXT NOT NULL,
            on_date TEXT NOT NULL,
            meeting_id INTEGER REFERENCES meetings(id) ON DELETE SET NULL
        );
        CREATE INDEX feedback_by_mentor ON feedback (mentor_id, on_date);
        CREATE INDEX feedback_by_date ON feedback (on_date);
        CREATE INDEX feedback_by_meeting ON feedback (meeting_id);
        CREATE TABLE offers ({_COMMON},
            mentor_id INTEGER NOT NULL REFERENCES mentors(id),
            text TEXT NOT NULL,
            person TEXT,
            status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'declined')),
            outcome TEXT,
            on_date TEXT NOT NULL,
            done_on TEXT,
            meeting_id INTEGER REFERENCES meetings(id) ON DELETE SET NULL
        );
        CREATE INDEX offers_by_mentor ON offers (mentor_id, status, on_date);
        CREATE INDEX offers_done_by_mentor ON offers (mentor_id, status, done_on);
        CREATE INDEX offers_by_status ON offers (status, on_date);
        CREATE INDEX offers_by_done ON offers (done_on);
        CREATE INDEX offers_by_meeting ON offers (meeting_id);
        ALTER TABLE meetings ADD COLUMN rating INTEGER CHECK (rating IS NULL OR rating BETWEEN 1 AND 4);
        ALTER TABLE advice ADD COLUMN skill_id INTEGER REFERENCES skills(id) ON DELETE SET NULL;
        CREATE INDEX advice_by_skill ON advice (skill_id) WHERE skill_id IS NOT NULL;
        """
    )


MIGRATIONS: list[Callable[[Database], None]] = [
    m001_initial,
    m002_search,
    m003_history,
    m004_slot,
    m005_indexes,
    m006_notes,
    m007_slot_zone,
    m008_tags,
    m009_relationship,
    m010_list_order,
    m011_growth,
]
SCHEMA_VERSION = len(MIGRATIONS)
