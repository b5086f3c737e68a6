"""``--verify N``: a report's symbolic answer checked against the numeric engine at random points
that satisfy the assumptions (:mod:`gametheory.analysis.verify`).

:func:`verify` takes the report value of ``solve``, ``classify`` or ``statics`` and returns a
:class:`VerificationReport`, which renders with the shared report protocol (its ``to_dict()`` is
the ``verification`` block the command line adds to JSON output).
"""

from __future__ import annotations

from dataclasses import dataclass

from .protocol import Report

__all__ = ["VerificationReport", "verify"]


@dataclass(frozen=True)
class VerificationReport(Report):
    """The outcome of :func:`verify`; ``verification`` is the analysis value
    (:class:`gametheory.analysis.verify.Verification`)."""

    verification: object

    @property
    def agrees(self) -> bool:
        return self.verification.agrees

    def to_dict(self) -> dict:
        from ..export.verify import verification_dict

        return verification_dict(self.verification)

    def text(self) -> str:
        from ..export.verify import verification_text

        return verification_text(self.verification)

    def markdown(self) -> str:
        from ..export.verify import verification_markdown

        return verification_markdown(self.verification)

    def latex(self) -> str:
        from ..export.verify import verification_latex

        return verification_latex(self.verification)


def verify(report, points: int = 50, *, seed: int = 0) -> VerificationReport:
    """Check the symbolic answer of ``report`` (what :func:`gametheory.solve`,
    :func:`gametheory.classify` or :func:`gametheory.statics` returned) at ``points`` random
    rational points satisfying the game's assumptions, against the numeric engine run on the game
    with each point put in.

    Raises
    ------
    UsageError
        For a report of another kind.
    AnalysisError
        When no point satisfying the assumptions is found.
    """
    from ..analysis.verify import verify as check
    from ..errors import UsageError
    from .classify_report import ClassifyReport
    from .solve_report import SolveReport
    from .statics_report import StaticsReport
    from .tree_statics import TreeStaticsReport

    if isinstance(report, SolveReport):
        result = check(report.game, points=points, seed=seed, equilibria=report.equilibria, pareto=report.pareto,
                       dilemma=report.dilemma, classification=report.classification)
    elif isinstance(report, ClassifyReport):
        result = check(report.game, points=points, seed=seed, classification=report.classification)
    elif isinstance(report, StaticsReport):
        result = check(report.result.game, points=points, seed=seed, statics=report.result)
    elif isinstance(report, TreeStaticsReport):  # TREES.md: against the numeric subgame-perfect equilibria
        from ..analysis.tree_verify import verify_tree_statics

        result = verify_tree_statics(report.result, points, seed=seed)
    else:
        raise UsageError(f"verification applies to the reports of solve, classify and statics on games in "
                         f"normal form, got {type(report).__name__}")
    return VerificationReport(result)
