"""The JSON API: the library's answers over HTTP, each in the library's own JSON, bad input as 422 problems.

Every request that carries records names its day (``as_of``) and may name a reading and rules, as the Python
API does. A bad record in a list takes its place as its error; a bad single record, or a bad request, is a 422
whose problems each have a field path, a message and a code, as :class:`fighterlaw.InputError` gives them.
"""

from __future__ import annotations

import asyncio
import io
import json
import re
import time
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from typing import Annotated, Any, Final, Literal, TypeVar

from fastapi import APIRouter, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response, StreamingResponse
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, SkipValidation, ValidationError, WithJsonSchema
from starlette.concurrency import run_in_threadpool

import fighterlaw as fl
from fighterlaw._input import Format, detect_format, read_items
from fighterlaw._output import Writer, render
from fighterlaw.cli import _person as person_of_item
from fighterlaw.errors import format_path
from fighterlaw.rules import QUESTIONS
from fighterlaw.serve._settings import Settings

__all__ = ["Refused", "router", "setup"]

T = TypeVar("T")
_DAY: Final = re.compile(r"\d{4}-\d{2}-\d{2}")
_PATH_OF_NAME: Final = {"reading": "reading", "rule": "rules", "fact to assume": "assume"}
_MEDIA: Final = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson; charset=utf-8"}


class Refused(Exception):  # noqa: N818 - a request refused is not an error of the service
    """A request the service will not answer as asked: its status, and every problem with its field path."""

    def __init__(self, status: int, summary: str, problems: Sequence[fl.Problem]) -> None:
        super().__init__(summary)
        self.status = status
        self.summary = summary
        self.problems = tuple(problems)

    def response(self) -> JSONResponse:
        """The refusal as an answer: ``{"error": summary, "problems": [{"path", "message", "code"}]}``."""
        document = {"error": self.summary, "problems": [problem.to_dict() for problem in self.problems]}
        return JSONResponse(document, status_code=self.status)


def _day(value: object) -> date:
    if not isinstance(value, str) or _DAY.fullmatch(value) is None:
        msg = f"expected a day as YYYY-MM-DD; found {value!r}"
        raise ValueError(msg)  # pydantic turns a ValueError into a problem
    try:
        return date.fromisoformat(value)
    except ValueError:
        msg = f"expected a day that exists; {value!r} is not in the calendar"
        raise ValueError(msg) from None


Day = Annotated[date, BeforeValidator(_day), WithJsonSchema({"type": "string", "format": "date"})]
"""A day, as ``YYYY-MM-DD`` and nothing else."""
Record = SkipValidation[fl.Person]
"""A record as the library reads it; it is validated by the library, so that each gets its own answer."""
Reading = Annotated[str, Field(description="a reading's name, or 'all' (a verdict only where every reading agrees)")]
Assume = Annotated[
    dict[str, Any],
    Field(
        default_factory=dict,
        description="facts to assume where a record leaves them unknown, never where it states them, such as "
        '{"asylum_in_russia": false}; the answers that rest on one say so',
    ),
]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class EvaluateRequest(_Body):
    """Records to answer on one day, under one reading."""

    records: list[Record]
    as_of: Day
    reading: Reading = "enacted"
    rules: list[str] | None = None
    assume: Assume


class ExplainRequest(_Body):
    """One record to answer, with the reasons and the sources they cite."""

    record: Record
    as_of: Day
    reading: Reading = "enacted"
    rules: list[str] | None = None
    assume: Assume


class WhatIfRequest(_Body):
    """One record, one rule and subject: what would decide the verdict, or turn it."""

    record: Record
    as_of: Day
    rule: str
    subject: str = "person"
    reading: Reading = "enacted"
    assume: Assume


class TimelineRequest(_Body):
    """One record's verdicts over a period, as spans of days (JSON) or as a picture (SVG)."""

    record: Record
    start: Day
    end: Day
    reading: Reading = "enacted"
    rules: list[str] | None = None
    subject: str | None = None
    format: Literal["json", "svg"] = "json"
    width: int = 1200
    assume: Assume
    as_of: Day | None = None
    """The day asked about, marked on the timeline."""


