"""Three-valued verdicts, source statuses and the combinators that build reason trees."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fighterlaw import Status, Verdict
from fighterlaw.logic import Texts, agreement, all_of, any_of, branch, cases, leaf, negate, strongest, weakest

YES, NO, U = Verdict.YES, Verdict.NO, Verdict.UNDETERMINED
TEXTS = Texts("yes", "no", "undetermined")

# Kleene's strong logic, written out: None stands for "unknown".
TRUTH = {YES: True, NO: False, U: None}


def kleene_and(a, b):
    if a is False or b is False:
        return False
    return None if a is None or b is None else True


def kleene_or(a, b):
    if a is True or b is True:
        return True
    return None if a is None or b is None else False


@pytest.mark.parametrize(("a", "b"), list(itertools.product(Verdict, Verdict)))
def test_and_and_or_are_kleene_s(a, b):
    """A no in an and, or a yes in an or, decides whatever the unknowns."""
    assert TRUTH[a & b] == kleene_and(TRUTH[a], TRUTH[b])
    assert TRUTH[a | b] == kleene_or(TRUTH[a], TRUTH[b])


def test_not_keeps_the_unknown_unknown():
    """Not yes is no, not no is yes, not unknown is unknown."""
    assert (~YES, ~NO, ~U) == (NO, YES, U)


def test_a_verdict_cannot_pass_for_a_bool():
    """A verdict used as a condition raises, so an unknown can never silently be false."""
    with pytest.raises(TypeError) as caught:
        bool(U)
    assert str(caught.value) == (
        "a Verdict has three values; compare it with Verdict.YES, Verdict.NO or Verdict.UNDETERMINED"
    )


def test_verdicts_of_facts():
    """A known fact is yes or no; an unknown one is undetermined."""
    assert (Verdict.of(True), Verdict.of(False), Verdict.of(None)) == (YES, NO, U)
    assert YES.decided and NO.decided and not U.decided


def test_statuses_run_from_confirmed_to_reported_and_an_assumption_is_weaker_than_any_source():
    """Confirmed is the strongest source and reported the weakest; a fact the user assumed is weaker still."""
    assert [status.value for status in Status] == ["confirmed", "plausible", "derived", "reported", "assumed"]
    assert [status.rank for status in Status] == [0, 1, 2, 3, 4]
    assert weakest([Status.REPORTED, Status.ASSUMED, Status.CONFIRMED]) is Status.ASSUMED
    assert weakest([Status.CONFIRMED, None, Status.DERIVED]) is Status.DERIVED
    assert strongest([Status.PLAUSIBLE, Status.CONFIRMED]) is Status.CONFIRMED
    assert strongest([Status.PLAUSIBLE, None]) is None
    assert weakest([]) is None


def step(verdict, status=None, code="x"):
    return leaf(code, verdict, "{0}", verdict.value, provision="p", status=status)


def test_a_yes_and_relies_on_its_weakest_part():
    """Every part of a yes conjunction is needed, so it is as weak as its weakest part."""
    both = all_of("a", TEXTS, [step(YES, Status.CONFIRMED), step(YES, Status.DERIVED)])
    assert both.verdict is YES
    assert both.reliance() is Status.DERIVED


def test_a_no_and_relies_on_its_strongest_no():
    """Any one no decides a conjunction, so it is as strong as the strongest no."""
    both = all_of("a", TEXTS, [step(NO, Status.REPORTED), step(NO, Status.CONFIRMED), step(YES, Status.REPORTED)])
    assert both.verdict is NO
    assert both.reliance() is Status.CONFIRMED
    assert [child.verdict for child in both.decisive()] == [NO, NO]


def test_a_yes_or_relies_on_its_strongest_yes():
    """Any one yes decides a disjunction."""
    either = any_of("o", TEXTS, [step(YES, Status.REPORTED), step(YES, Status.PLAUSIBLE), step(NO, Status.REPORTED)])
    assert either.verdict is YES
    assert either.reliance() is Status.PLAUSIBLE


def test_an_empty_or_grants_nothing():
    """With nothing that could grant it, the answer is no."""
    assert any_of("o", TEXTS, []).verdict is NO
    assert all_of("a", TEXTS, []).verdict is YES


def test_open_facts_come_only_from_undetermined_steps():
    """Missing facts are reported only where they leave the verdict open."""
    known = leaf("k", YES, "k", missing=("x",))
    unknown = leaf("u", U, "u", missing=("y",), unsettled=("point",))
    assert known.missing == ()
    tree = all_of("a", TEXTS, [known, unknown])
    assert tree.open_facts() == ("y",)
    assert tree.open_points() == ("point",)
    decided = any_of("o", TEXTS, [step(YES), unknown])
    assert decided.open_facts() == ()


def test_a_case_split_is_sharper_than_an_or_of_ands():
    """If the law changed on an uncertain day but both versions agree, the answer is known."""
    maybe_old = leaf("old", U, "old applies?")
    maybe_new = leaf("new", U, "new applies?")
    agree = cases("c", TEXTS, [branch(maybe_old, step(YES)), branch(maybe_new, step(YES))])
    kleene = any_of(
        "o", TEXTS, [all_of("a", TEXTS, [maybe_old, step(YES)]), all_of("a", TEXTS, [maybe_new, step(YES)])]
    )
    assert agree.verdict is YES
    assert kleene.verdict is U
    differ = cases("c", TEXTS, [branch(maybe_old, step(YES)), branch(maybe_new, step(NO))])
    assert differ.verdict is U


def test_a_case_that_cannot_apply_does_not_count():
    """Only cases that may apply take part in the answer."""
    ruled_out = leaf("old", NO, "old does not apply")
    applies = leaf("new", YES, "new applies")
    assert cases("c", TEXTS, [branch(ruled_out, step(NO)), branch(applies, step(YES))]).verdict is YES
    with pytest.raises(AssertionError, match="exhaustive"):
        cases("c", TEXTS, [branch(ruled_out, step(YES))])


def test_agreement_names_the_disagreement():
    """Readings that disagree leave the verdict undetermined and name the point."""
    split = agreement("r", TEXTS, [step(YES), step(NO)], point="readings")
    assert split.verdict is U
    assert split.open_points() == ("readings",)
    open_only = agreement("r", TEXTS, [step(YES), leaf("u", U, "u", missing=("combat",))], point="readings")
    assert open_only.open_points() == ()
    assert open_only.open_facts() == ("combat",)
    assert agreement("r", TEXTS, [step(NO), step(NO)], point="readings").verdict is NO


def test_negation_builds_a_node():
    """Unless in the law stays unless in the tree."""
    unless = negate("n", TEXTS, step(YES, Status.PLAUSIBLE))
    assert unless.verdict is NO
    assert unless.reliance() is Status.PLAUSIBLE
    assert unless.combinator == "not"


verdicts = st.sampled_from(list(Verdict))


@given(st.lists(verdicts, max_size=6))
def test_all_of_and_any_of_fold_kleene(values):
    """The n-ary combinators agree with folding the binary operators."""
    steps = [step(value) for value in values]
    conj, disj = YES, NO
    for value in values:
        conj, disj = conj & value, disj | value
    assert all_of("a", TEXTS, steps).verdict is conj
    assert any_of("o", TEXTS, steps).verdict is disj


def test_reasons_serialise_with_their_citations():
    """A reason's dict carries code, text, verdict, provision, pinpoint, status and children."""
    tree = all_of("a", Texts("all {0}", "none", "?"), [step(YES, Status.CONFIRMED)], "good", provision="law")
    data = tree.to_dict()
    assert data["text"] == "all good"
    assert data["provision"] == "law"
    assert data["because"][0]["status"] == "confirmed"
    assert tree.provisions() == ("law", "p")
    assert "all good" in repr(tree)


