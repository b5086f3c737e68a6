"""Signs of expressions under prepared assumptions, by their structure.

Conventions
-----------
* :func:`_signs` over-approximates the set of signs (:mod:`gametheory.conditions.signsets`) an
  expression takes where the assumptions hold and it is defined: sums and products of signed
  terms, ``exp > 0``, even powers ``>= 0``, roots and powers of positive bases, ``log``, ``Abs``,
  ``Min``, ``Max``, comparisons of one increasing function at two points (:func:`_monotone`);
  linear parts exactly (:meth:`_Context.lin_signs`); polynomials by a certificate on a simplicial
  cone (:func:`_cone_signs`; Polya 1928, Powers and Reznick 2001).
* :func:`_resolve` removes ``Abs``, ``Min`` and ``Max`` whose arguments compare under the
  assumptions.
"""

from __future__ import annotations

import functools
import itertools
from fractions import Fraction

import sympy as sp

from .. import limits
from .context import _Context
from .factor import _factor_data
from .linear import _glin, _lin, _pivot, _sym_key
from .signsets import (
    _ALL, _CACHE_SIZE, _NEG, _NONNEG, _NONPOS, _NONZERO, _POS, _ZERO, _fsign, _mul_sets,
    _number_signs, _pow_set, _sum_sets,
)


def _signs(ctx: _Context, e: sp.Expr) -> frozenset:
    """Over-approximation of the signs ``e`` takes where the assumptions hold and it is defined."""
    hit = ctx.sign_cache.get(e)
    if hit is not None:
        return hit
    limits.check("deciding the sign of an expression")
    result = _signs_uncached(ctx, e)
    if ctx.atom_vars and len(result) > 1 and not e.is_number:
        form = _glin(sp.expand(e))
        if form[0] and any(s in ctx.atom_vars for s, _c in form[0]):
            relaxed = ctx.lin_signs(form)
            if result & relaxed:
                result = result & relaxed
    ctx.sign_cache[e] = result
    return result


def _signs_uncached(ctx: _Context, e: sp.Expr) -> frozenset:
    if e.is_number:
        return _number_signs(e)
    form = _lin(e)
    if form is not None:
        return ctx.lin_signs(form)
    if e.is_Add:
        lin_terms, other = [], []
        for t in e.args:
            (lin_terms if _lin(t) is not None else other).append(t)
        sets = []
        if lin_terms:
            sets.append(ctx.lin_signs(_lin(sp.Add(*lin_terms))))
        for t in other:
            sets.append(_signs(ctx, t))
            if sets[-1] == _ALL:
                break
        out = _sum_sets(sets)
        if out == _ALL:
            red = _monotone(ctx, e)
            if red is not None:
                return _signs(ctx, red)
            out = _convex_signs(ctx, e)
            if out == _ALL:
                out = _factored_signs(ctx, e)
        return out
    if e.is_Mul:
        s = _POS
        for a in e.args:
            s = _mul_sets(s, _signs(ctx, a))
        return s
    if e.is_Pow:
        base, ex = e.args
        if ex.is_Integer:
            n = int(ex)
            b = _signs(ctx, base)
            if n < 0:
                b = b - _ZERO
                if not b:
                    return _ALL
            if n == 0:
                return _POS
            return _pow_set(b, abs(n))
        b = _signs(ctx, base)
        if not b <= _NONNEG:
            return _ALL
        if ex.is_number:
            if ex.is_negative:
                return _POS if b - _ZERO else _ALL
            return b if ex.is_positive else _ALL
        if b == _POS:
            return _POS
        return _NONNEG
    if isinstance(e, sp.exp):
        return _POS
    if isinstance(e, sp.log):
        arg = e.args[0]
        if _signs(ctx, arg) == _POS:
            return _signs(ctx, arg - 1)
        return _ALL
    if isinstance(e, sp.Abs):
        b = _signs(ctx, e.args[0])
        out = set()
        for x in b:
            out.add(abs(x))
        return frozenset(out) if out else _ALL
    if isinstance(e, (sp.Min, sp.Max)):
        pick = min if isinstance(e, sp.Min) else max
        sets = [_signs(ctx, a) for a in e.args]
        acc = sets[0]
        for s in sets[1:]:
            acc = frozenset(pick(x, y) for x in acc for y in s)
        return acc
    if isinstance(e, sp.sign):
        return _signs(ctx, e.args[0])
    return _ALL


