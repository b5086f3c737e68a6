"""The numeric adapter to nashpy: the only module of the toolkit that imports nashpy.

Conventions
-----------
* Games are two ``m x n`` payoff matrices ``A`` (row player) and ``B`` (column
  player) of exact numbers, as in :mod:`gametheory.equilibria.bimatrix`.
* nashpy works in floating point. :func:`raw_equilibria` returns its float
  answers as they are (for benchmarks); :func:`verified_equilibria` turns each
  one into rationals (continued fractions, :meth:`fractions.Fraction.limit_denominator`)
  and keeps it only if its regret is exactly zero. Neither is complete for
  degenerate games; the exact, complete solver is
  :func:`gametheory.equilibria.bimatrix.extreme_equilibria`.

nashpy is imported when a function is called, never at import time.

References
----------
.. [Knight2018] V. Knight and J. Campbell, "Nashpy: A Python library for the
   computation of Nash equilibria", JOSS 3(30) (2018) 904.
"""

from __future__ import annotations

from fractions import Fraction

from ..errors import UsageError
from .bimatrix import _game, regret

__all__ = ["METHODS", "raw_equilibria", "verified_equilibria", "to_nashpy"]

#: nashpy's enumeration methods that this adapter can call.
METHODS = ("vertex_enumeration", "support_enumeration", "lemke_howson_enumeration")


def to_nashpy(game):
    """A numeric two-player :class:`~gametheory.games.Game` as a ``nashpy.Game`` (float arrays),
    for users who want nashpy's other algorithms; our exact solver does not need it."""
    import nashpy

    A, B = game.to_numpy(float) if game.n_players == 2 else (None, None)
    if A is None:
        raise UsageError(f"to_nashpy(): expected a two-player game, got {game.n_players} players")
    return nashpy.Game(A, B)


def _float_game(A, B):
    import numpy as np

    FA, FB = _game(A, B)
    return FA, FB, np.array(FA, dtype=float), np.array(FB, dtype=float)


def raw_equilibria(
    A, B, method: str = "vertex_enumeration"
) -> list[tuple[tuple[float, ...], tuple[float, ...]]]:
    """nashpy's equilibria of ``(A, B)``, as floats, unverified.

    Parameters
    ----------
    A, B : matrix of exact numbers
        Payoffs of the row and the column player.
    method : {"vertex_enumeration", "support_enumeration", "lemke_howson_enumeration"}
        The nashpy ``Game`` method to call (Algorithms 3.5 and 3.4 of
        Nisan et al. 2007, and Lemke-Howson from every starting label).

    Returns
    -------
    list of (tuple of float, tuple of float)
    """
    if method not in METHODS:
        raise UsageError(f"raw_equilibria(): method must be one of {', '.join(METHODS)}, got {method!r}")
    import warnings

    import nashpy

    _, _, fa, fb = _float_game(A, B)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # nashpy warns about degenerate games; we report, not warn
        found = list(getattr(nashpy.Game(fa, fb), method)())
    return [(tuple(float(v) for v in x), tuple(float(v) for v in y)) for x, y in found]


def _rational(vector, max_denominator: int) -> tuple[Fraction, ...] | None:
    values = [Fraction(repr(float(v))).limit_denominator(max_denominator) for v in vector]
    values = [v if v > 0 else Fraction(0) for v in values]
    total = sum(values)
    if total == 0:
        return None
    return tuple(v / total for v in values)


def verified_equilibria(
    A, B, method: str = "vertex_enumeration", max_denominator: int = 10**6
) -> tuple[tuple[tuple[Fraction, ...], tuple[Fraction, ...]], ...]:
    """nashpy's equilibria of ``(A, B)`` made exact, keeping only those with zero regret.

    Each float strategy is rounded to the nearest rational with denominator at
    most ``max_denominator``, clipped at zero and renormalised; the profile is
    kept only if :func:`~gametheory.equilibria.bimatrix.regret` is exactly zero.

    Returns
    -------
    tuple of (row, col)
        Distinct verified equilibria, sorted. Possibly incomplete (nashpy's
        algorithms miss equilibria of degenerate games).
    """
    FA, FB = _game(A, B)
    out = set()
    for x, y in raw_equilibria(FA, FB, method):
        ex, ey = _rational(x, max_denominator), _rational(y, max_denominator)
        if ex is not None and ey is not None and regret(FA, FB, ex, ey) == 0:
            out.add((ex, ey))
    return tuple(sorted(out))
