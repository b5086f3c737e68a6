"""The report of ``gametheory solve``: :class:`SolveReport`.

Conventions
-----------
* ``game`` is the normal form that was solved: the Harsanyi normal form of a Bayesian game,
  whose ``bayesian`` field is the original. ``pareto[k]`` and the selection's entries belong to
  ``equilibria[k]``, in the solver's order.
* The report protocol (:mod:`gametheory.report.protocol`): ``to_dict()`` is the
  ``gametheory.solve/1`` document of CLI.md; ``text()``, ``markdown()`` and ``latex()`` are the
  outputs of ``--format text|markdown|latex``, rendered by :mod:`gametheory.export.report` and
  :func:`gametheory.export.latex.solve_latex`.
"""

from __future__ import annotations

from dataclasses import dataclass

from .protocol import Report

__all__ = ["SolveReport"]


@dataclass(frozen=True)
class SolveReport(Report):
    """Everything ``gametheory solve`` reports, as data (module docstring).

    The fields after ``classification`` apply to some kinds of game only
    (:func:`gametheory.analysis.kinds.kind_analyses`): ``by_prior``, ``thresholds`` and
    ``uncertainty`` to Bayesian games, ``counts`` to N-person games given by counts,
    ``count_table`` to those and to symmetric games of three or more players with two strategies
    (shown first; the profile-by-profile panels then only with ``full_table``),
    ``alliance_risks`` to the others. ``census`` counts the equilibria region by region of the
    parameter space (computed from ``equilibria`` when not given).
    """

    game: object
    dominance: object
    equilibria: object
    pareto: tuple
    selection: object
    dilemma: object
    classification: object
    by_prior: object = None
    thresholds: tuple = ()
    uncertainty: object = None
    alliance_risks: object = None
    counts: object = None
    count_table: object = None
    full_table: bool = False
    census: object = None

    def __post_init__(self):
        # how many equilibria there are region by region (``gametheory.analysis.census``): the
        # listed ones are each an equilibrium under its own conditions, not all at once
        if self.census is None:
            from ..analysis.census import census

            object.__setattr__(self, "census", census(self.equilibria, self.game.assumptions))

    def to_dict(self) -> dict:
        """The ``gametheory.solve/1`` JSON document (CLI.md), as Python data."""
        from ..export.report import solve_dict

        return solve_dict(self)

    def text(self) -> str:
        from ..export.report import solve_text

        return solve_text(self)

    def markdown(self) -> str:
        from ..export.report import solve_markdown

        return solve_markdown(self)

    def latex(self) -> str:
        from ..export.latex import solve_latex

        return solve_latex(self)
