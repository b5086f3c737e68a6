"""Exact mixed equilibria of games with three or more players, any size (the polynomial solver).

Random games against pygambit's ``enumpoly_solve`` (test-only oracle; floats within 1e-9), every
one of ours verified with zero regret, Wilson's oddness theorem on games with distinct random
payoffs, a 2x2x4 game, continua and the time limit.
"""

from __future__ import annotations

import itertools
import random

import pytest
import sympy
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from gametheory import limits
from gametheory.equilibria import equilibria, regret
from gametheory.games import Game


def random_game(shape, seed, distinct=True):
    rng = random.Random(seed)
    size = 1
    for m in shape:
        size *= m
    arrays = []
    for _ in shape:
        values = rng.sample(range(100), size) if distinct and size <= 100 else [rng.randint(0, 99) for _ in range(size)]
        arrays.append(sympy.ImmutableDenseNDimArray(values, shape).tolist())
    return Game.from_arrays(arrays, title="random")


def _floats(e):
    return [float(p) for row in e.profile.probabilities for p in row]


@pytest.mark.gambit
@pytest.mark.parametrize("shape,seed", [((2, 2, 2), s) for s in range(4)] + [((2, 2, 3), s) for s in range(3)]
                         + [((2, 3, 3), 0), ((2, 2, 4), 0), ((2, 2, 2, 2), 0)])
def test_every_gambit_equilibrium_is_one_of_ours(shape, seed):
    gbt = pytest.importorskip("pygambit")
    import numpy as np

    game = random_game(shape, seed)
    ours = equilibria(game)
    assert ours.complete
    for e in ours:
        assert regret(game, e.profile) == 0
    arrays = [np.array([[float(v) for v in np.array(game.payoffs[i].tolist(), dtype=object).flat]]).reshape(shape)
              for i in range(len(shape))]
    theirs = gbt.nash.enumpoly_solve(gbt.Game.from_arrays(*arrays)).equilibria
    mine = [_floats(e) for e in ours]
    g = gbt.Game.from_arrays(*arrays)
    for eq in theirs:
        vec = [float(eq[s]) for pl in eq.game.players for s in pl.strategies]
        assert any(max(abs(a - b) for a, b in zip(vec, m)) < 1e-9 for m in mine), (vec, mine)
    assert len(ours) >= len(theirs)
    del g


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from([(2, 2, 2), (2, 2, 3)]), st.integers(0, 10**6))
def test_wilson_oddness_on_games_with_distinct_payoffs(shape, seed):
    """Generic games have an odd number of equilibria (Wilson 1971); distinct random payoffs are
    generic except on a set the draw almost never hits, so a rare degenerate draw (a continuum)
    is skipped."""
    game = random_game(shape, seed)
    result = equilibria(game)
    assume(not any("continuum" in n for n in result.notes))
    assert result.complete
    assert len(result) % 2 == 1
    assert all(regret(game, e.profile) == 0 for e in result)


def test_a_2x2x4_game_lists_its_equilibria_exactly_and_completely():
    game = random_game((2, 2, 4), 3)
    result = equilibria(game)
    assert result.complete and len(result) >= 1
    assert all(regret(game, e.profile) == 0 for e in result)


def test_irrational_equilibria_are_exact_algebraic_numbers():
    # a 2x2x2 game with a mixed equilibrium whose probabilities are irrational (a quadratic's roots)
    game = random_game((2, 2, 2), 4)
    result = equilibria(game)
    irrational = [e for e in result if any(not p.is_Rational for row in e.profile.probabilities for p in row)]
    assert irrational
    for e in irrational:
        assert regret(game, e.profile) == 0
        assert sum(e.profile.probabilities[0]).equals(1)


def test_the_time_limit_stops_the_enumeration_with_the_unexamined_supports_named():
    game = random_game((4, 4, 4), 1)  # 3375 support profiles: more than any machine does in 1.5 s
    with limits.deadline(1.5):
        result = equilibria(game)
    assert not result.complete
    (note,) = [n for n in result.notes if "not examined" in n]
    assert "support profiles were not examined" in note
    assert all(regret(game, e.profile) == 0 for e in result)


def test_a_3x3x3_game_complete_with_equilibria_in_quartic_roots():
    """Every equilibrium of a 3x3x3 game, two of them polynomials in a root of a quartic; each
    checked exactly (the checker reduces an algebraic regret to an exact zero)."""
    game = random_game((3, 3, 3), 1)
    result = equilibria(game)
    assert result.complete and len(result) == 7
    assert sum(bool(e.profile.probabilities[0][0].atoms(sympy.CRootOf) or e.profile.probabilities[0][1].atoms(sympy.CRootOf))
               for e in result) == 2
    assert all(regret(game, e.profile) == 0 for e in result)
    assert regret(game, ((1, 0, 0), (1, 0, 0), (1, 0, 0))) > 0


