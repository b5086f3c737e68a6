"""Regenerate tests/fixtures/gambit/*.json: Gambit's exact extreme equilibria of many games.

Usage::

    python bench/regenerate_gambit_fixtures.py            # needs pygambit
    python bench/regenerate_gambit_fixtures.py --check    # compare only, write nothing

The oracle is ``pygambit.nash.enummixed_solve(game, rational=True)`` (Gambit's
``enummixed``: every vertex pair of the two best-response polytopes, in exact
rational arithmetic). For each game the fixture stores the payoffs and Gambit's
equilibria as strings of rationals, sorted and de-duplicated (Gambit sometimes
lists a profile twice in degenerate games; the count of repeats is kept), and
the connected components of the bipartite graph "row strategy -- column
strategy" whose edges are those equilibria (computed here, from Gambit's set
alone, by union-find; pygambit does not expose the clique step).

The games are seeded and cover: literature cases (Nashpy issues #82, #222,
#231, #39, #41, #60, #76; von Stengel 2007; QuantEcon PR #326), random games
with payoffs 0..3 (ties everywhere), 0..9 and 0..99, games with duplicate rows
and columns, constant and zero games, zero-sum and common-interest games;
sizes 1..6 by 1..6.

This script imports nothing from ``gametheory``: the fixtures are Gambit's
answers, not ours.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from fractions import Fraction
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "fixtures" / "gambit"
SEED = 20240617


def gambit_equilibria(A, B):
    """Gambit's extreme equilibria as a list of (row, col) tuples of Fractions (raw, with repeats)."""
    import pygambit as gbt

    game = gbt.Game.from_arrays(
        np.array([[Fraction(v) for v in r] for r in A], dtype=object),
        np.array([[Fraction(v) for v in r] for r in B], dtype=object),
    )
    result = gbt.nash.enummixed_solve(game, rational=True)
    p0, p1 = game.players
    return [
        (
            tuple(Fraction(str(v)) for _, v in eq[p0]),
            tuple(Fraction(str(v)) for _, v in eq[p1]),
        )
        for eq in result.equilibria
    ]


def components(pairs):
    """Connected components of the bipartite graph with the given edges, as index lists."""
    parent = {}

    def find(a):
        parent.setdefault(a, a)
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for x, y in pairs:
        ra, rb = find(("row", x)), find(("col", y))
        if ra != rb:
            parent[ra] = rb
    groups = {}
    for k, (x, _) in enumerate(pairs):
        groups.setdefault(find(("row", x)), []).append(k)
    return sorted(groups.values(), key=lambda g: g[0])


def case(name, source, A, B):
    raw = gambit_equilibria(A, B)
    pairs = sorted(set(raw))
    return {
        "name": name,
        "source": source,
        "A": [[str(Fraction(v)) for v in r] for r in A],
        "B": [[str(Fraction(v)) for v in r] for r in B],
        "equilibria": [[[str(v) for v in x], [str(v) for v in y]] for x, y in pairs],
        "components": components(pairs),
        "gambit_repeats": len(raw) - len(pairs),
    }


def _f1(a, b):
    """F1 score of two 0/1 vectors (sklearn's zero_division=1), exactly."""
    tp = sum(x & y for x, y in zip(a, b))
    total = sum(a) + sum(b)
    return Fraction(1) if total == 0 else Fraction(2 * tp, total)


def literature():
    neg = lambda M: [[-v for v in r] for r in M]  # noqa: E731
    i82a = [[0, 0, 6, 0, 0], [0, 0, 3, 2, 1], [4, 3, 0, 0, 1]]
    i82b = [[3, 0, 2, 1, 0], [0, 2, 0, 0, 4], [4, 0, 2, 4, 4]]
    i231 = [
        [0, -1, -1, -1, 1, -1],
        [1, 0, 1, -1, -1, -1],
        [1, -1, 0, -1, -1, 1],
        [1, 1, 1, 0, -1, -1],
        [-1, 1, 1, 1, 0, -1],
        [1, 1, -1, 1, 1, 0],
    ]
    i39 = [[0, 1, 0, -1], [-1, 0, 1, 1], [0, -1, 0, 1], [1, -1, -1, 0]]
    i41 = [[0, -1, 1, 1], [1, 0, -1, -1], [-1, 1, 0, -1], [-1, 1, 1, 0]]
    i60a = [[-100, 0, 0, -100], [0, 0, 0, -100], [-100, 0, 0, 0], [0, 0, 0, -50]]
    i60b = [[-100, 0, 0, -100], [0, 0, 0, -100], [-100, 0, 0, 0], [0, 0, 0, Fraction("-33.3333333")]]
    acts = [[int(c) for c in format(i, "03b")] for i in range(8)]
    f1 = [[_f1(a, b) for b in acts] for a in acts]
    vs_a = [[3, 3], [2, 5], [0, 6]]
    url = "https://github.com/drvinceknight/Nashpy/issues/"
    return [
        ("nashpy-82-minimisers", url + "82 (players minimise: payoffs negated)", neg(i82a), neg(i82b)),
        ("nashpy-82-as-given", url + "82 (matrices as printed, maximising)", i82a, i82b),
        ("nashpy-222", url + "222", [[-3, 3], [-3, 5]], [[2, 7], [4, 2]]),
        ("nashpy-231-zero-sum", url + "231 (nash.Game(A): B = -A)", i231, neg(i231)),
        ("nashpy-39-zero-sum", url + "39", i39, neg(i39)),
        ("nashpy-41-zero-sum", url + "41", i41, neg(i41)),
        ("nashpy-60", url + "60 (-33.3333333 read as an exact decimal)", i60a, i60b),
        ("nashpy-76-f1-zero-sum", url + "76 (F1 scores of 3-bit vectors, exact)", f1, neg(f1)),
        ("von-stengel-2007-nondegenerate", "von Stengel 2007, AGT ch. 3, 3x2 example", vs_a,
         [[3, 2], [2, 6], [3, 1]]),
        ("von-stengel-2007-degenerate", "von Stengel 2007, AGT ch. 3, degenerate 3x2 example; "
         "QuantEcon.py PR #326", vs_a, [[3, 3], [2, 6], [3, 1]]),
        ("quantecon-421-reordered", "QuantEcon.py PR #421 (rows reordered)", [[0, 6], [2, 5], [3, 3]],
         [[3, 1], [2, 6], [3, 3]]),
        ("zero-2x2", "all payoffs zero", [[0, 0], [0, 0]], [[0, 0], [0, 0]]),
    ]


