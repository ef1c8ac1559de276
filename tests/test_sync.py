"""sync (SPEC §2): two or three journals on one machine, each with its own clone, meeting
through a bare repository in tmp_path — no network. The set-up (a laptop that ran ``sync
init`` and a desktop that ran ``sync join``) is made once and copied for each test."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import age_key, snapshot

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="sync needs git")


@pytest.fixture(autouse=True)
def git_env(tmp_path, monkeypatch):
    """Keep the user's git config out of it."""
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for var in ("GIT_AUTHOR_NAME", "GIT_COMMITTER_NAME"):
        monkeypatch.setenv(var, "Test")
    for var in ("GIT_AUTHOR_EMAIL", "GIT_COMMITTER_EMAIL"):
        monkeypatch.setenv(var, "test@example.org")
    monkeypatch.delenv("MENTORLOG_PASSPHRASE", raising=False)


class Machine:
    """One machine: its own journal (and so its own sync/ folder) and its name."""

    def __init__(self, cli, monkeypatch, folder: Path, name: str):
        self.cli, self.monkeypatch, self.folder, self.name = cli, monkeypatch, folder, name
        folder.mkdir(parents=True, exist_ok=True)
        self.db = folder / "journal.db"

    def __call__(self, *args: str, code: int | None = 0, input: str | None = None, now: str | None = None):
        self.monkeypatch.setenv("MENTORLOG_MACHINE", self.name)
        if now:
            self.monkeypatch.setenv("MENTORLOG_NOW", now)
        return self.cli("--db", str(self.db), *args, code=code, input=input)

    def json(self, *args: str):
        return json.loads(self(*args, "--json").stdout)

    def todos(self) -> list[tuple[int, str]]:
        return [(t["id"], t["text"]) for t in self.json("todo", "list", "--all")]


def remote_files(remote: Path) -> list[str]:
    out = subprocess.run(
        ["git", "--git-dir", str(remote), "ls-tree", "-r", "--name-only", "main"],
        capture_output=True,
        text=True,
    )
    return out.stdout.split()


def world(tmp_path, cli, monkeypatch):
    remote = tmp_path / "remote.git"
    laptop = Machine(cli, monkeypatch, tmp_path / "laptop", "laptop")
    desktop = Machine(cli, monkeypatch, tmp_path / "desktop", "desktop")
    return remote, laptop, desktop


_TEMPLATE: dict[str, Path] = {}


@pytest.fixture
def pair(tmp_path, cli, monkeypatch, tmp_path_factory):
    """A laptop with ada, a todo and a meeting, set up with ``sync init``; a desktop that joined."""
    if "plain" not in _TEMPLATE:
        base = tmp_path_factory.mktemp("sync-template")
        subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(base / "remote.git")], check=True)
        remote, laptop, desktop = world(base, cli, monkeypatch)
        laptop("mentor", "add", "Ada Lovelace")
        laptop("todo", "add", "Draft the RFC", "--mentor", "ada")
        laptop("log", "ada", "--on", "2026-11-20 15:00", "--notes", "one\ntwo\nthree")
        laptop("sync", "init", str(remote))
        desktop("sync", "join", str(remote))
        _TEMPLATE["plain"] = base
    base = _TEMPLATE["plain"]
    for name in ("remote.git", "laptop", "desktop"):
        shutil.copytree(base / name, tmp_path / name, symlinks=True)
    remote, laptop, desktop = world(tmp_path, cli, monkeypatch)
    for machine in (laptop, desktop):  # point each copy at the copied remote
        state_file = machine.folder / "sync" / ".git" / "mentorlog-state.json"
        state = json.loads(state_file.read_text())
        state["remote"] = str(remote)
        state_file.write_text(json.dumps(state))
        subprocess.run(
            ["git", "-C", str(machine.folder / "sync"), "remote", "set-url", "origin", str(remote)]
        )
    return remote, laptop, desktop


def test_join_gives_the_same_ids_and_the_remote_holds_only_row_files(pair):
    remote, laptop, desktop = pair
    assert desktop.todos() == laptop.todos() == [(1, "Draft the RFC")]
    assert desktop.json("meeting", "list")[0]["notes"] == "one\ntwo\nthree"
    files = remote_files(remote)
    assert ".gitattributes" in files and "mentorlog-sync.json" in files
    rows = [f for f in files if f.startswith("rows/")]
    assert {f.split("/")[1] for f in rows} == {"mentor", "todo", "meeting"}
    assert all(f.endswith(".json") for f in rows) and not any(f.endswith(".db") for f in files)
    uuid = laptop.json("todo", "list")[0]["uuid"]
    assert f"rows/todo/{uuid}.json" in files
    desktop("todo", "done", "1")  # the id typed on one machine names the same todo on the other


