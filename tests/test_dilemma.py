"""Dilemma verdicts: the named archetypes, symbolic regions (the alliance game), knife edges,
ties, the Macy-Flache motives, and a property test against a direct computation."""

from __future__ import annotations

import itertools
from fractions import Fraction as F

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory.analysis.dilemma import KINDS, KIND_EXPLANATIONS, REPORTED, dilemma, symmetric_2x2
from gametheory.expr import symbol
from gametheory.games import Game, Profile
from gametheory.equilibria.result import Equilibrium, EquilibriumSet

R, S, T, P, B, E, A, V, C, x = (symbol(n) for n in "R S T P B E A V C x".split())


def symmetric(r, s, t, p, assumptions=(), names=("Cooperate", "Defect")):
    return Game.from_arrays([[[r, s], [t, p]], [[r, t], [s, p]]], players=("Row", "Column"),
                            strategies=(names, names), assumptions=tuple(assumptions))


def pure(game, *cells):
    return [Equilibrium(Profile.pure(game, c), game.outcome(c)) for c in cells]


def symmetric_mixed(game):
    """The completely mixed equilibrium of a symmetric 2x2 game (both players alike)."""
    (r, s), (t, p) = game.matrices()[0]
    q = sympy.factor((p - s) / (r - s - t + p))  # probability of strategy 0
    profile = Profile.from_values([[q, sympy.factor(1 - q)]] * 2)
    u = sympy.factor(game.expected_payoff(profile, 0))
    return Equilibrium(profile, (u, u))


PD = symmetric(R, S, T, P, [T > R, R > P, P > S])
AXELROD = symmetric(3, 0, 5, 1)
ALLIANCE = symmetric(B - E, -E - A, B, 0, [B > 0, E > 0, A > 0], ("Support", "NotSupport"))
HAWK_DOVE = symmetric(V / 2, 0, V, (V - C) / 2, [C > V, V > 0], ("Dove", "Hawk"))
CHICKEN = symmetric(R, S, T, P, [T > R, R > S, S > P], ("Swerve", "Straight"))
STAG = symmetric(R, S, T, P, [R > T, T > P, P > S], ("Stag", "Hare"))
DEADLOCK = symmetric(R, S, T, P, [T > P, P > R, R > S])
HARMONY = symmetric(R, S, T, P, [R > T, T > S, S > P])
EQ2R = sympy.Eq(2 * R, S + T)


# -- the archetypes ----------------------------------------------------------------------------


def test_prisoners_dilemma_symbolic():
    v = dilemma(PD, pure(PD, (1, 1)))
    assert v.is_dilemma is True and v.conditions == ()
    assert v.kinds == ("deficient_equilibrium", "social_dilemma")
    assert v.motives == ("greed", "fear")
    # 2R > T + S is not assumed by the spec: the social dilemma holds exactly when it does,
    # and its edge is reported
    social = v.details[1]
    assert (social.kind, social.value, social.conditions) == ("social_dilemma", None, (S + T < 2 * R,))
    assert v.knife_edges == (EQ2R,)
    assert v.knife_details[0].edges == ("2R = T + S",)
    assert v.deficient == ((0, True, (), ((0, 0),)),)
    assert v.explanation.startswith(
        "The only equilibrium (Defect, Defect) pays P to each; (Cooperate, Cooperate) pays R > P to each;")
    assert "greed (T > R) and fear (P > S)" in v.explanation


def test_prisoners_dilemma_axelrod():
    v = dilemma(AXELROD, pure(AXELROD, (1, 1)))
    assert (v.is_dilemma, v.kinds, v.motives, v.conditions, v.knife_edges) == (
        True, KINDS, ("greed", "fear"), (), ())
    assert v.explanation == (
        "The only equilibrium (Defect, Defect) pays 1 to each; (Cooperate, Cooperate) pays 3 > 1 to "
        "each; with greed (T = 5 > R = 3) and fear (P = 1 > S = 0) it is a social dilemma (Macy and "
        "Flache 2002)."
    )


