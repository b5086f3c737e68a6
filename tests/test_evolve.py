"""Evolutionary stability and replicator dynamics (gametheory.equilibria.evolution), exactly.

Literature cases (Maynard Smith and Price 1973; Maynard Smith 1982; Hofbauer and Sigmund 1998),
the solver against its checker on random symmetric games, symbolic answers against numeric ones
at random points satisfying the assumptions, and a test-only cross-check against nashpy's
replicator dynamics.
"""

from __future__ import annotations

import json
import random
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
import sympy
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gametheory
from gametheory.cli import app
from gametheory.equilibria.evolution import evolve, invades, symmetric_matrix
from gametheory.errors import UsageError
from gametheory.games import Game
from gametheory.report.evolution import evolve as evolve_report

ROOT = Path(__file__).resolve().parent.parent
RPS = str(ROOT / "docs" / "examples" / "rock-paper-scissors.yaml")


def symmetric_game(rows) -> Game:
    n = len(rows)
    A = [[sympy.Rational(v) for v in row] for row in rows]
    return Game.from_arrays([A, [[A[j][i] for j in range(n)] for i in range(n)]],
                            strategies=[[f"s{i}" for i in range(n)]] * 2, title="random")


def _by_strategy(result):
    return {s.strategy: s for s in result.strategies}


# -- literature cases ------------------------------------------------------------------------------

def test_hawk_dove_single_ess_is_v_over_c_and_pure_rest_points_unstable():
    game = gametheory.load("hawk-dove")
    result = evolve(game)
    V, C = sympy.symbols("V C", real=True)
    hawk = game.strategies[0].index("Hawk")
    assert len(result.ess) == 1
    (ess,) = result.ess
    assert sympy.simplify(ess.strategy[hawk] - V / C) == 0
    assert ess.nss.holds is True and ess.invader is None
    stability = {tuple(r.point): r.stability for r in result.rest_points}
    pure = [r for r in result.rest_points if len(r.support) == 1]
    assert len(pure) == 2 and all(r.stability == "unstable" for r in pure)
    assert stability[ess.strategy] == "stable"


def test_hawk_dove_statics_share_of_hawks_rises_with_v_falls_with_c():
    report = evolve_report(gametheory.load("hawk-dove"))
    signs = {(s.strategy, str(s.parameter)): s.sign for s in report.statics}
    assert signs[("Hawk", "V")] == "+"
    assert signs[("Hawk", "C")] == "-"
    data = report.to_dict()
    assert data["schema"] == "gametheory.evolve/1"
    hawk = [s for s in data["statics"] if s["quantity"] == "Hawk" and s["parameter"] == "C"]
    assert hawk[0]["derivative"] == "-V/C**2"


def test_rock_paper_scissors_no_ess_centre_neutrally_stable():
    result = evolve(gametheory.load(RPS))
    third = sympy.Rational(1, 3)
    (centre,) = result.strategies
    assert centre.strategy == (third, third, third)
    assert centre.ess.holds is False and centre.nss.holds is True
    assert centre.invader is not None
    assert invades(result.matrix, centre.strategy, centre.invader) is True
    rest = {r.point: r for r in result.rest_points}
    assert rest[(third, third, third)].stability == "neutral"
    assert all(r.stability == "unstable" for r in result.rest_points if len(r.support) == 1)


def test_stag_hunt_two_pure_ess_and_an_unstable_mixed_rest_point():
    result = evolve(gametheory.load("stag-hunt"))
    pure_ess = [s for s in result.ess if len(s.support) == 1]
    assert len(pure_ess) == 2 and len(result.ess) == 2
    (mixed,) = [s for s in result.strategies if len(s.support) == 2]
    assert mixed.ess.holds is False and mixed.invader is not None
    (inner,) = [r for r in result.rest_points if len(r.support) == 2]
    assert inner.stability == "unstable"


@pytest.mark.parametrize("n", [2, 3, 4, 5])
def test_coordination_game_with_n_strategies_has_n_pure_ess(n):
    rng = random.Random(n)
    diagonal = [rng.randint(1, 9) for _ in range(n)]
    game = symmetric_game([[diagonal[i] if i == j else 0 for j in range(n)] for i in range(n)])
    result = evolve(game)
    assert sorted(s.support for s in result.ess) == [(i,) for i in range(n)]
    stable = [r for r in result.rest_points if r.stability == "stable"]
    assert sorted(r.support for r in stable) == [(i,) for i in range(n)]


def test_prisoners_dilemma_defection_is_the_ess():
    result = evolve(gametheory.load("prisoners-dilemma"))
    (ess,) = result.ess
    assert ess.support == (1,)


