"""Subgame-perfect equilibria of game trees, exactly and symbolically, and their checker.

Conventions
-----------
* Trees follow :mod:`gametheory.games.tree` (nodes in pre-order, information sets by id).
  A *behaviour* maps an information set id to ``{move: probability}`` (exact).
* A *subgame root* is a decision or chance node whose information set is a singleton and whose
  subtree holds every node of every information set that meets it (Selten 1965).
* ``conditions`` are relations on the parameters, beyond the tree's assumptions, under which an
  entry holds (``()``: whenever the assumptions do), simplified by :mod:`gametheory.conditions`.

Method
------
1. The subgame roots are found exactly from the pre-order ranges of subtrees and the nodes of
   each information set.
2. Subgames are solved from the bottom up (backward induction; Kuhn 1953, Selten 1975). Each
   solved subgame is a list of *continuations*: a behaviour inside it, the expected payoffs,
   and the conditions under which they hold.
3. A subgame whose root is the only node outside its proper subgames (perfect information at
   that node, or a move of chance) combines its children's continuations: at a decision node
   the mover's payoffs are compared under the assumptions with :mod:`gametheory.conditions`,
   splitting the parameter space where the comparison depends on the parameters; a move is
   chosen where it is at least as good as every other, strictly or with equality (a knife
   edge: every best move is listed, with the equality as its condition).
4. Any other subgame (information sets with several nodes) is replaced by its reduced normal
   form, with each proper subgame below it replaced by the payoffs of one of its
   continuations, and solved with :func:`gametheory.equilibria.equilibria` (every
   equilibrium, mixed included, with conditions); each equilibrium is turned into behaviour at
   the subgame's information sets (Kuhn 1953) and carried up.

The checker :func:`is_subgame_perfect` tests a behaviour profile directly: in every subgame no
player gains by a one-shot deviation at any of its information sets (exactly, under
conditions). References: R. Selten, "Reexamination of the perfectness concept for equilibrium
points in extensive games", IJGT 4 (1975); H. W. Kuhn, "Extensive games and the problem of
information", Contributions to the Theory of Games II (1953); M. J. Osborne and A. Rubinstein,
*A Course in Game Theory* (1994), ch. 6.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import sympy

from .. import conditions, limits
from ..errors import UnsupportedError
from ..games.tree import Node, Tree
from .result import Listing

__all__ = ["SubgamePerfect", "SPEResult", "subgame_roots", "subgame_perfect", "is_subgame_perfect",
           "behaviour_of", "continuation_values"]

_ONE = sympy.Integer(1)
_ZERO = sympy.Integer(0)
#: Most continuations kept for one subgame (ties and case splits multiply them).
MAX_CONTINUATIONS = 2_000


@dataclass(frozen=True)
class SubgamePerfect:
    """One subgame-perfect equilibrium.

    ``behaviour`` is a tuple of ``(info, ((move, probability), ...))`` in the order of the
    tree's information sets (an information set that the mover's own choices rule out inside
    its smallest subgame has no entry). ``path`` lists ``(node id, move, probability)`` for
    every move played with positive probability, probability being that of reaching the move's
    end; ``outcome_probabilities`` gives ``(leaf id, probability)`` for the leaves reached.
    """

    behaviour: tuple[tuple[str, tuple[tuple[str, sympy.Expr], ...]], ...]
    path: tuple[tuple[str, str, sympy.Expr], ...]
    outcome_probabilities: tuple[tuple[str, sympy.Expr], ...]
    payoffs: tuple[sympy.Expr, ...]
    conditions: tuple[sympy.Basic, ...] = ()

    def behaviour_map(self) -> dict:
        return {info: dict(moves) for info, moves in self.behaviour}

    @property
    def is_pure(self) -> bool:
        return all(p in (0, 1) for _, moves in self.behaviour for _, p in moves)


@dataclass(frozen=True)
class SPEResult(Listing):
    """Every subgame-perfect equilibrium found, and how."""

    tree: Tree
    subgames: tuple[str, ...]
    equilibria: tuple[SubgamePerfect, ...]
    method: str
    exact: bool = True
    complete: bool = True
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Cont:
    """A continuation of a subgame: behaviour, expected payoffs, conditions."""

    conditions: tuple
    behaviour: tuple  # ((info, ((move, prob), ...)), ...)
    values: tuple


# -- subgames -----------------------------------------------------------------------------------

def subgame_roots(tree: Tree) -> tuple[int, ...]:
    """The subgame roots (node indices, pre-order): see the module docstring."""
    nodes = tree.nodes
    n = len(nodes)
    lo = {h.id: min(h.nodes) for h in tree.infosets}
    hi = {h.id: max(h.nodes) for h in tree.infosets}
    # the smallest and largest index of the information sets met in each subtree
    low = [n] * n
    high = [-1] * n
    for k in range(n - 1, -1, -1):
        node = nodes[k]
        if node.kind == "decision":
            low[k], high[k] = lo[node.info], hi[node.info]
        for c in node.children:
            low[k] = min(low[k], low[c])
            high[k] = max(high[k], high[c])
    ends = [tree.subtree_end(k) for k in range(n)]
    out = []
    for k, node in enumerate(nodes):
        if node.is_leaf:
            continue
        if node.kind == "decision" and lo[node.info] != hi[node.info]:
            continue
        if low[k] >= k and high[k] < ends[k]:
            out.append(k)
    return tuple(out)


# -- the solver ---------------------------------------------------------------------------------------

def subgame_perfect(tree: Tree, *, timeout: float | None = None) -> SPEResult:
    """Every subgame-perfect equilibrium of ``tree`` (see the module docstring).

    Returns
    -------
    SPEResult
        Entries with behaviour, path, outcome probabilities, payoffs and conditions; ``complete``
        is False when a subgame solved by its normal form was not solved completely.

    Examples
    --------
    >>> from gametheory import load
    >>> tree = load("deterrence")  # doctest: +SKIP
    """
    from .check import time_limit

    with time_limit(timeout):
        solver = _Solver(tree)
        conts = solver.solve(0)
        equilibria = []
        seen = set()
        for cont in conts:
            entry = _entry(tree, cont, solver.reasoner)
            key = (entry.behaviour, entry.conditions)
            if key not in seen:
                seen.add(key)
                equilibria.append(entry)
        equilibria = _merge_knife_edges(equilibria, tuple(tree.assumptions))
        method = "backward induction" + (" with the normal form of subgames with information sets"
                                          if solver.used_normal_form else "")
        return SPEResult(tree=tree, subgames=tuple(tree.nodes[k].id for k in solver.roots),
                         equilibria=tuple(equilibria), method=method, exact=True,
                         complete=solver.complete, notes=tuple(dict.fromkeys(solver.notes)))


class _Solver:
    def __init__(self, tree: Tree, fixed: dict | None = None):
        self.tree = tree
        #: behaviour held fixed at some information sets (info -> {move: p}): the mover does not
        #: choose there (used to complete a Nash equilibrium's behaviour, see threats.py)
        self.fixed = fixed or {}
        self.roots = subgame_roots(tree)
        self.is_root = set(self.roots)
        self.assumptions = tuple(tree.assumptions)
        self.reasoner = conditions.Reasoner(self.assumptions)
        self.numeric = tree.is_numeric
        self.complete = True
        self.used_normal_form = False
        self.notes: list[str] = []

    # conditions -------------------------------------------------------------------------------------
    def join(self, *parts):
        """The conjunction of condition tuples, simplified; ``None`` if it cannot hold."""
        conds = tuple(c for part in parts for c in part)
        if not conds:
            return ()
        return conditions.simplify(conds, self.assumptions)

    def decide(self, relation, given):
        """(value, conditions) of ``relation`` under the assumptions and ``given``."""
        if self.numeric or not given:
            return self.reasoner.decide(relation)
        d = conditions.decide(relation, self.assumptions + tuple(given))
        return d.value, tuple(d.conditions)

    # subgames ----------------------------------------------------------------------------------------
    def solve(self, k: int) -> list[_Cont]:
        """The continuations of the subgame rooted at node ``k``."""
        limits.check("solving a tree: backward induction")
        node = self.tree.nodes[k]
        if all(self.tree.nodes[c].is_leaf or c in self.is_root for c in node.children):
            children = [self.leaf_cont(c) if self.tree.nodes[c].is_leaf else self.solve(c) for c in node.children]
            return self.step(node, children)
        return self.by_normal_form(k, self.inner_roots(k))

    def inner_roots(self, k: int) -> list[int]:
        """The maximal proper subgame roots below node ``k``."""
        out = []
        end = self.tree.subtree_end(k)
        j = k + 1
        while j < end:
            if j in self.is_root:
                out.append(j)
                j = self.tree.subtree_end(j)
            else:
                j += 1
        return out

    def leaf_cont(self, c: int) -> list[_Cont]:
        return [_Cont((), (), tuple(self.tree.nodes[c].payoffs))]

    def combos(self, lists):
        """Every combination of one continuation per list whose conditions can hold together."""
        out = [((), ())]  # (conditions, chosen)
        for options in lists:
            new = []
            for conds, chosen in out:
                for cont in options:
                    joined = self.join(conds, cont.conditions) if cont.conditions else conds
                    if joined is None:
                        continue
                    new.append((joined, chosen + (cont,)))
            out = new
            if len(out) > MAX_CONTINUATIONS:
                raise UnsupportedError(f"the tree has more than {MAX_CONTINUATIONS} combinations of subgame "
                                       "solutions (ties or case splits); give the parameters values",
                                       needs="values", names=tuple(sorted(map(str, self.tree.free_symbols))))
        return out

    def step(self, node: Node, children: list[list[_Cont]]) -> list[_Cont]:
        out = []
        for conds, chosen in self.combos(children):
            behaviour = tuple(item for cont in chosen for item in cont.behaviour)
            if node.kind == "chance":
                values = tuple(_tidy(sum((p * cont.values[i] for p, cont in zip(node.probabilities, chosen)), _ZERO))
                               for i in range(self.tree.n_players))
                out.append(_Cont(conds, behaviour, values))
                continue
            i = node.player
            if node.info in self.fixed:
                dist = self.fixed[node.info]
                values = tuple(_tidy(sum((dist.get(m, _ZERO) * cont.values[p] for m, cont in zip(node.moves, chosen)),
                                         _ZERO)) for p in range(self.tree.n_players))
                move = ((node.info, tuple((m, dist.get(m, _ZERO)) for m in node.moves)),)
                out.append(_Cont(conds, move + behaviour, values))
                continue
            for j, cont in enumerate(chosen):
                for region in self.best(i, j, chosen, conds):
                    move = ((node.info, tuple((m, _ONE if m == node.moves[j] else _ZERO) for m in node.moves)),)
                    out.append(_Cont(region, move + behaviour, cont.values))
        return out

    def best(self, i: int, j: int, chosen, conds) -> list[tuple]:
        """The regions (conditions) where move ``j`` is a best move of player ``i``: for every
        other move, strictly better or equal."""
        regions = [conds]
        for l, other in enumerate(chosen):
            if l == j:
                continue
            diff = chosen[j].values[i] - other.values[i]
            if diff.is_Number:  # numbers: the engine's exact sign, no relations to build
                sign = conditions.number_sign(diff)
                if sign == "-":
                    return []
                continue  # "+" or "0": move j is at least as good as this one everywhere
            diff = sympy.expand(diff)
            new = []
            for region in regions:
                for rel in (sympy.StrictGreaterThan(diff, 0), sympy.Eq(diff, 0)):
                    value, extra = self.decide(rel, region)
                    if value is False:
                        continue
                    if value is True:
                        new.append(region)
                        continue
                    joined = self.join(region, extra)
                    if joined is not None:
                        new.append(joined)
            regions = new
        return regions

    def by_normal_form(self, k: int, inner: list[int]) -> list[_Cont]:
        """A subgame with information sets: its reduced normal form, with each proper subgame
        below replaced by the payoffs of one of its continuations."""
        from . import equilibria as equilibria_of

        self.used_normal_form = True
        solved = [self.solve(r) for r in inner]
        out = []
        for conds, chosen in self.combos(solved):
            residual = _residual(self.tree, k, dict(zip(inner, chosen)), conds)
            if self.fixed:  # completing a given behaviour: nothing to choose here, or refuse
                if any(h.id not in self.fixed for h in residual.infosets):
                    raise UnsupportedError("a subgame with information sets below an unreached part of a "
                                           "Nash equilibrium is not completed")
                behaviour = tuple((h.id, tuple((m, self.fixed[h.id].get(m, _ZERO)) for m in h.moves))
                                  for h in residual.infosets)
                values = residual.outcome_values(lambda info, moves: self.fixed.get(info))
                inherited = tuple(item for cont in chosen for item in cont.behaviour)
                out.append(_Cont(conds, behaviour + inherited, tuple(_tidy(v) for v in values)))
                continue
            game = residual.normal_form()
            result = equilibria_of(game)
            if not result.complete:
                self.complete = False
            self.notes.extend(f"subgame at {self.tree.nodes[k].id or 'the root'}: {n}" for n in result.notes)
            inherited = tuple(item for cont in chosen for item in cont.behaviour)
            for eq in result.equilibria:
                joined = self.join(conds, eq.conditions)
                if joined is None:
                    continue
                behaviour = behaviour_of(residual, eq.profile.probabilities)
                values = tuple(_tidy(v) for v in eq.payoffs)
                out.append(_Cont(joined, behaviour + inherited, values))
        return out


def _merge_knife_edges(entries: list, assumptions: tuple) -> list:
    """Join entries with the same behaviour whose conditions differ only in ``a < b`` against
    ``a = b`` into one with ``a <= b``: the knife edge stays in the conditions, and each region
    reads as one entry."""
    from dataclasses import replace

    def key(rel):
        if isinstance(rel, sympy.Eq):
            return ("eq", sympy.expand(rel.lhs - rel.rhs))
        if isinstance(rel, sympy.StrictLessThan):
            return ("lt", sympy.expand(rel.rhs - rel.lhs))
        return None

    def merged(a, b):
        if a.behaviour != b.behaviour:
            return None
        x, y = set(a.conditions) - set(b.conditions), set(b.conditions) - set(a.conditions)
        if len(x) != 1 or len(y) != 1:
            return None
        (x,), (y,) = x, y
        kx, ky = key(x), key(y)
        if kx is None or ky is None or {kx[0], ky[0]} != {"lt", "eq"}:
            return None
        strict = x if kx[0] == "lt" else y
        equal = ky[1] if kx[0] == "lt" else kx[1]
        if sympy.expand(strict.rhs - strict.lhs - equal) != 0 and sympy.expand(strict.rhs - strict.lhs + equal) != 0:
            return None
        common = [c for c in a.conditions if c in set(b.conditions)]
        joined = conditions.simplify(common + [sympy.LessThan(strict.lhs, strict.rhs)], assumptions)
        return None if joined is None else replace(a, conditions=tuple(joined))

    entries = list(entries)
    changed = True
    while changed:
        changed = False
        for i, j in itertools.combinations(range(len(entries)), 2):
            m = merged(entries[i], entries[j])
            if m is not None:
                entries[i] = m
                del entries[j]
                changed = True
                break
    return entries


def _residual(tree: Tree, k: int, replaced: dict, conds) -> Tree:
    """The subtree at ``k`` with each subgame root in ``replaced`` turned into a leaf with the
    payoffs of its continuation; assumptions extended by ``conds``."""
    from dataclasses import replace

    nodes: list[Node] = []
    stack = [(k, None)]
    while stack:
        j, parent = stack.pop()
        node = tree.nodes[j]
        index = len(nodes)
        if j in replaced:
            nodes.append(Node(id=node.id, kind="leaf", parent=parent, move_in=node.move_in if parent is not None
                              else None, payoffs=replaced[j].values))
        else:
            nodes.append(replace(node, parent=parent, move_in=node.move_in if parent is not None else None,
                                 children=()))
            for c in reversed(node.children):
                stack.append((c, index))
        if parent is not None:
            p = nodes[parent]
            nodes[parent] = replace(p, children=p.children + (index,))
    return replace(tree, nodes=tuple(nodes), assumptions=tuple(tree.assumptions) + tuple(conds))


def behaviour_of(tree: Tree, probabilities) -> tuple:
    """Behaviour at the tree's information sets from a mixed profile over reduced plans
    (Kuhn 1953): the probability of a move is that of the plans choosing it among the plans
    that reach its information set. An information set no plan of positive probability reaches
    is left out."""
    out = []
    plans = [tree.plans(i) for i in range(tree.n_players)]
    for h in tree.infosets:
        ps = plans[h.player]
        probs = probabilities[h.player]
        reach = [(plan, p) for plan, p in zip(ps, probs) if plan.move(h.id) is not None and p != 0]
        total = sum((p for _, p in reach), _ZERO)
        if total == 0:
            continue
        moves = tuple((m, _tidy(sum((p for plan, p in reach if plan.move(h.id) == m), _ZERO) / total))
                      for m in h.moves)
        out.append((h.id, moves))
    return tuple(out)


def _tidy(e):
    e = sympy.sympify(e)
    if e.is_Rational:
        return e
    return sympy.factor(sympy.cancel(e)) if e.is_rational_function() else sympy.simplify(e)


def _entry(tree: Tree, cont: _Cont, reasoner) -> SubgamePerfect:
    order = {h.id: k for k, h in enumerate(tree.infosets)}
    behaviour = tuple(sorted(dict(cont.behaviour).items(), key=lambda item: order[item[0]]))
    lookup = {info: dict(moves) for info, moves in behaviour}
    reach = tree.reach(lambda info, moves: lookup.get(info))
    path = []
    for k, node in enumerate(tree.nodes):
        if node.is_leaf or reach[k] == 0:
            continue
        for m, c in zip(node.moves, node.children):
            if reach[c] != 0:
                path.append((node.id, m, _tidy(reach[c])))
    outcomes = tuple((tree.nodes[k].id, _tidy(reach[k])) for k in tree.leaves if reach[k] != 0)
    return SubgamePerfect(behaviour=behaviour, path=tuple(path), outcome_probabilities=outcomes,
                          payoffs=tuple(reasoner.tidy(v) for v in cont.values), conditions=tuple(cont.conditions))


# -- the checker ----------------------------------------------------------------------------------------

def continuation_values(tree: Tree, behaviour: dict, k: int) -> tuple[sympy.Expr, ...]:
    """Every player's expected payoff from node ``k`` on under ``behaviour`` (info -> {move: p})."""
    nodes = tree.nodes
    end = tree.subtree_end(k)
    prob = {k: _ONE}
    total = [_ZERO] * tree.n_players
    for j in range(k, end):
        if j not in prob or prob[j] == 0:
            continue
        node = nodes[j]
        if node.is_leaf:
            for i in range(tree.n_players):
                total[i] += prob[j] * node.payoffs[i]
            continue
        dist = dict(zip(node.moves, node.probabilities)) if node.kind == "chance" else behaviour.get(node.info)
        if dist is None:
            raise ValueError(f"no behaviour at the reached information set {node.info!r}")
        for m, c in zip(node.moves, node.children):
            prob[c] = prob[j] * dist.get(m, _ZERO)
    return tuple(sympy.expand(t) for t in total)


