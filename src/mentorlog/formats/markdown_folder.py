"""Reading a folder of Markdown files (an Obsidian vault, an nb notebook): one entry per file.

``read_note`` is pure (a file's bytes, its name and modification time in, a ``foreign.Entry``
out); ``read`` walks a folder for ``*.md`` and ``*.markdown`` files, in name order, leaving out
hidden files and folders (``.obsidian``, ``.git``, ``.trash``).

A file is dated by its front matter's ``date:`` (a day, or a day and time, with ``time:``
beside it as mentorlog's own notes folder writes), else by a ``YYYY-MM-DD`` in its name, else by
its modification time; a day without a time is 12:00, as a ``--on`` day is. ``mentor:`` names
its mentor (a handle or a name), ``tags:`` its tags (a list, or words separated by commas).
Nothing else is lost: the front matter's other fields stay at the top of the note as a front
matter block, and the file's name, when it says more than its date, becomes the note's heading
unless the text starts with one. Front matter is read as the simple YAML note apps write
(``key: value``, quoted strings, ``[a, b]`` and ``- item`` lists); anything else is kept as
text, and a file whose front matter is not closed is refused.
"""

from __future__ import annotations

import json
import os
import re
from datetime import date, datetime, time
from pathlib import Path

from mentorlog.core import dates
from mentorlog.core.errors import MentorlogError
from mentorlog.journal.store.foreign import Entry, ForeignProblem

SUFFIXES = (".md", ".markdown")
_DAY_IN_NAME = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:(?:\s+(.*?))?\s*$")
_KNOWN = ("date", "time", "mentor", "tags")
NOON = time(12, 0)


def _refuse(where: str, what: str) -> ForeignProblem:
    return ForeignProblem(f"{where}: {what}; nothing was imported.")


def _scalar(text: str):
    """A YAML scalar as note apps write it: quoted, a ``[a, b]`` list, or plain."""
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] == '"':
        try:
            return json.loads(text)
        except json.JSONDecodeError:
            return text[1:-1]
    if len(text) >= 2 and text[0] == text[-1] == "'":
        return text[1:-1].replace("''", "'")
    if text.startswith("[") and text.endswith("]"):
        inner = text[1:-1].strip()
        return [_scalar(part) for part in inner.split(",")] if inner else []
    if " #" in text:  # a comment after the value
        text = text.split(" #", 1)[0].rstrip()
    return text


def _front_matter(lines: list[str], where: str) -> tuple[dict, list[str], int]:
    """The known fields, the other lines as written, and where the body starts."""
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        raise _refuse(where, "its front matter (from the first line, ---) is never closed with ---")
    known: dict = {}
    other: list[str] = []
    i = 1
    while i < end:
        line = lines[i]
        m = _KEY.match(line)
        if m is None or m.group(1).lower() not in _KNOWN:
            other.append(line)
            i += 1
            continue
        key, value = m.group(1).lower(), m.group(2)
        items: list[str] = []
        while i + 1 < end and re.match(r"^\s*-\s", lines[i + 1] + " ") and value is None:
            items.append(lines[i + 1].strip()[1:].strip())
            i += 1
        if value is None:
            known[key] = [_scalar(v) for v in items] if items else None
        else:
            known[key] = _scalar(value)
        i += 1
    return known, other, end + 1


def _tags(value, where: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [t for t in re.split(r"[,\s]+", value) if t]
    if not isinstance(value, list):
        raise _refuse(where, "its tags are not a list")
    return sorted({str(t).strip().lstrip("#").strip().lower() for t in value} - {""})


def _when(known: dict, where: str) -> datetime | None:
    raw = known.get("date")
    if raw in (None, ""):
        return None
    if not isinstance(raw, str):
        raise _refuse(where, f"its date {raw!r} is not a day (YYYY-MM-DD)")
    try:
        if len(raw) == 10:
            at = datetime.combine(date.fromisoformat(raw), NOON)
            clock = known.get("time")
            if isinstance(clock, str) and clock:
                at = datetime.combine(at.date(), time.fromisoformat(clock))
        else:
            at = datetime.fromisoformat(raw)
    except ValueError:
        raise _refuse(
            where, f"its date {raw!r} is not a day (YYYY-MM-DD) or a time (YYYY-MM-DD HH:MM)"
        ) from None
    return at if at.tzinfo is not None else _local(at, where)


def _local(at: datetime, where: str) -> datetime:
    try:
        return dates.local(at)
    except MentorlogError:
        raise _refuse(where, f"its date {at:%Y-%m-%d} is out of range") from None


def _day_in_name(stem: str, where: str) -> tuple[datetime | None, str]:
    """The ``YYYY-MM-DD`` in a file's name (at 12:00), and what the name says besides."""
    m = _DAY_IN_NAME.search(stem)
    if m is None:
        return None, stem.strip()
    try:
        day = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        raise _refuse(where, f"its name holds {m.group(0)}, which is not a day") from None
    rest = (stem[: m.start()] + " " + stem[m.end() :]).strip(" -_.")
    return _local(datetime.combine(day, NOON), where), " ".join(rest.split())


def read_note(data: bytes, where: str, mtime: float) -> Entry | None:
    """One Markdown file as an entry; None when it holds no text at all."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise _refuse(where, f"it is not UTF-8 text (byte {e.start})") from None
    text = text.replace("\r\n", "\n")
    lines = text.split("\n")
    known: dict = {}
    other: list[str] = []
    body = text
    if lines and lines[0].rstrip() == "---":
        known, other, start = _front_matter(lines, where)
        body = "\n".join(lines[start:])
    body = body.strip("\n").rstrip()
    stem = Path(where).stem
    named_day, title = _day_in_name(stem, where)
    at = _when(known, where) or named_day
    if at is None:
        try:
            at = datetime.fromtimestamp(mtime).astimezone()
        except (OverflowError, ValueError, OSError):
            raise _refuse(where, "it has no date and its modification time is out of range") from None
    if not body.strip() and not other and not known.get("tags"):
        return None
    if title and not body.lstrip().startswith("#"):
        body = f"# {title}\n\n{body}" if body else f"# {title}"
    if other:
        body = "---\n" + "\n".join(other) + "\n---\n\n" + body
    if not body.strip():
        return None
    mentor = known.get("mentor")
    if mentor is not None and not isinstance(mentor, str):
        raise _refuse(where, "its mentor is not a name or a handle")
    tags = _tags(known.get("tags"), where)
    return Entry(where, at, body.rstrip(), tags, mentor=mentor or None)


def files(folder: Path) -> list[Path]:
    """The Markdown files under ``folder``, in name order, hidden ones left out."""
    found = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if not name.startswith(".") and name.lower().endswith(SUFFIXES):
                found.append(Path(root) / name)
    return sorted(found, key=lambda p: p.relative_to(folder).parts)


def read(folder: Path) -> tuple[list[Entry], int]:
    """Every file's entry, and how many files were skipped for holding no text."""
    entries, empty = [], 0
    for path in files(folder):
        where = str(path)
        try:
            data = path.read_bytes()
            mtime = path.stat().st_mtime
        except OSError as e:
            raise _refuse(where, f"it cannot be read ({e.strerror or e})") from None
        entry = read_note(data, where, mtime)
        if entry is None:
            empty += 1
        else:
            entries.append(entry)
    return entries, empty
