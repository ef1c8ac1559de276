"""Full-text search (SPEC §2 `search`): the index layout, the query grammar, ranking, filters,
and that no input can make FTS5 fail."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import datetime, timezone

import pytest
import sqlite_utils
from hypothesis import given, settings
from hypothesis import strategies as st

from mentorlog.core.errors import DateError
from mentorlog.journal.common import new_uuid
from mentorlog.journal.concepts import fts_config
from mentorlog.journal.store.db import open_journal
from mentorlog.journal.store.search import MARK_END, MARK_START, Hit, search, snippet_parts
from mentorlog.journal.store.searchindex import TOKENIZE, enable_search
from mentorlog.journal.store.searchquery import Kind, match_expression

STAMP = "2026-03-15T12:00:00.000000+00:00"


def add(conn: sqlite3.Connection, table: str, **values) -> int:
    row = {"uuid": new_uuid(), "created_at": STAMP, "updated_at": STAMP, **values}
    sql = f"INSERT INTO {table} ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})"
    return conn.execute(sql, list(row.values())).lastrowid


def mentor(conn: sqlite3.Connection, handle: str) -> int:
    return add(conn, "mentors", handle=handle, name=handle.title())


@pytest.fixture
def path(tmp_path):
    return tmp_path / "j.db"


@pytest.fixture
def journal(path):
    """Two mentors and one row of each kind, indexed after the rows exist."""
    with open_journal(path, write=True, create=True) as conn:
        ada, grace = mentor(conn, "ada"), mentor(conn, "grace")
        meeting = add(
            conn,
            "meetings",
            mentor_id=ada,
            held_at="2026-03-10T12:00:00+00:00",
            notes="Quarterly planning\nWe talked about the Café rollout and latency budgets.",
        )
        add(conn, "todos", text="Write the résumé", mentor_id=grace, meeting_id=meeting, note="ask Grace")
        advice = add(conn, "advice", text="Keep a brag document", mentor_id=ada, given_on="2026-03-01")
        add(conn, "applications", advice_id=advice, on_date="2026-03-20", what="Started the brag file")
        add(conn, "topics", mentor_id=grace, text="How do promotions work here?")
        add(conn, "thanks", mentor_id=grace, text="Thanks for the Kubernetes intro", on_date="2026-03-31")
        add(conn, "goals", text="Become a staff engineer", created_at="2026-01-05T12:00:00.000000+00:00")
        enable_search(sqlite_utils.Database(conn))
    return path


def find(path, query, **filters) -> tuple[list[Hit], int]:
    with open_journal(path, write=False) as conn:
        return search(conn, query, **filters)


def found(path, query, **filters) -> list[tuple[str, int]]:
    hits, total = find(path, query, **filters)
    assert total >= len(hits)
    return [(h.kind, h.id) for h in hits]


# --- the index ------------------------------------------------------------------------------


def test_layout_is_the_one_sqlite_utils_makes(journal):
    db = sqlite_utils.Database(journal)
    for table, columns in fts_config().items():
        assert db[table].detect_fts() == f"{table}_fts"
        assert db[f"{table}_fts"].columns_dict.keys() == set(columns)
        assert TOKENIZE in db[f"{table}_fts"].schema
        assert {f"{table}_ai", f"{table}_ad", f"{table}_au"} <= {t.name for t in db[table].triggers}
    # sqlite-utils' own search (and so `sqlite-utils search`, datasette) finds existing rows
    assert [r["text"] for r in db["todos"].search("resume")] == ["Write the résumé"]
    assert [r["id"] for r in db["meetings"].search("cafe")] == [1]


def test_enable_search_runs_inside_the_callers_transaction(path):
    from mentorlog.journal.store.migrations import m001_initial

    with open_journal(path, write=True, create=True, migrations=[m001_initial]) as conn:
        add(conn, "todos", text="an early todo")
        enable_search(sqlite_utils.Database(conn))
        assert conn.in_transaction
        assert conn.execute("SELECT rowid FROM todos_fts WHERE todos_fts MATCH 'early'").fetchone()[0] == 1
        conn.rollback()  # nothing was committed behind the caller's back
        conn.execute("BEGIN")
    conn = sqlite3.connect(path)
    assert not conn.execute("SELECT name FROM sqlite_master WHERE name LIKE '%_fts'").fetchall()


def test_enable_search_is_idempotent(journal):
    with open_journal(journal, write=True) as conn:
        enable_search(sqlite_utils.Database(conn))
    assert sorted(found(journal, "brag")) == [("advice", 1), ("application", 1)]


def test_the_search_migration_indexes_existing_rows(path):
    from mentorlog.journal.store.migrations import m001_initial

    with open_journal(path, write=True, create=True, migrations=[m001_initial]) as conn:
        add(conn, "advice", text="Say no more often", mentor_id=mentor(conn, "ada"), given_on="2026-02-02")
    hits, total = find(path, "often")  # opening it with today's schema runs m002_search
    assert (total, hits[0].kind, hits[0].mentor) == (1, "advice", "ada")


def test_triggers_keep_the_index_in_step(journal):
    with open_journal(journal, write=True) as conn:
        new = add(conn, "todos", text="Book the offsite")
    assert found(journal, "offsite") == [("todo", new)]
    with open_journal(journal, write=True) as conn:
        conn.execute("UPDATE todos SET text = 'Book the venue', note = 'offsite is off' WHERE id = ?", (new,))
    assert found(journal, "venue") == [("todo", new)]
    assert found(journal, "offsite") == [("todo", new)]  # now in the note column
    with open_journal(journal, write=True) as conn:
        conn.execute("UPDATE todos SET note = NULL WHERE id = ?", (new,))
    assert found(journal, "offsite") == []
    with open_journal(journal, write=True) as conn:
        conn.execute("DELETE FROM todos WHERE id = ?", (new,))
    assert found(journal, "venue") == []
    with open_journal(journal, write=False) as conn:  # FTS5's own consistency check
        conn.execute("INSERT INTO todos_fts(todos_fts, rank) VALUES ('integrity-check', 1)")


def test_a_damaged_index_gives_no_traceback(journal):
    with open_journal(journal, write=True) as conn:  # a row deleted behind the index's back
        conn.execute("DROP TRIGGER todos_ad")
        conn.execute("DELETE FROM todos")
    assert find(journal, "resume")[0] == []


def test_the_search_path_never_imports_sqlite_utils():
    code = "import sys, mentorlog.journal.store.search; assert 'sqlite_utils' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


# --- what a hit says ------------------------------------------------------------------------


def test_hit_fields_and_json(journal):
    [meeting] = find(journal, "latency")[0]
    assert (meeting.kind, meeting.id, meeting.mentor, meeting.date) == ("meeting", 1, "ada", "2026-03-10")
    assert meeting.text == "Quarterly planning"  # a meeting's title is its first line
    assert f"{MARK_START}latency{MARK_END}" in meeting.snippet
    assert "\n" not in meeting.snippet
    data = meeting.to_json()
    assert list(data) == ["kind", "id", "uuid", "mentor", "date", "text", "snippet"]
    assert "latency budgets" in data["snippet"] and MARK_START not in data["snippet"]

    [application] = find(journal, "started")[0]
    assert (application.kind, application.mentor, application.date) == ("application", "ada", "2026-03-20")
    assert application.text == "Started the brag file"
    [goal] = find(journal, "staff")[0]
    assert (goal.kind, goal.mentor, goal.date) == ("goal", None, "2026-01-05")
    [todo] = find(journal, "grace")[0]  # matched in the note, not the text
    assert todo.text == "Write the résumé" and todo.snippet == f"ask {MARK_START}Grace{MARK_END}"


def test_snippet_parts():
    s = f"a {MARK_START}b{MARK_END} c {MARK_START}d"
    assert snippet_parts(s) == [("a ", False), ("b", True), (" c ", False), ("d", True)]
    assert snippet_parts(f"{MARK_END}x") == [("x", False)]


# --- matching -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("cafe", [("meeting", 1)]),
        ("CAFÉ", [("meeting", 1)]),
        ("resume", [("todo", 1)]),
        ("RÉSUMÉ", [("todo", 1)]),
        ("kubernetes", [("thanks", 1)]),
        ("KuBeRnEtEs", [("thanks", 1)]),
        ("promot*", [("topic", 1)]),
        ("promot", []),
        ('"latency budgets"', [("meeting", 1)]),
        ('"budgets latency"', []),
        ("latency budgets", [("meeting", 1)]),
        ("latency kubernetes", []),
        ("latency OR kubernetes", [("meeting", 1), ("thanks", 1)]),
        ("latency or kubernetes", []),  # lower-case: the word "or"
        ("brag -started", [("advice", 1)]),
        ('brag -"the brag"', [("advice", 1)]),
        ("brag -sta*", [("advice", 1)]),
        ("-brag", []),
    ],
)
def test_query_grammar(journal, query, expected):
    assert sorted(found(journal, query)) == expected


def test_more_occurrences_rank_first(path):
    with open_journal(path, write=True, create=True) as conn:
        ada = mentor(conn, "ada")
        once = add(conn, "todos", text="deploy the service to staging today please")
        thrice = add(conn, "todos", text="deploy then deploy again and deploy twice")
        advice = add(
            conn,
            "advice",
            text="deploy small deploy often deploy early",
            mentor_id=ada,
            given_on="2026-01-01",
        )
        enable_search(sqlite_utils.Database(conn))
    ranked = found(path, "deploy")
    assert ranked.index(("todo", thrice)) < ranked.index(("todo", once))
    assert ranked.index(("advice", advice)) < ranked.index(("todo", once))


def test_match_expression_shapes():
    assert match_expression("a b") == '("a") AND ("b")'
    assert match_expression('"a phrase" x*') == '("a phrase") AND ("x"*)'
    assert match_expression("a OR b c") == '("a" OR "b") AND ("c")'
    assert match_expression("a OR b OR c") == '("a" OR "b" OR "c")'
    assert match_expression("a -b -c") == '(("a")) NOT ("b" OR "c")'
    assert match_expression('say "hi') == '("say") AND ("""hi")'
    assert match_expression("OR a") == '("OR") AND ("a")'
    assert match_expression("a OR -b") == '(("a") AND ("OR")) NOT ("b")'
    assert match_expression("-a -b") is None
    assert match_expression("   ") is None
    assert match_expression("( ) * - ^ ;") is None
    assert match_expression("😀 🎉") is None


