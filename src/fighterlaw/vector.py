"""The vectorised evaluator: every row of an Arrow table decided at once, from the same rule graph as one record.

The planner's graph (:mod:`fighterlaw.graph`) is asked for each node's verdict over columns instead of over one
person (:meth:`~fighterlaw.graph.Planned.vector`): three-valued verdicts are small integers (``no`` 0,
``undetermined`` 1, ``yes`` 2), so Kleene's *and* is the minimum, *or* the maximum and *not* two minus the verdict;
contracts, family links and offences are child tables with the row of their owner, reduced per owner. Each leaf
says what it compares with the operations of :class:`Ops`, as it writes its comparisons for the scalar code with
``date_test`` and ``fact_test``; so the two evaluators read one description of the law. :func:`reliant` also
works out the status each verdict relies on: each leaf says the status its reason gives
(:meth:`~fighterlaw.graph.Leaf.vector_status`), and each combinator folds its children's as
:func:`fighterlaw.logic.all_of` and the others do (:class:`Fold`).

The scalar path stays the reference, and the answer for every row the columns cannot vouch for
(:func:`fighterlaw.tables.evaluate_table` sends them there):

- a row whose values the columns do not check as strictly as the record's models (any value out of its
  vocabulary, a date that does not parse, a contract that ends before it is signed, a family member's own links,
  ...) is read and answered one record at a time, so that its error is the models' own;
- a row with an open verdict and a fact it leaves unknown or imprecise is answered exactly
  (:mod:`fighterlaw.sharpen`) on the scalar path too: Kleene's first pass is all the columns compute;
- where the reasons are asked for, a row with an open verdict whose reasons name anything but the law's
  unsettled points, or with an open offence (:func:`opened` says the points, as the reasons would).

So the answers are identical to :func:`fighterlaw.evaluate`'s, row for row (property tests and
``benchmarks/vector.py`` hold them to it). numpy and pyarrow are needed (``pip install 'fighterlaw[tables]'``).

>>> from datetime import date
>>> import pyarrow as pa
>>> from fighterlaw import RULEBOOK
>>> from fighterlaw.planner import plan
>>> people = pa.table({"citizenship": ["russian", "foreign"], "birth_date": ["1990-01-01", "2015-05"]})
>>> columns = Columns.of(people)
>>> found = kleene(plan(RULEBOOK.reading("enacted"), date(2026, 6, 1), ("foreign-contract",)), columns)
>>> [names(verdicts) for verdicts in found.person]
[['no', 'no']]
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any, Final

import numpy as np

from fighterlaw.dates import DateFormError, UncertainDate, window_of
from fighterlaw.facts import (
    _COUNTRY,
    _MAX_TERM,
    Citizenship,
    Contract,
    Discharge,
    DischargeGrounds,
    FamilyLink,
    Formation,
    Offence,
    Person,
    Purpose,
    Relation,
    Sex,
    UnfitnessRuling,
)
from fighterlaw.graph import PlannedCombinator
from fighterlaw.logic import NO, UNDETERMINED, YES, Reason, Status, Verdict
from fighterlaw.planner import Plan

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = [
    "CODES",
    "Columns",
    "Fold",
    "Found",
    "Opens",
    "Ops",
    "Rows",
    "kleene",
    "names",
    "opened",
    "reliant",
    "unsure",
]

CODES: Final = {NO: 0, UNDETERMINED: 1, YES: 2}
"""Each verdict as the small integer the columns hold: Kleene's order, so *and* is the minimum."""
_NAMES: Final = np.array(["no", "undetermined", "yes"], dtype=object)
_NEVER: Final = date.min.toordinal()
_ALWAYS: Final = date.max.toordinal()
_EPOCH: Final = date(1970, 1, 1).toordinal()
_OPEN_TERM: Final = 0  # a term ``open`` (terms are 1 month or more)
_NO_TERM: Final = -1  # a term not known

_VOCABULARIES: Final[dict[str, tuple[str, ...]]] = {
    "citizenship": tuple(Citizenship),
    "sex": tuple(Sex),
    "formation": tuple(Formation),
    "grounds": tuple(DischargeGrounds),
    "relation": tuple(Relation),
    "purpose": tuple(Purpose),
}
_PERSON_FACTS: Final = ("combat", "asylum_in_russia")
_OFFENCE_FACTS: Final = ("combat_related", "russian_judgment", "limitation_expired", "criminal_in_russia")
# The fields the columns read, by part of the record; a table with any other is answered record by record.
_FIELDS: Final[dict[str, frozenset[str]]] = {
    "person": frozenset(Person.model_fields),
    "contracts": frozenset(Contract.model_fields),
    "discharge": frozenset(Discharge.model_fields),
    "unfitness_ruling": frozenset(UnfitnessRuling.model_fields),
    "family": frozenset(FamilyLink.model_fields),
    "offences": frozenset(Offence.model_fields),
}


def names(verdicts: np.ndarray) -> list[str]:
    """The verdicts of a column as their names."""
    return list(_NAMES[verdicts])


# --- the operations the leaves compare with -------------------------------------------------------------------------


