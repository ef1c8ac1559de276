"""``doctor``'s checks of what the rows hold: dates a view cannot compute from, and texts a
sync left with clash markers.

A date outside ``dates.YEARS`` (or not a date at all) was put there by an older mentorlog,
another program or a hand edit, and every view that computes from it would fail: ``--repair``
clears it where nothing may be, or moves it within the bounds. A text where a sync kept two
machines' clashing lines between markers is listed until someone edits it.
"""

from __future__ import annotations

import sqlite3

from mentorlog.journal.store.doctorfindings import Finding, mendable
from mentorlog.journal.store.dump import quote, tables
from mentorlog.journal.store.syncfiles import concept_of
from mentorlog.journal.store.syncmerge import MARKER


def check_clashes(conn: sqlite3.Connection) -> Finding | None:
    """Texts a sync merged with lines that clash (both kept between markers): listed until
    someone edits them, so none is forgotten."""
    found = conflicts(conn)
    if not found:
        return None
    shown = ", ".join(f"{concept} {row_id} ({column})" for concept, row_id, column in found[:10])
    more = f" and {len(found) - 10} more" if len(found) > 10 else ""
    return Finding(
        "sync clashes",
        False,
        f"Lines that clash between two machines are kept between markers in {shown}{more};"
        " edit them to resolve.",
    )


def conflicts(conn: sqlite3.Connection) -> list[tuple[str, int, str]]:
    """(concept, id, column) of every text holding clash markers left by a sync's merge."""
    found = []
    for table in tables(conn):
        kinds = {r[1]: (r[2] or "").upper() for r in conn.execute(f"PRAGMA table_info({quote(table.name)})")}
        for column in table.columns:
            if kinds.get(column) != "TEXT" or column in ("uuid", "created_at", "updated_at"):
                continue
            for (row_id,) in conn.execute(
                f"SELECT id FROM {quote(table.name)} WHERE instr({quote(column)}, ?) > 0 ORDER BY id",
                ("\n" + MARKER.strip(),),
            ):
                found.append((concept_of(table.name), row_id, column))
            for (row_id,) in conn.execute(
                f"SELECT id FROM {quote(table.name)} WHERE {quote(column)} LIKE ? ORDER BY id",
                (MARKER.strip() + "%",),
            ):
                found.append((concept_of(table.name), row_id, column))
    return sorted(set(found))


# --- dates --------------------------------------------------------------------------------


def _date_columns(conn: sqlite3.Connection) -> list[tuple[str, str, bool]]:
    """(table, column, NOT NULL) of every column that holds a day, an instant or a slot."""
    from mentorlog.journal.store.importer import DAYS, INSTANTS

    wanted = DAYS | INSTANTS | {"slot"}
    found = []
    for (table,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite!_%' ESCAPE '!' "
        "AND name NOT LIKE '%!_fts%' ESCAPE '!'"
    ):
        info = conn.execute(f'PRAGMA table_info("{table}")').fetchall()
        if any(r[1] == "id" for r in info):
            found += [(table, r[1], bool(r[3])) for r in info if r[1] in wanted]
    return found


def _readable(column: str, value) -> bool:
    """Whether ``value`` is a date of ``column``'s kind within ``dates.YEARS``."""
    from datetime import date, datetime

    from mentorlog.core import cadences, dates
    from mentorlog.journal.store.importer import DAYS

    if not isinstance(value, str):
        return False
    try:
        if column in DAYS:
            return len(value) == 10 and dates.in_bounds(date.fromisoformat(value))
        if column == "slot":
            return dates.in_bounds(cadences.slot_from_db(value))
        return dates.in_bounds(datetime.fromisoformat(value))
    except (ValueError, TypeError, OverflowError):
        return False


def _mended(column: str, value, notnull: bool) -> str | None:
    """What ``--repair`` puts in place of a date out of bounds: nothing where nothing may be
    (a next check-in, a due day), the nearest bound where a date must be, now for a row's stamps."""
    from mentorlog.core import dates
    from mentorlog.journal.store.importer import DAYS

    if not notnull:
        return None
    if column in ("created_at", "updated_at"):
        return dates.stamp()
    low, high = dates.YEARS
    early = isinstance(value, str) and value[:4] < f"{(low + high) // 2:04d}"
    if column in DAYS:
        return f"{low:04d}-01-02" if early else f"{high:04d}-12-30"
    if column == "slot":
        return f"{low:04d}-01-02T12:00" if early else f"{high:04d}-12-30T12:00"
    return f"{low:04d}-01-02T12:00:00+00:00" if early else f"{high:04d}-12-30T12:00:00+00:00"


def check_dates(conn: sqlite3.Connection, writable: bool, *, repair: bool) -> Finding:
    """Rows whose dates lie outside ``dates.YEARS`` (in UTC or local time) or cannot be read:
    an older mentorlog, another program or a hand edit put them there, and every view that
    computes from them (the next occurrence, "in 30 days") would fail."""
    from mentorlog.core import dates

    low, high = dates.YEARS
    bad = []
    for table, column, notnull in _date_columns(conn):
        q = f'"{column}"'
        # Candidates in SQL (the text sorts as the date does), each then read exactly.
        for row_id, value in conn.execute(
            f"SELECT id, {q} FROM \"{table}\" WHERE {q} IS NOT NULL AND (typeof({q}) != 'text' "
            f"OR {q} < '{low:04d}-01-03' OR {q} >= '{high:04d}-12-30' OR length({q}) < 10)"
        ):
            if not _readable(column, value):
                bad.append((table, row_id, column, value, notnull))
    if not bad:
        return Finding("dates", True, f"Every date lies between {low} and {high}.")
    shown = ", ".join(f"{t} {i} {c} {v!r}" for t, i, c, v, _ in bad[:4])
    more = f" (and {len(bad) - 4} more)" if len(bad) > 4 else ""
    if not (repair and writable):
        return mendable("dates", f"Dates outside {low}-{high} or unreadable: {shown}{more}.", writable)
    conn.execute("BEGIN IMMEDIATE")
    try:
        for table, row_id, column, value, notnull in bad:
            conn.execute(
                f'UPDATE "{table}" SET "{column}" = ? WHERE id = ?', (_mended(column, value, notnull), row_id)
            )
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    return Finding("dates", True, f"Cleared or moved within {low}-{high}: {shown}{more}.", repaired=True)
