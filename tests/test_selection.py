"""Payoff and risk dominance (Harsanyi and Selten 1988): the Stag Hunt symbolic and numeric,
the risk knife edge, anti-diagonal games, games where the criteria do not apply, applicability
that depends on a parameter, and a property test against the formulas."""

from __future__ import annotations

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory import conditions
from gametheory.analysis.selection import selection
from gametheory.expr import symbol
from gametheory.games import Game, Profile
from gametheory.equilibria.result import Equilibrium, EquilibriumSet

R, S, T, P, x = (symbol(n) for n in "R S T P x".split())


def symmetric(r, s, t, p, assumptions=(), names=("Stag", "Hare")):
    return Game.from_arrays([[[r, s], [t, p]], [[r, t], [s, p]]], players=("Row", "Column"),
                            strategies=(names, names), assumptions=tuple(assumptions))


def pure(game, *cells, conditions=()):
    return [Equilibrium(Profile.pure(game, c), game.outcome(c), tuple(conditions)) for c in cells]


STAG = symmetric(R, S, T, P, [R > T, T > P, P > S])


def test_stag_hunt_symbolic():
    mixed = Equilibrium(Profile.from_values([["1/2", "1/2"]] * 2), (R, R))  # payoffs irrelevant here
    s = selection(STAG, pure(STAG, (0, 0), (1, 1)) + [mixed])
    assert s.applies is True and s.conditions == ()
    assert s.payoff_dominant == {0: True, 1: False, 2: None}
    assert s.risk_dominant == {0: None, 1: None, 2: None}
    # mutual cooperation is risk-dominant iff R - T > P - S
    assert s.risk_conditions[0] == (P + T < R + S,)
    assert s.risk_conditions[1] == (R + S < P + T,)
    assert s.risk_ties == (sympy.Eq(P + T, R + S),)
    assert s.explanation == (
        "(Stag, Stag) payoff-dominates (Hare, Hare); (Stag, Stag) is risk-dominant when P + T < R + S, "
        "(Hare, Hare) is risk-dominant when R + S < P + T, neither is when P + T = R + S."
    )


def test_stag_hunt_numeric_hare_is_risk_dominant():
    game = symmetric(4, 0, 3, 2)  # the bundled defaults: P - S = 2 > R - T = 1
    s = selection(game, EquilibriumSet(game, tuple(pure(game, (0, 0), (1, 1))), "test"))
    assert s.payoff_dominant == {0: True, 1: False}
    assert s.risk_dominant == {0: False, 1: True}
    assert s.risk_ties is None
    assert "(Hare, Hare) is risk-dominant (its product of deviation losses 4 exceeds 1)" in s.explanation


def test_stag_hunt_ordinal_risk_knife_edge():
    game = symmetric(4, 1, 3, 2)  # R - T = P - S = 1
    s = selection(game, pure(game, (0, 0), (1, 1)))
    assert s.risk_dominant == {0: False, 1: False}
    assert s.risk_ties == ()
    assert "neither is risk-dominant" in s.explanation


def test_stag_hunt_with_risk_assumption():
    game = symmetric(R, S, T, P, [R > T, T > P, P > S, R - T > P - S])
    s = selection(game, pure(game, (0, 0), (1, 1)))
    assert s.risk_dominant == {0: True, 1: False} and s.risk_ties is None


def test_chicken_anti_diagonal():
    game = symmetric(R, S, T, P, [T > R, R > S, S > P], ("Swerve", "Straight"))
    s = selection(game, pure(game, (0, 1), (1, 0)))
    assert s.payoff_dominant == {0: False, 1: False}
    assert s.risk_dominant == {0: False, 1: False}
    assert s.risk_ties == ()  # symmetric: the products are always equal


def test_asymmetric_coordination():
    # (0,0) pays (5, 3), (1,1) pays (2, 2); deviation losses: (5-4)(3-0)=3 vs (2-0)(2-1)=2
    game = Game.from_arrays([[[5, 0], [4, 2]], [[3, 0], [1, 2]]])
    s = selection(game, pure(game, (0, 0), (1, 1)))
    assert s.payoff_dominant == {0: True, 1: False}
    assert s.risk_dominant == {0: True, 1: False}


@pytest.mark.parametrize("rstp", [(3, 0, 5, 1), (R, S, T, P)], ids=["axelrod", "symbolic"])
def test_prisoners_dilemma_does_not_apply(rstp):
    game = symmetric(*rstp, [T > R, R > P, P > S] if rstp[0] == R else (), ("Cooperate", "Defect"))
    s = selection(game, pure(game, (1, 1)))
    assert s.applies is False
    assert s.payoff_dominant == {0: None} and s.risk_dominant == {0: None}
    assert "does not have two" in s.explanation


def test_not_2x2():
    game = Game.from_arrays([[[1, 0, 0], [0, 1, 0], [0, 0, 1]]] * 2)
    s = selection(game, pure(game, (0, 0), (1, 1), (2, 2)))
    assert s.applies is False and s.payoff_dominant == {0: None, 1: None, 2: None}
    assert "not 2x2" in s.explanation


