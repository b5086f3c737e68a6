"""``statics --verify N`` on a game tree: the comparative statics of
:mod:`gametheory.analysis.tree_statics` checked against the numeric engine at random rational points
satisfying the assumptions (finite differences of the numeric subgame-perfect or perfect Bayesian
equilibria), returned as a :class:`gametheory.analysis.verify.Verification`."""

from __future__ import annotations

import random

import sympy

from .. import conditions, limits
from ..games.tree import Tree
from .statics import _usable
from .tree_statics import TreeQuantity, TreeStatics, _holds_at

__all__ = ["verify_tree_statics"]


# -- the check against the numeric engine -----------------------------------------------------------

def _equal(a, b) -> bool:
    """Whether two exact numbers are equal (:func:`gametheory.conditions.number_sign` of the difference)."""
    a, b = sympy.sympify(a), sympy.sympify(b)
    if a == b:
        return True
    difference = a - b
    if difference.free_symbols:
        return False
    return conditions.number_sign(difference) == "0"


def _support(entry) -> tuple:
    return tuple((info, tuple(m for m, p in moves if p != 0)) for info, moves in entry.behaviour)


def _entries(result):
    return result.equilibria if hasattr(result, "equilibria") else result.assessments


def _quantity_value(q: TreeQuantity, entry, tree: Tree):
    """The value of a (non-threshold) quantity in a numeric equilibrium ``entry``."""
    if q.kind == "payoff":
        return entry.payoffs[list(tree.players).index(q.player)]
    if q.kind == "probability":
        return dict(dict(entry.behaviour).get(q.info, ())).get(q.move)
    if q.kind == "outcome":
        return dict(entry.outcome_probabilities).get(q.name[len("outcome:"):], sympy.Integer(0))
    if q.kind == "belief":
        return dict(dict(entry.beliefs).get(q.info, ())).get(q.move)
    return None


def _exact_sign(value) -> str | None:
    value = sympy.sympify(value)
    if value.free_symbols:
        return None
    s = conditions.number_sign(value)
    return s if s in ("+", "-", "0") else None


