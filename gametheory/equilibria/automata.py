"""Strategy profiles of a repeated game as finite automata: values, one-shot deviations and the
discount thresholds above which a profile is a subgame-perfect (or Nash) equilibrium.

Conventions
-----------
* The stage game has two players; automata and profiles are those of
  :mod:`gametheory.games.repeated`. Payoffs are normalised,
  ``V = (1 - delta) * sum_t delta**t * u_t``, with ``delta`` a real symbol and
  ``0 < delta < 1`` added to the game's assumptions.
* A *joint state* is a pair of automaton states, one per player. The joint states of a profile
  are those reachable from the start after any history (every action profile, not only the
  path), since subgame perfection asks for optimality after every history.
* Conditions are exact and decided only through :mod:`gametheory.conditions`.

Method
------
1. The value of a joint state solves the linear Bellman system
   ``V(s) = (1 - delta) u(f(s)) + delta V(tau(s, f(s)))``. The path from ``s`` is eventually
   periodic (a prefix of length ``m``, then a cycle of length ``p``), and back-substitution
   along it solves the system exactly:
   ``V = (1 - delta) [sum_{t<m} delta^t u_t + delta^m sum_{t<p} delta^t u_{m+t} / (1 - delta^p)]``.
2. One-shot deviation principle (Blackwell 1965; Fudenberg and Tirole 1991, thm. 4.2): the
   profile is subgame perfect iff in every joint state no player gains by one deviation
   followed by the automata: ``V_i(s) >= (1 - delta) u_i(a_i', f_-i(s)) + delta V_i(tau(s, a))``.
3. Nash equilibrium: player ``i``'s best reply to the other's automaton is a stationary policy
   of a finite discounted decision problem over the other's states (Howard 1960); the profile
   is Nash iff no such policy's path beats the profile's value from the start.
4. Each condition is brought over a common denominator whose sign is decided, factored, and
   the factors of known sign under the assumptions removed; what is left, when it is linear in
   ``delta`` (or quadratic with one positive root), is a bound ``delta >= L`` or
   ``delta <= U``; a numeric game's polynomial is solved exactly on ``(0, 1)``. Bounds are
   combined: the largest lower bound is the threshold ``delta*``; an upper bound equal to a
   lower bound is a knife edge; a lower bound that cannot be below 1 means no ``delta < 1``
   works.

The checker :func:`deviation_gains` evaluates every one-shot deviation at a given numeric
``delta`` in rational arithmetic, solving the Bellman system by Gaussian elimination: it shares
no code with the solver.

References
----------
D. Abreu, "On the theory of infinitely repeated games with discounting", Econometrica 56(2), 1988.
R. Axelrod, *The Evolution of Cooperation*, Basic Books, 1984.
D. Fudenberg and J. Tirole, *Game Theory*, MIT Press, 1991, ch. 5.
G. J. Mailath and L. Samuelson, *Repeated Games and Reputations*, Oxford, 2006, ch. 2.
M. Nowak and K. Sigmund, "A strategy of win-stay, lose-shift that outperforms tit-for-tat in the
Prisoner's Dilemma game", Nature 364, 1993.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from fractions import Fraction

import sympy
from sympy.polys.fields import sfield

from .. import conditions, limits
from ..errors import UsageError
from ..expr import symbol
from ..games import Game
from ..games.repeated import Automaton, ProfileSpec, RepeatedGame

__all__ = ["Deviation", "Verdict", "ProfileAnalysis", "library_profile", "library_profiles",
           "analyse_profile", "deviation_gains", "is_subgame_perfect", "cooperative_actions",
           "defect_actions", "discount_symbol", "MAX_POLICIES"]

#: Most best-reply paths examined for the Nash condition of one player.
MAX_POLICIES = 4096


def discount_symbol(name: str = "delta") -> sympy.Symbol:
    return symbol(name)


# -- results ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Deviation:
    """One one-shot deviation: in joint ``state``, ``player`` plays ``action`` instead of
    ``prescribed``. ``gain`` is the normalised gain (deviation minus conformity), a rational
    function of ``delta``; ``bound`` is what ``gain <= 0`` says about ``delta``: ``("always",)``,
    ``("never",)``, ``("lower", L)``, ``("upper", U)``, ``("between", L, U)`` or
    ``("raw", relation)``."""

    state: str
    player: int
    action: int
    prescribed: int
    gain: sympy.Expr
    bound: tuple
    punished: bool = True


@dataclass(frozen=True)
class Verdict:
    """Under which discount factors a profile is an equilibrium (subgame perfect or Nash).

    ``works`` is ``True`` (some ``delta < 1`` works whenever the assumptions hold), ``False``
    (none ever does; ``reason`` says why) or ``None`` (it depends on the payoffs:
    ``payoff_conditions``). ``lower`` and ``upper`` are bounds ``delta >= L`` and
    ``delta <= U``; ``equal`` knife edges ``delta = E``; ``raw`` conditions not solved for
    ``delta``. ``threshold`` is ``delta*`` when the conditions are lower bounds only (their
    ``Max``; ``0`` when every ``delta`` works), else ``None``.
    """

    works: bool | None
    lower: tuple = ()
    upper: tuple = ()
    equal: tuple = ()
    raw: tuple = ()
    payoff_conditions: tuple = ()
    reason: str = ""
    threshold: sympy.Expr | None = None


@dataclass(frozen=True)
class ProfileAnalysis:
    """A profile, its path and payoffs, its one-shot deviations and its two verdicts.

    ``path`` lists the joint states of the on-path play, ``cycle_start`` the index where the
    path's cycle begins; ``path_payoffs`` are the normalised payoffs from the start.
    ``nash`` is ``None`` when the best-reply problem was too large (:data:`MAX_POLICIES`).
    """

    profile: ProfileSpec
    states: tuple[str, ...]
    path: tuple[str, ...]
    path_profiles: tuple[tuple[int, ...], ...]
    cycle_start: int
    path_payoffs: tuple[sympy.Expr, ...]
    deviations: tuple[Deviation, ...]
    spe: Verdict
    nash: Verdict | None
    delta: sympy.Symbol

    @property
    def nash_only(self) -> bool:
        """A Nash equilibrium for discount factors at which it is not subgame perfect (no
        ``delta`` works, or only a knife edge): its threats off the path are not credible."""
        if self.nash is None or self.nash.works is False:
            return False
        return self.spe.works is False or bool(self.spe.equal) and not self.nash.equal


# -- the library ------------------------------------------------------------------------------

def cooperative_actions(repeated: RepeatedGame) -> tuple[int, ...]:
    return repeated.cooperate or tuple(0 for _ in repeated.stage.players)


def defect_actions(game: Game, cooperate: tuple[int, ...], stage_equilibria=None) -> tuple[int, ...]:
    """Each player's "defection": the other action of a two-action player; otherwise its action
    in the first unconditional pure stage equilibrium other than the cooperative profile (Nash
    reversion, Friedman 1971), else the action with which it holds the other to the lowest
    payoff against cooperation."""
    if all(len(s) == 2 for s in game.strategies):
        return tuple(1 - c for c in cooperate)
    for eq in (stage_equilibria or ()):
        pure = eq.profile.pure_indices
        if pure is not None and not eq.conditions and pure != tuple(cooperate):
            return pure
    out = []
    for i in range(2):
        j = 1 - i
        best = cooperate[i]
        for a in range(len(game.strategies[i])):
            pa = [0, 0]
            pa[i], pa[j] = a, cooperate[j]
            pb = [0, 0]
            pb[i], pb[j] = best, cooperate[j]
            if _holds(game.payoffs[j][tuple(pa)] < game.payoffs[j][tuple(pb)], game.assumptions):
                best = a
        out.append(best)
    return tuple(out)


def _holds(relation, assumptions) -> bool:
    return conditions.decide(relation, tuple(assumptions)).value is True


def _symmetric_payoffs(game: Game) -> bool:
    if game.strategies[0] != game.strategies[1]:
        return False
    n = len(game.strategies[0])
    return all(sympy.expand(game.payoffs[0][a, b] - game.payoffs[1][b, a]) == 0
               for a in range(n) for b in range(n))


def library_profile(name: str, repeated: RepeatedGame, stage_equilibria=None) -> ProfileSpec | None:
    """The symmetric library profile ``name`` (``grim``, ``tit-for-tat``, ``punish:3``, ...; see
    :data:`gametheory.spec.repeated.LIBRARY`) for this game, or ``None`` where it does not apply
    (stick and carrot in a game that is not symmetric)."""
    game = repeated.stage
    c = cooperative_actions(repeated)
    d = defect_actions(game, c, stage_equilibria)
    profiles = list(game.profiles())
    label = _LABELS.get(name, name)
    if name.startswith("punish:"):
        k = int(name.split(":", 1)[1])
        label = f"{k}-period punishment"
    automata = []
    for i in range(2):
        j = 1 - i
        if name == "always-cooperate":
            a = Automaton.build(name, "cooperate", {"cooperate": c[i]}, lambda q, p: q, profiles)
        elif name == "always-defect":
            a = Automaton.build(name, "defect", {"defect": d[i]}, lambda q, p: q, profiles)
        elif name == "grim":
            a = Automaton.build(name, "cooperate", {"cooperate": c[i], "punish": d[i]},
                                lambda q, p: "cooperate" if q == "cooperate" and p == c else "punish", profiles)
        elif name == "tit-for-tat":
            a = Automaton.build(name, "cooperate", {"cooperate": c[i], "defect": d[i]},
                                lambda q, p, j=j: "cooperate" if p[j] == c[j] else "defect", profiles)
        elif name == "win-stay-lose-shift":
            a = Automaton.build(name, "cooperate", {"cooperate": c[i], "defect": d[i]},
                                lambda q, p: "cooperate" if p in (c, d) else "defect", profiles)
        elif name.startswith("punish:"):
            k = int(name.split(":", 1)[1])
            play = {"cooperate": c[i], **{f"punish {t}": d[i] for t in range(1, k + 1)}}

            def rule(q, p, k=k):
                if q == "cooperate":
                    return "cooperate" if p == c else "punish 1"
                t = int(q.split()[1])
                if p != d:
                    return "punish 1"
                return "cooperate" if t == k else f"punish {t + 1}"

            a = Automaton.build(name, "cooperate", play, rule, profiles)
        elif name == "stick-and-carrot":
            stick = _stick(game, c)
            if stick is None:
                return None
            a = Automaton.build(name, "carrot", {"carrot": c[i], "stick": stick},
                                lambda q, p, s=stick: "carrot" if p == ((c if q == "carrot" else (s, s))) else "stick",
                                profiles)
        else:
            raise UsageError(f"no library automaton named {name!r}")
        automata.append(a)
    return ProfileSpec(label, tuple(automata))


_LABELS = {
    "always-defect": "always defect",
    "always-cooperate": "always cooperate",
    "grim": "grim trigger",
    "tit-for-tat": "tit for tat",
    "win-stay-lose-shift": "win-stay lose-shift",
    "stick-and-carrot": "stick and carrot",
}

#: The profiles analysed by default, in order.
DEFAULT_LIBRARY = ("always-defect", "always-cooperate", "grim", "tit-for-tat", "win-stay-lose-shift",
                   "punish:2", "stick-and-carrot")


def _stick(game: Game, c) -> int | None:
    """Abreu's stick for a symmetric game: the symmetric profile with the lowest payoff (when
    the assumptions decide which), if it is not the cooperative one."""
    if not _symmetric_payoffs(game) or c[0] != c[1]:
        return None
    n = len(game.strategies[0])
    worst = None
    for a in range(n):
        if worst is None:
            worst = a
            continue
        u_a, u_w = game.payoffs[0][a, a], game.payoffs[0][worst, worst]
        if _holds(u_a < u_w, game.assumptions):
            worst = a
        elif not _holds(u_a >= u_w, game.assumptions):
            return None
    return None if worst == c[0] else worst


def library_profiles(repeated: RepeatedGame, names=None, stage_equilibria=None) -> list[ProfileSpec]:
    """The profiles to analyse: the library's (or ``names``), then the spec's automata played by
    both players and the spec's named profiles."""
    out = []
    wanted = list(names) if names else None
    spec_automata = dict(repeated.automata)
    spec_profiles = dict(repeated.profiles)
    for name in (wanted or DEFAULT_LIBRARY):
        if name in spec_automata or name in spec_profiles:
            continue
        prof = library_profile(name, repeated, stage_equilibria)
        if prof is not None:
            out.append(prof)
    for name, per_player in repeated.automata:
        if wanted is not None and name not in wanted:
            continue
        players = dict(per_player)
        if 0 in players and 1 in players:
            out.append(ProfileSpec(name, (players[0], players[1]), source="spec"))
    for name, chosen in repeated.profiles:
        if wanted is not None and name not in wanted:
            continue
        automata = []
        for i, auto in enumerate(chosen):
            if auto in spec_automata:
                automata.append(dict(spec_automata[auto])[i])
            else:
                lib = library_profile(auto, repeated, stage_equilibria)
                if lib is None:
                    raise UsageError(f"profile {name!r}: the library automaton {auto!r} does not apply to this game")
                automata.append(lib.automata[i])
        out.append(ProfileSpec(name, tuple(automata), source="spec"))
    return out


