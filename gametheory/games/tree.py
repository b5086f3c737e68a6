"""Game trees (extensive form) as immutable, exact values, and their reduced normal form.

Conventions
-----------
* ``tree.nodes`` lists the nodes in pre-order (a node before its children, children in the
  order of their moves); ``nodes[0]`` is the root. ``node.children[k]`` is the index of the node
  that ``node.moves[k]`` leads to.
* A node's ``id`` is its spec ``name:`` or its history (moves joined by ``/``; the root is
  ``""``). A decision node's ``info`` is the id of its information set: the spec's ``info:``
  label, or the node's own id.
* Players are numbered ``0 .. n-1``; a leaf's ``payoffs[i]`` is player ``i``'s payoff, an exact
  expression in the parameters. A chance node's ``probabilities[k]`` is that of ``moves[k]``.
* The *reduced normal form* (:meth:`Tree.normal_form`) has as strategies of a player its
  reduced plans: a move at each of its information sets that its own earlier moves do not
  rule out (Kuhn 1953; Osborne and Rubinstein 1994, sec. 6.1.2). A plan is named by its moves
  in the order of the player's information sets (``Firm Support``); where two of the player's
  information sets offer the same moves side by side (a sender's types), or plain moves would
  name two plans alike, each part reads ``info:move`` (the root's set reads ``root``). A player without
  a move has the one empty plan ``-``. Payoffs are expected over chance moves.
"""

from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass, field, replace
from typing import Mapping

import sympy
from sympy import ImmutableDenseNDimArray

from ..errors import UnsupportedError
from ._params import Parametrised, _subs_definitions, _substitution
from .normal import Game, Parameter

__all__ = ["Node", "InfoSet", "Tree", "Plan", "from_spec", "MAX_NORMAL_FORM_PROFILES"]

#: Most pure profiles of a reduced normal form that :meth:`Tree.normal_form` writes out.
MAX_NORMAL_FORM_PROFILES = 100_000


@dataclass(frozen=True)
class Node:
    """A node of a tree: ``kind`` is ``"decision"``, ``"chance"`` or ``"leaf"``."""

    id: str
    kind: str
    parent: int | None
    move_in: str | None
    player: int | None = None
    info: str | None = None
    moves: tuple[str, ...] = ()
    children: tuple[int, ...] = ()
    probabilities: tuple[sympy.Expr, ...] = ()
    payoffs: tuple[sympy.Expr, ...] = ()
    outcome: str | None = None

    @property
    def is_leaf(self) -> bool:
        return self.kind == "leaf"


@dataclass(frozen=True)
class InfoSet:
    """An information set: its id, player, moves and member nodes (indices, pre-order)."""

    id: str
    player: int
    moves: tuple[str, ...]
    nodes: tuple[int, ...]


@dataclass(frozen=True)
class Plan:
    """A reduced plan of one player: ``choices`` maps an information set id to a move."""

    name: str
    choices: tuple[tuple[str, str], ...]

    def move(self, info: str) -> str | None:
        return dict(self.choices).get(info)


