"""What a demo story is made of, and how it is filed into a throwaway journal through the
journal's own functions. No Rich, no Typer. The story itself is ``demo_story``.

A story is a list of chapters, each a list of moments: a ``CheckIn`` (a check-in logged as
``mentorlog log`` files it) or an ``At`` (steps taken together at one moment: a todo done,
advice applied, a skill rated…). Every step is a record of what happened, and its ``file``
writes it. Days are counted from the day the demo runs (``-82`` is 82 days before it, ``+60``
sixty days after), and every moment runs with the clock pinned to it, so the created and done
dates, the reviews and the "prepared" flags are all realistic. Items are named as the user
names them: a mentor by handle, a todo, piece of advice, goal, skill or offer by its id.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, time, timedelta
from pathlib import Path

from mentorlog.core import cadences, dates, template
from mentorlog.core.record import Record
from mentorlog.journal import (
    advice,
    agreements,
    closures,
    feedback,
    goals,
    meetings,
    mentors,
    offers,
    skills,
    thanks,
    todos,
    topics,
    updates,
)
from mentorlog.journal.store.db import open_journal


class Chapter(Record):
    title: str  # what the progress bar says while it is filed
    moments: Sequence[CheckIn | At]  # in the order they are filed


def build(
    path: Path, today: date, story: Sequence[Chapter], step: Callable[[str], None] = lambda _: None
) -> None:
    """Write ``story`` into a new journal at ``path``, as of ``today``; ``step`` is told each
    chapter's title as it starts."""
    with open_journal(path, write=True, create=True) as conn:
        for chapter in story:
            step(chapter.title)
            for moment in chapter.moments:
                moment.file(conn, today)


def _day(today: date, days: int) -> date:
    return today + timedelta(days=days)


def _at(today: date, days: int, hour: int) -> datetime:
    return dates.local(datetime.combine(_day(today, days), time(hour, 0)))


def _mentor(conn, handle: str) -> mentors.Mentor:
    return mentors.resolve(conn, handle)


class CheckIn(Record):
    """A check-in of ``minutes`` at ``hour`` on day ``day``, logged ten minutes after it ended.
    ``reviewed``: a review of the mentor ran the afternoon before, so it was prepared. Each todo
    is its text, or its text and the day it is due."""

    mentor: str
    day: int
    hour: int
    minutes: int
    notes: str
    reviewed: bool = False
    late: bool = False
    todos: Sequence[str | tuple[str, int]] = ()
    advice: Sequence[str] = ()
    asks: Sequence[str] = ()
    thanks: Sequence[str] = ()
    raised: Sequence[int] = ()  # topic ids
    done: Sequence[int] = ()  # todo ids

    def file(self, conn, today: date) -> None:
        mentor = _mentor(conn, self.mentor)
        held = _at(today, self.day, self.hour)
        if self.reviewed:
            with dates.pinned(held - timedelta(hours=20)):
                meetings.record_review(conn, mentor.id, dates.now())
        entry = template.Entry(
            notes=self.notes,
            todos=[
                t if isinstance(t, str) else f"{t[0]} (due {_day(today, t[1]).isoformat()})"
                for t in self.todos
            ],
            advice=list(self.advice),
            asks=list(self.asks),
            thanks=list(self.thanks),
            raised=list(self.raised),
            done=list(self.done),
        )
        with dates.pinned(held + timedelta(minutes=self.minutes + 10)):
            meetings.log(conn, mentor, entry, held_at=held, minutes=self.minutes, late=self.late)


class At(Record):
    """``steps`` taken at ``hour`` on day ``day``, the clock pinned there."""

    day: int
    hour: int
    steps: Sequence  # the step records below, each with its ``file``

    def file(self, conn, today: date) -> None:
        with dates.pinned(_at(today, self.day, self.hour)):
            for step in self.steps:
                step.file(conn, today)


class MonthsAfter(Record):
    """A day given as some months after another (an agreement's term)."""

    day: int
    months: int

    def on(self, today: date) -> date:
        return dates.add_months(_day(today, self.day), self.months)


# --- the steps --------------------------------------------------------------------------------


class NewMentor(Record):
    name: str
    kind: str = "formal"
    org: str | None = None
    contact: str | None = None
    every: str | None = None  # the cadence, as --every reads it

    def file(self, conn, today: date) -> None:
        cadence = cadences.parse_cadence(self.every) if self.every else None
        mentors.add(conn, self.name, kind=self.kind, org=self.org, contact=self.contact, cadence=cadence)


class NewGoal(Record):
    mentor: str
    text: str
    by: int

    def file(self, conn, today: date) -> None:
        goals.add(conn, self.text, mentor_id=_mentor(conn, self.mentor).id, by=_day(today, self.by))


class NewTopic(Record):
    mentor: str
    text: str
    kind: str = "question"

    def file(self, conn, today: date) -> None:
        topics.add(conn, _mentor(conn, self.mentor).id, self.text, self.kind)


