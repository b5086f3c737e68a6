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
