"""Continua of equilibria of dimension two and more in games with three or more players.

A player whose payoffs are all zero (a bystander) makes every mixture of its strategies a best
reply, so each equilibrium of the others' game spreads into a face of its simplex; when its
choice also changes the others' stakes, their probabilities become rational functions of its
mixture. Every listed vertex is checked with zero regret; points inside the reported polytopes
(random convex combinations of the vertices, in the parameters) are equilibria, points outside
are not; pygambit's ``enumpoly_solve`` (test-only oracle) finds only points that we list.
"""

from __future__ import annotations

import itertools
import random

import pytest
import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gametheory
from gametheory.equilibria import equilibria, regret
from gametheory.equilibria.polynomial import support_continua
from gametheory.games import Game

R = sympy.Rational


def bystander_game(a, b, stakes=None, m=3):
    """Players A and B play the 2x2 game ``a``, ``b`` (scaled by ``stakes[c]`` when C plays
    ``c``, if given); C has ``m`` strategies and payoffs all zero."""
    stakes = stakes or [1] * m
    A = [[[a[i][j] * stakes[c] for c in range(m)] for j in range(2)] for i in range(2)]
    B = [[[b[i][j] * stakes[c] for c in range(m)] for j in range(2)] for i in range(2)]
    return Game.from_arrays([A, B, [[[0] * m for _ in range(2)] for _ in range(2)]], title="bystander")


def curved_game():
    """A and B's stakes depend on C's choice in different ways: their probabilities are rational
    functions of C's mixture."""
    A = [[[1, 2, 3], [0, 0, 0]], [[0, 0, 0], [3, 1, 2]]]
    B = [[[0, 0, 0], [1, 1, 2]], [[2, 1, 1], [0, 0, 0]]]
    return Game.from_arrays([A, B, [[[0] * 3 for _ in range(2)] for _ in range(2)]], title="curved")


def _random_inside(continuum, rng):
    """A random convex combination of the continuum's vertices (parameter values)."""
    weights = [R(rng.randint(1, 20)) for _ in continuum.vertices]
    total = sum(weights)
    return tuple(sum(w * v[k] for w, v in zip(weights, continuum.vertices)) / total
                 for k in range(len(continuum.parameters)))


def _check_polytope(game, continuum, rng, samples=4):
    assert continuum.dimension is not None and continuum.vertices
    for v in continuum.vertices:
        assert continuum.contains(v)
        assert regret(game, continuum.profile(v)) == 0
    for _ in range(samples):
        x = _random_inside(continuum, rng)
        assert continuum.contains(x)
        profile = continuum.profile(x)
        assert all(0 <= p <= 1 for row in profile.probabilities for p in row)
        assert all(sum(row) == 1 for row in profile.probabilities)
        assert regret(game, profile) == 0


def test_a_bystander_spreads_matching_pennies_over_a_triangle():
    game = bystander_game([[1, 0], [0, 1]], [[0, 1], [1, 0]])
    result = equilibria(game)
    assert result.complete
    assert all(regret(game, e.profile) == 0 for e in result)
    # the three vertices of C's simplex, all in one component
    assert sorted(e.profile.probabilities[2] for e in result) == [(0, 0, 1), (0, 1, 0), (1, 0, 0)]
    assert len({e.component for e in result}) == 1
    (note,) = [n for n in result.notes if "dimension 2" in n]
    assert "polygon with vertices (0, 0), (0, 1), (1, 0)" in note and "t1 + t2 <= 1" in note
    (triangle,) = support_continua(game, [(0, 1), (0, 1), (0, 1, 2)])
    assert triangle.dimension == 2 and len(triangle.vertices) == 3
    assert triangle.probabilities[0] == (R(1, 2), R(1, 2)) and triangle.probabilities[1] == (R(1, 2), R(1, 2))
    _check_polytope(game, triangle, random.Random(1))
    assert not triangle.contains((R(3, 5), R(3, 5)))


