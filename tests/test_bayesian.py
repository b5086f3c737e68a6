"""Bayesian games by prior (gametheory.analysis.bayesian): exact thresholds and regions.

Literature cases: Snyder's adversary game (the pure equilibria exist exactly when mu <= 1/2; a
segment of mixed equilibria at every mu in the bundled, degenerate, ordinal version; the
sequential threshold (a_CC - a_FF)/((a_CC - a_FF) + (a_FC - a_CF)) of MODELS.md) and Kydd's trust
game (trustworthy types cooperate in equilibrium exactly when p >= (P - S)/((R - T) + (P - S))).
Every reported equilibrium is checked against the Harsanyi normal form with the exact checker,
and the Harsanyi form's own extreme equilibria (exact vertex enumeration) must lie in the
reported components.
"""

from __future__ import annotations

from pathlib import Path

import itertools
import json

import pytest
import sympy

from gametheory import conditions, report as api
from gametheory.analysis.bayesian import (
    agents,
    belief_thresholds,
    equilibria_by_prior,
    pure_bayesian_equilibria,
)
from gametheory.expr import symbol
from gametheory.games import Profile
from gametheory.equilibria import equilibria, pure_equilibria, regret

mu, p = symbol("mu"), symbol("p")
R, T, P, S = (symbol(x) for x in "RTPS")
aCC, aCF, aFC, aFF = (symbol(x) for x in ("a_CC", "a_CF", "a_FC", "a_FF"))

# the adversary game with symbolic payoffs a_XY for the state (shared with the other Bayesian tests)
SYMBOLIC_ADVERSARY = (Path(__file__).parent / "fixtures" / "specs" / "symbolic-adversary.yaml").read_text()

CONCILIATE = ((1, 0), (1, 0), (0, 1))  # State: Conciliate; Adversary: status_quo Conciliate, expansionist Firm
FIRM = ((0, 1), (0, 1), (1, 0))        # State: Firm; Adversary: status_quo Firm, expansionist Conciliate


@pytest.fixture(scope="module")
def adversary():
    return api.load("snyder-adversary-game")


@pytest.fixture(scope="module")
def by_prior(adversary):
    return equilibria_by_prior(adversary)


def _same(a, b) -> bool:
    return conditions.decide(sympy.Eq(a, b), ()).value is True or sympy.simplify(a - b) == 0


def _harsanyi_profile(bayes, behaviour) -> Profile:
    """The Harsanyi mixed profile in which each player's types mix independently."""
    agent_list = agents(bayes)
    rows = []
    harsanyi = bayes.harsanyi()
    for i in range(bayes.n_players):
        mine = [k for k, a in enumerate(agent_list) if a.player == i]
        row = []
        for plan in harsanyi.plans[i]:
            weight = sympy.Integer(1)
            for k, action in zip(mine, plan):
                weight *= behaviour[k][action]
            row.append(weight)
        rows.append(tuple(row))
    return Profile(tuple(rows))


def _behaviour_of(bayes, harsanyi, profile):
    """The type-contingent (marginal) strategies of a Harsanyi profile."""
    agent_list = agents(bayes)
    out = []
    for a in agent_list:
        marginal = [sympy.Integer(0)] * len(bayes.actions[a.player])
        for plan, q in zip(harsanyi.plans[a.player], profile.probabilities[a.player]):
            marginal[plan[a.type or 0]] += q
        out.append(tuple(marginal))
    return tuple(out)


# -- the adversary game ----------------------------------------------------------------------------

def test_adversary_pure_equilibria_exist_exactly_when_mu_at_most_one_half(adversary):
    pure = pure_bayesian_equilibria(adversary)
    assert [tuple(tuple(int(x) for x in d) for d in e.behaviour) for e in pure] == [CONCILIATE, FIRM]
    for e in pure:
        assert e.conditions == (sympy.Le(mu, sympy.Rational(1, 2)),)
        assert e.to_dict(adversary)["conditions"] == ["mu <= 1/2"]


