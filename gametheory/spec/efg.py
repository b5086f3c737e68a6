"""Read Gambit extensive-form files (``.efg``, "EFG 2 R") into a tree :class:`~.model.Spec`.

Conventions
-----------
* The format is Gambit's: a header ``EFG 2 R "title" { "player" ... } "comment"``, then the
  nodes in pre-order, one per line: ``p "name" player infoset "infoset name" { "move" ... }
  outcome ["outcome name" { payoffs }]``, ``c "name" infoset "infoset name" { "move" prob ... }
  outcome [...]`` and ``t "name" outcome "outcome name" { payoffs }``. Numbers are exact.
* Node ids are the nodes' names where given (and distinct), else their histories (TREES.md).
  An information set with several nodes is named by its name, else ``Player:number``. Outcome
  names are kept; Gambit 16.7 writes unnamed outcomes as ``_1``, ``_2``, ..., read back as
  unnamed. A payoff at a non-terminal node is refused (a tree spec has payoffs at leaves only).
* The same checks as for a YAML tree (information sets that agree, perfect recall, limits),
  each reported at the line and column of the node.
"""

from __future__ import annotations

import re

import sympy

from ..errors import Problem, SpecError
from ._yaml import MAX_TREE_DEPTH
from .model import Location, Spec
from .nfg import _Error, _Parser
from .tree import MAX_TREE_NODES, TreeBody, TreeNodeSpec, _TreeReader

__all__ = ["load_efg"]


class _At:
    """A position standing in for a YAML node in messages."""

    def __init__(self, line: int, column: int):
        self.line = line
        self.column = column


class _Reader:
    def __init__(self, file: str, players):
        self.file = file
        self.players = players
        self.problems: list[Problem] = []

    def problem(self, node, message, path=""):
        self.problems.append(Problem(self.file, node.line, node.column, message, path))

    def location(self, node, path):
        return Location(self.file, node.line, node.column, path)


def _header(p: _Parser):
    token = p.token
    if token.kind != "symbol" or token.text != "EFG":
        raise _Error(token.line, token.column,
                     f"expected the file type EFG at the start of a Gambit extensive-form file, found {token.text!r}")
    p.advance()
    version = p.expect("number", "the format version 2")
    if version.text != "2":
        raise _Error(version.line, version.column, f"expected the format version 2, found {version.text!r}")
    kind = p.token
    if kind.kind != "symbol" or kind.text not in ("R", "D"):
        raise _Error(kind.line, kind.column, "expected the number type R (rational) or D (double)")
    p.advance()
    title = p.expect("text", "the game's title in double quotes").text
    opening = p.expect("{", "'{' before the players' names")
    players = []
    while p.token.kind == "text":
        players.append(p.advance().text)
    p.expect("}", "a player's name in double quotes or '}'")
    if len(players) < 2:
        raise _Error(opening.line, opening.column, f"expected two or more players, found {len(players)}")
    comment = p.advance().text if p.token.kind == "text" else ""
    return title, players, comment


def _payoffs(p: _Parser, n: int):
    opening = p.expect("{", "'{' before the outcome's payoffs")
    values = []
    while p.token.kind != "}":
        if p.token.kind == ",":
            p.advance()
            continue
        values.append(p.number("a payoff")[0])
    p.advance()
    if len(values) != n:
        raise _Error(opening.line, opening.column, f"an outcome has {len(values)} payoff{'s' if len(values) != 1 else ''}; "
                     f"expected {n}, one per player")
    return tuple(values)


def _outcome(p: _Parser, n: int, outcomes: dict, where):
    number, token = p.count("an outcome number")
    name, payoffs = None, None
    if p.token.kind == "text":
        name = p.advance().text
        payoffs = _payoffs(p, n)
        outcomes.setdefault(number, (name, payoffs))
    elif number in outcomes:
        name, payoffs = outcomes[number]
    elif number != 0:
        raise _Error(token.line, token.column, f"outcome {number} is used before its payoffs are given")
    if name is not None and (not name or re.fullmatch(r"_\d+", name)):
        name = None
    return number, name, payoffs


