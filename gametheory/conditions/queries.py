"""The public questions: decide, sign, sign_regions, simplify, implies, consistent, conflicting.

Each prepares the assumptions once (:func:`gametheory.conditions.core._context`, cached) and
asks the core; results are cached too.
"""

from __future__ import annotations

import functools

import sympy as sp

from .. import limits
from .context import _key_assumptions
from .core import _context, _decide_core, _decide_rel, _simplify_in
from .decision import Decision
from .differences import _difference_sign
from .relations import _as_expr, _as_sympy, _flatten
from .signsets import _CACHE_SIZE, _SIGN_NAMES

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
    fast = _difference_sign(expr, assumptions)  # differences under differences: no context
    if fast is not None:
        return fast
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
    return _simplify_cached(tuple(_flatten(conditions)), _key_assumptions(assumptions))


@functools.lru_cache(maxsize=_CACHE_SIZE)
def _simplify_cached(conditions: tuple, assumptions: tuple) -> tuple | None:
    """:func:`simplify`, remembered: the regions of one analysis ask again and again."""
    ctx = _context(assumptions)
    if not ctx.consistent:
        return None
    return _simplify_in(ctx, list(conditions))



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
