"""Growth (SPEC §2): skills with dated self-ratings, the feedback ledger, a check-in's private
rating and what a mentor offered — through review, progress and report, as a user acts."""

from __future__ import annotations

import json

import pytest

from helpers import editor_script, run_process, snapshot


def as_json(cli, *args):
    return json.loads(cli(*args, "--json").stdout)


def at(monkeypatch, when: str) -> None:
    monkeypatch.setenv("MENTORLOG_NOW", when)


# --- skills ---------------------------------------------------------------------------------


def test_a_skill_rated_2_3_4_over_six_months_reads_2_to_4_in_review_and_three_steps_in_progress(
    cli, ada, monkeypatch
):
    at(monkeypatch, "2026-05-20T10:00:00")
    cli("skill", "add", "Writing design docs", "--mentor", "ada", "--rate", "2", "--evidence", "first RFC")
    at(monkeypatch, "2026-08-20T10:00:00")
    cli("skill", "rate", "1", "3", "--evidence", "RFC with one review round")
    at(monkeypatch, "2026-11-20T10:00:00")
    cli("skill", "rate", "1", "4")
    at(monkeypatch, "2026-11-24T10:00:00")

    review = cli("review", "ada").stdout
    assert "Growth" in review and "Writing design docs 2 → 4" in review
    [skill] = as_json(cli, "review", "ada")["growth"]
    assert (skill["first"], skill["latest"]) == (
        {"rating": 2, "on": "2026-05-20"},
        {"rating": 4, "on": "2026-11-20"},
    )

    progress = cli("progress").stdout
    assert "Writing design docs  ▃▄▆ 2 → 3 → 4" in progress  # three steps
    [steps] = as_json(cli, "progress")["skills"]
    assert [s["rating"] for s in steps["steps"]] == [2, 3, 4]


def test_progress_save_draws_the_skill_step_line(cli, ada, tmp_path, monkeypatch):
    at(monkeypatch, "2026-09-01T10:00:00")
    cli("skill", "add", "Estimating", "--rate", "1")
    at(monkeypatch, "2026-11-24T10:00:00")
    cli("skill", "rate", "1", "3")
    out = tmp_path / "p.html"
    cli("progress", "--save", str(out))
    assert "Estimating" in out.read_text() and "1 → 3" in out.read_text()


def test_skill_list_shows_latest_first_and_the_change_over_90_days(cli, ada, monkeypatch):
    cli("skill", "add", "Public speaking")
    cli("skill", "rate", "1", "1", "--on", "2026-10-01", "--evidence", "froze at demo day")
    cli("skill", "rate", "1", "2", "--on", "2026-11-01")
    cli("skill", "rate", "1", "3")
    [s] = as_json(cli, "skill", "list")
    assert s["latest"]["rating"] == 3 and s["first"]["rating"] == 1 and s["change_90d"] == 2
    assert set(s) >= {"id", "uuid", "name", "mentor", "goal", "status", "first", "latest", "change_90d"}
    shown = as_json(cli, "skill", "show", "1")
    first = shown["ratings"][0]
    assert (first["rating"], first["evidence"]) == (1, "froze at demo day")
    assert "+2" in cli("skill", "list").stdout


def test_the_change_counts_from_the_rating_in_effect_90_days_ago(cli, monkeypatch):
    cli("skill", "add", "SQL", "--rate", "2")  # today
    cli("skill", "rate", "1", "3", "--on", "2026-06-01")  # backfilled: where it stood 90 days ago
    [s] = as_json(cli, "skill", "list")
    assert s["first"] == {"rating": 3, "on": "2026-06-01"}  # ratings are ordered by their day
    assert s["latest"] == {"rating": 2, "on": "2026-11-24"} and s["change_90d"] == -1