# -- bad input -------------------------------------------------------------------------------------

def test_asymmetric_game_names_the_payoffs_that_break_symmetry():
    with pytest.raises(UsageError, match=r"at \(Fight, Fight\) is a but Column's at \(Fight, Fight\) is b"):
        symmetric_matrix(gametheory.load("battle-of-the-sexes"))


@pytest.mark.parametrize("spec,message", [
    ("battle-of-the-sexes", "needs a symmetric game"),
    ("volunteers-dilemma", "needs a two-player game"),
    ("snyder-adversary-game", "without types"),
])
def test_cli_refuses_games_it_cannot_analyse_with_exit_2(spec, message):
    result = CliRunner().invoke(app, ["evolve", spec])
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.output + result.stderr


# -- the solver against its checker ----------------------------------------------------------------

def _random_mutants(n, rng, count=40):
    for _ in range(count):
        weights = [rng.randint(0, 6) for _ in range(n)]
        if sum(weights) == 0:
            continue
        yield tuple(sympy.Rational(w, sum(weights)) for w in weights)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 9).flatmap(lambda top: st.integers(2, 4).flatmap(
           lambda n: st.lists(st.lists(st.integers(0, top), min_size=n, max_size=n), min_size=n, max_size=n))),
       st.randoms(use_true_random=False))
def test_ess_verdicts_agree_with_the_checker_on_random_games(rows, rng):
    """Random games, degenerate ones (many ties, several best replies) included."""
    game = symmetric_game(rows)
    result = evolve(game)
    A = result.matrix
    for s in result.strategies:
        for y in _random_mutants(len(rows), rng):
            if y == s.strategy:
                continue
            verdict = invades(A, s.strategy, y)
            if s.ess.holds is True:
                assert verdict is False, (rows, s.strategy, y)
            if s.nss.holds is True:
                # neutral stability: no mutant does strictly better against itself
                first = sum(y[i] * A[i, j] * s.strategy[j] for i in range(len(y)) for j in range(len(y))) \
                    - sum(s.strategy[i] * A[i, j] * s.strategy[j] for i in range(len(y)) for j in range(len(y)))
                second = sum(y[i] * A[i, j] * y[j] for i in range(len(y)) for j in range(len(y))) \
                    - sum(s.strategy[i] * A[i, j] * y[j] for i in range(len(y)) for j in range(len(y)))
                assert first < 0 or (first == 0 and second <= 0), (rows, s.strategy, y)
        if s.invader is not None:
            assert invades(A, s.strategy, s.invader) is True


@settings(max_examples=25, deadline=None)
@given(st.integers(2, 4).flatmap(lambda n: st.lists(st.lists(st.integers(0, 9), min_size=n, max_size=n),
                                                     min_size=n, max_size=n)))
def test_rest_points_are_rest_points(rows):
    result = evolve(symmetric_game(rows))
    A = result.matrix
    n = len(rows)
    for r in result.rest_points:
        x = r.point
        assert sum(x) == 1 and all(p >= 0 for p in x)
        payoff = [sum(A[i, j] * x[j] for j in range(n)) for i in range(n)]
        mean = sum(x[i] * payoff[i] for i in range(n))
        assert all(x[i] * (payoff[i] - mean) == 0 for i in range(n))


# -- symbolic against numeric ----------------------------------------------------------------------

def test_symbolic_hawk_dove_agrees_with_numeric_instances():
    game = gametheory.load("hawk-dove")
    symbolic = evolve(game)
    rng = random.Random(7)
    V, C = sympy.symbols("V C", real=True)
    for _ in range(8):
        v = Fraction(rng.randint(1, 40), rng.randint(1, 9))
        c = v + Fraction(rng.randint(1, 40), rng.randint(1, 9))
        numeric = evolve(game.subs({"V": sympy.Rational(v.numerator, v.denominator),
                                    "C": sympy.Rational(c.numerator, c.denominator)}))
        at = {V: sympy.Rational(v.numerator, v.denominator), C: sympy.Rational(c.numerator, c.denominator)}
        expected = sorted(tuple(p.subs(at) for p in s.strategy) for s in symbolic.ess)
        assert sorted(s.strategy for s in numeric.ess) == expected
        assert sorted((tuple(p.subs(at) for p in r.point), r.stability) for r in symbolic.rest_points) == \
            sorted((r.point, r.stability) for r in numeric.rest_points)


# -- cross-check with nashpy's replicator dynamics (test-only) ------------------------------------

