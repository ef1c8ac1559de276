"""``export``'s plan as a pure function: which file, folder or stdout each format writes, when it
encrypts, and what is refused and why (SPEC §2, ``export``). What is on disk comes from a table
here, not from the disk."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from mentorlog.cli.export_plan import ExportPlan, Format, plan
from mentorlog.cli.transfer import Encryption, Found
from mentorlog.core.errors import UsageError

TODAY = date(2026, 11, 26)
KEY = "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p"
# What is on disk: a file, a folder, a link to a folder, a link to a file, a named pipe.
DISK = {
    Path("old.json"): Found("file"),
    Path("dir"): Found("folder"),
    Path("dir/mentorlog-2026-11-26.json"): Found("file"),
    Path("linked"): Found("folder", link=True),
    Path("link.json"): Found("file", link=True),
    Path("fifo"): Found("other"),
}


def planned(fmt: str, output: str | None, *options: str, terminal: bool = False, disk=DISK) -> ExportPlan:
    return plan(
        Format(fmt),
        output,
        force="--force" in options,
        encrypt_to=[KEY] if "--encrypt-to" in options else None,
        passphrase="--passphrase" in options,
        stdout_is_terminal=terminal,
        today=TODAY,
        look=lambda path: disk.get(path, Found()),
    )


AGE = Encryption([KEY])
PASSPHRASE = Encryption([], passphrase=True)

WRITES = [
    # format, -o, other options → target, a folder of files, encryption
    ("json", None, (), None, False, None),
    ("markdown", None, (), None, False, None),
    ("ics", None, (), None, False, None),
    ("json", "new.json", (), "new.json", False, None),
    ("json", "old.json", ("--force",), "old.json", False, None),
    ("json", "out/", (), "out/mentorlog-2026-11-26.json", False, None),
    ("ics", "dir", (), "dir/mentorlog-2026-11-26.ics", False, None),
    ("json", "dir", ("--force",), "dir/mentorlog-2026-11-26.json", False, None),
    ("json", "dir", ("--encrypt-to",), "dir/mentorlog-2026-11-26.json.age", False, AGE),
    ("markdown", "journal.md", (), "journal.md", False, None),
    ("markdown", "notes/", (), "notes", True, None),
    ("markdown", "dir", (), "dir", True, None),
    ("csv", "tables", (), "tables", True, None),
    ("csv", "dir", (), "dir", True, None),
    ("json", "j.json.age", ("--passphrase",), "j.json.age", False, PASSPHRASE),
    ("markdown", "j.md.age", ("--encrypt-to",), "j.md.age", False, AGE),
    ("json", None, ("--encrypt-to",), None, False, AGE),  # to a pipe: not a terminal
]


@pytest.mark.parametrize(("fmt", "output", "options", "target", "folder", "encryption"), WRITES)
def test_where_each_format_goes(fmt, output, options, target, folder, encryption):
    p = planned(fmt, output, *options)
    assert p.target == (Path(target) if target else None)
    assert (p.folder, p.encryption, p.fmt, p.force) == (folder, encryption, Format(fmt), "--force" in options)


REFUSED = [
    # format, -o, other options, on a terminal → words of the refusal, of its hint
    ("csv", None, (), False, "csv writes one file per table", "-o journal-csv/"),
    ("csv", "old.json", (), False, "is a file; csv writes a folder", "-o journal-csv/"),
    ("csv", "fifo", (), False, "is a file; csv writes a folder", "-o journal-csv/"),
    ("csv", "linked", (), False, "symbolic link", "Give a folder."),
    ("markdown", "linked", (), False, "symbolic link", "Give a folder."),
    ("json", "link.json", ("--force",), False, "symbolic link", "Give another path."),
    ("json", "old.json", (), False, "exists already (a file); nothing was written", "--force"),
    ("json", "dir", (), False, "exists already (a file)", "--force"),  # today's file in that folder
    ("json", "fifo", ("--force",), False, "is not a regular file", None),
    ("markdown", "notes/", ("--encrypt-to",), False, "markdown to a folder is many", "-o journal.json.age"),
    ("csv", "tables", ("--passphrase",), False, "csv to a folder is many", "-o journal.json.age"),
    ("json", None, ("--encrypt-to",), True, "not shown on a terminal", "Give -o PATH."),
    ("json", "j.age", ("--encrypt-to", "--passphrase"), False, "not both", "several keys"),
]


@pytest.mark.parametrize(("fmt", "output", "options", "terminal", "message", "hint"), REFUSED)
def test_what_is_refused_and_why(fmt, output, options, terminal, message, hint):
    with pytest.raises(UsageError) as e:
        planned(fmt, output, *options, terminal=terminal)
    assert message in e.value.message
    assert (hint is None and e.value.hint is None) or hint in e.value.hint


def test_todays_encrypted_file_in_a_folder_is_not_replaced_either():
    disk = {**DISK, Path("dir/mentorlog-2026-11-26.json.age"): Found("file")}
    with pytest.raises(UsageError, match="exists already"):
        planned("json", "dir", "--encrypt-to", disk=disk)
    assert planned("json", "dir", "--encrypt-to", "--force", disk=disk).target.name.endswith(".json.age")


def test_the_plain_text_on_a_terminal_is_the_plan_too():
    assert planned("json", None, terminal=True) == ExportPlan(Format.JSON, None)
