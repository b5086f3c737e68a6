"""Equilibria of N-person games by counts (gametheory.equilibria.counts), checked exactly.

Literature cases: Snyder's primary alliance dilemma (all ally; worse for all than all abstaining
exactly when g < d(N - 1)) for N = 2..10 and for a symbolic N, and Diekmann's volunteer's dilemma
(one volunteer; the symmetric mix 1 - (c/b)^(1/(N-1))). Every count class is checked against the
full normal form for small N (our exact solvers), the volunteer's dilemma for N = 3 and 4 also
against Gambit's ``enumpoly`` (a committed fixture, and live when pygambit is importable), and
random linear games by counts against pure enumeration of the expanded game.
"""

from __future__ import annotations

import itertools
import json
import random
from pathlib import Path

import pytest
import sympy

from gametheory import conditions, report as api
from gametheory.expr import symbol
from gametheory.games import CountForm, Game
from gametheory.equilibria import equilibria, pure_equilibria, regret
from gametheory.equilibria.counts import count_equilibria

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "counts" / "volunteer_gambit.json"

b, c, N, g, d, R0 = (symbol(x) for x in ("b", "c", "N", "g", "d", "R0"))


def _equivalent(conds, relation, assumptions) -> bool:
    """``conds`` (a conjunction) and ``relation`` define the same set under the assumptions."""
    conds = tuple(conds)
    forward = conditions.decide(relation, tuple(assumptions) + conds).value is True
    backward = all(conditions.decide(x, tuple(assumptions) + (relation,)).value is True for x in conds)
    return forward and backward


@pytest.fixture(scope="module")
def alliance():
    return api.load("snyder-primary-alliance")


@pytest.fixture(scope="module")
def volunteer():
    return api.load("volunteers-dilemma")


# -- the primary alliance dilemma ----------------------------------------------------------------------

@pytest.mark.parametrize("n", range(2, 11))
def test_primary_alliance_all_ally_and_deficient_when_g_below_d_times_n_minus_1(alliance, n):
    result = count_equilibria(alliance.count, alliance.assumptions, n)
    assert [e.label for e in result.pure] == ["all Ally"]
    (only,) = result.pure
    assert only.counts == (n, 0) and only.conditions == () and only.profiles == 1
    assert sympy.expand(only.payoffs[0] - (R0 + g - d * (n - 1))) == 0
    assert result.mixed == ()  # Ally is strictly dominant: f(j) = g > 0, no mixing
    (comparison,) = result.comparisons
    assert (comparison.first, comparison.second) == ("all Ally", "all Abstain")
    assumptions = [a for a in alliance.assumptions if N not in a.free_symbols]
    assert _equivalent(comparison.second_better, g < d * (n - 1), assumptions)
    assert _equivalent(comparison.first_better, g > d * (n - 1), assumptions)
    (deficient,) = result.deficient
    assert deficient[:2] == ("all Ally", "all Abstain")
    assert _equivalent(deficient[2], g < d * (n - 1), assumptions)
    assert result.complete


def test_primary_alliance_for_every_n(alliance):
    result = count_equilibria(alliance.count, alliance.assumptions)
    assert result.symbolic_n and result.count == N
    assert [e.label for e in result.pure] == ["all Ally"]
    assert result.pure[0].conditions == ()
    assert _equivalent(result.deficient[0][2], g < d * (N - 1), alliance.assumptions)
    assert result.equation == g  # the indifference "equation" g = 0 has no solution
    assert result.mixed == ()


@pytest.mark.parametrize("n", [2, 3, 4, 5, 6])
def test_primary_alliance_agrees_with_the_full_normal_form(alliance, n):
    game = alliance.subs({"N": n})
    full = [e.profile.pure_indices for e in pure_equilibria(game)]
    assert full == [(0,) * n]
    counts = count_equilibria(alliance.count, alliance.assumptions, n)
    assert sum(int(e.profiles) for e in counts.pure) == len(full)


# -- the volunteer's dilemma -----------------------------------------------------------------------------

def test_volunteer_symbolic_n(volunteer):
    result = count_equilibria(volunteer.count, volunteer.assumptions)
    assert [e.label for e in result.pure] == ["1 Volunteer, N - 1 Abstain"]
    (one,) = result.pure
    assert one.conditions == () and one.profiles == N
    assert one.payoffs == (b - c, b)
    (sym,) = result.mixed
    assert sym.symmetric and sym.conditions == ()
    expected = 1 - (c / b) ** (1 / (N - 1))
    assert sympy.simplify(sym.probability - expected) == 0
    assert str(sym.probability) == "1 - (c/b)**(1/(N - 1))"
    assert sympy.expand(sym.equation - (b * (1 - result.probability_symbol) ** (N - 1) - c)) == 0
    assert sym.payoff == b - c


