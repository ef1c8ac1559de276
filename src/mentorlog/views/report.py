"""``report``: a Markdown letter for one mentor about what their advice led to.

It holds the period, the check-ins held, each piece of their advice with what was done and
how it went, todos completed, goals and thanks. It never includes meeting notes, open topics
or anything about another mentor: every query below is filtered by this mentor's id.
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

from mentorlog.core import dates
from mentorlog.core.record import Record, field
from mentorlog.formats.markdown_safe import one_line as _flat
from mentorlog.journal import advice, goals, meetings, offers, skills, thanks, todos
from mentorlog.journal.mentors import Mentor


class Report(Record):
    mentor: Mentor
    since: date
    until: date
    checkins: list[date]
    advice: list[advice.Advice]  # with applications in the period
    todos_done: list[tuple[str, date, str | None]]  # text, done on, how it went
    todos_done_total: int  # all done in the period: the list may hold only the latest
    goals: list[goals.Goal]
    thanks: list[tuple[date, str]]
    # Growth: (skill name, then, now) as (rating, day) pairs; the offers done in the period.
    # Never feedback, a check-in's rating, or a skill rating's evidence (SPEC §2).
    skills: list[tuple] = field(default_factory=list)
    offers_done: list[offers.Offer] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "mentor": self.mentor.handle,
            "since": self.since.isoformat(),
            "until": self.until.isoformat(),
            "checkins": [d.isoformat() for d in self.checkins],
            "advice": [a.to_json(with_applications=True) for a in self.advice],
            "todos_done": [
                {"text": text, "done_on": day.isoformat(), "note": note}
                for text, day, note in self.todos_done
            ],
            "goals": [g.to_json() for g in self.goals],
            "thanks": [{"on": day.isoformat(), "text": text} for day, text in self.thanks],
            "skills": [
                {
                    "name": name,
                    "then": {"rating": then[0], "on": then[1].isoformat()},
                    "now": {"rating": now[0], "on": now[1].isoformat()},
                }
                for name, then, now in self.skills
            ],
            "offers_done": [
                {"text": o.text, "person": o.person, "done_on": o.done_on.isoformat(), "outcome": o.outcome}
                for o in self.offers_done
            ],
        }


TODOS_SHOWN = 50  # the letter lists the latest this many todos done, and counts the rest


def build(
    conn: sqlite3.Connection, mentor: Mentor, since: date, until: date, *, screen: bool = False
) -> Report:
    """The letter's content. With ``screen`` (the letter, not --json), the todos done are the
    latest ``TODOS_SHOWN`` with the count of all."""
    done, done_total = todos.done_between(
        conn, mentor.id, since, until, latest=TODOS_SHOWN if screen else None
    )
    start = dates.local(datetime.combine(since, datetime.min.time()))
    end = dates.local(datetime.combine(until, datetime.max.time().replace(microsecond=0)))
    return Report(
        mentor=mentor,
        since=since,
        until=until,
        checkins=[at.date() for at in meetings.held_between(conn, mentor.id, start, end)],
        advice=advice.given_or_applied_between(conn, mentor.id, since, until),
        todos_done=[(t.text, t.done_on, t.note) for t in done],
        todos_done_total=done_total,
        goals=goals.open_during(conn, mentor.id, start, end),
        thanks=[(t.on, t.text) for t in thanks.between(conn, mentor.id, since, until)],
        skills=rated(conn, mentor.id, since, until),
        offers_done=offers.done_between(conn, mentor.id, since, until),
    )


Rated = tuple[str, tuple[int, date], tuple[int, date]]  # a skill's name, then and now (rating, day)


def rated(conn: sqlite3.Connection, mentor_id: int, since: date, until: date) -> list[Rated]:
    """The skills rated from ``since`` to ``until``, each where it stood and where it stands."""
    return [
        (s.name, (steps[0].rating, steps[0].on), (steps[-1].rating, steps[-1].on))
        for s, steps in skills.rated_between(conn, since, until, mentor_id, limit=50)
    ]


def skill_lines(found: list[Rated]) -> list[str]:
    """A letter's section of skills, then and now (none when nothing was rated)."""
    if not found:
        return []
    lines = ["## Skills, then and now", "", "(1 new to it … 5 can teach it)", ""]
    for name, then, now in found:
        if then == now:
            lines.append(f"- {_flat(name)}: {now[0]} ({dates.show_day(now[1])})")
        else:
            was, is_ = f"{then[0]} ({dates.show_day(then[1])})", f"{now[0]} ({dates.show_day(now[1])})"
            lines.append(f"- {_flat(name)}: {was} → {is_}")
    return [*lines, ""]


