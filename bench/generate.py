"""Generate a ten-year mentorlog journal for the benchmark (SPEC §7).

    python bench/generate.py PATH [--scale 1.0]

Scale 1.0: 500 meetings, 5,000 todos, 5,000 advice entries with their applications and
100,000 lines of notes, over ten years and four mentors. ``--scale 0.01`` gives the
journal "a hundred times smaller" that the budgets compare against.
"""

from __future__ import annotations

import argparse
import random
import uuid
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

from mentorlog.journal.db import open_journal

WORDS = [
    "review",
    "design",
    "trade-off",
    "scope",
    "decision",
    "team",
    "platform",
    "latency",
    "migration",
    "roadmap",
    "feedback",
    "promotion",
    "hiring",
    "onboarding",
    "incident",
    "postmortem",
    "ownership",
    "mentoring",
    "writing",
    "clarity",
    "focus",
]


def _sentence(rng: random.Random, n: int = 9) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


COMMON = ("uuid", "created_at", "updated_at")


def insert_many(conn, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
    names = COMMON + columns
    marks = ", ".join("?" for _ in names)
    conn.executemany(f"INSERT INTO {table} ({', '.join(names)}) VALUES ({marks})", rows)


def generate(path: Path, scale: float = 1.0, seed: int = 7) -> dict[str, int]:
    rng = random.Random(seed)
    today = date.today()
    start = today - timedelta(days=3650)
    n_meetings, n_todos, n_advice = (
        max(5, int(500 * scale)),
        max(50, int(5000 * scale)),
        max(50, int(5000 * scale)),
    )
    lines_per_note = max(1, int(100_000 * scale) // n_meetings)
    stamp = datetime.now(timezone.utc).isoformat(timespec="microseconds")

    def common() -> tuple[str, str, str]:
        return (str(uuid.uuid4()), stamp, stamp)

    with open_journal(path, write=True, create=True) as conn:
        handles = ["ada", "grace", "barbara", "margaret"]
        for i, handle in enumerate(handles):
            nxt = datetime.combine(today + timedelta(days=2 + i), time(15)).astimezone(timezone.utc)
            insert_many(
                conn,
                "mentors",
                ("handle", "name", "kind", "cadence", "next_checkin"),
                [(*common(), handle, f"{handle.title()} Example", ("formal", "informal")[i % 2],
                  "FREQ=WEEKLY;INTERVAL=2", nxt.isoformat())],
            )  # fmt: skip
        meeting_rows = []
        for i in range(n_meetings):
            day = start + timedelta(days=int(i * 3650 / n_meetings))
            held = datetime.combine(day, time(15)).astimezone(timezone.utc).isoformat()
            notes = "\n".join(_sentence(rng) for _ in range(lines_per_note))
            meeting_rows.append((*common(), 1 + i % 4, held, 45, notes, int(rng.random() < 0.1), 0))
        insert_many(
            conn,
            "meetings",
            ("mentor_id", "held_at", "minutes", "notes", "late", "rescheduled"),
            meeting_rows,
        )
        todo_rows = []
        for i in range(n_todos):
            day = start + timedelta(days=int(i * 3650 / n_todos))
            status = "open" if i >= n_todos - 20 else rng.choice(["done", "done", "done", "dropped"])
            done_on = (day + timedelta(days=rng.randint(1, 20))).isoformat() if status != "open" else None
            todo_rows.append((*common(), _sentence(rng, 6), 1 + i % 4, 1 + i * n_meetings // n_todos,
                              (day + timedelta(days=14)).isoformat(), status, done_on))  # fmt: skip
        insert_many(conn, "todos", ("text", "mentor_id", "meeting_id", "due", "status", "done_on"), todo_rows)
        advice_rows, application_rows = [], []
        for i in range(n_advice):
            day = start + timedelta(days=int(i * 3650 / n_advice))
            advice_rows.append((*common(), _sentence(rng, 8), 1 + i % 4, 1 + i * n_meetings // n_advice,
                                '["growth"]', day.isoformat()))  # fmt: skip
            if i < n_advice - 30:
                for k in range(rng.choice([1, 1, 2])):
                    on = (day + timedelta(days=3 + 7 * k)).isoformat()
                    application_rows.append(
                        (*common(), i + 1, on, _sentence(rng, 7), rng.choice(["worked", "mixed"]))
                    )
        insert_many(conn, "advice", ("text", "mentor_id", "meeting_id", "tags", "given_on"), advice_rows)
        insert_many(conn, "applications", ("advice_id", "on_date", "what", "outcome"), application_rows)
        for i in range(max(10, int(300 * scale))):
            topic = (*common(), 1 + i % 4, _sentence(rng, 7), "open" if i % 30 == 0 else "raised")
            insert_many(conn, "topics", ("mentor_id", "text", "status"), [topic])
            day = (start + timedelta(days=i * 12)).isoformat()
            insert_many(
                conn,
                "thanks",
                ("mentor_id", "text", "on_date"),
                [(*common(), 1 + i % 4, _sentence(rng, 5), day)],
            )
    return {
        "meetings": n_meetings,
        "todos": n_todos,
        "advice": n_advice,
        "applications": len(application_rows),
        "note_lines": n_meetings * lines_per_note,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args()
    if args.path.exists():
        parser.error(f"{args.path} exists; the generator only writes a new journal")
    print(generate(args.path, args.scale))


if __name__ == "__main__":
    main()
