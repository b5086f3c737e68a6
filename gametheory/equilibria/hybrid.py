"""Semi-separating (hybrid) perfect Bayesian equilibria of two-type sender games.

Conventions
-----------
* Sender games are as in :func:`gametheory.equilibria.assessment.sender_structure`; the
  receiver's answers must end the game (chance moves may follow them).
* In a semi-separating assessment type ``t`` sends message ``a`` with probability ``s`` and ``b``
  otherwise; the other type ``u`` sends ``a``. The receiver mixes between two answers ``r1``
  (probability ``x``) and ``r2`` at ``a``, answers ``b`` (sent by ``t`` alone) with a best reply
  to ``t``, and answers any other message purely, with belief variables ``m1``, ... there.
  Probabilities are strictly between 0 and 1 (the limits are pure PBE or knife edges). The
  result is an :class:`~gametheory.equilibria.assessment.Assessment` of kind
  ``"semi-separating"``.

Method
------
Both indifference conditions are solved in closed form. With ``D_k`` the receiver's gain from
``r1`` over ``r2`` at ``a`` against type ``k``, the receiver is indifferent at the posterior
``q = D_u / (D_u - D_t)`` on ``t``; Bayes' rule gives ``s = -D_u p_u / (D_t p_t)``. With ``E``
type ``t``'s gain from ``r1`` over ``r2`` at ``a`` and ``N`` its payoff after ``b`` less its
payoff from ``r2`` at ``a``, ``x = N / E`` makes ``t`` indifferent. Every inequality (``q``,
``s`` and ``x`` in (0, 1), the receiver's best replies, type ``u``'s and the off-path messages'
incentives) is multiplied by the denominators, whose signs are fixed case by case (``sD`` for
``D_u - D_t``, ``sE`` for ``E``), so that the conditions are polynomial; they are simplified,
and infeasible cases dropped, by :mod:`gametheory.conditions`. Checkers:
:func:`gametheory.equilibria.pbe.is_perfect_bayesian` (at a point, exactly) and
:func:`gametheory.equilibria.pbe.verify_assessment` (a proof under the conditions).

References: R. Gibbons, *Game Theory for Applied Economists*, Princeton (1992), sec. 4.2
(signaling games, hybrid equilibria); D. Fudenberg and J. Tirole, *Game Theory*, MIT Press (1991),
ch. 8.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import sympy

from .. import conditions
from ..games.tree import Tree
from .assessment import Assessment, decision_free
from .spe import _tidy, continuation_values

__all__ = ["HYBRID_NOTE", "hybrid_equilibria", "positive_form"]

_ONE, _ZERO = sympy.Integer(1), sympy.Integer(0)


HYBRID_NOTE = ("semi-separating equilibria: those where one type mixes between two messages and the receiver "
               "between two answers; none where both types mix")


@dataclass(frozen=True)
class _Sender:
    """A two-type sender game, read once: ``value[k, j, l]`` is every player's payoff when type
    ``k`` sends message ``j`` and the receiver answers ``l`` (answer 0 when ``j`` ends the game);
    ``node[k, j]`` the node after that message; ``infos[j]`` the receiver's information set."""

    tree: Tree
    sender_infos: tuple
    messages: tuple
    infos: tuple
    node: dict
    value: dict
    prior: tuple
    player: int

    def pay(self, k, j, l, player):
        return self.value[k, j, l][player]


def hybrid_equilibria(tree: Tree, sender, assumptions) -> tuple | None:
    """Every semi-separating PBE of the two-type sender game ``tree`` (module docstring), or
    ``None`` when a decision follows one of the receiver's answers. ``sender`` is
    :func:`~gametheory.equilibria.assessment.sender_structure` of ``tree``."""
    _types, sender_infos, messages, receiver = sender
    root = tree.root
    node, value = {}, {}
    for k, c in enumerate(root.children):
        for j, after_message in enumerate(tree.nodes[c].children):
            node[k, j] = after_message
            ends = tree.nodes[after_message].children if receiver[messages[j]] is not None else (after_message,)
            for l, end in enumerate(ends):
                if not decision_free(tree, end):
                    return None
                value[k, j, l] = continuation_values(tree, {}, end)
    infos = tuple(tree.infoset(receiver[m]) if receiver[m] is not None else None for m in messages)
    game = _Sender(tree, sender_infos, messages, infos, node, value, tuple(root.probabilities),
                   tree.nodes[root.children[0]].player)
    answers = [len(h.moves) if h is not None else 1 for h in infos]
    out = []
    for t, a, b in itertools.product(range(2), range(len(messages)), range(len(messages))):
        if a == b or infos[a] is None:
            continue
        others = [c for c in range(len(messages)) if c not in (a, b)]
        for (r1, r2), rb in itertools.product(itertools.combinations(range(answers[a]), 2), range(answers[b])):
            for rc in itertools.product(*(range(answers[c]) for c in others)):
                for signs in ((1, 1), (1, -1), (-1, 1), (-1, -1)):
                    found = _case(game, (t, 1 - t, a, b, r1, r2, rb, dict(zip(others, rc))), signs, assumptions)
                    if found is not None:
                        out.append(found)
    return tuple(out)