# -- the solver -------------------------------------------------------------------------------

def _joint_name(profile: ProfileSpec, s) -> str:
    return s[0] if s[0] == s[1] and profile.symmetric else f"{s[0]} / {s[1]}"


def _step(profile: ProfileSpec, s, a):
    return tuple(profile.automata[i].step(s[i], a) for i in range(2))


def _play(profile: ProfileSpec, s):
    return tuple(profile.automata[i].action(s[i]) for i in range(2))


def _reachable(profile: ProfileSpec, game: Game) -> list:
    start = tuple(a.start for a in profile.automata)
    seen, order, todo = {start}, [start], [start]
    profiles = list(game.profiles())
    while todo:
        s = todo.pop(0)
        for a in profiles:
            t = _step(profile, s, a)
            if t not in seen:
                seen.add(t)
                order.append(t)
                todo.append(t)
    return order


def _path(step, play, s):
    """(profiles along the path, joint states, index where the cycle starts)."""
    seen: dict = {}
    states, acts = [], []
    while s not in seen:
        seen[s] = len(states)
        states.append(s)
        a = play(s)
        acts.append(a)
        s = step(s, a)
    return acts, states, seen[s]


class _Field:
    """The payoffs and ``delta`` as elements of one field of rational functions (sympy's sparse
    polynomials: exact, and much faster than simplifying expressions)."""

    def __init__(self, game: Game, delta):
        cells = [game.payoffs[i][a] for i in range(2) for a in game.profiles()]
        self.field, elements = sfield([delta] + cells)
        self.delta = elements[0]
        self.symbol = delta
        self.gen = self.field.ring.gens[list(self.field.symbols).index(delta)]
        self.index = list(self.field.symbols).index(delta)
        it = iter(elements[1:])
        self.payoffs = [{a: next(it) for a in game.profiles()} for _ in range(2)]
        self.bounds: dict = {}

    def path_value(self, payoffs: list, m: int):
        """Normalised value of a path whose payoffs ``payoffs`` cycle from index ``m``."""
        d = self.delta
        zero = self.field.zero
        prefix = zero
        for t, u in enumerate(payoffs[:m]):
            prefix += d**t * u
        cycle = payoffs[m:]
        p = len(cycle)
        if all(u == cycle[0] for u in cycle):
            return (1 - d) * prefix + d**m * cycle[0]
        loop = zero
        for t, u in enumerate(cycle):
            loop += d**t * u
        return (1 - d) * prefix + d**m * loop * (1 - d) / (1 - d**p)

    def expr(self, element) -> sympy.Expr:
        return self.field.to_sympy(element) if hasattr(self.field, "to_sympy") else element.as_expr()