def test_a_skill_unrated_for_90_days_is_nudged_on_day_91_not_day_89(cli, ada, monkeypatch):
    cli("skill", "add", "Delegation", "--mentor", "ada")
    cli("skill", "rate", "1", "2", "--on", "2026-08-27")  # 89 days before Tue 24 Nov
    assert not any("Delegation" in n for n in as_json(cli, "review", "ada")["nudges"])
    at(monkeypatch, "2026-11-26T10:00:00")  # day 91
    nudges = as_json(cli, "review", "ada")["nudges"]
    assert any("Skill 1 (Delegation) was last rated" in n for n in nudges), nudges


def test_skills_of_a_mentors_goal_count_as_theirs_in_review(cli, ada):
    cli("goal", "add", "Lead the migration", "--mentor", "grace")
    cli("skill", "add", "Planning", "--goal", "1", "--rate", "3")
    assert [s["name"] for s in as_json(cli, "review", "grace")["growth"]] == ["Planning"]
    assert as_json(cli, "review", "ada")["growth"] == []


def test_skill_edit_drop_reopen_delete_and_undo(cli, ada, db_path):
    cli("skill", "add", "Typing", "--rate", "2")
    cli("advice", "add", "ada", "Practice daily", "--skill", "1")
    assert as_json(cli, "advice", "list")[0]["skill"] == 1
    cli("skill", "edit", "1", "--name", "Touch typing", "--mentor", "ada")
    assert as_json(cli, "skill", "show", "1")["mentor"] == "ada"
    cli("skill", "drop", "1")
    assert as_json(cli, "skill", "list") == [] and len(as_json(cli, "skill", "list", "--all")) == 1
    assert "dropped skill 1" in cli("history").stdout
    cli("skill", "reopen", "1")
    before = snapshot(db_path)
    cli("skill", "delete", "1", "--yes")
    assert as_json(cli, "advice", "list")[0]["skill"] is None  # the advice stays, unlinked
    cli("undo", "--yes")
    assert snapshot(db_path)["skill_ratings"] == before["skill_ratings"]
    assert as_json(cli, "advice", "list")[0]["skill"] == 1


def test_unknown_skill_and_goal_ids_name_the_list(cli, ada):
    result = cli("skill", "rate", "9", "3", code=1)
    assert "There is no skill 9." in result.stderr and "mentorlog skill list --all" in result.stderr
    assert "There is no skill 4." in cli("advice", "add", "ada", "x", "--skill", "4", code=1).stderr
    assert "There is no goal 2." in cli("skill", "add", "x", "--goal", "2", code=1).stderr


# --- a check-in's rating --------------------------------------------------------------------


def test_log_rating_shows_in_meeting_list_and_show_and_is_edited(cli, ada):
    out = cli("log", "ada", "--notes", "n", "--rating", "3").stdout
    assert "rated 3/4" in out
    assert as_json(cli, "meeting", "list")[0]["rating"] == 3
    assert "3/4" in cli("meeting", "list").stdout and "rated 3/4" in cli("meeting", "show", "1").stdout
    cli("meeting", "edit", "1", "--rating", "1")
    assert as_json(cli, "meeting", "show", "1")["rating"] == 1
    cli("meeting", "edit", "1", "--rating", "none")
    assert as_json(cli, "meeting", "show", "1")["rating"] is None


def test_two_low_rated_checkins_in_a_row_nudge_a_concern(cli, ada):
    cli("log", "ada", "--on", "2026-11-10 15:00", "--notes", "a", "--rating", "2")
    cli("log", "ada", "--on", "2026-11-20 15:00", "--notes", "b", "--rating", "3")
    assert not any("rated 2 or less" in n for n in as_json(cli, "review", "ada")["nudges"])
    cli("meeting", "edit", "2", "--rating", "1")
    assert any("rated 2 or less" in n for n in as_json(cli, "review", "ada")["nudges"])


