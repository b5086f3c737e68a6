"""Comparative statics: how each equilibrium quantity moves with each parameter, exactly.

Conventions
-----------
* Equilibria are those of :func:`gametheory.equilibria.equilibria` on the game's normal form (the
  Harsanyi normal form of a :class:`~gametheory.games.BayesianGame`), in its order;
  ``equilibrium`` is the **0-based** index into that list, as in the ``gametheory.solve/1``
  JSON (the text reports number them from 1, like ``gametheory solve``).
* Quantities are named as in the ``gametheory.statics/1`` JSON (CLI.md):

  - ``PLAYER:STRATEGY``: the probability that ``PLAYER`` plays ``STRATEGY``. Listed for the
    players who *mix* in that equilibrium (some probability is not exactly 0 or 1); in a pure
    equilibrium probabilities are constants and only payoffs are listed. For a player with
    types in a Bayesian game the name is ``PLAYER:TYPE:ACTION``, the probability of the
    action given the type (the marginal of the plan distribution).
  - ``payoff:PLAYER``: the player's expected payoff (ex ante, over Nature's draw of types, in a
    Bayesian game).
  - the name of a threshold (a belief threshold, a risk-dominance boundary), when the
    analysis modules provide named thresholds; their ``equilibrium`` is ``None``.

* Parameters are those whose symbols remain in the game (values fixed with ``--set`` are not
  parameters any more), in the spec's order; ``wrt`` restricts them.
* Each derivative is simplified with the solvers' canonical form
  (:meth:`gametheory.equilibria.check.Reasoner.tidy`) and its sign decided by
  :func:`gametheory.conditions.sign` under the game's assumptions **and** the equilibrium's
  existence conditions: ``"+"``, ``"-"``, ``"0"`` (proven everywhere), or ``"?"``; then
  ``regions`` holds the conditions (from :func:`gametheory.conditions.sign_regions`) under
  which it is positive, zero and negative, for those signs that occur. A sign that the engine
  proves only weakly (``">=0"``: non-negative, zero somewhere) is reported as ``"?"`` with its
  regions, because the contract's signs are strict.
* Boundaries are the equations on which an equilibrium's existence conditions change truth:
  the parameter values at which equilibria appear, disappear or change type.

Method: symbolic differentiation (``sympy.diff``) of the exact equilibrium expressions that
support enumeration gives (Shapley 1974's indifference conditions solved in closed form), then
exact sign decisions by the conditions engine (linear programming and signed factorisations).
This is the textbook method of comparative statics (Samuelson 1947, ch. 2) applied to
equilibrium strategies: see Tsebelis (1989) for its most quoted game-theoretic result, the
inspection game's "paradox of mixed strategies", where a player's equilibrium mixture depends
only on the *other* player's payoffs.

References
----------
P. A. Samuelson, *Foundations of Economic Analysis*, Harvard, 1947.
L. S. Shapley, "A note on the Lemke-Howson algorithm", Mathematical Programming Study 1, 1974.
G. Tsebelis, "The Abuse of Probability in Political Analysis: The Robinson Crusoe Fallacy",
American Political Science Review 83(1), 1989.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from fractions import Fraction

import sympy
from sympy.core.relational import Relational
from sympy.logic.boolalg import BooleanAtom

from .. import conditions, limits
from ..errors import UsageError
from ..games import BayesianGame, Game

__all__ = [
    "Quantity",
    "Derivative",
    "Boundary",
    "StaticsResult",
    "statics",
    "quantities",
    "named_thresholds",
    "Curve",
    "Marker",
    "PlotData",
    "plot_data",
    "plot_parameter",
]

#: The signs of a derivative in the results (CLI.md).
SIGNS = ("+", "-", "0", "?")

#: How many sample points :func:`plot_data` evaluates by default.
DEFAULT_POINTS = 201


# -- results --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Quantity:
    """One equilibrium quantity (or named threshold) as an exact expression.

    ``name`` is the JSON name (module docstring); ``kind`` is ``"probability"``, ``"payoff"``
    or ``"threshold"``; ``equilibrium`` the 0-based index in solve's list (``None`` for a
    threshold); ``conditions`` the conditions beyond the assumptions under which the
    equilibrium (or the threshold) exists, ``()`` when always. ``player``, ``type`` and
    ``strategy`` locate a probability (``player`` also a payoff).
    """

    name: str
    kind: str
    expression: sympy.Expr
    equilibrium: int | None = None
    conditions: tuple = ()
    player: str | None = None
    type: str | None = None
    strategy: str | None = None
    description: str = ""


@dataclass(frozen=True)
class Derivative:
    """The derivative of one quantity by one parameter, simplified, with its sign.

    ``sign`` is ``"+"``, ``"-"``, ``"0"`` or ``"?"``. For ``"?"``, ``regions`` is a tuple of
    ``(sign, conditions)`` pairs (sign ``"+"``, ``"0"`` or ``"-"``, in that order, for the
    signs that occur), each ``conditions`` a conjunction beyond the assumptions and the
    equilibrium's existence conditions; ``()`` otherwise.
    """

    quantity: Quantity
    parameter: str
    derivative: sympy.Expr
    sign: str
    regions: tuple = ()

    @property
    def equilibrium(self) -> int | None:
        return self.quantity.equilibrium

    @property
    def expression(self) -> sympy.Expr:
        return self.quantity.expression


@dataclass(frozen=True)
class Boundary:
    """A surface in parameter space where some equilibrium appears or disappears.

    ``equation`` is a canonical ``Eq``; ``sides`` lists ``(equilibrium, condition)`` pairs:
    equilibrium ``equilibrium`` (0-based) exists only where ``condition`` (a relation on this
    boundary) holds.
    """

    equation: sympy.Basic
    sides: tuple


@dataclass(frozen=True)
class StaticsResult:
    """Everything ``gametheory statics`` reports, as data.

    ``game`` is the normal form analysed (its ``bayesian`` field holds a Bayesian original);
    ``parameters`` the names differentiated by; ``equilibria`` solve's
    :class:`~gametheory.equilibria.result.EquilibriumSet`; ``quantities`` every quantity, in
    order (equilibrium by equilibrium, then thresholds); ``derivatives`` one entry per
    quantity and parameter, in that order; ``boundaries`` the existence boundaries;
    ``notes`` what was left out and why. Rendered by the report layer
    (:class:`gametheory.report.StaticsReport`, what :func:`gametheory.statics` returns).
    """

    game: Game
    parameters: tuple[str, ...]
    equilibria: object
    quantities: tuple[Quantity, ...]
    derivatives: tuple[Derivative, ...]
    boundaries: tuple[Boundary, ...] = ()
    notes: tuple[str, ...] = ()

    def of(self, quantity: str, parameter: str, equilibrium: int | None = None) -> Derivative:
        """The derivative of ``quantity`` by ``parameter`` (in ``equilibrium``, if given)."""
        for d in self.derivatives:
            if d.quantity.name == quantity and d.parameter == parameter and (
                    equilibrium is None or d.equilibrium == equilibrium):
                return d
        raise KeyError((quantity, parameter, equilibrium))


# -- helpers ---------------------------------------------------------------------------------------

def _normal(game) -> Game:
    return game.harsanyi() if isinstance(game, BayesianGame) else game


def _original(game):
    if isinstance(game, Game) and game.bayesian is not None:
        return game.bayesian
    return game


def _free_parameters(game) -> list[str]:
    """Names of the parameters whose symbols remain in the game, in the spec's order."""
    original = _original(game)
    free = {str(s) for s in original.free_symbols} | {str(s) for s in _normal(original).free_symbols}
    names = [p.name for p in original.parameters if p.name in free and p.name not in original.assigned]
    known = {p.name for p in original.parameters}
    names += sorted(n for n in free - known)  # symbols without a declared parameter (Game.from_arrays)
    return names


