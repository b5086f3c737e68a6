"""Exact signs of numbers, and the reasoner one game's solvers and analyses share.

Conventions
-----------
* :func:`number_sign` decides the sign of an exact real number (rational or algebraic) with
  guaranteed accuracy, never from rounded digits.
* A :class:`Reasoner` asks :func:`gametheory.conditions.decide`, :func:`~gametheory.conditions.sign`
  and :func:`~gametheory.conditions.simplify` under one tuple of assumptions, caches the answers,
  combines them (:meth:`Reasoner.all_of`, :meth:`Reasoner.decision`) and writes expressions in
  the one canonical form the solvers report (:meth:`Reasoner.tidy`).
"""

from __future__ import annotations

import sympy

from .. import limits
from ..errors import UnsupportedError
from .decision import Decision
from .queries import consistent, decide, sign, simplify

__all__ = ["Reasoner", "number_sign"]

def _is_number(e) -> bool:
    return isinstance(e, sympy.Basic) and not e.free_symbols


# -- exact signs of numbers ---------------------------------------------------------------------

def number_sign(e: sympy.Expr) -> str:
    """Sign of an exact real number (rational or algebraic): ``"+"``, ``"-"`` or ``"0"``.

    Rationals are compared directly. Another number is evaluated with guaranteed accuracy
    (``evalf(strict=True)``, which raises rather than return digits it cannot vouch for); if that
    cannot separate it from zero, it is zero exactly when its minimal polynomial is ``x``.
    """
    if getattr(e, "is_Rational", False):   # the common case (numeric payoffs): no expansion
        return "+" if e.p > 0 else "-" if e.p < 0 else "0"
    e = sympy.expand(e)
    if e.is_Rational:
        return "+" if e.p > 0 else "-" if e.p < 0 else "0"
    for digits in (30, 100):
        try:
            value = e.evalf(digits, strict=True)
        except (sympy.core.evalf.PrecisionExhausted, ValueError):
            continue
        if value.is_Number and value != 0:
            return "+" if value > 0 else "-"
    if _is_zero(e):
        return "0"
    try:
        value = e.evalf(400, strict=True)
    except sympy.core.evalf.PrecisionExhausted:
        raise UnsupportedError(f"cannot decide the sign of the number {e}") from None
    return "+" if value > 0 else "-"


def _is_zero(e: sympy.Expr) -> bool:
    """Whether the algebraic number ``e`` is exactly zero (False when that cannot be shown)."""
    roots = e.atoms(sympy.CRootOf)
    z = sympy.Dummy("z")
    if len(roots) == 1:
        # a polynomial in one real algebraic number r is zero exactly when it vanishes modulo r's
        # minimal polynomial
        (r,) = roots
        try:
            poly = sympy.Poly(e.xreplace({r: z}), z, domain="QQ")
        except (sympy.polys.polyerrors.PolynomialError, sympy.polys.polyerrors.CoercionFailed):
            pass
        else:
            return poly.rem(r.poly.replace(r.poly.gen, z)).is_zero
    try:
        return sympy.minimal_polynomial(e, z) == z
    except (NotImplementedError, sympy.polys.polyerrors.PolynomialError):
        return False


# -- the shared reasoner --------------------------------------------------------------------------

