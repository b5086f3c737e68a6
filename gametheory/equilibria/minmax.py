"""Minmax values of a two-player stage game, pure and mixed, exactly, with minmaxing profiles.

Conventions
-----------
* Player ``i``'s *minmax value* is the least payoff the other player ``j`` can hold it to:
  pure, ``min_b max_a u_i(a, b)`` over pure actions; mixed,
  ``min_y max_a sum_b y_b u_i(a, b)`` over ``j``'s mixed strategies ``y`` (Fudenberg and
  Maskin 1986). Player ``i`` still answers with a pure best reply.
* The *minmaxing profile* is ``j``'s (mixed) strategy and ``i``'s best reply to it.
* Symbolic payoffs: every comparison is decided by :mod:`gametheory.conditions` under the
  game's assumptions; a value that depends on the parameters is reported as ``None`` with a note.

Method
------
The mixed minmax is the value of the zero-sum game ``u_i`` (von Neumann's minimax theorem). For
numeric payoffs it is the linear program ``min w`` subject to ``w >= sum_b y_b u_i(a, b)`` for
every ``a``, ``sum y = 1``, ``y >= 0``, solved by the toolkit's one exact optimising LP
(:func:`gametheory.conditions.lp_max`). For symbolic payoffs the program's vertices are
enumerated (a support ``B`` of ``y`` and as many tight rows ``A``: a square linear system), each
kept when the conditions engine proves it feasible, and the least value is kept when it is proved
least. The checker :func:`is_minmax` verifies a value with a certificate from both sides: ``y``
holds ``i`` to at most ``v`` and ``i``'s maxmin strategy ``x`` guarantees at least ``v``.

References
----------
D. Fudenberg and E. Maskin, "The folk theorem in repeated games with discounting or with incomplete
information", Econometrica 54(3), 1986.
J. von Neumann, "Zur Theorie der Gesellschaftsspiele", Mathematische Annalen 100, 1928.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from fractions import Fraction

import sympy
from sympy.polys.fields import sfield

from .. import conditions, limits
from ..games import Game

__all__ = ["Minmax", "minmax", "is_minmax"]


@dataclass(frozen=True)
class Minmax:
    """Player ``player``'s minmax values. ``pure`` / ``mixed`` are exact values or ``None`` (it
    depends on the parameters); ``pure_profile`` is the pure minmaxing profile (indices), and
    ``mixed_profile`` the other player's mixed strategy ``y`` with ``reply``, the player's best
    reply; ``guarantee`` is the player's own maxmin strategy ``x`` (the certificate)."""

    player: int
    pure: sympy.Expr | None
    pure_profile: tuple[int, int] | None
    mixed: sympy.Expr | None
    mixed_profile: tuple[sympy.Expr, ...] | None
    reply: int | None
    guarantee: tuple[sympy.Expr, ...] | None
    note: str = ""


def _matrix(game: Game, i: int) -> list[list[sympy.Expr]]:
    """``M[a][b] = u_i(a, b)``: rows are player ``i``'s actions, columns the other's."""
    na, nb = len(game.strategies[i]), len(game.strategies[1 - i])
    return [[game.payoffs[i][(a, b) if i == 0 else (b, a)] for b in range(nb)] for a in range(na)]


def _holds(relation, assumptions) -> bool | None:
    if relation is sympy.true or relation is True:
        return True
    if relation is sympy.false or relation is False:
        return False
    return conditions.decide(relation, assumptions).value


def _best(values, assumptions, largest: bool):
    """Index of the largest (smallest) value when the assumptions decide it, else ``None``."""
    for k, v in enumerate(values):
        if all(_holds(v >= w if largest else v <= w, assumptions) for w in values):
            return k
    return None


def minmax(game: Game, player: int) -> Minmax:
    """Pure and mixed minmax values of ``player`` in a two-player game."""
    assumptions = tuple(game.assumptions)
    M = _matrix(game, player)
    na, nb = len(M), len(M[0])
    # pure: for each b the best reply, then the b that minimises it
    replies = []
    for b in range(nb):
        replies.append(_best([M[a][b] for a in range(na)], assumptions, largest=True))
    pure, pure_profile, notes = None, None, []
    if all(r is not None for r in replies):
        values = [M[replies[b]][b] for b in range(nb)]
        b = _best(values, assumptions, largest=False)
        if b is not None:
            pure = values[b]
            pure_profile = _order(player, replies[b], b)
    if pure is None:
        notes.append("the pure minmax value depends on the parameters")
    if game.is_numeric:
        mixed, y = _lp_minmax(M)
        _, x = _lp_minmax([[-M[a][b] for a in range(na)] for b in range(nb)])
    else:
        found = _vertex_minmax(M, assumptions)
        dual = _vertex_minmax([[-M[a][b] for a in range(na)] for b in range(nb)], assumptions)
        mixed, y = found if found else (None, None)
        x = dual[1] if dual else None
        if found is None:
            notes.append("the mixed minmax value depends on the parameters")
    reply = None
    if y is not None:
        payoffs = [sum((y[b] * M[a][b] for b in range(nb)), sympy.Integer(0)) for a in range(na)]
        reply = _best(payoffs, assumptions, largest=True)
    return Minmax(player, pure, pure_profile, mixed, y, reply, x, "; ".join(notes))


