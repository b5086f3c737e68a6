"""Errors of the toolkit: one base class, one subclass per kind of failure.

The command line catches :class:`GameTheoryError` only and exits with its
``exit_code``: 2 for bad input (an invalid spec, bad usage), 1 for an analysis
that could not finish. Any other exception is a bug.
"""

from __future__ import annotations

from dataclasses import dataclass


class GameTheoryError(Exception):
    """Base class of every error the toolkit reports to a user.

    The message names no command and no option (the library is used from Python too). What the
    user could do instead is structured: ``needs`` is one of :data:`NEEDS` (``""``: nothing to
    suggest) and ``names`` the parameters it concerns; the command line turns it into advice with
    its own option names.
    """

    exit_code = 1

    def __init__(self, *args, needs: str = "", names=()):
        if needs and needs not in NEEDS:
            raise ValueError(f"unknown need {needs!r}; expected one of: {', '.join(NEEDS)}")
        self.needs = needs
        self.names = tuple(names)
        super().__init__(*args)


#: What an error may say the user needs: ``values`` (numbers for the parameters ``names``, or for
#: some parameters when ``names`` is empty), ``normal_form`` (the strategic form of a game of
#: another kind, such as a Bayesian game's Harsanyi normal form).
NEEDS = ("values", "normal_form")


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in a spec, located at a YAML node.

    ``line`` and ``column`` are 1-based, as editors show them. ``path`` is the
    key path of the node, for example ``payoffs.matrix[1][0]``.
    """

    file: str
    line: int
    column: int
    message: str
    path: str = ""

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.message}"


class SpecError(GameTheoryError):
    """An invalid spec: every problem found, each with file, line and column."""

    exit_code = 2

    def __init__(self, problems):
        self.problems = tuple(sorted(problems, key=lambda p: (p.line, p.column, p.message)))
        super().__init__("\n".join(str(p) for p in self.problems))


class ExprError(GameTheoryError):
    """An expression that the safe language refuses.

    ``column`` is the 0-based offset in the expression text where the problem
    stands; the spec loader turns it into a file position.
    """

    exit_code = 2

    def __init__(self, message: str, column: int = 0):
        self.message = message
        self.column = column
        super().__init__(message)


class UsageError(GameTheoryError):
    """Bad usage: an unknown parameter in ``--set``, a value that violates an assumption, ..."""

    exit_code = 2


class AnalysisError(GameTheoryError):
    """The analysis could not finish; the message says why and what to try."""

    exit_code = 1


class TimeLimitError(AnalysisError):
    """Symbolic or numeric work exceeded its time limit.

    ``stage`` says what was being done (``"finding the equilibria (support enumeration)"``),
    ``seconds`` is the limit (``None`` when unknown). The message names neither a command nor an
    option: the command line adds what to try.
    """

    def __init__(self, stage: str = "the analysis", seconds: float | None = None):
        self.stage = stage
        self.seconds = seconds
        limit = "time limit" if seconds is None else f"time limit of {seconds:g} s"
        super().__init__(f"{limit} reached while {while_doing(stage)}")


def while_doing(stage: str) -> str:
    """``stage`` as the end of "... reached while ...": a phrase that starts with a verb in -ing
    is kept (``deciding the sign of an expression``), any other gets ``working on``."""
    first = stage.split(" ", 1)[0].rstrip(":,")
    return stage if first.endswith("ing") and first.islower() else f"working on {stage}"


class UnsupportedError(AnalysisError):
    """A case the solvers do not support (yet); the message says what to try."""
