"""Notebook renderers (gametheory.export.notebook): a game's LaTeX survives any name, names the
players and compiles with pdflatex; a single equilibrium renders on its own (issue 11, defect 15).
"""

from __future__ import annotations

import shutil
import subprocess

import pytest
import sympy

from gametheory.equilibria import equilibria
from gametheory.export.notebook import equilibrium_latex, equilibrium_markdown, game_latex
from gametheory.expr import symbol
from gametheory.games import Game

NASTY = ("R&D 100%", "$cash#", "x^2~y", "back\\slash", "{b}", "a_b", "<lt>|gt")


def _nasty_game():
    v = symbol("v")
    return Game.from_arrays(
        [[[v, 0, 1, 2, 3, 4, 5]] * 2, [[1, 2, 3, 4, 5, 6, 7]] * 2],
        players=("Row & Co 50%", "Col_#1"),
        strategies=(("Up^", "Down~"), NASTY),
    )


def test_names_are_escaped_and_players_named():
    tex = game_latex(_nasty_game())
    # every special character of a name is a math command outside \text{...}
    for raw in ("R&D", "100%", "$cash", "cash#", "x^2", "2~y", "back\\slash", "a_b", "<lt>|"):
        assert raw not in tex, raw
    for escaped in (r"\text{R}\&\text{D 100}\%", r"\$\text{cash}\#", r"\text{x}\hat{}\text{2}\sim \text{y}",
                    r"\text{back}\backslash \text{slash}", r"\{\text{b}\}", r"\text{a}\_\text{b}"):
        assert escaped in tex, escaped
    # the corner names the row player and the column player
    assert r"{\text{Row }\&\text{ Co 50}\%} \backslash {\text{Col}\_\#\text{1}}" in tex


@pytest.mark.skipif(shutil.which("pdflatex") is None, reason="pdflatex is not installed")
def test_game_latex_compiles_with_pdflatex(tmp_path):
    document = ("\\documentclass{article}\n\\usepackage{amsmath}\n\\begin{document}\n"
                + game_latex(_nasty_game()) + "\n\\end{document}\n")
    (tmp_path / "t.tex").write_text(document, encoding="utf-8")
    result = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "t.tex"],
                            cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout[-2000:]


def test_an_equilibrium_displays_itself_without_its_game():
    game = Game.from_arrays([[[2, 0], [0, 1]], [[1, 0], [0, 2]]])
    eqs = equilibria(game)
    pure = next(e for e in eqs if e.is_pure)
    mixed = next(e for e in eqs if not e.is_pure)
    assert equilibrium_markdown(pure).startswith("Pure equilibrium: strategies (")
    assert "player 1 plays (`2/3`, `1/3`)" in equilibrium_markdown(mixed)
    assert equilibrium_latex(mixed) == r"$\sigma = ((\frac{2}{3}, \frac{1}{3}), (\frac{1}{3}, \frac{2}{3})),\quad u = (\frac{2}{3}, \frac{2}{3})$"
    x = symbol("x")
    from gametheory.equilibria.result import Equilibrium
    from gametheory.games import Profile

    conditional = Equilibrium(Profile.from_values([[1, 0], [0, 1]]), (x, sympy.Integer(0)), (x >= 0,))
    assert equilibrium_markdown(conditional).rstrip().endswith("when `0 <= x`")
    assert r"\text{when } x \geq 0" in equilibrium_latex(conditional)