_FIELDS: dict = {}


def _field(game: Game, delta) -> _Field:
    """One field per game and discount symbol, shared by the profiles (and its bounds cached)."""
    key = (game, delta)
    if key not in _FIELDS:
        if len(_FIELDS) > 32:
            _FIELDS.clear()
        _FIELDS[key] = _Field(game, delta)
    return _FIELDS[key]


def analyse_profile(game: Game, profile: ProfileSpec, delta: sympy.Symbol) -> ProfileAnalysis:
    """Values, one-shot deviations and verdicts of one profile (module docstring, steps 1-4)."""
    assumptions = tuple(game.assumptions) + (delta > 0, delta < 1)
    K = _field(game, delta)
    states = _reachable(profile, game)
    cache: dict = {}

    def value(s):
        if s not in cache:
            limits.check("the values of a repeated game's automata")
            acts, _, m = _path(lambda q, a: _step(profile, q, a), lambda q: _play(profile, q), s)
            cache[s] = tuple(K.path_value([K.payoffs[i][a] for a in acts], m) for i in range(2))
        return cache[s]

    deviations = []
    for s in states:
        f = _play(profile, s)
        for i in range(2):
            for a_i in range(len(game.strategies[i])):
                if a_i == f[i]:
                    continue
                a = list(f)
                a[i] = a_i
                a = tuple(a)
                nxt = _step(profile, s, a)
                gain = ((1 - K.delta) * K.payoffs[i][a] + K.delta * value(nxt)[i] - value(s)[i]) / (1 - K.delta)
                deviations.append(Deviation(_joint_name(profile, s), i, a_i, f[i], gain.as_expr(),
                                            _bound(K, -gain, assumptions), nxt != _step(profile, s, f)))
    start = states[0]
    acts, path_states, m = _path(lambda q, a: _step(profile, q, a), lambda q: _play(profile, q), start)
    spe = _combine([(d.bound, d) for d in deviations], assumptions, delta, game)
    nash = _nash(game, K, profile, value(start), assumptions)
    return ProfileAnalysis(profile, tuple(_joint_name(profile, s) for s in states),
                           tuple(_joint_name(profile, s) for s in path_states), tuple(acts), m,
                           tuple(sympy.factor(v.as_expr()) for v in value(start)), tuple(deviations),
                           spe, nash, delta)


