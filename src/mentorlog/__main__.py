"""Entry point for ``mentorlog`` and ``python -m mentorlog``.

``--version`` and ``remind`` are answered by ``mentorlog.fast`` before Typer and the rest are
imported, so that they stay within their start-up budgets (SPEC §7); everything else goes
through the Typer app.
"""

import contextlib
import os
import sys


def main() -> None:
    try:
        from mentorlog.fast import main as fast

        code = fast(sys.argv[1:])
        if code is None:
            from mentorlog.cli import run

            code = run(sys.argv[1:])
    except KeyboardInterrupt:  # Ctrl-C while starting up, before the error boundary runs
        with contextlib.suppress(OSError, ValueError, AttributeError):
            sys.stderr.write("mentorlog: Interrupted; nothing was changed.\n")
        code = 130
    leave(code)


def leave(code: int) -> None:
    """Exit with ``code`` without tearing the interpreter down.

    By now the command is over: its transaction has committed or rolled back and the journal is
    closed (``open_journal`` closes it on the way out), files it wrote are closed, and only the
    standard streams may still hold text, flushed here. Freeing the hundred and fifty modules a
    command imports, one by one, is all that normal interpreter shutdown would add: 8 ms of a
    60 ms write and 14 ms of a list (SPEC §7).
    """
    try:
        for stream in (sys.stdout, sys.stderr):
            # None: started with the stream closed; OSError: a closed pipe, already reported
            with contextlib.suppress(OSError, ValueError, AttributeError):
                stream.flush()
    except KeyboardInterrupt:  # the command is over and has said so: the interrupt is too late
        pass
    os._exit(code)


if __name__ == "__main__":
    main()
