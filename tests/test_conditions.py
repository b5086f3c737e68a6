"""Tests of the conditions engine (gametheory.conditions).

Literature cases with exact expectations, edge cases of the linear programming
(strict inequalities, equalities, Ne), and property tests that check every
True/False answer against exhaustive evaluation on a rational grid.
"""

from __future__ import annotations

import itertools
import time
from fractions import Fraction

import pytest
import sympy as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sympy.parsing.sympy_parser import parse_expr

from gametheory import conditions as cnd
from gametheory.conditions import (
    Decision,
    canonical,
    conflicting,
    consistent,
    decide,
    implies,
    sign,
    sign_regions,
    simplify,
    to_str,
)
from gametheory.errors import TimeLimitError
from gametheory.limits import deadline

T, R, P, S = sp.symbols("T R P S", real=True)
V, C = sp.symbols("V C", real=True)
A, B, E = sp.symbols("A B E", real=True)
x, y, z = sp.symbols("x y z", real=True)
a, b, c, d, g, N = sp.symbols("a b c d g N", real=True)

PD = [R < T, P < R, S < P]  # T > R > P > S
HAWK_DOVE = [0 < V, V < C]
ALLIANCE = [B > 0, E > 0, A > 0]
STAG_HUNT = [T < R, P < T, S < P]  # R > T > P > S


def parse(text: str):
    """Parse our own output back, with the same real symbols."""
    names = {s.name: s for s in (T, R, P, S, V, C, A, B, E, x, y, z, a, b, c, d, g, N)}
    return parse_expr(text, local_dict=names)


# ----------------------------------------------------------------------------
# literature cases


@pytest.mark.parametrize(
    "relation, value",
    [
        (T - R > 0, True),  # greed
        (P - S > 0, True),  # fear
        (R - P > 0, True),  # mutual cooperation beats mutual defection
        (T - P > 0, True),  # transitivity through the LP
        (R - S > 0, True),
        (S - T > 0, False),
        (T - R >= 0, True),
        (sp.Eq(T, R), False),
        (sp.Ne(T, S), True),
    ],
)
def test_prisoners_dilemma(relation, value):
    assert decide(relation, PD) == Decision(value)


def test_prisoners_dilemma_knife_edge_depends():
    d = decide(T + S - 2 * R > 0, PD)
    assert d.value is None
    assert d.conditions == (sp.StrictLessThan(2 * R, S + T),)
    assert to_str(d.conditions[0]) == "2*R < S + T"
    # the same relation written differently gives the same canonical condition
    assert decide(2 * R < T + S, PD) == d
    assert decide(R < (T + S) / 2, PD) == d


@pytest.mark.parametrize(
    "relation",
    [V / C < 1, (V - C) / 2 < 0, V / C > 0, 1 - V / C > 0, V / C <= 1, (C - V) / (2 * C) > 0],
)
def test_hawk_dove_true(relation):
    assert decide(relation, HAWK_DOVE) == Decision(True)


def test_hawk_dove_signs():
    assert sign(-V / C**2, HAWK_DOVE) == "-"  # d(V/C)/dC
    assert sign(1 / C, HAWK_DOVE) == "+"
    assert sign((V - C) / 2, HAWK_DOVE) == "-"
    assert sign(V / C - 1, HAWK_DOVE) == "-"


def test_alliance_game_regions():
    d = decide(B - E > 0, ALLIANCE)
    assert d.value is None
    assert d.conditions == (sp.StrictLessThan(E, B),)
    assert sign_regions(B - E, ALLIANCE) == (
        (sp.StrictLessThan(E, B),),
        (sp.Eq(B, E),),
        (sp.StrictLessThan(B, E),),
    )
    assert sign(B - E, ALLIANCE) == "?"
    # fear E + A > 0 always
    assert decide(E + A > 0, ALLIANCE) == Decision(True)


def test_stag_hunt_mixed_probability_is_a_probability():
    p = (P - S) / ((R - T) + (P - S))
    assert decide(p > 0, STAG_HUNT).value is True
    assert decide(p < 1, STAG_HUNT).value is True
    assert decide(sp.And(p > 0, p < 1), STAG_HUNT).value is True
    assert sign(p, STAG_HUNT) == "+"
    assert sign(p - 1, STAG_HUNT) == "-"