def _nash(game, K, profile, start_value, assumptions) -> Verdict | None:
    """Every best-reply path of each player against the other's automaton (step 3)."""
    pieces = []
    for i in range(2):
        j = 1 - i
        other = profile.automata[j]
        count = 0
        for acts, m in _reply_paths(game, other, i):
            count += 1
            if count > MAX_POLICIES:
                return None
            limits.check("the best replies to an automaton")
            v = K.path_value([K.payoffs[i][a] for a in acts], m)
            gain = (v - start_value[i]) / (1 - K.delta)
            pieces.append((_bound(K, -gain, assumptions), _reply_text(game, i, acts, m)))
    return _combine(pieces, assumptions, K.symbol, game)


def _reply_text(game, i, acts, m) -> str:
    names = [game.strategies[i][a[i]] for a in acts]
    prefix, cycle = names[:m], names[m:]
    loop = cycle[0] if len(cycle) == 1 else "(" + ", ".join(cycle) + ")"
    return f"{game.players[i]} gains by playing " + ", ".join(prefix + [f"{loop} forever"])


def _reply_paths(game, other: Automaton, i: int):
    """Every distinct path of player ``i``'s stationary policies against ``other``: (action
    profiles, cycle start)."""
    j = 1 - i

    def grow(q, policy, acts, visits):
        if q in visits:
            yield list(acts), visits[q]
            return
        choices = [policy[q]] if q in policy else range(len(game.strategies[i]))
        for a_i in choices:
            a = [0, 0]
            a[i], a[j] = a_i, other.action(q)
            a = tuple(a)
            new_policy = dict(policy)
            new_policy[q] = a_i
            new_visits = dict(visits)
            new_visits[q] = len(acts)
            yield from grow(other.step(q, a), new_policy, acts + [a], new_visits)

    yield from grow(other.start, {}, [], {})


