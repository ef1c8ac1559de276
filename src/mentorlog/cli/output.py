"""Printing a Rich renderable or JSON for list/show commands (the one place the CLI meets
Rich)."""

from mentorlog.render.text import echo, emit_json, emit_json_list


def show(renderable_factory, *args) -> None:
    """Print what ``renderable_factory(*args)`` draws, on a themed console."""
    from mentorlog.render.console import make_console

    make_console().print(renderable_factory(*args))


def show_paged(lines: int, renderable_factory, *args) -> None:
    """``show``, through the pager ($PAGER, else less) on a terminal when the drawing has more
    ``lines`` than the terminal has rows; piped, it is printed as it is."""
    from mentorlog.render.console import make_console

    console = make_console()
    if not console.is_terminal or lines <= console.height:
        console.print(renderable_factory(*args))
        return
    from rich.pager import Pager

    class Less(Pager):
        def show(self, content: str) -> None:
            import os
            import pydoc

            # As git does: less shows colour (R), leaves the screen as it was (X), quits when
            # everything fits (F). A LESS of the user's own wins.
            os.environ.setdefault("LESS", "FRX")
            pydoc.pager(content)

    with console.pager(Less(), styles=True):
        console.print(renderable_factory(*args))


def show_or_json(as_json: bool, data, renderable_factory, *args, empty: str = "Nothing to list.") -> None:
    """JSON, or the drawing; an empty list says so in words instead of a bare table header."""
    if as_json:
        emit_json(data)
    elif data == []:
        echo(empty)
    else:
        show(renderable_factory, *args)


def list_or_json(as_json: bool, rows, renderable_factory, *args, empty: str = "Nothing to list.") -> None:
    """A list command's output. ``rows(limit)`` runs the query: JSON streams every row (never
    cut); the table fetches one screenful and the count for "… and N more"."""
    if as_json:
        emit_json_list(r.to_json() for r in rows(None))
        return
    from mentorlog.render.console import LIST_LIMIT

    page = rows(LIST_LIMIT)
    if not page:
        echo(empty)
    else:
        show(renderable_factory, page, *args)
