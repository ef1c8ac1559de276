"""``history`` and ``undo``: the changes write commands made, and reverting the newest one.

Each write command is recorded as one change by the journal itself (``journal.store.history``),
read back (and forgotten) by ``journal.store.changes`` and reverted by ``journal.store.undo``; ``undo`` and
``history --clear`` work on the history and are not changes themselves.
"""

from typing import Annotated

import typer

from mentorlog.cli.common import JsonOpt, YesOpt, confirm, journal, journal_path, session
from mentorlog.core import dates
from mentorlog.core.errors import NothingWritten, UsageError
from mentorlog.render.text import echo, emit_json, one_line, plural


def history(
    limit: Annotated[
        int | None, typer.Option("--limit", min=1, max=1_000_000, metavar="N", help="Show N changes.")
    ] = None,
    as_json: JsonOpt = False,
    clear: Annotated[
        bool, typer.Option("--clear", help="Forget the whole history and compact the journal file.")
    ] = False,
    yes: YesOpt = False,
) -> None:
    """The changes write commands made, newest first.

    Each change: when, the command as typed, what it changed, and whether it was undone.

    `--clear` forgets them all, before- and after-images included, and compacts the file, so
    that text you deleted is gone from it too; the journal's current rows stay.

    Example: mentorlog history --limit 10
    """
    if clear:
        if limit is not None or as_json:
            raise UsageError("--clear takes no --limit or --json.")
        _clear(yes)
        return
    if yes:
        raise UsageError("--yes goes with --clear.", hint="mentorlog history --clear --yes")
    from mentorlog.journal.store.changes import count, list_changes
    from mentorlog.render.console import LIST_LIMIT

    with journal() as conn:  # the text view fetches a screenful and counts the rest
        fetch = limit if limit is not None else (None if as_json else LIST_LIMIT)
        found = list_changes(conn, fetch)
        total = count(conn) if not as_json else len(found)
    if as_json:
        emit_json([c.to_json() for c in found])
        return
    if not found:
        echo("No changes in the history.")
        return
    from mentorlog.cli.output import show
    from mentorlog.render.lists import history_table

    # --json honours --limit too, so under a --limit only a larger one shows the rest
    how = f"--limit {total} shows all" if limit is not None else f"--limit {total} or --json shows all"
    show(history_table, found[:LIST_LIMIT] if limit is None else found, total, dates.today(), how)


def _clear(yes: bool) -> None:
    from mentorlog.journal.store import changes, searchindex
    from mentorlog.journal.store.db import compact

    with journal() as conn:
        n = changes.count(conn)
    confirm(
        f"Forget the history of {plural(n, 'change')}? Undo will have nothing to revert.",
        action="Forgetting the history",
        yes=yes,
        refused="The history was kept.",
    )
    with journal(write=True, record=False) as conn:
        n = changes.clear(conn)
        searchindex.optimize(conn)
        echo(f"Forgot {plural(n, 'change')}; compacting the journal.")
    # VACUUM can only follow the commit, which the boundary makes once the line above is out.
    current = session()
    current.undoable = False
    path = journal_path()  # now: after the commit the session that knows --db is gone
    current.after_commit.append(lambda: compact(path))
    _warn_about_sync()


def _warn_about_sync() -> None:
    """The remote of a sync keeps every revision of every row in its git history: clearing the
    history here does not forget them there (SPEC §2)."""
    from mentorlog.journal.store.syncrepo import Paths

    if not Paths(journal_path()).set_up:
        return
    from mentorlog.render.text import warn

    warn("mentorlog: the sync remote's git history still holds old revisions of your rows.")
    warn("To forget them there too: mentorlog sync --compact")


def undo(yes: YesOpt = False) -> None:
    """Revert the newest change not undone yet.

    A change is reverted whole: a `log` that filed a meeting and three todos and ticked two
    topics is undone as one. Repeated, it steps further back. It shows what it will revert and
    asks on a terminal (--yes skips it).

    Example: mentorlog undo
    """
    from mentorlog.journal.store.changes import newest_undoable
    from mentorlog.journal.store.undo import undo as revert

    with journal() as conn:
        change = newest_undoable(conn)
    if change is None:
        raise NothingWritten("There is nothing to undo.", hint="mentorlog history lists the changes.")
    when = f"{dates.show_short_day(change.at.date(), dates.today())} {change.at:%H:%M}"
    what = f'"{one_line(change.command, 40)}" of {when}: {change.undo_summary()}'
    confirm(f"Undo {what}?", action=f"Undoing {what}", yes=yes, refused="Nothing was undone.")
    with journal(write=True, record=False) as conn:
        revert(conn, change.id)
    echo(f"Undid {what}.")
