"""``progress``, the long view, through the CLI: the activity calendar at the terminal's width
(an even, labelled axis; the latest weeks that fit, and a note saying so), the goals of the
period, and ``--save`` (a self-contained picture, 0600, never over a file without --force,
never through a symbolic link).

The journal is a year of fortnightly Thursday check-ins with Ada, the last on Thu 12 Nov 2026;
now is Tue 24 Nov 2026, so the period is the 53 calendar weeks from Mon 24 Nov 2025.
"""

from __future__ import annotations

import itertools
import os
import re
import stat
from datetime import date, timedelta

import pytest

from helpers import snapshot

FIRST = date(2025, 11, 27)
MEETINGS = [FIRST + timedelta(weeks=2 * n) for n in range(26)]  # to Thu 12 Nov 2026
PERIOD_START = date(2025, 11, 24)  # the Monday of the first column
WEEKS = 53


@pytest.fixture
def year(made_once, cli):
    made_once(_year)
    return cli


def _year(cli):
    cli("mentor", "add", "Ada Lovelace", "--every", "fortnightly on thu", "--next", "2025-11-27 15:00")
    for day in MEETINGS:
        cli("log", "ada", "--on", f"{day} 15:00", "--notes", "check-in")


def calendar_lines(out: str) -> list[str]:
    """The month line, the seven weekday rows and what follows, up to the next section."""
    lines = out.splitlines()
    monday = next(i for i, line in enumerate(lines) if line.startswith("Mon "))
    end = next(i for i in range(monday, len(lines)) if lines[i] == "")
    return lines[monday - 1 : end]


@pytest.mark.parametrize(("width", "shown"), [(40, 18), (80, 38), (200, WEEKS)])
def test_the_calendar_fits_the_width_with_an_even_labelled_axis(year, monkeypatch, width, shown):
    monkeypatch.setenv("COLUMNS", str(width))
    out = year("progress").stdout
    assert all(len(line) <= width and not line.endswith(" ") for line in out.splitlines())
    cal = calendar_lines(out)
    header, rows, rest = cal[0], cal[1:8], cal[8:]
    assert [row[:4] for row in rows] == ["Mon ", "    ", "Wed ", "    ", "Fri ", "    ", "    "]
    assert all(len(row) == 4 + 2 * shown - 1 for row in (rows[0], rows[1]))  # Mon, Tue: every week
    first = PERIOD_START + timedelta(weeks=WEEKS - shown)  # the Monday of the first column shown

    def column(day: date) -> int:
        return 4 + 2 * ((day - first).days // 7)

    # every check-in shown has its mark, in every other column: the axis is whole weeks
    thursday = rows[3]
    marks = [m.start() for m in re.finditer("●", thursday)]
    expected = [column(d) for d in MEETINGS if d >= first]
    assert marks == expected
    assert {b - a for a, b in itertools.pairwise(marks)} == {4}
    assert set(thursday[4:].replace("●", "")) <= {"·", " "}  # nothing else happened on Thursdays
    # month names stand over the week in which each month begins
    for first_of_month in (date(2026, 1, 1), date(2026, 6, 1), date(2026, 11, 1)):
        if first_of_month >= first:
            name = first_of_month.strftime("%b")
            assert header[column(first_of_month) :].startswith(name), (name, header)
    legend = " ".join(rest)
    for words in ("· nothing", "▪ one thing", "■ two or more", "● check-in"):
        assert words in legend
    note = f"showing the last {shown} of {WEEKS} weeks"
    assert (note in " ".join(rest).replace("  ", " ")) == (shown < WEEKS)
    if shown < WEEKS:
        assert "widen the terminal to see more" in " ".join(line.strip() for line in rest)


def test_goals_are_the_active_ones_and_those_closed_in_the_period(year, monkeypatch):
    monkeypatch.setenv("MENTORLOG_NOW", "2025-06-01T10:00:00")  # long before the period
    year("goal", "add", "Closed long ago", "-m", "ada")
    year("goal", "done", "1")
    monkeypatch.setenv("MENTORLOG_NOW", "2026-03-02T10:00:00")
    year("goal", "add", "Achieved this spring", "-m", "ada")
    year("goal", "done", "2")
    year("goal", "add", "Still going", "-m", "ada")
    year("goal", "add", "Dropped", "-m", "ada")
    year("goal", "drop", "4")
    monkeypatch.setenv("MENTORLOG_NOW", "2026-11-24T10:00:00")
    out = year("progress").stdout
    goals = out[out.index("\nGoals\n") :]
    assert "Achieved this spring (achieved)" in goals and "Still going (active)" in goals
    assert "Dropped (dropped)" in goals
    assert "Closed long ago" not in out


def test_saved_svg_is_self_contained_and_private(year, tmp_path):
    path = tmp_path / "progress.svg"
    out = year("progress", "--save", str(path)).stdout
    assert out.endswith(f"Saved {path}.\n")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    svg = path.read_text()
    assert svg.startswith("<svg ")
    assert [m.start() for m in re.finditer("http", svg)] == [
        svg.index('xmlns="http://www.w3.org/2000/svg"') + 7
    ]
    assert not re.search(r"@import|url\((?!#)|<script|<link|href=", svg)
    assert "check-in" in svg and "Nov" in svg
    assert 'xml:space="preserve"' in svg  # indented lines keep their indent in librsvg


def test_saved_html_is_self_contained_and_private(year, tmp_path):
    path = tmp_path / "progress.html"
    year("progress", "ada", "--save", str(path))
    html = path.read_text()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "http" not in html and "<script" not in html and "<link" not in html
    assert "<title>mentorlog progress — Ada Lovelace</title>" in html


def test_save_never_replaces_a_file_without_force(year, tmp_path):
    path = tmp_path / "progress.svg"
    path.write_text("mine")
    path.chmod(0o644)
    result = year("progress", "--save", str(path), code=2)
    assert f"--save: {path} exists already." in result.stderr and "--force" in result.stderr
    assert result.stdout == ""  # refused before drawing anything
    assert path.read_text() == "mine"
    year("progress", "--save", str(path), "--force")
    assert path.read_text().startswith("<svg ")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_save_never_writes_through_a_symbolic_link(year, tmp_path):
    target = tmp_path / "elsewhere.txt"
    target.write_text("keep me")
    link = tmp_path / "progress.svg"
    link.symlink_to(target)
    for extra in ([], ["--force"]):
        result = year("progress", "--save", str(link), *extra, code=2)
        assert "is a symbolic link" in result.stderr
    assert target.read_text() == "keep me"
    assert os.path.islink(link)


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("missing/progress.svg", "the folder"),
        ("progress.png", "must end in .svg or .html"),
    ],
)
def test_save_refuses_what_it_cannot_write(year, tmp_path, db_path, name, says):
    before = snapshot(db_path)
    result = year("progress", "--save", str(tmp_path / name), code=2)
    assert says in result.stderr
    assert not (tmp_path / "missing").exists()
    assert snapshot(db_path) == before


