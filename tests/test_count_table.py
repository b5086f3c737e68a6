"""Count tables of N-person games (gametheory.analysis.counts_table, export.counts): the payoffs
by count equal the full normal form at every k for N = 2 .. 6, the symmetric-by-count structure is
detected exactly in a normal form written profile by profile, the crossing point of a difference
linear in k is (N - 1) times the symmetric mixed equilibrium's probability, and solve, latex
--style counts and --full-table show them."""

from __future__ import annotations

import dataclasses
import itertools

import pytest
import sympy
from click.testing import CliRunner

from gametheory import report as api
from gametheory.analysis.counts_table import count_table, symmetric_counts
from gametheory.equilibria import equilibria
from gametheory.equilibria.counts import count_equilibria
from gametheory.expr import symbol

THRESHOLD = """
version: 1
title: Threshold public good
players: {count: N, name: Citizen}
strategies: [Join, Stay]
parameters:
  N: {value: 4}
  b: {value: 2}
  c: {value: 1}
assumptions: [N >= 2, b > 0, c > 0]
payoffs:
  by_count:
    Join: b * n_Join - c + b / N
    Stay: b / N
"""

NONLINEAR = """
version: 1
title: Crowding
players: {count: N, name: Driver}
strategies: [Road, Rail]
parameters:
  N: {value: 5}
  a: {value: 6}
assumptions: [N >= 2, a > 0]
payoffs:
  by_count:
    Road: a - n_Road**2 / 2
    Rail: 2 + min(n_Rail, 2)
"""

GAMES = {
    "alliance": "snyder-primary-alliance",
    "volunteer": "volunteers-dilemma",
    "threshold": THRESHOLD,
    "crowding": NONLINEAR,
}


def _run(*args):
    from gametheory.cli import app

    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def _check_against_normal_form(game, table):
    n = len(game.players)
    assert table.players == n and [int(r.k) for r in table.rows] == list(range(n))
    seen = set()
    for profile in itertools.product(range(2), repeat=n):
        total = profile.count(0)
        for i, s in enumerate(profile):
            k = total - (1 if s == 0 else 0)
            row = table.rows[k]
            assert sympy.simplify(game.payoffs[i][profile] - row.payoffs[s]) == 0
            seen.add((k, s))
    assert len(seen) == 2 * n - 2 + (2 if n >= 1 else 0)  # every (k, strategy) that occurs
    for row in table.rows:
        assert sympy.simplify(row.difference - (row.payoffs[0] - row.payoffs[1])) == 0


@pytest.mark.parametrize("n", range(2, 7))
@pytest.mark.parametrize("name", sorted(GAMES))
def test_count_table_equals_the_full_normal_form_at_every_k(name, n):
    game = api.load(GAMES[name]).subs({"N": n})
    assert len(game.players) == n
    table = count_table(game)
    _check_against_normal_form(game, table)
    # the same game written profile by profile: the structure is detected and read back exactly
    plain = dataclasses.replace(game, count=None)
    detected = count_table(plain)
    assert detected is not None and not detected.by_count
    assert all(sympy.simplify(a.payoffs[j] - b.payoffs[j]) == 0
               for a, b in zip(detected.rows, table.rows) for j in range(2))
    assert detected.stable == table.stable and detected.crossings == table.crossings


def test_a_game_that_is_not_symmetric_by_count_has_no_table():
    game = dataclasses.replace(api.load("volunteers-dilemma"), count=None)
    changed = game.payoffs[2].tolist()
    changed[1][1][1] = changed[1][1][1] + 1  # one player's payoff at one profile
    arrays = game.payoffs[:2] + (sympy.ImmutableDenseNDimArray(changed),)
    assert symmetric_counts(dataclasses.replace(game, payoffs=arrays)) is None
    assert count_table(api.load("battle-of-the-sexes")) is None  # not symmetric
    assert count_table(api.load("inspection")) is None  # different strategies per player


@pytest.mark.parametrize("n", range(2, 7))
def test_crossing_point_is_n_minus_1_times_the_symmetric_mixed_probability(n):
    game = api.load(THRESHOLD).subs({"N": n, "b": 2, "c": 1})
    table = count_table(game)
    result = count_equilibria(game.count, game.assumptions, n)
    (sym,) = [m for m in result.mixed if m.symmetric]
    assert table.rows[1].difference - table.rows[0].difference == 2  # linear in k: slope b
    (crossing,) = table.crossings
    assert crossing.linear and crossing.rising  # joining pays more as more join: a tipping point
    assert crossing.at == (n - 1) * sym.probability == sympy.Rational(1, 2)