def _check_names(game, names, what: str = "cannot differentiate by") -> None:
    original = _original(game)
    free = _free_parameters(game)
    declared = [p.name for p in original.parameters]
    for name in names:
        if name in free:
            continue
        if name in original.assigned:
            raise UsageError(f"{what} {name}: {name} was given a value, so it is not "
                             "a parameter any more; drop the value to vary it")
        if name in declared:
            raise UsageError(f"{what} {name}: {name} does not appear in the payoffs")
        close = difflib.get_close_matches(name, free, n=1)
        hint = f" (did you mean {close[0]}?)" if close else ""
        listed = ", ".join(free) or "none"
        raise UsageError(f"{what} {name}: unknown parameter{hint}; the parameters are: {listed}")


def _usable(relations) -> tuple:
    """The relations the conditions engine takes as assumptions (relations and ``And``).

    A disjunction is left out: a sign proven on a larger region holds on the smaller one.
    """
    out = []
    for r in relations:
        if isinstance(r, sympy.And):
            out.extend(_usable(r.args))
        elif isinstance(r, Relational):
            out.append(r)
    return tuple(out)


def _is_constant(p) -> bool:
    return isinstance(p, sympy.Basic) and p.is_number and (p == 0 or p == 1)


def _marginals(game: Game, player: int, probs) -> list[tuple[str, list[tuple[str, sympy.Expr]]]]:
    """[(type name or None, [(action, probability), ...]), ...] for one player of a profile."""
    bayes = game.bayesian
    if bayes is None:
        return [(None, list(zip(game.strategies[player], probs)))]
    if not bayes.types[player]:
        return [(None, list(zip(bayes.actions[player], probs)))]
    out = []
    for t, (type_name, _) in enumerate(bayes.types[player]):
        marginal = [sympy.Integer(0)] * len(bayes.actions[player])
        for plan, p in zip(game.plans[player], probs):
            marginal[plan[t]] += p
        out.append((type_name, list(zip(bayes.actions[player], marginal))))
    return out


