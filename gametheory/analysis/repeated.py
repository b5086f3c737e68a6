"""The repeated game as a whole: stage equilibria, minmax values, the feasible and individually
rational payoffs, every strategy profile's discount threshold, the finite horizon, and how each
threshold moves with the payoffs.

Conventions
-----------
* Two-player finite stage games (:mod:`gametheory.games.repeated`); the discount factor is a
  real symbol (``delta`` unless renamed) with ``0 < delta < 1`` added to the assumptions.
* Payoff vectors are ``(u_Row, u_Column)``; polygons list their vertices counter-clockwise from
  the lowest-leftmost one, exactly. For symbolic payoffs a polygon is ``None`` (with a note)
  when the assumptions do not decide its shape.
* With ``horizon=N`` the game is played ``N`` times, payoffs summed with discount ``delta``.

Method
------
* Feasible payoffs: the convex hull of the stage payoff vectors (Andrew's monotone chain, every
  comparison and orientation decided by :mod:`gametheory.conditions`); individually rational
  ones: that polygon clipped to ``u_i >= v_i``, ``v_i`` the mixed minmax value
  (Sutherland and Hodgman 1974).
* Finite horizon: with a unique stage equilibrium, backward induction leaves it in every period
  (unravelling: Luce and Raiffa 1957). With several, a cooperative profile can be played in
  every period but the last, which rewards with a good stage equilibrium and punishes any
  deviation with a bad one for the rest of the game (Benoit and Krishna 1985): the one-shot
  gain at each cooperative period must not exceed the discounted loss of the punishment.

References
----------
J.-P. Benoit and V. Krishna, "Finitely repeated games", Econometrica 53(4), 1985.
D. Fudenberg and E. Maskin, "The folk theorem in repeated games with discounting or with
incomplete information", Econometrica 54(3), 1986.
A. M. Andrew, "Another efficient algorithm for convex hulls in two dimensions", Information
Processing Letters 9(5), 1979.
I. E. Sutherland and G. W. Hodgman, "Reentrant polygon clipping", CACM 17(1), 1974.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import sympy

from .. import conditions, limits
from ..errors import UnsupportedError, UsageError
from ..games import Game
from ..games.repeated import RepeatedGame
from ..equilibria.automata import (ProfileAnalysis, analyse_profile, cooperative_actions, defect_actions,
                                   discount_symbol, library_profiles)
from ..equilibria.minmax import Minmax, minmax

__all__ = ["RepeatedAnalysis", "HorizonPath", "ThresholdStatics", "analyse", "feasible_set",
           "clip_individually_rational", "MAX_HORIZON"]

#: Longest finite horizon analysed period by period.
MAX_HORIZON = 1000


@dataclass(frozen=True)
class HorizonPath:
    """One subgame-perfect path of the finitely repeated game: ``path`` one profile per period
    (an :class:`~gametheory.equilibria.Equilibrium` of the stage game or a pure profile tuple),
    ``payoffs`` the discounted sums, ``conditions`` beyond the assumptions, ``kind``
    ``"stage"`` or ``"reward-punish"``; ``reward`` / ``punishment`` the stage equilibria used."""

    kind: str
    path: tuple
    payoffs: tuple[sympy.Expr, ...]
    conditions: tuple = ()
    reward: object = None
    punishment: object = None


@dataclass(frozen=True)
class ThresholdStatics:
    """How a profile's threshold moves with one parameter: its derivative and sign."""

    profile: str
    verdict: str
    threshold: sympy.Expr
    parameter: str
    derivative: sympy.Expr
    sign: str


@dataclass(frozen=True)
class RepeatedAnalysis:
    """Everything ``gametheory repeated`` reports, as data (REPEATED.md)."""

    game: RepeatedGame
    delta: sympy.Symbol
    equilibria: object
    minmax: tuple[Minmax, ...]
    feasible: tuple | None
    feasible_ir: tuple | None
    feasible_note: str
    profiles: tuple[ProfileAnalysis, ...]
    horizon: int | None = None
    horizon_paths: tuple[HorizonPath, ...] = ()
    unique_stage_equilibrium: bool = False
    statics: tuple[ThresholdStatics, ...] | None = None

    @property
    def stage(self) -> Game:
        return self.game.stage


def _sign(e, assumptions) -> str:
    return conditions.sign(sympy.sympify(e), assumptions)


class _Undecided(Exception):
    pass


def _decided(e, assumptions) -> int:
    s = _sign(e, assumptions)
    if s == "+":
        return 1
    if s == "-":
        return -1
    if s == "0":
        return 0
    raise _Undecided


def _same_point(p, q) -> bool:
    return all(sympy.expand(a - b) == 0 for a, b in zip(p, q))


