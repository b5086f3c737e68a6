"""Comparative statics (gametheory.analysis.statics, `gametheory statics`): exact derivatives and
their signs for the literature's cases, checked against the expressions, at random points, and in
golden files for every output format."""

from __future__ import annotations

import json
import random

import pytest
import sympy
from click.testing import CliRunner

import gametheory
from gametheory import report as api
from gametheory.analysis import statics as st
from gametheory.errors import UsageError
from gametheory.expr import symbol
from gametheory.games import Game

V, C = symbol("V"), symbol("C")
R, T, P, S = symbol("R"), symbol("T"), symbol("P"), symbol("S")


@pytest.fixture(scope="module")
def results():
    cache = {}

    def get(name, **kwargs):
        key = (name, tuple(sorted(kwargs.items())))
        if key not in cache:
            cache[key] = api.statics(api.load(name), **kwargs)
        return cache[key]

    return get


def _run(*args):
    from gametheory.cli import app

    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def _same(a, b) -> bool:
    return sympy.simplify(sympy.sympify(a) - sympy.sympify(b)) == 0


# -- the cases, exactly -------------------------------------------------------------------

def test_hawk_dove_hawk_probability_falls_with_cost_and_rises_with_value(results):
    r = results("hawk-dove")
    assert [eq.kind for eq in r.equilibria.equilibria] == ["pure", "pure", "mixed"]
    for player in ("Row", "Column"):
        by_c = r.of(f"{player}:Hawk", "C", equilibrium=2)
        by_v = r.of(f"{player}:Hawk", "V", equilibrium=2)
        assert by_c.expression == V / C
        assert by_c.derivative == -V / C**2 and by_c.sign == "-"
        assert by_v.derivative == 1 / C and by_v.sign == "+"
        assert r.of(f"{player}:Dove", "C", equilibrium=2).sign == "+"


def test_hawk_dove_mixed_payoff_sign_depends_with_regions(results):
    d = results("hawk-dove").of("payoff:Row", "V", equilibrium=2)
    assert _same(d.expression, V * (C - V) / (2 * C))
    assert d.sign == "?"
    signs = dict(d.regions)
    assert set(signs) == {"+", "0", "-"}
    assert signs["+"] == (sympy.Lt(2 * V, C),)
    assert signs["-"] == (sympy.Lt(C, 2 * V),)
    assert signs["0"] == (sympy.Eq(C, 2 * V),)


def test_inspection_paradox(results):
    """Tsebelis (1989): the fine leaves the violation rate unchanged and lowers the inspection rate."""
    r = results("inspection")
    g, f, h, a, d = (symbol(x) for x in "gfhad")
    violate = r.of("Inspectee:Violate", "f", equilibrium=0)
    assert violate.expression == h / (a + d)
    assert violate.derivative == 0 and violate.sign == "0"
    inspect = r.of("Inspector:Inspect", "f", equilibrium=0)
    assert _same(inspect.expression, g / (g + f))
    assert _same(inspect.derivative, -g / (g + f) ** 2) and inspect.sign == "-"
    # the violation rate moves only with the inspector's payoffs
    assert [r.of("Inspectee:Violate", p).sign for p in "gfhad"] == ["0", "0", "+", "-", "-"]
    assert [r.of("Inspector:Inspect", p).sign for p in "gfhad"] == ["+", "-", "0", "0", "0"]


def test_stag_hunt_mixed_stag_probability(results):
    """Falls with R and S, rises with T and P: p = (P - S)/((R - T) + (P - S))."""
    r = results("stag-hunt")
    for player in ("Row", "Column"):
        q = r.of(f"{player}:Stag", "R", equilibrium=2)
        assert _same(q.expression, (P - S) / ((R - T) + (P - S)))
        assert {p: r.of(f"{player}:Stag", p, equilibrium=2).sign for p in "RTPS"} == \
            {"R": "-", "S": "-", "T": "+", "P": "+"}
        assert _same(r.of(f"{player}:Stag", "R", equilibrium=2).derivative, -(P - S) / (P + R - S - T) ** 2)


def test_cli_json_contract_example():
    """The CLI.md example row, exactly."""
    result = _run("statics", "hawk-dove", "--format", "json")
    assert result.exit_code == 0
    doc = json.loads(result.output)
    assert doc["schema"] == "gametheory.statics/1"
    expected = {"equilibrium": 2, "quantity": "Row:Hawk", "expression": "V/C", "parameter": "C",
                "derivative": "-V/C**2", "sign": "-", "conditions": []}
    rows = [{k: row[k] for k in expected} for row in doc["results"]]
    assert expected in rows
    for row in doc["results"]:
        assert row["sign"] in {"+", "-", "0", "?"}
        assert isinstance(row["conditions"], list)
        for key in ("expression", "derivative"):
            sympy.sympify(row[key])  # parseable by sympy (test code only)
    unsettled = [row for row in doc["results"] if row["sign"] == "?"]
    assert unsettled and all(
        [c["sign"] for c in row["conditions"]] == ["+", "0", "-"] for row in unsettled)


