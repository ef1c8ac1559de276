"""``review``: the one-screen brief before a check-in, and its ``--agenda`` for the mentor.

Sections (SPEC §2): header, to raise, report back, action items, advice waiting, goals,
nudges. "Since the last meeting" means dated after the meeting's day, or dated that day and
recorded after the meeting's time: the same evening counts, the morning before does not, and
todos ticked in that meeting's own ``log`` were reported in it.
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

from mentorlog.core import cadences, dates
from mentorlog.core.errors import NotFound, Suggest
from mentorlog.core.record import Record, field
from mentorlog.core.words import command
from mentorlog.journal import (
    advice,
    agreements,
    goals,
    meetings,
    mentors,
    notes,
    offers,
    skills,
    thanks,
    todos,
    topics,
)
from mentorlog.journal.mentors import Mentor


class ReportBack(Record):
    """One application of a mentor's advice since the last meeting."""

    advice_id: int
    advice: str
    on: date
    what: str
    outcome: str | None
    reflection: str | None

    def to_json(self) -> dict:
        return {
            "advice_id": self.advice_id,
            "advice": self.advice,
            "on": self.on.isoformat(),
            "what": self.what,
            "outcome": self.outcome,
            "reflection": self.reflection,
        }


class Waiting(Record):
    advice: advice.Advice
    reason: str  # "untried" or "parked" (time is up)
    age_days: int

    def to_json(self, today: date) -> dict:
        return {**self.advice.to_json(), "reason": self.reason, "age_days": self.age_days}


class Review(Record):
    mentor: Mentor
    today: date
    last_meeting: meetings.Meeting | None
    topics: list[topics.Topic]
    report_back: list[ReportBack]
    todos_done: list[todos.Todo]
    todos_open: list[todos.Todo]
    advice_waiting: list[Waiting]
    goals: list[goals.Goal]
    nudges: list[str]
    notes: list = field(default_factory=list)  # your notes about them since the last check-in
    term: dict | None = None  # where the mentoring is in its term (agreements.term)
    growth: list[skills.Skill] = field(default_factory=list)  # a Page in the text view
    offers: list[offers.Offer] = field(default_factory=list)  # open, oldest first

    @property
    def days_since(self) -> int | None:
        return (self.today - self.last_meeting.held_at.date()).days if self.last_meeting else None

    def to_json(self) -> dict:
        m, last = self.mentor, self.last_meeting
        nxt = m.next_checkin
        if not m.active:  # the mentoring ended: no check-in to come, never "overdue"
            nxt = None
        return {
            "mentor": {"handle": m.handle, "name": m.name, "kind": m.kind, "org": m.org},
            "ended_on": m.ended_on.isoformat() if m.ended_on else None,
            "term": self.term,
            "next_checkin": {
                "at": nxt.isoformat() if nxt else None,
                "relative": (
                    dates.relative(nxt.date(), self.today)
                    if nxt
                    else ("ended" if not m.active else "not scheduled")
                ),
            },
            "cadence": cadences.cadence_words(m.cadence) if m.cadence else None,
            "last_meeting": (
                {"id": last.id, "held_at": last.held_at.isoformat(), "days_since": self.days_since}
                if last
                else None
            ),
            "topics": [t.to_json() for t in self.topics],
            "report_back": [r.to_json() for r in self.report_back],
            "todos_done": [t.to_json() for t in self.todos_done],
            "todos_open": [t.to_json() for t in self.todos_open],
            "advice_waiting": [w.to_json(self.today) for w in self.advice_waiting],
            "goals": [g.to_json() for g in self.goals],
            "nudges": self.nudges,
            "notes": [n.to_json() for n in self.notes],
            "growth": [g.to_json() for g in self.growth],
            "offers": [{**o.to_json(), "age_days": (self.today - o.on).days} for o in self.offers],
        }


def choose_mentor(conn: sqlite3.Connection, ref: str | None) -> Mentor:
    """MENTOR if given; else the active mentor whose check-in is soonest (overdue counts as
    soonest), else the one met most recently."""
    if ref is not None:
        return mentors.resolve(conn, ref)
    chosen = mentors.next_to_review(conn)
    if chosen is None:
        raise NotFound("There are no active mentors to review.", hint=Suggest("add_first_mentor"))
    return chosen


def report_back(
    conn: sqlite3.Connection, mentor_id: int, after: datetime | None, limit: int | None = None
) -> list[ReportBack]:
    """What was applied since the meeting; with ``limit``, a Page of that many and the count."""
    from mentorlog.journal.common import Page

    found = advice.applications_after(conn, mentor_id, after, limit=limit)
    rows = [ReportBack(p.advice, p.advice_text or "", p.on, p.what, p.outcome, p.reflection) for p in found]
    return Page(rows, found.total) if limit is not None else rows


