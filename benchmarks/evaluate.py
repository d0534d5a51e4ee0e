"""Benchmark fl.evaluate against a plain-Python floor, and cross-check their verdicts.

The script generates reproducible person records with every fact known, validates them, and then times, one record
at a time after a warm-up pass:

- the library: ``fl.evaluate(person, as_of=..., reading="enacted")``, which builds the full reason trees;
- the floor: :func:`floor_verdicts`, the same ``enacted`` verdicts computed on the plain dicts straight from the
  legal specification, with no reasons and no pydantic.

The floor is a deliberately independent restatement of the law: its dates, ages and terms are the constants below,
each citing the instrument it comes from, not read from the library's rulebook. It measures what the reasons cost and
cross-checks every verdict. Any disagreement is printed with the record and the library's reason tree, and makes the
script exit with status 1. Timing is only reported, never asserted.

Run it from the project root::

    python benchmarks/evaluate.py            # 10,000 records
    python benchmarks/evaluate.py --quick    # 500 records
"""

from __future__ import annotations

import argparse
import gc
import json
import platform
import random
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from datetime import date, timedelta
from typing import Any, Final, TypeAlias, TypeVar

import fighterlaw as fl

Record: TypeAlias = dict[str, Any]
Tri: TypeAlias = bool | None
"""A three-valued verdict of the floor: True (yes), False (no), None (undetermined: the law is unsettled)."""
Verdicts: TypeAlias = dict[tuple[str, str], Tri]
LibraryVerdicts: TypeAlias = dict[tuple[str, str], fl.Verdict]
Outcome = TypeVar("Outcome")
Kept = TypeVar("Kept")

# ---------------------------------------------------------------------------------------------------------------------
# The law, restated independently of the rulebook (reading `enacted`), each value with its instrument.
# An in-force interval includes its start and excludes its end.
# ---------------------------------------------------------------------------------------------------------------------

SMO_START: Final = date(2022, 2, 24)  # the start of the special military operation

# foreign-contract
FOREIGN_CONTRACTS_FROM: Final = date(2003, 11, 11)  # law-2003-11-11, from its signing day
CONTRACT_MIN_AGE: Final = 18  # law-2003-11-11: aged 18 or over (stateless persons on the same terms)
FOREIGN_MAX_AGE: Final = 30  # law-2003-11-11: aged 30 or under, until law-2022-05-28
NO_MAX_AGE_FROM: Final = date(2022, 5, 28)  # law-2022-05-28 removes the upper age limit

# stateless-contract
STATELESS_CONTRACTS_FROM: Final = date(2025, 7, 7)  # law-2025-07-07, in force on signing

# simplified-citizenship
FAMILY_RELATIONS: Final = frozenset({"spouse", "child", "parent"})  # decree-690, decree-10, decree-821
MIN_TERM_MONTHS: Final = 12  # decree-690 and decree-821: a contract of at least 12 months
OPEN_TERM_MONTHS: Final = 12  # an "open" term counts as at least 12 months (the input contract)
DECREE_690_FROM: Final = date(2022, 9, 30)  # decree-690
DECREE_690_STATELESS_FROM: Final = date(2023, 5, 15)  # decree-690 as amended: stateless persons added
# decree-690 ended on a day in 2023-10-26..2024-01-04: in force through 2023-10-25, unsettled from
# 2023-10-26 to 2024-01-03, certainly ended from 2024-01-04.
DECREE_690_END_EARLIEST: Final = date(2023, 10, 26)  # its statutory basis (62-FZ) lapsed
DECREE_690_END_LATEST: Final = date(2024, 1, 4)  # decree-10 replaced it
DECREE_10_FROM: Final = date(2024, 1, 4)  # decree-10
DECREE_10_MAYBE_REPEALED: Final = date(2025, 11, 5)  # decree-10 possibly repealed by decree-821
DECREE_10_GROUNDS: Final = frozenset({"age", "health", "contract_expiry"})  # decree-10: grounds of discharge
DECREE_821_FROM: Final = date(2025, 11, 5)  # decree-821
DECREE_821_MIN_AGE: Final = 18  # decree-821: men aged 18 to 65
DECREE_821_MAX_AGE: Final = 65  # decree-821: men aged 18 to 65
DECREE_821_SEX: Final = "male"  # decree-821: men
DECREE_821_EXCLUDED: Final = "BY"  # decree-821: citizens of Belarus excluded
DECREE_821_GROUNDS: Final = frozenset({"age", "health", "contract_expiry"})  # decree-821: grounds of discharge

