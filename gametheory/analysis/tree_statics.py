"""Comparative statics of game trees: how each subgame-perfect (and perfect Bayesian) equilibrium
quantity, and each threshold of its conditions, moves with each parameter, exactly.

Conventions
-----------
* Equilibria are those of :func:`gametheory.equilibria.spe.subgame_perfect` (family ``"spe"``)
  and, for trees with chance moves and information sets, of
  :func:`gametheory.equilibria.pbe.perfect_bayesian` (family ``"pbe"``), each in its solver's
  order; ``index`` is the **0-based** index into that list, as in the ``gametheory.tree/1``
  JSON (text reports number them from 1, as ``gametheory solve`` prints them).
* Quantities of one equilibrium, named as in the ``gametheory.tree-statics/1`` JSON:

  - ``payoff:PLAYER``: the player's expected payoff (always listed);
  - ``INFO:MOVE``: the probability of a move at an information set (``root`` for the root's
    empty id), listed where some probability there is not a number (a mixing subgame);
  - ``outcome:LEAF``: the probability of reaching a leaf, listed where it is not a number
    (chance probabilities or mixing that depend on the parameters);
  - ``belief:INFO:NODE`` (PBE only): a belief on the path (Bayes' rule), listed where it is not
    a number;
  - thresholds: each condition ``lhs REL rhs`` of the equilibrium solved for each parameter
    ``x`` in which it is linear, ``a*x + b REL 0`` with ``a`` of one sign under the assumptions
    and the equilibrium's conditions, as ``x REL' -b/a`` (the relation flipped when ``a < 0``);
    named by that relation (``cD <= 1 - p``). A PBE's belief conditions are solved for their
    belief variables (the belief cut-offs, ``m1 <= 1/2``). A condition with a coefficient of
    unknown sign is not solved for that parameter; the result says so in ``unsolved``.

* Signs: each derivative is simplified with :meth:`gametheory.conditions.Reasoner.tidy` and its
  sign decided by :func:`gametheory.conditions.sign` under the tree's assumptions **and** the
  equilibrium's own conditions (and, for a PBE, its belief conditions and ``0 <= m <= 1``):
  ``"+"``, ``"-"``, ``"0"`` proven there, else ``"?"`` with ``regions`` from
  :func:`gametheory.conditions.sign_regions` (as in :mod:`gametheory.analysis.statics`). A
  threshold is not differentiated by the parameter it is solved for.
* An equilibrium whose conditions include an equality lives on a knife edge: its derivatives
  are those of its formulas, but moving one parameter alone leaves the edge
  (``TreeEquilibrium.knife_edge``).
* Plot data (:func:`tree_plot_data`): the subgame-perfect outcome along one parameter, the other
  parameters at their default (or given) values. The boundary points are the exact real roots of
  the equations of the one-parameter tree's conditions and assumptions inside the range; between
  two of them, which equilibria hold is decided exactly at a rational point, so the bands come
  from the conditions, not from sampling.

Method: backward induction gives each equilibrium as exact expressions with its region
(Selten 1975); these are differentiated (``sympy.diff``) and signed by the conditions engine,
the textbook comparative statics of Samuelson (1947, ch. 2) applied inside each region.
"""

from __future__ import annotations

import functools
import random
from dataclasses import dataclass

import sympy
from sympy.core.relational import Relational

from .. import conditions, limits
from ..errors import UsageError
from ..games.tree import Tree
from .statics import (
    _check_names,
    _free_parameters,
    _one_parameter,
    _sign,
    _symbol_of,
    _usable,
    default_range,
    plot_parameter,
)

__all__ = ["Threshold", "TreeQuantity", "TreeDerivative", "TreeEquilibrium", "TreeStatics", "tree_statics",
           "equilibrium_label", "Band", "Cut", "PayoffCurve", "TreePlotData", "tree_plot_data",
           "verify_tree_statics"]

_OPS = {"<": sympy.StrictLessThan, "<=": sympy.LessThan, ">": sympy.StrictGreaterThan, ">=": sympy.GreaterThan,
        "==": sympy.Eq}
_FLIP = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "=="}


