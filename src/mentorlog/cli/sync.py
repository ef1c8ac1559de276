"""``sync``: the journal on more than one machine, through a git remote (SPEC §2).

``sync init REMOTE`` sets it up on the first machine, ``sync join REMOTE`` on each other one,
``sync`` sends what changed here and takes what changed elsewhere, ``sync status`` says what
waits, ``sync --compact`` rewrites the remote to one commit. The steps live in ``journal.sync``;
this module runs them in order, takes the locks and prints what happened.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Annotated

import typer

from mentorlog.cli.common import SETTINGS as _SETTINGS
from mentorlog.cli.common import CommandGroup, JsonOpt, LazyGroup, YesOpt, confirm, journal, journal_path
from mentorlog.cli.transfer import EncryptToOpt, PassphraseOpt, ask_passphrase
from mentorlog.core.errors import MentorlogError, UsageError
from mentorlog.render.text import echo, emit_json, plural, warn

app = CommandGroup(
    cls=LazyGroup,
    invoke_without_command=True,
    no_args_is_help=False,
    **_SETTINGS,
)

RemoteArg = Annotated[str, typer.Argument(metavar="REMOTE", help="A git remote: a URL or a path.")]


@app.callback()
def sync(
    ctx: typer.Context,
    compact: Annotated[
        bool, typer.Option("--compact", help="Rewrite the remote to one commit, forgetting old revisions.")
    ] = False,
    yes: YesOpt = False,
) -> None:
    """Send and take what changed, through git.

    The journal on more than one machine: `sync init REMOTE` on the first, `sync join REMOTE`
    on each other one, then `sync` sends what changed here and takes what changed elsewhere.
    Rows travel as one file per row in a git repository; git merges them with mentorlog's own
    driver, field by field. One summary line says what was sent and received.

    Example: mentorlog sync
    """
    if ctx.invoked_subcommand is not None:
        if compact or yes:
            raise UsageError("--compact and --yes go with sync alone.")
        return
    if compact:
        _compact(yes)
        return
    if yes:
        raise UsageError("--yes goes with --compact.")
    _sync()


def _open(paths):
    from mentorlog.journal.store import sync as s

    if not paths.set_up:
        raise MentorlogError("Sync is not set up for this journal.", hint=s.Suggest("sync_init"))
    state = s.load_state(paths)
    git = s.Git(paths, state.machine)
    s.configure(git)  # the driver's command names this Python: written anew, in case it moved
    setup = s.read_setup(
        (paths.tree / s.SETUP_FILE).read_bytes() if (paths.tree / s.SETUP_FILE).exists() else None,
        str(paths.tree),
    )
    keys = s.keys_from(setup, s.cached_identity(paths))
    if keys.encrypted and keys.identity is None:
        raise MentorlogError(
            f"The key that opens this journal's rows is missing ({paths.identity}).",
            hint=s.Suggest("sync_rejoin"),
        )
    return state, git, keys


def _sync(*, first: str | None = None) -> None:
    from mentorlog.journal.store import sync as s

    paths = s.Paths(journal_path())
    s.git_path()
    with s.locked(paths):
        state, git, keys = _open(paths)
        s.recover(paths, state, git)
        state.clean = False
        s.save_state(paths, state)
        sent, renumbered, received, notes = _run(paths, state, git, keys, unrelated=first == "join")
    _report(state, sent, received, renumbered, notes, first=first)


def _run(paths, state, git, keys, *, unrelated: bool = False, again: int = 3):
    """Export, then fetch, merge, apply and push until the push goes through. A write made here
    while the sync ran (between its export and its apply) sends the sync back to the export,
    so that what arrives is merged with it rather than written over it."""
    from mentorlog.journal.store import sync as s
    from mentorlog.journal.store.dump import tables

    with journal() as conn:
        sent, newest = s.export(conn, paths, state, keys, git)
        newest_at = _change_at(conn, newest)
    s.check_point("exported")
    if git.head() != state.mirror:
        state.mirror = git.head()
    if state.synced and state.synced != state.mirror:
        # Commits made by a sync that could not push go now: they count as sent.
        sent = s.Sent(rows=len(git.changed(state.synced, state.mirror)))
    state.last_change, state.last_change_at = newest, newest_at
    s.save_state(paths, state)
    for _ in range(s.PUSH_TRIES):
        s.check_point("fetch")
        s.fetch(git, state.remote)
        s.check_point("merge")
        try:
            s.merge(git, state, keys, unrelated=unrelated)
        except BaseException:
            git("reset", "-q", "--hard", state.mirror, check=False)
            raise
        try:
            with journal(write=True, create=True, hold=False) as conn:
                if again and _newest_change(conn) > state.last_change:
                    raise _Changed
                arriving = s.incoming(git, state, keys, tables(conn))
                applied = s.apply(conn, arriving, tables(conn))
                change = s.this_change(conn) if applied.received else None
                s.check_point("apply")
                if git.head() != git.remote_head() and not s.push(git, state.remote):
                    raise _Moved
                s.check_point("pushed")
        except _Moved:
            continue
        except _Changed:
            git("reset", "-q", "--hard", state.mirror, check=False)
            return _run(paths, state, git, keys, unrelated=unrelated, again=again - 1)
        except BaseException:
            git("reset", "-q", "--hard", state.mirror, check=False)
            raise
        break
    else:
        git("reset", "-q", "--hard", state.mirror, check=False)
        raise MentorlogError(
            f"The remote kept moving while this sync ran ({s.PUSH_TRIES} tries); the journal was not changed."
        )
    from mentorlog.core import dates

    state.mirror = state.synced = git.head()
    state.skip = [change] if change else []
    state.last_sync = dates.stamp()
    state.clean = True
    s.save_state(paths, state)
    notes = s.read_notes(paths)
    return sent, applied.renumbered, applied.received, notes


class _Moved(Exception):
    """The remote moved between the fetch and the push: fetch, merge and apply again."""


class _Changed(Exception):
    """The journal changed here after the export: export again."""


def _newest_change(conn) -> int:
    # Not counting the change this sync's own apply is recording.
    return conn.execute("SELECT coalesce(max(id), 0) FROM changes WHERE recording = 0").fetchone()[0]


def _change_at(conn, change_id: int) -> str | None:
    row = conn.execute("SELECT at FROM changes WHERE id = ?", (change_id,)).fetchone()
    return row[0] if row else None


def _report(state, sent, received, renumbered, notes, *, first: str | None = None) -> None:
    from mentorlog.cli.imports import renumbered_lines
    from mentorlog.journal.concepts import by_name

    conflicts = [n for n in notes if n["kind"] == "conflict"]
    ids = _local_ids(notes)
    for note in notes:
        concept = note["concept"]
        word = by_name(concept).one if by_name(concept) else concept
        ref = f"{word} {ids.get(note['uuid'], note['uuid'][:8])}"
        if note["kind"] == "overridden":
            echo(
                f"{ref}: {note['field']} was edited on both machines; kept the later edit, "
                f"{note['lost_on']}'s value was {_shown(note['lost'])} (it is in history)."
            )
        elif note["kind"] == "restored":
            echo(
                f"{ref} was deleted on {note.get('deleted_by') or 'another machine'} and edited on the other:"
                " it is back."
            )
        elif note["kind"] == "conflict":
            echo(
                f"{ref}: {note['field']} was edited on both machines; the lines that clash are both kept,"
                " between markers."
            )
    for line in renumbered_lines(renumbered, "other journal"):
        echo(line)
    parts = [
        f"sent {sent.rows + sent.deleted}",
        f"received {received}",
        plural(len(conflicts), "conflict"),
        plural(len(renumbered), "renumbered id"),
    ]
    verb = {"init": "Set up sync with", "join": "Joined"}.get(first or "", "Synced with")
    echo(f"{verb} {state.remote}: " + ", ".join(parts) + ".")


def _local_ids(notes: list[dict]) -> dict[str, int]:
    """uuid → the id the row has here, for the lines that name a row."""
    if not notes:
        return {}
    from mentorlog.journal.concepts import by_name

    found = {}
    with journal() as conn:
        for note in notes:
            concept = by_name(note["concept"])
            table = concept.table if concept else note["concept"]
            row = conn.execute(f'SELECT id FROM "{table}" WHERE uuid = ?', (note["uuid"],)).fetchone()
            if row:
                found[note["uuid"]] = row[0]
    return found


def _shown(value) -> str:
    text = value if isinstance(value, str) else repr(value)
    return repr(text if len(text) <= 60 else text[:57] + "...")


@app.command("init")
def init(
    remote: RemoteArg,
    encrypt_to: EncryptToOpt = None,
    passphrase: PassphraseOpt = False,
) -> None:
    """Set up sync here, with an empty remote.

    The remote is an empty git repository: a URL or a path.

    Every row becomes a file in the repository; with --encrypt-to or --passphrase each file is
    age-encrypted, so the remote never holds readable text.

    Example: mentorlog sync init git@example.org:me/journal.git --passphrase
    """
    from mentorlog.journal.store import sync as s

    if encrypt_to and passphrase:
        raise UsageError("Give either --encrypt-to or --passphrase, not both.")
    path = journal_path()
    paths = s.Paths(path)
    s.git_path()
    _refuse_if_set_up(paths)
    remote = _remote(remote)
    secret = ask_passphrase(confirm=True) if passphrase else None
    if encrypt_to:
        from mentorlog.io import crypto

        crypto.parse_recipients(list(encrypt_to))  # a bad key is refused before anything is made
    setup, locked, identity = s.new_setup(list(encrypt_to or []), secret)
    if not setup["encrypted"]:
        warn(
            "mentorlog: the remote will hold your journal as plain text"
            " (use --encrypt-to or --passphrase to seal it)."
        )
    made = _make_tree(paths, remote)
    try:
        state = s.State(remote=remote, machine=s.machine_name())
        git = s.Git(paths, state.machine)
        git("init", "-q", "-b", s.BRANCH, cwd=paths.tree)
        git("remote", "add", "origin", remote)
        listed = git("ls-remote", "origin", check=False)
        if listed.returncode != 0:
            raise MentorlogError(
                f"Could not reach {remote}: {s.last_line(listed.stderr)}. Nothing was set up."
            )
        if listed.stdout.strip():
            raise MentorlogError(
                f"{remote} already holds a repository; nothing was set up.",
                hint=s.Suggest("sync_join", remote=remote),
            )
        s.configure(git)
        if identity:
            s.cache_identity(paths, identity)
            git.env["MENTORLOG_SYNC_IDENTITY"] = str(paths.identity)
        (paths.tree / ".gitattributes").write_text(s.ATTRIBUTES)
        (paths.tree / s.SETUP_FILE).write_text(__import__("json").dumps(setup, indent=1) + "\n")
        if locked is not None:
            (paths.tree / s.IDENTITY_FILE).write_bytes(locked)
        git("add", "-A")
        git("commit", "-q", "--no-verify", "-m", "mentorlog: set up sync")
        s.save_state(paths, state)  # no mirror yet: the first export writes every row
        with journal(write=True, create=True, record=False, hold=False):
            pass  # an empty journal can be the first machine too
        with s.locked(paths):
            state, git, keys = _open(paths)
            sent, renumbered, received, notes = _run(paths, state, git, keys)
    except BaseException:
        if made and not (paths.state.exists() and s.load_state(paths).synced):
            shutil.rmtree(paths.tree, ignore_errors=True)
            paths.identity.unlink(missing_ok=True)
        raise
    _report(state, sent, received, renumbered, notes, first="init")


def _refuse_if_set_up(paths) -> None:
    if paths.set_up:
        raise UsageError(f"Sync is already set up for this journal ({paths.tree}).")
    if paths.tree.exists():
        # A set-up stopped half-way (no state yet) is ours to start again; anything else is not.
        if (paths.tree / ".git").is_dir() and not any(
            p for p in (paths.tree / "rows").glob("*") if p.exists()
        ):
            shutil.rmtree(paths.tree)
        else:
            raise UsageError(f"{paths.tree} exists and is not a mentorlog sync folder; move it away first.")


def _remote(remote: str) -> str:
    """A remote that is a folder here is kept as an absolute path: git would read a relative one
    from inside the work tree."""
    try:
        local = Path(remote).expanduser()
        return str(local.resolve()) if local.exists() else remote
    except (OSError, ValueError):
        return remote


def _make_tree(paths, remote: str) -> bool:
    paths.tree.mkdir(mode=0o700)
    return True


@app.command("join")
def join(
    remote: RemoteArg,
    identity: Annotated[
        Path | None,
        typer.Option(
            "--identity", "-i", metavar="FILE", help="Your age or SSH key, when the rows are sealed to keys."
        ),
    ] = None,
) -> None:
    """Set up sync on another machine.

    Merges the remote's rows with this journal's and sends its own.

    The journal here may already hold rows: both sides are merged, and an id taken here is
    renumbered (and said so).

    Example: mentorlog sync join git@example.org:me/journal.git
    """
    from mentorlog.io import crypto
    from mentorlog.journal.store import sync as s

    path = journal_path()
    paths = s.Paths(path)
    s.git_path()
    _refuse_if_set_up(paths)
    remote = _remote(remote)
    _make_tree(paths, remote)
    try:
        state = s.State(remote=remote, machine=s.machine_name(), identity=str(identity) if identity else None)
        git = s.Git(paths, state.machine)
        git("init", "-q", "-b", "mentorlog-join", cwd=paths.tree)
        git("remote", "add", "origin", remote)
        s.fetch(git, remote)
        head = git.remote_head()
        if head is None:
            raise MentorlogError(
                f"{remote} holds no journal yet; nothing was set up.",
                hint=s.Suggest("sync_init", remote=remote),
            )
        setup = s.read_setup(git.show(head, s.SETUP_FILE), remote)
        if setup.get("encrypted"):
            locked = git.show(head, s.IDENTITY_FILE)
            if locked is None:
                raise MentorlogError(
                    f"{remote} holds no {s.IDENTITY_FILE} to open its rows with; nothing was set up."
                )
            if setup.get("locked_with") == "passphrase":
                text = crypto.decrypt(locked, passphrase=ask_passphrase(confirm=False)).decode()
            else:
                if identity is None:
                    raise UsageError(
                        f"The rows in {remote} are sealed to keys: give yours with --identity FILE."
                    )
                text = crypto.decrypt(locked, identity=identity).decode()
            s.cache_identity(paths, text)
            git.env["MENTORLOG_SYNC_IDENTITY"] = str(paths.identity)
        s.configure(git)
        # This machine's rows start as a history of their own, merged with the remote's.
        git("checkout", "-q", "--orphan", s.BRANCH)
        for name in (".gitattributes", s.SETUP_FILE, s.IDENTITY_FILE):
            data = git.show(head, name)
            if data is not None:
                (paths.tree / name).write_bytes(data)
        git("add", "-A")
        git("commit", "-q", "--no-verify", "--allow-empty", "-m", f"mentorlog: {state.machine} joins")
        git("branch", "-q", "-D", "mentorlog-join", check=False)
        state.mirror = None  # the first export writes every row of this journal
        s.save_state(paths, state)
        with journal(write=True, create=True, record=False, hold=False):
            pass  # a machine without a journal yet gets an empty one to take the rows
        with s.locked(paths):
            state, git, keys = _open(paths)
            sent, renumbered, received, notes = _run(paths, state, git, keys, unrelated=True)
    except BaseException:
        if not (paths.state.exists() and s.load_state(paths).synced):
            shutil.rmtree(paths.tree, ignore_errors=True)
            paths.identity.unlink(missing_ok=True)
        raise
    _report(state, sent, received, renumbered, notes, first="join")


@app.command("status")
def status(as_json: JsonOpt = False) -> None:
    """The remote, the last sync, and what waits to be sent.

    Example: mentorlog sync status
    """
    from mentorlog.journal.store import sync as s

    paths = s.Paths(journal_path())
    if not paths.set_up:
        raise MentorlogError("Sync is not set up for this journal.", hint=s.Suggest("sync_init"))
    state, git, keys = _open(paths)
    waiting = {"sent": 0, "deleted": 0}
    with journal() as conn:
        found, _ = s.changed_uuids(conn, state)
        if found is None:
            from mentorlog.journal.store.dump import tables

            waiting["sent"] = sum(
                conn.execute(f"SELECT count(*) FROM {t.name}").fetchone()[0] for t in tables(conn)
            )
        else:
            for table, uuids in found.items():
                for uuid in uuids:
                    there = conn.execute(f"SELECT 1 FROM {table} WHERE uuid = ?", (uuid,)).fetchone()
                    waiting["sent" if there else "deleted"] += 1
    unpushed = git.changed(state.synced, git.head()) if state.synced and git.head() != state.synced else []
    waiting["sent"] += len(unpushed)
    data = {
        "remote": state.remote,
        "last_sync": _local(state.last_sync),
        "waiting": waiting,
        "encrypted": keys.encrypted,
    }
    if as_json:
        emit_json({**data, "machine": state.machine})
        return
    echo(f"Remote: {state.remote}" + (" (rows age-encrypted)" if keys.encrypted else " (rows in plain text)"))
    echo(f"Last sync: {data['last_sync'] or 'never'}")
    echo(f"Waiting: {plural(waiting['sent'], 'row')} to send, {plural(waiting['deleted'], 'deletion')}.")


def _local(stamp: str | None) -> str | None:
    if not stamp:
        return None
    from mentorlog.core import dates

    return dates.from_db(stamp).isoformat()


def _compact(yes: bool) -> None:
    from mentorlog.journal.store import sync as s

    paths = s.Paths(journal_path())
    s.git_path()
    confirm(
        "Rewrite the remote to one commit? Old revisions of your rows are forgotten there; "
        "every other machine takes the new history at its next sync.",
        action="Compacting the remote",
        yes=yes,
        refused="The remote was kept as it is.",
    )
    _sync()  # everything here goes first, and everything there comes here
    with s.locked(paths):
        state, git, _keys = _open(paths)
        tree = git.out("rev-parse", "HEAD^{tree}")
        commit = git.out("commit-tree", tree, "-m", "mentorlog: compacted history")
        result = git("push", "-q", "--force", "origin", f"{commit}:refs/heads/{s.BRANCH}", check=False)
        if result.returncode != 0:
            raise MentorlogError(
                f"Could not push to {state.remote}: {s.last_line(result.stderr)}. The remote was not changed."
            )
        git("reset", "-q", "--hard", commit)
        git("reflog", "expire", "--expire=now", "--all", check=False)
        git("gc", "-q", "--prune=now", check=False)
        state.mirror = state.synced = commit
        s.save_state(paths, state)
    echo(f"Compacted {state.remote} to one commit.")
