"""The full-text index: one external-content FTS5 table per searchable table (``<table>_fts``),
kept in step by the ``<table>_ai/_ad/_au`` triggers, exactly as sqlite-utils' ``enable_fts``
makes them, so ``sqlite-utils search`` and datasette find it too.

What each concept indexes is the registry's word (``concepts.fts_config``): the index is state
derived from it, made by ``enable_search`` after the last migration (``schema.rebuild_derived``),
not by any migration of its own after the first. ``optimize`` merges each index into one segment;
``problem`` and ``rebuild`` are ``doctor``'s check of an index and its repair.
"""

from __future__ import annotations

import sqlite3

from mentorlog.journal import concepts

TYPE_CHECKING = False  # importing typing costs start-up; type checkers take this as True
if TYPE_CHECKING:
    from sqlite_utils import Database

# remove_diacritics 2 (SQLite >= 3.27) also folds letters with several diacritics; with the
# default case folding, `cafe` finds `Café` and `RESUME` finds `résumé`.
TOKENIZE = "unicode61 remove_diacritics 2"


def enable_search(db: Database) -> None:
    """Create (or bring up to date) the full-text index of every searchable concept.

    Runs inside the migration's transaction: sqlite-utils executes its scripts statement by
    statement when a transaction is open, and ``enable_fts`` fills the index from the rows
    already there. ``replace=True`` makes it idempotent, and rebuilds an index whose columns or
    tokenizer differ from the registry's.
    """
    for table, columns in concepts.fts_config().items():
        if not db[table].exists():
            continue  # a concept whose table a later migration makes
        db[table].enable_fts(columns, create_triggers=True, tokenize=TOKENIZE, replace=True)


def optimize(conn: sqlite3.Connection) -> None:
    """Merge each index into one segment. A deleted row's words stay in the index's older
    segments until a merge; after this (and a ``VACUUM``) they are gone from the file."""
    for table in concepts.fts_config():
        conn.execute(f"INSERT INTO {table}_fts ({table}_fts) VALUES ('optimize')")


def owned_names(table: str) -> set[str]:
    """The names the index of ``table`` takes in the schema: its table, shadow tables, triggers."""
    parts = ("fts", "fts_data", "fts_idx", "fts_docsize", "fts_config", "ai", "ad", "au")
    return {f"{table}_{p}" for p in parts}


def problem(conn: sqlite3.Connection, table: str, names: set[str]) -> str | None:
    """What is wrong with ``table``'s index (``names``: every name in the schema), or None: a
    part missing, or an index that FTS5's ``integrity-check`` finds out of step with the table."""
    fts = f"{table}_fts"
    if table not in names:
        return None  # an older schema without this table
    missing = [n for n in (fts, f"{table}_ai", f"{table}_ad", f"{table}_au") if n not in names]
    if missing:
        return f"{table}: {', '.join(missing)} missing"
    conn.execute("SAVEPOINT doctor")
    try:
        conn.execute(f"INSERT INTO {fts}({fts}, rank) VALUES('integrity-check', 1)")
        return None
    except sqlite3.DatabaseError:
        return f"{table}: the index does not match the table"
    finally:
        conn.execute("ROLLBACK TO doctor")
        conn.execute("RELEASE doctor")


def rebuild(conn: sqlite3.Connection, tables: list[str], names: set[str]) -> None:
    """Rebuild the index of ``tables`` from their rows, in one transaction. A table whose index
    or triggers are not all there has what is left of them dropped first (its triggers outlive a
    dropped index, and would clash with the ones made again), then made again the way the
    migration made them."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        broken = [t for t in tables if any(f"{t}_{s}" not in names for s in ("fts", "ai", "ad", "au"))]
        if broken:
            from sqlite_utils import Database

            db = Database(conn)
            for table in broken:
                for suffix in ("ai", "ad", "au"):
                    conn.execute(f'DROP TRIGGER IF EXISTS "{table}_{suffix}"')
                conn.execute(f'DROP TABLE IF EXISTS "{table}_fts"')
                for shadow in ("data", "idx", "docsize", "config", "content"):  # left by a DROP of the index
                    conn.execute(f'DROP TABLE IF EXISTS "{table}_fts_{shadow}"')
                db[table].enable_fts(
                    concepts.fts_config()[table], create_triggers=True, tokenize=TOKENIZE, replace=True
                )
        for table in tables:
            conn.execute(f"INSERT INTO {table}_fts({table}_fts) VALUES('rebuild')")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
