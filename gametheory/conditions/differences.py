"""Difference constraints: linear rows ``x - y + k`` (and bounds ``x + k``) decided by shortest
paths, without a linear program.

Conventions
-----------
* :func:`_difference` reads a linear form (:mod:`gametheory.conditions.linear`) as
  ``(x, y, p, q)``: a positive multiple of ``x - y + p/q``, with ``None`` standing for the zero of
  a bound and for both variables of a constant.
* A row ``x - y + k >= 0`` (``> 0``) is an edge ``x -> y`` of weight ``k`` (strict): ``y - x <= k``.
  The rows hold somewhere if and only if no cycle weighs less than zero, or zero with a strict
  edge (Cormen, Leiserson, Rivest and Stein, *Introduction to Algorithms*, 3rd ed., sec. 24.4;
  strict edges as in Dill 1989), found by Bellman-Ford. Every answer is the one the exact linear
  program gives (tests compare them on random systems); the engine asks these first because the
  regions of a case analysis on payoff differences are made of such rows, and a shortest path
  costs a fraction of a simplex.
* A path weighs ``(n + 1) * (its constants, over a common denominator) - (its strict edges)``
  as an integer (``n`` nodes): simple paths then compare by their constants first and by their
  strict edges second.
"""

from __future__ import annotations

import functools
import math
from fractions import Fraction

from sympy.core.relational import Relational

from .linear import _expand, _lin
from .relations import _flatten, _split
from .signsets import _CACHE_SIZE, _SIGN_NAMES


def _difference(form):
    """``form`` as ``(x, y, p, q)`` when it is a positive multiple of ``x - y + p/q`` (integers,
    ``q > 0``), with ``None`` for the zero of a bound (``x + p/q``: ``y`` is ``None``) and for
    both in a constant; else ``None``."""
    items, const = form
    if not items:
        return None, None, const.numerator, const.denominator
    if len(items) == 1:
        (s, c), = items
        t = None
    elif len(items) == 2:
        (s, c), (t, d) = items
        if c != -d:
            return None
    else:
        return None
    # form = c * (s - t) + const: divide by |c|
    a, b = c.numerator, c.denominator
    p, q = const.numerator * b, const.denominator * abs(a)
    return (s, t, p, q) if a > 0 else (t, s, p, q)


def _difference_feasible(rows, nes) -> bool | None:
    """Can ``rows`` (``(form, kind)``, kind ``">"``, ``">="`` or ``"=="``) hold with every form of
    ``nes`` non-zero? ``None`` when a form is neither a difference ``x - y + k`` nor a bound.

    Each row ``x - y + k >= 0`` (``> 0``) is an edge ``x -> y`` of weight ``k`` (strict):
    ``y - x <= k``. The rows can hold if and only if no cycle has negative weight, or weight
    zero and a strict edge (difference constraints: Cormen, Leiserson, Rivest and Stein,
    *Introduction to Algorithms*, sec. 24.4; strict edges as in Dill 1989), found by
    Bellman-Ford. A form ``x - y + k`` of ``nes`` vanishes on the whole feasible set exactly when
    the shortest paths bound ``y - x`` by ``k`` and ``x - y`` by ``-k``, both weakly; otherwise
    the feasible set (convex, in none of those hyperplanes) has a point off all of them. The
    answer is the linear program's, without one.
    """
    conv = []
    for form, kind in rows:
        d = _difference(form)
        if d is None:
            return None
        conv.append((d, kind))
    diffs = []
    for h in nes:
        d = _difference(h)
        if d is None:
            return None
        diffs.append(d)
    return _difference_system(conv, diffs)


def _difference_system(rows, nes) -> bool:
    """:func:`_difference_feasible` for rows ``((x, y, p, q), kind)`` and ``nes`` ``(x, y, p, q)``
    read by :func:`_difference`."""
    return _difference_solve(rows, nes) is not None


def _difference_point(rows: list, variables: list):
    """A point satisfying the rows ``(form, kind)`` (as :func:`gametheory.conditions.linear._lp_point`)
    by shortest paths:
    ``(True, point)``, ``(True, None)`` when there is none, or ``(False, None)`` when a form is
    not a difference ``x - y + k`` nor a bound. The potentials of the shortest paths satisfy
    every row, strict ones strictly (a strict edge weighs a little less)."""
    conv = []
    for form, kind in rows:
        d = _difference(form)
        if d is None:
            return False, None
        conv.append((d, kind))
    solved = _difference_solve(conv, ())
    if solved is None:
        return True, None
    if solved is True:
        return True, {v: Fraction(0) for v in variables}
    nodes, dist, unit = solved
    zero = dist[nodes[None]] if None in nodes else 0
    return True, {
        v: Fraction(dist[nodes[v]] - zero, unit) if v in nodes else Fraction(0) for v in variables
    }


