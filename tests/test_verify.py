"""--verify: symbolic answers checked against the numeric engine at random points of the
assumptions (gametheory.analysis.verify), and the check itself checked on forged answers."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
import sympy
from click.testing import CliRunner

import gametheory as gt
from gametheory.analysis.verify import sample_points, verify
from gametheory.cli import app
from gametheory.expr import symbol
from gametheory.report.verify_report import verify as verify_report


def run(*args):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def test_points_satisfy_the_assumptions_and_avoid_edges():
    game = gt.load("prisoners-dilemma")
    edge = sympy.Eq(2 * symbol("R"), symbol("T") + symbol("S"))
    points, draws = sample_points(game, 30, edges=(edge,), seed=3)
    assert len(points) == 30 and draws >= 30
    for point in points:
        assert all(a.xreplace(point) is sympy.true for a in game.assumptions)
        assert (2 * point[symbol("R")] - point[symbol("T")] - point[symbol("S")]) != 0
        assert all(v.is_Rational for v in point.values())
    again, _ = sample_points(game, 30, edges=(edge,), seed=3)
    assert again == points  # seeded: the same points every time


def test_a_correct_answer_agrees():
    report = gt.solve(gt.load("hawk-dove"))
    result = verify_report(report, 20)
    assert result.agrees
    v = result.verification
    assert len(v.points) == 20 and v.comparisons >= 20 * 4
    assert result.text().startswith("Verified: checked at 20 random points satisfying the assumptions: ")


def _forge_equilibria(report, k, conditions):
    eqs = list(report.equilibria.equilibria)
    eqs[k] = replace(eqs[k], conditions=conditions)
    return replace(report, equilibria=replace(report.equilibria, equilibria=tuple(eqs)))


def test_a_missing_condition_is_found():
    report = gt.solve(gt.load("stag-hunt"))
    mixed = next(k for k, eq in enumerate(report.equilibria.equilibria) if not eq.is_pure)
    # claim the mixed equilibrium exists only when R > 100: wherever R < 100 a numeric equilibrium is unlisted
    forged = _forge_equilibria(report, mixed, (symbol("R") > 100,))
    result = verify(forged.game, points=10, equilibria=forged.equilibria)
    assert not result.agrees
    assert all(d.what.startswith("equilibria (a numeric equilibrium missing") for d in result.disagreements)


def test_a_wrong_pareto_flag_and_dilemma_verdict_are_found():
    report = gt.solve(gt.load("prisoners-dilemma"))
    pareto = tuple(replace(p, value=not p.value) for p in report.pareto)
    verdict = replace(report.dilemma, is_dilemma=False)
    result = verify(report.game, points=5, equilibria=report.equilibria, pareto=pareto, dilemma=verdict)
    whats = {d.what for d in result.disagreements}
    assert whats == {"Pareto efficiency of equilibrium 1", "the dilemma verdict"}
    assert len(result.disagreements) == 10


def test_a_wrong_classification_is_found():
    report = gt.classify(gt.load("chicken"))
    forged = replace(report.classification, name="stag_hunt")
    result = verify(report.game, points=5, classification=forged)
    assert [d.symbolic for d in result.disagreements] == ["stag_hunt"] * 5
    assert {d.numeric for d in result.disagreements} == {"chicken"}


def test_a_wrong_sign_of_comparative_statics_is_found():
    report = gt.statics(gt.load("hawk-dove"))
    derivatives = tuple(replace(d, sign={"+": "-", "-": "+"}.get(d.sign, d.sign)) for d in report.result.derivatives)
    forged = replace(report.result, derivatives=derivatives)
    result = verify(forged.game, points=5, statics=forged)
    flipped = sum(d.sign in "+-" for d in derivatives)
    assert flipped and len(result.disagreements) == 5 * flipped
    assert verify(report.result.game, points=5, statics=report.result).agrees


def test_a_condition_that_is_not_real_is_found():
    report = gt.solve(gt.load("stag-hunt"))
    R, T = symbol("R"), symbol("T")
    forged = _forge_equilibria(report, 0, report.equilibria.equilibria[0].conditions + (sympy.sqrt(T - R - 100) < 1000,))
    result = verify(forged.game, points=3, equilibria=forged.equilibria)
    assert any("not a comparison of real numbers" in d.detail for d in result.disagreements)


@pytest.mark.parametrize("command", ["solve", "classify", "statics"])
def test_cli_verify_says_how_many_points(command):
    result = run(command, "chicken", "--verify", "50")
    assert result.exit_code == 0, result.stderr
    assert "Verified: checked at 50 random points satisfying the assumptions: " in result.stdout


def test_cli_verify_json_block():
    document = json.loads(run("solve", "hawk-dove", "--verify", "10", "--format", "json").stdout)
    block = document["verification"]
    assert block["schema"] == "gametheory.verification/1"
    assert (block["points_checked"], block["agrees"], block["disagreements"]) == (10, True, [])


def test_cli_verify_fails_loudly(monkeypatch):
    from gametheory import report as api

    real = api.solve

    def wrong(game, **kwargs):
        report = real(game, **kwargs)
        return replace(report, dilemma=replace(report.dilemma, is_dilemma=False))

    monkeypatch.setattr(api, "solve", wrong)
    result = run("solve", "prisoners-dilemma", "--verify", "5")
    assert result.exit_code == 1
    assert "Verification FAILED: checked at 5 random points satisfying the assumptions" in result.stdout
    assert "the dilemma verdict: the symbolic answer gives no, the numeric engine yes" in result.stdout
    assert result.stderr.startswith("error: the symbolic answer disagrees with the numeric engine (5 disagreements")


def test_cli_verify_on_a_numeric_game():
    result = run("solve", "matching-pennies", "--verify", "5")
    assert result.exit_code == 0
    assert "Verified: checked on the numeric game (the game has no free parameters" in result.stdout
