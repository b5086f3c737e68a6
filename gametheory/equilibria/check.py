"""The equilibrium checker: exact regret of a profile, and whether it is a Nash equilibrium.

Conventions
-----------
* Players, strategies and profiles follow :mod:`gametheory.games`: ``profile.probabilities[i][k]``
  is the probability that player ``i`` plays its strategy ``k``. A tuple of strategy indices
  (one per player) stands for the pure profile it names.
* The *regret* of a profile is the largest gain any player can make by a unilateral deviation
  to a pure strategy: ``max_i max_k u_i(k, sigma_-i) - u_i(sigma)``. It is never negative (a
  player's expected payoff is an average of its pure payoffs), and it is zero exactly at a Nash
  equilibrium (Nash 1951; Gambit's ``max_regret``).
* Exact arithmetic throughout. For a symbolic game the answer of :func:`is_equilibrium` is a
  :class:`gametheory.conditions.Decision`: true for every parameter point allowed by the game's
  assumptions, false for none, or true exactly under its ``conditions``.

Every symbolic comparison goes through :mod:`gametheory.conditions`; this module also holds the
small helper (:class:`Reasoner`) that the solvers share to ask it questions under one game's
assumptions, to combine the answers, and to write expressions in one canonical form
(:func:`Reasoner.tidy`).
"""

from __future__ import annotations

import contextlib

import sympy

from .. import limits
from ..errors import UnsupportedError, UsageError
from ..games import BayesianGame, Game, Profile

__all__ = ["regret", "is_equilibrium", "as_profile", "Reasoner"]

_ZERO = sympy.Integer(0)


# -- profiles ---------------------------------------------------------------------------------

def as_profile(game: Game, profile) -> Profile:
    """``profile`` as a :class:`Profile` of ``game``: a Profile, a tuple of pure strategy indices,
    or nested sequences of probabilities (one sequence per player).

    Raises
    ------
    UsageError
        If the profile does not have one entry per player and one probability per strategy.
    """
    if isinstance(profile, Profile):
        rows = profile.probabilities
    else:
        items = tuple(profile)
        if len(items) == game.n_players and all(isinstance(k, int) and not isinstance(k, bool) for k in items):
            for i, k in enumerate(items):
                if not 0 <= k < len(game.strategies[i]):
                    raise UsageError(
                        f"expected a strategy index of player {game.players[i]} in 0..{len(game.strategies[i]) - 1}, got {k}"
                    )
            return Profile.pure(game, items)
        rows = Profile.from_values(items).probabilities
    if len(rows) != game.n_players:
        raise UsageError(f"expected a profile with {game.n_players} players, got {len(rows)}")
    for i, row in enumerate(rows):
        if len(row) != len(game.strategies[i]):
            raise UsageError(
                f"expected {len(game.strategies[i])} probabilities for player {game.players[i]}, got {len(row)}"
            )
    return Profile(tuple(tuple(sympy.sympify(p) for p in row) for row in rows))


def _game(game) -> Game:
    if isinstance(game, BayesianGame):
        return game.harsanyi()
    if not isinstance(game, Game):
        raise UsageError(f"expected a Game, got {type(game).__name__}")
    return game


def _gains(game: Game, profile: Profile) -> list[list[sympy.Expr]]:
    """``gains[i][k]``: what player ``i`` gains by switching from its mix to pure ``k``."""
    out = []
    for i in range(game.n_players):
        pays = [game.deviation_payoff(profile, i, k) for k in range(len(game.strategies[i]))]
        value = sum((p * u for p, u in zip(profile.probabilities[i], pays)), _ZERO)
        out.append([sympy.expand(u - value) for u in pays])
    return out


def rational_payoffs(game: Game) -> bool:
    """True when every payoff of ``game`` is a rational number (the exact numeric fast paths)."""
    return all(v.is_Rational for arr in game.payoffs for v in arr._array)  # noqa: SLF001 - flat storage


def _is_number(e) -> bool:
    return isinstance(e, sympy.Basic) and not e.free_symbols


# -- exact signs of numbers ---------------------------------------------------------------------

