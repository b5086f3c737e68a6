"""Bayesian games: equilibria as functions of the prior, and belief thresholds.

Conventions
-----------
* A :class:`~gametheory.games.BayesianGame` has players ``0 .. n-1``; player ``i`` with types
  has one *agent* per type, a player without types one agent (Selten's agent form; Harsanyi
  1967-68). Agents are listed player by player, types in the spec's order (:func:`agents`).
* A *type-contingent* (behaviour) profile gives every agent one distribution over its player's
  actions: ``behaviour[a][k]`` is the probability that agent ``a`` plays action ``k``. It is a
  Bayesian Nash equilibrium when every agent's support consists of best replies for its
  *interim* expected payoff, the expectation over the other players' types given its own (types
  are independent, so this is the prior of the others' types). With every type of positive
  prior, these are exactly the Nash equilibria of the Harsanyi normal form
  (:meth:`BayesianGame.harsanyi`) read type by type.
* The *prior symbol* is the parameter in the types' priors (for example ``mu``). Results by
  prior split its range, as allowed by the assumptions, into intervals and points
  (:class:`PriorRegion`); conditions are sympy relations beyond the game's assumptions, ``()``
  meaning "whenever the assumptions hold". Every symbolic comparison is decided by
  :mod:`gametheory.conditions`.
* Ex-ante payoffs are reported for every player (the expectation over all types).

Method
------
Pure Bayesian equilibria: every pure agent profile is checked agent by agent (interim
payoffs), the inequalities decided under the assumptions; this works for any number of players
and symbolic payoffs and priors.

Mixed equilibria by prior (two players, numeric payoffs, one prior symbol): the extreme
equilibria are the completely labelled vertex pairs of the two best-response polyhedra of the
agent form (Shapley 1974; von Stengel 2002 for bimatrix games; here each player's strategy set is
a product of simplices, one per agent), found by enumerating bases exactly. Every basis is
solved symbolically in the prior (fraction-free, over ``ZZ[prior]``); its determinant, its
coordinates and the slacks of the other constraints are polynomials in the prior, and their real
roots are the *critical values*. Between two consecutive critical values no sign changes, so the
set of vertices, their labels and the equilibrium pairs are the same throughout: the structure is
read at one rational point of each interval (and at each critical value) and the vertices are
reported as the exact rational functions of the prior of their bases. Components are the
connected components of the bipartite graph of extreme equilibria, and each is the union of the
convex hulls of its maximal complete sub-graphs (maximal Nash subsets; Audet et al. 2001;
Gambit's ``enummixed``), so degenerate games get their continua as components, never silently.

Belief thresholds (:func:`belief_thresholds`): the exact prior at which a player's (or type's)
best action changes, from the expected-payoff difference between two actions, linear in the
prior. Two kinds: ``"informed"`` (two players, one with types: the typed player answers each
action with its type's best reply, as in the sequential game where it moves second; Snyder's
and Jervis's deterrence-versus-spiral threshold), and ``"equilibrium"`` (against the other
agents' actions in a pure Bayesian equilibrium, which exists on one side of it; Kydd's minimum
level of trust).

References
----------
J. C. Harsanyi, "Games with Incomplete Information Played by 'Bayesian' Players", Management
Science 14, 1967-68. R. Selten, "Reexamination of the perfectness concept", IJGT 4, 1975 (agent
form). B. von Stengel, "Computing equilibria for two-person games", Handbook of Game Theory 3,
2002. C. Audet, P. Hansen, B. Jaumard, G. Savard, "Enumeration of all extreme equilibria of
bimatrix games", SIAM J. Sci. Comput. 23, 2001. A. Kydd, *Trust and Mistrust in International
Relations*, Princeton, 2005, ch. 2. G. H. Snyder, "The Security Dilemma in Alliance Politics",
World Politics 36(4), 1984.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import sympy

from .. import limits
from ..errors import UsageError
from ..games import BayesianGame, Game

__all__ = [
    "Agent",
    "BayesEquilibrium",
    "Threshold",
    "PriorRegion",
    "ByPrior",
    "agents",
    "interim_payoff",
    "interim_gain",
    "pure_bayesian_equilibria",
    "equilibria_by_prior",
    "belief_thresholds",
    "prior_symbols",
]

_ZERO = sympy.Integer(0)
_ONE = sympy.Integer(1)

#: Most bases examined on one side of the vertex enumeration.
MAX_BASES = 20000


# -- agents and interim payoffs -------------------------------------------------------------------

@dataclass(frozen=True)
class Agent:
    """One type of one player (or a player without types): ``player`` index, ``type`` index
    (``None`` without types), and a label such as ``"Adversary (status_quo)"``."""

    player: int
    type: int | None
    label: str
    type_name: str | None = None


def _bayes(game) -> BayesianGame:
    if isinstance(game, Game) and game.bayesian is not None:
        return game.bayesian
    if not isinstance(game, BayesianGame):
        raise UsageError(f"expected a Bayesian game (a spec with types:), got {type(game).__name__}")
    return game


def agents(game: BayesianGame) -> tuple[Agent, ...]:
    """The agents of ``game``: player by player, one per type (one for a player without types)."""
    game = _bayes(game)
    out = []
    for i, player in enumerate(game.players):
        if game.types[i]:
            for t, (name, _) in enumerate(game.types[i]):
                out.append(Agent(i, t, f"{player} ({name})", name))
        else:
            out.append(Agent(i, None, player))
    return tuple(out)


def _type_of(game: BayesianGame, key, player: int):
    typed = game.typed_players
    return key[typed.index(player)] if player in typed else None


def _agent_index(agent_list, player: int, type_index) -> int:
    for k, a in enumerate(agent_list):
        if a.player == player and a.type == type_index:
            return k
    raise KeyError((player, type_index))


def interim_payoff(game: BayesianGame, agent: Agent, action: int, behaviour) -> sympy.Expr:
    """Agent ``agent``'s interim expected payoff from ``action`` when the other agents play
    ``behaviour`` (one distribution per agent, in :func:`agents` order).

    For a player without types this is its ex-ante expected payoff.
    """
    return sympy.expand(_interim(game, agent, action, None, behaviour))


def interim_gain(game: BayesianGame, agent: Agent, action: int, other: int, behaviour) -> sympy.Expr:
    """``interim_payoff(action) - interim_payoff(other)``, written as a sum over the other
    players' type profiles of prior times payoff difference (so that its sign is easy to
    decide: ``p*(R - Tu) + (1 - p)*(S - P)`` rather than its expansion)."""
    return _interim(game, agent, action, other, behaviour)


def _interim(game: BayesianGame, agent: Agent, action: int, other, behaviour) -> sympy.Expr:
    game = _bayes(game)
    agent_list = agents(game)
    i = agent.player
    grouped: dict = {}
    for key, arrays in game.tables:
        if agent.type is not None and _type_of(game, key, i) != agent.type:
            continue
        weight = _ONE
        for j, t in zip(game.typed_players, key):
            if j != i:
                weight *= game.types[j][t][1]
        others = []
        for j in range(game.n_players):
            if j == i:
                others.append([(None, _ONE)])
            else:
                dist = behaviour[_agent_index(agent_list, j, _type_of(game, key, j))]
                others.append([(k, p) for k, p in enumerate(dist) if p != 0])
        total = _ZERO
        for combo in itertools.product(*others):
            w = _ONE
            for _, p in combo:
                w *= p
            cell = [k for k, _ in combo]
            cell[i] = action
            value = arrays[i][tuple(cell)]
            if other is not None:
                cell[i] = other
                value = value - arrays[i][tuple(cell)]
            total += w * value
        grouped[weight] = grouped.get(weight, _ZERO) + total
    return sympy.Add(*[w * sympy.expand(v) for w, v in sorted(grouped.items(), key=lambda kv: str(kv[0]))])


def _ex_ante(game: BayesianGame, player: int, behaviour) -> sympy.Expr:
    agent_list = agents(game)
    total = _ZERO
    for a in agent_list:
        if a.player != player:
            continue
        weight = game.types[player][a.type][1] if a.type is not None else _ONE
        dist = behaviour[agent_list.index(a)]
        for k, p in enumerate(dist):
            if p != 0:
                total += weight * p * interim_payoff(game, a, k, behaviour)
    return total


def prior_symbols(game: BayesianGame) -> tuple[sympy.Symbol, ...]:
    """The parameters that the types' priors depend on, sorted by name."""
    game = _bayes(game)
    out = set()
    for t in game.types:
        for _, prior in t:
            out |= prior.free_symbols
    return tuple(sorted(out, key=str))


