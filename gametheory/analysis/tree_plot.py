"""The subgame-perfect outcome of a game tree along one parameter, as exact bands: the data of
``gametheory plot TREE --param NAME`` (drawn by :func:`gametheory.export.tree_statics.save_tree_plot`).

Conventions
-----------
* The subgame-perfect outcome along one parameter, the other parameters at their default (or
  given) values. The boundary points are the exact real roots of
  the equations of the one-parameter tree's conditions and assumptions inside the range; between
  two of them, which equilibria hold is decided exactly at a rational point, so the bands come
  from the conditions, not from sampling.
* Equilibria are numbered as :func:`gametheory.equilibria.spe.subgame_perfect` lists them for the
  one-parameter tree (0-based); a band's ``labels`` are their paths of play
  (:func:`gametheory.analysis.tree_statics.equilibrium_label`). Exact real numbers are compared
  with :func:`gametheory.conditions.number_sign`; floats never decide a band.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import sympy

from .. import limits
from ..errors import UsageError
from ..games.tree import Tree
from .statics import _one_parameter, _usable, boundary_roots, default_range, plot_parameter
from .tree_statics import _below, _holds_at, _order, equilibrium_label

__all__ = ["Band", "Cut", "PayoffCurve", "TreePlotData", "tree_plot_data"]


# -- plot data ------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Band:
    """An interval ``(lo, hi)`` of the plotted parameter on which the same subgame-perfect
    equilibria hold (``equilibria``: 0-based indices in ``TreePlotData.spe``, ``labels`` their
    paths); ``allowed`` is False where the assumptions fail."""

    lo: sympy.Expr
    hi: sympy.Expr
    equilibria: tuple[int, ...]
    labels: tuple[str, ...]
    allowed: bool = True


@dataclass(frozen=True)
class Cut:
    """A boundary point inside the range, exact, with the equilibria that hold exactly there."""

    at: sympy.Expr
    equilibria: tuple[int, ...]


@dataclass(frozen=True)
class PayoffCurve:
    """One player's payoff in one equilibrium at the sample points (``None`` where it does not hold)."""

    equilibrium: int
    player: str
    values: tuple


@dataclass(frozen=True)
class TreePlotData:
    """The subgame-perfect outcome of a tree along one parameter (module docstring)."""

    title: str
    parameter: str
    description: str
    lo: sympy.Rational
    hi: sympy.Rational
    fixed: tuple
    tree: Tree
    spe: object
    labels: tuple[str, ...]
    bands: tuple[Band, ...]
    cuts: tuple[Cut, ...]
    xs: tuple
    curves: tuple[PayoffCurve, ...]


def _roots(relations, x, lo, hi) -> set:
    found = set()
    for rel in _usable(relations):
        for root in boundary_roots(rel, x):
            if _below(lo, root) and _below(root, hi):
                found.add(root)
    return found


def _rational_between(a, b):
    """A rational number strictly between the real numbers ``a < b``: their midpoint when it is
    rational, else a decimal close to it, checked exactly."""
    mid = (a + b) / 2
    if mid.is_Rational:
        return mid
    for digits in (6, 12, 24, 48):
        q = sympy.Rational(str(sympy.N(mid, digits)))
        if _below(a, q) and _below(q, b):
            return q
    raise UsageError("two boundary points are too close to tell apart")


def tree_plot_data(tree: Tree, parameter: str | None = None, *, lo=None, hi=None, points: int = 201) -> TreePlotData:
    """The subgame-perfect outcome of ``tree`` along one parameter, as exact bands (module docstring).

    Parameters
    ----------
    tree : Tree
    parameter : str, optional
        The parameter on the horizontal axis (:func:`gametheory.analysis.statics.plot_parameter`).
    lo, hi : exact numbers, optional
        The range (default: what the assumptions allow, :func:`gametheory.analysis.statics.default_range`).
    points : int
        Sample points for the payoff curves drawn over the bands.
    """
    from ..equilibria.spe import subgame_perfect
    from ..expr import symbol

    parameter = plot_parameter(tree, parameter)
    if points < 2:
        raise UsageError(f"tree_plot_data(): expected at least 2 sample points, got {points}")
    if lo is None or hi is None:
        dlo, dhi = default_range(tree, parameter)
        lo = dlo if lo is None else lo
        hi = dhi if hi is None else hi
    lo, hi = sympy.Rational(lo), sympy.Rational(hi)
    if not _below(lo, hi):
        raise UsageError(f"the range of {parameter} must run from a lower to a higher value, got {lo}:{hi}")
    one = _one_parameter(tree, parameter)
    x = symbol(parameter)
    with limits.stage("finding the subgame-perfect equilibria along the parameter"):
        spe = subgame_perfect(one)
    labels = tuple(equilibrium_label(one, e) for e in spe.equilibria)
    relations = list(one.assumptions)
    for e in spe.equilibria:
        relations.extend(e.conditions)
    cuts_at = sorted(_roots(relations, x, lo, hi), key=functools.cmp_to_key(_order))
    edges = [lo] + cuts_at + [hi]
    bands = []
    for a, b in zip(edges, edges[1:]):
        limits.check("plotting a tree: deciding the equilibria of each band")
        q = _rational_between(a, b)
        allowed = _holds_at(one.assumptions, {x: q})
        ks = tuple(k for k, e in enumerate(spe.equilibria) if allowed and _holds_at(e.conditions, {x: q}))
        band = Band(a, b, ks, tuple(labels[k] for k in ks), allowed)
        if bands and bands[-1].equilibria == band.equilibria and bands[-1].allowed == band.allowed:
            bands[-1] = Band(bands[-1].lo, b, ks, band.labels, allowed)
        else:
            bands.append(band)
    cuts = []
    for band, following in zip(bands, bands[1:]):
        at = band.hi
        ok = _holds_at(one.assumptions, {x: at})
        cuts.append(Cut(at, tuple(k for k, e in enumerate(spe.equilibria) if ok and _holds_at(e.conditions, {x: at}))))
    xs = tuple(lo + (hi - lo) * sympy.Rational(j, points - 1) for j in range(points))
    holds_at = {}
    for k, e in enumerate(spe.equilibria):
        for j, v in enumerate(xs):
            limits.check("plotting a tree: evaluating payoffs")
            holds_at[(k, j)] = _in_bands(bands, k, v, cuts)
    curves = []
    for k, e in enumerate(spe.equilibria):
        for i, player in enumerate(one.players):
            values = tuple(sympy.sympify(e.payoffs[i]).xreplace({x: v}) if holds_at[(k, j)] else None
                           for j, v in enumerate(xs))
            curves.append(PayoffCurve(k, player, values))
    fixed = tuple((p.name, p.default) for p in one.parameters if p.name != parameter and p.default is not None
                  and p.name in one.assigned)
    described = {p.name: p.description for p in tree.parameters}
    return TreePlotData(title=tree.title or "", parameter=parameter, description=described.get(parameter, ""),
                        lo=lo, hi=hi, fixed=fixed, tree=one, spe=spe, labels=labels, bands=tuple(bands),
                        cuts=tuple(cuts), xs=xs, curves=tuple(curves))


def _in_bands(bands, k, v, cuts) -> bool:
    for band in bands:
        if _below(band.lo, v) and _below(v, band.hi):
            return k in band.equilibria
    for cut in cuts:
        if cut.at == v:
            return k in cut.equilibria
    for band in bands:  # the ends of the range
        if v in (band.lo, band.hi):
            return k in band.equilibria
    return False
