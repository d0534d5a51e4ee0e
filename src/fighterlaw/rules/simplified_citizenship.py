"""``simplified-citizenship``: may the person apply for Russian citizenship by the simplified route on D?

- Presidential Decree No. 690 of 30 Sep 2022 (amended 15 May 2023): foreign citizens (stateless persons too
  from 15 May 2023) who concluded a contract of at least one year during the special military operation, and
  their families. Its statutory basis lapsed on 26 Oct 2023 and Decree No. 10 replaced it on 4 Jan 2024.
- Presidential Decree No. 10 of 4 Jan 2024: foreign citizens and stateless persons who concluded a contract
  during the special military operation or serve under contract during it, or were discharged during it for
  age, health or contract expiry, and their spouses, children and parents. Possibly repealed on 5 Nov 2025.
- Presidential Decree No. 821 of 5 Nov 2025: men aged 18 to 65, foreign or stateless, with a contract of at
  least one year concluded on or after 24 Feb 2022 (or serving on that day), or discharged for age, health or
  contract expiry (proved by the order extract), or found unfit by a commission; their families; citizens of
  Belarus excluded.

``no`` if the person is a Russian citizen on D. Otherwise ``yes`` if any grant in force on D grants it, ``no`` if
none can, ``undetermined`` if it turns on a grant whose validity on D is uncertain or on unknown facts. A person
qualifies directly, or through a spouse, child or parent who qualifies directly under the same grant on D
(whether that member has since become a Russian citizen does not matter). The grants, their dates, categories,
ages, terms and routes are the reading's data; this module implements the kinds of route they combine.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final

from fighterlaw import graph as g
from fighterlaw.facts import Contract, FamilyLink, Person, Relation
from fighterlaw.logic import NO, UNDETERMINED, YES, Reason, Status, Texts, Verdict, all_of, any_of, leaf, weakest
from fighterlaw.planner import RuleGraph
from fighterlaw.rulebook import Reading
from fighterlaw.rulebook._model import (
    ContractRoute,
    DischargedRoute,
    Grant,
    LegalDate,
    Route,
    Segment,
    ServedDuringRoute,
    ServingOnRoute,
    UnfitRoute,
)
from fighterlaw.rules import _law as law
from fighterlaw.rules._common import (
    ContractLabel,
    Day,
    Finding,
    Part,
    Phrases,
    Who,
    active_between,
    active_on,
    citizenship_steps,
    combat_leaf,
    in_force,
    over_time,
    personal_steps,
    russian_on,
    term_at_least,
)
from fighterlaw.rules._eligibility import citizenship_steps as citizenship_graph
from fighterlaw.rules._eligibility import personal_steps as personal_graph
from fighterlaw.rules._people import Combat, RussianOn
from fighterlaw.rules._routes import DischargeDate, DischargeGrounds_, RouteContract, ServingAtStart, Stated

__all__ = ["RULE", "graph", "may_apply_for_citizenship"]

RULE = "simplified-citizenship"

_ROOT: Final = Texts(
    "The person may apply for Russian citizenship by the simplified route on {0}.",
    "The person may not apply for Russian citizenship by the simplified route on {0}.",
    "Whether the person may apply for Russian citizenship by the simplified route on {0} is undetermined.",
)
_NOT_RUSSIAN: Final = Texts(
    "The person is not a Russian citizen on {0}.",
    "The person is already a Russian citizen on {0}.",
    "Whether the person is already a Russian citizen on {0} is not known (naturalised {1:when}).",
)
_ANY_GRANT: Final = Texts(
    "A grant in force on {0} gives the person the simplified route.",
    "No grant in force on {0} gives the person the simplified route.",
    "Whether a grant in force on {0} gives the person the simplified route is undetermined.",
)
_GRANT: Final = Texts(
    "{0} gives the person the simplified route on {1}.",
    "{0} does not give the person the simplified route on {1}.",
    "Whether {0} gives the person the simplified route on {1} is undetermined.",
)
_QUALIFIES: Final = Texts(
    "The person qualifies under {0}, directly or through family.",
    "The person qualifies under {0} neither directly nor through a family member.",
    "Whether the person qualifies under {0} is undetermined.",
)
_DIRECTLY: Final = Texts(
    "The person qualifies directly.",
    "The person does not qualify directly.",
    "Whether the person qualifies directly is undetermined.",
)
_RELATION: Final = Texts(
    "The {0} (family[{1}]) is family the grant extends to.",
    "The grant does not extend to a {0} (family[{1}]).",
    "Whether the grant extends to a {0} (family[{1}]) is not known.",
)
_THROUGH: Final = Texts(
    "The person qualifies through the {0} (family[{1}].member), who qualifies directly.",
    "The person does not qualify through the {0} (family[{1}].member).",
    "Whether the person qualifies through the {0} (family[{1}].member) is undetermined.",
)
_ROUTES: Final = Texts(
    "{0} meets a route of the grant.",
    "{0} meets no route of the grant.",
    "Whether {1} meets a route is undetermined.",
)
_ROUTE: Final = Texts(
    "The route through {0} applies.",
    "The route through {0} does not apply.",
    "Whether the route through {0} applies is undetermined.",
)
_THROUGH_KIND: Final = {
    "contract": "a contract",
    "serving-on": "service under an earlier contract",
    "served-during": "service",
    "discharged": "a discharge",
    "unfit": "unfitness for service",
}
_OPEN: Final = Texts(
    "This route is open on {0}: it opened {1:when}.",
    "This route is not yet open on {0}: it opened {1:when}.",
    "Whether this route is open on {0} is unsettled: it opened {1:when}.",
)
_CONTRACTS: Final = Texts(
    "{0} has a contract that meets this route.",
    "{0} has no contract that meets this route.",
    "Whether {1} has a contract that meets this route is undetermined.",
)
_SERVING_AT: Final = Texts(
    "{0} was serving on {2} under an earlier contract.",
    "{0} was not serving on {2} under an earlier contract.",
    "Whether {1} was serving on {2} under an earlier contract is undetermined.",
)
_SERVED_DURING: Final = Texts(
    "{0} served under contract at some time from {2} to {3}.",
    "{0} did not serve under contract at any time from {2} to {3}.",
    "Whether {1} served under contract at some time from {2} to {3} is undetermined.",
)
_GROUNDS: Final = Texts(
    "The grounds of discharge ({0}) are among those required ({1}).",
    "The grounds of discharge ({0}) are not among those required ({1}).",
    "The grounds of discharge are not known; required: {1}.",
)
_PROOF: Final = Texts(
    "{0} holds the extract of the discharge order, the required proof.",
    "{0} does not hold the extract of the discharge order, the required proof.",
    "Whether {1} holds the extract of the discharge order, the required proof, is not known.",
)
_RULING: Final = Texts(
    "{0} holds a commission decision of unfitness for service, taken {2:when}.",
    "{0}'s commission decision of unfitness comes only after {1}.",
    "Whether {0}'s commission decision of unfitness ({2}) was taken by {1} is not known.",
)

# The parts of a sentence about a contract or a discharge; their phrases are templates over
# (the day, the route's date, the minimum term).
_SIGNED_BY: Final = ("", "signed after {0}", "it may have been signed after {0}")
_SIGNED_SINCE: Final = ("signed on or after {1}", "signed before {1}", "it may have been signed before {1}")
_TERM: Final = (
    "a term of at least {2} months",
    "a term under {2} months",
    "its term is not known to be at least {2} months",
)
_EARLIER: Final = ("signed before {1}", "signed on or after {1}", "it may have been signed on or after {1}")
_IN_FORCE_ON: Final = (
    "in force on {1}",
    "not in force on {1}",
    "whether it was in force on {1} is not known",
)
_IN_FORCE_DURING: Final = (
    "in force at some time from {1} to {0}",
    "not in force at any time from {1} to {0}",
    "whether it was in force at some time from {1} to {0} is not known",
)
_DISCHARGED_BY: Final = (
    "discharged {3:when}",
    "discharged only after {0}",
    "it may have taken effect after {0}",
)
_DISCHARGED_SINCE: Final = ("on or after {1}", "before {1}", "it may have been before {1}")


def _part(verdict: Verdict, said: tuple[str, str, str]) -> Part:
    return (verdict, *said)


def may_apply_for_citizenship(person: Person, on: date, reading: Reading) -> list[Finding]:
    """Whether the person may apply for citizenship by the simplified route on ``on``, under ``reading``."""
    day = Day.of(reading, on)
    who = Who.applicant(person)
    russian, missing = russian_on(who, on)
    not_russian = leaf("not-russian", ~russian, _NOT_RUSSIAN.pick(~russian), on, person.naturalised, missing=missing)
    grants = [_grant(day, who, key, grant) for key, grant in reading.rules.simplified_citizenship.grants.items()]
    steps = [not_russian, any_of("simplified-route", _ANY_GRANT, grants, on)]
    return [Finding("person", all_of(RULE, _ROOT, steps, on))]


def _grant(day: Day, who: Who, key: str, grant: Grant) -> Reason:
    """Whether one grant, if in force on the day, gives the person the simplified route."""
    title = grant.title
    force = in_force(day, f"{key}-in-force", title, grant.instrument, grant.start, grant.end, pinpoint=grant.pinpoint)
    steps = [force]
    if force.verdict is not NO:
        applicant = citizenship_steps(day, who, grant, prefix=f"{key}-")
        steps.extend(applicant)
        if all(step.verdict is not NO for step in applicant):
            ways = [_directly(day, who, key, grant)]
            if grant.family:
                ways.extend(_through_family(day, who, key, grant, index) for index in range(len(who.person.family)))
            steps.append(any_of(f"{key}-qualifies", _QUALIFIES, ways, title, provision=grant.instrument))
    return all_of(key, _GRANT, steps, title, day.on, provision=grant.instrument, pinpoint=grant.pinpoint)


def _directly(day: Day, who: Who, key: str, grant: Grant) -> Reason:
    """The principal route: the person qualifies by their own sex, age and service."""
    steps = [*personal_steps(day, who, grant, prefix=f"{key}-"), _routes(day, who, key, grant)]
    return all_of(f"{key}-principal", _DIRECTLY, steps, provision=grant.instrument)


def _through_family(day: Day, who: Who, key: str, grant: Grant, index: int) -> Reason:
    """The family route: a spouse, child or parent qualifies directly under the same grant on the day."""
    link = who.person.family[index]
    relation = link.relation.value
    related = Verdict.of(link.relation in grant.family)
    steps = [
        leaf(
            f"{key}-family-relation",
            related,
            _RELATION.pick(related),
            relation,
            index,
            provision=grant.instrument,
        )
    ]
    if related is not NO:
        member = Who(link.member, f"family[{index}].member.", f"The {relation} (family[{index}].member)")
        prefix = f"{key}-member-"
        steps.extend(citizenship_steps(day, member, grant, prefix=prefix, original=True))
        steps.extend(personal_steps(day, member, grant, prefix=prefix))
        steps.append(_routes(day, member, f"{key}-member", grant))
    return all_of(f"{key}-family", _THROUGH, steps, relation, index, provision=grant.instrument)


def _routes(day: Day, who: Who, key: str, grant: Grant) -> Reason:
    routes = [_route(day, who, f"{key}-{name}", route, grant) for name, route in grant.routes.items()]
    return any_of(f"{key}-routes", _ROUTES, routes, who.label, who.named, provision=grant.instrument)


def _route(day: Day, who: Who, code: str, route: Route, grant: Grant) -> Reason:
    """One route: when it opened, whether it requires combat, and the service it requires."""
    steps: list[Reason] = []
    if route.available_from is not None:
        opened = route.available_from.date.on_or_before(day.on)
        steps.append(
            leaf(
                f"{code}-open",
                opened,
                _OPEN.pick(opened),
                day.on,
                route.available_from.date,
                provision=grant.instrument,
                status=route.available_from.status,
                unsettled=(route.available_from.of or f"{code}.available-from",),
            )
        )
    if route.combat_required:
        steps.append(combat_leaf(who, f"{code}-combat", provision=grant.instrument, status=grant.status))
    match route:
        case ContractRoute():
            steps.append(_contract(day, who, code, route, grant))
        case ServingOnRoute():
            steps.append(_serving_on(who, code, route, grant))
        case ServedDuringRoute():
            steps.append(_served_during(day, who, code, route, grant))
        case DischargedRoute():
            steps.extend(_discharged(day, who, code, route, grant))
        case UnfitRoute():
            steps.append(_unfit(day, who, code, grant))
    if len(steps) == 1:
        return steps[0]
    return all_of(code, _ROUTE, steps, _THROUGH_KIND[route.kind], provision=grant.instrument, pinpoint=route.pinpoint)


def _contract(day: Day, who: Who, code: str, route: ContractRoute, grant: Grant) -> Reason:
    """A contract signed by the day, on or after the route's date, of at least the route's term."""
    since = route.signed_since

    def when(index: int, contract: Contract) -> tuple[list[Part], tuple[str, ...]]:
        signed_by = contract.signed.on_or_before(day.on)
        parts = [_part(signed_by, _SIGNED_BY)]
        signed_since = YES
        if since is not None:
            signed_since = contract.signed.on_or_after(since.date)
            parts.append(_part(signed_since, _SIGNED_SINCE))
        signed_open = UNDETERMINED in (signed_by, signed_since)
        return parts, ((f"{who.prefix}contracts[{index}].signed",) if signed_open else ())

    return _contracts(day, who, code, route, grant, since, when, _CONTRACTS, (who.label, who.named))


def _contracts(
    day: Day,
    who: Who,
    code: str,
    route: ContractRoute | ServedDuringRoute,
    grant: Grant,
    since: LegalDate | None,
    when: Callable[[int, Contract], tuple[list[Part], tuple[str, ...]]],
    texts: Texts,
    args: tuple[object, ...],
) -> Reason:
    """Any contract that meets a route.

    ``when`` gives the route's own conditions on a contract (its parts of the sentence, and the paths that would
    decide them); the route's minimum term in effect on the day is added where the route sets one.
    """
    open_months, open_status = day.open_term_months()

    def build(minimum: Segment[int | None] | None) -> Reason:
        months = None if minimum is None else minimum.value
        steps: list[Reason] = []
        for index, contract in enumerate(who.person.contracts):
            parts, missing = when(index, contract)
            if months is not None:
                long_enough = term_at_least(contract, months, open_months)
                parts.append(_part(long_enough, _TERM))
                if long_enough is UNDETERMINED:
                    missing = (*missing, f"{who.prefix}contracts[{index}].term_months")
            phrases = Phrases(ContractLabel(who, index), parts, day.on, None if since is None else since.date, months)
            steps.append(
                leaf(
                    f"{code}-contract",
                    phrases.verdict,
                    "{0}",
                    phrases,
                    provision=grant.instrument if minimum is None else minimum.provision,
                    status=_relied(grant, since, minimum, contract, open_status),
                    missing=missing,
                )
            )
        return any_of(code, texts, steps, *args, provision=grant.instrument, pinpoint=route.pinpoint)

    if route.min_term_months is None:
        return build(None)
    return over_time(day, route.min_term_months, build, code, "The minimum term of the contract")


def _relied(
    grant: Grant, since: LegalDate | None, minimum: Segment[int | None] | None, contract: Contract, open_status: Status
) -> Status | None:
    """What a contract's step relies on: the grant's text, the route's date and the minimum term.

    An open term measured against a minimum relies also on what an open term counts as.
    """
    measured = minimum is not None and minimum.value is not None
    counted_open = open_status if contract.term_months == "open" and measured else None
    return weakest(
        (
            grant.status,
            None if since is None else since.status,
            None if minimum is None else minimum.status,
            counted_open,
        )
    )


def _serving_on(who: Who, code: str, route: ServingOnRoute, grant: Grant) -> Reason:
    """Serving on the route's day under a contract signed before it."""
    start = route.on.date
    steps: list[Reason] = []
    for index, contract in enumerate(who.person.contracts):
        earlier = contract.signed.before(start)
        active, missing = active_on(who, index, start)
        phrases = Phrases(
            ContractLabel(who, index), [_part(earlier, _EARLIER), _part(active, _IN_FORCE_ON)], None, start
        )
        if earlier is UNDETERMINED:
            missing = (f"{who.prefix}contracts[{index}].signed", *missing)
        steps.append(
            leaf(
                f"{code}-contract",
                phrases.verdict,
                "{0}",
                phrases,
                provision=grant.instrument,
                status=weakest((grant.status, route.on.status)),
                missing=missing,
            )
        )
    return any_of(
        code,
        _SERVING_AT,
        steps,
        who.label,
        who.named,
        start,
        provision=grant.instrument,
        pinpoint=route.pinpoint,
    )


