"""User text made safe in the Markdown files mentorlog writes (``formats.markdown``).

A note's file name (``safe_stem``) holds no path separator, control character, character a
note app reserves for links or Windows forbids, device name or leading dot, and two names that
a file system would take for one file compare equal (``name_key``). Front matter is YAML that
any parser reads back exactly (``front_matter``). A note's own headings nest under the heading
it sits beneath (``shift_headings``), and a list item never starts a heading
(``escape_headings``; ``one_line`` for the letters' items). Pure functions over strings.
"""

from __future__ import annotations

import re
from datetime import date

# Path separators, controls, characters Windows forbids, and those Obsidian reserves in links
# (# ^ [ ] |), plus bidi overrides that would make a name read backwards.
# (Patterns are compiled on first use, by re's own cache: compiling these ranges took 6 ms of
# every letter's start-up, which needs only escape_headings.)
_NAME_UNSAFE = r'[\x00-\x1f\x7f-\x9f/\\:*?"<>|#^\[\]\u202a-\u202e\u2066-\u2069]'
# Names Windows keeps for devices, whatever follows a dot (NUL.txt is NUL too); it counts the
# superscript digits as digits here (COM¹), and compares without case.
_RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    "CONIN$",
    "CONOUT$",
    *(f"{port}{i}" for port in ("COM", "LPT") for i in (*"0123456789", "¹", "²", "³")),
}
_MAX_NAME_BYTES = 180  # well under the usual 255-byte limit, with room for " 2.md"


def safe_stem(text: str, fallback: str) -> str:
    """A file name (without ``.md``) for ``text`` that every filesystem and note app takes:
    in NFC (macOS would otherwise hold ``Café`` typed two ways as one file), without what
    Windows forbids or keeps for devices, short enough for any of them."""
    import unicodedata

    name = " ".join(re.sub(_NAME_UNSAFE, "-", unicodedata.normalize("NFC", text)).split()).strip(" .-")
    while len(name.encode("utf-8")) > _MAX_NAME_BYTES:
        name = name[:-1].rstrip(" .")
    if not name:
        return fallback
    first, dot, rest = name.partition(".")
    if first.rstrip(" ").upper() in _RESERVED:  # "nul.txt" is the device NUL: rename the part before the dot
        name = f"{first.rstrip(' ')} (mentor){dot}{rest}"
    return name


def name_key(name: str) -> str:
    """What two names share when a file system takes them for one file: case (macOS,
    Windows) and Unicode normalization (macOS)."""
    import unicodedata

    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", name).casefold())


# --- YAML front matter ----------------------------------------------------------------------

# What YAML lets stand unescaped in a double-quoted scalar (its printable set minus NEL).
_YAML_PLAIN = "[\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"


def yaml_string(text: str) -> str:
    """``text`` as a double-quoted YAML scalar that any YAML parser reads back exactly."""
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif re.match(_YAML_PLAIN, ch):
            out.append(ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x100:
            out.append(f"\\x{ord(ch):02x}")
        elif ord(ch) < 0x10000:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(f"\\U{ord(ch):08x}")
    return '"' + "".join(out) + '"'


def _yaml(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, date):  # unquoted: a YAML date, which note apps show as one
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(_yaml(v) for v in value) + "]"
    return yaml_string(str(value))


def front_matter(fields: dict) -> str:
    return "---\n" + "".join(f"{key}: {_yaml(value)}\n" for key, value in fields.items()) + "---\n"


# --- a note's own headings --------------------------------------------------------------------

_FENCE = r"^[ \t>]*(`{3,}|~{3,})"
_ATX = r"^( {0,3}(?:>[ \t]?|[-+*][ \t]+|\d{1,9}[.)][ \t]+)*)(#{1,6})(?=[ \t]|$)"
_SETEXT = r"^ {0,3}(=+|-+)[ \t]*$"
# A line that can end a paragraph and start something else, so it cannot be a setext title.
_NOT_TITLE = r"^ {0,3}(?:[>#|]|[-+*][ \t]|\d{1,9}[.)][ \t]|`{3}|~{3}|<)|^ {4}|^\s*$"


def shift_headings(text: str, below: int) -> str:
    """``text`` (a note's Markdown) with its headings moved ``below`` levels down, capped at 6,
    so that they nest under the heading the note sits beneath (SPEC §2: mentor → check-in → the
    note's own headings). ATX headings (``# Title``, also inside list items and quotes) gain
    ``#``s; setext ones (``Title`` over ``===`` or ``---``) become ATX ones; code is left as is."""
    out: list[str] = []
    fence: str | None = None
    paragraph: list[int] = []  # indexes in ``out`` of the paragraph a setext line would close
    for line in text.split("\n"):
        opened = re.match(_FENCE, line)
        if fence is not None:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = None
            out.append(line)
            continue
        if opened:
            fence = opened.group(1)
            paragraph = []
            out.append(line)
            continue
        atx = re.match(_ATX, line)
        if atx:
            level = min(6, len(atx.group(2)) + below)
            out.append(atx.group(1) + "#" * level + line[atx.end() :])
            paragraph = []
            continue
        setext = re.match(_SETEXT, line)
        if setext and paragraph:
            title = " ".join(out[i].strip() for i in paragraph)
            level = min(6, (1 if setext.group(1)[0] == "=" else 2) + below)
            del out[paragraph[0] :]
            out.append("#" * level + " " + title)
            paragraph = []
            continue
        if paragraph and line.startswith("    ") and line.strip():
            paragraph.append(len(out))  # a paragraph's lazy continuation, not code
        elif re.match(_NOT_TITLE, line):
            paragraph = []
        else:
            paragraph.append(len(out))
        out.append(line)
    return "\n".join(out)


def escape_headings(text: str) -> str:
    """``text`` for a list item: a line that would start a heading there is escaped (``\\#``),
    so a todo or a piece of advice never adds a heading to the document."""
    lines = []
    for line in text.split("\n"):
        atx = re.match(r"^( *)(#{1,6})(?=[ \t]|$)", line)
        if atx:
            line = f"{atx.group(1)}\\{line[len(atx.group(1)) :]}"
        elif re.match(_SETEXT, line):
            stripped = line.lstrip(" ")
            line = f"{line[: len(line) - len(stripped)]}\\{stripped}"
        lines.append(line)
    return "\n".join(lines)


def one_line(text: str) -> str:
    """``text`` on one line, for a list item or a bold line of a letter, never a heading."""
    return escape_headings(" ".join(text.split()))
