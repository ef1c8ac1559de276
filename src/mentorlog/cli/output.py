"""Printing a Rich renderable or JSON for list/show commands (the one place the CLI meets
Rich)."""

from mentorlog.render.text import echo, emit_json


def show(renderable_factory, *args) -> None:
    """Print what ``renderable_factory(*args)`` draws, on a themed console."""
    from mentorlog.render.console import make_console

    make_console().print(renderable_factory(*args))


def show_or_json(as_json: bool, data, renderable_factory, *args, empty: str = "Nothing to list.") -> None:
    """JSON, or the drawing; an empty list says so in words instead of a bare table header."""
    if as_json:
        emit_json(data)
    elif data == []:
        echo(empty)
    else:
        show(renderable_factory, *args)