def test_python_api_matches_cli(results):
    r = gametheory.statics(gametheory.load("hawk-dove"))
    assert r.to_dict() == json.loads(_run("statics", "hawk-dove", "--format", "json").output)


# -- every derivative is the derivative, and every sign holds ----------------------------------

def _point(rng, names):
    return {symbol(n): sympy.Rational(rng.randint(-40, 40), rng.choice((1, 2, 3, 4))) for n in names}


def _holds(relations, point) -> bool:
    return all(rel.xreplace(point) is sympy.true for rel in relations)


@pytest.mark.parametrize("name", ["hawk-dove", "inspection", "stag-hunt", "chicken", "battle-of-the-sexes",
                                  "snyder-adversary-game", "volunteers-dilemma", "snyder-primary-alliance"])
def test_derivatives_and_signs_hold_at_random_points(name, results):
    r = results(name)
    rng = random.Random(20240601)
    names = list(r.parameters)
    assumptions = list(r.game.assumptions)
    original = r.game.bayesian or r.game
    fixed = {symbol(n): v for n, v in original.defaults().items() if n not in names}
    checked = 0
    for q in r.quantities:
        eq_conds = list(q.conditions)
        points = []
        for _ in range(400):
            pt = {**fixed, **_point(rng, names)}
            if _holds(assumptions + eq_conds, pt):
                points.append(pt)
            if len(points) == 6:
                break
        for p in names:
            d = r.of(q.name, p, q.equilibrium)
            assert _same(sympy.diff(q.expression, symbol(p)), d.derivative), (q.name, p)
            for pt in points:
                value = d.derivative.xreplace(pt)
                assert value.is_number
                expected = {"+": value > 0, "-": value < 0, "0": value == 0}.get(d.sign)
                if expected is not None:
                    assert bool(expected), (name, q.name, p, pt, value)
                    checked += 1
    assert checked > 0


def test_pure_equilibria_list_payoffs_only(results):
    r = results("stag-hunt")
    pure = [q for q in r.quantities if q.equilibrium in (0, 1)]
    assert {q.kind for q in pure} == {"payoff"}
    assert r.of("payoff:Row", "R", equilibrium=0).sign == "+"
    assert r.of("payoff:Row", "T", equilibrium=0).sign == "0"


# -- conditions, boundaries, thresholds ----------------------------------------------------------

def test_conditional_equilibria_and_boundaries(results):
    r = results("snyder-adversary-game")
    mu = symbol("mu")
    conditional = [k for k, eq in enumerate(r.equilibria.equilibria) if eq.conditions]
    assert conditional
    for q in r.quantities:
        if q.equilibrium is not None:
            assert q.conditions == tuple(r.equilibria.equilibria[q.equilibrium].conditions)
    (boundary,) = r.boundaries
    assert boundary.equation == sympy.Eq(2 * mu, 1)
    assert sorted({k for k, _ in boundary.sides}) == conditional
    doc = r.to_dict()
    assert doc["boundaries"][0]["equation"] == "Eq(2*mu, 1)"
    assert any(row["exists_when"] for row in doc["results"])
    text = r.text()
    assert "exists only when 2*mu <= 1; the signs hold there" in text
    assert "2*mu = 1:" in text


def test_bayesian_equilibria_numbered_as_solve_numbers_them(results):
    # one equilibrium per behaviour profile, as `solve` lists them (there were 8 here against 7)
    import gametheory

    r = results("snyder-adversary-game")
    listed = gametheory.solve(gametheory.load("snyder-adversary-game")).equilibria.equilibria
    assert [eq.profile for eq in r.equilibria.equilibria] == [eq.profile for eq in listed]


def test_bayesian_quantities_per_type(results):
    r = results("snyder-adversary-game")
    names = {q.name for q in r.quantities}
    assert "Adversary:expansionist:Firm" in names
    mu = symbol("mu")
    firm = [q for q in r.quantities if q.name == "Adversary:expansionist:Firm" and q.expression != 1]
    assert firm
    for q in firm:
        d = r.of(q.name, "mu", q.equilibrium)
        assert _same(sympy.diff(q.expression, mu), d.derivative)


