"""The letters meant for a mentor (SPEC §2): a recap after a check-in, an update draft since the
last contact, and the closing report at the end. Each is a ``Letter``: a subject and Markdown,
and the mentor's address when their contact is one. None holds meeting notes, ratings, private
notes, feedback, a closing's private sections or anything about another mentor.
"""

from __future__ import annotations

import sqlite3
from datetime import date

from mentorlog.core import dates
from mentorlog.core.record import Record
from mentorlog.formats.markdown_safe import one_line as _flat
from mentorlog.journal import agreements, letters, meetings, thanks, updates
from mentorlog.journal.mentors import Mentor


class Letter(Record):
    mentor: Mentor
    subject: str
    markdown: str

    @property
    def to(self) -> str | None:
        return email_address(self.mentor.contact)


def email_address(contact: str | None) -> str | None:
    """The mentor's contact when it is an email address (``ada@example.org`` or
    ``Ada <ada@example.org>``), else None."""
    import re
    from email.utils import parseaddr

    if not contact or any(c in contact for c in "\r\n"):
        return None
    _, address = parseaddr(contact)
    if re.fullmatch(r"[^@\s<>(),;:\"\[\]]+@[^@\s<>(),;:\"\[\]]+\.[A-Za-z0-9-]{2,}", address or ""):
        return address
    return None


def _first(m: Mentor) -> str:
    return m.name.split()[0] if m.name.split() else m.name


def _thank_you(thanks: list[str]) -> str:
    """The opening thanks, one line: "Thank you for your time, and for the intro." A thanks text
    says what you thank them for (``for the intro``, as the README types it, or ``the intro``):
    it joins that sentence, "for" added when it is not there. A text that thanks them itself
    ("Thanks for the coffee!") is a sentence of its own, kept as typed."""
    import re

    reasons, sentences = [], []
    for text in map(_flat, thanks):
        if re.match(r"thank", text, flags=re.IGNORECASE):
            sentences.append(text if text[-1] in ".!?" else f"{text}.")
        elif reason := re.sub(r"^for\b\s*", "", text, flags=re.IGNORECASE).rstrip(" ."):
            reasons.append(f"for {reason}")
    listed = ", ".join(["for your time", *reasons[:-1]])
    opening = f"Thank you {listed}, and {reasons[-1]}." if reasons else f"Thank you {listed}."
    return " ".join([opening, *sentences])


def recap(conn: sqlite3.Connection, meeting: meetings.Meeting, mentor: Mentor) -> Letter:
    """A follow-up after ``meeting``: thanks, the advice heard, what you will do and by when,
    and the next check-in."""
    filed = letters.filed_in(conn, meeting.id, mentor.id)
    day = dates.show_day(meeting.held_at.date())
    lines = [f"# Our check-in of {day}", "", f"Dear {_first(mentor)},", ""]
    lines += [_thank_you(filed.thanks), ""]
    if filed.advice:
        lines += ["## What I heard", ""]
        lines += [f"- {_flat(a)}" for a in filed.advice]
        lines.append("")
    if filed.todos:
        lines += ["## What I will do", ""]
        lines += [f"- {_flat(t)}" + (f" (by {dates.show_day(due)})" if due else "") for t, due in filed.todos]
        lines.append("")
    if mentor.active and mentor.next_checkin is not None and mentor.next_checkin > meeting.held_at:
        lines += ["## Next check-in", "", dates.show_when(mentor.next_checkin), ""]
    return Letter(mentor, f"Following up on our check-in of {day}", "\n".join(lines))


