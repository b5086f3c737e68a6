"""Bargaining in the shadow of war: the range, offers, risk and return, win-sets.

Conventions
-----------
* A player *accepts* an agreement ``x`` when its utility is at least its disagreement payoff.
  Utilities must be monotone in the issue on its interval (decided under the assumptions), so
  each player's acceptable set is a ray ``x >= t`` or ``x <= t``; the *bargaining range* is the
  intersection of both rays with the issue's interval (Fearon 1995, pp. 386-390), non-empty
  exactly when ``low <= high`` (for Fearon's model: when war is costly, ``cA + cB >= 0``).
* *Take-it-or-leave-it*: the proposer offers the point of the range it likes best, which leaves
  the responder its reservation value.
* *Alternating offers* (Rubinstein 1982): with utilities that sum to a constant ``K`` and are
  linear in the issue, the first proposer's utility in the unique subgame-perfect equilibrium is
  ``K*(1 - d_o)/(1 - d_1*d_o)`` (``d_1`` its discount factor, ``d_o`` the other's); outside
  options play no part. The limit is taken with one common discount factor going to 1.
* *Private information*: the proposer knows only the distribution of a parameter ``c`` of the
  responder's disagreement payoff. An offer ``x`` is accepted by the types whose threshold
  ``c*(x)`` (where the responder is indifferent) lies on the accepting side; the proposer
  maximises ``P(accept)*u(x) + (1 - P(accept))*d`` over the offers whose threshold lies in the
  support (offers outside it are dominated by its ends) by the KKT cases of
  :mod:`gametheory.equilibria.kkt`; the probability of war is ``1 - P(accept)`` at the optimum
  (Fearon 1995, pp. 392-393: the risk-return trade-off).
* *Win-sets* (Putnam 1988): the issue values each side's domestic constraint allows; the
  *agreement zone* is their intersection with the range. With a proposer, the agreement is the
  proposer's best point of the zone. *Schelling's conjecture*: when a side's win-set shrinks
  (its constraint's bound moves inward), the agreement moves toward that side wherever the
  constraint binds and the zone is not empty; elsewhere it does not move.
* Bounds that cannot be ordered under the assumptions stay as ``Max``/``Min``; every piecewise
  answer is listed by region, each region a conjunction of conditions beyond the assumptions.

References
----------
J. D. Fearon, "Rationalist Explanations for War", International Organization 49(3), 1995.
A. Rubinstein, "Perfect Equilibrium in a Bargaining Model", Econometrica 50(1), 1982.
R. D. Putnam, "Diplomacy and Domestic Politics: The Logic of Two-Level Games", International
Organization 42(3), 1988.
T. C. Schelling, *The Strategy of Conflict*, Harvard, 1960, ch. 2.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy

from .. import conditions
from ..errors import UnsupportedError
from ..spec.continuous import Choice
from ..equilibria.kkt import tidy
from .continuous import Verdict

__all__ = ["Interval", "Piece", "Offer", "RiskReturn", "Schelling", "BargainingResult", "analyse", "pieces"]


@dataclass(frozen=True)
class Interval:
    """``[low, high]`` (bounds may be ``Max``/``Min``), with when it is non-empty."""

    low: sympy.Expr
    high: sympy.Expr
    nonempty: Verdict

    @property
    def width(self) -> sympy.Expr:
        return tidy(self.high - self.low)


@dataclass(frozen=True)
class Piece:
    """One value in one region."""

    value: sympy.Expr
    conditions: tuple
    extra: tuple = ()


@dataclass(frozen=True)
class Offer:
    proposer: int
    kind: str
    value: sympy.Expr
    payoffs: tuple
    conditions: tuple
    limit: sympy.Expr | None = None


@dataclass(frozen=True)
class RiskReturn:
    """The proposer's optimal offer under private information, by region, with the
    probability of war (``Piece.extra = (war probability,)``)."""

    variable: sympy.Symbol
    distribution: object
    responder: int
    threshold: sympy.Expr
    pieces: tuple[Piece, ...]


@dataclass(frozen=True)
class Schelling:
    """How the agreement moves when ``player``'s win-set shrinks through ``parameter``."""

    player: int
    parameter: sympy.Symbol
    pieces: tuple[tuple[Piece, str], ...]


