"""The commands that own the data: ``export``, ``import``, ``backup``, ``restore``, ``doctor``,
and ``demo`` (a realistic three-month story in a throwaway journal).

The work is done elsewhere: what is read and merged in ``journal/`` (dump, exports, importer,
backup, doctor), the formats in ``exporters/``, encryption in ``crypto``, private files in
``files``; here are the options, where the bytes go, and what is said.
"""

import io
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Annotated, BinaryIO

import typer

from mentorlog import dates
from mentorlog.cli import common
from mentorlog.cli.common import JsonOpt, MentorOpt, journal, journal_path, stdin_is_terminal, when
from mentorlog.errors import MentorlogError, NotFound, UsageError
from mentorlog.render.text import echo, emit_json, visible, warn


def demo(
    db: Annotated[
        Path | None,
        typer.Option(
            "--db", metavar="PATH", help="Where to write the demo journal (default: a temporary file)."
        ),
    ] = None,
) -> None:
    """Fill a throwaway journal with a three-month story (two mentors) and show `review` and
    `remind` on it. Your own journal is never touched."""
    from mentorlog import demo as story
    from mentorlog.cli import views
    from mentorlog.render.console import make_console

    if db is None:
        db = Path(tempfile.mkdtemp(prefix="mentorlog-demo-")) / "demo.db"
    elif db.exists() or db.is_symlink():
        raise UsageError(f"{db} exists already; the demo only writes a new file.")
    common.session().db = db  # the demo reads and writes its own journal, never the user's
    console = make_console()
    today = dates.today()
    if console.is_terminal:
        from rich.progress import Progress

        with Progress(transient=True, console=console) as bar:
            task = bar.add_task("Writing the demo journal", total=len(story.STORY))
            story.build(db, today, lambda label: bar.update(task, advance=1, description=label))
    else:
        story.build(db, today)
    console.rule("mentorlog review", style="section")
    views.review(mentor=None, agenda=False, as_json=False)
    console.rule("mentorlog remind", style="section")
    views.remind(within=3, exit_code=False, as_json=False)
    console.rule(style="section")
    echo(f"The demo journal is {db}")
    echo(f"Explore it: mentorlog --db {db} progress   (or: meeting list, advice list, report ada)")


# --- shared by export, import, backup and restore ---------------------------------------------

PROGRESS_ROWS = 5_000  # a smaller journal is done before a bar would be worth drawing
_TICK = 500