def _case(game: _Sender, choice, signs, assumptions) -> Assessment | None:
    """The semi-separating assessment of one choice of types, messages and answers and one case of
    the denominators' signs, if its conditions can hold under the assumptions."""
    t, u, a, b, r1, r2, rb, off = choice
    sD, sE = signs
    pay, prior, i, ra = game.pay, game.prior, game.player, game.infos[a].player
    d_t, d_u = pay(t, a, r1, ra) - pay(t, a, r2, ra), pay(u, a, r1, ra) - pay(u, a, r2, ra)
    w_t, w_u = sD * d_u, -sD * d_t  # the receiver's belief at a, up to a positive factor
    e = pay(t, a, r1, i) - pay(t, a, r2, i)
    n = pay(t, b, rb, i) - pay(t, a, r2, i)
    rels = [sympy.StrictGreaterThan(w_t, 0), sympy.StrictGreaterThan(w_u, 0),     # posterior in (0, 1)
            sympy.StrictGreaterThan(prior[t], 0), sympy.StrictGreaterThan(prior[u], 0),
            sympy.StrictLessThan(sD * (d_t * prior[t] + d_u * prior[u]), 0),       # s < 1
            sympy.StrictGreaterThan(sE * e, 0), sympy.StrictGreaterThan(sE * n, 0),
            sympy.StrictGreaterThan(sE * (e - n), 0)]                              # x in (0, 1)
    rels += [sympy.GreaterThan(w_t * (pay(t, a, r1, ra) - pay(t, a, l, ra))
                               + w_u * (pay(u, a, r1, ra) - pay(u, a, l, ra)), 0)
             for l in range(len(game.infos[a].moves)) if l not in (r1, r2)]  # r1 and r2 are best answers at a
    hb = game.infos[b]
    rels += [sympy.GreaterThan(pay(t, b, rb, hb.player) - pay(t, b, l, hb.player), 0)
             for l in range(len(hb.moves) if hb is not None else 0) if l != rb]  # rb: a best answer to type t

    def u_prefers_a_to(c, rc):  # x*alpha + beta >= u's payoff after c, times sE*E > 0
        alpha, beta = pay(u, a, r1, i) - pay(u, a, r2, i), pay(u, a, r2, i)
        return sympy.GreaterThan(sE * (alpha * n + (beta - pay(u, c, rc, i)) * e), 0)

    rels.append(u_prefers_a_to(b, rb))
    for c, rc in off.items():
        rels += [sympy.GreaterThan(pay(t, b, rb, i) - pay(t, c, rc, i), 0), u_prefers_a_to(c, rc)]
    belief_rels, ranges, weights, symbols = _off_path(game, off)
    rels = [rel.func(sympy.expand(rel.lhs), 0) if rel not in (sympy.true, sympy.false) else rel for rel in rels]
    if any(rel is sympy.false for rel in rels + belief_rels):
        return None
    rels = [rel for rel in rels if rel is not sympy.true]
    belief_rels = [rel for rel in belief_rels if rel is not sympy.true]
    conds = conditions.simplify(rels, assumptions) if rels else ()
    if conds is None:
        return None
    belief_conds = ()
    if belief_rels:
        belief_conds = conditions.simplify(belief_rels, tuple(assumptions) + tuple(conds) + tuple(ranges))
        if belief_conds is None:
            return None
    given = tuple(assumptions) + tuple(conds)
    mixing = (positive_form(-d_u * prior[u] / (d_t * prior[t]), given), positive_form(n / e, given),
              positive_form(d_u / (d_u - d_t), given))
    return _assessment(game, choice, mixing, given, (tuple(conds), tuple(belief_conds)), (weights, symbols))


