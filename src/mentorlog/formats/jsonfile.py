"""The ``json`` export: the file ``export`` writes and ``import`` reads, both streamed.

The file is one JSON object: ``format`` ("mentorlog"), ``version`` (of this layout, not of the
journal's schema), ``exported_at``, then one array per concept table, parents first, one row
per line, references by uuid (``journal.dump``). Writing goes row by row and reading walks the
file row by row with the standard ``json`` decoder, so neither holds the whole journal in
memory (SPEC §7: 40 MiB on ten years of notes). The reader first walks the whole file once to
check that it is whole JSON and a mentorlog export of a version it knows, noting where each
table starts; only then are rows handed out, table by table in any order the caller asks.
"""

from __future__ import annotations

import codecs
import contextlib
import json
import re
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from mentorlog.core.errors import MentorlogError

FORMAT = "mentorlog"
# 2: values have the types ``--json`` gives them (tags a list, flags booleans); 1 had them as
# stored (tags a JSON string, flags 0/1). Import reads both. The shape is published as a JSON
# Schema beside this module (export.schema.json).
VERSION = 2
HEADER_KEYS = ("format", "version", "exported_at")
SCHEMA = "export.schema.json"
_LISTS = frozenset({"tags"})  # stored as JSON text, exported as a list of strings
_FLAGS = frozenset({"late", "rescheduled"})  # stored as 0/1, exported as booleans


def to_export(row: dict) -> dict:
    """A dumped row with the value types of ``--json``: tags a list, flags booleans."""
    out = dict(row)
    for key in _LISTS & out.keys():
        if isinstance(out[key], str):
            # text that is not JSON is not what mentorlog writes: exported as stored
            with contextlib.suppress(ValueError):
                out[key] = json.loads(out[key])
    for key in _FLAGS & out.keys():
        if isinstance(out[key], int) and not isinstance(out[key], bool):
            out[key] = bool(out[key])
    return out


def from_export(row, version: int):
    """A row of a file of ``version`` as the journal stores it (the inverse of ``to_export``);
    version 1 rows are stored values already. Anything else is handed on for import to refuse."""
    if version < 2 or not isinstance(row, dict):
        return row
    out = dict(row)
    for key in _LISTS & out.keys():
        if isinstance(out[key], list):
            out[key] = json.dumps(out[key], ensure_ascii=False)
    for key in _FLAGS & out.keys():
        if isinstance(out[key], bool):
            out[key] = int(out[key])
    return out


def schema() -> dict:
    """The JSON Schema of the export, as shipped in the package."""
    from importlib.resources import files

    return json.loads(files("mentorlog.formats").joinpath(SCHEMA).read_text(encoding="utf-8"))


# Characters JSON may carry raw that a terminal or an editor acts on (DEL, C1 controls, bidi
# overrides): written as \u escapes, which decode to the same text.
_TERMINAL_UNSAFE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": "))
_CHUNK = 1 << 16  # small reads keep the peak memory low; speed barely changes


def _escape(match: re.Match) -> str:
    return f"\\u{ord(match.group()):04x}"


def encode_row(row: dict) -> str:
    return _TERMINAL_UNSAFE.sub(_escape, _ENCODER.encode(row))


def write(out: BinaryIO, exported_at: str, tables: Iterable[tuple[str, Iterable[dict]]]) -> None:
    """Write the export to ``out``: the header, then each ``(table, rows)`` in the order given."""
    header = {"format": FORMAT, "version": VERSION, "exported_at": exported_at}
    out.write(encode_row(header)[:-1].encode("utf-8"))
    for name, rows in tables:
        out.write(f",\n{json.dumps(name)}: [".encode())
        sep = "\n  "
        for row in rows:
            out.write((sep + encode_row(to_export(row))).encode("utf-8"))
            sep = ",\n  "
        out.write(b"\n]" if sep != "\n  " else b"]")
    out.write(b"\n}\n")


class BadFile(MentorlogError):
    """The file is not a whole mentorlog export this version can read."""