def _is_terminal(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


@contextmanager
def _progress(label: str, total: int) -> Iterator[Callable[[int], None]]:
    """``advance(n)`` for a transient bar on stderr, drawn only for big jobs on a terminal: with
    stdout or stderr piped there is no bar (SPEC §4)."""
    if total < PROGRESS_ROWS or not (_is_terminal(sys.stdout) and _is_terminal(sys.stderr)):
        yield lambda n: None
        return
    from rich.progress import Progress

    from mentorlog.render.console import make_console

    with Progress(transient=True, console=make_console(stderr=True)) as bar:
        task = bar.add_task(label, total=total)
        yield lambda n: bar.update(task, advance=n)


def _counted(rows: Iterable[dict], advance: Callable[[int], None]) -> Iterator[dict]:
    n = 0
    for n, row in enumerate(rows, 1):
        yield row
        if n % _TICK == 0:
            advance(_TICK)
    advance(n % _TICK)


def _passphrase(*, confirm: bool) -> str:
    import getpass

    from mentorlog import crypto

    ask = getpass.getpass if stdin_is_terminal() else None
    return crypto.passphrase_from(os.environ, ask, confirm=confirm)


@dataclass
class _Seal:
    recipients: list[str]
    passphrase: str | None

    def write(self, plain: BinaryIO, target: BinaryIO) -> None:
        from mentorlog import crypto

        plain.seek(0)
        crypto.encrypt_file(plain, target, recipients=self.recipients, passphrase=self.passphrase)


def _seal(encrypt_to: list[str] | None, passphrase: bool) -> _Seal | None:
    """How to encrypt, from --encrypt-to/--passphrase; a bad key or an empty passphrase fails here,
    before any work is done."""
    if not encrypt_to and not passphrase:
        return None
    from mentorlog import crypto

    if encrypt_to and passphrase:
        raise UsageError(
            "Give either --encrypt-to or --passphrase, not both.",
            hint="age allows a passphrase only on its own; encrypt to several keys instead.",
        )
    if encrypt_to:
        crypto.parse_recipients(list(encrypt_to))
        return _Seal(list(encrypt_to), None)
    return _Seal([], _passphrase(confirm=True))


def _decrypt(path: Path, source: BinaryIO, target: BinaryIO, identity: Path | None) -> None:
    """Decrypt the age file ``source`` into ``target``, asking for a passphrase if it needs one."""
    from mentorlog import crypto

    head = source.read(64 * 1024)
    if not head.startswith(crypto.AGE_MAGIC):  # armored: the header is inside the base64
        head += source.read()
    source.seek(0)
    secret = _passphrase(confirm=False) if crypto.needs_passphrase(head) else None
    crypto.decrypt_file(source, target, identity=identity, passphrase=secret, name=str(path))


def _open_input(path: Path, what: str) -> BinaryIO:
    try:
        return path.open("rb")
    except FileNotFoundError:
        raise NotFound(f"There is no file {path}.", hint=f"Give the path of {what}.") from None
    except IsADirectoryError:
        raise UsageError(f"{path} is a folder, not {what}.") from None
    except OSError as e:
        raise MentorlogError(f"Cannot read {path}: {e.strerror or e}.") from None


def _refuse_to_overwrite(path: Path, force: bool) -> None:
    if path.is_symlink():
        raise UsageError(
            f"{path} is a symbolic link; mentorlog never writes through one.", hint="Give another path."
        )
    if path.exists() and not force:
        what = "a folder" if path.is_dir() else "a file"
        raise UsageError(
            f"{path} exists already ({what}); nothing was written.", hint="Pass --force to replace it."
        )
    if path.is_dir():
        raise UsageError(f"{path} is a folder; give a file name.")


def _names_folder(text: str) -> bool:
    """``-o`` names a folder when it ends in a slash or is one already."""
    return text.endswith(("/", os.sep)) or Path(text).expanduser().is_dir()


def _kib(path: Path) -> str:
    return f"{max(1, round(path.stat().st_size / 1024))} KiB"


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
    encrypt_to: Annotated[
        list[str] | None,
        typer.Option("--encrypt-to", metavar="RECIPIENT", help="An age1… or SSH public key (repeatable)."),
    ] = None,
    passphrase: Annotated[bool, typer.Option("--passphrase", help="Encrypt with a passphrase.")] = False,
) -> None:
    """Write the journal out: json (everything, for `import`), markdown (one readable file, or a
    notes folder with -o DIR/), csv (-o DIR: a file per table) or ics (upcoming check-ins and
    todos with a due date, for a calendar). Without -o it goes to stdout.

    --mentor, --since and --until choose rows (a meeting by when it was held, advice by the day it
    was given, others by when they were added), and what those rows refer to comes along, so the
    file always imports. For ics they bound the check-in and due dates.

    Example: mentorlog export -o journal.json --encrypt-to age1…
    """
    from mentorlog.journal import exports, mentors

    target = Path(output).expanduser() if output else None
    to_folder = output is not None and (fmt is Format.CSV or _names_folder(output))
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
        if target is None and _is_terminal(sys.stdout):
            raise UsageError(
                "An encrypted export is binary; it is not shown on a terminal.", hint="Give -o PATH."
            )
        seal = _seal(encrypt_to, passphrase)
    if to_folder and fmt in (Format.JSON, Format.ICS):  # one file, in that folder
        name = f"mentorlog-{dates.today().isoformat()}.{_SUFFIX[fmt]}" + (".age" if seal else "")
        target, to_folder = target / name, False
    if target is not None and not to_folder:
        _refuse_to_overwrite(target, force)
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
            from mentorlog.exporters.ics import to_ics

            data = to_ics(exports.checkins(conn, selection), exports.dated_todos(conn, selection), now=now)
            _write_bytes(data, target, force, seal)
            summary = "the calendar"
        elif to_folder:
            summary = _export_folder(conn, fmt, selection, target, force, now)
        else:
            summary = _export_file(conn, fmt, selection, target, force, seal, now)
    if target is not None:
        echo(f"Exported {summary} to {target}.")


