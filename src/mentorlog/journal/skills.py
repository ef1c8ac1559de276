"""Skills: the capabilities a mentee is building, each with dated 1–5 self-ratings and the
evidence for them (SPEC §2 "Growth"). A skill may be linked to a mentor and to a goal; advice
links to a skill (``advice.skill_id``).

What a list shows of a skill — its first and latest rating and the change over the last 90
days — is derived in SQL per row fetched, through ``skill_ratings_by_skill``, so a list of
ten thousand skills reads a screenful of them.
"""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta

from mentorlog.core.errors import BadValue, UsageError
from mentorlog.journal.common import UNSET, fetch, insert, paged, remove, require_text, update
from mentorlog.journal.rows import Choice, Row, column

LOWEST, HIGHEST = 1, 5
# What each rating means (SPEC §2).
MEANING = {1: "new to it", 2: "learning", 3: "can do it with help", 4: "can do it alone", 5: "can teach it"}
CHANGE_DAYS = 90  # a list's "change" column: the movement over this many days
STALE_DAYS = 90  # a skill not rated for this long gets a nudge in review


class Status(Choice):
    ACTIVE = "active"
    DROPPED = "dropped"


class Rating(Row):
    id: int
    uuid: str
    skill_id: int = column(json=False)
    rating: int
    on: date = column("on_date")
    evidence: str | None


class Skill(Row):
    id: int
    uuid: str
    name: str
    mentor_id: int | None = column(json=False)
    mentor: str | None = column("mentor_handle")
    goal: int | None = column("goal_id")
    status: Status
    first_rating: int | None = column(json=False)
    first_on: date | None = column(json=False)
    latest_rating: int | None = column(json=False)
    latest_on: date | None = column(json=False)
    baseline: int | None = column(json=False)  # the rating CHANGE_DAYS ago (or the first)
    ratings: list[Rating] = column(json=False, default=None)

    @property
    def change(self) -> int | None:
        if self.latest_rating is None or self.baseline is None:
            return None
        return self.latest_rating - self.baseline

    def to_json(self) -> dict:
        data = super().to_json()
        data["first"] = {"rating": self.first_rating, "on": _iso(self.first_on)} if self.first_on else None
        data["latest"] = (
            {"rating": self.latest_rating, "on": _iso(self.latest_on)} if self.latest_on else None
        )
        data["change_90d"] = self.change
        if self.ratings is not None:
            data["ratings"] = [r.to_json() for r in self.ratings]
        return data


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _pick(column: str, order: str, extra: str = "") -> str:
    return (
        f"(SELECT r.{column} FROM skill_ratings r WHERE r.skill_id = s.id{extra}"
        f" ORDER BY r.on_date {order}, r.id {order} LIMIT 1)"
    )


_COLUMNS = f"""SELECT s.*, m.handle AS mentor_handle,
  {_pick("rating", "ASC")} AS first_rating, {_pick("on_date", "ASC")} AS first_on,
  {_pick("rating", "DESC")} AS latest_rating, {_pick("on_date", "DESC")} AS latest_on,
  coalesce({_pick("rating", "DESC", " AND r.on_date <= :before")}, {_pick("rating", "ASC")}) AS baseline"""
_FROM = "FROM skills s LEFT JOIN mentors m ON m.id = s.mentor_id"
_ORDER = " ORDER BY s.status != 'active', s.name COLLATE NOCASE, s.id"


def _args(today: date, **more) -> dict:
    return {"before": (today - timedelta(days=CHANGE_DAYS)).isoformat(), **more}


def check_rating(value: int) -> int:
    """A rating is a whole number from 1 to 5 (the CLI refuses anything else before this)."""
    if isinstance(value, bool) or not isinstance(value, int) or not LOWEST <= value <= HIGHEST:
        raise BadValue("rating", value, f"is not a whole number from {LOWEST} to {HIGHEST}")
    return value


