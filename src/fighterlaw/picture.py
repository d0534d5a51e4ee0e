"""Timelines as pictures: an SVG with one lane per rule and subject, and a self-contained HTML page around it.

Each lane is coloured by verdict, span by span, and patterned too (``yes`` plain, ``no`` striped,
``undetermined`` cross-hatched, each with its word where it fits), so the picture reads in black and white and
for readers who do not tell the colours apart. Dates of law are marked above the lanes with their keys (a window
of days is shaded), dates of the record below the time axis. The drawing is plain SVG made with the standard
library: no script, no external resource. Every span is a ``rect`` with ``data-verdict``, ``data-from`` and
``data-to``, and every lane a ``g`` with ``data-rule`` and ``data-subject``, so the picture can be checked.

>>> from datetime import date
>>> import fighterlaw as fl
>>> soldier = fl.Person.model_validate({"citizenship": "foreign", "asylum_in_russia": False,
...                                     "contracts": [{"signed": "2023-01-01"}]})
>>> svg = timeline_svg(fl.timeline(soldier, "extradition-bar", start=date(2026, 1, 1), end=date(2026, 12, 31)))
>>> svg.startswith("<svg") and 'data-verdict="yes"' in svg
True
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from fighterlaw.legaltime import Timeline, timeline_text
from fighterlaw.logic import Verdict
from fighterlaw.questions import QUESTIONS
from fighterlaw.report import DISCLAIMER

__all__ = ["timeline_html", "timeline_svg"]

_SVG: Final = "http://www.w3.org/2000/svg"
_FONT: Final = "DejaVu Sans, Verdana, Arial, sans-serif"
# The widths of characters, as shares of the font size: generous, so that labels do not collide.
_CHAR: Final = 0.62
_DIGIT: Final = 0.64
_NARROW: Final = 0.36

# Okabe and Ito's colours for readers with any colour vision, darkened for white text to stand out on them.
_FILL: Final = {Verdict.YES: "#0b6ea8", Verdict.NO: "#b84a00", Verdict.UNDETERMINED: "#d9d9d9"}
_INK: Final = {Verdict.YES: "#ffffff", Verdict.NO: "#ffffff", Verdict.UNDETERMINED: "#1a1a1a"}
_PATTERN: Final = {Verdict.YES: "verdict-yes", Verdict.NO: "verdict-no", Verdict.UNDETERMINED: "verdict-undetermined"}
_LAW_INK: Final = "#333333"
_RECORD_INK: Final = "#6a3d9a"
_MUTED: Final = "#555555"
_AXIS: Final = 46.0  # the height of the time axis under the lanes


@dataclass(frozen=True)
class _Layout:
    """Where things go: sizes in pixels, and the scale from days to pixels."""

    start: date
    end: date
    left: float
    right: float
    width: float
    lane_height: float = 34.0
    lane_gap: float = 10.0
    row: float = 16.0
    font: float = 12.0
    small: float = 11.0

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def per_day(self) -> float:
        return (self.right - self.left) / self.days

    def x(self, day: date) -> float:
        """The left edge of ``day``."""
        return self.left + (day - self.start).days * self.per_day

    def text_width(self, text: str, size: float) -> float:
        """A generous estimate of how wide ``text`` is written in DejaVu Sans (or a font like it)."""
        return size * sum(_NARROW if char in ".,-:;|'()[] " else _DIGIT if char.isdigit() else _CHAR for char in text)


def timeline_svg(lines: Timeline | Iterable[Timeline], *, width: int = 1200, title: str | None = None) -> str:
    """The timelines as an SVG picture, one lane per timeline, over the period of the first.

    All the timelines must cover the same period. ``title`` defaults to the person and the period.

    Raises:
        ValueError: no timelines, timelines over different periods, or a width under 320 pixels.
    """
    chosen = _chosen(lines, width)
    return ET.tostring(_drawing(chosen, width, title if title is not None else _title(chosen)), encoding="unicode")


def timeline_html(lines: Timeline | Iterable[Timeline], *, width: int = 1200, title: str | None = None) -> str:
    """A small self-contained HTML page: the picture, the timelines as text, and the disclaimer.

    It needs no script and loads nothing: open it from a file, print it, or mail it.

    Raises:
        ValueError: no timelines, timelines over different periods, or a width under 320 pixels.
    """
    chosen = _chosen(lines, width)
    heading = title if title is not None else _title(chosen)
    picture = ET.tostring(_drawing(chosen, width, None), encoding="unicode")
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{html.escape(heading)}</title>
<style>
body {{ font-family: {_FONT}; margin: 24px; color: #1a1a1a; background: #ffffff; }}
h1 {{ font-size: 20px; margin: 0 0 12px 0; }}
svg {{ max-width: 100%; height: auto; }}
pre {{ font-size: 12px; background: #f5f5f5; padding: 12px; overflow-x: auto; }}
p.note {{ font-size: 12px; color: {_MUTED}; }}
</style>
</head>
<body>
<h1>{html.escape(heading)}</h1>
{picture}
<details>
<summary>The timelines as text</summary>
<pre>{html.escape(timeline_text(chosen))}</pre>
</details>
<p class="note">{html.escape(DISCLAIMER)}</p>
</body>
</html>
"""