@pytest.mark.parametrize("n,root", [(2, 1 - c / b), (3, 1 - sympy.sqrt(c / b)), (4, 1 - (c / b) ** sympy.Rational(1, 3)),
                                    (6, 1 - (c / b) ** sympy.Rational(1, 5))])
def test_volunteer_numeric_n_symbolic_payoffs(volunteer, n, root):
    result = count_equilibria(volunteer.count, volunteer.assumptions, n)
    assert [e.label for e in result.pure] == [f"1 Volunteer, {n - 1} Abstain"]
    assert result.pure[0].profiles == n
    sym = [m for m in result.mixed if m.symmetric]
    assert len(sym) == 1 and sympy.simplify(sym[0].probability - root) == 0
    # partly mixed: r >= 2 mixers with (1 - p)^(r - 1) = c/b, everyone else abstains
    partial = sorted((int(m.mixers), int(m.fixed[0]), int(m.fixed[1])) for m in result.mixed if not m.symmetric)
    assert partial == [(r, 0, n - r) for r in range(2, n)]
    for m in result.mixed:
        assert m.conditions == ()
        r = int(m.mixers)
        assert sympy.simplify((1 - m.probability) ** (r - 1) - c / b) == 0
        assert m.profiles == sympy.binomial(n, r)
    assert result.complete


def _expand(result, n):
    """Every profile of every class, as tuples of exact (Volunteer) probabilities."""
    out = set()
    for e in result.pure:
        k = int(e.counts[0])
        for chosen in itertools.combinations(range(n), k):
            out.add(tuple(sympy.Integer(1) if i in chosen else sympy.Integer(0) for i in range(n)))
    for m in result.mixed:
        k0, k1, r = int(m.fixed[0]), int(m.fixed[1]), int(m.mixers)
        for ones in itertools.combinations(range(n), k0):
            rest = [i for i in range(n) if i not in ones]
            for zeros in itertools.combinations(rest, k1):
                out.add(tuple(sympy.Integer(1) if i in ones else sympy.Integer(0) if i in zeros else m.probability
                              for i in range(n)))
    return out


@pytest.mark.parametrize("n", [3, 4])
def test_volunteer_against_the_full_normal_form(volunteer, n):
    numeric = volunteer.subs({"N": n, "b": 4, "c": 1})
    classes = count_equilibria(numeric.count, numeric.assumptions)
    ours = _expand(classes, n)
    full = equilibria(numeric)
    assert full.complete
    theirs = {tuple(e.profile.probabilities[i][0] for i in range(n)) for e in full}
    assert ours == theirs
    for profile in ours:
        assert regret(numeric, [[p, 1 - p] for p in profile]) == 0
    assert len(ours) == {3: 7, 4: 15}[n]


