"""``demo``: a realistic three-month story in a throwaway journal, then ``review`` and ``remind``
on it. The user's own journal is never touched."""

import shlex
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Annotated

import typer

from mentorlog.cli import common
from mentorlog.core import dates
from mentorlog.core.errors import UsageError
from mentorlog.render.text import echo


def demo(
    db: Annotated[
        Path | None,
        typer.Option(
            "--db", metavar="PATH", help="Where to write the demo journal (default: a temporary file)."
        ),
    ] = None,
) -> None:
    """Try mentorlog on a throwaway journal with a three-month story.

    Two mentors, one formal and one informal; then `review` and `remind` on it. Your own
    journal is never touched.

    Example: mentorlog demo --db /tmp/demo.db
    """
    from mentorlog.cli import views
    from mentorlog.journal import demo, demo_story
    from mentorlog.render.console import heading, make_console

    if db is None:
        db = Path(tempfile.mkdtemp(prefix="mentorlog-demo-")) / "demo.db"
    elif db.exists() or db.is_symlink():
        raise UsageError(f"{db} exists already; the demo only writes a new file.")
    common.session().use_journal(db, typed=True)  # the demo's own journal, and its hints name it
    console = make_console()
    today = dates.today()
    if console.is_terminal:
        from rich.progress import Progress

        with Progress(transient=True, console=console) as bar:
            task = bar.add_task("Writing the demo journal", total=len(demo_story.STORY))
            demo.build(
                db, today, demo_story.STORY, lambda label: bar.update(task, advance=1, description=label)
            )
    else:
        demo.build(db, today, demo_story.STORY)
    heading(console, "mentorlog review")
    views.review(mentor=None, agenda=False, as_json=False)
    heading(console, "mentorlog remind")
    views.remind(within=3, exit_code=False, as_json=False)
    heading(console)
    echo(f"The demo journal is {db}")
    echo(f"Explore it: {command_that_runs()} --db {shlex.quote(str(db))} progress")
    echo(
        "  (or instead of progress: meeting list, advice list, report ada,"
        " agreement show ada, closure show margaret)"
    )


def command_that_runs() -> str:
    """How to run this mentorlog again from the user's shell. Right after the quick start,
    ``mentorlog`` is only in ``.venv/bin``: the plain name is printed only when it is on PATH
    and is this very script, else the script's full path, else ``python -m mentorlog`` with
    this interpreter (as when it was started that way)."""

    script = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if script is None or script.name != "mentorlog" or not script.is_file():
        return f"{shlex.quote(sys.executable)} -m mentorlog"
    found = shutil.which("mentorlog")
    if found and Path(found).resolve() == script.resolve():
        return "mentorlog"
    return shlex.quote(str(script.absolute()))