class NewTodo(Record):
    mentor: str
    text: str
    goal: int | None = None
    due: int | None = None

    def file(self, conn, today: date) -> None:
        due = _day(today, self.due) if self.due is not None else None
        todos.add(conn, self.text, mentor_id=_mentor(conn, self.mentor).id, goal_id=self.goal, due=due)


class TodoDone(Record):
    todo: int
    on: int
    note: str | None = None

    def file(self, conn, today: date) -> None:
        todos.mark_done(conn, self.todo, _day(today, self.on), self.note)


class TodoForGoal(Record):
    """A todo filed in a check-in, linked to a goal afterwards."""

    todo: int
    goal: int

    def file(self, conn, today: date) -> None:
        todos.edit(conn, self.todo, goal_id=self.goal)


class Applied(Record):
    advice: int
    what: str
    on: int
    outcome: str | None = None
    reflection: str | None = None

    def file(self, conn, today: date) -> None:
        day = _day(today, self.on)
        advice.apply(conn, self.advice, self.what, on=day, outcome=self.outcome, reflection=self.reflection)


class Parked(Record):
    advice: int
    until: int
    why: str

    def file(self, conn, today: date) -> None:
        advice.park(conn, self.advice, _day(today, self.until), self.why, today)


class NoNextCheckin(Record):
    mentor: str

    def file(self, conn, today: date) -> None:
        mentors.set_next_checkin(conn, _mentor(conn, self.mentor), None)


class NewAgreement(Record):
    mentor: str
    text: str
    on: int
    term_end: MonthsAfter | None = None
    revisit_by: int | None = None

    def file(self, conn, today: date) -> None:
        agreements.add(
            conn,
            _mentor(conn, self.mentor).id,
            self.text,
            _day(today, self.on),
            term_end=self.term_end.on(today) if self.term_end else None,
            revisit_by=_day(today, self.revisit_by) if self.revisit_by is not None else None,
        )


class Ended(Record):
    """The mentoring ended: ``mentor end``."""

    mentor: str
    on: int

    def file(self, conn, today: date) -> None:
        mentors.end(conn, _mentor(conn, self.mentor), _day(today, self.on), None)


class Closed(Record):
    """The closing report of an ended mentoring, and the thanks in it, filed as thanks."""

    mentor: str
    on: int
    text: str
    keep_in_touch: str | None = None  # as --every reads it

    def file(self, conn, today: date) -> None:
        mentor, day = _mentor(conn, self.mentor), _day(today, self.on)
        rule = cadences.parse_cadence(self.keep_in_touch) if self.keep_in_touch else None
        closures.add(conn, mentor.id, day, self.text, rule)
        thanks.add(conn, mentor.id, closures.thanks_in(self.text), day)


class NewUpdate(Record):
    """An update sent to a mentor since the mentoring ended."""

    mentor: str
    text: str
    on: int

    def file(self, conn, today: date) -> None:
        updates.add(conn, _mentor(conn, self.mentor).id, self.text, _day(today, self.on))


class NewSkill(Record):
    name: str
    on: int
    mentor: str
    goal: int
    rating: int
    evidence: str

    def file(self, conn, today: date) -> None:
        mentor_id = _mentor(conn, self.mentor).id
        skills.add(
            conn,
            self.name,
            _day(today, self.on),
            mentor_id=mentor_id,
            goal_id=self.goal,
            rating=self.rating,
            evidence=self.evidence,
        )


class Rated(Record):
    skill: int
    rating: int
    on: int
    evidence: str

    def file(self, conn, today: date) -> None:
        skills.rate(conn, self.skill, self.rating, _day(today, self.on), evidence=self.evidence)


class NewOffer(Record):
    mentor: str
    text: str
    on: int
    person: str | None = None  # an introduction offered

    def file(self, conn, today: date) -> None:
        offers.add(conn, _mentor(conn, self.mentor).id, self.text, _day(today, self.on), person=self.person)


class OfferDone(Record):
    offer: int
    on: int
    outcome: str

    def file(self, conn, today: date) -> None:
        offers.close(conn, self.offer, offers.Status.DONE, _day(today, self.on), self.outcome)


class NewFeedback(Record):
    """Feedback received in the mentor's latest check-in."""

    mentor: str
    text: str
    on: int

    def file(self, conn, today: date) -> None:
        mentor = _mentor(conn, self.mentor)
        last = meetings.last_meeting(conn, mentor.id)
        feedback.add(conn, mentor.id, self.text, _day(today, self.on), meeting_id=last.id)


class Ratings(Record):
    """How useful the mentor's check-ins were, the latest first."""

    mentor: str
    ratings: Sequence[int]

    def file(self, conn, today: date) -> None:
        held = meetings.list_meetings(conn, mentor_id=_mentor(conn, self.mentor).id)
        for mt, rating in zip(held, self.ratings, strict=False):
            meetings.edit(conn, mt.id, {"rating": rating})
