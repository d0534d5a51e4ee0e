"""The timeline as a picture: an SVG read back as XML, a self-contained HTML page, and a real browser's render."""

from __future__ import annotations

import shutil
import struct
import subprocess
import xml.etree.ElementTree as ET
import zlib
from collections.abc import Sequence
from datetime import date
from itertools import pairwise
from pathlib import Path

import pytest

import fighterlaw as fl
from tests.helpers import person

NS = {"svg": "http://www.w3.org/2000/svg"}
START, END = date(2025, 1, 1), date(2026, 12, 31)
SOLDIER = person(
    id="p-17",
    birth_date="1994-03",
    sex="male",
    contracts=[{"signed": "2025-05-02", "term_months": 12}],
    combat=True,
    asylum_in_russia=False,
    offences=[{"id": "o1", "combat_related": True}],
)
LANES = fl.timelines(SOLDIER, start=START, end=END)


def drawing(lines: fl.Timeline | Sequence[fl.Timeline] = LANES) -> ET.Element:
    return ET.fromstring(fl.timeline_svg(lines))  # noqa: S314 - our own output


def texts(element: ET.Element, css: str) -> list[str]:
    return [node.text or "" for node in element.iter(f"{{{NS['svg']}}}text") if css in (node.get("class") or "")]


def test_there_is_a_lane_for_each_rule_and_subject_with_its_name():
    """One lane per timeline, named by its rule and subject, in order."""
    lanes = drawing().findall(".//svg:g[@class='lane']", NS)
    assert [(lane.get("data-rule"), lane.get("data-subject")) for lane in lanes] == [
        (line.rule, line.subject) for line in LANES
    ]
    for lane, line in zip(lanes, LANES, strict=True):
        assert texts(lane, "lane-rule") == [fl.QUESTIONS[line.rule].title]  # the question, in words
        assert texts(lane, "lane-subject") == [
            "the person" if line.subject == "person" else line.subject.replace(":", " ")
        ]


def test_each_span_is_a_rectangle_as_wide_as_its_days_and_coloured_by_its_verdict():
    """The rectangles tile each lane: widths in proportion to the days, fills by verdict, in order."""
    svg = drawing()
    fills = {
        pattern.get("id"): pattern.find("svg:rect", NS).get("fill")  # type: ignore[union-attr]
        for pattern in svg.findall(".//svg:pattern", NS)
    }
    colours = {verdict: fills[f"verdict-{verdict.value}"] for verdict in fl.Verdict}
    assert len(set(colours.values())) == 3
    total = (END - START).days + 1
    for lane, line in zip(svg.findall(".//svg:g[@class='lane']", NS), LANES, strict=True):
        rects = lane.findall("svg:rect[@class='span']", NS)
        assert [(rect.get("data-from"), rect.get("data-to"), rect.get("data-verdict")) for rect in rects] == [
            (span.first.isoformat(), span.last.isoformat(), span.verdict.value) for span in line
        ]
        widths = [float(rect.get("width", "")) for rect in rects]
        per_day = sum(widths) / total
        for rect, span, width in zip(rects, line, widths, strict=True):
            assert width == pytest.approx(span.days * per_day, abs=0.002)
            assert rect.get("fill") == f"url(#verdict-{span.verdict.value})"
        edges = [float(rect.get("x", "")) for rect in rects]
        for left, width, right in zip(edges, widths, edges[1:], strict=False):
            assert left + width == pytest.approx(right, abs=0.002)


def test_the_legend_names_each_verdict_and_how_dates_are_drawn():
    """A key with the three verdicts, dates of law, windows of days and dates of the record."""
    legend = drawing().find(".//svg:g[@class='legend']", NS)
    assert legend is not None
    words = [node.text for node in legend.iter(f"{{{NS['svg']}}}text")]
    assert words == ["yes", "no", "undetermined", "date of law", "known only to a window of days", "date of the record"]


