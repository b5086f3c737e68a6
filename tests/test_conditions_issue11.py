"""The conditions engine's share of issue 11: realness of roots (defect 3), knife edges (5),
signs the assumptions determine (7), simplified and readable conditions (14). Each test fails
on the engine before these fixes."""

from __future__ import annotations

import random
from fractions import Fraction
from pathlib import Path

import pytest
import sympy as sp

from gametheory import conditions as cnd
from gametheory.equilibria import equilibria
from gametheory.expr import symbol
from gametheory.games import Game
from gametheory.report import load

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "specs"

b, c, d, o, v, N, r = (symbol(n) for n in "b c d o v N r".split())
R, Tg, S, P, p, q = (symbol(n) for n in "R Tg S P p q".split())


def _radicals(x) -> bool:
    return any(not w.exp.is_Integer for w in sp.sympify(x).atoms(sp.Pow))


# -- defect 3: an expression with a root carries the condition that makes it real -------------------

ROOT = sp.sqrt(b**2 - 2 * b * c)
ALLIES = (b > c, c > 0)


@pytest.mark.parametrize("relation, expected", [
    pytest.param(ROOT < b, (2 * c <= b,), id="root-below"),
    pytest.param(0 < b + ROOT, (2 * c <= b,), id="root-sum"),
    pytest.param(sp.sqrt(b - c) > 0, (), id="real-everywhere"),
])
def test_a_root_is_real_where_its_condition_says(relation, expected):
    d_ = cnd.decide(relation, ALLIES)
    if expected:
        assert d_.value is None and d_.conditions == expected
    else:
        assert d_.value is True


def test_a_boundary_is_polynomial_not_a_root():
    assert cnd.decide(sp.Eq(b, ROOT), ALLIES).value is False
    pos, zero, neg = cnd.sign_regions(b - 2 * ROOT, ALLIES)
    for piece in (pos, zero, neg):
        assert piece is not None and not any(_radicals(x) for x in piece)
    assert zero == (sp.Eq(3 * b, 8 * c),)


def _three_allies():
    return load((FIXTURES / "three-allies.yaml").read_text(), name="three-allies.yaml")


def test_three_allies_symmetric_mixed_equilibria_exist_exactly_when_real():
    game = _three_allies()
    found = equilibria(game).equilibria
    with_roots = [e for e in found if any(_radicals(x) for row in e.profile.probabilities for x in row)]
    assert len(with_roots) == 2
    for e in with_roots:
        assert e.conditions == (2 * c <= b,)
    # every condition is a real comparison at points that satisfy the assumptions
    rng = random.Random(11)
    for _ in range(20):
        cv = Fraction(rng.randint(1, 20), rng.randint(1, 5))
        bv = cv + Fraction(rng.randint(1, 40), rng.randint(1, 5))
        point = {b: sp.Rational(bv.numerator, bv.denominator), c: sp.Rational(cv.numerator, cv.denominator)}
        for e in found:
            for cond in e.conditions:
                assert cond.subs(point) in (sp.true, sp.false)


def test_three_allies_higher_mixed_equilibrium_is_pareto_deficient():
    from gametheory.analysis.pareto import is_pareto_efficient

    game = _three_allies()
    found = equilibria(game).equilibria
    high = [e for e in found if any(_radicals(x) for x in e.payoffs) and
            cnd.sign(e.payoffs[0] - (b - c) / 2, game.assumptions + e.conditions) in ("+", ">=0")]
    assert len(high) == 1
    assert is_pareto_efficient(game, high[0]).value is False


# -- defect 5: a knife edge is an equality consistent with the assumptions ---------------------------

def test_knife_edge_is_neither_identical_nor_impossible():
    assert cnd.knife_edge(sp.Eq(2 * 0, v + (-v)), (v > 0, c > 0)) is None
    assert cnd.knife_edge(sp.Eq(v, c), (v > c,)) is None
    assert cnd.knife_edge(sp.Eq(2 * v, c), (v > 0, c > 0)) == (sp.Eq(c, 2 * v),)


def test_chicken_with_a_cost_of_war_has_no_knife_edge():
    from gametheory.analysis.dilemma import dilemma

    game = Game.from_arrays([[[0, -v], [v, -c]], [[0, v], [-v, -c]]], assumptions=(v > 0, c > 0))
    verdict = dilemma(game, equilibria(game).equilibria)
    # 2R = T + S (0 = v - v) holds for every v and c: an identity is no knife edge at all,
    # and the social-dilemma test simply fails; never "v < c and c = v and c < v"
    assert verdict.knife_edges == () and verdict.knife_details == ()
    assert verdict.details[1].value is False
    assert "knife edge" not in verdict.explanation
    assert "c = v and" not in verdict.explanation