# extradition-bar
# fz-50-2026, published 2026-03-08 with no clause of its own: in force on P + 11 by the ten-day rule
# (law-5-fz-art-6), 2026-03-19.
ITEM_7_PUBLISHED: Final = date(2026, 3, 8)
ITEM_7_FROM: Final = ITEM_7_PUBLISHED + timedelta(days=11)
# expulsion-bar: coao-4-1-2026, published 2026-03-23 with no clause of its own: in force on P + 11, 2026-04-03.
# A foreign or stateless person who served under contract before D (the formations as for item 7) and fought.
EXPULSION_BAR_PUBLISHED: Final = date(2026, 3, 23)
EXPULSION_BAR_FROM: Final = EXPULSION_BAR_PUBLISHED + timedelta(days=11)
# fz-50-2026: the Armed Forces or another military formation; a volunteer formation is unsettled.
FORMATION_COUNTS: Final[dict[str, Tri]] = {
    "armed_forces": True,
    "other_formation": True,
    "volunteer_formation": None,
}

DEFAULT_AS_OF: Final = date(2026, 6, 1)
DEFAULT_RECORDS: Final = 10_000
QUICK_RECORDS: Final = 500
DEFAULT_SEED: Final = 20260601
GOALS: Final = (
    ("fl.evaluate, reasons available on demand", 2.0),
    ("verdicts only, no report", 1.0),
)
"""Each timing's goal, as a multiple of the floor measured in the same run."""
TO_JSON_GOAL_US: Final = 80.0
KEPT_GOAL: Final = 1.3
"""Keeping every report must cost at most this multiple of the time of discarding each one."""
SHOWN_DISAGREEMENTS: Final = 10

# ---------------------------------------------------------------------------------------------------------------------
# Three-valued logic (Kleene): False decides an AND, True decides an OR.
# ---------------------------------------------------------------------------------------------------------------------


def k_and(*values: Tri) -> Tri:
    """Kleene AND."""
    result: Tri = True
    for value in values:
        if value is False:
            return False
        if value is None:
            result = None
    return result


def k_or(values: Iterable[Tri]) -> Tri:
    """Kleene OR over an iterable (stops at the first True)."""
    result: Tri = False
    for value in values:
        if value is True:
            return True
        if value is None:
            result = None
    return result


# ---------------------------------------------------------------------------------------------------------------------
# The floor
# ---------------------------------------------------------------------------------------------------------------------

Contract: TypeAlias = tuple[date, int, date | None, str]
"""signed, term in months (an open term as OPEN_TERM_MONTHS), ended (None: not ended), formation."""


class Facts:
    """One record's facts with its dates parsed: what the rules read."""

    __slots__ = (
        "asylum",
        "birth",
        "citizenship",
        "combat",
        "contracts",
        "cut",
        "grounds",
        "nationality",
        "naturalised",
        "order_extract",
        "sex",
        "unfit",
    )

    def __init__(self, record: Record) -> None:
        self.citizenship: str = record["citizenship"]
        self.nationality: str | None = record["nationality"]
        naturalised = record["naturalised"]
        self.naturalised = None if naturalised is None else date.fromisoformat(naturalised)
        self.birth = date.fromisoformat(record["birth_date"])
        self.sex: str = record["sex"]
        self.contracts: list[Contract] = [
            (
                date.fromisoformat(c["signed"]),
                OPEN_TERM_MONTHS if c["term_months"] == "open" else c["term_months"],
                None if c["ended"] is None else date.fromisoformat(c["ended"]),
                c["formation"],
            )
            for c in record["contracts"]
        ]
        self.combat: bool = record["combat"]
        discharge = record["discharge"]
        self.cut = None if discharge is None else date.fromisoformat(discharge["date"])
        self.grounds: str | None = None if discharge is None else discharge["grounds"]
        self.order_extract: bool = discharge is not None and discharge["order_extract"]
        ruling = record["unfitness_ruling"]
        self.unfit = None if ruling is None else date.fromisoformat(ruling["date"])
        self.asylum: bool = record["asylum_in_russia"]


