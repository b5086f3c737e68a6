"""Nash equilibria from gametheory.solve: literature cases with exact expected values.

Two-player games numeric (vertex enumeration) and symbolic (support enumeration with
conditions), n-player games (pure with conditions, polynomial systems), the checker on every
answer, limits and errors.
"""

from __future__ import annotations

import itertools
import time

import pytest
import sympy

from gametheory.conditions import to_str
from gametheory.errors import TimeLimitError, UnsupportedError, UsageError
from gametheory.expr import symbol
from gametheory.games import Game
from gametheory.equilibria import equilibria, is_equilibrium, pure_equilibria, regret

T, R, P, S = (symbol(n) for n in "TRPS")
V, C = symbol("V"), symbol("C")
B, E, A = symbol("B"), symbol("E"), symbol("A")
a, b, c = symbol("a"), symbol("b"), symbol("c")
Q = sympy.Rational


def symmetric(matrix, **kwargs) -> Game:
    """A symmetric two-player game from the row player's matrix."""
    rows = [list(r) for r in matrix]
    return Game.from_arrays([rows, [list(col) for col in zip(*rows)]], **kwargs)


def bimatrix(A_, B_, **kwargs) -> Game:
    return Game.from_arrays([A_, B_], **kwargs)


def conds(entry) -> tuple[str, ...]:
    """An entry's conditions in the conditions engine's canonical text."""
    return tuple(to_str(c) for c in entry.conditions)


def profiles(result):
    return [e.profile.probabilities for e in result]


def same(x, y) -> bool:
    return sympy.simplify(sympy.sympify(x) - sympy.sympify(y)) == 0


def volunteer(n: int, benefit, cost, **kwargs) -> Game:
    """Diekmann's volunteer's dilemma: strategy 0 Volunteer (b - c), 1 Abstain (b if another volunteers)."""
    tables = [[] for _ in range(n)]
    for s in itertools.product(range(2), repeat=n):
        for i in range(n):
            others = sum(1 for j in range(n) if j != i and s[j] == 0)
            tables[i].append(benefit - cost if s[i] == 0 else benefit * sympy.Min(others, 1))
    arrays = [sympy.ImmutableDenseNDimArray(t, (2,) * n) for t in tables]
    return Game.from_arrays(arrays, strategies=(("Volunteer", "Abstain"),) * n, **kwargs)


PD = symmetric([[3, 0], [5, 1]], strategies=(("Cooperate", "Defect"),) * 2)
PD_SYM = symmetric([[R, S], [T, P]], assumptions=(T > R, R > P, P > S))
STAG = symmetric([[R, S], [T, P]], assumptions=(R > T, T > P, P > S))
HAWK_DOVE = symmetric([[(V - C) / 2, V], [0, V / 2]], assumptions=(C > V, V > 0),
                      strategies=(("Hawk", "Dove"),) * 2)
ALLIANCE = symmetric([[B - E, -E - A], [B, 0]], strategies=(("Support", "NotSupport"),) * 2,
                     assumptions=(B > 0, E > 0, A > 0))


# -- two players, numeric ---------------------------------------------------------------------

def test_prisoners_dilemma_numeric():
    result = equilibria(PD)
    assert profiles(result) == [((0, 1), (0, 1))]
    assert result[0].payoffs == (1, 1)
    assert result[0].conditions == ()
    assert result.complete and result.exact


def test_chicken_numeric():
    result = equilibria(symmetric([[3, 2], [4, 1]]))
    assert profiles(result) == [((1, 0), (0, 1)), ((0, 1), (1, 0)), ((Q(1, 2), Q(1, 2)), (Q(1, 2), Q(1, 2)))]
    assert [e.payoffs for e in result] == [(2, 4), (4, 2), (Q(5, 2), Q(5, 2))]
    assert [e.kind for e in result] == ["pure", "pure", "mixed"]
    assert [e.component for e in result] == [0, 1, 2]


def test_matching_pennies_numeric():
    result = equilibria(bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]]))
    assert profiles(result) == [((Q(1, 2), Q(1, 2)), (Q(1, 2), Q(1, 2)))]
    assert result[0].payoffs == (0, 0)


def test_battle_of_the_sexes():
    result = equilibria(bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]]))
    assert profiles(result) == [((1, 0), (1, 0)), ((0, 1), (0, 1)), ((Q(2, 3), Q(1, 3)), (Q(1, 3), Q(2, 3)))]
    assert result[2].payoffs == (Q(2, 3), Q(2, 3))