@dataclass(frozen=True)
class BargainingResult:
    game: object
    acceptance: tuple[tuple[str, sympy.Expr], ...]
    range: Interval
    offer: Offer | None
    alternating: Offer | None
    risk_return: tuple[RiskReturn, ...]
    win_sets: tuple[tuple[int, Interval], ...]
    zone: Interval | None
    agreement: tuple[Piece, ...]
    schelling: tuple[Schelling, ...]
    assumptions: tuple
    notes: tuple[str, ...] = ()
    solver: str = "bargaining"


# -- helpers -------------------------------------------------------------------------------------

def _verdict(relation, assumptions) -> Verdict:
    d = conditions.decide(relation, assumptions)
    return Verdict(d.value, tuple(d.conditions))


def _extreme(values, assumptions, largest: bool):
    """The largest (smallest) of ``values`` under the assumptions: drop every value that another
    is proven to dominate; ``Max``/``Min`` of what remains."""
    values = list(dict.fromkeys(tidy(v) for v in values))
    kept = []
    for k, v in enumerate(values):
        dominated = False
        for j, w in enumerate(values):
            if j == k:
                continue
            rel = (w >= v) if largest else (w <= v)
            if conditions.decide(rel, assumptions).value is True and (j < k or conditions.decide(
                    sympy.Eq(w, v), assumptions).value is not True):
                dominated = True
                break
        if not dominated:
            kept.append(v)
    return (sympy.Max if largest else sympy.Min)(*kept) if len(kept) > 1 else kept[0]


def pieces(value, assumptions, region=()) -> tuple[Piece, ...]:
    """``value`` (with ``Max``/``Min`` inside) as one piece per region."""
    node = next((a for a in sympy.preorder_traversal(value) if isinstance(a, (sympy.Max, sympy.Min))), None)
    if node is None:
        return (Piece(tidy(value), tuple(region)),)
    out = []
    args = list(node.args)
    for k, a in enumerate(args):
        conds = list(region)
        for j, b in enumerate(args):
            if j == k:
                continue
            if isinstance(node, sympy.Max):
                conds.append(a >= b if j > k else a > b)
            else:
                conds.append(a <= b if j > k else a < b)
        simplified = conditions.simplify(conds, assumptions)
        if simplified is None:
            continue
        out.extend(pieces(value.xreplace({node: a}), assumptions, simplified))
    return tuple(out)


def _direction(u, issue, assumptions) -> int:
    box = _box(issue)
    s = conditions.sign(sympy.diff(u, issue.symbol), tuple(assumptions) + box)
    if s in ("+", ">=0"):
        return 1
    if s in ("-", "<=0"):
        return -1
    raise UnsupportedError("a utility is not monotone in the issue under the assumptions; the bargaining "
                           "range is computed for utilities that increase or decrease in the issue")


def _box(issue) -> tuple:
    x = issue.symbol
    out = []
    if issue.lower is not None:
        out.append(x >= issue.lower)
    if issue.upper is not None:
        out.append(x <= issue.upper)
    return tuple(out)


def _solve_for(expr, x):
    sols = [s for s in sympy.solve(expr, x) if s.is_real is not False]
    if len(sols) != 1:
        raise UnsupportedError(f"cannot solve {expr} = 0 for {x} uniquely; the toolkit needs utilities "
                               "that cross the disagreement payoff once")
    return tidy(sols[0])


def _threshold(u, d, issue, assumptions):
    """(direction, t): the player accepts ``x >= t`` (direction 1) or ``x <= t`` (-1)."""
    return _direction(u, issue, assumptions), _solve_for(u - d, issue.symbol)


def _interval(lows, highs, assumptions) -> Interval:
    low = _extreme(lows, assumptions, True)
    high = _extreme(highs, assumptions, False)
    return Interval(low, high, _verdict(low <= high, assumptions))


def _issue_bounds(issue):
    lows = [issue.lower] if issue.lower is not None else []
    highs = [issue.upper] if issue.upper is not None else []
    return lows, highs


# -- the analysis ----------------------------------------------------------------------------------