def _served_during(day: Day, who: Who, code: str, route: ServedDuringRoute, grant: Grant) -> Reason:
    """Having served under contract at some time from the route's date to the day."""
    since = route.since

    def when(index: int, contract: Contract) -> tuple[list[Part], tuple[str, ...]]:
        active, missing = active_between(who, index, since.date, day.on)
        return [_part(active, _IN_FORCE_DURING)], missing

    args = (who.label, who.named, since.date, day.on)
    return _contracts(day, who, code, route, grant, since, when, _SERVED_DURING, args)


def _discharged(day: Day, who: Who, code: str, route: DischargedRoute, grant: Grant) -> list[Reason]:
    """A discharge on the route's grounds, since its date, proved by the order extract where required."""
    discharge = who.person.discharge
    if discharge is None:
        return [
            leaf(
                f"{code}-discharge",
                NO,
                "{0} has no discharge recorded.",
                who.label,
                provision=grant.instrument,
            )
        ]
    on = day.on
    since = route.since
    dated = discharge.date.on_or_before(on)
    parts = [_part(dated, _DISCHARGED_BY)]
    if since is not None:
        parts.append(_part(discharge.date.on_or_after(since.date), _DISCHARGED_SINCE))
    phrases = Phrases(
        f"{who.label}'s discharge", parts, on, None if since is None else since.date, None, discharge.date
    )
    steps = [
        leaf(
            f"{code}-date",
            phrases.verdict,
            "{0}",
            phrases,
            provision=grant.instrument,
            status=weakest((grant.status, None if since is None else since.status)),
            missing=(who.path("discharge.date"),),
        )
    ]
    grounds = discharge.grounds
    verdict = UNDETERMINED if grounds is None else Verdict.of(grounds in route.grounds)
    steps.append(
        leaf(
            f"{code}-grounds",
            verdict,
            _GROUNDS.pick(verdict),
            grounds,
            ", ".join(sorted(route.grounds)),
            provision=grant.instrument,
            status=grant.status,
            missing=(who.path("discharge.grounds"),),
        )
    )
    if route.proof_required:
        proof = Verdict.of(discharge.order_extract)
        steps.append(
            leaf(
                f"{code}-proof",
                proof,
                _PROOF.pick(proof),
                who.label,
                who.named,
                provision=grant.instrument,
                status=grant.status,
                missing=(who.path("discharge.order_extract"),),
            )
        )
    return steps