def _order(player, a, b):
    return (a, b) if player == 0 else (b, a)


def _fraction(v) -> Fraction:
    r = sympy.Rational(v)
    return Fraction(int(r.p), int(r.q))


def _lp_minmax(M):
    """``min_y max_a (M y)_a`` by :func:`gametheory.conditions.lp_max` (numeric ``M``)."""
    na, nb = len(M), len(M[0])
    # variables: y (nb), slacks s (na), w+ , w-
    n = nb + na + 2
    A, b = [], []
    for a in range(na):
        row = [_fraction(M[a][k]) for k in range(nb)] + [Fraction(int(a == t)) for t in range(na)]
        row += [Fraction(-1), Fraction(1)]
        A.append(row)
        b.append(Fraction(0))
    A.append([Fraction(1)] * nb + [Fraction(0)] * (na + 2))
    b.append(Fraction(1))
    c = [Fraction(0)] * (nb + na) + [Fraction(-1), Fraction(1)]
    result = conditions.lp_max(c, A, b, what="the mixed minmax value (linear program)")
    value, z = result
    y = tuple(sympy.Rational(v.numerator, v.denominator) for v in z[:nb])
    assert len(z) == n
    return sympy.Rational(-value.numerator, value.denominator), y


def _vertex_minmax(M, assumptions):
    """``(value, y)`` by enumerating the vertices of the minmax program, or ``None`` when the
    assumptions do not decide the least feasible vertex."""
    na, nb = len(M), len(M[0])
    valid, unknown = [], []
    for k in range(1, min(na, nb) + 1):
        for B in itertools.combinations(range(nb), k):
            for A in itertools.combinations(range(na), k):
                limits.check("the mixed minmax value (vertices)")
                candidate = _vertex(M, A, B)
                if candidate is None:
                    continue
                w, y = candidate
                checks = [yb >= 0 for yb in y if not (yb.is_number and yb >= 0)]
                checks += [w >= sum((y[b] * M[a][b] for b in range(nb)), sympy.Integer(0))
                           for a in range(na) if a not in A]
                verdicts = [_holds(c, assumptions) for c in checks]
                if any(v is False for v in verdicts):
                    continue
                if all(v is True for v in verdicts):
                    valid.append((w, y))
                elif conditions.consistent(assumptions + tuple(checks)):
                    unknown.append(w)
    if not valid:
        return None
    best = _best([w for w, _ in valid], assumptions, largest=False)
    if best is None:
        return None
    w, y = valid[best]
    if any(_holds(w <= u, assumptions) is not True for u in unknown):
        return None
    return w, y


def _vertex(M, A, B):
    """Solve ``sum_{b in B} y_b M[a][b] = w`` (``a`` in ``A``), ``sum y = 1``; ``None`` unless
    the solution is unique. Gaussian elimination in the field of rational functions of the
    payoffs (exact)."""
    k = len(B)
    cells = [M[a][b] for a in A for b in B]
    field, elements = sfield(cells + [sympy.Integer(1)])
    one, zero = field.one, field.zero
    it = iter(elements)
    rows = []
    for a in A:
        rows.append([next(it) for _ in B] + [-one, zero])
    rows.append([one] * k + [zero, one])
    n = k + 1
    for col in range(n):
        pivot = next((r for r in range(col, n) if rows[r][col] != 0), None)
        if pivot is None:
            return None
        rows[col], rows[pivot] = rows[pivot], rows[col]
        p = rows[col][col]
        rows[col] = [v / p for v in rows[col]]
        for r in range(n):
            if r != col and rows[r][col] != 0:
                f = rows[r][col]
                rows[r] = [x - f * y for x, y in zip(rows[r], rows[col])]
    values = [field.to_sympy(rows[r][n]) if hasattr(field, "to_sympy") else rows[r][n].as_expr() for r in range(n)]
    y = [sympy.Integer(0)] * len(M[0])
    for t, b in enumerate(B):
        y[b] = values[t]
    return values[-1], tuple(y)


def is_minmax(game: Game, player: int, value, y, x) -> bool:
    """The checker: ``y`` (the other's mixed strategy) holds ``player`` to at most ``value`` and
    ``x`` (the player's own mixed strategy) guarantees it at least ``value``, exactly; both are
    probability vectors. Together they prove ``value`` is the mixed minmax value."""
    assumptions = tuple(game.assumptions)
    M = _matrix(game, player)
    na, nb = len(M), len(M[0])
    checks = [sympy.Eq(sum(y, sympy.Integer(0)), 1), sympy.Eq(sum(x, sympy.Integer(0)), 1)]
    checks += [v >= 0 for v in list(y) + list(x)]
    checks += [sum((y[b] * M[a][b] for b in range(nb)), sympy.Integer(0)) <= value for a in range(na)]
    checks += [sum((x[a] * M[a][b] for a in range(na)), sympy.Integer(0)) >= value for b in range(nb)]
    for c in checks:
        c = sympy.simplify(c) if not isinstance(c, bool) else c
        if c is sympy.true or c is True:
            continue
        if c is sympy.false or c is False or _holds(c, assumptions) is not True:
            return False
    return True