def _write_bytes(data: bytes, target: Path | None, force: bool, seal: _Seal | None) -> None:
    if target is None:
        if seal is not None:
            out = io.BytesIO()
            seal.write(io.BytesIO(data), out)
            data = out.getvalue()
        elif _is_terminal(sys.stdout):
            data = visible(data.decode("utf-8")).encode("utf-8")
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    with _output(target, force) as f:
        if seal is None:
            f.write(data)
        else:
            seal.write(io.BytesIO(data), f)


@contextmanager
def _output(target: Path, force: bool) -> Iterator[BinaryIO]:
    from mentorlog.files import private_output

    try:
        with private_output(target, replace=force) as f:
            yield f
    except FileExistsError:
        _refuse_to_overwrite(target, force)  # names the reason
        raise


def _tables_and_ids(conn, selection):
    from mentorlog.journal import dump, exports

    tables = dump.tables(conn)
    ids = exports.select(conn, tables, selection)
    sizes = {t.name: exports.count(conn, t) if ids is None else len(ids[t.name]) for t in tables}
    return tables, ids, sizes


def _rows(conn, table, ids):
    from mentorlog.journal import dump, exports

    if ids is None:
        return dump.rows(conn, table)
    return dump.rows(conn, table, *exports.where_ids(ids[table.name]))


def _summary(sizes: dict[str, int]) -> str:
    shown = [f"{n} {name}" for name, n in sizes.items() if n]
    return ", ".join(shown) if shown else "an empty journal"


def _export_file(conn, fmt, selection, target, force, seal, now) -> str:
    """json or one markdown document, to ``target`` (a file) or stdout."""
    from mentorlog.exporters import jsonfile, markdown

    tables, ids, sizes = _tables_and_ids(conn, selection)
    with _progress("Exporting", sum(sizes.values())) as advance:

        def write(out: BinaryIO) -> None:
            if fmt is Format.JSON:
                streams = ((t.name, _counted(_rows(conn, t, ids), advance)) for t in tables)
                jsonfile.write(out, now.isoformat(), streams)
                return
            data = {t.name: list(_counted(_rows(conn, t, ids), advance)) for t in tables}
            terminal = target is None and seal is None and _is_terminal(sys.stdout)
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
                with _output(target, force) as f:
                    seal.write(plain, f)
        elif target is None:
            sys.stdout.flush()
            write(sys.stdout.buffer)
            sys.stdout.buffer.flush()
        else:
            with _output(target, force) as f:
                write(f)
    return _summary(sizes)


def _export_folder(conn, fmt, selection, folder: Path, force: bool, now) -> str:
    """csv (a file per table) or a markdown notes folder, into ``folder``."""
    from mentorlog.files import private_folder

    tables, ids, sizes = _tables_and_ids(conn, selection)
    with _progress("Exporting", sum(sizes.values())) as advance:
        if fmt is Format.CSV:
            from mentorlog.exporters import csvfile

            files = {f"{t.name}.csv": t for t in tables}
        else:
            from mentorlog.exporters import markdown

            data = {t.name: list(_counted(_rows(conn, t, ids), advance)) for t in tables}
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
        private_folder(folder)
        for name, item in files.items():
            with _output(folder / name, force) as f:
                if fmt is Format.CSV:
                    text = io.TextIOWrapper(f, encoding="utf-8", newline="", write_through=True)
                    csvfile.write(text, item.keys(), _counted(_rows(conn, item, ids), advance))
                    text.detach()
                else:
                    f.write(item.render().encode("utf-8"))
    count = len(files)
    return f"{_summary(sizes)} ({count} {'file' if count == 1 else 'files'})"


# --- import ---------------------------------------------------------------------------------


