"""Generate a realistic mentorlog journal for the benchmark (SPEC §7), at any scale.

    python bench/generate.py PATH [--scale 1] [--shape NAME] [--seed 7] [--check] [--force]

Scale 1 is ten years of mentoring: 500 meetings, 5,000 todos, 5,000 advice entries and their
applications, 100,000 lines of meeting notes, with topics, thanks, goals and reviews, over four
mentors (``ada`` among them). Scale 10 is a century, 0.01 a bit over a month: the period and
every count grow with the scale, so the pace of the mentoring stays the same. Every row is dated
on the day the thing happened (meetings on their day, todos and advice at the meeting they came
from, done or applied some days later), so views that look at a period see what a real journal
would show; ada has a cadence and a check-in in the next days, some open todos are overdue and
some advice is parked.

The journal is created through ``open_journal`` (so the migrations run and the file is marked
as mentorlog's) and filled with plain SQL in one transaction; its search index is then merged,
as the commits of years of use merge it (``_settle_search_index``). Column names come from the current
schema, but each table's columns are read at run time: a column a later migration adds is left
to its default, and one this script knows that has gone is left out. ``--check`` verifies the
result (integrity, foreign keys, dates spread over the period); CI runs it at ``--scale 0.002``.

``--shape`` gives the same journal the shape of SPEC §7's other journals (``SHAPES``): the
default is the journal above; each other shape rewrites it afterwards, at the same scale, so a
shape at 0.01 and at 1 differ only in size and the benchmark's growth figure means the same.
``long-history`` writes its history through the journal's own code (``history.begin`` and the
real triggers, ``todos.add``/``mark_done``/``edit``, and ``importer.merge`` for its import).
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import sys
import uuid
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

# Ten years of mentoring at scale 1 (SPEC §7).
YEARS = 10
MEETINGS, TODOS, ADVICE, NOTE_LINES = 500, 5_000, 5_000, 100_000

_VOCABULARY = """
    review design trade-off scope decision team platform latency migration roadmap feedback
    promotion hiring onboarding incident postmortem ownership mentoring writing clarity focus
    estimate deadline stakeholder manager director architecture refactor testing deploy release
    budget conflict negotiation presentation conference talk paper blog interview career growth
    leadership delegation meeting calendar priorities backlog sprint retro documentation api
    database cache queue service observability metrics alerting on-call burnout vacation health
    learning reading course book rust python typescript kubernetes cloud security privacy
    compliance customer product users research prototype experiment hypothesis data analysis
    café résumé naïve coffee walk garden weekend family habit journal notes question doubt
"""
WORDS = _VOCABULARY.split()
TAGS = ["career", "communication", "technical", "leadership", "habits", "writing", "health", "growth"]
OUTCOMES = ["worked"] * 10 + ["mixed"] * 5 + ["failed"] * 2 + ["unsure"] * 2 + [None]
KINDS = ["question"] * 6 + ["concern"] * 2 + ["feedback"] * 2 + ["win"]

# handle, name, kind, org, share of meetings, active from / until (fractions of the period)
MENTORS = [
    ("ada", "Ada Lovelace", "formal", "Analytical Engines", 3, 0.0, None),
    ("grace", "Grace Hopper", "informal", "Navy", 2, 0.2, None),
    ("barbara", "Barbara Liskov", "formal", "MIT", 2, 0.0, 0.7),
    ("margaret", "Margaret Hamilton", "informal", None, 1, 0.85, None),
]
HOURS = {"ada": 15, "grace": 10, "barbara": 16, "margaret": 12}


class SchemaMismatch(SystemExit):
    """The journal's schema needs a column this script cannot fill."""


def _utc(dt: datetime) -> datetime:
    return dt.astimezone(timezone.utc)


def instant(dt: datetime) -> str:
    """A moment as mentorlog stores it (UTC to the second, with offset): held_at, next_checkin."""
    return _utc(dt).replace(microsecond=0).isoformat()


def stamp(dt: datetime) -> str:
    """created_at / updated_at: UTC with microseconds."""
    return _utc(dt).isoformat(timespec="microseconds")


