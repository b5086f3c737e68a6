"""Reasoning about (in)equalities under assumptions: the conditions engine.

Conventions
-----------
* Parameters are plain real sympy symbols (``Symbol(name, real=True)``); every
  other fact about them (positivity, orderings, equalities) comes from the
  *assumptions*: an iterable of sympy relationals (``<``, ``<=``, ``>``,
  ``>=``, ``Eq``, ``Ne``; ``And`` is flattened, ``True`` ignored, ``False``
  makes them inconsistent).
* A relation *holds* under the assumptions when it holds at **every** real
  parameter point that satisfies all of them and at which its expressions are
  defined (denominators non-zero, real roots and logarithms of non-negative or
  positive arguments). :func:`decide` answers ``True`` (every such point),
  ``False`` (no such point) or ``None`` (it depends, or could not be decided),
  with, for ``None``, a conjunction of relations beyond the assumptions under
  which it holds. It never guesses: an answer ``True`` or ``False`` is a proof.
* When the assumptions themselves cannot hold together, no point satisfies
  them: :func:`decide` answers ``False`` (the relation holds at none of the
  points), :func:`implies` answers ``False``, :func:`sign` answers ``"?"`` and
  :func:`sign_regions` answers ``(None, None, None)``. Call :func:`consistent`
  or :func:`conflicting` to detect that case.
* Signs are the strings ``"+"``, ``"-"``, ``"0"``, ``">=0"``, ``"<=0"``,
  ``"!=0"`` and ``"?"`` (undetermined).
* Output is deterministic: conditions are put in a canonical form
  (:func:`canonical`) and sorted by their string form (:func:`to_str`).

Method
------
1. Equalities among the assumptions are solved for one symbol each (linear
   ones by Gaussian elimination) and substituted everywhere.
2. Linear forms are decided exactly by linear programming in rational
   arithmetic (``fractions.Fraction``): the free variables are eliminated by
   Gauss-Jordan pivots and the rest is phase I of the simplex method with
   Bland's anti-cycling rule (Dantzig 1963; Bland 1977; Chvatal 1983,
   ch. 2-3); results agree with ``sympy.solvers.simplex``, which is several
   times slower on these small problems. Strict inequalities are
   handled exactly by homogenisation: ``a.x + c > 0`` (strict), ``>= 0`` and
   ``= 0`` hold together at some ``x`` if and only if ``a.y + c*t >= 1``,
   ``a.y + c*t >= 0``, ``a.y + c*t = 0`` and ``t >= 1`` hold together at some
   ``(y, t)`` (take ``x = y/t``), a plain feasibility problem (Motzkin's
   transposition theorem in algorithmic form; Schrijver 1986, sec. 7.8).
   ``Ne`` assumptions are exact too: a convex set minus finitely many
   hyperplanes is empty only if the set lies inside one of them.
3. Other expressions are brought over a common denominator and factored
   (``sympy.factor_list``); each factor's sign is found from its structure
   (sums and products of signed terms, ``exp`` > 0, even powers >= 0, roots
   and powers of positive bases > 0, ``log``, ``Abs``, ``Min``, ``Max``,
   comparisons of one increasing function at two points) with linear parts
   decided exactly, and the signs are combined. ``Min`` and ``Max`` at the top
   of a relation are split into conjunctions or disjunctions.
4. A polynomial factor whose sign is still unknown is written in the slack
   variables of linearly independent assumption rows (the gaps of an
   ordering such as ``T > R > P > S``); if all its coefficients then share a
   sign, so does the factor (a certificate of Polya type on a simplicial
   cone; Polya 1928, Powers and Reznick 2001).
5. Nonlinear assumptions are first reduced to linear ones where the linear
   ones allow it (``V/C < 1`` with ``C > 0`` is ``V < C``); what remains is
   used as a linear relaxation in which each nonlinear term (``x*y``,
   ``exp(x)``) is a variable of its own: sound for proofs, no longer exact.

Every result is cached (assumption sets are prepared once); exact rational
feasibility tests cost well under a millisecond for the small systems of game
theory, and :func:`gametheory.limits.check` is called in every loop.

References
----------
G. B. Dantzig, *Linear Programming and Extensions*, Princeton, 1963.
R. G. Bland, "New finite pivoting rules for the simplex method",
Mathematics of Operations Research 2(2), 1977.
V. Chvatal, *Linear Programming*, Freeman, 1983.
A. Schrijver, *Theory of Linear and Integer Programming*, Wiley, 1986.
G. Polya, "Uber positive Darstellung von Polynomen", Vierteljahrsschrift der
Naturforschenden Gesellschaft in Zurich 73, 1928.
V. Powers and B. Reznick, "A new bound for Polya's theorem with applications
to polynomials positive on polyhedra", J. Pure Appl. Algebra 164, 2001.
J. W. Chinneck and E. W. Dravnieks, "Locating minimal infeasible constraint
sets in linear programs", ORSA Journal on Computing 3(2), 1991.
"""

