"""Subgame-perfect equilibria of trees (TREES.md): symbolic cases with exact expectations, the
checker on every answer, brute-force backward induction and pygambit on random numeric trees."""

from __future__ import annotations

import itertools
import json
import random
from fractions import Fraction
from pathlib import Path

import pytest
import sympy

from gametheory.equilibria.spe import is_subgame_perfect, subgame_perfect, subgame_roots
from gametheory.equilibria.threats import non_credible
from gametheory.report import load

FIXTURES = Path(__file__).parent / "fixtures" / "trees"
p, cC, cD = sympy.symbols("p cC cD", real=True)


def _pure(entry) -> dict:
    return {info: next(m for m, q in moves if q == 1) for info, moves in entry.behaviour}


def test_deterrence_one_spe_per_region_and_knife_edges_kept():
    tree = load((FIXTURES / "deterrence-test.yaml").read_text(), name="d.yaml")
    result = subgame_perfect(tree)
    assert result.subgames == ("", "Challenge")
    found = [(tuple(sorted(_pure(e).items())), e.conditions) for e in result]
    assert found == [
        ((("", "StatusQuo"), ("Challenge", "Resist")), (cD + p <= 1, p <= cC)),
        ((("", "Challenge"), ("Challenge", "Resist")), (cC <= p, cD + p <= 1)),
        ((("", "Challenge"), ("Challenge", "Concede")), (sympy.Le(1, cD + p),)),
    ]
    # the knife edge cD + p = 1: the Defender is indifferent, and both answers are SPE there
    edge = {p: sympy.Rational(1, 2), cD: sympy.Rational(1, 2), cC: sympy.Rational(1, 4)}
    assert {_pure(e)["Challenge"] for e in result if all(c.xreplace(edge) for c in e.conditions)} == {
        "Resist", "Concede"}
    concede = result[2]
    assert concede.path == (("", "Challenge", 1), ("Challenge", "Concede", 1))
    assert concede.outcome_probabilities == (("Challenge/Concede", 1),)
    assert concede.payoffs == (1, 0)
    for e in result:
        assert is_subgame_perfect(tree, e.behaviour_map(), e.conditions).value is True


def test_deterrence_resist_is_a_non_credible_threat_when_cd_exceeds_1_minus_p():
    tree = load((FIXTURES / "deterrence-test.yaml").read_text(), name="d.yaml")
    entries, _ = non_credible(tree)
    (entry,) = entries
    assert _pure(entry) == {"": "StatusQuo", "Challenge": "Resist"}
    assert entry.conditions == (sympy.Lt(1, cD + p), p <= cC)
    (threat,) = entry.threats
    assert (threat.info, threat.move, threat.alternative) == ("Challenge", "Resist", "Concede")
    assert threat.loss == cD + p - 1
    assert threat.credible_when == (cD + p <= 1,)


def test_symbolic_spe_at_random_points_against_a_numeric_solve():
    tree = load((FIXTURES / "deterrence-test.yaml").read_text(), name="d.yaml")
    result = subgame_perfect(tree)
    rng = random.Random(7)
    for _ in range(15):
        point = {"p": Fraction(rng.randint(1, 9), 10), "cC": Fraction(rng.randint(1, 9), 10),
                 "cD": Fraction(rng.randint(1, 9), 10)}
        values = {sympy.Symbol(k, real=True): sympy.Rational(v.numerator, v.denominator) for k, v in point.items()}
        holding = {tuple(sorted(_pure(e).items())) for e in result
                   if all(bool(c.xreplace(values)) for c in e.conditions)}
        numeric = subgame_perfect(tree.subs({k: sympy.Rational(v.numerator, v.denominator) for k, v in point.items()}))
        assert holding == {tuple(sorted(_pure(e).items())) for e in numeric}


# -- random numeric trees ---------------------------------------------------------------------------

