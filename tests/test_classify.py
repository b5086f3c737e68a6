"""Classification of 2x2 games: every named archetype (symbolic and numeric), relabellings,
cardinal payoffs, ties, asymmetric games, symbolic regions (the alliance game), games that
are not 2x2, and property tests against the topology module."""

from __future__ import annotations


import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory.analysis.classify import classify
from gametheory.analysis.topology import all_strict_games, locate
from gametheory.expr import symbol
from gametheory.games import Game

R, S, T, P, B, E, A, V, C, a, b = (symbol(n) for n in "R S T P B E A V C a b".split())


def symmetric(r, s, t, p, assumptions=(), names=("Cooperate", "Defect")):
    return Game.from_arrays([[[r, s], [t, p]], [[r, t], [s, p]]], players=("Row", "Column"),
                            strategies=(names, names), assumptions=tuple(assumptions))


def chain(*symbols):
    """``x1 > x2 > ...`` as a tuple of relations."""
    return tuple(hi > lo for hi, lo in zip(symbols, symbols[1:]))


ARCHETYPES = [
    # name, ordering (highest first), Bruns code, ordinal values 4-3-2-1 in that order
    ("prisoners_dilemma", (T, R, P, S), "Pd-Pd"),
    ("chicken", (T, R, S, P), "Ch-Ch"),
    ("stag_hunt", (R, T, P, S), "Sh-Sh"),
    ("deadlock", (T, P, R, S), "Dl-Dl"),
    ("harmony", (R, T, S, P), "Nc-Nc"),
    ("leader", (T, S, R, P), "Ba-Ba"),
    ("hero", (S, T, R, P), "Hr-Hr"),
]


@pytest.mark.parametrize("name, order, code", ARCHETYPES, ids=[a[0] for a in ARCHETYPES])
def test_archetypes_symbolic(name, order, code):
    c = classify(symmetric(R, S, T, P, chain(*order)))
    assert (c.name, c.conditions, c.regions, c.ties) == (name, (), (), False)
    assert c.topology["system"] == "robinson-goforth"
    assert c.topology["code"] == code
    assert c.explanation.startswith(c.label)
    assert "each player's payoffs order " + " > ".join(str(s) for s in order) in c.explanation


@pytest.mark.parametrize("name, order, code", ARCHETYPES, ids=[a[0] for a in ARCHETYPES])
def test_archetypes_ordinal(name, order, code):
    values = dict(zip(order, (4, 3, 2, 1)))
    c = classify(symmetric(values[R], values[S], values[T], values[P]))
    assert (c.name, c.topology["code"]) == (name, code)
    assert c.ordinal is not None


def test_axelrod_and_relabelling():
    assert classify(symmetric(3, 0, 5, 1)).name == "prisoners_dilemma"
    # Defect listed first: the same game
    c = classify(symmetric(1, 5, 0, 3, names=("Defect", "Cooperate")))
    assert (c.name, c.topology["code"]) == ("prisoners_dilemma", "Pd-Pd")


def test_hawk_dove_is_cardinal_chicken():
    c = classify(symmetric(V / 2, 0, V, (V - C) / 2, [C > V, V > 0], ("Dove", "Hawk")))
    assert (c.name, c.topology["code"]) == ("chicken", "Ch-Ch")
    assert c.ordinal == (((3, 2), (4, 1)), ((3, 4), (2, 1)))


def test_alliance_game_regions():
    game = symmetric(B - E, -E - A, B, 0, [B > 0, E > 0, A > 0], ("Support", "NotSupport"))
    c = classify(game)
    assert c.name is None and c.label is None and c.topology is None
    regions = {r.conditions: (r.name, r.ties, r.topology["code"]) for r in c.regions}
    assert regions == {
        (E < B,): ("prisoners_dilemma", False, "Pd-Pd"),
        (B < E,): ("deadlock", False, "Dl-Dl"),
        (sympy.Eq(B, E),): (None, True, None),
    }
    # the knife edge comes last
    assert c.regions[-1].conditions == (sympy.Eq(B, E),)
    assert c.ties is True
    assert c.explanation.startswith("The type depends on the parameters:")
    assert "Prisoner's Dilemma (Robinson-Goforth Pd-Pd, Bruns's Prisoner's Dilemma) when E < B" in c.explanation
    assert "B > B - E = 0 > -A - E" in c.explanation


def test_battle_of_the_sexes_ties_named_not_misfiled():
    game = Game.from_arrays([[[a, 0], [0, b]], [[b, 0], [0, a]]], assumptions=(a > b, b > 0))
    c = classify(game)
    assert (c.name, c.ties, c.topology["code"], c.topology["ties"]) == ("battle_of_the_sexes", True, None, True)
    assert "tied payoffs" in c.explanation


def test_unnamed_tie_reported_as_tie():
    # R = P: the alliance game's knife edge, numerically
    c = classify(symmetric(0, -2, 1, 0))
    assert (c.name, c.label, c.ties) == (None, None, True)
    assert c.topology["code"] is None
    assert c.explanation.startswith("A game with tied payoffs")
    assert "1 > 0 > -2" in c.explanation


def test_all_equal_payoffs():
    c = classify(symmetric(1, 1, 1, 1))
    assert c.ties is True and c.topology["code"] is None


def test_asymmetric_strict_game():
    # Row has the Prisoner's Dilemma payoffs, Column those of Chicken
    game = Game.from_arrays([[[3, 1], [4, 2]], [[3, 4], [2, 1]]])
    c = classify(game)
    t = locate(((3, 1), (4, 2)), ((3, 4), (2, 1)))
    assert c.topology["code"] == t.code == "Pd-Ch"
    assert c.name is None and c.label == t.bruns_name
    assert "Player 1's payoffs order 4 > 3 > 2 > 1 and Player 2's 4 > 3 > 2 > 1" in c.explanation


