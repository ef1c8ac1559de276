"""``remind`` and ``--version`` answered before Typer loads give exactly what the Typer command
gives — output, exit code and errors — for every option combination (README: "Speed")."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys

import pytest

from helpers import modules_loaded

WITHIN = [[], ["--within", "0"], ["--within", "10"], ["--within=400"], ["--within", "3660"]]
BAD = [
    ["--within", "3661"],
    ["--within", "-1"],
    ["--within", "x"],
    ["--within"],
    ["--within", "٣"],
    ["--nope"],
    ["--json=1"],
    ["--help"],
    ["extra"],
    ["--json", "--json"],
]


def run(args: list[str], fast: bool) -> tuple[int, str, str]:
    """``mentorlog ARGS`` as ``__main__`` runs it: the fast path first (``fast``), then Typer's;
    the exit code, stdout and stderr. In this process, with the output captured as a pipe
    would take it (not a terminal) and the config file read afresh, as a new process reads it:
    the comparison is of the two paths' code. A real process is in ``run_process`` below."""
    import contextlib
    import io

    from mentorlog import fast as fast_path
    from mentorlog.cli import run as typer_path
    from mentorlog.io import config

    config.reset()
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = fast_path.main(args) if fast else None
        if code is None:
            code = typer_path(args)
    return code, out.getvalue(), err.getvalue()


def run_process(args: list[str], fast: bool) -> tuple[int, str, str]:
    env = {**os.environ}
    env.pop("MENTORLOG_NO_FAST", None)
    if not fast:
        env["MENTORLOG_NO_FAST"] = "1"
    result = subprocess.run(
        [sys.executable, "-m", "mentorlog", *args], capture_output=True, text=True, env=env, timeout=60
    )
    return result.returncode, result.stdout, result.stderr


@pytest.fixture
def busy(made_once, cli, ada):
    made_once(_busy)
    return ada


def _busy(cli):
    cli("todo", "add", "Overdue", "--due", "2026-11-20", "-m", "ada")
    cli("todo", "add", "Soon", "--due", "2026-11-26")
    cli("advice", "add", "grace", "Old advice", "--on", "2026-09-01")


COMBINATIONS = [
    within + list(flags)
    for within in WITHIN
    for n in range(3)
    for flags in itertools.permutations(["--exit-code", "--json"], n)
]


@pytest.mark.parametrize("options", COMBINATIONS + BAD, ids=lambda o: " ".join(o) or "(none)")
def test_both_paths_agree(busy, options):
    assert run(["remind", *options], fast=True) == run(["remind", *options], fast=False)


@pytest.mark.parametrize(
    "options", [[], ["--json", "--exit-code"], ["--within", "x"], ["--help"], ["extra"]], ids=str
)
def test_both_paths_agree_as_processes_and_as_run_here(busy, options):
    """The real processes agree too, and with what the in-process runs above see."""
    fast = run_process(["remind", *options], fast=True)
    assert fast == run_process(["remind", *options], fast=False)
    assert fast == run(["remind", *options], fast=True)


@pytest.mark.parametrize("where", ["--db", "--db="])
def test_both_paths_agree_on_the_journal_option(busy, db_path, tmp_path, where):
    for path in (db_path, tmp_path / "missing.db"):
        args = [f"--db={path}", "remind"] if where == "--db=" else ["--db", str(path), "remind"]
        assert run(args, fast=True) == run(args, fast=False)


def test_both_paths_agree_without_a_journal(tmp_path, monkeypatch):
    monkeypatch.setenv("MENTORLOG_DB", str(tmp_path / "none.db"))
    for options in ([], ["--json"], ["--exit-code"]):
        assert (
            run(["remind", *options], fast=True)
            == run(["remind", *options], fast=False)
            == (0, *run(["remind", *options], True)[1:])
        )


def test_version_agrees():
    assert run(["--version"], fast=True) == run(["--version"], fast=False)


def test_the_fast_path_does_not_import_typer_or_rich(busy):
    result, loaded = modules_loaded("remind", watch=("typer", "rich", "sqlite_utils", "platformdirs"))
    assert loaded == "[]", result.stderr


def test_the_default_journal_path_matches_platformdirs(monkeypatch):
    from pathlib import Path

    from platformdirs import user_data_dir

    from mentorlog.journal.store.db import default_path, resolve_path

    monkeypatch.delenv("MENTORLOG_DB")
    for xdg in ("", "/tmp/xdg-data"):
        monkeypatch.setenv("XDG_DATA_HOME", xdg)
        expected = Path(user_data_dir("mentorlog", appauthor=False)) / "journal.db"
        assert resolve_path(None) == default_path() == expected


@pytest.mark.parametrize(
    "text",
    [
        'editor = "vi"\ncolour = "blue"\n',
        "[remind]\nwithin = 400000\n",
        "editor = [\n",
        "journal = 5\n",
    ],
    ids=["unknown key", "bad value", "not toml", "bad journal"],
)
@pytest.mark.parametrize("options", [[], ["--within", "10"], ["--json"], ["--exit-code"]], ids=str)
def test_both_paths_agree_on_a_broken_config_file(busy, tmp_path, monkeypatch, text, options):
    # remind runs in every new shell: a broken config file is said on stderr, never a failure
    config = tmp_path / "config.toml"
    config.write_text(text)
    if "journal" in text:
        monkeypatch.delenv("MENTORLOG_DB")
    fast, typer = run(["remind", *options], fast=True), run(["remind", *options], fast=False)
    assert fast == typer
    code, _, err = fast
    assert code == (1 if options == ["--exit-code"] and "journal" not in text else 0)
    if options[:1] == ["--within"] and "journal" not in text:
        assert err == ""  # it needs nothing from the file, so does not read it
    else:
        assert err.startswith(f"mentorlog: {config}") and err.count("\n") == 1, err