def test_progress_counts_ratings_by_month(cli, ada):
    cli("log", "ada", "--on", "2026-10-10 15:00", "--notes", "a", "--rating", "2")
    cli("log", "ada", "--on", "2026-10-24 15:00", "--notes", "b", "--rating", "4")
    cli("log", "ada", "--on", "2026-11-20 15:00", "--notes", "c", "--rating", "3")
    months = as_json(cli, "progress")["ratings"]["by_month"]
    assert months == {"2026-10": {"rated": 2, "average": 3.0}, "2026-11": {"rated": 1, "average": 3.0}}
    assert "How useful the check-ins were" in cli("progress").stdout


# --- feedback -------------------------------------------------------------------------------


def test_feedback_add_and_list_by_direction(cli, ada):
    cli("log", "ada", "--notes", "n")
    cli("feedback", "add", "ada", "Lead with the decision", "--meeting", "1")
    cli("feedback", "add", "ada", "Our check-ins run long", "--given", "--on", "2026-11-20")
    rows = as_json(cli, "feedback", "list")
    assert [r["direction"] for r in rows] == ["received", "given"]
    assert set(rows[0]) >= {"id", "uuid", "mentor", "direction", "text", "on", "meeting"}
    assert [r["text"] for r in as_json(cli, "feedback", "list", "ada", "--given")] == [
        "Our check-ins run long"
    ]
    assert len(as_json(cli, "feedback", "list", "--received")) == 1
    assert "There is no mentor" in cli("feedback", "list", "zed", code=1).stderr
    cli("feedback", "list", "--received", "--given", code=2)


def test_feedback_asked_received_given_in_progress(cli, ada):
    cli("topic", "add", "ada", "How was my demo?", "--kind", "feedback")
    cli("log", "ada", "--notes", "n", "--raised", "1", "--feedback", "Slow start, strong finish")
    cli("feedback", "add", "ada", "More agenda please", "--given")
    assert as_json(cli, "progress")["feedback"] == {"asked": 1, "received": 1, "given": 1}


def test_no_feedback_asked_in_three_checkins_nudges(cli, ada):
    for day in ("2026-11-02", "2026-11-10", "2026-11-17"):
        cli("log", "ada", "--on", f"{day} 15:00", "--notes", "n")
    assert any("asked Ada Lovelace for feedback" in n for n in as_json(cli, "review", "ada")["nudges"])
    cli("topic", "add", "ada", "Feedback on my RFC?", "--kind", "feedback")
    assert not any("for feedback" in n for n in as_json(cli, "review", "ada")["nudges"])  # queued
    cli("log", "ada", "--on", "2026-11-23 15:00", "--notes", "n", "--raised", "1")
    assert not any("for feedback" in n for n in as_json(cli, "review", "ada")["nudges"])


# --- offers ---------------------------------------------------------------------------------


def test_offer_add_list_done_decline(cli, ada):
    cli(
        "offer",
        "add",
        "ada",
        "Introduce me to the platform lead",
        "--intro",
        "Sam Okafor",
        "--on",
        "2026-11-01",
    )
    cli("offer", "add", "ada", "Review my talk")
    [first, _] = as_json(cli, "offer", "list")  # open, oldest first
    assert first["person"] == "Sam Okafor" and first["status"] == "open"
    assert set(first) >= {
        "id",
        "uuid",
        "mentor",
        "text",
        "person",
        "status",
        "outcome",
        "on",
        "done_on",
        "meeting",
    }
    cli("offer", "done", "1", "--outcome", "Met Sam; joined the guild")
    cli("offer", "decline", "2")
    assert as_json(cli, "offer", "list") == []
    assert [o["status"] for o in as_json(cli, "offer", "list", "--all")] == ["declined", "done"]
    assert "is done already" in cli("offer", "done", "1", code=2).stderr


def test_review_lists_open_offers_oldest_first_with_age(cli, ada):
    cli("offer", "add", "ada", "Newer offer")
    cli("offer", "add", "ada", "Older offer", "--on", "2026-11-14")
    out = cli("review", "ada").stdout
    assert "They offered" in out and out.index("Older offer") < out.index("Newer offer")
    assert "(offered 10 days ago)" in out
    assert [o["age_days"] for o in as_json(cli, "review", "ada")["offers"]] == [10, 0]


