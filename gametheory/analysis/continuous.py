"""Verdicts on the equilibria of continuous games: burden shares, exploitation, under-provision.

Conventions
-----------
* The *total* is the sum of every player's choice (each player choosing one number); in a
  symmetric game by count it is ``N*x``.
* A player's *burden share* is its choice over the total; its *capacity share* is the upper
  bound of its interval over the sum of the upper bounds (its income, in Olson and Zeckhauser's
  alliance model), when every bound is finite.
* *Exploitation of the great by the small* (Olson and Zeckhauser 1966, p. 272): the player
  whose capacity is the largest under the assumptions bears a share of the burden larger than
  its capacity share. Decided per equilibrium under the assumptions and the equilibrium's region.
* *Under-provision* (the continuous form of the dilemma): the total at the joint optimum (the
  sum of payoffs maximised) exceeds the total in equilibrium; the *shortfall* is their
  difference, the *welfare shortfall* the difference of summed payoffs. Each comparison holds in
  the intersection of the two regions.

References
----------
M. Olson and R. Zeckhauser, "An Economic Theory of Alliances", Review of Economics and
Statistics 48(3), 1966, 266-279.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy

from .. import conditions

__all__ = ["Verdict", "Quantities", "Shortfall", "ContinuousAnalysis", "analyse"]


@dataclass(frozen=True)
class Verdict:
    """A yes/no/depends answer: ``holds`` True, False or None (then ``conditions`` says when)."""

    holds: bool | None
    conditions: tuple = ()


@dataclass(frozen=True)
class Quantities:
    """The model quantities of one equilibrium."""

    total: sympy.Expr | None
    shares: tuple[tuple[str, sympy.Expr], ...] = ()
    capacity_shares: tuple[tuple[str, sympy.Expr], ...] = ()
    exploitation: Verdict | None = None
    largest: str | None = None


@dataclass(frozen=True)
class Shortfall:
    """One equilibrium against one joint optimum, in the intersection of their regions."""

    equilibrium: int
    efficient: int
    conditions: tuple
    provision: sympy.Expr | None
    welfare: sympy.Expr
    under_provision: Verdict
    deficient: Verdict


@dataclass(frozen=True)
class ContinuousAnalysis:
    quantities: tuple[Quantities, ...]
    shortfalls: tuple[Shortfall, ...]
    exploitation: Verdict | None


def _decide(relation, assumptions) -> Verdict:
    d = conditions.decide(relation, assumptions)
    return Verdict(d.value, tuple(d.conditions))


def _one_choice(game) -> bool:
    return all(len(cs) == 1 for cs in game.choices)


def _simplify(e):
    return sympy.factor(sympy.cancel(e))


def _quantities(game, eq, assumptions) -> Quantities:
    if not _one_choice(game):
        return Quantities(None)
    values = [v for _, v in eq.choices]
    if game.by_count:
        return Quantities(_simplify(game.count * values[0]), ((game.players[0], 1 / game.count),))
    total = _simplify(sum(values, sympy.Integer(0)))
    region = tuple(assumptions) + tuple(eq.conditions)
    if conditions.decide(total > 0, region).value is not True:
        return Quantities(total)
    shares = tuple((p, _simplify(v / total)) for p, v in zip(game.players, values))
    uppers = [cs[0].upper for cs in game.choices]
    if any(u is None for u in uppers):
        return Quantities(total, shares)
    capacity = sum(uppers, sympy.Integer(0))
    capacity_shares = tuple((p, _simplify(u / capacity)) for p, u in zip(game.players, uppers))
    largest = None
    for i, u in enumerate(uppers):
        if all(conditions.decide(u > w, assumptions).value is True for j, w in enumerate(uppers) if j != i):
            largest = i
    if largest is None:
        return Quantities(total, shares, capacity_shares)
    verdict = _decide(shares[largest][1] > capacity_shares[largest][1], region)
    return Quantities(total, shares, capacity_shares, verdict, game.players[largest])


def _welfare(game, eq):
    if game.by_count:
        return game.count * eq.payoffs[0]
    return sum(eq.payoffs, sympy.Integer(0))


def _positive_log_simplify(e):
    e = sympy.expand_log(e, force=True)
    return sympy.logcombine(e, force=True) if not e.free_symbols else e


def _one_log(welfare):
    """``c*log(q)`` when a sum of logarithms combines into one (shorter to read), else as it is."""
    terms = sympy.factor_terms(sympy.expand_log(welfare, force=True))
    factors = sympy.Mul.make_args(terms)
    rest = sympy.logcombine(sympy.Mul(*[f for f in factors if f.has(sympy.log)]), force=True)
    if isinstance(rest, sympy.log):
        return sympy.Mul(*[f for f in factors if not f.has(sympy.log)]) * sympy.log(sympy.factor(rest.args[0]))
    return welfare


def _positive(welfare, region) -> Verdict:
    """Is the welfare shortfall positive? A sum of logarithms is combined into ``c*log(q)`` and
    decided as ``c > 0`` and ``q > 1`` when the direct decision depends."""
    direct = _decide(welfare > 0, region)
    if direct.holds is not None:
        return direct
    terms = sympy.factor_terms(sympy.expand_log(welfare, force=True))
    factors = sympy.Mul.make_args(terms)
    coefficient = sympy.Mul(*[f for f in factors if not f.has(sympy.log)])
    rest = sympy.logcombine(sympy.Mul(*[f for f in factors if f.has(sympy.log)]), force=True)
    if isinstance(rest, sympy.log) and conditions.decide(coefficient > 0, region).value is True:
        inside = _decide(sympy.factor(sympy.together(rest.args[0] - 1)) > 0, region)
        if inside.holds is not None or inside.conditions:
            return inside
    return direct


def analyse(result) -> ContinuousAnalysis:
    """Quantities, the exploitation verdict and the shortfalls against the joint optimum."""
    game = result.game
    assumptions = tuple(result.assumptions)
    quantities = tuple(_quantities(game, eq, assumptions) for eq in result.equilibria)
    shortfalls = []
    for k, eq in enumerate(result.equilibria):
        for j, eff in enumerate(result.efficient):
            joint = conditions.simplify(tuple(eq.conditions) + tuple(eff.conditions), assumptions)
            if joint is None:
                continue
            region = assumptions + tuple(joint)
            provision = None
            under = Verdict(None)
            if _one_choice(game):
                scale = game.count if game.by_count else 1
                eff_total = scale * sum((v for _, v in eff.choices), sympy.Integer(0))
                provision = _simplify(eff_total - quantities[k].total)
                under = _decide(provision > 0, region)
            welfare = _positive_log_simplify(eff.total - _welfare(game, eq))
            deficient = _positive(welfare, region)
            welfare = _one_log(welfare)
            shortfalls.append(Shortfall(k, j, tuple(joint), provision, welfare, under, deficient))
    verdicts = [q.exploitation for q in quantities if q.exploitation is not None]
    overall = None
    if verdicts and len(verdicts) == len(quantities):
        if all(v.holds is True for v in verdicts):
            overall = Verdict(True)
        elif all(v.holds is False for v in verdicts):
            overall = Verdict(False)
        else:
            overall = Verdict(None, tuple(c for v in verdicts for c in v.conditions))
    return ContinuousAnalysis(quantities, tuple(shortfalls), overall)


# -- comparative statics ----------------------------------------------------------------------------

@dataclass(frozen=True)
class StaticsRow:
    """The derivative of one quantity by one parameter, in one region.

    ``equilibrium`` is 1-based; ``method`` is ``"closed form"`` or ``"implicit function theorem"``
    (then ``expression`` names the equilibrium value and ``derivative`` is a formula in the
    equilibrium values of the choices)."""

    equilibrium: int
    quantity: str
    expression: sympy.Expr
    parameter: sympy.Symbol
    derivative: sympy.Expr
    sign: str
    conditions: tuple
    method: str = "closed form"


@dataclass(frozen=True)
class KindStatics:
    game: object
    rows: tuple[StaticsRow, ...]
    notes: tuple[str, ...] = ()


def _parameters(game, wrt):
    symbols = sorted(game.free_symbols, key=str)
    if wrt:
        from ..errors import UsageError

        names = {str(s): s for s in symbols}
        unknown = [w for w in wrt if w not in names]
        if unknown:
            raise UsageError(f"unknown parameter {unknown[0]!r}; the parameters are: {', '.join(names) or 'none'}")
        symbols = [names[w] for w in wrt]
    return symbols


def row(k, quantity, expression, parameter, assumptions, region, method="closed form", derivative=None, given=()):
    """One statics row: the derivative and its sign under the assumptions and the region (and
    ``given``: facts used in deciding but not listed, such as each choice inside its interval)."""
    if derivative is None:
        derivative = sympy.factor(sympy.cancel(sympy.diff(expression, parameter))) \
            if not expression.has(sympy.log) else sympy.simplify(sympy.diff(expression, parameter))
    where = tuple(assumptions) + tuple(given) + tuple(region)
    s = conditions.sign(derivative, where)
    conds = tuple(region)
    if s == "?":
        d = conditions.decide(derivative > 0, where)
        conds = tuple(region) + tuple(d.conditions)
    return StaticsRow(k, quantity, expression, parameter, derivative, s, conds, method)


def continuous_statics(game, wrt=None) -> KindStatics:
    """Each equilibrium quantity (choices, payoffs, the total) differentiated by each parameter,
    with its sign in the equilibrium's region; by the implicit function theorem at an interior
    equilibrium when the first-order conditions have no closed form."""
    from ..equilibria.kkt import _assumptions, _box, equilibria, payoff_function
    from ..errors import AnalysisError

    parameters = _parameters(game, wrt)
    try:
        result = equilibria(game)
    except AnalysisError:
        return _implicit(game, parameters, _assumptions(game), tuple(_box(game)), payoff_function)
    rows = []
    quantities = analyse(result).quantities
    for k, (eq, q) in enumerate(zip(result.equilibria, quantities), start=1):
        items = [(str(v), x) for v, x in eq.choices]
        items += [(f"payoff:{p}", u) for p, u in zip(game.players, eq.payoffs)]
        if q.total is not None and len(eq.choices) > 1 or game.by_count:
            items.append(("total", q.total))
        for name, expression in items:
            for parameter in parameters:
                rows.append(row(k, name, expression, parameter, result.assumptions, eq.conditions))
    return KindStatics(game, tuple(rows))


def _implicit(game, parameters, assumptions, box, payoff_function):
    if game.by_count:
        u, (x,), others = payoff_function(game)
        variables = [x]
        gradient = [sympy.diff(u, x).xreplace({others: (game.count - 1) * x})]
    else:
        variables = list(game.variables)
        gradient = [sympy.diff(game.payoffs[game.owner(v)], v) for v in variables]
    jacobian = sympy.Matrix(gradient).jacobian(variables)
    rows = []
    for parameter in parameters:
        rhs = -sympy.Matrix([sympy.diff(g, parameter) for g in gradient])
        solution = jacobian.LUsolve(rhs)
        for v, d in zip(variables, solution):
            rows.append(row(1, str(v), v, parameter, assumptions, (), "implicit function theorem",
                            derivative=sympy.factor(sympy.cancel(sympy.together(d))), given=box))
    note = ("no closed form: derivatives at an interior equilibrium by the implicit function theorem, "
            "as formulas in the equilibrium values of the choices; signs decided for every choice in its interval")
    return KindStatics(game, tuple(rows), (note,))
