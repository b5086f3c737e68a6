"""Pure perfect Bayesian equilibria of game trees, with belief conditions, and their checker.

Conventions
-----------
* Trees and behaviour follow :mod:`gametheory.equilibria.spe`. An *assessment* is a pure
  behaviour profile and a belief at every information set with several nodes: a probability for
  each of its nodes.
* On the path of play beliefs follow from Bayes' rule exactly. Off the path they are free: an
  information set with k nodes gets belief variables ``m1``, ``m2``, ... for its first k - 1
  nodes (the last node has one minus their sum); ``belief_conditions`` are the conditions on them
  (and the parameters) under which the assessment is sequentially rational, beyond
  ``0 <= m <= 1``. ``conditions`` are those on the parameters alone.
* A *two-type sender game* has a chance move with two types at the root, each followed by the
  sender's own decision node with the same messages, then the receiver's information sets, one
  per message, each holding one node per type. Its pure PBE are *pooling* (both types send one
  message) or *separating*; every other tree's are reported as ``"pure"``.

Method
------
Every pure behaviour profile is tried (at most :data:`MAX_PROFILES`). Sequential rationality is
checked at every information set: no move gives the mover a higher expected continuation payoff,
given its belief over the set's nodes and the behaviour elsewhere (the one-shot deviation
principle). Comparisons go through :mod:`gametheory.conditions`. The Intuitive Criterion (Cho and
Kreps 1987) is applied to pooling PBE of two-type sender games whose receiver answers end the
game: a type's deviation to an unused message is equilibrium-dominated when no best response of
the receiver to any belief gives it more than its equilibrium payoff; the PBE fails the criterion
when some type that is not so dominated gains from the deviation against every best response to
beliefs on the undominated types.

References: D. Fudenberg and J. Tirole, "Perfect Bayesian equilibrium and sequential
equilibrium", JET 53 (1991); I.-K. Cho and D. M. Kreps, "Signaling games and stable equilibria",
QJE 102 (1987).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import sympy

from .. import conditions
from ..errors import UnsupportedError
from ..games.tree import Tree
from .spe import _tidy, continuation_values

__all__ = ["Assessment", "PBEResult", "perfect_bayesian", "is_perfect_bayesian", "MAX_PROFILES"]

#: Most pure behaviour profiles tried.
MAX_PROFILES = 4096
_ONE, _ZERO = sympy.Integer(1), sympy.Integer(0)


@dataclass(frozen=True)
class Assessment:
    """One pure perfect Bayesian equilibrium (module docstring)."""

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


def _sender_structure(tree: Tree):
    """(types, sender info ids, messages, receiver info by message) of a two-type sender game, or None."""
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
        if a.kind != "decision" or a.info != b.info or len(sizes[a.info].nodes) != 2 or a.player == senders[0].player:
            return None
        receiver[message] = a.info
    return tuple(root.moves), (senders[0].info, senders[1].info), senders[0].moves, receiver


def perfect_bayesian(tree: Tree) -> PBEResult:
    """Every pure perfect Bayesian equilibrium of ``tree`` (module docstring)."""
    infosets = tree.infosets
    total = 1
    for h in infosets:
        total *= len(h.moves)
    if total > MAX_PROFILES:
        raise UnsupportedError(f"{tree.title or 'this tree'} has {total} pure behaviour profiles, more than the "
                               f"{MAX_PROFILES} the perfect Bayesian search tries")
    assumptions = tuple(tree.assumptions)
    sender = _sender_structure(tree)
    out = []
    for choice in itertools.product(*(h.moves for h in infosets)):
        behaviour = {h.id: {m: (_ONE if m == c else _ZERO) for m in h.moves} for h, c in zip(infosets, choice)}
        found = _assess(tree, behaviour, assumptions)
        if found is None:
            continue
        beliefs, symbols, belief_conds, conds = found
        kind = "pure"
        if sender is not None:
            kind = "pooling" if choice_of(behaviour, sender[1][0]) == choice_of(behaviour, sender[1][1]) else "separating"
        reach = tree.reach(lambda info, moves: behaviour.get(info))
        path = tuple((n.id, m, _tidy(reach[c])) for k, n in enumerate(tree.nodes) if not n.is_leaf and reach[k] != 0
                     for m, c in zip(n.moves, n.children) if reach[c] != 0)
        outcomes = tuple((tree.nodes[k].id, _tidy(reach[k])) for k in tree.leaves if reach[k] != 0)
        payoffs = tuple(_tidy(v) for v in tree.outcome_values(lambda info, moves: behaviour.get(info)))
        ic, breaker = (None, None)
        if kind == "pooling":
            ic, breaker = _intuitive(tree, sender, behaviour, payoffs_by_type(tree, sender, behaviour), assumptions + conds)
        out.append(Assessment(
            kind=kind,
            behaviour=tuple((h.id, tuple(behaviour[h.id].items())) for h in infosets),
            beliefs=beliefs, belief_symbols=symbols, belief_conditions=belief_conds, conditions=conds,
            path=path, outcome_probabilities=outcomes, payoffs=payoffs,
            intuitive_criterion=ic, intuitive_breaker=breaker))
    return PBEResult(tree=tree, assessments=tuple(out), method="pure behaviour profiles with Bayes' rule on the path",
                     notes=("pure assessments only: semi-separating (hybrid) equilibria are not searched",))


def choice_of(behaviour, info):
    return next(m for m, p in behaviour[info].items() if p == 1)


def _assess(tree: Tree, behaviour: dict, assumptions):
    """(beliefs, belief symbols, belief conditions, parameter conditions) if the pure profile is a
    PBE for some beliefs, else None."""
    reach = tree.reach(lambda info, moves: behaviour.get(info))
    beliefs, symbols, belief_rels, param_rels, ranges = [], [], [], [], []
    counter = itertools.count(1)
    for h in tree.infosets:
        i = h.player
        weights = {}
        if len(h.nodes) == 1:
            weights = {h.nodes[0]: _ONE}
        else:
            mass = sympy.expand(sum((reach[k] for k in h.nodes), _ZERO))
            on_path = mass != 0 and conditions.decide(sympy.StrictGreaterThan(mass, 0), assumptions).value is True
            if on_path:
                weights = {k: reach[k] for k in h.nodes}  # proportional to Bayes' beliefs (mass > 0)
                beliefs.append((h.id, tuple((tree.nodes[k].id, _tidy(reach[k] / mass)) for k in h.nodes)))
            else:
                names = []
                for k in h.nodes[:-1]:
                    name = f"m{next(counter)}"
                    s = sympy.Symbol(name, real=True)
                    names.append(s)
                    weights[k] = s
                    symbols.append((name, f"{tree.players[i]}'s belief at {h.id} that the node is {tree.nodes[k].id}"))
                    ranges.append(sympy.GreaterThan(s, 0))
                weights[h.nodes[-1]] = 1 - sum(names, _ZERO)
                ranges.append(sympy.GreaterThan(weights[h.nodes[-1]], 0))
                beliefs.append((h.id, tuple((tree.nodes[k].id, weights[k]) for k in h.nodes)))
        chosen = choice_of(behaviour, h.id)
        values = {}
        for j, m in enumerate(h.moves):
            values[m] = sympy.expand(sum((w * continuation_values(tree, behaviour, tree.nodes[k].children[j])[i]
                                          for k, w in weights.items()), _ZERO))
        for m in h.moves:
            if m == chosen:
                continue
            rel = sympy.GreaterThan(values[chosen] - values[m], 0)
            if rel is sympy.true:
                continue
            if rel is sympy.false:
                return None
            if any(s.name.startswith("m") and s in rel.free_symbols for s in _belief_syms(symbols)):
                belief_rels.append(rel)
            else:
                param_rels.append(rel)
    conds = conditions.simplify(param_rels, assumptions) if param_rels else ()
    if conds is None:
        return None
    belief_conds = ()
    if belief_rels:
        simplified = conditions.simplify(belief_rels, assumptions + tuple(conds) + tuple(ranges))
        if simplified is None:
            return None
        belief_conds = tuple(simplified)
    return tuple(beliefs), tuple(symbols), belief_conds, tuple(conds)


def _belief_syms(symbols):
    return [sympy.Symbol(name, real=True) for name, _ in symbols]


def payoffs_by_type(tree, sender, behaviour) -> dict:
    """Each sender type's equilibrium payoff."""
    i = tree.nodes[tree.root.children[0]].player
    return {t: continuation_values(tree, behaviour, c)[i] for t, c in zip(sender[0], tree.root.children)}


