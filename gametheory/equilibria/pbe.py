"""Perfect Bayesian equilibria of game trees (pure, and semi-separating in sender games), with
belief conditions, and their checkers.

Conventions
-----------
* Trees and behaviour follow :mod:`gametheory.equilibria.spe`. An *assessment* is a
  behaviour profile (pure, or mixed for a semi-separating PBE) and a belief at every
  information set with several nodes: a probability for each of its nodes
  (:class:`~gametheory.equilibria.assessment.Assessment`).
* On the path of play beliefs follow from Bayes' rule exactly. Off the path they are free: an
  information set with k nodes gets belief variables ``m1``, ``m2``, ... for its first k - 1
  nodes (the last node has one minus their sum); ``belief_conditions`` are the conditions on them
  (and the parameters) under which the assessment is sequentially rational, beyond
  ``0 <= m <= 1``. ``conditions`` are those on the parameters alone.
* A *two-type sender game* has a chance move with two types at the root, each followed by the
  sender's own decision node with the same messages, then the receiver's information sets, one
  per message, each holding one node per type (or, for a message that ends the game, no
  decision after it). Its pure PBE are *pooling* (both types send one message) or *separating*;
  every other tree's are reported as ``"pure"``.
* A *semi-separating* (hybrid) PBE of a two-type sender game whose receiver's answers end the
  game (chance moves may follow them): one type mixes between two messages, the other sends one
  of them, the receiver mixes between two answers to that shared message (its belief there, by
  Bayes' rule, makes it indifferent; its mixing makes the mixing type indifferent), answers the
  message only the mixing type sends with a best reply to that type, and answers other messages
  purely, with off-path belief conditions as for pure PBE. Probabilities are strictly between 0
  and 1: the limits are pure PBE or knife edges. Kind ``"semi-separating"``.

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

Semi-separating PBE are solved in closed form from the two indifference conditions by
:mod:`gametheory.equilibria.hybrid`.
:func:`is_perfect_bayesian` checks any assessment, pure or mixed, at a point, exactly;
:func:`verify_assessment` proves it under the assumptions and its conditions.

References: D. Fudenberg and J. Tirole, "Perfect Bayesian equilibrium and sequential
equilibrium", JET 53 (1991); I.-K. Cho and D. M. Kreps, "Signaling games and stable equilibria",
QJE 102 (1987).
"""

from __future__ import annotations

import itertools

import sympy

from .. import conditions
from ..errors import UnsupportedError
from ..games.tree import Tree
from .assessment import Assessment, PBEResult, decision_free as _decision_free, sender_structure as _sender_structure
from .hybrid import HYBRID_NOTE, hybrid_equilibria
from .spe import _tidy, continuation_values

__all__ = ["Assessment", "PBEResult", "perfect_bayesian", "is_perfect_bayesian", "verify_assessment", "MAX_PROFILES"]

#: Most pure behaviour profiles tried.
MAX_PROFILES = 4096
_ONE, _ZERO = sympy.Integer(1), sympy.Integer(0)


