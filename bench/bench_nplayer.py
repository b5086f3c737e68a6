"""Equilibria of random games with three players: ours (exact, complete) against pygambit's
``enumpoly_solve`` (floats) on the same games, in the same run. Medians; the machine is noisy,
so compare ratios. Also counts how many of ours Gambit finds.

Usage: python bench/bench_nplayer.py [--games N]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

import numpy as np
import pygambit as gbt
import sympy

from gametheory.equilibria import equilibria
from gametheory.games import Game


def random_arrays(shape, seed):
    rng = random.Random(seed)
    size = int(np.prod(shape))
    return [np.array([rng.randint(0, 99) for _ in range(size)]).reshape(shape) for _ in shape]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--games", type=int, default=5)
    args = parser.parse_args(argv)
    print("| shape | games | ours (median) | enumpoly (median) | ours / enumpoly | equilibria ours | found by enumpoly |")
    print("|---|---|---|---|---|---|---|")
    for shape in [(2, 2, 2), (2, 2, 3), (3, 3, 3)]:
        ours_t, theirs_t, ours_n, theirs_n = [], [], 0, 0
        for seed in range(args.games):
            arrays = random_arrays(shape, seed)
            game = Game.from_arrays([sympy.ImmutableDenseNDimArray(a.flatten().tolist(), shape).tolist()
                                     for a in arrays])
            start = time.perf_counter()
            result = equilibria(game)
            ours_t.append(time.perf_counter() - start)
            ours_n += len(result)
            g = gbt.Game.from_arrays(*[a.astype(float) for a in arrays])
            start = time.perf_counter()
            found = gbt.nash.enumpoly_solve(g).equilibria
            theirs_t.append(time.perf_counter() - start)
            theirs_n += len(found)
        a, b = statistics.median(ours_t), statistics.median(theirs_t)
        print(f"| {'x'.join(map(str, shape))} | {args.games} | {a:.2f} s | {b:.3f} s | {a / b:.0f} | {ours_n} | {theirs_n} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
