"""Shared fixtures: every test gets its own journal in tmp_path and a fixed clock.

``cli`` runs mentorlog in-process through Typer's CliRunner on the same lazily-loading app the
console script runs. The helpers the test modules import live in ``helpers.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import NOW, Run


@pytest.fixture(autouse=True)
def journal_env(tmp_path, monkeypatch):
    monkeypatch.setenv("MENTORLOG_DB", str(tmp_path / "journal.db"))
    monkeypatch.setenv("MENTORLOG_NOW", NOW)
    monkeypatch.setenv("MENTORLOG_CONFIG", str(tmp_path / "config.toml"))
    from mentorlog import config

    config.reset()
    monkeypatch.setenv("TZ", "UTC")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "120")
    for var in ("VISUAL", "EDITOR", "MENTORLOG_DEBUG"):
        monkeypatch.delenv(var, raising=False)
    yield tmp_path / "journal.db"


@pytest.fixture
def db_path(journal_env) -> Path:
    return journal_env


@pytest.fixture
def cli() -> Run:
    return Run()


@pytest.fixture
def ada(cli):
    """A journal with two mentors: ada (formal, fortnightly) and grace (informal)."""
    cli("mentor", "add", "Ada Lovelace", "--every", "2 weeks", "--next", "2026-11-26 15:00")
    cli("mentor", "add", "Grace Hopper", "--informal")
    return "ada"