@pytest.mark.parametrize("value,expected", [("1/4", [CONCILIATE, FIRM]), ("1/2", [CONCILIATE, FIRM]),
                                            ("3/4", []), ("99/100", [])])
def test_adversary_pure_equilibria_below_and_above_the_threshold(adversary, value, expected):
    numeric = adversary.subs({"mu": value})
    pure = [tuple(tuple(int(x) for x in d) for d in e.behaviour) for e in pure_bayesian_equilibria(numeric)]
    assert pure == expected
    # the same from the Harsanyi normal form, solved by the general pure solver
    harsanyi = numeric.harsanyi()
    from_harsanyi = [_behaviour_of(numeric, harsanyi, e.profile) for e in pure_equilibria(harsanyi)]
    assert [tuple(tuple(int(x) for x in d) for d in b) for b in from_harsanyi] == expected


def test_adversary_regions(by_prior):
    assert by_prior.prior == mu and by_prior.complete
    assert [r.interval(mu) for r in by_prior.regions] == ["0 < mu < 1/2", "mu = 1/2", "1/2 < mu < 1"]
    assert by_prior.critical == (sympy.Rational(1, 2),)
    below, at, above = by_prior.regions
    assert below.conditions == (sympy.Lt(mu, sympy.Rational(1, 2)),)
    assert at.conditions == (sympy.Eq(mu, sympy.Rational(1, 2)),)
    # below: two isolated pure equilibria and a segment on which the state mixes 1/2, 1/2
    assert [below.shape(k) for k in range(len(below.components))] == ["point", "point", "segment"]
    kinds = [e.kind for e in below.equilibria]
    assert kinds == ["pure", "pure", "mixed", "mixed"]
    segment = [below.equilibria[k] for k in below.components[2]]
    half = sympy.Rational(1, 2)
    for e in segment:
        assert e.behaviour[0] == (half, half)
    ends = sorted(((e.behaviour[2][0], e.behaviour[1][0]) for e in segment), key=lambda t: t[0])
    assert ends[0][0] == 0 and _same(ends[0][1], 1 / (2 * (1 - mu)))
    assert ends[1][0] == 1 and _same(ends[1][1], (1 - 2 * mu) / (2 * (1 - mu)))
    # at mu = 1/2 everything is one connected component: three segments in a chain
    assert len(at.components) == 1 and at.shape(0) == "union of 3 convex sets" and len(at.equilibria) == 4
    # above: no pure equilibrium, only the segment
    assert [e.kind for e in above.equilibria] == ["mixed", "mixed"] and above.shape(0) == "segment"
    ends = sorted(((e.behaviour[1][0], e.behaviour[2][0]) for e in above.equilibria), key=lambda t: t[0])
    assert ends[0][0] == 0 and _same(ends[0][1], 1 / (2 * mu))
    assert ends[1][0] == 1 and _same(ends[1][1], (2 * mu - 1) / (2 * mu))


@pytest.mark.parametrize("value", ["1/10", "1/4", "1/2", "2/3", "9/10"])
def test_adversary_every_reported_equilibrium_is_one_and_gambit_style_vertices_fall_inside(by_prior, adversary, value):
    x = sympy.Rational(value)
    region = next(r for r in by_prior.regions
                  if (r.is_point and r.lower == x) or (not r.is_point and r.lower < x < r.upper))
    numeric = adversary.subs({"mu": value})
    harsanyi = numeric.harsanyi()
    points = []
    for e in region.equilibria:
        behaviour = tuple(tuple(sympy.sympify(q).xreplace({mu: x}) for q in d) for d in e.behaviour)
        assert regret(harsanyi, _harsanyi_profile(numeric, behaviour)) == 0
        points.append(behaviour)
    # every extreme equilibrium of the Harsanyi form (exact vertex enumeration) lies in the
    # convex hull of one of the reported maximal Nash subsets
    for eq in equilibria(harsanyi):
        image = [q for d in _behaviour_of(numeric, harsanyi, eq.profile) for q in d]
        assert any(_in_hull(image, [[q for d in points[k] for q in d] for k in subset])
                   for subset in region.nash_subsets)


