"""Shared fixtures: every test gets its own journal in tmp_path and a fixed clock.

``cli`` runs mentorlog in-process through Typer's CliRunner on the same lazily-loading app the
console script runs. The helpers the test modules import live in ``helpers.py``.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
from pathlib import Path

import pytest

from helpers import NOW, Run, two_mentors

# A shell without job control starts a background job with SIGINT ignored, and every child
# inherits that, so Ctrl-C sent to a mentorlog subprocess would be lost. The tests that send it
# model a terminal, so the suite starts its children as a terminal would.
if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)


def _set_test_env(monkeypatch, folder: Path) -> None:
    """A journal and a config file in ``folder``, a fixed clock, UTC, no colour, 120 columns."""
    monkeypatch.setenv("MENTORLOG_DB", str(folder / "journal.db"))
    monkeypatch.setenv("MENTORLOG_NOW", NOW)
    monkeypatch.setenv("MENTORLOG_CONFIG", str(folder / "config.toml"))
    from mentorlog.io import config

    config.reset()
    monkeypatch.setenv("TZ", "UTC")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "120")
    for var in ("VISUAL", "EDITOR", "MENTORLOG_DEBUG"):
        monkeypatch.delenv(var, raising=False)


@pytest.fixture(autouse=True)
def journal_env(tmp_path, monkeypatch):
    _set_test_env(monkeypatch, tmp_path)
    yield tmp_path / "journal.db"


_blank: dict[str, Path] = {}  # recipe → a journal made by the real code, once per test process


@pytest.fixture(autouse=True)
def blank_journal_made_once(request, monkeypatch, tmp_path_factory):
    """A new journal is filled from a copy of one the real code made in this test process,
    rather than made again from ``blank.sql`` (18 ms; the migrations took 35).

    Only a journal with nothing in it, for the shipped migrations and the registry they were
    written for (``blank.script`` says so), takes the copy; a test with migrations or concepts
    of its own, or marked ``real_creation``, gets its journal made as a user's first run makes
    it. The copy differs from a new journal only in when its migrations were applied."""
    if request.node.get_closest_marker("real_creation"):
        return
    from mentorlog.journal.store import blank, db
    from mentorlog.journal.store import migrations as shipped

    shipped_list, upgrade_for_real = shipped.MIGRATIONS, db.upgrade

    def upgrade(conn, path, migrations):
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        empty = conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchone() is None
        if migrations is not shipped_list or version or not empty or conn.in_transaction:
            return upgrade_for_real(conn, path, migrations)
        if blank.script(migrations) is None:
            return upgrade_for_real(conn, path, migrations)
        recipe = blank.recipe(migrations)
        if recipe not in _blank:
            made = tmp_path_factory.mktemp("blank") / "journal.db"
            with monkeypatch.context() as mp:
                mp.setattr(db, "upgrade", upgrade_for_real)
                with db.open_journal(made, write=True, create=True):
                    pass
            _blank[recipe] = made
        source = sqlite3.connect(_blank[recipe])
        try:
            source.backup(conn)
        finally:
            source.close()

    monkeypatch.setattr(db, "upgrade", upgrade)


@pytest.fixture(autouse=True)
def quick_scrypt(request, monkeypatch):
    """Passphrases are sealed at a low scrypt work factor (see agefile.py) and opened by pyrage
    as usual; a test marked ``real_scrypt`` seals them with age's own, as a user's are."""
    if request.node.get_closest_marker("real_scrypt"):
        return
    import pyrage

    from agefile import seal

    monkeypatch.setattr(pyrage.passphrase, "encrypt", seal)


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


def _stamp(path: Path) -> tuple | None:
    """What changes whenever a journal file is written to (ctime cannot be copied or set)."""
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    wal = path.with_name(path.name + "-wal")
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, wal.exists())


@pytest.fixture(scope="session")
def _made_journals() -> dict:
    return {}


@pytest.fixture
def made_once(journal_env, cli, _made_journals, tmp_path_factory):
    """``made_once(build)`` runs ``build(cli)``, the commands a fixture sets a journal up with,
    once per test process, and gives every later test a copy of the journal they made.

    Creating a journal runs every migration and a fixture's commands each open it, which is
    most of a short test's time. Fixtures build on each other (``story`` on ``ada``): a journal
    is known by the builds that made it, and a copy is used only while the test's journal is
    still one of them, untouched, in the standard environment (its own path, no config file,
    the fixed clock, UTC); otherwise ``build`` runs here, as it would without the cache."""
    state = {"made": (), "stamp": None}

    def made(build):
        env = os.environ
        standard = (
            env.get("MENTORLOG_DB") == str(journal_env)
            and not Path(env.get("MENTORLOG_CONFIG", "")).exists()
            and env.get("MENTORLOG_NOW") == NOW
            and env.get("TZ") == "UTC"
        )
        if not standard or _stamp(journal_env) != state["stamp"]:
            state["stamp"] = object()  # no longer a known journal
            return build(cli)
        key = (*state["made"], f"{build.__module__}.{build.__qualname__}")
        if key not in _made_journals:
            folder = tmp_path_factory.mktemp("made")
            if state["made"]:
                shutil.copy2(_made_journals[state["made"]][0], folder / "journal.db")
            with pytest.MonkeyPatch.context() as mp:
                _set_test_env(mp, folder)
                value = build(Run())
            from mentorlog.io import config

            config.reset()
            _made_journals[key] = (folder / "journal.db", value)
        path, value = _made_journals[key]
        shutil.copy2(path, journal_env)  # its mode (0600) too
        state["made"], state["stamp"] = key, _stamp(journal_env)
        return value

    return made


@pytest.fixture
def ada(made_once):
    """A journal with two mentors: ada (formal, fortnightly) and grace (informal)."""
    made_once(two_mentors)
    return "ada"


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config):
    import file_progress

    file_progress.register(config)
    _in_memory_basetemp(config)


def _in_memory_basetemp(config) -> None:
    """Keep the tests' files in memory (``/dev/shm``) when the machine has room there.

    A journal is written with ``synchronous=FULL``, so every commit and close waits for the
    disk: about a third of a journal test's time on a disk, nothing on tmpfs. The files are
    the same; only where they live changes, and only when ``--basetemp`` was not given. The
    folder is this run's own (two runs at once do not share it) and is removed at its end."""
    import tempfile

    if config.option.basetemp or hasattr(config, "workerinput"):  # given, or a worker of -n
        return
    try:
        free = os.statvfs("/dev/shm")
        if free.f_bavail * free.f_frsize < 2 << 30 or not os.access("/dev/shm", os.W_OK):
            return
        config.option.basetemp = tempfile.mkdtemp(prefix="mentorlog-tests-", dir="/dev/shm")
    except OSError:
        return
    config.add_cleanup(lambda: shutil.rmtree(config.option.basetemp, ignore_errors=True))
