"""The report of ``gametheory statics`` on a game tree: :class:`TreeStaticsReport`, and
:func:`tree_statics` that makes it (TREES.md, "Other commands on trees").

Conventions
-----------
* ``result`` is the analysis value (:class:`gametheory.analysis.tree_statics.TreeStatics`); its
  fields and methods (``tree``, ``parameters``, ``equilibria``, ``notes``,
  ``of(quantity, parameter, equilibrium, family)``) read through the report too.
* The report protocol (:mod:`gametheory.report.protocol`): ``to_dict()`` is the
  ``gametheory.tree-statics/1`` document; ``text()``, ``markdown()`` and ``latex()`` the outputs
  of ``--format text|markdown|latex``, rendered by :mod:`gametheory.export.tree_statics`.
"""

from __future__ import annotations

from dataclasses import dataclass

from .protocol import Report

__all__ = ["TreeStaticsReport", "tree_statics", "tree_plot"]

_OWN = frozenset({"result"})


@dataclass(frozen=True)
class TreeStaticsReport(Report):
    """How each equilibrium quantity of a tree, and each threshold of its conditions, moves with
    each parameter (module docstring)."""

    result: object

    def __getattr__(self, name: str):
        if name.startswith("_") or name in _OWN:
            raise AttributeError(name)
        return getattr(self.result, name)

    def to_dict(self) -> dict:
        """The ``gametheory.tree-statics/1`` JSON document, as Python data."""
        from ..export.tree_statics import tree_statics_dict

        return tree_statics_dict(self.result)

    def text(self) -> str:
        from ..export.tree_statics import tree_statics_text

        return tree_statics_text(self.result)

    def markdown(self) -> str:
        from ..export.tree_statics import tree_statics_markdown

        return tree_statics_markdown(self.result)

    def latex(self) -> str:
        from ..export.tree_statics import tree_statics_latex

        return tree_statics_latex(self.result)


def tree_statics(tree, *, wrt=None, timeout: float | None = None) -> TreeStaticsReport:
    """Comparative statics of the subgame-perfect (and perfect Bayesian) equilibria of ``tree``."""
    from .. import limits
    from ..analysis.tree_statics import tree_statics as statics_of

    with limits.deadline(limits.DEFAULT_TIMEOUT if timeout is None else timeout), \
            limits.stage("comparative statics of a tree"):
        return TreeStaticsReport(statics_of(tree, wrt=wrt))


def tree_plot(tree, parameter=None, *, output, lo=None, hi=None, points: int = 201,
              timeout: float | None = None):
    """``plot --param`` on a tree: the subgame-perfect outcome against one parameter as coloured
    bands, written to ``output`` (PNG, SVG or PDF); returns the plot data
    (:class:`gametheory.analysis.tree_statics.TreePlotData`)."""
    from .. import limits
    from ..analysis.tree_plot import tree_plot_data
    from ..export.plot import check_format
    from ..export.tree_statics import save_tree_plot

    check_format(output)
    with limits.deadline(limits.DEFAULT_TIMEOUT if timeout is None else timeout):
        data = tree_plot_data(tree, parameter, lo=lo, hi=hi, points=points)
    save_tree_plot(data, output)
    return data
