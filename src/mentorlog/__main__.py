"""Entry point for ``mentorlog`` and ``python -m mentorlog``.

``--version`` and ``remind`` are answered by ``mentorlog.fast`` before Typer and the rest are
imported, so that they stay within their start-up budgets (SPEC §7); everything else goes
through the Typer app.
"""

import sys


def main() -> None:
    try:
        from mentorlog.fast import main as fast

        code = fast(sys.argv[1:])
        if code is not None:
            sys.exit(code)
        from mentorlog.cli import run
    except KeyboardInterrupt:  # Ctrl-C while starting up, before the error boundary exists
        sys.stderr.write("mentorlog: Interrupted; nothing was changed.\n")
        sys.exit(130)
    run(sys.argv[1:])


if __name__ == "__main__":
    main()
