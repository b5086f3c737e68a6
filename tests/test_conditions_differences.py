"""Difference constraints in the conditions engine (issue 11, defect 11: a fully symbolic 3x3 game
in 30 s).

The regions of a case analysis on payoff differences are conjunctions of rows ``x - y + k``; the
engine decides them by shortest paths (:mod:`gametheory.conditions.differences`) instead of a
simplex per question. These tests check that the shortcut gives the linear program's answers
exactly, that simplification gives the same conditions with and without it, and that the Pareto
analysis of a symbolic game solves no simplex at all: if it ever does again (the 3x3 game then
took 87 s of CPU time), the count test fails. Time itself is measured in bench/, not here.
"""

from __future__ import annotations

import importlib
import pkgutil
import random
from fractions import Fraction

import pytest
import sympy as sp

from gametheory import conditions as cnd
from gametheory.analysis.pareto import is_pareto_efficient
from gametheory.conditions import context as context_module
from gametheory.conditions import core, differences, linear, queries
from gametheory.equilibria import equilibria
from gametheory.games import Game

X = sp.symbols("x0:5", real=True)


def _clear_caches() -> None:
    """Forget every remembered answer of the engine, so that a count or a comparison starts afresh."""
    for info in pkgutil.iter_modules(cnd.__path__):
        module = importlib.import_module(f"gametheory.conditions.{info.name}")
        for value in vars(module).values():
            if callable(getattr(value, "cache_clear", None)):
                value.cache_clear()


def _form(rng: random.Random):
    """A random linear form: a constant, a bound ``c*x + k`` or a difference ``c*(x - y) + k``."""
    k = Fraction(rng.choice([0, 0, 0, 1, -1, 2, -3]), rng.choice([1, 1, 2, 3]))
    r = rng.random()
    if r < 0.15:
        return (), k
    if r < 0.4:
        return ((rng.choice(X), Fraction(rng.choice([1, -1, 2, -3]), rng.choice([1, 2]))),), k
    s, t = sorted(rng.sample(X, 2), key=lambda v: v.name)
    c = Fraction(rng.choice([1, -1, 2, -1]), rng.choice([1, 1, 3]))
    return ((s, c), (t, -c)), k


def _lp_feasible(rows, nes, variables) -> bool:
    """The linear program's answer, as the engine asks it without the shortcut."""
    p = linear._lp_point(rows, variables)
    if p is None:
        return False
    for h in nes:
        if linear._lin_eval(h, p) == 0 and linear._lp_point(rows + [(h, ">")], variables) is None \
                and linear._lp_point(rows + [(linear._lin_neg(h), ">")], variables) is None:
            return False
    return True


def test_difference_feasibility_is_the_linear_programs_answer():
    rng = random.Random(11)
    answers = set()
    for _ in range(3000):
        rows = [(_form(rng), rng.choice([">", ">=", ">=", "=="])) for _ in range(rng.randint(0, 7))]
        nes = [_form(rng) for _ in range(rng.choice([0, 0, 1, 2]))]
        variables = sorted({s for f, _k in rows for s, _c in f[0]} | {s for f in nes for s, _c in f[0]},
                           key=lambda v: v.name)
        expected = _lp_feasible(rows, nes, variables)
        assert differences._difference_feasible(rows, nes) is expected, (rows, nes)
        answers.add(expected)
        applies, point = differences._difference_point(rows, variables)
        assert applies
        assert (point is None) == (linear._lp_point(rows, variables) is None), rows
        if point is not None:
            assert set(point) == set(variables)
            for form, kind in rows:
                value = linear._lin_eval(form, point)
                assert value > 0 if kind == ">" else value >= 0 if kind == ">=" else value == 0, (rows, point)
    assert answers == {True, False}


def test_rows_that_are_no_differences_are_left_to_the_linear_program():
    x, y, z = X[:3]
    three = (((x, Fraction(1)), (y, Fraction(1)), (z, Fraction(-1))), Fraction(0))
    unequal = (((x, Fraction(1)), (y, Fraction(-2))), Fraction(0))
    assert differences._difference_feasible([(three, ">")], []) is None
    assert differences._difference_feasible([(unequal, ">")], []) is None
    assert differences._difference_point([(unequal, ">=")], [x, y]) == (False, None)


