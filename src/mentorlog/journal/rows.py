"""One mapping between a table row and a concept's data class, and from the data class to JSON.

A concept declares its fields once, as a data class deriving from ``Row``; a field whose column
has another name says so with ``column("on_date")``, and a field left out of ``--json`` says
``column(json=False)``. Values are converted by the field's type: ``date`` and ``datetime``
from the journal's ISO text, ``bool`` from 0/1, ``list[str]`` from a JSON list, an enum from its
value — and back to ISO text, plain values and lists for JSON.
"""

from __future__ import annotations

import sqlite3
import sys
from datetime import date, datetime
from enum import Enum
from typing import Any

from mentorlog.core.record import MISSING, Record
from mentorlog.core.record import field as record_field


class Choice(str, Enum):
    """A closed set of words (an outcome, a status, a kind): compares equal to its value and
    prints as it, so the journal, the CLI's choices and the JSON all spell it one way."""

    def __str__(self) -> str:
        return self.value

    __format__ = str.__format__

    @classmethod
    def words(cls) -> list[str]:
        return [c.value for c in cls]


def column(name: str | None = None, *, json: bool = True, default: Any = MISSING) -> Any:
    """A field read from column ``name`` (default: the field's own name)."""
    return record_field(column=name, json=json, default=default)


def _to_date(value: Any) -> date:
    return date.fromisoformat(value[:10])


def _to_datetime(value: Any) -> datetime:
    from mentorlog.core.dates import from_db

    return from_db(value)


def _to_list(value: Any) -> list:
    if value == "[]":  # no tags, the usual case: importing json costs a write ~3 ms of start-up
        return []
    import json

    return json.loads(value) if isinstance(value, str) else list(value)


_CONVERTERS = {"date": _to_date, "datetime": _to_datetime, "bool": bool, "list[str]": _to_list}


def _converter(cls: type, annotation: str):
    base = annotation.replace(" | None", "").strip()
    if base in _CONVERTERS:
        return _CONVERTERS[base]
    found = getattr(sys.modules[cls.__module__], base, None)
    if isinstance(found, type) and issubclass(found, Enum):
        return found
    return None


class Row(Record):
    """Base of every concept dataclass: ``from_row`` and ``to_json`` from the field list."""

    @classmethod
    def _fields(cls) -> tuple:
        plan = cls.__dict__.get("_plan_cache")
        if plan is None:
            plan = tuple(
                (f.name, f.column or f.name, _converter(cls, f.annotation), f.json, f.optional)
                for f in cls.__fields__
            )
            cls._plan_cache = plan
        return plan

    @classmethod
    def from_row(cls, row) -> Any:
        """An instance from a ``sqlite3.Row`` (or mapping) holding the fields' columns.

        Lists and reports build hundreds of these, so the work of matching fields to the
        query's columns is done once per column layout, and values go straight into the
        instance (what ``Record.__init__`` would do for them, without checking each name)."""
        keys = tuple(row.keys())
        plans = cls.__dict__.get("_row_plans")
        if plans is None:
            plans = cls._row_plans = {}
        plan = plans.get(keys)
        if plan is None:
            plan = plans[keys] = cls._row_plan(keys, by_index=isinstance(row, sqlite3.Row))
        columns, defaults = plan
        obj = cls.__new__(cls)
        values = obj.__dict__
        for name, at, convert in columns:
            value = row[at]
            values[name] = convert(value) if convert is not None and value is not None else value
        for f in defaults:
            values[f.name] = f.factory() if f.factory is not MISSING else f.default
        return obj

    @classmethod
    def _row_plan(cls, keys: tuple, by_index: bool) -> tuple:
        """(name, index or key, converter) per field the columns hold, and the optional fields
        they do not (filled with their defaults)."""
        columns, defaults = [], []
        by_name = {f.name: f for f in cls.__fields__}
        for name, col, convert, _, is_optional in cls._fields():
            if col in keys:
                columns.append((name, keys.index(col) if by_index else col, convert))
            elif is_optional:
                defaults.append(by_name[name])
            else:
                raise KeyError(f"{cls.__name__}: the query has no column {col!r}")
        return tuple(columns), tuple(defaults)

    def to_json(self) -> dict:
        """The fields marked for JSON, as plain values: ISO dates, enum values, lists."""
        out = {}
        for name, _, _, in_json, _ in self._fields():
            if in_json:
                out[name] = plain(getattr(self, name))
        return out


def plain(value: Any) -> Any:
    """A value as JSON would carry it."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, Row):
        return value.to_json()
    return value
