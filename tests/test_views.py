"""review, remind, progress, report and demo, on a journal built with known dates."""

from __future__ import annotations

import io
import json
import os
import sqlite3
from pathlib import Path

import pytest

from helpers import run_process, snapshot


@pytest.fixture
def story(cli, monkeypatch):
    """Ada (fortnightly) and Grace (informal) over two months, ending 2026-11-24 10:00."""

    def at(when):
        monkeypatch.setenv("MENTORLOG_NOW", when)

    at("2026-08-01T09:00:00")
    cli("mentor", "add", "Ada Lovelace", "--every", "2 weeks")
    cli("mentor", "add", "Grace Hopper", "--informal")
    cli("goal", "add", "Lead a design review", "-m", "ada")
    at("2026-10-01T09:00:00")
    cli("log", "ada", "--on", "2026-10-01 09:00", "--notes", "SECRET NOTES", "--advice", "Old advice")
    at("2026-10-05T18:00:00")  # an application is typed in once it happened (--on is never later)
    cli("advice", "apply", "1", "Applied before the last meeting", "--on", "2026-10-05")
    at("2026-11-10T16:00:00")
    cli("log", "ada", "--on", "2026-11-10 15:00", "--notes", "more notes", "--advice", "Fresh advice",
        "--todo", "Done before", "--next", "2026-11-26 15:00")  # fmt: skip
    cli("todo", "done", "1", "--on", "2026-11-10")
    cli("advice", "add", "grace", "Grace's advice")
    cli("topic", "add", "grace", "Grace topic")
    at("2026-11-20T12:00:00")
    cli("advice", "apply", "2", "Used the fresh advice", "--outcome", "worked", "--on", "2026-11-18")
    cli("todo", "add", "Overdue one", "-m", "ada", "--due", "2026-11-21", "--goal", "1")
    cli("todo", "add", "Later one", "-m", "ada", "--due", "2026-12-10")
    cli("todo", "add", "Finished", "-m", "ada")
    cli("todo", "done", "4", "--on", "2026-11-19")
    cli("topic", "add", "ada", "A concern", "--kind", "concern")
    cli("topic", "add", "ada", "A question")
    cli("topic", "add", "ada", "A win", "--kind", "win")
    cli("advice", "add", "ada", "Parked advice")
    cli("advice", "park", "4", "--until", "2026-11-22")
    at("2026-11-24T10:00:00")
    return cli


def review_json(cli, *args):
    return json.loads(cli("review", *args, "--json").stdout)


def test_review_json_sections(story):
    r = review_json(story)
    assert set(r) >= {"mentor", "next_checkin", "last_meeting", "topics", "report_back", "todos_done",
                      "todos_open", "advice_waiting", "goals", "nudges"}  # fmt: skip
    assert r["mentor"]["handle"] == "ada"  # the soonest check-in
    assert r["next_checkin"]["relative"] == "in 2 days"
    assert r["last_meeting"]["days_since"] == 14
    assert [t["kind"] for t in r["topics"]] == ["question", "concern", "win"]
    assert [b["what"] for b in r["report_back"]] == ["Used the fresh advice"]  # not the one before
    # "Done before" was ticked the moment the meeting was logged (one pinned instant): reported in it
    assert [t["text"] for t in r["todos_done"]] == ["Finished"]
    assert [t["text"] for t in r["todos_open"]] == ["Overdue one", "Later one"]
    assert [(w["text"], w["reason"]) for w in r["advice_waiting"]] == [("Parked advice", "parked")]
    assert r["goals"][0]["progress"] == {"done": 0, "total": 1}
    assert any("You have not thanked Ada Lovelace yet" in n for n in r["nudges"])
    assert any("not prepared" in n for n in r["nudges"])
    text = json.dumps(r)
    assert "Grace" not in text and "grace" not in text  # other mentors never mixed in


def test_untried_advice_waits_oldest_first(story):
    story("advice", "add", "ada", "Newer untried", "--on", "2026-11-21")
    story("advice", "add", "ada", "Older untried", "--on", "2026-10-02")
    waiting = [(w["text"], w["reason"], w["age_days"]) for w in review_json(story)["advice_waiting"]]
    assert waiting == [
        ("Older untried", "untried", 53),
        ("Newer untried", "untried", 3),
        ("Parked advice", "parked", 2),
    ]


def test_review_of_named_mentor_and_unknown(story, db_path):
    r = review_json(story, "grace")
    assert r["mentor"]["handle"] == "grace" and r["next_checkin"]["relative"] == "not scheduled"
    assert [t["text"] for t in r["topics"]] == ["Grace topic"]
    assert any("No check-in is scheduled" in n for n in r["nudges"])
    before = snapshot(db_path)
    assert "no mentor 'zed'" in story("review", "zed", code=1).stderr
    assert snapshot(db_path) == before


