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


def test_a_megabyte_of_notes_is_not_wrapped_as_a_whole(cli, monkeypatch):
    """``meeting show`` of a 1 MB note, piped: every line fits the piped width, so no line goes
    through Rich's wrapping (once it wrapped all 20,000 of them); a line longer than the width
    still wraps, alone."""
    from rich.text import Text

    cli("mentor", "add", "Ada Lovelace")
    body = "\n".join(f"- point {i} about the roadmap and the *team* we talked over" for i in range(18_000))
    long_line = "word " * 30
    cli("log", "ada", "--notes", body + "\n" + long_line)
    wrapped = []
    real = Text.wrap

    def wrap(self, *args, **kwargs):
        wrapped.append(len(self.plain))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Text, "wrap", wrap)
    out = cli("meeting", "show", "1").stdout
    assert "• point 17999 about the roadmap and the team we talked over" in out
    assert sum(wrapped) < 1_000, f"{len(wrapped)} texts ({sum(wrapped):,} characters) wrapped"
    monkeypatch.setenv("COLUMNS", "60")
    wrapped.clear()
    out = cli("meeting", "show", "1").stdout
    assert max(len(line) for line in out.splitlines()) <= 60 and len(wrapped) < 10


def test_on_a_terminal_a_long_meeting_opens_in_the_pager(cli, tmp_path, db_path):
    """At a terminal of 24 rows a meeting of 200 lines goes through $PAGER; a short one does not."""
    import os
    import subprocess
    import sys

    cli("mentor", "add", "Ada Lovelace")
    cli("log", "ada", "--notes", "\n".join(f"Point {i} of the roadmap." for i in range(200)))
    cli("log", "ada", "--notes", "Short and sweet.")
    paged = tmp_path / "paged.txt"

    def on_a_terminal(meeting: str) -> str:
        import fcntl
        import struct
        import termios

        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        env = {**os.environ, "PAGER": f"cat > {paged}", "MENTORLOG_DB": str(db_path), "TERM": "xterm"}
        env.pop("COLUMNS", None)
        env.pop("LINES", None)
        proc = subprocess.Popen(
            [sys.executable, "-m", "mentorlog", "meeting", "show", meeting],
            stdin=slave, stdout=slave, stderr=slave, env=env,
        )  # fmt: skip
        os.close(slave)
        out = b""
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
        os.close(master)
        assert proc.wait(timeout=30) == 0, out
        return out.decode(errors="replace")

    screen = on_a_terminal("1")
    assert "Point 199 of the roadmap." in paged.read_text() and "Point 199" not in screen
    paged.unlink()
    assert "Short and sweet." in on_a_terminal("2") and not paged.exists()
