"""The Python API of CLI.md: gametheory.load, solve, classify, statics, latex."""

from __future__ import annotations

import json

import gametheory
from click.testing import CliRunner
from gametheory.cli import app


def test_solve_is_a_plain_function_and_the_solvers_a_package():
    import inspect

    import gametheory.equilibria as solvers

    assert inspect.isfunction(gametheory.solve)
    game = gametheory.load("hawk-dove")
    report = gametheory.solve(game)
    assert [e.kind for e in report.equilibria] == ["pure", "pure", "mixed"]
    assert solvers.equilibria(game).equilibria == report.equilibria.equilibria


def test_to_dict_is_exactly_the_json():
    game = gametheory.load("stag-hunt")
    cli = json.loads(CliRunner().invoke(app, ["solve", "stag-hunt", "--format", "json"]).output)
    assert gametheory.solve(game).to_dict() == cli


def test_load_text_and_path(tmp_path):
    text = (
        "title: Tiny\nplayers: [A, B]\nstrategies: [x, y]\n"
        "payoffs:\n  matrix: [[[1, 1], [0, 0]], [[0, 0], [1, 1]]]\n"
    )
    from_text = gametheory.load(text)
    path = tmp_path / "tiny.yaml"
    path.write_text(text)
    assert gametheory.load(path) == from_text
    assert len(gametheory.solve(from_text).equilibria) == 3


def test_classify_statics_latex():
    game = gametheory.load("snyder-alliance-game")
    c = gametheory.classify(game)
    assert c.name is None
    assert {r.name for r in c.regions} >= {"prisoners_dilemma", "deadlock"}
    s = gametheory.statics(gametheory.load("hawk-dove")).to_dict()
    assert s["schema"] == "gametheory.statics/1"
    assert "\\begin{tabular}" in gametheory.latex(game)


def test_game_is_immutable_and_hashable():
    game = gametheory.load("prisoners-dilemma")
    assert hash(game) == hash(gametheory.load("prisoners-dilemma"))
    numeric = game.numeric()
    assert numeric != game and numeric.is_numeric and not game.is_numeric


def test_notebook_representations():
    game = gametheory.load("hawk-dove")
    assert "Hawk" in game._repr_markdown_()
    latex = game._repr_latex_()
    assert latex.startswith("$$\\begin{array}") and "\\frac{V}{2}" in latex
    assert "<table>" in game._repr_html_()
    report = gametheory.solve(game)
    assert "Hawk-Dove" in report._repr_markdown_()
    assert "<pre>" in report._repr_html_()
    assert "V/C" in report.equilibria._repr_markdown_()
    assert "Chicken" in report.classification._repr_markdown_()
    adversary = gametheory.load("snyder-adversary-game")
    assert "Conciliate/Firm" in adversary._repr_html_()
    three = gametheory.load("volunteers-dilemma")
    assert three._repr_latex_().count("\\begin{array}") == 2


def test_to_nashpy_for_numeric_games():
    from gametheory.equilibria._nashpy import to_nashpy

    nash = to_nashpy(gametheory.load("prisoners-dilemma").numeric())
    assert nash.payoff_matrices[0].tolist() == [[3.0, 0.0], [5.0, 1.0]]