# -- equilibria ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class BayesEquilibrium:
    """A Bayesian Nash equilibrium in type-contingent strategies (one distribution per agent).

    ``payoffs[i]`` is player ``i``'s ex-ante expected payoff; ``conditions`` are beyond the
    assumptions (and, inside a :class:`PriorRegion`, beyond the region's own conditions);
    ``component`` numbers the connected components of the equilibrium set in a region.
    """

    behaviour: tuple[tuple[sympy.Expr, ...], ...]
    payoffs: tuple[sympy.Expr, ...]
    conditions: tuple = ()
    component: int = 0

    @property
    def is_pure(self) -> bool:
        return all(sum(1 for p in d if p != 0) == 1 and _ONE in d for d in self.behaviour)

    @property
    def kind(self) -> str:
        return "pure" if self.is_pure else "mixed"

    def profile(self, game: BayesianGame) -> dict:
        """``{player: {action: p}}``, and ``{player: {type: {action: p}}}`` for a player with types."""
        game = _bayes(game)
        out: dict = {}
        for a, dist in zip(agents(game), self.behaviour):
            d = dict(zip(game.actions[a.player], dist))
            if a.type is None:
                out[game.players[a.player]] = d
            else:
                out.setdefault(game.players[a.player], {})[a.type_name] = d
        return out

    def describe(self, game: BayesianGame) -> str:
        """A one-line description: ``State: Conciliate; Adversary: status_quo Conciliate, ...``."""
        game = _bayes(game)
        parts = []
        for i, player in enumerate(game.players):
            items = []
            for a, dist in zip(agents(game), self.behaviour):
                if a.player != i:
                    continue
                text = _dist_text(game.actions[i], dist)
                items.append(text if a.type is None else f"{a.type_name} {text}")
            parts.append(f"{player}: " + ", ".join(items))
        return "; ".join(parts)

    def to_dict(self, game: BayesianGame) -> dict:
        from .. import conditions

        s = conditions.to_str
        game = _bayes(game)
        prof = {}
        for player, value in self.profile(game).items():
            if all(isinstance(v, dict) for v in value.values()):
                prof[player] = {t: {k: s(p) for k, p in d.items()} for t, d in value.items()}
            else:
                prof[player] = {k: s(p) for k, p in value.items()}
        return {
            "type": self.kind,
            "profile": prof,
            "payoffs": {player: s(v) for player, v in zip(game.players, self.payoffs)},
            "conditions": [s(c) for c in self.conditions],
            "component": self.component,
        }


_FLIP = {">": "<", ">=": "<=", "<": ">", "<=": ">=", "==": "==", "!=": "!="}


def _solved_for_prior(rel, priors, reasoner):
    """A condition linear in one prior, rewritten as ``prior OP threshold`` (``mu <= 1/2`` for
    ``2*mu <= 1``) when the sign of the prior's coefficient is known; else unchanged."""
    if not isinstance(rel, sympy.core.relational.Relational):
        return rel
    e = sympy.expand(rel.lhs - rel.rhs)
    for prior in priors:
        if not e.has(prior) or not e.is_polynomial(prior) or sympy.degree(e, prior) != 1:
            continue
        b = e.coeff(prior, 1)
        a = sympy.expand(e - b * prior)
        sign = reasoner.sign(b)
        if sign not in ("+", "-"):
            continue
        root = reasoner.tidy(-a / b)
        op = rel.rel_op if sign == "+" else _FLIP[rel.rel_op]
        return sympy.Rel(prior, root, op)
    return rel


def _dist_text(actions, dist) -> str:
    support = [(name, p) for name, p in zip(actions, dist) if p != 0]
    if len(support) == 1 and support[0][1] == 1:
        return support[0][0]
    return " + ".join(f"{name} {p}" if len(str(p)) < 4 else f"{name} ({p})" for name, p in support)