def test_mckelvey_mclennan_nine_equilibria_two_completely_mixed():
    import gametheory

    game = gametheory.load("docs/examples/mckelvey-mclennan.yaml")
    result = equilibria(game)
    assert result.complete and len(result) == 9
    full = [e for e in result if all(len(e.profile.support(i)) == 2 for i in range(3))]
    assert sorted(e.profile.probabilities for e in full) == sorted([
        ((sympy.Rational(1, 2),) * 2, (sympy.Rational(2, 5), sympy.Rational(3, 5)), (sympy.Rational(1, 4), sympy.Rational(3, 4))),
        ((sympy.Rational(2, 5), sympy.Rational(3, 5)), (sympy.Rational(1, 2),) * 2, (sympy.Rational(1, 3), sympy.Rational(2, 3))),
    ])
    assert all(regret(game, e.profile) == 0 for e in result)


def test_nau_continuum_extreme_points_and_components():
    import gametheory

    game = gametheory.load("docs/examples/nau-continuum.yaml")
    result = equilibria(game)
    assert result.complete and len(result) == 5
    by_profile = {e.profile.pure_indices: e.component for e in result if e.is_pure}
    mixed = [e for e in result if not e.is_pure]
    assert len(mixed) == 2 and all(e.profile.probabilities[2] == (sympy.Rational(1, 4), sympy.Rational(3, 4)) for e in mixed)
    # (x, y, x), (y, x, x) and both partly mixed equilibria are joined by continua; (y, y, y) alone
    joined = {by_profile[(0, 1, 0)], by_profile[(1, 0, 0)]} | {e.component for e in mixed}
    assert len(joined) == 1 and by_profile[(1, 1, 1)] not in joined
    curve = [n for n in result.notes if "x 3*t/(t + 2)" in n]
    assert curve and "from 0 to 1" in curve[0]
    # every point of the curve is an equilibrium (checked at rational t)
    for t in (sympy.Rational(1, 5), sympy.Rational(1, 2), sympy.Rational(9, 10)):
        profile = ((3 * t / (t + 2), 1 - 3 * t / (t + 2)), (1 - t, t), (sympy.Rational(1, 4), sympy.Rational(3, 4)))
        assert regret(game, profile) == 0


# -- one equilibrium fast: the logit path, refined exactly -----------------------------------------

@pytest.mark.parametrize("shape,seed", [((2, 2, 2), 4), ((3, 3, 3), 1), ((4, 4, 4), 2), ((8, 8, 8), 2), ((2, 3, 4), 5)])
def test_logit_path_gives_one_exact_verified_equilibrium(shape, seed):
    from gametheory.equilibria.logit import logit_equilibrium

    game = random_game(shape, seed, distinct=False)
    result = logit_equilibrium(game)
    assert not result.complete
    (e,) = result.equilibria
    assert regret(game, e.profile) == 0


@pytest.mark.gambit
@pytest.mark.parametrize("seed", range(4))
def test_logit_path_ends_where_gambits_logit_solve_ends(seed):
    gbt = pytest.importorskip("pygambit")
    import numpy as np

    from gametheory.equilibria.logit import logit_equilibrium

    shape = (3, 3, 3)
    game = random_game(shape, seed)
    (ours,) = logit_equilibrium(game).equilibria
    arrays = [np.array([float(v) for v in np.array(game.payoffs[i].tolist(), dtype=object).flat]).reshape(shape)
              for i in range(3)]
    (theirs,) = gbt.nash.logit_solve(gbt.Game.from_arrays(*arrays)).equilibria
    vec = [float(theirs[s]) for pl in theirs.game.players for s in pl.strategies]
    assert max(abs(a - b) for a, b in zip(vec, _floats(ours))) < 1e-4


def test_solve_method_logit_on_the_command_line():
    from click.testing import CliRunner

    from gametheory.cli import app

    result = CliRunner().invoke(app, ["solve", "docs/examples/mckelvey-mclennan.yaml", "--method", "logit"])
    assert result.exit_code == 0, result.output
    assert "Nash equilibria: 1 (exact, possibly incomplete; method: logit path, refined exactly)" in result.output
    assert "solving its support exactly" in result.output


def test_json_shows_a_decimal_approximation_beside_irrational_probabilities():
    import json

    import gametheory
    from gametheory.export.json import dumps

    game = random_game((2, 2, 2), 4)
    document = json.loads(dumps(gametheory.solve(game).to_dict()))
    irrational = [e for e in document["equilibria"] if "approximation" in e]
    rational = [e for e in document["equilibria"] if "approximation" not in e]
    assert irrational and rational
    for e in irrational:
        for player, row in e["profile"].items():
            for strategy, exact in row.items():
                value = sympy.sympify(exact)  # the exact value parses back
                assert abs(float(value) - float(e["approximation"][player][strategy])) < 1e-12