def number_sign(e: sympy.Expr) -> str:
    """Sign of an exact real number (rational or algebraic): ``"+"``, ``"-"`` or ``"0"``.

    Rationals are compared directly. Another number is evaluated with guaranteed accuracy
    (``evalf(strict=True)``, which raises rather than return digits it cannot vouch for); if that
    cannot separate it from zero, it is zero exactly when its minimal polynomial is ``x``.
    """
    e = sympy.expand(e)
    if e.is_Rational:
        return "+" if e > 0 else "-" if e < 0 else "0"
    for digits in (30, 100):
        try:
            value = e.evalf(digits, strict=True)
        except (sympy.core.evalf.PrecisionExhausted, ValueError):
            continue
        if value.is_Number and value != 0:
            return "+" if value > 0 else "-"
    if _is_zero(e):
        return "0"
    try:
        value = e.evalf(400, strict=True)
    except sympy.core.evalf.PrecisionExhausted:
        raise UnsupportedError(f"cannot decide the sign of the number {e}") from None
    return "+" if value > 0 else "-"


def _is_zero(e: sympy.Expr) -> bool:
    """Whether the algebraic number ``e`` is exactly zero (False when that cannot be shown)."""
    roots = e.atoms(sympy.CRootOf)
    z = sympy.Dummy("z")
    if len(roots) == 1:
        # a polynomial in one real algebraic number r is zero exactly when it vanishes modulo r's
        # minimal polynomial
        (r,) = roots
        try:
            poly = sympy.Poly(e.xreplace({r: z}), z, domain="QQ")
        except (sympy.polys.polyerrors.PolynomialError, sympy.polys.polyerrors.CoercionFailed):
            pass
        else:
            return poly.rem(r.poly.replace(r.poly.gen, z)).is_zero
    try:
        return sympy.minimal_polynomial(e, z) == z
    except (NotImplementedError, sympy.polys.polyerrors.PolynomialError):
        return False


# -- the shared reasoner --------------------------------------------------------------------------

