"""The uncertainty dilemma and the alliance game's risks (gametheory.analysis.uncertainty).

Snyder's adversary game: conciliation is right against a status-quo adversary and firmness
against an expansionist, so each option risks a regret (firmness provokes a spiral, conciliation
invites exploitation), and the threshold belief is (a_CC - a_FF)/((a_CC - a_FF) + (a_FC - a_CF)),
that is R_F/(R_F + R_C) with the two regrets. Snyder's alliance game: supporting costs the
entrapment cost E (E + A when abandoned); withholding never has regret but loses the partner's
support B when the partner withholds too.
"""

from __future__ import annotations

import re

from pathlib import Path

import json

import sympy

from gametheory import report as api
from gametheory.analysis.uncertainty import alliance_risks, uncertainty_dilemma
from gametheory.expr import symbol

# the adversary game with symbolic payoffs a_XY for the state (shared with the other Bayesian tests)
SYMBOLIC_ADVERSARY = (Path(__file__).parent / "fixtures" / "specs" / "symbolic-adversary.yaml").read_text()

aCC, aCF, aFC, aFF = (symbol(x) for x in ("a_CC", "a_CF", "a_FC", "a_FF"))
A, B, E = (symbol(x) for x in "ABE")


def test_adversary_game_is_an_uncertainty_dilemma():
    verdict = uncertainty_dilemma(api.load("snyder-adversary-game"))
    assert verdict.kind == "uncertainty_dilemma" and verdict.is_dilemma is True
    assert (verdict.player, verdict.opponent) == ("State", "Adversary")
    assert verdict.best == (("status_quo", ("Conciliate",)), ("expansionist", ("Firm",)))
    conciliate, firm = verdict.risks
    assert (conciliate.option, conciliate.wrong_type, conciliate.reply, conciliate.outcome) == (
        "Conciliate", "expansionist", "Firm", ("Conciliate", "Firm"))
    assert (conciliate.payoff, conciliate.best_payoff, conciliate.regret) == (1, 3, 2)
    assert "invites an expansionist Adversary to exploit it" in conciliate.words
    assert (firm.option, firm.wrong_type, firm.reply, firm.outcome) == ("Firm", "status_quo", "Firm", ("Firm", "Firm"))
    assert (firm.payoff, firm.best_payoff, firm.regret) == (2, 4, 2)
    assert "provokes a status_quo Adversary to answer in kind" in firm.words and "spiral" in firm.words
    assert verdict.threshold.name == "mu*" and verdict.threshold.expression == sympy.Rational(1, 2)
    doc = verdict.to_dict()
    assert json.dumps(doc) and doc["risks"][1]["regret"] == "2" and doc["threshold"]["expression"] == "1/2"


def test_symbolic_regrets_and_threshold():
    verdict = uncertainty_dilemma(api.load(SYMBOLIC_ADVERSARY))
    assert verdict.is_dilemma is True
    risk = {r.option: r for r in verdict.risks}
    regret_conciliate = aFC - aCF  # exploited by an expansionist instead of deterring it
    regret_firm = aCC - aFF        # a spiral with a status-quo power instead of mutual conciliation
    assert sympy.expand(risk["Conciliate"].regret - regret_conciliate) == 0
    assert sympy.expand(risk["Firm"].regret - regret_firm) == 0
    threshold = verdict.threshold.expression
    assert sympy.simplify(threshold - regret_firm / (regret_firm + regret_conciliate)) == 0
    assert sympy.simplify(threshold - (aCC - aFF) / ((aCC - aFF) + (aFC - aCF))) == 0


def test_no_dilemma_when_one_action_is_right_against_every_type():
    # a state that would rather exploit a conciliator (a_FC > a_CC) is still in the dilemma: a
    # status-quo adversary answers firmness with firmness (a_FF) and conciliation in kind (a_CC)
    text = SYMBOLIC_ADVERSARY.replace("a_CC > a_FC > a_FF > a_CF", "a_FC > a_CC > a_FF > a_CF")
    assert uncertainty_dilemma(api.load(text)).is_dilemma is True
    # two expansionist types, both deterred by firmness: firmness is right whatever the belief
    hawks = """
version: 1
title: Two kinds of expansionist
players: [State, Adversary]
strategies: [Conciliate, Firm]
parameters: {mu: 1/3}
assumptions: [0 < mu < 1]
types:
  Adversary: {greedy: 1 - mu, very_greedy: mu}
payoffs:
  greedy: {matrix: [[[4, 3], [1, 4]], [[3, 2], [2, 1]]]}
  very_greedy: {matrix: [[[4, 2], [1, 4]], [[3, 3], [2, 1]]]}
"""
    verdict = uncertainty_dilemma(api.load(hawks))
    assert verdict.is_dilemma is False and verdict.risks == ()
    assert "Firm is best for State against every type" in verdict.explanation