def _intuitive(tree, sender, behaviour, equilibrium, assumptions):
    """(survives, breaking type) for a pooling PBE of a two-type sender game; (None, None) when
    the receiver's answers do not end the game or a comparison cannot be decided."""
    types, sender_infos, messages, receiver = sender
    pooled = choice_of(behaviour, sender_infos[0])
    i = tree.nodes[tree.root.children[0]].player
    for message in messages:
        if message == pooled:
            continue
        h = tree.infoset(receiver[message])
        nodes = [tree.nodes[k] for k in h.nodes]  # one per type, in type order
        if any(not tree.nodes[c].is_leaf for n in nodes for c in n.children):
            return None, None
        r = h.player
        m = sympy.Symbol("mu_", real=True)  # belief that the first type sent the message

        def best_responses(belief_range):
            out = []
            for j, a in enumerate(h.moves):
                rels = [sympy.GreaterThan(sympy.expand(
                    m * (tree.nodes[nodes[0].children[j]].payoffs[r] - tree.nodes[nodes[0].children[l]].payoffs[r])
                    + (1 - m) * (tree.nodes[nodes[1].children[j]].payoffs[r]
                                 - tree.nodes[nodes[1].children[l]].payoffs[r])), 0)
                    for l in range(len(h.moves)) if l != j]
                rels = [x for x in rels if x is not sympy.true]
                if any(x is sympy.false for x in rels):
                    continue
                if conditions.simplify(rels + list(belief_range), assumptions) is not None:
                    out.append(j)
            return out

        def gain(t, j):
            node = nodes[t]
            return tree.nodes[node.children[j]].payoffs[i] - equilibrium[types[t]]

        everything = best_responses([sympy.GreaterThan(m, 0), sympy.LessThan(m, 1)])
        dominated = []
        for t in range(2):
            verdicts = [conditions.decide(sympy.StrictGreaterThan(gain(t, j), 0), assumptions).value
                        for j in everything]
            if any(v is None for v in verdicts):
                return None, None
            dominated.append(not any(verdicts))
        alive = [t for t in range(2) if not dominated[t]]
        if not alive or len(alive) == 2:
            continue
        t = alive[0]
        belief = [sympy.Eq(m, 1 if t == 0 else 0)]
        responses = best_responses(belief)
        verdicts = [conditions.decide(sympy.StrictGreaterThan(gain(t, j), 0), assumptions).value for j in responses]
        if any(v is None for v in verdicts):
            return None, None
        if responses and all(verdicts):
            return False, types[t]
    return True, None


