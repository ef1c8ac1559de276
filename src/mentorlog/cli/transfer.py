"""What export, import, backup and restore share: where bytes go in and out (private files,
never over an existing one without ``--force``), age encryption and passphrases, and the
progress bar a big job draws on a terminal."""

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, BinaryIO

import typer

from mentorlog.cli.common import stdin_is_terminal
from mentorlog.core.errors import MentorlogError, NotFound, UsageError
from mentorlog.core.record import Record
from mentorlog.render.text import echo, is_terminal

# --- shared by export, import, backup and restore ---------------------------------------------

PROGRESS_ROWS = 5_000  # a smaller journal is done before a bar would be worth drawing
_TICK = 500


@contextmanager
def progress(label: str, total: int) -> Iterator[Callable[[int], None]]:
    """``advance(n)`` for a transient bar on stderr, drawn only for big jobs on a terminal: with
    stdout or stderr piped there is no bar (SPEC §4)."""
    if total < PROGRESS_ROWS or not (is_terminal(sys.stdout) and is_terminal(sys.stderr)):
        yield lambda n: None
        return
    from rich.progress import Progress

    from mentorlog.render.console import make_console

    with Progress(transient=True, console=make_console(stderr=True)) as bar:
        task = bar.add_task(label, total=total)
        yield lambda n: bar.update(task, advance=n)


def counted(rows: Iterable[dict], advance: Callable[[int], None]) -> Iterator[dict]:
    n = 0
    for n, row in enumerate(rows, 1):
        yield row
        if n % _TICK == 0:
            advance(_TICK)
    advance(n % _TICK)


EncryptToOpt = Annotated[
    list[str] | None,
    typer.Option("--encrypt-to", metavar="RECIPIENT", help="An age1… or SSH public key (repeatable)."),
]
PassphraseOpt = Annotated[bool, typer.Option("--passphrase", help="Encrypt with a passphrase.")]


def ask_passphrase(*, confirm: bool) -> str:
    import getpass

    from mentorlog.io import crypto

    ask = getpass.getpass if stdin_is_terminal() else None
    return crypto.passphrase_from(os.environ, ask, confirm=confirm)


class Encryption(Record):
    """What ``--encrypt-to`` and ``--passphrase`` ask for: age to these recipients (age1… or SSH
    public keys), or to a passphrase (asked for, or MENTORLOG_PASSPHRASE)."""

    recipients: list[str]
    passphrase: bool = False


def encryption(encrypt_to: list[str] | None, passphrase: bool) -> Encryption | None:
    """What the two options ask for (None: no encryption); both at once is refused."""
    if not encrypt_to and not passphrase:
        return None
    if encrypt_to and passphrase:
        raise UsageError(
            "Give either --encrypt-to or --passphrase, not both.",
            hint="age allows a passphrase only on its own; encrypt to several keys instead.",
        )
    return Encryption(list(encrypt_to or []), passphrase)


class Seal(Record):
    recipients: list[str]
    passphrase: str | None

    def write(self, plain: BinaryIO, target: BinaryIO) -> None:
        from mentorlog.io import crypto

        plain.seek(0)
        crypto.encrypt_file(plain, target, recipients=self.recipients, passphrase=self.passphrase)


def seal(wanted: Encryption) -> Seal:
    """How to encrypt as ``wanted``: a bad key or an empty passphrase fails here, before any work
    is done."""
    if wanted.recipients:
        from mentorlog.io import crypto

        crypto.parse_recipients(list(wanted.recipients))
        return Seal(list(wanted.recipients), None)
    return Seal([], ask_passphrase(confirm=True))


def seal_for(encrypt_to: list[str] | None, passphrase: bool) -> Seal | None:
    """How to encrypt, from --encrypt-to/--passphrase (None: plain)."""
    wanted = encryption(encrypt_to, passphrase)
    return seal(wanted) if wanted is not None else None


def decrypt(path: Path, source: BinaryIO, target: BinaryIO, identity: Path | None) -> None:
    """Decrypt the age file ``source`` into ``target``, asking for a passphrase if it needs one."""
    from mentorlog.io import crypto

    head = source.read(64 * 1024)
    if not head.startswith(crypto.AGE_MAGIC):  # armored: the header is inside the base64
        head += source.read()
    source.seek(0)
    secret = ask_passphrase(confirm=False) if crypto.needs_passphrase(head) else None
    crypto.decrypt_file(
        source,
        target,
        identity=identity,
        passphrase=secret,
        name=str(path),
        identity_passphrase=key_passphrase,
    )


