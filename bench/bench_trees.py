"""Subgame-perfect equilibria of random numeric perfect-information trees: time against size.

Run: ``python bench/bench_trees.py [LEAVES ...]`` (default 1000 10000 100000). Trees are built as
:class:`gametheory.games.tree.Tree` values directly (a spec file holds at most 10,000 nodes); each
node has two moves, payoffs are random integers (seeded), two players alternate.
"""

from __future__ import annotations

import random
import sys
import time

import sympy

from gametheory.equilibria.spe import subgame_perfect
from gametheory.games.tree import Node, Tree


def random_tree(leaves: int, seed: int = 1) -> Tree:
    rng = random.Random(seed)
    nodes: list[Node] = []

    def build(parent, move, history, count, depth):
        index = len(nodes)
        if count == 1:
            nodes.append(Node(id=history, kind="leaf", parent=parent, move_in=move,
                              payoffs=(sympy.Integer(rng.randint(-10**6, 10**6)),
                                       sympy.Integer(rng.randint(-10**6, 10**6)))))
            return index
        nodes.append(Node(id=history, kind="decision", parent=parent, move_in=move, player=depth % 2,
                          info=history, moves=("L", "R")))
        left = build(index, "L", f"{history}/L" if history else "L", count // 2, depth + 1)
        right = build(index, "R", f"{history}/R" if history else "R", count - count // 2, depth + 1)
        node = nodes[index]
        nodes[index] = Node(id=node.id, kind=node.kind, parent=node.parent, move_in=node.move_in,
                            player=node.player, info=node.info, moves=node.moves, children=(left, right))
        return index

    sys.setrecursionlimit(10_000)
    build(None, None, "", leaves, 0)
    return Tree(title="random", players=("A", "B"), nodes=tuple(nodes))


def main(sizes):
    for leaves in sizes:
        tree = random_tree(leaves)
        start = time.perf_counter()
        result = subgame_perfect(tree, timeout=600)
        elapsed = time.perf_counter() - start
        print(f"{leaves:>7} leaves, {len(tree.nodes):>7} nodes: {elapsed:7.2f} s "
              f"({1e6 * elapsed / len(tree.nodes):.0f} us per node), {len(result)} SPE")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 10000, 100000])
