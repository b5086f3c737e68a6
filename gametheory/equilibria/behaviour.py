"""Equilibria of a Harsanyi normal form, one per behaviour profile.

Conventions
-----------
* ``game`` is the Harsanyi normal form of a Bayesian game (:meth:`BayesianGame.harsanyi`),
  whose ``bayesian`` field is the original; its strategies are plans (one action per type),
  and an equilibrium mixes over plans.
* Two mixtures over plans that give every type of every player the same distribution over
  actions (:meth:`BayesianGame.behaviour`) are the same Bayesian equilibrium (Kuhn 1953): the
  first, in the solver's order, is kept, with the same existence conditions; a note counts the
  others.

References
----------
H. W. Kuhn, "Extensive games and the problem of information", in *Contributions to the Theory
of Games II*, Princeton, 1953.
"""

from __future__ import annotations

from dataclasses import replace

from ..games import Game
from .result import EquilibriumSet

__all__ = ["distinct_behaviour"]


def distinct_behaviour(game: Game, equilibria: EquilibriumSet) -> EquilibriumSet:
    """Keep one equilibrium of a Harsanyi normal form per type-contingent (behaviour) profile.

    Parameters
    ----------
    game : Game
        A Harsanyi normal form (``game.bayesian`` is not ``None``).
    equilibria : EquilibriumSet
        Its equilibria, from :func:`gametheory.equilibria.equilibria`.

    Returns
    -------
    EquilibriumSet
        ``equilibria`` itself when no two entries behave alike; otherwise the entries kept, in
        order, with a note saying how many were left out.
    """
    bayes = game.bayesian
    seen = set()
    kept = []
    for eq in equilibria.equilibria:
        behaviour = tuple(bayes.behaviour(i, p) for i, p in enumerate(eq.profile.probabilities))
        key = (behaviour, eq.conditions)
        if key in seen:
            continue
        seen.add(key)
        kept.append(eq)
    if len(kept) == len(equilibria.equilibria):
        return equilibria
    dropped = len(equilibria.equilibria) - len(kept)
    note = (f"{dropped} mixture{'s' if dropped > 1 else ''} over plans that give every type the same "
            "behaviour as an equilibrium listed are not repeated")
    return replace(equilibria, equilibria=tuple(kept), notes=tuple(equilibria.notes) + (note,))