def test_prisoners_dilemma_with_2r_assumed():
    game = symmetric(R, S, T, P, [T > R, R > P, P > S, 2 * R > T + S])
    v = dilemma(game, pure(game, (1, 1)))
    assert v.details[1].value is True and v.knife_edges == ()


def test_chicken_greed_only():
    v = dilemma(CHICKEN, pure(CHICKEN, (0, 1), (1, 0)) + [symmetric_mixed(CHICKEN)])
    # its pure equilibria are efficient: a dilemma only as a social dilemma, when 2R > T + S
    assert v.is_dilemma is None and v.conditions == (S + T < 2 * R,)
    assert v.kinds == ("social_dilemma",)
    assert v.motives == ("greed",)
    assert v.details[1].conditions == (S + T < 2 * R,)
    # only the mixed equilibrium is deficient: (Swerve, Swerve) beats it for both
    assert [d[1] for d in v.deficient] == [False, False, True]
    assert "(Swerve, Swerve) pays R >" in v.explanation
    assert v.details[2].kind == "deficient_mixed_equilibrium" and v.details[2].value is True


def test_chicken_ordinal_tie_is_no_knife_edge():
    # 2R = T + S = 6 holds exactly: the strict inequality 2R > T + S fails (issue 11, #5)
    game = symmetric(3, 2, 4, 1, names=("Swerve", "Straight"))
    v = dilemma(game, pure(game, (0, 1), (1, 0)) + [symmetric_mixed(game)])
    assert v.is_dilemma is False and v.conditions == () and v.kinds == ()
    assert v.details[1].value is False
    assert v.knife_edges == () and v.knife_details == ()
    assert "2R = 6 is not more than T + S = 6" in v.explanation
    assert "knife edge" not in v.explanation


def test_hawk_dove_identity_is_no_knife_edge():
    # 2R = T + S = V for every V and C: an identity, not a knife edge (issue 11, #5)
    v = dilemma(HAWK_DOVE, pure(HAWK_DOVE, (0, 1), (1, 0)) + [symmetric_mixed(HAWK_DOVE)])
    assert v.is_dilemma is False and v.kinds == () and v.motives == ()
    assert v.knife_edges == () and v.knife_details == ()
    assert v.details[1].value is False
    assert "Hawk with probability V/C" in v.explanation
    assert "(Dove, Dove) pays V/2 > V*(C - V)/(2*C) to each" in v.explanation
    assert "2R = V is not more than T + S = V" in v.explanation


def test_stag_hunt_fear_only():
    v = dilemma(STAG, pure(STAG, (0, 0), (1, 1)) + [symmetric_mixed(STAG)])
    assert (v.is_dilemma, v.kinds, v.motives) == (True, KINDS, ("fear",))
    assert v.details[1].value is True
    assert v.explanation.startswith("The equilibrium (Hare, Hare) pays P to each; (Stag, Stag) pays R > P to each")


@pytest.mark.parametrize("game, cell", [(DEADLOCK, (1, 1)), (HARMONY, (0, 0))], ids=["deadlock", "harmony"])
def test_no_dilemma(game, cell):
    v = dilemma(game, pure(game, cell))
    assert (v.is_dilemma, v.kinds, v.motives, v.conditions, v.knife_edges) == (False, (), (), (), ())
    assert v.details[1].value is False
    assert v.explanation.startswith("No dilemma: no outcome gives every player more than the only equilibrium")
    assert "not a social dilemma" in v.explanation


def test_deadlock_reason_names_cooperation_by_payoffs():
    v = dilemma(DEADLOCK, pure(DEADLOCK, (1, 1)))
    # Macy and Flache's cooperation is the better symmetric outcome: here mutual Defect
    assert v.cooperate == 1
    assert "mutual Defect, the better symmetric outcome" in v.explanation


def test_harmony_reason():
    v = dilemma(HARMONY, pure(HARMONY, (0, 0)))
    assert "neither greed nor fear (T <= R and P <= S)" in v.explanation


# -- the alliance game (MODELS.md) -------------------------------------------------------------


