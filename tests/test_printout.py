"""A report a person can print or send: one self-contained page per record, the answers in plain words first."""

from __future__ import annotations

import re
import shutil
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

import fighterlaw as fl
from fighterlaw.cli import main
from fighterlaw.printout import report_html
from tests.helpers import person

EXAMPLES = Path(__file__).parent.parent / "examples" / "people.jsonl"
D = date(2026, 6, 1)


class _Page(HTMLParser):
    """The page's tags with their attributes, and its text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parsed(page: str) -> _Page:
    found = _Page()
    found.feed(page)
    return found


def test_the_page_loads_nothing_and_runs_nothing():
    """No script, no resource from elsewhere: it opens from a file, offline, and prints as it shows."""
    page = report_html(fl.evaluate(person(id="a-1"), as_of=D))
    found = parsed(page)
    assert page.startswith("<!DOCTYPE html>")
    assert not [tag for tag, _ in found.tags if tag in ("script", "link", "img", "iframe", "object")]
    assert not [attrs for _, attrs in found.tags if any(key in ("src", "href") for key in attrs)]
    assert "@media print" in page


def test_the_summary_asks_each_question_in_words_and_says_why_an_answer_is_open():
    """A soldier whose combat is unknown after leaving: item 7 is open, and the page says what would decide it."""
    veteran = person(id="v-1", asylum_in_russia=False, contracts=[{"signed": "2023-01-01", "ended": "2024-01-01"}])
    text = " ".join(parsed(report_html(fl.evaluate(veteran, as_of=D))).text)
    assert "May the person serve under contract as a foreign citizen?" in text
    assert "Is extradition barred, whatever the offence?" in text
    assert re.search(r"Is extradition barred, whatever the offence\?\s+Open\s+We would need to know:\s+combat", text)
    assert "The law is unsettled on:" in text  # Decree No. 10 may have been repealed on 2025-11-05 (LAW.md)
    assert fl.DISCLAIMER in text


def test_the_assumptions_stated_are_listed_and_the_answers_resting_on_them_say_so():
    """An assumption shows in its own section, and the answer it decides relies on the status assumed."""
    soldier = person(id="s-1", contracts=[{"signed": "2023-01-01"}])
    report = fl.evaluate(soldier, as_of=date(2026, 3, 10), assume={"asylum_in_russia": False})
    text = " ".join(parsed(report_html(report)).text)
    assert "Assumed where the record does not say" in text
    assert "asylum_in_russia = false" in text
    assert "(Assumed: asylum_in_russia = false.)" in text


def test_the_command_writes_a_page_for_the_record_asked_for(tmp_path, capsys):
    """report --id ID --html OUT writes that record's page; an id no record has is said, with exit 1."""
    out = tmp_path / "p-05.html"
    assert main(["report", str(EXAMPLES), "--as-of", "2026-06-01", "--id", "p-05", "--html", str(out)]) == 0
    text = " ".join(parsed(out.read_text(encoding="utf-8")).text)
    assert "What the law says about p-05 on 2026-06-01" in text
    assert main(["report", str(EXAMPLES), "--as-of", "2026-06-01", "--id", "nobody", "--html", str(out)]) == 1
    assert "no record has the id 'nobody'" in capsys.readouterr().err


def test_without_an_id_each_record_gets_its_own_page(tmp_path):
    """One file per record, named by its id."""
    out = tmp_path / "report.html"
    assert main(["report", str(EXAMPLES), "--as-of", "2026-06-01", "--html", str(out)]) == 0
    written = sorted(path.name for path in tmp_path.iterdir())
    assert len(written) == len(EXAMPLES.read_text(encoding="utf-8").splitlines())
    assert written[0] == "report-p-01.html"


@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs Chromium to render the page")
def test_the_page_reads_at_phone_width_and_prints_every_reason(tmp_path):
    """Rendered in Chromium: nothing wider than a phone's screen, and in print every reason is shown."""
    playwright = pytest.importorskip("playwright.sync_api")
    page_file = tmp_path / "page.html"
    main(["report", str(EXAMPLES), "--as-of", "2026-06-01", "--id", "p-01", "--html", str(page_file)])
    arguments = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
    with playwright.sync_playwright() as running:
        browser = running.chromium.launch(executable_path=shutil.which("chromium"), args=arguments)
        try:
            page = browser.new_page(viewport={"width": 420, "height": 900})
            page.goto(page_file.as_uri())
            assert page.evaluate("document.documentElement.scrollWidth") <= 420
            page.emulate_media(media="print")
            assert page.evaluate("[...document.querySelectorAll('details')].every(d => d.open)")
            page.screenshot(path=str(tmp_path / "print.png"))
        finally:
            browser.close()
