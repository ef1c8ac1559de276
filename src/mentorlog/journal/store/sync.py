"""Sync through git (SPEC §2): the steps of one sync — export what changed, fetch and merge, read
what arrived, apply it, push.

The journal travels as one row file per row (``syncfiles``) in a git repository beside it
(``syncrepo``), merged by mentorlog's own driver (``syncmerge``). Every concept table the schema
holds (``dump.tables``) travels, so a new concept syncs without a change here; ``cli/sync.py``
runs the steps in order, under the lock.

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
import sqlite3

from mentorlog.core.record import Record, field
from mentorlog.journal import concepts
from mentorlog.journal.store import syncmerge
from mentorlog.journal.store.dump import Table, quote, rows, tables
from mentorlog.journal.store.syncfiles import Keys, concept_of, file_for, row_path, same, table_of
from mentorlog.journal.store.syncrepo import BRANCH, Git, Paths, State, SyncError, last_line

PUSH_TRIES = 5


def check_point(step: str) -> None:
    """Called between the steps of a sync; tests replace it to stop a sync at ``step``."""


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
    if same(previous, data):
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


def newest_change(conn: sqlite3.Connection) -> int:
    """The newest change recorded, not counting the one a sync's own apply is recording."""
    return conn.execute("SELECT coalesce(max(id), 0) FROM changes WHERE recording = 0").fetchone()[0]


def change_at(conn: sqlite3.Connection, change_id: int) -> str | None:
    row = conn.execute("SELECT at FROM changes WHERE id = ?", (change_id,)).fetchone()
    return row[0] if row else None


def waiting(conn: sqlite3.Connection, state: State) -> dict[str, int]:
    """What the next sync would send from here: rows written or changed, and rows deleted
    (``sync status``); before the first sync, every row."""
    found, _ = changed_uuids(conn, state)
    out = {"sent": 0, "deleted": 0}
    if found is None:
        out["sent"] = sum(conn.execute(f"SELECT count(*) FROM {t.name}").fetchone()[0] for t in tables(conn))
        return out
    for table, uuids in found.items():
        for uuid in uuids:
            there = conn.execute(f"SELECT 1 FROM {table} WHERE uuid = ?", (uuid,)).fetchone()
            out["sent" if there else "deleted"] += 1
    return out


def local_ids(conn: sqlite3.Connection, notes: list[dict]) -> dict[str, int]:
    """uuid → the id its row has here, for the merge notes that name a row."""
    found = {}
    for note in notes:
        concept = concepts.by_name(note["concept"])
        table = concept.table if concept else note["concept"]
        row = conn.execute(f'SELECT id FROM "{table}" WHERE uuid = ?', (note["uuid"],)).fetchone()
        if row:
            found[note["uuid"]] = row[0]
    return found


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