def pure_bayesian_equilibria(game: BayesianGame) -> tuple[BayesEquilibrium, ...]:
    """Every pure Bayesian Nash equilibrium, each with the conditions under which it is one.

    Agent profiles are visited in lexicographic order (agents as in :func:`agents`); each
    agent's interim payoff from its action must be at least that of every other action
    (weak inequalities, decided under the assumptions). Works for any number of players and
    symbolic payoffs and priors.
    """
    from ..conditions import Reasoner

    game = _bayes(game)
    reasoner = Reasoner(game.assumptions)
    agent_list = agents(game)
    sizes = [len(game.actions[a.player]) for a in agent_list]
    out = []
    for choice in itertools.product(*(range(k) for k in sizes)):
        limits.check("the search for pure Bayesian equilibria")
        behaviour = tuple(tuple(_ONE if k == c else _ZERO for k in range(n)) for c, n in zip(choice, sizes))
        relations = []
        for a, c, n in zip(agent_list, choice, sizes):
            for k in range(n):
                if k != c:
                    relations.append(sympy.Ge(interim_gain(game, a, c, k, behaviour), 0))
        conds = reasoner.all_of(relations, "the search for pure Bayesian equilibria")
        if conds is None:
            continue
        conds = tuple(_solved_for_prior(c, prior_symbols(game), reasoner) for c in conds)
        payoffs = tuple(reasoner.tidy(_ex_ante(game, i, behaviour)) for i in range(game.n_players))
        out.append(BayesEquilibrium(behaviour, payoffs, conds, len(out)))
    return tuple(out)


# -- the best-response polyhedra of the agent form (two players) ---------------------------------

@dataclass(frozen=True)
class _Row:
    """``coeffs . z + const >= 0`` (an inequality, with its label) or ``= 0`` (label ``None``)."""

    coeffs: tuple
    const: sympy.Expr
    label: int | None


class _Side:
    """The polyhedron of one player's agents' mixed actions ``x`` and the other player's agents'
    values ``w``: ``x >= 0`` (labels of the mixing agents' actions), ``w_o >= V_o(b, x)`` (labels
    of the other agents' actions), ``sum_a x_{m,a} = 1`` for every mixing agent ``m``."""

    def __init__(self, game: BayesianGame, agent_list, labels, mixer: int):
        self.game = game
        other = 1 - mixer
        self.mix = [k for k, a in enumerate(agent_list) if a.player == mixer]
        self.oth = [k for k, a in enumerate(agent_list) if a.player == other]
        self.xvars = [(m, act) for m in self.mix for act in range(len(game.actions[mixer]))]
        nx, nw = len(self.xvars), len(self.oth)
        self.dim = nx + nw
        rows = []
        for v, (m, act) in enumerate(self.xvars):
            rows.append(_Row(tuple(_ONE if u == v else _ZERO for u in range(self.dim)), _ZERO, labels[(m, act)]))
        for w, o in enumerate(self.oth):
            ao = agent_list[o]
            for b in range(len(game.actions[other])):
                coeffs = [_ZERO] * self.dim
                coeffs[nx + w] = _ONE
                for v, (m, act) in enumerate(self.xvars):
                    am = agent_list[m]
                    coeffs[v] = -_pair_payoff(game, ao, b, am, act)
                rows.append(_Row(tuple(sympy.expand(c) for c in coeffs), _ZERO, labels[(o, b)]))
        self.ineq = rows
        self.eq = []
        for m in self.mix:
            coeffs = tuple(_ONE if self.xvars[v][0] == m else _ZERO for v in range(nx)) + (_ZERO,) * nw
            self.eq.append(_Row(coeffs, -_ONE, None))
        self.k = self.dim - len(self.eq)


def _pair_payoff(game: BayesianGame, receiver: Agent, r_action: int, sender: Agent, s_action: int) -> sympy.Expr:
    """Receiver agent's payoff from ``r_action`` when the sender agent plays ``s_action``, weighted
    by the prior of the sender's type (two-player games)."""
    key = []
    for j in game.typed_players:
        key.append(receiver.type if j == receiver.player else sender.type)
    arrays = game.table(tuple(key))
    profile = [0, 0]
    profile[receiver.player] = r_action
    profile[sender.player] = s_action
    weight = game.types[sender.player][sender.type][1] if sender.type is not None else _ONE
    return weight * arrays[receiver.player][tuple(profile)]


@dataclass
class _Basis:
    rows: tuple            # indices of the tight inequality rows
    det: sympy.Poly        # the determinant of the basis system, a polynomial in the prior
    num: tuple             # numerators of the coordinates (z = num / det)
    slack: tuple           # numerators of every inequality's slack (slack = slack_num / det)


def _bases(side: _Side, gen: sympy.Symbol):
    """Every basis of ``side`` whose determinant is not identically zero, solved in ``gen``."""
    from sympy.polys.matrices import DomainMatrix

    n = side.dim
    combos = list(itertools.combinations(range(len(side.ineq)), side.k))
    if len(combos) > MAX_BASES:
        raise _TooLarge(f"{len(combos)} bases on one side (at most {MAX_BASES})")
    out = []
    for combo in combos:
        limits.check("the vertex enumeration of the agent form")
        rows = side.eq + [side.ineq[c] for c in combo]
        M = DomainMatrix.from_list_sympy(n, n, [list(r.coeffs) for r in rows])
        rhs_vals = [[-r.const] for r in rows]
        b = DomainMatrix.from_list_sympy(n, 1, rhs_vals)
        K = M.domain.unify(b.domain)
        M = M.convert_to(K)
        b = b.convert_to(K)
        det = M.det()
        if not det:
            continue
        # Cramer's rule, fraction-free: z = adj(M) b / det(M). solve_den gives z = xnum / den;
        # xnum * det / den = adj(M) b is a polynomial, so the division below is exact
        xnum, den = M.solve_den(b)
        to = K.to_sympy
        denp = sympy.Poly(to(det), gen)
        den0 = sympy.Poly(to(den), gen)
        num = tuple((sympy.Poly(to(xnum[i, 0].element), gen) * denp).exquo(den0) for i in range(n))
        slack = []
        for r in side.ineq:
            total = sympy.Poly(r.const, gen) * denp
            for c, p in zip(r.coeffs, num):
                if c != 0:
                    total += sympy.Poly(c, gen) * p
            slack.append(total)
        out.append(_Basis(combo, denp, num, tuple(slack)))
    return out


class _TooLarge(Exception):
    pass


def _value(poly: sympy.Poly, point) -> sympy.Expr:
    if point is None:
        return poly.as_expr()
    if point.is_Rational:
        return poly.eval(point)
    return sympy.expand(poly.as_expr().xreplace({poly.gens[0]: point}))


def _sign(x) -> str:
    from ..conditions import number_sign

    return number_sign(x)


@dataclass
class _Vertex:
    basis: _Basis
    coords: tuple          # numbers at the cell's point
    labels: frozenset
    nums: tuple = ()       # coordinates' numerators and common denominator at the point
    den: sympy.Expr = _ONE