class DiffRequest(_Body):
    """Records whose verdicts on one day are counted from one reading to another."""

    records: list[Record]
    as_of: Day
    readings: Annotated[list[str], Field(min_length=2, max_length=2)] = ["enacted", "press"]
    rules: list[str] | None = None
    assume: Assume


router = APIRouter(prefix="/v1")


def setup(app: FastAPI, settings: Settings) -> None:
    """Put the API and its error answers into ``app``, bound by ``settings``' limits."""
    app.state.settings = settings
    app.include_router(router)
    app.add_exception_handler(Refused, _refused)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _invalid)  # type: ignore[arg-type]


async def _refused(_: Request, error: Refused) -> JSONResponse:
    return error.response()


async def _invalid(_: Request, error: RequestValidationError) -> JSONResponse:
    problems = [_problem(detail) for detail in error.errors()]
    return Refused(422, "the request is not valid", problems).response()


def _problem(detail: Any) -> fl.Problem:
    loc = tuple(detail.get("loc", ()))
    where = format_path(loc[1:] if loc[:1] in (("body",), ("query",)) else loc)
    message = str(detail.get("msg", "")).removeprefix("Value error, ")
    if detail.get("type") == "missing":
        message = "expected this field; it is required"
    elif detail.get("type") == "extra_forbidden":
        message = "unknown field"
    return fl.Problem(where, message, str(detail.get("type", "invalid")))


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def _within(request: Request, work: Callable[[float], T]) -> T:
    """Run ``work(deadline)`` off the event loop; past the time limit, a 413 (the work checks the deadline too)."""
    limit = _settings(request).time_limit
    deadline = time.monotonic() + limit
    try:
        return await asyncio.wait_for(run_in_threadpool(work, deadline), timeout=limit)
    except TimeoutError:
        raise _over_time(limit) from None


def _over_time(limit: float) -> Refused:
    message = f"expected a request answered within {limit:g} s; send fewer records per request"
    return Refused(413, message, [fl.Problem("", message, "time_limit")])


def _in_time(deadline: float, limit: float) -> None:
    if time.monotonic() > deadline:
        raise _over_time(limit)


def _counted(request: Request, records: Sequence[object]) -> None:
    limit = _settings(request).max_records
    if len(records) > limit:
        message = f"expected at most {limit:,} records per request; found {len(records):,}"
        raise Refused(413, message, [fl.Problem("records", message, "max_records")])


def _names(call: Callable[[], T], **fields: str) -> T:
    """Call the library; an unknown reading, rule or subject is a 422 naming its field (``reading="readings"``...)."""
    try:
        return call()
    except fl.UnknownNameError as error:
        named = {**_PATH_OF_NAME, **fields}
        path = named.get(error.kind, "subject" if error.kind.startswith("subject") else error.kind)
        raise Refused(422, "the request is not valid", [fl.Problem(path, str(error), "unknown_name")]) from None
    except fl.InputError as error:  # an assumption that contradicts the record
        raise Refused(422, "the record is not valid", error.problems) from None
    except ValueError as error:
        if not str(error).startswith("assume "):
            raise
        raise Refused(422, "the request is not valid", [fl.Problem("assume", str(error), "value_error")]) from None


def _person(record: object) -> fl.Person:
    try:
        return fl.Person.model_validate(record)
    except ValidationError as error:
        problems = fl.InputError.from_validation_error(error, record=record).problems
        raise Refused(422, "the record is not valid", problems) from None


def _json(document: object) -> Response:
    return Response(json.dumps(document, ensure_ascii=False), media_type="application/json")


@router.post("/evaluate", summary="Answer records on a day")
async def evaluate(request: Request, body: EvaluateRequest) -> Response:
    """Each record's report, or its error, in order: ``{"reports": [...]}``."""
    _counted(request, body.records)
    limit = _settings(request).time_limit
    outcomes = _names(
        lambda: fl.evaluate_many(
            body.records, as_of=body.as_of, reading=body.reading, rules=body.rules, assume=body.assume
        )
    )

    def work(deadline: float) -> list[dict[str, Any]]:
        answered = []
        for outcome in outcomes:
            _in_time(deadline, limit)
            answered.append(outcome.to_dict())
        return answered

    return _json({"reports": await _within(request, work)})


