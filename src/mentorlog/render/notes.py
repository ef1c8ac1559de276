"""A meeting's notes, rendered as Markdown for the terminal.

Rich's own ``Markdown`` pulls in Pygments for code blocks, which costs more start-up than the
whole ``meeting show`` budget (SPEC §7); notes need headings, lists, quotes, emphasis, code
and links, which this renders from markdown-it's tokens (markdown-it-py comes with Rich). The
text is user text: it becomes ``Text`` pieces, never markup, and control characters are made
visible like everywhere else.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mentorlog.render.text import visible

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text

_INLINE_STYLES = {"em": "italic", "strong": "bold", "s": "strike"}


def render(notes: str) -> RenderableType:
    """The notes as a group of lines: headings bold, lists with bullets or numbers, quotes with
    a bar, code dimmed and indented, links followed by their address."""
    from markdown_it import MarkdownIt
    from rich.console import Group
    from rich.text import Text

    tokens = MarkdownIt("commonmark").parse(notes)
    blocks: list[Text] = []
    lists: list[list[int]] = []  # per open list: [next number] for ordered, [] for bullets
    quote = 0
    pending: str | None = None  # the bullet or number for the next paragraph in a list item
    heading = False
    for token in tokens:
        kind = token.type
        if kind == "bullet_list_open":
            lists.append([])
        elif kind == "ordered_list_open":
            lists.append([int(token.attrGet("start") or 1)])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "list_item_open":
            counter = lists[-1] if lists else []
            pending = f"{counter[0]}." if counter else "•"
            if counter:
                counter[0] += 1
        elif kind == "blockquote_open":
            quote += 1
        elif kind == "blockquote_close":
            quote -= 1
        elif kind == "heading_open":
            heading = True
        elif kind == "heading_close":
            heading = False
        elif kind == "hr":
            blocks.append(Text("─" * 24, style="muted"))
        elif kind in ("fence", "code_block"):
            code = Text(style="muted")
            for line in token.content.rstrip("\n").split("\n"):
                code.append("    " + visible(line) + "\n")
            code.rstrip()
            blocks.append(_prefixed(code, quote, len(lists), None))
        elif kind == "html_block":
            blocks.append(_prefixed(Text(visible(token.content.rstrip("\n"))), quote, len(lists), None))
        elif kind == "inline":
            line = _inline(token.children or [], style="bold" if heading else "")
            blocks.append(_prefixed(line, quote, len(lists), pending))
            pending = None
    return Group(*blocks)


def _prefixed(text: Text, quote: int, depth: int, bullet: str | None) -> Text:
    from rich.text import Text

    indent = "  " * max(depth - 1, 0)
    lead = ("▌ " * quote) + indent + (f"{bullet} " if bullet else ("  " if depth else ""))
    out = Text()
    for n, line in enumerate(text.split("\n")):
        out.append(lead if n == 0 else " " * len(lead), style="muted" if quote else "")
        out.append_text(line)
        out.append("\n")
    out.rstrip()
    return out


def _inline(children, style: str = "") -> Text:
    from rich.text import Text

    out = Text(style=style)
    active: list[str] = []
    link: str | None = None
    for child in children:
        kind = child.type
        if kind == "text":
            out.append(visible(child.content), style=" ".join(active) or None)
        elif kind == "code_inline":
            out.append(visible(child.content), style="code")
        elif kind in ("softbreak", "hardbreak"):
            out.append("\n")
        elif kind.endswith("_open") and kind[:-5] in _INLINE_STYLES:
            active.append(_INLINE_STYLES[kind[:-5]])
        elif kind.endswith("_close") and kind[:-6] in _INLINE_STYLES:
            if active:
                active.pop()
        elif kind == "link_open":
            link = child.attrGet("href")
            active.append("underline")
        elif kind == "link_close":
            if active:
                active.pop()
            if link:
                out.append(f" ({visible(str(link))})", style="muted")
            link = None
        elif kind == "image":
            out.append(visible(child.content or str(child.attrGet("src") or "")), style="muted")
        else:  # html_inline and anything else: the text as written
            out.append(visible(child.content))
    return out
