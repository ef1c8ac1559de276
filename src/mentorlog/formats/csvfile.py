"""The ``csv`` export: one file per concept table, as spreadsheets and ``sqlite-utils insert``
read it.

The columns are ``id`` and those of the dump (``journal.dump``: references by uuid, named
without their ``_id``), each reference followed by the mentor's handle or the row's id
(``journal.exports.sheet_keys``); an empty cell is a missing value. Text is written exactly,
quoted where it holds commas, quotes or line breaks (RFC 4180, CRLF line ends), with one
exception: a cell a spreadsheet would run as a formula (starting ``=``, ``+``, ``-``, ``@``, a
tab or a carriage return, OWASP's list) gets a leading ``'``, which spreadsheets show as text.
The file starts with a UTF-8 BOM, which Excel needs to read it as UTF-8 (the caller opens it so).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import TextIO

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value) -> object:
    """A value as a csv cell: empty for None, text that would start a formula neutralised."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write(out: TextIO, keys: list[str], rows: Iterable[dict]) -> int:
    """Write a header of ``keys`` and one line per row to ``out`` (opened with newline="");
    returns how many rows were written."""
    writer = csv.writer(out)
    writer.writerow(keys)
    n = 0
    for row in rows:
        writer.writerow([cell(row.get(k)) for k in keys])
        n += 1
    return n
