"""Plain output without Rich: the one-line echo of write commands, JSON, and making control
characters visible. Kept free of Rich so that writes start fast (SPEC §7)."""

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


def wrap(text: str, width: int, indent: str = "  ") -> list[str]:
    """``text`` in lines of at most ``width`` cells, broken at spaces, every line after the
    first indented by ``indent``: so that the terminal never breaks a word. A word longer than
    a line stays whole. Text that fits comes back as it is, spaces and all."""
    if cells(text) <= width or width <= cells(indent) + 1:
        return [text]
    out: list[str] = []
    line, used = "", 0
    for word in text.split(" "):
        size = cells(word)
        fresh = bool(out) and line == indent  # a continuation line with nothing on it yet
        if fresh:
            if word:  # the spaces a line breaks at are the break
                line, used = line + word, used + size
        elif out or line:
            if used + 1 + size <= width:
                line, used = line + " " + word, used + 1 + size
            elif word:
                out.append(line)
                line, used = indent + word, cells(indent) + size
        else:
            line, used = word, size
    out.append(line)
    return out


def echo(line: str = "") -> None:
    """Print one line of plain text (already made of safe pieces) on stdout."""
    sys.stdout.write(visible(line) + "\n")


def warn(line: str) -> None:
    sys.stderr.write(visible(line) + "\n")


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
        parts.append("thanks")
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
