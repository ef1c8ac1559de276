"""Printing a Rich renderable or JSON for list/show commands (the one place the CLI meets
Rich)."""

from mentorlog.render.text import emit_json


def show(renderable_factory, *args) -> None:
    """Print what ``renderable_factory(*args)`` draws, on a themed console."""
    from mentorlog.render.console import make_console

    make_console().print(renderable_factory(*args))


def show_or_json(as_json: bool, data, renderable_factory, *args) -> None:
    if as_json:
        emit_json(data)
    else:
        show(renderable_factory, *args)
