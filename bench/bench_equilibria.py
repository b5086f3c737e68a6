"""Benchmark: every extreme equilibrium of random n x n games, ours vs Gambit vs nashpy.

Usage::

    python bench/bench_equilibria.py                  # n = 2..12, the default schedule
    python bench/bench_equilibria.py --sizes 2-8 --cap 30 --json bench/results.json

On the same seeded random games (integer payoffs 0..99 for both players) it
times, per call, the CPU time of each method (:func:`time.process_time`, in the process or the
forked child that runs it; lrsnash reports its own), so that a busy shared machine does not
skew the ratios:

* ours: :func:`gametheory.equilibria.bimatrix.extreme_equilibria` (exact, complete);
* Gambit: ``pygambit.nash.enummixed_solve(game, rational=True)`` (exact, complete);
* lrsnash (lrslib, C with GMP; Debian package ``lrslib``), the reference for speed (exact,
  complete): the CPU time (user + system) that the ``lrsnash FILE`` process reports for itself,
  so neither its start-up nor the file it reads is counted against it;
* nashpy: ``Game.vertex_enumeration()`` and ``Game.support_enumeration()`` (floats),
  called through :mod:`gametheory.equilibria._nashpy`.

Each peer call runs in a forked child process that measures its own time and is
killed at ``--cap`` seconds; once a peer hits the cap at some ``n`` it is
skipped for larger ``n``. The table gives, per ``n``, the median time of each
method, the ratio peer/ours, and how many games each peer's set of equilibria
agrees with ours (exactly for Gambit and lrsnash; within 1e-6 for nashpy's floats).
The Markdown table goes to standard output.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from fractions import Fraction
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gametheory.equilibria.bimatrix import extreme_equilibria  # noqa: E402

PEERS = ("gambit", "lrsnash", "nashpy_ve", "nashpy_se")
LABEL = {
    "ours": "ours",
    "gambit": "Gambit enummixed (rational)",
    "lrsnash": "lrsnash (its own CPU time)",
    "nashpy_ve": "nashpy vertex_enumeration",
    "nashpy_se": "nashpy support_enumeration",
}
TOL = 1e-6


def schedule(n: int) -> int:
    """Games per size: more for small n, fewer where peers take seconds to minutes."""
    if n <= 6:
        return 9
    if n <= 8:
        return 7
    if n <= 10:
        return 5
    return 3


def make_games(sizes, seed, games=None):
    rng = np.random.default_rng(seed)
    out = {}
    for n in sizes:
        count = games or schedule(n)
        out[n] = [(rng.integers(0, 100, (n, n)).tolist(), rng.integers(0, 100, (n, n)).tolist()) for _ in range(count)]
    return out


# -- peers (run in a child process) ------------------------------------------------------


def lrsnash_input(A, B) -> str:
    """A game in lrsnash's input format: ``m n``, then A, then B (rows of integers)."""
    m, n = len(A), len(A[0])
    rows = lambda M: "\n".join(" ".join(str(v) for v in r) for r in M)  # noqa: E731
    return f"{m} {n}\n\n{rows(A)}\n\n{rows(B)}\n"


def parse_lrsnash(text: str):
    """The equilibria of lrsnash's output: each line ``1 x... payoff`` closes a group of lines
    ``2 y... payoff``; every y of the group is a best reply to x."""
    eqs, ys = [], []
    for line in text.splitlines():
        fields = line.split()
        if not fields or fields[0] not in ("1", "2"):
            continue
        if fields[0] == "2":
            ys.append(fields[1:-1])
        else:
            eqs.extend((fields[1:-1], y) for y in ys)
            ys = []
    return eqs


def lrsnash_seconds(text: str) -> float:
    """The CPU time lrsnash reports for itself (``*0.038u 0.000s ...``: user and system seconds,
    to the millisecond; half a millisecond when it reports zero)."""
    for line in text.splitlines():
        fields = line.lstrip("*").split()
        if len(fields) >= 2 and fields[0].endswith("u") and fields[1].endswith("s"):
            try:
                seconds = float(fields[0][:-1]) + float(fields[1][:-1])
            except ValueError:
                continue
            return max(seconds, 0.0005)
    raise RuntimeError("lrsnash did not report its time")


