"""What ``sync`` says: the lines naming each row a merge overrode, brought back or left in
conflict, the ids it renumbered, the one summary line, and ``sync status``'s report. The
commands, and the steps they run in order, are ``cli/sync.py``."""

from __future__ import annotations

from mentorlog.cli.common import journal
from mentorlog.core import dates
from mentorlog.render.text import echo, emit_json, plural


def say_synced(state, sent, received, renumbered, notes, *, first: str | None = None) -> None:
    """What a sync did: a line for each row a merge overrode, restored or left in conflict, one
    for each id renumbered, then the summary (``first``: "init" or "join", the set-up's own)."""
    from mentorlog.cli.imports import renumbered_lines
    from mentorlog.journal.concepts import by_name

    conflicts = [n for n in notes if n["kind"] == "conflict"]
    ids = _local_ids(notes)
    for note in notes:
        concept = note["concept"]
        word = by_name(concept).one if by_name(concept) else concept
        ref = f"{word} {ids.get(note['uuid'], note['uuid'][:8])}"
        if note["kind"] == "overridden":
            echo(
                f"{ref}: {note['field']} was edited on both machines; kept the later edit, "
                f"{note['lost_on']}'s value was {_shown(note['lost'])} (it is in history)."
            )
        elif note["kind"] == "restored":
            echo(
                f"{ref} was deleted on {note.get('deleted_by') or 'another machine'} and edited on the other:"
                " it is back."
            )
        elif note["kind"] == "conflict":
            echo(
                f"{ref}: {note['field']} was edited on both machines; the lines that clash are both kept,"
                " between markers."
            )
    for line in renumbered_lines(renumbered, "other journal"):
        echo(line)
    parts = [
        f"sent {sent.rows + sent.deleted}",
        f"received {received}",
        plural(len(conflicts), "conflict"),
        plural(len(renumbered), "renumbered id"),
    ]
    verb = {"init": "Set up sync with", "join": "Joined"}.get(first or "", "Synced with")
    echo(f"{verb} {state.remote}: " + ", ".join(parts) + ".")


def _local_ids(notes: list[dict]) -> dict[str, int]:
    """uuid → the id the row has here, for the lines that name a row."""
    if not notes:
        return {}
    from mentorlog.journal.store.sync import local_ids

    with journal() as conn:
        return local_ids(conn, notes)


def _shown(value) -> str:
    text = value if isinstance(value, str) else repr(value)
    return repr(text if len(text) <= 60 else text[:57] + "...")


def say_status(state, waiting: dict[str, int], encrypted: bool, *, as_json: bool) -> None:
    """``sync status``: the remote, the last sync, and the rows (``sent``) and deletions waiting."""
    last = dates.from_db(state.last_sync)
    data = {
        "remote": state.remote,
        "last_sync": last.isoformat() if last else None,
        "waiting": waiting,
        "encrypted": encrypted,
    }
    if as_json:
        emit_json({**data, "machine": state.machine})
        return
    echo(f"Remote: {state.remote}" + (" (rows age-encrypted)" if encrypted else " (rows in plain text)"))
    echo(f"Last sync: {data['last_sync'] or 'never'}")
    echo(f"Waiting: {plural(waiting['sent'], 'row')} to send, {plural(waiting['deleted'], 'deletion')}.")
