"""What the test modules share: running mentorlog in-process and in a real process, and a
snapshot of every table to assert that a journal is unchanged."""

from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path

from typer.testing import CliRunner

from mentorlog.cli import app

NOW = "2026-11-24T10:00:00"  # a Tuesday


class Run:
    def __init__(self):
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None, code: int | None = 0):
        result = self.runner.invoke(app, list(args), input=input)
        if code is not None:
            assert result.exit_code == code, (
                f"exit {result.exit_code} != {code}\nstdout: {result.stdout}\n"
                f"stderr: {result.stderr}\n{result.exception!r}"
            )
        return result


def snapshot(path: Path) -> dict:
    """Every row of every table, to compare a journal before and after a failure."""
    if not path.exists():
        return {}
    conn = sqlite3.connect(path)
    try:
        tables = [
            r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
        ]
        # Sorted in Python: the full-text index's shadow tables have no rowid.
        return {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables}
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
