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
* Solution sets that are not finite (a continuum, only in degenerate games, numeric ones here):
  written with some unknowns as parameters and the others as rational functions of them
  (:func:`_continuum`). With one parameter, the feasible intervals are found exactly and their
  endpoints listed; with more, when the conditions are linear fractional in the parameters, the
  parameters range over polytopes whose vertices are found exactly (:mod:`._polytope`) and the
  equilibria at them listed (:class:`Continuum`, :func:`support_continua`). A continuum that is
  neither is described exactly (parametrisation and inequalities) but not listed, and the result
  then says it is not complete.

* Numeric games: candidates are exact algebraic numbers (a polynomial in one real root of an
  irreducible polynomial, reduced below its degree), so each one is zero exactly when its reduced
  form is, and otherwise its sign is read off sympy's certified evaluation (isolating intervals
  refined to 50 digits): the equilibrium conditions are decided exactly without the general
  conditions engine (:func:`_numeric_all_of`).
* Time: the support enumeration is exponential, so it is bounded by the deadline
  (:mod:`gametheory.limits`, the command's ``--timeout``), not by a size: it stops when less than
  :data:`RESERVE` of the time is left (so that the rest of the report can be written) or when one
  system's Groebner basis runs into the deadline, and the result then lists the support profiles
  it did not examine and is not complete. The profiles are visited smallest first.

Limits: at most :data:`MAX_SUPPORTS` support profiles (far more than any time limit allows);
beyond it :func:`mixed_equilibria` raises :class:`~gametheory.errors.UnsupportedError` at once.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
from dataclasses import dataclass
from fractions import Fraction

import sympy
from mpmath import iv
from sympy.polys.domains import QQ
from sympy.polys.rings import ring

from .. import limits
from ..errors import TimeLimitError, UnsupportedError
from ..games import Game, Profile
from ..conditions import Reasoner, number_sign
from . import _polytope
from .check import rational_payoffs, regret, support_key
from .result import Equilibrium

__all__ = ["mixed_equilibria", "check_size", "MAX_SUPPORTS", "Continuum", "support_continua"]

METHOD = "polynomial systems"

#: Most support profiles (the product over players of ``2**m_i - 1``) the enumeration starts on.
MAX_SUPPORTS = 10**7
#: Share of the time limit kept for the rest of the report: the enumeration stops before it.
RESERVE = 0.2

_ZERO = sympy.Integer(0)
_ONE = sympy.Integer(1)


def _count(game: Game) -> int:
    total = 1
    for m in game.shape:
        total *= 2 ** m - 1
    return total


def check_size(game: Game) -> str | None:
    """Why ``game`` is too large for the polynomial solver, or ``None`` if it is not."""
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
    tables = _tables(game)
    for i in range(n):
        table = tables[i]
        others = [supports[j] if j != i else (None,) for j in range(n)]
        for k in supports[i]:
            for alt in range(game.shape[i]):
                if alt == k:
                    continue
                if all(
                    table[o[:i] + (alt,) + o[i + 1:]] > table[o[:i] + (k,) + o[i + 1:]]
                    for o in itertools.product(*others)
                ):
                    return True
    return False


_TABLES: dict = {}


def _tables(game: Game) -> list[dict]:
    """Each player's payoffs as a dict from strategy profiles (tuples) to values: reading a sympy
    array cell by cell is slow, and the enumeration reads the same cells many times. The last
    game's tables are kept."""
    key = id(game)
    if key not in _TABLES or _TABLES[key][0] is not game:
        cells = list(itertools.product(*(range(m) for m in game.shape)))
        _TABLES.clear()
        _TABLES[key] = (game, [{c: game.payoffs[i][c] for c in cells} for i in range(game.n_players)])
    return _TABLES[key][1]


def _pure_payoff(game: Game, i: int, k: int, probs) -> sympy.Expr:
    """Player ``i``'s expected payoff from pure ``k`` when the others play ``probs``."""
    n = game.n_players
    table = _tables(game)[i]
    one = _ONE if isinstance(probs[0][0], sympy.Basic) else 1
    ranges = [[(s, p) for s, p in enumerate(probs[j]) if p != 0] if j != i else [(k, one)] for j in range(n)]
    total = 0 * one
    for combo in itertools.product(*ranges):
        weight = one
        for _, p in combo:
            weight = weight * p
        total += weight * table[tuple(s for s, _ in combo)]
    return sympy.expand(total) if isinstance(total, sympy.Basic) else total


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


def _lex_basis(equations, unknowns):
    """The reduced lex Groebner basis, or ``None`` when the system is not zero-dimensional: a
    graded reverse lex basis first (much cheaper), then the FGLM change of order (Faugere, Gianni,
    Lazard and Mora 1993) for a zero-dimensional system."""
    G = sympy.groebner(equations, *unknowns, order="grevlex")
    if G.exprs == [1]:
        return G
    if not G.is_zero_dimensional:
        return None
    return G.fglm("lex")


def _solve_rational(equations, unknowns, keep=None):
    """Every real solution of a polynomial system with rational coefficients, exactly.

    A lex Groebner basis (Buchberger 1965) puts a zero-dimensional radical system in shape
    position, after a linear change of coordinates if needed; the real roots of the univariate
    polynomial are found exactly (rationals, square roots, or :class:`sympy.CRootOf` for
    irreducible factors of degree three and more) and the other unknowns are polynomials in them,
    reduced modulo the root's minimal polynomial.

    ``keep``, if given, screens each real solution before it is written exactly: it receives
    certified enclosures of the unknowns (:mod:`mpmath` intervals, from the root's isolating
    interval) and returns False for a solution that cannot be wanted (then it is dropped).

    Returns ``(solutions, exhaustive)``: a list of dicts, and False when the solution set could not
    be enumerated (positive-dimensional, or not in shape position even after a change of
    coordinates).
    """
    G = _interruptible(lambda: _lex_basis(equations, unknowns))
    if G is None:
        return [], False
    if G.exprs == [1]:
        return [], True
    shape = _shape_form(G, unknowns)
    t = unknowns[-1]
    if shape is None:
        t = sympy.Dummy("t")
        for c in range(1, 6):  # t = x_1 + c x_2 + c^2 x_3 + ...: generic for all but finitely many c
            limits.check("the polynomial systems of mixed equilibria")
            form = sum((c ** k * x for k, x in enumerate(unknowns)), _ZERO)
            G2 = _interruptible(lambda: _lex_basis(list(equations) + [t - form], list(unknowns) + [t]))
            shape = _shape_form(G2, list(unknowns) + [t]) if G2 is not None else None
            if shape is not None:
                break
        else:
            return [], False
    f, g = shape
    solutions = []
    for factor, _ in f.factor_list()[1]:
        reduced = {x: gx.rem(factor) if factor.degree() > 1 else gx for x, gx in g.items()}
        for root in factor.real_roots():
            if keep is not None:
                box = _enclosure(root)
                boxes = {x: _horner(gx, box) for x, gx in reduced.items()}
                if t in unknowns:
                    boxes[t] = box
                if not keep(boxes):
                    continue
            values = {}
            for x, gx in reduced.items():
                values[x] = sympy.expand(gx.as_expr().xreplace({t: root}))
            if t in unknowns:
                values[t] = root
            solutions.append((values, (factor, root)))
    return solutions, True


#: Working precision (decimal digits) of the interval screen of candidate solutions.
_DIGITS = 60


@contextlib.contextmanager
def _precision():
    """mpmath's interval context at :data:`_DIGITS` digits (restored afterwards)."""
    saved = iv.dps
    iv.dps = _DIGITS
    try:
        yield
    finally:
        iv.dps = saved


def _enclosure(root):
    """An :mod:`mpmath` interval that certainly contains the real algebraic number ``root``
    (a rational, or a real root found by :meth:`sympy.Poly.real_roots`)."""
    with _precision():
        if root.is_Rational:
            return iv.mpf(int(root.p)) / int(root.q)
        # evalf is correct to the digits asked (the isolating interval is refined until it is)
        mid = sympy.Float(root.evalf(_DIGITS + 10), _DIGITS + 10)
        m = iv.mpf(str(mid))
        return m + iv.mpf([-1, 1]) * iv.mpf(10) ** (-_DIGITS)


def _horner(poly, box):
    """``poly`` (a univariate :class:`sympy.Poly` with rational coefficients) over the interval."""
    with _precision():
        total = iv.mpf(0)
        for c in poly.all_coeffs():
            c = sympy.Rational(c)
            total = total * box + iv.mpf(int(c.p)) / int(c.q)
        return total


def _screen(game: Game, supports, unknowns):
    """The ``keep`` test of :func:`_solve_rational` for one support profile: False when the
    enclosures show a probability on a support certainly negative, or a strategy off a support
    certainly better (so the solution is no equilibrium). Only a certain verdict drops a
    solution; every kept one is examined exactly (:func:`_examine`)."""
    n = game.n_players
    slots = [(i, k) for i, S in enumerate(supports) for k in S[1:]]
    payoffs = [game.payoffs[i] for i in range(n)]
    numbers = {}

    def number(v):
        if v not in numbers:
            v = sympy.Rational(v)
            numbers[v] = iv.mpf(int(v.p)) / int(v.q)
        return numbers[v]

    def keep(boxes):
        with _precision():
            rows = [dict() for _ in range(n)]
            for q, (i, k) in zip(unknowns, slots):
                rows[i][k] = boxes[q]
            for i, S in enumerate(supports):
                rest = iv.mpf(1)
                for k in S[1:]:
                    rest -= rows[i][k]
                rows[i][S[0]] = rest
                if any(p.b < 0 for p in rows[i].values()):
                    return False
            for i, S in enumerate(supports):
                if len(S) == game.shape[i]:
                    continue
                others = [list(rows[j].items()) if j != i else [(None, None)] for j in range(n)]
                value = {}
                for k in range(game.shape[i]):
                    total = iv.mpf(0)
                    for combo in itertools.product(*others):
                        weight = iv.mpf(1)
                        for j, (_, p) in enumerate(combo):
                            if j != i:
                                weight *= p
                        cell = tuple(k if j == i else s for j, (s, _) in enumerate(combo))
                        total += weight * number(payoffs[i][cell])
                    value[k] = total
                base = value[S[0]]
                if any((value[k] - base).a > 0 for k in range(game.shape[i]) if k not in S):
                    return False
            return True

    return keep


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


def _system(game: Game, supports):
    """The indifference system of one support profile: ``(unknowns, probs, pay, equations)``.
    Player ``i``'s probabilities ``probs[i]`` are unknowns on ``S_i`` (the first is one minus the
    others) and zero off it; ``pay[i][k]`` is its payoff from pure ``k``; ``equations`` are the
    indifferences that are not identically zero, or ``None`` when one is a nonzero constant (no
    solution)."""
    n = game.n_players
    unknowns, probs = [], []
    for i, S in enumerate(supports):
        row = [_ZERO] * game.shape[i]
        rest = [sympy.Dummy(f"p{i}_{k}") for k in S[1:]]
        for k, q in zip(S[1:], rest):
            row[k] = q
        row[S[0]] = _ONE - sum(rest, _ZERO)
        unknowns.extend(rest)
        probs.append(row)
    if unknowns and rational_payoffs(game):
        # polynomial arithmetic in a ring over the rationals (sympy's sparse polynomials), much
        # faster than expanding expressions
        R, *gens = ring(unknowns, QQ)
        rows, at = [], 0
        for i, S in enumerate(supports):
            mine = gens[at:at + len(S) - 1]
            at += len(S) - 1
            row = [R.zero] * game.shape[i]
            for k, q in zip(S[1:], mine):
                row[k] = q
            row[S[0]] = R.one - sum(mine, R.zero)
            rows.append(row)
        pay = [[_pure_payoff(game, i, k, rows).as_expr() for k in range(game.shape[i])] for i in range(n)]
    else:
        pay = [[_pure_payoff(game, i, k, probs) for k in range(game.shape[i])] for i in range(n)]
    equations = [pay[i][k] - pay[i][S[0]] for i, S in enumerate(supports) for k in S[1:]]
    if any(e.is_number and e != 0 for e in equations):
        return unknowns, probs, pay, None
    return unknowns, probs, pay, [e for e in equations if e != 0]


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
    rational = rational_payoffs(game)
    symbolic = bool(game.free_symbols)
    found: list[tuple[Profile, tuple, tuple, int]] = []
    continua = 0
    unexamined = 0
    component = 0  # continua found so far: their extreme points share a component number
    segments: list[str] = []
    profiles = _supports(game)
    skipped: list = []
    budget = limits.remaining()
    reserve = RESERVE * budget if budget is not None else None
    for index, supports in enumerate(profiles):
        limits.check("the polynomial systems of mixed equilibria")
        left = limits.remaining()
        if reserve is not None and left is not None and left < reserve:
            skipped = profiles[index:]
            break
        if rational and _dominated_inside(game, supports):
            continue
        unknowns, probs, pay, equations = _system(game, supports)
        if equations is None:
            continue
        numeric = rational and not game.free_symbols
        if numeric and _underdetermined(equations, unknowns):
            component, open_ = _add_pieces(found, segments, _continuum(game, supports, probs, pay, equations,
                                                                         unknowns), component)
            continua += open_
            continue
        if not equations:
            solutions, exhaustive = [({}, None)], True
        elif rational:
            try:
                with limits.deadline(None if left is None or reserve is None else left - reserve):
                    solutions, exhaustive = _solve_rational(
                        equations, unknowns, _screen(game, supports, unknowns) if numeric else None)
            except TimeLimitError:
                if limits.remaining() is not None and limits.remaining() <= 0:
                    raise
                skipped = profiles[index:]
                break
        else:
            solutions, exhaustive = [(d, None) for d in _solve_symbolic(equations, unknowns)], True
        if not exhaustive and numeric:  # a positive-dimensional solution set: a continuum?
            component, open_ = _add_pieces(found, segments, _continuum(game, supports, probs, pay, equations,
                                                                         unknowns), component)
            continua += open_
            continue
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
                found.append(entry + (0,))
    found.sort(key=lambda item: (support_key(item[0]), item[3]))
    notes = []
    if continua:
        notes.append(
            f"{continua} support profile(s) have indifference equations with a continuum of solutions "
            "or a multiple root (a degenerate game): equilibria there are not listed"
        )
    if unexamined:
        notes.append(f"{unexamined} solution(s) written with complex numbers were not examined")
    if skipped:
        names = ["(" + "; ".join(",".join(game.strategies[i][k] for k in S) for i, S in enumerate(supports)) + ")"
                 for supports in skipped[:5]]
        more = f" and {len(skipped) - 5} more" if len(skipped) > 5 else ""
        notes.append(
            f"the time limit ran out: {len(skipped)} of {len(profiles)} support profiles were not examined, "
            f"from {', '.join(names)}{more} (supports listed per player, in player order); a longer time "
            "limit examines them"
        )
    if symbolic:
        notes.append(
            "mixed equilibria are the generic solutions of the polynomial systems; special parameter "
            "values at which a system changes rank are not examined"
        )
    nested = _nested(segments)
    inner = {a for a, _ in nested}
    for k, (text, *_) in enumerate(segments):
        if k not in inner:
            notes.append(text)
    # continua that share an extreme point are one connected component (union-find on their numbers)
    parent = list(range(component + 1))

    def root(k):
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for a, b in nested:  # a continuum inside another is in its component
        parent[root(segments[a][4])] = root(segments[b][4])
    first: dict = {}
    for p, v, c, k in found:
        if k:
            if (p, c) in first and first[(p, c)]:
                parent[root(k)] = root(first[(p, c)])
            elif not first.get((p, c)):
                first[(p, c)] = k
    entries, seen = [], set()
    for p, v, c, k in found:
        if (p, c) in seen:  # an extreme point of a continuum may also be an isolated solution
            continue
        seen.add((p, c))
        k = first.get((p, c)) or k
        entries.append(Equilibrium(profile=p, payoffs=v, conditions=c, component=root(k) if k else 0,
                                   method=METHOD))
    return entries, notes, not (continua or unexamined or symbolic or skipped)


def _examine(game, supports, probs, pay, values, algebraic, reasoner):
    """The profile, payoffs and conditions for one solution, or ``None`` when it cannot be an
    equilibrium under the assumptions."""
    numeric = not game.free_symbols

    def exact(e):
        value = _reduce(sympy.sympify(e).xreplace(values), algebraic)
        return value if numeric else reasoner.tidy(value)

    profile = Profile(tuple(tuple(exact(p) for p in row) for row in probs))
    relations = []
    for i, S in enumerate(supports):
        relations.extend(sympy.Gt(profile.probabilities[i][k], 0) for k in S)
    for i, S in enumerate(supports):
        base = pay[i][S[0]]
        for k in range(game.shape[i]):
            if k not in S:
                relations.append(sympy.Le(exact(pay[i][k] - base), 0))
    if numeric:
        conds = _numeric_all_of(relations)
    else:
        conds = reasoner.all_of(relations, "the polynomial systems of mixed equilibria")
    if conds is None:
        return None
    payoffs = tuple(exact(pay[i][S[0]]) for i, S in enumerate(supports))
    return profile, payoffs, conds


def _numeric_sign(value) -> int:
    """The sign of an exact real algebraic number as the solver writes it: a rational, or a
    polynomial of degree below ``d`` in one root of an irreducible polynomial of degree ``d``
    (or in a square root). Such a value is zero exactly when it is zero as written, so a value
    that is not is signed from sympy's certified 50-digit evaluation of the root."""
    value = sympy.expand(value)
    if value.is_Rational:
        return 1 if value > 0 else (-1 if value < 0 else 0)
    if value == 0:
        return 0
    approx = value.evalf(50)
    if not approx.is_real or approx == 0:  # pragma: no cover - excluded by the argument above
        raise ValueError(f"_numeric_sign(): cannot sign {value}")
    return 1 if approx > 0 else -1


def _numeric_all_of(relations):
    """``()`` when every relation (``x > 0``, ``x <= 0`` between exact numbers) holds, ``None``
    when one fails: the numeric counterpart of :meth:`Reasoner.all_of`."""
    for relation in relations:
        if relation is sympy.true:
            continue
        if relation is sympy.false:
            return None
        sign = _numeric_sign(relation.lhs - relation.rhs)
        holds = {sympy.StrictGreaterThan: sign > 0, sympy.LessThan: sign <= 0,
                 sympy.GreaterThan: sign >= 0, sympy.StrictLessThan: sign < 0}[type(relation)]
        if not holds:
            return None
    return ()


# -- continua (positive-dimensional solution sets) -----------------------------------------------

def _add_pieces(found, segments, pieces, component) -> tuple[int, int]:
    """Record what :func:`_continuum` found: the extreme points of each continuum share a new
    component number; isolated points (no text) are components alone. Returns the last component
    number used and the number of continua that are not listed (``1`` when ``pieces`` is ``None``:
    the solution set could not be described; one per continuum described without its extreme
    points)."""
    if pieces is None:
        return component, 1
    unlisted = 0
    for points, text, listed, continuum, affine in pieces:
        if not listed:
            unlisted += 1
            segments.append((text, [], None, False, 0))
            continue
        if not points:
            continue
        if text:
            component += 1
            segments.append((text, [profile for profile, _ in points], continuum, affine, component))
        for profile, payoffs in points:
            found.append((profile, payoffs, (), component if text else 0))
    return component, unlisted


def _affine_in(row_probs, free) -> bool:
    """Whether every probability is affine in the parameters ``free`` (then the continuum is the
    convex hull of its extreme points)."""
    return all(sympy.sympify(p).is_polynomial(*free) and sympy.Poly(p, *free).total_degree() <= 1
               for row in row_probs for p in row)


def _inside(continuum: Continuum, profile: Profile) -> bool:
    """Whether ``profile`` is a point of ``continuum`` (whose parameters are probabilities of
    some strategies: they are read off the profile)."""
    values = []
    for name in continuum.parameters:
        spot = next(((i, k) for i, row in enumerate(continuum.probabilities) for k, p in enumerate(row) if p == name),
                    None)
        if spot is None:
            return False
        values.append(profile.probabilities[spot[0]][spot[1]])
    if any(not v.is_Rational for v in values):
        return False
    return continuum.profile(values) == profile and continuum.contains(values)


def _nested(segments) -> list[tuple[int, int]]:
    """Pairs ``(a, b)``: continuum ``a`` lies in continuum ``b`` (a face of it, or a polytope
    inside it), so that its sentence is left out and its component is ``b``'s. Decided when both
    are affine in their parameters (each is then the convex hull of its listed points, and ``b``
    is convex): every point of ``a`` is in ``b``."""
    out, dropped = [], set()
    for a, (text, points, _, affine, _) in enumerate(segments):
        if not (text and points and affine):
            continue
        for b, (_, _, container, affine_b, _) in enumerate(segments):
            if b == a or b in dropped or container is None or not affine_b:
                continue
            if all(_inside(container, profile) for profile in points):
                out.append((a, b))
                dropped.add(a)
                break
    return out


def _underdetermined(equations, unknowns) -> bool:
    """Whether the indifference system visibly leaves some unknown free (no equation holds it):
    a positive-dimensional solution set, which only a degenerate game has. Other such sets are
    found by the Groebner basis (:func:`_solve_rational`)."""
    if not unknowns:
        return False
    used = set().union(*(e.free_symbols for e in equations)) if equations else set()
    return any(q not in used for q in unknowns)


def _between(a, b):
    """A rational strictly between the exact real numbers ``a < b``."""
    if a.is_Rational and b.is_Rational:
        return (a + b) / 2
    digits = 30
    while True:
        mid = sympy.Rational(str(((a + b) / 2).evalf(digits)))
        if a < mid < b:
            return mid
        digits *= 2


def _continuum(game, supports, probs, pay, equations, unknowns):
    """The continua of equilibria with these supports, exactly: a list of pieces
    ``(points, text, listed)``, one per solution branch (or per cell of a branch), or ``None``
    when the solution set is not parametrised by some of the unknowns (then it is not listed).

    ``sympy.solve`` writes the solutions of the indifference system with some unknowns free (the
    parameters) and the others rational functions of them (a triangular form). The constraints
    (probabilities on the supports nonnegative, no strategy off them better) are then rational
    functions of the parameters:

    * one parameter (:func:`_curve`): the feasible set is a union of closed intervals between the
      real roots of the constraints, found exactly; its endpoints are the extreme points;
    * two or more (:func:`_region`): when every constraint is linear fractional (numerator and
      denominator affine in the parameters), the feasible set is a polytope in each cell of the
      denominators' signs; its vertices are found exactly (:mod:`._polytope`) and the equilibria
      at them are listed, each verified with zero regret. Otherwise the piece is an exact
      description (parametrisation and inequalities) with ``listed`` False.

    ``points`` are ``(profile, payoffs)`` pairs; ``text`` is the sentence for the report (empty
    for isolated points)."""
    solved = _interruptible(lambda: sympy.solve(equations, unknowns, dict=True)) if equations else [{}]
    pieces = []
    for solution in solved:
        free = [q for q in unknowns if q not in solution]
        free += [s for v in solution.values() for s in v.free_symbols if s in unknowns and s not in free]
        if not free or any(s not in unknowns for v in solution.values() for s in v.free_symbols):
            return None
        values = {q: sympy.cancel(v) for q, v in solution.items()}
        row_probs = [[sympy.cancel(sympy.sympify(p).xreplace(values)) for p in row] for row in probs]
        if any(row_probs[i][k] == 0 for i, S in enumerate(supports) for k in S):
            continue  # not these supports: the smaller ones list this set
        constraints = []  # each must be >= 0
        for i, S in enumerate(supports):
            constraints.extend(row_probs[i][k] for k in S)
            base = sympy.cancel(pay[i][S[0]].xreplace(values))
            for k in range(game.shape[i]):
                if k not in S:
                    constraints.append(sympy.cancel(base - pay[i][k].xreplace(values)))
        if len(free) == 1:
            piece = _curve(game, supports, row_probs, pay, values, free[0], constraints)
            if piece is None:
                return None
            pieces.append(piece)
        else:
            pieces.extend(_region(game, supports, row_probs, pay, values, free, constraints))
    return pieces


def _parametrisation(game, supports, row_probs, free, names) -> str:
    """``A: x 1 - t, y t; B: ...``: the probabilities on the supports in the parameters ``names``."""
    rename = dict(zip(free, names))
    return "; ".join(
        f"{game.players[i]}: " + ", ".join(
            f"{game.strategies[i][k]} {sympy.factor(row_probs[i][k]).xreplace(rename)}" for k in S)
        for i, S in enumerate(supports))


def _curve(game, supports, row_probs, pay, values, t, constraints):
    """One branch with one free parameter ``t``: ``(points, text, True)``, or ``None`` when the
    whole line is feasible (unbounded: cannot happen in the simplex)."""
    critical = set()
    for c in constraints:
        num, den = sympy.fraction(sympy.together(c))
        for part in (num, den):
            poly = sympy.Poly(part, t)
            if poly.degree() > 0:
                critical.update(poly.real_roots())
    critical = sorted(critical, key=lambda r: r.evalf(50))

    def feasible(x):
        for c in constraints:
            num, den = sympy.fraction(sympy.together(c))
            d = _numeric_sign(den.xreplace({t: x}))
            if d == 0 or _numeric_sign(num.xreplace({t: x})) * d < 0:
                return False
        return True

    if not critical:
        return None
    # candidate pieces: each critical point, and the open interval between two of them
    inside = [feasible(_between(a, b)) for a, b in zip(critical, critical[1:])]
    at = [feasible(c) for c in critical]
    ends = []
    for k, c in enumerate(critical):
        left = k > 0 and inside[k - 1]
        right = k < len(inside) and inside[k]
        if at[k] and not (left and right):
            ends.append(c)
    pieces = []
    for k, c in enumerate(critical):
        if at[k] and k < len(inside) and inside[k]:
            j = k + 1
            while j < len(inside) and inside[j]:
                j += 1
            pieces.append((c, critical[j]))
    points = []
    for c in ends:
        profile = Profile(tuple(tuple(sympy.expand(p.xreplace({t: c})) for p in row) for row in row_probs))
        payoffs = tuple(sympy.expand(pay[i][S[0]].xreplace(values).xreplace({t: c}))
                        for i, S in enumerate(supports))
        points.append((profile, payoffs))
    text = ""
    if pieces:
        shown = _parametrisation(game, supports, row_probs, [t], [sympy.Symbol("t")])
        ranges = " and ".join(f"from {a} to {b}" for a, b in pieces)
        text = f"a continuum of equilibria: {shown}, for t {ranges}; its extreme points are listed"
    return points, text, True, None, _affine_in(row_probs, [t])


def _affine(expr, free):
    """``(a, b)`` (Fractions) when ``expr = a.free + b`` with rational coefficients, else ``None``."""
    poly = sympy.Poly(expr, *free)
    if poly.total_degree() > 1:
        return None
    a = []
    for k in range(len(free)):
        monomial = tuple(1 if j == k else 0 for j in range(len(free)))
        a.append(poly.coeff_monomial(monomial))
    b = poly.coeff_monomial((0,) * len(free))
    if not all(sympy.sympify(v).is_Rational for v in a + [b]):
        return None
    return tuple(Fraction(int(v.p), int(v.q)) for v in map(sympy.Rational, a)), Fraction(int(b.p), int(b.q))


def _inequality(h, names) -> sympy.Rel:
    """``a.t + b >= 0`` as a readable relation (``t1 + t2 <= 1``)."""
    a, b = h
    lhs = sum((sympy.Rational(v.numerator, v.denominator) * n for v, n in zip(a, names)), _ZERO)
    rhs = -sympy.Rational(b.numerator, b.denominator)
    if sum(v < 0 for v in a) > sum(v > 0 for v in a):
        return sympy.Le(-lhs, -rhs, evaluate=False)
    return sympy.Ge(lhs, rhs, evaluate=False)


def _region(game, supports, row_probs, pay, values, free, constraints):
    """One branch with two or more free parameters: a list of pieces (see :func:`_continuum`)."""
    d = len(free)
    names = [sympy.Symbol(f"t{k + 1}") for k in range(d)]
    shown = _parametrisation(game, supports, row_probs, free, names)
    described = functools.partial(_described, game, supports, row_probs, free, names, shown, constraints)
    forms = []  # (numerator, index of the denominator's key or None, sign factor)
    keys: list = []
    for c in constraints:
        num, den = sympy.fraction(sympy.together(c))
        n_form, d_form = _affine(num, free), _affine(den, free)
        if n_form is None or d_form is None:
            return [described()]
        a, b = d_form
        key = _polytope.normalise(a, b)
        if key is None:
            forms.append((n_form, None, 1 if b > 0 else -1))
            continue
        lead = next(v for v in a if v != 0)
        if key[0][next(k for k, v in enumerate(a) if v != 0)] < 0:  # the key has a leading +1
            key = (tuple(-v for v in key[0]), -key[1])
        if key not in keys:
            keys.append(key)
        forms.append((n_form, keys.index(key), 1 if lead > 0 else -1))
    box = []
    for k in range(d):
        unit = tuple(Fraction(1 if j == k else 0) for j in range(d))
        box.append((unit, Fraction(0)))  # a free unknown is a probability: 0 <= t_k <= 1
        box.append((tuple(-v for v in unit), Fraction(1)))
    pieces = []
    for signs in itertools.product((1, -1), repeat=len(keys)):
        halfspaces = list(box) + [(tuple(s * v for v in a), s * b) for s, (a, b) in zip(signs, keys)]
        empty = False
        for (a, b), j, factor in forms:
            s = factor * (signs[j] if j is not None else 1)
            h = _polytope.normalise(tuple(s * v for v in a), s * b)
            if h is None:
                empty = empty or s * b < 0
            else:
                halfspaces.append(h)
        if empty:
            continue
        halfspaces = [_polytope.normalise(*h) for h in halfspaces]
        corners = _polytope.vertices(halfspaces, d)
        if not corners:
            continue
        inside_pole = False
        for a, b in keys:
            zero = [x for x in corners if sum(ai * xi for ai, xi in zip(a, x)) + b == 0]
            if zero and len(zero) == len(corners):
                inside_pole = True  # the whole cell has a zero denominator: no point of this branch
            elif zero:
                return [described()]
        if inside_pole:
            continue
        points = []
        for x in corners:
            at = {q: sympy.Rational(v.numerator, v.denominator) for q, v in zip(free, x)}
            profile = Profile(tuple(tuple(sympy.cancel(p.xreplace(at)) for p in row) for row in row_probs))
            if not all(p.is_Rational and 0 <= p <= 1 for row in profile.probabilities for p in row) \
                    or regret(game, profile) != 0:  # pragma: no cover - the constraints say it is one
                return [described()]
            payoffs = tuple(sympy.cancel(pay[i][S[0]].xreplace(values).xreplace(at)) for i, S in enumerate(supports))
            points.append((profile, payoffs))
        if any(all(profile.probabilities[i][k] == 0 for profile, _ in points)
               for i, S in enumerate(supports) for k in S):
            continue  # a strategy of a support has probability zero throughout: smaller supports list it
        dim = _polytope.dimension(corners)
        if dim == 0:
            pieces.append((points, "", True, None, False))
            continue
        cuts = [_inequality(h, names) for h in _polytope.facets(halfspaces, corners)] if dim == d else \
            [_inequality(h, names) for h in halfspaces]
        found = Continuum(tuple(supports), tuple(names), _in_parameters(row_probs, free, names),
                          tuple(tuple(sympy.Rational(v.numerator, v.denominator) for v in x) for x in corners),
                          tuple(cuts), dim)
        shape = {1: "segment", 2: "polygon"}.get(dim, "polytope")
        corner_text = ", ".join("(" + ", ".join(str(v) for v in x) + ")" for x in corners)
        text = (f"a continuum of equilibria of dimension {dim}: {shown}, for ({', '.join(map(str, names))}) "
                f"in the {shape} with vertices {corner_text}")
        if dim == d:
            text += f" (where {', '.join(map(str, cuts))})"
        pieces.append((points, text + "; the equilibria at its vertices are listed", True, found,
                       _affine_in(row_probs, free)))
    return pieces


def _described(game, supports, row_probs, free, names, shown, constraints):
    """A piece whose parameters do not range over a polytope: its exact description only."""
    rename = dict(zip(free, names))
    conditions = []
    for c in constraints:
        c = sympy.factor(c).xreplace(rename)
        if not c.is_number and sympy.Ge(c, 0, evaluate=False) not in conditions:
            conditions.append(sympy.Ge(c, 0, evaluate=False))
    text = (f"a continuum of equilibria with {len(free)} parameters: {shown}, for ({', '.join(map(str, names))}) "
            f"where {', '.join(map(str, conditions))}; its extreme points were not computed, so it is not listed")
    found = Continuum(tuple(supports), tuple(names), _in_parameters(row_probs, free, names), (), tuple(conditions),
                      None)
    return [], text, False, found, False


def _in_parameters(row_probs, free, names):
    rename = dict(zip(free, names))
    return tuple(tuple(sympy.factor(p).xreplace(rename) for p in row) for row in row_probs)


@dataclass(frozen=True)
class Continuum:
    """A continuum of equilibria with the same supports and two or more parameters.

    ``probabilities[i][k]`` is player ``i``'s probability of strategy ``k``, an exact rational
    function of the ``parameters`` (probabilities of some strategies on the supports); the
    equilibria are these profiles for the parameter values that satisfy every relation in
    ``inequalities``. When those values form a polytope, ``vertices`` are its vertices (the
    parameter values, exact) and ``dimension`` its dimension; otherwise ``vertices`` is empty and
    ``dimension`` None (the piece is described, not listed).
    """

    supports: tuple
    parameters: tuple
    probabilities: tuple
    vertices: tuple
    inequalities: tuple
    dimension: int | None

    def profile(self, values) -> Profile:
        """The profile at parameter values ``values`` (one per parameter)."""
        at = dict(zip(self.parameters, values))
        return Profile(tuple(tuple(sympy.cancel(sympy.sympify(p).xreplace(at)) for p in row)
                             for row in self.probabilities))

    def contains(self, values) -> bool:
        """Whether the parameter values satisfy every inequality (exactly, for exact values)."""
        at = dict(zip(self.parameters, values))
        for rel in self.inequalities:
            gap = sympy.cancel((rel.lhs - rel.rhs).xreplace(at))
            if (gap < 0) if isinstance(rel, sympy.GreaterThan) else (gap > 0):
                return False
        return True


def support_continua(game: Game, supports) -> list[Continuum] | None:
    """The continua of equilibria of a numeric game with exactly these supports (one list of
    strategy indices per player) that have two or more parameters, as the enumeration finds them;
    ``None`` when the solution set could not be parametrised."""
    unknowns, probs, pay, equations = _system(game, [tuple(S) for S in supports])
    if equations is None:
        return []
    pieces = _continuum(game, supports, probs, pay, equations, unknowns)
    return None if pieces is None else [c for _, _, _, c, _ in pieces if c is not None]


# -- one support profile (for the refinement of a numeric path) ----------------------------------

def equilibrium_on_support(game: Game, supports, near=None):
    """An equilibrium of a numeric game with exactly these supports, ``(profile, payoffs)``, or
    ``None``: the indifference system is solved exactly and every real solution is checked
    exactly (positive on the supports, no better strategy off them). Among several, the one
    nearest ``near`` (one list of floats per player) is returned."""
    unknowns, probs, pay, equations = _system(game, supports)
    if equations is None:
        return None
    if not unknowns:
        solutions = [({}, None)]
    elif not equations or _underdetermined(equations, unknowns):
        return None
    else:
        solutions, _ = _solve_rational(equations, unknowns)
    candidates = []
    for solution, algebraic in solutions:
        if any(q not in solution for q in unknowns):
            continue
        kinds = {q: _real(solution[q]) for q in unknowns}
        if any(kind != "real" for kind, _ in kinds.values()):
            continue
        values = {q: v for q, (_, v) in kinds.items()}
        approx = {q: float(v.evalf(30)) for q, v in values.items()}
        floats = [[float(sympy.sympify(p).xreplace(approx)) for p in row] for row in probs]
        if any(p < -1e-9 for row in floats for p in row):
            continue  # certainly not a mixed strategy: not worth an exact check
        d = 0.0 if near is None else sum((p - q) ** 2 for row, guess in zip(floats, near) for p, q in zip(row, guess))
        candidates.append((d, values, algebraic))
    for _, values, algebraic in sorted(candidates, key=lambda c: c[0]):  # nearest first, checked exactly
        entry = _examine(game, supports, probs, pay, values, algebraic, None)
        if entry is not None:
            return entry[0], entry[1]
    return None