def test_init_without_encryption_warns_and_a_second_init_is_refused(tmp_path, cli, monkeypatch):
    subprocess.run(["git", "init", "-q", "--bare", str(tmp_path / "remote.git")], check=True)
    remote, laptop, desktop = world(tmp_path, cli, monkeypatch)
    laptop("mentor", "add", "Ada Lovelace")
    result = laptop("sync", "init", str(remote))
    assert "plain text" in result.stderr and "sent 1" in result.stdout
    assert "already set up" in laptop("sync", "init", str(remote), code=2).stderr
    desktop("mentor", "add", "Grace Hopper")
    result = desktop("sync", "init", str(remote), code=1)
    assert "already holds" in result.stderr and "sync join" in result.stderr
    assert not (desktop.folder / "sync").exists()


def test_different_fields_on_each_side_are_both_kept(pair):
    _, laptop, desktop = pair
    laptop("todo", "edit", "1", "--text", "Draft the RFC v2", now="2026-11-24T11:00:00")
    desktop("todo", "edit", "1", "--due", "2026-12-01", now="2026-11-24T12:00:00")
    assert "sent 1" in laptop("sync").stdout
    out = desktop("sync").stdout
    assert "received 1" in out and "0 conflicts" in out and "edited on both" not in out
    laptop("sync")
    for machine in (laptop, desktop):
        [todo] = machine.json("todo", "list")
        assert (todo["text"], todo["due"]) == ("Draft the RFC v2", "2026-12-01")


def test_the_same_field_takes_the_later_edit_and_prints_the_other(pair):
    _, laptop, desktop = pair
    desktop("todo", "edit", "1", "--text", "Earlier, on the desktop", now="2026-11-24T11:00:00")
    laptop("todo", "edit", "1", "--text", "Later, on the laptop", now="2026-11-24T12:00:00")
    laptop("sync")
    out = desktop("sync").stdout
    assert "text was edited on both machines" in out and "'Earlier, on the desktop'" in out
    laptop("sync")
    assert desktop.todos() == laptop.todos() == [(1, "Later, on the laptop")]
    # The value that lost is in the desktop's history: undo brings it back.
    assert "sync" in desktop.json("history")[0]["command"]
    desktop("undo", "--yes")
    assert desktop.todos() == [(1, "Earlier, on the desktop")]


def test_notes_edited_on_both_merge_line_by_line_with_markers_naming_the_machines(pair):
    _, laptop, desktop = pair
    laptop("meeting", "edit", "1", "--notes", "one\nTWO laptop\nthree\nfour", now="2026-11-24T11:00:00")
    desktop("meeting", "edit", "1", "--notes", "zero\none\nTWO desktop\nthree", now="2026-11-24T12:00:00")
    laptop("sync")
    out = desktop("sync").stdout
    assert "notes was edited on both machines" in out and "1 conflict," in out
    notes = desktop.json("meeting", "list")[0]["notes"]
    assert notes.startswith("zero\none\n<<<<<<< desktop\nTWO desktop\n=======\nTWO laptop\n>>>>>>> laptop\n")
    assert notes.endswith("three\nfour")  # the lines that did not clash, from both sides
    laptop("sync")
    assert laptop.json("meeting", "list")[0]["notes"] == notes
    doctor = desktop("doctor", code=None)
    assert "meeting 1" in doctor.stdout + doctor.stderr and "clash" in (doctor.stdout + doctor.stderr)


def test_deleted_on_one_side_and_edited_on_the_other_comes_back(pair):
    _, laptop, desktop = pair
    laptop("todo", "delete", "1", "--yes", now="2026-11-24T11:00:00")
    desktop("todo", "edit", "1", "--text", "Still needed", now="2026-11-24T12:00:00")
    laptop("sync")
    out = desktop("sync").stdout
    assert "was deleted on laptop" in out and "it is back" in out
    laptop("sync")
    assert laptop.todos() == desktop.todos() == [(1, "Still needed")]