def analyse(game) -> BargainingResult:
    """The range, the offer, Rubinstein's split, the risk-return offer and the win-sets."""
    private = {s for s, _ in game.private}
    full = tuple(game.assumptions)
    issue = game.issue
    lows, highs = _issue_bounds(issue)
    acceptance = []
    for i, (u, d) in enumerate(zip(game.utilities, game.disagreement)):
        direction, t = _threshold(u, d, issue, full)
        (lows if direction > 0 else highs).append(t)
        acceptance.append((">=" if direction > 0 else "<=", t))
    if not lows or not highs:
        raise UnsupportedError("the bargaining range is unbounded; give the issue an interval")
    rng = _interval(lows, highs, full)
    notes = []
    offer = None
    if game.proposer is not None and game.discounts is None:
        offer = _take_it_or_leave_it(game, rng, full)
    alternating = _rubinstein(game, full) if game.discounts is not None else None
    risk = tuple(_risk_return(game, s, dist, issue) for s, dist in game.private)
    win_sets, zone, agreement, schelling = _two_level(game, rng, full)
    if private:
        notes.append("the range and the offer with complete information take "
                     + ", ".join(sorted(map(str, private))) + " as known; the risk-return offer does not")
    return BargainingResult(game, tuple(acceptance), rng, offer, alternating, risk, win_sets, zone,
                            agreement, schelling, full, tuple(notes))


def _take_it_or_leave_it(game, rng, assumptions) -> Offer:
    j = game.proposer
    direction = _direction(game.utilities[j], game.issue, assumptions)
    value = rng.high if direction > 0 else rng.low
    payoffs = tuple(tidy(u.xreplace({game.issue.symbol: value})) for u in game.utilities)
    conds = tuple(rng.nonempty.conditions)
    return Offer(j, "take-it-or-leave-it", tidy(value), payoffs, conds)


def _rubinstein(game, assumptions) -> Offer:
    x = game.issue.symbol
    first = game.proposer if game.proposer is not None else 0
    other = 1 - first
    total = tidy(sum(game.utilities))
    if x in total.free_symbols or any(sympy.diff(u, x, 2) != 0 for u in game.utilities):
        raise UnsupportedError("alternating offers need utilities linear in the issue that sum to a constant "
                               "(a pie to divide)")
    d1, d2 = game.discounts[first], game.discounts[other]
    share = total * (1 - d2) / (1 - d1 * d2)
    value = _solve_for(game.utilities[first] - share, x)
    payoffs = tuple(tidy(u.xreplace({x: value})) for u in game.utilities)
    delta = sympy.Dummy("delta")
    limit = sympy.limit(value.xreplace({d1: delta, d2: delta}), delta, 1, "-")
    return Offer(first, "alternating", sympy.factor(value), payoffs, (), tidy(limit))


def _risk_return(game, c, dist, issue) -> RiskReturn:
    from ..equilibria.kkt import _concave, _kkt_points

    if game.proposer is None:
        raise UnsupportedError("private information needs a proposer (proposer: in the bargaining block)")
    j = game.proposer
    holders = [i for i, d in enumerate(game.disagreement) if c in d.free_symbols]
    if holders != [1 - j]:
        raise UnsupportedError(f"the private parameter {c} must enter the responder's disagreement payoff only")
    i = 1 - j
    low, high = dist.support
    assumptions = tuple(a for a in game.assumptions if c not in a.free_symbols) + (low < high,)
    x = issue.symbol
    threshold = _solve_for(game.disagreement[i] - game.utilities[i], c)  # indifferent type c*(x)
    slope = conditions.sign(sympy.diff(game.disagreement[i], c), assumptions)
    if slope not in ("+", "-"):
        raise UnsupportedError(f"the responder's disagreement payoff must increase or decrease in {c}")
    # accept iff d_i(c) <= u_i(x): for d decreasing in c, iff c >= c*(x)
    cdf = dist.cdf(threshold)
    accept = 1 - cdf if slope == "-" else cdf
    eu = accept * game.utilities[j] + (1 - accept) * game.disagreement[j]
    ends = [_solve_for(threshold - low, x), _solve_for(threshold - high, x)]
    lo = _extreme(ends, assumptions, False)
    hi = _extreme(ends, assumptions, True)
    if isinstance(lo, (sympy.Max, sympy.Min)) or isinstance(hi, (sympy.Max, sympy.Min)):
        raise UnsupportedError("cannot order the offers that the lowest and highest types accept")
    choice = Choice(str(x), lo, hi)
    gradient = sympy.diff(eu, x)
    points = _kkt_points([x], [gradient], [choice], assumptions)
    concave = _concave(eu, [x], assumptions + (x >= lo, x <= hi))
    out = []
    for point, cases, region in points:
        value = tidy(point[x])
        if concave is not True:
            second = tidy(sympy.diff(eu, x, 2).xreplace({x: value}))
            if conditions.decide(second <= 0, assumptions + tuple(region)).value is False:
                continue
        war = sympy.factor(tidy(1 - accept.xreplace({x: value})))
        out.append(Piece(value, tuple(region), (war, cases[0])))
    return RiskReturn(c, dist, i, threshold, tuple(out))


