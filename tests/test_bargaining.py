"""Bargaining: Fearon's range and offers, Rubinstein's split, win-sets; checked by hand and on grids."""

from __future__ import annotations

import random

import pytest
import sympy

from gametheory import report as api
from gametheory.analysis.bargaining import analyse
from gametheory.errors import UnsupportedError
from gametheory.expr import symbol

p, cA, cB, cbar, dA, dB, rA, rB, x = (symbol(s) for s in ("p", "cA", "cB", "cbar", "dA", "dB", "rA", "rB", "x"))


def test_fearon_range_and_take_it_or_leave_it_offer():
    result = analyse(api.load("fearon-bargaining"))
    assert (result.range.low, result.range.high) == (p - cA, p + cB)
    assert result.range.nonempty.holds is True
    assert result.range.width == cA + cB
    assert result.offer.proposer == 1 and result.offer.value == p - cA
    assert result.offer.payoffs == (p - cA, 1 - p + cA)


def test_risk_return_offer_derived_by_hand():
    # B maximises (1 - F(p - x))*(1 - x) + F(p - x)*(1 - p - cB), F the CDF of uniform(0, cbar):
    # the first-order condition gives x = p + (cB - cbar)/2 when cB < cbar (war with probability
    # (cbar - cB)/(2*cbar)); otherwise the corner x = p, which every type accepts.
    (rr,) = analyse(api.load("fearon-bargaining")).risk_return
    interior, corner = rr.pieces
    assert interior.conditions == (cB < cbar,)
    assert sympy.simplify(interior.value - (p + (cB - cbar) / 2)) == 0
    assert sympy.simplify(interior.extra[0] - (cbar - cB) / (2 * cbar)) == 0
    assert corner.conditions == (cbar <= cB,) and corner.value == p and corner.extra[0] == 0


def test_risk_return_offer_is_optimal_on_a_grid_at_random_points():
    game = api.load("fearon-bargaining")
    (rr,) = analyse(game).risk_return
    rng = random.Random(7)
    for piece in rr.pieces:
        found = 0
        while found < 4:
            point = {p: sympy.Rational(rng.randint(2, 18), 20), cB: sympy.Rational(rng.randint(1, 30), 100),
                     cbar: sympy.Rational(rng.randint(1, 30), 100)}
            relations = [r for r in game.assumptions if cA not in r.free_symbols] + list(piece.conditions)
            if not all(bool(r.xreplace(point)) for r in relations):
                continue
            found += 1
            offer = piece.value.xreplace(point)

            def expected(y):
                accept = min(max(1 - (point[p] - y) / point[cbar], 0), 1)  # cA >= p - y
                return accept * (1 - y) + (1 - accept) * (1 - point[p] - point[cB])

            best = max(expected(sympy.Rational(k, 2000)) for k in range(2001))
            assert expected(offer) >= best
            war = piece.extra[0].xreplace(point)
            assert war == 1 - min(max(1 - (point[p] - offer) / point[cbar], 0), 1)


def test_rubinstein_split_and_limit():
    result = analyse(api.load("rubinstein"))
    offer = result.alternating
    assert sympy.simplify(offer.value - (1 - dB) / (1 - dA * dB)) == 0
    assert offer.limit == sympy.Rational(1, 2)
    # the responder is indifferent between accepting and waiting for its own offer next period
    b_share = 1 - offer.value
    b_own = (1 - dA) / (1 - dA * dB)
    assert sympy.simplify(b_share - dB * b_own) == 0


def test_rubinstein_numeric():
    result = analyse(api.load("rubinstein").numeric())
    assert result.alternating.value == sympy.Rational(1 - sympy.Rational(4, 5), 1 - sympy.Rational(36, 50))


def test_two_level_win_sets_zone_and_schelling():
    result = analyse(api.load("two-level"))
    assert [(i, w.low, w.high) for i, w in result.win_sets] == [(0, rA, 1), (1, 0, rB)]
    assert result.zone.low == sympy.Max(rA, p - cA) and result.zone.high == sympy.Min(rB, p + cB)
    pieces = {piece.value: piece.conditions for piece in result.agreement}
    assert set(pieces) == {rA, p - cA}
    a_moves = next(s for s in result.schelling if s.player == 0)
    words = {piece.value: word for piece, word in a_moves.pieces}
    assert words == {rA: "toward", p - cA: "none"}


def test_two_level_at_random_points_agreement_is_the_proposers_best_in_the_zone():
    game = api.load("two-level")
    result = analyse(game)
    rng = random.Random(3)
    for _ in range(30):
        point = {s: sympy.Rational(rng.randint(1, 99), 100) for s in (p, cA, cB, rA, rB)}
        if not all(bool(r.xreplace(point)) for r in game.assumptions):
            continue
        grid = [sympy.Rational(k, 400) for k in range(401)]
        zone = [y for y in grid if y >= point[p] - point[cA] and y <= point[p] + point[cB]
                and y >= point[rA] and y <= point[rB]]
        live = [piece for piece in result.agreement if all(bool(c.xreplace(point)) for c in piece.conditions)]
        if not zone:
            continue
        (piece,) = live
        assert piece.value.xreplace(point) <= min(zone)  # B, who wants x low, gets the lowest point