def open_topics(conn: sqlite3.Connection, mentor_id: int, limit: int | None = None) -> list[topics.Topic]:
    """The topics to raise, by kind; with ``limit``, that many of each kind, and the list is a
    Page whose ``by_kind`` holds each kind's count (for "… and N more" under each)."""
    from mentorlog.journal.common import Page

    if limit is None:
        return topics.list_topics(conn, mentor_id=mentor_id)
    shown, by_kind = [], {}
    for kind in topics.KINDS:
        page = topics.list_open(conn, mentor_id=mentor_id, kind=kind, limit=limit)
        shown += page
        by_kind[kind] = page.total
    found = Page(shown, sum(by_kind.values()))
    found.by_kind = by_kind
    return found


def waiting_advice(conn: sqlite3.Connection, mentor_id: int, today: date, limit: int | None = None):
    """Untried advice, oldest first, then parked advice whose time is up; with ``limit``, a
    Page of that many and the count of all."""
    from mentorlog.journal.common import Page

    found = advice.list_waiting(conn, mentor_id, today, limit)
    waiting = [
        Waiting(a, "parked", (today - a.parked_until).days)
        if a.parked_until is not None
        else Waiting(a, "untried", (today - a.given_on).days)
        for a in found
    ]
    return Page(waiting, getattr(found, "total", len(waiting)), getattr(found, "capped", False))


def nudges_for(conn: sqlite3.Connection, mentor: Mentor, today: date, n_topics: int) -> list[str]:
    out = []
    if not mentor.active:
        pass  # the mentoring ended: nothing to schedule, nothing overdue
    elif mentor.next_checkin is None:
        out.append(f"No check-in is scheduled: {command(Suggest('set_next', mentor=mentor.handle))}")
    elif mentor.next_checkin.date() < today:
        out.append(
            f"The check-in planned for {dates.show_day(mentor.next_checkin.date())} has passed: "
            f"log it ({command(Suggest('log_it', mentor=mentor.handle))}) or set a new date."
        )
    last_thanks = thanks.last_on(conn, mentor.id)
    since = last_thanks or mentor.created_at.date()
    if (today - since).days >= thanks.AFTER_DAYS:
        what = (
            f"You last thanked {mentor.name} {dates.ago(last_thanks, today)}"
            if last_thanks
            else f"You have not thanked {mentor.name} yet"
        )
        out.append(
            f"{what}: say what their time has meant ({command(Suggest('thank', mentor=mentor.handle))})."
        )
    unprepared = 0  # how many of the latest check-ins in a row had no review before them
    for m in meetings.list_meetings(conn, mentor_id=mentor.id, limit=3):
        if m.prepared:
            break
        unprepared += 1
    if unprepared:
        which = "last check-in was" if unprepared == 1 else f"last {unprepared} check-ins were"
        out.append(
            f"Your {which} not prepared: a review in the {meetings.PREPARED_HOURS} hours before counts."
        )
    if n_topics == 0 and mentor.active:
        queue = command(Suggest("queue_for", mentor=mentor.handle))
        out.append(f"Nothing to raise yet: queue a question ({queue}).")
    return out + relationship_nudges(conn, mentor, today)


def relationship_nudges(conn: sqlite3.Connection, mentor: Mentor, today: date) -> list[str]:
    """The agreement and the term (SPEC §2): a formal mentor met three times without an
    agreement; an agreement past its revisit date, or older than six months without one; the
    term ending within three weeks."""
    if not mentor.active:
        return []
    out = []
    current = agreements.current(conn, mentor.id)
    if current is None:
        held = mentors.summary(conn, mentor).meetings
        if mentor.kind == mentors.Kind.FORMAL and held >= agreements.MEETINGS_BEFORE:
            out.append(
                f"You have met {mentor.name} {held} times without an agreement: agree together what the "
                "mentoring is for, how you meet and give feedback, and how it ends."
            )
        return out
    if current.revisit_by is not None and current.revisit_by < today:
        out.append(
            f"The agreement was to be revisited by {dates.show_day(current.revisit_by)}: "
            "look at it together and revise it."
        )
    elif current.revisit_by is None and dates.add_months(current.agreed_on, agreements.STALE_MONTHS) < today:
        out.append(
            f"The agreement dates from {dates.show_day(current.agreed_on)}, over "
            f"{agreements.STALE_MONTHS} months ago: look at it together and revise it."
        )
    end = current.term_end
    if end is not None and today <= end and (end - today).days <= agreements.TERM_SOON_DAYS:
        out.append(
            f"The term ends {dates.show_day(end)} ({dates.relative(end, today)}): plan the closing — "
            "what you achieved, what to thank them for, whether to keep in touch."
        )
    elif end is not None and end < today:
        out.append(f"The term ended {dates.show_day(end)}: close the mentoring, or agree a new term.")
    return out


LOW_RATING = 2  # the last two check-ins rated this or less: a nudge to queue a concern
FEEDBACK_CHECKINS = 3  # no feedback asked for in this many check-ins in a row: a nudge