def test_volunteers_dilemma_probability():
    assume = [b > c, c > 0, N >= 2]
    q = (c / b) ** (1 / (N - 1))
    assert decide(q > 0, assume).value is True
    assert decide(q < 1, assume).value is True
    assert decide(1 - q > 0, assume).value is True  # the volunteering probability
    assert sign(q, assume) == "+"


def test_primary_alliance_dilemma_depends():
    relation = d * (N - 1) - g > 0
    dec = decide(relation, [d > 0, g > 0, N >= 2])
    assert dec.value is None
    assert dec.conditions == (sp.StrictLessThan(g, d * (N - 1)),)
    # the condition is equivalent to the relation
    cond = dec.conditions[0]
    for vals in [(1, 1, 2), (1, 3, 2), (2, 3, 3), (Fraction(1, 2), 5, 7)]:
        sub = dict(zip((d, g, N), map(sp.Rational, vals)))
        assert bool(cond.subs(sub)) == bool(relation.subs(sub))
    assert decide(relation, [d > 0, g > 0, N >= 2, g < d]).value is True


def test_repeated_pd_threshold_in_unit_interval():
    delta = (T - R) / (T - P)
    assert decide(sp.And(delta > 0, delta < 1), PD).value is True


# ----------------------------------------------------------------------------
# nonlinear


@pytest.mark.parametrize(
    "relation, assumptions, value",
    [
        (x**2 + 1 > 0, [], True),
        (x**2 >= 0, [], True),
        (-(x**2) - 1 >= 0, [], False),
        (x * y > 0, [x > 0, y > 0], True),
        (x * y < 0, [x > 0, y < 0], True),
        (x * y / z > 0, [x > 0, y < 0, z < 0], True),
        ((x - 1) * (x - 3) < 0, [1 < x, x < 3], True),
        ((x - y) ** 2 > 0, [x > y], True),
        (sp.exp(x) > 0, [], True),
        (sp.exp(x) - 1 > 0, [x > 0], True),
        (sp.exp(x) < sp.exp(y), [x < y], True),
        (sp.log(x) > 0, [x > 1], True),
        (sp.log(x) < 0, [0 < x, x < 1], True),
        (sp.sqrt(x) > 0, [x > 0], True),
        (sp.sqrt(x) + 1 > 0, [x >= 0], True),
        (sp.sqrt(x) > 2, [x > 4], True),
        (sp.Abs(x) + 1 > 0, [], True),
        (sp.Abs(x - y) > 0, [x > y], True),
        (sp.Min(x, y) > 0, [x > 0, y > 1], True),
        (sp.Max(x, y) > 0, [x > 0], True),
        (sp.Min(x, y) < 0, [x < 0], True),
        (sp.Max(x, 1) > 0, [], True),
        (x**3 > 8, [x > 2], True),
        (x**3 > 8, [x < 2], False),
        (y * (sp.exp(x) - 1) > 0, [y > 0, x > 0], True),
    ],
)
def test_nonlinear_decided(relation, assumptions, value):
    assert decide(relation, assumptions) == Decision(value)


@pytest.mark.parametrize(
    "relation, assumptions, expected",
    [
        ((x - 1) * (y - 1) > 0, [x > 2], ("1 < y",)),
        (sp.Eq((x - 1) * (y - 1), 0), [x > 2], ("Eq(y, 1)",)),
        (sp.Ne((x - 1) * (y - 1), 0), [], ("Ne(x, 1)", "Ne(y, 1)")),
        ((x - 1) ** 2 * (y - 1) > 0, [], ("1 < y", "Ne(x, 1)")),
        (-((x - 1) ** 2) * y >= 0, [y > 0], ("Eq(x, 1)",)),
        (sp.Min(x, y) > 0, [x > 0], ("0 < y",)),
        (sp.exp(x) > 1, [], ("0 < x",)),
        (x * (B - E) > 0, [x > 0] + ALLIANCE, ("E < B",)),
        ((B - E) / A > 0, ALLIANCE, ("E < B",)),
        (x > 0, [sp.Eq(x**2, 1)], ("0 < x",)),
    ],
)
def test_nonlinear_conditions(relation, assumptions, expected):
    d = decide(relation, assumptions)
    assert d.value is None
    assert tuple(to_str(c) for c in d.conditions) == expected


