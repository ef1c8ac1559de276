"""The relationship (SPEC §2): the agreement and its term, the closing, keeping in touch, and
the letters meant for the mentor — recap, update draft, agenda, report — with their delivery."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from email import policy
from email.parser import BytesParser
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from helpers import editor_script, run_process, snapshot


@pytest.fixture
def terminal(monkeypatch):
    """stdin is a terminal: the editor flows open $EDITOR (here a script) in-process."""
    from mentorlog.cli import common

    monkeypatch.setattr(common, "stdin_is_terminal", lambda: True)


def editor(monkeypatch, tmp_path, body: str, name: str = "editor.py") -> None:
    monkeypatch.setenv("EDITOR", editor_script(tmp_path, body, name))


AGREEMENT = "## Purpose\n\nGrow into a staff role.\n\n## Goals\n\n- Lead a project\n"


def at(cli, when: str, *args, **kw):
    """Run a command with the clock pinned at ``when``."""
    old = os.environ["MENTORLOG_NOW"]
    os.environ["MENTORLOG_NOW"] = when
    try:
        return cli(*args, **kw)
    finally:
        os.environ["MENTORLOG_NOW"] = old


# --- the agreement --------------------------------------------------------------------------


def test_agreement_revised_twice_shows_both_revisions_newest_first(cli, ada):
    at(cli, "2026-11-01T10:00:00", "agreement", "set", "ada", "--term-end", "2027-04-30", input=AGREEMENT)
    at(cli, "2026-11-20T10:00:00", "agreement", "set", "ada", input=AGREEMENT.replace("staff", "principal"))
    revisions = json.loads(cli("agreement", "show", "ada", "--all", "--json").stdout)
    assert [r["agreed_on"] for r in revisions] == ["2026-11-20", "2026-11-01"]
    assert "principal" in revisions[0]["text"] and "staff" in revisions[1]["text"]
    assert revisions[0]["term_end"] == "2027-04-30"  # the term is kept from one revision to the next
    assert set(revisions[0]) >= {"mentor", "agreed_on", "term_end", "revisit_by", "text", "uuid"}
    out = cli("agreement", "show", "ada", "--all").stdout
    assert out.index("principal") < out.index("staff")
    current = json.loads(cli("agreement", "show", "ada", "--json").stdout)
    assert current["text"] == revisions[0]["text"]
    assert "staff role" not in cli("agreement", "show", "ada").stdout


def test_the_template_is_prefilled_from_the_journal_then_from_the_current_agreement(
    cli, ada, terminal, monkeypatch, tmp_path
):
    cli("goal", "add", "Lead a cross-team project", "-m", "ada")
    seen = tmp_path / "seen.txt"
    editor(
        monkeypatch,
        tmp_path,
        f"text = open(p).read()\nopen({str(seen)!r}, 'w').write(text)\n"
        "open(p, 'w').write(text.replace('## Purpose\\n', '## Purpose\\n\\nGrow.\\n'))",
    )
    assert "Saved agreement 1" in cli("agreement", "set", "ada").stdout
    template = seen.read_text()
    for section in ("Purpose", "Goals", "How we meet", "Feedback", "Confidentiality", "Term and closing"):
        assert f"## {section}\n" in template
    assert "- Lead a cross-team project" in template
    assert "We meet every 2 weeks, Thursdays at 15:00." in template
    text = json.loads(cli("agreement", "show", "ada", "--json").stdout)["text"]
    assert text.startswith("## Purpose\n\nGrow.") and "# Agreement with" not in text
    # The second time, the buffer is the current agreement as it stands.
    assert "Saved agreement 2" in cli("agreement", "set", "ada").stdout
    assert "Grow.\n" in seen.read_text() and "## Purpose\n\nGrow." in seen.read_text()


def test_an_unchanged_buffer_writes_nothing(cli, ada, monkeypatch, tmp_path, db_path):
    cli("agreement", "set", "ada", input=AGREEMENT)
    monkeypatch.setattr("mentorlog.cli.common.stdin_is_terminal", lambda: True)
    editor(monkeypatch, tmp_path, "pass")
    before = snapshot(db_path)
    out = cli("agreement", "set", "ada").stdout
    assert "unchanged; nothing was written" in out
    assert snapshot(db_path) == before
    # The same text piped again is unchanged too; a new revisit date alone is a new revision.
    monkeypatch.setattr("mentorlog.cli.common.stdin_is_terminal", lambda: False)
    assert "unchanged" in cli("agreement", "set", "ada", input=AGREEMENT).stdout
    out = cli("agreement", "set", "ada", "--revisit", "2027-02-01", input="").stdout
    assert "Saved agreement 2" in out and "revisit by Mon 1 Feb 2027" in out
    assert len(json.loads(cli("agreement", "show", "ada", "--all", "--json").stdout)) == 2


def test_editor_failure_keeps_the_agreement_and_says_how_to_file_it(
    cli, ada, terminal, monkeypatch, tmp_path, db_path
):
    editor(monkeypatch, tmp_path, "open(p, 'a').write('Our purpose, half typed\\n')\nsys.exit(3)")
    before = snapshot(db_path)
    result = cli("agreement", "set", "ada", code=1)
    assert "status 3" in result.stderr
    [kept] = (db_path.parent / "recovery").iterdir()
    assert kept.name.startswith("agreement-") and "Our purpose, half typed" in kept.read_text()
    assert snapshot(db_path) == before
    kept.write_text(kept.read_text().replace("half typed", "whole"))
    assert "Saved agreement 1" in cli("agreement", "set", "ada", "--from", str(kept)).stdout
    assert "Our purpose, whole" in cli("agreement", "show", "ada").stdout


def test_a_failure_while_filing_keeps_the_text_and_names_the_command_to_file_it(
    cli, ada, db_path, monkeypatch
):
    from mentorlog.journal import agreements

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(agreements, "add", broken)
    result = cli("agreement", "set", "ada", input=AGREEMENT, code=1)
    assert "your text is in" in result.stderr.lower()
    [kept] = (db_path.parent / "recovery").iterdir()
    assert kept.read_text() == AGREEMENT


def test_ctrl_c_in_the_editor_keeps_the_text(cli, ada, tmp_path, db_path):
    import pty

    body = "open(p, 'a').write('Typed before Ctrl-C\\n')\nos.kill(os.getppid(), signal.SIGINT)\ntime.sleep(5)"
    script = editor_script(tmp_path, "import signal\n" + body)
    before = snapshot(db_path)
    primary, secondary = pty.openpty()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "mentorlog", "agreement", "set", "ada"],
            stdin=secondary,
            capture_output=True,
            text=True,
            env={**os.environ, "EDITOR": script},
            timeout=60,
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )
    finally:
        os.close(primary)
        os.close(secondary)
    assert result.returncode == 130, result.stderr
    [kept] = (db_path.parent / "recovery").iterdir()
    assert "Typed before Ctrl-C" in kept.read_text()
    assert snapshot(db_path) == before


def test_mentor_show_says_when_agreed_and_the_term(cli, ada):
    at(cli, "2026-11-01T10:00:00", "agreement", "set", "ada", "--term-end", "2027-04-30", input=AGREEMENT)
    out = at(cli, "2027-02-10T10:00:00", "mentor", "show", "ada").stdout
    assert "agreed Sun 1 Nov 2026" in out
    assert "Month 4 of 6 · term ends Fri 30 Apr 2027" in out
    data = json.loads(cli("mentor", "show", "ada", "--json").stdout)
    assert data["agreement"]["term_end"] == "2027-04-30"
    assert "none yet" in cli("mentor", "show", "grace").stdout


# --- review: the term and the nudges ---------------------------------------------------------


def test_review_of_a_formal_mentor_met_three_times_without_an_agreement_nudges(cli, ada):
    for day in ("2026-10-01", "2026-10-15", "2026-11-01"):
        cli("log", "ada", "--on", day, "--notes", "met")
        cli("log", "grace", "--on", day, "--notes", "met")
    nudges = json.loads(cli("review", "ada", "--json").stdout)["nudges"]
    assert any("3 times without an agreement" in n for n in nudges)
    assert not any(
        "without an agreement" in n for n in json.loads(cli("review", "grace", "--json").stdout)["nudges"]
    )
    cli("agreement", "set", "ada", input=AGREEMENT)
    assert not any(
        "without an agreement" in n for n in json.loads(cli("review", "ada", "--json").stdout)["nudges"]
    )


def test_two_meetings_without_an_agreement_do_not_nudge_yet(cli, ada):
    for day in ("2026-10-01", "2026-10-15"):
        cli("log", "ada", "--on", day, "--notes", "met")
    assert not any("agreement" in n for n in json.loads(cli("review", "ada", "--json").stdout)["nudges"])


def test_a_term_ending_in_two_weeks_nudges_and_the_header_shows_the_term(cli, ada):
    at(cli, "2026-06-08T10:00:00", "agreement", "set", "ada", "--term-end", "2026-12-08", input=AGREEMENT)
    review = cli("review", "ada").stdout
    assert "Term: Month 6 of 6 · term ends Tue 8 Dec 2026" in review
    assert "plan the closing" in review
    data = json.loads(cli("review", "ada", "--json").stdout)
    assert data["term"]["month"] == 6 and data["term"]["months"] == 6 and data["term"]["end"] == "2026-12-08"
    # Four weeks out: no nudge yet.
    assert "plan the closing" not in at(cli, "2026-11-09T10:00:00", "review", "ada").stdout


def test_an_agreement_past_its_revisit_date_or_older_than_six_months_nudges(cli, ada):
    at(cli, "2026-09-01T10:00:00", "agreement", "set", "ada", "--revisit", "2026-11-01", input=AGREEMENT)
    assert "to be revisited by Sun 1 Nov 2026" in cli("review", "ada").stdout
    at(cli, "2026-05-01T10:00:00", "agreement", "set", "grace", input=AGREEMENT)
    assert "over 6 months ago" in cli("review", "grace").stdout
    assert "over 6 months ago" not in at(cli, "2026-10-30T10:00:00", "review", "grace").stdout


# --- ending, keeping in touch -----------------------------------------------------------------


def test_keep_in_touch_three_months_then_100_days_of_silence_gives_one_remind_line(cli, ada):
    cli("log", "ada", "--on", "2026-11-20", "--notes", "last one")
    cli("mentor", "end", "ada", "--keep-in-touch", "3 months", "--no-closing")
    assert "Keep in touch" not in cli("remind").stdout
    later = "2027-03-04T10:00:00"  # 100 days after the end
    lines = [line for line in at(cli, later, "remind").stdout.splitlines() if "Keep in touch" in line]
    assert len(lines) == 1 and "Ada Lovelace" in lines[0] and "send an update" in lines[0]
    assert "keep_in_touch" in {r["kind"] for r in json.loads(at(cli, later, "remind", "--json").stdout)}
    at(cli, later, "update", "ada", "Accepted the staff role; thank you!")
    assert "Keep in touch" not in at(cli, later, "remind").stdout


def test_an_ended_mentor_without_keep_in_touch_leaves_remind(cli, ada):
    cli("mentor", "end", "ada", "--no-closing")
    assert "Ada" not in at(cli, "2027-06-01T10:00:00", "remind").stdout


def test_an_ended_mentor_never_shows_an_overdue_checkin(cli, ada):
    later = "2026-12-20T10:00:00"  # the planned check-in of 26 Nov is long past
    assert "overdue" in at(cli, later, "review", "ada").stdout  # before the end: overdue
    at(cli, later, "mentor", "end", "ada", "--no-closing")
    for words in (["review", "ada"], ["mentor", "show", "ada"], ["mentor", "list", "--all"], ["remind"]):
        out = at(cli, later, *words).stdout
        assert "overdue" not in out and "has passed" not in out and "No check-in is scheduled" not in out, (
            words
        )
    data = json.loads(at(cli, later, "review", "ada", "--json").stdout)
    assert data["next_checkin"] == {"at": None, "relative": "ended"}
    assert json.loads(cli("mentor", "show", "ada", "--json").stdout)["next_checkin"] is None


def test_log_on_an_ended_mentor_logs_it_and_plans_no_checkin(cli, ada):
    cli("mentor", "end", "ada", "--no-closing")
    out = cli("log", "ada", "--notes", "Coffee after the end").stdout
    assert (
        "Logged meeting 1" in out and "The mentoring ended on Tue 24 Nov 2026: no check-in is planned." in out
    )
    assert json.loads(cli("mentor", "show", "ada", "--json").stdout)["next_checkin"] is None
    result = cli("log", "ada", "--notes", "x", "--next", "fri", code=2)
    assert "ended" in result.stderr and "mentor resume ada" in result.stderr


def test_mentor_end_with_a_closing_from_stdin_files_the_thanks(cli, ada, db_path):
    cli("agreement", "set", "ada", input=AGREEMENT)
    closing = (
        "## What we set out to do\n\nGrow into a staff role.\n\n## What I achieved\n\nThe promotion.\n\n"
        "## Thanks\n\nThank you for a year of Thursdays.\n"
    )
    out = cli("mentor", "end", "ada", "--closing", "--keep-in-touch", "3 months", input=closing).stdout
    assert "closing written" in out and "thanks 1 filed" in out and "keep in touch every 3 months" in out
    [t] = json.loads(cli("thanks", "list", "ada", "--json").stdout)
    assert t["text"] == "Thank you for a year of Thursdays."
    shown = json.loads(cli("closure", "show", "ada", "--json").stdout)
    assert set(shown) >= {"mentor", "on", "keep_in_touch", "text"}
    assert shown["keep_in_touch"] == "every 3 months" and shown["text"] == closing.rstrip("\n")
    assert "The promotion." in cli("closure", "show", "ada").stdout
    # undo takes the end, the closure and the thanks back as one change
    cli("undo", "--yes")
    assert json.loads(cli("thanks", "list", "ada", "--json").stdout) == []
    assert json.loads(cli("mentor", "show", "ada", "--json").stdout)["active"] is True
    cli("closure", "show", "ada", code=1)


def test_the_closing_template_is_prefilled_with_the_agreements_purpose(cli, ada, monkeypatch, tmp_path):
    cli("agreement", "set", "ada", input=AGREEMENT)
    monkeypatch.setattr("mentorlog.cli.common.stdin_is_terminal", lambda: True)
    seen = tmp_path / "seen.txt"
    editor(
        monkeypatch, tmp_path, f"open({str(seen)!r}, 'w').write(open(p).read())\nopen(p, 'a').write('Bye\\n')"
    )
    cli("mentor", "end", "ada")
    template = seen.read_text()
    assert "## What we set out to do\n\nGrow into a staff role.\n" in template
    for section in ("What I achieved", "What worked", "What I would do differently", "Thanks"):
        assert f"## {section}\n" in template
    assert json.loads(cli("thanks", "list", "--json").stdout)[0]["text"] == "Bye"
    assert "# Leaving it unchanged or empty cancels (--no-closing ends without a closing)." in template


def test_an_unchanged_closing_cancels_the_end(cli, ada, terminal, monkeypatch, tmp_path, db_path):
    # quitting the editor without a change aborts, as git does for an untouched commit message
    editor(monkeypatch, tmp_path, "pass")
    before = snapshot(db_path)
    result = cli("mentor", "end", "ada", "--keep-in-touch", "3 months", code=1)
    assert "Not ended: the closing was left unchanged; nothing was written." in result.stderr
    assert "mentorlog mentor end ada --no-closing --keep-in-touch '3 months'" in result.stderr
    assert snapshot(db_path) == before
    editor(monkeypatch, tmp_path, "open(p, 'w').write('')", name="empty.py")  # emptied: the same
    assert "the closing was empty" in cli("mentor", "end", "ada", code=1).stderr
    assert snapshot(db_path) == before
    out = cli("mentor", "end", "ada", "--no-closing").stdout
    assert "Ended mentoring with Ada Lovelace" in out and "closing written" not in out
    assert "ended on Tue 24 Nov 2026 without a closing" in cli("closure", "show", "ada", code=1).stderr


def test_note_or_no_closing_skip_the_editor(cli, ada, terminal, monkeypatch, tmp_path):
    editor(monkeypatch, tmp_path, "raise SystemExit(9)")
    cli("mentor", "end", "ada", "--note", "moved teams")
    cli("mentor", "end", "grace", "--no-closing")


def test_resume_keeps_the_closure(cli, ada):
    cli("mentor", "end", "ada", "--closing", input="## What I achieved\n\nA lot.\n")
    cli("mentor", "resume", "ada")
    shown = json.loads(cli("closure", "show", "ada", "--json").stdout)
    assert "A lot." in shown["text"] and shown["resumed"] is True
    assert "resumed since" in cli("closure", "show", "ada").stdout


def test_closure_show_of_a_mentor_never_ended_says_so(cli, ada):
    result = cli("closure", "show", "ada", code=1)
    assert "has not been closed" in result.stderr and "mentorlog mentor end ada" in result.stderr


# --- updates ----------------------------------------------------------------------------------


def test_update_records_and_lists(cli, ada):
    cli("update", "ada", "The RFC went out", "--on", "yesterday")
    cli("update", "add", "grace", "Shipped it")
    [first, second] = json.loads(cli("update", "list", "--json").stdout)
    assert (first["mentor"], second["mentor"]) == ("grace", "ada")
    assert second["on"] == "2026-11-23" and set(second) >= {"id", "mentor", "on", "text", "uuid"}
    assert [u["text"] for u in json.loads(cli("update", "list", "ada", "--json").stdout)] == [
        "The RFC went out"
    ]
    assert "The RFC went out" in cli("update", "list").stdout


def test_an_empty_update_writes_nothing(cli, ada, db_path):
    before = snapshot(db_path)
    assert "empty" in cli("update", "ada", input="\n\n", code=1).stderr
    assert snapshot(db_path) == before


def test_update_draft_tells_what_happened_since_the_last_contact(cli, ada):
    at(cli, "2026-11-01T10:00:00", "log", "ada", "--advice", "Write it down first", "--notes", "n")
    at(cli, "2026-11-02T10:00:00", "advice", "apply", "1", "Wrote the RFC first", "--outcome", "worked")
    at(cli, "2026-11-03T10:00:00", "topic", "add", "ada", "The RFC was accepted", "--kind", "win")
    at(cli, "2026-11-03T10:00:00", "goal", "add", "Ship the RFC", "-m", "ada")
    at(cli, "2026-11-04T10:00:00", "goal", "done", "1")
    draft = cli("update", "ada", "--draft").stdout
    assert "since Sun 1 Nov 2026" in draft
    assert "- The RFC was accepted" in draft and "Goal achieved: Ship the RFC" in draft
    assert "Write it down first → Wrote the RFC first — worked" in draft
    assert json.loads(cli("update", "list", "--json").stdout) == []  # a draft records nothing
    at(cli, "2026-11-05T10:00:00", "update", "ada", "Told her")
    assert "Nothing new to tell yet." in cli("update", "ada", "--draft").stdout


def test_update_draft_and_closing_letter_tell_the_skills_and_the_doors_opened(cli, ada):
    """SPEC §2: the draft names the skills whose rating moved and the offers that came to
    something since the last contact; the closing letter, skills then and now and the offers."""
    at(cli, "2026-10-01T10:00:00", "skill", "add", "Design reviews", "-m", "ada", "--rate", "2")
    at(cli, "2026-10-01T10:00:00", "skill", "add", "Estimating", "-m", "ada", "--rate", "3")
    at(cli, "2026-10-02T10:00:00", "update", "ada", "Told her about October")
    at(cli, "2026-11-02T10:00:00", "skill", "rate", "1", "4")
    at(cli, "2026-11-03T10:00:00", "offer", "add", "ada", "An intro to Priya", "--intro", "Priya")
    at(cli, "2026-11-04T10:00:00", "offer", "done", "1", "--outcome", "Joined the platform guild")
    draft = cli("update", "ada", "--draft").stdout
    assert "- Design reviews: 2 (Thu 1 Oct 2026) → 4 (Mon 2 Nov 2026)" in draft
    assert "Estimating" not in draft  # not rated since: it did not move
    assert "- An intro to Priya (introduction to Priya), Wed 4 Nov 2026: Joined the platform guild" in draft
    cli("mentor", "end", "ada", "--no-closing")
    letter = cli("report", "ada", "--closing").stdout
    assert "## Skills, then and now" in letter and "Design reviews: 2 (Thu 1 Oct 2026) → 4" in letter
    assert "## What you opened doors to" in letter and "An intro to Priya" in letter


# --- letters and their delivery ----------------------------------------------------------------


def logged_checkin(cli):
    cli("mentor", "edit", "ada", "--contact", "Ada Lovelace <ada@example.org>")
    cli(
        "log", "ada", "--notes", "Private notes", "--advice", "Say no more often",
        "--todo", "Draft the RFC (due 2026-12-01)", "--thanks", "Thank you for the intro — café",
    )  # fmt: skip


def test_recap_to_eml_parses_back_with_the_right_headers_and_body(cli, ada, tmp_path):
    logged_checkin(cli)
    markdown = cli("recap").stdout
    assert "Say no more often" in markdown and "Draft the RFC (by Tue 1 Dec 2026)" in markdown
    assert "Thank you for the intro — café" in markdown and "Private notes" not in markdown
    out = tmp_path / "x.eml"
    assert "to ada@example.org" in cli("recap", "-o", str(out)).stdout
    msg = BytesParser(policy=policy.default).parse(out.open("rb"))
    assert msg["To"] == "ada@example.org"
    assert msg["Subject"] == "Following up on our check-in of Tue 24 Nov 2026"
    assert msg["X-Unsent"] == "1"
    assert msg.get_content_type() == "text/plain" and msg.get_content_charset() == "utf-8"
    assert msg.get_content().replace("\r\n", "\n").rstrip("\n") == markdown.rstrip("\n")
    assert oct(out.stat().st_mode & 0o777) == "0o600"


def test_recap_without_an_email_contact_has_no_to(cli, ada, tmp_path):
    cli("log", "grace", "--notes", "n", "--advice", "Ship")
    cli("recap", "-o", str(tmp_path / "g.eml"))
    msg = BytesParser(policy=policy.default).parse((tmp_path / "g.eml").open("rb"))
    assert msg["To"] is None and msg["X-Unsent"] == "1"


def test_mailto_round_trips_through_urllib(cli, ada):
    logged_checkin(cli)
    markdown = cli("recap").stdout.rstrip("\n")
    url = cli("recap", "--mailto").stdout.strip()
    parts = urlsplit(url)
    assert parts.scheme == "mailto" and unquote(parts.path) == "ada@example.org"
    query = parse_qs(parts.query)
    assert query["subject"] == ["Following up on our check-in of Tue 24 Nov 2026"]
    assert query["body"][0].rstrip("\n") == markdown


def test_mailto_longer_than_2000_characters_is_refused(cli, ada):
    many = [word for i in range(30) for word in ("--advice", f"Advice number {i} " * 5)]
    cli("log", "ada", "--notes", "n", *many)
    result = cli("recap", "--mailto", code=1)
    assert "2,000" in result.stderr and "-o FILE.eml" in result.stderr and result.stdout == ""


def test_agenda_and_report_deliver_the_same_ways(cli, ada, tmp_path):
    logged_checkin(cli)
    cli("topic", "add", "ada", "How do I say no?")
    cli("review", "ada", "--agenda", "-o", str(tmp_path / "agenda.eml"))
    msg = BytesParser(policy=policy.default).parse((tmp_path / "agenda.eml").open("rb"))
    assert "How do I say no?" in msg.get_content() and msg["Subject"] == "Agenda for our next check-in"
    assert urlsplit(cli("review", "ada", "--agenda", "--mailto").stdout.strip()).scheme == "mailto"
    cli("report", "ada", "-o", str(tmp_path / "report.eml"))
    assert BytesParser(policy=policy.default).parse((tmp_path / "report.eml").open("rb"))["X-Unsent"] == "1"
    cli("report", "ada", "-o", str(tmp_path / "report.md"))
    assert (tmp_path / "report.md").read_text().startswith("# What your advice led to")
    assert "--agenda" in cli("review", "ada", "--mailto", code=2).stderr


def test_report_closing_tells_the_whole_relationship(cli, ada):
    at(cli, "2026-06-01T10:00:00", "agreement", "set", "ada", input=AGREEMENT)
    at(cli, "2026-06-02T10:00:00", "log", "ada", "--advice", "Say no more often", "--notes", "private")
    at(cli, "2026-06-03T10:00:00", "advice", "apply", "1", "Declined a side project", "--outcome", "worked")
    cli("mentor", "end", "ada", "--closing", input="## Thanks\n\nThank you for everything.\n")
    letter = cli("report", "ada", "--closing").stdout
    assert "## What we set out to do\n\nGrow into a staff role." in letter
    assert "We met once, on Tue 2 Jun 2026." in letter
    assert "Declined a side project — *worked*" in letter and "Thank you for everything." in letter
    assert "private" not in letter


def test_the_closing_letter_starts_on_the_local_day_of_the_first_check_in(cli):
    """Held at 21:00 in New York is the next day in UTC; the letter says the day the mentee had."""
    east = {"TZ": "America/New_York"}
    assert run_process("mentor", "add", "Ada Lovelace", env=east).returncode == 0
    assert run_process("log", "ada", "--on", "2026-11-03 21:00", "--notes", "n", env=east).returncode == 0
    letter = run_process("report", "ada", "--closing", env=east).stdout
    assert "We met once, on Tue 3 Nov 2026." in letter, letter


# --- nothing private in anything meant for the mentor ------------------------------------------

MARKER = "ZZPRIVATEZZ"


def test_no_output_meant_for_the_mentor_holds_private_text(cli, tmp_path):
    """Every private field holds the marker; every letter for ada is checked for it."""
    m = MARKER
    cli(
        "mentor",
        "add",
        "Ada Lovelace",
        "--every",
        "2 weeks",
        "--next",
        "2026-11-26 15:00",
        "--contact",
        "ada@x.org",
    )
    cli("mentor", "add", f"Other {m}", "--handle", "zed", "--org", m, "--contact", f"{m}@x.org")
    at(
        cli,
        "2026-06-01T10:00:00",
        "agreement",
        "set",
        "ada",
        input=f"## Purpose\n\nGrow.\n\n## Confidentiality\n\n{m}\n",
    )
    at(cli, "2026-06-01T10:00:00", "agreement", "set", "zed", input=f"## Purpose\n\n{m}\n")
    for who in ("ada", "zed"):
        notes = f"notes {m}"
        at(
            cli,
            "2026-11-10T10:00:00",
            "log",
            who,
            "--notes",
            notes,
            "--advice",
            f"{who} advice",
            "--thanks",
            f"{who} thanks",
        )
    for text in (f"other advice {m}", f"other todo {m}"):
        at(cli, "2026-11-11T10:00:00", "advice", "add", "zed", text)
    at(cli, "2026-11-11T10:00:00", "todo", "add", f"zed todo {m}", "-m", "zed")
    at(cli, "2026-11-11T10:00:00", "topic", "add", "zed", f"zed concern {m}", "--kind", "concern")
    at(cli, "2026-11-11T10:00:00", "topic", "add", "zed", f"zed win {m}", "--kind", "win")
    at(cli, "2026-11-11T10:00:00", "goal", "add", f"zed goal {m}", "-m", "zed")
    at(cli, "2026-11-11T10:00:00", "update", "zed", f"zed update {m}")
    # ada's own private fields: a parking note, a meeting's notes. A todo's done note is the
    # one line that says how it was done: `report`, which lists the todos done, shows it
    # (issue 21; README "Decisions"); nothing else meant for the mentor does.
    done_note = "ZZDONENOTEZZ"
    at(cli, "2026-11-12T10:00:00", "todo", "add", "Draft the RFC", "-m", "ada")
    at(cli, "2026-11-12T10:00:00", "todo", "done", "2", "--note", f"done note {done_note}")
    at(cli, "2026-11-12T10:00:00", "advice", "add", "ada", "Park this")
    at(cli, "2026-11-12T10:00:00", "advice", "park", "4", "--why", f"park note {m}")
    at(cli, "2026-11-13T10:00:00", "advice", "apply", "1", "Applied it", "--outcome", "worked")
    at(cli, "2026-11-13T10:00:00", "topic", "add", "ada", "A win of mine", "--kind", "win")
    draft = cli("update", "ada", "--draft").stdout
    cli("log", "ada", "--notes", f"latest notes {m}", "--advice", "Fresh advice", "--todo", "Next step")
    outputs = {
        "recap": cli("recap").stdout,
        "recap 1": cli("recap", "1").stdout,
        "update draft": draft,
        "agenda": cli("review", "ada", "--agenda").stdout,
        "report": cli("report", "ada").stdout,
        "mailto": cli("recap", "--mailto").stdout,
    }
    cli("recap", "-o", str(tmp_path / "r.eml"))
    outputs["eml"] = (tmp_path / "r.eml").read_bytes().decode()
    cli(
        "mentor",
        "end",
        "ada",
        "--closing",
        input=f"## What I would do differently\n\n{m}\n\n## Thanks\n\nThanks!\n",
    )
    outputs["closing report"] = cli("report", "ada", "--closing").stdout
    outputs["closing eml"] = (
        cli("report", "ada", "--closing", "-o", str(tmp_path / "c.eml")),
        (tmp_path / "c.eml").read_text(),
    )[1]
    for name, text in outputs.items():
        assert m not in text and m.lower() not in unquote(text).lower(), name
        assert text.strip(), name
        assert (done_note in text) == (name == "report"), name
    assert "Applied it" in outputs["update draft"] and "A win of mine" in outputs["update draft"]
    assert "Grow." in outputs["closing report"]


# --- the registry: history, search, export, import, doctor --------------------------------------


def test_new_rows_are_in_search_export_import_and_doctor(cli, ada, tmp_path, monkeypatch):
    cli("agreement", "set", "ada", input="## Purpose\n\nBecome a zebrafish expert.\n")
    cli("update", "ada", "Zebrafish news")
    cli(
        "mentor",
        "end",
        "grace",
        "--closing",
        "--keep-in-touch",
        "monthly",
        input="## What worked\n\nZebrafish.\n",
    )
    kinds = {hit["kind"] for hit in json.loads(cli("search", "zebrafish", "--json").stdout)}
    assert kinds == {"agreement", "update", "closure"}
    out = tmp_path / "all.json"
    cli("export", "-o", str(out))
    data = json.loads(out.read_text())
    assert len(data["agreements"]) == len(data["updates"]) == len(data["closures"]) == 1
    monkeypatch.setenv("MENTORLOG_DB", str(tmp_path / "other.db"))
    cli("import", str(out))
    assert "zebrafish expert" in cli("agreement", "show", "ada").stdout
    assert json.loads(cli("closure", "show", "grace", "--json").stdout)["keep_in_touch"] == "every month"
    cli("doctor")
    history = json.loads(cli("history", "--json").stdout)
    assert history[0]["command"].startswith("import")


def test_there_is_no_update_5_names_the_list(cli, ada):
    from mentorlog.core.words import LIST_COMMAND

    for concept in ("agreement", "closure", "update"):
        assert concept in LIST_COMMAND


# --- hostile input ---------------------------------------------------------------------------

HOSTILE = "[bold]x[/] \x1b[31mred\x1b[0m \u202eevil\u202c"


def test_markup_control_and_bidi_in_every_field_and_heading_print_literally(cli, ada, tmp_path):
    text = f"## Purpose {HOSTILE}\n\n{HOSTILE}\n\n## {HOSTILE}\n\n- {HOSTILE}\n"
    cli("agreement", "set", "ada", input=text)
    cli("update", "ada", HOSTILE)
    cli("mentor", "end", "ada", "--closing", input=f"## Thanks\n\n{HOSTILE}\n")
    for words in (
        ["agreement", "show", "ada"],
        ["agreement", "show", "ada", "--all"],
        ["closure", "show", "ada"],
        ["update", "list"],
        ["thanks", "list"],
        ["report", "ada", "--closing"],
        ["update", "ada", "--draft"],
    ):
        out = cli(*words).stdout
        assert "\x1b" not in out and "\u202e" not in out, words
    shown = cli("agreement", "show", "ada").stdout
    assert "[bold]x[/]" in shown and "\\x1b[31m" in shown and "\\u202e" in shown
    assert json.loads(cli("agreement", "show", "ada", "--json").stdout)["text"] == text.rstrip("\n")
    cli("recap", "-o", str(tmp_path / "h.eml"), code=1)  # no meetings at all: said, not a traceback
    cli("log", "ada", "--notes", "n", "--advice", HOSTILE)
    cli("recap", "-o", str(tmp_path / "h.eml"))
    raw = (tmp_path / "h.eml").read_bytes()
    assert b"\x1b" not in raw and "\u202e".encode() not in raw


def test_hostile_text_in_the_mentors_name_and_contact_stays_out_of_mail_headers(cli, tmp_path):
    cli("mentor", "add", f"Ada {HOSTILE}", "--handle", "ada", "--contact", "ada@x.org\r\nBcc: evil@x.org")
    cli("log", "ada", "--notes", "n", "--advice", "a")
    cli("recap", "-o", str(tmp_path / "x.eml"))
    msg = BytesParser(policy=policy.default).parse((tmp_path / "x.eml").open("rb"))
    assert msg["Bcc"] is None and msg["To"] is None
    assert "\x1b" not in msg.get_content()


def test_an_empty_agreement_writes_nothing(cli, ada, db_path):
    before = snapshot(db_path)
    assert "empty" in cli("agreement", "set", "ada", input="", code=1).stderr
    assert (
        "empty"
        in cli("agreement", "set", "ada", input="# only instructions\n\n## Purpose\n\n", code=1).stderr
    )
    assert snapshot(db_path) == before
    assert not (db_path.parent / "recovery").exists() or not any((db_path.parent / "recovery").iterdir())


def test_a_one_megabyte_agreement_is_kept_whole(cli, ada):
    big = "## Purpose\n\n" + ("A line of purpose, long enough. " * 32 + "\n") * 1024
    assert len(big) > 1_000_000
    cli("agreement", "set", "ada", input=big)
    assert json.loads(cli("agreement", "show", "ada", "--json").stdout)["text"] == big.rstrip("\n")
    assert "A line of purpose" in cli("agreement", "show", "ada").stdout


def test_a_section_deleted_from_the_template_is_saved_with_a_note(cli, ada):
    text = "## Purpose\n\nGrow.\n\n## How we meet\n\nFortnightly.\n"
    result = cli("agreement", "set", "ada", input=text)
    assert "Saved agreement 1" in result.stdout
    assert (
        "no section '## Goals', '## Feedback', '## Confidentiality', '## Term and closing'" in result.stderr
    )
    assert json.loads(cli("agreement", "show", "ada", "--json").stdout)["text"] == text.rstrip("\n")


def test_bad_dates_and_cadences_are_usage_errors_before_the_editor(
    cli, ada, db_path, terminal, monkeypatch, tmp_path
):
    editor(monkeypatch, tmp_path, "raise SystemExit('the editor must not open')")
    before = snapshot(db_path)
    assert "--term-end" in cli("agreement", "set", "ada", "--term-end", "31/12/2026", code=2).stderr
    assert (
        "--keep-in-touch" in cli("mentor", "end", "ada", "--keep-in-touch", "every blue moon", code=2).stderr
    )
    assert "--draft" in cli("update", "ada", "text", "--draft", code=2).stderr
    assert snapshot(db_path) == before


def test_ending_an_ended_mentor_is_refused_before_the_editor(cli, ada, terminal, monkeypatch, tmp_path):
    cli("mentor", "end", "ada", "--no-closing")
    editor(monkeypatch, tmp_path, "raise SystemExit('the editor must not open')")
    result = cli("mentor", "end", "ada", code=2)
    assert "already ended" in result.stderr and "mentor resume ada" in result.stderr


def test_a_read_only_journal_still_shows_and_keeps_typed_text(tmp_path, monkeypatch):
    from helpers import small_filesystem

    with small_filesystem(tmp_path, monkeypatch) as fs:
        assert run_process("mentor", "add", "Ada Lovelace").returncode == 0
        assert run_process("agreement", "set", "ada", input=AGREEMENT).returncode == 0
        fs.remount(True)
        shown = run_process("agreement", "show", "ada")
        assert shown.returncode == 0 and "Grow into a staff role." in shown.stdout
        env = {"TMPDIR": str(tmp_path)}
        result = run_process("agreement", "set", "ada", input=AGREEMENT + "More.\n", env=env)
        assert result.returncode == 1 and "read-only" in result.stderr, result.stderr
        kept = result.stderr.split("your text is in ")[1].split()[0]
        assert Path(kept).read_text() == AGREEMENT + "More.\n"
        result = run_process("update", "ada", input="Sent it.\n", env=env)
        assert result.returncode == 1 and "read-only" in result.stderr


def test_a_mentor_ended_before_this_version_with_a_planned_checkin_is_not_overdue(cli, ada, db_path):
    import sqlite3

    cli("mentor", "end", "ada", "--no-closing")
    with sqlite3.connect(db_path) as conn:  # as an older mentorlog left it: ended, check-in kept
        conn.execute("UPDATE mentors SET next_checkin = '2026-11-01T15:00:00+00:00' WHERE handle = 'ada'")
    for words in (["review", "ada"], ["mentor", "show", "ada"], ["mentor", "list", "--all"], ["remind"]):
        out = cli(*words).stdout
        assert "overdue" not in out and "has passed" not in out, words
    assert json.loads(cli("mentor", "list", "--all", "--json").stdout)[-1]["next_checkin"] is None
    assert json.loads(cli("review", "ada", "--json").stdout)["next_checkin"]["relative"] == "ended"


def test_update_without_text_on_a_terminal_opens_the_editor(
    cli, ada, terminal, monkeypatch, tmp_path, db_path
):
    editor(
        monkeypatch,
        tmp_path,
        "open(p, 'a').write('The RFC was accepted.\\n# kept: a heading after the text\\n')",
    )
    assert "Recorded update 1 to ada" in cli("update", "ada").stdout
    [u] = json.loads(cli("update", "list", "--json").stdout)
    assert u["text"] == "The RFC was accepted.\n# kept: a heading after the text"
    editor(monkeypatch, tmp_path, "open(p, 'a').write('half an update\\n')\nsys.exit(4)", "failing.py")
    assert "status 4" in cli("update", "ada", code=1).stderr
    [kept] = (db_path.parent / "recovery").iterdir()
    assert kept.name.startswith("update-") and "half an update" in kept.read_text()


def test_recap_thanks_in_one_sentence_and_only_open_todos(cli, ada):
    cli(
        "log",
        "grace",
        "--notes",
        "x",
        "--thanks",
        "for sharing her calendar rules",
        "--todo",
        "Block focus time",
        "--todo",
        "Try the calendar rules",
    )
    cli("todo", "done", "1")
    out = cli("recap").stdout
    assert "Thank you for your time, and for sharing her calendar rules.\n" in out
    assert "\nfor sharing" not in out
    will_do = out.split("## What I will do\n\n")[1].split("\n\n")[0]
    assert will_do == "- Try the calendar rules\n"
    # a thanks typed without "for", or as a sentence of its own, reads as well
    cli("log", "ada", input="Notes\nthanks: the SRE intro\nthanks: Thanks for the coffee!\n")
    out = cli("recap").stdout
    assert "Thank you for your time, and for the SRE intro. Thanks for the coffee!\n" in out
    assert "## What I will do" not in out  # nothing filed there that is still to do


def test_agreement_dates_given_are_written_with_the_template_unchanged(
    cli, ada, terminal, monkeypatch, tmp_path
):
    editor(monkeypatch, tmp_path, "pass")
    result = cli("agreement", "set", "ada", "--term-end", "in 6 months", "--revisit", "in 3 months")
    assert result.stdout.startswith("Saved agreement 1 with Ada Lovelace, the first, of Tue 24 Nov 2026")
    assert "term ends Mon 24 May 2027; revisit by Wed 24 Feb 2027." in result.stdout
    assert "the template as mentorlog filled it in" in result.stderr
    a = json.loads(cli("agreement", "show", "ada", "--json").stdout)
    assert (a["term_end"], a["revisit_by"]) == ("2027-05-24", "2027-02-24")
    assert "We meet every 2 weeks, Thursdays at 15:00." in a["text"]
    # without options, or with the dates it has, an unchanged buffer still writes nothing
    assert "unchanged; nothing was written" in cli("agreement", "set", "ada").stdout
    again = cli("agreement", "set", "ada", "--term-end", "2027-05-24").stdout
    assert "unchanged; nothing was written" in again
    assert len(json.loads(cli("agreement", "show", "ada", "--all", "--json").stdout)) == 1