def test_overdue_checkin_counts_as_soonest(story):
    story("mentor", "edit", "grace", "--next", "2026-11-20 10:00")
    assert review_json(story)["mentor"]["handle"] == "grace"


def test_review_marks_next_meeting_prepared(story, monkeypatch):
    story("review", "ada")
    monkeypatch.setenv("MENTORLOG_NOW", "2026-11-26T16:00:00")  # a check-in is logged once held
    story("log", "ada", "--on", "2026-11-26 15:00", "--notes", "prepared one")
    monkeypatch.setenv("MENTORLOG_NOW", "2026-12-20T10:00:00")
    story("log", "ada", "--on", "2026-12-20 09:00", "--notes", "unprepared: review was 3+ days before")
    prepared = {m["notes"]: m["prepared"] for m in json.loads(story("meeting", "list", "--json").stdout)}
    assert prepared["prepared one"] is True
    assert prepared["unprepared: review was 3+ days before"] is False


def test_review_text_sections_in_order(story):
    out = story("review", "ada").stdout
    order = ["Ada Lovelace", "To raise", "Report back", "Action items", "Advice waiting", "Goals", "Nudges"]
    positions = [out.index(word) for word in order]
    assert positions == sorted(positions)
    assert "in 2 days" in out and "overdue by 3 days" in out and "Used the fresh advice → worked" in out
    assert "SECRET" not in out


def test_waiting_advice_is_a_screenful_in_order_with_a_bounded_count(cli, monkeypatch):
    """Untried advice oldest first, then parked advice whose time is up; the brief shows the
    first of them in that order, and counts untried advice only up to 100 ("N+ more")."""
    from mentorlog.journal.advice import UNTRIED_COUNT_CAP

    cli("mentor", "add", "Ada Lovelace")
    monkeypatch.setenv("MENTORLOG_NOW", "2026-01-01T09:00:00")
    cli("advice", "add", "ada", "Parked first")
    cli("advice", "park", "1", "--until", "2026-02-01")
    many = [arg for n in range(2, 12) for arg in ("--advice", f"Piece {n}")]
    cli("log", "ada", "--notes", "x", *many)
    cli("advice", "apply", "3", "Tried piece 3")
    monkeypatch.setenv("MENTORLOG_NOW", "2026-11-24T10:00:00")
    waiting = [w["id"] for w in review_json(cli)["advice_waiting"]]
    assert waiting == [2, *range(4, 12), 1]  # untried by date, then the parked one back now
    out = cli("review").stdout
    shown = [int(line.split("[")[1].split("]")[0]) for line in out.splitlines() if line.startswith("  • [")]
    assert shown == waiting[:8] and "… and 2 more (--json shows all)" in out
    monkeypatch.setenv("MENTORLOG_NOW", "2026-01-02T09:00:00")
    pieces = [arg for n in range(UNTRIED_COUNT_CAP - 9) for arg in ("--advice", f"More {n}")]
    cli("log", "ada", "--notes", "y", *pieces)  # exactly the cap: still an exact count
    monkeypatch.setenv("MENTORLOG_NOW", "2026-11-24T10:00:00")
    more = UNTRIED_COUNT_CAP + 1 - 8  # the untried and the parked one, less the eight shown
    assert f"… and {more} more (--json shows all)" in cli("review").stdout
    assert f"{UNTRIED_COUNT_CAP} pieces of advice from Ada Lovelace" in cli("remind").stdout
    cli("advice", "add", "ada", "One past the cap", "--on", "2026-01-02")
    assert f"… and {more}+ more (--json shows all)" in cli("review").stdout
    assert f"{UNTRIED_COUNT_CAP}+ pieces of advice from Ada Lovelace" in cli("remind").stdout
    assert len(review_json(cli)["advice_waiting"]) == UNTRIED_COUNT_CAP + 1 + 1


def test_empty_sections_are_left_out(cli):
    cli("mentor", "add", "Ada Lovelace", "--next", "fri 3pm")
    out = cli("review").stdout
    for section in ("Report back", "Action items", "Advice waiting", "Goals"):
        assert section not in out
    assert "Nudges" in out


def test_review_without_journal_or_mentors(cli, db_path):
    assert "no journal" in cli("review", code=1).stderr
    assert not db_path.exists()
    cli("todo", "add", "x")
    assert "no active mentors" in cli("review", code=1).stderr


