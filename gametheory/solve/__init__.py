"""The solvers: Nash equilibria (pure, mixed, symbolic), dominance, and the exact checker.

Conventions
-----------
* Games, profiles and indices follow :mod:`gametheory.game`; results are the frozen dataclasses
  of :mod:`gametheory.solve.result`.
* Every reported equilibrium is exact. ``Equilibrium.conditions`` are the conditions on the
  parameters, beyond the game's assumptions, under which the entry is an equilibrium (``()``:
  whenever the assumptions hold); entries whose conditions contradict the assumptions are not
  reported. Payoffs and probabilities are in the canonical form of
  :meth:`gametheory.solve.check.Reasoner.tidy`.
* Order: pure equilibria first, in lexicographic profile order; then mixed ones by total support
  size, then by supports, then by probabilities. ``Equilibrium.component`` numbers the connected
  components of the equilibrium set in that order of first appearance.

Methods of :func:`equilibria`
-----------------------------
``"auto"``
    Two players, rational payoffs: every extreme equilibrium by vertex enumeration
    (:func:`gametheory.solve.bimatrix.extreme_equilibria`), each verified again here with
    :func:`regret`. Two players otherwise (symbolic or irrational payoffs): pure equilibria with
    conditions, then support enumeration (:mod:`gametheory.solve.support`). Three or more
    players: pure equilibria with conditions, then polynomial systems for the mixed ones when the
    game is small enough (:mod:`gametheory.solve.polynomial`); a larger game gets its pure
    equilibria only, with ``complete=False`` and a note.
``"pure"``
    Pure equilibria only (``complete`` refers to the pure ones).
``"support"``
    Two players: pure equilibria and support enumeration, also for numeric games.
``"vertex"``
    Two players, rational payoffs: vertex enumeration only.
``"polynomial"``
    Pure equilibria and polynomial systems, for any number of players; a game too large for it
    raises :class:`~gametheory.errors.UnsupportedError`.
"""

from __future__ import annotations

import sympy

from ..errors import AnalysisError, UsageError
from ..game import Game, Profile
from . import polynomial, support
from .check import (
    Reasoner,
    _game,
    is_equilibrium,
    payoffs_at,
    rational_payoffs,
    regret,
    support_key,
    time_limit,
)
from .dominance import dominance
from .pure import find_pure, pure_equilibria
from .result import DominanceResult, Elimination, Equilibrium, EquilibriumSet

__all__ = [
    "equilibria",
    "pure_equilibria",
    "dominance",
    "regret",
    "is_equilibrium",
    "Equilibrium",
    "EquilibriumSet",
    "Elimination",
    "DominanceResult",
    "METHODS",
]

#: The values of ``method`` that :func:`equilibria` accepts.
METHODS = ("auto", "pure", "support", "vertex", "polynomial")


