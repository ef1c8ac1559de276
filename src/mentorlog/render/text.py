"""Plain output without Rich: the one-line echo of write commands, JSON, and making control
characters visible. Kept free of Rich so that writes start fast (SPEC §7).

Every line of plain text mentorlog prints goes out through ``echo`` (stdout) or ``warn``
(stderr, the error boundary's messages and hints), and a prompt through ``question``. On a
terminal they wrap a line wider than it at spaces, with a hanging indent, and keep a
``mentorlog …`` command whole on one line, so that it can be copied as printed; piped, a line
is never wrapped (SPEC §4). A line that fits costs one comparison."""

from __future__ import annotations

import re
import sys

# C0 controls except tab and newline, DEL, C1 controls, bidi overrides and isolates, and lone
# surrogates (bytes that were not UTF-8): shown as visible escapes, never sent raw (SPEC §4).
# None of them is printable (str.isprintable), so printable text — nearly all text — skips the
# pattern, which is compiled (and cached by re) only when some text needs it.
_CONTROL = "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
# In JSON, C0 is escaped by the encoder already; these are the rest.
_JSON_UNSAFE = "[\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"


def _escape(m: re.Match) -> str:
    code = ord(m.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` with control characters, bidi overrides and lone surrogates made visible."""
    return text if text.isprintable() else re.sub(_CONTROL, _escape, text)


def with_db(text: str, db) -> str:
    """``text`` with ``--db DB`` after each ``mentorlog`` that starts a command, so that a hint
    printed while the journal was chosen with ``--db`` acts on that same journal."""
    if not db:
        return text
    import shlex

    return re.sub(r"\bmentorlog (?=[a-z])", f"mentorlog --db {shlex.quote(str(db))} ", text)


def tagged(tags: list[str]) -> str:
    """A row's tags as every add and edit echo ends with them: `` [admin, time]``, or nothing."""
    return f" [{', '.join(tags)}]" if tags else ""


def is_terminal(stream) -> bool:
    """Whether ``stream`` is a terminal (False for a closed or replaced stream)."""
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def has_unsafe(text: str) -> bool:
    return not text.isprintable() and re.search(_CONTROL, text) is not None


def one_line(text: str, width: int | None = None) -> str:
    """User text for a single line: newlines become ' ⏎ ', cut to ``width`` with '…'."""
    flat = visible(text).replace("\n", " ⏎ ")
    if width is not None and len(flat) > width:
        return flat[: width - 1] + "…"
    return flat


def terminal_width(stream) -> int | None:
    """The width of the terminal ``stream`` writes to (``COLUMNS`` first, as Rich reads it);
    None when it is not a terminal: piped output is never wrapped (SPEC §4)."""
    if not is_terminal(stream):
        return None
    import os

    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    try:
        return os.get_terminal_size(stream.fileno()).columns
    except (OSError, ValueError):
        return None


def cells(text: str) -> int:
    """The terminal cells ``text`` takes: East Asian wide and full-width characters take two."""
    if text.isascii():
        return len(text)
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


# A line's own indent and bullet ("  • ", "- ", "12. ", a heading's "## "): its continuation
# lines go under the text after them; a line without one continues two spaces further in.
_BULLET = r"( *)((?:[-*+•✓!]|#{1,6}|\d{1,3}[.)]) )?"  # compiled on first use (re caches it)
INDENT_ROOM = 20  # an indent asked for is kept only where this much room is left after it
# Where a command in a hint starts: ``mentorlog``, a path to it, or ``python -m mentorlog``.
_COMMAND = r"`?(?:\S*/)?mentorlog`?"


def wrap(text: str, width: int, indent: str | None = None) -> list[str]:
    """``text`` in lines of at most ``width`` cells, broken at spaces, every line after the
    first indented by ``indent`` (by default under the text after the line's own indent and
    bullet, or two spaces in): so that the terminal never breaks a word. A ``mentorlog …``
    command moves to the next line whole rather than be split, unless it is wider than a line
    by itself; a word longer than a line stays whole. Text that fits comes back as it is,
    spaces and all."""
    if len(text) <= width // 2 or cells(text) <= width:
        return [text]
    lead, bullet = re.match(_BULLET, text).groups()
    if indent is None or width - cells(indent) < INDENT_ROOM:  # room for words after it
        indent = " " * (len(lead) + len(bullet)) if bullet else lead + "  "
    if width <= cells(indent) + 1:
        return [text]
    start = len(lead) + len(bullet or "")
    out: list[str] = []
    line, used, empty = text[:start], cells(text[:start]), True  # empty: no word on it yet
    room = width - cells(indent)
    for atom in _atoms(text[start:].split(" ")):
        # a command wider than any line breaks too
        for piece in atom.split(" ") if cells(atom) > room and " " in atom else [atom]:
            size = cells(piece)
            if empty:
                if piece or not out:  # the spaces a line breaks at are the break
                    line, used, empty = line + piece, used + size, not piece and not out
            elif used + 1 + size <= width:
                line, used = line + " " + piece, used + 1 + size
            elif piece:
                out.append(line.rstrip(" "))
                line, used, empty = indent + piece, cells(indent) + size, False
            else:
                line, used = line + " ", used + 1
    out.append(line)
    return out


_PUNCTUATION = ").,;:"


def _date_length(words: list[str], n: int) -> int:
    """How many words from ``n`` on are one date as mentorlog shows it (``Fri 27 Nov``, and
    its year and time when there, in ``core.dates``' own names): 0 when they are not."""
    from mentorlog.core.dates import MONTH_ABBR, WEEKDAY_ABBR

    if not (n + 2 < len(words) and words[n].lstrip("(") in WEEKDAY_ABBR and words[n + 1].isdigit()):
        return 0
    month = words[n + 2]
    if month.rstrip(_PUNCTUATION) not in MONTH_ABBR:
        return 0
    k = n + 3
    for pattern in (r"\d{4}", r"\d\d:\d\d"):  # its year, then its time
        if month in MONTH_ABBR and k < len(words) and re.fullmatch(pattern, words[k].rstrip(_PUNCTUATION)):
            month, k = words[k], k + 1
    return k - n


def _atoms(words: list[str]) -> list[str]:
    """``words`` with each ``mentorlog …`` command joined into one, and each date: a command
    from its first word to the end of the text, two spaces, a word that opens a parenthesis,
    or a closing backtick, unmatched parenthesis or word ending a clause (``.``, ``,``, ``;``)
    outside quotes."""
    atoms: list[str] = []
    n = 0
    while n < len(words):
        word = words[n]
        days = _date_length(words, n)
        if days:
            atoms.append(" ".join(words[n : n + days]))
            n += days
            continue
        python = n + 2 < len(words) and words[n + 1] == "-m" and re.fullmatch(_COMMAND, words[n + 2])
        quoted = len(word) > 1 and word[0] == word[-1] == "`"  # `mentorlog` named, not run
        if quoted or not (re.fullmatch(_COMMAND, word) or python) or n + 1 == len(words):
            atoms.append(word)
            n += 1
            continue
        command, quote, depth = [word], "", word.count("(") - word.count(")")
        n += 1
        while n < len(words) and (quote or not (words[n] == "" or words[n].startswith("("))):
            word = words[n]
            command.append(word)
            n += 1
            for char in word:
                if quote:
                    quote = "" if char == quote else quote
                elif char in "'\"":
                    quote = char
                elif char in "()":
                    depth += 1 if char == "(" else -1
            if not quote and (depth < 0 or word.endswith(("`", ".", ",", ";"))):
                break
        atoms.append(" ".join(command))
    return atoms


def _wrapped(text: str, stream, indent: str | None = None) -> str:
    """``text`` as it goes to ``stream``: each line wrapped at the terminal's width (not when
    piped), with control characters made visible."""
    text = visible(text)
    width = terminal_width(stream)
    if width is None or len(text) <= width // 2:
        return text
    return "\n".join(part for line in text.split("\n") for part in wrap(line, width, indent))


def echo(line: str = "", indent: str | None = None) -> None:
    """Print a line of plain text (already made of safe pieces) on stdout; on a terminal it is
    wrapped at its width, continuing under ``indent`` (see ``wrap``)."""
    sys.stdout.write(_wrapped(line, sys.stdout, indent) + "\n")


def warn(line: str) -> None:
    """Print a line on stderr, wrapped at the terminal's width as ``echo`` wraps."""
    sys.stderr.write(_wrapped(line, sys.stderr) + "\n")


def question(text: str, suffix: str = " [y/N]:") -> str:
    """A prompt's text, wrapped at the terminal's width so that its last line, with the
    ``suffix`` the prompt adds, fits as well (Click prints it, and then the suffix)."""
    text = visible(text)
    width = terminal_width(sys.stdout)
    if width is None or cells(text + suffix) <= width:
        return text
    return "\n".join(wrap(text + suffix, width))[: -len(suffix)]


def emit_json(data: object) -> None:
    """One JSON document on stdout: exact text, dates already ISO strings."""
    import json  # only --json pays for it

    text = json.dumps(data, ensure_ascii=False, indent=2)
    sys.stdout.write(_json_safe(text) + "\n")


def _json_safe(text: str) -> str:
    return text if text.isprintable() else re.sub(_JSON_UNSAFE, _json_escape, text)


def _json_escape(m: re.Match) -> str:
    return f"\\u{ord(m.group()):04x}"


def emit_json_list(items) -> None:
    """A JSON list on stdout, written item by item: a long list is never held whole."""
    import json

    out = sys.stdout
    out.write("[")
    first = True
    for item in items:
        text = json.dumps(item, ensure_ascii=False, indent=2).replace("\n", "\n  ")
        out.write(("\n  " if first else ",\n  ") + _json_safe(text))
        first = False
    out.write("]\n" if first else "\n]\n")


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def filed_words(filed) -> list[str]:
    """What a ``log`` or ``meeting edit`` filed, for its one-line echo: ``todo 4 due …``."""
    from mentorlog.core import dates

    parts = [f"todo {t.id}" + (f" due {dates.show_day(t.due)}" if t.due else "") for t in filed.todos]
    if filed.advice:
        parts.append(plural(filed.advice, "advice", "advice"))
    if filed.asks:
        parts.append(plural(filed.asks, "topic to ask", "topics to ask"))
    if filed.thanks:
        parts.append("thanks" if filed.thanks == 1 else f"{filed.thanks} thanks")
    if getattr(filed, "feedback", 0):
        parts.append(plural(filed.feedback, "feedback received", "feedback received"))
    offers = getattr(filed, "offers", [])
    if offers:
        parts.append(("offer " if len(offers) == 1 else "offers ") + ", ".join(map(str, offers)))
    if getattr(filed, "rating", None) is not None:
        parts.append(f"rated {filed.rating}/4")
    if filed.raised:
        parts.append(plural(filed.raised, "topic raised", "topics raised"))
    if filed.done:
        parts.append(plural(filed.done, "todo done", "todos done"))
    return parts
