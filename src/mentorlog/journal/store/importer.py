"""Merging an export into the journal: rows matched by uuid, the newer ``updated_at`` wins.

The tables come from the journal's own schema (``dump.tables``, parents first), so a reference
in the file (a uuid) is turned back into the local id of a row that is already in the journal
or came earlier in the same import. A row the journal lacks is added; one the file holds in a
newer version (a later ``updated_at``) replaces the journal's; any other is left unchanged.
Import never deletes: a row deleted here but still in the file comes back. Every check that can
fail (a missing column, a reference to a uuid found nowhere, a value the schema refuses) raises
``ImportProblem`` naming the table, the row and the uuid; the caller's transaction then rolls
everything back, so a bad file changes nothing.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from datetime import date, datetime

from mentorlog.core import dates
from mentorlog.core.errors import MentorlogError, Suggest
from mentorlog.core.record import Record, field
from mentorlog.journal import concepts
from mentorlog.journal.store import history
from mentorlog.journal.store.bulk import Bulk
from mentorlog.journal.store.dump import Table, quote, tables

_SCALARS = (str, int, float, type(None))
_TICK = 500  # rows between progress updates
_PARENTS_HELD = 4096  # the ids of rows referred to that are kept at a time (the mentors, in the main)


class ImportProblem(MentorlogError):
    """A row of the file cannot go into this journal."""


class Counts(Record):
    added: int = 0
    updated: int = 0
    unchanged: int = 0

    def to_json(self) -> dict:
        return {"added": self.added, "updated": self.updated, "unchanged": self.unchanged}


class Renumbered(Record):
    """A row that arrived with an id another row holds here: it took the next free one."""

    table: str
    old: int
    new: int

    def to_json(self) -> dict:
        return {"table": self.table, "from": self.old, "to": self.new}


class Result(Record):
    tables: dict[str, Counts] = field(default_factory=dict)
    renumbered: list[Renumbered] = field(default_factory=list)

    def to_json(self) -> dict:
        return {name: c.to_json() for name, c in self.tables.items()}


# Columns whose text is a day, or an instant; the rest is checked by its declared type.
DAYS = {
    "due",
    "done_on",
    "given_on",
    "on_date",
    "by_date",
    "parked_until",
    "ended_on",
    "closed_on",
    "term_end",
    "revisit_by",
}
INSTANTS = {"at", "held_at", "next_checkin", "created_at", "updated_at", "undone_at"}
_DAYS, _INSTANTS = DAYS, INSTANTS
_BIGGEST = 2**63 - 1
_OUT_OF_BOUNDS = f"a date from {dates.YEARS[0]} to {dates.YEARS[1]}"


def _check(key: str, column: str, kind: str, value, where: str) -> None:
    """A value from the file is what the journal would have written there, or the file is
    refused: a hand-edited export must not leave rows that everyday commands cannot read."""
    problem = _problem(column, kind, value)
    if problem:
        raise ImportProblem(f"{where}: {key} {value!r} is not {problem}.")


def _problem(column: str, kind: str, value) -> str | None:
    if kind == "INTEGER":
        ok = isinstance(value, int) and -_BIGGEST <= value <= _BIGGEST
        return None if ok else "a whole number"
    if not isinstance(value, str):
        return "text"
    try:
        if column in DAYS:
            if len(value) != 10:
                return "a day (YYYY-MM-DD)"
            if not dates.in_bounds(date.fromisoformat(value)):
                return _OUT_OF_BOUNDS
        elif column in INSTANTS:
            at = datetime.fromisoformat(value)
            if at.tzinfo is None:
                return "a time with its offset"
            if not dates.in_bounds(at):  # in UTC and in local time
                return _OUT_OF_BOUNDS
        elif column == "tags":
            import json

            tags = json.loads(value)
            if not (isinstance(tags, list) and all(isinstance(t, str) for t in tags)):
                return "a list of tags"
            if any(not t.strip() or any(c.isspace() for c in t.strip()) for t in tags):
                return "a list of one-word tags"  # as tags.check: search reads a tag to its first space
        elif column == "handle":
            from mentorlog.journal.mentors import valid_handle

            if not valid_handle(value):
                return "a handle (letters, digits, - _ ., starting with a letter, not a command word)"
        elif column == "cadence":
            from mentorlog.core import cadences

            if cadences.parse_cadence(cadences.cadence_words(value)) != value:
                return "a cadence mentorlog can say in words"
        elif column == "slot":
            from mentorlog.core import cadences

            if not dates.in_bounds(cadences.slot_from_db(value)):  # raises on text that is not a slot
                return _OUT_OF_BOUNDS
        elif column == "slot_zone":
            from zoneinfo import ZoneInfo

            ZoneInfo(value)  # raises on a name the tz database does not know
    except (ValueError, TypeError, OverflowError, RecursionError, KeyError, OSError, MentorlogError):
        words = {"tags": "a list of tags", "cadence": "a cadence", "slot": "a slot (YYYY-MM-DDTHH:MM)"}
        words["slot_zone"] = "a time zone of the tz database (Europe/Berlin)"
        return words.get(column, "a day or time")
    return None


def _instant(value, where: str) -> datetime:
    if not isinstance(value, str):
        raise ImportProblem(f"{where} has no updated_at time.")
    try:
        at = datetime.fromisoformat(value)
    except ValueError:
        raise ImportProblem(f"{where} has an updated_at that is not an ISO time ({value!r}).") from None
    if at.tzinfo is None:
        raise ImportProblem(f"{where} has an updated_at without a time zone ({value!r}).")
    return at


class _Merger:
    def __init__(self, conn: sqlite3.Connection, tick: Callable[[int], None] | None, *, always: bool = False):
        self.conn = conn
        self.renumbered: list[Renumbered] = []
        # always: the row given is the one to keep whatever its updated_at (sync's merged rows);
        # it is written only where it differs, so giving it twice changes nothing.
        self.always = always
        self.recorded = any(r[0] == "change_rows" for r in conn.execute("SELECT name FROM sqlite_master"))
        # uuid → local id is asked of the journal (uuid is indexed) rather than held for every
        # row: a century of rows would not fit the 40 MiB budget (SPEC §7).
        self.tick = tick or (lambda n: None)
        self.parents: dict[tuple[str, str], int] = {}  # (table, uuid) → id of a row referred to

    def merge_table(self, table: Table, rows: Iterable) -> Counts:
        counts = Counts()
        name = quote(table.name)
        keys = {table.key(c): c for c in table.columns}  # name in the file → column
        kinds = {r[1]: r[2].upper() for r in self.conn.execute(f"PRAGMA table_info({name})")}
        find = f"SELECT id FROM {name} WHERE uuid = ?"
        # its triggers record deletes only
        untracked = table.name in concepts.deletes_only() and self.recorded
        added = Bulk(self.conn, table.name)
        try:
            self._merge_rows(table, rows, counts, name, keys, kinds, find, untracked, added)
        except BaseException:
            added.end(quietly=True)  # whatever the caller then rolls back or keeps is whole
            raise
        added.end()
        self.tick((counts.added + counts.updated + counts.unchanged) % _TICK)
        return counts

    def _merge_rows(self, table, rows, counts, name, keys, kinds, find, untracked, added: Bulk) -> None:
        inserts: dict[tuple, str] = {}  # the columns a row gives → its INSERT
        highest = self.conn.execute(f"SELECT coalesce(max(id), 0) FROM {name}").fetchone()[0]
        for n, row in enumerate(rows, 1):
            where = f"{table.name} row {n}"
            if not isinstance(row, dict):
                raise ImportProblem(f"{where} is not an object.")
            uuid = row.get("uuid")
            if not isinstance(uuid, str) or not uuid:
                raise ImportProblem(f"{where} has no uuid.")
            where = f"{table.name} row {n} (uuid {uuid})"
            wanted = row.get("id")  # the row's id where it came from (exports before it had none)
            if wanted is not None and not (isinstance(wanted, int) and 0 < wanted <= _BIGGEST):
                raise ImportProblem(f"{where}: id {wanted!r} is not a whole number.")
            row = {k: v for k, v in row.items() if k != "id"}
            values = self._values(table, keys, row, where)
            newer = _instant(row.get("updated_at"), where)
            for column, value in values.items():
                if value is not None and column not in table.refs:
                    _check(table.key(column), column, kinds.get(column, ""), value, where)
            found = self.conn.execute(find, (uuid,)).fetchone()
            row_id = found[0] if found else None
            if row_id is None:
                free = wanted is not None and (
                    wanted > highest  # above every id: free without asking
                    or self.conn.execute(f"SELECT 1 FROM {name} WHERE id = ?", (wanted,)).fetchone() is None
                )
                stored = {"id": wanted, **values} if free else values
                shape = tuple(stored)
                if shape not in inserts:
                    columns, marks = ", ".join(map(quote, stored)), ", ".join("?" * len(stored))
                    inserts[shape] = f"INSERT INTO {name} ({columns}) VALUES ({marks})"
                new_id = self._store(inserts[shape], stored, table, where)
                highest = max(highest, new_id)
                if wanted is not None and not free:
                    self.renumbered.append(Renumbered(table.name, wanted, new_id))
                if untracked:
                    history.note(self.conn, table.name, new_id, "insert", None)
                added.inserted(new_id)
                counts.added += 1
            elif (
                self._differs(table, row_id, values)
                if self.always
                else newer > self._stamp(table, row_id, where)
            ):
                added.flush()  # the row may be one of those waiting for their index entries
                before = history.image(self.conn, table.name, row_id) if untracked else None
                sets = ", ".join(f"{quote(c)} = ?" for c in values)
                self._store(f"UPDATE {name} SET {sets} WHERE id = {int(row_id)}", values, table, where)
                if untracked:
                    history.note(self.conn, table.name, row_id, "update", before)
                counts.updated += 1
            else:
                counts.unchanged += 1
            if n % _TICK == 0:
                self.tick(_TICK)

    def _differs(self, table: Table, row_id: int, values: dict) -> bool:
        columns = ", ".join(map(quote, values))
        found = self.conn.execute(
            f"SELECT {columns} FROM {quote(table.name)} WHERE id = ?", (row_id,)
        ).fetchone()
        return found is None or list(found) != list(values.values())

    def _stamp(self, table: Table, row_id: int, where: str) -> datetime:
        """The row's ``updated_at`` in the journal, asked when needed: holding every row's in
        memory would cost more than the lookups (SPEC §7: 40 MiB)."""
        sql = f"SELECT updated_at FROM {quote(table.name)} WHERE id = ?"
        return _instant(self.conn.execute(sql, (row_id,)).fetchone()[0], f"the journal's {where}")

    def _values(self, table: Table, keys: dict[str, str], row: dict, where: str) -> dict:
        values = {}
        for key, value in row.items():
            column = keys.get(key)
            if column is None:
                raise ImportProblem(
                    f"{where} has {key!r}, which this journal does not know.",
                    hint="It may come from a newer mentorlog: upgrade, then import again.",
                )
            if not isinstance(value, _SCALARS):
                raise ImportProblem(f"{where}: {key!r} holds a {type(value).__name__}, not a value.")
            if column in table.refs and value is not None:
                value = self._local_id(table.refs[column], value, key, where)
            values[column] = value
        missing = sorted(c for c in table.required if values.get(c) is None)
        if missing:
            raise ImportProblem(f"{where} has no {', '.join(table.key(c) for c in missing)}.")
        return values

    def _local_id(self, parent: str, uuid, key: str, where: str) -> int:
        known = self.parents.get((parent, uuid))
        if known is not None:
            return known
        found = None
        if isinstance(uuid, str):
            found = self.conn.execute(f"SELECT id FROM {quote(parent)} WHERE uuid = ?", (uuid,)).fetchone()
        if found is None:
            raise ImportProblem(
                f"{where} refers to {key} {uuid!r}, which is neither in the file nor in the journal."
            )
        if len(self.parents) >= _PARENTS_HELD:
            self.parents.clear()
        self.parents[(parent, uuid)] = found[0]  # a merge never deletes a row nor changes an id
        return found[0]

    def _store(self, sql: str, values: dict, table: Table, where: str) -> int:
        try:
            return self.conn.execute(sql, list(values.values())).lastrowid
        except sqlite3.IntegrityError as e:
            text = str(e)
            if "UNIQUE" in text and "uuid" not in text:
                column = text.rsplit(".", 1)[-1]
                raise ImportProblem(
                    f"{where}: the journal already has a different {table.name} row with this {column} "
                    f"({values.get(column)!r}).",
                    hint=Suggest("rename_mentor"),
                ) from None
            raise ImportProblem(f"{where} does not fit this journal ({text}).") from None
        except (sqlite3.InterfaceError, sqlite3.DataError, OverflowError, UnicodeEncodeError) as e:
            raise ImportProblem(f"{where} holds a value that cannot be stored ({e}).") from None


Merger = _Merger  # sync stores what it received through the same checks


def merge(
    conn: sqlite3.Connection,
    rows_of: Callable[[str], Iterable],
    in_file: list[str],
    *,
    dry_run: bool = False,
    tick: Callable[[int], None] | None = None,
) -> Result:
    """Merge the file's tables (``in_file``, each read with ``rows_of(name)``) into the journal
    in the open write transaction. With ``dry_run`` the counts are those of a real import (every
    check runs, the rows are written) and then the writes are rolled back."""
    known = tables(conn)
    names = {t.name for t in known}
    unknown = [name for name in in_file if name not in names]
    if unknown:
        raise ImportProblem(
            f"The file has {', '.join(map(repr, unknown))}, which this journal does not know.",
            hint="It may come from a newer mentorlog: upgrade, then import again.",
        )
    merger = _Merger(conn, tick)
    result = Result()
    conn.execute("SAVEPOINT import")
    try:
        for table in known:
            rows = rows_of(table.name) if table.name in in_file else ()
            result.tables[table.name] = merger.merge_table(table, rows)
        result.renumbered = merger.renumbered
    except BaseException:
        conn.execute("ROLLBACK TO import")
        conn.execute("RELEASE import")
        raise
    if dry_run:
        conn.execute("ROLLBACK TO import")
    conn.execute("RELEASE import")
    return result
