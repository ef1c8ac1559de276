"""The counts ``progress`` shows, over a period and for one mentor or all: meetings, activity
by day, todos, advice and thanks. Each is one aggregate query that reads only the period's
rows through an index; ``views/progress.py`` shapes the results.
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

from mentorlog.core import dates
from mentorlog.core.record import Record
from mentorlog.journal.advice import Outcome
from mentorlog.journal.meetings import PREPARED


class Held(Record):
    """One meeting as progress counts it."""

    mentor_id: int
    day: date
    late: bool
    prepared: bool


def _mentor(column: str, mentor_id: int | None) -> tuple[str, list]:
    return (f" AND {column} = ?", [mentor_id]) if mentor_id is not None else ("", [])


def first_record_day(conn: sqlite3.Connection, mentor_id: int | None) -> date | None:
    """The earliest day anything happened — a meeting, advice given or applied, thanks, a todo
    done, a skill rated, feedback, an offer — by the record's own date, never by when it was typed in."""
    who_m, args_m = _mentor("mentor_id", mentor_id)
    who_a, args_a = _mentor("a.mentor_id", mentor_id)
    who_s, args_s = _mentor("s.mentor_id", mentor_id)
    row = conn.execute(
        f"""SELECT min(d) FROM (
          SELECT min(held_at) AS d FROM meetings WHERE 1 {who_m}
          UNION ALL SELECT min(given_on) FROM advice WHERE 1 {who_m}
          UNION ALL SELECT min(p.on_date) FROM applications p JOIN advice a ON a.id = p.advice_id
            WHERE 1 {who_a}
          UNION ALL SELECT min(on_date) FROM thanks WHERE 1 {who_m}
          UNION ALL SELECT min(done_on) FROM todos WHERE done_on IS NOT NULL {who_m}
          UNION ALL SELECT min(r.on_date) FROM skill_ratings r JOIN skills s ON s.id = r.skill_id
            WHERE 1 {who_s}
          UNION ALL SELECT min(on_date) FROM feedback WHERE 1 {who_m}
          UNION ALL SELECT min(on_date) FROM offers WHERE 1 {who_m})""",
        [*args_m, *args_m, *args_a, *args_m, *args_m, *args_s, *args_m, *args_m],
    ).fetchone()
    if not row[0]:
        return None
    text = row[0]
    return dates.from_db(text).date() if "T" in text else date.fromisoformat(text)


def meetings_held(conn: sqlite3.Connection, start: datetime, mentor_id: int | None) -> list[Held]:
    who, args = _mentor("mt.mentor_id", mentor_id)
    rows = conn.execute(
        f"SELECT mt.mentor_id, mt.held_at, mt.late, {PREPARED} AS prepared FROM meetings mt "
        f"WHERE mt.held_at >= ? {who} ORDER BY mt.held_at",
        [dates.to_db(start), *args],
    )
    return [Held(r[0], dates.from_db(r[1]).date(), bool(r[2]), bool(r[3])) for r in rows]


def first_meetings(conn: sqlite3.Connection, mentor_id: int | None) -> dict[int, date]:
    """Each mentor's first meeting ever held, by day: where their cadence starts to count."""
    who, args = _mentor("mentor_id", mentor_id)
    rows = conn.execute(
        f"SELECT mentor_id, min(held_at) FROM meetings WHERE 1 {who} GROUP BY mentor_id", args
    )
    return {r[0]: dates.from_db(r[1]).date() for r in rows}


def activity_days(conn: sqlite3.Connection, since: date, mentor_id: int | None) -> list[str]:
    """One ISO day per todo done, application of advice and thanks from ``since`` on."""
    who, args = _mentor("mentor_id", mentor_id)
    who_a, args_a = _mentor("a.mentor_id", mentor_id)
    s = since.isoformat()
    rows = conn.execute(
        f"""SELECT done_on FROM todos WHERE status = 'done' AND done_on >= ? {who}
        UNION ALL SELECT p.on_date FROM applications p JOIN advice a ON a.id = p.advice_id
          WHERE p.on_date >= ? {who_a}
        UNION ALL SELECT on_date FROM thanks WHERE on_date >= ? {who}""",
        [s, *args, s, *args_a, s, *args],
    )
    return [r[0] for r in rows]


def ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def _median(values: list[int]) -> float | None:
    if not values:
        return None
    import statistics  # only when there is something to take the median of

    return float(statistics.median(values))