def _vertices(side: _Side, bases, point) -> list[_Vertex]:
    """The vertices of ``side`` at the parameter value ``point`` (exact)."""
    found: list[_Vertex] = []
    for basis in bases:
        limits.check("the vertex enumeration of the agent form")
        if _sign(_value(basis.det, point)) == "0":
            continue
        den = _value(basis.det, point)  # the determinant: not zero here
        dsign = _sign(den)
        tight = set()
        feasible = True
        for r, s in zip(side.ineq, basis.slack):
            sv = _sign(_value(s, point))
            if sv == "0":
                tight.add(r.label)
            elif sv != dsign:
                feasible = False
                break
        if not feasible:
            continue
        nums = tuple(_value(p, point) for p in basis.num)
        # the same point as a vertex found before? (cross-multiplied: polynomials in the point)
        if any(all(_sign(sympy.expand(a * v.den - b * den)) == "0" for a, b in zip(nums, v.nums)) for v in found):
            continue
        found.append(_Vertex(basis, tuple(_ratio(a, den) for a in nums), frozenset(tight), nums, den))
    return found


def _ratio(a, b) -> sympy.Expr:
    """``a / b`` for exact numbers (a rational, or a polynomial in one real algebraic number
    reduced to lowest degree when possible)."""
    value = a / b
    if value.is_Rational:
        return value
    roots = value.atoms(sympy.CRootOf)
    if len(roots) == 1:
        (r,) = roots
        z = sympy.Dummy("z")
        try:
            minimal = r.poly.replace(r.poly.gen, z)
            num = sympy.Poly(sympy.expand(a).xreplace({r: z}), z)
            den = sympy.Poly(sympy.expand(b).xreplace({r: z}), z)
            inverse = den.invert(minimal)
            return sympy.expand(((num * inverse).rem(minimal)).as_expr().xreplace({z: r}))
        except (sympy.polys.polyerrors.PolynomialError, sympy.polys.polyerrors.NotInvertible):
            return value
    return sympy.radsimp(value)


# -- regions of the prior ------------------------------------------------------------------------------

@dataclass(frozen=True)
class PriorRegion:
    """An interval (or a single value) of the prior with the same equilibrium structure.

    ``lower``/``upper`` are the bounds (``None``: unbounded), ``lower_closed``/``upper_closed``
    whether they belong to the region (a single value has ``lower == upper``, both closed);
    ``conditions`` say the same beyond the assumptions. ``equilibria`` are the extreme Bayesian
    equilibria there, their probabilities exact rational functions of the prior;
    ``components[c]`` lists the indices of the extreme equilibria of component ``c``;
    ``nash_subsets`` the maximal Nash subsets (each a convex set, the convex hull of its
    extreme equilibria, whose union over a component is the component).
    """

    lower: sympy.Expr | None
    upper: sympy.Expr | None
    lower_closed: bool
    upper_closed: bool
    conditions: tuple
    equilibria: tuple[BayesEquilibrium, ...]
    components: tuple[tuple[int, ...], ...]
    nash_subsets: tuple[tuple[int, ...], ...]

    @property
    def is_point(self) -> bool:
        return self.lower is not None and self.lower == self.upper

    def interval(self, prior) -> str:
        """``"0 < mu < 1/2"``, ``"mu = 1/2"``, ``"1/2 <= mu < 1"`` (``"every mu"`` unbounded;
        ``"any prior"`` when the prior has no name)."""
        if prior is None and self.lower is None and self.upper is None:
            return "any prior"
        name = str(prior) if prior is not None else "the prior"
        if self.is_point:
            return f"{name} = {self.lower}"
        parts = []
        if self.lower is not None:
            parts.append(f"{self.lower} {'<=' if self.lower_closed else '<'} ")
        parts.append(name)
        if self.upper is not None:
            parts.append(f" {'<=' if self.upper_closed else '<'} {self.upper}")
        return "".join(parts) if len(parts) > 1 else f"every {name}"

    def shape(self, component: int) -> str:
        """``"point"``, ``"segment"``, ``"polytope"`` (one convex set with more extreme points) or
        ``"union of N convex sets"``."""
        members = self.components[component]
        subsets = [s for s in self.nash_subsets if set(s) <= set(members)]
        if len(members) == 1:
            return "point"
        if len(subsets) == 1:
            return "segment" if len(members) == 2 else "polytope"
        return f"union of {len(subsets)} convex sets"


@dataclass(frozen=True)
class ByPrior:
    """Bayesian equilibria as functions of the prior.

    ``pure`` are the pure Bayesian equilibria with their exact conditions (any parameters);
    ``regions`` split the prior's range where the mixed analysis ran (two players, numeric
    payoffs, one prior symbol; empty otherwise, with a note); ``critical`` are the boundaries
    between regions. ``complete`` is True when every extreme equilibrium of every region is
    listed.
    """

    game: BayesianGame
    prior: sympy.Symbol | None
    pure: tuple[BayesEquilibrium, ...]
    regions: tuple[PriorRegion, ...]
    critical: tuple[sympy.Expr, ...]
    complete: bool
    method: str
    notes: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        """JSON-ready data; expressions as strings (:func:`gametheory.conditions.to_str`)."""
        from .. import conditions

        s = conditions.to_str
        regions = []
        for r in self.regions:
            regions.append({
                "interval": r.interval(self.prior),
                "lower": None if r.lower is None else s(r.lower),
                "upper": None if r.upper is None else s(r.upper),
                "lower_closed": r.lower_closed,
                "upper_closed": r.upper_closed,
                "conditions": [s(c) for c in r.conditions],
                "equilibria": [e.to_dict(self.game) for e in r.equilibria],
                "components": [
                    {"equilibria": list(c), "shape": r.shape(k),
                     "nash_subsets": [list(x) for x in r.nash_subsets if set(x) <= set(c)]}
                    for k, c in enumerate(r.components)
                ],
            })
        return {
            "prior": None if self.prior is None else str(self.prior),
            "method": self.method,
            "complete": self.complete,
            "pure": [e.to_dict(self.game) for e in self.pure],
            "critical_values": [s(c) for c in self.critical],
            "regions": regions,
            "notes": list(self.notes),
        }

    def lines(self) -> list[str]:
        """The result as plain text lines (for reports)."""
        from .. import conditions

        game = self.game
        out = []
        name = str(self.prior) if self.prior is not None else "the prior"
        out.append(f"Pure Bayesian equilibria by {name}:")
        if not self.pure:
            out.append("  none")
        for e in self.pure:
            when = " and ".join(conditions.to_str(c) for c in e.conditions) if e.conditions else "always"
            out.append(f"  {e.describe(game)}  [{when}]")
        for r in self.regions:
            out.append(f"For {r.interval(self.prior)}:")
            for k, comp in enumerate(r.components):
                shape = r.shape(k)
                if shape == "point":
                    e = r.equilibria[comp[0]]
                    out.append(f"  {e.kind}: {e.describe(game)}")
                    continue
                out.append(f"  a {shape} of equilibria with {len(comp)} extreme points:")
                for idx in comp:
                    out.append(f"    {r.equilibria[idx].describe(game)}")
        for note in self.notes:
            out.append(f"Note: {note}")
        return out


