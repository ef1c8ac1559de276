"""``doctor``: is the journal whole? Integrity, references, schema, the full-text index,
history and permissions, each a plain finding, and ``--repair`` for what can be repaired."""

from typing import Annotated

import typer

from mentorlog.cli import transfer
from mentorlog.cli.common import JsonOpt, journal_path
from mentorlog.render.text import echo, emit_json, warn

# --- doctor ---------------------------------------------------------------------------------


def doctor(
    repair: Annotated[
        bool,
        typer.Option(
            "--repair",
            help="Mend what can be mended: the search index, missing tables, history, dates, modes.",
        ),
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Check that the journal is whole; --repair fixes what it can.

    SQLite's integrity and foreign-key checks, the schema version, the tables and triggers, the
    search index, the history, dates out of range, the file permissions and temporary copies
    left behind. Exits 1 when something is wrong, and says what to do next.

    Example: mentorlog doctor --repair
    """
    from mentorlog.io import config
    from mentorlog.journal.store import doctor as checks
    from mentorlog.journal.store.backup import backups_dir
    from mentorlog.journal.store.db import no_journal, require_file
    from mentorlog.journal.store.doctorfindings import REPAIR, RESTORE, UPGRADE

    config.hush()  # its problems are a finding here, not a warning
    path = journal_path()
    if not path.exists():
        raise no_journal(path)
    require_file(path)  # a folder or a pipe is no journal to examine (and a pipe would block)
    size = path.stat().st_size // 2048  # about one "row" per 2 KiB, to size the bar like export's
    with transfer.progress("Checking", size) as advance:
        findings = checks.examine(path, repair=repair, tick=lambda: advance(max(1, size // checks.CHECKS)))
    findings.append(_config(checks.Finding))
    if as_json:
        emit_json([f.to_json() for f in findings])
    else:
        for f in findings:
            mark = "ok  " if f.ok else "FAIL"
            echo(f"{mark}  {f.check}: {f.detail}")
    wrong = [f for f in findings if not f.ok]
    if not wrong:
        return
    fixes = {f.fix for f in wrong}
    if RESTORE in fixes:
        folder = backups_dir(path)
        found = sorted(folder.glob("*.db*"), key=lambda p: p.stat().st_mtime) if folder.is_dir() else []
        newest = f" (the newest in {folder} is {found[-1].name})" if found else ""
        warn(f"The journal is damaged. Restore a backup: mentorlog restore BACKUP{newest}.")
    elif UPGRADE in fixes:
        warn("Upgrade mentorlog to use this journal.")
    if REPAIR in fixes and RESTORE not in fixes:
        warn("Run: mentorlog doctor --repair")
    if any(f.check == "config" for f in wrong):
        from mentorlog.core.errors import Suggest
        from mentorlog.core.words import command

        warn(command(Suggest("fix_config")))
    for f in wrong:
        if f.hint_step:
            from mentorlog.core.words import command

            warn(command(f.hint_step))
    raise typer.Exit(1)


def _config(finding):
    """The config file, as a finding: where every other command says what is wrong in it and
    goes on without it, doctor reports it (README: "The config file")."""
    from mentorlog.io import config

    wrong = config.problems()
    if wrong:
        return finding("config", False, "; ".join(p.text for p in wrong) + ".")
    file = config.path()
    return finding("config", True, f"{file} reads well." if file.exists() else f"No config file ({file}).")