def todo_figures(conn: sqlite3.Connection, since: date, today: date, mentor_id: int | None) -> dict:
    """Opened, done, dropped and overdue todos, completion rate and median days to done."""
    who, args = _mentor("mentor_id", mentor_id)
    s = since.isoformat()
    start = dates.to_db(dates.local(datetime.combine(since, datetime.min.time())))
    opened, opened_done = conn.execute(
        f"SELECT count(*), count(*) FILTER (WHERE status = 'done') FROM todos WHERE created_at >= ? {who}",
        [start, *args],
    ).fetchone()
    closed = conn.execute(
        f"""SELECT status, done_on, substr(created_at, 1, 10) FROM todos
        WHERE status IN ('done', 'dropped') AND done_on >= ? {who}""",
        [s, *args],
    ).fetchall()
    overdue = conn.execute(
        f"SELECT count(*) FROM todos WHERE status = 'open' AND due < ? {who}", [today.isoformat(), *args]
    ).fetchone()[0]
    done = [
        (date.fromisoformat(d) - date.fromisoformat(c)).days for status, d, c in closed if status == "done"
    ]
    return {
        "opened": opened,
        "done": len(done),
        "dropped": sum(1 for status, _, _ in closed if status == "dropped"),
        "overdue": overdue,
        "completion_rate": ratio(opened_done, opened),
        "median_days_to_done": _median(done),
    }


def advice_figures(conn: sqlite3.Connection, since: date, mentor_id: int | None) -> dict:
    """Advice received, the share applied, median days to the first try, and outcomes."""
    who, args = _mentor("a.mentor_id", mentor_id)
    s = since.isoformat()
    rows = conn.execute(
        f"""SELECT a.given_on, (SELECT min(on_date) FROM applications p WHERE p.advice_id = a.id)
        FROM advice a WHERE a.given_on >= ? {who}""",
        [s, *args],
    ).fetchall()
    applied = [(date.fromisoformat(first) - date.fromisoformat(given)).days for given, first in rows if first]
    outcomes = dict.fromkeys(Outcome.words(), 0)
    for outcome, n in conn.execute(
        f"""SELECT p.outcome, count(*) FROM applications p JOIN advice a ON a.id = p.advice_id
        WHERE p.on_date >= ? AND p.outcome IS NOT NULL {who} GROUP BY p.outcome""",
        [s, *args],
    ):
        outcomes[outcome] = n
    return {
        "received": len(rows),
        "applied_share": ratio(len(applied), len(rows)),
        "median_days_to_apply": _median(applied),
        "outcomes": outcomes,
    }


def thanks_count(conn: sqlite3.Connection, since: date, mentor_id: int | None) -> int:
    who, args = _mentor("mentor_id", mentor_id)
    return conn.execute(
        f"SELECT count(*) FROM thanks WHERE on_date >= ? {who}", [since.isoformat(), *args]
    ).fetchone()[0]


def feedback_figures(conn: sqlite3.Connection, since: date, mentor_id: int | None) -> dict:
    """Feedback asked for (``feedback`` topics raised in a check-in held from ``since`` on),
    received and given (by the day noted)."""
    who, args = _mentor("mentor_id", mentor_id)
    who_t, args_t = _mentor("mt.mentor_id", mentor_id)
    s = since.isoformat()
    start = dates.to_db(dates.local(datetime.combine(since, datetime.min.time())))
    asked = conn.execute(
        f"""SELECT count(*) FROM meetings mt CROSS JOIN topics t ON t.raised_in = mt.id
        WHERE t.kind = 'feedback' AND t.status = 'raised' AND mt.held_at >= ? {who_t}""",
        [start, *args_t],
    ).fetchone()[0]
    received, given = conn.execute(
        f"""SELECT count(*) FILTER (WHERE direction = 'received'), count(*) FILTER (WHERE direction = 'given')
        FROM feedback WHERE on_date >= ? {who}""",
        [s, *args],
    ).fetchone()
    return {"asked": asked, "received": received, "given": given}


def rating_months(conn: sqlite3.Connection, start: datetime, mentor_id: int | None) -> dict[str, dict]:
    """Month (local, as the meetings per month) → how many check-ins held from ``start`` on
    were rated, and their average (1–4)."""
    who, args = _mentor("mentor_id", mentor_id)
    out = {}
    for held_at, rating in conn.execute(
        f"SELECT held_at, rating FROM meetings WHERE held_at >= ? AND rating IS NOT NULL {who}",
        [dates.to_db(start), *args],
    ):
        month = f"{dates.from_db(held_at):%Y-%m}"
        n, total = out.get(month, (0, 0))
        out[month] = (n + 1, total + rating)
    return {m: {"rated": n, "average": round(total / n, 2)} for m, (n, total) in sorted(out.items())}
