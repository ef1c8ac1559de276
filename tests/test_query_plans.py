"""Hot queries do not scan big tables (SPEC §7: flat as history grows). Every statement the
budgeted commands run is captured and checked with EXPLAIN QUERY PLAN; timings are never
asserted in tests, plans are."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import Run

BIG = {"meetings", "todos", "advice", "applications", "thanks", "topics", "reviews"}
BIG |= {"skills", "skill_ratings", "feedback", "offers"}  # growth: empty in the bench, plans still tell
COMMANDS = [
    ["remind"],
    ["review", "ada"],
    ["todo", "list"],
    ["todo", "list", "--overdue"],
    ["meeting", "list"],
    ["advice", "list"],
    ["advice", "list", "--untried"],
    ["topic", "list"],
    ["thanks", "list"],
    ["goal", "list"],
    ["mentor", "list"],
    ["mentor", "show", "ada"],
    ["meeting", "show", "1"],
    ["advice", "show", "1"],
    ["progress"],
    ["progress", "ada"],
    ["report", "ada"],
    ["todo", "add", "x", "--due", "fri"],
    ["todo", "done", "2"],
    ["advice", "apply", "1", "did it"],
    ["log", "ada", "--notes", "n", "--todo", "y"],
    ["search", "review"],
    ["skill", "list"],
    ["skill", "list", "--mentor", "ada"],
    ["feedback", "list"],
    ["feedback", "list", "ada"],
    ["offer", "list"],
    ["offer", "list", "ada", "--all"],
]
# Scans that are the point of the command: it shows every row of a kind.
ALLOWED = {
    ("topic", "list"): {"topics"},
    # "untried" is derived (no application; SPEC §1: never stored twice), so counting the
    # untried pieces for "… and N more" visits each piece once; the screenful itself does not.
    ("advice", "list", "--untried"): {"advice"},
}


@pytest.fixture(scope="module")
def journal(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("plans") / "journal.db"
    bench = Path(__file__).resolve().parent.parent / "bench" / "generate.py"
    subprocess.run(
        [sys.executable, str(bench), str(path), "--scale", "0.05"], check=True, capture_output=True
    )
    return path


def captured(monkeypatch, argv: list[str]) -> list[str]:
    from mentorlog.journal.store import db

    statements: list[str] = []
    real = db._connect

    def tracing(*args, **kwargs):
        conn = real(*args, **kwargs)
        conn.set_trace_callback(statements.append)
        return conn

    monkeypatch.setattr(db, "_connect", tracing)
    Run()(*argv, code=None)
    return [s for s in statements if re.match(r"\s*(SELECT|WITH|UPDATE|DELETE)", s, re.I)]


def scans(path: Path, sql: str) -> set[str]:
    """The big tables ``sql`` reads from end to end (SCAN without an index to narrow it)."""
    aliases = {
        alias: table for table, alias in re.findall(r"(?:FROM|JOIN)\s+(\w+)\s+(?:AS\s+)?(\w+)", sql, re.I)
    }
    conn = sqlite3.connect(path)
    try:
        plan = conn.execute("EXPLAIN QUERY PLAN " + sql).fetchall()
    except sqlite3.Error:
        return set()
    finally:
        conn.close()
    found = set()
    limited = re.search(r"\bLIMIT \d+\s*$", sql, re.I) is not None
    for row in plan:
        m = re.match(r"SCAN (\w+)", row[3])
        # Walking an index in order up to a LIMIT reads a screenful, not the table.
        if m and "COVERING INDEX" not in row[3] and not (limited and "USING INDEX" in row[3]):
            table = aliases.get(m.group(1), m.group(1))
            if table in BIG:
                found.add(table)
    return found


@pytest.mark.parametrize("argv", COMMANDS, ids=lambda a: " ".join(a))
def test_hot_queries_do_not_scan_big_tables(journal, tmp_path, monkeypatch, argv):
    import shutil

    copy = tmp_path / "journal.db"
    shutil.copy(journal, copy)  # writes change the journal: each command gets its own copy
    monkeypatch.setenv("MENTORLOG_DB", str(copy))
    allowed = ALLOWED.get(tuple(argv), set())
    bad = {}
    for sql in captured(monkeypatch, argv):
        found = scans(copy, sql.replace("?", "NULL")) - allowed
        if found:
            bad[" ".join(sql.split())[:300]] = found
    assert not bad, "\n".join(f"{tables}: {sql}" for sql, tables in bad.items())


# Lists whose screenful must come in order from an index: a LIMIT over a sort of every
# matching row (a temp B-tree) reads all of them to show fifty.
ORDERED = [
    ["todo", "list"],
    ["todo", "list", "--overdue"],
    ["todo", "list", "-m", "ada"],
    ["topic", "list"],
    ["topic", "list", "-m", "ada"],
    ["review", "ada"],
    ["meeting", "list"],
    ["advice", "list"],
    ["thanks", "list"],
    ["history"],
]


def sorted_in_memory(path: Path, sql: str) -> bool:
    conn = sqlite3.connect(path)
    try:
        plan = conn.execute("EXPLAIN QUERY PLAN " + sql).fetchall()
    except sqlite3.Error:
        return False
    finally:
        conn.close()
    return any("TEMP B-TREE FOR" in row[3] and "ORDER BY" in row[3] for row in plan)


@pytest.mark.parametrize("argv", ORDERED, ids=lambda a: " ".join(a))
def test_a_screenful_comes_in_order_from_an_index(journal, monkeypatch, argv):
    monkeypatch.setenv("MENTORLOG_DB", str(journal))
    bad = [
        " ".join(sql.split())[:300]
        for sql in captured(monkeypatch, argv)
        if re.search(r"\bLIMIT \d+\s*$", sql, re.I) and sorted_in_memory(journal, sql.replace("?", "NULL"))
    ]
    assert not bad, "\n".join(bad)
