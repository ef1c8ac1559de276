"""Full-text search over the journal: every kind at once, best match (bm25) first, with a snippet.

``search`` reads the query with ``searchquery`` (the grammar), ranks the matches of every kind
in the full-text index (``searchindex``) with only their kind and id, and fetches rows and
snippets for the hits shown: FTS5's ``snippet()``, or for a text longer than ``LONG_TEXT`` a
snippet cut from a window around its first match. Matches in a snippet are wrapped in
``MARK_START``/``MARK_END``, which ``snippet_parts`` splits for a renderer. Nothing here imports
sqlite-utils.
"""

from __future__ import annotations

import re
import sqlite3
from datetime import date, datetime, time, timedelta
from enum import Enum

from mentorlog.core import dates
from mentorlog.core.errors import BadDate
from mentorlog.core.record import Record
from mentorlog.journal import concepts, tags
from mentorlog.journal.concepts import Concept
from mentorlog.journal.store.searchquery import Kind, match_expression, split_tags, terms

# Snippet markers: private-use characters, which no keyboard produces, so the renderer can escape
# the text and then turn these two into highlight styles. (A user who pastes them in gets odd
# highlights, nothing worse: ``snippet_parts`` copes with unpaired markers.)
MARK_START = "\ue000"
MARK_END = "\ue001"
_ELLIPSIS = "…"
_SNIPPET_TOKENS = 12
_DETAILS_BATCH = 10_000
# A text longer than this (a megabyte of notes) gets its snippet from a window around its first
# match, found by ``_Window``; FTS5's snippet() would tokenise the whole of it.
LONG_TEXT = 20_000
_WINDOW = 300  # characters either side of the first match that the snippet is cut from


class Hit(Record):
    kind: str
    id: int
    mentor: str | None  # handle
    date: str  # ISO date of the thing (a meeting's day, the day a todo was added, ...)
    text: str  # the item's text; for a meeting, the first line of its notes
    snippet: str  # the best passage, matches between MARK_START and MARK_END, on one line
    uuid: str | None = None

    def to_json(self) -> dict:
        # JSON readers get the plain passage; the markers only mean something to our renderer.
        plain = self.snippet.replace(MARK_START, "").replace(MARK_END, "")
        return {
            "kind": self.kind,
            "id": self.id,
            "uuid": self.uuid,
            "mentor": self.mentor,
            "date": self.date,
            "text": self.text,
            "snippet": plain,
        }


def snippet_parts(snippet: str) -> list[tuple[str, bool]]:
    """``snippet`` as ``(text, is_match)`` pieces, for a renderer to style; stray markers vanish."""
    parts: list[tuple[str, bool]] = []
    inside = False
    for piece in re.split(f"([{MARK_START}{MARK_END}])", snippet):
        if piece == MARK_START:
            inside = True
        elif piece == MARK_END:
            inside = False
        elif piece:
            parts.append((piece, inside))
    return parts


def _bound(value: date | str | None, field: str, *, end: bool) -> datetime | None:
    """A --since/--until bound as an aware instant: the start of ``value`` or, for ``end``,
    just after it. A day covers the whole local day; a date-time counts to the second."""
    if value is None:
        return None
    if isinstance(value, str):
        try:
            value = (date if len(value.strip()) == 10 else datetime).fromisoformat(value.strip())
        except ValueError:
            raise BadDate(field, repr(value), "is not an ISO date (2026-12-01)") from None
    if isinstance(value, datetime):
        at = dates.local(value) if value.tzinfo is None else value
        return at + timedelta(seconds=1) if end else at
    return dates.local(datetime.combine(value + timedelta(days=1) if end else value, time()))


def _filters(
    concept: Concept,
    mentor_id: int | None,
    since: datetime | None,
    until: datetime | None,
    wanted: list[str] = (),
):
    """SQL conditions on the row (alias ``t``) and their arguments; ``wanted``: tags it carries."""
    src = concept.search
    clauses, args = [], []
    for tag in wanted:
        clauses.append(tags.has("t", concept.tags))
        args.append(tag)
    if mentor_id is not None:
        clauses.append(f"{src.mentor} = ?")
        args.append(mentor_id)
    if src.instant:
        for bound, op in ((since, ">="), (until, "<")):
            if bound is not None:
                clauses.append(f"{src.when} {op} ?")
                args.append(dates.to_db(bound))
    else:  # a calendar date: compare with the local days the bounds fall on
        if since is not None:
            clauses.append(f"{src.when} >= ?")
            args.append(since.astimezone().date().isoformat())
        if until is not None:  # exclusive instant: its last day is the one just before it
            clauses.append(f"{src.when} <= ?")
            args.append((until - timedelta(microseconds=1)).astimezone().date().isoformat())
    return clauses, args


def _from(concept: Concept) -> str:
    # CROSS JOIN fixes the order: the full-text index drives and each match looks up its row.
    # Left to itself, the planner walks a mentor's index and re-runs the MATCH for every row.
    table = concept.table
    return f"{table}_fts CROSS JOIN {table} t ON t.id = {table}_fts.rowid {concept.search.join}"


