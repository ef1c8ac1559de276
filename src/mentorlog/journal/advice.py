"""Advice a mentor gave, and each time it was applied with its outcome.

An advice entry's status is derived, never stored, and defined once, in SQL (``_STATUS``):
``parked`` while parked-until is in the future, else ``applied`` once it has an application,
else ``untried``. Advice *waits* for attention (review, remind) when it is untried, or parked
with its time up. An application corrected or deleted by its own id is ``applications``'s.
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta

from mentorlog.core import dates
from mentorlog.core.errors import UsageError
from mentorlog.core.record import field
from mentorlog.journal.common import (
    UNSET,
    Page,
    day_heard,
    fetch,
    insert,
    paged,
    recorded_after,
    remove,
    require_text,
    update,
)
from mentorlog.journal.rows import Choice, Row, column

UNTRIED_AFTER_DAYS = 30  # untried this long, remind brings it up
PARK_DAYS = 30  # `advice park` without --until
UNTRIED_COUNT_CAP = 100  # remind and review say "100+": counting further would read all of history


class Outcome(Choice):
    WORKED = "worked"
    MIXED = "mixed"
    FAILED = "failed"
    UNSURE = "unsure"


class Status(Choice):
    UNTRIED = "untried"
    APPLIED = "applied"
    PARKED = "parked"


_APPLIED = "EXISTS (SELECT 1 FROM applications p WHERE p.advice_id = a.id)"
_STATUS = (
    f"CASE WHEN a.parked_until > :today THEN '{Status.PARKED.value}' "
    f"WHEN {_APPLIED} THEN '{Status.APPLIED.value}' ELSE '{Status.UNTRIED.value}' END"
)
_COLUMNS = f"""
    SELECT a.*, m.handle AS mentor_handle, {_STATUS} AS status,
      (SELECT count(*) FROM applications p WHERE p.advice_id = a.id) AS applied,
      (SELECT max(on_date) FROM applications p WHERE p.advice_id = a.id) AS last_applied"""
_FROM = "FROM advice a JOIN mentors m ON m.id = a.mentor_id"
_SELECT = f"{_COLUMNS} {_FROM}"


class Application(Row):
    id: int
    uuid: str
    advice: int = column("advice_id")
    on: date = column("on_date")
    what: str
    outcome: Outcome | None
    reflection: str | None
    advice_text: str | None = column(json=False, default=None)  # when the query joins it


class Advice(Row):
    id: int
    uuid: str
    text: str
    mentor_id: int = column(json=False)
    mentor: str = column("mentor_handle")
    meeting: int | None = column("meeting_id")
    skill: int | None = column("skill_id", default=None)  # the skill it helps build
    status: Status
    given_on: date
    applications: int = column("applied")
    last_applied: date | None
    parked_until: date | None
    park_note: str | None = column(json=False)
    tags: list[str]
    created_at: str = column(json=False)
    applied: list[Application] = field(default_factory=list, json=False)

    def to_json(self, with_applications: bool = False) -> dict:
        data = super().to_json()
        if with_applications:
            data["applications"] = [a.to_json() for a in self.applied]
        return data


def _args(today: date, **more) -> dict:
    return {"today": today.isoformat(), **more}


def get(conn: sqlite3.Connection, advice_id: int, today: date, *, with_applications: bool = False) -> Advice:
    row = conn.execute(_SELECT + " WHERE a.id = :id", _args(today, id=advice_id)).fetchone()
    if row is None:
        fetch(conn, "SELECT id FROM advice WHERE id = ?", advice_id, "advice")  # raises NotFound
    advice = Advice.from_row(row)
    if with_applications:
        advice.applied = [
            Application.from_row(r)
            for r in conn.execute(
                "SELECT * FROM applications WHERE advice_id = ? ORDER BY on_date, id", (advice_id,)
            )
        ]
    return advice


def add(
    conn: sqlite3.Connection,
    mentor_id: int,
    text: str,
    *,
    given_on: date | None,
    meeting_id: int | None = None,
    tags: list[str] | None = None,
    skill_id: int | None = None,
) -> Advice:
    """``given_on`` None: the day of the meeting it came from, else today (advice heard in a
    check-in was given that day, whenever it is typed in)."""
    require_text(text, "advice")
    given_on = day_heard(conn, mentor_id, meeting_id, given_on)
    if skill_id is not None:
        fetch(conn, "SELECT id FROM skills WHERE id = ?", skill_id, "skill")
    new_id = insert(
        conn,
        "advice",
        {
            "text": text,
            "mentor_id": mentor_id,
            "meeting_id": meeting_id,
            "tags": clean_tags(tags),
            "given_on": given_on.isoformat(),
            "skill_id": skill_id,
        },
    )
    return get(conn, new_id, given_on)


def clean_tags(tags: list[str] | None) -> str:
    from mentorlog.journal.tags import clean

    return clean(tags)


def list_advice(
    conn: sqlite3.Connection,
    today: date,
    *,
    mentor_id: int | None = None,
    status: Status | None = None,
    tag: str | None = None,
    limit: int | None = None,
):
    """Oldest first. With ``limit``, a Page of that many and the count of all; without,
    every piece one at a time (``--json`` streams them)."""
    where, args = [], _args(today)
    if mentor_id is not None:
        where.append("a.mentor_id = :mentor")
        args["mentor"] = mentor_id
    if tag:
        where.append("EXISTS (SELECT 1 FROM json_each(a.tags) WHERE value = :tag)")
        args["tag"] = tag.strip().lower()
    if status is not None:
        where.append(f"({_STATUS}) = :status")
        args["status"] = Status(status).value
    rest = _FROM + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY a.given_on, a.id"
    return paged(conn, _COLUMNS, rest, args, Advice.from_row, limit)


def apply(
    conn: sqlite3.Connection,
    advice_id: int,
    what: str,
    *,
    on: date,
    outcome: Outcome | None = None,
    reflection: str | None = None,
) -> Application:
    get(conn, advice_id, on)
    require_text(what, "what-you-did")
    new_id = insert(
        conn,
        "applications",
        {
            "advice_id": advice_id,
            "on_date": on.isoformat(),
            "what": what,
            "outcome": Outcome(outcome).value if outcome is not None else None,
            "reflection": reflection,
        },
    )
    # Applying parked advice un-parks it: it is being used.
    update(conn, "advice", advice_id, {"parked_until": None})
    return Application.from_row(conn.execute("SELECT * FROM applications WHERE id = ?", (new_id,)).fetchone())


def park(conn: sqlite3.Connection, advice_id: int, until: date, why: str | None, today: date) -> Advice:
    """Park advice until ``until``; without ``why`` an earlier reason stays."""
    get(conn, advice_id, today)
    values = {"parked_until": until.isoformat()}
    if why is not None:
        values["park_note"] = why
    update(conn, "advice", advice_id, values)
    return get(conn, advice_id, today)


def default_park_until(today: date) -> date:
    return today + timedelta(days=PARK_DAYS)


def unpark(conn: sqlite3.Connection, advice_id: int, today: date) -> Advice:
    advice = get(conn, advice_id, today)
    if advice.parked_until is None:
        raise UsageError(f"Advice {advice_id} is not parked.")
    update(conn, "advice", advice_id, {"parked_until": None, "park_note": None})
    return get(conn, advice_id, today)


def list_waiting(conn: sqlite3.Connection, mentor_id: int, today: date, limit: int | None = None):
    """Advice of a mentor that waits for attention: untried (oldest first), then parked with
    its time up. With ``limit`` a Page of that many and how many wait in all — untried advice
    counted only to one past ``UNTRIED_COUNT_CAP`` (more makes the Page ``capped``), since
    counting it all would walk every piece the mentor ever gave; without, a list of every piece."""
    args = _args(today, mentor=mentor_id, cap=UNTRIED_COUNT_CAP)
    # Untried walks the mentor's advice in date order (index advice_by_mentor) and stops at
    # ``limit``; parked reads the partial index of parked advice (the unary + keeps the planner
    # off advice_by_mentor, which would walk every piece).
    untried = f"a.mentor_id = :mentor AND a.parked_until IS NULL AND NOT {_APPLIED}"
    parked = "+a.mentor_id = :mentor AND a.parked_until IS NOT NULL AND a.parked_until <= :today"
    found: list[Advice] = []
    for where in (untried, parked):
        if limit is not None and len(found) >= limit:
            break
        cut = "" if limit is None else f" LIMIT {int(limit) - len(found)}"
        sql = f"{_COLUMNS} {_FROM} WHERE {where} ORDER BY a.given_on, a.id{cut}"
        found += [Advice.from_row(r) for r in conn.execute(sql, args)]
    if limit is None:
        return found
    if len(found) < limit:
        return Page(found, len(found))
    some = f"SELECT 1 FROM advice a WHERE {untried} LIMIT :cap + 1"
    n_untried = conn.execute(f"SELECT count(*) FROM ({some})", args).fetchone()[0]
    n_parked = conn.execute(f"SELECT count(*) FROM advice a WHERE {parked}", args).fetchone()[0]
    capped = n_untried > UNTRIED_COUNT_CAP  # one past the cap tells "100" from "more than 100"
    return Page(found, min(n_untried, UNTRIED_COUNT_CAP) + n_parked, capped=capped)


def untried_by_mentor(conn: sqlite3.Connection, today: date) -> list[sqlite3.Row]:
    """Per active mentor with any: how much advice has been untried for ``UNTRIED_AFTER_DAYS``
    or more (counted to one past ``UNTRIED_COUNT_CAP``) and the oldest such day (rows: handle,
    name, n, oldest). Each mentor's advice is walked in date order and only as far as needed."""
    cutoff = (today - timedelta(days=UNTRIED_AFTER_DAYS)).isoformat()
    untried = (
        "FROM advice a WHERE a.mentor_id = m.id AND a.parked_until IS NULL AND a.given_on <= :cutoff "
        f"AND NOT {_APPLIED}"
    )
    rows = conn.execute(
        f"""
        SELECT m.handle, m.name,
          (SELECT count(*) FROM (SELECT 1 {untried} LIMIT :cap + 1)) AS n,
          (SELECT a.given_on {untried} ORDER BY a.given_on LIMIT 1) AS oldest
        FROM mentors m WHERE m.ended_on IS NULL ORDER BY m.handle
        """,
        {"cutoff": cutoff, "cap": UNTRIED_COUNT_CAP},
    ).fetchall()
    return [r for r in rows if r["n"]]