def perfect_bayesian(tree: Tree) -> PBEResult:
    """Every pure perfect Bayesian equilibrium of ``tree``, and in a two-type sender game every
    semi-separating one (module docstring)."""
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
            pooled = choice_of(behaviour, sender[1][0]) == choice_of(behaviour, sender[1][1])
            kind = "pooling" if pooled else "separating"
        reach = tree.reach(lambda info, moves: behaviour.get(info))
        path = tuple((n.id, m, _tidy(reach[c])) for k, n in enumerate(tree.nodes) if not n.is_leaf and reach[k] != 0
                     for m, c in zip(n.moves, n.children) if reach[c] != 0)
        outcomes = tuple((tree.nodes[k].id, _tidy(reach[k])) for k in tree.leaves if reach[k] != 0)
        payoffs = tuple(_tidy(v) for v in tree.outcome_values(lambda info, moves: behaviour.get(info)))
        ic, breaker, fails_when = (None, None, ())
        if kind == "pooling":
            ic, breaker, fails_when = _intuitive(tree, sender, behaviour, payoffs_by_type(tree, sender, behaviour),
                                                 assumptions + conds)
        out.append(Assessment(
            kind=kind,
            behaviour=tuple((h.id, tuple(behaviour[h.id].items())) for h in infosets),
            beliefs=beliefs, belief_symbols=symbols, belief_conditions=belief_conds, conditions=conds,
            path=path, outcome_probabilities=outcomes, payoffs=payoffs,
            intuitive_criterion=ic, intuitive_breaker=breaker, intuitive_fails_when=fails_when))
    method = "pure behaviour profiles with Bayes' rule on the path"
    hybrid = hybrid_equilibria(tree, sender, assumptions) if sender is not None else None
    if hybrid is None:
        return PBEResult(tree=tree, assessments=tuple(out), method=method,
                         notes=("pure assessments only: semi-separating (hybrid) equilibria are searched in "
                                "two-type sender games where no one decides after the receiver",))
    return PBEResult(tree=tree, assessments=tuple(out) + hybrid,
                     method=method + "; semi-separating assessments from the indifference conditions",
                     notes=(HYBRID_NOTE,))


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
    """(survives, breaking type, fails-when conditions) for a pooling PBE of a two-type sender game.

    For each unused message, type ``t`` breaks the PBE when the other type is equilibrium-dominated
    there (no best answer to any belief gives it more than its equilibrium payoff) and ``t`` gains
    against every best answer to a belief on ``t`` alone. When that holds under the conditions only
    for some parameters, the answer is ``(None, t, conditions)``; ``(None, None, ())`` when someone
    decides after the receiver's answers or several messages fail under different conditions."""
    types, sender_infos, messages, receiver = sender
    pooled = choice_of(behaviour, sender_infos[0])
    i = tree.nodes[tree.root.children[0]].player
    conditional = []
    for message in messages:
        if message == pooled or receiver[message] is None:  # a message that ends the game: no belief matters
            continue
        h = tree.infoset(receiver[message])
        nodes = [tree.nodes[k] for k in h.nodes]  # one per type, in type order
        if not all(_decision_free(tree, c) for n in nodes for c in n.children):
            return None, None, ()
        pay = [[continuation_values(tree, {}, c) for c in n.children] for n in nodes]
        r = h.player
        m = sympy.Symbol("mu_", real=True)  # belief that the first type sent the message

        def best_responses(belief_range):
            out = []
            for j, a in enumerate(h.moves):
                rels = [sympy.GreaterThan(sympy.expand(m * (pay[0][j][r] - pay[0][l][r])
                                                       + (1 - m) * (pay[1][j][r] - pay[1][l][r])), 0)
                        for l in range(len(h.moves)) if l != j]
                rels = [x for x in rels if x is not sympy.true]
                if any(x is sympy.false for x in rels):
                    continue
                if conditions.simplify(rels + list(belief_range), assumptions) is not None:
                    out.append(j)
            return out

        def gain(t, j):
            return sympy.expand(pay[t][j][i] - equilibrium[types[t]])

        everything = best_responses([sympy.GreaterThan(m, 0), sympy.LessThan(m, 1)])
        for t in range(2):
            responses = best_responses([sympy.Eq(m, 1 if t == 0 else 0)])
            if not responses:
                continue
            rels = ([sympy.LessThan(gain(1 - t, j), 0) for j in everything]
                    + [sympy.StrictGreaterThan(gain(t, j), 0) for j in responses])
            if any(x is sympy.false for x in rels):
                continue
            rels = [x for x in rels if x is not sympy.true]
            when = conditions.simplify(rels, assumptions) if rels else ()
            if when is None:
                continue
            if not when:
                return False, types[t], ()
            conditional.append((types[t], tuple(when)))
    if not conditional:
        return True, None, ()
    if len(conditional) == 1:
        return None, conditional[0][0], conditional[0][1]
    return None, None, ()


