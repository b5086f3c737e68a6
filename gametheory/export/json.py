"""Machine-readable output: the JSON documents of CLI.md (``gametheory.solve/1``, ...).

Every expression is written as a string that sympy can parse, exact, never a float
(:func:`gametheory.conditions.to_str`). Keys keep a fixed order so that output is
byte-identical from run to run.
"""

from __future__ import annotations

import json

import sympy

from .. import conditions
from ..games import BayesianGame, Game, Profile

SOLVE_SCHEMA = "gametheory.solve/1"
CLASSIFY_SCHEMA = "gametheory.classify/1"


def expr_str(value) -> str:
    """An exact expression (or relation) as a sympy-parseable string."""
    return conditions.to_str(sympy.sympify(value))


def conditions_list(conds) -> list[str]:
    return [expr_str(conditions.canonical(c)) if isinstance(c, sympy.core.relational.Relational) else expr_str(c)
            for c in conds]


def game_dict(game) -> dict:
    """The ``game`` block: title, players, strategies, parameters, assumptions (+ types)."""
    if isinstance(game, Game) and game.bayesian is not None:
        game = game.bayesian
    if isinstance(game, BayesianGame):
        strategies = {p: list(a) for p, a in zip(game.players, game.actions)}
    else:
        strategies = {p: list(s) for p, s in zip(game.players, game.strategies)}
    out = {
        "title": game.title,
        "players": list(game.players),
        "strategies": strategies,
        "parameters": {p.name: (expr_str(p.default) if p.default is not None else None) for p in game.parameters},
        "assumptions": conditions_list(game.assumptions),
    }
    from .assumptions import implied_list

    implied = implied_list(game, lambda rel: conditions_list([rel])[0])
    if implied:
        out["implied_assumptions"] = implied
    if isinstance(game, BayesianGame):
        out["types"] = {
            game.players[i]: {name: expr_str(prior) for name, prior in game.types[i]} for i in game.typed_players
        }
    return out


def instance(game) -> str:
    """``"numeric"`` when every payoff (and prior) is a number, else ``"symbolic"``."""
    return "numeric" if game.is_numeric else "symbolic"


def distribution(names, probabilities) -> dict:
    return {name: expr_str(p) for name, p in zip(names, probabilities)}


def profile_dict(game: Game, profile: Profile) -> dict:
    """Each player's distribution; for a player with types, one distribution per type."""
    out = {}
    bayes = game.bayesian
    for i, player in enumerate(game.players):
        probs = profile.probabilities[i]
        if bayes is not None and bayes.types[i]:
            behaviour = bayes.behaviour(i, probs)
            out[player] = {type_name: distribution(bayes.actions[i], behaviour[t])
                           for t, (type_name, _) in enumerate(bayes.types[i])}
        elif bayes is not None:
            out[player] = distribution(bayes.actions[i], probs)
        else:
            out[player] = distribution(game.strategies[i], probs)
    return out


def equilibrium_dict(game: Game, eq, extra: dict) -> dict:
    out = {
        "type": eq.kind,
        "profile": profile_dict(game, eq.profile),
        "payoffs": {player: expr_str(v) for player, v in zip(game.players, eq.payoffs)},
        "conditions": conditions_list(eq.conditions),
        "component": eq.component,
    }
    approximation = _approximation(game, eq.profile)
    if approximation is not None:
        out["approximation"] = approximation
    out.update(extra)
    return out


def _approximation(game, profile):
    """Decimal values (15 significant digits, as strings) beside the exact probabilities, where
    some of them are irrational numbers (a square root, a ``CRootOf``); ``None`` otherwise."""
    values = [p for row in profile.probabilities for p in row]
    if all(sympy.sympify(p).is_Rational or sympy.sympify(p).free_symbols for p in values):
        return None
    if any(sympy.sympify(p).free_symbols for p in values):
        return None
    if isinstance(game, Game) and game.bayesian is not None:
        return None
    return {player: {name: str(sympy.N(p, 15)) for name, p in zip(names, row)}
            for player, names, row in zip(game.players, game.strategies, profile.probabilities)}


def dumps(document: dict) -> str:
    """The JSON text of a document, deterministic, with a final newline."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