def parked_back(conn: sqlite3.Connection, today: date) -> list[Advice]:
    """Parked advice of active mentors whose time is up, earliest first."""
    sql = _SELECT + " WHERE m.ended_on IS NULL AND a.parked_until <= :today ORDER BY a.parked_until, a.id"
    return [Advice.from_row(r) for r in conn.execute(sql, _args(today))]


def applications_after(
    conn: sqlite3.Connection, mentor_id: int, held_at: datetime | None, *, limit: int | None = None
):
    """The mentor's applications of advice since a meeting held at ``held_at`` (all of them
    when None), oldest first, each with its advice's text: dated after the meeting's day, or
    dated that day and recorded after the meeting's time (the same evening counts). With
    ``limit`` a Page of that many and the count of all; without, a list."""
    since = ""
    args: dict = {"mentor": mentor_id}
    if held_at is not None:
        # On or after the day, by index applications_by_date: a walk of what came since, not of
        # the mentor's whole history (the unary + keeps the planner off advice_by_mentor).
        since = f" AND p.on_date >= :day AND (p.on_date > :day OR {recorded_after('p.created_at', ':held')})"
        args |= {"day": held_at.date().isoformat(), "held": dates.to_db(held_at)}
    rest = (
        "FROM applications p JOIN advice a ON a.id = p.advice_id"
        f" WHERE {'+' if since else ''}a.mentor_id = :mentor{since} ORDER BY p.on_date, p.id"
    )
    found = paged(conn, "SELECT p.*, a.text AS advice_text", rest, args, Application.from_row, limit)
    return found if limit is not None else list(found)


