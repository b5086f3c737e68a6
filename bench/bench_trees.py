"""Subgame-perfect equilibria of random numeric perfect-information trees: time against size.

Run: ``python bench/bench_trees.py [LEAVES ...]`` (default 1000 10000 100000); then the
whole-process time of ``gametheory solve`` on the symbolic deterrence tree and Beer-Quiche. Trees are built as
:class:`gametheory.games.tree.Tree` values directly (a spec file holds at most 10,000 nodes); each
node has two moves, payoffs are random integers (seeded), two players alternate.
"""

from __future__ import annotations

import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

import sympy

from gametheory.equilibria.spe import subgame_perfect
from gametheory.games.tree import Node, Tree

ROOT = Path(__file__).resolve().parent.parent


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


def _whole_process(spec: str, repeat: int = 7) -> tuple[float, float]:
    """Median wall-clock and CPU seconds of ``gametheory solve SPEC`` as a user runs it."""
    walls, cpus = [], []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "gametheory", "solve", spec], check=True,
                       capture_output=True, cwd=ROOT)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def main(sizes, repeat: int = 5):
    print("| leaves | nodes | median SPE time | per node |")
    print("|---:|---:|---:|---:|")
    for leaves in sizes:
        tree = random_tree(leaves)
        times = []
        for _ in range(repeat if leaves <= 10_000 else 1):
            start = time.perf_counter()
            result = subgame_perfect(tree, timeout=600)
            times.append(time.perf_counter() - start)
            assert len(result) == 1
        elapsed = statistics.median(times)
        print(f"| {leaves:,} | {len(tree.nodes):,} | {elapsed:.2f} s | {1e6 * elapsed / len(tree.nodes):.0f} us |")
    print()
    print("| `gametheory solve` (whole process) | median wall-clock | median CPU |")
    print("|---|---:|---:|")
    for spec in ("deterrence", "beer-quiche"):
        wall, cpu = _whole_process(spec)
        print(f"| `{spec}` | {wall:.2f} s | {cpu:.2f} s |")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 10000, 100000])