# --- filters --------------------------------------------------------------------------------


@pytest.fixture
def spread(path):
    """The word "sync" in every kind, for two mentors, on several days."""
    with open_journal(path, write=True, create=True) as conn:
        ada, grace = mentor(conn, "ada"), mentor(conn, "grace")
        for day, who in (("2026-03-01", ada), ("2026-03-15", grace), ("2026-03-31", ada)):
            at = f"{day}T12:00:00+00:00"
            add(conn, "meetings", mentor_id=who, held_at=at, notes=f"sync on {day}")
            add(conn, "todos", text="sync notes", mentor_id=who, created_at=at)
            advice = add(conn, "advice", text="sync weekly", mentor_id=who, given_on=day)
            add(conn, "applications", advice_id=advice, on_date=day, what="did the sync")
            add(conn, "topics", text="sync cadence?", mentor_id=who, created_at=at)
            add(conn, "thanks", text="thanks for the sync", mentor_id=who, on_date=day)
            add(conn, "goals", text="sync with the team", mentor_id=who, created_at=at)
            add(conn, "notes", text="sync thoughts", mentor_id=who, written_at=at)
            add(conn, "agreements", text="we sync fortnightly", mentor_id=who, on_date=day)
            add(conn, "closures", text="the sync worked", mentor_id=who, on_date=day)
            add(conn, "updates", text="sync went well", mentor_id=who, on_date=day)
            skill = add(conn, "skills", name="sync facilitation", mentor_id=who, created_at=at)
            add(conn, "skill_ratings", skill_id=skill, rating=3, on_date=day, evidence="ran the sync")
            add(conn, "feedback", text="the sync ran long", mentor_id=who, on_date=day)
            add(conn, "offers", text="review the sync notes", mentor_id=who, on_date=day)
        enable_search(sqlite_utils.Database(conn))
    return path