class Ops:
    """What a leaf's :meth:`~fighterlaw.graph.Leaf.vector` may do with columns: the comparisons of the scalar code.

    Every method takes and gives numpy arrays of verdict codes (:data:`CODES`), one per row.
    """

    YES: Final = np.int8(2)
    NO: Final = np.int8(0)
    UND: Final = np.int8(1)

    def __init__(self, day: date) -> None:
        self.as_of = day
        """The day asked about."""
        self.day = day.toordinal()
        """The day asked about, as an ordinal (as the date columns hold days)."""

    @staticmethod
    def full(rows: Rows, verdict: Verdict) -> np.ndarray:
        """The same verdict for every row."""
        return np.full(rows.n, CODES[verdict], dtype=np.int8)

    @staticmethod
    def code(verdict: Verdict) -> np.int8:
        """One verdict's code."""
        return np.int8(CODES[verdict])

    @staticmethod
    def where(mask: np.ndarray, then: Any, otherwise: Any) -> np.ndarray:
        """``then`` where ``mask`` holds, else ``otherwise``."""
        found: np.ndarray = np.where(mask, then, otherwise).astype(np.int8, copy=False)
        return found

    @staticmethod
    def all(*verdicts: np.ndarray) -> np.ndarray:
        """Kleene's *and*."""
        found = verdicts[0]
        for verdict in verdicts[1:]:
            found = np.minimum(found, verdict)
        return found

    @staticmethod
    def any(*verdicts: np.ndarray) -> np.ndarray:
        """Kleene's *or*."""
        found = verdicts[0]
        for verdict in verdicts[1:]:
            found = np.maximum(found, verdict)
        return found

    @staticmethod
    def negated(verdicts: np.ndarray) -> np.ndarray:
        """Kleene's *not*."""
        return (2 - verdicts).astype(np.int8)

    def date_test(self, dates: tuple[np.ndarray, np.ndarray], test: str, low: Any = None, high: Any = None) -> Any:
        """Compare uncertain dates with the day (``low`` ``None``), a date, an uncertain date or other columns.

        ``test`` is ``on_or_before``, ``before`` or ``on_or_after``, as :func:`~fighterlaw.rules._people.date_test`
        writes them: ``yes`` where every day of both agrees, ``no`` where none does, ``undetermined`` otherwise.
        """
        earliest, latest = dates
        low, high = self._bounds(low, high)
        if test == "on_or_before":
            yes, no = latest <= low, earliest > high
        elif test == "before":
            yes, no = latest < low, earliest >= high
        elif test == "on_or_after":
            yes, no = earliest >= high, latest < low
        else:
            raise AssertionError(test)
        # Both cannot hold (a date's earliest day is never after its latest): 2 where yes, 0 where no, else 1.
        found: np.ndarray = (yes.view(np.int8) - no.view(np.int8)) + self.UND
        return found

    def _bounds(self, low: Any, high: Any) -> tuple[Any, Any]:
        if low is None:
            return self.day, self.day
        if isinstance(low, tuple):  # columns of dates
            return low
        if isinstance(low, UncertainDate):
            return low.earliest.toordinal(), low.latest.toordinal()
        if isinstance(low, date):
            low = low.toordinal()
        if isinstance(high, date):
            high = high.toordinal()
        return low, low if high is None else high

    @staticmethod
    def fact(rows: Rows, name: str) -> np.ndarray:
        """A yes/no fact's verdict (unknown: ``undetermined``)."""
        return rows.fact(name)

    @staticmethod
    def lookup(rows: Rows, name: str, verdicts: Mapping[Any, Verdict], otherwise: Verdict = UNDETERMINED) -> Any:
        """The verdict a vocabulary field's value maps to (a value not mapped: ``otherwise``)."""
        values = rows.vocabulary(name)
        table = np.array([CODES[verdicts.get(value, otherwise)] for value in values] + [CODES[otherwise]], np.int8)
        return table[rows.codes(name)]

    @staticmethod
    def rank(status: Status | None) -> np.int8:
        """A status as the reliance columns hold it: its rank, ``-1`` for none (as a reason's reliance)."""
        return np.int8(-1 if status is None else status.rank)

    @staticmethod
    def ranked(rows: Rows, status: Status | None) -> np.ndarray:
        """The same status's rank for every row."""
        return np.full(rows.n, Ops.rank(status), dtype=np.int8)

    @staticmethod
    def weakest(*ranks: np.ndarray) -> np.ndarray:
        """The weakest of some reliances, row by row (a higher rank is weaker)."""
        found = ranks[0]
        for rank in ranks[1:]:
            found = np.maximum(found, rank)
        return found

    @staticmethod
    def fold(rows: Rows, deciding: Verdict) -> Fold:
        """An empty fold of children for a combinator whose ``deciding`` verdict settles it."""
        return Fold(rows.n, deciding)

    @staticmethod
    def reduce(child: Child, n: int, verdicts: np.ndarray, deciding: Verdict) -> np.ndarray:
        """Each owner's verdict over its child rows: Kleene's *and* (``deciding`` no) or *or*; none: the neutral."""
        if deciding is NO:
            found = np.full(n, CODES[YES], dtype=np.int8)
            np.minimum.at(found, child.owner, verdicts)
        else:
            found = np.full(n, CODES[NO], dtype=np.int8)
            np.maximum.at(found, child.owner, verdicts)
        return found

    @staticmethod
    def lookup_rank(rows: Rows, name: str, ranks: Mapping[Any, np.int8]) -> np.ndarray:
        """The reliance a vocabulary field's value maps to (a value not mapped, or none: ``-1``)."""
        table = np.array([ranks.get(value, -1) for value in rows.vocabulary(name)] + [-1], np.int8)
        found: np.ndarray = table[rows.codes(name)]
        return found

    @staticmethod
    def is_open_term(rows: Rows) -> np.ndarray:
        """Whether each contract's term is ``open`` (until mobilisation ends)."""
        found: np.ndarray = rows.column("term_months") == _OPEN_TERM
        return found

    @staticmethod
    def term(rows: Rows, months: int, if_open: Verdict) -> np.ndarray:
        """Whether a contract's term is at least ``months`` (unknown: ``undetermined``; open: ``if_open``)."""
        term = rows.column("term_months")
        return np.where(
            term == _NO_TERM,
            Ops.UND,
            np.where(term == _OPEN_TERM, np.int8(CODES[if_open]), np.where(term >= months, Ops.YES, Ops.NO)),
        ).astype(np.int8)