def quantities(game: Game, eqset, tidy=None, *, every_probability: bool = False) -> tuple[Quantity, ...]:
    """The quantities of every equilibrium in ``eqset``: probabilities of mixing players, payoffs.

    Parameters
    ----------
    game : Game
        The normal form that was solved.
    eqset : EquilibriumSet
    tidy : callable, optional
        Canonical form for the expressions (default: as they come from the solver).
    every_probability : bool
        List the probabilities of players who play a pure strategy too (for plots).
    """
    tidy = tidy or (lambda e: e)
    out = []
    for k, eq in enumerate(eqset.equilibria):
        conds = tuple(eq.conditions)
        for i, player in enumerate(game.players):
            for type_name, dist in _marginals(game, i, eq.profile.probabilities[i]):
                dist = [(action, tidy(sympy.sympify(p))) for action, p in dist]
                if not every_probability and all(_is_constant(p) for _, p in dist):
                    continue
                for action, p in dist:
                    name = f"{player}:{type_name}:{action}" if type_name is not None else f"{player}:{action}"
                    out.append(Quantity(name, "probability", p, k, conds,
                                        player=player, type=type_name, strategy=action))
        for i, player in enumerate(game.players):
            out.append(Quantity(f"payoff:{player}", "payoff", tidy(sympy.sympify(eq.payoffs[i])), k, conds,
                                player=player))
    return tuple(out)


def named_thresholds(game, eqset=None) -> tuple[Quantity, ...]:
    """Named thresholds that the analysis modules define for ``game``, as quantities.

    Collected from :func:`gametheory.analysis.bayesian.belief_thresholds` (Bayesian games) and
    :func:`gametheory.analysis.selection.thresholds` (risk- and payoff-dominance boundaries),
    when those modules provide them; each item needs ``name`` and ``expression`` attributes
    (``description`` or ``meaning``, and ``conditions``, are used when present). This is the one
    hook through which further thresholds join the statics.
    """
    found = []
    original = _original(game)
    if isinstance(original, BayesianGame):
        try:
            from .bayesian import belief_thresholds
        except ImportError:
            belief_thresholds = None
        if belief_thresholds is not None:
            found.extend(belief_thresholds(original))
    try:
        from . import selection as _selection
    except ImportError:
        _selection = None
    provider = getattr(_selection, "thresholds", None) if _selection is not None else None
    if provider is not None:
        normal = _normal(original)
        found.extend(provider(normal) if eqset is None else _call_thresholds(provider, normal, eqset))
    out, seen = [], set()
    for item in found:
        name = str(getattr(item, "name"))
        if name in seen:
            continue
        seen.add(name)
        words = getattr(item, "description", "") or getattr(item, "meaning", "") or ""
        out.append(Quantity(name, "threshold", sympy.sympify(getattr(item, "expression")), None,
                            tuple(getattr(item, "conditions", ()) or ()), description=str(words)))
    return tuple(out)


