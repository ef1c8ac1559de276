"""The ``csv`` export: one file per concept table, as spreadsheets and ``sqlite-utils insert``
read it.

The columns are those of the dump (``journal.dump``: references by uuid, named without their
``_id``), in the order the dump gives them; an empty cell is a missing value. Text is written
exactly, quoted where it holds commas, quotes or line breaks (RFC 4180, CRLF line ends).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import TextIO


def write(out: TextIO, keys: list[str], rows: Iterable[dict]) -> int:
    """Write a header of ``keys`` and one line per row to ``out`` (opened with newline="");
    returns how many rows were written."""
    writer = csv.writer(out)
    writer.writerow(keys)
    n = 0
    for row in rows:
        writer.writerow(["" if row.get(k) is None else row.get(k) for k in keys])
        n += 1
    return n