def test_polynomials_on_ordered_parameters():
    """Certificates on a simplicial cone (substituting the gaps of an ordering)."""
    assert decide(T * R - P * S > 0, PD + [S > 0]).value is True
    assert decide(T * R - P * S > 0, PD).value is None  # T=1, R=0, P=-1, S=-2: 0 - 2 < 0
    assert decide(T**2 - R**2 > 0, [R < T, R > 0]).value is True
    assert decide(x * y > 0, [x > 1, y > x]).value is True
    assert decide(x * y - x + y**2 > 0, [x < 0, y < 0]).value is True
    assert decide(x * y + x - y**2 < 0, [x < 0, y < 0]).value is None  # x = -100, y = -2: 96 > 0


def test_conditions_have_no_denominators():
    """n/d > 0 is shown as n*d > 0: the same where defined, and safe to evaluate anywhere."""
    u = (x - 2 * y) / (x - y)
    assume = [x > 0, y > 0]
    assert decide(u > 0, assume).conditions == (sp.StrictLessThan(0, (x - 2 * y) * (x - y)),)
    assert decide(u >= 0, assume).conditions == (
        sp.LessThan(0, (x - 2 * y) * (x - y)),
        sp.Ne(x, y),
    )
    assert decide(sp.Eq(u, 0), assume).conditions == (sp.Eq(x, 2 * y),)
    # jointly with a linear condition the nonlinear one becomes linear
    assert simplify([u > 0, y < x], assume) == (sp.StrictLessThan(2 * y, x),)
    assert simplify([u > 0, x < y], assume) == (sp.StrictLessThan(x, y),)


def test_nonlinear_undecidable_is_kept_not_guessed():
    d = decide(x * y - 1 > 0, [x > 0])
    assert d.value is None
    assert d.conditions == (sp.StrictLessThan(1, x * y),)
    d = decide(sp.sin(x) > 0)
    assert d.value is None


def test_nonlinear_assumptions_are_used():
    assert decide(V < C, [C > 0, V / C < 1]).value is True
    assert decide(x * y > 0, [x * y > 1]).value is True
    assert decide(x * y < 0, [x * y > 1]).value is False
    assert not consistent([C > 0, V / C < 1, V > C])
    # a nonlinear assumption that splits into several linear ones
    assert decide(y > 1, [(x - 1) ** 2 * (y - 1) > 0]).value is True
    assert decide(sp.Ne(x, 1), [(x - 1) ** 2 * (y - 1) > 0]).value is True
    assert not consistent([(x - 1) ** 2 * (y - 1) > 0, y < 1])
    assert decide(sp.Eq(x, 1), [-((x - 1) ** 2) * (y**2 + 1) >= 0]).value is True
    assert not consistent([(x + 1) ** 2 - x**2 - 2 * x < 0])  # 1 < 0


# ----------------------------------------------------------------------------
# equalities and Ne among the assumptions


def test_equalities_are_substituted():
    assert decide(x - y > 0, [sp.Eq(x, y)]).value is False
    assert decide(x >= y, [sp.Eq(x, y)]).value is True
    assert decide(sp.Eq(x, y), [sp.Eq(x, y)]).value is True
    assert decide(x - y > 0, [sp.Eq(x, 2 * y), y > 0]).value is True
    assert decide(x > 0, [sp.Eq(x, y * z), y > 0, z > 0]).value is True
    assert decide(T - R > 0, [sp.Eq(T, R + 1)]).value is True
    assert decide(1 / (x - y) > 0, [sp.Eq(x, y)]).value is False  # undefined everywhere
    assert not consistent([sp.Eq(x, 1), sp.Eq(x, 2)])
    assert not consistent([sp.Eq(x, y), x > y])
    assert consistent([sp.Eq(x, y), x >= y])


def test_ne_assumptions():
    assert decide(x > 0, [x >= 0, sp.Ne(x, 0)]).value is True
    assert sign(x, [sp.Ne(x, 0)]) == "!=0"
    assert not consistent([x >= 0, x <= 0, sp.Ne(x, 0)])
    assert consistent([x >= 0, sp.Ne(x, 0)])
    # a convex set minus a hyperplane: zero is not reachable although both signs are
    assert decide(sp.Eq(x, 0), [sp.Ne(x, 0)]).value is False
    assert decide(sp.Eq(x - y, 0), [sp.Ne(x, y), x > 0]).value is False