def reached(birth: date, years: int, day: date) -> bool:
    """Whether a person born on ``birth`` has reached ``years`` on ``day`` (29 Feb: 28 Feb in common years)."""
    year = birth.year + years
    try:
        anniversary = birth.replace(year=year)
    except ValueError:  # born on 29 February, a common year
        anniversary = date(year, 2, 28)
    return day >= anniversary


def status_at(facts: Facts, day: date) -> str:
    """Citizenship status at ``day``: Russian if born so or naturalised by then."""
    if facts.citizenship == "russian" or (facts.naturalised is not None and facts.naturalised <= day):
        return "russian"
    return facts.citizenship


def in_force(contract: Contract, day: date, cut: date | None) -> bool:
    """Whether ``contract`` is in force on ``day``.

    Signed on or before ``day``, not ended on or before it, and not cut by a discharge: a discharge that took effect
    on or before ``day`` ends the contracts signed on or before the discharge (a later contract is new service).
    """
    signed, _, ended, _ = contract
    return signed <= day and (ended is None or ended > day) and (cut is None or cut > day or signed > cut)


def long_contract_since_smo(facts: Facts, day: date) -> bool:
    """A contract of at least 12 months signed on or after the SMO start and on or before ``day``."""
    return any(term >= MIN_TERM_MONTHS and SMO_START <= signed <= day for signed, term, _, _ in facts.contracts)


def decree_690_in_force(day: date) -> Tri:
    """Decree No. 690 in force: from 2022-09-30 to an end on a day in 2023-10-26..2024-01-04."""
    if day < DECREE_690_FROM or day >= DECREE_690_END_LATEST:
        return False
    return True if day < DECREE_690_END_EARLIEST else None


def decree_690_categories(status: str, day: date) -> bool:
    """Decree No. 690 covers a foreign citizen; a stateless person too from 2023-05-15."""
    return status == "foreign" or (status == "stateless" and day >= DECREE_690_STATELESS_FROM)


def decree_690_principal(facts: Facts, status: str, day: date) -> bool:
    """Decree No. 690: a contract of at least 12 months signed since the operation began."""
    return decree_690_categories(status, day) and long_contract_since_smo(facts, day)


def decree_10_in_force(day: date) -> Tri:
    """Decree No. 10 in force: from 2024-01-04; on or after 2025-11-05 possibly repealed."""
    if day < DECREE_10_FROM:
        return False
    return True if day < DECREE_10_MAYBE_REPEALED else None


def decree_10_categories(status: str) -> bool:
    """Decree No. 10 covers a foreign citizen or a stateless person."""
    return status in {"foreign", "stateless"}


def decree_10_principal(facts: Facts, status: str, day: date) -> bool:
    """Decree No. 10: (a) served under contract at some time from the SMO start to D; (b) discharged since."""
    if not decree_10_categories(status):
        return False
    # (a) a contract is in force on some day t in [SMO start, D]: its first candidate day is the best one.
    for contract in facts.contracts:
        first = max(contract[0], SMO_START)
        if first <= day and in_force(contract, first, facts.cut):
            return True
    # (b) discharged on or after the SMO start (and by D) for age, health or contract expiry.
    cut = facts.cut
    return cut is not None and SMO_START <= cut <= day and facts.grounds in DECREE_10_GROUNDS


def decree_821_in_force(day: date) -> bool:
    """Decree No. 821 in force: from 2025-11-05."""
    return day >= DECREE_821_FROM


def decree_821_categories(status: str, nationality: str | None) -> bool:
    """Decree No. 821 covers the foreign or stateless, not citizens of Belarus."""
    return status in {"foreign", "stateless"} and nationality != DECREE_821_EXCLUDED


