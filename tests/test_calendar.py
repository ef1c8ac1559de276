"""The activity calendar of ``progress`` and the saved picture: an even axis of real weeks, month
names over the weeks they start in, a legend, the latest weeks when the period does not fit, and
pictures that reach for nothing outside the file and hold no raw control characters."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from itertools import pairwise

import pytest
from rich.text import Text

from mentorlog.render.calendar import CHECKIN, MORE, NONE, SOME, activity_calendar
from mentorlog.render.console import make_console
from mentorlog.render.picture import SVG_NAMESPACE, export_picture

SINCE, UNTIL = date(2025, 3, 1), date(2026, 2, 27)  # a Saturday to a Friday: 53 calendar weeks
WEEKS = 53
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
# every other Thursday; 2026-01-01 is one of them
MEETINGS = {
    (date(2025, 3, 13) + timedelta(days=14 * k)).isoformat()
    for k in range(30)
    if date(2025, 3, 13) + timedelta(days=14 * k) <= UNTIL
}


def year_activity() -> dict[str, int]:
    activity = dict.fromkeys(MEETINGS, 1)
    for offset in range(0, 365, 5):  # todos done and thanks on other days, 0-2 a day
        day = (SINCE + timedelta(days=offset)).isoformat()
        activity[day] = activity.get(day, 0) + offset % 3
    return activity


def render(width: int, renderable=None, **options) -> list[str]:
    console = make_console(file=io.StringIO(), width=width, record=True, color_system=None)
    console.print(
        renderable
        if renderable is not None
        else activity_calendar(year_activity(), SINCE, UNTIL, width, meetings=MEETINGS)
    )
    return console.export_text().splitlines()


def grid(lines: list[str]) -> tuple[str, list[str]]:
    """The month line and the seven weekday rows."""
    start = next(i for i, line in enumerate(lines) if line.startswith("Mon "))
    return lines[start - 1], lines[start : start + 7]


def columns(row: str, mark: str) -> list[int]:
    return [i for i, ch in enumerate(row) if ch == mark]


@pytest.mark.parametrize("width", [40, 80, 200])
def test_fortnightly_checkins_fall_in_every_other_column(width):
    lines = render(width)
    _, rows = grid(lines)
    thursday = rows[3]
    places = columns(thursday, CHECKIN[0])
    assert len(places) >= 3
    steps = {b - a for a, b in pairwise(places)}
    assert steps == {4}, thursday  # two weeks of two cells each: an even axis
    # and no other weekday has a check-in
    assert all(CHECKIN[0] not in row for i, row in enumerate(rows) if i != 3)


@pytest.mark.parametrize("width", [40, 80, 200])
def test_no_line_is_wider_than_the_terminal(width):
    lines = render(width)
    assert max(len(line) for line in lines) <= width


@pytest.mark.parametrize("width", [40, 80, 200])
def test_month_names_are_in_order_over_the_weeks_they_start_in(width):
    lines = render(width)
    header, rows = grid(lines)
    names = header.split()
    assert len(names) >= 3
    assert all(name in MONTHS for name in names)
    for a, b in pairwise(names):
        assert MONTHS.index(b) == (MONTHS.index(a) + 1) % 12, header
    # 1 January 2026 was a check-in, on a Thursday: "Jan" sits over its column
    assert header.index("Jan") in columns(rows[3], CHECKIN[0])


@pytest.mark.parametrize("width", [40, 80, 200])
def test_legend_names_every_mark(width):
    text = "\n".join(render(width))
    for mark, _, words in (NONE, SOME, MORE, CHECKIN):
        assert re.search(rf"{re.escape(mark)} {words}", text), words


def test_weekday_rows_are_labelled_mon_wed_fri():
    _, rows = grid(render(80))
    assert [row[:3] for row in rows] == ["Mon", "   ", "Wed", "   ", "Fri", "   ", "   "]


def test_a_narrow_terminal_shows_the_latest_weeks_and_says_so():
    lines = render(40)
    _, rows = grid(lines)
    shown = (len(rows[0]) - 4 + 1) // 2
    assert 10 <= shown < WEEKS
    text = " ".join(" ".join(lines).split())
    assert f"showing the last {shown} of {WEEKS} weeks; widen the terminal to see more" in text
    # the latest weeks: the last column holds the last day, Friday 27 February 2026 (a "more" day
    # is not guaranteed, so check the shape instead: Sat and Sun of the last week are blank)
    assert rows[5].endswith(" ") or len(rows[5]) < len(rows[4])
    assert rows[6].endswith(" ") or len(rows[6]) < len(rows[4])
    assert rows[4].rstrip()[-1] in {NONE[0], SOME[0], MORE[0], CHECKIN[0]}


def test_a_wide_terminal_shows_every_week_without_a_note():
    lines = render(200)
    _, rows = grid(lines)
    assert all(len(row.rstrip()) <= 4 + 2 * WEEKS for row in rows)
    assert len(rows[4].rstrip()) == 4 + 2 * WEEKS - 1  # Friday has a cell in every one of the 53 weeks
    assert "showing the last" not in "\n".join(lines)
    # the period starts on a Saturday: Monday to Friday of the first week are blank, Sat is not
    assert all(row[4] == " " for row in rows[:5])
    assert rows[5][4] != " "
    # every check-in of the year is there
    assert len(columns(rows[3], CHECKIN[0])) == len(MEETINGS)


def test_marks_follow_the_count_and_checkins_win():
    since = date(2026, 6, 1)  # a Monday
    activity = {"2026-06-01": 0, "2026-06-02": 1, "2026-06-03": 2, "2026-06-04": 7, "2026-06-05": 3}
    lines = render(80, activity_calendar(activity, since, date(2026, 6, 7), meetings={"2026-06-05"}))
    _, rows = grid(lines)
    assert [row[4] for row in rows] == [NONE[0], SOME[0], MORE[0], MORE[0], CHECKIN[0], NONE[0], NONE[0]]


def test_without_meetings_the_legend_has_no_checkin():
    lines = render(80, activity_calendar({"2026-06-02": 1}, date(2026, 6, 1), date(2026, 6, 30)))
    assert "check-in" not in "\n".join(lines)
    assert CHECKIN[0] not in "\n".join(lines)


def test_no_width_means_the_console_width():
    calendar = activity_calendar(year_activity(), SINCE, UNTIL, meetings=MEETINGS)
    assert max(len(line) for line in render(60, calendar)) <= 60
    assert "showing the last 28 of 53 weeks" in " ".join(" ".join(render(60, calendar)).split())


def test_the_first_column_is_named_when_the_period_starts_mid_month():
    since, until = date(2026, 3, 18), date(2026, 6, 10)
    header, _ = grid(render(80, activity_calendar({}, since, until)))
    assert header.split() == ["Mar", "Apr", "May", "Jun"]
    assert header.index("Mar") == 4


def test_month_names_never_run_together():
    # one cell per week would put a name every four or five cells; with two, never closer than eight
    for start in (date(2025, 1, 1), date(2025, 7, 15), date(2024, 2, 29)):
        header, _ = grid(render(200, activity_calendar({}, start, start + timedelta(days=400))))
        assert re.fullmatch(r" {4}[A-Z][a-z]{2}( +[A-Z][a-z]{2})*", header), header


# --- the saved picture ---------------------------------------------------------------------------

HOSTILE = "Eve \x1b]52;c;aGk=\x07 \x1b[2J name \x9b end"


def recorded(width: int = 80):
    console = make_console(file=io.StringIO(), width=width, record=True, color_system="truecolor")
    console.print(Text("Activity (meetings, todos done, advice applied, thanks)", style="section"))
    console.print(activity_calendar(year_activity(), SINCE, UNTIL, meetings=MEETINGS))
    # a user string that skipped render.console.user(): the picture must still be safe
    console.print(Text(HOSTILE))
    console.print(Text("a link", style="link https://example.com"))
    return console


@pytest.mark.parametrize("suffix", [".svg", ".html", ".SVG"])
def test_a_picture_refers_to_nothing_outside_itself(suffix):
    text = export_picture(recorded(), suffix, "mentorlog progress")
    # the SVG namespace is a name that is never fetched; nothing else may look like an address
    assert "http" not in text.replace(f'xmlns="{SVG_NAMESPACE}"', "")
    assert "@font-face" not in text and "@import" not in text and "<script" not in text
    assert "url(" not in re.sub(r"url\(#[\w-]+\)", "", text)  # only the file's own clip paths
    assert "Fira" not in text


@pytest.mark.parametrize("suffix", [".svg", ".html"])
def test_control_characters_never_reach_the_file_raw(suffix):
    text = export_picture(recorded(), suffix, "progress \x1b[2J")
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", text)
    assert "\\x1b]52;c;aGk=" in text and "\\x1b[2J" in text and "\\x9b" in text


def test_the_svg_is_well_formed_and_shows_every_line(tmp_path):
    svg = export_picture(recorded(), ".svg", "mentorlog <progress> & {things}")
    path = tmp_path / "progress.svg"
    path.write_text(svg, encoding="utf-8")
    root = ET.parse(path).getroot()
    assert root.tag == f"{{{SVG_NAMESPACE}}}svg"
    assert root.find(f"{{{SVG_NAMESPACE}}}title").text == "mentorlog <progress> & {things}"
    ids = {el.get("id") for el in root.iter() if el.get("id")}
    refs = {m for m in re.findall(r"url\(#([\w-]+)\)", svg)}
    assert refs <= ids  # every line's clip path exists, the last one too
    assert "font-family: ui-monospace" in svg


def test_the_html_names_a_local_font_and_keeps_the_text():
    html = export_picture(recorded(), ".html", "mentorlog progress")
    assert html.startswith("<!DOCTYPE html>")
    assert "<title>mentorlog progress</title>" in html
    assert '"DejaVu Sans Mono"' in html
    assert "showing the last" in html and "check-in" in html
    assert "<a " not in html


def test_another_suffix_is_refused():
    with pytest.raises(ValueError):
        export_picture(recorded(), ".png", "x")
