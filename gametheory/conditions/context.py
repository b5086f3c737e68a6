"""Assumptions prepared for queries: substitutions, linear rows, feasible points.

Conventions
-----------
* A :class:`_Context` holds one tuple of assumptions prepared once (cached by
  :func:`gametheory.conditions.core._context`): equalities solved for one symbol each
  (``subs``), linear inequalities as rows ``(form, ">" | ">=")`` of
  :mod:`gametheory.conditions.linear`, ``Ne`` as forms that are non-zero, and a few feasible
  points that serve as cheap sign evidence.
* ``consistent`` is ``False`` when no point satisfies the assumptions.
"""

from __future__ import annotations

from fractions import Fraction

import sympy as sp

from .. import limits
from .differences import _difference_feasible, _difference_point
from .linear import _expand, _glin, _lin, _lin_eval, _lin_neg, _lp_point, _primitive, _sym_key
from .relations import _flatten, _split, _as_sympy
from .signsets import (_ALL, _EMPTY, _NEG, _NONNEG, _NONPOS, _POS, _SAT, _ZERO, _fsign, _mul_sets,
                       _number_signs, _pow_set, _verdict)

class _Context:
    """Assumptions prepared for queries: substitutions, linear rows, atoms."""

    def __init__(self, assumptions: tuple):
        self.assumptions = assumptions
        self.consistent = True
        self.subs: dict = {}
        self.rows: list = []  # (form, kind) with kind ">" or ">="
        self.nes: list = []  # forms that are != 0
        self.atom_vars: set = set()  # nonlinear terms used as variables of the rows
        self.points: list = []  # feasible points (dicts over self.vars)
        self.sign_cache: dict = {}
        self.lin_cache: dict = {}
        self.rel_cache: dict = {}  # relation -> Decision, asked from the top (core._decide_top)
        self.diff_rows: tuple | None = None  # (rows, nes, their differences): core._implied_linear
        self.samples: dict = {}
        self.row_kinds: dict = {}
        self.vars: list = []
        self.comp: dict = {}
        self.comp_rows: dict = {}
        self.comp_nes: dict = {}
        self.comp_vars: dict = {}
        self.opaque: list = []  # assumptions that could not be used (e.g. Or)
        #: every assumption became a substitution, a row or a form of ``nes`` as it stands (no
        #: nonlinear one, none opaque): the rows are then exactly the assumptions
        self.linear_only = False
        self.depth = 0

    # -- building -----------------------------------------------------------

    def _index(self) -> None:
        parent: dict = {}

        def find(v):
            while parent[v] is not v:
                parent[v] = parent[parent[v]]
                v = parent[v]
            return v

        forms = [f for f, _k in self.rows] + list(self.nes)
        for items, _c in forms:
            for s, _v in items:
                parent.setdefault(s, s)
            first = items[0][0]
            for s, _v in items[1:]:
                a, b = find(first), find(s)
                if a is not b:
                    parent[a] = b
        self.vars = sorted(parent, key=_sym_key)
        self.comp = {v: find(v) for v in self.vars}
        self.comp_rows = {}
        self.comp_nes = {}
        self.comp_vars = {}
        for v in self.vars:
            self.comp_vars.setdefault(self.comp[v], []).append(v)
        for f, k in self.rows:
            self.comp_rows.setdefault(self.comp[f[0][0][0]], []).append((f, k))
        for f in self.nes:
            self.comp_nes.setdefault(self.comp[f[0][0][0]], []).append(f)
        self.row_kinds = {}
        for f, k in self.rows:
            key, orient = _primitive(f)
            self.row_kinds.setdefault(key, []).append((orient, k))
        self.sign_cache = {}
        self.lin_cache = {}
        self.rel_cache = {}
        self.samples = {}

    def _check_feasible(self) -> None:
        self._index()
        self.points = []
        if not self.rows and not self.nes:
            return
        applies, p = _difference_point(self.rows, self.vars)  # shortest paths when they can
        if not applies:
            p = _lp_point(self.rows, self.vars)
        if p is None:
            self.consistent = False
            return
        for h in self.nes:
            if _lin_eval(h, p) == 0:
                if not (
                    _lp_point(self.rows + [(h, ">")], self.vars) is not None
                    or _lp_point(self.rows + [(_lin_neg(h), ">")], self.vars) is not None
                ):
                    self.consistent = False
                    return
        self._add_point(p)

    def sample_points(self, variables: list) -> list:
        """Feasible points over the components of ``variables``, for cheap sign evidence.

        The stored witnesses, points pushed far along each row (``row >= 4``)
        and the midpoints of pairs (the region is convex); points on an ``Ne``
        hyperplane are dropped. Empty when the rows hold a relaxation.
        """
        comps = set()
        for v in variables:
            c = self.comp.get(v)
            if c is None:
                return []
            comps.add(c)
        key = tuple(sorted(comps, key=_sym_key))
        cached = self.samples.get(key)
        if cached is not None:
            return cached
        cvars = sorted((v for c in key for v in self.comp_vars[c]), key=_sym_key)
        if self.atom_vars and any(v in self.atom_vars for v in cvars):
            self.samples[key] = []
            return []
        rows = [r for c in key for r in self.comp_rows.get(c, ())]
        nes = [h for c in key for h in self.comp_nes.get(c, ())]
        base = [{v: p[v] for v in cvars} for p in self.points]
        for form, _kind in rows[:12]:
            limits.check("deciding: sampling the assumptions")
            items, const = form
            p = _lp_point(rows + [((items, const - 4), ">=")], cvars)
            if p is not None:
                base.append(p)
        pts = list(base)
        for i in range(len(base)):
            for j in range(i + 1, len(base)):
                pts.append({v: (base[i][v] + base[j][v]) / 2 for v in cvars})
        pts = [p for p in pts if all(_lin_eval(h, p) != 0 for h in nes)]
        self.samples[key] = pts
        return pts

    def _add_point(self, p: dict) -> None:
        if len(self.points) >= 24:
            return
        for h in self.nes:
            if _lin_eval(h, p) == 0:
                return
        self.points.append(p)

    # -- queries ------------------------------------------------------------

    def substitute(self, e):
        if self.subs and e.free_symbols & self.subs.keys():
            e = e.xreplace(self.subs)
        return e

    def lin_signs(self, form) -> frozenset:
        """The set of signs ``form`` takes on the points satisfying the assumptions.

        Exact when the assumptions are linear; with nonlinear ones (kept as a
        relaxation) a superset.
        """
        items, const = form
        if not items:
            return frozenset((_fsign(const),))
        if not self.consistent:
            return _EMPTY
        cached = self.lin_cache.get(form)
        if cached is not None:
            return cached
        result = self._lin_signs(form)
        self.lin_cache[form] = result
        return result

    def _lin_signs(self, form) -> frozenset:
        items, _const = form
        comps = set()
        for s, _c in items:
            c = self.comp.get(s)
            if c is None:  # a parameter on which nothing is assumed
                return _ALL
            comps.add(c)
        rows = [r for c in sorted(comps, key=_sym_key) for r in self.comp_rows.get(c, ())]
        nes = [h for c in sorted(comps, key=_sym_key) for h in self.comp_nes.get(c, ())]
        variables = [v for c in sorted(comps, key=_sym_key) for v in self.comp_vars[c]]
        variables.sort(key=_sym_key)
        excluded = set()
        key, orient = _primitive(form)
        for o, kind in self.row_kinds.get(key, ()):
            s = o * orient  # the sign of form on that row's side
            if kind == ">":
                return frozenset((s,))
            excluded.add(-s)
        found = set()
        for p in self.points:
            found.add(_fsign(_lin_eval(form, p)))
            if len(found) == 3:
                return _ALL
        for s in (1, -1):
            if s in found or s in excluded:
                continue
            limits.check("deciding a linear condition")
            target = form if s == 1 else _lin_neg(form)
            if self._feasible(rows + [(target, ">")], nes, variables):
                found.add(s)
        if 0 not in found:
            if 1 in found and -1 in found and not nes:
                found.add(0)
            elif self._feasible(rows + [(form, "==")], nes, variables):
                found.add(0)
        return frozenset(found)

    def _feasible(self, rows: list, nes: list, variables: list) -> bool:
        """Can ``rows`` hold with every form of ``nes`` non-zero? Difference constraints
        (``x - y + k``, bounds) are decided by shortest paths, without a linear program
        (:func:`gametheory.conditions.differences._difference_feasible`)."""
        quick = _difference_feasible(rows, nes)
        if quick is not None:
            return quick
        p = _lp_point(rows, variables)
        if p is None:
            return False
        ok_point = True
        for h in nes:
            if _lin_eval(h, p) == 0:
                ok_point = False
                if (
                    _lp_point(rows + [(h, ">")], variables) is None
                    and _lp_point(rows + [(_lin_neg(h), ">")], variables) is None
                ):
                    return False
        if ok_point and self.points:
            full = dict(self.points[0])
            full.update(p)
            self._add_point(full)
        return True