def test_belief_thresholds_join_the_statics(results):
    r = results("snyder-adversary-game")
    thresholds = [q for q in r.quantities if q.kind == "threshold"]
    assert [q.name for q in thresholds][:1] == ["mu*"]
    assert all(q.equilibrium is None for q in thresholds)
    assert r.of("mu*", "mu").sign == "0"
    row = next(x for x in r.to_dict()["results"] if x["quantity"] == "mu*")
    assert row["equilibrium"] is None and row["kind"] == "threshold"


def test_threshold_hook_from_selection(monkeypatch):
    """Thresholds that the selection module may provide are differentiated too."""
    from gametheory.analysis import selection

    class Boundary:
        name = "risk:Stag"
        expression = (R - T) - (P - S)
        description = "Stag risk-dominates when positive"

    monkeypatch.setattr(selection, "thresholds", lambda game, eqs=None: (Boundary(),), raising=False)
    r = api.statics(api.load("stag-hunt"))
    assert [r.of("risk:Stag", p).sign for p in "RTPS"] == ["+", "-", "-", "+"]
    assert "the threshold risk:Stag" in r.text()


# -- parameters -----------------------------------------------------------------------------------

def test_wrt_restricts_and_checks():
    game = api.load("inspection")
    r = st.statics(game, wrt=["f"])
    assert r.parameters == ("f",)
    assert {d.parameter for d in r.derivatives} == {"f"}
    with pytest.raises(UsageError, match="unknown parameter"):
        st.statics(game, wrt=["fine"])
    with pytest.raises(UsageError, match="given a value"):
        st.statics(game.subs({"f": 3}), wrt=["f"])


def test_set_values_leave_the_other_parameters():
    r = api.statics(api.load("hawk-dove").subs({"V": 1}))
    assert r.parameters == ("C",)
    d = r.of("Row:Hawk", "C", equilibrium=2)
    assert d.expression == 1 / C and d.derivative == -1 / C**2 and d.sign == "-"
    assert "Fixed: V = 1" in r.text()
    assert "1/C**2" in r.text() and "C**(-2)" not in r.text()


def test_numeric_game_has_no_statics():
    r = api.statics(api.load("matching-pennies"))
    assert r.parameters == () and r.derivatives == ()
    assert "No parameters to vary" in r.text()


def test_game_from_arrays_without_declared_parameters():
    a = symbol("a")
    game = Game.from_arrays([[[a, 0], [0, 1]], [[1, 0], [0, a]]], assumptions=(a > 0,))
    r = st.statics(game)
    assert r.parameters == ("a",)
    mixed = [q for q in r.quantities if q.kind == "probability"]
    assert mixed and all(r.of(q.name, "a", q.equilibrium).sign in {"+", "-", "0"} for q in mixed)


# -- the command line -----------------------------------------------------------------------------

def test_cli_errors_exit_2():
    result = _run("statics", "hawk-dove", "--wrt", "X")
    assert result.exit_code == 2
    assert "unknown parameter" in result.output
    result = _run("statics", "hawk-dove", "--set", "V=1", "--wrt", "V")
    assert result.exit_code == 2


def test_reading_sentences(results):
    text = results("inspection").text()
    assert ("A higher f (fine paid by a violator who is caught) lowers Inspector's probability of Inspect;\n"
            "      raises Inspector's probability of NotInspect; leaves Inspectee's probabilities of Violate and\n"
            "      Comply and the payoffs of Inspectee and Inspector unchanged.") in text


@pytest.mark.parametrize("name,fmt,ext", [
    ("hawk-dove", "text", "txt"),
    ("hawk-dove", "json", "json"),
    ("hawk-dove", "markdown", "md"),
    ("hawk-dove", "latex", "tex"),
    ("inspection", "text", "txt"),
    ("inspection", "latex", "tex"),
    ("stag-hunt", "text", "txt"),
    ("stag-hunt", "markdown", "md"),
    ("snyder-adversary-game", "text", "txt"),
    ("snyder-adversary-game", "json", "json"),
])
def test_golden(name, fmt, ext, golden):
    result = _run("statics", name, "--format", fmt)
    assert result.exit_code == 0, result.output
    golden(f"statics/{name}.{ext}", result.output)


def test_latex_is_a_booktabs_fragment():
    out = _run("statics", "hawk-dove", "--format", "latex").output
    body = [line for line in out.splitlines() if not line.startswith("%")]
    assert body[0] == "\\begin{tabular}{lllcc}" and body[-1] == "\\end{tabular}"
    assert "\\toprule" in out and "\\midrule" in out and "\\bottomrule" in out
    assert "$\\frac{V}{C}$" in out
    for line in body[1:-1]:
        if "&" in line:
            assert line.count("&") == 4 and line.endswith("\\\\")