def test_alliance_game_is_a_dilemma_exactly_when_entrapment_is_cheap():
    v = dilemma(ALLIANCE, pure(ALLIANCE, (1, 1)))
    assert v.is_dilemma is None
    assert v.conditions == (E < B,)
    assert v.kinds == KINDS and v.motives == ("greed", "fear")
    assert v.knife_edges == (sympy.Eq(B, E),)
    assert v.knife_details[0].edges == ("R = P",)
    regions = {r.conditions: (r.is_dilemma, r.kinds) for r in v.regions}
    assert regions == {
        (E < B,): (True, KINDS),
        (sympy.Eq(B, E),): (None, ()),
        (B < E,): (False, ()),
    }
    assert v.explanation.startswith("A dilemma exactly when E < B: the only equilibrium (NotSupport, NotSupport)")
    assert "greed (T = B > R = B - E)" in v.explanation


def test_alliance_game_numeric():
    game = symmetric(2, -2, 3, 0, names=("Support", "NotSupport"))  # B = 3, E = 1, A = 1
    v = dilemma(game, pure(game, (1, 1)))
    assert (v.is_dilemma, v.kinds) == (True, KINDS)
    game = symmetric(-2, -4, 1, 0, names=("Support", "NotSupport"))  # B = 1, E = 3, A = 1
    v = dilemma(game, pure(game, (1, 1)))
    assert v.is_dilemma is False


# -- Macy and Flache: motives, labellings, ties ------------------------------------------------


@pytest.mark.parametrize("rstp, motives", [
    ((3, 0, 5, 1), ("greed", "fear")),   # Prisoner's Dilemma
    ((4, 2, 5, 1), ("greed",)),          # Chicken with 2R > T + S
    ((4, 0, 3, 2), ("fear",)),           # Stag Hunt
])
def test_motives(rstp, motives):
    game = symmetric(*rstp)
    v = dilemma(game, [])
    assert v.details[1].value is True
    assert v.motives == motives


def test_cooperation_is_found_by_payoffs_not_by_order():
    # the Prisoner's Dilemma with Defect listed first
    game = symmetric(1, 5, 0, 3, names=("Defect", "Cooperate"))
    v = dilemma(game, pure(game, (0, 0)))
    assert v.cooperate == 1
    assert (v.is_dilemma, v.kinds, v.motives) == (True, KINDS, ("greed", "fear"))
    assert "(Cooperate, Cooperate) pays 3 > 1 to each" in v.explanation


def test_ties_of_the_motives_are_no_motive():
    # T = R and P = S exactly: neither greed nor fear, and no knife edge in a numeric game
    game = symmetric(3, 0, 3, 0)
    v = dilemma(game, pure(game, (0, 0), (1, 1)))
    assert v.knife_details == ()
    assert v.details[1].value is False
    assert "neither greed nor fear" in v.explanation
    # (D, D) pays 0, (C, C) 3: deficient, so a dilemma all the same
    assert v.is_dilemma is True and v.kinds == ("deficient_equilibrium",)


def test_tie_r_equals_p_fails_the_social_test():
    # R = P exactly: R > P fails, and (Defect, Defect) is efficient: no dilemma, no knife edge
    game = symmetric(2, 0, 3, 2)
    v = dilemma(game, pure(game, (1, 1)))
    assert v.knife_details == ()
    assert v.is_dilemma is False and v.conditions == ()
    assert "R > P fails" in v.explanation


def test_asymmetric_game_has_no_social_test():
    game = Game.from_arrays([[[3, 0], [5, 1]], [[2, 6], [0, 1]]])
    assert not symmetric_2x2(game)
    v = dilemma(game, pure(game, (1, 1)))
    assert v.details[1].applies is False
    assert v.kinds == ("deficient_equilibrium",)