def equilibria(game: Game, *, method: str = "auto", timeout: float | None = None) -> EquilibriumSet:
    """Every Nash equilibrium of ``game`` that the method can find, exactly, with conditions.

    Parameters
    ----------
    game : Game
        Numeric or symbolic, any number of players (a
        :class:`~gametheory.game.BayesianGame` is solved through its Harsanyi normal form).
    method : {"auto", "pure", "support", "vertex", "polynomial"}
        See the module docstring.
    timeout : float, optional
        Bound in seconds on the work (:func:`gametheory.limits.deadline`); without it an
        enclosing deadline, if any, applies.

    Returns
    -------
    EquilibriumSet
        ``complete`` tells whether every (extreme) equilibrium is guaranteed to be listed;
        ``notes`` say what was not examined.

    Raises
    ------
    UsageError
        For an unknown method, or one that does not fit the game.
    UnsupportedError
        For ``method="polynomial"`` on a game too large for it.
    TimeLimitError
        When the time limit is reached.

    Examples
    --------
    >>> from gametheory.game import Game
    >>> pennies = Game.from_arrays([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]])
    >>> [[list(map(str, row)) for row in e.profile.probabilities] for e in equilibria(pennies)]
    [[['1/2', '1/2'], ['1/2', '1/2']]]
    """
    if method not in METHODS:
        raise UsageError(f"equilibria(): unknown method {method!r}; expected one of {', '.join(METHODS)}")
    game = _game(game)
    rational = rational_payoffs(game)
    two = game.n_players == 2
    if method in ("support", "vertex") and not two:
        raise UsageError(f"equilibria(): method {method!r} needs a two-player game, got {game.n_players} players")
    if method == "vertex" and not rational:
        raise UsageError("equilibria(): method 'vertex' needs rational payoffs; use 'support' for symbolic games")
    if method == "auto":
        method = ("vertex" if rational else "support") if two else "polynomial-auto"
    with time_limit(timeout):
        reasoner = Reasoner(game.assumptions)
        if method == "vertex":
            return _vertex(game, reasoner)
        pure = list(find_pure(game, reasoner))
        if method == "pure":
            return EquilibriumSet(game=game, equilibria=tuple(pure), method="pure enumeration",
                                  exact=True, complete=True,
                                  notes=("pure equilibria only",))
        if method == "support":
            mixed, singular = support.mixed_equilibria(game, reasoner)
            # in a nondegenerate game every equilibrium has supports of equal size whose
            # indifference systems have unique solutions (von Stengel 2007, Thm 3.4)
            complete = support.nondegenerate(game, reasoner)
            notes = []
            if not complete:
                notes.append(
                    "the game may be degenerate at some parameter values (ties); there, equilibria "
                    "with supports of unequal size (continua) are not listed"
                )
                if singular:
                    notes.append(
                        f"{singular} support pair(s) with a singular indifference system (no solution "
                        "or a continuum) were skipped"
                    )
            return _assemble(game, pure, mixed, "pure enumeration and support enumeration", complete, notes)
        why = polynomial.check_size(game)
        if why is not None:
            if method == "polynomial":
                raise polynomial.unsupported(game, why)
            return _assemble(game, pure, [], "pure enumeration", False, [
                f"mixed equilibria were not computed: the game is too large for the polynomial solver ({why}); "
                "try a smaller game or a numeric instance"
            ])
        mixed, notes, complete = polynomial.mixed_equilibria(game, reasoner)
        return _assemble(game, pure, mixed, "pure enumeration and polynomial systems", complete, notes)


def _assemble(game, pure, mixed, method, complete, notes, components=None) -> EquilibriumSet:
    """Order the entries (pure, then mixed by support) and number components by first appearance."""
    entries = list(pure) + sorted(mixed, key=lambda e: support_key(e.profile))
    renumber: dict = {}
    out = []
    for k, e in enumerate(entries):
        key = components[id(e)] if components is not None else k
        renumber.setdefault(key, len(renumber))
        out.append(Equilibrium(profile=e.profile, payoffs=e.payoffs, conditions=e.conditions,
                               component=renumber[key], method=e.method))
    return EquilibriumSet(game=game, equilibria=tuple(out), method=method, exact=True, complete=complete,
                          notes=tuple(notes))


def _vertex(game: Game, reasoner: Reasoner) -> EquilibriumSet:
    from . import bimatrix

    A, B = game.matrices()
    result = bimatrix.extreme_equilibria(A, B)
    pure, mixed, components = [], [], {}
    for e in result.equilibria:
        profile = Profile((tuple(sympy.Rational(p.numerator, p.denominator) for p in e.row),
                           tuple(sympy.Rational(p.numerator, p.denominator) for p in e.col)))
        if regret(game, profile) != 0:  # a bimatrix bug: never report an unverified profile
            raise AnalysisError(f"internal error: vertex enumeration returned a non-equilibrium {profile}")
        entry = Equilibrium(profile=profile, payoffs=payoffs_at(game, profile, reasoner),
                            method=bimatrix.METHOD)
        components[id(entry)] = e.component
        (pure if profile.is_pure else mixed).append(entry)
    pure.sort(key=lambda e: e.profile.pure_indices)
    notes = []
    if result.degenerate:
        notes.append("the game is degenerate: a component with more than one extreme equilibrium also "
                     "holds the convex combinations of the extreme equilibria of each of its maximal "
                     "Nash subsets")
    return _assemble(game, pure, mixed, bimatrix.METHOD, True, notes, components)