def equilibria_by_prior(game) -> ByPrior:
    """Bayesian Nash equilibria as functions of the prior: exact regions of the prior with the
    pure and mixed (type-contingent) equilibria in each, grouped into components.

    Parameters
    ----------
    game : BayesianGame
        (or its Harsanyi ``Game``). Any number of players for the pure equilibria; the regions
        need two players, numeric payoffs and at most one parameter in the priors.

    Returns
    -------
    ByPrior

    Raises
    ------
    UsageError
        If the game has no types.
    TimeLimitError
        When the time limit (:func:`gametheory.limits.deadline`) is reached.

    Notes
    -----
    See the module docstring: pure equilibria agent by agent; mixed ones by exact basis
    enumeration of the agent form's best-response polyhedra, parametric in the prior, with
    critical values from the roots of the bases' determinants and slacks.

    Examples
    --------
    >>> import gametheory
    >>> result = equilibria_by_prior(gametheory.load("snyder-adversary-game"))
    >>> [r.interval(result.prior) for r in result.regions]
    ['0 < mu < 1/2', 'mu = 1/2', '1/2 < mu < 1']
    """
    bayes = _bayes(game)
    pure = pure_bayesian_equilibria(bayes)
    priors = prior_symbols(bayes)
    others = set(bayes.free_symbols) - set(priors)
    notes: list[str] = []
    regions: tuple = ()
    critical: tuple = ()
    complete = False
    method = "pure Bayesian equilibria (agent form)"
    prior = priors[0] if len(priors) == 1 else None
    if bayes.n_players != 2:
        notes.append("mixed Bayesian equilibria by prior are computed for two players only")
    elif len(priors) > 1:
        notes.append(f"mixed Bayesian equilibria by prior need a single parameter in the priors, got "
                     f"{', '.join(map(str, priors))}; give values to the others")
    elif others:
        notes.append("mixed Bayesian equilibria by prior need numeric payoffs; give values to "
                     f"{', '.join(sorted(map(str, others)))}")
    else:
        try:
            regions, critical = _regions(bayes, prior)
            complete = True
            method = ("pure Bayesian equilibria (agent form); extreme equilibria by exact basis enumeration "
                      "of the agent form, parametric in the prior")
        except _TooLarge as error:
            notes.append(f"mixed Bayesian equilibria were not computed: the game is too large ({error})")
    return ByPrior(bayes, prior, pure, regions, critical, complete, method, tuple(notes))


def _labels(game: BayesianGame, agent_list) -> dict:
    labels = {}
    for k, a in enumerate(agent_list):
        for act in range(len(game.actions[a.player])):
            labels[(k, act)] = len(labels)
    return labels


def _critical_values(polys, gen) -> list:
    """The distinct real roots of the polynomials, in increasing order (exact)."""
    factors = {}
    for p in polys:
        if p.is_zero or p.degree() <= 0:
            continue
        for f, _ in sympy.factor_list(p.as_expr(), gen)[1]:
            fp = sympy.Poly(f, gen).monic()
            if fp.degree() > 0:
                factors[str(fp.as_expr())] = fp
    roots = []
    for key in sorted(factors):
        limits.check("the critical values of the prior")
        roots.extend(sympy.real_roots(factors[key]))
    roots = list({sympy.srepr(r): r for r in roots}.values())
    roots.sort(key=lambda r: sympy.Float(r.evalf(60), 60))
    return roots


def _between(lo, hi):
    """A rational strictly between two exact reals (``None`` for an unbounded side)."""
    if lo is None and hi is None:
        return sympy.Integer(0)
    if lo is None:
        return sympy.floor(hi) - 1
    if hi is None:
        return sympy.ceiling(lo) + 1
    if lo.is_Rational and hi.is_Rational:
        return (lo + hi) / 2
    for digits in (30, 60, 120):
        mid = sympy.Rational(str(((lo + hi) / 2).evalf(digits)))
        if _sign(mid - lo) == "+" and _sign(hi - mid) == "+":
            return mid
    raise UsageError("could not separate two critical values of the prior")  # pragma: no cover


def _holds(rel, gen, point) -> bool | None:
    """Whether a relation in ``gen`` alone holds at ``point`` (exactly), ``None`` if it has other symbols."""
    if not isinstance(rel, sympy.core.relational.Relational):
        return None
    if rel.free_symbols - {gen}:
        return None
    s = _sign(sympy.expand((rel.lhs - rel.rhs).xreplace({gen: point})))
    return {"==": s == "0", "!=": s != "0", ">": s == "+", ">=": s != "-", "<": s == "-", "<=": s != "+"}[rel.rel_op]


def _regions(game: BayesianGame, prior):
    agent_list = agents(game)
    labels = _labels(game, agent_list)
    gen = prior if prior is not None else sympy.Dummy("t")
    sides = (_Side(game, agent_list, labels, 0), _Side(game, agent_list, labels, 1))
    bases = tuple(_bases(side, gen) for side in sides)
    if prior is None:
        cells = [(None, None, None)]
        breakpoints = []
    else:
        polys = []
        for bs in bases:
            for b in bs:
                polys.extend([b.det, *b.slack])
        extra = []
        for rel in game.assumptions:
            if isinstance(rel, sympy.core.relational.Relational) and rel.free_symbols == {prior}:
                extra.append(rel.lhs - rel.rhs)
        for t in game.types:
            for _, p in t:
                extra.append(p)
        for e in extra:
            n, d = sympy.fraction(sympy.together(e))
            for part in (n, d):
                if part.free_symbols <= {prior}:
                    polys.append(sympy.Poly(part, gen))
        breakpoints = _critical_values(polys, gen)
        cells = []
        bounds = [None] + breakpoints + [None]
        for k in range(len(bounds) - 1):
            lo, hi = bounds[k], bounds[k + 1]
            cells.append((lo, hi, _between(lo, hi)))
            if hi is not None:
                cells.append((hi, hi, hi))
    results = []
    for lo, hi, point in cells:
        limits.check("the equilibria by prior")
        if prior is not None:
            if any(_holds(rel, gen, point) is False for rel in game.assumptions):
                continue
            if any(_sign(sympy.expand(p.xreplace({gen: point}))) != "+" for t in game.types for _, p in t):
                continue
        results.append((lo, hi, point, _cell(game, agent_list, labels, sides, bases, gen, prior, point, lo == hi)))
    return _merge(game, prior, gen, results)