def test_an_offer_done_without_thanks_since_nudges_and_thanks_silences_it(cli, ada):
    cli("thanks", "add", "ada", "For the review", "--on", "2026-11-01")
    cli("offer", "add", "ada", "Intro to Sam", "--intro", "Sam")
    cli("offer", "done", "1", "--outcome", "coffee with Sam")
    nudge = "followed through on offer 1"
    assert any(nudge in n for n in as_json(cli, "review", "ada")["nudges"])
    cli("thanks", "add", "ada", "For the intro to Sam")
    assert not any(nudge in n for n in as_json(cli, "review", "ada")["nudges"])


def test_progress_counts_offers_made_and_done(cli, ada):
    cli("offer", "add", "ada", "a")
    cli("offer", "add", "ada", "b")
    cli("offer", "done", "2")
    assert as_json(cli, "progress")["offers"] == {"made": 2, "done": 1}


# --- log: the template's new lines ---------------------------------------------------------


def test_a_log_from_the_editor_files_feedback_offer_and_rating_and_says_so(cli, ada, tmp_path):
    editor = editor_script(
        tmp_path,
        "text = open(p).read()\n"
        "assert 'feedback:' in text and 'offer:' in text and 'rating:' in text  # the header shows them\n"
        "open(p, 'w').write(text + 'Talked roadmap.\\nfeedback: Your RFC buried the decision\\n'\n"
        "    'offer: Intro to the platform lead\\nrating: 3\\n')",
    )
    result = run_process("log", "ada", "--edit", env={"EDITOR": editor})
    assert result.returncode == 0, result.stderr
    assert "1 feedback received, offer 1, rated 3/4" in result.stdout
    [m] = as_json(cli, "meeting", "list")
    assert m["rating"] == 3 and m["notes"] == "Talked roadmap."
    [f] = as_json(cli, "feedback", "list")
    assert f["text"] == "Your RFC buried the decision" and f["meeting"] == 1 and f["direction"] == "received"
    [o] = as_json(cli, "offer", "list")
    assert o["text"] == "Intro to the platform lead" and o["meeting"] == 1


def test_log_options_prefill_the_rating_line_and_the_buffer_wins(cli, ada, tmp_path):
    editor = editor_script(
        tmp_path,
        "text = open(p).read()\nassert 'rating: 2' in text\n"
        "open(p, 'w').write(text.replace('rating: 2', 'rating: 4') + 'notes\\n')",
    )
    result = run_process("log", "ada", "--edit", "--rating", "2", env={"EDITOR": editor})
    assert result.returncode == 0, result.stderr
    assert as_json(cli, "meeting", "list")[0]["rating"] == 4


@pytest.mark.parametrize(
    "line", ["rating: 0", "rating: 5", "rating: 3.5", "rating: ٣", "rating: 2\nrating: 3"]
)
def test_a_bad_rating_line_keeps_the_text_and_changes_nothing(cli, ada, db_path, line):
    before = snapshot(db_path)
    result = cli("log", "ada", input=f"notes\n{line}\n", code=2)
    assert "rating" in result.stderr and "your text is in" in result.stderr
    assert snapshot(db_path) == before
    [kept] = (db_path.parent / "recovery").iterdir()
    assert line in kept.read_text()


def test_log_feedback_and_offer_options(cli, ada):
    out = cli("log", "ada", "--notes", "n", "--feedback", "Good pacing", "--offer", "Share the deck").stdout
    assert "1 feedback received, offer 1" in out
    assert as_json(cli, "meeting", "show", "1")["feedback"][0]["text"] == "Good pacing"