def cited(code: str, verdict: Verdict) -> Any:
    return leaf(code, verdict, code, provision="law-1", pinpoint="item 1", status=Status.PLAUSIBLE)


COMBINATORS = [
    pytest.param(lambda **c: all_of("n", TEXTS, [step(YES)], **c), id="all of"),
    pytest.param(lambda **c: any_of("n", TEXTS, [step(YES)], **c), id="any of"),
    pytest.param(lambda **c: negate("n", TEXTS, step(NO), **c), id="not"),
    pytest.param(lambda **c: cases("n", TEXTS, [branch(step(YES), step(YES))], **c), id="cases"),
]


@pytest.mark.parametrize("make", COMBINATORS)
def test_a_combined_step_cites_what_it_is_given(make):
    """Every combinator keeps the provision, the pinpoint and the status it is given, and shows them."""
    node = make(provision="law-2", pinpoint="art. 2", status=Status.DERIVED)
    assert (node.provision, node.pinpoint, node.status) == ("law-2", "art. 2", Status.DERIVED)
    assert node.to_dict()["provision"] == "law-2"
    bare = make()
    assert (bare.provision, bare.pinpoint, bare.status) == (None, None, None)


def test_a_case_reads_as_its_answer_and_cites_its_answer_s_provision():
    """One case of a split says whether it applies, then its answer, and cites what the answer cites."""
    applies = branch(step(YES), cited("answer", NO))
    assert applies.text == "This case applies: answer"
    assert (applies.code, applies.verdict, applies.provision, applies.pinpoint) == ("answer", NO, "law-1", "item 1")
    assert applies.combinator == "case"
    maybe = branch(step(U), leaf("x", YES, "The value applies."))
    assert maybe.text == "If this case applies: the value applies."
    assert maybe.to_dict()["text"] == maybe.text