# -- conditions in delta ----------------------------------------------------------------------

def _bound(K: _Field, h, assumptions) -> tuple:
    """What ``h >= 0`` says about ``delta`` (see :class:`Deviation`); ``h`` is an element of
    ``K``'s field."""
    key = (h, assumptions)
    if key not in K.bounds:
        K.bounds[key] = _bound_uncached(K, h, assumptions)
    return K.bounds[key]


def _bound_uncached(K: _Field, h, assumptions) -> tuple:
    delta = K.symbol
    if h == 0:
        return ("always",)
    num, den = h.numer, h.denom
    s = conditions.sign(den.as_expr(), assumptions)
    if s == "-":
        num = -num
    elif s != "+":
        return ("raw", sympy.Ge(h.as_expr(), 0, evaluate=False))
    coeff, factors = num.factor_list()
    sgn = 1 if coeff > 0 else -1
    left = []
    base = tuple(a for a in assumptions if delta not in a.free_symbols)
    for f, mult in factors:
        fs = conditions.sign(f.as_expr(), assumptions)
        if fs not in ("+", "-") and f.degree(K.index) >= 1:
            fs = _unit_interval_sign(f, K, base)
        if fs in ("+", "-"):
            if fs == "-" and mult % 2:
                sgn = -sgn
            continue
        left.append((f, mult))
    if not left:
        return ("always",) if sgn > 0 else ("never",)
    expr = sympy.Mul(*[f.as_expr() ** m for f, m in left]) * sgn
    if not (expr.free_symbols - {delta}):
        return _numeric_bound(sympy.Poly(expr, delta))
    if len(left) != 1 or left[0][1] != 1 or left[0][0].degree(K.index) < 1:
        decided = conditions.decide(expr >= 0, assumptions).value
        if decided is not None:
            return ("always",) if decided else ("never",)
        return ("raw", sympy.Ge(expr, 0, evaluate=False))
    f = left[0][0] * sgn
    if f.degree(K.index) == 1:
        a = f.diff(K.gen)
        b = f - a * K.gen
        sa = conditions.sign(a.as_expr(), assumptions)
        ratio = K.field(-b) / K.field(a)
        n, d = ratio.numer, ratio.denom
        if d.is_ground or conditions.sign(d.as_expr(), assumptions) != "-":
            root = sympy.Mul(n.as_expr(), sympy.Pow(d.as_expr(), -1))
        else:
            root = sympy.Mul((-n).as_expr(), sympy.Pow((-d).as_expr(), -1))
        if sa == "+":
            return ("lower", root, (_as_expr(f.evaluate(K.index, 1)) > 0,))
        if sa == "-":
            return ("upper", root)
        decided = conditions.decide(expr >= 0, assumptions).value
        if decided is not None:
            return ("always",) if decided else ("never",)
        if conditions.sign(b.as_expr(), assumptions) == "-":
            # a*delta >= -b > 0 needs a > 0: then it is delta >= -b/a, below 1 when a + b > 0
            return ("lower", root, (a.as_expr() > 0, _as_expr(f.evaluate(K.index, 1)) > 0))
        return ("raw", sympy.Ge(sympy.factor(a.as_expr()) * delta, -b.as_expr(), evaluate=False))
    poly = sympy.Poly(expr, delta)
    if poly.degree() == 2:
        a, b, c = poly.all_coeffs()
        sa = conditions.sign(a, assumptions)
        base = tuple(r for r in assumptions if delta not in r.free_symbols)
        # with a > 0 and c < 0 there is one positive root (the product of the roots c/a is
        # negative), below 1 iff poly(1) > 0; where the sign of a is not known, the bound holds
        # with the payoff condition a > 0 only if the polynomial is negative on (0, 1) whenever a <= 0
        if conditions.sign(c, assumptions) == "-" and (
                sa == "+" or sa not in ("-", "<=0", "0")
                and _poly_interval_sign(poly.as_expr(), delta, base + (a <= 0,)) == "-"):
            root = (-b + sympy.sqrt(sympy.factor(b**2 - 4 * a * c))) / (2 * a)
            needs = (sympy.factor(a + b + c) > 0,) if sa == "+" else (a > 0, sympy.factor(a + b + c) > 0)
            return ("lower", root, needs)
    decided = conditions.decide(expr >= 0, assumptions).value
    if decided is not None:
        return ("always",) if decided else ("never",)
    return ("raw", sympy.Ge(sympy.factor(expr), 0, evaluate=False))