def _monotone_part(ctx: _Context, r: sp.Expr):
    """``(F, argument, inverse)`` when ``r = F(argument)`` with ``F`` strictly increasing on its domain."""
    if isinstance(r, sp.exp):
        return "exp", r.args[0], sp.log
    if isinstance(r, sp.log):
        if _signs(ctx, r.args[0]) == _POS:
            return "log", r.args[0], sp.exp
        return None
    if r.is_Pow:
        base, ex = r.args
        if ex.is_Rational and ex > 0 and ex != 1:
            if ex.is_Integer and ex % 2 == 1:
                return ("pow", ex), base, lambda t, ex=ex: sp.real_root(t, ex)
            if _signs(ctx, base) <= _NONNEG:
                return ("pow", ex), base, lambda t, ex=ex: t ** (1 / ex) if t >= 0 else None
    return None


def _convex_signs(ctx: _Context, e: sp.Expr) -> frozenset:
    """Signs of ``e`` when it is linear in a parameter ``q`` that the assumptions keep in [0, 1].

    Then ``e = (1 - q)*e(0) + q*e(1)`` is a convex combination of its values at the ends, and has
    a sign both ends share: ``q*(R - T) + (1 - q)*(S - P)`` is negative when ``R < T`` and
    ``S < P`` (a belief-weighted payoff difference). ``_ALL`` when no such parameter settles it.
    """
    for q in sorted(e.free_symbols, key=_sym_key):
        if q not in ctx.comp:
            continue
        if not (ctx.lin_signs(_lin(q)) <= _NONNEG and ctx.lin_signs(_lin(1 - q)) <= _NONNEG):
            continue
        if sp.diff(e, q).has(q):
            continue
        low = _signs(ctx, sp.expand(e.xreplace({q: sp.Integer(0)})))
        high = _signs(ctx, sp.expand(e.xreplace({q: sp.Integer(1)})))
        if low == high == _POS or low == high == _NEG:
            return low
        if low | high <= _NONNEG:
            return _NONNEG if (low | high) != _ZERO else _ZERO
        if low | high <= _NONPOS:
            return _NONPOS
    return _ALL


def _radical(ctx: _Context, e: sp.Expr):
    """A polynomial with the sign of ``e = A + B*sqrt(X)`` where the signs of ``A`` and ``B`` allow.

    ``(A + B*s)*(A - B*s) = A**2 - B**2*X`` for ``s = sqrt(X) >= 0``. When ``A - B*s`` has one
    strict sign ``sigma`` (``A`` strictly of sign ``sigma`` and ``B*s`` of the other sign or zero,
    or ``B`` strictly of one sign and ``A`` of the other or zero, where ``A - B*s`` vanishes only
    with ``e``), ``e`` has the sign of ``sigma*(A**2 - B**2*X)``: ``b - sqrt(b**2 - 2*b*c)`` with
    ``b > 0`` has the sign of ``2*b*c``. ``None`` otherwise (one square root in ``e``, after
    products of square roots are merged).
    """
    roots = {p for p in e.atoms(sp.Pow) if p.exp == sp.S.Half and not p.base.is_number}
    if len(roots) > 1:
        # sqrt(x)*sqrt(y) = sqrt(x*y) where both are real (where e is defined)
        e = sp.powsimp(e, force=True, combine="base")
        roots = {p for p in e.atoms(sp.Pow) if p.exp == sp.S.Half and not p.base.is_number}
    if len(roots) != 1:
        return None
    (s,) = roots
    a_terms, b_terms = [], []
    for term in sp.Add.make_args(e):
        if term.has(s):
            rest = sp.expand(term / s)
            if rest.has(s):
                return None
            b_terms.append(rest)
        else:
            a_terms.append(term)
    if not a_terms or not b_terms:
        return None
    a, b = sp.Add(*a_terms), sp.Add(*b_terms)
    sa, sb = _signs(ctx, a), _signs(ctx, b)
    sigma = None
    for strict in (1, -1):
        if sa == frozenset((strict,)) and sb <= frozenset((-strict, 0)):
            sigma = strict
        elif sb == frozenset((strict,)) and sa <= frozenset((-strict, 0)):
            sigma = -strict
    if sigma is None:
        return None
    return sigma * sp.expand(a**2 - b**2 * s.base)