def test_weak_equilibria_do_not_count():
    # (1, 1) is an equilibrium only weakly (Row is indifferent): one strict equilibrium
    game = Game.from_arrays([[[2, 0], [0, 0]], [[2, 0], [0, 1]]])
    s = selection(game, pure(game, (0, 0), (1, 1)))
    assert s.applies is False


def test_applicability_depends_on_a_parameter():
    # a coordination game whose (0, 0) equilibrium is strict only when x > 0;
    # it payoff-dominates (1, 1) when x > 1 and risk-dominates it when x > 1 as well
    game = Game.from_arrays([[[x, 0], [0, 1]], [[x, 0], [0, 1]]])
    eqs = pure(game, (0, 0), conditions=(x >= 0,)) + pure(game, (1, 1))
    s = selection(game, eqs)
    assert s.applies is None and strs(s.conditions) == ["0 < x"]
    assert s.payoff_dominant == {0: None, 1: None} and s.risk_dominant == {0: None, 1: None}
    assert strs(s.payoff_conditions[0]) == strs(s.risk_conditions[0]) == ["1 < x"]
    assert strs(s.payoff_conditions[1]) == strs(s.risk_conditions[1]) == ["0 < x", "x < 1"]
    assert strs(s.risk_ties) == ["Eq(x, 1)"]
    assert s.explanation.startswith("When 0 < x, (s1, s1) payoff-dominates (s2, s2) when 1 < x;")


def strs(conds):
    return [conditions.to_str(c) for c in conds]


# -- property: the formulas of Harsanyi and Selten ---------------------------------------------


small = st.integers(min_value=-3, max_value=3)
matrix = st.lists(st.lists(small, min_size=2, max_size=2), min_size=2, max_size=2)


@settings(max_examples=150, deadline=None)
@given(matrix, matrix)
def test_against_formulas(A, B):
    strict = [(i, j) for i in range(2) for j in range(2)
              if A[i][j] > A[1 - i][j] and B[i][j] > B[i][1 - j]]
    game = Game.from_arrays([A, B])
    cells = [(i, j) for i in range(2) for j in range(2)
             if A[i][j] >= A[1 - i][j] and B[i][j] >= B[i][1 - j]]
    s = selection(game, pure(game, *cells))
    if len(strict) != 2:
        assert s.applies is False
        assert all(v is None for v in s.payoff_dominant.values())
        return
    assert s.applies is True

    def nash(c):
        i, j = c
        return (A[i][j] - A[1 - i][j]) * (B[i][j] - B[i][1 - j])

    for k, c in enumerate(cells):
        if c not in strict:
            assert s.payoff_dominant[k] is None and s.risk_dominant[k] is None
            continue
        o = strict[1] if strict[0] == c else strict[0]
        assert s.payoff_dominant[k] is (A[c[0]][c[1]] > A[o[0]][o[1]] and B[c[0]][c[1]] > B[o[0]][o[1]])
        assert s.risk_dominant[k] is (nash(c) > nash(o))
    assert (s.risk_ties == ()) is (nash(strict[0]) == nash(strict[1]))


# -- bundled specs -----------------------------------------------------------------------------


@pytest.mark.parametrize("numeric", [False, True], ids=["symbolic", "numeric"])
def test_bundled_stag_hunt(numeric):
    from gametheory import load
    from gametheory.equilibria import equilibria

    game = load("stag-hunt")
    if numeric:
        game = game.numeric()
    eqs = equilibria(game)
    cells = [e.profile.pure_indices for e in eqs]
    stag, hare = cells.index((0, 0)), cells.index((1, 1))
    s = selection(game, eqs)
    assert s.payoff_dominant[stag] is True and s.payoff_dominant[hare] is False
    if numeric:
        assert (s.risk_dominant[stag], s.risk_dominant[hare]) == (False, True)
    else:
        assert strs(s.risk_conditions[stag]) == ["P + T < R + S"]
    mixed = [k for k, e in enumerate(eqs) if not e.is_pure]
    assert mixed and all(s.payoff_dominant[k] is None and s.risk_dominant[k] is None for k in mixed)


@pytest.mark.parametrize("name", ["chicken", "hawk-dove", "battle-of-the-sexes", "leader", "hero"])
def test_bundled_two_equilibria_no_selection(name):
    from gametheory import load
    from gametheory.equilibria import equilibria

    game = load(name)
    s = selection(game, equilibria(game))
    assert s.applies is True
    pure = [k for k, v in s.payoff_dominant.items() if v is not None]
    assert len(pure) == 2 and all(s.payoff_dominant[k] is False for k in pure)


def test_risk_margin_threshold_for_statics():
    import gametheory
    from gametheory.analysis.selection import thresholds

    game = gametheory.load("stag-hunt")
    (margin,) = thresholds(game)
    R, T, P, S = (sympy.Symbol(n, real=True) for n in "RTPS")
    assert sympy.expand(margin.expression - ((R - T) ** 2 - (P - S) ** 2)) == 0
    rows = {(r["quantity"], r["parameter"]): r["sign"] for r in gametheory.statics(game).to_dict()["results"]}
    assert rows[("risk_margin", "R")] == "+" and rows[("risk_margin", "S")] == "+"
    assert rows[("risk_margin", "T")] == "-" and rows[("risk_margin", "P")] == "-"
    assert thresholds(gametheory.load("prisoners-dilemma")) == ()
