"""Exact extreme equilibria of bimatrix games: literature cases, an independent
brute-force oracle, and property tests (hypothesis)."""

from __future__ import annotations

from fractions import Fraction
from itertools import combinations, product

import numpy as np
import pytest
import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gametheory.errors import TimeLimitError, UnsupportedError, UsageError
from gametheory.limits import deadline
from gametheory.equilibria.bimatrix import (
    BimatrixResult,
    extreme_equilibria,
    is_equilibrium,
    regret,
)

F = Fraction


def fr(*values):
    return tuple(F(v) for v in values)


def eqset(result: BimatrixResult):
    return {(e.row, e.col) for e in result.equilibria}


def partition(result: BimatrixResult):
    """Components as a set of frozensets of (row, col) pairs: independent of indices."""
    return {
        frozenset((result.equilibria[k].row, result.equilibria[k].col) for k in comp)
        for comp in result.components
    }


# ---------------------------------------------------------------------------
# An independent oracle: every m-subset of constraints, solved with Fractions
# ---------------------------------------------------------------------------


def _solve(M, rhs):
    """Gauss-Jordan over Fractions; None if singular."""
    d = len(M)
    T = [list(map(F, row)) + [F(b)] for row, b in zip(M, rhs)]
    for c in range(d):
        p = next((r for r in range(c, d) if T[r][c] != 0), None)
        if p is None:
            return None
        T[c], T[p] = T[p], T[c]
        piv = T[c][c]
        T[c] = [v / piv for v in T[c]]
        for r in range(d):
            if r != c and T[r][c] != 0:
                f = T[r][c]
                T[r] = [a - f * b for a, b in zip(T[r], T[c])]
    return tuple(T[r][d] for r in range(d))


def _brute_vertices(C, d):
    """Vertices of {z >= 0, C z <= 1} with their tight-constraint sets (z first, then C)."""
    k = len(C)
    G = [[-1 if j == i else 0 for j in range(d)] for i in range(d)] + [list(r) for r in C]
    h = [0] * d + [1] * k
    out = {}
    for S in combinations(range(d + k), d):
        z = _solve([G[s] for s in S], [h[s] for s in S])
        if z is None:
            continue
        slack = [h[r] - sum(g * v for g, v in zip(G[r], z)) for r in range(d + k)]
        if min(slack) < 0:
            continue
        out[z] = frozenset(r for r in range(d + k) if slack[r] == 0)
    return out


def brute_force(A, B):
    """Every complementary vertex pair, normalised: the definition, by brute force."""
    return brute_force_with_degeneracy(A, B)[0]


def brute_force_with_degeneracy(A, B):
    """(equilibria, degenerate): degenerate iff some vertex has more labels than its dimension."""
    m, n = len(A), len(A[0])
    lo_a = min(min(r) for r in A)
    lo_b = min(min(r) for r in B)
    A1 = [[F(v) - lo_a + 1 for v in r] for r in A]
    B1 = [[F(v) - lo_b + 1 for v in r] for r in B]
    P = _brute_vertices([[B1[i][j] for i in range(m)] for j in range(n)], m)
    Q = _brute_vertices(A1, n)
    # labels: rows 0..m-1, columns m..m+n-1
    plab = {x: {t if t < m else t for t in T} for x, T in P.items()}  # z_i=0 -> i ; col j -> m+j
    qlab = {y: {(m + t) if t < n else (t - n) for t in T} for y, T in Q.items()}
    full = set(range(m + n))
    out = set()
    for x, lx in plab.items():
        for y, ly in qlab.items():
            if any(x) and any(y) and lx | ly == full:
                sx, sy = sum(x), sum(y)
                out.add((tuple(v / sx for v in x), tuple(v / sy for v in y)))
    degenerate = any(len(t) > m for t in P.values()) or any(len(t) > n for t in Q.values())
    return out, degenerate


# ---------------------------------------------------------------------------
# Literature cases with exact answers
# ---------------------------------------------------------------------------


def test_von_stengel_nondegenerate_3x2():
    # von Stengel (2007), Algorithmic Game Theory ch. 3, the 3x2 example: three equilibria.
    r = extreme_equilibria([[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]])
    assert eqset(r) == {
        (fr(1, 0, 0), fr(1, 0)),
        (fr(F(4, 5), F(1, 5), 0), fr(F(2, 3), F(1, 3))),
        (fr(0, F(1, 3), F(2, 3)), fr(F(1, 3), F(2, 3))),
    }
    assert not r.degenerate
    assert len(r.components) == 3 and all(len(c) == 1 for c in r.components)
    assert [e.row for e in r.equilibria] == sorted(e.row for e in r.equilibria)


