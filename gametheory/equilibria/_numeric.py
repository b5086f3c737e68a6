"""Numeric games in plain Python rationals: the payoff tables that the fast paths index.

Conventions
-----------
* A game whose payoffs are all rational numbers has a *table*: one dict per player mapping each
  pure profile (a tuple of strategy indices) to the payoff as an ``int`` or a
  :class:`fractions.Fraction`. Indexing it costs a dict look-up, where indexing the sympy payoff
  array parses the index and sympifies the entry; the values are the same numbers, exactly.
* Probabilities of a profile are turned into Fractions the same way (:func:`probabilities`), and
  results go back to sympy with :func:`to_sympy`, so callers report the same exact values.
* Tables are remembered for the games they were built for while those games are alive
  (looked up by identity).
"""

from __future__ import annotations

import itertools
import weakref
from fractions import Fraction

__all__ = ["table", "probabilities", "expected", "deviations", "regret", "to_sympy", "from_sympy"]

_TABLES: dict[int, tuple] = {}


def from_sympy(v):
    """An exact sympy (or Python) rational as an ``int`` or a Fraction; ``None`` if it is not one."""
    if isinstance(v, int) and not isinstance(v, bool):
        return v
    if isinstance(v, Fraction):
        return v.numerator if v.denominator == 1 else v
    if getattr(v, "is_Rational", False):
        p, q = int(v.p), int(v.q)
        return p if q == 1 else Fraction(p, q)
    return None


def to_sympy(v):
    """An ``int`` or Fraction as a sympy Integer or Rational."""
    import sympy

    if isinstance(v, Fraction):
        return sympy.Rational(v.numerator, v.denominator)
    return sympy.Integer(v)


def _build(game):
    shape = tuple(game.shape)
    profiles = list(itertools.product(*(range(n) for n in shape)))
    out = []
    for arr in game.payoffs:
        values = [from_sympy(v) for v in arr._array]  # noqa: SLF001 - flat storage, row-major
        if any(v is None for v in values):
            return None
        out.append(dict(zip(profiles, values)))
    return tuple(out)


def table(game):
    """Per player, ``{profile: payoff}`` in ints and Fractions; ``None`` if some payoff is not a
    rational number (a symbolic or irrational game)."""
    key = id(game)
    hit = _TABLES.get(key)
    if hit is not None and hit[0]() is game:
        return hit[1]
    built = _build(game)
    try:
        ref = weakref.ref(game, lambda _, key=key: _TABLES.pop(key, None))
    except TypeError:  # not weak-referenceable: do not remember it
        return built
    _TABLES[key] = (ref, built)
    return built


def probabilities(profile):
    """The profile's probabilities as ints and Fractions; ``None`` if one is not a rational."""
    rows = []
    for row in profile.probabilities:
        values = [from_sympy(p) for p in row]
        if any(v is None for v in values):
            return None
        rows.append(values)
    return rows


def _supports(probs, skip=None):
    return [[(k, p) for k, p in enumerate(row) if p] if i != skip else None for i, row in enumerate(probs)]


def expected(tab, probs, player: int):
    """Player ``player``'s expected payoff under the mixed profile ``probs``."""
    total = 0
    for combo in itertools.product(*_supports(probs)):
        weight = 1
        for _, p in combo:
            weight *= p
        total += weight * tab[player][tuple(k for k, _ in combo)]
    return total


def deviations(tab, probs, player: int, n_strategies: int):
    """What each pure strategy of ``player`` earns against the others' mixes in ``probs``."""
    supports = _supports(probs, skip=player)
    others = [s if s is not None else [(None, 1)] for s in supports]
    pays = [0] * n_strategies
    arr = tab[player]
    for combo in itertools.product(*others):
        weight = 1
        for _, p in combo:
            weight *= p
        base = [k for k, _ in combo]
        for s in range(n_strategies):
            base[player] = s
            pays[s] += weight * arr[tuple(base)]
    return pays


def regret(tab, probs, shape) -> Fraction | int:
    """The largest gain of a unilateral pure deviation from ``probs``, exactly."""
    worst = None
    for i, n in enumerate(shape):
        pays = deviations(tab, probs, i, n)
        value = sum(p * u for p, u in zip(probs[i], pays))
        gain = max(pays) - value
        worst = gain if worst is None else max(worst, gain)
    return worst