def _in_hull(point, vertices) -> bool:
    """Exact: is ``point`` a convex combination of ``vertices``? (Caratheodory: of affinely
    independent ones, so each subset with independent columns is solved uniquely.)"""
    target = sympy.Matrix(list(point) + [1])
    for size in range(1, len(vertices) + 1):
        for subset in itertools.combinations(vertices, size):
            M = sympy.Matrix([list(v) + [1] for v in subset]).T
            if M.rank() < size:
                continue
            try:
                solution, params = M.gauss_jordan_solve(target)
            except ValueError:
                continue
            if all(x >= 0 for x in solution):
                return True
    return False


def test_adversary_to_dict_is_json(by_prior):
    doc = by_prior.to_dict()
    text = json.dumps(doc)
    assert doc["prior"] == "mu" and doc["critical_values"] == ["1/2"]
    assert [r["interval"] for r in doc["regions"]] == ["0 < mu < 1/2", "mu = 1/2", "1/2 < mu < 1"]
    first = doc["regions"][0]["equilibria"][0]["profile"]
    assert first == {"State": {"Conciliate": "1", "Firm": "0"},
                     "Adversary": {"status_quo": {"Conciliate": "1", "Firm": "0"},
                                   "expansionist": {"Conciliate": "0", "Firm": "1"}}}
    assert [c["shape"] for c in doc["regions"][1]["components"]] == ["union of 3 convex sets"]
    assert "1/(2*mu)" in text


# -- thresholds -------------------------------------------------------------------------------------

def test_adversary_threshold_is_one_half(adversary):
    thresholds = belief_thresholds(adversary)
    informed = thresholds[0]
    assert (informed.name, informed.kind, informed.player, informed.prior) == ("mu*", "informed", "State", "mu")
    assert informed.expression == sympy.Rational(1, 2)
    assert (informed.below, informed.above) == ("Conciliate", "Firm")
    equilibrium = [t for t in thresholds if t.kind == "equilibrium"]
    assert [(t.name, t.expression, t.below, t.above, t.equilibrium) for t in equilibrium] == [
        ("mu*_2", sympy.Rational(1, 2), "Conciliate", "Firm", 0),
        ("mu*_3", sympy.Rational(1, 2), "Firm", "Conciliate", 1),
    ]
    assert json.dumps([t.to_dict() for t in thresholds])


def test_sequential_threshold_formula():
    game = api.load(SYMBOLIC_ADVERSARY)
    thresholds = belief_thresholds(game)
    informed = [t for t in thresholds if t.kind == "informed"]
    assert len(informed) == 1
    expected = (aCC - aFF) / ((aCC - aFF) + (aFC - aCF))
    assert sympy.simplify(informed[0].expression - expected) == 0
    assert (informed[0].below, informed[0].above) == ("Conciliate", "Firm")
    assert informed[0].conditions == ()  # always strictly between 0 and 1 under the orderings
    # the simultaneous game's equilibrium thresholds, for the two pure equilibria
    eq = {t.equilibrium: t.expression for t in thresholds if t.kind == "equilibrium"}
    assert sympy.simplify(eq[0] - (aCC - aFC) / ((aCC - aFC) + (aFF - aCF))) == 0
    assert sympy.simplify(eq[1] - (aFF - aCF) / ((aFF - aCF) + (aCC - aFC))) == 0
    # at the ordinal values 4-3-2-1 all three are 1/2
    values = {aCC: 4, aFC: 3, aFF: 2, aCF: 1}
    assert {t.expression.xreplace(values) for t in thresholds} == {sympy.Rational(1, 2)}


def test_symbolic_adversary_pure_conditions_are_solved_for_the_prior():
    game = api.load(SYMBOLIC_ADVERSARY)
    pure = pure_bayesian_equilibria(game)
    assert len(pure) == 2
    (cond,) = pure[0].conditions
    assert cond.lhs == mu and cond.rel_op == "<="
    assert sympy.simplify(cond.rhs - (aCC - aFC) / ((aCC - aFC) + (aFF - aCF))) == 0
    result = equilibria_by_prior(game)
    assert result.regions == () and not result.complete and "numeric payoffs" in result.notes[0]