def _difference_solve(rows, nes):
    """Shortest paths of :func:`_difference_system`: ``None`` when infeasible, ``True`` when
    feasible with no edge, else ``(nodes, potentials, unit)``: node ``v`` at ``potential / unit``
    satisfies every row."""
    raw = []
    for d, kind in rows:
        x, y, p, q = d
        if x is None and y is None:
            if p < 0 or (p == 0 and kind == ">") or (p != 0 and kind == "=="):
                return None
            continue
        raw.append((x, y, p, q, kind == ">"))
        if kind == "==":
            raw.append((y, x, -p, q, False))
    pairs = []
    for d in nes:
        if d[0] is None and d[1] is None:
            if d[2] == 0:
                return None
            continue
        pairs.append(d)
    if not raw:
        return True
    nodes, den = _nodes_and_denominator((x, y, q) for x, y, _p, q, _s in raw)
    n = len(nodes)
    # a path weighs (n + 1) * (its constants, times den) - (its strict edges): simple paths then
    # compare by the sum of their constants first and by their strict edges second
    scale = n + 1
    edges = [(nodes[x], nodes[y], scale * (p * (den // q)) - strict) for x, y, p, q, strict in raw]
    dist = _potentials(edges, n)
    if dist is None:
        return None
    for x, y, p, q in pairs:
        i, j = nodes.get(x), nodes.get(y)
        if i is None or j is None:
            continue  # a coordinate no row bounds: the form takes every value
        if (p * den) % q:
            continue  # the bounds of y - x are multiples of 1/den
        w = scale * (p * den // q)
        if _shortest(edges, n, i, j) == w and _shortest(edges, n, j, i) == -w:
            return None
    return nodes, dist, scale * den


def _nodes_and_denominator(rows) -> tuple[dict, int]:
    """An index for every node of the rows ``(x, y, q)`` (in order of appearance) and the lcm of
    their denominators ``q``: the integer graph's nodes and scale."""
    nodes: dict = {}
    den = 1
    for x, y, q in rows:
        if x not in nodes:
            nodes[x] = len(nodes)
        if y not in nodes:
            nodes[y] = len(nodes)
        if q != 1 and den % q:
            den = den * q // math.gcd(den, q)
    return nodes, den


class _Differences:
    """Difference constraints ``(x, y, p, q)`` (:func:`_difference`) prepared over one set of
    nodes, as integer edges, so that many systems made of them are decided without reading the
    rows again (the redundancy checks of one simplification)."""

    def __init__(self, items):
        nodes, den = _nodes_and_denominator((x, y, q) for x, y, _p, q in items
                                            if x is not None or y is not None)
        self.nodes = nodes
        self.n = len(nodes)
        self.den = den
        self.scale = self.n + 1  # more than the strict edges of any simple path or cycle

    def edges(self, d, kind: str):
        """The edges of the row ``d kind 0`` (``>``, ``>=``, ``==``); ``None`` for a false constant."""
        x, y, p, q = d
        if x is None and y is None:
            return None if p < 0 or (p == 0 and kind == ">") or (p != 0 and kind == "==") else []
        w = p * (self.den // q) * self.scale
        i, j = self.nodes[x], self.nodes[y]
        if kind == "==":
            return [(i, j, w), (j, i, -w)]
        return [(i, j, w - 1 if kind == ">" else w)]

    def pair(self, d):
        """A form of ``nes`` as ``(i, j, w)``; ``()`` when it is a non-zero constant or takes every
        value (a free coordinate); ``None`` when it is the constant zero."""
        x, y, p, q = d
        if x is None and y is None:
            return None if p == 0 else ()
        i, j = self.nodes.get(x), self.nodes.get(y)
        if i is None or j is None:
            return ()
        return i, j, p * (self.den // q) * self.scale

    def feasible(self, edges: list, pairs: list) -> bool:
        """Can the rows of ``edges`` hold with every form of ``pairs`` non-zero
        (:func:`_difference_system`)?"""
        n = self.n
        if _potentials(edges, n) is None:
            return False
        for i, j, w in pairs:
            if _shortest(edges, n, i, j) == w and _shortest(edges, n, j, i) == -w:
                return False
        return True


def _potentials(edges, n: int) -> list | None:
    """Bellman-Ford from a source joined to every node by an edge of weight 0: the shortest
    distances (a feasible point of the difference rows), or None for a negative cycle."""
    dist = [0] * n
    for _round in range(n + 1):
        changed = False
        for i, j, w in edges:
            v = dist[i] + w
            if v < dist[j]:
                dist[j] = v
                changed = True
        if not changed:
            return dist
    return None  # still shortening after n + 1 rounds: a negative cycle


def _shortest(edges, n: int, source: int, target: int):
    """The weight of a shortest path from ``source`` to ``target`` (no negative cycles), or ``None``."""
    dist: list = [None] * n
    dist[source] = 0
    for _round in range(n):
        changed = False
        for i, j, w in edges:
            di = dist[i]
            if di is not None and (dist[j] is None or di + w < dist[j]):
                dist[j] = di + w
                changed = True
        if not changed:
            break
    return dist[target]


def _differences(ctx, linear: dict):
    """The context's rows and ``nes`` and the linear conditions ``linear`` (condition -> rows)
    as difference constraints (:class:`_Differences`):
    ``(system, context edges, context pairs, {condition: (edges, pairs, negations)})``, where
    ``negations`` lists the edges of each way the condition can fail; ``None`` when a row is not
    a difference ``x - y + k`` nor a bound, or the context's rows hold nowhere."""
    cached = ctx.diff_rows
    if cached is None or cached[0] is not ctx.rows or cached[1] is not ctx.nes \
            or cached[2] != (len(ctx.rows), len(ctx.nes)):
        rows = [(_difference(f), k) for f, k in ctx.rows]
        nes = [_difference(h) for h in ctx.nes]
        ok = all(d is not None for d, _k in rows) and all(d is not None for d in nes)
        cached = (ctx.rows, ctx.nes, (len(ctx.rows), len(ctx.nes)), (rows, nes) if ok else None)
        ctx.diff_rows = cached
    if cached[3] is None:
        return None
    ctx_rows, ctx_nes = cached[3]
    conds = {}
    for c, rows in linear.items():
        (form, op), = rows
        d = _difference(form)
        if d is None:
            return None
        conds[c] = (d, op)
    system = _Differences([d for d, _k in ctx_rows] + ctx_nes + [d for d, _op in conds.values()])
    edges, pairs = [], []
    for d, k in ctx_rows:
        e = system.edges(d, k)
        if e is None:
            return None
        edges.extend(e)
    for d in ctx_nes:
        pr = system.pair(d)
        if pr is None:
            return None
        if pr:
            pairs.append(pr)
    prepared = {}
    for c, (d, op) in conds.items():
        x, y, p, q = d
        neg = (y, x, -p, q)  # minus the form
        if op == "!=":
            pr = system.pair(d)
            own = ([], [pr] if pr else [])
            fails = [system.edges(d, "==")]
        else:
            own = (system.edges(d, op), [])
            if op == ">":
                fails = [system.edges(neg, ">=")]
            elif op == ">=":
                fails = [system.edges(neg, ">")]
            else:
                fails = [system.edges(d, ">"), system.edges(neg, ">")]
        prepared[c] = (own[0], own[1], [f for f in fails if f is not None])
    return system, edges, pairs, prepared


def _implied_difference(diffs, others: list, c) -> bool:
    """Do the context's rows and the conditions ``others`` imply the condition ``c``? The answer
    of :func:`gametheory.conditions.core._implied_linear`, for the difference constraints of
    :func:`_differences`."""
    system, edges, pairs, prepared = diffs
    edges = list(edges)
    pairs = list(pairs)
    for k in others:
        own_edges, own_pairs, _fails = prepared[k]
        edges.extend(own_edges)
        pairs.extend(own_pairs)
    return not any(system.feasible(edges + fail, pairs) for fail in prepared[c][2])


@functools.lru_cache(maxsize=_CACHE_SIZE)
def _assumption_row(relation):
    """``((x, y, p, q), op)`` of an assumption whose context makes it a substitution, a row or a
    form of ``nes`` as it stands (:func:`gametheory.conditions.context.build_context`), when it is
    a difference or a bound; else ``None``."""
    if not isinstance(relation, Relational):
        return None
    e, op = _split(relation)
    form = _lin(e) if op == "==" else _lin(_expand(e))
    if form is None:
        return None
    d = _difference(form)
    return None if d is None else (d, op)


def _difference_sign(expr, assumptions: tuple) -> str | None:
    """:func:`gametheory.conditions.sign` of a difference ``expr`` under assumptions that are all
    differences or bounds, from the signs it can take (three shortest-path questions, no
    context); ``None`` where that does not apply. Under such assumptions the engine's context is
    exact (``linear_only``) and its answer is the set of signs ``expr`` takes, as here."""
    form = _lin(expr)
    if form is None or not form[0]:
        return None
    d = _difference(form)
    if d is None:
        return None
    rows = []
    for relation in _flatten(assumptions):
        row = _assumption_row(relation)
        if row is None:
            return None
        rows.append(row)
    system = _Differences([r for r, _op in rows] + [d])
    edges, pairs = [], []
    for r, op in rows:
        if op == "!=":
            pr = system.pair(r)
            if pr is None:
                return "?"  # the constant zero is never non-zero: no point satisfies the assumptions
            if pr:
                pairs.append(pr)
            continue
        e = system.edges(r, op)
        if e is None:
            return "?"
        edges.extend(e)
    if not system.feasible(edges, pairs):
        return "?"  # as the engine says where no point satisfies the assumptions
    x, y, p, q = d
    possible = set()
    for sign, row, op in ((1, d, ">"), (-1, (y, x, -p, q), ">"), (0, d, "==")):
        if system.feasible(edges + system.edges(row, op), pairs):
            possible.add(sign)
    return _SIGN_NAMES.get(frozenset(possible), "?")