from __future__ import annotations

import functools
import itertools
import math
from dataclasses import dataclass
from fractions import Fraction

import sympy as sp
from sympy.core.relational import Relational
from sympy.logic.boolalg import BooleanAtom

from . import limits

__all__ = [
    "Decision",
    "decide",
    "sign",
    "sign_regions",
    "simplify",
    "implies",
    "consistent",
    "conflicting",
    "canonical",
    "to_str",
    "describe",
]

_ALL = frozenset((-1, 0, 1))
_POS = frozenset((1,))
_NEG = frozenset((-1,))
_ZERO = frozenset((0,))
_NONNEG = frozenset((0, 1))
_NONPOS = frozenset((-1, 0))
_NONZERO = frozenset((-1, 1))
_EMPTY = frozenset()

#: the signs of ``e`` that make ``e OP 0`` true, for the internal operators
_SAT = {">": _POS, ">=": _NONNEG, "==": _ZERO, "!=": _NONZERO}

_SIGN_NAMES = {
    _POS: "+",
    _NEG: "-",
    _ZERO: "0",
    _NONNEG: ">=0",
    _NONPOS: "<=0",
    _NONZERO: "!=0",
}

_CACHE_SIZE = 8192
_MAX_DEPTH = 12


# ----------------------------------------------------------------------------
# results


@dataclass(frozen=True)
class Decision:
    """The answer of :func:`decide`.

    Attributes
    ----------
    value : bool or None
        ``True``: the relation holds at every point that satisfies the
        assumptions; ``False``: at none; ``None``: it depends, or could not be
        decided.
    conditions : tuple of sympy.Basic
        When ``value`` is ``None``: a simplified conjunction of relations,
        beyond the assumptions, under which the relation holds (equivalent to
        it under the assumptions). ``()`` when ``value`` is ``True`` or
        ``False``.
    """

    value: bool | None
    conditions: tuple = ()

    def __str__(self) -> str:
        if self.value is True:
            return "always"
        if self.value is False:
            return "never"
        if not self.conditions:
            return "undecided"
        return "when " + " and ".join(to_str(c) for c in self.conditions)

    def __bool__(self) -> bool:
        raise TypeError(
            "Decision has three values; test `decision.value is True` rather than its truth"
        )


# ----------------------------------------------------------------------------
# small helpers on signs


def _mul_sets(a: frozenset, b: frozenset) -> frozenset:
    return frozenset(x * y for x in a for y in b)


def _pow_set(s: frozenset, m: int) -> frozenset:
    """Signs of ``f**m`` for an integer ``m >= 1`` given the signs of ``f``."""
    if m % 2:
        return s
    return frozenset(x * x for x in s)


def _sum_sets(sets: list[frozenset]) -> frozenset:
    """Over-approximate the signs of a sum from the signs of its terms."""
    if any(not s for s in sets):
        return _ALL
    live = [s for s in sets if s != _ZERO]
    if not live:
        return _ZERO
    if all(s <= _NONNEG for s in live):
        return _POS if any(s == _POS for s in live) else _NONNEG
    if all(s <= _NONPOS for s in live):
        return _NEG if any(s == _NEG for s in live) else _NONPOS
    return _ALL


def _verdict(signs: frozenset, sat: frozenset) -> bool | None:
    if signs <= sat:
        return True
    if not (signs & sat):
        return False
    return None