def get(conn: sqlite3.Connection, skill_id: int, today: date, *, with_ratings: bool = False) -> Skill:
    row = conn.execute(f"{_COLUMNS} {_FROM} WHERE s.id = :id", _args(today, id=skill_id)).fetchone()
    if row is None:
        fetch(conn, "SELECT id FROM skills WHERE id = ?", skill_id, "skill")  # raises NotFound
    skill = Skill.from_row(row)
    if with_ratings:
        skill.ratings = ratings_of(conn, skill_id)
    return skill


def exists(conn: sqlite3.Connection, skill_id: int) -> None:
    fetch(conn, "SELECT id FROM skills WHERE id = ?", skill_id, "skill")


def ratings_of(conn: sqlite3.Connection, skill_id: int) -> list[Rating]:
    """Every rating of a skill, oldest first."""
    sql = "SELECT * FROM skill_ratings WHERE skill_id = ? ORDER BY on_date, id"
    return [Rating.from_row(r) for r in conn.execute(sql, (skill_id,))]


def add(
    conn: sqlite3.Connection,
    name: str,
    today: date,
    *,
    mentor_id: int | None = None,
    goal_id: int | None = None,
    rating: int | None = None,
    evidence: str | None = None,
) -> Skill:
    require_text(name, "skill")
    if goal_id is not None:
        fetch(conn, "SELECT id FROM goals WHERE id = ?", goal_id, "goal")
    if evidence is not None and rating is None:
        raise UsageError("Evidence goes with a rating.", hint="Give the rating too (1 to 5).")
    skill_id = insert(conn, "skills", {"name": name, "mentor_id": mentor_id, "goal_id": goal_id})
    if rating is not None:
        rate(conn, skill_id, rating, today, evidence=evidence)
    return get(conn, skill_id, today)


def rate(
    conn: sqlite3.Connection, skill_id: int, rating: int, on: date, *, evidence: str | None = None
) -> Rating:
    exists(conn, skill_id)
    check_rating(rating)
    values = {"skill_id": skill_id, "rating": rating, "on_date": on.isoformat(), "evidence": evidence or None}
    new_id = insert(conn, "skill_ratings", values)
    return Rating.from_row(fetch(conn, "SELECT * FROM skill_ratings WHERE id = ?", new_id, "skill rating"))


def list_skills(
    conn: sqlite3.Connection,
    today: date,
    *,
    mentor_id: int | None = None,
    include_dropped: bool = False,
    limit: int | None = None,
):
    """Active skills (``include_dropped``: all), by name; with ``limit`` a Page."""
    where, args = [], _args(today)
    if not include_dropped:
        where.append(f"s.status = '{Status.ACTIVE.value}'")
    if mentor_id is not None:
        where.append("s.mentor_id = :mentor")
        args["mentor"] = mentor_id
    # Active ones alone are read in order from skills_by_status, a screenful at a time.
    order = _ORDER if include_dropped else " ORDER BY s.name COLLATE NOCASE, s.id"
    rest = _FROM + (" WHERE " + " AND ".join(where) if where else "") + order
    return paged(conn, _COLUMNS, rest, args, Skill.from_row, limit)


def edit(
    conn: sqlite3.Connection,
    skill_id: int,
    today: date,
    *,
    name: str | None = None,
    mentor_id: object = UNSET,
    goal_id: object = UNSET,
) -> Skill:
    """Correct a skill; ``mentor_id`` or ``goal_id`` None unlinks it."""
    exists(conn, skill_id)
    values: dict = {}
    if name is not None:
        values["name"] = require_text(name, "skill")
    if mentor_id is not UNSET:
        values["mentor_id"] = mentor_id
    if goal_id is not UNSET:
        if goal_id is not None:
            fetch(conn, "SELECT id FROM goals WHERE id = ?", goal_id, "goal")
        values["goal_id"] = goal_id
    update(conn, "skills", skill_id, values)
    return get(conn, skill_id, today)


def set_status(conn: sqlite3.Connection, skill_id: int, status: Status, today: date) -> Skill:
    skill = get(conn, skill_id, today)
    if skill.status == status:
        raise UsageError(f"Skill {skill_id} is {skill.status} already.")
    update(conn, "skills", skill_id, {"status": Status(status).value})
    return get(conn, skill_id, today)