def test_a_bystander_with_four_strategies_gives_a_tetrahedron():
    game = bystander_game([[3, 0], [0, 1]], [[1, 0], [0, 3]], m=4)
    result = equilibria(game)
    assert result.complete and len(result) == 12
    assert all(regret(game, e.profile) == 0 for e in result)
    # three tetrahedra (one per equilibrium of A and B's game); their faces, found on smaller
    # supports, lie in them and are not repeated, and each tetrahedron is one component
    assert sum("dimension 3" in n for n in result.notes) == 3 and len(result.notes) == 3
    assert len({e.component for e in result}) == 3
    pieces = support_continua(game, [(0, 1), (0, 1), (0, 1, 2, 3)])
    (tetrahedron,) = pieces
    assert tetrahedron.dimension == 3 and len(tetrahedron.vertices) == 4
    assert tetrahedron.probabilities[0] == (R(3, 4), R(1, 4))
    _check_polytope(game, tetrahedron, random.Random(2))


def test_rational_functions_of_the_bystanders_mixture():
    game = curved_game()
    result = equilibria(game)
    assert result.complete and len(result) == 3
    assert all(regret(game, e.profile) == 0 for e in result)
    (piece,) = support_continua(game, [(0, 1), (0, 1), (0, 1, 2)])
    assert piece.dimension == 2
    t1, t2 = piece.parameters
    assert sympy.simplify(piece.probabilities[0][0] - (t1 + t2 - 2) / (t1 - 3)) == 0
    _check_polytope(game, piece, random.Random(3), samples=6)
    # outside the triangle the formulas give no equilibrium (not even a profile)
    outside = piece.profile((R(3, 4), R(3, 4)))
    assert any(p < 0 for row in outside.probabilities for p in row)


def test_nau_continuum_with_a_bystander_is_a_curved_square():
    game = gametheory.load("docs/examples/nau-dummy.yaml")
    result = equilibria(game)
    assert result.complete and len(result) == 10
    assert all(regret(game, e.profile) == 0 for e in result)
    square = [n for n in result.notes if "x 3*t1/(t1 + 2)" in n]
    assert square and "vertices (0, 0), (0, 1), (1, 0), (1, 1)" in square[0]
    (piece,) = support_continua(game, [(0, 1)] * 4)
    assert piece.dimension == 2
    t1, t2 = piece.parameters
    assert piece.probabilities[2] == (R(1, 4), R(3, 4)) and piece.probabilities[3] == (1 - t2, t2)
    _check_polytope(game, piece, random.Random(4), samples=6)
    # (y, y, y, *) is a component apart; everything else is joined through the continua
    apart = {e.component for e in result if e.profile.probabilities[0] == (0, 1) and e.profile.probabilities[1] == (0, 1)}
    # the rectangles' edges are left out (they lie in the rectangles); the curved square's edges
    # are kept (its parametrisation is not affine, so containment is not decided)
    assert not any(n.startswith("a continuum of equilibria: A: x 1; B: y 1; C: x 1; D:") for n in result.notes)
    assert sum("x 3*t/(t + 2)" in n for n in result.notes) == 2
    rest = {e.component for e in result} - apart
    assert len(apart) == 1 and len(rest) == 1


def test_a_continuum_that_is_not_a_polytope_is_described_and_the_result_is_not_complete():
    rng = random.Random(5)
    A = [[[rng.randint(0, 9) for _ in range(3)] for _ in range(3)] for _ in range(2)]
    B = [[[rng.randint(0, 9) for _ in range(3)] for _ in range(3)] for _ in range(2)]
    game = Game.from_arrays([A, B, [[[0] * 3 for _ in range(3)] for _ in range(2)]])
    result = equilibria(game)
    assert not result.complete
    assert all(regret(game, e.profile) == 0 for e in result)
    described = [n for n in result.notes if "extreme points were not computed" in n]
    assert described
    (piece,) = support_continua(game, [(0, 1), (0,), (0, 1, 2)])
    assert piece.dimension is None and not piece.vertices
    # the description is exact: on a grid of parameter values, the points it admits are
    # equilibria and the others are not (they leave the simplex or let someone gain)
    admitted = 0
    for x in itertools.product([R(k, 12) for k in range(13)], repeat=2):
        profile = piece.profile(x)
        if piece.contains(x):
            admitted += 1
            assert regret(game, profile) == 0
        else:
            assert any(p < 0 for row in profile.probabilities for p in row) or regret(game, profile) > 0
    assert admitted > 0


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 10**6))
def test_random_bystander_games_list_verified_vertices_and_polytopes(seed):
    rng = random.Random(seed)
    a = [[rng.randint(0, 9) for _ in range(2)] for _ in range(2)]
    b = [[rng.randint(0, 9) for _ in range(2)] for _ in range(2)]
    stakes = [rng.randint(1, 4) for _ in range(3)] if rng.random() < 0.5 else None
    game = bystander_game(a, b, stakes)
    result = equilibria(game)
    assert all(regret(game, e.profile) == 0 for e in result)
    pieces = support_continua(game, [(0, 1), (0, 1), (0, 1, 2)]) or []
    for piece in pieces:
        if piece.dimension is not None:
            _check_polytope(game, piece, rng, samples=2)


