"""Continuous games: closed forms from the literature, the checker at random points in each region."""

from __future__ import annotations

import random

import pytest
import sympy

from gametheory import conditions
from gametheory import report as api
from gametheory.analysis.continuous import analyse
from gametheory.equilibria.kkt import equilibria, is_equilibrium, regret
from gametheory.expr import symbol

Y1, Y2, Y, N, V, a, b, c = (symbol(s) for s in ("Y1", "Y2", "Y", "N", "V", "a", "b", "c"))

COURNOT = """
title: Cournot duopoly
source: Cournot 1838
players: [F1, F2]
parameters: {a: 10, b: 1, c: 1}
assumptions: [a > c, c > 0, b > 0]
choices:
  F1: {q1: [0, null]}
  F2: {q2: [0, null]}
payoffs:
  F1: (a - b*(q1 + q2))*q1 - c*q1
  F2: (a - b*(q1 + q2))*q2 - c*q2
"""


def _solve(source):
    game = api.load(source)
    return game, equilibria(game)


def _choices(eq):
    return {str(v): x for v, x in eq.choices}


def test_burden_sharing_closed_forms():
    game, result = _solve("burden-sharing")
    assert len(result.equilibria) == 2
    interior, corner = result.equilibria
    assert interior.conditions == (Y1 < 2 * Y2,)
    assert sympy.simplify(_choices(interior)["x1"] - (2 * Y1 - Y2) / 3) == 0
    assert sympy.simplify(_choices(interior)["x2"] - (2 * Y2 - Y1) / 3) == 0
    assert corner.conditions == (2 * Y2 <= Y1,)
    assert _choices(corner) == {"x1": Y1 / 2, "x2": 0}
    assert result.concave == (True, True)


def test_burden_sharing_exploitation_and_under_provision():
    _, result = _solve("burden-sharing")
    verdict = analyse(result)
    assert verdict.exploitation.holds is True
    assert all(q.exploitation.holds is True and q.largest == "Large" for q in verdict.quantities)
    assert all(s.under_provision.holds is True for s in verdict.shortfalls)
    first = next(s for s in verdict.shortfalls if s.equilibrium == 0 and s.efficient == 0)
    assert sympy.simplify(first.provision - (Y1 + Y2) / 6) == 0


def test_symmetric_allies_with_n_symbolic():
    game, result = _solve("burden-sharing-n")
    (eq,) = result.equilibria
    assert sympy.simplify(eq.value(symbol("x")) - Y / (N + 1)) == 0
    verdict = analyse(result)
    assert sympy.simplify(verdict.quantities[0].total - N * Y / (N + 1)) == 0
    (short,) = verdict.shortfalls
    assert sympy.simplify(short.provision - (N * Y / 2 - N * Y / (N + 1))) == 0
    assert short.under_provision.holds is True and short.deficient.holds is True
    # a numeric N gives the same point
    five = equilibria(game.subs({"N": 5}))
    assert five.equilibria[0].value(symbol("x")) == Y / 6


def test_tullock_contest():
    _, result = _solve("arms-contest")
    (eq,) = result.equilibria
    assert _choices(eq) == {"xA": V / 4, "xB": V / 4}
    assert eq.payoffs == (V / 4, V / 4)


def test_cournot_duopoly():
    _, result = _solve(COURNOT)
    (eq,) = result.equilibria
    assert sympy.simplify(_choices(eq)["q1"] - (a - c) / (3 * b)) == 0
    assert sympy.simplify(_choices(eq)["q2"] - (a - c) / (3 * b)) == 0


def _random_point(assumptions, region, symbols, rng, tries=4000):
    relations = list(assumptions) + list(region)
    for _ in range(tries):
        point = {s: sympy.Rational(rng.randint(1, 60), rng.randint(1, 12)) for s in symbols}
        if str(symbols).count("N") and symbol("N") in point:
            point[symbol("N")] = sympy.Integer(rng.randint(2, 9))
        if all(bool(r.xreplace(point)) for r in relations):
            return point
    return None


@pytest.mark.parametrize("source", ["burden-sharing", "burden-sharing-n", "arms-contest", COURNOT],
                         ids=["burden-sharing", "burden-sharing-n", "arms-contest", "cournot"])