def test_the_dates_of_law_and_of_the_record_are_marked_with_their_labels():
    """Each date of law in the period by its name for people and its day; the record's dates; years on the axis."""
    svg = drawing()
    law = [node.text for node in svg.findall(".//svg:g[@class='marker-labels law']/svg:text", NS)]
    assert "Federal Law No. 50-FZ in force 2026-03-19" in law
    assert "the law of 7 Jul 2025 in force 2025-07-07" in law
    assert "Decree No. 10 no longer in force, Decree No. 821 in force 2025-11-05" in law
    record = [node.text for node in svg.findall(".//svg:g[@class='marker-labels record']/svg:text", NS)]
    assert "contracts[0].signed 2025-05-02" in record
    assert "over 30 2025-03-01..2025-03-31" in record
    assert texts(svg, "year") == ["2025", "2026"]
    assert {marker.get("data-date") for marker in svg.findall(".//svg:g[@class='marker law']", NS)} >= {
        "2026-03-19",
        "2025-07-07",
    }


def test_labels_in_a_row_do_not_overlap():
    """Labels share a row only where they are apart (by a generous estimate of their widths)."""
    svg = drawing(fl.timelines(SOLDIER, start=date(2020, 1, 1), end=date(2027, 12, 31), reading="all"))
    for group in svg.findall(".//svg:g[@class]", NS):
        if not (group.get("class") or "").startswith("marker-labels"):
            continue
        rows: dict[str, list[tuple[float, float]]] = {}
        for node in group.findall("svg:text", NS):
            x, width = float(node.get("x", "")), len(node.text or "") * 11 * 0.62
            low, high = (x, x + width) if node.get("text-anchor") == "start" else (x - width, x)
            rows.setdefault(node.get("y", ""), []).append((low, high))
        for extents in rows.values():
            extents.sort()
            for (_, high), (low, _) in pairwise(extents):
                assert high <= low


def test_drawing_needs_timelines_over_one_period():
    """Nothing to draw, or lanes over different periods, is an error that says so."""
    with pytest.raises(ValueError, match="at least one timeline"):
        fl.timeline_svg([])
    other = fl.timeline(SOLDIER, "foreign-contract", start=START, end=date(2025, 6, 30))
    with pytest.raises(ValueError, match="one period; found 2"):
        fl.timeline_html([LANES[0], other])


def test_a_picture_narrower_than_its_labels_is_refused():
    """A width with no room for the labels and an axis is an error that says so, not a drawing that never ends."""
    with pytest.raises(ValueError, match="width of at least 320 pixels; found 10"):
        fl.timeline_html(LANES, width=10)
    assert fl.timeline_svg(LANES, width=320).startswith("<svg")


@pytest.mark.parametrize(
    "start",
    [pytest.param(date(9999, 12, 1), id="the last month of the calendar"), pytest.param(START, id="up to its end")],
)
def test_a_period_ending_on_the_last_day_of_the_calendar_is_drawn(start):
    """The axis stops at the calendar's last month; a date known only as 'unknown' reaches the period's edge."""
    record = person(contracts=[{"signed": "2025-05-02", "ended": "unknown"}], asylum_in_russia=False)
    lines = fl.timelines(record, start=start, end=date.max, rules=["extradition-bar"])
    picture = drawing(lines)
    assert texts(picture, "lane-rule") == ["Extradition barred"] * len(lines)
    assert "9999-12-31" in [node.text for node in picture.iter(f"{{{NS['svg']}}}text")]
    assert fl.timeline_html(lines).startswith("<!DOCTYPE html>")


def test_lanes_under_several_readings_say_which():
    """Comparing readings lane by lane: each lane names its reading; the title can be given."""
    lanes = [
        fl.timeline(SOLDIER, "extradition-bar", start=START, end=END, reading=name) for name in ("enacted", "press")
    ]
    svg = ET.fromstring(fl.timeline_svg(lanes, title="Item 7, two readings"))  # noqa: S314
    assert texts(svg, "lane-subject") == ["the person, reading enacted", "the person, reading press"]
    assert "Item 7, two readings" in [node.text for node in svg.iter(f"{{{NS['svg']}}}text")]


def test_the_html_page_is_self_contained():
    """The page holds the picture, the text and the disclaimer, and loads nothing and runs nothing."""
    page = fl.timeline_html(LANES)
    assert page.startswith("<!DOCTYPE html>")
    assert "<svg" in page
    assert "p-17: reading enacted, 2025-01-01 to 2026-12-31" in page
    assert fl.DISCLAIMER in page
    assert "2026-03-19 to 2026-12-31" in page
    lowered = page.lower()
    for outside in ("<script", "src=", "href=", "@import", "https://"):
        assert outside not in lowered
    assert lowered.count("http://") == 1  # the SVG namespace, which names and loads nothing


