"""``gametheory evolve``: evolutionary stability and the replicator dynamics, as a report value.

:func:`evolve` returns an :class:`EvolveReport` with the shared report protocol: ``to_dict()``
(exactly the ``gametheory.evolve/1`` JSON), ``text()``, ``markdown()``, ``latex()`` and notebook
display.
"""

from __future__ import annotations

from dataclasses import dataclass

from .protocol import Report

__all__ = ["EvolveReport", "evolve"]


@dataclass(frozen=True)
class EvolveReport(Report):
    """What ``gametheory evolve`` reports: the analysis (:class:`~gametheory.equilibria.evolution.Evolution`)
    and the comparative statics of its ESS (:func:`~gametheory.analysis.evolution.ess_statics`)."""

    evolution: object
    statics: tuple = ()

    def to_dict(self) -> dict:
        """The ``gametheory.evolve/1`` JSON document, as Python data."""
        from ..export.evolve import evolve_dict

        return evolve_dict(self.evolution, self.statics)

    def text(self) -> str:
        from ..export.evolve import evolve_text

        return evolve_text(self.evolution, self.statics)

    def markdown(self) -> str:
        from ..export.evolve import evolve_markdown

        return evolve_markdown(self.evolution, self.statics)

    def latex(self) -> str:
        from ..export.evolve import evolve_latex

        return evolve_latex(self.evolution, self.statics)


def evolve(game, *, timeout: float | None = None) -> EvolveReport:
    """Evolutionarily stable strategies (ESS, NSS, invaders), the replicator dynamics' rest points
    with their stability, and the comparative statics of each ESS, for a symmetric two-player
    game (REPEATED.md, second part).

    Parameters
    ----------
    game : Game
        A symmetric two-player game, from :func:`gametheory.load`.
    timeout : float, optional
        Bound, in seconds, on the symbolic work (default :data:`gametheory.limits.DEFAULT_TIMEOUT`).

    Raises
    ------
    UsageError
        When the game is not a symmetric two-player game (the message names the payoffs that
        break the symmetry).
    """
    from .. import limits
    from ..analysis.evolution import ess_statics
    from ..equilibria import equilibria as equilibria_of
    from ..equilibria.evolution import evolve as evolution_of, symmetric_matrix
    from ..errors import UsageError
    from ..games import Game

    if not isinstance(game, Game) or game.bayesian is not None:
        raise UsageError("evolutionary stability needs a symmetric two-player game in normal form "
                         "without types")
    symmetric_matrix(game)  # refuse an asymmetric game before any work
    with limits.deadline(limits.DEFAULT_TIMEOUT if timeout is None else timeout):
        with limits.stage("finding the symmetric equilibria"):
            found = equilibria_of(game)
        with limits.stage("deciding evolutionary stability"):
            evolution = evolution_of(game, equilibria=found)
        with limits.stage("differentiating the ESS"):
            statics = ess_statics(evolution)
    return EvolveReport(evolution=evolution, statics=statics)
