"""Pareto efficiency of outcomes and equilibria: literature cases, symbolic conditions, ties,
the exact mixed-profile test (checked against exact witnesses and grids), and the case
analysis helpers."""

from __future__ import annotations

import itertools
from fractions import Fraction as F

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory.analysis import pareto
from gametheory.analysis.pareto import (
    cases,
    deficiency,
    is_pareto_efficient,
    merge,
    pareto_efficient_outcomes,
    union_conditions,
)
from gametheory.errors import AnalysisError, TimeLimitError
from gametheory.expr import symbol
from gametheory.games import Game, Profile
from gametheory.limits import deadline
from gametheory.equilibria.result import Equilibrium

R, S, T, P, B, E, A, V, C, x, y = (symbol(n) for n in "R S T P B E A V C x y".split())


def symmetric(r, s, t, p, assumptions=(), names=("Cooperate", "Defect")):
    return Game.from_arrays([[[r, s], [t, p]], [[r, t], [s, p]]], players=("Row", "Column"),
                            strategies=(names, names), assumptions=tuple(assumptions))


def pure(game, cell, conditions=()):
    return Equilibrium(Profile.pure(game, cell), game.outcome(cell), tuple(conditions))


def mixed(game, rows, payoffs, conditions=()):
    return Equilibrium(Profile.from_values(rows), tuple(sympy.sympify(v) for v in payoffs), tuple(conditions))


PD = symmetric(R, S, T, P, [T > R, R > P, P > S])
AXELROD = symmetric(3, 0, 5, 1)
ALLIANCE = symmetric(B - E, -E - A, B, 0, [B > 0, E > 0, A > 0], ("Support", "NotSupport"))
HAWK_DOVE = symmetric(V / 2, 0, V, (V - C) / 2, [C > V, V > 0], ("Dove", "Hawk"))
PENNIES = Game.from_arrays([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]])


def hawk_dove_mixed():
    profile = Profile.from_values([[1 - V / C, V / C]] * 2)
    u = sympy.factor(HAWK_DOVE.expected_payoff(profile, 0))
    return Equilibrium(profile, (u, u))


# -- outcomes ----------------------------------------------------------------------------------


@pytest.mark.parametrize("game", [PD, AXELROD], ids=["symbolic", "axelrod"])
def test_prisoners_dilemma_outcomes(game):
    result = {o.profile: (o.value, o.conditions, o.dominated_by) for o in pareto_efficient_outcomes(game)}
    assert result == {
        (0, 0): (True, (), ()),
        (0, 1): (True, (), ()),
        (1, 0): (True, (), ()),
        (1, 1): (False, (), ((0, 0),)),
    }


def test_outcome_unpacks_as_profile_value_conditions():
    first = pareto_efficient_outcomes(AXELROD)[0]
    profile, value, conds = first
    assert (profile, value, conds) == ((0, 0), True, ())
    assert first.payoffs == (3, 3)


def test_alliance_outcomes_depend_on_entrapment():
    result = {o.profile: (o.value, o.conditions) for o in pareto_efficient_outcomes(ALLIANCE)}
    # at E = B mutual support and mutual restraint both pay 0: neither dominates the other
    assert result[(0, 0)] == (None, (E <= B,))
    assert result[(1, 1)] == (None, (B <= E,))
    assert result[(0, 1)] == (True, ())
    assert result[(1, 0)] == (True, ())


def test_ties_weak_dominance():
    # (1, 1) pays (1, 1) and (1, 0) pays (1, 2): as good for Row, better for Column
    game = Game.from_arrays([[[3, 0], [1, 1]], [[3, 0], [2, 1]]])
    result = {o.profile: o.value for o in pareto_efficient_outcomes(game)}
    assert result == {(0, 0): True, (0, 1): False, (1, 0): False, (1, 1): False}
    # equal outcomes do not dominate each other
    game = Game.from_arrays([[[2, 0], [0, 2]], [[2, 0], [0, 2]]])
    assert all(o.value is True for o in pareto_efficient_outcomes(game) if o.payoffs == (2, 2))


def test_three_players():
    # a three-player public-good game: everyone contributing (2 each) beats nobody (1 each)
    def pay(i, profile):
        k = sum(1 for s in profile if s == 0)
        return F(2 * k, 3) + (0 if profile[i] == 0 else 1)

    arrays = [[[[pay(i, (a, b, c)) for c in range(2)] for b in range(2)] for a in range(2)] for i in range(3)]
    game = Game.from_arrays(arrays)
    result = {o.profile: o.value for o in pareto_efficient_outcomes(game)}
    assert result[(1, 1, 1)] is False
    assert result[(0, 0, 0)] is True
    assert len(result) == 8


# -- equilibria --------------------------------------------------------------------------------


