"""How ``--help`` is laid out: as wide as the terminal it is shown on (Click would lay it out at
least 50 columns wide, so that a narrower terminal cut its words), a ``mentorlog …`` example
moved whole to its own line rather than split, and the root's commands in the sections of SPEC §2
(``cli.SECTIONS``). Loaded only when help is shown."""

from __future__ import annotations

import os
import sys

from typer._click.formatting import HelpFormatter

MAX_WIDTH = 80  # as Click: help is read as a column, not stretched across a wide terminal
MIN_WIDTH = 20


def width() -> int:
    """The help's width: the terminal's (``COLUMNS`` first), else ``COLUMNS``, else 80; less
    two, as Click leaves (Click's test runner forces its own)."""
    from typer._click import formatting

    from mentorlog.render.text import terminal_width

    if formatting.FORCED_WIDTH is not None:
        return formatting.FORCED_WIDTH
    columns = terminal_width(sys.stdout)
    if columns is None:
        env = os.environ.get("COLUMNS", "")
        columns = int(env) if env.isdigit() and int(env) > 0 else MAX_WIDTH
    return max(min(columns, MAX_WIDTH) - 2, MIN_WIDTH)


class Formatter(HelpFormatter):
    """Click's help formatter at the terminal's width, whose paragraphs wrap as mentorlog's
    own lines do (``render.text.wrap``): a command in them is never split when it fits a line."""

    def __init__(self) -> None:
        super().__init__(width=width())

    def write_text(self, text: str) -> None:
        from mentorlog.render.text import wrap

        indent = " " * self.current_indent
        out = []
        for extra, raw, paragraph in _paragraphs(text.expandtabs()):
            start = indent + " " * extra
            if raw:  # a paragraph marked with \b is shown as it is written
                out.append("\n".join(start + line for line in paragraph.splitlines()))
            else:
                out.append("\n".join(wrap(start + paragraph, self.width, indent=start)))
        self.write("\n\n".join(out) + "\n")


def _paragraphs(text: str) -> list[tuple[int, bool, str]]:
    """Click's paragraphs: blank-line separated, each with its own indent, its lines joined
    (or kept, after a line holding only ``\\b``)."""
    found: list[tuple[int, bool, str]] = []
    lines: list[str] = []
    indent = 0

    def flush() -> None:
        if lines:
            raw = lines[0].strip() == "\b"
            found.append((indent, raw, "\n".join(lines[1:]) if raw else " ".join(lines)))
            lines.clear()

    for line in text.splitlines():
        if not line.strip():
            flush()
        else:
            if not lines:
                indent = len(line) - len(line.lstrip())
            lines.append(line.strip())
    flush()
    return found


def write_groups(formatter: HelpFormatter, sections: dict[str, dict[str, tuple[str, str]]]) -> None:
    """The root's commands, a section each as ``cli.SECTIONS`` has them, with their one-line
    summaries, whole: on a narrow terminal a summary wraps in its column."""
    from typer._click.utils import make_default_short_help

    longest = max(len(name) for words in sections.values() for name in words)
    for title, words in sections.items():
        rows = [  # padded to the longest name, so that every section lines up; a summary too
            # long for the line wraps under itself rather than being cut with "..."
            (name.ljust(longest), make_default_short_help(summary, 1_000))
            for name, (_, summary) in words.items()
        ]
        with formatter.section(title):
            formatter.write_dl(rows)