def _key_assumptions(assumptions) -> tuple:
    if assumptions is None:
        return ()
    if isinstance(assumptions, (bool, sp.Basic)):
        return (_as_sympy(assumptions),)
    if isinstance(assumptions, (set, frozenset)):  # no order of its own: make one
        return tuple(sorted((_as_sympy(a) for a in assumptions), key=sp.sstr))
    return tuple(_as_sympy(a) for a in assumptions)


_BUILDING = [0]  # nesting depth of context building (a guard against runaway recursion)


def build_context(assumptions: tuple, reduce_nonlinear) -> _Context:
    """Prepare ``assumptions`` for queries (steps 1, 2, 4 and 5 of the method).

    ``reduce_nonlinear(ctx, pending)`` is step 5: it decides nonlinear assumptions under the
    linear ones (:func:`gametheory.conditions.core._reduce_nonlinear`).
    """
    ctx = _Context(assumptions)
    flat = _flatten(assumptions)
    eqs_lin, eqs_nl, others = [], [], []
    used = []  # the assumptions already turned into substitutions and rows
    for rel in flat:
        if rel is sp.false:
            ctx.consistent = False
            return ctx
        if isinstance(rel, (sp.Or, sp.Not)):
            ctx.opaque.append(rel)
            continue
        e, op = _split(rel)
        if op == "==":
            form = _lin(e)
            (eqs_lin if form is not None else eqs_nl).append((e, rel))
        else:
            others.append((e, op, rel))
    # 1. equalities: eliminate one symbol each, linear ones first
    for e, rel in eqs_lin + eqs_nl:
        limits.check("deciding: preparing equalities among the assumptions")
        e = _expand(ctx.substitute(e))
        if e.is_number:
            if _number_signs(e) != _ZERO:
                ctx.consistent = False
                return ctx
            continue
        var = _eliminable(e, rel)
        if var is None:
            others.append((e, "==", rel))
            continue
        coeff = e.coeff(var)
        value = sp.expand(var - e / coeff)
        ctx.subs = {s: sp.expand(v.xreplace({var: value})) for s, v in ctx.subs.items()}
        ctx.subs[var] = value
        used.append(rel)
    # 2. inequalities: linear ones become rows, others are tried later
    pending = []
    for e, op, rel in others:
        e = ctx.substitute(e)
        ex = _expand(e) if not e.is_number else e
        if ex.is_number:
            if ex.has(sp.nan, sp.zoo) or _verdict(_number_signs(ex), _SAT[op]) is False:
                ctx.consistent = False
                return ctx
            continue
        form = _lin(ex) if op != "==" else None
        if form is not None and op in (">", ">="):
            ctx.rows.append((form, op))
            used.append(rel)
        elif form is not None and op == "!=":
            ctx.nes.append(form)
            used.append(rel)
        else:
            pending.append((e, op))
    ctx.rows = _dedupe(ctx.rows)
    ctx._check_feasible()
    if not ctx.consistent:
        return ctx
    # while the context is incomplete, it stands for the assumptions used so far
    ctx.assumptions = tuple(used)
    if _BUILDING[0] > 4:
        pending_reduce, pending = [], pending
    else:
        pending_reduce, pending = pending, []
    try:
        reduced = reduce_nonlinear(ctx, pending_reduce)
    finally:
        ctx.assumptions = assumptions
    if reduced is None or not ctx.consistent:
        ctx.consistent = False
        return ctx
    pending = reduced + pending
    ctx.linear_only = not (eqs_nl or pending_reduce or pending or ctx.opaque)
    # 4. what remains is linear in its terms: a relaxation with each nonlinear
    #    term (x*y, exp(x), ...) as a variable of its own, sound for proofs
    if pending:
        for e, op in pending:
            form = _glin(_expand(e))
            if not form[0]:
                continue
            ctx.atom_vars.update(s for s, _c in form[0] if not s.is_Symbol)
            if op == "==":
                ctx.rows.extend([(form, ">="), (_lin_neg(form), ">=")])
            elif op == "!=":
                ctx.nes.append(form)
            else:
                ctx.rows.append((form, op))
        ctx.rows = _dedupe(ctx.rows)
        ctx._check_feasible()
        if ctx.consistent:
            _atom_sign_rows(ctx)
    ctx.sign_cache = {}
    return ctx



