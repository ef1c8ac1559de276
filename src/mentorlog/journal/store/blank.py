"""A new journal, made from the schema the migrations make rather than by running them.

Running every migration means importing sqlite-utils, which costs a new user's first write
about 150 ms and 14 MiB (an ``import`` into a new journal went over its 40 MiB budget because
of it). ``blank.sql`` beside this module holds the statements that make today's empty
journal: the tables, indexes, triggers and search index that ``schema.migrate`` leaves in a
new file, in the order it makes them. It is written by ``python -m
mentorlog.journal.store.blank`` from a journal the migrations made, and
``tests/test_storage.py`` checks that it is exactly that, and that a journal made from it
holds what a migrated one holds.

The script's first line names what it was made from (the migrations and a digest of the
registry's derived state: history's tracked tables, the searchable columns) and a digest of the
statements after it. ``script`` gives them only when the recipe is today's and the statements
are whole; otherwise (a test adding a concept of its own, a damaged file) the migrations run.
The first line does not cover the code that writes the triggers and the index from the
registry; the test above does.
"""

from __future__ import annotations

import datetime
import hashlib
import sqlite3
from pathlib import Path

SCRIPT = Path(__file__).with_name("blank.sql")
_SHADOW = ("data", "idx", "content", "docsize", "config")  # the tables FTS5 makes for itself


def recipe(migrations) -> str:
    """What a blank journal is made from, as one line: the migrations' names and a digest
    of the state derived from the registry."""
    from mentorlog.journal.concepts import fts_config
    from mentorlog.journal.store.history import expected_triggers

    derived = repr((sorted(expected_triggers().items()), sorted(fts_config().items())))
    digest = hashlib.sha256(derived.encode()).hexdigest()[:16]
    return f"-- mentorlog blank journal: {' '.join(m.__name__ for m in migrations)}; registry {digest}"


def _digest(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]


def script_of(conn: sqlite3.Connection, migrations) -> str:
    """The statements that make the schema of the journal on ``conn`` (one just migrated),
    headed by its recipe and their digest."""
    query = "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid"
    rows = conn.execute(query).fetchall()
    virtual = {name for _, name, sql in rows if sql.upper().startswith("CREATE VIRTUAL TABLE")}
    shadow = {f"{v}_{s}" for v in virtual for s in _SHADOW}
    made = [sql for kind, name, sql in rows if name not in shadow and name != "sqlite_sequence"]
    body = "".join(f"{sql};\n" for sql in made)
    return f"{recipe(migrations)}; body {_digest(body)}\n{body}"


def script(migrations) -> str | None:
    """The statements of ``blank.sql`` when they make what ``migrations`` and today's registry
    would and are whole (their digest matches), else None."""
    try:
        text = SCRIPT.read_text(encoding="utf-8").replace("\r\n", "\n")  # a CRLF checkout
    except (OSError, UnicodeDecodeError):
        return None
    first, _, body = text.partition("\n")
    head, _, digest = first.rpartition("; body ")
    return body if head == recipe(migrations) and digest == _digest(body) else None


def make(conn: sqlite3.Connection, migrations, body: str) -> None:
    """Make the empty journal on ``conn`` from ``body`` (``script``'s) inside its open
    transaction, as ``schema.migrate`` would from version 0: the schema, sqlite-utils' record
    of each migration, the marker and the version."""
    from mentorlog.journal.store import migrations as shipped
    from mentorlog.journal.store.schema import statements

    for statement in statements(body):
        conn.execute(statement)
    now = str(datetime.datetime.now(datetime.timezone.utc))
    conn.executemany(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('mentorlog', ?, ?)",
        [(m.__name__, now) for m in migrations],
    )
    conn.execute(f"PRAGMA application_id={shipped.APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version={len(migrations)}")


def write() -> None:
    """Write ``blank.sql`` from a journal the shipped migrations make (run after adding one)."""
    from mentorlog.journal.store import migrations as shipped
    from mentorlog.journal.store.schema import reference

    SCRIPT.write_text(script_of(reference(), shipped.MIGRATIONS), encoding="utf-8")


if __name__ == "__main__":
    write()
    print(f"Wrote {SCRIPT.name}.")