def delete(conn: sqlite3.Connection, skill_id: int, today: date) -> Skill:
    """Delete a skill and its ratings; advice linked to it stays, unlinked."""
    skill = get(conn, skill_id, today)
    conn.execute("DELETE FROM skill_ratings WHERE skill_id = ?", (skill_id,))
    remove(conn, "skills", skill_id)
    return skill


_OF_MENTOR = (
    " WHERE s.status = 'active' AND (s.mentor_id = :mentor"
    " OR s.goal_id IN (SELECT id FROM goals WHERE mentor_id = :mentor))"
)


# Active skills by name: the order the index on (status, name) gives, so a screenful of a
# mentor's skills is read in order, never sorted whole (SPEC §7).
_ACTIVE_ORDER = " ORDER BY s.name COLLATE NOCASE, s.id"


def of_mentor(conn: sqlite3.Connection, mentor_id: int, today: date, limit: int | None = None):
    """Active skills linked to the mentor or to one of their goals (what ``review`` shows),
    by name; with ``limit`` a Page."""
    return paged(
        conn,
        _COLUMNS,
        _FROM + _OF_MENTOR + _ACTIVE_ORDER,
        _args(today, mentor=mentor_id),
        Skill.from_row,
        limit,
    )


class Stale(Row):
    id: int
    name: str
    last_on: date | None  # the latest rating's day; None: never rated
    since: date  # the latest rating's day, else the day the skill was added


def stale(conn: sqlite3.Connection, mentor_id: int, today: date, limit: int = 3):
    """The mentor's skills (as ``of_mentor``) not rated for STALE_DAYS days or more (counted
    from when they were added, if never rated), by name (the index's order): a Page of ``limit``."""
    last = "(SELECT max(r.on_date) FROM skill_ratings r WHERE r.skill_id = s.id)"
    select = f"SELECT s.id, s.name, {last} AS last_on, coalesce({last}, substr(s.created_at, 1, 10)) AS since"
    cutoff = (today - timedelta(days=STALE_DAYS)).isoformat()
    rest = (
        f"FROM skills s{_OF_MENTOR} AND coalesce({last}, substr(s.created_at, 1, 10)) <= :cutoff"
        f"{_ACTIVE_ORDER}"
    )
    return paged(conn, select, rest, {"mentor": mentor_id, "cutoff": cutoff}, Stale.from_row, limit)


def rated_between(
    conn: sqlite3.Connection, first: date, last: date, mentor_id: int | None, limit: int | None = None
):
    """The skills rated from ``first`` to ``last`` (days, inclusive), each with those ratings
    oldest first, after the rating in effect before ``first`` when there was one (so a step
    line starts where the skill stood): for ``progress`` and ``report``. A Page of
    ``(skill, ratings)``; with ``limit``, that many of them and the count of all."""
    from mentorlog.journal.common import Page

    who, args = "", {"first": first.isoformat(), "last": last.isoformat()}
    if mentor_id is not None:
        who = " AND (s.mentor_id = :mentor OR s.goal_id IN (SELECT id FROM goals WHERE mentor_id = :mentor))"
        args["mentor"] = mentor_id
    rest = (
        f"{_FROM} WHERE s.id IN (SELECT skill_id FROM skill_ratings"
        f" WHERE on_date BETWEEN :first AND :last){who}" + _ORDER
    )
    found = paged(conn, _COLUMNS, rest, {**_args(last), **args}, Skill.from_row, limit)
    total = getattr(found, "total", None)
    out = []
    for skill in found:
        rows = conn.execute(
            "SELECT * FROM (SELECT * FROM skill_ratings WHERE skill_id = :id AND on_date < :first"
            " ORDER BY on_date DESC, id DESC LIMIT 1)"
            " UNION ALL SELECT * FROM (SELECT * FROM skill_ratings WHERE skill_id = :id"
            " AND on_date BETWEEN :first AND :last ORDER BY on_date, id)",
            {"id": skill.id, "first": first.isoformat(), "last": last.isoformat()},
        )
        out.append((skill, [Rating.from_row(r) for r in rows]))
    return Page(out, len(out) if total is None else total)
