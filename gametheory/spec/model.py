"""What the spec loader produces: a validated, exact description of a spec file.

The loader (:mod:`gametheory.spec.loader`) turns YAML/JSON text into a :class:`Spec`; every
expression in it is already a sympy object built by the safe expression language
(:mod:`gametheory.expr`), every name is checked, every profile is present exactly once. The
game layer (:func:`gametheory.games.from_spec`) builds the immutable ``Game`` or
``BayesianGame`` from it. Nothing here computes; these are plain values.

Conventions
-----------
* Players are numbered ``0 .. n-1`` in the order of the spec's ``players``; strategies of
  player ``i`` in the order of its list. A *profile* is a tuple of strategy indices, one per
  player, in player order.
* Parameter symbols are ``sympy.Symbol(name, real=True)`` (see :func:`gametheory.expr.symbol`).
* Positions are 1-based lines and columns, as editors show them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sympy


@dataclass(frozen=True)
class Location:
    """Where a YAML node stands: file, 1-based line and column, and its key path."""

    file: str
    line: int
    column: int
    path: str = ""


@dataclass(frozen=True)
class ParameterSpec:
    """A declared parameter: its default value (an expression, or ``None``) and description."""

    name: str
    default: sympy.Expr | None = None
    description: str = ""
    location: Location | None = field(default=None, compare=False)


@dataclass(frozen=True)
class AssumptionSpec:
    """One (in)equality over parameters; a chained comparison gives one per link.

    ``reason`` is empty for an assumption the spec states, and says why the loader added one that
    the spec implies (``"a prior is a probability"``, ``"so that a^b is real"``).
    """

    relation: sympy.Basic
    text: str = ""
    location: Location | None = field(default=None, compare=False)
    reason: str = field(default="", compare=False)


@dataclass(frozen=True)
class CountSpec:
    """A symmetric N-person game given ``by_count``.

    ``count`` is the number of players: an int, or the parameter symbol ``N`` when the spec
    writes ``count: N``. ``payoffs[k]`` is the payoff of a player choosing strategy ``k`` as an
    expression in the symbols ``count_symbols[j]`` (``n_<Strategy j>``: how many *other* players
    choose strategy j) and ``N`` (the symbol named ``N``, the number of players).
    """

    count: int | sympy.Symbol
    name: str
    payoffs: tuple[sympy.Expr, ...]
    count_symbols: tuple[sympy.Symbol, ...]
    n_symbol: sympy.Symbol


@dataclass(frozen=True)
class Spec:
    """A validated spec.

    ``payoffs`` maps a *type profile* to a payoff table. Without ``types`` the only type
    profile is ``()``. With types, a type profile is a tuple with one type index per player
    that has types, in player order. A payoff table is a tuple of ``(profile, payoffs)`` pairs,
    one for every profile of the players' strategies, in lexicographic order of profiles, with
    ``payoffs`` a tuple of one exact expression per player. For a ``by_count`` game with a
    numeric count the loader leaves ``payoffs`` empty and fills ``count``; the game layer
    expands it.
    """

    file: str
    title: str
    players: tuple[str, ...]
    strategies: tuple[tuple[str, ...], ...]
    payoffs: tuple[tuple[tuple[int, ...], tuple[tuple[tuple[int, ...], tuple[sympy.Expr, ...]], ...]], ...] = ()
    parameters: tuple[ParameterSpec, ...] = ()
    definitions: tuple[tuple[str, sympy.Expr], ...] = ()
    assumptions: tuple[AssumptionSpec, ...] = ()
    types: tuple[tuple[tuple[str, sympy.Expr], ...], ...] = ()
    description: str = ""
    source: tuple[str, ...] = ()
    notes: str = ""
    symmetric: bool = False
    ordinal: bool = False
    count: CountSpec | None = None
    version: int = 1
    text: str = field(default="", compare=False, repr=False)
    #: ``"normal"`` for a finite normal-form spec (with ``types``: Bayesian), else the kind's
    #: module name in :data:`gametheory.spec.loader.KINDS` (``"tree"``, ...), whose reader gave
    #: ``body``.
    kind: str = "normal"
    body: object = None
    #: Optional sections of a normal-form spec (:data:`gametheory.spec.loader.SECTIONS`), as
    #: ``(key, value)`` pairs.
    sections: tuple[tuple[str, object], ...] = ()

    def section(self, key: str, default=None):
        """The value of an optional section, or ``default``."""
        return dict(self.sections).get(key, default)