def test_volunteers_dilemma_weak_deficiency():
    arrays = []
    for i in range(3):
        table = [[[0] * 2 for _ in range(2)] for _ in range(2)]
        for prof in itertools.product(range(2), repeat=3):
            table[prof[0]][prof[1]][prof[2]] = 3 if prof[i] == 0 else (4 if 0 in prof else 0)
        arrays.append(table)
    game = Game.from_arrays(arrays, strategies=[("Volunteer", "Abstain")] * 3)
    eqs = [Equilibrium(Profile.pure(game, c), game.outcome(c)) for c in [(0, 1, 1), (1, 0, 1), (1, 1, 0)]]
    eqs.append(Equilibrium(Profile.from_values([["1/2", "1/2"]] * 3), (3, 3, 3)))
    v = dilemma(game, eqs)
    # every pure equilibrium is efficient: the deficient mixed one is reported, no dilemma
    assert v.is_dilemma is False and v.kinds == ()
    assert [(d.kind, d.value) for d in v.details if d.applies] == [
        ("deficient_equilibrium", False), ("deficient_mixed_equilibrium", True)]
    assert [d[1] for d in v.deficient] == [False, False, False, True]
    assert "as much (3) to Player 1" in v.explanation  # the volunteer is indifferent
    assert "alone makes no dilemma" in v.explanation


def test_equilibrium_conditions_limit_deficiency():
    # (1, 1) is an equilibrium only when x <= 1 and then (0, 0) paying 2 dominates it iff x < 2
    game = Game.from_arrays([[[2, 0], [x, 1]], [[2, x], [0, 1]]])
    eq = Equilibrium(Profile.pure(game, (1, 1)), (sympy.Integer(1), sympy.Integer(1)), (x <= 1,))
    v = dilemma(game, EquilibriumSet(game, (eq,), "test"))
    # deficient wherever it is an equilibrium
    assert v.deficient[0][1:] == (True, (), ((0, 0),))


def test_kind_explanations_are_one_sentence_each():
    assert set(KIND_EXPLANATIONS) == set(KINDS) | set(REPORTED)
    for text in KIND_EXPLANATIONS.values():
        assert text.endswith(".") and text.count(". ") == 0


# -- property: the social-dilemma test against a direct computation ---------------------------


def _direct(r, s, t, p):
    """(status, motives) of Macy and Flache's test with exact fractions. A numeric game has no
    knife edge: a tie makes a strict inequality fail."""
    for R_, S_, T_, P_ in ((r, s, t, p), (p, t, s, r)):
        if R_ - P_ > 0 and R_ - S_ > 0 and 2 * R_ - T_ - S_ > 0:
            motives = tuple(m for m, v in (("greed", T_ - R_), ("fear", P_ - S_)) if v > 0)
            if motives:
                return "yes", motives
    return "no", ()


@settings(max_examples=150, deadline=None)
@given(st.tuples(*[st.integers(min_value=0, max_value=4)] * 4))
def test_social_dilemma_against_direct_computation(rstp):
    game = symmetric(*rstp)
    v = dilemma(game, [])
    status, motives = _direct(*(F(a) for a in rstp))
    assert v.details[1].value is (status == "yes")
    assert v.motives == motives
    assert not v.knife_details


# -- every bundled spec ------------------------------------------------------------------------