@dataclass(frozen=True)
class Tree(Parametrised):
    """A finite game tree with exact, possibly symbolic, payoffs (TREES.md)."""

    title: str
    players: tuple[str, ...]
    nodes: tuple[Node, ...]
    parameters: tuple[Parameter, ...] = ()
    definitions: tuple[tuple[str, sympy.Expr], ...] = ()
    assumptions: tuple[sympy.Basic, ...] = ()
    description: str = ""
    source: tuple[str, ...] = ()
    notes: str = ""
    ordinal: bool = False
    outcomes: tuple[str, ...] = ()
    assigned: tuple[str, ...] = ()
    file: str = field(default="", compare=False)

    # -- structure --------------------------------------------------------------------------
    @property
    def n_players(self) -> int:
        return len(self.players)

    @property
    def root(self) -> Node:
        return self.nodes[0]

    def index(self, node_id: str) -> int:
        for k, node in enumerate(self.nodes):
            if node.id == node_id:
                return k
        raise KeyError(node_id)

    @functools.cached_property
    def infosets(self) -> tuple[InfoSet, ...]:
        """Every information set, in the pre-order of its first node."""
        return _infosets(self.nodes)

    def infoset(self, info: str) -> InfoSet:
        for h in self.infosets:
            if h.id == info:
                return h
        raise KeyError(info)

    @property
    def leaves(self) -> tuple[int, ...]:
        return tuple(k for k, n in enumerate(self.nodes) if n.is_leaf)

    @property
    def has_chance(self) -> bool:
        return any(n.kind == "chance" for n in self.nodes)

    @property
    def perfect_information(self) -> bool:
        """No information set with more than one node."""
        return all(len(h.nodes) == 1 for h in self.infosets)

    def path_to(self, k: int) -> tuple[tuple[int, str], ...]:
        """The (node index, move) pairs from the root down to node ``k``."""
        out = []
        while self.nodes[k].parent is not None:
            parent = self.nodes[k].parent
            out.append((parent, self.nodes[k].move_in))
            k = parent
        return tuple(reversed(out))

    def own_sequence(self, k: int, player: int) -> tuple[tuple[str, str], ...]:
        """The (information set, move) pairs of ``player`` on the path to node ``k``."""
        return tuple((self.nodes[p].info, m) for p, m in self.path_to(k)
                     if self.nodes[p].kind == "decision" and self.nodes[p].player == player)

    def subtree_end(self, k: int) -> int:
        """One past the last pre-order index of the subtree rooted at ``k``."""
        return self._ends[k]

    @functools.cached_property
    def _ends(self) -> tuple[int, ...]:
        return _subtree_ends(self.nodes)

    def depth(self) -> int:
        """The most decision and chance nodes on a path from the root."""
        depth = [0] * len(self.nodes)
        best = 0
        for k, n in enumerate(self.nodes):
            if n.parent is not None:
                depth[k] = depth[n.parent] + 1
            if n.is_leaf:
                best = max(best, depth[k])
        return best

    # -- parameters ------------------------------------------------------------------------------
    @property
    def free_symbols(self) -> frozenset:
        out: set = set()
        for n in self.nodes:
            for e in n.payoffs + n.probabilities:
                out |= e.free_symbols
        return frozenset(out)




    def subs(self, values: Mapping[str, object]) -> "Tree":
        """A new tree with the named parameters replaced by the given values (as :meth:`Game.subs`)."""
        mapping, parameters, assumptions, assigned = _substitution(self, values)
        nodes = tuple(replace(n, payoffs=tuple(e.xreplace(mapping) for e in n.payoffs),
                              probabilities=tuple(e.xreplace(mapping) for e in n.probabilities))
                      for n in self.nodes)
        return replace(self, nodes=nodes, parameters=parameters, assumptions=assumptions, assigned=assigned,
                       definitions=_subs_definitions(self.definitions, mapping))


    # -- the reduced normal form -------------------------------------------------------------------
    def plans(self, player: int) -> tuple[Plan, ...]:
        """The reduced plans of ``player`` (see the module docstring)."""
        return _plans(self, player)

    def normal_form(self) -> Game:
        """The reduced normal form as a :class:`~gametheory.games.Game` (expected payoffs over
        chance; strategies are the reduced plans)."""
        plans = tuple(self.plans(i) for i in range(self.n_players))
        shape = tuple(len(p) for p in plans)
        total = 1
        for s in shape:
            total *= s
        if total > MAX_NORMAL_FORM_PROFILES:
            raise UnsupportedError(
                f"{self.title or 'this tree'} has {total} profiles of reduced plans, too many to write out "
                f"(at most {MAX_NORMAL_FORM_PROFILES})")
        columns: list[list] = [[] for _ in range(self.n_players)]
        for profile in itertools.product(*(range(s) for s in shape)):
            chosen = {}
            for i, k in enumerate(profile):
                chosen.update(dict(plans[i][k].choices))
            values = self.outcome_values(lambda info, moves: {chosen[info]: sympy.Integer(1)}
                                         if info in chosen else None)
            for i in range(self.n_players):
                columns[i].append(values[i])
        payoffs = tuple(ImmutableDenseNDimArray(col, shape) for col in columns)
        return Game(title=self.title, players=self.players,
                    strategies=tuple(tuple(p.name for p in ps) for ps in plans), payoffs=payoffs,
                    parameters=self.parameters, definitions=self.definitions, assumptions=self.assumptions,
                    description=self.description, source=self.source, notes=self.notes, ordinal=self.ordinal,
                    assigned=self.assigned, file=self.file)

    def reach(self, behaviour) -> tuple[sympy.Expr, ...]:
        """The probability of reaching each node under ``behaviour(info, moves) -> {move: prob}``
        (``None`` at an information set not reached by the behaviour's own moves: it must then
        be unreached)."""
        prob = [sympy.Integer(0)] * len(self.nodes)
        prob[0] = sympy.Integer(1)
        for k, n in enumerate(self.nodes):
            if n.is_leaf or prob[k] == 0:
                continue
            if n.kind == "chance":
                dist = dict(zip(n.moves, n.probabilities))
            else:
                dist = behaviour(n.info, n.moves)
                if dist is None:
                    raise ValueError(f"no behaviour at the reached information set {n.info!r}")
            for m, c in zip(n.moves, n.children):
                prob[c] = prob[k] * dist.get(m, 0)
        return tuple(sympy.expand(p) if not p.is_Number else p for p in prob)

    def outcome_values(self, behaviour) -> tuple[sympy.Expr, ...]:
        """Every player's expected payoff under ``behaviour`` (as :meth:`reach`)."""
        prob = self.reach(behaviour)
        total = [sympy.Integer(0)] * self.n_players
        for k in self.leaves:
            if prob[k] != 0:
                for i in range(self.n_players):
                    total[i] += prob[k] * self.nodes[k].payoffs[i]
        return tuple(sympy.factor_terms(sympy.expand(t)) if not t.is_Number else t for t in total)

    def describe(self) -> str:
        """One line: players, nodes, information sets, parameters (for ``gametheory check``)."""
        kind = "perfect information" if self.perfect_information else f"{len(self.infosets)} information sets"
        chance = ", chance moves" if self.has_chance else ""
        symbols = sorted(str(s) for s in self.free_symbols)
        return (f"{len(self.players)} players, game tree of {len(self.nodes)} nodes ({kind}{chance}), "
                + (f"symbolic in {', '.join(symbols)}" if symbols else "numeric"))

    def __str__(self) -> str:
        return (f"<Tree {self.title!r}: {len(self.nodes)} nodes, {len(self.infosets)} information sets, "
                f"players {', '.join(self.players)}>")


