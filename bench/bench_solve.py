"""Benchmark: the whole `gametheory.solve` report on random numeric games, beside Gambit.

Usage::

    python bench/bench_solve.py                    # what `make bench` runs
    python bench/bench_solve.py --sizes 8,10 --games 5 --json /tmp/solve.json

Part 1 (the report against Gambit): on seeded random ``n x n`` games, integer payoffs 0..99 for
both players, it times per game, in one run:

* the full report, ``gametheory.solve(game)`` (dominance, every equilibrium, Pareto efficiency,
  payoff and risk dominance, the dilemma verdict, the classification);
* Gambit's ``enummixed_solve(game, rational=True)`` on the same game (a forked child, capped).

Part 2 (the parts against the enumeration): for each size, the time of the vertex enumeration
(:func:`gametheory.equilibria.bimatrix.extreme_equilibria`) and of what the report adds to it:
dominance (``strict_dominance``), and Pareto efficiency of every equilibrium with the verdicts
(selection, dilemma, classification). Where the enumeration does not finish within ``--cap``
seconds, the parts that need no equilibria (dominance) are timed against that lower bound.

Times are CPU seconds (:func:`time.process_time`; Gambit's in its forked child), medians per
size; the Markdown tables go to standard output, progress to standard error.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_equilibria import fmt, machine, run_capped  # noqa: E402

from gametheory import limits  # noqa: E402
from gametheory.analysis.classify import classify  # noqa: E402
from gametheory.analysis.dilemma import dilemma  # noqa: E402
from gametheory.analysis.pareto import is_pareto_efficient  # noqa: E402
from gametheory.analysis.selection import selection  # noqa: E402
from gametheory.equilibria import dominance, equilibria  # noqa: E402
from gametheory.equilibria.bimatrix import extreme_equilibria  # noqa: E402
from gametheory.errors import TimeLimitError  # noqa: E402
from gametheory.games import Game  # noqa: E402
from gametheory.report import solve  # noqa: E402


def make_games(n: int, count: int, seed: int):
    rng = np.random.default_rng(seed + 1000 * n)
    return [(rng.integers(0, 100, (n, n)).tolist(), rng.integers(0, 100, (n, n)).tolist()) for _ in range(count)]


def timed(work):
    """CPU seconds of ``work()`` (:func:`time.process_time`: a busy shared machine does not skew
    them), and its result."""
    start = time.process_time()
    out = work()
    return time.process_time() - start, out


def report_vs_gambit(sizes, games, seed, cap, use_gambit):
    rows = []
    for n in sizes:
        ours, gambit, capped = [], [], 0
        for A, B in make_games(n, games, seed):
            game = Game.from_arrays([A, B])
            seconds, _ = timed(lambda: solve(game))
            ours.append(seconds)
            if use_gambit:
                peer, payload = run_capped("gambit", A, B, cap)
                if peer is None:
                    capped += payload == "cap"
                    gambit.append(cap)
                else:
                    gambit.append(peer)
        row = {"n": n, "games": games, "report": ours, "gambit": gambit, "gambit_capped": capped}
        rows.append(row)
        print(f"report n={n}: ours {fmt(statistics.median(ours))}"
              + (f", gambit {fmt(statistics.median(gambit))}" if gambit else ""), file=sys.stderr, flush=True)
    return rows


def parts_vs_enumeration(sizes, games, seed, cap):
    rows = []
    for n in sizes:
        record = {"n": n, "enumeration": [], "dominance": [], "pareto_verdicts": [], "capped": 0}
        for A, B in make_games(n, games, seed):
            game = Game.from_arrays([A, B])
            seconds, _ = timed(lambda: dominance(game))
            record["dominance"].append(seconds)
            try:
                with limits.deadline(cap):
                    seconds, _ = timed(lambda: extreme_equilibria(A, B))
            except TimeLimitError:
                record["capped"] += 1
                record["enumeration"].append(cap)
                continue
            record["enumeration"].append(seconds)
            found = equilibria(game)

            def verdicts():
                for e in found.equilibria:
                    is_pareto_efficient(game, e)
                selection(game, found)
                dilemma(game, found)
                classify(game)

            seconds, _ = timed(verdicts)
            record["pareto_verdicts"].append(seconds)
        rows.append(record)
        print(f"parts n={n}: enumeration {fmt(statistics.median(record['enumeration']))}"
              f"{' (capped)' if record['capped'] else ''}, dominance {fmt(statistics.median(record['dominance']))}",
              file=sys.stderr, flush=True)
    return rows


def parse_sizes(text):
    if "-" in text:
        lo, hi = (int(v) for v in text.split("-"))
        return list(range(lo, hi + 1))
    return [int(v) for v in text.split(",")]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="8,10", help="sizes for the report against Gambit (default 8,10)")
    parser.add_argument("--parts", default="4,6,8,10,12,14,16,20",
                        help="sizes for the parts against the enumeration (default 4,6,8,10,12,14,16,20)")
    parser.add_argument("--games", type=int, default=5, help="games per size (default 5)")
    parser.add_argument("--part-games", type=int, default=3, help="games per size in part 2 (default 3)")
    parser.add_argument("--cap", type=float, default=60.0, help="seconds per Gambit call (default 60)")
    parser.add_argument("--enum-cap", type=float, default=20.0,
                        help="seconds per enumeration in part 2 (default 20)")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--no-gambit", action="store_true")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    use_gambit = not args.no_gambit
    if use_gambit:
        try:
            import pygambit  # noqa: F401
        except ImportError:
            print("note: pygambit not installed, the report is timed alone", file=sys.stderr)
            use_gambit = False

    report = report_vs_gambit(parse_sizes(args.sizes), args.games, args.seed, args.cap, use_gambit)
    parts = parts_vs_enumeration(parse_sizes(args.parts), args.part_games, args.seed, args.enum_cap)

    print(f"Machine: {machine()}")
    print(f"Games: seed {args.seed}, payoffs uniform integers 0..99; cap {args.cap:g} s per Gambit call, "
          f"{args.enum_cap:g} s per enumeration; CPU seconds.\n")
    print("| n | games | `gametheory.solve` (full report) | Gambit enummixed (rational) | report / Gambit |")
    print("|---|---|---|---|---|")
    for row in report:
        ours = statistics.median(row["report"])
        if row["gambit"]:
            theirs = statistics.median(row["gambit"])
            capped = f" ({row['gambit_capped']} capped)" if row["gambit_capped"] else ""
            ratio = f"{ours / theirs:.3f}" if theirs < args.cap else f"< {ours / args.cap:.3f}"
            print(f"| {row['n']} | {row['games']} | {fmt(ours)} | {fmt(theirs)}{capped} | {ratio} |")
        else:
            print(f"| {row['n']} | {row['games']} | {fmt(ours)} | — | — |")
    print()
    print("| n | games | enumeration | dominance | Pareto and verdicts | dominance / enumeration | "
          "Pareto and verdicts / enumeration |")
    print("|---|---|---|---|---|---|---|")
    for rec in parts:
        enum = statistics.median(rec["enumeration"])
        dom = statistics.median(rec["dominance"])
        all_capped = rec["capped"] == len(rec["enumeration"])
        enum_text = f"> {fmt(args.enum_cap)}" if all_capped else fmt(enum) + (f" ({rec['capped']} capped)" if rec["capped"] else "")
        below = "< " if rec["capped"] else ""  # a capped enumeration took longer than the figure used
        dom_ratio = f"{below}{dom / enum:.2g}"
        if rec["pareto_verdicts"]:
            pv = statistics.median(rec["pareto_verdicts"])
            pv_text, pv_ratio = fmt(pv), f"{below}{pv / enum:.2g}"
        else:
            pv_text = pv_ratio = "— (no equilibria listed)"
        print(f"| {rec['n']} | {len(rec['enumeration'])} | {enum_text} | {fmt(dom)} | {pv_text} | {dom_ratio} | {pv_ratio} |")
    if args.json:
        args.json.write_text(json.dumps({"machine": machine(), "seed": args.seed, "cap": args.cap,
                                         "report": report, "parts": parts}, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
