"""A report a person can print or send: one self-contained HTML page for one record on one day.

It opens with a summary in plain words (each question, its answer, why, and what would decide an open one), then
the stated assumptions, the timeline picture, the reasons with their citations, the sources of every instrument
cited, and the disclaimer. The page loads nothing from elsewhere and runs no script; a print stylesheet lays it
out on paper with every reason shown.

>>> from datetime import date
>>> import fighterlaw as fl
>>> soldier = fl.Person.model_validate({"id": "s-1", "citizenship": "foreign", "asylum_in_russia": False,
...                                     "contracts": [{"signed": "2023-01-01"}]})
>>> page = report_html(fl.evaluate(soldier, as_of=date(2026, 6, 1)))
>>> page.startswith("<!DOCTYPE html>"), "<script" in page, "Is extradition barred" in page
(True, False, True)
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable, Sequence
from typing import Final

from fighterlaw.legaltime import Timeline
from fighterlaw.logic import Reason, Verdict
from fighterlaw.picture import timeline_svg
from fighterlaw.questions import QUESTIONS
from fighterlaw.report import DISCLAIMER, Report, Result
from fighterlaw.rulebook import Reading, point_label

__all__ = ["report_html"]

_ANSWER: Final = {Verdict.YES: "Yes", Verdict.NO: "No", Verdict.UNDETERMINED: "Open"}
_CLASS: Final = {Verdict.YES: "yes", Verdict.NO: "no", Verdict.UNDETERMINED: "open"}
_STYLE: Final = """
body { font-family: DejaVu Sans, Verdana, Arial, sans-serif; margin: 24px auto; max-width: 60rem; color: #1a1a1a;
       background: #ffffff; line-height: 1.45; padding: 0 16px; }
h1 { font-size: 1.5rem; margin: 0 0 4px 0; }
h2 { font-size: 1.15rem; margin: 28px 0 8px 0; border-bottom: 1px solid #cccccc; padding-bottom: 4px; }
p.meta, p.note { color: #555555; font-size: 0.85rem; margin: 4px 0; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; font-size: 0.95rem; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid #dddddd; }
th { background: #f2f2f2; }
.answer { font-weight: bold; white-space: nowrap; }
.yes { color: #0b5a8a; } .no { color: #9a3d00; } .open { color: #1a1a1a; }
.mark { display: inline-block; min-width: 3.2em; font-weight: bold; }
ul.reasons, ul.reasons ul { list-style: none; padding-left: 1.2em; margin: 2px 0; }
ul.reasons { padding-left: 0; }
.cite { color: #555555; font-size: 0.85rem; }
details > summary { cursor: pointer; font-weight: bold; margin: 10px 0 4px 0; }
svg { max-width: 100%; height: auto; }
.disclaimer { border: 2px solid #1a1a1a; padding: 8px 12px; margin-top: 24px; font-weight: bold; }
@media print {
  body { margin: 0; max-width: none; font-size: 10.5pt; }
  h2 { break-after: avoid; }
  details { display: block; }
  details > summary { list-style: none; }
  tr, li { break-inside: avoid; }
  .picture { break-inside: avoid; }
}
@media (max-width: 600px) { th.status, td.status { display: none; } }
"""


def report_html(report: Report, timelines: Sequence[Timeline] = (), *, title: str | None = None) -> str:
    """The report as a page a person can read, print or send; ``timelines`` adds their picture.

    Nothing is loaded from elsewhere and no script runs, so the page works offline and prints as it shows.
    """
    who = report.person or "a person without an id"
    heading = title or f"What the law says about {who} on {report.as_of.isoformat()}"
    parts = [
        f"<h1>{_e(heading)}</h1>",
        f'<p class="meta">Reading of the law: <b>{_e(report.reading)}</b> · fighterlaw {_e(report.version)} · '
        f"rulebook {_e(report.rulebook_hash or 'not recorded')}</p>",
        f'<p class="disclaimer">{_e(DISCLAIMER)}</p>',
        "<h2>The answers</h2>",
        _summary(report),
    ]
    if report.assumptions:
        parts.append("<h2>Assumed where the record does not say</h2>")
        parts.append("<ul>")
        parts.extend(
            f"<li><code>{_e(fact)}</code> = <code>{_e(json.dumps(value))}</code></li>"
            for fact, value in report.assumptions.items()
        )
        parts.append(
            '</ul><p class="note">Every step below that rests on an assumption says so, and every answer that '
            "relies on one has the status <i>assumed</i>.</p>"
        )
    if timelines:
        parts.append("<h2>Over time</h2>")
        parts.append(f'<div class="picture">{timeline_svg(timelines)}</div>')
    parts.append("<h2>The reasons</h2>")
    cited: dict[str, None] = {}
    for result in report.results:
        parts.append(f"<details open><summary>{_e(_question(result))} {_answer(result.verdict)}</summary>")
        parts.append('<ul class="reasons">')
        parts.append(_tree(result.reason, cited))
        parts.append("</ul>")
        parts.extend(f'<p class="note">Warning: {_e(warning)}</p>' for warning in result.warnings)
        parts.append("</details>")
    parts.append(_sources(report, cited))
    body = "\n".join(parts)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_e(heading)}</title>
<style>{_STYLE}</style>
</head>
<body>
{body}
</body>
</html>
"""


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _question(result: Result) -> str:
    """The question in words, for the person or for one offence."""
    asked = QUESTIONS[result.rule].question.partition(" on D")[0]
    if result.subject == "person":
        return f"{asked}, whatever the offence?" if result.rule == "extradition-bar" else f"{asked}?"
    return f"{asked} for offence {result.subject.removeprefix('offence:')}?"


def _answer(verdict: Verdict) -> str:
    return f'<span class="answer {_CLASS[verdict]}">{_ANSWER[verdict]}</span>'


def _why(result: Result, readings: Iterable[Reading] = ()) -> str:
    """Why the answer is what it is, in a few words: what decides an open one, or the reason that settles it.

    An unsettled point is named for people, then by its key: ``Decree No. 10 no longer in force (decree-10.end)``.
    """
    if result.verdict is Verdict.UNDETERMINED:
        said = []
        if result.missing:
            said.append("We would need to know: " + ", ".join(f"<code>{_e(path)}</code>" for path in result.missing))
        if result.unsettled:
            points = ", ".join(_point(point, readings) for point in result.unsettled)
            said.append(f"The law is unsettled on: {points}")
        return "<br>".join(said) or "Open."
    deciding = result.reason.decisive()
    return " ".join(_e(step.text) for step in deciding[:2]) or _e(result.reason.text)


def _point(point: str, readings: Iterable[Reading]) -> str:
    title = point_label(readings, point)
    key = f"<code>{_e(point)}</code>"
    return key if title == point else f"{_e(title)} ({key})"


def _summary(report: Report) -> str:
    rows = [
        "<table>",
        '<tr><th>Question</th><th>Answer</th><th>Why</th><th class="status">Sources</th></tr>',
    ]
    readings = list(report.rulebook.values())
    rows.extend(
        f"<tr><td>{_e(_question(result))}</td><td>{_answer(result.verdict)}</td><td>{_why(result, readings)}</td>"
        f'<td class="status">{_e(result.status.value)}</td></tr>'
        for result in report.results
    )
    rows.append("</table>")
    rows.append(
        '<p class="note">Sources: the weakest status of what the answer relies on, from <i>confirmed</i> (official '
        "text or two reputable reports) through <i>plausible</i>, <i>derived</i> (by a stated legal rule) and "
        "<i>reported</i> (press only) to <i>assumed</i> (a fact you assumed).</p>"
    )
    return "\n".join(rows)


def _tree(reason: Reason, cited: dict[str, None]) -> str:
    if reason.combinator == "case":
        condition, answer = reason.because
        return f"<li>{_line(condition, cited, 'In this case: ')}<ul>{_tree(answer, cited)}</ul></li>"
    inner = "".join(_tree(child, cited) for child in reason.because)
    return f"<li>{_line(reason, cited)}{f'<ul>{inner}</ul>' if inner else ''}</li>"


def _line(reason: Reason, cited: dict[str, None], lead: str = "") -> str:
    mark = f'<span class="mark {_CLASS[reason.verdict]}">{_ANSWER[reason.verdict]}</span>'
    citation = ""
    if reason.provision is not None:
        cited.setdefault(reason.provision)
        where = reason.provision if reason.pinpoint is None else f"{reason.provision}, {reason.pinpoint}"
        status = "" if reason.status is None else f"; {reason.status.value}"
        citation = f' <span class="cite">({_e(where)}{_e(status)})</span>'
    return f"{mark} {_e(lead)}{_e(reason.text)}{citation}"


def _sources(report: Report, cited: dict[str, None]) -> str:
    rows = ["<h2>Sources</h2>", "<dl>"]
    for instrument in report.instruments(cited):
        key = instrument.key
        rows.append(f"<dt><code>{_e(key)}</code>: {_e(instrument.citation)} [{_e(instrument.status.value)}]</dt>")
        rows.append(f"<dd>{_e('; '.join(instrument.sources))}</dd>")
    rows.append("</dl>")
    return "\n".join(rows)