def decree_821_principal(facts: Facts, status: str, day: date) -> bool:
    """Decree No. 821: a man aged 18 to 65 with a year's contract, earlier service, a discharge or unfitness."""
    if not (
        facts.sex == DECREE_821_SEX
        and reached(facts.birth, DECREE_821_MIN_AGE, day)
        and not reached(facts.birth, DECREE_821_MAX_AGE + 1, day)
        and decree_821_categories(status, facts.nationality)
    ):
        return False
    # (a) a contract of at least 12 months signed on or after the SMO start, or serving on the SMO start day
    # under an earlier contract.
    if long_contract_since_smo(facts, day):
        return True
    if any(c[0] < SMO_START and in_force(c, SMO_START, facts.cut) for c in facts.contracts):
        return True
    # (b) discharged for age, health or contract expiry, with the order extract; or a commission's unfitness ruling.
    cut = facts.cut
    if cut is not None and cut <= day and facts.grounds in DECREE_821_GROUNDS and facts.order_extract:
        return True
    return facts.unfit is not None and facts.unfit <= day


Principal: TypeAlias = Callable[[Facts, str, date], bool]


def simplified_citizenship(record: Record, facts: Facts, status: str, day: date) -> Tri:
    """No if Russian at D; else any decree in force that grants, directly or through family."""
    if status == "russian":
        return False
    members = [
        Facts(link["member"]) for link in record["family"] if link["relation"] in FAMILY_RELATIONS
    ]  # a member qualifies by their original citizenship: naturalisation ignored
    grants: list[Tri] = []
    decrees: tuple[tuple[Tri, Principal, bool], ...] = (
        (decree_690_in_force(day), decree_690_principal, decree_690_categories(status, day)),
        (decree_10_in_force(day), decree_10_principal, decree_10_categories(status)),
        (decree_821_in_force(day), decree_821_principal, decree_821_categories(status, facts.nationality)),
    )
    for force, principal, applicant_in_categories in decrees:
        if force is False:
            continue
        qualifies = principal(facts, status, day) or (
            applicant_in_categories and any(principal(member, member.citizenship, day) for member in members)
        )
        grants.append(k_and(force, qualifies))
    return k_or(grants)


def item_7(facts: Facts, status: str, day: date) -> Tri:
    """Item 7: serving under contract at D, or served before D and took part in combat."""
    if day < ITEM_7_FROM or status not in {"foreign", "stateless"}:
        return False
    cut = facts.cut
    serving = k_or(FORMATION_COUNTS[c[3]] for c in facts.contracts if in_force(c, day, cut))
    if serving is True:
        return True
    served = k_or(FORMATION_COUNTS[c[3]] for c in facts.contracts if c[0] < day)
    return k_or((serving, k_and(served, facts.combat)))


def expulsion_bar(facts: Facts, status: str, day: date) -> Tri:
    """No expulsion of a Russian citizen (Constitution Art. 61(1)) or of a veteran who fought (CoAO Art. 4.1)."""
    if status == "russian":
        return True
    if day < EXPULSION_BAR_FROM or status not in {"foreign", "stateless"}:
        return False
    served = k_or(FORMATION_COUNTS[c[3]] for c in facts.contracts if c[0] < day)
    return k_and(served, facts.combat)


def floor_verdicts(record: Record, as_of: date) -> Verdicts:
    """Every ``enacted`` verdict for one complete record, from the law restated above: (rule, subject) -> verdict."""
    facts = Facts(record)
    day = as_of
    status = status_at(facts, day)
    adult = reached(facts.birth, CONTRACT_MIN_AGE, day)
    verdicts: Verdicts = {
        ("foreign-contract", "person"): (
            status == "foreign"
            and day >= FOREIGN_CONTRACTS_FROM
            and adult
            and (day >= NO_MAX_AGE_FROM or not reached(facts.birth, FOREIGN_MAX_AGE + 1, day))
        ),
        ("stateless-contract", "person"): status == "stateless" and day >= STATELESS_CONTRACTS_FROM and adult,
        ("simplified-citizenship", "person"): simplified_citizenship(record, facts, status, day),
    }
    person_bar = k_or((status == "russian", facts.asylum, item_7(facts, status, day)))
    verdicts["extradition-bar", "person"] = person_bar
    unnamed = 0
    for offence in record["offences"]:
        subject = offence["id"]
        if subject is None:
            unnamed += 1
            subject = str(unnamed)
        verdicts["extradition-bar", f"offence:{subject}"] = k_or(
            (
                person_bar,
                offence["russian_judgment"],
                offence["limitation_expired"],
                not offence["criminal_in_russia"],
            )
        )
    verdicts["expulsion-bar", "person"] = expulsion_bar(facts, status, day)
    return verdicts