def update_draft(conn: sqlite3.Connection, mentor: Mentor, today: date) -> Letter:
    """An update since the last contact: wins, goals achieved, the advice applied and how it
    went, the skills whose rating moved and the offers that came to something (SPEC §2)."""
    from datetime import timedelta

    from mentorlog.journal import offers
    from mentorlog.views import report

    last = updates.last_contact(conn, mentor.id)
    found = letters.since(conn, mentor.id, last)
    after = last + timedelta(days=1) if last else date(dates.YEARS[0], 1, 1)
    moved = [r for r in report.rated(conn, mentor.id, after, today) if r[1][0] != r[2][0]]  # then, now
    doors = offers.done_between(conn, mentor.id, after, today)
    since_words = f"since {dates.show_day(last)}" if last else "so far"
    lines = [f"# An update {since_words}", "", f"Dear {_first(mentor)},", ""]
    lines += [f"Here is how things have gone {since_words}.", ""]
    if found.wins or found.goals_achieved:
        lines += ["## Wins", ""]
        lines += [f"- {_flat(w)}" for w in found.wins]
        lines += [f"- Goal achieved: {_flat(g)} ({dates.show_day(d)})" for g, d in found.goals_achieved]
        lines.append("")
    if found.applied:
        lines += ["## What I did with your advice", ""]
        for advice_text, what, outcome, on in found.applied:
            how = f" — {outcome}" if outcome else ""
            lines.append(f"- {_flat(advice_text)} → {_flat(what)}{how} ({dates.show_day(on)})")
        lines.append("")
    lines += report.skill_lines(moved) + report.offer_lines(doors)
    if not (found.wins or found.goals_achieved or found.applied or moved or doors):
        lines += ["Nothing new to tell yet.", ""]
    lines += ["Thank you again for your time.", ""]
    return Letter(mentor, f"An update {since_words}", "\n".join(lines))


def closing(conn: sqlite3.Connection, mentor: Mentor, today: date) -> Letter:
    """The letter at the end: the agreement's purpose, the check-ins held, the advice and what
    came of it, skills then and now, the doors the mentor opened, and thanks — over the whole
    relationship."""
    from mentorlog.journal.stats import first_record_day
    from mentorlog.views import report

    began = first_record_day(conn, mentor.id)  # by each record's own (local) day, typed in when it may
    first = min(d for d in (began, mentor.created_at.date(), today) if d is not None)
    last = mentor.ended_on or today
    r = report.build(conn, mentor, first, max(last, first), screen=True)
    purpose = agreements.purpose(agreements.current(conn, mentor.id))
    span = f"{dates.show_day(first)} – {dates.show_day(last)}"
    lines = [f"# Thank you, {mentor.name}", "", f"*Our mentoring, {span}*", "", f"Dear {_first(mentor)},", ""]
    if purpose:
        lines += ["## What we set out to do", "", purpose.strip(), ""]
    n = len(r.checkins)
    if n == 1:
        lines += [f"We met once, on {dates.show_day(r.checkins[0])}.", ""]
    elif n:
        first_met, last_met = dates.show_day(r.checkins[0]), dates.show_day(r.checkins[-1])
        lines += [f"We met {n} times, from {first_met} to {last_met}.", ""]
    applied = [a for a in r.advice if a.applied]
    if applied:
        lines += ["## Your advice and what came of it", ""]
        for a in applied:
            lines.append(f"**{_flat(a.text)}**")
            lines.append("")
            for p in a.applied:
                outcome = f" — *{p.outcome}*" if p.outcome else ""
                lines.append(f"- {dates.show_day(p.on)}: {_flat(p.what)}{outcome}")
            lines.append("")
    lines += report.skill_lines(r.skills) + report.offer_lines(r.offers_done)
    given = thanks.between(conn, mentor.id, first, max(last, today))
    lines += ["## Thank you", ""]
    lines += [f"- {_flat(t.text)}" for t in given]
    if given:
        lines.append("")
    lines += ["Thank you for your time, your advice and your trust.", ""]
    return Letter(mentor, f"Thank you — our mentoring, {span}", "\n".join(lines))


def agenda(review_markdown: str, mentor: Mentor) -> Letter:
    return Letter(mentor, "Agenda for our next check-in", review_markdown)


def report_letter(markdown: str, mentor: Mentor) -> Letter:
    return Letter(mentor, f"What your advice led to — {mentor.name}", markdown)