class Fold:
    """Kleene's fold of children's verdicts and reliances, row by row, as :func:`fighterlaw.logic._fold` does it.

    A deciding child settles the verdict, and any one would do, so the verdict relies on the strongest of them;
    otherwise on the undetermined children if there are any, else on every child.
    """

    def __init__(self, n: int, deciding: Verdict) -> None:
        self.deciding = deciding
        self._code = CODES[deciding]
        self.decided = np.zeros(n, dtype=bool)
        self.strongest_deciding = np.full(n, len(Status), dtype=np.int8)
        self.open = np.zeros(n, dtype=bool)
        self.weakest_open = np.full(n, -1, dtype=np.int8)
        self.weakest_all = np.full(n, -1, dtype=np.int8)

    def add(self, verdicts: np.ndarray, relied: np.ndarray, shown: np.ndarray | None = None) -> None:
        """A child's verdicts and reliances (``shown``: the rows whose reasons have the child)."""
        deciding = verdicts == self._code
        undetermined = verdicts == CODES[UNDETERMINED]
        if shown is not None:
            deciding &= shown
            undetermined &= shown
            relied = np.where(shown, relied, -1).astype(np.int8)
        self.decided |= deciding
        self.strongest_deciding = np.where(
            deciding, np.minimum(self.strongest_deciding, relied), self.strongest_deciding
        ).astype(np.int8)
        self.open |= undetermined
        self.weakest_open = np.where(undetermined, np.maximum(self.weakest_open, relied), self.weakest_open).astype(
            np.int8
        )
        self.weakest_all = np.maximum(self.weakest_all, relied)

    def add_items(self, child: Child, verdicts: np.ndarray, relied: np.ndarray, shown: np.ndarray | None) -> None:
        """The items of a child table, each a child of its owner's fold (``shown``: the owners that have them)."""
        keep = np.ones(len(verdicts), dtype=bool) if shown is None else shown[child.owner]
        owner = child.owner
        deciding = keep & (verdicts == self._code)
        undetermined = keep & (verdicts == CODES[UNDETERMINED])
        self.decided[owner[deciding]] = True
        np.minimum.at(self.strongest_deciding, owner[deciding], relied[deciding])
        self.open[owner[undetermined]] = True
        np.maximum.at(self.weakest_open, owner[undetermined], relied[undetermined])
        np.maximum.at(self.weakest_all, owner[keep], relied[keep])

    def reliance(self, own: np.int8) -> np.ndarray:
        """The combinator's reliance: its children's, or its own status's rank where that is weaker."""
        children = np.where(
            self.decided, self.strongest_deciding, np.where(self.open, self.weakest_open, self.weakest_all)
        )
        return np.maximum(children, own).astype(np.int8)

    def take(self, owners: np.ndarray) -> Fold:
        """The same fold for the rows of a child table (each offence starts from its owner's steps)."""
        found = Fold(0, self.deciding)
        found.decided = self.decided[owners]
        found.strongest_deciding = self.strongest_deciding[owners]
        found.open = self.open[owners]
        found.weakest_open = self.weakest_open[owners]
        found.weakest_all = self.weakest_all[owners]
        return found


# --- the rows of a part of the record ------------------------------------------------------------------------------


class Rows:
    """Columns of one part of the record (people, contracts, family links, offences), one entry per row.

    Dates are two columns of ordinals (``earliest``, ``latest``; unknown: the whole calendar) and whether one is
    given; vocabularies are codes into their values (-1: not given); yes/no facts are verdict codes.
    """

    def __init__(self, n: int) -> None:
        self.n = n
        self._columns: dict[str, np.ndarray] = {}
        self._values: dict[str, tuple[str, ...]] = {}
        self.children: dict[str, Child] = {}
        self.texts: dict[str, pa.Array] = {}
        """Text fields kept as Arrow arrays (an offence's id)."""
        self.offence_ids: pa.Array | None = None
        """Each offence's id as the report names it, in the order of the offences' rows."""

    def column(self, name: str) -> np.ndarray:
        """A column by its dotted name (``discharge.date.earliest``)."""
        return self._columns[name]

    def put(self, name: str, values: np.ndarray) -> None:
        """Set a column."""
        self._columns[name] = values

    def fact(self, name: str) -> np.ndarray:
        """A yes/no fact as verdict codes."""
        return self.column(name)

    def dates(self, name: str) -> tuple[np.ndarray, np.ndarray]:
        """A date's earliest and latest days, as ordinals."""
        return self.column(f"{name}.earliest"), self.column(f"{name}.latest")

    def given(self, name: str) -> np.ndarray:
        """Whether a field (a date that may be absent, an event) is given."""
        return self.column(f"{name}.given")

    def codes(self, name: str) -> np.ndarray:
        """A vocabulary field's codes into :meth:`vocabulary` (-1: not given)."""
        return self.column(name)

    def vocabulary(self, name: str) -> tuple[str, ...]:
        """The values a vocabulary field's codes stand for."""
        return self._values[name]

    def isin(self, name: str, values: Iterable[str]) -> np.ndarray:
        """Whether a vocabulary field's value is one of ``values`` (a field not given is not)."""
        wanted = set(values)
        table = np.array([value in wanted for value in self.vocabulary(name)] + [False])
        found: np.ndarray = table[self.codes(name)]
        return found

    def missing(self, name: str) -> np.ndarray:
        """Whether a vocabulary field is not given."""
        return self.codes(name) < 0

    def is_(self, name: str, value: str) -> np.ndarray:
        """Whether a vocabulary field has one value."""
        return self.isin(name, (value,))

    def count(self, name: str) -> np.ndarray:
        """How many rows each row has in a child table (``family``: its family links)."""
        child = self.children.get(name)
        if child is None:  # a family member's own links, which no rule reads (a row with any goes the scalar way)
            return np.zeros(self.n, dtype=np.int64)
        found: np.ndarray = np.bincount(child.owner, minlength=self.n)
        return found

    def take(self, owners: np.ndarray) -> Rows:
        """These rows' columns repeated for the rows of a child table (``owners``: each child's row here)."""
        return _Taken(self, owners)

    def set_vocabulary(self, name: str, values: tuple[str, ...]) -> None:
        """Say what a vocabulary field's codes stand for."""
        self._values[name] = values


class _Taken(Rows):
    """A table's rows gathered onto the rows of a child table, column by column as they are read."""

    def __init__(self, base: Rows, owners: np.ndarray) -> None:
        super().__init__(len(owners))
        self._base = base
        self._owners = owners
        self._values = base._values

    def column(self, name: str) -> np.ndarray:
        found = self._columns.get(name)
        if found is None:
            found = self._columns[name] = self._base.column(name)[self._owners]
        return found

    @property
    def children(self) -> dict[str, Child]:
        """The base rows' child tables, gathered the same way (an offence's steps may read the contracts)."""
        found = self._children
        for name, child in self._base.children.items():
            if name not in found:
                found[name] = _gathered(child, self._base.n, self._owners)
        return found

    @children.setter
    def children(self, value: dict[str, Child]) -> None:
        self._children = value


def _gathered(child: Child, n: int, owners: np.ndarray) -> Child:
    """A child table's rows for each of ``owners`` in turn (an owner taken twice has its rows twice)."""
    if not len(owners):
        return Child(child.rows.take(np.zeros(0, dtype=np.int64)), np.zeros(0, dtype=np.int64))
    counts = np.bincount(child.owner, minlength=n)
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    lengths = counts[owners]
    total = int(lengths.sum())
    new_owner = np.repeat(np.arange(len(owners)), lengths)
    # Each taken owner's run of rows: its first row, then one more for each step within the run.
    offsets = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    within = np.arange(total) - np.repeat(offsets, lengths)
    rows = np.repeat(starts[owners], lengths) + within
    return Child(child.rows.take(rows), new_owner)