def _random_tree(rng: random.Random, info_set: bool = False) -> dict:
    values = iter(rng.sample(range(-40, 40), 80))
    counter = itertools.count()

    def node(depth):
        if depth == 0 or (depth < 3 and rng.random() < 0.4):
            return [next(values), next(values)]
        # small trees: pygambit's enummixed on a degenerate reduced normal form of 20 x 6 plans
        # takes a minute
        moves = {f"m{next(counter)}": node(depth - 1) for _ in range(rng.choice((2, 2, 3)))}
        return {"player": rng.choice(["A", "B"]), "moves": moves}

    if info_set:
        # A moves; B answers without seeing which of two moves A made
        answer = lambda: {"player": "B", "info": "h",  # noqa: E731
                          "moves": {"l": node(0), "r": node(0)}}
        tree = {"player": "A", "moves": {"x": answer(), "y": answer(), "z": node(1)}}
    else:
        tree = node(3)
    return {"title": "Random", "players": ["A", "B"], "tree": tree}


def _brute_force(tree):
    """Every pure behaviour profile that passes the one-shot deviation test at every node,
    by enumeration (small trees only)."""
    infosets = tree.infosets
    out = []
    for choice in itertools.product(*(h.moves for h in infosets)):
        behaviour = {h.id: {m: sympy.Integer(1 if m == c else 0) for m in h.moves} for h, c in zip(infosets, choice)}
        if is_subgame_perfect(tree, behaviour).value is True:
            out.append(dict(zip((h.id for h in infosets), choice)))
    return out


def _backward_induction(tree) -> dict:
    """Plain backward induction in Fractions, for perfect information and distinct payoffs."""
    choice = {}

    def value(k):
        node = tree.nodes[k]
        if node.is_leaf:
            return tuple(Fraction(str(v)) for v in node.payoffs)
        values = [value(c) for c in node.children]
        best = max(range(len(values)), key=lambda j: values[j][node.player])
        choice[node.info] = node.moves[best]
        return values[best]

    value(0)
    return choice


def _in_gambit(tree, entry) -> bool:
    pygambit = pytest.importorskip("pygambit")
    game = tree.normal_form()
    arrays = [[[Fraction(str(game.payoffs[i][a, b])) for b in range(game.shape[1])] for a in range(game.shape[0])]
              for i in range(2)]
    g = pygambit.Game.from_arrays(*arrays)
    result = pygambit.nash.enummixed_solve(g, rational=True)
    behaviour = _pure(entry)
    index = []
    for i in range(2):
        plans = tree.plans(i)
        index.append(next(k for k, plan in enumerate(plans) if all(behaviour.get(info) == m for info, m in plan.choices)))
    for eq in result.equilibria:
        rows = [[eq[s] for s in player.strategies] for player in g.players]
        if rows[0][index[0]] == 1 and rows[1][index[1]] == 1:
            return True
    return False


@pytest.mark.parametrize("seed", range(12))
def test_random_perfect_information_trees_agree_with_brute_force_and_gambit(seed):
    rng = random.Random(seed)
    while True:  # a tree whose reduced normal form pygambit's enummixed solves in well under a second
        tree = load(json.dumps(_random_tree(rng), indent=1), name="r.json")
        if tree.normal_form().shape[0] * tree.normal_form().shape[1] <= 48:
            break
    assert tree.perfect_information
    result = subgame_perfect(tree)
    assert [_pure(e) for e in result] == [_backward_induction(tree)]  # generic payoffs: exactly one SPE
    assert len(result) == 1
    for e in result:
        assert is_subgame_perfect(tree, e.behaviour_map()).value is True
        assert _in_gambit(tree, e)


@pytest.mark.parametrize("seed", range(6))
def test_random_trees_with_one_information_set(seed):
    rng = random.Random(100 + seed)
    tree = load(json.dumps(_random_tree(rng, info_set=True), indent=1), name="r.json")
    assert not tree.perfect_information
    result = subgame_perfect(tree)
    assert len(result) >= 1
    for e in result:
        assert is_subgame_perfect(tree, e.behaviour_map()).value is True
        if e.is_pure:
            assert _in_gambit(tree, e)
    pure = [e for e in result if e.is_pure]
    assert sorted(map(lambda e: sorted(_pure(e).items()), pure)) == sorted(
        sorted(b.items()) for b in _brute_force(tree))


def test_subgame_roots_exclude_information_sets_that_leave_the_subtree():
    tree = load(json.dumps(_random_tree(random.Random(3), info_set=True), indent=1), name="r.json")
    roots = {tree.nodes[k].id for k in subgame_roots(tree)}
    assert "" in roots and "x" not in roots and "y" not in roots and "z" in roots
