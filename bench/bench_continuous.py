"""Whole-process timings of `gametheory solve` on the bundled continuous and bargaining specs
(CONTINUOUS.md: each under 2 s). Medians of repeated runs; the machine is noisy, so the floor
(`python -c 'import sympy'`) is printed beside them.

Usage: python bench/bench_continuous.py [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

SPECS = ["burden-sharing", "burden-sharing-n", "arms-contest", "fearon-bargaining", "rubinstein", "two-level"]
LIMIT = 2.0


def _median_seconds(command, repeat):
    """(median wall time, median CPU time of the process): on a loaded machine the CPU time is
    what the process itself costs."""
    import resource

    walls, cpus = [], []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    python = sys.executable
    print("| what | median wall time | median CPU time | under 2 s (wall) |")
    print("|---|---|---|---|")
    wall, cpu = _median_seconds([python, "-c", "import sympy"], args.repeat)
    print(f"| `python -c 'import sympy'` (the floor) | {wall:.2f} s | {cpu:.2f} s | |")
    slow = 0
    for spec in SPECS:
        wall, cpu = _median_seconds([python, "-m", "gametheory", "solve", spec], args.repeat)
        ok = wall < LIMIT
        slow += not ok
        print(f"| `gametheory solve {spec}` (whole process) | {wall:.2f} s | {cpu:.2f} s | {'yes' if ok else 'no'} |")
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