def test_crossing_point_against_the_normal_form_solver():
    game = api.load(THRESHOLD).subs({"N": 3, "b": 2, "c": 1})
    (crossing,) = count_table(game).crossings
    mixed = [eq for eq in equilibria(game).equilibria
             if not eq.is_pure and len({row[0] for row in eq.profile.probabilities}) == 1
             and 0 < eq.profile.probabilities[0][0] < 1]
    assert mixed, "the solver finds the symmetric mixed equilibrium"
    assert crossing.at == 2 * mixed[0].profile.probabilities[0][0]


def test_symbolic_crossing_for_every_n():
    table = count_table(api.load(THRESHOLD))
    g = table.general_crossing
    b, c, N = (symbol(x) for x in "bcN")
    assert sympy.simplify(g.at - c / b) == 0 and g.linear and g.rising
    p = count_equilibria(api.load(THRESHOLD).count, [N >= 2, b > 0, c > 0]).mixed[-1].probability
    assert sympy.simplify(g.at - (N - 1) * p) == 0


def test_nonlinear_difference_crosses_between_neighbouring_counts():
    table = count_table(api.load(NONLINEAR).subs({"N": 5, "a": 6}))
    diffs = [r.difference for r in table.rows]
    assert diffs == [2, sympy.Rational(3, 2), 0, sympy.Rational(-3, 2), -4]
    (crossing,) = table.crossings
    assert crossing.at == 2 and not crossing.rising
    assert table.stable == ((2, ()), (3, ()))  # f(1) > 0 = f(2) > f(3): two or three on the road
    assert table.efficient == (2,)
    assert list(table.totals) == [20, 22, 23, 18, 8, -10]  # m u_Road(m - 1) + (N - m) u_Rail(m)


def test_volunteer_table_has_general_rows_and_a_crossing_between_zero_and_one():
    table = count_table(api.load("volunteers-dilemma"))
    b, c = symbol("b"), symbol("c")
    assert [str(r.k) for r in table.general] == ["0", "k"]
    assert table.general[1].range == (1, symbol("N") - 1)
    (crossing,) = table.crossings
    assert crossing.between == (0, 1) and sympy.simplify(crossing.at - (b - c) / b) == 0
    assert table.stable == ((1, ()),)


# -- the reports ------------------------------------------------------------------------------------

def test_solve_opens_with_a_five_row_count_table_and_no_panels():
    out = _run("solve", "snyder-primary-alliance").output
    lines = out.splitlines()
    start = next(k for k, line in enumerate(lines) if line.startswith("Payoffs by count"))
    assert lines[start + 1].split() == ["k", "Ally", "Abstain", "Ally", "-", "Abstain", "better"]
    assert [line.split()[0] for line in lines[start + 2:start + 7]] == ["0", "1", "2", "3", "4"]
    assert lines[start + 2].split() == ["0", "R0", "+", "g", "R0", "g", "Ally"]
    assert "plays Ally:" not in out and "Dominance:" in out
    full = _run("solve", "snyder-primary-alliance", "--full-table").output
    assert full.index("Payoffs by count") < full.index("State3 plays Ally, State4 plays Ally, State5 plays Ally:")


def test_two_player_games_are_unchanged():
    out = _run("solve", "prisoners-dilemma").output
    assert "Payoffs by count" not in out


def test_latex_counts_style(tmp_path):
    out = _run("latex", "snyder-primary-alliance", "--style", "counts", "--label", "tab:alliance").output
    assert r"\toprule" in out and r"\bottomrule" in out and r"\label{tab:alliance}" in out
    assert r"$4$ & $R_{0} - 4 d + g$" in " ".join(out.split())
    bad = _run("latex", "battle-of-the-sexes", "--style", "counts")
    assert bad.exit_code == 2 and "no count table" in bad.output + (bad.stderr if hasattr(bad, "stderr") else "")


def test_latex_counts_compiles(tmp_path):
    import shutil
    import subprocess

    if shutil.which("pdflatex") is None:
        pytest.skip("pdflatex is not installed")
    out = _run("latex", "volunteers-dilemma", "--style", "counts", "--standalone").output
    (tmp_path / "t.tex").write_text(out)
    done = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "t.tex"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout[-2000:]


# -- Schelling's diagram (plot --schelling) -----------------------------------------------------------

def _gids(fig):
    return {a.get_gid(): a for ax in fig.axes for a in ax.get_lines() if a.get_gid()}


@pytest.mark.parametrize("name,ext", [("snyder-primary-alliance", ".png"), ("volunteers-dilemma", ".svg"),
                                      ("volunteers-dilemma", ".pdf")])
