"""Deciding ``e op 0`` in a prepared context: the core of the engine.

Conventions
-----------
* ``_decide_core(ctx, e, op)`` answers a :class:`~gametheory.conditions.decision.Decision` for
  ``e op 0`` (``op`` in ``>``, ``>=``, ``==``, ``!=``): linear forms by the exact linear program,
  other expressions from the signs of their factors (:mod:`gametheory.conditions.signs`),
  reduced to conditions where the signs are not fixed.
* :func:`_context` prepares (and caches) a tuple of assumptions; nonlinear assumptions are
  reduced to linear ones here (:func:`_reduce_nonlinear`), since that is a decision.
"""

from __future__ import annotations

import functools

import sympy as sp
from sympy.core.relational import Relational
from sympy.logic.boolalg import BooleanAtom

from .. import limits
from .context import _BUILDING, _Context, _dedupe, build_context
from .decision import Decision
from .differences import _differences, _implied_difference
from .factor import _factor_data, _undenominated
from .linear import (
    _expand, _lin, _lin_eval, _lin_expr, _lin_neg, _primitive, _sym_key,
)
from .relations import _canon, _flatten, _split, canonical, to_str
from .signs import _minmax_split, _monotone, _resolve, _signs
from .signsets import (
    _MAX_DEPTH, _NEG, _NONNEG, _NONPOS, _NONZERO, _POS, _SAT, _ZERO, _fsign, _mul_sets,
    _number_signs, _pow_set, _verdict,
)


@functools.lru_cache(maxsize=512)
def _context(assumptions: tuple) -> _Context:
    """The prepared context of a tuple of assumptions (cached)."""
    _BUILDING[0] += 1
    try:
        return build_context(assumptions, _reduce_nonlinear)
    finally:
        _BUILDING[0] -= 1


def _reduce_nonlinear(ctx: _Context, pending: list) -> list | None:
    """Turn nonlinear assumptions into linear rows where the linear ones allow it.

    ``V/C < 1`` with ``C > 0`` becomes ``V < C``: each is decided under the
    rows so far, and replaced by its conditions when they are all linear
    (they are equivalent to it there). Returns the assumptions that remain,
    or ``None`` when one is false under the others.
    """
    for _round in range(2):
        if not pending:
            break
        still = []
        changed = False
        for e, op in pending:
            d = _decide_core(ctx, e, op)
            if d.value is True:
                continue
            if d.value is False:
                return None
            rows: list | None = []
            for c in d.conditions:
                form = None
                if isinstance(c, Relational):
                    ce, cop = _split(c)
                    form = _lin(_expand(ce))
                if form is None or not form[0]:
                    rows = None
                    break
                if cop == "==":
                    rows.extend([(form, ">="), (_lin_neg(form), ">=")])
                elif cop == "!=":
                    rows.append((form, "!="))
                else:
                    rows.append((form, cop))
            if rows:
                for form, cop in rows:
                    if cop == "!=":
                        ctx.nes.append(form)
                    else:
                        ctx.rows.append((form, cop))
                changed = True
            else:
                still.append((e, op))
        pending = still
        if not changed:
            break
        ctx.rows = _dedupe(ctx.rows)
        ctx._check_feasible()
        if not ctx.consistent:
            return None
    return pending



def _decide_core(ctx: _Context, e: sp.Expr, op: str) -> Decision:
    """Decide ``e op 0`` (``op`` in ``>, >=, ==, !=``) in a prepared context."""
    if not ctx.consistent:
        return Decision(False)
    ctx.depth += 1
    try:
        if ctx.depth > _MAX_DEPTH:
            return Decision(None, (_canon(e, op),))
        return _decide_inner(ctx, e, op)
    finally:
        ctx.depth -= 1


