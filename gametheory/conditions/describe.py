"""Conditions in words: the form every text, Markdown and explanation sentence uses.

Conventions
-----------
* :func:`tidy` gives the readable normal form of an expression under assumptions: ``Min``,
  ``Max`` and ``Abs`` whose arguments the assumptions order are resolved, and a minus sign in
  front of a product with one sum goes into the sum (``-(-c + v)/c`` is ``(c - v)/c``).
* :func:`readable` prints an expression with the terms of every sum that have a positive sign
  first (``(v - c)/c``, not ``(-c + v)/c``); otherwise as ``sympy.sstr`` does.
* :func:`describe` reads conditions: equalities ``B = E``, inequations ``a != b``, conjunctions
  ``... and ...``, disjunctions ``(...) or (...)``; each side printed by :func:`readable`.
"""

from __future__ import annotations

import sympy as sp
from sympy.printing.str import StrPrinter

from .relations import canonical, to_str


class _ReadablePrinter(StrPrinter):
    """``sympy.sstr`` with the positive terms of each sum first."""

    def _as_ordered_terms(self, expr, order=None):
        terms = super()._as_ordered_terms(expr, order=order)
        return [t for t in terms if not t.could_extract_minus_sign()] + [
            t for t in terms if t.could_extract_minus_sign()
        ]


def readable(expr) -> str:
    """``expr`` as text for people: :func:`to_str` with positive terms first in every sum.

    Examples
    --------
    >>> import sympy as sp
    >>> c, v = sp.symbols("c v", real=True)
    >>> readable((v - c)/c), to_str((v - c)/c)
    ('(v - c)/c', '(-c + v)/c')
    """
    if isinstance(expr, bool) or not isinstance(expr, sp.Basic):
        return to_str(expr)
    return _ReadablePrinter().doprint(expr)


def tidy(expr, assumptions=()) -> sp.Expr:
    """The readable normal form of ``expr`` under the assumptions (see the module docstring).

    Examples
    --------
    >>> import sympy as sp
    >>> c, d, o, v = sp.symbols("c d o v", real=True)
    >>> tidy(-(-c + v)/c)
    (c - v)/c
    >>> tidy(sp.Max(-c, -d - o), [c > 0, d > 0, o > 0, c < d + o])
    -c
    """
    from .context import _key_assumptions
    from .core import _context
    from .signs import _resolve

    expr = sp.sympify(expr)
    if expr.has(sp.Min, sp.Max, sp.Abs):
        ctx = _context(_key_assumptions(assumptions))
        if ctx.consistent:
            expr = _resolve(ctx, expr)
    return expr.replace(_signed_product, _absorb)


def _signed_product(x) -> bool:
    if not x.is_Mul:
        return False
    coeff, _rest = x.as_coeff_Mul()
    return coeff.is_negative and sum(1 for a in x.args if a.is_Add) == 1


def _absorb(x):
    coeff, rest = x.as_coeff_Mul()
    args = [sp.expand(-a) if a.is_Add else a for a in sp.Mul.make_args(rest)]
    return sp.Mul(-coeff, *args)


def describe(conditions) -> str:
    """A conjunction of conditions (or one relation, ``And``, ``Or``) for people to read.

    Like :func:`to_str`, but equalities read ``B = E`` (not ``Eq(B, E)``), inequations ``a != b``,
    conjunctions ``... and ...``, disjunctions ``(...) or (...)``, and every side is printed by
    :func:`readable`. Used by every text, Markdown and explanation sentence; JSON keeps
    :func:`to_str`.
    """
    if isinstance(conditions, (sp.Basic, bool)):
        conditions = (conditions,)

    def one(c) -> str:
        c = canonical(c) if isinstance(c, sp.core.relational.Relational) else c
        if isinstance(c, sp.Eq):
            return f"{readable(c.lhs)} = {readable(c.rhs)}"
        if isinstance(c, sp.Ne):
            return f"{readable(c.lhs)} != {readable(c.rhs)}"
        if isinstance(c, sp.core.relational.Relational):
            return f"{readable(c.lhs)} {c.rel_op} {readable(c.rhs)}"
        if isinstance(c, sp.And):
            return " and ".join(one(a) for a in _strict(c.args))
        if isinstance(c, sp.Or):
            return " or ".join(f"({one(a)})" for a in c.args)
        return to_str(c)

    return " and ".join(one(c) for c in _strict(tuple(conditions)))


def _strict(conjuncts: tuple) -> tuple:
    """``a <= b and a != b`` read ``a < b``: each inequation whose sides are those of a weak
    inequality of the same conjunction is folded into it (the same set, said shorter)."""
    rel = sp.core.relational.Relational
    conjuncts = [canonical(c) if isinstance(c, rel) else c for c in conjuncts]
    unequal = {frozenset((c.lhs, c.rhs)): i for i, c in enumerate(conjuncts) if isinstance(c, sp.Ne)}
    if not unequal:
        return tuple(conjuncts)
    drop = set()
    for i, c in enumerate(conjuncts):
        if isinstance(c, (sp.LessThan, sp.GreaterThan)):
            j = unequal.get(frozenset((c.lhs, c.rhs)))
            if j is not None and j not in drop:
                drop.add(j)
                conjuncts[i] = (sp.StrictLessThan if isinstance(c, sp.LessThan)
                                else sp.StrictGreaterThan)(c.lhs, c.rhs, evaluate=False)
    return tuple(c for k, c in enumerate(conjuncts) if k not in drop)