# -- results ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Threshold:
    """A condition solved for one variable: ``variable relation expression`` (``relation`` one of
    ``<``, ``<=``, ``>``, ``>=``, ``==``) is equivalent to ``condition`` under the assumptions and
    the equilibrium's conditions."""

    condition: sympy.Basic
    variable: str
    relation: str
    expression: sympy.Expr

    @property
    def relational(self) -> sympy.Basic:
        return _OPS[self.relation](sympy.Symbol(self.variable, real=True), self.expression, evaluate=False)


@dataclass(frozen=True)
class TreeQuantity:
    """One quantity of one equilibrium (module docstring): ``kind`` is ``"payoff"``,
    ``"probability"``, ``"outcome"``, ``"belief"`` or ``"threshold"``."""

    name: str
    kind: str
    expression: sympy.Expr
    player: str | None = None
    info: str | None = None
    move: str | None = None
    threshold: Threshold | None = None


@dataclass(frozen=True)
class TreeDerivative:
    """The derivative of ``quantity`` by ``parameter``, its sign and, for ``"?"``, the regions
    ``((sign, conditions), ...)`` of each sign that occurs (as :class:`analysis.statics.Derivative`)."""

    quantity: TreeQuantity
    parameter: str
    derivative: sympy.Expr
    sign: str
    regions: tuple = ()


@dataclass(frozen=True)
class TreeEquilibrium:
    """One equilibrium with its quantities and their derivatives.

    ``family`` is ``"spe"`` or ``"pbe"``; ``index`` the 0-based index in its solver's list;
    ``kind`` ``"pure"``/``"mixed"`` for an SPE, the assessment's kind for a PBE; ``label`` the
    path of play in words; ``conditions`` those on the parameters, ``belief_conditions`` (PBE)
    those on beliefs; ``unsolved`` lists ``(condition, variable, reason)`` for the conditions
    not solved for a variable in which they are linear.
    """

    family: str
    index: int
    kind: str
    label: str
    conditions: tuple
    belief_conditions: tuple
    quantities: tuple[TreeQuantity, ...]
    derivatives: tuple[TreeDerivative, ...]
    unsolved: tuple = ()
    knife_edge: bool = False
    entry: object = None

    def of(self, quantity: str, parameter: str) -> TreeDerivative:
        for d in self.derivatives:
            if d.quantity.name == quantity and d.parameter == parameter:
                return d
        raise KeyError((quantity, parameter))

    def thresholds(self) -> tuple[TreeQuantity, ...]:
        return tuple(q for q in self.quantities if q.kind == "threshold")


@dataclass(frozen=True)
class TreeStatics:
    """Everything ``gametheory statics`` reports on a tree, as data (rendered by
    :mod:`gametheory.export.tree_statics` through :class:`gametheory.report.tree_statics.TreeStaticsReport`)."""

    tree: Tree
    parameters: tuple[str, ...]
    equilibria: tuple[TreeEquilibrium, ...]
    complete: bool = True
    notes: tuple[str, ...] = ()

    def of(self, quantity: str, parameter: str, equilibrium: int = 0, family: str = "spe") -> TreeDerivative:
        """The derivative of ``quantity`` by ``parameter`` in equilibrium ``equilibrium`` of ``family``."""
        for e in self.equilibria:
            if e.family == family and e.index == equilibrium:
                return e.of(quantity, parameter)
        raise KeyError((family, equilibrium))


# -- pieces -----------------------------------------------------------------------------------------

def _info_name(info: str) -> str:
    return info if info else "root"


def equilibrium_label(tree: Tree, entry) -> str:
    """The path of play in words: ``Challenge, Concede -> Concession`` when one leaf is reached
    for sure; otherwise each leaf reached with its probability."""
    reached = list(entry.outcome_probabilities)
    leaves = {n.id: n for n in tree.nodes if n.is_leaf}

    def leaf_name(leaf_id):
        node = leaves.get(leaf_id)
        return node.outcome if node is not None and node.outcome else leaf_id

    if len(reached) == 1 and reached[0][1] == 1:
        moves = [m for _, m, _ in entry.path]
        return ", ".join(moves) + " -> " + leaf_name(reached[0][0])
    return "; ".join(f"{leaf_name(leaf)} ({conditions.readable(p)})" for leaf, p in reached)


def _relations(conds) -> list:
    """The relations of a conjunction, canonical, in order, without repeats."""
    out = []
    for c in _usable(conds):
        canon = conditions.canonical(c)
        if isinstance(canon, Relational) and canon not in out:
            out.append(canon)
    return out


