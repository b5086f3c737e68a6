"""Mixed equilibria of symbolic two-player games by support enumeration, with parameter conditions.

Conventions
-----------
* Two players: the row player ``0`` with payoff matrix ``A`` (``m x n``) and the column player
  ``1`` with ``B``; ``x`` is the row player's mixed strategy, ``y`` the column player's.
* A *support pair* ``(I, J)`` is a set of rows and a set of columns of equal size ``k >= 2``
  (pure equilibria, ``k = 1``, come from :mod:`gametheory.equilibria.pure`). For it the indifference
  equations are solved exactly::

      sum_j A[i][j] y_j = v  (i in I),   sum_j y_j = 1,   y_j = 0 off J
      sum_i B[i][j] x_i = w  (j in J),   sum_i x_i = 1,   x_i = 0 off I

  by Cramer's rule (each a square linear system in ``k + 1`` unknowns). The pair yields an
  equilibrium under the conditions: every probability on the support is positive, and no
  strategy off the support pays more than the equilibrium payoff (``(A y)_i <= v`` for ``i`` not
  in ``I``, ``(x' B)_j <= w`` for ``j`` not in ``J``). Each is decided by
  :mod:`gametheory.conditions` under the game's assumptions; a pair whose conditions cannot hold
  together is dropped.
* Probabilities and payoffs are written in the canonical form of
  :meth:`gametheory.equilibria.check.Reasoner.tidy` (hawk-dove: Hawk with probability ``V/C``, payoff
  ``V*(C - V)/(2*C)``).

Scope. This is the support enumeration of Dickhaut and Kaplan (1991) and of Nisan et al.,
*Algorithmic Game Theory* (2007), Algorithm 3.4, over symbolic payoffs. It finds every
equilibrium at every parameter point where the game is *nondegenerate* (no mixed strategy with
``k`` strategies in its support has more than ``k`` pure best responses). At degenerate points
(knife edges such as a tie between two payoffs) a game can have continua of equilibria with
supports of unequal size; those are not listed. :func:`nondegenerate` certifies, where it can,
that the assumptions exclude such points, so that the enumeration is complete.
"""

from __future__ import annotations

import itertools

import sympy

from .. import limits
from ..games import Game, Profile
from ..conditions import Reasoner
from .check import support_key
from .result import Equilibrium

__all__ = ["mixed_equilibria", "nondegenerate"]

METHOD = "support enumeration"

_ZERO = sympy.Integer(0)
_ONE = sympy.Integer(1)
_NONZERO = {"+", "-", "!=0"}


def _indifference(M: sympy.Matrix, rows, cols, reasoner: Reasoner):
    """Solve ``sum_{c in cols} M[r, c] z_c = v (r in rows), sum z = 1`` by Cramer's rule.

    Returns ``(numerators, det)`` with ``z_c = numerators[c] / det`` and ``v = numerators[None] / det``,
    or ``None`` when the determinant is zero for every parameter point allowed by the assumptions
    (no unique solution anywhere).
    """
    k = len(cols)
    S = sympy.zeros(k + 1, k + 1)
    for a, r in enumerate(rows):
        for b, c in enumerate(cols):
            S[a, b] = M[r, c]
        S[a, k] = -_ONE
    for b in range(k):
        S[k, b] = _ONE
    det = sympy.factor(S.det(method="berkowitz"))
    if reasoner.sign(det) == "0":
        return None
    numerators = {}
    for b, c in enumerate(list(cols) + [None]):
        minor = S.copy()
        minor[:, b] = sympy.Matrix([0] * k + [1])  # Cramer's rule with right-hand side e_(k+1)
        numerators[c] = sympy.expand(minor.det(method="berkowitz"))
    return numerators, det


def _implied_nonzero(det, conds) -> bool:
    """True if every factor of ``det`` divides a denominator in some condition (which then cannot
    hold where ``det`` vanishes, so ``det != 0`` need not be stated)."""
    denominators = [
        sympy.fraction(side)[1] for c in conds if isinstance(c, sympy.Rel) for side in (c.lhs, c.rhs)
    ]
    denominators = [d for d in denominators if d.free_symbols]
    for f in sympy.Mul.make_args(det):
        base = f.base if f.is_Pow else f
        if base.free_symbols and not any(sympy.gcd(d, base).free_symbols for d in denominators):
            return False
    return True


def mixed_equilibria(game: Game, reasoner: Reasoner) -> tuple[list[Equilibrium], int]:
    """Equilibria of the two-player ``game`` whose supports have size at least two (see module).

    Returns the equilibria, ordered by :func:`gametheory.equilibria.check.support_key`, and the number
    of support pairs skipped because an indifference system is singular wherever the assumptions
    hold (no solution, or a continuum; in a nondegenerate game never an equilibrium).
    """
    A = sympy.Matrix(game.matrices()[0])
    B = sympy.Matrix(game.matrices()[1])
    Bt = B.T
    m, n = A.shape
    found: list[tuple[Profile, tuple, tuple]] = []
    singular = 0
    for k in range(2, min(m, n) + 1):
        for I in itertools.combinations(range(m), k):
            for J in itertools.combinations(range(n), k):
                limits.check("support enumeration")
                ys = _indifference(A, I, J, reasoner)  # the column player's mix y, the row payoff v
                xs = _indifference(Bt, J, I, reasoner)  # the row player's mix x, the column payoff w
                if ys is None or xs is None:
                    singular += 1
                    continue
                entry = _candidate(A, B, I, J, ys, xs, reasoner)
                if entry is not None:
                    found.append(entry)
    found.sort(key=lambda item: support_key(item[0]))
    entries = [Equilibrium(profile=p, payoffs=v, conditions=c, method=METHOD) for p, v, c in found]
    return entries, singular