def test_every_equilibrium_passes_the_checker_at_random_points_of_its_region(source):
    game, result = _solve(source)
    rng = random.Random(20260601)
    symbols = sorted(game.free_symbols, key=str)
    for eq in result.equilibria:
        checked = 0
        for _ in range(4):
            point = _random_point(result.assumptions, eq.conditions, symbols, rng)
            assert point is not None, f"no point found in the region {eq.conditions}"
            instance = game.subs({str(s): v for s, v in point.items()})
            choices = {v: x.xreplace(point) for v, x in eq.choices}
            assert is_equilibrium(instance, choices), (point, choices, regret(instance, choices))
            checked += 1
        assert checked == 4


def test_the_checker_finds_a_profitable_deviation():
    game, result = _solve("burden-sharing")
    instance = game.subs({"Y1": 3, "Y2": 2})
    assert not is_equilibrium(instance, {symbol("x1"): sympy.Rational(1, 10), symbol("x2"): 1})
    assert regret(instance, {symbol("x1"): 0, symbol("x2"): sympy.Rational(1, 2)}) > 0


def test_numeric_instance_and_regions_by_decision():
    game = api.load("burden-sharing").numeric()  # Y1 = 3, Y2 = 1: the small ally spends nothing
    (eq,) = equilibria(game).equilibria
    assert _choices(eq) == {"x1": sympy.Rational(3, 2), "x2": 0}
    assert eq.conditions == ()


NO_CLOSED_FORM = """
title: No closed form
source: a test
players: [A, B]
parameters: {a: 1}
assumptions: [a > 0]
choices:
  A: {x: [0, 2]}
  B: {y: [0, 2]}
payoffs:
  A: -x^2/2 + a*x*exp(-y) + x*y/3
  B: -y^2/2 + a*y*exp(-x) + x*y/3
"""


def test_no_closed_form_is_refused_symbolically_and_solved_numerically():
    from gametheory.errors import AnalysisError

    game = api.load(NO_CLOSED_FORM)
    with pytest.raises(AnalysisError, match="no closed form"):
        equilibria(game)
    result = equilibria(game.numeric())
    assert not result.exact and "numerically" in " ".join(result.notes)
    (eq,) = result.equilibria
    x = eq.value(symbol("x"))
    # x = exp(-x) + x/3 at the symmetric point, to 40 digits
    assert abs(sympy.N(x - sympy.exp(-x) - x / 3, 50)) < sympy.Rational(1, 10 ** 40)
    assert is_equilibrium(game.numeric(), dict(eq.choices))


def test_report_json_and_text():
    report = api.solve(api.load("burden-sharing"))
    doc = report.to_dict()
    assert doc["schema"] == "gametheory.continuous/1"
    assert [e["conditions"] for e in doc["equilibria"]] == [["Y1 < 2*Y2"], ["2*Y2 <= Y1"]]
    assert doc["equilibria"][1]["choices"] == {"x1": "Y1/2", "x2": "0"}
    assert doc["exploitation"] == {"holds": True, "conditions": []}
    for e in doc["equilibria"]:
        for value in e["choices"].values():
            sympy.parse_expr(value)
    text = report.text()
    assert "Exploitation of the great by the small (Olson and Zeckhauser 1966): yes" in text
    assert "when Y1 < 2*Y2: x1 = (2*Y1 - Y2)/3, x2 = (2*Y2 - Y1)/3" in text
    assert "\\begin{tabular}" in report.latex() and "| 2 | `2*Y2 <= Y1` |" in report.markdown()


def test_second_order_conditions_are_decided_under_the_assumptions():
    # a convex payoff in the player's own choice: the interior point is a minimum, not a best response
    game = api.load("""
title: Convex
source: a test
players: [A, B]
parameters: {k: 1}
assumptions: [k > 0]
choices:
  A: {x: [0, 1]}
  B: {y: [0, 1]}
payoffs:
  A: k*(x - 1/2)^2 + x*y
  B: -(y - x)^2
""")
    result = equilibria(game)
    assert result.concave[0] is False or result.concave[0] is None
    for eq in result.equilibria:
        assert eq.cases[0] != "interior"
    assert conditions.decide(V > 0, [V > 0]).value is True