class Reasoner:
    """Questions about expressions under one game's assumptions, with a cache: the helper the
    solvers and analyses share (numbers are decided exactly by :func:`number_sign`).

    Parameters
    ----------
    assumptions : tuple of sympy relations
        The game's assumptions.
    """

    def __init__(self, assumptions=()):
        self.assumptions = tuple(assumptions)
        self._decided: dict = {}
        self._signs: dict = {}
        self._signed: dict | None = None

    def decide(self, relation):
        """``conditions.decide(relation, assumptions)``, cached; numbers decided exactly here.

        Returns ``(value, conditions)`` with ``value`` True, False or None (depends).
        """
        if relation is sympy.true:
            return True, ()
        if relation is sympy.false:
            return False, ()
        cached = self._decided.get(relation)
        if cached is not None:
            return cached
        if isinstance(relation, sympy.Rel) and _is_number(relation.lhs - relation.rhs):
            s = number_sign(relation.lhs - relation.rhs)
            holds = {
                "==": s == "0", "!=": s != "0", ">": s == "+", ">=": s != "-", "<": s == "-", "<=": s != "+",
            }[relation.rel_op]
            answer = (holds, ())
        else:
            decision = decide(relation, self.assumptions)
            answer = (decision.value, tuple(decision.conditions) if decision.value is None else ())
        self._decided[relation] = answer
        return answer

    def sign(self, expr) -> str:
        """``conditions.sign(expr, assumptions)``, cached; numbers decided exactly here."""
        expr = sympy.sympify(expr)
        if _is_number(expr):
            return number_sign(expr)
        cached = self._signs.get(expr)
        if cached is None:
            cached = sign(expr, self.assumptions)
            self._signs[expr] = cached
        return cached

    def all_of(self, relations, what: str = "the analysis"):
        """The conditions, beyond the assumptions, under which every relation holds.

        Returns ``()`` when they all hold whenever the assumptions do, ``None`` when they cannot
        hold together under the assumptions, else the simplified conjunction (a tuple).
        """
        pending: list = []
        for relation in relations:
            limits.check(what)
            value, conds = self.decide(relation)
            if value is False:
                return None
            if value is None:
                pending.extend(c for c in conds if c not in pending)
        if not pending:
            return ()
        simplified = simplify(tuple(pending), self.assumptions)
        return None if simplified is None else tuple(simplified)

    def consistent(self, relations) -> bool:
        """Whether ``relations`` can hold together with the assumptions (``conditions.consistent``:
        exact for linear relations; a nonlinear one counts as possible unless proven false)."""
        relations = [r for r in relations if r is not sympy.true]
        if any(r is sympy.false for r in relations):
            return False
        return consistent(self.assumptions + tuple(relations))

    def decision(self, relations):
        """A :class:`gametheory.conditions.Decision` for the conjunction of ``relations``."""
        conds = self.all_of(relations)
        if conds is None:
            return Decision(False, ())
        if conds == ():
            return Decision(True, ())
        return Decision(None, conds)

    # -- canonical form ----------------------------------------------------------------------
    def _signed_symbols(self, symbols):
        """Stand-ins that carry sympy sign assumptions for the symbols whose sign the assumptions
        fix (used only to simplify, e.g. ``sqrt(b*c)/b`` to ``sqrt(c)/sqrt(b)`` when ``b, c > 0``)."""
        if self._signed is None:
            self._signed = {}
        out = {}
        for s in sorted(symbols, key=str):
            if s not in self._signed:
                known = self.sign(s) if self.assumptions else "?"
                flags = {"+": {"positive": True}, "-": {"negative": True}, ">=0": {"nonnegative": True},
                         "<=0": {"nonpositive": True}}.get(known)
                self._signed[s] = sympy.Dummy(s.name, real=True, **flags) if flags else None
            if self._signed[s] is not None:
                out[s] = self._signed[s]
        return out

    def tidy(self, expr) -> sympy.Expr:
        """``expr`` in the one canonical form the solvers report.

        A rational function is cancelled and factored (``V*(C - V)/(2*C)``). Any other expression
        (radicals) is first rewritten with the symbols whose sign the assumptions fix given that
        sign (so that radicals split: ``sqrt(b*c)/b`` becomes ``sqrt(c)/sqrt(b)`` when ``b, c > 0``),
        then written as the shorter of its expansion and its cancelled, factored form
        (``1 - sqrt(c)/sqrt(b)``), or, above :data:`_SMALL` operations, in the factored form.
        Deterministic: the same input gives the same output.
        """
        expr = sympy.sympify(expr)
        if expr.is_Rational:
            return expr
        cache = self.__dict__.setdefault("_tidy_cache", {})
        if expr not in cache:
            cache[expr] = self._tidy(expr)
        return cache[expr]

    def _tidy(self, expr) -> sympy.Expr:
        if _is_number(expr):
            if expr.has(sympy.CRootOf):
                return sympy.expand(expr)
            return _shorter(sympy.expand(expr), sympy.radsimp(expr))
        mapping = self._signed_symbols(expr.free_symbols)
        back = {d: s for s, d in mapping.items()}
        f = expr.xreplace(mapping)
        if f.is_rational_function():
            g = sympy.factor(f)
        elif sympy.count_ops(f) <= _SMALL:
            g = _shorter(sympy.expand(f), sympy.factor(sympy.cancel(f)))
        else:
            g = sympy.factor(sympy.cancel(f))
        return g.xreplace(back)


#: Size (``sympy.count_ops``) up to which :meth:`Reasoner.tidy` compares two forms of a radical expression.
_SMALL = 40


def _shorter(a, b):
    ka = (sympy.count_ops(a), len(str(a)), str(a))
    kb = (sympy.count_ops(b), len(str(b)), str(b))
    return a if ka <= kb else b