_NARROWEST: Final = 320  # pixels: room for the lane labels and a time axis


def _chosen(lines: Timeline | Iterable[Timeline], width: int) -> list[Timeline]:
    if isinstance(width, bool) or not isinstance(width, int) or width < _NARROWEST:
        msg = f"expected a width of at least {_NARROWEST} pixels; found {width!r}"
        raise ValueError(msg)
    chosen = [lines] if isinstance(lines, Timeline) else list(lines)
    if not chosen:
        msg = "expected at least one timeline to draw"
        raise ValueError(msg)
    periods = {(line.start, line.end) for line in chosen}
    if len(periods) > 1:
        msg = f"expected timelines over one period; found {len(periods)}: " + ", ".join(
            f"{start} to {end}" for start, end in sorted(periods)
        )
        raise ValueError(msg)
    return chosen


def _title(lines: Sequence[Timeline]) -> str:
    people = list(dict.fromkeys(line.person or "(no id)" for line in lines))
    readings = list(dict.fromkeys(line.reading for line in lines))
    first = lines[0]
    return f"{', '.join(people)}: reading {', '.join(readings)}, {first.start} to {first.end}"


def _lane_label(line: Timeline, several_readings: bool) -> tuple[str, str]:
    """The question's name for people, then the subject (and the reading, where several are drawn)."""
    kind, _, offence = line.subject.partition(":")
    subject = f"offence {offence}" if offence else f"the {kind}"
    detail = subject if not several_readings else f"{subject}, reading {line.reading}"
    return QUESTIONS[line.rule].title, detail


def _drawing(lines: Sequence[Timeline], width: int, title: str | None) -> ET.Element:
    several = len({line.reading for line in lines}) > 1
    labels = [_lane_label(line, several) for line in lines]
    font = 12.0
    label_width = max(max(len(rule) * font, len(detail) * (font - 1)) * _CHAR for rule, detail in labels)
    left = min(max(label_width + 24, 150.0), width / 3)
    layout = _Layout(lines[0].start, lines[0].end, left, width - 24.0, float(width))
    law, record = _markers(lines)

    svg = ET.Element(
        "svg",
        {
            "xmlns": _SVG,
            "width": str(width),
            "font-family": _FONT,
            "font-size": _n(layout.font),
            "role": "img",
        },
    )
    ET.SubElement(svg, "title").text = title or _title(lines)
    _definitions(svg)
    y = 8.0
    if title:
        ET.SubElement(svg, "text", {"x": "8", "y": _n(y + 16), "font-size": "16", "font-weight": "bold"}).text = title
        y += 28
    y = _legend(svg, layout, y)
    law_rows = _place(law, layout, layout.small, above=True)
    lanes_top = y + len(law_rows) * layout.row + 8
    lanes_bottom = lanes_top + len(lines) * (layout.lane_height + layout.lane_gap) - layout.lane_gap
    axis_bottom = lanes_bottom + _AXIS
    record_rows = _place(record, layout, layout.small, above=False)
    law_marks = _rows(law_rows, layout, y)
    record_marks = _rows(record_rows, layout, axis_bottom + 4)
    _grid(svg, layout, lanes_top, lanes_bottom)
    _bands(svg, layout, law_marks, "law", lanes_top, lanes_bottom)
    _bands(svg, layout, record_marks, "record", lanes_top, lanes_bottom)
    words: list[_Word] = []
    for index, line in enumerate(lines):
        top = lanes_top + index * (layout.lane_height + layout.lane_gap)
        words.extend(_lane(svg, layout, line, labels[index], top))
    _axis(svg, layout, lanes_bottom)
    _marks(svg, layout, law_marks, "law", lanes_top, lanes_bottom)
    _marks(svg, layout, record_marks, "record", lanes_top, lanes_bottom)
    _labels(svg, layout, law_marks, "law")
    _labels(svg, layout, record_marks, "record")
    _words(svg, words)
    height = axis_bottom + 4 + len(record_rows) * layout.row + 12
    svg.set("height", _n(height))
    svg.set("viewBox", f"0 0 {width} {_n(height)}")
    return svg