def _run_peer(name, A, B):
    if name == "lrsnash":
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as handle:
            handle.write(lrsnash_input(A, B))
        try:
            out = subprocess.run(["lrsnash", handle.name], capture_output=True, text=True, check=True).stdout
        finally:
            os.unlink(handle.name)
        return lrsnash_seconds(out), parse_lrsnash(out)
    if name == "gambit":
        import pygambit as gbt

        game = gbt.Game.from_arrays(np.array(A, dtype=object), np.array(B, dtype=object))
        t0 = time.process_time()
        res = gbt.nash.enummixed_solve(game, rational=True)
        elapsed = time.process_time() - t0
        p0, p1 = game.players
        eqs = [([str(v) for _, v in e[p0]], [str(v) for _, v in e[p1]]) for e in res.equilibria]
        return elapsed, eqs
    from gametheory.equilibria._nashpy import raw_equilibria

    method = {"nashpy_ve": "vertex_enumeration", "nashpy_se": "support_enumeration"}[name]
    t0 = time.process_time()
    eqs = raw_equilibria(A, B, method)
    return time.process_time() - t0, eqs


def _child(conn, name, A, B):
    try:
        conn.send(("ok", _run_peer(name, A, B)))
    except Exception as exc:  # report, do not hang the parent
        conn.send(("error", repr(exc)))
    finally:
        conn.close()


def run_capped(name, A, B, cap):
    """(seconds, equilibria) or (None, reason) if the call failed or hit the cap."""
    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(child, name, A, B))
    proc.start()
    child.close()
    if parent.poll(cap):
        status, payload = parent.recv()
        proc.join()
        return (payload if status == "ok" else (None, payload))
    proc.kill()  # our own child, by its handle
    proc.join()
    return None, "cap"


# -- agreement ------------------------------------------------------------------------


def agrees(ours, name, theirs) -> bool:
    if name in ("gambit", "lrsnash"):
        exact = {(tuple(Fraction(v) for v in x), tuple(Fraction(v) for v in y)) for x, y in theirs}
        return exact == ours
    fl_ours = [np.array([float(v) for v in x + y]) for x, y in ours]
    fl_theirs = [np.array(list(x) + list(y), dtype=float) for x, y in theirs]

    def covered(a_list, b_list):
        return all(any(np.max(np.abs(a - b)) < TOL for b in b_list) for a in a_list)

    return covered(fl_ours, fl_theirs) and covered(fl_theirs, fl_ours)


def machine() -> str:
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = [f"Python {platform.python_version()}", f"numpy {np.__version__}"]
    for mod in ("pygambit", "nashpy"):
        try:
            versions.append(f"{mod} {__import__(mod).__version__}")
        except ImportError:
            versions.append(f"{mod} not installed")
    if shutil.which("lrsnash"):
        banner = subprocess.run(["lrsnash", "/dev/null"], capture_output=True, text=True).stdout
        release = next((w for w in banner.split() if w.startswith("v.")), "")
        versions.append(f"lrsnash {release[2:] or 'installed'}")
    else:
        versions.append("lrsnash not installed")
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores ({cpu}); " + ", ".join(versions)