#: name -> (symbolic verdict, kinds, words of the explanation), (numeric ...)
DEF, SOC = "deficient_equilibrium", "social_dilemma"
BUNDLED = {
    "prisoners-dilemma": ((True, (DEF, SOC), ["(Defect, Defect) pays P to each", "greed (T > R) and fear (P > S)"]),
                          (True, (DEF, SOC), ["(Defect, Defect) pays 1 to each"])),
    "stag-hunt": ((True, (DEF, SOC), ["(Hare, Hare) pays P to each", "fear (P > S)"]),
                  (True, (DEF, SOC), ["(Stag, Stag) pays 4 > 2 to each"])),
    "chicken": ((None, (SOC,), ["A dilemma exactly when S + T < 2*R", "(Swerve, Swerve) pays R >",
                                "greed (T > R)"]),
                (False, (), ["(Swerve, Swerve) pays 3 > 5/2", "2R = 6 is not more than T + S = 6"])),
    "hawk-dove": ((False, (), ["Hawk with probability V/C", "2R = V is not more than T + S = V"]),
                  (False, (), ["2R = 2 is not more than T + S = 2"])),
    "deadlock": ((False, (), ["No dilemma", "(Defect, Defect), which pays P to each"]),
                 (False, (), ["No dilemma", "(Defect, Defect), which pays 3 to each"])),
    "harmony": ((False, (), ["No dilemma", "(Cooperate, Cooperate), which pays R"]),
                (False, (), ["No dilemma", "neither greed nor fear"])),
    "leader": ((False, (), ["No dilemma: the mixed equilibrium", "alone makes no dilemma"]),
               (False, (), ["No dilemma: the mixed equilibrium", "alone makes no dilemma"])),
    "hero": ((False, (), ["No dilemma: the mixed equilibrium", "alone makes no dilemma"]),
             (False, (), ["No dilemma: the mixed equilibrium", "alone makes no dilemma"])),
    "battle-of-the-sexes": ((False, (), ["(Fight, Fight) pays a >", "alone makes no dilemma"]),
                            (False, (), ["(Fight, Fight) pays 2 > 2/3", "alone makes no dilemma"])),
    "matching-pennies": ((False, (), ["No dilemma"]), (False, (), ["No dilemma"])),
    "inspection": ((True, (DEF,), ["(Comply, NotInspect) pays as much (0) to Inspectee"]),
                   (True, (DEF,), ["(Comply, NotInspect) pays as much (0) to Inspectee"])),
    "snyder-alliance-game": ((None, (DEF, SOC), ["A dilemma exactly when E < B", "(Support, Support) pays B - E > 0"]),
                             (True, (DEF, SOC), ["(Support, Support) pays 2 > 0 to each"])),
    "snyder-primary-alliance": ((None, (DEF,), ["A dilemma exactly when g < 4*d", "pays R0 > R0 - 4*d + g to each"]),
                                (True, (DEF,), ["pays 4 > 2 to each"])),
    "volunteers-dilemma": ((False, (), ["No dilemma", "alone makes no dilemma"]),
                           (False, (), ["No dilemma", "alone makes no dilemma"])),
    "snyder-adversary-game": ((True, (DEF,), ["(Conciliate, Conciliate/Conciliate)"]),
                              (True, (DEF,), ["(Conciliate, Conciliate/Conciliate)"])),
    "kydd-trust": ((True, (DEF,), ["(Defect/Defect, Defect/Defect) pays P to each"]),
                   (True, (DEF,), ["(Cooperate/Cooperate, Cooperate/Cooperate) pays 4 > 53/16 to each"])),
}


def _bundled(name, numeric):
    from gametheory import load
    from gametheory.equilibria import equilibria

    game = load(name)
    if hasattr(game, "harsanyi"):
        game = game.harsanyi()
    if numeric:
        game = game.numeric()
    return game, equilibria(game)


@pytest.mark.parametrize("numeric", [False, True], ids=["symbolic", "numeric"])
@pytest.mark.parametrize("name", list(BUNDLED))
def test_bundled_specs(name, numeric):
    if name == "kydd-trust" and not numeric:
        pytest.skip("the symbolic solve takes ~15 s: see the slow test below")
    game, eqs = _bundled(name, numeric)
    v = dilemma(game, eqs)
    value, kinds, words = BUNDLED[name][numeric]
    assert (v.is_dilemma, v.kinds) == (value, kinds)
    for word in words:
        assert word in v.explanation
    assert v.explanation.endswith(".") and v.explanation.count(". ") == 0


def test_bundled_symbolic_conditions():
    game, eqs = _bundled("snyder-alliance-game", False)
    assert dilemma(game, eqs).conditions == (E < B,)
    game, eqs = _bundled("snyder-primary-alliance", False)
    g, d = symbol("g"), symbol("d")
    assert dilemma(game, eqs).conditions == (g < 4 * d,)