# ----------------------------------------------------------------------------
# simplify, consistent, conflicting, implies


def test_simplify_contradictions_and_implied():
    assert simplify([x > 1, x < 0]) is None
    assert simplify([x > 1, x < 1]) is None
    assert simplify([x >= 1, x <= 1]) == (sp.Eq(x, 1),)  # equal bounds are an equality (issue 11, 14)
    assert simplify([E < B], [B > 0, E > 0]) == (sp.StrictLessThan(E, B),)
    assert simplify([B > 0], [B > 0]) == ()
    assert simplify([B - E > 0, E - B < 0, 2 * B > 2 * E], ALLIANCE) == (sp.StrictLessThan(E, B),)
    assert simplify([x > 1, x > 0, y < 2, 2 * y < 4]) == (
        sp.StrictLessThan(1, x),
        sp.StrictLessThan(y, 2),
    )
    assert simplify([T > R], [R > T]) is None
    assert simplify([T + S > 2 * R, T < R], [P < R, S < P]) is None
    assert simplify([V / C < 1, V > 0], [C > 0]) == (
        sp.StrictLessThan(0, V),
        sp.StrictLessThan(V, C),
    )
    assert simplify([True, x > 0]) == (sp.StrictLessThan(0, x),)
    assert simplify([False]) is None
    assert simplify([]) == ()
    assert simplify([x > 0], [x > 1, x < 0]) is None  # inconsistent assumptions


def test_simplify_is_deterministic_and_sorted():
    conds = [y < 2, x > 1, z > x]
    first = simplify(conds)
    assert first == simplify(list(reversed(conds)))
    assert [to_str(c) for c in first] == sorted(to_str(c) for c in first)


def test_consistent_and_conflicting():
    assert not consistent([T > R, R > T])
    assert set(conflicting([T > R, R > T])) == {T > R, R > T}
    assert set(conflicting([x > 0, T > R, y > 1, R > T])) == {T > R, R > T}
    assert conflicting(PD) == ()
    assert consistent(PD)
    assert consistent([])
    # a cycle of strict inequalities: infeasible though every pair is fine
    cycle = [x < y, y < z, z < x]
    assert not consistent(cycle)
    assert set(conflicting(cycle + [a > 0])) == set(cycle)
    # closure feasible (x = y = z) but the strict system is not
    assert consistent([x <= y, y <= z, z <= x])
    assert not consistent([x <= y, y <= z, z < x])


def test_implies():
    assert implies(PD, T > P)
    assert not implies(PD, T + S > 2 * R)
    assert not implies([x > 1, x < 0], x > 5)  # inconsistent assumptions imply nothing here
    assert implies([x > 1], x >= 1)


def test_inconsistent_assumptions_conventions():
    bad = [x > 1, x < 0]
    assert decide(y > 0, bad) == Decision(False)
    assert sign(y, bad) == "?"
    assert sign_regions(y, bad) == (None, None, None)


def test_boolean_relations():
    assert decide(True) == Decision(True)
    assert decide(sp.false) == Decision(False)
    assert decide(sp.And(x > 1, x < 0)).value is False
    assert decide(sp.And(x > 1, y < 0), [y < -1]) == Decision(None, (sp.StrictLessThan(1, x),))
    assert decide(sp.Or(x > 1, x < 2)).value is None
    assert decide(sp.Or(x > 1, y > 0), [x > 2]).value is True
    assert decide(sp.Not(x > 1), [x < 0]).value is True
    with pytest.raises(TypeError):
        decide(x + 1)
    with pytest.raises(TypeError):
        bool(decide(x > 0))


# ----------------------------------------------------------------------------
# sign and sign_regions


@pytest.mark.parametrize(
    "expr, assumptions, expected",
    [
        (x**2, [], ">=0"),
        (-(x**2) - 1, [], "-"),
        (x - y, [x > y], "+"),
        (x - y, [x >= y], ">=0"),
        (x - y, [x <= y], "<=0"),
        (x, [sp.Ne(x, 0)], "!=0"),
        (x * y, [], "?"),
        (sp.Integer(0), [], "0"),
        (sp.Integer(3), [], "+"),
        (T - P, PD, "+"),
        (S - R, PD, "-"),
        (x - y, [sp.Eq(x, y)], "0"),
    ],
)
def test_sign(expr, assumptions, expected):
    assert sign(expr, assumptions) == expected


