"""Dominance: dominant strategies, pure and mixed domination (exact LP), iterated elimination."""

from __future__ import annotations

import itertools
from fractions import Fraction

import pytest
import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gametheory.conditions import to_str
from gametheory.expr import symbol
from gametheory.games import Game
from gametheory.equilibria import dominance, equilibria
from gametheory.equilibria.dominance import _lp_max, _mixed_dominator, dominated_by

Q = sympy.Rational
T, R, P, S = (symbol(n) for n in "TRPS")
B, E, A = symbol("B"), symbol("E"), symbol("A")


def symmetric(matrix, **kwargs) -> Game:
    rows = [list(r) for r in matrix]
    return Game.from_arrays([rows, [list(col) for col in zip(*rows)]], **kwargs)


def steps(result):
    return [(e.player, e.strategy, e.by, e.strict) for e in result.eliminations]


def test_prisoners_dilemma():
    result = dominance(symmetric([[3, 0], [5, 1]]))
    assert result.dominant == (1, 1) and result.weakly_dominant == (1, 1)
    assert result.dominant_conditions == ((), ())
    assert steps(result) == [(0, 0, (0, 1), True), (1, 0, (0, 1), True)]
    assert result.surviving == ((1,), (1,))


def test_prisoners_dilemma_symbolic():
    result = dominance(symmetric([[R, S], [T, P]], assumptions=(T > R, R > P, P > S)))
    assert result.dominant == (1, 1) and result.dominant_conditions == ((), ())
    assert result.surviving == ((1,), (1,))


def test_alliance_game():
    game = symmetric([[B - E, -E - A], [B, 0]], assumptions=(B > 0, E > 0, A > 0))
    result = dominance(game)
    assert result.dominant == (1, 1) and result.dominant_conditions == ((), ())
    assert result.surviving == ((1,), (1,))


def test_conditional_dominance_is_not_eliminated():
    # without E > 0, Support is dominant when E < -A and NotSupport when E > 0; the result has one
    # slot per player and reports the lowest-index strategy that is dominant somewhere
    game = symmetric([[B - E, -E - A], [B, 0]], assumptions=(B > 0, A > 0))
    result = dominance(game)
    assert result.dominant == (0, 0)
    assert [tuple(to_str(c) for c in cs) for cs in result.dominant_conditions] == [("A + E < 0",)] * 2
    assert result.weakly_dominant == (None, None)
    assert result.eliminations == () and result.surviving == ((0, 1), (0, 1))


def test_no_dominance_in_stag_hunt():
    result = dominance(symmetric([[R, S], [T, P]], assumptions=(R > T, T > P, P > S)))
    assert result.dominant == (None, None) and result.weakly_dominant == (None, None)
    assert result.eliminations == ()


def test_mixed_domination():
    # M is dominated by neither T nor B, but by the half-half mix of them
    game = Game.from_arrays([[[3, 0], [1, 1], [0, 3]], [[0, 0], [0, 0], [0, 0]]])
    result = dominance(game)
    assert steps(result) == [(0, 1, (Q(1, 2), 0, Q(1, 2)), True)]
    assert result.surviving == ((0, 2), (0, 1))
    assert dominated_by(game, 0, 1) == ((Q(1, 2), 0, Q(1, 2)), ())
    assert dominated_by(game, 0, 0) is None


def test_iterated_strict_elimination():
    # Gibbons (1992), Figure 1.1.1: Right, then Down, then Middle... leaves (Up, Middle)
    game = Game.from_arrays([[[1, 1, 0], [0, 0, 2]], [[0, 2, 1], [3, 1, 0]]],
                            strategies=(("Up", "Down"), ("Left", "Middle", "Right")))
    result = dominance(game)
    assert result.surviving == ((0,), (1,))
    assert [(e.player, e.strategy) for e in result.eliminations] == [(1, 2), (0, 1), (1, 0)]
    assert [e.profile.pure_indices for e in equilibria(game)] == [(0, 1)]


def test_weak_elimination_order_is_the_documented_one():
    #        L      R
    #  T   1,1    0,0
    #  M   1,1    2,1
    #  B   0,0    2,1
    # Row removes T and B (both weakly dominated by M) in round one, judged against both columns;
    # then L and R tie. (Removing T and then L first would leave {M, B} x {R}.)
    game = Game.from_arrays([[[1, 0], [1, 2], [0, 2]], [[1, 0], [1, 1], [0, 1]]])
    result = dominance(game, strict=False)
    assert steps(result) == [(0, 0, (0, 1, 0), False), (0, 2, (0, 1, 0), False)]
    assert result.surviving == ((1,), (0, 1))
    assert not result.strict
    assert dominance(game).eliminations == ()  # nothing is strictly dominated


def test_weakly_dominant():
    game = Game.from_arrays([[[1, 1], [1, 0]], [[0, 0], [0, 0]]])
    result = dominance(game)
    assert result.dominant == (None, None)
    assert result.weakly_dominant == (0, None)


def test_single_strategy_is_dominant():
    game = Game.from_arrays([[[1, 2]], [[0, 1]]])
    result = dominance(game)
    assert result.dominant == (0, 1)


def test_three_players():
    # each player: strategy 1 pays one more than strategy 0, whatever the others do
    tables = [[s[i] + sum(s) for s in itertools.product(range(2), repeat=3)] for i in range(3)]
    game = Game.from_arrays([sympy.ImmutableDenseNDimArray(t, (2, 2, 2)) for t in tables])
    result = dominance(game)
    assert result.dominant == (1, 1, 1)
    assert result.surviving == ((1,), (1,), (1,))


# -- the exact linear program ----------------------------------------------------------------

def test_lp_small():
    F = Fraction
    # maximise x + y with x + 2y + s = 4, 3x + y + t = 6 (x, y, s, t >= 0): optimum 14/5 at (8/5, 6/5)
    value, x = _lp_max([F(1), F(1), F(0), F(0)], [[F(1), F(2), F(1), F(0)], [F(3), F(1), F(0), F(1)]],
                       [F(4), F(6)])
    assert value == F(14, 5) and x[:2] == [F(8, 5), F(6, 5)]
    assert _lp_max([F(1)], [[F(1)], [F(1)]], [F(1), F(2)]) is None  # infeasible


@settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.integers(-6, 6), min_size=3, max_size=3), min_size=2, max_size=3),
       st.booleans())
def test_mixed_dominator_is_a_certificate(D, strict):
    F = Fraction
    D = [[F(v) for v in row] for row in D]
    sigma = _mixed_dominator(D, strict)
    if sigma is not None:
        assert all(s >= 0 for s in sigma) and sum(sigma) == 1
        gains = [sum(s * D[t][o] for t, s in enumerate(sigma)) for o in range(3)]
        if strict:
            assert all(g > 0 for g in gains)
        else:
            assert all(g >= 0 for g in gains) and any(g > 0 for g in gains)
        return
    # no dominator: then no mix on a grid (pure strategies included) dominates either
    for weights in itertools.product(range(7), repeat=len(D)):
        if sum(weights) == 0:
            continue
        gains = [sum(w * D[t][o] for t, w in enumerate(weights)) for o in range(3)]
        if strict:
            assert min(gains) <= 0, weights
        else:
            assert min(gains) < 0 or max(gains) == 0, weights