def _matches(kinds, expression, filters) -> tuple[str, str, list]:
    """Two UNION ALLs over ``kinds`` (one ranking, one for counting) and their arguments. A kind
    without filters reads the index alone: looking up thousands of rows would double the cost."""
    ranking, counting, args = [], [], []
    for k in kinds:
        clauses, clause_args = filters(k)
        fts = f"{k.table}_fts"
        source = _from(k) if clauses else fts
        where = " AND ".join([f"{fts} MATCH ?", *clauses])
        ranking.append(
            f"SELECT '{k.name}' AS kind, {fts}.rowid AS id, {fts}.rank AS rank FROM {source} WHERE {where}"
        )
        counting.append(f"SELECT 1 FROM {source} WHERE {where}")
        args += [expression, *clause_args]
    return " UNION ALL ".join(ranking), " UNION ALL ".join(counting), args


def search(
    conn: sqlite3.Connection,
    query: str,
    *,
    mentor_id: int | None = None,
    kind: Kind | str | None = None,
    since: date | str | None = None,
    until: date | str | None = None,
    limit: int = 20,
) -> tuple[list[Hit], int]:
    """The best ``limit`` hits for ``query`` across every kind (or one ``kind``), and how many
    there are in all. ``since``/``until`` are inclusive: a date (or ``YYYY-MM-DD``) covers that
    whole local day, a datetime counts to the second. A query with nothing searchable finds
    nothing; a ``limit`` of 0 gives the count alone. Raises ``BadDate`` for a bound that is not
    ISO text and ``ValueError`` for an unknown kind.
    """
    query, wanted = split_tags(query)
    expression = match_expression(query)
    if expression is None and not wanted:
        return [], 0
    start = _bound(since, "since", end=False)
    end = _bound(until, "until", end=True)
    kinds = concepts.searchable()
    if kind is not None:
        name = kind.value if isinstance(kind, Enum) else kind
        kinds = [c for c in kinds if c.name == name]
        if not kinds:
            raise ValueError(f"not a kind of entry: {name!r}")
    if wanted:
        kinds = [c for c in kinds if c.tags is not None]

    def filters(c: Concept):
        return _filters(c, mentor_id, start, end, wanted)

    if expression is None:
        return _tagged(conn, kinds, filters, limit)
    ranking, counting, args = _matches(kinds, expression, filters)
    ranked = []
    if limit > 0:
        # Rank every match by bm25 with only (kind, id), so that snippets, the costly part, are
        # made for the hits shown rather than for every match of a common word.
        ranked = conn.execute(
            f"SELECT kind, id FROM ({ranking}) ORDER BY rank, kind, id LIMIT ?", [*args, limit]
        ).fetchall()
    if len(ranked) < limit:
        total = len(ranked)
    else:  # counting without bm25 is cheap
        total = conn.execute(f"SELECT count(*) FROM ({counting})", args).fetchone()[0]
    hits: dict[tuple[str, int], Hit] = {}
    window = _Window(query)
    for k in {row[0] for row in ranked}:
        ids = [row[1] for row in ranked if row[0] == k]
        # In slices: `--json` asks for every hit, and some SQLite builds allow 32,766 parameters.
        for i in range(0, len(ids), _DETAILS_BATCH):
            hits.update(_details(conn, concepts.by_name(k), expression, ids[i : i + _DETAILS_BATCH], window))
    # A hit without its row can only come from a damaged index (`doctor --repair` rebuilds it):
    # leave it out rather than fail.
    return [hits[key] for key in map(tuple, ranked) if key in hits], total


def _tagged(conn: sqlite3.Connection, kinds: list[Concept], filters, limit: int) -> tuple[list[Hit], int]:
    """``search tag:T`` alone: every row carrying the tags, newest first (no words to rank by)."""
    parts, args = [], []
    for k in kinds:
        clauses, clause_args = filters(k)
        where = " AND ".join(clauses) or "1"
        parts.append(
            f"SELECT '{k.name}' AS kind, t.id AS id, {k.search.when} AS w "
            f"FROM {k.table} t {k.search.join} WHERE {where}"
        )
        args += clause_args
    if not parts:
        return [], 0
    union = " UNION ALL ".join(parts)
    total = conn.execute(f"SELECT count(*) FROM ({union})", args).fetchone()[0]
    ranked = conn.execute(f"SELECT kind, id FROM ({union}) ORDER BY w DESC, id DESC LIMIT ?", [*args, limit])
    out = []
    for kind, row_id in ranked.fetchall():
        k = concepts.by_name(kind)
        src = k.search
        row = conn.execute(
            f"SELECT m.handle, {src.when}, {src.text} FROM {k.table} t {src.join}"
            f" LEFT JOIN mentors m ON m.id = {src.mentor} WHERE t.id = ?",
            (row_id,),
        ).fetchone()
        day = dates.from_db(row[1]).date().isoformat() if src.instant else row[1]
        out.append(Hit(kind, row_id, row[0], day, row[2] or "", _one_line((row[2] or "")[:200])))
    return out, total


