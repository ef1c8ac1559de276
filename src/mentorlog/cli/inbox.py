"""``inbox [DIR]``: file the Markdown and text files written elsewhere (``journal.inbox``)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from mentorlog.cli.common import journal, journal_path
from mentorlog.render.text import echo, plural, warn


def inbox(
    folder: Annotated[
        Path | None,
        typer.Argument(
            metavar="[DIR]",
            help="The folder to file from (default: the config's inbox, else inbox/ beside the journal).",
        ),
    ] = None,
) -> None:
    """File the notes written elsewhere (a phone).

    Every *.md and *.txt in DIR: notes from a phone's synced folder, a mail rule.

    A first line (or front matter) `mentor: ada` files it under that mentor; `todo:`,
    `advice:`, `ask:` and `thanks:` lines are filed as such; the rest becomes a note dated by
    the file's time. Filed files move to DIR/filed/; a file that cannot be filed stays, and
    `mentorlog remind` names it.

    Example: mentorlog inbox ~/Sync/mentorlog
    """
    from mentorlog.core.errors import MentorlogError
    from mentorlog.io.config import inbox_folder
    from mentorlog.journal.store import inbox as box

    folder = folder or inbox_folder(journal_path())
    if not folder.is_dir():
        raise MentorlogError(
            f"There is no inbox folder {folder}.", hint="Make it, or name another: mentorlog inbox DIR"
        )
    if not box.waiting(folder):
        echo(f"Nothing waits in {folder}.")
        return
    with journal(write=True, create=True, hold=False) as conn:
        outcome = box.file(conn, folder)
        if outcome.filed:
            echo(_summary(folder, outcome))
    problems = box.move_filed(folder, outcome.filed)
    for path, why in problems:
        warn(
            f"mentorlog: {path.name} was filed but could not be moved to {box.FILED}/ ({why});"
            " move it by hand, or it is filed again next time."
        )
    for path, why in outcome.kept:
        warn(f"mentorlog: {path.name} stays in the inbox: {why}.")
    if outcome.kept or problems:
        raise typer.Exit(1)


def _summary(folder: Path, outcome) -> str:
    from mentorlog.journal.concepts import by_name

    words = []
    for noun, n in outcome.counts.items():
        concept = by_name(noun)
        words.append(plural(n, concept.one, concept.many) if concept else plural(n, noun))
    return f"Filed {plural(len(outcome.filed), 'file')} from {folder}: {', '.join(words)}."
