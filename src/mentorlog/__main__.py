"""Entry point for ``mentorlog`` and ``python -m mentorlog``.

``--version`` is answered here, before Typer and the rest are imported, so that the
cheapest command stays within its start-up budget (SPEC §7).
"""

import sys


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        from mentorlog import __version__
        from mentorlog.cli.boundary import guarded

        sys.exit(guarded(lambda: print(f"mentorlog {__version__}")))
    try:
        from mentorlog.cli import run
    except KeyboardInterrupt:  # Ctrl-C while starting up, before the error boundary exists
        sys.stderr.write("mentorlog: Interrupted; nothing was changed.\n")
        sys.exit(130)
    run(sys.argv[1:])


if __name__ == "__main__":
    main()