def _gambit_cases():
    return json.loads(FIXTURE.read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", _gambit_cases(), ids=lambda case: f"N={case['N']}")
def test_volunteer_against_gambit_fixture(volunteer, case):
    n = case["N"]
    numeric = volunteer.subs({"N": n, "b": case["b"], "c": case["c"]})
    ours = sorted(tuple(round(float(p), 9) for p in profile)
                  for profile in _expand(count_equilibria(numeric.count, numeric.assumptions), n))
    theirs = sorted(tuple(round(float(player[0]), 9) for player in eq) for eq in case["equilibria"])
    assert ours == theirs


@pytest.mark.gambit
@pytest.mark.parametrize("n", [3, 4])
def test_volunteer_against_live_gambit(volunteer, n):
    gbt = pytest.importorskip("pygambit", reason="pygambit is not installed; the committed fixture is checked instead")
    import numpy as np

    numeric = volunteer.subs({"N": n, "b": 4, "c": 1})
    arrays = [np.array([[int(v) for v in arr._array]]).reshape(numeric.shape) for arr in numeric.payoffs]  # noqa: SLF001
    result = gbt.nash.enumpoly_solve(gbt.Game.from_arrays(*arrays))
    theirs = sorted(tuple(round(float(eq[p][list(p.strategies)[0]]), 9) for p in eq.game.players) for eq in result.equilibria)
    ours = sorted(tuple(round(float(p), 9) for p in profile)
                  for profile in _expand(count_equilibria(numeric.count, numeric.assumptions), n))
    assert ours == theirs


def test_large_n_without_the_normal_form(volunteer, alliance):
    # N = 60 would have 2^60 profiles: by counts it is N + 1 classes
    result = count_equilibria(volunteer.count, volunteer.assumptions, 60)
    assert [e.label for e in result.pure] == ["1 Volunteer, 59 Abstain"]
    (sym,) = [m for m in result.mixed if m.symmetric]
    assert sym.probability == 1 - (c / b) ** sympy.Rational(1, 59)
    assert not result.complete  # partly mixed classes are not listed for N > 8
    result = count_equilibria(alliance.count, alliance.assumptions, 200)
    assert [e.label for e in result.pure] == ["all Ally"]


# -- random games by counts against the expanded normal form -------------------------------------------

def _random_form(rng, strategies=2):
    names = tuple(f"S{k}" for k in range(strategies))
    counts = tuple(symbol(f"n_{name}") for name in names)
    payoffs = tuple(sympy.Integer(rng.randint(-3, 3)) + sum(sympy.Integer(rng.randint(-2, 2)) * x for x in counts)
                    for _ in names)
    return CountForm(names, payoffs, counts, N, N, "P")


@pytest.mark.parametrize("seed", range(12))
def test_random_pure_classes_match_pure_enumeration(seed):
    rng = random.Random(seed)
    form = _random_form(rng, strategies=2 if seed < 8 else 3)
    for n in (2, 3, 4):
        result = count_equilibria(form, (), n)
        from gametheory.games.normal import _expand_count

        game: Game = _expand_count(CountForm(form.strategies, form.payoffs, form.count_symbols, N, n, "P"), "random")
        full = {e.profile.pure_indices for e in pure_equilibria(game)}
        expected_classes = {tuple(profile.count(s) for s in range(len(form.strategies))) for profile in full}
        assert {tuple(int(x) for x in e.counts) for e in result.pure} == expected_classes
        assert sum(int(e.profiles) for e in result.pure) == len(full)
        for m in result.mixed:  # every mixed class is an equilibrium of the full game
            k0, k1, r = int(m.fixed[0]), int(m.fixed[1]), int(m.mixers)
            profile = [[1, 0]] * k0 + [[0, 1]] * k1 + [[m.probability, 1 - m.probability]] * r
            assert regret(game, profile) == 0


def test_to_dict_is_json_with_exact_strings(volunteer):
    doc = count_equilibria(volunteer.count, volunteer.assumptions).to_dict()
    text = json.dumps(doc)
    assert "1 - (c/b)**(1/(N - 1))" in text
    assert doc["pure"][0]["counts"] == {"Volunteer": "1", "Abstain": "N - 1"}
    assert doc["indifference"] == "b*(1 - p)**(N - 1) - c" and doc["probability"] == "p"
    from sympy.parsing.sympy_parser import parse_expr

    for entry in doc["pure"] + doc["mixed"]:  # every expression parses back
        for value in list(entry.get("counts", {}).values()) + [entry["profiles"]] + entry["conditions"]:
            parse_expr(value, local_dict={"N": sympy.Symbol("N")})
    assert doc["players"] == "N"


def test_docstring_examples():
    import doctest
    import importlib

    module = importlib.import_module("gametheory.equilibria.counts")
    failed, attempted = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert attempted > 0 and failed == 0


# -- a linear public good: the counts block and the main verdict agree (issue 11, defect 6) -------

PUBLIC_GOOD = Path(__file__).resolve().parent / "fixtures" / "specs" / "public-good-by-count.yaml"


def test_public_good_all_free_ride_is_a_dilemma_only_where_it_is_an_equilibrium():
    r = symbol("r")
    game = api.load(str(PUBLIC_GOOD))
    result = count_equilibria(game.count, game.assumptions)
    free_ride = [e for e in result.pure if e.label == "all FreeRide"]
    assert len(free_ride) == 1 and _equivalent(free_ride[0].conditions, r <= N, game.assumptions)
    (deficient,) = result.deficient
    assert deficient[:2] == ("all FreeRide", "all Contribute")
    assert _equivalent(deficient[2], r <= N, game.assumptions)
    # the text says the condition (it said "always": the comparison's, not the equilibrium's)
    assert ("  Dilemma: the equilibrium all FreeRide is worse for every player than all Contribute "
            "when r <= N") in result.lines()
    fixed = game.subs({"r": 5})
    text = count_equilibria(fixed.count, fixed.assumptions).lines()
    assert ("  Dilemma: the equilibrium all FreeRide is worse for every player than all Contribute "
            "when 5 <= N") in text


@pytest.mark.parametrize("n, r", [(4, 5), (4, 4), (4, 3), (3, 2), (3, 5), (5, 5)])
def test_public_good_counts_agree_with_the_main_verdict(n, r):
    """At each (N, r) the counts block's dilemma condition holds exactly when the solved
    N-player game is a dilemma, and all-FreeRide is an equilibrium exactly when r <= N."""
    game = api.load(str(PUBLIC_GOOD)).subs({"r": r})
    counts = count_equilibria(game.count, game.assumptions)
    point = {N: n}
    counts_says = any(all(bool(cond.subs(point)) for cond in conds) for _, _, conds in counts.deficient)
    report = api.solve(game.subs({"N": n}))
    assert report.dilemma.is_dilemma is (r <= n)
    assert counts_says is (r <= n)
    free_ride = (1,) * n
    assert (free_ride in {e.profile.pure_indices for e in report.equilibria.equilibria}) is (r <= n)
