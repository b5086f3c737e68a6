"""Relations: splitting into ``e op 0``, the canonical form, and the string form.

Conventions
-----------
* Internally a relation is ``(e, op)``: ``e op 0`` with ``op`` one of ``">"``, ``">="``, ``"=="``,
  ``"!="`` (:func:`_split`).
* :func:`canonical` is the one deterministic display form of a relation; :func:`to_str` the
  string form used in JSON.
"""

from __future__ import annotations

import functools
import math
from fractions import Fraction

import sympy as sp
from sympy.core.relational import Relational
from sympy.logic.boolalg import BooleanAtom

from .linear import _lin
from .signsets import _CACHE_SIZE, _SAT, _number_signs, _verdict

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


@functools.lru_cache(maxsize=_CACHE_SIZE)
def _split(rel):
    """``(e, op)`` with ``rel`` equivalent to ``e op 0`` and ``op`` in ``>, >=, ==, !=``
    (remembered: contexts and simplifications split the same relations again and again)."""
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
    if isinstance(x, sp.Basic) and not x.has(sp.Float):  # 1.0 == 1 in sympy: never cached
        return _sstr(x)
    return sp.sstr(x)


@functools.lru_cache(maxsize=16384)
def _sstr(x) -> str:
    return sp.sstr(x)