def solve_for(relation, x: sympy.Symbol, region) -> tuple[Threshold | None, str]:
    """``relation`` solved for ``x`` where it is linear in ``x`` and ``x``'s coefficient has one
    sign under ``region``: ``(Threshold, "")``, or ``(None, reason)``."""
    op = relation.rel_op
    if op not in _FLIP:
        return None, "not an inequality or equation"
    e = sympy.expand(relation.lhs - relation.rhs)
    if not e.is_polynomial(x):
        return None, f"not polynomial in {x}"
    poly = sympy.Poly(e, x)
    if poly.degree() != 1:
        return None, f"of degree {poly.degree()} in {x}"
    a, b = poly.all_coeffs()
    if a.is_number:
        s = conditions.number_sign(a)
    else:
        s = conditions.sign(a, region)
    if s not in ("+", "-"):
        return None, f"the coefficient of {x}, {conditions.to_str(a)}, has no one sign"
    expression = conditions.tidy(conditions.Reasoner(tuple(region)).tidy(-b / a))
    relation_out = op if s == "+" else _FLIP[op]
    return Threshold(relation, str(x), relation_out, expression), ""


def _threshold_name(t: Threshold) -> str:
    op = "=" if t.relation == "==" else t.relation
    return f"{t.variable} {op} {conditions.readable(t.expression)}"


def _not_number(p) -> bool:
    return not sympy.sympify(p).is_number


def _spe_quantities(tree: Tree, entry, tidy) -> list[TreeQuantity]:
    out = []
    for info, moves in entry.behaviour:
        if any(_not_number(p) for _, p in moves):
            for m, p in moves:
                out.append(TreeQuantity(f"{_info_name(info)}:{m}", "probability", tidy(p),
                                        player=tree.players[tree.infoset(info).player], info=info, move=m))
    for leaf, p in entry.outcome_probabilities:
        if _not_number(p):
            out.append(TreeQuantity(f"outcome:{leaf}", "outcome", tidy(p)))
    for player, v in zip(tree.players, entry.payoffs):
        out.append(TreeQuantity(f"payoff:{player}", "payoff", tidy(v), player=player))
    return out


def _pbe_quantities(tree: Tree, a, tidy, beliefs) -> list[TreeQuantity]:
    out = _spe_quantities(tree, a, tidy)
    payoffs = [q for q in out if q.kind == "payoff"]
    rest = [q for q in out if q.kind != "payoff"]
    names = set(beliefs)
    for info, nodes in a.beliefs:
        for node, p in nodes:
            p = sympy.sympify(p)
            if _not_number(p) and not {str(s) for s in p.free_symbols} & names:
                rest.append(TreeQuantity(f"belief:{_info_name(info)}:{node}", "belief", tidy(p), info=info, move=node))
    return rest + payoffs


def _thresholds(relations, variables, region, solved_names, skip_relations=()) -> tuple[list, list]:
    """Thresholds of ``relations`` for each of ``variables`` (symbols) they are linear in."""
    found, unsolved = [], []
    for rel in relations:
        if rel in skip_relations:
            continue
        for x in sorted(rel.free_symbols, key=lambda s: variables.index(str(s)) if str(s) in variables else 99):
            if str(x) not in variables or str(x) not in solved_names:
                continue
            limits.check("comparative statics of a tree: solving conditions for thresholds")
            t, reason = solve_for(rel, x, region)
            if t is None:
                unsolved.append((rel, str(x), reason))
                continue
            found.append(TreeQuantity(_threshold_name(t), "threshold", t.expression, threshold=t))
    return found, unsolved


def _derivatives(quantities, names, symbols, region, tidy, cache) -> list[TreeDerivative]:
    out = []
    for q in quantities:
        for name in names:
            if q.threshold is not None and q.threshold.variable == name:
                continue
            limits.check("comparative statics of a tree: deciding the signs of derivatives")
            d = tidy(sympy.diff(q.expression, symbols[name]))
            key = (d, region)
            if key not in cache:
                cache[key] = _sign(d, region)
            s, regions = cache[key]
            out.append(TreeDerivative(q, name, d, s, regions))
    return out


def _has_equality(conds) -> bool:
    return any(isinstance(c, sympy.Eq) for c in _relations(conds))