def _unfit(day: Day, who: Who, code: str, grant: Grant) -> Reason:
    """A commission decision of unfitness for service, taken by the day."""
    ruling = who.person.unfitness_ruling
    if ruling is None:
        verdict = NO
        template = "{0} holds no commission decision of unfitness for service."
    else:
        verdict = ruling.date.on_or_before(day.on)
        template = _RULING.pick(verdict)
    return leaf(
        f"{code}-ruling",
        verdict,
        template,
        who.label,
        day.on,
        None if ruling is None else ruling.date,
        provision=grant.instrument,
        status=grant.status,
        missing=(who.path("unfitness_ruling.date"),),
    )


# --- the question as a graph ----------------------------------------------------------------------------------------

_NO_DISCHARGE: Final = Texts("{0} has no discharge recorded.", "{0} has no discharge recorded.", "")
_NO_RULING: Final = Texts(
    "{0} holds no commission decision of unfitness for service.",
    "{0} holds no commission decision of unfitness for service.",
    "",
)


def graph(reading: Reading) -> RuleGraph:
    """The question's graph under ``reading``: not a Russian citizen, and some grant in force gives the route."""
    grants = [_grant_graph(reading, key, grant) for key, grant in reading.rules.simplified_citizenship.grants.items()]
    not_russian = RussianOn("not-russian", _NOT_RUSSIAN, negated=True)
    steps = [not_russian, g.AnyOf("simplified-route", _ANY_GRANT, grants, args=_on)]
    return RuleGraph(RULE, g.All(RULE, _ROOT, steps, args=_on))