@router.post("/explain", summary="Answer one record, with its reasons and their sources")
async def explain(request: Request, body: ExplainRequest) -> Response:
    """The report, its reasons as text, and each cited instrument with its status and sources."""
    person = _person(body.record)

    def work(_: float) -> dict[str, Any]:
        report = _names(
            lambda: fl.evaluate(person, as_of=body.as_of, reading=body.reading, rules=body.rules, assume=body.assume)
        )
        return {"report": report.to_dict(), "text": report.explain(), "sources": _sources(report)}

    return _json(await _within(request, work))


def _sources(report: fl.Report) -> dict[str, Any]:
    cited: dict[str, None] = {}
    for result in report.results:
        _cited(result.reason, cited)
    instruments = {key: value for reading in fl.RULEBOOK for key, value in reading.instruments.items()}
    return {
        key: {
            "citation": instruments[key].citation,
            "status": instruments[key].status.value,
            "sources": list(instruments[key].sources),
        }
        for key in cited
        if key in instruments
    }


def _cited(reason: fl.Reason, cited: dict[str, None]) -> None:
    if reason.provision is not None:
        cited.setdefault(reason.provision)
    for child in reason.because:
        _cited(child, cited)


@router.post("/whatif", summary="What would decide a verdict, or turn it")
async def whatif(request: Request, body: WhatIfRequest) -> Response:
    """The unknown facts with the verdict each value gives, the most decisive first; or the changes that turn it."""
    person = _person(body.record)

    def work(_: float) -> dict[str, Any]:
        answer = _names(
            lambda: fl.what_if(
                person, body.rule, body.subject, as_of=body.as_of, reading=body.reading, assume=body.assume
            )
        )
        return answer.to_dict()

    return _json(await _within(request, work))


@router.post(
    "/timeline",
    summary="One record's verdicts over a period",
    responses={200: {"content": {"application/json": {}, "image/svg+xml": {}}}},
)
async def timeline(request: Request, body: TimelineRequest) -> Response:
    """The spans of days over which each verdict holds (``format: json``), or the picture (``format: svg``)."""
    person = _person(body.record)

    def work(_: float) -> Response:
        lanes = _period(
            lambda: fl.timelines(
                person,
                start=body.start,
                end=body.end,
                reading=body.reading,
                rules=body.rules,
                assume=body.assume,
                asked=body.as_of,
            )
        )
        if body.subject is not None:
            subjects = ", ".join(dict.fromkeys(lane.subject for lane in lanes))
            lanes = tuple(lane for lane in lanes if lane.subject == body.subject)
            if not lanes:
                message = f"expected a subject the record has ({subjects}); found {body.subject!r}"
                raise Refused(422, "the request is not valid", [fl.Problem("subject", message, "unknown_name")])
        if body.format == "svg":
            svg = _period(lambda: fl.timeline_svg(lanes, width=body.width), path="width")
            return Response(svg, media_type="image/svg+xml")
        return _json({"timelines": [lane.to_dict() for lane in lanes]})

    return await _within(request, work)


def _period(call: Callable[[], T], path: str = "start") -> T:
    try:
        return _names(call)
    except ValueError as error:  # a period that runs backwards, or a picture too narrow
        raise Refused(422, "the request is not valid", [fl.Problem(path, str(error), "value_error")]) from None


@router.post("/diff", summary="How verdicts change from one reading to another")
async def diff(request: Request, body: DiffRequest) -> Response:
    """The counts from each verdict to each other, by rule and subject, with example records."""
    _counted(request, body.records)

    def work(_: float) -> dict[str, Any]:
        try:
            pair = (body.readings[0], body.readings[1])
            comparison = _names(
                lambda: fl.compare_readings(
                    body.records, as_of=body.as_of, readings=pair, rules=body.rules, assume=body.assume
                ),
                reading="readings",
            )
        except ValueError as error:  # 'all' among the readings
            raise Refused(
                422, "the request is not valid", [fl.Problem("readings", str(error), "value_error")]
            ) from None
        return comparison.to_dict()

    return _json(await _within(request, work))