def test_filter_by_kind(spread):
    for kind in Kind:
        hits, total = find(spread, "sync", kind=kind)
        assert total == 3 and {h.kind for h in hits} == {kind.value}
    assert find(spread, "sync", kind="thanks")[1] == 3
    with pytest.raises(ValueError):
        find(spread, "sync", kind="nonsense")


def test_filter_by_mentor(spread):
    hits, total = find(spread, "sync", mentor_id=2)
    assert total == len(Kind) and {h.mentor for h in hits} == {"grace"}  # one of each kind a day
    assert {h.kind for h in hits} == {k.value for k in Kind}  # applications via their advice


def test_filter_by_dates_covers_whole_days(spread):
    hits, total = find(spread, "sync", since="2026-03-15", until="2026-03-15")
    assert total == len(Kind) and {h.date for h in hits} == {"2026-03-15"}
    assert find(spread, "sync", since="2026-03-02")[1] == 2 * len(Kind)
    assert find(spread, "sync", until="2026-03-30")[1] == 2 * len(Kind)
    assert find(spread, "sync", since="2026-04-01")[1] == 0
    at = datetime(2026, 3, 15, 12, 0, 1, tzinfo=timezone.utc)  # a date-time counts to the second
    assert {h.kind for h in find(spread, "sync", since=at, until="2026-03-15")[0]} == {
        "advice",
        "application",
        "thanks",
        "agreement",
        "closure",
        "update",
        "skill rating",
        "feedback",
        "offer",
    }
    with pytest.raises(DateError) as raised:
        find(spread, "sync", since="last tuesday")
    # The domain names the field; the CLI words it as the option it came from.
    from mentorlog.core.words import message

    assert raised.value.field == "since" and message(raised.value).startswith("--since: ")


