"""The journal as plain data, read from the schema itself: every concept table (a table with a
``uuid``), its columns, and its references to other tables by uuid instead of by id. A row
carries its own id too, so that an import can keep it where it is free (SPEC §1).

Export writes this and import reads it back, so neither repeats the list of tables or
columns: a migration that adds a column or a table is carried by both without a change here.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

from mentorlog.core.record import Record


class Table(Record):
    name: str
    columns: list[str]  # as stored, without the integer id
    refs: dict[str, str]  # column → the table it references by id
    required: frozenset[str] = frozenset()  # NOT NULL without a default: a row must give them

    def keys(self) -> list[str]:
        """The keys of a dumped row, in the order ``rows`` gives them: the id first (import keeps
        it where it is free, SPEC §1), then the stored columns, then the references."""
        return (
            ["id"]
            + [c for c in self.columns if c not in self.refs]
            + [self.key(c) for c in sorted(self.refs)]
        )

    def key(self, column: str) -> str:
        """The name a column has in a dump: a reference drops its ``_id`` (``mentor_id`` → ``mentor``)."""
        return column[:-3] if column in self.refs and column.endswith("_id") else column


def tables(conn: sqlite3.Connection) -> list[Table]:
    """The concept tables, each after the tables it references (so a dump loads in order)."""
    found: dict[str, Table] = {}
    for (name,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
    ):
        info = conn.execute(f"PRAGMA table_info({quote(name)})").fetchall()
        columns = [r[1] for r in info]
        if "uuid" not in columns:
            continue  # not a concept: migrations, the full-text index, history
        refs = {r[3]: r[2] for r in conn.execute(f"PRAGMA foreign_key_list({quote(name)})")}
        # (cid, name, type, notnull, default, pk)
        required = frozenset(r[1] for r in info if r[3] and r[4] is None and r[1] != "id")
        found[name] = Table(name, [c for c in columns if c != "id"], refs, required)
    ordered: list[Table] = []

    def visit(table: Table, seen: set[str]) -> None:
        if table in ordered or table.name in seen:
            return
        for parent in table.refs.values():
            if parent in found and parent != table.name:
                visit(found[parent], seen | {table.name})
        ordered.append(table)

    for table in found.values():
        visit(table, set())
    return ordered


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def rows(conn: sqlite3.Connection, table: Table, where: str = "", args: tuple = ()) -> Iterator[dict]:
    """The rows of ``table`` as dicts keyed as in a dump, references as uuids; one query."""
    joins, picks = [], []
    for i, (column, parent) in enumerate(sorted(table.refs.items())):
        joins.append(f"LEFT JOIN {quote(parent)} r{i} ON r{i}.id = t.{quote(column)}")
        picks.append(f"r{i}.uuid AS {quote('ref:' + column)}")
    columns = ["t.id"] + [f"t.{quote(c)}" for c in table.columns if c not in table.refs]
    sql = (
        f"SELECT {', '.join(columns + picks)} FROM {quote(table.name)} t {' '.join(joins)}"
        f" {where} ORDER BY t.id"
    )
    cursor = conn.execute(sql, args)
    names = [d[0] for d in cursor.description]
    keys = [table.key(n[4:]) if n.startswith("ref:") else n for n in names]
    for row in cursor:
        yield dict(zip(keys, row, strict=True))


def dump(conn: sqlite3.Connection) -> dict[str, list[dict]]:
    """Every concept table's rows, parents first."""
    return {t.name: list(rows(conn, t)) for t in tables(conn)}
