"""Evolutionary stability and the replicator dynamics of symmetric two-player games, exactly.

Conventions
-----------
* A game is *symmetric* when both players have the same strategy names and Column's payoff in
  cell ``(i, j)`` is Row's payoff in cell ``(j, i)``. ``A`` is Row's payoff matrix: ``A[i, j]`` is
  what strategy ``i`` earns against strategy ``j``; a population state or mixed strategy ``x`` is a
  tuple of exact probabilities in strategy order, and ``u(x, y) = x . A y``.
* Conditions are relations on the parameters beyond the game's assumptions (``()``: whenever the
  assumptions hold), decided by :mod:`gametheory.conditions`; a three-valued answer is a
  :class:`~gametheory.conditions.Decision`.

Method
------
1. **Candidates.** Every ESS is a symmetric Nash equilibrium strategy, so the candidates are the
   equilibria ``(x, x)`` of the game that :func:`gametheory.equilibria.equilibria` finds.
2. **ESS and NSS** (Maynard Smith and Price 1973; Maynard Smith 1982): ``x`` is evolutionarily
   stable when every mutant ``y != x`` that does as well against ``x`` does strictly worse against
   itself than ``x`` does against it, and neutrally stable with "not better" in place of "strictly
   worse". With ``S`` the support of ``x``, ``E`` its pure best replies and ``M = (A + A^T)/2``,
   ``x`` is an ESS exactly when ``z . M z < 0`` for every ``z != 0`` with support in ``E``, entries
   summing to 0 and ``z_j >= 0`` off ``S`` (Haigh 1975; Bomze and Poetscher 1989, ch. 2). Where
   ``E = S`` this is negative definiteness of ``M`` on the tangent space of ``S``, decided by the
   leading principal minors (Sylvester); semidefiniteness (every principal minor) gives the NSS.
   Where ``E`` is larger, the tangent part is eliminated (a Schur complement) and the remaining
   form must be strictly negative on the nonnegative orthant (copositivity: exact for one or two
   extra best replies, and for more in numeric games by the criterion of Cottle, Habetler and
   Lemke 1970).
3. **Invaders.** Where ``x`` is not an ESS in a numeric game (or under every parameter value), a
   mutant that invades (earns as much against ``x`` and at least as much against itself) is found
   among the pure best replies, their even mixtures and the directions of the failed test, and
   checked exactly by :func:`invades`.
4. **Replicator dynamics** ``x_i' = x_i((A x)_i - x . A x)`` (Taylor and Jonker 1978): the rest
   points are, for each support ``S``, the points of the face of ``S`` where the strategies of
   ``S`` earn the same (a linear system, solved exactly). Stability comes from the Jacobian of
   the dynamics on the simplex (coordinates ``x_0 .. x_{n-2}``) at the rest point: its
   characteristic polynomial's roots all with negative real part (stable), one with positive real
   part (unstable), none positive but some on the imaginary axis (``neutral``: linearisation
   alone does not settle it), decided with the Routh-Hurwitz criterion under the assumptions
   (``depends`` with the conditions for stability where they do not settle it).

References: J. Maynard Smith and G. R. Price (1973), "The Logic of Animal Conflict", *Nature* 246;
J. Maynard Smith (1982), *Evolution and the Theory of Games*; J. Haigh (1975), "Game theory and
evolution", *Advances in Applied Probability* 7; P. D. Taylor and L. B. Jonker (1978),
*Mathematical Biosciences* 40; J. Hofbauer and K. Sigmund (1998), *Evolutionary Games and
Population Dynamics*, ch. 6-7.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import sympy

from .. import conditions, limits
from ..errors import UsageError
from ..games import Game
from .result import EquilibriumSet

__all__ = [
    "Stability",
    "StrategyStability",
    "RestPoint",
    "Evolution",
    "symmetric_matrix",
    "evolve",
    "invades",
    "rest_points",
]

#: Most strategies whose rest points are enumerated (2^n - 1 faces).
MAX_STRATEGIES = 12


@dataclass(frozen=True)
class Stability:
    """A three-valued verdict: ``holds`` True, False or None (then ``conditions`` say when)."""

    holds: bool | None
    conditions: tuple = ()

    @classmethod
    def of(cls, decision: conditions.Decision) -> "Stability":
        return cls(decision.value, tuple(decision.conditions) if decision.value is None else ())


@dataclass(frozen=True)
class StrategyStability:
    """One symmetric equilibrium strategy with its evolutionary stability.

    ``strategy`` the probabilities; ``conditions`` when ``(x, x)`` is an equilibrium at all;
    ``best_replies`` the pure best replies to ``x`` (indices); ``ess``/``nss`` the verdicts;
    ``invader`` a mutant strategy that invades where ``x`` is not an ESS (``None`` where none was
    needed or it depends on the parameters); ``notes`` anything the verdict rests on."""

    strategy: tuple[sympy.Expr, ...]
    conditions: tuple
    best_replies: tuple[int, ...]
    ess: Stability
    nss: Stability
    invader: tuple[sympy.Expr, ...] | None = None
    notes: tuple[str, ...] = ()

    @property
    def support(self) -> tuple[int, ...]:
        return tuple(i for i, p in enumerate(self.strategy) if p != 0)


@dataclass(frozen=True)
class RestPoint:
    """A rest point of the replicator dynamics: ``point``, the ``conditions`` under which it
    exists (lies in the simplex), ``stability`` (``stable``, ``unstable``, ``neutral``,
    ``depends``), the Jacobian's ``eigenvalues`` on the simplex (exact; ``()`` where they have
    no closed form here), its characteristic polynomial ``charpoly`` (in ``lambda``), and
    ``stable_when``: the conditions for (asymptotic) stability where ``stability`` is
    ``depends``."""

    point: tuple[sympy.Expr, ...]
    conditions: tuple
    stability: str
    eigenvalues: tuple[sympy.Expr, ...]
    charpoly: sympy.Expr
    stable_when: tuple = ()

    @property
    def support(self) -> tuple[int, ...]:
        return tuple(i for i, p in enumerate(self.point) if p != 0)


@dataclass(frozen=True)
class Evolution:
    """What :func:`evolve` finds: the symmetric game's matrix, each symmetric equilibrium
    strategy with its stability, the replicator dynamics' rest points, and whether the list of
    candidates is complete (it is when the equilibrium solver's list is)."""

    game: Game
    matrix: sympy.ImmutableMatrix
    strategies: tuple[StrategyStability, ...]
    rest_points: tuple[RestPoint, ...]
    complete: bool
    notes: tuple[str, ...] = ()

    @property
    def ess(self) -> tuple[StrategyStability, ...]:
        """The strategies that are ESS under every parameter value (``holds`` True)."""
        return tuple(s for s in self.strategies if s.ess.holds is True)


LAMBDA = sympy.Symbol("lambda")


# -- the game ------------------------------------------------------------------------------------

def symmetric_matrix(game: Game) -> sympy.ImmutableMatrix:
    """Row's payoff matrix of a symmetric two-player game.

    Raises
    ------
    UsageError
        When the game has other than two players, the players' strategies differ, or some
        payoffs break the symmetry (each such pair of cells is named).
    """
    if game.n_players != 2:
        raise UsageError(f"evolutionary stability needs a two-player game; {game.title or 'this game'} "
                         f"has {game.n_players} players")
    rows, cols = game.strategies
    if tuple(rows) != tuple(cols):
        raise UsageError("evolutionary stability needs a symmetric game, but the players' strategies differ: "
                         f"{game.players[0]} has {', '.join(rows)}; {game.players[1]} has {', '.join(cols)}")
    n = len(rows)
    broken = []
    for i in range(n):
        for j in range(n):
            a, b = game.payoffs[0][i, j], game.payoffs[1][j, i]
            if sympy.expand(a - b) != 0:
                broken.append(f"{game.players[0]}'s payoff at ({rows[i]}, {rows[j]}) is {a} but "
                              f"{game.players[1]}'s at ({rows[j]}, {rows[i]}) is {b}")
    if broken:
        shown = "; ".join(broken[:4]) + (f"; and {len(broken) - 4} more" if len(broken) > 4 else "")
        raise UsageError(f"evolutionary stability needs a symmetric game: {shown}")
    return sympy.ImmutableMatrix(n, n, lambda i, j: game.payoffs[0][i, j])


# -- the checker ---------------------------------------------------------------------------------

def _u(A, x, y) -> sympy.Expr:
    n = A.shape[0]
    return sympy.cancel(sum(x[i] * A[i, j] * y[j] for i in range(n) for j in range(n)))


def invades(A, x, y, assumptions=()) -> bool | None:
    """Whether mutant ``y`` can invade a population playing ``x`` (Maynard Smith's conditions fail
    for it): ``u(y, x) > u(x, x)``, or ``u(y, x) = u(x, x)`` and ``u(y, y) >= u(x, y)``. ``None``
    when that depends on the parameters. The checker beside :func:`evolve`."""
    first = sympy.factor(sympy.cancel(_u(A, y, x) - _u(A, x, x)))
    second = sympy.factor(sympy.cancel(_u(A, y, y) - _u(A, x, y)))
    better = conditions.decide(first > 0, assumptions).value
    if better is True:
        return True
    equal = conditions.decide(sympy.Eq(first, 0), assumptions).value
    if better is False and equal is False:
        return False
    if equal is True:
        return conditions.decide(second >= 0, assumptions).value
    return None


# -- ESS -----------------------------------------------------------------------------------------

def _decide(relation, assumptions) -> conditions.Decision:
    return conditions.decide(relation, assumptions)


def _all(decisions, assumptions) -> Stability:
    """The conjunction of decisions as one verdict (undecided, with no conditions, when one part
    is undecided without conditions)."""
    pending = []
    undecided = False
    for d in decisions:
        if d.value is False:
            return Stability(False)
        if d.value is None:
            if not d.conditions:
                undecided = True
            pending.extend(d.conditions)
    if undecided:
        return Stability(None, ())
    if not pending:
        return Stability(True)
    simplified = conditions.simplify(tuple(pending), tuple(assumptions))
    if simplified is None:
        return Stability(False)
    if simplified == ():
        return Stability(True)
    return Stability(None, tuple(simplified))


def _leading_minors(Q) -> list:
    return [sympy.factor(Q[:k, :k].det()) for k in range(1, Q.shape[0] + 1)]


def _principal_minors(Q) -> list:
    n = Q.shape[0]
    out = []
    for k in range(1, n + 1):
        for rows in itertools.combinations(range(n), k):
            out.append(sympy.factor(Q.extract(list(rows), list(rows)).det()))
    return out


def _strictly_copositive(K, assumptions) -> Stability:
    """Whether the symmetric matrix ``K`` is strictly copositive (``a . K a > 0`` for ``a >= 0``,
    ``a != 0``)."""
    r = K.shape[0]
    if r == 1:
        return Stability.of(_decide(K[0, 0] > 0, assumptions))
    if r == 2:
        k11, k12, k22 = K[0, 0], K[0, 1], K[1, 1]
        diagonal = [_decide(k11 > 0, assumptions), _decide(k22 > 0, assumptions)]
        off = _decide(k12 >= 0, assumptions)
        if off.value is True:
            return _all(diagonal, assumptions)
        cross = _decide(sympy.expand(k12**2 - k11 * k22) < 0, assumptions)
        if off.value is False:
            return _all(diagonal + [cross], assumptions)
        either = _decide(sympy.Or(k12 >= 0, sympy.expand(k12**2 - k11 * k22) < 0), assumptions)
        return _all(diagonal + [either], assumptions)
    if any(e.free_symbols for e in K):
        return Stability(None, ())
    # Cottle, Habetler and Lemke (1970): if every principal submatrix of order r - 1 is strictly
    # copositive, K is strictly copositive unless det K <= 0 and adj K >= 0 entrywise.
    for drop in range(r):
        keep = [i for i in range(r) if i != drop]
        if _strictly_copositive(K.extract(keep, keep), assumptions).holds is not True:
            return Stability(False)
    adjugate = K.adjugate()
    return Stability(not (K.det() <= 0 and all(e >= 0 for e in adjugate)))


def _copositive(K, assumptions) -> Stability:
    """Whether ``a . K a >= 0`` for every ``a >= 0`` (for the NSS): exact in one or two
    dimensions, and in more for numeric matrices."""
    r = K.shape[0]
    if r == 1:
        return Stability.of(_decide(K[0, 0] >= 0, assumptions))
    if r == 2:
        k11, k12, k22 = K[0, 0], K[0, 1], K[1, 1]
        diagonal = [_decide(k11 >= 0, assumptions), _decide(k22 >= 0, assumptions)]
        either = _decide(sympy.Or(k12 >= 0, sympy.expand(k12**2 - k11 * k22) <= 0), assumptions)
        return _all(diagonal + [either], assumptions)
    if any(e.free_symbols for e in K):
        return Stability(None, ())
    # Cottle, Habetler and Lemke (1970): if every principal submatrix of order r - 1 is
    # copositive, K fails to be copositive exactly when it is invertible with K^-1 <= 0 entrywise.
    for drop in range(r):
        keep = [i for i in range(r) if i != drop]
        if _copositive(K.extract(keep, keep), assumptions).holds is not True:
            return Stability(False)
    if K.det() == 0:
        return Stability(True)
    return Stability(not all(e <= 0 for e in K.inv()))


def _stability_of(A, x, assumptions) -> tuple[Stability, Stability, tuple[int, ...], tuple[str, ...]]:
    n = A.shape[0]
    support = [i for i in range(n) if x[i] != 0]
    payoff = [sympy.cancel(sum(A[i, j] * x[j] for j in range(n))) for i in range(n)]
    value = payoff[support[0]]
    best = list(support)
    notes: list[str] = []
    generic: list[conditions.Decision] = []
    for j in range(n):
        if j in support:
            continue
        tie = _decide(sympy.Eq(sympy.factor(payoff[j] - value), 0), assumptions)
        if tie.value is True:
            best.append(j)
        elif tie.value is None:
            generic.append(_decide(sympy.factor(payoff[j] - value) < 0, assumptions))
            notes.append("where another pure strategy does exactly as well against it "
                         f"({sympy.Eq(payoff[j], value)}), the verdict is not covered here")
    best.sort()
    M = (A + A.T) / 2
    s0 = support[0]
    Z = sympy.Matrix([[1 if i == s else (-1 if i == s0 else 0) for s in support[1:]] for i in range(n)]) \
        if len(support) > 1 else sympy.zeros(n, 0)
    extra = [j for j in best if j not in support]
    B = sympy.Matrix([[1 if i == j else (-1 if i == s0 else 0) for j in extra] for i in range(n)]) \
        if extra else sympy.zeros(n, 0)
    Q = (Z.T * M * Z).applyfunc(sympy.expand)
    negQ = -Q
    if not extra:
        ess = _all(generic + [_decide(m > 0, assumptions) for m in _leading_minors(negQ)], assumptions)
        nss = _all(generic + [_decide(m >= 0, assumptions) for m in _principal_minors(negQ)], assumptions)
        return ess, nss, tuple(best), tuple(notes)
    definite = _all([_decide(m > 0, assumptions) for m in _leading_minors(negQ)], assumptions) \
        if Q.shape[0] else Stability(True)
    if definite.holds is False:
        # not even negative definite on the face: neither ESS, and the NSS needs a finer test
        semi = _all([_decide(m >= 0, assumptions) for m in _principal_minors(negQ)], assumptions)
        nss = Stability(False) if semi.holds is False else Stability(None, ())
        if nss.holds is None:
            notes.append("neutral stability on the face with further best replies is not decided here")
        return Stability(False), nss, tuple(best), tuple(notes)
    C = B.T * M * B
    if Q.shape[0]:
        C = C - B.T * M * Z * Q.inv() * Z.T * M * B
    K = (-C).applyfunc(sympy.factor)
    strict = _strictly_copositive(K, assumptions)
    weak = _copositive(K, assumptions)
    if strict.holds is None and not strict.conditions:
        notes.append("copositivity over more than two further best replies is decided for numeric games only")
    ess = _all(generic + [_as_decision(definite), _as_decision(strict)], assumptions)
    nss = Stability(True) if ess.holds is True else _all(generic + [_as_decision(definite), _as_decision(weak)],
                                                           assumptions)
    return ess, nss, tuple(best), tuple(notes)


def _as_decision(s: Stability) -> conditions.Decision:
    return conditions.Decision(s.holds, tuple(s.conditions) if s.holds is None else ())


def _invader(A, x, best, assumptions) -> tuple[sympy.Expr, ...] | None:
    """A mutant that invades ``x``, checked exactly with :func:`invades`; ``None`` if none of the
    candidates does under every parameter value."""
    n = A.shape[0]
    candidates = []
    for j in best:
        candidates.append(tuple(sympy.Integer(1 if i == j else 0) for i in range(n)))
    for i, j in itertools.combinations(best, 2):
        candidates.append(tuple(sympy.Rational(1, 2) if k in (i, j) else sympy.Integer(0) for k in range(n)))
    for y in candidates:
        if all(sympy.simplify(a - b) == 0 for a, b in zip(x, y)):
            continue
        if invades(A, x, y, assumptions) is True:
            return y
    # a point between x and a candidate (the failing direction is inside the face)
    for y in candidates:
        mid = tuple(sympy.simplify((a + b) / 2) for a, b in zip(x, y))
        if all(sympy.simplify(a - b) == 0 for a, b in zip(x, mid)):
            continue
        if invades(A, x, mid, assumptions) is True:
            return mid
    return None


# -- replicator dynamics -------------------------------------------------------------------------

def _jacobian(A, point):
    n = A.shape[0]
    xs = sympy.symbols(f"_x0:{n - 1}", real=True)
    full = list(xs) + [1 - sum(xs)]
    Ax = [sum(A[i, j] * full[j] for j in range(n)) for i in range(n)]
    mean = sum(full[i] * Ax[i] for i in range(n))
    f = sympy.Matrix([full[i] * (Ax[i] - mean) for i in range(n - 1)])
    J = f.jacobian(sympy.Matrix(xs))
    at = dict(zip(xs, point[: n - 1]))
    return J.subs(at).applyfunc(sympy.expand)


def _hurwitz(coeffs: list) -> list:
    """Hurwitz determinants of ``lambda^m + c1 lambda^(m-1) + ... + cm`` (``coeffs = [1, c1, ..]``)."""
    m = len(coeffs) - 1

    def c(k):
        return coeffs[k] if 0 <= k <= m else sympy.Integer(0)

    H = sympy.Matrix(m, m, lambda i, j: c(2 * j - i + 1))
    return [sympy.factor(H[:k, :k].det()) for k in range(1, m + 1)]


def _classify(charpoly: sympy.Poly, assumptions) -> tuple[str, tuple]:
    coeffs = [sympy.expand(c) for c in charpoly.all_coeffs()]
    m = len(coeffs) - 1
    if m == 0:
        return "neutral", ()
    dets = _hurwitz(coeffs)
    positive = [_decide(d > 0, assumptions) for d in dets]
    stable = _all(positive, assumptions)
    if stable.holds is True:
        return "stable", ()
    if m == 1:
        s = _decide(coeffs[1] < 0, assumptions)
        if s.value is True:
            return "unstable", ()
        if _decide(sympy.Eq(coeffs[1], 0), assumptions).value is True:
            return "neutral", ()
        return "depends", stable.conditions
    if m == 2:
        c1, c2 = coeffs[1], coeffs[2]
        if _decide(sympy.Or(c2 < 0, c1 < 0), assumptions).value is True:
            return "unstable", ()
        if _decide(sympy.And(c1 >= 0, c2 >= 0), assumptions).value is True:
            return "neutral", ()
        return "depends", stable.conditions
    # m >= 3: Routh's count of roots with positive real part, where every determinant's sign is known
    signs = []
    for d in dets:
        s = conditions.sign(d, assumptions)
        signs.append(s)
    if all(s in ("+", "-") for s in signs):
        column = [1] + [1 if s == "+" else -1 for s in signs]
        ratios = [column[0]] + [column[k] * column[k - 1] for k in range(1, len(column))]
        changes = sum(1 for a, b in zip(ratios, ratios[1:]) if a != b)
        return ("unstable", ()) if changes else ("stable", ())
    if not any(c.free_symbols for c in coeffs):
        return _classify_numeric(charpoly), ()
    return "depends", stable.conditions


def _classify_numeric(charpoly: sympy.Poly) -> str:
    """Stability from the roots of a rational polynomial, exactly. For each irreducible factor
    ``f``: its real roots are signed exactly (``CRootOf`` isolating intervals); its roots on the
    imaginary axis are the ``i y`` with ``y != 0`` a real common root of the real and imaginary
    parts of ``f(i y)`` (counted exactly); of its other complex roots, the real part's sign comes
    from sympy's certified evaluation of ``CRootOf`` (isolating rectangles refined to 60 digits),
    the roots on the axis being the ones counted above, nearest to it."""
    y = sympy.Symbol("_y", real=True)
    on_axis = False
    for factor, _ in sympy.factor_list(charpoly.as_expr(), LAMBDA)[1]:
        f = sympy.Poly(factor, LAMBDA)
        if f.degree() == 0:
            continue
        value = sympy.expand(f.as_expr().subs(LAMBDA, sympy.I * y))
        common = sympy.gcd(sympy.re(value), sympy.im(value))
        axis = 0
        if common.free_symbols:
            axis = sum(1 for r in sympy.Poly(common, y).real_roots() if r != 0)
        roots = f.all_roots()
        complex_roots = []
        for r in roots:
            if r.is_real:
                if r > 0:
                    return "unstable"
                if r == 0:
                    on_axis = True
            else:
                complex_roots.append(sympy.re(r.evalf(60)))
        complex_roots.sort(key=abs)
        if axis:
            on_axis = True
        if any(re > 0 for re in complex_roots[axis:]):
            return "unstable"
    return "neutral" if on_axis else "stable"


def _eigenvalues(charpoly: sympy.Poly) -> tuple[sympy.Expr, ...]:
    if charpoly.degree() <= 2:
        roots = sympy.roots(charpoly, multiple=True)
        return tuple(sympy.factor(r) for r in roots)
    if not charpoly.free_symbols - {LAMBDA}:
        return tuple(charpoly.all_roots())
    return ()


def rest_points(A, assumptions=()) -> tuple[tuple[RestPoint, ...], tuple[str, ...]]:
    """Every isolated rest point of the replicator dynamics, with its stability; notes for faces
    that hold a continuum of rest points (not listed)."""
    n = A.shape[0]
    points: list[RestPoint] = []
    notes: list[str] = []
    for size in range(1, n + 1):
        for support in itertools.combinations(range(n), size):
            limits.check("finding the rest points of the replicator dynamics")
            xs = sympy.symbols(f"_p0:{size}", real=True)
            full = [sympy.Integer(0)] * n
            for s, v in zip(support, xs):
                full[s] = v
            payoff = [sum(A[i, j] * full[j] for j in range(n)) for i in support]
            equations = [sympy.expand(payoff[k] - payoff[0]) for k in range(1, size)] + [sum(xs) - 1]
            solutions = sympy.linsolve(equations, xs)
            if not solutions:
                continue
            (solution,) = tuple(solutions)
            if any(v.free_symbols & set(xs) for v in solution):
                notes.append("the face of " + ", ".join(str(s) for s in support)
                             + " holds a continuum of rest points (not listed)")
                continue
            values = [sympy.factor(v) for v in solution]
            exist = _all([_decide(v > 0, assumptions) for v in values], assumptions)
            if exist.holds is False:
                continue
            point = [sympy.Integer(0)] * n
            for s, v in zip(support, values):
                point[s] = v
            where = tuple(assumptions) + tuple(exist.conditions)
            J = _jacobian(A, point)
            charpoly = J.charpoly(LAMBDA) if n > 1 else sympy.Poly(1, LAMBDA)
            charpoly = sympy.Poly(sympy.factor(charpoly.as_expr()), LAMBDA)
            stability, stable_when = _classify(charpoly, where)
            points.append(RestPoint(point=tuple(point), conditions=tuple(exist.conditions), stability=stability,
                                    eigenvalues=_eigenvalues(charpoly), charpoly=sympy.factor(charpoly.as_expr()),
                                    stable_when=tuple(stable_when)))
    return tuple(points), tuple(notes)


# -- the whole analysis --------------------------------------------------------------------------

def evolve(game: Game, *, equilibria: EquilibriumSet | None = None) -> Evolution:
    """Every symmetric equilibrium strategy of a symmetric two-player game with its evolutionary
    stability (ESS, NSS, an invading mutant), and the replicator dynamics' rest points.

    Parameters
    ----------
    game : Game
        A symmetric two-player game (see :func:`symmetric_matrix`).
    equilibria : EquilibriumSet, optional
        The game's equilibria, computed with :func:`gametheory.equilibria.equilibria` if omitted.

    Examples
    --------
    >>> import gametheory
    >>> result = evolve(gametheory.load("hawk-dove"))
    >>> [s.strategy for s in result.ess]
    [(V/C, (C - V)/C)]
    """
    from . import equilibria as solve

    A = symmetric_matrix(game)
    n = A.shape[0]
    if n > MAX_STRATEGIES:
        raise UsageError(f"evolutionary analysis takes at most {MAX_STRATEGIES} strategies; this game has {n}")
    found = equilibria if equilibria is not None else solve(game)
    assumptions = tuple(game.assumptions)
    strategies: list[StrategyStability] = []
    seen: list[tuple] = []
    for e in found.equilibria:
        limits.check("deciding evolutionary stability")
        row, col = e.profile.probabilities
        if any(sympy.simplify(a - b) != 0 for a, b in zip(row, col)):
            continue
        x = tuple(sympy.factor(p) for p in row)
        if any(all(sympy.simplify(a - b) == 0 for a, b in zip(x, s)) for s in seen):
            continue
        seen.append(x)
        where = assumptions + tuple(e.conditions)
        ess, nss, best, notes = _stability_of(A, x, where)
        invader = None
        if ess.holds is False or (ess.holds is None and not any(s.free_symbols for s in A)):
            invader = _invader(A, x, best, where)
        strategies.append(StrategyStability(strategy=x, conditions=tuple(e.conditions), best_replies=best,
                                            ess=ess, nss=nss, invader=invader, notes=notes))
    points, notes = rest_points(A, assumptions)
    all_notes = tuple(notes)
    if not found.complete:
        all_notes += ("the equilibrium list is possibly incomplete, so there may be further ESS",)
    return Evolution(game=game, matrix=A, strategies=tuple(strategies), rest_points=points,
                     complete=found.complete, notes=all_notes)