# ---------------------------------------------------------------------------------------------------------------------
# The records: every fact known, reproducibly
# ---------------------------------------------------------------------------------------------------------------------

NATIONALITIES: Final = ("UA", "NP", "IN", "CU", "SY", "KZ", "UZ", "TJ", "KG", "AM", "RS", "LK", "CN", "DE", "US")
BELARUS_SHARE: Final = 0.12


def key_dates(as_of: date) -> tuple[date, ...]:
    """Days where the law changes, so that the records often fall on or next to a boundary."""
    return (
        SMO_START,
        NO_MAX_AGE_FROM,
        DECREE_690_FROM,
        DECREE_690_STATELESS_FROM,
        DECREE_690_END_EARLIEST,
        DECREE_690_END_LATEST,
        DECREE_10_FROM,
        DECREE_821_FROM,
        STATELESS_CONTRACTS_FROM,
        ITEM_7_FROM,
        as_of,
    )


class Generator:
    """Builds complete person records from a seeded random source."""

    def __init__(self, seed: int, as_of: date) -> None:
        self.rng = random.Random(seed)
        self.as_of = as_of
        self.keys = key_dates(as_of)

    def day(self, low: date | None = None) -> date:
        """A date: mostly 2015 (or ten years before as_of) to as_of; some on or next to a key date, a few outside."""
        rng = self.rng
        roll = rng.random()
        if roll < 0.15:
            pick = rng.choice(self.keys) + timedelta(days=rng.choice((-1, 0, 0, 1)))
        elif roll < 0.20:
            pick = self.as_of + timedelta(days=rng.randint(1, 365))
        elif roll < 0.25:
            pick = date(2005, 1, 1) + timedelta(days=rng.randint(0, 3651))
        else:
            start = min(date(2015, 1, 1), self.as_of - timedelta(days=3652))
            pick = start + timedelta(days=rng.randint(0, (self.as_of - start).days))
        if low is not None and pick < low:
            pick = low + timedelta(days=rng.randint(0, 900))
        return pick

    def birth(self) -> date:
        """A birth date for an age of 16 to 75 at as_of, with extra weight on the age limits and on 29 February."""
        rng, as_of = self.rng, self.as_of
        roll = rng.random()
        if roll < 0.12:  # on or next to the 18th, 31st or 66th birthday
            years = rng.choice((CONTRACT_MIN_AGE, FOREIGN_MAX_AGE + 1, DECREE_821_MAX_AGE + 1))
            try:
                anniversary = as_of.replace(year=as_of.year - years)
            except ValueError:
                anniversary = date(as_of.year - years, 2, 28)
            return anniversary + timedelta(days=rng.choice((-1, 0, 1)))
        if roll < 0.15:  # 29 February of a leap year
            year = rng.choice([y for y in range(as_of.year - 75, as_of.year - 15) if y % 4 == 0 and y != 1900])
            return date(year, 2, 29)
        youngest = as_of.replace(year=as_of.year - 16) if (as_of.month, as_of.day) != (2, 29) else as_of
        return youngest - timedelta(days=rng.randint(0, 60 * 365 + 13))

    def contract(self) -> Record:
        """A contract with every field known."""
        rng = self.rng
        signed = self.day()
        ended: date | None = None
        if rng.random() < 0.55:
            ended = signed if rng.random() < 0.1 else self.day(low=signed)
        return {
            "signed": signed.isoformat(),
            "term_months": rng.choice((1, 3, 6, 11, 12, 12, 24, 36, "open", "open")),
            "ended": None if ended is None else ended.isoformat(),
            "formation": rng.choices(("armed_forces", "other_formation", "volunteer_formation"), weights=(85, 11, 4))[
                0
            ],
        }

    def offence(self, index: int) -> Record:
        """An alleged offence with every boolean set."""
        rng = self.rng
        return {
            "id": f"o{index}" if rng.random() < 0.6 else None,
            "description": "an alleged offence",
            "combat_related": rng.random() < 0.5,
            "purpose": rng.choice(("prosecution", "sentence")),
            "requesting_state": rng.choice(("UA", "PL", "DE", "US", "GE")),
            "russian_judgment": rng.random() < 0.08,
            "limitation_expired": rng.random() < 0.08,
            "criminal_in_russia": rng.random() < 0.9,
        }

    def person(self, ident: str, *, with_family: bool = True) -> Record:
        """A person record with every fact known; family members are complete records without family."""
        rng = self.rng
        citizenship = rng.choices(("foreign", "stateless", "russian"), weights=(80, 12, 8))[0]
        nationality: str | None = None
        if citizenship != "stateless":
            nationality = "BY" if rng.random() < BELARUS_SHARE else rng.choice(NATIONALITIES)
        birth = self.birth()
        naturalised: date | None = None
        if citizenship != "russian" and rng.random() < 0.15:
            naturalised = self.day(low=birth + timedelta(days=1))
        discharge: Record | None = None
        if rng.random() < 0.35:
            discharge = {
                "date": self.day().isoformat(),
                "grounds": rng.choice(("age", "health", "contract_expiry", "other")),
                "order_extract": rng.random() < 0.6,
            }
        family: list[Record] = []
        if with_family and rng.random() < 0.2:
            relation = rng.choice(("spouse", "child", "parent"))
            family.append({"relation": relation, "member": self.person(f"{ident}-{relation}", with_family=False)})
        return {
            "id": ident,
            "citizenship": citizenship,
            "nationality": nationality,
            "naturalised": None if naturalised is None else naturalised.isoformat(),
            "birth_date": birth.isoformat(),
            "sex": "male" if rng.random() < 0.85 else "female",
            "contracts": [self.contract() for _ in range(rng.choices((0, 1, 2, 3), weights=(20, 45, 25, 10))[0])],
            "combat": rng.random() < 0.6,
            "discharge": discharge,
            "unfitness_ruling": {"date": self.day().isoformat()} if rng.random() < 0.1 else None,
            "asylum_in_russia": rng.random() < 0.03,
            "family": family,
            "offences": [self.offence(i + 1) for i in range(rng.choices((0, 1, 2), weights=(50, 35, 15))[0])],
        }