def test_sign_regions_shapes():
    assert sign_regions(x, [x >= 0]) == ((sp.StrictLessThan(0, x),), (sp.Eq(x, 0),), None)
    assert sign_regions(x**2 + 1) == ((), None, None)
    assert sign_regions(T - P, PD) == ((), None, None)
    assert sign_regions(sp.Integer(0)) == (None, (), None)


# ----------------------------------------------------------------------------
# canonical and to_str


@pytest.mark.parametrize(
    "relation, text",
    [
        (B - E > 0, "E < B"),
        (E - B < 0, "E < B"),
        (2 * B > 2 * E, "E < B"),
        (T + S - 2 * R > 0, "2*R < S + T"),
        (x / 2 - y / 3 > 1, "2*y + 6 < 3*x"),
        (x - 1 >= 0, "1 <= x"),
        (x > 0, "0 < x"),
        (-x - y > 0, "x + y < 0"),
        (sp.Eq(2 * x, 4 * y), "Eq(x, 2*y)"),
        (sp.Eq(E - B, 0), "Eq(B, E)"),
        (sp.Eq(B - E, 0), "Eq(B, E)"),
        (sp.Ne(1, x), "Ne(x, 1)"),
        (V / C < 1, "V/C < 1"),
        (d * (N - 1) - g > 0, "g < d*(N - 1)"),
    ],
)
def test_canonical(relation, text):
    assert to_str(canonical(relation)) == text


def test_to_str_round_trips():
    exprs = [
        (P - S) / (P - R - S + T),
        canonical(T + S - 2 * R > 0),
        sp.Eq(B, E),
        sp.Ne(x, 2 * y),
        (c / b) ** (1 / (N - 1)),
        sp.sqrt(x) + sp.exp(y) - sp.log(z),
        sp.Min(x, y) + sp.Max(x, 1) + sp.Abs(y),
        sp.Rational(1, 3) * x,
    ]
    for e in exprs:
        text = to_str(e)
        assert parse(text) == e, text
    assert to_str((P - S) / (P - R - S + T)) == "(P - S)/(P - R - S + T)"


def test_abs_min_max_resolved_and_split():
    assert decide(sp.Abs(x) > 1, [x > 0]).conditions == (sp.StrictLessThan(1, x),)
    assert decide(sp.Max(x, y) - y > 0, [x > y]).value is True
    assert decide(sp.Min(x, 2) > 1).conditions == (sp.StrictLessThan(1, x),)
    assert sign_regions(sp.exp(x) - 1) == (
        (sp.StrictLessThan(0, x),),
        (sp.Eq(x, 0),),
        (sp.StrictLessThan(x, 0),),
    )
    d = decide(sp.Piecewise((x, x > 0), (0, True)) > 0)  # not understood: kept
    assert d.value is None and len(d.conditions) == 1


def test_canonical_of_booleans_and_assumption_sets():
    both = sp.And(sp.StrictLessThan(1, x), sp.StrictLessThan(y, 2 * x))
    assert canonical(sp.And(x - 1 > 0, y < 2 * x)) == both
    assert canonical(sp.Not(x > 1)) == sp.LessThan(x, 1)
    assert canonical(True) is sp.true
    assert decide(x > 0, {x > 1, y > 0}).value is True
    assert simplify({x > 1, x > 2}) == (sp.StrictLessThan(2, x),)


def test_decision_str():
    assert str(decide(T > P, PD)) == "always"
    assert str(decide(T < P, PD)) == "never"
    assert str(decide(T + S > 2 * R, PD)) == "when 2*R < S + T"


# ----------------------------------------------------------------------------
# the linear programming itself


def test_strict_inequalities_are_exact():
    # the closure allows T = R, the strict system does not
    assert decide(T - R > 0, [R < T]).value is True
    assert decide(T - R > 0, [R <= T]).value is None
    assert decide(x > 0, [x > 0, x < sp.Rational(1, 10**12)]).value is True
    assert decide(x < 1, [x > 0, 2 * x < 2]).value is True
    assert decide(x + y > 0, [x > 0, y >= 0]).value is True
    assert decide(x + y > 0, [x >= 0, y >= 0]).value is None