# -- the analysis ----------------------------------------------------------------------------------

def tree_statics(tree: Tree, *, wrt=None, spe=None, pbe=None) -> TreeStatics:
    """Comparative statics of every subgame-perfect (and perfect Bayesian) equilibrium of ``tree``.

    Parameters
    ----------
    tree : Tree
    wrt : iterable of str, optional
        The parameters to differentiate by (default: every parameter left in the tree).
    spe, pbe : optional
        The solvers' results, when already computed.

    Raises
    ------
    UsageError
        For a ``wrt`` name that is not a parameter of the tree.

    Examples
    --------
    >>> from gametheory import load
    >>> s = tree_statics(load("deterrence"))  # doctest: +SKIP
    >>> s.of("cD <= 1 - p", "p").sign  # doctest: +SKIP
    '-'
    """
    from ..equilibria.spe import subgame_perfect

    all_names = _free_parameters(tree)
    names = list(all_names)
    if wrt:
        wrt = tuple(dict.fromkeys(wrt))
        _check_names(tree, wrt)
        names = [n for n in names if n in wrt]
    symbols = {name: _symbol_of(tree, name) for name in all_names}
    base = tuple(tree.assumptions)
    reasoner = conditions.Reasoner(base)
    if spe is None:
        with limits.stage("finding the subgame-perfect equilibria"):
            spe = subgame_perfect(tree)
    if pbe is None and tree.has_chance and not tree.perfect_information:
        from ..equilibria.pbe import perfect_bayesian

        with limits.stage("finding the perfect Bayesian equilibria"):
            pbe = perfect_bayesian(tree)
    cache: dict = {}
    out = []
    for k, entry in enumerate(spe.equilibria):
        conds = tuple(entry.conditions)
        region = base + _usable(conds)
        tidy = conditions.Reasoner(region).tidy if conds else reasoner.tidy
        quantities = _spe_quantities(tree, entry, tidy)
        found, unsolved = _thresholds(_relations(conds), all_names, region, set(all_names))
        quantities += found
        derivatives = _derivatives(quantities, names, symbols, region, tidy, cache)
        out.append(TreeEquilibrium("spe", k, "pure" if entry.is_pure else "mixed", equilibrium_label(tree, entry),
                                   conds, (), tuple(quantities), tuple(derivatives), tuple(unsolved),
                                   _has_equality(conds), entry))
    for k, a in enumerate(getattr(pbe, "assessments", ()) or ()):
        beliefs = [name for name, _ in a.belief_symbols]
        belief_syms = [sympy.Symbol(name, real=True) for name in beliefs]
        ranges = []
        for info, nodes in a.beliefs:
            for _, p in nodes:
                p = sympy.sympify(p)
                if {str(s) for s in p.free_symbols} & set(beliefs):
                    ranges.append(sympy.GreaterThan(p, 0))
        conds = tuple(a.conditions)
        region = base + _usable(conds) + _usable(a.belief_conditions) + tuple(ranges)
        tidy = conditions.Reasoner(base + _usable(conds)).tidy
        quantities = _pbe_quantities(tree, a, tidy, beliefs)
        found, unsolved = _thresholds(_relations(conds), all_names, region, set(all_names))
        belief_rels = _relations(a.belief_conditions)
        cutoffs, unsolved_beliefs = _thresholds(belief_rels, beliefs + all_names, region, set(beliefs))
        quantities += found + cutoffs
        for s in belief_syms:
            symbols.setdefault(str(s), s)
        derivatives = _derivatives(quantities, names, symbols, region, tidy, cache)
        out.append(TreeEquilibrium("pbe", k, a.kind, equilibrium_label(tree, a), conds, tuple(a.belief_conditions),
                                   tuple(quantities), tuple(derivatives), tuple(unsolved + unsolved_beliefs),
                                   _has_equality(conds), a))
    notes = list(spe.notes)
    if pbe is not None:
        notes += [f"perfect Bayesian equilibria: {n}" for n in pbe.notes]
    if not spe.complete:
        notes.append("the list of subgame-perfect equilibria may be incomplete; the statics cover those listed")
    if not names:
        notes.append("the tree has no parameters left to vary (every payoff is a number)")
    if any(e.knife_edge for e in out):
        notes.append("an equilibrium whose conditions include an equality holds on a knife edge: its derivatives "
                     "are those of its formulas, but moving one parameter alone leaves the edge")
    complete = spe.complete and (pbe is None or getattr(pbe, "complete", True))
    return TreeStatics(tree=tree, parameters=tuple(names), equilibria=tuple(out), complete=complete,
                       notes=tuple(dict.fromkeys(notes)))


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