def _call_thresholds(provider, normal, eqset):
    try:
        return provider(normal, eqset)
    except TypeError:
        return provider(normal)


def _sign(expr, assumptions) -> tuple[str, tuple]:
    """(sign, regions) of a derivative under assumptions; see :class:`Derivative`."""
    expr = sympy.sympify(expr)
    if expr == 0:
        return "0", ()
    if expr.is_number:
        value = conditions.sign(expr, ())
        if value in ("+", "-", "0"):
            return value, ()
    value = conditions.sign(expr, assumptions)
    if value in ("+", "-", "0"):
        return value, ()
    pos, zero, neg = conditions.sign_regions(expr, assumptions)
    regions = tuple((s, tuple(c)) for s, c in (("+", pos), ("0", zero), ("-", neg)) if c is not None)
    return "?", regions


def _boundaries(eqset, assumptions) -> tuple[Boundary, ...]:
    found: dict[str, tuple[sympy.Basic, list]] = {}
    for k, eq in enumerate(eqset.equilibria):
        for c in eq.conditions:
            for rel in _atoms(c):
                canon = conditions.canonical(rel)
                if not isinstance(canon, Relational):
                    continue
                equation = conditions.canonical(sympy.Eq(canon.lhs, canon.rhs))
                if isinstance(equation, BooleanAtom):
                    continue
                key = conditions.to_str(equation)
                entry = found.setdefault(key, (equation, []))
                if (k, canon) not in entry[1]:
                    entry[1].append((k, canon))
    return tuple(Boundary(eqn, tuple(sides)) for _, (eqn, sides) in sorted(found.items()))


def _atoms(c):
    if isinstance(c, (sympy.And, sympy.Or)):
        for a in c.args:
            yield from _atoms(a)
    elif isinstance(c, sympy.Not):
        yield from _atoms(c.args[0])
    elif isinstance(c, Relational):
        yield c


# -- the analysis -----------------------------------------------------------------------------------

def statics(game, *, wrt=None, equilibria=None) -> StaticsResult:
    """Comparative statics of every equilibrium quantity of a symbolic game.

    Parameters
    ----------
    game : Game or BayesianGame
        A symbolic game (a Bayesian one is analysed through its Harsanyi normal form).
    wrt : iterable of str, optional
        The parameters to differentiate by (default: every parameter left in the game).
    equilibria : EquilibriumSet, optional
        Solve's result for the normal form, when already computed.

    Returns
    -------
    StaticsResult
        See the module docstring for names and conventions.

    Raises
    ------
    UsageError
        For a ``wrt`` name that is not a parameter of the game.
    TimeLimitError
        When an enclosing :func:`gametheory.limits.deadline` passes.

    Examples
    --------
    >>> from gametheory.games import Game
    >>> from gametheory.expr import symbol
    >>> V, C = symbol("V"), symbol("C")
    >>> A = [[V/2, 0], [V, (V - C)/2]]
    >>> game = Game.from_arrays([A, [[A[0][0], A[1][0]], [A[0][1], A[1][1]]]],
    ...                         players=("Row", "Column"), strategies=(("Dove", "Hawk"),) * 2,
    ...                         assumptions=(C > V, V > 0))
    >>> d = statics(game).of("Row:Hawk", "C", equilibrium=2)
    >>> d.expression, d.derivative, d.sign
    (V/C, -V/C**2, '-')
    """
    from ..equilibria import equilibria as solve_equilibria
    from ..conditions import Reasoner

    normal = _normal(game)
    names = _free_parameters(game)
    if wrt:
        wrt = tuple(dict.fromkeys(wrt))
        _check_names(game, wrt)
        names = [n for n in names if n in wrt]
    eqset = equilibria if equilibria is not None else solve_equilibria(normal)
    if equilibria is None and normal.bayesian is not None:
        # one equilibrium per behaviour profile, numbered as `solve` numbers them
        from ..equilibria.behaviour import distinct_behaviour

        eqset = distinct_behaviour(normal, eqset)
    base = tuple(normal.assumptions)
    reasoner = Reasoner(base)
    tidied: dict = {}

    def tidy(expr):
        if expr not in tidied:
            tidied[expr] = reasoner.tidy(expr)
        return tidied[expr]

    items = list(quantities(normal, eqset, tidy)) + list(named_thresholds(game, eqset))
    symbols = {name: _symbol_of(normal, name) for name in names}
    derivatives = []
    signs: dict = {}
    for q in items:
        region = base + _usable(q.conditions)
        for name in names:
            limits.check("comparative statics: deciding the signs of derivatives")
            d = tidy(sympy.diff(q.expression, symbols[name]))
            key = (d, region)
            if key not in signs:
                signs[key] = _sign(d, region)
            s, regions = signs[key]
            derivatives.append(Derivative(q, name, d, s, regions))
    notes = list(eqset.notes)
    if not eqset.complete and not notes:
        notes.append("solve's list of equilibria may be incomplete; the statics cover the equilibria listed")
    if not names:
        notes.append("the game has no parameters left to vary (every payoff is a number)")
    return StaticsResult(game=normal, parameters=tuple(names), equilibria=eqset, quantities=tuple(items),
                         derivatives=tuple(derivatives), boundaries=_boundaries(eqset, base), notes=tuple(notes))


