"""The commands answered before Typer loads: ``--version`` and ``remind``.

``remind`` runs every time a terminal opens, so it must cost little more than the interpreter's
own start-up (SPEC §7); importing Typer alone costs several times that. This path takes only a
command line it fully understands — ``[--db PATH] remind [--within DAYS] [--exit-code] [--json]``
with valid values — and hands everything else (``--help``, a bad value, an unknown option) to
the Typer command, so errors and help come from one place. Both paths run ``answer_remind``,
and the option names, default and range come from ``REMIND_OPTIONS`` here, which the Typer
command reads too; a test runs every option combination through both paths and compares.
"""

from __future__ import annotations

import os

TYPE_CHECKING = False  # importing typing costs start-up; type checkers take this as True
if TYPE_CHECKING:  # pathlib is imported only when a journal is opened
    from collections.abc import Callable
    from pathlib import Path

WITHIN_DEFAULT = 3
WITHIN_MAX = 3660
REMIND_OPTIONS = {
    "--within": "How far ahead to look, in days.",
    "--exit-code": "Exit 1 when anything is due.",
    "--json": "Print JSON instead of lines.",
}


def parse_remind(argv: list[str]) -> dict | None:
    """The options of a ``remind`` command line this path can answer, or None."""
    args, found = list(argv), {"db": None, "within": None, "exit_code": False, "as_json": False}
    seen: set[str] = set()

    def value(name: str) -> str | None:
        if args and args[0].startswith(name + "="):
            return args.pop(0)[len(name) + 1 :]
        if args and args[0] == name and len(args) > 1:
            args.pop(0)
            return args.pop(0)
        return None

    if args and (args[0] == "--db" or args[0].startswith("--db=")):
        db = value("--db")
        if not db:
            return None
        found["db"] = db
    if not args or args.pop(0) != "remind":
        return None
    while args:
        name = args[0].split("=", 1)[0]
        if name in seen or name not in REMIND_OPTIONS:
            return None
        seen.add(name)
        if name == "--within":
            text = value("--within")
            if text is None or not (text.isascii() and text.isdigit()) or int(text) > WITHIN_MAX:
                return None
            found["within"] = int(text)
        elif "=" in args[0]:
            return None
        else:
            args.pop(0)
            found["exit_code" if name == "--exit-code" else "as_json"] = True
    return found


def within_default() -> int:
    """``remind``'s window when --within is not given: the config file's, else 3 days."""
    from mentorlog.io import config

    return config.get("remind.within", WITHIN_DEFAULT)


def journal_for_remind(resolve: Callable[[], Path]) -> Path | None:
    """The journal ``resolve`` names; None when the config file hides its path. ``remind`` runs
    in every new shell, so the config file never makes it fail: that is said on stderr, and
    nothing is due (README: "The config file")."""
    from mentorlog.io.config import ConfigError

    try:
        return resolve()
    except ConfigError as e:
        from mentorlog.render.text import warn  # wrapped on a terminal, as every error is

        warn(f"mentorlog: {e.message}")
        return None


def answer_remind(
    path: Path | None, within: int | None, exit_code: bool, as_json: bool, db: str | None = None
) -> int:
    """Print what needs the mentee now; the exit code (1 with --exit-code when anything is).
    ``path`` None: no journal to read (``journal_for_remind``)."""
    from mentorlog.core import dates

    if within is None:
        within = within_default()
    from mentorlog.core.errors import NotFound
    from mentorlog.render.text import emit_json

    if path is None or not os.path.exists(path):  # a name too long to be any file: still silent
        if as_json:
            emit_json([])
        return 0
    from mentorlog.journal.store.db import open_journal
    from mentorlog.views import remind as view

    today = dates.today()
    try:
        with open_journal(path, write=False) as conn:
            items = view.build(conn, today, within, screen=not as_json)
    except NotFound:  # an empty file where the journal will be: nothing is due yet
        items = []
    items += inbox_waiting(path)
    if as_json:
        emit_json([r.to_json() for r in items])
    else:
        show(items, today, db)
    return 1 if exit_code and items else 0


def inbox_waiting(journal: Path) -> list:
    """The reminder of files waiting in the journal's inbox folder, if any. A broken config
    file is not said for it: ``inbox`` itself says so."""
    from mentorlog.io.config import inbox_folder
    from mentorlog.views import remind as view

    return view.inbox(inbox_folder(journal, quiet=True))


def show(items: list, today, db) -> list[str]:
    """Print the reminders as ``remind`` does, and ``mentorlog`` alone (today's view): a line
    each, wrapped by echo on a terminal, hints naming ``db`` (the --db typed) when there is
    one. The lines printed."""
    from mentorlog.render.text import echo, with_db
    from mentorlog.views import remind as view

    lines = view.lines(items, today)
    for line in lines:
        echo(with_db(line.replace("\n", " "), db))
    return lines


def main(argv: list[str]) -> int | None:
    """The exit code when this path answered ``argv``, else None (Typer's turn)."""
    if os.environ.get("MENTORLOG_NO_FAST"):
        return None
    if argv == ["--version"]:
        from mentorlog import __version__
        from mentorlog.core.boundary import guarded

        return guarded(lambda: print(f"mentorlog {__version__}"))
    options = parse_remind(argv)
    if options is None:
        return None
    from mentorlog.core.boundary import guarded
    from mentorlog.journal.store.db import resolve_path

    db = options.pop("db")
    return guarded(lambda: answer_remind(journal_for_remind(lambda: resolve_path(db)), **options, db=db))