def _n(value: float) -> str:
    """A coordinate, to a thousandth of a pixel, without trailing zeros."""
    return f"{value:.3f}".rstrip("0").rstrip(".")


def _definitions(svg: ET.Element) -> None:
    """The fills: plain for yes, striped for no, cross-hatched for undetermined."""
    defs = ET.SubElement(svg, "defs")
    for verdict, key in _PATTERN.items():
        pattern = ET.SubElement(
            defs,
            "pattern",
            {
                "id": key,
                "width": "8",
                "height": "8",
                "patternUnits": "userSpaceOnUse",
                "patternTransform": "rotate(45)",
            },
        )
        ET.SubElement(pattern, "rect", {"width": "8", "height": "8", "fill": _FILL[verdict]})
        if verdict is Verdict.NO:
            ET.SubElement(pattern, "rect", {"width": "3", "height": "8", "fill": "#ffffff", "fill-opacity": "0.4"})
        elif verdict is Verdict.UNDETERMINED:
            ink = {"stroke": "#7a7a7a", "stroke-width": "1"}
            ET.SubElement(pattern, "line", {"x1": "0", "y1": "0", "x2": "0", "y2": "8", **ink})
            ET.SubElement(pattern, "line", {"x1": "0", "y1": "0", "x2": "8", "y2": "0", **ink})
    band = ET.SubElement(
        defs, "pattern", {"id": "window", "width": "6", "height": "6", "patternUnits": "userSpaceOnUse"}
    )
    ET.SubElement(band, "rect", {"width": "6", "height": "6", "fill": _LAW_INK, "fill-opacity": "0.10"})
    ET.SubElement(
        band, "line", {"x1": "0", "y1": "6", "x2": "6", "y2": "0", "stroke": _LAW_INK, "stroke-opacity": "0.35"}
    )


def _legend(svg: ET.Element, layout: _Layout, y: float) -> float:
    """The key: each verdict's fill, and how dates of law, windows and dates of the record are drawn."""
    group = ET.SubElement(svg, "g", {"class": "legend"})
    x = 8.0
    middle = y + 9
    for verdict in Verdict:
        ET.SubElement(
            group,
            "rect",
            {
                "x": _n(x),
                "y": _n(y),
                "width": "28",
                "height": "18",
                "fill": f"url(#{_PATTERN[verdict]})",
                "stroke": "#1a1a1a",
                "stroke-width": "0.5",
            },
        )
        _text(group, x + 34, middle + 4, verdict.value)
        x += 34 + layout.text_width(verdict.value, layout.font) + 18
    x += 8
    ET.SubElement(
        group,
        "line",
        {"x1": _n(x), "y1": _n(y), "x2": _n(x), "y2": _n(y + 18), "stroke": _LAW_INK, "stroke-dasharray": "4 3"},
    )
    _text(group, x + 6, middle + 4, "date of law")
    x += 6 + layout.text_width("date of law", layout.font) + 18
    ET.SubElement(group, "rect", {"x": _n(x), "y": _n(y), "width": "18", "height": "18", "fill": "url(#window)"})
    _text(group, x + 24, middle + 4, "known only to a window of days")
    x += 24 + layout.text_width("known only to a window of days", layout.font) + 18
    ET.SubElement(
        group,
        "line",
        {"x1": _n(x), "y1": _n(y), "x2": _n(x), "y2": _n(y + 18), "stroke": _RECORD_INK, "stroke-dasharray": "1 2"},
    )
    _text(group, x + 6, middle + 4, "date of the record", fill=_RECORD_INK)
    return y + 30


def _text(parent: ET.Element, x: float, y: float, text: str, **extra: str) -> ET.Element:
    attributes = {"x": _n(x), "y": _n(y)}
    attributes.update({"class" if key == "class_" else key.replace("_", "-"): value for key, value in extra.items()})
    element = ET.SubElement(parent, "text", attributes)
    element.text = text
    return element


_Word = tuple[float, float, str, Verdict]


