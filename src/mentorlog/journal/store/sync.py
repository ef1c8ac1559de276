"""Sync through git (SPEC §2): the work tree ``sync/`` beside the journal, its row files, and the
steps of one sync — export what changed, fetch and merge, read what arrived, apply it, push.

The work tree mirrors the journal as one file per row, ``rows/<concept>/<uuid>.json`` (``.age``
when encrypted), plus ``mentorlog-sync.json`` (format, recipients) and ``.gitattributes`` naming
mentorlog's merge driver (``syncmerge``) for the row files. Every concept table the schema holds
(``dump.tables``) travels, so a new concept syncs without a change here.

What changed since the last sync is read from the history (the rows of every change recorded
after it, and of changes undone since), so a sync with nothing to do reads a few rows, not the
journal; when the history cannot tell (it was cleared, or pruned past the last sync) every row is
compared with its file. The local state (``.git/mentorlog-state.json``, never pushed) names the
*mirror*: the commit whose rows the journal holds. Each step that can be cut short leaves the
journal and the mirror as they were, so the next sync starts by resetting the work tree to the
mirror and doing the rest again; applying what arrived is idempotent (a row already as the file
says is left alone), which makes a sync stopped after its journal commit safe to repeat.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mentorlog.core import dates
from mentorlog.core.errors import MentorlogError, Suggest
from mentorlog.core.record import Record, field
from mentorlog.journal import concepts
from mentorlog.journal.store import syncmerge
from mentorlog.journal.store.dump import Table, quote, rows, tables

FORMAT = "mentorlog-sync"
VERSION = 1
SETUP_FILE = "mentorlog-sync.json"
IDENTITY_FILE = "identity.age"  # the journal's own age identity, locked with a passphrase or keys
BRANCH = "main"
ATTRIBUTES = "rows/** merge=mentorlog\n"
PUSH_TRIES = 5


class SyncError(MentorlogError):
    """A sync step failed; the journal was not changed."""


def check_point(step: str) -> None:
    """Called between the steps of a sync; tests replace it to stop a sync at ``step``."""


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

    def __call__(self, *args: str, check: bool = True, cwd: Path | None = None, input: bytes | None = None):
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
        result = self("rev-parse", "--verify", "-q", "HEAD", check=False)
        return result.stdout.decode().strip() if result.returncode == 0 else None

    def remote_head(self) -> str | None:
        result = self("rev-parse", "--verify", "-q", f"refs/remotes/origin/{BRANCH}", check=False)
        return result.stdout.decode().strip() if result.returncode == 0 else None

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


# --- the local state and the setup --------------------------------------------------------


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


class Keys:
    """How row files are sealed: ``recipients`` to encrypt to (empty: plain JSON files) and the
    journal's own ``identity`` to open them."""

    def __init__(self, recipients: list | None = None, identity=None):
        self.recipients = recipients or []
        self.identity = identity

    @property
    def encrypted(self) -> bool:
        return bool(self.recipients)

    def seal(self, data: bytes) -> bytes:
        if not self.encrypted:
            return data
        import pyrage

        return pyrage.encrypt(data, self.recipients)

    def open(self, raw: bytes, where: str) -> dict:
        if self.encrypted:
            import pyrage

            try:
                raw = pyrage.decrypt(raw, [self.identity])
            except Exception:  # pyrage's DecryptError, or ValueError on a header that is not age
                raise syncmerge.RowFileError(f"{where} cannot be opened with this journal's key.") from None
        return syncmerge.decode(raw, where)

    def suffix(self) -> str:
        return ".json.age" if self.encrypted else ".json"


def read_setup(raw: bytes | None, where: str) -> dict:
    try:
        setup = json.loads(raw.decode("utf-8")) if raw is not None else None
    except (UnicodeDecodeError, ValueError):
        setup = None
    if not isinstance(setup, dict) or setup.get("format") != FORMAT:
        raise SyncError(f"{where} holds no mentorlog journal (no {SETUP_FILE}); nothing was changed.")
    if not isinstance(setup.get("version"), int) or setup["version"] > VERSION:
        raise SyncError(
            f"{where} was set up by a newer mentorlog (sync format {setup.get('version')!r});"
            " nothing was changed.",
            hint="Upgrade mentorlog on this machine.",
        )
    return setup