def _relation(rng: random.Random):
    a, b = rng.sample(X, 2)
    k = rng.choice([0, 0, 0, 1, -2])
    rhs = b + k if rng.random() < 0.8 else sp.Integer(k)
    return rng.choice([sp.Gt, sp.Ge, sp.Lt, sp.Le, sp.Eq, sp.Ne, sp.Ge])(a, rhs)


def _without_shortcut(monkeypatch) -> None:
    monkeypatch.setattr(core, "_differences", lambda ctx, linear: None)
    monkeypatch.setattr(context_module, "_difference_feasible", lambda rows, nes: None)
    monkeypatch.setattr(context_module, "_difference_point", lambda rows, variables: (False, None))
    monkeypatch.setattr(queries, "_difference_sign", lambda expr, assumptions: None)


def test_simplify_decide_and_sign_give_the_same_answers_with_and_without_shortest_paths(monkeypatch):
    rng = random.Random(2026)
    cases = []
    for _ in range(120):
        assumptions = tuple(_relation(rng) for _ in range(rng.choice([0, 1, 2])))
        if rng.random() < 0.2:  # a nonlinear assumption: the shortcut must stand aside
            assumptions += (X[0] * X[1] > 1,)
        conds = tuple(_relation(rng) for _ in range(rng.randint(2, 6)))
        cases.append((conds, assumptions))
    expressions = [X[0] - X[1], X[2] - X[0] + 1, 2 * X[3] - 2 * X[4], X[1], X[0] + X[1]]
    _clear_caches()
    fast = [cnd.simplify(c, a) for c, a in cases]
    decided = [cnd.decide(sp.And(*c), a) for c, a in cases]
    signs = [[cnd.sign(e, c + a) for e in expressions] for c, a in cases]
    with monkeypatch.context() as m:
        _without_shortcut(m)
        _clear_caches()
        slow = [cnd.simplify(c, a) for c, a in cases]
        decided_slow = [cnd.decide(sp.And(*c), a) for c, a in cases]
        signs_slow = [[cnd.sign(e, c + a) for e in expressions] for c, a in cases]
    _clear_caches()
    assert fast == slow
    assert decided == decided_slow
    assert signs == signs_slow
    assert {s for row in signs for s in row} >= {"+", "-", "?", "0", ">=0", "<=0"}
    assert any(r is None for r in fast) and any(r and len(r) < len(c) for r, (c, _a) in zip(fast, cases))


def _symbolic(rows: int, cols: int) -> Game:
    a = sp.symbols(f"a1:{rows * cols + 1}", real=True)
    b = sp.symbols(f"b1:{rows * cols + 1}", real=True)
    return Game.from_arrays([
        [[a[cols * i + j] for j in range(cols)] for i in range(rows)],
        [[b[cols * i + j] for j in range(cols)] for i in range(rows)],
    ])


@pytest.fixture
def simplex_calls(monkeypatch):
    """How often the engine's simplex runs (every linear program goes through ``_solve_int``)."""
    calls = []
    solve = linear._solve_int

    def counted(rows, k):
        calls.append(len(rows))
        return solve(rows, k)

    monkeypatch.setattr(linear, "_solve_int", counted)
    _clear_caches()
    yield calls
    _clear_caches()


def test_pareto_regions_of_a_symbolic_game_solve_no_simplex(simplex_calls):
    """The pure equilibria of a fully symbolic 2x3 game: the case analysis of their Pareto
    efficiency visits hundreds of regions, each a conjunction of payoff differences."""
    game = _symbolic(2, 3)
    pure = [eq for eq in equilibria(game).equilibria if eq.profile.is_pure]
    assert len(pure) == 6
    simplex_calls.clear()  # (finding the equilibria may solve some)
    simplified = []
    count = queries._simplify_cached.cache_info
    for eq in pure:
        verdict = is_pareto_efficient(game, eq)
        assert verdict.value is None  # efficient exactly where no outcome dominates it
        simplified.append(count().misses)
    assert simplified[-1] > 200  # many regions were simplified ...
    assert simplex_calls == []  # ... and not one linear program was solved


def test_the_shortcut_is_used_where_it_applies_and_only_there(simplex_calls):
    p, q = sp.symbols("p q", real=True)
    # differences under differences: no simplex
    assert [str(c) for c in cnd.simplify([p > q, q > 0, p > 0], [p < 1])] == ["0 < q", "q < p"]
    assert simplex_calls == []
    # a row with three variables is the linear program's
    assert cnd.simplify([p + q > X[0], X[0] > 0, p > 0, q > 0], []) is not None
    assert simplex_calls
