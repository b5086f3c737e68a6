"""Pure Nash equilibria of continuous games from the Karush-Kuhn-Tucker conditions.

Conventions
-----------
* A player's choice ``x`` in ``[lo, hi]`` is a best response (for a payoff concave in ``x`` on
  the interval) exactly when one of three cases holds: *interior* ``lo < x < hi`` and
  ``du/dx = 0``; *lower* ``x = lo`` and ``du/dx <= 0`` there; *upper* ``x = hi`` and
  ``du/dx >= 0`` there (Kuhn and Tucker 1951; Mas-Colell, Whinston and Green 1995, M.K).
* Equilibria combine one case per choice variable; the interior equations are solved jointly
  and exactly (``sympy.solve``); every case's conditions are simplified under the assumptions by
  :mod:`gametheory.conditions`, and a combination whose conditions cannot hold is dropped. The
  surviving conditions are the equilibrium's *region*.
* The second-order condition is concavity of each player's payoff in its own choices on the
  box of every choice's interval, decided under the assumptions (leading principal minors of
  the Hessian). Where it cannot be shown, the local condition at the point is kept as a
  condition and the result says so.
* A symmetric game by count is solved for its symmetric equilibrium: every other player
  chooses the same ``y``, ``X_others = (N - 1)*y``; the first-order condition is taken before
  the others' choices are set equal to the player's own.
* The *efficient* points maximise the sum of payoffs (for a symmetric game: ``N`` times the
  payoff when every player chooses alike) by the same cases.
* A numeric instance whose equations have no closed form falls back to
  :func:`mpmath.findroot` from a grid of starting points; each point is kept only when its
  first-order residuals are below ``1e-40`` at 60 digits and its case conditions hold, and the
  result says so (``exact=False``).
* :func:`regret` beside :func:`equilibria` is the checker: the most a player gains by its exact
  best response or by any choice on a fine grid of its interval.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import sympy

from .. import conditions, limits
from ..errors import AnalysisError, UnsupportedError
from ..expr import symbol
from ..games.continuous import OTHERS, TOTAL, ContinuousGame

__all__ = ["BestResponse", "ContinuousEquilibrium", "EfficientPoint", "KKTResult", "equilibria",
           "regret", "is_equilibrium", "payoff_function"]

_CASES = ("interior", "lower", "upper")


@dataclass(frozen=True)
class BestResponse:
    """One case of a player's best response to the others' choices."""

    player: int
    variable: sympy.Symbol
    case: str
    value: sympy.Expr | None
    conditions: tuple


@dataclass(frozen=True)
class ContinuousEquilibrium:
    """One pure Nash equilibrium: the choices, the cases, payoffs and region."""

    choices: tuple[tuple[sympy.Symbol, sympy.Expr], ...]
    cases: tuple[str, ...]
    payoffs: tuple[sympy.Expr, ...]
    conditions: tuple
    second_order: tuple = ()
    numeric: bool = False

    def value(self, variable) -> sympy.Expr:
        return dict(self.choices)[variable]


@dataclass(frozen=True)
class EfficientPoint:
    """A joint optimum (the sum of payoffs maximised), with its region."""

    choices: tuple[tuple[sympy.Symbol, sympy.Expr], ...]
    cases: tuple[str, ...]
    total: sympy.Expr
    conditions: tuple


@dataclass(frozen=True)
class KKTResult:
    """Every pure equilibrium of a continuous game, with best responses and the joint optimum."""

    game: ContinuousGame
    best_responses: tuple[BestResponse, ...]
    equilibria: tuple[ContinuousEquilibrium, ...]
    efficient: tuple[EfficientPoint, ...]
    concave: tuple[bool | None, ...]
    assumptions: tuple
    exact: bool = True
    solver: str = "kkt"
    notes: tuple[str, ...] = field(default=())


# -- the payoffs as functions of the choices ------------------------------------------------------

def payoff_function(game: ContinuousGame, player: int = 0):
    """(payoff, own variables, others' symbol or None): for a symmetric game by count the payoff of a
    player choosing ``x`` when each other player chooses ``y`` is ``payoff.subs(y_symbol, y)``."""
    if not game.by_count:
        return game.payoffs[player], tuple(c.symbol for c in game.choices[player]), None
    x = game.choices[0][0].symbol
    others = symbol(OTHERS)
    u = game.payoffs[0].xreplace({symbol(TOTAL): x + others})
    return u, (x,), others


def _assumptions(game) -> tuple:
    extra = ()
    if isinstance(game.count, sympy.Symbol):
        extra = (game.count >= 2,)
    return tuple(game.assumptions) + extra


def _box(game) -> list:
    out = []
    for cs in game.choices:
        for c in cs:
            if c.lower is not None:
                out.append(c.symbol >= c.lower)
            if c.upper is not None:
                out.append(c.symbol <= c.upper)
    if game.by_count:
        c = game.choices[0][0]
        n1 = game.count - 1
        others = symbol(OTHERS)
        if c.lower is not None:
            out.append(others >= n1 * c.lower)
        if c.upper is not None:
            out.append(others <= n1 * c.upper)
    return out


def tidy(expr):
    """A cheap exact normal form: rational parts cancelled, logarithms' arguments factored
    (``sympy.simplify`` costs seconds on these systems)."""
    if not isinstance(expr, sympy.Expr) or expr.has(sympy.Float):
        return expr
    expr = expr.replace(lambda a: isinstance(a, sympy.log), lambda a: sympy.log(sympy.factor(a.args[0])))
    if expr.has(sympy.log, sympy.exp, sympy.Pow) and not expr.is_rational_function():
        return expr
    return sympy.factor(sympy.cancel(expr)) if expr.free_symbols else expr


def _finite(expr) -> bool:
    return not expr.has(sympy.zoo, sympy.oo, -sympy.oo, sympy.nan)


def _simplify(conds, assumptions):
    if any(c is sympy.false for c in conds):
        return None
    conds = [c for c in conds if c is not sympy.true]
    return conditions.simplify(conds, assumptions)


def _case_value(choice, case):
    return {"lower": choice.lower, "upper": choice.upper}.get(case)


# -- concavity ----------------------------------------------------------------------------------

def _concave(objective, variables, assumptions) -> bool | None:
    """True when the Hessian of ``objective`` in ``variables`` is negative definite (leading
    principal minors alternate in sign) or, for one variable, the second derivative is <= 0."""
    hessian = sympy.hessian(objective, variables)
    if len(variables) == 1:
        s = conditions.sign(hessian[0, 0], assumptions)  # a sum of signed terms, as differentiated
        if s not in ("-", "<=0", "0", "+"):
            s = conditions.sign(tidy(hessian[0, 0]), assumptions)
        return True if s in ("-", "<=0", "0") else (False if s in ("+",) else None)
    for k in range(1, len(variables) + 1):
        minor = sympy.factor(sympy.together(hessian[:k, :k].det()))
        want = "-" if k % 2 else "+"
        if conditions.sign((-1) ** k * minor, assumptions) != "+":
            return None
        del want
    return True


# -- the KKT cases --------------------------------------------------------------------------------

def _kkt_points(variables, gradient, choices, assumptions, *, numeric=False):
    """Points satisfying the KKT conditions of ``gradient[k]`` (the derivative that matters for
    ``variables[k]``): list of (point, cases, conditions)."""
    out = []
    for cases in itertools.product(*[[c for c in _CASES if c == "interior" or _case_value(ch, c) is not None]
                                      for ch in choices]):
        limits.check("the first-order conditions")
        fixed = {v: _case_value(ch, c) for v, ch, c in zip(variables, choices, cases) if c != "interior"}
        free = [v for v, c in zip(variables, cases) if c == "interior"]
        equations = [sympy.together(g.xreplace(fixed)) for g, c in zip(gradient, cases) if c == "interior"]
        if any(not _finite(e) for e in equations):
            continue
        solutions = _solve(equations, free, numeric)
        for sol in solutions:
            point = dict(fixed)
            point.update(sol)
            point = {v: tidy(point[v].xreplace(point)) for v in variables}
            conds = []
            ok = True
            for v, ch, g, c in zip(variables, choices, gradient, cases):
                if c == "interior":
                    if ch.lower is not None:
                        conds.append(point[v] > ch.lower)
                    if ch.upper is not None:
                        conds.append(point[v] < ch.upper)
                    if not point[v].is_real and point[v].is_real is not None:
                        ok = False
                else:
                    slope = tidy(g.xreplace(point))
                    if not _finite(slope):
                        ok = False
                        break
                    conds.append(slope <= 0 if c == "lower" else slope >= 0)
            if not ok:
                continue
            region = _simplify(conds, assumptions)
            if region is None:
                continue
            out.append((point, cases, region))
    return out


def _solve(equations, free, numeric):
    if not free:
        return [{}] if all(tidy(e) == 0 for e in equations) else []
    numerators = [sympy.numer(sympy.together(e)) for e in equations]
    try:
        found = limits.interruptible(lambda: sympy.solve(numerators, free, dict=True, check=False, simplify=False),
                                     "solving the first-order conditions")
    except NotImplementedError:
        found = None
    if found is None or (found == [] and numeric and any(e.has(sympy.log, sympy.exp) for e in numerators)):
        if not numeric:
            raise AnalysisError("the first-order conditions have no closed form that sympy can find",
                                needs="values")
        return None
    good = []
    for sol in found:
        if set(sol) != set(free):
            if numeric:
                continue
            raise UnsupportedError("the first-order conditions leave a continuum of solutions; "
                                   "the toolkit reports isolated equilibria only")
        if all(v.is_real is not False for v in sol.values()):
            good.append(sol)
    # a root at which the equations' denominators vanish is not a solution
    kept = []
    for sol in good:
        if all(_finite(tidy(e.xreplace(sol))) for e in equations):
            kept.append(sol)
    return kept


# -- the numeric fallback ----------------------------------------------------------------------

_DPS = 60
_TOL = sympy.Rational(1, 10 ** 40)


def _numeric_points(variables, gradient, choices):
    import mpmath

    out = []
    with mpmath.workdps(_DPS):
        for cases in itertools.product(*[[c for c in _CASES if c == "interior" or _case_value(ch, c) is not None]
                                          for ch in choices]):
            limits.check("the numeric solve")
            fixed = {v: _case_value(ch, c) for v, ch, c in zip(variables, choices, cases) if c != "interior"}
            free = [v for v, c in zip(variables, cases) if c == "interior"]
            eqs = [g.xreplace(fixed) for g, c in zip(gradient, cases) if c == "interior"]
            starts = _starts(free, choices, variables)
            roots = []
            if free:
                f = sympy.lambdify(free, eqs[0] if len(free) == 1 else eqs, "mpmath")
                for start in starts:
                    try:
                        root = mpmath.findroot(f, start[0] if len(free) == 1 else start)
                    except (ValueError, ZeroDivisionError, TypeError, OverflowError):
                        continue
                    root = [root] if len(free) == 1 else list(root)
                    if any(abs(mpmath.im(r)) > mpmath.mpf(10) ** -30 for r in root):
                        continue
                    root = [mpmath.re(r) for r in root]
                    if not any(max(abs(a - b) for a, b in zip(root, seen)) < mpmath.mpf(10) ** -30 for seen in roots):
                        roots.append(root)
            else:
                roots = [[]]
            for root in roots:
                point = dict(fixed)
                point.update({v: sympy.Float(mpmath.nstr(r, 50), 50) for v, r in zip(free, root)})
                residual = max([abs(sympy.N(e.xreplace(point), _DPS)) for e in eqs] or [0])
                if residual > _TOL:
                    continue
                ok = True
                for v, ch, g, c in zip(variables, choices, gradient, cases):
                    val = point[v]
                    if c == "interior":
                        if ch.lower is not None and not sympy.N(val - ch.lower, _DPS) > 0:
                            ok = False
                        if ch.upper is not None and not sympy.N(ch.upper - val, _DPS) > 0:
                            ok = False
                    else:
                        slope = sympy.N(g.xreplace(point), _DPS)
                        if not slope.is_real or (c == "lower" and slope > _TOL) or (c == "upper" and slope < -_TOL):
                            ok = False
                if ok and not any(all(abs(sympy.N(point[v] - q[0][v], _DPS)) < 1e-25 for v in variables)
                                  for q in out):
                    out.append((point, cases, ()))
    return out


def _starts(free, choices, variables):
    by = {v: ch for v, ch in zip(variables, choices)}
    grids = []
    for v in free:
        ch = by[v]
        lo = sympy.N(ch.lower) if ch.lower is not None else -10
        hi = sympy.N(ch.upper) if ch.upper is not None else (lo + 10 if ch.lower is not None else 10)
        grids.append([lo + (hi - lo) * k / 6 for k in range(1, 6)])
    combos = list(itertools.product(*grids))
    return [list(map(float, c)) for c in combos[:60]]


# -- the solver --------------------------------------------------------------------------------

def equilibria(game: ContinuousGame) -> KKTResult:
    """Every pure Nash equilibrium of a continuous game, exactly where sympy can solve the
    first-order conditions, with each one's region, payoffs and second-order conditions.

    A symmetric game by count gives its symmetric equilibria. A numeric instance without a
    closed form is solved numerically and verified (``exact=False``).
    """
    assumptions = _assumptions(game)
    box = tuple(_box(game))
    numeric = game.is_numeric
    if game.by_count:
        return _symmetric(game, assumptions, box, numeric)
    variables = list(game.variables)
    owners = [game.owner(v) for v in variables]
    choices = [game.choice(v) for v in variables]
    gradient = [sympy.diff(game.payoffs[i], v) for v, i in zip(variables, owners)]
    concave = tuple(_concave(game.payoffs[i], [c.symbol for c in game.choices[i]], assumptions + box)
                    for i in range(game.n_players))
    exact = True
    try:
        points = _kkt_points(variables, gradient, choices, assumptions)
    except AnalysisError:
        if not numeric:
            raise
        points, exact = _numeric_points(variables, gradient, choices), False
    notes = []
    found = []
    for point, cases, region in points:
        soc = _second_order(game, point, concave, assumptions, region)
        if soc is None:
            continue
        payoffs = tuple(tidy(u.xreplace(point)) for u in game.payoffs)
        found.append(ContinuousEquilibrium(tuple((v, point[v]) for v in variables), cases, payoffs,
                                           tuple(region), soc, numeric=not exact))
    if any(c is not True for c in concave):
        notes.append("a payoff could not be shown concave in the player's own choice: the equilibria "
                     "listed satisfy the first- and second-order conditions at the point (local)")
    if not exact:
        notes.append("no closed form: solved numerically with mpmath (60 digits), each point's first-order "
                     "conditions verified to 1e-40 and its case conditions checked")
    best = _best_responses(game, variables, owners, choices, gradient, assumptions)
    total = sum(game.payoffs, sympy.Integer(0))
    efficient = _efficient(total, variables, choices, assumptions, box, numeric and not exact)
    solver = "kkt" if exact else "kkt-numeric (mpmath, verified)"
    return KKTResult(game, best, tuple(found), efficient, concave, assumptions, exact, solver, tuple(notes))


def _second_order(game, point, concave, assumptions, region):
    """() when the payoffs are concave; else the local second-order conditions at the point
    (``None`` when they fail)."""
    extra = []
    for i, flag in enumerate(concave):
        if flag is True:
            continue
        for c in game.choices[i]:
            second = tidy(sympy.diff(game.payoffs[i], c.symbol, 2).xreplace(point))
            d = conditions.decide(second <= 0, tuple(assumptions) + tuple(region))
            if d.value is False:
                return None
            if d.value is None:
                extra.extend(d.conditions)
    return tuple(extra)


def _best_responses(game, variables, owners, choices, gradient, assumptions):
    out = []
    for v, i, ch, g in zip(variables, owners, choices, gradient):
        if len(game.choices[i]) != 1:
            continue
        box = []
        for w, other in zip(variables, choices):
            if w == v:
                continue
            if other.lower is not None:
                box.append(w >= other.lower)
            if other.upper is not None:
                box.append(w <= other.upper)
        for case in _CASES:
            value = _case_value(ch, case)
            if case != "interior" and value is None:
                continue
            if case == "interior":
                try:
                    sols = limits.interruptible(lambda: sympy.solve(sympy.numer(sympy.together(g)), v, check=False, simplify=False),
                                                "best responses")
                except NotImplementedError:
                    continue
                for s in sols:
                    conds = [] if ch.lower is None else [s > ch.lower]
                    conds += [] if ch.upper is None else [s < ch.upper]
                    region = _simplify(conds, tuple(assumptions) + tuple(box))
                    if region is not None and s.is_real is not False:
                        out.append(BestResponse(i, v, case, tidy(s), tuple(region)))
            else:
                slope = tidy(g.xreplace({v: value}))
                if not _finite(slope):
                    continue
                region = _simplify([slope <= 0 if case == "lower" else slope >= 0], tuple(assumptions) + tuple(box))
                if region is not None:
                    out.append(BestResponse(i, v, case, value, tuple(region)))
    return tuple(out)


def _efficient(total, variables, choices, assumptions, box, numeric):
    gradient = [sympy.diff(total, v) for v in variables]
    if numeric:
        points = _numeric_points(variables, gradient, choices)
    else:
        try:
            points = _kkt_points(variables, gradient, choices, assumptions)
        except AnalysisError:
            return ()
    jointly = _concave(total, list(variables), tuple(assumptions) + tuple(box))
    out = []
    for point, cases, region in points:
        if jointly is not True:
            hess = sympy.hessian(total, list(variables)).xreplace(point)
            if any(conditions.decide(hess[k, k] <= 0, tuple(assumptions) + tuple(region)).value is False
                   for k in range(len(variables))):
                continue
        out.append(EfficientPoint(tuple((v, point[v]) for v in variables), cases,
                                  tidy(total.xreplace(point)), tuple(region)))
    return tuple(out)


def _symmetric(game, assumptions, box, numeric):
    u, (x,), others = payoff_function(game)
    n = game.count
    ch = game.choices[0][0]
    slope = sympy.diff(u, x).xreplace({others: (n - 1) * x})
    concave = (_concave(u, [x], tuple(assumptions) + box),)
    exact = True
    try:
        points = _kkt_points([x], [slope], [ch], assumptions)
    except AnalysisError:
        if not numeric:
            raise
        points, exact = _numeric_points([x], [slope], [ch]), False
    found = []
    for point, cases, region in points:
        extra = ()
        if concave[0] is not True:
            second = tidy(sympy.diff(u, x, 2).xreplace({others: (n - 1) * point[x]}).xreplace(point))
            d = conditions.decide(second <= 0, tuple(assumptions) + tuple(region))
            if d.value is False:
                continue
            extra = tuple(d.conditions)
        payoff = tidy(u.xreplace({others: (n - 1) * point[x]}).xreplace(point))
        found.append(ContinuousEquilibrium(((x, point[x]),), cases, (payoff,), tuple(region), extra,
                                           numeric=not exact))
    per_capita = u.xreplace({others: (n - 1) * x})
    efficient = _efficient(n * per_capita, [x], [ch], assumptions, (), numeric and not exact)
    notes = ["symmetric equilibria: every player chooses alike"]
    if not exact:
        notes.append("no closed form: solved numerically with mpmath (60 digits), verified to 1e-40")
    best = _best_responses_symmetric(u, x, others, ch, assumptions, box)
    return KKTResult(game, best, tuple(found), efficient, concave, assumptions, exact,
                     "kkt" if exact else "kkt-numeric (mpmath, verified)", tuple(notes))


def _best_responses_symmetric(u, x, others, ch, assumptions, box):
    g = sympy.diff(u, x)
    out = []
    try:
        sols = limits.interruptible(lambda: sympy.solve(sympy.numer(sympy.together(g)), x, check=False, simplify=False), "best responses")
    except NotImplementedError:
        sols = []
    for s in sols:
        conds = ([] if ch.lower is None else [s > ch.lower]) + ([] if ch.upper is None else [s < ch.upper])
        region = _simplify(conds, tuple(assumptions) + tuple(box))
        if region is not None and s.is_real is not False:
            out.append(BestResponse(0, x, "interior", tidy(s), tuple(region)))
    for case in ("lower", "upper"):
        value = _case_value(ch, case)
        if value is None:
            continue
        slope = tidy(g.xreplace({x: value}))
        if not _finite(slope):
            continue
        region = _simplify([slope <= 0 if case == "lower" else slope >= 0], tuple(assumptions) + tuple(box))
        if region is not None:
            out.append(BestResponse(0, x, case, value, tuple(region)))
    return tuple(out)


# -- the checker ---------------------------------------------------------------------------------

def regret(game: ContinuousGame, choices: dict, *, grid: int = 400, dps: int = 50):
    """The most any player gains by deviating from ``choices`` (a mapping from each choice
    symbol to a number) in a numeric game: by its exact best response (the roots of its
    first-order condition and the bounds) or by any point of a grid of ``grid`` steps on its
    interval (an open upper end is searched up to twice the largest choice, plus 10).

    Returns an mpmath number (``<= 0`` up to rounding at an equilibrium)."""
    import mpmath

    if not game.is_numeric:
        raise ValueError("regret needs a numeric game: substitute values with game.subs(...) first")
    worst = mpmath.mpf(0)
    with mpmath.workdps(dps):
        players = range(1 if game.by_count else game.n_players)
        for i in players:
            u, own, others = payoff_function(game, i)
            fixed = {v: val for v, val in choices.items() if v not in own}
            if game.by_count:
                x = own[0]
                fixed = {others: (game.count - 1) * choices[x]}
            here = u.xreplace(fixed).xreplace({v: choices[v] for v in own})
            base = sympy.N(here, dps)
            for v in own:
                ch = game.choice(v) if not game.by_count else game.choices[0][0]
                rest = {w: choices[w] for w in own if w != v}
                f = u.xreplace(fixed).xreplace(rest)
                candidates = _grid(ch, choices, grid)
                try:
                    roots = sympy.solve(sympy.numer(sympy.together(sympy.diff(f, v))), v)
                except NotImplementedError:
                    roots = []
                # a float root is taken exactly (its binary value), so that it is evaluated at full precision
                candidates += [sympy.Rational(r) if r.is_Float else r for r in roots if r.is_real and _inside(r, ch)]
                for c in candidates:
                    value = sympy.N(f.xreplace({v: c}), dps)
                    if value.is_real and value.is_finite:
                        worst = max(worst, mpmath.mpf(str(value - base)))
    return worst


def _inside(r, ch) -> bool:
    return (ch.lower is None or r >= ch.lower) and (ch.upper is None or r <= ch.upper)


def _grid(ch, choices, steps):
    lo = ch.lower if ch.lower is not None else -2 * max(abs(v) for v in choices.values()) - 10
    hi = ch.upper if ch.upper is not None else 2 * max(abs(v) for v in choices.values()) + 10
    return [lo + (hi - lo) * sympy.Rational(k, steps) for k in range(steps + 1)]


def is_equilibrium(game: ContinuousGame, choices: dict, *, tolerance=sympy.Rational(1, 10 ** 20)) -> bool:
    """True when no player gains more than ``tolerance`` by deviating (see :func:`regret`)."""
    return regret(game, choices) <= tolerance
