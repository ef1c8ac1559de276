"""A meeting's notes are rendered as Markdown without Pygments or markdown-it (start-up)."""

from __future__ import annotations

import io

from helpers import modules_loaded
from mentorlog.render import notes
from mentorlog.render.console import make_console

NOTES = """# Decisions
We agreed on *scope* and **dates**, see [the RFC](https://example.org/rfc).

- first point
- second point
  with a second line

1. one
2. two

> a quote

```
code block
```

todo: a line that stays notes
Text with `inline code` and \x1b[2J and [bold]markup[/]."""


def rendered(text: str, width: int = 80) -> str:
    out = io.StringIO()
    make_console(file=out, width=width, color_system=None).print(notes.render(text))
    return out.getvalue()


def test_notes_render_every_block():
    out = rendered(NOTES)
    lines = [line.rstrip() for line in out.splitlines()]
    assert lines[0] == "Decisions"
    assert "We agreed on scope and dates, see the RFC (https://example.org/rfc)." in lines
    assert "• first point" in lines and "• second point" in lines and "  with a second line" in lines
    assert "1. one" in lines and "2. two" in lines
    assert "▌ a quote" in lines
    assert "    code block" in lines
    assert "todo: a line that stays notes" in lines
    assert "[bold]markup[/]" in out and "\x1b" not in out and "\\x1b[2J" in out


def test_meeting_show_does_not_import_pygments(cli, ada):
    cli("log", "ada", "--notes", NOTES)
    result, loaded = modules_loaded("meeting", "show", "1", watch=("pygments", "markdown_it"))
    assert loaded == "[]", result.stderr
    assert "Decisions" in result.stdout and "• first point" in result.stdout
