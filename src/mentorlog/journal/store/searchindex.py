"""The full-text index: one external-content FTS5 table per searchable table (``<table>_fts``),
kept in step by the ``<table>_ai/_ad/_au`` triggers, exactly as sqlite-utils' ``enable_fts``
makes them, so ``sqlite-utils search`` and datasette find it too.

What each concept indexes is the registry's word (``concepts.fts_config``): the index is state
derived from it, made by ``enable_search`` after the last migration (``schema.rebuild_derived``),
not by any migration of its own after the first. ``optimize`` merges each index into one segment.
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
