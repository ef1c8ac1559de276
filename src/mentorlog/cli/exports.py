"""``export``: the journal as json, Markdown, csv or ics. What is read lives in ``journal/store``
(dump, exports), the formats in ``formats/``, and where it goes, whether it is encrypted and what
is refused in ``cli/export_plan.py``; here the plan is carried out: the rows written to the file,
the folder or stdout, and what is said. ``import`` is ``cli/imports.py``."""

import contextlib
import io
import sys
from pathlib import Path
from typing import Annotated, BinaryIO

import typer

from mentorlog.cli import common, transfer
from mentorlog.cli.common import MentorOpt, journal, when
from mentorlog.cli.export_plan import Format, plan
from mentorlog.core import dates
from mentorlog.core.errors import UsageError
from mentorlog.render.text import echo, visible


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

    planned = plan(
        fmt,
        output,
        force=force,
        encrypt_to=encrypt_to,
        passphrase=passphrase,
        stdout_is_terminal=transfer.is_terminal(sys.stdout),
        today=dates.today(),
        look=transfer.look,
    )
    target = planned.target
    seal = transfer.seal(planned.encryption) if planned.encryption else None
    future = fmt is Format.ICS  # a calendar looks ahead: a bare weekday is the next one
    start = common.day_bound(when(since, "--since", future=future), end_of_day=False)
    end = common.day_bound(when(until, "--until", future=future), end_of_day=True)
    if start and end and start > end:
        raise UsageError(f"--since {since} is after --until {until}.")
    now = dates.now()
    with journal() as conn:
        only = mentors.resolve(conn, mentor) if mentor else None
        selection = exports.Selection(only.id if only else None, start, end)
        if fmt is Format.ICS:
            from mentorlog.formats.ics import to_ics

            data = to_ics(exports.checkins(conn, selection), exports.dated_todos(conn, selection), now=now)
            _write_bytes(data, target, force, seal)
            summary = "the calendar"
        elif planned.folder:
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
