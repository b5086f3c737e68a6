"""The numeric fast paths give exactly the answers of the general (sympy) paths.

Dominance (an exact screen, then the integer-pivoting simplex), the vertex enumeration's
checks, Pareto efficiency and the dilemma verdict are run on seeded random numeric games both
ways: with the fast path, and with it switched off (the general path, as before it existed).
"""

from __future__ import annotations

import importlib
import random
import types
from fractions import Fraction

import pytest
import sympy

from gametheory import conditions
from gametheory.equilibria import _fastlp, equilibria
from gametheory.equilibria.check import Reasoner, payoffs_at, regret
from gametheory.games import Game

dominance_module = importlib.import_module("gametheory.equilibria.dominance")
pareto_module = importlib.import_module("gametheory.analysis.pareto")
dilemma_module = importlib.import_module("gametheory.analysis.dilemma")


def _games(seed: int, count: int):
    rng = random.Random(seed)
    shapes = [(2, 2), (2, 3), (3, 3), (3, 4), (4, 4), (5, 5), (2, 2, 2), (3, 2, 2)]
    for k in range(count):
        shape = shapes[k % len(shapes)]
        hi = rng.choice([1, 3, 9, 99])
        size = 1
        for n in shape:
            size *= n
        arrays = []
        for _ in shape:
            flat = [rng.randint(0, hi) if rng.random() < 0.8 else Fraction(rng.randint(0, hi), rng.randint(1, 4))
                    for _ in range(size)]
            arrays.append(sympy.ImmutableDenseNDimArray([sympy.Rational(v) for v in flat], shape))
        yield Game.from_arrays(arrays)


def test_integer_simplex_matches_the_engine_lp():
    rng = random.Random(3)
    for _ in range(1500):
        m, n = rng.randint(1, 5), rng.randint(1, 7)
        A = [[Fraction(rng.randint(-3, 3), rng.choice([1, 1, 2, 3])) for _ in range(n)] for _ in range(m)]
        x0 = [Fraction(rng.randint(0, 2)) for _ in range(n)]
        b = [sum(a * x for a, x in zip(row, x0)) for row in A]
        if rng.random() < 0.3:
            b = [Fraction(rng.randint(-3, 3)) for _ in range(m)]  # often infeasible
        A.append([Fraction(1)] * n)
        b.append(Fraction(sum(x0)) or Fraction(1))  # bounded
        c = [Fraction(rng.randint(-2, 2)) for _ in range(n)]
        assert _fastlp.lp_max(c, A, b) == conditions.lp_max(c, A, b)


def test_screen_never_hides_a_dominated_strategy():
    """A certificate of "not strictly dominated" agrees with the exact program every time."""
    rng = random.Random(11)
    for _ in range(600):
        k, q = rng.randint(2, 6), rng.randint(1, 6)
        hi = rng.choice([1, 2, 9, 99])
        D = [[Fraction(rng.randint(-hi, hi), rng.choice([1, 1, 2])) for _ in range(q)] for _ in range(k)]
        for strict in (True, False):
            exact = dominance_module._mixed_dominator(D, strict)
            assert _fastlp.mixed_dominator(D, strict, dominance_module._mixed_dominator) == exact
            if strict and _fastlp.not_strictly_dominated(D):
                assert exact is None


@pytest.mark.parametrize("strict", [True, False])
def test_dominance_fast_equals_general(monkeypatch, strict):
    games = list(_games(5, 24))
    fast = [dominance_module.dominance(g, strict=strict) for g in games]
    monkeypatch.setattr(dominance_module, "_numeric", types.SimpleNamespace(table=lambda game: None))
    monkeypatch.setattr(dominance_module, "_lp_max", conditions.lp_max)
    general = [dominance_module.dominance(g, strict=strict) for g in games]
    assert fast == general
    assert any(r.eliminations for r in fast)


def test_vertex_equilibria_are_checked_and_paid_as_before():
    for game in _games(7, 16):
        if game.n_players != 2:
            continue
        for e in equilibria(game, method="vertex").equilibria:
            assert regret(game, e.profile) == 0
            assert e.payoffs == payoffs_at(game, e.profile, Reasoner(game.assumptions))


def test_pareto_and_dilemma_fast_equal_general(monkeypatch):
    games = list(_games(9, 24))
    solved = [equilibria(g) for g in games]
    fast_pareto = [[pareto_module.is_pareto_efficient(g, e) for e in s.equilibria] for g, s in zip(games, solved)]
    fast_dilemma = [dilemma_module.dilemma(g, s) for g, s in zip(games, solved)]
    monkeypatch.setattr(pareto_module._numeric, "pareto_verdict", lambda *args: None)
    monkeypatch.setattr(dilemma_module._numeric, "applies", lambda *args: False)
    general_pareto = [[pareto_module.is_pareto_efficient(g, e) for e in s.equilibria] for g, s in zip(games, solved)]
    general_dilemma = [dilemma_module.dilemma(g, s) for g, s in zip(games, solved)]
    assert fast_pareto == general_pareto
    assert fast_dilemma == general_dilemma
    assert any(v.value is False for row in fast_pareto for v in row)