def random_games(rng, count, high, tag, sizes=(1, 6), min_side=2):
    out = []
    for k in range(count):
        m, n = (int(v) for v in rng.integers(min_side, sizes[1] + 1, 2))
        A = rng.integers(0, high + 1, (m, n)).tolist()
        B = rng.integers(0, high + 1, (m, n)).tolist()
        out.append((f"{tag}-{k:03d}-{m}x{n}", f"random, payoffs 0..{high}, seed {SEED}", A, B))
    return out


def duplicate_games(rng, count):
    out = []
    for k in range(count):
        m, n = (int(v) for v in rng.integers(2, 5, 2))
        A = rng.integers(0, 4, (m, n))
        B = rng.integers(0, 4, (m, n))
        i, j = int(rng.integers(0, m)), int(rng.integers(0, n))
        A, B = np.vstack([A, A[i : i + 1]]), np.vstack([B, B[i : i + 1]])  # duplicate row i
        if k % 2 == 0:
            A, B = np.hstack([A, A[:, j : j + 1]]), np.hstack([B, B[:, j : j + 1]])  # and column j
        if k % 3 == 0:  # a row duplicated for one player only
            A = np.vstack([A, A[:1]])
            B = np.vstack([B, rng.integers(0, 4, (1, B.shape[1]))])
        out.append((f"dup-{k:03d}-{A.shape[0]}x{A.shape[1]}", f"duplicate rows/columns, seed {SEED}",
                    A.tolist(), B.tolist()))
    return out


def constant_games(rng):
    out = []
    for m, n in [(1, 1), (1, 3), (2, 2), (2, 3), (3, 2), (3, 3), (4, 4), (3, 5), (5, 5)]:
        out.append((f"zero-{m}x{n}", "all payoffs zero", [[0] * n for _ in range(m)], [[0] * n for _ in range(m)]))
    for k, (m, n) in enumerate([(2, 3), (3, 3), (4, 2), (4, 4), (5, 3), (3, 6)]):
        A = rng.integers(0, 4, (m, n)).tolist()
        out.append((f"const-B-{k}-{m}x{n}", "column player indifferent everywhere", A, [[7] * n for _ in range(m)]))
        B = rng.integers(0, 4, (m, n)).tolist()
        out.append((f"const-A-{k}-{m}x{n}", "row player indifferent everywhere", [[-2] * n for _ in range(m)], B))
    return out


def structured_games(rng, count, kind):
    out = []
    for k in range(count):
        m, n = (int(v) for v in rng.integers(2, 6, 2))
        A = rng.integers(-3, 4, (m, n)).tolist() if kind == "zero-sum" else rng.integers(0, 4, (m, n)).tolist()
        B = [[-v for v in r] for r in A] if kind == "zero-sum" else [r[:] for r in A]
        out.append((f"{kind}-{k:03d}-{m}x{n}", f"{kind}, seed {SEED}", A, B))
    return out


def all_groups():
    rng = np.random.default_rng(SEED)
    return {
        "literature": literature(),
        "random_ties_0_3": random_games(rng, 90, 3, "ties", min_side=1),
        "random_0_9": random_games(rng, 40, 9, "small"),
        "random_0_99": random_games(rng, 30, 99, "wide"),
        "duplicates": duplicate_games(rng, 24),
        "constant": constant_games(rng),
        "zero_sum": structured_games(rng, 20, "zero-sum"),
        "common_interest": structured_games(rng, 16, "common"),
    }


def _dump(doc) -> str:
    """JSON with one line per case: compact, and a diff shows which games changed."""
    head = {k: v for k, v in doc.items() if k != "cases"}
    lines = [json.dumps(c, separators=(",", ":")) for c in doc["cases"]]
    return json.dumps(head, indent=1)[:-2] + ',\n "cases": [\n  ' + ",\n  ".join(lines) + "\n ]\n}\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the stored files, write nothing")
    args = parser.parse_args(argv)
    try:
        import pygambit
    except ImportError:
        print("pygambit is not installed: pip install pygambit", file=sys.stderr)
        return 2
    OUT.mkdir(parents=True, exist_ok=True)
    total, changed = 0, 0
    for group, games in all_groups().items():
        t0 = time.perf_counter()
        cases = [case(*g) for g in games]
        doc = {
            "generator": "bench/regenerate_gambit_fixtures.py",
            "oracle": f"pygambit {pygambit.__version__} nash.enummixed_solve(game, rational=True)",
            "seed": SEED,
            "group": group,
            "cases": cases,
        }
        text = _dump(doc)
        path = OUT / f"{group}.json"
        if args.check:
            same = path.exists() and path.read_text() == text
            changed += not same
            print(f"{group}: {len(cases)} games, {'same' if same else 'DIFFERENT'}")
        else:
            path.write_text(text)
            print(f"{group}: {len(cases)} games, {time.perf_counter() - t0:.1f} s -> {path.relative_to(ROOT)}")
        total += len(cases)
    print(f"{total} games")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