class Writer:
    """Inserts rows with the columns the table really has (read with PRAGMA table_info)."""

    def __init__(self, conn: sqlite3.Connection, rng: random.Random):
        self.conn, self.rng = conn, rng
        self.counts: dict[str, int] = {}

    def uuid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def insert(self, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
        """Insert ``rows`` (values for ``id``, ``uuid``, ``created_at``, ``updated_at`` then ``columns``)."""
        names = ("id", "uuid", "created_at", "updated_at", *columns)
        info = {r[1]: r for r in self.conn.execute(f"PRAGMA table_info({table})")}
        if not info:
            raise SchemaMismatch(
                f"generate.py: the journal has no table {table!r}; update bench/generate.py."
            )
        keep = [i for i, name in enumerate(names) if name in info]
        missing = [
            name
            for name, (_, _, _, notnull, default, pk) in info.items()
            if notnull and default is None and not pk and name not in names
        ]
        if missing:
            raise SchemaMismatch(
                f"generate.py: table {table!r} needs {', '.join(missing)} (NOT NULL, no default); "
                "teach bench/generate.py what to put there."
            )
        if len(keep) < len(names):
            rows = [tuple(row[i] for i in keep) for row in rows]
        kept = [names[i] for i in keep]
        marks = ", ".join("?" for _ in kept)
        self.conn.executemany(f"INSERT INTO {table} ({', '.join(kept)}) VALUES ({marks})", rows)
        self.counts[table] = self.counts.get(table, 0) + len(rows)


# The journals people keep (SPEC §7 "whatever the journal's shape"); what each one changes.
SHAPES = {
    "default": "the journal above: most todos done, advice tried, history empty",
    "neglected": "every todo left open (thousands overdue), no advice ever tried, nothing parked",
    "one-mentor": "ada holds every meeting, todo, piece of advice, topic and thanks",
    "fifty-mentors": "fifty active mentors, the meetings spread over them",
    "huge-notes": "a few meetings (ada's latest among them) with notes of about a megabyte each",
    "long-history": "1,000 ordinary write changes, then an import of 100,000 rows, all recorded",
    "many-topics": "a thousand open topics queued for the next check-ins",
}
HUGE_NOTE_BYTES = 1_000_000
HISTORY_WRITES, HISTORY_IMPORT_ROWS, OPEN_TOPICS = 1_000, 100_000, 1_000


def generate(
    path: Path, scale: float = 1.0, seed: int = 7, now: datetime | None = None, shape: str = "default"
) -> dict:
    """Write a journal at ``path`` (which must not exist) and return what is in it.

    The result has the row counts per table, the number of note lines, and ``ids``: ids the
    benchmark uses (ada's latest meeting, an advice with applications, an open todo and an
    untried advice, both of ada).
    """
    from mentorlog.journal.store.db import open_journal

    rng = random.Random(seed)
    now = (now or datetime.now()).astimezone().replace(microsecond=0)
    today = now.date()
    span = max(14, round(YEARS * 365 * scale))
    start = now - timedelta(days=span)

    def at(day: date, hour: int, minute: int = 0) -> datetime:
        """Local wall-clock time on ``day``, as an aware datetime."""
        return datetime(day.year, day.month, day.day, hour, minute).astimezone()

    def sentence(lo: int = 4, hi: int = 12) -> str:
        return " ".join(rng.choices(WORDS, k=rng.randint(lo, hi))).capitalize()

    with open_journal(path, write=True, create=True) as conn:
        w = Writer(conn, rng)
        # --- mentors -------------------------------------------------------------------------
        tuesday = today + timedelta(days=(1 - today.weekday()) % 7 or 7)  # ada's next check-in
        plans = {
            "ada": ("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", instant(at(tuesday, 15))),
            "grace": ("FREQ=MONTHLY;BYDAY=+1TH", instant(at(today - timedelta(days=3), 10))),  # overdue
            "barbara": ("FREQ=MONTHLY", None),
            "margaret": (None, None),
        }
        mentor_rows, periods, mentor_ids = [], [], {}
        for i, (handle, name, kind, org, weight, since, until) in enumerate(MENTORS, 1):
            began = start + timedelta(days=span * since)
            ended = (start + timedelta(days=span * until)).date() if until is not None else None
            created = began - timedelta(days=rng.randint(1, 6))
            cadence, nxt = plans[handle]
            mentor_rows.append((i, w.uuid(), stamp(created), stamp(created), handle, name, kind, org,
                                f"{handle}@example.org", cadence, nxt, ended and ended.isoformat(),
                                "Moved on to a new team." if ended else None))  # fmt: skip
            periods.append((i, handle, weight, began.date(), ended or today))
            mentor_ids[handle] = i
        w.insert(
            "mentors",
            ("handle", "name", "kind", "org", "contact", "cadence", "next_checkin", "ended_on", "end_note"),
            mentor_rows,
        )

        def mentor_on(day: date) -> tuple[int, str]:
            here = [(mid, h, wt) for mid, h, wt, a, b in periods if a <= day <= b]
            mid, handle, _ = rng.choices(here, weights=[wt for *_, wt in here])[0]
            return mid, handle

        # --- goals ---------------------------------------------------------------------------
        n_goals = max(2, round(4 * YEARS * scale))
        goal_rows, goals_of = [], {}
        for gid in range(1, n_goals + 1):
            day = (start + timedelta(days=span * (gid - 1) / n_goals)).date()
            if gid > n_goals - 2:  # the latest two: ada's, active
                mid, day = mentor_ids["ada"], today - timedelta(days=rng.randint(20, 60))
            else:
                mid = mentor_on(day)[0] if rng.random() < 0.8 else None
            by = day + timedelta(days=rng.randint(90, 365))
            created = at(day, 20, rng.randint(0, 59))
            status, closed, updated = "active", None, created
            if by < today - timedelta(days=30) and gid <= n_goals - 2:
                status = "achieved" if rng.random() < 0.7 else "dropped"
                closed = by + timedelta(days=rng.randint(-40, 20))
                updated = at(min(closed, today), 21)
                closed = min(closed, today).isoformat()
            goal_rows.append((gid, w.uuid(), stamp(created), stamp(updated), sentence(4, 8), mid,
                              by.isoformat(), status, closed))  # fmt: skip
            goals_of.setdefault(mid, []).append((gid, day, by))
        w.insert("goals", ("text", "mentor_id", "by_date", "status", "closed_on"), goal_rows)

        # --- meetings, with their notes ------------------------------------------------------
        n_meetings = max(3, round(MEETINGS * scale))
        n_lines = max(n_meetings, round(NOTE_LINES * scale))
        shares = [rng.uniform(0.3, 1.7) for _ in range(n_meetings)]
        lines = [max(1, int(n_lines * s / sum(shares))) for s in shares]
        lines[-1] += n_lines - sum(lines)
        meetings = []  # (id, mentor_id, handle, held datetime)
        meeting_rows = []
        step = (span - 1) / n_meetings
        for k in range(n_meetings):
            day = (start + timedelta(days=1 + step * k + rng.uniform(0, step * 0.8))).date()
            day = min(day, today - timedelta(days=1))
            mid, handle = mentor_on(day)
            late = rng.random() < 0.08
            held = at(day, HOURS[handle], rng.choice([0, 0, 15, 30]) + (10 if late else 0))
            notes = []
            for _ in range(max(1, lines[k])):
                r = rng.random()
                if r < 0.06:
                    notes.append("## " + sentence(2, 4))
                elif r < 0.45:
                    notes.append("- " + sentence())
                else:
                    notes.append(sentence(6, 16) + ".")
            typed = held + timedelta(minutes=rng.randint(50, 240))
            meeting_rows.append((k + 1, w.uuid(), stamp(typed), stamp(typed), mid, instant(held),
                                 rng.choice([30, 45, 45, 60, 60, 90, None]), "\n".join(notes), int(late),
                                 int(rng.random() < 0.05)))  # fmt: skip
            meetings.append((k + 1, mid, handle, held))
        w.insert(
            "meetings", ("mentor_id", "held_at", "minutes", "notes", "late", "rescheduled"), meeting_rows
        )

        # Reviews before most meetings, so "prepared" has something to find.
        review_rows = []
        for _, mentor_id, _, held in meetings:
            if rng.random() < 0.6:
                when = held - timedelta(hours=rng.randint(1, 60))
                review_rows.append((len(review_rows) + 1, w.uuid(), stamp(when), stamp(when), mentor_id,
                                    instant(when)))  # fmt: skip
        w.insert("reviews", ("mentor_id", "at"), review_rows)

        def source(i: int, n: int) -> tuple[int | None, int | None, datetime]:
            """Where item ``i`` of ``n`` came from: (meeting id, mentor id, moment typed in).

            Most come out of a meeting (typed in just after it); the rest are added between
            check-ins. Items are spread over the meetings in order, so dates follow ids."""
            k = min(n_meetings - 1, int(i * n_meetings / n))
            meeting_id, mentor_id, _, held = meetings[k]
            if rng.random() < 0.85:
                return meeting_id, mentor_id, held + timedelta(minutes=rng.randint(60, 240))
            later = held + timedelta(days=rng.uniform(0.5, max(1.0, step)))
            later = min(later, now - timedelta(hours=1))
            return None, (mentor_id if rng.random() < 0.7 else None), later

        # --- todos ---------------------------------------------------------------------------
        n_todos = max(1, round(TODOS * scale))
        todo_rows = []
        open_ids = []
        for i in range(n_todos):
            meeting_id, mentor_id, created = source(i, n_todos)
            day = created.date()
            due = day + timedelta(days=rng.randint(3, 30)) if rng.random() < 0.8 else None
            age = (today - day).days
            r = rng.random()
            status = "open" if r < (0.5 if age < 45 else 0.003) else ("done" if r < 0.9 else "dropped")
            done_on, updated, note = None, created, None
            if status != "open":
                finished = day + timedelta(days=rng.randint(0, max(1, (due - day).days + 7 if due else 20)))
                finished = min(finished, today)
                done_on = finished.isoformat()
                updated = max(created, at(finished, 19, rng.randint(0, 59)))
                updated = min(updated, now)
                if rng.random() < 0.1:
                    note = sentence(3, 8)
            goal = None
            if rng.random() < 0.2:
                candidates = [g for g, a, b in goals_of.get(mentor_id, []) if a <= day <= b]
                goal = candidates[0] if candidates else None
            todo_rows.append((i + 1, w.uuid(), stamp(created), stamp(updated), sentence(3, 9), mentor_id,
                              meeting_id, goal, due and due.isoformat(), status, done_on, note))  # fmt: skip
            if status == "open" and mentor_id == mentor_ids["ada"]:
                open_ids.append(i + 1)
        # Small journals still get what the views look for: an overdue todo, and an open one of
        # ada's for the benchmark to tick off (columns: 5 mentor, 8 due, 9 status, 10 done_on).
        if not any(r[9] == "open" and r[8] and r[8] < today.isoformat() for r in todo_rows):
            todo_rows[0] = (*todo_rows[0][:8], (today - timedelta(days=1)).isoformat(), "open", None, None)
        if not open_ids:
            todo_rows[-1] = (*todo_rows[-1][:5], mentor_ids["ada"], *todo_rows[-1][6:9], "open", None, None)
            open_ids.append(n_todos)
        w.insert(
            "todos",
            ("text", "mentor_id", "meeting_id", "goal_id", "due", "status", "done_on", "note"),
            todo_rows,
        )

        # --- advice and its applications -----------------------------------------------------
        n_advice = max(1, round(ADVICE * scale))
        advice_rows, applications = [], []
        ada_advice, parked_ids = [], set()
        for i in range(n_advice):
            meeting_id, mentor_id, created = source(i, n_advice)
            if mentor_id is None:  # advice always comes from a mentor
                mentor_id = meetings[min(n_meetings - 1, int(i * n_meetings / n_advice))][1]
            given = created.date()
            age = (today - given).days
            tags = json.dumps(sorted(set(rng.sample(TAGS, rng.choice([0, 1, 1, 2])))))
            parked, park_note, updated = None, None, created
            uses = 0
            if rng.random() < (0.75 if age > 45 else 0.35):
                uses = rng.choice([1, 1, 1, 2, 2, 3])
            on = given
            for _ in range(uses):
                on = on + timedelta(days=rng.randint(2, 40))
                if on > today:
                    break
                moment = min(at(on, 18, rng.randint(0, 59)), now)
                applications.append((i + 1, moment, on))
            # Parked advice that came back long ago was unparked and dealt with (parked_until
            # cleared); what stays parked is recent, plus the odd piece forgotten for good.
            if not uses and rng.random() < (0.3 if age < 150 else 0.01):
                parked_on = given + timedelta(days=rng.randint(1, 10))
                if parked_on <= today:
                    parked = (parked_on + timedelta(days=rng.choice([30, 30, 60, 90]))).isoformat()
                    park_note = "Not the right moment." if rng.random() < 0.5 else None
                    updated = max(created, min(at(parked_on, 21), now))
            text = sentence(5, 14) + "."
            advice_rows.append((i + 1, w.uuid(), stamp(created), stamp(updated), text, mentor_id, meeting_id,
                                tags, given.isoformat(), parked, park_note))  # fmt: skip
            if mentor_id == mentor_ids["ada"]:
                ada_advice.append(i + 1)
            if parked:
                parked_ids.add(i + 1)
        if not parked_ids:  # parked advice, at any scale (columns: 9 parked_until, 10 park_note)
            tried = {a[0] for a in applications}
            k = next((r[0] for r in advice_rows if r[0] not in tried), advice_rows[0][0]) - 1
            advice_rows[k] = (*advice_rows[k][:9], (today + timedelta(days=20)).isoformat(), "Later.")
            parked_ids.add(k + 1)
        w.insert(
            "advice",
            ("text", "mentor_id", "meeting_id", "tags", "given_on", "parked_until", "park_note"),
            advice_rows,
        )
        applications.sort(key=lambda a: a[1])
        application_rows = [
            (k + 1, w.uuid(), stamp(moment), stamp(moment), advice_id, on.isoformat(), sentence(4, 12),
             rng.choice(OUTCOMES), sentence(5, 15) + "." if rng.random() < 0.4 else None)
            for k, (advice_id, moment, on) in enumerate(applications)
        ]  # fmt: skip
        w.insert("applications", ("advice_id", "on_date", "what", "outcome", "reflection"), application_rows)
        uses_of: dict[int, int] = {}
        for advice_id, _, _ in applications:
            uses_of[advice_id] = uses_of.get(advice_id, 0) + 1

        # --- topics (raised at meetings; a few open for the next check-ins) and thanks -------
        topic_rows, thanks_rows = [], []
        for meeting_id, mentor_id, handle, held in meetings:
            for _ in range(rng.choice([0, 1, 2, 2, 3])):
                created = held - timedelta(days=rng.uniform(0.5, 12))
                dropped = rng.random() < 0.05
                topic_rows.append([w.uuid(), created, held, mentor_id, sentence(4, 12) + "?",
                                   rng.choice(KINDS), "dropped" if dropped else "raised",
                                   None if dropped else meeting_id])  # fmt: skip
            recent = (today - held.date()).days < 120
            if rng.random() < 0.4 and not (handle == "margaret" and recent):  # margaret: a thanks nudge
                on = held + timedelta(hours=rng.choice([1, 3, 20]))
                thanks_rows.append([w.uuid(), on, on, mentor_id, "Thanks for " + sentence(3, 8).lower(),
                                    on.date().isoformat(),
                                    meeting_id if rng.random() < 0.5 else None])  # fmt: skip
        for handle, n_open in (("ada", 4), ("grace", 2), ("margaret", 1)):
            for _ in range(n_open):
                created = now - timedelta(days=rng.uniform(0.5, 14))
                topic_rows.append([w.uuid(), created, created, mentor_ids[handle], sentence(4, 12) + "?",
                                   rng.choice(KINDS), "open", None])  # fmt: skip
        recent = [r for r in thanks_rows if r[3] == mentor_ids["ada"] and (now - r[1]).days <= 30]
        if not recent:  # ada is thanked regularly, so small journals have a thanks too
            on = now - timedelta(days=5)
            thanks_rows.append([w.uuid(), on, on, mentor_ids["ada"], "Thanks for the intro.",
                                on.date().isoformat(), None])  # fmt: skip
        for rows in (topic_rows, thanks_rows):
            rows.sort(key=lambda r: r[1])
        w.insert(
            "topics",
            ("mentor_id", "text", "kind", "status", "raised_in"),
            [(k + 1, r[0], stamp(r[1]), stamp(r[2]), *r[3:]) for k, r in enumerate(topic_rows)],
        )
        w.insert(
            "thanks",
            ("mentor_id", "text", "on_date", "meeting_id"),
            [(k + 1, r[0], stamp(r[1]), stamp(r[2]), *r[3:]) for k, r in enumerate(thanks_rows)],
        )

        ada_meetings = [m[0] for m in meetings if m[1] == mentor_ids["ada"]]
        ids = {
            "meeting": ada_meetings[-1] if ada_meetings else meetings[-1][0],
            # the most applied of ada's advice, and the latest she gave that was never tried
            "advice": max(ada_advice or [1], key=lambda a: (uses_of.get(a, 0), a)),
            "open_todo": open_ids[-1],
            "untried_advice": max(
                [a for a in ada_advice if a not in uses_of and a not in parked_ids] or [n_advice]
            ),
        }
        extra = {}
        if shape != "default":
            extra = RESHAPE[shape](Reshape(conn, w, rng, scale, now, ids))
            for table in w.counts:
                w.counts[table] = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        problems = conn.execute("PRAGMA foreign_key_check").fetchall()
        if problems:
            raise SystemExit(f"generate.py: broken references in the generated journal: {problems[:5]}")
    _settle_search_index(path)
    if shape != "default":
        n_lines = _note_lines(path)
    return {**w.counts, "note_lines": n_lines, "days": span, "shape": shape, **extra, "ids": ids}


def _settle_search_index(path: Path) -> None:
    """Merge the search index, whose merges a user's years of commands have paid for.

    Every command a user runs commits its own few rows, and FTS5 merges the small segments a
    little at each commit (its ``automerge``), so a journal that grew for ten years has an
    index of a few segments whose merges are paid for. Filled in one transaction, the index is left in the
    segments FTS5 wrote as its memory filled, and the first write to the journal paid for the
    merges of all ten years: 8–13 ms, in every run of the benchmark's writes, which copy a fresh
    journal each time (a grown journal's write takes 0.1 ms there). ``optimize`` (what ``history
    --clear`` runs) leaves one segment per index: a little tidier than a grown journal's, which
    may make ``search`` a little quicker here than there."""
    from mentorlog.journal.store.db import open_journal
    from mentorlog.journal.store.searchindex import optimize

    with open_journal(path, write=True) as conn:
        optimize(conn)


def _note_lines(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        sql = "SELECT sum(length(notes) - length(replace(notes, char(10), '')) + 1) FROM meetings"
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


# --- shapes ----------------------------------------------------------------------------------


class Reshape:
    """What a shape works on: the open transaction, the writer, the clock and the bench's ids
    (which a shape updates when it changes what they point at)."""

    def __init__(self, conn, w: Writer, rng: random.Random, scale: float, now: datetime, ids: dict):
        self.conn, self.w, self.rng, self.scale, self.now, self.ids = conn, w, rng, scale, now, ids

    def count(self, n: int, least: int = 1) -> int:
        return max(least, round(n * self.scale))

    def one(self, sql: str, *args):
        row = self.conn.execute(sql, args).fetchone()
        return row[0] if row else None


def _neglected(r: Reshape) -> dict:
    """Nothing ticked, nothing tried: every todo open (those with a due day are overdue), no
    applications, no advice parked."""
    r.conn.execute("UPDATE todos SET status = 'open', done_on = NULL, note = NULL")
    r.conn.execute("DELETE FROM applications")
    r.conn.execute("UPDATE advice SET parked_until = NULL, park_note = NULL")
    r.ids["advice"] = r.ids["untried_advice"] = r.one("SELECT max(id) FROM advice WHERE mentor_id = 1")
    r.ids["open_todo"] = r.one("SELECT max(id) FROM todos WHERE mentor_id = 1")
    today = r.now.date().isoformat()
    return {"open_overdue": r.one("SELECT count(*) FROM todos WHERE status = 'open' AND due < ?", today)}


def _one_mentor(r: Reshape) -> dict:
    """Everything is ada's (mentor 1); the others are gone."""
    for table in ("meetings", "todos", "advice", "topics", "thanks", "goals", "reviews"):
        r.conn.execute(f"UPDATE {table} SET mentor_id = 1 WHERE mentor_id IS NOT NULL")
    r.conn.execute("DELETE FROM mentors WHERE id != 1")
    r.ids["meeting"] = r.one("SELECT max(id) FROM meetings")
    return {}


def _fifty_mentors(r: Reshape) -> dict:
    """Forty-six more active mentors; the meetings that were not ada's are dealt over all fifty
    but ada, and what came out of a meeting follows it."""
    first = r.one("SELECT max(id) FROM mentors") + 1
    created = stamp(r.now - timedelta(days=r.count(3650, 14)))
    rows = [(i, r.w.uuid(), created, created, f"mentor{i:02d}", f"Mentor Number {i}", "informal", None,
             None, "FREQ=MONTHLY", None, None, None) for i in range(first, 51)]  # fmt: skip
    r.w.insert(
        "mentors",
        ("handle", "name", "kind", "org", "contact", "cadence", "next_checkin", "ended_on", "end_note"),
        rows,
    )
    r.conn.execute("UPDATE mentors SET ended_on = NULL, end_note = NULL")
    r.conn.execute("UPDATE meetings SET mentor_id = 2 + (id * 7) % 49 WHERE mentor_id != 1")
    for table, link in (("todos", "meeting_id"), ("advice", "meeting_id"), ("thanks", "meeting_id"),
                        ("topics", "raised_in")):  # fmt: skip
        r.conn.execute(
            f"UPDATE {table} SET mentor_id = (SELECT m.mentor_id FROM meetings m WHERE m.id = {link}) "
            f"WHERE {link} IS NOT NULL AND mentor_id != 1"
        )
    return {}


def _huge_notes(r: Reshape) -> dict:
    """A few meetings (ada's latest, the one ``meeting show`` opens, among them) whose notes are
    about a megabyte each: paragraphs of words with the odd heading and list item."""
    n = max(1, round(5 * min(1.0, r.scale * 10)))
    chosen = [r.ids["meeting"]] + [
        row[0]
        for row in r.conn.execute(
            "SELECT id FROM meetings WHERE id != ? ORDER BY id DESC LIMIT ?", (r.ids["meeting"], n - 1)
        )
    ]
    for meeting_id in chosen:
        parts, size = [], 0
        while size < HUGE_NOTE_BYTES:
            roll = r.rng.random()
            words = " ".join(r.rng.choices(WORDS, k=r.rng.randint(8, 40))).capitalize()
            line = "## " + words[:40] if roll < 0.03 else ("- " + words if roll < 0.3 else words + ".")
            parts.append(line)
            size += len(line.encode()) + 1
        r.conn.execute("UPDATE meetings SET notes = ? WHERE id = ?", ("\n".join(parts), meeting_id))
    return {"huge_notes": len(chosen)}


def _long_history(r: Reshape) -> dict:
    """A history of ~100,000 change rows written by the journal's own code: 1,000 ordinary write
    changes (todos added, ticked, edited; each its own change through ``history.begin``/``finish``
    and the real triggers), then one change importing 100,000 old done todos with
    ``importer.merge``, the newest change (the one ``undo`` reverts)."""
    from mentorlog.journal import todos
    from mentorlog.journal.store import history, importer

    today = r.now.date()
    added: list[int] = []
    for k in range(r.count(HISTORY_WRITES, 10)):
        roll = r.rng.random()
        if roll < 0.5 or not added:
            change = history.begin(r.conn, f'todo add "History {k}" --mentor ada')
            due = today + timedelta(days=r.rng.randint(1, 30))
            added.append(todos.add(r.conn, f"History {k}", mentor_id=1, due=due).id)
        elif roll < 0.8:
            todo_id = added.pop(r.rng.randrange(len(added)))
            change = history.begin(r.conn, f"todo done {todo_id}")
            todos.mark_done(r.conn, todo_id, today)
        else:
            todo_id = r.rng.choice(added)
            change = history.begin(r.conn, f'todo edit {todo_id} --text "History {k}, again"')
            todos.edit(r.conn, todo_id, text=f"History {k}, again")
        history.finish(r.conn, change)
    n = r.count(HISTORY_IMPORT_ROWS, 100)
    ada = r.one("SELECT uuid FROM mentors WHERE id = 1")
    first = today - timedelta(days=r.count(3650, 14))

    def old_todos():
        for i in range(n):
            day = first + timedelta(days=i * (today - first).days // n)
            moment = stamp(datetime(day.year, day.month, day.day, 9).astimezone())
            yield {"uuid": r.w.uuid(), "created_at": moment, "updated_at": moment, "mentor": ada,
                   "text": " ".join(r.rng.choices(WORDS, k=r.rng.randint(3, 9))).capitalize(),
                   "status": "done", "due": None, "done_on": day.isoformat()}  # fmt: skip

    change = history.begin(r.conn, "import old-journal.json")
    importer.merge(r.conn, lambda name: old_todos() if name == "todos" else (), ["todos"])
    history.finish(r.conn, change)
    rows, image_bytes = r.conn.execute(
        "SELECT count(*), sum(length(after)) FROM change_rows WHERE change_id = ?", (change,)
    ).fetchone()
    row_bytes = r.one(
        "SELECT sum(length(uuid) + length(created_at) + length(updated_at) + length(text) + "
        "length(status) + length(done_on) + 8) FROM todos WHERE id IN "
        "(SELECT row_id FROM change_rows WHERE change_id = ?)",
        change,
    )
    return {
        "changes": r.one("SELECT count(*) FROM changes"),
        "change_rows": r.one("SELECT count(*) FROM change_rows"),
        "import": {"rows": rows, "after_image_bytes": image_bytes, "row_bytes": row_bytes},
    }


def _many_topics(r: Reshape) -> dict:
    """A thousand open topics queued over the active mentors, most for ada."""
    n = r.count(OPEN_TOPICS, 10)
    start = r.one("SELECT max(id) FROM topics") or 0
    active = [row[0] for row in r.conn.execute("SELECT id FROM mentors WHERE ended_on IS NULL")]
    rows = []
    for k in range(n):
        created = r.now - timedelta(days=r.rng.uniform(0.5, 60))
        mentor = 1 if r.rng.random() < 0.6 else r.rng.choice(active)
        text = " ".join(r.rng.choices(WORDS, k=r.rng.randint(4, 12))).capitalize() + "?"
        rows.append((start + k + 1, r.w.uuid(), stamp(created), stamp(created), mentor, text,
                     r.rng.choice(KINDS), "open", None))  # fmt: skip
    r.w.insert("topics", ("mentor_id", "text", "kind", "status", "raised_in"), rows)
    return {"open_topics": r.one("SELECT count(*) FROM topics WHERE status = 'open'")}


RESHAPE = {
    "neglected": _neglected,
    "one-mentor": _one_mentor,
    "fifty-mentors": _fifty_mentors,
    "huge-notes": _huge_notes,
    "long-history": _long_history,
    "many-topics": _many_topics,
}


NOT_TABLES = {"note_lines", "days", "open_overdue", "huge_notes", "changes", "change_rows", "open_topics"}


def check(path: Path, summary: dict) -> list[str]:
    """What is wrong with the generated journal at ``path`` (an empty list when nothing)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    problems = []
    try:
        if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            problems.append("integrity_check failed")
        if conn.execute("PRAGMA foreign_key_check").fetchall():
            problems.append("foreign_key_check found broken references")
        for table, n in summary.items():
            if isinstance(n, int) and table not in NOT_TABLES:
                got = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                if got != n:
                    problems.append(f"{table}: {got} rows, expected {n}")
        first, last = conn.execute("SELECT min(created_at), max(created_at) FROM todos").fetchone()
        spread = (datetime.fromisoformat(last) - datetime.fromisoformat(first)).days
        if spread < summary["days"] * 0.5:
            problems.append(f"todos span {spread} days of {summary['days']}: dates are not spread")
        checks = {
            "ada has a next check-in": "SELECT next_checkin FROM mentors WHERE handle = 'ada'",
            "an open todo is overdue": "SELECT 1 FROM todos WHERE status = 'open' AND due < date('now')",
            "some advice is parked": "SELECT 1 FROM advice WHERE parked_until IS NOT NULL",
            "a meeting has notes": "SELECT 1 FROM meetings WHERE notes != ''",
        }
        if summary.get("shape") == "neglected":  # nothing is parked in a journal nobody tends
            del checks["some advice is parked"]
        for what, sql in checks.items():
            row = conn.execute(sql).fetchone()
            if not row or row[0] is None:
                problems.append(f"expected: {what}")
        lines = conn.execute(
            "SELECT sum(length(notes) - length(replace(notes, char(10), '')) + 1) FROM meetings"
        )
        if lines.fetchone()[0] != summary["note_lines"]:
            problems.append("note lines do not add up")
    finally:
        conn.close()
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path, help="the journal file to create")
    parser.add_argument("--scale", type=float, default=1.0, help="1 = ten years (default), 10 = a century")
    parser.add_argument(
        "--shape",
        choices=sorted(SHAPES),
        default="default",
        help="the kind of journal (SPEC §7); default: default",
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--check", action="store_true", help="verify the journal after writing it")
    parser.add_argument("--force", action="store_true", help="replace PATH if it exists")
    args = parser.parse_args()
    if args.scale <= 0:
        parser.error("--scale must be above 0")
    if args.path.exists() or Path(f"{args.path}-wal").exists():
        if not args.force:
            parser.error(f"{args.path} exists; pass --force to replace it")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{args.path}{suffix}").unlink(missing_ok=True)
    summary = generate(args.path, args.scale, args.seed, shape=args.shape)
    print(json.dumps(summary))
    if args.check:
        problems = check(args.path, summary)
        for problem in problems:
            print(f"check: {problem}", file=sys.stderr)
        if problems:
            return 1
        print("check: ok")
    return 0


if __name__ == "__main__":
    # Run from a checkout: use its code, as the benchmark does.
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    raise SystemExit(main())