def _fsign(x) -> int:
    return (x > 0) - (x < 0)


def _number_signs(e: sp.Expr) -> frozenset:
    """Exact sign of a sympy number (``_ALL`` when sympy cannot tell or it is not real)."""
    if e.is_Rational:
        return frozenset((_fsign(e.p),))
    if e.is_zero:
        return _ZERO
    if e.is_extended_real is not True or e.is_finite is not True:
        return _ALL
    if e.is_positive:
        return _POS
    if e.is_negative:
        return _NEG
    return _ALL


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


def _solve_feasible(rows: list, k: int):
    """Find ``z`` in Q^k with ``a.z >= b`` (or ``a.z == b``) for every row, or ``None``.

    ``rows`` holds ``(a, b, is_equality)`` with ``a`` a list of ``k``
    Fractions. The free variables are first eliminated by Gauss-Jordan pivots
    on the rows ``a.z - s = b`` (``s >= 0`` a slack, absent for equalities);
    what remains is ``M s = q, s >= 0``, solved by phase I of the simplex
    method with Bland's rule (Chvatal 1983, ch. 3), which terminates.
    """
    m = len(rows)
    ns = sum(1 for _a, _b, eq in rows if not eq)
    zero = Fraction(0)
    tab = []
    si = 0
    for a, b, eq in rows:
        row = list(a) + [zero] * ns + [Fraction(b)]
        if not eq:
            row[k + si] = Fraction(-1)
            si += 1
        tab.append(row)
    used = [False] * m
    pivot_row: dict[int, int] = {}
    for j in range(k):
        for i in range(m):
            if not used[i] and tab[i][j]:
                used[i] = True
                pivot_row[j] = i
                _pivot(tab, i, j)
                break
    rest = [i for i in range(m) if not used[i]]
    svals = [zero] * ns
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
            art = [zero] * nr
            art[t] = Fraction(1)
            ph.append(row + art + [rhs])
        basis = [ns + t for t in range(nr)]
        obj = [zero] * (width + 1)
        for row in ph:
            for c in range(ns):
                obj[c] -= row[c]
            obj[-1] -= row[-1]
        tab2 = ph + [obj]
        while True:
            limits.check("deciding a linear system (simplex)")
            enter = next((c for c in range(width) if obj[c] < 0), None)
            if enter is None:
                break
            best = None
            for r in range(nr):
                a = ph[r][enter]
                if a > 0:
                    ratio = ph[r][-1] / a
                    key = (ratio, basis[r])
                    if best is None or key < best[0]:
                        best = (key, r)
            if best is None:  # cannot happen in phase I (objective bounded by 0)
                break
            r = best[1]
            _pivot(tab2, r, enter)
            basis[r] = enter
        if obj[-1] != 0:
            return None
        for r in range(nr):
            if basis[r] < ns:
                svals[basis[r]] = ph[r][-1]
    z = [zero] * k
    for j, i in pivot_row.items():
        row = tab[i]
        val = row[-1]
        for c in range(ns):
            if row[k + c]:
                val -= row[k + c] * svals[c]
        z[j] = val
    return z


def _lp_point(constraints: list, variables: list):
    """A rational point satisfying linear ``constraints``, or ``None``.

    ``constraints`` holds ``(form, kind)`` meaning ``form > 0``, ``form >= 0``
    or ``form == 0`` for ``kind`` in ``">"``, ``">="``, ``"=="``. Strict
    inequalities are exact through homogenisation (see the module docstring).
    """
    index = {v: i for i, v in enumerate(variables)}
    n = len(variables)
    rows = []
    for (items, const), kind in constraints:
        a = [Fraction(0)] * (n + 1)
        for s, c in items:
            a[index[s]] = c
        a[n] = const
        if kind == ">":
            rows.append((a, 1, False))
        elif kind == ">=":
            rows.append((a, 0, False))
        else:
            rows.append((a, 0, True))
    t_row = [Fraction(0)] * (n + 1)
    t_row[n] = Fraction(1)
    rows.append((t_row, 1, False))
    z = _solve_feasible(rows, n + 1)
    if z is None:
        return None
    t = z[n]
    return {v: z[i] / t for i, v in enumerate(variables)}