def _cell(game, agent_list, labels, sides, bases, gen, prior, point, is_point):
    """The extreme equilibria and components at one cell (formulas in the prior for an interval)."""
    verts = [_vertices(side, bs, point) for side, bs in zip(sides, bases)]
    everything = frozenset(labels.values())
    pairs = [(i, j) for i, u in enumerate(verts[0]) for j, v in enumerate(verts[1]) if u.labels | v.labels >= everything]
    sizes = [len(game.actions[a.player]) for a in agent_list]

    def coords(side, vertex):
        if prior is None or is_point:
            values = vertex.coords
        else:
            den = vertex.basis.det.as_expr()
            values = tuple(_nice(p.as_expr() / den) for p in vertex.basis.num)
        out = {}
        for v, (m, act) in enumerate(side.xvars):
            out.setdefault(m, [_ZERO] * sizes[m])[act] = values[v]
        return out

    from ..conditions import Reasoner

    reasoner = Reasoner(game.assumptions)
    equilibria = []
    for i, j in pairs:
        per_agent = {**coords(sides[0], verts[0][i]), **coords(sides[1], verts[1][j])}
        behaviour = tuple(tuple(per_agent[k]) for k in range(len(agent_list)))
        payoffs = tuple(reasoner.tidy(_ex_ante(game, p, behaviour)) for p in range(game.n_players))
        equilibria.append((behaviour, payoffs, (i, j)))
    return equilibria


def _nice(expr) -> sympy.Expr:
    """A rational function in lowest terms, written with the fewer minus signs of ``n/d`` and
    ``(-n)/(-d)`` (``(1 - 2*mu)/(2 - 2*mu)`` rather than ``(2*mu - 1)/(2*(mu - 1))``)."""
    expr = sympy.cancel(sympy.sympify(expr))
    if expr.is_Rational:
        return expr
    n, d = sympy.fraction(sympy.factor(expr))
    options = [sympy.factor(expr)]
    options.append(sympy.Mul(sympy.expand(-n), sympy.Pow(sympy.expand(-d), -1)))
    options.append(sympy.Mul(sympy.expand(n), sympy.Pow(sympy.expand(d), -1)))
    return min(options, key=lambda e: (str(e).count("-"), len(str(e)), str(e)))


def _order_key(behaviour):
    pure = all(sum(1 for p in d if p != 0) == 1 for d in behaviour)
    support = tuple(tuple(k for k, p in enumerate(d) if p != 0) for d in behaviour)
    return (0 if pure else 1, sum(len(s) for s in support), support, tuple(str(p) for d in behaviour for p in d))


def _structure(entries):
    """Order the extreme equilibria; components and maximal Nash subsets from the vertex pairs."""
    entries = sorted(entries, key=lambda e: _order_key(e[0]))
    pairs = [e[2] for e in entries]
    parent = list(range(len(pairs)))

    def find(a):
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for a, b in itertools.combinations(range(len(pairs)), 2):
        if pairs[a][0] == pairs[b][0] or pairs[a][1] == pairs[b][1]:
            parent[find(a)] = find(b)
    order: dict = {}
    for k in range(len(pairs)):
        order.setdefault(find(k), len(order))
    components = [[] for _ in order]
    for k in range(len(pairs)):
        components[order[find(k)]].append(k)
    # maximal Nash subsets: maximal S x T inside the set of pairs (closed under common neighbours)
    edge = set(pairs)
    subsets = set()
    for comp in components:
        xs = sorted({pairs[k][0] for k in comp})
        ys = sorted({pairs[k][1] for k in comp})
        for size in range(1, len(xs) + 1):
            for S in itertools.combinations(xs, size):
                limits.check("the maximal Nash subsets")
                T = [y for y in ys if all((x, y) in edge for x in S)]
                if not T:
                    continue
                S2 = tuple(x for x in xs if all((x, y) in edge for y in T))
                subsets.add((S2, tuple(T)))
    maximal = [s for s in subsets
               if not any(o != s and set(s[0]) <= set(o[0]) and set(s[1]) <= set(o[1]) for o in subsets)]
    index = {p: k for k, p in enumerate(pairs)}
    nash = sorted(tuple(sorted(index[(x, y)] for x in S for y in T)) for S, T in maximal)
    return entries, tuple(tuple(c) for c in components), tuple(nash)


def _same_at(formulas, gen, point, numbers) -> bool:
    for f, v in zip(formulas, numbers):
        n, d = sympy.fraction(sympy.together(sympy.sympify(f) - v))
        if d.free_symbols - {gen} or n.free_symbols - {gen}:  # pragma: no cover - formulas are in the prior only
            return False
        if _sign(sympy.expand(n.xreplace({gen: point}))) != "0":
            return False
    return True