def test_pure_equilibrium_verdicts():
    value, conds = is_pareto_efficient(PD, pure(PD, (1, 1)))
    assert (value, conds) == (False, ())
    verdict = is_pareto_efficient(ALLIANCE, pure(ALLIANCE, (1, 1)))
    assert (verdict.value, verdict.conditions, verdict.dominated_by) == (None, (B <= E,), ((0, 0),))


def test_deficiency_strict_and_weak():
    assert deficiency(PD, pure(PD, (1, 1))).value is True
    assert deficiency(ALLIANCE, pure(ALLIANCE, (1, 1))).conditions == (E < B,)
    # the volunteer of a three-player volunteer's dilemma is indifferent: weakly, not strictly
    game = volunteers(4, 1)
    eq = mixed(game, [["3/4", "1/4"], ["3/4", "1/4"], [0, 1]], (3, 3, "15/4"))
    assert deficiency(game, eq).value is True
    assert deficiency(game, eq, strict=True).value is False


def test_equilibrium_conditions_are_added():
    # (Defect, Defect) is an equilibrium of the alliance game only when E >= B ... here given as a condition
    eq = pure(ALLIANCE, (0, 0), [E <= B])
    verdict = is_pareto_efficient(ALLIANCE, eq)
    assert verdict.value is True
    eq = pure(ALLIANCE, (1, 1), [B < E])
    assert is_pareto_efficient(ALLIANCE, eq).value is True
    assert deficiency(ALLIANCE, eq).value is False


def test_mixed_hawk_dove_and_pennies():
    verdict = is_pareto_efficient(HAWK_DOVE, hawk_dove_mixed())
    assert (verdict.value, verdict.dominated_by) == (False, ((0, 0),))
    eq = mixed(PENNIES, [["1/2", "1/2"], ["1/2", "1/2"]], (0, 0))
    assert tuple(is_pareto_efficient(PENNIES, eq)) == (True, ())


def test_mixed_dominated_only_by_a_mixed_profile():
    # no outcome Pareto-dominates the mixed equilibrium (1/3, 16/5), but Row playing its first
    # strategy and Column mixing half-half gives (1/2, 7/2)
    game = Game.from_arrays([[[1, 0], [-5, 3]], [[3, 4], [4, 0]]])
    eq = mixed(game, [["4/5", "1/5"], ["1/3", "2/3"]], ("1/3", "16/5"))
    verdict = is_pareto_efficient(game, eq)
    assert verdict.value is False
    assert verdict.dominated_by == ()
    assert "mixed profile" in verdict.note
    assert deficiency(game, eq).value is False


def test_three_by_three_mixed():
    # rock-paper-scissors: zero-sum, so no outcome and no mixture of outcomes gives both more
    rps = [[0, -1, 1], [1, 0, -1], [-1, 1, 0]]
    game = Game.from_arrays([rps, [[-v for v in row] for row in rps]])
    eq = mixed(game, [["1/3"] * 3, ["1/3"] * 3], (0, 0))
    assert is_pareto_efficient(game, eq).value is True
    # Shapley's (1964) game: the uniform equilibrium pays 1/3 to each; no outcome dominates it,
    # but Row playing its first strategy while Column mixes its first two pays 1/2 to each
    shapley = Game.from_arrays([[[1, 0, 0], [0, 1, 0], [0, 0, 1]], [[0, 1, 0], [0, 0, 1], [1, 0, 0]]])
    eq = mixed(shapley, [["1/3"] * 3, ["1/3"] * 3], ("1/3", "1/3"))
    verdict = is_pareto_efficient(shapley, eq)
    assert (verdict.value, verdict.dominated_by) == (False, ())
    assert "mixed profile" in verdict.note


def test_three_players_mixed_not_compared_with_mixed_profiles():
    # matching pennies between players 1 and 2, player 3 a dummy: no outcome dominates the
    # mixed equilibrium; mixed profiles of three players are not compared, and the note says so
    mp = [[1, -1], [-1, 1]]
    arrays = [[[[mp[a][b]] * 2 for b in range(2)] for a in range(2)],
              [[[-mp[a][b]] * 2 for b in range(2)] for a in range(2)],
              [[[0, 0] for b in range(2)] for a in range(2)]]
    game = Game.from_arrays(arrays)
    eq = mixed(game, [["1/2", "1/2"], ["1/2", "1/2"], [1, 0]], (0, 0, 0))
    verdict = is_pareto_efficient(game, eq)
    assert verdict.value is None and "three or more players" in verdict.note


def test_symbolic_mixed_parametric():
    # a 2x2 game whose completely mixed equilibrium is dominated by an outcome iff x > 1
    game = Game.from_arrays([[[x, 0], [0, 1]], [[1, 0], [0, x]]], assumptions=(x > 0,))
    # indifference: Row mixes p on 0 with p*1 = (1-p)*x -> p = x/(1+x); Column q*x = 1-q -> q = 1/(1+x)
    p, q = x / (1 + x), 1 / (1 + x)
    u = sympy.factor(x / (1 + x))
    eq = mixed(game, [[p, 1 - p], [q, 1 - q]], (u, u))
    verdict = is_pareto_efficient(game, eq)
    assert verdict.value is False  # (0, 0) pays (x, 1) and (1, 1) pays (1, x): one always wins
    assert verdict.dominated_by