def _symbol_of(game, name: str) -> sympy.Symbol:
    for s in game.free_symbols | _original(game).free_symbols:
        if str(s) == name:
            return s
    from ..expr import symbol

    return symbol(name)


# -- plotting data (exact; floats only for drawing) ---------------------------------------------

@dataclass(frozen=True)
class Curve:
    """One quantity of one equilibrium branch, sampled exactly along the plotted parameter.

    ``values[k]`` is the exact value at ``PlotData.xs[k]`` (``None`` where the branch does not
    exist: an assumption or an existence condition fails there, or the value is undefined).
    """

    quantity: Quantity
    values: tuple

    @property
    def equilibrium(self) -> int:
        return self.quantity.equilibrium

    def floats(self) -> list[float]:
        """The values as floats for drawing, NaN where the branch does not exist."""
        return [float("nan") if v is None else float(v) for v in self.values]


@dataclass(frozen=True)
class Marker:
    """A point on the plotted axis where an equilibrium appears or disappears (exact)."""

    at: sympy.Expr
    equation: sympy.Basic
    equilibria: tuple[int, ...]


@dataclass(frozen=True)
class PlotData:
    """Equilibrium branches of a game along one parameter, exact.

    ``game`` is the one-parameter game (other parameters at their defaults or given values,
    listed in ``fixed``); ``equilibria`` its solution; ``xs`` the exact sample points from
    ``lo`` to ``hi``; ``curves`` every quantity of every branch; ``markers`` the boundaries
    inside the range.
    """

    title: str
    parameter: str
    description: str
    lo: sympy.Rational
    hi: sympy.Rational
    fixed: tuple[tuple[str, sympy.Expr], ...]
    game: Game
    equilibria: object
    xs: tuple[sympy.Rational, ...]
    curves: tuple[Curve, ...]
    markers: tuple[Marker, ...]


def plot_parameter(game, parameter: str | None = None) -> str:
    """The parameter to plot against: ``parameter`` if given (checked); otherwise the only
    parameter left, or for a Bayesian game the only parameter in the prior."""
    if parameter is not None:
        _check_names(game, [parameter], "cannot plot against")
        return parameter
    free = _free_parameters(game)
    original = _original(game)
    if isinstance(original, BayesianGame):
        prior_symbols = set()
        for t in original.types:
            for _, prior in t:
                prior_symbols |= {str(s) for s in prior.free_symbols}
        in_prior = [n for n in free if n in prior_symbols]
        if len(in_prior) == 1:
            return in_prior[0]
    if len(free) == 1:
        return free[0]
    if not free:
        raise UsageError("the game has no parameters left to plot against (every payoff is a number)")
    raise UsageError(f"the game has {len(free)} parameters: name the one to plot against ({', '.join(free)})")


