"""One application of advice, by its own id: what ``advice application edit`` and ``delete``
read, correct and delete. Applying advice, and reading its applications with it, is
``advice``'s (``advice.apply``, ``advice.get(..., with_applications=True)``), as is the
``Application`` record.
"""

from __future__ import annotations

import sqlite3
from datetime import date

from mentorlog.journal.advice import Application, Outcome
from mentorlog.journal.common import UNSET, fetch, remove, require_text, update

_SELECT = "SELECT p.*, a.text AS advice_text FROM applications p JOIN advice a ON a.id = p.advice_id"


def get(conn: sqlite3.Connection, application_id: int) -> Application:
    return Application.from_row(fetch(conn, f"{_SELECT} WHERE p.id = ?", application_id, "application"))


def edit(
    conn: sqlite3.Connection,
    application_id: int,
    *,
    what: str | None = None,
    outcome: object = UNSET,
    reflection: str | None = None,
    on: date | None = None,
) -> Application:
    """Correct an application; ``outcome`` None clears it, and an empty ``reflection`` too."""
    get(conn, application_id)
    values: dict = {}
    if what is not None:
        values["what"] = require_text(what, "what-you-did")
    if outcome is not UNSET:
        values["outcome"] = Outcome(outcome).value if outcome is not None else None
    if reflection is not None:
        values["reflection"] = reflection or None
    if on is not None:
        values["on_date"] = on.isoformat()
    update(conn, "applications", application_id, values)
    return get(conn, application_id)


def delete(conn: sqlite3.Connection, application_id: int) -> Application:
    application = get(conn, application_id)
    remove(conn, "applications", application_id)
    return application
