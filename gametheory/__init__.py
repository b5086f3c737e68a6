"""gametheory: exact, symbolic game theory for the study of conflict and cooperation.

Declare a game in a spec file, then query it::

    >>> import gametheory
    >>> game = gametheory.load("prisoners-dilemma")
    >>> [e.profile.pure_indices for e in gametheory.solve(game).equilibria]
    [(1, 1)]

The functions here are the command line's commands, with the same names: :func:`load`,
:func:`solve`, :func:`classify`, :func:`statics`, :func:`latex`. They live in
:mod:`gametheory.report`, the front door, and are imported on first use, so that
``import gametheory`` is cheap. Inside IPython (a notebook), ``import gametheory`` imports the
front door at once, which registers how games and results display.
"""

from __future__ import annotations

__version__ = "0.1.0"

_API = ("load", "solve", "classify", "statics", "latex", "evolve", "repeated")

__all__ = list(_API) + ["__version__"]


def __getattr__(name):
    if name in _API:
        from . import report

        return getattr(report, name)
    raise AttributeError(f"module 'gametheory' has no attribute {name!r}")


def _in_ipython() -> bool:
    import sys

    ipython = sys.modules.get("IPython")
    return ipython is not None and getattr(ipython, "get_ipython", lambda: None)() is not None


if _in_ipython():  # in a notebook: the report layer registers how games and results display
    from . import report  # noqa: E402,F401  (light: the analyses are imported on first use)