def load_efg(text, name: str = "<efg>") -> Spec:
    """Read a Gambit ``.efg`` file into a tree :class:`Spec` (module docstring); problems are
    raised as :class:`~gametheory.errors.SpecError` at their line and column."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        p = _Parser(text)
        title, players, comment = _header(p)
        entries = _nodes(p, players)
    except _Error as error:
        raise SpecError([Problem(name, error.line, error.column, error.message)]) from None
    reader = _Reader(name, players)
    t = _TreeReader(reader, players)
    t.nodes = entries
    ids = {}
    for e in entries:
        if e["name"] and e["name"] not in ids:
            ids[e["name"]] = True
        else:
            e["name"] = None
    t.finish(False, ())
    if reader.problems:
        raise SpecError(reader.problems)
    outcomes = tuple(dict.fromkeys(e["outcome"] for e in entries if e.get("outcome")))
    nodes = tuple(TreeNodeSpec(
        id=e["id"], kind=e["kind"], parent=e["parent"], move_in=e["move_in"], player=e.get("player"),
        info=e.get("infoset"), moves=tuple(e.get("moves", ())), children=tuple(e["children"]),
        probabilities=tuple(e.get("probabilities", ())), payoffs=tuple(e.get("payoffs", ())),
        outcome=e.get("outcome"), location=Location(name, e["node"].line, e["node"].column, e["path"]))
        for e in entries)
    return Spec(file=name, title=title or name, players=tuple(players), strategies=(), description=comment,
                text=text, kind="tree", body=TreeBody(nodes=nodes, outcomes=outcomes))


def _nodes(p: _Parser, players) -> list[dict]:
    n = len(players)
    outcomes: dict = {}
    entries: list[dict] = []
    labels: dict = {}
    # an explicit stack of (parent index, move, history, depth)
    stack = [(None, None, "", 0)]
    while stack:
        parent, move, history, depth = stack.pop()
        token = p.token
        if token.kind != "symbol" or token.text not in ("p", "c", "t"):
            raise _Error(token.line, token.column, f"expected a node (p, c or t), found {token.text or 'the end'!r}")
        p.advance()
        if len(entries) >= MAX_TREE_NODES:
            raise _Error(token.line, token.column, f"the tree has more than {MAX_TREE_NODES} nodes")
        label = p.expect("text", "the node's name in double quotes").text
        index = len(entries)
        entry = dict(history=history, parent=parent, move_in=move, children=[], node=_At(token.line, token.column),
                     path=f"node {index + 1}", name=label or None, info=None)
        if parent is not None:
            entries[parent]["children"].append(index)
        if token.text == "t":
            _, oname, payoffs = _outcome(p, n, outcomes, token)
            if payoffs is None:
                raise _Error(token.line, token.column, "a terminal node without an outcome; expected payoffs")
            entry.update(kind="leaf", payoffs=payoffs, outcome=oname, moves=())
            entries.append(entry)
            continue
        if depth >= MAX_TREE_DEPTH:
            raise _Error(token.line, token.column, f"the tree is deeper than {MAX_TREE_DEPTH} levels")
        if token.text == "p":
            player, ptoken = p.count("a player number")
            if not 1 <= player <= n:
                raise _Error(ptoken.line, ptoken.column, f"player {player} does not exist (players 1 to {n})")
            number, _ = p.count("an information set number")
        else:
            number, _ = p.count("an information set number")
            player = None
        info_name = p.advance().text if p.token.kind == "text" else ""
        p.expect("{", "'{' before the moves")
        moves, probabilities = [], []
        while p.token.kind == "text":
            moves.append(p.advance().text)
            if token.text == "c":
                probabilities.append(p.number("the probability of a chance move")[0])
        p.expect("}", "a move name in double quotes or '}'")
        for m in moves:
            if "/" in m or not m:
                raise _Error(token.line, token.column, f"move name {m!r} is empty or contains '/'; rename it")
        if len(set(moves)) < len(moves):
            raise _Error(token.line, token.column, "a move name is used twice at one node")
        _, _, payoffs = _outcome(p, n, outcomes, token)
        if payoffs is not None and any(v != 0 for v in payoffs):
            raise _Error(token.line, token.column, "payoffs at a non-terminal node are not supported; move them to "
                         "the leaves")
        if token.text == "c":
            total = sum(probabilities, sympy.Integer(0))
            if total != 1 or any(q < 0 for q in probabilities):
                raise _Error(token.line, token.column, "chance probabilities must be non-negative and sum to 1")
            entry.update(kind="chance", probabilities=tuple(probabilities), moves=tuple(moves))
        else:
            key = (player, number)
            if key in labels:
                entry["info"] = labels[key]
            else:
                labels[key] = info_name or f"{players[player - 1]}:{number}"
                entry["info"] = labels[key]
            entry.update(kind="decision", player=player - 1, moves=tuple(moves))
        entries.append(entry)
        for m in reversed(moves):
            stack.append((index, m, f"{history}/{m}" if history else m, depth + 1))
    if p.token.kind != "eof":
        raise _Error(p.token.line, p.token.column, "expected the end of the file after the last node")
    # an information set of one node is named by the node's id (set in finish)
    counts: dict = {}
    for e in entries:
        if e["kind"] == "decision":
            counts[e["info"]] = counts.get(e["info"], 0) + 1
    for e in entries:
        if e["kind"] == "decision" and counts[e["info"]] == 1:
            e["info"] = None
    return entries
