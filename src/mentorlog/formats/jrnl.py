"""Reading a jrnl ``--export json`` file: ``read`` turns its bytes into ``foreign.Entry``
records, or refuses the file naming the entry and what is wrong with it. No database here.

jrnl 4.x writes ``{"tags": {"@ada": 2, ...}, "entries": [{"title", "body", "date": "YYYY-MM-DD",
"time": "HH:MM", "tags": ["@ada", "#career"], "starred": false}, ...]}`` (its
``plugins/json_exporter.py``), and may add ``uuid`` and ``creator`` (Day One journals), which
are not needed here. Dates and times are the journal's local wall-clock time. A tag is written
with its tag symbol and in lower case; older jrnl versions wrote no ``tags``, which are then read
from the text as jrnl reads them. An entry's text is its title, then its body on the next line,
as jrnl writes it in its own journal file.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime, time

from mentorlog.core import dates
from mentorlog.core.errors import MentorlogError
from mentorlog.journal.store.foreign import Entry, ForeignProblem

# jrnl's own tag pattern (``Entry.tag_regex``) with its default tag symbols, ``#`` and ``@``.
_TAG = re.compile(r"(?<!\S)([#@][-+*#/\w]+)")


def clean_tag(tag: str) -> str:
    """``@Ada`` → ``ada``: without its tag symbol, lower case (as a note's tags are kept)."""
    tag = tag.strip()
    while tag and not tag[0].isalnum() and tag[0] != "_":
        tag = tag[1:]
    return tag.lower()


def read(data: bytes, name: str) -> tuple[list[Entry], int]:
    """The entries of a jrnl export, and how many were skipped for holding no text."""
    try:
        document = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError as e:
        raise ForeignProblem(f"{name} is not UTF-8 text (byte {e.start}); nothing was imported.") from None
    except json.JSONDecodeError as e:
        raise ForeignProblem(
            f"{name} is not a jrnl export: it is not JSON ({e.msg} at line {e.lineno}, "
            f"column {e.colno}); nothing was imported."
        ) from None
    if not isinstance(document, dict) or not isinstance(document.get("entries"), list):
        raise ForeignProblem(
            f'{name} is not a jrnl export: it has no "entries" list; nothing was imported.',
            hint="Make one with: jrnl --export json --file journal.json",
        )
    entries, empty = [], 0
    for n, raw in enumerate(document["entries"], 1):
        entry = _entry(raw, f"{name} entry {n}")
        if entry is None:
            empty += 1
        else:
            entries.append(entry)
    return entries, empty


def _refuse(where: str, what: str) -> ForeignProblem:
    return ForeignProblem(f"{where}: {what}; nothing was imported.")


def _text(raw: dict, key: str, where: str) -> str:
    value = raw.get(key, "")
    if not isinstance(value, str):
        raise _refuse(where, f'its "{key}" is not text')
    return value


def _entry(raw, where: str) -> Entry | None:
    if not isinstance(raw, dict):
        raise _refuse(where, "it is not an object")
    title, body = _text(raw, "title", where), _text(raw, "body", where)
    text = f"{title}\n{body}" if body.strip() else title
    if not text.strip():
        return None
    day_text, time_text = raw.get("date"), raw.get("time", "00:00")
    try:
        if not (isinstance(day_text, str) and len(day_text) == 10):
            raise ValueError
        day = date.fromisoformat(day_text)
    except ValueError:
        raise _refuse(where, f'its "date" {day_text!r} is not a day (YYYY-MM-DD)') from None
    try:
        if not (isinstance(time_text, str) and re.fullmatch(r"\d\d:\d\d", time_text)):
            raise ValueError
        clock = time.fromisoformat(time_text)
    except ValueError:
        raise _refuse(where, f'its "time" {time_text!r} is not a time (HH:MM)') from None
    try:
        at = dates.local(datetime.combine(day, clock))
    except MentorlogError:
        raise _refuse(where, f"its date {day_text} is out of range") from None
    tags = raw.get("tags")
    if tags is None:
        tags = _TAG.findall(text)
    if not (isinstance(tags, list) and all(isinstance(t, str) for t in tags)):
        raise _refuse(where, 'its "tags" are not a list of tags')
    starred = raw.get("starred", False)
    if not isinstance(starred, bool):
        raise _refuse(where, f'its "starred" {starred!r} is not true or false')
    kept = sorted({clean_tag(t) for t in tags} - {""})
    return Entry(where, at, text, kept, meeting=True, starred=starred)
