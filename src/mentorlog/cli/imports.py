"""``import``: a json export (plain or age-encrypted) merged into the journal by uuid, or a jrnl
export or a Markdown folder filed as notes and meetings. What is read and merged lives in
``journal/store`` (importer, foreign) and ``formats/``; here are the options, where the bytes
come from, the dry run against an empty journal, and what is said."""

import tempfile
from contextlib import ExitStack, contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated, BinaryIO

import typer

from mentorlog.cli import transfer
from mentorlog.cli.common import JsonOpt, journal, journal_path
from mentorlog.core.errors import NotFound, UsageError
from mentorlog.render.text import echo, emit_json


class Source(str, Enum):
    MENTORLOG = "mentorlog"
    JRNL = "jrnl"
    MARKDOWN = "markdown"


@contextmanager
def _into_journal(dry_run: bool):
    """The journal an import files into, in one transaction. A dry run with no journal yet
    counts against an empty one made in a temporary folder, and leaves no file behind."""
    if dry_run and not journal_path().exists():
        with tempfile.TemporaryDirectory(prefix="mentorlog-") as folder:
            from mentorlog.journal.store.db import open_journal

            with open_journal(Path(folder) / "journal.db", write=True, create=True) as conn:
                yield conn
    else:
        with journal(write=True, create=not dry_run) as conn:
            yield conn