def _lane(svg: ET.Element, layout: _Layout, line: Timeline, label: tuple[str, str], top: float) -> list[_Word]:
    """One rule and subject: its name at the left, then a rectangle per span; the words to write on them."""
    words: list[_Word] = []
    group = ET.SubElement(
        svg,
        "g",
        {"class": "lane", "data-rule": line.rule, "data-subject": line.subject, "data-reading": line.reading},
    )
    rule, detail = label
    _text(group, layout.left - 10, top + 15, rule, text_anchor="end", font_weight="bold", class_="lane-rule")
    _text(group, layout.left - 10, top + 29, detail, text_anchor="end", font_size=_n(layout.small), fill=_MUTED).set(
        "class", "lane-subject"
    )
    for span in line.spans:
        x = layout.x(span.first)
        width = span.days * layout.per_day
        rect = ET.SubElement(
            group,
            "rect",
            {
                "class": "span",
                "x": _n(x),
                "y": _n(top),
                "width": _n(width),
                "height": _n(layout.lane_height),
                "fill": f"url(#{_PATTERN[span.verdict]})",
                "data-verdict": span.verdict.value,
                "data-from": span.first.isoformat(),
                "data-to": span.last.isoformat(),
            },
        )
        ET.SubElement(
            rect, "title"
        ).text = (
            f"{line.rule} [{line.subject}]: {span.verdict.value} from {span.first} to {span.last} ({span.days} days)"
        )
        word = _fitting(span.verdict, width, layout)
        if word:
            words.append((x + width / 2, top + layout.lane_height / 2 + 4, word, span.verdict))
    ET.SubElement(
        group,
        "rect",
        {
            "x": _n(layout.left),
            "y": _n(top),
            "width": _n(layout.right - layout.left),
            "height": _n(layout.lane_height),
            "fill": "none",
            "stroke": "#1a1a1a",
            "stroke-width": "0.75",
        },
    )
    return words


def _words(svg: ET.Element, words: Sequence[_Word]) -> None:
    """The verdicts' words on the spans, over the dates' lines so that nothing hides them."""
    group = ET.SubElement(svg, "g", {"class": "verdict-words", "font-weight": "bold", "text-anchor": "middle"})
    for x, y, word, verdict in words:
        _text(group, x, y, word, fill=_INK[verdict])


def _fitting(verdict: Verdict, width: float, layout: _Layout) -> str:
    """The verdict's word, or ``?`` for a narrow undetermined span, where it fits inside the span."""
    for word in (verdict.value, "?" if verdict is Verdict.UNDETERMINED else ""):
        if word and layout.text_width(word, layout.font) + 8 <= width:
            return word
    return ""


# --- markers ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Mark:
    """A date to mark, with every label that shares it, and where its label goes."""

    earliest: date
    latest: date
    text: str
    x: float = 0.0
    anchor: str = "start"
    asked: bool = False
    """The day asked about: drawn as a solid line."""


def _markers(lines: Sequence[Timeline]) -> tuple[list[_Mark], list[_Mark]]:
    """The dates of law and of the record of all the timelines, those on the same date under one label."""
    found: dict[tuple[str, date, date], tuple[list[str], str]] = {}
    for line in lines:
        for marker in line.markers:
            labels, _ = found.setdefault(
                (marker.kind, marker.when.earliest, marker.when.latest), ([], str(marker.when))
            )
            named = marker.title or marker.label
            if named not in labels:
                labels.append(named)
    law: list[_Mark] = []
    record: list[_Mark] = []
    for (kind, earliest, latest), (labels, when) in sorted(found.items(), key=lambda item: item[0][1:]):
        mark = _Mark(earliest, latest, f"{', '.join(labels)} {when}")
        (law if kind == "law" else record).append(mark)
    asked = lines[0].asked
    if asked is not None and lines[0].start <= asked <= lines[0].end:
        record.append(_Mark(asked, asked, f"the day asked about {asked}", asked=True))
        record.sort(key=lambda mark: mark.earliest)
    return law, record