def test_limit_and_total(spread):
    hits, total = find(spread, "sync", limit=5)
    assert (len(hits), total) == (5, 3 * len(Kind))
    hits, total = find(spread, "sync", limit=0)
    assert (hits, total) == ([], 3 * len(Kind))
    hits, total = find(spread, "sync", kind="todo", limit=50)
    assert (len(hits), total) == (3, 3)
    assert len({(h.kind, h.id) for h in find(spread, "sync", limit=100)[0]}) == 3 * len(Kind)


class Recording:
    """A connection that keeps every statement it runs, to look at the query plans."""

    def __init__(self, conn):
        self.conn, self.statements = conn, []

    def execute(self, sql, args=()):
        self.statements.append((sql, args))
        return self.conn.execute(sql, args)


def test_filters_never_scan_a_table(spread):
    with open_journal(spread, write=False) as conn:
        rec = Recording(conn)
        search(rec, "sync", mentor_id=1, since="2026-03-01", until="2026-03-31", limit=2)
        assert len(rec.statements) >= 3  # rank, count, and the details of the hits shown
        for sql, args in rec.statements:
            plan = [row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + sql, args)]
            # the full-text index drives; each match finds its row (and mentor) by id
            for step in plan:
                if step.startswith("SCAN"):
                    assert "VIRTUAL TABLE" in step or "subquery" in step, plan
                if step.startswith("SEARCH"):
                    assert "USING INTEGER PRIMARY KEY" in step, plan


