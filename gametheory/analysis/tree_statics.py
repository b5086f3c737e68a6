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
* The bands of ``plot --param`` are in :mod:`gametheory.analysis.tree_plot`; ``--verify`` is
  :mod:`gametheory.analysis.tree_verify`.

Method: backward induction gives each equilibrium as exact expressions with its region
(Selten 1975); these are differentiated (``sympy.diff``) and signed by the conditions engine,
the textbook comparative statics of Samuelson (1947, ch. 2) applied inside each region.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy
from sympy.core.relational import Relational

from .. import conditions, limits
from ..games.tree import Tree
from .statics import _check_names, _free_parameters, _sign, _symbol_of, _usable

__all__ = ["Threshold", "TreeQuantity", "TreeDerivative", "TreeEquilibrium", "TreeStatics", "tree_statics",
           "equilibrium_label", "solve_for", "threshold_text"]

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
    for sure; otherwise each outcome reached (a leaf's outcome name, or its id) with its
    probability."""
    reached = list(entry.outcome_probabilities)
    leaves = {n.id: n for n in tree.nodes if n.is_leaf}

    def leaf_name(leaf_id):
        node = leaves.get(leaf_id)
        return node.outcome if node is not None and node.outcome else leaf_id

    if len(reached) == 1 and reached[0][1] == 1:
        moves = [m for _, m, _ in entry.path]
        return ", ".join(moves) + " -> " + leaf_name(reached[0][0])
    by_outcome: dict = {}
    for leaf, p in reached:  # leaves with one outcome name read as that outcome, probabilities added
        name = leaf_name(leaf)
        by_outcome[name] = by_outcome.get(name, 0) + p
    return "; ".join(name if p == 1 else f"{name} ({conditions.readable(sympy.factor(p))})"
                     for name, p in by_outcome.items())


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
    return f"{t.variable} {op} {threshold_text(t.expression)}"


def threshold_text(expr) -> str:
    """``expr`` as text, written ``(-n)/(-d)`` when that has fewer minus signs (``q/(1 - q)``
    rather than ``-q/(q - 1)``); a matter of printing only."""
    text = conditions.readable(expr)
    numerator, denominator = sympy.fraction(sympy.factor(expr))
    if denominator == 1:
        return text
    flipped = sympy.Mul(sympy.expand(-numerator), sympy.Pow(sympy.expand(-denominator), -1), evaluate=False)
    other = conditions.readable(flipped)
    return other if other.count("-") < text.count("-") else text


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


def _thresholds(relations, variables, region, solved_names) -> tuple[list, list]:
    """Thresholds of ``relations`` for each of ``variables`` (symbols) they are linear in."""
    found, unsolved = [], []
    for rel in relations:
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


def _below(a, b) -> bool:
    """``a < b`` for exact real numbers, decided by :func:`gametheory.conditions.number_sign`."""
    return conditions.number_sign(sympy.sympify(b - a)) == "+"


def _order(a, b) -> int:
    return -1 if _below(a, b) else 1 if _below(b, a) else 0


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
