"""Conditional equilibria are marked as such, and counted region by region (issue 11, defect 13).

A symbolic game's equilibria each hold under their own conditions; a table that stars every one
of them and a count of the union ("Nash equilibria: 81") say more than is true at any parameter
values. The census (gametheory.analysis.census) counts the equilibria in each region, and is
checked here against the numeric solver at parameter points inside the regions.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import sympy

from gametheory import report as api
from gametheory.analysis.census import census
from gametheory.equilibria import equilibria
from gametheory.expr import symbol
from gametheory.export.latex import latex_table
from gametheory.export.markdown import markdown_table
from gametheory.games import Game

SPEC = Path(__file__).resolve().parent / "fixtures" / "specs" / "offense-defense.yaml"
o, d, c, x = (symbol(n) for n in "o d c x".split())


@pytest.fixture(scope="module")
def jervis():
    return api.load(str(SPEC))


@pytest.fixture(scope="module")
def jervis_report(jervis):
    return api.solve(jervis)


def test_census_counts_by_region(jervis):
    result = census(equilibria(jervis), jervis.assumptions)
    assert result.conditional and result.listed == 4
    assert [(g.count, g.conditions) for g in result.groups] == [(3, (d + o <= c,)), (1, (c < d + o,))]
    assert result.to_dict() == {"listed": 4, "by_region": [{"count": 3, "conditions": ["d + o <= c"]},
                                                           {"count": 1, "conditions": ["c < d + o"]}]}


@pytest.mark.parametrize("point", [{"o": 1, "d": 2, "c": 1}, {"o": 1, "d": 1, "c": 3}, {"o": "1/2", "d": 3, "c": 4},
                                   {"o": 2, "d": "1/3", "c": 7}, {"o": 1, "d": 1, "c": 2}])
def test_census_agrees_with_the_numeric_solver(jervis, point):
    result = census(equilibria(jervis), jervis.assumptions)
    values = {symbol(k): sympy.Rational(v) for k, v in point.items()}
    (group,) = [g for g in result.groups if all(bool(cond.subs(values)) for cond in g.conditions)]
    numeric = equilibria(jervis.subs(point))
    assert len(numeric.equilibria) == group.count


def test_census_of_a_game_without_conditions():
    game = Game.from_arrays([[[3, 0], [5, 1]], [[3, 5], [0, 1]]])
    result = census(equilibria(game))
    assert not result.conditional and [(g.count, g.conditions) for g in result.groups] == [(1, ())]


def test_text_marks_conditional_cells_and_counts_per_region(jervis_report):
    text = jervis_report.text()
    assert "Payoffs (A, B); (*) marks a pure Nash equilibrium under the conditions listed below:" in text
    table = text.split("Dominance:")[0]
    assert table.count("(*)") == 4  # the legend and three cells
    assert not re.search(r"[^(]\*[^)]", table)  # no bare star: none is an equilibrium always
    # the solver's list may be incomplete (at ties): the counts are lower bounds and say so
    assert ("Nash equilibria: at least 3 when d + o <= c; at least 1 when c < d + o (4 listed, each where "
            "its conditions hold; exact, possibly incomplete") in text


def _coordination():
    # (Left, Left) is always an equilibrium; (Right, Right) only when 0 <= x
    names = ("Left", "Right")
    return Game.from_arrays([[[1, 0], [0, x]], [[1, 0], [0, x]]], strategies=(names, names),
                            assumptions=(x > -1,))


def test_firm_and_conditional_marks_side_by_side():
    report = api.solve(_coordination())
    text = report.text()
    assert "* marks a pure Nash equilibrium, (*) one only under the conditions listed below:" in text
    assert "1, 1 *" in text and "x, x (*)" in text
    assert "Nash equilibria: at least 3 when 0 < x; at least 2 when x = 0; at least 1 when x < 0" in text
    doc = report.to_dict()
    assert doc["equilibrium_count"]["by_region"][0] == {"count": 3, "conditions": ["0 < x"]}
    markdown = markdown_table(_coordination())
    assert "**1, 1**" in markdown and "*x, x*" in markdown and "**x, x**" not in markdown
    assert "Cells of pure Nash equilibria are in bold." in markdown
    assert "only under the conditions given below are in italics." in markdown
    latex = latex_table(_coordination())
    assert r"$x, x$\textsuperscript{\dag}" in latex and r"$1, 1$\textsuperscript" not in latex
    assert "marked with a dagger" in latex


def test_a_long_census_is_printed_one_region_per_line(monkeypatch):
    # a 4-player arms race has a dozen regions: one line each, not one line of 1,500 characters
    from gametheory.export import report as text_report

    monkeypatch.setattr(text_report, "_LONG_COUNT", 20)
    text = api.solve(_coordination()).text()
    assert "Nash equilibria: 3 listed, each where its conditions hold (exact, " in text
    assert ("how many hold together:\n    at least 3 when 0 < x\n    at least 2 when x = 0\n"
            "    at least 1 when x < 0\n  1. pure") in text
    markdown = api.solve(_coordination()).markdown()
    assert "how many hold together:\n\n- at least 3 when 0 < x\n- at least 2 when x = 0\n" in markdown


def test_numeric_games_keep_the_plain_star():
    text = api.solve(api.load("prisoners-dilemma").numeric()).text()
    assert "* marks a pure Nash equilibrium:" in text and "(*)" not in text
    assert "Nash equilibria: 1 (exact" in text
    assert "equilibrium_count" not in api.solve(api.load("prisoners-dilemma").numeric()).to_dict()


@pytest.mark.parametrize("mu, count", [("1/4", 5), ("3/4", 3), ("1/10", 5), ("9/10", 3)])
def test_census_of_the_adversary_game_against_the_numeric_solver(mu, count):
    game = api.load("snyder-adversary-game")
    report = api.solve(game)
    value = sympy.Rational(mu)
    (group,) = [g for g in report.census.groups
                if all(bool(cond.subs(symbol("mu"), value)) for cond in g.conditions)]
    assert group.count == count
    numeric = api.solve(game.subs({"mu": mu}))
    assert numeric.equilibria.complete and len(numeric.equilibria.equilibria) == count