def test_undo_of_a_log_that_filed_every_new_kind_leaves_the_journal_as_before(cli, ada, db_path):
    cli("skill", "add", "x", "--rate", "1")
    before = snapshot(db_path)
    cli("log", "ada", "--notes", "n", "--feedback", "f", "--offer", "o", "--rating", "2", "--thanks", "t")
    out = cli("undo", "--yes").stdout
    assert "feedback 1" in out and "offer 1" in out
    after = snapshot(db_path)
    for table in ("meetings", "feedback", "offers", "thanks", "skills", "skill_ratings", "mentors"):
        assert after[table] == before[table], table


# --- nothing private in what the mentor reads ----------------------------------------------

MARK = "QXZMARK"


def test_report_and_agenda_hold_no_feedback_rating_or_note(cli, ada):
    cli("topic", "add", "ada", "What next?")
    cli(
        "log",
        "ada",
        "--on",
        "2026-11-10 15:00",
        "--notes",
        f"notes {MARK}",
        "--rating",
        "1",
        "--feedback",
        f"feedback {MARK}",
    )
    cli("log", "ada", "--on", "2026-11-17 15:00", "--notes", f"more {MARK}", "--rating", "2")
    cli("feedback", "add", "ada", f"given {MARK}", "--given")
    cli("skill", "add", "Design", "--mentor", "ada", "--rate", "2", "--evidence", f"evidence {MARK}")
    cli("skill", "rate", "1", "4", "--evidence", f"evidence {MARK}")
    cli("offer", "add", "ada", "Intro to Sam", "--intro", "Sam")
    cli("offer", "done", "1", "--outcome", "joined the guild")
    cli("advice", "add", "ada", "Write it down")
    cli("advice", "apply", "1", "Wrote it")
    report = cli("report", "ada").stdout
    agenda = cli("review", "ada", "--agenda").stdout
    assert "Design: 2" in report and "→ 4" in report and "joined the guild" in report  # the letter has growth
    for text in (report, agenda, json.dumps(as_json(cli, "report", "ada"))):
        assert MARK not in text and "/4" not in text and "useful" not in text


# --- hostile input --------------------------------------------------------------------------


@pytest.mark.parametrize("bad", ["0", "6", "3.5", "٣", "-1", "+3", "", "three", "99999999999999999999"])
def test_skill_ratings_out_of_range_or_not_digits_are_usage_errors(cli, db_path, bad):
    cli("skill", "add", "Seed")
    before = snapshot(db_path)
    for args in (["skill", "add", "X", "--rate", bad], ["skill", "rate", "1", bad]):
        result = cli(*args, code=2)
        said = "is not a rating" in result.stderr or bad.startswith("-")  # "-1": Click's "No such option"
        assert said and "Traceback" not in result.stderr
    assert snapshot(db_path) == before


@pytest.mark.parametrize("bad", ["0", "5", "3.5", "٣", "none"])
def test_checkin_ratings_out_of_range_are_usage_errors(cli, ada, db_path, bad):
    cli("log", "ada", "--notes", "n")
    before = snapshot(db_path)
    assert "is not a rating" in cli("log", "ada", "--notes", "n", "--rating", bad, code=2).stderr
    if bad != "none":
        assert "is not a rating" in cli("meeting", "edit", "1", "--rating", bad, code=2).stderr
    assert snapshot(db_path) == before


HOSTILE = "[bold]x[/] \x1b[31mred\u202e"


def test_markup_and_control_characters_are_shown_literally_everywhere(cli, ada):
    cli("skill", "add", HOSTILE, "--mentor", "ada", "--rate", "2", "--evidence", HOSTILE)
    cli("feedback", "add", "ada", HOSTILE)
    cli("offer", "add", "ada", HOSTILE, "--intro", HOSTILE)
    cli("offer", "add", "ada", "second")
    cli("offer", "done", "2", "--outcome", HOSTILE)
    shown = "[bold]x[/] \\x1b[31mred\\u202e"
    for args in (
        ["skill", "list"],
        ["skill", "show", "1"],
        ["feedback", "list"],
        ["offer", "list"],
        ["offer", "list", "--all"],
        ["review", "ada"],
        ["progress"],
        ["report", "ada"],
    ):
        out = cli(*args).stdout
        assert shown in out and "\x1b" not in out and "\u202e" not in out, args
    for args in (["skill", "rate", "1", "3"], ["offer", "done", "1"]):
        out = cli(*args).stdout
        assert "\x1b" not in out and "\u202e" not in out
    assert as_json(cli, "skill", "show", "1")["name"] == HOSTILE  # stored exactly


