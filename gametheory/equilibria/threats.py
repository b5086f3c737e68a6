"""Non-credible threats: Nash equilibria of a tree's reduced normal form that are not subgame
perfect, each with the move that is not credible.

Conventions
-----------
* Trees and behaviour follow :mod:`gametheory.equilibria.spe`. ``loss`` is what carrying out
  the prescribed move costs its mover at a node off the path of play: the mover's continuation
  payoff from its best alternative move minus that from the prescribed move (others' behaviour
  as the equilibrium prescribes); ``credible_when`` is ``loss <= 0`` simplified under the
  assumptions (``None`` where it never holds).

Method
------
Every pure Nash equilibrium of the reduced normal form (:func:`gametheory.equilibria.equilibria`
with ``method="pure"``: a threat is a plan, and mixed equilibria of the reduced normal form are
continua at every off-path node) is turned into behaviour (Kuhn 1953). Information sets its own plans rule out are completed by
backward induction (the completion most favourable to credibility), with case splits. Then, at
each decision node with a singleton information set that the equilibrium does not reach, the
prescribed move is compared with every alternative (the one-shot deviation principle): where an
alternative pays the mover more, the threat is not credible (Selten 1965, 1975; Schelling 1960
on threats that are not credible). Information sets with several nodes off the path are judged
by perfect Bayesian equilibrium instead (beliefs), not here.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy

from .. import conditions
from ..errors import UnsupportedError
from ..games.tree import Tree
from .spe import _entry, _Solver, _tidy, behaviour_of, continuation_values

__all__ = ["Threat", "NonCredible", "non_credible"]


@dataclass(frozen=True)
class Threat:
    """A move prescribed off the path that its mover would not carry out."""

    info: str
    move: str
    alternative: str
    loss: sympy.Expr
    credible_when: tuple | None


@dataclass(frozen=True)
class NonCredible:
    """A Nash equilibrium that is not subgame perfect, with its non-credible threats."""

    behaviour: tuple
    path: tuple
    outcome_probabilities: tuple
    payoffs: tuple
    conditions: tuple
    threats: tuple[Threat, ...]


def non_credible(tree: Tree, nash=None) -> tuple[tuple[NonCredible, ...], tuple[str, ...]]:
    """The Nash equilibria of the reduced normal form that are not subgame perfect, and notes.

    ``nash`` is the :class:`~gametheory.equilibria.EquilibriumSet` of ``tree.normal_form()``
    (its pure equilibria, computed when not given).
    """
    from . import equilibria as equilibria_of

    assumptions = tuple(tree.assumptions)
    if nash is None:
        nash = equilibria_of(tree.normal_form(), method="pure")
    notes = list(nash.notes)
    reasoner = conditions.Reasoner(assumptions)
    out = []
    seen = set()
    for eq in nash.equilibria:
        fixed = {info: dict(moves) for info, moves in behaviour_of(tree, eq.profile.probabilities)}
        solver = _Solver(tree, fixed)
        solver.assumptions = assumptions + tuple(eq.conditions)
        solver.reasoner = conditions.Reasoner(solver.assumptions)
        solver.numeric = False
        try:
            completions = solver.solve(0)
        except UnsupportedError:
            notes.append("a Nash equilibrium that leaves information sets with several nodes unreached by "
                         "its own plans was not checked for credibility")
            continue
        for cont in completions:
            given = tuple(eq.conditions) + tuple(cont.conditions)
            entry = _entry(tree, cont, reasoner)
            behaviour = entry.behaviour_map()
            threats = _threats(tree, behaviour, fixed, assumptions + given)
            if not threats:
                continue
            extra = (sympy.StrictGreaterThan(threats[0].loss, 0),) if len(threats) == 1 else ()
            conds = conditions.simplify(given + extra, assumptions)
            if conds is None:
                continue
            key = (entry.behaviour, conds)
            if key in seen:
                continue
            seen.add(key)
            out.append(NonCredible(behaviour=entry.behaviour, path=entry.path,
                                   outcome_probabilities=entry.outcome_probabilities,
                                   payoffs=tuple(reasoner.tidy(v) for v in eq.payoffs), conditions=tuple(conds),
                                   threats=tuple(threats)))
    return tuple(out), tuple(dict.fromkeys(notes))


def _threats(tree: Tree, behaviour: dict, fixed: dict, assumptions) -> list[Threat]:
    reach = tree.reach(lambda info, moves: behaviour.get(info))
    out = []
    infosets = {h.id: h for h in tree.infosets}
    for k, node in enumerate(tree.nodes):
        if node.kind != "decision" or reach[k] != 0 or node.info not in fixed:
            continue
        if len(infosets[node.info].nodes) != 1:
            continue
        i = node.player
        dist = behaviour[node.info]
        values = {m: continuation_values(tree, behaviour, c)[i] for m, c in zip(node.moves, node.children)}
        current = sum((dist.get(m, 0) * v for m, v in values.items()), sympy.Integer(0))
        prescribed = max(node.moves, key=lambda m: (dist.get(m, 0) if dist.get(m, 0).is_number else 0))
        for m in node.moves:
            if dist.get(m, 0) == 1:
                continue
            loss = _tidy(sympy.expand(values[m] - current))
            if conditions.decide(sympy.StrictGreaterThan(loss, 0), assumptions).value is False:
                continue
            credible = conditions.simplify([sympy.LessThan(loss, 0)], assumptions[: len(tree.assumptions)])
            out.append(Threat(info=node.info, move=prescribed, alternative=m, loss=loss, credible_when=credible))
    return out