def _monotone(ctx: _Context, e: sp.Expr):
    """An expression with the sign of ``e`` when ``e`` compares values of an increasing function.

    ``k*F(u) + c`` has the sign of ``k*(u - F^-1(-c/k))`` when that inverse
    is rational, and ``k*(F(u) - F(v))`` the sign of ``k*(u - v)``, for ``F``
    one of ``exp``, ``log`` (positive arguments) and positive powers
    (non-negative bases, or any base for odd integer powers).
    """
    if e.has(sp.Pow):
        red = _radical(ctx, e)
        if red is not None:
            return red
    terms = sp.Add.make_args(e)
    if len(terms) != 2:
        return None
    (c1, r1), (c2, r2) = (t.as_coeff_Mul() for t in terms)
    if r1 is sp.S.One:
        (c1, r1), (c2, r2) = (c2, r2), (c1, r1)
    if not c1.is_Rational:
        return None
    k = 1 if c1 > 0 else -1
    if r2 is sp.S.One and c2 == -c1 and r1.is_Pow and not r1.exp.is_number:
        # u**p - 1 has the sign of (u - 1)*p for u > 0
        if _signs(ctx, r1.base) == _POS:
            return k * (r1.base - 1) * r1.exp
        return None
    m1 = _monotone_part(ctx, r1)
    if m1 is None:
        return None
    if r2 is sp.S.One:
        t = -c2 / c1
        try:
            w = m1[2](t)
        except (ValueError, TypeError):
            return None
        if w is None or not getattr(w, "is_Rational", False):
            return None
        return k * (m1[1] - w)
    m2 = _monotone_part(ctx, r2)
    if m2 is None or m2[0] != m1[0] or c2 != -c1:
        return None
    return k * (m1[1] - m2[1])


def _factored_signs(ctx: _Context, e: sp.Expr) -> frozenset:
    """Signs of ``e`` from the signs of its factors over a common denominator."""
    const, facs = _factor_data(e)
    if len(facs) == 1 and facs[0][1] == 1 and not facs[0][2]:
        return _cone_signs(ctx, facs[0][0], _fsign(int(const.p)) if const.is_Rational else 0)
    s0 = _number_signs(const)
    if len(s0) != 1:
        return _ALL
    total = s0
    for f, m, den in facs:
        red = _monotone(ctx, f) if f.is_Add else None
        s = _signs(ctx, red if red is not None else f)
        if den:
            s = s - _ZERO or _NONZERO
        total = _mul_sets(total, _pow_set(s, m))
    return total


_CONE_MAX_VARS = 6
_CONE_MAX_DEGREE = 4
_CONE_MAX_TRIES = 40


def _cone_signs(ctx: _Context, f: sp.Expr, scale: int) -> frozenset:
    """Signs of ``scale * f`` for a polynomial ``f``, by a certificate on a simplicial cone.

    Choose linearly independent assumption rows ``r_i(x) = a_i.x + c_i``
    (``>= 0`` or ``> 0``) on the variables of ``f`` and complete them with
    free coordinates to an invertible change of variables ``x -> u``. The
    region lies inside ``{u_i >= 0}``, so if ``f`` written in ``u`` has only
    coefficients of one sign (free coordinates in even powers only), ``f`` has
    that sign; strictly when a term of that sign uses strict rows only. This is
    the simplest case of Polya's certificate of positivity on the orthant
    (Polya 1928; Powers and Reznick 2001).
    """
    if scale == 0:
        return _ALL
    hit = ctx.sign_cache.get(("cone", f))
    if hit is not None:
        return _mul_sets(hit, frozenset((scale,)))
    result = _cone_signs_uncached(ctx, f)
    ctx.sign_cache[("cone", f)] = result
    return _mul_sets(result, frozenset((scale,)))


