"""``review``, ``remind``, ``progress`` and ``report``: the views of the journal."""

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from mentorlog import dates
from mentorlog.cli.common import JsonOpt, MentorArg, OptionalMentorArg, journal, journal_path, when
from mentorlog.errors import CannotWrite, UsageError
from mentorlog.fast import REMIND_OPTIONS, WITHIN_DEFAULT, WITHIN_MAX
from mentorlog.render.text import echo, emit_json


def review(
    mentor: OptionalMentorArg = None,
    agenda: Annotated[
        bool, typer.Option("--agenda", help="Print a Markdown agenda to send the mentor.")
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """The brief before a check-in: what to raise, report back, action items, advice waiting,
    goals and nudges. Without MENTOR: the one whose check-in is soonest.

    Running it records a review, so the next check-in counts as prepared.
    """
    from mentorlog.journal import meetings
    from mentorlog.views import review as view

    now = dates.now()
    try:
        with journal(write=True) as conn:
            chosen = view.choose_mentor(conn, mentor)
            brief = view.build(conn, chosen, now)
            meetings.record_review(conn, chosen.id, now)
    except CannotWrite:  # a journal that can only be read still gets its brief, unrecorded
        with journal() as conn:
            chosen = view.choose_mentor(conn, mentor)
            brief = view.build(conn, chosen, now)
    if agenda:
        echo(view.agenda(brief).rstrip("\n"))
    elif as_json:
        emit_json(brief.to_json())
    else:
        from mentorlog.render.console import make_console
        from mentorlog.render.views import review as draw

        make_console().print(draw(brief))


def remind(
    within: Annotated[
        int,
        typer.Option("--within", min=0, max=WITHIN_MAX, metavar="DAYS", help=REMIND_OPTIONS["--within"]),
    ] = WITHIN_DEFAULT,
    exit_code: Annotated[bool, typer.Option("--exit-code", help=REMIND_OPTIONS["--exit-code"])] = False,
    as_json: Annotated[bool, typer.Option("--json", help=REMIND_OPTIONS["--json"])] = False,
) -> None:
    """What needs you now, one line each: check-ins, todos, advice, thanks.

    Silent when nothing is due and when there is no journal yet; made for a shell's
    start-up file (e.g. `mentorlog remind` in ~/.bashrc).
    """
    from mentorlog.fast import answer_remind

    code = answer_remind(journal_path(), within, exit_code, as_json)
    if code:
        raise typer.Exit(code)


def _since(text: str | None) -> date:
    """--since as a day; by default twelve months ago."""
    if text is None:
        return dates.add_months(dates.today(), -12)
    return when(text, "--since", future=False).day


def progress(
    mentor: OptionalMentorArg = None,
    since: Annotated[
        str | None, typer.Option("--since", metavar="WHEN", help="Default: 12 months ago.")
    ] = None,
    save: Annotated[
        Path | None, typer.Option("--save", metavar="FILE.svg|FILE.html", help="Also save the view.")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """The long view: meetings per month, an activity calendar, cadence kept, on-time and
    prepared rates, todo and advice figures, thanks and goals."""
    from mentorlog.journal import mentors
    from mentorlog.views import progress as view

    if save is not None and save.suffix.lower() not in (".svg", ".html"):
        raise UsageError(f"--save: {save} must end in .svg or .html.")
    start = _since(since)
    with journal() as conn:
        chosen = mentors.resolve(conn, mentor) if mentor else None
        if since is None:  # no empty months before the journal began
            start = max(start, view.first_day(conn, chosen) or start)
        data = view.build(conn, since=start, today=dates.today(), mentor=chosen)
    if as_json:
        emit_json(data.to_json())
        return
    from mentorlog.render.console import make_console
    from mentorlog.render.views import progress as draw

    console = make_console(record=save is not None)
    console.print(draw(data))
    if save is not None:
        _refuse_existing(save)
        if save.suffix.lower() == ".svg":
            console.save_svg(str(save), title="mentorlog progress")
        else:
            console.save_html(str(save))
        echo(f"Saved {save}.")


def _refuse_existing(path: Path) -> None:
    if path.exists() or path.is_symlink():
        raise UsageError(f"{path} exists already; choose another file name.")


def report(
    mentor: MentorArg,
    since: Annotated[
        str | None, typer.Option("--since", metavar="WHEN", help="Default: 12 months ago.")
    ] = None,
    until: Annotated[str | None, typer.Option("--until", metavar="WHEN", help="Default: today.")] = None,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", metavar="FILE", help="Write to FILE.")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """A Markdown letter for MENTOR: their advice and what it led to, todos completed, goals
    and thanks. Never meeting notes, open topics or other mentors."""
    from mentorlog.journal import mentors
    from mentorlog.views import report as view

    start = _since(since)
    end = when(until, "--until", future=False).day if until else dates.today()
    if start > end:
        raise UsageError(f"--since {start} is after --until {end}.")
    with journal() as conn:
        letter = view.build(conn, mentors.resolve(conn, mentor), start, end)
    if as_json:
        emit_json(letter.to_json())
        return
    text = view.markdown(letter)
    if output is None:
        echo(text.rstrip("\n"))
        return
    from mentorlog.files import output_error, write_private
    from mentorlog.render.text import visible

    try:
        write_private(output, visible(text))  # a file someone will `cat`: escaped like the screen
    except OSError as e:
        raise output_error(output, e, force_hint=False) from None
    echo(f"Wrote the report for {mentor} to {output}.")