@dataclass
class Child:
    """A child table: its rows, and the row of the owner each belongs to (in order)."""

    rows: Rows
    owner: np.ndarray


# --- reading an Arrow table into columns -----------------------------------------------------------------------------


@dataclass
class Columns:
    """A table of records in the nested layout as columns, with the rows the columns vouch for.

    ``checked`` says, per row, that every value was checked here as the record's models check it, so that the
    row is valid and the columns hold what the models would; ``exact`` that the row leaves open none of the facts
    :func:`~fighterlaw.completions.open_facts` names (the case splits leave such a row's verdicts as Kleene's
    pass gives them). ``offence_ids`` are the offences' ids, as the report names
    them, in the order of the offences' rows.
    """

    rows: Rows
    checked: np.ndarray
    exact: np.ndarray
    offence_ids: pa.Array | None = None

    @classmethod
    def of(cls, table: pa.Table) -> Columns:
        """The columns of a table in the nested layout.

        Raises:
            Unsupported: a column or a type the columns do not read; answer the table record by record.
        """
        reader = _Reader()
        if len(set(table.column_names)) != len(table.column_names):
            raise Unsupported("a column appears more than once")
        table = plain(table)
        arrays = {name: _one_chunk(table.column(name)) for name in table.column_names}
        rows = reader.person(arrays, table.num_rows)
        return cls(rows, ~reader.bad_of(rows), ~reader.open_of(rows), rows.offence_ids)


def _one_chunk(column: pa.ChunkedArray) -> pa.Array:
    return column.chunk(0) if column.num_chunks == 1 else column.combine_chunks()


def plain(table: pa.Table) -> pa.Table:
    """The table with text in any of Arrow's forms (categoricals, string views), at any depth, as plain text.

    What the columns read, and what Arrow's kernels (``take``) accept of every column.
    """
    import pyarrow as pa  # noqa: PLC0415

    # In two casts: Arrow cannot decode a dictionary of string views (it has no take for them), so a dictionary's
    # values become plain text first, then the dictionaries and string views themselves.
    for kind_of in (_plain_dictionary, _plain_text):
        schema = pa.schema([field.with_type(_plain_type(field.type, kind_of)) for field in table.schema])
        if not schema.equals(table.schema):
            table = table.cast(schema)
    return table


def _plain_type(kind: pa.DataType, plain_of: Callable[[pa.DataType], pa.DataType]) -> pa.DataType:
    """``kind`` with ``plain_of`` applied to every type inside it, structs and lists included."""
    import pyarrow as pa  # noqa: PLC0415

    if pa.types.is_struct(kind):
        fields = [kind.field(i) for i in range(kind.num_fields)]
        return pa.struct([field.with_type(_plain_type(field.type, plain_of)) for field in fields])
    if pa.types.is_list(kind) or pa.types.is_large_list(kind):
        inner = kind.value_field.with_type(_plain_type(kind.value_type, plain_of))
        return pa.list_(inner) if pa.types.is_list(kind) else pa.large_list(inner)
    return plain_of(kind)


def _plain_dictionary(kind: pa.DataType) -> pa.DataType:
    import pyarrow as pa  # noqa: PLC0415

    if pa.types.is_dictionary(kind) and _is_text(kind.value_type):
        return pa.dictionary(kind.index_type, pa.large_string())
    return kind


def _plain_text(kind: pa.DataType) -> pa.DataType:
    import pyarrow as pa  # noqa: PLC0415

    if pa.types.is_string_view(kind) or (pa.types.is_dictionary(kind) and _is_text(kind.value_type)):
        return pa.large_string()
    return kind


def _is_text(kind: pa.DataType) -> bool:
    import pyarrow as pa  # noqa: PLC0415

    return bool(pa.types.is_string(kind) or pa.types.is_large_string(kind) or pa.types.is_string_view(kind))


class Unsupported(ValueError):  # noqa: N818 - an outcome, not a failure: the table goes the scalar way
    """A table the columns do not read (another layout, a type or a field they do not know)."""


