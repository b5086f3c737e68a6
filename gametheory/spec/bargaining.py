"""Read the ``bargaining:`` kind of spec: a division with outside options (CONTINUOUS.md).

Conventions
-----------
* Two players. ``issue`` is one variable and its interval (``{x: [0, 1]}``: the share that goes
  to the first player, say); ``utilities`` maps each player to an expression in the issue and
  the parameters, which must depend on the issue; ``disagreement`` each player's payoff without
  agreement (war), in the parameters.
* Optional: ``proposer`` (a player: a take-it-or-leave-it offer, or the first proposer of
  alternating offers); ``alternating: {discount: {A: dA, B: dB}}`` (Rubinstein 1982);
  ``private: {cA: uniform(0, cbar)}`` (the proposer knows only the distribution of a parameter
  of the responder's disagreement payoff); ``ratify: {A: x >= rA}`` (each side's domestic
  constraint, Putnam 1988).
* A distribution is written as a call, ``name(arg, ...)``, read here (the expression language
  has no such function): the name must be one this toolkit knows (:data:`DISTRIBUTIONS`), each
  argument an expression of the parameters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import sympy

from ..expr import symbol
from ._yaml import Scalar
from .continuous import Choice, _interval
from .loader import _Invalid

KEYS = ("bargaining",)
#: Distributions of private information: name -> number of arguments.
DISTRIBUTIONS = {"uniform": 2}
_BLOCK_KEYS = ("issue", "utilities", "disagreement", "proposer", "alternating", "private", "ratify")


@dataclass(frozen=True)
class Distribution:
    """A distribution of a private parameter: ``uniform(low, high)``."""

    name: str
    args: tuple[sympy.Expr, ...]

    def cdf(self, value) -> sympy.Expr:
        """The CDF at ``value``, for ``value`` inside the support."""
        low, high = self.args
        return (value - low) / (high - low)

    @property
    def support(self) -> tuple[sympy.Expr, sympy.Expr]:
        return self.args[0], self.args[1]

    def text(self) -> str:
        return f"{self.name}({', '.join(str(a) for a in self.args)})"


@dataclass(frozen=True)
class BargainingBody:
    issue: Choice
    utilities: tuple[sympy.Expr, ...]
    disagreement: tuple[sympy.Expr, ...]
    proposer: int | None = None
    discounts: tuple[sympy.Expr, ...] | None = None
    private: tuple[tuple[sympy.Symbol, Distribution], ...] = ()
    ratify: tuple[tuple[int, tuple], ...] = ()


def read(reader, top):
    try:
        return _read(reader, top)
    except _Invalid:
        return None


def _per_player(reader, node, path, what):
    players = list(reader.players)
    entries = reader.mapping(node, path, what, players)
    missing = [p for p in players if p not in entries]
    if missing:
        reader.problem(node, f"missing {what} of player '{missing[0]}'; give one for each of {', '.join(players)}",
                       f"{path}.{missing[0]}")
        raise _Invalid
    return entries


def _read(reader, top):
    players = list(reader.players)
    if len(players) != 2:
        reader.problem(top["players"][1], f"a bargaining spec has two players, found {len(players)}", "players")
        raise _Invalid
    block = reader.mapping(top["bargaining"][1], "bargaining", "bargaining", _BLOCK_KEYS)
    for key in ("issue", "utilities", "disagreement"):
        if key not in block:
            reader.problem(top["bargaining"][1], f"missing key '{key}' in bargaining; expected issue, utilities "
                           "and disagreement", f"bargaining.{key}")
    if any(key not in block for key in ("issue", "utilities", "disagreement")):
        raise _Invalid
    issue_entries = reader.mapping(block["issue"][1], "bargaining.issue", "the issue")
    if len(issue_entries) != 1:
        reader.problem(block["issue"][1], "the issue is one variable and its interval, e.g. {x: [0, 1]}",
                       "bargaining.issue")
        raise _Invalid
    (name, (key, value)), = issue_entries.items()
    name = reader.symbol_name(key, f"bargaining.issue.{name}", "issue variable")
    if name in reader.names:
        reader.problem(key, f"the issue variable '{name}' has the name of a parameter; choose another name",
                       f"bargaining.issue.{name}")
        raise _Invalid
    issue = _interval(reader, value, f"bargaining.issue.{name}", name)
    x = issue.symbol
    names = dict(reader.names)
    names[name] = x
    utilities = []
    for player, (_, node) in _ordered(_per_player(reader, block["utilities"][1], "bargaining.utilities",
                                                  "the utility"), players):
        u = reader.expression(node, f"bargaining.utilities.{player}", names, f"the utility of {player}")
        if x not in u.free_symbols:
            reader.problem(node, f"the utility of {player} does not depend on the issue {name}; "
                           f"write it as an expression in {name}", f"bargaining.utilities.{player}")
            raise _Invalid
        utilities.append(u)
    disagreement = []
    for player, (_, node) in _ordered(_per_player(reader, block["disagreement"][1], "bargaining.disagreement",
                                                  "the disagreement payoff"), players):
        disagreement.append(reader.expression(node, f"bargaining.disagreement.{player}", reader.names,
                                              f"the disagreement payoff of {player}",
                                              hint="a disagreement payoff may use the parameters only"))
    proposer = None
    if "proposer" in block:
        node = block["proposer"][1]
        who = reader.name(node, "bargaining.proposer", "player")
        if who not in players:
            reader.problem(node, f"the proposer '{who}' is not a player (players: {', '.join(players)})",
                           "bargaining.proposer")
            raise _Invalid
        proposer = players.index(who)
    discounts = None
    if "alternating" in block:
        alt = reader.mapping(block["alternating"][1], "bargaining.alternating", "alternating", ("discount",))
        if "discount" not in alt:
            reader.problem(block["alternating"][1], "alternating offers need discount: {A: dA, B: dB}",
                           "bargaining.alternating.discount")
            raise _Invalid
        entries = _per_player(reader, alt["discount"][1], "bargaining.alternating.discount", "the discount factor")
        discounts = tuple(reader.expression(node, f"bargaining.alternating.discount.{p}", reader.names,
                                            f"the discount factor of {p}") for p, (_, node) in _ordered(entries, players))
    private = ()
    if "private" in block:
        private = _private(reader, block["private"][1], disagreement)
    ratify = ()
    if "ratify" in block:
        entries = reader.mapping(block["ratify"][1], "bargaining.ratify", "ratify", players)
        out = []
        for player, (_, node) in entries.items():
            relations = reader.expression(node, f"bargaining.ratify.{player}", names,
                                          f"the ratification constraint of {player}", relations=True)
            if not all(x in r.free_symbols for r in relations) or any(isinstance(r, (sympy.Eq, sympy.Ne))
                                                                     for r in relations):
                reader.problem(node, f"the ratification constraint of {player} must bound the issue {name}, "
                               f"e.g. {name} >= r", f"bargaining.ratify.{player}")
                raise _Invalid
            out.append((players.index(player), tuple(relations)))
        ratify = tuple(sorted(out, key=lambda item: item[0]))
    if reader.problems:
        raise _Invalid
    return BargainingBody(issue, tuple(utilities), tuple(disagreement), proposer, discounts, private, ratify)


def _ordered(entries, players):
    return [(p, entries[p]) for p in players]


_CALL = re.compile(r"\s*([A-Za-z_][A-Za-z0-9_]*)\s*\((.*)\)\s*$", re.S)


def _private(reader, node, disagreement):
    entries = reader.mapping(node, "bargaining.private", "private")
    out = []
    for name, (key, value) in entries.items():
        path = f"bargaining.private.{name}"
        if name not in reader.parameters:
            reader.problem(key, f"'{name}' is not a parameter; private information is about a declared parameter",
                           path)
            raise _Invalid
        if not any(symbol(name) in d.free_symbols for d in disagreement):
            reader.problem(key, f"the private parameter '{name}' appears in no disagreement payoff", path)
            raise _Invalid
        out.append((symbol(name), _distribution(reader, value, path, name)))
    return tuple(out)


def _distribution(reader, node, path, name):
    known = ", ".join(f"{d}(a, b)" for d in DISTRIBUTIONS)
    if not isinstance(node, Scalar) or node.tag == "null":
        reader.problem(node, f"the distribution of '{name}' must be written as a call such as uniform(0, cbar)", path)
        raise _Invalid
    match = _CALL.match(node.value)
    if not match:
        reader.problem(node, f"the distribution of '{name}' must be written as a call such as uniform(0, cbar), "
                       f"found {node.value!r}", path)
        raise _Invalid
    dist = match.group(1)
    if dist not in DISTRIBUTIONS:
        reader.problem(node, f"unknown distribution '{dist}'; the toolkit knows {known}", path,
                       column_offset=(1 if node.quoted else 0) + match.start(1))
        raise _Invalid
    inner = match.group(2)
    start = match.start(2)
    args, depth, begin = [], 0, 0
    for k, ch in enumerate(inner + ","):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "," and depth == 0:
            args.append((inner[begin:k], start + begin))
            begin = k + 1
    if len(args) != DISTRIBUTIONS[dist]:
        reader.problem(node, f"{dist} takes {DISTRIBUTIONS[dist]} arguments, found {len(args)}", path)
        raise _Invalid
    allowed = {n: v for n, v in reader.names.items() if n != name}
    values = []
    for text, at in args:
        stripped = text.strip()
        lead = len(text) - len(text.lstrip())
        sub = Scalar(stripped, "str", None, node.line, node.column + (1 if node.quoted else 0) + at + lead,
                     node.line)
        values.append(reader.expression(sub, path, allowed, f"an argument of {dist}",
                                        hint=f"an argument may use the parameters other than {name}"))
    low, high = values
    gap = sympy.simplify(low - high)
    if gap.is_number and gap >= 0:
        reader.problem(node, f"{dist}({low}, {high}) is empty: its lower end must be below its upper end", path)
        raise _Invalid
    return Distribution(dist, tuple(values))