# -- exact mixed-profile test against witnesses (property) -------------------------------------


def _u(M, p, q):
    return p * q * M[0][0] + p * (1 - q) * M[0][1] + (1 - p) * q * M[1][0] + (1 - p) * (1 - q) * M[1][1]


small = st.integers(min_value=-4, max_value=4)
matrix = st.lists(st.lists(small, min_size=2, max_size=2), min_size=2, max_size=2)


@settings(max_examples=60, deadline=None)
@given(matrix, matrix)
def test_mixed_2x2_against_exact_witnesses(A, B):
    dA = (A[0][0] - A[0][1]) - (A[1][0] - A[1][1])
    dB = (B[0][0] - B[1][0]) - (B[0][1] - B[1][1])
    if dA == 0 or dB == 0:
        return
    q = F(A[1][1] - A[0][1], dA)
    p = F(B[1][1] - B[1][0], dB)
    if not (0 < p < 1 and 0 < q < 1):
        return
    u1, u2 = _u(A, p, q), _u(B, p, q)
    game = Game.from_arrays([A, B])
    eq = mixed(game, [[p, 1 - p], [q, 1 - q]], (u1, u2))
    verdict = is_pareto_efficient(game, eq)
    assert verdict.value in (True, False)
    eps = F(1, 10**6)
    ps = sorted({F(k, 40) for k in range(41)} | {p - eps, p + eps})
    qs = sorted({F(k, 40) for k in range(41)} | {q - eps, q + eps})
    outcome_dominates = any(
        A[i][j] >= u1 and B[i][j] >= u2 and (A[i][j] > u1 or B[i][j] > u2) for i in range(2) for j in range(2)
    )
    witness = any(_u(A, a, b) > u1 and _u(B, a, b) > u2 for a in ps for b in qs)
    if verdict.value is True:
        assert not outcome_dominates and not witness
    else:
        assert outcome_dominates or witness


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.tuples(small, small), min_size=2, max_size=3), min_size=2, max_size=3))
def test_outcomes_against_brute_force(cells):
    n = min(len(r) for r in cells)
    rows = [r[:n] for r in cells]
    A = [[c[0] for c in r] for r in rows]
    B = [[c[1] for c in r] for r in rows]
    game = Game.from_arrays([A, B])
    pays = {(i, j): (A[i][j], B[i][j]) for i in range(len(rows)) for j in range(n)}
    for o in pareto_efficient_outcomes(game):
        u = pays[o.profile]
        dominated = any(v[0] >= u[0] and v[1] >= u[1] and v != u for v in pays.values())
        assert o.value is (not dominated)


# -- case analysis helpers ---------------------------------------------------------------------


def test_cases_split_and_merge():
    base = (B > 0, E > 0)
    regions = cases(lambda s: s.sign(B - E), base)
    assert [r.conditions for r in regions] == [(E < B,), (sympy.Eq(B, E),), (B < E,)]
    grouped = dict(merge(regions, base, key=lambda v: v != "-"))
    assert grouped == {True: (E <= B,), False: (B < E,)}


def test_union_conditions():
    assert union_conditions([(E < B,), (B < E,)], [(sympy.Eq(B, E),)]) == (sympy.Ne(B, E),)
    assert union_conditions([(x < 0,)], []) == ()
    assert union_conditions([], [(x < 0,)]) is None
    # not a conjunction: an Or of the regions
    out = union_conditions([(x < 0,), (x >= 0, y < 0)], [(x >= 0, y >= 0)])
    assert len(out) == 1 and isinstance(out[0], sympy.Or)


def test_cases_limits(monkeypatch):
    monkeypatch.setattr(pareto, "MAX_REGIONS", 2)
    with pytest.raises(AnalysisError, match="parameter regions"):
        cases(lambda s: (s.sign(x), s.sign(y)), ())
    monkeypatch.undo()
    with pytest.raises(TimeLimitError):
        with deadline(-1):
            cases(lambda s: s.sign(x), ())


def volunteers(b, c):
    """The three-player volunteer's dilemma (Diekmann 1985), strategy 0 = Volunteer."""
    arrays = []
    for i in range(3):
        table = [[[None] * 2 for _ in range(2)] for _ in range(2)]
        for prof in itertools.product(range(2), repeat=3):
            someone = any(s == 0 for s in prof)
            table[prof[0]][prof[1]][prof[2]] = (b - c) if prof[i] == 0 else (b if someone else 0)
        arrays.append(table)
    return Game.from_arrays(arrays, strategies=[("Volunteer", "Abstain")] * 3)
