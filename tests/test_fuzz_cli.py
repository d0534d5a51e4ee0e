"""Fuzzing the command line: any bytes in, any arguments; exactly one output per record, and never a traceback."""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from fighterlaw.cli import main

RECORDS = [
    b'{"id": "a", "citizenship": "foreign", "contracts": [{"signed": "2024-01-01"}]}',
    b'{"id": "b", "citizenship": "russian"}',
    b'{"citizenship": "stateless", "birth_date": "2000-02-30"}',
    b'{"citizenship": 1}',
    b"[1, 2]",
    b"{",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"   ",
    b"\r",
]
LINES = st.one_of(st.sampled_from(RECORDS), st.binary(max_size=40).filter(lambda raw: b"\n" not in raw))


@contextlib.contextmanager
def captured(data: bytes = b"") -> Iterator[tuple[io.StringIO, io.StringIO]]:
    """Standard input from ``data``; standard output and error captured."""
    out, err = io.StringIO(), io.StringIO()
    stdin = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(data))
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            yield out, err
    finally:
        sys.stdin = stdin


def records_of(data: bytes) -> list[int]:
    """The line numbers that are records: every line, except blank lines that only end the input."""
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    numbers: list[int] = []
    pending: list[int] = []
    for number, raw in enumerate(lines, 1):
        line = raw.removeprefix(b"\xef\xbb\xbf") if number == 1 else raw
        try:
            blank = not line.decode("utf-8").strip()
        except UnicodeDecodeError:
            blank = False
        if blank:
            pending.append(number)
            continue
        numbers.extend(pending)
        pending.clear()
        numbers.append(number)
    return numbers


@settings(max_examples=60, deadline=None)
@given(st.lists(LINES, max_size=12), st.booleans())
def test_any_bytes_yield_one_output_per_record_in_order(lines, final_newline):
    """Whatever the bytes, each record (each line but trailing blank ones) yields one JSON line, in order."""
    data = b"\n".join(lines) + (b"\n" if final_newline and lines else b"")
    with captured(data) as (out, err):
        status = main(["check", "--as-of", "2026-06-01", "--input", "jsonl", "--format", "jsonl"])
    documents = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [document["line"] for document in documents] == records_of(data)
    errors = sum("errors" in document for document in documents)
    assert status == (1 if errors else 0)
    assert f"{len(documents)} records read, {len(documents) - errors} reports, {errors} errors" in err.getvalue()


WORDS = st.sampled_from(
    [
        "check",
        "explain",
        "timeline",
        "whatif",
        "diff",
        "replay",
        "rules",
        "schema",
        "-",
        "--as-of",
        "2026-06-01",
        "2023-02-30",
        "--reading",
        "press",
        "pres",
        "all",
        "--rule",
        "extradition-bar",
        "citizenship",
        "--format",
        "json",
        "csv",
        "xml",
        "--input",
        "--subject",
        "offence:1",
        "--from",
        "--to",
        "--readings",
        "enacted,press",
        "--quiet",
        "--with-input",
        "--version",
        "-h",
        "missing.jsonl",
    ]
)


@settings(max_examples=80, deadline=None)
@given(st.lists(WORDS | st.text(max_size=8), max_size=7))
def test_any_arguments_end_in_a_status_never_a_traceback(tmp_path_factory, argv):
    """Any argument list ends with exit status 0, 1 or 2 and a message, never an exception."""
    here = Path.cwd()
    os.chdir(tmp_path_factory.mktemp("argv"))  # any file a command is told to write lands here
    try:
        with captured(b'{"id": "x", "citizenship": "foreign"}\n') as (_, err):
            status = main(argv)
    finally:
        os.chdir(here)
    assert status in (0, 1, 2)
    if status == 2:
        assert err.getvalue().strip()
