"""The service through an HTTP client: the library's answers in order, problems as 422, limits, token and logs."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
import time
from datetime import date
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the service's tests need the 'serve' extra")

from fastapi.testclient import TestClient

import fighterlaw as fl
from fighterlaw.cli import main
from fighterlaw.serve import Settings, create_app
from fighterlaw.serve._api import Refused, _in_time

LOCAL = "http://127.0.0.1:8000"
AS_OF = "2026-06-01"
VETERAN = {
    "id": "veteran",
    "citizenship": "foreign",
    "asylum_in_russia": False,
    "contracts": [{"signed": "2023-01-01", "ended": "2024-01-01"}],
}
RUSSIAN = {"id": "born-russian", "citizenship": "russian"}
EVERYWHERE = "0.0.0.0"  # noqa: S104 - the address whose binding the tests refuse without a token
TOKEN = "s3cret"  # noqa: S105 - a token made up for the tests


def client(**limits: Any) -> TestClient:
    return TestClient(create_app(Settings(**limits)), base_url=LOCAL)


@pytest.fixture(scope="module")
def api() -> TestClient:
    return client()


def verdicts(report: dict[str, Any]) -> dict[tuple[str, str], str]:
    return {(result["rule"], result["subject"]): result["verdict"] for result in report["results"]}


# --- answers --------------------------------------------------------------------------------------------------


def test_a_list_with_bad_records_answers_every_record_in_order(api):
    """Each record gets its report or its error, in input order; bad ones do not fail the request."""
    records = [RUSSIAN, {"id": "no-citizenship"}, VETERAN, 7, {"citizenship": "foreign", "combat": 0}]
    answer = api.post("/v1/evaluate", json={"records": records, "as_of": AS_OF})
    assert answer.status_code == 200
    reports = answer.json()["reports"]
    assert len(reports) == len(records)
    assert reports[0]["person"] == "born-russian"
    assert verdicts(reports[0])[("extradition-bar", "person")] == "yes"  # Constitution Art. 61(1)
    assert reports[1] == {
        "position": 1,
        "id": "no-citizenship",
        "problems": [{"path": "citizenship", "message": "expected this field; it is required", "code": "missing"}],
    }
    assert verdicts(reports[2])[("extradition-bar", "person")] == "undetermined"  # served; combat unknown
    assert reports[3]["position"] == 3
    assert reports[3]["problems"][0]["code"] == "record_type"
    assert reports[4]["problems"] == [
        {"path": "combat", "message": "expected a valid boolean; found 0", "code": "bool_type"}
    ]


def test_each_report_is_the_library_s_own_json(api):
    """The service adds nothing to a report and leaves nothing out."""
    answer = api.post("/v1/evaluate", json={"records": [VETERAN], "as_of": AS_OF, "reading": "all"})
    library = fl.evaluate(fl.Person.model_validate(VETERAN), as_of=date(2026, 6, 1), reading="all").to_dict()
    assert answer.json()["reports"] == [library]


def test_rules_choose_the_questions_answered(api):
    answer = api.post("/v1/evaluate", json={"records": [RUSSIAN], "as_of": AS_OF, "rules": ["extradition-bar"]})
    assert [result["rule"] for result in answer.json()["reports"][0]["results"]] == ["extradition-bar"]


def test_explain_gives_the_reasons_and_the_sources_they_cite(api):
    answer = api.post("/v1/explain", json={"record": RUSSIAN, "as_of": AS_OF})
    assert answer.status_code == 200
    body = answer.json()
    assert body["text"].startswith("born-russian on 2026-06-01, reading: enacted")
    assert fl.DISCLAIMER in body["text"]
    cited = body["sources"]["constitution-61"]
    assert cited["status"] == "confirmed"
    assert cited["sources"]


def test_whatif_names_the_fact_that_decides(api):
    """A veteran whose combat is unknown: combat decides item 7 (yes if true, no if false)."""
    answer = api.post("/v1/whatif", json={"record": VETERAN, "as_of": AS_OF, "rule": "extradition-bar"})
    assert answer.status_code == 200
    first = answer.json()["questions"][0]
    assert first["path"] == "combat"
    assert [(option["label"], option["verdict"]) for option in first["options"]] == [("true", "yes"), ("false", "no")]


def test_the_timeline_as_json_and_as_a_picture(api):
    body = {"record": RUSSIAN, "start": "2026-01-01", "end": "2026-12-31", "rules": ["extradition-bar"]}
    spans = api.post("/v1/timeline", json=body).json()["timelines"][0]["spans"]
    assert [(span["from"], span["to"], span["verdict"]) for span in spans] == [("2026-01-01", "2026-12-31", "yes")]
    picture = api.post("/v1/timeline", json={**body, "format": "svg"})
    assert picture.headers["content-type"].startswith("image/svg+xml")
    assert picture.text.startswith("<svg")
    asked = api.post("/v1/timeline", json={**body, "as_of": "2026-06-01"}).json()["timelines"][0]
    assert asked["asked"] == "2026-06-01"
    assert (
        'class="marker asked"' in api.post("/v1/timeline", json={**body, "as_of": "2026-06-01", "format": "svg"}).text
    )


def test_diff_counts_the_verdicts_that_change(api):
    """Press reading: item 7 bars offences only, never the person as a whole."""
    record = {"citizenship": "foreign", "contracts": [{"signed": "2025-02-01"}], "asylum_in_russia": False}
    answer = api.post("/v1/diff", json={"records": [record, {}], "as_of": AS_OF, "rules": ["extradition-bar"]})
    body = answer.json()
    assert (body["records"], body["errors"], body["readings"]) == (2, 1, ["enacted", "press"])
    assert [(cell["from"], cell["to"], cell["count"]) for cell in body["cells"]] == [("yes", "no", 1)]


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        pytest.param("/v1/rules", lambda body: [rule["id"] for rule in body["rules"]] == list(fl.RULE_IDS), id="rules"),
        pytest.param(
            "/v1/readings", lambda body: [r["name"] for r in body["readings"]] == list(fl.RULEBOOK.names), id="readings"
        ),
        pytest.param("/v1/schema", lambda body: body["$defs"]["Person"]["required"] == ["citizenship"], id="schema"),
        pytest.param(
            "/v1/health",
            lambda body: (
                body["status"] == "ok"
                and body["version"] == fl.__version__
                and set(body["rulebook_hash"]) == set(fl.RULEBOOK.names)
            ),
            id="health",
        ),
    ],
)
def test_the_reference_documents(api, path, expected):
    answer = api.get(path)
    assert answer.status_code == 200
    assert expected(answer.json())


def test_the_openapi_document_and_the_docs_page_describe_every_endpoint(api):
    document = api.get("/openapi.json").json()
    paths = set(document["paths"])
    assert {"/v1/evaluate", "/v1/explain", "/v1/timeline", "/v1/whatif", "/v1/diff", "/v1/check"} <= paths
    assert {"/v1/rules", "/v1/readings", "/v1/schema", "/v1/health"} <= paths
    assert "Person" in document["components"]["schemas"]  # the records' schema is the library's own model
    page = api.get("/docs").text
    assert all(path in page for path in paths)
    assert "http" not in page.replace("https://json-schema.org", "")  # nothing loaded from elsewhere


# --- bad input --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "path", "said"),
    [
        pytest.param({"records": [], "as_of": "2026-6-1"}, "as_of", "expected a day as YYYY-MM-DD", id="a short day"),
        pytest.param({"records": [], "as_of": 20260601}, "as_of", "expected a day as YYYY-MM-DD", id="a number"),
        pytest.param(
            {"records": [], "as_of": "2026-02-30"}, "as_of", "not in the calendar", id="a day not in the calendar"
        ),
        pytest.param({"records": []}, "as_of", "required", id="no day"),
        pytest.param({"records": {}, "as_of": AS_OF}, "records", "list", id="records not a list"),
        pytest.param(
            {"records": [], "as_of": AS_OF, "reading": "presss"},
            "reading",
            "Did you mean 'press'",
            id="an unknown reading",
        ),
        pytest.param(
            {"records": [], "as_of": AS_OF, "rules": ["extradition"]}, "rules", "unknown rule", id="an unknown rule"
        ),
        pytest.param({"records": [], "as_of": AS_OF, "asume": {}}, "asume", "unknown field", id="an unknown field"),
        pytest.param(
            {"records": [], "as_of": AS_OF, "assume": {"asylum": False}},
            "assume",
            "unknown fact to assume 'asylum'",
            id="a fact that cannot be assumed",
        ),
        pytest.param(
            {"records": [], "as_of": AS_OF, "assume": {"combat": "no"}},
            "assume",
            "assume combat: expected a valid boolean",
            id="an assumed value the record could not hold",
        ),
    ],
)
def test_a_bad_request_is_a_422_naming_its_field(api, body, path, said):
    answer = api.post("/v1/evaluate", json=body)
    assert answer.status_code == 422
    problems = answer.json()["problems"]
    assert any(problem["path"] == path and said in problem["message"] for problem in problems), problems


def test_stated_assumptions_fill_what_the_records_leave_unknown(api):
    """assume fills unknown facts, never stated ones; each report lists what it used, and the status says so."""
    soldier = {"citizenship": "foreign", "contracts": [{"signed": "2023-01-01"}]}
    body = {"records": [soldier, {**soldier, "asylum_in_russia": True}], "as_of": "2026-03-10"}
    answer = api.post("/v1/evaluate", json={**body, "assume": {"asylum_in_russia": False}})
    assert answer.status_code == 200
    first, second = answer.json()["reports"]
    assert (first["assumptions"], second["assumptions"]) == ({"asylum_in_russia": False}, {})
    bar = {(r["rule"], r["subject"]): (r["verdict"], r["status"]) for r in first["results"]}
    assert bar["extradition-bar", "person"] == ("no", "assumed")


@pytest.mark.parametrize("endpoint", ["/v1/explain", "/v1/whatif", "/v1/timeline"])
def test_a_bad_single_record_is_a_422_with_the_library_s_problems(api, endpoint):
    record = {"citizenship": "foreign", "birth_date": "2023-02-30", "contracts": [{"signed": "2023-05-01", "x": 1}]}
    body = {"record": record, "as_of": AS_OF, "rule": "extradition-bar", "start": AS_OF, "end": AS_OF}
    body = {key: value for key, value in body.items() if key in _fields(endpoint)}
    answer = api.post(endpoint, json=body)
    assert answer.status_code == 422
    assert [(p["path"], p["code"]) for p in answer.json()["problems"]] == [
        ("birth_date", "date_form"),
        ("contracts[0].x", "extra_forbidden"),
    ]


def _fields(endpoint: str) -> set[str]:
    return {
        "/v1/explain": {"record", "as_of"},
        "/v1/whatif": {"record", "as_of", "rule"},
        "/v1/timeline": {"record", "start", "end"},
    }[endpoint]


@pytest.mark.parametrize(
    ("endpoint", "body", "path"),
    [
        pytest.param(
            "/v1/whatif",
            {"record": VETERAN, "as_of": AS_OF, "rule": "extradition-bar", "subject": "offence:9"},
            "subject",
            id="whatif about an offence the record lacks",
        ),
        pytest.param(
            "/v1/timeline",
            {"record": VETERAN, "start": "2026-02-01", "end": "2026-01-01"},
            "start",
            id="a period that runs backwards",
        ),
        pytest.param(
            "/v1/timeline",
            {"record": VETERAN, "start": AS_OF, "end": AS_OF, "format": "svg", "width": 10},
            "width",
            id="a picture too narrow",
        ),
        pytest.param(
            "/v1/timeline",
            {"record": VETERAN, "start": AS_OF, "end": AS_OF, "subject": "offence:1"},
            "subject",
            id="a timeline of a subject the record lacks",
        ),
        pytest.param(
            "/v1/diff",
            {"records": [], "as_of": AS_OF, "readings": ["enacted", "all"]},
            "readings",
            id="diff with every reading at once",
        ),
        pytest.param(
            "/v1/diff",
            {"records": [], "as_of": AS_OF, "readings": ["enacted", "nope"]},
            "readings",
            id="diff with an unknown reading",
        ),
        pytest.param(
            "/v1/diff", {"records": [], "as_of": AS_OF, "readings": ["enacted"]}, "readings", id="diff with one reading"
        ),
    ],
)
def test_other_bad_arguments_are_422s_naming_their_field(api, endpoint, body, path):
    answer = api.post(endpoint, json=body)
    assert answer.status_code == 422
    problems = answer.json()["problems"]
    assert [problem["path"] for problem in problems] == [path]
    assert all(problem["message"].startswith(("expected", "unknown", "List should")) for problem in problems)


def test_a_body_that_is_not_json_is_a_422(api):
    answer = api.post("/v1/evaluate", content=b'{"records": [', headers={"content-type": "application/json"})
    assert answer.status_code == 422
    assert answer.json()["problems"][0]["code"] == "json_invalid"


# --- limits -----------------------------------------------------------------------------------------------------


def test_a_body_over_the_size_limit_is_a_413():
    small = client(max_body_bytes=200)
    answer = small.post("/v1/evaluate", json={"records": [RUSSIAN] * 10, "as_of": AS_OF})
    assert answer.status_code == 413
    assert answer.json()["problems"][0]["code"] == "max_body_bytes"


def test_a_body_over_the_size_limit_without_a_length_is_a_413():
    """A streamed body (no Content-Length) is counted as it arrives."""
    small = client(max_body_bytes=200)

    def chunks():
        for _ in range(10):
            yield b" " * 50

    answer = small.post("/v1/evaluate", content=chunks(), headers={"content-type": "application/json"})
    assert answer.status_code == 413


def test_more_records_than_the_limit_is_a_413():
    answer = client(max_records=3).post("/v1/evaluate", json={"records": [RUSSIAN] * 4, "as_of": AS_OF})
    assert answer.status_code == 413
    assert answer.json()["problems"] == [
        {"path": "records", "message": "expected at most 3 records per request; found 4", "code": "max_records"}
    ]


def test_nesting_deeper_than_the_limit_is_a_422():
    """Family links nest a person in a person: past the depth limit, a 422; within it, an answer."""
    member: dict[str, Any] = {"citizenship": "foreign"}
    for _ in range(12):
        member = {"citizenship": "foreign", "family": [{"relation": "spouse", "member": member}]}
    deep = client(max_depth=20)
    answer = deep.post("/v1/evaluate", json={"records": [member], "as_of": AS_OF})
    assert answer.status_code == 422
    assert answer.json()["problems"][0]["code"] == "max_depth"
    shallow = client(max_depth=200).post("/v1/evaluate", json={"records": [member], "as_of": AS_OF})
    assert shallow.status_code == 200
    named = deep.post(
        "/v1/evaluate",
        content=json.dumps({"records": [member], "as_of": AS_OF}),
        headers={"content-type": "application/vnd.api+json"},
    )  # JSON by another name
    assert named.status_code == 422


def test_a_request_over_the_time_limit_is_a_413():
    slow = client(time_limit=1e-6)
    answer = slow.post("/v1/evaluate", json={"records": [VETERAN] * 50, "as_of": AS_OF})
    assert answer.status_code == 413
    assert answer.json()["problems"][0]["code"] == "time_limit"


@pytest.mark.parametrize(
    ("limits", "said"),
    [
        pytest.param({"host": EVERYWHERE}, "give a token", id="another address without a token"),
        pytest.param({"token": "  "}, "the token is empty", id="an empty token"),
        pytest.param({"max_records": 0}, "max_records of at least 1", id="no records allowed"),
        pytest.param({"time_limit": 0}, "time limit above 0", id="no time allowed"),
    ],
)
def test_settings_that_would_be_unsafe_or_useless_are_refused(limits, said):
    with pytest.raises(ValueError, match=said):
        Settings(**limits)


# --- safety -----------------------------------------------------------------------------------------------------


def test_another_address_needs_the_token_on_every_request():
    guarded = TestClient(create_app(Settings(host=EVERYWHERE, token=TOKEN)), base_url="http://192.0.2.1:8000")
    body = {"records": [RUSSIAN], "as_of": AS_OF}
    assert guarded.post("/v1/evaluate", json=body).status_code == 401
    assert guarded.post("/v1/evaluate", json=body, headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert guarded.post("/v1/evaluate", json=body, headers={"Authorization": "Bearer s3cret"}).status_code == 200
    assert guarded.get("/v1/health").status_code == 401
    assert guarded.get("/?token=s3cret").status_code == 200  # the page, opened from its link
    assert "static/page.js?token=s3cret" in guarded.get("/?token=s3cret").text
    assert guarded.post("/v1/evaluate?token=s3cret", json=body).status_code == 401  # a query carries no records' token


def test_the_token_is_compared_in_constant_time(monkeypatch):
    compared: list[tuple[bytes, bytes]] = []

    def compare(given: bytes, expected: bytes) -> bool:
        compared.append((given, expected))
        return given == expected

    monkeypatch.setattr("fighterlaw.serve._guard.hmac.compare_digest", compare)
    guarded = TestClient(create_app(Settings(token=TOKEN)), base_url=LOCAL)
    guarded.get("/v1/health", headers={"Authorization": "Bearer nope"})
    assert compared == [(b"nope", b"s3cret")]


def test_on_this_machine_only_requests_addressed_to_it_are_answered(api):
    """A page elsewhere cannot reach the service through a name of its own (DNS rebinding)."""
    assert api.get("/v1/health", headers={"host": "attacker.example"}).status_code == 421
    assert api.get("/v1/health", headers={"host": "localhost:8000"}).status_code == 200


def test_every_answer_has_the_strict_headers_and_no_cookie(api):
    for answer in (api.get("/"), api.get("/v1/health"), api.post("/v1/evaluate", json={}), api.get("/nothing")):
        assert answer.headers["content-security-policy"].startswith("default-src 'none'")
        assert answer.headers["cache-control"] == "no-store"
        assert "set-cookie" not in answer.headers


def test_the_access_log_carries_method_path_status_and_time_only(caplog):
    guarded = TestClient(create_app(Settings(token=TOKEN)), base_url=LOCAL)
    record = {"id": "MARKER-person-name", "citizenship": "foreign", "offences": [{"description": "MARKER-offence"}]}
    with caplog.at_level(logging.DEBUG):
        guarded.post(
            "/v1/evaluate", json={"records": [record], "as_of": AS_OF}, headers={"Authorization": "Bearer s3cret"}
        )
        guarded.get("/?token=s3cret")
    # Everything the service's side logs (the test's own HTTP client logs the URLs it asks for).
    logged = [entry.getMessage() for entry in caplog.records if not entry.name.startswith(("httpx", "httpcore"))]
    assert not [line for line in logged if "MARKER" in line or "s3cret" in line]
    access = [entry.getMessage() for entry in caplog.records if entry.name == "fighterlaw.serve.access"]
    assert [line.rsplit(" ", 1)[0] for line in access] == ["POST /v1/evaluate 200", "GET / 200"]
    assert all(line.endswith("ms") for line in access)


def test_a_failure_inside_is_a_500_that_logs_no_record(monkeypatch, caplog, api):
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("MARKER the record was here")

    monkeypatch.setattr(fl, "evaluate_many", broken)
    with caplog.at_level(logging.DEBUG):
        answer = api.post("/v1/evaluate", json={"records": [RUSSIAN], "as_of": AS_OF})
    assert answer.status_code == 500
    assert "MARKER" not in answer.text
    assert not [entry for entry in caplog.records if "MARKER" in entry.getMessage()]
    assert any("RuntimeError" in entry.getMessage() for entry in caplog.records)


# --- a file of records ------------------------------------------------------------------------------------------

CSV_FILE = (
    "id,citizenship,combat,contract_signed\na,russian,,\nb,foreign,maybe,2023-01-01\nc,stateless,true,2025-08-01\n"
)


def test_a_file_is_answered_row_by_row_in_order(api):
    """Good rows get their verdicts, a bad row its error named by column, each on its own line."""
    answer = api.post(
        f"/v1/check?as_of={AS_OF}&rule=extradition-bar", content=CSV_FILE.encode(), headers={"content-type": "text/csv"}
    )
    assert answer.status_code == 200
    assert answer.headers["content-disposition"] == 'attachment; filename="fighterlaw-2026-06-01.csv"'
    assert answer.text.splitlines() == [
        "line,id,extradition-bar,extradition-bar:status,extradition-bar:why,extradition-bar:offences,"
        "extradition-bar:offences:status,extradition-bar:offences:why,error",
        "2,a,yes,confirmed,,,,,",
        "3,b,,,,,,,combat: expected true or false; found 'maybe'",
        "4,c,yes,derived,,,,,",  # item 7, in force by the ten-day rule
    ]


def test_a_file_can_come_back_as_json_lines(api):
    lines = b'{"id": "x", "citizenship": "russian"}\n{"id": "y"}\n'
    answer = api.post(
        f"/v1/check?as_of={AS_OF}&output=jsonl", content=lines, headers={"content-type": "application/x-ndjson"}
    )
    documents = [json.loads(line) for line in answer.text.splitlines()]
    assert [document["line"] for document in documents] == [1, 2]
    assert documents[0]["person"] == "x"
    assert documents[1]["errors"][0]["path"] == "citizenship"


def test_a_file_with_more_records_than_the_limit_is_a_413():
    answer = client(max_upload_records=2).post(
        f"/v1/check?as_of={AS_OF}", content=CSV_FILE.encode(), headers={"content-type": "text/csv"}
    )
    assert answer.status_code == 413


@pytest.mark.parametrize(
    ("query", "path"),
    [
        pytest.param("reading=nope", "reading", id="an unknown reading"),
        pytest.param("rule=nope", "rule", id="an unknown rule"),
        pytest.param("output=xlsx", "output", id="an output format it does not write"),
    ],
)
def test_a_file_asked_with_a_bad_argument_is_a_422_naming_it(api, query, path):
    answer = api.post(f"/v1/check?as_of={AS_OF}&{query}", content=CSV_FILE.encode())
    assert answer.status_code == 422
    assert [problem["path"] for problem in answer.json()["problems"]] == [path]


# --- the command ------------------------------------------------------------------------------------------------


def test_serve_on_another_address_without_a_token_is_a_usage_error(capsys, monkeypatch):
    monkeypatch.delenv("FIGHTERLAW_TOKEN", raising=False)
    assert main(["serve", "--host", EVERYWHERE]) == 2
    assert "give a token" in capsys.readouterr().err


def test_serve_takes_the_token_from_the_environment(monkeypatch, capsys):
    started: list[Settings] = []
    monkeypatch.setattr("fighterlaw.serve.run", started.append)
    monkeypatch.setenv("FIGHTERLAW_TOKEN", TOKEN)
    assert main(["serve", "--host", EVERYWHERE, "--port", "8123"]) == 0
    assert started == [Settings(host=EVERYWHERE, port=8123, token=TOKEN)]
    assert "serving on http://0.0.0.0:8123/" in capsys.readouterr().err


def test_serve_without_the_extra_says_how_to_install_it():
    code = "import sys; sys.modules['fastapi'] = None\nfrom fighterlaw.cli import main\nsys.exit(main(['serve']))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 2
    assert "pip install 'fighterlaw[serve]'" in done.stderr
    assert "Traceback" not in done.stderr


def test_importing_fighterlaw_does_not_import_the_service():
    code = (
        "import sys, fighterlaw, fighterlaw.cli; print(sorted({'fastapi', 'uvicorn', 'starlette'} & set(sys.modules)))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_work_left_behind_by_a_timed_out_request_stops_at_its_next_record():
    """Past the deadline, the evaluation's loop refuses to go on, so an abandoned request costs one record more."""
    with pytest.raises(Refused) as refused:
        _in_time(time.monotonic() - 1, 5)
    assert refused.value.status == 413


def test_the_application_starts_and_stops_as_servers_run_it():
    """Lifespan messages pass the guard; the browser's question for an icon gets an empty answer."""
    with TestClient(create_app(), base_url=LOCAL) as running:
        assert running.get("/favicon.ico").status_code == 204