def keys_from(setup: dict, identity_text: str | None) -> Keys:
    if not setup.get("encrypted"):
        return Keys()
    from pyrage import x25519

    from mentorlog.io import crypto

    recipients = [x25519.Recipient.from_str(r) for r in setup.get("row_recipients", [])]
    recipients += crypto.parse_recipients(list(setup.get("recipients", [])))
    identity = x25519.Identity.from_str(identity_text.strip()) if identity_text else None
    return Keys(recipients, identity)


def cached_identity(paths: Paths) -> str | None:
    try:
        return paths.identity.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None


def cache_identity(paths: Paths, text: str) -> None:
    fd = os.open(paths.identity, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text.strip() + "\n")
    os.chmod(paths.identity, 0o600)


def new_setup(user_keys: list[str], passphrase: str | None) -> tuple[dict, bytes | None, str | None]:
    """The setup file's content, the locked identity (``identity.age``) and the identity's text.

    Encrypted journals get an age identity of their own; row files are encrypted to it (and to the
    user's keys, so ``age -d -i KEY`` opens one); the identity is kept in the repository locked with
    the passphrase or to the user's keys, so another machine unlocks it once when it joins."""
    setup = {"format": FORMAT, "version": VERSION, "encrypted": False, "recipients": [], "row_recipients": []}
    if not user_keys and passphrase is None:
        return setup, None, None
    from pyrage import x25519

    from mentorlog.io import crypto

    identity = x25519.Identity.generate()
    text = str(identity)
    if passphrase is not None:
        locked = crypto.encrypt(text.encode(), passphrase=passphrase)
    else:
        locked = crypto.encrypt(text.encode(), recipients=list(user_keys))
    setup.update(
        encrypted=True,
        recipients=[k.strip() for k in user_keys],
        row_recipients=[str(identity.to_public())],
        locked_with="passphrase" if passphrase is not None else "keys",
    )
    return setup, locked, text


# --- row files ------------------------------------------------------------------------------


def concept_of(table: str) -> str:
    found = concepts.by_table(table)
    return found.name if found is not None else table


def table_of(concept: str, known: dict[str, Table]) -> Table | None:
    found = concepts.by_name(concept)
    return known.get(found.table if found is not None else concept)


def row_path(concept: str, uuid: str, keys: Keys) -> str:
    return f"rows/{concept}/{uuid}{keys.suffix()}"


def file_for(concept: str, uuid: str, row: dict | None, previous: dict | None, machine: str) -> dict:
    """The row file for a row as the journal has it now (``row`` None: deleted), keeping the edit
    time of each field that did not change since ``previous``."""
    if row is None:
        return {"concept": concept, "uuid": uuid, "machine": machine, "deleted": dates.stamp(), "row": None}
    before = (previous or {}).get("row") or {}
    kept = (previous or {}).get("edited") or {}
    stamp = row.get("updated_at") or dates.stamp()
    edited = {
        k: kept[k] if k in kept and before.get(k) == v and k in before else stamp for k, v in row.items()
    }
    return {"concept": concept, "uuid": uuid, "machine": machine, "row": row, "edited": edited}


def _same(a: dict | None, b: dict) -> bool:
    if a is None:
        return False
    if b.get("deleted") is not None:
        return a.get("deleted") is not None
    return a.get("deleted") is None and a.get("row") == b.get("row")


# --- step 1: what changed here ------------------------------------------------------------


