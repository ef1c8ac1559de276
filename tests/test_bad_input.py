"""Every command, given a bad date, id, mentor or cadence: the right exit code, a message
that names the input, no traceback, and the journal exactly as it was (SPEC §6)."""

from __future__ import annotations

import pytest

from helpers import snapshot

CASES = [
    (["mentor", "add", "Zed", "--every", "every so often"], 2, "'every so often'"),
    # 12 cannot be a day of a 31st month: not ambiguous, still refused, with the ISO date meant
    (["mentor", "add", "Zed", "--next", "31/12"], 2, "did you mean 2026-12-31?"),
    (["mentor", "show", "zed"], 1, "no mentor 'zed'"),
    (["mentor", "edit", "ada", "--next", "later"], 2, "'later'"),
    (["mentor", "edit", "ada", "--handle", "grace"], 2, "taken by Grace Hopper"),
    (["mentor", "end", "ada", "--on", "tomorrowish"], 2, "'tomorrowish'"),
    (["mentor", "resume", "ada"], 2, "active already"),
    (["log", "ada", "--notes", "x", "--next", "whenever"], 2, "'whenever'"),
    (["log", "ada", "--notes", "x", "--done", "77"], 1, "no todo 77"),
    (["log", "ada", "--notes", "x", "--todo", "a (due 2026-02-30)"], 2, "out of range"),
    (["meeting", "list", "--until", "13/01/2026"], 2, "did you mean 2026-01-13?"),
    (["meeting", "show", "5"], 1, "no meeting 5"),
    (["meeting", "edit", "5"], 1, "no meeting 5"),
    (["meeting", "delete", "5", "--yes"], 1, "no meeting 5"),
    (["todo", "add", "x", "--due", "in 3 fortnights"], 2, "not a unit"),
    (["todo", "list", "--mentor", "a"], 2, "ambiguous"),
    (["todo", "done", "5"], 1, "no todo 5"),
    (["todo", "drop", "5"], 1, "no todo 5"),
    (["todo", "reopen", "5"], 1, "no todo 5"),
    (["todo", "edit", "5", "--text", "x"], 1, "no todo 5"),
    (["advice", "add", "zed", "x"], 1, "no mentor 'zed'"),
    (["advice", "list", "--mentor", "zed"], 1, "no mentor 'zed'"),
    (["advice", "apply", "5", "x"], 1, "no advice 5"),
    (["advice", "park", "5"], 1, "no advice 5"),
    (["advice", "unpark", "5"], 1, "no advice 5"),
    (["topic", "add", "ada", "x", "--kind", "rant"], 2, "'rant'"),
    (["topic", "list", "zed"], 1, "no mentor 'zed'"),
    (["topic", "drop", "5"], 1, "no topic 5"),
    (["thanks", "add", "ada", "x", "--on", "the other day"], 2, "'the other day'"),
    (["thanks", "list", "zed"], 1, "no mentor 'zed'"),
    (["goal", "add", "x", "--mentor", "zed"], 1, "no mentor 'zed'"),
    (["goal", "done", "5"], 1, "no goal 5"),
    (["goal", "drop", "5"], 1, "no goal 5"),
    (["review", "zed"], 1, "no mentor 'zed'"),
    (["remind", "--within", "-1"], 2, "--within"),
    (["progress", "--since", "03/04"], 2, "ambiguous"),
    (["report", "ada", "--since", "someday"], 2, "'someday'"),
    (["todo", "done", "x1"], 2, "x1"),
    (["todo", "delete", "5", "--yes"], 1, "no todo 5"),
    (["todo", "delete", "5"], 1, "no todo 5"),
    (["advice", "edit", "5", "--text", "x"], 1, "no advice 5"),
    (["advice", "edit", "5"], 2, "Nothing to change"),
    (["advice", "edit", "5", "--on", "someday"], 2, "'someday'"),
    (["advice", "edit", "5", "--mentor", "zed"], 1, "no mentor 'zed'"),
    (["advice", "delete", "5", "--yes"], 1, "no advice 5"),
    (["advice", "application", "edit", "5", "--what", "x"], 1, "no application 5"),
    (["advice", "application", "edit", "5"], 2, "Nothing to change"),
    (["advice", "application", "edit", "5", "--outcome", "great"], 2, "'great'"),
    (["advice", "application", "edit", "5", "--on", "soonish"], 2, "'soonish'"),
    (["advice", "application", "delete", "5", "--yes"], 1, "no application 5"),
    (["topic", "edit", "5", "--text", "x"], 1, "no topic 5"),
    (["topic", "edit", "5"], 2, "Nothing to change"),
    (["topic", "edit", "5", "--kind", "rant"], 2, "'rant'"),
    (["topic", "delete", "5", "--yes"], 1, "no topic 5"),
    (["thanks", "edit", "5", "--text", "x"], 1, "no thanks 5"),
    (["thanks", "edit", "5"], 2, "Nothing to change"),
    (["thanks", "edit", "5", "--on", "the other day"], 2, "'the other day'"),
    (["thanks", "delete", "5", "--yes"], 1, "no thanks 5"),
    (["goal", "edit", "5", "--text", "x"], 1, "no goal 5"),
    (["goal", "edit", "5"], 2, "Nothing to change"),
    (["goal", "edit", "5", "--by", "whenever"], 2, "'whenever'"),
    (["goal", "edit", "5", "--mentor", "zed"], 1, "no mentor 'zed'"),
    (["goal", "delete", "5", "--yes"], 1, "no goal 5"),
    (["mentor", "delete", "zed", "--yes"], 1, "no mentor 'zed'"),
    (["mentor", "delete", "ada"], 1, "--yes"),
    (["meeting", "delete", "5"], 1, "no meeting 5"),
    (["undo"], 1, "--yes"),
    (["history", "--limit", "0"], 2, "--limit"),
    (["history", "--clear"], 1, "--yes"),
    (["history", "--clear", "--json"], 2, "--clear"),
]


@pytest.mark.parametrize(("args", "code", "message"), CASES, ids=[" ".join(c[0]) for c in CASES])
def test_bad_input_changes_nothing(cli, ada, db_path, args, code, message):
    cli("mentor", "add", "Adam Smith")
    before = snapshot(db_path)
    result = cli(*args, code=code)
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert 1 <= len(result.stderr.strip().splitlines()) <= 2
    assert result.stdout == ""
    assert snapshot(db_path) == before