def _fourier_motzkin(constraints, nvars):
    """Feasibility of ``a.x + c > 0`` / ``>= 0`` rows by Fourier-Motzkin elimination.

    An independent exact oracle (Schrijver 1986, sec. 12.2): eliminating a
    variable combines each row where it has a positive coefficient with each
    row where it has a negative one; the result is strict if either row is.
    """
    rows = [(list(map(Fraction, a)), Fraction(c), strict) for a, c, strict in constraints]
    for j in range(nvars):
        pos = [r for r in rows if r[0][j] > 0]
        neg = [r for r in rows if r[0][j] < 0]
        rows = [r for r in rows if r[0][j] == 0]
        for ap, cp, sp_ in pos:
            for an, cn, sn in neg:
                fp, fn = 1 / ap[j], -1 / an[j]
                rows.append(
                    ([fp * u + fn * v for u, v in zip(ap, an)], fp * cp + fn * cn, sp_ or sn)
                )
    return all(c > 0 if strict else c >= 0 for _a, c, strict in rows)


@settings(max_examples=150, deadline=None, derandomize=True)
@given(
    st.lists(
        st.tuples(st.lists(st.integers(-3, 3), min_size=4, max_size=4), st.sampled_from([">", ">=", "=="])),
        min_size=1,
        max_size=7,
    )
)
def test_simplex_agrees_with_fourier_motzkin(rows):
    """Our rational simplex agrees with Fourier-Motzkin elimination on random systems.

    (sympy.solvers.simplex is no oracle: in sympy 1.14 ``linprog`` accepts
    ``x <= 0, -x <= 0, x <= 1, -x <= -1`` with ``x = 1``, cf. sympy issue
    28089, and ``lpmax`` mishandles single-variable constraints.)
    """
    u, v, w = sp.symbols("u v w", real=True)
    forms, fm = [], []
    for coeffs, kind in rows:
        a, c = coeffs[:3], coeffs[3]
        form = cnd._lin(sp.expand(a[0] * u + a[1] * v + a[2] * w + c))
        if not form[0]:
            continue
        forms.append((form, kind))
        if kind == "==":
            fm += [(a, c, False), ([-k for k in a], -c, False)]
        else:
            fm.append((a, c, kind == ">"))
    ours = cnd._lp_point(forms, [u, v, w])
    assert (ours is not None) == _fourier_motzkin(fm, 3)
    if ours is not None:  # the witness is exact
        for form, kind in forms:
            val = cnd._lin_eval(form, ours)
            assert {">": val > 0, ">=": val >= 0, "==": val == 0}[kind]


# ----------------------------------------------------------------------------
# property tests against exhaustive evaluation on a grid
#
# Points are (x, y, z) = (i/2, j/2, k/2) for integers -8 <= i, j, k <= 8. A
# linear form with integer coefficients is evaluated as 2*form, an integer,
# whose sign is the form's sign.

_VARS = (x, y, z)
_GRID = list(itertools.product(range(-8, 9), repeat=3))
_OPS = {
    "<": lambda v: v < 0,
    "<=": lambda v: v <= 0,
    ">": lambda v: v > 0,
    ">=": lambda v: v >= 0,
    "==": lambda v: v == 0,
    "!=": lambda v: v != 0,
}
_REL = {
    "<": sp.StrictLessThan,
    "<=": sp.LessThan,
    ">": sp.StrictGreaterThan,
    ">=": sp.GreaterThan,
    "==": sp.Eq,
    "!=": sp.Ne,
}

coeff = st.integers(-3, 3)
linform = st.tuples(coeff, coeff, coeff, coeff)
assumption_op = st.sampled_from(["<", "<=", ">", ">=", "<", ">", "==", "!="])
relation_op = st.sampled_from(["<", "<=", ">", ">=", "==", "!="])


def _expr(form):
    return form[0] * x + form[1] * y + form[2] * z + form[3]


def _val2(form, pt):
    """Twice the form's value at the grid point ``pt`` (an integer)."""
    return form[0] * pt[0] + form[1] * pt[1] + form[2] * pt[2] + 2 * form[3]