def test_empty_texts_are_refused(cli, ada, db_path):
    before = snapshot(db_path)
    cli("skill", "add", "  ", code=2)
    cli("feedback", "add", "ada", "", code=2)
    cli("offer", "add", "ada", "x", "--intro", " ", code=2)
    assert snapshot(db_path) == before


def test_ten_thousand_skills_list_a_screenful_and_count_the_rest(cli, db_path):
    import sqlite3
    import time

    cli("mentor", "add", "Ada Lovelace")
    conn = sqlite3.connect(db_path)
    stamp = "2026-01-01T00:00:00.000000+00:00"
    conn.executemany(
        "INSERT INTO skills (uuid, created_at, updated_at, name, mentor_id) VALUES (?, ?, ?, ?, 1)",
        [(f"00000000-0000-4000-8000-{i:012d}", stamp, stamp, f"skill {i:05d}") for i in range(10_000)],
    )
    conn.executemany(
        "INSERT INTO skill_ratings (uuid, created_at, updated_at, skill_id, rating, on_date)"
        " VALUES (?, ?, ?, ?, 3, '2026-01-02')",
        [(f"10000000-0000-4000-8000-{i:012d}", stamp, stamp, i) for i in range(1, 10_001)],
    )
    conn.commit()
    conn.close()
    started = time.perf_counter()
    out = cli("skill", "list").stdout
    review = cli("review", "ada").stdout
    elapsed = time.perf_counter() - started
    assert "skill 00000" in out and "more (--json shows all)" in out
    assert out.count("\n") < 60 and review.count("\n") < 80
    assert "more skills not rated for 90 days" in review
    assert elapsed < 10  # a screenful each, not ten thousand rows (generous: the machine is shared)
    assert len(as_json(cli, "skill", "list")) == 10_000


# --- the rest of the journal knows the new kinds --------------------------------------------


def test_export_import_round_trip_and_mentor_delete_carry_the_new_kinds(cli, ada, tmp_path, monkeypatch):
    cli("skill", "add", "Design", "--mentor", "ada", "--rate", "2")
    cli("log", "ada", "--notes", "n", "--rating", "3", "--feedback", "f", "--offer", "o")
    out = tmp_path / "e.json"
    cli("export", "-o", str(out))
    data = json.loads(out.read_text())
    assert all(data[k] for k in ("skills", "skill_ratings", "feedback", "offers"))
    assert data["meetings"][0]["rating"] == 3
    md = cli("export", "--format", "markdown").stdout
    assert "rated 3/4" in md and "#### Feedback" in md and "#### Offers" in md and "rated 2/5" in md
    monkeypatch.setenv("MENTORLOG_DB", str(tmp_path / "other.db"))
    cli("import", str(out))
    again = tmp_path / "again.json"
    cli("export", "-o", str(again))
    strip = lambda d: {k: v for k, v in d.items() if k != "exported_at"}  # noqa: E731
    assert strip(json.loads(again.read_text())) == strip(data)
    assert "skill" in cli("search", "Design").stdout
    cli("mentor", "delete", "ada", "--yes")
    for args in (["skill", "list", "--all"], ["feedback", "list"], ["offer", "list", "--all"]):
        assert as_json(cli, *args) == []
    cli("undo", "--yes")
    assert len(as_json(cli, "offer", "list")) == 1 and len(as_json(cli, "skill", "list")) == 1
    cli("doctor")


