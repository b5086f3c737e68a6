"""Read the ``choices:`` kind of spec: continuous games (CONTINUOUS.md).

Conventions
-----------
* ``choices`` maps each player to a mapping from its choice variables to their intervals
  ``[lower, upper]``; a bound is an expression of the parameters, or ``null`` for none. In a
  symmetric N-player game (``players: {count: N, name: Ally}``) ``choices`` is one such mapping
  for a representative player, whose payoff may use its own variable ``x``, ``X`` (the sum of
  every player's choice) and ``X_others`` (the sum of the others').
* ``payoffs`` maps each player to one expression in the parameters and every choice variable
  (by count: one expression).
* A payoff must be differentiable in the player's own choices inside their intervals: ``abs``,
  ``min`` and ``max`` of an expression that contains them are refused.
* Every problem is reported through the reader (``FILE:LINE:COLUMN: message``).
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy

from ..expr import is_name, symbol
from ._yaml import Scalar
from .loader import _Invalid

KEYS = ("choices", "payoffs")
#: The reader accepts ``players: {count: N, name: Ally}`` for this kind.
BY_COUNT = True

#: The names a by-count payoff may use besides its own variable and the parameters.
TOTAL, OTHERS = "X", "X_others"


@dataclass(frozen=True)
class Choice:
    """One choice variable: its name, symbol and interval (``None`` for an open end)."""

    name: str
    lower: sympy.Expr | None
    upper: sympy.Expr | None

    @property
    def symbol(self) -> sympy.Symbol:
        return symbol(self.name)


@dataclass(frozen=True)
class ContinuousBody:
    """What a ``choices:`` spec says: per player its choices and its payoff.

    ``count`` is ``None`` for a game with named players, else the number of players (an int or
    the parameter symbol) of a symmetric game written for one representative player.
    """

    choices: tuple[tuple[Choice, ...], ...]
    payoffs: tuple[sympy.Expr, ...]
    count: int | sympy.Symbol | None = None


def _bound(reader, node, path, what):
    if isinstance(node, Scalar) and node.tag == "null":
        return None
    return reader.expression(node, path, reader.names, what,
                             hint="a bound may use the parameters only")


def _interval(reader, node, path, name):
    items = reader.sequence(node, path, f"the interval of choice '{name}'")
    if len(items) != 2:
        reader.problem(node, f"the interval of choice '{name}' must be [lower, upper] (two bounds; null for none), "
                       f"found {len(items)} item{'s' if len(items) != 1 else ''}", path)
        raise _Invalid
    lower = _bound(reader, items[0], f"{path}[0]", f"the lower bound of '{name}'")
    upper = _bound(reader, items[1], f"{path}[1]", f"the upper bound of '{name}'")
    if lower is not None and upper is not None:
        defaults = {symbol(n): v for n, v in getattr(reader, "defaults", {}).items() if v is not None}
        gap = sympy.simplify((lower - upper).xreplace(defaults))
        if gap.is_number and gap.is_positive:
            at = "" if (lower - upper).is_number else " at the parameters' default values"
            reader.problem(node, f"the interval of choice '{name}' is empty: its lower bound {lower} is above "
                           f"its upper bound {upper}{at}; write [lower, upper]", path)
            raise _Invalid
    return Choice(name, lower, upper)


def _choices_of(reader, node, path, taken):
    entries = reader.mapping(node, path, f"the choices at {path}")
    if not entries:
        reader.problem(node, f"no choice variable at {path}; expected {{x: [lower, upper]}}", path)
        raise _Invalid
    out = []
    for name, (key, value) in entries.items():
        sub = f"{path}.{name}"
        name = reader.symbol_name(key, sub, "choice variable")
        if name in reader.names or name in (TOTAL, OTHERS):
            reader.problem(key, f"the choice variable '{name}' has the name of a parameter or definition"
                           f"{' or of a sum' if name in (TOTAL, OTHERS) else ''}; choose another name", sub)
            raise _Invalid
        if name in taken:
            reader.problem(key, f"the choice variable '{name}' is used twice; every choice needs its own name", sub)
            raise _Invalid
        taken.add(name)
        out.append(_interval(reader, value, sub, name))
    return tuple(out)


def _not_differentiable(expr, own):
    for node in sympy.preorder_traversal(expr):
        if isinstance(node, (sympy.Abs, sympy.Min, sympy.Max)) and node.free_symbols & own:
            return node
    return None


def _payoff(reader, node, path, names, own, player):
    value = reader.expression(node, path, names, f"the payoff of {player}",
                              hint="a payoff may use the parameters and the choice variables")
    bad = _not_differentiable(value, own)
    if bad is not None:
        owned = ", ".join(sorted(str(s) for s in own))
        reader.problem(node, f"the payoff of {player} is not differentiable in its own choice {owned} "
                       f"({bad.func.__name__.lower()} of it); write it without abs, min or max of the choice", path)
        raise _Invalid
    if not value.free_symbols & own:
        reader.problem(node, f"the payoff of {player} does not depend on its own choice "
                       f"{', '.join(sorted(str(s) for s in own))}; every player's payoff must", path)
        raise _Invalid
    return value


def read(reader, top):
    """The body of a continuous game, or ``None`` after reporting a problem."""
    for key in KEYS:
        if key not in top:
            reader.problem(reader.root, f"missing key '{key}'; a continuous game needs choices and payoffs", key)
    if any(key not in top for key in KEYS):
        return None
    count_info = getattr(reader, "count_info", None)
    try:
        if count_info is not None:
            return _read_by_count(reader, top, count_info)
        return _read_named(reader, top)
    except _Invalid:
        return None


def _read_named(reader, top):
    players = list(reader.players)
    node = top["choices"][1]
    entries = reader.mapping(node, "choices", "choices")
    taken: set = set()
    by_player = {}
    ok = True
    for name, (key, value) in entries.items():
        if name not in players:
            reader.problem(key, f"'{name}' is not a player (players: {', '.join(players)})", f"choices.{name}")
            ok = False
            continue
        try:
            by_player[name] = _choices_of(reader, value, f"choices.{name}", taken)
        except _Invalid:
            ok = False
    for player in players:
        if player not in entries:
            reader.problem(node, f"player '{player}' has no choice; every player needs one, "
                           f"e.g. {player}: {{x: [0, 1]}}", f"choices.{player}")
            ok = False
    if not ok:
        raise _Invalid
    names = dict(reader.names)
    names.update({c.name: c.symbol for cs in by_player.values() for c in cs})
    pnode = top["payoffs"][1]
    pentries = reader.mapping(pnode, "payoffs", "payoffs", players)
    payoffs = []
    for player in players:
        if player not in pentries:
            reader.problem(pnode, f"missing the payoff of player '{player}'", f"payoffs.{player}")
            ok = False
            continue
        own = {c.symbol for c in by_player[player]}
        try:
            payoffs.append(_payoff(reader, pentries[player][1], f"payoffs.{player}", names, own, player))
        except _Invalid:
            ok = False
    if not ok or reader.problems:
        raise _Invalid
    return ContinuousBody(tuple(by_player[p] for p in players), tuple(payoffs))


def _read_by_count(reader, top, info):
    count = info["count"]
    if not isinstance(count, int):
        if count not in reader.parameters:
            reader.problem(info["node"], f"count '{count}' is not a declared parameter; declare it under parameters",
                           "players.count")
            raise _Invalid
        count = symbol(count)
    choices = _choices_of(reader, top["choices"][1], "choices", set())
    if len(choices) != 1:
        reader.problem(top["choices"][1], "a symmetric game by count has one choice variable per player", "choices")
        raise _Invalid
    if not is_name(TOTAL):  # pragma: no cover - constant
        raise _Invalid
    names = dict(reader.names)
    names.update({choices[0].name: choices[0].symbol, TOTAL: symbol(TOTAL), OTHERS: symbol(OTHERS)})
    own = {choices[0].symbol, symbol(TOTAL)}
    payoff = _payoff(reader, top["payoffs"][1], "payoffs", names, own, "a player")
    return ContinuousBody((choices,), (payoff,), count)