def given_or_applied_between(
    conn: sqlite3.Connection, mentor_id: int, first: date, last: date
) -> list[Advice]:
    """The mentor's advice given from ``first`` to ``last`` or applied then, each with the
    applications of that period (two queries, whatever the number of pieces)."""
    span = {"mentor": mentor_id, "first": first.isoformat(), "last": last.isoformat()}
    in_period = (  # by index applications_by_date: the period, not the mentor's whole history
        "SELECT p.* FROM applications p JOIN advice a ON a.id = p.advice_id "
        "WHERE +a.mentor_id = :mentor AND p.on_date BETWEEN :first AND :last ORDER BY p.on_date, p.id"
    )
    applied: dict[int, list[Application]] = {}
    for r in conn.execute(in_period, span):
        application = Application.from_row(r)
        applied.setdefault(application.advice, []).append(application)
    pieces = conn.execute(
        _SELECT + " WHERE a.mentor_id = :mentor AND a.given_on BETWEEN :first AND :last"
        " UNION " + _SELECT + " WHERE a.id IN (SELECT value FROM json_each(:ids))"
        " ORDER BY given_on, id",
        _args(last, **span, ids=_json_list(list(applied))),
    )
    found = []
    for r in pieces:
        advice = Advice.from_row(r)
        advice.applied = applied.get(advice.id, [])
        found.append(advice)
    return found


def edit(
    conn: sqlite3.Connection,
    advice_id: int,
    today: date,
    *,
    text: str | None = None,
    mentor_id: int | None = None,
    tags: list[str] | None = None,
    given_on: date | None = None,
    skill_id: object = UNSET,
) -> Advice:
    """Correct advice. Moved to another mentor, it leaves the meeting it came from (a meeting
    with the first mentor)."""
    advice = get(conn, advice_id, today)
    values: dict = {}
    if text is not None:
        values["text"] = require_text(text, "advice")
    if mentor_id is not None and mentor_id != advice.mentor_id:
        values["mentor_id"] = mentor_id
        values["meeting_id"] = None
    if tags is not None:
        values["tags"] = clean_tags(tags)
    if given_on is not None:
        values["given_on"] = given_on.isoformat()
    if skill_id is not UNSET:  # None unlinks it
        if skill_id is not None:
            fetch(conn, "SELECT id FROM skills WHERE id = ?", skill_id, "skill")
        values["skill_id"] = skill_id
    update(conn, "advice", advice_id, values)
    return get(conn, advice_id, today)


def delete(conn: sqlite3.Connection, advice_id: int, today: date) -> Advice:
    """Delete advice and every application of it."""
    advice = get(conn, advice_id, today)
    conn.execute("DELETE FROM applications WHERE advice_id = ?", (advice_id,))
    remove(conn, "advice", advice_id)
    return advice


def _json_list(ids: list[int]) -> str:
    return "[" + ",".join(str(int(i)) for i in ids) + "]"