def _as_expr(value) -> sympy.Expr:
    """A polynomial (or, once evaluated to a number, a ground element) as a sympy expression."""
    return value.as_expr() if hasattr(value, "as_expr") else sympy.sympify(value)


def _unit_interval_sign(element, K, base) -> str:
    """The sign of a polynomial in ``delta`` on ``0 < delta < 1`` when a certificate shows it:
    with ``delta = x/(1 + x)``, ``(1 + x)^n f`` has coefficients in ``x > 0`` of one sign under
    the assumptions (Polya's substitution for an interval; Powers and Reznick 2001). For a
    linear ``f`` that is the sign of ``f(0)`` and ``f(1)``."""
    if element.degree(K.index) == 1:
        ends = {conditions.sign(_as_expr(element.evaluate(K.index, v)), base) for v in (0, 1)}
        if ends <= {"+", ">=0", "0"} and "+" in ends:
            return "+"
        if ends <= {"-", "<=0", "0"} and "-" in ends:
            return "-"
        return "?"
    return _poly_interval_sign(element.as_expr(), K.symbol, base)


def _poly_interval_sign(f: sympy.Expr, delta, base) -> str:
    """:func:`_unit_interval_sign` for a polynomial expression in ``delta``."""
    poly = sympy.Poly(f, delta)
    n = poly.degree()
    x = sympy.Dummy("x")
    q = sympy.Poly(sum((c * x**k * (1 + x) ** (n - k) for (k,), c in poly.terms()), sympy.Integer(0)), x)
    signs = {conditions.sign(c, base) for c in q.coeffs()}
    if signs <= {"+", ">=0", "0"} and "+" in signs:
        return "+"
    if signs <= {"-", "<=0", "0"} and "-" in signs:
        return "-"
    return "?"


def _numeric_bound(poly: sympy.Poly) -> tuple:
    """``poly(delta) >= 0`` on ``(0, 1)`` for a polynomial with rational coefficients."""
    if poly.is_zero:
        return ("always",)
    roots = sorted({r for r in poly.real_roots() if 0 < r < 1}, key=lambda r: sympy.N(r, 50))
    edges = [sympy.Integer(0)] + roots + [sympy.Integer(1)]
    signs = []
    for lo, hi in zip(edges, edges[1:]):
        mid = sympy.nsimplify((sympy.N(lo, 30) + sympy.N(hi, 30)) / 2, rational=True)
        signs.append(poly.eval(mid) >= 0)
    if all(signs):
        return ("always",)
    if not any(signs):
        return ("never",)
    first = signs.index(True)
    last = len(signs) - 1 - signs[::-1].index(True)
    if not all(signs[first:last + 1]):
        return ("raw", sympy.Ge(poly.as_expr(), 0, evaluate=False))
    lower = edges[first] if first > 0 else None
    upper = edges[last + 1] if last + 1 < len(edges) - 1 else None
    if lower is not None and upper is not None:
        return ("between", lower, upper)
    if lower is not None:
        return ("lower", lower, (lower < 1,))
    return ("upper", upper)


def _same(a, b) -> bool:
    """``a`` and ``b`` are the same expression (bounds are kept in one canonical form)."""
    if a == b:
        return True
    if _irrational(a) or _irrational(b):
        return a.is_number and b.is_number and conditions.decide(sympy.Eq(a, b), ()).value is True
    na, da = sympy.fraction(a)
    nb, db = sympy.fraction(b)
    return sympy.expand(na * db - nb * da) == 0


