"""Sets of signs: the small algebra the engine reasons with.

Conventions
-----------
* A set of signs is a ``frozenset`` of ``-1``, ``0`` and ``1``: the signs an expression may take
  where the assumptions hold (an over-approximation: a sign left out is proven impossible).
* The public names of sign sets are the strings of :func:`gametheory.conditions.sign`:
  ``"+"``, ``"-"``, ``"0"``, ``">=0"``, ``"<=0"``, ``"!=0"`` (``"?"``: any sign).
"""

from __future__ import annotations

import sympy as sp

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