def _linear_bounds(relations, x) -> tuple:
    """(lower, upper) exact bounds on ``x`` from relations that are linear in ``x`` alone."""
    lower, upper = None, None
    for rel in relations:
        rel = conditions.canonical(rel)
        if not isinstance(rel, Relational) or rel.free_symbols != {x}:
            continue
        e = sympy.expand(rel.lhs - rel.rhs)
        poly = sympy.Poly(e, x) if e.is_polynomial(x) else None
        if poly is None or poly.degree() != 1:
            continue
        a, b = poly.all_coeffs()
        root = sympy.Rational(-b / a) if (-b / a).is_Rational else None
        if root is None:
            continue
        op = rel.rel_op
        if op in ("==",):
            lower = upper = root
            continue
        if op not in ("<", "<=", ">", ">="):
            continue
        # a*x + b OP 0: x OP' root with OP' flipped when a < 0
        greater = (op in (">", ">=")) == bool(a > 0)
        if greater:
            lower = root if lower is None else max(lower, root)
        else:
            upper = root if upper is None else min(upper, root)
    return lower, upper


def default_range(game, parameter: str) -> tuple[sympy.Rational, sympy.Rational]:
    """The default plotting range: the interval the assumptions allow (other parameters at their
    values), or around the default value where the assumptions leave a side open."""
    from ..expr import symbol

    one = _one_parameter(game, parameter)
    x = symbol(parameter)
    lower, upper = _linear_bounds(one.assumptions, x)
    default = _original(game).defaults().get(parameter)
    if default is not None and not default.is_Rational:
        default = None
    if lower is not None and upper is not None:
        return lower, upper
    if lower is not None:
        width = 2 * (default - lower) if default is not None and default > lower else max(abs(lower), 1)
        return lower, lower + width
    if upper is not None:
        width = 2 * (upper - default) if default is not None and default < upper else max(abs(upper), 1)
        return upper - width, upper
    if default is not None:
        width = max(abs(default), sympy.Integer(1))
        return default - width, default + width
    return sympy.Integer(0), sympy.Integer(1)


def _one_parameter(game, parameter: str):
    """``game`` (original form) with every other parameter at its default value."""
    original = _original(game)
    defaults = original.defaults()
    values = {}
    for name in _free_parameters(original):
        if name == parameter:
            continue
        if name not in defaults:
            raise UsageError(f"{name} has no default value; give it a value to plot against {parameter}",
                             needs="values", names=[name])
        values[name] = defaults[name]
    if not values:
        return original
    try:
        return original.subs(values)
    except UsageError as error:
        shown = ", ".join(f"{n} = {conditions.to_str(v)}" for n, v in values.items())
        raise UsageError(f"{error}: to plot against {parameter} the other parameters take their default values "
                         f"({shown}); give them other values", needs="values") from error


def _holds(relation, point) -> bool:
    """Whether a condition holds at a point (every symbol given an exact number), exactly."""
    value = relation.xreplace(point)
    if isinstance(value, BooleanAtom):
        return bool(value)
    return conditions.decide(value, ()).value is True


def _value(expr, point):
    v = sympy.sympify(expr).xreplace(point)
    if v.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo) or not v.is_number:
        return None
    if v.is_Rational:
        return v
    if v.is_real is False:
        return None
    return v