@pytest.mark.parametrize("spec", ["hawk-dove", "stag-hunt", "prisoners-dilemma", "chicken"])
def test_nashpy_trajectories_end_near_the_stable_rest_points(spec):
    import nashpy

    game = gametheory.load(spec).numeric()
    result = evolve(game)
    A = np.array([[float(result.matrix[i, j]) for j in range(2)] for i in range(2)])
    stable = [np.array([float(p) for p in r.point]) for r in result.rest_points if r.stability == "stable"]
    assert stable
    rng = np.random.default_rng(1)
    for _ in range(5):
        start = rng.dirichlet([1, 1])
        path = nashpy.Game(A, A.T).replicator_dynamics(y0=start, timepoints=np.linspace(0, 200, 2000))
        end = path[-1]
        assert min(np.abs(end - s).max() for s in stable) < 1e-3, (spec, start, end)


# -- report and command line -----------------------------------------------------------------------

def test_json_document_is_the_report_to_dict():
    result = CliRunner().invoke(app, ["evolve", "hawk-dove", "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data == evolve_report(gametheory.load("hawk-dove")).to_dict()
    assert data["schema"] == "gametheory.evolve/1"
    (strategy,) = data["strategies"]
    assert strategy["ess"] is True and strategy["profile"]["Hawk"] == "V/C"
    assert sorted(r["stability"] for r in data["rest_points"]) == ["stable", "unstable", "unstable"]


@pytest.mark.parametrize("fmt", ["text", "markdown", "latex"])
def test_every_format_renders(fmt):
    result = CliRunner().invoke(app, ["evolve", RPS, "--format", fmt])
    assert result.exit_code == 0
    assert "Rock" in result.output and "neutral" in result.output


@pytest.mark.parametrize("poly,expected", [
    ("x**4 + 2*x**2 - 1", "unstable"),  # roots +-i*sqrt(1 + sqrt 2) and +-sqrt(sqrt 2 - 1)
    ("x**2 + 1", "neutral"),
    ("(x + 2)*(x**2 + 1)", "neutral"),
    ("(x + 1)*(x + 3)*(x**2 + 2*x + 5)", "stable"),
    ("x**3 - 1", "unstable"),
    ("x*(x + 1)", "neutral"),
    ("(x**2 + 1)*(x**2 - 2*x + 5)", "unstable"),
    ("x**4 + 5*x**2 + 4", "neutral"),
])
def test_stability_of_numeric_characteristic_polynomials(poly, expected):
    from gametheory.equilibria.evolution import LAMBDA, _classify_numeric

    expr = sympy.sympify(poly).subs(sympy.Symbol("x"), LAMBDA)
    assert _classify_numeric(sympy.Poly(expr, LAMBDA)) == expected


# -- phase plots (plot --dynamics) -----------------------------------------------------------------

@pytest.mark.parametrize("spec,expected", [
    ("hawk-dove", {"rest:unstable:Dove", "rest:unstable:Hawk", "rest:stable:Dove 1/2, Hawk 1/2"}),
    (RPS, {"rest:unstable:Rock", "rest:unstable:Paper", "rest:unstable:Scissors",
           "rest:neutral:Rock 1/3, Paper 1/3, Scissors 1/3"}),
])
def test_plot_dynamics_marks_every_rest_point_with_its_exact_stability(spec, expected, tmp_path):
    pytest.importorskip("matplotlib")
    out = tmp_path / "phase.svg"
    result = CliRunner().invoke(app, ["plot", spec, "--dynamics", "-o", str(out)])
    assert result.exit_code == 0, result.output
    svg = out.read_text()
    import re

    found = set(re.findall(r'id="(rest:[^"]+)"', svg))
    assert found == expected
    assert ("trajectory" in svg) == (spec == RPS)


def test_plot_dynamics_refuses_a_parameter_axis_and_large_games(tmp_path):
    pytest.importorskip("matplotlib")
    result = CliRunner().invoke(app, ["plot", "stag-hunt", "--dynamics", "--param", "R", "-o", str(tmp_path / "x.png")])
    assert result.exit_code == 2 and "takes no --param" in result.stderr
    spec = tmp_path / "four.yaml"
    spec.write_text("title: Four\nplayers: [A, B]\nstrategies: [a, b, c, d]\nsymmetric: true\n"
                    "payoffs:\n  matrix: [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]]\n")
    result = CliRunner().invoke(app, ["plot", str(spec), "--dynamics", "-o", str(tmp_path / "x.png")])
    assert result.exit_code == 2 and "two or three strategies" in result.stderr
