"""Shared fixtures: every test gets its own journal in tmp_path and a fixed clock.

``cli`` runs mentorlog in-process through Typer's CliRunner on the same lazily-loading app the
console script runs. The helpers the test modules import live in ``helpers.py``.
"""

from __future__ import annotations

import signal
from pathlib import Path

import pytest

from helpers import NOW, Run

# A shell without job control starts a background job with SIGINT ignored, and every child
# inherits that, so Ctrl-C sent to a mentorlog subprocess would be lost. The tests that send it
# model a terminal, so the suite starts its children as a terminal would.
if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)


@pytest.fixture(autouse=True)
def journal_env(tmp_path, monkeypatch):
    monkeypatch.setenv("MENTORLOG_DB", str(tmp_path / "journal.db"))
    monkeypatch.setenv("MENTORLOG_NOW", NOW)
    monkeypatch.setenv("MENTORLOG_CONFIG", str(tmp_path / "config.toml"))
    from mentorlog.io import config

    config.reset()
    monkeypatch.setenv("TZ", "UTC")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "120")
    for var in ("VISUAL", "EDITOR", "MENTORLOG_DEBUG"):
        monkeypatch.delenv(var, raising=False)
    yield tmp_path / "journal.db"


class _Tee:
    """A binary file that copies what is written to it, for ``exports_match_the_schema``."""

    def __init__(self, out):
        self.out, self.parts = out, []

    def write(self, data: bytes) -> int:
        self.parts.append(bytes(data))
        return self.out.write(data)

    def __getattr__(self, name):
        return getattr(self.out, name)


@pytest.fixture(autouse=True)
def exports_match_the_schema(monkeypatch):
    """Every json export a test makes in-process is checked against the JSON Schema shipped in
    the package (SPEC §2: the export's shape is published)."""
    from mentorlog.formats import jsonfile

    made: list[_Tee] = []
    real = jsonfile.write

    def write(out, exported_at, tables):
        tee = _Tee(out)
        made.append(tee)
        real(tee, exported_at, tables)

    monkeypatch.setattr(jsonfile, "write", write)
    yield
    if made:
        import json

        import jsonschema

        validator = jsonschema.Draft202012Validator(jsonfile.schema())
        for tee in made:
            document = json.loads(b"".join(tee.parts))
            errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
            assert not errors, (
                f"the export does not match its schema: {errors[0].message} at {list(errors[0].path)}"
            )


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