def test_a_split_rests_on_the_cases_that_may_apply():
    """A case split's verdict rests on every case that may apply, and on no case ruled out."""
    ruled_out = branch(step(NO), cited("old", YES))
    maybe_a, maybe_b = branch(step(U), cited("a", NO)), branch(step(YES), cited("b", YES))
    split = cases("c", TEXTS, [ruled_out, maybe_a, maybe_b])
    assert split.verdict is U
    assert split.decisive() == (maybe_a, maybe_b)
    assert split.reliance() is Status.PLAUSIBLE


def test_an_agreement_of_no_readings_decides_nothing():
    """With no reading to agree, nothing is decided, and nothing is relied on."""
    none = agreement("r", TEXTS, [], point="readings")
    assert (none.verdict, none.reliance(), none.open_points()) == (U, None, ())


DECISIVE = [
    pytest.param(all_of, [YES, YES], [0, 1], id="a yes and rests on every part"),
    pytest.param(all_of, [YES, NO, NO], [1, 2], id="a no and rests on its noes"),
    pytest.param(all_of, [YES, U], [1], id="an undetermined and rests on what is open"),
    pytest.param(any_of, [NO, NO], [0, 1], id="a no or rests on every part"),
    pytest.param(any_of, [NO, YES, YES], [1, 2], id="a yes or rests on its yeses"),
    pytest.param(any_of, [NO, U], [1], id="an undetermined or rests on what is open"),
]


@pytest.mark.parametrize(("combine", "parts", "decisive"), DECISIVE)
def test_what_a_verdict_rests_on(combine, parts, decisive):
    """The parts a combined verdict rests on, as an explanation should single them out."""
    steps = [step(verdict) for verdict in parts]
    assert combine("n", TEXTS, steps).decisive() == tuple(steps[index] for index in decisive)
    assert leaf("l", YES, "l").decisive() == ()
    assert negate("n", TEXTS, steps[0]).decisive() == (steps[0],)