def fmt(seconds):
    if seconds is None:
        return "—"
    if seconds >= 10:
        return f"{seconds:.0f} s"
    if seconds >= 1:
        return f"{seconds:.1f} s"
    if seconds >= 0.01:
        return f"{seconds * 1000:.0f} ms"
    return f"{seconds * 1000:.2f} ms"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="2-12", help="n range, e.g. 2-12 or 8,10 (default 2-12)")
    parser.add_argument("--games", type=int, default=None, help="games per n (default: 9/7/5/3 by n)")
    parser.add_argument("--cap", type=float, default=60.0, help="seconds per peer call (default 60)")
    parser.add_argument("--peers", default=",".join(PEERS), help=f"comma list of {','.join(PEERS)}")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--json", type=Path, default=None, help="also write raw timings here")
    parser.add_argument("--quick", action="store_true", help="n = 2..9, cap 10 s: a two-minute run")
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes, args.cap = "2-9", min(args.cap, 10.0)
    if "-" in args.sizes:
        lo, hi = (int(v) for v in args.sizes.split("-"))
        sizes = list(range(lo, hi + 1))
    else:
        sizes = [int(v) for v in args.sizes.split(",")]
    peers = [p for p in args.peers.split(",") if p]
    available = []
    for p in peers:
        if p == "lrsnash":
            if shutil.which("lrsnash"):
                available.append(p)
            else:
                print("note: lrsnash not installed (Debian package lrslib), skipping it", file=sys.stderr)
            continue
        mod = "pygambit" if p == "gambit" else "nashpy"
        try:
            __import__(mod)
            available.append(p)
        except ImportError:
            print(f"note: {mod} not installed, skipping {p}", file=sys.stderr)
    games = make_games(sizes, args.seed, args.games)
    stopped: dict[str, int] = {}
    rows = []
    raw = {"machine": machine(), "seed": args.seed, "cap": args.cap, "sizes": {}}
    for n in sizes:
        record = {"games": len(games[n]), "ours": [], "equilibria": []}
        ours_sets = []
        for A, B in games[n]:
            t0 = time.process_time()
            res = extreme_equilibria(A, B)
            record["ours"].append(time.process_time() - t0)
            record["equilibria"].append(len(res.equilibria))
            ours_sets.append({(e.row, e.col) for e in res.equilibria})
        for p in available:
            record[p] = {"times": [], "capped": 0, "agree": 0, "errors": []}
            if p in stopped:
                continue
            for (A, B), ours in zip(games[n], ours_sets):
                seconds, payload = run_capped(p, A, B, args.cap)
                if seconds is None:
                    if payload == "cap":
                        record[p]["capped"] += 1
                        record[p]["times"].append(args.cap)
                    else:
                        record[p]["errors"].append(payload)
                    continue
                record[p]["times"].append(seconds)
                record[p]["agree"] += agrees(ours, p, payload)
            if record[p]["capped"]:
                stopped[p] = n
        raw["sizes"][n] = record
        rows.append((n, record))
        print(f"n={n}: ours {fmt(statistics.median(record['ours']))}"
              + "".join(f", {p} {fmt(statistics.median(record[p]['times'])) if record[p]['times'] else '—'}"
                        for p in available), file=sys.stderr, flush=True)

    # Markdown table
    head = ["n", "games", "equilibria (median)", "ours"]
    for p in available:
        head += [LABEL[p], "ratio to ours", "agrees with ours"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for n, rec in rows:
        ours_med = statistics.median(rec["ours"])
        cells = [str(n), str(rec["games"]), f"{statistics.median(rec['equilibria']):g}", fmt(ours_med)]
        for p in available:
            times = rec[p]["times"]
            if not times:
                note = f"skipped (hit the cap at n = {stopped[p]})" if p in stopped and stopped[p] < n else "—"
                cells += [note, "—", "—"]
                continue
            med = statistics.median(times)
            capped = rec[p]["capped"]
            text = (f"> {fmt(args.cap)}" if med >= args.cap else fmt(med)) + (f" ({capped} capped)" if capped else "")
            done = len(times) - capped
            ratio = med / ours_med
            cells += [text, (f"{ratio:,.0f}x" if ratio >= 10 else f"{ratio:.2f}x") if med < args.cap
                      else f"> {args.cap / ours_med:,.0f}x",
                      f"{rec[p]['agree']}/{done}" + (f", {len(rec[p]['errors'])} errors" if rec[p]["errors"] else "")]
        lines.append("| " + " | ".join(cells) + " |")
    print(f"Machine: {raw['machine']}")
    print(f"Games: seed {args.seed}, payoffs uniform integers 0..99; cap {args.cap:g} s per peer call.\n")
    print("\n".join(lines))
    if args.json:
        args.json.write_text(json.dumps(raw, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
