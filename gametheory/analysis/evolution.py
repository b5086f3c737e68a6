"""Comparative statics of evolutionarily stable strategies.

Conventions
-----------
* For every strategy of :class:`~gametheory.equilibria.evolution.Evolution` that is (or may be,
  under conditions) an ESS and mixes, each probability in its support is differentiated by each
  parameter it depends on; the derivative's sign is decided by :mod:`gametheory.conditions` under
  the game's assumptions, the equilibrium's conditions and those of the ESS verdict (``"+"``,
  ``"-"``, ``"0"`` or ``"?"``, as in ``gametheory.statics/1``).
* Hawk-Dove: the share of Hawks ``V/C`` rises with ``V`` (derivative ``1/C``) and falls with
  ``C`` (``-V/C**2``).
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy

from .. import conditions
from ..equilibria.evolution import Evolution

__all__ = ["EssStatic", "ess_statics"]


@dataclass(frozen=True)
class EssStatic:
    """``d(probability of strategy)/d(parameter)`` at ESS number ``index`` (0-based, in the order
    of ``Evolution.strategies``), with its sign and the conditions of the ESS it belongs to."""

    index: int
    strategy: str
    expression: sympy.Expr
    parameter: sympy.Symbol
    derivative: sympy.Expr
    sign: str
    conditions: tuple = ()


def ess_statics(evolution: Evolution) -> tuple[EssStatic, ...]:
    """The comparative statics of every (possibly conditional) mixed ESS of ``evolution``."""
    names = evolution.game.strategies[0]
    out: list[EssStatic] = []
    for k, s in enumerate(evolution.strategies):
        if s.ess.holds is False or len(s.support) < 2:
            continue
        where = tuple(evolution.game.assumptions) + tuple(s.conditions) + tuple(s.ess.conditions)
        for i in s.support:
            p = s.strategy[i]
            for symbol in sorted(p.free_symbols, key=str):
                derivative = sympy.factor(sympy.diff(p, symbol))
                sign = conditions.sign(derivative, where)
                out.append(EssStatic(index=k, strategy=names[i], expression=p, parameter=symbol,
                                     derivative=derivative, sign=sign if sign in ("+", "-", "0") else "?",
                                     conditions=tuple(s.conditions) + tuple(s.ess.conditions)))
    return tuple(out)
