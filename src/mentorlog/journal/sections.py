"""Markdown in fixed ``## `` sections, the shape of an agreement and a closing (SPEC §2).

Pure functions over text: writing the sections of a template, dropping the instruction lines
a template starts with, and reading a section back by its heading. The text a user saves is
kept exactly as typed; these only read it.
"""

from __future__ import annotations


def render(body: dict[str, list[str]]) -> str:
    """``## Title`` then its lines, for each section, a blank line between."""
    parts = []
    for title, lines in body.items():
        parts.append(f"## {title}\n\n" + ("\n".join(lines) + "\n" if lines else ""))
    return "\n".join(parts)


def _is_instruction(line: str) -> bool:
    return line == "#" or line.startswith("# ")


def body_of(text: str) -> str:
    """``text`` without the instruction lines above the first section (lines starting ``# ``,
    and blank lines among them) and without blank lines at the end; empty when nothing but
    headings is left."""
    lines = text.replace("\r\n", "\n").split("\n")
    start = 0
    while start < len(lines) and (_is_instruction(lines[start]) or not lines[start].strip()):
        start += 1
    kept = lines[start:]
    while kept and not kept[-1].strip():
        kept.pop()
    if not any(line.strip() and not line.startswith("## ") for line in kept):
        return ""
    return "\n".join(kept)


def split(text: str) -> dict[str, str]:
    """Heading → the text under it (trimmed), for every ``## `` section."""
    found: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in text.split("\n"):
        if line.startswith("## "):
            current = found.setdefault(line[3:].strip(), [])
        elif current is not None:
            current.append(line)
    return {title: "\n".join(lines).strip("\n").strip() for title, lines in found.items()}


def section(text: str, title: str) -> str:
    """The text under ``## title`` (any case), or empty."""
    wanted = title.casefold()
    return next((body for t, body in split(text).items() if t.casefold() == wanted), "")


def missing(text: str, titles: tuple[str, ...]) -> list[str]:
    have = {t.casefold() for t in split(text)}
    return [t for t in titles if t.casefold() not in have]