def test_matching_pennies_symbolic_regions_merge():
    # the inspection game (Tsebelis 1989): its type is Matching Pennies whatever the order of
    # the inspector's payoffs, so one name, not nine regions
    g, f, h, a_, d = (symbol(n) for n in "g f h a d".split())
    game = Game.from_arrays([[[-f, g], [0, 0]], [[a_ - h, -d], [-h, 0]]],
                            assumptions=(g > 0, f > 0, a_ > 0, d > 0, h > 0, h < a_ + d))
    c = classify(game)
    assert c.name == "matching_pennies" and c.regions == () and c.ordinal is None
    assert "varies with the parameters" in c.explanation


@pytest.mark.parametrize("shape", [(3, 3), (2, 3)])
def test_not_2x2(shape):
    m, n = shape
    game = Game.from_arrays([[[0] * n] * m, [[0] * n] * m])
    c = classify(game)
    assert (c.name, c.topology, c.regions) == (None, None, ())
    assert c.explanation == (
        f"Only two-player 2x2 games are classified (Robinson and Goforth 2005); this is a {m}x{n} game.")


def test_three_players():
    game = Game.from_arrays([[[[0, 0], [0, 0]], [[0, 0], [0, 0]]]] * 3)
    c = classify(game)
    assert c.name is None and "3 players" in c.explanation


# -- properties --------------------------------------------------------------------------------

STRICT = list(all_strict_games())


@settings(max_examples=80, deadline=None)
@given(st.sampled_from(STRICT), st.integers(min_value=-3, max_value=3), st.integers(min_value=1, max_value=3))
def test_numeric_matches_topology(game_ranks, shift, scale):
    row, col = game_ranks
    # a cardinal game with the same ordinal pattern: an increasing affine map of the ranks
    A = [[scale * v + shift for v in r] for r in row]
    Bm = [[v * v for v in r] for r in col]
    c = classify(Game.from_arrays([A, Bm]))
    t = locate(row, col)
    assert c.topology["code"] == t.code
    assert c.name == t.name
    assert c.ordinal == (row, col)


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(STRICT))
def test_symbolic_chain_matches_numeric(game_ranks):
    row, col = game_ranks
    xs = [symbol(f"x{k}") for k in range(4)]
    ys = [symbol(f"y{k}") for k in range(4)]
    flat_r = [row[0][0], row[0][1], row[1][0], row[1][1]]
    flat_c = [col[0][0], col[0][1], col[1][0], col[1][1]]
    # assumptions: each player's symbols ordered as the ranks say
    order_r = [xs[k] for k in sorted(range(4), key=lambda k: -flat_r[k])]
    order_c = [ys[k] for k in sorted(range(4), key=lambda k: -flat_c[k])]
    game = Game.from_arrays([[[xs[0], xs[1]], [xs[2], xs[3]]], [[ys[0], ys[1]], [ys[2], ys[3]]]],
                            assumptions=chain(*order_r) + chain(*order_c))
    c = classify(game)
    assert c.ordinal == (row, col)
    assert c.topology["code"] == locate(row, col).code


def test_symbolic_without_assumptions_splits_and_covers():
    # one free parameter against fixed payoffs: x below, at and above each of 0, 1, 2
    x = symbol("x")
    game = Game.from_arrays([[[x, 0], [2, 1]], [[3, 0], [2, 1]]])
    c = classify(game)
    kinds = {r.conditions: r.ties for r in c.regions}
    assert sum(1 for t in kinds.values() if not t) >= 3
    # every region is located consistently with a sample point
    for r in c.regions:
        conds = r.conditions
        for value in (-1, sympy.Rational(1, 2), sympy.Rational(3, 2), 3, 0, 1, 2):
            if all(bool(cond.subs(x, value)) for cond in conds):
                numeric = classify(Game.from_arrays([[[value, 0], [2, 1]], [[3, 0], [2, 1]]]))
                assert numeric.ordinal == r.ordinal or (r.ordinal is None and numeric.name == r.name)


# -- every bundled spec ------------------------------------------------------------------------

BUNDLED = {
    # name: (symbolic name, numeric name)
    "prisoners-dilemma": ("prisoners_dilemma", "prisoners_dilemma"),
    "stag-hunt": ("stag_hunt", "stag_hunt"),
    "chicken": ("chicken", "chicken"),
    "hawk-dove": ("chicken", "chicken"),
    "deadlock": ("deadlock", "deadlock"),
    "harmony": ("harmony", "harmony"),
    "leader": ("leader", "leader"),
    "hero": ("hero", "hero"),
    "battle-of-the-sexes": ("battle_of_the_sexes", "battle_of_the_sexes"),
    "matching-pennies": ("matching_pennies", "matching_pennies"),
    "inspection": ("matching_pennies", "matching_pennies"),
    "snyder-alliance-game": (None, "prisoners_dilemma"),
    "snyder-primary-alliance": (None, None),
    "volunteers-dilemma": (None, None),
    "snyder-adversary-game": (None, None),
    "kydd-trust": (None, None),
}


@pytest.mark.parametrize("numeric", [False, True], ids=["symbolic", "numeric"])
@pytest.mark.parametrize("name", list(BUNDLED))
def test_bundled_specs(name, numeric):
    from gametheory import load

    game = load(name)
    if hasattr(game, "harsanyi"):
        game = game.harsanyi()
    if numeric:
        game = game.numeric()
    c = classify(game)
    assert c.name == BUNDLED[name][numeric]
    assert c.explanation.endswith(".")
    if c.name is None and game.n_players == 2 and game.shape == (2, 2):
        assert [r.name for r in c.regions] == ["deadlock", "prisoners_dilemma", None]