def test_statics_closed_forms_by_region():
    report = api.statics(api.load("burden-sharing-n"), wrt=["N"])
    rows = {r.quantity: r for r in report.result.rows}
    assert rows["x"].sign == "-" and sympy.simplify(rows["x"].derivative + Y / (N + 1) ** 2) == 0
    assert rows["total"].sign == "+"
    doc = report.to_dict()
    assert doc["schema"] == "gametheory.statics/1" and {r["sign"] for r in doc["results"]} <= {"+", "-", "0", "?"}
    burden = api.statics(api.load("burden-sharing"), wrt=["Y1"]).result.rows
    x2 = [r for r in burden if r.quantity == "x2"]
    assert [(r.derivative, r.conditions) for r in x2] == [(-sympy.Rational(1, 3), (Y1 < 2 * Y2,)),
                                                          (0, (2 * Y2 <= Y1,))]


def test_statics_by_the_implicit_function_theorem():
    rows = api.statics(api.load(NO_CLOSED_FORM)).result.rows
    assert {r.method for r in rows} == {"implicit function theorem"}
    x, y = symbol("x"), symbol("y")
    row = next(r for r in rows if r.quantity == "x")
    # check against the numeric equilibrium's derivative by finite differences at a = 1
    point = {}
    for value in (1, sympy.Rational(1001, 1000)):
        (eq,) = equilibria(api.load(NO_CLOSED_FORM).subs({"a": value})).equilibria
        point[value] = dict(eq.choices)
    finite = (point[sympy.Rational(1001, 1000)][x] - point[1][x]) * 1000
    formula = row.derivative.xreplace({a: 1, x: point[1][x], y: point[1][y]})
    assert abs(sympy.N(finite - formula)) < 1e-2


def test_plot_marks_the_region_boundary(tmp_path):
    pytest.importorskip("matplotlib")
    from gametheory.analysis.kind_plots import kind_plot_data

    data = kind_plot_data(api.load("burden-sharing"), "Y2", points=31)
    assert data.markers == (sympy.Rational(3, 2),)  # 2*Y2 = Y1 = 3
    from gametheory.report.continuous import plot_kind

    out = plot_kind(api.load("fearon-bargaining"), "cB", points=21, output=str(tmp_path / "f.svg"))
    assert (tmp_path / "f.svg").exists() and out.endswith("f.svg")


def _quadratic_game(rng):
    def q():
        return sympy.Rational(rng.randint(-6, 6), rng.randint(1, 4))

    a1, a2 = sympy.Rational(rng.randint(1, 6), rng.randint(1, 3)), sympy.Rational(rng.randint(1, 6), rng.randint(1, 3))
    hi1, hi2 = rng.randint(1, 4), rng.randint(1, 4)
    return f"""
title: Random quadratic
source: a test
players: [A, B]
choices:
  A: {{x: [0, {hi1}]}}
  B: {{y: [0, {hi2}]}}
payoffs:
  A: -{a1}*x^2 + ({q()})*x + ({q()})*x*y + ({q()})*y
  B: -{a2}*y^2 + ({q()})*y + ({q()})*x*y + ({q()})*x
"""


def test_random_concave_games_every_equilibrium_passes_the_checker():
    rng = random.Random(99)
    found = 0
    for _ in range(12):
        game = api.load(_quadratic_game(rng))
        result = equilibria(game)
        assert result.concave == (True, True)
        for eq in result.equilibria:
            assert eq.conditions == ()
            assert is_equilibrium(game, dict(eq.choices)), (game.payoffs, eq.choices)
            found += 1
    assert found >= 12  # a concave game on a box has an equilibrium (Rosen 1965)


def test_a_player_with_two_choices():
    game = api.load("""
title: Two instruments
source: a test
players: [A, B]
parameters: {k: 1}
assumptions: [k > 0]
choices:
  A: {a1: [0, 10], a2: [0, 10]}
  B: {b: [0, 10]}
payoffs:
  A: -a1^2 - a2^2 + a1*a2/2 + k*a1 + b*a2/4
  B: -b^2 + a1*b/2 + k*b
""")
    result = equilibria(game)
    assert result.concave == (True, True) and len(result.equilibria) == 3
    k = symbol("k")
    first = result.equilibria[0]
    assert first.conditions == (38 * k < 595,)
    assert [x for _, x in first.choices] == [66 * k / 119, 26 * k / 119, 76 * k / 119]
    for eq in result.equilibria:
        for value in (sympy.Rational(1, 2), 16, 20, 30):
            if all(bool(c.xreplace({k: value})) for c in eq.conditions):
                instance = game.subs({"k": value})
                assert is_equilibrium(instance, {v: x.xreplace({k: value}) for v, x in eq.choices})