def _holds_at(relations, point) -> bool:
    """Whether every relation holds at a point where every symbol has an exact value (decided
    by the conditions engine on the numbers)."""
    for rel in relations:
        value = rel.xreplace(point) if isinstance(rel, sympy.Basic) else rel
        if value is sympy.true or value is True:
            continue
        if value is sympy.false or value is False:
            return False
        if conditions.decide(value, ()).value is not True:
            return False
    return True


def _roots(relations, x, lo, hi) -> set:
    found = set()
    for rel in _usable(relations):
        e = sympy.together(rel.lhs - rel.rhs)
        numer, _ = sympy.fraction(e)
        numer = sympy.expand(numer)
        if numer.free_symbols != {x} or not numer.is_polynomial(x):
            continue
        for root in sympy.Poly(numer, x).real_roots():
            if _below(lo, root) and _below(root, hi):
                found.add(root)
    return found


def _below(a, b) -> bool:
    """``a < b`` for exact real numbers, decided by :func:`gametheory.conditions.number_sign`."""
    return conditions.number_sign(sympy.sympify(b - a)) == "+"


def _order(a, b) -> int:
    return -1 if _below(a, b) else 1 if _below(b, a) else 0


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


# -- the check against the numeric engine -----------------------------------------------------------

def _equal(a, b) -> bool:
    a, b = sympy.sympify(a), sympy.sympify(b)
    if a == b:
        return True
    if a.is_Rational and b.is_Rational:
        return False
    difference = a - b
    if difference.free_symbols:
        return False
    return abs(sympy.N(difference, 50)) < sympy.Rational(1, 10**40)


def _support(entry) -> tuple:
    return tuple((info, tuple(m for m, p in moves if p != 0)) for info, moves in entry.behaviour)


def _entries(result):
    return result.equilibria if hasattr(result, "equilibria") else result.assessments


def _quantity_value(q: TreeQuantity, entry, tree: Tree):
    """The value of a (non-threshold) quantity in a numeric equilibrium ``entry``."""
    if q.kind == "payoff":
        return entry.payoffs[list(tree.players).index(q.player)]
    if q.kind == "probability":
        return dict(dict(entry.behaviour).get(q.info, ())).get(q.move)
    if q.kind == "outcome":
        return dict(entry.outcome_probabilities).get(q.name[len("outcome:"):], sympy.Integer(0))
    if q.kind == "belief":
        return dict(dict(entry.beliefs).get(q.info, ())).get(q.move)
    return None


def _exact_sign(value) -> str | None:
    value = sympy.sympify(value)
    if value.free_symbols:
        return None
    s = conditions.number_sign(value)
    return s if s in ("+", "-", "0") else None