def test_von_stengel_degenerate_3x2():
    # Same game with the column player indifferent against the top row: a line segment
    # of equilibria {(1,0,0)} x [(2/3,1/3), (1,0)] (von Stengel 2007, section 3.6).
    r = extreme_equilibria([[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]])
    assert r.degenerate
    assert eqset(r) == {
        (fr(1, 0, 0), fr(1, 0)),
        (fr(1, 0, 0), fr(F(2, 3), F(1, 3))),
        (fr(0, F(1, 3), F(2, 3)), fr(F(1, 3), F(2, 3))),
    }
    assert partition(r) == {
        frozenset({(fr(1, 0, 0), fr(1, 0)), (fr(1, 0, 0), fr(F(2, 3), F(1, 3)))}),
        frozenset({(fr(0, F(1, 3), F(2, 3)), fr(F(1, 3), F(2, 3)))}),
    }
    # one clique per component: {(1,0,0)} x {(1,0), (2/3,1/3)}
    cl = {
        (tuple(r.row_vertices[i] for i in rows), tuple(r.col_vertices[j] for j in cols))
        for rows, cols in r.cliques
    }
    assert cl == {
        ((fr(0, F(1, 3), F(2, 3)),), (fr(F(1, 3), F(2, 3)),)),
        ((fr(1, 0, 0),), (fr(F(2, 3), F(1, 3)), fr(1, 0))),
    }


def test_nashpy_issue_82_eight_equilibria():
    # github.com/drvinceknight/Nashpy/issues/82: players minimise, so negate; eight
    # extreme equilibria, as listed in the issue.
    A = np.array([[0, 0, 6, 0, 0], [0, 0, 3, 2, 1], [4, 3, 0, 0, 1]])
    B = np.array([[3, 0, 2, 1, 0], [0, 2, 0, 0, 4], [4, 0, 2, 4, 4]])
    r = extreme_equilibria(-A, -B)
    h = F(1, 2)
    assert eqset(r) == {
        (fr(1, 0, 0), fr(0, 1, 0, 0, 0)),
        (fr(1, 0, 0), fr(0, 0, 0, 0, 1)),
        (fr(F(2, 3), F(1, 3), 0), fr(0, 1, 0, 0, 0)),
        (fr(F(1, 3), h, F(1, 6)), fr(0, F(4, 9), F(2, 9), F(1, 3), 0)),
        (fr(0, h, h), fr(0, h, h, 0, 0)),
        (fr(0, 1, 0), fr(F(3, 7), 0, F(4, 7), 0, 0)),
        (fr(0, 1, 0), fr(1, 0, 0, 0, 0)),
        (fr(0, 1, 0), fr(F(3, 8), 0, F(1, 4), F(3, 8), 0)),
    }
    assert sorted(len(c) for c in r.components) == [1, 1, 3, 3]


def test_nashpy_issue_222_segment():
    # github.com/drvinceknight/Nashpy/issues/222: equilibria (p, 1-p) x (1, 0), p in [0, 2/7].
    r = extreme_equilibria([[-3, 3], [-3, 5]], [[2, 7], [4, 2]])
    assert eqset(r) == {(fr(0, 1), fr(1, 0)), (fr(F(2, 7), F(5, 7)), fr(1, 0))}
    assert r.components == ((0, 1),)
    assert r.cliques == (((0, 1), (0,)),)


def test_zero_game_is_one_component_one_clique():
    r = extreme_equilibria([[0, 0, 0]] * 2, [[0, 0, 0]] * 2)
    assert len(r.equilibria) == 6
    assert r.components == ((0, 1, 2, 3, 4, 5),)
    assert r.cliques == (((0, 1), (0, 1, 2)),)
    assert r.degenerate


