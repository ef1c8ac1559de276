"""The inbox (SPEC §2): Markdown and text files written elsewhere — a phone's notes app in a
synced folder, a mail rule — filed into the journal.

A file may name its mentor in YAML front matter or on its first line (``mentor: ada``); its
lines of the log template's kinds (``todo:``, ``advice:``, ``ask:``, ``thanks:``) are filed as
such, and the rest becomes one note dated by the file's modification time. ``read`` turns a
file's text into a plan (pure); ``file`` stores the plans of a whole folder in the caller's
transaction and says which files could not be filed and why; the caller moves the filed ones to
``filed/`` once the transaction is committed, so a file is never moved without being filed.
"""

from __future__ import annotations

import os
import re
import sqlite3
from datetime import datetime
from pathlib import Path

from mentorlog.core import dates
from mentorlog.core.errors import MentorlogError
from mentorlog.core.record import Record, field

SUFFIXES = (".md", ".txt")
FILED = "filed"
_KIND = re.compile(r"(?i)^\s*(?:[-*]\s+)?(todo|advice|ask|thanks)\s*:(.*)$")
_MENTOR = re.compile(r"(?i)^\s*mentor\s*:\s*(.*?)\s*$")


class Plan(Record):
    """What one file holds: its mentor (as written), items by kind, and the note's text."""

    mentor: str | None = None
    todos: list[str] = field(default_factory=list)
    advice: list[str] = field(default_factory=list)
    asks: list[str] = field(default_factory=list)
    thanks: list[str] = field(default_factory=list)
    note: str = ""
    tags: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.todos or self.advice or self.asks or self.thanks or self.note.strip())


def read(text: str) -> Plan:
    """The plan of one file's text (front matter, or a first ``mentor:`` line, then the lines)."""
    plan = Plan()
    lines = text.replace("\r\n", "\n").split("\n")
    if lines and lines[0].strip() == "---":
        end = next((n for n, line in enumerate(lines[1:], 1) if line.strip() in ("---", "...")), None)
        if end is not None:
            for line in lines[1:end]:
                key, _, value = line.partition(":")
                key, value = key.strip().lower(), value.strip().strip("'\"")
                if key == "mentor" and value:
                    plan.mentor = value
                elif key == "tags" and value:
                    plan.tags = [t.strip().strip("'\"") for t in value.strip("[]").split(",") if t.strip()]
            lines = lines[end + 1 :]
    if plan.mentor is None:
        first = next((n for n, line in enumerate(lines) if line.strip()), None)
        if first is not None and (m := _MENTOR.match(lines[first])) and m.group(1):
            plan.mentor = m.group(1)
            lines = lines[first + 1 :]
    kept = []
    by_kind = {"todo": plan.todos, "advice": plan.advice, "ask": plan.asks, "thanks": plan.thanks}
    for line in lines:
        m = _KIND.match(line)
        if m and m.group(2).strip():
            by_kind[m.group(1).lower()].append(m.group(2).strip())
        else:
            kept.append(line)
    from mentorlog.core.template import trim

    plan.note = trim("\n".join(kept))
    return plan


class Outcome(Record):
    filed: list[Path] = field(default_factory=list)
    kept: list[tuple[Path, str]] = field(default_factory=list)  # (file, why it could not be filed)
    counts: dict[str, int] = field(default_factory=dict)  # noun → how many were filed


def waiting(folder: Path) -> list[Path]:
    """The files in the inbox folder not filed yet, oldest first (cheap: one directory read)."""
    try:
        entries = [e for e in os.scandir(folder) if e.is_file() and e.name.lower().endswith(SUFFIXES)]
    except OSError:
        return []
    entries = [e for e in entries if not e.name.startswith(".")]
    entries.sort(key=lambda e: (e.stat().st_mtime, e.name))
    return [Path(e.path) for e in entries]


def file(conn: sqlite3.Connection, folder: Path) -> Outcome:
    """File every waiting file of ``folder`` in the open write transaction."""
    from mentorlog.journal import mentors

    outcome = Outcome()
    for path in waiting(folder):
        try:
            raw = path.read_bytes()
        except OSError as e:
            outcome.kept.append((path, f"it cannot be read ({e.strerror or e})"))
            continue
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            line = raw[: e.start].count(b"\n") + 1
            outcome.kept.append((path, f"line {line} is not UTF-8 text"))
            continue
        plan = read(text)
        if plan.empty:
            outcome.kept.append((path, "it is empty"))
            continue
        at = datetime.fromtimestamp(path.stat().st_mtime).astimezone()
        conn.execute("SAVEPOINT inbox_file")
        try:
            mentor = mentors.resolve(conn, plan.mentor) if plan.mentor else None
            _store(conn, plan, mentor, at, outcome.counts)
        except MentorlogError as e:
            conn.execute("ROLLBACK TO inbox_file")
            conn.execute("RELEASE inbox_file")
            outcome.kept.append((path, str(e).rstrip(".")))
            continue
        conn.execute("RELEASE inbox_file")
        outcome.filed.append(path)
    return outcome


def _store(conn: sqlite3.Connection, plan: Plan, mentor, at: datetime, counts: dict[str, int]) -> None:
    from mentorlog.core.errors import UsageError
    from mentorlog.core.template import split_due
    from mentorlog.journal import advice, thanks, todos, topics

    needs = [
        kind
        for kind, items in (("advice", plan.advice), ("ask", plan.asks), ("thanks", plan.thanks))
        if items
    ]
    if needs and mentor is None:
        raise UsageError(f"it has {needs[0]}: lines and names no mentor (a first line mentor: HANDLE)")
    counted = counts.setdefault
    for raw in plan.todos:
        text, due = split_due(raw)
        day = dates.parse_when(due, future=True, option="due", ref=at).day if due else None
        todos.add(conn, text, mentor_id=mentor.id if mentor else None, due=day)
        counts["todo"] = counted("todo", 0) + 1
    for text in plan.advice:
        advice.add(conn, mentor.id, text, given_on=at.date())
        counts["advice"] = counted("advice", 0) + 1
    for text in plan.asks:
        topics.add(conn, mentor.id, text)
        counts["topic"] = counted("topic", 0) + 1
    for text in plan.thanks:
        thanks.add(conn, mentor.id, text, at.date())
        counts["thanks"] = counted("thanks", 0) + 1
    if plan.note.strip():
        from mentorlog.journal import notes

        notes.add(conn, mentor.id if mentor else None, plan.note, at, plan.tags)
        counts["note"] = counted("note", 0) + 1


def move_filed(folder: Path, files: list[Path]) -> list[tuple[Path, str]]:
    """Move filed files to ``folder/filed/`` (never over a file there); what could not be moved."""
    target = folder / FILED
    problems = []
    try:
        target.mkdir(mode=0o700, exist_ok=True)
    except OSError as e:
        return [(p, e.strerror or str(e)) for p in files]
    for path in files:
        dest = target / path.name
        n = 2
        while dest.exists():
            dest = target / f"{path.stem} ({n}){path.suffix}"
            n += 1
        try:
            os.rename(path, dest)
        except OSError as e:
            problems.append((path, e.strerror or str(e)))
    return problems