def test_plot_schelling_draws_the_exact_payoffs_and_marks(name, ext, tmp_path):
    pytest.importorskip("matplotlib")
    from gametheory.analysis.counts_table import schelling_data
    from gametheory.export.schelling import schelling_figure

    out = tmp_path / f"{name}{ext}"
    result = _run("plot", name, "--schelling", "-o", str(out))
    assert result.exit_code == 0, result.output
    magic = {".png": b"\x89PNG", ".svg": b"<?xml", ".pdf": b"%PDF-"}[ext]
    assert out.read_bytes().startswith(magic)
    game = api.load(name)
    data = schelling_data(game)
    table = data.table
    fig = schelling_figure(data)
    lines = _gids(fig)
    for s, strategy in enumerate(table.strategies):
        line = lines[f"payoff:{strategy}"]
        assert list(line.get_xdata()) == list(range(table.players))
        # every drawn point is the exact payoff read from the full normal form
        numeric = game.numeric()
        for k, y in enumerate(line.get_ydata()):
            profile = tuple([0] * k + [1] * (table.players - 1 - k))
            profile = (s,) + profile
            assert y == pytest.approx(float(numeric.payoffs[0][profile]), abs=1e-12)
    for m, _ in table.stable:
        assert f"equilibrium:{m}" in lines
    for m in table.efficient:
        assert f"efficient:{m}" in lines
    if ext == ".svg":
        text = out.read_text()
        assert 'id="payoff:' in text and 'id="equilibrium:' in text


def test_schelling_alliance_marks_all_ally_and_all_abstain_efficient():
    from gametheory.analysis.counts_table import schelling_data

    data = schelling_data(api.load("snyder-primary-alliance"))
    assert data.table.stable == ((5, ()),) and data.table.efficient == (0,) and data.table.crossings == ()


def test_schelling_volunteer_crossing_is_labelled_with_its_expression():
    pytest.importorskip("matplotlib")
    from gametheory.analysis.counts_table import schelling_data
    from gametheory.export.schelling import schelling_figure

    data = schelling_data(api.load("volunteers-dilemma"))
    (crossing,) = data.table.crossings
    assert crossing.at == sympy.Rational(3, 4)
    assert str(data.expressions[0]) == "(b - c)/b"
    fig = schelling_figure(data)
    marker = _gids(fig)["crossing:3/4"]
    assert marker.get_xdata()[0] == 0.75 and marker.get_ydata()[0] == 3.0  # b - c on both lines
    texts = [t.get_text() for ax in fig.axes for t in ax.texts]
    assert "k* = (b - c)/b = 3/4" in texts
    # --set picks another instance: N = 5, b = 5 gives k* = 4/5
    other = schelling_data(api.load("volunteers-dilemma").subs({"N": 5, "b": 5}))
    assert other.table.players == 5 and other.table.crossings[0].at == sympy.Rational(4, 5)


def test_symbolic_linear_crossing_is_labelled_for_any_n(tmp_path):
    from gametheory.analysis.counts_table import schelling_data

    data = schelling_data(api.load(THRESHOLD))
    (crossing,) = data.table.crossings
    assert crossing.at == sympy.Rational(1, 2) and str(data.expressions[0]) == "c/b"


def test_plot_schelling_refuses_games_without_counts_and_axis_options(tmp_path):
    bad = _run("plot", "battle-of-the-sexes", "--schelling", "-o", str(tmp_path / "x.png"))
    assert bad.exit_code == 2
    bad = _run("plot", "volunteers-dilemma", "--schelling", "--param", "b", "-o", str(tmp_path / "x.png"))
    assert bad.exit_code == 2


def test_a_symmetric_game_written_by_profiles_opens_with_its_count_table_too():
    game = dataclasses.replace(api.load(THRESHOLD).subs({"N": 3, "b": 2, "c": 1}), count=None)
    report = api.solve(game)
    assert report.count_table is not None and not report.count_table.by_count
    text = report.text()
    assert "Payoffs by count (k = how many of the other 2 Citizens choose Join" in text
    assert "Citizen3 plays Join:" not in text
    assert "Crossing point: k* = 1/2 (where the difference is zero; Join does better above it" in text
    full = dataclasses.replace(report, full_table=True).text()
    assert "Citizen3 plays Join:" in full
    assert "count_table" in report.to_dict() and report.to_dict()["count_table"]["crossings"][0]["at"] == "1/2"
    markdown = report.markdown()
    assert markdown.index("| k ") < markdown.index("| # | type |")
    assert r"\toprule" in report.latex().split(r"\end{table}")[0]


def test_parallel_lines_never_cross_whatever_sign_the_difference_has():
    game = api.load("""
version: 1
title: Parallel
players: {count: 3, name: P}
strategies: [A, B]
parameters: {x: {value: 1}}
payoffs:
  by_count:
    A: x + n_A
    B: n_A
""")
    table = count_table(game)
    assert table.crossings == () and not table.crossing_undecided
    assert [str(c) for c in table.rows[0].first_better] == ["0 < x"]
    assert table.stable and all(conds for _, conds in table.stable)  # each count stable only for some x
