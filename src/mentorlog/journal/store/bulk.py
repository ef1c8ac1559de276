"""Many rows added to one table in one change: the insert triggers' work done set-wise.

Each row added to a tracked, searchable table runs two triggers: the search index's
``<table>_ai`` and the history's ``history_<table>_insert`` (the row's after-image). For a few
rows that is nothing; for an import of 100,000 todos it was half the import's time (about
100 µs a row). ``Bulk`` takes the two triggers away for the rest of the table once
``AFTER`` rows have been added, notes each later row's id, and does the triggers' work with
one statement each (over a temporary table of the ids) every ``HELD`` rows, when the table is
done, and before an update could touch a row still waiting (the index's update trigger would
remove words that were never added).
What it writes is what the triggers would have written: the same index entries, and the same
``change_rows`` (after-images made by ``history.image_sql``, filed under the change that is
recording, and only while one is), so ``undo`` and ``history`` read an import as before.

It runs inside the import's savepoint: if the import fails, the rollback brings the triggers
back with everything else, and a ``Bulk`` that ends puts them back itself.
"""

from __future__ import annotations

import sqlite3

from mentorlog.journal.store import history
from mentorlog.journal.store.dump import quote

AFTER = 500  # rows added one by one, through the triggers, before the rest go set-wise
HELD = 10_000  # ids noted before their rows are indexed and recorded (memory stays flat)


class Bulk:
    def __init__(self, conn: sqlite3.Connection, table: str):
        self.conn, self.table = conn, table
        self.added = 0
        self.active = False
        self.waiting: list[int] = []  # ids added since the last flush
        names = (f"{table}_ai", f"history_{table}_insert")
        self.triggers = conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? AND name IN (?, ?)",
            (table, *names),
        ).fetchall()

    def inserted(self, row_id: int) -> None:
        """Note a row this import added (after the triggers it met, if any, ran)."""
        if self.active:
            self.waiting.append(row_id)
            if len(self.waiting) >= HELD:
                self.flush()
            return
        self.added += 1
        if self.added >= AFTER and self.triggers:
            self.conn.execute("CREATE TEMP TABLE IF NOT EXISTS bulk_added (id INTEGER PRIMARY KEY)")
            self.conn.execute("DELETE FROM temp.bulk_added")
            for name, _ in self.triggers:
                self.conn.execute(f"DROP TRIGGER {quote(name)}")
            self.active = True

    def flush(self) -> None:
        """Index and record the rows added since the last flush, as their triggers would have."""
        if not self.active or not self.waiting:
            return
        self.conn.executemany("INSERT INTO temp.bulk_added (id) VALUES (?)", ((i,) for i in self.waiting))
        self.waiting.clear()
        table, waiting = quote(self.table), "SELECT id FROM temp.bulk_added"
        names = {name for name, _ in self.triggers}
        if f"{self.table}_ai" in names:
            index = quote(f"{self.table}_fts")
            columns = [r[1] for r in self.conn.execute(f"PRAGMA table_info({index})")]
            listed = ", ".join(map(quote, columns))
            self.conn.execute(
                f"INSERT INTO {index} (rowid, {listed}) SELECT id, {listed} FROM {table} "
                f"WHERE id IN ({waiting}) ORDER BY id"
            )
        if f"history_{self.table}_insert" in names:
            after = history.image_sql(self.conn, self.table)
            self.conn.execute(
                "INSERT INTO change_rows (change_id, table_name, row_id, op, before, after) "
                f"SELECT (SELECT max(id) FROM changes), ?, id, 'insert', NULL, {after} "
                f"FROM {table} WHERE id IN ({waiting}) AND {history.RECORDING} ORDER BY id",
                (self.table,),
            )
        self.conn.execute("DELETE FROM temp.bulk_added")

    def end(self, *, quietly: bool = False) -> None:
        """Flush, and put the triggers back as they were. ``quietly`` (the merge failed): as far
        as the journal still allows, saying nothing of what does not work."""
        if not self.active:
            return
        try:
            self.flush()
        except sqlite3.Error:
            if not quietly:
                raise
        finally:
            self.active = False
            for _, sql in self.triggers:
                try:
                    self.conn.execute(sql)
                except sqlite3.Error:
                    if not quietly:
                        raise
