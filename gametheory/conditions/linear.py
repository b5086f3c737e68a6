"""Linear forms and the one exact linear program of the toolkit (rational arithmetic).

Conventions
-----------
* A *linear form* is ``(((symbol, Fraction), ...), Fraction)``: its terms sorted by the symbol's
  name and its constant; :func:`_lin` reads one from a sympy expression (``None`` when the
  expression is not linear with rational coefficients).
* Every linear program is solved exactly over ``fractions.Fraction`` by the simplex method with
  Bland's anti-cycling rule (Dantzig 1963; Bland 1977; Chvatal 1983, ch. 2-3):
  :func:`_lp_point` finds a point satisfying strict, weak and equality constraints (strict ones
  by homogenisation; Schrijver 1986, sec. 7.8), and :func:`lp_max` maximises a linear objective
  over ``A x = b, x >= 0`` (the programs of mixed-strategy dominance).
"""

from __future__ import annotations

import functools
import math
from fractions import Fraction

import sympy as sp

from .. import limits
from .signsets import _CACHE_SIZE

def _to_fraction(e: sp.Expr) -> Fraction:
    if e.is_Rational:
        return Fraction(int(e.p), int(e.q))
    r = sp.Rational(e)  # a Float: its exact binary value
    return Fraction(int(r.p), int(r.q))


@functools.lru_cache(maxsize=_CACHE_SIZE)
def _sym_key(s) -> str:
    """Sort key of a variable (a symbol, or a nonlinear term in a relaxation)."""
    return s.name if s.is_Symbol else sp.sstr(s)


# ----------------------------------------------------------------------------
# linear forms: (((symbol, Fraction), ...) sorted by name, Fraction constant)


@functools.lru_cache(maxsize=_CACHE_SIZE)
def _lin(e: sp.Expr):
    """The linear form of ``e`` with rational coefficients, or ``None``."""
    d = _lin_dict(e)
    if d is None:
        return None
    const = d.pop(None, Fraction(0))
    items = tuple(sorted(((s, c) for s, c in d.items() if c), key=lambda sc: _sym_key(sc[0])))
    return items, const


def _lin_dict(e):
    if e.is_Number:
        if e.is_Rational or e.is_Float:
            return {None: _to_fraction(e)}
        return None
    if e.is_Symbol:
        return {e: Fraction(1)}
    if e.is_Add:
        out: dict = {}
        for a in e.args:
            d = _lin_dict(a)
            if d is None:
                return None
            for k, v in d.items():
                out[k] = out.get(k, Fraction(0)) + v
        return out
    if e.is_Mul:
        coeff, rest = e.as_coeff_Mul()
        if not (coeff.is_Rational or coeff.is_Float):
            return None
        if rest.is_Symbol or rest.is_Add:
            d = _lin_dict(rest)
            if d is None:
                return None
            c = _to_fraction(coeff)
            return {k: c * v for k, v in d.items()}
        return None
    return None


@functools.lru_cache(maxsize=_CACHE_SIZE)
def _expand(e: sp.Expr) -> sp.Expr:
    """``sympy.expand(e)``, remembered: the contexts of one case analysis expand the same
    conditions again and again."""
    return sp.expand(e)


@functools.lru_cache(maxsize=_CACHE_SIZE)
def _glin(e: sp.Expr):
    """``e`` as a linear form in its symbols and nonlinear terms (``x*y``, ``exp(x)``, ...)."""
    out: dict = {}
    for t in sp.Add.make_args(e):
        coeff, rest = t.as_coeff_Mul()
        if not (coeff.is_Rational or coeff.is_Float):
            coeff, rest = sp.Integer(1), t
        if rest is sp.S.One:
            key = None
        else:
            key = rest
        out[key] = out.get(key, Fraction(0)) + _to_fraction(coeff)
    const = out.pop(None, Fraction(0))
    items = tuple(sorted(((s, c) for s, c in out.items() if c), key=lambda sc: _sym_key(sc[0])))
    return items, const


def _lin_expr(form) -> sp.Expr:
    items, const = form
    terms = [sp.Rational(c.numerator, c.denominator) * s for s, c in items]
    terms.append(sp.Rational(const.numerator, const.denominator))
    return sp.Add(*terms)


def _lin_neg(form):
    items, const = form
    return tuple((s, -c) for s, c in items), -const


def _lin_eval(form, point: dict) -> Fraction:
    items, const = form
    total = const
    for s, c in items:
        total += c * point[s]
    return total


@functools.lru_cache(maxsize=_CACHE_SIZE)
def _primitive(form):
    """``(key, orientation)``: ``form`` is a positive multiple of ``orientation * key``."""
    items, const = form
    lead = items[0][1]
    scale = abs(lead)
    orient = 1 if lead > 0 else -1
    key = (tuple((s, orient * c / scale) for s, c in items), orient * const / scale)
    return key, orient


# ----------------------------------------------------------------------------
# exact linear feasibility (simplex in rationals)


