"""``progress``: the long view over a period — meetings per month and per day, cadence kept,
on-time and prepared rates, todo and advice figures, thanks and goals."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

from mentorlog.core import dates
from mentorlog.core.record import Record, field
from mentorlog.journal import goals, mentors, offers, skills, stats
from mentorlog.journal.mentors import Mentor


class Progress(Record):
    since: date
    until: date
    mentor: Mentor | None
    meetings_total: int
    by_month: dict[str, int]  # "2026-11" → meetings
    activity: dict[str, int]  # "2026-11-24" → meetings + todos done + applications + thanks
    meeting_days: list[str]  # the days a check-in was held
    cadence_kept: float | None
    cadence_waiting: bool  # a mentor with a cadence not met yet, so not counted
    on_time: float | None
    prepared: float | None
    todos: dict
    advice: dict
    thanks: int
    goals: list[goals.Goal] = field(default_factory=list)
    # Growth (SPEC §2): skills rated in the period with their steps, feedback, check-in ratings.
    skills: list[tuple] = field(default_factory=list)  # (Skill, [Rating]); a Page in the text view
    feedback: dict = field(default_factory=dict)
    ratings: dict = field(default_factory=dict)
    offers: dict = field(default_factory=dict)

    def skills_json(self) -> list[dict]:
        return [
            {
                "id": s.id,
                "uuid": s.uuid,
                "name": s.name,
                "mentor": s.mentor,
                "first": {"rating": steps[0].rating, "on": steps[0].on.isoformat()},
                "latest": {"rating": steps[-1].rating, "on": steps[-1].on.isoformat()},
                "steps": [{"rating": r.rating, "on": r.on.isoformat()} for r in steps],
            }
            for s, steps in self.skills
        ]

    def to_json(self) -> dict:
        return {
            "since": self.since.isoformat(),
            "until": self.until.isoformat(),
            "mentor": self.mentor.handle if self.mentor else None,
            "meetings": {"total": self.meetings_total, "by_month": self.by_month},
            "activity": self.activity,
            "meeting_days": self.meeting_days,
            "cadence_kept": self.cadence_kept,
            "on_time": self.on_time,
            "prepared": self.prepared,
            "todos": self.todos,
            "advice": self.advice,
            "thanks": self.thanks,
            "goals": [g.to_json() for g in self.goals],
            "skills": self.skills_json(),
            "feedback": self.feedback,
            "ratings": self.ratings,
            "offers": self.offers,
        }


def first_day(conn: sqlite3.Connection, mentor: Mentor | None) -> date | None:
    """The first day of the month of the first record (with ``mentor``, or any)."""
    first = stats.first_record_day(conn, mentor.id if mentor else None)
    return first.replace(day=1) if first else None


def _months(since: date, until: date) -> list[str]:
    out, cursor = [], since.replace(day=1)
    while cursor <= until:
        out.append(f"{cursor:%Y-%m}")
        cursor = dates.add_months(cursor, 1)
    return out


def build(
    conn: sqlite3.Connection, *, since: date, today: date, mentor: Mentor | None, screen: int | None = None
) -> Progress:
    """``screen`` keeps the skills to that many plus a count (the text view); JSON takes all."""
    who = mentor.id if mentor else None
    start = dates.local(datetime.combine(since, datetime.min.time()))
    held = stats.meetings_held(conn, start, who)
    by_month = dict.fromkeys(_months(since, today), 0)
    activity: dict[str, int] = {}
    for m in held:
        month, day = f"{m.day:%Y-%m}", m.day.isoformat()
        by_month[month] = by_month.get(month, 0) + 1
        activity[day] = activity.get(day, 0) + 1
    for day in stats.activity_days(conn, since, who):
        activity[day] = activity.get(day, 0) + 1
    cadence_kept, cadence_waiting = _cadence_kept(conn, mentor, since, today, held)
    return Progress(
        since=since,
        until=today,
        mentor=mentor,
        meetings_total=len(held),
        by_month=by_month,
        activity=activity,
        meeting_days=sorted({m.day.isoformat() for m in held}),
        cadence_kept=cadence_kept,
        cadence_waiting=cadence_waiting,
        on_time=stats.ratio(sum(1 for m in held if not m.late), len(held)),
        prepared=stats.ratio(sum(1 for m in held if m.prepared), len(held)),
        todos=stats.todo_figures(conn, since, today, who),
        advice=stats.advice_figures(conn, since, who),
        thanks=stats.thanks_count(conn, since, who),
        goals=_goals_of_period(conn, since, today, who),
        skills=skills.rated_between(conn, since, today, who, screen),
        feedback=stats.feedback_figures(conn, since, who),
        ratings={"by_month": stats.rating_months(conn, start, who)},
        offers=dict(zip(("made", "done"), offers.open_count(conn, who, since, today), strict=True)),
    )


def _goals_of_period(conn: sqlite3.Connection, since: date, until: date, who: int | None) -> list[goals.Goal]:
    """Active goals, and those achieved or dropped within the period (not every goal ever closed)."""
    return [
        g
        for g in goals.list_goals(conn, include_closed=True, mentor_id=who)
        if g.status == goals.Status.ACTIVE or (g.closed_on is not None and since <= g.closed_on <= until)
    ]


def _cadence_kept(conn, mentor: Mentor | None, since: date, today: date, held) -> tuple[float | None, bool]:
    """Meetings held ÷ meetings the cadence scheduled, over mentors that have a cadence, each
    counted from their first meeting (or ``since``); and whether a mentor with a cadence was
    left out because they have not been met yet (a mentoring with no check-in has no rhythm to
    keep, so it would only pull the figure down)."""
    chosen = [mentor] if mentor else [m for m in mentors.all_mentors(conn) if m.active]
    first_met = stats.first_meetings(conn, mentor.id if mentor else None)
    scheduled = kept = 0
    waiting = False
    for m in chosen:
        if not m.cadence:
            continue
        if m.id not in first_met:
            waiting = True
            continue
        begin = max(since, first_met[m.id])
        expected = _occurrences(m.cadence, begin, today)
        scheduled += expected
        kept += min(expected, sum(1 for h in held if h.mentor_id == m.id))
    return stats.ratio(kept, scheduled), waiting


def _occurrences(rule: str, begin: date, end: date) -> int:
    from dateutil.rrule import rrulestr

    start = datetime.combine(begin, datetime.min.time())
    stop = datetime.combine(end, datetime.max.time())  # the end of today, not tomorrow's midnight
    return len(rrulestr(rule, dtstart=start).between(start, stop, inc=True))