def feasible_set(points, assumptions) -> tuple | None:
    """Vertices of the convex hull of ``points`` (pairs of exact expressions), counter-clockwise,
    or ``None`` when the assumptions do not decide it."""
    unique = []
    for p in points:
        if not any(_same_point(p, q) for q in unique):
            unique.append(tuple(p))

    def compare(p, q):
        c = _decided(p[0] - q[0], assumptions)
        return c if c else _decided(p[1] - q[1], assumptions)

    try:
        ordered = sorted(unique, key=functools.cmp_to_key(compare))
        if len(ordered) <= 2:
            return tuple(ordered)

        def cross(o, a, b):
            return _decided((a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]), assumptions)

        lower, upper = [], []
        for p in ordered:
            while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
                lower.pop()
            lower.append(p)
        for p in reversed(ordered):
            while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
                upper.pop()
            upper.append(p)
    except _Undecided:
        return None
    return tuple(lower[:-1] + upper[:-1])


def clip_individually_rational(polygon, floor, assumptions) -> tuple | None:
    """The part of a convex polygon where ``u_i >= floor[i]`` for both players, or ``None``."""
    try:
        out = list(polygon)
        for axis in range(2):
            if not out:
                break
            if len(out) == 1:
                out = out if _decided(out[0][axis] - floor[axis], assumptions) >= 0 else []
                continue
            clipped = []
            edges = list(zip(out, out[1:] + out[:1])) if len(out) > 2 else [(out[0], out[1])]
            for p, q in edges:
                sp_, sq = (_decided(p[axis] - floor[axis], assumptions), _decided(q[axis] - floor[axis], assumptions))
                if sp_ >= 0:
                    clipped.append(p)
                if sp_ * sq < 0:
                    t = (floor[axis] - p[axis]) / (q[axis] - p[axis])
                    clipped.append(tuple(sympy.factor(sympy.cancel(p[k] + t * (q[k] - p[k]))) for k in range(2)))
            if len(out) == 2 and _decided(out[1][axis] - floor[axis], assumptions) >= 0:
                clipped.append(out[1])
            unique = []
            for p in clipped:
                if not any(_same_point(p, q) for q in unique):
                    unique.append(p)
            out = unique
    except _Undecided:
        return None
    return tuple(out)


def analyse(repeated: RepeatedGame, *, discount: str = "delta", strategies=None, horizon: int | None = None,
            statics: bool = False) -> RepeatedAnalysis:
    """The whole analysis of REPEATED.md for a two-player stage game."""
    from ..equilibria import equilibria as equilibria_of

    game = repeated.stage
    _check_stage(game, discount)
    delta = discount_symbol(discount)
    assumptions = tuple(game.assumptions)
    stage_equilibria = equilibria_of(game)
    values = tuple(minmax(game, i) for i in range(2))
    points = [game.outcome(a) for a in game.profiles()]
    feasible = feasible_set(points, assumptions)
    notes = []
    feasible_ir = None
    if feasible is None:
        notes.append("the shape of the feasible set depends on the payoffs; numeric payoffs fix it")
    elif any(m.mixed is None for m in values):
        notes.append("the individually rational part depends on the payoffs (the minmax values do)")
    else:
        feasible_ir = clip_individually_rational(feasible, [m.mixed for m in values], assumptions)
        if feasible_ir is None:
            notes.append("the individually rational part depends on the payoffs; numeric payoffs fix it")
    profiles = []
    for prof in library_profiles(repeated, strategies, stage_equilibria):
        limits.check("the strategy profiles of a repeated game")
        profiles.append(analyse_profile(game, prof, delta))
    paths, unique = (), False
    if horizon is not None:
        paths, unique = finite_horizon(repeated, stage_equilibria, horizon, delta)
    rows = threshold_statics(profiles, game) if statics else None
    return RepeatedAnalysis(repeated, delta, stage_equilibria, values, feasible, feasible_ir, "; ".join(notes),
                            tuple(profiles), horizon, paths, unique, rows)


def _check_stage(game, discount: str) -> None:
    """A finite two-player stage game in normal form, and a discount name that is free (exit 2)."""
    if not isinstance(game, Game) or game.bayesian is not None:
        raise UsageError(f"{getattr(game, 'title', '') or 'this game'} has types (incomplete information); "
                         "repeated games need a two-player stage game in normal form without types")
    if game.n_players != 2:
        raise UsageError(f"repeated games need a two-player stage game; {game.title or 'this game'} "
                         f"has {game.n_players} players")
    if discount in {p.name for p in game.parameters} or discount in {str(s) for s in game.free_symbols} \
            or discount in {name for name, _ in game.definitions}:
        raise UsageError(f"the discount factor's name {discount!r} is a parameter of the game; "
                         "choose another name for it")


