"""Pareto efficiency of outcomes and equilibria, exact and symbolic, with conditions.

Conventions
-----------
* An *outcome* is a pure profile (a tuple of strategy indices, one per player), visited in the
  lexicographic order of :meth:`gametheory.games.Game.profiles`; its payoffs are
  :meth:`gametheory.games.Game.outcome`.
* A payoff vector ``a`` *Pareto-dominates* ``b`` when every player gets at least as much under
  ``a`` as under ``b`` and some player gets strictly more (the usual definition; Osborne and
  Rubinstein 1994, sec. 1.3). An outcome or equilibrium is *Pareto-efficient* when nothing
  feasible Pareto-dominates it.
* ``a`` *strictly* Pareto-dominates ``b`` when every player gets strictly more. An equilibrium
  that some outcome Pareto-dominates is *Pareto-deficient* (Rapoport and Guyer 1966): the test
  of the dilemma verdict (:mod:`gametheory.analysis.dilemma`).
* Every three-valued result has ``value`` (``True``, ``False``, or ``None`` when the answer
  depends on the parameters or could not be decided) and ``conditions``: relations beyond the
  game's assumptions (and the equilibrium's own conditions) under which the answer is
  ``True``; ``()`` when the value is ``True`` or ``False``. A condition set that is not a single
  conjunction is given as one ``sympy.Or``.
* Symbolic comparisons are all asked of :mod:`gametheory.conditions`; where the sign of a
  difference depends on the parameters, the parameter space is split into regions
  (:func:`gametheory.conditions.cases`) and the answers of the regions are folded again
  (:func:`gametheory.conditions.fold`, :func:`gametheory.conditions.union_conditions`).

What is compared with what
--------------------------
* Outcomes, and pure equilibria: against every pure outcome.
* Mixed equilibria: against every pure outcome (Pareto dominance), and against mixed profiles
  (strict dominance: every player strictly better). For a completely mixed equilibrium of a
  2x2 game the mixed-profile test is exact: with ``p``, ``q`` the probabilities of the players'
  first strategies, ``U1(p, q) - u1 = (q - q*) g(p)`` and ``U2(p, q) - u2 = (p - p*) h(q)``
  with ``g = dU1/dq`` and ``h = dU2/dp`` linear, so a dominating profile exists if and only if
  for some pair of sides of ``(p*, q*)`` the linear functions have the right signs at an end
  of the side. For other two-player games: if no mixture of two outcomes (no correlated
  profile, since in the plane a point of the convex hull that gives both players more lies on
  an edge) gives both players strictly more, no mixed profile does; if a mixture of two outcomes
  in one row or one column does, that is a mixed profile (one player pure) that does; otherwise
  the answer is ``None`` with a note. For three or more players the mixed-profile test is not
  made (a note says so).

References
----------
A. Rapoport and M. Guyer, "A taxonomy of 2 x 2 games", *General Systems* 11:203-214, 1966.
M. J. Osborne and A. Rubinstein, *A Course in Game Theory*, MIT Press, 1994.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

import sympy

from .. import conditions
from ..conditions import Region, Signs, Undecided, fold, merge, union_conditions
from ..games import Game
from . import _numeric

__all__ = [
    "MAX_REGIONS",
    "MAX_OPAQUE",
    "Undecided",
    "Region",
    "Signs",
    "cases",
    "merge",
    "union_conditions",
    "OutcomeEfficiency",
    "ParetoVerdict",
    "pareto_efficient_outcomes",
    "is_pareto_efficient",
    "deficiency",
    "pareto_dominates",
    "strictly_dominates",
]

#: Most parameter regions one case analysis may create before it gives up.

#: Most parameter regions one case analysis of this module may create before it gives up.
MAX_REGIONS = conditions.MAX_REGIONS

#: Most opaque splits (on nonlinear signs) one case analysis of this module may make.
MAX_OPAQUE = conditions.MAX_OPAQUE


def cases(predicate: Callable[[Signs], object], assumptions: Iterable = (), conditions_: Iterable = (),
          **options) -> tuple[Region, ...]:
    """:func:`gametheory.conditions.cases` with this module's limits (:data:`MAX_REGIONS`,
    :data:`MAX_OPAQUE`) unless ``limit`` or ``max_opaque`` is given."""
    options.setdefault("limit", MAX_REGIONS)
    options.setdefault("max_opaque", MAX_OPAQUE)
    return conditions.cases(predicate, assumptions, conditions_, **options)


# ---------------------------------------------------------------------------------------------
# Dominance tests inside a region
# ---------------------------------------------------------------------------------------------


def pareto_dominates(signs: Signs, a: Sequence, b: Sequence) -> bool:
    """Does payoff vector ``a`` Pareto-dominate ``b`` (>= for all, > for one) in the region?"""
    diffs = [sympy.sympify(x) - sympy.sympify(y) for x, y in zip(a, b)]
    known = [signs.peek(d) for d in diffs]
    if "-" in known or all(k == "0" for k in known):
        return False  # settled without splitting on the other differences
    if not all(signs.nonnegative(d) for d in diffs):
        return False
    return any(signs.positive(d) for d in diffs)


def strictly_dominates(signs: Signs, a: Sequence, b: Sequence) -> bool:
    """Does ``a`` give every player strictly more than ``b`` in the region?"""
    diffs = [sympy.sympify(x) - sympy.sympify(y) for x, y in zip(a, b)]
    if any(signs.peek(d) in ("-", "0", "<=0") for d in diffs):
        return False
    return all(signs.positive(d) for d in diffs)


# ---------------------------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OutcomeEfficiency:
    """Whether one outcome is Pareto-efficient.

    ``value`` is ``True``/``False``/``None`` (depends on the parameters; ``conditions`` then
    says when it is efficient). ``dominated_by`` lists the outcomes that Pareto-dominate it
    somewhere (everywhere when ``value`` is ``False``). Unpacks as
    ``profile, value, conditions``.
    """

    profile: tuple[int, ...]
    payoffs: tuple
    value: bool | None
    conditions: tuple = ()
    dominated_by: tuple[tuple[int, ...], ...] = ()
    note: str = ""

    def __iter__(self):
        return iter((self.profile, self.value, self.conditions))


@dataclass(frozen=True)
class ParetoVerdict:
    """Whether an equilibrium is Pareto-efficient (or, from :func:`deficiency`, deficient).

    ``value`` ``True``/``False``/``None``; ``conditions`` (beyond the assumptions and the
    equilibrium's conditions) under which ``value`` would be ``True`` when it is ``None``;
    ``dominated_by`` pure outcomes found to dominate the equilibrium (in each region the first
    found, outcomes that pay every player alike tried first); ``note`` says
    what could not be decided, if anything. Unpacks as ``value, conditions``.
    """

    value: bool | None
    conditions: tuple = ()
    dominated_by: tuple[tuple[int, ...], ...] = ()
    note: str = ""

    def __iter__(self):
        return iter((self.value, self.conditions))


# ---------------------------------------------------------------------------------------------
# Public functions
# ---------------------------------------------------------------------------------------------


def _outcomes(game: Game) -> list[tuple[tuple[int, ...], tuple]]:
    return [(tuple(p), game.outcome(p)) for p in game.profiles()]


def _witness_order(outcomes):
    """Outcomes that pay every player the same expression first: the natural witnesses
    (mutual cooperation), and the cheapest to compare."""
    return sorted(outcomes, key=lambda o: len(set(o[1])) != 1)


def _first(outcomes, test) -> tuple:
    """``(profile,)`` of the first outcome passing ``test``, or ``()``."""
    for q, other in outcomes:
        if test(other):
            return (q,)
    return ()


def _assumptions(game: Game, assumptions) -> tuple:
    return tuple(game.assumptions if assumptions is None else assumptions)


def pareto_efficient_outcomes(game: Game, *, assumptions=None) -> tuple[OutcomeEfficiency, ...]:
    """Every outcome of ``game`` with whether it is Pareto-efficient among the outcomes.

    Parameters
    ----------
    game : Game
        Any number of players; numeric or symbolic payoffs.
    assumptions : iterable of relations, optional
        Instead of the game's own assumptions.

    Returns
    -------
    tuple of OutcomeEfficiency
        One per outcome, in lexicographic profile order.

    Notes
    -----
    Pairwise comparison of outcomes (Pareto dominance: at least as much for every player, more
    for one), each sign decided by :mod:`gametheory.conditions`, splitting the parameter space
    where a sign depends on the parameters (:func:`cases`).

    Examples
    --------
    >>> from gametheory.games import Game
    >>> pd = Game.from_arrays([[[3, 0], [5, 1]], [[3, 5], [0, 1]]])
    >>> [(o.profile, o.value) for o in pareto_efficient_outcomes(pd)]
    [((0, 0), True), ((0, 1), True), ((1, 0), True), ((1, 1), False)]
    """
    base = _assumptions(game, assumptions)
    outcomes = _outcomes(game)
    result = []
    for profile, payoffs in outcomes:
        def predicate(signs, profile=profile, payoffs=payoffs):
            return tuple(q for q, other in outcomes if q != profile and pareto_dominates(signs, other, payoffs))

        try:
            regions = cases(predicate, base, what="Pareto efficiency of the outcomes")
        except Undecided as error:
            result.append(OutcomeEfficiency(profile, payoffs, None, (), (), str(error)))
            continue
        value, conds = fold(regions, base, lambda v: not v)
        dominators = tuple(sorted({q for r in regions for q in r.value}))
        result.append(OutcomeEfficiency(profile, payoffs, value, conds if value is None else (), dominators))
    return tuple(result)


def deficiency(game: Game, equilibrium, *, strict: bool = False, assumptions=None) -> ParetoVerdict:
    """Is the equilibrium Pareto-deficient: does some outcome Pareto-dominate it?

    Parameters
    ----------
    game : Game
    equilibrium : Equilibrium
        Pure or mixed, with its conditions (they are added to the assumptions).
    strict : bool
        ``False`` (the default): Pareto dominance, at least as much for every player and more
        for one. ``True``: every player strictly more.
    assumptions : iterable of relations, optional
        Instead of the game's own assumptions.

    Returns
    -------
    ParetoVerdict
        ``value`` ``True`` when the equilibrium is deficient (Rapoport and Guyer 1966);
        ``dominated_by`` outcomes found to dominate it (the first found in each region).
    """
    base = _assumptions(game, assumptions)
    payoffs = tuple(equilibrium.payoffs)
    outcomes = _outcomes(game)

    dominates = strictly_dominates if strict else pareto_dominates
    outcomes = _witness_order(outcomes)

    def predicate(signs):
        return _first(outcomes, lambda other: dominates(signs, other, payoffs))

    try:
        regions = cases(predicate, base, equilibrium.conditions, what="Pareto deficiency of an equilibrium")
    except Undecided as error:
        return ParetoVerdict(None, (), (), str(error))
    if not regions:
        return ParetoVerdict(False, (), (), "the equilibrium's conditions contradict the assumptions")
    context = base + tuple(equilibrium.conditions)
    value, conds = fold(regions, context, bool)
    dominators = tuple(sorted({q for r in regions for q in r.value}))
    return ParetoVerdict(value, conds if value is None else (), dominators)


def _mixed_2x2(game: Game, profile, payoffs, signs: Signs) -> bool:
    """Exact test: does some mixed profile give both players strictly more (2x2, fully mixed)?"""
    A, B = game.matrices()
    p_star = profile.probabilities[0][0]
    q_star = profile.probabilities[1][0]

    def g(p):  # dU1/dq at row probability p
        return sympy.expand(p * (A[0][0] - A[0][1]) + (1 - p) * (A[1][0] - A[1][1]))

    def h(q):  # dU2/dp at column probability q
        return sympy.expand(q * (B[0][0] - B[1][0]) + (1 - q) * (B[0][1] - B[1][1]))

    ends = {1: sympy.Integer(1), -1: sympy.Integer(0)}
    for tau in (1, -1):          # side of p* on which p lies
        for sigma in (1, -1):    # side of q* on which q lies
            p_ok = signs.positive(sigma * g(p_star)) or signs.positive(sigma * g(ends[tau]))
            if not p_ok:
                continue
            q_ok = signs.positive(tau * h(q_star)) or signs.positive(tau * h(ends[sigma]))
            if q_ok:
                return True
    return False


def _hull_2(game: Game, outcomes, payoffs, signs: Signs) -> str:
    """Two players: can a mixture of two outcomes give both players strictly more?

    ``"no"`` when no mixture of outcomes (no correlated profile) does, hence no mixed profile;
    ``"yes"`` when a mixture of two outcomes in one row or one column does (a mixed profile in
    which one player plays a pure strategy); ``"maybe"`` otherwise.
    """
    vectors = {q: tuple(sympy.sympify(x) - sympy.sympify(u) for x, u in zip(o, payoffs)) for q, o in outcomes}
    for a in vectors.values():
        if signs.positive(a[0]) and signs.positive(a[1]):
            return "yes"
    found = "no"
    for qa, a in vectors.items():
        if not signs.positive(a[0]) or signs.positive(a[1]):
            continue
        for qb, b in vectors.items():
            if signs.positive(b[0]) or not signs.positive(b[1]):
                continue
            # a = (+, <=0), b = (<=0, +): a point between them is > 0 iff det(a, b) > 0
            if signs.positive(sympy.expand(a[0] * b[1] - a[1] * b[0])):
                if qa[0] == qb[0] or qa[1] == qb[1]:
                    return "yes"
                found = "maybe"
    return found


def is_pareto_efficient(game: Game, equilibrium, *, assumptions=None) -> ParetoVerdict:
    """Is the equilibrium Pareto-efficient?

    Parameters
    ----------
    game : Game
    equilibrium : Equilibrium
        Its conditions are added to the assumptions.
    assumptions : iterable of relations, optional
        Instead of the game's own assumptions.

    Returns
    -------
    ParetoVerdict
        ``value`` ``False`` when some outcome Pareto-dominates the equilibrium (or, for a mixed
        equilibrium, some mixed profile gives every player strictly more); ``True`` when
        nothing does; ``None`` when it depends on the parameters (``conditions``: when it is
        efficient) or could not be decided (``note`` says why). Unpacks as
        ``value, conditions``.

    Notes
    -----
    See the module docstring for what is compared: pure equilibria against the outcomes;
    mixed ones also against mixed profiles, exactly for completely mixed equilibria of 2x2
    games, by the sufficient convex-hull test for other two-player games.
    """
    base = _assumptions(game, assumptions)
    fast = _numeric.pareto_verdict(game, equilibrium, base)  # a numeric game: the same answer, in rationals
    if fast is not None:
        return ParetoVerdict(*fast)
    payoffs = tuple(equilibrium.payoffs)
    outcomes = _outcomes(game)
    profile = equilibrium.profile
    pure = profile.is_pure
    two = game.n_players == 2
    full_2x2 = (two and game.shape == (2, 2) and not pure
                and len(profile.support(0)) == 2 and len(profile.support(1)) == 2)

    ordered = _witness_order(outcomes)

    def predicate(signs):
        dominators = _first(ordered, lambda other: pareto_dominates(signs, other, payoffs))
        if dominators:
            return ("dominated", dominators)
        if pure:
            return ("efficient", ())
        if full_2x2:
            return ("mixed", ()) if _mixed_2x2(game, profile, payoffs, signs) else ("efficient", ())
        if two:
            hull = _hull_2(game, outcomes, payoffs, signs)
            return {"no": ("efficient", ()), "yes": ("mixed", ()), "maybe": ("undecided", ())}[hull]
        return ("undecided", ())

    try:
        regions = cases(predicate, base, equilibrium.conditions, what="Pareto efficiency of an equilibrium")
    except Undecided as error:
        return ParetoVerdict(None, (), (), str(error))
    if not regions:
        return ParetoVerdict(False, (), (), "the equilibrium's conditions contradict the assumptions")
    context = base + tuple(equilibrium.conditions)
    dominators = tuple(sorted({q for r in regions for q in r.value[1]}))
    kinds = {r.value[0] for r in regions}
    note = ""
    if "mixed" in kinds:
        note = "a mixed profile gives every player more" + ("" if kinds == {"mixed"} else " in some regions")
    if "undecided" in kinds:
        note = ("no outcome Pareto-dominates it, but a mixture of outcomes gives every player more; "
                "whether a mixed profile does was not decided" if two else
                "no outcome Pareto-dominates it; mixed profiles of three or more players are not compared")
        efficient = [r.conditions for r in regions if r.value[0] == "efficient"]
        others = [r.conditions for r in regions if r.value[0] != "efficient"]
        conds = union_conditions(efficient, others, context) if efficient else ()
        return ParetoVerdict(None, conds or (), dominators, note)
    value, conds = fold(regions, context, lambda v: v[0] == "efficient")
    return ParetoVerdict(value, conds if value is None else (), dominators, note)