class Reasoner:
    """Questions about expressions under one game's assumptions, answered by
    :mod:`gametheory.conditions` (numbers are decided here, exactly), with a cache.

    Parameters
    ----------
    assumptions : tuple of sympy relations
        The game's assumptions.
    """

    def __init__(self, assumptions=()):
        self.assumptions = tuple(assumptions)
        self._decided: dict = {}
        self._signs: dict = {}
        self._signed: dict | None = None

    # conditions is imported lazily: it is heavy, and the numeric paths never need it
    @property
    def _conditions(self):
        from .. import conditions

        return conditions

    def decide(self, relation):
        """``conditions.decide(relation, assumptions)``, cached; numbers decided exactly here.

        Returns ``(value, conditions)`` with ``value`` True, False or None (depends).
        """
        if relation is sympy.true:
            return True, ()
        if relation is sympy.false:
            return False, ()
        cached = self._decided.get(relation)
        if cached is not None:
            return cached
        if isinstance(relation, sympy.Rel) and _is_number(relation.lhs - relation.rhs):
            s = number_sign(relation.lhs - relation.rhs)
            holds = {
                "==": s == "0", "!=": s != "0", ">": s == "+", ">=": s != "-", "<": s == "-", "<=": s != "+",
            }[relation.rel_op]
            answer = (holds, ())
        else:
            decision = self._conditions.decide(relation, self.assumptions)
            answer = (decision.value, tuple(decision.conditions) if decision.value is None else ())
        self._decided[relation] = answer
        return answer

    def sign(self, expr) -> str:
        """``conditions.sign(expr, assumptions)``, cached; numbers decided exactly here."""
        expr = sympy.sympify(expr)
        if _is_number(expr):
            return number_sign(expr)
        cached = self._signs.get(expr)
        if cached is None:
            cached = self._conditions.sign(expr, self.assumptions)
            self._signs[expr] = cached
        return cached

    def all_of(self, relations, what: str = "the analysis"):
        """The conditions, beyond the assumptions, under which every relation holds.

        Returns ``()`` when they all hold whenever the assumptions do, ``None`` when they cannot
        hold together under the assumptions, else the simplified conjunction (a tuple).
        """
        pending: list = []
        for relation in relations:
            limits.check(what)
            value, conds = self.decide(relation)
            if value is False:
                return None
            if value is None:
                pending.extend(c for c in conds if c not in pending)
        if not pending:
            return ()
        simplified = self._conditions.simplify(tuple(pending), self.assumptions)
        return None if simplified is None else tuple(simplified)

    def consistent(self, relations) -> bool:
        """Whether ``relations`` can hold together with the assumptions (``conditions.consistent``:
        exact for linear relations; a nonlinear one counts as possible unless proven false)."""
        relations = [r for r in relations if r is not sympy.true]
        if any(r is sympy.false for r in relations):
            return False
        return self._conditions.consistent(self.assumptions + tuple(relations))

    def decision(self, relations):
        """A :class:`gametheory.conditions.Decision` for the conjunction of ``relations``."""
        conds = self.all_of(relations)
        Decision = self._conditions.Decision
        if conds is None:
            return Decision(False, ())
        if conds == ():
            return Decision(True, ())
        return Decision(None, conds)

    # -- canonical form ----------------------------------------------------------------------
    def _signed_symbols(self, symbols):
        """Stand-ins that carry sympy sign assumptions for the symbols whose sign the assumptions
        fix (used only to simplify, e.g. ``sqrt(b*c)/b`` to ``sqrt(c)/sqrt(b)`` when ``b, c > 0``)."""
        if self._signed is None:
            self._signed = {}
        out = {}
        for s in sorted(symbols, key=str):
            if s not in self._signed:
                sign = self.sign(s) if self.assumptions else "?"
                flags = {"+": {"positive": True}, "-": {"negative": True}, ">=0": {"nonnegative": True},
                         "<=0": {"nonpositive": True}}.get(sign)
                self._signed[s] = sympy.Dummy(s.name, real=True, **flags) if flags else None
            if self._signed[s] is not None:
                out[s] = self._signed[s]
        return out

    def tidy(self, expr) -> sympy.Expr:
        """``expr`` in the one canonical form the solvers report.

        A rational function is cancelled and factored (``V*(C - V)/(2*C)``). Any other expression
        (radicals) is first rewritten with the symbols whose sign the assumptions fix given that
        sign (so that radicals split: ``sqrt(b*c)/b`` becomes ``sqrt(c)/sqrt(b)`` when ``b, c > 0``),
        then written as the shorter of its expansion and its cancelled, factored form
        (``1 - sqrt(c)/sqrt(b)``), or, above :data:`_SMALL` operations, in the factored form.
        Deterministic: the same input gives the same output.
        """
        expr = sympy.sympify(expr)
        if expr.is_Rational:
            return expr
        cache = self.__dict__.setdefault("_tidy_cache", {})
        if expr not in cache:
            cache[expr] = self._tidy(expr)
        return cache[expr]

    def _tidy(self, expr) -> sympy.Expr:
        if _is_number(expr):
            if expr.has(sympy.CRootOf):
                return sympy.expand(expr)
            return _shorter(sympy.expand(expr), sympy.radsimp(expr))
        mapping = self._signed_symbols(expr.free_symbols)
        back = {d: s for s, d in mapping.items()}
        f = expr.xreplace(mapping)
        if f.is_rational_function():
            g = sympy.factor(f)
        elif sympy.count_ops(f) <= _SMALL:
            g = _shorter(sympy.expand(f), sympy.factor(sympy.cancel(f)))
        else:
            g = sympy.factor(sympy.cancel(f))
        return g.xreplace(back)


#: Size (``sympy.count_ops``) up to which :meth:`Reasoner.tidy` compares two forms of a radical expression.
_SMALL = 40


def _shorter(a, b):
    ka = (sympy.count_ops(a), len(str(a)), str(a))
    kb = (sympy.count_ops(b), len(str(b)), str(b))
    return a if ka <= kb else b


@contextlib.contextmanager
def time_limit(timeout: float | None):
    """``limits.deadline(timeout)`` when a timeout is given; otherwise keep any enclosing one."""
    if timeout is None:
        yield
    else:
        with limits.deadline(timeout):
            yield


# -- public API -------------------------------------------------------------------------------------

