"""Shared fixtures: every test gets its own journal in tmp_path and a fixed clock.

``cli`` runs mentorlog in-process through Typer's CliRunner (the same boundary the console
script uses); ``snapshot`` reads every table so a test can assert the journal is unchanged.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mentorlog.cli import build_app

NOW = "2026-11-24T10:00:00"  # a Tuesday


@pytest.fixture(autouse=True)
def journal_env(tmp_path, monkeypatch):
    monkeypatch.setenv("MENTORLOG_DB", str(tmp_path / "journal.db"))
    monkeypatch.setenv("MENTORLOG_NOW", NOW)
    monkeypatch.setenv("TZ", "UTC")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "120")
    for var in ("VISUAL", "EDITOR", "MENTORLOG_DEBUG"):
        monkeypatch.delenv(var, raising=False)
    yield tmp_path / "journal.db"


@pytest.fixture
def db_path(journal_env) -> Path:
    return journal_env


class Run:
    def __init__(self):
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None, code: int | None = 0):
        result = self.runner.invoke(build_app(), list(args), input=input)
        if code is not None:
            assert result.exit_code == code, (
                f"exit {result.exit_code} != {code}\nstdout: {result.stdout}\n"
                f"stderr: {result.stderr}\n{result.exception!r}"
            )
        return result


@pytest.fixture
def cli() -> Run:
    return Run()


@pytest.fixture
def ada(cli):
    """A journal with two mentors: ada (formal, fortnightly) and grace (informal)."""
    cli("mentor", "add", "Ada Lovelace", "--every", "2 weeks", "--next", "2026-11-26 15:00")
    cli("mentor", "add", "Grace Hopper", "--informal")
    return "ada"


def snapshot(path: Path) -> dict:
    """Every row of every table, to compare a journal before and after a failure."""
    if not path.exists():
        return {}
    conn = sqlite3.connect(path)
    try:
        tables = [
            r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
        ]
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall() for t in tables}
    finally:
        conn.close()


def run_process(*args: str, input: str | None = None, env: dict | None = None, timeout: float = 30):
    """mentorlog in a real process (for the editor, stdin, signals and concurrency)."""
    import subprocess

    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "mentorlog", *args],
        input=input,
        capture_output=True,
        text=True,
        env=full_env,
        timeout=timeout,
    )
