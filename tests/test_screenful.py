"""A command shows a screenful and counts the rest in SQL, whatever the journal's shape (SPEC §7):
it never turns every row into a Python object to show eight lines. The journals are
bench/generate.py's shapes (a neglected one, one with many open topics, one with a long
history); each command's constructed row objects (``Row.from_row`` and every ``Record``) are
counted and must stay within what it printed plus one page. Counts, never timings."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import Run, shared_by_workers

BENCH = Path(__file__).resolve().parent.parent / "bench" / "generate.py"
SCALES = {"neglected": 0.1, "one-mentor": 0.3, "many-topics": 0.5, "long-history": 0.1}
# (shape, argv): the screenful commands on the journals where they once built every row.
COMMANDS = [
    ("neglected", ["remind"]),
    ("neglected", ["review", "ada"]),
    ("neglected", ["todo", "list"]),
    ("neglected", ["todo", "list", "--overdue"]),
    ("neglected", ["advice", "list", "--untried"]),
    ("one-mentor", ["review", "ada"]),
    ("many-topics", ["review", "ada"]),
    ("many-topics", ["topic", "list"]),
    ("long-history", ["history"]),
    ("long-history", ["history", "--limit", "5"]),
]


@pytest.fixture(scope="module")
def journals(tmp_path_factory):
    """Each shape's journal, generated once per run (the workers share it) and copied once
    into this worker's files."""
    copies: dict[str, Path] = {}

    def generate(path: Path, shape: str) -> None:
        argv = [sys.executable, str(BENCH), str(path), "--scale", str(SCALES[shape]), "--shape", shape]
        subprocess.run(argv, check=True, capture_output=True)

    def journal(shape: str) -> Path:
        if shape not in copies:
            made = shared_by_workers(tmp_path_factory, f"{shape}.db", lambda path: generate(path, shape))
            copies[shape] = tmp_path_factory.mktemp(shape) / "journal.db"
            shutil.copy2(made, copies[shape])
        return copies[shape]

    return journal


def built(monkeypatch, argv: list[str]) -> tuple[int, str]:
    """How many row objects running ``argv`` constructed, and what it printed."""
    from mentorlog.core.record import Record
    from mentorlog.journal.rows import Row

    count = 0
    real_from_row, real_init = Row.from_row.__func__, Record.__init__

    def from_row(cls, row):
        nonlocal count
        count += 1
        return real_from_row(cls, row)

    def init(self, *args, **kwargs):
        nonlocal count
        count += 1
        real_init(self, *args, **kwargs)

    monkeypatch.setattr(Row, "from_row", classmethod(from_row))
    monkeypatch.setattr(Record, "__init__", init)
    result = Run()(*argv)
    monkeypatch.undo()
    return count, result.stdout


@pytest.mark.parametrize(("shape", "argv"), COMMANDS, ids=lambda v: v if isinstance(v, str) else " ".join(v))
def test_a_command_builds_what_it_shows_plus_one_page(journals, monkeypatch, shape, argv):
    from mentorlog.render.console import LIST_LIMIT

    monkeypatch.setenv("MENTORLOG_DB", str(journals(shape)))
    monkeypatch.setenv("COLUMNS", "100")
    n, out = built(monkeypatch, argv)
    shown = len(out.splitlines())
    assert n <= shown + LIST_LIMIT, f"{' '.join(argv)} built {n} row objects to print {shown} lines"


def test_undo_of_an_import_is_set_wise_in_bounded_memory(journals, tmp_path, monkeypatch):
    """The long history's newest change imported 10,000 todos (at this scale): undo reverts it
    with a handful of statements (not a few per row) and without holding its rows in Python."""
    import shutil
    import sqlite3
    import tracemalloc

    from mentorlog.journal.store import db

    path = tmp_path / "journal.db"
    shutil.copy(journals("long-history"), path)
    monkeypatch.setenv("MENTORLOG_DB", str(path))
    conn = sqlite3.connect(path)
    imported = conn.execute(
        "SELECT count(*) FROM change_rows WHERE change_id = (SELECT max(id) FROM changes)"
    ).fetchone()[0]
    todos_before = conn.execute("SELECT count(*) FROM todos").fetchone()[0]
    conn.close()
    assert imported >= 10_000
    # Trigger programs (the search index's) report their own statements, and the statement
    # that fired them again each time: count the command's own, each run once (and hold only
    # the last one, so the count does not weigh on the memory measured).
    own = {"n": 0, "last": None}

    def count(sql: str) -> None:
        if not sql.startswith("--") and sql != own["last"]:
            own["n"] += 1
            own["last"] = sql

    real = db._connect

    def tracing(*args, **kwargs):
        c = real(*args, **kwargs)
        c.set_trace_callback(count)
        return c

    monkeypatch.setattr(db, "_connect", tracing)
    tracemalloc.start()
    try:
        out = Run()("undo", "--yes").stdout
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert out.startswith('Undid "import old-journal.json"') and "delete todos" in out
    assert own["n"] < 100, f"{own['n']} statements to undo {imported} rows"
    assert peak < 4 * 2**20, f"undo of {imported} rows peaked at {peak / 2**20:.1f} MiB in Python"
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM todos").fetchone()[0] == todos_before - imported
    conn.close()


def test_history_names_a_large_change_by_table_and_operation(journals, monkeypatch):
    """The import's 10,000 rows are counted from the index on (change, table, operation, row):
    one run of ids, as a small change would show it."""
    monkeypatch.setenv("MENTORLOG_DB", str(journals("long-history")))
    first = Run()("history", "--limit", "1").stdout.splitlines()[1]
    assert "import old-journal.json" in first and "added todos" in first and "(" not in first
