"""Mixed equilibria of small games with three or more players, from polynomial systems.

Conventions
-----------
* Players ``0 .. n-1``; a *support profile* gives each player a nonempty set ``S_i`` of
  strategies. Support profiles are visited by total size, then lexicographically; profiles in
  which every player has one strategy are the pure ones (:mod:`gametheory.equilibria.pure`).
* For a support profile, player ``i``'s probabilities are unknowns on ``S_i`` (the first one is
  ``1`` minus the others) and zero off it. A Nash equilibrium with exactly these supports solves
  the indifference system (each player's pure strategies in ``S_i`` pay the same against the
  others' mixes), a polynomial system with as many equations as unknowns, multilinear in the
  other players' probabilities (McKelvey and McLennan 1996, section 6; Porter, Nudelman and
  Shoham 2004). Every isolated real solution is kept under the conditions that its probabilities
  on the supports are positive and no strategy off a support pays more (decided by
  :mod:`gametheory.conditions`).
* Games with rational payoffs: the system is solved exactly through a lex Groebner basis in shape
  position (:func:`_solve_rational`); solutions are rationals, square roots, or polynomials in a
  :class:`sympy.CRootOf` (an exact real algebraic number). Such games also skip a support profile
  when one of its strategies is strictly dominated by another strategy against the others'
  supports (Porter et al.'s conditional dominance), which cannot change the answer.
* Games with parameters (or irrational numbers): :func:`sympy.solve`, interrupted at the deadline.
  The solutions are the generic ones: special parameter values where a system changes rank are
  not examined, so the result does not claim to be complete.
* Solution sets that are not finite (a continuum, only in degenerate games) are not listed, and
  the result then says it is not complete.

Limits: at most :data:`MAX_PLAYERS` players, :data:`MAX_STRATEGIES` strategies per player and
:data:`MAX_SUPPORTS` support profiles; beyond them :func:`mixed_equilibria` raises
:class:`~gametheory.errors.UnsupportedError`.
"""

from __future__ import annotations

import itertools

import sympy

from .. import limits
from ..errors import UnsupportedError
from ..games import Game, Profile
from ..conditions import Reasoner, number_sign
from .check import rational_payoffs, support_key
from .result import Equilibrium

__all__ = ["mixed_equilibria", "check_size", "MAX_PLAYERS", "MAX_STRATEGIES", "MAX_SUPPORTS"]

METHOD = "polynomial systems"

#: Most players for which mixed equilibria are computed from polynomial systems.
MAX_PLAYERS = 4
#: Most strategies per player.
MAX_STRATEGIES = 3
#: Most support profiles (the product over players of ``2**m_i - 1``).
MAX_SUPPORTS = 400

_ZERO = sympy.Integer(0)
_ONE = sympy.Integer(1)


def _count(game: Game) -> int:
    total = 1
    for m in game.shape:
        total *= 2 ** m - 1
    return total


def check_size(game: Game) -> str | None:
    """Why ``game`` is too large for the polynomial solver, or ``None`` if it is not."""
    if game.n_players > MAX_PLAYERS:
        return f"{game.n_players} players (at most {MAX_PLAYERS})"
    if max(game.shape) > MAX_STRATEGIES:
        return f"{max(game.shape)} strategies for one player (at most {MAX_STRATEGIES})"
    if _count(game) > MAX_SUPPORTS:
        return f"{_count(game)} support profiles (at most {MAX_SUPPORTS})"
    return None


def unsupported(game: Game, why: str) -> UnsupportedError:
    shape = "x".join(map(str, game.shape))
    return UnsupportedError(
        f"mixed equilibria of this {shape} game with {game.n_players} players are not supported: {why}. "
        "Try a smaller game (fewer players or strategies, e.g. after removing dominated strategies), "
        "or ask for pure equilibria only"
    )


def _supports(game: Game):
    per_player = [
        [c for size in range(1, m + 1) for c in itertools.combinations(range(m), size)] for m in game.shape
    ]
    profiles = [p for p in itertools.product(*per_player) if any(len(s) > 1 for s in p)]
    profiles.sort(key=lambda p: (sum(len(s) for s in p), p))
    return profiles


def _dominated_inside(game: Game, supports) -> bool:
    """True if some strategy in a support is strictly dominated by another strategy of the same
    player against every profile of the others' supports (numeric games only)."""
    n = game.n_players
    for i in range(n):
        others = [supports[j] if j != i else (None,) for j in range(n)]
        for k in supports[i]:
            for alt in range(game.shape[i]):
                if alt == k:
                    continue
                if all(
                    game.payoffs[i][o[:i] + (alt,) + o[i + 1:]] > game.payoffs[i][o[:i] + (k,) + o[i + 1:]]
                    for o in itertools.product(*others)
                ):
                    return True
    return False