def _merge(game, prior, gen, results):
    """Join neighbouring cells with the same equilibria (a value joins an interval when the
    interval's formulas, evaluated there, give its equilibria) into regions."""
    from .. import conditions

    cells = []
    for lo, hi, point, entries in results:
        ordered, components, nash = _structure(entries)
        cells.append(dict(lo=lo, hi=hi, point=point, is_point=(lo == hi and lo is not None),
                          entries=ordered, components=components, nash=nash))

    def flat(cell):
        return [p for e in cell["entries"] for d in e[0] for p in d]

    def compatible(interval, other):
        if len(interval["entries"]) != len(other["entries"]):
            return False
        if interval["components"] != other["components"] or interval["nash"] != other["nash"]:
            return False
        if other["is_point"]:
            return _same_at(flat(interval), gen, other["point"], flat(other))
        return [str(x) for x in flat(interval)] == [str(x) for x in flat(other)]

    groups: list[list[dict]] = []
    for cell in cells:
        if groups:
            last = groups[-1]
            anchor = next((c for c in last if not c["is_point"]), None)
            adjacent = last[-1]["hi"] == cell["lo"] or (last[-1]["is_point"] and last[-1]["lo"] == cell["lo"]) \
                or (cell["is_point"] and last[-1]["hi"] == cell["lo"])
            if adjacent:
                if anchor is None and not cell["is_point"]:
                    if compatible(cell, last[-1]):
                        last.append(cell)
                        continue
                elif anchor is not None and compatible(anchor, cell):
                    last.append(cell)
                    continue
        groups.append([cell])
    regions = []
    critical = []
    for group in groups:
        first, last = group[0], group[-1]
        anchor = next((c for c in group if not c["is_point"]), group[0])
        lower, upper = first["lo"], last["hi"]
        lower_closed = first["is_point"]
        upper_closed = last["is_point"]
        if prior is None:
            conds = ()
        else:
            rels = []
            if lower is not None and lower == upper and first["is_point"]:
                rels.append(sympy.Eq(prior, lower))
            else:
                if lower is not None:
                    rels.append(sympy.Ge(prior, lower) if lower_closed else sympy.Gt(prior, lower))
                if upper is not None:
                    rels.append(sympy.Le(prior, upper) if upper_closed else sympy.Lt(prior, upper))
            conds = tuple(r for r in rels if conditions.decide(r, game.assumptions).value is not True)
        equilibria = tuple(
            BayesEquilibrium(behaviour, payoffs, (), component=_component_of(anchor["components"], k))
            for k, (behaviour, payoffs, _) in enumerate(anchor["entries"])
        )
        regions.append(PriorRegion(lower, upper, lower_closed, upper_closed, tuple(conds), equilibria,
                                   anchor["components"], anchor["nash"]))
    for a, b in zip(regions, regions[1:]):
        bound = a.upper if a.upper is not None else b.lower
        if bound is not None and (not critical or critical[-1] != bound):
            critical.append(bound)
    return tuple(regions), tuple(critical)


def _component_of(components, k) -> int:
    for c, members in enumerate(components):
        if k in members:
            return c
    return 0


# -- belief thresholds ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Threshold:
    """The exact prior at which a player's (or a type's) best action changes.

    ``name`` (``"mu*"``, ``"mu*_2"``, ...) is how ``statics`` refers to it; ``player`` the
    player or agent(s) whose choice changes; ``prior`` the prior parameter; ``expression`` the
    threshold as an exact expression of the payoffs; ``below``/``above`` the action that pays
    more below and above it; ``kind`` is ``"informed"`` or ``"equilibrium"`` (module
    docstring); ``conditions`` are those under which the threshold lies inside the prior's range
    (beyond the assumptions); ``equilibrium`` is the index (in
    :func:`pure_bayesian_equilibria`) of the pure equilibrium that exists on the ``below`` side
    (for ``kind="equilibrium"``) and ``weak`` tells that it exists at the threshold itself too.
    """

    name: str
    player: str
    prior: str
    expression: sympy.Expr
    meaning: str
    below: str
    above: str
    kind: str
    conditions: tuple = ()
    equilibrium: int | None = None

    def to_dict(self) -> dict:
        from .. import conditions

        s = conditions.to_str
        return {
            "name": self.name,
            "player": self.player,
            "prior": self.prior,
            "expression": s(self.expression),
            "kind": self.kind,
            "below": self.below,
            "above": self.above,
            "meaning": self.meaning,
            "conditions": [s(conditions.canonical(c)) for c in self.conditions],
            "equilibrium": self.equilibrium,
        }

    def line(self) -> str:
        return f"{self.name} = {self.expression}: {self.meaning}"


def _an(word: str) -> str:
    return ("an " if word[:1].lower() in "aeiou" else "a ") + word


def _linear_root(expr, prior, reasoner):
    """``(root, sign of the coefficient)`` when ``expr`` is linear in ``prior`` with a coefficient
    that is not identically zero, else ``None``."""
    e = sympy.expand(expr)
    if not e.has(prior) or not e.is_polynomial(prior):
        return None
    poly = sympy.Poly(e, prior)
    if poly.degree() != 1:
        return None
    b, a = poly.all_coeffs()
    sign = reasoner.sign(b)
    if sign == "0":
        return None
    root = reasoner.tidy(-a / b)
    if not root.is_Rational:
        root = _nice(root)
    return root, sign, b


def _roots_inside(bayes, expr, priors, reasoner):
    """For each prior in which ``expr`` is linear with a root strictly inside the prior's range:
    ``(prior, root, sign, conditions)``, ``sign`` the sign of ``expr``'s slope (``"+"`` under
    ``conditions`` when the assumptions leave it open)."""
    for prior in priors:
        lin = _linear_root(expr, prior, reasoner)
        if lin is None:
            continue
        root, sign, coeff = lin
        inside = _inside(bayes, prior, root, reasoner)
        if inside is None:
            continue
        conds = inside
        if sign not in ("+", "-"):
            conds = reasoner.all_of(list(inside) + [sympy.Gt(coeff, 0)]) or ()
            sign = "+"
        yield prior, root, sign, conds


def _inside(game, prior, root, reasoner):
    """Conditions under which ``prior = root`` satisfies the assumptions on the prior."""
    rels = [rel.xreplace({prior: root}) for rel in game.assumptions if prior in rel.free_symbols]
    rels += [sympy.Gt(p.xreplace({prior: root}), 0) for t in game.types for _, p in t if prior in p.free_symbols]
    return reasoner.all_of(rels, "the belief thresholds")


def _best_replies(game: BayesianGame, player: int, type_index: int, other_action: int, reasoner):
    """The typed ``player``'s best replies (type ``type_index``) to the other's action: a tuple of
    action indices when decided (several when tied), ``None`` when it depends on parameters."""
    key = []
    for j in game.typed_players:
        key.append(type_index if j == player else None)
    arrays = game.table(tuple(key))
    n = len(game.actions[player])
    other = 1 - player

    def pay(k):
        cell = [0, 0]
        cell[player] = k
        cell[other] = other_action
        return arrays[player][tuple(cell)]

    best = []
    for k in range(n):
        verdicts = [reasoner.decide(sympy.Ge(pay(k) - pay(m), 0))[0] for m in range(n) if m != k]
        if all(v is True for v in verdicts):
            best.append(k)
        elif any(v is None for v in verdicts) and not any(v is False for v in verdicts):
            return None
    return tuple(best) if best else None


