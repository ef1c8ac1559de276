"""``tags``: every tag in the journal and how many rows carry it."""

from mentorlog.cli.common import JsonOpt, journal
from mentorlog.render.text import echo, emit_json


def tags(as_json: JsonOpt = False) -> None:
    """List the tags you used, most used first, with their counts.

    Tags are on meetings, todos, topics, notes and advice (`--tag T` when you file them); every
    list takes `--tag T`, and `search tag:T` finds them.

    Example: mentorlog tags --json
    """
    from mentorlog.journal.tags import counts
    from mentorlog.render.text import visible

    with journal() as conn:
        found = counts(conn)
    if as_json:
        emit_json([{"tag": tag, "count": n} for tag, n in found])
    elif not found:
        echo("No tags yet: add one with --tag when you file something.")
    else:
        width = max(len(visible(tag)) for tag, _ in found)
        for tag, n in found:
            echo(f"{visible(tag):<{width}}  {n}")
