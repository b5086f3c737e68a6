"""Perfect Bayesian assessments as values, and the shape of a two-type sender game.

Conventions
-----------
* An :class:`Assessment` is one perfect Bayesian equilibrium: behaviour at every information set
  (move probabilities, exact), beliefs at the information sets with several nodes, the belief
  variables ``m1``, ``m2``, ... that stand for beliefs off the path, and the conditions on the
  parameters (``conditions``) and on the beliefs (``belief_conditions``) under which it is one.
  :mod:`gametheory.equilibria.pbe` finds the pure ones, :mod:`gametheory.equilibria.hybrid` the
  semi-separating ones.
* A *two-type sender game* (:func:`sender_structure`) has a chance move with two types at the
  root, each followed by the sender's own decision node with the same messages; after each
  message either the receiver's information set, holding one node per type, or no decision at all
  (the message ends the game).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..games.tree import Tree

__all__ = ["Assessment", "PBEResult", "decision_free", "sender_structure"]


@dataclass(frozen=True)
class Assessment:
    """One perfect Bayesian equilibrium, pure or semi-separating (module docstring)."""

    kind: str
    behaviour: tuple
    beliefs: tuple  # ((info, ((node id, probability), ...)), ...)
    belief_symbols: tuple  # ((name, description), ...)
    belief_conditions: tuple
    conditions: tuple
    path: tuple
    outcome_probabilities: tuple
    payoffs: tuple
    intuitive_criterion: bool | None = None
    intuitive_breaker: str | None = None
    intuitive_fails_when: tuple = ()  # conditions under which it fails, when that depends on the parameters

    def behaviour_map(self) -> dict:
        return {info: dict(moves) for info, moves in self.behaviour}


@dataclass(frozen=True)
class PBEResult:
    tree: Tree
    assessments: tuple
    method: str
    complete: bool = True
    notes: tuple = ()

    def __iter__(self):
        return iter(self.assessments)

    def __len__(self):
        return len(self.assessments)


def decision_free(tree: Tree, k: int) -> bool:
    """No decision node at or below node ``k`` (its value is fixed)."""
    return all(tree.nodes[j].kind != "decision" for j in range(k, tree.subtree_end(k)))


def sender_structure(tree: Tree):
    """(types, sender info ids, messages, receiver info by message) of a two-type sender game, or
    None. A message after which no one decides (it ends the game for both types) has receiver
    info ``None``."""
    root = tree.root
    if root.kind != "chance" or len(root.children) != 2:
        return None
    senders = [tree.nodes[c] for c in root.children]
    if any(s.kind != "decision" for s in senders) or senders[0].player != senders[1].player:
        return None
    if senders[0].info == senders[1].info or senders[0].moves != senders[1].moves:
        return None
    sizes = {h.id: h for h in tree.infosets}
    receiver = {}
    for j, message in enumerate(senders[0].moves):
        a, b = (tree.nodes[s.children[j]] for s in senders)
        if decision_free(tree, senders[0].children[j]) and decision_free(tree, senders[1].children[j]):
            receiver[message] = None
            continue
        if a.kind != "decision" or a.info != b.info or len(sizes[a.info].nodes) != 2 or a.player == senders[0].player:
            return None
        receiver[message] = a.info
    return tuple(root.moves), (senders[0].info, senders[1].info), senders[0].moves, receiver