def test_a_delete_travels(pair):
    _, laptop, desktop = pair
    laptop("todo", "add", "Second")
    laptop("sync")
    desktop("sync")
    desktop("todo", "delete", "2", "--yes")
    assert "sent 1" in desktop("sync").stdout
    assert "received 1" in laptop("sync").stdout
    assert laptop.todos() == [(1, "Draft the RFC")]
    assert laptop.json("sync", "status")["waiting"] == {"sent": 0, "deleted": 0}


def test_a_handle_renamed_on_both_sides_takes_the_later_name(pair):
    _, laptop, desktop = pair
    laptop("mentor", "edit", "ada", "--handle", "ada-l", now="2026-11-24T11:00:00")
    desktop("mentor", "edit", "ada", "--handle", "lovelace", now="2026-11-24T12:00:00")
    laptop("sync")
    out = desktop("sync").stdout
    assert "handle was edited on both" in out and "'ada-l'" in out
    laptop("sync")
    assert [m["handle"] for m in laptop.json("mentor", "list")] == ["lovelace"]
    assert [m["handle"] for m in desktop.json("mentor", "list")] == ["lovelace"]


def test_rows_made_on_both_with_the_same_id_are_renumbered_and_said_so(pair):
    _, laptop, desktop = pair
    laptop("todo", "add", "From the laptop")  # todo 2 there
    desktop("todo", "add", "From the desktop")  # todo 2 here
    laptop("sync")
    out = desktop("sync").stdout
    assert "todo 2 from the other journal is todo 3 here" in out and "1 renumbered id" in out
    assert desktop.todos() == [(1, "Draft the RFC"), (2, "From the desktop"), (3, "From the laptop")]
    assert "todo 2 from the other journal is todo 3 here" in laptop("sync").stdout
    assert laptop.todos() == [(1, "Draft the RFC"), (2, "From the laptop"), (3, "From the desktop")]


def test_a_push_race_fetches_merges_and_pushes_again(pair, monkeypatch):
    from mentorlog.journal.store import sync

    _, laptop, desktop = pair
    laptop("todo", "add", "From the laptop")
    desktop("todo", "add", "From the desktop")
    raced = []

    def laptop_syncs_first(step):
        if step == "apply" and not raced:  # between the desktop's fetch and its push
            raced.append(step)
            env = {**os.environ, "MENTORLOG_MACHINE": "laptop"}
            result = subprocess.run(
                [sys.executable, "-m", "mentorlog", "--db", str(laptop.db), "sync"],
                env=env,
                capture_output=True,
                text=True,
            )
            assert result.returncode == 0, result.stderr

    monkeypatch.setattr(sync, "check_point", laptop_syncs_first)
    out = desktop("sync").stdout
    assert raced and "received 1" in out
    monkeypatch.undo()
    laptop("sync")
    assert (
        {t for _, t in laptop.todos()}
        == {t for _, t in desktop.todos()}
        == {
            "Draft the RFC",
            "From the laptop",
            "From the desktop",
        }
    )
    assert len(desktop.json("history")) >= 1 and desktop.json("history")[0]["command"] == "sync"


@pytest.mark.parametrize("step", ["export", "exported", "fetch", "merge", "apply", "pushed"])
def test_stopped_at_any_step_the_journal_is_unchanged_and_the_next_sync_recovers(pair, monkeypatch, step):
    from mentorlog.journal.store import sync

    _, laptop, desktop = pair
    laptop("todo", "add", "From the laptop")
    laptop("sync")
    desktop("todo", "edit", "1", "--text", "Edited on the desktop")
    before = snapshot(desktop.db)

    def stop(at):
        if at == step:
            raise KeyboardInterrupt

    monkeypatch.setattr(sync, "check_point", stop)
    desktop("sync", code=130)
    assert snapshot(desktop.db) == before
    monkeypatch.setattr(sync, "check_point", lambda at: None)
    desktop("sync")
    laptop("sync")
    assert desktop.todos() == laptop.todos() == [(1, "Edited on the desktop"), (2, "From the laptop")]


