"""Making a journal's schema and comparing a journal with it: the migrations run, the derived
state rebuilt, and the shape a journal of a version should have.

``migrate`` runs the pending migrations of ``migrations.MIGRATIONS`` with sqlite-utils inside the
caller's transaction, then rebuilds the state derived from the registry (``rebuild_derived``:
the history's triggers and the full-text index, which no migration makes) and stamps the file
with mentorlog's application id and the schema version (``PRAGMA user_version``).
``db.open_journal`` calls it, under the write lock and after a backup, when a journal is behind
(a new one is made from ``blank.sql``, which ``blank.py`` writes from what this makes);
``reference`` uses it to make an empty journal in memory, and ``gaps`` says how a journal differs
from that (``doctor`` and ``restore`` ask). Only this module imports sqlite-utils' migrations.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence

from mentorlog.core.record import Record, field
from mentorlog.journal.store import migrations as shipped

TYPE_CHECKING = False  # importing typing costs start-up; type checkers take this as True
if TYPE_CHECKING:
    from sqlite_utils import Database


def migrate(conn: sqlite3.Connection, migrations: Sequence[Callable[[Database], None]], version: int) -> None:
    """Bring the journal on ``conn``, at ``version``, to ``len(migrations)`` inside the open
    transaction (the caller commits or rolls back).

    sqlite-utils' ``executescript`` runs a script statement by statement inside the open
    transaction (plain ``sqlite3.executescript`` would commit it), so a migration may hold
    ``CREATE TRIGGER … BEGIN …; END``.
    """
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

    target = len(migrations)
    runner = Migrations("mentorlog")
    for migration in migrations:
        runner()(migration)
    db = _in_one_pass(Database)(conn)
    _trust_the_version(runner, db, migrations[:version])
    runner.apply(db)
    if target >= shipped.SCHEMA_VERSION:  # the registry describes today's schema, not an older one
        rebuild_derived(db)
    conn.execute(f"PRAGMA application_id={shipped.APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version={target}")


def _in_one_pass(database: type) -> type:
    """sqlite-utils' ``Database`` whose ``executescript`` inside a transaction finds each
    statement's end in one pass over the script: sqlite-utils re-joins the text read so far
    after every character to ask ``sqlite3.complete_statement``, which was most of the time of
    making a new journal. The statements run are the same, in the same order."""

    class InOnePass(database):
        def executescript(self, sql: str):
            if not self.conn.in_transaction:
                return super().executescript(sql)
            cursor = self.conn.cursor()
            for statement in statements(sql):
                cursor.execute(statement)
            return cursor

    return InOnePass


def statements(sql: str):
    """The complete statements of ``sql``, stripped, in order: a statement ends at a ``;`` that
    ``sqlite3.complete_statement`` says ends it (not one in a string, a comment or a trigger's
    body); text after the last one is a statement too."""
    start = 0
    semicolon = sql.find(";")
    while semicolon >= 0:
        if sqlite3.complete_statement(sql[start : semicolon + 1]):
            statement = sql[start : semicolon + 1].strip()
            if statement.strip(";").strip():
                yield statement
            start = semicolon + 1
        semicolon = sql.find(";", semicolon + 1)
    rest = sql[start:].strip()
    if rest:
        yield rest


def _trust_the_version(runner, db: Database, ran: Sequence[Callable[[Database], None]]) -> None:
    """Record as applied the migrations the journal's version says ran, where sqlite-utils'
    own record of them is gone (a tool that tidied ``_sqlite_migrations`` away, a copy without
    it): else it would run them again, and every write would fail on "table mentors already
    exists"."""
    import datetime

    runner.ensure_migrations_table(db)
    applied = {m.name for m in runner.applied(db)}
    for migration in ran:
        if migration.__name__ not in applied:
            db[runner.migrations_table].insert(
                {
                    "migration_set": runner.name,
                    "name": migration.__name__,
                    "applied_at": str(datetime.datetime.now(datetime.timezone.utc)),
                }
            )


def rebuild_derived(db: Database) -> None:
    """Bring the state derived from the registry in line with it: the history's triggers (made
    from each tracked table's current columns) and the full-text index of every searchable
    concept (``enable_fts`` leaves an index that already matches as it is). Runs after the last
    migration, in its transaction; ``doctor`` checks the same state and ``--repair`` calls this."""
    from mentorlog.journal.store.history import install_triggers
    from mentorlog.journal.store.searchindex import enable_search

    enable_search(db)
    install_triggers(db)


# --- the shape a journal should have ------------------------------------------------------


def reference(version: int = shipped.SCHEMA_VERSION) -> sqlite3.Connection:
    """A new, empty journal at ``version``, in memory: the tables, columns, indexes and triggers
    a journal of that version holds, made by the same migrations (imports sqlite-utils)."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    conn.execute("BEGIN")
    migrate(conn, shipped.MIGRATIONS[:version], 0)
    conn.commit()
    return conn


class Gap(Record):
    """One way a journal's schema differs from what its version should hold."""

    kind: str  # "missing" (an object), "columns" (a table lacks some), "foreign" (not mentorlog's)
    type: str  # table, index, trigger, view
    name: str
    table: str  # the table it belongs to
    columns: list[str] = field(default_factory=list)

    def words(self) -> str:
        if self.kind == "columns":
            return f"table {self.table} lacks {', '.join(self.columns)}"
        if self.kind == "foreign":
            return f"{self.type} {self.name} on {self.table} is not mentorlog's"
        return f"{self.type} {self.name} is missing"


def objects(conn: sqlite3.Connection) -> dict[str, tuple[str, str, str | None]]:
    """name → (type, table, sql) of everything in the schema but SQLite's own tables and
    sqlite-utils' record of the migrations it ran (its own business, named as it likes)."""
    return {
        r[1]: (r[0], r[2], r[3])
        for r in conn.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master "
            "WHERE name NOT LIKE 'sqlite!_%' ESCAPE '!' AND tbl_name NOT LIKE '!_sqlite!_%' ESCAPE '!'"
        )
    }


def columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in conn.execute(f'PRAGMA table_info("{table.replace(chr(34), chr(34) * 2)}")')]


def gaps(conn: sqlite3.Connection, version: int, model: sqlite3.Connection | None = None) -> list[Gap]:
    """How the journal on ``conn`` differs from a journal of ``version``: what it lacks (tables,
    columns, indexes, triggers, the search index's tables) and the triggers and views it holds
    that mentorlog did not make. Extra tables and indexes are someone's own additions, and
    harmless (``ANALYZE``'s statistics, say); an extra trigger runs on every write."""
    model = model or reference(version)
    want, have = objects(model), objects(conn)
    found = []
    for name, (kind, table, _) in want.items():
        if name not in have or have[name][0] != kind:  # a view in a table's place is no table
            found.append(Gap("missing", kind, name, table))
        elif kind == "table" and not name.endswith(("_data", "_idx", "_docsize", "_config")):
            lacking = [c for c in columns(model, name) if c not in columns(conn, name)]
            if lacking:
                found.append(Gap("columns", kind, name, table, lacking))
    for name, (kind, table, _) in have.items():
        if kind in ("trigger", "view") and (name not in want or want[name][0] != kind):
            found.append(Gap("foreign", kind, name, table))
    return found
