"""The page in a real browser: the system's Chromium, driven by Playwright, against the service on 127.0.0.1.

Every test runs with the network cut off: any request to another host is refused and recorded, and the test
fails if there was one. The screenshots in the documentation are taken here.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

pytest.importorskip("playwright", reason="the page's tests need the 'browser' extra")
pytest.importorskip("uvicorn", reason="the page's tests need the 'serve' extra")

import uvicorn
from playwright.sync_api import Browser, Page, Route, sync_playwright

from fighterlaw.serve import Settings, create_app

CHROMIUM = shutil.which("chromium")
if CHROMIUM is None and not os.environ.get("CI"):
    pytest.skip("no chromium on this machine (CI installs it: .ci/run)", allow_module_level=True)

IMAGES = Path(__file__).parent.parent / "docs" / "images"
AS_OF = "2026-06-01"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run"]  # fmt: skip
# The interview's answers for a man of fighting age, not of Belarus, on a one-year contract.
PREFERRED = {
    "sex": "male",
    "nationality": "another state",
    "contracts[0].term_months": "12 months",
    "combat": "yes",
}
# Where the page asks for a value to be typed rather than chosen.
TYPED = {"nationality": "NP", "contracts[0].term_months": "12", "birth_date": "1994-03"}


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    """The service, started on a free port of 127.0.0.1 in this process, for the module's tests."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(
        create_app(Settings(port=port)), host="127.0.0.1", port=port, access_log=False, log_level="warning",
        lifespan="off",
    )  # fmt: skip
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "the service did not start"
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}/"
    server.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser, base: str) -> Iterator[Page]:
    """A fresh page with no network but this machine; it fails the test if anything else was asked for."""
    context = browser.new_context(viewport={"width": 1200, "height": 900}, accept_downloads=True)
    elsewhere: list[str] = []
    problems: list[str] = []

    def local_only(route: Route) -> None:
        url = route.request.url
        if urlsplit(url).hostname == "127.0.0.1" or url.startswith(("blob:", "data:")):
            route.continue_()
        else:
            elsewhere.append(url)
            route.abort("internetdisconnected")

    context.route("**/*", local_only)
    opened = context.new_page()
    opened.on("pageerror", lambda error: problems.append(str(error)))
    opened.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    opened.goto(base)
    opened.wait_for_selector("#answers table")
    opened.fill("#as-of", AS_OF)
    settle(opened)
    yield opened
    context.close()
    assert elsewhere == [], "the page asked for something from elsewhere"
    assert [text for text in problems if "422" not in text] == []  # a 422 is a record being typed, and shown


def settle(page: Page) -> None:
    """Wait until the page has asked the service and shown every answer."""
    page.wait_for_selector('body[data-busy="false"]', state="attached")


def typed(page: Page, path: str, value: str) -> None:
    """Type a value into the field the question has taken the focus to (a date as a day, a month or a year)."""
    field = page.locator(f'[data-path="{path}"]')
    if field.get_attribute("data-kind") == "date":
        field.locator(".mode select").select_option({10: "day", 7: "month", 4: "year"}[len(value)])
        field.locator(".value input").fill(value)
    else:
        page.keyboard.press("Control+A")
        page.keyboard.type(value)


def answers(page: Page) -> dict[str, str]:
    rows = page.locator("#answers tbody tr")
    return {
        f"{row.get_attribute('data-rule')}/{row.get_attribute('data-subject')}": row.locator(".verdict").inner_text()
        for row in rows.all()
    }


def test_a_person_entered_step_by_step_until_every_answer_is_decided(page: Page):
    """A foreign man on a contract since 2023-01-01: each next question, answered in place, until none is open."""
    page.click("text=Add a contract")
    page.locator('[data-path="contracts[0].signed"] .value input').fill("2023-01-01")
    settle(page)
    assert page.locator("#status").get_attribute("data-open") != "0"
    for _ in range(12):
        if page.locator("#status").get_attribute("data-open") == "0":
            break
        choices = page.locator("#next-question .choices button:not(.skip)")
        path = choices.first.get_attribute("data-answer") or ""
        if choices.first.get_attribute("data-focus"):  # a value to type: the question takes you to its field
            choices.first.click()
            typed(page, path, TYPED[path])
            settle(page)
            continue
        deciding = choices.and_(page.locator('[data-verdict="yes"], [data-verdict="no"]'))
        choice = (
            choices.filter(has_text=PREFERRED[path]) if path in PREFERRED else deciding if deciding.count() else choices
        ).first
        choice.focus()
        page.keyboard.press("Enter")  # answered from the keyboard
        settle(page)
    assert page.locator("#status").inner_text() == "Every answer is decided (5 answers)."
    # LAW.md: foreign, adult, after 2022-05-28 (no upper age); Decree 821 (male 18-65, not BY, 12 months
    # signed after 2022-02-24); item 7 (serving under contract on D, in force from 2026-03-19); CoAO Art. 4.1
    # (served before D and took part in combat, in force from 2026-04-03).
    assert answers(page) == {
        "foreign-contract/person": "yes",
        "stateless-contract/person": "no",
        "simplified-citizenship/person": "yes",
        "extradition-bar/person": "yes",
        "expulsion-bar/person": "yes",
    }
    assert page.locator('[data-path="sex"] select').input_value() == "male"
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=IMAGES / "page.png")
    page.locator("#interview").screenshot(path=IMAGES / "page-answers.png")