def _two_level(game, rng, assumptions):
    if not game.ratify:
        return (), None, (), ()
    issue = game.issue
    x = issue.symbol
    win_sets = []
    bounds = {}
    lows, highs = [rng.low], [rng.high]
    for i, relations in game.ratify:
        wl, wh = _issue_bounds(issue)
        own = []
        for rel in relations:
            expr = rel.lhs - rel.rhs  # rel: lhs OP rhs
            k = sympy.diff(expr, x)
            if x in k.free_symbols:
                raise UnsupportedError("a ratification constraint must be linear in the issue")
            t = _solve_for(expr, x)
            s = conditions.sign(k, assumptions)
            if s not in ("+", "-"):
                raise UnsupportedError(f"cannot tell which way the constraint {rel} bounds the issue")
            greater = isinstance(rel, (sympy.GreaterThan, sympy.StrictGreaterThan))
            is_lower = greater == (s == "+")
            (wl if is_lower else wh).append(t)
            own.append((t, is_lower))
        bounds[i] = own
        w = _interval(wl, wh, assumptions)
        win_sets.append((i, w))
        lows.append(w.low)
        highs.append(w.high)
    zone = _interval(lows, highs, assumptions)
    agreement = ()
    schelling = ()
    if game.proposer is not None and game.discounts is None:
        j = game.proposer
        direction = _direction(game.utilities[j], issue, assumptions)
        value = zone.high if direction > 0 else zone.low
        nonempty = conditions.simplify([zone.low <= zone.high], assumptions)
        if nonempty is not None:
            agreement = pieces(value, assumptions, nonempty)
        schelling = _schelling(game, bounds, agreement, assumptions)
    return tuple(win_sets), zone, agreement, schelling


def _schelling(game, bounds, agreement, assumptions):
    x = game.issue.symbol
    out = []
    for i, own in bounds.items():
        toward = _direction(game.utilities[i], game.issue, assumptions)
        for t, is_lower in own:
            for r in sorted(t.free_symbols, key=str):
                inward = conditions.sign(sympy.diff(t, r) * (1 if is_lower else -1), assumptions)
                if inward not in ("+", "-"):
                    continue
                shrink = 1 if inward == "+" else -1  # the direction of r that shrinks the win-set
                moves = []
                for piece in agreement:
                    change = tidy(sympy.diff(piece.value, r) * shrink * toward)
                    s = conditions.sign(change, tuple(assumptions) + tuple(piece.conditions))
                    word = {"+": "toward", "-": "away", "0": "none"}.get(s, "undetermined")
                    moves.append((piece, word))
                out.append(Schelling(i, r, tuple(moves)))
    del x
    return tuple(out)


def bargaining_statics(game, wrt=None):
    """The range, the offers, the risk-return offer and the probability of war, the agreement:
    each differentiated by each parameter, with its sign in its region."""
    from .continuous import KindStatics, _parameters, row

    result = analyse(game)
    parameters = _parameters(game, wrt)
    assumptions = result.assumptions
    items = []
    for name, value in (("range:low", result.range.low), ("range:high", result.range.high)):
        for piece in pieces(value, assumptions):
            items.append((name, piece.value, piece.conditions, assumptions))
    if result.offer is not None:
        items.append(("offer", result.offer.value, result.offer.conditions, assumptions))
    if result.alternating is not None:
        items.append(("offer", result.alternating.value, (), assumptions))
    for rr in result.risk_return:
        private = tuple(a for a in assumptions if rr.variable not in a.free_symbols)
        for piece in rr.pieces:
            items.append(("risk-return offer", piece.value, piece.conditions, private, rr.variable))
            items.append(("war probability", piece.extra[0], piece.conditions, private, rr.variable))
    for piece in result.agreement:
        items.append(("agreement", piece.value, piece.conditions, assumptions))
    rows = []
    for k, (name, value, region, where, *hidden) in enumerate(items, start=1):
        for parameter in parameters:
            if parameter not in hidden:  # a private parameter is a random variable in the risk-return offer
                rows.append(row(k, name, value, parameter, where, region))
    return KindStatics(game, tuple(r for r in rows if r.expression.free_symbols))