def test_a_second_sync_at_the_same_time_is_refused(pair):
    import fcntl

    _, laptop, _ = pair
    with open(laptop.folder / "sync" / ".git" / "mentorlog.lock", "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        result = laptop("sync", code=1)
    assert "Another sync is running" in result.stderr
    laptop("sync")


def test_an_unreachable_remote_changes_nothing_and_what_was_committed_goes_next_time(pair):
    remote, laptop, desktop = pair
    laptop("todo", "add", "Made offline")
    away = remote.with_name("away.git")
    remote.rename(away)
    before = snapshot(laptop.db)
    result = laptop("sync", code=1)
    assert "Could not reach" in result.stderr and len(result.stderr.strip().splitlines()) <= 2
    assert snapshot(laptop.db) == before
    away.rename(remote)
    assert "sent 1" in laptop("sync").stdout  # committed at the failed sync, pushed now
    desktop("sync")
    assert (2, "Made offline") in desktop.todos()


def test_a_corrupt_row_file_in_the_remote_is_refused_by_name(pair, tmp_path):
    remote, laptop, desktop = pair
    laptop("todo", "add", "Fine")
    laptop("sync")
    other = tmp_path / "vandal"
    subprocess.run(["git", "clone", "-q", str(remote), str(other)], check=True)
    bad = "rows/todo/0badc0de-0000-4000-8000-000000000000.json"
    (other / bad).write_text("{ not json")
    subprocess.run(["git", "-C", str(other), "add", "-A"], check=True)
    subprocess.run(["git", "-C", str(other), "commit", "-qm", "vandal"], check=True)
    subprocess.run(["git", "-C", str(other), "push", "-q", "origin", "HEAD:main"], check=True)
    before = snapshot(desktop.db)
    result = desktop("sync", code=1)
    assert bad in result.stderr and "Nothing was applied" in result.stderr
    assert snapshot(desktop.db) == before  # the good row that came with it is not applied either


def test_undo_reverts_a_sync_and_the_next_sync_sends_the_undo(pair):
    _, laptop, desktop = pair
    laptop("todo", "add", "Second")
    laptop("sync")
    desktop("sync")
    assert (2, "Second") in desktop.todos()
    assert 'Undid "sync"' in desktop("undo", "--yes").stdout
    assert desktop.todos() == [(1, "Draft the RFC")]
    desktop("sync")
    laptop("sync")
    assert laptop.todos() == [(1, "Draft the RFC")]


def test_status_says_what_waits(pair):
    remote, laptop, _ = pair
    laptop("todo", "add", "Waiting")
    laptop("todo", "delete", "1", "--yes")
    status = laptop.json("sync", "status")
    assert status["remote"] == str(remote) and status["encrypted"] is False
    assert status["waiting"] == {"sent": 1, "deleted": 1} and status["last_sync"]
    assert "1 row to send, 1 deletion" in laptop("sync", "status").stdout


def test_history_clear_warns_about_the_remote_and_compact_rewrites_it(pair):
    remote, laptop, desktop = pair
    laptop("todo", "add", "Second")
    laptop("sync")
    result = laptop("history", "--clear", "--yes")
    assert "sync --compact" in result.stdout + result.stderr
    laptop("todo", "add", "After the clear")  # the history numbers anew: sync compares every row
    assert "sent 1" in laptop("sync").stdout
    desktop("todo", "add", "On the desktop, not yet synced")
    assert "Compacted" in laptop("sync", "--compact", "--yes").stdout
    count = subprocess.run(
        ["git", "--git-dir", str(remote), "rev-list", "--count", "main"], capture_output=True, text=True
    )
    assert count.stdout.strip() == "1"
    desktop("sync")
    laptop("sync")
    assert (
        {t for _, t in laptop.todos()}
        == {t for _, t in desktop.todos()}
        == {
            "Draft the RFC",
            "Second",
            "After the clear",
            "On the desktop, not yet synced",
        }
    )


def test_without_git_sync_says_so(pair, monkeypatch, tmp_path):
    _, laptop, _ = pair
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    result = laptop("sync", code=1)
    assert "needs git" in result.stderr


# --- encryption ------------------------------------------------------------------------------


def test_rows_sealed_to_keys_travel_and_merge(tmp_path, cli, monkeypatch):
    pytest.importorskip("pyrage")
    subprocess.run(["git", "init", "-q", "--bare", str(tmp_path / "remote.git")], check=True)
    remote, laptop, desktop = world(tmp_path, cli, monkeypatch)
    key, public = age_key(tmp_path)
    laptop("mentor", "add", "Ada Lovelace")
    laptop("todo", "add", "Secret plan", "--mentor", "ada")
    result = laptop("sync", "init", str(remote), "--encrypt-to", public)
    assert "plain text" not in result.stderr
    files = remote_files(remote)
    rows = [f for f in files if f.startswith("rows/")]
    assert rows and all(f.endswith(".json.age") for f in rows)
    blob = subprocess.run(
        ["git", "--git-dir", str(remote), "cat-file", "-p", f"main:{rows[0]}"], capture_output=True
    ).stdout
    assert blob.startswith(b"age-encryption.org/v1") and b"Secret" not in blob
    assert "sealed to keys" in desktop("sync", "join", str(remote), code=2).stderr
    desktop("sync", "join", str(remote), "--identity", str(key))
    assert desktop.todos() == [(1, "Secret plan")]
    assert oct((desktop.folder / "sync-identity.txt").stat().st_mode & 0o777) == "0o600"
    # Both edit the same row: the driver decrypts the three versions and seals the result.
    laptop("todo", "edit", "1", "--text", "Secret plan, laptop", now="2026-11-24T11:00:00")
    desktop("todo", "edit", "1", "--due", "2026-12-01", now="2026-11-24T12:00:00")
    laptop("sync")
    desktop("sync")
    laptop("sync")
    for machine in (laptop, desktop):
        [todo] = machine.json("todo", "list")
        assert (todo["text"], todo["due"]) == ("Secret plan, laptop", "2026-12-01")
    if shutil.which("age"):
        target = tmp_path / "row.age"
        target.write_bytes(blob)
        opened = subprocess.run(["age", "-d", "-i", str(key), str(target)], capture_output=True)
        assert opened.returncode == 0 and b'"concept"' in opened.stdout


def test_a_passphrase_locks_the_journal_key_in_the_repository(tmp_path, cli, monkeypatch):
    pytest.importorskip("pyrage")
    subprocess.run(["git", "init", "-q", "--bare", str(tmp_path / "remote.git")], check=True)
    remote, laptop, desktop = world(tmp_path, cli, monkeypatch)
    laptop("mentor", "add", "Ada Lovelace")
    monkeypatch.setenv("MENTORLOG_PASSPHRASE", "correct horse")
    laptop("sync", "init", str(remote), "--passphrase")
    files = remote_files(remote)
    assert "identity.age" in files and all(f.endswith(".age") for f in files if f.startswith("rows/"))
    cached = laptop.folder / "sync-identity.txt"
    assert oct(cached.stat().st_mode & 0o777) == "0o600"
    monkeypatch.setenv("MENTORLOG_PASSPHRASE", "wrong")
    before = snapshot(desktop.db)
    desktop("sync", "join", str(remote), code=1)
    assert not (desktop.folder / "sync").exists() and snapshot(desktop.db) == before
    monkeypatch.setenv("MENTORLOG_PASSPHRASE", "correct horse")
    desktop("sync", "join", str(remote))
    assert [m["handle"] for m in desktop.json("mentor", "list")] == ["ada"]
    if shutil.which("age"):
        blob = subprocess.run(
            [
                "git",
                "--git-dir",
                str(remote),
                "cat-file",
                "-p",
                f"main:{next(f for f in files if f.startswith('rows/'))}",
            ],
            capture_output=True,
        ).stdout
        (tmp_path / "row.age").write_bytes(blob)
        opened = subprocess.run(
            ["age", "-d", "-i", str(cached), str(tmp_path / "row.age")], capture_output=True
        )
        assert opened.returncode == 0 and b"Lovelace" in opened.stdout


def test_join_into_a_journal_that_already_holds_rows_merges_both(tmp_path, cli, monkeypatch):
    subprocess.run(["git", "init", "-q", "--bare", str(tmp_path / "remote.git")], check=True)
    remote, laptop, desktop = world(tmp_path, cli, monkeypatch)
    laptop("mentor", "add", "Ada Lovelace")
    laptop("todo", "add", "From the laptop")
    laptop("sync", "init", str(remote))
    desktop("mentor", "add", "Grace Hopper")
    desktop("todo", "add", "From the desktop")
    out = desktop("sync", "join", str(remote)).stdout
    assert "mentor 1 from the other journal is mentor 2 here" in out
    assert "todo 1 from the other journal is todo 2 here" in out and "sent 2, received 2" in out
    laptop("sync")
    assert (
        {t for _, t in laptop.todos()}
        == {t for _, t in desktop.todos()}
        == {"From the laptop", "From the desktop"}
    )
    assert sorted(m["handle"] for m in laptop.json("mentor", "list")) == ["ada", "grace"]


# --- the merge of one row file, as a pure function ---------------------------------------------


def row_file(machine: str, edited: str, **row):
    base = {"id": 1, "uuid": "u", "text": "t", "due": None, "updated_at": edited}
    fields = {**base, **row}
    return {
        "concept": "todo",
        "uuid": "u",
        "machine": machine,
        "row": fields,
        "edited": {k: edited for k in fields},
    }


def test_the_row_merge_field_by_field():
    from mentorlog.journal.store.syncmerge import merge

    base = row_file("laptop", "2026-11-24T10:00")
    ours = row_file("laptop", "2026-11-24T11:00", text="mine")
    ours["edited"]["due"] = base["edited"]["due"]
    theirs = row_file("desktop", "2026-11-24T12:00", due="2026-12-01")
    theirs["edited"]["text"] = base["edited"]["text"]
    merged, notes = merge(base, ours, theirs, here="laptop")
    assert (merged["row"]["text"], merged["row"]["due"]) == ("mine", "2026-12-01") and notes == []
    theirs = row_file("desktop", "2026-11-24T12:00", text="theirs, later")
    merged, notes = merge(base, ours, theirs, here="laptop")
    assert merged["row"]["text"] == "theirs, later"
    assert notes == [
        {"kind": "overridden", "concept": "todo", "uuid": "u", "field": "text", "kept": "theirs, later",
         "lost": "mine", "lost_on": "laptop"}
    ]  # fmt: skip
    gone = {"concept": "todo", "uuid": "u", "machine": "desktop", "deleted": "2026-11-24T12:00", "row": None}
    merged, notes = merge(base, ours, gone, here="laptop")
    assert merged["row"]["text"] == "mine" and notes[0]["kind"] == "restored"
    merged, notes = merge(base, base, gone, here="laptop")
    assert merged["deleted"] and notes == []  # deleted there, untouched here: gone


def test_a_write_made_here_while_sync_runs_is_merged_not_overwritten(pair, monkeypatch):
    from mentorlog.journal.store import sync

    _, laptop, desktop = pair
    laptop("todo", "edit", "1", "--due", "2026-12-01", now="2026-11-24T11:00:00")
    laptop("sync")
    wrote = []

    def edit_meanwhile(step):
        if step == "fetch" and not wrote:  # after the desktop's export, before its apply
            wrote.append(step)
            env = {**os.environ, "MENTORLOG_MACHINE": "desktop", "MENTORLOG_NOW": "2026-11-24T12:00:00"}
            args = ["--db", str(desktop.db), "todo", "edit", "1", "--text", "Typed during the sync"]
            result = subprocess.run([sys.executable, "-m", "mentorlog", *args], env=env, capture_output=True)
            assert result.returncode == 0, result.stderr

    monkeypatch.setattr(sync, "check_point", edit_meanwhile)
    desktop("sync")
    [todo] = desktop.json("todo", "list")
    assert wrote and (todo["text"], todo["due"]) == ("Typed during the sync", "2026-12-01")
    monkeypatch.undo()
    laptop("sync")
    assert laptop.json("todo", "list")[0]["text"] == "Typed during the sync"


@pytest.mark.parametrize("step", ["merge", "pushed"])
def test_killed_by_sigterm_the_next_sync_recovers(pair, step):
    """A real process, killed by SIGTERM at a step (no Python clean-up runs)."""
    _, laptop, desktop = pair
    laptop("todo", "add", "From the laptop")
    laptop("sync")
    desktop("todo", "edit", "1", "--text", "Edited on the desktop")
    before = snapshot(desktop.db)
    code = (
        "import os, signal, sys\n"
        "import mentorlog.journal.store.sync as s\n"
        f"s.check_point = lambda at: os.kill(os.getpid(), signal.SIGTERM) if at == {step!r} else None\n"
        f"sys.argv = ['mentorlog', '--db', {str(desktop.db)!r}, 'sync']\n"
        "from mentorlog.__main__ import main\n"
        "main()\n"
    )
    env = {**os.environ, "MENTORLOG_MACHINE": "desktop"}
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, timeout=60)
    assert result.returncode in (-15, 143), result.stderr
    assert snapshot(desktop.db) == before
    desktop("sync")
    laptop("sync")
    assert desktop.todos() == laptop.todos() == [(1, "Edited on the desktop"), (2, "From the laptop")]
