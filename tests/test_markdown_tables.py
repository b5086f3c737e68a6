"""Markdown (GitHub-flavoured) payoff tables: structure, marks, escaping and golden files."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
import sympy

from gametheory.expr import symbol
from gametheory.export._cells import markdown_escape, text_expr
from gametheory.export.markdown import markdown_table
from gametheory.games import BayesianGame, Game
from gametheory.spec import load_spec

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
SPECS = sorted(p.stem for p in (ROOT / "specs").glob("*.yaml")  # payoff tables: normal-form specs only
               if load_spec(p.read_bytes(), name=p.name).kind == "normal")
SLOW_SPECS = {"kydd-trust"}

V, C, MU = symbol("V"), symbol("C"), symbol("mu")


def pd() -> Game:
    return Game.from_arrays([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], players=("Row", "Column"),
                            strategies=(("Cooperate", "Defect"),) * 2, title="Prisoner's Dilemma")


def hawk_dove() -> Game:
    return Game.from_arrays([[[V / 2, 0], [V, (V - C) / 2]], [[V / 2, V], [0, (V - C) / 2]]],
                            players=("Row", "Column"), strategies=(("Dove", "Hawk"),) * 2,
                            title="Hawk-Dove", assumptions=(sympy.Gt(C, V), sympy.Gt(V, 0)))


def table_rows(text: str) -> list[list[str]]:
    """The cells of every table row, stripped (header and rule rows included)."""
    return [[c.strip() for c in line.strip()[1:-1].split(" | ")] for line in text.splitlines() if line.startswith("|")]


def test_text_expressions_are_readable_and_exact():
    assert text_expr((V - C) / 2) == "(V - C)/2"
    assert text_expr(sympy.Min(V, C)) == "min(C, V)"
    assert text_expr(sympy.Ne(2 * MU, 1)) == "2*mu != 1"
    assert text_expr(sympy.Lt(C, V)) == "C < V"


def test_escaping_keeps_names_from_starting_markdown():
    assert markdown_escape("a|b *c* `d` [e](f) <g> $h$ #i ~j~ \\") == (
        "a\\|b \\*c\\* \\`d\\` \\[e\\](f) \\<g\\> \\$h\\$ \\#i \\~j\\~ \\\\"
    )
    assert markdown_escape("n_Ally") == "n_Ally"          # GitHub ignores intraword underscores
    assert markdown_escape("_x_") == "\\_x\\_"
    assert markdown_escape("two\nlines") == "two lines"


def test_two_player_table():
    text = markdown_table(pd(), mark="none")
    assert text.splitlines()[:4] == [
        "| Row \\\\ Column | Cooperate | Defect |",
        "| :------------ | :-------: | :----: |",
        "| Cooperate     | 3, 3      | 0, 5   |",
        "| Defect        | 5, 0      | 1, 1   |",
    ]
    assert text.endswith("\n\nPayoffs are listed as (Row, Column).\n")


def test_title_option_and_no_notes():
    text = markdown_table(pd(), mark="none", title=True, notes=False)
    assert text.startswith("**Prisoner's Dilemma**\n\n| Row")
    assert text.endswith("| Defect        | 5, 0      | 1, 1   |\n")


def test_equilibrium_cells_are_bold_and_mixed_equilibria_listed():
    rows = table_rows(markdown_table(pd()))
    assert rows[3] == ["Defect", "5, 0", "**1, 1**"]
    text = markdown_table(hawk_dove())
    assert table_rows(text)[2:] == [["Dove", "V/2, V/2", "**0, V**"], ["Hawk", "**V, 0**", "(V - C)/2, (V - C)/2"]]
    assert ("Mixed equilibrium: Row: Dove `(C - V)/C`, Hawk `V/C`; Column: Dove `(C - V)/C`, Hawk `V/C`;"
            in text)
    assert "Cells of pure Nash equilibria are in bold." in text
    assert "Assumptions: `V < C`, `0 < V`." in text


def test_best_responses_are_starred():
    rows = table_rows(markdown_table(pd(), mark="best-responses"))
    assert rows[2:] == [["Cooperate", "3, 3", "0, 5\\*"], ["Defect", "5\\*, 0", "1\\*, 1\\*"]]


def test_symbols_with_stars_are_escaped_in_cells():
    a, b = symbol("a"), symbol("b")
    game = Game.from_arrays([[[a * b, 0], [0, 1]], [[2 * a, 0], [0, 1]]], title="Products")
    cell = table_rows(markdown_table(game, mark="none"))[2][1]
    assert cell == "a\\*b, 2\\*a"


def test_three_players_and_bayesian_games_list_one_table_per_panel():
    a = [[[0, 0], [0, 0]], [[0, 0], [0, 1]]]
    text = markdown_table(Game.from_arrays([a, a, a], title="Three"), mark="none")
    assert "*Player 3 plays s1*\n\n| Player 1 \\\\ Player 2 |" in text
    assert "*Player 3 plays s2*" in text
    quo = Game.from_arrays([[[4, 1], [3, 2]], [[4, 3], [1, 2]]]).payoffs
    exp = Game.from_arrays([[[4, 1], [3, 2]], [[3, 4], [2, 1]]]).payoffs
    bayes = BayesianGame(title="Adversary", players=("State", "Adversary"), actions=(("Conciliate", "Firm"),) * 2,
                         types=((), (("status_quo", 1 - MU), ("expansionist", MU))),
                         tables=(((0,), quo), ((1,), exp)), assumptions=(sympy.Gt(MU, 0), sympy.Lt(MU, 1)))
    text = markdown_table(bayes, mark="none")
    assert text.startswith("Adversary's type is status_quo with probability `1 - mu` or expansionist with "
                           "probability `mu`.\n\n*Adversary: status_quo (`1 - mu`)*\n\n| State \\\\ Adversary |")
    assert "*Adversary: expansionist (`mu`)*" in text


def test_deterministic():
    assert markdown_table(hawk_dove()) == markdown_table(hawk_dove())


@functools.lru_cache(maxsize=None)
def _bundled(name: str):
    import gametheory
    from gametheory.equilibria import equilibria

    game = gametheory.load(name)
    return game, equilibria(game.harsanyi() if isinstance(game, BayesianGame) else game)


@pytest.mark.parametrize(
    "name", [pytest.param(n, marks=pytest.mark.slow) if n in SLOW_SPECS else n for n in SPECS]
)
def test_golden_markdown_of_bundled_specs(name, golden):
    game, eqs = _bundled(name)
    golden(f"markdown-tables/{name}.md", markdown_table(game, equilibria=eqs, title=True))


def test_every_bundled_spec_has_its_golden_file():
    for name in SPECS:
        assert (GOLDEN / "markdown-tables" / f"{name}.md").exists(), f"run pytest --update-golden for {name}"
