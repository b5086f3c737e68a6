"""Report values of continuous games and bargaining problems (the shared report protocol).

``solve_kind(game)`` picks the analyses for a :class:`~gametheory.games.continuous.ContinuousGame`
or a :class:`~gametheory.games.bargaining.BargainingGame`; the values it returns have
``to_dict()`` (exactly the JSON of ``gametheory solve --format json``: ``gametheory.continuous/1``
or ``gametheory.bargaining/1``), ``text()``, ``markdown()``, ``latex()`` and notebook display.
"""

from __future__ import annotations

from dataclasses import dataclass

from .protocol import Report

__all__ = ["ContinuousReport", "BargainingReport", "KindStaticsReport", "solve_kind", "statics_kind", "KINDS"]

#: The game kinds this module reports on.
KINDS = ("continuous", "bargaining")


class _Protocol(Report):
    """The shared report protocol (:mod:`gametheory.report.protocol`), with the older names."""

    def to_text(self) -> str:
        return self.text()

    def to_markdown(self) -> str:
        return self.markdown()

    def to_latex(self) -> str:
        return self.latex()



@dataclass(frozen=True)
class ContinuousReport(_Protocol):
    """What ``gametheory solve`` reports for a continuous game: the KKT result and its analysis."""

    result: object
    analysis: object

    @property
    def game(self):
        return self.result.game

    def to_dict(self) -> dict:
        from ..export.continuous import continuous_dict

        return continuous_dict(self)

    def text(self) -> str:
        from ..export.continuous import continuous_text

        return continuous_text(self)

    def markdown(self) -> str:
        from ..export.continuous import continuous_markdown

        return continuous_markdown(self)

    def latex(self, standalone: bool = False) -> str:
        from ..export.continuous import continuous_latex

        return continuous_latex(self, standalone=standalone)


@dataclass(frozen=True)
class BargainingReport(_Protocol):
    """What ``gametheory solve`` reports for a bargaining problem (:mod:`gametheory.analysis.bargaining`)."""

    result: object

    @property
    def game(self):
        return self.result.game

    def to_dict(self) -> dict:
        from ..export.bargaining import bargaining_dict

        return bargaining_dict(self.result)

    def text(self) -> str:
        from ..export.bargaining import bargaining_text

        return bargaining_text(self.result)

    def markdown(self) -> str:
        from ..export.bargaining import bargaining_markdown

        return bargaining_markdown(self.result)

    def latex(self, standalone: bool = False) -> str:
        from ..export.bargaining import bargaining_latex

        return bargaining_latex(self.result, standalone=standalone)


def solve_kind(game, *, timeout: float | None = None):
    """The report of a continuous game or a bargaining problem."""
    from .. import limits

    with limits.deadline(limits.DEFAULT_TIMEOUT if timeout is None else timeout):
        if game.kind == "bargaining":
            from ..analysis.bargaining import analyse as analyse_bargaining

            return BargainingReport(analyse_bargaining(game))
        from ..analysis.continuous import analyse
        from ..equilibria.kkt import equilibria

        result = equilibria(game)
        return ContinuousReport(result, analyse(result))


@dataclass(frozen=True)
class KindStaticsReport(_Protocol):
    """``gametheory statics`` of a continuous game or a bargaining problem."""

    result: object

    @property
    def game(self):
        return self.result.game

    def to_dict(self) -> dict:
        from ..export.continuous import kind_statics_dict

        return kind_statics_dict(self.result)

    def text(self) -> str:
        from ..export.continuous import kind_statics_text

        return kind_statics_text(self.result)

    def markdown(self) -> str:
        from ..export.continuous import kind_statics_markdown

        return kind_statics_markdown(self.result)

    def latex(self) -> str:
        from ..export.continuous import kind_statics_latex

        return kind_statics_latex(self.result)


def statics_kind(game, *, wrt=None, timeout: float | None = None) -> KindStaticsReport:
    """Comparative statics of a continuous game's equilibria or a bargaining problem's answers."""
    from .. import limits

    with limits.deadline(limits.DEFAULT_TIMEOUT if timeout is None else timeout):
        if game.kind == "bargaining":
            from ..analysis.bargaining import bargaining_statics

            return KindStaticsReport(bargaining_statics(game, wrt=wrt))
        from ..analysis.continuous import continuous_statics

        return KindStaticsReport(continuous_statics(game, wrt=wrt))


def plot_kind(game, parameter=None, *, lo=None, hi=None, points: int = 201, output=None, stem: str = "game",
              timeout: float | None = None) -> str:
    """``gametheory plot --param`` for a continuous game or a bargaining problem: draw each answer
    against one parameter, region boundaries marked; return the file written."""
    from .. import limits
    from ..analysis.kind_plots import kind_plot_data
    from ..export.continuous import save_kind_plot

    with limits.deadline(limits.DEFAULT_TIMEOUT if timeout is None else timeout):
        data = kind_plot_data(game, parameter, lo=lo, hi=hi, points=points)
    output = output or f"{stem}-{data.parameter}.png"
    save_kind_plot(data, output)
    return output