def import_(
    file: Annotated[
        Path,
        typer.Argument(
            metavar="FILE",
            help="A json export (plain or age-encrypted); with --from, a jrnl export or a folder.",
        ),
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Count what would change; change nothing.")
    ] = False,
    source: Annotated[
        Source,
        typer.Option(
            "--from",
            help="What FILE is: a mentorlog json export, a jrnl --export json file, or a Markdown folder.",
        ),
    ] = Source.MENTORLOG,
    identity: Annotated[
        Path | None,
        typer.Option("--identity", "-i", metavar="FILE", help="The age or SSH key that opens FILE."),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Merge a json export into the journal, matching rows by uuid.

    The newer version of a row wins, and importing the same file again changes nothing. All of
    it or nothing: a file that is not a whole mentorlog export is refused. Import never deletes.

    --from jrnl files each entry of a jrnl export as a note, or as a meeting when one of its
    @tags is a mentor's handle; --from markdown files each Markdown file of a folder as a note
    (dated by its front matter's date: or a YYYY-MM-DD in its name, mentor: choosing the mentor).
    Either is all or nothing, and one change that undo takes back whole.

    Example: mentorlog import ~/Sync/journal.json

    Example: mentorlog import --from jrnl jrnl.json --dry-run
    """
    if source is not Source.MENTORLOG:
        if identity is not None:
            raise UsageError(f"--identity opens an encrypted mentorlog export, not --from {source.value}.")
        _import_foreign(file, source, dry_run=dry_run, as_json=as_json)
        return
    from mentorlog.formats.jsonfile import BadFile, ExportFile
    from mentorlog.io import crypto

    with ExitStack() as stack:
        f = stack.enter_context(transfer.open_input(file, "a json export"))
        head = f.read(4096)
        f.seek(0)
        path = journal_path()
        source: BinaryIO = f
        if crypto.is_age(head):
            # The plain text goes to a file without a name (gone when mentorlog exits, however it
            # exits) on the journal's own disk where there is one: little memory for any size.
            folder = path.parent if path.parent.is_dir() else None
            source = stack.enter_context(tempfile.TemporaryFile(dir=folder))
            transfer.decrypt(file, f, source, identity)
            source.seek(0)
        try:
            export_file = ExportFile(source, str(file))
        except BadFile as e:
            if b'"entries"' in head and b'"format"' not in head:  # jrnl's shape, given without --from
                import shlex

                raise BadFile(
                    e.message, hint=f"A jrnl export? mentorlog import --from jrnl {shlex.quote(str(file))}"
                ) from None
            raise
        with _into_journal(dry_run) as conn:
            result = _merge(conn, export_file, file, dry_run=dry_run)
    counts = result.tables
    if as_json:
        emit_json(
            {
                "file": str(file),
                "dry_run": dry_run,
                "tables": result.to_json(),
                "renumbered": [r.to_json() for r in result.renumbered],
            }
        )
        return
    verb = "Would import" if dry_run else "Imported"
    echo(f"{verb} {file}" + (" (a dry run: nothing was changed):" if dry_run else ":"))
    width = max(len(name) for name in counts) if counts else 0
    for name, c in counts.items():
        if c.added or c.updated or c.unchanged:
            echo(f"  {name:<{width}}  {c.added} added, {c.updated} updated, {c.unchanged} unchanged")
    if not any(c.added or c.updated or c.unchanged for c in counts.values()):
        echo("  nothing: the file holds no rows.")
    for line in renumbered_lines(result.renumbered, "file"):
        echo(line)


def renumbered_lines(renumbered, where: str) -> list[str]:
    """``todo 15 from the file is todo 16 here`` for each row whose id was taken (SPEC §1)."""
    from mentorlog.journal.concepts import nouns

    words = nouns()
    return [
        f"{words.get(r.table, (r.table, r.table))[0]} {r.old} from the {where} is "
        f"{words.get(r.table, (r.table, r.table))[0]} {r.new} here"
        for r in renumbered
    ]


def _merge(conn, export_file, file: Path, *, dry_run: bool):
    from mentorlog.journal.store import importer

    total = sum(export_file.sizes.values())
    try:
        with transfer.progress("Importing", total) as advance:
            return importer.merge(conn, export_file.rows, export_file.tables, dry_run=dry_run, tick=advance)
    except importer.ImportProblem as e:
        raise importer.ImportProblem(f"{file}: {e.message} Nothing was imported.", e.hint) from None


# --- import --from jrnl / markdown ----------------------------------------------------------

_SHOWN = 20  # a dry run lists this many entries, then counts the rest


def _import_foreign(file: Path, source: Source, *, dry_run: bool, as_json: bool) -> None:
    """A jrnl export or a Markdown folder, read whole first (a bad file changes nothing), then
    filed in one transaction: one change in history."""
    from mentorlog.journal.store import foreign

    if source is Source.JRNL:
        from mentorlog.formats import jrnl

        with transfer.open_input(file, "a jrnl export (jrnl --export json)") as f:
            data = f.read()
        entries, empty = jrnl.read(data, str(file))
    else:
        from mentorlog.formats import markdown_folder

        if not file.exists():
            raise NotFound(f"There is no folder {file}.", hint="Give the folder of Markdown files.")
        if not file.is_dir():
            raise UsageError(f"{file} is a file; --from markdown reads a folder of Markdown files.")
        entries, empty = markdown_folder.read(file)
    try:
        with _into_journal(dry_run) as conn:
            filed = foreign.file_entries(conn, entries, dry_run=dry_run)
    except foreign.ForeignProblem as e:
        raise foreign.ForeignProblem(
            f"{e.message.removesuffix('.')}; nothing was imported.", e.hint
        ) from None
    if as_json:
        emit_json(
            {
                "file": str(file),
                "from": source.value,
                "dry_run": dry_run,
                "notes": filed.notes,
                "meetings": filed.meetings,
                "already": filed.already,
                "empty": empty,
                "made": [
                    {
                        "kind": m.kind,
                        "id": m.id,
                        "at": m.at.isoformat(),
                        "mentor": m.mentor,
                        "tags": m.tags,
                        "text": m.text,
                    }
                    for m in filed.made
                ],
            }
        )
        return
    _say_filed(file, filed, empty, dry_run)


def _counted(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _say_filed(file: Path, filed, empty: int, dry_run: bool) -> None:
    from mentorlog.render.text import one_line, warn

    made = f"{_counted(filed.notes, 'note', 'notes')} and {_counted(filed.meetings, 'meeting', 'meetings')}"
    if dry_run:
        echo(f"Would import {made} from {file} (a dry run: nothing was changed):")
        for m in filed.made[:_SHOWN]:
            who = f"  {m.mentor}" if m.mentor else ""
            tags = f"  [{', '.join(m.tags)}]" if m.tags else ""
            echo(f"  {m.kind:<7}  {m.at.astimezone():%Y-%m-%d %H:%M}{who}  {one_line(m.text, 60)}{tags}")
        if len(filed.made) > _SHOWN:
            echo(f"  … and {len(filed.made) - _SHOWN} more")
    else:
        echo(f"Imported {made} from {file}.")
    if filed.already:
        echo(f"  {_counted(filed.already, 'entry', 'entries')} already in the journal left as they are.")
    if empty:
        echo(f"  {_counted(empty, 'entry', 'entries')} without any text left out.")
    for where, handles in filed.several:
        warn(f"{where} names {', '.join(handles)}: a meeting has one mentor, so it is a note.")