def test_a_journal_from_before_growth_migrates_and_undoes_the_new_kinds(cli, db_path):
    import sqlite3

    from mentorlog.journal.store.db import open_journal
    from mentorlog.journal.store.migrations import MIGRATIONS

    stamp = "2026-08-01T09:00:00.000000+00:00"
    with open_journal(db_path, write=True, create=True, migrations=MIGRATIONS[:5]) as conn:
        conn.execute(
            "INSERT INTO mentors (uuid, created_at, updated_at, handle, name)"
            " VALUES ('u1', ?, ?, 'ada', 'Ada')",
            (stamp, stamp),
        )
        conn.execute(
            "INSERT INTO meetings (uuid, created_at, updated_at, mentor_id, held_at)"
            " VALUES ('m1', ?, ?, 1, '2026-11-03T14:30:00+00:00')",
            (stamp, stamp),
        )
    assert as_json(cli, "meeting", "list")[0]["rating"] is None
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    assert {"skills", "skill_ratings", "feedback", "offers"} <= {
        r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    conn.close()
    cli("meeting", "edit", "1", "--rating", "4")
    cli("skill", "add", "Design", "--mentor", "ada", "--rate", "3")
    cli("offer", "add", "ada", "Intro")
    cli("undo", "--yes")
    cli("undo", "--yes")
    assert as_json(cli, "skill", "list") == [] and as_json(cli, "offer", "list") == []
    cli("undo", "--yes")
    assert as_json(cli, "meeting", "list")[0]["rating"] is None


def test_feedback_and_offers_from_a_meeting_are_dated_by_it(cli, ada, monkeypatch):
    # typed in the morning after the check-in, as advice add --meeting is
    at(monkeypatch, "2026-11-25T09:00:00")
    cli("log", "ada", "--on", "2026-11-24 15:00", "--notes", "n")
    out = cli("feedback", "add", "ada", "Lead with the decision", "--meeting", "1").stdout
    assert out.startswith("Added feedback 1 from ada on Tue 24 Nov 2026")
    cli("offer", "add", "ada", "Intro to Sam", "--meeting", "1")
    assert as_json(cli, "offer", "list")[0]["on"] == "2026-11-24"
    assert "given Tue 24 Nov 2026" in cli("advice", "add", "ada", "Ship", "--meeting", "1").stdout
    # --on still wins, and without --meeting it is today
    cli("feedback", "add", "ada", "Slides were clear", "--meeting", "1", "--on", "2026-11-25")
    cli("offer", "add", "ada", "A review")
    assert [r["on"] for r in as_json(cli, "feedback", "list")] == ["2026-11-25", "2026-11-24"]
    assert sorted(r["on"] for r in as_json(cli, "offer", "list")) == ["2026-11-24", "2026-11-25"]


@pytest.mark.parametrize(
    "args",
    [
        ["feedback", "add", "grace", "Lead with the decision"],
        ["offer", "add", "grace", "Intro to Sam"],
        ["advice", "add", "grace", "Ship it"],
    ],
)
def test_a_meeting_with_another_mentor_is_refused(cli, ada, db_path, args):
    """What grace said is never filed under a check-in with ada, where meeting show would list it."""
    cli("log", "ada", "--on", "2026-11-23 15:00", "--notes", "n")
    before = snapshot(db_path)
    err = cli(*args, "--meeting", "1", code=2).stderr
    assert "--meeting: 1 is a check-in with ada, not grace." in err
    assert snapshot(db_path) == before


def test_feedback_list_names_every_column(cli, ada):
    cli("feedback", "add", "ada", "Lead with the decision")
    cli("feedback", "add", "ada", "Our check-ins run long", "--given")
    header, *rows = cli("feedback", "list").stdout.splitlines()
    assert header.split() == ["id", "on", "mentor", "direction", "feedback"]
    assert header.index("direction") == rows[0].index("given") == rows[1].index("received")
