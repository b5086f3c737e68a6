"""Fast paths for the linear programs of the dominance check: an exact simplex in integer
arithmetic, and a floating-point screen whose answers are only used once checked exactly.

Conventions
-----------
* :func:`lp_max` is the exact two-phase simplex method with Bland's smallest-index rule, the
  same pivot rule, phase-1 program and handling of redundant rows as the rational-arithmetic
  simplex it replaces, so that it visits the same bases and returns the same optimal vertex.
  The tableau is kept as integers over one common denominator, the determinant of the basis,
  and a pivot is ``(T[i][c] * p - T[i][e] * T[r][c]) / D``, an exact division (Edmonds 1967):
  the arithmetic of the vertex enumeration (:mod:`gametheory.equilibria.bimatrix`).
* :func:`mixed_dominator` decides whether a strategy is dominated by a mix of the others. It
  first looks for an exact certificate that it is *not* strictly dominated: a belief ``y`` over
  the other players' profiles under which no candidate does better (``D y <= 0``), tried first
  among pure beliefs and then from a floating-point solution of the matrix game ``D``. The
  floating-point belief is turned into exact rationals and checked in integer arithmetic; only a
  belief that passes the check is used, and then only to say "not dominated" (which the exact
  program would also say, by linear-programming duality). Every other case, and every
  dominating mix that is reported, comes from the exact program.
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

from .. import limits

__all__ = ["lp_max", "certificate", "mixed_dominator", "dominator", "not_strictly_dominated"]


def _lcm_of_denominators(values) -> int:
    den = 1
    for v in values:
        d = v.denominator
        if d != 1:
            den = den * d // math.gcd(den, d)
    return den


def lp_max(c, A, b):
    """Maximise ``c x`` subject to ``A x = b``, ``x >= 0``, exactly.

    Parameters
    ----------
    c : sequence of rationals (``int`` or Fraction: anything with ``numerator`` and
        ``denominator``), length ``n``
    A : ``m`` rows of ``n`` rationals
    b : ``m`` rationals

    Returns
    -------
    tuple or None
        ``(value, x)`` with ``value`` a Fraction and ``x`` a list of ``n`` Fractions, an optimal
        basic solution; ``None`` if the program is infeasible.

    Raises
    ------
    ArithmeticError
        If the program is unbounded (not reached for the programs of the dominance check).

    Notes
    -----
    Two-phase simplex, Bland's rule (Bland 1977): the entering variable is the lowest-index one
    with a positive reduced cost, the leaving row the one with the smallest ratio, ties to the
    lowest-index basic variable. Phase 1 adds one artificial variable per row (rows with a
    negative right-hand side are negated first) and maximises minus their sum; artificial
    variables left in the basis at zero are pivoted out on the first structural column with a
    nonzero entry, or their row (then redundant) is left out of phase 2.
    """
    m, n = len(A), len(c)
    scale = _lcm_of_denominators([v for row in A for v in row] + list(b))
    T: list[list[int]] = []
    for r in range(m):
        row = [v.numerator * (scale // v.denominator) for v in A[r]]
        rhs = b[r].numerator * (scale // b[r].denominator)
        if rhs < 0:
            row, rhs = [-v for v in row], -rhs
        T.append(row + [int(a == r) for a in range(m)] + [rhs])
    basis = list(range(n, n + m))
    width = n + m
    live = [True] * m
    # the common denominator D of the tableau (the determinant of the basis, up to sign), and the
    # row of reduced costs times D while a phase runs (kept by the same exact pivots)
    state: list = [1, None]

    def pivot(r, j):
        D = state[0]
        pr = T[r]
        p = pr[j]
        for i in range(m):
            if i == r:
                continue
            row = T[i]
            f = row[j]
            if f:
                T[i] = [(u * p - f * v) // D for u, v in zip(row, pr)]
            elif p != D:
                T[i] = [u * p // D for u in row]
        Z = state[1]
        if Z is not None:
            f = Z[j]
            state[1] = [(u * p - f * v) // D for u, v in zip(Z, pr)] if f else [u * p // D for u in Z]
        state[0] = p
        basis[r] = j

    def run(obj, allowed):
        D = state[0]
        state[1] = [obj[j] * D - sum(obj[basis[r]] * T[r][j] for r in range(m) if live[r])
                    for j in range(width)]
        while True:
            limits.check("a linear program of the dominance check")
            D = state[0]
            Z = state[1]
            sign = 1 if D > 0 else -1
            entering = None
            basic = set(basis)
            for j in allowed:
                if j in basic:
                    continue
                if Z[j] * sign > 0:
                    entering = j
                    break
            if entering is None:
                state[1] = None
                return
            best = -1
            ba = bb = 0
            for r in range(m):
                if not live[r]:
                    continue
                a = T[r][entering]
                if a * sign > 0:
                    rhs = T[r][-1]
                    if best < 0:
                        best, ba, bb = r, a, rhs
                        continue
                    left, right = rhs * ba, bb * a  # ratio comparison; a * ba > 0
                    if left < right or left == right and basis[r] < basis[best]:
                        best, ba, bb = r, a, rhs
            if best < 0:
                raise ArithmeticError("unbounded linear program")  # not reached for these programs
            pivot(best, entering)

    phase1 = [0] * n + [-1] * m
    run(phase1, range(width))
    if any(T[r][-1] != 0 for r in range(m) if basis[r] >= n):
        return None
    for r in range(m):
        if basis[r] >= n:
            j = next((j for j in range(n) if T[r][j] != 0), None)
            if j is None:
                live[r] = False  # a redundant row: its structural entries stay zero from now on
                continue
            pivot(r, j)
    c_scale = _lcm_of_denominators(c)
    obj = [v.numerator * (c_scale // v.denominator) for v in c] + [0] * m
    run(obj, range(n))
    D = state[0]
    x = [Fraction(0)] * n
    for r, j in enumerate(basis):
        if live[r] and j < n:
            x[j] = Fraction(T[r][-1], D)
    return sum(Fraction(ci) * xi for ci, xi in zip(c, x)), x


# -- the screen ------------------------------------------------------------------------------------


def _integer_rows(D) -> list[list[int]]:
    """Each row of ``D`` times the lcm of its denominators (a positive factor per row: the signs
    of ``D y`` row by row are unchanged)."""
    out = []
    for row in D:
        if all(type(v) is int for v in row):
            out.append(list(row))
            continue
        den = _lcm_of_denominators(row)
        out.append([v.numerator * (den // v.denominator) for v in row])
    return out


def _float_belief(D):
    """An (approximately) optimal mixed strategy of the minimising player of the matrix game
    ``D`` (rows maximise), from a floating-point simplex; ``None`` if it does not settle."""
    import numpy as np

    M = np.array(D, dtype=float)
    k, q = M.shape
    M += 1.0 - M.min()  # every entry >= 1: max sum(u) s.t. M u <= 1, u >= 0 is bounded
    T = np.zeros((k + 1, q + k + 1))
    T[:k, :q] = M
    T[:k, q:q + k] = np.eye(k)
    T[:k, -1] = 1.0
    T[k, :q] = -1.0
    basis = list(range(q, q + k))
    rhs = T[:k, -1]
    for _ in range(8 * (k + q) + 20):
        j = int(T[k, :-1].argmin())
        if T[k, j] >= -1e-12:
            break
        col = T[:k, j]
        with np.errstate(divide="ignore", invalid="ignore"):
            ratios = np.where(col > 1e-12, rhs / col, np.inf)
        r = int(ratios.argmin())
        if ratios[r] == np.inf:
            return None
        T[r] /= T[r, j]
        factors = T[:, j].copy()
        factors[r] = 0.0
        T -= np.outer(factors, T[r])
        basis[r] = j
    else:
        return None
    u = [0.0] * q
    for r, j in enumerate(basis):
        if j < q and T[r, -1] > 0:
            u[j] = float(T[r, -1])
    return u if any(u) else None


def _certifies(Di: list[list[int]], y) -> bool:
    """``D y <= 0`` in every row, exactly, for nonnegative floats ``y``, not all zero (each float
    is read as the binary fraction it is)."""
    ratios = [v.as_integer_ratio() for v in y]
    den = max(d for _, d in ratios)  # powers of two: the largest is their lcm
    yi = [(n * (den // d), o) for o, (n, d) in enumerate(ratios) if n]
    if not yi or any(w < 0 for w, _ in yi):
        return False
    return all(sum(w * row[o] for w, o in yi) <= 0 for row in Di)


def certificate(D, strict: bool):
    """The columns of a belief under which no mix of the rows of ``D`` dominates, or ``None``
    (undecided here, not "dominated").

    For strict dominance: a belief ``y >= 0``, not zero, with ``D y <= 0`` in every row, pure
    beliefs first, then the floating-point optimum checked exactly; for weak dominance: a pure
    belief under which every row is negative. The belief stays a certificate when rows are
    removed (fewer candidates), so the caller may reuse it while its columns remain.
    """
    Di = _integer_rows(D)
    for o, column in enumerate(zip(*Di)):
        if max(column) < 0 or strict and max(column) <= 0:  # a best response to this pure belief
            return [o]
    if not strict:
        return None
    y = _float_belief(Di)
    if y is not None and _certifies(Di, y):
        return [o for o, w in enumerate(y) if w]
    return None


def not_strictly_dominated(D) -> bool:
    """``True`` if an exact certificate shows that no mix of the rows of ``D`` is positive in
    every column (``False``: undecided here, not "dominated")."""
    return certificate(D, True) is not None


def mixed_dominator(D, strict: bool, exact):
    """A distribution over the rows of ``D`` that dominates (``sigma D > 0`` everywhere, or, for
    weak dominance, ``>= 0`` everywhere and ``> 0`` somewhere), or ``None``.

    ``exact(D, strict)`` is the exact linear program that decides and whose dominating mix is
    returned; it is skipped only when an exact :func:`certificate` shows there is none.
    """
    if certificate(D, strict) is not None:
        return None
    return exact(D, strict)


_LAST: list = [None]


def _vectors(table, i: int, remaining):
    """The others' profiles (``None`` in player ``i``'s place), and ``{t: player i's payoffs from
    t against each of them}`` (the last answer is kept: the elimination asks about every strategy
    of a player in turn)."""
    key = (i, tuple(r if j != i else None for j, r in enumerate(remaining)))
    last = _LAST[0]
    if last is not None and last[0] is table and last[1] == key and all(t in last[3] for t in remaining[i]):
        return last[2], last[3]
    arr = table[i]
    others = list(itertools.product(*(r if j != i else (None,) for j, r in enumerate(remaining))))
    vectors = {t: [arr[o[:i] + (t,) + o[i + 1:]] for o in others] for t in remaining[i]}
    _LAST[0] = (table, key, others, vectors)
    return others, vectors


def dominator(table, i: int, s: int, remaining, size: int, strict: bool, exact, memo=None):
    """A strategy of player ``i`` (one weight per strategy, zero off ``remaining[i]``) that
    dominates its strategy ``s`` given the strategies ``remaining[j]`` of every player, or
    ``None`` (``size``: the number of strategies of player ``i``): the steps of
    :meth:`gametheory.equilibria.dominance._Judge.dominated` on a numeric game, with payoffs from
    ``table`` (:func:`gametheory.equilibria._numeric.table`).

    Pure strategies first (the lowest-index dominating one), then mixes of two or more
    (:func:`mixed_dominator`, ``exact`` the exact program that decides). ``memo`` (a dict kept
    by the caller for one game) remembers each certificate that ``s`` is not dominated; while
    the profiles it uses remain, it still holds (candidates are only ever removed).
    """
    key = (i, s, strict)
    if memo is not None and key in memo:
        kept = [set(r) for r in remaining]
        if all(o[j] in kept[j] for o in memo[key] for j in range(len(kept)) if j != i):
            return None
    others, vectors = _vectors(table, i, remaining)
    own = vectors[s]
    candidates = [t for t in remaining[i] if t != s]
    D = []
    for t in candidates:
        diffs = [a - b for a, b in zip(vectors[t], own)]
        if strict:
            if min(diffs) > 0:
                return [1 if k == t else 0 for k in range(size)]
        elif min(diffs) >= 0 and max(diffs) > 0:
            return [1 if k == t else 0 for k in range(size)]
        D.append(diffs)
    if len(candidates) < 2:
        return None
    support = certificate(D, strict)
    if support is not None:
        if memo is not None:
            memo[key] = [others[o] for o in support]
        return None
    sigma = exact(D, strict)
    if sigma is None:
        return None
    weights = dict(zip(candidates, sigma))
    return [weights.get(k, 0) for k in range(size)]
