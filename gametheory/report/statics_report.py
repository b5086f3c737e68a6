"""The report of ``gametheory statics``: :class:`StaticsReport`.

Conventions
-----------
* ``result`` is the analysis value (:class:`gametheory.analysis.statics.StaticsResult`); its
  fields and methods (``game``, ``parameters``, ``equilibria``, ``quantities``,
  ``derivatives``, ``boundaries``, ``notes``, ``of(quantity, parameter, equilibrium)``) read
  through the report too: ``gametheory.statics(game).of("Row:Hawk", "C")``.
* The report protocol (:mod:`gametheory.report.protocol`): ``to_dict()`` is the
  ``gametheory.statics/1`` document of CLI.md; ``text()``, ``markdown()`` and ``latex()`` the
  outputs of ``--format text|markdown|latex``, rendered by :mod:`gametheory.export.statics`.
"""

from __future__ import annotations

from dataclasses import dataclass

from .protocol import Report

__all__ = ["StaticsReport"]

#: The report's own fields; any other attribute is read from the analysis value.
_OWN = frozenset({"result"})


@dataclass(frozen=True)
class StaticsReport(Report):
    """How each equilibrium quantity moves with each parameter (module docstring)."""

    result: object

    def __getattr__(self, name: str):
        if name.startswith("_") or name in _OWN:
            raise AttributeError(name)
        return getattr(self.result, name)

    def to_dict(self) -> dict:
        """The ``gametheory.statics/1`` JSON document (CLI.md), as Python data."""
        from ..export.statics import statics_dict

        return statics_dict(self.result)

    def text(self) -> str:
        from ..export.statics import statics_text

        return statics_text(self.result)

    def markdown(self) -> str:
        from ..export.statics import statics_markdown

        return statics_markdown(self.result)

    def latex(self) -> str:
        from ..export.statics import statics_latex

        return statics_latex(self.result)
