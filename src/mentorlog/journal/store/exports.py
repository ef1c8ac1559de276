"""What ``export`` reads beyond the plain dump: which rows a filtered export takes, and the
check-ins and dated todos a calendar shows.

A filter chooses rows: ``--mentor`` the rows filed under that mentor (an application through
its advice; a todo or goal without a mentor belongs to none), ``--since``/``--until`` the rows
dated in the period by the registry's ``Concept.dated_by`` (a meeting by when it was held,
advice by the day it was given, an application or thanks by its day, anything else by when it
was typed in);
mentors have no date and are kept by ``--since``/``--until``. Then every row a chosen row refers
to comes along (the mentor of a meeting, the advice an application is of, the goal a todo
serves, even when outside the period), so an export never refers to a row it does not hold:
it imports into an empty journal, and its rows are exact copies of the journal's. A calendar
(``checkins``, ``dated_todos``) is about what lies ahead, so there the period bounds the next
check-in and the due date instead.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime, timedelta

from mentorlog.core import dates
from mentorlog.core.record import Record
from mentorlog.journal import concepts
from mentorlog.journal.store.dump import Table, quote


class Selection(Record):
    mentor_id: int | None = None
    since: datetime | None = None  # aware, inclusive
    until: datetime | None = None  # aware, inclusive

    @property
    def everything(self) -> bool:
        return self.mentor_id is None and self.since is None and self.until is None


def _mentor_clause(table: Table, by_name: dict[str, Table], mentor_id: int) -> tuple[str, list]:
    if table.name == "mentors":
        return "t.id = ?", [mentor_id]
    if table.refs.get("mentor_id") == "mentors":
        return "t.mentor_id = ?", [mentor_id]
    # No mentor of its own: the mentor of a parent it cannot exist without (an application's advice).
    for column, parent in sorted(table.refs.items()):
        owner = by_name.get(parent)
        if column in table.required and owner is not None and owner.refs.get("mentor_id") == "mentors":
            return f"t.{quote(column)} IN (SELECT id FROM {quote(parent)} WHERE mentor_id = ?)", [mentor_id]
    return "0", []  # not about any mentor


def _date_clauses(table: Table, since: datetime | None, until: datetime | None) -> tuple[list[str], list]:
    # The column that dates a row is the registry's (``Concept.dated_by``; None: undated, as
    # mentors are). A column ending in _on or _date holds a calendar day, the others an instant.
    concept = concepts.by_table(table.name)
    column = concept.dated_by if concept is not None else "created_at"
    if column is None or column not in table.columns:
        return [], []
    clauses, args = [], []
    col = f"t.{quote(column)}"
    if column.endswith(("_on", "_date")):  # a calendar day: compare local days
        if since is not None:
            clauses.append(f"{col} >= ?")
            args.append(since.astimezone().date().isoformat())
        if until is not None:
            clauses.append(f"{col} <= ?")
            args.append(until.astimezone().date().isoformat())
    else:  # stored instants sort as text; the end is exclusive one second on (stamps carry microseconds)
        if since is not None:
            clauses.append(f"{col} >= ?")
            args.append(dates.to_db(since))
        if until is not None:
            clauses.append(f"{col} < ?")
            args.append(dates.to_db(until + timedelta(seconds=1)))
    return clauses, args


def select(
    conn: sqlite3.Connection, tables: list[Table], selection: Selection
) -> dict[str, list[int]] | None:
    """The ids each table contributes to an export with ``selection`` (None: everything)."""
    if selection.everything:
        return None
    by_name = {t.name: t for t in tables}
    chosen: dict[str, set[int]] = {}
    for table in tables:
        clauses, args = _date_clauses(table, selection.since, selection.until)
        if selection.mentor_id is not None:
            clause, more = _mentor_clause(table, by_name, selection.mentor_id)
            clauses.append(clause)
            args += more
        where = " AND ".join(clauses) or "1"
        chosen[table.name] = {
            r[0] for r in conn.execute(f"SELECT t.id FROM {quote(table.name)} t WHERE {where}", args)
        }
    # Children before parents (tables are parents first), so a parent pulled in by a child
    # brings its own parents in turn.
    for table in reversed(tables):
        ids = json.dumps(sorted(chosen[table.name]))
        for column, parent in table.refs.items():
            if parent not in chosen or parent == table.name:
                continue
            chosen[parent].update(
                r[0]
                for r in conn.execute(
                    f"SELECT DISTINCT {quote(column)} FROM {quote(table.name)}"
                    f" WHERE id IN (SELECT value FROM json_each(?)) AND {quote(column)} IS NOT NULL",
                    (ids,),
                )
            )
    return {name: sorted(ids) for name, ids in chosen.items()}


def where_ids(ids: list[int]) -> tuple[str, tuple]:
    """The ``where`` and ``args`` for ``dump.rows`` that take only ``ids``."""
    return "WHERE t.id IN (SELECT value FROM json_each(?))", (json.dumps(ids),)


def count(conn: sqlite3.Connection, table: Table) -> int:
    return conn.execute(f"SELECT count(*) FROM {quote(table.name)}").fetchone()[0]


def _within(at: datetime | date, selection: Selection) -> bool:
    if isinstance(at, datetime):
        return (selection.since is None or at >= selection.since) and (
            selection.until is None or at < selection.until + timedelta(seconds=1)
        )
    return (selection.since is None or at >= selection.since.astimezone().date()) and (
        selection.until is None or at <= selection.until.astimezone().date()
    )


def checkins(conn: sqlite3.Connection, selection: Selection) -> list[dict]:
    """The next check-in of each active mentor who has one (of the selection's mentor, in its
    period), as ``exporters.ics.to_ics`` takes them; its length is that of the mentor's latest
    check-in with one recorded."""
    sql = (
        "SELECT m.uuid, m.name, m.handle, m.next_checkin, m.cadence, m.slot_zone,"
        " (SELECT minutes FROM meetings WHERE mentor_id = m.id AND minutes IS NOT NULL"
        "  ORDER BY held_at DESC LIMIT 1)"
        " FROM mentors m WHERE m.ended_on IS NULL AND m.next_checkin IS NOT NULL"
    )
    args: list = []
    if selection.mentor_id is not None:
        sql += " AND m.id = ?"
        args.append(selection.mentor_id)
    found = [
        {
            "uuid": uuid,
            "name": name,
            "handle": handle,
            "next_checkin": dates.from_db(at),
            "cadence": cadence,
            "zone": zone,
            "minutes": minutes,
        }
        for uuid, name, handle, at, cadence, zone, minutes in conn.execute(
            sql + " ORDER BY m.next_checkin", args
        )
    ]
    return [c for c in found if _within(c["next_checkin"], selection)]


def dated_todos(conn: sqlite3.Connection, selection: Selection) -> list[dict]:
    """Open todos with a due date (of the selection's mentor, due in its period), as
    ``exporters.ics.to_ics`` takes them."""
    sql = (
        "SELECT t.uuid, t.text, t.due, m.name FROM todos t LEFT JOIN mentors m ON m.id = t.mentor_id"
        " WHERE t.status = 'open' AND t.due IS NOT NULL"
    )
    args: list = []
    if selection.mentor_id is not None:
        sql += " AND t.mentor_id = ?"
        args.append(selection.mentor_id)
    found = [
        {"uuid": uuid, "text": text, "due": dates.day_from_db(due), "mentor": name}
        for uuid, text, due, name in conn.execute(sql + " ORDER BY t.due, t.id", args)
    ]
    return [t for t in found if _within(t["due"], selection)]


# --- a spreadsheet's columns ---------------------------------------------------------------


def sheet_keys(table: Table) -> list[str]:
    """The columns of a table's csv file: ``id``, then the dump's, each reference (a uuid)
    followed by what a person reads it by: a mentor's handle (``mentor_handle``), any other
    row's id (``meeting_id``, ``goal_id``…), so a sheet groups by mentor and matches ``todo
    done 5``."""
    keys, dumped = ["id"], table.keys()
    for key in dumped:
        keys.append(key)
        column = next((c for c in table.refs if table.key(c) == key), None)
        if column is not None:
            keys.append(f"{key}_handle" if table.refs[column] == "mentors" else f"{key}_id")
    return keys


def sheet_rows(conn: sqlite3.Connection, table: Table, where: str = "", args: tuple = ()):
    """The rows of ``table`` keyed as ``sheet_keys`` says, references resolved in one query."""
    joins, picks = [], ["t.id AS id"]
    picks += [f"t.{quote(c)} AS {quote(c)}" for c in table.columns if c not in table.refs]
    for i, (column, parent) in enumerate(sorted(table.refs.items())):
        key = table.key(column)
        readable = "handle" if parent == "mentors" else "id"
        joins.append(f"LEFT JOIN {quote(parent)} r{i} ON r{i}.id = t.{quote(column)}")
        picks.append(f"r{i}.uuid AS {quote(key)}")
        picks.append(f"r{i}.{readable} AS {quote(f'{key}_{readable}')}")
    sql = f"SELECT {', '.join(picks)} FROM {quote(table.name)} t {' '.join(joins)} {where} ORDER BY t.id"
    cursor = conn.execute(sql, args)
    names = [d[0] for d in cursor.description]
    for row in cursor:
        yield dict(zip(names, row, strict=True))
