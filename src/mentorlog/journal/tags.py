"""Tags (SPEC §2 "Notes, tags, and today"): free words on meetings, todos, topics, notes and
advice, kept in each row as a sorted JSON list of lower-case words. The concepts that carry
them are the registry's (``Concept.tags``); ``counts`` walks it for ``mentorlog tags``."""

from __future__ import annotations

import sqlite3

from mentorlog.journal import concepts


def clean(tags: list[str] | None) -> str:
    """Tags as stored: stripped, lower-cased, each once, sorted, as a JSON list."""
    import json  # only when tags are written: the json module is not free to import

    return json.dumps(sorted({t.strip().lower() for t in tags or [] if t.strip()}), ensure_ascii=False)


def has(alias: str, column: str = "tags") -> str:
    """SQL: the row ``alias`` carries the tag given as the one parameter."""
    return f"EXISTS (SELECT 1 FROM json_each({alias}.{column}) WHERE value = ?)"


def word(tag: str) -> str:
    """A tag as typed, as it is stored (for a filter)."""
    return tag.strip().lower()


def counts(conn: sqlite3.Connection) -> list[tuple[str, int]]:
    """Every tag in the journal and how many rows carry it, most used first."""
    parts = [
        f"SELECT j.value AS tag FROM {c.table} t, json_each(t.{c.tags}) j"
        for c in concepts.CONCEPTS
        if c.tags is not None
    ]
    if not parts:
        return []
    sql = f"SELECT tag, count(*) FROM ({' UNION ALL '.join(parts)}) GROUP BY tag ORDER BY count(*) DESC, tag"
    return [(tag, n) for tag, n in conn.execute(sql)]