def key_passphrase(key_file: Path) -> str:
    """The passphrase of a passphrase-protected identity file: MENTORLOG_IDENTITY_PASSPHRASE,
    else MENTORLOG_PASSPHRASE (a file encrypted to a key needs no other), else asked."""
    import getpass

    from mentorlog.io import crypto

    env = dict(os.environ)
    if crypto.IDENTITY_PASSPHRASE_ENV in env:
        env[crypto.PASSPHRASE_ENV] = env[crypto.IDENTITY_PASSPHRASE_ENV]
    ask = getpass.getpass if stdin_is_terminal() else None
    return crypto.passphrase_from(
        env, (lambda _: ask(f"Passphrase of {key_file}: ")) if ask else None, confirm=False
    )


def open_input(path: Path, what: str) -> BinaryIO:
    """``path`` to read, from its start as often as needed: a pipe (``<(gpg -d …)``, a FIFO) is
    first copied into a private temporary file, since imports and restores read twice."""
    try:
        f = path.open("rb")
        if f.seekable():
            return f
        import shutil
        import tempfile

        with f:
            copy = tempfile.TemporaryFile()  # noqa: SIM115 (the caller closes it) nameless, 0600
            shutil.copyfileobj(f, copy)
        copy.seek(0)
        return copy
    except FileNotFoundError:
        raise NotFound(f"There is no file {path}.", hint=f"Give the path of {what}.") from None
    except IsADirectoryError:
        raise UsageError(f"{path} is a folder, not {what}.") from None
    except OSError as e:
        raise MentorlogError(f"Cannot read {path}: {e.strerror or e}.") from None


class Found(Record):
    """What is at a path: ``kind`` is "file", "folder" or "other" (a pipe, a device), None when
    nothing is (a link to nothing too); ``link``: the path is a symbolic link."""

    kind: str | None = None
    link: bool = False


def look(path: Path) -> Found:
    """What is at ``path`` on disk (a link is followed for ``kind``)."""
    kind = "folder" if path.is_dir() else "file" if path.is_file() else "other" if path.exists() else None
    return Found(kind, path.is_symlink())


def check_target(path: Path, found: Found, force: bool) -> None:
    """Refuse to write the file ``path`` over ``found``: never through a symbolic link, over a
    file only with ``--force``, never over a folder, a pipe or a device."""
    if found.link:
        raise UsageError(
            f"{path} is a symbolic link; mentorlog never writes through one.", hint="Give another path."
        )
    if found.kind is not None and not force:
        what = "a folder" if found.kind == "folder" else "a file"
        raise UsageError(
            f"{path} exists already ({what}); nothing was written.", hint="Pass --force to replace it."
        )
    if found.kind == "folder":
        raise UsageError(f"{path} is a folder; give a file name.")
    if found.kind == "other":  # --force would put a file in a pipe's or device's place
        raise UsageError(f"{path} is not a regular file; give a file name.")


def refuse_to_overwrite(path: Path, force: bool) -> None:
    check_target(path, look(path), force)


def names_folder(text: str, found: Found | None = None) -> bool:
    """``-o`` names a folder when it ends in a slash or is one already (``found``: what is
    there, else looked at)."""
    if text.endswith(("/", os.sep)):
        return True
    return (found or look(Path(text).expanduser())).kind == "folder"


def kib(path: Path) -> str:
    return f"{max(1, round(path.stat().st_size / 1024))} KiB"


@contextmanager
def output_file(target: Path, force: bool) -> Iterator[BinaryIO]:
    from mentorlog.core.files import private_output

    try:
        with private_output(target, replace=force) as f:
            yield f
    except FileExistsError:
        refuse_to_overwrite(target, force)  # names the reason
        raise


def echo_or_take_back(line: str, take_back) -> None:
    """Print ``line`` and flush it; if it cannot be written (a full disk, a closed pipe), run
    ``take_back`` first, so a command that failed has changed nothing (SPEC §5)."""
    try:
        echo(line)
        sys.stdout.flush()
    except BaseException:
        take_back()
        raise
