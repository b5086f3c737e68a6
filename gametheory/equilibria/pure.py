"""Pure Nash equilibria of games with any number of players, with parameter conditions.

Conventions
-----------
* Profiles are tuples of strategy indices, one per player, visited in lexicographic order
  (:meth:`gametheory.games.Game.profiles`); equilibria are reported in that order.
* A pure profile ``s`` is a Nash equilibrium when no player gains by a unilateral deviation:
  ``u_i(s) >= u_i(k, s_-i)`` for every player ``i`` and strategy ``k`` (Nash 1951). Ties are
  allowed (weak inequalities).
* Numeric games with rational payoffs are decided by exact comparison of best responses. For a
  symbolic game every inequality is decided by :mod:`gametheory.conditions` under the game's
  assumptions; ``Equilibrium.conditions`` is the simplified conjunction of the inequalities that
  do not follow from the assumptions, ``()`` when all do, and a profile whose inequalities cannot
  hold together under the assumptions is not reported.
"""

from __future__ import annotations

import sympy

from .. import limits
from ..games import Game, Profile
from ..conditions import Reasoner
from .check import _game, payoffs_at, rational_payoffs, time_limit
from .result import Equilibrium, EquilibriumSet

__all__ = ["pure_equilibria", "find_pure"]

METHOD = "pure enumeration"


def pure_equilibria(game: Game, *, timeout: float | None = None) -> EquilibriumSet:
    """Every pure Nash equilibrium of ``game``, each with the conditions under which it is one.

    Parameters
    ----------
    game : Game
        Any number of players; numeric or symbolic payoffs.
    timeout : float, optional
        Bound in seconds on the work (:func:`gametheory.limits.deadline`).

    Returns
    -------
    EquilibriumSet
        The pure equilibria in lexicographic profile order; ``complete`` is True.

    Raises
    ------
    TimeLimitError
        If the time limit is reached.

    Notes
    -----
    Enumeration of the pure profiles, checking every unilateral deviation (Gambit's
    ``enumpure_solve``), with symbolic inequalities decided by :mod:`gametheory.conditions`.

    Examples
    --------
    >>> from gametheory.games import Game
    >>> pd = Game.from_arrays([[[3, 0], [5, 1]], [[3, 5], [0, 1]]])
    >>> [e.profile.pure_indices for e in pure_equilibria(pd)]
    [(1, 1)]
    """
    game = _game(game)
    with time_limit(timeout):
        entries = find_pure(game, Reasoner(game.assumptions))
    return EquilibriumSet(game=game, equilibria=entries, method=METHOD, exact=True, complete=True)


def find_pure(game: Game, reasoner: Reasoner) -> tuple[Equilibrium, ...]:
    """The pure equilibria of ``game`` (see :func:`pure_equilibria`), components numbered in order."""
    if rational_payoffs(game):
        found = [(s, ()) for s in _numeric(game)]
    else:
        found = _symbolic(game, reasoner)
    return tuple(
        Equilibrium(
            profile=(profile := Profile.pure(game, s)),
            payoffs=payoffs_at(game, profile, reasoner),
            conditions=conds,
            component=k,
            method=METHOD,
        )
        for k, (s, conds) in enumerate(found)
    )


def _numeric(game: Game) -> list[tuple[int, ...]]:
    """Profiles at which every player plays a best response (exact rational payoffs)."""
    n = game.n_players
    best: list[dict] = [{} for _ in range(n)]
    for s in game.profiles():
        for i in range(n):
            key = s[:i] + s[i + 1:]
            value = game.payoffs[i][s]
            if key not in best[i] or value > best[i][key]:
                best[i][key] = value
    out = []
    for s in game.profiles():
        limits.check("the search for pure equilibria")
        if all(game.payoffs[i][s] == best[i][s[:i] + s[i + 1:]] for i in range(n)):
            out.append(s)
    return out


def _symbolic(game: Game, reasoner: Reasoner) -> list[tuple[tuple[int, ...], tuple]]:
    out = []
    for s in game.profiles():
        relations = []
        for i in range(game.n_players):
            here = game.payoffs[i][s]
            for k in range(len(game.strategies[i])):
                if k != s[i]:
                    there = game.payoffs[i][s[:i] + (k,) + s[i + 1:]]
                    relations.append(sympy.Ge(reasoner.tidy(here - there), 0))
        conds = reasoner.all_of(relations, "the search for pure equilibria")
        if conds is not None:
            out.append((s, conds))
    return out
