"""A meeting's notes, rendered as Markdown for the terminal.

Rich's own ``Markdown`` pulls in Pygments, and even markdown-it costs more start-up than the
rest of ``meeting show`` (SPEC §7: 12×F). Notes are what a mentee types after a check-in:
headings, lists, quotes, code, emphasis and links. This reads those line by line — keeping the
line breaks as typed — and draws them as Rich ``Text``: the text is user text, never markup,
and control characters are made visible like everywhere else.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from mentorlog.render.text import visible

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text

_HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^(\s*)[-*+]\s+(.*)$")
_NUMBER = re.compile(r"^(\s*)(\d{1,9})[.)]\s+(.*)$")
_QUOTE = re.compile(r"^\s{0,3}>\s?(.*)$")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_MARK = re.compile(r" *(?:•|\d{1,9}\.|▌) ")  # how a drawn list item or quote starts
_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_INLINE = re.compile(
    r"(?P<code>`[^`\n]+`)"
    r"|(?P<strong>\*\*[^*\n]+\*\*|__[^_\n]+__)"
    r"|(?P<em>(?<![*\w])\*[^*\s][^*\n]*\*(?!\*)|(?<![_\w])_[^_\s][^_\n]*_(?![_\w]))"
    r"|(?P<link>\[[^\]\n]+\]\([^)\s]+\))"
)


_MAYBE_INLINE = re.compile(r"[`*_\[]")  # a line without these has no emphasis, code or link

Piece = tuple[str, tuple[str, ...]]  # a run of a line's text and its styles (theme names), none or more


def render(notes: str) -> RenderableType:
    """The notes as lines: headings bold, lists with bullets or numbers, quotes with a bar,
    code dimmed and indented, links followed by their address.

    Drawn line by line as the console asks (``_Notes``): a line that fits the width goes out as
    its segments, and only a longer one (or one with a tab) is wrapped, so a megabyte of notes
    is never wrapped as a whole — piped, where nothing fits less than 10,000 columns, nothing
    is wrapped at all. Where the console draws no style (piped, NO_COLOR), a line that fits is
    its plain text, and no Rich ``Text`` is made for it."""
    return _Notes(notes)


class _Notes:
    def __init__(self, notes: str):
        self.notes = notes

    def __rich_console__(self, console, options):
        from rich.cells import cell_len
        from rich.segment import Segment

        width = options.max_width
        plain = console.color_system is None or console.no_color
        for base, pieces in _lines(self.notes):
            text = "".join(t for t, _ in pieces)
            # a character is at most two cells wide: a line that short fits without measuring
            if "\t" in text or (2 * len(text) > width and cell_len(text) > width):
                line = _text(base, pieces)
                mark = _MARK.match(text)
                if mark and "\t" not in text:  # a list item's lines continue under its text
                    from mentorlog.render.listing import Item

                    yield Item(line[: mark.end() - 1], line[mark.end() :], indent=0)
                else:
                    yield line  # Rich wraps this one (and expands its tabs)
            elif plain:
                yield Segment(text)
                yield Segment.line()
            else:
                yield from _text(base, pieces).render(console)
                yield Segment.line()


def _text(base: str, pieces: list[Piece]) -> Text:
    """A line as Rich draws it: its pieces' styles over the line's own (``base``)."""
    from rich.text import Text

    line = Text(style=base)
    for text, styles in pieces:
        start = len(line)
        line.append(text)
        for style in styles:  # stacked as spans: "italic" of a quote under a link's "underline"
            line.stylize(style, start, len(line))
    return line


def _lines(notes: str):
    """Each line of the notes as its own style and its pieces of visible text with theirs,
    one line at a time."""
    fenced = False
    for raw in notes.split("\n"):
        if _FENCE.match(raw):
            fenced = not fenced
            continue
        if fenced:
            yield "muted", [("    " + visible(raw), ())]
        elif m := _HEADING.match(raw):
            yield "bold", _inline(m.group(2))
        elif _RULE.match(raw):
            yield "muted", [("─" * 24, ())]
        elif m := _BULLET.match(raw):
            yield "", [(" " * len(m.group(1)) + "• ", ()), *_inline(m.group(2))]
        elif m := _NUMBER.match(raw):
            yield "", [(f"{' ' * len(m.group(1))}{m.group(2)}. ", ()), *_inline(m.group(3))]
        elif m := _QUOTE.match(raw):
            yield "", [("▌ ", ("muted",)), *_inline(m.group(1), "italic")]
        else:
            yield "", _inline(raw)


def _inline(text: str, style: str = "") -> list[Piece]:
    """One line's emphasis, code and links as pieces of literal, visible text, each with its
    style (the line's own ``style`` under them)."""
    base = (style,) if style else ()
    if not _MAYBE_INLINE.search(text):
        return [(visible(text), base)]

    def under(extra: str) -> tuple[str, ...]:
        return (*base, extra)

    out: list[Piece] = []
    at = 0
    for m in _INLINE.finditer(text):
        out.append((visible(text[at : m.start()]), base))
        piece = m.group()
        if m.lastgroup == "code":
            out.append((visible(piece[1:-1]), under("code")))
        elif m.lastgroup == "strong":
            out.append((visible(piece[2:-2]), under("bold")))
        elif m.lastgroup == "em":
            out.append((visible(piece[1:-1]), under("italic")))
        else:
            label, _, href = piece[1:-1].partition("](")
            out.append((visible(label), under("underline")))
            out.append((f" ({visible(href)})", under("muted")))
        at = m.end()
    out.append((visible(text[at:]), base))
    return out