def _on(ctx: g.Context) -> tuple[object, ...]:
    return (ctx.day,)


def _label(ctx: g.Context) -> tuple[object, ...]:
    return (ctx.who.label, ctx.who.named)


def _grant_graph(reading: Reading, key: str, grant: Grant) -> g.Node:
    """Whether one grant, if in force on the day, gives the person the simplified route."""
    title = grant.title
    force = law.in_force(f"{key}-in-force", title, grant.instrument, grant.start, grant.end, pinpoint=grant.pinpoint)
    applicant = citizenship_graph(grant, prefix=f"{key}-")
    ways: list[g.Node] = [_directly_graph(reading, key, grant)]
    if grant.family:
        ways.append(g.Each("family", _family_graph(reading, key, grant), member=_member))
    qualifies = g.AnyOf(f"{key}-qualifies", _QUALIFIES, ways, args=lambda ctx: (title,), provision=grant.instrument)
    children: list[g.Node | g.Child] = [force]
    children.extend(g.Child(step, after=(0,)) for step in applicant)
    children.append(g.Child(qualifies, after=tuple(range(len(applicant) + 1))))
    return g.All(
        key, _GRANT, children, args=lambda ctx: (title, ctx.day), provision=grant.instrument, pinpoint=grant.pinpoint
    )


