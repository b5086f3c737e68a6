"""Continuous games: each player chooses real numbers in intervals (CONTINUOUS.md).

Conventions
-----------
* ``choices[i]`` are player ``i``'s choice variables (:class:`~gametheory.spec.continuous.Choice`:
  name, lower and upper bound, ``None`` for an open end); their symbols are plain real symbols
  (:func:`gametheory.expr.symbol`), like parameters.
* ``payoffs[i]`` is player ``i``'s payoff, an exact expression in the parameters and every
  choice variable.
* A symmetric game by count (``count`` not ``None``) has one representative player
  (``players[0]``, the spec's ``name``) with one choice ``x``; its payoff may use ``X`` (the sum
  of every player's choice) and ``X_others`` (the others'), :data:`TOTAL` and :data:`OTHERS`.
  ``count`` is an int or the parameter symbol ``N``.
* The value is immutable: :meth:`ContinuousGame.subs` returns a new game.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Mapping

import sympy

from ..errors import UsageError
from ..expr import symbol
from ..spec.continuous import OTHERS, TOTAL, Choice
from ._params import Parametrised, _subs_definitions, _substitution
from .normal import Parameter

__all__ = ["ContinuousGame", "Choice", "from_spec", "TOTAL", "OTHERS"]


@dataclass(frozen=True)
class ContinuousGame(Parametrised):
    """A game with continuous choices: players, their choices and intervals, payoffs."""

    title: str
    players: tuple[str, ...]
    choices: tuple[tuple[Choice, ...], ...]
    payoffs: tuple[sympy.Expr, ...]
    parameters: tuple[Parameter, ...] = ()
    definitions: tuple[tuple[str, sympy.Expr], ...] = ()
    assumptions: tuple = ()
    count: int | sympy.Symbol | None = None
    description: str = ""
    source: tuple[str, ...] = ()
    notes: str = ""
    file: str = ""
    assigned: tuple[str, ...] = ()

    kind = "continuous"

    # -- structure ----------------------------------------------------------------------------
    @property
    def n_players(self) -> int:
        return len(self.players)

    @property
    def variables(self) -> tuple[sympy.Symbol, ...]:
        """Every choice variable's symbol, player by player."""
        return tuple(c.symbol for cs in self.choices for c in cs)

    def owner(self, variable: sympy.Symbol) -> int:
        for i, cs in enumerate(self.choices):
            if any(c.symbol == variable for c in cs):
                return i
        raise KeyError(variable)

    def choice(self, variable: sympy.Symbol) -> Choice:
        for cs in self.choices:
            for c in cs:
                if c.symbol == variable:
                    return c
        raise KeyError(variable)

    @property
    def by_count(self) -> bool:
        return self.count is not None

    # -- parameters ----------------------------------------------------------------------------
    @property
    def free_symbols(self) -> frozenset:
        """The parameter symbols that remain (choice variables and sums excluded)."""
        out = set()
        for e in self.payoffs:
            out |= e.free_symbols
        for cs in self.choices:
            for c in cs:
                for b in (c.lower, c.upper):
                    if b is not None:
                        out |= b.free_symbols
        if isinstance(self.count, sympy.Symbol):
            out.add(self.count)
        return frozenset(out - set(self.variables) - {symbol(TOTAL), symbol(OTHERS)})




    def subs(self, values: Mapping[str, object]) -> "ContinuousGame":
        """A new game with the named parameters replaced by the given values."""
        mapping, parameters, assumptions, assigned = _substitution(self, values)
        count = self.count
        if isinstance(count, sympy.Symbol) and count in mapping:
            value = mapping[count]
            if not (value.is_Integer and value >= 2):
                raise UsageError(f"the number of players {count} must be an integer of at least 2, got {value}")
            count = int(value)

        def bound(b):
            return None if b is None else b.xreplace(mapping)

        choices = tuple(tuple(replace(c, lower=bound(c.lower), upper=bound(c.upper)) for c in cs)
                        for cs in self.choices)
        return replace(self, choices=choices, payoffs=tuple(e.xreplace(mapping) for e in self.payoffs),
                       parameters=parameters, assumptions=assumptions, assigned=assigned, count=count,
                       definitions=_subs_definitions(self.definitions, mapping))


    def describe(self) -> str:
        """One line: players, choices, parameters (for ``gametheory check``)."""
        if self.by_count:
            shape = f"{self.count} symmetric players ({self.players[0]}), continuous choice"
        else:
            shape = f"{len(self.players)} players, continuous choices"
        symbols = sorted(str(s) for s in self.free_symbols)
        return f"{shape}, " + (f"symbolic in {', '.join(symbols)}" if symbols else "numeric")


def from_spec(spec) -> ContinuousGame:
    body = spec.body
    return ContinuousGame(
        title=spec.title,
        players=tuple(spec.players),
        choices=body.choices,
        payoffs=body.payoffs,
        parameters=tuple(Parameter(p.name, p.default, p.description) for p in spec.parameters),
        definitions=tuple(spec.definitions),
        assumptions=tuple(a.relation for a in spec.assumptions),
        count=body.count,
        description=spec.description,
        source=tuple(spec.source),
        notes=spec.notes,
        file=spec.file,
    )