def finite_horizon(repeated: RepeatedGame, stage_equilibria, periods: int, delta) -> tuple:
    """Subgame-perfect paths of the ``periods``-times repeated game (module docstring)."""
    if not isinstance(periods, int) or periods < 1:
        raise UsageError(f"the horizon must be a positive whole number of periods, got {periods!r}")
    if periods > MAX_HORIZON:
        raise UsageError(f"the horizon is at most {MAX_HORIZON} periods, got {periods}")
    game = repeated.stage
    assumptions = tuple(game.assumptions) + (delta > 0, delta < 1)
    eqs = list(stage_equilibria.equilibria)
    unique = len(eqs) == 1 and not eqs[0].conditions and stage_equilibria.complete
    paths = []

    def geometric(n):  # sum of delta**t for t < n, in closed form
        return sympy.Integer(n) if n <= 1 else (1 - delta**n) / (1 - delta)

    for eq in eqs:
        total = tuple(eq.payoffs[i] * geometric(periods) for i in range(2))
        paths.append(HorizonPath("stage", (eq,) * periods, total, tuple(eq.conditions)))
    if unique or periods < 2:
        return tuple(paths), unique
    c = tuple(cooperative_actions(repeated))
    pure = [e for e in eqs if e.profile.pure_indices is not None]
    if any(e.profile.pure_indices == c and not e.conditions for e in pure):
        return tuple(paths), unique
    for good in pure:
        for bad in pure:
            if good is bad:
                continue
            conds = list(good.conditions) + list(bad.conditions)
            for i in range(2):
                loss_last = good.payoffs[i] - bad.payoffs[i]
                for a_i in range(len(game.strategies[i])):
                    if a_i == c[i]:
                        continue
                    a = list(c)
                    a[i] = a_i
                    gain = game.payoffs[i][tuple(a)] - game.payoffs[i][c]
                    conds.append(gain <= delta * loss_last)
                    # k periods before the reward the loss is sum_{s<k} delta^s x + delta^k y; it grows
                    # with k when x >= (1 - delta) y, and the last cooperative period binds
                    x = game.payoffs[i][c] - bad.payoffs[i]
                    if conditions.decide(x - (1 - delta) * loss_last >= 0, assumptions).value is True:
                        continue
                    if periods > 50:
                        raise UnsupportedError("reward-and-punishment paths over more than 50 periods need "
                                               "numeric payoffs here; use a shorter --horizon")
                    for k in range(2, periods):
                        lost = sum((delta**s * x for s in range(1, k)), sympy.Integer(0))
                        conds.append(gain <= lost + delta**k * loss_last)
            simplified = conditions.simplify(conds, assumptions)
            if simplified is None:
                continue
            path = (c,) * (periods - 1) + (good,)
            total = tuple(game.payoffs[i][c] * geometric(periods - 1) + delta**(periods - 1) * good.payoffs[i]
                          for i in range(2))
            paths.append(HorizonPath("reward-punish", path, total, tuple(simplified), good, bad))
    return tuple(paths), unique


def _tidy(expr, assumptions) -> sympy.Expr:
    """A factored ratio whose factors are written to be positive where the assumptions say which
    way they lean (``(T - R)/(T - P)**2``, not ``-(R - T)/(P - T)**2``)."""
    expr = sympy.factor(expr)
    if expr.has(sympy.Pow) and any(not p.exp.is_Integer for p in expr.atoms(sympy.Pow)):
        return expr
    sign = 1
    parts = []
    for factor in sympy.Mul.make_args(expr):
        base, exp = factor.as_base_exp()
        if base.is_Number:
            parts.append(factor)
            continue
        if isinstance(base, sympy.Add) and conditions.sign(base, assumptions) == "-":
            base = sympy.expand(-base)
            if exp.is_Integer and int(exp) % 2:
                sign = -sign
        parts.append(sympy.Pow(base, exp, evaluate=False) if exp != 1 else base)
    return sign * sympy.Mul(*parts)


def threshold_statics(profiles, game: Game) -> tuple[ThresholdStatics, ...]:
    """Each threshold differentiated by each parameter it involves, with the derivative's sign
    under the assumptions (the discount factor excluded)."""
    rows = []
    assumptions = tuple(game.assumptions)
    for analysis in profiles:
        for label, verdict in (("subgame_perfect", analysis.spe), ("nash", analysis.nash)):
            if verdict is None or verdict.threshold is None or verdict.threshold.is_number:
                continue
            if isinstance(verdict.threshold, sympy.Max):
                continue
            for s in sorted(verdict.threshold.free_symbols, key=str):
                derivative = _tidy(sympy.diff(verdict.threshold, s), assumptions)
                rows.append(ThresholdStatics(analysis.profile.name, label, verdict.threshold, str(s), derivative,
                                             conditions.sign(derivative, assumptions)))
    return tuple(rows)