def offer_lines(done: list[offers.Offer]) -> list[str]:
    """A letter's section of the doors the mentor opened (none when no offer came to pass)."""
    if not done:
        return []
    lines = ["## What you opened doors to", ""]
    for o in done:
        who = f" (introduction to {_flat(o.person)})" if o.person else ""
        came = f": {_flat(o.outcome)}" if o.outcome else ""
        lines.append(f"- {_flat(o.text)}{who}, {dates.show_day(o.done_on)}{came} — thank you.")
    return [*lines, ""]


def markdown(r: Report) -> str:
    first = r.mentor.name.split()[0]
    span = f"{dates.show_day(r.since)} – {dates.show_day(r.until)}"
    lines = [f"# What your advice led to — {r.mentor.name}", "", f"*{span}*", "", f"Dear {first},", ""]
    n = len(r.checkins)
    if n:
        held = ", ".join(f"{d.day} {dates.show_day(d).split()[2]}" for d in r.checkins[:12])
        more = f" and {n - 12} more" if n > 12 else ""
        lines.append(f"We had {n} check-in{'s' if n != 1 else ''} in this period ({held}{more}).")
    else:
        lines.append("We had no check-ins in this period. ")
    lines += ["Here is what I did with your advice, and how it went.", ""]
    applied = [a for a in r.advice if a.applied]
    untried = [a for a in r.advice if not a.applied]
    if applied:
        lines += ["## Your advice and what came of it", ""]
        for a in applied:
            lines.append(f"**{_flat(a.text)}** (given {dates.show_day(a.given_on)})")
            lines.append("")
            for p in a.applied:
                outcome = f" — *{p.outcome}*" if p.outcome else ""
                lines.append(f"- {dates.show_day(p.on)}: {_flat(p.what)}{outcome}")
                if p.reflection:
                    lines.append(f"  - What I learned: {_flat(p.reflection)}")
            lines.append("")
    if untried:
        lines += ["## Advice I have not tried yet", ""]
        lines += [f"- {_flat(a.text)} (given {dates.show_day(a.given_on)})" for a in untried]
        lines.append("")
    if r.todos_done:
        lines += ["## What I got done", ""]
        if r.todos_done_total > len(r.todos_done):
            shown, total = len(r.todos_done), r.todos_done_total
            lines += [f"The latest {shown} of the {total:,} done in this period:", ""]
        lines += [
            f"- {_flat(text)} ({dates.show_day(day)})" + (f" — {_flat(note)}" if note else "")
            for text, day, note in r.todos_done
        ]
        lines.append("")
    if r.goals:
        lines += ["## Goals", ""]
        for g in r.goals:
            progress = f"{g.done}/{g.total} steps done" if g.total else "no steps yet"
            by = f", by {dates.show_day(g.by)}" if g.by else ""
            lines.append(f"- {_flat(g.text)}: {g.status}, {progress}{by}")
        lines.append("")
    lines += skill_lines(r.skills) + offer_lines(r.offers_done)
    lines += ["## Thank you", ""]
    if r.thanks:
        lines += [f"- {dates.show_day(day)}: {_flat(text)}" for day, text in r.thanks]
        lines.append("")
    lines += ["Thank you for your time and your advice.", ""]
    return "\n".join(lines)
