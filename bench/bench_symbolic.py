"""Whole-process and symbolic timings: `gametheory solve` of bundled 2x2 specs, and fully
symbolic games (every payoff a free parameter, nothing assumed: bench/symbolic-2x2.yaml with 8
payoffs, bench/symbolic-3x3.yaml with 18), whole processes and in process. Medians of repeated
runs, wall-clock and CPU (user + system, with the worker process); bytecode is cached as for an
installed package. The machine is noisy, so compare CPU times and ratios.

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


def _median_seconds(command, repeat, env, warm=True):
    """Median wall-clock and CPU seconds (user + system, the process and its children) of
    ``command``, after one run that is not counted (it fills the bytecode cache) unless ``warm``
    is false (the cache is already filled)."""
    if warm:
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
    few = max(3, args.repeat // 2)  # the symbolic games take seconds each
    for name in ("symbolic-2x2", "symbolic-3x3"):
        spec = f"bench/{name}.yaml"
        command = [python, "-m", "gametheory", "solve", str(ROOT / spec), "--timeout", "600"]
        wall, cpu = _median_seconds(command, few, env, warm=False)
        print(f"| `gametheory solve {spec}` (whole process, the full report) | {wall:.2f} s | {cpu:.2f} s |")
    shutil.rmtree(cache, ignore_errors=True)
    code = (
        "import sympy, sys, time\n"
        "from gametheory import report\n"
        "from gametheory.games import Game\n"
        "from gametheory.equilibria import equilibria\n"
        "x = sympy.symbols('x0:9', real=True); y = sympy.symbols('y0:9', real=True)\n"
        "g = Game.from_arrays([[[x[3*i+j] for j in range(3)] for i in range(3)],"
        " [[y[3*i+j] for j in range(3)] for i in range(3)]])\n"
        "t = time.perf_counter(); r = equilibria(g); print(time.perf_counter() - t, len(r))\n"
        "g = report.load(sys.argv[1])\n"
        "w, c = time.perf_counter(), time.process_time(); report.solve(g, timeout=600).text()\n"
        "print(time.perf_counter() - w, time.process_time() - c)\n"
    )
    times, walls, cpus = [], [], []
    for _ in range(few):
        out = subprocess.run([python, "-c", code, str(ROOT / "bench/symbolic-3x3.yaml")], check=True,
                             capture_output=True, text=True, cwd=ROOT)
        first, second = out.stdout.splitlines()[:2]
        times.append(float(first.split()[0]))
        walls.append(float(second.split()[0]))
        cpus.append(float(second.split()[1]))
    print(f"| fully symbolic 3x3 game, all equilibria (in process) | {statistics.median(times):.2f} s | |")
    print(f"| fully symbolic 3x3 game, the full report of `solve` (in process) | {statistics.median(walls):.2f} s "
          f"| {statistics.median(cpus):.2f} s |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