def changed_uuids(conn: sqlite3.Connection, state: State) -> tuple[dict[str, set[str]] | None, int]:
    """table → uuids of rows changed since the mirror (None: the history cannot tell, compare
    everything), and the newest change id read."""
    newest = conn.execute("SELECT coalesce(max(id), 0) FROM changes").fetchone()[0]
    if state.mirror is None:
        return None, newest
    if state.last_change:
        # The change the mirror ends at must still be there: a cleared history numbers anew.
        found = conn.execute("SELECT at FROM changes WHERE id = ?", (state.last_change,)).fetchone()
        if found is None or found[0] != state.last_change_at:
            return None, newest
    skip = ",".join(str(int(i)) for i in state.skip) or "0"
    since = state.last_sync or ""
    found: dict[str, set[str]] = {}
    for table, before, after in conn.execute(
        f"""SELECT table_name, json_extract(before, '$.uuid'), json_extract(after, '$.uuid') FROM change_rows
        WHERE change_id > ? AND change_id NOT IN ({skip})
        UNION ALL
        SELECT table_name, json_extract(before, '$.uuid'), json_extract(after, '$.uuid') FROM change_rows
        WHERE change_id IN (SELECT id FROM changes WHERE undone_at >= ?)""",
        (state.last_change, since),
    ):
        for uuid in (before, after):
            if uuid:
                found.setdefault(table, set()).add(uuid)
    # Tables whose inserts history does not record (reviews): by their stamps.
    for concept in concepts.CONCEPTS:
        if concept.history != "all":
            for (uuid,) in conn.execute(
                f"SELECT uuid FROM {quote(concept.table)} WHERE updated_at >= ?", (since,)
            ):
                found.setdefault(concept.table, set()).add(uuid)
    return found, newest


class Sent(Record):
    rows: int = 0
    deleted: int = 0


def export(conn: sqlite3.Connection, paths: Paths, state: State, keys: Keys, git: Git) -> tuple[Sent, int]:
    """Write the row files of what changed here and commit them; (what was sent, newest change)."""
    found, newest = changed_uuids(conn, state)
    sent = Sent()
    known = tables(conn)
    by_name = {t.name: t for t in known}
    touched: list[str] = []
    if found is None:  # compare every row with its file
        present: set[str] = set()
        for table in known:
            concept = concept_of(table.name)
            for row in rows(conn, table):
                present.add(row_path(concept, row["uuid"], keys))
                if _write(paths, keys, concept, row["uuid"], row, state.machine, touched):
                    sent.rows += 1
        folder = paths.tree / "rows"
        if folder.is_dir():
            for path in folder.glob("*/*"):
                relative = path.relative_to(paths.tree).as_posix()
                if relative not in present:
                    uuid = path.name.split(".", 1)[0]
                    if _write(paths, keys, path.parent.name, uuid, None, state.machine, touched):
                        sent.deleted += 1
    else:
        for name, uuids in sorted(found.items()):
            table = by_name.get(name)
            if table is None:
                continue
            concept = concept_of(name)
            marks = ",".join("?" * len(uuids))
            current = {
                r["uuid"]: r for r in rows(conn, table, f"WHERE t.uuid IN ({marks})", tuple(sorted(uuids)))
            }
            for uuid in sorted(uuids):
                row = current.get(uuid)
                if _write(paths, keys, concept, uuid, row, state.machine, touched):
                    if row is None:
                        sent.deleted += 1
                    else:
                        sent.rows += 1
    if touched:
        git("add", "-A", "--", "rows")
        check_point("export")
        git("commit", "-q", "--no-verify", "-m", f"mentorlog: {sent.rows} rows, {sent.deleted} deleted")
    return sent, newest


def _write(
    paths: Paths, keys: Keys, concept: str, uuid: str, row: dict | None, machine: str, touched: list
) -> bool:
    relative = row_path(concept, uuid, keys)
    target = paths.tree / relative
    previous = None
    if target.exists():
        try:
            previous = keys.open(target.read_bytes(), relative)
        except syncmerge.RowFileError:
            previous = None  # a damaged file here is replaced by the journal's row
    elif row is None:
        return False  # deleted before it was ever sent
    data = file_for(concept, uuid, row, previous, machine)
    if _same(previous, data):
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(keys.seal(syncmerge.encode(data)))
    touched.append(relative)
    return True


# --- steps 2 and 3: fetch, merge, read what arrived -----------------------------------------


def recover(paths: Paths, state: State, git: Git) -> None:
    """Put the work tree back at the mirror: a merge left half-way, files written and not
    committed, a commit the journal never took (a sync stopped at any step)."""
    if state.clean and not (paths.git / "MERGE_HEAD").exists() and git.head() == state.mirror:
        return  # the last sync finished: nothing to put back (resetting thousands of files costs)
    stale = paths.git / "index.lock"
    if stale.exists():  # git was killed holding it; our lock says no other sync runs
        stale.unlink()
    if (paths.git / "MERGE_HEAD").exists():
        git("merge", "--abort", check=False)
    if state.mirror is not None:
        git("reset", "-q", "--hard", state.mirror)
    git("clean", "-q", "-fd", "--", "rows", check=False)
    paths.notes.unlink(missing_ok=True)