def _grid_points(assumptions):
    return [pt for pt in _GRID if all(_OPS[op](_val2(f, pt)) for f, op in assumptions)]


def _build(assumptions):
    return [_REL[op](_expr(f), 0) for f, op in assumptions]


def _py(e) -> str:
    """Python source computing a rational sympy expression in Fractions."""
    if e.is_Symbol:
        return e.name
    if e.is_Integer:
        return str(int(e))
    if e.is_Rational:
        return f"F({int(e.p)}, {int(e.q)})"
    if e.is_Add:
        return "(" + " + ".join(_py(a) for a in e.args) + ")"
    if e.is_Mul:
        return "(" + " * ".join(_py(a) for a in e.args) + ")"
    if e.is_Pow and e.exp.is_Integer:
        return f"({_py(e.base)}) ** ({int(e.exp)})"
    raise ValueError(e)


def _compile(conditions):
    """A predicate on grid points (integers, twice the coordinates) for a conjunction."""
    half = {v: v / 2 for v in _VARS}
    parts = []
    for rel in conditions:
        e, op = cnd._split(rel)
        num, den = sp.fraction(sp.together(sp.expand(e.xreplace(half))))
        fn = eval(f"lambda x, y, z: ({_py(sp.expand(num))}) * ({_py(sp.expand(den))})", {"F": Fraction})
        parts.append((fn, op))

    def pred(pt):
        return all(_OPS[op](fn(*pt)) for fn, op in parts)

    return pred


@settings(max_examples=100, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(linform, assumption_op), max_size=4), linform, relation_op)
def test_linear_decisions_are_sound(assumptions, form, op):
    rels = _build(assumptions)
    if any(r is sp.false for r in rels):
        return
    relation = _REL[op](_expr(form), 0)
    d = decide(relation, rels)
    pts = _grid_points(assumptions)
    holds = [_OPS[op](_val2(form, p)) for p in pts]
    if d.value is True:
        assert all(holds)
    elif d.value is False:
        assert not any(holds)
    else:
        assert consistent(rels)
        assert d.conditions
        # the conditions are equivalent to the relation where the assumptions hold
        pred = _compile(d.conditions)
        assert all(pred(p) == h for p, h in zip(pts, holds))
    if pts:  # a witness: the assumptions hold somewhere
        assert consistent(rels)
        if any(holds):
            assert d.value is not False
        if not all(holds):
            assert d.value is not True
    elif not consistent(rels):
        assert d == Decision(False)


@settings(max_examples=80, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.tuples(linform, assumption_op), max_size=3),
    linform,
    linform,
    st.sampled_from(["*", "/"]),
    relation_op,
)
def test_product_and_quotient_decisions_are_sound(assumptions, f1, f2, kind, op):
    rels = _build(assumptions)
    if any(r is sp.false for r in rels):
        return
    e1, e2 = _expr(f1), _expr(f2)
    expr = e1 * e2 if kind == "*" else e1 / e2
    if expr.has(sp.zoo, sp.nan):
        return
    relation = _REL[op](expr, 0)
    if relation in (sp.true, sp.false):
        return
    d = decide(relation, rels)
    pred = _compile(d.conditions) if d.value is None else None
    for p in _grid_points(assumptions):
        v1, v2 = _val2(f1, p), _val2(f2, p)
        if kind == "/" and v2 == 0:
            continue
        h = _OPS[op](v1 * v2)  # the sign of v1/v2 is the sign of v1*v2
        if d.value is True:
            assert h, p
        elif d.value is False:
            assert not h, p
        else:
            assert pred(p) == h, (p, d)


@settings(max_examples=50, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(linform, assumption_op), max_size=4), linform)
def test_sign_is_sound(assumptions, form):
    rels = _build(assumptions)
    if any(r is sp.false for r in rels):
        return
    s = sign(_expr(form), rels)
    allowed = {
        "+": {1},
        "-": {-1},
        "0": {0},
        ">=0": {0, 1},
        "<=0": {-1, 0},
        "!=0": {-1, 1},
        "?": {-1, 0, 1},
    }[s]
    for p in _grid_points(assumptions):
        v = _val2(form, p)
        assert (v > 0) - (v < 0) in allowed