def test_agenda_has_topics_and_applications_only(story):
    out = story("review", "ada", "--agenda").stdout
    assert out.startswith("# Agenda for our check-in — Thu 26 Nov 2026 15:00")
    assert "Question: A question" in out and "Concern: A concern" in out and "Win: A win" in out
    assert "Fresh advice → Used the fresh advice → worked" in out
    for absent in ("SECRET", "more notes", "Overdue one", "Grace"):
        assert absent not in out


def test_remind(story):
    lines = story("remind").stdout.splitlines()
    assert lines[0] == "Check-in with Ada Lovelace in 2 days (Thu 26 Nov 2026 15:00)"
    assert "Todo 2 overdue by 3 days: Overdue one (ada)" in lines
    assert any(line.startswith("Parked advice 4 is back (ada)") for line in lines)
    assert any("No thanks to Ada Lovelace yet" in line for line in lines)
    assert not any("Later one" in line for line in lines)  # due in 16 days
    data = json.loads(story("remind", "--within", "20", "--json").stdout)
    assert {"kind", "mentor", "text", "due"} == set(data[0])
    assert "Later one" in " ".join(r["text"] for r in data)
    assert not any(r["kind"] == "advice" for r in data)  # all untried advice is younger than 30 days


def test_remind_untried_advice_and_no_checkin(cli, monkeypatch):
    monkeypatch.setenv("MENTORLOG_NOW", "2026-09-01T10:00:00")
    cli("mentor", "add", "Grace Hopper")
    cli("log", "grace", "--notes", "coffee", "--advice", "Try this")
    cli("thanks", "add", "grace", "thanks")
    monkeypatch.setenv("MENTORLOG_NOW", "2026-10-15T10:00:00")
    out = cli("remind").stdout
    assert "No check-in scheduled with Grace Hopper; last met 44 days ago" in out
    assert "1 piece of advice from Grace Hopper untried for 30+ days" in out


def test_remind_is_silent_without_journal_and_when_nothing_is_due(cli, db_path):
    result = cli("remind", "--exit-code")
    assert result.stdout == "" and result.stderr == ""
    assert not db_path.exists()
    db_path.write_bytes(b"")  # an empty file is not a journal yet: still silent
    assert cli("remind", "--exit-code").stdout == ""
    cli("mentor", "add", "Ada Lovelace")
    assert cli("remind", "--exit-code").stdout == ""
    cli("todo", "add", "x", "--due", "today")
    assert cli("remind", "--exit-code", code=1).stdout.startswith("Todo 1 due today: x")


def test_remind_skips_ended_mentors(story):
    story("mentor", "end", "ada")
    assert "Ada" not in story("remind").stdout


def test_progress_json(story):
    p = json.loads(story("progress", "ada", "--json").stdout)
    assert set(p) >= {"meetings", "cadence_kept", "on_time", "prepared", "todos", "advice", "thanks", "goals"}
    assert p["meetings"]["total"] == 2 and p["meetings"]["by_month"]["2026-11"] == 1
    assert set(p["todos"]) >= {
        "opened",
        "done",
        "dropped",
        "overdue",
        "completion_rate",
        "median_days_to_done",
    }
    assert p["todos"]["overdue"] == 1 and p["todos"]["done"] == 2
    assert set(p["advice"]) >= {"received", "applied_share", "median_days_to_apply", "outcomes"}
    assert p["advice"]["received"] == 3 and p["advice"]["outcomes"]["worked"] == 1
    assert p["on_time"] == 1.0 and p["prepared"] == 0.0
    assert 0 < p["cadence_kept"] < 1  # two check-ins where the cadence asked for about eight
    assert p["activity"]["2026-11-10"] >= 1


def test_progress_text_and_save(story, tmp_path):
    out = story("progress").stdout
    for part in ("Meetings per month", "Activity", "cadence kept", "completion rate", "outcomes", "Goals"):
        assert part in out
    target = tmp_path / "progress.svg"
    story("progress", "--save", str(target))
    assert target.read_text().lstrip().startswith("<svg")
    assert "exists already" in story("progress", "--save", str(target), code=2).stderr
    assert ".svg or .html" in story("progress", "--save", str(tmp_path / "p.png"), code=2).stderr