# ----------------------------------------------------------------------------
# relations


def _as_sympy(x):
    if isinstance(x, bool):
        return sp.true if x else sp.false
    return x


def _as_expr(x):
    """A sympy expression from a sympy object, an ``int`` or a ``Fraction`` (no parsing)."""
    if isinstance(x, bool):
        raise TypeError(f"expected an expression, got {x!r}")
    if isinstance(x, int):
        return sp.Integer(x)
    if isinstance(x, Fraction):
        return sp.Rational(x.numerator, x.denominator)
    return x


def _split(rel):
    """``(e, op)`` with ``rel`` equivalent to ``e op 0`` and ``op`` in ``>, >=, ==, !=``."""
    if isinstance(rel, sp.StrictGreaterThan):
        return rel.lhs - rel.rhs, ">"
    if isinstance(rel, sp.GreaterThan):
        return rel.lhs - rel.rhs, ">="
    if isinstance(rel, sp.StrictLessThan):
        return rel.rhs - rel.lhs, ">"
    if isinstance(rel, sp.LessThan):
        return rel.rhs - rel.lhs, ">="
    if isinstance(rel, sp.Equality):
        return rel.lhs - rel.rhs, "=="
    if isinstance(rel, sp.Unequality):
        return rel.lhs - rel.rhs, "!="
    raise TypeError(f"expected a sympy relational, got {type(rel).__name__}: {rel!r}")


def _flatten(conditions) -> list:
    """A list of relationals (and ``sp.false``) from a conjunction or an iterable of them."""
    if isinstance(conditions, (bool, sp.Basic)):
        conditions = (conditions,)
    out = []
    for c in conditions:
        c = _as_sympy(c)
        if isinstance(c, sp.And):
            out.extend(_flatten(c.args))
        elif c is sp.true:
            continue
        elif isinstance(c, sp.Not) and isinstance(c.args[0], Relational):
            out.append(c.args[0].negated)
        elif isinstance(c, (Relational, sp.Or, BooleanAtom, sp.Not)):
            out.append(c)
        else:
            raise TypeError(
                f"expected sympy relationals (assumptions or conditions), got "
                f"{type(c).__name__}: {c!r}"
            )
    return out