def _cone_signs_uncached(ctx: _Context, f: sp.Expr) -> frozenset:
    variables = sorted(f.free_symbols, key=_sym_key)
    n = len(variables)
    if not 0 < n <= _CONE_MAX_VARS or not ctx.rows:
        return _ALL
    try:
        poly = sp.Poly(f, *variables, domain="QQ")
    except (sp.PolynomialError, sp.CoercionFailed, sp.GeneratorsNeeded):
        return _ALL
    if not 2 <= poly.total_degree() <= _CONE_MAX_DEGREE:
        return _ALL
    vset = set(variables)
    cands = tuple((form, kind) for form, kind in ctx.rows if all(s in vset for s, _c in form[0]))
    if not cands:
        return _ALL
    # cheap and exact: feasible points where f has both signs leave nothing to prove
    signs_seen = set()
    terms = [(Fraction(int(c.p), int(c.q)), m) for m, c in poly.terms()]
    for point in ctx.sample_points(variables):
        vals = [point[v] for v in variables]
        total = Fraction(0)
        for c, m in terms:
            t = c
            for v, e in zip(vals, m):
                if e:
                    t *= v**e
            total += t
        signs_seen.add(_fsign(total))
        if 1 in signs_seen and -1 in signs_seen:
            return _ALL
    return _cone_certificate(f, tuple(variables), cands)


@functools.lru_cache(maxsize=_CACHE_SIZE)
def _cone_certificate(expr: sp.Expr, variables: tuple, cands: tuple) -> frozenset:
    """The certificate of :func:`_cone_signs` for ``expr`` and candidate rows ``cands``."""
    n = len(variables)
    col = {v: i for i, v in enumerate(variables)}
    poly = sp.Poly(expr, *variables, domain="QQ")
    terms = poly.terms()
    ring, *u = sp.ring([f"u{i}" for i in range(n)], sp.QQ)
    tries = 0
    for k in range(min(n, len(cands)), 0, -1):
        tried_here = False
        for subset in itertools.combinations(cands, k):
            limits.check("deciding the sign of a polynomial")
            mat = []
            for (items, _const), _kind in subset:
                row = [Fraction(0)] * n
                for s, c in items:
                    row[col[s]] = c
                mat.append(row)
            inverse = _complete_and_invert(mat, n)
            if inverse is None:
                continue
            tried_here = True
            tries += 1
            if tries > _CONE_MAX_TRIES:
                return _ALL
            consts = [const for (_items, const), _kind in subset] + [Fraction(0)] * (n - k)
            # x = M^-1 (u - c): u_i = a_i.x + c_i are the slacks of the chosen rows
            xs = []
            for i in range(n):
                x = ring(0)
                for j, c in enumerate(inverse[i]):
                    if c:
                        x += sp.QQ(c.numerator, c.denominator) * u[j]
                shift = -sum((c * consts[j] for j, c in enumerate(inverse[i])), Fraction(0))
                xs.append(x + sp.QQ(shift.numerator, shift.denominator))
            g = ring(0)
            for m, c in terms:
                t = ring(c)
                for xi, e in zip(xs, m):
                    if e:
                        t *= xi**e
                g += t
            strict = [subset[i][1] == ">" for i in range(k)]
            verdict = _orthant_sign(g.terms(), k, strict)
            if verdict is not None:
                return verdict
        if tried_here:
            break
    return _ALL