def _off_path(game: _Sender, off: dict):
    """Belief variables at the receiver's information sets after the unused messages ``off``
    (message -> the pure answer there): (belief conditions making that answer a best reply,
    ``0 <= m <= 1``, weights by message and type, belief symbols)."""
    belief_rels, ranges, weights, symbols = [], [], {}, []
    counter = itertools.count(1)
    for c, rc in off.items():
        h = game.infos[c]
        if h is None:
            continue
        name = f"m{next(counter)}"
        m = sympy.Symbol(name, real=True)
        first = 0 if h.nodes[0] == game.node[0, c] else 1  # the type at the set's first node
        symbols.append((name, f"{game.tree.players[h.player]}'s belief at {h.id} that the node is "
                              f"{game.tree.nodes[h.nodes[0]].id}"))
        ranges += [sympy.GreaterThan(m, 0), sympy.GreaterThan(1 - m, 0)]
        weights[c] = {first: m, 1 - first: 1 - m}
        belief_rels += [sympy.GreaterThan(sympy.expand(sum(weights[c][k] * (game.pay(k, c, rc, h.player)
                                                                          - game.pay(k, c, l, h.player))
                                                         for k in range(2))), 0)
                        for l in range(len(h.moves)) if l != rc]
    return belief_rels, ranges, weights, symbols


def _assessment(game: _Sender, choice, mixing, given, found, off_path) -> Assessment:
    """The :class:`Assessment` of a semi-separating case whose conditions can hold."""
    t, u, a, b, r1, r2, rb, off = choice
    s, x, q = mixing
    conds, belief_conds = found
    weights, symbols = off_path
    tree, infos, messages = game.tree, game.infos, game.messages
    not_s, not_x, not_q = (positive_form(1 - v, given) for v in (s, x, q))
    behaviour = {
        game.sender_infos[t]: {m: (s if j == a else not_s if j == b else _ZERO) for j, m in enumerate(messages)},
        game.sender_infos[u]: {m: (_ONE if j == a else _ZERO) for j, m in enumerate(messages)},
        infos[a].id: {m: (x if l == r1 else not_x if l == r2 else _ZERO) for l, m in enumerate(infos[a].moves)}}
    belief_at = {infos[a].id: {game.node[t, a]: q, game.node[u, a]: not_q}}
    if infos[b] is not None:
        behaviour[infos[b].id] = {m: (_ONE if l == rb else _ZERO) for l, m in enumerate(infos[b].moves)}
        belief_at[infos[b].id] = {game.node[t, b]: _ONE, game.node[u, b]: _ZERO}
    for c, rc in off.items():
        if infos[c] is not None:
            behaviour[infos[c].id] = {m: (_ONE if l == rc else _ZERO) for l, m in enumerate(infos[c].moves)}
            belief_at[infos[c].id] = {game.node[k, c]: weights[c][k] for k in range(2)}
    beliefs = tuple((h.id, tuple((tree.nodes[k].id, belief_at[h.id][k]) for k in h.nodes))
                    for h in tree.infosets if h.id in belief_at)
    reach = tree.reach(lambda info, moves: behaviour.get(info))
    path = tuple((nd.id, mv, positive_form(reach[c], given)) for k, nd in enumerate(tree.nodes)
                 if not nd.is_leaf and reach[k] != 0 for mv, c in zip(nd.moves, nd.children) if reach[c] != 0)
    outcomes = tuple((tree.nodes[k].id, positive_form(reach[k], given)) for k in tree.leaves if reach[k] != 0)
    payoffs = tuple(_tidy(v) for v in tree.outcome_values(lambda info, moves: behaviour.get(info)))
    return Assessment(kind="semi-separating",
                      behaviour=tuple((h.id, tuple(behaviour[h.id].items())) for h in tree.infosets),
                      beliefs=beliefs, belief_symbols=tuple(symbols), belief_conditions=belief_conds,
                      conditions=conds, path=path, outcome_probabilities=outcomes, payoffs=payoffs)


def positive_form(expr, given):
    """``expr`` (a probability) reduced, with each sum among its factors written with the sign that
    is positive under ``given`` (``p/(1 - p)`` rather than ``-p/(p - 1)`` when ``p < 1``)."""
    expr = _tidy(expr)
    if expr.is_Rational:
        return expr
    num, den = sympy.fraction(sympy.factor(sympy.cancel(expr)))
    sign = _ONE
    parts = []
    for side in (num, den):
        factors = []
        for f in sympy.Mul.make_args(side):
            base, power = f.as_base_exp()
            if base.is_Add and conditions.sign(base, given) == "-":
                base = sympy.expand(-base)
                sign *= (-1) ** power
            factors.append(sympy.Pow(base, power) if power != 1 else base)
        parts.append(sympy.Mul(*factors))
    return sign * parts[0] / parts[1]