def _pure_payoff(game: Game, i: int, k: int, probs) -> sympy.Expr:
    """Player ``i``'s expected payoff from pure ``k`` when the others play ``probs``."""
    n = game.n_players
    ranges = [[(s, p) for s, p in enumerate(probs[j]) if p != 0] if j != i else [(k, _ONE)] for j in range(n)]
    total = _ZERO
    for combo in itertools.product(*ranges):
        weight = _ONE
        for _, p in combo:
            weight *= p
        total += weight * game.payoffs[i][tuple(s for s, _ in combo)]
    return sympy.expand(total)


def _real(value):
    """``("real", v)`` for a real value ``v``, ``("complex", None)`` for a number that is not real,
    ``("unknown", None)`` for an expression in parameters written with ``I``."""
    if not value.has(sympy.I):
        return "real", value
    if value.free_symbols:
        return "unknown", None
    re, im = sympy.expand_complex(value).as_real_imag()
    return ("real", re) if number_sign(im) == "0" else ("complex", None)


def _shape_form(G, unknowns):
    """``(f, g)`` when the lex Groebner basis ``G`` is in *shape position*:
    ``{x_k - g_k(t) : k < n-1} + {f(t)}`` with ``t = unknowns[-1]`` (the shape lemma; Gianni and
    Mora 1989). ``g`` maps each other unknown to ``g_k``. ``None`` otherwise."""
    t = unknowns[-1]
    f, g = None, {}
    for p in G.exprs:
        free = p.free_symbols & set(unknowns)
        if free == {t}:
            if f is not None:
                return None
            f = sympy.Poly(p, t)
            continue
        lead = [x for x in unknowns[:-1] if x in free]
        if len(lead) != 1 or free - {lead[0], t}:
            return None
        x = lead[0]
        poly = sympy.Poly(p, x)
        if poly.degree() != 1 or x in g:
            return None
        a1, a0 = poly.all_coeffs()
        if a1.free_symbols:
            return None
        g[x] = sympy.Poly(sympy.expand(-a0 / a1), t)
    if f is None or set(g) != set(unknowns[:-1]):
        return None
    return f, g


def _solve_rational(equations, unknowns):
    """Every real solution of a polynomial system with rational coefficients, exactly.

    A lex Groebner basis (Buchberger 1965) puts a zero-dimensional radical system in shape
    position, after a linear change of coordinates if needed; the real roots of the univariate
    polynomial are found exactly (rationals, square roots, or :class:`sympy.CRootOf` for
    irreducible factors of degree three and more) and the other unknowns are polynomials in them,
    reduced modulo the root's minimal polynomial.

    Returns ``(solutions, exhaustive)``: a list of dicts, and False when the solution set could not
    be enumerated (positive-dimensional, or not in shape position even after a change of
    coordinates).
    """
    G = sympy.groebner(equations, *unknowns, order="lex")
    if G.exprs == [1]:
        return [], True
    if not G.is_zero_dimensional:
        return [], False
    shape = _shape_form(G, unknowns)
    t = unknowns[-1]
    if shape is None:
        t = sympy.Dummy("t")
        for c in range(1, 6):  # t = x_1 + c x_2 + c^2 x_3 + ...: generic for all but finitely many c
            limits.check("the polynomial systems of mixed equilibria")
            form = sum((c ** k * x for k, x in enumerate(unknowns)), _ZERO)
            G2 = sympy.groebner(list(equations) + [t - form], *unknowns, t, order="lex")
            shape = _shape_form(G2, list(unknowns) + [t])
            if shape is not None:
                break
        else:
            return [], False
    f, g = shape
    solutions = []
    for factor, _ in f.factor_list()[1]:
        for root in factor.real_roots():
            values = {}
            for x, gx in g.items():
                reduced = gx.rem(factor) if factor.degree() > 1 else gx
                values[x] = sympy.expand(reduced.as_expr().xreplace({t: root}))
            if t in unknowns:
                values[t] = root
            solutions.append((values, (factor, root)))
    return solutions, True


def _reduce(expr, algebraic):
    """``expr`` with powers of a :class:`sympy.CRootOf` ``r`` reduced modulo its minimal polynomial."""
    expr = sympy.expand(expr)
    if algebraic is None or algebraic[0].degree() <= 2 or expr.is_Rational:
        return expr
    factor, root = algebraic
    z = sympy.Dummy("z")
    poly = sympy.Poly(expr.xreplace({root: z}), z)
    if poly.free_symbols - {z}:
        return expr
    return sympy.expand(poly.rem(factor.replace(factor.gen, z)).as_expr().xreplace({z: root}))


