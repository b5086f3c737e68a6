"""Whole-process timings of `gametheory repeated`: every library profile of a symbolic 2x2 game
(the targets: under 1 s) and of a numeric 4x4 game (under 2 s). Medians of repeated runs, wall
clock and CPU (user + system of the child); the machine is noisy, so compare ratios.

Usage: python bench/bench_repeated.py [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SYMBOLIC = ["prisoners-dilemma", "stag-hunt", "snyder-alliance-game"]


def _numeric_4x4(seed: int = 4) -> str:
    """A seeded 4x4 game with integer payoffs, as a spec."""
    rng = random.Random(seed)
    rows = []
    for i in range(4):
        cells = ", ".join(f"[{rng.randint(0, 9)}, {rng.randint(0, 9)}]" for _ in range(4))
        rows.append(f"    - [{cells}]")
    return ("title: Random 4x4\nplayers: [Row, Column]\nstrategies: [A, B, C, D]\npayoffs:\n  matrix:\n"
            + "\n".join(rows) + "\n")


def _median(command, repeat):
    walls, cpus = [], []
    for _ in range(repeat):
        before = os.times()
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, cwd=ROOT)
        walls.append(time.perf_counter() - start)
        after = os.times()
        cpus.append((after.children_user - before.children_user) + (after.children_system - before.children_system))
    return statistics.median(walls), statistics.median(cpus)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    python = sys.executable
    print("| what | median wall | median CPU |")
    print("|---|---|---|")
    wall, cpu = _median([python, "-c", "import sympy"], args.repeat)
    print(f"| `python -c 'import sympy'` (the floor) | {wall:.2f} s | {cpu:.2f} s |")
    for spec in SYMBOLIC:
        wall, cpu = _median([python, "-m", "gametheory", "repeated", spec], args.repeat)
        print(f"| `gametheory repeated {spec}` (all library profiles, symbolic) | {wall:.2f} s | {cpu:.2f} s |")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "random-4x4.yaml"
        path.write_text(_numeric_4x4())
        wall, cpu = _median([python, "-m", "gametheory", "repeated", str(path)], args.repeat)
        print(f"| `gametheory repeated` random 4x4 (all library profiles, numeric) | {wall:.2f} s | {cpu:.2f} s |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
