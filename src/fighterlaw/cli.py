"""The command line: a thin layer over the Python API.

- ``fighterlaw check [FILE|-] --as-of DATE``: the verdicts for every record, as a table, JSON, JSON Lines or CSV.
- ``fighterlaw explain FILE --as-of DATE``: the cited reason tree of each record.
- ``fighterlaw timeline FILE``: when each verdict holds over a period, as text, JSON, an SVG picture or a page.
- ``fighterlaw whatif FILE --as-of DATE --rule ID``: what would decide an open verdict, or turn a decided one.
- ``fighterlaw diff FILE --as-of DATE``: how many verdicts change between two readings.
- ``fighterlaw summary FILE --from DATE --to DATE``: how many records are yes, no and undetermined on each day.
- ``fighterlaw replay REPORTS``: evaluate saved reports again and say whether the answers are still the same.
- ``fighterlaw rules``: every rule, reading and instrument, with in-force dates, statuses and sources.
- ``fighterlaw schema``: the JSON Schema of an input record.

Every input record yields exactly one output record, in input order. Exit codes: 0 when every record was valid
(whatever the verdicts), 1 when some were not (the others are still processed), 2 for a usage error.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from itertools import chain, islice
from pathlib import Path
from typing import IO, Any, BinaryIO, Final, TextIO

from fighterlaw import __version__
from fighterlaw._input import Format, Item, detect_format, person_of, read_items
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
    except _UsageError as error:
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

    check = commands.add_parser("check", help="the verdicts for every record of a file", description=_CHECK)
    _common(check)
    _rules_option(check)
    _output_options(check)
    check.add_argument(
        "--with-input", action="store_true", help="put each record into its JSON report, to replay it later"
    )
    check.add_argument("--jobs", type=_positive, default=1, metavar="N", help="spread the records over N processes")
    check.add_argument("--quiet", action="store_true", help="no progress line and no summary on stderr")
    check.set_defaults(command=_check)

    explain = commands.add_parser("explain", help="the cited reason tree of each record")
    _common(explain)
    explain.set_defaults(command=_explain)

    timeline = commands.add_parser("timeline", help="when each verdict holds, over a period", description=_TIMELINE)
    _source(timeline)
    _reading(timeline)
    _rules_option(timeline)
    timeline.add_argument("--subject", default=None, metavar="S", help="only this subject (person, offence:ID)")
    timeline.add_argument("--from", dest="start", type=_day, default=None, metavar="DATE", help="the first day")
    timeline.add_argument("--to", dest="end", type=_day, default=None, metavar="DATE", help="the last day (today)")
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

    replay = commands.add_parser("replay", help="evaluate saved reports again: is the answer the same?")
    replay.add_argument("file", nargs="?", default="-", metavar="REPORTS", help=_REPLAY)
    replay.add_argument("--format", choices=("text", "json"), default="text")
    replay.set_defaults(command=_replay)

    rules = commands.add_parser("rules", help="the rules, readings and instruments, with dates and sources")
    rules.add_argument("--format", choices=("text", "json"), default="text")
    rules.set_defaults(command=_rules)

    schema = commands.add_parser("schema", help="the JSON Schema of an input record")
    schema.set_defaults(command=_schema)
    return parser


_CHECK: Final = """\
Evaluate every record of FILE (or standard input, '-') on the day --as-of, under a reading. Input formats:
JSON Lines, JSON (an array of records), or CSV in the flat layout (one contract, one discharge, one offence per
row; an empty cell means what an omitted field means). The format is taken from the file's extension or its
first bytes unless --input says."""


_TIMELINE: Final = """\
For each record of FILE, the spans of days over which each verdict holds, from --from to --to (by default the
five years up to today), computed at the days the law or the record can change, with the dates of law and of the
record marked. --svg and --html draw one lane per rule and subject; with several records, each record gets its
own file, named with its id (or line)."""
_WHATIF: Final = """\
For each record of FILE: for an undetermined verdict, each unknown fact with the verdict each of its values would
give, the most decisive first; for a decided one, the single changes of fact that would turn it, and the nearest
day on which it changes. Every answer is checked by evaluating the changed record again."""
_DIFF: Final = """\
How many verdicts of the records of FILE change between two readings, by rule and subject, with example records."""
_SUMMARY: Final = """\
For the records of FILE: on every day from --from to --to, how many answers to each question are yes, no and
undetermined (exact, from each record's timeline), and the facts and legal points that hold the undetermined ones
open, ranked by how many answers each would decide."""
_REPLAY: Final = "saved reports (JSON Lines or a JSON array) from 'check --format jsonl --with-input'"


def _output_options(check: argparse.ArgumentParser) -> None:
    check.add_argument(
        "--format", choices=("table", "json", "jsonl", "csv", "parquet"), default="table", help="output format (table)"
    )
    check.add_argument("--output", metavar="FILE", help="write the output to FILE (needed for parquet)")
    check.add_argument(
        "--dask",
        metavar="ADDRESS",
        help="evaluate a Parquet dataset on a Dask cluster (a scheduler's address, or local)",
    )


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
    parser.add_argument("--input", choices=("json", "jsonl", "csv", "parquet"), default=None, help="the input format")


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
    if args.format == "parquet" or args.dask:
        return _check_table(args, rules)
    if args.output is not None:
        raise _UsageError("--output is for binary formats: give --format parquet, or redirect standard output")
    records = errors = 0
    with _items(args) as items:
        as_of = _as_of(args, machine=args.format != "table")
        writer = Writer(sys.stdout, args.format, rules, colour=sys.stdout.isatty() and "NO_COLOR" not in os.environ)
        progress = _Progress(sys.stderr, enabled=not args.quiet and sys.stderr.isatty())
        job = _Job(as_of, args.reading, tuple(rules), args.format, args.with_input, tuple(_assumed(args).items()))
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
    try:
        if args.dask:
            if args.file == "-":
                raise _UsageError("--dask reads a Parquet file or dataset by its path, not standard input")
            answers = tables.answers_on_dask(
                args.file, args.dask, as_of=as_of, reading=args.reading, rules=rules, assume=assumed
            )
            records, errors = tables.write_parquet(args.output, answers, rules)
        else:
            with _opened(args) as (stream, fmt):
                evaluation = Evaluation(as_of=as_of, reading=args.reading, rules=rules, assume=assumed)
                if fmt == "parquet":
                    answers = tables.answers_of_parquet(stream, evaluation)
                else:
                    answers = tables.answers_of_items(read_items(stream, fmt), evaluation)
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

    def evaluation(self) -> Evaluation:
        return Evaluation(as_of=self.as_of, reading=self.reading, rules=self.rules, assume=dict(self.assume))

    def render(self, evaluation: Evaluation, item: Item) -> Rendered:
        if self.fmt in ("table", "csv"):  # verdicts alone: no report, no reasons
            person = _person(item)
            if isinstance(person, Person) and not evaluation.assumptions:
                return row(item.line, person.id, evaluation.verdicts(person), self.rules)
        return render(self.fmt, item.line, _outcome(evaluation, item), self.rules, with_input=self.with_input)


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
    errors = 0
    with _items(args) as items:
        evaluation = Evaluation(as_of=_as_of(args, machine=False), reading=args.reading, assume=_assumed(args))
        for index, item in enumerate(items):
            outcome = _outcome(evaluation, item)
            print(("\n" + "=" * 100 + "\n") if index else "", end="")
            if isinstance(outcome, InputError):
                errors += 1
                print(f"line {item.line}: {outcome}")
            else:
                print(f"line {item.line}: {outcome.explain()}")
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
                    person, start=start, end=end, reading=args.reading, rules=args.rule, assume=_assumed(args)
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
                counts["errors"] += _say_error(args, item, InputError([Problem("", str(error), "report")]))
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
    rules = reading.rules
    found: list[tuple[str, Provision | Bar]] = [
        ("foreign-contract", rules.foreign_contract),
        ("stateless-contract", rules.stateless_contract),
    ]
    found.extend((f"simplified-citizenship/{key}", grant) for key, grant in rules.simplified_citizenship.grants.items())
    found.extend((f"extradition-bar/{key}", bar) for key, bar in rules.extradition_bar.bars.items())
    return found


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


# --- shared pieces -------------------------------------------------------------------------------------------------


class _UsageError(Exception):
    """A usage error found after the arguments were parsed: an unreadable file, a period that runs backwards."""


@contextlib.contextmanager
def _items(args: argparse.Namespace, *, reports: bool = False) -> Iterator[Iterator[Item]]:
    """The records of the command's file (or standard input), read as they come; closed at the end.

    The format is --input's, else the file's extension or first bytes'. Saved ``reports`` are JSON or JSON Lines.
    """
    with _opened(args) as (stream, fmt):
        if fmt == "parquet" and not reports:
            from fighterlaw.tables import parquet_items  # noqa: PLC0415 - Parquet needs the optional pyarrow

            yield parquet_items(stream)
        else:
            yield read_items(stream, "jsonl" if reports and fmt in ("csv", "parquet") else fmt)


@contextlib.contextmanager
def _opened(args: argparse.Namespace) -> Iterator[tuple[BinaryIO, Format]]:
    """The command's file (or standard input) and its format; closed at the end."""
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
        yield stream, fmt


def _peek(stream: BinaryIO) -> bytes:
    """The first bytes of a stream, left in it to be read again."""
    peek = getattr(stream, "peek", None)
    if peek is not None:
        return bytes(peek(_PEEK)[:_PEEK])
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
    """A progress line on a terminal: records so far and their rate; silent elsewhere."""

    def __init__(self, stream: IO[str] | TextIO, *, enabled: bool) -> None:
        self.stream = stream
        self.enabled = enabled
        self.count = 0
        self.started = time.monotonic()
        self.shown = self.started

    def tick(self) -> None:
        self.count += 1
        if not self.enabled or self.count % 256:
            return
        now = time.monotonic()
        if now - self.shown >= 0.25:  # four updates a second at most
            rate = self.count / max(now - self.started, 1e-9)
            self.stream.write(f"\r  {self.count:,} records  {rate:,.0f}/s ")
            self.stream.flush()
            self.shown = now

    def done(self) -> None:
        if self.enabled and self.count >= 256:  # the line was shown
            self.stream.write("\r" + " " * 40 + "\r")
            self.stream.flush()


if __name__ == "__main__":
    run()
