"""How many equilibria a game has, region by region of the parameter space.

Conventions
-----------
* A symbolic game's equilibria are listed each with the conditions under which it is one; their
  number is not the number of equilibria the game has at any parameter values. The *census*
  splits the parameter space (beyond the assumptions) where the set of equilibria that exist
  changes, and counts them in each part: ``3 when d + o <= c; 1 when c < d + o``.
* Each :class:`CensusGroup` holds a number of equilibria and the conditions (beyond the
  assumptions) of the union of the regions where exactly that many are equilibria (``()``
  everywhere); groups are ordered by decreasing number. The groups are disjoint and cover the
  assumptions.
* Every sign is decided by :mod:`gametheory.conditions` (its case analysis,
  :func:`gametheory.conditions.cases`); when that gives up (too many regions), the census is
  ``None``-valued with a note, never a guess.
* The listed equilibria are counted as the solver listed them (extreme equilibria of a
  degenerate game, a component's convex combinations not counted separately). Where the solver
  says its list may be incomplete, each count is a lower bound (the reports say "at least").
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy

from .. import conditions

__all__ = ["CensusGroup", "Census", "census"]

#: Most regions the census may split the parameter space into.
MAX_REGIONS = 256


@dataclass(frozen=True)
class CensusGroup:
    """``count`` equilibria wherever ``conditions`` hold (beyond the assumptions; ``()`` always).
    ``members`` are the indices of the equilibria (into the listed equilibria) when they are the
    same throughout the group, else ``None``."""

    count: int
    conditions: tuple
    members: tuple[int, ...] | None = None


@dataclass(frozen=True)
class Census:
    """The number of equilibria region by region.

    Attributes
    ----------
    listed : int
        How many equilibria are listed, each with its conditions.
    groups : tuple of CensusGroup or None
        ``None`` when the count could not be split into regions (``note`` says why).
    conditional : bool
        Whether some listed equilibrium exists only under conditions.
    note : str
    """

    listed: int
    groups: tuple[CensusGroup, ...] | None
    conditional: bool
    note: str = ""

    def to_dict(self) -> dict:
        """JSON-ready: ``{"listed": 4, "by_region": [{"count": 3, "conditions": [...]}, ...]}``."""
        out: dict = {"listed": self.listed}
        if self.groups is not None:
            out["by_region"] = [
                {"count": g.count, "conditions": [conditions.to_str(conditions.canonical(c)) for c in g.conditions]}
                for g in self.groups
            ]
        if self.note:
            out["note"] = self.note
        return out


def census(equilibria, assumptions=()) -> Census:
    """Count the listed equilibria in each region of the parameter space.

    Parameters
    ----------
    equilibria : EquilibriumSet or sequence of Equilibrium
        Each with its ``conditions`` (beyond the assumptions).
    assumptions : iterable of sympy relations
        The game's assumptions.

    Returns
    -------
    Census

    Examples
    --------
    >>> import sympy
    >>> from gametheory.expr import symbol
    >>> from gametheory.equilibria.result import Equilibrium
    >>> from gametheory.games import Profile
    >>> x = symbol("x")
    >>> pure = lambda *cell: Profile.from_values([[1, 0] if k == 0 else [0, 1] for k in cell])
    >>> eqs = [Equilibrium(pure(0, 0), (1, 1)), Equilibrium(pure(1, 1), (x, x), (x >= 0,))]
    >>> [(g.count, g.conditions) for g in census(eqs, [x > -1]).groups]
    [(2, (0 <= x,)), (1, (x < 0,))]
    """
    eqs = tuple(getattr(equilibria, "equilibria", equilibria))
    base = tuple(assumptions)
    conditional = any(eq.conditions for eq in eqs)
    if not conditional:
        return Census(len(eqs), (CensusGroup(len(eqs), (), tuple(range(len(eqs)))),), False)
    relations = [sympy.And(*eq.conditions) if eq.conditions else None for eq in eqs]

    def predicate(signs) -> tuple[int, ...]:
        return tuple(k for k, rel in enumerate(relations) if rel is None or signs.holds(rel))

    try:
        regions = conditions.cases(predicate, base, what="counting the equilibria by region", limit=MAX_REGIONS)
    except conditions.Undecided as error:
        return Census(len(eqs), None, True, str(error))
    groups = []
    for count, conds in conditions.merge(regions, base, key=len):
        members = {r.value for r in regions if len(r.value) == count}
        groups.append(CensusGroup(count, tuple(conds or ()), members.pop() if len(members) == 1 else None))
    groups.sort(key=lambda g: -g.count)
    return Census(len(eqs), tuple(groups), True)
