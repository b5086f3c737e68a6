"""The checker: exact regret and is_equilibrium, numeric and symbolic."""

from __future__ import annotations

import pytest
import sympy

from gametheory.conditions import Decision, to_str
from gametheory.errors import UsageError
from gametheory.expr import symbol
from gametheory.games import Game, Profile
from gametheory.equilibria import is_equilibrium, regret
from gametheory.equilibria.check import Reasoner, number_sign

Q = sympy.Rational
V, C, p = symbol("V"), symbol("C"), symbol("p")


def symmetric(matrix, **kwargs) -> Game:
    rows = [list(r) for r in matrix]
    return Game.from_arrays([rows, [list(col) for col in zip(*rows)]], **kwargs)


PD = symmetric([[3, 0], [5, 1]])
HAWK_DOVE = symmetric([[(V - C) / 2, V], [0, V / 2]], assumptions=(C > V, V > 0))


def test_regret_of_pure_profiles():
    assert regret(PD, (0, 0)) == 2  # either player gains 5 - 3 by defecting
    assert regret(PD, (0, 1)) == 1
    assert regret(PD, (1, 1)) == 0
    assert is_equilibrium(PD, (1, 1)) is True
    assert is_equilibrium(PD, (0, 0)) is False


def test_regret_of_mixed_profiles():
    pennies = Game.from_arrays([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]])
    half = (Q(1, 2), Q(1, 2))
    assert regret(pennies, (half, half)) == 0
    assert regret(pennies, ((1, 0), half)) == 1  # the column player gains 1 by playing Tails
    assert regret(pennies, ((Q(2, 3), Q(1, 3)), half)) == Q(1, 3)
    assert is_equilibrium(pennies, Profile.from_values([half, half])) is True


def test_not_a_distribution():
    assert is_equilibrium(PD, ((Q(1, 2), Q(1, 3)), (0, 1))) is False
    assert is_equilibrium(PD, ((2, -1), (0, 1))) is False


def test_shape_errors():
    with pytest.raises(UsageError, match="expected a profile with 2 players"):
        regret(PD, ((1, 0),))
    with pytest.raises(UsageError, match="expected 2 probabilities"):
        regret(PD, ((1, 0, 0), (1, 0)))
    with pytest.raises(UsageError, match="strategy index"):
        regret(PD, (0, 2))


def test_symbolic_equilibrium():
    mix = (V / C, 1 - V / C)
    decision = is_equilibrium(HAWK_DOVE, (mix, mix))
    assert isinstance(decision, Decision) and decision.value is True
    assert is_equilibrium(HAWK_DOVE, (0, 0)).value is False  # (Hawk, Hawk): both lose (V - C)/2 < 0
    assert is_equilibrium(HAWK_DOVE, (0, 1)).value is True
    assert regret(HAWK_DOVE, (mix, mix)) == 0


def test_symbolic_profile_gets_conditions():
    # against V/C the row player is indifferent, so any p in [0, 1] is a best response; but the
    # column player must be indifferent too, which pins p to V/C
    decision = is_equilibrium(HAWK_DOVE, ((p, 1 - p), (V / C, 1 - V / C)))
    assert decision.value is None
    assert set(to_str(c) for c in decision.conditions) >= {"C*p <= V", "V <= C*p"}
    assert is_equilibrium(HAWK_DOVE, ((V / C, 1 - V / C), (V / C, 1 - V / C))).value is True


def test_symbolic_regret_is_a_max():
    r = regret(HAWK_DOVE, (1, 1))  # (Dove, Dove): deviating to Hawk gains V - V/2
    assert r == V / 2


def test_number_sign_is_exact():
    r2 = sympy.sqrt(2)
    assert number_sign((1 + r2) ** 2 - 3 - 2 * r2) == "0"
    assert number_sign(r2 - Q(14142135623730951, 10 ** 16)) == "-"
    root = sympy.CRootOf(sympy.Symbol("x") ** 3 - 3 * sympy.Symbol("x") + 1, 0)
    assert number_sign(root ** 3 - 3 * root + 1) == "0"
    assert number_sign(root) == "-"


def test_tidy_is_canonical_and_uses_signs():
    reasoner = Reasoner((C > V, V > 0))
    assert str(reasoner.tidy(V / 2 - V ** 2 / (2 * C))) == "V*(C - V)/(2*C)"
    b, c = symbol("b"), symbol("c")
    positive = Reasoner((b > c, c > 0))
    assert str(positive.tidy(1 - sympy.sqrt(b * c) / b)) == "1 - sqrt(c)/sqrt(b)"
    assert positive.tidy(1 - sympy.sqrt(b * c) / b).free_symbols == {b, c}


@pytest.mark.parametrize("name", ["__init__", "check", "pure", "support", "polynomial", "dominance"])
def test_docstring_examples(name):
    import doctest
    import importlib

    module = importlib.import_module("gametheory.equilibria" if name == "__init__" else f"gametheory.equilibria.{name}")
    failed, _ = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert failed == 0
