"""The command line: a thin layer over the Python API.

- ``fighterlaw check [FILE|-] --as-of DATE``: the verdicts for every record, as a table, JSON, JSON Lines, CSV or
  an Excel workbook (``--output FILE.xlsx``).
- ``fighterlaw explain FILE --as-of DATE [--id ID] [--rule ID]``: the cited reason tree of each record.
- ``fighterlaw timeline FILE``: when each verdict holds over a period, as text, JSON, an SVG picture or a page.
- ``fighterlaw whatif FILE --as-of DATE --rule ID``: what would decide an open verdict, or turn a decided one.
- ``fighterlaw diff FILE --as-of DATE``: how many verdicts change between two readings.
- ``fighterlaw summary FILE --from DATE --to DATE``: how many records are yes, no and undetermined on each day.
- ``fighterlaw replay REPORTS``: evaluate saved reports again and say whether the answers are still the same.
- ``fighterlaw rules``: every rule, reading and instrument, with in-force dates, statuses and sources.
- ``fighterlaw schema``: the JSON Schema of an input record.
- ``fighterlaw serve``: a local service and a web page (the ``serve`` extra).

Every input record yields exactly one output record, in input order. Exit codes: 0 when every record was valid
(whatever the verdicts), 1 when some were not (the others are still processed), 2 for a usage error.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import stat
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from itertools import chain, islice
from pathlib import Path
from typing import IO, Any, BinaryIO, Final, TextIO

from fighterlaw import __version__
from fighterlaw._input import Format, Item, UnreadableInput, detect_format, person_of, read_items
from fighterlaw._output import OutputFormat, Rendered, Writer, error_document, json_line, render, row
from fighterlaw.assumptions import ASSUMABLE, Assumptions
from fighterlaw.census import population_svg, populations
from fighterlaw.census import text as population_text
from fighterlaw.census import to_csv as population_csv
from fighterlaw.compare import compare_readings
from fighterlaw.dates import add_years
from fighterlaw.engine import ALL, RULE_IDS, Evaluation
from fighterlaw.errors import InputError, Problem, UnknownNameError
from fighterlaw.facts import Person
from fighterlaw.legaltime import timeline_text, timelines
from fighterlaw.picture import timeline_html, timeline_svg
from fighterlaw.planner import plan
from fighterlaw.printout import report_html
from fighterlaw.report import DISCLAIMER, Report
from fighterlaw.reproduce import replay
from fighterlaw.rulebook import RULEBOOK, LegalDate, Reading
from fighterlaw.rulebook._model import Bar, Provision
from fighterlaw.rules import QUESTIONS
from fighterlaw.whatif import what_if

__all__ = ["main", "run"]

_OK: Final = 0
_INVALID: Final = 1
_USAGE: Final = 2
_CHUNK: Final = 256  # records per task when several processes share the work
_PEEK: Final = 4096


def run() -> None:
    """The console script: run :func:`main` and exit with its status."""
    sys.exit(main())


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command; returns the exit status (0 valid, 1 some records invalid, 2 usage error)."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # argparse has printed the usage error (or the help)
        return stop.code if isinstance(stop.code, int) else _USAGE
    try:
        status: int = args.command(args)
    except (_UsageError, UnreadableInput) as error:
        print(f"fighterlaw: {error}", file=sys.stderr)
        return _USAGE
    except BrokenPipeError:  # the reader went away (``| head``): stop quietly
        sys.stderr.close()
        return _OK
    return status


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="fighterlaw",
        description="Russian law on foreign nationals in the Russian armed forces, as dated, cited rules.",
        epilog=DISCLAIMER,
    )
    parser.add_argument("--version", action="version", version=f"fighterlaw {__version__}")
    commands = parser.add_subparsers(dest="name", required=True, metavar="COMMAND")

    _check_parser(commands)

    explain = commands.add_parser("explain", help="the cited reason tree of each record", description=_EXPLAIN)
    _common(explain)
    explain.add_argument(
        "--id", action="append", dest="ids", metavar="ID", help="only the record with this id (repeatable)"
    )
    _rules_option(explain)
    explain.set_defaults(command=_explain)

    timeline = commands.add_parser("timeline", help="when each verdict holds, over a period", description=_TIMELINE)
    _source(timeline)
    _reading(timeline)
    _rules_option(timeline)
    timeline.add_argument("--subject", default=None, metavar="S", help="only this subject (person, offence:ID)")
    timeline.add_argument("--from", dest="start", type=_day, default=None, metavar="DATE", help="the first day")
    timeline.add_argument("--to", dest="end", type=_day, default=None, metavar="DATE", help="the last day (today)")
    timeline.add_argument(
        "--as-of", type=_day, default=None, metavar="DATE", help="the day asked about, marked on each timeline"
    )
    timeline.add_argument("--format", choices=("text", "json"), default="text")
    _assume(timeline)
    timeline.add_argument("--svg", metavar="OUT", help="also draw the timelines as an SVG picture")
    timeline.add_argument("--html", metavar="OUT", help="also write a page with the picture and the text")
    timeline.set_defaults(command=_timeline)

    whatif = commands.add_parser("whatif", help="what would decide a verdict, or turn it", description=_WHATIF)
    _common(whatif)
    whatif.add_argument("--rule", required=True, choices=RULE_IDS, metavar="ID", help="the rule to ask about")
    whatif.add_argument("--subject", default="person", metavar="S", help="the subject (person, offence:ID)")
    whatif.add_argument("--format", choices=("text", "json"), default="text")
    whatif.set_defaults(command=_whatif)

    _report_parser(commands)

    diff = commands.add_parser("diff", help="how many verdicts change between two readings", description=_DIFF)
    _source(diff)
    diff.add_argument("--as-of", type=_day, default=None, metavar="DATE", help="the day to ask about (today)")
    diff.add_argument(
        "--readings", type=_pair, default=("enacted", "press"), metavar="A,B", help="the two readings (enacted,press)"
    )
    _rules_option(diff)
    _assume(diff)
    diff.add_argument("--format", choices=("text", "json"), default="text")
    diff.set_defaults(command=_diff)

    _summary_parser(commands)

    replay = commands.add_parser(
        "replay", help="evaluate saved reports again: is the answer the same?", description=_REPLAY_DESCRIPTION
    )
    replay.add_argument("file", nargs="?", default="-", metavar="REPORTS", help=_REPLAY)
    replay.add_argument("--format", choices=("text", "json"), default="text")
    replay.set_defaults(command=_replay)

    _rules_parser(commands)
    _serve_parser(commands)
    return parser


def _serve_parser(commands: Any) -> None:
    serve = commands.add_parser("serve", help="a local service and a web page (the 'serve' extra)", description=_SERVE)
    serve.add_argument("--host", default="127.0.0.1", help="the address to listen on (127.0.0.1: this machine only)")
    serve.add_argument("--port", type=_positive, default=8000, help="the port to listen on (8000)")
    serve.add_argument("--token", default=None, help="a token every request must carry (or FIGHTERLAW_TOKEN)")
    serve.set_defaults(command=_serve)


_CHECK: Final = """\
Evaluate every record of FILE (or standard input, '-') on the day --as-of, under a reading. Input formats:
JSON Lines, JSON (an array of records), or the flat layout of one row per person (up to two contracts, three
offences and one family member; an empty cell means what an omitted field means) as CSV (comma, semicolon or tab
separated: examples/people.csv is a template) or as an Excel workbook (.xlsx, with fighterlaw[xlsx]). The format
is taken from the file's extension or its first bytes unless --input says. A header that does not fit the layout
is a usage error, said once, before any row."""
_EXPLAIN: Final = """\
For each record of FILE (or those picked with --id), the reasons for each verdict (or those of the rules picked
with --rule) as an indented tree: each step with its verdict, its sentence and the provision it cites, then what
would decide an open verdict, the warnings, the sources and the disclaimer."""
_REPLAY_DESCRIPTION: Final = """\
Evaluate again each report saved with 'fighterlaw check --format jsonl --with-input', on its own day, under its
own reading, and say whether each answer is still the same (exit 0 when all are, 1 when some changed or could
not be replayed)."""
_RULES: Final = """\
Every rule and its question, each reading's provisions with their in-force dates and the status of their text,
and every instrument with its sources: the law as fighterlaw holds it."""
_SCHEMA: Final = """\
The JSON Schema (draft 2020-12) of an input record, generated from the record model, for other tools to validate
records against."""


_TIMELINE: Final = """\
For each record of FILE, the spans of days over which each verdict holds, from --from to --to (by default the
five years up to today), computed at the days the law or the record can change, with the dates of law and of the
record marked. --svg and --html draw one lane per rule and subject; with several records, each record gets its
own file, named with its id (or line)."""
_WHATIF: Final = """\
For each record of FILE: for an undetermined verdict, each unknown fact with the verdict each of its values would
give, the most decisive first; for a decided one, the single changes of fact that would turn it, and the nearest
day on which it changes. Every answer is checked by evaluating the changed record again."""
_REPORT: Final = """\
For each record of FILE (or those --id names), a page a person can print or send: each question's answer in plain
words with why, and what would decide an open one; the assumptions stated; a timeline picture (by default the five
years up to --as-of and one more); the reasons with their citations; the sources; the disclaimer. The page loads
nothing from elsewhere and runs no script."""
_DIFF: Final = """\
How many verdicts of the records of FILE change between two readings, by rule and subject, with example records."""
_SERVE: Final = """\
Serve the JSON API (/v1/...) and a page for one person (/) until stopped. It listens on 127.0.0.1 unless --host
says otherwise; any other address needs a token (--token, or the FIGHTERLAW_TOKEN environment variable), asked
of every request. Records are never kept, written to disk or logged."""
_SUMMARY: Final = """\
For the records of FILE: on every day from --from to --to, how many answers to each question are yes, no and
undetermined (exact, from each record's timeline), and the facts and legal points that hold the undetermined ones
open, ranked by how many answers each would decide."""
_REPLAY: Final = "saved reports (JSON Lines or a JSON array) from 'check --format jsonl --with-input'"


def _check_parser(commands: Any) -> None:
    check = commands.add_parser("check", help="the verdicts for every record of a file", description=_CHECK)
    _common(check)
    _rules_option(check)
    check.add_argument(
        "--format",
        choices=("table", "json", "jsonl", "csv", "xlsx", "parquet"),
        default=None,
        help="output format (from --output's extension, else table); xlsx and parquet need --output",
    )
    check.add_argument("--output", metavar="FILE", help="write the output to FILE instead of standard output")
    check.add_argument(
        "--dask",
        metavar="ADDRESS",
        help="evaluate a Parquet dataset on a Dask cluster (a scheduler's address, or local)",
    )
    check.add_argument(
        "--with-input", action="store_true", help="put each record into its JSON report, to replay it later"
    )
    check.add_argument(
        "--verdicts-only",
        action="store_true",
        help="table, csv, xlsx and parquet: the verdicts alone, without status and why columns (many times faster)",
    )
    check.add_argument("--jobs", type=_positive, default=1, metavar="N", help="spread the records over N processes")
    check.add_argument("--quiet", action="store_true", help="no progress line and no summary on stderr")
    check.set_defaults(command=_check)


def _rules_parser(commands: Any) -> None:
    rules = commands.add_parser(
        "rules", help="the rules, readings and instruments, with dates and sources", description=_RULES
    )
    rules.add_argument("--format", choices=("text", "json"), default="text")
    rules.add_argument(
        "--source",
        type=_day,
        default=None,
        metavar="DATE",
        help="instead, print the Python the rules are planned into on DATE (under --reading), to read or debug",
    )
    _reading(rules)
    _rules_option(rules)
    rules.set_defaults(command=_rules)

    schema = commands.add_parser("schema", help="the JSON Schema of an input record", description=_SCHEMA)
    schema.set_defaults(command=_schema)


def _report_parser(commands: Any) -> None:
    printed = commands.add_parser(
        "report", help="a page per record to print or send: answers, reasons, sources, timeline", description=_REPORT
    )
    _common(printed)
    printed.add_argument("--id", action="append", metavar="ID", help="only the record with this id (repeatable)")
    printed.add_argument("--html", required=True, metavar="OUT", help="the page (with several records, one per id)")
    printed.add_argument("--from", dest="start", type=_day, default=None, metavar="DATE", help="the timeline's start")
    printed.add_argument("--to", dest="end", type=_day, default=None, metavar="DATE", help="the timeline's end")
    printed.set_defaults(command=_report)


def _summary_parser(commands: Any) -> None:
    summary = commands.add_parser(
        "summary", help="how many records are yes, no and undetermined on each day", description=_SUMMARY
    )
    _source(summary)
    summary.add_argument("--from", dest="start", type=_day, required=True, metavar="DATE", help="the first day")
    summary.add_argument("--to", dest="end", type=_day, required=True, metavar="DATE", help="the last day")
    summary.add_argument(
        "--readings",
        type=_readings,
        default=("enacted",),
        metavar="A,B",
        help="the readings, comma-separated (enacted)",
    )
    _rules_option(summary)
    _assume(summary)
    summary.add_argument("--format", choices=("text", "csv", "json"), default="text")
    summary.add_argument("--svg", metavar="OUT", help="also draw a stacked-area picture per question and reading")
    summary.set_defaults(command=_summary)


def _source(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", nargs="?", default="-", metavar="FILE", help="the records ('-' or nothing: stdin)")
    parser.add_argument(
        "--input", choices=("json", "jsonl", "csv", "xlsx", "parquet"), default=None, help="the input format"
    )


def _reading(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--reading", choices=(*RULEBOOK.names, ALL), default="enacted", help="the reading of the law (enacted)"
    )


def _rules_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--rule", action="append", choices=RULE_IDS, metavar="ID", help="only this rule (repeatable)")


def _common(parser: argparse.ArgumentParser) -> None:
    _source(parser)
    parser.add_argument("--as-of", type=_day, default=None, metavar="DATE", help="the day to ask about (today)")
    _reading(parser)
    _assume(parser)


def _assume(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--assume",
        action="append",
        type=_assumption,
        default=[],
        metavar="FACT=VALUE",
        help="assume a fact where a record leaves it unknown, e.g. asylum_in_russia=false (repeatable); "
        f"facts: {', '.join(ASSUMABLE)}",
    )


def _assumption(text: str) -> tuple[str, Any]:
    """``FACT=VALUE``: the value as JSON (``false``, ``12``, ``"male"``), or else as text (``male``)."""
    fact, equals, said = text.partition("=")
    if not equals or not fact.strip() or not said.strip():
        msg = f"expected FACT=VALUE, such as asylum_in_russia=false; found {text!r}"
        raise argparse.ArgumentTypeError(msg)
    try:
        value = json.loads(said)
    except ValueError:
        value = said.strip()
    return fact.strip(), value


def _assumed(args: argparse.Namespace) -> dict[str, Any]:
    """The command's --assume options, checked.

    A fact that cannot be assumed, or a value it cannot take, is a usage error.
    """
    assumed = dict(getattr(args, "assume", None) or ())
    try:
        Assumptions.of(assumed)
    except ValueError as error:
        raise _UsageError(f"--assume: {error}") from None
    return assumed


def _pair(text: str) -> tuple[str, str]:
    names = tuple(name.strip() for name in text.split(","))
    if len(names) != 2 or any(name not in RULEBOOK.names for name in names):
        msg = f"expected two readings as A,B from {', '.join(RULEBOOK.names)}; found {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return names[0], names[1]


def _readings(text: str) -> tuple[str, ...]:
    names = tuple(name.strip() for name in text.split(","))
    valid = (*RULEBOOK.names, ALL)
    if any(name not in valid for name in names) or len(set(names)) != len(names):
        msg = f"expected readings as A,B,... from {', '.join(valid)}, each once; found {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return names


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        msg = f"expected a day as YYYY-MM-DD; found {text!r}"
        raise argparse.ArgumentTypeError(msg) from None


def _positive(text: str) -> int:
    if not text.isdecimal() or int(text) < 1:
        msg = f"expected a whole number of at least 1; found {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return int(text)


# --- check ---------------------------------------------------------------------------------------------------------


def _check(args: argparse.Namespace) -> int:
    rules: list[str] = [rule for rule in RULE_IDS if rule in (args.rule or RULE_IDS)]
    fmt = _output_format(args)
    if fmt == "parquet" or args.dask:
        return _check_table(args, rules)
    records = errors = 0
    with _items(args) as items, _destination(args.output, fmt, args.file) as (out, workbook):
        as_of = _as_of(args, machine=fmt != "table")
        colour = out.isatty() and "NO_COLOR" not in os.environ
        brief = args.verdicts_only and fmt in ("table", "csv", "xlsx")
        writer = Writer(out, fmt, rules, colour=colour, workbook=workbook, verdicts_only=brief)
        progress = _Progress(sys.stderr, enabled=not args.quiet and sys.stderr.isatty(), fraction=items.fraction)
        job = _Job(as_of, args.reading, tuple(rules), fmt, args.with_input, tuple(_assumed(args).items()), brief)
        writer.start()
        try:
            rendered = _in_parallel(items, job, args.jobs) if args.jobs > 1 else _in_turn(items, job)
            for outcome in rendered:
                writer.write(outcome)
                records += 1
                errors += outcome.error
                progress.tick()
        finally:
            writer.finish()
            progress.done()
    if not args.quiet:
        print(f"fighterlaw: {records} records read, {records - errors} reports, {errors} errors", file=sys.stderr)
    return _INVALID if errors else _OK


_OUTPUTS: Final[dict[str, str]] = {
    ".json": "json",
    ".jsonl": "jsonl",
    ".csv": "csv",
    ".xlsx": "xlsx",
    ".parquet": "parquet",
}


def _output_format(args: argparse.Namespace) -> Any:
    """--format, else the format --output's extension names, else the table; a workbook needs a file."""
    fmt: str = args.format or _OUTPUTS.get(Path(args.output or "").suffix.lower(), "table")
    if fmt == "xlsx":
        if args.output is None:
            raise _UsageError("--format xlsx writes a workbook, which needs a file: give --output FILE.xlsx")
        from fighterlaw._xlsx import writable  # noqa: PLC0415 - openpyxl is optional, and slow to import

        writable()
    return fmt


@contextlib.contextmanager
def _destination(path: str | None, fmt: OutputFormat, source: str) -> Iterator[tuple[TextIO, BinaryIO | None]]:
    """Where ``check`` writes: standard output, or the --output file (a workbook is saved into it at the end).

    A CSV file is written with a byte-order mark, by which Excel knows it is UTF-8. The file being read is never
    the one written: opening it to write would empty it before its records were read.
    """
    if path is None:
        yield sys.stdout, None
        return
    with contextlib.suppress(OSError):
        if source != "-" and os.path.samefile(path, source):
            raise _UsageError(f"--output {path} is the file being read; write the answers to another file")
    encoding = "utf-8-sig" if fmt == "csv" else "utf-8"
    try:
        if fmt == "xlsx":
            binary: BinaryIO | None = open(path, "wb")  # noqa: SIM115 - closed below, once written
            text: TextIO = sys.stdout
        else:
            binary, text = None, open(path, "w", encoding=encoding, newline="")  # noqa: SIM115 - the same
    except OSError as error:
        raise _UsageError(f"cannot write {path}: {error.strerror or error}") from None
    with binary or text:
        yield text, binary
    print(f"fighterlaw: wrote {path}", file=sys.stderr)


def _check_table(args: argparse.Namespace, rules: list[str]) -> int:
    """``check`` writing Parquet: the answers as a table, a batch at a time, or partition by partition on Dask."""
    if args.format != "parquet" or args.output is None:
        raise _UsageError(
            "--dask writes Parquet: give --format parquet --output FILE"
            if args.dask
            else "--format parquet needs --output FILE"
        )
    if args.jobs > 1:
        raise _UsageError("--jobs spreads text formats over processes; for Parquet, use --dask local")
    if args.with_input:
        raise _UsageError("--with-input puts records into JSON reports; give --format jsonl")
    from fighterlaw import tables  # noqa: PLC0415 - Parquet needs the optional pyarrow

    assumed = _assumed(args)
    as_of = _as_of(args, machine=True)
    reasons = not args.verdicts_only
    try:
        if args.dask:
            if args.file == "-":
                raise _UsageError("--dask reads a Parquet file or dataset by its path, not standard input")
            answers = tables.answers_on_dask(
                args.file, args.dask, as_of=as_of, reading=args.reading, rules=rules, assume=assumed, reasons=reasons
            )
            records, errors = tables.write_parquet(args.output, answers, rules)
        else:
            with _opened(args) as (stream, fmt, _):
                evaluation = Evaluation(as_of=as_of, reading=args.reading, rules=rules, assume=assumed)
                if fmt == "parquet":
                    answers = tables.answers_of_parquet(stream, evaluation, reasons=reasons)
                else:
                    answers = tables.answers_of_items(read_items(stream, fmt), evaluation, reasons=reasons)
                records, errors = tables.write_parquet(args.output, answers, rules)
    except tables.ClusterError as error:
        raise _UsageError(str(error)) from None
    except OSError as error:
        raise _UsageError(f"cannot write {args.output}: {error.strerror or error}") from None
    if not args.quiet:
        print(f"fighterlaw: {records} records read, {records - errors} reports, {errors} errors", file=sys.stderr)
    return _INVALID if errors else _OK


@dataclass(frozen=True, slots=True)
class _Job:
    """What ``check`` does to each record, in this process or in a worker: evaluate it, and render the outcome."""

    as_of: date
    reading: str
    rules: tuple[str, ...]
    fmt: OutputFormat
    with_input: bool
    assume: tuple[tuple[str, Any], ...] = ()
    verdicts_only: bool = False

    def evaluation(self) -> Evaluation:
        return Evaluation(as_of=self.as_of, reading=self.reading, rules=self.rules, assume=dict(self.assume))

    def render(self, evaluation: Evaluation, item: Item) -> Rendered:
        if self.verdicts_only:  # verdicts alone: no report, no reasons
            person = _person(item)
            if isinstance(person, Person) and not evaluation.assumptions:
                return row(item.line, person.id, evaluation.verdicts(person), self.rules)
        outcome = _outcome(evaluation, item)
        return render(
            self.fmt, item.line, outcome, self.rules, with_input=self.with_input, verdicts_only=self.verdicts_only
        )


def _in_turn(items: Iterable[Item], job: _Job) -> Iterator[Rendered]:
    evaluation = job.evaluation()
    for item in items:
        yield job.render(evaluation, item)


def _outcome(evaluation: Evaluation, item: Item) -> Report | InputError:
    """A record's report, or its error with each problem named as the input names it (a CSV column)."""
    person = _person(item)
    if isinstance(person, InputError):
        return person
    try:
        return evaluation.report(person)
    except InputError as error:  # an assumption that contradicts the record
        return InputError(error.problems, record_id=error.record_id)


_worker: tuple[_Job, Evaluation] | None = None


def _start_worker(job: _Job) -> None:
    global _worker  # noqa: PLW0603 - one evaluation per worker process, planned once
    _worker = (job, job.evaluation())


def _work(items: list[Item]) -> list[Rendered]:
    assert _worker is not None  # noqa: S101 - set by the initializer
    job, evaluation = _worker
    return [job.render(evaluation, item) for item in items]


def _in_parallel(items: Iterable[Item], job: _Job, jobs: int) -> Iterator[Rendered]:
    """The records spread over ``jobs`` processes in chunks, in input order, with a bounded number in flight."""
    iterator = iter(items)
    with ProcessPoolExecutor(jobs, initializer=_start_worker, initargs=(job,)) as pool:
        pending: deque[Future[list[Rendered]]] = deque()
        while True:
            chunk = list(islice(iterator, _CHUNK))
            if chunk:
                pending.append(pool.submit(_work, chunk))
            if pending and (not chunk or len(pending) >= 2 * jobs):
                yield from pending.popleft().result()
            if not chunk and not pending:
                return


# --- explain -------------------------------------------------------------------------------------------------------


def _explain(args: argparse.Namespace) -> int:
    errors = shown = 0
    wanted: list[str] = args.ids or []
    found: set[str] = set()
    with _items(args) as items:
        evaluation = Evaluation(
            as_of=_as_of(args, machine=False), reading=args.reading, rules=args.rule, assume=_assumed(args)
        )
        for item in items:
            outcome = _outcome(evaluation, item)
            if wanted:
                who = outcome.person if isinstance(outcome, Report) else outcome.record_id
                if who not in wanted:
                    continue
                found.add(who)
            print(("\n" + "=" * 100 + "\n") if shown else "", end="")
            shown += 1
            if isinstance(outcome, InputError):
                errors += 1
                print(f"line {item.line}: {outcome}")
            else:
                print(f"line {item.line}: {outcome.explain()}")
    absent = [who for who in dict.fromkeys(wanted) if who not in found]
    if absent:
        print(f"fighterlaw: no record has the id {', '.join(map(repr, absent))}", file=sys.stderr)
        return _USAGE
    return _INVALID if errors else _OK


# --- timeline, whatif, diff, replay -------------------------------------------------------------------------------

_YEARS_BACK: Final = 5  # the default period of a timeline: the five years up to its last day


def _timeline(args: argparse.Namespace) -> int:
    end: date = args.end or date.today()  # noqa: DTZ011 - only the command line defaults to today, and says so
    start: date = args.start or add_years(end, -_YEARS_BACK)
    if start > end:
        raise _UsageError(f"--from ({start}) is after --to ({end})")
    with _items(args) as items:
        said = "" if args.end else " (today)"
        print(f"fighterlaw: from {start} to {end}{said}, reading {args.reading}", file=_note_stream(args))
        first = list(islice(items, 2))
        several = len(first) > 1
        written: set[Path] = set()
        errors = 0
        for item in chain(first, items):
            person = _person(item)
            if isinstance(person, InputError):
                errors += _say_error(args, item, person)
                continue
            try:
                lanes = timelines(
                    person,
                    start=start,
                    end=end,
                    reading=args.reading,
                    rules=args.rule,
                    assume=_assumed(args),
                    asked=args.as_of,
                )
            except InputError as error:  # an assumption that contradicts the record
                errors += _say_error(args, item, error)
                continue
            if args.subject is not None:
                lanes = tuple(lane for lane in lanes if lane.subject == args.subject)
                if not lanes:
                    errors += _say_error(args, item, _no_subject(person, args.subject))
                    continue
            if args.format == "json":
                print(json_line({"line": item.line, "person": person.id, "timelines": [t.to_dict() for t in lanes]}))
            else:
                print(f"line {item.line}: {timeline_text(lanes)}\n")
            for path, draw in ((args.svg, timeline_svg), (args.html, timeline_html)):
                if path is not None:
                    _write(_named(path, person.id, item.line, several=several, written=written), draw(lanes))
    return _INVALID if errors else _OK


def _whatif(args: argparse.Namespace) -> int:
    errors = 0
    with _items(args) as items:
        as_of = _as_of(args, machine=args.format == "json")
        for item in items:
            person = _person(item)
            if isinstance(person, InputError):
                errors += _say_error(args, item, person)
                continue
            try:
                answer = what_if(
                    person, args.rule, args.subject, as_of=as_of, reading=args.reading, assume=_assumed(args)
                )
            except InputError as error:  # an assumption that contradicts the record
                errors += _say_error(args, item, error)
                continue
            except UnknownNameError as error:  # an offence id the record does not have
                errors += _say_error(args, item, _no_subject(person, args.subject, str(error)))
                continue
            if args.format == "json":
                print(json_line({"line": item.line, **answer.to_dict()}))
            else:
                print(f"line {item.line}: {answer}\n")
    return _INVALID if errors else _OK


def _report(args: argparse.Namespace) -> int:
    wanted = set(args.id or ())
    errors = 0
    with _items(args) as items:
        as_of = _as_of(args, machine=False)
        start: date = args.start or add_years(as_of, -_YEARS_BACK)
        end: date = args.end or add_years(as_of, 1)
        if start > end:
            raise _UsageError(f"--from ({start}) is after --to ({end})")
        evaluation = Evaluation(as_of=as_of, reading=args.reading, assume=_assumed(args))
        answered = [(item, _outcome(evaluation, item)) for item in items]
        chosen = [(item, outcome) for item, outcome in answered if not wanted or _asked(outcome, wanted)]
        several = len(chosen) > 1
        written: set[Path] = set()
        found: set[str] = set()
        for item, outcome in chosen:
            if isinstance(outcome, InputError):
                errors += _say_error(args, item, outcome)
                continue
            person = outcome.input
            assert person is not None  # noqa: S101 - the evaluation's reports hold their record
            found.add(person.id or "")
            lanes = timelines(person, start=start, end=end, reading=args.reading, assume=_assumed(args), asked=as_of)
            page = report_html(outcome, lanes)
            _write(_named(args.html, person.id, item.line, several=several, written=written), page)
    missing = sorted(wanted - found)
    if missing:
        print(f"fighterlaw: no record has the id {', '.join(repr(name) for name in missing)}", file=sys.stderr)
        errors += len(missing)
    return _INVALID if errors else _OK


def _asked(outcome: Report | InputError, wanted: set[str]) -> bool:
    """Whether --id asks for this record: a report with one of the ids, or an error whose id is one or unknown."""
    if isinstance(outcome, InputError):
        return outcome.record_id is None or outcome.record_id in wanted
    return outcome.person in wanted


def _diff(args: argparse.Namespace) -> int:
    with _items(args) as items:
        as_of = _as_of(args, machine=args.format == "json", reading=",".join(args.readings))
        comparison = compare_readings(
            _counted(items), as_of=as_of, readings=args.readings, rules=args.rule, assume=_assumed(args)
        )
    if args.format == "json":
        print(json.dumps(comparison.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(comparison.table())
    return _INVALID if comparison.errors else _OK


def _counted(items: Iterable[Item]) -> Iterator[object]:
    """Each record's person; a record that cannot be read is said on stderr, and handed on to be counted."""
    for item in items:
        person = _person(item)
        if isinstance(person, InputError):
            print(f"fighterlaw: line {item.line}: {person}", file=sys.stderr)
            yield _UNREADABLE
        else:
            yield person


_UNREADABLE: Final = object()


def _summary(args: argparse.Namespace) -> int:
    if args.start > args.end:
        raise _UsageError(f"--from ({args.start}) is after --to ({args.end})")
    with _items(args) as items:
        print(f"fighterlaw: from {args.start} to {args.end}, readings {','.join(args.readings)}", file=sys.stderr)
        views = populations(
            _counted_persons(items),
            start=args.start,
            end=args.end,
            readings=args.readings,
            rules=args.rule,
            assume=_assumed(args),
        )
    if args.format == "json":
        print(json.dumps([view.to_dict() for view in views], ensure_ascii=False, indent=2))
    elif args.format == "csv":
        sys.stdout.write(population_csv(views))
    else:
        print(population_text(views))
    if args.svg is not None:
        _write(Path(args.svg), population_svg(views))
    errors = len(views[0].errors)
    print(f"fighterlaw: {views[0].records} records read, {errors} errors", file=sys.stderr)
    return _INVALID if errors else _OK


def _counted_persons(items: Iterable[Item]) -> Iterator[Person | InputError]:
    """Each record's person, or its error, said on stderr with its line."""
    for item in items:
        person = _person(item)
        if isinstance(person, InputError):
            print(f"fighterlaw: line {item.line}: {person}", file=sys.stderr)
        yield person


def _replay(args: argparse.Namespace) -> int:
    counts = {"same": 0, "changed": 0, "errors": 0}
    with _items(args, reports=True) as items:
        for item in items:
            try:
                if item.problems or not isinstance(item.record, str | dict):
                    raise InputError(item.problems)
                outcome = replay(item.record)
            except InputError as error:  # not JSON, or no readable record in it
                counts["errors"] += _say_error(args, item, error)
                continue
            except ValueError as error:  # not a report, or a reading this version does not have
                message = f"{error} (reports to replay are saved by 'fighterlaw check --format jsonl --with-input')"
                counts["errors"] += _say_error(args, item, InputError([Problem("", message, "report")]))
                continue
            counts["same" if outcome.same else "changed"] += 1
            if args.format == "json":
                print(json_line({"line": item.line, **outcome.to_dict()}))
            else:
                print(f"line {item.line}: {outcome}")
    total = sum(counts.values())
    print(
        f"fighterlaw: {total} reports replayed: {counts['same']} the same, {counts['changed']} changed, "
        f"{counts['errors']} could not be replayed",
        file=sys.stderr,
    )
    return _OK if total == counts["same"] else _INVALID


def _person(item: Item) -> Person | InputError:
    """The record's person, or the error that says why there is none."""
    return person_of(item)


def _no_subject(person: Person, subject: str, message: str | None = None) -> InputError:
    problem = Problem("", message or f"the record has no subject {subject!r}", "unknown_subject")
    return InputError([problem], record_id=person.id)


def _say_error(args: argparse.Namespace, item: Item, error: InputError) -> int:
    """Report a record that could not be answered, in the command's format; it counts as one error."""
    if args.format == "json":
        print(json_line(error_document(item.line, error)))
    else:
        print(f"line {item.line}: {error}\n")
    return 1


def _note_stream(args: argparse.Namespace) -> TextIO:
    return sys.stderr if args.format == "json" else sys.stdout


def _named(path: str, who: str | None, line: int, *, several: bool, written: set[Path]) -> Path:
    """The file for one record's picture: the path itself, or with the record's id (else line) before its suffix.

    Two records whose ids make the same file name are told apart by their lines, so no picture overwrites another.
    """
    chosen = Path(path)
    if not several:
        return chosen
    safe = "".join(char if char.isalnum() or char in "-_." else "_" for char in who) if who else f"line-{line}"
    named = chosen.with_name(f"{chosen.stem}-{safe}{chosen.suffix}")
    if named in written:
        named = chosen.with_name(f"{chosen.stem}-{safe}-line-{line}{chosen.suffix}")
    written.add(named)
    return named


def _write(path: Path, text: str) -> None:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as error:
        raise _UsageError(f"cannot write {path}: {error.strerror or error}") from None
    print(f"fighterlaw: wrote {path}", file=sys.stderr)


# --- rules and schema --------------------------------------------------------------------------------------------


def _rules(args: argparse.Namespace) -> int:
    if args.source is not None:
        if args.reading == ALL:
            raise _UsageError("--source shows one reading's plan: name the reading")
        chosen = tuple(rule for rule in RULE_IDS if rule in (args.rule or RULE_IDS))
        print(plan(RULEBOOK.reading(args.reading), args.source, chosen).source, end="")
        return _OK
    readings = list(RULEBOOK)
    instruments = readings[0].instruments.values()
    if args.format == "json":
        document = {
            "version": __version__,
            "rules": [{"id": rule, "question": QUESTIONS[rule]} for rule in RULE_IDS],
            "readings": [
                {
                    "name": reading.name,
                    "title": reading.title,
                    "provisions": [
                        {
                            "provision": where,
                            "instrument": provision.instrument,
                            "start": _legal_json(provision.start),
                            "end": _legal_json(provision.end),
                            "status": provision.status.value,
                        }
                        for where, provision in _provisions(reading)
                    ],
                }
                for reading in readings
            ],
            "instruments": [instrument.model_dump(mode="json") for instrument in instruments],
        }
        print(json.dumps(document, ensure_ascii=False, indent=2))
        return _OK
    out = ["Rules"]
    out.extend(f"  {rule:24} {QUESTIONS[rule]}" for rule in RULE_IDS)
    out.append("\nReadings (each provision: its instrument, in force from, to, and the status of its text)")
    for reading in readings:
        out.append(f"  {reading.name}: {reading.title}")
        out.extend(
            f"    {where:44} {provision.instrument}, {_legal_text(provision.start, 'always')} to "
            f"{_legal_text(provision.end, 'now')} [{provision.status.value}]"
            for where, provision in _provisions(reading)
        )
    out.append("\nInstruments")
    for instrument in instruments:
        out.append(f"  {instrument.key}: {instrument.title} [{instrument.status.value}]")
        out.append(f"      in force: {_legal_text(instrument.start)} to {_legal_text(instrument.end, 'now')}")
        if instrument.status_note:
            out.append(f"      {instrument.status_note}")
        out.append(f"      sources: {'; '.join(instrument.sources)}")
    out.append(f"\n{DISCLAIMER}")
    print("\n".join(out))
    return _OK


def _provisions(reading: Reading) -> list[tuple[str, Provision | Bar]]:
    """Each provision of a reading, named by its rule (and grant or bar)."""
    return list(reading.provisions())


def _legal_text(legal: LegalDate | None, none: str = "unknown") -> str:
    if legal is None:
        return none
    certain = "" if legal.certain else ", possibly"
    return f"{legal.date} ({legal.status.value}{certain})"


def _legal_json(legal: LegalDate | None) -> dict[str, Any] | None:
    return None if legal is None else legal.model_dump(mode="json")


def _schema(args: argparse.Namespace) -> int:
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **Person.model_json_schema()}
    print(json.dumps(schema, ensure_ascii=False, indent=2))
    return _OK


def _serve(args: argparse.Namespace) -> int:
    try:
        from fighterlaw import serve  # noqa: PLC0415 - the extra is optional: imported only to serve
    except ImportError as error:
        missing = f" ({error.name} is not installed)" if error.name else ""
        raise _UsageError(f"serving needs the 'serve' extra{missing}: pip install 'fighterlaw[serve]'") from None
    try:
        settings = serve.Settings(
            host=args.host, port=args.port, token=args.token or os.environ.get(serve.TOKEN_VARIABLE)
        )
    except ValueError as error:
        raise _UsageError(str(error)) from None
    print(f"fighterlaw: serving on http://{args.host}:{args.port}/ (stop with Ctrl-C)", file=sys.stderr)
    serve.run(settings)
    return _OK


# --- shared pieces -------------------------------------------------------------------------------------------------


class _UsageError(Exception):
    """A usage error found after the arguments were parsed: an unreadable file, a period that runs backwards."""


class _Input(Iterator[Item]):
    """The records of an input as they are read, and how far through the input the reading is, when that is known."""

    def __init__(self, items: Iterator[Item], stream: BinaryIO, size: int | None) -> None:
        self.items = items
        self.stream = stream
        self.size = size

    def __next__(self) -> Item:
        return next(self.items)

    def fraction(self) -> float | None:
        """The share of the input read so far (its bytes, or a sheet's rows), or ``None`` when not known (a pipe)."""
        own = getattr(self.items, "fraction", None)
        if own is not None:
            return own()  # type: ignore[no-any-return]
        if not self.size:
            return None
        try:
            return min(self.stream.tell() / self.size, 1.0)
        except (OSError, ValueError):
            return None


@contextlib.contextmanager
def _items(args: argparse.Namespace, *, reports: bool = False) -> Iterator[_Input]:
    """The records of the command's file (or standard input), read as they come; closed at the end.

    The format is --input's, else the file's extension or first bytes'. Saved ``reports`` are JSON or JSON Lines.
    How the input is read, when a person should know (a semicolon as delimiter), is said on stderr.
    """
    with _opened(args) as (stream, fmt, name):
        if reports and fmt in ("xlsx", "parquet"):
            raise _UsageError(f"expected saved reports as JSON Lines or JSON; this is {fmt}")
        if fmt == "parquet":
            from fighterlaw.tables import parquet_items  # noqa: PLC0415 - Parquet needs the optional pyarrow

            yield _Input(parquet_items(stream), stream, None)
            return
        said = name or "standard input"
        try:
            items = read_items(
                stream,
                "jsonl" if reports and fmt == "csv" else fmt,
                notes=lambda note: print(f"fighterlaw: {said}: {note}", file=sys.stderr),
            )
        except UnreadableInput as error:
            raise _UsageError(f"{said}: {error}") from None
        yield _Input(items, stream, None if fmt == "xlsx" else _size(stream))


@contextlib.contextmanager
def _opened(args: argparse.Namespace) -> Iterator[tuple[BinaryIO, Format, str | None]]:
    """The command's file (or standard input), its format and its name (``None``: standard input); closed at the end."""
    if args.file == "-":
        stream: BinaryIO = sys.stdin.buffer
        name = None
    else:
        try:
            stream = open(args.file, "rb")  # noqa: SIM115 - closed below, after the last record
        except OSError as error:
            raise _UsageError(f"cannot read {args.file}: {error.strerror or error}") from None
        name = args.file
    with stream:
        fmt: Format = getattr(args, "input", None) or detect_format(name, _peek(stream))
        yield stream, fmt, name


def _size(stream: BinaryIO) -> int | None:
    """The size of a regular file, or ``None`` (a pipe, a terminal)."""
    try:
        found = os.fstat(stream.fileno())
    except (OSError, ValueError, AttributeError):
        return None
    return found.st_size if stat.S_ISREG(found.st_mode) else None


def _peek(stream: BinaryIO) -> bytes:
    """The first bytes of a stream, left in it to be read again."""
    peek = getattr(stream, "peek", None)
    if peek is not None:
        return bytes(peek(_PEEK)[:_PEEK])
    if stream.seekable():
        start = stream.tell()
        head = stream.read(_PEEK)
        stream.seek(start)
        return head
    return b""


def _as_of(args: argparse.Namespace, *, machine: bool, reading: str | None = None) -> date:
    """The day asked about: --as-of, or today; always said, with the reading (on stderr when stdout carries data)."""
    chosen: date | None = args.as_of
    said = "" if chosen is not None else " (today)"
    as_of = chosen or date.today()  # noqa: DTZ011 - only the command line may default to today, and it says so
    print(
        f"fighterlaw: as of {as_of.isoformat()}{said}, reading {reading or args.reading}",
        file=sys.stderr if machine else sys.stdout,
    )
    return as_of


class _Progress:
    """A progress line on a terminal, silent elsewhere.

    It shows the records so far and their rate, and the share done and the time left when the input's size is known.
    """

    def __init__(
        self, stream: IO[str] | TextIO, *, enabled: bool, fraction: Callable[[], float | None] | None = None
    ) -> None:
        self.stream = stream
        self.enabled = enabled
        self.fraction = fraction or (lambda: None)
        self.count = 0
        self.started = time.monotonic()
        self.shown = self.started

    def tick(self) -> None:
        self.count += 1
        if not self.enabled or self.count % 256:
            return
        now = time.monotonic()
        if now - self.shown >= 0.25:  # four updates a second at most
            elapsed = max(now - self.started, 1e-9)
            line = f"\r  {self.count:,} records  {self.count / elapsed:,.0f}/s"
            done = self.fraction()
            if done:
                line += f"  {done:.0%} done, about {_duration(elapsed * (1 - done) / done)} left"
            self.stream.write(f"{line} ")
            self.stream.flush()
            self.shown = now

    def done(self) -> None:
        if self.enabled and self.count >= 256:  # the line was shown
            self.stream.write("\r" + " " * 72 + "\r")
            self.stream.flush()


def _duration(seconds: float) -> str:
    """A time left, as a person reads it.

    >>> _duration(4.2), _duration(75), _duration(3725)
    ('4 s', '1 min 15 s', '1 h 2 min')
    """
    whole = round(seconds)
    if whole < 60:
        return f"{whole} s"
    if whole < 3600:
        return f"{whole // 60} min {whole % 60} s"
    return f"{whole // 3600} h {whole % 3600 // 60} min"


if __name__ == "__main__":
    run()
