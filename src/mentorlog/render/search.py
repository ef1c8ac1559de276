"""The search results view: one line per hit, best first, with the matched words highlighted.

Each line is kind and id, mentor, date and the snippet, in columns as wide as the hits shown
need. Lines are never wrapped or cut by Rich (printed with ``soft_wrap``), so piped output is
one hit per line, ready for ``grep``. Every piece of user text goes through ``user()``.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text

from mentorlog.journal.store.search import Hit, snippet_parts
from mentorlog.render.console import user


def snippet_text(snippet: str) -> Text:
    """The snippet with its matches in the ``match`` style, each piece escaped on its own."""
    text = Text()
    for piece, is_match in snippet_parts(snippet):
        text.append_text(user(piece, "match" if is_match else ""))
    return text


def hits_view(hits: list[Hit], total: int) -> RenderableType:
    labels = [f"{h.kind} {h.id}" for h in hits]
    mentors = [user(h.mentor or "—") for h in hits]
    label_width = max(map(len, labels), default=0)
    mentor_width = max((m.cell_len for m in mentors), default=0)
    lines: list[RenderableType] = []
    for hit, label, mentor in zip(hits, labels, mentors, strict=True):
        line = Text.assemble(
            (hit.kind, "muted"),
            " ",
            (str(hit.id), "id"),
            " " * (label_width - len(label) + 2),
        )
        mentor.stylize("handle" if hit.mentor else "muted")
        line.append_text(mentor)
        line.append(" " * (mentor_width - mentor.cell_len + 2))
        line.append(hit.date, "muted")
        line.append("  ")
        line.append_text(snippet_text(hit.snippet))
        lines.append(line)
    if total > len(hits):
        lines.append(Text(f"… and {total - len(hits)} more (--limit N shows more)", style="muted"))
    return Group(*lines)