def test_kydd_trust_threshold():
    game = api.load("kydd-trust")
    (threshold,) = belief_thresholds(game)
    assert threshold.name == "p*" and threshold.kind == "equilibrium"
    assert sympy.simplify(threshold.expression - (P - S) / ((R - T) + (P - S))) == 0
    assert (threshold.below, threshold.above) == ("Defect", "Cooperate")
    assert threshold.player == "StateA (trustworthy) and StateB (trustworthy)"
    pure = pure_bayesian_equilibria(game)
    cooperative = pure[0]
    assert cooperative.profile(game)["StateA"] == {"trustworthy": {"Cooperate": 1, "Defect": 0},
                                                     "untrustworthy": {"Cooperate": 0, "Defect": 1}}
    (cond,) = cooperative.conditions
    assert cond.lhs == p and cond.rel_op == ">=" and sympy.simplify(cond.rhs - threshold.expression) == 0
    assert pure[1].conditions == ()  # everyone defects, always


def test_kydd_trust_numeric_regions():
    game = api.load("kydd-trust").subs({"R": 4, "T": 3, "Tu": 5, "P": 2, "S": 0})
    (threshold,) = belief_thresholds(game)
    assert threshold.expression == sympy.Rational(2, 3)
    result = equilibria_by_prior(game)
    assert [r.interval(p) for r in result.regions] == ["0 < p < 2/3", "p = 2/3", "2/3 < p < 1"]
    assert [len(r.equilibria) for r in result.regions] == [1, 2, 3]
    mixed = result.regions[2].equilibria[2]
    assert _same(mixed.behaviour[0][0], sympy.Rational(2, 3) / p)  # trustworthy A cooperates with 2/(3p)
    for value in ("1/3", "2/3", "5/6"):
        x = sympy.Rational(value)
        numeric = game.subs({"p": value})
        harsanyi = numeric.harsanyi()
        region = next(r for r in result.regions
                      if (r.is_point and r.lower == x) or (not r.is_point and r.lower < x < r.upper))
        for e in region.equilibria:
            behaviour = tuple(tuple(sympy.sympify(q).xreplace({p: x}) for q in d) for d in e.behaviour)
            assert regret(harsanyi, _harsanyi_profile(numeric, behaviour)) == 0


def test_numeric_prior_gives_one_region(adversary):
    result = equilibria_by_prior(adversary.numeric())  # mu = 1/4
    assert result.prior is None and len(result.regions) == 1
    assert result.regions[0].interval(None) == "any prior"  # was "every the prior"
    assert [e.kind for e in result.regions[0].equilibria] == ["pure", "pure", "mixed", "mixed"]


def test_a_game_without_types_is_refused():
    from gametheory.errors import UsageError

    with pytest.raises(UsageError):
        equilibria_by_prior(api.load("stag-hunt"))