def _atom_sign_rows(ctx: _Context) -> None:
    """Tighten the relaxation: a product of symbols (``k*t``, ``x**2*y``) standing as a variable
    of its own gets the sign its factors' signs imply under the linear rows (``k > 0`` and
    ``t >= 0`` give ``k*t >= 0``), as a row. Sound: the row holds wherever the assumptions do."""
    added = []
    for atom in sorted(ctx.atom_vars, key=_sym_key):
        if not atom.is_Mul and not atom.is_Pow:
            continue
        signs = _POS
        for factor in sp.Mul.make_args(atom):
            base, exp = factor.as_base_exp()
            if not (base.is_Symbol and exp.is_Integer and exp > 0):
                signs = _ALL
                break
            signs = _mul_sets(signs, _pow_set(ctx.lin_signs(_glin(base)), int(exp)))
        form = (((atom, Fraction(1)),), Fraction(0))
        if signs <= _POS:
            added.append((form, ">"))
        elif signs <= _NONNEG:
            added.append((form, ">="))
        elif signs <= _NEG:
            added.append((_lin_neg(form), ">"))
        elif signs <= _NONPOS:
            added.append((_lin_neg(form), ">="))
    if added:
        ctx.rows = _dedupe(ctx.rows + added)
        ctx.lin_cache = {}
        ctx._check_feasible()


def _dedupe(rows: list) -> list:
    seen = set()
    out = []
    for r in rows:
        if r not in seen:
            seen.add(r)
            out.append(r)
    return out


def _eliminable(e: sp.Expr, rel):
    """A symbol that ``e == 0`` determines linearly with a constant coefficient, or ``None``.

    Prefers a symbol of the relation's left side (``Eq(x, y + 1)`` defines ``x``). ``e`` is
    expanded: a symbol qualifies when it is a term of its own (times a rational) and occurs in
    no other term (read from :func:`_glin`, without building polynomials).
    """
    items, _const = _glin(e)
    coeffs = {}
    tangled = set()
    for term, c in items:
        if term.is_Symbol:
            coeffs[term] = c
        else:
            tangled |= term.free_symbols
    syms = sorted(e.free_symbols, key=_sym_key)
    lhs_syms = sorted(getattr(rel, "lhs", sp.Integer(0)).free_symbols, key=_sym_key)
    for s in lhs_syms + [s for s in syms if s not in lhs_syms]:
        if s in coeffs and s not in tangled:
            return s
    return None
