"""Plain output without Rich: the one-line echo of write commands, JSON, and making control
characters visible. Kept free of Rich so that writes start fast (SPEC §7)."""

from __future__ import annotations

import re
import sys

# C0 controls except tab and newline, DEL, and C1 controls: shown as \xNN, never sent raw.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def visible(text: str) -> str:
    """``text`` with control characters replaced by visible escapes."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def one_line(text: str, width: int | None = None) -> str:
    """User text for a single line: newlines become ' ⏎ ', cut to ``width`` with '…'."""
    flat = visible(text).replace("\n", " ⏎ ")
    if width is not None and len(flat) > width:
        return flat[: width - 1] + "…"
    return flat


def echo(line: str = "") -> None:
    """Print one line of plain text (already made of safe pieces) on stdout."""
    sys.stdout.write(visible(line) + "\n")


def warn(line: str) -> None:
    sys.stderr.write(visible(line) + "\n")


def emit_json(data: object) -> None:
    """One JSON document on stdout: exact text, dates already ISO strings."""
    import json  # only --json pays for it

    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def filed_words(filed) -> list[str]:
    """What a ``log`` or ``meeting edit`` filed, for its one-line echo: ``todo 4 due …``."""
    from mentorlog import dates

    parts = [f"todo {t.id}" + (f" due {dates.show_day(t.due)}" if t.due else "") for t in filed.todos]
    if filed.advice:
        parts.append(plural(filed.advice, "advice", "advice"))
    if filed.asks:
        parts.append(plural(filed.asks, "topic to ask", "topics to ask"))
    if filed.thanks:
        parts.append("thanks")
    if filed.raised:
        parts.append(plural(filed.raised, "topic raised", "topics raised"))
    if filed.done:
        parts.append(plural(filed.done, "todo done", "todos done"))
    return parts
