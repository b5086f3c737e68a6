"""Property tests of the solvers, checked with the exact checker (hypothesis, derandomized).

* every profile reported for a numeric game has regret exactly zero;
* the pure equilibria of ``equilibria`` are those of ``pure_equilibria``;
* adding a constant to a player's payoffs changes no equilibrium;
* permuting a player's strategies permutes the equilibria;
* a symbolic game's equilibria, at random parameter points that satisfy the assumptions and their
  conditions, are exactly the equilibria of the numeric game there (when it is nondegenerate).
"""

from __future__ import annotations

import numpy as np
import sympy
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from gametheory.expr import symbol
from gametheory.games import Game
from gametheory.equilibria import equilibria, pure_equilibria, regret
from gametheory.equilibria.bimatrix import extreme_equilibria

SETTINGS = settings(max_examples=60, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])
x, y = symbol("x"), symbol("y")


@st.composite
def bimatrix_games(draw, low=-4, high=4):
    m = draw(st.integers(2, 3))
    n = draw(st.integers(2, 3))
    cell = st.integers(low, high)
    A = draw(st.lists(st.lists(cell, min_size=n, max_size=n), min_size=m, max_size=m))
    B = draw(st.lists(st.lists(cell, min_size=n, max_size=n), min_size=m, max_size=m))
    return Game.from_arrays([A, B])


@st.composite
def three_player_games(draw):
    cells = draw(st.lists(st.integers(-6, 6), min_size=24, max_size=24))
    return Game.from_arrays([np.array(cells[8 * i:8 * i + 8]).reshape(2, 2, 2).tolist() for i in range(3)])


def holds(conditions, point) -> bool:
    """Whether every condition is true at ``point``; one that is undefined there (a zero
    denominator, the root of a negative number) does not hold, and neither does its entry."""
    try:
        return all(c.xreplace(point) is sympy.true for c in conditions)
    except TypeError:  # sympy refuses to compare zoo or a non-real number
        return False


def profile_set(result):
    return {e.profile.probabilities for e in result}


@SETTINGS
@given(bimatrix_games())
def test_every_reported_profile_has_zero_regret(game):
    result = equilibria(game)
    assert len(result) >= 1  # Nash (1951)
    for e in result:
        assert regret(game, e.profile) == 0
        assert e.payoffs == tuple(game.expected_payoff(e.profile, i) for i in range(2))
    assert [e.profile for e in result if e.is_pure] == [e.profile for e in pure_equilibria(game)]


@SETTINGS
@given(bimatrix_games())
def test_support_enumeration_agrees_with_vertex_enumeration(game):
    vertex = equilibria(game)
    support = equilibria(game, method="support")
    assert profile_set(support) <= profile_set(vertex)  # equal-size supports give extreme points
    A, B = game.matrices()
    if not extreme_equilibria(A, B).degenerate:
        assert support.complete
        assert [e.profile for e in support] == [e.profile for e in vertex]
        assert [e.payoffs for e in support] == [e.payoffs for e in vertex]


@settings(max_examples=12, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(three_player_games())
def test_three_player_profiles_have_zero_regret(game):
    result = equilibria(game)
    for e in result:
        assert regret(game, e.profile) == 0
    assert [e.profile for e in result if e.is_pure] == [e.profile for e in pure_equilibria(game)]
    if result.complete:
        assert len(result) >= 1


@SETTINGS
@given(bimatrix_games(), st.integers(0, 1), st.integers(-5, 5))
def test_adding_a_constant_changes_nothing(game, player, constant):
    arrays = [arr.applyfunc(lambda v: v + constant) if i == player else arr for i, arr in enumerate(game.payoffs)]
    shifted = Game.from_arrays(arrays)
    assert profile_set(equilibria(shifted)) == profile_set(equilibria(game))
    assert profile_set(equilibria(shifted, method="support")) == profile_set(equilibria(game, method="support"))


@SETTINGS
@given(bimatrix_games(), st.randoms(use_true_random=False))
def test_permuting_strategies_permutes_equilibria(game, rnd):
    m, n = game.shape
    rows, cols = list(range(m)), list(range(n))
    rnd.shuffle(rows)
    rnd.shuffle(cols)
    A, B = game.matrices()
    permuted = Game.from_arrays([[[M[rows[i]][cols[j]] for j in range(n)] for i in range(m)] for M in (A, B)])
    expected = {
        (tuple(x_[rows[i]] for i in range(m)), tuple(y_[cols[j]] for j in range(n)))
        for x_, y_ in profile_set(equilibria(game))
    }
    assert profile_set(equilibria(permuted)) == expected


@st.composite
def symbolic_games(draw):
    """2x2 or 2x3 games with payoffs affine in x and y (x > 0, y > 0)."""
    n = draw(st.integers(2, 3))
    coef = st.integers(-3, 3)

    def entry():
        return draw(coef) + draw(coef) * x + draw(coef) * y

    A = [[entry() for _ in range(n)] for _ in range(2)]
    B = [[entry() for _ in range(n)] for _ in range(2)]
    return Game.from_arrays([A, B], assumptions=(x > 0, y > 0))


@settings(max_examples=30, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(symbolic_games(), st.lists(st.tuples(st.integers(1, 9), st.integers(1, 9), st.integers(1, 4)),
                                  min_size=3, max_size=3))
def test_symbolic_equilibria_specialise_to_numeric_ones(game, points):
    result = equilibria(game)
    for px, py, q in points:
        point = {x: sympy.Rational(px, q), y: sympy.Rational(py, q)}
        numeric = Game.from_arrays([arr.applyfunc(lambda v: v.xreplace(point)) for arr in game.payoffs])
        holding = []
        for e in result:
            if holds(e.conditions, point):
                profile = e.profile.subs(point)
                assert regret(numeric, profile) == 0
                assert tuple(v.xreplace(point) for v in e.payoffs) == tuple(
                    numeric.expected_payoff(profile, i) for i in range(2))
                holding.append(profile.probabilities)
        A, B = numeric.matrices()
        if extreme_equilibria(A, B).degenerate:
            continue
        # nondegenerate here: the symbolic answer, specialised, is the complete numeric answer
        assert set(holding) == profile_set(equilibria(numeric))
        assert len(holding) == len(set(holding))
