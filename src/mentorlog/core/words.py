"""How mentorlog words what the domain says as data: the command that lists each concept, the
option each field comes from, and the command for each suggested next step (``errors.Suggest``).

This is the one table, beside the error boundary, where a next step becomes a ``mentorlog …``
command line — for an error's hint, a review nudge or a remind line — so renaming a command or
an option is one edit here (tests/test_hints.py checks that every command written here exists),
and the journal and the views never name one. The boundary calls ``word`` for every
MentorlogError it reports; ``command`` words a Suggest on its own. It imports nothing that is
not cheap: ``remind``'s fast path uses it before Typer loads.
"""

from __future__ import annotations

from mentorlog.core.errors import BadValue, MentorlogError, NotFound, Suggest

# Concept name → the command that lists every id of it ("there is no todo 5").
LIST_COMMAND = {
    "todo": "mentorlog todo list --all",
    "advice": "mentorlog advice list",
    "application": "mentorlog advice show ADVICE-ID",
    "meeting": "mentorlog meeting list",
    "topic": "mentorlog topic list --all",
    "thanks": "mentorlog thanks list",
    "goal": "mentorlog goal list --all",
    "mentor": "mentorlog mentor list --all",
    "note": "mentorlog note list",
    "agreement": "mentorlog agreement show MENTOR --all",
    "closure": "mentorlog mentor list --all",
    "update": "mentorlog update list",
    "skill": "mentorlog skill list --all",
    "skill rating": "mentorlog skill show SKILL-ID",
    "feedback": "mentorlog feedback list",
    "offer": "mentorlog offer list --all",
}

# A domain field → the option a user gives it with, where the name differs from ``--field``.
OPTION = {
    "minutes": "--minutes",
    "handle": "--handle",
}

# Suggest(action, **args) → the hint, formatted with the args.
ACTIONS = {
    "add_mentor": "Add one with: mentorlog mentor add 'Full Name'",
    # next steps that views name (review's nudges, remind's lines)
    "set_next": "mentorlog mentor edit {mentor} --next 'WHEN'",
    "log_it": "mentorlog log {mentor}",
    "thank": "mentorlog thanks add {mentor} …",
    "queue_for": "mentorlog topic add {mentor} …",
    "list_untried": "mentorlog advice list --untried -m {mentor}",
    "run_inbox": "mentorlog inbox files them, or says why it cannot",
    "list_overdue": "mentorlog todo list --overdue",
    "remind_all": "mentorlog remind --json",
    "doctor": "mentorlog doctor",
    "doctor_repair": "mentorlog doctor --repair",
    "doctor_checks": "mentorlog doctor checks the journal and its history.",
    "doctor_chmod": "Change the owner or mode yourself (chmod 600 FILE), then run mentorlog doctor again.",
    "doctor_read_only": "The journal is read-only here: make it writable (or copy it somewhere writable and"
    " point --db at the copy), then run mentorlog doctor --repair.",
    "add_first_mentor": "Add one: mentorlog mentor add 'Ada Lovelace'",
    "start": "Start one with: mentorlog mentor add 'Ada Lovelace'  (or try: mentorlog demo)",
    "name_mentor": "mentorlog mentor add 'Ada Lovelace'",
    "fix_config": "Fix the line it names in an editor; `mentorlog config --path` says where it is.",
    "pass_handle": "Pass --handle {handle}",
    "other_handle": "Choose another one with --handle, e.g. --handle {handle}",
    "rename_mentor": "Rename one (mentorlog mentor edit MENTOR --handle NEW), then import again.",
    "resume_mentor": "mentorlog mentor resume {mentor} undoes it.",
    "reopen_todo": "mentorlog todo reopen {id} to open it again.",
    "todo_fields": "Pass --text, --due, --mentor or --goal.",
    "show_meeting": "See it with: mentorlog meeting show {id}",
    "queue_topic": "mentorlog topic add MENTOR TEXT queues it for another mentor.",
    "undo_again": "Run mentorlog undo again.",
    "restore": "Point --db or MENTORLOG_DB at your journal file, or restore a backup (mentorlog restore).",
    "point_db": "Point --db or MENTORLOG_DB at your journal file.",
    "copy_writable": "It can still be read; to change it, copy it somewhere writable and use --db.",
    "writable_place": "Check the folder, or point --db at a writable place.",
    "install_git": "Install git (e.g. apt install git, brew install git), then sync again.",
    "sync_init": "Set it up: mentorlog sync init REMOTE (on a second machine: mentorlog sync join REMOTE).",
    "sync_join": "To take its rows into this journal: mentorlog sync join {remote}",
    "sync_rejoin": "Move the sync/ folder beside the journal away, then: mentorlog sync join REMOTE",
    "sync_again": "Wait for it to finish, then sync again: mentorlog sync",
}


def command(step: Suggest) -> str:
    """A next step as its command line (or sentence)."""
    return ACTIONS[step.action].format(**step.args)


def option(field: str) -> str:
    return OPTION.get(field, "--" + field.replace("_", "-"))


def _worded(part) -> str:
    return ACTIONS[part.action].format(**part.args) if isinstance(part, Suggest) else part


def hint(error: MentorlogError) -> str | None:
    """The hint to print under ``error``'s message, in words and commands (a hint may be
    words, a ``Suggest``, or a list of those, joined)."""
    h = error.hint
    if isinstance(h, list):
        return " ".join(_worded(part) for part in h if part) or None
    if h:
        return _worded(h)
    if isinstance(error, NotFound) and error.concept in LIST_COMMAND:
        return f"List them with: {LIST_COMMAND[error.concept]}"
    return None


def message(error: MentorlogError) -> str:
    if isinstance(error, BadValue):
        return f"{option(error.field)}: {error.value} {error.why}."
    return error.message


def word(error: MentorlogError) -> tuple[str, str | None]:
    """``error`` as the CLI says it: (message, hint)."""
    return message(error), hint(error)
