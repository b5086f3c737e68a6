"""Factoring: an expression as a constant times factors, over a common denominator.

Conventions
-----------
* :func:`_factor_data` gives ``(constant, ((factor, multiplicity, in_denominator), ...))``;
  factors are those of ``sympy.factor_list`` with common ones cancelled.
"""

from __future__ import annotations

import functools

import sympy as sp

from .linear import _lin
from .signsets import _CACHE_SIZE


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



def _undenominated(e: sp.Expr) -> sp.Expr:
    """``n*d`` for ``e = n/d``: the same sign wherever ``e`` is defined, and no poles."""
    if not any(p.exp.is_negative for p in e.atoms(sp.Pow)):
        return e
    n, d = e.as_numer_denom()
    return n * d