def _decide_inner(ctx: _Context, e: sp.Expr, op: str) -> Decision:
    sat = _SAT[op]
    e = ctx.substitute(e)
    if e.has(sp.nan, sp.zoo):  # undefined everywhere: holds at no point
        return Decision(False)
    e = _resolve(ctx, e)
    if e.is_number:
        v = _verdict(_number_signs(e), sat)
        return Decision(v) if v is not None else Decision(None, (_canon(e, op),))
    form = _lin(e)
    if form is None:
        ex = _expand(e) if (e.is_Add or e.is_Mul or e.is_Pow) and e.is_polynomial() else e
        if ex is not e:
            form2 = _lin(ex)
            if form2 is not None:
                form, e = form2, ex
    if form is not None:
        lin_signs = ctx.lin_signs(form)
        v = _verdict(lin_signs, sat)
        if v is not None:
            return Decision(v)
        if op == ">=" and lin_signs <= _NONPOS:  # the assumptions bound it the other way
            op = "=="
        return Decision(None, (_canon(_lin_expr(form), op),))
    signs = _signs(ctx, e)
    v = _verdict(signs, sat)
    if v is not None:
        return Decision(v)
    red = _monotone(ctx, e)
    if red is not None:
        return _decide_core(ctx, red, op)
    mm = _minmax_split(e)
    if mm is not None and op in (">", ">="):
        return _decide_minmax(ctx, e, op, *mm)
    return _decide_factored(ctx, e, op, signs)


def _decide_minmax(ctx, e, op, kind, parts) -> Decision:
    ds = [_decide_core(ctx, p, op) for p in parts]
    if kind == "min":  # all parts must hold
        if any(d.value is False for d in ds):
            return Decision(False)
        if all(d.value is True for d in ds):
            return Decision(True)
        conds = [c for d in ds for c in d.conditions]
        return _conjunction(ctx, conds)
    if any(d.value is True for d in ds):
        return Decision(True)
    if all(d.value is False for d in ds):
        return Decision(False)
    open_ = [d for d in ds if d.value is None]
    if len(open_) == 1:
        return open_[0]
    return Decision(None, (_canon(e, op),))


def _conjunction(ctx: _Context, conds: list) -> Decision:
    if not conds:
        return Decision(True)
    if len(conds) == 1:
        return Decision(None, tuple(conds))
    s = _simplify_in(ctx, conds)
    if s is None:
        return Decision(False)
    if not s:
        return Decision(True)
    return Decision(None, s)