def growth_nudges(conn: sqlite3.Connection, mentor: Mentor, today: date, open_topics: list) -> list[str]:
    """SPEC §2 "Growth": a skill not rated for 90+ days; no feedback asked for in the last
    three check-ins (unless a feedback topic is queued for the next); the last two check-ins
    rated 2 or less; an offer done and not thanked since."""
    out = []
    stale = skills.stale(conn, mentor.id, today)
    for s in stale:
        if s.last_on is None:
            out.append(
                f"Skill {s.id} ({s.name}) has not been rated since you added it {dates.ago(s.since, today)}."
            )
        else:
            rated = dates.ago(s.last_on, today)
            out.append(f"Skill {s.id} ({s.name}) was last rated {rated}: where do you stand now?")
    if stale.total > len(stale):
        out.append(f"… and {stale.total - len(stale)} more skills not rated for {skills.STALE_DAYS} days.")
    checks = meetings.latest_checks(conn, mentor.id, FEEDBACK_CHECKINS)
    queued = any(t.kind == topics.Kind.FEEDBACK for t in open_topics)  # asking at the next one already
    if len(checks) == FEEDBACK_CHECKINS and not any(asked for _, asked in checks) and not queued:
        out.append(
            f"You have not asked {mentor.name} for feedback in the last {FEEDBACK_CHECKINS} check-ins:"
            " queue a feedback topic?"
        )
    if len(checks) >= 2 and all(r is not None and r <= LOW_RATING for r, _ in checks[:2]):
        out.append(
            f"Your last two check-ins with {mentor.name} were rated {LOW_RATING} or less: queue a concern"
            " about how they run?"
        )
    for o in offers.done_unthanked(conn, mentor.id)[:3]:
        out.append(
            f"{mentor.name} followed through on offer {o.id} ({o.text}) {dates.ago(o.done_on, today)},"
            " and you have not thanked them since."
        )
    return out


def build(conn: sqlite3.Connection, mentor: Mentor, now: datetime, *, screen: int | None = None) -> Review:
    """The brief; ``screen`` keeps every long section (topics of each kind, report back, todos
    done and open, advice waiting) to that many rows plus a count made in SQL, for the text
    view — JSON and the agenda ask for everything."""
    today = now.date()
    last = meetings.last_meeting(conn, mentor.id)
    after = last.held_at if last else None
    raise_ = open_topics(conn, mentor.id, screen)
    done = todos.done_after(conn, mentor.id, last.held_at, last.logged_at, limit=screen) if last else []
    return Review(
        mentor=mentor,
        today=today,
        last_meeting=last,
        topics=raise_,
        report_back=report_back(conn, mentor.id, after, screen),
        todos_done=done,
        todos_open=todos.list_todos(conn, mentor_id=mentor.id, limit=screen),
        advice_waiting=waiting_advice(conn, mentor.id, today, screen),
        goals=goals.list_goals(conn, mentor_id=mentor.id, with_unassigned=True),
        nudges=nudges_for(conn, mentor, today, getattr(raise_, "total", len(raise_)))
        + growth_nudges(conn, mentor, today, raise_),
        notes=_notes_since(conn, mentor.id, after, screen),
        term=_term(conn, mentor, today),
        growth=_all(skills.of_mentor(conn, mentor.id, today, screen)),
        offers=_all(offers.open_of(conn, mentor.id, screen)),
    )


def _all(rows):
    """A Page as it is; every row of an unlimited query (a generator) as a list."""
    return rows if isinstance(rows, list) else list(rows)


def _notes_since(conn: sqlite3.Connection, mentor_id: int, after: datetime | None, screen: int | None):
    """Your notes about the mentor since the last check-in: a Page for the screen, all for JSON."""
    found = notes.list_notes(conn, mentor_id=mentor_id, after=after, limit=screen)
    return found if screen is not None else list(found)


def _term(conn: sqlite3.Connection, mentor: Mentor, today: date) -> dict | None:
    current = agreements.current(conn, mentor.id) if mentor.active else None
    if current is None:
        return None
    return agreements.term(agreements.first_on(conn, mentor.id) or current.agreed_on, current.term_end, today)


def agenda(review: Review, *, name: bool = False) -> str:
    """A short Markdown agenda to send the mentor: topics to raise and what was applied.
    Never notes, todos, or anything about other mentors. ``name``: the heading names the
    mentor (when ``review`` chose them, so that who it is for is never left unsaid)."""
    m = review.mentor
    who = f" with {_md_line(m.name)}" if name else ""
    when = f" — {dates.show_when(m.next_checkin)}" if m.next_checkin else ""
    lines = [f"# Agenda for our check-in{who}{when}", ""]
    if review.topics:
        lines.append("## What I'd like to raise")
        for kind in topics.KINDS:
            items = [t for t in review.topics if t.kind == kind]
            lines.extend(f"- {kind.label}: {_md_line(t.text)}" for t in items)
        lines.append("")
    if review.report_back:
        lines.append("## What I did with your advice")
        for r in review.report_back:
            outcome = f" → {r.outcome}" if r.outcome else ""
            lines.append(f"- {_md_line(r.advice)} → {_md_line(r.what)}{outcome}")
        lines.append("")
    if not review.topics and not review.report_back:
        lines.extend(["Nothing queued yet.", ""])
    return "\n".join(lines)


def _md_line(text: str) -> str:
    return " ".join(text.split())