def _solve_symbolic(equations, unknowns):
    """``sympy.solve`` for systems with parameters, interruptible at the deadline."""
    return _interruptible(lambda: sympy.solve(equations, unknowns, dict=True))


def _interruptible(work):
    return limits.interruptible(work, "the polynomial systems of mixed equilibria")


def mixed_equilibria(game: Game, reasoner: Reasoner) -> tuple[list[Equilibrium], list[str], bool]:
    """Equilibria of ``game`` in which some player mixes (see the module docstring).

    Returns
    -------
    entries : list of Equilibrium
        Ordered by :func:`gametheory.equilibria.check.support_key`.
    notes : list of str
        What was not examined.
    complete : bool
        False when a continuum or a solution that could not be examined was met.
    """
    why = check_size(game)
    if why is not None:
        raise unsupported(game, why)
    n = game.n_players
    rational = rational_payoffs(game)
    symbolic = bool(game.free_symbols)
    found: list[tuple[Profile, tuple, tuple]] = []
    continua = 0
    unexamined = 0
    for supports in _supports(game):
        limits.check("the polynomial systems of mixed equilibria")
        if rational and _dominated_inside(game, supports):
            continue
        unknowns = []
        probs = []
        for i, S in enumerate(supports):
            row = [_ZERO] * game.shape[i]
            rest = [sympy.Dummy(f"p{i}_{k}") for k in S[1:]]
            for k, q in zip(S[1:], rest):
                row[k] = q
            row[S[0]] = _ONE - sum(rest, _ZERO)
            unknowns.extend(rest)
            probs.append(row)
        pay = [[_pure_payoff(game, i, k, probs) for k in range(game.shape[i])] for i in range(n)]
        equations = [pay[i][k] - pay[i][S[0]] for i, S in enumerate(supports) for k in S[1:]]
        if any(e.is_number and e != 0 for e in equations):
            continue
        equations = [e for e in equations if e != 0]
        if not equations:
            solutions, exhaustive = [({}, None)], True
        elif rational:
            solutions, exhaustive = _solve_rational(equations, unknowns)
        else:
            solutions, exhaustive = [(d, None) for d in _solve_symbolic(equations, unknowns)], True
        if not exhaustive:
            continua += 1
        for solution, algebraic in solutions:
            limits.check("the polynomial systems of mixed equilibria")
            if any(q not in solution for q in unknowns) or any(
                v.free_symbols & set(unknowns) for v in solution.values()
            ):
                continua += 1
                continue
            kinds = {q: _real(solution[q]) for q in unknowns}
            if any(kind == "unknown" for kind, _ in kinds.values()):
                unexamined += 1
                continue
            if any(kind == "complex" for kind, _ in kinds.values()):
                continue
            values = {q: v for q, (_, v) in kinds.items()}
            entry = _examine(game, supports, probs, pay, values, algebraic, reasoner)
            if entry is not None:
                found.append(entry)
    found.sort(key=lambda item: support_key(item[0]))
    notes = []
    if continua:
        notes.append(
            f"{continua} support profile(s) have indifference equations with a continuum of solutions "
            "or a multiple root (a degenerate game): equilibria there are not listed"
        )
    if unexamined:
        notes.append(f"{unexamined} solution(s) written with complex numbers were not examined")
    if symbolic:
        notes.append(
            "mixed equilibria are the generic solutions of the polynomial systems; special parameter "
            "values at which a system changes rank are not examined"
        )
    entries = [Equilibrium(profile=p, payoffs=v, conditions=c, method=METHOD) for p, v, c in found]
    return entries, notes, not (continua or unexamined or symbolic)


def _examine(game, supports, probs, pay, values, algebraic, reasoner):
    """The profile, payoffs and conditions for one solution, or ``None`` when it cannot be an
    equilibrium under the assumptions."""
    def exact(e):
        return reasoner.tidy(_reduce(sympy.sympify(e).xreplace(values), algebraic))

    profile = Profile(tuple(tuple(exact(p) for p in row) for row in probs))
    relations = []
    for i, S in enumerate(supports):
        relations.extend(sympy.Gt(profile.probabilities[i][k], 0) for k in S)
    for i, S in enumerate(supports):
        base = pay[i][S[0]]
        for k in range(game.shape[i]):
            if k not in S:
                relations.append(sympy.Le(exact(pay[i][k] - base), 0))
    conds = reasoner.all_of(relations, "the polynomial systems of mixed equilibria")
    if conds is None:
        return None
    payoffs = tuple(exact(pay[i][S[0]]) for i, S in enumerate(supports))
    return profile, payoffs, conds
