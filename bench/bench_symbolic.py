"""Whole-process and symbolic timings: `gametheory solve` of bundled 2x2 specs, and a fully
symbolic 3x3 game. Medians of repeated runs, wall-clock and CPU (user + system, with the
worker process); bytecode is cached as for an installed package. The machine is noisy, so
compare ratios.

Usage: python bench/bench_symbolic.py [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPECS = ["prisoners-dilemma", "stag-hunt", "chicken", "hawk-dove", "snyder-alliance-game", "inspection"]


def _environment(cache: str) -> dict:
    """The environment of the timed processes: bytecode cached (in ``cache``) as for an installed
    package, even where the caller sets PYTHONDONTWRITEBYTECODE."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = cache
    return env


def _median_seconds(command, repeat, env):
    """Median wall-clock and CPU seconds (user + system, the process and its children) of
    ``command``, after one run that is not counted (it fills the bytecode cache)."""
    subprocess.run(command, check=True, capture_output=True, env=env)
    walls, cpus = [], []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, env=env)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args(argv)
    python = sys.executable
    cache = tempfile.mkdtemp(prefix="gametheory-bench-pyc-")
    env = _environment(cache)
    print("| what | median wall-clock | median CPU |")
    print("|---|---|---|")
    wall, cpu = _median_seconds([python, "-c", "import sympy"], args.repeat, env)
    print(f"| `python -c 'import sympy'` (the floor) | {wall:.2f} s | {cpu:.2f} s |")
    wall, cpu = _median_seconds([python, "-m", "gametheory", "solve", "prisoners-dilemma", "--format", "json"],
                                args.repeat, env)
    print(f"| `gametheory solve prisoners-dilemma --format json` (whole process) | {wall:.2f} s | {cpu:.2f} s |")
    for spec in SPECS:
        wall, cpu = _median_seconds([python, "-m", "gametheory", "solve", spec], args.repeat, env)
        print(f"| `gametheory solve {spec}` (whole process) | {wall:.2f} s | {cpu:.2f} s |")
    shutil.rmtree(cache, ignore_errors=True)
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