def _member(who: g.Who, index: int, link: FamilyLink) -> g.Who:
    relation = link.relation.value
    return g.Who(link.member, f"family[{index}].member.", f"The {relation} (family[{index}].member)")


def _directly_graph(reading: Reading, key: str, grant: Grant) -> g.Node:
    """The principal route: the person qualifies by their own sex, age and service."""
    steps = [*personal_graph(grant, prefix=f"{key}-"), _routes_graph(reading, key, grant)]
    return g.All(f"{key}-principal", _DIRECTLY, steps, provision=grant.instrument)


def _family_graph(reading: Reading, key: str, grant: Grant) -> g.Node:
    """The family route: a spouse, child or parent qualifies directly under the same grant on the day."""
    related = _Related(f"{key}-family-relation", grant.family, grant.instrument)
    prefix = f"{key}-member-"
    member = [
        *citizenship_graph(grant, prefix=prefix, original=True),
        *personal_graph(grant, prefix=prefix),
        _routes_graph(reading, f"{key}-member", grant),
    ]
    children: list[g.Node | g.Child] = [related, *(g.Child(step, after=(0,)) for step in member)]
    return g.All(
        f"{key}-family",
        _THROUGH,
        children,
        args=lambda ctx: (ctx.item.relation.value, ctx.index),
        provision=grant.instrument,
    )


