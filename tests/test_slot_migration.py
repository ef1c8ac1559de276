"""``m004_slot``: existing journals get each mentor's slot from what they already hold — the
planned next check-in, else the first meeting — and keep working as before."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from mentorlog.journal.store.db import open_journal
from mentorlog.journal.store.migrations import MIGRATIONS, m001_initial, m002_search

STAMP = "2026-08-01T09:00:00.000000+00:00"


def old_journal(path) -> None:
    """A journal as the schema before the slot left it: three mentors, two meetings."""
    with open_journal(path, write=True, create=True, migrations=[m001_initial, m002_search]) as conn:
        for n, (handle, cadence, nxt) in enumerate(
            [
                ("ada", "FREQ=WEEKLY;INTERVAL=2", "2026-11-26T15:00:00+00:00"),  # planned
                ("grace", "FREQ=WEEKLY", None),  # met, nothing planned
                ("linus", None, None),  # never met
            ]
        ):
            conn.execute(
                "INSERT INTO mentors (uuid, created_at, updated_at, handle, name, cadence, next_checkin)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (f"u{n}", STAMP, STAMP, handle, handle.title(), cadence, nxt),
            )
        meetings = (
            "INSERT INTO meetings (uuid, created_at, updated_at, mentor_id, held_at) VALUES (?, ?, ?, ?, ?)"
        )
        for n, held in enumerate(["2026-11-03T14:30:00+00:00", "2026-11-10T16:05:00+00:00"]):
            conn.execute(meetings, (f"m{n}", STAMP, STAMP, 2, held))  # grace's


def test_the_migration_derives_each_slot(cli, db_path):
    old_journal(db_path)
    found = {m["handle"]: m for m in json.loads(cli("mentor", "list", "--json").stdout)}
    assert found["ada"]["slot"] == "2026-11-26T15:00"
    assert found["grace"]["slot"] == "2026-11-03T14:30"  # the first meeting, not the latest
    assert found["linus"]["slot"] is None
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    assert "slot" in [r[1] for r in conn.execute("PRAGMA table_info(mentors)")]
    # the mentors did not change, the schema did
    assert {r[0] for r in conn.execute("SELECT updated_at FROM mentors")} == {STAMP}


def test_a_migrated_journal_keeps_the_schedule(cli, db_path, monkeypatch):
    old_journal(db_path)
    monkeypatch.setenv("MENTORLOG_NOW", "2026-11-17T15:20:00")
    out = cli("log", "grace", "--notes", "held late").stdout  # weekly from Tue 3 Nov 14:30
    assert "Next check-in: Tue 24 Nov 2026 14:30." in out
    monkeypatch.setenv("MENTORLOG_NOW", "2026-11-24T10:00:00")
    cli("log", "linus", "--notes", "first time")  # the first meeting gives the slot
    assert json.loads(cli("mentor", "show", "linus", "--json").stdout)["slot"] == "2026-11-24T10:00"


def test_m007_adds_the_slot_zone_and_history_records_it(cli, db_path, tmp_path):
    """A journal from before ``m007_slot_zone``: its slots stay local (NULL zone), and a slot
    an invitation gives later is recorded in history with its zone, so undo takes it back."""
    with open_journal(db_path, write=True, create=True, migrations=MIGRATIONS[:5]) as conn:
        conn.execute(
            "INSERT INTO mentors (uuid, created_at, updated_at, handle, name, cadence, next_checkin, slot)"
            " VALUES ('u1', ?, ?, 'ada', 'Ada', 'FREQ=WEEKLY', ?, '2026-11-26T15:00')",
            (STAMP, STAMP, "2026-11-26T15:00:00+00:00"),
        )
    shown = json.loads(cli("mentor", "show", "ada", "--json").stdout)
    assert (shown["slot"], shown["slot_zone"]) == ("2026-11-26T15:00", None)
    invite = Path(__file__).parent / "data" / "fastmail_sydney.ics"  # Thursdays 09:00 Sydney
    cli("mentor", "edit", "ada", "--from-invite", str(invite))
    assert json.loads(cli("mentor", "show", "ada", "--json").stdout)["slot_zone"] == "Australia/Sydney"
    cli("undo", "--yes")
    shown = json.loads(cli("mentor", "show", "ada", "--json").stdout)
    assert (shown["slot"], shown["slot_zone"], shown["rrule"]) == ("2026-11-26T15:00", None, "FREQ=WEEKLY")
    cli("doctor")  # exit 0: history and triggers whole


def test_an_old_journal_whose_migration_record_is_gone_still_migrates(cli, db_path):
    """user_version says which migrations ran; sqlite-utils' own record of them
    (_sqlite_migrations) may be tidied away by another tool. It then ran m001 again, and every
    write failed on "table mentors already exists" while doctor said all was well (hostile pass)."""
    with open_journal(db_path, write=True, create=True, migrations=MIGRATIONS[:4]) as conn:
        conn.execute(
            "INSERT INTO mentors (uuid, created_at, updated_at, handle, name) "
            "VALUES ('u1', '2026-01-01T00:00:00+00:00', '2026-01-01T00:00:00+00:00', 'ada', 'Ada')"
        )
    conn = sqlite3.connect(db_path)
    conn.execute("DROP TABLE _sqlite_migrations")
    conn.commit()
    conn.close()
    cli("todo", "add", "x", "--mentor", "ada")
    cli("doctor")