def fetch(git: Git, remote: str) -> None:
    result = git("fetch", "-q", "origin", check=False)
    if result.returncode != 0:
        raise SyncError(
            f"Could not reach {remote}: {last_line(result.stderr)}. Nothing was changed here; "
            "what was committed goes with the next sync."
        )


def merge(git: Git, state: State, keys: Keys, *, unrelated: bool = False) -> None:
    """Merge the remote's branch into HEAD with the row driver. A compacted remote (no common
    history) is taken as it is and this machine's own changes since the last sync go on top."""
    remote = git.remote_head()
    head = git.head()
    if remote is None or head == remote:
        return
    base = git("merge-base", head, remote, check=False)
    if base.returncode != 0 and not unrelated:
        _onto_compacted(git, state, keys, head, remote)
        return
    args = ["merge", "-q", "--no-edit", "--no-verify"]
    if unrelated:
        args.append("--allow-unrelated-histories")
    result = git(*args, f"refs/remotes/origin/{BRANCH}", check=False)
    if result.returncode != 0:
        git("merge", "--abort", check=False)
        message = last_line(result.stderr) if result.stderr.strip() else last_line(result.stdout)
        raise SyncError(f"The merge with the remote failed ({message}); the journal was not changed.")


def _onto_compacted(git: Git, state: State, keys: Keys, head: str, remote: str) -> None:
    """The remote was rewritten to one commit (``compact``): start from it, and merge each row file
    changed here since the last sync into it, against what the last sync left."""
    ours = git.changed(state.synced, head) if state.synced else []
    git("reset", "-q", "--hard", remote)
    for _, path in ours:
        mine = git.show(head, path)
        theirs = git.show(remote, path)
        target = git.paths.tree / path
        if mine is None:
            continue
        if theirs is None or state.synced is None:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(mine)
            continue
        base_raw = git.show(state.synced, path)
        try:
            merged, notes = syncmerge.merge(
                keys.open(base_raw, path) if base_raw else None,
                keys.open(mine, path),
                keys.open(theirs, path),
                here=state.machine,
                git=syncmerge.merge_lines,
            )
        except syncmerge.RowFileError as e:
            raise SyncError(f"{e} Nothing was applied.") from None
        target.write_bytes(keys.seal(syncmerge.encode(merged)))
        if notes:
            with open(git.paths.notes, "a", encoding="utf-8") as f:
                for note in notes:
                    f.write(json.dumps({**note, "path": path}) + "\n")
    git("add", "-A", "--", "rows")
    if git("diff", "--cached", "--quiet", check=False).returncode != 0:
        git("commit", "-q", "--no-verify", "-m", "mentorlog: changes made here, onto the compacted history")


class Incoming(Record):
    """A row file that arrived: the row to store, or a deletion."""

    table: str
    uuid: str
    row: dict | None
    path: str


def incoming(git: Git, state: State, keys: Keys, known: list[Table]) -> list[Incoming]:
    """What the merge brought, read and checked before anything is applied: a file that cannot be
    read is refused by name."""
    head = git.head()
    if head is None or head == state.mirror:
        return []
    by_name = {t.name: t for t in known}
    found = []
    # A row file removed by hand has nothing to apply (deletions travel as tombstones).
    paths = [path for status, path in git.changed(state.mirror, head) if status != "D"]
    contents = git.blobs(head, paths)
    for path in paths:
        raw = contents.get(path)
        parts = path.split("/")
        try:
            if raw is None or len(parts) != 3:
                raise syncmerge.RowFileError(f"{path} is not where row files go.")
            data = keys.open(raw, path)
        except syncmerge.RowFileError as e:
            raise SyncError(f"The remote holds a damaged row file: {e} Nothing was applied.") from None
        table = table_of(data["concept"], by_name)
        if table is None or data["concept"] != parts[1] or not parts[2].startswith(data["uuid"]):
            raise SyncError(
                f"The remote holds a row file this journal cannot take: {path} "
                f"({data['concept']!r} is not a kind of row it knows, or the file is misplaced)."
                " Nothing was applied.",
                hint="It may come from a newer mentorlog: upgrade, then sync again.",
            )
        found.append(
            Incoming(table.name, data["uuid"], None if data.get("deleted") is not None else data["row"], path)
        )
    return found