def is_perfect_bayesian(tree: Tree, assessment: Assessment, values: dict | None = None) -> bool:
    """Check an assessment at one point, exactly: ``values`` gives numbers to the belief variables
    (and parameters). Behaviour must be probabilities; beliefs on the path must be Bayes' rule; at
    every information set no move may give the mover more than the prescribed behaviour, given
    the beliefs and the behaviour elsewhere (the one-shot deviation principle), so every move
    played with positive probability is a best reply. Pure and mixed behaviour alike."""
    values = {sympy.Symbol(k, real=True) if isinstance(k, str) else k: sympy.sympify(v)
              for k, v in (values or {}).items()}
    behaviour = {info: {m: sympy.sympify(p).xreplace(values) for m, p in moves}
                 for info, moves in assessment.behaviour}
    for moves in behaviour.values():
        if any(sympy.simplify(p) < 0 for p in moves.values()) or sympy.simplify(sum(moves.values()) - 1) != 0:
            return False
    reach = [r.xreplace(values) for r in tree.reach(lambda info, moves: behaviour.get(info))]
    beliefs = {info: dict(probs) for info, probs in assessment.beliefs}
    for h in tree.infosets:
        if len(h.nodes) == 1:
            weights = {h.nodes[0]: _ONE}
        else:
            probs = beliefs[h.id]
            weights = {k: sympy.sympify(probs[tree.nodes[k].id]).xreplace(values) for k in h.nodes}
            if any(sympy.simplify(w) < 0 for w in weights.values()) or sympy.simplify(sum(weights.values()) - 1) != 0:
                return False
            mass = sympy.simplify(sum((reach[k] for k in h.nodes), _ZERO))
            if mass != 0 and any(sympy.simplify(weights[k] * mass - reach[k]) != 0 for k in h.nodes):
                return False
        value = {}
        for j, m in enumerate(h.moves):
            value[m] = sum((w * continuation_values(tree, behaviour, tree.nodes[k].children[j])[h.player]
                            for k, w in weights.items()), _ZERO).xreplace(values)
        prescribed = sum((behaviour[h.id][m] * value[m] for m in h.moves), _ZERO)
        if any(sympy.simplify(value[m] - prescribed) > 0 for m in h.moves):
            return False
    return True


def verify_assessment(tree: Tree, assessment: Assessment) -> conditions.Decision:
    """Check an assessment symbolically: under the tree's assumptions, the assessment's conditions,
    its belief conditions and ``0 <= m <= 1`` for each belief variable, every behaviour is a
    probability distribution, every belief on the path is Bayes' rule, and no move at any
    information set gives its mover more than the prescribed behaviour (the one-shot deviation
    principle). ``True`` is a proof; ``None`` that some comparison could not be decided."""
    given = list(tree.assumptions) + list(assessment.conditions) + list(assessment.belief_conditions)
    for name, _ in assessment.belief_symbols:
        m = sympy.Symbol(name, real=True)
        given += [sympy.GreaterThan(m, 0), sympy.LessThan(m, 1)]
    given = tuple(given)
    claims = []
    behaviour = {info: dict(moves) for info, moves in assessment.behaviour}
    for moves in behaviour.values():
        claims += [sympy.GreaterThan(p, 0) for p in moves.values()]
        claims.append(sympy.Eq(sympy.cancel(sum(moves.values()) - 1), 0))
    reach = tree.reach(lambda info, moves: behaviour.get(info))
    beliefs = {info: dict(probs) for info, probs in assessment.beliefs}
    for h in tree.infosets:
        weights = {h.nodes[0]: _ONE}
        if len(h.nodes) > 1:
            weights = {k: sympy.sympify(beliefs[h.id][tree.nodes[k].id]) for k in h.nodes}
            claims += [sympy.GreaterThan(w, 0) for w in weights.values()]
            claims.append(sympy.Eq(sympy.cancel(sum(weights.values()) - 1), 0))
            mass = sympy.expand(sum((reach[k] for k in h.nodes), _ZERO))
            if mass != 0:  # Bayes' rule wherever the set is reached (w * mass = reach is void where mass = 0)
                claims += [sympy.Eq(sympy.cancel(weights[k] * mass - reach[k]), 0) for k in h.nodes]
        value = {m: sum((w * continuation_values(tree, behaviour, tree.nodes[k].children[j])[h.player]
                         for k, w in weights.items()), _ZERO) for j, m in enumerate(h.moves)}
        prescribed = sum((behaviour[h.id][m] * value[m] for m in h.moves), _ZERO)
        claims += [sympy.LessThan(sympy.cancel(value[m] - prescribed), 0) for m in h.moves]
    verdict = True
    for claim in claims:
        if claim is sympy.true:
            continue
        if claim is sympy.false:
            return conditions.Decision(False, ())
        value = conditions.decide(claim, given).value
        if value is False:
            return conditions.Decision(False, ())
        if value is None:
            verdict = None
    return conditions.Decision(verdict, ())