def test_nau_section_4_game_has_one_equilibrium_in_irrational_strategies():
    """Nau, Gomez Canovas and Hansen (2004, section 4; payoffs as in Gambit's catalog,
    catalog/journals/ijgt/nau2004/sec4.nfg): a unique Nash equilibrium, completely mixed and
    irrational. Exact values from the Groebner basis, checked with zero regret."""
    import gametheory

    game = gametheory.load("docs/examples/nau-irrational.yaml")
    result = equilibria(game)
    assert result.complete and len(result) == 1
    (e,) = result
    root = sympy.sqrt(601)
    expected = (((53 - root) / 46, (root - 7) / 46), ((root - 13) / 24, (37 - root) / 24),
                ((root - 23) / 4, (27 - root) / 4))
    for row, want in zip(e.profile.probabilities, expected):
        for p, q in zip(row, want):
            assert sympy.simplify(p - q) == 0
            assert not p.is_Rational
    assert regret(game, e.profile) == 0
    assert abs(float(e.profile.probabilities[0][0]) - 0.6192325794725538) < 1e-12


@pytest.mark.gambit
def test_nau_section_4_game_agrees_with_gambit():
    gbt = pytest.importorskip("pygambit")
    import numpy as np

    import gametheory

    game = gametheory.load("docs/examples/nau-irrational.yaml")
    arrays = [np.array([float(v) for v in np.array(game.payoffs[i].tolist(), dtype=object).flat]).reshape(game.shape)
              for i in range(3)]
    theirs = gbt.nash.enumpoly_solve(gbt.Game.from_arrays(*arrays)).equilibria
    (e,) = equilibria(game)
    assert len(theirs) == 1
    vec = [float(theirs[0][s]) for pl in theirs[0].game.players for s in pl.strategies]
    assert max(abs(a - b) for a, b in zip(vec, _floats(e))) < 1e-9


def test_nau_section_6_game_has_a_segment_of_equilibria():
    """The 2x2x4 game of Nau et al. (2004, section 6; payoffs as in Gambit's catalog,
    catalog/journals/ijgt/nau2004/sec6.nfg): its equilibria are one segment, listed by its two
    extreme points, complete; every point of the segment is an equilibrium."""
    import gametheory

    game = gametheory.load("docs/examples/nau-segment.yaml")
    result = equilibria(game)
    assert result.complete and len(result) == 2
    half = (sympy.Rational(1, 2), sympy.Rational(1, 2))
    ends = sorted(e.profile.probabilities[2] for e in result)
    assert ends == [(0, 0, half[0], half[1]), (half[0], half[1], 0, 0)]
    assert all(e.profile.probabilities[:2] == (half, half) for e in result)
    assert len({e.component for e in result}) == 1
    assert all(regret(game, e.profile) == 0 for e in result)
    for t in (sympy.Rational(1, 7), sympy.Rational(1, 4), sympy.Rational(2, 5)):
        assert regret(game, (half, half, (half[0] - t, half[1] - t, t, t))) == 0
    assert regret(game, (half, (sympy.Rational(2, 3), sympy.Rational(1, 3)), (half[0], half[1], 0, 0))) > 0


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from([(2, 2, 2), (2, 2, 3), (2, 3, 3)]), st.integers(0, 10**6))
def test_the_interval_screen_drops_no_equilibrium(shape, seed):
    """Support profile by support profile, the exact check keeps the same solutions with and
    without the certified interval screen of candidates (which only drops a solution that
    certainly has a negative probability or a better deviation)."""
    from gametheory.equilibria import polynomial as P

    game = random_game(shape, seed, distinct=False)
    for supports in P._supports(game):
        unknowns, probs, pay, eqs = P._system(game, supports)
        if eqs is None or not eqs or P._underdetermined(eqs, unknowns):
            continue
        plain, done = P._solve_rational(eqs, unknowns)
        if not done:
            continue
        screened, _ = P._solve_rational(eqs, unknowns, P._screen(game, supports, unknowns))
        assert len(screened) <= len(plain)

        def kept(solutions):
            out = []
            for values, algebraic in solutions:
                if any(q not in values or values[q].has(sympy.I) for q in unknowns):
                    continue
                entry = P._examine(game, supports, probs, pay, values, algebraic, None)
                if entry is not None:
                    out.append(entry[0])
            return out

        assert kept(plain) == kept(screened)