def regret(game: Game, profile) -> sympy.Expr:
    """The exact regret of ``profile``: the largest gain of a unilateral pure deviation.

    Parameters
    ----------
    game : Game
        Numeric or symbolic.
    profile : Profile or tuple of int or nested sequences
        A mixed profile, or the strategy indices of a pure one.

    Returns
    -------
    sympy.Expr
        ``max_i max_k (u_i(k, sigma_-i) - u_i(sigma))``: an exact number for a numeric game and
        profile (zero exactly at an equilibrium), else a ``Max`` of expressions in the parameters.

    Notes
    -----
    Gambit's ``MixedStrategyProfile.max_regret`` (McKelvey, McLennan and Turocy, Gambit) with zero
    tolerance; the checker beside :func:`gametheory.equilibria.equilibria`.

    Examples
    --------
    >>> from gametheory.games import Game
    >>> pd = Game.from_arrays([[[3, 0], [5, 1]], [[3, 5], [0, 1]]])
    >>> regret(pd, (0, 0)), regret(pd, (1, 1))
    (2, 0)
    """
    game = _game(game)
    profile = as_profile(game, profile)
    gains = [g for row in _gains(game, profile) for g in row]
    if all(g.is_Rational for g in gains):
        return max(gains)
    if all(_is_number(g) for g in gains):
        best = gains[0]
        for g in gains[1:]:
            if number_sign(g - best) == "+":
                best = g
        return Reasoner().tidy(best)
    reasoner = Reasoner(game.assumptions)
    candidates = []
    for g in gains:
        g = reasoner.tidy(g)
        if g not in candidates:
            candidates.append(g)
    # keep the gains that no other gain is known to bound from above (under the assumptions)
    kept = [g for k, g in enumerate(candidates)
            if not any(reasoner.decide(sympy.Ge(reasoner.tidy(h - g), 0))[0] is True
                       and (j < k or reasoner.decide(sympy.Ge(reasoner.tidy(g - h), 0))[0] is not True)
                       for j, h in enumerate(candidates) if j != k)]
    return kept[0] if len(kept) == 1 else sympy.Max(*kept)


def is_equilibrium(game: Game, profile):
    """Whether ``profile`` is a Nash equilibrium of ``game``, exactly.

    Parameters
    ----------
    game : Game
    profile : Profile or tuple of int or nested sequences

    Returns
    -------
    bool or gametheory.conditions.Decision
        For a numeric game and profile: ``True`` if every player's probabilities form a
        distribution and no pure deviation gains (regret exactly zero), else ``False``. When the
        game or the profile holds parameters: a ``Decision`` whose ``value`` is True (an
        equilibrium wherever the assumptions hold), False (nowhere), or None with the
        ``conditions`` under which it is one (probabilities included: each must be nonnegative).

    Raises
    ------
    UsageError
        If the profile does not fit the game (number of players or of strategies).
    """
    game = _game(game)
    profile = as_profile(game, profile)
    gains = _gains(game, profile)
    probabilities = [p for row in profile.probabilities for p in row]
    numeric = all(_is_number(p) for p in probabilities) and all(_is_number(g) for row in gains for g in row)
    if numeric:
        reasoner = Reasoner()
        for row in profile.probabilities:
            if any(reasoner.sign(p) == "-" for p in row) or reasoner.sign(sum(row, _ZERO) - 1) != "0":
                return False
        return all(reasoner.sign(g) != "+" for row in gains for g in row)
    reasoner = Reasoner(game.assumptions)
    relations = []
    for row in profile.probabilities:
        relations.extend(sympy.Ge(reasoner.tidy(p), 0) for p in row)
        relations.append(sympy.Eq(reasoner.tidy(sum(row, _ZERO)), 1))
    relations.extend(sympy.Le(reasoner.tidy(g), 0) for row in gains for g in row)
    return reasoner.decision(relations)


def payoffs_at(game: Game, profile: Profile, reasoner: Reasoner) -> tuple[sympy.Expr, ...]:
    """Every player's expected payoff at ``profile``, in canonical form."""
    return tuple(reasoner.tidy(game.expected_payoff(profile, i)) for i in range(game.n_players))


def support_key(profile: Profile) -> tuple:
    """The order of mixed equilibria: by total support size, then supports, then probabilities."""
    n = len(profile.probabilities)
    supports = tuple(profile.support(i) for i in range(n))
    return (sum(len(s) for s in supports), supports, tuple(str(p) for row in profile.probabilities for p in row))

