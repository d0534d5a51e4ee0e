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

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from fighterlaw import graph as g
from fighterlaw.facts import FamilyLink, Relation
from fighterlaw.logic import NO, Reason, Status, Texts, Verdict, leaf
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
from fighterlaw.rules._eligibility import citizenship_steps, personal_steps
from fighterlaw.rules._people import Combat, RussianOn
from fighterlaw.rules._routes import DischargeDate, DischargeGrounds_, RouteContract, ServingAtStart, Stated

__all__ = ["RULE", "graph"]

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
    repeal = law.repeal_of(reading, grant.instrument)
    force = law.in_force(
        f"{key}-in-force", title, grant.instrument, grant.start, grant.end, pinpoint=grant.pinpoint, repeal=repeal
    )
    # Whether an excluded nationality bars an applicant with family links may be less sure than the exclusion itself
    # (Decree No. 821's Belarus exclusion on the family route is plausible): the exclusion then relies on that too.
    exclusion = grant.family_exclusion
    family_status = exclusion.status if exclusion is not None and grant.family else None
    applicant = citizenship_steps(grant, prefix=f"{key}-", family_status=family_status)
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
    steps = [*personal_steps(grant, prefix=f"{key}-"), _routes_graph(reading, key, grant)]
    return g.All(f"{key}-principal", _DIRECTLY, steps, provision=grant.instrument)


def _family_graph(reading: Reading, key: str, grant: Grant) -> g.Node:
    """The family route: a spouse, child or parent qualifies directly under the same grant on the day."""
    weaker = {
        relation: point.status for relation, point in grant.relatives.items() if point.status.rank > grant.status.rank
    }
    related = _Related(f"{key}-family-relation", grant.family, grant.instrument, weaker)
    prefix = f"{key}-member-"
    member = [
        *citizenship_steps(grant, prefix=prefix, original=True),
        *personal_steps(grant, prefix=prefix),
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
    """The family link's relation is one the grant extends to, as sure as the sources for that relation are."""

    reads = ()  # the relation is always known

    code: str
    family: frozenset[Relation]
    provision: str
    weaker: Mapping[Relation, Status]
    """The relations whose sources are weaker than the grant's own (Decree No. 821's parents), with their status."""

    def compute(self, gen: g.Gen, who: str, out: str, item: str | None, parts: Sequence[str]) -> None:
        family = gen.const("FAMILY", self.family)
        gen.line(f"{out} = YES if {item}.relation in {family} else NO")

    def vector(self, v: g.Ops, who: g.Rows, item: g.Rows) -> g.Column:
        return v.where(item.isin("relation", self.family), v.YES, v.NO)

    def vector_status(self, v: g.Ops, who: g.Rows, item: g.Rows, verdicts: g.Column) -> g.Column:
        ranks = {relation: v.rank(status) for relation, status in self.weaker.items()}
        by_relation = v.lookup_rank(item, "relation", ranks)
        return v.where(verdicts != v.NO, by_relation, v.rank(None))  # a relation not covered relies on nothing

    def explain(self, ctx: g.Context, verdict: Verdict, parts: Sequence[Verdict]) -> Reason:
        relation = ctx.item.relation
        return leaf(
            self.code,
            verdict,
            _RELATION.pick(verdict),
            relation.value,
            ctx.index,
            provision=self.provision,
            status=self.weaker.get(relation) if verdict is not NO else None,
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