def _candidate(A, B, I, J, ys, xs, reasoner: Reasoner):
    """The profile, payoffs and conditions for the support pair ``(I, J)``, or ``None`` if its
    conditions cannot hold under the assumptions."""
    m, n = A.shape
    (ynum, ydet), (xnum, xdet) = ys, xs
    y = {j: reasoner.tidy(ynum[j] / ydet) for j in J}
    x = {i: reasoner.tidy(xnum[i] / xdet) for i in I}
    relations = [sympy.Gt(p, 0) for p in list(y.values()) + list(x.values())]
    # no profitable deviation: (A y)_i <= v off I and (x'B)_j <= w off J, over the determinants
    for i in range(m):
        if i not in I:
            gain = sympy.expand(sum((A[i, j] * ynum[j] for j in J), _ZERO) - ynum[None])
            relations.append(sympy.Le(gain / ydet, 0))
    for j in range(n):
        if j not in J:
            gain = sympy.expand(sum((B[i, j] * xnum[i] for i in I), _ZERO) - xnum[None])
            relations.append(sympy.Le(gain / xdet, 0))
    conds = reasoner.all_of(relations, "support enumeration")
    if conds is None:
        return None
    extra = [sympy.Ne(det, 0) for det in dict.fromkeys((ydet, xdet))
             if reasoner.sign(det) not in _NONZERO and not (conds and _implied_nonzero(det, conds))]
    if extra:
        conds = reasoner.all_of(list(conds) + extra, "support enumeration")
        if conds is None:
            return None
    profile = Profile((
        tuple(x.get(i, _ZERO) for i in range(m)),
        tuple(y.get(j, _ZERO) for j in range(n)),
    ))
    payoffs = (reasoner.tidy(ynum[None] / ydet), reasoner.tidy(xnum[None] / xdet))
    return profile, payoffs, conds


def nondegenerate(game: Game, reasoner: Reasoner) -> bool:
    """True if the assumptions guarantee that the two-player ``game`` is nondegenerate.

    A game is degenerate when some mixed strategy with support ``I`` (``|I| = k``) has ``k + 1``
    pure best responses ``J`` (von Stengel 2007, Def. 3.2). For every such ``(I, J)`` this checks
    that it cannot happen under the assumptions (:func:`_may_tie`). ``False`` means "not
    certified", not "degenerate".
    """
    A = sympy.Matrix(game.matrices()[0])
    B = sympy.Matrix(game.matrices()[1])
    for M in (B, A.T):  # M[i, j]: the responder's payoff when the mixer plays i and the responder j
        p, q = M.shape
        for k in range(1, min(p, q - 1) + 1):
            for I in itertools.combinations(range(p), k):
                for J in itertools.combinations(range(q), k + 1):
                    limits.check("the degeneracy check of support enumeration")
                    if _may_tie(M, I, J, reasoner):
                        return False
    return True


def _may_tie(M: sympy.Matrix, I, J, reasoner: Reasoner) -> bool:
    """False if no mix over ``I`` can make every responder strategy in ``J`` a best response
    (``|J| = |I| + 1``) at any parameter point allowed by the assumptions; True if it may.

    First the equalities alone: ``sum_{i in I} M[i][j] x_i = w (j in J), sum x = 1`` has more
    equations than unknowns, and it is inconsistent when the determinant of its augmented matrix
    is nonzero everywhere. Otherwise one tie is dropped, the square system left is solved, and the
    conditions engine is asked whether the dropped tie, ``x >= 0`` and ``(x'M)_j <= w`` off ``J``
    can hold together.
    """
    k = len(I)
    S = sympy.zeros(k + 2, k + 2)
    for a, j in enumerate(J):
        for b, i in enumerate(I):
            S[a, b] = M[i, j]
        S[a, k] = -_ONE
    for b in range(k):
        S[k + 1, b] = _ONE
    S[k + 1, k + 1] = _ONE
    if reasoner.sign(sympy.factor(S.det(method="berkowitz"))) in _NONZERO:
        return False
    q = M.shape[1]
    for drop in J:
        solved = _indifference(M.T, tuple(j for j in J if j != drop), I, reasoner)
        if solved is None:
            continue
        num, det = solved
        if reasoner.sign(det) not in _NONZERO:
            continue

        def gain(j):
            return sympy.expand(sum((M[i, j] * num[i] for i in I), _ZERO) - num[None]) / det

        relations = [sympy.Gt(num[i] / det, 0) for i in I] + [sympy.Eq(gain(drop), 0)]
        relations += [sympy.Le(gain(j), 0) for j in range(q) if j not in J]
        return reasoner.all_of(relations, "the degeneracy check of support enumeration") is not None
    # every square subsystem is singular: ask whether the linear system in (x, w) is feasible
    # (exact for numeric games; for symbolic ones a nonlinear system counts as feasible)
    x = {i: sympy.Dummy(f"x{i}", real=True) for i in I}
    w = sympy.Dummy("w", real=True)

    def pay(j):
        return sum((M[i, j] * x[i] for i in I), _ZERO)

    system = [sympy.Gt(x[i], 0) for i in I] + [sympy.Eq(sum(x.values(), _ZERO), 1)]
    system += [sympy.Eq(pay(j), w) for j in J] + [sympy.Le(pay(j), w) for j in range(q) if j not in J]
    return reasoner.consistent(system)