def test_not_applicable():
    assert uncertainty_dilemma(api.load("kydd-trust")) is None  # both players have types
    assert alliance_risks(api.load("battle-of-the-sexes")) is None  # not symmetric


def test_alliance_game_risks():
    risks = alliance_risks(api.load("snyder-alliance-game"))
    assert risks.kind == "alliance_risks" and (risks.player, risks.partner) == ("AllyA", "AllyB")
    support, withhold = risks.options
    assert support.option == "Support"
    assert [(c.partner_action, c.regret, c.exposure) for c in support.cells] == [
        ("Support", E, 0), ("NotSupport", A + E, A + B)]
    assert (support.worst_regret, support.worst_regret_if) == (A + E, "NotSupport")
    names = dict(support.names)
    assert "entrapment" in names["E"] and "abandonment" in names["A"]
    assert withhold.option == "NotSupport"
    assert [(c.regret, c.exposure) for c in withhold.cells] == [(0, 0), (0, B)]
    assert (withhold.worst_regret, withhold.worst_regret_if) == (0, None)
    assert (withhold.worst_exposure, withhold.worst_exposure_if) == (B, "NotSupport")
    assert "never has regret" in withhold.words and "loses B if AllyB plays NotSupport" in withhold.words
    doc = risks.to_dict()
    assert json.dumps(doc) and doc["options"][0]["worst_regret"] == "A + E"


def test_risks_name_only_described_parameters():
    # the offense-defense game's parameters have no descriptions: no bare "(c; d; o)" list
    from pathlib import Path

    spec = Path(__file__).resolve().parent / "fixtures" / "specs" / "offense-defense.yaml"
    risks = alliance_risks(api.load(str(spec)))
    for option in risks.options:
        assert "(c; d; o)" not in option.words, option.words
        assert not re.search(r"\((\w+; )*\w+\)$", option.words), option.words  # no bare list of names
        assert dict(option.names).keys() <= {"c", "d", "o"}
    # described parameters are still named with their descriptions
    risks = alliance_risks(api.load("snyder-alliance-game"))
    assert any("(A: " in o.words or "; A: " in o.words for o in risks.options)


def test_alliance_risks_of_a_symbolic_prisoners_dilemma_keep_undecided_maxima():
    risks = alliance_risks(api.load("prisoners-dilemma"))
    cooperate, defect = risks.options
    # Cooperate's worst regret is T - R or P - S, whichever is larger: not decided by T > R > P > S
    assert cooperate.worst_regret_if is None and isinstance(cooperate.worst_regret, sympy.Max)
    assert defect.worst_regret == 0


def test_docstring_examples():
    import doctest
    import importlib

    module = importlib.import_module("gametheory.analysis.uncertainty")
    failed, attempted = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert attempted > 0 and failed == 0


def test_join_adds_the_kind_and_keeps_either_condition():
    from dataclasses import replace

    import sympy

    import gametheory
    from gametheory.analysis.uncertainty import uncertainty_dilemma

    alliance = gametheory.solve(gametheory.load("snyder-alliance-game")).dilemma
    assert alliance.is_dilemma is None
    u = uncertainty_dilemma(gametheory.load("snyder-adversary-game"))
    mu = sympy.Symbol("mu", real=True)
    joined = replace(u, is_dilemma=None, conditions=(mu > sympy.Rational(1, 2),)).join(alliance)
    assert joined.is_dilemma is None
    assert joined.kinds[-1] == "uncertainty_dilemma"
    (either,) = joined.conditions
    assert isinstance(either, sympy.Or)
    assert u.join(alliance).is_dilemma is True and u.join(alliance).conditions == ()
    no = replace(u, is_dilemma=False)
    assert no.join(alliance) == alliance


def test_join_reports_the_kind_beside_the_others():
    """kinds lists the uncertainty dilemma only where by_kind says it holds (issue 11, defect 4)."""
    from dataclasses import replace

    import gametheory
    from gametheory.analysis.uncertainty import uncertainty_dilemma

    alliance = gametheory.solve(gametheory.load("snyder-alliance-game")).dilemma
    u = uncertainty_dilemma(gametheory.load("snyder-adversary-game"))
    joined = u.join(alliance)
    assert (joined.details[-1].kind, joined.details[-1].value) == ("uncertainty_dilemma", True)
    undecided = replace(u, is_dilemma=None, conditions=()).join(alliance)
    assert "uncertainty_dilemma" not in undecided.kinds
    assert undecided.details[-1].value is None
    doc = gametheory.solve(gametheory.load("snyder-adversary-game")).to_dict()["dilemma"]
    assert doc["by_kind"]["uncertainty_dilemma"] == {"holds": True, "conditions": []}
    assert all(doc["by_kind"][k]["holds"] is True or doc["by_kind"][k]["conditions"] for k in doc["kinds"])