def _infosets(nodes) -> tuple[InfoSet, ...]:
    found: dict[str, list[int]] = {}
    for k, n in enumerate(nodes):
        if n.kind == "decision":
            found.setdefault(n.info, []).append(k)
    return tuple(InfoSet(id=info, player=nodes[ks[0]].player, moves=nodes[ks[0]].moves, nodes=tuple(ks))
                 for info, ks in found.items())


def _subtree_ends(nodes) -> tuple[int, ...]:
    end = list(range(1, len(nodes) + 1))
    for k in range(len(nodes) - 1, -1, -1):
        if nodes[k].children:
            end[k] = end[nodes[k].children[-1]]
    return tuple(end)


def _plans(tree: Tree, player: int) -> tuple[Plan, ...]:
    sets = [h for h in tree.infosets if h.player == player]
    if not sets:
        return (Plan("-", ()),)
    # the information sets in an order where a set comes after those of its own sequence
    sequences = {h.id: tree.own_sequence(h.nodes[0], player) for h in sets}
    sets.sort(key=lambda h: (len(sequences[h.id]), h.nodes[0]))
    # parts read info:move when two information sets offer the same moves side by side (a
    # sender's types), or when plain moves would name two plans alike
    qualified = any(a.moves == b.moves and (a.id, a.moves[0]) not in sequences[b.id]
                    and all((a.id, m) not in sequences[b.id] for m in a.moves)
                    for a, b in itertools.permutations(sets, 2)
                    if len(sequences[a.id]) <= len(sequences[b.id]))
    plans: list[dict] = [{}]
    for h in sets:
        new = []
        for plan in plans:
            if all(plan.get(info) == m for info, m in sequences[h.id]):
                for m in h.moves:
                    new.append({**plan, h.id: m})
            else:
                new.append(plan)
        plans = new
    order = [h.id for h in sets]

    def name(plan: dict, qualified: bool) -> str:
        parts = [f"{info or 'root'}:{plan[info]}" if qualified else plan[info] for info in order if info in plan]
        return " ".join(parts)

    if not qualified and len({name(p, False) for p in plans}) < len(plans):
        qualified = True
    return tuple(Plan(name(p, qualified), tuple((info, p[info]) for info in order if info in p)) for p in plans)


def from_spec(spec) -> Tree:
    """The :class:`Tree` of a validated tree spec (:mod:`gametheory.spec.tree`)."""
    body = spec.body
    nodes = tuple(Node(id=n.id, kind=n.kind, parent=n.parent, move_in=n.move_in, player=n.player, info=n.info,
                       moves=n.moves, children=n.children, probabilities=n.probabilities, payoffs=n.payoffs,
                       outcome=n.outcome) for n in body.nodes)
    return Tree(
        title=spec.title,
        players=tuple(spec.players),
        nodes=nodes,
        parameters=tuple(Parameter(p.name, p.default, p.description) for p in spec.parameters),
        definitions=tuple(spec.definitions),
        assumptions=tuple(a.relation for a in spec.assumptions),
        description=spec.description,
        source=tuple(spec.source),
        notes=spec.notes,
        ordinal=body.ordinal,
        outcomes=body.outcomes,
        file=spec.file,
    )