def test_report_letter(story, tmp_path):
    out = story("report", "ada", "--since", "2026-09-01").stdout
    assert out.startswith("# What your advice led to — Ada Lovelace")
    assert "Used the fresh advice — *worked*" in out and "Finished" in out
    for absent in ("SECRET", "more notes", "A concern", "A question", "Grace"):
        assert absent not in out
    target = tmp_path / "letter.md"
    story("report", "ada", "-o", str(target))
    assert target.read_text().startswith("# What your advice led to")
    assert "exists already" in story("report", "ada", "-o", str(target), code=2).stderr
    assert "--until" in story("report", "ada", "--until", "bad", code=2).stderr
    data = json.loads(story("report", "ada", "--json").stdout)
    assert data["checkins"] == ["2026-10-01", "2026-11-10"]
    assert [a["text"] for a in data["advice"]] == ["Old advice", "Fresh advice", "Parked advice"]
    assert "SECRET" not in json.dumps(data) and "grace" not in json.dumps(data)


def test_report_goals_are_those_open_during_the_period(cli, monkeypatch):
    def at(when):
        monkeypatch.setenv("MENTORLOG_NOW", when)

    cli("mentor", "add", "Ada Lovelace")
    at("2025-01-10T09:00:00")
    cli("goal", "add", "Closed long ago", "-m", "ada")
    cli("goal", "add", "Closed in the period", "-m", "ada")
    cli("goal", "add", "Still active", "-m", "ada")
    cli("goal", "done", "1")
    at("2026-10-01T09:00:00")
    cli("goal", "drop", "2")
    at("2026-10-15T09:00:00")
    cli("goal", "add", "Set after the period", "-m", "ada")
    at("2026-11-24T10:00:00")
    data = json.loads(cli("report", "ada", "--since", "2026-09-01", "--until", "2026-10-14", "--json").stdout)
    assert [g["text"] for g in data["goals"]] == ["Still active", "Closed in the period"]
    letter = cli("report", "ada", "--since", "2026-09-01", "--until", "2026-10-14").stdout
    assert "- Closed in the period: dropped" in letter and "Closed long ago" not in letter
    # the period's days are local: a goal set on its last evening belongs to it wherever UTC is
    # (a process of its own: the time zone is read at start-up)
    west = {"TZ": "America/Los_Angeles", "MENTORLOG_NOW": "2026-10-14T20:00:00"}
    assert run_process("goal", "add", "Set on the last evening", "-m", "ada", env=west).returncode == 0
    west["MENTORLOG_NOW"] = "2026-11-24T10:00:00"
    report = run_process(
        "report", "ada", "--since", "2026-09-01", "--until", "2026-10-14", "--json", env=west
    )
    assert "Set on the last evening" in [g["text"] for g in json.loads(report.stdout)["goals"]]
    # a closed goal whose closing day nobody recorded (imported) is not silently left out
    with sqlite3.connect(os.environ["MENTORLOG_DB"]) as conn:
        conn.execute("UPDATE goals SET closed_on = NULL WHERE id = 1")
    data = json.loads(cli("report", "ada", "--since", "2026-09-01", "--until", "2026-10-14", "--json").stdout)
    assert "Closed long ago" in [g["text"] for g in data["goals"]]


def test_demo_leaves_user_data_alone(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    env = {"HOME": str(home), "XDG_DATA_HOME": str(home / "data"), "MENTORLOG_NOW": ""}
    env_clean = {k: v for k, v in os.environ.items() if k != "MENTORLOG_DB"}
    env_clean.update(env)
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "mentorlog", "demo", "--db", str(tmp_path / "demo.db")],
        capture_output=True, text=True, env=env_clean, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    for section in ("To raise", "Report back", "Action items", "Advice waiting", "Goals", "mentorlog remind"):
        assert section in result.stdout
    assert list(home.iterdir()) == []
    assert (tmp_path / "demo.db").exists()
    again = run_process("demo", "--db", str(tmp_path / "demo.db"))
    assert again.returncode == 2 and "exists already" in again.stderr


def test_renderers_on_a_fixed_width_console(story):
    from rich.console import Console

    from mentorlog.core import dates
    from mentorlog.journal.store.db import open_journal
    from mentorlog.render.views import progress, review
    from mentorlog.views import progress as progress_view
    from mentorlog.views import review as review_view

    with open_journal(Path(os.environ["MENTORLOG_DB"]), write=False) as conn:
        brief = review_view.build(conn, review_view.choose_mentor(conn, "ada"), dates.now())
        long_view = progress_view.build(
            conn, since=dates.today().replace(month=8, day=1), today=dates.today(), mentor=None
        )
    buffer = io.StringIO()
    console = Console(file=buffer, width=80, no_color=True, markup=False)
    console.print(review(brief))
    console.print(progress(long_view))
    text = buffer.getvalue()
    assert all(len(line) <= 80 for line in text.splitlines())
    assert "[3] A question" in text
    assert "Mon" in text and "Wed" in text