# --- step 3: apply ----------------------------------------------------------------------------


class Applied(Record):
    received: int = 0
    renumbered: list = field(default_factory=list)


def apply(conn: sqlite3.Connection, arriving: list[Incoming], known: list[Table]) -> Applied:
    """Store what arrived, in the open write transaction: parents first, deletions children first.
    A row already as the file says is left alone, so applying twice changes nothing."""
    from mentorlog.journal.store import importer

    order = {t.name: n for n, t in enumerate(known)}
    result = Applied()
    merger = importer.Merger(conn, None, always=True)
    by_table: dict[str, list[dict]] = {}
    for item in arriving:
        if item.row is not None:
            by_table.setdefault(item.table, []).append({**item.row, "uuid": item.uuid})
    try:
        for table in known:
            if table.name in by_table:
                counts = merger.merge_table(table, by_table[table.name])
                result.received += counts.added + counts.updated
        for item in sorted((i for i in arriving if i.row is None), key=lambda i: -order[i.table]):
            cur = conn.execute(f"DELETE FROM {quote(item.table)} WHERE uuid = ?", (item.uuid,))
            result.received += cur.rowcount
    except importer.ImportProblem as e:
        raise SyncError(
            f"What arrived cannot go into this journal: {e.message} Nothing was applied.", e.hint
        ) from None
    except sqlite3.IntegrityError as e:
        raise SyncError(f"What arrived cannot go into this journal ({e}); nothing was applied.") from None
    result.renumbered = merger.renumbered
    return result


def this_change(conn: sqlite3.Connection) -> int | None:
    row = conn.execute("SELECT id FROM changes WHERE recording = 1 ORDER BY id DESC LIMIT 1").fetchone()
    return row[0] if row else None


# --- step 4: push ---------------------------------------------------------------------------


def push(git: Git, remote: str) -> bool:
    """Push HEAD; False when the remote moved meanwhile (fetch and merge again)."""
    result = git("push", "-q", "origin", f"HEAD:refs/heads/{BRANCH}", check=False)
    if result.returncode == 0:
        return True
    text = result.stderr.decode("utf-8", "replace")
    if "[rejected]" in text or "non-fast-forward" in text or "fetch first" in text:
        return False
    raise SyncError(
        f"Could not push to {remote}: {last_line(result.stderr)}. The journal was not changed; "
        "what was committed goes with the next sync."
    )


def read_notes(paths: Paths) -> list[dict]:
    try:
        lines = paths.notes.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return []
    paths.notes.unlink(missing_ok=True)
    return [json.loads(line) for line in lines if line.strip()]


# --- the lock -----------------------------------------------------------------------------


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


def conflicts(conn: sqlite3.Connection) -> list[tuple[str, int, str]]:
    """(concept, id, column) of every text holding clash markers left by a sync's merge, for
    ``sync`` and ``doctor`` to list."""
    found = []
    for table in tables(conn):
        kinds = {r[1]: (r[2] or "").upper() for r in conn.execute(f"PRAGMA table_info({quote(table.name)})")}
        for column in table.columns:
            if kinds.get(column) != "TEXT" or column in ("uuid", "created_at", "updated_at"):
                continue
            for (row_id,) in conn.execute(
                f"SELECT id FROM {quote(table.name)} WHERE instr({quote(column)}, ?) > 0 ORDER BY id",
                ("\n" + syncmerge.MARKER.strip(),),
            ):
                found.append((concept_of(table.name), row_id, column))
            for (row_id,) in conn.execute(
                f"SELECT id FROM {quote(table.name)} WHERE {quote(column)} LIKE ? ORDER BY id",
                (syncmerge.MARKER.strip() + "%",),
            ):
                found.append((concept_of(table.name), row_id, column))
    return sorted(set(found))
