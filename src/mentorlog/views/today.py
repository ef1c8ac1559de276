"""Today's view (SPEC §2): what ``mentorlog`` alone shows — the ``remind`` lines, then the
brief (``review``'s header and what to raise) for the next check-in when it is within
``BRIEF_DAYS``. It reads only; unlike ``review`` it records no review."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta

from mentorlog.core.record import Record
from mentorlog.journal import mentors
from mentorlog.views import remind, review

BRIEF_DAYS = 3  # a check-in this close gets its brief on today's view


class Today(Record):
    reminders: list
    brief: review.Review | None


def build(conn: sqlite3.Connection, now: datetime, within: int) -> Today:
    today = now.date()
    brief = None
    chosen = mentors.next_to_review(conn)
    soon = today + timedelta(days=BRIEF_DAYS)
    if chosen is not None and chosen.active and chosen.next_checkin and chosen.next_checkin.date() <= soon:
        full = review.build(conn, chosen, now, screen=8)
        # The brief's header and what to raise; the rest is `review`'s.
        brief = review.Review(
            mentor=full.mentor,
            today=full.today,
            last_meeting=full.last_meeting,
            topics=full.topics,
            report_back=[],
            todos_done=[],
            todos_open=[],
            advice_waiting=[],
            goals=[],
            nudges=[],
            term=full.term,  # part of the header: where the mentoring is in its term
        )
    return Today(remind.build(conn, today, within), brief)