def _decide_factored(ctx: _Context, e: sp.Expr, op: str, signs: frozenset) -> Decision:
    """Decide ``e op 0`` from the signs of the factors of ``e``; else reduce it to conditions.

    Factors of known strict sign are dropped from the conditions. Conditions
    carry no denominators: ``n/d > 0`` becomes ``n*d > 0`` (the same where
    ``e`` is defined), and a denominator factor that can vanish adds
    ``Ne(d, 0)`` where the relation would otherwise admit ``d = 0``.
    """
    const, facs = _factor_data(e)
    sigma = _fsign(int(const.p)) if const.is_Rational else None
    if sigma is None:
        s0 = _number_signs(const)
        if len(s0) != 1:
            return Decision(None, (_canon(_undenominated(e), op),))
        sigma = next(iter(s0))
    recs = []  # (factor, multiplicity, in denominator, signs of the factor, signs of its power)
    total = frozenset((sigma,))
    for f, m, den in facs:
        red = _monotone(ctx, f) if f.is_Add else None
        f = red if red is not None else f
        s = _signs(ctx, f)
        eff = _pow_set(s - _ZERO or _NONZERO if den else s, m)
        total = _mul_sets(total, eff)
        recs.append((f, m, den, s, eff))
    total = total & signs if total & signs else total
    v = _verdict(total, _SAT[op])
    if v is not None:
        return Decision(v)
    known = sigma
    unknown = []
    for r in recs:
        if r[4] in (_POS, _NEG):
            known *= next(iter(r[4]))
        else:
            unknown.append(r)
    whole = len(unknown) == len(recs)
    has_den = any(r[2] for r in recs)
    single = whole and len(recs) == 1 and recs[0][1] == 1  # e is a constant times one factor
    shown = _undenominated(e)  # e itself, as written, when all its factors are unknown
    # denominators that may vanish: the relation is undefined there
    defined = [_canon(f, "!=") for f, _m, den, s, _eff in recs if den and 0 in s]

    def product(rs) -> sp.Expr:
        return sp.Mul(*[f ** (1 if m % 2 else 2) for f, m, _den, _s, _e in rs])

    if op == "!=":
        if single:
            return Decision(None, (_nonzero_cond(e, _mul_sets(frozenset((sigma,)), recs[0][3])),))
        conds = [_nonzero_cond(f, s) for f, m, den, s, _eff in unknown if not den and 0 in s]
        return _conjunction(ctx, conds + defined)
    if op == "==":
        zs = [r for r in unknown if not r[2] and 0 in r[3]]
        if single:
            return Decision(None, (_canon(e, "=="),))
        if len(zs) == 1:
            cond = _canon(zs[0][0], "==")
        elif whole and not has_den:
            cond = _canon(e, "==")
        else:
            cond = _canon(product(zs), "==")
        return _conjunction(ctx, [cond] + defined)
    # ">" or ">=": the unknown factors' product must have the sign `target` (or be 0 for ">=")
    target = known
    if op == ">":
        semi = [r for r in unknown if r[4] <= _NONNEG or r[4] <= _NONPOS]
        free = [r for r in unknown if r not in semi]
        conds = []
        for f, m, den, s, eff in semi:
            conds.append(_nonzero_cond(f, s))
            target *= 1 if eff <= _NONNEG else -1
        if not free:
            if target != 1:
                return Decision(False)
        elif whole and not semi and (single or len(recs) > 1):
            conds.append(_canon(shown, ">"))
        else:
            p = free[0][0] if len(free) == 1 else product(free)
            conds.append(_canon(p if target > 0 else -p, ">"))
        return _conjunction(ctx, conds)
    # ">="
    if len(unknown) == 1:
        f, m, den, s, eff = unknown[0]
        if m % 2 == 0 and not den:
            if target > 0:
                return Decision(True)
            return Decision(None, (_canon(f, "=="),))
        if single and not den:
            return Decision(None, (_canon(e, ">="),))
        if den:  # f**m in a denominator is never zero
            return Decision(None, (_canon(f if target > 0 else -f, ">"),))
        return Decision(None, (_canon(f if target > 0 else -f, ">="),))
    if whole:
        return _conjunction(ctx, [_canon(shown, ">=")] + defined)
    p = product(unknown)
    return _conjunction(ctx, [_canon(p if target > 0 else -p, ">=")] + defined)



def _nonzero_cond(f: sp.Expr, s: frozenset):
    """``f != 0`` as a relation, strict when ``f`` has one sign apart from zero."""
    if s <= _NONNEG:
        return _canon(f, ">")
    if s <= _NONPOS:
        return _canon(-f, ">")
    return _canon(f, "!=")



def _decide_rel(ctx: _Context, relation) -> Decision:
    if not ctx.consistent:
        return Decision(False)
    if isinstance(relation, BooleanAtom):
        return Decision(bool(relation))
    if isinstance(relation, sp.Not):
        inner = relation.args[0]
        if isinstance(inner, Relational):
            return _decide_rel(ctx, inner.negated)
        d = _decide_rel(ctx, inner)
        if d.value is not None:
            return Decision(not d.value)
        return Decision(None, (canonical(relation),))
    if isinstance(relation, sp.And):
        ds = [_decide_rel(ctx, a) for a in relation.args]
        if any(d.value is False for d in ds):
            return Decision(False)
        conds = [c for d in ds for c in d.conditions]
        return _conjunction(ctx, conds)
    if isinstance(relation, sp.Or):
        ds = [_decide_rel(ctx, a) for a in relation.args]
        if any(d.value is True for d in ds):
            return Decision(True)
        if all(d.value is False for d in ds):
            return Decision(False)
        open_ = [d for d in ds if d.value is None]
        if len(open_) == 1:
            return open_[0]
        return Decision(None, (sp.Or(*[sp.And(*d.conditions) for d in open_]),))
    if not isinstance(relation, Relational):
        raise TypeError(
            f"decide(): expected a sympy relational, got {type(relation).__name__}: {relation!r}"
        )
    e, op = _split(relation)
    domain = _domain(e) if e.has(sp.Pow, sp.log) else ()
    if not domain:
        return _decide_core(ctx, e, op)
    # a relation between expressions with roots holds only where they are real
    needed = []
    for de, dop in domain:
        d = _decide_core(ctx, de, dop)
        if d.value is False:
            return Decision(False)
        needed.extend(d.conditions)
    if not needed:
        return _decide_core(ctx, e, op)
    d = _decide_core(_context(ctx.assumptions + tuple(needed)), e, op)
    if d.value is False:
        return Decision(False)
    merged = needed + list(d.conditions)
    if not any(_has_roots(x) for x in merged):
        return _conjunction(ctx, merged)
    # not simplified again: a condition with a root would bring its domain back
    unique = {to_str(c): c for c in merged}
    return Decision(None, tuple(unique[k] for k in sorted(unique)))


