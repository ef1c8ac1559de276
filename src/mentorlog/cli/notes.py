"""``note [MENTOR] [TEXT]`` and ``note add|list|show|edit|delete``: private entries between
check-ins (SPEC §2 "Notes, tags, and today").

Like ``git stash``, the group has a default action: when the first word is not one of its
subcommands, the words are a ``note add``. The text comes from TEXT, else stdin when piped, else
the editor (an empty buffer: a note is Markdown, so ``#`` lines are its headings, not comments);
typed text that cannot be filed is kept in a recovery file, as ``log`` keeps it.
"""

from pathlib import Path
from typing import Annotated

import typer

from mentorlog.cli.common import (
    JsonOpt,
    LazyGroup,
    OptionalMentorArg,
    TagFilterOpt,
    TagsOpt,
    YesOpt,
    ask_first,
    command_group,
    file_or_keep,
    id_of,
    journal,
    journal_path,
    on_or_now,
    stdin_is_terminal,
    when,
)
from mentorlog.cli.output import list_or_json, show_or_json
from mentorlog.core import dates
from mentorlog.core.errors import NotFound, NothingWritten
from mentorlog.journal import mentors, notes
from mentorlog.render.text import echo, tagged


class NoteGroup(LazyGroup):
    """``note …``: words that are not a subcommand are a ``note add``."""

    default_command = "add"

    def collect_usage_pieces(self, ctx) -> list[str]:
        return ["[MENTOR] [TEXT] [OPTIONS]", "|", self.subcommand_metavar]

    def parse_args(self, ctx, args):
        if not args or (args[0] not in self._names() and args[0] not in ("-h", "--help")):
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)


app = command_group(
    "Private notes between check-ins.\n\n"
    "`mentorlog note [MENTOR] [TEXT] [--on WHEN] [--tag TAG]...` files one, as `note add` does;"
    " the commands below list, show, correct and delete them.\n\n"
    'Example: mentorlog note ada "Felt rushed; ask for a longer slot" --tag energy'
)
app.info.cls = NoteGroup
app.info.no_args_is_help = False


def _complete_note(ctx, incomplete: str):
    from mentorlog.cli.complete import complete_ids

    return complete_ids("note")(ctx, incomplete)


NoteId = Annotated[
    int,
    typer.Argument(
        metavar="ID",
        parser=id_of("note"),
        help="A note id (see `mentorlog note list`).",
        autocompletion=_complete_note,
    ),
]


def _mentor_or_text(conn, first: str | None, second: str | None) -> tuple[mentors.Mentor | None, str | None]:
    """With two words, a mentor and the text; with one, the mentor when it names one, else the
    text (SPEC §2)."""
    if first is None:
        return None, None
    if second is not None:
        return mentors.resolve(conn, first), second
    try:
        return mentors.resolve(conn, first), None
    except NotFound:
        return None, first


@app.command("add")
def add(
    mentor: Annotated[str | None, typer.Argument(metavar="[MENTOR]", help="Who it is about.")] = None,
    text: Annotated[str | None, typer.Argument(metavar="[TEXT]", help="The note (Markdown).")] = None,
    on: Annotated[str | None, typer.Option("--on", metavar="WHEN", help="When (default now).")] = None,
    tag: TagsOpt = None,
    from_file: Annotated[
        Path | None, typer.Option("--from", metavar="FILE", help="Read the note from FILE.")
    ] = None,
    edit: Annotated[bool, typer.Option("--edit", help="Open your editor (on TEXT, if given).")] = False,
) -> None:
    """File a private note, about a mentor or none.

    With one word, it is the mentor when it names one, else the note itself. Without text the
    note comes from stdin when piped, else from your editor.

    Example: mentorlog note ada "She seemed stretched thin; keep the next one short" --tag energy
    """
    from mentorlog.io import capture

    at = on_or_now(on)
    with journal() if mentor is not None else _no_journal() as conn:
        m, words = _mentor_or_text(conn, mentor, text)
    path = journal_path()
    typed: bytes | None = None
    where = "the text"
    if edit:
        typed, where = capture.edit(words + "\n" if words else "", path), "the editor's text"
        words = None
    elif words is None:
        if from_file is not None:
            try:
                typed, where = from_file.read_bytes(), str(from_file)
            except FileNotFoundError:
                raise NotFound(f"--from: there is no file {from_file}.") from None
        elif stdin_is_terminal():
            typed, where = capture.edit("", path), "the editor's text"
        else:
            typed, where = capture.read_stdin(), "stdin"

    def file():
        body = words if words is not None else capture.decode(typed, where).strip("\n")
        if not body.strip():
            raise NothingWritten("Nothing written: the note was empty.")
        with journal(write=True) as conn:
            return notes.add(conn, m.id if m else None, body, at, tag)

    n = file_or_keep(None if from_file else typed, file)
    about = f" about {n.mentor}" if n.mentor else ""
    # One word that names no mentor is the note itself: say so, in case it was a mistyped handle.
    one_word = m is None and text is None and mentor is not None and len(mentor.split()) == 1
    shown = " (no mentor is called that, so it is the note)" if one_word else ""
    echo(f"Added note {n.id}{about} on {dates.show_when(n.on)}{tagged(n.tags)}{shown}.")


