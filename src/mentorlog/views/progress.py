"""``progress``: the long view over a period — meetings per month and per day, cadence kept,
on-time and prepared rates, todo and advice figures, thanks and goals."""

from __future__ import annotations

import sqlite3
import statistics
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from mentorlog import dates
from mentorlog.journal import goals, mentors
from mentorlog.journal.meetings import PREPARED
from mentorlog.journal.mentors import Mentor


@dataclass
class Progress:
    since: date
    until: date
    mentor: Mentor | None
    meetings_total: int
    by_month: dict[str, int]  # "2026-11" → meetings
    activity: dict[str, int]  # "2026-11-24" → meetings + todos done + applications + thanks
    cadence_kept: float | None
    on_time: float | None
    prepared: float | None
    todos: dict
    advice: dict
    thanks: int
    goals: list[goals.Goal] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "since": self.since.isoformat(),
            "until": self.until.isoformat(),
            "mentor": self.mentor.handle if self.mentor else None,
            "meetings": {"total": self.meetings_total, "by_month": self.by_month},
            "activity": self.activity,
            "cadence_kept": self.cadence_kept,
            "on_time": self.on_time,
            "prepared": self.prepared,
            "todos": self.todos,
            "advice": self.advice,
            "thanks": self.thanks,
            "goals": [g.to_json() for g in self.goals],
        }


def first_day(conn: sqlite3.Connection, mentor: Mentor | None) -> date | None:
    """The first day of the month the mentoring (with ``mentor``, or any) began."""
    row = conn.execute(
        "SELECT min(created_at) FROM mentors" + (" WHERE id = ?" if mentor else ""),
        [mentor.id] if mentor else [],
    ).fetchone()
    return dates.from_db(row[0]).date().replace(day=1) if row[0] else None


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def _median(values: list[int]) -> float | None:
    return float(statistics.median(values)) if values else None


def _months(since: date, until: date) -> list[str]:
    out, cursor = [], since.replace(day=1)
    while cursor <= until:
        out.append(f"{cursor:%Y-%m}")
        cursor = dates.add_months(cursor, 1)
    return out


def build(conn: sqlite3.Connection, *, since: date, today: date, mentor: Mentor | None) -> Progress:
    start = dates.to_db(dates.local(datetime.combine(since, datetime.min.time())))
    who, args = ("AND mentor_id = ?", [mentor.id]) if mentor else ("", [])
    held = conn.execute(
        f"SELECT mt.mentor_id, mt.held_at, mt.late, {PREPARED} AS prepared FROM meetings mt "
        f"WHERE mt.held_at >= ? {who.replace('mentor_id', 'mt.mentor_id')} ORDER BY mt.held_at",
        [start, *args],
    ).fetchall()
    by_month = dict.fromkeys(_months(since, today), 0)
    activity: dict[str, int] = {}
    for r in held:
        day = dates.from_db(r["held_at"]).date()
        by_month[f"{day:%Y-%m}"] = by_month.get(f"{day:%Y-%m}", 0) + 1
        activity[day.isoformat()] = activity.get(day.isoformat(), 0) + 1
    s = since.isoformat()
    for sql in (
        f"SELECT done_on AS d FROM todos WHERE status = 'done' AND done_on >= ? {who}",
        "SELECT p.on_date AS d FROM applications p JOIN advice a ON a.id = p.advice_id "
        f"WHERE p.on_date >= ? {who.replace('mentor_id', 'a.mentor_id')}",
        f"SELECT on_date AS d FROM thanks WHERE on_date >= ? {who}",
    ):
        for r in conn.execute(sql, [s, *args]):
            activity[r["d"]] = activity.get(r["d"], 0) + 1

    todo_rows = conn.execute(
        f"SELECT status, due, done_on, substr(created_at, 1, 10) AS opened FROM todos "
        f"WHERE (created_at >= ? OR done_on >= ? OR status = 'open') {who}",
        [start, s, *args],
    ).fetchall()
    opened = [r for r in todo_rows if r["opened"] >= s]
    done = [r for r in todo_rows if r["status"] == "done" and r["done_on"] and r["done_on"] >= s]
    dropped = [r for r in todo_rows if r["status"] == "dropped" and r["done_on"] and r["done_on"] >= s]
    overdue = [r for r in todo_rows if r["status"] == "open" and r["due"] and r["due"] < today.isoformat()]
    opened_done = [r for r in opened if r["status"] == "done"]
    todos_stats = {
        "opened": len(opened),
        "done": len(done),
        "dropped": len(dropped),
        "overdue": len(overdue),
        "completion_rate": _ratio(len(opened_done), len(opened)),
        "median_days_to_done": _median(
            [(date.fromisoformat(r["done_on"]) - date.fromisoformat(r["opened"])).days for r in done]
        ),
    }

    advice_rows = conn.execute(
        f"""SELECT a.given_on, (SELECT min(on_date) FROM applications p WHERE p.advice_id = a.id) AS first
        FROM advice a WHERE a.given_on >= ? {who.replace("mentor_id", "a.mentor_id")}""",
        [s, *args],
    ).fetchall()
    applied = [r for r in advice_rows if r["first"]]
    outcomes = {o: 0 for o in ("worked", "mixed", "failed", "unsure")}
    for r in conn.execute(
        "SELECT p.outcome, count(*) AS n FROM applications p JOIN advice a ON a.id = p.advice_id "
        f"WHERE p.on_date >= ? AND p.outcome IS NOT NULL {who.replace('mentor_id', 'a.mentor_id')} "
        "GROUP BY p.outcome",
        [s, *args],
    ):
        outcomes[r["outcome"]] = r["n"]
    advice_stats = {
        "received": len(advice_rows),
        "applied_share": _ratio(len(applied), len(advice_rows)),
        "median_days_to_apply": _median(
            [(date.fromisoformat(r["first"]) - date.fromisoformat(r["given_on"])).days for r in applied]
        ),
        "outcomes": outcomes,
    }
    n_thanks = conn.execute(f"SELECT count(*) FROM thanks WHERE on_date >= ? {who}", [s, *args]).fetchone()[0]
    return Progress(
        since=since,
        until=today,
        mentor=mentor,
        meetings_total=len(held),
        by_month=by_month,
        activity=activity,
        cadence_kept=_cadence_kept(conn, mentor, since, today, held),
        on_time=_ratio(sum(1 for r in held if not r["late"]), len(held)),
        prepared=_ratio(sum(1 for r in held if r["prepared"]), len(held)),
        todos=todos_stats,
        advice=advice_stats,
        thanks=n_thanks,
        goals=goals.list_goals(conn, include_closed=True, mentor_id=mentor.id if mentor else None),
    )


def _cadence_kept(conn, mentor: Mentor | None, since: date, today: date, held) -> float | None:
    """Meetings held ÷ meetings the cadence scheduled, over mentors that have a cadence."""
    chosen = [mentor] if mentor else [m for m in mentors.all_mentors(conn) if m.active]
    scheduled = kept = 0
    for m in chosen:
        if not m.cadence:
            continue
        first = dates.from_db(m.created_at).date()
        begin = max(since, first)
        expected = _occurrences(m.cadence, begin, today)
        scheduled += expected
        kept += min(expected, sum(1 for r in held if r["mentor_id"] == m.id))
    return _ratio(kept, scheduled)


def _occurrences(rule: str, begin: date, end: date) -> int:
    from dateutil.rrule import rrulestr

    start = datetime.combine(begin, datetime.min.time())
    stop = datetime.combine(end, datetime.min.time()) + timedelta(days=1)
    return len(rrulestr(rule, dtstart=start).between(start, stop, inc=True))
