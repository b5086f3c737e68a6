"""Write a game back as a spec file (YAML or JSON), for ``gametheory convert --to yaml|json``.

Conventions
-----------
* The document follows SPEC-FORMAT.md, version 1, with the keys in the order of its example:
  ``version, title, description, source, notes, players, strategies, parameters, define,
  assumptions, symmetric, types, payoffs | preferences``. Empty optional keys are left out.
* Two players: the ``matrix`` form (single cells when the game is ``symmetric``); more players:
  ``outcomes``; an N-person game written by counts: ``players: {count, name}`` and ``by_count``;
  a Bayesian game: ``types`` and one block per type profile; an ordinal game (from
  ``preferences``) is written back as ``preferences``, best outcome first, ties as lists.
* Expressions are written in the spec's expression language by :func:`gametheory.expr.to_text`
  (exact: ``3/2``, never a float); parameters already given values (``--set``) are written as
  numbers in the payoffs and left out of ``parameters``.
* YAML is written by hand (PyYAML is the loader's alone), deterministically: a string is plain
  when no YAML reader can take it for anything else, and double-quoted (JSON escapes, which YAML
  accepts) otherwise; long prose is folded (``>-``). JSON is ``json.dumps`` with two-space
  indentation and the same document.
"""

from __future__ import annotations

import json
import re
import textwrap

import sympy

from ..expr import to_text
from ..games import BayesianGame, Game

__all__ = ["spec_document", "to_yaml", "to_json"]


# -- the document ------------------------------------------------------------------------------

def _value(expr):
    """An expression for the document: an int when it is an integer, else its text."""
    expr = sympy.sympify(expr)
    if expr.is_Integer:
        return int(expr)
    return to_text(expr)


def _as_game(game_or_spec):
    if isinstance(game_or_spec, (Game, BayesianGame)):
        return game_or_spec
    if getattr(game_or_spec, "kind", "normal") in ("continuous", "bargaining"):  # its spec file is the one to use
        from ..errors import UsageError

        raise UsageError(f"{game_or_spec.title!r} is a {game_or_spec.kind} game; convert writes finite "
                         "normal-form games (show prints a bundled spec's YAML)")
    from ..games import from_spec

    return from_spec(game_or_spec)


def _parameters(game, keep=()) -> dict:
    out: dict = {}
    assigned = set(game.assigned) - set(keep)
    for p in game.parameters:
        if p.name in assigned:
            continue
        value = None if p.default is None else _value(p.default)
        out[p.name] = {"value": value, "description": p.description} if p.description else value
    return out


def _profile_key(names) -> str:
    return ", ".join(names)


def _block(players, strategies, arrays, symmetric: bool) -> dict:
    shape = tuple(len(s) for s in strategies)
    if len(players) == 2:
        if symmetric:
            return {"matrix": [[_value(arrays[0][r, c]) for c in range(shape[1])] for r in range(shape[0])]}
        return {"matrix": [[[_value(arrays[0][r, c]), _value(arrays[1][r, c])] for c in range(shape[1])]
                           for r in range(shape[0])]}
    import itertools

    outcomes = {}
    for profile in itertools.product(*(range(k) for k in shape)):
        key = _profile_key(strategies[i][k] for i, k in enumerate(profile))
        outcomes[key] = [_value(arr[profile]) for arr in arrays]
    return {"outcomes": outcomes}


def _preferences(players, strategies, arrays) -> dict:
    """Rankings best first, equal payoffs as a tie list, from the rank payoffs of an ordinal game."""
    import itertools

    shape = tuple(len(s) for s in strategies)
    profiles = list(itertools.product(*(range(k) for k in shape)))
    out = {}
    for i, player in enumerate(players):
        levels: dict = {}
        for profile in profiles:
            levels.setdefault(arrays[i][profile], []).append(_profile_key(strategies[j][k] for j, k in enumerate(profile)))
        ranking = []
        for level in sorted(levels, key=lambda v: -v):
            group = levels[level]
            ranking.append(group[0] if len(group) == 1 else group)
        out[player] = ranking
    return out


def _common(game) -> dict:
    doc: dict = {"version": 1, "title": game.title}
    if game.description:
        doc["description"] = game.description
    if game.source:
        doc["source"] = game.source[0] if len(game.source) == 1 else list(game.source)
    if game.notes:
        doc["notes"] = game.notes
    return doc


def _strategies(players, strategies):
    if all(s == strategies[0] for s in strategies):
        return list(strategies[0])
    return {p: list(s) for p, s in zip(players, strategies)}


def _tail(doc: dict, game, keep=()) -> None:
    parameters = _parameters(game, keep)
    if parameters:
        doc["parameters"] = parameters
    if game.definitions:
        doc["define"] = {name: _value(expr) for name, expr in game.definitions}
    assumptions = tuple(game.assumptions)
    count = getattr(game, "count", None)
    if count is not None and not isinstance(count.count, int):
        assumptions = tuple(count.n_assumptions) + assumptions
    if assumptions:
        doc["assumptions"] = [to_text(a) for a in assumptions]