@pytest.mark.gambit
@pytest.mark.parametrize("make", [
    lambda: bystander_game([[1, 0], [0, 1]], [[0, 1], [1, 0]]),
    lambda: bystander_game([[3, 0], [0, 1]], [[1, 0], [0, 3]], m=4),
    curved_game,
])
def test_every_gambit_point_is_one_we_list(make):
    """Gambit's enumpoly returns isolated points of these degenerate games (vertices of the
    continua); each is one of our listed equilibria. (On the four-player Nau game with a
    bystander, enumpoly_solve does not return within five minutes, so it is not used there.)"""
    gbt = pytest.importorskip("pygambit")
    import numpy as np

    game = make()
    ours = equilibria(game)
    assert ours.complete
    shape = game.shape
    arrays = [np.array([float(v) for v in np.array(game.payoffs[i].tolist(), dtype=object).flat]).reshape(shape)
              for i in range(len(shape))]
    theirs = gbt.nash.enumpoly_solve(gbt.Game.from_arrays(*arrays)).equilibria
    assert theirs
    mine = [[float(p) for row in e.profile.probabilities for p in row] for e in ours]
    for eq in theirs:
        vec = [float(eq[s]) for pl in eq.game.players for s in pl.strategies]
        assert any(max(abs(x - y) for x, y in zip(vec, m)) < 1e-9 for m in mine), (vec, mine)


def test_polytope_vertices_dimension_and_facets_exactly():
    from fractions import Fraction as F

    from gametheory.equilibria import _polytope as P

    box = [((F(1), F(0)), F(0)), ((F(-1), F(0)), F(1)), ((F(0), F(1)), F(0)), ((F(0), F(-1)), F(1))]
    cut = P.normalise((F(-2), F(-2)), F(3))  # x + y <= 3/2, scaled to a leading -1
    assert cut == ((F(-1), F(-1)), F(3, 2))
    corners = P.vertices(box + [cut], 2)
    assert corners == [(0, 0), (0, 1), (F(1, 2), 1), (1, 0), (1, F(1, 2))]
    assert P.dimension(corners) == 2
    assert set(P.facets(box + [cut], corners)) == set(box + [cut])
    # a redundant inequality is no facet; an empty polyhedron has no vertices
    assert ((F(-1), F(-1)), F(3)) not in P.facets(box + [cut, ((F(-1), F(-1)), F(3))], corners)
    assert P.vertices(box + [((F(1), F(1)), F(-3))], 2) == []
    # a segment in the plane: dimension 1
    assert P.dimension(P.vertices(box + [((F(0), F(1)), F(0)), ((F(0), F(-1)), F(0))], 2)) == 1


def test_markdown_report_lists_the_continua_as_notes():
    from pathlib import Path

    spec = Path(__file__).resolve().parent.parent / "docs" / "examples" / "nau-continuum.yaml"
    report = gametheory.solve(gametheory.load(str(spec)))
    markdown = report.markdown()
    assert report.equilibria.notes
    for note in report.equilibria.notes:
        assert f"- Note: {note}" in markdown
    assert "a continuum of equilibria" in markdown