def verify_tree_statics(result: TreeStatics, points: int = 50, *, seed: int = 0):
    """Check the statics of a tree at ``points`` random rational points that satisfy the
    assumptions (:func:`gametheory.analysis.verify.sample_points`), against the numeric engine.

    At each point: every listed equilibrium whose conditions hold there is found, with the same
    behaviour, among the equilibria of the numeric tree (the tree with the point put in, solved
    again); the sign of each quantity's derivative (or, for ``?``, of the region holding there) is
    the sign of a central finite difference of that quantity in the numeric equilibria at the
    point moved by :data:`gametheory.analysis.verify.STEP` either way (the equilibrium with the
    same support); each threshold is checked against its condition (the condition holds just on
    the claimed side of the threshold and fails just on the other) and its derivative's sign
    against a finite difference of its exact value. Returns a
    :class:`gametheory.analysis.verify.Verification`.
    """
    from ..equilibria.pbe import perfect_bayesian
    from ..equilibria.spe import subgame_perfect
    from ..errors import AnalysisError
    from .verify import STEP, Disagreement, Verification, holds, sample_points

    tree = result.tree
    edges = []
    for e in result.equilibria:
        edges.extend(_usable(e.conditions))
    drawn, draws = sample_points(tree, points, edges=tuple(edges), seed=seed)
    if not drawn:
        raise AnalysisError(f"no point satisfying the assumptions was found in {draws} random draws, "
                            "so the answer could not be checked against the numeric engine")
    solved: dict = {}

    def numeric(point, family):
        key = (tuple(sorted((str(s), v) for s, v in point.items())), family)
        if key not in solved:
            values = {str(s): v for s, v in point.items()}
            t = tree.subs(values) if values else tree
            solved[key] = _entries(subgame_perfect(t) if family == "spe" else perfect_bayesian(t))
        return solved[key]

    comparisons, inconclusive, disagreements = 0, 0, []
    rng = random.Random(seed)
    for point in drawn:
        limits.check("checking the statics of a tree at random points")
        where = tuple(sorted(((str(s), v) for s, v in point.items()), key=lambda kv: kv[0]))

        def disagree(what, symbolic, observed, detail=""):
            disagreements.append(Disagreement(where, what, symbolic, observed, detail))

        for e in result.equilibria:
            if holds(e.conditions, point) is not True or e.knife_edge:
                continue
            name = f"{e.family.upper()} {e.index + 1}"
            at = {info: {m: sympy.sympify(p).xreplace(point) for m, p in moves} for info, moves in e.entry.behaviour}
            match = next((n for n in numeric(point, e.family) if set(dict(n.behaviour)) == set(at) and all(
                _equal(p, at[info].get(m)) for info, moves in n.behaviour for m, p in moves)), None)
            comparisons += 1
            if match is None:
                disagree(f"{name} ({e.label})", "an equilibrium here", "not among the numeric equilibria")
                continue
            support = _support(match)
            for d in e.derivatives:
                q = d.quantity
                symbol = next((s for s in point if str(s) == d.parameter), None)
                if symbol is None:
                    continue
                claimed = d.sign if d.sign != "?" else next(
                    (s for s, conds in d.regions if holds(tuple(conds), point) is True), None)
                what = f"the sign of d({q.name})/d{d.parameter} in {name}"
                up = {**point, symbol: point[symbol] + STEP}
                down = {**point, symbol: point[symbol] - STEP}
                if q.kind == "threshold":
                    observed = _exact_sign(q.expression.xreplace(up) - q.expression.xreplace(down))
                else:
                    values = []
                    for p in (up, down):
                        if holds(tuple(tree.assumptions), p) is not True:
                            values.append(None)
                            continue
                        same = next((n for n in numeric(p, e.family) if _support(n) == support), None)
                        values.append(None if same is None else _quantity_value(q, same, tree))
                    observed = None if None in values else _exact_sign(values[0] - values[1])
                if claimed is None or observed is None:
                    inconclusive += 1
                    continue
                comparisons += 1
                if claimed != observed:
                    disagree(what, claimed, observed)
            for q in e.thresholds():
                t = q.threshold
                symbol = sympy.Symbol(t.variable, real=True)
                if (t.expression.free_symbols | t.condition.free_symbols) - set(point) - {symbol}:
                    inconclusive += 1
                    continue
                value = t.expression.xreplace(point)
                delta = sympy.Rational(1, rng.randint(200, 1000))
                for v in (value + delta, value - delta) if t.relation != "==" else (value,):
                    moved = {**point, symbol: v}
                    claimed = _holds_at([t.relational], moved)
                    observed = _holds_at([t.condition], moved)
                    comparisons += 1
                    if claimed != observed:
                        disagree(f"the threshold {q.name} of {name} at {t.variable} = {v}",
                                 "holds" if claimed else "fails", "holds" if observed else "fails",
                                 f"the condition {conditions.to_str(t.condition)}")
    note = ""
    if not tree.free_symbols:
        note = "the tree has no free parameters: one point is the whole game"
    elif len(drawn) < points:
        note = f"only {len(drawn)} of {points} points satisfying the assumptions were found in {draws} random draws"
    return Verification(
        requested=points,
        points=tuple(tuple(sorted(((str(s), v) for s, v in p.items()), key=lambda kv: kv[0])) for p in drawn),
        checks=("the subgame-perfect (and perfect Bayesian) equilibria", "the signs of the comparative statics",
                "the thresholds against their conditions"),
        comparisons=comparisons, inconclusive=inconclusive, disagreements=tuple(disagreements), seed=seed, note=note)