def test_matching_pennies_and_prisoners_dilemma():
    mp = extreme_equilibria([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    assert eqset(mp) == {(fr(F(1, 2), F(1, 2)), fr(F(1, 2), F(1, 2)))}
    pd = extreme_equilibria([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    assert eqset(pd) == {(fr(0, 1), fr(0, 1))}
    assert not pd.degenerate


def test_one_strategy_each_and_one_row():
    assert eqset(extreme_equilibria([[7]], [[-2]])) == {(fr(1), fr(1))}
    r = extreme_equilibria([[1, 2, 3]], [[5, 5, 1]])
    assert eqset(r) == {(fr(1), fr(1, 0, 0)), (fr(1), fr(0, 1, 0))}
    assert r.components == ((0, 1),)


# ---------------------------------------------------------------------------
# Input forms and errors
# ---------------------------------------------------------------------------


def test_accepts_fractions_sympy_numpy_and_decimal_floats():
    A = [[F(1, 3), 2], [3, F(-1, 2)]]
    B = [[1, 0], [0, 1]]
    base = eqset(extreme_equilibria(A, B))
    assert eqset(extreme_equilibria(sympy.Matrix([[sympy.Rational(1, 3), 2], [3, sympy.Rational(-1, 2)]]),
                                    sympy.Matrix(B))) == base
    assert eqset(extreme_equilibria(np.array(A, dtype=object), np.array(B))) == base
    # 0.1 is read as 1/10: scaling all of A by 1/10 keeps the equilibria
    assert eqset(extreme_equilibria([[0.1, 0.2], [0.2, 0.1]], B)) == eqset(
        extreme_equilibria([[1, 2], [2, 1]], B)
    )


def test_errors():
    with pytest.raises(UsageError, match="same shape"):
        extreme_equilibria([[1, 2]], [[1], [2]])
    with pytest.raises(UsageError, match="ragged"):
        extreme_equilibria([[1, 2], [3]], [[1, 2], [3, 4]])
    with pytest.raises(UnsupportedError, match="not an exact number"):
        extreme_equilibria([[sympy.Symbol("a"), 1]], [[1, 1]])
    with pytest.raises(UnsupportedError):
        extreme_equilibria([[float("nan"), 1]], [[1, 1]])
    with pytest.raises(UsageError, match="sum to 1"):
        regret([[1]], [[1]], [F(1, 2)], [1])


def test_regret_and_is_equilibrium_exact():
    A, B = [[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]]
    assert regret(A, B, fr(F(4, 5), F(1, 5), 0), fr(F(2, 3), F(1, 3))) == 0
    assert is_equilibrium(A, B, [F(4, 5), F(1, 5), 0], [F(2, 3), F(1, 3)])
    # a tiny perturbation is detected exactly
    x = (F(4, 5) + F(1, 10**30), F(1, 5) - F(1, 10**30), F(0))
    assert regret(A, B, x, fr(F(2, 3), F(1, 3))) > 0
    assert not is_equilibrium(A, B, x, fr(F(2, 3), F(1, 3)))
    assert regret(A, B, fr(0, 0, 1), fr(1, 0)) == 3  # row player: 0 -> 3
    assert not is_equilibrium(A, B, [F(1, 2), F(1, 2), F(1, 2)], [1, 0])  # not a distribution


def test_time_limit():
    rng = np.random.default_rng(3)
    A, B = rng.integers(0, 100, (9, 9)), rng.integers(0, 100, (9, 9))
    with deadline(0.0), pytest.raises(TimeLimitError):
        extreme_equilibria(A, B)


# ---------------------------------------------------------------------------
# Against the brute-force oracle, and properties (hypothesis)
# ---------------------------------------------------------------------------

def games(max_side=4, low=0, high=3):
    @st.composite
    def build(draw):
        m = draw(st.integers(1, max_side))
        n = draw(st.integers(1, max_side))
        cell = st.integers(low, high)
        A = draw(st.lists(st.lists(cell, min_size=n, max_size=n), min_size=m, max_size=m))
        kind = draw(st.sampled_from(["free", "free", "free", "zero-sum", "common"]))
        if kind == "zero-sum":
            B = [[-v for v in r] for r in A]
        elif kind == "common":
            B = [r[:] for r in A]
        else:
            B = draw(st.lists(st.lists(cell, min_size=n, max_size=n), min_size=m, max_size=m))
        return A, B

    return build()


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(games())
def test_matches_brute_force_oracle(game):
    A, B = game
    r = extreme_equilibria(A, B)
    expected, degenerate = brute_force_with_degeneracy(A, B)
    assert eqset(r) == expected
    assert r.degenerate == degenerate
    assert len(eqset(r)) == len(r.equilibria)  # no duplicates


@SETTINGS
@given(games(max_side=5, high=4))
def test_every_profile_has_zero_regret_and_structure_is_consistent(game):
    A, B = game
    r = extreme_equilibria(A, B)
    assert r.equilibria, "every finite game has an equilibrium"
    for e in r.equilibria:
        assert regret(A, B, e.row, e.col) == 0
        assert sum(e.row) == 1 and sum(e.col) == 1
    keys = [(e.row, e.col) for e in r.equilibria]
    assert keys == sorted(keys)
    # components partition the indices and agree with .component
    assert sorted(k for c in r.components for k in c) == list(range(len(keys)))
    for ci, comp in enumerate(r.components):
        assert all(r.equilibria[k].component == ci for k in comp)
    # every clique is a product of extreme equilibria, and cliques cover all equilibria
    covered = set()
    for rows, cols in r.cliques:
        for i, j in product(rows, cols):
            pair = (r.row_vertices[i], r.col_vertices[j])
            assert pair in set(keys)
            covered.add(pair)
            # a convex combination inside a clique is an equilibrium too
        mid_row = tuple(sum(c) / len(rows) for c in zip(*(r.row_vertices[i] for i in rows)))
        mid_col = tuple(sum(c) / len(cols) for c in zip(*(r.col_vertices[j] for j in cols)))
        assert is_equilibrium(A, B, mid_row, mid_col)
    assert covered == set(keys)
    if not r.degenerate:
        assert all(len(c) == 1 for c in r.components)


@SETTINGS
@given(games(max_side=4, high=5), st.integers(-7, 7), st.integers(1, 5), st.integers(-7, 7), st.integers(1, 5))
def test_invariant_under_positive_affine_maps(game, a_shift, a_scale, b_shift, b_scale):
    A, B = game
    base = extreme_equilibria(A, B)
    A2 = [[a_scale * v + a_shift for v in r] for r in A]
    B2 = [[F(v, b_scale) + b_shift for v in r] for r in B]
    moved = extreme_equilibria(A2, B2)
    assert eqset(moved) == eqset(base)
    assert partition(moved) == partition(base)


@SETTINGS
@given(games(max_side=4, high=3), st.randoms(use_true_random=False))
def test_permuting_strategies_permutes_equilibria(game, rnd):
    A, B = game
    m, n = len(A), len(A[0])
    pr, pc = list(range(m)), list(range(n))
    rnd.shuffle(pr)
    rnd.shuffle(pc)
    # new row i is old row pr[i]; new column j is old column pc[j]
    A2 = [[A[pr[i]][pc[j]] for j in range(n)] for i in range(m)]
    B2 = [[B[pr[i]][pc[j]] for j in range(n)] for i in range(m)]
    base = extreme_equilibria(A, B)
    moved = extreme_equilibria(A2, B2)

    def perm(pair):
        x, y = pair
        return tuple(x[pr[i]] for i in range(m)), tuple(y[pc[j]] for j in range(n))

    assert eqset(moved) == {perm(p) for p in eqset(base)}
    assert partition(moved) == {frozenset(perm(p) for p in c) for c in partition(base)}


@SETTINGS
@given(games(max_side=5, high=3))
def test_swapping_players_swaps_equilibria(game):
    A, B = game
    At = [list(c) for c in zip(*B)]
    Bt = [list(c) for c in zip(*A)]
    assert eqset(extreme_equilibria(At, Bt)) == {(y, x) for x, y in eqset(extreme_equilibria(A, B))}


@SETTINGS
@given(games(max_side=5, high=3))
def test_pure_equilibria_are_exactly_the_pure_profiles(game):
    A, B = game
    m, n = len(A), len(A[0])
    direct = set()
    for i, j in product(range(m), range(n)):
        if A[i][j] == max(A[k][j] for k in range(m)) and B[i][j] == max(B[i][l] for l in range(n)):
            direct.add((tuple(F(int(k == i)) for k in range(m)), tuple(F(int(l == j)) for l in range(n))))
    found = {(x, y) for x, y in eqset(extreme_equilibria(A, B)) if max(x) == 1 and max(y) == 1}
    assert found == direct


def test_random_0_99_games_match_oracle_and_have_zero_regret():
    rng = np.random.default_rng(20240601)
    for _ in range(40):
        m, n = rng.integers(2, 5, 2)
        A, B = rng.integers(0, 100, (m, n)).tolist(), rng.integers(0, 100, (m, n)).tolist()
        r = extreme_equilibria(A, B)
        assert eqset(r) == brute_force(A, B)


def test_duplicate_rows_and_columns():
    rng = np.random.default_rng(7)
    for _ in range(20):
        A, B = rng.integers(0, 4, (3, 3)), rng.integers(0, 4, (3, 3))
        A = np.vstack([A, A[1:2]])
        B = np.vstack([B, B[1:2]])
        A = np.hstack([A, A[:, :1]])
        B = np.hstack([B, B[:, :1]])
        assert eqset(extreme_equilibria(A, B)) == brute_force(A.tolist(), B.tolist())


def test_nashpy_adapter_keeps_only_exactly_verified_equilibria():
    pytest.importorskip("nashpy", reason="nashpy is not installed")
    from gametheory.equilibria._nashpy import raw_equilibria, verified_equilibria

    rng = np.random.default_rng(11)
    for _ in range(8):
        A, B = rng.integers(0, 100, (3, 3)).tolist(), rng.integers(0, 100, (3, 3)).tolist()
        exact = extreme_equilibria(A, B)
        found = set(verified_equilibria(A, B))
        assert found <= eqset(exact)
        if not exact.degenerate:
            assert found == eqset(exact)
    # a profile that is only approximately an equilibrium is dropped, never reported
    # (rounding to denominators <= 2 spoils the two mixed ones; the pure one survives)
    A, B = [[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]]
    assert len(raw_equilibria(A, B)) == 3
    assert verified_equilibria(A, B, max_denominator=2) == ((fr(1, 0, 0), fr(1, 0)),)
    with pytest.raises(UsageError, match="method must be one of"):
        raw_equilibria(A, B, "magic")