class _Reader:
    """Reads Arrow arrays into :class:`Rows`, marking the rows it cannot vouch for and those with open facts."""

    def __init__(self) -> None:
        self._bad: dict[int, np.ndarray] = {}
        self._open: dict[int, np.ndarray] = {}

    def bad_of(self, rows: Rows) -> np.ndarray:
        return self._bad[id(rows)]

    def open_of(self, rows: Rows) -> np.ndarray:
        return self._open[id(rows)]

    # - people -

    def person(self, arrays: Mapping[str, pa.Array], n: int, *, member: bool = False) -> Rows:
        unknown = set(arrays) - _FIELDS["person"]
        if unknown:
            raise Unsupported(f"columns the record does not have: {', '.join(sorted(unknown))}")
        rows = Rows(n)
        bad = np.zeros(n, dtype=bool)
        is_open = np.zeros(n, dtype=bool)
        self._bad[id(rows)], self._open[id(rows)] = bad, is_open
        ident = arrays.get("id")
        if ident is not None:
            bad |= _empty(ident, "id")
        citizenship = self._vocabulary(rows, "citizenship", arrays.get("citizenship"), bad, required=True)
        russian = citizenship == _VOCABULARIES["citizenship"].index(Citizenship.RUSSIAN)
        stateless = citizenship == _VOCABULARIES["citizenship"].index(Citizenship.STATELESS)
        nationality = self._country(rows, "nationality", arrays.get("nationality"), bad)
        bad |= (nationality >= 0) & np.isin(nationality, _indices(rows.vocabulary("nationality"), ("RU",)))
        bad |= stateless & (nationality >= 0)
        is_open |= ~russian & ~stateless & (nationality < 0)
        self._date(rows, "naturalised", arrays.get("naturalised"), bad, is_open, absent="never")
        self._date(rows, "birth_date", arrays.get("birth_date"), bad, is_open, absent="unknown")
        naturalised = rows.given("naturalised")
        bad |= russian & naturalised
        birth = rows.given("birth_date")
        bad |= naturalised & birth & (rows.column("naturalised.latest") < rows.column("birth_date.earliest"))
        sex = self._vocabulary(rows, "sex", arrays.get("sex"), bad)
        is_open |= sex < 0
        for name in _PERSON_FACTS:
            is_open |= self._fact(rows, name, arrays.get(name), bad)
        self._event(rows, "discharge", arrays.get("discharge"), bad, is_open)
        self._event(rows, "unfitness_ruling", arrays.get("unfitness_ruling"), bad, is_open)
        self._contracts(rows, arrays.get("contracts"), bad, is_open)
        if member:  # a family member's own links: no rule reads them; a row with any goes the scalar way
            if "family" in arrays:
                bad |= _list_lengths(arrays["family"], n) > 0
        else:
            self._family(rows, arrays.get("family"), bad, is_open)
        self._offences(rows, arrays.get("offences"), bad, is_open)
        self._offence_ids(rows)
        return rows

    def _event(self, rows: Rows, name: str, array: pa.Array | None, bad: np.ndarray, is_open: np.ndarray) -> None:
        struct = _struct(array, name)
        given = _given(struct, rows.n)
        rows.put(f"{name}.given", given)
        fields = _fields(struct, name)
        # An event given without its date (or with a null date) is an error the models name.
        self._date(rows, f"{name}.date", fields.get("date"), bad, is_open, absent="missing", where=given)
        if name == "discharge":
            wrong = np.zeros(rows.n, dtype=bool)
            grounds = self._vocabulary(rows, "discharge.grounds", fields.get("grounds"), wrong)
            extract = self._fact(rows, "discharge.order_extract", fields.get("order_extract"), wrong)
            bad |= given & wrong
            is_open |= given & ((grounds < 0) | extract)

    # - child tables -

    def _contracts(self, rows: Rows, array: pa.Array | None, bad: np.ndarray, is_open: np.ndarray) -> None:
        child, owner, fields = self._child(rows, "contracts", array, bad)
        cbad, copen = self._bad[id(child)], self._open[id(child)]
        self._date(child, "signed", fields.get("signed"), cbad, copen, absent="missing")
        self._date(child, "ended", fields.get("ended"), cbad, copen, absent="never")
        ended = child.given("ended")
        cbad |= ended & (child.column("ended.latest") < child.column("signed.earliest"))
        copen |= self._term(child, fields.get("term_months"), cbad)
        formation = self._vocabulary(child, "formation", fields.get("formation"), cbad)
        child.put("formation", np.where(formation < 0, 0, formation).astype(np.int32))  # the default: armed forces
        self._reduce(child, owner, bad, is_open)

    def _family(self, rows: Rows, array: pa.Array | None, bad: np.ndarray, is_open: np.ndarray) -> None:
        child, owner, fields = self._child(rows, "family", array, bad)
        cbad, copen = self._bad[id(child)], self._open[id(child)]
        self._vocabulary(child, "relation", fields.get("relation"), cbad, required=True)
        member = fields.get("member")
        if member is None:
            cbad |= True
            members = self.person({}, child.n, member=True)
        else:
            struct = _struct(member, "member")
            cbad |= ~_given(struct, child.n)
            members = self.person(_fields(struct, "member"), child.n, member=True)
        cbad |= self._bad[id(members)]
        copen |= self._open[id(members)]
        child.children["member"] = Child(members, np.arange(child.n))
        self._reduce(child, owner, bad, is_open)

    def _offences(self, rows: Rows, array: pa.Array | None, bad: np.ndarray, is_open: np.ndarray) -> None:
        child, owner, fields = self._child(rows, "offences", array, bad)
        cbad, copen = self._bad[id(child)], self._open[id(child)]
        if "description" in fields:
            _empty(fields["description"], "description")  # any text, for people to read: only its type matters
        if "id" in fields:
            cbad |= _empty(fields["id"], "offences.id")
            child.texts["id"] = fields["id"]
        for name in _OFFENCE_FACTS:
            copen |= self._fact(child, name, fields.get(name), cbad)
        # The purpose and the requesting state are not among the facts a split may fix (completions.open_facts).
        self._vocabulary(child, "purpose", fields.get("purpose"), cbad)
        self._country(child, "requesting_state", fields.get("requesting_state"), cbad)
        self._reduce(child, owner, bad, is_open)

    def _child(self, rows: Rows, name: str, array: pa.Array | None, bad: np.ndarray) -> tuple[Rows, np.ndarray, Any]:
        import pyarrow as pa  # noqa: PLC0415 - present: the table came from it
        import pyarrow.compute as pc  # noqa: PLC0415

        if array is None or pa.types.is_null(array.type):
            child = Rows(0)
            owner = np.zeros(0, dtype=np.int64)
            fields: dict[str, pa.Array] = {}
        else:
            if not (pa.types.is_list(array.type) or pa.types.is_large_list(array.type)):
                raise Unsupported(f"{name}: expected a list")
            values = array.flatten()
            owner = pc.list_parent_indices(array).to_numpy(zero_copy_only=False).astype(np.int64)
            child = Rows(len(values))
            struct = _struct(values, name)
            fields = _fields(struct, name)
            if len(values) and struct is not None:
                np.logical_or.at(bad, owner[~_given(struct, len(values))], True)
        self._bad[id(child)] = np.zeros(child.n, dtype=bool)
        self._open[id(child)] = np.zeros(child.n, dtype=bool)
        rows.children[name] = Child(child, owner)
        return child, owner, fields

    def _reduce(self, child: Rows, owner: np.ndarray, bad: np.ndarray, is_open: np.ndarray) -> None:
        np.logical_or.at(bad, owner[self._bad[id(child)]], True)
        np.logical_or.at(is_open, owner[self._open[id(child)]], True)

    def _offence_ids(self, rows: Rows) -> None:
        """Each offence's id as the report names it (1, 2, ... where not given); a row that repeats one is bad."""
        import pyarrow as pa  # noqa: PLC0415
        import pyarrow.compute as pc  # noqa: PLC0415

        offences = rows.children["offences"]
        owner = offences.owner
        given = offences.rows.texts.get("id")
        unnamed = np.ones(len(owner), dtype=bool) if given is None else given.is_null().to_numpy(zero_copy_only=False)
        # The i-th offence without an id of its owner is numbered i: a running count, restarted at each owner.
        running = np.cumsum(unnamed)
        first = np.searchsorted(owner, owner)  # each offence's owner's first offence (offences are in owner order)
        before = np.where(first > 0, running[np.maximum(first - 1, 0)], 0)
        numbers = pa.array((running - before).astype(str))
        found = numbers if given is None else pc.if_else(pa.array(unnamed), numbers, given.cast(pa.string()))
        counts = np.bincount(owner, minlength=rows.n)
        several = counts[owner] > 1  # only an owner with two offences or more may repeat an id
        if several.any():
            pairs = pa.table({"owner": owner[several], "id": found.filter(pa.array(several))})
            counted = pairs.group_by(["owner", "id"]).aggregate([("id", "count")])
            twice = counted.filter(pc.greater(counted.column("id_count"), 1)).column("owner").to_numpy()
            self._bad[id(rows)][twice.astype(np.int64)] = True
        rows.offence_ids = found

    # - values -

    def _vocabulary(
        self,
        rows: Rows,
        name: str,
        array: pa.Array | None,
        bad: np.ndarray,
        *,
        required: bool = False,
    ) -> np.ndarray:
        import pyarrow as pa  # noqa: PLC0415
        import pyarrow.compute as pc  # noqa: PLC0415

        values = _VOCABULARIES[name.rpartition(".")[2]]
        if array is None or pa.types.is_null(array.type):
            mapped = np.full(rows.n, -1, dtype=np.int32)
        elif pa.types.is_string(array.type) or pa.types.is_large_string(array.type):
            found = pc.index_in(array, value_set=pa.array([str(value) for value in values], array.type))
            mapped = found.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int32)
            bad |= (mapped < 0) & _given(array, rows.n)  # given, but not one of the values
        else:
            raise Unsupported(f"{name}: expected text")
        if required:
            bad |= mapped < 0
        rows.put(name, mapped)
        rows.set_vocabulary(name, values)
        return mapped

    def _country(self, rows: Rows, name: str, array: pa.Array | None, bad: np.ndarray) -> np.ndarray:
        codes, found = _encode(array, rows.n, name)
        valid = np.array([_COUNTRY.fullmatch(value) is not None for value in found] + [True])
        bad |= ~valid[codes]
        rows.put(name, codes)
        rows.set_vocabulary(name, tuple(found))
        return codes

    def _fact(self, rows: Rows, name: str, array: pa.Array | None, bad: np.ndarray) -> np.ndarray:
        """Put a yes/no fact's verdicts; give where it is unknown."""
        import pyarrow as pa  # noqa: PLC0415

        if array is None or pa.types.is_null(array.type):
            verdicts = np.full(rows.n, CODES[UNDETERMINED], dtype=np.int8)
        elif pa.types.is_boolean(array.type):
            given = _given(array, rows.n)
            truth = array.fill_null(False).to_numpy(zero_copy_only=False)
            verdicts = np.where(given, np.where(truth, 2, 0), 1).astype(np.int8)
        else:
            raise Unsupported(f"{name}: expected true or false")
        rows.put(name, verdicts)
        unknown: np.ndarray = verdicts == CODES[UNDETERMINED]
        return unknown

    def _term(self, rows: Rows, array: pa.Array | None, bad: np.ndarray) -> np.ndarray:
        """Put contracts' terms (months; open 0; unknown -1); give where the term is unknown."""
        import pyarrow as pa  # noqa: PLC0415

        if array is None or pa.types.is_null(array.type):
            term = np.full(rows.n, _NO_TERM, dtype=np.int32)
        elif pa.types.is_string(array.type) or pa.types.is_large_string(array.type):
            codes, found = _encode(array, rows.n, "term_months")
            table = np.array([_term_of(value) for value in found] + [_NO_TERM], dtype=np.int32)
            term = table[codes]
            bad |= term == -2
        elif pa.types.is_integer(array.type):
            given = _given(array, rows.n)
            values = array.fill_null(0).to_numpy(zero_copy_only=False).astype(np.int64)
            bad |= given & ((values < 1) | (values > _MAX_TERM))
            term = np.where(given, values, _NO_TERM).astype(np.int32)
        else:
            raise Unsupported("term_months: expected text or whole numbers")
        rows.put("term_months", term)
        unknown: np.ndarray = term == _NO_TERM
        return unknown

    def _date(
        self,
        rows: Rows,
        name: str,
        array: pa.Array | None,
        bad: np.ndarray,
        is_open: np.ndarray,
        *,
        absent: str,
        where: np.ndarray | None = None,
    ) -> None:
        """Put a date's columns. ``absent``: what a null means (``never``, ``unknown`` or ``missing``, an error)."""
        earliest, latest, given, invalid = _dates(array, rows.n, name)
        applies = np.ones(rows.n, dtype=bool) if where is None else where
        bad |= applies & invalid
        if absent == "missing":
            bad |= applies & ~given
        if absent != "never":
            earliest = np.where(given, earliest, _NEVER)
            latest = np.where(given, latest, _ALWAYS)
        rows.put(f"{name}.earliest", earliest)
        rows.put(f"{name}.latest", latest)
        rows.put(f"{name}.given", given)
        imprecise = earliest != latest  # a date not given is one day (never) or the whole calendar (unknown)
        is_open |= applies & imprecise