# ---------------------------------------------------------------------------------------------------------------------
# Timing and cross-check
# ---------------------------------------------------------------------------------------------------------------------


def time_each(
    function: Callable[[Any], Outcome], items: Sequence[Any], keep: Callable[[Outcome], Kept]
) -> tuple[list[int], list[Kept]]:
    """Call ``function`` on each item, timing each call alone; return the times (ns) and what ``keep`` keeps.

    ``keep`` runs outside the timed region: the benchmark keeps each report's verdicts, not the report, so that
    ten thousand reason trees held in memory do not slow the collector down for the calls that follow.
    """
    gc.collect()
    clock = time.perf_counter_ns
    times: list[int] = []
    kept: list[Kept] = []
    for item in items:
        start = clock()
        outcome = function(item)
        times.append(clock() - start)
        kept.append(keep(outcome))
    return times, kept


def summary(label: str, times: Sequence[int]) -> tuple[float, float]:
    """Print the median and mean per person (us) and records per second; return median and mean."""
    median = statistics.median(times) / 1000
    mean = statistics.fmean(times) / 1000
    per_second = len(times) / (sum(times) / 1e9)
    print(f"  {label:<16} median {median:9.2f} us   mean {mean:9.2f} us   {per_second:12,.0f} records/s")
    return median, mean