# --- hostile input --------------------------------------------------------------------------

HOSTILE = [
    '"',
    '"unbalanced',
    'latency "',
    "AND OR (",
    "NEAR(latency budgets)",
    "NEAR(",
    "col:foo",
    "notes:latency",
    "*",
    "-",
    '""',
    "'",
    ")",
    "^x",
    "^latency",
    "a AND",
    "OR",
    "NOT",
    "AND",
    "x*y",
    "*x",
    "**",
    "latency*budgets",
    "😀",
    "café 😀",
    "\x1b[2J",
    "\x00",
    "lat\x00ency",
    "\ud800latency",  # a lone surrogate, as undecodable argv bytes arrive
    "; DROP TABLE todos;--",
    "' OR 1=1 --",
    "latency" * 5000,
    " ".join(["latency"] * 3000),
    "a OR " * 2000,
    "   ",
    "",
    "\t\n\r",
    "- - -",
    '-""',
    '"" *',
    '"latency"*"',
    "{}[]<>|\\/?!@#$%&=+~`",
    "\u202e\u200b",
    "\ue000\ue001",
    "NOT latency",
    "latency NOT",
    "(latency OR) AND",
    "latency -",
    "-latency OR",
]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_return_normally(journal, query):
    hits, total = find(journal, query)
    assert isinstance(total, int) and len(hits) <= total


def test_hostile_queries_are_plain_words(journal):
    assert found(journal, "NEAR(latency budgets)") == []  # the word "near" is not in the notes
    assert found(journal, "notes:latency") == []  # no column filters: the phrase "notes latency"
    assert found(journal, '"latency') == [("meeting", 1)]
    assert found(journal, "^latency") == [("meeting", 1)]
    assert found(journal, "latency*budgets") == [("meeting", 1)]  # the phrase "latency budgets"
    assert found(journal, "lat\x00ency") == []  # two words, "lat" and "ency"
    assert found(journal, "café 😀") == [("meeting", 1)]


@pytest.fixture(scope="module")
def fts():
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (body TEXT)")
    conn.execute(f"CREATE VIRTUAL TABLE t_fts USING fts5(body, tokenize='{TOKENIZE}', content=t)")
    conn.executemany("INSERT INTO t VALUES (?)", [("a b c",), ("Café OR NOT near",), ("x y",)])
    conn.execute("INSERT INTO t_fts(t_fts) VALUES ('rebuild')")
    return conn


SYNTAX = st.lists(st.sampled_from([*'"*-()^:+{}ab \x00\t', "OR", "AND", "NOT", "NEAR", " OR "])).map("".join)


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.text(), SYNTAX, st.text(alphabet=st.characters(exclude_categories=()))))
def test_any_text_gives_a_valid_expression(fts, text):
    expression = match_expression(text)
    if expression is not None:
        fts.execute("SELECT rowid FROM t_fts WHERE t_fts MATCH ?", (expression,)).fetchall()


def test_a_pasted_long_word_is_matched_as_typed_and_found_in_a_long_text(path):
    """A word longer than 64 letters is looked for in a long text as typed, not letter by letter
    with each letter's accented forms (a 35,000-letter word's expression took seconds to
    compile); the expression is made only when a long text comes, once per distinct word."""
    from mentorlog.journal.store import search as module

    word = "latency" * 5000
    window = module._Window(f"{word} {word} café")
    assert window._pattern is False  # nothing made until a long text needs it
    assert len(window.pattern.pattern) < len(word) + 200  # once, as typed; café's letters as classes
    with open_journal(path, write=True, create=True) as conn:
        ada = mentor(conn, "ada")
        add(conn, "meetings", mentor_id=ada, held_at=STAMP, notes="filler " * 4000 + word + " end")
        enable_search(sqlite_utils.Database(conn))
    [hit] = find(path, word)[0]
    assert "filler latencylatency" in hit.snippet  # cut around the match, not the first words
