"""The demo story: three months of mentoring with two mentors, written through the
journal's own functions into a throwaway journal. No Rich, no Typer.

Ada Lovelace is a formal mentor with a fortnightly cadence; Grace Hopper an informal one
met over coffee. Every step runs with the clock pinned to its moment in the story, so the
created and done dates, the reviews and the "prepared" flags are all realistic.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from pathlib import Path

from mentorlog.core import cadences, dates, template
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


def _at(today: date, days_ago: int, hour: int = 12, minute: int = 0) -> datetime:
    return dates.local(datetime.combine(today - timedelta(days=days_ago), time(hour, minute)))


def build(path: Path, today: date, step: Callable[[str], None] = lambda _: None) -> None:
    """Write the story into a new journal at ``path``."""
    with open_journal(path, write=True, create=True) as conn:
        for label, chapter in STORY:
            step(label)
            chapter(conn, today)


def _mentors(conn, today):
    with dates.pinned(_at(today, 92, 9)):
        ada = mentors.add(
            conn,
            "Ada Lovelace",
            org="Platform Engineering",
            contact="ada@example.org",
            cadence=cadences.parse_cadence("fortnightly"),
        )
        grace = mentors.add(conn, "Grace Hopper", kind="informal", org="Compilers guild")
        goals.add(conn, "Lead a design review end to end", mentor_id=ada.id, by=today + timedelta(days=60))
        goals.add(
            conn, "Give a talk at the internal tech forum", mentor_id=grace.id, by=today + timedelta(days=40)
        )
        topics.add(conn, ada.id, "How do senior engineers decide what not to do?")


def _log(conn, today, handle, days_ago, hour, minutes, notes, reviewed=False, **items):
    mentor = mentors.resolve(conn, handle)
    held = _at(today, days_ago, hour)
    if reviewed:
        with dates.pinned(held - timedelta(hours=20)):
            meetings.record_review(conn, mentor.id, dates.now())
    late = items.pop("late", False)
    entry = template.Entry(notes=notes, **items)
    with dates.pinned(held + timedelta(minutes=minutes + 10)):
        return meetings.log(conn, mentor, entry, held_at=held, minutes=minutes, late=late)


def _month_one(conn, today):
    _log(
        conn,
        today,
        "ada",
        82,
        15,
        45,
        "First check-in. Agreed to meet every two weeks.\n\n"
        "- I want to grow towards **staff engineer**\n- Ada suggested starting with design reviews",
        reviewed=False,
        todos=[f"Read three past design docs from the platform team (due {today - timedelta(days=75)})"],
        advice=["Before every meeting, write down the decision you want from it"],
        raised=[1],
    )
    with dates.pinned(_at(today, 76, 18)):
        todos.mark_done(conn, 1, (today - timedelta(days=76)))
        advice.apply(
            conn,
            1,
            "Wrote the decision I wanted at the top of the sprint planning doc",
            on=today - timedelta(days=76),
            outcome="worked",
            reflection="The meeting ended 15 minutes early with a clear owner.",
        )
        topics.add(conn, 1, "Is it too early to ask to lead a review?", "concern")
    _log(
        conn,
        today,
        "grace",
        75,
        12,
        30,
        "Coffee with Grace. She told the story of the first compiler; mostly about persistence.",
        advice=["Explain it to a newcomer first; if they get it, the talk is ready"],
        thanks=["Thanked Grace for making time on a busy week"],
    )
    _log(
        conn,
        today,
        "ada",
        68,
        15,
        40,
        "Talked about the concern: not too early. Pick a small service first.",
        reviewed=True,
        todos=[f"Volunteer to co-review the caching RFC (due {(today - timedelta(days=60)).isoformat()})"],
        advice=["Ask for the scariest part of a design first", "Keep a decision log for every review"],
        raised=[2],
    )


def _month_two(conn, today):
    with dates.pinned(_at(today, 62, 17)):
        todos.mark_done(conn, 2, today - timedelta(days=62), "Co-reviewed with Sam")
        advice.apply(
            conn,
            3,
            "Opened the caching RFC review by asking for the riskiest part",
            on=today - timedelta(days=62),
            outcome="worked",
            reflection="We found the cache-stampede issue in the first ten minutes.",
        )
        todos.add(
            conn,
            "Draft an outline for the tech forum talk",
            mentor_id=mentors.resolve(conn, "grace").id,
            goal_id=2,
            due=today - timedelta(days=30),
        )
    checkin = _log(
        conn,
        today,
        "ada",
        54,
        15,
        50,
        "Went through the caching review. Ada: good instincts, write more of it down.",
        reviewed=True,
        todos=[
            f"Lead the review of the queue migration RFC (due {(today - timedelta(days=20)).isoformat()})",
            f"Write a one-page review checklist (due {(today - timedelta(days=3)).isoformat()})",
        ],
        advice=["Send the review agenda a day ahead"],
        thanks=["Thanked Ada for the intro to the storage team"],
    )
    with dates.pinned(_at(today, 52, 9)):
        todos.edit(conn, checkin.filed.todos[0].id, goal_id=1)  # the migration review
        advice.apply(
            conn,
            1,
            "Same trick for the on-call handover",
            on=today - timedelta(days=50),
            outcome="mixed",
            reflection="Helped me, but the others did not read it beforehand.",
        )
    _log(
        conn,
        today,
        "grace",
        45,
        12,
        25,
        "Grace on talks: one idea per slide, and rehearse out loud twice.",
        reviewed=True,
        advice=["Rehearse the talk out loud twice, once for someone outside the team"],
        asks=["Would you look at my outline when it is ready?"],
    )
    _log(
        conn,
        today,
        "ada",
        40,
        15,
        45,
        "Short one: Ada was travelling. Planned the queue migration review together.",
        late=True,
        advice=["Timebox reviews to 45 minutes and park the rest"],
    )


def _month_three(conn, today):
    with dates.pinned(_at(today, 33, 10)):
        advice.park(conn, 6, today - timedelta(days=1), "After the migration review", today)
        advice.apply(
            conn,
            5,
            "Sent the queue migration agenda the day before",
            on=today - timedelta(days=30),
            outcome="worked",
        )
    with dates.pinned(_at(today, 27, 16)):
        todos.mark_done(conn, 3, today - timedelta(days=27), "Outline done; 12 slides")
        advice.apply(
            conn,
            2,
            "Walked a new joiner through the outline",
            on=today - timedelta(days=27),
            outcome="worked",
            reflection="She asked the questions the audience will ask.",
        )
    checkin = _log(
        conn,
        today,
        "ada",
        26,
        15,
        45,
        "Queue migration review went well. Next: run one alone.",
        reviewed=True,
        done=[4],
        todos=["Run the review of the search indexing design alone"],
        thanks=["Thanked Ada for backing me in the migration review"],
    )
    _log(
        conn,
        today,
        "grace",
        20,
        12,
        30,
        "Grace read the outline: cut the history section, start with the demo.",
        reviewed=True,
        raised=[3],
        todos=[f"Rehearse the talk with Priya (due {(today + timedelta(days=2)).isoformat()})"],
        advice=["Start with the demo, explain after"],
        thanks=["Thanked Grace for reading the outline so carefully"],
    )
    with dates.pinned(_at(today, 16, 11)):
        todos.edit(conn, checkin.filed.todos[0].id, goal_id=1)  # run a review alone
        advice.apply(
            conn,
            4,
            "Started a decision log for the search indexing design",
            on=today - timedelta(days=15),
            outcome="unsure",
            reflection="Useful to me; not sure anyone else reads it yet.",
        )
    _log(
        conn,
        today,
        "ada",
        12,
        15,
        50,
        "Ada pushed on trade-offs: what did the search design give up?",
        reviewed=True,
        advice=["Write the 'what we give up' section before the 'what we get' one"],
    )
    with dates.pinned(_at(today, 5, 18)):
        advice.apply(
            conn,
            9,
            "Wrote the trade-offs section first in the indexing review notes",
            on=today - timedelta(days=5),
            outcome="worked",
            reflection="The review discussion stayed on the real choices.",
        )
        sent = todos.add(conn, "Send Ada the indexing review notes", mentor_id=1)
        todos.mark_done(conn, sent.id, today - timedelta(days=4))
        topics.add(conn, 1, "How do I turn the review checklist into a team habit?")
        topics.add(conn, 1, "Could you give me feedback on how I ran the indexing review?", "feedback")
        topics.add(conn, 1, "The indexing review finished on time, with a decision", "win")
        grace = mentors.resolve(conn, "grace")
        mentors.set_next_checkin(conn, grace, None)


AGREEMENT = """## Purpose

