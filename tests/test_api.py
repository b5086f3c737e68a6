"""The Python API of CLI.md: gametheory.load, solve, classify, statics, latex."""

from __future__ import annotations

import json
import sys

import gametheory
import pytest
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


class _Formatter:
    """The part of an IPython display formatter that registration uses: printers registered by
    module and class name, found through the class's bases, before the ``_repr_*_`` method."""

    def __init__(self, mime):
        self.method = {"text/markdown": "_repr_markdown_", "text/latex": "_repr_latex_",
                       "text/html": "_repr_html_"}[mime]
        self.by_name = {}

    def for_type_by_name(self, module, name, func):
        self.by_name[(module, name)] = func

    def __call__(self, value):
        for cls in type(value).__mro__:
            if (cls.__module__, cls.__name__) in self.by_name:
                return self.by_name[(cls.__module__, cls.__name__)](value)
        method = getattr(value, self.method, None)
        return method() if method is not None else None


def _shell():
    from types import SimpleNamespace

    formatters = {mime: _Formatter(mime) for mime in ("text/markdown", "text/latex", "text/html")}
    return SimpleNamespace(display_formatter=SimpleNamespace(formatters=formatters))


def test_notebook_display_is_registered_by_the_report_layer():
    from gametheory.report import notebook

    shell = _shell()
    assert notebook.register(shell) is True
    show = shell.display_formatter.formatters
    game = gametheory.load("hawk-dove")
    assert not hasattr(game, "_repr_markdown_")  # a game knows nothing of its display
    assert "Hawk" in show["text/markdown"](game)
    latex = show["text/latex"](game)
    assert latex.startswith("$$\\begin{array}") and "\\frac{V}{2}" in latex
    assert "<table>" in show["text/html"](game)
    report = gametheory.solve(game)
    assert "Hawk-Dove" in show["text/markdown"](report)
    assert "<pre>" in show["text/html"](report)
    assert show["text/latex"](report) == report.latex()
    assert "V/C" in show["text/markdown"](report.equilibria)
    assert "Chicken" in show["text/markdown"](report.classification)
    statics = gametheory.statics(game)
    assert show["text/markdown"](statics.result) == statics.markdown()
    adversary = gametheory.load("snyder-adversary-game")
    assert "Conciliate/Firm" in show["text/html"](adversary)
    three = gametheory.load("volunteers-dilemma")
    assert show["text/latex"](three).count("\\begin{array}") == 2
    tree = gametheory.load("deterrence")
    drawn = show["text/html"](tree)
    assert drawn.startswith("<pre>") and "Challenger" in drawn and "Resist" in drawn
    assert "Resist" in show["text/markdown"](tree)
    spe = gametheory.solve(tree)
    assert "<pre>" in show["text/html"](spe) and "Resist" in show["text/markdown"](spe)


def test_notebook_display_names_existing_classes():
    import importlib

    from gametheory.report.notebook import DISPLAYS

    for module, name, renderers in DISPLAYS:
        assert isinstance(getattr(importlib.import_module(module), name), type), (module, name)
        assert set(renderers) <= {"text/markdown", "text/latex", "text/html"}


def test_notebook_display_without_ipython_registers_nothing():
    from gametheory.report import notebook

    assert notebook.register() is False or "IPython" in sys.modules


def test_notebook_display_with_ipython():
    formatters = pytest.importorskip("IPython.core.formatters")
    from types import SimpleNamespace

    from gametheory.report import notebook

    display = formatters.DisplayFormatter()
    notebook.register(SimpleNamespace(display_formatter=display))
    data, _ = display.format(gametheory.load("prisoners-dilemma"))
    assert "Cooperate" in data["text/markdown"] and "<table>" in data["text/html"]


REPORTS = [
    pytest.param("solve", "hawk-dove", ("json", "text", "markdown", "latex"), id="solve"),
    pytest.param("classify", "snyder-alliance-game", ("json", "text", "markdown"), id="classify"),
    pytest.param("statics", "hawk-dove", ("json", "text", "markdown", "latex"), id="statics"),
]


@pytest.mark.parametrize("command,name,formats", REPORTS)
def test_every_report_shares_the_protocol_and_prints_exactly_it(command, name, formats):
    from gametheory.report import Report

    result = getattr(gametheory, command)(gametheory.load(name))
    assert isinstance(result, Report)
    assert result.to_dict()["schema"] == f"gametheory.{command}/1"
    runner = CliRunner()
    for fmt in formats:
        printed = runner.invoke(app, [command, name, "--format", fmt]).output
        if fmt == "json":
            assert json.loads(printed) == result.to_dict()
        else:
            assert printed == getattr(result, fmt)(), fmt
    assert result._repr_markdown_() == result.markdown()


def test_every_report_value_has_the_protocol():
    """Every ``*Report`` class of gametheory.report (one module per kind) has the four methods
    and displays itself in a notebook."""
    import importlib
    import inspect
    import pkgutil

    import gametheory.report as front

    found = []
    for info in pkgutil.iter_modules(front.__path__):
        module = importlib.import_module(f"gametheory.report.{info.name}")
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == module.__name__ and name.endswith("Report") and name != "Report":
                found.append(name)
                methods = ("to_dict", "text", "markdown", "latex", "_repr_markdown_")
                assert [m for m in methods if not callable(getattr(cls, m, None))] == [], name
    assert {"SolveReport", "ClassifyReport", "StaticsReport"} <= set(found)


def test_classify_report_reads_through_and_has_latex():
    c = gametheory.classify(gametheory.load("hawk-dove"))
    assert (c.name, c.label) == ("chicken", "Chicken")
    assert c.to_dict()["name"] == "chicken"
    assert c.latex() == ("% Hawk-Dove: classification written by gametheory.\n"
                         "\\noindent Classification: Chicken.\n")
    regions = gametheory.classify(gametheory.load("snyder-alliance-game")).latex()
    assert "\\begin{itemize}" in regions and "\\item Prisoner's Dilemma when $" in regions


def test_to_nashpy_for_numeric_games():
    from gametheory.equilibria._nashpy import to_nashpy

    nash = to_nashpy(gametheory.load("prisoners-dilemma").numeric())
    assert nash.payoff_matrices[0].tolist() == [[3.0, 0.0], [5.0, 1.0]]