def test_a_utility_that_is_not_monotone_is_refused():
    game = api.load("""
title: Not monotone
source: a test
players: [A, B]
bargaining:
  issue: {x: [0, 1]}
  utilities: {A: (x - 1/2)^2, B: 1 - x}
  disagreement: {A: 0, B: 0}
""")
    with pytest.raises(UnsupportedError, match="not monotone"):
        analyse(game)


def test_report_json():
    doc = api.solve(api.load("fearon-bargaining")).to_dict()
    assert doc["schema"] == "gametheory.bargaining/1"
    assert doc["range"]["low"] == "-cA + p" and doc["range"]["high"] == "cB + p"
    assert doc["range"]["empty"] is False
    assert doc["offer"]["value"] == "-cA + p"
    assert [w["conditions"] for w in doc["war_probability"]] == [["cB < cbar"], ["cbar <= cB"]]
    text = api.solve(api.load("fearon-bargaining")).text()
    assert "Bargaining range: [p - cA, p + cB]" in text
    assert "Take-it-or-leave-it offer by B: x = p - cA" in text
    latex = api.solve(api.load("two-level")).latex()
    assert "\\begin{tikzpicture}" in latex and "win-set of A" in latex


def test_private_parameter_cannot_be_set():
    from gametheory.errors import UsageError

    with pytest.raises(UsageError, match="private"):
        api.load("fearon-bargaining").subs({"cA": sympy.Rational(1, 10)})
    numeric = api.load("fearon-bargaining").numeric()
    (rr,) = analyse(numeric).risk_return
    (piece,) = [q for q in rr.pieces]  # cB = 1/10 < cbar = 1/5: the interior offer
    assert piece.value == sympy.Rational(9, 20) and piece.extra[0] == sympy.Rational(1, 4)


KIND_SPECS = ["burden-sharing", "burden-sharing-n", "arms-contest", "fearon-bargaining", "rubinstein", "two-level"]


@pytest.mark.latex
@pytest.mark.parametrize("name", KIND_SPECS)
def test_latex_of_continuous_and_bargaining_specs_compiles(name, tmp_path):
    import shutil
    import subprocess

    if shutil.which("pdflatex") is None:
        pytest.skip("pdflatex is not installed")
    text = api.solve(api.load(name)).latex(standalone=True)
    (tmp_path / "doc.tex").write_text(text, encoding="utf-8")
    run = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "doc.tex"], cwd=tmp_path,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout[-2000:]
    assert (tmp_path / "doc.pdf").exists()


def test_json_documents_carry_the_contract_fields():
    cont = api.solve(api.load("burden-sharing")).to_dict()
    assert {"schema", "game", "instance", "best_responses", "equilibria", "efficient", "solver"} <= set(cont)
    for eq in cont["equilibria"]:
        assert {"choices", "payoffs", "conditions", "quantities"} <= set(eq)
    for eff in cont["efficient"]:
        assert {"choices", "total", "shortfalls"} <= set(eff)
    for cases in cont["best_responses"].values():
        assert all({"choice", "conditions"} <= set(case) for case in cases)
    barg = api.solve(api.load("two-level")).to_dict()
    assert {"schema", "range", "offer", "war_probability", "win_sets", "agreement_zone", "solver"} <= set(barg)
    assert {"low", "high", "empty", "conditions"} <= set(barg["range"]) and set(barg["agreement_zone"]) >= {"low", "high", "empty", "conditions"}
    assert {"proposer", "value", "conditions"} <= set(barg["offer"])
    assert barg["win_sets"] == {"A": {"low": "rA", "high": "1"}, "B": {"low": "0", "high": "rB"}}
    for doc in (cont, barg):
        names = {n: sympy.Symbol(n, real=True) for n in doc["game"]["parameters"]}
        names.update({n: sympy.Symbol(n, real=True) for n in ("x", "x1", "x2", "rA", "rB")})
        for text in _strings(doc):
            assert isinstance(sympy.parse_expr(text, local_dict=names), sympy.Basic), text


def _strings(doc):
    if isinstance(doc, dict):
        for key, value in doc.items():
            if key not in ("game", "schema", "notes", "kind", "case", "cases", "proposer", "method",
                           "moves", "distribution", "private", "player", "parameter"):
                yield from _strings(value)
    elif isinstance(doc, list):
        for value in doc:
            yield from _strings(value)
    elif isinstance(doc, str):
        yield doc
