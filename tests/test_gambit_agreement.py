"""Our extreme equilibria agree exactly with Gambit's ``enummixed`` (rational).

Two checks: the committed fixtures in ``tests/fixtures/gambit/`` (Gambit's answers for
250+ games, written by ``bench/regenerate_gambit_fixtures.py``), and a live
comparison on freshly generated seeded games when pygambit is installed.
"""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

from gametheory.equilibria.bimatrix import extreme_equilibria

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "gambit"


def _cases():
    out = []
    for path in sorted(FIXTURES.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        for case in doc["cases"]:
            out.append(pytest.param(case, id=f"{path.stem}/{case['name']}"))
    return out


CASES = _cases()


def _frac(rows):
    return [[Fraction(v) for v in r] for r in rows]


def _ours(A, B):
    r = extreme_equilibria(A, B)
    pairs = [(e.row, e.col) for e in r.equilibria]
    comps = {frozenset(pairs[k] for k in comp) for comp in r.components}
    return pairs, comps, r


def test_fixture_collection_is_large_and_degenerate_heavy():
    assert len(CASES) >= 200
    degenerate = sum(
        extreme_equilibria(_frac(c.values[0]["A"]), _frac(c.values[0]["B"])).degenerate for c in CASES
    )
    assert degenerate >= 150


@pytest.mark.parametrize("case", CASES)
def test_same_equilibria_and_components_as_gambit(case):
    A, B = _frac(case["A"]), _frac(case["B"])
    expected = [
        (tuple(Fraction(v) for v in x), tuple(Fraction(v) for v in y)) for x, y in case["equilibria"]
    ]
    expected_components = {frozenset(expected[k] for k in comp) for comp in case["components"]}
    pairs, comps, _ = _ours(A, B)
    assert len(pairs) == len(set(pairs))
    assert set(pairs) == set(expected), (
        f"missing {set(expected) - set(pairs)}; extra {set(pairs) - set(expected)}"
    )
    assert comps == expected_components


@pytest.mark.gambit
def test_live_agreement_with_pygambit_on_seeded_random_games():
    gbt = pytest.importorskip("pygambit", reason="pygambit is not installed (pip install pygambit)")
    rng = np.random.default_rng(987654321)

    def gambit(A, B):
        game = gbt.Game.from_arrays(np.array(A, dtype=object), np.array(B, dtype=object))
        p0, p1 = game.players
        return {
            (tuple(Fraction(str(v)) for _, v in eq[p0]), tuple(Fraction(str(v)) for _, v in eq[p1]))
            for eq in gbt.nash.enummixed_solve(game, rational=True).equilibria
        }

    checked = 0
    for k in range(120):
        m, n = (int(v) for v in rng.integers(1, 7, 2))
        high = int(rng.choice([1, 2, 3, 5, 9, 99]))
        A = rng.integers(0, high + 1, (m, n)).tolist()
        B = rng.integers(0, high + 1, (m, n)).tolist()
        if k % 10 == 0:
            B = [[-v for v in r] for r in A]
        elif k % 10 == 1:
            B = [r[:] for r in A]
        pairs, _, _ = _ours(A, B)
        assert set(pairs) == gambit(A, B), (A, B)
        checked += 1
    for _ in range(3):  # one size up, wide payoffs
        A, B = rng.integers(0, 100, (7, 7)).tolist(), rng.integers(0, 100, (7, 7)).tolist()
        pairs, _, _ = _ours(A, B)
        assert set(pairs) == gambit(A, B), (A, B)
        checked += 1
    assert checked == 123