def _combine(pieces, assumptions, delta, game: Game) -> Verdict:
    """One verdict from the bounds of every condition (module docstring, step 4). ``pieces``
    holds ``(bound, origin)``; ``origin`` is the :class:`Deviation` or a text for the reason."""
    lows, ups, raws = [], [], []
    for bound, origin in pieces:
        kind = bound[0]
        if kind == "always":
            continue
        if kind == "never":
            return Verdict(False, reason=_never_reason(origin, game))
        if kind == "raw":
            if not any(r == bound[1] for r in raws):
                raws.append(bound[1])
            continue
        if kind == "lower":
            lows.append((bound[1], bound[2], origin))
        elif kind == "upper":
            ups.append((bound[1], None, origin))
        elif kind == "between":
            lows.append((bound[1], (bound[1] < 1,), origin))
            ups.append((bound[2], None, origin))
    base = tuple(game.assumptions)
    lows = _prune(lows, base, lower=True)
    ups = _prune(ups, base, lower=False)
    equal, payoff_conditions, equalities = [], [], []
    for lo, below_one, origin in lows:
        for relation in below_one:
            d = conditions.decide(relation, base).value
            if d is False:
                return Verdict(False, reason=f"it needs delta >= {conditions.to_str(lo)}, which is never below 1"
                               + _origin_text(origin, game))
            if d is None:
                payoff_conditions.append(relation)
    for up, _, origin in ups:
        d = conditions.decide(up > 0, base).value
        if d is False:
            return Verdict(False, reason=f"it needs delta <= {conditions.to_str(up)}, which is never above 0"
                           + _origin_text(origin, game))
        if d is None:
            payoff_conditions.append(up > 0)
    for lo, _, _ in lows:
        for up, _, _ in ups:
            if _same(lo, up):
                equal.append(lo)
    for lo, _, _ in lows:
        for up, _, _ in ups:
            if any(_same(lo, e) for e in equal) and any(_same(up, e) for e in equal):
                continue
            d = conditions.decide(lo <= up, base).value
            if d is False:
                return Verdict(False, reason=f"it needs {conditions.to_str(lo)} <= delta <= "
                               f"{conditions.to_str(up)}, an empty range")
            if d is None:
                payoff_conditions.append(lo <= up)
    equal = _dedupe(equal)
    for e1, e2 in itertools.combinations(equal, 2):
        d = conditions.decide(sympy.Eq(e1, e2), base).value
        if d is False:
            return Verdict(False, reason="it needs delta to equal two values that always differ: "
                           f"{conditions.to_str(e1)} and {conditions.to_str(e2)}")
        if d is None:
            equalities.append(_equality(e1, e2, base))
    lower = tuple(lo for lo, _, _ in lows if not any(_same(lo, e) for e in equal))
    upper = tuple(up for up, _, _ in ups if not any(_same(up, e) for e in equal))
    if payoff_conditions:
        simplified = conditions.simplify(payoff_conditions, base + tuple(equalities))
        if simplified is None:
            return Verdict(False, reason="the conditions on the payoffs cannot hold together: "
                           + conditions.describe(tuple(payoff_conditions)))
        payoff_conditions = list(simplified)
    payoff_conditions = equalities + payoff_conditions
    if len(lower) > 1 and payoff_conditions:
        # where the payoff conditions hold, some lower bounds may be dominated
        lower = tuple(lo for lo, _, _ in _prune([(lo, (), None) for lo in lower],
                                               base + tuple(payoff_conditions), lower=True))
    threshold = None
    if not upper and not equal and not raws:
        threshold = sympy.Integer(0) if not lower else (lower[0] if len(lower) == 1 else sympy.Max(*lower))
    works = True if not payoff_conditions and not raws else None
    return Verdict(works, lower, upper, tuple(equal), tuple(raws), tuple(payoff_conditions), "", threshold)


def _equality(a, b, base):
    """``a = b`` cleared of denominators and of factors of known sign (``P + R = S + T``)."""
    num, _ = sympy.fraction(sympy.cancel(sympy.together(a - b)))
    _, factors = sympy.factor_list(num)
    left = [f for f, _ in factors if conditions.sign(f, base) not in ("+", "-")]
    rest = sympy.expand(sympy.Mul(*left)) if left else sympy.expand(num)
    terms = sympy.Add.make_args(rest)
    pos = sympy.Add(*[t for t in terms if t.could_extract_minus_sign() is False])
    neg = -sympy.Add(*[t for t in terms if t.could_extract_minus_sign() is True])
    return sympy.Eq(pos, neg, evaluate=False)


def _orient(value, assumptions) -> sympy.Expr:
    """A ratio with a denominator that is positive under the assumptions, when that is decided."""
    n, d = sympy.fraction(sympy.cancel(sympy.together(value)))
    if d == 1:
        return sympy.expand(n)
    if conditions.sign(d, assumptions) == "-":
        n, d = -n, -d
    return sympy.Mul(sympy.expand(n), sympy.Pow(sympy.expand(d), -1))