def import_(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="A json export (plain or age-encrypted).")],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Count what would change; change nothing.")
    ] = False,
    identity: Annotated[
        Path | None,
        typer.Option("--identity", "-i", metavar="FILE", help="The age or SSH key that opens FILE."),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Merge a json export into the journal: rows are matched by uuid, the newer version of a row
    wins, and importing the same file again changes nothing. All of it or nothing: a file that
    is not a whole mentorlog export is refused. Import never deletes.

    Example: mentorlog import ~/Sync/journal.json
    """
    from mentorlog import crypto
    from mentorlog.exporters.jsonfile import ExportFile

    with ExitStack() as stack:
        f = stack.enter_context(_open_input(file, "a json export"))
        head = f.read(4096)
        f.seek(0)
        path = journal_path()
        source: BinaryIO = f
        if crypto.is_age(head):
            # The plain text goes to a file without a name (gone when mentorlog exits, however it
            # exits) on the journal's own disk where there is one: little memory for any size.
            folder = path.parent if path.parent.is_dir() else None
            source = stack.enter_context(tempfile.TemporaryFile(dir=folder))
            _decrypt(file, f, source, identity)
            source.seek(0)
        export_file = ExportFile(source, str(file))
        if dry_run and not path.exists():  # count against an empty journal, and leave no file behind
            with tempfile.TemporaryDirectory(prefix="mentorlog-") as folder:
                from mentorlog.journal.db import open_journal

                with open_journal(Path(folder) / "journal.db", write=True, create=True) as conn:
                    result = _merge(conn, export_file, file, dry_run=True)
        else:
            with journal(write=True, create=not dry_run) as conn:
                result = _merge(conn, export_file, file, dry_run=dry_run)
    counts = result.tables
    if as_json:
        emit_json({"file": str(file), "dry_run": dry_run, "tables": result.to_json()})
        return
    verb = "Would import" if dry_run else "Imported"
    echo(f"{verb} {file}" + (" (a dry run: nothing was changed):" if dry_run else ":"))
    width = max(len(name) for name in counts) if counts else 0
    for name, c in counts.items():
        if c.added or c.updated or c.unchanged:
            echo(f"  {name:<{width}}  {c.added} added, {c.updated} updated, {c.unchanged} unchanged")
    if not any(c.added or c.updated or c.unchanged for c in counts.values()):
        echo("  nothing: the file holds no rows.")


def _merge(conn, export_file, file: Path, *, dry_run: bool):
    from mentorlog.journal import importer

    total = sum(export_file.sizes.values())
    try:
        with _progress("Importing", total) as advance:
            return importer.merge(conn, export_file.rows, export_file.tables, dry_run=dry_run, tick=advance)
    except importer.ImportProblem as e:
        raise importer.ImportProblem(f"{file}: {e.message} Nothing was imported.", e.hint) from None


# --- backup and restore ------------------------------------------------------------------------


def backup(
    path: Annotated[
        str | None,
        typer.Argument(metavar="[PATH]", help="Where to write it (a file, or a folder); default: backups/."),
    ] = None,
    encrypt_to: Annotated[
        list[str] | None,
        typer.Option("--encrypt-to", metavar="RECIPIENT", help="An age1… or SSH public key (repeatable)."),
    ] = None,
    passphrase: Annotated[bool, typer.Option("--passphrase", help="Encrypt with a passphrase.")] = False,
) -> None:
    """Copy the journal, safely while it is in use, to PATH or to backups/ beside it. Never over
    an existing file; the copy is private (0600), and encrypted with age when asked.

    Example: mentorlog backup ~/Sync/ --encrypt-to age1…
    """
    from mentorlog.journal.backup import backup_name, copy_to

    source = journal_path()
    with journal():  # a mentorlog journal, there, readable
        pass
    seal = _seal(encrypt_to, passphrase)
    suffix = ".age" if seal else ""
    if path is None or _names_folder(path):
        default = backup_name(source, "backup")
        folder = default.parent if path is None else Path(path).expanduser()
        if folder.is_symlink() and path is not None:
            raise UsageError(f"{folder} is a symbolic link; mentorlog never writes through one.")
        target = folder / (default.name + suffix)
        n = 2
        while target.exists() or target.is_symlink():  # two backups in the same second
            target = folder / f"{default.stem}-{n}{default.suffix}{suffix}"
            n += 1
    else:
        target = Path(path).expanduser()
        if target.exists() or target.is_symlink():
            raise UsageError(
                f"{target} exists already; a backup never replaces a file.", hint="Give a new name."
            )
    if seal is None:
        try:
            copy_to(source, target)
        except FileExistsError:
            raise UsageError(f"{target} exists already; a backup never replaces a file.") from None
    else:
        # The plain copy is made beside the journal, which holds the same text already, never
        # beside the target, which may be a synced or shared folder.
        plain = source.parent / f".{source.name}.backup-{os.urandom(4).hex()}.tmp"
        try:
            copy_to(source, plain)
            with plain.open("rb") as f, _output(target, False) as out:
                seal.write(f, out)
        finally:
            plain.unlink(missing_ok=True)
    echo(f"Backed up the journal to {target} ({_kib(target)}" + (", encrypted)." if seal else ")."))


def restore(
    backup_file: Annotated[Path, typer.Argument(metavar="BACKUP", help="A backup (plain or age-encrypted).")],
    force: Annotated[bool, typer.Option("--force", help="Replace the journal without asking.")] = False,
    identity: Annotated[
        Path | None,
        typer.Option("--identity", "-i", metavar="FILE", help="The age or SSH key that opens BACKUP."),
    ] = None,
) -> None:
    """Put a backup in the journal's place, after checking that it is a whole mentorlog journal.
    The journal it replaces is kept in backups/ (journal-before-restore-….db).

    Example: mentorlog restore ~/Sync/journal-backup-20261124-100000.db.age -i ~/.age/key.txt
    """
    from mentorlog import crypto
    from mentorlog.errors import JournalError
    from mentorlog.files import create_private
    from mentorlog.journal import backup as backups

    target = journal_path()
    with _open_input(backup_file, "a backup") as f:
        if _same_file(backup_file, target):
            raise UsageError(f"{backup_file} is the journal itself; give a backup.")
        head = f.read(4096)
        f.seek(0)
        # A private copy beside the journal is what gets checked and put in place: checking
        # the backup itself could leave -wal/-shm files beside it.
        candidate = target.parent / f".{target.name}.restore-{os.urandom(4).hex()}.tmp"
        try:
            with os.fdopen(create_private(candidate), "wb") as out:
                if crypto.is_age(head):
                    _decrypt(backup_file, f, out, identity)
                else:
                    shutil.copyfileobj(f, out)
                out.flush()
                os.fsync(out.fileno())
            backups.check_journal(candidate, str(backup_file))
            kept = None
            if target.exists():
                if not force:
                    if not stdin_is_terminal():
                        raise UsageError(
                            f"Restoring replaces the journal {target}; nothing was changed.",
                            hint="Pass --force (the current journal is kept in backups/).",
                        )
                    typer.confirm(
                        f"Replace the journal {target} with {backup_file}? (it is kept in backups/)",
                        abort=True,
                    )
                kept = backups.keep_before_restore(target)
            try:
                backups.restore_into(candidate, target)
            except FileExistsError:
                raise JournalError(
                    f"A journal appeared at {target} meanwhile; nothing was changed."
                ) from None
        finally:
            for suffix in ("", "-journal", "-wal", "-shm"):
                Path(f"{candidate}{suffix}").unlink(missing_ok=True)
    echo(f"Restored the journal {target} from {backup_file}.")
    if kept is not None:
        echo(f"The journal it replaced is kept as {kept}.")


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


# --- doctor ---------------------------------------------------------------------------------


def doctor(
    repair: Annotated[
        bool, typer.Option("--repair", help="Rebuild a stale search index and make files private.")
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Check that the journal is whole: SQLite's integrity and foreign-key checks, the schema
    version, the search index, the history and the file permissions. Exits 1 when something is
    wrong, and says what to do next.

    Example: mentorlog doctor --repair
    """
    from mentorlog.journal import doctor as checks
    from mentorlog.journal.backup import backups_dir
    from mentorlog.journal.db import no_journal

    path = journal_path()
    if not path.exists():
        raise no_journal(path)
    size = path.stat().st_size // 2048  # about one "row" per 2 KiB, to size the bar like export's
    with _progress("Checking", size) as advance:
        findings = checks.examine(path, repair=repair, tick=lambda: advance(max(1, size // checks.CHECKS)))
    if as_json:
        emit_json([f.to_json() for f in findings])
    else:
        for f in findings:
            mark = "ok  " if f.ok else "FAIL"
            echo(f"{mark}  {f.check}: {f.detail}")
    wrong = [f for f in findings if not f.ok]
    if not wrong:
        return
    fixes = {f.fix for f in wrong}
    if checks.RESTORE in fixes:
        folder = backups_dir(path)
        found = sorted(folder.glob("*.db*"), key=lambda p: p.stat().st_mtime) if folder.is_dir() else []
        newest = f" (the newest in {folder} is {found[-1].name})" if found else ""
        warn(f"The journal is damaged. Restore a backup: mentorlog restore BACKUP{newest}.")
    elif checks.UPGRADE in fixes:
        warn("Upgrade mentorlog to use this journal.")
    if checks.REPAIR in fixes and checks.RESTORE not in fixes:
        warn("Run: mentorlog doctor --repair")
    raise typer.Exit(1)
