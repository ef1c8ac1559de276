"""Numbers and ids out of range are usage errors (exit 2) that name the input, never an
internal error, and change nothing (SPEC §2, §6)."""

from __future__ import annotations

import json

import pytest

from helpers import snapshot

CASES = [
    (["todo", "done", "٣"], "'٣' is not an id"),
    (["todo", "done", "３"], "is not an id"),
    (["todo", "done", "+3"], "is not an id"),
    (["todo", "done", "3_0"], "is not an id"),
    (["todo", "done", "-1"], ""),
    (["todo", "done", "99999999999999999999"], "is not an id"),
    (["advice", "show", "1e3"], "is not an id"),
    (["meeting", "show", "0x10"], "is not an id"),
    (["todo", "add", "x", "--goal", "٣"], "is not an id"),
    (["log", "ada", "--notes", "n", "--raised", "99999999999999999999"], "is not an id"),
    (["log", "ada", "--notes", "n", "--minutes", "99999999999999999999"], "--minutes"),
    (["log", "ada", "--notes", "n", "--minutes", "-5"], ""),
    (["log", "ada", "--notes", "n", "--minutes", "٣٠"], "--minutes"),
    (["meeting", "edit", "1", "--minutes", "100000"], "--minutes"),
    (["meeting", "list", "--limit", "0"], "--limit"),
    (["remind", "--within", "99999999999"], "--within"),
    (["todo", "add", "x", "--due", "10000-01-01"], "--due"),
    (["todo", "add", "x", "--due", "in 999999 months"], "--due"),
    (["todo", "add", "x", "--due", "0000-01-01"], "--due"),
]


@pytest.mark.parametrize(
    ("args", "message"), CASES, ids=lambda v: " ".join(v) if isinstance(v, list) else None
)
def test_out_of_range_is_a_usage_error_and_changes_nothing(cli, ada, db_path, args, message):
    cli("log", "ada", "--notes", "first")
    before = snapshot(db_path)
    result = cli(*args, code=2)
    assert message in result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    assert snapshot(db_path) == before


def test_a_repeated_id_counts_once(cli, ada):
    for text in ("a", "b", "c", "d"):
        cli("todo", "add", text)
    out = cli("todo", "done", "2", "4", "2").stdout
    assert out.count("Done todo 2") == 1 and out.count("Done todo 4") == 1
    done = [t["id"] for t in json.loads(cli("todo", "list", "--done", "--json").stdout)]
    assert sorted(done) == [2, 4]


@pytest.mark.parametrize(
    "args",
    [
        ["mentor", "add", "Bob Kahn", "--every", "week", "--next", "9999-12-30 10:00"],
        ["mentor", "edit", "ada", "--next", "9999-12-30"],
        ["todo", "add", "x", "--due", "9999-12-31"],
        ["log", "ada", "--notes", "n", "--next", "9500-01-01"],
        ["log", "ada", "--notes", "n", "--todo", "x (due 9999-12-31)"],
        ["log", "ada", "--notes", "n", "--on", "1850-06-01"],
        ["advice", "park", "1", "--until", "9999-01-01"],
    ],
)
def test_dates_outside_the_years_mentorlog_keeps_are_refused_at_the_door(cli, ada, db_path, args):
    """A next check-in in 9999 got in through --next, and every later `log` overflowed; now
    each door bounds what it lets in (dates.check_bounds, years 1900-9000)."""
    from helpers import snapshot

    cli("advice", "add", "ada", "Write first")
    before = snapshot(db_path)
    result = cli(*args, code=2)
    assert "out of range" in result.stderr and "1900" in result.stderr, result.stderr
    assert snapshot(db_path) == before


def test_a_pinned_clock_is_bounded_in_utc_as_well_as_local_time(cli, ada, monkeypatch):
    """1900-01-01 00:30 in Tokyo is 1899 in UTC, where every stamp is written."""
    from helpers import run_process

    result = run_process("todo", "add", "x", env={"TZ": "Asia/Tokyo", "MENTORLOG_NOW": "1900-01-01T00:30:00"})
    assert result.returncode == 2, result.stdout
    assert "MENTORLOG_NOW" in result.stderr and "out of range" in result.stderr