def is_subgame_perfect(tree: Tree, behaviour: dict, given=()) -> conditions.Decision:
    """Whether ``behaviour`` (info -> {move: probability}, at every information set) is
    subgame perfect: in every subgame, no player gains by changing its move at one of its
    information sets, given the behaviour elsewhere (the one-shot deviation principle, which
    characterises subgame perfection in finite games of perfect recall; Osborne and Rubinstein
    1994, Lemma 98.2 and Prop. 229.1 for perfect information). Information sets with several
    nodes are judged by the expected payoff over their nodes, weighted by the probabilities of
    reaching them from the smallest subgame that holds them.

    Returns a :class:`gametheory.conditions.Decision` under the tree's assumptions and ``given``.
    """
    assumptions = tuple(tree.assumptions) + tuple(given)
    roots = subgame_roots(tree)
    relations = []
    for r in roots:
        end = tree.subtree_end(r)
        for h in tree.infosets:
            if not (r <= h.nodes[0] < end):
                continue
            # the reach probability of each node of h from r, and the continuation of each move
            base = _values_by_move(tree, behaviour, r, h)
            if base is None:
                continue
            current = sum((behaviour[h.id].get(m, _ZERO) * v for m, v in base.items()), _ZERO)
            for m, v in base.items():
                relations.append(sympy.LessThan(sympy.expand(v - current), 0))
    relations = [rel for rel in relations if rel is not sympy.true]
    if any(rel is sympy.false for rel in relations):
        return conditions.Decision(False, ())
    if not relations:
        return conditions.Decision(True, ())
    simplified = conditions.simplify(relations, assumptions)
    if simplified is None:
        return conditions.Decision(False, ())
    if simplified == ():
        return conditions.Decision(True, ())
    return conditions.Decision(None, tuple(simplified))