def is_perfect_bayesian(tree: Tree, assessment: Assessment, values: dict | None = None) -> bool:
    """Check an assessment at one point, exactly: ``values`` gives numbers to the belief variables
    (and parameters). Beliefs on the path must be Bayes' rule; at every information set the
    prescribed move must be a best reply to the beliefs, the behaviour elsewhere fixed."""
    values = {sympy.Symbol(k, real=True) if isinstance(k, str) else k: sympy.sympify(v)
              for k, v in (values or {}).items()}
    behaviour = assessment.behaviour_map()
    reach = tree.reach(lambda info, moves: behaviour.get(info))
    beliefs = {info: dict(probs) for info, probs in assessment.beliefs}
    for h in tree.infosets:
        if len(h.nodes) == 1:
            weights = {h.nodes[0]: _ONE}
        else:
            probs = beliefs[h.id]
            weights = {k: sympy.sympify(probs[tree.nodes[k].id]).xreplace(values) for k in h.nodes}
            if any(w < 0 for w in weights.values()) or sum(weights.values()) != 1:
                return False
            mass = sympy.expand(sum((reach[k] for k in h.nodes), _ZERO)).xreplace(values)
            if mass != 0 and any(sympy.simplify(weights[k] * mass - reach[k].xreplace(values)) != 0 for k in h.nodes):
                return False
        chosen = choice_of(behaviour, h.id)
        value = {}
        for j, m in enumerate(h.moves):
            value[m] = sum((w * continuation_values(tree, behaviour, tree.nodes[k].children[j])[h.player]
                            for k, w in weights.items()), _ZERO).xreplace(values)
        if any(sympy.simplify(value[m] - value[chosen]) > 0 for m in h.moves):
            return False
    return True