def _place(marks: Sequence[_Mark], layout: _Layout, size: float, *, above: bool) -> list[list[_Mark]]:
    """Rows of labels, so that no two overlap and, as far as rows allow, no line runs through a label.

    A line runs from its label's row to the lanes, through every row between; rows are numbered from the top
    when the labels are ``above`` the lanes, from the lanes down otherwise. Each label goes right of its line,
    or left of it where that clashes less or the right has no room.
    """
    placed: list[tuple[int, float, float, float]] = []  # row, line, low, high
    labels: list[tuple[int, _Mark]] = []
    gap = 8.0

    def clashes(row: int, x: float, low: float, high: float) -> int | None:
        found = 0
        for other, line, other_low, other_high in placed:
            if other == row and low < other_high + gap and other_low < high + gap:
                return None  # two labels overlap: never
            farther = other < row if above else other > row
            if farther and low - gap / 2 <= line <= high + gap / 2:
                found += 1  # the line of a label farther from the lanes runs through this label
            elif not farther and other != row and other_low - gap / 2 <= x <= other_high + gap / 2:
                found += 1  # this label's line runs through a label nearer the lanes
        return found

    for mark in marks:
        x = layout.x(max(mark.earliest, layout.start))
        width = layout.text_width(mark.text, size)
        sides = []
        if x + 4 + width <= layout.width - 4:
            sides.append(("start", x + 4, x, x + 4 + width))
        if x - 4 - width >= 4:
            sides.append(("end", x - 4, x - 4 - width, x))
        rows = 1 + max((row for row, *_ in placed), default=-1)
        options = [
            (found, row, preference, anchor, at, low, high)
            for row in range(rows + 1)  # the last is a new row, where any label fits
            for preference, (anchor, at, low, high) in enumerate(sides or [("start", x + 4, x, x + 4 + width)])
            if (found := clashes(row, x, low, high)) is not None
        ]
        _, row, _, anchor, at, low, high = min(options)
        placed.append((row, x, low, high))
        labels.append((row, _Mark(mark.earliest, mark.latest, mark.text, at, anchor, mark.asked)))
    result: list[list[_Mark]] = [[] for _ in range(1 + max((row for row, _ in labels), default=-1))]
    for row, label in labels:
        result[row].append(label)
    return result


def _rows(rows: Sequence[Sequence[_Mark]], layout: _Layout, top: float) -> list[tuple[float, _Mark]]:
    """Each label with the baseline of its row."""
    return [(top + number * layout.row + 12, mark) for number, row in enumerate(rows) for mark in row]


def _edges(layout: _Layout, mark: _Mark) -> tuple[float, float]:
    """Where a date begins and, for a window, where it ends (the end of its last day)."""
    low = layout.x(max(mark.earliest, layout.start))
    return low, layout.x(min(mark.latest, layout.end)) + layout.per_day


def _bands(
    svg: ET.Element, layout: _Layout, marks: Sequence[tuple[float, _Mark]], kind: str, top: float, bottom: float
) -> None:
    """Windows of days, shaded behind the lanes: they show between the lanes without dulling their colours."""
    group = ET.SubElement(svg, "g", {"class": f"windows {kind}"})
    for _, mark in marks:
        if mark.latest > mark.earliest:
            low, high = _edges(layout, mark)
            ET.SubElement(
                group,
                "rect",
                {
                    "x": _n(low),
                    "y": _n(top),
                    "width": _n(high - low),
                    "height": _n(bottom - top),
                    "fill": "url(#window)" if kind == "law" else _RECORD_INK,
                    "fill-opacity": "1" if kind == "law" else "0.15",
                },
            )


def _marks(
    svg: ET.Element, layout: _Layout, marks: Sequence[tuple[float, _Mark]], kind: str, top: float, bottom: float
) -> None:
    """Each date's line across the lanes from its label (a window's two edges, and a bracket under its label)."""
    ink = _LAW_INK if kind == "law" else _RECORD_INK
    dash = "4 3" if kind == "law" else "1 2"
    for baseline, mark in marks:
        group = ET.SubElement(svg, "g", {"class": f"marker {kind}", "data-date": mark.earliest.isoformat()})
        low, high = _edges(layout, mark)
        window = mark.latest > mark.earliest
        start, end = (baseline + 3, bottom) if kind == "law" else (top, baseline - layout.small)
        if mark.asked:  # solid and darker, across the lanes: the day the answers are for
            group.set("class", "marker asked")
            line = {"x1": _n(low), "y1": _n(start), "x2": _n(low), "y2": _n(end), "stroke": "#000000"}
            ET.SubElement(group, "line", {**line, "stroke-width": "2"})
            continue
        for x in (low, high) if window else (low,):
            ET.SubElement(
                group,
                "line",
                {"x1": _n(x), "y1": _n(start), "x2": _n(x), "y2": _n(end), "stroke": ink, "stroke-dasharray": dash},
            )
        if window:
            level = baseline + 3 if kind == "law" else baseline - layout.small
            ET.SubElement(
                group,
                "line",
                {"x1": _n(low), "y1": _n(level), "x2": _n(high), "y2": _n(level), "stroke": ink, "stroke-width": "2"},
            )


