"""Saved pictures of a view (``progress --save``): the SVG or HTML text of what a recording Rich
console printed, self-contained. Rich's own SVG template fetches its font from a CDN; a local-first
tool must not make a network request when its picture is opened, so these templates name only fonts
installed on the reader's machine, and nothing in the file points outside it: no fonts, scripts,
styles or links. Control characters that reached the console are written as visible ``\\xNN``, never
raw, so the file is valid XML and replays nothing in a terminal that ``cat``s it.
"""

from __future__ import annotations

import re
from html import escape
from typing import TYPE_CHECKING

from mentorlog.render.text import visible

if TYPE_CHECKING:
    from rich.console import Console

# Fonts found on the machine opening the file; the width-to-height ratio of these is close to 0.6
FONT_STACK = 'ui-monospace, "DejaVu Sans Mono", "SF Mono", Menlo, Consolas, "Liberation Mono", monospace'
FONT_ASPECT_RATIO = 0.6

# The namespace of SVG is a name, never fetched; it is the only URL-like text in a saved SVG.
SVG_NAMESPACE = "http://www.w3.org/2000/svg"

# xml:space="preserve": librsvg (and so GNOME's viewers) drops the leading spaces of a run without
# it, shifting indented lines left while the runs after them stay in place.
_SVG = """\
<svg xml:space="preserve" class="mentorlog-picture" viewBox="0 0 {width} {height}" xmlns="%s">
    <title>%s</title>
    <style>
    .{unique_id}-matrix {{
        font-family: %s;
        font-size: {char_height}px;
        line-height: {line_height}px;
        font-variant-east-asian: full-width;
    }}
    .{unique_id}-title {{
        font-size: 18px;
        font-weight: bold;
        font-family: system-ui, sans-serif;
    }}
    {styles}
    </style>
    <defs>
    <clipPath id="{unique_id}-clip-terminal">
      <rect x="0" y="0" width="{terminal_width}" height="{terminal_height}" />
    </clipPath>
    {lines}
    </defs>
    {chrome}
    <g transform="translate({terminal_x}, {terminal_y})" clip-path="url(#{unique_id}-clip-terminal)">
    {backgrounds}
    <g class="{unique_id}-matrix">
    {matrix}
    </g>
    </g>
</svg>
"""

_HTML = """\
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<title>%s</title>
<style>
{stylesheet}
body {{
    color: {foreground};
    background-color: {background};
    margin: 1.5em;
}}
pre {{
    font-family: %s;
    line-height: 1.25;
}}
</style>
</head>
<body>
<pre><code style="font-family:inherit">{code}</code></pre>
</body>
</html>
"""

# Besides C0/C1 controls (render.text.visible), XML 1.0 forbids lone surrogates (which argv decoding
# can produce) and U+FFFE/U+FFFF.
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")


# A saved picture does not depend on the terminal it was saved from: this many columns, or as
# many as the activity calendar needs to show every week of the period.
PICTURE_WIDTH = 100


def picture_width(since, until) -> int:
    from mentorlog.render.calendar import full_width

    return max(PICTURE_WIDTH, full_width(since, until))


def safe(text: str) -> str:
    """``text`` with every character a saved picture must not hold raw made visible."""
    return _NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", visible(text))


def export_picture(console: Console, suffix: str, title: str) -> str:
    """The SVG (``suffix`` ".svg") or HTML (".html") text of what ``console`` recorded.

    ``console`` must have been made with ``record=True``; its record is cleared, as Rich's own
    ``save_svg``/``save_html`` do. Raises ``ValueError`` for another suffix.
    """
    from rich.terminal_theme import MONOKAI  # dark, and its cyan and green stay apart

    kind = suffix.lower()
    if kind not in (".svg", ".html"):
        raise ValueError(f"a picture is .svg or .html, not {suffix!r}")
    _clean_record(console)
    # `title` becomes part of a format string: double its braces after escaping it
    shown = escape(safe(title)).replace("{", "{{").replace("}", "}}")
    if kind == ".svg":
        template = _SVG % (SVG_NAMESPACE, shown, FONT_STACK)
        text = console.export_svg(
            title=safe(title), theme=MONOKAI, code_format=template, font_aspect_ratio=FONT_ASPECT_RATIO
        )
        text = _close_clip_paths(text)
    else:
        template = _HTML % (shown, FONT_STACK)
        text = console.export_html(theme=MONOKAI, code_format=template)
    return safe(text)  # a last guard: nothing above should have let a control character through


def _clean_record(console: Console) -> None:
    """Make the recorded text visible-safe and drop hyperlinks before Rich lays it out, so columns
    stay aligned. Rich keeps the record in a private list; if that ever changes, ``safe()`` on the
    finished file still keeps controls out."""
    from rich.segment import Segment

    buffer = getattr(console, "_record_buffer", None)
    lock = getattr(console, "_record_buffer_lock", None)
    if buffer is None or lock is None:
        return
    with lock:
        buffer[:] = [
            Segment(safe(text), style.update_link(None) if style and style.link else style, control)
            for text, style, control in buffer
        ]


_CLIP_REF = re.compile(r'clip-path="url\(#([\w-]+-line-(\d+))\)"')


def _close_clip_paths(svg: str) -> str:
    """Rich defines a clip path for every line but the last, which its text still refers to. A
    reference to nothing is an error in SVG 1.1 (browsers and librsvg forgive it, strict tools may
    not): add the missing ones, shaped like the others, with sizes read back from our template."""
    defined = set(re.findall(r'<clipPath id="([\w-]+-line-\d+)"', svg))
    missing = {name: int(n) for name, n in _CLIP_REF.findall(svg) if name not in defined}
    line_height = re.search(r"line-height: ([\d.]+)px", svg)
    width = re.search(r'-clip-terminal">\s*<rect x="0" y="0" width="([\d.]+)"', svg)
    if not missing or not line_height or not width:
        return svg
    step = float(line_height.group(1))
    extra = "".join(
        f'<clipPath id="{name}"><rect x="0" y="{n * step + 1.5:g}" width="{width.group(1)}" '
        f'height="{step + 0.25:g}"/></clipPath>\n'
        for name, n in missing.items()
    )
    return svg.replace("</defs>", extra + "    </defs>", 1)