@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(linform, assumption_op), min_size=1, max_size=5))
def test_simplify_is_sound(conds):
    """simplify() keeps the set of points: None exactly when no grid point... is found."""
    rels = _build(conds)
    if any(r is sp.false for r in rels):
        return
    out = simplify(rels)
    pts = _grid_points(conds)
    if out is None:
        assert not pts
        return
    pred = _compile(out)
    for pt in _GRID:
        assert pred(pt) == all(_OPS[op](_val2(f, pt)) for f, op in conds)


def test_conflicting_is_irreducible():
    rels = [x + y > 2, x < 0, y < 1, z > 0, x - z > 5]
    core = conflicting(rels)
    assert core and not consistent(core)
    for i in range(len(core)):
        assert consistent(core[:i] + core[i + 1 :])


# ----------------------------------------------------------------------------
# time and speed


def test_time_limit_is_enforced():
    cnd._decide_cached.cache_clear()
    cnd._context.cache_clear()
    with deadline(0):
        time.sleep(0.001)
        with pytest.raises(TimeLimitError):
            decide(x * y - z > 0, [x + y > 1, y + z > 2, x - z < 3, sp.Ne(x, y)])


def test_speed_of_a_symbolic_game_worth_of_queries():
    """A few hundred queries, as a symbolic 3x3 game needs, take well under 5 s."""
    syms = sp.symbols("u0:18", real=True)
    assume = [syms[i] < syms[i + 1] for i in range(8)] + [s > 0 for s in syms[9:]]
    rels = []
    for i in range(9):
        for j in range(9):
            if i != j:
                rels.append(syms[i] - syms[j] > 0)
                rels.append(syms[i] + syms[9 + j] - syms[j] > 0)
    for i in range(3):
        for j in range(3):
            rels.append((syms[i] - syms[3 + j]) * (syms[9 + i] + syms[12 + j]) > 0)
            rels.append((syms[i] - syms[3 + j]) / (syms[9 + i] - syms[12 + j]) > 0)
    cnd._decide_cached.cache_clear()
    cnd._context.cache_clear()
    start = time.perf_counter()
    out = [decide(r, assume) for r in rels]
    elapsed = time.perf_counter() - start
    assert len(out) > 150
    assert elapsed < 5.0, elapsed
    assert out[0] == Decision(False)  # u0 < u1


# ----------------------------------------------------------------------------
# fuzzing with functions: no crash, and sound where the expression is defined

_LEAVES = st.sampled_from([x, y, x - y, x + 1, y - 2, sp.Integer(2), sp.Rational(1, 2), -x])


def _grow(children):
    unary = st.sampled_from([sp.exp, sp.Abs, lambda u: u**2, lambda u: u**3, lambda u: -u])
    binary = st.sampled_from(
        [lambda u, v: u + v, lambda u, v: u - v, lambda u, v: u * v, sp.Min, sp.Max]
    )
    return st.one_of(
        st.builds(lambda f, u: f(u), unary, children),
        st.builds(lambda f, u, v: f(u, v), binary, children, children),
        st.builds(lambda u: sp.sqrt(u**2 + 1), children),
        st.builds(lambda u: sp.log(u**2 + 1), children),
    )


_EXPRS = st.recursive(_LEAVES, _grow, max_leaves=5)
_POINTS = [(sp.Rational(i, 2), sp.Rational(j, 2)) for i in range(-5, 6, 2) for j in range(-6, 7, 3)]


@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(_EXPRS, st.sampled_from([[], [x > 0], [x > y], [x > 0, y < 0], [y > 1, x < y]]), relation_op)
def test_functions_are_sound(expr, assumptions, op):
    relation = _REL[op](expr, 0)
    if relation in (sp.true, sp.false):
        return
    d = decide(relation, assumptions)
    assert d.value in (True, False, None)
    if d.value is None:
        assert d.conditions
        return
    for px, py in _POINTS:
        sub = {x: px, y: py}
        if not all(bool(a.subs(sub)) for a in assumptions):
            continue
        value = expr.subs(sub)
        truth = _REL[op](value, 0)
        assert truth in (sp.true, sp.false), (value, op)
        assert bool(truth) is d.value, (expr, assumptions, op, px, py)