def _indices(values: tuple[str, ...], wanted: tuple[str, ...]) -> np.ndarray:
    return np.array([position for position, value in enumerate(values) if value in wanted], dtype=np.int32)


def _struct(array: pa.Array | None, name: str) -> pa.StructArray | None:
    import pyarrow as pa  # noqa: PLC0415

    if array is None or pa.types.is_null(array.type):
        return None
    if not pa.types.is_struct(array.type):
        raise Unsupported(f"{name}: expected an object")
    return array


def _fields(struct: pa.StructArray | None, name: str) -> dict[str, pa.Array]:
    if struct is None:
        return {}
    part = name if name in _FIELDS else ("person" if name == "member" else name)
    names = [struct.type.field(index).name for index in range(struct.type.num_fields)]
    unknown = set(names) - _FIELDS[part]
    if unknown or len(set(names)) != len(names):
        raise Unsupported(f"{name}: fields the record does not have: {', '.join(sorted(unknown))}")
    # ``field`` ignores the struct's own nulls: a null struct's fields are read as they are stored, and masked.
    return {field_name: struct.field(field_name) for field_name in names}


def _given(array: pa.Array | None, n: int) -> np.ndarray:
    if array is None:
        return np.zeros(n, dtype=bool)
    found: np.ndarray = array.is_valid().to_numpy(zero_copy_only=False)
    return found


