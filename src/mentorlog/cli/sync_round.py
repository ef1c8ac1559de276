"""One round of ``sync``: this journal's sync opened (its state, git work tree and keys), then
export, fetch, merge, apply and push until the push goes through, with the journal opened as
every command opens it. The steps themselves live in ``journal/store/sync.py`` (the repository
here in ``syncrepo.py``, what it holds in ``syncfiles.py``); the commands that set sync up and
start a round are ``cli/sync.py``, what a round says ``cli/sync_report.py``.
"""

from __future__ import annotations

from mentorlog.cli.common import journal
from mentorlog.core.errors import MentorlogError, Suggest


def open_sync(paths):
    """This journal's sync state, its git work tree and the keys that open its rows; refused
    when sync is not set up, or the key is missing."""
    from mentorlog.journal.store import syncfiles, syncrepo

    if not paths.set_up:
        raise MentorlogError("Sync is not set up for this journal.", hint=Suggest("sync_init"))
    state = syncrepo.load_state(paths)
    git = syncrepo.Git(paths, state.machine)
    syncrepo.configure(git)  # the driver's command names this Python: written anew, in case it moved
    setup = syncfiles.read_setup(
        (paths.tree / syncfiles.SETUP_FILE).read_bytes()
        if (paths.tree / syncfiles.SETUP_FILE).exists()
        else None,
        str(paths.tree),
    )
    keys = syncfiles.keys_from(setup, syncfiles.cached_identity(paths))
    if keys.encrypted and keys.identity is None:
        raise MentorlogError(
            f"The key that opens this journal's rows is missing ({paths.identity}).",
            hint=Suggest("sync_rejoin"),
        )
    return state, git, keys


def run_round(paths, state, git, keys, *, unrelated: bool = False, again: int = 3):
    """Export, then fetch, merge, apply and push until the push goes through. A write made here
    while the sync ran (between its export and its apply) sends the sync back to the export,
    so that what arrives is merged with it rather than written over it."""
    from mentorlog.journal.store import sync as s
    from mentorlog.journal.store import syncrepo
    from mentorlog.journal.store.dump import tables

    with journal() as conn:
        sent, newest = s.export(conn, paths, state, keys, git)
        newest_at = s.change_at(conn, newest)
    s.check_point("exported")
    if git.head() != state.mirror:
        state.mirror = git.head()
    if state.synced and state.synced != state.mirror:
        # Commits made by a sync that could not push go now: they count as sent.
        sent = s.Sent(rows=len(git.changed(state.synced, state.mirror)))
    state.last_change, state.last_change_at = newest, newest_at
    syncrepo.save_state(paths, state)
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
                if again and s.newest_change(conn) > state.last_change:
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
            return run_round(paths, state, git, keys, unrelated=unrelated, again=again - 1)
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
    syncrepo.save_state(paths, state)
    notes = s.read_notes(paths)
    return sent, applied.renumbered, applied.received, notes


class _Moved(Exception):
    """The remote moved between the fetch and the push: fetch, merge and apply again."""


class _Changed(Exception):
    """The journal changed here after the export: export again."""