Grow from senior engineer towards staff: lead design reviews with confidence.

## Goals

- Lead a design review end to end

## How we meet

Every two weeks, Tuesdays at 15:00, 45 minutes, on video. I send an agenda the day before.

## Feedback

Ada tells me straight away when a review goes off course; I ask for feedback at least once a month.

## Confidentiality

What we discuss stays between us unless we agree otherwise.

## Term and closing

Six months. Either of us can close it early, without blame, with a short note."""

CLOSING = """## What we set out to do

Get better at estimating and saying no to work that does not fit.

## What I achieved

I now give estimates as ranges, and I turned down two side projects this quarter.

## What worked

Short, focused check-ins with one question each.

## What I would do differently

Agree on a term at the start.

## Thanks

Thank you, Margaret, for three honest months and for teaching me to say no kindly."""


def _relationship(conn, today):
    """An agreement with Ada (revised once), and Margaret: a short mentoring that ended with a
    closing, and an update sent since."""
    ada = mentors.resolve(conn, "ada")
    with dates.pinned(_at(today, 88, 18)):
        agreements.add(
            conn,
            ada.id,
            AGREEMENT.replace("Six months.", "Three months, then we decide."),
            today - timedelta(days=88),
            term_end=None,
            revisit_by=None,
        )
    with dates.pinned(_at(today, 54, 18)):
        agreements.add(
            conn,
            ada.id,
            AGREEMENT,
            today - timedelta(days=54),
            term_end=dates.add_months(today - timedelta(days=88), 6),
            revisit_by=today + timedelta(days=30),
        )
    with dates.pinned(_at(today, 91, 9)):
        margaret = mentors.add(conn, "Margaret Hamilton", org="Apollo guild", contact="margaret@example.org")
    for days_ago, notes in (
        (84, "Estimates as ranges, not dates."),
        (63, "How to say no to a side project."),
    ):
        _log(
            conn,
            today,
            "margaret",
            days_ago,
            11,
            30,
            notes,
            advice=[] if days_ago == 63 else ["Estimate in ranges"],
        )
    end_day = today - timedelta(days=35)
    with dates.pinned(_at(today, 35, 17)):
        margaret = mentors.end(conn, mentors.resolve(conn, "margaret"), end_day, None)
        closures.add(conn, margaret.id, end_day, CLOSING, cadences.parse_cadence("2 months"))
        thanks.add(conn, margaret.id, closures.thanks_in(CLOSING), end_day)
    with dates.pinned(_at(today, 10, 19)):
        updates.add(
            conn,
            margaret.id,
            "The range estimates stuck: the team plans in ranges now.",
            today - timedelta(days=10),
        )


def _growth(conn, today):
    """Two skills rated as they grew, feedback, how useful the check-ins were, and an
    introduction Ada made (thanked) and a review Grace offered (still open)."""
    ada, grace = mentors.resolve(conn, "ada"), mentors.resolve(conn, "grace")

    def day(days_ago: int) -> date:
        return today - timedelta(days=days_ago)

    with dates.pinned(_at(today, 90, 20)):
        reviews = skills.add(
            conn,
            "Running design reviews",
            day(90),
            mentor_id=ada.id,
            goal_id=1,
            rating=2,
            evidence="Sat in on two reviews; said little",
        )
        talks = skills.add(
            conn,
            "Speaking to a room",
            day(90),
            mentor_id=grace.id,
            goal_id=2,
            rating=1,
            evidence="Avoided the demo day slot",
        )
    with dates.pinned(_at(today, 60, 20)):
        skills.rate(conn, reviews.id, 3, day(60), evidence="Co-ran the caching RFC review with Sam")
        offers.add(conn, ada.id, "Introduce me to the storage team lead", day(60), person="Sam Okafor")
    with dates.pinned(_at(today, 56, 18)):
        offers.close(conn, 1, offers.Status.DONE, day(56), "Met Sam; co-reviewing the caching RFC")
    with dates.pinned(_at(today, 12, 18)):
        skills.rate(
            conn, reviews.id, 4, day(12), evidence="Ran the indexing review alone, ended with a decision"
        )
        skills.rate(conn, talks.id, 2, day(12), evidence="Gave the outline to Grace out loud")
        offers.add(conn, grace.id, "Review my talk slides before the forum", day(12))
        offers.add(
            conn, ada.id, "Introduce me to the architecture forum's chair", day(12), person="Priya Raman"
        )
        last = meetings.last_meeting(conn, ada.id)
        feedback.add(
            conn,
            ada.id,
            "Lead with the decision you need; the context can follow",
            day(12),
            meeting_id=last.id,
        )
        for mt, rating in zip(meetings.list_meetings(conn, mentor_id=ada.id), (4, 3, 4, 3, 3), strict=False):
            meetings.edit(conn, mt.id, {"rating": rating})


STORY = [
    ("Two mentors and their goals", _mentors),
    ("Month one", _month_one),
    ("Month two", _month_two),
    ("Month three", _month_three),
    ("The relationship", _relationship),
    ("Growth: skills, feedback, offers", _growth),
]
