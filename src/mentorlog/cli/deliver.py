"""Delivering a letter meant for a mentor (SPEC §2): Markdown on stdout, ``-o FILE.md``,
``-o FILE.eml`` (a draft written with the standard ``email`` package, ``X-Unsent: 1`` so mail
programs open it as a draft), or ``--mailto`` (an RFC 6068 URL, refused past 2,000 characters).

Used by ``recap``, ``update --draft``, ``review --agenda`` and ``report``. Everything written is
escaped as the screen is (control characters and bidi overrides made visible).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from mentorlog.core.errors import MentorlogError, UsageError
from mentorlog.render.text import echo, visible

MAILTO_MAX = 2000  # what mail programs and browsers reliably take

OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "-o", "--output", metavar="FILE", help="Write to FILE: .eml for a mail draft, else Markdown."
    ),
]
MailtoOpt = Annotated[
    bool, typer.Option("--mailto", help="Print a mailto: URL that opens it in a mail program.")
]


def eml(letter) -> bytes:
    """The letter as an RFC 5322 draft: To (when the contact is an address), Subject, a
    text/plain UTF-8 body, and ``X-Unsent: 1``."""
    from email import policy
    from email.message import EmailMessage
    from email.utils import format_datetime

    from mentorlog.core import dates

    msg = EmailMessage(policy=policy.SMTP)
    if letter.to:
        msg["To"] = letter.to
    msg["Subject"] = visible(letter.subject).replace("\n", " ")
    msg["Date"] = format_datetime(dates.now())
    msg["X-Unsent"] = "1"
    msg.set_content(visible(letter.markdown), subtype="plain", charset="utf-8")
    return msg.as_bytes()


def mailto(letter) -> str:
    from urllib.parse import quote

    to = quote(letter.to or "", safe="@")
    query = (
        f"subject={quote(visible(letter.subject), safe='')}&body={quote(visible(letter.markdown), safe='')}"
    )
    return f"mailto:{to}?{query}"


def deliver(letter, output: Path | None, as_mailto: bool, what: str) -> None:
    """Print, write or turn into a URL the ``letter``; ``what`` names it in the echo line."""
    if output is not None and as_mailto:
        raise UsageError("Give -o FILE or --mailto, not both.")
    if as_mailto:
        url = mailto(letter)
        if len(url) > MAILTO_MAX:
            raise MentorlogError(
                f"The mailto: URL would be {len(url):,} characters, "
                f"more than the {MAILTO_MAX:,} mail programs take; nothing was printed.",
                hint="Write a draft instead: -o FILE.eml",
            )
        echo(url)
        return
    if output is None:
        echo(letter.markdown.rstrip("\n"))
        return
    from mentorlog.core.files import output_error, write_private

    data: bytes | str = eml(letter) if output.suffix.lower() == ".eml" else visible(letter.markdown)
    try:
        write_private(output, data)
    except OSError as e:
        raise output_error(output, e, force_hint=False) from None
    kind = "a mail draft" if output.suffix.lower() == ".eml" else what
    echo(
        f"Wrote {kind} to {output}" + (f" (to {letter.to})." if letter.to and kind == "a mail draft" else ".")
    )
