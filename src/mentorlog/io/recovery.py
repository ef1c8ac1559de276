"""A recovery file's header, and where a filed recovery file goes. Pure apart from ``move_filed``.

A recovery file (``mentorlog.io.capture``) starts with a header of ``#`` lines that keeps what the
command line said besides the typed text (SPEC §6), so that filing the mended file later gives
the same meeting on the same day::

    # mentorlog recovery file
    # on: 2026-11-26T15:00:00+00:00
    # minutes: 50
    # late: yes
    # To file it once mended: mentorlog log ada --from <this file>
    # --- what you typed is below, exactly ---

``# key: value`` lines between the first line and the last are the fields; any other ``#``
line there is a comment for the reader (the command words it, not this module). The keys are
the caller's: a new option is a new key, and a file written with a key this version does not
know still files (the caller names the key it ignored). Below the last line the typed bytes
follow unchanged, so a log template's own ``#`` lines, or notes that start with ``#``, are
never taken for the header.
"""

from __future__ import annotations

import re
from pathlib import Path

FIRST = "# mentorlog recovery file"
LAST = "# --- what you typed is below, exactly ---"
_FIELD = r"^# ([a-z][a-z0-9-]*): (.*)$"
FILED = "filed"  # the folder, beside a recovery file, that it moves to once filed


def header(fields: dict[str, str], comments: list[str] = ()) -> bytes:
    """The header for ``fields`` (in order), with ``comments`` (plain sentences) after them."""
    lines = [FIRST, *(f"# {key}: {' '.join(value.split())}" for key, value in fields.items())]
    lines += [f"# {' '.join(text.split())}" for text in comments]
    lines.append(LAST)
    return ("\n".join(lines) + "\n").encode("utf-8", "surrogateescape")


def split(raw: bytes) -> tuple[dict[str, str] | None, bytes]:
    """``raw`` read back: its header's fields (None when it has no header) and the typed bytes.

    When the header's last line was deleted while mending, the header is the first line and
    the field lines right after it: a comment line, or anything else, is then kept as text.
    When the first line is not the header's, the whole file is the text.
    """
    lines = raw.split(b"\n")
    if lines[0].rstrip(b"\r").decode("utf-8", "replace") != FIRST:
        return None, raw
    texts = [line.rstrip(b"\r").decode("utf-8", "surrogateescape") for line in lines]
    end = texts.index(LAST) if LAST in texts else None
    fields: dict[str, str] = {}
    n = 1
    while n < len(texts) and (n < end if end is not None else True):
        m = re.match(_FIELD, texts[n])
        if m:
            fields[m.group(1)] = m.group(2).strip()
        elif end is None:
            break
        n += 1
    body = lines[end + 1 :] if end is not None else lines[n:]
    return fields, b"\n".join(body)


def move_filed(path: Path, folder: Path) -> Path:
    """Move the filed recovery file ``path`` into ``folder`` (created 0700), under a name not
    taken there, and return where it went. Raises OSError when it cannot."""
    import os

    from mentorlog.core.files import private_folder, write_private

    private_folder(folder)
    for n in range(1000):
        target = folder / (path.name if n == 0 else f"{path.stem}-{n}{path.suffix}")
        if target.exists() or target.is_symlink():
            continue
        try:
            os.link(path, target)  # never over a file that appeared meanwhile
        except FileExistsError:
            continue
        except OSError:  # another file system (the temporary folder), or no hard links
            try:
                write_private(target, path.read_bytes())
            except FileExistsError:
                continue
        os.unlink(path)
        return target
    raise FileExistsError(folder)
