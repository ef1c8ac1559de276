"""Agreements: what a mentee and a mentor agreed the mentoring is for and how it runs (SPEC §2).

Every save is a new revision (a row); the current agreement is the latest. The text is
Markdown in fixed sections (``SECTIONS``); the template is pre-filled from the current
agreement, else from what the journal knows (the cadence and slot, the goals linked to the
mentor). The term (when it ends) and the revisit date are fields, kept from one revision to
the next unless changed.
"""

from __future__ import annotations

import sqlite3
from datetime import date

from mentorlog.core import cadences, dates
from mentorlog.journal import sections
from mentorlog.journal.common import fetch, insert, paged
from mentorlog.journal.rows import Row, column

SECTIONS = ("Purpose", "Goals", "How we meet", "Feedback", "Confidentiality", "Term and closing")
TERM_SOON_DAYS = 21  # the term ends within this many days: review says plan the closing
STALE_MONTHS = 6  # an agreement older than this, without a revisit date, is due a look
MEETINGS_BEFORE = 3  # a formal mentor met this many times without an agreement gets a nudge


class Agreement(Row):
    id: int
    uuid: str
    mentor_id: int = column(json=False)
    mentor: str = column("mentor_handle")
    agreed_on: date = column("on_date")
    term_end: date | None
    revisit_by: date | None
    text: str


_COLUMNS = "SELECT a.*, m.handle AS mentor_handle"
_FROM = "FROM agreements a JOIN mentors m ON m.id = a.mentor_id"


def add(
    conn: sqlite3.Connection,
    mentor_id: int,
    text: str,
    on: date,
    *,
    term_end: date | None,
    revisit_by: date | None,
) -> Agreement:
    new_id = insert(
        conn,
        "agreements",
        {
            "mentor_id": mentor_id,
            "on_date": on.isoformat(),
            "text": text,
            "term_end": term_end.isoformat() if term_end else None,
            "revisit_by": revisit_by.isoformat() if revisit_by else None,
        },
    )
    return Agreement.from_row(fetch(conn, f"{_COLUMNS} {_FROM} WHERE a.id = ?", new_id, "agreement"))


def current(conn: sqlite3.Connection, mentor_id: int) -> Agreement | None:
    row = conn.execute(
        f"{_COLUMNS} {_FROM} WHERE a.mentor_id = ? ORDER BY a.on_date DESC, a.id DESC LIMIT 1", (mentor_id,)
    ).fetchone()
    return Agreement.from_row(row) if row else None


def first_on(conn: sqlite3.Connection, mentor_id: int) -> date | None:
    """When the first agreement with the mentor was made: the start of the term."""
    row = conn.execute("SELECT min(on_date) FROM agreements WHERE mentor_id = ?", (mentor_id,)).fetchone()
    return dates.day_from_db(row[0])


def revisions(conn: sqlite3.Connection, mentor_id: int, limit: int | None = None):
    """Every revision, newest first; with ``limit`` a Page."""
    rest = f"{_FROM} WHERE a.mentor_id = ? ORDER BY a.on_date DESC, a.id DESC"
    return paged(conn, _COLUMNS, rest, [mentor_id], Agreement.from_row, limit)


def template(mentor, agreement: Agreement | None, goal_texts: list[str], term_end: date | None) -> str:
    """The editor's buffer: the instructions, then the current agreement as it stands, or the
    sections pre-filled with what the journal knows."""
    head = [
        f"# Agreement with {mentor.name}",
        "# Lines starting with '# ' above the first section are ignored. An empty agreement cancels.",
        "# Keep the '## ' headings; write under each what you agreed.",
        "",
    ]
    if agreement is not None:
        return "\n".join(head) + "\n" + agreement.text.rstrip("\n") + "\n"
    meet = []
    if mentor.cadence:
        meet.append(f"We meet {cadences.cadence_words(mentor.cadence)}")
        slot = mentor.slot
        if slot is not None:
            meet[-1] += f", {slot.strftime('%A')}s at {slot.strftime('%H:%M')}"
        meet[-1] += "."
    body = {
        "Purpose": [],
        "Goals": [f"- {' '.join(g.split())}" for g in goal_texts],
        "How we meet": meet,
        "Feedback": [],
        "Confidentiality": [],
        "Term and closing": [f"Ends {dates.show_day(term_end)}."] if term_end else [],
    }
    return "\n".join(head) + "\n" + sections.render(body) + "\n"


def parse(text: str) -> str:
    """The agreement as typed: the instruction lines at the top dropped, blank lines at both
    ends trimmed; empty when only the headings are left."""
    return sections.body_of(text)


def missing_sections(text: str) -> list[str]:
    """The fixed sections the text no longer has (a heading deleted or renamed)."""
    return sections.missing(text, SECTIONS)


def months_between(start: date, end: date) -> int:
    """Whole months from ``start`` to ``end``, a part month counted as one."""
    months = (end.year - start.year) * 12 + end.month - start.month
    return months + (1 if end.day > start.day else 0)


def term(start: date, end: date | None, today: date) -> dict | None:
    """Where the mentoring is in its term: ``month`` N of ``months``, from the first agreement
    to ``end``; None without a term end."""
    if end is None:
        return None
    months = max(1, months_between(start, end))
    elapsed = (today.year - start.year) * 12 + today.month - start.month - (1 if today.day < start.day else 0)
    month = min(max(elapsed + 1, 1), months) if today >= start else None
    return {
        "start": start.isoformat(),
        "end": end.isoformat(),
        "month": month if today <= end else None,
        "months": months,
        "ended": today > end,
        "days_left": (end - today).days,
    }


def term_words(start: date, end: date | None, today: date) -> str:
    """``Month 4 of 6 · term ends Fri 30 Apr 2027`` (``term ended …`` once past it)."""
    t = term(start, end, today)
    if t is None:
        return ""
    if t["ended"]:
        return f"{t['months']}-month term ended {dates.show_day(end)}"
    head = f"Month {t['month']} of {t['months']} · " if t["month"] else ""
    return f"{head}term ends {dates.show_day(end)}"


def purpose(agreement: Agreement | None) -> str:
    if agreement is None:
        return ""
    return sections.split(agreement.text).get("Purpose", "")
