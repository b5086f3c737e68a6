"""Pure perfect Bayesian equilibria (TREES.md): Beer-Quiche's two pooling families and the
Intuitive Criterion, belief conditions checked by the exact checker on both sides of their cut-off."""

from __future__ import annotations

import sympy

from gametheory.equilibria.pbe import is_perfect_bayesian, perfect_bayesian
from gametheory.report import load, solve


def test_beer_quiche_has_two_pooling_families_and_quiche_fails_the_intuitive_criterion():
    tree = load("beer-quiche")
    result = perfect_bayesian(tree)
    assert [a.kind for a in result] == ["pooling", "pooling"]
    beer, quiche = result.assessments
    assert beer.behaviour_map()["strong"]["Beer"] == 1 and beer.behaviour_map()["weak"]["Beer"] == 1
    assert dict(beer.beliefs)["Beer"] == (("strong/Beer", sympy.Rational(9, 10)), ("weak/Beer", sympy.Rational(1, 10)))
    m1 = sympy.Symbol("m1", real=True)
    assert beer.belief_conditions == (2 * m1 <= 1,)
    assert beer.belief_symbols == (("m1", "Receiver's belief at Quiche that the node is strong/Quiche"),)
    assert (beer.intuitive_criterion, beer.intuitive_breaker) == (True, None)
    assert (quiche.intuitive_criterion, quiche.intuitive_breaker) == (False, "strong")
    assert beer.payoffs == (sympy.Rational(29, 10), sympy.Rational(9, 10))


def test_the_checker_agrees_with_the_belief_cut_off():
    tree = load("beer-quiche")
    for assessment in perfect_bayesian(tree):
        for k in range(11):
            m = sympy.Rational(k, 10)
            inside = all(bool(c.xreplace({sympy.Symbol("m1", real=True): m})) for c in assessment.belief_conditions)
            assert is_perfect_bayesian(tree, assessment, {"m1": m}) == inside


def test_no_separating_equilibrium_in_beer_quiche():
    # the weak type would mimic the strong one: every pure profile where the types separate fails
    assert not [a for a in perfect_bayesian(load("beer-quiche")) if a.kind == "separating"]


def test_solve_reports_pbe_in_json():
    doc = solve(load("beer-quiche")).to_dict()
    first = doc["pbe"][0]
    assert first["kind"] == "pooling" and first["belief_conditions"] == ["2*m1 <= 1"]
    assert first["beliefs"]["Quiche"] == {"strong/Quiche": "m1", "weak/Quiche": "1 - m1"}
    assert first["intuitive_criterion"] is True and doc["pbe"][1]["intuitive_breaker"] == "strong"


def test_snyder_sequential_pbe_match_the_spe():
    tree = load("snyder-adversary-sequential")
    result = perfect_bayesian(tree)
    firm = [a for a in result if a.behaviour_map()["State"]["Firm"] == 1]
    (entry,) = firm
    assert [str(c) for c in entry.conditions] == ["1 <= 2*mu"]
    beliefs = dict(entry.beliefs)["State"]
    assert [str(p) for _, p in beliefs] == ["1 - mu", "mu"]
