"""What the test modules share: running mentorlog in-process and in a real process, and a
snapshot of every table to assert that a journal is unchanged."""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import sys
from pathlib import Path

import typer.testing
from typer.testing import CliRunner

from mentorlog.cli import app

NOW = "2026-11-24T10:00:00"  # a Tuesday

_build_command = typer.testing._get_command
_built: list = []


def _command_built_once(typer_app):
    """The Click command Typer builds from ``app``, built once per test process as a run of
    mentorlog builds it once: building it again for each of the suite's 5,000 invocations
    was about a third of their time (2 ms of 6). The lazy group keeps the subcommands it has loaded."""
    if typer_app is not app:
        return _build_command(typer_app)
    if not _built:
        _built.append(_build_command(app))
    return _built[0]


typer.testing._get_command = _command_built_once


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


def two_mentors(cli: Run) -> None:
    """What the ``ada`` fixture sets up: ada (formal, fortnightly) and grace (informal)."""
    cli("mentor", "add", "Ada Lovelace", "--every", "2 weeks", "--next", "2026-11-26 15:00")
    cli("mentor", "add", "Grace Hopper", "--informal")


def snapshot(path: Path) -> dict:
    """Every row of every table, to compare a journal before and after a failure. Works on a
    journal that can only be read (a full disk, a read-only file system) too."""
    if not path.exists():
        return {}
    for uri in (f"{path.resolve().as_uri()}?mode=ro", f"{path.resolve().as_uri()}?mode=ro&immutable=1"):
        conn = sqlite3.connect(uri, uri=True)
        try:
            tables = [
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
            ]
            # Sorted in Python: the full-text index's shadow tables have no rowid.
            return {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables}
        except sqlite3.OperationalError:
            continue
        finally:
            conn.close()
    raise AssertionError(f"{path} cannot be read")


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


def run_in_terminal(*args: str, env: dict | None = None, answer: str | None = None) -> tuple[int, str]:
    """mentorlog in a real process whose stdout and stderr are a pseudo-terminal: its exit
    code, and what it showed (colour codes and carriage returns taken out). With ``answer``,
    stdin is the terminal too, and ``answer`` is typed into it (a prompt's reply)."""
    import pty
    import subprocess

    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "mentorlog", *args],
        stdin=subprocess.DEVNULL if answer is None else follower,
        stdout=follower,
        stderr=follower,
        env={**os.environ, **(env or {})},
    )
    os.close(follower)
    if answer is not None:
        os.write(leader, answer.encode())
    out = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the child closed its end
            break
        if not chunk:
            break
        out += chunk
    code = proc.wait(timeout=30)
    os.close(leader)
    return code, re.sub(rb"\x1b\[[0-9;]*m", b"", out).decode().replace("\r", "")


def age_key(tmp_path: Path, name: str = "key.txt") -> tuple[Path, str]:
    """An x25519 identity written the way age-keygen writes it, and its public key."""
    import pyrage

    ident = pyrage.x25519.Identity.generate()
    public = str(ident.to_public())
    path = tmp_path / name
    path.write_text(f"# created: 2026-11-24T10:00:00Z\n# public key: {public}\n{ident}\n")
    return path, public


def age_identity(path: Path):
    """The identity in a key file ``age_key`` wrote, to decrypt with pyrage."""
    import pyrage

    return pyrage.x25519.Identity.from_str(path.read_text().splitlines()[-1])


def modules_loaded(*args: str, watch: tuple[str, ...]):
    """Run ``mentorlog ARGS`` in a fresh interpreter as the console script does; the process
    result, and which of the ``watch`` modules it had imported by the end."""
    import subprocess

    code = (
        "import os, sys\n"
        f"sys.argv = ['mentorlog', *{list(args)!r}]\n"
        "os._exit = sys.exit  # main() leaves with os._exit; stay to look at what it imported\n"
        "from mentorlog.__main__ import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        f"print(sorted(m for m in {watch!r} if m in sys.modules), file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    return result, result.stderr.strip().splitlines()[-1]


@contextlib.contextmanager
def small_filesystem(tmp_path: Path, monkeypatch, size: str = "2m"):
    """A tmpfs of ``size`` mounted at ``tmp_path/fs`` (root only), with ``MENTORLOG_DB`` pointed
    at ``journal.db`` on it: for full-disk and read-only cases. Yields ``fs`` with ``fs.folder``,
    ``fs.journal`` and ``fs.remount(readonly: bool)``; unmounted afterwards. 2 MiB by default: a
    new journal's schema and its write-ahead log take about a megabyte; a test that needs a full
    disk fills it (``fill_disk``)."""
    import subprocess
    from types import SimpleNamespace

    import pytest

    if os.geteuid() != 0:
        pytest.skip("mounting a small file system needs root")
    folder = tmp_path / "fs"
    folder.mkdir(parents=True, exist_ok=True)
    if subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)]).returncode:
        pytest.skip("this machine cannot mount a tmpfs")

    def remount(readonly: bool) -> None:
        subprocess.run(["mount", "-o", f"remount,{'ro' if readonly else 'rw'}", str(folder)], check=True)

    journal = folder / "journal.db"
    monkeypatch.setenv("MENTORLOG_DB", str(journal))
    try:
        yield SimpleNamespace(folder=folder, journal=journal, remount=remount)
    finally:
        subprocess.run(["umount", "-l", str(folder)])


def fill_disk(folder: Path) -> None:
    """Use up every free byte of the file system holding ``folder``."""
    # Unbuffered: a buffered file would raise the full disk again when closed, with what it kept.
    with open(folder / "filler", "wb", buffering=0) as f:
        try:
            while True:
                f.write(b"\0" * 65536)
        except OSError:
            pass
    try:
        with open(folder / "filler-small", "wb", buffering=0) as f:
            while True:
                f.write(b"\0" * 512)
                f.flush()
    except OSError:
        pass


def editor_script(tmp_path: Path, body: str, name: str = "editor.py") -> str:
    """An $EDITOR that runs ``body`` with ``p`` the file being edited."""
    script = tmp_path / name
    script.write_text("import os, sys, time\np = sys.argv[1]\n" + body + "\n")
    return f"{sys.executable} {script}"


CONTROL = re.compile("[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\u202a-\\u202e\\u2066-\\u2069]")


def shared_by_workers(tmp_path_factory, name: str, make) -> Path:
    """A file that ``make(path)`` writes once per test run, however many workers ask for it
    (the first one makes it under a lock, the others wait and read it)."""
    import fcntl

    base = tmp_path_factory.getbasetemp()
    folder = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "shared"
    folder.mkdir(exist_ok=True)
    path = folder / name
    with open(folder / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not path.exists():
            making = folder / f"{name}.making"
            making.unlink(missing_ok=True)  # left by a worker whose make failed
            try:
                make(making)
            except BaseException:
                making.unlink(missing_ok=True)
                raise
            making.rename(path)
    return path
