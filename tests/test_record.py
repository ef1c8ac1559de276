"""``Record``: the small replacement for dataclasses that keeps start-up cheap."""

from __future__ import annotations

import subprocess
import sys

import pytest

from mentorlog.core.record import Record, field, fields


class Point(Record):
    x: int
    y: int = 0
    tags: list[str] = field(default_factory=list)
    note: str | None = field(column="remark", json=False, default=None)


class Point3(Point):
    z: int = 9


def test_init_by_position_and_name_with_defaults_and_fresh_factories():
    a, b = Point(1), Point(x=1, y=2)
    assert (a.x, a.y, a.tags, a.note) == (1, 0, [], None)
    assert (b.x, b.y) == (1, 2)
    a.tags.append("t")
    assert Point(1).tags == []  # each record gets its own list


def test_errors_like_a_dataclass():
    with pytest.raises(TypeError, match="missing field 'x'"):
        Point()
    with pytest.raises(TypeError, match="unknown fields w"):
        Point(1, w=2)
    with pytest.raises(TypeError, match="takes 4 fields"):
        Point(1, 2, [], None, 5)


def test_equality_repr_and_inheritance():
    assert Point(1, 2) == Point(1, 2) and Point(1, 2) != Point(2, 1)
    assert Point(1) != Point3(1)
    assert repr(Point(1)) == "Point(x=1, y=0, tags=[], note=None)"
    assert [f.name for f in fields(Point3)] == ["x", "y", "tags", "note", "z"]
    assert fields(Point)[3].column == "remark" and fields(Point)[3].json is False
    with pytest.raises(TypeError):
        hash(Point(1))


def test_importing_it_does_not_import_dataclasses():
    code = "import sys, mentorlog.core.record; print('dataclasses' in sys.modules, 'inspect' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout
    assert out.strip() == "False False"