def spec_document(game_or_spec) -> dict:
    """The spec of a game as a plain, ordered ``dict`` (what :func:`to_yaml` and :func:`to_json` write).

    Parameters
    ----------
    game_or_spec : Game, BayesianGame or Spec
        A game (possibly with parameter values substituted) or a loaded spec.

    Returns
    -------
    dict
    """
    game = _as_game(game_or_spec)
    if isinstance(game, Game) and game.bayesian is not None:
        game = game.bayesian
    doc = _common(game)
    if isinstance(game, BayesianGame):
        doc["players"] = list(game.players)
        doc["strategies"] = _strategies(game.players, game.actions)
        _tail(doc, game)
        doc["types"] = {game.players[i]: {name: _value(prior) for name, prior in game.types[i]}
                        for i in game.typed_players}
        blocks = {}
        for key, arrays in game.tables:
            name = _profile_key(game.types[i][t][0] for i, t in zip(game.typed_players, key))
            blocks[name] = _block(game.players, game.actions, arrays, False)
        doc["payoffs"] = blocks
        return doc
    if game.count is not None:
        form = game.count
        count = form.count if isinstance(form.count, int) else str(form.count)
        doc["players"] = {"count": count, "name": form.name}
        doc["strategies"] = list(form.strategies)
        _tail(doc, game, keep=() if isinstance(form.count, int) else (str(form.count),))
        doc["payoffs"] = {"by_count": {s: _value(p) for s, p in zip(form.strategies, form.payoffs)}}
        return doc
    doc["players"] = list(game.players)
    doc["strategies"] = _strategies(game.players, game.strategies)
    _tail(doc, game)
    symmetric = bool(game.symmetric) and game.n_players == 2 and not game.ordinal
    if symmetric:
        doc["symmetric"] = True
    if game.ordinal:
        doc["preferences"] = _preferences(game.players, game.strategies, game.payoffs)
    else:
        doc["payoffs"] = _block(game.players, game.strategies, game.payoffs, symmetric)
    return doc


# -- JSON --------------------------------------------------------------------------------------

def to_json(game_or_spec) -> str:
    """The spec of a game as JSON (two-space indentation, ending in a newline)."""
    return json.dumps(spec_document(game_or_spec), indent=2, ensure_ascii=False) + "\n"


# -- YAML --------------------------------------------------------------------------------------

_PLAIN = re.compile(r"-?[A-Za-z0-9_(][A-Za-z0-9_ .'()+\-*/^<>=!]*")
_SPECIAL_WORDS = {
    "y", "yes", "n", "no", "true", "false", "on", "off", "null", "~",
}
_PROSE_WIDTH = 96


def _quoted(text: str) -> str:
    out = json.dumps(text, ensure_ascii=False)
    return "".join(c if c.isprintable() or c in "\n" else "\\u%04x" % ord(c) for c in out)


def _scalar(value) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if (
        _PLAIN.fullmatch(text)
        and text == text.strip()
        and "  " not in text
        and text.lower() not in _SPECIAL_WORDS
        and not re.fullmatch(r"[-+]?(\.\d|\d)[\d_.eE+\-:]*", text)
        and not re.fullmatch(r"\.(inf|nan|Inf|NaN|INF|NAN)", text)
    ):
        return text
    return _quoted(text)


def _flow(value) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_scalar(k)}: {_flow(v)}" for k, v in value.items()) + "}"
    return _scalar(value)


def _prose(key: str, text: str, indent: str) -> list[str] | None:
    """A long sentence as a folded block scalar, when folding gives the text back exactly."""
    if (len(text) + len(indent) + len(key) < _PROSE_WIDTH or "\n" in text or "  " in text
            or text != text.strip() or not text.isprintable() or "\t" in text):
        return None
    lines = textwrap.wrap(text, width=_PROSE_WIDTH - len(indent) - 2, break_long_words=False,
                          break_on_hyphens=False)
    if " ".join(lines) != text:
        return None
    return [f"{indent}{_scalar(key)}: >-"] + [f"{indent}  {line}" for line in lines]


def _mapping(doc: dict, indent: str = "") -> list[str]:
    out: list[str] = []
    for key, value in doc.items():
        head = f"{indent}{_scalar(key)}:"
        if isinstance(value, str):
            folded = _prose(key, value, indent)
            out.extend(folded if folded else [f"{head} {_scalar(value)}"])
        elif isinstance(value, dict) and value and not _is_leaf(value, _PROSE_WIDTH - len(head) - 1):
            out.append(head)
            out.extend(_mapping(value, indent + "  "))
        elif isinstance(value, list) and value and any(isinstance(v, (list, dict)) for v in value) or (
                isinstance(value, list) and len(_flow(value)) + len(head) > _PROSE_WIDTH):
            out.append(head)
            out.extend(f"{indent}  - {_flow(v)}" for v in value)
        else:
            out.append(f"{head} {_flow(value)}")
    return out


def _is_leaf(value: dict, room: int) -> bool:
    """A mapping of scalars that fits on its key's line (``{value: 2, description: ...}``)."""
    return all(not isinstance(v, (dict, list)) for v in value.values()) and len(_flow(value)) <= room


def to_yaml(game_or_spec) -> str:
    """The spec of a game as YAML (deterministic, ending in a newline).

    Examples
    --------
    >>> from gametheory.games import Game
    >>> print(to_yaml(Game.from_arrays([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]], title="Pennies")), end="")
    version: 1
    title: Pennies
    players: [Player 1, Player 2]
    strategies: [s1, s2]
    payoffs:
      matrix:
        - [[1, -1], [-1, 1]]
        - [[-1, 1], [1, -1]]
    """
    return "\n".join(_mapping(spec_document(game_or_spec))) + "\n"