def _labels(svg: ET.Element, layout: _Layout, marks: Sequence[tuple[float, _Mark]], kind: str) -> None:
    """The dates' labels, over every line, each on a white halo so that a line that must cross it hides."""
    group = ET.SubElement(
        svg,
        "g",
        {
            "class": f"marker-labels {kind}",
            "font-size": _n(layout.small),
            "fill": _LAW_INK if kind == "law" else _RECORD_INK,
            "stroke": "#ffffff",
            "stroke-width": "3",
            "paint-order": "stroke",
        },
    )
    for baseline, mark in marks:
        _text(group, mark.x, baseline, mark.text, text_anchor=mark.anchor, class_="marker-label")


# --- the time axis -----------------------------------------------------------------------------------------------


def _ticks(layout: _Layout) -> tuple[list[date], list[date]]:
    """The first day of each year in the period (labelled), and of each month where months are wide enough."""
    years = [date(year, 1, 1) for year in range(layout.start.year, layout.end.year + 1)]
    years = [day for day in years if layout.start <= day <= layout.end]
    months: list[date] = []
    if layout.per_day * 30 >= 14:
        months = [day for day in _month_starts(layout) if day >= layout.start and day.month != 1]
    return years, months


def _weekly(layout: _Layout) -> list[date]:
    """The 8th, 15th and 22nd of each month in the period."""
    return [
        day
        for month in _month_starts(layout)
        for week in (1, 2, 3)
        if layout.start <= (day := month + timedelta(weeks=week)) <= layout.end
    ]


def _month_starts(layout: _Layout) -> Iterator[date]:
    """The first day of each month the period touches, counted by year and month (so the last month ends it)."""
    year, month = layout.start.year, layout.start.month
    while (year, month) <= (layout.end.year, layout.end.month):
        yield date(year, month, 1)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def _grid(svg: ET.Element, layout: _Layout, top: float, bottom: float) -> None:
    """Faint lines at the start of each year behind the lanes."""
    group = ET.SubElement(svg, "g", {"class": "grid"})
    for day in _ticks(layout)[0]:
        x = layout.x(day)
        ET.SubElement(
            group,
            "line",
            {"x1": _n(x), "y1": _n(top), "x2": _n(x), "y2": _n(bottom), "stroke": "#bbbbbb", "stroke-width": "0.5"},
        )


def _axis(svg: ET.Element, layout: _Layout, top: float) -> None:
    """The time axis under the lanes: years labelled (thinned out where they would crowd), months ticked."""
    group = ET.SubElement(svg, "g", {"class": "axis"})
    y = top + 6
    ET.SubElement(
        group,
        "line",
        {"x1": _n(layout.left), "y1": _n(y), "x2": _n(layout.right), "y2": _n(y), "stroke": "#1a1a1a"},
    )
    years, months = _ticks(layout)
    for day in months:
        x = layout.x(day)
        ET.SubElement(group, "line", {"x1": _n(x), "y1": _n(y), "x2": _n(x), "y2": _n(y + 6), "stroke": "#1a1a1a"})
        if layout.per_day * 30 >= 34:
            _text(group, x + 2, y + 16, day.strftime("%b"), font_size=_n(layout.small), fill=_MUTED)
    if layout.per_day * 7 >= 28:  # a short period: the 8th, 15th and 22nd of each month too
        for day in _weekly(layout):
            x = layout.x(day)
            ET.SubElement(group, "line", {"x1": _n(x), "y1": _n(y), "x2": _n(x), "y2": _n(y + 3), "stroke": "#1a1a1a"})
            _text(group, x, y + 14, str(day.day), text_anchor="middle", font_size="9", fill=_MUTED)
    step = 1
    while step * 365 * layout.per_day < layout.text_width("0000", layout.font) + 10:
        step += 1
    labelled = [day for day in years if day.year % step == 0]
    for day in years:
        x = layout.x(day)
        ET.SubElement(group, "line", {"x1": _n(x), "y1": _n(y), "x2": _n(x), "y2": _n(y + 8), "stroke": "#1a1a1a"})
        if day in labelled:
            _text(group, x + 2, y + 20, str(day.year), font_weight="bold").set("class", "year")
    for day, anchor, x in ((layout.start, "start", layout.left), (layout.end, "end", layout.right)):
        _text(group, x, y + 34, day.isoformat(), text_anchor=anchor, font_size=_n(layout.small), fill=_MUTED)
