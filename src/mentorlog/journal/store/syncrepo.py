"""The sync's repository on this machine: the work tree ``sync/`` beside the journal, git run in
it, the local state that says what the journal holds of it, and the lock of one sync at a time.

``Paths`` names every file; ``Git`` runs git there (with the merge driver's environment: this
machine's name, the notes file, the journal's key); ``State`` is ``.git/mentorlog-state.json``,
never pushed, naming the *mirror* (the commit whose rows the journal holds) and what the last
sync saw. A sync step that fails raises ``SyncError``, whose message says the journal was not
changed. What the repository holds is ``syncfiles``; the steps of a sync are ``sync``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mentorlog.core.errors import MentorlogError, Suggest
from mentorlog.core.record import Record, field

BRANCH = "main"


class SyncError(MentorlogError):
    """A sync step failed; the journal was not changed."""


class Paths:
    def __init__(self, journal: Path):
        self.journal = journal
        self.tree = journal.parent / "sync"
        self.git = self.tree / ".git"
        self.state = self.git / "mentorlog-state.json"
        self.lock = self.git / "mentorlog.lock"
        self.notes = self.git / "mentorlog-notes.jsonl"
        self.identity = journal.parent / "sync-identity.txt"  # the journal's key, cached 0600

    @property
    def set_up(self) -> bool:
        return self.state.is_file()


# --- git ----------------------------------------------------------------------------------


def git_path() -> str:
    found = shutil.which("git")
    if found is None:
        raise SyncError(
            "Syncing needs git, which is not installed here; nothing was changed.",
            hint=Suggest("install_git"),
        )
    return found


# git commands that never move a ref: HEAD and the remote's branch stay as they were read.
_READS_ONLY = frozenset({"rev-parse", "show", "cat-file", "diff", "merge-base", "ls-tree", "ls-remote"})


class Git:
    def __init__(self, paths: Paths, machine: str):
        self.paths = paths
        self.exe = git_path()
        self.env = {
            **os.environ,
            "MENTORLOG_MACHINE": machine,
            "MENTORLOG_SYNC_NOTES": str(paths.notes),
            "MENTORLOG_SYNC_IDENTITY": str(paths.identity) if paths.identity.exists() else "",
            "LC_ALL": "C",
            # The merge driver runs this very mentorlog, wherever it was imported from.
            "PYTHONPATH": os.pathsep.join(
                p for p in (str(Path(__file__).resolve().parents[3]), os.environ.get("PYTHONPATH")) if p
            ),
            "GIT_MERGE_AUTOEDIT": "no",
        }
        self.who = ["-c", f"user.name=mentorlog on {machine}", "-c", "user.email=mentorlog@localhost"]
        self._refs: dict[str, str | None] = {}  # HEAD and the remote's branch, until a git call moves them

    def __call__(self, *args: str, check: bool = True, cwd: Path | None = None, input: bytes | None = None):
        if args[0] not in _READS_ONLY:
            self._refs.clear()
        try:
            result = subprocess.run(
                [self.exe, *self.who, *args],
                cwd=cwd or self.paths.tree,
                env=self.env,
                capture_output=True,
                input=input,
            )
        except OSError as e:
            raise SyncError(f"Could not run git ({e.strerror or e}); the journal was not changed.") from None
        if check and result.returncode != 0:
            raise SyncError(f"git {args[0]} failed: {last_line(result.stderr)}; the journal was not changed.")
        return result

    def out(self, *args: str) -> str:
        return self(*args).stdout.decode("utf-8", "replace").strip()

    def head(self) -> str | None:
        return self._ref("HEAD")

    def remote_head(self) -> str | None:
        return self._ref(f"refs/remotes/origin/{BRANCH}")

    def _ref(self, name: str) -> str | None:
        """The commit ``name`` points at, asked of git once until a command that can move it
        (a sync asked for HEAD about twenty times, one process each)."""
        if name not in self._refs:
            result = self("rev-parse", "--verify", "-q", name, check=False)
            self._refs[name] = result.stdout.decode().strip() if result.returncode == 0 else None
        return self._refs[name]

    def show(self, commit: str, path: str) -> bytes | None:
        result = self("show", f"{commit}:{path}", check=False)
        return result.stdout if result.returncode == 0 else None

    def blobs(self, commit: str, paths: list[str]) -> dict[str, bytes | None]:
        """The content of each of ``paths`` at ``commit``, read by one ``git cat-file`` (a first
        sync takes thousands of files: one process each would take minutes)."""
        if not paths:
            return {}
        request = "".join(f"{commit}:{p}\n" for p in paths).encode("utf-8")
        out = self("cat-file", "--batch", input=request).stdout
        found: dict[str, bytes | None] = {}
        at = 0
        for path in paths:
            end = out.index(b"\n", at)
            header = out[at:end].split()
            at = end + 1
            if len(header) < 3 or header[1] != b"blob":
                found[path] = None  # "<name> missing"
                continue
            size = int(header[2])
            found[path] = out[at : at + size]
            at += size + 1  # the content, then a newline
        return found

    def changed(self, old: str | None, new: str) -> list[tuple[str, str]]:
        """(status, path) of the row files that differ between two commits (``old`` None: all)."""
        if old is None:
            listed = self("ls-tree", "-r", "-z", "--name-only", new, "--", "rows").stdout.decode()
            return [("A", p) for p in listed.split("\0") if p]
        raw = self("diff", "--name-status", "-z", "--no-renames", old, new, "--", "rows").stdout.decode()
        parts = [p for p in raw.split("\0") if p]
        return list(zip(parts[0::2], parts[1::2], strict=False))


def last_line(stderr: bytes) -> str:
    lines = [line.strip() for line in stderr.decode("utf-8", "replace").splitlines() if line.strip()]
    useful = [line for line in lines if not line.startswith("hint:")]
    return (useful or lines or ["no message"])[-1].removeprefix("fatal: ").removeprefix("error: ")


# --- the local state ----------------------------------------------------------------------


class State(Record):
    remote: str
    machine: str
    mirror: str | None = None  # the commit whose rows the journal holds
    synced: str | None = None  # the last commit the remote was seen to hold too
    last_change: int = 0  # the newest history change the mirror holds
    last_change_at: str | None = None  # its time, to tell it from a change numbered anew after a clear
    skip: list[int] = field(default_factory=list)  # changes that were sync's own applies
    last_sync: str | None = None  # when the last sync finished (UTC ISO)
    identity: str | None = None  # --identity FILE given to join (the user's own key)
    clean: bool = False  # the last sync ran to its end: the work tree is the mirror as it is

    def to_json(self) -> dict:
        return {k: getattr(self, k) for k in self.__fields_names__()}

    @classmethod
    def __fields_names__(cls) -> list[str]:
        return [f.name for f in cls.__fields__]


def load_state(paths: Paths) -> State:
    try:
        data = json.loads(paths.state.read_text(encoding="utf-8"))
        return State(**{k: v for k, v in data.items() if k in State.__fields_names__()})
    except (OSError, ValueError, TypeError):
        raise SyncError(
            f"The sync state in {paths.state} cannot be read; the journal was not changed.",
            hint=Suggest("sync_rejoin"),
        ) from None


def save_state(paths: Paths, state: State) -> None:
    temp = paths.state.with_suffix(".tmp")
    temp.write_text(json.dumps(state.to_json(), indent=1), encoding="utf-8")
    os.replace(temp, paths.state)


# --- the lock, the merge driver, this machine ---------------------------------------------


@contextmanager
def locked(paths: Paths) -> Iterator[None]:
    """One sync at a time on this machine: a second one is refused while the first runs."""
    import fcntl

    paths.git.mkdir(parents=True, exist_ok=True)
    fd = os.open(paths.lock, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise SyncError(
                "Another sync is running on this machine; nothing was changed.", hint=Suggest("sync_again")
            ) from None
        yield
    finally:
        os.close(fd)


def configure(git: Git) -> None:
    """The merge driver, in this clone's own config (it names this machine's interpreter)."""
    import sys

    driver = f"{_shell_quote(sys.executable)} -m mentorlog.journal.store.syncmerge %O %A %B %P"
    try:
        if driver in (git.paths.git / "config").read_text(encoding="utf-8"):
            return  # as it is: no git process on an everyday sync
    except OSError:
        pass
    git("config", "merge.mentorlog.name", "mentorlog's field-by-field row merge")
    git("config", "merge.mentorlog.driver", driver)


def _shell_quote(text: str) -> str:
    import shlex

    return shlex.quote(text)


def machine_name() -> str:
    import socket

    return os.environ.get("MENTORLOG_MACHINE") or socket.gethostname() or "this machine"