class _Cursor:
    """A position in a UTF-8 JSON file read in chunks; ``offset()`` is the byte offset."""

    def __init__(self, f: BinaryIO, start: int = 0):
        self.f = f
        f.seek(start)
        self.decoder = codecs.getincrementaldecoder("utf-8")()
        self.buf = ""
        self.pos = 0
        self.base = start  # byte offset of buf[0]
        self.eof = False

    def fill(self, grow: bool = False) -> bool:
        """Read more; False at the end of the file. With ``grow`` (a value that goes on past
        what is read, which is decoded again from its start) read as much again as the buffer
        holds from the cursor on, so a value of any length is decoded a bounded number of
        times over in all (twice its length), not once per 64 KiB chunk."""
        if self.eof:
            return False
        chunk = self.f.read(max(_CHUNK, len(self.buf) - self.pos) if grow else _CHUNK)
        try:
            text = self.decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError as e:
            raise _Problem("it is not UTF-8 text", self.offset() + e.start) from None
        self.base += len(self.buf[: self.pos].encode("utf-8"))
        self.buf = self.buf[self.pos :] + text
        self.pos = 0
        self.eof = not chunk
        return True

    def offset(self, pos: int | None = None) -> int:
        return self.base + len(self.buf[: self.pos if pos is None else pos].encode("utf-8"))

    def peek(self) -> str:
        """The next character that is not whitespace ("" at the end of the file)."""
        while True:
            while self.pos < len(self.buf) and self.buf[self.pos] in " \t\r\n":
                self.pos += 1
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self.fill():
                return ""

    def expect(self, chars: str, what: str) -> str:
        ch = self.peek()
        if ch == "" or ch not in chars:
            raise _Problem(f"expected {what}", self.offset(), cut=ch == "")
        self.pos += 1
        return ch

    def value(self):
        """Decode the JSON value at the cursor."""
        decode = _DECODER.raw_decode
        self.peek()
        while True:
            try:
                value, end = decode(self.buf, self.pos)
            except json.JSONDecodeError as e:
                # An error at the end of what was read (or a string still open) may only mean
                # that the value goes on in the next chunk; anywhere else the file is wrong.
                at_end = e.pos >= len(self.buf) - 12 or e.msg.startswith("Unterminated")
                if at_end and self.fill(grow=True):
                    continue
                raise _Problem(e.msg.lower(), self.offset(e.pos), cut=at_end and self.eof) from None
            except ValueError as e:  # e.g. a number of thousands of digits
                raise _Problem(f"a value cannot be read ({e})", self.offset(self.pos)) from None
            except RecursionError:  # lists in lists, thousands deep: no export is shaped so
                raise _Problem("a value is nested too deeply", self.offset(self.pos)) from None
            if end == len(self.buf) and self.fill(grow=True):  # a number may go on in the next chunk
                continue
            self.pos = end
            return value

    def items(self) -> Iterator:
        """The elements of the array at the cursor, one by one."""
        self.expect("[", "a list")
        if self.peek() == "]":
            self.pos += 1
            return
        while True:
            yield self.value()
            if self.expect(",]", "',' or ']'") == "]":
                return


_DECODER = json.JSONDecoder()


class _Problem(Exception):
    def __init__(self, what: str, offset: int, *, cut: bool = False):
        self.what, self.offset, self.cut = what, offset, cut


class ExportFile:
    """A json export opened for reading: ``header``, the ``tables`` it holds (in file order)
    and ``rows(table)``. Raises BadFile when ``f`` is not a whole export this version reads."""

    def __init__(self, f: BinaryIO, name: str):
        self.f = f
        self.name = name
        self.header: dict = {}
        self.starts: dict[str, int] = {}  # table → byte offset of its '['
        self.sizes: dict[str, int] = {}
        try:
            self._index()
        except _Problem as p:
            if p.cut:
                raise BadFile(
                    f"{name} is cut short (it ends at byte {p.offset}); nothing was imported."
                ) from None
            raise BadFile(
                f"{name} is not a mentorlog export: {p.what} at byte {p.offset}; nothing was imported."
            ) from None
        self._check_header()

    @property
    def tables(self) -> list[str]:
        return list(self.starts)

    def _index(self) -> None:
        cursor = _Cursor(self.f)
        cursor.expect("{", "a JSON object")
        if cursor.peek() == "}":
            cursor.pos += 1
        else:
            while True:
                if cursor.peek() != '"':
                    cursor.expect('"', "a key in quotes")
                key = cursor.value()
                cursor.expect(":", "':'")
                if key in self.header or key in self.starts:
                    raise _Problem(f"the key {key!r} appears twice", cursor.offset())
                if cursor.peek() == "[" and key not in HEADER_KEYS:
                    self.starts[key] = cursor.offset()
                    self.sizes[key] = sum(1 for _ in cursor.items())
                else:
                    self.header[key] = cursor.value()
                if cursor.expect(",}", "',' or '}'") == "}":
                    break
        if cursor.peek() != "":
            raise _Problem("there is more after the export", cursor.offset())

    def _check_header(self) -> None:
        fmt, version = self.header.get("format"), self.header.get("version")
        if fmt != FORMAT:
            why = 'it has no "format"' if fmt is None else f'its "format" is {json.dumps(fmt)[:40]}'
            raise BadFile(
                f"{self.name} is not a mentorlog export ({why}); nothing was imported.",
                hint="Import a file written by: mentorlog export --format json",
            )
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise BadFile(f'{self.name} has a bad "version" ({version!r}); nothing was imported.')
        if version > VERSION:
            raise BadFile(
                f"{self.name} was written by a newer mentorlog (export version {version}; this one "
                f"reads {VERSION}); nothing was imported.",
                hint="Upgrade mentorlog, then import it again.",
            )

    def rows(self, table: str) -> Iterator:
        """The rows of ``table`` as the file holds them (nothing when it has none)."""
        if table not in self.starts:
            return iter(())
        version = self.header["version"]
        return (from_export(row, version) for row in _Cursor(self.f, self.starts[table]).items())
