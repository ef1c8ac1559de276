"""Meetings (check-ins that happened) and filing what was said in one: notes, new todos,
advice, topics to ask next time, thanks, and the ticks of topics raised and todos done.

A meeting is *prepared* when a review of its mentor ran in the 72 hours before it; that is
derived in SQL from the ``reviews`` table, never stored. What every concept files under a
meeting, read through the registry, is ``meeting_items``'s.
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

from mentorlog.core import cadences, dates, template
from mentorlog.core.errors import BadValue, MentorlogError, Suggest, UsageError
from mentorlog.core.record import Record, field
from mentorlog.journal import advice, mentors, thanks, todos, topics
from mentorlog.journal.common import fetch, insert, paged, remove, update
from mentorlog.journal.mentors import Mentor
from mentorlog.journal.rows import Row, column

PREPARED_HOURS = 72
PREPARED = f"""EXISTS (SELECT 1 FROM reviews r WHERE r.mentor_id = mt.mentor_id
    AND r.at <= mt.held_at
    AND r.at >= strftime('%Y-%m-%dT%H:%M:%S+00:00', mt.held_at, '-{PREPARED_HOURS} hours'))"""
_JOINED = f"m.handle AS mentor_handle, m.name AS mentor_name, {PREPARED} AS prepared"
_FROM = "FROM meetings mt JOIN mentors m ON m.id = mt.mentor_id"
_COLUMNS = f"SELECT mt.*, {_JOINED}"
_SELECT = f"{_COLUMNS} {_FROM}"
# A list's table shows a line of the notes: it does not need ten years of them.
_COLUMNS_SHORT = (
    "SELECT mt.id, mt.uuid, mt.mentor_id, mt.held_at, mt.minutes, substr(mt.notes, 1, 240) AS notes, "
    f"mt.late, mt.rescheduled, mt.tags, mt.rating, mt.created_at, {_JOINED}"
)


class Meeting(Row):
    id: int
    uuid: str
    mentor_id: int = column(json=False)
    mentor: str = column("mentor_handle")
    mentor_name: str = column(json=False)
    held_at: datetime
    minutes: int | None
    notes: str
    late: bool
    rescheduled: bool
    prepared: bool
    tags: list[str]
    rating: int | None  # how useful it was, 1–4: private, never in anything for the mentor
    logged_at: str = column("created_at", json=False)  # when it was typed in (a stamp)


class Filed(Record):
    """What one buffer or set of options filed, for the one-line echo."""

    todos: list[todos.Todo] = field(default_factory=list)
    advice: int = 0
    asks: int = 0
    thanks: int = 0
    feedback: int = 0
    offers: list[int] = field(default_factory=list)  # their ids
    rating: int | None = None
    raised: int = 0
    done: int = 0
    warnings: list[str] = field(default_factory=list)  # for stderr: what was read differently


def get(conn: sqlite3.Connection, meeting_id: int) -> Meeting:
    return Meeting.from_row(fetch(conn, _SELECT + " WHERE mt.id = ?", meeting_id, "meeting"))


def list_meetings(
    conn: sqlite3.Connection,
    *,
    mentor_id: int | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: int | None = None,
) -> list[Meeting]:
    """Newest first."""
    rest, args = _where(mentor_id, since, until)
    sql = f"{_COLUMNS} {rest}"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return [Meeting.from_row(r) for r in conn.execute(sql, args)]


def page(
    conn: sqlite3.Connection,
    *,
    mentor_id: int | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: int | None = None,
    short: bool = False,
    tag: str | None = None,
):
    """``meeting list``: newest first; with ``limit`` a Page, without, every meeting one at a
    time; ``short`` rows carry only the start of the notes (a table shows one line of them)."""
    rest, args = _where(mentor_id, since, until, tag)
    select = _COLUMNS_SHORT if short else _COLUMNS
    return paged(conn, select, rest, args, Meeting.from_row, limit)


def _where(
    mentor_id: int | None, since: datetime | None, until: datetime | None, tag: str | None = None
) -> tuple[str, list]:
    where, args = [], []
    if tag:
        from mentorlog.journal import tags

        where.append(tags.has("mt"))
        args.append(tags.word(tag))
    if mentor_id is not None:
        where.append("mt.mentor_id = ?")
        args.append(mentor_id)
    if since is not None:
        where.append("mt.held_at >= ?")
        args.append(dates.to_db(since))
    if until is not None:
        where.append("mt.held_at <= ?")
        args.append(dates.to_db(until))
    rest = (
        _FROM + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY mt.held_at DESC, mt.id DESC"
    )
    return rest, args


def held_between(conn: sqlite3.Connection, mentor_id: int, start: datetime, end: datetime) -> list[datetime]:
    """When the mentor's meetings from ``start`` to ``end`` were held, oldest first (only the
    times: a year of meetings carries megabytes of notes)."""
    rest, args = _where(mentor_id, start, end)
    return [dates.from_db(r[0]) for r in conn.execute(f"SELECT mt.held_at {rest}", args)][::-1]


def last_meeting(conn: sqlite3.Connection, mentor_id: int) -> Meeting | None:
    found = list_meetings(conn, mentor_id=mentor_id, limit=1)
    return found[0] if found else None


def file_entry(
    conn: sqlite3.Connection,
    mentor: Mentor,
    meeting_id: int,
    held_at: datetime,
    entry: template.Entry,
    *,
    stamp: str | None = None,
) -> Filed:
    """File everything in ``entry`` as coming from meeting ``meeting_id``.

    Raises UsageError (a bad due date, an unknown id) before the caller commits, so a buffer
    that cannot be filed changes nothing. ``stamp`` is the meeting's ``created_at``, given to
    the todos ticked in it, so that ``review`` knows they were reported in that meeting.
    """
    filed = Filed()
    day = held_at.date()
    for raw in entry.todos:
        text, due_text = template.split_due(raw)
        due = None
        if due_text is not None:
            option = f"todo {text!r} (due …)"
            resolved = dates.parse_when(due_text, future=True, option=option)
            dates.check_bounds(resolved.day, option)
            due = resolved.day
            if resolved.has_time:
                filed.warnings.append(f"todo {text!r}: {todos.TIME_IGNORED}")
        filed.todos.append(todos.add(conn, text, mentor_id=mentor.id, due=due, meeting_id=meeting_id))
    for text in entry.advice:
        advice.add(conn, mentor.id, text, given_on=day, meeting_id=meeting_id)
        filed.advice += 1
    for text in entry.asks:
        topics.add(conn, mentor.id, text, topics.Kind.QUESTION)
        filed.asks += 1
    for text in entry.thanks:
        thanks.add(conn, mentor.id, text, day, meeting_id=meeting_id)
        filed.thanks += 1
    if entry.feedback or entry.offers:  # imported when filed: a plain log does not pay for them
        from mentorlog.journal import feedback, offers

        for text in entry.feedback:
            feedback.add(conn, mentor.id, text, day, meeting_id=meeting_id)
            filed.feedback += 1
        for text in entry.offers:
            filed.offers.append(offers.add(conn, mentor.id, text, day, meeting_id=meeting_id).id)
    for topic_id in entry.raised:
        topics.mark_raised(conn, topic_id, mentor.id, meeting_id)
        filed.raised += 1
    for todo_id in entry.done:
        todo = todos.get(conn, todo_id)
        if todo.status != "done":
            todos.mark_done(conn, todo_id, day, stamp=stamp)
            filed.done += 1
    return filed


_KEEP = object()

LOWEST_RATING, HIGHEST_RATING = 1, 4
RATING_WORDS = {1: "not useful", 2: "a little useful", 3: "useful", 4: "very useful"}


def check_rating(value: object) -> int:
    """A check-in's rating: a whole number from 1 to 4, given as an int or as a template line's
    text (plain ASCII digits: not '3.5', not '٣')."""
    if isinstance(value, str):
        text = value.strip()
        if text.isascii() and text.isdigit() and LOWEST_RATING <= int(text) <= HIGHEST_RATING:
            return int(text)
    elif isinstance(value, int) and not isinstance(value, bool) and LOWEST_RATING <= value <= HIGHEST_RATING:
        return value
    shown = repr(value) if isinstance(value, str) else value
    raise BadValue("rating", shown, f"is not a whole number from {LOWEST_RATING} to {HIGHEST_RATING}")


def entry_rating(entry: template.Entry, given: int | None) -> int | None:
    """The rating a buffer gives (at most one ``rating:`` line), else ``given`` (``--rating``)."""
    if len(entry.ratings) > 1:
        raise BadValue("rating", ", ".join(entry.ratings), "is more than one rating; keep one line")
    if entry.ratings:
        return check_rating(entry.ratings[0])
    return check_rating(given) if given is not None else None


class Logged(Record):
    meeting: Meeting
    filed: Filed
    next_checkin: datetime | None
    same_day: list[Meeting] = field(default_factory=list)  # the mentor's other meetings that day
    ended_on: date | None = None  # the mentor's mentoring had ended: no check-in was planned


def _clean_tags(tags: list[str]) -> str:
    from mentorlog.journal.tags import clean

    return clean(tags)


def log(
    conn: sqlite3.Connection,
    mentor: Mentor,
    entry: template.Entry,
    *,
    held_at: datetime,
    minutes: int | None = None,
    late: bool = False,
    rescheduled: bool = False,
    rating: int | None = None,
    next_checkin: object = _KEEP,
    tags: list[str] | None = None,
) -> Logged:
    """Record a check-in and what it filed; then move the mentor's next check-in (SPEC §2).

    ``next_checkin``: a datetime to set it (and the slot), None to clear it (``--no-next``),
    or left out: when this is the mentor's latest meeting and they have a cadence, the
    cadence's next check-in after it, at the slot; else it stays as it was, so logging an
    older meeting never moves it. While the mentor has no slot, this meeting gives it.
    """
    if minutes is not None and minutes < 0:
        raise BadValue("minutes", minutes, "is negative")
    if not mentor.active and next_checkin is not _KEEP and next_checkin is not None:
        raise ended_error(mentor)
    rating = entry_rating(entry, rating)
    day_start = dates.local(datetime.combine(held_at.date(), datetime.min.time()))
    day_end = dates.local(datetime.combine(held_at.date(), datetime.max.time().replace(microsecond=0)))
    same_day = list_meetings(conn, mentor_id=mentor.id, since=day_start, until=day_end)[::-1]
    logged_at = dates.stamp()  # also the stamp of the todos ticked in it (see todos.done_after)
    meeting_id = insert(
        conn,
        "meetings",
        {
            "mentor_id": mentor.id,
            "held_at": dates.to_db(held_at),
            "minutes": minutes,
            "notes": entry.notes,
            "late": int(late),
            "rescheduled": int(rescheduled),
            **({"tags": _clean_tags(tags)} if tags else {}),
            "rating": rating,
            "created_at": logged_at,
            "updated_at": logged_at,
        },
    )
    filed = file_entry(conn, mentor, meeting_id, held_at, entry, stamp=logged_at)
    filed.rating = rating
    slot = mentor.slot
    if next_checkin is not _KEEP and next_checkin is not None:
        slot = next_checkin
        mentors.set_slot(conn, mentor, slot)
    elif slot is None:
        slot = held_at
        mentors.set_slot(conn, mentor, slot)
    nxt = mentor.next_checkin
    if not mentor.active:
        nxt = None  # the mentoring ended: a check-in after it is logged, none is planned
    elif next_checkin is not _KEEP:
        nxt = next_checkin
    elif mentor.cadence and _is_latest(conn, mentor.id, meeting_id, held_at):
        nxt = _next_after(mentor, slot, held_at)
    if nxt != mentor.next_checkin:
        mentors.set_next_checkin(conn, mentor, nxt)
    return Logged(get(conn, meeting_id), filed, nxt, same_day, mentor.ended_on)


def ended_error(mentor: Mentor) -> UsageError:
    """No check-in can be planned with a mentor whose mentoring ended."""
    return UsageError(
        f"The mentoring with {mentor.name} ended on {dates.show_day(mentor.ended_on)}; "
        "no next check-in can be planned.",
        hint=Suggest("resume_mentor", mentor=mentor.handle),
    )


def _next_after(mentor: Mentor, slot: datetime, held_at: datetime) -> datetime:
    """The cadence's next check-in after a meeting. A meeting on the day of the planned next
    check-in is that check-in, wherever an invitation moved it (a moved occurrence, an RDATE):
    the next one is the cadence's first after it. Any other meeting stands for the check-in
    nearest to it (``cadences.next_after_meeting``)."""
    planned = mentor.next_checkin
    if planned is not None and dates.local(planned).date() == dates.local(held_at).date():
        return cadences.next_at_slot(mentor.cadence, slot, max(held_at, planned))
    return cadences.next_after_meeting(mentor.cadence, slot, held_at)


def _is_latest(conn: sqlite3.Connection, mentor_id: int, meeting_id: int, held_at: datetime) -> bool:
    """Whether no other meeting with the mentor was held after ``held_at``."""
    later = conn.execute(
        "SELECT 1 FROM meetings WHERE mentor_id = ? AND held_at > ? AND id != ? LIMIT 1",
        (mentor_id, dates.to_db(held_at), meeting_id),
    ).fetchone()
    return later is None


class ChangedMeanwhile(MentorlogError):
    """The meeting was changed by another command while the user was editing it."""


def edit(
    conn: sqlite3.Connection, meeting_id: int, changes: dict, *, seen: dict | None = None
) -> Meeting | None:
    """Apply ``changes`` (column → value: notes, held_at, minutes, late, rescheduled) to a
    meeting, verbatim; None when nothing differs from what is stored.

    ``seen`` is the stored row (``stored_row``) the caller read before the user started
    editing: if the meeting changed since, nothing is written (ChangedMeanwhile). The whole row
    is compared, not ``updated_at``, which a pinned clock could repeat.
    """
    meeting = get(conn, meeting_id)
    stored = conn.execute("SELECT * FROM meetings WHERE id = ?", (meeting_id,)).fetchone()
    if seen is not None and dict(stored) != seen:
        raise ChangedMeanwhile(f"Meeting {meeting_id} was changed while you were editing it.")
    if "minutes" in changes and changes["minutes"] is not None and changes["minutes"] < 0:
        raise BadValue("minutes", changes["minutes"], "is negative")
    if changes.get("rating") is not None:
        check_rating(changes["rating"])
    values = {k: v for k, v in changes.items() if stored[k] != v}
    if not values:
        return None
    update(conn, "meetings", meeting.id, values)
    return get(conn, meeting_id)


def stored_row(conn: sqlite3.Connection, meeting_id: int) -> dict:
    return dict(fetch(conn, "SELECT * FROM meetings WHERE id = ?", meeting_id, "meeting"))


def delete(conn: sqlite3.Connection, meeting_id: int) -> Meeting:
    """Delete a meeting; todos, advice, thanks and topics filed from it stay, unlinked."""
    meeting = get(conn, meeting_id)
    remove(conn, "meetings", meeting_id)
    return meeting


def tickets(conn: sqlite3.Connection, mentor: Mentor) -> list[template.Ticket]:
    """The open topics and todos of ``mentor``, offered for ticking in the template."""
    today = dates.today()
    offered = [template.Ticket("topic", t.id, t.text) for t in topics.list_topics(conn, mentor_id=mentor.id)]
    for t in todos.list_todos(conn, mentor_id=mentor.id):
        extra = ""
        if t.due:
            extra = "due " + dates.show_short_day(t.due, today)
            if t.due < today:
                extra += ", overdue"
        offered.append(template.Ticket("todo", t.id, t.text, extra))
    return offered


def record_review(conn: sqlite3.Connection, mentor_id: int, at: datetime) -> None:
    insert(conn, "reviews", {"mentor_id": mentor_id, "at": dates.to_db(at)})


def latest_checks(conn: sqlite3.Connection, mentor_id: int, n: int) -> list[tuple[int | None, bool]]:
    """The mentor's latest ``n`` check-ins, newest first: each one's rating, and whether a
    ``feedback`` topic was raised in it (asking for feedback, SPEC §2)."""
    sql = (
        "SELECT mt.rating, EXISTS (SELECT 1 FROM topics t WHERE t.raised_in = mt.id AND t.kind = 'feedback')"
        " FROM meetings mt WHERE mt.mentor_id = ? ORDER BY mt.held_at DESC, mt.id DESC LIMIT ?"
    )
    return [(r[0], bool(r[1])) for r in conn.execute(sql, (mentor_id, n))]
