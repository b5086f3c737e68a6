"""The report of ``gametheory classify``: :class:`ClassifyReport`.

Conventions
-----------
* ``classification`` is the analysis value
  (:class:`gametheory.analysis.classify.Classification`); its fields (``name``, ``label``,
  ``conditions``, ``topology``, ``regions``, ``ordinal``, ``ties``, ``explanation``) read
  through the report too: ``gametheory.classify(game).name``.
* ``game`` is the game classified, in normal form (a Bayesian game's Harsanyi normal form,
  whose ``bayesian`` field is the original); the text reports name its title.
* The report protocol (:mod:`gametheory.report.protocol`): ``to_dict()`` is the
  ``gametheory.classify/1`` document of CLI.md; ``text()`` and ``markdown()`` the outputs of
  ``--format text|markdown``; ``latex()`` the classification as a LaTeX paragraph (the
  sentence of the ``solve`` report's LaTeX).
"""

from __future__ import annotations

from dataclasses import dataclass

from .protocol import Report

__all__ = ["ClassifyReport"]

#: The report's own fields; any other attribute is read from the analysis value.
_OWN = frozenset({"game", "classification"})


@dataclass(frozen=True)
class ClassifyReport(Report):
    """The named type of a game, or the regions of each type (module docstring)."""

    game: object
    classification: object

    def __getattr__(self, name: str):
        if name.startswith("_") or name in _OWN:
            raise AttributeError(name)
        return getattr(self.classification, name)

    def to_dict(self) -> dict:
        """The ``gametheory.classify/1`` JSON document (CLI.md), as Python data."""
        from ..export.report import classify_dict

        return classify_dict(self.classification)

    def text(self) -> str:
        from ..export.report import classify_text

        return classify_text(self.classification, self.game)

    def markdown(self) -> str:
        from ..export.report import classify_markdown

        return classify_markdown(self.classification, self.game)

    def latex(self) -> str:
        from ..export.latex import classify_latex

        return classify_latex(self.classification, self.game)