def test_save_goes_without_json(year, tmp_path):
    result = year("progress", "--json", "--save", str(tmp_path / "p.svg"), code=2)
    assert "without --json" in result.stderr
    assert not (tmp_path / "p.svg").exists()


def test_a_saved_picture_has_a_fixed_width_and_the_whole_period(year, tmp_path, monkeypatch):
    pictures = []
    for width in (40, 200):
        monkeypatch.setenv("COLUMNS", str(width))
        path = tmp_path / f"from-{width}.html"
        out = year("progress", "--save", str(path)).stdout
        assert ("widen the terminal" in out) == (width == 40)  # the terminal still gets what fits
        pictures.append(path.read_text())
    assert pictures[0] == pictures[1]  # the terminal it was saved from does not show
    html = pictures[0]
    assert "widen the terminal" not in html and "showing the last" not in html
    assert html.count("●") == len(MEETINGS) + 1  # every check-in of the 53 weeks, and the legend's


def test_a_mentor_never_met_does_not_count_in_cadence_kept(cli, monkeypatch):
    # the cadence counts from the mentor's first meeting: one never met has none to keep yet
    monkeypatch.setenv("MENTORLOG_NOW", "2026-11-25T10:00:00")
    cli("mentor", "add", "Ada Lovelace", "--every", "2 weeks")
    cli("mentor", "add", "Maggie Smith", "--every", "month")
    cli("log", "ada", "--on", "2026-11-12 15:00", "--notes", "check-in")
    assert "cadence kept 100%" in cli("progress", "ada").stdout
    assert "cadence kept 100%" in cli("progress").stdout
    assert cli("progress", "--json").stdout.count('"cadence_kept": 1.0') == 1
    assert "cadence kept — (no check-in yet)" in cli("progress", "maggie").stdout
    assert '"cadence_kept": null' in cli("progress", "maggie", "--json").stdout
