"""``sync``: the journal on more than one machine, through a git remote (SPEC §2).

``sync init REMOTE`` sets it up on the first machine, ``sync join REMOTE`` on each other one,
``sync`` sends what changed here and takes what changed elsewhere, ``sync status`` says what
waits, ``sync --compact`` rewrites the remote to one commit. The steps live in
``journal/store/sync.py`` (the repository here in ``syncrepo.py``, what it holds in
``syncfiles.py``); this module sets sync up and starts a round under the lock, one round
(export, fetch, merge, apply, push) is ``cli/sync_round.py``, and what is said
``cli/sync_report.py``.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Annotated

import typer

from mentorlog.cli.common import SETTINGS as _SETTINGS
from mentorlog.cli.common import CommandGroup, JsonOpt, LazyGroup, YesOpt, confirm, journal, journal_path
from mentorlog.cli.transfer import EncryptToOpt, PassphraseOpt, ask_passphrase
from mentorlog.core.errors import MentorlogError, Suggest, UsageError
from mentorlog.render.text import echo, warn

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


def _sync(*, first: str | None = None) -> None:
    from mentorlog.cli.sync_report import say_synced
    from mentorlog.cli.sync_round import open_sync, run_round
    from mentorlog.journal.store import sync as s
    from mentorlog.journal.store import syncrepo

    paths = syncrepo.Paths(journal_path())
    syncrepo.git_path()
    with syncrepo.locked(paths):
        state, git, keys = open_sync(paths)
        s.recover(paths, state, git)
        state.clean = False
        syncrepo.save_state(paths, state)
        sent, renumbered, received, notes = run_round(paths, state, git, keys, unrelated=first == "join")
    say_synced(state, sent, received, renumbered, notes, first=first)


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
    from mentorlog.cli.sync_report import say_synced
    from mentorlog.journal.store import syncfiles, syncrepo

    if encrypt_to and passphrase:
        raise UsageError("Give either --encrypt-to or --passphrase, not both.")
    paths = syncrepo.Paths(journal_path())
    syncrepo.git_path()
    _refuse_if_set_up(paths)
    remote = _remote(remote)
    secret = ask_passphrase(confirm=True) if passphrase else None
    if encrypt_to:
        from mentorlog.io import crypto

        crypto.parse_recipients(list(encrypt_to))  # a bad key is refused before anything is made
    setup, locked, identity = syncfiles.new_setup(list(encrypt_to or []), secret)
    if not setup["encrypted"]:
        warn(
            "mentorlog: the remote will hold your journal as plain text"
            " (use --encrypt-to or --passphrase to seal it)."
        )
    paths.tree.mkdir(mode=0o700)
    try:
        state = syncrepo.State(remote=remote, machine=syncrepo.machine_name())
        git = syncrepo.Git(paths, state.machine)
        git("init", "-q", "-b", syncrepo.BRANCH, cwd=paths.tree)
        git("remote", "add", "origin", remote)
        listed = git("ls-remote", "origin", check=False)
        if listed.returncode != 0:
            raise MentorlogError(
                f"Could not reach {remote}: {syncrepo.last_line(listed.stderr)}. Nothing was set up."
            )
        if listed.stdout.strip():
            raise MentorlogError(
                f"{remote} already holds a repository; nothing was set up.",
                hint=Suggest("sync_join", remote=remote),
            )
        syncrepo.configure(git)
        if identity:
            syncfiles.cache_identity(paths, identity)
            git.env["MENTORLOG_SYNC_IDENTITY"] = str(paths.identity)
        (paths.tree / ".gitattributes").write_text(syncfiles.ATTRIBUTES)
        (paths.tree / syncfiles.SETUP_FILE).write_text(__import__("json").dumps(setup, indent=1) + "\n")
        if locked is not None:
            (paths.tree / syncfiles.IDENTITY_FILE).write_bytes(locked)
        git("add", "-A")
        git("commit", "-q", "--no-verify", "-m", "mentorlog: set up sync")
        syncrepo.save_state(paths, state)  # no mirror yet: the first export writes every row
        state, sent, renumbered, received, notes = _first_sync(paths)
    except BaseException:
        _take_back(paths)
        raise
    say_synced(state, sent, received, renumbered, notes, first="init")


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


def _first_sync(paths, *, unrelated: bool = False):
    """The set-up's first sync. A machine without a journal yet gets an empty one to take the
    rows, and an empty journal can be the first machine too."""
    from mentorlog.cli.sync_round import open_sync, run_round
    from mentorlog.journal.store import syncrepo

    with journal(write=True, create=True, record=False, hold=False):
        pass
    with syncrepo.locked(paths):
        state, git, keys = open_sync(paths)
        return state, *run_round(paths, state, git, keys, unrelated=unrelated)


def _take_back(paths) -> None:
    """Leave nothing behind of a set-up that stopped before its first sync went through."""
    from mentorlog.journal.store import syncrepo

    if not (paths.state.exists() and syncrepo.load_state(paths).synced):
        shutil.rmtree(paths.tree, ignore_errors=True)
        paths.identity.unlink(missing_ok=True)


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
    from mentorlog.cli.sync_report import say_synced
    from mentorlog.io import crypto
    from mentorlog.journal.store import sync as s
    from mentorlog.journal.store import syncfiles, syncrepo

    paths = syncrepo.Paths(journal_path())
    syncrepo.git_path()
    _refuse_if_set_up(paths)
    remote = _remote(remote)
    paths.tree.mkdir(mode=0o700)
    try:
        state = syncrepo.State(
            remote=remote, machine=syncrepo.machine_name(), identity=str(identity) if identity else None
        )
        git = syncrepo.Git(paths, state.machine)
        git("init", "-q", "-b", "mentorlog-join", cwd=paths.tree)
        git("remote", "add", "origin", remote)
        s.fetch(git, remote)
        head = git.remote_head()
        if head is None:
            raise MentorlogError(
                f"{remote} holds no journal yet; nothing was set up.",
                hint=Suggest("sync_init", remote=remote),
            )
        setup = syncfiles.read_setup(git.show(head, syncfiles.SETUP_FILE), remote)
        if setup.get("encrypted"):
            locked = git.show(head, syncfiles.IDENTITY_FILE)
            if locked is None:
                raise MentorlogError(
                    f"{remote} holds no {syncfiles.IDENTITY_FILE} to open its rows with; nothing was set up."
                )
            if setup.get("locked_with") == "passphrase":
                text = crypto.decrypt(locked, passphrase=ask_passphrase(confirm=False)).decode()
            else:
                if identity is None:
                    raise UsageError(
                        f"The rows in {remote} are sealed to keys: give yours with --identity FILE."
                    )
                text = crypto.decrypt(locked, identity=identity).decode()
            syncfiles.cache_identity(paths, text)
            git.env["MENTORLOG_SYNC_IDENTITY"] = str(paths.identity)
        syncrepo.configure(git)
        # This machine's rows start as a history of their own, merged with the remote's.
        git("checkout", "-q", "--orphan", syncrepo.BRANCH)
        for name in (".gitattributes", syncfiles.SETUP_FILE, syncfiles.IDENTITY_FILE):
            data = git.show(head, name)
            if data is not None:
                (paths.tree / name).write_bytes(data)
        git("add", "-A")
        git("commit", "-q", "--no-verify", "--allow-empty", "-m", f"mentorlog: {state.machine} joins")
        git("branch", "-q", "-D", "mentorlog-join", check=False)
        state.mirror = None  # the first export writes every row of this journal
        syncrepo.save_state(paths, state)
        state, sent, renumbered, received, notes = _first_sync(paths, unrelated=True)
    except BaseException:
        _take_back(paths)
        raise
    say_synced(state, sent, received, renumbered, notes, first="join")


@app.command("status")
def status(as_json: JsonOpt = False) -> None:
    """The remote, the last sync, and what waits to be sent.

    Example: mentorlog sync status
    """
    from mentorlog.cli.sync_report import say_status
    from mentorlog.cli.sync_round import open_sync
    from mentorlog.journal.store import sync as s
    from mentorlog.journal.store import syncrepo

    paths = syncrepo.Paths(journal_path())
    state, git, keys = open_sync(paths)
    with journal() as conn:
        waiting = s.waiting(conn, state)
    unpushed = git.changed(state.synced, git.head()) if state.synced and git.head() != state.synced else []
    waiting["sent"] += len(unpushed)
    say_status(state, waiting, keys.encrypted, as_json=as_json)


def _compact(yes: bool) -> None:
    from mentorlog.cli.sync_round import open_sync
    from mentorlog.journal.store import syncrepo

    paths = syncrepo.Paths(journal_path())
    syncrepo.git_path()
    confirm(
        "Rewrite the remote to one commit? Old revisions of your rows are forgotten there; "
        "every other machine takes the new history at its next sync.",
        action="Compacting the remote",
        yes=yes,
        refused="The remote was kept as it is.",
    )
    _sync()  # everything here goes first, and everything there comes here
    with syncrepo.locked(paths):
        state, git, _keys = open_sync(paths)
        tree = git.out("rev-parse", "HEAD^{tree}")
        commit = git.out("commit-tree", tree, "-m", "mentorlog: compacted history")
        result = git("push", "-q", "--force", "origin", f"{commit}:refs/heads/{syncrepo.BRANCH}", check=False)
        if result.returncode != 0:
            raise MentorlogError(
                f"Could not push to {state.remote}: {syncrepo.last_line(result.stderr)}."
                " The remote was not changed."
            )
        git("reset", "-q", "--hard", commit)
        git("reflog", "expire", "--expire=now", "--all", check=False)
        git("gc", "-q", "--prune=now", check=False)
        state.mirror = state.synced = commit
        syncrepo.save_state(paths, state)
    echo(f"Compacted {state.remote} to one commit.")