class _no_journal:
    """A stand-in for ``journal()`` when nothing needs reading (no MENTOR word to resolve)."""

    def __enter__(self):
        return None

    def __exit__(self, *exc):
        return False


@app.command("list")
def list_(
    mentor: OptionalMentorArg = None,
    since: Annotated[str | None, typer.Option("--since", metavar="WHEN", help="Only from then on.")] = None,
    tag: TagFilterOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """List your notes, newest first.

    Example: mentorlog note list ada --tag energy
    """
    from mentorlog.render import lists

    start = when(since, "--since", future=False)
    with journal() as conn:
        m = mentors.resolve_optional(conn, mentor)

        def rows(limit: int | None):
            return notes.list_notes(
                conn, mentor_id=m.id if m else None, since=start.at if start else None, tag=tag, limit=limit
            )

        list_or_json(as_json, rows, lists.notes_table, dates.today(), empty="No notes yet.")


@app.command("show")
def show(note_id: NoteId, as_json: JsonOpt = False) -> None:
    """Show one note, its Markdown rendered.

    Example: mentorlog note show 3
    """
    from mentorlog.render import details

    with journal() as conn:
        n = notes.get(conn, note_id)
    show_or_json(as_json, n.to_json(), details.note_detail, n)


@app.command("edit")
def edit(
    note_id: NoteId,
    text: Annotated[str | None, typer.Option("--text", help="New text.")] = None,
    on: Annotated[str | None, typer.Option("--on", metavar="WHEN", help="When it was written.")] = None,
    mentor: Annotated[
        str | None,
        typer.Option("--mentor", "-m", metavar="MENTOR|none", help="File it under another mentor."),
    ] = None,
    tag: TagsOpt = None,
) -> None:
    """Correct a note's text, day, mentor or tags.

    With no option, opens your editor on its text exactly as stored. `--tag` replaces the
    note's tags with the ones given.

    Example: mentorlog note edit 3 --tag energy --tag planning
    """
    from mentorlog.io import capture

    at = on_or_now(on) if on is not None else None
    path = journal_path()
    typed: bytes | None = None
    if text is None and at is None and mentor is None and tag is None:
        with journal() as conn:
            stored = notes.get(conn, note_id).text
        buffer = stored if stored.endswith("\n") else stored + "\n"
        typed = capture.edit(buffer, path)
        if typed == buffer.encode("utf-8", "surrogateescape"):
            echo(f"Nothing changed in note {note_id}.")
            return

    def file():
        body = text
        if typed is not None:
            body = capture.decode(typed, "the editor's text")
            if not stored.endswith("\n") and body.endswith("\n"):
                body = body[:-1]  # the line end the buffer was given (editors keep one)
        with journal(write=True) as conn:
            changes = {}
            if mentor is not None:
                none = mentor.strip().lower() == "none"
                changes["mentor_id"] = None if none else mentors.resolve(conn, mentor).id
            return notes.edit(conn, note_id, text=body, at=at, tags=tag, **changes)

    n = file_or_keep(typed, file)
    about = f" about {n.mentor}" if n.mentor else ""
    echo(f"Updated note {n.id}{about} on {dates.show_when(n.on)}{tagged(n.tags)}.")


@app.command("delete")
def delete(note_id: NoteId, yes: YesOpt = False) -> None:
    """Delete a note.

    Asks first on a terminal (--yes skips it); `mentorlog undo` brings it back.

    Example: mentorlog note delete 3 --yes
    """
    from mentorlog.render.text import one_line

    def question(conn) -> str:
        n = notes.get(conn, note_id)
        return f"Delete note {n.id} of {dates.show_when(n.on)}: {one_line(n.text, 60)}?"

    ask_first(yes, question, f"Deleting note {note_id}")
    with journal(write=True) as conn:
        n = notes.delete(conn, note_id)
    echo(f"Deleted note {n.id} of {dates.show_when(n.on)}.")
