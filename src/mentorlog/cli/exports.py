"""``export`` and ``import``: the journal as json, Markdown, csv or ics, and a json export
merged back in. What is read and merged lives in ``journal/`` (dump, exports, importer), the
formats in ``exporters/``; here are the options, where the bytes go, and what is said."""

import contextlib
import io
import sys
import tempfile
from contextlib import ExitStack
from enum import Enum
from pathlib import Path
from typing import Annotated, BinaryIO

import typer

from mentorlog.cli import common, transfer
from mentorlog.cli.common import JsonOpt, MentorOpt, journal, journal_path, when
from mentorlog.core import dates
from mentorlog.core.errors import NotFound, UsageError
from mentorlog.render.text import echo, emit_json, visible

# --- export ---------------------------------------------------------------------------------


class Format(str, Enum):
    JSON = "json"
    MARKDOWN = "markdown"
    CSV = "csv"
    ICS = "ics"


_SUFFIX = {Format.JSON: "json", Format.ICS: "ics"}


def export(
    fmt: Annotated[Format, typer.Option("--format", "-f", help="What to write.")] = Format.JSON,
    mentor: MentorOpt = None,
    since: Annotated[
        str | None, typer.Option("--since", metavar="WHEN", help="Only rows dated from then.")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", metavar="WHEN", help="Only rows dated until then.")
    ] = None,
    output: Annotated[
        str | None,
        typer.Option("-o", "--output", metavar="PATH", help="A file, or a folder (ending in / or existing)."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace files that exist.")] = False,
    encrypt_to: transfer.EncryptToOpt = None,
    passphrase: transfer.PassphraseOpt = False,
) -> None:
    """Write the journal out as json, Markdown, csv or a calendar.

    json is everything, for `import`; markdown is one readable file, or a notes folder with
    -o DIR/; csv (-o DIR) a file per table; ics the upcoming check-ins and todos with a due date,
    for a calendar. Without -o it goes to stdout.

    --mentor, --since and --until choose rows (a meeting by when it was held, advice by the day it
    was given, others by when they were added), and what those rows refer to comes along, so the
    file always imports. For ics they bound the check-in and due dates.

    Example: mentorlog export -o journal.json --encrypt-to age1…
    """
    from mentorlog.journal import mentors
    from mentorlog.journal.store import exports

    target = Path(output).expanduser() if output else None
    to_folder = output is not None and (fmt is Format.CSV or transfer.names_folder(output))
    if fmt is Format.CSV and target is None:
        raise UsageError("csv writes one file per table: give a folder.", hint="e.g. -o journal-csv/")
    if to_folder and target.is_symlink():
        raise UsageError(
            f"{target} is a symbolic link; mentorlog never writes through one.", hint="Give a folder."
        )
    if fmt is Format.CSV and target.exists() and not target.is_dir():
        raise UsageError(f"{target} is a file; csv writes a folder.", hint="e.g. -o journal-csv/")
    seal = None
    if encrypt_to or passphrase:
        if to_folder and fmt in (Format.CSV, Format.MARKDOWN):
            raise UsageError(
                f"An encrypted export is one file; {fmt.value} to a folder is many.",
                hint="Encrypt a json or markdown export to a file: -o journal.json.age",
            )
        if target is None and transfer.is_terminal(sys.stdout):
            raise UsageError(
                "An encrypted export is binary; it is not shown on a terminal.", hint="Give -o PATH."
            )
        seal = transfer.seal_for(encrypt_to, passphrase)
    if to_folder and fmt in (Format.JSON, Format.ICS):  # one file, in that folder
        name = f"mentorlog-{dates.today().isoformat()}.{_SUFFIX[fmt]}" + (".age" if seal else "")
        target, to_folder = target / name, False
    if target is not None and not to_folder:
        transfer.refuse_to_overwrite(target, force)
    future = fmt is Format.ICS  # a calendar looks ahead: a bare weekday is the next one
    start = common.day_bound(when(since, "--since", future=future), end_of_day=False)
    end = common.day_bound(when(until, "--until", future=future), end_of_day=True)
    if start and end and start > end:
        raise UsageError(f"--since {since} is after --until {until}.")
    now = dates.now()
    with journal() as conn:
        chosen = mentors.resolve(conn, mentor) if mentor else None
        selection = exports.Selection(chosen.id if chosen else None, start, end)
        if fmt is Format.ICS:
            from mentorlog.formats.ics import to_ics

            data = to_ics(exports.checkins(conn, selection), exports.dated_todos(conn, selection), now=now)
            _write_bytes(data, target, force, seal)
            summary = "the calendar"
        elif to_folder:
            summary = _export_folder(conn, fmt, selection, target, force, now)
        else:
            summary = _export_file(conn, fmt, selection, target, force, seal, now)
    if target is not None:
        echo(f"Exported {summary} to {target}.")


def _write_bytes(data: bytes, target: Path | None, force: bool, seal: transfer.Seal | None) -> None:
    if target is None:
        if seal is not None:
            out = io.BytesIO()
            seal.write(io.BytesIO(data), out)
            data = out.getvalue()
        elif transfer.is_terminal(sys.stdout):
            data = visible(data.decode("utf-8")).encode("utf-8")
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    with transfer.output_file(target, force) as f:
        if seal is None:
            f.write(data)
        else:
            seal.write(io.BytesIO(data), f)


def _tables_and_ids(conn, selection):
    from mentorlog.journal.store import dump, exports

    tables = dump.tables(conn)
    ids = exports.select(conn, tables, selection)
    sizes = {t.name: exports.count(conn, t) if ids is None else len(ids[t.name]) for t in tables}
    return tables, ids, sizes


def _rows(conn, table, ids):
    from mentorlog.journal.store import dump, exports

    if ids is None:
        return dump.rows(conn, table)
    return dump.rows(conn, table, *exports.where_ids(ids[table.name]))


def _sheet_rows(conn, table, ids):
    from mentorlog.journal.store import exports

    if ids is None:
        return exports.sheet_rows(conn, table)
    return exports.sheet_rows(conn, table, *exports.where_ids(ids[table.name]))


def _summary(sizes: dict[str, int]) -> str:
    from mentorlog.journal.concepts import nouns

    words = nouns()
    shown = [f"{n} {words.get(name, (name, name))[0 if n == 1 else 1]}" for name, n in sizes.items() if n]
    return ", ".join(shown) if shown else "an empty journal"


def _export_file(conn, fmt, selection, target, force, seal, now) -> str:
    """json or one markdown document, to ``target`` (a file) or stdout."""
    from mentorlog.formats import jsonfile, markdown

    tables, ids, sizes = _tables_and_ids(conn, selection)
    with transfer.progress("Exporting", sum(sizes.values())) as advance:

        def write(out: BinaryIO) -> None:
            if fmt is Format.JSON:
                streams = ((t.name, transfer.counted(_rows(conn, t, ids), advance)) for t in tables)
                jsonfile.write(out, now.isoformat(), streams)
                return
            data = {t.name: list(transfer.counted(_rows(conn, t, ids), advance)) for t in tables}
            terminal = target is None and seal is None and transfer.is_terminal(sys.stdout)
            for piece in markdown.journal(data, exported_at=now):
                out.write((visible(piece) if terminal else piece).encode("utf-8"))

        if seal is not None:
            plain = io.BytesIO()  # the plain text never touches a disk
            write(plain)
            if target is None:
                sys.stdout.flush()
                seal.write(plain, sys.stdout.buffer)
                sys.stdout.buffer.flush()
            else:
                with transfer.output_file(target, force) as f:
                    seal.write(plain, f)
        elif target is None:
            sys.stdout.flush()
            write(sys.stdout.buffer)
            sys.stdout.buffer.flush()
        else:
            with transfer.output_file(target, force) as f:
                write(f)
    return _summary(sizes)


def _export_folder(conn, fmt, selection, folder: Path, force: bool, now) -> str:
    """csv (a file per table) or a markdown notes folder, into ``folder``."""
    from mentorlog.core.files import private_folder

    tables, ids, sizes = _tables_and_ids(conn, selection)
    with transfer.progress("Exporting", sum(sizes.values())) as advance:
        if fmt is Format.CSV:
            from mentorlog.formats import csvfile
            from mentorlog.journal.store import exports

            files = {f"{t.name}.csv": t for t in tables}
        else:
            from mentorlog.formats import markdown

            data = {t.name: list(transfer.counted(_rows(conn, t, ids), advance)) for t in tables}
            files = {note.name: note for note in markdown.folder(data)}
        clashes = [name for name in files if (folder / name).exists() or (folder / name).is_symlink()]
        links = [name for name in clashes if (folder / name).is_symlink()]
        if links:
            raise UsageError(f"{folder / links[0]} is a symbolic link; mentorlog never writes through one.")
        if clashes and not force:
            shown = ", ".join(clashes[:3]) + (f" and {len(clashes) - 3} more" if len(clashes) > 3 else "")
            raise UsageError(
                f"{folder} already holds {shown}; nothing was written.", hint="Pass --force to replace them."
            )
        made_folder = not folder.exists()
        private_folder(folder)
        written: list[Path] = []  # new files, taken back if the export stops half-way
        try:
            for name, item in files.items():
                target = folder / name
                new = not target.exists()
                with transfer.output_file(target, force) as f:
                    if fmt is Format.CSV:
                        # utf-8-sig: a BOM, so that Excel reads the file as UTF-8 (README)
                        text = io.TextIOWrapper(f, encoding="utf-8-sig", newline="", write_through=True)
                        rows = transfer.counted(_sheet_rows(conn, item, ids), advance)
                        csvfile.write(text, exports.sheet_keys(item), rows)
                        text.detach()
                    else:
                        f.write(item.render().encode("utf-8"))
                if new:
                    written.append(target)
        except BaseException:
            for path in written:
                path.unlink(missing_ok=True)
            if made_folder:
                with contextlib.suppress(OSError):
                    folder.rmdir()
            raise
    count = len(files)
    return f"{_summary(sizes)} ({count} {'file' if count == 1 else 'files'})"


# --- import ---------------------------------------------------------------------------------


class Source(str, Enum):
    MENTORLOG = "mentorlog"
    JRNL = "jrnl"
    MARKDOWN = "markdown"


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
        if dry_run and not path.exists():  # count against an empty journal, and leave no file behind
            with tempfile.TemporaryDirectory(prefix="mentorlog-") as folder:
                from mentorlog.journal.store.db import open_journal

                with open_journal(Path(folder) / "journal.db", write=True, create=True) as conn:
                    result = _merge(conn, export_file, file, dry_run=True)
        else:
            with journal(write=True, create=not dry_run) as conn:
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
    path = journal_path()
    try:
        if dry_run and not path.exists():  # against an empty journal, leaving no file behind
            with tempfile.TemporaryDirectory(prefix="mentorlog-") as folder:
                from mentorlog.journal.store.db import open_journal

                with open_journal(Path(folder) / "journal.db", write=True, create=True) as conn:
                    filed = foreign.file_entries(conn, entries, dry_run=True)
        else:
            with journal(write=True, create=not dry_run) as conn:
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