def _list_lengths(array: pa.Array, n: int) -> np.ndarray:
    import pyarrow as pa  # noqa: PLC0415
    import pyarrow.compute as pc  # noqa: PLC0415

    if pa.types.is_null(array.type):
        return np.zeros(n, dtype=np.int64)
    if not (pa.types.is_list(array.type) or pa.types.is_large_list(array.type)):
        return np.ones(n, dtype=np.int64)
    found: np.ndarray = pc.list_value_length(array).fill_null(0).to_numpy(zero_copy_only=False)
    return found


def _empty(array: pa.Array, name: str) -> np.ndarray:
    """Whether each value of a text column is the empty text (a null is not); raises for a column of another type."""
    import pyarrow as pa  # noqa: PLC0415
    import pyarrow.compute as pc  # noqa: PLC0415

    if pa.types.is_null(array.type):
        return np.zeros(len(array), dtype=bool)
    if not (pa.types.is_string(array.type) or pa.types.is_large_string(array.type)):
        raise Unsupported(f"{name}: expected text")
    found: np.ndarray = pc.equal(pc.utf8_length(array), 0).fill_null(False).to_numpy(zero_copy_only=False)
    return found


def _encode(array: pa.Array | None, n: int, name: str) -> tuple[np.ndarray, list[str]]:
    """A text column as codes into its distinct values (-1: null)."""
    import pyarrow as pa  # noqa: PLC0415

    if array is None or pa.types.is_null(array.type):
        return np.full(n, -1, dtype=np.int32), []
    if not (pa.types.is_string(array.type) or pa.types.is_large_string(array.type)):
        raise Unsupported(f"{name}: expected text")
    encoded = array.dictionary_encode()
    codes = encoded.indices.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int32)
    return codes, encoded.dictionary.to_pylist()


def _dates(array: pa.Array | None, n: int, name: str) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """A date column as (earliest, latest, given, invalid), parsed once per distinct value."""
    import pyarrow as pa  # noqa: PLC0415

    nothing = np.zeros(n, dtype=bool)
    if array is None or pa.types.is_null(array.type):
        return np.full(n, _NEVER), np.full(n, _NEVER), nothing, nothing
    given = _given(array, n)
    if pa.types.is_date32(array.type):
        days = array.fill_null(0).cast(pa.int32()).to_numpy(zero_copy_only=False).astype(np.int64)
        ordinals = days + _EPOCH
        return ordinals, ordinals, given, nothing
    if not (pa.types.is_string(array.type) or pa.types.is_large_string(array.type) or _is_timestamp(array.type)):
        raise Unsupported(f"{name}: expected text or dates")
    # Each distinct value is read once; the rows take their value's bounds.
    encoded = array.dictionary_encode()
    codes = encoded.indices.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64)
    values = encoded.dictionary
    count = len(values)
    low = np.full(count + 1, _NEVER, dtype=np.int64)  # the last entry: a null's
    high = low.copy()
    bad = np.zeros(count + 1, dtype=bool)
    rest = np.ones(count, dtype=bool)
    if not _is_timestamp(array.type):
        # Whole days (YYYY-MM-DD), most dates, are read by Arrow: kept only where they print back as given.
        import pyarrow.compute as pc  # noqa: PLC0415

        stamps = pc.strptime(values, format="%Y-%m-%d", unit="s", error_is_null=True)
        back = pc.fill_null(pc.equal(stamps.cast(pa.date32()).cast(pa.string()), values), False)
        days = stamps.cast(pa.int64()).fill_null(0).to_numpy(zero_copy_only=False) // 86_400 + _EPOCH
        fast = back.to_numpy(zero_copy_only=False) & (days >= _NEVER)
        low[:count][fast] = high[:count][fast] = days[fast]
        rest = ~fast
    others = np.flatnonzero(rest)
    if len(others):  # months, years, windows, "unknown", and what does not parse
        parsed = [_parsed(value) for value in values.take(pa.array(others)).to_pylist()]
        low[others] = [_NEVER if found is None else found.earliest.toordinal() for found in parsed]
        high[others] = [_NEVER if found is None else found.latest.toordinal() for found in parsed]
        bad[others] = [found is None for found in parsed]
    return low[codes], high[codes], given, bad[codes]


def _is_timestamp(kind: pa.DataType) -> bool:
    import pyarrow as pa  # noqa: PLC0415

    return bool(pa.types.is_timestamp(kind))


@functools.lru_cache(maxsize=65_536)
def _parsed(value: object) -> UncertainDate | None:
    """A date as the table path reads it (``FROM..TO`` a window; a timestamp at midnight a day), or ``None``."""
    if isinstance(value, datetime):
        if value.time() != time() or value.tzinfo is not None:
            return None
        value = value.date()
    if isinstance(value, str) and (window := window_of(value)):
        value = window
    try:
        return UncertainDate.parse(value)
    except DateFormError:
        return None


def _term_of(value: str) -> int:
    if value == "open":
        return _OPEN_TERM
    if value.isdecimal() and 1 <= int(value) <= _MAX_TERM:
        return int(value)
    return -2


# --- deciding every row at once ---------------------------------------------------------------------------------------


@dataclass
class Found:
    """The Kleene verdicts of every row: per rule, the person's; and per rule with offences, each offence's."""

    person: list[np.ndarray]
    offences: dict[int, np.ndarray]
    """By the rule's position in the plan: one verdict per row of the offences table, in its order."""
    owner: np.ndarray
    """Each offence's row."""
    person_reliance: list[np.ndarray] | None = None
    """With :func:`reliant`: per rule, the rank of the weakest status each person's verdict relies on (-1: none)."""
    offence_reliance: dict[int, np.ndarray] | None = None
    """With :func:`reliant`: the same for each offence's verdict."""


def kleene(planned: Plan, columns: Columns) -> Found:
    """The verdicts of Kleene's first pass for every row: what ``planned.verdicts`` gives each record."""
    ops = Ops(planned.day)
    rows = columns.rows
    offences = rows.children["offences"]
    person: list[np.ndarray] = []
    per_offence: dict[int, np.ndarray] = {}
    for position, rule in enumerate(planned.planned):
        root = rule.root.vector(ops, rows, None)
        person.append(root)
        if rule.graph.offences is None:
            continue
        # The person's own bars hold for every offence; then each offence's own steps (Kleene's *or*).
        who = rows.take(offences.owner)
        verdict = root[offences.owner]
        for step in rule.offences:
            verdict = np.maximum(verdict, step.vector(ops, who, offences.rows))
        per_offence[position] = verdict.astype(np.int8)
    return Found(person, per_offence, offences.owner)