@dataclass(frozen=True)
class _Related(g.Leaf):
    """The family link's relation is one the grant extends to."""

    code: str
    family: frozenset[Relation]
    provision: str

    def compute(self, gen: g.Gen, who: str, out: str, item: str | None, parts: Sequence[str]) -> None:
        family = gen.const("FAMILY", self.family)
        gen.line(f"{out} = YES if {item}.relation in {family} else NO")

    def explain(self, ctx: g.Context, verdict: Verdict, parts: Sequence[Verdict]) -> Reason:
        return leaf(
            self.code, verdict, _RELATION.pick(verdict), ctx.item.relation.value, ctx.index, provision=self.provision
        )


def _routes_graph(reading: Reading, key: str, grant: Grant) -> g.Node:
    routes = [_route_graph(reading, f"{key}-{name}", route, grant) for name, route in grant.routes.items()]
    return g.AnyOf(f"{key}-routes", _ROUTES, routes, args=_label, provision=grant.instrument)


def _route_graph(reading: Reading, code: str, route: Route, grant: Grant) -> g.Node:
    """One route: when it opened, whether it requires combat, and the service it requires."""
    static: list[g.Node] = []
    if route.available_from is not None:
        static.append(law.route_open(code, route.available_from, grant.instrument))
    if route.combat_required:
        static.append(Combat(f"{code}-combat", grant.instrument, grant.status))

    def whole(steps: list[g.Node]) -> g.Node:
        if len(steps) == 1:
            return steps[0]
        kind = _THROUGH_KIND[route.kind]
        return g.All(code, _ROUTE, steps, args=lambda ctx: (kind,), provision=grant.instrument, pinpoint=route.pinpoint)

    match route:
        case ContractRoute():
            return whole([*static, _contracts_graph(reading, code, route, grant, route.signed_since, "contract")])
        case ServedDuringRoute():
            return whole([*static, _contracts_graph(reading, code, route, grant, route.since, "served-during")])
        case ServingOnRoute():
            return whole([*static, _serving_on_graph(code, route, grant)])
        case DischargedRoute():
            return g.Present(
                "discharge",
                absent=whole([*static, _absent(f"{code}-discharge", _NO_DISCHARGE, grant, None)]),
                present=whole([*static, *_discharged_graph(code, route, grant)]),
            )
        case UnfitRoute():
            ruling = Stated(
                f"{code}-ruling",
                _RULING,
                _ruling,
                provision=grant.instrument,
                status=grant.status,
                date="unfitness_ruling.date",
                missing="unfitness_ruling.date",
            )
            absent = _absent(f"{code}-ruling", _NO_RULING, grant, grant.status)
            return whole([*static, g.Present("unfitness_ruling", absent=absent, present=ruling)])


