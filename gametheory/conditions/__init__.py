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

Modules
-------
The engine is split by technique, as sympy's assumptions package is (``ask`` in
front of handlers); this package re-exports the public API.

* :mod:`~gametheory.conditions.decision`: :class:`Decision`, the one three-valued answer.
* :mod:`~gametheory.conditions.linear`: linear forms and the one exact linear program
  (:func:`lp_max`, :func:`_lp_point`).
* :mod:`~gametheory.conditions.relations`: relations split into ``e op 0``,
  :func:`canonical`, :func:`to_str`.
* :mod:`~gametheory.conditions.context`: assumptions prepared for queries.
* :mod:`~gametheory.conditions.factor`: factoring over a common denominator.
* :mod:`~gametheory.conditions.signs`: signs of expressions from their structure.
* :mod:`~gametheory.conditions.core` and :mod:`~gametheory.conditions.queries`: deciding,
  and the public questions.
* :mod:`~gametheory.conditions.regions`: case analysis on signs, unions of regions,
  :func:`fold`.
* :mod:`~gametheory.conditions.describe`: conditions in words.
* :mod:`~gametheory.conditions.reasoner`: exact signs of numbers (:func:`number_sign`) and
  the :class:`Reasoner` one game's solvers share.
"""

from __future__ import annotations

from .core import _context  # noqa: F401 - used by the tests (cache_clear)
from .decision import Decision
from .describe import describe, readable, tidy
from .linear import _lin, _lin_eval, _lp_point, lp_max  # noqa: F401
from .queries import (  # noqa: F401 - _decide_cached: used by the tests
    _decide_cached,
    conflicting,
    consistent,
    decide,
    implies,
    sign,
    sign_regions,
    simplify,
)
from .reasoner import Reasoner, number_sign
from .regions import (
    MAX_OPAQUE,
    MAX_REGIONS,
    Region,
    Signs,
    Undecided,
    cases,
    fold,
    knife_edge,
    merge,
    union_conditions,
)
from .relations import _split, canonical, to_str  # noqa: F401

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
    "readable",
    "tidy",
    "fold",
    "knife_edge",
    "cases",
    "merge",
    "union_conditions",
    "Region",
    "Signs",
    "Undecided",
    "MAX_REGIONS",
    "MAX_OPAQUE",
    "Reasoner",
    "number_sign",
    "lp_max",
]