def test_rock_paper_scissors():
    rps = symmetric([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
    result = equilibria(rps)
    third = (Q(1, 3),) * 3
    assert profiles(result) == [(third, third)]
    assert result[0].payoffs == (0, 0)
    # the same answer by symbolic-style support enumeration
    assert profiles(equilibria(rps, method="support")) == [(third, third)]


def test_degenerate_numeric_game_has_components():
    # column player indifferent everywhere: a continuum of equilibria
    result = equilibria(bimatrix([[1, 0], [0, 1]], [[0, 0], [0, 0]]))
    half = (Q(1, 2), Q(1, 2))
    assert profiles(result) == [((1, 0), (1, 0)), ((0, 1), (0, 1)), ((1, 0), half), ((0, 1), half)]
    assert len({e.component for e in result}) == 1
    assert all(regret(result.game, e.profile) == 0 for e in result)
    assert result.notes


# -- two players, symbolic ----------------------------------------------------------------------

def test_prisoners_dilemma_symbolic():
    result = equilibria(PD_SYM)
    assert profiles(result) == [((0, 1), (0, 1))]
    assert result[0].payoffs == (P, P)
    assert result[0].conditions == ()
    assert result.complete


def test_hawk_dove():
    result = equilibria(HAWK_DOVE)
    assert profiles(result) == [((1, 0), (0, 1)), ((0, 1), (1, 0)), ((V / C, (C - V) / C), (V / C, (C - V) / C))]
    assert [e.conditions for e in result] == [(), (), ()]
    assert result[0].payoffs == (V, 0)
    assert str(result[2].payoffs[0]) == "V*(C - V)/(2*C)"
    assert str(result[2].profile.probabilities[0][0]) == "V/C"
    assert result.complete


def test_stag_hunt():
    result = equilibria(STAG)
    assert profiles(result)[:2] == [((1, 0), (1, 0)), ((0, 1), (0, 1))]
    mixed = result[2]
    assert str(mixed.profile.probabilities[0][0]) == "(P - S)/(P + R - S - T)"
    assert same(mixed.profile.probabilities[1][0], (P - S) / ((R - T) + (P - S)))
    assert same(mixed.payoffs[0], (P * R - S * T) / (P + R - S - T))
    assert [e.conditions for e in result] == [(), (), ()]


def test_alliance_game():
    result = equilibria(ALLIANCE)
    assert profiles(result) == [((0, 1), (0, 1))]
    assert result[0].payoffs == (0, 0) and result[0].conditions == ()


def test_alliance_game_without_sign_of_entrapment():
    # E free: (Support, Support) needs E <= 0; (NotSupport, NotSupport) needs E >= -A; a mixed
    # equilibrium exists for -A < E < 0 with support probability (A + E)/A
    game = symmetric([[B - E, -E - A], [B, 0]], assumptions=(B > 0, A > 0))
    result = equilibria(game)
    assert profiles(result)[:2] == [((1, 0), (1, 0)), ((0, 1), (0, 1))]
    assert conds(result[0]) == ("E <= 0",)
    assert conds(result[1]) == ("0 <= A + E",)
    mixed = result[2]
    assert mixed.profile.probabilities[0] == ((A + E) / A, -E / A)
    assert conds(mixed) == ("0 < A + E", "E < 0")
    assert len(result) == 3


def test_matching_pennies_symbolic():
    game = bimatrix([[a, -1], [-1, 1]], [[-a, 1], [1, -1]], assumptions=(a > 0,))
    result = equilibria(game)
    assert len(result) == 1
    (x, y) = result[0].profile.probabilities
    assert same(x[0], 2 / (a + 3)) and same(y[0], 2 / (a + 3))
    assert same(result[0].payoffs[0], (a - 1) / (a + 3))
    assert result[0].conditions == ()


def test_generic_symmetric_game_reports_conditions():
    result = equilibria(symmetric([[R, S], [T, P]]))
    conds_of = {e.profile.pure_indices: conds(e) for e in result if e.is_pure}
    assert conds_of[(0, 0)] == ("T <= R",)
    assert conds_of[(1, 1)] == ("S <= P",)
    assert conds_of[(0, 1)] == ("P <= S", "R <= T")
    assert not result.complete  # knife edges (ties) are possible without assumptions
    assert result.notes


def test_symbolic_3x3_finishes_within_its_time_limit():
    # speed is measured in bench/bench_symbolic.py; here the solver must simply finish
    x = sympy.symbols("x0:9", real=True)
    y = sympy.symbols("y0:9", real=True)
    game = bimatrix([[x[3 * i + j] for j in range(3)] for i in range(3)],
                    [[y[3 * i + j] for j in range(3)] for i in range(3)])
    result = equilibria(game, timeout=60)
    assert len(result) == 19  # every support pair of equal size, each under its conditions
    assert all(e.conditions for e in result)


# -- n players ----------------------------------------------------------------------------------

def test_volunteers_dilemma_symbolic():
    result = equilibria(volunteer(3, b, c, assumptions=(b > c, c > 0)))
    pure = [e.profile.pure_indices for e in result if e.is_pure]
    assert pure == [(0, 1, 1), (1, 0, 1), (1, 1, 0)]
    mixed = [e for e in result if not e.is_pure]
    assert len(mixed) == 4
    partly = (1 - c / b, c / b)
    for e, abstainer in zip(mixed[:3], (2, 1, 0)):
        for i in range(3):
            expected = (0, 1) if i == abstainer else partly
            assert all(same(p, q) for p, q in zip(e.profile.probabilities[i], expected))
    symmetric_mix = mixed[3]
    for row in symmetric_mix.profile.probabilities:
        assert same(row[0], 1 - sympy.sqrt(c) / sympy.sqrt(b))
        assert str(row[0]) == "1 - sqrt(c)/sqrt(b)"
    assert symmetric_mix.payoffs == (b - c,) * 3
    assert all(e.conditions == () for e in result)
    assert not result.complete and result.notes  # generic solutions of parametric systems


def test_volunteers_dilemma_numeric_matches_gambit():
    gbt = pytest.importorskip("pygambit")
    import numpy as np

    game = volunteer(3, 4, 1)
    ours = equilibria(game)
    assert ours.complete
    expected = [((0, 1, 1)), ((1, 0, 1)), ((1, 1, 0))]
    assert [e.profile.pure_indices for e in ours if e.is_pure] == expected
    assert [e.profile.probabilities for e in ours if not e.is_pure] == [
        ((Q(3, 4), Q(1, 4)), (Q(3, 4), Q(1, 4)), (0, 1)),
        ((Q(3, 4), Q(1, 4)), (0, 1), (Q(3, 4), Q(1, 4))),
        ((0, 1), (Q(3, 4), Q(1, 4)), (Q(3, 4), Q(1, 4))),
        ((Q(1, 2), Q(1, 2)),) * 3,
    ]
    arrays = [np.array([int(v) for v in arr._array]).reshape(game.shape) for arr in game.payoffs]
    g = gbt.Game.from_arrays(*arrays)
    theirs = gbt.nash.enumpoly_solve(g).equilibria
    _contains_all(ours, theirs, g)
    assert len(theirs) == len(ours)


def _contains_all(ours, theirs, g, tol=1e-6):
    """Every Gambit equilibrium is one of ours (floats compared with a tolerance)."""
    ours_f = [[float(p) for row in e.profile.probabilities for p in row] for e in ours]
    for eq in theirs:
        vec = [float(eq[s]) for pl in g.players for s in pl.strategies]
        assert any(max(abs(u - v) for u, v in zip(vec, mine)) < tol for mine in ours_f), vec


def test_2x2x2_with_an_irrational_equilibrium_and_a_continuum():
    U = [[[[-2, 4], [3, -3]], [[0, 4], [2, 5]]],
         [[[4, -4], [4, -5]], [[2, -1], [3, -2]]],
         [[[-2, 2], [3, 3]], [[2, 1], [5, -3]]]]
    game = Game.from_arrays(U)
    result = equilibria(game)
    assert [e.profile.pure_indices for e in result if e.is_pure] == [(0, 0, 1), (0, 1, 0)]
    segment, mixed = [e for e in result if not e.is_pure]
    r = sympy.sqrt(241)
    assert mixed.profile.probabilities == (
        (Q(27, 80) + 3 * r / 80, Q(53, 80) - 3 * r / 80),
        (Q(59, 82) - 3 * r / 82, Q(23, 82) + 3 * r / 82),
        (Q(133, 194) + 3 * r / 194, Q(61, 194) - 3 * r / 194),
    )
    for e in result:
        assert regret(game, e.profile) == 0
        assert is_equilibrium(game, e.profile) is True
    # player 1 is indifferent against (s1, s2): ((p, 1 - p), s1, s2) is an equilibrium for every
    # p in [1/5, 1], a continuum: its extreme points are listed in one component, and the
    # result is complete
    assert segment.profile.probabilities == ((Q(1, 5), Q(4, 5)), (1, 0), (0, 1))
    (pure_end,) = [e for e in result if e.profile.pure_indices == (0, 0, 1)]
    assert segment.component == pure_end.component != mixed.component
    assert result.complete
    (note,) = [n for n in result.notes if "continuum" in n]
    assert "s1 1 - t, s2 t" in note and "from 0 to 4/5" in note
    assert is_equilibrium(game, ((Q(3, 5), Q(2, 5)), (1, 0), (0, 1))) is True


@pytest.mark.parametrize("seed", range(6))
def test_random_2x2x2_agree_with_gambit(seed):
    gbt = pytest.importorskip("pygambit")
    import random

    import numpy as np

    rng = random.Random(seed)
    arrays = [np.array([rng.randint(-9, 9) for _ in range(8)]).reshape(2, 2, 2) for _ in range(3)]
    game = Game.from_arrays([arr.tolist() for arr in arrays])
    ours = equilibria(game)
    for e in ours:
        assert regret(game, e.profile) == 0
    g = gbt.Game.from_arrays(*arrays)
    theirs = gbt.nash.enumpoly_solve(g).equilibria
    if ours.complete:
        _contains_all(ours, theirs, g)
    assert [e.profile.pure_indices for e in ours if e.is_pure] == [
        e.profile.pure_indices for e in pure_equilibria(game)]


def test_three_players_pure_with_conditions():
    # each player gets x if all three match, else 0
    x = symbol("x")
    tables = [[x if len(set(s)) == 1 else 0 for s in itertools.product(range(2), repeat=3)]] * 3
    game = Game.from_arrays([sympy.ImmutableDenseNDimArray(t, (2, 2, 2)) for t in tables])
    result = pure_equilibria(game)
    found = {e.profile.pure_indices: conds(e) for e in result}
    assert found[(0, 0, 0)] == ("0 <= x",) and found[(1, 1, 1)] == ("0 <= x",)
    assert found[(0, 0, 1)] == ("x <= 0",)  # the odd one out would rather match
    assert len(found) == 8


# -- methods, limits, errors ------------------------------------------------------------------------

def test_methods_agree_on_a_numeric_game():
    game = bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    vertex = profiles(equilibria(game, method="vertex"))
    assert profiles(equilibria(game, method="support")) == vertex
    assert profiles(equilibria(game, method="polynomial")) == vertex
    assert profiles(equilibria(game, method="pure")) == vertex[:2]


def test_bad_methods():
    with pytest.raises(UsageError, match="unknown method"):
        equilibria(PD, method="lemke")
    with pytest.raises(UsageError, match="two-player"):
        equilibria(volunteer(3, 4, 1), method="support")
    with pytest.raises(UsageError, match="rational payoffs"):
        equilibria(HAWK_DOVE, method="vertex")


def test_time_limit():
    x = sympy.symbols("x0:16", real=True)
    y = sympy.symbols("y0:16", real=True)
    game = bimatrix([[x[4 * i + j] for j in range(4)] for i in range(4)],
                    [[y[4 * i + j] for j in range(4)] for i in range(4)])
    start = time.monotonic()
    with pytest.raises(TimeLimitError, match="time limit"):
        equilibria(game, timeout=0.2)
    assert time.monotonic() - start < 5


def test_five_players_every_equilibrium_exactly():
    """Diekmann's volunteer's dilemma with five players (b = 4, c = 1): no size cap any more. With
    k players mixing and the rest abstaining, each volunteers with probability 1 - (c/b)^(1/(k-1));
    with one pure volunteer, the others abstain: 5 + 10 + 10 + 5 + 1 = 31 equilibria (odd, as
    Wilson's theorem says for a nondegenerate game), every one verified with zero regret."""
    game = volunteer(5, 4, 1)
    result = equilibria(game, method="polynomial")
    assert result.complete and len(result) == 31
    assert all(regret(game, e.profile) == 0 for e in result)
    by_size = {}
    for e in result:
        mixing = [row[0] for row in e.profile.probabilities if row[0] not in (0, 1)]
        if mixing:
            by_size.setdefault(len(mixing), set()).update(mixing)
    for k, values in by_size.items():
        assert values == {1 - sympy.Rational(1, 4) ** sympy.Rational(1, k - 1)}, (k, values)
    assert sorted((k, sum(1 for e in result if sum(1 for row in e.profile.probabilities if row[0] not in (0, 1)) == k))
                  for k in by_size) == [(2, 10), (3, 10), (4, 5), (5, 1)]


def test_irrational_numeric_payoffs_use_support_enumeration():
    r2 = sympy.sqrt(2)
    result = equilibria(bimatrix([[r2, 0], [0, 1]], [[1, 0], [0, r2]]))
    assert len(result) == 3
    x, y = result[2].profile.probabilities
    assert same(x[0], r2 / (1 + r2)) and same(y[0], 1 / (1 + r2))
    assert all(regret(result.game, e.profile) == 0 for e in result)


def test_a_long_sympy_call_is_interrupted_at_the_deadline():
    from gametheory import limits
    from gametheory.equilibria.polynomial import _solve_symbolic

    p = sympy.symbols("p0:3")
    u = sympy.symbols("u0:12", real=True)
    equations = [u[0] + u[1] * p[1] + u[2] * p[2] + u[3] * p[1] * p[2],
                 u[4] + u[5] * p[0] + u[6] * p[2] + u[7] * p[0] * p[2],
                 u[8] + u[9] * p[0] + u[10] * p[1] + u[11] * p[0] * p[1]]
    start = time.monotonic()
    with pytest.raises(TimeLimitError), limits.deadline(0.5):
        _solve_symbolic(equations, list(p))
    assert time.monotonic() - start < 3
