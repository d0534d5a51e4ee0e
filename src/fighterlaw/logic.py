"""Three-valued verdicts, source statuses, and the reason tree that the combinators build as they decide.

A verdict is ``yes``, ``no`` or ``undetermined``. Conditions combine by Kleene's strong logic: a ``no`` in an
*and*, or a ``yes`` in an *or*, decides whatever the unknowns; otherwise an unknown stays unknown.

>>> from fighterlaw import Verdict
>>> Verdict.NO & Verdict.UNDETERMINED
<Verdict.NO: 'no'>
>>> Verdict.YES | Verdict.UNDETERMINED
<Verdict.YES: 'yes'>
>>> ~Verdict.UNDETERMINED
<Verdict.UNDETERMINED: 'undetermined'>
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from enum import Enum, StrEnum
from typing import Any, Final, NamedTuple, final

__all__ = [
    "NO",
    "UNDETERMINED",
    "YES",
    "Reason",
    "Status",
    "Texts",
    "Verdict",
    "agreement",
    "all_of",
    "any_of",
    "branch",
    "cases",
    "leaf",
    "negate",
    "strongest",
    "weakest",
]


class Verdict(StrEnum):
    """The answer to a legal question: ``yes``, ``no`` or ``undetermined``.

    ``&``, ``|`` and ``~`` are Kleene's *and*, *or* and *not*. A verdict has no truth value of its own:
    ``if verdict:`` raises, so an unknown can never silently pass for false (or true).
    """

    YES = "yes"
    NO = "no"
    UNDETERMINED = "undetermined"

    def __and__(self, other: Verdict) -> Verdict:
        return _AND[self, other]

    def __or__(self, other: Verdict) -> Verdict:
        return _OR[self, other]

    def __invert__(self) -> Verdict:
        return _NOT[self]

    def __bool__(self) -> bool:
        msg = "a Verdict has three values; compare it with Verdict.YES, Verdict.NO or Verdict.UNDETERMINED"
        raise TypeError(msg)

    @property
    def decided(self) -> bool:
        """Whether the verdict is ``yes`` or ``no``."""
        return self is not Verdict.UNDETERMINED

    @classmethod
    def of(cls, value: bool | None) -> Verdict:
        """The verdict of a known fact (``True``, ``False``) or an unknown one (``None``).

        >>> Verdict.of(None)
        <Verdict.UNDETERMINED: 'undetermined'>
        """
        if value is None:
            return cls.UNDETERMINED
        return cls.YES if value else cls.NO


YES: Final = Verdict.YES
NO: Final = Verdict.NO
UNDETERMINED: Final = Verdict.UNDETERMINED

_AND: Final = {
    (a, b): NO if NO in (a, b) else YES if a is YES and b is YES else UNDETERMINED for a in Verdict for b in Verdict
}
_OR: Final = {
    (a, b): YES if YES in (a, b) else NO if a is NO and b is NO else UNDETERMINED for a in Verdict for b in Verdict
}
_NOT: Final = {YES: NO, NO: YES, UNDETERMINED: UNDETERMINED}


class Status(StrEnum):
    """How sure we are of a provision or a date of law, strongest first.

    ``confirmed``: official text or two independent reputable reports. ``plausible``: one weaker source, or
    inferred. ``derived``: computed by a stated legal rule (such as the ten-day rule). ``reported``: press
    reporting only. ``assumed``: not a source at all, but a fact the user stated as an assumption where the
    record leaves it unknown; weaker than every source.
    """

    CONFIRMED = "confirmed"
    PLAUSIBLE = "plausible"
    DERIVED = "derived"
    REPORTED = "reported"
    ASSUMED = "assumed"

    @property
    def rank(self) -> int:
        """0 for the strongest status, 4 for the weakest (an assumption)."""
        return _RANK[self]


_RANK: Final = {status: rank for rank, status in enumerate(Status)}


def weakest(statuses: Iterable[Status | None]) -> Status | None:
    """The weakest of some statuses; ``None`` (nothing relied on) if there are none.

    >>> weakest([Status.CONFIRMED, None, Status.DERIVED])
    <Status.DERIVED: 'derived'>
    """
    found: Status | None = None
    for status in statuses:
        if status is not None and (found is None or _RANK[status] > _RANK[found]):
            found = status
    return found


def strongest(statuses: Iterable[Status | None]) -> Status | None:
    """The strongest of some statuses; ``None`` if any of them relies on nothing, or there are none."""
    found: Status | None = None
    for status in statuses:
        if status is None:
            return None
        if found is None or _RANK[status] < _RANK[found]:
            found = status
    return found


class Texts(NamedTuple):
    """The sentence a node says for each verdict it may reach (``str.format`` templates over its args)."""

    yes: str
    no: str
    undetermined: str

    def pick(self, verdict: Verdict) -> str:
        """The template for ``verdict``."""
        if verdict is YES:
            return self.yes
        return self.no if verdict is NO else self.undetermined


# How a node's verdict follows from its children; it decides which children the verdict relies on.
_LEAF: Final = 0
_ALL: Final = 1
_ANY: Final = 2
_NOT_OF: Final = 3
_CASES: Final = 4
_BRANCH: Final = 5
_AGREE: Final = 6
_COMBINATORS: Final = ("leaf", "all", "any", "not", "cases", "case", "agreement")

# Statuses as ranks, so that reliance is computed with integer max/min as the tree is built:
# -1 stands for "relies on no source"; a higher rank is a weaker status.
_NOTHING: Final = -1
_STATUS_AT: Final = tuple(Status)
_ASSUMED: Final = _STATUS_AT.index(Status.ASSUMED)


@final
class Reason:
    """One step of an explanation: what was decided, on which provision, and the steps beneath it.

    Reasons are built by the combinators below while they decide, so an explanation cannot drift from the
    logic that produced the verdict. ``code`` is stable and machine-readable; ``text`` is a sentence.
    Reasons are immutable and may be shared between trees.
    """

    __slots__ = (
        "_args",
        "_document",
        "_kind",
        "_rel",
        "_said",
        "_template",
        "because",
        "code",
        "missing",
        "pinpoint",
        "provision",
        "reads",
        "status",
        "unsettled",
        "verdict",
    )

    code: str
    verdict: Verdict
    provision: str | None
    pinpoint: str | None
    status: Status | None
    because: tuple[Reason, ...]
    missing: tuple[str, ...]
    unsettled: tuple[str, ...]
    reads: tuple[str, ...]
    """For a step decided from facts: the input paths it read (its missing facts, were it undetermined)."""
    _template: str
    _args: tuple[Any, ...]
    _kind: int
    _rel: int
    _said: str | None
    _document: dict[str, Any] | None

    def __init__(
        self,
        *,
        code: str,
        verdict: Verdict,
        template: str,
        args: tuple[Any, ...],
        provision: str | None,
        pinpoint: str | None,
        status: Status | None,
        because: tuple[Reason, ...],
        missing: tuple[str, ...],
        unsettled: tuple[str, ...],
        kind: int,
        relied: int,
    ) -> None:
        _fill(
            self,
            code=code,
            verdict=verdict,
            template=template,
            args=args,
            provision=provision,
            pinpoint=pinpoint,
            status=status,
            because=because,
            missing=missing,
            unsettled=unsettled,
            kind=kind,
            relied=relied,
        )

    @property
    def combinator(self) -> str:
        """How the verdict follows from the children.

        ``leaf``, ``all``, ``any``, ``not``, ``cases``, ``case`` (one case of a split: ``because`` holds its
        condition, then its answer) or ``agreement``.
        """
        return _COMBINATORS[self._kind]

    @property
    def text(self) -> str:
        """The sentence that says what this step decided (formatted when first read)."""
        said = self._said
        if said is None:
            said = self._said = _sentence(self._template, self._args) if self._args else self._template
        return said

    def __repr__(self) -> str:
        return f"Reason({self.code!r}, {self.verdict.value}, {self.text!r})"

    def decisive(self) -> tuple[Reason, ...]:
        """The children this node's verdict rests on.

        All of them for a ``yes`` *and* or a ``no`` *or*; only the deciding ones for a ``no`` *and* or a
        ``yes`` *or*; the undetermined ones for an undetermined node; every case that may apply for a case
        split.
        """
        kind = self._kind
        verdict = self.verdict
        if kind == _LEAF:
            return ()
        if kind in (_NOT_OF, _BRANCH, _AGREE):
            return self.because
        if kind == _CASES:
            return tuple(b for b in self.because if b.because[0].verdict is not NO)
        if (kind == _ALL and verdict is YES) or (kind == _ANY and verdict is NO):
            return self.because
        return tuple(child for child in self.because if child.verdict is verdict)

    def reliance(self) -> Status | None:
        """The weakest source status this verdict relies on (``None``: it relies on no source).

        Where any one of several deciding children would do (a ``no`` in an *and*, a ``yes`` in an *or*), the
        verdict is as strong as the strongest of them; otherwise as weak as the weakest it needs.
        """
        return None if self._rel == _NOTHING else _STATUS_AT[self._rel]

    def assumed_facts(self) -> tuple[str, ...]:
        """The assumed facts (input paths) this verdict rests on: where its status ``assumed`` comes from.

        Empty unless the verdict relies on an assumption: a ``no`` that a stated source decides as well as an
        assumed fact rests on the source.
        """
        return _dedupe(self._assumed()) if self._rel == _ASSUMED else ()

    def _assumed(self) -> Iterator[str]:
        if self.status is Status.ASSUMED:
            yield from self.reads
        kind = self._kind
        relied = self.decisive()
        if (kind == _ALL and self.verdict is NO) or (kind == _ANY and self.verdict is YES):
            relied = relied[:1]  # any one would do, and each is assumed, or the verdict would not be
        for child in relied:
            if child._rel == _ASSUMED:
                yield from child._assumed()

    def open_facts(self) -> tuple[str, ...]:
        """The input paths whose unknown or imprecise values leave this verdict undetermined."""
        return _dedupe(self._open("missing"))

    def open_points(self) -> tuple[str, ...]:
        """The unsettled legal points that leave this verdict undetermined."""
        return _dedupe(self._open("unsettled"))

    def _open(self, attribute: str) -> Iterator[str]:
        if self.verdict is not UNDETERMINED and self._kind != _BRANCH:
            return
        yield from getattr(self, attribute)
        for child in self.decisive():
            yield from child._open(attribute)

    def walk(self) -> Iterator[Reason]:
        """This node and every node beneath it, depth first."""
        yield self
        for child in self.because:
            yield from child.walk()

    def provisions(self) -> tuple[str, ...]:
        """Every provision cited in this tree, in order of first citation."""
        return _dedupe(node.provision for node in self.walk() if node.provision is not None)

    def to_dict(self) -> dict[str, Any]:
        """This tree as JSON-ready dicts: ``code``, ``text``, ``verdict``, ``provision``, ``because``.

        ``pinpoint`` and ``status`` (the status of the provision or date this step itself relied on) extend
        the documented node.
        """
        # Verdicts and statuses are StrEnums: each is its own JSON string, so no .value lookups are needed.
        return {
            "code": self.code,
            "text": self.text,
            "verdict": self.verdict,
            "provision": self.provision,
            "pinpoint": self.pinpoint,
            "status": self.status,
            "because": [child.to_dict() for child in self.because],
        }

    def assuming(self, assumed: Mapping[str, str]) -> Reason:
        """This step, decided on facts the user assumed (``assumed``: each path with its value, as written).

        Its sentence says so, and it relies on the status ``assumed``, weaker than every source.
        """
        stated = "; ".join(f"{path} = {value}" for path, value in assumed.items())
        found = _built(
            code=self.code,
            verdict=self.verdict,
            template=f"{self.text} (Assumed: {stated}.)",
            args=(),
            provision=self.provision,
            pinpoint=self.pinpoint,
            status=Status.ASSUMED,
            because=self.because,
            missing=self.missing,
            unsettled=self.unsettled,
            kind=self._kind,
            relied=self._rel,
        )
        found.reads = self.reads
        return found

    def share(self) -> Reason:
        """Mark this tree as shared by many answers (a step the day alone decides): its document is kept."""
        self._document = self.to_dict()
        return self

    def document(self) -> dict[str, Any]:
        """This tree as JSON-ready dicts to be written out at once, never changed: shared trees give theirs."""
        found = self._document
        if found is not None:
            return found
        return {
            "code": self.code,
            "text": self.text,
            "verdict": self.verdict,
            "provision": self.provision,
            "pinpoint": self.pinpoint,
            "status": self.status,
            "because": [child.document() for child in self.because],
        }


_SENTENCES: Final[dict[tuple[Any, ...], str]] = {}
_PLAIN: Final[set[type]] = {str, int, type(None), date}


def plain_argument(kind: type) -> None:
    """Let sentences with arguments of ``kind`` be remembered: its values are equal only where they read alike."""
    _PLAIN.add(kind)


_MOST_SENTENCES: Final = 100_000


def _sentence(template: str, args: tuple[Any, ...]) -> str:
    """A template formatted with its arguments, remembered: most sentences recur from record to record.

    Only arguments that are plain values (text, numbers, days, enums) are remembered by; a sentence with any
    other argument (a contract's label, the parts of a sentence) is formatted every time.
    """
    if not all(type(arg) in _PLAIN or isinstance(arg, Enum) for arg in args):
        return template.format(*args)
    key = (template, *args)
    found = _SENTENCES.get(key)
    if found is None:
        if len(_SENTENCES) >= _MOST_SENTENCES:
            _SENTENCES.clear()
        found = _SENTENCES[key] = template.format(*args)
    return found


_NEW: Final = object.__new__


def _built(
    *,
    code: str,
    verdict: Verdict,
    template: str,
    args: tuple[Any, ...],
    provision: str | None,
    pinpoint: str | None,
    status: Status | None,
    because: tuple[Reason, ...],
    missing: tuple[str, ...],
    unsettled: tuple[str, ...],
    kind: int,
    relied: int,
) -> Reason:
    """A reason, as :class:`Reason` builds it, without the cost of calling the class (the combinators' hot path)."""
    reason: Reason = _NEW(Reason)
    _fill(
        reason,
        code=code,
        verdict=verdict,
        template=template,
        args=args,
        provision=provision,
        pinpoint=pinpoint,
        status=status,
        because=because,
        missing=missing,
        unsettled=unsettled,
        kind=kind,
        relied=relied,
    )
    return reason


def _fill(
    reason: Reason,
    *,
    code: str,
    verdict: Verdict,
    template: str,
    args: tuple[Any, ...],
    provision: str | None,
    pinpoint: str | None,
    status: Status | None,
    because: tuple[Reason, ...],
    missing: tuple[str, ...],
    unsettled: tuple[str, ...],
    kind: int,
    relied: int,
) -> None:
    """Every field of a reason; its reliance is its own status's rank or its children's, whichever is weaker."""
    reason.code = code
    reason.verdict = verdict
    reason._template = template
    reason._args = args
    reason.provision = provision
    reason.pinpoint = pinpoint
    reason.status = status
    reason.because = because
    reason.missing = missing
    reason.unsettled = unsettled
    reason._kind = kind
    reason._said = None
    reason._document = None
    reason.reads = ()
    own = _NOTHING if status is None else _RANK[status]
    reason._rel = own if own > relied else relied


def _dedupe(items: Iterable[str | None]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(item for item in items if item is not None))


def leaf(
    code: str,
    verdict: Verdict,
    template: str,
    *args: Any,
    provision: str | None = None,
    pinpoint: str | None = None,
    status: Status | None = None,
    missing: tuple[str, ...] = (),
    unsettled: tuple[str, ...] = (),
) -> Reason:
    """A step decided directly from facts or from the rulebook.

    ``missing`` names the input paths and ``unsettled`` the legal points that leave it undetermined; they are
    kept only if the verdict is undetermined.
    """
    reads = missing
    if verdict is not UNDETERMINED:
        missing = unsettled = ()
    found = _built(
        code=code,
        verdict=verdict,
        template=template,
        args=args,
        provision=provision,
        pinpoint=pinpoint,
        status=status,
        because=(),
        missing=missing,
        unsettled=unsettled,
        kind=_LEAF,
        relied=_NOTHING,
    )
    found.reads = reads
    return found


def all_of(
    code: str,
    texts: Texts,
    children: Sequence[Reason],
    *args: Any,
    provision: str | None = None,
    pinpoint: str | None = None,
    status: Status | None = None,
) -> Reason:
    """``yes`` if every child is ``yes``, ``no`` if any is ``no``, else ``undetermined`` (Kleene *and*)."""
    verdict, relied = _fold(children, NO, YES)
    return _built(
        code=code,
        verdict=verdict,
        template=texts.pick(verdict),
        args=args,
        provision=provision,
        pinpoint=pinpoint,
        status=status,
        because=tuple(children),
        missing=(),
        unsettled=(),
        kind=_ALL,
        relied=relied,
    )


def any_of(
    code: str,
    texts: Texts,
    children: Sequence[Reason],
    *args: Any,
    provision: str | None = None,
    pinpoint: str | None = None,
    status: Status | None = None,
) -> Reason:
    """``yes`` if any child is ``yes``, ``no`` if every child is ``no``, else ``undetermined`` (Kleene *or*).

    With no children at all the answer is ``no``: nothing grants it.
    """
    verdict, relied = _fold(children, YES, NO)
    return _built(
        code=code,
        verdict=verdict,
        template=texts.pick(verdict),
        args=args,
        provision=provision,
        pinpoint=pinpoint,
        status=status,
        because=tuple(children),
        missing=(),
        unsettled=(),
        kind=_ANY,
        relied=relied,
    )


def _fold(children: Sequence[Reason], deciding: Verdict, otherwise: Verdict) -> tuple[Verdict, int]:
    """Kleene's *and* (``deciding`` no) or *or* (``deciding`` yes) over children, with the reliance it carries.

    A deciding child settles the verdict, and any one of them would do, so the verdict relies on the strongest
    of them. Otherwise it relies on every child if all agree, or on the undetermined ones.
    """
    decided = undetermined = False
    weakest_all = weakest_open = _NOTHING
    strongest_deciding = len(_STATUS_AT)
    for child in children:
        rel = child._rel
        verdict = child.verdict
        weakest_all = max(weakest_all, rel)
        if verdict is deciding:
            decided = True
            strongest_deciding = min(strongest_deciding, rel)
        elif verdict is UNDETERMINED:
            undetermined = True
            weakest_open = max(weakest_open, rel)
    if decided:
        return deciding, strongest_deciding
    if undetermined:
        return UNDETERMINED, weakest_open
    return otherwise, weakest_all


def negate(
    code: str,
    texts: Texts,
    child: Reason,
    *args: Any,
    provision: str | None = None,
    pinpoint: str | None = None,
    status: Status | None = None,
) -> Reason:
    """The Kleene *not* of ``child``: ``unless`` in the law stays ``unless`` in the tree."""
    verdict = _NOT[child.verdict]
    return _built(
        code=code,
        verdict=verdict,
        template=texts.pick(verdict),
        args=args,
        provision=provision,
        pinpoint=pinpoint,
        status=status,
        because=(child,),
        missing=(),
        unsettled=(),
        kind=_NOT_OF,
        relied=child._rel,
    )


def branch(when: Reason, then: Reason, *, lead: str | None = None) -> Reason:
    """One case of a case split: ``then`` is the answer if ``when`` holds. Its verdict is ``then``'s.

    Its sentence leads with ``lead`` where given (``If naturalised on or before 2026-06-21``), else with whether
    the case applies.
    """
    relied = max(when._rel, then._rel)
    return _built(
        code=then.code,
        verdict=then.verdict,
        template="{0}",
        args=(_BranchText(when, then, lead),),
        provision=then.provision,
        pinpoint=then.pinpoint,
        status=None,
        because=(when, then),
        missing=(),
        unsettled=(),
        kind=_BRANCH,
        relied=relied,
    )


class _BranchText:
    __slots__ = ("lead", "then", "when")

    def __init__(self, when: Reason, then: Reason, lead: str | None = None) -> None:
        self.when = when
        self.then = then
        self.lead = lead

    def __format__(self, spec: str) -> str:
        lead = self.lead or ("This case applies" if self.when.verdict is YES else "If this case applies")
        text = self.then.text
        return f"{lead}: {text[:1].lower()}{text[1:]}"


def cases(
    code: str,
    texts: Texts,
    branches: Sequence[Reason],
    *args: Any,
    provision: str | None = None,
    pinpoint: str | None = None,
    status: Status | None = None,
) -> Reason:
    """A case split over exclusive, exhaustive cases: exactly one ``branch`` applies.

    The verdict is the answer that every case which may apply agrees on, and ``undetermined`` where they
    disagree. This is sharper than an *or* of *ands*: if the law changed on an uncertain day but both
    versions give the same answer, the answer is known.
    """
    verdict: Verdict | None = None
    relied = _NOTHING
    for case in branches:
        if case.because[0].verdict is NO:
            continue
        relied = max(relied, case._rel)
        outcome = case.verdict
        verdict = outcome if verdict is None or verdict is outcome else UNDETERMINED
    if verdict is None:
        msg = f"case split {code!r}: no case can apply, so the cases are not exhaustive"
        raise AssertionError(msg)
    return _built(
        code=code,
        verdict=verdict,
        template=texts.pick(verdict),
        args=args,
        provision=provision,
        pinpoint=pinpoint,
        status=status,
        because=tuple(branches),
        missing=(),
        unsettled=(),
        kind=_CASES,
        relied=relied,
    )


def agreement(
    code: str,
    texts: Texts,
    children: Sequence[Reason],
    *args: Any,
    point: str,
) -> Reason:
    """The answer all ``children`` agree on, else ``undetermined``.

    ``point`` names the unsettled question where some children say ``yes`` and others ``no``. Used to combine
    readings: a verdict is ``yes`` or ``no`` only where every reading gives it.
    """
    verdicts = {child.verdict for child in children}
    disagree = YES in verdicts and NO in verdicts
    verdict = next(iter(verdicts)) if len(verdicts) == 1 else UNDETERMINED
    relied = max((child._rel for child in children), default=_NOTHING)
    return _built(
        code=code,
        verdict=verdict,
        template=texts.pick(verdict),
        args=args,
        provision=None,
        pinpoint=None,
        status=None,
        because=tuple(children),
        missing=(),
        unsettled=(point,) if disagree else (),
        kind=_AGREE,
        relied=relied,
    )