@pytest.mark.parametrize("seed", range(8))
def test_random_bayesian_games_against_the_harsanyi_form(seed):
    """Random 2x2 games with a typed column player: our pure equilibria at a numeric prior are the
    Harsanyi form's pure equilibria, and every extreme equilibrium reported is one."""
    import random

    rng = random.Random(seed)
    rows = lambda: [[[rng.randint(0, 3), rng.randint(0, 3)] for _ in range(2)] for _ in range(2)]  # noqa: E731
    if seed % 2:  # only B has types
        text = (
            "version: 1\ntitle: random\nplayers: [A, B]\nstrategies: [L, H]\nparameters: {q: null}\n"
            "assumptions: [0 < q < 1]\ntypes:\n  B: {one: q, two: 1 - q}\npayoffs:\n"
            f"  one: {{matrix: {rows()}}}\n  two: {{matrix: {rows()}}}\n"
        )
    else:  # both have types, A's prior numeric
        text = (
            "version: 1\ntitle: random\nplayers: [A, B]\nstrategies: [L, H]\nparameters: {q: null}\n"
            "assumptions: [0 < q < 1]\ntypes:\n  A: {x: 1/3, y: 2/3}\n  B: {one: q, two: 1 - q}\npayoffs:\n"
            + "".join(f'  "{a}, {b}": {{matrix: {rows()}}}\n' for a in "xy" for b in ("one", "two"))
        )
    game = api.load(text)
    result = equilibria_by_prior(game)
    q = symbol("q")
    for region in result.regions:
        x = region.lower if region.is_point else _inside(region)
        numeric = game.subs({"q": x})
        harsanyi = numeric.harsanyi()
        for e in region.equilibria:
            behaviour = tuple(tuple(sympy.sympify(v).xreplace({q: x}) for v in d) for d in e.behaviour)
            assert regret(harsanyi, _harsanyi_profile(numeric, behaviour)) == 0
        ours = {e.behaviour for e in pure_bayesian_equilibria(numeric)}
        theirs = {_behaviour_of(numeric, harsanyi, e.profile) for e in pure_equilibria(harsanyi)}
        assert ours == theirs
        points = [[sympy.sympify(v).xreplace({q: x}) for d in e.behaviour for v in d] for e in region.equilibria]
        full = equilibria(harsanyi)
        assert len({e.component for e in full}) == len(region.components)  # components correspond
        for eq in full:
            image = [v for d in _behaviour_of(numeric, harsanyi, eq.profile) for v in d]
            assert any(_in_hull(image, [points[k] for k in subset]) for subset in region.nash_subsets)


def _inside(region):
    lo = region.lower if region.lower is not None else region.upper - 1
    hi = region.upper if region.upper is not None else region.lower + 1
    return (lo + hi) / 2


def test_interim_payoffs_of_agents(adversary):
    from gametheory.analysis.bayesian import interim_payoff

    agent_list = agents(adversary)
    assert [a.label for a in agent_list] == ["State", "Adversary (status_quo)", "Adversary (expansionist)"]
    behaviour = tuple(tuple(sympy.Integer(v) for v in d) for d in CONCILIATE)
    assert sympy.expand(interim_payoff(adversary, agent_list[0], 0, behaviour) - (4 - 3 * mu)) == 0
    assert interim_payoff(adversary, agent_list[1], 0, behaviour) == 4
    assert list(itertools.chain.from_iterable(behaviour)) == [1, 0, 1, 0, 0, 1]


def test_docstring_examples():
    import doctest
    import importlib

    module = importlib.import_module("gametheory.analysis.bayesian")
    failed, attempted = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert attempted > 0 and failed == 0


IRRATIONAL = """
version: 1
title: payoffs that depend on the prior, with an irrational critical value
players: [A, B]
strategies: [L, H]
parameters: {q: null}
assumptions: [0 < q < 1]
types:
  A: {x: q, y: 1 - q}
  B: {one: q, two: 1 - q}
payoffs:
  "x, one": {matrix: [[[2*q, 2], [2*q, 2]], [[1, 2], [2, 3*q]]]}
  "x, two": {matrix: [[[2, 1], [2*q, 2]], [[2, q], [2*q, q]]]}
  "y, one": {matrix: [[[0, 2], [3, 0]], [[1-q, 2], [1, 1]]]}
  "y, two": {matrix: [[[3, 0], [3, 1]], [[1, q], [2, 2]]]}
"""


def test_irrational_critical_values_are_exact():
    game = api.load(IRRATIONAL)
    result = equilibria_by_prior(game)
    q = symbol("q")
    assert result.critical == (sympy.Rational(1, 2), sympy.sqrt(6) / 3)
    for region in result.regions:
        x = region.lower if region.is_point else _inside(region)
        numeric = game.subs({"q": x})
        harsanyi = numeric.harsanyi()
        for e in region.equilibria:
            behaviour = tuple(tuple(sympy.sympify(v).xreplace({q: x}) for v in d) for d in e.behaviour)
            assert regret(harsanyi, _harsanyi_profile(numeric, behaviour)) == 0
