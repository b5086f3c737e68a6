"""Pareto comparisons of numeric games in plain Python rationals.

Conventions
-----------
* These are the numeric cases of :mod:`gametheory.analysis.pareto` and
  :mod:`gametheory.analysis.dilemma`: a game whose payoffs are all rational numbers, an
  equilibrium with rational payoffs and no conditions, and no assumption that is not already
  true. There the case analysis of those modules has a single region with no conditions, and
  every sign it asks for is the sign of a rational number; here those signs are read directly,
  on payoffs indexed as ints and Fractions (:mod:`gametheory.equilibria._numeric`), in the same
  order, so the answers are the same values, found without sympy.
* Each function returns ``None`` when its case does not apply; the caller then runs its
  general analysis.
"""

from __future__ import annotations

import sympy

from ..equilibria import _numeric

__all__ = ["applies", "outcomes", "rational", "first_dominating", "pareto_verdict"]


def applies(game, assumptions, conditions=()) -> bool:
    """Whether the numeric case holds: rational payoffs, no conditions, every assumption true."""
    if conditions:
        return False
    if any(a is not sympy.true for a in assumptions):
        return False
    return _numeric.table(game) is not None


def outcomes(game):
    """``[(profile, payoffs)]`` in the order of ``game.profiles()``, payoffs as rationals, with the
    outcomes that pay every player the same first (the witness order of the Pareto tests)."""
    tab = _numeric.table(game)
    out = [(tuple(p), tuple(t[tuple(p)] for t in tab)) for p in game.profiles()]
    out.sort(key=lambda o: len(set(o[1])) != 1)
    return out


def _dominates(a, b) -> bool:
    """Pareto dominance: at least as much for every player, more for one."""
    return all(x >= y for x, y in zip(a, b)) and any(x > y for x, y in zip(a, b))


def rational(values) -> bool:
    """Whether every value is a rational number (sympy or Python)."""
    return all(_numeric.from_sympy(v) is not None for v in values)


def first_dominating(ordered, payoffs):
    """The first profile in ``ordered`` (from :func:`outcomes`) whose outcome Pareto-dominates
    ``payoffs`` (sympy or Python rationals), or ``None``; raises ``ValueError`` if a payoff is not
    a rational number."""
    target = tuple(_numeric.from_sympy(v) for v in payoffs)
    if any(v is None for v in target):
        raise ValueError("not a rational payoff")
    for q, other in ordered:
        if _dominates(other, target):
            return q
    return None


def _mixed_2x2(tab, p_star, q_star) -> bool:
    """:func:`gametheory.analysis.pareto._mixed_2x2` for numbers: does some mixed profile give both
    players strictly more than the fully mixed equilibrium ``(p*, q*)``?"""
    A = [[tab[0][(i, j)] for j in range(2)] for i in range(2)]
    B = [[tab[1][(i, j)] for j in range(2)] for i in range(2)]

    def g(p):
        return p * (A[0][0] - A[0][1]) + (1 - p) * (A[1][0] - A[1][1])

    def h(q):
        return q * (B[0][0] - B[1][0]) + (1 - q) * (B[0][1] - B[1][1])

    ends = {1: 1, -1: 0}
    for tau in (1, -1):
        for sigma in (1, -1):
            if not (sigma * g(p_star) > 0 or sigma * g(ends[tau]) > 0):
                continue
            if tau * h(q_star) > 0 or tau * h(ends[sigma]) > 0:
                return True
    return False


def _hull_2(ordered, payoffs) -> str:
    """:func:`gametheory.analysis.pareto._hull_2` for numbers."""
    vectors = {q: tuple(x - u for x, u in zip(o, payoffs)) for q, o in sorted(ordered)}
    for a in vectors.values():
        if a[0] > 0 and a[1] > 0:
            return "yes"
    found = "no"
    for qa, a in vectors.items():
        if not a[0] > 0 or a[1] > 0:
            continue
        for qb, b in vectors.items():
            if b[0] > 0 or not b[1] > 0:
                continue
            if a[0] * b[1] - a[1] * b[0] > 0:
                if qa[0] == qb[0] or qa[1] == qb[1]:
                    return "yes"
                found = "maybe"
    return found


def pareto_verdict(game, equilibrium, assumptions):
    """``(value, conditions, dominated_by, note)`` of
    :func:`gametheory.analysis.pareto.is_pareto_efficient` in the numeric case, else ``None``."""
    if not applies(game, assumptions, equilibrium.conditions):
        return None
    tab = _numeric.table(game)
    payoffs = tuple(_numeric.from_sympy(v) for v in equilibrium.payoffs)
    probs = _numeric.probabilities(equilibrium.profile)
    if any(v is None for v in payoffs) or probs is None:
        return None
    ordered = outcomes(game)
    found = first_dominating(ordered, payoffs)
    if found is not None:
        return False, (), (found,), ""
    profile = equilibrium.profile
    if profile.is_pure:
        return True, (), (), ""
    two = game.n_players == 2
    if two and tuple(game.shape) == (2, 2) and all(p != 0 for row in probs for p in row):
        if _mixed_2x2(tab, probs[0][0], probs[1][0]):
            return False, (), (), "a mixed profile gives every player more"
        return True, (), (), ""
    if two:
        hull = _hull_2(ordered, payoffs)
        if hull == "no":
            return True, (), (), ""
        if hull == "yes":
            return False, (), (), "a mixed profile gives every player more"
        return None, (), (), ("no outcome Pareto-dominates it, but a mixture of outcomes gives every player "
                              "more; whether a mixed profile does was not decided")
    return None, (), (), "no outcome Pareto-dominates it; mixed profiles of three or more players are not compared"
