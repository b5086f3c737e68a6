"""Whole-process and symbolic timings: `gametheory solve` of bundled 2x2 specs, and a fully
symbolic 3x3 game. Medians of repeated runs; the machine is noisy, so compare ratios.

Usage: python bench/bench_symbolic.py [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPECS = ["prisoners-dilemma", "stag-hunt", "chicken", "hawk-dove", "snyder-alliance-game", "inspection"]


def _median_seconds(command, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args(argv)
    python = sys.executable
    print("| what | median |")
    print("|---|---|")
    bare = _median_seconds([python, "-c", "import sympy"], args.repeat)
    print(f"| `python -c 'import sympy'` (the floor) | {bare:.2f} s |")
    for spec in SPECS:
        t = _median_seconds([python, "-m", "gametheory", "solve", spec], args.repeat)
        print(f"| `gametheory solve {spec}` (whole process) | {t:.2f} s |")
    code = (
        "import sympy, time\n"
        "from gametheory.games import Game\n"
        "from gametheory.equilibria import equilibria\n"
        "x = sympy.symbols('x0:9', real=True); y = sympy.symbols('y0:9', real=True)\n"
        "g = Game.from_arrays([[[x[3*i+j] for j in range(3)] for i in range(3)],"
        " [[y[3*i+j] for j in range(3)] for i in range(3)]])\n"
        "t = time.perf_counter(); r = equilibria(g); print(time.perf_counter() - t, len(r))\n"
    )
    times = []
    for _ in range(max(3, args.repeat // 2)):
        out = subprocess.run([python, "-c", code], check=True, capture_output=True, text=True, cwd=ROOT)
        times.append(float(out.stdout.split()[0]))
    print(f"| fully symbolic 3x3 game, all equilibria (in process) | {statistics.median(times):.2f} s |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