def _has_roots(x) -> bool:
    return any(not p.exp.is_Integer for p in x.atoms(sp.Pow)) or x.has(sp.log)


def _domain(e: sp.Expr) -> tuple:
    """``(expression, op)`` pairs under which ``e`` is real: the base of a root (a non-integer
    rational power) is ``>= 0`` (``> 0`` for a negative power), the argument of ``log`` ``> 0``."""
    out = []
    for p in sorted(e.atoms(sp.Pow), key=sp.default_sort_key):
        if p.exp.is_Rational and not p.exp.is_Integer and not p.base.is_number:
            out.append((p.base, ">" if p.exp < 0 else ">="))
    for f in sorted(e.atoms(sp.log), key=sp.default_sort_key):
        if not f.args[0].is_number:
            out.append((f.args[0], ">"))
    return tuple(out)


def _simplify_in(ctx: _Context, conds: list, _depth: int = 0) -> tuple | None:
    reduced = []
    for c in _flatten(conds):
        limits.check("deciding: simplifying conditions")
        d = _decide_top(ctx, c)
        if d.value is True:
            continue
        if d.value is False:
            return None
        reduced.extend(d.conditions)
    unique = {}
    for c in reduced:
        unique.setdefault(to_str(c), c)
    items = [unique[k] for k in sorted(unique)]
    if not items:
        return ()
    if len(items) == 1:
        return tuple(items)
    base = ctx.assumptions
    linear, nonlinear = {}, []
    for c in items:
        rows = _linear_rows(ctx, c)
        if rows is None:
            nonlinear.append(c)
        else:
            linear[c] = rows
    diffs = _differences(ctx, linear)
    if diffs is not None and ctx.linear_only and not nonlinear:
        # differences under linear assumptions: shortest paths decide, no context is built
        system, edges, pairs, prepared = diffs
        consistent = system.feasible(
            edges + [e for own, _p, _f in prepared.values() for e in own],
            pairs + [pr for _e, own, _f in prepared.values() for pr in own],
        )
    else:
        consistent = _context(base + tuple(items)).consistent
    if not consistent:
        return None
    # drop conditions implied by the assumptions and the others, trying the
    # most complex first so that simple ones are kept: linear ones by linear
    # programs on the prepared assumptions, nonlinear ones against the
    # assumptions and the linear conditions
    kept = list(items)
    for c in sorted(linear, key=lambda c: (-_ops(c), to_str(c))):
        limits.check("deciding: simplifying conditions")
        if diffs is not None:
            implied = _implied_difference(diffs, [k for k in kept if k is not c and k in linear], c)
            if implied:
                kept.remove(c)
            continue
        others = [r for k in kept if k is not c and k in linear for r in linear[k]]
        if _implied_linear(ctx, others, linear[c]):
            kept.remove(c)
    kept = _equal_bounds(ctx, kept, linear)
    if nonlinear:
        # reduce each nonlinear condition under the assumptions and the linear
        # conditions: with y < x, (x - 2*y)/(x - y) > 0 is 2*y < x
        lin_ctx = _context(base + tuple(k for k in kept if k in linear))
        replaced = []
        for c in sorted(nonlinear, key=lambda c: (-_ops(c), to_str(c))):
            limits.check("deciding: simplifying conditions")
            d = _decide_top(lin_ctx, c)
            if d.value is False:
                return None
            if d.value is True:
                kept.remove(c)
            elif [to_str(k) for k in d.conditions] != [to_str(c)]:
                kept.remove(c)
                replaced.extend(d.conditions)
        if replaced and _depth < 3:
            return _simplify_in(ctx, kept + replaced, _depth + 1)
        kept.extend(replaced)
        kept.sort(key=to_str)
    return tuple(kept)