def informed_values(game: BayesianGame, reasoner=None):
    """For a two-player game in which only the opponent has types: the uninformed player's index,
    the opponent's index, and for each of its actions and each opponent type the opponent's
    reply (the type's best reply, the worst for the player among ties) and the player's payoff.

    Returns ``(i, j, replies, payoffs, ties)`` with ``replies[a][t]`` an action index of ``j``
    and ``payoffs[a][t]`` player ``i``'s payoff; ``None`` when the game does not have this form
    or a best reply depends on the parameters.
    """
    from ..conditions import Reasoner

    game = _bayes(game)
    reasoner = reasoner or Reasoner(game.assumptions)
    if game.n_players != 2 or len(game.typed_players) != 1:
        return None
    j = game.typed_players[0]
    i = 1 - j
    replies, payoffs = [], []
    ties = False
    for a in range(len(game.actions[i])):
        row_r, row_p = [], []
        for t in range(len(game.types[j])):
            best = _best_replies(game, j, t, a, reasoner)
            if best is None:
                return None
            arrays = game.table((t,))
            cells = []
            for b in best:
                cell = [0, 0]
                cell[i], cell[j] = a, b
                cells.append((b, arrays[i][tuple(cell)]))
            if len(cells) > 1:
                ties = True
                worst = cells[0]
                for c in cells[1:]:
                    v = reasoner.decide(sympy.Lt(c[1] - worst[1], 0))[0]
                    if v is True:
                        worst = c
                    elif v is None:
                        return None
                cells = [worst]
            row_r.append(cells[0][0])
            row_p.append(cells[0][1])
        replies.append(tuple(row_r))
        payoffs.append(tuple(row_p))
    return i, j, tuple(replies), tuple(payoffs), ties


def belief_thresholds(game) -> tuple[Threshold, ...]:
    """The exact priors at which a player's best action changes (see the module docstring).

    Parameters
    ----------
    game : BayesianGame

    Returns
    -------
    tuple of Threshold
        ``()`` for a game without types. Informed thresholds first (two players, one with types), then equilibrium thresholds in
        the order of the pure equilibria; equal ones are merged (for example the two states of a
        symmetric game). Thresholds that cannot lie inside the prior's range are left out.

    Examples
    --------
    >>> import gametheory
    >>> [(t.name, str(t.expression), t.below, t.above) for t in belief_thresholds(gametheory.load("kydd-trust"))]
    [('p*', '(P - S)/(P + R - S - T)', 'Defect', 'Cooperate')]
    """
    from ..conditions import Reasoner

    if not isinstance(game, BayesianGame) and getattr(game, "bayesian", None) is None:
        return ()
    bayes = _bayes(game)
    reasoner = Reasoner(bayes.assumptions)
    priors = prior_symbols(bayes)
    found: list[dict] = []
    informed = informed_values(bayes, reasoner)
    if informed is not None:
        i, j, replies, payoffs, ties = informed
        weights = [p for _, p in bayes.types[j]]
        names = bayes.actions[i]
        for a, b in itertools.combinations(range(len(names)), 2):
            diff = sympy.Add(*[w * sympy.expand(payoffs[b][t] - payoffs[a][t]) for t, w in enumerate(weights)])
            for prior, root, sign, conds in _roots_inside(bayes, diff, priors, reasoner):
                below, above = (names[a], names[b]) if sign == "+" else (names[b], names[a])
                answers = "; ".join(
                    f"{_an(tname)} {bayes.players[j]} answers " + ", ".join(
                        f"{names[x]} with {bayes.actions[j][replies[x][t]]}" for x in range(len(names)))
                    for t, (tname, _) in enumerate(bayes.types[j]))
                found.append(dict(
                    kind="informed", player=bayes.players[i], prior=prior, expression=root, below=below,
                    above=above, conditions=conds, equilibrium=None,
                    meaning=(f"{bayes.players[i]} does better with {above} than with {below} when {prior} is above "
                             f"{{name}} and worse below it, if {bayes.players[j]} answers knowing its type "
                             f"(as when it moves second: {answers})"
                             + (" (among tied replies, the worst for it)" if ties else "")),
                ))
    agent_list = agents(bayes)
    for index, eq in enumerate(pure_bayesian_equilibria(bayes)):
        for a, dist in zip(agent_list, eq.behaviour):
            c = dist.index(_ONE)
            for k in range(len(dist)):
                if k == c:
                    continue
                gain = interim_gain(bayes, a, c, k, eq.behaviour)
                for prior, root, sign, conds in _roots_inside(bayes, gain, priors, reasoner):
                    acts = bayes.actions[a.player]
                    # the equilibrium action c is preferred above the root when the coefficient is positive
                    below, above = (acts[k], acts[c]) if sign == "+" else (acts[c], acts[k])
                    side = "at or above" if sign == "+" else "at or below"
                    found.append(dict(
                        kind="equilibrium", player=a.label, prior=prior, expression=root, below=below,
                        above=above, conditions=conds, equilibrium=index,
                        meaning=(f"{a.label} prefers {acts[c]} to {acts[k]} exactly when {prior} is {side} {{name}}, "
                                 f"so the equilibrium ({eq.describe(bayes)}) needs {prior} {side} {{name}}"),
                    ))
    merged: list[dict] = []
    for item in found:
        for m in merged:
            if (m["kind"], m["prior"], str(m["expression"]), m["below"], m["above"], m["equilibrium"]) == \
                    (item["kind"], item["prior"], str(item["expression"]), item["below"], item["above"],
                     item["equilibrium"]):
                if item["player"] not in m["players"]:
                    m["players"].append(item["player"])
                break
        else:
            item = dict(item)
            item["players"] = [item["player"]]
            merged.append(item)
    out = []
    counts: dict = {}
    for m in merged:
        counts[m["prior"]] = counts.get(m["prior"], 0) + 1
        name = f"{m['prior']}*" + (f"_{counts[m['prior']]}" if counts[m["prior"]] > 1 else "")
        player = " and ".join(m["players"])
        meaning = m["meaning"].replace("{name}", name)
        if len(m["players"]) > 1:
            meaning = meaning.replace(f"{m['player']} prefers", f"{player} prefer", 1)
        out.append(Threshold(name=name, player=player, prior=str(m["prior"]), expression=m["expression"],
                             meaning=meaning, below=m["below"], above=m["above"], kind=m["kind"],
                             conditions=tuple(m["conditions"]), equilibrium=m["equilibrium"]))
    return tuple(out)