def _details(conn: sqlite3.Connection, kind: Concept, expression: str, ids: list[int], window=None) -> dict:
    """The hits for ``ids`` of one kind, with their snippets: FTS5's snippet() for ordinary
    texts; for one longer than ``LONG_TEXT``, a snippet cut from a window around its first match
    (``_Window``), so a megabyte of notes is never tokenised whole to show one line."""
    src = kind.search
    marks = ", ".join("?" * len(ids))
    snippet = f"snippet({kind.table}_fts, -1, '{MARK_START}', '{MARK_END}', '{_ELLIPSIS}', {_SNIPPET_TOKENS})"
    columns = src.columns
    size = " + ".join(f"coalesce(length(t.{c}), 0)" for c in columns)
    # CASE evaluates snippet() only for the texts it is given; the long ones are read back whole
    # (one column each, joined) and searched by a regular expression instead.
    whole = " || char(10) || ".join(f"coalesce(t.{c}, '')" for c in columns)
    sql = (
        f"SELECT t.id, m.handle, {src.when}, {src.text},"
        f" CASE WHEN {size} <= {LONG_TEXT} THEN {snippet} END,"
        f" CASE WHEN {size} > {LONG_TEXT} THEN {whole} END, t.uuid FROM {_from(kind)}"
        f" LEFT JOIN mentors m ON m.id = {src.mentor}"
        f" WHERE {kind.table}_fts MATCH ? AND {kind.table}_fts.rowid IN ({marks})"
    )
    out = {}
    for row_id, handle, when, text, snip, long_text, uuid in conn.execute(sql, [expression, *ids]):
        if long_text is not None:
            snip = (window or _Window("")).snippet(long_text)
        day = dates.from_db(when).date().isoformat() if src.instant else when
        out[(kind.name, row_id)] = Hit(
            kind.name, row_id, handle, day, text or "", _one_line(snip or ""), uuid
        )
    return out


class _Window:
    """A snippet for a long text from a window around its first match: the query's words found
    with a regular expression (a letter also matches its accented forms, as the index's
    ``remove_diacritics`` does; a word matches whole, a prefix at a word's start, a phrase
    across any separators), then ``_SNIPPET_TOKENS`` words around it with every match marked.
    A text where the expression finds nothing (a case the index folds and this does not) gets
    its first words.

    The expression is made when the first long text comes (most searches meet none), once per
    distinct word, and a word longer than ``_ACCENTED_UP_TO`` letters matches as typed, without
    the accented forms of each letter: a pasted 35,000-letter word took six seconds to compile."""

    def __init__(self, query: str):
        self.query = query
        self._pattern: re.Pattern | bool | None = False  # not made yet

    @property
    def pattern(self) -> re.Pattern | None:
        if self._pattern is False:
            words = [t for t in terms(self.query) if not t.negated and not t.is_or]
            parts = []
            for term in words:
                tokens = re.findall(r"\w+", _fold(term.text))
                if not tokens:
                    continue
                body = r"\W+".join(_word(token) for token in tokens)
                parts.append(r"(?<!\w)" + body + ("" if term.prefix else r"(?!\w)"))
            parts = list(dict.fromkeys(parts))
            self._pattern = re.compile("|".join(parts), re.IGNORECASE) if parts else None
        return self._pattern

    def snippet(self, text: str) -> str:
        found = self.pattern.search(text) if self.pattern else None
        at = found.start() if found else 0
        lo, hi = max(0, at - _WINDOW), min(len(text), at + _WINDOW)
        window = text[lo:hi]
        words = list(re.finditer(r"\w+", window))
        if not words:
            return ""
        first = next((i for i, w in enumerate(words) if w.end() > at - lo), 0)
        start = max(0, first - 2)
        chosen = words[start : start + _SNIPPET_TOKENS]
        a, b = chosen[0].start(), chosen[-1].end()
        piece, marked, pos = window[a:b], [], 0
        for m in self.pattern.finditer(piece) if self.pattern else ():
            marked += [piece[pos : m.start()], MARK_START, m.group(), MARK_END]
            pos = m.end()
        marked.append(piece[pos:])
        head = _ELLIPSIS if lo + a > 0 else ""
        tail = _ELLIPSIS if lo + b < len(text) else ""
        return head + "".join(marked) + tail


def _fold(text: str) -> str:
    import unicodedata

    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


_ACCENTED: dict[str, str] = {}
_ACCENTED_UP_TO = 64  # letters of a word matched with their accented forms too


def _word(token: str) -> str:
    if len(token) > _ACCENTED_UP_TO:
        return re.escape(token)
    return "".join(_letter(ch) for ch in token)


def _letter(ch: str) -> str:
    """A regular expression for ``ch`` and the Latin letters that fold to it (é, è, ê for e)."""
    if not _ACCENTED:
        for code in range(0xC0, 0x250):
            base = _fold(chr(code)).lower()
            if len(base) == 1 and base.isalpha():
                _ACCENTED[base] = _ACCENTED.get(base, "") + chr(code)
    extra = _ACCENTED.get(ch.lower(), "")
    return f"[{re.escape(ch)}{extra}]" if extra else re.escape(ch)


def _one_line(text: str) -> str:
    return " ".join(text.split())