# -- defect 7: signs the assumptions determine are reported ---------------------------------------

KYDD = (Tg > R, R > P, P > S, 0 < p, p < 1, 0 < q, q < 1)


@pytest.mark.parametrize("expr, expected", [
    pytest.param(q * (R - Tg) + (1 - q) * (S - P), "-", id="convex-combination"),
    pytest.param(sp.expand(q * (R - Tg) + (1 - q) * (S - P)), "-", id="expanded"),
    pytest.param(sp.expand(p * (q * (R - Tg) + (1 - q) * (S - P))), "-", id="times-a-prior"),
    pytest.param(sp.expand(q * (Tg - R) + (1 - q) * (R - P)), "+", id="positive"),
    pytest.param(sp.expand(q * (Tg - R) + (1 - q) * (S - P)), "?", id="mixed-signs"),
])
def test_convex_combinations_with_a_probability(expr, expected):
    assert cnd.sign(expr, KYDD) == expected


# -- defect 14: conditions simplified and readable -----------------------------------------------------

def test_equal_bounds_become_an_equality():
    assert cnd.simplify([N <= r, r <= N], [r > 1]) == (sp.Eq(N, r),)
    assert cnd.simplify([5 <= N, N <= 5], []) == (sp.Eq(N, 5),)
    assert cnd.decide(N >= 5, [N <= 5]).conditions == (sp.Eq(N, 5),)
    assert cnd.describe(cnd.simplify([N <= r, r <= N], [r > 1])) == "N = r"


def test_contradictions_are_dropped():
    assert cnd.simplify([v < c, sp.Eq(c, v)], [v > 0]) is None
    assert cnd.decide(sp.And(v < c, c < v), [v > 0]).value is False


def test_readable_normal_form():
    assert cnd.tidy(-(-c + v) / c) == (c - v) / c
    assert cnd.readable((v - c) / c) == "(v - c)/c"
    assert cnd.readable(cnd.tidy(-(-c + v) / c)) == "(c - v)/c"
    assert cnd.describe([c * v < (v - c) / c]) == "c*v < (v - c)/c"


def test_weak_inequality_and_inequation_read_strict():
    # the count-by-region lines of a 4-player arms race read "2*c <= 3*t and 2*c != 3*t"
    assert cnd.describe([2 * c <= 3 * v, sp.Ne(2 * c, 3 * v)]) == "2*c < 3*v"
    assert cnd.describe(sp.And(v >= c, sp.Ne(c, v), o < c)) in ("c < v and o < c", "o < c and c < v")
    # an inequation with no matching weak inequality stays
    assert cnd.describe([sp.Ne(c, v), c <= o]) == "c != v and c <= o"


def test_max_resolved_where_the_assumptions_decide_it():
    jervis = (o > 0, d > 0, c > 0)
    assert cnd.tidy(sp.Max(-c, -d - o), jervis + (c < d + o,)) == -c
    assert cnd.tidy(sp.Max(-c, -d - o), jervis + (c > d + o,)) == -d - o
    assert cnd.tidy(sp.Max(-c, -d - o), jervis) == sp.Max(-c, -d - o)


def test_a_product_of_signed_symbols_keeps_its_sign_in_the_relaxation():
    # the tripwire's attack-and-abandon region A + k*t <= W with k > 0, t >= 0: W - A >= k*t >= 0,
    # so t* = (W - A)/k falls (weakly) in k; the engine used to treat k*t as a free variable
    k, t, W, A = (symbol(n) for n in "ktWA")
    region = (k > 0, t >= 0, A + k * t <= W)
    assert cnd.sign(W - A, region) == ">=0"
    assert cnd.sign(sp.diff((W - A) / k, k), region) == "<=0"
    # a product of factors with unknown sign stays undecided
    assert cnd.sign(W - A, (A + k * t <= W,)) == "?"
    # the claim at random rational points of the region
    rng = random.Random(7)
    derivative = sp.diff((W - A) / k, k)
    for _ in range(100):
        point = {k: sp.Rational(rng.randint(1, 9), rng.randint(1, 9)), t: sp.Integer(rng.randint(0, 9)),
                 A: sp.Integer(rng.randint(-9, 9))}
        point[W] = point[A] + point[k] * point[t] + sp.Rational(rng.randint(0, 9), rng.randint(1, 4))
        assert derivative.subs(point) <= 0