def _values_by_move(tree: Tree, behaviour: dict, r: int, h) -> dict | None:
    """For information set ``h`` inside the subgame at ``r``: the mover's payoff from the subgame
    root when it plays move m at h (behaviour elsewhere), for every move, weighting h's nodes
    by their reach probability from ``r``; ``None`` when h is not reached from ``r``."""
    i = h.player
    values = {}
    for m in h.moves:
        changed = dict(behaviour)
        changed[h.id] = {x: (_ONE if x == m else _ZERO) for x in h.moves}
        try:
            values[m] = continuation_values(tree, changed, r)[i]
        except ValueError:
            return None
    reached = _reach_from(tree, behaviour, r, h)
    if reached == 0:
        return None
    return values


def _reach_from(tree, behaviour, r, h):
    """The probability of reaching information set ``h`` from node ``r`` (0 if never)."""
    end = tree.subtree_end(r)
    prob = {r: _ONE}
    total = _ZERO
    for j in range(r, end):
        if j not in prob or prob[j] == 0:
            continue
        node = tree.nodes[j]
        if j in h.nodes:
            total += prob[j]
        if node.is_leaf:
            continue
        dist = dict(zip(node.moves, node.probabilities)) if node.kind == "chance" else behaviour.get(node.info, {})
        for m, c in zip(node.moves, node.children):
            prob[c] = prob[j] * dist.get(m, _ZERO)
    return sympy.expand(total)