@pytest.mark.slow
def test_bundled_kydd_symbolic():
    game, eqs = _bundled("kydd-trust", False)
    v = dilemma(game, eqs)
    value, kinds, words = BUNDLED["kydd-trust"][False]
    assert (v.is_dilemma, v.kinds) == (value, kinds)
    for word in words:
        assert word in v.explanation


# -- issue 11: verdicts that say their conditions, checked against the numbers -----------------

o, d, c = (symbol(n) for n in "o d c".split())

#: Jervis's offense-defense game (Jervis 1978): mutual defence pays 0, attacking a defender o,
#: being attacked while defending -o - d, mutual attack -c.
JERVIS = symmetric(0, -o - d, o, -c, [o > 0, d > 0, c > 0], ("Defend", "Attack"))


def _solved(game):
    from gametheory.equilibria import equilibria

    return equilibria(game)


def _holds_at(kind, point) -> bool | None:
    """Does a symbolic per-kind verdict say the kind holds at ``point``?"""
    if kind.value is not None:
        return kind.value
    if not kind.conditions:
        return None
    return all(bool(sympy.sympify(cond).subs(point)) for cond in kind.conditions)


def _agrees_with_numbers(game, v, points):
    """At each point, the symbolic verdict (by kind and overall) is the numeric one."""
    names = {str(s): s for s in game.free_symbols}
    for values in points:
        point = {names[k]: sympy.Rational(x) for k, x in values.items()}
        numeric = Game.from_arrays([arr.xreplace(point).tolist() for arr in game.payoffs],
                                   players=game.players, strategies=game.strategies)
        w = dilemma(numeric, _solved(numeric))
        for symbolic_kind, numeric_kind in zip(v.details, w.details):
            assert symbolic_kind.kind == numeric_kind.kind
            if symbolic_kind.applies:
                assert _holds_at(symbolic_kind, point) == numeric_kind.value, (values, symbolic_kind)
        here = [r for r in v.regions if all(bool(sympy.sympify(cond).subs(point)) for cond in r.conditions)]
        assert len(here) == 1 and here[0].is_dilemma == w.is_dilemma, values
        if v.is_dilemma is not None:
            assert v.is_dilemma == w.is_dilemma, values


def test_jervis_offense_defense_says_its_conditions():
    v = dilemma(JERVIS, _solved(JERVIS))
    assert v.is_dilemma is True
    kinds = {k.kind: (k.value, k.conditions) for k in v.details}
    assert kinds["deficient_equilibrium"] == (None, (c <= d + o,))   # (Attack, Attack) is one
    assert kinds["social_dilemma"] == (True, ())                    # greed, always
    assert kinds["deficient_mixed_equilibrium"] == (None, (d + o < c,))
    # kinds lists a kind only where its verdict holds
    assert v.kinds == ("deficient_equilibrium", "social_dilemma")
    text = v.explanation
    # (Defend, Defend) beats (Attack, Attack): never "no outcome gives every player more"
    assert "no outcome gives every player more" not in text.lower()
    assert "When c <= d + o, the equilibrium (Attack, Attack) pays -c to each and (Defend, Defend) pays 0 > -c" in text
    # fear holds only when c < d + o, and says so; greed always
    assert "greed (T = o > R = 0)" in text
    assert "fear (P = -c > S = -d - o, when c < d + o)" in text
    _agrees_with_numbers(JERVIS, v, [{"o": 1, "d": 2, "c": 1}, {"o": 1, "d": 1, "c": 2},
                                     {"o": 1, "d": 1, "c": 5}, {"o": 2, "d": 1, "c": 3},
                                     {"o": "1/3", "d": "1/2", "c": "7/2"}])