def _irrational(e) -> bool:
    """True for a bound with roots (a quadratic's root): not compared with others."""
    return any(not p.exp.is_Integer for p in e.atoms(sympy.Pow))


def _dedupe(values):
    out = []
    for v in values:
        if not any(_same(v, w) for w in out):
            out.append(v)
    return out


def _prune(bounds, base, lower: bool):
    """Drop vacuous bounds (a lower bound <= 0, an upper bound >= 1) and dominated ones."""
    kept = []
    for b, extra, origin in bounds:
        # a quadratic's root is positive by construction (see _bound): never vacuous
        vacuous = None if _irrational(b) and not b.is_number else \
            conditions.decide(b <= 0 if lower else b >= 1, base).value
        if vacuous is True or any(_same(b, k) for k, _, _ in kept):
            continue
        kept.append((b, extra, origin))
    out = []
    for k, (b, extra, origin) in enumerate(kept):
        dominated = False
        for m, (other, _, _) in enumerate(kept):
            if m == k or (_irrational(b) or _irrational(other)) and not (b.is_number and other.is_number):
                continue
            rel = b <= other if lower else b >= other
            if conditions.decide(rel, base).value is True:
                dominated = True
                break
        if not dominated:
            out.append((b, extra, origin))
    return out


def _origin_text(origin, game) -> str:
    if not isinstance(origin, Deviation):
        return f" ({origin})" if origin else ""
    return (f" (in state {origin.state}, {game.players[origin.player]} playing "
            f"{game.strategies[origin.player][origin.action]})")


def _never_reason(origin, game) -> str:
    if not isinstance(origin, Deviation):
        return f"{origin} whatever delta < 1"
    who = game.players[origin.player]
    text = (f"in state {origin.state}, {who} gains by playing {game.strategies[origin.player][origin.action]} "
            f"instead of {game.strategies[origin.player][origin.prescribed]} whatever delta < 1")
    if not origin.punished:
        text += ": nothing punishes the deviation"
    else:
        text += ": the punishment that follows costs less than the deviation gains"
    return text


# -- the checker ------------------------------------------------------------------------------

def _bellman(profile: ProfileSpec, payoffs, states, delta: Fraction):
    """Solve ``V = (1 - delta) u + delta P V`` over the joint states by Gaussian elimination."""
    index = {s: k for k, s in enumerate(states)}
    n = len(states)
    values = []
    for i in range(2):
        rows = []
        for s in states:
            a = _play(profile, s)
            row = [Fraction(0)] * (n + 1)
            row[index[s]] += 1
            row[index[_step(profile, s, a)]] -= delta
            row[n] = (1 - delta) * payoffs[i][a]
            rows.append(row)
        for col in range(n):
            piv = next(r for r in range(col, n) if rows[r][col] != 0)
            rows[col], rows[piv] = rows[piv], rows[col]
            p = rows[col][col]
            rows[col] = [v / p for v in rows[col]]
            for r in range(n):
                if r != col and rows[r][col] != 0:
                    f = rows[r][col]
                    rows[r] = [x - f * y for x, y in zip(rows[r], rows[col])]
        values.append({s: rows[index[s]][n] for s in states})
    return values


def deviation_gains(game: Game, profile: ProfileSpec, delta) -> list[tuple[str, int, int, Fraction]]:
    """Every one-shot deviation's normalised gain at a numeric ``delta``, in rational arithmetic:
    ``(state, player, action, gain)``. The profile is subgame perfect at ``delta`` iff no gain
    is positive. ``game`` must be numeric."""
    delta = Fraction(str(delta)) if not isinstance(delta, Fraction) else delta
    payoffs = [{a: Fraction(str(sympy.Rational(game.payoffs[i][a]))) for a in game.profiles()} for i in range(2)]
    states = _reachable(profile, game)
    values = _bellman(profile, payoffs, states, delta)
    out = []
    for s in states:
        f = _play(profile, s)
        for i in range(2):
            for a_i in range(len(game.strategies[i])):
                if a_i == f[i]:
                    continue
                a = list(f)
                a[i] = a_i
                a = tuple(a)
                dev = (1 - delta) * payoffs[i][a] + delta * values[i][_step(profile, s, a)]
                out.append((_joint_name(profile, s), i, a_i, (dev - values[i][s]) / (1 - delta)))
    return out


def is_subgame_perfect(game: Game, profile: ProfileSpec, delta) -> bool:
    """The checker's verdict at a numeric ``delta`` (one-shot deviation principle)."""
    return all(g <= 0 for _, _, _, g in deviation_gains(game, profile, delta))