def _ruling(ctx: g.Context) -> tuple[object, ...]:
    ruling = ctx.who.person.unfitness_ruling
    return (ctx.who.label, ctx.day, None if ruling is None else ruling.date)


def _absent(code: str, texts: Texts, grant: Grant, status: Status | None) -> g.Node:
    return Stated(
        code, texts, lambda ctx: (ctx.who.label, ctx.day, None), provision=grant.instrument, status=status, verdict=NO
    )


def _contracts_graph(
    reading: Reading,
    code: str,
    route: ContractRoute | ServedDuringRoute,
    grant: Grant,
    since: LegalDate | None,
    kind: str,
) -> g.Node:
    """Any contract that meets a route, under the route's minimum term in effect on the day where it sets one."""
    constant = reading.constants["open-term-months"]
    texts = _CONTRACTS if kind == "contract" else _SERVED_DURING
    if kind == "contract":
        args: Callable[[g.Context], tuple[object, ...]] = _label
    else:
        start = None if since is None else since.date
        args = lambda ctx: (ctx.who.label, ctx.who.named, start, ctx.day)  # noqa: E731 - a sentence's arguments

    def build(minimum: Segment[int | None] | None) -> g.Node:
        each = RouteContract(
            f"{code}-contract", kind, since, minimum, grant.instrument, grant.status, constant.value, constant.status
        )
        return g.AnyOf(
            code, texts, [g.Each("contracts", each)], args=args, provision=grant.instrument, pinpoint=route.pinpoint
        )

    if route.min_term_months is None:
        return build(None)
    return law.over_time(route.min_term_months, build, code, "The minimum term of the contract")


def _serving_on_graph(code: str, route: ServingOnRoute, grant: Grant) -> g.Node:
    """Serving on the route's day under a contract signed before it."""
    start = route.on.date
    each = ServingAtStart(f"{code}-contract", route.on, grant.instrument, grant.status)
    return g.AnyOf(
        code,
        _SERVING_AT,
        [g.Each("contracts", each)],
        args=lambda ctx: (ctx.who.label, ctx.who.named, start),
        provision=grant.instrument,
        pinpoint=route.pinpoint,
    )


def _discharged_graph(code: str, route: DischargedRoute, grant: Grant) -> list[g.Node]:
    """A discharge on the route's grounds, since its date, proved by the order extract where required."""
    steps: list[g.Node] = [
        DischargeDate(f"{code}-date", route.since, grant.instrument, grant.status),
        DischargeGrounds_(f"{code}-grounds", route.grounds, grant.instrument, grant.status),
    ]
    if route.proof_required:
        steps.append(
            Stated(
                f"{code}-proof",
                _PROOF,
                _label,
                provision=grant.instrument,
                status=grant.status,
                fact="discharge.order_extract",
                missing="discharge.order_extract",
            )
        )
    return steps
