"""Tree specs (TREES.md): reading, limits, the Tree value and its reduced normal form."""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy

from gametheory.errors import SpecError
from gametheory.games.tree import Tree
from gametheory.spec import load_spec

FIXTURES = Path(__file__).parent / "fixtures" / "trees"


def _load(text: str, name: str = "t.yaml"):
    from gametheory.report import load

    return load(text, name=name)


def test_deterrence_tree_nodes_and_ids():
    tree = _load((FIXTURES / "deterrence-test.yaml").read_text())
    assert isinstance(tree, Tree)
    assert [n.id for n in tree.nodes] == ["", "StatusQuo", "Challenge", "Challenge/Resist", "Challenge/Concede"]
    assert [h.id for h in tree.infosets] == ["", "Challenge"]
    assert tree.nodes[3].outcome == "War"
    p, cC = sympy.symbols("p cC", real=True)
    assert tree.nodes[3].payoffs[0] == p - cC
    assert tree.perfect_information and not tree.has_chance


def test_reduced_normal_form_of_deterrence():
    game = _load((FIXTURES / "deterrence-test.yaml").read_text()).normal_form()
    assert game.strategies == (("StatusQuo", "Challenge"), ("Resist", "Concede"))
    p, cC, cD = sympy.symbols("p cC cD", real=True)
    assert game.payoffs[0][1, 0] == p - cC and game.payoffs[1][1, 0] == 1 - p - cD
    assert game.payoffs[0][0, 0] == 0 and game.payoffs[1][0, 1] == 1


def test_reduced_plans_drop_moves_ruled_out_by_own_earlier_moves():
    text = """
title: Centipede-like
players: [A, B]
tree:
  player: A
  moves:
    Take: [1, 0]
    Pass:
      player: B
      moves:
        Take: [0, 2]
        Pass:
          player: A
          moves: {Take: [3, 1], Pass: [2, 4]}
"""
    tree = _load(text)
    assert [p.name for p in tree.plans(0)] == ["Take", "Pass Take", "Pass Pass"]
    assert tree.normal_form().shape == (3, 2)


def test_chance_moves_give_expected_payoffs_and_qualified_plan_names():
    text = """
title: Signals
players: [S, R]
tree:
  chance: {strong: 9/10, weak: 1/10}
  moves:
    strong:
      player: S
      moves:
        Beer: {player: R, info: Beer, moves: {Duel: [1, 0], Concede: [3, 1]}}
        Quiche: {player: R, info: Quiche, moves: {Duel: [0, 0], Concede: [2, 1]}}
    weak:
      player: S
      moves:
        Beer: {player: R, info: Beer, moves: {Duel: [0, 1], Concede: [2, 0]}}
        Quiche: {player: R, info: Quiche, moves: {Duel: [1, 1], Concede: [3, 0]}}
"""
    tree = _load(text)
    assert [h.id for h in tree.infosets] == ["strong", "Beer", "Quiche", "weak"]
    game = tree.normal_form()
    assert game.strategies[0][0] == "strong:Beer weak:Beer"
    assert game.strategies[1][0] == "Beer:Duel Quiche:Duel"
    # (Beer, Beer) against (Concede after Beer): 9/10 * 3 + 1/10 * 2
    k = game.strategies[1].index("Beer:Concede Quiche:Duel")
    assert game.payoffs[0][0, k] == sympy.Rational(29, 10)


def test_ordinal_outcomes_become_ranks():
    text = """
title: Ordinal deterrence
players: [C, D]
outcomes: [StatusQuo, Concession, War]
preferences:
  C: [Concession, StatusQuo, War]
  D: [StatusQuo, [Concession, War]]
tree:
  player: C
  moves:
    StatusQuo: StatusQuo
    Challenge: {player: D, moves: {Resist: War, Concede: Concession}}
"""
    tree = _load(text)
    assert tree.ordinal
    assert tree.nodes[3].payoffs == (1, 1) and tree.nodes[4].payoffs == (3, 1) and tree.nodes[1].payoffs == (2, 2)


def _chain(depth: int, flow: bool) -> str:
    if flow:
        def node(d):
            if d == depth:
                return "[0, 0]"
            return "{player: %s, moves: {stop: [%d, 0], go: %s}}" % ("AB"[d % 2], d, node(d + 1))
        return "title: Deep\nplayers: [A, B]\ntree: " + node(0) + "\n"
    lines = ["title: Deep", "players: [A, B]", "tree:"]
    indent = "  "
    for d in range(depth):
        lines += [f"{indent}player: {'AB'[d % 2]}", f"{indent}moves:", f"{indent}  stop: [{d}, 0]"]
        lines.append(f"{indent}  go:" if d < depth - 1 else f"{indent}  go: [0, 0]")
        indent += "    "
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("flow", [False, True], ids=["block", "flow"])
def test_a_tree_of_depth_100_is_accepted(flow):
    spec = load_spec(_chain(100, flow).encode(), name="deep.yaml")
    assert len(spec.body.nodes) == 201


def test_a_tree_of_depth_101_is_refused():
    with pytest.raises(SpecError) as err:
        load_spec(_chain(101, False).encode(), name="deep.yaml")
    assert "the tree is deeper than 100 levels" in str(err.value)


def test_the_yaml_nesting_limit_still_holds_outside_the_tree():
    text = "title: x\nplayers: [A, B]\nnotes: " + "[" * 60 + "]" * 60 + "\ntree: [1, 2]\n"
    with pytest.raises(SpecError) as err:
        load_spec(text.encode(), name="g.yaml")
    assert str(err.value) == "g.yaml:3:57: the YAML is nested too deeply (more than 50 levels)"


def test_symbolic_chance_probabilities_must_be_nonnegative_under_the_assumptions():
    text = """
title: Chance
players: [A, B]
parameters: {q: {value: 1/2}}
assumptions: [q < 1]
tree:
  chance: {up: q, down: 1 - q}
  moves: {up: [1, 0], down: [0, 1]}
"""
    with pytest.raises(SpecError) as err:
        _load(text)
    assert str(err.value) == ("t.yaml:7:16: the probability of move 'up' is q, which can be negative under the "
                              "assumptions; add an assumption such as q >= 0")
    _load(text.replace("[q < 1]", "[0 < q < 1]"))
