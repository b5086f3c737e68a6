"""Plot data of continuous games and bargaining problems: each answer against one parameter.

Conventions
-----------
* The other parameters take their default values (values given with ``--set`` stay); a
  private parameter stays a random variable.
* Each curve is one quantity of one branch (an equilibrium, or a piece of a piecewise answer),
  sampled exactly at ``points`` rational points; ``None`` where the branch's region does not
  hold there. *Markers* are the region boundaries inside the range: the exact roots of each
  region's conditions.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy
from sympy.core.relational import Relational
from sympy.logic.boolalg import BooleanAtom

from .. import conditions
from ..errors import UsageError
from ..expr import symbol
from .statics import _linear_bounds

__all__ = ["KindCurve", "KindPlot", "kind_plot_data"]


@dataclass(frozen=True)
class KindCurve:
    label: str
    panel: str
    branch: int
    values: tuple

    def floats(self) -> list[float]:
        return [float("nan") if v is None else float(v) for v in self.values]


@dataclass(frozen=True)
class KindPlot:
    title: str
    parameter: str
    lo: sympy.Rational
    hi: sympy.Rational
    fixed: tuple
    xs: tuple
    curves: tuple[KindCurve, ...]
    markers: tuple[sympy.Expr, ...]


def _branches(game):
    """(label, panel, branch, expression, region) of every answer of the one-parameter game."""
    out = []
    if game.kind == "bargaining":
        from .bargaining import analyse, pieces

        r = analyse(game)
        # the answers with complete information take a private parameter at its default value
        defaults = game.defaults()
        known = {s: defaults[str(s)] for s, _ in game.private if str(s) in defaults}
        for name, value in (("range: low", r.range.low), ("range: high", r.range.high)):
            for k, piece in enumerate(pieces(value, r.assumptions)):
                out.append((name, "issue", k, piece.value.xreplace(known), piece.conditions))
        offer = r.alternating or r.offer
        if offer is not None:
            out.append(("offer", "issue", 0, offer.value.xreplace(known), offer.conditions))
        for rr in r.risk_return:
            for k, piece in enumerate(rr.pieces):
                out.append(("risk-return offer", "issue", k, piece.value, piece.conditions))
                out.append(("probability of war", "probability of war", k, piece.extra[0], piece.conditions))
        for k, piece in enumerate(r.agreement):
            out.append(("agreement", "issue", k, piece.value, piece.conditions))
        return out
    from ..equilibria.kkt import equilibria
    from .continuous import analyse

    result = equilibria(game)
    for k, (eq, q) in enumerate(zip(result.equilibria, analyse(result).quantities)):
        for v, value in eq.choices:
            out.append((str(v), "choices", k, value, eq.conditions))
        if q.total is not None:
            out.append(("total", "choices", k, q.total, eq.conditions))
    return out


def _holds(relation, point) -> bool:
    value = relation.xreplace(point)
    if isinstance(value, BooleanAtom):
        return bool(value)
    return conditions.decide(value, ()).value is True


def kind_plot_data(game, parameter=None, *, lo=None, hi=None, points: int = 201) -> KindPlot:
    names = sorted(str(s) for s in game.free_symbols - {s for s, _ in getattr(game, "private", ())})
    if parameter is None:
        if len(names) != 1:
            raise UsageError(f"the game has {len(names)} parameters: name the one to plot against "
                             f"({', '.join(names)})")
        parameter = names[0]
    if parameter not in names:
        raise UsageError(f"cannot plot against {parameter!r}; the parameters are: {', '.join(names) or 'none'}")
    defaults = game.defaults()
    others = {n: defaults[n] for n in names if n != parameter and n in defaults}
    missing = [n for n in names if n != parameter and n not in defaults]
    if missing:
        raise UsageError(f"{missing[0]} has no default value; give it a value to plot against {parameter}",
                         needs="values", names=missing)
    one = game.subs(others) if others else game
    x = symbol(parameter)
    if lo is None or hi is None:
        low, high = _linear_bounds(one.assumptions, x)
        default = defaults.get(parameter)
        if low is None:
            low = (default - max(abs(default), 1)) if default is not None and default.is_Rational else sympy.Integer(0)
        if high is None:
            high = (default + max(abs(default), 1)) if default is not None and default.is_Rational else low + 1
        lo = low if lo is None else lo
        hi = high if hi is None else hi
    xs = tuple(lo + (hi - lo) * sympy.Rational(k, points - 1) for k in range(points))
    curves = []
    markers = set()
    assumptions = tuple(a for a in one.assumptions if a.free_symbols <= {x})
    for label, panel, branch, value, region in _branches(one):
        values = []
        for at in xs:
            point = {x: at}
            if not all(_holds(r, point) for r in tuple(region) + assumptions):
                values.append(None)
                continue
            v = value.xreplace(point)
            values.append(v if v.is_number and v.is_finite else None)
        curves.append(KindCurve(label, panel, branch, tuple(values)))
        for r in region:
            if isinstance(r, Relational) and r.free_symbols == {x}:
                for root in sympy.solve(r.lhs - r.rhs, x):
                    if root.is_real and lo < root < hi:
                        markers.add(root)
    return KindPlot(one.title, parameter, lo, hi, tuple(sorted(others.items())), xs, tuple(curves),
                    tuple(sorted(markers)))
