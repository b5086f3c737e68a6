"""Results of the solvers: plain, immutable data that says how it was computed.

Conventions follow :mod:`gametheory.games`: players ``0 .. n-1``, strategies by index, a
:class:`~gametheory.games.Profile` gives each player's probabilities in strategy order.
``conditions`` are sympy relationals over parameters that must hold *beyond the game's
assumptions* for the entry to hold; ``()`` means it holds whenever the assumptions do.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy

from ..games import Game, Profile


@dataclass(frozen=True)
class Equilibrium:
    """One Nash equilibrium (an extreme one, for mixed equilibria of degenerate games).

    ``payoffs[i]`` is player ``i``'s expected payoff. ``component`` groups the extreme
    equilibria of a degenerate game into connected components (Gambit's ``enummixed``
    clique step); it is the index of the component in the result.
    """

    profile: Profile
    payoffs: tuple[sympy.Expr, ...]
    conditions: tuple[sympy.Basic, ...] = ()
    component: int = 0
    method: str = ""

    @property
    def is_pure(self) -> bool:
        return self.profile.is_pure

    @property
    def kind(self) -> str:
        return "pure" if self.is_pure else "mixed"


class Listing:
    """A result that lists equilibria (``self.equilibria``): iterate, count and index it."""

    __slots__ = ()

    def __iter__(self):
        return iter(self.equilibria)

    def __len__(self) -> int:
        return len(self.equilibria)

    def __getitem__(self, index):
        return self.equilibria[index]


@dataclass(frozen=True)
class EquilibriumSet(Listing):
    """Every equilibrium a solver found, and how.

    ``complete`` is True when the method guarantees that every (extreme) equilibrium is
    listed; ``exact`` is True when every entry was verified in exact arithmetic.
    """

    game: Game
    equilibria: tuple[Equilibrium, ...]
    method: str
    exact: bool = True
    complete: bool = True
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Elimination:
    """One step of iterated elimination: ``player``'s ``strategy`` is dominated by ``by``.

    ``by`` is a mixed strategy of that player over its *remaining* strategies (indices into
    the ORIGINAL game's strategy list, probabilities exact); ``strict`` tells strict from
    weak dominance; ``conditions`` as everywhere.
    """

    player: int
    strategy: int
    by: tuple[sympy.Expr, ...]
    strict: bool
    conditions: tuple[sympy.Basic, ...] = ()


@dataclass(frozen=True)
class DominanceResult:
    """Dominant strategies and the order of iterated elimination.

    ``dominant[i]`` is the index of player ``i``'s strictly dominant strategy, or ``None``;
    ``dominant_conditions[i]`` the conditions beyond the assumptions under which it is
    dominant. ``weakly_dominant`` likewise for weak dominance. ``eliminations`` lists the
    steps of iterated elimination of strictly (``strict=True`` run) or weakly dominated
    strategies, in order; ``surviving[i]`` are the indices left for player ``i``.
    """

    game: Game
    dominant: tuple[int | None, ...]
    dominant_conditions: tuple[tuple[sympy.Basic, ...], ...]
    weakly_dominant: tuple[int | None, ...]
    eliminations: tuple[Elimination, ...]
    surviving: tuple[tuple[int, ...], ...]
    strict: bool = True
    method: str = ""
    notes: tuple[str, ...] = ()
