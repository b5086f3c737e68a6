"""Exact vertices of a bounded polyhedron ``{x in Q^d : a.x + b >= 0 for every (a, b)}``.

Used by :mod:`gametheory.equilibria.polynomial` for continua of equilibria of dimension two and
more: the parameters of such a continuum range over a polytope when the equilibrium conditions
are linear fractional in them. Rational arithmetic throughout (:class:`fractions.Fraction`).

Vertex enumeration by brute force over the ``d``-subsets of the inequalities (a point where ``d``
linearly independent inequalities are tight and every inequality holds is a vertex; Motzkin et
al. 1953's double description would be faster for many inequalities, but the systems here have a
few dozen at most, and every subset is one small exact Gaussian elimination).
"""

from __future__ import annotations

import itertools
from fractions import Fraction

from .. import limits

__all__ = ["normalise", "vertices", "dimension", "facets"]

Halfspace = tuple[tuple[Fraction, ...], Fraction]


def normalise(a, b) -> Halfspace | None:
    """``a.x + b >= 0`` scaled by a positive number so that its first nonzero coefficient is
    ``+1`` or ``-1``; ``None`` when ``a`` is zero (the inequality is ``b >= 0``, true or false)."""
    a = tuple(Fraction(v) for v in a)
    b = Fraction(b)
    lead = next((v for v in a if v != 0), None)
    if lead is None:
        return None
    scale = abs(lead)
    return tuple(v / scale for v in a), b / scale


def _solve(rows, rhs):
    """The unique solution of the square system ``rows x = rhs``, or ``None`` when singular."""
    n = len(rows)
    m = [list(r) + [v] for r, v in zip(rows, rhs)]
    for col in range(n):
        pivot = next((r for r in range(col, n) if m[r][col] != 0), None)
        if pivot is None:
            return None
        m[col], m[pivot] = m[pivot], m[col]
        p = m[col][col]
        for r in range(n):
            if r != col and m[r][col] != 0:
                f = m[r][col] / p
                m[r] = [x - f * y for x, y in zip(m[r], m[col])]
    return tuple(m[r][n] / m[r][r] for r in range(n))


def _holds(h: Halfspace, x) -> bool:
    a, b = h
    return sum(ai * xi for ai, xi in zip(a, x)) + b >= 0


def _tight(h: Halfspace, x) -> bool:
    a, b = h
    return sum(ai * xi for ai, xi in zip(a, x)) + b == 0


def vertices(halfspaces: list[Halfspace], d: int) -> list[tuple[Fraction, ...]]:
    """The vertices of the polyhedron, which must be bounded (a polytope), in lexicographic
    order; ``[]`` when it is empty. Checks the time limit (:mod:`gametheory.limits`) as it goes."""
    hs = list(dict.fromkeys(halfspaces))
    found = set()
    for count, combo in enumerate(itertools.combinations(hs, d)):
        if count % 512 == 0:
            limits.check("the vertices of a continuum of equilibria")
        x = _solve([a for a, _ in combo], [-b for _, b in combo])
        if x is not None and x not in found and all(_holds(h, x) for h in hs):
            found.add(x)
    return sorted(found)


def _rank(vectors) -> int:
    rows = [list(v) for v in vectors]
    rank, col = 0, 0
    width = len(rows[0]) if rows else 0
    while rank < len(rows) and col < width:
        pivot = next((r for r in range(rank, len(rows)) if rows[r][col] != 0), None)
        if pivot is None:
            col += 1
            continue
        rows[rank], rows[pivot] = rows[pivot], rows[rank]
        for r in range(len(rows)):
            if r != rank and rows[r][col] != 0:
                f = rows[r][col] / rows[rank][col]
                rows[r] = [x - f * y for x, y in zip(rows[r], rows[rank])]
        rank += 1
        col += 1
    return rank


def dimension(points) -> int:
    """The dimension of the affine hull of ``points`` (``-1`` for none)."""
    if not points:
        return -1
    base = points[0]
    return _rank([[x - y for x, y in zip(p, base)] for p in points[1:]]) if len(points) > 1 else 0


def facets(halfspaces: list[Halfspace], points) -> list[Halfspace]:
    """The inequalities that define facets of the polytope with vertices ``points`` (tight on a
    face of dimension one less than the polytope's), without repetitions."""
    dim = dimension(points)
    out = []
    for h in dict.fromkeys(halfspaces):
        on = [p for p in points if _tight(h, p)]
        if on and len(on) < len(points) and dimension(on) == dim - 1:
            out.append(h)
    return out
