"""Tags (SPEC §2 "Notes, tags, and today"): free words on meetings, todos, topics, notes and
advice, kept in each row as a sorted JSON list of lower-case words. The concepts that carry
them are the registry's (``Concept.tags``); ``counts`` walks it for ``mentorlog tags``. A tag
is one word, as a git ref is: ``search tag:T`` and the lists find it as typed.
"""

from __future__ import annotations

import sqlite3

from mentorlog.core.errors import BadValue


def check(tag: str) -> str:
    """``tag`` as typed, refused (``BadValue``) when it holds a space: ``comms style`` would be
    stored, but ``search tag:…`` reads a tag up to the first space and could never find it."""
    if any(c.isspace() for c in tag.strip()):
        joined = "-".join(tag.lower().split())
        raise BadValue("tag", repr(tag), "has a space in it; a tag is one word", hint=f"Try {joined!r}.")
    return tag


def clean(tags: list[str] | None) -> str:
    """Tags as stored: stripped, lower-cased, each once, sorted, as a JSON list. Raises
    ``BadValue`` for a tag with a space in it (``check``)."""
    import json  # only when tags are written: the json module is not free to import

    return json.dumps(sorted({check(t).strip().lower() for t in tags or [] if t.strip()}), ensure_ascii=False)


def has(alias: str, column: str = "tags") -> str:
    """SQL: the row ``alias`` carries the tag given as the one parameter."""
    return f"EXISTS (SELECT 1 FROM json_each({alias}.{column}) WHERE value = ?)"


def word(tag: str) -> str:
    """A tag as typed, as it is stored (for a filter)."""
    return tag.strip().lower()


def counts(conn: sqlite3.Connection) -> list[tuple[str, int]]:
    """Every tag in the journal and how many rows carry it, most used first."""
    from mentorlog.journal import concepts

    parts = [
        f"SELECT j.value AS tag FROM {c.table} t, json_each(t.{c.tags}) j"
        for c in concepts.CONCEPTS
        if c.tags is not None
    ]
    if not parts:
        return []
    sql = f"SELECT tag, count(*) FROM ({' UNION ALL '.join(parts)}) GROUP BY tag ORDER BY count(*) DESC, tag"
    return [(tag, n) for tag, n in conn.execute(sql)]
