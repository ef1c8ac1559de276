"""``agreement set|show``: what you and a mentor agreed the mentoring is for and how it runs.

``agreement set`` opens the editor (stdin when it is not a terminal; ``--from FILE``) on the
template of fixed sections, pre-filled from the current agreement or from the journal; each save
is a new revision, an unchanged buffer writes nothing, and typed text that cannot be filed is
kept in a recovery file, as for ``log`` (``mentorlog.io.capture``).
"""

import shlex
from pathlib import Path
from typing import Annotated

import typer

from mentorlog.cli import common
from mentorlog.cli.common import JsonOpt, MentorArg, command_group, file_or_keep, journal, journal_path, when
from mentorlog.core import dates
from mentorlog.core.errors import NotFound, NothingWritten, UsageError
from mentorlog.io import capture
from mentorlog.journal import agreements, goals, mentors
from mentorlog.render.text import echo, emit_json, warn

app = command_group(
    "What you and a mentor agreed, every revision kept.\n\n"
    "Example: mentorlog agreement set ada --term-end 2027-04-30"
)

FromOpt = Annotated[
    Path | None,
    typer.Option("--from", metavar="FILE", help="Read the text from FILE (e.g. a mended recovery file)."),
]


def read_from(path: Path) -> bytes:
    """``--from FILE``'s bytes, or a usage error naming the file."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise NotFound(f"--from: there is no file {path}.") from None
    except IsADirectoryError:
        raise UsageError(f"--from: {path} is a folder, not a file.") from None
    except OSError as e:
        raise UsageError(f"--from: {path} cannot be read ({e.strerror}).") from None


def keeping(name: str, command: str) -> capture.Keeping:
    """How an editor flow keeps text it cannot file: recovery files named ``name``, and the
    sentence saying how to file one once mended (``command`` with FILE for its path)."""
    return capture.Keeping(
        name=name,
        how_to_file=lambda kept: f"File it once mended: {command.replace('FILE', shlex.quote(kept))}",
    )


def capture_text(buffer: str, from_file: Path | None, kept: capture.Keeping) -> tuple[bytes, str, bool]:
    """The text typed for an editor flow: from ``--from FILE``, the editor on a terminal, else
    stdin. Also where it came from (for a message) and whether it is the buffer unchanged."""
    if from_file is not None:
        return read_from(from_file), str(from_file), False
    if common.stdin_is_terminal():
        typed = capture.edit(buffer, journal_path(), kept)
        return typed, "the editor's text", typed == buffer.encode("utf-8", "surrogateescape")
    return capture.read_stdin(), "stdin", False


@app.command("set")
def set_(
    mentor: MentorArg,
    term_end: Annotated[
        str | None, typer.Option("--term-end", metavar="WHEN", help="When the mentoring's term ends.")
    ] = None,
    revisit: Annotated[
        str | None, typer.Option("--revisit", metavar="WHEN", help="When to look at the agreement again.")
    ] = None,
    from_file: FromOpt = None,
) -> None:
    """Write or revise the agreement with MENTOR.

    Opens $VISUAL/$EDITOR on its sections (Purpose, Goals, How we meet, Feedback,
    Confidentiality, Term and closing), pre-filled from the current agreement or from what the
    journal knows; reads the same text from stdin when it is not a terminal. Each save is a new
    revision; `agreement show --all` lists them.

    Example: mentorlog agreement set ada --term-end 2027-04-30 --revisit "in 3 months"
    """
    term = when(term_end, "--term-end", future=True)
    again = when(revisit, "--revisit", future=True)
    with journal() as conn:
        m = mentors.resolve(conn, mentor)
        cur = agreements.current(conn, m.id)
        linked = [g.text for g in goals.list_goals(conn, mentor_id=m.id)]
    term_day = term.day if term else (cur.term_end if cur else None)
    revisit_day = again.day if again else (cur.revisit_by if cur else None)
    buffer = agreements.template(m, cur, linked, term_day)
    kept = keeping("agreement", f"mentorlog agreement set {shlex.quote(m.handle)} --from FILE")
    typed, where, unchanged = capture_text(buffer, from_file, kept)
    same_dates = cur is not None and (term_day, revisit_day) == (cur.term_end, cur.revisit_by)
    # Dates given as options are written even when the buffer is left as it was: a new revision
    # of the current text, or, with no agreement yet, the template as the journal filled it in.
    new_dates = (term is not None or again is not None) and not same_dates

    def file():
        if unchanged and not new_dates:
            return None
        text = agreements.parse(capture.decode(typed, where))
        if not typed and cur is not None and where == "stdin":
            text = cur.text  # nothing piped: a new revision of the dates only
        if cur is not None and text == cur.text and same_dates:
            return None
        if not text:
            raise NothingWritten("Nothing written: the agreement was empty.")
        with journal(write=True) as conn:
            return agreements.add(
                conn, m.id, text, dates.today(), term_end=term_day, revisit_by=revisit_day
            ), agreements.missing_sections(text)

    saved = file_or_keep(None if from_file else typed, file, kept)
    if saved is None:
        echo(f"The agreement with {m.name} is unchanged; nothing was written.")
        return
    a, missing = saved
    kind = "a new revision" if cur else "the first"
    line = f"Saved agreement {a.id} with {m.name}, {kind}, of {dates.show_day(a.agreed_on)}"
    if a.term_end:
        line += f"; term ends {dates.show_day(a.term_end)}"
    if a.revisit_by:
        line += f"; revisit by {dates.show_day(a.revisit_by)}"
    echo(line + ".")
    if unchanged and cur is None:
        warn(
            "Note: its text is the template as mentorlog filled it in; write what you agreed with: "
            f"mentorlog agreement set {shlex.quote(m.handle)}"
        )
    elif missing:
        warn(f"Note: the agreement has no section {', '.join(repr('## ' + s) for s in missing)}.")


@app.command("show")
def show(
    mentor: MentorArg,
    all_: Annotated[bool, typer.Option("--all", help="Every revision, newest first.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Show the agreement with MENTOR.

    The current one; with --all, every revision, newest first.

    Example: mentorlog agreement show ada --all
    """
    from mentorlog.render.console import LIST_LIMIT

    with journal() as conn:
        m = mentors.resolve(conn, mentor)
        if all_:
            found = agreements.revisions(conn, m.id, None if as_json else LIST_LIMIT)
            found = found if not as_json else list(found)
        else:
            cur = agreements.current(conn, m.id)
            found = [cur] if cur else []
    if not found and all_ and as_json:
        emit_json([])
        return
    if not found:
        raise NotFound(
            f"There is no agreement with {m.name} yet.", hint=f"Write one: mentorlog agreement set {m.handle}"
        )
    if as_json:
        emit_json([a.to_json() for a in found] if all_ else found[0].to_json())
        return
    from mentorlog.render.console import make_console
    from mentorlog.render.relationship import agreements as draw

    make_console().print(draw(m, found, dates.today(), total=getattr(found, "total", len(found))))