def _complete_and_invert(mat: list, n: int):
    """Complete ``k`` rows of ``n`` Fractions with unit rows to an invertible matrix; its inverse.

    ``None`` when the rows are linearly dependent. The completed matrix has
    the given rows first, then unit rows for the columns without a pivot.
    """
    k = len(mat)
    work = [list(r) for r in mat]
    pivots = []
    for r in range(k):
        row = work[r]
        for prev, pc in zip(work[:r], pivots):
            f = row[pc]
            if f:
                row[:] = [a - f * b for a, b in zip(row, prev)]
        pc = next((j for j, v in enumerate(row) if v), None)
        if pc is None:
            return None
        inv = 1 / row[pc]
        row[:] = [v * inv for v in row]
        for prev_i in range(r):
            f = work[prev_i][pc]
            if f:
                work[prev_i] = [a - f * b for a, b in zip(work[prev_i], row)]
        pivots.append(pc)
    full = [list(r) for r in mat]
    for j in range(n):
        if j not in pivots:
            unit = [Fraction(0)] * n
            unit[j] = Fraction(1)
            full.append(unit)
    # Gauss-Jordan on [full | I]
    aug = [row + [Fraction(int(i == j)) for j in range(n)] for i, row in enumerate(full)]
    for c in range(n):
        r = next((i for i in range(c, n) if aug[i][c]), None)
        if r is None:
            return None
        aug[c], aug[r] = aug[r], aug[c]
        _pivot(aug, c, c)
    return [row[n:] for row in aug]


def _orthant_sign(terms: list, k: int, strict: list) -> frozenset | None:
    """Sign of ``g(u)`` (its ``(monomial, coefficient)`` terms) for ``u_i >= 0``.

    ``u_i > 0`` where ``strict[i]``, for ``i < k``; the other ``u_i`` are free.
    """
    pos = neg = False
    strict_pos = strict_neg = False
    for monom, coeff in terms:
        if any(e % 2 for e in monom[k:]):
            return None
        positive_term = all(monom[i] == 0 or strict[i] for i in range(k)) and not any(monom[k:])
        if coeff > 0:
            pos = True
            strict_pos = strict_pos or positive_term
        elif coeff < 0:
            neg = True
            strict_neg = strict_neg or positive_term
        if pos and neg:
            return None
    if pos:
        return _POS if strict_pos else _NONNEG
    if neg:
        return _NEG if strict_neg else _NONPOS
    return _ZERO


# ----------------------------------------------------------------------------
# Abs, Min and Max whose arguments compare under the assumptions


def _resolve(ctx: _Context, e: sp.Expr) -> sp.Expr:
    if not e.has(sp.Abs, sp.Min, sp.Max):
        return e
    args = [_resolve(ctx, a) for a in e.args] if e.args else []
    if isinstance(e, sp.Abs):
        u = args[0]
        s = _signs(ctx, u)
        if s <= _NONNEG:
            return u
        if s <= _NONPOS:
            return -u
        return sp.Abs(u)
    if isinstance(e, (sp.Min, sp.Max)):
        keep = list(args)
        want = _NONPOS if isinstance(e, sp.Min) else _NONNEG
        i = 0
        while i < len(keep):
            dominated = False
            for j, other in enumerate(keep):
                if j != i and _signs(ctx, sp.expand(keep[j] - keep[i])) <= want:
                    # other is at least as good: drop keep[i]
                    dominated = True
                    break
            if dominated and len(keep) > 1:
                keep.pop(i)
            else:
                i += 1
        return keep[0] if len(keep) == 1 else e.func(*keep)
    if args and tuple(args) != e.args:
        return e.func(*args)
    return e


def _minmax_split(e: sp.Expr):
    """``("min"|"max", [e_1, ...])`` when ``e`` is ``Min``/``Max`` of the ``e_i`` plus terms."""
    terms = sp.Add.make_args(e)
    for t in terms:
        c, r = t.as_coeff_Mul()
        if isinstance(r, (sp.Min, sp.Max)) and c.is_Rational and c != 0:
            rest = e - t
            kind = "min" if isinstance(r, sp.Min) else "max"
            if c < 0:
                kind = "max" if kind == "min" else "min"
            return kind, [c * a + rest for a in r.args]
    return None