def test_not_known_is_a_valid_answer_and_another_question_comes(page: Page):
    page.click("text=Add a contract")
    page.locator('[data-path="contracts[0].signed"] .value input').fill("2023-01-01")
    settle(page)
    first = page.locator("#next-question h3").inner_text()
    page.locator("#next-question .skip").click()
    settle(page)
    assert page.locator(".problem").count() == 0
    assert page.locator("#answers tbody tr").count() == 5
    assert page.locator("#next-question h3").inner_text() not in ("", first)


def test_the_reasons_timeline_readings_and_report_are_shown(page: Page):
    page.select_option('[data-path="citizenship"] select', "russian")
    settle(page)
    reasons = page.locator("#reasons details.result").filter(has_text="Is extradition barred")
    reasons.locator("summary").first.click()
    step = reasons.locator(".reason").filter(has_text="Constitution Art. 61(1)").first
    assert "constitution-61" in step.locator(".citation").inner_text()
    assert "Sources:" in reasons.inner_text()
    page.locator("#reasons-section").screenshot(path=IMAGES / "page-reasons.png")
    alt = page.locator("#timeline img").get_attribute("alt") or ""
    assert alt.startswith("When each answer holds, from 2021-06-01")
    head = page.locator("#readings-table th").all_inner_texts()
    assert head == ["Question", "enacted", "summary", "press", "all readings"]
    assert "born Russian" not in page.locator("#report-text").inner_text()  # the library's explanation, as is
    assert page.locator("#report-text").inner_text().startswith("(no id) on 2026-06-01, reading: enacted")
    page.emulate_media(media="print")
    assert not page.locator("#person-form").is_visible()
    assert page.locator("#report-text").is_visible()


def test_an_invalid_date_shows_its_error_beside_the_field(page: Page):
    birth = page.locator('[data-path="birth_date"]')
    birth.locator(".mode select").select_option("day")
    birth.locator(".value input").fill("2023-02-30")
    settle(page)
    problem = birth.locator(".problem")
    assert problem.inner_text() == "Birth date: expected a day that exists; '2023-02-30' is not in the calendar"
    assert birth.locator(".value input").get_attribute("aria-invalid") == "true"
    assert page.locator(".problem").count() == 1
    page.locator("#person").screenshot(path=IMAGES / "page-error.png")
    birth.locator(".value input").fill("1994-03")
    birth.locator(".mode select").select_option("month")
    settle(page)
    assert page.locator(".problem").count() == 0


def test_family_links_and_offences_are_added_and_removed(page: Page):
    page.click("text=Add an offence")
    page.click("text=Add a family link")
    member = page.locator('[data-path="family[0].member"]')
    assert member.locator('[data-path="family[0].member.citizenship"]').count() == 1
    page.locator('[data-path="offences[0].id"] input').fill("o1")
    settle(page)
    assert "extradition-bar/offence:o1" in answers(page)
    page.locator('[data-path="offences[0]"] > .remove').click()
    settle(page)
    assert not [key for key in answers(page) if "offence:" in key]
    page.locator('[data-path="family[0]"] > .remove').click()  # the link's own button, not its member's
    assert page.locator('[data-path="family[0]"]').count() == 0


def test_a_file_with_good_and_bad_rows_downloads_one_row_per_record(page: Page, tmp_path: Path):
    upload = tmp_path / "people.csv"
    upload.write_text(
        "id,citizenship,birth_date,combat,contract_signed\n"
        "r1,russian,,,\n"
        "r2,foreign,1994-03,yes,2023-01-01\n"
        "r3,martian,,,\n"
        "r4,stateless,1990,true,2025-08-01\n",
        encoding="utf-8",
    )
    page.set_input_files("#file", str(upload))
    with page.expect_download() as downloading:
        page.click("#check-file")
    rows = list(csv.reader(io.StringIO(Path(downloading.value.path()).read_text(encoding="utf-8"))))
    columns = [f"{name}{part}" for name in ALL_COLUMNS for part in ("", ":status", ":why")]
    assert rows[0] == ["line", "id", *columns, "error"]
    assert [row[:2] for row in rows[1:]] == [["2", "r1"], ["3", "r2"], ["4", "r3"], ["5", "r4"]]
    verdicts = [[row[rows[0].index(name)] for name in ALL_COLUMNS] for row in rows[1:]]
    assert verdicts[0] == ["no", "no", "no", "yes", "yes", ""]  # a Russian citizen: Constitution Art. 61(1)
    assert rows[2][-1] == "combat: expected true or false; found 'yes'"
    assert rows[3][-1].startswith("citizenship: expected 'foreign', 'stateless' or 'russian'")
    assert verdicts[3][:2] == ["no", "yes"]  # stateless, adult, on or after 2025-07-07
    assert page.locator("#file-status").inner_text().startswith("Answered 4 records")


ALL_COLUMNS = [
    "foreign-contract",
    "stateless-contract",
    "simplified-citizenship",
    "extradition-bar",
    "expulsion-bar",
    "extradition-bar:offences",
]


def test_the_page_reads_at_phone_width(page: Page):
    page.set_viewport_size({"width": 390, "height": 844})
    page.click("text=Add a contract")
    page.locator('[data-path="contracts[0].signed"] .value input').fill("2023-01-01")
    settle(page)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "the page scrolls sideways at phone width"
    page.screenshot(path=IMAGES / "page-phone.png")
    page.locator("#interview").screenshot(path=IMAGES / "page-phone-answers.png")


def test_every_field_has_a_label(page: Page):
    page.click("text=Add a contract")
    page.click("text=Add an offence")
    page.click("text=Add a family link")
    unlabelled = page.evaluate(
        """[...document.querySelectorAll('#person input, #person select')]
             .filter((el) => !el.labels || !el.labels.length || !el.labels[0].textContent.trim())
             .map((el) => el.outerHTML)"""
    )
    assert unlabelled == []
