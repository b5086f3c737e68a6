"""Read the ``tree:`` of a game-tree spec (TREES.md) into a frozen :class:`TreeBody`.

Conventions
-----------
* Nodes are listed in pre-order (a node before its children, children in the order of their
  moves); ``TreeNodeSpec.children[k]`` is the index of the node that move ``k`` leads to.
* A node's id is its ``name:`` or else its history, the moves that lead to it joined by ``/``
  (``Challenge``, ``strong/Beer``); the root's history is the empty string.
* An information set is named by its ``info:`` label, or by the id of its single node.
* Payoffs are in player order, exact expressions in the parameters (definitions substituted).
  Ordinal outcomes (``outcomes:`` a list, ranked per player by ``preferences:``) become ranks
  as in SPEC-FORMAT.md: the worst level is 1.
* Refused, each at its line and column: unknown players or outcomes, leaves with the wrong
  number of payoffs, a move named twice at one node, chance probabilities that are negative
  numbers or do not sum to 1, an information set whose nodes disagree (player or moves),
  imperfect recall, more than :data:`MAX_TREE_NODES` nodes, a path longer than
  :data:`MAX_TREE_DEPTH` decision or chance nodes. That symbolic probabilities are
  non-negative under the assumptions is checked when the game is loaded (the conditions engine
  sits above this layer).
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy

from ..expr import to_text
from ._yaml import MAX_TREE_DEPTH, Mapping, Scalar, Sequence
from . import _yaml
from .loader import _did_you_mean, _identically_one, _Invalid
from .model import Location

__all__ = ["KEYS", "read", "TreeBody", "TreeNodeSpec", "MAX_TREE_NODES", "MAX_TREE_DEPTH"]

#: The top-level keys a tree spec adds (``preferences`` ranks named outcomes).
KEYS = ("tree", "outcomes", "preferences")
#: Most nodes (decision, chance and leaves) in one tree.
MAX_TREE_NODES = 10_000

_NODE_KEYS = ("player", "moves", "info", "name", "chance")


@dataclass(frozen=True)
class TreeNodeSpec:
    """One node: ``kind`` is ``"decision"``, ``"chance"`` or ``"leaf"``."""

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
    location: Location | None = None


@dataclass(frozen=True)
class TreeBody:
    """The tree of a spec: nodes in pre-order, outcome names, whether payoffs are ranks."""

    nodes: tuple[TreeNodeSpec, ...]
    outcomes: tuple[str, ...] = ()
    ordinal: bool = False
    probability_locations: tuple[tuple[int, str, Location], ...] = ()


class _TreeReader:
    def __init__(self, reader, players):
        self.r = reader
        self.players = players
        self.nodes: list[dict] = []
        self.ok = True

    def fail(self, node, message, path):
        self.r.problem(node, message, path)
        self.ok = False

    # -- outcomes -------------------------------------------------------------------------------
    def payoff_list(self, node, path, what):
        n = len(self.players)
        if isinstance(node, Sequence):
            if len(node.items) != n:
                self.fail(node, f"{what} has {len(node.items)} payoff{'s' if len(node.items) != 1 else ''}; "
                          f"expected {n}, one per player in the order {', '.join(self.players)}", path)
                raise _Invalid
            return tuple(self.r.expression(item, f"{path}[{k}]", self.r.names, "a payoff",
                                           hint="declare parameters under 'parameters'")
                         for k, item in enumerate(node.items))
        if isinstance(node, Mapping):
            entries = self.r.mapping(node, path, what)
            values = {}
            for name, (key, value) in entries.items():
                if name not in self.players:
                    self.fail(key, f"'{name}' is not a player{_did_you_mean(name, self.players)} "
                              f"(players: {', '.join(self.players)})", f"{path}.{name}")
                    continue
                values[name] = self.r.expression(value, f"{path}.{name}", self.r.names, "a payoff",
                                                 hint="declare parameters under 'parameters'")
            missing = [p for p in self.players if p not in entries]
            if missing:
                self.fail(node, f"{what} has no payoff for {', '.join(missing)}; expected one per player", path)
                raise _Invalid
            if len(values) != n:
                raise _Invalid
            return tuple(values[p] for p in self.players)
        self.fail(node, f"{what} must be a list of payoffs in player order or a mapping from player to "
                  f"payoff, found {_yaml.describe(node)}", path)
        raise _Invalid

    def read_outcomes(self, top):
        """(names, payoffs by name or None for ordinal outcomes)."""
        if "outcomes" not in top:
            return (), None
        node = top["outcomes"][1]
        if isinstance(node, Sequence):
            names = self.r.names_list(node, "outcomes", "outcome", "outcomes")
            return tuple(names), None
        entries = self.r.mapping(node, "outcomes", "outcomes (a mapping from outcome name to payoffs, or a list "
                                 "of names ranked by preferences)")
        payoffs = {}
        for name, (key, value) in entries.items():
            try:
                self.r.name(key, f"outcomes.{name}", "outcome")
                payoffs[name] = self.payoff_list(value, f"outcomes.{name}", f"outcome '{name}'")
            except _Invalid:
                self.ok = False
        return tuple(entries), payoffs

    def read_preferences(self, node, names):
        entries = self.r.mapping(node, "preferences", "preferences (a mapping from each player to its ranking)")
        ranks = {p: None for p in self.players}
        for name, (key, value) in entries.items():
            if name not in self.players:
                self.fail(key, f"'{name}' is not a player{_did_you_mean(name, self.players)} "
                          f"(players: {', '.join(self.players)})", f"preferences.{name}")
        for player in self.players:
            path = f"preferences.{player}"
            if player not in entries:
                self.fail(node, f"missing the ranking of player '{player}'; every player ranks every outcome", path)
                continue
            value = entries[player][1]
            try:
                levels = self.r.sequence(value, path, f"the ranking of {player} (a list of outcomes, best first)")
            except _Invalid:
                self.ok = False
                continue
            seen: dict = {}
            rank_of = {}
            for k, level in enumerate(levels):
                members = level.items if isinstance(level, Sequence) else [level]
                if isinstance(level, Sequence) and not members:
                    self.fail(level, "an empty tie []; expected one or more outcomes", f"{path}[{k}]")
                for m in members:
                    try:
                        outcome = self.r.name(m, f"{path}[{k}]", "outcome")
                    except _Invalid:
                        self.ok = False
                        continue
                    if outcome not in names:
                        self.fail(m, f"'{outcome}' is not an outcome{_did_you_mean(outcome, names)} "
                                  f"(outcomes: {', '.join(names)})", f"{path}[{k}]")
                        continue
                    if outcome in seen:
                        self.fail(m, f"outcome '{outcome}' appears twice in the ranking of {player} "
                                  f"(first at line {seen[outcome].line}); each outcome appears exactly once",
                                  f"{path}[{k}]")
                        continue
                    seen[outcome] = m
                    rank_of[outcome] = len(levels) - k
            missing = [o for o in names if o not in seen]
            if missing:
                self.fail(value, f"the ranking of {player} is missing the outcome{'s' if len(missing) > 1 else ''} "
                          f"{', '.join(missing)}; every outcome appears exactly once", path)
                continue
            ranks[player] = rank_of
        if not self.ok or any(r is None for r in ranks.values()):
            raise _Invalid
        return {o: tuple(sympy.Integer(ranks[p][o]) for p in self.players) for o in names}

    # -- nodes ----------------------------------------------------------------------------------------
    def read_tree(self, root, outcome_payoffs, outcome_names):
        self.outcome_payoffs = outcome_payoffs
        self.outcome_names = outcome_names
        self.count_nodes(root)
        # an explicit stack, not recursion: (yaml node, path, parent index, move, history, depth)
        stack = [(root, "tree", None, None, "", 0)]
        while stack:
            node, path, parent, move, history, depth = stack.pop()
            if len(self.nodes) >= MAX_TREE_NODES:
                self.fail(node, f"the tree has more than {MAX_TREE_NODES} nodes; at most {MAX_TREE_NODES} are accepted",
                          path)
                raise _Invalid
            index = len(self.nodes)
            if parent is not None:
                self.nodes[parent]["children"].append(index)
            entry = self.read_node(node, path, parent, move, history, depth)
            self.nodes.append(entry)
            children = entry.pop("pending", [])
            for mname, child, cpath in reversed(children):
                stack.append((child, cpath, index, mname, f"{history}/{mname}" if history else mname, depth + 1))

    def count_nodes(self, root):
        """Refuse a tree of more than :data:`MAX_TREE_NODES` nodes before reading any expression,
        at the first node beyond the limit (pre-order, as the nodes are read)."""
        stack = [(root, "tree")]
        count = 0
        while stack:
            node, path = stack.pop()
            count += 1
            if count > MAX_TREE_NODES:
                self.fail(node, f"the tree has more than {MAX_TREE_NODES} nodes; at most {MAX_TREE_NODES} are "
                          "accepted", path)
                raise _Invalid
            if isinstance(node, Mapping) and "moves" in _keys(node):
                moves = next(v for k, v in node.pairs if isinstance(k, Scalar) and k.value == "moves")
                if isinstance(moves, Mapping):
                    for key, child in reversed(moves.pairs):
                        name = key.value if isinstance(key, Scalar) else "?"
                        stack.append((child, f"{path}.moves.{name}"))

    def read_node(self, node, path, parent, move, history, depth):
        base = dict(history=history, parent=parent, move_in=move, children=[], node=node, path=path)
        if isinstance(node, Mapping) and ("player" in _keys(node) or "chance" in _keys(node) or "moves" in _keys(node)):
            if depth >= MAX_TREE_DEPTH:
                self.fail(node, f"the tree is deeper than {MAX_TREE_DEPTH} levels (decision or chance nodes on one "
                          f"path); at most {MAX_TREE_DEPTH} are accepted", path)
                raise _Invalid
            entries = self.r.mapping(node, path, "a tree node", _NODE_KEYS)
            name = None
            if "name" in entries:
                try:
                    name = self.r.name(entries["name"][1], f"{path}.name", "node")
                except _Invalid:
                    self.ok = False
            info = None
            if "info" in entries:
                try:
                    info = self.r.name(entries["info"][1], f"{path}.info", "information set")
                except _Invalid:
                    self.ok = False
            base.update(name=name, info=info)
            if "moves" not in entries:
                self.fail(node, "a decision or chance node needs 'moves' (a mapping from move name to the node "
                          "that follows)", f"{path}.moves")
                return dict(base, kind="leaf", payoffs=(), outcome=None)
            moves_node = entries["moves"][1]
            mpath = f"{path}.moves"
            moves = self.r.mapping(moves_node, mpath, "moves (a mapping from move name to the node that follows)")
            if not moves:
                self.fail(moves_node, "a node has no moves; expected one or more 'move: node' lines", mpath)
            names = []
            pending = []
            for mname, (key, value) in moves.items():
                try:
                    self.r.name(key, f"{mpath}.{mname}", "move")
                except _Invalid:
                    self.ok = False
                    continue
                if "/" in mname:
                    self.fail(key, f"the move name '{mname}' contains '/'; node names are histories of moves "
                              "joined by '/'", f"{mpath}.{mname}")
                    continue
                names.append(mname)
                pending.append((mname, value, f"{mpath}.{mname}"))
            base["moves"] = tuple(names)
            base["pending"] = pending
            if "chance" in entries:
                if "player" in entries:
                    self.fail(entries["player"][0], "a node has both 'player' and 'chance'; a decision node has a "
                              "player, a chance node has probabilities", f"{path}.player")
                if info is not None:
                    self.fail(entries["info"][0], "a chance node cannot carry 'info'; information sets are "
                              "decision nodes of one player", f"{path}.info")
                return dict(base, kind="chance", probabilities=self.read_chance(entries["chance"][1],
                                                                               f"{path}.chance", names, moves_node))
            if "player" not in entries:
                self.fail(node, "a decision node needs 'player' (or 'chance' for a move of nature)", f"{path}.player")
                return dict(base, kind="decision", player=None)
            try:
                player = self.r.name(entries["player"][1], f"{path}.player", "player")
            except _Invalid:
                self.ok = False
                return dict(base, kind="decision", player=None)
            if player not in self.players:
                self.fail(entries["player"][1], f"'{player}' is not a player{_did_you_mean(player, self.players)} "
                          f"(players: {', '.join(self.players)})", f"{path}.player")
                return dict(base, kind="decision", player=None)
            return dict(base, kind="decision", player=self.players.index(player))
        # a leaf
        try:
            payoffs, outcome = self.read_leaf(node, path)
        except _Invalid:
            self.ok = False
            payoffs, outcome = (), None
        return dict(base, kind="leaf", payoffs=payoffs, outcome=outcome, name=None, info=None, moves=())

    def read_leaf(self, node, path):
        if isinstance(node, Scalar) and not (node.tag in ("int", "float") and node.plain):
            name = self.r.name(node, path, "outcome")
            if name not in self.outcome_names:
                known = f" (outcomes: {', '.join(self.outcome_names)})" if self.outcome_names else \
                    "; declare it under 'outcomes', or give the payoffs as a list in player order"
                self.fail(node, f"'{name}' is not an outcome{_did_you_mean(name, self.outcome_names)}{known}", path)
                raise _Invalid
            if self.outcome_payoffs is None or name not in self.outcome_payoffs:
                raise _Invalid  # the outcome's own problem is reported
            return self.outcome_payoffs[name], name
        if self.outcome_payoffs is None and self.outcome_names:
            self.fail(node, "with ranked outcomes (preferences) every leaf is an outcome name", path)
            raise _Invalid
        return self.payoff_list(node, path, "a leaf"), None

    def read_chance(self, node, path, names, moves_node):
        entries = self.r.mapping(node, path, "chance (a mapping from move name to its probability)")
        probabilities = {}
        ok = True
        for mname, (key, value) in entries.items():
            if mname not in names:
                self.fail(key, f"'{mname}' is not a move of this chance node{_did_you_mean(mname, names)} "
                          f"(moves: {', '.join(names)})", f"{path}.{mname}")
                ok = False
                continue
            try:
                p = self.r.expression(value, f"{path}.{mname}", self.r.names, f"the probability of move '{mname}'",
                                      hint="declare parameters under 'parameters'")
            except _Invalid:
                ok = False
                self.ok = False
                continue
            if p.is_number and (p < 0 or p > 1):
                self.fail(value, f"the probability of move '{mname}' is {to_text(p)}; expected a probability "
                          "between 0 and 1", f"{path}.{mname}")
                ok = False
            probabilities[mname] = (p, value)
        missing = [m for m in names if m not in entries]
        if missing:
            self.fail(node, f"chance gives no probability for the move{'s' if len(missing) > 1 else ''} "
                      f"{', '.join(missing)}; expected one per move", path)
            ok = False
        if ok:
            total = sympy.Add(*(p for p, _ in probabilities.values()))
            if not _identically_one(total):
                self.fail(node, f"the probabilities of this chance node sum to {to_text(total)}, not 1; expected "
                          "probabilities that sum to 1", path)
        locations = tuple((m, self.r.location(probabilities[m][1], f"{path}.{m}")) for m in names
                          if m in probabilities)
        self._locations = getattr(self, "_locations", []) + [(len(self.nodes), locations)]
        return tuple(probabilities[m][0] if m in probabilities else sympy.Integer(0) for m in names)

    # -- after reading: ids, information sets, recall ---------------------------------------------
    def finish(self, ordinal, outcome_names):
        ids: dict[str, int] = {}
        for k, e in enumerate(self.nodes):
            e["id"] = e.get("name") or e["history"]
            if e["id"] in ids:
                other = self.nodes[ids[e["id"]]]
                self.fail(e["node"], f"two nodes are named '{e['id']}' (the other at line {other['node'].line}); "
                          "node names must be distinct", e["path"])
            ids[e["id"]] = k
        infos: dict[str, list[int]] = {}
        for k, e in enumerate(self.nodes):
            if e["kind"] == "decision":
                label = e.get("info") or e["id"]
                e["infoset"] = label
                infos.setdefault(label, []).append(k)
        for label, members in infos.items():
            first = self.nodes[members[0]]
            if len(members) > 1 or first.get("info"):
                clash = ids.get(label)
                if clash is not None and clash not in members and self.nodes[clash]["kind"] == "decision" \
                        and not self.nodes[clash].get("info"):
                    self.fail(first["node"], f"the information set '{label}' has the name of another node; "
                              "choose another info label", first["path"] + ".info")
            for k in members[1:]:
                e = self.nodes[k]
                if e["player"] != first["player"] and e["player"] is not None and first["player"] is not None:
                    self.fail(e["node"], f"the nodes of information set '{label}' belong to different players "
                              f"({self.players[first['player']]} at line {first['node'].line}, "
                              f"{self.players[e['player']]} here); an information set is one player's", e["path"])
                elif e["moves"] != first["moves"]:
                    self.fail(e["node"], f"the nodes of information set '{label}' offer different moves "
                              f"({', '.join(first['moves'])} at line {first['node'].line}; {', '.join(e['moves'])} "
                              "here); expected the same move names in the same order", e["path"])
        if self.ok:
            self.check_recall(infos)

    def check_recall(self, infos):
        """Perfect recall: every node of an information set has the same sequence of its player's
        own earlier (information set, move) pairs."""
        own: dict[int, tuple] = {}
        for k, e in enumerate(self.nodes):  # pre-order: parents first
            parent = e["parent"]
            if parent is None:
                own[k] = {}
                continue
            seq = dict(own[parent])
            p = self.nodes[parent]
            if p["kind"] == "decision":
                seq[p["player"]] = seq.get(p["player"], ()) + ((p["infoset"], e["move_in"]),)
            own[k] = seq
        for label, members in infos.items():
            player = self.nodes[members[0]]["player"]
            first = own[members[0]].get(player, ())
            for k in members[1:]:
                seq = own[k].get(player, ())
                if seq != first:
                    e = self.nodes[k]
                    if any(h == label for h, _ in seq) or any(h == label for h, _ in first):
                        why = "one of its nodes follows another"
                    else:
                        why = (f"{self.players[player]} arrives at {self.nodes[members[0]]['id'] or 'the root'} "
                               f"after {_seq_text(first)} and here after {_seq_text(seq)}")
                    self.fail(e["node"], f"imperfect recall at information set '{label}': {why}; every node of an "
                              "information set must follow the same earlier moves of its player (perfect recall)",
                              e["path"])
                    break


def _seq_text(seq) -> str:
    return ", ".join(f"{m} at {h or 'the root'}" for h, m in seq) or "no move of its own"


def _keys(node: Mapping) -> set:
    return {k.value for k, _ in node.pairs if isinstance(k, Scalar)}


def read(reader, top) -> TreeBody | None:
    """The tree of a spec (see the module docstring); problems go to ``reader``."""
    players = list(reader.players)
    t = _TreeReader(reader, players)
    try:
        names, payoffs = t.read_outcomes(top)
    except _Invalid:
        return None
    ordinal = bool(names) and payoffs is None
    if "preferences" in top:
        if not ordinal:
            reader.problem(top["preferences"][0], "preferences rank outcomes given as a plain list of names "
                           "(outcomes: [A, B, ...]); with payoffs under 'outcomes' leave preferences out",
                           "preferences")
            return None
        try:
            payoffs = t.read_preferences(top["preferences"][1], names)
        except _Invalid:
            return None
    elif ordinal:
        reader.problem(top["outcomes"][1], "outcomes given as a list of names need 'preferences' (each player's "
                       "ranking, best first); or give each outcome its payoffs", "outcomes")
        return None
    if "tree" not in top:
        return None
    try:
        t.read_tree(top["tree"][1], payoffs, names)
    except _Invalid:
        return None
    t.finish(ordinal, names)
    if not t.ok or reader.problems:
        return None
    nodes = []
    for e in t.nodes:
        nodes.append(TreeNodeSpec(
            id=e["id"], kind=e["kind"], parent=e["parent"], move_in=e["move_in"], player=e.get("player"),
            info=e.get("infoset"), moves=tuple(e.get("moves", ())), children=tuple(e["children"]),
            probabilities=tuple(e.get("probabilities", ())), payoffs=tuple(e.get("payoffs", ())),
            outcome=e.get("outcome"), location=reader.location(e["node"], e["path"])))
    locations = tuple((k, m, loc) for k, entries in getattr(t, "_locations", []) for m, loc in entries)
    return TreeBody(nodes=tuple(nodes), outcomes=tuple(names), ordinal=ordinal, probability_locations=locations)