def _terms_scaled(e: sp.Expr):
    """Split ``e`` into positive and negative sides with integer coefficients, or ``None``."""
    form = _lin(e)
    if form is not None:
        items, const = form
        coeffs = [c for _s, c in items] + ([const] if const else [])
        if not coeffs:
            return sp.Integer(0), sp.Integer(0)
        den = math.lcm(*(c.denominator for c in coeffs))
        num = math.gcd(*(int(c * den) for c in coeffs))
        scale = Fraction(den, num)
        pos, neg = [], []
        for s, c in items:
            v = int(c * scale)
            (pos if v > 0 else neg).append(abs(v) * s)
        if const:
            v = int(const * scale)
            (pos if v > 0 else neg).append(sp.Integer(abs(v)))
        return sp.Add(*pos), sp.Add(*neg)
    terms = sp.Add.make_args(e)
    split = [t.as_coeff_Mul() for t in terms]
    if all(c.is_Rational for c, _r in split):
        den = math.lcm(*(int(c.q) for c, _r in split))
        num = math.gcd(*(int(c.p * (den // c.q)) for c, _r in split))
        scale = sp.Rational(den, num)
    else:
        scale = sp.Integer(1)
    pos, neg = [], []
    for c, r in split:
        v = c * scale
        (pos if v > 0 else neg).append(abs(v) * r)
    return sp.Add(*pos), sp.Add(*neg)


def _side_key(side):
    return (1 if side.is_number else 0, sp.default_sort_key(side))


def _canon(e: sp.Expr, op: str):
    """Canonical relation equivalent to ``e op 0``.

    Relations are built unevaluated (sympy's own evaluation would query its
    assumption system, slowly and to no purpose here); a numeric ``e`` whose
    sign is known gives ``sympy.true`` or ``sympy.false``.
    """
    if e.is_number:
        v = _verdict(_number_signs(e), _SAT[op])
        if v is not None:
            return sp.true if v else sp.false
    pos, neg = _terms_scaled(e)
    if op == ">":
        return sp.StrictLessThan(neg, pos, evaluate=False)
    if op == ">=":
        return sp.LessThan(neg, pos, evaluate=False)
    a, b = sorted((pos, neg), key=_side_key)
    if op == "==":
        return sp.Eq(a, b, evaluate=False)
    return sp.Ne(a, b, evaluate=False)


def canonical(relation):
    """Deterministic normal form of a relation, for display and comparison.

    Everything is moved to one side; linear forms get coprime integer
    coefficients; terms with positive coefficients form one side and the
    others the other side, oriented with ``<`` or ``<=`` (``B - E > 0``
    becomes ``E < B``, ``T + S - 2*R > 0`` becomes ``2*R < S + T``); the two
    sides of ``Eq`` and ``Ne`` are sorted, numbers last. ``And``/``Or`` are
    canonicalised argument by argument; booleans are returned as
    ``sympy.true``/``sympy.false``.

    Parameters
    ----------
    relation : sympy relational, boolean, And, Or or Not

    Returns
    -------
    sympy.Basic
    """
    relation = _as_sympy(relation)
    if isinstance(relation, BooleanAtom):
        return relation
    if isinstance(relation, sp.And):
        return sp.And(*[canonical(a) for a in relation.args])
    if isinstance(relation, sp.Or):
        return sp.Or(*[canonical(a) for a in relation.args])
    if isinstance(relation, sp.Not):
        return canonical(relation.args[0].negated) if isinstance(relation.args[0], Relational) else relation
    e, op = _split(relation)
    return _canon(e, op)


def to_str(relation_or_expr) -> str:
    """Deterministic string of a relation or expression, parseable by ``sympy.parse_expr``.

    This is ``sympy.sstr`` (for example ``"E < B"``, ``"Eq(B, E)"``,
    ``"(P - S)/(P - R - S + T)"``); it is the form used in JSON output.
    """
    x = _as_sympy(relation_or_expr)
    return sp.sstr(x)


def describe(conditions) -> str:
    """A conjunction of conditions (or one relation, ``And``, ``Or``) for people to read.

    Like :func:`to_str`, but equalities read ``B = E`` (not ``Eq(B, E)``), inequations
    ``a != b``, conjunctions ``... and ...``, disjunctions ``(...) or (...)``. Used by every
    text, Markdown and explanation sentence; JSON keeps :func:`to_str`.
    """
    if isinstance(conditions, (sp.Basic, bool)):
        conditions = (conditions,)

    def one(c) -> str:
        c = canonical(c) if isinstance(c, sp.core.relational.Relational) else c
        if isinstance(c, sp.Eq):
            return f"{to_str(c.lhs)} = {to_str(c.rhs)}"
        if isinstance(c, sp.Ne):
            return f"{to_str(c.lhs)} != {to_str(c.rhs)}"
        if isinstance(c, sp.And):
            return " and ".join(one(a) for a in c.args)
        if isinstance(c, sp.Or):
            return " or ".join(f"({one(a)})" for a in c.args)
        return to_str(c)

    return " and ".join(one(c) for c in conditions)


# ----------------------------------------------------------------------------
# prepared assumptions


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
        self.samples: dict = {}
        self.row_kinds: dict = {}
        self.vars: list = []
        self.comp: dict = {}
        self.comp_rows: dict = {}
        self.comp_nes: dict = {}
        self.comp_vars: dict = {}
        self.opaque: list = []  # assumptions that could not be used (e.g. Or)
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
        self.samples = {}

    def _check_feasible(self) -> None:
        self._index()
        self.points = []
        if not self.rows and not self.nes:
            return
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


@functools.lru_cache(maxsize=512)
def _context(assumptions: tuple) -> _Context:
    _BUILDING[0] += 1
    try:
        return _build_context(assumptions)
    finally:
        _BUILDING[0] -= 1


def _build_context(assumptions: tuple) -> _Context:
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
        e = sp.expand(ctx.substitute(e))
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
        ex = sp.expand(e) if not e.is_number else e
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
        reduced = _reduce_nonlinear(ctx, pending_reduce)
    finally:
        ctx.assumptions = assumptions
    if reduced is None or not ctx.consistent:
        ctx.consistent = False
        return ctx
    pending = reduced + pending
    # 4. what remains is linear in its terms: a relaxation with each nonlinear
    #    term (x*y, exp(x), ...) as a variable of its own, sound for proofs
    if pending:
        for e, op in pending:
            form = _glin(sp.expand(e))
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
    ctx.sign_cache = {}
    return ctx


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
                    form = _lin(sp.expand(ce))
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

    Prefers a symbol of the relation's left side (``Eq(x, y + 1)`` defines ``x``).
    """
    syms = sorted(e.free_symbols, key=_sym_key)
    lhs_syms = sorted(getattr(rel, "lhs", sp.Integer(0)).free_symbols, key=_sym_key)
    for s in lhs_syms + [s for s in syms if s not in lhs_syms]:
        if s not in e.free_symbols:
            continue
        try:
            p = sp.Poly(e, s)
        except sp.PolynomialError:
            continue
        if p.degree() == 1 and p.LC().is_number and p.LC() != 0:
            if p.LC().is_Rational or not p.LC().free_symbols:
                return s
    return None


# ----------------------------------------------------------------------------
# signs of expressions


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


def _monotone(ctx: _Context, e: sp.Expr):
    """An expression with the sign of ``e`` when ``e`` compares values of an increasing function.

    ``k*F(u) + c`` has the sign of ``k*(u - F^-1(-c/k))`` when that inverse
    is rational, and ``k*(F(u) - F(v))`` the sign of ``k*(u - v)``, for ``F``
    one of ``exp``, ``log`` (positive arguments) and positive powers
    (non-negative bases, or any base for odd integer powers).
    """
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


# ----------------------------------------------------------------------------
# deciding


@functools.lru_cache(maxsize=_CACHE_SIZE)
def _factor_data(e: sp.Expr):
    """``(constant, ((factor, multiplicity, in_denominator), ...))`` of ``e``.

    ``e`` is written as one fraction (``as_numer_denom``, much faster than
    ``together``), both parts are factored and common factors cancelled.
    """
    if any(p.exp.is_negative for p in e.atoms(sp.Pow)):
        num, den = e.as_numer_denom()
    else:  # no denominators
        num, den = e, sp.Integer(1)
    cn, fn = _factor_list(num)
    cd, fd = _factor_list(den)
    mult: dict = {}
    for f, m in fn:
        mult[f] = mult.get(f, 0) + m
    for f, m in fd:
        mult[f] = mult.get(f, 0) - m
    facs = tuple((f, mult[f], False) for f, _m in fn if mult[f] > 0)
    facs += tuple((f, -mult[f], True) for f, _m in fd if mult[f] < 0)
    return cn / cd, facs


#: factors already known to be irreducible (so that they are not factored again)
_IRREDUCIBLE: dict = {}


@functools.lru_cache(maxsize=_CACHE_SIZE)
def _factor_list(p: sp.Expr):
    """``(constant, ((factor, multiplicity), ...))`` of ``p`` by ``sympy.factor_list``."""
    if p.is_number:
        return p, ()
    if p in _IRREDUCIBLE or _lin(p) is not None:
        return sp.Integer(1), ((p, 1),)
    try:
        c, fl = sp.factor_list(p)
    except (sp.PolynomialError, sp.GeneratorsNeeded, NotImplementedError, ValueError, TypeError):
        return sp.Integer(1), ((p, 1),)
    out = []
    for f, m in fl:
        if f.is_number:
            c = c * f**m
        else:
            out.append((f, int(m)))
            if len(_IRREDUCIBLE) > 100_000:
                _IRREDUCIBLE.clear()
            _IRREDUCIBLE[f] = True
    return c, tuple(out)


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
        ex = sp.expand(e) if (e.is_Add or e.is_Mul or e.is_Pow) and e.is_polynomial() else e
        if ex is not e:
            form2 = _lin(ex)
            if form2 is not None:
                form, e = form2, ex
    if form is not None:
        v = _verdict(ctx.lin_signs(form), sat)
        if v is not None:
            return Decision(v)
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


def _undenominated(e: sp.Expr) -> sp.Expr:
    """``n*d`` for ``e = n/d``: the same sign wherever ``e`` is defined, and no poles."""
    if not any(p.exp.is_negative for p in e.atoms(sp.Pow)):
        return e
    n, d = e.as_numer_denom()
    return n * d


def _nonzero_cond(f: sp.Expr, s: frozenset):
    """``f != 0`` as a relation, strict when ``f`` has one sign apart from zero."""
    if s <= _NONNEG:
        return _canon(f, ">")
    if s <= _NONPOS:
        return _canon(-f, ">")
    return _canon(f, "!=")


# ----------------------------------------------------------------------------
# public API


def decide(relation, assumptions=()) -> Decision:
    """Decide whether ``relation`` holds wherever the assumptions hold.

    Parameters
    ----------
    relation : sympy relational, bool, And, Or or Not
        For example ``T - R > 0``.
    assumptions : iterable of sympy relationals
        For example ``[R < T, P < R, S < P]``.

    Returns
    -------
    Decision
        ``value`` ``True`` (holds at every point satisfying the assumptions),
        ``False`` (at none) or ``None`` (depends; ``conditions`` then holds a
        conjunction, beyond the assumptions, equivalent to the relation).

    Notes
    -----
    Linear forms are decided exactly by rational linear programming (strict
    inequalities by homogenisation); rational functions by factoring and the
    signs of their factors; known-positive functions structurally. What
    cannot be decided is ``None`` with the (normalised) relation as its
    condition, never a guess. See the module docstring.

    Examples
    --------
    >>> import sympy as sp
    >>> T, R, P, S = sp.symbols("T R P S", real=True)
    >>> decide(T - P > 0, [R < T, P < R, S < P])
    Decision(value=True, conditions=())
    >>> decide(T + S - 2*R > 0, [R < T, P < R, S < P])
    Decision(value=None, conditions=(2*R < S + T,))
    """
    return _decide_cached(_as_sympy(relation), _key_assumptions(assumptions))


@functools.lru_cache(maxsize=_CACHE_SIZE)
def _decide_cached(relation, assumptions: tuple) -> Decision:
    ctx = _context(assumptions)
    return _decide_rel(ctx, relation)


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
    return _decide_core(ctx, e, op)


def sign(expr, assumptions=()) -> str:
    """The sign of ``expr`` at every point satisfying the assumptions.

    Returns
    -------
    str
        ``"+"``, ``"-"``, ``"0"``, ``">=0"``, ``"<=0"``, ``"!=0"`` or ``"?"``
        (undetermined). The answer is proven: ``">=0"`` means ``expr >= 0``
        everywhere (it may be ``"+"`` where the method could not show more).
    """
    expr = _as_expr(expr)
    return _sign_cached(expr, _key_assumptions(assumptions))


@functools.lru_cache(maxsize=_CACHE_SIZE)
def _sign_cached(expr, assumptions: tuple) -> str:
    ctx = _context(assumptions)
    if not ctx.consistent:
        return "?"
    pos = _decide_core(ctx, expr, ">").value
    neg = _decide_core(ctx, -expr, ">").value
    zero = _decide_core(ctx, expr, "==").value
    possible = set()
    if pos is not False:
        possible.add(1)
    if neg is not False:
        possible.add(-1)
    if zero is not False:
        possible.add(0)
    return _SIGN_NAMES.get(frozenset(possible), "?")


def sign_regions(expr, assumptions=()) -> tuple:
    """Conditions under which ``expr`` is positive, zero and negative.

    Returns
    -------
    (pos, zero, neg)
        Each ``None`` when that sign never occurs, ``()`` when it always does,
        else a tuple of relations (a conjunction, beyond the assumptions).

    Examples
    --------
    >>> import sympy as sp
    >>> A, B, E = sp.symbols("A B E", real=True)
    >>> sign_regions(B - E, [B > 0, E > 0, A > 0])
    ((E < B,), (Eq(B, E),), (B < E,))
    """
    a = _key_assumptions(assumptions)
    expr = _as_expr(expr)
    out = []
    for rel in (sp.Gt(expr, 0), sp.Eq(expr, 0), sp.Lt(expr, 0)):
        d = _decide_cached(rel, a)
        out.append(() if d.value is True else None if d.value is False else d.conditions)
    return tuple(out)


def simplify(conditions, assumptions=()) -> tuple | None:
    """Simplify a conjunction of conditions under assumptions.

    Conditions implied by the assumptions and the other conditions are
    dropped; each is reduced (for example ``V/C < 1`` to ``V < C`` when
    ``C > 0``) and put in canonical form; duplicates are removed and the
    result is sorted by :func:`to_str`.

    Returns
    -------
    tuple or None
        ``None`` when the conditions contradict the assumptions (jointly:
        ``x > 1`` and ``x < 0``; exact for linear conditions), ``()`` when
        the assumptions imply them all.
    """
    ctx = _context(_key_assumptions(assumptions))
    if not ctx.consistent:
        return None
    return _simplify_in(ctx, _flatten(conditions))


def _simplify_in(ctx: _Context, conds: list, _depth: int = 0) -> tuple | None:
    reduced = []
    for c in _flatten(conds):
        limits.check("deciding: simplifying conditions")
        d = _decide_rel(ctx, c)
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
    if not _context(base + tuple(items)).consistent:
        return None
    # drop conditions implied by the assumptions and the others, trying the
    # most complex first so that simple ones are kept: linear ones by linear
    # programs on the prepared assumptions, nonlinear ones against the
    # assumptions and the linear conditions
    linear, nonlinear = {}, []
    for c in items:
        rows = _linear_rows(ctx, c)
        if rows is None:
            nonlinear.append(c)
        else:
            linear[c] = rows
    kept = list(items)
    for c in sorted(linear, key=lambda c: (-sp.count_ops(c), to_str(c))):
        limits.check("deciding: simplifying conditions")
        others = [r for k in kept if k is not c and k in linear for r in linear[k]]
        if _implied_linear(ctx, others, linear[c]):
            kept.remove(c)
    if nonlinear:
        # reduce each nonlinear condition under the assumptions and the linear
        # conditions: with y < x, (x - 2*y)/(x - y) > 0 is 2*y < x
        lin_ctx = _context(base + tuple(k for k in kept if k in linear))
        replaced = []
        for c in sorted(nonlinear, key=lambda c: (-sp.count_ops(c), to_str(c))):
            limits.check("deciding: simplifying conditions")
            d = _decide_rel(lin_ctx, c)
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


def _linear_rows(ctx: _Context, c) -> list | None:
    """``c`` as linear ``(form, kind)`` rows over the prepared assumptions, or ``None``."""
    if not isinstance(c, Relational):
        return None
    e, op = _split(c)
    form = _lin(sp.expand(ctx.substitute(e)))
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
    if op == ">":
        negations = [[(_lin_neg(form), ">=")]]
    elif op == ">=":
        negations = [[(_lin_neg(form), ">")]]
    elif op == "==":
        negations = [[(form, ">")], [(_lin_neg(form), ">")]]
    else:
        negations = [[(form, "==")]]
    return not any(ctx._feasible(base + neg, nes, variables) for neg in negations)


def implies(assumptions, relation) -> bool:
    """``True`` only when ``relation`` is proven to hold wherever the assumptions hold.

    Inconsistent assumptions imply nothing here (the answer is ``False``).
    """
    return decide(relation, assumptions).value is True


def consistent(assumptions) -> bool:
    """Can all the assumptions hold at once?

    Exact for linear assumptions (and ``Eq``/``Ne``); a nonlinear one counts
    as inconsistent only when it is proven false under the others.
    """
    return _context(_key_assumptions(assumptions)).consistent


def conflicting(assumptions) -> tuple:
    """A small subset of the assumptions that cannot hold together (``()`` if consistent).

    The subset is irreducible for linear assumptions: dropping any member
    makes the rest consistent (a deletion filter, Chinneck and Dravnieks 1991).
    """
    items = list(_key_assumptions(assumptions))
    if _context(tuple(items)).consistent:
        return ()
    i = 0
    while i < len(items):
        limits.check("deciding: finding conflicting assumptions")
        trial = items[:i] + items[i + 1 :]
        if not _context(tuple(trial)).consistent:
            items = trial
        else:
            i += 1
    return tuple(items)