def plot_data(game, parameter: str | None = None, *, lo=None, hi=None, points: int = DEFAULT_POINTS) -> PlotData:
    """Every equilibrium branch of ``game`` along one parameter, sampled exactly.

    The other parameters take their default values (values given with ``--set`` stay). The
    one-parameter game is solved symbolically, so that each branch comes with its existence
    conditions in the plotted parameter; each quantity is evaluated exactly at ``points``
    equally spaced rational points of ``[lo, hi]``, and the boundaries (roots of the existence
    conditions' equations) inside the range become markers.

    Parameters
    ----------
    game : Game or BayesianGame
    parameter : str, optional
        See :func:`plot_parameter`.
    lo, hi : exact numbers, optional
        The range (default :func:`default_range`).
    points : int
        Number of sample points (at least 2).
    """
    from ..expr import symbol
    from ..equilibria import equilibria as solve_equilibria
    from ..conditions import Reasoner

    parameter = plot_parameter(game, parameter)
    if points < 2:
        raise UsageError(f"plot_data(): expected at least 2 sample points, got {points}")
    if lo is None or hi is None:
        dlo, dhi = default_range(game, parameter)
        lo = dlo if lo is None else lo
        hi = dhi if hi is None else hi
    lo, hi = sympy.Rational(_exact(lo)), sympy.Rational(_exact(hi))
    if not lo < hi:
        raise UsageError(f"the range of {parameter} must run from a lower to a higher value, got {lo}:{hi}")
    one = _one_parameter(game, parameter)
    normal = _normal(one)
    x = symbol(parameter)
    eqset = solve_equilibria(normal)
    reasoner = Reasoner(normal.assumptions)
    # every strategy a player uses somewhere; a strategy at probability 0 throughout is not drawn
    items = [q for q in quantities(normal, eqset, reasoner.tidy, every_probability=True)
             if not (q.kind == "probability" and q.expression == 0)]
    xs = tuple(lo + (hi - lo) * sympy.Rational(k, points - 1) for k in range(points))
    # parameters given values before the game was built (the number of players of a game by counts)
    # may remain in the assumptions
    given = {p.symbol: p.default for p in _original(one).parameters
             if p.name in _original(one).assigned and p.default is not None}
    allowed = []
    for value in xs:
        point = {**given, x: value}
        allowed.append(all(_holds(a, point) for a in normal.assumptions))
    if not any(allowed):
        listed = ", ".join(conditions.to_str(conditions.canonical(a)) for a in normal.assumptions)
        raise UsageError(f"the assumptions ({listed}) hold nowhere in the range {lo}:{hi} of {parameter}")
    exists: dict[int, list[bool]] = {}
    for k, eq in enumerate(eqset.equilibria):
        limits.check("plotting: checking where each equilibrium exists")
        exists[k] = [ok and all(_holds(c, {**given, x: v}) for c in eq.conditions) for v, ok in zip(xs, allowed)]
    curves = []
    for q in items:
        limits.check("plotting: evaluating equilibrium quantities")
        values = tuple(_value(q.expression, {x: v}) if exists[q.equilibrium][j] else None for j, v in enumerate(xs))
        curves.append(Curve(q, values))
    original = _original(one)
    fixed = tuple((p.name, p.default) for p in original.parameters if p.name != parameter and p.default is not None
                  and p.name in original.assigned)
    described = {p.name: p.description for p in _original(game).parameters}
    return PlotData(
        title=_original(game).title or "",
        parameter=parameter,
        description=described.get(parameter, ""),
        lo=lo,
        hi=hi,
        fixed=fixed,
        game=normal,
        equilibria=eqset,
        xs=xs,
        curves=tuple(curves),
        markers=_markers(eqset, x, lo, hi),
    )


def _exact(value):
    if isinstance(value, sympy.Basic):
        return value
    if isinstance(value, (int, Fraction)):
        return sympy.Rational(value)
    from ..expr import to_exact

    return to_exact(value)


def boundary_roots(rel, x) -> list:
    """The exact real roots of ``rel``'s equation ``lhs = rhs`` when, cleared of denominators, it
    is a polynomial in ``x`` alone; otherwise none."""
    numer, _ = sympy.fraction(sympy.together(rel.lhs - rel.rhs))
    numer = sympy.expand(numer)
    if numer.free_symbols != {x} or not numer.is_polynomial(x):
        return []
    return sympy.Poly(numer, x).real_roots()


def _markers(eqset, x, lo, hi) -> tuple[Marker, ...]:
    """Roots in ``(lo, hi)`` of the existence conditions' equations (polynomial ones, exact)."""
    found: dict = {}
    for k, eq in enumerate(eqset.equilibria):
        for c in eq.conditions:
            for rel in _atoms(c):
                for root in boundary_roots(rel, x):
                    if not (lo < root < hi):
                        continue
                    entry = found.setdefault(root, [sympy.Eq(x, root), set()])
                    entry[1].add(k)
    ordered = sorted(found.items(), key=lambda item: item[0])  # exact order of real algebraic numbers
    return tuple(Marker(root, eqn, tuple(sorted(ks))) for root, (eqn, ks) in ordered)