def _decide_top(ctx: _Context, relation) -> Decision:
    """:func:`_decide_rel` asked from the top (not from inside another decision, nor while a
    context is being built), remembered in the context: the regions of one case analysis
    simplify the same conditions again and again."""
    if ctx.depth or _BUILDING[0]:
        return _decide_rel(ctx, relation)
    d = ctx.rel_cache.get(relation)
    if d is None:
        d = _decide_rel(ctx, relation)
        ctx.rel_cache[relation] = d
    return d


def _linear_rows(ctx: _Context, c) -> list | None:
    """``c`` as linear ``(form, kind)`` rows over the prepared assumptions, or ``None``."""
    if not isinstance(c, Relational):
        return None
    e, op = _split(c)
    form = _lin(_expand(ctx.substitute(e)))
    if form is None or not form[0]:
        return None
    return [(form, op)]


def _implied_linear(ctx: _Context, others: list, rows: list) -> bool:
    """Do the assumptions and the linear ``others`` rows imply ``rows`` (one relation)?"""
    (form, op), = rows
    base = list(ctx.rows) + [(f, k) for f, k in others if k != "!="]
    nes = list(ctx.nes) + [f for f, k in others if k == "!="]
    variables = set(ctx.vars)
    for f, _k in others + rows:
        variables.update(s for s, _c in f[0])
    variables = sorted(variables, key=_sym_key)
    # a known point of the assumptions where the others hold and this one fails settles it
    for point in ctx.points:
        if all(s in point for s in variables) and not _row_holds(form, op, point) and all(
            _row_holds(f, k, point) for f, k in others
        ):
            return False
    if op == ">":
        negations = [[(_lin_neg(form), ">=")]]
    elif op == ">=":
        negations = [[(_lin_neg(form), ">")]]
    elif op == "==":
        negations = [[(form, ">")], [(_lin_neg(form), ">")]]
    else:
        negations = [[(form, "==")]]
    return not any(ctx._feasible(base + neg, nes, variables) for neg in negations)


def _row_holds(form, kind: str, point: dict) -> bool:
    """Does ``form kind 0`` hold at ``point``?"""
    v = _lin_eval(form, point)
    return v > 0 if kind == ">" else v >= 0 if kind == ">=" else v == 0 if kind == "==" else v != 0


def _equal_bounds(ctx: _Context, kept: list, linear: dict) -> list:
    """Bounds that meet become an equality: ``N <= r`` and ``r <= N`` (two conditions, or a
    condition and an assumption) are ``Eq(N, r)``. Linear ``>=`` conditions only."""
    bounds = {}
    for c in kept:
        rows = linear.get(c)
        if rows is None or rows[0][1] != ">=":
            continue
        key, orient = _primitive(rows[0][0])
        bounds.setdefault(key, {})[orient] = c
    out = list(kept)
    for key, sides in bounds.items():
        assumed = {o for o, kind in ctx.row_kinds.get(key, ()) if kind == ">="}
        if len(sides) == 2 or (len(sides) == 1 and -next(iter(sides)) in assumed):
            form = linear[next(iter(sides.values()))][0][0]
            for c in sides.values():
                out.remove(c)
            out.append(_canon(_lin_expr(form), "=="))
    if len(out) != len(kept):
        out.sort(key=to_str)
    return out


@functools.lru_cache(maxsize=16384)
def _ops(c) -> int:
    """``sympy.count_ops`` of a condition, remembered (conditions are sorted by it often)."""
    return sp.count_ops(c)
