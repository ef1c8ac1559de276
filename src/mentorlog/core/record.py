"""``Record``: plain data classes declared by their annotations, without ``dataclasses``.

Importing ``dataclasses`` costs more than a whole ``python -c pass`` (it pulls in ``inspect``),
and ``remind`` must start in four times that (SPEC §7). A record declares its fields as
annotations, optionally with a default or ``field(...)``; it gets an ``__init__`` taking them
positionally or by name, ``__eq__`` and ``__repr__``. That is all mentorlog's data classes use.
"""

from __future__ import annotations

MISSING = object()


class Field:
    """One declared field: its name, annotation (text), default or factory, and what the
    journal's row mapping needs (the column it is read from, whether JSON shows it)."""

    __slots__ = ("annotation", "column", "default", "factory", "json", "name")

    def __init__(self, *, default=MISSING, factory=MISSING, column: str | None = None, json: bool = True):
        self.name = ""
        self.annotation = ""
        self.default = default
        self.factory = factory
        self.column = column
        self.json = json

    @property
    def optional(self) -> bool:
        return self.default is not MISSING or self.factory is not MISSING


def field(*, default=MISSING, default_factory=MISSING, column: str | None = None, json: bool = True):
    """A field with a default, a factory for a fresh default (``list``), or row metadata."""
    return Field(default=default, factory=default_factory, column=column, json=json)


class Record:
    """Base of mentorlog's data classes; subclasses list their fields as annotations."""

    __fields__: tuple[Field, ...] = ()

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        fields = {f.name: f for f in cls.__fields__}
        # Not inspect.get_annotations: importing inspect is the cost this module avoids.
        for name, annotation in cls.__dict__.get("__annotations__", {}).items():  # noqa: RUF063
            if str(annotation).startswith("ClassVar") or name.startswith("__"):
                continue
            value = cls.__dict__.get(name, MISSING)
            declared = value if isinstance(value, Field) else Field(default=value)
            if isinstance(value, Field):
                delattr(cls, name)  # the instance attribute, set by __init__, is the field
            declared.name, declared.annotation = name, str(annotation)
            fields[name] = declared
        cls.__fields__ = tuple(fields.values())

    def __init__(self, *args, **kwargs):
        fields = self.__fields__
        if len(args) > len(fields):
            raise TypeError(f"{type(self).__name__} takes {len(fields)} fields, got {len(args)}")
        for f, value in zip(fields, args, strict=False):
            setattr(self, f.name, value)
        for f in fields[len(args) :]:
            if f.name in kwargs:
                value = kwargs.pop(f.name)
            elif f.factory is not MISSING:
                value = f.factory()
            elif f.default is not MISSING:
                value = f.default
            else:
                raise TypeError(f"{type(self).__name__}: missing field {f.name!r}")
            setattr(self, f.name, value)
        if kwargs:
            raise TypeError(f"{type(self).__name__}: unknown fields {', '.join(kwargs)}")

    def __eq__(self, other) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return all(getattr(self, f.name) == getattr(other, f.name) for f in self.__fields__)

    __hash__ = None  # mutable, like a dataclass

    def __repr__(self) -> str:
        inside = ", ".join(f"{f.name}={getattr(self, f.name, MISSING)!r}" for f in self.__fields__)
        return f"{type(self).__name__}({inside})"


def fields(record: type[Record] | Record) -> tuple[Field, ...]:
    return record.__fields__