def as_verdict(value: Tri) -> fl.Verdict:
    """The floor's three-valued answer as a library verdict."""
    if value is None:
        return fl.Verdict.UNDETERMINED
    return fl.Verdict.YES if value else fl.Verdict.NO


def reason_text(reason: fl.Reason, depth: int = 0) -> list[str]:
    """A reason tree as indented lines: verdict, sentence, provision."""
    where = "" if reason.provision is None else f"  ({reason.provision})"
    lines = [f"{'  ' * depth}[{reason.verdict.value}] {reason.text}{where}"]
    for child in reason.because:
        lines.extend(reason_text(child, depth + 1))
    return lines


def indent(text: str, prefix: str = "      ") -> str:
    """Indent every line of ``text``."""
    return "\n".join(prefix + line for line in text.splitlines())


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--records", type=int, default=None, help=f"number of records (default {DEFAULT_RECORDS:,})")
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_RECORDS} records, for a quick check")
    parser.add_argument(
        "--keep", type=int, default=0, metavar="N", help="also time evaluating N records and keeping every report"
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    parser.add_argument(
        "--as-of", type=date.fromisoformat, default=DEFAULT_AS_OF, help=f"evaluation day (default {DEFAULT_AS_OF})"
    )
    args = parser.parse_args(argv)
    if args.records is None:
        args.records = QUICK_RECORDS if args.quick else DEFAULT_RECORDS
    if args.records < 1:
        parser.error("--records must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Generate, validate, time and cross-check; 1 if any verdict disagrees, else 0."""
    args = parse_args(argv)
    as_of: date = args.as_of
    generator = Generator(args.seed, as_of)
    records = [generator.person(f"p-{index}") for index in range(args.records)]
    people = [fl.Person.model_validate(record) for record in records]  # validation is not timed

    print("fighterlaw benchmark: fl.evaluate (reading enacted, reasons on demand) against a plain-Python floor")
    print(f"python: {platform.python_implementation()} {platform.python_version()}")
    print(f"records: {len(records):,} (seed {args.seed}), all facts known; as of {as_of}; reading enacted")
    print(
        f"  with contracts: {sum(bool(r['contracts']) for r in records):,}; "
        f"with family: {sum(bool(r['family']) for r in records):,}; "
        f"offences: {sum(len(r['offences']) for r in records):,}"
    )

    def library(person: fl.Person) -> fl.Report:
        return fl.evaluate(person, as_of=as_of, reading="enacted")

    def floor(record: Record) -> Verdicts:
        return floor_verdicts(record, as_of)

    def verdicts_of(report: fl.Report) -> LibraryVerdicts:
        return {(result.rule, result.subject): result.verdict for result in report.results}

    def nothing(_: object) -> None:
        return None

    def itself(verdicts: Verdicts) -> Verdicts:
        return verdicts

    evaluation = fl.engine.Evaluation(as_of=as_of, reading="enacted")

    def verdicts_only(person: fl.Person) -> list[tuple[str, str, fl.Verdict]]:
        return evaluation.verdicts(person)

    def to_json(person: fl.Person) -> str:
        return fl.evaluate(person, as_of=as_of, reading="enacted").to_json()

    time_each(library, people, nothing)  # warm-up
    time_each(floor, records, nothing)
    time_each(to_json, people, nothing)
    print("time per person, each record timed alone after a warm-up pass (the floor parses its date strings):")
    library_times, library_verdicts = time_each(library, people, verdicts_of)
    median_1, mean_1 = summary("library, run 1", library_times)
    library_times_2, _ = time_each(library, people, nothing)
    median_2, mean_2 = summary("library, run 2", library_times_2)
    verdict_times, _ = time_each(verdicts_only, people, nothing)
    verdict_median, verdict_mean = summary("verdicts only", verdict_times)
    floor_times, floor_outcomes = time_each(floor, records, itself)
    floor_median, floor_mean = summary("floor", floor_times)
    json_times, _ = time_each(to_json, people, nothing)
    json_median, _ = summary("with to_json", json_times)
    print(
        f"  ratio library/floor: median {median_1 / floor_median:.1f}x (run 1), {median_2 / floor_median:.1f}x "
        f"(run 2); mean {mean_1 / floor_mean:.1f}x (run 1), {mean_2 / floor_mean:.1f}x (run 2)"
    )
    print(
        f"  ratio verdicts only/floor: median {verdict_median / floor_median:.2f}x, "
        f"mean {verdict_mean / floor_mean:.2f}x"
    )

    disagreements = cross_check(records, library_verdicts, floor_outcomes, lambda index: library(people[index]))

    print("\ngoals (each a multiple of the floor in this run, by the median):")
    for (label, goal), median in zip(GOALS, (min(median_1, median_2), verdict_median), strict=True):
        ratio = median / floor_median
        print(f"  {label}: {ratio:.2f}x the floor, goal {goal:g}x: {'met' if ratio <= goal else 'not met'}")
    json_cost = json_median - min(median_1, median_2)
    print(
        f"  full to_json of a report: {json_cost:.1f} us beyond evaluating it (median), goal {TO_JSON_GOAL_US:g} us: "
        f"{'met' if json_cost <= TO_JSON_GOAL_US else 'not met'}"
    )
    if args.keep:
        kept_ratio = keeping(people, library, args.keep)
        print(
            f"  keeping {args.keep:,} reports: {kept_ratio:.2f}x discarding them, goal {KEPT_GOAL:g}x: "
            f"{'met' if kept_ratio <= KEPT_GOAL else 'not met'}"
        )
    return 1 if disagreements else 0


def keeping(people: Sequence[fl.Person], library: Callable[[fl.Person], fl.Report], count: int) -> float:
    """The time of evaluating ``count`` records and keeping every report, over that of discarding each one."""
    chosen = [people[index % len(people)] for index in range(count)]
    gc.collect()
    start = time.perf_counter()
    for person in chosen:
        library(person)
    discarded = time.perf_counter() - start
    gc.collect()
    start = time.perf_counter()
    kept = [library(person) for person in chosen]
    held = time.perf_counter() - start
    print(f"\n{count:,} records: {discarded:.2f} s discarding each report, {held:.2f} s keeping all {len(kept):,}")
    return held / discarded


def cross_check(
    records: Sequence[Record],
    library_verdicts: Sequence[LibraryVerdicts],
    floor_outcomes: Sequence[Verdicts],
    report_of: Callable[[int], fl.Report],
) -> int:
    """Compare every (rule, subject) verdict; print the first disagreements with their reasons; return the count."""
    total = agree = 0
    tally: Counter[tuple[str, str]] = Counter()
    for index, (record, got, expected) in enumerate(zip(records, library_verdicts, floor_outcomes, strict=True)):
        for key in sorted(got.keys() | expected.keys()):
            total += 1
            mine = as_verdict(expected[key]) if key in expected else None
            theirs = got.get(key)
            if theirs is not None:
                tally[key[0], theirs.value] += 1
            if mine is theirs:
                agree += 1
                continue
            if total - agree > SHOWN_DISAGREEMENTS:
                continue
            rule, subject = key
            print(f"\ndisagreement {total - agree}: {record['id']} {rule} [{subject}]")
            print(f"  library: {'(missing)' if theirs is None else theirs.value}")
            print(f"  floor:   {'(missing)' if mine is None else mine.value}")
            print(f"  record:  {json.dumps(record)}")
            if theirs is not None:  # evaluated again: the timed passes keep only the verdicts
                print("  library's reasons:")
                print(indent("\n".join(reason_text(report_of(index).result(rule, subject).reason))))
    print(f"\ncross-check: {agree:,} of {total:,} verdicts agree ({total - agree:,} disagree)")
    print("  the library's verdicts, by rule:")
    for rule in fl.RULE_IDS:
        counts = ", ".join(f"{verdict.value} {tally[rule, verdict.value]:,}" for verdict in fl.Verdict)
        print(f"    {rule:<24} {counts}")
    return total - agree


if __name__ == "__main__":
    sys.exit(main())
