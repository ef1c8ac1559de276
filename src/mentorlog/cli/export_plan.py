"""``export``'s plan: the file, folder or stdout it writes, which formats take which target,
whether and how it encrypts, and what is refused and why. Pure: ``plan`` decides from the
options, what is on disk at the paths they name (``look``), whether stdout is a terminal and
today's date, and raises a ``UsageError`` for what it refuses; ``export`` (``cli/exports.py``)
carries the plan out.

json and ics are one file: to stdout, to ``-o FILE``, or into ``-o DIR/`` under a dated name.
markdown is one file the same ways, or a notes folder with ``-o DIR/``; csv is always a folder,
a file per table. An encrypted export is one file (never a folder of them) and is never shown
on a terminal. Nothing is written through a symbolic link, and a file is replaced only with
``--force``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from enum import Enum
from pathlib import Path

from mentorlog.cli import transfer
from mentorlog.cli.transfer import Encryption, Found
from mentorlog.core.errors import UsageError
from mentorlog.core.record import Record


class Format(str, Enum):
    JSON = "json"
    MARKDOWN = "markdown"
    CSV = "csv"
    ICS = "ics"


ONE_FILE = {Format.JSON: "json", Format.ICS: "ics"}  # the formats that are always one file: suffix
FOLDERS = (Format.CSV, Format.MARKDOWN)  # the formats that may write a folder of files


class ExportPlan(Record):
    """Where an export goes: ``target`` a file, or a folder of files (``folder``), or None for
    stdout; ``encryption`` None for plain text."""

    fmt: Format
    target: Path | None
    folder: bool = False
    force: bool = False
    encryption: Encryption | None = None


def plan(
    fmt: Format,
    output: str | None,
    *,
    force: bool = False,
    encrypt_to: list[str] | None = None,
    passphrase: bool = False,
    stdout_is_terminal: bool = False,
    today: date,
    look: Callable[[Path], Found],
) -> ExportPlan:
    """Where ``export --format FMT -o OUTPUT`` writes, and whether it encrypts. ``output`` as
    typed (a trailing slash names a folder); ``look(path)`` says what is there."""
    target = Path(output).expanduser() if output else None
    found = look(target) if target is not None else Found()
    to_folder = output is not None and (fmt is Format.CSV or transfer.names_folder(output, found))
    if fmt is Format.CSV and target is None:
        raise UsageError("csv writes one file per table: give a folder.", hint="e.g. -o journal-csv/")
    if to_folder and found.link:
        raise UsageError(
            f"{target} is a symbolic link; mentorlog never writes through one.", hint="Give a folder."
        )
    if fmt is Format.CSV and found.kind is not None and found.kind != "folder":
        raise UsageError(f"{target} is a file; csv writes a folder.", hint="e.g. -o journal-csv/")
    wanted = None
    if encrypt_to or passphrase:
        if to_folder and fmt in FOLDERS:
            raise UsageError(
                f"An encrypted export is one file; {fmt.value} to a folder is many.",
                hint="Encrypt a json or markdown export to a file: -o journal.json.age",
            )
        if target is None and stdout_is_terminal:
            raise UsageError(
                "An encrypted export is binary; it is not shown on a terminal.", hint="Give -o PATH."
            )
        wanted = transfer.encryption(encrypt_to, passphrase)
    if to_folder and fmt in ONE_FILE:  # one file, in that folder
        name = f"mentorlog-{today.isoformat()}.{ONE_FILE[fmt]}" + (".age" if wanted else "")
        target, to_folder = target / name, False
        found = look(target)
    if target is not None and not to_folder:
        transfer.check_target(target, found, force)
    return ExportPlan(fmt, target, to_folder, force, wanted)
