"""The analyses that apply to some kinds of normal-form game only.

Conventions
-----------
* ``game`` is a normal form: a Harsanyi normal form (``game.bayesian`` is the Bayesian
  original), an N-person game given by counts (``game.count``), or an ordinary finite game.
* A Bayesian game gets its equilibria as functions of the prior
  (:func:`gametheory.analysis.bayesian.equilibria_by_prior`), its belief thresholds
  (:func:`~gametheory.analysis.bayesian.belief_thresholds`) and the uncertainty dilemma
  (:func:`gametheory.analysis.uncertainty.uncertainty_dilemma`); a game given by counts its
  equilibria for every N (:func:`gametheory.equilibria.counts.count_equilibria`); any other
  game the risks of each option (:func:`gametheory.analysis.uncertainty.alliance_risks`, for
  symmetric 2x2 games, ``None`` otherwise). A game given by counts, and a symmetric game of three
  or more players with two strategies, gets its count table
  (:func:`gametheory.analysis.counts_table.count_table`). The analyses that do not apply are ``None``
  (``()`` for the thresholds).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..games import Game

__all__ = ["KindAnalyses", "kind_analyses"]


@dataclass(frozen=True)
class KindAnalyses:
    """The results of :func:`kind_analyses`; each field as in
    :class:`gametheory.report.SolveReport`."""

    by_prior: object = None
    thresholds: tuple = ()
    uncertainty: object = None
    alliance_risks: object = None
    counts: object = None
    count_table: object = None


def kind_analyses(game: Game) -> KindAnalyses:
    """The analyses that apply to ``game``'s kind (module docstring)."""
    if game.bayesian is not None:
        from .bayesian import belief_thresholds, equilibria_by_prior
        from .uncertainty import uncertainty_dilemma

        return KindAnalyses(
            by_prior=equilibria_by_prior(game.bayesian),
            thresholds=tuple(belief_thresholds(game.bayesian)),
            uncertainty=uncertainty_dilemma(game.bayesian),
        )
    if game.count is not None:
        from ..equilibria.counts import count_equilibria

        from .counts_table import count_table

        return KindAnalyses(counts=count_equilibria(game.count, game.assumptions + game.count.n_assumptions),
                            count_table=count_table(game))
    from .uncertainty import alliance_risks

    # a symmetric game of three or more players with two strategies reads best by counts
    table = None
    if len(game.players) >= 3:
        from .counts_table import count_table

        table = count_table(game)
    return KindAnalyses(alliance_risks=alliance_risks(game), count_table=table)