def test_a_short_period_has_days_on_its_axis():
    """Over two months the axis marks months and weeks."""
    lanes = fl.timelines(SOLDIER, start=date(2026, 2, 15), end=date(2026, 4, 15), rules=["extradition-bar"])
    axis = drawing(lanes).find(".//svg:g[@class='axis']", NS)
    assert axis is not None
    words = [node.text for node in axis.iter(f"{{{NS['svg']}}}text")]
    assert {"Mar", "Apr", "8", "15", "22", "2026-02-15", "2026-04-15"} <= set(words)


# --- a real browser ------------------------------------------------------------------------------------------------

CHROMIUM = Path("/usr/bin/chromium")


def png_pixels(data: bytes) -> tuple[int, int, set[tuple[int, int, int]]]:
    """The size and the colours of an 8-bit RGB or RGBA PNG, decoded with the standard library."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    position, chunks, header = 8, [], b""
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            chunks.append(body)
        position += 12 + length
    width, height, depth, colour = struct.unpack(">IIBB", header[:10])
    assert depth == 8
    channels = {2: 3, 6: 4}[colour]
    raw = zlib.decompress(b"".join(chunks))
    stride = width * channels
    previous = bytearray(stride)
    colours: set[tuple[int, int, int]] = set()
    for row in range(height):
        start = row * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for index in range(stride):
            left = line[index - channels] if index >= channels else 0
            up = previous[index]
            corner = previous[index - channels] if index >= channels else 0
            if kind == 1:
                line[index] = (line[index] + left) & 0xFF
            elif kind == 2:
                line[index] = (line[index] + up) & 0xFF
            elif kind == 3:
                line[index] = (line[index] + (left + up) // 2) & 0xFF
            elif kind == 4:
                guess = left + up - corner
                nearest = min((abs(guess - left), 0, left), (abs(guess - up), 1, up), (abs(guess - corner), 2, corner))
                line[index] = (line[index] + nearest[2]) & 0xFF
        colours.update((line[i], line[i + 1], line[i + 2]) for i in range(0, stride, channels * 7))
        previous = line
    return width, height, colours


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Chromium at /usr/bin/chromium to render the page")
def test_a_browser_renders_the_page_with_every_verdict_s_colour(tmp_path: Path):
    """Headless Chromium draws the page: a screenshot of the asked size, showing the verdicts' colours."""
    lanes = fl.timelines(SOLDIER, start=date(2024, 1, 1), end=END)
    assert {span.verdict for lane in lanes for span in lane} == set(fl.Verdict)
    page = tmp_path / "timeline.html"
    page.write_text(fl.timeline_html(lanes), encoding="utf-8")
    shot = tmp_path / "timeline.png"
    profile = tmp_path / "profile"
    command = [
        str(CHROMIUM),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        f"--screenshot={shot}",
        "--window-size=1400,900",
        page.as_uri(),
    ]
    subprocess.run(command, capture_output=True, check=True, timeout=180)
    width, height, colours = png_pixels(shot.read_bytes())
    assert (width, height) == (1400, 900)
    for ink in ("#0b6ea8", "#b84a00", "#d9d9d9"):
        wanted = tuple(int(ink[i : i + 2], 16) for i in (1, 3, 5))
        assert any(max(abs(a - b) for a, b in zip(colour, wanted, strict=True)) <= 6 for colour in colours), ink
    shutil.rmtree(profile, ignore_errors=True)


def test_the_day_asked_about_is_marked_across_the_lanes():
    """A timeline drawn for a day asked about marks it with a solid line and says so under the axis."""
    lanes = fl.timelines(SOLDIER, start=START, end=END, asked=date(2026, 3, 19))
    svg = drawing(lanes)
    marks = svg.findall(".//svg:g[@class='marker asked']", NS)
    assert [mark.get("data-date") for mark in marks] == ["2026-03-19"]
    record = [node.text for node in svg.findall(".//svg:g[@class='marker-labels record']/svg:text", NS)]
    assert "the day asked about 2026-03-19" in record
    outside = drawing(fl.timelines(SOLDIER, start=START, end=END, asked=date(2000, 1, 1)))
    assert outside.findall(".//svg:g[@class='marker asked']", NS) == []