def test_a_deficient_mixed_equilibrium_alone_makes_no_dilemma():
    # pure coordination (the column player values meeting twice as much, so the symmetric
    # social-dilemma test does not apply): both pure equilibria efficient, the mixed one deficient
    names = ("Left", "Right")
    game = Game.from_arrays([[[1, 0], [0, 1]], [[2, 0], [0, 2]]], strategies=(names, names))
    v = dilemma(game, _solved(game))
    assert (v.is_dilemma, v.kinds) == (False, ())
    assert [(k.kind, k.applies, k.value) for k in v.details] == [
        ("deficient_equilibrium", True, False), ("social_dilemma", False, False),
        ("deficient_mixed_equilibrium", True, True)]
    assert v.explanation.startswith("No dilemma: the mixed equilibrium in which each player plays Left "
                                    "with probability 1/2 pays 1/2 to Player 1 and 1 to Player 2; (Left, Left) "
                                    "pays 1 > 1/2 to Player 1 and 2 > 1 to Player 2")
    assert "alone makes no dilemma" in v.explanation


def test_schellings_meeting_place_is_no_dilemma():
    # three places; both gain 1 when they meet
    places = ("Station", "Museum", "Bridge")
    table = [[1 if i == j else 0 for j in range(3)] for i in range(3)]
    game = Game.from_arrays([table, table], strategies=(places, places))
    v = dilemma(game, _solved(game))
    assert (v.is_dilemma, v.kinds) == (False, ())
    assert v.details[2].value is True


def test_every_equilibrium_deficient_is_a_dilemma():
    # the inspection game: the only equilibrium is mixed and deficient
    from gametheory import load

    game = load("inspection").numeric()
    v = dilemma(game, _solved(game))
    assert (v.is_dilemma, v.kinds) == (True, ("deficient_equilibrium",))


def test_the_headline_against_the_numbers_in_a_symbolic_chicken():
    # Chicken with a cost of war: the mixed equilibrium is deficient, the pure ones are not;
    # a dilemma only where (StandFirm, StandFirm) is an equilibrium (v >= c) and is deficient
    v_, c_ = symbol("v"), symbol("c")
    game = symmetric(0, -v_, v_, -c_, [v_ > 0, c_ > 0], ("BackDown", "StandFirm"))
    verdict = dilemma(game, _solved(game))
    _agrees_with_numbers(game, verdict, [{"v": 1, "c": 2}, {"v": 2, "c": 1}, {"v": 3, "c": 7}, {"v": 5, "c": 4}])
    # the explanation names (StandFirm, StandFirm) with the condition under which it is an
    # equilibrium: here the verdict's own, which the sentence begins with
    assert (verdict.is_dilemma, verdict.conditions) == (None, (c_ <= v_,))
    assert verdict.explanation.startswith(
        "A dilemma exactly when c <= v: the equilibrium (StandFirm, StandFirm) pays -c to each; "
        "(BackDown, BackDown) pays 0 > -c to each; when v < c, the mixed equilibrium")


@pytest.mark.parametrize("name", list(BUNDLED))
def test_kinds_are_listed_exactly_where_they_hold(name):
    if name == "kydd-trust":
        pytest.skip("the symbolic solve is slow; the numeric instance is checked below")
    for numeric in (False, True):
        game, eqs = _bundled(name, numeric)
        v = dilemma(game, eqs)
        for kind in v.details:
            somewhere = kind.value is True or (kind.value is None and bool(kind.conditions))
            assert (kind.kind in v.kinds) == (somewhere and kind.kind in KINDS), (name, kind)
        assert not set(v.kinds) & set(REPORTED)


def test_jervis_json_lists_kinds_only_where_by_kind_holds():
    from pathlib import Path

    from gametheory import report as api

    spec = Path(__file__).resolve().parent / "fixtures" / "specs" / "offense-defense.yaml"
    doc = api.solve(api.load(str(spec))).to_dict()["dilemma"]
    assert doc["is_dilemma"] is True
    assert doc["by_kind"] == {
        "deficient_equilibrium": {"holds": None, "conditions": ["c <= d + o"]},
        "social_dilemma": {"holds": True, "conditions": []},
        "deficient_mixed_equilibrium": {"holds": None, "conditions": ["d + o < c"]},
    }
    for kind in doc["kinds"]:
        assert doc["by_kind"][kind]["holds"] is True or doc["by_kind"][kind]["conditions"]
    assert "deficient_mixed_equilibrium" not in doc["kinds"]
    assert "no outcome gives every player more" not in doc["explanation"].lower()