def test_prepared_nudge_counts_the_latest_unprepared_check_ins(story, monkeypatch):
    assert "Your last 2 check-ins were not prepared" in " ".join(review_json(story, "ada")["nudges"])
    monkeypatch.setenv("MENTORLOG_NOW", "2026-11-25T16:00:00")  # a check-in is logged once held
    story("log", "ada", "--on", "2026-11-25 15:00", "--notes", "prepared by the review just run")
    monkeypatch.setenv("MENTORLOG_NOW", "2026-12-20T10:00:00")
    story("log", "ada", "--on", "2026-12-20 09:00", "--notes", "not prepared")
    nudges = " ".join(review_json(story, "ada")["nudges"])
    assert "Your last check-in was not prepared" in nudges


def on_a_terminal(*args: str, columns: int) -> str:
    """What ``mentorlog ARGS`` prints on a terminal ``columns`` wide (a pseudo-terminal)."""
    import os
    import pty
    import subprocess
    import sys

    primary, secondary = pty.openpty()
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "mentorlog", *args],
            stdout=secondary,
            stderr=subprocess.PIPE,
            env={**os.environ, "COLUMNS": str(columns)},
            timeout=30,
        )
        os.close(secondary)
        secondary = -1
        chunks = []
        while True:
            try:
                chunk = os.read(primary, 65536)
            except OSError:  # the terminal's other end closed: all is read
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(primary)
        if secondary != -1:
            os.close(secondary)
    assert proc.returncode == 0, proc.stderr
    return b"".join(chunks).decode().replace("\r\n", "\n")


def test_remind_wraps_at_the_terminal_width_and_never_when_piped(cli):
    cli("mentor", "add", "Ada Lovelace")
    text = "Write the design document for the onboarding flow and send it to the whole team"
    cli("todo", "add", text, "--due", "today", "-m", "ada")
    line = f"Todo 1 due today: {text} (ada)"
    assert cli("remind").stdout == line + "\n"  # piped: one line, however long
    out = on_a_terminal("remind", columns=40)
    lines = out.splitlines()
    assert len(lines) > 1 and all(len(row) <= 40 for row in lines)
    assert all(row.startswith("  ") for row in lines[1:])  # continuation lines are indented
    assert " ".join(row.strip() for row in lines) == line  # no word broken, nothing lost


def test_an_agenda_for_the_mentor_review_chose_names_them(cli, ada, monkeypatch):
    # grace's check-in comes first; `review --agenda` without a mentor says it is hers
    monkeypatch.setenv("MENTORLOG_NOW", "2026-11-25T10:00:00")
    cli("mentor", "edit", "grace", "--next", "2026-11-25 16:00")
    cli("topic", "add", "grace", "How do I say no?")
    out = cli("review", "--agenda").stdout
    assert out.startswith("# Agenda for our check-in with Grace Hopper — Wed 25 Nov 2026 16:00\n")
    assert cli("review", "grace", "--agenda").stdout.startswith("# Agenda for our check-in — Wed 25 Nov")


def test_report_lists_the_latest_todos_done_and_counts_the_rest(cli, ada, monkeypatch):
    """Ten years of todos done are a count in the letter, not ten thousand lines (SPEC §7)."""
    from mentorlog.views.report import TODOS_SHOWN

    for n in range(TODOS_SHOWN + 5):
        monkeypatch.setenv("MENTORLOG_NOW", f"2026-{9 + n // 28:02d}-{1 + n % 28:02d}T09:00:00")
        cli("todo", "add", f"Step {n}", "-m", "ada")
        cli("todo", "done", str(n + 1))
    monkeypatch.setenv("MENTORLOG_NOW", "2026-11-24T10:00:00")
    letter = cli("report", "ada", "--since", "2026-09-01").stdout
    listed = [line for line in letter.splitlines() if line.startswith("- Step ")]
    assert listed[0].startswith("- Step 5 (") and listed[-1].startswith(f"- Step {TODOS_SHOWN + 4} (")
    assert len(listed) == TODOS_SHOWN
    assert f"The latest {TODOS_SHOWN} of the {TODOS_SHOWN + 5} done in this period:" in letter
    data = json.loads(cli("report", "ada", "--since", "2026-09-01", "--json").stdout)
    assert [t["text"] for t in data["todos_done"]] == [f"Step {n}" for n in range(TODOS_SHOWN + 5)]


def test_report_since_a_day_to_come_says_it_is_after_today(cli, ada):
    result = cli("report", "ada", "--since", "2026-12-01", code=2)
    assert "--since 2026-12-01 is after today, 2026-11-24." in result.stderr