def reliant(planned: Plan, columns: Columns) -> Found:
    """The first pass's verdicts for every row, and the reliance of each: what :attr:`Result.status` is read from.

    The reliance of an open verdict is that of the steps holding it open; only rows whose verdicts are all
    decided, and which leave no fact open, have a status the first pass alone decides (the others are answered
    one by one).
    """
    ops = Ops(planned.day)
    rows = columns.rows
    offences = rows.children["offences"]
    found = Found([], {}, offences.owner, [], {})
    assert found.person_reliance is not None  # noqa: S101 - set just above
    assert found.offence_reliance is not None  # noqa: S101
    for position, rule in enumerate(planned.planned):
        if rule.graph.offences is None:
            verdicts, relied = rule.root.statused(ops, rows, None)
            found.person.append(verdicts)
            found.person_reliance.append(relied)
            continue
        root = rule.root
        if not isinstance(root, PlannedCombinator) or root.node.deciding is not YES:
            raise Unsupported(f"{rule.graph.rule}: offences are read only under an 'any' of the person's steps")
        verdicts, fold = root.folded(ops, rows, None)
        found.person.append(verdicts)
        found.person_reliance.append(fold.reliance(ops.rank(root.node.status)))
        # Each offence's answer is an *or* of the person's steps and the offence's own (planner.findings).
        who = rows.take(offences.owner)
        own = fold.take(offences.owner)
        verdict = verdicts[offences.owner]
        for step in rule.offences:
            step_verdicts, step_relied = step.statused(ops, who, offences.rows)
            own.add(step_verdicts, step_relied)
            verdict = np.maximum(verdict, step_verdicts)
        found.offences[position] = verdict.astype(np.int8)
        found.offence_reliance[position] = own.reliance(ops.rank(None))
    return found


class Opens:
    """What holds each row's open answer open, as its reasons would name it: the open facts, then the points.

    Nodes add, in the order the reasons name them (:meth:`fighterlaw.logic.Reason.open_facts`), the steps the
    rows reach; rows reaching a step that cannot say it over columns are marked, to be answered one by one.
    """

    def __init__(self, n: int) -> None:
        self.n = n
        self._steps: list[tuple[np.ndarray, tuple[str, ...], tuple[str, ...]]] = []
        self.one_by_one = np.zeros(n, dtype=bool)

    def add(self, reached: np.ndarray, reason: Reason) -> None:
        """A step the law of the day decides: the same open facts and points for every row that reaches it."""
        self.said(reached, reason.open_facts(), reason.open_points())

    def said(self, reached: np.ndarray, facts: tuple[str, ...], points: tuple[str, ...]) -> None:
        """A step that names the same open facts and points for every row that reaches it."""
        if (facts or points) and reached.any():
            self._steps.append((reached, facts, points))

    def unsupported(self, reached: np.ndarray) -> None:
        """Rows whose reasons must be read one by one."""
        self.one_by_one |= reached

    def items(self, child: Child) -> Opens:
        """The opens of a child table's rows (a loop's items), to be given back to their owners by :meth:`close`."""
        return _ItemOpens(self, child)

    def close(self) -> None:
        """Nothing to give back: these are the top rows."""

    def why(self, rows: np.ndarray) -> tuple[np.ndarray, list[tuple[tuple[str, ...], tuple[str, ...]]]]:
        """For each of ``rows``, an index into the distinct (open facts, legal points) the rows have.

        Each is named once, in the order the steps named them. Rows are grouped by the steps they reach, so the
        work is per distinct group, not per row.
        """
        steps = self._steps
        if not steps:
            return np.zeros(len(rows), dtype=np.int64), [((), ())]
        reached = np.zeros((len(rows), -(-len(steps) // 64)), dtype=np.uint64)
        for position, (rows_reached, _, _) in enumerate(steps):
            bit = np.uint64(1) << np.uint64(position % 64)
            reached[rows_reached[rows], position // 64] |= bit
        distinct, group = np.unique(reached, axis=0, return_inverse=True)
        said: list[tuple[tuple[str, ...], tuple[str, ...]]] = []
        for words in distinct.tolist():
            facts: list[str] = []
            points: list[str] = []
            for position, (_, step_facts, step_points) in enumerate(steps):
                if words[position // 64] >> (position % 64) & 1:
                    facts.extend(step_facts)
                    points.extend(step_points)
            said.append((tuple(dict.fromkeys(facts)), tuple(dict.fromkeys(points))))
        return group.reshape(-1), said


class _ItemOpens(Opens):
    """The opens of a loop's items: each owner's, item by item in order, as the reasons name them."""

    def __init__(self, parent: Opens, child: Child) -> None:
        super().__init__(len(child.owner))
        self._parent = parent
        self._owner = child.owner

    def close(self) -> None:
        owner = self._owner
        parent = self._parent
        np.logical_or.at(parent.one_by_one, owner[self.one_by_one], True)
        if not self._steps or not len(owner):
            return
        # Each item's place among its owner's (the items are in their owners' order).
        index = np.arange(len(owner)) - np.searchsorted(owner, owner)
        for position in range(int(index.max()) + 1):
            at = index == position
            for reached, facts, points in self._steps:
                found = np.zeros(parent.n, dtype=bool)
                found[owner[reached & at]] = True
                parent.said(found, facts, points)


def opened(planned: Plan, columns: Columns, found: Found) -> list[Opens]:
    """Per rule, what holds each person's open answer open; rows with an open offence are left to the scalar path."""
    ops = Ops(planned.day)
    rows = columns.rows
    und = CODES[UNDETERMINED]
    result: list[Opens] = []
    for position, rule in enumerate(planned.planned):
        opens = Opens(rows.n)
        rule.root.vector_open(ops, rows, None, found.person[position] == und, opens)
        offences = found.offences.get(position)
        if offences is not None:  # an offence's reasons read its owner's steps again: one by one
            np.logical_or.at(opens.one_by_one, found.owner[offences == und], True)
        result.append(opens)
    return result


def unsure(found: Found, n: int) -> np.ndarray:
    """Whether each row has an open verdict (its own, or an offence's)."""
    und = CODES[UNDETERMINED]
    hit = np.zeros(n, dtype=bool)
    for verdicts in found.person:
        hit |= verdicts == und
    for verdicts in found.offences.values():
        np.logical_or.at(hit, found.owner[verdicts == und], True)
    return hit