def verify_tree_statics(result: TreeStatics, points: int = 50, *, seed: int = 0):
    """Check the statics of a tree at ``points`` random rational points that satisfy the
    assumptions (:func:`gametheory.analysis.verify.sample_points`), against the numeric engine.

    At each point: every listed equilibrium whose conditions hold there is found, with the same
    behaviour, among the equilibria of the numeric tree (the tree with the point put in, solved
    again); the sign of each quantity's derivative (or, for ``?``, of the region holding there) is
    the sign of a central finite difference of that quantity in the numeric equilibria at the
    point moved by :data:`gametheory.analysis.verify.STEP` either way (the equilibrium with the
    same support); each threshold is checked against its condition (the condition holds just on
    the claimed side of the threshold and fails just on the other) and its derivative's sign
    against a finite difference of its exact value. Returns a
    :class:`gametheory.analysis.verify.Verification`.
    """
    from ..equilibria.pbe import perfect_bayesian
    from ..equilibria.spe import subgame_perfect
    from ..errors import AnalysisError
    from .verify import STEP, Disagreement, Verification, holds, sample_points

    tree = result.tree
    edges = []
    for e in result.equilibria:
        edges.extend(_usable(e.conditions))
    drawn, draws = sample_points(tree, points, edges=tuple(edges), seed=seed)
    if not drawn:
        raise AnalysisError(f"no point satisfying the assumptions was found in {draws} random draws, "
                            "so the answer could not be checked against the numeric engine")
    solved: dict = {}

    def numeric(point, family):
        key = (tuple(sorted((str(s), v) for s, v in point.items())), family)
        if key not in solved:
            values = {str(s): v for s, v in point.items()}
            t = tree.subs(values) if values else tree
            solved[key] = _entries(subgame_perfect(t) if family == "spe" else perfect_bayesian(t))
        return solved[key]

    comparisons, inconclusive, disagreements = 0, 0, []
    rng = random.Random(seed)
    for point in drawn:
        limits.check("checking the statics of a tree at random points")
        where = tuple(sorted(((str(s), v) for s, v in point.items()), key=lambda kv: kv[0]))

        def disagree(what, symbolic, observed, detail=""):
            disagreements.append(Disagreement(where, what, symbolic, observed, detail))

        for e in result.equilibria:
            if holds(e.conditions, point) is not True or e.knife_edge:
                continue
            name = f"{e.family.upper()} {e.index + 1}"
            at = {info: {m: sympy.sympify(p).xreplace(point) for m, p in moves} for info, moves in e.entry.behaviour}
            match = next((n for n in numeric(point, e.family) if set(dict(n.behaviour)) == set(at) and all(
                _equal(p, at[info].get(m)) for info, moves in n.behaviour for m, p in moves)), None)
            comparisons += 1
            if match is None:
                disagree(f"{name} ({e.label})", "an equilibrium here", "not among the numeric equilibria")
                continue
            support = _support(match)
            for d in e.derivatives:
                q = d.quantity
                symbol = next((s for s in point if str(s) == d.parameter), None)
                if symbol is None:
                    continue
                claimed = d.sign if d.sign != "?" else next(
                    (s for s, conds in d.regions if holds(tuple(conds), point) is True), None)
                what = f"the sign of d({q.name})/d{d.parameter} in {name}"
                up = {**point, symbol: point[symbol] + STEP}
                down = {**point, symbol: point[symbol] - STEP}
                if q.kind == "threshold":
                    observed = _exact_sign(q.expression.xreplace(up) - q.expression.xreplace(down))
                else:
                    values = []
                    for p in (up, down):
                        if holds(tuple(tree.assumptions), p) is not True:
                            values.append(None)
                            continue
                        same = next((n for n in numeric(p, e.family) if _support(n) == support), None)
                        values.append(None if same is None else _quantity_value(q, same, tree))
                    observed = None if None in values else _exact_sign(values[0] - values[1])
                if claimed is None or observed is None:
                    inconclusive += 1
                    continue
                comparisons += 1
                if claimed != observed:
                    disagree(what, claimed, observed)
            for q in e.thresholds():
                t = q.threshold
                symbol = sympy.Symbol(t.variable, real=True)
                if (t.expression.free_symbols | t.condition.free_symbols) - set(point) - {symbol}:
                    inconclusive += 1
                    continue
                value = t.expression.xreplace(point)
                delta = sympy.Rational(1, rng.randint(200, 1000))
                for v in (value + delta, value - delta) if t.relation != "==" else (value,):
                    moved = {**point, symbol: v}
                    claimed = _holds_at([t.relational], moved)
                    observed = _holds_at([t.condition], moved)
                    comparisons += 1
                    if claimed != observed:
                        disagree(f"the threshold {q.name} of {name} at {t.variable} = {v}",
                                 "holds" if claimed else "fails", "holds" if observed else "fails",
                                 f"the condition {conditions.to_str(t.condition)}")
    note = ""
    if not tree.free_symbols:
        note = "the tree has no free parameters: one point is the whole game"
    elif len(drawn) < points:
        note = f"only {len(drawn)} of {points} points satisfying the assumptions were found in {draws} random draws"
    return Verification(
        requested=points,
        points=tuple(tuple(sorted(((str(s), v) for s, v in p.items()), key=lambda kv: kv[0])) for p in drawn),
        checks=("the subgame-perfect" + (" and perfect Bayesian" if any(e.family == "pbe" for e in result.equilibria)
                                         else "") + " equilibria",
                "the signs of the comparative statics", "the thresholds against their conditions"),
        comparisons=comparisons, inconclusive=inconclusive, disagreements=tuple(disagreements), seed=seed, note=note)