@router.post(
    "/check",
    summary="Answer a file of records, streamed back as CSV or JSON Lines",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "text/csv": {"schema": {"type": "string"}},
                "application/x-ndjson": {"schema": {"type": "string"}},
            },
        }
    },
)
async def check(
    request: Request,
    as_of: Annotated[Day, Query(description="the day asked about, YYYY-MM-DD")],
    reading: Annotated[str, Query()] = "enacted",
    rules: Annotated[list[str] | None, Query(alias="rule")] = None,
    output: Annotated[Literal["csv", "jsonl"], Query()] = "csv",
    input_format: Annotated[Literal["csv", "jsonl", "json"] | None, Query(alias="input")] = None,
) -> StreamingResponse:
    """The records of the body (CSV in the flat layout, JSON Lines or JSON), one output row per record, in order.

    The body is read in memory and the answers are written as they are made: nothing is kept or written to disk.
    """
    settings = _settings(request)
    body = await request.body()
    fmt: Format = input_format or detect_format(None, body[:4096])
    items = list(read_items(io.BytesIO(body), fmt))
    if len(items) > settings.max_upload_records:
        message = f"expected at most {settings.max_upload_records:,} records per file; found {len(items):,}"
        raise Refused(413, message, [fl.Problem("", message, "max_upload_records")])
    chosen = [rule for rule in fl.RULE_IDS if rule in (rules or fl.RULE_IDS)]
    _names(lambda: fl.evaluate_many((), as_of=as_of, reading=reading, rules=rules), rule="rule")  # checked now

    def rows() -> Iterator[str]:
        out = io.StringIO()
        writer = Writer(out, output, chosen)
        writer.start()
        for item in items:
            person = person_of_item(item)
            outcome = (
                person
                if isinstance(person, fl.InputError)
                else fl.evaluate(person, as_of=as_of, reading=reading, rules=chosen)
            )
            writer.write(render(output, item.line, outcome, chosen))
            yield _taken(out)
        writer.finish()
        yield _taken(out)

    disposition = f'attachment; filename="fighterlaw-{as_of.isoformat()}.{output}"'
    return StreamingResponse(rows(), media_type=_MEDIA[output], headers={"content-disposition": disposition})


def _taken(out: io.StringIO) -> str:
    text = out.getvalue()
    out.seek(0)
    out.truncate()
    return text


@router.get("/rules", summary="The rules, readings and instruments")
async def rules() -> Response:
    """Every rule with its question, every reading, and every instrument with its dates, status and sources."""
    readings = list(fl.RULEBOOK)
    return _json(
        {
            "version": fl.__version__,
            "rules": [{"id": rule, "question": QUESTIONS[rule]} for rule in fl.RULE_IDS],
            "readings": [{"name": reading.name, "title": reading.title} for reading in readings],
            "instruments": [value.model_dump(mode="json") for value in readings[0].instruments.values()],
        }
    )


@router.get("/readings", summary="The readings of the law")
async def readings() -> Response:
    """Each reading's name, title and digest; ``all`` asks for every reading at once."""
    listed = [{"name": r.name, "title": r.title, "digest": r.digest} for r in fl.RULEBOOK]
    return _json({"readings": listed, "all": fl.ALL})


@router.get("/schema", summary="The JSON Schema of an input record")
async def schema() -> Response:
    """The JSON Schema of a person's record, as ``fighterlaw schema`` prints it."""
    return _json({"$schema": "https://json-schema.org/draft/2020-12/schema", **fl.Person.model_json_schema()})


@router.get("/health", summary="Whether the service answers, and with which law")
async def health() -> Response:
    """``ok``, the version, and the rulebook hash each reading's reports record (for replay)."""
    hashes = {reading.name: reading.digest for reading in fl.RULEBOOK}
    return _json({"status": "ok", "version": fl.__version__, "rulebook_hash": hashes})