def _pivot(tab: list[list[Fraction]], r: int, j: int) -> None:
    row = tab[r]
    p = row[j]
    if p != 1:
        inv = 1 / p
        row[:] = [v * inv if v else v for v in row]
    nz = [k for k, v in enumerate(row) if v]
    for i, other in enumerate(tab):
        if i == r:
            continue
        f = other[j]
        if f:
            for k in nz:
                other[k] -= f * row[k]


def _int_row(values) -> list[int]:
    """Rationals as integers with the same ratios (times the positive lcm of the denominators)."""
    den = 1
    for v in values:
        d = v.denominator
        if d != 1:
            den = den * d // math.gcd(den, d)
    return [v.numerator * (den // v.denominator) for v in values]


def _ipivot(tab: list[list[int]], r: int, j: int) -> None:
    """Fraction-free pivot on ``tab[r][j]``: every other row becomes ``p*row - f*pivot_row``.

    Each row stands for an equation (or the phase-I objective), so scaling it by a positive
    integer changes nothing it says; rows are kept small by dividing by the gcd of their entries.
    The pivot row is negated first if its pivot is negative (an equation may be).
    """
    row = tab[r]
    p = row[j]
    if p < 0:
        row[:] = [-v for v in row]
        p = -p
    nz = [k for k, v in enumerate(row) if v]
    for i, other in enumerate(tab):
        if i == r:
            continue
        f = other[j]
        if f:
            new = [p * v for v in other] if p != 1 else list(other)
            for k in nz:
                new[k] -= f * row[k]
            g = math.gcd(*new)
            if g > 1:
                new = [v // g for v in new]
            other[:] = new


def _solve_feasible(rows: list, k: int):
    """Find ``z`` in Q^k with ``a.z >= b`` (or ``a.z == b``) for every row, or ``None``.

    ``rows`` holds ``(a, b, is_equality)`` with ``a`` a list of ``k``
    Fractions. The free variables are first eliminated by Gauss-Jordan pivots
    on the rows ``a.z - s = b`` (``s >= 0`` a slack, absent for equalities);
    what remains is ``M s = q, s >= 0``, solved by phase I of the simplex
    method with Bland's rule (Chvatal 1983, ch. 3), which terminates. The
    tableau holds Python integers (fraction-free pivoting, each row scaled by a
    positive integer): exact, and several times faster than ``Fraction``.
    """
    return _solve_int([(_int_row(list(a) + [Fraction(b)]), eq) for a, b, eq in rows], k)


def _solve_int(rows: list, k: int):
    """:func:`_solve_feasible` for rows ``(ints, is_equality)``: ``k`` integer coefficients then
    the right-hand side (each row may be scaled by any positive integer)."""
    m = len(rows)
    ns = sum(1 for _r, eq in rows if not eq)
    tab = []
    si = 0
    for ints, eq in rows:
        row = ints[:k] + [0] * ns + [ints[k]]
        if not eq:
            row[k + si] = -1
            si += 1
        tab.append(row)
    used = [False] * m
    pivot_row: dict[int, int] = {}
    for j in range(k):
        for i in range(m):
            if not used[i] and tab[i][j]:
                used[i] = True
                pivot_row[j] = i
                _ipivot(tab, i, j)
                break
    rest = [i for i in range(m) if not used[i]]
    svals = [Fraction(0)] * ns
    if rest:
        nr = len(rest)
        width = ns + nr
        ph = []
        for t, i in enumerate(rest):
            row = tab[i][k : k + ns]
            rhs = tab[i][-1]
            if rhs < 0:
                row = [-v for v in row]
                rhs = -rhs
            art = [0] * nr
            art[t] = 1
            ph.append(row + art + [rhs])
        basis = [ns + t for t in range(nr)]
        obj = [0] * (width + 1)
        for row in ph:
            for c in range(ns):
                obj[c] -= row[c]
            obj[-1] -= row[-1]
        tab2 = ph + [obj]
        while True:
            limits.check("deciding a linear system (simplex)")
            obj = tab2[-1]
            enter = next((c for c in range(width) if obj[c] < 0), None)
            if enter is None:
                break
            best = None
            for r in range(nr):
                a = ph[r][enter]
                if a > 0:
                    key = (Fraction(ph[r][-1], a), basis[r])
                    if best is None or key < best[0]:
                        best = (key, r)
            if best is None:  # cannot happen in phase I (objective bounded by 0)
                break
            r = best[1]
            _ipivot(tab2, r, enter)
            basis[r] = enter
        if tab2[-1][-1] != 0:
            return None
        for r in range(nr):
            if basis[r] < ns:
                svals[basis[r]] = Fraction(ph[r][-1], ph[r][basis[r]])
    z = [Fraction(0)] * k
    for j, i in pivot_row.items():
        row = tab[i]
        val = Fraction(row[-1])
        for c in range(ns):
            if row[k + c]:
                val -= row[k + c] * svals[c]
        z[j] = val / row[j]
    return z


@functools.lru_cache(maxsize=_CACHE_SIZE)
def _scaled(form):
    """``form`` times the positive lcm of its denominators: ``(((symbol, int), ...), int)``."""
    items, const = form
    ints = _int_row([c for _s, c in items] + [const])
    return tuple((s, v) for (s, _c), v in zip(items, ints)), ints[-1]


def _lp_point(constraints: list, variables: list):
    """A rational point satisfying linear ``constraints``, or ``None``.

    ``constraints`` holds ``(form, kind)`` meaning ``form > 0``, ``form >= 0``
    or ``form == 0`` for ``kind`` in ``">"``, ``">="``, ``"=="``. Strict
    inequalities are exact through homogenisation (see the module docstring).
    The same system is often asked again (by the regions of one analysis): answers are cached.
    """
    point = _lp_point_cached(tuple(constraints), tuple(variables))
    return None if point is None else dict(point)


@functools.lru_cache(maxsize=_CACHE_SIZE)
def _lp_point_cached(constraints: tuple, variables: tuple):
    index = {v: i for i, v in enumerate(variables)}
    n = len(variables)
    rows = []
    for form, kind in constraints:
        items, const = _scaled(form)
        a = [0] * (n + 2)  # coefficients of the variables, of t, and the right-hand side
        for s, c in items:
            a[index[s]] = c
        a[n] = const
        if kind == ">":
            a[n + 1] = 1
        rows.append((a, kind == "=="))
    t_row = [0] * (n + 2)
    t_row[n] = 1
    t_row[n + 1] = 1
    rows.append((t_row, False))
    z = _solve_int(rows, n + 1)
    if z is None:
        return None
    t = z[n]
    return {v: z[i] / t for i, v in enumerate(variables)}


def lp_max(c, A, b, *, what: str = "a linear program"):
    """Maximise ``c x`` subject to ``A x = b``, ``x >= 0``, exactly (two-phase simplex, Bland's rule).

    Parameters
    ----------
    c : list of Fraction
        The objective, one coefficient per variable.
    A : list of lists of Fraction
        The equality constraints, one row per constraint.
    b : list of Fraction
        Their right-hand sides.
    what : str
        What the program is for, for the time-limit message.

    Returns
    -------
    (Fraction, list of Fraction) or None
        ``(value, x)`` at an optimal vertex, or ``None`` if the program is infeasible.

    Raises
    ------
    ArithmeticError
        If the program is unbounded (the caller must pose bounded programs).

    Notes
    -----
    Phase I drives artificial variables to zero, then redundant rows are dropped and phase II
    maximises ``c x``; Bland's smallest-index rule guarantees termination (Bland 1977; Chvatal
    1983, ch. 3). This is the one exact optimising linear program of the toolkit (feasibility
    questions of the engine use :func:`_lp_point`).

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> lp_max([F(1), F(1)], [[F(1), F(2)]], [F(4)])
    (Fraction(4, 1), [Fraction(4, 1), Fraction(0, 1)])
    """
    m, n = len(A), len(c)
    T = []
    for r in range(m):
        row, rhs = list(A[r]), b[r]
        if rhs < 0:
            row, rhs = [-v for v in row], -rhs
        T.append(row + [Fraction(int(a == r)) for a in range(m)] + [rhs])
    basis = [n + r for r in range(m)]
    width = n + m

    def pivot(r, j):
        p = T[r][j]
        T[r] = [v / p for v in T[r]]
        for rr in range(len(T)):
            if rr != r and T[rr][j] != 0:
                f = T[rr][j]
                T[rr] = [a - f * bb for a, bb in zip(T[rr], T[r])]
        basis[r] = j

    def run(obj, allowed):
        while True:
            limits.check(what)
            entering = None
            for j in allowed:
                if j in basis:
                    continue
                reduced = obj[j] - sum(obj[basis[r]] * T[r][j] for r in range(len(T)))
                if reduced > 0:
                    entering = j
                    break
            if entering is None:
                return
            best = None
            for r in range(len(T)):
                if T[r][entering] > 0:
                    ratio = T[r][-1] / T[r][entering]
                    if best is None or ratio < best[0] or ratio == best[0] and basis[r] < basis[best[1]]:
                        best = (ratio, r)
            if best is None:
                raise ArithmeticError("unbounded linear program")  # not reached for these programs
            pivot(best[1], entering)

    phase1 = [Fraction(0)] * n + [Fraction(-1)] * m
    run(phase1, range(width))
    if any(T[r][-1] != 0 for r in range(m) if basis[r] >= n):
        return None
    # drive the artificial variables (at zero) out of the basis; drop redundant rows
    r = 0
    while r < len(T):
        if basis[r] >= n:
            j = next((j for j in range(n) if T[r][j] != 0), None)
            if j is None:
                del T[r]
                del basis[r]
                continue
            pivot(r, j)
        r += 1
    obj = list(c) + [Fraction(0)] * m
    run(obj, range(n))
    x = [Fraction(0)] * n
    for r, j in enumerate(basis):
        x[j] = T[r][-1]
    return sum(ci * xi for ci, xi in zip(c, x)), x
